"""Modifiers attach to the noun they modify; blends and plural design nouns name their head."""

import pytest

from agents.understand import parse


def mentions(text, lexicon):
    return {(m.facet, m.value, m.positive) for m in parse(text, lexicon).mentions}


@pytest.mark.parametrize("text", ["trousers with thin stripes", "thin stripes", "narrow stripes on a hat"])
def test_a_size_word_before_a_pattern_is_not_the_garments_fit(text, lexicon):
    got = mentions(text, lexicon)
    assert ("pattern", "striped", True) in got
    assert not {f for f, _, _ in got} & {"fit", "brim"}, got
    assert any("stripes" in w for w in parse(text, lexicon).wishes)  # the size word stays in the query


@pytest.mark.parametrize("text, scale, pattern", [
    ("tiny checks", "small", "checked"), ("big dots", "large", "polka-dot"), ("skinny jeans with wide stripes", "large", "striped"),
])
def test_a_size_word_before_a_pattern_sizes_it(text, scale, pattern, lexicon):
    got = mentions(text, lexicon)
    assert {("scale", scale, True), ("pattern", pattern, True)} <= got


def test_the_fit_of_the_trousers_is_still_read(lexicon):
    assert ("fit", "slim", True) in mentions("slim trousers with thin stripes", lexicon)


def test_a_negated_sized_pattern(lexicon):
    assert {("scale", "small", False), ("pattern", "checked", False)} <= mentions("not tiny checks", lexicon)


@pytest.mark.parametrize("word, value", [("wildflowers", "floral"), ("sunflowers", "floral")])
def test_a_plural_design_noun_is_the_head_of_a_compound(word, value, lexicon):
    assert ("pattern", value, True) in mentions(f"a dress with {word}", lexicon)


@pytest.mark.parametrize("word, value", [("chalkstripe", "striped"), ("pindot", "polka-dot"), ("microcheck", "checked")])
def test_a_patterns_own_unit_heads_a_compound_in_the_singular(word, value, lexicon):
    assert ("pattern", value, True) in mentions(f"a shirt with {word}", lexicon)
    assert ("pattern", value, True) in mentions(word, lexicon)


@pytest.mark.parametrize("text, expected", [
    ("a shirt with squares", {("pattern", "checked", True)}),
    ("tiny squares", {("pattern", "checked", True), ("scale", "small", True)}),
    ("crossed lines", {("pattern", "checked", True)}),
])
def test_the_units_a_pattern_seeds_definition_names(text, expected, lexicon):
    """check.n.10 is "a textile pattern of squares or crossed lines": its units, as written there, name it."""
    assert expected <= mentions(text, lexicon)
    assert lexicon.knowledge.gloss_pattern("squares").path.startswith("checked seed (gloss: a textile pattern of")


def test_a_colour_name_ending_in_a_unit_is_no_compound(lexicon):
    assert lexicon.compound("peridot") is None  # a gem the colour resource names, no kind of dot
    assert not any(f == "pattern" for f, _, _ in mentions("a peridot shirt", lexicon))


def test_a_unit_named_in_the_singular_or_shared_names_no_pattern(lexicon):
    assert not any(f == "pattern" for f, _, _ in mentions("a square bag", lexicon))
    assert "lines" not in lexicon.knowledge.pattern_units  # "crossed lines" only: lines alone may be stripes


def test_a_singular_thing_before_a_garment_stays_a_colour(lexicon):
    assert ("pattern", "floral", True) not in mentions("a sunflower dress", lexicon)


@pytest.mark.parametrize("word, value", [("shacket", "jacket"), ("jorts", "shorts")])
def test_a_blend_of_two_garment_words_is_a_kind_of_the_second(word, value, lexicon):
    assert ("category", value, True) in mentions(f"a red {word}", lexicon)
    assert lexicon.resolve(word).source == "blend"


@pytest.mark.parametrize("word", ["packet", "pocket", "rackets", "tickets", "docket"])
def test_english_words_are_never_blends(word, lexicon):
    assert lexicon.blend(word) is None
    assert not any(f == "category" for f, _, _ in mentions(f"a {word}", lexicon))
