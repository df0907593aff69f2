"""Readings the results contradict (agents/doubt.py): the least reliable sure reading is asked about once more,
and the answer replaces it, or leaves it a guess when it reads as nothing."""

from __future__ import annotations

import json

import numpy as np
import pytest

import agents.session as session_module
from agents.confidence import PRECISION, SURE, confidence, reliability
from agents.doubt import ASIDE, DOUBTED, misread, shaky, suspect, trust, unconfirmed
from agents.fold import fold
from agents.parsed import Mention
from agents.questioner import PAIR, EntropyQuestioner
from agents.state import DialogueState, TurnRecord
from agents.turns import Turn
from retrieval.facets import demo_facets


class _Shelf:
    """A test double of ``agents.ports.Candidates``: each item has exactly the values given."""

    def __init__(self, facets, items: dict[int, dict[str, str]]):
        self.facets, self.items = facets, items

    def facet_distribution(self, item_ids, weights):
        out = {}
        for f in self.facets:
            dist = np.zeros(len(f.values) + 1)
            for i in item_ids:
                v = self.items[int(i)].get(f.name)
                dist[f.values.index(v) if v else -1] += 1
            out[f.name] = dist / max(dist.sum(), 1)
        return out

    def vectors_by_id(self, ids):
        return {}


def _state(**readings) -> DialogueState:
    """Sure beliefs: facet=(value, source)."""
    state = DialogueState(turns=[TurnRecord("user", "…")])
    for turn, (facet, (value, source)) in enumerate(readings.items()):
        state.want(facet, value, turn, "user", confidence(source), value, reading=source)
    return state


def _demo_facets():
    return demo_facets()


@pytest.fixture
def facets(hash_assistant):
    return hash_assistant.library.facets


def test_only_sure_sources_measured_below_one_are_less_than_reliable():
    assert reliability("lexicon") == reliability("answer") == reliability("landmark") == 1.0
    assert all(confidence(s) >= SURE > reliability(s) for s in PRECISION)  # facts in the ranking, doubted in dialogue
    assert reliability("similarity") == confidence("similarity")  # a guess is as reliable as its confidence


def test_when_no_shown_result_has_every_sure_value_the_least_reliable_reading_is_doubted(facets):
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour hue"), pattern=("floral", "wordnet"))
    shelf = _Shelf(facets, {1: {"category": "dress", "colour": "purple", "pattern": "floral"},
                            2: {"category": "dress", "colour": "grey", "pattern": "solid"},
                            3: {"category": "skirt", "colour": "grey", "pattern": "floral"}})
    assert suspect(state, shelf, np.array([1, 2, 3]), facets) == "colour"  # hue rules 0.77 < WordNet 0.88
    state.doubted.append("colour")
    assert suspect(state, shelf, np.array([1, 2, 3]), facets) == "pattern"  # once per facet in a dialogue
    assert suspect(state, shelf, np.array([1]), facets) is None  # result 1 fails only the doubted colour


def test_a_shown_result_with_everything_or_readings_of_the_hand_lexicon_are_never_doubted(facets):
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour survey"))
    fits = _Shelf(facets, {1: {"category": "skirt", "colour": "red"}, 2: {"category": "dress", "colour": "grey"}})
    assert suspect(state, fits, np.array([1, 2]), facets) is None  # result 2 has everything the user said
    assert suspect(state, fits, np.array([1]), facets) == "colour"
    catalog_words = _state(category=("dress", "lexicon"), colour=("grey", "lexicon"))
    assert suspect(catalog_words, fits, np.array([1]), facets) is None  # nothing less than reliable to doubt
    one = _state(colour=("grey", "colour survey"))
    assert suspect(one, fits, np.array([1]), facets) is None  # a single reading contradicts nothing


def test_the_answer_to_the_confirming_question_replaces_the_reading_even_as_a_guess():
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour hue"))
    guess = Mention("colour", "purple", True, "colour resource", "aubergine")
    assert fold(state, [guess], "colour", 2) == [guess]  # outside a confirmation a guess never replaces a fact
    assert state.beliefs["colour"].positive == "grey"
    assert fold(state, [guess], "colour", 2, confirming="colour") == []
    b = state.beliefs["colour"]
    assert (b.positive, b.guess, b.reading, b.said) == ("purple", True, "colour resource", "aubergine")


def test_an_unread_confirmation_leaves_the_reading_a_guess_with_its_words():
    state = _state(colour=("grey", "colour hue"))
    state.beliefs["colour"].said = "thistle"
    unconfirmed(state, "colour")
    b = state.beliefs["colour"]
    assert b.positive == "grey" and b.guess and b.confidence == DOUBTED and b.words == "thistle"


