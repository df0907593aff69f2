"""scripts/calibrate_confidence.py: the lists it measures leave out the development user's words, and each reading
is scored right, wrong or another facet under the source that made it."""

from pathlib import Path

import yaml

from agents.lexicon import Lexicon
from retrieval.facets import demo_facets
from tests.script_loader import load_script

ROOT = Path(__file__).resolve().parents[2]


def _module():
    return load_script("calibrate_confidence")


def test_the_measured_words_are_none_the_development_user_speaks():
    mod = _module()
    words, not_colours = mod.load()
    spoken = {str(w).lower() for ws in yaml.safe_load((mod.DEV / mod.DEV_USER).read_text()).values() for w in ws}
    assert len(words) > 300 and len(not_colours) > 100
    assert not {w.lower() for _, w in words} & spoken and not {w.lower() for w in not_colours} & spoken
    assert {f for f, _ in words} >= {"category", "colour", "pattern", "sleeve", "neckline", "length", "motif"}
    assert "heldout" not in " ".join(mod.LISTS)


def test_readings_are_scored_under_their_source():
    mod = _module()
    lexicon = Lexicon(demo_facets())
    counts = mod.measure({("colour", "red"): "red", ("category", "dress"): "shirt"}, {"table"}, lexicon)
    # bare, in a request ("a red shirt": only the colour counts) and as an answer: 3 right, 3 wrong
    assert counts["lexicon"]["right"] == 3 and counts["lexicon"]["wrong"] == 3
    assert mod.precision(counts["lexicon"]) == 0.5 and mod.precision({"right": 0, "wrong": 0}) is None
    counts = mod.measure({}, {"red"}, lexicon)  # a "non-colour" read as a colour: a wrong reading
    assert counts["lexicon"]["wrong"] == counts["lexicon"]["not colour"] == 4
