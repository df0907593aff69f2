"""Reformulators: the whole dialogue in, one ``ComposedQuery`` out.

The offline engine composes from the dialogue state's beliefs, CIReVL-style:
the latest reference's caption facets are the base, the user's words edit
them, and the edited caption is what the text tower embeds. ``concat`` is
ChatIR's baseline (the dialogue text as the query). The LLM reformulator
lives in ``agents.llm``; the registry names it and imports it on first use.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from retrieval.facets import FacetSet
from retrieval.query import ComposedQuery, Constraint
from retrieval.registry import Registry

from .confidence import is_guess
from .config import AgentConfig
from .doubt import filter_weight
from .errors import UnknownNameError
from .state import DialogueState
from .turns import Question

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from .lexicon import Lexicon

# How a reference image enters the query (the composed-retrieval baselines of the benchmark).
MODES = ("caption-edit", "sum", "text-only", "image-only")


class Reformulator(Protocol):
    name: str

    def compose(self, state: DialogueState) -> ComposedQuery: ...


@runtime_checkable
class PhrasesQuestions(Protocol):
    """A reformulator that can also word the questioner's question (the LLM's; facet and options stay grounded)."""

    def phrase(self, question: Question, state: DialogueState) -> Question: ...


def caption_for(attrs: dict[str, str], facets: FacetSet) -> str:
    """A description of the wanted item in the words the encoder knows best."""
    return facets.describe(attrs)


class OfflineReformulator:
    """Deterministic composition from beliefs; no model besides the encoder."""

    name = "offline"

    def __init__(self, facets: FacetSet, reference_weight: float = 0.35, constraint_weight: float = 1.0,
                 mode: str = "caption-edit", use_constraints: bool = True, captions: int = 8,
                 nudge_weight: float = 0.5):
        if mode not in MODES:
            raise UnknownNameError("composition mode", mode, MODES)
        self.facets = facets
        self.reference_weight = reference_weight
        self.constraint_weight = constraint_weight
        self.mode = mode
        self.nudge_weight = nudge_weight  # weight of each "closer minus other" vector in the query
        self.captions = captions  # readings of the reference described (LDRE); 1 is CIReVL's single caption
        # The embedding-only baselines (sum, text-only, image-only) re-rank with nothing but vectors.
        self.use_constraints = use_constraints and mode == "caption-edit"

    def edited_attributes(self, state: DialogueState) -> tuple[dict[str, str], dict[str, str]]:
        """(attributes to describe, those inherited from the reference) after the user's edits."""
        ref = state.references[-1] if state.references else None
        base = dict(ref.facets) if ref and self.mode == "caption-edit" else {}
        attrs = dict(base)
        for facet, b in state.beliefs.items():
            if b.positive and b.guess:
                attrs.pop(facet, None)
            elif b.positive:
                attrs[facet] = b.positive
            elif attrs.get(facet) in b.negatives:
                attrs.pop(facet)
        for facet in state.settled:
            attrs.pop(facet, None)
        inherited = {f: v for f, v in attrs.items() if base.get(f) == v and not (
            f in state.beliefs and state.beliefs[f].positive == v)}
        return attrs, inherited

    def readings(self, state: DialogueState, attrs: dict[str, str], inherited: dict[str, str]) -> list[tuple[dict, float]]:
        """LDRE: the likely readings of the reference, each edited by the user's words, with their probability.

        Only facets still inherited from the reference vary (what the user said is not in doubt); the
        ``captions`` most probable combinations of their likely values are kept and renormalised.
        """
        ref = state.references[-1] if state.references else None
        unsure = {f: d for f, d in (ref.alternatives if ref else {}).items() if f in inherited and len(d) > 1}
        if self.captions <= 1 or not unsure or self.mode != "caption-edit":
            return [(attrs, 1.0)]
        facets = sorted(unsure, key=lambda f: max(unsure[f].values()))[:4]  # the four least sure
        out = []
        for combo in itertools.product(*(sorted(unsure[f].items(), key=lambda kv: -kv[1]) for f in facets)):
            reading, p = dict(attrs), 1.0
            for f, (value, prob) in zip(facets, combo, strict=True):
                reading[f], p = value, p * prob
            out.append((reading, p))
        out = sorted(out, key=lambda rp: -rp[1])[: self.captions]
        total = sum(p for _, p in out)
        return [(r, p / total) for r, p in out]

    @staticmethod
    def alternatives(state: DialogueState, attrs: dict[str, str], most: int = 8) -> list[tuple[dict, float]]:
        """"blue or green": one reading per combination of the values offered as alternatives
        (``FacetBelief.either``), equally likely, so that the candidate pool and the similarity cover each, not
        only the value named last."""
        offered = {f: [b.positive, *b.either] for f, b in state.beliefs.items() if b.either and attrs.get(f) == b.positive}
        combos = list(itertools.product(*offered.values()))[:most] if offered else []
        return [({**attrs, **dict(zip(offered, c, strict=True))}, 1 / len(combos)) for c in combos]

    def compose(self, state: DialogueState) -> ComposedQuery:
        attrs, inherited = self.edited_attributes(state)
        caption = caption_for(attrs, self.facets) if self.mode != "image-only" else ""
        guessed = [b.words for b in state.beliefs.values() if b.guess and b.words and b.words not in state.wishes]
        wishes = " ".join([*guessed, *state.wishes[-3:]]) if self.mode != "image-only" else ""
        caption = (caption + " " + wishes).strip()
        query = ComposedQuery(caption=caption, exclude_ids=list(dict.fromkeys(state.rejected)))
        readings = self.readings(state, attrs, inherited)  # one reading unless caption-edit has an unsure reference
        if len(readings) == 1:
            readings = self.alternatives(state, attrs) or readings
        if len(readings) > 1:
            query.captions = [((caption_for(r, self.facets) + " " + wishes).strip(), w) for r, w in readings]
        explanation = []
        if self.mode in ("caption-edit", "sum", "image-only") and state.references:
            for ref in state.references[-2:]:
                weight = self.reference_weight if self.mode == "caption-edit" else 1.0
                if weight > 0:
                    query.references.append((ref.vector, weight))
                if ref.item_id is not None:
                    query.exclude_ids.append(ref.item_id)
            ref = state.references[-1]
            explanation.append(f"starting from {ref.label}: {ref.caption}")
        if state.nudges and self.mode == "caption-edit":  # "which is closer?" answers, Rocchio-style
            for vec in state.nudges:
                query.references.append((np.asarray(vec, np.float32), self.nudge_weight))
            explanation.append(f"leaning towards the {len(state.nudges)} result(s) you picked as closer")
        for facet, b in state.beliefs.items():
            if facet not in self.facets:
                continue
            if b.positive:  # a sure reading filters, a guess only nudges (``agents.confidence``)
                weight = filter_weight(state, b, len(self.facets[facet].values))  # (agents.doubt)
                query.constraints.append(Constraint(facet, b.positive, True, weight * self.constraint_weight,
                                                    tuple(b.either)))
                mark = f" (a guess from “{b.words}”)" if b.guess and b.words else ""
                values = " or ".join([*b.either, b.positive])
                explanation.append(f"{self.facets[facet].label}: {values}{mark}")
            for v in b.negatives:
                sure = b.doubts.get(v, 1.0)
                query.constraints.append(Constraint(facet, v, False, sure * self.constraint_weight))
                explanation.append(f"not {v} ({self.facets[facet].label}{', a guess' if is_guess(sure) else ''})")
        if not self.use_constraints:
            query.constraints = []
        else:
            unsure = state.references[-1].alternatives if state.references and self.captions > 1 else {}
            for facet, v in inherited.items():
                if facet in self.facets:  # as sure as the captioner was (LDRE); a plain half weight otherwise
                    sure = unsure.get(facet, {}).get(v, 1.0)
                    query.constraints.append(Constraint(facet, v, True, 0.5 * sure * self.constraint_weight))
        for facet in state.settled:
            if facet in self.facets:
                explanation.append(f"any {self.facets[facet].label}")
        if state.wishes:
            explanation.append("also: " + "; ".join(state.wishes[-3:]))
        if state.rejected:
            explanation.append(f"hiding {len(set(state.rejected))} result(s) you rejected")
        query.explanation = explanation
        return query


