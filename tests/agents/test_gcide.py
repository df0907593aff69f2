"""The GCIDE source: the compiled asset (compact, provenance per word, no definition text, rebuilt byte for byte
where Debian's dict-gcide is installed) and how the engine reads it (after every other lookup row, as a guess)."""

import json
import re
from pathlib import Path

import pytest

from agents.confidence import confidence, is_guess
from agents.dictionary import Dictionary, load_asset
from agents.lexicon import Lexicon
from agents.understand import parse
from retrieval.facets import demo_facets, facet_sets
from tests.script_loader import load_script

ROOT = Path(__file__).resolve().parents[2]
ASSET = ROOT / "agents" / "vocab" / "gcide.json"
INDEX = Path("/usr/share/dictd/gcide.index")
# "Paletot, n., sense a (head: overcoat)", "Filibeg, n., sense 1 (head: kilt)", "Philibeg, n., sense 1 (same as filibeg)"
PROVENANCE = re.compile(r"^[A-Za-z'-]+( \(entry \d+\))?, [a-z. ]+\., sense [0-9a-z]+ "
                        r"\((head: [a-z' -]+|same as [a-z' -]+|colour|pattern|shape)\)$")


def test_asset_is_compact_and_holds_only_readings_with_their_headword_and_sense():
    assert ASSET.stat().st_size < 200_000
    asset = load_asset()
    assert asset["version"] and "GCIDE" in asset["resource"] and "GPL" in asset["licence"]
    sets = facet_sets()
    for name, data in asset["sets"].items():
        assert data["words"], name
        for word, (facet, value, where) in data["words"].items():
            assert sets[name].offers(facet, value), (word, facet, value)
            assert PROVENANCE.match(where), (word, where)  # a headword and a sense, never definition text
            assert where.split(",")[0].split(" (")[0].lower() == word or "same as" in where or word in where.lower()


def test_no_asset_word_is_read_by_another_source():
    """The asset holds only words no other row reads; a word the hand lexicon or WordNet gains later must leave
    it (rebuild it: python scripts/compile_gcide.py)."""
    plain = Lexicon(demo_facets(), dictionary=False)
    read = [w for w in load_asset()["sets"]["demo"]["words"] if plain.lookup(w)]
    assert not read, f"rebuild agents/vocab/gcide.json: these words are read by another source now: {read}"


def test_compiling_again_reproduces_the_asset_byte_for_byte(tmp_path):
    if not INDEX.exists():
        pytest.skip(f"{INDEX} is missing (Debian: apt-get install dict-gcide); the asset is committed")
    if not Path("/usr/share/wordnet").is_dir():  # the rare words are those WordNet does not know
        pytest.skip("WordNet is not installed (Debian: apt-get install wordnet-base wordnet-sense-index)")
    pytest.importorskip("nltk", reason="NLTK is not installed (build-time extra: pip install 'chatlens[lexicon]')")
    compile_gcide = load_script("compile_gcide")
    out = tmp_path / "gcide.json"
    compile_gcide.main(["--out", str(out)])
    assert out.read_bytes() == ASSET.read_bytes()


def test_a_definition_reads_a_word_no_other_source_reads_as_a_guess(lexicon):
    for word, facet, value in [("paletot", "category", "coat"), ("sporran", "category", "bag"),
                               ("filibeg", "category", "skirt"), ("gules", "colour", "red"),
                               ("checky", "pattern", "checked"), ("lunate", "motif", "moon")]:
        found = lexicon.define(word)
        assert [(m.facet, m.value, m.source) for m in found] == [(facet, value, "dictionary")], word
        assert not lexicon.lookup(word)  # no lookup row: the parser asks it for words left over
        assert found[0].path.startswith("GCIDE: ")
    assert is_guess(confidence("dictionary"))


def test_in_the_answer_to_its_question_the_word_is_read_and_stays_in_the_query(lexicon):
    parsed = parse("a red paletot", lexicon, expect="category")
    got = {(m.facet, m.value, m.source, m.specific) for m in parsed.mentions if m.positive}
    assert ("category", "coat", "dictionary", "paletot") in got and ("colour", "red", "lexicon", "") in got


