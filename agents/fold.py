"""Folding one message's readings into the dialogue state, in the context of the question it answers.

Out of ``agents.session`` (which turns a message into a reply) because what a reading means depends on
the dialogue around it; each rule below was measured on the development user (docs/dialogue.md):

- **Words taken back.** "strawberry... no, not strawberry, more like persimmon" names strawberry twice, once
  read as wanted and once as ruled out; the words of a "not …" scope the parser read (``Parsed.taken_back``)
  are taken back. A positive reading of those words (or of a value the same message rules out) never
  becomes a belief: taken in order it replaced
  the meant reading and was then ruled out, leaving the facet empty. The taken-back words ("muscle cut")
  stay out of the wishes, and so out of the query, as well.
- **Guesses about another facet than the one asked.** The answer to "which sleeve length?" is about the
  sleeves; a guessed reading of another facet in it ("arms covered" read as a hat by MiniLM) was wrong 28
  times in 38 on the development user (two seeds, ten rounds). Such a reading is kept only as the user's words (a wish tied to
  that facet, as a refused guess is), unless the message rules out a value of that facet ("no, not red,
  more like champagne" corrects the colour whatever was asked) or it is a garment word naming a kind
  ("a shacket": a change of mind); a sure reading of another facet is still a belief, except that one
  in a message that also answers the asked facet never replaces another question's answer ("pea coat",
  the answer about the kind, read "pea" as green over the answered "red").
- **"It's a hat, no scale"** settles the asked facet instead of leaving it unread (asked again).
"""

from __future__ import annotations

import re

from retrieval.facets import FacetSet

from .confidence import is_guess
from .cues import _STOPWORDS
from .parsed import Mention, Parsed
from .state import DialogueState
from .turns import PAIR


def _inside(words: str, spans: list[set[str]]) -> bool:
    ws = set(re.findall(r"[\w']+", words.lower())) - _STOPWORDS  # the parser's words: "mid-calf" is two
    return bool(ws) and any(ws <= s for s in spans)


def ruled_out(mentions: list[Mention]) -> set[tuple[str, str]]:
    """The (facet, value) pairs the message rules out ("no, not red, …"): what a correction corrects."""
    return {(m.facet, m.value) for m in mentions if not m.positive}


def _names_a_kind(m: Mention) -> bool:
    """A garment word read by its shape ("shacket", "duffel") names a kind whatever was asked (a change of
    mind, docs/confidence.md); MiniLM's likeness of other words to one ("arms covered" → hat) does not."""
    return m.facet == "category" and m.source != "similarity"


def screen(parsed: Parsed, mentions: list[Mention], asked: str | None,
           facets: FacetSet) -> tuple[list[Mention], list[Mention]]:
    """(readings to fold into beliefs, guesses about another facet than ``asked`` kept only as words).

    Drops positive readings of taken-back words (the parser's "not …" scopes, ``Parsed.taken_back``: "not
    red maybe blue" takes back red, never blue) and of values the same message rules out, and the taken-back
    words from ``parsed.wishes``.
    """
    spans = parsed.taken_back
    negatives = [m for m in mentions if not m.positive]
    ruled = ruled_out(mentions)
    said_not = {m.text.lower() for m in negatives}

    def taken(m: Mention) -> bool:
        return m.text.lower() in said_not or _inside(m.text, spans)

    # "light blue, not navy": the one value of a facet the message wants is the value it rules out, under
    # other words; that is a shade of it, not a correction ("cherry, no, not red, more like coral" wants
    # another value too). The wanted reading stays and the ruled-out words are only unwanted words.
    wanted = {(m.facet, m.value) for m in mentions if m.positive and not taken(m)}
    shades = {(f, v) for f, v in ruled & wanted if {w for g, w in wanted if g == f} == {v}}

    def withdrawn(m: Mention) -> bool:
        return m.positive and (((m.facet, m.value) in ruled and (m.facet, m.value) not in shades) or taken(m))

    parsed.unwanted += [m.text for m in negatives if (m.facet, m.value) in shades]
    kept = [m for m in mentions if not withdrawn(m) and (m.positive or (m.facet, m.value) not in shades)]
    back = set().union(*spans)
    wishes = (" ".join(w for w in wish.split() if w.lower().strip(".,;:!?") not in back) for wish in parsed.wishes)
    parsed.wishes = [w for w in wishes if w]
    corrected = {m.facet for m in negatives}  # "no, not red, more like champagne" is about the colour
    off_topic = [m for m in kept if asked and asked in facets and m.positive and m.facet != asked
                 and m.facet not in corrected and is_guess(m.confidence) and not _names_a_kind(m)]
    return [m for m in kept if m not in off_topic], off_topic


def not_applicable(text: str, asked: str, facets: FacetSet) -> bool:
    """"it's a hat, no scale": the asked facet's name or label after "no" says the thing has none of it."""
    f = facets[asked]
    names = "|".join(re.escape(w) for w in sorted({f.name.lower(), f.label.lower()}))
    return bool(re.search(rf"\bno\s+(?:{names})s?\b", text.lower()))


_CHANGE_OF_MIND = re.compile(r"\b(?:actually|changed? my mind|on second thoughts?|instead)\b")


def fold(state: DialogueState, mentions: list[Mention], asked: str | None, idx: int, text: str = "",
         confirming: str | None = None) -> list[Mention]:
    """Each reading into the beliefs, in order; returns the readings refused (kept as words, not announced):
    guesses a sure reading refuses, and readings of another facet that would override that facet's own
    answer in a message answering the asked facet, unless the message says it changes that answer ("blue
    not red", "oh and actually it was blue"). ``confirming``: the facet whose doubted reading the question
    asked to confirm (``agents.doubt``); any reading of it in the answer replaces that reading, even a guess."""
    corrected = ruled_out(mentions)  # "no, not red, more like …"
    refused = []
    about_asked = any(m.facet == asked and m.positive for m in mentions) and not _CHANGE_OF_MIND.search(text.lower())
    for m in mentions:
        if m.facet in state.unread:
            state.unread.remove(m.facet)  # read now, or ruled out: no "I didn't catch" about it
        b = state.beliefs.get(m.facet)
        changed = bool(b and b.positive != m.value)
        was = b.positive if b else None
        # "no, not red, more like …" corrects; naming another kind of thing is a change of mind, however
        # it was read ("a dress", then "a shacket")
        correcting = bool(b and ((m.facet, b.positive) in corrected or m.facet in ("category", confirming)))
        if about_asked and m.positive and m.facet != asked and b and b.positive and b.source == "answer" \
                and b.positive != m.value and (m.facet, b.positive) not in corrected:
            refused.append(m)  # "pea coat", the answer about the kind, never recolours the answered "red"
            state.add_wish(m.text, m.facet)
            continue
        if m.positive and not state.want(m.facet, m.value, idx, "answer" if m.facet == asked else "user",
                                         m.confidence, m.text, correcting, m.source):
            refused.append(m)  # a guess never overrides a sure reading: not said to be taken either
            state.add_wish(m.text, m.facet)  # its words stay in the query until that facet changes
            continue
        if m.positive and was != m.value:  # read in the answer about another facet: trusted less (agents.doubt)
            state.beliefs[m.facet].aside = asked not in (None, m.facet, PAIR) and not confirming
        if changed or not m.positive:
            state.drop_wishes(facet=m.facet)  # "jodhpurs" does not outlive a change of kind
        if not m.positive:
            state.rule_out(m.facet, m.value, idx, confidence=m.confidence)
        if m.specific and m.positive:
            state.add_wish(m.specific, m.facet)  # the specific word stays in the query as free text
    return refused
