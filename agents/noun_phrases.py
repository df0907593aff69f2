"""Readings of a noun with the words in front of it, before the lexicon pass of ``agents.understand``.

A facet noun and its modifiers ("cap sleeves", "short-armed", "armless", "without arms"), a modifier in
front of a pattern noun ("tiny checks": the pattern's size, never the trousers' fit), and a word in front of a
garment noun ("a t-shirt dress", "a bowling shirt": English noun compounds are head-final, so the garment is the
last noun and the words before it only say which kind of it).
"""

from __future__ import annotations

from .colour_context import longest_at, names_design
from .cues import _BOUNDARIES, _CUE_WORDS, _FACET_WORDS, _HEADS, _STOPWORDS
from .forced_choice import forced_choice
from .knowledge import singular
from .landmarks import RELATION, SCALE_NOUNS, degree_value, landmark_value, part_value, part_word
from .lexicon import Lexicon
from .parsed import Match, Mention, Parsed
from .style_probe import probe
from .style_words import shape_particle, style_entry

_ARTICLES = ("a", "an", "any")  # "without a pattern", "without a print", "without any sleeves"


def _head_facet(tok: str) -> str | None:
    """The facet a head noun names, also through its "-ed" adjective ("armed" of "short-armed")."""
    if tok in _HEADS or tok + "s" in _HEADS:  # "arm" of "armless"
        return _HEADS.get(tok) or _HEADS[tok + "s"]
    stem = tok[:-2] if tok.endswith("ed") and len(tok) > 4 else ""
    return _HEADS.get(stem) or _HEADS.get(stem + "s") if stem else None


def _same_facet_nouns(facet: str) -> list[str]:
    return [w for w, f in _HEADS.items() if f == facet]


def _privative(toks: list[str], lexicon: Lexicon, out: Parsed) -> list[str]:
    """"<facet noun>less" ("armless") and "no/without <facet noun>" ("without arms") say what "no <facet
    noun>" says for any noun of the facet: both read as the lexicon's "no sleeves". The facet's own word
    counts too, after an article ("without a pattern", "without a print": the lexicon's "no pattern",
    "no print"); "pattern" and "print" are otherwise function words of the parser (``cues._STOPWORDS``)."""
    toks = list(toks)
    for i, tok in enumerate(toks):
        facet = _head_facet(tok[:-4]) if tok.endswith("less") and len(tok) > 6 else None
        # "no arms", "without arms", "without a pattern", "without a print": an article may stand between
        cue = i - 2 if i > 1 and toks[i - 1] in _ARTICLES else i - 1
        said = cue >= 0 and toks[cue] in ("no", "without") and (_head_facet(tok) or _FACET_WORDS.get(tok))
        if said:
            facet = _HEADS.get(tok) or _HEADS.get(tok + "s") or _FACET_WORDS.get(tok)
        if not facet or facet not in lexicon.facets or lexicon.lookup(tok) or (
                said and cue == i - 1 and toks[cue] == "no" and lexicon.lookup(f"no {tok}")):
            continue  # "no print" itself is the lexicon's phrase: the lexicon pass reads it
        nouns = [tok, *_same_facet_nouns(facet)] if said else _same_facet_nouns(facet)
        hits = [m for n in nouns for m in lexicon.lookup(f"no {n}") if m.facet == facet]
        if hits:
            first = cue if said else i
            negated = any(w in _CUE_WORDS for w in toks[max(0, first - 2) : first])
            phrase = " ".join(toks[first : i + 1])
            out.mentions.append(Mention(facet, hits[0].value, not negated, "morphology", phrase, phrase))
            toks[first : i + 1] = [""] * (i + 1 - first)
    return toks


