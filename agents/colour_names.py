"""What people call a colour, learnt from matplotlib's colour names (the XKCD survey and CSS), not from a list.

Three readings, each derived from the names themselves:

- **nearest survey names** (``ColourNames.nearest``): the names whose head word is a basic colour word
  ("dusty rose" is not one, "slate grey" is: grey) are labelled examples of that colour. An RGB takes the
  vote of the ``K`` nearest examples in CIELAB (ΔE*ab, sRGB converted by Pillow's ImageCms), each weighted
  by 1/(1 + ΔE) and by the inverse of how many examples its colour has (the survey heads 171 names with
  green and 5 with beige: unweighted, the palette's rare colours are outvoted at their borders, "tan"
  goes to brown). It answers only when the nearest example is no farther than ``NEIGHBOUR_PERCENTILE`` %
  of the examples are from their own nearest other example (ΔE 9.7 with matplotlib's names); farther than
  that no name is a neighbour and the caller falls back to the hue/saturation/value rules. Leave-one-out
  over the 599 labelled survey names, with colours without a hue left to the HSV rules
  (``Lexicon.colour_of``; no hue: CIELAB chroma under 8), this gives the name's own head colour 0.818 of the time (0.83 averaged over
  colours), the HSV rules alone 0.77 (docs/language.md).
- **survey modifiers** (``ColourNames.modifier``): a word that the survey puts in front of at least
  ``MODIFIER_MIN`` different colour names ("pale", "deep", "dusty", "electric") and is no basic colour word
  itself shades a colour without changing its family, so "pale <colour>" is read as "<colour>".
- **clipped names** (``ColourNames.clipped``): a phrase of two or more words that begins survey names
  which all end in the same basic colour word ("duck egg" of "duck egg blue").

The names themselves (``_named_colours``, minus ordinary words that happen to be colour names) and the
hue/saturation/value fallback (``classify_rgb``) live here too; ``agents.lexicon`` decides the order.
"""

from __future__ import annotations

import colorsys
from collections import Counter
from collections.abc import Callable, Mapping
from functools import cached_property, lru_cache

import numpy as np

from .text import normalise

RGB = tuple[float, float, float]

K = 5  # examples that vote
NEIGHBOUR_PERCENTILE = 90  # the bar: as far as 90% of the labelled names are from their nearest other one
MODIFIER_MIN = 3  # a word in front of this many different colour names shades colours in general


@lru_cache(maxsize=1)
def _srgb_to_lab():
    from PIL import ImageCms

    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB")


def to_lab(rgbs: list[RGB]) -> np.ndarray:
    """CIELAB (L* 0-100, a*, b*) of sRGB triples in 0-1, by Pillow's colour management (littleCMS)."""
    from PIL import Image, ImageCms

    if not rgbs:
        return np.zeros((0, 3))
    arr = (np.asarray(rgbs, dtype=float) * 255).round().clip(0, 255).astype(np.uint8).reshape(1, -1, 3)
    raw = np.asarray(ImageCms.applyTransform(Image.fromarray(arr, "RGB"), _srgb_to_lab())).reshape(-1, 3)
    out = np.empty(raw.shape)
    out[:, 0] = raw[:, 0] * (100 / 255)  # Pillow stores L* scaled to 0-255 and a*, b* as signed bytes
    out[:, 1:] = raw[:, 1:].view(np.int8)
    return out


