"""Where a colour is expected: the only places a name from the big colour resource is read as a colour.

``agents.colour_resource`` knows ~30k colour names, and many are ordinary words ("abbey", "garden",
"cotton"). A word or phrase (up to three words) from it is read as a colour only when

- the message answers a question about the colour (``expect``);
- it follows "in" ("in champagne"; not a capitalised word: "in Paris", "in July"), or "colour"/"shade"
  ("the colour of champagne", "colour: champagne");
- it stands before a pattern or print noun ("champagne stripes": the accent colour when the sentence
  already has a colour or says "with"), or before a garment noun ("a champagne dress"), unless it is a word that makes a kind of garment
  in WordNet ("a wedding dress", "a cowboy hat": ``Knowledge.garment_modifiers``) or a thing WordNet files
  under animals, food or plants (there it may be a print: "an elephant shirt");
- it is joined by "and"/"or" to a colour word or to another such name ("champagne and black");
- it is the whole message ("champagne") and no other source read anything in it (``name_alone``): a guess
  (``forced_choice.SOURCE``) that the reply states ("I took “champagne” as beige — say if not"), its words
  kept in the query;

what a garment is made of or worn for in WordNet ("cotton", "velvet", "prom": ``Knowledge.worn_as``) only
after a colour noun ("the colour of chiffon"); and never when another
source reads it (the lexicon, matplotlib's names, the WordNet asset, a compound, a clipped name, a thing the
catalog cannot show): those readings are hand-checked or more specific.
"X-coloured", "X-toned", "X-ish" are read in ``Lexicon.colour_by_form``: the ending itself says a colour.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .colour_names import _NOT_COLOURS
from .colour_resource import MAX_WORDS, thing_colours
from .cues import _BOUNDARIES, _CUE_WORDS, _EMPTY, _FACET_WORDS, _HEADS, _NEGATION_CUES, _STOPWORDS
from .forced_choice import SOURCE as GUESS
from .knowledge import Knowledge
from .lexicon import Lexicon
from .parsed import Match

# Words that join two values of one facet: lists ("and", "or") and contrasts ("instead of", "not ..., more like").
_LINK = {"and", "or", "&", ",", "instead", "of", "rather", "than", "not", "no", "but", "more", "like", "maybe", "nor"}
_MAX_LINK = 4
_WHEN_WHERE = ("setting", "season", "time_of_day")  # facets of the photo set that say where or when
_COLOUR_NOUNS = ("colour", "shade", "tone", "hue")
# Words before a name that say a colour is meant: "in champagne", "colour champagne", "the colour of champagne",
# "the same colour as champagne".
_BEFORE = {("in",), ("in", "a"), *((c,) for c in _COLOUR_NOUNS), *((c, "of") for c in _COLOUR_NOUNS),
           *((c, "of", "the") for c in _COLOUR_NOUNS), *((c, v) for c in _COLOUR_NOUNS for v in ("is", "was")),
           # "the same colour as grass", "a colour like the sky": grass was a floral print, the sky a wish
           *((c, v) for c in _COLOUR_NOUNS for v in ("as", "like")),
           *((c, v, "the") for c in _COLOUR_NOUNS for v in ("as", "like"))}


def _content(tok: str) -> bool:
    return (tok.isalpha() and tok not in _STOPWORDS and tok not in _CUE_WORDS and tok not in _BOUNDARIES
            and tok not in _HEADS and tok not in _FACET_WORDS)


@lru_cache(maxsize=1)
def _places_and_times() -> Knowledge:
    return Knowledge("photos")


def _read_elsewhere(span: str, lexicon: Lexicon) -> bool:
    """Whether another source gives the span a reading (then that reading wins): the lexicon, a garment name
    (WordNet's, a compound, a clipped name, one the catalog lacks), or one of WordNet's places and times of
    the photo facets ("in summer", "a beach dress", "an evening gown": when or where it is worn)."""
    where = lexicon.knowledge.elsewhere(span)
    if lexicon.lookup(span) or (where and where.kind != "outside"):
        return True
    if any(e.facet in _WHEN_WHERE for e in _places_and_times().lookup(span)):
        return True
    return " " not in span and bool(lexicon.compound(span) or lexicon.clipped(span))


def _a_thing(span: str, lexicon: Lexicon) -> bool:
    """A thing WordNet knows outside clothing (an animal, a food, a plant): before a garment noun it may be
    the garment's print ("an elephant shirt"), so only a stronger context reads it as a colour."""
    where = lexicon.knowledge.elsewhere(span)
    return bool(where and where.kind == "outside")


def _worn(span: str, lexicon: Lexicon) -> bool:
    """What a garment is made of or worn for, in WordNet ("cotton", "velvet", "prom", "christmas"): before a
    garment noun, after "in" or beside a colour it says the material or the occasion ("a cotton shirt",
    "a dress in silk", "black and velvet"), and as the answer to the colour question a material or an
    occasion ("chiffon", "prom"), so only a colour noun ("the colour of chiffon") reads it as one."""
    return lexicon.knowledge.worn_as(span) is not None


def longest_at(toks: list[str], i: int, lexicon: Lexicon) -> tuple[int, list[Match]]:
    """The longest phrase the lexicon knows starting at ``i``: (its length in words, its matches), (0, [])."""
    for n in range(min(lexicon.max_words, len(toks) - i), 0, -1):
        found = lexicon.lookup(" ".join(toks[i : i + n]))
        if found:
            return n, found
    return 0, []


def _garment_at(toks: list[str], i: int, lexicon: Lexicon) -> bool:
    return any(m.facet == "category" for m in longest_at(toks, i, lexicon)[1])


# Nouns after a colour that say how much of the garment has it, or where, not a part: "with red tones", "with a blue
# tint", "with red accents", "with red everywhere" are the garment's colour (review, round 30).
_SPREAD = {*_COLOUR_NOUNS, "tint", "tinge", "accent", "highlight", "touch", "touche", "hint", "splash", "pop",
           "everywhere", "throughout", "overall", "all"}


def of_a_part(toks: list[str], s: int, e: int, lexicon: Lexicon) -> str | None:
    """The noun whose colour ``toks[s:e]`` is, said after "with", when it is a part or a trimming of the garment
    ("a navy blazer with gold buttons", "with white cuffs", "with a red and white collar"), not the garment: a
    noun that is no kind, no design, no colour and no colour noun (round 30: the blazer was wanted in yellow
    too); None otherwise. A design after it is the design's colour (``design_at``)."""
    j = e
    while j < len(toks) and (toks[j] in ("and", "or") or _colour_at(toks, j, lexicon)):
        j += 1  # "red and white collar"
    if j >= len(toks) or not toks[j].isalpha():
        return None
    noun = toks[j]
    if not (_content(noun) or noun in _HEADS) or noun in _SPREAD or noun.removesuffix("s") in _SPREAD \
            or _garment_at(toks, j, lexicon) or design_at(toks, j, lexicon):
        return None
    before = [t for t in toks[max(0, s - 4):s] if t]
    while before and (before[-1] in ("a", "an", "the", "some", "and", "or") or _colour_at([before[-1]], 0, lexicon)):
        before.pop()
    return noun if before[-1:] == ["with"] else None


def names_design(found: list[Match]) -> bool:
    """Whether readings name a pattern or print ("stripes", "star print"), not their absence ("plain")."""
    return any(m.facet in ("pattern", "motif") and m.value not in _EMPTY.values() for m in found)


def design_at(toks: list[str], i: int, lexicon: Lexicon) -> bool:
    """Whether the words at ``i`` name a pattern or print: a colour just before them is theirs ("champagne
    stripes")."""
    return names_design(longest_at(toks, i, lexicon)[1])


def _colour_at(toks: list[str], i: int, lexicon: Lexicon) -> bool:
    return 0 <= i < len(toks) and bool(toks[i]) and any(m.facet == "colour" for m in lexicon.lookup(toks[i]))


_NAMED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+)")


