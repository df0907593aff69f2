"""Pattern and motif adjectives both dictionaries define alike (round 29, ``scripts/gcide_agreed.py``): GCIDE's
sense and WordNet's most frequent sense state the same value, so the word is read in a request too ("speckled",
"mottled": polka-dot), as a guess; an everyday word whose first WordNet sense is another ("belted", "corded")
stays out of requests."""

import re
from types import SimpleNamespace

import pytest

from agents.confidence import confidence, is_guess
from agents.dictionary import load_asset
from agents.understand import parse
from tests.script_loader import load_script

PROVENANCE = re.compile(r"^[A-Za-z'-]+( \(entry \d+\))?, a\., sense [0-9a-z]+ \((pattern|shape); WordNet "
                        r"[a-z0-9_'.-]+\.[as]\.\d\d\)$")


def _dictionary(text, lexicon, expect=None):
    return [(m.facet, m.value, m.positive) for m in parse(text, lexicon, expect).mentions if m.source == "dictionary"]


def test_the_agreed_table_holds_pattern_and_motif_adjectives_with_both_provenances():
    data = load_asset()["sets"]["demo"]
    assert data["agreed"] and list(data["agreed"]) == sorted(data["agreed"])
    for word, (facet, _, where) in data["agreed"].items():
        assert facet in ("pattern", "motif") and PROVENANCE.match(where), (word, where)
    assert data["agreed"]["speckled"][:2] == ["pattern", "polka-dot"]
    assert "belted" not in data["agreed"] and "corded" not in data["agreed"]  # WordNet: "having a belt", ribs


@pytest.mark.parametrize("text, facet, value", [
    ("speckled", "pattern", "polka-dot"), ("a speckled shirt", "pattern", "polka-dot"),
    ("a shirt, mottled", "pattern", "polka-dot"), ("cordate", "motif", "heart"), ("a t-shirt with a cordate design", "motif", "heart"),
])
def test_an_agreed_word_reads_in_a_request_as_a_guess(text, facet, value, lexicon):
    assert _dictionary(text, lexicon) == [(facet, value, True)]
    assert is_guess(confidence("dictionary"))


@pytest.mark.parametrize("text", ["a black belted coat", "a corded skirt", "a swarthy man in a red shirt"])
def test_everyday_words_whose_first_sense_is_another_stay_out_of_requests(text, lexicon):
    assert not _dictionary(text, lexicon)


def test_not_speckled_is_a_negated_reading(lexicon):
    assert ("pattern", "polka-dot", False) in _dictionary("a grey shirt, not speckled", lexicon)


# -- the compiler's rule, on stand-ins for WordNet (no NLTK needed) ----------------------------------------------

class _Synset(SimpleNamespace):
    def pos(self):
        return self.p

    def definition(self):
        return self.d

    def name(self):
        return f"{self.names[0]}.{self.p}.01"

    def lemmas(self):
        return [SimpleNamespace(name=lambda n=n: n) for n in self.names]


class _WordNet:
    def __init__(self, senses):
        self.senses = senses

    def synsets(self, word):
        return self.senses.get(word, [])


class _Reader:
    """Reads "spots" as polka-dot, "stars" as a star motif; what ``compile_gcide.Reader.sense`` does on real text."""

    def sense(self, pos, sentence):
        if "spots" in sentence:
            return ("pattern", "polka-dot", "pattern")
        if "stars" in sentence:
            return ("motif", "star", "shape")
        return None


@pytest.fixture(scope="module")
def agreed():
    return load_script("gcide_agreed")


def test_only_wordnets_most_frequent_adjective_sense_counts(agreed):
    wn = _WordNet({
        "spotty": [_Synset(p="s", d="having spots", names=["spotty"])],
        "belted": [_Synset(p="s", d="having a belt", names=["belted"]), _Synset(p="s", d="spots", names=["belted"])],
        "crescents": [_Synset(p="n", d="stars", names=["crescent"])],  # morphy's noun: neither the word nor an adjective
        "starry": [_Synset(p="n", d="stars", names=["starry"]), _Synset(p="a", d="like stars", names=["starry"])],
    })
    reader = _Reader()
    assert agreed.wordnet_reading(reader, wn, "spotty", "a")[:2] == ("pattern", "polka-dot")
    assert agreed.wordnet_reading(reader, wn, "belted", "a") is None  # its second sense would say spots
    assert agreed.wordnet_reading(reader, wn, "crescents", "a") is None
    assert agreed.wordnet_reading(reader, wn, "starry", "a")[:2] == ("motif", "star")  # nouns are passed over
