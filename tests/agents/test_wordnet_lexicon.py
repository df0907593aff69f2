"""The knowledge sources, one by one: the compiled WordNet asset, colour names, typo repair, MiniLM's vote."""

import importlib.util
import json
import re
from pathlib import Path

import pytest

from agents.knowledge import Knowledge, load_asset, singular
from agents.lexicon import Lexicon
from agents.spelling import Speller
from retrieval.facets import load_facets
from tests.script_loader import load_script

ROOT = Path(__file__).resolve().parents[2]
ASSET = ROOT / "agents" / "vocab" / "wordnet.json"
SYNSET = re.compile(r"^[a-z0-9_'.-]+\.[nasrv]\.\d\d$")

WARM_LEXICON = True  # the full table embedded and the probe fitted (conftest.py)


def test_asset_is_compact_and_every_word_has_its_wordnet_path():
    assert ASSET.stat().st_size < 500_000
    asset = load_asset()
    assert asset["version"] == "3.0" and "WordNet" in asset["resource"]
    for name, data in asset["sets"].items():
        assert data["words"], name
        for word, entries in data["words"].items():
            for facet, value, path in entries:
                assert facet and value, word
                assert all(SYNSET.match(p.strip()) for p in path.split("<")), (word, path)


def test_wordnet_maps_specific_garments_to_the_catalog_kind(lexicon):
    for word, value in [("jodhpurs", "trousers"), ("bolero", "jacket"), ("fedora", "hat"), ("boleros", "jacket")]:
        m = lexicon.resolve(word)
        assert (m.facet, m.value, m.source) == ("category", value, "wordnet"), word
        assert m.generalised and "<" in m.path


def test_wordnet_serves_the_photo_facets_too():
    photos = Lexicon(load_facets())
    m = photos.lookup("kitchen")[0]
    assert (m.facet, m.value, m.source) == ("setting", "indoors", "wordnet")
    assert photos.lookup("spaniel") and photos.lookup("spaniel")[0].value == "animal"


def test_a_word_can_name_two_facets():
    entries = Knowledge("demo").lookup("miniskirt")
    assert {(e.facet, e.value) for e in entries} == {("length", "mini"), ("category", "skirt")}


def test_garments_the_catalog_lacks_and_things_that_are_no_garments():
    k = Knowledge("demo")
    shoe = k.elsewhere("sneakers")
    assert shoe.kind == "lacking" and shoe.closest is None
    cardigan = k.elsewhere("cardigan")
    assert cardigan.kind == "lacking" and cardigan.closest == "hoodie"  # both are sweaters in WordNet
    car = k.elsewhere("car")
    assert car.kind == "outside" and car.domain == "vehicle"
    assert k.elsewhere("jodhpurs") is None  # the catalog has trousers
    # the broad kind is never the word's own synset ("no boots (a kind of boot)" before round 27)
    assert [k.elsewhere(w).domain for w in ("boots", "necklace", "belt")] == ["footwear", "jewelry", "accessory"]


def test_what_a_garment_is_made_of_or_worn_for():
    k = Knowledge("demo")
    assert k.worn_as("velvet").kind == "material" and k.worn_as("velvet").path == "fabric.n.01"
    assert k.worn_as("proms").kind == "occasion"  # plurals too
    assert k.worn_as("christmas").kind == "occasion"  # named holidays are capitalised in WordNet
    assert k.worn_as("champagne") is None and k.worn_as("dress") is None
    assert all(SYNSET.match(root) for roots in load_asset()["sets"]["demo"]["worn"].values() for root in roots)


def test_singulars():
    assert singular("dresses")[0] == "dress" and "bolero" in singular("boleros") and singular("dress") == []


def test_colour_names_with_an_rgb_come_before_wordnet(lexicon):
    assert lexicon.resolve("cornsilk").source in ("colour survey", "colour hue")  # a CSS name WordNet files under corn
    assert lexicon.resolve("tan").value == "beige"  # RGB: beige, though WordNet files tan under brown
    m = lexicon.resolve("burgundy")
    assert m.value == "red"


def test_typo_repair_stays_within_the_bar():
    s = Speller(["jacket", "sleeves", "striped", "tank", "coat", "floral"], real_words=["boat", "tanks"])
    assert s.correct("jakcet") == "jacket" and s.correct("sleves") == "sleeves" and s.correct("strpied") == "striped"
    assert s.correct("tan") is None  # too short to repair, and a word
    assert s.correct("boat") is None  # a real word never becomes another ("coat")
    assert s.correct("tanks") is None
    assert s.correct("jxkqzt") is None  # too far from anything


def test_real_english_words_are_never_repaired(lexicon):
    assert lexicon.resolve("tan").value == "beige" and lexicon.speller.correct("tan") is None
    for word in ("boat", "shift", "shirk"):
        assert lexicon.speller.correct(word) is None, word
    assert lexicon.resolve("jakcet").source == "typo"


def test_similarity_vote(lexicon):
    m = lexicon.similar("thin vertical lines")
    assert (m.facet, m.value) == ("pattern", "striped")
    assert lexicon.resolve("wedding") is None  # WordNet's "wedding gown" does not pull "wedding" to dress
    assert lexicon.resolve("fascinator") is None  # one lookalike ("fawn") is no vote


def _compile_module():
    return load_script("compile_lexicon")


def test_compiling_again_reproduces_the_asset_byte_for_byte():
    if not Path("/usr/share/wordnet/data.noun").exists():
        pytest.skip("WordNet is not installed (Debian: apt-get install wordnet-base wordnet-sense-index)")
    if importlib.util.find_spec("nltk") is None:
        pytest.skip("NLTK is not installed (build-time extra: pip install 'chatlens[lexicon]')")
    mod = _compile_module()
    text = mod.dumps(mod.compile_lexicon())
    assert text == ASSET.read_text(encoding="utf-8"), "asset is stale: run python scripts/compile_lexicon.py"
    assert json.loads(text)["sets"]["demo"]["words"]["jodhpurs"][0][:2] == ["category", "trousers"]