def test_the_questioner_asks_the_doubted_reading_quoting_the_words(hash_assistant):
    r, facets = hash_assistant.retriever, hash_assistant.library.facets
    ids = r.store.sample_ids(50, seed=3)
    q = EntropyQuestioner(r, facets)
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour hue"))
    state.beliefs["colour"].said = "thistle"
    before = q.ask(state, ids, np.linspace(1, 0, len(ids)))
    assert before.facet != "colour"  # a known facet is not asked
    state.confirm = "colour"
    asked = q.ask(state, ids, np.linspace(1, 0, len(ids)))
    assert asked.facet == "colour" and "“thistle” as grey" in asked.text and asked.options[0] == "grey"


def test_the_session_asks_once_and_takes_the_answer(demo_assistant, monkeypatch):
    s = demo_assistant.new_session()
    s.step(Turn(text="a dress"))
    s.state.want("colour", "grey", 1, "user", 1.0, "thistle", reading="colour hue")
    calls = []

    def doubt(state, *_):
        calls.append(list(state.doubted))
        return None if "colour" in state.doubted else "colour"

    monkeypatch.setattr(session_module, "suspect", doubt)
    reply = s.step(Turn(text="with long sleeves"))
    assert reply.question.facet == "colour" and "“thistle” as grey" in reply.question.text
    assert s.state.doubted == ["colour"] and s.state.confirm == "colour"
    restored = DialogueState.from_dict(json.loads(json.dumps(s.state.to_dict())))
    assert restored.confirm == "colour" and restored.beliefs["colour"].reading == "colour hue"
    s.step(Turn(text="purple"))
    b = s.state.beliefs["colour"]
    assert b.positive == "purple" and not b.guess and s.state.confirm is None
    assert s.last_question is None or s.last_question.facet != "colour"  # asked once only


def test_the_session_keeps_an_unconfirmed_reading_only_as_a_guess(demo_assistant, monkeypatch):
    s = demo_assistant.new_session()
    s.step(Turn(text="a dress"))
    s.state.want("colour", "grey", 1, "user", 1.0, "thistle", reading="colour hue")
    monkeypatch.setattr(session_module, "suspect", lambda state, *_: None if state.doubted else "colour")
    s.state.doubted, s.state.confirm = [], None
    s.step(Turn(text="with long sleeves"))
    assert s.state.pending_question == "colour"
    s.step(Turn(text="zqxv"))  # read as nothing
    b = s.state.beliefs["colour"]
    assert b.positive == "grey" and b.guess and b.words == "thistle"
    assert "thistle" in s.last_query.caption and "grey" not in s.last_query.caption.split()


def test_a_reading_in_the_answer_about_another_facet_is_trusted_less():
    state = _state(category=("dress", "lexicon"))
    roses = Mention("colour", "pink", True, "colour survey", "roses")
    fold(state, [roses, Mention("pattern", "floral", True, "lexicon", "roses")], "pattern", 2)
    assert state.beliefs["colour"].aside and not state.beliefs["pattern"].aside
    assert trust(state.beliefs["colour"]) == ASIDE < trust(state.beliefs["pattern"]) == 1.0
    # the hand lexicon's own word is never doubted, aside or not ("red with long sleeves" asked the colour)
    fold(state, [Mention("sleeve", "long", True, "lexicon", "long sleeves")], "colour", 2)
    assert state.beliefs["sleeve"].aside and trust(state.beliefs["sleeve"]) == 1.0
    fold(state, [Mention("colour", "pink", True, "colour survey", "pink")], "colour", 3)
    assert state.beliefs["colour"].aside  # the same value again changes nothing
    fold(state, [Mention("colour", "red", True, "lexicon", "red")], "colour", 4)
    assert not state.beliefs["colour"].aside  # the answer to its own question


def test_the_least_reliable_reading_is_the_one_to_confirm_and_only_for_a_user_read_poorly_before():
    state = _state(category=("dress", "lexicon"), pattern=("floral", "wordnet"), colour=("grey", "colour hue"))
    assert shaky(state, _demo_facets()) == "colour"
    assert shaky(state, _demo_facets(), below=0.5) is None
    state.doubted.append("colour")
    assert shaky(state, _demo_facets()) == "pattern"
    assert not misread(state)  # no answer yet
    state.answers += [("sleeve", 1.0), ("length", 1.0)]
    assert not misread(state)  # every answer read for sure: words the engine knows
    state.answers.append(("neckline", 0.3))
    state.misreads += 1  # that answer read only as a guess (agents.message counts it)
    assert misread(state)


