"""“Something between blue and green”: the colour halfway between two named colours (agents/colour_mix.py)."""

from __future__ import annotations

import pytest

from agents.confidence import SURE, confidence
from agents.understand import parse


@pytest.mark.parametrize("text, value", [
    ("something between blue and green", "teal"),  # blue and green were both wanted, "between" a wish
    ("a dress somewhere between black and white", "grey"),
    ("between red and yellow", "orange"),
    ("between red and white", "pink"),  # a colour and a hueless one
])
def test_a_colour_between_two_colours_is_the_one_halfway(text, value, lexicon):
    colours = [m for m in parse(text, lexicon).mentions if m.facet == "colour"]
    assert [(m.value, m.positive, m.source) for m in colours] == [(value, True, "mix")]
    assert confidence("mix") < SURE and "between" not in " ".join(parse(text, lexicon).wishes)


def test_between_words_that_are_no_colours_reads_no_colour(lexicon):
    p = parse("something to wear between work and dinner", lexicon)
    assert not [m for m in p.mentions if m.facet == "colour"]


@pytest.mark.parametrize("text, colours", [
    ("I can't decide between blue and green", {("blue", True), ("green", True)}),  # a choice: blue was ruled out
    ("a dress, torn between red and pink", {("red", True), ("pink", True)}),
    ("a colour between blue and yellow", {("blue", True), ("yellow", True)}),  # hues too far apart: no grey
])
def test_a_choice_or_hues_far_apart_read_the_two_colours_as_said(text, colours, lexicon):
    assert {(m.value, m.positive) for m in parse(text, lexicon).mentions if m.facet == "colour"} == colours
