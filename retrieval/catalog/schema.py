"""The demo catalog's attribute schema: every facet, every value, and the words for them.

One table drives the renderer, the captions the encoder trains on, the facets
the questioner asks about and the offline reformulator's lexicon, so the four
can never disagree about what "checked" means.

Words come in two lists per value. ``words`` are used in training captions
(the first one is canonical). ``heldout`` words never appear in training
captions: they measure whether the encoder understands language it was not
taught (README, "Demo encoder").
"""

from __future__ import annotations

from dataclasses import dataclass

# Bumped whenever the schema or the renderer changes what an item looks like: cached renders, galleries
# and indexes are kept per version, so an old cache is never served as the new catalog.
CATALOG_VERSION = 2

__all__ = [
    "CATALOG_VERSION",
    "Value",
    "Facet",
    "FACETS",
    "CATEGORY_FACETS",
    "COLOUR_RGB",
    "applicable_facets",
    "BACKGROUND_RGB",
    "requirements_met",
]


@dataclass(frozen=True)
class Value:
    name: str  # canonical value, e.g. "polka-dot"
    words: tuple[str, ...]  # phrasings used in training captions; words[0] is canonical
    heldout: tuple[str, ...] = ()  # phrasings never used in training


@dataclass(frozen=True)
class Facet:
    name: str  # e.g. "colour"
    label: str  # how a question names it, e.g. "colour"
    values: tuple[Value, ...]
    categories: tuple[str, ...] | None = None  # None: applies to every category
    # Values of other facets it needs, e.g. a pattern's scale only exists on a patterned item.
    requires: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def value_names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.values)

    def value(self, name: str) -> Value:
        for v in self.values:
            if v.name == name:
                return v
        raise KeyError(f"{self.name!r} has no value {name!r}; valid: {', '.join(self.value_names)}")


def _v(name: str, *words: str, heldout: tuple[str, ...] = ()) -> Value:
    return Value(name, words or (name,), heldout)


CATEGORY = Facet(
    "category",
    "type of item",
    (
        _v("t-shirt", "t-shirt", "t shirt", "tshirt", heldout=("tee",)),
        _v("shirt", "shirt", "button-up shirt", "blouse", heldout=("button-down",)),
        _v("dress", "dress", "sundress", heldout=("gown", "frock")),
        _v("skirt", "skirt", heldout=("kilt",)),
        _v("trousers", "trousers", "slacks", heldout=("pants",)),
        _v("shorts", "shorts", heldout=("bermudas",)),
        _v("jacket", "jacket", "blazer", heldout=("bomber",)),
        _v("hoodie", "hoodie", "hooded sweatshirt", heldout=("hooded top",)),
        _v("coat", "coat", "overcoat", heldout=("trench",)),
        _v("bag", "bag", "handbag", "tote bag", heldout=("purse",)),
        _v("hat", "hat", "cap", heldout=("beanie",)),
    ),
)

# Rendered RGB of each colour; chosen far apart so each is recognisable after lighting.
COLOUR_RGB: dict[str, tuple[int, int, int]] = {
    "black": (28, 28, 30),
    "white": (242, 242, 238),
    "grey": (135, 135, 135),
    "red": (205, 30, 38),
    "orange": (245, 135, 25),
    "yellow": (245, 215, 45),
    "green": (40, 150, 60),
    "blue": (40, 95, 210),
    "purple": (120, 50, 165),
    "pink": (245, 135, 185),
    "brown": (120, 72, 35),
    "beige": (215, 195, 150),
    "teal": (0, 140, 140),
}

COLOUR = Facet(
    "colour",
    "colour",
    (
        _v("black", "black", "jet black", heldout=("ebony",)),
        _v("white", "white", "off-white", heldout=("ivory",)),
        _v("grey", "grey", "gray", heldout=("charcoal",)),
        _v("red", "red", "scarlet", heldout=("crimson",)),
        _v("orange", "orange", heldout=("tangerine",)),
        _v("yellow", "yellow", "lemon yellow", heldout=("mustard",)),
        _v("green", "green", "bright green", heldout=("emerald",)),
        _v("blue", "blue", "royal blue", heldout=("navy", "cobalt")),
        _v("purple", "purple", "violet", heldout=("lavender",)),
        _v("pink", "pink", "rose pink", heldout=("fuchsia",)),
        _v("brown", "brown", "chocolate brown", heldout=("chestnut",)),
        _v("beige", "beige", "sand", heldout=("tan",)),
        _v("teal", "teal", "blue-green", heldout=("turquoise",)),
    ),
)

PATTERN = Facet(
    "pattern",
    "pattern",
    (
        _v("solid", "solid", "plain", heldout=("unpatterned",)),
        _v("striped", "striped", "stripes", "with stripes", heldout=("pinstriped",)),
        _v("polka-dot", "polka-dot", "polka dots", "dotted", "spotted", heldout=("polka-dotted",)),
        _v("checked", "checked", "checkered", "gingham", heldout=("plaid", "tartan")),
        _v("floral", "floral", "flowery", "flower print", heldout=("botanical",)),
    ),
)

