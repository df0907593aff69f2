"""Safe decoding of untrusted image files and uploads into plain RGB.

Everything a folder or a chat upload can hold is either normalised (animated:
first frame; CMYK, 16-bit, palette, greyscale: converted; alpha: composited on
white; EXIF rotation applied) or refused with a ``BadImageError`` whose
message is safe to show the user (corrupt, truncated, empty, too large,
decompression bomb, SVG/PDF/text). Nothing here raises anything else.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import BadImageError

DEFAULT_MAX_PIXELS = 40_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024  # larger files are refused before reading
NOTABLE_MODES = {  # modes worth reporting when normalised (palette and greyscale are routine)
    "CMYK": "CMYK converted to RGB",
    "I;16": "16-bit scaled to 8-bit", "I;16B": "16-bit scaled to 8-bit", "I;16L": "16-bit scaled to 8-bit",
    "I;16N": "16-bit scaled to 8-bit", "I": "32-bit scaled to 8-bit", "F": "float scaled to 8-bit",
    "RGBA": "transparency composited on white", "LA": "transparency composited on white",
    "PA": "transparency composited on white",
}
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"})


def _sniff(data: bytes) -> str | None:
    """A friendly name for common non-image payloads."""
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "a PDF document"
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "an SVG drawing (vector images are not supported; export it as PNG)"
    if head.startswith((b"<!doctype html", b"<html")):
        return "an HTML page"
    try:
        data[:512].decode("utf-8")
        return "a text file"
    except UnicodeDecodeError:
        return None


def _to_rgb(im: Image.Image) -> Image.Image:
    """Normalise any mode to 8-bit RGB; transparency is composited on white."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        scale = 255.0 / (hi - lo) if hi > lo else 0.0
        im = Image.fromarray(((arr - lo) * scale).astype(np.uint8), "L")
    if im.mode == "P" or im.mode == "PA":
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "La", "RGBa"):
        im = im.convert("RGBA")
        bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
        return Image.alpha_composite(bg, im).convert("RGB")
    return im.convert("RGB") if im.mode != "RGB" else im


def load_image(source: str | Path | bytes, max_pixels: int = DEFAULT_MAX_PIXELS,
               max_bytes: int = MAX_FILE_BYTES) -> Image.Image:
    """Decode ``source`` (a path or the file's bytes) into a fully loaded RGB image.

    Files over ``max_bytes`` are refused before they are read. Raises
    ``BadImageError`` with a user-safe message for anything unusable.
    """
    label = Path(source).name if isinstance(source, (str, Path)) else "the upload"
    try:
        size = Path(source).stat().st_size if isinstance(source, (str, Path)) else len(source)
        if size > max_bytes:
            raise BadImageError(f"{label} is too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:g} MB)")
        data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    except OSError as exc:
        raise BadImageError(f"{label} cannot be read ({exc.strerror or exc})") from exc
    if not data:
        raise BadImageError(f"{label} is empty")
    return decode_bytes(data, max_pixels, label)


def decode_bytes(data: bytes, max_pixels: int = DEFAULT_MAX_PIXELS, label: str = "the upload") -> Image.Image:
    """Decode bytes; the pixel limit is checked from the header, before any pixel is decoded."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            w, h = im.size
            if w * h > max_pixels or w <= 0 or h <= 0:
                raise BadImageError(f"{label} is too large ({w}x{h} pixels; the limit is {max_pixels:,})")
            fmt, notes = im.format or "", []
            if getattr(im, "is_animated", False):
                im.seek(0)
                notes.append("animated: first frame used")
            im.load()
            orientation = im.getexif().get(0x0112, 1)
            im = ImageOps.exif_transpose(im) or im
            if orientation not in (None, 1):
                notes.append("EXIF rotation applied")
            if im.mode in NOTABLE_MODES or "transparency" in im.info:
                notes.append(NOTABLE_MODES.get(im.mode, "transparency composited on white"))
            out = _to_rgb(im)
            out.load()
            out = out.copy() if out is im else out
            out.format = fmt  # the file's format ("PNG", "JPEG"...), kept for the gallery's metadata
            out.info = {"normalised": "; ".join(notes)} if notes else {}  # what was changed, for ingestion summaries
            return out
    except BadImageError:
        raise
    except Image.DecompressionBombError as exc:
        raise BadImageError(f"{label} is too large to decode safely (decompression bomb guard)") from exc
    except UnidentifiedImageError as exc:
        kind = _sniff(data)
        raise BadImageError(f"{label} is not an image" + (f": it looks like {kind}" if kind else "")) from exc
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError, IndexError, TypeError) as exc:
        raise BadImageError(f"{label} is damaged or truncated and cannot be decoded") from exc
