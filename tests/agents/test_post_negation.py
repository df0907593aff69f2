"""Negations said after their words ("stripes are a no") and scopes a joining word ended ("nothing with flowers"):
cues ``_POST_NEGATION`` and ``_SHAPES``."""

from __future__ import annotations

import pytest

from agents.understand import parse


def _read(text, lexicon):
    return {(m.facet, m.value, m.positive) for m in parse(text, lexicon).mentions}


@pytest.mark.parametrize("text, read", [
    ("stripes are a no", {("pattern", "striped", False)}),  # wanted stripes before
    ("v-necks don't suit me", {("neckline", "v-neck", False)}),
    ("long sleeves are out", {("sleeve", "long", False)}),
    ("I like red but stripes are a no", {("colour", "red", True), ("pattern", "striped", False)}),
    ("red is fine, but polka dots aren't really my thing", {("colour", "red", True), ("pattern", "polka-dot", False)}),
    ("a red dress. Florals are not my thing.", {("colour", "red", True), ("category", "dress", True),
                                              ("pattern", "floral", False)}),  # the full stop ends what is negated
    ("nothing with flowers", {("pattern", "floral", False)}),  # "with" ended the scope: flowers were wanted
    ("none with stripes", {("pattern", "striped", False)}),
    ("fewer flowers", {("pattern", "floral", False)}),
])
def test_a_negation_after_its_words_or_past_with_negates_them(text, read, lexicon):
    assert _read(text, lexicon) == read


@pytest.mark.parametrize("text, read", [
    ("the red one is out of stock", {("colour", "red", True)}),  # "out of" is no "out"
    ("the dress is not for me, it is for my mum", {("category", "dress", True)}),  # who wears it (review)
    ("a dress that is out there, bold", {("category", "dress", True)}),
    ("a dress where my arms are out", {("category", "dress", True), ("sleeve", "sleeveless", True)}),  # bare arms
    ("red is a no-brainer", {("colour", "red", True)}),
    ("a dress with flowers", {("category", "dress", True), ("pattern", "floral", True)}),
])
def test_without_such_a_negation_nothing_is_negated(text, read, lexicon):
    assert _read(text, lexicon) == read
