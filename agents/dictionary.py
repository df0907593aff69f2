"""Readings from a second dictionary: GCIDE (Webster 1913 and supplements), compiled into one JSON asset.

``scripts/compile_gcide.py`` reads the definitions of Debian's ``dict-gcide`` and writes ``vocab/gcide.json``:
for words no other source of the engine reads, the value a definition states ("paletot": "An overcoat" ->
coat; "cinereous": "Of the color of ashes; ash-colored" is read only when its words name one colour), with the
headword and sense it came from. The app reads only the asset (word -> [facet, value, provenance]), never the
dictionary, so it needs no new dependency. Readings are guesses (``agents.confidence``, source "dictionary"):
Webster 1913 is old and a word's first matching sense is not always the one meant today.

Where it is read: in the answer to a facet's question, any word of the asset left over there
(``in_answers_only``); in a request, only its ``rare`` words (``in_requests``), the ones WordNet knows under no
part of speech nor as a form of a word it knows, that are no whole word of MiniLM's vocabulary and no name of the
colour resource: Webster's senses of everyday words misread requests ("a black belted coat": "Marked with a
band", striped; review, round 25), while a word only a dictionary knows ("paletot", "gules") has no everyday
sense to mistake. A pattern or motif adjective both dictionaries define alike (``agreed``, round 29:
"speckled", "mottled", "lunate"; ``scripts/gcide_agreed.py``) is read in a request too: WordNet's most frequent
sense says the same, so no everyday sense is mistaken for Webster's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .colour_resource import thing_colours
from .embedding import minilm_vocabulary
from .knowledge import Entry, singular
from .parsed import Match, Mention, Parsed

ASSET = "gcide.json"
TYPO_LENGTH = 5  # a rare word this short, one edit from a common word, is read as neither in a request
SOURCE = "dictionary"


def in_answers_only(leftover: list[tuple[int, str, bool]], define: Callable[[str], list[Match]], out: Parsed,
                    expect: str | None) -> list[tuple[int, str, bool]]:
    """The words left over in the answer to ``expect``'s question that a definition (``define``:
    ``Lexicon.define``) reads as a value of that facet become readings; returns the rest. Only there: Webster's senses of everyday words misread requests
    ("a black belted coat": "Marked with a band", striped; "a candid photo": "White"; found in review, round
    25), while the answer to "which pattern?" is about a pattern."""
    if expect is None:
        return leftover
    rest = []
    for i, word, negated in leftover:
        found = [m for m in define(word) if m.facet == expect]
        if not found:
            rest.append((i, word, negated))
            continue
        specific = word if found[0].generalised and expect != "colour" else ""  # as every reading keeps it
        out.mentions.append(Mention(expect, found[0].value, not negated, SOURCE, word, specific))
    return rest


def in_requests(word: str, define: Callable[[str], list[Match]], rare: Callable[[str], bool],
                names: frozenset[str] = frozenset(), kind_said: bool = False) -> Match | None:
    """A rare word's reading in a request (``rare``: ``Dictionary.is_rare``, or ``Dictionary.agreed_word``), where no other source read it
    (the parser asks last, after the MiniLM vote), or None. Never a name (``names``: capitalised inside the
    sentence, "a street in Modena", "Cory Monteith"), never a short word one letter from a common one (a typo
    is likelier: "a tuch of green", "mone pockets", "vert skating"), and never a kind of garment when the message
    already names one (``kind_said``: "a shirt with burgees" stays a shirt; review, round 26)."""
    if not (word.isalpha() and len(word) >= 4 and rare(word)) or word in names or _near_common(word) \
            or (word.endswith("s") and _near_common(word[:-1])):  # "chicas"
        return None
    found = next(iter(define(word)), None)
    return None if found and found.facet == "category" and kind_said else found


@lru_cache(maxsize=4096)
def _near_common(word: str) -> bool:
    """A word of five letters or fewer that one edit (OSA) makes a whole word of MiniLM's vocabulary."""
    if len(word) > TYPO_LENGTH:
        return False
    return process.extractOne(word, _common_words(), scorer=OSA.distance, score_cutoff=1) is not None


@lru_cache(maxsize=1)
def _common_words() -> list[str]:
    return [w for w in minilm_vocabulary() if w.isalpha() and len(w) >= 3]


@lru_cache(maxsize=1)
def load_asset() -> dict:
    return json.loads(resources.files("agents").joinpath("vocab", ASSET).read_text(encoding="utf-8"))


class Dictionary:
    """The asset's readings for one facet set (``demo`` or ``photos``); empty when ``enabled`` is False (the
    compile script reads definitions with every other source but this one)."""

    def __init__(self, facet_set: str, enabled: bool = True):
        data = load_asset().get("sets", {}).get(facet_set, {}) if enabled else {}
        self.words: dict[str, list[str]] = data.get("words", {})
        self.rare: set[str] = set(data.get("rare", []))  # read in requests too (``in_requests``)
        self.plants: dict[str, list[str]] = data.get("plants", {})  # read only as a thing on a garment (``shown``)
        self.plant_plurals: dict[str, str] = data.get("plant_plurals", {})  # "gladioli" -> gladiolus
        self.agreed: dict[str, list[str]] = data.get("agreed", {})  # both dictionaries agree: read in requests too
        # Sleeve and neckline styles a definition states the length or shape of ("poke": A long, wide sleeve);
        # read only with a facet noun or in the answer to that facet's question (``agents.style_words``).
        self.styles: dict[str, list[str]] = {w.replace("-", " "): r for w, r in data.get("styles", {}).items()}

    def lookup(self, phrase: str) -> Entry | None:
        """What a definition states a word is ("paletot" -> category coat), plurals too, or None."""
        words = phrase.split()
        for key in [phrase, *(" ".join([*words[:-1], s]) for s in (singular(words[-1]) if words else []))]:
            if key in self.words or key in self.agreed:
                return Entry(*self.words.get(key) or self.agreed[key])
        return None

    def shown(self, word: str, plural_only: bool = True) -> Entry | None:
        """What a plant Webster's defines by its flowers reads as on a garment ("dahlias", "a marigold print":
        floral; ``scripts/gcide_plants.py``), as ``Knowledge.shown``: a repeated design is named in the plural,
        so by default only a plural; ``plural_only=False`` before a print noun. Never a singular elsewhere ("a
        tulip skirt" is a shape)."""
        stated = self.plant_plurals.get(word)
        for key in (stated,) if stated else (word, *singular(word)):
            if key in self.plants and not (plural_only and key == word):
                return Entry(*self.plants[key])
        return None

    def is_rare(self, word: str) -> bool:
        """Whether a word (or its singular) is one of the asset's rare words and no name of the colour resource
        (row 2d reads those where a colour is expected, row 6c typed alone: never over their reading)."""
        return word not in thing_colours() and any(w in self.rare for w in (word, *singular(word)))

    def agreed_word(self, word: str) -> bool:
        """Whether a word is a pattern or motif adjective GCIDE and WordNet's most frequent sense define alike
        (``agreed``: "speckled", "lunate") and no name of the colour resource; a request reads it before the
        MiniLM vote ("cordate" was trousers by similarity)."""
        return word in self.agreed and word not in thing_colours()
