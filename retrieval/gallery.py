"""Gallery metadata in SQLite (WAL): items, the files that point at them, and their embeddings.

SQLite is the source of truth. Each ingestion batch is one transaction
holding the items, their file paths and their vectors, so a crash loses at
most the batch in flight, and the vector index can always be rebuilt or
reconciled from here (``Library`` does that on open).

It is also the embedded item store the retriever reads per turn: vectors,
facet-probability rows (a float32 blob per item in ``FacetLayout`` order, in a
narrow table of their own so a candidate pool's rows are a few pages) and
random samples, all fetched by id; nothing gallery-sized is held in memory.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    bytes INTEGER NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    format TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}',
    captions TEXT NOT NULL DEFAULT '[]',
    facet_scores TEXT NOT NULL DEFAULT '{}',
    thumbnail TEXT NOT NULL DEFAULT '',
    encoder TEXT NOT NULL,
    key TEXT NOT NULL DEFAULT '',
    vector BLOB NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS files_item ON files(item_id);
CREATE TABLE IF NOT EXISTS facet_probs (
    id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    probs BLOB NOT NULL
);
"""


@dataclass
class Item:
    id: int
    path: str  # absolute path of the image file
    sha256: str  # content hash (de-duplication key)
    bytes: int
    width: int
    height: int
    format: str  # decoder's format name, e.g. "PNG", "JPEG"
    attributes: dict[str, str] = field(default_factory=dict)  # ground truth (demo) or user metadata
    captions: list[str] = field(default_factory=list)  # canonical caption first
    facet_scores: dict[str, dict[str, float]] = field(default_factory=dict)  # facet -> value -> probability
    thumbnail: str = ""  # cached thumbnail file for the UI
    encoder: str = ""  # encoder that produced the stored vector
    key: str = ""  # external id, e.g. the demo catalog's "s0-000123"
    created: float = 0.0
    updated: float = 0.0


@dataclass
class NewItem:
    """What ingestion hands to ``Gallery.add_batch`` (the id may be fixed, e.g. demo catalog index)."""

    path: str
    sha256: str
    bytes: int
    width: int
    height: int
    format: str
    vector: np.ndarray
    size: int = 0  # file stat, to skip unchanged files on re-runs
    mtime_ns: int = 0
    id: int | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    captions: list[str] = field(default_factory=list)
    facet_scores: dict[str, dict[str, float]] = field(default_factory=dict)
    thumbnail: str = ""
    key: str = ""


class FacetLayout:
    """Where each (facet, value) probability sits in an item's flat facet row: facets in order, values in order."""

    def __init__(self, facets: Sequence[tuple[str, Sequence[str]]]):
        self.facets = [(str(name), [str(v) for v in values]) for name, values in facets]
        self.offsets: dict[str, int] = {}
        at = 0
        for name, values in self.facets:
            self.offsets[name] = at
            at += len(values)
        self.width = at

    @classmethod
    def of(cls, facet_set) -> FacetLayout:
        return cls([(f.name, f.values) for f in facet_set])

    def key(self) -> str:
        return json.dumps(self.facets)

    def row(self, scores: dict[str, dict[str, float]]) -> np.ndarray:
        """One item's ``facet -> value -> probability`` as a flat row (unscored entries are 0)."""
        out = np.zeros(self.width, np.float32)
        for name, values in self.facets:
            got = scores.get(name) or {}
            for j, v in enumerate(values):
                out[self.offsets[name] + j] = float(got.get(v, 0.0))
        return out

    def span(self, facet: str) -> slice:
        at = self.offsets[facet]
        return slice(at, at + len(dict(self.facets)[facet]))


def sample_by_probes(k: int, seed: int, exclude: Iterable[int], lo: int, hi: int,
                     present: Callable[[list[int]], list[int]],
                     fallback: Callable[[set[int], list[int]], list[int]]) -> np.ndarray:
    """Up to ``k`` random distinct ids of a store whose ids are dense in ``[lo, hi]`` (SQLite row ids, catalog
    indexes): random probes looked up by primary key (``present`` returns those that exist), so the cost follows
    ``k``, not the store's size; a sparse range falls back to ``fallback(excluded, found so far)``. Shared by the
    SQLite gallery and the Milvus collection."""
    skip = {int(i) for i in exclude}
    rng = np.random.default_rng(seed)
    got: list[int] = []
    for _ in range(4):
        got += present(sorted({int(i) for i in rng.integers(lo, hi + 1, size=2 * k + 8)} - skip - set(got)))
        if len(got) >= k:
            return rng.permutation(np.asarray(got, np.int64))[:k]
    return np.asarray((got + fallback(skip, got))[:k], np.int64)


# Two scalar subqueries: SQLite answers MIN or MAX alone from the primary key's b-tree, but both in one
# SELECT scan the whole table (~100 ms at 1M items, on every new session's first page).
ID_RANGE_SQL = "SELECT (SELECT MIN(id) FROM items), (SELECT MAX(id) FROM items)"
_ITEM_COLS = "id, path, sha256, bytes, width, height, format, attributes, captions, facet_scores, thumbnail, encoder, key, created, updated"


