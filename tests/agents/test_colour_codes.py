"""“A dress in #1f3a93”: a typed colour code is the palette colour of its RGB (agents/colour_codes.py)."""

from __future__ import annotations

import pytest

from agents.understand import parse


@pytest.mark.parametrize("text, value", [
    ("a dress in #ff0000", "red"),  # the code was a wish, "ff0000"
    ("a top in #1F3A93", "blue"),
    ("a dress in rgb(0, 128, 0)", "green"),
    ("#000000 please", "black"),
])
def test_a_colour_code_reads_its_palette_colour(text, value, lexicon):
    p = parse(text, lexicon)
    assert [(m.value, m.source) for m in p.mentions if m.facet == "colour"] == [(value, "colour code")]
    assert not any(ch.isdigit() for wish in p.wishes for ch in wish)


def test_a_result_number_is_no_colour_code(lexicon):
    assert parse("like #3", lexicon).result_refs == [(3, True)] and not parse("like #3", lexicon).mentions
    p = parse("a dress like #3 but in #00ff00", lexicon)
    assert p.result_refs == [(3, True)] and ("colour", "green") in {(m.facet, m.value) for m in p.mentions}
    assert parse("a dress in rgb(300, 0, 0)", lexicon).mentions[0].facet == "category"  # no colour past 255
