"""Questioners: what to ask next, chosen by looking at the current candidates (PlugIR).

The entropy questioner asks about the facet whose values split the top-K
candidates most evenly (the expected information of the answer), never one
the user already settled or was asked about, never one the candidates agree
on. ``random`` is the benchmark's baseline.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Protocol

import numpy as np

from retrieval.facets import FacetSet
from retrieval.registry import Registry

from .doubt import misread, shaky
from .ports import Candidates
from .state import DialogueState
from .turns import PAIR, Question
from .understanding import read_chance

DONT_CARE = "doesn't matter"
LN2 = math.log(2)  # the information of an evenly split pair question


class Questioner(Protocol):
    name: str

    def ask(self, state: DialogueState, ids: np.ndarray, scores: np.ndarray) -> Question | None: ...


def _open_facets(state: DialogueState, facets: FacetSet) -> list[str]:
    """Facets worth a question: not known or settled, never asked, or asked once and its answer read as
    nothing (``DialogueState.unread``): asked once more, offering its values."""
    known = state.known()
    return [f.name for f in facets if f.ask and f.name not in known and f.name not in state.settled
            and (f.name not in state.asked or f.name in state.unread and state.asked.count(f.name) < 2)]


def phrase_question(facets: FacetSet, facet: str, dist: np.ndarray, again: bool = False,
                    ruled_out: list[str] | tuple[str, ...] = ()) -> Question:
    """The question about ``facet``, naming the values the candidates show, never one the user ruled out;
    ``again``: words about it read as nothing, so the values are offered as the choice ("I didn't catch the
    sleeve: long, short or …?")."""
    f = facets[facet]
    order = [j for j in np.argsort(-dist[:-1]) if dist[j] >= 0.03 and f.values[j] not in ruled_out][:5]
    options = [f.values[j] for j in order]
    if again:
        named = options[:4] if len(options) >= 2 else [v for v in f.values if v not in ruled_out][:4]
        text = f"I didn't catch the {f.label}: was it {', '.join(named[:-1])} or {named[-1]}?"
    elif len(options) >= 2:
        named = options[:4]
        common = ", ".join(named[:-1]) + f" or {named[-1]}"
        text = f"Which {f.label} would you like? Among these results I see {common}."
    else:
        text = f"Which {f.label} would you like?"
    return Question(facet, text, [*options, DONT_CARE])


def confirm_question(facets: FacetSet, facet: str, dist: np.ndarray, value: str, words: str,
                     contradicted: bool = True) -> Question:
    """"I read “thistle” as grey, but none of these has everything you asked for: which colour was it?" A
    reading the shown results contradict (``agents.doubt``), or, not ``contradicted``, the least reliable
    one before the pictures take over, asked once more with the values the candidates show."""
    f = facets[facet]
    order = [j for j in np.argsort(-dist[:-1]) if dist[j] >= 0.03][:5]
    options = list(dict.fromkeys([value, *(f.values[j] for j in order)]))[:5]
    said = f"I read “{words}” as {value}" if words and words.lower() != value.lower() else f"You said {value}"
    why = ", but none of these results has everything you asked for" if contradicted else "; to be sure"
    return Question(facet, f"{said}{why}: which {f.label} was it?", [*options, DONT_CARE])


def pair_question(candidates: Candidates, ids: np.ndarray, shown: int = 12, pool: int = 50) -> Question | None:
    """"Which is closer: result 2 or result 7?" for the two shown results that split the candidates best.

    Words run out before pictures do: once every describable attribute is settled, the remaining
    candidates still differ visually. Each pair of shown results divides the top ``pool`` candidates by
    which of the two each is more similar to; the most even split (then the most different pair) is
    asked, so either answer removes about half of them.
    """
    best = _best_pair(candidates, ids, shown, pool)
    return best[0] if best else None


def _best_pair(candidates: Candidates, ids: np.ndarray, shown: int, pool: int) -> tuple[Question, float] | None:
    """``pair_question``'s question and the share of the candidates on the first result's side."""
    cand = [int(i) for i in ids[:pool]]
    if len(cand) < 4:
        return None
    at = candidates.vectors_by_id(cand)
    cand = [i for i in cand if i in at]
    k = min(shown, len(cand))
    if k < 2:
        return None
    mat = np.stack([at[i] for i in cand])
    sims = mat @ mat[:k].T  # (pool, shown)
    best, best_key, best_share = None, (-1.0, 0.0), 0.5
    for a in range(k):
        for b in range(a + 1, k):
            share = float((sims[:, a] > sims[:, b]).mean())
            key = (round(min(share, 1 - share), 2), 1.0 - float(sims[a, b]))
            if key > best_key:
                best, best_key, best_share = (a, b), key, share
    a, b = best  # type: ignore[misc]
    return Question(PAIR, f"Which is closer to what you want: result {a + 1} or result {b + 1}?",
                    [f"result {a + 1}", f"result {b + 1}", DONT_CARE], items=[cand[a], cand[b]]), best_share


def _entropy(p: np.ndarray) -> float:
    return -sum(float(x) * math.log(x) for x in p if x > 1e-9)


class EntropyQuestioner:
    name = "entropy"

    def __init__(self, candidates: Candidates, facets: FacetSet, pool: int = 50, temperature: float = 0.05,
                 min_entropy: float = 0.45, max_not_applicable: float = 0.5, pairs: bool = True, shown: int = 12):
        self.candidates, self.facets, self.pool = candidates, facets, pool
        self.temperature, self.min_entropy, self.max_not_applicable = temperature, min_entropy, max_not_applicable
        self.pairs, self.shown = pairs, shown  # ask "which is closer?" once no attribute splits the candidates

    def distributions(self, ids: np.ndarray, scores: np.ndarray) -> dict[str, np.ndarray]:
        top_ids, top = ids[: self.pool], np.asarray(scores[: self.pool], np.float64)
        w = np.exp((top - top.max()) / self.temperature) if len(top) else top
        return self.candidates.facet_distribution(top_ids, w)

    def ask(self, state: DialogueState, ids: np.ndarray, scores: np.ndarray) -> Question | None:
        """The open facet whose answer carries the most expected information, if worth asking
        (``min_entropy``); a pair question instead when that facet's information, times the chance this
        user's answer about it is read (``agents.understanding``), is below the pair's: an even split is
        rated at ``min_entropy``, the rate at which an attribute question always went first. Only the chosen
        facet is discounted, and the facets are not reordered by it: reordering was measured and not
        adopted (docs/dialogue.md, B/F1/F2), so a less informative facet never asked is not preferred to a
        pair. A pair question also when no facet is worth asking. Before a pair, the least trusted sure reading
        of a user some of whose answers were misread is asked about once more (``agents.doubt``), and a
        reading the shown results contradict (``DialogueState.confirm``) is asked about first."""
        if not len(ids):
            return None
        dists = self.distributions(ids, scores)
        if state.confirm in self.facets and state.confirm in state.known():  # a reading the results contradict
            b = state.beliefs[state.confirm]
            return confirm_question(self.facets, state.confirm, dists[state.confirm], b.positive, b.said)
        best, best_h = None, self.min_entropy
        for facet in _open_facets(state, self.facets):
            dist = dists[facet]
            if dist[-1] > self.max_not_applicable:
                continue  # mostly items this facet does not describe
            h = _entropy(dist[:-1] / max(dist[:-1].sum(), 1e-12))
            if h > best_h:
                best, best_h = facet, h
        can_pair = self.pairs and PAIR not in state.settled and state.user_turns > 0
        read = best_h * read_chance(state, best) if best else 0.0
        if can_pair and read < self.min_entropy:  # only then can a pair be worth more: look for one
            if misread(state) and (f := shaky(state, self.facets)):  # before the pictures: a shaky reading
                b = state.beliefs[f]
                return confirm_question(self.facets, f, dists[f], b.positive, b.said, contradicted=False)
            pair = _best_pair(self.candidates, ids, self.shown, self.pool)
            if pair and read < self.min_entropy * _entropy(np.array([pair[1], 1 - pair[1]])) / LN2:
                return pair[0]
        if best:
            ruled_out = state.beliefs[best].negatives if best in state.beliefs else []
            # "I didn't catch the …" about words in the opening, or right after the answer it did not catch, never
            # after a pair question came between (found in review)
            again = best in state.unread and (best not in state.asked or state.asked[-1:] == [best])
            return phrase_question(self.facets, best, dists[best], again=again, ruled_out=ruled_out)
        return None


class RandomQuestioner(EntropyQuestioner):
    """Asks about a random open facet (that applies to the candidates): the baseline."""

    name = "random"

    def __init__(self, candidates: Candidates, facets: FacetSet, seed: int = 0, **kw):
        kw.setdefault("pairs", False)  # the baseline asks about attributes only
        super().__init__(candidates, facets, **kw)
        self.rng = random.Random(seed)

    def ask(self, state: DialogueState, ids: np.ndarray, scores: np.ndarray) -> Question | None:
        if not len(ids):
            return None
        dists = self.distributions(ids, scores)
        open_ = [f for f in _open_facets(state, self.facets) if dists[f][-1] <= self.max_not_applicable]
        if not open_:
            return None
        facet = self.rng.choice(open_)
        return phrase_question(self.facets, facet, dists[facet])


class NoQuestioner:
    name = "none"

    def __init__(self, *_, **__):
        pass

    def ask(self, state: DialogueState, ids: np.ndarray, scores: np.ndarray) -> Question | None:
        return None


# Name -> ``factory(candidates, facets, **kwargs)`` (``candidates``: an ``agents.ports.Candidates``, e.g. the retriever).
_QUESTIONERS: Registry[Callable[..., Questioner]] = Registry(
    "questioner", {"entropy": EntropyQuestioner, "random": RandomQuestioner, "none": NoQuestioner})


def register_questioner(name: str, factory: Callable[..., Questioner] | str) -> None:
    _QUESTIONERS.register(name, factory)


def create_questioner(name: str, candidates: Candidates, facets: FacetSet, **kwargs) -> Questioner:
    return _QUESTIONERS.get(name)(candidates, facets, **kwargs)
