"""Lexical knowledge compiled from WordNet: the words under each facet value, read from one JSON asset.

``scripts/compile_lexicon.py`` builds ``vocab/wordnet.json`` from WordNet 3.0 (hyponym closure of a
few seed synsets per value, colour nouns and adjectives under their colour); at run time only the asset
is read, so the app needs neither NLTK nor WordNet. Each word keeps its provenance (the synset path to
the value's seed), which is what the reply quotes when it generalises ("a fascinator" -> hat).
For the demo catalog the asset also lists garments the catalog lacks and things that are not garments,
so an out-of-catalog request gets an honest answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

ASSET = "wordnet.json"


@dataclass(frozen=True)
class Entry:
    facet: str
    value: str
    path: str  # "jodhpurs.n.01 < trouser.n.01": the word's synset up to the value's seed


@dataclass(frozen=True)
class Elsewhere:
    """A word the catalog cannot show: a garment it lacks, or something that is not a garment at all."""

    kind: str  # "lacking" or "outside"; ``Knowledge.worn_as``: "material" or "occasion"
    path: str
    closest: str | None = None  # for a garment the catalog lacks: its nearest kind in the catalog, if any

    @property
    def domain(self) -> str:
        """The broad kind, in words: "footwear", "vehicle", "clothing"."""
        parts = [p.strip() for p in self.path.split("<")]
        up = parts[1:] or parts  # never the word's own synset ("boot < footwear": footwear, not boot)
        top = up[-2] if self.kind == "lacking" and len(up) > 1 else up[-1]  # the root only when nothing is between
        return top.split(".")[0].replace("_", " ")


@lru_cache(maxsize=1)
def load_asset() -> dict:
    return json.loads(resources.files("agents").joinpath("vocab", ASSET).read_text(encoding="utf-8"))


def singular(word: str) -> list[str]:
    """Candidate singulars of an English plural, most likely first ("boleros" -> bolero, "dresses" -> dress)."""
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return []
    out = []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith(("ses", "xes", "zes", "ches", "shes")):
        out.append(word[:-2])
    out.append(word[:-1])
    return out


class Knowledge:
    """The asset's view for one facet set (``demo`` or ``photos``); empty for other vocabularies."""

    def __init__(self, facet_set: str, asset: dict | None = None):
        asset = asset if asset is not None else load_asset()
        data = asset.get("sets", {}).get(facet_set, {})
        self.version = f"{asset.get('resource', 'WordNet')} {asset.get('version', '')}".strip()
        self.words: dict[str, list[Entry]] = {w: [Entry(*e) for e in es] for w, es in data.get("words", {}).items()}
        self.lacking: dict[str, str] = data.get("lacking", {})
        self.outside: dict[str, str] = data.get("outside", {})
        self.closest: dict[str, list[str]] = data.get("closest", {})
        # What a garment is made of or worn for ("cotton", "prom"): word -> [kind, WordNet root synset].
        self.worn: dict[str, list[str]] = {w: [kind, root] for kind, roots in data.get("worn", {}).items()
                                           for root, words in roots.items() for w in words}
        self.glosses: dict[str, dict[str, list[str]]] = data.get("glosses", {})
        # Fabrics whose definition names their pattern ("seersucker": ... usually striped): word -> [value, path].
        self.gloss_patterns: dict[str, list[str]] = data.get("gloss_patterns", {})
        # Garments whose definition states their sleeves or neckline ("halter" -> sleeveless): word -> {facet: [value, path]}.
        self.gloss_traits: dict[str, dict[str, list[str]]] = data.get("gloss_traits", {})
        self.clippable: set[str] = set(data.get("clippable", []))  # "duffel" may stand for "duffel bag"
        # Plants the outside table leaves out because a colour claims them: word -> the synset it shares with a
        # decoration seed's path ("rose" -> vascular_plant.n.01, as flower.n.01 of floral).
        self.things: dict[str, str] = {w: shared for shared, ws in data.get("things", {}).items() for w in ws}
        # Garment words whose usual sense is a fabric ("denim", "tweed", "mackintosh"): the singular without an
        # article is the material.
        self.mass_garments: frozenset[str] = frozenset(data.get("mass_garments", []))
        # Round 30 (``scripts/wordnet_units.py``): a pattern's unit by the shape WordNet files it under ("circle" ->
        # polka-dot, "bloom" -> floral): word -> [value, path]; a kind of writing, sign or symbol ("lettering"):
        # word -> path, read after "no" as the print motif's empty value.
        self.units: dict[str, list[str]] = data.get("units", {})
        self.marks: dict[str, str] = data.get("marks", {})
        # Things named with a colour word in front whose usual sense has no colour ("greenhouse", "white lie"):
        # word -> its first synset (round 30, ``agents.colourless``).
        self.colourless: dict[str, str] = asset.get("colourless", {}) if facet_set in asset.get("sets", {}) else {}
        self.real_words: list[str] = asset.get("real_words_near_vocabulary", [])
        self.max_words = max((len(w.split()) for w in self.words), default=1)

    def _find(self, table: dict, phrase: str):
        if phrase in table:
            return phrase, table[phrase]
        words = phrase.split()
        for s in singular(words[-1]) if words else []:
            key = " ".join([*words[:-1], s])
            if key in table:
                return key, table[key]
        return None, None

    def lookup(self, phrase: str) -> list[Entry]:
        """The values a word or phrase falls under (nearest facet first); plurals too, but a plural never names
        the colour its singular is a name of: "roses", "cherries", "lemons" are things (a print of them on a
        garment), where "rose" and "cherry" are colours ("a rose dress")."""
        key, entries = self._find(self.words, phrase)
        if key is not None and key != phrase:
            entries = [e for e in entries if e.facet != "colour"]
        return entries or []

    def gloss_pattern(self, phrase: str) -> Entry | None:
        """The pattern a fabric's or design's WordNet definition names ("seersucker" -> striped), or whose
        units a pattern seed's own definition names ("squares": check.n.10 is "a textile pattern of squares
        or crossed lines")."""
        found = self._find(self.gloss_patterns, phrase)[1]
        return Entry("pattern", found[0], found[1]) if found else self.pattern_units.get(phrase)

    @cached_property
    def pattern_units(self) -> dict[str, Entry]:
        """What a pattern seed's definition says the pattern is "of", as written there (plural: a repeated
        unit), with the word just before it ("crossed lines") and, where nothing modifies it there, the noun
        alone ("squares"): phrase -> entry. A phrase two values' definitions share is left out."""
        out: dict[str, list[Entry]] = {}
        for value, definitions in self.glosses.get("pattern", {}).items():
            for d in definitions:
                _, of, rest = d.partition(" pattern of ")
                for conjunct in re.split(r"\b(?:or|and)\b", re.split(r"[(;,]", rest)[0]) if of else []:
                    words = conjunct.split()
                    if words and words[-1].endswith("s"):
                        phrase = " ".join(words[-2:])
                        out.setdefault(phrase, []).append(Entry("pattern", value, f"{value} seed (gloss: {d})"))
        return {p: es[0] for p, es in out.items() if len({e.value for e in es}) == 1}

    def unit(self, phrase: str, plural: bool = False) -> Entry | None:
        """The pattern whose unit the noun names ("circles": polka-dot), by the shape WordNet files it under;
        with ``plural``, only the plural (a pattern repeats its unit). For a described pattern only
        (``agents.units``): "a circle skirt" names no pattern."""
        key, found = self._find(self.units, phrase)
        if found is None or (plural and key == phrase):
            return None
        return Entry("pattern", found[0], f"{found[1]} (a unit of {found[0]})")

    def mark(self, phrase: str) -> str | None:
        """The WordNet path of a kind of writing, sign or symbol ("symbols", "lettering"), singular or plural."""
        return self._find(self.marks, phrase)[1]

    def traits(self, phrase: str) -> list[Entry]:
        """What a garment's WordNet definition says of its sleeves or neckline ("a halter" leaves the arms
        uncovered: sleeveless); plurals too."""
        found = self._find(self.gloss_traits, phrase)[1] or {}
        return [Entry(f, v, path) for f, (v, path) in sorted(found.items())]

    def clipped_traits(self, word: str) -> list[Entry]:
        """What the garments named "<word> <noun>" state of their sleeves or neckline, per facet where they all
        agree ("a mao collar": the mao jacket has a high collar; "polo sleeves": a polo shirt has short
        sleeves). For a modifier before a facet noun; a whole garment name reads through ``traits``."""
        named = [(w, self.gloss_traits[w]) for w in sorted(self.gloss_traits) if w.split()[0] == word and " " in w]
        out = []
        for facet in sorted({f for _, traits in named for f in traits}):
            stated = [(w, traits[facet]) for w, traits in named if facet in traits]
            if len({v for _, (v, _) in stated}) == 1:
                w, (v, path) = stated[0]
                out.append(Entry(facet, v, f"{word} of {w}: {path}"))
        return out

    @cached_property
    def _decorations(self) -> dict[str, Entry]:
        """Ancestors of each pattern or motif seed that the asset's other paths reveal -> the seed's entry
        ("flower.n.01" of floral sits under "angiosperm.n.01", "vascular_plant.n.01"; the root, the last
        synset of a path, is left out as too general)."""
        seeds = {e.path: e for es in self.words.values() for e in es if e.facet in ("pattern", "motif")
                 and "<" not in e.path}
        out: dict[str, Entry] = {}
        for path in self.outside.values():
            chain = [p.strip() for p in path.split("<")]
            for i, synset in enumerate(chain):
                if synset in seeds:
                    for ancestor in chain[i:-1]:
                        out.setdefault(ancestor, seeds[synset])
        return out

    @cached_property
    def depicted_values(self) -> frozenset[tuple[str, str]]:
        """(facet, value) of the decorations named after the things they show (floral: flowers), not after
        their own unit (a stripe, a check, a dot)."""
        return frozenset((e.facet, e.value) for e in self._decorations.values())

    @cached_property
    def garment_modifiers(self) -> frozenset[str]:
        """First words of WordNet's two- and three-word garment names ("wedding" of wedding dress, "cowboy"
        of cowboy hat): words that make a kind of garment, so before a garment noun they are no colour."""
        names = [w for w, es in self.words.items() if any(e.facet == "category" for e in es)] + list(self.lacking)
        return frozenset(w.split()[0] for w in names if " " in w)

    def depicted(self, phrase: str) -> Entry | None:
        """What a thing the catalog cannot sell reads as when it is on a garment: a thing that shares a
        specific WordNet ancestor with a pattern or motif seed ("tulips" and flower.n.01 are both vascular
        plants: floral). None for anything else."""
        key, path = self._find(self.outside, phrase)
        if not path:
            return None
        chain = [p.strip() for p in path.split("<")]
        for synset in chain[:-1]:
            seed = self._decorations.get(synset)
            if seed:
                return Entry(seed.facet, seed.value, f"{path} (shares {synset} with {seed.path})")
        return None

    def shown(self, phrase: str, plural_only: bool = True) -> Entry | None:
        """What a plant of the ``things`` table reads as on a garment: a repeated design is named in the plural
        ("a dress with roses", "carnations": floral), so by default only a plural; the singular ("rose") stays
        what the other sources say (a colour: "a rose dress"). ``plural_only=False`` before a print noun ("a
        lilac print")."""
        key, shared = self._find(self.things, phrase)
        if shared is None:  # a flower unit (round 30): "blossoms", "nosegays", "a bloom print"
            flower = self.unit(phrase, plural_only)
            return flower if flower and ("pattern", flower.value) in self.depicted_values else None
        if plural_only and key == phrase:
            return None
        seed = self._decorations.get(shared)
        if seed is None:
            return None
        return Entry(seed.facet, seed.value, f"{key} (a plant) < ... < {shared} (shares {shared} with {seed.path})")

    def material(self, word: str) -> bool:
        """Whether the word, as typed (singular), is what WordNet files as a fabric, leather or fibre ("corduroy")."""
        return self.worn.get(word, [""])[0] == "material"

    def worn_as(self, phrase: str) -> Elsewhere | None:
        """Whether the phrase names what a garment is made of ("velvet", "cotton") or worn for ("prom",
        "christmas"): kind "material" or "occasion", and the WordNet synset it falls under."""
        found = self._find(self.worn, phrase)[1]
        return Elsewhere(found[0], found[1], None) if found else None

    def elsewhere(self, phrase: str) -> Elsewhere | None:
        """Whether the phrase names a garment the catalog lacks or something that is no garment."""
        if self.lookup(phrase):
            return None  # a word a value claims ("jodhpurs") is not its look-alike ("jodhpur", a boot)
        for kind, table in (("lacking", self.lacking), ("outside", self.outside)):
            key, path = self._find(table, phrase)
            if path:
                closest = self.closest.get(key, [None])[0] if kind == "lacking" else None
                return Elsewhere(kind, path, closest)
        return None
