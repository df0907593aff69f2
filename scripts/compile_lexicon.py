"""Compile WordNet into ``agents/vocab/wordnet.json``: the words under each facet value, with provenance.

Build time only: needs NLTK (``pip install 'chatlens[lexicon]'``) and WordNet 3.0's database files
(Debian: ``apt-get install wordnet-base wordnet-sense-index`` puts them in /usr/share/wordnet). The
runtime reads only the compiled JSON, so users need neither.

How it works: every facet value names a few WordNet synsets by hand (``SEEDS``, the only hand-written
input); the script walks each seed's hyponym closure and records every lemma with the value of the
*nearest* seed above it and the synset path that leads there. Colour values find their seed by name
under ``color.n.01``; colour adjectives (satellites of chromatic/achromatic) join the value of the colour
noun with the same lemma or of their head word ("crimson-magenta" -> magenta). A lemma enters only
through one of its three most frequent noun senses, so rare senses do not capture common words.
For the demo catalog the script also lists garments it lacks (under clothing, footwear, jewellery) and a
few other domains (vehicles, animals, food, ...), so a reply can tell "a kind of garment we lack" from
"not a garment at all". Output is sorted and written with fixed separators: rerunning reproduces the
file byte for byte (``tests/agents/test_wordnet_lexicon.py`` checks it when WordNet is installed).

    python scripts/compile_lexicon.py [--wordnet /usr/share/wordnet] [--out agents/vocab/wordnet.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by path (the tests)
from runtime_vocabulary import (  # noqa: E402  (what the runtime already knows)
    facet_values,
    hand_pattern_words,
    hand_vocabulary,
    hand_vocabulary_phrases,
    real_words_near,
)
from wordnet_colourless import colourless  # noqa: E402  (things named with a colour word that are no colour)
from wordnet_glosses import (  # noqa: E402  (the readers of WordNet definitions, one file)
    SENSE_RANK,
    TOO_GENERAL,
    TRAIT_FACETS,
    clippable,
    gloss_patterns,
    gloss_traits,
    hand_facet_phrases,
    word,
)
from wordnet_parts import hand_parts  # noqa: E402  (the parts of the hand, for landmarks)
from wordnet_things import mass_garments, things  # noqa: E402  (plants and fabrics the closures leave out)
from wordnet_units import marks, units  # noqa: E402  (a pattern's units and marks on a surface, round 30)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "agents" / "vocab" / "wordnet.json"
SOURCE = Path("/usr/share/wordnet")

# The 45 lexicographer file names of WordNet 3.0 (lexnames(5WN)); Debian's packages omit the file NLTK needs.
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body noun.cognition "
    "noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive noun.object "
    "noun.person noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape "
    "noun.state noun.substance noun.time verb.body verb.change verb.cognition verb.communication verb.competition "
    "verb.consumption verb.contact verb.creation verb.emotion verb.motion verb.perception verb.possession "
    "verb.social verb.stative verb.weather adj.ppl"
).split()
_POS_NUMBER = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}

# facet set -> facet -> value -> seed synsets: "name.pos.nn" (whole closure), "name.pos.nn@depth" (closure
# to that depth) or "name.pos.nn@common" (whole closure, but only words whose most frequent sense it is and
# that occur in WordNet's sense-tagged corpus: "dog", not "acrodont"; for the big taxonomies).
# Each seed is the WordNet sense of a word the project already lists for that value (the value's name, the
# schema's words, lexicon.yaml or photos.yaml), picked by hand; nothing else here is hand-written.
# Colour values need no seeds: they are found by name under color.n.01.
SEEDS: dict[str, dict[str, dict[str, list[str]]]] = {
    "demo": {
        "category": {
            "t-shirt": ["jersey.n.03"],
            "shirt": ["shirt.n.01", "blouse.n.01"],
            "dress": ["dress.n.01", "gown.n.01"],
            "skirt": ["skirt.n.02"],
            "trousers": ["trouser.n.01"],
            "shorts": ["short_pants.n.01"],
            "jacket": ["jacket.n.01"],
            "hoodie": ["sweatshirt.n.01"],
            "coat": ["coat.n.01"],
            "bag": ["bag.n.04", "bag.n.06", "bag.n.01@1"],
            "hat": ["hat.n.01", "cap.n.01"],
        },
        "pattern": {
            "striped": ["stripe.n.05"],
            "polka-dot": ["polka_dot.n.01"],
            "checked": ["check.n.10", "tartan.n.01", "gingham.n.01"],
            "floral": ["floral.s.01", "flower.n.01@0"],
        },
        "sleeve": {"sleeveless": ["sleeveless.a.01"]},
        "neckline": {"crew": ["crew_neck.n.01"], "v-neck": ["v_neck.n.01"], "turtleneck": ["turtleneck_collar.n.01"]},
        "length": {"mini": ["miniskirt.n.01", "mini.a.01"], "midi": ["midi.a.01"], "maxi": ["maxi.n.01", "maxi.a.01"]},
        "motif": {"star": ["star.n.05"], "heart": ["heart.n.07"], "moon": ["crescent.n.01", "moon.n.01@0"]},
    },
    "photos": {
        "setting": {
            "indoors": ["room.n.01@common"],
            "city": ["city.n.01", "street.n.01@1"],
            "beach": ["beach.n.01", "seashore.n.01"],
            "mountains": ["mountain.n.01"],
            "forest": ["forest.n.01"],
            "countryside": ["countryside.n.01", "field.n.01@1"],
            "water": ["body_of_water.n.01@common"],
        },
        "subject": {
            "people": ["person.n.01@1"],
            "animal": ["animal.n.01@common"],
            "food": ["food.n.02@common", "dish.n.02@common"],
            "building": ["building.n.01@common"],
            "vehicle": ["vehicle.n.01@common"],
            "landscape": ["landscape.n.01"],
        },
        "time_of_day": {"day": ["day.n.04"], "sunset": ["sunset.n.01", "dawn.n.01"], "night": ["night.n.01"]},
        "season": {"spring": ["spring.n.01"], "summer": ["summer.n.01"], "autumn": ["fall.n.01"],
                   "winter": ["winter.n.01"]},
        "style": {"illustration": ["drawing.n.02@1", "illustration.n.02"]},
    },
}
# Demo catalog: garments it does not have, and domains that are not garments at all (with a depth cap).
LACKING = ["clothing.n.01", "footwear.n.02", "jewelry.n.01"]
OUTSIDE = ["vehicle.n.01@common", "animal.n.01@common", "food.n.02@common", "dish.n.02@common",
           "building.n.01@common", "furniture.n.01@common", "plant.n.02@common", "computer.n.01@1",
           "telephone.n.01@1"]
# What a garment is made of or worn for (demo only): the colour resource also names many of these ("cotton",
# "velvet", "prom"), and before a garment noun or after "in" they say the material or the occasion, no colour
# (agents/colour_context.py). Named holidays are capitalised in WordNet ("Christmas") and count.
WORN = {"material": ["fabric.n.01", "leather.n.01", "fiber.n.01"],
        "occasion": ["social_event.n.01", "celebration.n.02", "holiday.n.02", "vacation.n.01", "meal.n.01"]}
MAX_WORDS = 3  # longer multiword lemmas are not how people talk


def open_wordnet(source: Path, workdir: Path):
    """NLTK's reader on a copy of the Debian folder, with the ``lexnames`` file it needs added."""
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    class Reader(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):  # no NLTK-packaged WordNet to map from; ours is the reference
            return None

    copy = workdir / "wordnet"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("pixmaps", "bin"))
    with open(copy / "lexnames", "w", encoding="utf-8") as f:
        for i, name in enumerate(LEXNAMES):
            f.write(f"{i:02d}\t{name}\t{_POS_NUMBER[name.split('.')[0]]}\n")
    nltk.data.path.append(str(copy))  # NLTK only reads inside its data roots
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Reader(str(copy), None)