def proper_names(text: str) -> set[str]:
    """Words capitalised inside a sentence ("in Paris", "in July"): names of places and times, no colours.
    Nothing when the whole message is in upper case."""
    return set() if text.isupper() else {w.lower() for w in _NAMED.findall(text.strip())}


def colour_spans(toks: list[str], lexicon: Lexicon, expect: str | None = None,
                 proper: set[str] = frozenset()) -> list[tuple[int, int, Match, bool]]:
    """(start, end, colour, negated) for every resource colour name in a colour context, longest first;
    ``proper``: words capitalised inside a sentence (``proper_names``), no colours after "in"."""
    if "colour" not in lexicon.facets or not thing_colours():
        return []
    names = thing_colours()
    # The answer to the colour question, or a colour noun in the message ("the colour of kelly"): a colour may be
    # asked for, so a name read only by its longer names is a candidate (accepted below only after the noun).
    asked = expect in ("colour", "accent") or any(t in _COLOUR_NOUNS for t in toks)
    by_name: set[tuple[int, int, Match]] = set()  # read by their longer names only: where a colour is asked
    candidates: list[tuple[int, int, Match]] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in range(min(MAX_WORDS, len(toks) - i), 0, -1):
            words = toks[i : i + n]
            span = " ".join(words)
            if n > 1 and all(words) and lexicon.lookup(span):
                break  # a longer phrase another source reads ("fire engine" of "fire engine red"): not its "fire"
            if (all(w and _content(w) for w in words) and span in names and not _read_elsewhere(span, lexicon)
                    and not lexicon.shade_word(span)):
                match = lexicon.colour_in_context(span)
                if match:
                    hit = (i, i + n, match)
                    break
            if (asked and all(w and _content(w) for w in words) and span not in names
                    and not _read_elsewhere(span, lexicon) and not _worn(span, lexicon)):
                match = lexicon.colour_by_longer_names(span)  # "kelly" of kelly green, only where a colour is asked
                if match:
                    hit = (i, i + n, replace(match, source=GUESS))
                    by_name.add(hit)
                    break
        if hit:
            candidates.append(hit)
            i = hit[1]
        else:
            i += 1
    accepted: list[tuple[int, int, Match]] = []
    for s, e, match in candidates:
        before = tuple(toks[max(0, s - 3) : s])
        # After "in", a capitalised word is a place or a time ("in Paris", "in July"), not a colour.
        after = [k for k in (1, 2, 3) if len(before) >= k and before[-k:] in _BEFORE]  # none past the start
        span = " ".join(toks[s:e])
        if (s, e, match) in by_name:  # after a colour noun, or the whole answer ("kelly", not "squid" of "squid ink")
            alone = not any(t and _content(t) for k, t in enumerate(toks) if not s <= k < e)
            # ... or, answering the colour question, what it is "like" ("no, not red, more like yale")
            liked = before[-1:] == ("like",)
            if (expect in ("colour", "accent") and (alone or liked)) or any(before[-k] != "in" for k in after):
                accepted.append((s, e, match))
            continue
        if _worn(span, lexicon):  # "a velvet dress", "in satin", "a prom dress", "chiffon" as the answer to
            # the colour question: a colour only when a colour noun says so ("the colour of chiffon")
            if any(before[-k] != "in" for k in after):
                accepted.append((s, e, match))
            continue
        said = expect in ("colour", "accent") or any(k for k in after if before[-k] != "in" or toks[s] not in proper)
        garment = (_garment_at(toks, e, lexicon) and span not in lexicon.knowledge.garment_modifiers
                   and not _a_thing(span, lexicon))
        if said or garment or design_at(toks, e, lexicon):
            accepted.append((s, e, match))
    # "champagne and black", "not champagne, more like black", "lilac instead of champagne": a name set
    # beside a colour, with only joining words between, is a colour too.
    changed = True
    while changed:
        changed = False
        taken = {k for s, e, _ in accepted for k in range(s, e)}
        for cand in candidates:
            s, e, _ = cand
            if cand in accepted or cand in by_name or _worn(" ".join(toks[s:e]), lexicon):  # "black and velvet"
                continue
            if _linked(toks, s - 1, -1, taken, lexicon) or _linked(toks, e, 1, taken, lexicon):
                accepted.append(cand)
                changed = True
    return [(s, e, m, _negated(toks, s)) for s, e, m in sorted(accepted)]


