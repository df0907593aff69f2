"""Whole-message shapes, read before any word: "doesn't matter", "that's it", "forget the stripes", "any colour
is fine", result references ("the second one", "not #3"), "like this" / "not like this" / "not this one", and
comparatives ("longer", "shorter sleeves", "make the dots bigger"), a facet said to be wrong or right ("the colour
is off", "in a different colour", "keep the pattern"), and some decoration asked for ("a shirt with a print",
"a patterned dress": not the facet's empty value).

Each shape found is recorded on the ``Parsed`` and its words blanked (the same length of spaces, so positions
in the message stay), so the word readers of ``agents.understand`` never read "second" or "longer" as a value.
"""

from __future__ import annotations

import re

from .colour_codes import read_codes
from .colour_context import names_design
from .colour_mix import read_mix
from .cues import (
    _ANY_BUT,
    _COMPARATIVE,
    _DECORATED,
    _DECORATION_FACET,
    _DISLIKE,
    _DONT_CARE,
    _EMPTY,
    _FACET_OF,
    _FACET_WORDS,
    _FORGET,
    _FOUND,
    _GROWS,
    _NOT_ONLY,
    _NOT_THIS,
    _ONE_COLOUR,
    _ORD,
    _RESULT_REF,
    _RETRACT,
    _RIGHT,
    _SIZES,
    _SLEEVES_COMPARATIVE,
    _THICKNESS,
    _THIS_REF,
    _VAGUE,
    _VERDICT,
    _WRONG,
)
from .lexicon import Lexicon
from .parsed import Mention, Parsed
from .text import blank, blank_all

_NEGATED_BEFORE = re.compile(r"\b(?:no|not|nothing|without|none|never|don't|dont|doesn't|isn't|zero)\b(?:\s+[a-z']+){0,2}\s*$")


def _forget(t: str, lexicon: Lexicon, out: Parsed) -> str:
    for m in list(_FORGET.finditer(t)):
        words = m.group("x").strip()
        facet = _FACET_WORDS.get(words) or _FACET_WORDS.get(words.split()[-1] if words else "")
        if facet:  # "never mind the colour": the facet no longer matters
            if facet in lexicon.facets and facet not in out.retracted:
                out.retracted.append(facet)
            t = blank(t, m)
            continue
        for part in re.split(r"\s+(?:or|and)\s+", words):  # "it doesn't have to be red or pink" (review)
            part = re.sub(r"^(?:a|an|the)\s+", "", part)
            found = lexicon.lookup(part) or ([r] if (r := lexicon.resolve(part)) else [])
            if found:
                out.forgotten_values += [(x.facet, x.value) for x in found[:1]]
                if m.group("rm"):
                    out.removed_values += [(x.facet, x.value) for x in found[:1]]
            elif part:
                out.forgotten.append(part)
        t = blank(t, m)
    return t


def _one_colour(t: str, out: Parsed) -> str:
    """"one colour", "single-toned", "monochrome": the solid pattern (``cues._ONE_COLOUR``), negated after "not",
    "no", "without" ("not one colour"); the words are blanked, so "colour" is no colour cue after it."""
    for m in list(_ONE_COLOUR.finditer(t)):
        out.mentions.append(Mention("pattern", "solid", not _NEGATED_BEFORE.search(t[: m.start()]), "head noun",
                                    m.group().strip()))
        t = blank(t, m)
    return t


def read_shapes(t: str, lexicon: Lexicon, out: Parsed) -> str:
    """Records the shapes of the normalised message ``t`` on ``out``; returns ``t`` with their words blanked."""
    t = read_codes(t, lexicon, out)  # "#1f3a93", "rgb(0, 0, 255)": before "#3" is read as a result
    out.dont_care = bool(_DONT_CARE.match(t))
    out.found = bool(_FOUND.search(t))
    t = _forget(t, lexicon, out)
    t = _ANY_BUT.sub(r"anything \1", t)
    t = _NOT_ONLY.sub(" ", t)
    for rx in _RETRACT:
        for m in list(rx.finditer(t)):
            if t[: m.start()].split()[-1:] in (["without"], ["no"], ["not"], ["nor"], ["never"]):
                continue  # "without any sleeves" wants none, never any (found in round 24)
            facet = _FACET_WORDS[m.group("f")]
            if facet in lexicon.facets and facet not in out.retracted:
                out.retracted.append(facet)
            t = blank(t, m)
    for m in list(_FACET_OF.finditer(t)):  # "the colour of the first one": that facet of it, not all of it
        facet = _FACET_WORDS[m.group("f")]
        if facet in lexicon.facets and m.group("f") not in _VAGUE:
            pos = _ORD[m.group("ord")] if m.group("ord") else int(m.group("hash") or m.group("num"))
            out.facet_refs.append((facet, pos, not (m.group("neg") or m.group("bad"))))
            t = blank(t, m)
    for m in list(_RESULT_REF.finditer(t)):
        pos = _ORD[m.group("ord")] if m.group("ord") else int(m.group("hash") or m.group("num") or m.group("lead"))
        out.result_refs.append((pos, not m.group("neg")))
        t = blank(t, m)
    if m := _NOT_THIS.search(t):
        out.not_this = True
        t = blank(t, m)
    m = _THIS_REF.search(t)
    if m and re.search(r"\b(?:not|nothing|never|don't|dont|do not)\s*$", t[: m.start()]):
        out.not_this = True  # "not like this", "I do not like this", "nothing like this"
        t = blank(t, m)
    elif m:
        out.this_ref = True
        t = blank(t, m)
    for patterns, right in ((_WRONG, False), (_RIGHT, True)):  # "the colour is off", "keep the colour"
        for rx in patterns:
            for m in list(rx.finditer(t)):
                facet = _FACET_WORDS[m.group("f")]
                if facet not in lexicon.facets or m.group("f") in _VAGUE:
                    continue
                found = out.right if right and not _DISLIKE.search(t[: m.start()]) else out.wrong
                found += [facet] if facet not in found else []
                t = blank(t, m)
    for m in list(_DECORATED.finditer(t)):  # "a shirt with a print": not the facet's empty value
        if _NEGATED_BEFORE.search(t[: m.start()]):
            continue  # "nothing printed on it", "without anything printed": the negation reads it
        facet = _DECORATION_FACET[m.group("f") or m.group("adj")]
        if facet in lexicon.facets and _EMPTY.get(facet) in lexicon.facets[facet].values:
            out.mentions.append(Mention(facet, _EMPTY[facet], False, "head noun", m.group().strip()))
            t = blank(t, m)
    if lexicon.facets.offers("pattern", "solid"):
        t = _one_colour(t, out)
    t = read_mix(t, lexicon, out)  # "between blue and green": teal
    if out.result_refs or out.this_ref:
        t = blank_all(t, _VERDICT)  # "the third one is close": a verdict, no words
    for m in [*_SLEEVES_COMPARATIVE.finditer(t), *_COMPARATIVE.finditer(blank_all(t, _SLEEVES_COMPARATIVE))]:
        if m.group("dir") in _THICKNESS and not any(names_design(lexicon.lookup(w)) for w in t.split()):
            continue  # "thinner trousers": a slim fit, read as a word; only a pattern is thin or thick here
        facet = "sleeve" if m.group("sl") else "scale" if m.group("dir") in _SIZES else "length"
        if facet in lexicon.facets:
            out.comparatives.append((facet, _GROWS[m.group("dir")]))
            t = blank(t, m)
    if out.found:
        t = _FOUND.sub(" ", t)
    return t