class Gallery:
    """One SQLite file per (gallery, encoder). Safe to read from several threads; writes are serialised."""

    def __init__(self, path: Path, encoder: str, dim: int):
        self.path, self.encoder, self.dim = Path(path), encoder, dim
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._lock = threading.RLock()
        self._cache: dict[str, object] = {}
        self.layout: FacetLayout | None = None  # set by use_layout(); facet rows are written only with one
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across process crashes
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)
        self._check_meta()
        self._data_version = int(self._q("PRAGMA data_version")[0][0])

    def _check_meta(self) -> None:
        from .errors import IndexMismatchError

        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if not meta:
            with self._tx():
                self._db.executemany("INSERT INTO meta VALUES (?, ?)", [("encoder", self.encoder), ("dim", str(self.dim))])
        elif meta.get("encoder") != self.encoder or int(meta.get("dim", -1)) != self.dim:
            raise IndexMismatchError(
                f"the gallery database {self.path} holds vectors from encoder {meta.get('encoder')!r} "
                f"(dim {meta.get('dim')}), not {self.encoder!r} (dim {self.dim}); re-index or delete it"
            )

    def _tx(self):
        gallery = self

        class _Tx:
            def __enter__(self):
                gallery._lock.acquire()
                gallery._db.execute("BEGIN IMMEDIATE")

            def __exit__(self, exc_type, exc, tb):
                try:
                    gallery._db.execute("ROLLBACK" if exc_type else "COMMIT")
                finally:
                    gallery._cache.clear()
                    gallery._lock.release()

        return _Tx()

    def _q(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """A read under the lock (one connection is shared by the UI's threads)."""
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def use_layout(self, layout: FacetLayout) -> None:
        """Facet rows follow ``layout`` from now on; rows written under another layout (or none) are rebuilt."""
        self.layout = layout
        stale = self.get_meta("facet_layout") != layout.key()
        if not stale and self._q("SELECT COUNT(*) FROM facet_probs")[0][0] == self.count():
            return
        done = set() if stale else {r[0] for r in self._q("SELECT id FROM facet_probs")}
        with self._tx():
            if stale:
                self._db.execute("DELETE FROM facet_probs")
            for (id_, scores) in self._db.execute("SELECT id, facet_scores FROM items").fetchall():
                if id_ not in done:
                    self._db.execute("INSERT OR REPLACE INTO facet_probs VALUES (?, ?)",
                                     (id_, layout.row(json.loads(scores)).tobytes()))
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", ("facet_layout", layout.key()))

    # --- meta ---------------------------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        rows = self._q("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    # --- writes -------------------------------------------------------------------------------------

    def add_batch(self, items: Sequence[NewItem], aliases: Sequence[tuple[str, str, int, int]] = ()) -> list[int]:
        """Insert items (with their file rows) and duplicate-file aliases (path, sha256, size, mtime) atomically."""
        now = time.time()
        ids: list[int] = []
        with self._tx():
            for it in items:
                vec = np.asarray(it.vector, dtype=np.float32).reshape(-1)
                if vec.shape[0] != self.dim:
                    raise ValueError(f"vector of dim {vec.shape[0]} for a gallery of dim {self.dim}")
                cur = self._db.execute(
                    f"INSERT INTO items ({_ITEM_COLS}, vector) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (it.id, it.path, it.sha256, it.bytes, it.width, it.height, it.format,
                     json.dumps(it.attributes), json.dumps(it.captions), json.dumps(it.facet_scores),
                     it.thumbnail, self.encoder, it.key, now, now, vec.tobytes()),
                )
                ids.append(int(cur.lastrowid))
                if self.layout is not None:
                    self._db.execute("INSERT INTO facet_probs VALUES (?, ?)",
                                     (cur.lastrowid, self.layout.row(it.facet_scores).tobytes()))
                self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (it.path, cur.lastrowid, it.size, it.mtime_ns))
            for path, sha, size, mtime in aliases:
                row = self._db.execute("SELECT id FROM items WHERE sha256 = ?", (sha,)).fetchone()
                if row:
                    self._db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", (path, row[0], size, mtime))
        return ids

    def forget_files(self, paths: Iterable[str]) -> list[int]:
        """Drop file rows; items left with no file are deleted (their ids returned), others re-pointed."""
        removed: list[int] = []
        with self._tx():
            for p in paths:
                row = self._db.execute("SELECT item_id FROM files WHERE path = ?", (p,)).fetchone()
                if not row:
                    continue
                self._db.execute("DELETE FROM files WHERE path = ?", (p,))
                other = self._db.execute("SELECT path FROM files WHERE item_id = ? LIMIT 1", (row[0],)).fetchone()
                if other:
                    self._db.execute("UPDATE items SET path = ?, updated = ? WHERE id = ? AND path = ?",
                                     (other[0], time.time(), row[0], p))
                else:
                    self._db.execute("DELETE FROM items WHERE id = ?", (row[0],))
                    removed.append(int(row[0]))
        return removed

    def set_facet_scores(self, scores: dict[int, dict[str, dict[str, float]]]) -> None:
        with self._tx():
            self._db.executemany("UPDATE items SET facet_scores = ? WHERE id = ?",
                                 [(json.dumps(s), i) for i, s in scores.items()])
            if self.layout is not None:
                self._db.executemany("INSERT OR REPLACE INTO facet_probs VALUES (?, ?)",
                                     [(i, self.layout.row(s).tobytes()) for i, s in scores.items()])

    def _q_in(self, select: str, column: str, values: Sequence) -> list[tuple]:
        """``select ... WHERE column IN (values)``, in chunks under SQLite's parameter limit."""
        rows: list[tuple] = []
        for s in range(0, len(values), 500):
            chunk = values[s : s + 500]
            rows += self._q(f"{select} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk)
        return rows

    # --- reads --------------------------------------------------------------------------------------

    def file_state(self) -> dict[str, tuple[int, int, int]]:
        """path -> (item_id, size, mtime_ns) for every known file."""
        return {p: (i, s, m) for p, i, s, m in self._q("SELECT path, item_id, size, mtime_ns FROM files")}

    def known_hashes(self, hashes: Iterable[str]) -> dict[str, int]:
        return {h: int(i) for h, i in self._q_in("SELECT sha256, id FROM items", "sha256", list(hashes))}

    def count(self) -> int:
        return int(self._q("SELECT COUNT(*) FROM items")[0][0])

    def ids(self) -> np.ndarray:
        """Every item id, int64, ascending: the row order of ``vectors()``."""
        if "ids" not in self._cache:
            self._cache["ids"] = np.fromiter((r[0] for r in self._q("SELECT id FROM items ORDER BY id")), np.int64)
        return self._cache["ids"]  # type: ignore[return-value]

    def vectors(self, ids: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) for all items in id order, or for ``ids`` (those that exist, in id order)."""
        if ids is None:
            rows = self._q("SELECT id, vector FROM items ORDER BY id")
        else:
            rows = sorted(self._q_in("SELECT id, vector FROM items", "id", sorted({int(i) for i in ids})))
        out_ids = np.asarray([r[0] for r in rows], dtype=np.int64)
        vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), self.dim)
        return out_ids, vecs.copy()

    def facet_rows(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """(ids, rows (n, layout width)) for those of ``ids`` that have a facet row, in the given order."""
        width = self.layout.width if self.layout is not None else 0
        found = dict(self._q_in("SELECT id, probs FROM facet_probs", "id", sorted({int(i) for i in ids})))
        keep = [int(i) for i in ids if int(i) in found]
        mat = np.frombuffer(b"".join(found[i] for i in keep), dtype=np.float32)
        return np.asarray(keep, np.int64), mat.reshape(len(keep), width).copy()

    def sample_ids(self, k: int, seed: int = 0, exclude: Iterable[int] = ()) -> np.ndarray:
        """Up to ``k`` distinct random item ids (not in ``exclude``): random probes of the id range by primary key,
        so the cost follows ``k``, not the gallery's size; a sparse id range falls back to one SQL sample."""
        lo, hi = self._q(ID_RANGE_SQL)[0]
        if lo is None or k <= 0:
            return np.zeros(0, np.int64)

        def present(probe: list[int]) -> list[int]:
            return [r[0] for r in self._q_in("SELECT id FROM items", "id", probe)]

        def fallback(skip: set[int], got: list[int]) -> list[int]:
            rows = self._q("SELECT id FROM items ORDER BY random() LIMIT ?", (k + len(skip),))
            return [r[0] for r in rows if r[0] not in skip and r[0] not in got]

        return sample_by_probes(k, seed, exclude, lo, hi, present, fallback)

    def changed(self) -> bool:
        """Whether another connection (another process) committed to this file since the last call: a cheap poll."""
        version = int(self._q("PRAGMA data_version")[0][0])
        if version == self._data_version:
            return False
        self._data_version = version
        with self._lock:
            self._cache.clear()  # another writer's commits invalidate what this connection cached
        return True

    def get(self, ids: Iterable[int]) -> list[Item]:
        """Items for ``ids`` in the given order; unknown ids are skipped."""
        wanted = [int(i) for i in ids]
        found: dict[int, Item] = {}
        for r in self._q_in(f"SELECT {_ITEM_COLS} FROM items", "id", sorted(set(wanted))):
            found[r[0]] = Item(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), json.loads(r[8]),
                               json.loads(r[9]), r[10], r[11], r[12], r[13], r[14])
        return [found[i] for i in wanted if i in found]

    def by_key(self, keys: Iterable[str]) -> dict[str, int]:
        """External key (e.g. demo catalog id) -> gallery id."""
        return {k: int(i) for k, i in self._q_in("SELECT key, id FROM items", "key", list(keys))}
