"""Cost of decoding one hostile or oversized image, each in a fresh process (a benchmark, not a test).

For every case it starts ``python scripts/bench_images.py --one FILE``, which
decodes the file with ``retrieval.imageio.load_image`` (the path uploads,
references and ``chatlens index`` all take) and then resizes it the way an
encoder's preprocessing does (short side up or down to 224). The child
prints wall time and peak RSS above its baseline (the kernel's peak mark,
reset after imports and reading the file); this script prints one line per case.

    .venv/bin/python scripts/bench_images.py                 # the default cases, written to a temp folder
    .venv/bin/python scripts/bench_images.py photo.jpg ...   # your own files
    .venv/bin/python scripts/bench_images.py --server        # whole turns through a launched `chatlens run`

With ``--server`` each case is one ``/send`` turn ("like this" + the file)
through gradio_client against a local server (hash encoder, 200-item demo
gallery, a temporary data folder): the client's wall time, and the server
process's peak RSS growth during the turn (its peak mark reset first).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENCODER_SIDE = 224  # open_clip's ViT-B-32 input: the short side is scaled to this

CASES = {  # name -> (width, height, format)
    "strip_300000x1.png": (300_000, 1, "PNG"),
    "strip_1x300000.png": (1, 300_000, "PNG"),
    "strip_4000000x1.png": (4_000_000, 1, "PNG"),
    "strip_1x65000.png": (1, 65_000, "PNG"),
    "widest_allowed_12000x600.png": (12_000, 600, "PNG"),
    "photo_6000x4000.jpg": (6_000, 4_000, "JPEG"),
    "photo_6000x4000.png": (6_000, 4_000, "PNG"),
}


def write_cases(folder: Path, names: list[str] | None = None) -> list[Path]:
    """Write the named cases (all by default): flat colour, so even the big ones are small files."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names or list(CASES):
        w, h, fmt = CASES[name]
        path = folder / name
        if not path.exists():
            Image.new("RGB", (w, h), (180, 40, 60)).save(path, format=fmt)
        out.append(path)
    return out


def _reset_peak() -> int | None:
    """Reset the kernel's peak-RSS mark (Linux >= 4.0) and return the current RSS in KiB, or None elsewhere.

    ``ru_maxrss`` alone would hide a decode whose peak stays below the imports' earlier peak.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _proc_kib("self", "VmRSS")
    except OSError:
        return None


def one(path: Path) -> dict:
    """In this process: decode + encoder-style resize; seconds and peak RSS growth in MB."""
    from retrieval.errors import BadImageError
    from retrieval.imageio import load_image

    path.read_bytes()  # the file's bytes are part of the baseline, not of the decode
    base = _reset_peak()
    t0 = time.perf_counter()
    try:
        im = load_image(path, max_bytes=10**9)
        scale = ENCODER_SIDE / min(im.size)
        im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))))
        outcome = f"decoded to {im.width}x{im.height} after resize"
    except BadImageError as e:
        outcome = f"refused: {e}"
    seconds = time.perf_counter() - t0
    peak = _proc_kib("self", "VmHWM") if base is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    base = base if base is not None else peak
    return {"file": path.name, "seconds": round(seconds, 4), "peak_rss_mb": round((peak - base) / 1024, 1),
            "outcome": outcome}


def measure(path: Path) -> dict:
    """``one(path)`` in a fresh Python process, so peaks of earlier cases do not hide this one's."""
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--one", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    if proc.returncode != 0:
        raise RuntimeError(f"measuring {path.name} failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _proc_kib(pid: int | str, field: str) -> int:
    """A /proc status field in KiB (VmRSS, VmHWM) of ``pid`` ("self": this process)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def turns(files: list[Path]) -> None:
    """Each file as one chat turn through a launched server: wall time and the server's peak RSS growth."""
    sys.path.insert(0, str(ROOT))
    from gradio_client import Client, handle_file

    from agents.bench.server import Server

    with tempfile.TemporaryDirectory() as home:
        server = Server(Path(home), args=["--demo-size", "200", "--encoder", "hash:64", "--results", "8"],
                        env={"CHATLENS_MAX_UPLOAD_MB": "1000"}).start()
        try:
            client = Client(server.url, verbose=False)
            for text in ("a red dress", "a blue striped shirt"):  # warm: the first turns load what turns need
                client.predict(text, [], "", api_name="/send")
            time.sleep(10)  # let start-up's background work (the lexicon's phrase table) finish
            pid = server.proc.pid  # type: ignore[union-attr]
            print(f"{'file':32s} {'seconds':>8s} {'server peak MB':>15s}  reply")
            for f in files:
                Path(f"/proc/{pid}/clear_refs").write_text("5")
                base = _proc_kib(pid, "VmRSS")
                t0 = time.perf_counter()
                reply = client.predict("like this", [handle_file(str(f))], "", api_name="/send")
                seconds = time.perf_counter() - t0
                peak = (_proc_kib(pid, "VmHWM") - base) / 1024
                what = f"refused: {reply['error'][:70]}" if reply["error"] else f"{len(reply['results'])} results"
                print(f"{f.name:32s} {seconds:8.3f} {peak:15.1f}  {what}", flush=True)
        finally:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="images to measure (default: the built-in cases)")
    parser.add_argument("--server", action="store_true", help="measure whole turns through a launched server")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        files = args.files or write_cases(Path(tmp))
        if args.server:
            turns(files)
            return 0
        print(f"{'file':32s} {'seconds':>8s} {'peak RSS MB':>12s}  outcome")
        for f in files:
            r = measure(f)
            print(f"{r['file']:32s} {r['seconds']:8.3f} {r['peak_rss_mb']:12.1f}  {r['outcome'][:90]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
