"""Round 29 (helper A): sleeve and neckline styles read by the shape of their edge or by their definition.

Shape words before a neckline noun draw its edge ("a rounded neck": crew, "a wrap neck": v-neck, "a stand-up
collar": turtleneck; ``agents.style_words.SHAPES``); the same reader, on the definition of a noun headed by a
sleeve or collar noun, compiles the styles GCIDE defines by their length or shape (``styles``), read only with a
facet noun or as the answer to that facet's question."""

import json
import sys
from pathlib import Path

import pytest

from agents.confidence import SURE, confidence
from agents.style_words import definition_value, definition_words, shape_value
from agents.understand import parse
from retrieval.facets import demo_facets
from tests.agents.test_heldout import GCIDE_PROVENANCE, STYLES_PROVENANCE

ROOT = Path(__file__).resolve().parents[2]
FACETS = demo_facets()


def values(text, lexicon, facet, expect=None):
    return [(m.value, m.positive) for m in parse(text, lexicon, expect).mentions if m.facet == facet]


@pytest.mark.parametrize("words,value", [
    ("rounded", "crew"), ("u", "crew"), ("o", "crew"), ("circular", "crew"),
    ("wrap", "v-neck"), ("crossover", "v-neck"), ("pointed", "v-neck"),
    ("stand", "turtleneck"), ("standing", "turtleneck"), ("roll", "turtleneck"),
    ("very low", "v-neck"),  # a degree word too, as ``landmarks.degree_value``
])
def test_shape_words_draw_the_necklines_edge(words, value):
    assert shape_value(words.split(), "neckline", FACETS, "neck") == value


@pytest.mark.parametrize("words,noun", [
    ("high quality", "neck"), ("round pendant", "neckline"), ("rounded pointed", "neck"),  # two ways: nothing
    ("pointed", "collar"), ("rounded", "collar"), ("wrap", "collar"),  # a shirt collar's points, no neckline edge
    ("high round", "collar"),  # a high crew neckline: two ways, no turtleneck
])
def test_other_words_or_a_collars_points_say_nothing(words, noun):
    assert shape_value(words.split(), "neckline", FACETS, noun) is None


def test_sleeves_have_no_shape_words():
    assert shape_value(["rounded"], "sleeve", FACETS, "sleeves") is None
    assert shape_value(["wrap"], "sleeve", FACETS) is None


@pytest.mark.parametrize("definition,facet,value", [
    ("A long, wide sleeve", "sleeve", "long"),  # GCIDE Poke, n., sense 2
    ("A sleeve covering the arm from the elbow to the hand", "sleeve", "long"),  # GCIDE Cubital
    ("a sleeve extending from the shoulder to the elbow", "sleeve", "short"),  # WordNet short_sleeve.n.01
    ("a sleeve with a large armhole and tight cuff", "sleeve", "long"),  # WordNet dolman_sleeve.n.01: a cuff
    ("A high, stiff collar for the neck", "neckline", "turtleneck"),  # GCIDE Piccadil
    ("a low-cut neckline on a woman's dress", "neckline", "v-neck"),  # WordNet decolletage.n.01
    ("a V-shaped neckline", "neckline", "v-neck"),
])
def test_a_definition_headed_by_the_facet_noun_states_a_value(definition, facet, value):
    found = definition_value(definition_words(definition), facet, FACETS)
    assert found and found[0] == value


@pytest.mark.parametrize("definition,facet", [
    ("A sleeve joined to the body of a garment by a long slanting seam", "sleeve"),  # the seam is long
    ("The fold at the end of a sleeve", "sleeve"),  # a cuff: its head is a fold
    ("A band around the collar of a garment", "neckline"),
    ("A wide sleeve, once worn by women", "sleeve"),  # wide says no length
    ("a flat collar with rounded ends that meet in front", "neckline"),  # its ends, a collar's points
    ("A pointed collar", "neckline"),
    ("A sleeveless jacket worn over the armor", "sleeve"),  # a jacket: what it lacks is no style of sleeve
])
def test_a_definition_of_something_else_or_of_no_length_states_nothing(definition, facet):
    assert definition_value(definition_words(definition), facet, FACETS) is None


def test_adjective_senses_are_read_after_having():
    sys.path.insert(0, str(ROOT / "scripts"))
    from style_definitions import read_sense

    assert read_sense("(of a garment) having a high neckline", "s", FACETS)[:2] == ("neckline", "turtleneck")
    assert read_sense("Having no sleeves", "a", FACETS)[:2] == ("sleeve", "sleeveless")
    assert read_sense("Cut low in the neck", "a", FACETS) is None  # no "having": no reading
    assert read_sense("A high tight collar", "a", FACETS) is None  # an adjective must say what a garment has


