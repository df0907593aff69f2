"""Catalog items: seeded attributes, captions, and the image, by (seed, index).

Seeds name disjoint splits, so the encoder never trains on a gallery item:
``GALLERY_SEED`` builds the default gallery, ``TRAIN_SEED`` the training set,
``HELDOUT_SEED`` evaluation galleries and ``EXAMPLE_SEED`` the sample
reference photos shipped in ``assets/``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from .captions import canonical_caption, phrasings
from .render import render
from .schema import COLOUR_RGB, EXCLUDED_VALUES, FACETS, applicable_facets, requirements_met

GALLERY_SEED = 0
TRAIN_SEED = 1
HELDOUT_SEED = 2
EXAMPLE_SEED = 3

_PATTERN_P = {"solid": 0.4, "striped": 0.15, "polka-dot": 0.15, "checked": 0.15, "floral": 0.15}
_MOTIF_P = {"none": 0.4, "star": 0.2, "heart": 0.2, "moon": 0.2}


def _contrast_ok(a: str, b: str) -> bool:
    pa, pb = np.array(COLOUR_RGB[a], float), np.array(COLOUR_RGB[b], float)
    return float(np.linalg.norm(pa - pb)) > 120.0


def sample_attributes(rng: np.random.Generator) -> dict[str, str]:
    """Attributes of one item; facets that do not apply to its category are absent."""
    cat = str(rng.choice(FACETS["category"].value_names))
    attrs = {"category": cat, "colour": str(rng.choice(FACETS["colour"].value_names))}
    for f in applicable_facets(cat):
        if f == "colour" or not requirements_met(f, attrs):
            continue
        if f == "pattern":
            attrs[f] = str(rng.choice(list(_PATTERN_P), p=list(_PATTERN_P.values())))
        elif f == "motif":
            attrs[f] = str(rng.choice(list(_MOTIF_P), p=list(_MOTIF_P.values()))) if attrs["pattern"] == "solid" else "none"
        else:
            allowed = [v for v in FACETS[f].value_names if v not in EXCLUDED_VALUES.get((cat, f), ())]
            attrs[f] = str(rng.choice(allowed))
    if attrs.get("pattern", "solid") != "solid" or attrs.get("motif", "none") != "none":
        options = [c for c in FACETS["colour"].value_names if _contrast_ok(c, attrs["colour"])]
        attrs["accent"] = str(rng.choice(options))
    return attrs


@dataclass
class CatalogItem:
    id: str
    attributes: dict[str, str]
    captions: list[str] = field(default_factory=list)  # canonical first, then phrasings
    seed: int = 0
    index: int = 0

    def image(self) -> Image.Image:
        return render(self.attributes, _image_rng(self.seed, self.index))


def _image_rng(seed: int, index: int) -> np.random.Generator:
    return np.random.default_rng([seed, index, 1])


def item_id(seed: int, index: int) -> str:
    return f"s{seed}-{index:06d}"


def make_item(seed: int, index: int, n_captions: int = 4) -> CatalogItem:
    rng = np.random.default_rng([seed, index, 0])
    attrs = sample_attributes(rng)
    caps = [canonical_caption(attrs), *phrasings(attrs, random.Random(f"{seed}-{index}"), n=n_captions)]
    return CatalogItem(item_id(seed, index), attrs, caps, seed, index)
