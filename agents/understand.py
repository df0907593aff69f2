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
    _EMPTY,
    _FACET_WORDS,
    _HEADS,  # the leak test reads the engine's word lists from this module
    _NEGATION_CUES,
    _STOPWORDS,
    plain_shapes,
)
from .dictionary import in_answers_only, in_requests
from .forced_choice import SOURCE as GUESS
from .forced_choice import forced_choice
from .landmarks import RELATION, body_word, held_by, landmark_value, part_value, part_word, sits_at
from .lexicon import Lexicon, normalise
from .noun_phrases import _headed, _privative, _sized, describes_next, garment_at
from .owned import read_owned
from .parsed import Match, Mention, Parsed
from .self_correction import self_corrected
from .shapes import read_shapes
from .style_words import style_entry
from .text import clean
from .units import read_units
from .unsearchable import read_unsearchable
from .word_roles import counted, retail_singular, said_as_colour, said_as_verb, sizes_the_item

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
        if negating and _named_after_cue(toks, i, cue_end, cue_words, whole) and (empty := _empty_value(tok, lexicon)):
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
    _read_leftovers(leftover, lexicon, out, expect, toks, names, said)
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


def _carries(out: Parsed, facet: str, lexicon: Lexicon) -> bool:
    """Whether a kind the message names for sure has ``facet`` ("a dress": sleeves; "a bag": none)."""
    allowed = (lexicon.facets[facet].applies_to or {}).get("category") if facet in lexicon.facets else None
    kinds = {m.value for m in out.mentions if m.facet == "category" and m.positive and m.source != "similarity"}
    return bool(kinds) and (allowed is None or bool(kinds & set(allowed)))


def _landmark_after_noun(words: list[str], lexicon: Lexicon) -> tuple[str, str] | None:
    """A landmark phrase after the noun of its own facet ("a collar that covers my throat": turtleneck), the
    noun left out; None if the noun names another facet."""
    rest = [w for w in words if w not in _HEADS or w in ("arm", "arms", "neck")]  # a landmark noun stays one
    body = landmark_value(rest, lexicon.facets) if rest and len(rest) < len(words) else None
    return body if body and any(_HEADS[w] == body[0] for w in words if w in _HEADS) else None


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


def _runs(leftover: list[tuple[int, str, bool]]) -> list[list[tuple[int, str, bool]]]:
    """Leftover words that stood next to each other (with only function words between), same polarity."""
    runs: list[list[tuple[int, str, bool]]] = []
    for item in leftover:
        if runs and item[0] - runs[-1][-1][0] <= 2 and item[2] == runs[-1][-1][2]:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _relations_joined(runs: list[list[tuple[int, str, bool]]], lexicon: Lexicon) -> list[list[tuple[int, str, bool]]]:
    """Runs with a run of relation words alone joined to the landmark run after it: in "comes down to the floor"
    the words "to the" split "down" from "floor", and "down" stayed a wish after "floor" read maxi."""
    out: list[list[tuple[int, str, bool]]] = []
    for run in runs:
        if (out and all(w in RELATION for _, w, _ in out[-1]) and out[-1][0][2] == run[0][2]
                and landmark_value([w for _, w, _ in out[-1] + run], lexicon.facets)):
            out[-1] = out[-1] + run
        else:
            out.append(run)
    return out


