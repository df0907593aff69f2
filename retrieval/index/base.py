"""The ``VectorIndex`` protocol, its manifest, and the registry of implementations by spec scheme.

Specs: ``faiss`` (exact inner product), ``faiss:hnsw``, ``faiss:ivf``, ``faiss:auto``,
``milvus`` (Milvus Lite file in the library folder), ``milvus:///abs/path.db``
(Milvus Lite file), ``http(s)://host:19530`` (a Milvus server; token from
``MILVUS_TOKEN``). Every index records which encoder filled it; opening it for
another encoder raises ``IndexMismatchError`` telling the user to re-index.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from ..errors import IndexMismatchError
from ..gallery import Item
from ..registry import Registry


@runtime_checkable
class VectorIndex(Protocol):
    dim: int
    keeps_items: bool  # whether ``add`` stores the items it is given (the index is then also an ``ItemStore``)

    def add(self, ids: Sequence[int], vectors: np.ndarray, items: Sequence[Item] | None = None) -> None:
        """Insert or replace vectors under ``ids`` (adding an existing id replaces it); an index that
        ``keeps_items`` stores ``items`` (the same ids' metadata and facet scores) with them."""
        ...

    def remove(self, ids: Iterable[int]) -> int:
        """Remove ``ids``; returns how many were present."""
        ...

    def search(
        self, vectors: np.ndarray, k: int, exclude_ids: Iterable[int] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` by inner product, best first: ids int64 (n, k) padded with -1, scores float32 (n, k)."""
        ...

    def count(self) -> int: ...

    def ids(self) -> np.ndarray:
        """Every live id, int64, sorted."""
        ...

    def save(self) -> None:
        """Make everything added so far durable (atomically)."""
        ...

    def close(self) -> None:
        """Release connections and handles (after ``save``; nothing is written)."""
        ...


@dataclass(frozen=True)
class IndexManifest:
    """What built an index; checked on every open."""

    encoder: str  # encoder registry name
    dim: int
    kind: str  # "flat", "hnsw", "ivf", "milvus"
    metric: str = "ip"
    version: int = 1

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> IndexManifest:
        data = json.loads(text)
        return cls(**{k: data[k] for k in ("encoder", "dim", "kind", "metric", "version") if k in data})

    def check(self, wanted: IndexManifest, where: str) -> None:
        """Raise ``IndexMismatchError`` when the stored index was built differently from what is asked."""
        for field in ("encoder", "dim", "kind", "metric"):
            have, want = getattr(self, field), getattr(wanted, field)
            if have != want:
                raise IndexMismatchError(
                    f"the index at {where} was built with {field}={have!r} but {field}={want!r} was requested; "
                    f"re-index the gallery (chatlens index PATH --encoder {wanted.encoder} --index ...) "
                    f"or delete {where}"
                )


def pad_results(rows: list[list[tuple[int, float]]], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-query (id, score) lists into the padded (ids, scores) arrays of the protocol."""
    ids = np.full((len(rows), k), -1, np.int64)
    scores = np.full((len(rows), k), -np.inf, np.float32)
    for i, row in enumerate(rows):
        for j, (id_, s) in enumerate(row[:k]):
            ids[i, j], scores[i, j] = id_, s
    return ids, scores


def as_matrix(vectors: np.ndarray, dim: int) -> np.ndarray:
    x = np.ascontiguousarray(np.atleast_2d(np.asarray(vectors, dtype=np.float32)))
    if x.ndim != 2 or x.shape[1] != dim:
        raise ValueError(f"expected vectors of dimension {dim}, got shape {np.shape(vectors)}")
    return x


IndexFactory = Callable[[str, Path, int, str], VectorIndex]
# Spec scheme -> ``factory(spec, folder, dim, encoder)``; the built-ins are imported on first use.
_MILVUS = "retrieval.index.milvus_index:open_milvus"
_REGISTRY: Registry[IndexFactory] = Registry(
    "index",
    {"faiss": "retrieval.index.faiss_index:open_faiss", "milvus": _MILVUS, "http": _MILVUS, "https": _MILVUS},
    usage={"faiss": "faiss (or faiss:hnsw, faiss:ivf, faiss:auto)", "milvus": "milvus (or milvus:///path.db)",
           "http": "http://host:19530 (or ...?index=HNSW)", "https": "https://host:19530"},
)


def register_index(scheme: str, factory: IndexFactory | str) -> None:
    """``factory(spec, folder, dim, encoder)`` opens or creates the index for specs starting with ``scheme``."""
    _REGISTRY.register(scheme, factory)


def list_index_schemes() -> list[str]:
    return _REGISTRY.names()


def open_index(spec: str, path: Path, dim: int, encoder: str) -> VectorIndex:
    """Open the index ``spec`` stored under folder ``path`` (created if missing), checking its manifest."""
    scheme = re.split(r"[:?]", spec, maxsplit=1)[0].lower()
    factory = _REGISTRY.get(scheme, asked=spec)
    Path(path).mkdir(parents=True, exist_ok=True)
    return factory(spec, Path(path), dim, encoder)
