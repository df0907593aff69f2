"""What the agents hand to retrieval: one composed query, and what comes back.

A ``ComposedQuery`` is the whole dialogue reduced to vectors and soft
constraints (CIReVL's edited caption, reference embeddings, excluded ids,
facet constraints); retrieval never sees the dialogue itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Constraint:
    facet: str  # facet name, e.g. "colour"
    value: str  # canonical value, e.g. "red"
    positive: bool = True  # False: the user said "not red"
    weight: float = 1.0  # strength of the soft re-rank
    either: tuple[str, ...] = ()  # other values that satisfy it as well ("blue or green")


@dataclass
class ComposedQuery:
    caption: str  # the composed (edited) caption, embedded with the text tower
    # LDRE: several edited captions (one per likely reading of the reference) with their weights; when
    # given, their weighted mean embedding replaces ``caption``'s (which stays the most likely one, for display)
    captions: list[tuple[str, float]] = field(default_factory=list)
    references: list[tuple[np.ndarray, float]] = field(default_factory=list)  # (unit image vector, weight)
    constraints: list[Constraint] = field(default_factory=list)  # soft facet constraints
    exclude_ids: list[int] = field(default_factory=list)  # rejected or reference items
    text_weight: float = 1.0  # weight of the caption vector against the references
    explanation: list[str] = field(default_factory=list)  # human-readable: what was applied and why


@dataclass
class Result:
    id: int  # gallery item id
    score: float  # final score after re-ranking (higher is better)
    similarity: float  # embedding similarity before constraints
    path: str  # image file (inside the gallery)
    thumbnail: str  # cached thumbnail file
    caption: str  # short description for the UI
    facets: dict[str, str] = field(default_factory=dict)  # most likely facet values
