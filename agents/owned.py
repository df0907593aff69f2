"""“A top to go with my navy skirt”: a garment the user already has is what the request must match, not what it asks for.

Read word by word, "looking for a top to go with my navy skirt" asked for a t-shirt AND a skirt, in navy: the
skirt's colour became the top's, and the skirt a second kind wanted. A garment named after a possessive, in the
shape of going with, matching or being worn with it ("to go with my …", "to match her …", "to wear under my
…"), is the user's own: its words are blanked before anything is read (same length, so positions stay), kept
on ``Parsed.owned``, and the reply says they were left out, since a picture search cannot see what the user
owns. Only that shape: "I want my dress in red" names the dress the user is looking for.

Without a possessive the shape says the same ("a shirt that goes with jeans", "a dress to go with a red coat"):
read word by word, the last kind named won, and the search was for red coats. Only a verb of going with or
wearing with says so there: "matching trousers" (a co-ord) and "a dress with a red coat" ask for both.
"""

from __future__ import annotations

import re

from .colour_context import longest_at
from .lexicon import Lexicon
from .noun_phrases import garment_at
from .parsed import Parsed
from .text import blank

# "to go with my", "that matches her", "to wear under my", "pair with my": function words and verbs of matching
_WITH = re.compile(
    r"\b(?:(?:to\s+|that\s+|which\s+)?(?:go|goes|going|went)\s+(?:well\s+)?with|(?:to\s+|that\s+)?match(?:es|ing)?|"
    r"(?:to\s+|that\s+|i\s+can\s+)?(?:wear|wearing|pair|team|style)\s+(?:it\s+)?(?:with|under|over)|"
    r"to\s+(?:layer|put)\s+(?:under|over))\s+(?:my|your|his|her|our|their)\s+")
# The same verbs with an article or nothing after them ("goes with jeans", "to wear with a red coat"); a bare
# "matching" is left out here, since "a jacket and matching trousers" asks for the trousers too.
# "Go with" alone is also choosing ("I'll go with a skirt", "I want to go with a midi skirt"): here only "goes
# with", or "go with" after "that"/"which" or after "to" that follows no verb of wanting; "style" only as a verb.
_WITH_ANY = re.compile(
    r"\b(?:(?:(?:that|which)\s+go|goes|that\s+went|(?<!want )(?<!like )(?<!going )(?<!need )(?<!have )(?<!decided )"
    r"(?<!love )(?<!prefer )to\s+go)\s+(?:well\s+)?with|(?:to|that|which)\s+match(?:es)?|"
    r"(?:to\s+|that\s+|i\s+can\s+)?(?:wear|pair|team)\s+(?:it\s+)?(?:with|under|over)|to\s+style\s+(?:it\s+)?with|"
    r"to\s+(?:layer|put)\s+(?:under|over))\s+(?:(?:a|an|the|some)\s+)?")
_SPAN = 4  # words after the possessive that may still be the owned garment's modifiers ("my old navy wool skirt")


def read_owned(t: str, lexicon: Lexicon, out: Parsed) -> str:
    """Blanks each "to go with my <garment>" phrase of the normalised message ``t`` and records the garment's
    words on ``out.owned`` (``out.goes_with`` without a possessive); a possessive or verb followed by no garment
    ("to go with my eyes", "goes with everything") is left as it was."""
    for shape, found in ((_WITH, out.owned), (_WITH_ANY, out.goes_with)):
        for m in list(shape.finditer(t)):
            end = _garment_end(t[m.end():], lexicon)
            if end is not None:
                found.append(" ".join(t[m.end(): m.end() + end].split()))
                t = blank(t, m, m.end() + end)
    return t


def _garment_end(t: str, lexicon: Lexicon) -> int | None:
    """Where the garment named within the first ``_SPAN`` words of ``t`` ends ("navy t shirt": after "shirt"), one
    the catalog has or lacks ("jumper"), or None if none is named."""
    words = list(re.finditer(r"[a-z][a-z'-]*", t))[:_SPAN]
    toks = [w.group() for w in words]
    for k in range(len(toks)):
        if garment_at(toks, k, lexicon, lacking=True):
            return words[k + max(longest_at(toks, k, lexicon)[0], 1) - 1].end()
    return None
