"""The ``ItemStore`` protocol: what the retriever reads per turn, always by id or by sample, never all of it.

Two implementations: the SQLite ``Gallery`` (beside the embedded FAISS index)
and ``MilvusIndex`` when its collection carries the item metadata (so app
replicas share one Milvus cluster and need no local files). A store returns
only the rows asked for: a candidate pool's facet rows, a few items' vectors
for "more like this", a page of results, a random sample to browse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from .gallery import FacetLayout, Item


@runtime_checkable
class ItemStore(Protocol):
    layout: FacetLayout | None

    def use_layout(self, layout: FacetLayout) -> None:
        """Facet rows are laid out (and written) as ``layout`` says."""
        ...

    def vectors(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """(ids found, ascending; their vectors)."""
        ...

    def facet_rows(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """(ids found, in the given order; their facet rows (n, layout.width))."""
        ...

    def get(self, ids: Iterable[int]) -> list[Item]:
        """Items in the given order; unknown ids skipped."""
        ...

    def sample_ids(self, k: int, seed: int = 0, exclude: Iterable[int] = ()) -> np.ndarray:
        """Up to ``k`` random distinct ids not in ``exclude``."""
        ...

    def count(self) -> int: ...


@runtime_checkable
class RowSearch(Protocol):
    """An index that is also the store (Milvus) returns a query's pool with its facet rows in one request."""

    def search_rows(self, vector: np.ndarray, k: int, exclude_ids: Iterable[int] = ()
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, scores, facet rows) of one query's top ``k``, best first."""
        ...
