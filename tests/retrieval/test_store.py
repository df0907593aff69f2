"""The ItemStore the retriever reads per turn: SQLite beside FAISS, Milvus Lite, and a real Milvus server.

Every read is by id or by sample: vectors, facet rows in the layout's order,
items with their metadata, random samples that respect exclusions.
"""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from retrieval.gallery import FacetLayout, Gallery, NewItem
from retrieval.index import open_index
from retrieval.store import ItemStore

DIM = 8
LAYOUT = FacetLayout([("colour", ["red", "blue", "green"]), ("type", ["shirt", "dress"])])


def _items(n: int) -> list[NewItem]:
    rng = np.random.default_rng(0)
    out = []
    for i in range(n):
        v = rng.standard_normal(DIM).astype(np.float32)
        out.append(NewItem(path=f"/g/{i}.png", sha256=f"h{i}", bytes=10, width=4, height=5, format="PNG",
                           vector=v / np.linalg.norm(v), captions=[f"item {i}"], key=f"k{i}", thumbnail=f"/t/{i}.jpg",
                           facet_scores={"colour": {"red": 0.1 * (i % 10), "blue": 0.5}, "type": {"dress": 1.0}}))
    return out


@pytest.fixture(params=["sqlite", "milvus-lite", "milvus-server"])
def store(request, tmp_path):
    gallery = Gallery(tmp_path / "g.sqlite", "hash:8", DIM)
    gallery.use_layout(LAYOUT)
    ids = gallery.add_batch(_items(50))
    if request.param == "sqlite":
        yield gallery
        return
    if request.param == "milvus-lite":
        spec = f"milvus://{tmp_path / 'lite.db'}?collection=s_{uuid.uuid4().hex[:12]}"
    else:
        spec = request.getfixturevalue("milvus_server").spec("HNSW")
    idx = open_index(spec, tmp_path / "ix", DIM, "hash:8")
    assert isinstance(idx, ItemStore)
    idx.use_layout(LAYOUT)
    _, vecs = gallery.vectors(ids)
    idx.add(ids, vecs, items=gallery.get(ids))
    yield idx
    idx.close()


def test_reads_by_id(store):
    ids, vecs = store.vectors([5, 3, 999])
    assert ids.tolist() == [3, 5] and vecs.shape == (2, DIM)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1, atol=1e-5)
    found, rows = store.facet_rows([7, 999, 2])
    assert found.tolist() == [7, 2] and rows.shape == (2, LAYOUT.width)
    assert rows[0].tolist() == pytest.approx([0.6, 0.5, 0.0, 0.0, 1.0])  # item id 7 is the 7th added (i = 6)
    items = store.get([4, 999, 1])
    assert [it.id for it in items] == [4, 1]
    assert items[0].path == "/g/3.png" and items[0].captions == ["item 3"] and items[0].thumbnail == "/t/3.jpg"
    assert items[0].key == "k3" and items[0].facet_scores["type"]["dress"] == pytest.approx(1.0)
    assert store.count() == 50


def test_samples_are_distinct_and_respect_exclusions(store):
    a = store.sample_ids(10, seed=1)
    assert len(a) == 10 == len(set(a.tolist())) and set(a.tolist()) <= set(range(1, 51))
    b = store.sample_ids(45, seed=2, exclude=range(1, 11))
    assert len(b) == 40 and not set(b.tolist()) & set(range(1, 11))  # only 40 are left
    assert not store.sample_ids(0).size
