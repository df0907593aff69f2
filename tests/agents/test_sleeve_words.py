"""Sleeve and neckline words read through the body and through a garment's definition: the "-ed" and "-ing"
forms of a landmark phrase ("bare-shouldered", "shoulder-baring"), a limb as the place a sleeve ends
("shoulder-length", "arm-length"), "<landmark>-length <facet noun>" read as that facet, and the first word of a
WordNet garment name whose definition states the facet ("a mao collar") (docs/language.md, the body landmarks
and row 3d')."""

import pytest

from agents.knowledge import Entry, Knowledge
from agents.landmarks import landmark_value
from agents.lexicon import Lexicon
from agents.understand import parse
from retrieval.facets import demo_facets, facet_sets


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon(demo_facets(), embed=lambda texts: __import__("numpy").zeros((len(texts), 4), "float32"))


def read(text, lexicon, expect=None):
    return {(m.facet, m.value, m.source) for m in parse(text, lexicon, expect).mentions if m.positive}


@pytest.mark.parametrize("words, value", [
    (["bare", "shouldered"], "sleeveless"),  # the "-ed" adjective of a limb
    (["shoulder", "baring"], "sleeveless"),  # the "-ing" form of "bare"
    (["bare", "armed"], "sleeveless"),
    (["shoulder", "length"], "short"),  # a limb as where the sleeve ends
    (["shoulder", "skimming"], "short"),
    (["arm", "length"], "long"),  # the length of the arm: to its end
])
def test_landmark_word_forms(lexicon, words, value):
    assert landmark_value(words, lexicon.facets) == ("sleeve", value)


def test_a_limb_needs_a_relation_that_says_where_it_ends(lexicon):
    assert landmark_value(["over", "shoulder"], lexicon.facets) is None  # "a bag over the shoulder"
    assert landmark_value(["shoulder"], lexicon.facets) is None
    assert landmark_value(["arm"], lexicon.facets) is None
    assert landmark_value(["armed"], lexicon.facets) is None  # a limb alone, in any form, says nothing
    assert landmark_value(["shoulder", "length"], facet_sets()["photos"]) is None  # no sleeves there


@pytest.mark.parametrize("text, value", [
    ("a dress with shoulder-length sleeves", "short"),
    ("shoulder-skimming sleeves", "short"),
    ("a top with arm-length sleeves", "long"),
    ("a bare-shouldered dress", "sleeveless"),
])
def test_a_length_before_a_facet_noun_is_that_facets(lexicon, text, value):
    got = read(text, lexicon)
    assert ("sleeve", value, "landmark") in got
    assert not any(f == "length" for f, _, _ in got)  # "-length sleeves" says nothing of the hem


def test_a_hem_length_still_reads_as_the_length(lexicon):
    assert ("length", "midi", "lexicon") in read("knee length", lexicon)
    assert not parse("what sleeve length", lexicon).mentions


def test_the_first_word_of_a_garment_name_states_its_trait():
    asset = {"sets": {"demo": {"gloss_traits": {
        "mao jacket": {"neckline": ["turtleneck", "mao_jacket.n.01 (gloss: high collar)"]},
        "polo shirt": {"sleeve": ["short", "polo_shirt.n.01 (gloss: short sleeves)"]},
        "tank top": {"sleeve": ["sleeveless", "tank_top.n.01 (gloss: sleeveless)"]},
        "tank suit": {"sleeve": ["long", "made up"]},
        "vest": {"sleeve": ["sleeveless", "vest.n.01 (gloss: sleeveless)"]},
    }}}}
    k = Knowledge("demo", asset)
    assert k.clipped_traits("mao") == [Entry("neckline", "turtleneck",
                                             "mao of mao jacket: mao_jacket.n.01 (gloss: high collar)")]
    assert [e.value for e in k.clipped_traits("polo")] == ["short"]
    assert k.clipped_traits("tank") == []  # two garment names that disagree say nothing
    assert k.clipped_traits("vest") == []  # a whole one-word name is ``traits``' business
    assert k.clipped_traits("jacket") == []  # only a first word


def test_a_clipped_garment_name_before_a_facet_noun_is_a_guess(lexicon):
    assert ("neckline", "turtleneck", "clipped") in read("a blouse with a mao collar", lexicon)
    assert ("sleeve", "short", "clipped") in read("polo sleeves", lexicon)
    assert ("sleeve", "long", "wordnet") in read("sweatshirt sleeves", lexicon)  # a whole name: its definition
    assert not any(f == "neckline" for f, _, _ in read("polo sleeves", lexicon))  # only the facet of the noun
    assert not read("polo", lexicon)  # alone it is no sleeve length
