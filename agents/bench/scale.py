"""Scale benchmark (not a test): app-process memory and whole-turn latency through ``Session.step`` at 10k-1M items.

The code of ``scripts/bench_scale.py`` (a thin CLI over ``main``); each measurement runs in a fresh
``python -m agents.bench.scale --measure ...`` process.

    python scripts/bench_retrieval.py --sections scale --scale-n 10000 100000 --scale-backends faiss milvus
    python scripts/bench_scale.py --n 1000000 --backends faiss:hnsw --data-dir /tmp/chatlens-scale

For each size a synthetic library is built once in ``--data-dir`` (cached):
an SQLite gallery of low-rank unit vectors (``agents.bench.synthetic.low_rank``) with
synthetic facet rows (Dirichlet draws over the demo facets), a FAISS index
per kind, and, for ``milvus``, a collection on a Milvus standalone server (the
``milvus`` package, started here; or ``--milvus-uri``) holding vectors, item
metadata and facet rows. Then each (backend, size) is measured in a fresh
process, the "app process": it opens the library as the app does (Milvus:
as a serve-only replica, no SQLite), builds the Assistant, plays scripted
dialogues through ``Session.step`` and reports its peak RSS (VmHWM),
per-turn p50/p95 (and the retriever's share of each turn), and recall@10 of the index's search against exact search
over the same vectors. Numbers are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from retrieval.config import RetrievalConfig

from .server import ROOT
from .synthetic import DIM, low_rank, peak_rss_mb, recall_at

ENCODER = "hash:384"  # the vectors are synthetic; the text tower's cost is added with --encoder demo
SCRIPTS = [["a red dress", "not striped", "with long sleeves", "in blue instead", "any pattern is fine"],
           ["a black coat", "something longer", "not black", "green please", "with a hood"],
           ["white t-shirt with a logo", "short sleeves", "not white", "a striped one", "yellow"],
           ["a floral skirt", "knee length", "in pink", "no flowers", "plain please"]]
QUERIES = 200
RETRIEVAL_POOL = RetrievalConfig().candidate_pool  # the app's default


def _library_dir(data_dir: Path, n: int) -> Path:
    return data_dir / f"scale-{n}"


def build_gallery(folder: Path, n: int, encoder: str) -> None:
    """SQLite gallery of ``n`` synthetic items (vectors + facet rows), written in bulk; cached."""
    from retrieval.facets import demo_facets
    from retrieval.gallery import FacetLayout, Gallery

    db = folder / "gallery.sqlite"
    if db.exists() and (folder / "built").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    layout = FacetLayout.of(demo_facets())
    g = Gallery(db, encoder, DIM)
    g.use_layout(layout)
    g.close()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    rng = np.random.default_rng(7)
    t = time.perf_counter()
    for s in range(0, n, 50_000):
        m = min(50_000, n - s)
        x = low_rank(m, seed=100 + s // 50_000)
        rows = np.concatenate([rng.dirichlet(np.full(len(v), 0.3), m) for _, v in layout.facets], axis=1).astype(np.float32)
        now = time.time()
        con.executemany("INSERT INTO items (id, path, sha256, bytes, width, height, format, captions, thumbnail, encoder, key,"
                        " vector, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(s + i, f"/synthetic/{s + i}.jpg", f"sha{s + i}", 1000, 64, 64, "JPEG", "[]", "", encoder,
                          f"k{s + i}", x[i].tobytes(), now, now) for i in range(m)])
        con.executemany("INSERT INTO facet_probs VALUES (?, ?)", [(s + i, rows[i].tobytes()) for i in range(m)])
        con.commit()
    con.close()
    (folder / "built").write_text(str(n))
    print(f"  gallery n={n}: {time.perf_counter() - t:.0f} s", flush=True)


def _vectors(folder: Path, n: int) -> np.ndarray:
    con = sqlite3.connect(folder / "gallery.sqlite")
    out = np.empty((n, DIM), np.float32)
    for r, (blob,) in enumerate(con.execute("SELECT vector FROM items ORDER BY id")):
        out[r] = np.frombuffer(blob, np.float32)
    con.close()
    return out


def prepare(args, n: int) -> None:
    """Everything the measured process loads: gallery, FAISS files, Milvus collection, exact top-10 truth."""
    from retrieval.index import open_index

    folder = _library_dir(args.data_dir, n)
    build_gallery(folder, n, ENCODER)
    x = None
    truth_file = folder / "truth.npy"
    if not truth_file.exists():
        import faiss

        x = _vectors(folder, n)
        flat = faiss.IndexFlatIP(DIM)
        flat.add(x)
        _, truth = flat.search(low_rank(QUERIES, seed=1), 10)
        np.save(truth_file, truth.astype(np.int64))
    for backend in args.backends:
        if backend.startswith("faiss") and not (folder / "index" / f"faiss-{backend.partition(':')[2] or 'flat'}.index").exists():
            x = _vectors(folder, n) if x is None else x
            t = time.perf_counter()
            idx = open_index(backend, folder / "index", DIM, ENCODER)
            for s in range(0, n, 100_000):
                idx.add(np.arange(s, min(s + 100_000, n)), x[s : s + 100_000])
            idx.save()
            print(f"  {backend} n={n}: built in {time.perf_counter() - t:.0f} s", flush=True)
        elif backend == "milvus":
            prepare_milvus(args, folder, n)


def prepare_milvus(args, folder: Path, n: int) -> None:
    from retrieval.facets import demo_facets
    from retrieval.gallery import FacetLayout, Gallery
    from retrieval.index import open_index

    spec = f"{args.milvus_uri}?index=HNSW&collection=scale_{n}"
    idx = open_index(spec, folder / "index", DIM, ENCODER)
    if idx.count() >= n:
        return
    idx.use_layout(FacetLayout.of(demo_facets()))
    g = Gallery(folder / "gallery.sqlite", ENCODER, DIM)
    g.use_layout(idx.layout)
    t = time.perf_counter()
    for s in range(idx.count() // 2000 * 2000, n, 2000):
        ids = list(range(s, min(s + 2000, n)))
        got, vecs = g.vectors(ids)
        idx.add(got, vecs, items=g.get(ids))
    idx.save()
    while True:  # HNSW is built asynchronously: measure once every row is indexed
        info = idx.client.describe_index(idx.collection, "vector")
        if info.get("state") == "Finished" and info.get("indexed_rows", 0) >= n:
            break
        time.sleep(2)
    print(f"  milvus n={n}: inserted and indexed in {time.perf_counter() - t:.0f} s", flush=True)
    # Inserting seals a segment every ~50k rows; a search visits every segment (17 at 1M, each an HNSW search
    # with ef >= the pool). Milvus merges them by itself over time; a deployment compacts after a bulk load.
    t = time.perf_counter()
    job, deadline = idx.client.compact(idx.collection), time.monotonic() + 3600
    while idx.client.get_compaction_state(job) == "Executing" and time.monotonic() < deadline:
        time.sleep(5)
    print(f"  milvus n={n}: compacted in {time.perf_counter() - t:.0f} s", flush=True)
    g.close()
    idx.close()


def measure(args, backend: str, n: int) -> dict:
    """In this (fresh) process: open as the app does, play dialogues, report RSS and latencies."""
    import psutil

    from agents.config import AgentConfig
    from agents.session import Assistant
    from agents.turns import Turn
    from retrieval.encoders import get_encoder
    from retrieval.facets import demo_facets
    from retrieval.gallery import Gallery
    from retrieval.index import open_index
    from retrieval.library import Library

    folder = _library_dir(args.data_dir, n)
    encoder = get_encoder(args.encoder)
    rss0 = psutil.Process().memory_info().rss / 2**20
    t = time.perf_counter()
    if backend == "milvus":  # a serve-only replica: everything comes from the server
        index = open_index(f"{args.milvus_uri}?index=HNSW&collection=scale_{n}", folder / "index", DIM, ENCODER)
        gallery = None
    else:
        index = open_index(backend, folder / "index", DIM, ENCODER)
        gallery = Gallery(folder / "gallery.sqlite", ENCODER, DIM)
    lib = Library(encoder, index, gallery, demo_facets(), folder)
    cfg = RetrievalConfig(encoder=args.encoder, refresh_s=0, candidate_pool=args.pool)
    assistant = Assistant.build(cfg, AgentConfig(), library=lib)
    open_s = time.perf_counter() - t
    rss_open = psutil.Process().memory_info().rss / 2**20
    _ = assistant.lexicon._phrase_table  # the lexicon's MiniLM (same at every size) is loaded before timing turns
    rss_warm = psutil.Process().memory_info().rss / 2**20
    spent = [0.0]  # time inside the retriever (search + store reads) during the current turn
    r = assistant.retriever
    for name in ("rank", "results", "facet_distribution", "vector_of", "likely_facets"):
        def timed(*a, _f=getattr(r, name), **k):
            t1 = time.perf_counter()
            try:
                return _f(*a, **k)
            finally:
                spent[0] += time.perf_counter() - t1
        setattr(r, name, timed)
    # One untimed dialogue first: a process's first turns import what turns use lazily (e.g. matplotlib's colour
    # names, ~0.13 s); the steady state is what this measures (the first turn of a new process: bench --startup).
    warm = assistant.new_session()
    warm.reset()
    for text in ("a blue shirt", "not striped"):
        warm.step(Turn(text=text))
    load = os.getloadavg()[0]
    times, retrieval = [], []
    for rep in range(args.sessions):
        for script in SCRIPTS:
            session = assistant.new_session()
            session.reset()
            for text in script:
                text = f"{text} {rep}" if rep else text  # fresh captions: no embedding cache hits across reps
                spent[0] = 0.0
                t0 = time.perf_counter()
                reply = session.step(Turn(text=text))
                times.append((time.perf_counter() - t0) * 1000)
                retrieval.append(spent[0] * 1000)
                assert reply.error is None, reply.error
    truth = np.load(folder / "truth.npy")
    q = low_rank(QUERIES, seed=1)
    found = np.stack([index.search(v[None], 10)[0][0] for v in q])
    return {"backend": backend, "n": n, "turns": len(times), "turn_p50_ms": round(float(np.percentile(times, 50)), 1),
            "turn_p95_ms": round(float(np.percentile(times, 95)), 1),
            "retriever_p50_ms": round(float(np.percentile(retrieval, 50)), 1),
            "retriever_p95_ms": round(float(np.percentile(retrieval, 95)), 1), "recall_at_10": round(recall_at(found, truth), 4),
            "rss_after_imports_mb": round(rss0), "rss_after_open_mb": round(rss_open),
            "rss_after_lexicon_mb": round(rss_warm),
            # VmHWM, not ru_maxrss: Linux carries the parent's high-water mark across fork + exec
            "peak_rss_mb": round(peak_rss_mb(os.getpid())), "open_s": round(open_s, 1),
            "candidate_pool": cfg.candidate_pool, "encoder": args.encoder,
            "load_avg_1m": [round(load, 1), round(os.getloadavg()[0], 1)]}  # before and after the timed turns


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--backends", nargs="+", default=["faiss", "faiss:hnsw", "milvus"])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/chatlens-scale"))
    ap.add_argument("--milvus-uri", default=None, help="a Milvus server (default: start the `milvus` package's)")
    ap.add_argument("--encoder", default=ENCODER, help="text encoder of the turns (demo adds its real cost)")
    ap.add_argument("--sessions", type=int, default=5, help="repetitions of the 4 scripted dialogues (5 turns each)")
    ap.add_argument("--pool", type=int, default=RETRIEVAL_POOL, help="candidate pool re-ranked per turn")
    ap.add_argument("--measure", nargs=2, metavar=("BACKEND", "N"), help=argparse.SUPPRESS)
    ap.add_argument("--json", type=Path, help="append each record to this file (JSON lines)")
    args = ap.parse_args(argv)
    if args.measure:
        print("RESULT " + json.dumps(measure(args, args.measure[0], int(args.measure[1]))), flush=True)
        return 0
    server = None
    try:
        if "milvus" in args.backends and not args.milvus_uri:  # one standalone server per machine at a time
            from milvus import MilvusServer

            server = MilvusServer()
            server.set_base_dir(str(args.data_dir / "milvus-server"))
            server.start()
            args.milvus_uri = f"http://127.0.0.1:{server.listen_port}"
        for n in args.n:
            prepare(args, n)
            for backend in args.backends:
                cmd = [sys.executable, "-m", "agents.bench.scale", "--measure", backend, str(n),
                       "--data-dir", str(args.data_dir), "--encoder", args.encoder, "--sessions", str(args.sessions), "--pool", str(args.pool)]
                if args.milvus_uri:
                    cmd += ["--milvus-uri", args.milvus_uri]
                out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT,
                                     env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"})
                lines = [ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")]
                if not lines:
                    print(f"{backend} n={n}: failed\n{out.stderr[-1500:]}", flush=True)
                    continue
                rec = json.loads(lines[-1][7:])
                print(json.dumps(rec), flush=True)
                if args.json:
                    with open(args.json, "a") as fh:
                        fh.write(json.dumps(rec) + "\n")
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
