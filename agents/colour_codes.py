"""“A dress in #1f3a93”: a colour given as a code is the palette colour of that RGB.

A designer or a shop assistant pastes a hex code ("#ff0000", "#f00") or a CSS function ("rgb(0, 0, 255)"); read
word by word it was a wish of letters and digits that no image matches. matplotlib parses the code
(``matplotlib.colors.to_rgb``) and the RGB is read like any named colour (``ColourLexicon.rgb_colour``: the XKCD
survey's vote, then the hue rules), so the palette value is the one a person would call it.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .parsed import Mention, Parsed
from .text import blank

# "#rrggbb", "#rgb" (not "#3", a result), and "rgb(r, g, b)" with 0-255 channels
_HEX = re.compile(r"#(?P<hex>[0-9a-f]{6}|[0-9a-f]{3})\b")
_RGB = re.compile(r"\brgb\s*\(\s*(?P<r>\d{1,3})\s*,\s*(?P<g>\d{1,3})\s*,\s*(?P<b>\d{1,3})\s*\)")


def _code_rgb(m: re.Match) -> tuple[float, float, float] | None:
    if m.re is _HEX:
        from matplotlib.colors import to_rgb  # only when a code is typed: matplotlib is no import-time cost

        return to_rgb("#" + m.group("hex"))
    channels = [int(m.group(k)) for k in "rgb"]
    return tuple(c / 255 for c in channels) if all(c <= 255 for c in channels) else None


def read_codes(t: str, lexicon: Lexicon, out: Parsed) -> str:
    """Records each colour code of the normalised message ``t`` as its palette colour; returns ``t`` with the
    codes blanked. A code of digits only is read only with its "#" and six digits, since "#3" names result 3."""
    if "colour" not in lexicon.facets:
        return t
    for rx in (_HEX, _RGB):
        for m in list(rx.finditer(t)):
            if rx is _HEX and m.group("hex").isdigit() and len(m.group("hex")) == 3:
                continue  # "#123" is more likely a number than a colour
            rgb = _code_rgb(m)
            match = lexicon.rgb_colour("", rgb) if rgb else None
            if match:
                out.mentions.append(Mention("colour", match.value, True, "colour code", m.group()))
                t = blank(t, m)
    return t
