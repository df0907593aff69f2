"""A ready-to-search library: encoder + vector index + SQLite gallery + facets, opened from configuration.

The demo catalog is ingested exactly like a user's folder (its ground-truth
attributes and captions are stored as metadata), so nothing downstream treats
it specially. Each (gallery, encoder) pair gets its own folder under
``data_home()/libraries``; on every open the index is reconciled with SQLite,
so a crash never loses an indexed item nor duplicates one.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .catalog.generate import catalog_dir, generate_catalog, read_manifest
from .config import HUB_ENCODER, RetrievalConfig
from .encoders import Encoder, get_encoder
from .errors import ChatLensError, UserFacingError
from .facets import FacetSet, demo_facets, load_facets
from .gallery import FacetLayout, Gallery
from .index import VectorIndex, open_index
from .ingest import IngestReport, ingest_folder
from .store import ItemStore

ProgressFn = Callable[[float, str], None]


@dataclass
class Library:
    encoder: Encoder
    index: VectorIndex
    gallery: Gallery | None  # None on a serve-only replica (everything is in the shared Milvus collection)
    facets: FacetSet
    root: Path  # this library's cache folder (gallery.sqlite, index/)
    images: Path | None = None  # the folder of images it was built from
    report: IngestReport | None = None  # what the last ingestion on open did
    store: ItemStore | None = None  # where the retriever reads items by id: the index when it holds them, else SQLite

    def __post_init__(self) -> None:
        if self.store is None:
            self.store = self.index if isinstance(self.index, ItemStore) else self.gallery

    def close(self) -> None:
        if self.gallery is not None:
            self.gallery.close()
        self.index.close()


def _slug(text: str, n: int = 40) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_")[:n] or "x"


def library_root(config: RetrievalConfig, encoder: Encoder, images: Path) -> Path:
    """``<data_dir>/libraries/<gallery>/<encoder>``; the encoder part includes its weights fingerprint if any."""
    if config.gallery is None:
        gallery_part = f"demo-{images.name}"
    else:
        gallery_part = f"{_slug(images.name)}-{hashlib.sha1(str(images).encode()).hexdigest()[:8]}"
    fp = encoder.fingerprint
    enc_part = _slug(encoder.name) + (f"-{fp[:8]}" if fp else "")
    return Path(config.data_dir) / "libraries" / gallery_part / enc_part


def reconcile(gallery: Gallery, index: VectorIndex, save: bool = True,
              guard: Callable[[], AbstractContextManager] = nullcontext) -> tuple[int, int]:
    """Make the index hold exactly the gallery's ids (SQLite is the truth); returns (added, removed).

    An index that also stores items (Milvus) gets their metadata with the vectors. A server following
    another process's ingestion passes ``save=False``: only the indexer writes the index file. ``guard``
    is held around each change of the index only (a serving retriever's write lock), so the id scans and
    the SQLite reads never block searches.
    """
    want, have = gallery.ids(), index.ids()
    missing = np.setdiff1d(want, have, assume_unique=True)
    extra = np.setdiff1d(have, want, assume_unique=True)
    if len(extra):
        with guard():
            index.remove(extra.tolist())
    if len(missing):
        for s in range(0, len(missing), 50_000):
            ids, vecs = gallery.vectors(missing[s : s + 50_000].tolist())
            items = gallery.get(ids.tolist()) if index.keeps_items else None
            with guard():
                index.add(ids, vecs, items=items)
    if save and (len(missing) or len(extra)):
        index.save()
    return int(len(missing)), int(len(extra))


_DEMO_ID = re.compile(r"^s\d+-(\d+)$")


def _demo_annotations(folder: Path) -> Callable[[Path], dict | None]:
    """Ground truth for demo files: the catalog index as the gallery id, attributes and captions as metadata."""
    by_file = {rec["file"]: rec for rec in read_manifest(folder)}

    def annotate(path: Path) -> dict | None:
        rec = by_file.get(path.name)
        if rec is None:
            return None
        m = _DEMO_ID.match(rec["id"])
        return {"id": int(m.group(1)) if m else None, "key": rec["id"], "attributes": rec["attributes"],
                "captions": rec["captions"]}

    return annotate


def open_library(config: RetrievalConfig, progress: ProgressFn | None = None, *, prune: bool = False) -> Library:
    """Open (building or updating as needed) the library that ``config`` describes."""
    say = progress or (lambda f, m: None)
    encoder = get_encoder(config.encoder)
    if config.serve_only:
        return _open_replica(config, encoder, say)
    if config.gallery is None:
        folder = catalog_dir(Path(config.data_dir) / "catalog", n=config.demo_size)
        generate_catalog(folder, n=config.demo_size, progress=lambda d, n: say(0.5 * d / n, "rendering demo catalog"))
        facets, annotate = demo_facets(), _demo_annotations(folder)
    else:
        folder = Path(config.gallery).expanduser().resolve()
        if not folder.is_dir():
            raise UserFacingError(f"the gallery folder {folder} does not exist")
        facets, annotate = load_facets(), None
    root = library_root(config, encoder, folder)
    gallery = Gallery(root / "gallery.sqlite", encoder.name, encoder.dim)
    gallery.use_layout(FacetLayout.of(facets))
    index = open_index(config.index, root / "index", encoder.dim, encoder.name)
    if isinstance(index, ItemStore):
        index.use_layout(gallery.layout)  # type: ignore[arg-type]
    reconcile(gallery, index)  # repair a crash of a previous run before adding more
    report = ingest_folder(
        folder, gallery, index, encoder, facets=facets, batch_size=config.batch_size,
        max_pixels=config.max_image_pixels, prune=prune or config.gallery is None, annotate=annotate,
        thumbnails=Path(config.data_dir) / "thumbnails", thumbnail_size=config.thumbnail_size,
        progress=lambda f, m: say(0.5 + 0.5 * f, m),
    )
    say(1.0, f"{gallery.count()} images ready")
    return Library(encoder, index, gallery, facets, root, folder, report)


def _open_replica(config: RetrievalConfig, encoder: Encoder, say: ProgressFn) -> Library:
    """An app replica: everything it serves is in the shared Milvus collection the indexer filled."""
    if "collection=" not in config.index or not config.index.startswith(("http://", "https://", "milvus://")):
        raise UserFacingError("a serve-only replica needs a Milvus index that names its collection, e.g. "
                              "--index 'http://milvus:19530?index=HNSW&collection=photos'")
    facets = demo_facets() if config.gallery is None else load_facets()
    root = Path(config.data_dir) / "replica"
    index = open_index(config.index, root / "index", encoder.dim, encoder.name)
    if not isinstance(index, ItemStore):
        raise UserFacingError(f"the index {config.index!r} does not hold items; a replica needs Milvus")
    if index.layout is None:
        raise UserFacingError(f"the Milvus collection of {config.index!r} is empty or was not filled by "
                              f"`chatlens index`; index the gallery into it first")
    index.use_layout(FacetLayout.of(facets))
    say(1.0, f"{index.count()} images ready (shared Milvus collection)")
    return Library(encoder, index, None, facets, root, images=Path(config.gallery) if config.gallery else None)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    """``chatlens index PATH [--encoder NAME] [--index SPEC] [--prune] [--data-dir DIR]``."""
    ap = argparse.ArgumentParser(prog="chatlens index", description="Index a folder of images for ChatLens.")
    ap.add_argument("path", type=Path, help="folder of images (searched recursively)")
    ap.add_argument("--encoder", default=HUB_ENCODER, help=f"encoder name (default {HUB_ENCODER}, as `chatlens run --gallery`)")
    ap.add_argument("--index", default=None, help="faiss | faiss:hnsw | faiss:ivf | milvus:///abs/file.db | http://host:19530")
    ap.add_argument("--prune", action="store_true", help="remove items whose files have vanished")
    ap.add_argument("--data-dir", type=Path, default=None, help="where caches go (default: $CHATLENS_HOME)")
    ap.add_argument("--batch-size", type=int, default=None, help="images per encoding batch")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if not args.path.is_dir():
        print(f"error: {args.path} is not a folder", file=sys.stderr)
        return 2
    cfg = RetrievalConfig(gallery=args.path.resolve())
    for attr, value in (("encoder", args.encoder), ("index", args.index), ("data_dir", args.data_dir),
                        ("batch_size", args.batch_size)):
        if value is not None:
            setattr(cfg, attr, value)
    try:
        lib = open_library(cfg, prune=args.prune)
    except ChatLensError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(lib.report.summary() if lib.report else "nothing to do")
    print(f"{lib.gallery.count()} items in {lib.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
