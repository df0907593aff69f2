"""How sure a reading is (``agents.confidence``): per-source confidence, weighted constraints, a guess never
overriding a sure reading, guesses marked in the explanation, old sessions still loading, and catalog words
composing the query they composed before confidences existed."""

import json

import numpy as np
import pytest

from agents.confidence import CONFIDENCE, SURE, UNKNOWN, confidence, is_guess
from agents.parsed import Mention
from agents.reformulator import OfflineReformulator
from agents.state import DialogueState
from agents.turns import Turn
from retrieval.catalog.captions import FACETS
from retrieval.query import Constraint


def test_sources_rank_facts_above_guesses():
    assert confidence("lexicon") == 1.0 and not is_guess(confidence("wordnet"))
    assert is_guess(confidence("colour resource")) and is_guess(confidence("similarity"))
    assert confidence("guess") < confidence("similarity") < SURE  # a forced choice is the least sure
    assert confidence("a source nobody placed") == UNKNOWN and is_guess(UNKNOWN)
    assert all(0.0 < c <= 1.0 for c in CONFIDENCE.values())
    assert Mention("colour", "beige", True, "colour resource", "champagne").confidence == CONFIDENCE["colour resource"]
    assert Mention("colour", "red", True, "lexicon", "red").confidence == 1.0


def _guessed_state() -> DialogueState:
    state = DialogueState()
    state.want("category", "dress", 0, confidence=1.0, words="dress")
    state.want("colour", "beige", 0, confidence=0.3, words="champagne")
    return state


def test_a_guess_nudges_and_a_fact_filters_in_the_composed_query(hash_assistant):
    query = OfflineReformulator(hash_assistant.facets).compose(_guessed_state())
    weights = {(c.facet, c.value): c.weight for c in query.constraints}
    assert weights == {("category", "dress"): 1.0, ("colour", "beige"): pytest.approx(0.3)}
    assert "beige" not in query.caption and "champagne" in query.caption and "dress" in query.caption
    assert "colour: beige (a guess from “champagne”)" in query.explanation
    assert "type of item: dress" in query.explanation  # a sure reading: no mark


def test_a_guessed_rule_out_is_a_weak_negative(hash_assistant):
    state = DialogueState()
    state.rule_out("colour", "beige", 0, confidence=0.3)
    state.rule_out("pattern", "striped", 0)
    query = OfflineReformulator(hash_assistant.facets).compose(state)
    assert Constraint("colour", "beige", False, pytest.approx(0.3)) in query.constraints
    assert Constraint("pattern", "striped", False, 1.0) in query.constraints
    assert "not beige (colour, a guess)" in query.explanation and "not striped (pattern)" in query.explanation


def test_a_sure_reading_replaces_a_guess_and_never_the_reverse():
    state = DialogueState()
    assert state.want("colour", "beige", 0, confidence=0.3, words="champagne")
    assert state.want("colour", "red", 1)  # sure: replaces the guess
    b = state.beliefs["colour"]
    assert (b.positive, b.confidence, b.guess, b.words) == ("red", 1.0, False, "")
    assert not state.want("colour", "beige", 2, confidence=0.3, words="champagne")  # a guess: refused
    assert state.beliefs["colour"].positive == "red"
    assert state.want("colour", "beige", 3, confidence=0.3, words="champagne", correcting=True)
    assert state.beliefs["colour"].positive == "beige" and state.beliefs["colour"].guess
    assert state.want("colour", "pink", 4, confidence=0.4, words="blush")  # a guess replaces a guess
    assert state.want("colour", "pink", 5, confidence=1.0) and not state.beliefs["colour"].guess
    assert state.want("colour", "pink", 6, confidence=0.4, words="blush")  # the same value: the surer reading stays
    assert state.beliefs["colour"].confidence == 1.0


def _read_as_guess(assistant, text, facet):
    """Skip-free precondition: ``text`` must read as a guessed value of ``facet`` for the session tests."""
    from agents.understand import parse

    found = [m for m in parse(text, assistant.lexicon).mentions if m.facet == facet and m.positive]
    assert found and is_guess(found[0].confidence), found
    return found[0].value


