"""Round 28's plants from the dictionary (issue 13): a plant Webster's defines by its flowers under "(Bot.)"
("Zinnia: … Mexican herbs with … large gay-colored blossoms") is compiled into the GCIDE asset's ``plants`` table
with its headword and sense, and read as a floral print only where it is said as a thing on a garment: in the
plural ("a dress with zinnias", "gladioli", a plural the dictionary states) or before a print noun ("a marigold
print"); never a singular elsewhere, never a fruit, a flower part or a word whose everyday sense is no plant."""

import pytest

from agents.dictionary import Dictionary
from agents.understand import parse
from tests.script_loader import load_script


def read(text, lexicon):
    return {(m.facet, m.value) for m in parse(text, lexicon).mentions if m.positive}


@pytest.fixture(scope="module")
def compiler():
    return load_script("compile_gcide")


def _entries(compiler, **defs):
    Entry = compiler.gcide_entries.Entry
    return {w: [Entry(w.capitalize(), "n", (("1", d),))] for w, d in defs.items()}


def test_a_plant_defined_by_its_flowers_is_read_and_says_where(compiler):
    plants = compiler.gcide_plants
    entries = _entries(compiler,
                       zinnia="(Bot.) Any plant of the composite genus Zinnia, Mexican herbs with large gay-colored blossoms",
                       peony="(Bot.) A plant, and its flower, of the ranunculaceous genus Paeonia",
                       tomato="(Bot.) The fruit of a plant of the Nightshade family; also, the plant itself",
                       pollen="(Bot.) The fecundating dustlike cells of the anthers of flowers",
                       cornel="(Bot.) A European shrub with clusters of small, greenish flowers",
                       pepper="A pungently aromatic condiment, the dried berry of the Piper nigrum",
                       umbel="(Bot.) A kind of flower cluster in which the flower stalks radiate from a common point")
    assert plants.flowering("zinnia", entries) == "Zinnia, n., sense 1 (a plant with flowers)"
    assert plants.flowering("peony", entries)
    for word in ("tomato", "pollen", "cornel", "pepper", "umbel"):  # a fruit, flower parts, dull flowers, no botany
        assert plants.flowering(word, entries) is None, word


def test_a_genus_or_a_reference_is_followed_once(compiler):
    plants = compiler.gcide_plants
    entries = _entries(compiler, buttercup="(Bot.) A plant of the genus Ranunculus, or crowfoot, particularly",
                       ranunculus="(Bot.) A genus of herbs, mostly with yellow flowers",
                       foxglove="(Bot.) Any plant of the genus Digitalis",
                       digitalis="(Bot.) A genus of plants of the family Scrophulariaceae",
                       pancy="(Bot.) See Pansy", pansy="(Bot.) A plant of the genus Viola and its blossom")
    assert plants.flowering("buttercup", entries).startswith("Buttercup, n., sense 1 (genus ranunculus: Ranunculus")
    assert plants.flowering("foxglove", entries) is None  # the genus says nothing of flowers
    assert plants.flowering("pancy", entries).startswith("Pancy, n., sense 1 (see pansy: Pansy")


def test_a_word_whose_everyday_sense_is_no_plant_is_left_out(compiler):
    class Synset:
        def __init__(self, *path):
            self.path = path

        def hypernym_paths(self):
            return [[type("S", (), {"name": lambda self, n=n: n})() for n in self.path]]

    class WordNet:  # the first noun sense, as NLTK's reader answers
        senses = {"broom": Synset("entity.n.01", "artifact.n.01", "broom.n.01"),
                  "magnolia": Synset("entity.n.01", "bark.n.01", "magnolia.n.01")}

        def synsets(self, word, pos=None):
            return [self.senses[word]] if word in self.senses else []

    plants = compiler.gcide_plants
    assert not plants.a_plant_today("broom", WordNet())  # a brush first
    assert plants.a_plant_today("magnolia", WordNet()) and plants.a_plant_today("zinnia", WordNet())


DAHLIA = '''Dahlia \\Dah"lia\\ (d[aum]l"y[.a]), n.;
   pl. {Dahlias}. [Named after Andrew Dahl a Swedish botanist.]
   (Bot.)
   A genus of plants native to Mexico; also, any plant or flower of the
   genus.
   [1913 Webster]
'''
RANUNCULUS = '''Ranunculus \\Ra*nun"cu*lus\\ (r[.a]*n[u^][ng]"k[-u]*l[u^]s), n.;
   pl. E. {Ranunculuses} (r[.a]*n[u^][ng]"k[-u]*l[u^]s*[e^]z),
   L. {Ranunculi} (-l[imac]). [L., a little frog, a medicinal
   plant.] (Bot.)
   A genus of herbs, mostly with yellow flowers.
   [1913 Webster]
'''


def test_a_plural_on_its_own_lines_stays_in_the_header(compiler):
    parse_entry = compiler.gcide_entries.parse
    dahlia = parse_entry("Dahlia", DAHLIA)
    assert dahlia.senses[0][1].startswith("(Bot.) A genus of plants")  # was "pl" before round 28
    assert dahlia.plurals == ("dahlias",)
    ranunculus = parse_entry("Ranunculus", RANUNCULUS)
    assert ranunculus.senses[0][1] == "(Bot.) A genus of herbs, mostly with yellow flowers"
    assert ranunculus.plurals == ("ranunculuses", "ranunculi")


def test_the_dictionary_shows_a_plant_in_the_plural_or_before_a_print_noun_only():
    d = Dictionary("demo", enabled=False)
    d.plants = {"zinnia": ["pattern", "floral", "Zinnia, n., sense 1 (a plant with flowers)"],
                "gladiolus": ["pattern", "floral", "Gladiolus, n., sense 1 (a plant with flowers)"]}
    d.plant_plurals = {"gladioli": "gladiolus"}
    assert d.shown("zinnias").value == "floral" and d.shown("gladioli").value == "floral"
    assert d.shown("zinnia") is None and d.shown("zinnia", plural_only=False).value == "floral"
    assert d.shown("pockets") is None


@pytest.mark.parametrize("text", ["a dress with zinnias", "a marigold print", "hibiscus flowers all over",
                                  "a blouse with gladioli", "a print of dahlias"])
def test_a_plant_said_as_a_thing_on_a_garment_is_a_floral_print(text, lexicon):
    assert ("pattern", "floral") in read(text, lexicon)


@pytest.mark.parametrize("text", ["a zinnia", "a dress with a marigold", "a shirt with brooms",
                                  "a shirt with pockets", "a top with peppers", "a coat with buttons"])
def test_elsewhere_it_reads_no_print(text, lexicon):
    assert not {v for f, v in read(text, lexicon) if f == "pattern"}


def test_the_asset_holds_plants_with_their_headword_and_sense(compiler):
    data = compiler.json.loads((compiler.ROOT / "agents" / "vocab" / "gcide.json").read_text(encoding="utf-8"))
    plants = data["sets"]["demo"]["plants"]
    assert plants and all(v[:2] == ["pattern", "floral"] for v in plants.values())
    for word, (_, _, where) in plants.items():
        assert where.split(",")[0].split(" (")[0].lower() == word and "(a plant with flowers)" in where, word
    assert all(w in plants for w in data["sets"]["demo"]["plant_plurals"].values())
