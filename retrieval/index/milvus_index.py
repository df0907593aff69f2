"""Milvus implementation of ``VectorIndex``: Milvus Lite (embedded, a local file) or a Milvus server by URI.

Specs: ``milvus`` (a Lite file in the library folder), ``milvus:///abs/path.db``
(a Lite file), ``http(s)://host:19530`` (a server; token from ``MILVUS_TOKEN``);
``?index=HNSW`` on any of them picks the Milvus index type (default: exact
FLAT on Lite, AUTOINDEX on a server).
Milvus holds ids and vectors only, metadata stays in SQLite. The manifest is a
collection property, so a server-side collection records its encoder too.
Writes are upserts, so replaying a batch after a crash cannot duplicate ids.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import numpy as np

from ..errors import IndexMismatchError, UserFacingError
from .base import IndexManifest, as_matrix, pad_results, register_index

TOKEN_ENV = "MILVUS_TOKEN"
MANIFEST_KEY = "chatlens.manifest"
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

    def __init__(self, uri: str, dim: int, encoder: str, collection: str, index_type: str = "AUTOINDEX"):
        client_cls = _client_class()
        self.dim, self.uri, self.collection = dim, uri, collection
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
        else:
            self._create(index_type)
        self.client.load_collection(collection)

    def _create(self, index_type: str) -> None:
        from pymilvus import DataType

        schema = self.client.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dim)
        params = self.client.prepare_index_params()
        params.add_index(field_name="vector", index_type=index_type, metric_type="IP",
                         params=BUILD_PARAMS.get(index_type, {}))
        self.client.create_collection(self.collection, schema=schema, index_params=params, consistency_level="Strong")
        self.client.alter_collection_properties(self.collection, properties={MANIFEST_KEY: self.manifest.to_json()})

    def add(self, ids: Sequence[int], vectors: np.ndarray) -> None:
        ids_arr = np.asarray(ids, dtype=np.int64).reshape(-1)
        x = as_matrix(vectors, self.dim)
        if len(ids_arr) != len(x):
            raise ValueError(f"{len(ids_arr)} ids for {len(x)} vectors")
        for s in range(0, len(ids_arr), _MAX_BATCH):
            rows = [{"id": int(i), "vector": v} for i, v in zip(ids_arr[s : s + _MAX_BATCH], x[s : s + _MAX_BATCH], strict=True)]
            self.client.upsert(self.collection, rows)

    def _present(self, ids: np.ndarray) -> list[int]:
        found: list[int] = []
        for s in range(0, len(ids), _MAX_BATCH):
            chunk = ", ".join(str(int(i)) for i in ids[s : s + _MAX_BATCH])
            found += [int(r["id"]) for r in self.client.query(self.collection, filter=f"id in [{chunk}]",
                                                                output_fields=["id"])]
        return found

    def remove(self, ids: Iterable[int]) -> int:
        present = self._present(np.unique(np.asarray(list(ids), dtype=np.int64)))
        for s in range(0, len(present), _MAX_BATCH):
            self.client.delete(self.collection, ids=present[s : s + _MAX_BATCH])
        return len(present)

    def search(self, vectors: np.ndarray, k: int, exclude_ids: Iterable[int] = ()) -> tuple[np.ndarray, np.ndarray]:
        x = as_matrix(vectors, self.dim)
        k = int(k)
        if k <= 0 or not len(x):
            return np.full((len(x), max(k, 0)), -1, np.int64), np.full((len(x), max(k, 0)), -np.inf, np.float32)
        exclude = sorted({int(i) for i in exclude_ids})
        flt = f"id not in [{', '.join(map(str, exclude))}]" if exclude else ""
        params = {"metric_type": "IP", "params": {"ef": max(HNSW_EF, min(k, _MAX_K)), "nprobe": IVF_NPROBE}}
        res = self.client.search(self.collection, data=x.tolist(), limit=min(k, _MAX_K), filter=flt,
                                 output_fields=["id"], search_params=params)
        rows = [[(int(h["id"]), float(h["distance"])) for h in hits] for hits in res]
        return pad_results(rows, k)

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


def _factory(spec: str, folder: Path, dim: int, encoder: str) -> MilvusIndex:
    """``?index=HNSW`` (or FLAT, IVF_FLAT, AUTOINDEX...) on any spec picks the Milvus index type."""
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
    return MilvusIndex(uri, dim, encoder, collection_name(folder), index_type=index_type)


register_index("milvus", _factory)
register_index("http", _factory)
register_index("https", _factory)
