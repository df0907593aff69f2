"""Milvus implementation of ``VectorIndex``: Milvus Lite (embedded, a local file) or a Milvus server by URI.

Specs: ``milvus`` (a Lite file in the library folder), ``milvus:///abs/path.db``
(a Lite file), ``http(s)://host:19530`` (a server; token from ``MILVUS_TOKEN``);
``?index=HNSW`` on any of them picks the Milvus index type (default: exact
FLAT on Lite, AUTOINDEX on a server); ``?consistency=Strong`` the read
consistency of search and item reads (default Bounded on a server: Strong
costs ~200 ms a request); ``?collection=NAME`` names the
collection (default: one derived from the library folder), which is how app
replicas on other machines find the one the indexer filled.

Each row carries the item with its vector: a JSON ``meta`` field (path,
thumbnail, captions, key, attributes...) and a float ``facets`` array (the
zero-shot facet row in ``FacetLayout`` order), so a ``MilvusIndex`` is also the
retriever's ``ItemStore`` and N replicas share one cluster with no local
files. The ingesting process still keeps SQLite as its source of truth for
crash recovery. The manifest and the facet layout are collection
properties. Writes are upserts, so replaying a batch after a crash cannot
duplicate ids.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import numpy as np

from ..errors import IndexMismatchError, UserFacingError
from ..gallery import FacetLayout, Item, sample_by_probes
from .base import IndexManifest, as_matrix, pad_results

TOKEN_ENV = "MILVUS_TOKEN"
MANIFEST_KEY = "chatlens.manifest"
LAYOUT_KEY = "chatlens.facets"
MAX_FACET_VALUES = 4096  # Milvus' array capacity limit: facet values per item
_META_FIELDS = ("path", "sha256", "bytes", "width", "height", "format", "attributes", "captions", "thumbnail",
                "encoder", "key", "created", "updated")
_MAX_BATCH = 2000  # rows per upsert / ids per delete request
_MAX_K = 16384  # Milvus' top-k limit
HNSW_EF = 96  # same search effort as the FAISS HNSW default
IVF_NPROBE = 16
BUILD_PARAMS = {"HNSW": {"M": 32, "efConstruction": 80}, "IVF_FLAT": {"nlist": 1024}, "IVF_SQ8": {"nlist": 1024}}


def _client_class() -> Any:
    try:
        from pymilvus import MilvusClient
    except ImportError as exc:
        raise UserFacingError(
            "the Milvus index needs the optional extra: pip install 'chatlens[milvus]' (pymilvus, milvus-lite)"
        ) from exc
    return MilvusClient


class MilvusIndex:
    """One Milvus collection; ``uri`` is a Lite file path or a server URI."""

    keeps_items = True  # the collection carries each item's metadata and facet row: replicas need no SQLite

    def __init__(self, uri: str, dim: int, encoder: str, collection: str, index_type: str = "AUTOINDEX",
                 consistency: str = ""):
        client_cls = _client_class()
        self.dim, self.uri, self.collection = dim, uri, collection
        # Reads a turn makes (search, items by id, samples). Strong waits for the server's time tick (~200 ms a
        # request on Milvus 2.3); Bounded reads are a few seconds stale at most, which live ingestion tolerates.
        # Management reads (count, ids: reconciliation) are always Strong.
        self.consistency = consistency or ("Strong" if "://" not in uri else "Bounded")
        self.manifest = IndexManifest(encoder=encoder, dim=dim, kind="milvus")
        lite = "://" not in uri
        if lite:
            Path(uri).parent.mkdir(parents=True, exist_ok=True)
            index_type = "FLAT" if index_type == "AUTOINDEX" else index_type
        self.client = client_cls(uri, token=os.environ.get(TOKEN_ENV, ""))
        if self.client.has_collection(collection):
            props = self.client.describe_collection(collection).get("properties", {}) or {}
            if MANIFEST_KEY not in props:
                raise IndexMismatchError(f"Milvus collection {collection!r} at {uri} was not created by ChatLens; "
                                         f"drop it or choose another")
            IndexManifest.from_json(props[MANIFEST_KEY]).check(self.manifest, f"{uri} (collection {collection})")
            fields = {f["name"] for f in self.client.describe_collection(collection).get("fields", [])}
            if not {"meta", "facets"} <= fields:
                raise IndexMismatchError(f"Milvus collection {collection!r} at {uri} holds vectors only (an older "
                                         f"ChatLens); drop it and re-index so it carries the items too")
            self.layout = FacetLayout(json.loads(props[LAYOUT_KEY])) if LAYOUT_KEY in props else None
        else:
            self.layout = None
            self._create(index_type)
        self.client.load_collection(collection)

    def _create(self, index_type: str) -> None:
        from pymilvus import DataType

        schema = self.client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dim)
        schema.add_field("meta", DataType.JSON)
        schema.add_field("facets", DataType.ARRAY, element_type=DataType.FLOAT, max_capacity=MAX_FACET_VALUES)
        params = self.client.prepare_index_params()
        params.add_index(field_name="vector", index_type=index_type, metric_type="IP",
                         params=BUILD_PARAMS.get(index_type, {}))
        self.client.create_collection(self.collection, schema=schema, index_params=params, consistency_level="Strong")
        self.client.alter_collection_properties(self.collection, properties={MANIFEST_KEY: self.manifest.to_json()})

    def use_layout(self, layout: FacetLayout) -> None:
        """Record the facet layout (first use) or check it against the collection's."""
        if self.layout is not None and self.layout.key() != layout.key():
            raise IndexMismatchError(f"Milvus collection {self.collection!r} holds facet rows for another facet "
                                     f"vocabulary; drop it and re-index, or use another collection")
        if layout.width > MAX_FACET_VALUES:
            raise ValueError(f"{layout.width} facet values; Milvus arrays hold at most {MAX_FACET_VALUES}")
        if self.layout is None:
            self.client.alter_collection_properties(self.collection, properties={LAYOUT_KEY: layout.key()})
        self.layout = layout

    def add(self, ids: Sequence[int], vectors: np.ndarray, items: Sequence[Item] | None = None) -> None:
        """Upsert vectors, with their items' metadata and facet rows when given (an id's row is replaced whole)."""
        ids_arr = np.asarray(ids, dtype=np.int64).reshape(-1)
        x = as_matrix(vectors, self.dim)
        if len(ids_arr) != len(x):
            raise ValueError(f"{len(ids_arr)} ids for {len(x)} vectors")
        by_id = {it.id: it for it in items or ()}
        for s in range(0, len(ids_arr), _MAX_BATCH):
            rows = []
            for i, v in zip(ids_arr[s : s + _MAX_BATCH], x[s : s + _MAX_BATCH], strict=True):
                it = by_id.get(int(i))
                meta = {k: getattr(it, k) for k in _META_FIELDS} if it else {}
                facets = self.layout.row(it.facet_scores).tolist() if it and self.layout else []
                rows.append({"id": int(i), "vector": v, "meta": meta, "facets": facets})
            self.client.upsert(self.collection, rows)

    def _rows(self, ids: Sequence[int], fields: list[str], consistency: str | None = None) -> dict[int, dict]:
        """The rows of those ``ids`` that exist, by id, with ``fields`` (none: ids only)."""
        out: dict[int, dict] = {}
        wanted = sorted({int(i) for i in ids})
        for s in range(0, len(wanted), _MAX_BATCH):
            chunk = ", ".join(map(str, wanted[s : s + _MAX_BATCH]))
            for r in self.client.query(self.collection, filter=f"id in [{chunk}]", output_fields=["id", *fields],
                                       consistency_level=consistency or self.consistency):
                out[int(r["id"])] = r
        return out

    # --- ItemStore: what the retriever reads, by id -----------------------------------------------

    def vectors(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        rows = self._rows(ids, ["vector"])
        keep = sorted(rows)
        vecs = np.asarray([rows[i]["vector"] for i in keep], np.float32).reshape(len(keep), self.dim)
        return np.asarray(keep, np.int64), vecs

    def facet_rows(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        width = self.layout.width if self.layout else 0
        rows = self._rows(ids, ["facets"])
        keep = [int(i) for i in ids if int(i) in rows]
        mat = np.zeros((len(keep), width), np.float32)
        for r, i in enumerate(keep):
            got = rows[i]["facets"] or []
            mat[r, : len(got)] = np.asarray(got, np.float32)[:width]
        return np.asarray(keep, np.int64), mat

    def get(self, ids: Sequence[int]) -> list[Item]:
        wanted = [int(i) for i in ids]
        rows = self._rows(wanted, ["meta", "facets"])
        out = []
        for i in wanted:
            if i not in rows:
                continue
            meta = dict(rows[i]["meta"] or {})
            scores: dict[str, dict[str, float]] = {}
            got = rows[i]["facets"] or []
            if self.layout and len(got) == self.layout.width:
                scores = {name: {v: float(got[self.layout.offsets[name] + j]) for j, v in enumerate(values)}
                          for name, values in self.layout.facets}
            out.append(Item(id=i, path=meta.get("path", ""), sha256=meta.get("sha256", ""), bytes=meta.get("bytes", 0),
                            width=meta.get("width", 0), height=meta.get("height", 0), format=meta.get("format", ""),
                            attributes=meta.get("attributes", {}), captions=meta.get("captions", []),
                            facet_scores=scores, thumbnail=meta.get("thumbnail", ""), encoder=meta.get("encoder", ""),
                            key=meta.get("key", ""), created=meta.get("created", 0.0), updated=meta.get("updated", 0.0)))
        return out

    def sample_ids(self, k: int, seed: int = 0, exclude: Iterable[int] = ()) -> np.ndarray:
        """Random probes of the id range (ingested ids are dense: SQLite row ids or catalog indexes), by primary
        key; a sparse range falls back to the first ids a plain query returns."""
        n = int(self.client.query(self.collection, filter="", output_fields=["count(*)"],
                                  consistency_level=self.consistency)[0]["count(*)"])
        if n == 0 or k <= 0:
            return np.zeros(0, np.int64)

        def fallback(skip: set[int], got: list[int]) -> list[int]:
            flt = f"id not in [{', '.join(map(str, sorted(skip | set(got))))}]" if skip or got else ""
            return [int(r["id"]) for r in self.client.query(self.collection, filter=flt or "id >= 0",
                                                            output_fields=["id"], limit=k,
                                                            consistency_level=self.consistency)]

        return sample_by_probes(k, seed, exclude, 0, 2 * n + 15, lambda probe: sorted(self._rows(probe, [])),
                                fallback)

    def remove(self, ids: Iterable[int]) -> int:
        present = sorted(self._rows(list(ids), [], consistency="Strong"))  # deletes see every earlier write
        for s in range(0, len(present), _MAX_BATCH):
            self.client.delete(self.collection, ids=present[s : s + _MAX_BATCH])
        return len(present)

    def _search(self, x: np.ndarray, k: int, exclude_ids: Iterable[int], fields: list[str]) -> list:
        exclude = sorted({int(i) for i in exclude_ids})
        flt = f"id not in [{', '.join(map(str, exclude))}]" if exclude else ""
        params = {"metric_type": "IP", "params": {"ef": max(HNSW_EF, min(k, _MAX_K)), "nprobe": IVF_NPROBE}}
        return self.client.search(self.collection, data=x.tolist(), limit=min(k, _MAX_K), filter=flt,
                                  output_fields=fields, search_params=params, consistency_level=self.consistency)

    def search(self, vectors: np.ndarray, k: int, exclude_ids: Iterable[int] = ()) -> tuple[np.ndarray, np.ndarray]:
        x = as_matrix(vectors, self.dim)
        k = int(k)
        if k <= 0 or not len(x):
            return np.full((len(x), max(k, 0)), -1, np.int64), np.full((len(x), max(k, 0)), -np.inf, np.float32)
        res = self._search(x, k, exclude_ids, [])  # hits carry ids: no output fields
        rows = [[(int(h["id"]), float(h["distance"])) for h in hits] for hits in res]
        return pad_results(rows, k)

    def search_rows(self, vector: np.ndarray, k: int, exclude_ids: Iterable[int] = ()
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, scores, facet rows) of one query's top ``k``, best first, in one request: the candidate pool
        with what re-ranks it (a search, then a query by id, cost two round trips and a second id filter)."""
        x = as_matrix(vector, self.dim)[:1]
        width = self.layout.width if self.layout else 0
        if int(k) <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32), np.zeros((0, width), np.float32)
        hits = self._search(x, int(k), exclude_ids, ["facets"])[0]
        ids = np.fromiter((h["id"] for h in hits), np.int64, len(hits))
        scores = np.fromiter((h["distance"] for h in hits), np.float32, len(hits))
        mat = np.zeros((len(hits), width), np.float32)
        for r, h in enumerate(hits):
            got = h["entity"].get("facets") or []
            mat[r, : len(got)] = np.asarray(got, np.float32)[:width]
        return ids, scores, mat

    def count(self) -> int:
        res = self.client.query(self.collection, filter="", output_fields=["count(*)"])
        return int(res[0]["count(*)"])

    def ids(self) -> np.ndarray:
        it = self.client.query_iterator(self.collection, batch_size=_MAX_BATCH, filter="", output_fields=["id"])
        out: list[int] = []
        try:
            while batch := it.next():
                out += [int(r["id"]) for r in batch]
        finally:
            it.close()
        return np.unique(np.asarray(out, dtype=np.int64))

    def save(self) -> None:
        """Milvus persists on its own; flush seals the growing segment."""
        self.client.flush(self.collection)

    def close(self) -> None:
        self.client.close()


def collection_name(folder: Path) -> str:
    """One collection per library folder, so many galleries can share a cluster."""
    slug = re.sub(r"[^A-Za-z0-9_]", "_", Path(folder).name)[:32]
    return f"chatlens_{slug}_{hashlib.sha1(str(Path(folder).resolve()).encode()).hexdigest()[:10]}"


def open_milvus(spec: str, folder: Path, dim: int, encoder: str) -> MilvusIndex:
    """``?index=HNSW`` (or FLAT, IVF_FLAT, AUTOINDEX...) picks the Milvus index type, ``?collection=NAME`` the
    collection (replicas and the indexer must name the same one)."""
    base, _, query = spec.partition("?")
    index_type = parse_qs(query).get("index", ["AUTOINDEX"])[0].upper()
    if base.startswith(("http://", "https://")):
        uri = base
    elif base in ("milvus", "milvus:"):
        uri = str(Path(folder) / "milvus.db")
    elif base.startswith("milvus://"):
        uri = base[len("milvus://") :]
        if not uri.startswith("/"):
            raise ValueError(f"milvus spec needs an absolute path: milvus:///abs/path.db, got {spec!r}")
    else:
        raise ValueError(f"unrecognised Milvus spec {spec!r}")
    collection = parse_qs(query).get("collection", [""])[0] or collection_name(folder)
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,254}", collection):
        raise ValueError(f"invalid Milvus collection name {collection!r}: letters, digits and _ only")
    consistency = parse_qs(query).get("consistency", [""])[0]
    if consistency and consistency not in ("Strong", "Bounded", "Session", "Eventually"):
        raise ValueError(f"unknown Milvus consistency {consistency!r}: Strong, Bounded, Session or Eventually")
    return MilvusIndex(uri, dim, encoder, collection, index_type=index_type, consistency=consistency)

