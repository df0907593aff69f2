"""Round 28's things and materials (issue 13): a plant a colour value claims is, in the plural on a garment or
before a print noun, what a floral print shows ("a dress with roses", "a lilac print"), while the singular
before a kind stays a colour ("a rose dress"); a garment word whose usual sense is a fabric names the material
when it is not counted ("something in denim", "made of tweed"), the kind in the plural or after an article
("denims", "a denim jacket"); MiniLM never makes a kind of a fabric ("in corduroy"); and a message that begins
with "in" and a material no longer fails ("in chiffon")."""

import pytest

from agents.knowledge import Knowledge, load_asset
from agents.understand import parse
from agents.word_roles import counted


def read(text, lexicon):
    return {(m.facet, m.value) for m in parse(text, lexicon).mentions if m.positive}


# A tiny asset: "rose" is a colour word and a plant the ``things`` table keeps; "tulip" a plant of ``outside``
# whose path shows which synsets flower.n.01 (the floral seed) shares with other plants.
TINY = {"sets": {"demo": {
    "words": {"rose": [["colour", "pink", "rose.n.03 < pink.n.01"]], "flower": [["pattern", "floral", "flower.n.01"]],
              "denim": [["category", "trousers", "jean.n.01 < trouser.n.01"]]},
    "outside": {"daisy": "daisy.n.01 < flower.n.01 < angiosperm.n.01 < vascular_plant.n.01 < plant.n.02",
                "tulip": "tulip.n.01 < bulbous_plant.n.01 < vascular_plant.n.01 < plant.n.02"},
    "things": {"vascular_plant.n.01": ["rose"]},
    "mass_garments": ["denim"],
    "worn": {"material": {"fabric.n.01": ["denim", "corduroy"]}, "occasion": {}},
}}}


def test_a_plant_a_colour_claims_is_shown_in_the_plural_only():
    k = Knowledge("demo", TINY)
    roses = k.shown("roses")
    assert (roses.facet, roses.value) == ("pattern", "floral")
    assert "vascular_plant.n.01" in roses.path  # the provenance names the synset it shares with flower.n.01
    assert k.shown("rose") is None  # the singular is the colour ("a rose dress")
    assert k.shown("rose", plural_only=False).value == "floral"  # ... but before a print noun, the plant
    assert k.shown("tulips") is None  # an outside word reads through ``depicted``, not here
    assert k.lookup("rose")[0].facet == "colour"


def test_materials_and_mass_garments_from_the_asset():
    k = Knowledge("demo", TINY)
    assert "denim" in k.mass_garments
    assert k.material("corduroy") and not k.material("corduroys") and not k.material("rose")


def test_the_compiled_asset_keeps_colour_named_plants_and_fabric_garments():
    demo = load_asset()["sets"]["demo"]
    plants = {w for ws in demo["things"].values() for w in ws}
    assert {"rose", "violet"} <= plants
    assert all(any(e[0] == "colour" for e in demo["words"][w]) for w in plants)  # only what a colour claims
    assert {"denim", "tweed", "flannel"} <= set(demo["mass_garments"])
    assert "chino" not in demo["mass_garments"]  # its garment sense ranks first and is not "usually plural"
    assert "mackintosh" not in demo["mass_garments"]  # the fabric is listed first, but the corpus met neither sense


@pytest.mark.parametrize("text", [
    "a dress with roses", "a skirt covered in violets", "a print of tiny roses", "a pattern of roses",
    "a lilac print", "a violet print", "a rose print", "carnations all over",
])
def test_things_on_a_garment_that_are_colour_names_are_a_floral_print(lexicon, text):
    got = read(text, lexicon)
    assert ("pattern", "floral") in got
    assert not any(f == "colour" for f, _ in got), got


@pytest.mark.parametrize("text,colour", [
    ("a rose dress", "pink"), ("a violet skirt", "purple"), ("a dress in rose", "pink"), ("a red print", "red"),
])
def test_a_colour_word_alone_or_before_a_kind_stays_a_colour(lexicon, text, colour):
    got = read(text, lexicon)
    assert ("colour", colour) in got
    assert ("pattern", "floral") not in got


@pytest.mark.parametrize("text", ["the colour of violets", "a dress in violets and blues", "a dress in dusty roses",
                                  "a dress in soft pinks and roses", "a pink like roses", "a top in shades of roses",
                                  "a dress in the colour of the roses"])
def test_a_plant_said_as_a_colour_is_no_print(lexicon, text):
    assert ("pattern", "floral") not in read(text, lexicon)


@pytest.mark.parametrize("text", ["something in denim", "made of tweed please", "something flannel", "denim",
                                  "I'd like it in corduroy"])
def test_a_material_said_uncounted_names_no_kind(lexicon, text):
    assert not any(f == "category" for f, _ in read(text, lexicon))


@pytest.mark.parametrize("text,kind", [
    ("denims", "trousers"), ("a pair of flannels", "trousers"), ("corduroys", "trousers"),
    ("a mackintosh", "coat"), ("mackintosh", "coat"),  # WordNet's order of its untagged senses is no evidence
    ("a denim jacket", "jacket"), ("a shirt in denim", "shirt"), ("black skinny jean", "trousers"),
    ("the mom jean", "trousers"),
])
def test_the_plural_an_article_or_a_kind_after_it_name_the_garment(lexicon, text, kind):
    kinds = {v for f, v in read(text, lexicon) if f == "category"}
    assert kinds == {kind}


def test_counted_nouns():
    assert counted("a red mackintosh".split(), 2)
    assert not counted("something in denim".split(), 2)
    assert not counted("a shirt in denim".split(), 3)  # the article counts the shirt


@pytest.mark.parametrize("text", ["in chiffon", "in velvet please", "in satin"])
def test_in_and_a_material_at_the_start_is_no_error(lexicon, text):
    lexicon.warm()  # the colour resource read: it failed on a span at the message's start
    parse(text, lexicon)
    assert not any(f == "colour" for f, _ in read("in chiffon", lexicon))  # a material after "in" is no colour
