"""The agents run on the few methods of ``agents.ports``, not on the concrete Retriever.

A proxy that exposes exactly the protocol's methods (and raises on anything else) drives whole
dialogues: if the session, the questioner or the pair question reached for another Retriever method or
attribute, the turn would be refused with "Something went wrong" and these tests would fail.
"""

from __future__ import annotations

import dataclasses
import io

import numpy as np
from PIL import Image

from agents.ports import Candidates, Search
from agents.questioner import PAIR, EntropyQuestioner
from agents.turns import Turn

METHODS = ("rank", "results", "browse", "likely_facets", "facet_distribution", "vectors_by_id")


class OnlyThePort:
    """Forwards the ``Search`` methods to a real retriever and records their use; nothing else is reachable."""

    def __init__(self, inner):
        self._inner, self.calls = inner, []

    def __getattr__(self, name):
        if name not in METHODS:
            raise AttributeError(f"{name!r} is not part of agents.ports.Search")
        method = getattr(self._inner, name)

        def call(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return call


def _on_the_port(assistant):
    port = OnlyThePort(assistant.retriever)
    questioner = EntropyQuestioner(port, assistant.facets, pool=assistant.config.question_pool)
    return dataclasses.replace(assistant, retriever=port, questioner=questioner), port


def test_the_retriever_satisfies_the_ports(hash_assistant):
    r = hash_assistant.retriever
    assert isinstance(r, Search) and isinstance(r, Candidates)
    assert not isinstance(object(), Candidates)


def test_a_dialogue_runs_on_the_protocol_alone(hash_assistant):
    assistant, port = _on_the_port(hash_assistant)
    session = assistant.new_session()
    first = session.reset()
    assert len(first.results) == assistant.config.results
    reply = session.step(Turn(text="a red striped t-shirt"))
    assert reply.error is None and reply.results and "best matches" in reply.message
    liked = reply.results[1].id
    reply = session.step(Turn(action="like", item_id=liked))  # reads the liked item's vector and facets back
    assert reply.error is None and liked in session.state.liked and session.state.references
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), (20, 40, 200)).save(buf, format="PNG")
    reply = session.step(Turn(text="like this but in red", images=[buf.getvalue()]))
    assert reply.error is None and len(session.state.references) == 2
    assert {"browse", "rank", "results", "vectors_by_id", "likely_facets", "facet_distribution"} <= set(port.calls)


def test_the_pair_question_and_its_answer_use_the_protocol_alone(hash_assistant):
    assistant, port = _on_the_port(hash_assistant)
    session = assistant.new_session()
    session.reset()
    reply = session.step(Turn(text="a red striped t-shirt"))
    ids = np.array([r.id for r in reply.results])
    settled = [f.name for f in assistant.facets]  # nothing left to ask in words: the visual question comes
    session.state.settled.extend(settled)
    q = assistant.questioner.ask(session.state, ids, np.linspace(1, 0, len(ids)))
    assert q is not None and q.facet == PAIR and set(q.items) <= set(ids.tolist())
    session.state.pair, session.state.pending_question = list(q.items), PAIR
    first = session.state.last_results.index(q.items[0]) + 1
    reply = session.step(Turn(text=f"result {first}", answer_to=PAIR))
    assert reply.error is None and len(session.state.nudges) == 1