def _seed(spec: str) -> tuple[str, int | None]:
    name, _, depth = spec.partition("@")
    return name, int(depth) if depth.isdigit() else None


def closure(wn, spec: str) -> dict[str, list[str]]:
    """synset -> path up to the seed (itself first), breadth first so each path is a shortest one."""
    name, depth = _seed(spec)
    root = wn.synset(name)
    paths = {root.name(): [root.name()]}
    frontier = [root]
    level = 0
    while frontier and (depth is None or level < depth):
        nxt = []
        for s in frontier:
            for h in sorted(s.hyponyms(), key=lambda x: x.name()):  # kinds, not named instances
                if h.name() not in paths:
                    paths[h.name()] = [h.name(), *paths[s.name()]]
                    nxt.append(h)
        frontier, level = nxt, level + 1
    return paths


def frequent_sense(wn, lemma, synset) -> bool:
    if synset.pos() != "n":
        return True
    senses = wn.synsets(lemma.name(), pos="n")
    return synset in senses[:SENSE_RANK]


def lemmas_of(wn, paths: dict[str, list[str]], common: bool = False, kinds: bool = False):
    """(word, path) for every lemma of every synset in a closure, frequent senses only."""
    for name, path in paths.items():
        s = wn.synset(name)
        for lemma in s.lemmas():
            if common and (lemma.count() == 0 or wn.synsets(lemma.name(), pos=s.pos())[:1] != [s]):
                continue
            w = word(lemma.name())
            # proper names ("Panama hat" stays, "Paris" does not); under a garment every hyponym is a kind
            # (named instances are not hyponyms), so a trade name that became a word counts ("Stetson")
            lower = lemma.name()[0].islower() or kinds
            if lower and len(w.split()) <= MAX_WORDS and w.replace(" ", "").isalpha() and frequent_sense(wn, lemma, s):
                yield w, path


