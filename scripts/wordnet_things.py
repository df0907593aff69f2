"""Things and materials for ``scripts/compile_lexicon.py`` (build time only, demo catalog).

Two readings of WordNet that the compile script's closures leave out:

- ``things``: plants WordNet names by their most frequent noun sense that the ``outside`` table does not list
  because a facet value claims the word as a colour ("rose", "violet", "carnation"); only those (every other
  untagged plant, "hibiscus", "dahlia", was tried and left out: the asset may hold no held-out word,
  docs/language-tried.md), never under four letters ("dak"), and an untagged one only when every sense WordNet
  gives it is a plant or a colour.
  On a garment, in the plural or before a print noun, they are what a floral print shows, so the runtime reads
  them there only (``Knowledge.shown``); the singular colour ("a rose dress") is untouched. Grouped by the
  first synset on the word's path that is also on a decoration seed's path (flower.n.01's "vascular_plant"),
  one list each, so the asset stays small.
- ``mass_garments``: words WordNet files both as a fabric and as a catalog kind, where the fabric is the usual
  sense: the garment sense is marked "(usually plural)" in its definition ("denim": jeans; "flannel",
  "tweed": trousers) or the tagged corpus met the word more often as the fabric. Said in the singular
  without an article they name the material ("something in denim"), not the kind (``understand``).
"""

from __future__ import annotations

import re

from wordnet_glosses import SENSE_RANK, word

_PLURAL_SENSE = re.compile(r"\(usually (?:in the )?plural\)")
# A fruit on a garment is a fruit print, not a floral one ("peaches": WordNet's first sense is the tree).
_FRUIT = ("edible_fruit.n.01", "fruit.n.01", "food.n.02")
_PLANT_OR_COLOUR = {"plant.n.02", "color.n.01"}
_COLOUR_HEADS = ("chromatic.a.03", "achromatic.a.01")  # as compile_lexicon.colour_entries reads colour adjectives


def _ancestors(synset) -> set[str]:
    return {h.name() for path in synset.hypernym_paths() for h in path}


def things(wn, outside_paths: dict[str, list[str]], decoration_seeds: list[str], known: dict, listed: set[str]
           ) -> dict[str, list[str]]:
    """{shared synset: [words]}: single-word things under an ``outside`` domain (``outside_paths``: synset ->
    path to the domain root, the closure) whose most frequent noun sense is that synset, that ``listed`` (the
    outside and lacking tables) leaves out, that no facet value but colour claims, that are no fruit, and
    whose path meets a decoration seed's path below the root."""
    seed_paths = [outside_paths[s] for s in decoration_seeds if s in outside_paths]
    shared = {synset for path in seed_paths for synset in path[:-1]}  # never the domain's root
    out: dict[str, set[str]] = {}
    for name, path in outside_paths.items():
        meets = next((p for p in path if p in shared), None)
        if meets is None:
            continue
        s = wn.synset(name)
        for lemma in s.lemmas():
            w = word(lemma.name())
            if not lemma.name()[0].islower() or not w.isalpha() or w in listed:
                continue
            if w not in known or any(facet != "colour" for facet in known[w]):  # known: word -> {facet: ...}
                continue  # only the plants a colour value claims ("rose"); the outside table has the others
            senses = wn.synsets(lemma.name(), pos="n")
            if senses[:1] != [s] or any(_fruit(x) for x in senses[:SENSE_RANK]) or len(w) < 4:
                continue  # "dak": a short rare word is likelier an abbreviation or slang ("daks": trousers)
            if lemma.count() == 0 and not all(_plant_or_colour(x) for x in wn.synsets(lemma.name())):
                continue  # a word the tagged corpus never met is read only if it means nothing else ("mum")
            out.setdefault(meets, set()).add(w)
    return {k: sorted(v) for k, v in sorted(out.items())}


def _plant_or_colour(synset) -> bool:
    """A plant or a colour noun, or a colour adjective (a satellite of chromatic or achromatic: "lavender")."""
    if synset.pos() == "s":
        return any(h.name() in _COLOUR_HEADS for h in synset.similar_tos())
    return bool(_ancestors(synset) & _PLANT_OR_COLOUR)


def _fruit(synset) -> bool:
    return bool(_ancestors(synset) & set(_FRUIT))


def _count(synset, w: str) -> int:
    """How often the tagged corpus met ``w`` in this sense (0 for most: then the order of senses says nothing)."""
    return sum(lemma.count() for lemma in synset.lemmas() if word(lemma.name()) == w)


def mass_garments(wn, garments: dict[str, str], materials: set[str]) -> list[str]:
    """Words that name a catalog kind (``garments``: word -> its synset) and a material (``materials``: the
    ``worn`` table's), where the material is the usual sense: the garment's definition says "(usually plural)",
    or the tagged corpus met the word as a fabric more often than as the garment. (WordNet lists "mackintosh"
    the fabric before the raincoat, but the corpus met neither: that order is no evidence, and "mackintosh"
    alone is the coat.)"""
    out = []
    for w, synset in sorted(garments.items()):
        if w not in materials or " " in w:
            continue
        senses = wn.synsets(w.replace(" ", "_"), pos="n")
        garment = wn.synset(synset)
        plural = bool(_PLURAL_SENSE.search(garment.definition()))
        fabric_first = _count(garment, w) < max((_count(s, w) for s in senses if "fabric.n.01" in _ancestors(s)),
                                                default=0)
        if plural or fabric_first:
            out.append(w)
    return out
