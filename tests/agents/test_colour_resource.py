"""Colours named after things, from the installed colour-name resource, read only where a colour is expected."""

import pytest

from agents import colour_context
from agents.colour_resource import thing_colours
from agents.forced_choice import SOURCE as GUESS
from agents.lexicon import Lexicon
from agents.replies import understood_notes
from agents.turns import Turn
from agents.understand import parse
from retrieval.facets import demo_facets


def colours(text, lexicon, expect=None):
    return [(m.value, m.positive) for m in parse(text, lexicon, expect).mentions if m.facet == "colour"]


def test_the_resource_is_read_from_the_installed_package():
    names = thing_colours()
    assert len(names) > 20000  # ~30k names: far more than matplotlib's ~950
    assert names["champagne"] == pytest.approx((0xE9 / 255, 0xD2 / 255, 0xAC / 255), abs=0.05)
    assert all(len(n.split()) <= 3 and n.replace(" ", "").isalpha() for n in names)


@pytest.mark.parametrize("text, value", [
    ("a champagne dress", "beige"),  # before a garment noun
    ("a tank top in oxblood", "red"),  # "in X"
    ("the colour of oxblood please", "red"),  # "the colour of X"
    ("a toffee-coloured coat", "brown"),  # "X-coloured"
    ("a cardigan, lilac-ish", "purple"),  # "X-ish" written apart
    ("a Champagne dress", "beige"), ("A TANK TOP IN OXBLOOD", "red"),  # capitals elsewhere change nothing
])
def test_a_thing_named_colour_in_a_colour_context(text, value, lexicon):
    assert (value, True) in colours(text, lexicon)


def test_the_answer_to_a_colour_question_is_a_colour_context(lexicon):
    assert colours("champagne", lexicon, expect="colour") == [("beige", True)]
    assert colours("oxblood I think", lexicon, expect="colour") == [("red", True)]


def test_the_same_word_out_of_colour_context_is_no_colour(lexicon):
    assert colours("some champagne for the party", lexicon) == []
    assert colours("I would like to visit the abbey", lexicon) == []
    assert colours("a dress for the wedding", lexicon) == []


def test_names_joined_to_a_colour_are_colours(lexicon):
    assert colours("champagne and black", lexicon) == [("beige", True), ("black", True)]
    assert ("beige", False) in colours("no, not champagne, more like black", lexicon)


def test_negation_covers_a_thing_named_colour(lexicon):
    assert colours("not a champagne shirt", lexicon) == [("beige", False)]
    assert ("beige", False) in colours("a lilac instead of champagne dress", lexicon)


@pytest.mark.parametrize("text", [
    "a wedding dress", "an evening dress", "a cowboy hat",  # words that make a kind of garment
    "a dress to wear in summer", "a bag for the beach",  # when and where it is worn
    "a striped dress", "a floral shirt", "a tartan skirt", "a polo shirt", "a denim jacket",  # other facets
    "a bag for work", "show me something cheap", "a shirt for the office", "an elephant shirt",
    "a dress to wear in Paris", "something for a wedding in July",  # a capitalised word after "in" is a name
])
def test_ordinary_sentences_get_no_colour(text, lexicon):
    assert colours(text, lexicon) == []


def test_garment_and_pattern_words_are_never_resource_colours(lexicon):
    words = sorted({p for p, fvs in lexicon.phrases.items() for f, _ in fvs if f != "colour" and p.isalpha()})
    assert words
    for w in words:
        for toks in ([w, "dress"], ["in", w], [w]):
            assert colour_context.colour_spans(toks, lexicon, expect="colour") == [], (w, toks)


def test_without_the_resource_nothing_changes(monkeypatch, lexicon):
    monkeypatch.setattr(colour_context, "thing_colours", lambda: {})
    assert colours("a champagne dress", lexicon) == []
    assert colours("a red dress", lexicon) == [("red", True)]


