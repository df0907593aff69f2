"""“Blue? No wait, green”: a value the user takes back in the same message is not wanted.

Read word by word, "red... no, green", "red, I mean green", "red - sorry, green" and "a red dress, wait, no, a
blue one" wanted both colours: the correction marker sits between two values and negates neither. A marker
after a pause (a comma, a full stop, a dash, "...") is the speaker correcting themselves; what follows it
replaces what came before, for each facet the part after it names. Only that facet's values from before the
marker are dropped ("a red dress, no, a blue one" keeps the dress); "also"/"too" add instead ("red, actually
also blue", "I like red, actually I like blue too"), and a question after the marker asks ("wait, does it come
in green?"). Only values wanted are taken back: "no stripes, wait, stripes are fine" keeps both readings. A bare "no" before a value is a negation, not a marker ("red, no green"
is red without green): it must stand alone ("no, green"), or with another marker ("no wait").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .parsed import Parsed

# A pause, then marker words ("no," "wait", "sorry", "i mean", "or rather", "scratch that", "make that",
# "actually"), then what replaces it; a bare "no" only when a pause or another marker follows it.
# Not "rather than" (a comparison: "a blue dress, rather than a red one"), nor a polite "sorry for/if/to/about".
_WORD = r"(?:no+\b(?=\s*(?:[,.!?…;:-]|wait|sorry|i mean|actually))|nope|nah|wait|sorry(?!\s+(?:for|if|to|about)\b)|" \
        r"oops|hold on|i mean|i meant|(?:or\s+)?rather(?!\s+than)|scratch that|make that|make it|correction|actually)"
_MARK = re.compile(rf"[,.!?…;:-]\s*(?:{_WORD}[\s,.!?…;:-]*)+(?=\S)")
# Words that add rather than replace, after the marker ("actually I like blue too") or just before it ("also,
# sorry, a white shirt"); a question after it asks, it does not correct ("wait, does it come in green?").
_ADDING = re.compile(r"\b(?:also|too|as well|plus)\b|^\s*and\b|\?")
_ADDING_BEFORE = re.compile(r"\b(?:also|and|plus)\W*$")


def self_corrected(text: str, read: Callable[[str], Parsed]) -> Parsed:
    """``read(text)``, less the values the user took back: those of each facet the words after the last
    correction marker name positively, said only before it."""
    out = read(text)
    marks = list(_MARK.finditer(text.lower()))
    if not marks or not out.mentions:
        return out
    before, after = text[: marks[-1].start()], text[marks[-1].end():]
    if not before.strip() or _ADDING.search(after.lower()) or _ADDING_BEFORE.search(before.lower()):
        return out
    kept = {(m.facet, m.value) for m in read(after).mentions if m.positive}
    replaced = {f for f, _ in kept}
    taken_back = {(m.facet, m.value) for m in read(before).mentions
                  if m.positive and m.facet in replaced and (m.facet, m.value) not in kept}
    out.mentions = [m for m in out.mentions if not (m.positive and (m.facet, m.value) in taken_back)]
    return out
