"""Search a library with a ``ComposedQuery``: embed, take a candidate pool, re-rank softly.

The caption and reference embeddings make one query vector (CIReVL's edited
caption, optionally fused with the reference image); the vector index gives
a candidate pool; facet constraints then re-rank it with the zero-shot facet
probabilities stored at ingestion: ``score = similarity + w * log p(match)``.
Soft, so a mis-scored item is pushed down rather than lost.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
import weakref
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

from .facets import FacetDef
from .gallery import FacetLayout
from .library import Library
from .query import ComposedQuery, Constraint, Result
from .store import RowSearch

_EPS = 1e-3
log = logging.getLogger("chatlens.retriever")


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.maximum(n, 1e-12)


class _ReadWriteLock:
    """Many concurrent searches, or one live update of the in-memory index (FAISS is not safe to add while searched)."""

    def __init__(self):
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def read(self):
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self):
        with self._cond:
            while self._writing or self._readers:
                self._cond.wait()
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class Retriever:
    """Ranks over the library's index and reads item data from its store, by id, per turn.

    Nothing gallery-sized lives here: the candidate pool's facet rows, the
    vectors of liked items and a browsing sample are fetched when a turn needs
    them. ``follow()`` keeps an embedded index up to date with items another
    process (``chatlens index``) commits while the server runs.
    """

    def __init__(self, library: Library, candidate_pool: int = 2000, constraint_scale: float = 0.06):
        self.library = library
        self.encoder = library.encoder
        self.store = library.store
        self.candidate_pool = candidate_pool
        self.constraint_scale = constraint_scale  # similarity units per nat of log-probability
        if self.store.layout is None:
            self.store.use_layout(FacetLayout.of(library.facets))
        self.layout: FacetLayout = self.store.layout  # type: ignore[assignment]
        self._spans = {f.name: self.layout.span(f.name) for f in library.facets if f.name in self.layout.offsets}
        # per facet: for each facet it depends on, the columns of the values it requires
        self._requires = {f.name: self._required_columns(f) for f in library.facets}
        self._lock = _ReadWriteLock()
        self._refreshing = threading.Lock()
        self._turn = threading.local()  # the facet rows of the pool this thread ranked last (see facet_rows)
        # Sessions repeat each other's captions; lru_cache bounds the cache and is safe across the app's workers.
        self.text_vector = lru_cache(maxsize=4096)(self._embed_text)
        # An index that is also the store (Milvus) returns the pool's facet rows with the search: one request.
        index = library.index
        self._search_rows = index.search_rows if self.store is index and isinstance(index, RowSearch) else None

    def __len__(self) -> int:
        return self.store.count()

    def _required_columns(self, facet: FacetDef) -> list[np.ndarray]:
        out = []
        for other, allowed in (facet.applies_to or {}).items():
            if other in self._spans:
                vals = self.library.facets[other].values
                out.append(np.array([self._spans[other].start + vals.index(a) for a in allowed if a in vals], np.int64))
        return out

    def _applicability(self, facet: str, rows: np.ndarray) -> np.ndarray:
        """P(the facet applies to each item), e.g. P(category in {t-shirt, shirt, dress}) for sleeves."""
        app = np.ones(len(rows), np.float32)
        for cols in self._requires.get(facet, []):
            app = app * rows[:, cols].sum(axis=1)
        return app

    def facet_rows(self, ids) -> np.ndarray:
        """Facet rows aligned with ``ids`` (zeros for an id the store does not know).

        The rows of this thread's last ranked pool are reused: a turn's questioner and result page look at
        items of the pool it just fetched, so a turn reads the store once (one request to a Milvus server).
        """
        ids = [int(i) for i in ids]
        pool = getattr(self._turn, "rows", None)
        if pool is not None and ids and all(i in pool for i in ids):
            return np.stack([pool[i] for i in ids])
        found, mat = self.store.facet_rows(ids)
        if len(found) == len(ids):
            return mat
        out = np.zeros((len(ids), self.layout.width), np.float32)
        at = {int(i): r for r, i in enumerate(found)}
        for r, i in enumerate(ids):
            if i in at:
                out[r] = mat[at[i]]
        return out

    # -- live updates ------------------------------------------------------------------

    def refresh(self) -> tuple[int, int]:
        """Bring an embedded index up to date with its SQLite gallery after another process wrote to it.

        Returns (added, removed). A store that is the index itself (Milvus) is always current.
        """
        from .library import reconcile

        if not self._follows:
            return 0, 0
        with self._refreshing:  # one refresh at a time; searches wait only while the index itself changes
            if not self.library.gallery.changed():  # type: ignore[union-attr]
                return 0, 0
            return reconcile(self.library.gallery, self.library.index, save=False,  # type: ignore[arg-type]
                             guard=self._lock.write)

    @property
    def _follows(self) -> bool:
        """Whether there is anything to follow: an embedded index beside a SQLite gallery (Milvus is current)."""
        return self.library.gallery is not None and self.store is not self.library.index

    def follow(self, interval_s: float = 2.0) -> threading.Thread | None:
        """Poll for items indexed by another process every ``interval_s`` (a daemon thread; 0 disables it,
        and so does a store that is the index itself)."""
        if interval_s <= 0 or not self._follows:
            return None
        me = weakref.ref(self)

        def loop() -> None:
            while (r := me()) is not None:
                try:
                    added, removed = r.refresh()
                    if added or removed:
                        log.info("live update: %d items added, %d removed", added, removed)
                except sqlite3.ProgrammingError:  # the library was closed: nothing left to follow
                    return
                except Exception:
                    log.exception("live index update failed")
                del r
                time.sleep(interval_s)

        t = threading.Thread(target=loop, name="index-follow", daemon=True)
        t.start()
        return t

    # -- queries -------------------------------------------------------------------

    def query_vector(self, query: ComposedQuery) -> np.ndarray | None:
        parts: list[np.ndarray] = []
        if query.captions:
            text = np.sum([w * self.text_vector(c) for c, w in query.captions], axis=0)
            parts.append(query.text_weight * _unit(text))
        elif query.caption.strip():
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
        """P(item satisfies the constraint), for the items whose facet rows are ``rows``."""
        if c.facet not in self._spans:
            return np.ones(len(rows), np.float32)
        values = self.library.facets[c.facet].values
        wanted = [v for v in (c.value, *c.either) if v in values]
        if not wanted:
            return np.ones(len(rows), np.float32)
        start = self._spans[c.facet].start
        p = np.minimum(rows[:, [start + values.index(v) for v in wanted]].sum(axis=1), 1.0)
        p = p * self._applicability(c.facet, rows)
        return p if c.positive else 1.0 - p

    def rank(self, query: ComposedQuery, pool: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, final scores, similarities) of the candidate pool, best first."""
        pool = pool or self.candidate_pool
        qvec = self.query_vector(query)
        exclude = {int(i) for i in query.exclude_ids}
        rows = None
        if qvec is None:  # nothing said yet: constraints alone, over a random sample the size of the pool
            ids = self.store.sample_ids(pool, seed=0, exclude=exclude)
            sims = np.zeros(len(ids), np.float32)
        elif self._search_rows is not None:  # the index is the store (Milvus): pool and facet rows in one request
            with self._lock.read():
                ids, sims, rows = self._search_rows(qvec, pool, exclude_ids=exclude)
        else:
            with self._lock.read():
                found, scores = self.library.index.search(qvec[None, :], pool, exclude_ids=exclude)
            keep = found[0] >= 0
            ids, sims = found[0][keep].astype(np.int64), scores[0][keep].astype(np.float32)
        scores = sims.copy()
        self._turn.rows = None
        if len(ids):
            if rows is None:
                rows = self.facet_rows(ids)
            self._turn.rows = dict(zip(ids.tolist(), rows, strict=True))
            for c in query.constraints:
                p = self.match_probability(rows, c)
                scores += self.constraint_scale * c.weight * np.log(p + _EPS)
        order = np.argsort(-scores, kind="stable")
        return ids[order], scores[order], sims[order]

    # -- items -----------------------------------------------------------------------

    def results(self, ids, scores, sims) -> list[Result]:
        items = {it.id: it for it in self.store.get([int(i) for i in ids])}
        rows = self.facet_rows(ids) if len(ids) else np.zeros((0, self.layout.width), np.float32)
        out = []
        for r, (i, s, sim) in enumerate(zip(ids, scores, sims, strict=False)):
            it = items.get(int(i))
            if it is None:
                continue
            facets = self._likely(rows[r])
            caption = it.captions[0] if it.captions else ", ".join(facets.values())
            out.append(Result(int(i), float(s), float(sim), it.path, it.thumbnail or it.path, caption, facets))
        return out

    def vector_of(self, item_id: int) -> np.ndarray | None:
        return self.vectors_by_id([item_id]).get(int(item_id))

    def vectors_by_id(self, ids) -> dict[int, np.ndarray]:
        """Stored vectors of these items by id (ids the store does not know are absent): one store read."""
        found, vecs = self.store.vectors([int(i) for i in ids])
        return {int(i): v for i, v in zip(found, vecs, strict=True)}

    def likely_facets(self, item_id: int, min_prob: float = 0.0) -> dict[str, str]:
        """Most likely value of every facet that (probably) applies to the item."""
        found, rows = self.store.facet_rows([int(item_id)])
        return self._likely(rows[0], min_prob) if len(found) else {}

    def _likely(self, row: np.ndarray, min_prob: float = 0.0) -> dict[str, str]:
        out = {}
        for f in self.library.facets:
            if f.name not in self._spans:
                continue
            probs = row[self._spans[f.name]]
            if probs.sum() <= 0 or self._applicability(f.name, row[None, :])[0] < 0.5:
                continue
            j = int(np.argmax(probs))
            if probs[j] >= min_prob:
                out[f.name] = f.values[j]
        return out

    def facet_distribution(self, item_ids, weights: np.ndarray) -> dict[str, np.ndarray]:
        """Per facet, the weighted distribution of values over the given items, plus a last "n/a" bin.

        The items are the top of the pool just ranked, so their rows come from the turn's pool (no store read);
        an id the store does not know has a zero row and no weight.
        """
        ids = [int(i) for i in item_ids]
        rows = self.facet_rows(ids)
        w = np.asarray(weights, np.float64)[: len(ids)] * (rows.sum(axis=1) > 0)
        w = w / max(w.sum(), 1e-12)
        out = {}
        for f in self.library.facets:
            if f.name not in self._spans:
                out[f.name] = np.concatenate([np.zeros(len(f.values)), [1.0]])
                continue
            app = self._applicability(f.name, rows)
            probs = rows[:, self._spans[f.name]] * app[:, None]
            dist = np.concatenate([w @ probs, [float(w @ (1.0 - app))]])
            out[f.name] = dist / max(dist.sum(), 1e-12)
        return out

    def browse(self, k: int, seed: int = 0) -> list[Result]:
        """A varied first page before anything is said: a random sample drawn by the store."""
        ids = self.store.sample_ids(k, seed=seed)
        zeros = np.zeros(len(ids), np.float32)
        return self.results(ids, zeros, zeros)
