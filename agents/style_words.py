"""What a description of a sleeve or a neckline says of its value, and the style names a dictionary defines.

A neckline is often named by the shape of its edge rather than by a height: drawn as a letter or a figure
("a U-neckline", "a rounded neck": the round edge close to the neck, crew), brought to a point or made by two
fronts crossing ("a pointed neckline", "a wrap neck", "a crossover neckline": v-neck), or standing up the neck
("a stand-up collar", "a roll neck": turtleneck). The same words say it in a dictionary's definition of a style
("Piccadil: A high, stiff collar"; "Poke: A long, wide sleeve"), so one reader serves both: ``shape_value`` on a request's words before a facet noun, and
``definition_value`` at build time on the definitions of the nouns that name a kind of sleeve or collar
(``scripts/style_definitions.py``), whose readings the GCIDE asset keeps (``styles``).

``SHAPES`` is a list of shape words, not of style names: each says how an edge is drawn or built, which is what
the catalog's three necklines differ in. A sleeve's shape words ("puffed", "flared", "wide") say nothing of its
length, so sleeves have none: a sleeve's length is read from a length word ("A long, wide sleeve"), a landmark
("covering the arm from the elbow to the hand") or a part (a cuff), as elsewhere.
"""

from __future__ import annotations

import re

from .cues import _HEADS
from .knowledge import singular
from .landmarks import _DEGREE, _HIGH, _LOW, HEIGHTS, landmark_value, part_value

# value -> the words that draw or build that edge.
SHAPES: dict[str, dict[str, frozenset[str]]] = {
    "neckline": {
        # a round edge: the letters "u" and "o", a circle or a curve (the catalog's crew is the round neckline)
        "crew": frozenset({"round", "rounded", "circular", "circle", "curved", "u", "o"}),
        # an edge brought to a point below the neck: the letter, a point, or two fronts crossing over each other
        "v-neck": frozenset({"v", "vee", "pointed", "point", "wrap", "crossover", "crossed", "overlapping"}),
        # an edge that stands up the neck, or stands and is rolled over (a roll neck is a turtleneck's other name)
        "turtleneck": frozenset({"stand", "standing", "upright", "roll", "rolled", "turnover"}),
    },
}
# Words that may stand beside a shape word without changing it ("a nicely rounded neck", "a stand-up collar").
# "front": where the edge is drawn, not its shape ("a wrap-front neckline").
_FILLER = _DEGREE | {"slightly", "softly", "gently", "neat", "simple", "classic", "little", "small", "wide", "front",
                     "up"}
# The particle a shape verb takes ("stand-up", "rolled-up"): read only right after a shape word (``shape_particle``).
_PARTICLES = {"up"}
# Words that say a garment has no sleeves at all, in a definition ("Having no sleeves", "A sleeveless jacket").
_NO = {"no", "without", "sleeveless"}


# A collar's own shape words describe its points and ends ("a pointed collar", "a rounded club collar": shirt
# collars), not the neckline's edge; of a collar only the words that make it stand up the neck say a value.
_EDGELESS = {"collar": ("turtleneck",)}


def _directions(words: list[str], facet: str, noun: str = "") -> set[str]:
    """The values the shape and degree words among ``words`` point to, before ``noun`` ("neck", "collar")."""
    out = {value for value, shape in SHAPES.get(facet, {}).items() if shape & set(words)}
    order = HEIGHTS.get(facet)
    if order and _HIGH & set(words):
        out.add(order[0])
    if order and _LOW & set(words):
        out.add(order[-1])
    kept = _EDGELESS.get(next(iter(singular(noun)), noun) if noun.endswith("s") else noun)
    # Of a collar an edge word alone says nothing ("a pointed collar"), but beside a height it still makes two
    # ways ("a high round collar" is a high crew neckline, no turtleneck): nothing is read then either.
    return out if not kept or len(out) > 1 else out & set(kept)


def shape_value(words: list[str], facet: str, facets, noun: str = "") -> str | None:
    """The value the words before a facet noun draw ("a rounded neck" -> crew, "a stand-up collar" ->
    turtleneck), when they are shape words, degree words and fillers alone and point one way; None otherwise
    ("a round pendant neckline", "a high quality collar" say something else)."""
    if facet not in facets or not words or any(w not in _FILLER and not _shape_word(w, facet) for w in words):
        return None
    found = _directions(words, facet, noun)
    return next(iter(found)) if len(found) == 1 and next(iter(found)) in facets[facet].values else None


def shape_particle(toks: list[str], i: int, facet: str) -> bool:
    """Whether ``toks[i]`` is the particle of a shape verb before it ("a stand-up collar": "stand up"), which belongs
    to the shape, though "up" alone is a function word the noun phrase stops at."""
    return toks[i] in _PARTICLES and i > 0 and _shape_word(toks[i - 1], facet)


def _shape_word(word: str, facet: str) -> bool:
    return any(word in shape for shape in SHAPES.get(facet, {}).values()) or word in _HIGH | _LOW