def colour_entries(wn, values: list[str]) -> dict[str, tuple[str, list[str]]]:
    """Colour nouns under color.n.01 by nearest colour-value ancestor, plus colour adjectives."""
    spellings = {"grey": ("grey", "gray"), "teal": ("teal",)}
    under = closure(wn, "color.n.01")
    seeds = {}
    for name in under:
        s = wn.synset(name)
        for v in values:
            if any(lemma.name().lower() in spellings.get(v, (v,)) for lemma in s.lemmas()) and v not in seeds.values():
                seeds[name] = v
    out: dict[str, tuple[str, list[str]]] = {}
    for name, path in sorted(under.items()):
        seed_i = next((i for i, p in enumerate(path) if p in seeds), None)
        if seed_i is None:
            continue
        for lemma in wn.synset(name).lemmas():
            w = word(lemma.name())
            if w.replace(" ", "").isalpha() and len(w.split()) <= MAX_WORDS:
                cand = (seeds[path[seed_i]], path[: seed_i + 1])
                if w not in out or len(cand[1]) < len(out[w][1]):
                    out[w] = cand
    for head in ("chromatic.a.03", "achromatic.a.01"):
        for sat in sorted(wn.synset(head).similar_tos(), key=lambda x: x.name()):
            for lemma in sat.lemmas():
                w = word(lemma.name())
                if w in out or not w.replace(" ", "").isalpha():
                    continue
                for key in (w, w.split()[-1]):  # same lemma as a colour noun, else its head word
                    if key in out:
                        v, path = out[key]
                        out[w] = (v, [sat.name(), *path])
                        break
    return out


def compile_set(wn, name: str, facets: dict[str, list[str]]) -> dict:
    """{"words": {word: [[facet, value, path], ...]}}: per facet the nearest seed's value, nearest facet first.

    A word can name two facets at once ("miniskirt": length mini and category skirt).
    """
    best: dict[str, dict[str, tuple[int, str, list[str]]]] = {}

    def offer(w: str, facet: str, value: str, path: list[str]) -> None:
        per = best.setdefault(w, {})
        if facet not in per or len(path) < per[facet][0]:
            per[facet] = (len(path), value, path)

    for facet, values in facets.items():
        if facet == "colour":
            for w, (v, path) in colour_entries(wn, values).items():
                offer(w, facet, v, path)
            continue
        for value, specs in SEEDS[name].get(facet, {}).items():
            if value not in values:
                continue
            for spec in specs:
                for w, path in lemmas_of(wn, closure(wn, spec), spec.endswith("@common"), facet == "category"):
                    offer(w, facet, value, path)
    out: dict = {"words": {w: [[f, v, " < ".join(p)] for f, (_, v, p) in sorted(per.items(), key=lambda x: (x[1][0], x[0]))]
                           for w, per in sorted(best.items())}}
    if "pattern" in facets:
        pattern_words = {w: v for w, v in hand_pattern_words().items() if v in facets["pattern"] and v != "solid"}
        out["gloss_patterns"] = gloss_patterns(wn, pattern_words, set(best) | hand_vocabulary_phrases())
    if all(f in facets for f in TRAIT_FACETS):
        out["gloss_traits"] = gloss_traits(wn, hand_facet_phrases())
    if "category" in facets:
        out["clippable"] = clippable(wn, [w for w, per in best.items() if "category" in per or "pattern" in per])
    if name == "demo":
        out["lacking"] = _domain(wn, LACKING, best)
        out["outside"] = _domain(wn, OUTSIDE, best)
        out["closest"] = _closest(wn, out["lacking"], SEEDS[name]["category"])
        out["worn"] = _worn(wn)
        _things_and_materials(wn, out, best)
        claimed = set(best) | hand_vocabulary_phrases()
        out["units"] = units(wn, claimed)  # "circles", "blooms": a pattern's unit, read where a pattern is described
        out["marks"] = marks(wn, claimed)  # "symbols", "lettering": after "no", the print motif's empty value
    return out


def _things_and_materials(wn, out: dict, best: dict) -> None:
    """The demo set's ``things`` (plants the ``outside`` table leaves out, by the decoration seed's synset they
    share) and ``mass_garments`` (garment words whose usual sense is a fabric): ``scripts/wordnet_things.py``."""
    paths: dict[str, list[str]] = {}
    for spec in OUTSIDE:
        for name, path in closure(wn, spec).items():
            if name not in paths or len(path) < len(paths[name]):
                paths[name] = path
    seeds = [_seed(s)[0] for f in ("pattern", "motif") for specs in SEEDS["demo"][f].values() for s in specs]
    out["things"] = things(wn, paths, seeds, best, set(out["outside"]) | set(out["lacking"]))
    garments = {w: per["category"][2][0] for w, per in best.items() if "category" in per}
    materials = {w for ws in out["worn"]["material"].values() for w in ws}
    out["mass_garments"] = mass_garments(wn, garments, materials)


