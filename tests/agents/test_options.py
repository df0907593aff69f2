"""“What colours do you have?” (agents/options.py): answered with the catalog's values, never searched for."""

from __future__ import annotations

import numpy as np
import pytest

from agents.intents import intent_of
from agents.options import facet_named, options_text
from agents.state import DialogueState
from agents.turns import Turn
from retrieval.facets import demo_facets, load_facets


@pytest.mark.parametrize("text, about", [
    ("what colours do you have?", "colours"), ("Which patterns are there?", "patterns"),
    ("what colors are available", "colours"), ("so what necklines are there", "necklines"),
    ("what colours can I choose from", "colours"), ("what colour do you have this in?", "colour"),
    ("what are the sleeve options?", "sleeve"), ("what do you sell?", ""), ("hi, what do you have?", ""),
    ("what kinds of items do you have?", "items"), ("what shoes do you have?", "shoes"),
])
def test_a_question_about_the_choices_is_an_intent(text, about):
    intent = intent_of(text)
    assert intent is not None and (intent.name, intent.about) == ("options", about)


@pytest.mark.parametrize("text", ["what else do you have", "is there a red one?", "a dress in every colour",
                                  "what did you understand?", "which one is closest to a blue shirt"])
def test_other_questions_are_not_about_the_choices(text):
    intent = intent_of(text)
    assert intent is None or intent.name != "options"


@pytest.mark.parametrize("words, facet", [
    ("colours", "colour"), ("colour", "colour"), ("shades", "colour"), ("patterns", "pattern"),
    ("sleeve", "sleeve"), ("necklines", "neckline"), ("prints", "motif"), ("items", "category"),
    ("kinds of clothes", "category"), ("", "category"), ("sleeve lengths", "sleeve"), ("shoes", None),
    ("neck styles", "neckline"), ("sleeve types", "sleeve"),
    ("sizes", None),
])
def test_the_question_names_a_facet_by_the_facet_sets_own_words(words, facet):
    assert facet_named(words, demo_facets()) == facet


def test_photo_facets_are_named_by_their_labels():
    photos = load_facets()
    assert facet_named("settings", photos) == "setting"
    assert facet_named("times of day", photos) == "time_of_day"
    assert facet_named("sleeves", photos) is None


def test_the_answer_lists_the_values_and_searches_nothing(hash_assistant):
    s = hash_assistant.new_session()
    first = s.step(Turn(text="a red dress"))
    before = (s.state.to_dict(), s.undo[:])
    r = s.step(Turn(text="What colours do you have?"))
    assert r.message.startswith("This catalog's colours: black, white, grey, red,") and not r.error
    assert "You asked for red." in r.message and "didn't recognise" not in r.message
    assert first.question is not None and r.message.endswith(first.question.text)
    after = s.state.to_dict()
    assert after.pop("turns")[:-2] == before[0].pop("turns") and (after, s.undo[:]) == before  # two turns added
    assert [t.text for t in s.state.turns if t.role == "user"][-1] == "What colours do you have?"  # kept


def test_the_answer_names_the_values_the_shown_results_have_most_common_first():
    facets = demo_facets()
    colours = facets["colour"].values

    def result(colour):  # one shown result's facet distribution: most likely this colour
        d = np.full(len(colours) + 1, 0.01)
        d[colours.index(colour)] = 0.9
        return {"colour": d}

    shown = [result("teal"), result("red"), result("teal"), result("black")]
    text = options_text(facets, "colour", DialogueState(), shown)
    assert "Among the results shown now: teal, red and black." in text
    assert "Say which you want" in text and "Say which" not in options_text(facets, "colour", DialogueState(), shown,
                                                                            asking=True)
    assert "Among the results" not in options_text(facets, "colour", DialogueState(), [])
    assert options_text(facets, "category", DialogueState(), []).startswith(
        "This catalog's types of item: t-shirts, shirts, dresses,")


def test_a_question_about_something_that_is_no_facet_is_a_request(hash_assistant):
    s = hash_assistant.new_session()
    r = s.step(Turn(text="what shoes do you have?"))
    assert "no shoes" in r.message and "This catalog's" not in r.message
