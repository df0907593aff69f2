"""Units of a pattern and marks on a surface, for ``scripts/compile_lexicon.py`` (build time only, demo catalog;
round 30).

Two readings of WordNet's hypernyms that the value closures leave out, each a word with the synset path that
put it there (the asset's provenance rule):

- ``units``: {word: [value, path]}: nouns that name the unit a pattern repeats, by the kind of shape WordNet
  files them under. A round shape is a dot's unit (polka-dot: circle.n.01 "ellipse in which the two axes are of
  equal length", disk.n.01, point.n.09 "a very small circular shape", ring.n.02 "a toroidal shape"); a long
  narrow mark a stripe's (line.n.02 "a mark that is long relative to its width", and stripe.n.05 through every
  sense of a word, so "bar" is there: its tenth sense is stripe.n.05); a square or a grid a check's; a flower
  (flower.n.02, "bloom", "blossom", "floret"), a part of one (its part meronyms: "petal", "sepal") or flowers
  arranged (bouquet.n.01: "nosegay", "posy") a floral print's. The shape categories are the brief's and the
  seeds' own definitions' (polka_dot.n.01 "circular spots", check.n.10 "squares or crossed lines", stripe.n.05
  "a narrow marking", floral's plant "cultivated for its blooms or blossoms"): hand-picked synsets, like the
  compile script's seeds. Any noun sense counts, because the runtime reads a unit only where a pattern is
  being described ("<units> all over", "covered in <units>", "a <unit> print": ``agents/units.py``), which picks
  the sense; a word whose senses fall under two values' categories, or that the value closures already read,
  is left out. Kept small (closures to depth 1): the asset may hold no held-out word.
- ``marks``: {word: path}: nouns whose most frequent sense (one of the first three for a category's own words:
  "writing" is first the act) is a kind of writing, sign or symbol (writing.n.02 and writing.n.04, symbol.n.01 "an arbitrary sign (written or printed)", symbol.n.02
  "something visible that … represents something else": emblems and badges, and emblem.n.01 "special design or
  visual object representing a quality, type, group", whose lemma's first sense it is), the words printed
  (word.n.01, motto.n.01: "slogan"), and the parents of the words the parser already takes for a print,
  logo.n.01's trademark.n.02 and graphic.n.01's picture.n.01, with the name a logo stands for (trade_name.n.01:
  "brand")),
  closures to depth 2. The runtime reads one only after "no"/"without", in "<mark>less" and "<mark>-free", as
  the print motif's empty value ("no symbols", "without lettering", "wordless"). A word whose definition names a
  motif or pattern ("asterisk": "a star-shaped character") is left out: it shows that motif.
"""

from __future__ import annotations

import re

from wordnet_glosses import SENSE_RANK, word

MAX_WORDS = 3
# value -> category synsets "name.n.nn@depth"; "+parts" also takes the synset's part meronyms (a petal of a flower).
UNIT_SEEDS = {
    "polka-dot": ["circle.n.01@1", "circle.n.03@0", "disk.n.01@1", "point.n.09@0", "ring.n.02@0"],
    "striped": ["line.n.02@0", "stripe.n.05@1"],
    "checked": ["square.n.01@0", "square.n.04@0", "grid.n.01@0"],
    "floral": ["flower.n.02@1+parts", "bouquet.n.01@0"],
}
MARK_SEEDS = ["writing.n.02@2", "writing.n.04@2", "symbol.n.01@2", "symbol.n.02@2", "emblem.n.01@1", "word.n.01@2",
              "motto.n.01@0", "trademark.n.02@2", "trade_name.n.01@0", "picture.n.01@2"]
# A definition that names a motif or a pattern says what the mark shows ("a star-shaped character"): no "none".
_SHOWS = re.compile(r"\b(?:star|stars|heart|hearts|moon|moons|crescent|stripe|stripes|striped|dot|dots|spot|spots|"
                    r"check|checks|checked|flower|flowers|floral|plaid|tartan)\b|star-|heart-|moon-")


def _closure(wn, spec: str) -> dict[str, list[str]]:
    """synset -> path up to the seed (itself first), to the depth the spec names; "+parts" adds part meronyms
    (and their hyponyms to the same depth) with "part of" in the path."""
    spec, _, extra = spec.partition("+")
    name, _, depth = spec.partition("@")
    depth = int(depth)
    roots = [(wn.synset(name), [name])]
    if extra == "parts":
        whole = wn.synset(name)
        roots += [(p, [p.name(), f"part of {name}"]) for p in sorted(whole.part_meronyms(), key=lambda s: s.name())]
    paths: dict[str, list[str]] = {}
    for root, path in roots:
        frontier = [(root, path)]
        for level in range(depth + 1):
            nxt = []
            for s, p in frontier:
                if s.name() in paths:
                    continue
                paths[s.name()] = p
                if level < depth:
                    nxt += [(h, [h.name(), *p]) for h in sorted(s.hyponyms(), key=lambda x: x.name())]
            frontier = nxt
    return paths


def _words(wn, synset_name: str, rank: int | None):
    """The synset's lower-case lemmas of at most three words; with ``rank``, only where it is one of the lemma's
    first ``rank`` noun senses."""
    s = wn.synset(synset_name)
    for lemma in s.lemmas():
        w = word(lemma.name())
        if not lemma.name()[0].islower() or len(w.split()) > MAX_WORDS or not w.replace(" ", "").isalpha():
            continue
        if rank and s not in wn.synsets(lemma.name(), pos="n")[:rank]:
            continue
        yield w


def units(wn, claimed: set[str]) -> dict[str, list[str]]:
    """{word: [value, "synset < ... < category synset"]}; see the module's docstring."""
    found: dict[str, dict[str, list[str]]] = {}
    for value, specs in UNIT_SEEDS.items():
        for spec in specs:
            for name, path in _closure(wn, spec).items():
                for w in _words(wn, name, None):
                    found.setdefault(w, {}).setdefault(value, path)
    return {w: [value, " < ".join(path)] for w, per in sorted(found.items()) if len(per) == 1 and w not in claimed
            for value, path in per.items()}


def marks(wn, claimed: set[str]) -> dict[str, str]:
    """{word: "synset < ... < category synset"}; see the module's docstring."""
    found: dict[str, str] = {}
    for spec in MARK_SEEDS:
        for name, path in _closure(wn, spec).items():
            if _SHOWS.search(wn.synset(name).definition()):
                continue
            for w in _words(wn, name, SENSE_RANK if len(path) == 1 else 1):
                if w not in claimed and not _SHOWS.search(w):
                    found.setdefault(w, " < ".join(path))
    return dict(sorted(found.items()))
