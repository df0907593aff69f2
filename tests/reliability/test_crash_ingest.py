"""Ingestion killed with SIGKILL at random points, then re-run: nothing indexed is lost, nothing is doubled.

The indexer runs in a subprocess with a slowed encoder and (FAISS) an index save
after every batch, so kills land inside encoding, SQLite commits and FAISS
writes alike. Kill points are drawn from a seeded RNG (printed on failure).
After every kill the items SQLite holds are remembered; the final run must
keep each of them under the same id, and end with index count == SQLite
count == distinct images. It runs with the embedded FAISS index, Milvus Lite
and a real Milvus standalone server (``milvus_server`` fixture); with Milvus the
items' metadata must also have reached the collection. (The one SIGKILL test:
``tests/retrieval/test_ingest.py`` no longer repeats it.)
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from retrieval.index import open_index

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
N_IMAGES = 160
TRIALS = 4
SEED = int(os.environ.get("CHATLENS_CRASH_SEED", "8"))

INDEXER = textwrap.dedent(
    """
    import sys, time
    import retrieval.ingest as ingest
    from retrieval.library import main
    from retrieval.encoders import HashEncoder, register_encoder

    class Slow(HashEncoder):
        def encode_images(self, images):
            time.sleep(0.03)
            return super().encode_images(images)

    # FAISS: write the index file after every batch, so kills also land inside index writes. Milvus writes
    # with every upsert (its save is a flush, ~1 s on a server), so it keeps the default.
    if "--index" in sys.argv and sys.argv[sys.argv.index("--index") + 1] == "faiss":
        ingest.SAVE_EVERY = 1
    register_encoder("slow", lambda name: Slow(32, name))
    sys.exit(main(sys.argv[1:]))
    """
)


def _images(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    for i in range(n):
        rng = np.random.default_rng(i)
        arr = np.full((20, 20, 3), rng.integers(0, 255, 3), np.uint8)
        arr[i % 20] = rng.integers(0, 255, 3)
        Image.fromarray(arr).save(folder / f"p{i:04d}.png")
    (folder / "copy.png").write_bytes((folder / "p0000.png").read_bytes())


def _committed(home: Path) -> dict[str, int]:
    """sha256 -> id of every item SQLite holds right now (read-only)."""
    dbs = list(home.glob("libraries/*/*/gallery.sqlite"))
    if not dbs:
        return {}
    try:
        con = sqlite3.connect(f"file:{dbs[0]}?mode=ro", uri=True, timeout=5)
        try:
            return dict(con.execute("SELECT sha256, id FROM items").fetchall())
        finally:
            con.close()
    except sqlite3.Error:
        return {}


@pytest.fixture(params=["faiss", "milvus-lite", "milvus-server"])
def index_spec(request):
    if request.param in ("faiss", "milvus-lite"):
        return {"milvus-lite": "milvus"}.get(request.param, request.param)
    return request.getfixturevalue("milvus_server").spec("HNSW")


def test_sigkill_at_random_points_then_rerun(tmp_path, index_spec):
    folder, home = tmp_path / "photos", tmp_path / "home"
    _images(folder, N_IMAGES)
    script = tmp_path / "indexer.py"
    script.write_text(INDEXER)
    args = [sys.executable, str(script), str(folder), "--encoder", "slow:32", "--batch-size", "8", "--index", index_spec,
            "--data-dir", str(home)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CHATLENS_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    rng = random.Random(SEED)
    seen: dict[str, int] = {}
    plan = []
    for trial in range(TRIALS):
        threshold, extra = rng.randint(1, N_IMAGES - 24), rng.uniform(0.0, 0.06)
        plan.append((threshold, round(extra, 3)))
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(_committed(home)) < threshold and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(extra)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _committed(home)
        assert threshold <= len(now) < N_IMAGES, (SEED, plan, len(now), "not killed mid-run")
        for sha, item in seen.items():  # nothing committed earlier was lost or renumbered
            assert now.get(sha) == item, (SEED, plan, trial)
        seen = now
        lib_root = next(home.glob("libraries/*/*"), None)
        # whatever is on disk loads (atomic writes); a Milvus Lite file is left alone while a killed run's
        # embedded server may still be letting go of it
        if lib_root is not None and (lib_root / "index").exists() and index_spec != "milvus":
            idx = open_index(index_spec, lib_root / "index", 32, "slow:32")
            assert set(idx.ids().tolist()) <= set(now.values()) | set(seen.values()), (SEED, plan)
            idx.close()
    assert seen, (SEED, plan)

    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    final = _committed(home)
    assert all(final.get(sha) == item for sha, item in seen.items()), (SEED, plan)
    db = next(home.glob("libraries/*/*/gallery.sqlite"))
    con = sqlite3.connect(db)
    n, n_sha, n_ids = con.execute("SELECT COUNT(*), COUNT(DISTINCT sha256), COUNT(DISTINCT id) FROM items").fetchone()
    n_files = con.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    sql_ids = sorted(i for (i,) in con.execute("SELECT id FROM items"))
    con.close()
    assert n == n_sha == n_ids == N_IMAGES and n_files == N_IMAGES + 1, (n, n_sha, n_ids, n_files)
    idx = open_index(index_spec, db.parent / "index", 32, "slow:32")
    ids = idx.ids().tolist()
    assert idx.count() == N_IMAGES == len(set(ids)) and sorted(ids) == sql_ids
    if index_spec != "faiss":  # every item reached the shared collection with its metadata
        items = idx.get(sql_ids)
        assert len(items) == N_IMAGES and all(it.path.startswith(str(folder)) for it in items)
        found, rows = idx.facet_rows(sql_ids)
        assert idx.layout is not None and len(found) == N_IMAGES and (rows.sum(axis=1) > 0.99).all()
