"""How well the engine reads this user's words about a facet: the chance an answer to its question is read.

Each answer to a question about a facet is scored when it is folded in
(``answer_score``): 1.0 when a sure reading of that facet came out of it (or
the user said the item has no such thing), the reading's confidence when it
was only a guess (``agents.confidence``: about how often such a reading is
right), 0.0 when nothing of the facet was read. ``read_chance`` is the mean
score of this dialogue's answers about the facet with ``PRIOR_ANSWERS``
imagined answers, all read, in front: the assumption the questioner made
before it kept count, so a facet never asked, and a user whose every answer
is read, is asked exactly what it was asked before.

The count is per facet, not pooled over the dialogue: on the development
user a miss on one facet did not make the next facet's answer less likely
read (new facets after a miss read 0.83 and 0.88, seeds 0 and 1, against
0.78 and 0.81 with no miss before), while the facet asked again after a
miss read 0.57 and 0.46 (docs/dialogue-repair.md). The questioner weighs the
expected information of a question by this chance (``agents.questioner``);
a visual "which is closer?" question needs no words, so its information is
not discounted.
"""

from __future__ import annotations

from collections.abc import Iterable

from .parsed import Mention
from .state import DialogueState

PRIOR_ANSWERS = 2.0  # imagined answers, all read, before the first real one about a facet


def answer_score(mentions: Iterable[Mention], asked: str, settled: bool = False) -> float:
    """How well one answer to the question about ``asked`` was read: the surest reading of that facet
    (a wanted or ruled-out value), 1.0 when the user settled it ("it's a hat, no scale"), else 0.0."""
    scores = [m.confidence for m in mentions if m.facet == asked]
    return max(scores) if scores else 1.0 if settled else 0.0


def read_chance(state: DialogueState, facet: str) -> float:
    """The chance this user's next answer about ``facet`` is read: the mean score of this dialogue's
    answers about it, ``PRIOR_ANSWERS`` read answers in front."""
    scores = [s for f, s in state.answers if f == facet]
    return (PRIOR_ANSWERS + sum(scores)) / (PRIOR_ANSWERS + len(scores))
