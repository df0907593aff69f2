"""Prices and clothing sizes, which the catalog does not record (agents/unsearchable.py): said once, never wishes."""

from __future__ import annotations

import pytest

from agents.turns import Turn
from agents.understand import parse


@pytest.mark.parametrize("text, names, kept", [
    ("a dress under 50 dollars", ["price"], {("category", "dress")}),
    ("something cheaper", ["price"], set()),
    ("a red dress for $30", ["price"], {("colour", "red"), ("category", "dress")}),
    ("a budget-friendly coat", ["price"], {("category", "coat")}),
    ("a dress, 50$ max", ["price"], {("category", "dress")}),
    ("a blue shirt in size M", ["size"], {("colour", "blue"), ("category", "shirt")}),
    ("a plus size dress", ["size"], {("category", "dress")}),
    ("a cheap t-shirt in XL", ["price", "size"], {("category", "t-shirt")}),
    ("my wife wants a dress in emerald", ["wearer"], {("category", "dress"), ("colour", "green")}),
    ("something my teenage son would wear", ["wearer"], set()),
    ("a shirt for my dad, he likes checks", ["wearer"], {("category", "shirt"), ("pattern", "checked")}),
    ("women's jacket", ["wearer"], {("category", "jacket")}), ("a dress for a little girl", ["wearer"], {("category", "dress")}),
    ("a coat for my boy", ["wearer"], {("category", "coat")}), ("a t-shirt for my 5 year old", ["wearer"], {("category", "t-shirt")}),
    ("something for the kids", ["wearer"], set()),
])
def test_prices_and_sizes_are_found_and_never_wishes(lexicon, text, names, kept):
    p = parse(text, lexicon)
    assert p.unsearchable == names and not p.wishes
    assert {(m.facet, m.value) for m in p.mentions} == kept


@pytest.mark.parametrize("text", ["a small polka dot dress", "a dress with 2 pockets", "a long dress",
                                  "pattern size small", "a shirt with large size checks", "dots, big size",
                                  "the size of the dots should be bigger", "a t-shirt with a price tag print",
                                  "an expensive-looking dress", "a dollar bill print", "a sister dress",
                                  "a dress like my mum's", "a blue shirt", "a coat similar to my mum's",
                                  "my friend has a dress like this", "a dress for my baby shower"])
def test_other_numbers_and_size_words_are_not_prices_or_sizes(lexicon, text):
    assert parse(text, lexicon).unsearchable == []


def test_the_answer_to_the_pattern_size_question_is_no_clothing_size(lexicon):
    p = parse("large size", lexicon, expect="scale")
    assert p.unsearchable == [] and {(m.facet, m.value) for m in p.mentions} == {("scale", "large")}
    assert parse("a dress in a small size", lexicon).unsearchable == ["size"]
    assert not any(m.facet == "scale" for m in parse("a dress in a small size", lexicon).mentions)


def test_the_reply_says_the_catalog_cannot_narrow_by_price(hash_assistant):
    s = hash_assistant.new_session()
    r = s.step(Turn(text="a red dress under 50 dollars"))
    assert "doesn't record prices" in r.message and "didn't recognise" not in r.message
    assert s.state.known() == {"colour": "red", "category": "dress"} and not s.state.wishes


@pytest.mark.parametrize("text", ["the price doesn't matter", "I don't care about the price", "size isn't important",
                                  "a red dress, price doesn't matter"])
def test_a_price_or_size_that_does_not_matter_is_no_request_and_no_wish(lexicon, text):
    p = parse(text, lexicon)
    assert p.unsearchable == [] and not p.wishes