class ConcatReformulator:
    """ChatIR's baseline: every user message and answer, concatenated, is the query text."""

    name = "concat"

    def __init__(self, facets: FacetSet, **_: object):
        self.facets = facets

    def compose(self, state: DialogueState) -> ComposedQuery:
        text = ", ".join(t.text for t in state.search_turns if t.role == "user" and t.text.strip())
        return ComposedQuery(caption=text, exclude_ids=list(state.rejected), explanation=["dialogue as one text"])


def offline_from_config(facets: FacetSet, config: AgentConfig, lexicon: Lexicon | None = None,
                        chat_model: BaseChatModel | None = None) -> OfflineReformulator:
    return OfflineReformulator(facets, reference_weight=config.reference_weight,
                               constraint_weight=config.constraint_weight)


def concat_from_config(facets: FacetSet, config: AgentConfig, lexicon: Lexicon | None = None,
                       chat_model: BaseChatModel | None = None) -> ConcatReformulator:
    return ConcatReformulator(facets)


# Every factory takes what an assistant shares: ``factory(facets, config, lexicon=..., chat_model=...)``.
ReformulatorFactory = Callable[..., Reformulator]
_REFORMULATORS: Registry[ReformulatorFactory] = Registry(
    "reformulator",
    {"offline": offline_from_config, "concat": concat_from_config, "llm": "agents.llm:llm_from_config"},
)


def register_reformulator(name: str, factory: ReformulatorFactory | str) -> None:
    _REFORMULATORS.register(name, factory)


def list_reformulators() -> list[str]:
    return _REFORMULATORS.list()


def create_reformulator(name: str, facets: FacetSet, config: AgentConfig, lexicon: Lexicon | None = None,
                        chat_model: BaseChatModel | None = None) -> Reformulator:
    return _REFORMULATORS.get(name)(facets, config, lexicon=lexicon, chat_model=chat_model)
