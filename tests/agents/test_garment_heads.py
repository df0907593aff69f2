"""A garment noun before another is its modifier (English compounds are head-final), and an English word is no
blend of two garment words (round 24, garment part; docs/language.md, row 4e)."""

import pytest

from agents.lexicon import Lexicon
from agents.understand import parse
from retrieval.facets import demo_facets


@pytest.fixture(scope="module")
def lexicon():
    lex = Lexicon(demo_facets())
    lex.embed(["x"])  # MiniLM loaded: its vocabulary says which words are English
    return lex


def kinds(text, lexicon):
    return [(m.value, m.positive) for m in parse(text, lexicon).mentions if m.facet == "category"]


@pytest.mark.parametrize("text, kind", [
    ("a t-shirt dress", "dress"), ("a hoodie-dress", "dress"), ("a red shirt jacket", "jacket"),
    ("a dirndl skirt", "skirt"), ("a coat dress in blue", "dress"), ("a hat bag", "bag"),
])
def test_the_last_garment_noun_is_the_kind(text, kind, lexicon):
    assert kinds(text, lexicon) == [(kind, True)]


def test_a_negated_compound_rules_out_that_kind_never_its_head(lexicon):  # found in review
    assert kinds("not a t-shirt dress", lexicon) == [] and parse("not a t-shirt dress", lexicon).unwanted == [
        "t shirt dress"]
    assert kinds("a dress but not a shirt dress", lexicon) == [("dress", True)]
    assert kinds("a coat, not a coat dress", lexicon) == [("coat", True)]
    assert parse("a t-shirt dress", lexicon).mentions[0].specific == "t shirt dress"  # the kind stays in the query


@pytest.mark.parametrize("text, kind", [("a bowling shirt", "shirt"), ("a down jacket", "jacket"),
                                        ("a long-sleeved chambray shirt", "shirt")])
def test_a_word_before_a_garment_noun_is_no_second_garment(text, kind, lexicon):
    assert kinds(text, lexicon) == [(kind, True)]


@pytest.mark.parametrize("text, expected", [
    ("a t-shirt and a dress", [("t-shirt", True), ("dress", True)]),
    ("a t-shirt, not a dress", [("t-shirt", True), ("dress", False)]),
    ("a dress shirt", [("shirt", True)]),  # the hand lexicon's phrase is read whole first
    ("a red t-shirt", [("t-shirt", True)]),
])
def test_garment_nouns_apart_or_alone_read_as_before(text, expected, lexicon):
    assert kinds(text, lexicon) == expected


def test_an_english_word_is_no_blend(lexicon):
    assert "carry" in lexicon._embed.vocabulary
    assert lexicon.blend("carry") is None
    assert kinds("a bag you carry on your back", lexicon) == [("bag", True)]
    assert lexicon.blend("shacket").value == "jacket"  # no English word: still a blend


def test_english_words_are_known_before_minilm_is_loaded():
    # the vocabulary comes from MiniLM's tokenizer file, so a turn before the warm-up reads as one after it
    fresh = Lexicon(demo_facets())
    assert fresh._embed is None and fresh.in_wordpiece("carry") and not fresh.in_wordpiece("shacket")
    assert fresh.blend("carry") is None
    assert fresh._embed is None  # nothing loaded the model


def test_a_separator_names_two_things_never_a_compound(lexicon):  # found in review
    assert kinds("shirt/jacket", lexicon) == [("shirt", True), ("jacket", True)]
    assert kinds("a shirt + jacket", lexicon) == [("shirt", True), ("jacket", True)]
    assert kinds("a shirt jacket", lexicon) == [("jacket", True)]  # without one, still a compound
