"""The VectorIndex protocol, checked against brute force for every implementation.

FAISS kinds, Milvus Lite (exact FLAT; one Lite file per test session, a fresh
collection per test, so Lite starts once) and a real Milvus standalone server
with HNSW (the ``milvus_server`` fixture; skipped with its reason where it
cannot start).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import numpy as np
import pytest

from retrieval.errors import IndexMismatchError, UnknownNameError, UserFacingError
from retrieval.index import VectorIndex, open_index
from retrieval.index.faiss_index import IVF_MIN_TRAIN

SPECS = ["faiss", "faiss:hnsw", "faiss:ivf", "faiss:auto", "milvus-lite", "milvus-server"]
DIM = 16
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("CHATLENS_HOME", str(tmp_path / "home"))


def low_rank(n: int, dim: int = DIM, rank: int = 6, seed: int = 0) -> np.ndarray:
    """Unit vectors with real structure (a few latent factors plus noise), like embeddings."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, rank)) @ rng.standard_normal((rank, dim)) + 0.3 * rng.standard_normal((n, dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def brute(ids: np.ndarray, x: np.ndarray, q: np.ndarray, k: int, exclude=()) -> np.ndarray:
    keep = ~np.isin(ids, list(exclude))
    ids, x = ids[keep], x[keep]
    order = np.argsort(-(q @ x.T), axis=1, kind="stable")[:, :k]
    return ids[order]


def recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth, strict=True)]))


@pytest.fixture(scope="session")
def lite_file(tmp_path_factory):
    return tmp_path_factory.mktemp("lite") / "protocol.db"


@pytest.fixture(params=SPECS)
def spec(request, lite_file):
    collection = f"t_{uuid.uuid4().hex[:16]}"
    if request.param == "milvus-lite":
        return f"milvus://{lite_file}?collection={collection}"
    if request.param == "milvus-server":
        return request.getfixturevalue("milvus_server").spec("HNSW", collection)
    return request.param


def test_implements_protocol_and_matches_brute_force(spec, tmp_path):
    idx = open_index(spec, tmp_path / "ix", DIM, "hash:16")
    assert isinstance(idx, VectorIndex)
    x = low_rank(600)
    ids = np.arange(600, dtype=np.int64) * 3 + 7
    idx.add(ids, x)
    assert idx.count() == 600
    assert np.array_equal(idx.ids(), ids)
    q = low_rank(20, seed=1)
    found, scores = idx.search(q, 10)
    assert found.dtype == np.int64 and scores.dtype == np.float32 and found.shape == (20, 10)
    assert np.all(np.diff(scores, axis=1) <= 1e-5)  # best first
    assert recall(found, brute(ids, x, q, 10)) >= (1.0 if spec == "faiss" else 0.9)
    # scores are inner products of the stored vectors
    lookup = {int(i): v for i, v in zip(ids, x, strict=True)}
    assert np.allclose(scores[0, 0], q[0] @ lookup[int(found[0, 0])], atol=1e-4)


def test_exclusion_never_returns_excluded_and_still_fills_k(spec, tmp_path):
    idx = open_index(spec, tmp_path / "ix", DIM, "hash:16")
    x = low_rank(300)
    ids = np.arange(300)
    idx.add(ids, x)
    q = x[:3]
    top = idx.search(q, 20)[0]
    exclude = set(top[:, :15].ravel().tolist())
    found, scores = idx.search(q, 10, exclude_ids=exclude)
    assert not exclude & set(found.ravel().tolist())
    assert (found >= 0).all() and np.isfinite(scores).all()
    assert recall(found, brute(ids, x, q, 10, exclude)) >= (1.0 if spec == "faiss" else 0.8)


def test_remove_and_readd(spec, tmp_path):
    idx = open_index(spec, tmp_path / "ix", DIM, "hash:16")
    x = low_rank(200)
    idx.add(np.arange(200), x)
    assert idx.remove([0, 1, 2, 10_000]) == 3
    assert idx.remove([0]) == 0
    assert idx.count() == 197
    assert not {0, 1, 2} & set(idx.ids().tolist())
    found, _ = idx.search(x[:3], 5)
    assert not {0, 1, 2} & set(found.ravel().tolist())
    # re-adding replaces: id 5 now carries the vector of item 0, and is not duplicated
    idx.add([0, 5], np.stack([x[0], x[0]]))
    assert idx.count() == 198
    found, _ = idx.search(x[:1], 2)
    assert set(found[0].tolist()) == {0, 5}
    assert len(idx.ids()) == len(set(idx.ids().tolist())) == 198


def test_padding_when_k_exceeds_count(spec, tmp_path):
    idx = open_index(spec, tmp_path / "ix", DIM, "hash:16")
    empty_ids, _ = idx.search(low_rank(2), 4)
    assert (empty_ids == -1).all() and empty_ids.shape == (2, 4)
    idx.add([1, 2, 3], low_rank(3))
    found, scores = idx.search(low_rank(1, seed=5), 6)
    assert sorted(found[0, :3].tolist()) == [1, 2, 3]
    assert (found[0, 3:] == -1).all() and np.isneginf(scores[0, 3:]).all()


def test_save_load_round_trip(spec, tmp_path):
    x = low_rank(400)
    idx = open_index(spec, tmp_path / "ix", DIM, "hash:16")
    idx.add(np.arange(400), x)
    idx.remove([3, 4])
    before = idx.search(x[:5], 10)
    idx.save()
    if hasattr(idx, "close"):
        idx.close()
    again = open_index(spec, tmp_path / "ix", DIM, "hash:16")
    assert again.count() == 398
    after = again.search(x[:5], 10)
    assert np.array_equal(before[0], after[0])
    assert np.allclose(before[1], after[1], atol=1e-5)


