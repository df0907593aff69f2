"""A guessed reading of a facet the named garment cannot have is no reading.

Each facet of the schema says which kinds it applies to (``FacetDef.applies_to``: a neckline for t-shirts and
dresses, a print motif for t-shirts, hoodies and bags). When a message names kinds and none of them can carry
a facet, a MiniLM guess of that facet is a look-alike of the words, not what the user asked: "a round bag" is
no crew neck, "a shirt with a chest pocket" no heart print (a kind named as a comparison, "the round kind like a
sweatshirt", is not the kind asked for). Such a guess is dropped and its words stay in the
query as a wish. A sure reading (the hand lexicon, WordNet, a colour name) is kept: the user said it, and the
reply says the catalog has none. Only guesses of the MiniLM vote (source "similarity") are dropped; the empty
values read by MiniLM ("no logo" on a shirt) are kept, since they only ask for no decoration.

Likewise a guess made of the words of a purpose after the named kind ("a dress for a garden party", "a top for
stargazing"): "for" there says what the garment is worn for or who it is for, not how it looks.
"""

from __future__ import annotations

import re

from retrieval.facets import FacetSet

from .landmarks import RELATION, body_word
from .parsed import Parsed

# Sources that read where an edge lies or how it is drawn ("to the knee", "a high neck", "a round neck"): said of
# the garment named beside them, whichever it is.
_WHERE = ("degree", "part", "landmark", "shape")
_FOR = r"\bfor\s+(?:(?:a|an|the|my|your|our|his|her|their|some)\s+)?"
# ... and a purpose said with a verb ("a bag for carrying oranges", "an apron for making pesto"): only for a
# colour, whose word there is the thing's, not the garment's (round 30)
# Never after a verb of choosing or seeking: "a dress, I'm going for black", "a coat, I'd go for grey", "looking for
# green" ask for the colour (review, round 30).
_FOR_DOING = (r"(?<!\bgo )(?<!\bgoing )(?<!\bgoes )(?<!\bwent )(?<!\bopt )(?<!\bopting )(?<!\blook )(?<!\blooking )"
              r"(?<!\bsearching )(?<!\bhunting )(?<!\bask )(?<!\basking )(?<!\bsettle )(?<!\bvote )"
              r"\bfor\s+(?:[a-z]+ing\s+)?(?:(?:a|an|the|my|your|our|his|her|their|some)\s+)?")


def _words(text: str) -> str:
    """A mention's words as a pattern that finds them in the message, whatever the spaces between."""
    return r"\s+".join(map(re.escape, text.split()))


def _no_garment(text: str, kind: str) -> bool:
    """Whether a MiniLM guess of ``kind`` was made of words that cannot name a garment: landmark relation words
    ("down", "over") or an "-y" adjective formed on the kind's name ("baggy" of bag)."""
    words = text.split()
    if words and all(w in RELATION or body_word(w) for w in words):  # "keeps my hands free" is no bag
        return True
    stem = text[:-1] if len(words) == 1 and text.endswith("y") else ""
    return bool(stem) and stem in (kind, kind + kind[-1:])