def _worn(wn) -> dict[str, dict[str, list[str]]]:
    """{kind ("material", "occasion"): {root synset: [words under it]}} for what a garment is made of or worn
    for; a word is listed once, under the first root that has it (materials first). Lists, not paths, keep
    the asset small; ``closure`` gives each word's path again."""
    out: dict[str, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for kind, specs in WORN.items():
        for spec in specs:
            words = {w for w, _ in lemmas_of(wn, closure(wn, spec), kinds=True)} - seen
            out.setdefault(kind, {})[spec] = sorted(words)
            seen |= words
    return out


def _domain(wn, specs: list[str], known: dict) -> dict[str, str]:
    """word -> synset path (to the domain's root) for words no facet value claims."""
    out: dict[str, str] = {}
    for spec in specs:
        for w, path in lemmas_of(wn, closure(wn, spec), spec.endswith("@common")):
            if w not in known and (w not in out or len(path) < out[w].count("<") + 1):
                out[w] = " < ".join(path)
    return dict(sorted(out.items()))



def _closest(wn, lacking: dict[str, str], categories: dict[str, list[str]]) -> dict[str, list[str]]:
    """word -> [category, "its synset > common ancestor < the category's seed"] for a garment the catalog
    lacks whose nearest catalog kind shares a specific ancestor ("cardigan" and "sweatshirt" are sweaters)."""
    out: dict[str, list[str]] = {}
    for w, path in lacking.items():
        s = wn.synset(path.split(" < ")[0])
        best = None
        for value, specs in categories.items():
            for spec in specs:
                c = wn.synset(_seed(spec)[0])
                for lca in s.lowest_common_hypernyms(c):
                    if lca.name() in TOO_GENERAL:
                        continue
                    d = s.shortest_path_distance(c)
                    if d is not None and (best is None or (d, value) < best[:2]):
                        best = (d, value, f"{s.name()} < {lca.name()} > {c.name()}")
        if best:
            out[w] = [best[1], best[2]]
    return out


def glosses(wn, name: str) -> dict[str, dict[str, list[str]]]:
    """The seeds' definitions per value: a phrase like "a pattern of squares" can be compared with them."""
    out: dict[str, dict[str, list[str]]] = {}
    for facet, values in SEEDS[name].items():
        for value, specs in values.items():
            out.setdefault(facet, {})[value] = [wn.synset(_seed(s)[0]).definition() for s in specs]
    return out


def compile_lexicon(source: Path = SOURCE) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        wn = open_wordnet(source, Path(tmp))
        sets = {name: compile_set(wn, name, facets) for name, facets in facet_values().items()}
        for name, data in sets.items():
            data["glosses"] = glosses(wn, name)
        vocabulary = hand_vocabulary() | {w for data in sets.values() for p in data["words"] for w in p.split()}
        real = real_words_near(wn, vocabulary)
        # round 30: "greenhouse", "white lie": things named with a colour word that are no colour; one table for
        # every facet set with a colour facet (scripts/wordnet_colourless.py)
        colours = facet_values()["demo"]["colour"]
        colour_words = {w for data in sets.values() for w, es in data["words"].items()
                        if any(e[0] == "colour" for e in es)}
        named = colourless(wn, colours, colour_words, hand_vocabulary_phrases())
        parts = hand_parts(wn)
        version = wn.get_version()
    return {
        "resource": "WordNet (Princeton University), read with NLTK's WordNetCorpusReader",
        "version": version,
        "license": "WordNet 3.0 license (BSD-like), see https://wordnet.princeton.edu/license-and-commercial-use",
        "built_by": "scripts/compile_lexicon.py",
        "path_format": "word's synset < ... < the facet value's seed synset",
        "sets": sets,
        "real_words_near_vocabulary": real,
        "colourless": named,
        # round 30: word -> "its synset < ... < hand.n.01" (part-of and kind-of), read by agents.landmarks
        "hand_parts": parts,
    }


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wordnet", type=Path, default=SOURCE, help="WordNet 3.0 dict folder (Debian: /usr/share/wordnet)")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    text = dumps(compile_lexicon(a.wordnet))
    a.out.write_text(text, encoding="utf-8")
    n = {k: len(v["words"]) for k, v in json.loads(text)["sets"].items()}
    print(f"wrote {a.out} ({len(text.encode()) / 1024:.0f} KiB; words per facet set: {n})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