def _read_leftovers(leftover: list[tuple[int, str, bool]], lexicon: Lexicon, out: Parsed,
                    expect: str | None = None, toks: list[str] | None = None,
                    names: frozenset[str] = frozenset(), said: list[str] | None = None) -> None:
    """Words no phrase matched: whole descriptions, things the catalog lacks, single words, then wishes.

    An answer to a question is first compared with the asked facet's values only ("to the wrist",
    asked about sleeves), unless the message already named a value of it; words that still read as
    nothing are then a forced choice among that facet's values (``agents.forced_choice``), a guess.
    """
    wished: list[str] = []
    taken = {m.facet for m in out.mentions}
    said = said or toks or []  # the message's words before readings blanked them
    runs = _runs(leftover)
    # facets a landmark run says: a landmark said anywhere wins over a garment part ("cuffs at the elbow": short)
    at_landmark = {b[0] for r in runs if (b := landmark_value([w for _, w, _ in r], lexicon.facets))}
    runs = _relations_joined(runs, lexicon)
    for run in runs:
        words = [w for _, w, _ in run]
        negated = run[0][2]
        text = " ".join(words)
        match = None
        k = next((k for k in range(1, len(words)) if body_word(words[k - 1])
                  and garment_at(words, k, lexicon, lacking=True)), 0)
        if k:  # "cuffed ankle boots", "knee socks": the landmark names the kind, no length of the garment asked for
            wished.append(" ".join(words[:k]))
            run, words = run[k:], words[k:]
            text = " ".join(words)
        if len(words) == 1 and said[run[-1][0] + 1 : run[-1][0] + 2] == ["up"] and landmark_value(words, lexicon.facets):
            wished.append(text)  # "thumbs up", "hands up": a posture, no edge of a sleeve ("up to the wrist" is)
            continue
        body = landmark_value(words, lexicon.facets) or _landmark_after_noun(words, lexicon)
        if body and body[0] not in taken:  # "to the elbow", "above the knee": where on the body it ends
            out.mentions.append(Mention(*body, not negated, "landmark", text, ""))
            taken.add(body[0])
            continue
        part = part_value(words, lexicon.facets) if not negated else None
        at = landmark_value([w for w in words if not part_word(w)], lexicon.facets) if part else None
        if at and at[0] == part[0] and at[0] not in taken:  # "cuffs at the elbow": the landmark said wins
            out.mentions.append(Mention(*at, True, "landmark", text, ""))
            taken.add(at[0])
            continue
        if part and part[0] in at_landmark:
            wished.append(text)
            continue
        if part and part[0] not in taken:  # "ribbed cuffs": a cuff ends the sleeve at the wrist
            out.mentions.append(Mention(*part, True, "part", text, ""))
            taken.add(part[0])
            continue
        after = [w for w in said[run[-1][0] + 1 : run[-1][0] + 2] if w.isalpha() and w not in _STOPWORDS]
        held = held_by(words + after, lexicon.facets) if not negated else None  # "a strap bag": the bag's strap
        if held and held[0] not in taken and (expect == held[0] or _carries(out, held[0], lexicon)):
            out.mentions.append(Mention(*held, True, "part", text, ""))  # "a dress with thin straps": sleeveless
            taken.add(held[0])
            continue
        if sits_at(words):  # "ties at the waist", "high-waisted": where it sits, no length and no guess
            (out.unwanted if negated else wished).append(text)
            continue
        empty = _empty_value(text, lexicon) if negated else _lacking(words, lexicon)
        if empty and empty[0] not in taken:  # "no logo", "without graphics": the facet's empty value
            out.mentions.append(Mention(*empty, True, "similarity", text, ""))
            taken.add(empty[0])
            continue
        style = style_entry(words, expect, lexicon) if expect and expect not in taken and not negated else None
        if style:  # asked about the neckline: "wrap", "piccadil": a shape or a style a dictionary defines
            out.mentions.append(Mention(expect, style[0], True, style[1], text, text))
            taken.add(expect)
            continue
        if expect and expect in lexicon.facets and expect not in taken:
            match = lexicon.similar(text, expect)
        if match is None and len(words) >= 2 and not any(lexicon.shown(w) for w in words):
            match = lexicon.similar(text)  # "tiny roses": the plant below, not the run's nearest colour
        if match and match.facet not in taken:
            out.mentions.append(Mention(match.facet, match.value, not negated, match.source, text, text))
            taken.add(match.facet)
            continue
        rest = []
        j = 0
        while j < len(words):
            seen = None
            for n in range(len(words) - j, 0, -1):  # longest span first ("sports car", then "car")
                span = " ".join(words[j : j + n])
                where = lexicon.knowledge.elsewhere(span)
                if where:
                    seen = (n, span, where)
                    break
            depicted = lexicon.knowledge.depicted(seen[1]) if seen and seen[2].kind == "outside" else None
            if depicted and lexicon.facets.offers(depicted.facet, depicted.value):
                n, span = seen[:2]  # "a shirt with tulips": plants on a garment are a floral print
                out.mentions.append(Mention(depicted.facet, depicted.value, not negated, "wordnet", span, span))
                j += n
                continue
            shown = lexicon.shown(words[j]) if not seen and not said_as_colour(said, run[j][0], lexicon) else None
            if shown and lexicon.facets.offers(shown.facet, shown.value):  # "a dress with roses", "dahlias": floral
                out.mentions.append(Mention(shown.facet, shown.value, not negated, shown.source, words[j], words[j]))
                j += 1
                continue
            kind_said = any(m.facet == "category" and m.positive for m in out.mentions)
            if seen and seen[0] == 1 and said_as_verb(said, run[j][0]):
                j += 1  # "a dress that ties at the waist": a verb, no garment the catalog lacks
                continue
            if seen:
                n, span, where = seen
                if where.kind == "outside" and kind_said and not negated and "motif" in lexicon.facets:
                    out.unread_facets.append(("motif", span))  # "a t-shirt with cats on it": a print of them
                    wished.append(span)
                    j += n
                    continue
                style = where.kind == "lacking" and garment_at(toks or [], run[j + n - 1][0] + 1, lexicon)
                if style:  # "a wrap dress", "a tunic top": a style of the kind after it, which the catalog has (it
                    # told the user it had no wraps, round 30); "not a wrap dress": a style not wanted (review)
                    (out.unwanted if negated else wished).append(span)
                else:
                    out.elsewhere.append((span, where))
                for e in lexicon.knowledge.traits(span) if where.kind == "lacking" and not negated else []:
                    if lexicon.facets.offers(e.facet, e.value) and e.facet not in taken:
                        out.mentions.append(Mention(e.facet, e.value, True, "wordnet", span, span))
                        taken.add(e.facet)  # "a halter": a garment the catalog lacks, but its arms are bare
                j += n
                continue
            tok = words[j]
            # Two dictionaries that agree ("cordate": heart) come before the MiniLM vote (trousers); no other row
            # reads such a word (``scripts/gcide_agreed.py``). Rare words come after it (row 3e).
            match = in_requests(tok, lexicon.define, lexicon.dictionary.agreed_word, names, kind_said)
            match = match or (lexicon.resolve(tok) if tok.isalpha() and len(tok) >= 3 else None)
            match = match or in_requests(tok, lexicon.define, lexicon.dictionary.is_rare, names, kind_said)  # row 3e
            if match and match.facet == "category" and garment_at(toks or [], run[j][0] + 1, lexicon, lacking=True):
                match = None  # "a bowling shirt", "a down jacket": a word before a garment noun says which kind
            if match and match.facet == "category" and match.source == "similarity" and lexicon.knowledge.material(tok):
                match = None  # "in corduroy": a fabric is no kind, whatever garment MiniLM finds near it
            if match:
                specific = tok if match.generalised and match.facet != "colour" else ""
                out.mentions.append(Mention(match.facet, match.value, not negated, match.source, tok, specific))
            else:
                rest.append(tok)  # a brand, a code, a word nobody listed: it stays in the query text
            j += 1
        guess = _guess(run, toks or [], lexicon, out, expect) if rest and expect not in taken else None
        if guess:  # "chessboard grid", asked about the pattern: checked, said to be a guess; the words stay in the query
            span, match = guess
            out.mentions.append(Mention(match.facet, match.value, True, match.source, span, span))
            taken.add(match.facet)
        elif rest and not (out.elsewhere and any(span in text for span, _ in out.elsewhere)):
            (out.unwanted if negated else wished).append(" ".join(rest))  # "sports" of "sports car" is no wish
    if wished:
        out.wishes.append(" ".join(wished))