def test_a_thing_named_colour_before_a_pattern_is_the_accent(lexicon):
    got = [(m.facet, m.value) for m in parse("a red dress with champagne stripes", lexicon).mentions]
    assert ("accent", "beige") in got and ("colour", "red") in got and ("pattern", "striped") in got


@pytest.mark.parametrize("text", [
    "a chiffon dress", "a dress in organza", "a corduroy skirt",  # materials WordNet files under fabric
    "black and chiffon", "a prom dress", "a dress for a gala",  # beside a colour; occasions
])
def test_materials_and_occasions_are_no_resource_colours(text, lexicon):
    assert [c for c in colours(text, lexicon) if c != ("black", True)] == []


def test_only_a_colour_noun_reads_a_material_as_a_colour(lexicon):
    assert colours("the colour of chiffon", lexicon) == [("beige", True)]
    assert colours("chiffon", lexicon, expect="colour") == []  # a fabric, even asked about the colour
    assert colours("prom", lexicon, expect="colour") == []


def test_a_name_typed_alone_is_a_colour_said_to_be_a_guess(lexicon):
    parsed = parse("champagne!", lexicon)
    assert [(m.facet, m.value, m.positive, m.source, m.specific) for m in parsed.mentions] == [
        ("colour", "beige", True, GUESS, "champagne")]  # its words stay in the query
    assert understood_notes(parsed, parsed.mentions, demo_facets()) == ["I took “champagne” as beige — say if not."]
    assert colours("not champagne", lexicon) == []  # a negated name alone stays an unwanted word


@pytest.mark.parametrize("text", ["champagne please", "surprise me", "cotton", "velvet", "prom", "summer",
                                  "abbey", "sandy", "full moon", "garden", "forget the champagne"])
def test_only_a_whole_message_of_one_name_reads_alone(text, lexicon):
    # more words than the name; a material, an occasion, a season, a building, an ordinary word; a name
    # another source reads ("full moon": a moon print, "garden": floral by MiniLM): no colour guess
    assert [m for m in parse(text, lexicon).mentions if m.source == GUESS] == []


def test_in_a_photo_collection_a_word_typed_alone_is_no_colour_guess():
    from retrieval.facets import facet_sets

    photos = Lexicon(facet_sets()["photos"])
    assert "colour" in photos.facets and not photos.knowledge.worn  # no materials or occasions to tell apart
    for text in ("flamingo", "champagne"):  # a subject, or a thing: the demo catalog's guess is not made here
        assert [m for m in parse(text, photos).mentions if m.source == GUESS] == []


def test_a_session_reads_a_name_typed_alone_and_says_so(hash_assistant):
    s = hash_assistant.new_session()
    r = s.step(Turn(text="champagne"))
    assert s.state.beliefs["colour"].positive == "beige"
    assert "I took “champagne” as beige — say if not." in r.message
    assert "champagne" in s.state.wishes and "champagne" in r.query  # the words stay in the query


def test_a_name_on_a_palette_border_takes_the_side_its_longer_names_say(lexicon):
    """"lead" is dark enough for black by its RGB, and the resources name "lead grey"; "kale" sits between grey
    and green and they name "kale green": on a border, the longer names decide."""
    for name, value, longer in [("lead", "grey", "lead grey"), ("kale", "green", "kale green")]:
        m = lexicon.colour_in_context(name)
        assert (m.value, m.source) == (value, "colour resource") and longer in m.path, name
    assert lexicon.colour_in_context("champagne").value == "beige"  # no longer name: the RGB alone decides


def test_longer_names_never_pull_a_colour_across_the_palette(lexicon):
    """Only a colour among the RGB's nearest survey names (or black, white and grey among themselves) is a side:
    "maroon purple" or "burgundy grey" do not make those reds purple or grey."""
    side = lexicon._named_side
    red = lexicon.rgb_colour("a red", (0.55, 0.05, 0.1))
    lexicon.__dict__["_suffixed"] = {**lexicon._suffixed, "testred": {("testred purple", "purple")}}
    try:
        assert side("testred", (0.55, 0.05, 0.1), red).value == "red"
        assert lexicon.colour_names.borders((0.55, 0.05, 0.1), "red")
    finally:
        del lexicon.__dict__["_suffixed"]


