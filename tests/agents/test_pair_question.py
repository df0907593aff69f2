"""The visual question: "which is closer, result a or result b?", answered by a click or in words."""

import random

import numpy as np

from agents.bench.user import SimulatedUser
from agents.questioner import PAIR, EntropyQuestioner, pair_question
from agents.state import DialogueState, TurnRecord
from agents.turns import Turn


def test_the_pair_splits_the_candidates_evenly(hash_assistant):
    r = hash_assistant.retriever
    ids = r.store.sample_ids(50, seed=1)
    q = pair_question(r, ids, shown=12, pool=50)
    assert q.facet == PAIR and len(q.items) == 2 and set(q.items) <= set(ids[:12].tolist())
    a, b = (int(o.split()[-1]) for o in q.options[:2])
    assert [int(ids[a - 1]), int(ids[b - 1])] == q.items  # the options name the pair by their shown position
    _, vecs = r.store.vectors(ids.tolist())
    order = {int(i): k for k, i in enumerate(sorted(ids.tolist()))}
    mat = np.stack([vecs[order[int(i)]] for i in ids])
    va, vb = vecs[order[q.items[0]]], vecs[order[q.items[1]]]
    share = float(((mat @ va) > (mat @ vb)).mean())
    assert 0.3 <= share <= 0.7  # either answer rules out a good part of the pool


def test_only_when_no_attribute_splits_the_candidates(hash_assistant):
    r, facets = hash_assistant.retriever, hash_assistant.library.facets
    ids = r.store.sample_ids(50, seed=2)
    scores = np.linspace(1, 0, len(ids))
    state = DialogueState()
    state.turns.append(TurnRecord("user", "a dress"))
    state.settled.extend(facets.names)  # every attribute said not to matter
    assert EntropyQuestioner(r, facets).ask(state, ids, scores).facet == PAIR
    assert EntropyQuestioner(r, facets, pairs=False).ask(state, ids, scores) is None
    state.settled.append(PAIR)  # "doesn't matter" to a pair question: never asked again
    assert EntropyQuestioner(r, facets).ask(state, ids, scores) is None


def test_answering_the_pair_nudges_the_query_and_keeps_the_beliefs(hash_assistant, monkeypatch):
    session = hash_assistant.new_session()
    session.step(Turn(text="a red dress"))
    shown = session.state.last_results
    q = pair_question(hash_assistant.retriever, np.array(shown), shown=len(shown))
    session.state.pending_question, session.state.pair = PAIR, list(q.items)
    before = session.last_query
    reply = session.step(Turn(text=q.options[1]))  # the quick answer "result b"
    state = session.state
    assert len(state.nudges) == 1 and state.references == [] and state.liked == []
    assert state.known().get("colour") == "red" and state.known().get("category") == "dress"
    _, vecs = hash_assistant.retriever.store.vectors(sorted(q.items))
    at = dict(zip(sorted(q.items), vecs, strict=True))
    assert np.allclose(state.nudges[0], at[q.items[1]] - at[q.items[0]], atol=1e-6)
    assert any("closer" in e for e in reply.explanation)
    assert not np.allclose(hash_assistant.retriever.query_vector(session.last_query),
                           hash_assistant.retriever.query_vector(before))


def test_the_second_one_names_the_pairs_second_result(hash_assistant):  # found in review
    session = hash_assistant.new_session()
    session.step(Turn(text="a red dress"))
    shown = session.state.last_results
    pair = [shown[4], shown[8]]  # "result 5 or result 9?"
    session.state.pending_question, session.state.pair = PAIR, list(pair)
    session.step(Turn(text="the second one"))
    state = session.state
    assert len(state.nudges) == 1 and state.references == [] and state.liked == []
    assert state.known().get("colour") == "red" and state.known().get("category") == "dress"
    at = hash_assistant.retriever.vectors_by_id(pair)
    assert np.allclose(state.nudges[0], at[pair[1]] - at[pair[0]], atol=1e-6)


def test_simulated_user_picks_the_truly_closer_one():
    user = SimulatedUser({"category": "hat"}, random.Random(0))
    assert user.closer(["result 3", "result 5"], [0.2, 0.7]) == "result 5"
    assert user.closer(["result 3", "result 5"], [0.9, 0.7]) == "result 3"
