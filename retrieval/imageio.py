"""Safe decoding of untrusted image files and uploads into plain RGB.

Everything a folder or a chat upload can hold is either normalised (animated:
first frame; CMYK, 16-bit, palette, greyscale: converted; alpha: composited on
white; EXIF rotation applied) or refused with a ``BadImageError`` whose
message is safe to show the user (corrupt, truncated, empty, too large,
decompression bomb, SVG/PDF/text). Nothing here raises anything else.

Every image is bounded from its header before a pixel is decoded: more than
``max_pixels``, a side longer than ``MAX_SIDE`` or a strip thinner than
``MAX_ASPECT``:1 is refused (a 300000x1 PNG is under 1 KB, yet an encoder
that scales its short side up to 224 would need gigabytes). What is accepted
is decoded at reduced size where the format allows (JPEG DCT scaling via
``Image.draft``, then ``Image.reduce``) and handed on no larger than
``DECODE_MAX_SIDE`` on its longest side, so later resizes stay small.
"""

from __future__ import annotations

import io
import math
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
MAX_SIDE = 12_000  # longest side accepted, in pixels (from the header)
MAX_ASPECT = 20  # longest side / shortest side accepted: thinner strips are refused, not padded
DECODE_MAX_SIDE = 1024  # images are handed on no larger than this (encoders use 224-384, thumbnails 192)
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
            raise BadImageError(f"{label} is too large ({size / 2**20:.1f} MB; the limit is {max_bytes / 2**20:g} MB)")
        data = Path(source).read_bytes() if isinstance(source, (str, Path)) else bytes(source)
    except OSError as exc:
        raise BadImageError(f"{label} cannot be read ({exc.strerror or exc})") from exc
    if not data:
        raise BadImageError(f"{label} is empty")
    return decode_bytes(data, max_pixels, label)


def check_shape(width: int, height: int, max_pixels: int = DEFAULT_MAX_PIXELS, label: str = "the upload") -> None:
    """Refuse, from the header alone, sizes that would cost far more memory or time than a photo should."""
    if width <= 0 or height <= 0 or width * height > max_pixels:
        raise BadImageError(f"{label} is too large ({width}x{height} pixels; the limit is {max_pixels:,})")
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise BadImageError(f"{label} is a very thin strip ({width}x{height} pixels); please send an image at most "
                            f"{MAX_ASPECT} times wider than tall (or taller than wide)")
    if max(width, height) > MAX_SIDE:
        raise BadImageError(f"{label} is too large ({width}x{height} pixels; the longest side may be {MAX_SIDE:,})")


def _reduced(im: Image.Image, side: int) -> Image.Image:
    """``im`` no larger than ``side`` on its longest side (integer ``reduce`` first: cheap, then a resize)."""
    factor = max(im.size) // side
    if factor >= 2:
        try:
            im = im.reduce(factor)
        except ValueError:  # a mode reduce() does not support: the resize below still bounds it
            pass
    if max(im.size) > side:
        im = im.copy()
        im.thumbnail((side, side), Image.Resampling.LANCZOS)
    return im


def decode_bytes(data: bytes, max_pixels: int = DEFAULT_MAX_PIXELS, label: str = "the upload",
                 max_side: int = DECODE_MAX_SIDE) -> Image.Image:
    """Decode bytes; size, side and aspect ratio are checked from the header, before any pixel is decoded.

    The result is at most ``max_side`` pixels on its longest side (aspect kept).
    """
    try:
        with Image.open(io.BytesIO(data)) as im:
            w, h = im.size
            check_shape(w, h, max_pixels, label)
            fmt, notes = im.format or "", []
            if getattr(im, "is_animated", False):
                im.seek(0)
                notes.append("animated: first frame used")
            if fmt == "JPEG":
                scale = min(1.0, max_side / max(w, h))  # DCT scaling: decodes at 1/2, 1/4 or 1/8 size
                im.draft(im.mode, (max(1, math.ceil(w * scale)), max(1, math.ceil(h * scale))))
            im.load()
            orientation = im.getexif().get(0x0112, 1)
            if im.mode in NOTABLE_MODES or "transparency" in im.info:
                notes.append(NOTABLE_MODES.get(im.mode, "transparency composited on white"))
            small = _reduced(im, max_side)  # rotated after reducing: exif_transpose copies the whole image
            if orientation not in (None, 1):
                if small is not im:
                    small.info["exif"] = im.getexif().tobytes()  # reduce()/thumbnail() drop it
                ImageOps.exif_transpose(small, in_place=True)
                notes.append("EXIF rotation applied")
            out = _to_rgb(small)
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
