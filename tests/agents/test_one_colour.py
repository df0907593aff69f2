"""A count of one said of a colour noun is the solid pattern (round 29, ``cues._ONE_COLOUR``): "one colour", "a
single shade", "single-toned", "unicolour", "monochrome"; not "the same colour" (a comparison), not a step of a
colour ("one shade darker"), negated after "not"."""

import pytest

from agents.lexicon import Lexicon
from agents.understand import parse
from retrieval.facets import facet_sets


def _pattern(text, lexicon, expect=None):
    return [(m.value, m.positive) for m in parse(text, lexicon, expect).mentions if m.facet == "pattern"]


@pytest.mark.parametrize("text", ["one colour", "a shirt in one colour", "a single shade", "single-toned",
                                  "unicolour", "unicolored", "monochrome", "a monochromatic dress",
                                  "a dress, one colour only"])
def test_one_colour_is_solid(text, lexicon):
    assert _pattern(text, lexicon) == [("solid", True)]


@pytest.mark.parametrize("text", ["the same colour as the first", "one shade darker", "a single tone lighter",
                                  "a two-tone shirt", "any colour is fine", "the colour of the first one",
                                  "a red dress"])
def test_other_colour_phrases_say_no_pattern(text, lexicon):
    assert _pattern(text, lexicon) == []


def test_not_one_colour_is_a_negated_solid(lexicon):
    assert _pattern("not one colour", lexicon) == [("solid", False)]


def test_the_colour_said_beside_it_is_still_read(lexicon):
    parsed = parse("just one colour, navy", lexicon)
    assert ("colour", "blue") in [(m.facet, m.value) for m in parsed.mentions]
    assert ("pattern", "solid") in [(m.facet, m.value) for m in parsed.mentions]


def test_the_photo_facets_have_no_solid_to_read():
    photos = Lexicon(facet_sets()["photos"])
    assert not [m for m in parse("one colour", photos).mentions if m.facet == "pattern"]
