"""Facets: named attributes with values and text prompts, scored zero-shot from embeddings.

They unify the offline and the LLM paths: a reference photo is captioned by
its most likely facet values, the questioner asks about the facet that splits
the candidates, answers become soft constraints for re-ranking, and the
"why these results" panel names them. The demo catalog's facets come from its
schema; any other gallery uses ``assets/facets/photos.yaml``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

import assets

from .catalog.captions import describe
from .catalog.schema import FACETS as CATALOG_FACETS

PHOTO_VOCABULARY = assets.path("facets", "photos.yaml")  # package data, found from a wheel too


@dataclass(frozen=True)
class FacetDef:
    name: str
    label: str  # how a question names it
    values: tuple[str, ...]
    prompts: dict[str, tuple[str, ...]]  # value -> text prompts scored against images
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value -> words meaning it
    applies_to: dict[str, tuple[str, ...]] | None = None  # facet -> values it requires, e.g. {"category": (...)}
    ask: bool = True  # whether the questioner may ask about it


@dataclass(frozen=True)
class FacetSet:
    name: str
    facets: tuple[FacetDef, ...]
    # How a set of values is said as one caption. None: each value's first prompt, joined (prompts written for
    # CLIP, "a photo of a beach"); the demo catalog says them the way its training captions do.
    caption: Callable[[dict[str, str]], str] | None = None

    def describe(self, attrs: dict[str, str]) -> str:
        """One caption for these values, in the words the encoder knows best."""
        if not attrs:
            return ""
        if self.caption is not None:
            return self.caption(attrs)
        return "; ".join(self[f].prompts[v][0] for f, v in attrs.items() if f in self and v in self[f].values)

    def __iter__(self):
        return iter(self.facets)

    def __getitem__(self, name: str) -> FacetDef:
        for f in self.facets:
            if f.name == name:
                return f
        raise KeyError(f"no facet {name!r} in {self.name}; valid: {', '.join(f.name for f in self.facets)}")

    def __contains__(self, name: object) -> bool:
        return any(f.name == name for f in self.facets)

    def offers(self, facet: str, value: str) -> bool:
        """Whether this set has ``facet`` and ``value`` is one of its values (a reading from a shared resource,
        such as the WordNet asset, may name a facet or value another set lacks)."""
        return facet in self and value in self[facet].values

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.facets)

    def all_prompts(self) -> list[tuple[str, str, str]]:
        """(facet, value, prompt) for every prompt, in a stable order."""
        return [(f.name, v, p) for f in self.facets for v in f.values for p in f.prompts[v]]

    def value_columns(self) -> list[list[slice]]:
        """Per facet, per value: the columns of its prompts in ``all_prompts()`` order."""
        out, col = [], 0
        for f in self.facets:
            spans = []
            for v in f.values:
                spans.append(slice(col, col + len(f.prompts[v])))
                col += len(f.prompts[v])
            out.append(spans)
        return out


def _catalog_prompt(facet: str, value: str) -> tuple[str, ...]:
    attrs = {"category": "t-shirt", facet: value} if facet != "category" else {"category": value}
    text = describe(attrs, [facet], random.Random(0), canonical=True)
    return (text,)


def _canonical_caption(attrs: dict[str, str]) -> str:
    return describe(attrs, list(attrs), random.Random(0), canonical=True)


def demo_facets() -> FacetSet:
    """The catalog schema as facets (the second colour is described, never asked)."""
    defs = []
    for f in CATALOG_FACETS.values():
        if f.name == "accent":
            continue
        applies = {**({"category": f.categories} if f.categories else {}), **dict(f.requires)} or None
        defs.append(
            FacetDef(
                name=f.name,
                label=f.label,
                values=f.value_names,
                prompts={v.name: _catalog_prompt(f.name, v.name) for v in f.values},
                synonyms={v.name: v.words for v in f.values},
                applies_to=applies,
            )
        )
    return FacetSet("demo", tuple(defs), caption=_canonical_caption)


def load_facets(path: Path = PHOTO_VOCABULARY) -> FacetSet:
    """A facet vocabulary file: ``facets: [{name, label, values: {value: [prompts...]}, synonyms}]``."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    defs = []
    for f in data["facets"]:
        values = tuple(f["values"])
        prompts = {v: tuple(ps or [f"a photo of {v}"]) for v, ps in f["values"].items()}
        synonyms = {v: tuple([v, *f.get("synonyms", {}).get(v, [])]) for v in values}
        defs.append(FacetDef(f["name"], f.get("label", f["name"]), values, prompts, synonyms, ask=f.get("ask", True)))
    return FacetSet(data.get("name", Path(path).stem), tuple(defs))


def facet_sets() -> dict[str, FacetSet]:
    return {"demo": demo_facets(), "photos": load_facets()}


def score_facets(image_vectors: np.ndarray, prompt_vectors: np.ndarray, facets: FacetSet, temperature: float = 0.02) -> dict[str, np.ndarray]:
    """Zero-shot probabilities per facet: {facet: (n_images, n_values)}, rows sum to 1.

    ``prompt_vectors`` are the unit text embeddings of ``facets.all_prompts()``
    in order; a value's score is the mean of its prompts' similarities.
    """
    sims = image_vectors @ prompt_vectors.T
    out: dict[str, np.ndarray] = {}
    for f, spans in zip(facets, facets.value_columns(), strict=True):
        per_value = [sims[:, cols].mean(axis=1) for cols in spans]
        logits = np.stack(per_value, axis=1) / temperature
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        out[f.name] = (p / p.sum(axis=1, keepdims=True)).astype(np.float32)
    return out


def applicable(facet: FacetDef, known: dict[str, str]) -> bool:
    """Whether a facet applies to an item whose (predicted or true) values are ``known``."""
    if not facet.applies_to:
        return True
    return all(known.get(k) in vals for k, vals in facet.applies_to.items())
