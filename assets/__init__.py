"""Runtime data shipped with ChatLens: the demo encoder's config and weights, example photos, photo facets.

A package so that the files travel as package data in a wheel and are found
with ``importlib.resources`` wherever ChatLens is installed, not through a
path relative to the source tree. ``path`` gives a real filesystem path,
which open_clip, safetensors and Gradio's file server need; a pip-installed
wheel is always unpacked, so the traversable is already one.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def path(*parts: str) -> Path:
    """The filesystem path of a shipped file or folder, e.g. ``path("facets", "photos.yaml")``."""
    return Path(str(resources.files(__name__).joinpath(*parts)))
