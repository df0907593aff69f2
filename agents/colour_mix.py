"""“Something between blue and green”: a colour said as the mix of two colours is the colour between them.

Read word by word, "between blue and green" wanted blue and green (either), and "between" stayed in the query
as a wish; people mean the colour halfway, which the catalog may name (teal). The two colours' RGBs (matplotlib's
names: CSS4 and the XKCD survey, as ``agents.colour_names``) are averaged and read like any named RGB
(``ColourLexicon.rgb_colour``: the survey vote, then the hue rules). Both sides must be colour names, so "between
work and dinner" reads nothing. A guess (source "mix", 0.5): the halfway colour is one reading of such words,
and the two colours said stay beside it as the words of the mention.
"""

from __future__ import annotations

import re

from .colour_names import _named_colours
from .lexicon import Lexicon
from .parsed import Mention, Parsed

# "between X and Y", "somewhere between", "halfway between", "in between", "a colour between"; X and Y of one or
# two words each ("between dark blue and green")
_BETWEEN = re.compile(r"\b(?:(?:somewhere|something|halfway|in|a\s+(?:colou?r|shade|tone))\s+)?between\s+"
                      r"(?P<a>[a-z]+(?:\s+[a-z]+)?)\s+and\s+(?P<b>[a-z]+(?:\s+[a-z]+)?)\b")


def _rgb(words: str) -> tuple[float, float, float] | None:
    return _named_colours().get(words)


def _split(a: str, b: str) -> tuple[str, str, int] | None:
    """The two colour names of the match's sides and how many of ``b``'s words they use ("dark blue", "green")."""
    first = a if _rgb(a) else None
    if first is None:
        return None
    parts = b.split()
    for n in range(len(parts), 0, -1):
        if _rgb(" ".join(parts[:n])):
            return first, " ".join(parts[:n]), n
    return None


def read_mix(t: str, lexicon: Lexicon, out: Parsed) -> str:
    """Records "between <colour> and <colour>" of the normalised message ``t`` as the colour between them;
    returns ``t`` with those words blanked."""
    if "colour" not in lexicon.facets:
        return t
    for m in list(_BETWEEN.finditer(t)):
        found = _split(m.group("a"), m.group("b"))
        if found is None:
            continue
        a, b, n = found
        ra, rb = _rgb(a), _rgb(b)
        mixed = tuple((x + y) / 2 for x, y in zip(ra, rb))
        match = lexicon.rgb_colour("", mixed)
        if match is None:
            continue
        end = m.start("b") + len(" ".join(m.group("b").split()[:n]))
        out.mentions.append(Mention("colour", match.value, True, "mix", f"between {a} and {b}"))
        t = t[: m.start()] + " " * (end - m.start()) + t[end:]
    return t
