"""A "which is closer?" pair about one facet whose words read as nothing (agents.facet_pair)."""

import numpy as np

from agents.facet_pair import PICKED, facet_pair_question, item_value
from agents.questioner import PAIR
from agents.turns import Turn


def _values(r, facets, ids, facet):
    return {int(i): item_value(r, int(i), facet, facets) for i in ids}


def test_the_pair_differs_in_the_facet_and_is_otherwise_most_alike(hash_assistant):
    r, facets = hash_assistant.retriever, hash_assistant.library.facets
    ids = r.store.sample_ids(40, seed=3)
    q = facet_pair_question(r, ids, facets, "colour", shown=12)
    assert q is not None and q.facet == PAIR and len(q.items) == 2
    vals = _values(r, facets, ids[:12], "colour")
    a, b = q.items
    assert vals[a] and vals[b] and vals[a] != vals[b]
    at = r.vectors_by_id([int(i) for i in ids[:12]])
    best = max(float(at[x] @ at[y]) for x in at for y in at
               if x < y and vals[x] and vals[y] and vals[x] != vals[y])
    assert abs(float(at[a] @ at[b]) - best) < 1e-6  # the most alike of the pairs that differ in it
    pos = [int(o.split()[-1]) for o in q.options[:2]]
    assert [int(ids[p - 1]) for p in pos] == q.items and "colour" in q.text


def test_a_doubted_value_is_on_one_side_only(hash_assistant):
    r, facets = hash_assistant.retriever, hash_assistant.library.facets
    ids = r.store.sample_ids(40, seed=4)
    vals = _values(r, facets, ids[:12], "colour")
    value = next(v for v in vals.values() if v)
    q = facet_pair_question(r, ids, facets, "colour", value=value, shown=12, again=True)
    assert q is not None and sorted(vals[i] == value for i in q.items) == [False, True]
    assert q.text.startswith("I still can't tell the colour")
    same = np.array([i for i in ids[:12] if vals[int(i)] == value])  # no shown result without it: no pair
    assert facet_pair_question(r, same, facets, "colour", value=value, shown=12) is None


def _session_with_unread_colour(assistant):
    session = assistant.new_session()
    session.step(Turn(text="a dress"))
    state = session.state
    state.unread.append("colour")  # its words were read as nothing, once already asked
    state.asked.append("colour")
    state.answers.append(("colour", 0.0))
    state.misreads += 1
    return session


def test_an_unread_facet_is_asked_by_pictures_and_the_pick_is_a_guess(hash_assistant, monkeypatch):
    import agents.questioner as questioner
    monkeypatch.setattr(questioner, "_FP", "T1T2")
    session = _session_with_unread_colour(hash_assistant)
    r, facets = hash_assistant.retriever, hash_assistant.library.facets
    ids = np.array(session.state.last_results)
    q = session.assistant.questioner._pictured(session.state, ids, "colour")
    assert q is not None and session.state.pair_facet == "colour" and session.state.pictured == ["colour"]
    assert session.assistant.questioner._pictured(session.state, ids, "colour") is None  # once per facet
    session.state.pending_question, session.state.pair = PAIR, list(q.items)
    session.step(Turn(text=q.options[1]))
    b = session.state.beliefs["colour"]
    assert b.positive == item_value(r, q.items[1], "colour", facets) and b.guess and b.confidence == PICKED
    assert len(session.state.nudges) == 1 and session.state.pair_facet is None


def test_a_pick_never_replaces_a_sure_reading(hash_assistant):
    session = hash_assistant.new_session()
    session.step(Turn(text="a red dress"))
    r, facets = hash_assistant.retriever, hash_assistant.library.facets
    shown = np.array(session.state.last_results)
    q = facet_pair_question(r, shown, facets, "pattern", shown=len(shown))
    assert q is not None
    state = session.state
    state.pending_question, state.pair, state.pair_facet = PAIR, list(q.items), "colour"
    session.step(Turn(text=q.options[0]))
    assert state.beliefs["colour"].positive == "red" and not state.beliefs["colour"].guess


def test_the_session_asks_by_pictures_instead_of_asking_in_words_again(hash_assistant, monkeypatch):
    import agents.questioner as questioner
    monkeypatch.setattr(questioner, "_FP", "T1T2")
    session = hash_assistant.new_session()
    reply = session.step(Turn(text="a dress"))
    facet = reply.question.facet
    reply = session.step(Turn(text="qzxv", answer_to=facet))  # read as nothing: by pictures, not words again
    q, state = reply.question, session.state
    assert q.facet == PAIR and hash_assistant.library.facets[facet].label in q.text
    assert state.pictured == [facet] and state.pair_facet == facet and state.pair == q.items
    restored = type(session).from_dict(hash_assistant, session.to_dict())  # a saved session keeps it
    assert restored.state.pictured == [facet] and restored.state.pair_facet == facet
    monkeypatch.setattr(questioner, "_FP", "")
    again = hash_assistant.new_session()
    again.step(Turn(text="a dress"))
    assert again.step(Turn(text="qzxv", answer_to=facet)).question.text.startswith("I didn't catch")
