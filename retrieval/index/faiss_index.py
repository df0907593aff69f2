"""FAISS implementation of ``VectorIndex``: exact inner product by default, HNSW or IVF for large galleries.

Kinds: ``flat`` (exact), ``hnsw``, ``ivf`` (exact until it has enough vectors
to train), and ``auto``: exact until ``AUTO_HNSW_AT`` vectors, then rebuilt as
HNSW, so the choice follows the gallery's size.

Ids live in FAISS's own ``IndexIDMap2``. Flat indexes remove in place. HNSW
cannot remove at all and IVF under an id map cannot remove safely, so for
those kinds a removal is a tombstone filtered out with an ``IDSelector`` at
search time (exclusions use the same selector, no over-fetch), and the index
is rebuilt from its own stored vectors when tombstones pass 10% or when an id
is re-added. Saves are atomic (temp file, fsync, rename); the manifest beside
the index records the encoder and the tombstones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

import faiss
import numpy as np

from ..atomic import atomic_path, atomic_write_bytes
from ..errors import IndexMismatchError
from ..gallery import Item
from .base import IndexManifest, as_matrix

KINDS = ("flat", "hnsw", "ivf", "auto")
AUTO_HNSW_AT = 200_000  # "auto": exact search is under ~20 ms per query on 2 cores below this size
HNSW_M = 32  # graph degree: memory vs recall
HNSW_EF_CONSTRUCTION = 80  # build effort
HNSW_EF_SEARCH = 96  # search effort; recall@10 >= 0.95 at 1M low-rank vectors (scripts/bench_retrieval.py)
IVF_MIN_TRAIN = 4096  # below this an "ivf" index stays exact (flat) until enough vectors arrive to train
IVF_NPROBE = 16
COMPACT_FRACTION = 0.1
SERIAL_QUERIES = 4  # a chat turn searches 1-4 vectors: run those on one thread (see _serial)
SERIAL_FLAT_MAX = 64_000_000  # ...unless a flat scan is big enough (floats) to gain from parallel threads


@contextmanager
def _serial():
    """One OpenMP thread for a single small search: on few, busy cores, OpenMP's barriers cost more than the
    scan (measured at 5k x 384: p50 4.5 ms with 2 threads vs 0.6 ms with 1, scripts/bench_retrieval.py).
    OpenMP's thread count is per calling thread, so concurrent searches from other threads are unaffected."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


