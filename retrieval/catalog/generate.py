"""Write a rendered catalog to a folder: PNG files plus ``items.jsonl`` ground truth.

The folder is a cache: it is rebuilt when missing or incomplete, and the same
seed always gives the same bytes. Rendering runs in a process pool, since
Pillow drawing holds the GIL.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm.auto import tqdm

from ..atomic import atomic_path, atomic_write_text
from .items import GALLERY_SEED, make_item
from .schema import CATALOG_VERSION

MANIFEST = "items.jsonl"
DEFAULT_SIZE = 5000

ProgressFn = Callable[[int, int], None]


def catalog_dir(root: Path, seed: int = GALLERY_SEED, n: int = DEFAULT_SIZE) -> Path:
    return Path(root) / f"catalog-v{CATALOG_VERSION}-s{seed}-n{n}"


def _render_one(args: tuple[int, int, str]) -> dict:
    seed, index, folder = args
    item = make_item(seed, index)
    path = Path(folder) / f"{item.id}.png"
    if not path.exists():
        with atomic_path(path, durable=False) as tmp:  # a cache: rendered again if a crash loses it
            item.image().save(tmp, format="PNG", compress_level=1)
    return {"id": item.id, "file": path.name, "attributes": item.attributes, "captions": item.captions}


def is_complete(folder: Path) -> bool:
    return (Path(folder) / MANIFEST).exists()


def generate_catalog(
    folder: Path,
    seed: int = GALLERY_SEED,
    n: int = DEFAULT_SIZE,
    workers: int | None = None,
    progress: ProgressFn | None = None,
) -> Path:
    """Render ``n`` items of ``seed`` into ``folder``; reuse it when already complete.

    The manifest is written last (atomically), so an interrupted run leaves no
    manifest and the next run resumes, re-using the images already written.
    """
    folder = Path(folder)
    if is_complete(folder):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    workers = workers or min(4, os.cpu_count() or 1)
    jobs = [(seed, i, str(folder)) for i in range(n)]
    records: list[dict] = []
    bar = tqdm(total=n, desc="rendering demo catalog", unit="item", disable=None)
    # "spawn", not the default fork: the app renders from a warm-up thread while its main thread imports,
    # and a child forked then can inherit a held lock and hang forever (seen: a server stuck 480 s, no output).
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for rec in pool.map(_render_one, jobs, chunksize=64):
            records.append(rec)
            bar.update(1)
            if progress and (len(records) % 100 == 0 or len(records) == n):
                progress(len(records), n)
    bar.close()
    atomic_write_text(folder / MANIFEST, "".join(json.dumps(rec, sort_keys=True) + "\n" for rec in records))
    return folder


def read_manifest(folder: Path) -> list[dict]:
    with open(Path(folder) / MANIFEST, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