def head_facet(word: str) -> str | None:
    """The facet a noun names as a part of a garment ("sleeve", "collar", "neckline"; ``cues._HEADS``), not
    "arms" nor "length", which are the body's or any garment's."""
    facet = _HEADS.get(word) or next((_HEADS[s] for s in singular(word) if s in _HEADS), None)
    return facet if facet in ("sleeve", "neckline") and word not in ("arms", "arm") else None


# Words that end a definition's first noun phrase before its head ("The fold at the end of a sleeve" is a fold).
_ENDS = {"of", "with", "without", "for", "to", "by", "in", "on", "at", "from", "around", "about", "over", "under",
         "that", "which", "who", "whose", "worn", "used", "having", "like", "as", "resembling", "formerly",
         "and"}  # "with small round body and a long neck" (Tamboura, a lute): the round body is another noun's
_SKIP = {"a", "an", "the", "one", "any", "some", "kind", "sort", "style", "form", "type", "variety", "of"}
# Words after the head that say where the part reaches ("extending from the shoulder to the elbow").
_REACH = {"to", "reaching", "reaches", "till", "until"}


def definition_value(words: list[str], facet: str, facets) -> tuple[str, str] | None:
    """(value, the words read) a definition whose first noun phrase is headed by ``facet``'s noun states ("A
    long, wide sleeve" -> long; "A high, stiff collar" -> turtleneck; "a sleeve extending from the shoulder to
    the elbow" -> short), or None. ``words``: the definition's first clause, lower-case, in words (``definition_words``). Read in
    the noun phrase before the head: the facet's value names ("long", "short"), shape and degree words; after the
    head, the landmark the part reaches ("to the hand") or a garment part that sits at one ("a tight cuff").
    Exactly one value; nothing where a word before the head ends the phrase ("The fold at the end of a sleeve" is
    a fold, "A band around the collar" a band)."""
    if facet not in facets:
        return None
    i = 0
    while i < len(words) and words[i] in _SKIP:
        i += 1
    head = next((j for j in range(i, len(words)) if head_facet(words[j]) == facet or words[j] in _ENDS), None)
    if head is None or words[head] in _ENDS:
        return None
    values = facets[facet].values
    before, after = words[i:head], words[head + 1:]
    phrase = " ".join(words[i : head + 1])
    found = {v: phrase for v in values if v in before}
    found.update({v: phrase for v in _directions(before, facet, words[head])})
    if facet == "sleeve" and _NO & set(before) and "sleeveless" in values:
        found["sleeveless"] = phrase
    if not found and after:
        reach = max((j for j, w in enumerate(after) if w in _REACH), default=-1)
        tail = [w for w in after[reach + 1 :] if w.isalpha() and w not in ("the", "a", "an")][:2] if reach >= 0 else []
        body = landmark_value(tail, facets) if tail else None
        part = part_value([w for w in after if w.isalpha()][-2:], facets)
        for read, said in ((body, [after[reach], *tail]), (part, after[-2:])):
            if read and read[0] == facet:
                found.setdefault(read[1], " ".join([words[head], "...", *said]))
    if len(found) != 1:
        return None
    value, said = next(iter(found.items()))
    return (value, said) if value in values else None


def definition_words(sentence: str) -> list[str]:
    """A definition's first clause in lower-case words, hyphens and commas dropped ("A high, stiff collar for
    the neck; also, ..." -> [a, high, stiff, collar, for, the, neck]; "low-cut" -> [low, cut])."""
    first = re.split(r";|:| -- |\(", sentence)[0]
    return re.findall(r"[a-z]+(?:'[a-z]+)?", first.lower())


def style_entry(words: list[str], facet: str, lexicon, noun: str = "") -> tuple[str, str, str] | None:
    """(value, source, path) for the words before a sleeve or neckline noun, or the answer to that facet's
    question (``noun``: the facet noun said, if any): a style a dictionary defines ("poke sleeves": GCIDE's "A long, wide sleeve"), said alone or with any
    noun of the facet ("piccadil", "a piccadil collar"), or a shape the words draw (``shape_value``). Never for words said without the facet in view: "a
    wrap dress" is no v-neck, and Webster's "poke" is a bag before it is a sleeve."""
    facets = lexicon.facets
    if facet not in ("sleeve", "neckline") or facet not in facets or not words:
        return None  # a hem's degree words are ``landmarks.degree_value``'s ("a deep hem" is no maxi)
    said = " ".join(words)
    nouns = [n for n, f in _HEADS.items() if f == facet and n not in ("arms", "sleeved", "necked")]
    keys = [said, *singular(said), *(f"{said} {n}" for n in nouns)]
    styles = lexicon.dictionary.styles
    entry = next((styles[k] for k in keys if k in styles and styles[k][0] == facet), None)
    if entry and facets.offers(facet, entry[1]):
        return entry[1], "dictionary", "GCIDE: " + entry[2]
    shaped = shape_value(words, facet, facets, noun)
    return (shaped, "shape", f"shape words: {said}") if shaped else None
