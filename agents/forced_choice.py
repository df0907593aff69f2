"""A forced choice for an answer to a question about one facet ("What kind of pattern?" -> "chessboard grid").

Out of context a word nobody listed must pass the open MiniLM fallback (``Lexicon.similar``): a high bar,
a margin and votes, over every facet's phrases, because "a shirt with blossoms" could be a word for any of
them and nonsense must map to nothing. An answer to a question about ONE facet is an easier problem: a
choice among that facet's few values. Each value is scored by its nearest phrase among what the lexicon
already has for it (its lexicon phrases, the WordNet words under it and its seeds' definitions, the rows of
``Lexicon.table``), and the best value is taken when it is close enough and clearly ahead of the next value.

The bar and margin are lower than ``similar``'s and were chosen on the development lists
(``tests/agents/dev_vocabulary.yaml`` to ``_4``; never on anything held out). Nothing is guessed for a
message that is no answer: one without a word the engine or MiniLM knows whole ("qzxv", "asdf", an emoji), one that is nearer to
saying "no answer" (``_NO_ANSWER``: "don't know", "whatever you think") than to any value, or one clearly
nearer to another facet's phrases (an answer about the pattern to a question about the print). A guess is
reported as one ("I took “chessboard grid” as checked — say if not") and its words stay in the query.
"""

from __future__ import annotations

import numpy as np

from .lexicon import Lexicon
from .parsed import Match
from .style_probe import probe
from .text import normalise

# Chosen on dev_vocabulary.yaml .. _4 (their sleeve, neckline, pattern and motif words read as answers, 149):
# 96 read right before; with (BAR, MARGIN, ELSEWHERE) = (0.55, 0.06, 0.04) 98, no wrong guess, no guess on
# another facet's dev word asked about the wrong facet, none on nonsense. A margin of 0.04 read 98-104 right
# but made 3 wrong guesses; a looser ELSEWHERE (0.08) read 99-101 but guessed across facets. Mean-of-top-2/3
# scoring did worse than the nearest phrase. ``Lexicon.similar`` asks 0.72, a margin and votes.
BAR = 0.55  # nearest phrase of the chosen value, cosine of MiniLM sentence vectors ("wearing ..." template)
MARGIN = 0.06  # ahead of the next value's score
ELSEWHERE = 0.04  # no guess when another facet's phrase (not one refining the asked facet) is this much nearer
# A forced choice is among a handful of values. The colour palette (12) and the catalog's kinds have their own
# in-context sources (``agents.colour_context``, WordNet); on the dev lists' colour and category answers the
# choice read 2 more right and 2 more wrong, so it is not used there.
MAX_VALUES = 6

# What an answer that gives no value says: the abstaining option of the choice.
_NO_ANSWER = ("I don't know", "not sure", "it doesn't matter", "whatever you think", "you choose",
              "no preference", "I can't remember", "any is fine", "something else", "none of those")

SOURCE = "guess"


def _abstain(lexicon: Lexicon) -> np.ndarray:
    """The "no answer" phrases' vectors (MiniLM's embedder remembers the call, so they are embedded once)."""
    return lexicon.embed([Lexicon._TEMPLATE.format(normalise(p)) for p in _NO_ANSWER])


def _meaningful(words: list[str], lexicon: Lexicon) -> bool:
    """Whether some word is one the engine or MiniLM knows whole: an unknown word MiniLM cuts into pieces
    ("asdf": "as" + "##df") would be compared by its letters, not by a meaning, so it is never guessed."""
    unchecked = lexicon.wordpiece_vocabulary is None  # an injected test embedder has none
    return any(w.isalpha() and len(w) >= 2 and (unchecked or lexicon.is_english(w)) for w in words)


def forced_choice(phrase: str, facet: str, lexicon: Lexicon, bar: float = BAR, margin: float = MARGIN) -> Match | None:
    """The value of ``facet`` whose phrases are nearest to ``phrase`` (an answer about that facet), or None."""
    key = normalise(phrase).strip()
    if facet not in lexicon.facets or len(lexicon.facets[facet].values) > MAX_VALUES:
        return None
    rows, vecs = lexicon.table()  # embeds, so MiniLM (and its vocabulary) is loaded for the check below
    if not _meaningful(key.split(), lexicon):
        return None
    values = lexicon.facets[facet].values
    idx = [i for i, (_, f, v) in enumerate(rows) if f == facet and v in values]
    if not idx:
        return None
    q = lexicon.embed([Lexicon._TEMPLATE.format(key)])[0]
    every = vecs @ q
    sims = every[idx]
    best: dict[str, tuple[float, str]] = {}  # value -> (similarity, phrase) of its nearest phrase
    for i, s in zip(idx, sims):
        best[rows[i][2]] = max(best.get(rows[i][2], (-1.0, "")), (float(s), rows[i][0]))
    ranked = sorted(((s, v, phrase) for v, (s, phrase) in best.items()), reverse=True)
    top, value, near = ranked[0]
    second = ranked[1][0] if len(ranked) > 1 else 0.0
    if float((_abstain(lexicon) @ q).max()) >= top:  # "don't know" is no value
        return None
    refining = {f.name for f in lexicon.facets if facet in (f.applies_to or {})}  # "tiny" sizes a pattern
    others = every[[i for i, (_, f, _) in enumerate(rows) if f != facet and f not in refining]]
    if others.size and float(others.max()) - top >= ELSEWHERE:  # clearly a word for another facet's value
        return None
    if top >= bar and top - second >= margin:
        return Match(facet, value, SOURCE, top, path=f"nearest: {near}")
    found = probe(key, facet, lexicon)  # no value's phrase is clearly nearest: the sleeve/neckline probe's choice
    return Match(facet, found.value, SOURCE, found.score, path=f"probe: {found.score:.2f}") if found else None
