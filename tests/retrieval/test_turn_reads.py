"""What one turn reads from the item store: the candidate pool's facet rows once, and with Milvus none at all.

A turn ranks a pool, shows a page and lets the questioner weigh the top of
the pool. Every store read is a request to a Milvus server, so the pool's
facet rows are read once (SQLite beside FAISS) or come back with the search
itself (Milvus: ``search_rows``), and the questioner's distribution reuses
them.
"""

from __future__ import annotations

import uuid

import numpy as np
import pytest

from retrieval.facets import FacetDef, FacetSet
from retrieval.gallery import FacetLayout, Gallery, NewItem
from retrieval.index import open_index
from retrieval.library import Library
from retrieval.query import ComposedQuery, Constraint
from retrieval.retriever import Retriever

DIM = 8
FACETS = FacetSet("test", (FacetDef("colour", "colour", ("red", "blue", "green"), {}),
                           FacetDef("type", "type", ("shirt", "dress"), {})))


class _Encoder:
    name, dim = "hash:8", DIM

    def encode_texts(self, texts):
        rng = np.random.default_rng(abs(hash(tuple(texts))) % 2**32)
        v = rng.standard_normal((len(texts), DIM)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def _items(n: int) -> list[NewItem]:
    rng = np.random.default_rng(0)
    out = []
    for i in range(n):
        v = rng.standard_normal(DIM).astype(np.float32)
        red = float(i % 3 == 0)
        out.append(NewItem(path=f"/g/{i}.png", sha256=f"h{i}", bytes=10, width=4, height=5, format="PNG",
                           vector=v / np.linalg.norm(v), captions=[f"item {i}"], key=f"k{i}",
                           facet_scores={"colour": {"red": red, "blue": 1 - red}, "type": {"dress": 1.0}}))
    return out


class _Counting:
    """Wraps a store, counting its reads by name."""

    def __init__(self, store):
        self._store, self.calls = store, {}

    def __getattr__(self, name):
        attr = getattr(self._store, name)
        if not callable(attr) or name not in ("facet_rows", "vectors", "get", "sample_ids", "search", "search_rows"):
            return attr

        def counted(*a, **k):
            self.calls[name] = self.calls.get(name, 0) + 1
            return attr(*a, **k)
        return counted


@pytest.fixture(params=["sqlite", "milvus-lite"])
def library(request, tmp_path):
    gallery = Gallery(tmp_path / "g.sqlite", "hash:8", DIM)
    gallery.use_layout(FacetLayout.of(FACETS))
    ids = gallery.add_batch(_items(60))
    _, vecs = gallery.vectors(ids)
    if request.param == "sqlite":
        index = open_index("faiss", tmp_path / "ix", DIM, "hash:8")
        index.add(ids, vecs)
        yield Library(_Encoder(), index, gallery, FACETS, tmp_path)
    else:
        spec = f"milvus://{tmp_path / 'lite.db'}?collection=t_{uuid.uuid4().hex[:12]}"
        index = open_index(spec, tmp_path / "ix", DIM, "hash:8")
        index.use_layout(gallery.layout)
        index.add(ids, vecs, items=gallery.get(ids))
        yield Library(_Encoder(), index, None, FACETS, tmp_path)  # a serve-only replica: the index is the store
        index.close()
    gallery.close()


def _turn(r: Retriever) -> tuple[np.ndarray, dict]:
    query = ComposedQuery(caption="a red shirt", constraints=[Constraint("colour", "red", True, 20.0)])
    ids, scores, sims = r.rank(query, pool=40)
    r.results(ids[:5], scores[:5], sims[:5])
    return ids, r.facet_distribution(ids[:20], np.ones(20))


def test_a_turn_reads_the_pools_facet_rows_at_most_once(library):
    counting = _Counting(library.store)
    library.store = counting
    if library.gallery is None:
        library.index = counting  # the replica's index is its store
    r = Retriever(library, candidate_pool=40)
    ids, dist = _turn(r)
    assert len(ids) == 40
    milvus = library.gallery is None
    assert counting.calls.get("facet_rows", 0) == (0 if milvus else 1)  # Milvus: they came with the search
    assert counting.calls.get("search_rows", 0) == (1 if milvus else 0)
    assert counting.calls.get("get", 0) == 1  # the page's items


def test_reused_rows_give_the_distribution_and_ranking_of_fresh_reads(library):
    r = Retriever(library, candidate_pool=40)
    ids, dist = _turn(r)
    found, rows = library.store.facet_rows(ids[:20].tolist())
    assert found.tolist() == ids[:20].tolist()
    expected = rows[:, 0:3].sum(axis=0) / rows[:, 0:3].sum()  # colour: no requirement, so no n/a mass
    assert dist["colour"][:3] == pytest.approx(expected)
    assert dist["colour"][-1] == pytest.approx(0.0)
    red = library.store.facet_rows(ids.tolist())[1][:, 0] == 1.0  # a strong constraint lifts the red items
    assert 5 < red.sum() < len(ids) and red[: red.sum()].all()  # (every third) above every other one


def test_milvus_search_rows_is_search_plus_facet_rows(tmp_path):
    gallery = Gallery(tmp_path / "g.sqlite", "hash:8", DIM)
    gallery.use_layout(FacetLayout.of(FACETS))
    ids = gallery.add_batch(_items(30))
    _, vecs = gallery.vectors(ids)
    index = open_index(f"milvus://{tmp_path / 'lite.db'}?collection=t_{uuid.uuid4().hex[:12]}", tmp_path / "ix", DIM,
                       "hash:8")
    index.use_layout(gallery.layout)
    index.add(ids, vecs, items=gallery.get(ids))
    q = vecs[3]
    got_ids, got_scores, got_rows = index.search_rows(q, 12, exclude_ids=[ids[3]])
    want_ids, want_scores = index.search(q[None], 12, exclude_ids=[ids[3]])
    assert got_ids.tolist() == want_ids[0].tolist() and ids[3] not in got_ids.tolist()
    assert got_scores == pytest.approx(want_scores[0], abs=1e-5)
    assert np.allclose(got_rows, gallery.facet_rows(got_ids.tolist())[1])
    assert index.search_rows(q, 0)[0].size == 0
    index.close()
    gallery.close()
