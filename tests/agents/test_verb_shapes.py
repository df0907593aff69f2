"""Verbs that are also other words: reaching ("falls to the knee"), retracting ("drop the red") and fastening
("ties at the waist") are read only in a verb's place (agents/landmarks.py ``_REACHING``, cues ``_IMPERATIVE``,
``word_roles.said_as_verb``)."""

from __future__ import annotations

import pytest

from agents.understand import parse


@pytest.mark.parametrize("text, facet, value", [
    ("a dress that falls to the knee", "length", "midi"),  # "falls" was a wish
    ("a skirt that hangs below the knee", "length", "midi"),  # a MiniLM guess before
    ("a skirt that goes down to my knees", "length", "midi"),  # "goes", "down" were wishes
    ("a dress that comes down to the floor", "length", "maxi"),  # "down" was a wish
    ("a skirt that drops to the floor", "length", "maxi"),
    ("a dress down to my knees", "length", "midi"),
    ("sleeves that go past the elbow", "sleeve", "long"),  # past the elbow is the forearm: short before
    ("sleeves beyond the wrist", "sleeve", "long"),
    ("sleeves to the elbow", "sleeve", "short"),  # "down" read as a shirt by similarity, then a wish (round 28)
])
def test_a_verb_of_reaching_joins_the_landmark(text, facet, value, lexicon):
    p = parse(text, lexicon)
    body = [m for m in p.mentions if m.facet == facet]
    assert [(m.value, m.source) for m in body] == [(value, "landmark")] and p.wishes == []


@pytest.mark.parametrize("text, kept", [
    ("a drop waist dress", ("category", "dress")),  # forgot the dress before
    ("a long drop waist dress", ("category", "dress")),  # an adjective before the verb (review)
    ("red drop waist dress", ("category", "dress")),
    ("sleeves that drop past the wrist", ("sleeve", "long")),  # forgot "past the wrist" before
])
def test_a_retraction_verb_after_an_article_or_subject_retracts_nothing(text, kept, lexicon):
    p = parse(text, lexicon)
    assert not p.forgotten and not p.forgotten_values and not p.retracted
    assert kept in {(m.facet, m.value) for m in p.mentions if m.positive}


@pytest.mark.parametrize("text, forgotten", [
    ("drop the red", [("colour", "red")]),
    ("ok, drop the stripes please", [("pattern", "striped")]),
    ("can you drop the pelican", ["pelican"]),
    ("could we drop the red", [("colour", "red")]),
    ("never mind the stripes", [("pattern", "striped")]),
])
def test_a_retraction_verb_in_an_imperative_still_retracts(text, forgotten, lexicon):
    p = parse(text, lexicon)
    assert (p.forgotten_values or p.forgotten) == forgotten


def test_a_fastening_verb_is_no_garment_the_catalog_lacks(lexicon):
    assert parse("a red dress that ties at the waist", lexicon).elsewhere == []
    assert [span for span, _ in parse("a shirt with ties", lexicon).elsewhere] == ["ties"]  # the noun still is


@pytest.mark.parametrize("text", ["ankle boots", "cuffed ankle boots", "knee socks"])
def test_a_landmark_naming_a_kind_is_no_length(text, lexicon):
    p = parse(text, lexicon)  # "ankle boots" read a maxi length by similarity
    assert not [m for m in p.mentions if m.facet in ("length", "sleeve")]
    assert [where.kind for _, where in p.elsewhere] == ["lacking"]  # the boots are still the kind asked for


def test_a_landmark_on_a_kind_without_that_facet_is_a_wish(lexicon):
    p = parse("a bag with straps to the wrist", lexicon)  # read long sleeves, for sure
    assert [m.facet for m in p.mentions] == ["category"] and "wrist" in " ".join(p.wishes)
    assert ("sleeve", "long") in {(m.facet, m.value) for m in parse("a dress with sleeves to the wrist", lexicon).mentions}


def test_a_verb_of_reaching_is_no_typo_of_a_kind(lexicon):
    p = parse("hits the knee", lexicon)  # "hits" was repaired to "hats", and the hat then dropped the length
    assert [(m.facet, m.value) for m in p.mentions] == [("length", "midi")] and p.corrections == []


@pytest.mark.parametrize("text", ["socks up to the knee", "boots to the knee", "gloves to the elbow"])
def test_a_landmark_on_a_garment_the_catalog_lacks_is_a_wish(text, lexicon):
    p = parse(text, lexicon)  # "socks up to the knee" searched midi dresses and skirts
    assert not [m for m in p.mentions if m.facet in ("length", "sleeve")]
    assert p.wishes and [where.kind for _, where in p.elsewhere] == ["lacking"]
    assert ("length", "midi") in {(m.facet, m.value) for m in parse("up to the knee", lexicon).mentions}


def test_a_garment_the_catalog_lacks_in_another_clause_keeps_the_landmark(lexicon):
    p = parse("to the knee, I'll wear socks", lexicon, expect="length")  # midi was lost (review)
    assert ("length", "midi", True) in {(m.facet, m.value, m.positive) for m in p.mentions}
