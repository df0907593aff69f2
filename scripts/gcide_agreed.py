"""Pattern and motif words both dictionaries define alike: GCIDE's sense and WordNet's most frequent sense.

GCIDE's reading of an everyday word is kept out of requests (``compile_gcide``: Webster 1913's senses of
everyday words misread them, "a black belted coat": "Marked with a band", striped), so "speckled" ("Marked with
small spots of a different color") was read only as the answer to the pattern question, and "flecked",
"stippled" or "crescent-shaped", whole words of MiniLM's vocabulary, not at all. A second, independent statement
is what makes such a reading safe: WordNet's *most frequent* sense of the word, read with the same reader
(``compile_gcide.Reader.sense``), states the same value ("speckled": dotted.s.01 "having a pattern of dots" ->
polka-dot). "belted" (WordNet: "having or fastened with a belt"), "corded" or "barred" (first sense
"preventing entry") do not agree, so they stay out; so does every word whose everyday sense is another.

Only the pattern and motif facets are read: a surface's marking and a shape are what both dictionaries describe
in the same words; a colour or a kind of garment is not (Webster's kinds are old, and the colour rows have
their own resources). The table, word -> [facet, value, "Speckled, a., sense 1 (pattern; WordNet
dotted.s.01)"], is read in requests as the rare words are (``agents.dictionary``). Build time only.
"""

from __future__ import annotations

FACETS = ("pattern", "motif")
_POS = {"a": ("a", "s")}  # GCIDE's part of speech -> WordNet's (satellites are adjectives); adjectives only:
# a noun's head is a thing ("Bellyband: A band …" read striped, "Sirius: A star" a star motif), not a marking


def wordnet_reading(reader, wordnet, word: str, pos: str) -> tuple[str, str, str] | None:
    """(facet, value, synset) that WordNet's most frequent sense of ``word`` in that part of speech states, read
    as GCIDE's definitions are, or None. Only a sense that has the word itself as a lemma counts (NLTK's morphy
    would give "crescents" the noun "crescent")."""
    key = word.replace("-", "_")
    senses = [s for s in wordnet.synsets(key) if s.pos() in _POS[pos]
              and key in {lemma.name().lower() for lemma in s.lemmas()}]
    if not senses:
        return None
    stated = reader.sense(pos, senses[0].definition())
    return (stated[0], stated[1], senses[0].name()) if stated and stated[0] in FACETS else None


def agreed(reader, entries: list[tuple[str, list]], wordnet, headword_ok) -> dict[str, list[str]]:
    """word -> [facet, value, provenance] for every adjective headword (common words too) whose first GCIDE sense
    that states a pattern or motif is stated by WordNet's most frequent adjective sense as well.
    Words another source of the engine reads keep that reading (as ``compile_gcide.compile_set``)."""
    lex, out = reader.lexicon, {}
    for word, found in entries:
        if not headword_ok(word):
            continue
        for n, entry in enumerate(found, 1):
            if entry.pos not in _POS:
                continue
            where = f"{entry.headword}{f' (entry {n})' if len(found) > 1 else ''}, {entry.pos}."
            stated = next(((label, s) for label, sentence in entry.senses
                           if (s := reader.sense(entry.pos, sentence))), None)
            if not stated or stated[1][0] not in FACETS:
                continue
            label, (facet, value, how) = stated
            second = wordnet_reading(reader, wordnet, word, entry.pos)
            if second and second[:2] == (facet, value):
                out[word] = [facet, value, f"{where}, sense {label} ({how}; WordNet {second[2]})"]
                break
    return {w: r for w, r in sorted(out.items()) if not (lex.lookup(w) or lex.knowledge.elsewhere(w)
                                                        or lex.compound(w) or lex.clipped(w) or lex.blend(w))}
