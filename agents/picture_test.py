"""A picture that tests a sure reading: "which is closer?" between a result that has the value the words were
read as and the best one that lacks only that value; picking the second is evidence the reading is wrong.

A sure reading filters the ranking (``agents.confidence``: ``0.06 · log p`` of a value an item lacks sinks it
by about 0.4), so every shown result has the value, and the ordinary "which is closer?" question
(``agents.questioner.pair_question``) can never show the target's true value: the user's choices between
pictures cannot contradict a wrong reading ("thistle" read as grey, the target lilac). Asking in words again
(``agents.doubt``) depends on the same word readers that misread the user, and a right reading re-asked in
words was turned into a guess or a wrong reading 36 times in 115 (docs/dialogue-repair.md).

So, where the dialogue would ask about its least trusted sure reading (``agents.doubt.shaky``), it first
shows a picture test: result A, the best shown result with every sure value, against result B, the best
ranked item that has every other sure value but not this one (put into the last shown place). The user
looks, not reads. Picking B says an item without the value is closer to what they want than one with it,
everything else read being equal: the reading is probably wrong, and it becomes a guess (``doubt.DOUBTED``),
which nudges the ranking and no longer filters it. Picking A keeps it sure and counts as its confirmation.
Either answer is also an ordinary "closer minus other" nudge of the query (``Session._answer_pair``).

A shop assistant who is not sure they heard "grey" right holds up a grey one and a lilac one and watches
which the customer points at.
"""

from __future__ import annotations

import numpy as np

from retrieval.facets import FacetSet

from .doubt import MATCH, unconfirmed
from .ports import Candidates
from .state import DialogueState
from .turns import PAIR, Question

ASK_AFTER = True  # a reading the picture went against is asked about in words next
REACH = 400  # ranked candidates searched for the item without the doubted value (a wrong filter sinks it far)


def _has(candidates: Candidates, item: int, facets: FacetSet, wanted: dict[str, str]) -> dict[str, bool]:
    """Per facet of ``wanted``: whether ``item``'s stored probability of that value is at least ``MATCH``."""
    dist = candidates.facet_distribution([item], np.ones(1))
    return {f: bool(dist[f][facets[f].values.index(v)] >= MATCH) for f, v in wanted.items()}


def sure_values(state: DialogueState, facets: FacetSet) -> dict[str, str]:
    """The values the user was read as wanting, surely, of facets the catalog stores."""
    return {f: b.positive for f, b in state.beliefs.items()
            if f in facets and b.positive and not b.guess and b.positive in facets[f].values}


def picture_test(state: DialogueState, candidates: Candidates, ids: np.ndarray, facets: FacetSet, facet: str,
                 shown: int = 12, reach: int = REACH) -> Question | None:
    """"Which is closer: result 1 or result 12?", result 1 with every sure value, result 12 the best ranked
    item with every other sure value but not ``facet``'s (the session shows it in the last place); None when
    either cannot be found."""
    wanted = sure_values(state, facets)
    if facet not in wanted:
        return None
    k = min(shown, len(ids))
    with_it = next((r for r in range(k) if all(_has(candidates, int(ids[r]), facets, wanted).values())), None)
    if with_it is None:
        return None
    without = None
    for i in ids[k:reach]:
        has = _has(candidates, int(i), facets, wanted)
        if not has[facet] and all(v for f, v in has.items() if f != facet):
            without = int(i)
            break
    if without is None:
        return None
    a = with_it + 1
    return Question(PAIR, f"Which is closer to what you want: result {a} or result {k}?",
                    [f"result {a}", f"result {k}", "doesn't matter"], items=[int(ids[with_it]), without],
                    tests=facet)


def shown_at(ids: np.ndarray, shown: list[int], items: list[int]) -> np.ndarray | None:
    """Positions in the ranking ``ids`` of the results to show when a pair item is not among the ``shown``
    ones: it takes the last place, where the question names it; None when every pair item is shown."""
    missing = [i for i in items if i not in shown]
    if not missing or not shown:
        return None
    out = [*shown[: len(shown) - len(missing)], *missing]
    where = {int(i): n for n, i in enumerate(ids)}
    return np.array([where[i] for i in out], np.int64)


def weigh_choice(state: DialogueState, facet: str, picked: int, pair: list[int]) -> bool:
    """The user picked ``picked`` of a picture test of ``facet``'s reading (``pair``: with the value, without
    it). Picking the one without makes the reading a guess; returns whether it did. Either way the facet
    counts as asked about once more (``DialogueState.doubted``)."""
    if facet not in state.doubted:
        state.doubted.append(facet)
    if picked != pair[1]:
        return False
    unconfirmed(state, facet)
    if ASK_AFTER:
        state.confirm = facet  # and asked about in words next ("…, but you picked the one that isn't grey")
    return True