def _headed(toks: list[str], lexicon: Lexicon, out: Parsed, expect: str | None = None) -> list[str]:
    """"<description> <facet noun>" read as that facet by similarity when no phrase names it; in an answer
    about that facet (``expect``), as a forced choice among its values (``agents.forced_choice``)."""
    toks = list(toks)
    for h, tok in enumerate(toks):
        facet = _head_facet(tok)
        if not facet or facet not in lexicon.facets:
            continue
        if facet == "length" and h + 1 < len(toks) and _head_facet(toks[h + 1]) not in (None, "length"):
            continue  # "shoulder-length sleeves": the length of the sleeves; the noun after is the head
        s = h
        while s > 0 and h - s < 3 and toks[s - 1].isalpha() and (_head_facet(toks[s - 1]) or toks[s - 1] not in
                                                                  _STOPWORDS | _CUE_WORDS | _BOUNDARIES
                                                                  or shape_particle(toks, s - 1, facet)):
            s -= 1  # the last facet noun is the head: "full-length sleeves" are about the sleeves
        same = any(m.facet == facet for a in range(s, h + 1) for m in lexicon.lookup(" ".join(toks[a : h + 1])))
        # "a mid-length hem": the words before the noun are the facet's own phrase; the lexicon pass reads them
        same = same or any(m.facet == facet for m in lexicon.lookup(" ".join(toks[s:h]))) if s < h else same
        # "a lilac print", "a rose print": a colour that is also a plant shows the plant before a print noun
        thing = facet == "motif" and h - s == 1 and bool(lexicon.knowledge.depicted(toks[s])
                                                           or lexicon.shown(toks[s], plural_only=False))
        garment = not thing and any(m.facet in ("colour", "pattern") for w in toks[s:h] for m in lexicon.lookup(w))
        body = _up_to(toks, h, lexicon) if s == h else None
        if body:  # "up to my neck", "covers the neck": where the neckline's edge lies
            out.mentions.append(Mention(*body[0], True, "landmark", body[1], body[1]))
            toks[h - len(body[1].split()) + 1 : h + 1] = [""] * len(body[1].split())
            continue
        if s == h or same or garment:
            continue  # nothing before the noun, a known phrase ("long sleeves"), or words about the garment
        phrase = " ".join(toks[s : h + 1])
        negated = any(w in _CUE_WORDS for w in toks[max(0, s - 2) : s])
        # The facet's nouns stand for each other: "short arms", "short-armed" say what "short sleeves" says.
        swapped = [m for n in _same_facet_nouns(facet) for m in lexicon.lookup(" ".join([*toks[s:h], n]))
                   if m.facet == facet]
        if swapped:
            out.mentions.append(Mention(facet, swapped[0].value, not negated, "head noun", phrase, phrase))
            toks[s : h + 1] = [""] * (h + 1 - s)
            continue
        body = landmark_value([w for w in toks[s : h + 1] if w in ("arms", "length") or w not in _HEADS], lexicon.facets)
        if body and (body[0] == facet or tok == "length"):  # "elbow-length sleeves", "bare arms"
            out.mentions.append(Mention(*body, not negated, "landmark", phrase, phrase))
            toks[s : h + 1] = [""] * (h + 1 - s)
            continue
        part = part_value(toks[s:h], lexicon.facets)
        stated = _beside_part(toks[s:h], tok, facet, lexicon) if part and part[0] == facet else None
        if stated:  # "short cuffed sleeves", "cuffed elbow sleeves": the length said wins; a cuff ends any sleeve
            out.mentions.append(Mention(facet, stated[0], not negated, stated[1], phrase, phrase))
            toks[s : h + 1] = [""] * (h + 1 - s)
            continue
        if part and part[0] == facet and any(m.facet == facet for m in out.mentions):
            out.wishes.append(phrase)  # "elbow-length cuffed sleeves": the length was said just before
            toks[s : h + 1] = [""] * (h + 1 - s)
            continue
        if part and part[0] == facet and not negated:  # "shirt-cuff sleeves": where the cuff sits, the wrist
            out.mentions.append(Mention(*part, True, "part", phrase, phrase))
            toks[s : h + 1] = [""] * (h + 1 - s)
            continue
        degree = degree_value(toks[s:h], facet, lexicon.facets)
        if degree:  # "a low neck", "a deep neckline", "a high hemline": an end of the facet's height order
            out.mentions.append(Mention(facet, degree, not negated, "degree", phrase, phrase))
            toks[s : h + 1] = [""] * (h + 1 - s)
            continue
        style = style_entry(toks[s:h], facet, lexicon, tok)
        if style:  # "a rounded neck", "a wrap neck", "poke sleeves" (GCIDE), "a décolleté neckline" (WordNet)
            out.mentions.append(Mention(facet, style[0], not negated, style[1], phrase, phrase))
            toks[s : h + 1] = [""] * (h + 1 - s)
            continue
        said = " ".join(toks[s:h])
        stated = [e for e in lexicon.knowledge.traits(said) if e.facet == facet]
        source = "wordnet"
        if not stated:  # "a mao collar": the first word of a garment name (mao jacket: "a high collar"), a guess
            stated, source = [e for e in lexicon.knowledge.clipped_traits(said) if e.facet == facet], "clipped"
        if stated and lexicon.facets.offers(facet, stated[0].value):  # "sweatshirt sleeves": as its definition says
            out.mentions.append(Mention(facet, stated[0].value, not negated, source, phrase, phrase))
            toks[s : h + 1] = [""] * (h + 1 - s)
            continue
        design = _design(toks[s:h], lexicon) if facet == "motif" else None
        if design:  # "spot print", "daisy print": what is printed names the pattern
            out.mentions.append(Mention(design.facet, design.value, not negated, design.source, phrase, phrase))
            toks[s : h + 1] = [""] * (h + 1 - s)
            continue
        match = lexicon.similar(phrase, facet)
        if match is None and facet == expect and not negated and not out.dont_care:
            match = forced_choice(phrase, facet, lexicon)  # "<words> sleeves", asked about sleeves: a guess
        if match is None and facet == expect and not negated:
            match = probe(phrase, facet, lexicon)  # "a nehru collar", asked about the neckline: the probe, a guess
        if match and _says_it_has(tok, facet, lexicon) == match.value:
            match = None  # "leg-of-mutton sleeves", "buttoned sleeves": sleeves said, never "sleeveless"
        if match:
            out.mentions.append(Mention(facet, match.value, not negated, match.source, phrase, phrase))
        elif not negated:
            out.wishes.append(phrase)  # "cap sleeves": about the sleeves, never a cap; kept as words
            out.unread_facets.append((facet, phrase))  # ... but the sleeves were talked about
        toks[s : h + 1] = [""] * (h + 1 - s)
    return toks


