"""A pattern described by its unit (round 30): "circles all over", "covered in little rings", "bars across", "a
circle pattern", "tiny squares" say polka-dot, striped and checked without a pattern word.

Which pattern a unit makes is WordNet's: the asset's ``units`` table (``scripts/wordnet_units.py``) files a noun
under the kind of shape it is (a circle, ring or disc is a round shape: polka-dot; a line or bar a long narrow
mark: striped; a square or grid: checked; a bloom, petal or nosegay a flower: floral). A unit alone says no
pattern ("a circle skirt", "a box pleat", "a square neck", "a line of clothing"), so it is read only where a
pattern is being described, by these shape words of the sentence (no word list of units):

- a spread word before it: "covered", "dotted", "sprinkled", "scattered", "strewn", "peppered", "spattered",
  "studded", "printed", "decorated" + "in"/"with" and up to three words ("covered in tiny white circles");
- a spread word after it: "all over", "everywhere", "throughout", "across" ("bars across");
- a print or pattern noun after it ("a circle pattern", "a petal print"), or "a pattern/print of" before it;
- a size, width or direction word before it ("tiny", "little", "small", "big", "large", "huge", "giant", "mini";
  "thin", "thick", "narrow", "broad", "wide", "fine", "bold"; "horizontal", "vertical", "diagonal", "parallel"):
  said of many units it describes the pattern, as row 4c' reads "tiny checks" and "thin stripes".

Every context but the print noun wants the plural: a pattern repeats its unit. A flower unit in the plural reads
alone too, as a plant does (``Knowledge.shown``: "blossoms", "nosegays"). Negated after "no"/"without" as the other
readers are. Read before the words: the unit's words are blanked so no other reader takes them.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .parsed import Mention, Parsed
from .shapes import _NEGATED_BEFORE
from .text import blank_span

_SPREAD = r"(?:covered|dotted|sprinkled|scattered|strewn|peppered|spattered|studded|printed|decorated)\s+(?:in|with)"
_NOUN = r"(?:prints?|patterns?|patterned|motifs?)"
_SIZE = r"(?:tiny|little|small|big|large|huge|giant|mini|thin|thick|narrow|broad|wide|fine|bold|horizontal|vertical|diagonal|parallel)"
_WORD = r"[a-z]+"
# (regular expression, whether the unit must be plural); the unit is group "u"
_CONTEXTS = (
    (re.compile(rf"\b(?P<u>{_WORD})\s+(?:all\s+over|everywhere|throughout|across)\b"), True),
    (re.compile(rf"\b(?P<u>{_WORD})\s+{_NOUN}\b"), False),
    (re.compile(rf"\b(?:print|pattern)\s+of\s+(?P<m>(?:{_WORD}\s+){{0,2}}?)(?P<u>{_WORD})\b"), True),
    (re.compile(rf"\b{_SIZE}\s+(?P<u>{_WORD})\b"), True),
)


# a spread word before the unit: the first plural unit among the next four words ("covered in tiny white circles")
_SPREAD_BEFORE = re.compile(rf"\b{_SPREAD}\s+(?P<w>(?:{_WORD}\s*){{1,4}})")


def _spread_before(t: str):
    """(start, end, unit) of each word after a spread word: ``read_units`` keeps the first that is a plural unit."""
    for m in _SPREAD_BEFORE.finditer(t):
        yield [(w.start(), w.end(), w.group()) for w in re.finditer(_WORD, m.group("w"))], m.start("w")


def read_units(t: str, lexicon: Lexicon, out: Parsed) -> str:
    """Mentions of the pattern a described unit makes; the unit's words blanked in the returned text."""
    if "pattern" not in lexicon.facets:
        return t
    for words, at in _spread_before(t):
        for s, e, word in words:
            entry = lexicon.knowledge.unit(word, True)
            if entry and lexicon.facets.offers(entry.facet, entry.value) and not lexicon.lookup(word):
                negated = bool(_NEGATED_BEFORE.search(t[: at]))
                out.mentions.append(Mention(entry.facet, entry.value, not negated, "wordnet", word, word))
                t = blank_span(t, at + s, at + e)
                break
    for rx, plural in _CONTEXTS:
        for m in list(rx.finditer(t)):
            word = m.group("u")
            entry = lexicon.knowledge.unit(word, plural)
            if entry is None or not lexicon.facets.offers(entry.facet, entry.value) or lexicon.lookup(word):
                continue
            negated = bool(_NEGATED_BEFORE.search(t[: m.start()]))
            out.mentions.append(Mention(entry.facet, entry.value, not negated, "wordnet", m.group().strip(), word))
            # the unit, with a print noun or "all over" after it: words before it ("tiny", "white") are still read
            t = blank_span(t, m.start("u"), m.end())
    return t
