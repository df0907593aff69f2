"""A word before a garment says something about that garment (agents/understand.py, agents/lexicon.py): "a big
bag" is no large pattern, "a cosy jumper" no hat, "a laptop bag" no t-shirt."""

from __future__ import annotations

import pytest

from agents.understand import parse


def read(text, lexicon):
    p = parse(text, lexicon)
    return {(m.facet, m.value) for m in p.mentions if m.positive}, p.wishes


@pytest.mark.parametrize("text, values, wish", [
    ("a big bag", {("category", "bag")}, "big"),
    ("a big red coat", {("category", "coat"), ("colour", "red")}, "big"),
    ("a bag big enough for a laptop", {("category", "bag")}, "big"),
    ("a small hat", {("category", "hat")}, "small"),
])
def test_a_size_word_before_a_garment_sizes_the_garment_not_its_pattern(text, values, wish, lexicon):
    got, wishes = read(text, lexicon)
    assert got == values and wish in " ".join(wishes).split()


@pytest.mark.parametrize("text, scale", [
    ("big stripes", "large"), ("a big polka dot bag", "large"), ("a large striped bag", "large"),
    ("a dress with small flowers", "small"), ("small, please", "small"),
    ("a small leopard print dress", "small"), ("a large diamond pattern", "large"),
    ("a shirt with large diamonds", "large"), ("a shirt with small ties on it", "small"),
])
def test_a_size_word_before_a_pattern_still_sizes_the_pattern(text, scale, lexicon):
    assert ("scale", scale) in read(text, lexicon)[0]


@pytest.mark.parametrize("word", ["laptop", "desktop", "rooftop", "hilltop"])
def test_a_common_word_ending_in_a_kind_is_no_compound_of_it(word, lexicon):
    assert lexicon.compound(word) is None
    assert ("category", "t-shirt") not in read(f"a {word} bag", lexicon)[0]


@pytest.mark.parametrize("word, kind", [("sweatpants", "trousers"), ("raincoat", "coat"), ("croptop", "t-shirt")])
def test_garment_compounds_still_read(word, kind, lexicon):
    assert ("category", kind) in read(f"a {word}", lexicon)[0]


def test_an_adjective_before_a_garment_the_catalog_lacks_is_no_kind_of_its_own(lexicon):
    p = parse("a cosy jumper", lexicon)
    assert not [m for m in p.mentions if m.facet == "category"]
    assert [span for span, where in p.elsewhere] == ["jumper"]
