"""The offline engine's reading of messages: every reformulation case the issue lists."""

import pytest

from agents.understand import parse


def mentions(text, lexicon):
    return {(m.facet, m.value, m.positive) for m in parse(text, lexicon).mentions}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a red striped t-shirt with short sleeves",
         {("colour", "red", True), ("pattern", "striped", True), ("category", "t-shirt", True), ("sleeve", "short", True)}),
        ("not red", {("colour", "red", False)}),
        ("no stripes please", {("pattern", "striped", False)}),
        ("without sleeves", {("sleeve", "sleeveless", True)}),
        ("anything but black", {("colour", "black", False)}),
        ("make it blue", {("colour", "blue", True)}),
        ("blue instead of red", {("colour", "blue", True), ("colour", "red", False)}),
        ("a crimson gown, no polka dots", {("colour", "red", True), ("category", "dress", True), ("pattern", "polka-dot", False)}),
        ("polka-dotted tee with long sleeves", {("pattern", "polka-dot", True), ("category", "t-shirt", True), ("sleeve", "long", True)}),
        ("pants in cobalt", {("category", "trousers", True), ("colour", "blue", True)}),
        ("a long dress that is not floral or checked",
         {("length", "maxi", True), ("category", "dress", True), ("pattern", "floral", False), ("pattern", "checked", False)}),
        ("red t-shirt with white stripes",
         {("colour", "red", True), ("category", "t-shirt", True), ("accent", "white", True), ("pattern", "striped", True)}),
        ("I don't want stripes, but dots are ok", {("pattern", "striped", False), ("pattern", "polka-dot", True)}),
    ],
)
def test_mentions(text, expected, lexicon):
    assert mentions(text, lexicon) == expected


def test_retraction_and_dont_care(lexicon):
    assert parse("any colour is fine", lexicon).retracted == ["colour"]
    assert parse("the pattern doesn't matter", lexicon).retracted == ["pattern"]
    assert parse("doesn't matter", lexicon).dont_care
    assert not parse("anything but black", lexicon).dont_care
    assert parse("any colour is fine", lexicon).mentions == []


def test_deixis_and_comparatives(lexicon):
    p = parse("like the second one but longer", lexicon)
    assert p.result_refs == [(2, True)] and p.comparatives == [("length", 1)]
    assert parse("not the first one", lexicon).result_refs == [(1, False)]
    assert parse("like #3 but with shorter sleeves", lexicon).comparatives == [("sleeve", -1)]
    assert parse("more like the first, less like the second", lexicon).result_refs == [(1, True), (2, False)]
    p = parse("4 is close but too long", lexicon)  # the bare number was read as nothing
    assert p.result_refs == [(4, True)] and ("length", "maxi", False) in {(m.facet, m.value, m.positive) for m in p.mentions}
    assert parse("10 is my size", lexicon).result_refs == []  # no verdict: no result
    assert parse("12, but loose", lexicon).result_refs == []  # a size (review)
    assert parse("more or less like the second one", lexicon).result_refs == [(2, True)]
    assert parse("I don't have a strong preference", lexicon).dont_care
    assert parse("a jacket to take away on holiday", lexicon).forgotten == []
    p = parse("like this but in navy", lexicon)
    assert p.this_ref and mentions("like this but in navy", lexicon) == {("colour", "blue", True)}


def test_unmapped_words_stay_as_wishes(lexicon):
    p = parse("a red dress for a wedding", lexicon)
    assert ("category", "dress", True) in {(m.facet, m.value, m.positive) for m in p.mentions}
    assert p.wishes == ["wedding"]
    assert parse("asdf qwerty", lexicon).mentions == []
    assert parse("a white coat qzx14vok", lexicon).wishes == ["qzx14vok"]



@pytest.mark.parametrize("text, said", [
    ("green if possible", {("colour", "green", True)}), ("short sleeves obviously", {("sleeve", "short", True)}),
    ("ideally red", {("colour", "red", True)}), ("naturally I want blue", {("colour", "blue", True)}),
    ("a blue dress, of course", {("colour", "blue", True), ("category", "dress", True)}),
])
def test_hedges_are_neither_values_nor_wishes(lexicon, text, said):
    p = parse(text, lexicon)
    assert {(m.facet, m.value, m.positive) for m in p.mentions} == said and not p.wishes


def test_found(lexicon):
    assert parse("that's it!", lexicon).found


def test_a_plural_is_no_colour_named_after_its_singular(lexicon):
    """"roses", "cherries", "lemons" on a garment are things (a print), "rose" and "cherry" colours; "blues" and
    "reds" stay the colours themselves."""
    assert not any(m.facet == "colour" and m.source != "similarity" for m in parse("a dress with roses", lexicon).mentions)
    assert parse("a skirt with cherries", lexicon).wishes == ["cherries"]
    assert ("colour", "pink", True) in mentions("a rose dress", lexicon)
    assert {("colour", "blue", True), ("colour", "green", True)} <= mentions("a dress in blues and greens", lexicon)


@pytest.mark.parametrize("text, facet, value, positive", [
    ("short", "sleeve", "short", True),  # was a mini hem
    ("long ones please", "sleeve", "long", True),
    ("not long", "sleeve", "long", False),
    ("a short dress", "length", "mini", True),  # a kind named: the hem's, as before
])
def test_long_or_short_answering_the_sleeve_question_is_the_sleeves(text, facet, value, positive, lexicon):
    p = parse(text, lexicon, expect="sleeve")
    assert {(m.facet, m.value, m.positive) for m in p.mentions if m.facet in ("sleeve", "length")} == {
        (facet, value, positive)}  # and no hem length beside it
    assert ("length", "mini", True) in {(m.facet, m.value, m.positive) for m in parse("short", lexicon).mentions}


@pytest.mark.parametrize("text", ["is there a longer version", "show me everything", "more options in red"])
def test_filler_nouns_of_a_request_are_no_wishes(text, lexicon):
    assert parse(text, lexicon).wishes == []  # "version", "everything" stayed in every later query
