"""Thumbnails cached on disk for the UI, keyed by content hash and size (so duplicates share one)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from .atomic import atomic_write_bytes


def thumbnail_path(folder: Path, sha256: str, size: int) -> Path:
    return Path(folder) / sha256[:2] / f"{sha256}-{size}.jpg"


def make_thumbnail(image: Image.Image, folder: Path, sha256: str, size: int = 192) -> str:
    """Write (once, atomically) a JPEG whose longest side is ``size``; returns its path."""
    path = thumbnail_path(folder, sha256, size)
    if path.exists():
        return str(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    thumb = image.convert("RGB")
    thumb.thumbnail((size, size), Image.BICUBIC)
    buf = io.BytesIO()
    thumb.save(buf, format="JPEG", quality=85)
    atomic_write_bytes(path, buf.getvalue(), durable=False)  # no fsync: a lost thumbnail is rebuilt, never half-read
    return str(path)
