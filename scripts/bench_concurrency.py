"""Throughput and latency of one ChatLens server under N concurrent API sessions (a benchmark, not a test).

Each session is a gradio_client ``Client`` (its own server-side session)
playing a scripted dialogue of ``--turns`` messages; all start together.
Prints turns/s over the loaded phase and per-turn latency (p50, p95, max)
as seen by the clients, plus errors. Launches a local server unless
``--url`` is given.

    .venv/bin/python scripts/bench_concurrency.py                       # 20 sessions x 5 turns, demo size 1000
    .venv/bin/python scripts/bench_concurrency.py --url http://127.0.0.1:7860/ --sessions 40
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
COLOURS = ["red", "blue", "green", "black", "white", "yellow", "pink", "purple", "orange", "grey"]
CATEGORIES = ["dress", "shirt", "coat", "skirt", "trousers", "hat", "bag", "shorts", "hoodie", "t-shirt"]


def script(i: int, turns: int) -> list[str]:
    colour, category = COLOURS[i % len(COLOURS)], CATEGORIES[(i * 3) % len(CATEGORIES)]
    lines = [f"a {colour} {category}", "not striped", f"in {COLOURS[(i + 1) % len(COLOURS)]} please",
             "with long sleeves", "any pattern is fine", f"a {CATEGORIES[(i + 1) % len(CATEGORIES)]} instead"]
    return [lines[t % len(lines)] for t in range(turns)]


def launch(args: argparse.Namespace):
    """A local ``chatlens run`` (the test suite's server helper) on a free port."""
    from agents.bench.server import Server

    home = args.home or tempfile.mkdtemp(prefix="chatlens-bench-")
    return Server(home, args=["--encoder", args.encoder, "--demo-size", str(args.demo_size),
                              "--concurrency", str(args.concurrency)]).start()


def run(url: str, sessions: int, turns: int) -> dict:
    from gradio_client import Client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(sessions + 1)

    def one(i: int) -> None:
        try:
            client = Client(url, verbose=False)
        except Exception as e:
            errors.append(repr(e))
            barrier.abort()
            return
        barrier.wait()
        for text in script(i, turns):
            t0 = time.perf_counter()
            try:
                reply = client.predict(text, [], "", api_name="/send")
                if reply.get("error"):
                    raise RuntimeError(reply["error"])
            except Exception as e:
                with lock:
                    errors.append(repr(e)[:200])
                continue
            with lock:
                latencies.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(sessions)]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat = np.array(latencies) * 1000
    return {
        "sessions": sessions, "turns_per_session": turns, "turns_ok": len(latencies), "errors": len(errors),
        "wall_s": round(wall, 2), "throughput_turns_per_s": round(len(latencies) / wall, 2) if wall else 0.0,
        "latency_ms_p50": round(float(np.percentile(lat, 50)), 1) if len(lat) else None,
        "latency_ms_p95": round(float(np.percentile(lat, 95)), 1) if len(lat) else None,
        "latency_ms_max": round(float(lat.max()), 1) if len(lat) else None,
        "first_errors": errors[:3],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", help="an already running server (otherwise one is launched)")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--turns", type=int, default=5, help="messages per session")
    ap.add_argument("--encoder", default=None, help="encoder of the launched server (default: demo if trained, else hash:64)")
    ap.add_argument("--demo-size", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=2, help="server events processed at once")
    ap.add_argument("--home", help="data folder of the launched server (default: a new temporary one)")
    ap.add_argument("--json", type=Path, help="also write the record here")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    server = None
    if args.encoder is None:
        from retrieval import demo_encoder

        args.encoder = "demo" if demo_encoder.is_trained() else "hash:64"
    if args.url is None:
        server = launch(args)
        args.url = server.url
    try:
        run(args.url, min(2, args.sessions), 1)  # warm-up: first-turn lazy loads are not the load being measured
        record = {**run(args.url, args.sessions, args.turns), "server": args.url if server is None else
                  f"launched: encoder={args.encoder} demo_size={args.demo_size} concurrency={args.concurrency}",
                  "cpus": os.cpu_count()}
    finally:
        if server is not None:
            server.stop()
    width = max(map(len, record))
    for k, v in record.items():
        print(f"{k:<{width}}  {v}")
    if args.json:
        args.json.write_text(json.dumps(record, indent=2))
    return 1 if record["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
