"""Round 30 (helper A): where a sleeve ends, said through the hand's parts WordNet relates to it ("to the
fingertips", "down to the palms") and through two landmarks ("from shoulder to elbow": the lower one), and a
"<words> sleeves" phrase never read as no sleeves (docs/language-rounds.md, "Round 30, sleeves part")."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from agents.knowledge import load_asset
from agents.landmarks import landmark_value
from agents.lexicon import Lexicon
from agents.parsed import Match
from agents.understand import parse
from retrieval.facets import demo_facets

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon(demo_facets(), embed=lambda texts: np.zeros((len(texts), 4), "float32"))


def read(text, lexicon, expect=None):
    return {(m.facet, m.value) for m in parse(text, lexicon, expect).mentions if m.positive}


def test_the_hand_parts_table_is_wordnets_part_of_relation():
    parts = load_asset()["hand_parts"]
    for word in ("fingertip", "palm", "thumb", "knuckle"):  # thumb: a kind of finger, a part of the hand
        assert parts[word].endswith("< hand.n.01"), (word, parts[word])
    assert all(re.fullmatch(r"[a-z0-9_'.-]+\.n\.\d\d( < [a-z0-9_'.-]+\.n\.\d\d)*", p) for p in parts.values())
    assert "pad" not in parts and "ball" not in parts  # parts of the hand, but not their words' first sense
    asset = json.loads((ROOT / "agents" / "vocab" / "wordnet.json").read_text(encoding="utf-8"))
    assert asset["hand_parts"] == parts


@pytest.mark.parametrize("words", [["fingertips"], ["past", "fingertips"], ["down", "palms"], ["thumb"],
                                   ["reaching", "knuckles"]])
def test_a_sleeve_reaching_a_part_of_the_hand_is_long(lexicon, words):
    assert landmark_value(words, lexicon.facets) == ("sleeve", "long")


def test_a_part_of_the_hand_read_in_a_request(lexicon):
    assert ("sleeve", "long") in read("a dress with sleeves to the fingertips", lexicon)
    assert ("sleeve", "long") in read("sleeves down to the palms", lexicon, "sleeve")
    assert not any(f == "sleeve" for f, _ in read("a palm tree print shirt", lexicon))  # no phrase of landmarks


@pytest.mark.parametrize("words, expected", [
    (["shoulder", "elbow"], ("sleeve", "short")),  # "from shoulder to elbow": ends at the elbow
    (["elbow", "wrist"], ("sleeve", "long")),  # "from elbow to wrist": ends at the wrist
    (["wrist", "shoulder"], ("sleeve", "long")),  # the lower one, whatever the order
    (["shoulder", "fingertips"], ("sleeve", "long")),
    (["waist", "knee"], ("length", "midi")),  # where a skirt sits is its upper end
    (["elbow", "knee"], None),  # two scales: no edge
])
def test_two_landmarks_end_at_the_lower(lexicon, words, expected):
    assert landmark_value(words, lexicon.facets) == expected


def test_two_landmarks_in_a_request(lexicon):
    assert ("sleeve", "short") in read("a dress with sleeves from shoulder to elbow", lexicon)
    assert ("sleeve", "long") in read("from elbow to wrist", lexicon, "sleeve")
    assert ("sleeve", "long") in read("a top with shoulder-to-wrist sleeves", lexicon)


def test_words_before_a_sleeve_noun_never_read_as_no_sleeves(lexicon, monkeypatch):
    """The lexicon's vote is forced to "sleeveless": a "<words> sleeves" phrase still has sleeves, so it stays
    words; "<words> arms" and the lexicon's own phrases are left as they were."""
    monkeypatch.setattr(lexicon, "similar", lambda phrase, facet=None: Match("sleeve", "sleeveless", "similarity"))
    parsed = parse("a shirt with gauntlet sleeves", lexicon)
    assert not any(m.facet == "sleeve" and m.positive for m in parsed.mentions)
    assert ("sleeve", "gauntlet sleeves") in parsed.unread_facets
    assert ("sleeve", "sleeveless") in read("a dress with no sleeves", lexicon)
    assert ("sleeve", "sleeveless") in read("a dress with open arms", lexicon)


@pytest.mark.parametrize("text", ["a dress with straps", "a dress with spaghetti straps", "a top with thin straps over "
                                  "the shoulders", "a dress, strappy"])
def test_straps_on_a_kind_with_sleeves_are_sleeveless(lexicon, text):
    assert ("sleeve", "sleeveless") in read(text, lexicon)


def test_straps_as_the_answer_to_the_sleeve_question(lexicon):
    assert ("sleeve", "sleeveless") in read("thin straps", lexicon, "sleeve")


@pytest.mark.parametrize("text", ["a dress with a strap bag", "a backpack with padded straps", "a watch strap",
                                  "a bag with a long strap"])
def test_straps_of_other_things_say_nothing_of_sleeves(lexicon, text):
    assert not any(f == "sleeve" for f, _ in read(text, lexicon))


@pytest.mark.parametrize("text", ["thumbs up", "hands up"])
def test_a_landmark_before_up_is_a_posture(lexicon, text):
    assert not any(f == "sleeve" for f, _ in read(text, lexicon))
    assert ("sleeve", "long") in read("sleeves up to the wrist", lexicon)


def test_arms_left_bare_are_sleeveless(lexicon):
    assert landmark_value(["arms", "left", "bare"], lexicon.facets) == ("sleeve", "sleeveless")
