"""“Blue? No wait, green”: a value the user takes back in the same message is not wanted.

Read word by word, "red... no, green", "red, I mean green", "red - sorry, green" and "a red dress, wait, no, a
blue one" wanted both colours: the correction marker sits between two values and negates neither. A marker
after a pause (a comma, a full stop, a dash, "...") is the speaker correcting themselves; what follows it
replaces what came before, for each facet the part after it names. Only that facet's values from before the
marker are dropped ("a red dress, no, a blue one" keeps the dress), and "also"/"too" after the marker add
instead ("red, actually also blue"). A bare "no" before a value is a negation, not a marker ("red, no green"
is red without green): it must stand alone ("no, green"), or with another marker ("no wait").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .parsed import Parsed

# A pause, then marker words ("no," "wait", "sorry", "i mean", "or rather", "scratch that", "make that",
# "actually"), then what replaces it; a bare "no" only when a pause or another marker follows it.
_WORD = r"(?:no+\b(?=\s*(?:[,.!?…;:-]|wait|sorry|i mean|actually))|nope|nah|wait|sorry|oops|hold on|i mean|i meant|" \
        r"or rather|rather|scratch that|make that|make it|correction|actually)"
_MARK = re.compile(rf"[,.!?…;:-]\s*(?:{_WORD}[\s,.!?…;:-]*)+(?=\S)")
_ADDING = re.compile(r"^\s*(?:also|too|and|as well|plus)\b")


def self_corrected(text: str, read: Callable[[str], Parsed]) -> Parsed:
    """``read(text)``, less the values the user took back: those of each facet the words after the last
    correction marker name positively, said only before it."""
    out = read(text)
    marks = list(_MARK.finditer(text.lower()))
    if not marks or not out.mentions:
        return out
    before, after = text[: marks[-1].start()], text[marks[-1].end():]
    if not before.strip() or _ADDING.match(after.lower()):
        return out
    kept = {(m.facet, m.value) for m in read(after).mentions if m.positive}
    replaced = {f for f, _ in kept}
    taken_back = {(m.facet, m.value) for m in read(before).mentions
                  if m.positive and m.facet in replaced and (m.facet, m.value) not in kept}
    out.mentions = [m for m in out.mentions if not (m.positive and (m.facet, m.value) in taken_back)]
    return out
