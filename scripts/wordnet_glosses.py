"""Readings of WordNet definitions and lemma shapes for ``scripts/compile_lexicon.py`` (build time only).

What a garment's or fabric's definition says about a facet ("seersucker": "a light puckered fabric (usually
striped)"; "halter": "... leaving the back and arms uncovered"), and which first words of two-word garment
names may stand for the whole name. Kept apart from the compile script so each file reads as one thing:
that script walks the hypernym closures of the seeds; this one reads definitions.
"""

from __future__ import annotations

import re

SENSE_RANK = 3  # a lemma enters only through one of its first three noun senses

# Ancestors too general to make two garments alike ("both are clothing" says nothing).
TOO_GENERAL = {"clothing.n.01", "garment.n.01", "consumer_goods.n.01", "covering.n.02", "artifact.n.01",
                "whole.n.02", "object.n.01", "physical_entity.n.01", "entity.n.01", "commodity.n.01",
                "instrumentality.n.03", "overgarment.n.01", "woman's_clothing.n.01"}



def word(lemma_name: str) -> str:
    return lemma_name.lower().replace("_", " ").replace("-", " ")


_GLOSS_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")
_CLOTH = {"fabric", "cloth", "textile", "design", "weave"}


def gloss_patterns(wn, pattern_words: dict[str, str], claimed: set[str]) -> dict[str, list[str]]:
    """word -> [pattern value, "synset (gloss: pattern word)"]: fabrics and designs whose WordNet definition
    names a pattern ("seersucker": a light puckered fabric (usually striped)). Among a word's three most
    frequent noun senses, the first artifact whose definition speaks of a fabric or design and names a
    pattern word of the hand lexicon; such a two-word name ending in a pattern word also gives its first
    word ("houndstooth" of houndstooth check)."""
    out: dict[str, list[str]] = {}
    for name in sorted(wn.all_lemma_names(pos="n")):
        w = word(name)
        if w in claimed or not w.replace(" ", "").isalpha() or len(w.split()) > 2 or not name[0].islower():
            continue
        for s in wn.synsets(name, pos="n")[:SENSE_RANK]:
            tokens = set(_GLOSS_TOKEN.findall(s.definition().lower()))
            found = next((t for t in sorted(tokens) if t in pattern_words), None) if tokens & _CLOTH else None
            if s.lexname() == "noun.artifact" and found:
                out.setdefault(w, [pattern_words[found], f"{s.name()} (gloss: {found})"])
                first = w.split()[0]
                if len(w.split()) == 2 and w.split()[1] in pattern_words and first not in claimed:
                    out.setdefault(first, out[w])
                break
    return dict(sorted(out.items()))


def clippable(wn, garments: list[str]) -> list[str]:
    """First words of two-word garment or pattern names that may stand for the whole name ("duffel" for a
    duffel coat, "houndstooth" for houndstooth check): WordNet knows the word alone only as specific
    artifacts, or not at all (no verb: "felt"; not "garment"), so a modifier with a meaning of its own
    ("sports", "baseball": an activity) never does."""
    firsts = {p.split()[0] for p in garments if len(p.split()) == 2}
    return sorted(w for w in firsts if w.isalpha() and len(w) >= 4 and not wn.synsets(w, pos="v")
                  and all(s.lexname() == "noun.artifact" and s.name() not in TOO_GENERAL for s in wn.synsets(w)))


TRAIT_FACETS = ("sleeve", "neckline")


def gloss_traits(wn, facet_phrases: dict[str, tuple[str, str]]) -> dict[str, dict[str, list[str]]]:
    """word -> {facet: [value, "synset (gloss: words)"]}: garments whose WordNet definition states their
    sleeves or neckline ("halter": "... leaving the back and arms uncovered" -> sleeveless; "garibaldi": "a
    loose high-necked blouse with long sleeves" -> turtleneck, long). The definition's runs of one to three
    words are read as the hand lexicon reads them (``facet_phrases``: "sleeveless", "long sleeves", "high
    neck"), a facet noun's "-ed" form and the facet's other nouns standing for each other ("high-necked",
    "high collar" say "high neck"), or as a body landmark ("arms uncovered"). Among a word's three most
    frequent noun senses, the first that is a garment (under clothing.n.01) decides."""
    from agents.cues import _HEADS
    from agents.landmarks import landmark_value
    from retrieval.facets import demo_facets

    facets = demo_facets()
    clothing = wn.synset("clothing.n.01")

    def read(gram: list[str]) -> tuple[str, str] | None:
        *mods, noun = gram
        stem = noun[:-2] if noun.endswith("ed") and noun[:-2] + "s" in _HEADS or noun[:-2] in _HEADS else noun
        facet = _HEADS.get(stem) or _HEADS.get(noun)
        nouns = [noun, stem] + ([n for n, f in _HEADS.items() if f == facet] if facet else [])
        for n in dict.fromkeys(nouns):
            hit = facet_phrases.get(" ".join([*mods, n]))
            if hit:
                return hit
        body = landmark_value(gram, facets) if len(gram) >= 2 else None
        return body if body and body[0] in TRAIT_FACETS else None

    out: dict[str, dict[str, list[str]]] = {}
    for name in sorted(wn.all_lemma_names(pos="n")):
        w = word(name)
        if not w.replace(" ", "").isalpha() or len(w.split()) > 2 or not name[0].islower():
            continue
        for s in wn.synsets(name, pos="n")[:SENSE_RANK]:
            if clothing not in s.closure(lambda x: x.hypernyms()):
                continue
            toks = [t for t in re.split(r"[^a-z]+", s.definition().lower()) if t]
            found: dict[str, list[str]] = {}
            for n in (3, 2, 1):
                for i in range(len(toks) - n + 1):
                    hit = read(toks[i : i + n])
                    if hit and hit[0] not in found:
                        found[hit[0]] = [hit[1], f"{s.name()} (gloss: {' '.join(toks[i : i + n])})"]
            if found:
                out[w] = dict(sorted(found.items()))
            break
    return dict(sorted(out.items()))


def hand_facet_phrases(names: tuple[str, ...] = TRAIT_FACETS) -> dict[str, tuple[str, str]]:
    """Phrases the hand lexicon gives a value of these facets ("long sleeves" -> sleeve long)."""
    from agents.lexicon import Lexicon
    from retrieval.facets import demo_facets

    return {p: (f, v) for p, fvs in Lexicon(demo_facets()).phrases.items() for f, v in fvs if f in names}