class FaissIndex:
    """A FAISS index in ``folder`` (``faiss-<kind>.index`` + ``faiss-<kind>.json``)."""

    def __init__(self, folder: Path, dim: int, encoder: str, kind: str = "flat", ef_search: int = HNSW_EF_SEARCH):
        if kind not in KINDS:
            raise ValueError(f"unknown FAISS kind {kind!r}; valid: {', '.join(KINDS)}")
        self.dim, self.kind, self.folder = dim, kind, Path(folder)
        self.ef_search, self.nprobe = ef_search, IVF_NPROBE
        self.manifest = IndexManifest(encoder=encoder, dim=dim, kind=kind)
        self.index_path = self.folder / f"faiss-{kind}.index"
        self.manifest_path = self.folder / f"faiss-{kind}.json"
        self._tombstones: set[int] = set()
        if self.manifest_path.exists() and self.index_path.exists():
            self._load()
        else:
            self.index = self._empty()

    # --- construction and persistence -----------------------------------------------------------

    def _empty(self, train: np.ndarray | None = None) -> faiss.IndexIDMap2:
        n = 0 if train is None else len(train)
        if self.kind == "hnsw" or (self.kind == "auto" and n >= AUTO_HNSW_AT):
            inner = faiss.IndexHNSWFlat(self.dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        elif self.kind == "ivf" and train is not None and n >= IVF_MIN_TRAIN:
            nlist = int(min(65536, max(16, 4 * np.sqrt(len(train)))))
            inner = faiss.IndexIVFFlat(faiss.IndexFlatIP(self.dim), self.dim, nlist, faiss.METRIC_INNER_PRODUCT)
            inner.train(train)
            inner.make_direct_map()
        else:
            inner = faiss.IndexFlatIP(self.dim)
        return faiss.IndexIDMap2(inner)

    def _load(self) -> None:
        where = str(self.index_path)
        try:
            meta = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            stored = IndexManifest.from_json(json.dumps(meta["manifest"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexMismatchError(f"the index manifest {self.manifest_path} is unreadable; re-index or delete it") from exc
        stored.check(self.manifest, where)
        try:
            self.index = faiss.read_index(where)
        except RuntimeError as exc:
            raise IndexMismatchError(f"the index {where} is damaged ({exc}); re-index or delete it") from exc
        if self.index.d != self.dim:
            raise IndexMismatchError(f"the index {where} has dimension {self.index.d}, expected {self.dim}; re-index")
        present = set(self._all_ids().tolist())
        self._tombstones = {int(i) for i in meta.get("tombstones", [])} & present

    def save(self) -> None:
        """Index first, then manifest; each write is atomic. SQLite reconciliation repairs a crash between them."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with atomic_path(self.index_path) as tmp:
            faiss.write_index(self.index, str(tmp))
        meta = {"manifest": json.loads(self.manifest.to_json()), "tombstones": sorted(self._tombstones)}
        atomic_write_bytes(self.manifest_path, json.dumps(meta).encode())

    # --- protocol -------------------------------------------------------------------------------

    def close(self) -> None:
        """Nothing to release: the index lives in this process and ``save`` wrote it."""

    def _all_ids(self) -> np.ndarray:
        return faiss.vector_to_array(self.index.id_map).astype(np.int64)

    def _inner(self):
        return faiss.downcast_index(self.index.index)

    def _stored(self) -> tuple[np.ndarray, np.ndarray]:
        """Live (ids, vectors) held by the index, the latest copy of each id."""
        ids = self._all_ids()
        vecs = self._inner().reconstruct_n(0, len(ids)) if len(ids) else np.zeros((0, self.dim), np.float32)
        _, last = np.unique(ids[::-1], return_index=True)
        keep = np.sort(len(ids) - 1 - last)
        ids, vecs = ids[keep], vecs[keep]
        if self._tombstones:
            live = ~np.isin(ids, np.fromiter(self._tombstones, np.int64))
            ids, vecs = ids[live], vecs[live]
        return ids, vecs

    def _rebuild(self, ids: np.ndarray, vecs: np.ndarray) -> None:
        self.index = self._empty(train=vecs)
        self._tombstones = set()
        if len(ids):
            self.index.add_with_ids(vecs, ids)

    keeps_items = False  # items stay in SQLite

    def add(self, ids: Sequence[int], vectors: np.ndarray, items: Sequence[Item] | None = None) -> None:
        ids_arr = np.asarray(ids, dtype=np.int64).reshape(-1)
        x = as_matrix(vectors, self.dim)
        if len(ids_arr) != len(x):
            raise ValueError(f"{len(ids_arr)} ids for {len(x)} vectors")
        if len(np.unique(ids_arr)) != len(ids_arr):
            raise ValueError("duplicate ids in one add()")
        if not len(ids_arr):
            return
        existing = self._all_ids()
        clash = np.isin(ids_arr, existing)
        exact = isinstance(self._inner(), faiss.IndexFlat)
        grow_at = {"ivf": IVF_MIN_TRAIN, "auto": AUTO_HNSW_AT}.get(self.kind)
        if exact and not (grow_at and len(existing) + len(ids_arr) >= grow_at):
            if clash.any():
                self.index.remove_ids(faiss.IDSelectorBatch(ids_arr[clash]))
            self.index.add_with_ids(x, ids_arr)
            return
        if clash.any() or exact:  # replacing ids, or an exact index growing into an approximate one
            old_ids, old_vecs = self._stored()
            keep = ~np.isin(old_ids, ids_arr)
            self._rebuild(np.concatenate([old_ids[keep], ids_arr]), np.concatenate([old_vecs[keep], x]))
        else:
            self.index.add_with_ids(x, ids_arr)

    def remove(self, ids: Iterable[int]) -> int:
        ids_arr = np.unique(np.asarray(list(ids), dtype=np.int64))
        present = ids_arr[np.isin(ids_arr, self.ids())]
        if not len(present):
            return 0
        if isinstance(self._inner(), faiss.IndexFlat):
            self.index.remove_ids(faiss.IDSelectorBatch(present))
        else:
            self._tombstones.update(int(i) for i in present)
            if len(self._tombstones) > COMPACT_FRACTION * self.index.ntotal:
                self._rebuild(*self._stored())
        return int(len(present))

    def _params(self, exclude: np.ndarray):
        sel = faiss.IDSelectorNot(faiss.IDSelectorBatch(exclude)) if len(exclude) else None
        inner = self._inner()
        if isinstance(inner, faiss.IndexHNSW):
            params = faiss.SearchParametersHNSW(efSearch=self.ef_search)
        elif isinstance(inner, faiss.IndexIVF):
            params = faiss.SearchParametersIVF(nprobe=self.nprobe)
        else:
            params = faiss.SearchParameters()
        if sel is not None:
            params.sel = sel
        return params, sel  # the selector must outlive the search call

    def search(self, vectors: np.ndarray, k: int, exclude_ids: Iterable[int] = ()) -> tuple[np.ndarray, np.ndarray]:
        x = as_matrix(vectors, self.dim)
        k = int(k)
        if k <= 0 or self.index.ntotal == 0:
            return np.full((len(x), max(k, 0)), -1, np.int64), np.full((len(x), max(k, 0)), -np.inf, np.float32)
        exclude = np.asarray(sorted({int(i) for i in exclude_ids} | self._tombstones), dtype=np.int64)
        params, _sel = self._params(exclude)
        if len(x) <= SERIAL_QUERIES and (not isinstance(self._inner(), faiss.IndexFlat) or
                                         self.index.ntotal * self.dim <= SERIAL_FLAT_MAX):
            with _serial():
                scores, ids = self.index.search(x, k, params=params)
        else:
            scores, ids = self.index.search(x, k, params=params)
        ids = ids.astype(np.int64)
        scores = np.where(ids < 0, -np.inf, scores).astype(np.float32)
        return ids, scores

    def count(self) -> int:
        return int(self.index.ntotal) - len(self._tombstones)

    def ids(self) -> np.ndarray:
        ids = np.unique(self._all_ids())
        if self._tombstones:
            ids = ids[~np.isin(ids, np.fromiter(self._tombstones, np.int64))]
        return ids


def open_faiss(spec: str, folder: Path, dim: int, encoder: str) -> FaissIndex:
    kind = spec.split(":", 1)[1] if ":" in spec else "flat"
    return FaissIndex(folder, dim, encoder, kind or "flat")