def drop_inapplicable_guesses(out: Parsed, facets: FacetSet, whole: str = "") -> None:
    """Removes MiniLM guesses of a facet that none of the message's named kinds can carry, or made of the
    words of a purpose ("for a garden party") after a named kind; their words become wishes. A "neck" read
    from where the neckline ends ("up to my neck") on kinds with no neckline goes the same way ("a coat up to
    my neck"), and any landmark's ("a bag with straps to the wrist"): the kind has none to filter by; so does a degree word's ("a coat with a high collar" is read by
    the lexicon, but "a jacket with a low neck" has no neckline to filter by). A second kind guessed by MiniLM
    beside a kind the message names for sure, made of words that cannot name a garment, goes too (round 28):
    relation words of the body landmarks, which say where ("a dress down to my knees" was a shirt), and an "-y"
    adjective formed on the kind's name, which says a shape ("trousers with a baggy leg" was a bag). Other second
    kinds stay: "a top with a hood" is a hoodie by similarity, and right. A colour said right after such a "for"
    (or "for <doing>") is the purpose's, whatever read it (round 30): "a dress for the red carpet", "a bag for
    carrying oranges"; "looking for a red dress" names its kind after the colour and keeps it."""
    named = [m for m in out.mentions if m.facet == "category" and m.positive and m.text.strip()  # not "like a …"
             and not re.search(r"\blike\s+(?:(?:a|an|the)\s+)?" + _words(m.text) + r"\b", whole)]
    sure = {m.value for m in named if m.source != "similarity"}
    if sure:
        guessed = [m for m in out.mentions if m.facet == "category" and m.positive and m.source == "similarity"
                   and m.value not in sure and _no_garment(m.text, m.value)]
        out.wishes.extend(m.text for m in guessed)
        out.mentions = [m for m in out.mentions if not any(m is g for g in guessed)]
        named = [m for m in named if not any(m is g for g in guessed)]
    kinds = {m.value for m in named}
    if not kinds:
        _drop_for_lacking(out, facets, whole)
        return
    first = min((k.start() for m in named for k in re.finditer(r"\b" + _words(m.text) + r"\b", whole)), default=-1)
    kept = []
    for m in out.mentions:
        applies = facets[m.facet].applies_to if m.facet in facets else None
        allowed = (applies or {}).get("category")
        purpose = first >= 0 and any(k.start() > first for k in re.finditer(_FOR + _words(m.text) + r"\b", whole))
        # where a body landmark says an edge lies is about the named kind: "a bag with straps to the wrist" was
        # long sleeves (round 29; before, only a neckline's landmark went)
        guess = m.source in ("similarity", *_WHERE)
        # a colour said of the purpose is that thing's colour, whatever source read it: "a dress for the red
        # carpet", "a shirt for my coffee shop job", "a bag for my black laptop" (round 30)
        if m.facet == "colour" and m.positive and first >= 0 \
                and any(k.start() > first for k in re.finditer(_FOR_DOING + _words(m.text) + r"\b", whole)):
            out.wishes.append(m.text)
            continue
        if (guess and m.positive and m.facet != "category" and m.value not in ("none", "solid")
                and ((purpose and m.source == "similarity") or (allowed is not None and not kinds & set(allowed)))):
            out.wishes.append(m.text)
            continue
        kept.append(m)
    out.mentions = kept


def _drop_for_lacking(out: Parsed, facets: FacetSet, whole: str) -> None:
    """With no catalog kind named but a garment the catalog lacks ("socks up to the knee", "boots to the knee"),
    where an edge lies or how it is drawn describes that garment, not one the catalog has: such guesses become
    wishes (round 30; "socks up to the knee" searched midi dresses and skirts), unless the catalog's closest kind
    to that garment can carry the facet."""
    lacking = [(span, where) for span, where in out.elsewhere if where.kind == "lacking"]
    if not lacking:
        return

    def carried(facet: str) -> bool:
        allowed = ((facets[facet].applies_to if facet in facets else None) or {}).get("category")
        return any(w.closest and (allowed is None or w.closest in allowed) for _, w in lacking)

    def beside(m) -> bool:  # in one clause with the garment: "to the knee, I'll wear socks" is no sock's length
        return any(re.search(_words(span) + r"[^,.;!?]*?\b" + _words(m.text) + r"\b|\b" + _words(m.text)
                             + r"\b[^,.;!?]*?" + _words(span), whole) for span, _ in lacking)

    moved = [m for m in out.mentions if m.positive and m.source in _WHERE and not carried(m.facet) and beside(m)]
    out.wishes.extend(m.text for m in moved)
    out.mentions = [m for m in out.mentions if not any(m is g for g in moved)]
