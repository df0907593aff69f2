"""Natural-language descriptions of catalog items, in many phrasings.

``describe`` builds one phrase from any subset of an item's attributes, with
words drawn from the training vocabulary or from the held-out one; the
encoder trains on the former and is measured on the latter.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from .schema import FACETS

_PATTERN_NOUN = {"striped": "stripes", "polka-dot": "polka dots", "checked": "checks", "floral": "flowers"}
_POST_ENDINGS = (" sleeves", " print", " dots", " stripes", " motif", " arms", " neck")


def _is_post(word: str) -> bool:
    return word.startswith(("with ", "no ")) or word.endswith(_POST_ENDINGS)


def _as_post(word: str) -> str:
    return word if word.startswith("with ") else f"with {word}"


def word_for(facet: str, value: str, rng: random.Random, heldout: bool = False) -> str:
    v = FACETS[facet].value(value)
    pool = v.heldout if heldout and v.heldout else v.words
    return rng.choice(pool)


def canonical_caption(attrs: dict[str, str]) -> str:
    """One fixed, complete description: what a query with every attribute looks like."""
    return describe(attrs, attrs.keys(), random.Random(0), canonical=True)


def describe(
    attrs: dict[str, str],
    facets: Iterable[str],
    rng: random.Random,
    heldout: bool = False,
    canonical: bool = False,
) -> str:
    """A phrase naming the given facets of an item (others are left out).

    With ``heldout`` every word that has a held-out synonym uses it; with
    ``canonical`` the first (canonical) word of each value is used and the
    order is fixed.
    """
    facets = [f for f in facets if f in attrs]

    def pick(f: str) -> str:
        if canonical:
            return FACETS[f].value(attrs[f]).words[0]
        return word_for(f, attrs[f], rng, heldout)

    pre: list[str] = []
    post: list[str] = []
    pattern = attrs.get("pattern")
    accent_named = "accent" in facets and "accent" in attrs
    scale = pick("scale") if "scale" in facets else None
    for f in ("length", "fit", "colour", "pattern", "neckline", "sleeve", "motif", "closure", "brim", "strap"):
        if f not in facets:
            continue
        if f == "motif" and attrs[f] == "none" and not canonical and rng.random() < 0.5:
            continue  # "no print" is often left unsaid
        word = pick(f)
        if f == "pattern" and (accent_named or scale) and pattern in _PATTERN_NOUN:
            accent = pick("accent") if accent_named else None
            if canonical or heldout or scale or _is_post(word) or rng.random() < 0.6:
                post.append(" ".join(["with", *(w for w in (scale, accent) if w), _PATTERN_NOUN[pattern]]))
            else:
                pre.append(f"{accent} {word}")
            continue
        if f == "motif" and accent_named and attrs[f] != "none":
            post.append(f"with a {pick('accent')} {word}")
            continue
        (post if _is_post(word) else pre).append(_as_post(word) if _is_post(word) else word)
    if scale and "pattern" not in facets:
        post.append(f"with a {scale} pattern")
    setting = f" on a {pick('background')}" if "background" in facets else ""
    noun = pick("category") if "category" in facets else ("item" if canonical else rng.choice(["item", "piece", "one", "thing"]))
    if not canonical and "colour" in facets and pre and rng.random() < 0.25:
        # "a striped t-shirt in red": the colour moves after the noun
        colour = next((w for w in pre if attrs["colour"] in _colour_values(w)), None)
        if colour:
            pre.remove(colour)
            post.insert(0, f"in {colour}")
    if not canonical:
        rng.shuffle(post)
    phrase = " ".join([*pre, noun])
    if post:
        phrase += " " + (" and ".join(post) if len(post) <= 2 else ", ".join(post[:-1]) + " and " + post[-1])
    phrase += setting
    if canonical:
        return with_article(phrase, noun)
    lead = rng.choice(["", "", "", "looking for ", "I want ", "show me "])
    return lead + (with_article(phrase, noun) if rng.random() < 0.7 else phrase)


_PLURAL_NOUNS = ("trousers", "shorts", "slacks", "pants", "bermudas", "jeans")


def with_article(phrase: str, noun: str) -> str:
    """"a red dress", "an orange hat", "blue trousers" (plural garments take none)."""
    if noun.endswith(_PLURAL_NOUNS):
        return phrase
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _colour_values(word: str) -> set[str]:
    return {v.name for v in FACETS["colour"].values if word in v.words or word in v.heldout}


def phrasings(attrs: dict[str, str], rng: random.Random, n: int = 4, heldout: bool = False) -> list[str]:
    """``n`` full descriptions of an item: every attribute, varied words and order."""
    return [describe(attrs, attrs.keys(), rng, heldout=heldout) for _ in range(n)]
