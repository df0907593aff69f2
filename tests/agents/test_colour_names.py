"""Colour names read through matplotlib's survey names (``agents.colour_names``): the nearest labelled name in
CIELAB, survey modifiers ("pale sage") and clipped survey names ("duck egg"), on small synthetic palettes
and on the real names."""

import numpy as np
import pytest

from agents.colour_names import ColourNames, _named_colours, achromatic, classify_rgb, to_lab
from agents.text import clean
from agents.understand import parse

BASIC = {"red": "red", "blue": "blue", "green": "green"}.get


def test_lab_conversion_by_pillow():
    white, black, red = to_lab([(1, 1, 1), (0, 0, 0), (1, 0, 0)])
    assert white[0] == pytest.approx(100, abs=1.5) and np.abs(white[1:]).max() < 2
    assert black[0] < 2
    assert red[1] > 50 and red[2] > 30  # sRGB red: a* about 80, b* about 67


def test_nearest_labelled_name_within_the_bar():
    names = {"red": (1, 0, 0), "dark red": (0.55, 0, 0), "blue": (0, 0, 1), "dusty rose": (0.75, 0.45, 0.5)}
    survey = ColourNames(names, BASIC, bar=15)
    value, distance, name = survey.nearest((0.6, 0.02, 0.02))
    assert (value, name) == ("red", "dark red") and distance < 15
    assert survey.nearest((0.1, 0.9, 0.1)) is None  # no labelled name near green: no reading
    assert "dusty rose" not in survey._examples[2]  # no basic colour word as its head: not an example


def test_modifiers_are_words_in_front_of_several_colour_names():
    names = {n: (0.5, 0.5, 0.5) for n in ["red", "blue", "green", "sage", "pale red", "pale blue", "pale green",
                                          "moss green", "moss blue", "red blue", "red green", "red sage"]}
    survey = ColourNames(names, BASIC)
    assert survey.modifiers == {"pale"}  # "moss" precedes only two colour names; "red" is a colour itself
    assert survey.modifier("pale sage") == ("pale", "sage") and survey.modifier("moss sage") is None


def test_clipped_names_only_when_every_name_agrees():
    names = {n: (0.5, 0.5, 0.5) for n in ["duck egg blue", "baby blue", "baby pink", "army green", "sea blue",
                                          "sea green blue"]}
    survey = ColourNames(names, {"blue": "blue", "green": "green", "pink": "pink"}.get)
    assert survey.clipped("duck egg") == "blue"
    assert survey.clipped("baby") is None  # a single word never (and "baby" names two colours)
    assert survey.clipped("sea green") == "blue" and survey.clipped("sea") is None


def test_the_survey_agrees_with_its_own_names_better_than_the_hue_rules(lexicon):
    """Leave-one-out over matplotlib's names whose head is a basic colour word ("slate grey"): the vote of
    the nearest other labelled names gives the head's colour more often than the hue/saturation/value rules."""
    survey, values = lexicon.colour_names, lexicon.facets["colour"].values
    rows = [(n, rgb, survey.basic(n.split()[-1])) for n, rgb in _named_colours().items()]
    rows = [r for r in rows if r[2]]
    assert len(rows) > 500
    near = [survey.nearest(rgb, exclude=n) for n, rgb, _ in rows]
    by_survey = np.mean([(m[0] if m else classify_rgb(rgb, values)) == v for m, (_, rgb, v) in zip(near, rows)])
    by_hue = np.mean([classify_rgb(rgb, values) == v for _, rgb, v in rows])
    assert by_survey >= 0.8 and by_survey > by_hue + 0.03, (by_survey, by_hue)
    # Rare colours are not outvoted at their borders: the catalog's beige and the survey's white.
    assert survey.nearest(_named_colours()["tan"])[0] == "beige" and survey.nearest(_named_colours()["snow"])[0] == "white"
    assert 8 < survey.bar < 12  # 90% of the labelled names have another within 9.7


def test_colours_without_a_hue_are_left_to_the_lightness_rules(lexicon):
    # The survey heads 2 names with black: its vote would call charcoal black; the catalog calls it grey.
    assert lexicon.lookup("charcoal")[0].value == "grey" and lexicon.lookup("charcoal")[0].source == "colour hue"
    assert lexicon.lookup("tan")[0].value == "beige"


def test_a_pale_colour_keeps_its_hue_by_its_cielab_chroma(lexicon):
    """HSV saturation calls a pale pink (saturation 0.14, CIELAB chroma about 12) hueless, and the lightness
    rules then call it white; its chroma says it has a hue, so the survey vote reads it."""
    pale_pink, light_grey, near_black = (0.95, 0.81, 0.86), (0.8, 0.8, 0.79), (0.1, 0.12, 0.11)
    assert not achromatic(pale_pink) and achromatic(light_grey) and achromatic(near_black)
    assert lexicon.rgb_colour("a pale pink", pale_pink).value == "pink"
    assert lexicon.rgb_colour("a light grey", light_grey).value in ("grey", "white")


def test_real_names_through_the_survey_modifiers_and_clipped_names(lexicon):
    slate = lexicon.lookup("slate")[0]
    assert (slate.value, slate.source) == ("grey", "colour survey") and "slate grey" in slate.path
    for phrase, value, source in [("pale sage", "green", "colour modifier"), ("deep plum", "purple", "colour modifier"),
                                  ("duck egg", "blue", "colour name")]:
        m = lexicon.lookup(phrase)[0]
        assert (m.facet, m.value, m.source) == ("colour", value, source), phrase
    assert lexicon.lookup("pale pelican") == []  # a modifier shades only a colour


def test_accents_are_dropped_before_reading(lexicon):
    assert clean("Rosé café") == "Rose cafe"
    assert ("colour", "pink", True) in [(m.facet, m.value, m.positive) for m in parse("a rosé dress", lexicon).mentions]
