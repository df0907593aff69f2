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
