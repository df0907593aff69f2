"""What the runtime already knows, for ``scripts/compile_lexicon.py`` (build time only): the hand lexicons'
and matplotlib's words and phrases (a WordNet reading never overrides them), the catalog schemas' facet values,
and the English words near that vocabulary that a typo repair must never replace."""

from __future__ import annotations

import sys
from pathlib import Path

from wordnet_glosses import word

ROOT = Path(__file__).resolve().parents[1]


def hand_vocabulary() -> set[str]:
    """Every single word the runtime lexicons know besides WordNet (hand lists, schema, colour names)."""
    from agents.colour_names import _named_colours
    from agents.lexicon import Lexicon
    from retrieval.facets import facet_sets

    words = {w for fs in facet_sets().values() for p in Lexicon(fs).phrases for w in p.split()}
    return words | {w for name in _named_colours() for w in name.split()}


def hand_pattern_words() -> dict[str, str]:
    """Single words the hand lexicon gives a pattern value ("stripes" -> striped), for reading definitions."""
    from agents.lexicon import Lexicon
    from retrieval.facets import facet_sets

    return {p: v for fs in facet_sets().values() for p, fvs in Lexicon(fs).phrases.items() for f, v in fvs
            if f == "pattern" and " " not in p}


def hand_vocabulary_phrases() -> set[str]:
    """Every phrase the hand lexicons and matplotlib's colour names know (those win over a gloss)."""
    from agents.colour_names import _named_colours
    from agents.lexicon import Lexicon
    from retrieval.facets import facet_sets

    return {p for fs in facet_sets().values() for p in Lexicon(fs).phrases} | set(_named_colours())


def real_words_near(wn, vocabulary: set[str]) -> list[str]:
    """English words (WordNet lemmas, any part of speech, and the irregular forms of WordNet's exception
    lists: "feet", "wore") a typo fix must never replace: those within the runtime's edit bar
    (``agents.spelling.max_edits``) of a vocabulary word ("tan" stays "tan", never "tank"; "feet" is no "felt")."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from agents.spelling import MIN_LENGTH, max_edits

    vocab = sorted(w for w in vocabulary if len(w) >= MIN_LENGTH - 1)
    forms = set()  # the exception lists' inflected forms: the first word of each line of noun.exc, verb.exc, …
    for exc in (f for f in wn.fileids() if f.endswith(".exc")):
        with wn.open(exc) as f:
            forms |= {line.split()[0] for line in f if line.strip()}
    lemmas = sorted({word(n) for n in {*wn.all_lemma_names(), *forms} if word(n).isalpha()})  # vocabulary
    # words too: a word one facet set knows ("boat", a vehicle for photos) is still English for the other
    return [w for w in lemmas if len(w) >= MIN_LENGTH
            and process.extractOne(w, vocab, scorer=OSA.distance, score_cutoff=max_edits(w)) is not None]


def facet_values() -> dict[str, dict[str, list[str]]]:
    sys.path.insert(0, str(ROOT))
    from retrieval.facets import facet_sets

    return {name: {f.name: list(f.values) for f in fs} for name, fs in facet_sets().items()}
