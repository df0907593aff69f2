"""Word forms read through the facet nouns (issue 13): "-ed" adjectives of a facet noun ("short-armed"), a
facet's nouns standing for each other ("high collar" as "high neck"), "-less" ("armless"), "X-free"
("logo-free"), compounds that are no typos ("overshirt"), the typo bar's first letter, and things the
catalog cannot sell that read as a decoration when worn ("tulips" -> floral)."""

import pytest

from agents.spelling import Speller
from agents.understand import parse


def read(text, lexicon):
    return [(m.facet, m.value, m.positive) for m in parse(text, lexicon).mentions]


@pytest.mark.parametrize("text,expected", [
    ("short-armed", ("sleeve", "short", True)), ("a long-armed dress", ("sleeve", "long", True)),
    ("a high-collared dress", ("neckline", "turtleneck", True)), ("armless", ("sleeve", "sleeveless", True)),
    ("not armless", ("sleeve", "sleeveless", False)), ("logo-free", ("motif", "none", True)),
    ("a dress with no arms", ("sleeve", "sleeveless", True)), ("without arms", ("sleeve", "sleeveless", True)),
])
def test_facet_noun_forms(lexicon, text, expected):
    assert expected in read(text, lexicon)


def test_free_ends_its_own_negation(lexicon):
    got = read("a logo-free hoodie", lexicon)
    assert ("category", "hoodie", True) in got and ("motif", "none", True) in got


@pytest.mark.parametrize("text,expected", [
    ("logoless", ("motif", "none", True)), ("a logoless hoodie", ("motif", "none", True)),
    ("patternless", ("pattern", "solid", True)), ("free of logos", ("motif", "none", True)),
    ("a hoodie free from any graphics", ("motif", "none", True)),
    ("a top free of the stripes", ("pattern", "striped", False)), ("a tee free of a logo", ("motif", "none", True)),
])
def test_less_and_free_of_a_decoration_word_say_no_decoration(lexicon, text, expected):
    assert expected in read(text, lexicon)


def test_a_common_english_word_ending_in_a_pattern_word_is_no_pattern(lexicon):  # found in review
    lexicon.table()  # loads MiniLM, whose WordPiece vocabulary knows "complain"
    assert lexicon.compound("complain") is None and ("pattern", "solid", True) not in read(
        "a red dress please, sorry to complain", lexicon)
    assert lexicon.compound("chalkstripe").value == "striped"


def test_less_of_a_word_that_names_no_decoration_says_nothing(lexicon):
    assert read("careless", lexicon) == [] and read("pointless", lexicon) == []


def test_privative_needs_a_facet_noun(lexicon):
    assert read("a collarless shirt", lexicon) == [("category", "shirt", True)]  # "no collar" names no value
    assert not any(f == "sleeve" for f, _, _ in read("a harmless shirt", lexicon))  # "harm" is no facet noun


def test_a_compound_of_a_known_kind_is_no_typo(lexicon):
    p = parse("an overshirt", lexicon)
    assert p.corrections == [] and [(m.facet, m.value) for m in p.mentions] == [("category", "shirt")]


def test_typos_keep_the_first_letter():
    speller = Speller(["calpack", "jacket"])
    assert speller.correct("daypack") is None
    assert speller.correct("jakcet") == "jacket"


def test_plants_on_a_garment_read_as_floral(lexicon):
    p = parse("a dress with tulips", lexicon)
    floral = [m for m in p.mentions if m.facet == "pattern"]
    assert [(m.value, m.specific) for m in floral] == [("floral", "tulips")] and not p.elsewhere
    assert lexicon.knowledge.depicted("tulips").path.startswith("tulip.n.01")
    assert lexicon.knowledge.depicted("dog") is None
    assert [s for s, _ in parse("a sports car", lexicon).elsewhere] == ["sports car"]


@pytest.mark.parametrize("text,expected", [
    ("without a pattern", ("pattern", "solid", True)), ("a shirt without a pattern", ("pattern", "solid", True)),
    ("without print", ("motif", "none", True)), ("a tee without a print", ("motif", "none", True)),
    ("not without a pattern", ("pattern", "solid", False)),
])
def test_without_the_facets_own_word_says_its_empty_value(lexicon, text, expected):
    # "pattern" and "print" are function words of the parser, so before this nothing read these at all
    assert expected in read(text, lexicon)


def test_without_a_facet_word_that_has_no_empty_phrase_says_nothing(lexicon):
    assert read("a shirt without a collar", lexicon) == [("category", "shirt", True)]
    assert read("without a colour", lexicon) == []


@pytest.mark.parametrize("text", ["no images", "a tee with no pictures", "without a picture"])
def test_no_and_a_word_about_the_picture_says_no_print(lexicon, text):
    # "image", "pictures" are function words of the parser (words about the photo): before, these read nothing
    assert ("motif", "none", True) in read(text, lexicon)


@pytest.mark.parametrize("text", ["nothing like this picture", "no thanks", "not this image"])
def test_a_picture_word_not_right_after_the_negation_says_nothing(lexicon, text):
    assert ("motif", "none", True) not in read(text, lexicon)


@pytest.mark.parametrize("token, word", [("looooong", "long"), ("dresssss", "dress"), ("reeeed", "red"),
                                         ("stripesss", "stripes"), ("greeeen", "green")])
def test_a_letter_held_for_emphasis_is_said_once_or_twice(token, word):
    speller = Speller(["long", "dress", "red", "stripes", "green"], real_words=["reed"])
    assert speller.correct(token) == word  # "reeeed": "red" and "reed" are both there, "red" alone known


@pytest.mark.parametrize("token", ["zzz", "brrr", "cooool", "reeed"])  # no known word, or two ("reeed": red, reed)
def test_a_held_letter_that_makes_no_single_known_word_stays(token):
    assert Speller(["red", "reed", "wool"]).correct(token) is None  # nor is "cooool" repaired to "wool" by distance


def test_an_english_form_of_a_short_word_is_no_typo():
    # "hits" (of "hit", under the WordNet asset's length bar) was repaired to "hats": "hits the knee" read a hat
    common = {"hits", "hit"}.__contains__
    assert Speller(["hats", "knee"], common=common).correct("hits") is None
    assert Speller(["hats", "knee"], common={"hits"}.__contains__).correct("hits") == "hats"  # the stem decides
