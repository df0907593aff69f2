"""A user's upload as an image, or a message that says which file could not be read.

Uploads come from a browser, an HTTP client or an MCP agent as a PIL image, a path or bytes; anything can be in
them. The loader (``retrieval.imageio.load_image``) bounds pixels and bytes; here every failure becomes a
``BadImageError`` naming the file, never another error's text, so the session can say so and go on.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image

from retrieval.imageio import load_image

from .errors import BadImageError
from .turns import Upload

log = logging.getLogger("chatlens.session")


def decode(image: Upload, max_pixels: int, max_bytes: int) -> Image.Image:
    """An upload as an RGB image, or a ``BadImageError`` that names the file (never another error's text)."""
    if isinstance(image, Image.Image):
        return image.convert("RGB") if image.mode != "RGB" else image
    if not isinstance(image, (str, Path, bytes)):
        raise BadImageError("That upload is not an image I can read.")
    name = Path(image).name if isinstance(image, (str, Path)) else "the upload"
    try:
        return load_image(image, max_pixels=max_pixels, max_bytes=max_bytes)
    except BadImageError as e:
        if name in str(e):
            raise
        raise BadImageError(f"{name!r}: {e}") from e
    except Exception as e:  # the loader promises BadImageError only; never show another error's details
        log.warning("upload %s failed to decode: %s", name, type(e).__name__)
        raise BadImageError(f"{name!r} is not an image I can read (try a JPEG or PNG).") from e