@pytest.mark.parametrize("text", [
    # everyday requests Webster's old senses misread (found in review, round 25): nothing from the dictionary,
    # the words stay free text (a rare word reads in a request: tests/agents/test_dictionary_requests.py)
    "a black belted coat", "a dress with a rosette", "a corded skirt", "a swarthy man in a red shirt",
])
def test_in_a_request_a_definition_reads_nothing_and_the_words_stay(text, lexicon, without_dictionary):
    parsed = parse(text, lexicon)
    assert all(m.source != "dictionary" for m in parsed.mentions), parsed.mentions
    before = parse(text, without_dictionary)  # read as before the dictionary came, the words kept
    assert (parsed.mentions, parsed.wishes) == (before.mentions, before.wishes)


@pytest.fixture(scope="module")
def without_dictionary():
    return Lexicon(demo_facets(), dictionary=False)


def test_in_the_photo_facets_a_definition_reads_nothing_in_a_request():
    photos = Lexicon(facet_sets()["photos"])
    for text in ("a candid photo of my dog", "a jar of pickles", "incandescent lights"):
        assert all(m.source != "dictionary" for m in parse(text, photos).mentions), text


def test_every_other_source_still_comes_first(lexicon):
    assert lexicon.lookup("bolero")[0].source == "wordnet"  # GCIDE's first sense is the dance: WordNet's reading
    assert lexicon.lookup("jacket")[0].source == "lexicon"
    assert not Dictionary("demo", enabled=False).words


def test_plurals_read_through_the_singular(lexicon):
    assert [(m.value, m.source) for m in lexicon.define("paletots")] == [("coat", "dictionary")]


def test_the_asset_is_json_sorted_by_word():
    for data in json.loads(ASSET.read_text(encoding="utf-8"))["sets"].values():
        assert list(data["words"]) == sorted(data["words"])


# -- the compiler's hygiene (round 26): dated senses, usage examples, "One who …", the rare words ------------------

CANDID = """Candid \\Can"did\\, a. [F. candide, L. candidus white.]
   1. White. [Obs.]
      [1913 Webster]

            The stones came candid forth, the hue of innocence.
                                                  --Dryden.
      [1913 Webster]

   2. Free from undue bias; fair; just; as, a candid opinion.
      [1913 Webster]
"""


@pytest.fixture(scope="module")
def compiler():
    return load_script("compile_gcide")


def test_a_dated_sense_goes_where_the_word_has_a_sense_in_use_today(compiler):
    entries = compiler.gcide_entries
    entry = entries.parse("Candid", CANDID)
    assert entry.dated == (True, False) and entry.senses[0] == ("1", "White")
    assert [s for s, _ in entries.current([entry])[0].senses] == ["2"]  # "a candid photo" is no white one
    only_dated = entries.Entry("Scrip", "n", (("1", "A small bag"),), (True,))
    assert entries.current([only_dated, entry])[0] == only_dated  # a historian's word keeps its old sense


def test_usage_examples_and_quotations_are_cut_from_a_definition(compiler):
    clean = compiler.gcide_entries._clean
    assert clean("Deficient in color; pale; wan; as, a pallid countenance; sickly") == "Deficient in color; pale; wan ; sickly"
    assert "red" not in clean('Fair; just. "A red and candid face."')
    assert clean("Marked with spots [Obs.]") == "Marked with spots"


def test_one_who_names_a_person_and_no_garment(compiler):
    reader = compiler.Reader("demo")
    assert reader.head("One who dresses or cuts hair")[1] == []
    assert reader.head("An overcoat with a cape")[1] == [("category", "coat")]


def test_rare_words_are_those_wordnet_knows_under_no_form(compiler):
    class WordNet:  # the words WordNet knows, as NLTK's reader answers
        known = {"belt", "cord", "spot", "half", "moon", "pickle"}

        def synsets(self, word):
            return [word] if word in self.known else []

    assert {"belt"} <= compiler._bases("belted") and "spot" in compiler._bases("spotted")
    got = compiler.rare_words(["belted", "corded", "spotty", "pickled", "half-moon", "paletot", "gules"], WordNet())
    assert got == ["paletot", "gules"]