SLEEVE = Facet(
    "sleeve",
    "sleeve length",
    (
        _v("sleeveless", "sleeveless", "no sleeves", heldout=("strapless", "without arms")),
        _v("short", "short sleeves", "short-sleeve", heldout=("short-sleeved", "with short arms")),
        _v("long", "long sleeves", "long-sleeve", heldout=("long-sleeved", "with long arms")),
    ),
    categories=("t-shirt", "shirt", "dress"),
)

NECKLINE = Facet(
    "neckline",
    "neckline",
    (
        _v("crew", "crew neck", "round neck", heldout=("crewneck",)),
        _v("v-neck", "v-neck", "v neck", heldout=("v-necked",)),
        _v("turtleneck", "turtleneck", "high neck", heldout=("polo neck", "roll neck")),
    ),
    categories=("t-shirt", "dress"),
)

LENGTH = Facet(
    "length",
    "length",
    (
        _v("mini", "mini", "mini-length", heldout=("micro",)),
        _v("midi", "midi", "knee-length", heldout=("mid-length",)),
        _v("maxi", "maxi", "floor-length", heldout=("ankle-length",)),
    ),
    categories=("dress", "skirt"),
)

MOTIF = Facet(
    "motif",
    "print motif",
    (
        _v("none", "no print", "no motif", heldout=("unprinted",)),
        _v("star", "star print", "star", heldout=("starry",)),
        _v("heart", "heart print", "heart", heldout=("love-heart",)),
        _v("moon", "moon print", "crescent moon", heldout=("lunar",)),
    ),
    categories=("t-shirt", "hoodie", "bag"),
)

# Size of the pattern's repeat: only a patterned item has one.
SCALE = Facet(
    "scale",
    "pattern size",
    (
        _v("small", "small", "small-scale"),  # not "fine": "any colour is fine" names no pattern size
        _v("large", "large", "big", "large-scale"),
    ),
    requires=(("pattern", ("striped", "polka-dot", "checked", "floral")),),
)

# Rendered RGB of each background: pale, so a garment's own colour is never mistaken for it.
BACKGROUND_RGB: dict[str, tuple[int, int, int]] = {
    "white": (243, 243, 240),
    "grey": (188, 188, 190),
    "pink": (248, 200, 218),
    "blue": (196, 216, 248),
    "green": (200, 232, 196),
    "yellow": (248, 234, 170),
}

BACKGROUND = Facet(
    "background",
    "background",
    tuple(_v(c, f"{c} background", f"{c} backdrop") for c in BACKGROUND_RGB),
)

CLOSURE = Facet(
    "closure",
    "fastening",
    (
        _v("buttons", "with buttons", "buttoned"),
        _v("zip", "with a zip", "zip-up", "zipped"),
    ),
    categories=("jacket", "coat"),
)

FIT = Facet(
    "fit",
    "leg shape",
    (
        _v("slim", "slim", "slim-fit", "skinny"),
        _v("wide-leg", "wide-leg", "wide-legged", "loose-fit"),
    ),
    categories=("trousers",),
)

BRIM = Facet(
    "brim",
    "brim",
    (
        _v("wide-brim", "wide-brimmed", "with a wide brim"),
        _v("narrow-brim", "narrow-brimmed", "with a narrow brim"),
    ),
    categories=("hat",),
)

STRAP = Facet(
    "strap",
    "handle",
    (
        _v("handles", "with a top handle", "top-handle"),
        _v("shoulder-strap", "with a shoulder strap", "with a long strap"),
    ),
    categories=("bag",),
)

# Second colour of a pattern or motif: present only when the item has one.
ACCENT = Facet(
    "accent",
    "second colour",
    tuple(Value(v.name, v.words, v.heldout) for v in COLOUR.values),
)

FACETS: dict[str, Facet] = {
    f.name: f
    for f in (CATEGORY, COLOUR, PATTERN, SCALE, SLEEVE, NECKLINE, LENGTH, MOTIF, CLOSURE, FIT, BRIM, STRAP,
              BACKGROUND, ACCENT)
}

CATEGORY_FACETS: dict[str, tuple[str, ...]] = {
    c: tuple(
        f.name
        for f in FACETS.values()
        if f.name not in ("category", "accent") and (f.categories is None or c in f.categories)
    )
    for c in CATEGORY.value_names
}

# Values a category may not take even where the facet applies (a t-shirt is never sleeveless).
EXCLUDED_VALUES: dict[tuple[str, str], frozenset[str]] = {
    ("t-shirt", "sleeve"): frozenset({"sleeveless"}),
    ("shirt", "sleeve"): frozenset({"sleeveless"}),
}


def applicable_facets(category: str) -> tuple[str, ...]:
    """Facets (besides category and accent) an item of this category may have; those with
    ``requires`` only where the item's other values meet them (``requirements_met``)."""
    return CATEGORY_FACETS[category]


def requirements_met(facet: str, attrs: dict[str, str]) -> bool:
    """Whether an item with ``attrs`` has this facet as far as other facets decide (scale needs a pattern)."""
    return all(attrs.get(other) in allowed for other, allowed in FACETS[facet].requires)
