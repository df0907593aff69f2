"""Scale-out: a session served from a real Milvus server, a serve-only replica sharing it, live ingestion.

The Milvus tests use the session's standalone server (``milvus_server``
fixture; skipped with its reason where it cannot start). Live ingestion runs
the real ``chatlens index`` in another process while an Assistant serves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from agents.config import AgentConfig
from agents.session import Assistant
from agents.turns import Turn
from retrieval.config import RetrievalConfig
from retrieval.errors import UserFacingError
from retrieval.library import open_library
from retrieval.query import ComposedQuery

ROOT = Path(__file__).resolve().parents[2]


def _assistant(cfg: RetrievalConfig, library=None) -> Assistant:
    """An Assistant whose background lexicon warm-up has finished: a daemon thread still importing torch when
    the test process exits can crash the interpreter on the way out."""
    assistant = Assistant.build(cfg, AgentConfig(), library=library)
    _ = assistant.lexicon._phrase_table
    return assistant


def test_session_end_to_end_on_a_milvus_server_and_a_replica(milvus_server, tmp_path):
    spec = milvus_server.spec("HNSW", f"e2e_{uuid.uuid4().hex[:12]}", consistency="")  # the served default: Bounded
    cfg = RetrievalConfig(data_dir=tmp_path / "indexer", encoder="hash:32", demo_size=60, candidate_pool=60,
                          index=spec, refresh_s=0)
    lib = open_library(cfg)
    assert lib.store is lib.index and lib.index.count() == 60  # items are read from Milvus, not SQLite
    assert lib.index.consistency == "Bounded"
    deadline = time.monotonic() + 30  # Bounded reads see the ingested rows within seconds
    while len(lib.store.sample_ids(60)) < 60 and time.monotonic() < deadline:
        time.sleep(0.2)
    session = _assistant(cfg, lib).new_session()
    assert len(session.reset().results) == AgentConfig().results
    reply = session.step(Turn(text="a red striped t-shirt"))
    assert reply.error is None and reply.results and all(Path(r.path).exists() for r in reply.results)
    assert all(r.facets and r.caption for r in reply.results)  # facet rows and captions came from Milvus
    liked = reply.results[0].id
    again = session.step(Turn(action="like", item_id=liked))  # its vector fetched by id from Milvus
    assert again.error is None and session.state.references and liked not in [r.id for r in again.results]

    # a replica: no SQLite, no ingestion, same collection; a fresh session sees the same ranking
    replica_cfg = RetrievalConfig(data_dir=tmp_path / "replica", encoder="hash:32", candidate_pool=60,
                                  index=spec, serve_only=True, refresh_s=0)
    replica = open_library(replica_cfg)
    assert replica.gallery is None and replica.store is replica.index
    assert not list((tmp_path / "replica").glob("**/*.sqlite"))
    theirs = _assistant(replica_cfg, replica).new_session()
    ours = _assistant(cfg, lib).new_session()
    a, b = ours.step(Turn(text="a blue dress")), theirs.step(Turn(text="a blue dress"))
    assert [r.id for r in a.results] == [r.id for r in b.results] and a.results
    assert [r.path for r in a.results] == [r.path for r in b.results]
    lib.close()
    replica.close()


def test_a_replica_needs_a_named_milvus_collection(tmp_path):
    with pytest.raises(UserFacingError, match="collection"):
        open_library(RetrievalConfig(data_dir=tmp_path, encoder="hash:32", index="faiss", serve_only=True))


def _png(path: Path, i: int) -> None:
    rng = np.random.default_rng(1000 + i)
    Image.fromarray(rng.integers(0, 255, (24, 24, 3), dtype=np.uint8)).save(path)


@pytest.mark.slow
def test_items_indexed_by_another_process_appear_while_serving(tmp_path):
    folder, home = tmp_path / "photos", tmp_path / "home"
    folder.mkdir()
    for i in range(10):
        _png(folder / f"a{i}.png", i)
    cfg = RetrievalConfig(data_dir=home, encoder="hash:32", gallery=folder, refresh_s=0.2)
    assistant = _assistant(cfg)
    assert assistant.library.index.count() == 10
    for i in range(10, 15):
        _png(folder / f"b{i}.png", i)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CHATLENS_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "app.cli", "index", str(folder), "--encoder", "hash:32",
                           "--data-dir", str(home)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "added 5" in done.stdout
    new = [it for it in assistant.library.gallery.get(range(1, 40)) if Path(it.path).name.startswith("b")]
    deadline = time.monotonic() + 20
    while assistant.library.index.count() < 15 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert assistant.library.index.count() == 15  # picked up by the server's follower, no restart
    for item in new:  # and searchable: each new image's own vector finds it first
        vec = assistant.retriever.vector_of(item.id)
        ids, _, _ = assistant.retriever.rank(ComposedQuery("", references=[(vec, 1.0)]))
        assert ids[0] == item.id


def test_serve_only_is_read_from_the_flag_or_the_environment():
    from app.settings import parse_run_args

    spec = "http://milvus:19530?index=HNSW&collection=photos"
    assert parse_run_args(["--serve-only", "--index", spec], env={}).retrieval.serve_only
    assert parse_run_args(["--index", spec], env={"CHATLENS_SERVE_ONLY": "1"}).retrieval.serve_only
    assert not parse_run_args([], env={}).retrieval.serve_only