@pytest.mark.parametrize("text,facet,value", [
    ("a dress with a wrap neck", "neckline", "v-neck"),  # read as a turtleneck by similarity before
    ("a top with a rounded neckline", "neckline", "crew"),
    ("a dress with a crossover neckline", "neckline", "v-neck"),
    ("a dress with a standing collar", "neckline", "turtleneck"),
    ("a top with a stand-up collar", "neckline", "turtleneck"),  # "up" ended the noun phrase: a wish (round 30)
    ("a top with a u-neckline", "neckline", "crew"),
])
def test_a_shape_before_a_neckline_noun_is_a_guess(lexicon, text, facet, value):
    found = [m for m in parse(text, lexicon).mentions if m.facet == facet]
    assert [(m.value, m.positive) for m in found] == [(value, True)]
    assert found[0].source == "shape" and confidence("shape") < SURE


@pytest.mark.parametrize("text", [
    "a wrap dress", "a shirt with a pointed collar", "a standing desk", "a roll of fabric",
    "a shirt with a rounded collar", "a laptop sleeve", "a collar that can stand up",
])
def test_shape_words_without_a_neckline_noun_or_of_a_collars_points_read_no_neckline(lexicon, text):
    assert values(text, lexicon, "neckline") == [] and values(text, lexicon, "sleeve") == []


def test_shape_words_are_read_in_the_answer_to_the_neckline_question(lexicon):
    assert values("wrap", lexicon, "neckline", "neckline") == [("v-neck", True)]
    assert values("rounded", lexicon, "neckline", "neckline") == [("crew", True)]
    assert values("wrap", lexicon, "neckline", "sleeve") == []  # asked about the sleeves: no neckline


def test_the_compiled_styles_are_read_with_a_facet_noun_or_as_the_answer(lexicon):
    styles = lexicon.dictionary.styles
    assert styles["poke"][:2] == ["sleeve", "long"]  # GCIDE Poke, n., sense 2: "A long, wide sleeve"
    assert values("a dress with poke sleeves", lexicon, "sleeve") == [("long", True)]
    assert values("cubital", lexicon, "sleeve", "sleeve") == [("long", True)]  # "... from the elbow to the hand"
    assert values("piccadil", lexicon, "neckline", "neckline") == [("turtleneck", True)]
    assert values("a poke", lexicon, "sleeve") == []  # said without a sleeve in view: Webster's bag, no sleeve
    assert styles["dolman"][:2] == ["sleeve", "long"]  # GCIDE Dolman, sense 1: "A long robe …, with long sleeves"
    assert values("a dress with dolman sleeves", lexicon, "sleeve") == [("long", True)]
    assert values("a dolman", lexicon, "sleeve") == []  # the garment (WordNet: a jacket), no sleeve said


def test_the_compiled_table_keeps_its_provenance():
    gcide = json.loads((ROOT / "agents" / "vocab" / "gcide.json").read_text(encoding="utf-8"))
    styles = gcide["sets"]["demo"]["styles"]
    assert styles and gcide["sets"]["photos"]["styles"] == {}  # the photo facets have no sleeve nor neckline
    for w, (facet, value, where) in styles.items():
        assert facet in ("sleeve", "neckline") and value in FACETS[facet].values
        assert STYLES_PROVENANCE.match(where) and GCIDE_PROVENANCE.match(where), (w, where)
        assert where.split(",")[0].split(" (")[0].lower() == w  # only as the headword the dictionary defines
    wordnet = json.loads((ROOT / "agents" / "vocab" / "wordnet.json").read_text(encoding="utf-8"))
    assert "part_traits" not in wordnet["sets"]["demo"]  # tried, not adopted (docs/language-tried.md, round 29)


def test_a_garment_made_with_sleeves_names_them_but_never_sleeveless():
    sys.path.insert(0, str(ROOT / "scripts"))
    from style_definitions import read_sense

    assert read_sense("A long robe or outer garment, with long sleeves, worn by the Turks", "n", FACETS)[:2] == \
        ("sleeve", "long")
    assert read_sense("A kind of small outer jacket, with or without sleeves", "n", FACETS) is None
    assert read_sense("A musical instrument with small round body and a long neck", "n", FACETS) is None
