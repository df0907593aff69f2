"""The held-out vocabulary: a frozen list of everyday words with their expected values, and a user who speaks it.

``tests/agents/heldout/vocabulary.yaml`` (``{facet class: {word or phrase: canonical value}}``) is written
once, from general knowledge, by someone who did not build the engine; nothing in the project may list its
words (``tests/agents/test_heldout_leak.py``) and nothing is tuned on it. Two measurements use it:

- ``mapping_accuracy``: per facet class, the share of its words the offline engine reads as the expected
  value (each word parsed alone, as a bare-word answer);
- ``HeldoutUser``: the benchmark's third simulated user, who names the target's values in those words, in
  sentence shapes beyond the canonical user's templates (hedges, corrections, upper case, now and then a
  typo). Where the list has no word for a value, the user falls back to the value's catalog word.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from ..lexicon import Lexicon
from ..understand import parse
from .user import SimulatedUser

VOCABULARY = Path(__file__).resolve().parents[2] / "tests" / "agents" / "heldout" / "vocabulary.yaml"
FACET_CLASSES = ("category", "colour", "pattern", "sleeve", "neckline", "length", "motif")


def load_vocabulary(path: Path = VOCABULARY) -> dict[str, dict[str, str]] | None:
    """{facet class: {word: expected value}}, or None when the file is absent."""
    if not Path(path).exists():
        return None
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {facet: {str(w): str(v) for w, v in (words or {}).items()} for facet, words in data.items()}


def reads_as(word: str, lexicon: Lexicon, expect: str | None = None) -> list[tuple[str, str]]:
    """The (facet, value) pairs the engine reads a word as, positively: bare, or as the answer to a
    question about ``expect``."""
    return [(m.facet, m.value) for m in parse(word, lexicon, expect).mentions if m.positive]


def mapping_accuracy(lexicon: Lexicon, vocabulary: dict[str, dict[str, str]]) -> dict[str, dict]:
    """Per facet class: words, how many read right out of context (``share``, the headline figure) and as
    the answer to a question about that facet (``share_as_answer``), and the misses out of context."""
    lexicon.warm()
    out = {}
    for facet, words in vocabulary.items():
        right, as_answer, misses = 0, 0, {}
        for w, expected in words.items():
            got = reads_as(w, lexicon)
            if (facet, expected) in got:
                right += 1
            else:
                misses[w] = ", ".join(f"{f}:{v}" for f, v in got) or "nothing"
            as_answer += (facet, expected) in reads_as(w, lexicon, facet)
        n = len(words)
        out[facet] = {"words": n, "right": right, "share": round(right / n, 4) if n else None,
                      "share_as_answer": round(as_answer / n, 4) if n else None, "misses": misses}
    return out


_OPENINGS = ("{d}", "I'm looking for {d}", "do you have {d}?", "hmm, maybe {d}", "I think it was {d}",
             "searching for {d} please")
_ANSWERS = ("{w}", "I think {w}", "probably {w}", "{w}, I guess", "hmm {w} maybe", "it was {w}", "{w} I'd say")


def typo(word: str, rng: random.Random) -> str:
    """Swap two neighbouring inner letters of the longest word (the commonest slip when typing fast)."""
    parts = word.split()
    k = max(range(len(parts)), key=lambda i: len(parts[i]))
    w = parts[k]
    if len(w) < 6 or not w.isalpha():
        return word
    j = rng.randrange(1, len(w) - 2)
    parts[k] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(parts)


class HeldoutUser(SimulatedUser):
    """Names the target's values in held-out words; hedges, corrects itself, shouts, mistypes now and then."""

    def __init__(self, target: dict[str, str], rng: random.Random, vocabulary: dict[str, dict[str, str]],
                 typo_rate: float = 0.1, upper_rate: float = 0.1, correction_rate: float = 0.15):
        super().__init__(target, rng, heldout_rate=0.0)
        self.words: dict[tuple[str, str], list[str]] = {}
        for facet, words in vocabulary.items():
            for w, v in sorted(words.items()):
                self.words.setdefault((facet, v), []).append(w)
        self.typo_rate, self.upper_rate, self.correction_rate = typo_rate, upper_rate, correction_rate

    def _word(self, facet: str) -> str:
        pool = self.words.get((facet, self.target[facet]))
        if not pool:
            return super()._word(facet)
        w = self.rng.choice(pool)
        return typo(w, self.rng) if self.rng.random() < self.typo_rate else w

    def _shape(self, text: str) -> str:
        return text.upper() if self.rng.random() < self.upper_rate else text

    def opening(self) -> str:
        facets = self.opening_facets()
        words = {f: self._word(f) for f in facets}
        lead = " ".join(words.pop(f) for f in ("colour", "category") if f in words)
        rest = list(words.values())
        desc = " with ".join([lead, *rest]) if lead else " and ".join(rest)
        return self._shape(self.rng.choice(_OPENINGS).format(d=desc))

    def answer(self, facet: str | None) -> str:
        if facet and facet in self.target:
            self.given.add(facet)
            w = self._word(facet)
            others = [v for (f, v), ws in self.words.items() if f == facet and v != self.target[facet] and ws]
            if others and self.rng.random() < self.correction_rate:  # "no, not X, more like Y"
                wrong = self.rng.choice(self.words[(facet, self.rng.choice(sorted(others)))])
                return self._shape(f"{wrong}... no, not {wrong}, more like {w}")
            return self._shape(self.rng.choice(_ANSWERS).format(w=w))
        return super().answer(facet)
