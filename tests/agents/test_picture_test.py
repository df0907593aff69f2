"""A picture that tests a sure reading (agents/picture_test.py): "which is closer?" between a result with the
value the words were read as and the best one without it; picking the second makes the reading a guess."""

from __future__ import annotations

import json

import numpy as np

from agents.confidence import confidence
from agents.doubt import DOUBTED
from agents.picture_test import picture_test, shown_at, weigh_choice
from agents.questioner import PAIR, EntropyQuestioner
from agents.state import DialogueState, TurnRecord
from agents.turns import Question, Turn
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
        return {int(i): np.eye(8, dtype=np.float32)[int(i) % 8] for i in ids}


def _state(**readings) -> DialogueState:
    """Sure beliefs: facet=(value, source)."""
    state = DialogueState(turns=[TurnRecord("user", "…")])
    for turn, (facet, (value, source)) in enumerate(readings.items()):
        state.want(facet, value, turn, "user", confidence(source), value, reading=source)
    return state


def _shelf(facets):
    """Items 0-3 shown (0 lacks the grey, 1 has everything); 4 lacks the kind too, 5 lacks only the grey."""
    return _Shelf(facets, {0: {"category": "dress", "colour": "red"}, 1: {"category": "dress", "colour": "grey"},
                           2: {"category": "dress", "colour": "grey"}, 3: {"category": "skirt", "colour": "grey"},
                           4: {"category": "skirt", "colour": "purple"}, 5: {"category": "dress", "colour": "purple"},
                           6: {"category": "dress", "colour": "blue"}})


def test_the_test_pair_is_a_result_with_every_sure_value_against_the_best_lacking_only_the_tested_one():
    facets = demo_facets()
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour hue"))
    q = picture_test(state, _shelf(facets), np.arange(7), facets, "colour", shown=4)
    assert q.facet == PAIR and q.tests == "colour"
    assert q.items == [1, 5]  # 0 lacks the grey; 4 lacks the dress as well; 5 lacks only the grey
    assert "result 2 or result 4" in q.text and q.options[:2] == ["result 2", "result 4"]
    assert picture_test(state, _shelf(facets), np.arange(5), facets, "colour", shown=4) is None  # no 5: no test
    assert picture_test(state, _shelf(facets), np.arange(7), facets, "pattern", shown=4) is None  # nothing read
    guessed = _state(category=("dress", "lexicon"), colour=("grey", "similarity"))
    assert picture_test(guessed, _shelf(facets), np.arange(7), facets, "colour", shown=4) is None  # a guess already


def test_the_item_from_further_down_takes_the_last_shown_place():
    ids = np.array([9, 8, 7, 6, 5, 4])
    assert shown_at(ids, [9, 8, 7], [8, 4]).tolist() == [0, 1, 5]  # 4 in the last place, where it is named
    assert shown_at(ids, [9, 8, 7], [9, 7]) is None  # both shown already


def test_picking_the_one_without_the_value_makes_the_reading_a_guess_and_the_other_keeps_it():
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour hue"))
    state.beliefs["colour"].said = "thistle"
    assert not weigh_choice(state, "colour", 1, [1, 5])
    assert not state.beliefs["colour"].guess and state.doubted == ["colour"]
    assert weigh_choice(state, "colour", 5, [1, 5])
    b = state.beliefs["colour"]
    assert b.positive == "grey" and b.guess and b.confidence == DOUBTED and b.words == "thistle"
    assert state.doubted == ["colour"]


def test_the_questioner_shows_the_picture_test_before_asking_in_words(hash_assistant, monkeypatch):
    r, facets = hash_assistant.retriever, hash_assistant.library.facets
    shelf = _shelf(facets)
    q = EntropyQuestioner(shelf, facets, shown=4)
    flat = {f.name: np.eye(len(f.values) + 1)[0] for f in facets}  # nothing splits the candidates: a pair
    monkeypatch.setattr(q, "distributions", lambda *_: flat)
    state = _state(category=("dress", "lexicon"), colour=("grey", "colour hue"))
    state.turns.append(TurnRecord("user", "…"))
    state.answers += [("pattern", 1.0), ("sleeve", 0.0)]  # a user some of whose answers read as nothing
    asked = q.ask(state, np.arange(7), np.linspace(1, 0, 7))
    assert asked.facet == PAIR and asked.tests == "colour" and asked.items == [1, 5]
    state.doubted.append("colour")
    assert q.ask(state, np.arange(7), np.linspace(1, 0, 7)).tests is None  # once per facet: an ordinary pair


def test_the_session_shows_the_tested_item_and_the_choice_makes_the_reading_a_guess(demo_assistant, monkeypatch):
    s = demo_assistant.new_session()
    s.step(Turn(text="a dress"))
    s.state.want("colour", "grey", 1, "user", 1.0, "thistle", reading="colour hue")
    lacking = {}

    def test(state, ids, scores):
        first = int(ids[0])
        lacking["id"] = next(int(i) for i in ids[20:] if demo_assistant.retriever.likely_facets(int(i)).get("colour")
                             != "grey")
        return Question(PAIR, "Which is closer to what you want: result 1 or result 12?",
                        ["result 1", "result 12"], items=[first, lacking["id"]], tests="colour")

    monkeypatch.setattr(demo_assistant.questioner, "ask", test)
    reply = s.step(Turn(text="with long sleeves"))
    assert reply.results[11].id == lacking["id"] == s.state.last_results[11]  # shown where the question names it
    assert s.state.testing == "colour" and s.state.pair[1] == lacking["id"]
    restored = DialogueState.from_dict(json.loads(json.dumps(s.state.to_dict())))
    assert restored.testing == "colour"
    monkeypatch.undo()
    s.step(Turn(text="result 12"))
    b = s.state.beliefs["colour"]
    assert b.positive == "grey" and b.guess and "colour" in s.state.doubted and len(s.state.nudges) == 1