# The sleeve facet's nouns that name the sleeve itself (not "arms": "open arms" may be bare ones).
_SLEEVE_NOUNS = {"sleeve", "sleeves", "sleeved"}


def _says_it_has(noun: str, facet: str, lexicon: Lexicon) -> str | None:
    """The value a "<words> sleeves" phrase cannot mean, or None: a sleeve noun with words before it (not a
    negation, which ``_privative`` and the cues read) says the garment has sleeves, so the facet's "no sleeves"
    value (the lexicon's reading of "no sleeves") is never its reading. MiniLM's vote and the forced choice
    chose it for style names no resource defines ("gauntlet sleeves", "leg-of-mutton sleeves") and for
    fastenings ("buttoned sleeves"), 9 of the 12 wrong similarity readings of the development lists' sleeve words."""
    if facet != "sleeve" or noun not in _SLEEVE_NOUNS:
        return None
    return next((m.value for m in lexicon.lookup("no sleeves") if m.facet == facet), None)


def _beside_part(words: list[str], noun: str, facet: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """(value, source) the words beside a garment part say of ``facet`` once the part is left out: the facet's own
    phrase with the noun ("short cuffed sleeves": "short sleeves") or a landmark ("cuffed elbow sleeves"), or None."""
    rest = [w for w in words if not part_word(w)]
    if not rest or len(rest) == len(words):
        return None
    found = [m for m in lexicon.lookup(" ".join([*rest, noun])) if m.facet == facet]
    if found:
        return found[0].value, found[0].source
    body = landmark_value(rest, lexicon.facets)
    return (body[1], "landmark") if body and body[0] == facet else None


_FASTENED = {"buttons", "buttoned", "button", "zips", "zipped", "zip", "zipper", "zippers", "laces", "laced", "ties"}


def _up_to(toks: list[str], h: int, lexicon: Lexicon) -> tuple[tuple[str, str], str] | None:
    """((facet, value), phrase) a facet noun that is also a body landmark ("neck") says with the relation and
    function words before it ("up to my neck", "covers the neck", "all the way up the neck": turtleneck), or
    None; a negated phrase is left to the negation reading."""
    if toks[h] not in SCALE_NOUNS:
        return None
    j = h
    while j > 0 and h - j < 5 and toks[j - 1].isalpha() and (toks[j - 1] in _STOPWORDS or toks[j - 1] in RELATION):
        j -= 1
    k = j
    while k > 0 and toks[k - 1] not in _BOUNDARIES:
        k -= 1  # the clause: "i don't want a dress up to my neck" is under its negation
    if any(w in _CUE_WORDS for w in toks[k:h]):
        return None
    if "over" in toks[j:h] or (j > 0 and toks[j - 1] in _FASTENED):
        return None  # "a logo over the neck", "buttons up the neck", "zips up to the neck": no neckline said
    words = [*(w for w in toks[j:h] if w in RELATION or w not in _STOPWORDS), toks[h]]
    body = landmark_value(words, lexicon.facets) if len(words) > 1 else None
    return (body, " ".join(toks[j : h + 1])) if body else None


def _design(words: list[str], lexicon: Lexicon) -> Match | None:
    """What the words before a print noun show, as a pattern or motif: a pattern or motif noun in either
    number ("spot print": spots) or a thing WordNet puts beside a pattern seed ("daisy print": a flower)."""
    if len(words) != 1 or not words[0].isalpha():
        return None
    w = words[0]
    for form in (w, w + "s", w + "es"):
        hits = [m for m in lexicon.lookup(form) if m.facet in ("pattern", "motif")]
        if hits and (form == w or hits[0].source == "lexicon"):
            return Match(hits[0].facet, hits[0].value, hits[0].source, path=f"{w} as {form}")
    depicted = lexicon.knowledge.depicted(w)
    found = (Match(depicted.facet, depicted.value, "wordnet", path=depicted.path) if depicted
             else lexicon.shown(w, plural_only=False))  # "a dahlia print"
    if found and lexicon.facets.offers(found.facet, found.value):
        return found
    return None


# Facets a word before a pattern noun cannot be about: a size word there sizes the pattern ("thin stripes"),
# never the trousers' fit or the hat's brim.
_NOT_OF_PATTERNS = ("fit", "brim", "strap", "closure")


def _sized(toks: list[str], lexicon: Lexicon, out: Parsed) -> list[str]:
    """A modifier attaches to the pattern or print noun right after it: "tiny checks", "big dots" size the
    pattern (``scale``, where the facet set has it); a word another facet would take ("thin" as a slim fit)
    stays with the pattern as free text."""
    toks = list(toks)
    for i in range(1, len(toks)):
        if not toks[i] or not names_design(lexicon.lookup(toks[i])):
            continue
        j = i - 1
        w = toks[j]
        if not w.isalpha() or w in _CUE_WORDS or w in _BOUNDARIES or lexicon.lookup(w):
            continue
        negated = any(t in _CUE_WORDS for t in toks[max(0, j - 2) : j])
        size = lexicon.resolve(w, "scale") if "scale" in lexicon.facets else None
        if size and w in _STOPWORDS and size.source != "lexicon":
            size = None  # "make the dots bigger": "the" is no size ("big", "little": the lexicon's, kept)
        other = lexicon.resolve(w) if size is None and w not in _STOPWORDS else None
        if size:
            out.mentions.append(Mention("scale", size.value, not negated, size.source, w))
        elif other and other.facet in _NOT_OF_PATTERNS:
            out.wishes.append(f"{w} {toks[i]}")  # "thin stripes": the words stay in the query
        else:
            continue
        toks[j] = ""
    return toks


def describes_next(toks: list[str], i: int, lexicon: Lexicon) -> bool:
    """Whether the size word at ``i`` ("long", "short", "mini") is said of the noun after it, not of a hem: "a long
    weekend", "short hair", "a long zip", "a mini backpack" (a kind the length facet does not apply to). English
    adjectives stand before their noun, so the words up to the next function word are the noun phrase it
    describes; it is a hem's length when they end in a garment or a facet noun ("a long summer dress", "long
    sleeves"), a garment the catalog lacks ("a long tunic"), or are themselves words about the garment ("a long
    black one", "long and flowing", "a long pleated one": an "-ing"/"-ed" word is an adjective, not a noun)."""
    run = []
    for tok in toks[i + 1 : i + 4]:
        if not tok.isalpha() or tok in _STOPWORDS or tok in _CUE_WORDS or tok in _BOUNDARIES:
            break
        run.append(tok)
    if not run or _head_facet(run[-1]) or _participle(run[-1], lexicon) or _stands_for_garment(run[-1]):
        return False
    found = [m for w in run for m in lexicon.lookup(w)]
    kinds = {m.value for m in found if m.facet == "category"}
    if kinds:
        allowed = (lexicon.facets["length"].applies_to or {}).get("category") if "length" in lexicon.facets else None
        return allowed is not None and not kinds & set(allowed)
    where = lexicon.knowledge.elsewhere(run[-1])
    return not (where and where.kind == "lacking") and not any(m.facet in ("colour", "pattern", "motif") for m in found)


# Nouns that stand for the garment itself, as "one" does: "the long version of this dress", "short options only",
# "show me long styles" say the garment's length.
_STAND_INS = {"version", "option", "style", "variant", "variation", "design", "choice", "alternative", "cut", "model",
              "piece", "item", "thing", "ones"}


def _stands_for_garment(word: str) -> bool:
    """Whether a noun stands for the garment talked about (``_STAND_INS``), in either number."""
    return word in _STAND_INS or any(s in _STAND_INS for s in singular(word))


def _participle(word: str, lexicon: Lexicon) -> bool:
    """An "-ing" or "-ed" form of an English verb ("flowing", "pleated"), not a noun that ends so ("drawstring")."""
    for end in ("ing", "ed"):
        stem = word[: -len(end)] if word.endswith(end) and len(word) > len(end) + 2 else ""
        if stem and any(lexicon.in_wordpiece(s) for s in (stem, stem + "e", stem[:-1])):
            return True
    return False


def garment_at(toks: list[str], i: int, lexicon: Lexicon, lacking: bool = False) -> bool:
    """Whether the words at ``i`` name a kind of garment: the word just before them is its modifier. English
    noun compounds are head-final, so in "a t-shirt dress", "a dirndl skirt" or "a bowling shirt" the garment
    is the last noun and "t-shirt", "dirndl", "bowling" say which kind of it, never a second garment.
    ``lacking``: a garment or shoe the catalog lacks counts too ("a cosy jumper": "cosy" is no kind of its own),
    never a jewel ("large diamonds" are a pattern's)."""
    if not (0 <= i < len(toks) and toks[i]):
        return False
    if any(m.facet == "category" for m in longest_at(toks, i, lexicon)[1]):
        return True
    where = lexicon.knowledge.elsewhere(toks[i]) if lacking else None  # worn: clothing or footwear, no jewel
    return where is not None and where.kind == "lacking" and ("clothing.n." in where.path or "footwear" in where.path)
