"""What a word's neighbours say it is: the garment's size or a print's, a material or a garment, a colour or a thing.

The same word is read differently by the words around it, and English says which by its shape: a size word
before a garment's noun sizes the garment ("a big bag"), before a print its pattern ("a small leopard print
dress"); a fabric word counted by "a" is the garment ("a denim"), uncounted the material ("something in
denim"); a plant in the plural on a garment is a print ("a dress with roses"), beside colour words a colour
("in violets and blues"). ``agents.understand`` asks these questions while it reads a message; each looks only
at the message's words (``said``: before readings blanked them).
"""

from __future__ import annotations

from .colour_context import _COLOUR_NOUNS
from .cues import _BOUNDARIES
from .lexicon import Lexicon
from .noun_phrases import garment_at


def sizes_the_item(toks: list[str], said: list[str], i: int, lexicon: Lexicon) -> bool:
    """Whether a size word before ``i`` sizes the garment rather than a pattern: "a big bag", "a big red coat",
    "big enough": the garment's noun (or "enough") follows, with only colour words between (``said``: the words
    before readings blanked them); "big red stripes", "a small leopard print dress" size the pattern (the facet
    set's ``scale``), and so does a thing on a garment already named ("a shirt with small ties")."""
    while i < len(toks) and any(m.facet == "colour" for m in lexicon.lookup(said[i] or toks[i])):
        i += 1
    if i >= len(toks) or not toks[i]:
        return False  # a print read before ("leopard print"): its size
    if toks[i] == "enough" or garment_at(toks, i, lexicon):
        return True
    named = any(m.facet == "category" for w in said[:i] if w for m in lexicon.lookup(w))
    return not named and garment_at(toks, i, lexicon, lacking=True)


def counted(toks: list[str], i: int) -> bool:
    """Whether the noun at ``i`` is counted: "a"/"an"/"one" before it, over up to three modifiers ("a red
    mackintosh"). A material is a mass noun ("in denim", "something tweed"), a garment a count noun."""
    for j in range(i - 1, max(-1, i - 5), -1):
        if toks[j] in ("a", "an", "one"):
            return True
        if toks[j] in _BOUNDARIES or toks[j] in ("in", "of", "from", "with", "and", "or"):
            return False  # "a shirt in denim": the article counts the shirt
    return False


def retail_singular(word: str, lexicon: Lexicon) -> bool:
    """"a black skinny jean", "the mom jean": a shop's singular of a garment whose plural is the catalog's own
    word for a kind (the hand lexicon's "jeans"), never the fabric; "denims" is no such word, so "denim" is."""
    return any(m.facet == "category" and m.source == "lexicon" for m in lexicon.lookup(word + "s"))


def said_as_colour(said: list[str], i: int, lexicon: Lexicon) -> bool:
    """Whether the plant word at ``i`` (``said``: the message's words before readings blanked them) is said as a
    colour, not as a thing on the garment: after a colour noun ("the colours of roses", "shades of roses"), or,
    unless "with", "covered", "print" say a thing is on it ("a dress with roses", "a print of tiny roses"), after
    "in" or beside another colour word ("in violets and blues", "soft pinks and roses", "a pink like roses")."""
    before = [w for w in said[max(0, i - 4):i] if w]
    if any(w.removesuffix("s") in _COLOUR_NOUNS for w in before):
        return True
    after = [w for w in said[i + 1:i + 3] if w]
    if {"with", "print", "printed", "covered", "over", "patterned"} & set(before) or after[:1] in (["print"], ["pattern"],
                                                                                                 ["all"], ["on"]):
        return False
    near = [w for w in [*said[max(0, i - 3):i], *said[i + 1:i + 4]] if w and w not in ("and", "or", "like", ",")]
    return "in" in said[max(0, i - 3):i] or any(m.facet == "colour" for w in near for m in lexicon.lookup(w))


# Relative pronouns and subjects a verb follows, and particles and prepositions a verb of fastening or fit takes
_SUBJECTS = {"that", "which", "it", "who", "they"}
_PARTICLES = {"at", "up", "in", "on", "round", "around", "under", "over", "down", "off", "back", "behind", "through",
              "across", "along", "to", "into", "onto", "from", "below", "above"}


def said_as_verb(said: list[str], i: int) -> bool:
    """Whether the word at ``i`` is a verb, not a garment's noun: after "that"/"which"/"it" and before a particle
    ("a dress that ties at the waist", "a coat that belts at the front"). Read as a noun, "ties" told the user the
    catalog has no neckties."""
    return 0 < i < len(said) - 1 and said[i - 1] in _SUBJECTS and said[i + 1] in _PARTICLES
