"""The offline engine's reading of one user message: facet mentions with polarity, and intents.

Deterministic and small on purpose: the text is cleaned (``agents.text``), typos of known words are
repaired, then a lexicon pass (longest phrase first), negation scopes ("not red", "no stripes",
"nothing floral", "anything but black", "blue instead of red", "no, not red, more like blue"),
retraction ("any colour is fine", "forget the stripes", "forget the pelican"), deixis ("like this",
"the second one"), comparatives ("longer"), "that's it", word forms of the facet nouns ("short-armed",
"armless", "without arms", "logo-free"), and what is left over (a plant on a garment reads as floral): a description of several
words is compared with the lexicon as a whole ("thin vertical lines"), a thing the demo catalog cannot
show is reported (``Parsed.elsewhere``), and the rest stays in the caption as a free-text wish.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .applicable import drop_inapplicable_guesses
from .colour_context import colour_spans, design_at, longest_at, name_alone, of_a_part, proper_names
from .colourless import read_colourless
from .cues import (
    _BOUNDARIES,
    _CUE_WORDS,
    _NEGATION_CUES,
    _STOPWORDS,
    plain_shapes,
)
from .dictionary import in_answers_only
from .forced_choice import SOURCE as GUESS
from .leftovers import empty_value, read_leftovers
from .lexicon import Lexicon, normalise
from .noun_phrases import _headed, _privative, _sized, describes_next, garment_at
from .owned import read_owned
from .parsed import Mention, Parsed
from .self_correction import self_corrected
from .shapes import read_shapes
from .text import clean
from .units import read_units
from .unsearchable import read_unsearchable
from .word_roles import counted, retail_singular, sizes_the_item

_FREE = re.compile(r"\b([A-Za-z]+)-free\b|\bfree (?:of|from) (?:(?:any|the|a|an)\s+)?([A-Za-z]+)\b", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9&']+|[,.;!?]", text)


def _repair(toks: list[str], lexicon: Lexicon, out: Parsed) -> list[str]:
    """Typos of known words become those words ("sleves" -> sleeves); function words are left alone."""
    fixed = []
    for tok in toks:
        if (tok not in _STOPWORDS and tok not in _CUE_WORDS and tok not in _BOUNDARIES and not lexicon.lookup(tok)
                and not lexicon.compound(tok) and not lexicon.blend(tok)  # "overshirt" is a kind of shirt, not a typo of "overskirt"
                and not lexicon.knowledge.elsewhere(tok)  # "pansies": a thing WordNet knows is no typo ("panties")
                and not lexicon.shown(tok, plural_only=False)):  # nor a plant it knows ("dahlias")
            word = lexicon.speller.correct(tok)
            if word:
                out.corrections.append((tok, word))
                tok = word
        fixed.append(tok)
    return fixed


def parse(text: str, lexicon: Lexicon, expect: str | None = None) -> Parsed:
    """Read one message against a facet lexicon; ``expect`` is the facet just asked about, if any. A value the
    user takes back in the message ("blue? no wait, green") is left out (``agents.self_correction``)."""
    return self_corrected(text, lambda t: _read(t, lexicon, expect))


def _read(text: str, lexicon: Lexicon, expect: str | None = None) -> Parsed:
    out = Parsed()
    # "logo-free", "free of logos": "no logo", scope ended
    t = normalise(_FREE.sub(lambda m: f"no {m.group(1) or m.group(2)} ,", clean(text))).replace("’", "'")
    t = plain_shapes(t)
    whole = t  # before the readings below blank their words

    t = read_shapes(t, lexicon, out)
    t = read_units(t, lexicon, out)  # "circles all over", "covered in little rings": the pattern of that unit
    t = read_unsearchable(t, lexicon, out, expect)
    t = read_owned(t, lexicon, out)  # "a top to go with my navy skirt": the skirt is the user's own

    toks = _repair(_tokens(t), lexicon, out)
    said = list(toks)  # before the readings below blank their words: what a negation scope covers
    toks = read_colourless(toks, lexicon, out)  # "greenhouse", "a white lie": things, no colour (round 30)
    toks = _headed(_privative(toks, lexicon, out), lexicon, out, expect)
    parts: set[str] = set()  # nouns whose colour was said ("gold buttons"): in that wish, never one of their own
    names = frozenset(proper_names(clean(text)))  # "in Paris", "Cory Monteith": no colour, no dictionary word
    for s, e, match, negated in colour_spans(toks, lexicon, expect, names):  # "in oxblood"
        phrase = " ".join(toks[s:e])
        if not negated and (part := of_a_part(toks, s, e, lexicon)):  # "with champagne buttons": the buttons'
            out.wishes.append(f"{phrase} {part}")
            parts.add(part)
            toks[s:e] = [""] * (e - s)
            continue
        accent = _accent_at(toks, s, out)
        facet = "accent" if accent and design_at(toks, e, lexicon) else "colour"  # "red with champagne stripes"
        out.mentions.append(Mention(facet, match.value, not negated, match.source, phrase))
        toks[s:e] = [""] * (e - s)
    toks = _sized(toks, lexicon, out)
    negating = False
    scope: set[str] | None = None  # the open "not …" scope's words (``Parsed.taken_back``)
    i = 0
    leftover: list[tuple[int, str, bool]] = []  # (position, word, under a negation)
    cue_end, cue_words = -1, ""  # where the last negation cue ended, and its words
    modifier: tuple[int, str] | None = None  # (where its head noun starts, the words) of "t shirt" in "t shirt dress"
    while i < len(toks):
        if not toks[i]:  # a word an earlier reading took ("without arms"): never the start of a phrase
            _take(scope, said[i])
            i += 1
            continue
        # A phrase the lexicon knows wins over reading its first word as a cue ("no sleeves").
        n, found = longest_at(toks, i, lexicon)
        if found:
            phrase = " ".join(toks[i : i + n])
            accent_context = _accent_at(toks, i, out)
            head_next = garment_at(toks, i + n, lexicon)  # "t shirt" of "a t-shirt dress" only says which dress
            compound = f"{modifier[1]} {phrase}" if modifier and modifier[0] == i else ""
            for k, match in enumerate(found):
                if k and (match.source != "wordnet" or match.facet in {f.facet for f in found[:k]}):
                    continue  # a WordNet word may name two facets ("miniskirt"); a lexicon phrase names one
                facet = match.facet
                if facet == "length" and n == 1 and describes_next(toks, i, lexicon):
                    continue  # "a mini backpack": the bag's size, no hem
                if facet == "category" and head_next:
                    modifier = (i + n, phrase)
                    continue
                if facet == "scale" and sizes_the_item(toks, said, i + len(phrase.split()), lexicon):  # "a big red bag": not a print's
                    out.wishes.append(phrase)
                    continue
                if facet == "category" and phrase in lexicon.knowledge.mass_garments and not counted(toks, i) \
                        and not retail_singular(phrase, lexicon):
                    out.wishes.append(phrase)  # "something in denim", "made of tweed": the material, no kind
                    continue
                if facet == "category" and compound and negating:
                    # "a dress, not a shirt dress": not that kind of dress, never no dress; its words are
                    # unwanted words, and no correction takes back the dress wanted elsewhere
                    out.unwanted.append(compound)
                    if scope is not None:
                        scope.difference_update(compound.split())
                    continue
                if facet == "colour" and accent_context and design_at(toks, i + n, lexicon):
                    facet = "accent"  # "red with white stripes": white is the stripes' colour
                elif facet == "colour" and not negating and (part := of_a_part(toks, i, i + n, lexicon)):
                    out.wishes.append(f"{phrase} {part}")  # "a navy blazer with gold buttons"
                    parts.add(part)
                    continue
                specific = phrase if match.generalised and facet != "colour" else ""
                if facet == "category" and compound:
                    specific = compound  # "a t-shirt dress": the kind of dress stays in the query as free text
                out.mentions.append(Mention(facet, match.value, not negating, match.source, phrase, specific))
            if not (compound and negating):
                for tok in toks[i : i + n]:
                    _take(scope, tok)
            i += n
            continue
        cue = next((c for c in _NEGATION_CUES if tuple(toks[i : i + len(c)]) == c), None)
        if cue:
            negating = True
            scope = set() if cue[-1] == "not" else None
            if scope is not None:
                out.taken_back.append(scope)
            i += len(cue)
            cue_end, cue_words = i, " ".join(cue)
            continue
        tok = toks[i]
        if tok in ("in", "with") and negating and i == cue_end:
            i += 1  # "not in black", "not with flowers": the preposition the negated words come in, no boundary
            continue
        if tok in _BOUNDARIES:
            negating, scope = False, None
            i += 1
            continue
        if tok in ("or",):
            i += 1
            continue
        if tok in ("long", "short") and "length" in lexicon.facets and describes_next(toks, i, lexicon):
            _take(scope, tok)  # "a long weekend", "short hair": said of that noun, no hem's length
            i += 1
            continue
        if tok in ("long", "short") and "length" in lexicon.facets:
            value = "maxi" if tok == "long" else "mini"
            out.mentions.append(Mention("length", value, not negating, "lexicon", tok))
            _take(scope, tok)
            i += 1
            continue
        if negating and _named_after_cue(toks, i, cue_end, cue_words, whole) and (empty := empty_value(tok, lexicon)):
            out.mentions.append(Mention(*empty, True, "similarity", tok, ""))  # "no images": no print
        elif tok in _STOPWORDS or len(tok) < 2 or tok.isdigit():
            pass
        else:
            leftover.append((i, tok, negating))
        _take(scope, tok)
        i += 1
    out.keep_shared()
    out.taken_back = [words for words in out.taken_back if words]
    leftover = in_answers_only(leftover, lexicon.define, out, expect)
    read_leftovers(leftover, lexicon, out, expect, toks, names, said)
    out.wishes = [w for w in out.wishes if w not in parts]
    drop_inapplicable_guesses(out, lexicon.facets, whole)  # "a round bag": no crew neck
    _said_of_sleeves(out, lexicon, expect, whole)
    _guess_alone(out, lexicon)
    _name_alone(out, toks, lexicon, expect)
    out.find_either(whole)
    if not any(m.facet == "pattern" for m in out.mentions):  # "a larger bag" is no larger pattern
        out.comparatives = [(f, d) for f, d in out.comparatives if f != "scale"]
    if out.dont_care:
        out.wishes, out.unwanted = [], []  # the whole message said "whatever": none of its words is a wish
    return out


def _said_of_sleeves(out: Parsed, lexicon: Lexicon, expect: str | None, whole: str) -> None:
    """"Short", "long ones", "not long" answering the sleeve question are the sleeves' length, not the hem's (read
    as a mini or maxi length before, round 30), unless the answer names a kind ("a short dress") or the hem ("short
    ones, and long for the hem")."""
    if expect != "sleeve" or "sleeve" not in lexicon.facets or any(m.facet == "category" for m in out.mentions) \
            or re.search(r"\b(?:hem|hemline|hems|length|skirt)\b", whole):
        return
    values = lexicon.facets["sleeve"].values
    out.mentions = [replace(m, facet="sleeve", value=m.text) if m.facet == "length" and m.text in values else m
                    for m in out.mentions]


def _named_after_cue(toks: list[str], i: int, cue_end: int, cue: str, whole: str) -> bool:
    """Whether ``toks[i]`` is a function word of the parser ("image", "pictures": words about the photo, so
    never a wish) right after a negation cue or its article in the message as typed ("no images", "without a
    picture"; not "nothing like this picture", whose "like this" an earlier reading took): it may then name a
    decoration facet, which ``_empty_value`` decides by MiniLM."""
    tok = toks[i]
    if not (tok in _STOPWORDS and tok.isalpha() and len(tok) >= 4):
        return False
    after = i == cue_end or (i == cue_end + 1 and toks[cue_end] in ("a", "an"))
    return after and re.search(rf"\b{re.escape(cue)} (?:an? )?{tok}\b", whole) is not None


def _accent_at(toks: list[str], i: int, out: Parsed) -> bool:
    """Whether a colour at ``toks[i]`` may be a design's colour ("red with white stripes", "red and white
    stripes", "a red dress, white dots"), never one offered instead of the colour before it ("red or blue")."""
    return (i > 0 and toks[i - 1] in ("with", "and")) or (
        any(m.facet == "colour" for m in out.mentions) and "or" not in toks[max(i - 3, 0):i])


def _take(scope: set[str] | None, tok: str) -> None:
    """Adds ``tok`` to the open "not …" scope (``Parsed.taken_back``), if any: its content words only."""
    if scope is not None and tok and tok not in _STOPWORDS and tok[0].isalnum():
        scope.add(tok)


def _name_alone(out: Parsed, toks: list[str], lexicon: Lexicon, expect: str | None) -> None:
    """A colour-resource name typed alone ("champagne") that no other source read: the colour, as a guess the
    reply states, its words kept in the query (``colour_context.name_alone``)."""
    if (expect is not None or out.mentions or out.elsewhere or out.retracted or out.result_refs or out.found
            or out.dont_care or out.forgotten or out.forgotten_values or out.comparatives or out.this_ref
            or out.not_this or out.unsearchable):
        return  # the message said something else: "forget the champagne", "like this", "whatever"
    alone = name_alone(toks, lexicon)
    if alone:
        span, match = alone
        out.mentions.append(Mention("colour", match.value, True, match.source, span, span))
        out.wishes = [w for w in out.wishes if w != span]


def _guess_alone(out: Parsed, lexicon: Lexicon) -> None:
    """A guess among the asked facet's values (``agents.forced_choice``) stands only where the message said
    nothing else a source could read, but for a facet that refines the asked one ("tiny" sizes the pattern):
    "deep v", asked about the pattern, is a neckline, and "deep" is no pattern. Its words stay a wish."""
    guessed = [m for m in out.mentions if m.source == GUESS]
    if not guessed:
        return
    asked = guessed[0].facet
    other = [m for m in out.mentions if m.source != GUESS and m.facet != asked
             and asked not in (lexicon.facets[m.facet].applies_to or {} if m.facet in lexicon.facets else {})]
    if other or out.elsewhere:
        out.mentions = [m for m in out.mentions if m.source != GUESS]
        out.wishes += [m.text for m in guessed]

