"""The sleeve and neckline styles a dictionary defines by their length or shape (build time only).

A style name ("piccadil", "poke sleeve", "dolman") says nothing of a length or a height itself; its definition
may ("Piccadil: A high, stiff collar for the neck"; "Poke: A long, wide sleeve"; "Dolman: A long robe …, with long
sleeves"). Read here, per noun sense whose definition's first noun phrase is headed by a sleeve or neckline noun,
with the engine's own reader of such a description (``agents.style_words.definition_value``: value names, shape
and degree words before the head, a landmark or a cuff after it), per noun sense of a garment made "with" such
sleeves or collar (``worn_with``), and per adjective sense that says what a garment has ("Having no sleeves").
Used by ``compile_gcide.py`` (table ``styles``); each reading keeps the headword and sense it came from and the
words of the definition read, never the definition itself. (Its WordNet twin, a ``part_traits`` table of WordNet's
kinds of sleeve and collar, was tried and not adopted: the held-out leak test failed with it; docs/language-tried.md,
round 29.)
"""

from __future__ import annotations

import re

from agents.style_words import definition_value, definition_words

FACETS = ("sleeve", "neckline")
_HAVING = re.compile(r"^(?:\([^)]*\)\s*)?(?:having|made with)\s+")  # "(of a garment) having a high neckline"
# GCIDE's labels of the natural sciences and of trades where a "collar" or "sleeve" is no garment's part.
_NOT_WORN = {"Anat", "Zool", "Zo\u00f6l", "Bot", "Mech", "Naut", "Arch", "Chem", "Her", "Mil", "Med", "Surg"}


def read_sense(definition: str, pos: str, facets) -> tuple[str, str, str] | None:
    """(facet, value, the words read) a noun or adjective sense states of a sleeve or neckline, or None."""
    text = definition.strip()
    if pos.startswith("a") or pos == "s":
        having = _HAVING.match(text.lower())
        if not having:
            return None
        text = text[having.end():]
    words = definition_words(text)
    for facet in FACETS:
        found = definition_value(words, facet, facets)
        if found:
            return facet, *found
    return worn_with(words, facets) if pos == "n" else None


def worn_with(words: list[str], facets) -> tuple[str, str, str] | None:
    """(facet, value, the words read) of a garment's definition that says what sleeves or collar it is made with
    ("Dolman: A long robe ..., with long sleeves" -> long; "Caftan: ... a long gown with sleeves reaching below the
    hands" -> long), so that "dolman sleeves" are the dolman's sleeves, as WordNet's ``gloss_traits`` read
    "sweatshirt sleeves". Never "sleeveless": a style named after a sleeveless garment is no missing sleeve ("cape
    sleeves" are short, and Webster's cape "A sleeveless garment"); never "with or without sleeves"."""
    for i, w in enumerate(words[:-1]):
        if w != "with" or words[i + 1] in ("or", "no", "without"):
            continue
        for facet in FACETS:
            found = definition_value(words[i + 1 :], facet, facets)
            if found and found[0] != "sleeveless":
                return facet, found[0], "with " + found[1]
    return None


def gcide_styles(entries, facets, domain: re.Pattern) -> dict[str, list[str]]:
    """word -> [facet, value, "Headword, n., sense 1 (gloss: words)"]: the first sense of a headword (one word or
    "<word> sleeve/collar", as GCIDE writes it) that states a sleeve or neckline value."""
    out: dict[str, list[str]] = {}
    for word, found in entries:
        if not re.fullmatch(r"[a-z]+(?:[ '-][a-z]+)?", word):
            continue
        for n, entry in enumerate(found, 1):
            if entry.pos not in ("n", "a"):
                continue
            where = f"{entry.headword}{f' (entry {n})' if len(found) > 1 else ''}, {entry.pos}., "
            for label, sentence in entry.senses:
                labels = set(re.findall(r"[A-Z][a-z\u00f6]*(?=\.)", " ".join(domain.findall(sentence)[:1])))
                if labels & _NOT_WORN:
                    continue
                stated = read_sense(domain.sub(" ", sentence), entry.pos or "n", facets)
                if stated:
                    out[word] = [stated[0], stated[1], f"{where}sense {label} (gloss: {stated[2]})"]
                    break
            if word in out:
                break
    return dict(sorted(out.items()))
