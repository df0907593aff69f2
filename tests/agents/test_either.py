""""Blue or green": values of one facet joined by "or" are alternatives, all wanted (``Parsed.either``,
``DialogueState.offer``, ``Constraint.either``), never a correction where the last one wins."""

from __future__ import annotations

import pytest

from agents.turns import Turn
from agents.understand import parse
from retrieval.query import ComposedQuery, Constraint


@pytest.mark.parametrize("text, either", [
    ("preferably blue or green but definitely not red", {"colour": ["blue", "green"]}),
    ("a skirt or a dress", {"category": ["skirt", "dress"]}),
    ("beige, brown or grey", {"colour": ["beige", "brown", "grey"]}),
    ("red, or maybe a blue one", {"colour": ["red", "blue"]}),
    ("a red dress, blue shoes", {}),  # no "or": two things, not alternatives
    ("red, no, blue", {}),  # a correction
])
def test_alternatives_are_read(hash_assistant, text, either):
    assert parse(text, hash_assistant.lexicon).either == either


def test_both_alternatives_are_wanted_and_explained(hash_assistant):
    s = hash_assistant.new_session()
    r = s.step(Turn(text="a dress, blue or green"))
    b = s.state.beliefs["colour"]
    assert {b.positive, *b.either} == {"blue", "green"} and "colour: blue or green" in r.explanation
    assert Constraint("colour", b.positive, True, 1.0, tuple(b.either)) in s.last_query.constraints
    s.step(Turn(text="not green"))
    assert s.state.known()["colour"] == "blue" and not s.state.beliefs["colour"].either
    s.step(Turn(text="actually red"))
    assert s.state.known()["colour"] == "red" and not s.state.beliefs["colour"].either


def test_an_item_of_either_value_matches(hash_assistant):
    retriever, facets = hash_assistant.retriever, hash_assistant.facets
    ids, _, _ = retriever.rank(ComposedQuery(caption="a dress"))
    rows = retriever.facet_rows(ids)
    one = retriever.match_probability(rows, Constraint("colour", "blue"))
    both = retriever.match_probability(rows, Constraint("colour", "blue", either=("green",)))
    green = retriever.match_probability(rows, Constraint("colour", "green"))
    assert (both >= one - 1e-6).all() and (both >= green - 1e-6).all() and (both <= 1.0 + 1e-6).all()
    assert (both > one + 0.1).any()  # green items now match
    assert facets["colour"].values.index("green") >= 0


@pytest.mark.parametrize("text, either", [
    ("red and/or blue", {"colour": ["red", "blue"]}),
    ("a red or blue striped dress", {"colour": ["red", "blue"]}),  # blue is no stripe colour here
])
def test_more_alternative_shapes(hash_assistant, text, either):
    assert parse(text, hash_assistant.lexicon).either == either


def test_every_alternative_has_a_caption(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a blue or green dress"))
    captions = sorted(c for c, _ in s.last_query.captions)
    assert len(captions) == 2 and "blue" in captions[0] and "green" in captions[1]


def test_forgetting_one_alternative_keeps_the_other(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a blue or green dress"))
    s.step(Turn(text="forget the green"))
    assert s.state.known()["colour"] == "blue" and not s.state.beliefs["colour"].either
    s.step(Turn(text="a blue or green dress"))
    s.step(Turn(text="forget the blue"))
    assert s.state.known()["colour"] == "green" and not s.state.beliefs["colour"].either


def test_reading_one_alternative_again_keeps_both(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a blue or green skirt"))
    s.state.want("colour", "blue", 5)  # what the language-model reformulator does with its one value
    assert {s.state.known()["colour"], *s.state.beliefs["colour"].either} == {"blue", "green"}
