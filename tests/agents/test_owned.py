"""“A top to go with my navy skirt” (agents/owned.py): the user's own garment is left out, and the reply says so."""

from __future__ import annotations

import pytest

from agents.turns import Turn
from agents.understand import parse


@pytest.mark.parametrize("text, owned, values", [
    ("looking for a top to go with my navy skirt", ["navy skirt"], {("category", "t-shirt")}),
    ("a red scarf that matches my coat", ["coat"], {("colour", "red")}),
    ("a t-shirt to wear under my jacket", ["jacket"], {("category", "t-shirt")}),
    ("a blouse to go with my grey t shirt", ["grey t shirt"], {("category", "shirt")}),
    ("a hat that goes well with her old wool coat", ["old wool coat"], {("category", "hat")}),
])
def test_a_garment_the_user_has_is_no_request(text, owned, values, lexicon):
    p = parse(text, lexicon)
    assert p.owned == owned and not p.wishes
    assert {(m.facet, m.value) for m in p.mentions if m.positive} == values


@pytest.mark.parametrize("text", ["I want my dress in red", "something to go with my eyes", "a skirt like my mum's",
                                  "a dress to go with a red coat"])
def test_only_a_possessive_garment_in_the_shape_of_matching_is_owned(text, lexicon):
    assert parse(text, lexicon).owned == []


@pytest.mark.parametrize("text, goes_with, values", [
    ("a shirt that goes with jeans", ["jeans"], {("category", "shirt")}),  # searched for trousers before
    ("a dress to go with a red coat", ["red coat"], {("category", "dress")}),  # for a red coat before
    ("a hat to wear with the black dress", ["black dress"], {("category", "hat")}),
])
def test_a_garment_it_goes_with_is_no_request_either(text, goes_with, values, lexicon):
    p = parse(text, lexicon)
    assert p.goes_with == goes_with and p.owned == [] and not p.wishes
    assert {(m.facet, m.value) for m in p.mentions if m.positive} == values


@pytest.mark.parametrize("text, kinds", [
    ("a jacket and matching trousers", {"jacket", "trousers"}),  # a co-ord: both are asked for
    ("a dress with a red coat", {"dress", "coat"}),
    ("a top that goes with everything", {"t-shirt"}),  # no garment after the verb: nothing left out
])
def test_without_a_verb_of_going_with_both_are_asked_for(text, kinds, lexicon):
    p = parse(text, lexicon)
    assert p.goes_with == [] and {m.value for m in p.mentions if m.facet == "category"} == kinds


def test_the_reply_says_what_it_goes_with_was_left_out(hash_assistant):
    s = hash_assistant.new_session()
    r = s.step(Turn(text="a shirt that goes with jeans"))
    assert "left out “jeans”, what it should go with" in r.message and not r.error
    assert s.state.beliefs["category"].positive == "shirt"


def test_with_no_item_asked_for_the_reply_asks_what_kind(hash_assistant):
    s = hash_assistant.new_session()
    r = s.step(Turn(text="what goes with a red skirt"))  # "I searched for the item itself", which was none
    assert "what kind of thing you'd like to wear with it" in r.message and "item itself" not in r.message
    assert "category" not in s.state.known() and "colour" not in s.state.known()


def test_a_pair_of_is_no_wish(lexicon):
    assert parse("a pair of black trousers", lexicon).wishes == []


def test_the_reply_says_the_owned_garment_was_left_out(hash_assistant):
    s = hash_assistant.new_session()
    r = s.step(Turn(text="looking for a top to go with my navy skirt"))
    assert "I can't see your navy skirt" in r.message and not r.error
    assert s.state.beliefs["category"].positive == "t-shirt" and "colour" not in s.state.known()


def test_a_colour_starting_with_a_relation_word_is_no_wearer(lexicon):
    p = parse("a top to go with my baby pink skirt", lexicon)
    assert p.owned == ["baby pink skirt"] and p.unsearchable == []


@pytest.mark.parametrize("text, kind", [
    ("I'll go with a skirt then", "skirt"),  # choosing: left the skirt out (review)
    ("let's go with jeans instead", "trousers"),
    ("I want to go with a midi skirt", "skirt"),
])
def test_go_with_as_choosing_is_the_request(text, kind, lexicon):
    p = parse(text, lexicon)
    assert p.goes_with == [] and kind in {m.value for m in p.mentions if m.facet == "category" and m.positive}


def test_a_style_with_a_belt_is_no_verb_of_matching(lexicon):
    p = parse("a dress in a boho style with a belt", lexicon)
    assert p.goes_with == [] and [span for span, _ in p.elsewhere] == ["belt"]