def test_encoder_or_dim_mismatch_is_a_clear_error(spec, tmp_path):
    idx = open_index(spec, tmp_path / "ix", DIM, "hash:16")
    idx.add([1], low_rank(1))
    idx.save()
    if hasattr(idx, "close"):
        idx.close()
    with pytest.raises(IndexMismatchError, match="re-index"):
        open_index(spec, tmp_path / "ix", DIM, "openclip:ViT-B-32/laion2b_s34b_b79k")


def test_ivf_trains_once_large_enough(tmp_path):
    import faiss

    idx = open_index("faiss:ivf", tmp_path / "ix", DIM, "hash:16")
    x = low_rank(IVF_MIN_TRAIN + 500)
    idx.add(np.arange(1000), x[:1000])
    assert isinstance(faiss.downcast_index(idx.index.index), faiss.IndexFlat)  # too few to train yet
    idx.add(np.arange(1000, len(x)), x[1000:])
    assert isinstance(faiss.downcast_index(idx.index.index), faiss.IndexIVF)
    assert idx.count() == len(x)
    q = low_rank(30, seed=3)
    assert recall(idx.search(q, 10)[0], brute(np.arange(len(x)), x, q, 10)) >= 0.9
    assert idx.remove(range(100)) == 100 and idx.count() == len(x) - 100


def test_hnsw_tombstones_compact(tmp_path):
    idx = open_index("faiss:hnsw", tmp_path / "ix", DIM, "hash:16")
    x = low_rank(300)
    idx.add(np.arange(300), x)
    idx.remove(range(10))
    assert idx._tombstones and idx.index.ntotal == 300  # small removals are tombstones
    idx.remove(range(10, 60))
    assert not idx._tombstones and idx.index.ntotal == 240  # past 10%: rebuilt without them
    assert np.array_equal(idx.ids(), np.arange(60, 300))


def test_unknown_spec_lists_valid_ones(tmp_path):
    with pytest.raises(UnknownNameError, match="faiss:hnsw"):
        open_index("annoy", tmp_path, DIM, "hash:16")


def test_milvus_without_the_extra_names_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pymilvus", None)
    with pytest.raises(UserFacingError, match=r"chatlens\[milvus\]"):
        open_index("milvus", tmp_path, DIM, "hash:16")


def test_failed_save_keeps_the_previous_index(tmp_path, monkeypatch):
    idx = open_index("faiss", tmp_path / "ix", DIM, "hash:16")
    idx.add(np.arange(10), low_rank(10))
    idx.save()
    idx.add(np.arange(10, 20), low_rank(10, seed=1))

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        idx.save()
    monkeypatch.undo()
    assert open_index("faiss", tmp_path / "ix", DIM, "hash:16").count() == 10


def test_kill_during_saves_leaves_an_old_or_new_index(tmp_path):
    """SIGKILL a process that keeps growing and saving an index: what is on disk always loads, whole."""
    script = textwrap.dedent(
        f"""
        import sys, numpy as np
        from retrieval.index import open_index
        idx = open_index("faiss", {str(tmp_path / "ix")!r}, {DIM}, "hash:16")
        rng = np.random.default_rng(0)
        for step in range(100000):
            idx.add(np.arange(step * 500, (step + 1) * 500), rng.standard_normal((500, {DIM})).astype("float32"))
            idx.save()
            print(step, flush=True)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(6):  # let a few saves complete, then kill in the middle of the next ones
            proc.stdout.readline()
        time.sleep(0.013)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    idx = open_index("faiss", tmp_path / "ix", DIM, "hash:16")
    assert idx.count() > 0 and idx.count() % 500 == 0
    assert np.array_equal(idx.ids(), np.arange(idx.count()))
    assert not [p for p in (tmp_path / "ix").iterdir() if p.name.endswith(".index") and p.stat().st_size == 0]


def test_auto_switches_to_hnsw_by_size(tmp_path, monkeypatch):
    import faiss

    from retrieval.index import faiss_index

    monkeypatch.setattr(faiss_index, "AUTO_HNSW_AT", 500)
    idx = open_index("faiss:auto", tmp_path / "ix", DIM, "hash:16")
    x = low_rank(800)
    idx.add(np.arange(400), x[:400])
    assert isinstance(faiss.downcast_index(idx.index.index), faiss.IndexFlat)
    idx.add(np.arange(400, 800), x[400:])
    assert isinstance(faiss.downcast_index(idx.index.index), faiss.IndexHNSW)
    q = low_rank(20, seed=4)
    assert recall(idx.search(q, 10)[0], brute(np.arange(800), x, q, 10)) >= 0.9
    idx.save()
    assert open_index("faiss:auto", tmp_path / "ix", DIM, "hash:16").count() == 800


def test_trained_ivf_reloads_and_replaces(tmp_path):
    x = low_rank(IVF_MIN_TRAIN + 100)
    idx = open_index("faiss:ivf", tmp_path / "ix", DIM, "hash:16")
    idx.add(np.arange(len(x)), x)
    idx.save()
    again = open_index("faiss:ivf", tmp_path / "ix", DIM, "hash:16")
    again.add([0], x[1:2])  # replacing an id rebuilds from the stored vectors
    assert again.count() == len(x)
    assert set(again.search(x[1:2], 2)[0][0].tolist()) == {0, 1}
