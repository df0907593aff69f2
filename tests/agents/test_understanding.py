"""How well the engine reads this user's words about a facet (agents/understanding.py), and the questioner that
weighs by it: a facet whose answers read as nothing gives way to a visual "which is closer?" question."""

from __future__ import annotations

import json

import numpy as np

from agents.parsed import Mention
from agents.questioner import PAIR, EntropyQuestioner
from agents.state import DialogueState, TurnRecord
from agents.turns import Turn
from agents.understanding import PRIOR_ANSWERS, answer_score, read_chance


def test_a_facet_never_asked_and_a_user_always_read_count_as_fully_understood():
    state = DialogueState()
    assert read_chance(state, "sleeve") == 1.0
    state.answers += [("sleeve", 1.0), ("colour", 1.0)]
    assert read_chance(state, "sleeve") == 1.0


def test_unread_answers_and_guesses_lower_the_chance_of_their_own_facet():
    state = DialogueState(answers=[("sleeve", 0.0)])
    assert read_chance(state, "sleeve") == PRIOR_ANSWERS / (PRIOR_ANSWERS + 1)
    assert read_chance(state, "colour") == 1.0  # a miss about the sleeves says nothing of the colour words
    state.answers.append(("sleeve", 0.3))  # read only as a guess
    assert read_chance(state, "sleeve") == (PRIOR_ANSWERS + 0.3) / (PRIOR_ANSWERS + 2)
    state.answers.append(("sleeve", 1.0))
    assert read_chance(state, "sleeve") > (PRIOR_ANSWERS + 0.3) / (PRIOR_ANSWERS + 2)


def test_an_answer_scores_its_surest_reading_of_the_asked_facet():
    guess = Mention("colour", "beige", True, "colour resource", "champagne")
    sure = Mention("colour", "red", False, "lexicon", "red")
    other = Mention("category", "hat", True, "lexicon", "hat")
    assert answer_score([guess], "colour") == guess.confidence < 1.0
    assert answer_score([guess, sure], "colour") == 1.0  # "not red" is read for sure
    assert answer_score([other], "colour") == 0.0  # nothing about the colour
    assert answer_score([other], "scale", settled=True) == 1.0  # "it's a hat, no scale"


def test_the_session_scores_each_answer_to_an_attribute_question(demo_assistant):
    s = demo_assistant.new_session()
    s.step(Turn(text="a dress"))
    s.state.pending_question = "sleeve"
    s.step(Turn(text="zqxv"))  # read as nothing
    s.state.pending_question = "colour"
    s.step(Turn(text="red"))
    s.step(Turn(text="long", answer_to="length"))  # a quick-answer button
    assert s.state.answers == [("sleeve", 0.0), ("colour", 1.0), ("length", 1.0)]
    restored = DialogueState.from_dict(json.loads(json.dumps(s.state.to_dict())))
    assert restored.answers == s.state.answers
    data = s.state.to_dict()
    del data["answers"]  # a session saved before the count was kept
    assert DialogueState.from_dict(data).answers == []


def _candidates(hash_assistant):
    r = hash_assistant.retriever
    ids = r.store.sample_ids(50, seed=3)
    return r, ids, np.linspace(1, 0, len(ids))


def test_a_facet_whose_answers_read_as_nothing_gives_way_to_a_pair(hash_assistant):
    r, ids, scores = _candidates(hash_assistant)
    q = EntropyQuestioner(r, hash_assistant.library.facets)
    turns = [TurnRecord("user", "a dress")]
    first = q.ask(DialogueState(turns=turns), ids, scores)
    assert first.facet != PAIR  # an attribute splits these candidates: asked, as before
    others = [f.name for f in hash_assistant.library.facets if f.name != first.facet]
    read = DialogueState(turns=turns, answers=[(first.facet, 1.0)] * 3 + [(f, 0.0) for f in others])
    assert q.ask(read, ids, scores) == first  # its answers read (others' not): exactly the question asked before



def test_one_unread_answer_about_a_facet_that_splits_little_gives_way_to_a_pair(hash_assistant, monkeypatch):
    r, ids, scores = _candidates(hash_assistant)
    facets = hash_assistant.library.facets
    q = EntropyQuestioner(r, facets)
    colour = facets["colour"]
    split = np.zeros(len(colour.values) + 1)
    split[:2] = [0.7, 0.3]  # entropy 0.61: worth asking (0.45), but not once its answer read as nothing
    flat = {f.name: np.eye(len(f.values) + 1)[0] for f in facets}  # every other facet: one value, nothing to ask
    monkeypatch.setattr(q, "distributions", lambda *_: {**flat, "colour": split})
    turns = [TurnRecord("user", "a dress")]
    assert q.ask(DialogueState(turns=turns), ids, scores).facet == "colour"
    missed = DialogueState(turns=turns, asked=["colour"], unread=["colour"], answers=[("colour", 0.0)])
    assert q.ask(missed, ids, scores).facet == PAIR  # the real case: asked once, read as nothing
    no_pairs = EntropyQuestioner(r, facets, pairs=False)
    monkeypatch.setattr(no_pairs, "distributions", lambda *_: {**flat, "colour": split})
    again = no_pairs.ask(missed, ids, scores)
    assert again.facet == "colour" and again.text.startswith("I didn't catch")
    later = DialogueState(turns=turns, asked=["colour", PAIR], unread=["colour"], answers=[("colour", 0.0)])
    assert not no_pairs.ask(later, ids, scores).text.startswith("I didn't catch")  # a pair came between
