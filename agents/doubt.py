"""When the user's readings contradict each other: the one to doubt, and what an answer about it does.

A sure reading filters the results (``agents.confidence``), so a sure WRONG reading ("thistle" read as
grey, "parka" as a jacket) keeps the target out for the rest of the dialogue: the questioner never asks
about a facet it believes it knows. The results say when that may be happening: when none of the shown
results has every value the user was read as wanting, the catalog has nothing that fits all the readings,
so one of them is probably wrong (or the catalog lacks the thing; then the user can say so). The reading
to doubt is the least reliable of those the shown results fail: the lowest measured precision of its
source (``agents.confidence.PRECISION``: the colour survey and hue rules, WordNet; the hand lexicon and a
quick-answer button are never doubted), the earliest on a tie. Its facet is asked once more, quoting the
words and the reading ("I read “thistle” as grey, but none of these has everything you said: which colour
was it?"), once per facet in a dialogue. The answer replaces the reading whatever it reads as, even a
guess (the user was asked about exactly this); an answer that reads as nothing of that facet leaves the
reading a guess (``DOUBTED``): it nudges the results and no longer filters them.

For people this is the repair a shop assistant makes: when what they heard matches nothing on the shelf,
they check the word they were least sure they understood, rather than keep showing the wrong shelf. A user
whose words are read right is never asked: the shown results have everything they said.
"""

from __future__ import annotations

import numpy as np

from retrieval.facets import FacetSet

from .confidence import reliability
from .ports import Candidates
from .state import DialogueState

DOUBTED = 0.4  # a doubted reading the user did not confirm: a guess, as sure as the MiniLM vote
MATCH = 0.5  # an item has a value when its stored probability is at least this


def suspect(state: DialogueState, candidates: Candidates, ids: np.ndarray, facets: FacetSet,
            shown: int = 12) -> str | None:
    """The facet whose sure reading to doubt: none of the ``shown`` best results has every sure value, and
    this reading is the least reliable of those they fail (never one doubted before in this dialogue)."""
    sure = {f: b for f, b in state.beliefs.items()
            if f in facets and b.positive and not b.guess and b.positive in facets[f].values}
    if len(sure) < 2 or not any(reliability(b.reading) < 1.0 and f not in state.doubted for f, b in sure.items()):
        return None
    failed: set[str] = set()
    for i in ids[:shown]:
        dist = candidates.facet_distribution([int(i)], np.ones(1))
        misses = {f for f, b in sure.items() if dist[f][facets[f].values.index(b.positive)] < MATCH}
        if not misses:
            return None  # a shown result has everything the user was read as wanting
        failed |= misses
    shaky = [f for f in failed if reliability(sure[f].reading) < 1.0 and f not in state.doubted]
    return min(shaky, key=lambda f: (reliability(sure[f].reading), sure[f].turn)) if shaky else None


def unconfirmed(state: DialogueState, facet: str) -> None:
    """The answer to "which … was it?" read as nothing of ``facet``: its reading stays, as a guess."""
    b = state.beliefs.get(facet)
    if b and b.positive and not b.guess:
        b.confidence, b.words = DOUBTED, b.said or b.positive
