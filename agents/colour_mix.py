"""“Something between blue and green”: a colour said as the mix of two colours is the colour between them.

Read word by word, "between blue and green" wanted blue and green (either), and "between" stayed in the query
as a wish; people mean the colour halfway, which the catalog may name (teal). The two colours' RGBs (matplotlib's
names: CSS4 and the XKCD survey, as ``agents.colour_names``) are averaged and read like any named RGB
(``ColourLexicon.rgb_colour``: the survey vote, then the hue rules). Both sides must be colour names, so "between
work and dinner" reads nothing; a choice or a negation before it ("I can't decide between blue and green", "not
between …") and two hues too far apart to have a colour between them (blue and yellow averaged to grey) leave the
two colours to be read as said. A guess (source "mix", 0.5): the halfway colour is one reading of such words.
"""

from __future__ import annotations

import colorsys
import re

from .colour_names import _named_colours, achromatic
from .lexicon import Lexicon
from .parsed import Mention, Parsed
from .text import blank

# "between X and Y", "somewhere between", "halfway between", "in between", "a colour between"; X and Y of one or
# two words each ("between dark blue and green")
_BETWEEN = re.compile(r"\b(?:(?:somewhere|something|halfway|in|a\s+(?:colou?r|shade|tone))\s+)?between\s+"
                      r"(?P<a>[a-z]+(?:\s+[a-z]+)?)\s+and\s+(?P<b>[a-z]+(?:\s+[a-z]+)?)\b")
# A choice between the two, or a negation before: both colours are read as said ("I can't decide between blue and
# green", "torn between red and pink", "not between blue and green"; review, round 30).
_CHOICE = re.compile(r"\b(?:decide|deciding|decided|undecided|choose|choosing|choice|pick|picking|torn|options?|"
                     r"not|no|never|either)\b\W*(?:\w+\W+){0,2}$")
# Two hues this far apart or more have no colour people call "between" them (blue and yellow averaged to grey, red
# and green to brown): measured on the hue circle, in degrees.
_FAR = 110.0


def _rgb(words: str) -> tuple[float, float, float] | None:
    return _named_colours().get(words)


def _far(ra: tuple[float, float, float], rb: tuple[float, float, float]) -> bool:
    """Whether two colours, both with a hue, lie ``_FAR`` degrees or more apart on the hue circle."""
    if achromatic(ra) or achromatic(rb):
        return False  # "between black and white": grey; "between red and white": pink
    ha, hb = (colorsys.rgb_to_hsv(*rgb)[0] * 360 for rgb in (ra, rb))
    return min(abs(ha - hb), 360 - abs(ha - hb)) >= _FAR


def _split(a: str, b: str) -> tuple[str, str, int] | None:
    """The two colour names of the match's sides and how many of ``b``'s words they use ("dark blue", "green")."""
    if not _rgb(a):
        return None
    parts = b.split()
    return next(((a, " ".join(parts[:n]), n) for n in range(len(parts), 0, -1) if _rgb(" ".join(parts[:n]))), None)


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
        if _CHOICE.search(t[: m.start()]) or _far(ra, rb):
            continue
        mixed = tuple((x + y) / 2 for x, y in zip(ra, rb))
        match = lexicon.rgb_colour("", mixed)
        if match is None:
            continue
        end = m.start("b") + len(" ".join(m.group("b").split()[:n]))
        out.mentions.append(Mention("colour", match.value, True, "mix", f"between {a} and {b}"))
        t = blank(t, m, end)
    return t