def test_the_questioner_confirms_a_shaky_reading_where_it_would_ask_which_is_closer(hash_assistant, monkeypatch):
    r, facets = hash_assistant.retriever, hash_assistant.library.facets
    ids = r.store.sample_ids(50, seed=3)
    scores = np.linspace(1, 0, len(ids))
    q = EntropyQuestioner(r, facets)
    flat = {f.name: np.eye(len(f.values) + 1)[0] for f in facets}  # nothing splits the candidates: a pair
    monkeypatch.setattr(q, "distributions", lambda *_: flat)
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour hue"))
    state.beliefs["colour"].said = "thistle"
    state.answers.append(("pattern", 1.0))
    assert q.ask(state, ids, scores).facet == PAIR  # a user read well every time: pictures
    state.answers.append(("sleeve", 0.0))
    state.misreads += 1
    asked = q.ask(state, ids, scores)
    assert asked.facet == "colour" and "“thistle” as grey" in asked.text
    state.doubted.append("colour")
    assert q.ask(state, ids, scores).facet == PAIR  # once per facet


def test_a_quick_answer_button_or_a_reading_without_a_source_is_never_doubted():
    state = DialogueState()
    state.want("colour", "grey", 1, "answer")  # a button: no reader involved
    assert trust(state.beliefs["colour"]) == 1.0 and shaky(state, _demo_facets()) is None


def _asked_to_confirm(demo_assistant, monkeypatch):
    """A session whose next question asks to confirm "thistle" read as grey (found in review, round 25)."""
    s = demo_assistant.new_session()
    s.step(Turn(text="a dress"))
    s.state.want("colour", "grey", 1, "user", 1.0, "thistle", reading="colour hue")
    monkeypatch.setattr(session_module, "suspect", lambda state, *_: None if state.doubted else "colour")
    s.step(Turn(text="with long sleeves"))
    assert s.state.confirm == "colour" and s.last_question.facet == "colour"
    return s


def test_a_button_answers_the_confirming_question_once(demo_assistant, monkeypatch):
    s = _asked_to_confirm(demo_assistant, monkeypatch)
    s.step(Turn(text="purple", answer_to="colour"))  # the quick answer: asked once, never again
    assert s.state.confirm is None and s.state.beliefs["colour"].positive == "purple"
    assert s.last_question is None or s.last_question.facet != "colour"
    s.step(Turn(text="purple", answer_to="colour"))
    assert s.last_question is None or s.last_question.facet != "colour"


def test_yes_keeps_the_reading_and_not_remembering_keeps_it_as_a_guess(demo_assistant, monkeypatch):
    s = _asked_to_confirm(demo_assistant, monkeypatch)
    reply = s.step(Turn(text="yes"))
    b = s.state.beliefs["colour"]
    assert (b.positive, b.guess) == ("grey", False) and "didn't recognise" not in reply.message
    monkeypatch.undo()
    s = _asked_to_confirm(demo_assistant, monkeypatch)
    s.step(Turn(text="I don't remember"))  # nothing said is lost: the reading stays, as a guess
    b = s.state.beliefs["colour"]
    assert (b.positive, b.guess, b.words) == ("grey", True, "thistle")


def test_an_answer_about_another_facet_leaves_the_reading_sure(demo_assistant, monkeypatch):
    s = _asked_to_confirm(demo_assistant, monkeypatch)
    s.step(Turn(text="a v-neck"))
    assert not s.state.beliefs["colour"].guess and s.state.beliefs["neckline"].positive == "v-neck"


def test_this_is_it_ends_the_confirmation(demo_assistant, monkeypatch):
    s = _asked_to_confirm(demo_assistant, monkeypatch)
    s.step(Turn(action="found", item_id=s.state.last_results[0]))
    assert s.state.confirm is None


def test_a_result_with_an_alternative_value_is_no_contradiction(facets):
    """"grey or purple": result 1 is purple, so it has everything the user asked for."""
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour hue"), pattern=("floral", "wordnet"))
    shelf = _Shelf(facets, {1: {"category": "dress", "colour": "purple", "pattern": "floral"}})
    assert suspect(state, shelf, np.array([1]), facets) == "colour"
    state.offer("colour", ["purple", "grey"])
    assert suspect(state, shelf, np.array([1]), facets) is None