def test_in_a_session_a_guess_keeps_its_words_and_a_later_fact_wins(hash_assistant):
    value = _read_as_guess(hash_assistant, "a dress in champagne", "colour")
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress in champagne"))
    b = s.state.beliefs["colour"]
    assert (b.positive, b.guess, b.words) == (value, True, "champagne")
    assert f"colour: {value} (a guess from “champagne”)" in s.last_query.explanation
    s.step(Turn(text="red"))
    assert s.state.beliefs["colour"].positive == "red" and not s.state.beliefs["colour"].guess
    s.step(Turn(text="a dress in champagne"))  # a guess does not undo the sure "red"; its words stay in the query
    assert s.state.beliefs["colour"].positive == "red" and "champagne" in s.state.wishes
    s.step(Turn(text="no, not red, more like champagne"))  # an explicit correction does
    assert s.state.beliefs["colour"].positive == value and s.state.beliefs["colour"].guess


def test_sessions_saved_before_confidences_still_load(hash_assistant):
    old = {"id": "abc", "state": {
        "turns": [{"role": "user", "text": "a red dress", "images": 0, "action": None, "item_id": None,
                   "question_facet": None}],
        "beliefs": {"colour": {"positive": "red", "negatives": ["blue"], "turn": 0, "source": "user"}},
        "wishes": [], "asked": ["pattern"], "pending_question": "pattern"},
        "last_query": {"caption": "red dress", "explanation": ["colour: red"]}, "last_question": None}
    s = hash_assistant.restore_session(json.loads(json.dumps(old)))
    b = s.state.beliefs["colour"]
    assert (b.positive, b.confidence, b.guess, b.doubts) == ("red", 1.0, False, {})
    query = OfflineReformulator(hash_assistant.facets).compose(s.state)
    assert Constraint("colour", "red", True, 1.0) in query.constraints
    assert Constraint("colour", "blue", False, 1.0) in query.constraints
    reply = s.step(Turn(text="striped"))
    assert reply.error is None and s.state.beliefs["pattern"].positive == "striped"
    assert DialogueState.from_dict(json.loads(json.dumps(s.state.to_dict()))) == s.state


def _old_compose_constraints(state: DialogueState, facets) -> list[Constraint]:
    """What the reformulator composed before confidences: every belief at full weight."""
    out = []
    for facet, b in state.beliefs.items():
        if facet in facets:
            out += [Constraint(facet, b.positive, True, 1.0)] if b.positive else []
            out += [Constraint(facet, v, False, 1.0) for v in b.negatives]
    return out


@pytest.mark.parametrize("text", ["a red striped t-shirt", "a long navy dress with short sleeves, not checked",
                                  "crimson trousers", "a sleeveless top in teal with a v-neck"])
def test_catalog_words_compose_the_query_they_composed_before(hash_assistant, text):
    s = hash_assistant.new_session()
    s.step(Turn(text=text))
    assert s.state.beliefs and not any(b.guess or b.doubts for b in s.state.beliefs.values())
    old = _old_compose_constraints(s.state, hash_assistant.facets)
    assert s.last_query.constraints == old
    attrs = {f: b.positive for f, b in s.state.beliefs.items() if b.positive}
    assert s.last_query.caption == hash_assistant.facets.describe(attrs)


def test_the_catalog_words_read_as_sure_readings(hash_assistant):
    """Every catalog word of every value reads sure, bar one the engine misreads ("jet black")."""
    from agents.understand import parse

    unsure = []
    for name, facet in FACETS.items():
        for v in facet.values:
            for w in facet.value(v).words if isinstance(v, str) else v.words:
                unsure += [(w, m.source) for m in parse(w, hash_assistant.lexicon, name).mentions if m.positive
                           and is_guess(m.confidence)]
    assert set(unsure) <= {("jet black", "colour resource")}, unsure


