"""What the agents need from retrieval: a few methods, as protocols, not the concrete ``Retriever``.

``Assistant.build`` wires a ``retrieval.retriever.Retriever`` in, and it satisfies these (checked in
``tests/agents/test_ports.py``), but a session, a questioner or a captioner only sees the methods
below: any ranker with them (another index service, a test double over a dozen vectors) can drive a
dialogue. Ids are gallery item ids; vectors are unit embeddings of the library's encoder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from retrieval.query import ComposedQuery, Result


@runtime_checkable
class Candidates(Protocol):
    """What a questioner looks at: the facet values and the vectors of the current candidates."""

    def facet_distribution(self, item_ids: Sequence[int], weights: np.ndarray) -> dict[str, np.ndarray]:
        """Per facet, the weighted distribution of its values over the items, plus a last "does not apply" bin."""
        ...

    def vectors_by_id(self, ids: Sequence[int]) -> dict[int, np.ndarray]:
        """Stored vectors of these items by id; ids the store does not know are absent."""
        ...


@runtime_checkable
class Search(Candidates, Protocol):
    """What a session needs to run a turn: rank, read results, browse, and read a liked item back."""

    def rank(self, query: ComposedQuery) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, final scores, similarities) of the candidate pool, best first."""
        ...

    def results(self, ids: Sequence[int], scores: Sequence[float], sims: Sequence[float]) -> list[Result]:
        """The items of ``ids`` as results, in that order (ids no longer in the gallery are left out)."""
        ...

    def browse(self, k: int) -> list[Result]:
        """A varied first page before anything is said."""
        ...

    def likely_facets(self, item_id: int) -> dict[str, str]:
        """The most likely value of every facet that applies to the item."""
        ...
