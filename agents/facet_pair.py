"""A question about one facet that needs no words: "which is closer: result 3 or result 8?" for two shown
results that differ in that facet, and otherwise look most alike.

When the user's words about a facet read as nothing ("tar", then "panther" for the colour), or their answer to
"I read “thistle” as grey: which colour was it?" read as nothing, asking in words once more rarely helps (a
facet asked again after an unread answer read 0.46-0.57 of the time, docs/dialogue-repair.md). The pictures
still show it: of the shown results, the two that have different values of the facet and are otherwise most
alike (their image vectors nearest) are put side by side, so that what tells them apart is mostly that facet.
The user's pick is evidence about the facet (``pair_evidence``): the picked result's value becomes a guess, or
a doubted guess the other result has is replaced by it; a sure reading is never replaced by a picture.
Each facet is asked this way once per dialogue (``DialogueState.pictured``). docs/dialogue-repair.md, round 27.
"""

from __future__ import annotations

import numpy as np

from retrieval.facets import FacetSet

from .ports import Candidates
from .state import DialogueState
from .turns import PAIR, Question

MATCH = 0.5  # an item has a value when its stored probability is at least this (as ``agents.doubt``)
PICKED = 0.4  # how sure the value of the picked result is, as a reading: a guess (the MiniLM vote's 0.4)
DONT_CARE = "doesn't matter"


def item_value(candidates: Candidates, item: int, facet: str, facets: FacetSet) -> str | None:
    """The value of ``facet`` the item surely has (stored probability ``MATCH`` or more), or None."""
    dist = candidates.facet_distribution([int(item)], np.ones(1))[facet]
    j = int(np.argmax(dist[:-1]))
    return facets[facet].values[j] if dist[j] >= MATCH else None


def facet_pair_question(candidates: Candidates, ids: np.ndarray, facets: FacetSet, facet: str,
                        value: str | None = None, shown: int = 12, again: bool = False) -> Question | None:
    """The pair question for ``facet``: the two of the ``shown`` best results whose values of it differ (one of
    them ``value``, the other not, when a doubted ``value`` is given) and whose image vectors are nearest; None
    when the shown results do not differ in it."""
    top = [int(i) for i in ids[:shown]]
    vals = {i: item_value(candidates, i, facet, facets) for i in top}
    top = [i for i in top if vals[i]]
    at = candidates.vectors_by_id(top)
    top = [i for i in top if i in at]
    best, best_sim = None, -2.0
    for x, a in enumerate(top):
        for b in top[x + 1:]:
            if vals[a] == vals[b] or (value and value not in (vals[a], vals[b])):
                continue
            sim = float(np.dot(at[a], at[b]))
            if sim > best_sim:
                best, best_sim = (a, b), sim
    if best is None:
        return None
    pos = [ids[:shown].tolist().index(i) + 1 for i in best]
    label = facets[facet].label
    lead = f"I still can't tell the {label}" if again else f"I couldn't tell the {label} from your words"
    return Question(PAIR, f"{lead}: which is closer to yours, result {pos[0]} or result {pos[1]}?",
                    [f"result {pos[0]}", f"result {pos[1]}", DONT_CARE], items=list(best))


def pair_evidence(state: DialogueState, candidates: Candidates, facets: FacetSet, picked: int, other: int,
                  turn: int) -> str | None:
    """The pick of a facet pair (``DialogueState.pair_facet``) as evidence about that facet. Returns the value
    it changed, or None."""
    facet, state.pair_facet = state.pair_facet, None
    if facet not in facets:
        return None
    value = item_value(candidates, picked, facet, facets)
    lost = item_value(candidates, other, facet, facets)
    b = state.beliefs.get(facet)
    if _EVIDENCE == "none":
        return None
    if _EVIDENCE == "neg":
        if not lost or lost == value or (b and b.positive == lost and not b.guess):
            return None
        state.rule_out(facet, lost, turn, confidence=PICKED)
        return lost
    if not value or (b and b.positive and not b.guess) or value in (b.negatives if b else ()):
        return None
    if state.want(facet, value, turn, "user", PICKED, words="", correcting=True):
        return value
    return None


_EVIDENCE = __import__("os").environ.get("CHATLENS_FPE", "pos")
