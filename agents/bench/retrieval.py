"""Retrieval benchmarks (not tests): ingestion speed, search latency, recall, memory.

The code of ``scripts/bench_retrieval.py`` (a thin CLI over ``main``), kept in
the package so that ``chatlens bench`` runs it from an installed wheel too.

    python scripts/bench_retrieval.py                       # ingest + flat@5k + milvus@100k
    python scripts/bench_retrieval.py --sections big        # flat vs HNSW at 1M (minutes on 2 cores)
    python scripts/bench_retrieval.py --sections ingest --ingest-n 5000 --encoder demo
    python scripts/bench_retrieval.py --sections startup --ingest-n 5000   # first HTTP 200, first answered turn
    python scripts/bench_retrieval.py --sections scale --scale-n 10000 100000 1000000   # see agents/bench/scale.py

Synthetic vectors have realistic low-rank structure (clustered latent factors
with a decaying spectrum, plus noise), not pure Gaussian noise, so that HNSW
recall figures mean something. Queries are fresh samples from the same
distribution, never database points. Numbers are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from retrieval.index.faiss_index import FaissIndex

from .server import ROOT
from .synthetic import DIM, low_rank, peak_rss_mb, recall_at


def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def latency(search, queries: np.ndarray, k: int = 10, exclude=()) -> tuple[float, float, np.ndarray]:
    """p50, p95 in ms of one-query searches, and the ids found."""
    search(queries[:1], k, exclude)  # warm-up
    times, found = [], []
    for q in queries:
        t = time.perf_counter()
        ids, _ = search(q[None], k, exclude)
        times.append((time.perf_counter() - t) * 1000)
        found.append(ids[0])
    return float(np.percentile(times, 50)), float(np.percentile(times, 95)), np.stack(found)


def line(name: str, **figures) -> None:
    print(f"{name:<44} " + "  ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()),
          flush=True)


# --- sections -----------------------------------------------------------------------------------


def bench_ingest(args) -> None:
    from retrieval.config import RetrievalConfig
    from retrieval.encoders import OpenClipEncoder, get_encoder, register_encoder
    from retrieval.errors import ModelUnavailableError
    from retrieval.library import open_library

    encoder = args.encoder
    try:
        get_encoder(encoder)
    except ModelUnavailableError as exc:
        if encoder != "demo":
            raise
        from retrieval import demo_encoder

        print(f"note: {exc}\nnote: timing the demo architecture with random image-tower weights (same cost)")
        register_encoder("demo-untrained", lambda name: OpenClipEncoder(name, *demo_encoder.create_untrained()))
        encoder = "demo-untrained"
    home = Path(args.data_dir or tempfile.mkdtemp(prefix="chatlens-bench-"))
    cfg = RetrievalConfig(data_dir=home, encoder=encoder, demo_size=args.ingest_n, batch_size=args.batch_size)
    t = time.perf_counter()
    from retrieval.catalog.generate import catalog_dir, generate_catalog

    generate_catalog(catalog_dir(home / "catalog", n=args.ingest_n), n=args.ingest_n)
    render_s = time.perf_counter() - t
    loaded = get_encoder(encoder)  # load the model outside the timings (cached per name)
    from retrieval.demo_encoder import DemoEncoder

    if isinstance(loaded, DemoEncoder):  # it builds its image tower on the first image: build it here, untimed
        loaded.full()
    cpu = time.process_time()
    lib = open_library(cfg)
    cpu = time.process_time() - cpu
    r = lib.report
    line(f"ingest demo catalog ({encoder}, n={args.ingest_n})", images_per_s=r.added / r.seconds,
         images_per_cpu_s=r.added / cpu, seconds=r.seconds, added=r.added, render_s=render_s, threads=_threads())
    print(f"  (CPU time of all threads, model loading excluded; load average now {os.getloadavg()[0]:.1f} "
          f"on {len(os.sched_getaffinity(0))} cores)")
    lib.close()
    # cold start of a fresh process with everything cached: imports, model load, open, first query
    register = ("from retrieval import demo_encoder; from retrieval.encoders import OpenClipEncoder, register_encoder; "
                "register_encoder('demo-untrained', lambda n: OpenClipEncoder(n, *demo_encoder.create_untrained())); "
                if encoder == "demo-untrained" else "")
    code = ("import time; t=time.perf_counter(); from retrieval.config import RetrievalConfig; "
            f"from retrieval.library import open_library; {register}"
            f"lib=open_library(RetrievalConfig(data_dir={str(home)!r}, encoder={encoder!r}, demo_size={args.ingest_n})); "
            "lib.index.search(lib.encoder.encode_texts(['a red dress']), 10); print(time.perf_counter()-t)")
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    line("cold start, cached (new process, first query)", seconds=time.perf_counter() - t,
         after_interpreter_start_s=float(out.stdout.strip().splitlines()[-1]))


def _threads() -> int:
    try:
        import torch

        return torch.get_num_threads()
    except ImportError:
        return 0


def bench_flat5k(args) -> None:
    x, q = low_rank(5000), low_rank(args.queries, seed=1)
    idx = FaissIndex(Path(tempfile.mkdtemp()), DIM, "bench", "flat")
    idx.add(np.arange(len(x)), x)
    p50, p95, _ = latency(idx.search, q)
    line("faiss flat @5k, one query, k=10", p50_ms=p50, p95_ms=p95)
    p50, p95, _ = latency(idx.search, q, exclude=range(0, 5000, 50))
    line("faiss flat @5k, 100 excluded ids", p50_ms=p50, p95_ms=p95)


def _build(kind: str, x: np.ndarray, ef: int | None = None) -> tuple[FaissIndex, float, float]:
    before = rss_mb()
    t = time.perf_counter()
    idx = FaissIndex(Path(tempfile.mkdtemp()), DIM, "bench", kind)
    if ef:
        idx.ef_search = ef
    for s in range(0, len(x), 100_000):
        idx.add(np.arange(s, min(s + 100_000, len(x))), x[s : s + 100_000])
    return idx, time.perf_counter() - t, rss_mb() - before


def bench_big(args) -> None:
    n = args.big_n
    t = time.perf_counter()
    x = low_rank(n)
    q = low_rank(args.queries, seed=1)
    line(f"synthetic low-rank vectors n={n} dim={DIM}", seconds=time.perf_counter() - t, data_mb=x.nbytes / 2**20)
    flat, build_s, mem = _build("flat", x)
    p50, p95, truth = latency(flat.search, q)
    line(f"faiss flat @{n}", build_s=build_s, p50_ms=p50, p95_ms=p95, index_mb=mem)
    del flat
    hnsw, build_s, mem = _build("hnsw", x)
    line(f"faiss hnsw M=32 efC=80 @{n} build", build_s=build_s, index_mb=mem)
    for ef in args.ef:
        hnsw.ef_search = ef
        p50, p95, found = latency(hnsw.search, q)
        line(f"  hnsw efSearch={ef}", p50_ms=p50, p95_ms=p95, recall_at_10=recall_at(found, truth))


def bench_milvus(args) -> None:
    from retrieval.index.milvus_index import MilvusIndex

    n = args.milvus_n
    x, q = low_rank(n), low_rank(args.queries, seed=1)
    flat, build_s, _ = _build("flat", x)
    p50, p95, truth = latency(flat.search, q)
    line(f"faiss flat @{n}", build_s=build_s, p50_ms=p50, p95_ms=p95, recall_at_10=1.0)
    hnsw, build_s, _ = _build("hnsw", x)
    p50, p95, found = latency(hnsw.search, q)
    line(f"faiss hnsw @{n}", build_s=build_s, p50_ms=p50, p95_ms=p95, recall_at_10=recall_at(found, truth))
    for index_type in args.milvus_index:
        if index_type == "none":
            continue
        folder = Path(tempfile.mkdtemp(prefix="chatlens-milvus-"))
        t = time.perf_counter()
        mv = MilvusIndex(str(folder / "bench.db"), DIM, "bench", f"bench_{index_type.lower()}", index_type=index_type)
        for s in range(0, n, 10_000):
            mv.add(np.arange(s, min(s + 10_000, n)), x[s : s + 10_000])
        mv.save()
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:  # index building is asynchronous: wait until every row is indexed
            info = mv.client.describe_index(mv.collection, "vector")
            if info.get("state") == "Finished" and info.get("indexed_rows", 0) >= n:
                break
            time.sleep(0.5)
        build_s = time.perf_counter() - t
        p50, p95, found = latency(mv.search, q)
        line(f"milvus lite {index_type} @{n}", build_s=build_s, p50_ms=p50, p95_ms=p95,
             recall_at_10=recall_at(found, truth))
        mv.close()


def bench_startup(args) -> None:
    """``chatlens run`` in a new process: time to the first HTTP 200 and to the first answered turn (via the API).

    Run 0 fills an empty data folder (renders and indexes the demo catalog); the
    following runs start with it cached, which is what the targets are about.
    """
    import urllib.request

    from gradio_client import Client  # imported here, before the clock starts

    from app.splash import HEADER as SPLASH_HEADER

    from .server import free_port

    home = Path(args.data_dir or tempfile.mkdtemp(prefix="chatlens-start-"))
    env = {**os.environ, "CHATLENS_HOME": str(home), "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
           "PYTHONPATH": str(ROOT)}
    for run in range(args.startup_runs + 1):
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "app.cli", "run", "--port", str(port), "--encoder", args.encoder,
                                 "--demo-size", str(args.ingest_n)], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page_s = app_s = None
        try:
            while app_s is None:  # the first 200 may be the start-up page (app/splash.py); then the app's own
                try:
                    with urllib.request.urlopen(url, timeout=5) as resp:
                        if resp.status == 200:
                            page_s = page_s or time.perf_counter() - t0
                            if not resp.headers.get(SPLASH_HEADER):
                                app_s = time.perf_counter() - t0
                except OSError:
                    pass
                # 20 polls a second (the start-up page's own script polls twice a second): a tight loop of
                # requests to the start-up page took CPU from the server it measures (~0.7-1 s on 2 cores)
                if app_s is None:
                    time.sleep(0.05)
                if proc.poll() is not None:
                    raise RuntimeError("the server exited")
            reply = Client(url, verbose=False).predict("a red dress", [], "", api_name="/send")
            turn_s = time.perf_counter() - t0
            peak = peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait()
        line(f"start {'first (empty cache)' if run == 0 else f'cached #{run}'}", first_http_200_s=page_s,
             gradio_page_s=app_s, first_answered_turn_s=turn_s, results=len(reply.get("results", [])) if isinstance(reply, dict) else -1,
             server_rss_mb=peak)


def bench_scale(args) -> None:
    """The scale benchmark (``agents/bench/scale.py``): app-process RSS and per-turn latency at 10k-1M items."""
    from .scale import main as scale_main

    cmd = ["--n", *map(str, args.scale_n), "--backends", *args.scale_backends, "--encoder", args.scale_encoder]
    if args.data_dir:
        cmd += ["--data-dir", args.data_dir]
    scale_main(cmd)


SECTIONS = {"ingest": bench_ingest, "flat": bench_flat5k, "milvus": bench_milvus, "big": bench_big,
            "startup": bench_startup, "scale": bench_scale}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sections", default="ingest,flat,milvus", help=f"comma list of {', '.join(SECTIONS)}")
    ap.add_argument("--encoder", default="demo")
    ap.add_argument("--ingest-n", type=int, default=2000)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--data-dir", default=None, help="reuse a data folder (default: a fresh temporary one)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--big-n", type=int, default=1_000_000)
    ap.add_argument("--ef", type=int, nargs="+", default=[64, 96, 128])
    ap.add_argument("--milvus-n", type=int, default=100_000)
    ap.add_argument("--milvus-index", nargs="+", default=["FLAT"], help="Milvus Lite index types to try")
    ap.add_argument("--startup-runs", type=int, default=3, help="cached starts timed by the startup section")
    ap.add_argument("--scale-n", type=int, nargs="+", default=[10_000, 100_000], help="sizes of the scale section")
    ap.add_argument("--scale-backends", nargs="+", default=["faiss", "faiss:hnsw", "milvus"])
    ap.add_argument("--scale-encoder", default="hash:384", help="text encoder of the scale section's turns")
    args = ap.parse_args(argv)
    import faiss

    print(json.dumps({"cpus": len(os.sched_getaffinity(0)), "faiss_threads": faiss.omp_get_max_threads(),
                      "faiss": faiss.__version__}))
    for name in args.sections.split(","):
        SECTIONS[name.strip()](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
