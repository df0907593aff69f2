"""Colours named after things (foods, gems, woods, flowers, animals, places), from an installed resource.

The resource is the PyPI package ``colourmapper-dev`` (MIT): about 30,700 colour names with their RGB,
merged from several curated lists (the XKCD survey, Crayola, Name-that-Color, the community
color-name-list). It is read at run time from the installed package with ``importlib.resources``, once and
lazily, the way ``agents.colour_names`` reads matplotlib's names; nothing of it is copied into the project.
An RGB becomes one of the palette's colours by the same CIELAB survey vote as matplotlib's names
(``Lexicon.rgb_colour``).

So many names are also ordinary words ("abbey", "garden", "cotton") that a name from here is read only
where a colour is expected (``agents.colour_context``) and never over a reading another source gives.
Without the package the source is empty and the engine reads colours as before.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .text import normalise

PACKAGE, DATA = "colourmapper", "named_colours_map.json"
MAX_WORDS = 3  # longer names are titles ("20000 leagues under the sea"), not how people say a colour

RGB = tuple[float, float, float]


def _rgb(hexv: str) -> RGB | None:
    h = hexv.strip().lstrip("#")
    if len(h) != 6:
        return None
    try:
        return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    except ValueError:
        return None


@lru_cache(maxsize=1)
def thing_colours() -> dict[str, RGB]:
    """Normalised colour name -> RGB (0-1); the first spelling of a name wins. Empty without the package."""
    try:
        text = resources.files(PACKAGE).joinpath(DATA).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    out: dict[str, RGB] = {}
    seen: set[str] = set()
    for name, hexv in json.loads(text).items():
        low = name.lower()  # the file lists most names twice, as written and in lower case
        if low in seen:
            continue
        seen.add(low)
        words = normalise(low).split()
        key = " ".join(words)
        if key and key not in out and len(words) <= MAX_WORDS and key.replace(" ", "").isalpha():
            rgb = _rgb(hexv)
            if rgb is not None:
                out[key] = rgb
    return out


def version() -> str:
    """The installed resource's name and version, for provenance ("colourmapper-dev 0.0.7")."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return f"colourmapper-dev {dist_version('colourmapper-dev')}"
    except PackageNotFoundError:
        return "colourmapper-dev (not installed)"
