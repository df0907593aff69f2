"""Round 30's pattern part: a pattern described by its unit ("circles all over", "a petal print"), "no <a kind of
writing, sign or symbol>" as the print motif's none ("no symbols", "wordless"), and pattern names typed apart or
with an apostrophe ("hounds tooth", "dog's-tooth"). The units and marks are WordNet's (the asset's ``units`` and
``marks`` tables, ``scripts/wordnet_units.py``); where they are read is the sentence's shape (``agents/units.py``)."""

import re

import pytest

from agents.knowledge import Knowledge
from agents.understand import parse

SYNSET = re.compile(r"^[a-z0-9_'.-]+\.[nasrv]\.\d\d$")


def read(text, lexicon):
    return {(m.facet, m.value, m.positive) for m in parse(text, lexicon).mentions}


def patterns(text, lexicon):
    return {(v, pos) for f, v, pos in read(text, lexicon) if f in ("pattern", "motif")}


@pytest.mark.parametrize("text,value", [
    ("tiny circles all over", "polka-dot"), ("a dress covered in little white rings", "polka-dot"),
    ("a circle pattern", "polka-dot"), ("bars across", "striped"), ("horizontal bars", "striped"),
    ("squares all over", "checked"), ("a petal print", "floral"), ("a bloom print", "floral"),
    ("blossoms", "floral"), ("a dress with nosegays", "floral"),
])
def test_a_unit_where_a_pattern_is_described_is_that_pattern(text, value, lexicon):
    assert (value, True) in patterns(text, lexicon)


@pytest.mark.parametrize("text", ["a circle skirt", "a ring", "a dress with a square neck", "a line of rings",
                                  "a bar jacket", "a petal hem"])
def test_a_unit_alone_names_no_pattern(text, lexicon):
    assert not {v for v, _ in patterns(text, lexicon)} & {"polka-dot", "checked", "floral"}


def test_a_negated_unit_is_not_wanted(lexicon):
    assert ("polka-dot", False) in patterns("a dress with no circles all over", lexicon)
    assert ("polka-dot", True) not in patterns("a dress with no circles all over", lexicon)


@pytest.mark.parametrize("text", ["no symbols", "a t-shirt without lettering", "a wordless tee", "textless",
                                  "a hoodie with no emblems", "brand-free"])
def test_no_writing_sign_or_symbol_is_the_print_motifs_none(text, lexicon):
    assert ("none", True) in patterns(text, lexicon)


@pytest.mark.parametrize("text", ["no sleeves", "a shirt with no buttons", "a dress without pockets", "no hood",
                                  "a jumper with no collar", "a dress with no belt"])
def test_no_other_part_is_no_print(text, lexicon):
    assert ("none", True) not in patterns(text, lexicon)


@pytest.mark.parametrize("text", ["hounds tooth", "dog's-tooth", "a dogs tooth coat", "a hound's tooth jacket"])
def test_a_pattern_name_typed_apart_reads_as_the_resource_writes_it(text, lexicon):
    assert ("checked", True) in patterns(text, lexicon)


def test_a_name_typed_apart_never_becomes_a_colour(lexicon):
    assert lexicon._written_apart("rose wood") == []


def test_the_tables_hold_wordnet_paths_and_no_shown_motif():
    k = Knowledge("demo")
    assert k.units["circle"][0] == "polka-dot" and k.units["bar"][0] == "striped"
    assert k.units["petal"][0] == "floral" and "part of flower.n.02" in k.units["petal"][1]
    for w, (_, path) in k.units.items():
        assert all(SYNSET.match(s.removeprefix("part of ")) for s in path.split(" < ")), (w, path)
    assert "symbol" in k.marks and "lettering" in k.marks
    assert "asterisk" not in k.marks  # "a star-shaped character": it shows the star motif
    assert not set(k.units) & set(k.words) and not set(k.marks) & set(k.words)  # the closures' words stay theirs
    assert Knowledge("photos").units == {}