class ColourNames:
    """Readings of colour names against one palette.

    ``names``: colour name -> RGB (matplotlib's, normalised); ``basic``: a single word -> the palette value
    it names ("grey", "gray" -> grey), or None.
    """

    def __init__(self, names: Mapping[str, RGB], basic: Callable[[str], str | None], bar: float | None = None):
        self.names = names
        self.basic = basic
        self._bar = bar  # ΔE*ab; None: from the examples themselves (``NEIGHBOUR_PERCENTILE``)

    @cached_property
    def _examples(self) -> tuple[np.ndarray, list[str], list[str]]:
        rows = [(n, rgb, v) for n, rgb in self.names.items() if (v := self.basic(n.split()[-1]))]
        return to_lab([rgb for _, rgb, _ in rows]), [v for _, _, v in rows], [n for n, _, _ in rows]

    @cached_property
    def bar(self) -> float:
        """The farthest a labelled name may be to count as a neighbour (ΔE*ab)."""
        if self._bar is not None:
            return self._bar
        lab = self._examples[0]
        if len(lab) < 2:
            return 0.0
        d = np.linalg.norm(lab[:, None, :] - lab[None, :, :], axis=2)
        np.fill_diagonal(d, np.inf)
        return float(np.percentile(d.min(axis=1), NEIGHBOUR_PERCENTILE))

    def nearest(self, rgb: RGB, exclude: str = "") -> tuple[str, float, str] | None:
        """(value, ΔE, survey name): the vote of the ``K`` nearest labelled names, and the nearest one, when
        that is within ``bar`` (never ``exclude``)."""
        lab, values, names = self._examples
        if not values:
            return None
        d = np.linalg.norm(lab - to_lab([rgb])[0], axis=1)
        if exclude:
            d = np.where(np.asarray(names) == exclude, np.inf, d)
        near = np.argsort(d)[:K]
        j = int(near[0])
        if d[j] > self.bar:
            return None
        counts = Counter(values)
        votes: Counter[str] = Counter()
        for i in near:
            if np.isfinite(d[i]):
                votes[values[i]] += 1 / (counts[values[i]] * (1 + d[i]))
        return votes.most_common(1)[0][0], float(d[j]), names[j]

    def borders(self, rgb: RGB, value: str) -> bool:
        """Whether a labelled name of ``value`` is among the ``K`` nearest to ``rgb`` within ``bar``: the RGB
        lies where that colour is one of the survey's answers."""
        lab, values, _ = self._examples
        if not values:
            return False
        d = np.linalg.norm(lab - to_lab([rgb])[0], axis=1)
        return any(values[i] == value and d[i] <= self.bar for i in np.argsort(d)[:K])

    @cached_property
    def modifiers(self) -> frozenset[str]:
        """Words the survey puts in front of at least ``MODIFIER_MIN`` different colour names."""
        heads: dict[str, set[str]] = {}
        for n in self.names:
            first, _, rest = n.partition(" ")
            if rest and rest in self.names:
                heads.setdefault(first, set()).add(rest)
        # A basic colour word in front ("red rose") names a mixture, not a shade: it is no modifier.
        return frozenset(w for w, rests in heads.items() if len(rests) >= MODIFIER_MIN and not self.basic(w))

    def modifier(self, phrase: str) -> tuple[str, str] | None:
        """("pale", "sage") for "pale sage": a survey modifier and the rest of the phrase."""
        first, _, rest = phrase.partition(" ")
        return (first, rest) if rest and first in self.modifiers else None

    @cached_property
    def _clipped(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for n in self.names:
            words = n.split()
            value = self.basic(words[-1]) if len(words) >= 3 else None
            if value:
                out.setdefault(" ".join(words[:-1]), set()).add(value)
        return out

    def clipped(self, phrase: str) -> str | None:
        """The value of survey names "<phrase> <basic colour word>" when all agree ("duck egg" -> blue)."""
        values = self._clipped.get(phrase) if " " in phrase else None
        return next(iter(values)) if values and len(values) == 1 else None


# Ordinary words that are also XKCD colour names; as single words they are not colours in a chat.
_NOT_COLOURS = {
    "ice", "sky", "sea", "ocean", "forest", "grass", "night", "sun", "dust", "dirt", "mud", "poop", "puke",
    "vomit", "water", "leaf", "shit", "bland", "ugly", "light", "dark", "pale", "deep", "bright", "dull",
    "medium", "ink", "steel", "stone", "wine", "tea", "toast", "key", "blush", "heather", "cement", "sandy",
    "rose", "cream", "camel", "nude", "sand", "straw", "wheat", "butter", "bone", "denim", "cloudy", "purply",
}


@lru_cache(maxsize=1)
def _named_colours() -> dict[str, tuple[float, float, float]]:
    from matplotlib import colors as mcolors

    out: dict[str, tuple[float, float, float]] = {}
    for name, hexv in mcolors.CSS4_COLORS.items():
        out[normalise(name)] = mcolors.to_rgb(hexv)
    for name, hexv in mcolors.XKCD_COLORS.items():  # survey names win: what people call the colour
        out[normalise(name.removeprefix("xkcd:"))] = mcolors.to_rgb(hexv)
    for word in _NOT_COLOURS:
        out.pop(word, None)
    return out


_DARK, _NEUTRAL = 0.16, 0.22  # HSV value below which a colour is black, saturation below which it has no hue
# CIELAB chroma C*ab below which a colour has no hue for the survey vote. HSV saturation is relative to the
# brightest channel, so pale pastels ("ballet slipper", C* 12) measured as hueless and went to white; chroma
# measures colourfulness as seen. 8 was chosen on the development lists' colour words (6 to 10 read the same);
# leave-one-out over the survey's labelled names it reads 0.818 right against 0.805 with the HSV test.
_CHROMA = 8.0


def achromatic(rgb: tuple[float, float, float]) -> bool:
    """Black, white, grey or a near-neutral: too dark (HSV value) or too little chroma (CIELAB) to have a hue."""
    if colorsys.rgb_to_hsv(*rgb)[2] < _DARK:
        return True
    _, a, b = to_lab([rgb])[0]
    return float(np.hypot(a, b)) < _CHROMA


def classify_rgb(rgb: tuple[float, float, float], values: tuple[str, ...]) -> str | None:
    """The basic colour (among ``values``) a person would call this RGB, by hue/saturation/value."""
    h, s, v = colorsys.rgb_to_hsv(*rgb)
    hue = h * 360

    def first(*names: str) -> str | None:
        return next((n for n in names if n in values), None)

    if v < _DARK:
        return first("black")
    if s < _NEUTRAL:
        if 20 <= hue <= 50 and s >= 0.15 and v > 0.6:
            return first("beige", "white")
        if v > 0.85:
            return first("white", "grey")
        return first("black", "grey") if v < 0.2 else first("grey")
    if 20 <= hue <= 60 and s <= 0.5 and v > 0.6:
        return first("beige", "brown")
    if 10 <= hue < 45 and v < 0.55:
        return first("brown", "orange")
    if hue < 15 or hue >= 330:
        return first("pink", "red") if s < 0.6 and v > 0.7 else first("red")
    if hue < 42:
        return first("orange")
    if hue < 66:
        return first("yellow")
    if hue < 160:
        return first("green")
    if hue < 195:
        return first("teal", "blue", "green")
    if hue < 255:
        return first("blue")
    if hue < 285:
        return first("purple")
    return first("pink", "purple") if v > 0.55 else first("purple")