def test_an_answer_read_as_nothing_is_asked_once_more_naming_values(hash_assistant):
    from agents.questioner import EntropyQuestioner, _open_facets, phrase_question
    from retrieval.query import ComposedQuery

    facets = hash_assistant.facets
    state = DialogueState(asked=["pattern"], unread=["pattern"])
    assert "pattern" in _open_facets(state, facets)  # asked once, nothing read: open once more
    state.asked.append("pattern")
    assert "pattern" not in _open_facets(state, facets)  # never a third time
    assert "pattern" not in _open_facets(DialogueState(asked=["pattern"]), facets)  # its answer was read
    state = DialogueState(asked=["pattern"], unread=["pattern"])
    state.want("pattern", "striped", 1)
    assert "pattern" not in _open_facets(state, facets) and state.unread == []  # answered: never again
    ids, scores, _ = hash_assistant.retriever.rank(ComposedQuery("a shirt"))
    state = DialogueState(asked=["pattern"], unread=["pattern"],
                          settled=[f.name for f in facets if f.name != "pattern"])
    q = EntropyQuestioner(hash_assistant.retriever, facets, min_entropy=0.0, pairs=False).ask(state, ids, scores)
    assert q is not None and q.facet == "pattern" and q.text.startswith("I didn't catch the pattern: was it ")
    assert all(v in facets["pattern"].values for v in q.options[:-1]) and q.options[-1] == "doesn't matter"
    dist = np.zeros(len(facets["pattern"].values) + 1)
    dist[0] = 1.0  # the candidates show one value only: the question still offers several
    text = phrase_question(facets, "pattern", dist, again=True).text
    assert text.count(",") + text.count(" or ") >= 2


def test_a_refused_guess_is_not_announced_and_its_words_follow_the_facet(hash_assistant):
    value = _read_as_guess(hash_assistant, "champagne", "colour")
    s = hash_assistant.new_session()
    s.step(Turn(text="a red dress"))
    s.state.pending_question = None  # a message volunteered, not an answer to a question
    reply = s.step(Turn(text="champagne"))
    assert s.state.beliefs["colour"].positive == "red" and value != "red"
    assert "I took “champagne”" not in reply.message  # the reply never claims what the search did not do
    assert s.state.wish_facets.get("champagne") == "colour"
    s.step(Turn(text="blue"))
    assert s.state.beliefs["colour"].positive == "blue" and "champagne" not in s.last_query.caption


def test_naming_another_kind_changes_the_kind_however_it_was_read(hash_assistant):
    from agents.understand import parse

    kinds = [m for m in parse("a shacket", hash_assistant.lexicon).mentions if m.facet == "category"]
    assert kinds and is_guess(kinds[0].confidence)  # a blend: a guess
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress"))
    s.step(Turn(text="a shacket"))
    assert s.state.beliefs["category"].positive == kinds[0].value != "dress"


def test_an_answer_that_was_read_is_not_asked_again(hash_assistant):
    s = hash_assistant.new_session()
    s.step(Turn(text="a dress"))
    s.state.pending_question = "pattern"
    s.state.asked.append("pattern")
    reply = s.step(Turn(text="not solid", answer_to="pattern"))
    assert s.state.beliefs["pattern"].negatives == ["solid"] and "pattern" not in s.state.unread
    assert "I didn't catch the pattern" not in reply.message
    s.state.pending_question = "sleeve"
    s.state.asked.append("sleeve")
    s.step(Turn(text="qzxv", answer_to="sleeve"))  # read as nothing: asked once more, offering values
    assert "sleeve" in s.state.unread


def test_a_question_never_offers_a_ruled_out_value(hash_assistant):
    from agents.questioner import phrase_question

    facets = hash_assistant.facets
    dist = np.full(len(facets["pattern"].values) + 1, 0.1)
    for again in (False, True):
        q = phrase_question(facets, "pattern", dist, again=again, ruled_out=["solid"])
        assert "solid" not in q.options and "solid" not in q.text and len(q.options) >= 3
