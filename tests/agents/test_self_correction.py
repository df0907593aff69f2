"""“Blue? No wait, green” (agents/self_correction.py): a value taken back in the same message is not wanted."""

from __future__ import annotations

import pytest

from agents.understand import parse


def _wanted(text, lexicon):
    return {(m.facet, m.value) for m in parse(text, lexicon).mentions if m.positive}


@pytest.mark.parametrize("text, wanted", [
    ("red... no, green", {("colour", "green")}),  # both colours were wanted before
    ("red, I mean green", {("colour", "green")}),
    ("red - sorry, green", {("colour", "green")}),
    ("blue? no wait, green", {("colour", "green")}),
    ("red, or rather green", {("colour", "green")}),
    ("a red dress, wait, no, a blue one", {("category", "dress"), ("colour", "blue")}),  # the dress stays
    ("a dress, no, a skirt", {("category", "skirt")}),
    ("I want red. Actually, make it blue", {("colour", "blue")}),
])
def test_a_value_taken_back_is_not_wanted(text, wanted, lexicon):
    assert _wanted(text, lexicon) == wanted


@pytest.mark.parametrize("text, wanted", [
    ("red, no green", {("colour", "red")}),  # a bare "no" before a value negates it: red without green
    ("red, actually also blue", {("colour", "red"), ("colour", "blue")}),  # "also" adds
    ("a red dress, no stripes", {("colour", "red"), ("category", "dress")}),  # another facet: nothing replaced
    ("navy or dark grey", {("colour", "blue"), ("colour", "grey")}),  # alternatives, no marker
    # found in review: a comparison, an addition said late or early, a polite "sorry", a question
    ("a blue dress, rather than a red one", {("colour", "blue"), ("category", "dress")}),
    ("I like red, actually I like blue too", {("colour", "red"), ("colour", "blue")}),
    ("a black skirt. Also, sorry, a white shirt", {("colour", "black"), ("category", "skirt"), ("colour", "white"),
                                                  ("category", "shirt")}),
    ("a green dress, sorry for the long message, with a bit of red on it",
     {("colour", "green"), ("category", "dress"), ("colour", "red")}),
    ("a red dress, wait, does it come in green?", {("colour", "red"), ("category", "dress"), ("colour", "green")}),
])
def test_without_a_correction_nothing_is_taken_back(text, wanted, lexicon):
    assert _wanted(text, lexicon) == wanted


def test_the_correction_marker_is_no_wish(lexicon):
    assert parse("red, I mean green", lexicon).wishes == []
