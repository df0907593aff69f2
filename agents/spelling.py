"""Typo tolerance: a misspelt word becomes the known word it is closest to, only when that is safe.

The bar (documented in docs/knowledge.md): words of at least ``MIN_LENGTH`` letters, at most one edit for
words up to six letters and two for longer ones (an edit is an insertion, deletion, substitution or a swap
of neighbours, rapidfuzz's OSA distance), one closest known word (a tie between different words fixes
nothing), the same first letter (people rarely mistype the first letter; "daypack" is no "calpack"), and never a word that is itself English: the compiled WordNet asset lists the real words within
that bar of the vocabulary, so "tan" is never read as "tank" nor "coat" as "boat".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import product

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_LENGTH = 4

# English inflection endings: a token is a real word when it is one with such an ending taken off ("boated").
_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "est", "ies", "ied", "y")


_RUN = re.compile(r"([a-z])\1{2,}")  # a letter three or more times in a row


def _endings_off(token: str) -> list[str]:
    """``token`` less each inflection ending it ends in ("boated": boate, boat)."""
    return [token[: -len(e)] for e in _ENDINGS if token.endswith(e)]


def max_edits(word: str) -> int:
    return 1 if len(word) <= 6 else 2


class Speller:
    def __init__(self, vocabulary: Iterable[str], real_words: Iterable[str] = (),
                 common: Callable[[str], bool] = lambda word: False):
        self.vocabulary = sorted({w for w in vocabulary if len(w) >= MIN_LENGTH - 1 and w.isalpha()})
        self._known = set(self.vocabulary)
        self.real_words = frozenset(real_words)
        self.common = common  # a whole word MiniLM knows ("sweaty", "marion", "bernie"): never a typo

    def is_word(self, token: str) -> bool:
        """Known or English (inflected forms too: "tanks", "boated"; loosely, any word with up to three letters
        taken off: "lineate" as "line")."""
        stems = {token, token[:-1], token[:-2], token[:-3]} if len(token) > 4 else {token}
        return token in self._known or any(s in self.real_words for s in stems if s)

    def _inflected(self, token: str) -> bool:
        """Known or English with only an inflection's ending taken off ("boated", "boating", "tanks"): such a
        word is never repaired. "turtlenek" is English only loosely ("turtle" + "nek")."""
        stems = {token, *(_endings_off(token) if len(token) > 4 else [])}
        return token in self._known or any(s in self.real_words for s in stems if s)

    def _common_stem(self, token: str) -> bool:
        """Whether an inflection's ending taken off leaves a whole word MiniLM knows: with the token itself a whole
        word, an English form the WordNet asset cannot vouch for when its stem is short ("hits": "hit" has three
        letters, under the asset's bar) was repaired ("hits the knee": hats)."""
        return any(self.common(stem) for stem in _endings_off(token) if len(stem) >= 3)

    def _unstretched(self, token: str) -> str | None:
        """The known word a token is with each letter said three or more times in a row said once or twice
        ("looooong": long; "dresssss": dress), or None. No English word has a letter three times in a row, so
        such a run is emphasis, never a typo of another word; more than one known word is no answer."""
        runs = list(_RUN.finditer(token))
        if not runs or len(runs) > 3:
            return None
        found = set()
        for counts in product((1, 2), repeat=len(runs)):
            word, end = "", 0
            for m, n in zip(runs, counts):
                word += token[end: m.start()] + m.group(1) * n
                end = m.end()
            word += token[end:]
            if word in self._known:
                found.add(word)
        return found.pop() if len(found) == 1 else None  # "reeeed": red, known; "reed" is English, not known

    def _ish(self, token: str) -> str | None:
        """The vocabulary word an "-ish" form is made of ("shortish": short; "biggish": big, its final consonant
        doubled), or None."""
        stem = token[:-3]
        for s in (stem, stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "", stem + "e"):
            if len(s) >= MIN_LENGTH - 1 and s in self._known:
                return s
        return None

    def correct(self, token: str) -> str | None:
        """The vocabulary word ``token`` is a typo of, or None."""
        if not token.isalpha():
            return None
        if _RUN.search(token):  # "looooong", "reeeed": a letter held for emphasis, no typo to repair by distance
            return self._unstretched(token)
        if len(token) < MIN_LENGTH:
            return None
        if token.endswith("ish") and (stem := self._ish(token)):
            return stem  # "shortish sleeves": short sleeves, as "reddish" is red (a form, English or not)
        if self._inflected(token) or (self.common(token) and (self.is_word(token) or self._common_stem(token))):
            return None  # English, or a common word or name that is English loosely ("marion" is no maroon)
        bar = max_edits(token)
        hits = process.extract(token, self.vocabulary, scorer=OSA.distance, score_cutoff=bar, limit=10)
        hits = [h for h in hits if h[0][0] == token[0]]
        if not hits:
            return None
        best = min(d for _, d, _ in hits)
        if best > 1 and self.is_word(token):
            return None  # English only loosely ("lineate"): repaired at one edit only ("turtlenek")
        closest = {w for w, d, _ in hits if d == best}
        if len(closest) > 1 and best == 1 and len({w.removesuffix("s") for w in closest}) == 1:
            # one word in both numbers ("sleevs": sleeve or sleeves): the number the typo ends in
            closest = {w for w in closest if w.endswith("s") == token.endswith("s")}
        return closest.pop() if len(closest) == 1 else None