def test_a_longer_phrase_another_source_reads_is_not_cut_to_its_first_name(lexicon):
    # "fire engine" is read whole (the survey's "fire engine red"); its first word "fire" is a resource name too,
    # and as the answer to the colour question it had been read alone (brown) with "engine" lost.
    assert "fire" in thing_colours()
    assert colours("fire engine", lexicon, expect="colour") == [("red", True)]
    assert colours("a fire engine shirt", lexicon) == [("red", True)]


def test_a_word_named_only_by_its_longer_names_where_a_colour_is_asked(lexicon):
    # "kelly" has no RGB in any resource; its names "kelly green" say green.
    assert "kelly" not in thing_colours()
    assert lexicon.colour_by_longer_names("kelly").value == "green"
    for text, expect in [("kelly", "colour"), ("the colour of kelly", None)]:
        found = [m for m in parse(text, lexicon, expect).mentions if m.facet == "colour"]
        assert [(m.value, m.positive, m.source) for m in found] == [("green", True, GUESS)]
    assert colours("a kelly-coloured scarf", lexicon) == [("green", True)]
    assert colours("not kelly", lexicon, expect="colour") == [("green", False)]
    # in a correction answering the colour question, what it is "like" (found in round 25)
    assert colours("no, not red, more like kelly", lexicon, expect="colour") == [("green", True), ("red", False)]
    assert colours("no, not red, more like kelly", lexicon) == [("red", False)]  # nowhere a colour was asked


def test_longer_names_are_read_nowhere_else(lexicon):
    # Ordinary words have such names too, so a bare word, a word before a garment or after "in" stays no colour.
    assert colours("kelly", lexicon) == []
    assert colours("a kelly shirt", lexicon) == []
    assert colours("a dress in kelly", lexicon) == []


def test_longer_names_that_disagree_or_another_reading_decide_nothing(lexicon):
    assert {v for _, v in lexicon._suffixed["chrome"]} >= {"green", "yellow"}  # chrome green, chrome yellow
    assert lexicon.colour_by_longer_names("chrome") is None
    assert colours("chrome", lexicon, expect="colour") == []
    # "solid" is the lexicon's pattern word: "solid colour" is no "solid pink"
    assert lexicon.colour_by_longer_names("solid") is None
    assert colours("solid colour", lexicon) == []


def test_a_reading_by_longer_names_is_said_to_be_a_guess(lexicon):
    parsed = parse("kelly", lexicon, "colour")
    assert understood_notes(parsed, parsed.mentions, demo_facets()) == ["I took “kelly” as green — say if not."]
    # in an answer only as the whole answer: "squid" of "squid ink" is no "squid pink"
    assert lexicon.colour_by_longer_names("squid").value == "pink"
    assert "pink" not in [v for v, _ in colours("squid ink", lexicon, expect="colour")]


def test_a_colour_read_by_its_longer_names_is_a_guess_in_every_form(lexicon):  # found in review
    from agents.confidence import is_guess
    from agents.understand import parse

    for text in ("a kelly-coloured dress", "a tennis-ish dress"):
        colours = [m for m in parse(text, lexicon).mentions if m.facet == "colour"]
        assert colours and all(is_guess(m.confidence) for m in colours), text


@pytest.mark.parametrize("text", ["dark", "a dark shade", "pale", "a dusky shade"])
def test_a_shade_word_alone_is_no_colour_name(text, lexicon):
    # the resource names a navy "dark": the answer "dark" was a blue, and "a dark shade" a sure one
    p = parse(text, lexicon, expect="colour")
    assert not [m for m in p.mentions if m.facet == "colour" and m.source in ("colour resource", "colour form")]
    assert lexicon.shade_word("dark") and not lexicon.shade_word("olive")  # "olive" is a survey name alone too
    assert ("colour", "blue") in {(m.facet, m.value) for m in parse("bluey", lexicon).mentions}  # a form of "blue"
