"""The sleeve/neckline probe (``agents.style_probe``): a logistic regression on MiniLM vectors of the engine's own
labelled phrases, read only where the facet is known and nothing else read the words, as a guess."""

import numpy as np

from agents.confidence import confidence, is_guess
from agents.lexicon import Lexicon
from agents.style_probe import BAR, BARS, SOURCE, _softmax, fit, landmark_rows, probe, training_rows
from agents.understand import parse
from retrieval.facets import demo_facets

WARM_LEXICON = True  # the full table embedded and the probe fitted (conftest.py)


def test_fit_separates_labelled_directions_deterministically():
    rng = np.random.default_rng(0)
    centres = np.eye(3, 8) * 3
    x = np.vstack([c + 0.3 * rng.standard_normal((6, 8)) for c in centres])
    labels = ["a"] * 6 + ["b"] * 6 + ["c"] * 6
    classes, w = fit(x, labels)
    again = fit(x, labels)[1]
    assert classes == ["a", "b", "c"] and np.array_equal(w, again)
    p = _softmax(np.hstack([centres, np.ones((3, 1))]) @ w)
    assert list(p.argmax(axis=1)) == [0, 1, 2] and p.max(axis=1).min() > 0.8


def test_training_rows_are_the_engines_own_phrases(lexicon):
    rows = dict(training_rows(lexicon, "sleeve"))
    assert rows["no sleeves"] == "sleeveless" and rows["long sleeves"] == "long"  # the hand lexicon
    assert rows["camisole"] == "sleeveless"  # a garment whose WordNet definition says it (gloss_traits)
    assert {v for _, v in training_rows(lexicon, "neckline")} == {"crew", "v-neck", "turtleneck"}


def test_sleeve_rows_say_where_on_the_arm_each_value_ends(lexicon):
    values = lexicon.facets["sleeve"].values
    rows = landmark_rows("sleeve", values)
    assert ("sleeves ending at the elbow", "short") in rows and ("wrist-length sleeves", "long") in rows
    assert ("bare arms", "sleeveless") in rows and ("arms covered", "long") in rows  # the limb, bare or covered
    assert {v for _, v in rows} == set(values)  # every value has rows, all of them the schema's
    assert set(rows) <= set(training_rows(lexicon, "sleeve"))
    assert landmark_rows("neckline", lexicon.facets["neckline"].values) == []  # measured no better there


def test_a_sleeve_style_name_is_a_guess_in_the_answer_only(lexicon):
    # a development word (dev_vocabulary_10_sleeve.yaml, tune half); before the landmark rows the probe read it
    # as sleeveless at 0.52, under the bar
    m = probe("medieval sleeves", "sleeve", lexicon)
    assert m is not None and m.value == "long" and BARS["sleeve"] <= m.score < BAR
    got = [m for m in parse("medieval sleeves", lexicon, expect="sleeve").mentions if m.facet == "sleeve"]
    assert [(m.value, m.positive) for m in got] == [("long", True)] and is_guess(confidence(got[0].source))
    assert not any(m.facet == "sleeve" for m in parse("a dress with medieval sleeves", lexicon).mentions)
    assert BARS["neckline"] == BAR  # the neckline keeps its bar: a lower one was not measured better there


def test_a_standing_collar_reads_as_a_guess_only_for_its_facet(lexicon):
    m = probe("nehru collar", "neckline", lexicon)  # a development word (dev_vocabulary_7_sleeve.yaml)
    assert m is not None and (m.value, m.source) == ("turtleneck", SOURCE) and m.score >= BAR
    assert probe("nehru collar", "colour", lexicon) is None  # sleeve and neckline only
    assert probe("nehru collar", "neckline", lexicon, bar=m.score + 0.001) is None  # never under the bar
    got = [(m.facet, m.value, m.source) for m in parse("a nehru collar", lexicon, expect="neckline").mentions]
    assert got == [("neckline", "turtleneck", SOURCE)]  # the answer to the neckline question
    assert is_guess(confidence(SOURCE))


def test_no_probe_under_a_negation_nor_for_a_known_phrase(lexicon):
    assert not any(m.source == SOURCE for m in parse("no nehru collar", lexicon).mentions)
    assert [(m.facet, m.value, m.source) for m in parse("a roll collar", lexicon).mentions] == [
        ("neckline", "turtleneck", "head noun")]


def test_not_in_a_request_where_collar_alone_leans_to_turtleneck(lexicon):
    for text in ("a shirt with an open collar", "a dress with a nehru collar"):  # review: "open collar" read high
        assert not any(m.source == SOURCE for m in parse(text, lexicon).mentions)


def test_a_turn_never_fits_the_probe_before_the_warm_up():
    cold = Lexicon(demo_facets())  # the app warms it in a background thread; until then no probe reading
    assert probe("nehru collar", "neckline", cold) is None and "_style_probes" not in cold.__dict__


def test_the_warm_up_fits_the_probes_once(lexicon):
    fitted = lexicon.__dict__["_style_probes"]  # fitted by ``Lexicon.warm`` (the fixture)
    assert set(fitted) == {"sleeve", "neckline"} and all(f is not None for f in fitted.values())
    lexicon.warm()
    assert lexicon.__dict__["_style_probes"] is fitted
