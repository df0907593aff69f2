"""Folder ingestion: walk, decode safely, de-duplicate, encode in batches, commit in batches.

Re-runnable and crash-safe. Each batch (items + file rows + vectors) is one
SQLite transaction, committed before its vectors reach the index; a run
killed at any point loses at most the batch in flight, and the next run (or
``Library`` reconciliation on open) adds every committed item to the index
exactly once. Unchanged files are recognised by (size, mtime) without being
read; duplicates by content hash. ``chatlens index PATH`` is ``retrieval.library.main``.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from .encoders import PreparesImages
from .errors import BadImageError
from .facets import FacetSet, score_facets
from .gallery import Gallery, NewItem
from .imageio import IMAGE_SUFFIXES, MAX_FILE_BYTES, decode_bytes
from .thumbnails import make_thumbnail

ProgressFn = Callable[[float, str], None]
Annotate = Callable[[Path], dict[str, Any] | None]  # path -> {"id", "key", "attributes", "captions"} (all optional)
SAVE_EVERY = 16  # batches between index saves (SQLite commits every batch)


@dataclass
class IngestReport:
    added: int = 0  # new items indexed
    duplicates: int = 0  # files whose content was already in the gallery
    unchanged: int = 0  # files already indexed (same size and mtime)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) of unusable files
    normalised: list[tuple[str, str]] = field(default_factory=list)  # (path, what) e.g. CMYK, 16-bit, alpha
    removed: int = 0  # items dropped (vanished with --prune, or changed on disk)
    ignored: int = 0  # files without an image suffix
    seconds: float = 0.0

    def summary(self) -> str:
        rate = f" ({self.added / self.seconds:.0f} images/s)" if self.seconds > 0 and self.added else ""
        lines = [
            f"added {self.added}{rate}, duplicates {self.duplicates}, unchanged {self.unchanged}, "
            f"removed {self.removed}, skipped {len(self.skipped)}, normalised {len(self.normalised)}, "
            f"ignored (not images) {self.ignored}"
        ]
        lines += [f"  skipped {p}: {why}" for p, why in self.skipped]
        lines += [f"  normalised {p}: {what}" for p, what in self.normalised]
        return "\n".join(lines)


def walk_images(folder: Path) -> tuple[list[Path], int]:
    """Image files under ``folder`` (sorted, hidden entries and symlinks leaving it skipped) and a count of others."""
    root = Path(folder).resolve()
    found: list[Path] = []
    others = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            if p.suffix.lower() not in IMAGE_SUFFIXES:
                others += 1
            elif not p.is_symlink() or p.resolve().is_relative_to(root):
                found.append(p)
    return sorted(found), others


@dataclass
class _Loaded:
    path: Path
    size: int
    mtime_ns: int
    sha256: str = ""
    image: Any = None
    format: str = ""
    error: str = ""


def _load(path: Path, max_pixels: int) -> _Loaded:
    try:
        st = path.stat()
        rec = _Loaded(path, st.st_size, st.st_mtime_ns)
        if st.st_size > MAX_FILE_BYTES:
            rec.error = f"too large ({st.st_size // 2**20} MB)"
            return rec
        data = path.read_bytes()
    except OSError as exc:
        return _Loaded(path, 0, 0, error=f"cannot be read ({exc.strerror or exc})")
    rec.sha256 = hashlib.sha256(data).hexdigest()
    if not data:
        rec.error = "empty file"
        return rec
    try:
        rec.image = decode_bytes(data, max_pixels, path.name)
        rec.format = rec.image.format or path.suffix.lstrip(".").upper()
    except BadImageError as exc:
        rec.error = str(exc)
    return rec


@dataclass
class _Batch:
    records: list[_Loaded]
    prepared: Any = None  # encoder.prepare_images() of the decodable records, in order
    thumbs: dict[str, str] = field(default_factory=dict)  # sha256 -> thumbnail path


def _load_batch(paths: list[Path], encoder: Any, max_pixels: int, thumbnails: Path | None, thumb_size: int) -> _Batch:
    """Everything per file that needs no database: read, hash, decode, thumbnail, encoder preprocessing."""
    batch = _Batch([_load(p, max_pixels) for p in paths])
    ok = [r for r in batch.records if r.image is not None]
    if thumbnails is not None:
        batch.thumbs = {r.sha256: make_thumbnail(r.image, thumbnails, r.sha256, thumb_size) for r in ok}
    if isinstance(encoder, PreparesImages) and ok:
        batch.prepared = encoder.prepare_images([r.image for r in ok])
    return batch


def _facet_scorer(encoder: Any, facets: FacetSet | None) -> Callable[[np.ndarray], list[dict[str, dict[str, float]]]]:
    if facets is None:
        return lambda vecs: [{} for _ in range(len(vecs))]
    prompt_vecs = encoder.encode_texts([p for _, _, p in facets.all_prompts()])

    def score(vecs: np.ndarray) -> list[dict[str, dict[str, float]]]:
        probs = score_facets(vecs, prompt_vecs, facets)
        return [
            {f.name: {v: round(float(probs[f.name][i, j]), 4) for j, v in enumerate(f.values)} for f in facets}
            for i in range(len(vecs))
        ]

    return score


def ingest_folder(
    folder: Path,
    gallery: Gallery,
    index: Any,
    encoder: Any,
    *,
    facets: FacetSet | None = None,
    batch_size: int = 64,
    max_pixels: int = 40_000_000,
    prune: bool = False,
    annotate: Annotate | None = None,
    thumbnails: Path | None = None,
    thumbnail_size: int = 192,
    progress: ProgressFn | None = None,
) -> IngestReport:
    """Bring ``gallery`` and ``index`` up to date with the images under ``folder``."""
    t0 = time.perf_counter()
    report = IngestReport()
    paths, report.ignored = walk_images(folder)
    state = gallery.file_state()
    todo: list[Path] = []
    changed: list[str] = []
    for p in paths:
        known = state.get(str(p))
        if known is None:
            todo.append(p)
            continue
        try:
            st = p.stat()
        except OSError:
            continue
        if (st.st_size, st.st_mtime_ns) == known[1:]:
            report.unchanged += 1
        else:
            changed.append(str(p))
            todo.append(p)
    root = str(Path(folder).resolve())
    current = {str(p) for p in paths}
    vanished = [p for p in state if prune and p.startswith(root + os.sep) and p not in current]
    gone = gallery.forget_files(changed + vanished)
    if gone:
        report.removed += index.remove(gone)
    if not todo:
        index.save()
        report.seconds = time.perf_counter() - t0
        return report

    score = _facet_scorer(encoder, facets)
    batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
    bar = tqdm(total=len(todo), desc="indexing", unit="img", disable=None)
    seen: set[str] = set()
    with ThreadPoolExecutor(max_workers=1) as pool:  # decode the next batch while this one is encoded
        load = lambda b: _load_batch(b, encoder, max_pixels, thumbnails, thumbnail_size)  # noqa: E731
        pending = pool.submit(load, batches[0])
        for n, _ in enumerate(batches):
            loaded = pending.result()
            if n + 1 < len(batches):
                pending = pool.submit(load, batches[n + 1])
            _commit_batch(loaded, gallery, index, encoder, score, annotate, seen, report)
            if (n + 1) % SAVE_EVERY == 0:
                index.save()
            bar.update(len(loaded.records))
            if progress:
                progress((n + 1) / len(batches), f"indexed {bar.n} of {len(todo)} images")
    bar.close()
    index.save()
    report.seconds = time.perf_counter() - t0
    return report


def _commit_batch(batch: _Batch, gallery, index, encoder, score, annotate, seen, report) -> None:
    good, positions, aliases = [], [], []
    known = gallery.known_hashes(r.sha256 for r in batch.records if r.sha256)
    decodable = 0
    for r in batch.records:
        if r.sha256 and (r.sha256 in known or r.sha256 in seen):
            aliases.append((str(r.path), r.sha256, r.size, r.mtime_ns))
            report.duplicates += 1
        elif r.error:
            report.skipped.append((str(r.path), r.error))
        else:
            seen.add(r.sha256)
            good.append(r)
            if r.image.info.get("normalised"):
                report.normalised.append((str(r.path), r.image.info["normalised"]))
            positions.append(decodable)
        decodable += r.image is not None
    new: list[NewItem] = []
    if good:
        if batch.prepared is not None:
            vecs = encoder.encode_prepared(batch.prepared[positions] if len(positions) < decodable else batch.prepared)
        else:
            vecs = encoder.encode_images([r.image for r in good])
        for r, vec, fs in zip(good, vecs, score(vecs), strict=True):
            note = (annotate(r.path) if annotate else None) or {}
            new.append(NewItem(
                path=str(r.path), sha256=r.sha256, bytes=r.size, width=r.image.width, height=r.image.height,
                format=r.format, vector=vec, size=r.size, mtime_ns=r.mtime_ns, id=note.get("id"),
                attributes=note.get("attributes", {}), captions=note.get("captions", []), facet_scores=fs,
                thumbnail=batch.thumbs.get(r.sha256, ""), key=note.get("key", ""),
            ))
    ids = gallery.add_batch(new, aliases)  # the durable step
    if new:  # an index that serves the items too (Milvus) gets their metadata
        index.add(ids, np.stack([it.vector for it in new]), items=gallery.get(ids) if index.keeps_items else None)
    report.added += len(new)
