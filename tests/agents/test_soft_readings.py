"""How hard a sure reading filters (agents/doubt.py ``filter_weight``): for a user some of whose answers were
misread, and for a reading made in the answer about another facet, by the likelihood its source's measured
precision gives; otherwise as a fact."""

from __future__ import annotations

import math

import pytest

from agents.confidence import confidence
from agents.doubt import filter_weight
from agents.reformulator import OfflineReformulator
from agents.state import DialogueState, TurnRecord
from retrieval.facets import demo_facets


def _state(**readings) -> DialogueState:
    """Sure beliefs: facet=(value, source)."""
    state = DialogueState(turns=[TurnRecord("user", "…")])
    for turn, (facet, (value, source)) in enumerate(readings.items()):
        state.want(facet, value, turn, "user", confidence(source), value, reading=source)
    return state


def _weights(state: DialogueState) -> dict[str, float]:
    query = OfflineReformulator(demo_facets()).compose(state)
    return {c.facet: c.weight for c in query.constraints if c.positive}


def test_a_user_read_well_is_filtered_as_before():
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour survey"), pattern=("floral", "wordnet"))
    state.answers.append(("sleeve", 1.0))  # every answer read for sure: the canonical user
    assert _weights(state) == {"category": 1.0, "colour": 1.0, "pattern": 1.0}


def test_for_a_misread_user_a_reading_filters_by_how_often_its_source_is_right():
    state = _state(category=("dress", "wordnet"), colour=("grey", "colour survey"), pattern=("floral", "lexicon"))
    state.misreads = 1  # an answer read as nothing
    w = _weights(state)
    colours = len(demo_facets()["colour"].values)
    assert w["colour"] == pytest.approx(math.log(0.79 * (colours - 1) / 0.21) / -math.log(1e-3))  # survey: 79 in 100
    assert w["pattern"] == 1.0  # the hand lexicon's word: still a fact
    assert 0.4 < w["colour"] < w["category"] < 1.0  # WordNet (0.88) filters harder than the survey (0.79)
    hue = _state(colour=("grey", "colour hue"))
    hue.misreads = 1
    assert _weights(hue)["colour"] < w["colour"]  # the hue rules (0.77) less than the survey


def test_a_reading_made_in_the_answer_about_another_facet_filters_less_for_every_user():
    state = _state(category=("dress", "lexicon"), colour=("pink", "colour survey"))
    state.answers.append(("pattern", 1.0))  # a user read well
    assert filter_weight(state, state.beliefs["colour"], 13) == 1.0
    state.beliefs["colour"].aside = True  # "roses", the answer about the pattern, read as pink
    assert filter_weight(state, state.beliefs["colour"], 13) == pytest.approx(math.log(0.5 * 12 / 0.5) / -math.log(1e-3))
    state.beliefs["category"].aside = True
    assert filter_weight(state, state.beliefs["category"], 11) == 1.0  # the hand lexicon's word, aside or not


def test_a_guess_keeps_its_confidence_and_an_aside_filters_less():
    state = _state(colour=("grey", "similarity"))
    state.misreads = 1
    assert filter_weight(state, state.beliefs["colour"], 12) == confidence("similarity")
    sure = _state(colour=("grey", "colour survey"))
    sure.misreads = 1
    full = filter_weight(sure, sure.beliefs["colour"], 12)
    sure.beliefs["colour"].aside = True  # read in the answer about another facet: trusted at most 0.5
    assert filter_weight(sure, sure.beliefs["colour"], 12) < full


def test_a_reading_no_better_than_chance_does_not_filter():
    state = _state(scale=("large", "colour survey"))
    state.misreads = 1
    state.beliefs["scale"].aside = True  # trusted at 0.5 on a facet of two values: as good as a coin
    assert filter_weight(state, state.beliefs["scale"], 2) == 0.0


def test_an_answer_about_another_facet_read_for_sure_is_no_misreading(hash_assistant):
    from agents.turns import Turn
    s = hash_assistant.new_session()
    r = s.step(Turn(text="a dress"))
    asked = r.question.facet
    other = "sleeve" if asked != "sleeve" else "pattern"
    s.step(Turn(text="it had long sleeves" if other == "sleeve" else "it was striped"))
    assert s.state.misreads == 0
    s.step(Turn(text="qwzx"))  # read as nothing
    assert s.state.misreads == 1
