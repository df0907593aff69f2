"""Sure readings that may be wrong: which one to ask the user about again, and what the answer does.

A sure reading filters the results (``agents.confidence``), so a sure WRONG reading ("thistle" read as
grey, "parka" as a jacket) keeps the target out for the rest of the dialogue: the questioner never asks
about a facet it believes it knows. Two moments call for asking once more (docs/dialogue-repair.md):

- **The results contradict the readings** (``suspect``): none of the shown results has every value the
  user was read as wanting, so the catalog has nothing that fits them all and one is probably wrong.
- **Before the pictures take over** (``shaky``, asked by ``agents.questioner`` where it would otherwise
  ask "which is closer?"), for a user some of whose answers were read only as a guess or as nothing
  (``misread``): a user the engine reads imperfectly elsewhere may have been misread here too; a user whose
  every answer was read is not asked.

The reading asked about is the least trusted (``trust``): the measured precision of its source
(``agents.confidence.PRECISION``: the colour survey and hue rules, WordNet; the hand lexicon and a
quick-answer button are never doubted), and at most ``ASIDE`` for a reading made in the answer about
another facet ("roses", the answer about the pattern, read as a pink colour); the earliest on a tie. Its
facet is asked once per dialogue, quoting the words and the reading ("I read “thistle” as grey: which
colour was it?"). The answer replaces the reading whatever it reads as, even a guess (the user was asked
about exactly this); an answer read as nothing of that facet leaves the reading a guess (``DOUBTED``): it
nudges the results and no longer filters them.

Until asked, such a reading of a user some of whose answers were misread filters the ranking only as hard as
its source is right (``filter_weight``): a likelihood, not a near-certain filter, so the target can come back
into the results before the user is asked.

For people this is the repair a shop assistant makes: when what they heard matches nothing on the shelf,
or the customer has been hard to follow, they check the word they were least sure they understood rather
than keep showing the wrong shelf.
"""

from __future__ import annotations

import math

import numpy as np

from retrieval.facets import FacetSet

from .confidence import reliability
from .ports import Candidates
from .state import DialogueState, FacetBelief

ASIDE = 0.5  # a sure reading in the answer about another facet was right 10 times in 21 (development user)
DOUBTED = 0.4  # a doubted reading the user did not confirm: a guess, as sure as the MiniLM vote
MATCH = 0.5  # an item has a value when its stored probability is at least this


def trust(b: FacetBelief) -> float:
    """How far the dialogue trusts a sure reading: its source's reliability, less when it was an aside."""
    sure = reliability(b.reading) if b.reading else 1.0  # a button, a comparative, a session saved before
    return min(sure, ASIDE) if b.aside and sure < 1.0 else sure  # the hand lexicon's words: never doubted


def suspect(state: DialogueState, candidates: Candidates, ids: np.ndarray, facets: FacetSet,
            shown: int = 12) -> str | None:
    """The facet whose sure reading to doubt: none of the ``shown`` best results has every sure value, and
    this reading is the least reliable of those they fail (never one doubted before in this dialogue)."""
    sure = {f: b for f, b in state.beliefs.items()
            if f in facets and b.positive and not b.guess and b.positive in facets[f].values}
    if len(sure) < 2 or not any(trust(b) < 1.0 and f not in state.doubted for f, b in sure.items()):
        return None
    failed: set[str] = set()
    for i in ids[:shown]:
        dist = candidates.facet_distribution([int(i)], np.ones(1))
        misses = {f for f, b in sure.items() if _share(dist[f], facets[f].values, b) < MATCH}
        if not misses:
            return None  # a shown result has everything the user was read as wanting
        failed |= misses
    doubtable = [f for f in failed if trust(sure[f]) < 1.0 and f not in state.doubted]
    return min(doubtable, key=lambda f: (trust(sure[f]), sure[f].turn)) if doubtable else None


def _share(dist, values: tuple[str, ...], b: FacetBelief) -> float:
    """An item's probability of having the wanted value or one of its alternatives ("blue or green")."""
    return float(sum(dist[values.index(v)] for v in {b.positive, *b.either} if v in values))


def shaky(state: DialogueState, facets: FacetSet, below: float = 1.0) -> str | None:
    """The least reliable sure reading never asked about again (reliability under ``below``), the earliest on
    a tie."""
    sure = [(trust(b), b.turn, f) for f, b in state.beliefs.items()
            if f in facets and b.positive and not b.guess and f not in state.doubted and trust(b) < below]
    return min(sure)[2] if sure else None


def misread(state: DialogueState) -> bool:
    """Whether some answer of this user was read only as guesses or as nothing (``DialogueState.misreads``):
    words the engine does not know well. A user whose every answer was read is not asked to confirm, nor is
    one who answered about another facet than the one asked, in words read for sure ("it had long sleeves" to
    the colour question; review, round 26: that counted as misread and loosened the user's filters)."""
    return state.misreads > 0


def unconfirmed(state: DialogueState, facet: str) -> None:
    """The answer to "which … was it?" read as nothing of ``facet``: its reading stays, as a guess."""
    b = state.beliefs.get(facet)
    if b and b.positive and not b.guess:
        b.confidence, b.words = DOUBTED, b.said or b.positive


_FLOOR = math.log(1e-3)  # the retriever's log-probability of a value an item surely lacks (``retrieval.retriever``)


def filter_weight(state: DialogueState, b: FacetBelief, values: int) -> float:
    """How hard ``b``'s reading filters the ranking (``Constraint.weight``): its confidence, except a sure reading
    trusted less than fully (``trust``: a source right with probability pi) of a user some of whose answers were
    misread. That one weighs as the evidence it is: the reading is pi likely if the item has the value and
    (1 - pi) / (values - 1) if it has another, so an item without the value loses the log of that ratio,
    ``log(pi (values - 1) / (1 - pi))`` nats (none for a reading no better than chance), not the ``-log 1e-3`` of
    an impossible item (the survey's 0.79 over 13 colours: weight 0.55; before the review of round 26 the
    ratio left out pi: 0.59). Such a user is the one whose sure readings the measured precisions describe:
    words no catalog list names; a user whose every answer was read is filtered as before, except for a sure
    reading made in the answer about another facet (``FacetBelief.aside``, right 10 times in 21 for any
    user)."""
    pi = trust(b) if b.positive and not b.guess else 1.0
    if pi >= 1.0 or not (misread(state) or b.aside):
        return b.confidence
    odds = pi * max(values - 1, 1) / (1.0 - pi)  # P(this reading | the item has the value) / (| it has another)
    return min(b.confidence, max(math.log(odds), 0.0) / -_FLOOR)
