"""Search a library with a ``ComposedQuery``: embed, take a candidate pool, re-rank softly.

The caption and reference embeddings make one query vector (CIReVL's edited
caption, optionally fused with the reference image); the vector index gives
a candidate pool; facet constraints then re-rank it with the zero-shot facet
probabilities stored at ingestion: ``score = similarity + w * log p(match)``.
Soft, so a mis-scored item is pushed down rather than lost.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .facets import FacetDef
from .library import Library
from .query import ComposedQuery, Constraint, Result

_EPS = 1e-3


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.maximum(n, 1e-12)


class Retriever:
    """Holds the library's vectors and facet probabilities in memory, aligned by row."""

    def __init__(self, library: Library, candidate_pool: int = 2000, constraint_scale: float = 0.06):
        self.library = library
        self.encoder = library.encoder
        self.candidate_pool = candidate_pool
        self.constraint_scale = constraint_scale  # similarity units per nat of log-probability
        self.ids, self.vectors = library.gallery.vectors()
        self._row = {int(i): r for r, i in enumerate(self.ids)}
        self.facet_probs: dict[str, np.ndarray] = {}  # facet -> (n_items, n_values), facet's value order
        for f in library.facets:
            values, mat = library.gallery.facet_matrix(f.name)
            col = {v: j for j, v in enumerate(values)}
            probs = np.zeros((len(self.ids), len(f.values)), np.float32)
            for j, v in enumerate(f.values):
                if v in col and len(mat):
                    probs[:, j] = mat[:, col[v]]
            self.facet_probs[f.name] = probs
        self.applicability = {f.name: self._applicability(f) for f in library.facets}
        # Sessions repeat each other's captions; lru_cache bounds the cache and is safe across the app's workers.
        self.text_vector = lru_cache(maxsize=4096)(self._embed_text)

    def __len__(self) -> int:
        return len(self.ids)

    def _applicability(self, facet: FacetDef) -> np.ndarray:
        """P(the facet applies to each item), e.g. P(category in {t-shirt, shirt, dress}) for sleeves."""
        app = np.ones(len(self.ids), np.float32)
        for other, allowed in (facet.applies_to or {}).items():
            if other in self.facet_probs:
                vals = self.library.facets[other].values
                cols = [vals.index(a) for a in allowed if a in vals]
                app = app * self.facet_probs[other][:, cols].sum(axis=1)
        return app

    # -- queries -------------------------------------------------------------------

    def query_vector(self, query: ComposedQuery) -> np.ndarray | None:
        parts: list[np.ndarray] = []
        if query.caption.strip():
            parts.append(query.text_weight * self.text_vector(query.caption))
        for vec, weight in query.references:
            parts.append(weight * np.asarray(vec, np.float32))
        if not parts:
            return None
        return _unit(np.sum(parts, axis=0)).astype(np.float32)

    def _embed_text(self, text: str) -> np.ndarray:
        """A caption's embedding (``text_vector`` is this, cached)."""
        return self.encoder.encode_texts([text])[0]

    def match_probability(self, rows: np.ndarray, c: Constraint) -> np.ndarray:
        """P(item satisfies the constraint), for the items at ``rows``."""
        if c.facet not in self.facet_probs:
            return np.ones(len(rows), np.float32)
        values = self.library.facets[c.facet].values
        if c.value not in values:
            return np.ones(len(rows), np.float32)
        p = self.facet_probs[c.facet][rows, values.index(c.value)] * self.applicability[c.facet][rows]
        return p if c.positive else 1.0 - p

    def rank(self, query: ComposedQuery, pool: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, final scores, similarities) of the candidate pool, best first."""
        pool = min(pool or self.candidate_pool, len(self.ids))
        qvec = self.query_vector(query)
        exclude = {int(i) for i in query.exclude_ids}
        if qvec is None:  # nothing said yet: constraints alone, over everything
            rows = np.array([r for r, i in enumerate(self.ids) if int(i) not in exclude], np.int64)
            sims = np.zeros(len(rows), np.float32)
        else:
            ids, sims = self.library.index.search(qvec[None, :], pool, exclude_ids=exclude)
            keep = ids[0] >= 0
            rows = np.array([self._row[int(i)] for i in ids[0][keep] if int(i) in self._row], np.int64)
            sims = sims[0][keep][: len(rows)].astype(np.float32)
        scores = sims.copy()
        if len(rows) and query.negatives:
            neg = self.encoder.encode_texts(query.negatives)
            scores -= query.negative_weight * (self.vectors[rows] @ neg.T).max(axis=1)
        for c in query.constraints:
            p = self.match_probability(rows, c)
            scores += self.constraint_scale * c.weight * np.log(p + _EPS)
        order = np.argsort(-scores, kind="stable")
        return self.ids[rows[order]], scores[order], sims[order]

    def search(self, query: ComposedQuery, k: int = 12) -> list[Result]:
        ids, scores, sims = self.rank(query)
        return self.results(ids[:k], scores[:k], sims[:k])

    # -- items -----------------------------------------------------------------------

    def results(self, ids, scores, sims) -> list[Result]:
        items = {it.id: it for it in self.library.gallery.get([int(i) for i in ids])}
        out = []
        for i, s, sim in zip(ids, scores, sims, strict=False):
            it = items.get(int(i))
            if it is None:
                continue
            facets = self.likely_facets(int(i))
            caption = it.captions[0] if it.captions else ", ".join(facets.values())
            out.append(Result(int(i), float(s), float(sim), it.path, it.thumbnail or it.path, caption, facets))
        return out

    def vector_of(self, item_id: int) -> np.ndarray | None:
        row = self._row.get(int(item_id))
        return None if row is None else self.vectors[row]

    def likely_facets(self, item_id: int, min_prob: float = 0.0) -> dict[str, str]:
        """Most likely value of every facet that (probably) applies to the item."""
        row = self._row.get(int(item_id))
        if row is None:
            return {}
        out = {}
        for f in self.library.facets:
            probs = self.facet_probs[f.name][row]
            if probs.sum() <= 0 or self.applicability[f.name][row] < 0.5:
                continue
            j = int(np.argmax(probs))
            if probs[j] >= min_prob:
                out[f.name] = f.values[j]
        return out

    def facet_distribution(self, item_ids, weights: np.ndarray) -> dict[str, np.ndarray]:
        """Per facet, the weighted distribution of values over the given items, plus a last "n/a" bin."""
        rows = np.array([self._row[int(i)] for i in item_ids if int(i) in self._row], np.int64)
        w = np.asarray(weights[: len(rows)], np.float64)
        w = w / max(w.sum(), 1e-12)
        out = {}
        for f in self.library.facets:
            app = self.applicability[f.name][rows]
            probs = self.facet_probs[f.name][rows] * app[:, None]
            dist = np.concatenate([w @ probs, [float(w @ (1.0 - app))]])
            out[f.name] = dist / max(dist.sum(), 1e-12)
        return out

    def browse(self, k: int, seed: int = 0) -> list[Result]:
        """A varied first page before anything is said."""
        rng = np.random.default_rng(seed)
        ids = rng.choice(self.ids, size=min(k, len(self.ids)), replace=False)
        zeros = np.zeros(len(ids), np.float32)
        return self.results(ids, zeros, zeros)