def _guess(run: list[tuple[int, str, bool]], toks: list[str], lexicon: Lexicon, out: Parsed,
           expect: str | None) -> tuple[str, Match] | None:
    """(the span read, the asked facet's value) for an answer no source read, as a forced choice; the span is
    the run with the function and facet words between, and a facet noun just after ("puff sleeves")."""
    if not expect or expect not in lexicon.facets or run[0][2] or out.dont_care:
        return None
    if any(m.facet == expect for m in out.mentions):  # a word of the run already read as the asked facet
        return None
    s, e = run[0][0], run[-1][0] + 1
    if e < len(toks) and _FACET_WORDS.get(toks[e]) == expect:
        e += 1
    span = " ".join(t for t in toks[s:e] if t)
    match = forced_choice(span, expect, lexicon) if span else None
    return (span, match) if match else None


def _lacking(words: list[str], lexicon: Lexicon) -> tuple[str, str] | None:
    """"logoless", "patternless": a word "<X>less" that no source read says what "no <X>" says, when <X> names a
    decoration facet itself (``_empty_value``: motif none, pattern solid); "careless" names none."""
    if len(words) != 1 or not words[0].isalpha() or not words[0].endswith("less") or len(words[0]) < 7:
        return None
    return _empty_value(words[0][: -len("less")], lexicon)


def _empty_value(text: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """(facet, empty value) when a negated phrase names a decoration facet itself ("no logo" -> motif none), or
    begins with a kind of writing, sign or symbol WordNet names (the asset's ``marks``: "no symbols", "without
    lettering", "wordless"; round 30): what is printed on a garment, so none of it is the print motif's none."""
    words = text.split()
    if words and lexicon.knowledge.mark(words[0]) and lexicon.facets.offers("motif", _EMPTY["motif"]):
        return ("motif", _EMPTY["motif"])
    descriptions = {f.name: [f.label, f.name, *(w for w, n in _FACET_WORDS.items() if n == f.name)]
                    for f in lexicon.facets if f.name in _EMPTY and _EMPTY[f.name] in f.values}
    facet = lexicon.names_facet(text, descriptions) if descriptions else None
    return (facet, _EMPTY[facet]) if facet else None
