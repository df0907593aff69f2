"""The simulated user of the ChatIR protocol: it knows the target and answers truthfully.

Round 0 is a partial description (one or two attributes), half the time in
words held out of encoder training. Afterwards it answers the asked facet in
natural words (never "doesn't matter"), or, when nothing was asked, volunteers
one attribute not given yet. In the reference mode it uploads, at round 2, an
item that shares most attributes with the target and says what differs.
"""

from __future__ import annotations

import random

from retrieval.catalog.captions import describe, word_for

# Which attributes a user mentions first, most salient first.
_SALIENCE = ("category", "colour", "pattern", "length", "sleeve", "motif", "neckline", "background", "scale", "fit",
             "closure", "brim", "strap")
_ANSWER_TEMPLATES = ("{w}", "{w}", "I'd like {w}", "{w} please", "it should be {w}", "ideally {w}")


class SimulatedUser:
    def __init__(self, target: dict[str, str], rng: random.Random, heldout_rate: float = 0.5):
        self.target = {f: v for f, v in target.items() if f != "accent"}
        self.rng = rng
        self.heldout_rate = heldout_rate
        self.given: set[str] = set()

    def _word(self, facet: str) -> str:
        heldout = self.rng.random() < self.heldout_rate
        return word_for(facet, self.target[facet], self.rng, heldout=heldout)

    def opening_facets(self) -> list[str]:
        """What round 0 names: the category (or the colour) and, half the time, one more salient attribute."""
        first = "category" if self.rng.random() < 0.7 else "colour"
        facets = [first]
        if self.rng.random() < 0.5:
            facets.append(self.rng.choice([f for f in _SALIENCE if f in self.target and f != first]))
        self.given.update(facets)
        return facets

    def opening(self) -> str:
        """One or two attributes: the category and maybe the colour, or a colour and a pattern."""
        facets = self.opening_facets()
        heldout = self.rng.random() < self.heldout_rate
        return describe(self.target, facets, self.rng, heldout=heldout)

    def answer(self, facet: str | None) -> str:
        if facet and facet in self.target:
            self.given.add(facet)
            return self.rng.choice(_ANSWER_TEMPLATES).format(w=self._phrase(facet))
        if facet:  # asked about something the target does not have: say what it is instead
            self.given.add("category")
            return f"it's {describe(self.target, ['category'], self.rng)}, no {facet}"
        return self.volunteer()

    def closer(self, options: list[str], similarity: list[float]) -> str:
        """Answers "which is closer?" by true similarity to the target (the option names the result)."""
        return options[int(similarity[1] > similarity[0])]

    def volunteer(self) -> str:
        rest = [f for f in _SALIENCE if f in self.target and f not in self.given]
        if not rest:
            return "anything like that"
        facet = rest[0] if self.rng.random() < 0.6 else self.rng.choice(rest)
        self.given.add(facet)
        return "also " + self._phrase(facet)

    def _phrase(self, facet: str) -> str:
        """A value in words, as a fragment: "short sleeves", "striped", "in crimson"."""
        w = self._word(facet)
        if facet == "colour":
            return self.rng.choice([w, f"in {w}", f"{w} coloured"])
        if facet == "category":
            return self.rng.choice([w, f"a {w}" if not w.endswith("s") else w])
        if facet == "background":
            return f"on a {w}"
        if facet == "scale":
            return f"a {w} pattern"
        return w

    def modification(self, reference: dict[str, str]) -> str:
        """CIReVL-style: what to change about the reference to get the target."""
        diffs = [f for f in _SALIENCE if f in self.target and reference.get(f) != self.target[f]]
        self.given.update(diffs)
        parts = [self._phrase(f) for f in diffs] or ["the same"]
        lead = self.rng.choice(["like this but", "similar to this, but", "this one but"])
        return f"{lead} {' and '.join(parts)}"
