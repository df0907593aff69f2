"""The forced choice for an answer about one facet (``agents.forced_choice``): a clear development word is
read as the asked facet's value and said to be a guess; nonsense and "don't know" answers keep their meaning;
outside an answer nothing changes."""

import pytest

from agents.forced_choice import BAR, SOURCE, forced_choice
from agents.turns import Turn
from agents.understand import parse

WARM_LEXICON = True  # the full table embedded and the probe fitted (conftest.py)


def guesses(text, lexicon, expect=None):
    return [(m.facet, m.value) for m in parse(text, lexicon, expect).mentions if m.source == SOURCE]


# Development words (tests/agents/dev_vocabulary*.yaml) that no other source reads.
@pytest.mark.parametrize("word, facet, value", [
    ("chessboard grid", "pattern", "checked"),
    ("one flat colour", "pattern", "solid"),
])
def test_an_answer_no_source_reads_is_a_choice_among_the_asked_facets_values(lexicon, word, facet, value):
    assert guesses(word, lexicon) == []  # out of context the open fallback keeps its bar
    assert guesses(word, lexicon, facet) == [(facet, value)]
    m = forced_choice(word, facet, lexicon)
    assert m is not None and m.value == value and m.score >= BAR


def test_the_choice_is_only_among_the_asked_facet(lexicon):
    assert guesses("chessboard grid", lexicon, "motif") == []
    assert guesses("chessboard grid", lexicon, "sleeve") == []


def test_no_guess_beside_another_facets_reading(lexicon):
    """"deep v" asked about the pattern is a neckline; "deep" is no pattern."""
    assert guesses("deep v", lexicon, "pattern") == []
    assert ("neckline", "v-neck") in [(m.facet, m.value) for m in parse("deep v", lexicon, "pattern").mentions]


@pytest.mark.parametrize("text", ["qzxv", "asdf", "🙂", "whatever you think", "don't know", "doesn't matter",
                                  "no idea"])
@pytest.mark.parametrize("facet", ["sleeve", "neckline", "pattern", "motif"])
def test_nonsense_and_dont_care_are_never_guessed(lexicon, text, facet):
    before = parse(text, lexicon)
    after = parse(text, lexicon, facet)
    assert guesses(text, lexicon, facet) == []
    assert after.dont_care == before.dont_care
    assert forced_choice(text, facet, lexicon) is None


def test_dont_care_keeps_its_meaning(lexicon):
    assert parse("doesn't matter", lexicon, "sleeve").dont_care


def test_a_negated_answer_is_not_guessed(lexicon):
    assert guesses("no chessboard grid", lexicon, "pattern") == []


def test_the_reply_says_it_was_a_guess_and_keeps_the_words(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a shirt"))
    r = s.step(Turn(text="chessboard grid", answer_to="pattern"))
    assert s.state.beliefs["pattern"].positive == "checked"
    assert "I took “chessboard grid” as checked — say if not." in r.message
    assert "chessboard grid" in s.state.wishes and "chessboard grid" in r.query


def test_only_a_facet_of_few_values_is_a_forced_choice(lexicon):
    """The colour palette and the catalog's kinds have their own in-context sources; no guess there."""
    assert forced_choice("chessboard grid", "colour", lexicon) is None
    assert forced_choice("chessboard grid", "category", lexicon) is None
    assert guesses("one flat colour", lexicon, "colour") == []


def test_no_guess_when_the_answer_already_named_the_facet(lexicon):
    """A word of the answer read by another source ("round" as crew) leaves nothing to guess."""
    found = [(m.facet, m.value) for m in parse("classic round", lexicon, "neckline").mentions if m.positive]
    assert found == [("neckline", "crew")]
