"""A facet talked about in words no source reads ("batwing sleeves"): the reply says so, and a question about it
offers its values.

``Parsed.unread_facets`` (agents/noun_phrases.py) says which facet such a phrase was about; the session says it
could not tell the value and keeps the words in the query, and records the facet in ``DialogueState.unread`` so
that, when the entropy questioner reaches it, the question names the values to choose from ("I didn't catch
the sleeve length: was it long, short or sleeveless?"). Asking it first instead was measured on the
development user and gained nothing (docs/confidence.md).
"""

from __future__ import annotations

import json

from agents.questioner import EntropyQuestioner
from agents.state import DialogueState
from agents.turns import Turn
from agents.understand import parse
from retrieval.query import ComposedQuery, Constraint

TEXT = "a dress with batwing sleeves"


def test_the_phrase_names_its_facet_without_a_value(lexicon):
    p = parse(TEXT, lexicon)
    assert ("sleeve", "batwing sleeves") in p.unread_facets
    assert not any(m.facet == "sleeve" for m in p.mentions) and "batwing sleeves" in p.wishes


def test_the_reply_says_so_and_keeps_the_words(demo_assistant):
    s = demo_assistant.new_session()
    reply = s.step(Turn(text=TEXT))
    assert s.state.unread == ["sleeve"]
    assert "I couldn't tell which sleeve length “batwing sleeves” is, so I kept your words in the search." \
        in reply.message
    assert "batwing sleeves" in s.state.wishes and "batwing sleeves" in s.last_query.caption
    reply = s.step(Turn(text="a dress with long sleeves"))
    assert s.state.beliefs["sleeve"].positive == "long" and "I couldn't tell" not in reply.message


def test_asked_about_later_its_values_are_offered(demo_assistant):
    facets = demo_assistant.facets
    query = ComposedQuery("a dress", constraints=[Constraint("category", "dress", True, 1.0)])
    ids, scores, _ = demo_assistant.retriever.rank(query)
    q = EntropyQuestioner(demo_assistant.retriever, facets, min_entropy=0.0, pairs=False)
    others = [f.name for f in facets if f.name != "sleeve"]
    asked = q.ask(DialogueState(unread=["sleeve"], settled=others), ids, scores)
    assert asked.facet == "sleeve" and asked.text.startswith("I didn't catch the sleeve length: was it ")
    asked = q.ask(DialogueState(settled=others), ids, scores)
    assert asked.facet == "sleeve" and asked.text.startswith("Which sleeve length would you like?")


def test_states_saved_before_unread_facets_load():
    data = DialogueState(asked=["pattern"]).to_dict()
    del data["unread"]
    state = DialogueState.from_dict(json.loads(json.dumps(data)))
    assert state.unread == [] and state.asked == ["pattern"]
    state.unread.append("sleeve")
    assert DialogueState.from_dict(json.loads(json.dumps(state.to_dict()))).unread == ["sleeve"]
