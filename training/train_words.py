"""Extra training vocabulary for the demo encoder: more ways to say each attribute value.

The catalog's own training words are few (``schema.Value.words``). The text
tower is locked MiniLM, so the image tower learns to sit where the captions
of an item land; with many phrasings of each value it learns the region
around a meaning instead of one word's point, and unseen synonyms (the
held-out list, ``schema.Value.heldout``) fall nearer. None of these words is,
or contains, a held-out word (``tests/training/test_train_demo.py`` checks).
"""

from __future__ import annotations

import random
import re

EXTRA_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "colour": {
        "black": ("pitch black", "onyx", "raven black", "coal black"),
        "white": ("snow white", "pure white", "chalk white", "pearl white"),
        "grey": ("slate grey", "ash grey", "silver", "stone grey", "graphite"),
        "red": ("cherry red", "ruby", "vermilion", "fire-engine red", "tomato red"),
        "orange": ("pumpkin", "carrot orange", "bright orange", "papaya"),
        "yellow": ("canary yellow", "golden", "sunflower yellow", "butter yellow"),
        "green": ("kelly green", "grass green", "jade", "forest green", "leaf green"),
        "blue": ("sapphire", "azure", "ultramarine", "bright blue", "denim blue"),
        "purple": ("plum", "amethyst", "grape", "deep purple", "aubergine"),
        "pink": ("hot pink", "bubblegum pink", "blush", "salmon pink", "flamingo pink"),
        "brown": ("coffee brown", "cocoa", "mocha", "walnut", "dark brown"),
        "beige": ("khaki", "camel", "oatmeal", "ecru", "sandy beige"),
        "teal": ("petrol blue", "sea green", "peacock blue", "dark cyan", "cyan"),
    },
    "category": {
        "t-shirt": ("cotton t-shirt", "casual tshirt", "jersey t-shirt"),
        "shirt": ("oxford shirt", "collared shirt", "formal shirt"),
        "dress": ("cocktail dress", "evening dress", "shift dress"),
        "skirt": ("a-line skirt", "pleated skirt", "pencil skirt"),
        "trousers": ("chinos", "jeans", "joggers", "long trousers"),
        "shorts": ("board shorts", "cargo shorts", "summer shorts"),
        "jacket": ("sports jacket", "windbreaker", "suit jacket"),
        "hoodie": ("hooded jumper", "zip hoodie", "pullover hoodie"),
        "coat": ("long coat", "topcoat", "raincoat", "peacoat"),
        "bag": ("shoulder bag", "satchel", "shopper bag"),
        "hat": ("fedora", "bowler hat", "brimmed hat"),
    },
    "pattern": {
        "solid": ("single-colour", "plain-coloured", "block-colour"),
        "striped": ("stripy", "banded", "candy-striped"),
        "polka-dot": ("dotty", "spotty", "dot-print"),
        "checked": ("chequered", "checkerboard", "check-print"),
        "floral": ("flower-patterned", "blossom-print", "flowered"),
    },
    "sleeve": {
        "sleeveless": ("sleeve-free", "tank-style", "bare-armed"),
        "short": ("cap sleeves", "half sleeves", "short sleeve"),
        "long": ("full sleeves", "full-length sleeves", "long sleeve"),
    },
    "neckline": {
        "crew": ("round neckline", "rounded neck", "jewel neck"),
        "v-neck": ("v-neckline", "deep v neck", "plunging neckline"),
        "turtleneck": ("mock neck", "funnel neck", "high collar"),
    },
    "length": {
        "mini": ("above-the-knee", "thigh-length", "very short"),
        "midi": ("calf-length", "below-the-knee", "mid-calf"),
        "maxi": ("full-length", "floor-sweeping", "extra long"),
    },
    "motif": {
        "none": ("no graphic", "no design"),
        "star": ("star graphic", "star motif", "star design"),
        "heart": ("heart graphic", "heart motif", "heart design"),
        "moon": ("moon graphic", "moon motif", "half moon"),
    },
}
EXTRA_WORDS["accent"] = EXTRA_WORDS["colour"]


def _training_words(facet: str, value: str) -> tuple[str, ...]:
    from retrieval.catalog.schema import FACETS

    return FACETS[facet].value(value).words


def vary(text: str, stated: dict[str, str], rng: random.Random, p: float = 0.5) -> str:
    """Swap each stated value's catalog word in ``text`` for an extra synonym with probability ``p``."""
    for facet, value in stated.items():
        extra = EXTRA_WORDS.get(facet, {}).get(value)
        if not extra or rng.random() >= p:
            continue
        words = sorted(_training_words(facet, value), key=len, reverse=True)
        pattern = r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])"
        text = re.sub(pattern, rng.choice(extra), text, count=1)
    return text
