"""Read GCIDE's botany definitions for plants with showy flowers: a thing a shopper may see printed on a garment.

Webster's defines most flowering plants under "(Bot.)" ("Hibiscus: A genus of plants …, some species of which
have large, showy flowers"; "Zinnia: … Mexican herbs with opposite leaves and large gay-colored blossoms"). WordNet's
asset may hold no plant it lacks a colour reason for (``wordnet_things``; round 28), so these are read here, with
the headword and sense as provenance, and the engine reads them only where a word is said as a thing on a garment:
in the plural ("a dress with dahlias") or before a print noun ("a marigold print"); never a singular elsewhere.

A headword is a plant with flowers when its first noun sense, the one a word is read by today, is botany's and
its definition names a plant ("plant", "herb", "shrub", "tree", "genus" … as the head of its first noun phrase)
and its flowers or blossoms, not said to be small, greenish or wanting ("with apetalous flowers", "clusters of
small, greenish flowers"): a flower part ("Pollen: The … cells of the anthers of flowers") or a fruit ("Tomato:
The fruit of a plant") is no such plant. "Any plant of the genus Digitalis" and "See Camomile" follow the named
headword once. Build time only (``compile_gcide.py``).
"""

from __future__ import annotations

import re

import gcide_entries

# The head noun of a definition that names a plant ("A genus of plants", "A perennial herb", "Any plant of …").
PLANT_HEADS = {"plant", "plants", "herb", "herbs", "shrub", "shrubs", "tree", "trees", "genus", "climber", "vine",
               "weed", "perennial", "annual", "bulb", "undershrub", "shrublet", "subshrub"}
_FLOWER = re.compile(r"\b(?:flowers?|blossoms?|flowering|flowered|blooming|blooms?)\b")
# Flowers a shopper would not see as a floral print: too small to show, green, or none.
_DULL = {"small", "minute", "greenish", "green", "inconspicuous", "apetalous", "insignificant", "no", "without",
         "destitute"}
_SKIP = {"a", "an", "the", "any", "one", "some", "of", "kind", "sort", "species", "variety", "several", "certain",
         "name", "for", "given", "to", "various"}
_ENDS = {"of", "with", "having", "which", "that", "in", "from", "bearing", "producing", "allied", "growing",
         "cultivated", "native", "natives", "found", "common", "used", "whose", "and", "or", "called", "belonging"}
_GENUS = re.compile(r"^\s*(?:[Aa]ny|[Aa]n?)\s+(?:\w+\s+){0,2}(?:plant|species)\s+of\s+the\s+(?:\w+\s+)?genus\s+([A-Z][a-z]+)")
_SEE = re.compile(r"^\s*(?:see|same as)\s+([A-Za-z]+)\s*$", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower())


def first_phrase(sentence: str, tokens, skip: set[str], ends: set[str]) -> tuple[list[str], list[str]]:
    """(the first noun phrase's words, the clause's words) of a definition: its first clause, split by ``tokens``,
    without the leading ``skip`` words, up to the first of ``ends`` (shared with ``compile_gcide``)."""
    words = tokens(re.split(r"[;,:(]| -- ", sentence)[0])
    while words and words[0] in skip:
        words = words[1:]
    phrase = []
    for w in words:
        if w in ends:
            break
        phrase.append(w)
    return phrase, words


def _head(body: str) -> str:
    """The head noun of a definition's first noun phrase ("A genus of plants" -> genus; "An early flowering plant
    of the genus Primula" -> plant; "A kind of flower cluster" -> cluster)."""
    phrase, _ = first_phrase(body, _words, _SKIP, _ENDS)
    return phrase[-1] if phrase else ""


def _showy(body: str) -> bool:
    """Whether the definition names flowers and does not call them small, green or wanting (the three words
    before each mention)."""
    first = re.split(r" -- ", body)[0]  # the whole first sentence: "…, of the order Compositae; also, any plant
    found = False                     # or flower of the genus" (Dahlia)
    for m in _FLOWER.finditer(first):
        before = _words(first[max(0, m.start() - 40) : m.start()])[-3:]
        if _DULL & set(before):
            return False
        found = True
    return found


def _first_sense(found: list) -> tuple[str, str, str] | None:
    """(where, domain-free definition, label) of the first sense of the first noun entry, if it is botany's."""
    for n, entry in enumerate(found, 1):
        if entry.pos == "n" and entry.senses:
            label, sentence = entry.senses[0]
            domains = " ".join(gcide_entries.DOMAIN.findall(sentence)[:1]).lower()
            where = f"{entry.headword}{f' (entry {n})' if len(found) > 1 else ''}, n., sense {label}"
            return (where, gcide_entries.DOMAIN.sub(" ", sentence).strip(), label) if "bot." in domains else None
    return None


# What a word's most frequent WordNet noun sense may be for a shopper to mean it rather than Webster's plant: a
# thing made ("broom", a brush), a person ("elder"), an animal or a food.
NOT_PLANTS = {"artifact.n.01", "person.n.01", "animal.n.01", "food.n.01", "food.n.02"}


def a_plant_today(word: str, wordnet) -> bool:
    """Whether WordNet knows no noun sense of the word, or its most frequent one is no made thing, person, animal
    or food (NLTK's WordNet reader, at build time): "magnolia" is first "dried bark of various magnolias", still
    the plant's, while "broom" is first a brush."""
    senses = wordnet.synsets(word.replace("-", "_"), pos="n")
    if not senses:
        return True
    return not any(s.name() in NOT_PLANTS for path in senses[0].hypernym_paths() for s in path)


def flowering(word: str, entries: dict[str, list], hop: bool = True) -> str | None:
    """Provenance ("Zinnia, n., sense 1") when the word's first noun sense is a plant with showy flowers, or None;
    "Any plant of the genus X" and "See X" read X's first sense once."""
    found = entries.get(word, [])
    first = _first_sense(found)
    if first is None:
        n, entry = next(((n, e) for n, e in enumerate(found, 1) if e.pos == "n" and e.senses), (0, None))
        other = _SEE.match(gcide_entries.DOMAIN.sub(" ", entry.senses[0][1])) if entry else None
        if hop and other and other.group(1).lower() != word:
            via = flowering(other.group(1).lower(), entries, hop=False)
            where = f"{entry.headword}{f' (entry {n})' if len(found) > 1 else ''}, n., sense {entry.senses[0][0]}"
            return f"{where} (see {other.group(1).lower()}: {via})" if via else None
        return None
    where, body, _ = first
    if _head(body) in PLANT_HEADS and _showy(body):
        return f"{where} (a plant with flowers)"
    genus = _GENUS.match(body)
    if hop and genus:
        via = flowering(genus.group(1).lower(), entries, hop=False)
        return f"{where} (genus {genus.group(1).lower()}: {via})" if via else None
    other = _SEE.match(body)
    if hop and other and other.group(1).lower() != word:
        via = flowering(other.group(1).lower(), entries, hop=False)
        return f"{where} (see {other.group(1).lower()}: {via})" if via else None
    return None
