"""Catalog v2's new facets in a user's words: the schema's phrases, and any colour word before "background"."""

import pytest

from agents.understand import parse


def _said(text, lexicon):
    return {(m.facet, m.value) for m in parse(text, lexicon).mentions if m.positive}


@pytest.mark.parametrize("text, expected", [
    ("a red coat with a zip on a pink background", {("colour", "red"), ("category", "coat"), ("closure", "zip"),
                                                    ("background", "pink")}),
    ("a hat with a narrow brim", {("category", "hat"), ("brim", "narrow-brim")}),
    ("a handbag with a shoulder strap", {("category", "bag"), ("strap", "shoulder-strap")}),
    ("skinny jeans", {("fit", "slim"), ("category", "trousers")}),
    ("a dress with large polka dots", {("category", "dress"), ("scale", "large"), ("pattern", "polka-dot")}),
])
def test_schema_words_of_the_new_facets(text, expected, lexicon):
    assert expected <= _said(text, lexicon)


@pytest.mark.parametrize("text, value", [
    ("a dress on a rose background", "pink"),  # "rose" is a colour word of the lexicon, not a schema word
    ("a hat on a lemon background", "yellow"),  # a thing's name read as a colour
    ("a coat against a sky blue backdrop", "blue"),  # a matplotlib colour name
])
def test_any_colour_word_names_the_background(text, value, lexicon):
    said = _said(text, lexicon)
    assert ("background", value) in said and not any(f == "colour" and v == value for f, v in said)


def test_a_colour_without_background_is_the_garments(lexicon):
    assert _said("a pink bag", lexicon) == {("colour", "pink"), ("category", "bag")}
    assert ("background", "pink") not in _said("a pink bag with a top handle", lexicon)
