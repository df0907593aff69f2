"""GCIDE in requests (row 3e, round 26): only the asset's rare words (WordNet knows no sense of them nor of a word
they are a form of, MiniLM has no whole word for them, the colour resource no name), after every other source,
as a guess; everyday words keep their reading, or stay free text."""

from pathlib import Path

import pytest
import yaml

from agents.confidence import confidence, is_guess
from agents.dictionary import Dictionary, in_requests, load_asset
from agents.lexicon import Lexicon
from agents.understand import parse
from retrieval.facets import facet_sets

HERE = Path(__file__).resolve().parent
REQUESTS = yaml.safe_load((HERE / "dev_rare_requests.yaml").read_text(encoding="utf-8"))
NOT_COLOURS = yaml.safe_load((HERE / "dev_not_colours.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def photos():
    return Lexicon(facet_sets()["photos"])


def _dictionary(text, lexicon):
    return [(m.facet, m.value) for m in parse(text, lexicon).mentions if m.source == "dictionary"]


@pytest.mark.parametrize("text, facet, value", [
    ("a red paletot", "category", "coat"), ("paletot", "category", "coat"), ("an azureous shirt", "colour", "blue"),
    ("a filibeg", "category", "skirt"), ("a t-shirt with obcordate", "motif", "heart"),
])
def test_a_rare_word_reads_in_a_request_as_a_guess(text, facet, value, lexicon):
    found = [m for m in parse(text, lexicon).mentions if m.source == "dictionary"]
    assert [(m.facet, m.value, m.positive) for m in found] == [(facet, value, True)]
    assert is_guess(confidence("dictionary"))


def test_the_rare_words_are_asset_words_and_sorted():
    for data in load_asset()["sets"].values():
        assert data["rare"] == sorted(data["rare"]) and set(data["rare"]) <= set(data["words"])
        assert 0 < len(data["rare"]) < len(data["words"])


def test_a_word_wordnet_knows_reads_only_as_an_answer(lexicon):
    """"bloodshot" is in WordNet (an everyday adjective): a definition reads it only in the colour question's answer.
    ("swarthy" was the example until round 29: GCIDE defines it through "dusky", no colour form any more.)"""
    assert lexicon.define("bloodshot") and not lexicon.dictionary.is_rare("bloodshot")
    assert not _dictionary("a man with bloodshot eyes in a red shirt", lexicon)
    assert in_requests("bloodshot", lexicon.define, lexicon.dictionary.is_rare) is None
    assert [m.source for m in parse("bloodshot", lexicon, expect="colour").mentions] == ["dictionary"]


def test_a_name_of_the_colour_resource_is_left_to_it(lexicon):
    """"smalt" is a rare GCIDE word and a resource name: the resource's rows read it, never the dictionary."""
    assert "smalt" in lexicon.dictionary.rare and not lexicon.dictionary.is_rare("smalt")
    assert not _dictionary("smalt", lexicon) and not _dictionary("a smalt shirt", lexicon)


def test_another_sources_reading_wins(lexicon):
    assert lexicon.lookup("jacket") and not _dictionary("a jacket", lexicon)
    assert not Dictionary("demo", enabled=False).rare


@pytest.mark.parametrize("text", REQUESTS)
def test_everyday_requests_read_nothing_from_the_dictionary(text, lexicon, photos):
    """The review's four misreads ("a black belted coat", "a corded skirt", "a candid photo", "a jar of pickles")
    and everyday words that look rare ("ruched", "boho", "cottagecore")."""
    assert not _dictionary(text, lexicon) and not _dictionary(text, photos)


def test_no_word_that_is_no_colour_reads_from_the_dictionary(lexicon):
    words = [str(w) for v in NOT_COLOURS.values() for w in (v if isinstance(v, list) else v)]
    assert len(words) > 50
    for w in words:
        for text in (w, f"a {w} shirt", f"a dress in {w}"):
            assert not _dictionary(text, lexicon), text


@pytest.mark.parametrize("text", [
    "a skirt with a tuch of green", "a skirt with mone pockets",  # a short word one letter from a common one
    "a dress like Cory Monteith wore", "a bag from Modena",  # names
    "a shirt with burgees", "a long skirt with a jupon underneath",  # a second kind of garment in a request
])
def test_typos_names_and_a_second_garment_read_nothing_from_the_dictionary(text, lexicon):
    """Found in review, round 26: each read a value from Webster before (blue, moon, white, red, coat, jacket)."""
    assert not _dictionary(text, lexicon)
    assert "gules" in [m.text for m in parse("gules", lexicon, "colour").mentions]  # an answer still reads it