def name_alone(toks: list[str], lexicon: Lexicon) -> tuple[str, Match] | None:
    """(name, colour) when the message is one resource name and nothing else ("champagne"): most people who
    type such a name alone mean the colour ("no pelican" stays an unwanted word). The caller reads
    it only when no other source read anything, as a guess (``forced_choice.SOURCE``) that the reply states;
    never what a garment is made of or worn for ("cotton", "prom"), a common animal, food or plant of
    WordNet's ``outside`` table ("elephant" may be a print; a rarer one such as "pelican" is not in it and is
    guessed), nor an ordinary word matplotlib's names are kept from (``_NOT_COLOURS``: "sandy"). Only for a
    facet set whose knowledge lists materials and occasions (the demo catalog's): in a photo collection a
    word typed alone is a subject ("flamingo", "fire"), not a colour."""
    if "colour" not in lexicon.facets or not lexicon.knowledge.worn:
        return None
    words = [t for t in toks if t and any(c.isalnum() for c in t)]
    span = " ".join(words)
    if (not words or len(words) > MAX_WORDS or not all(_content(w) for w in words) or span not in thing_colours()
            or span in _NOT_COLOURS or _read_elsewhere(span, lexicon) or _worn(span, lexicon) or _a_thing(span, lexicon)
            or lexicon.shade_word(span)):
        return None
    match = lexicon.colour_in_context(span)
    return (span, replace(match, source=GUESS)) if match else None


def _linked(toks: list[str], i: int, step: int, taken: set[int], lexicon: Lexicon) -> bool:
    """Whether, walking from ``i`` by ``step`` over joining words only (at least one), a colour comes."""
    seen = 0
    while 0 <= i < len(toks) and toks[i] in _LINK and seen < _MAX_LINK:
        i, seen = i + step, seen + 1
    return seen > 0 and 0 <= i < len(toks) and (i in taken or _colour_at(toks, i, lexicon))


def _negated(toks: list[str], s: int) -> bool:
    """A negation cue within the two words before ("not champagne", "no champagne dress", "anything but ...")."""
    window = toks[max(0, s - 3) : s]
    return any(tuple(window[k : k + len(c)]) == c and k + len(c) >= len(window) - 2
               for c in _NEGATION_CUES for k in range(len(window) - len(c) + 1))
