"""Compile GCIDE definitions into ``agents/vocab/gcide.json``: word -> facet value readings, with provenance.

GCIDE (the GNU Collaborative International Dictionary of English: Webster 1913 and supplements; GPL) defines
many words WordNet lacks or files elsewhere ("Paletot: An overcoat", "Cerulean: Sky-colored; blue; azure").
This script reads its definitions (``gcide_entries``) with the engine's own readings of their words (the hand
lexicon, the catalog schema, matplotlib's colour names and the compiled WordNet asset; never the dictionary
readings themselves) and keeps, per headword, the first sense whose definition states a value:

- head noun: a noun sense's first noun phrase, after "a", "the", "same as" and "a kind/sort/variety/species/
  form/style/type of", up to the first comma, preposition or relative word, names a catalog kind, colour,
  pattern or motif ("A kind of small outer jacket, with or without sleeves" -> jacket; "Same as Kilt" -> skirt;
  "A six-pointed star" -> star); a headword whose head is itself a headword read this way follows it once;
- colour: an adjective sense that begins with a colour word ("Black; pitch-dark") or speaks of colour
  ("color", "colored", "hue", "tint", "tinge", "tincture"), or a noun sense that speaks of colour, naming one
  palette colour only ("Of a color between gray and brown" names two: nothing);
- pattern: an adjective sense, or a noun sense about a fabric, cloth, textile, design or weave (the words of
  the WordNet reader of ``wordnet_glosses.gloss_patterns``), that names one pattern ("Divided into small
  alternating squares" -> checked);
- motif: an adjective sense that says what shape a thing has ("-shaped", "resembling", "like") and names one
  motif ("Crescent-shaped" -> moon, "Heart-shaped" -> heart).

Words another source reads (the lookup rows, compounds, clipped names, blends) or WordNet places outside the
catalog keep that reading, materials and occasions WordNet knows get no colour, and common English words (whole words of MiniLM's WordPiece vocabulary: "budget",
"felt", "rig") are left out: their meaning today is seldom Webster's. Nor is a noun sense of the natural
sciences ("(Anat.)", "(Zool.)", "(Bot.)": "Scrotum: The bag …") read, nor a plant's flowers as floral, nor
"plain" or "solid" in a definition as the solid pattern. Obsolete and archaic senses, usage examples and quotations
are no definitions (``gcide_entries``), and "One who …" names a person, no garment.

Each set also holds ``agreed`` (``gcide_agreed``, round 29): pattern and motif adjectives, common words too, whose
GCIDE sense WordNet's most frequent sense states alike ("speckled" -> polka-dot), read in requests as rare words are.

Each set also lists its ``rare`` words, the ones the parser may read in a request too (``agents.dictionary``):
WordNet knows no sense of them, nor of a word they are a form of ("belted" is belt's, "corded" cord's), so no
everyday sense of them can be meant; the common-word filter above already keeps MiniLM's whole words out.

Each set also has a ``styles`` table (round 29, ``style_definitions``): the sleeve and neckline styles a definition
states the length or shape of ("Poke: A long, wide sleeve" -> sleeve long), read only with a facet noun or in the
answer to that facet's question.

Only word -> value readings and provenance ("Bolero, n., sense 2") are written, never definition text. Output
is sorted with fixed separators, so rerunning reproduces the file byte for byte (``tests/agents/
test_gcide.py`` checks it where dict-gcide is installed). Build time only: Debian's ``dict-gcide``.

    python scripts/compile_gcide.py [--source /usr/share/dictd] [--out agents/vocab/gcide.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded by path (the tests)
import gcide_agreed  # noqa: E402
import gcide_entries  # noqa: E402
import gcide_plants  # noqa: E402
import style_definitions  # noqa: E402

from agents.knowledge import singular  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "agents" / "vocab" / "gcide.json"
CLASSES = ("category", "colour", "pattern", "motif")  # the facet classes a definition is read for

_DETERMINERS = {"a", "an", "the", "any", "one", "some", "same", "as", "small", "large", "kind", "sort", "variety",
                "species", "form", "style", "type"}
# "who", "whom": "One who dresses or cuts hair" is a person, no dress (Hairdresser; review, round 25).
_ENDS = {"of", "with", "without", "worn", "for", "made", "having", "which", "that", "used", "in", "to", "by", "or",
         "and", "from", "on", "formerly", "resembling", "like", "when", "whose", "who", "whom", "at", "called", "--"}
# Inflection and derivation endings that make a form of a word WordNet knows ("belted", "corded", "pickled").
_FORMS = (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("es", ""), ("s", ""),
          ("y", ""), ("y", "e"), ("ish", ""), ("ly", ""), ("er", ""), ("est", ""), ("en", ""), ("ness", ""))
_COLOUR_CUES = ("color", "colour", "colored", "coloured", "hue", "tint", "tinge", "tinged", "tincture")
_FABRIC_CUES = {"fabric", "cloth", "textile", "design", "weave"}  # as wordnet_glosses.gloss_patterns
_WORN_CUES = {"worn", "wear", "wearing", "garment", "garments", "clothing", "clothes", "costume", "attire", "apparel",
              "dress"}  # a definition that says a thing is worn
# A definition that says how a surface is marked ("Marked with spots", "Divided into small alternating squares").
_MARKED = {"marked", "spotted", "striped", "streaked", "dotted", "variegated", "checkered", "chequered", "divided",
           "ornamented", "figured", "adorned", "decorated", "covered", "sprinkled", "banded", "barred", "painted",
           "speckled", "having", "with"}
_NEGATION = {"no", "not", "without", "never", "none"}
# GCIDE's labels of the natural sciences, where a "bag", "coat" or "cap" is a part of a body or a plant.
_NATURE = {"Anat", "Zool", "Zo\u00f6l", "Bot", "Physiol", "Med", "Chem", "Min", "Geol", "Biol", "Mycol", "Embryol"}
_SHAPE_CUES = ("shaped", "resembling", "like", "form", "figure")


def _tokens(clause: str) -> list[str]:
    return re.findall(r"[a-z]+(?:['-][a-z]+)*", clause.lower())


class Reader:
    """The engine's readings of a definition's words, for one facet set, without the dictionary itself."""

    def __init__(self, facet_set: str):
        from agents.lexicon import Lexicon
        from retrieval.facets import facet_sets

        self.lexicon = Lexicon(facet_sets()[facet_set], dictionary=False)
        self.classes = [c for c in CLASSES if c in self.lexicon.facets]
        self._cache: dict[str, list[tuple[str, str]]] = {}
        self.entries: dict[str, list] = {}  # headword -> its entries (``compile_set`` fills it)

    def read(self, phrase: str) -> list[tuple[str, str]]:
        """(facet, value) of a word or phrase, in the facet classes read here."""
        if phrase not in self._cache:
            found = self.lexicon.lookup(phrase) if len(phrase) >= 3 else []
            self._cache[phrase] = list(dict.fromkeys((m.facet, m.value) for m in found if m.facet in self.classes))
        return self._cache[phrase]

    def head(self, sentence: str) -> tuple[str, list[tuple[str, str]], str]:
        """The head noun of a noun sense's first noun phrase, its readings and the word after the phrase."""
        phrase, words = gcide_plants.first_phrase(sentence, _tokens, _DETERMINERS | {"of"}, _ENDS)
        after = words[len(phrase)] if len(phrase) < len(words) else ""
        for n in (2, 1):
            if len(phrase) >= n:
                key = " ".join(phrase[-n:])
                found = self.read(key)
                if found:
                    return key, found, after
        return (phrase[-1] if phrase else ""), [], after

    def worn_first(self, head: str, value: str) -> bool:
        """Whether a head noun's own first sense is the garment or thing it reads as: it is the value's name,
        or the first sense of its first noun entry here says it is worn or is itself headed by a word read as
        that value ("overcoat": "A coat worn over …"; "purse": "A small bag …"; not "top": "The highest part")."""
        if head == value:
            return True
        nouns = [e for w in (head, *singular(head)) for e in self.entries.get(w, []) if e.pos == "n" and e.senses]
        if not nouns:
            return False
        sentence = gcide_entries.DOMAIN.sub(" ", nouns[0].senses[0][1])
        if any(w in _WORN_CUES for w in _tokens(sentence)):
            return True
        first, found, _ = self.head(sentence)
        return first != head and ("category", value) in found

    def stated(self, sentence: str, facet: str) -> set[str]:
        """Values of one facet its words name ("Sky-colored; blue; azure" -> {blue}); "-colored", "-shaped",
        "-like" forms read through their stem."""
        out = set()
        for w in _tokens(sentence):
            for stem in (w, re.sub(r"-?(?:colou?red|shaped|like)$", "", w)):
                out |= {v for f, v in self.read(stem) if f == facet}
        return out

    def sense(self, pos: str, sentence: str) -> tuple[str, str, str] | None:
        """(facet, value, how) a sense's definition states, or None."""
        domains = set(re.findall(r"[A-Z][a-z\u00f6]*(?=\.)", " ".join(gcide_entries.DOMAIN.findall(sentence)[:1])))
        sentence = gcide_entries.DOMAIN.sub(" ", sentence).strip()
        if pos == "n" and domains & _NATURE:
            pos = "n (nature)"  # an animal's, a plant's or a body's part is no garment: "Scrotum: a bag"
        first = re.split(r";| -- ", sentence)[0]
        words = _tokens(first)
        if pos == "n":
            head, found, after = self.head(sentence)
            found = [(f, v) for f, v in found if f in ("category", "motif")]
            if len(found) == 1 and after != "of" and (found[0][0] != "category" or self.worn_first(head, found[0][1])):
                return (*found[0], f"head: {head}")
        if "colour" in self.classes and pos in ("n", "a"):
            spoken = any(c in w for w in words for c in _COLOUR_CUES)
            starts = pos == "a" and bool(words) and any(f == "colour" for f, _ in self.read(words[0]))
            values = self.stated(sentence, "colour") if spoken or starts else set()
            if len(values) == 1:
                return "colour", values.pop(), "colour"
        marked = bool(words) and words[0] in _MARKED and not _NEGATION & set(words)
        if "pattern" in self.classes and ((pos == "a" and marked) or (pos == "n" and _FABRIC_CUES & set(words))):
            values = self.stated(first, "pattern") - {"solid"}  # "plain", "solid" in a definition: seldom a pattern
            if len(values) == 1 and not (values == {"floral"} and domains & _NATURE):  # a plant's flowers
                return "pattern", values.pop(), "pattern"
        if "motif" in self.classes and pos == "a" and any(c in w for w in words for c in _SHAPE_CUES):
            values = self.stated(first, "motif")
            if len(values) == 1:
                return "motif", values.pop(), "shape"
        return None


def _common_words() -> set[str]:
    """Whole words of MiniLM's WordPiece vocabulary: common English words ("budget", "felt", "rig"), whose
    meaning today is seldom Webster's garment sense ("Budget: A bag or sack with its contents")."""
    from agents.embedding import minilm_vocabulary

    return set(minilm_vocabulary())


def _headword_ok(word: str) -> bool:
    from agents.cues import _BOUNDARIES, _CUE_WORDS, _STOPWORDS

    return bool(re.fullmatch(r"[a-z]+(?:['-][a-z]+)*", word)) and word not in _STOPWORDS | _CUE_WORDS | _BOUNDARIES


def compile_set(facet_set: str, entries: list[tuple[str, list]]) -> dict[str, list[str]]:
    """word -> [facet, value, provenance] for the words no engine source reads and a definition does."""
    reader = Reader(facet_set)
    reader.entries = dict(entries)
    lex = reader.lexicon
    words: dict[str, list[str]] = {}
    refers: dict[str, tuple[str, str]] = {}  # "Philibeg: Same as Filibeg": word -> (the word it refers to, where)
    common = _common_words()
    for word, found in entries:
        if not _headword_ok(word) or word in common:
            continue  # a common word's meaning today is seldom Webster's ("Budget: A bag"; "Candid: White")
        for n, entry in enumerate(found, 1):
            where = f"{entry.headword}{f' (entry {n})' if len(found) > 1 else ''}, {entry.pos}."
            for label, sentence in entry.senses:
                stated = reader.sense(entry.pos, sentence)
                if stated:
                    words[word] = [stated[0], stated[1], f"{where}, sense {label} ({stated[2]})"]
                    break
                other = re.fullmatch(r"(?:(?:same as|see)\s+)?([a-z]+(?:[ '-][a-z]+)*)", sentence.lower().strip())
                if entry.pos == "n" and other and other.group(1) != word and word not in refers:
                    refers[word] = (other.group(1), f"{where}, sense {label}")
            if word in words:
                break
    for word, (other, where) in sorted(refers.items()):
        if word not in words and other in words and "(head" in words[other][2]:
            facet, value, _ = words[other]
            words[word] = [facet, value, f"{where} (same as {other})"]
    # A word another source reads, or WordNet places outside the catalog, keeps that reading; what WordNet says
    # a garment is made of or worn for is no colour ("Chambray: … white"), though its pattern may be ("chintz").
    return {w: r for w, r in sorted(words.items()) if not (lex.lookup(w) or lex.knowledge.elsewhere(w)
                                                            or lex.compound(w) or lex.clipped(w) or lex.blend(w)
                                                            or (r[0] == "colour" and lex.knowledge.worn_as(w)))}


def compile_plants(facet_set: str, entries: list[tuple[str, list]], wordnet=None) -> dict[str, list[str]]:
    """word -> [facet, value, provenance] for the plants with showy flowers (``gcide_plants``), as the set's reading
    of "flowers" (demo: pattern floral); read only as a thing on a garment (``Dictionary.shown``). Plants the
    WordNet asset already places (``Knowledge.depicted``, ``Knowledge.shown``) or another source reads as anything
    but a colour are left out: they keep that reading. So is a word whose most frequent WordNet noun sense is no
    plant ("broom" is a brush, "elder" a person, "saffron" a colour): Webster's ordering of senses is old, and
    "a shirt with brooms" shows brushes."""
    reader = Reader(facet_set)
    value = [(f, v) for f, v in reader.read("flowers") if f in ("pattern", "motif")]
    if len(value) != 1:
        return {}
    lex, table, known = reader.lexicon, {}, dict(entries)
    for word, _ in entries:
        if not _headword_ok(word) or lex.knowledge.depicted(word) or lex.knowledge.shown(word, plural_only=False):
            continue
        if any(f != "colour" for f, _ in reader.read(word)) or lex.knowledge.elsewhere(word):
            continue
        where = gcide_plants.flowering(word, known)
        if where and wordnet is not None and not gcide_plants.a_plant_today(word, wordnet):
            continue
        if where:
            table[word] = [*value[0], where]
    return dict(sorted(table.items()))


def plant_plurals(plants: dict[str, list[str]], entries: list[tuple[str, list]]) -> dict[str, str]:
    """plural -> singular for the plants whose header states a plural ``singular`` does not undo ("Gladiolus …
    pl. L. {Gladioli}", "Cactus … pl. E. {Cactuses}, L. {Cacti}"), so "a dress with gladioli" is a plural too."""
    known = dict(entries)
    out = {}
    for word in plants:
        for entry in known.get(word, []):
            for plural in entry.plurals:
                if plural != word and word not in singular(plural) and plural not in plants:
                    out[plural] = word
    return dict(sorted(out.items()))


def compile_styles(facet_set: str, entries: list[tuple[str, list]]) -> dict[str, list[str]]:
    """word -> [facet, value, provenance] for the sleeve and neckline styles a definition states the length or shape
    of ("Poke: A long, wide sleeve" -> sleeve long; ``style_definitions``); read only with a facet noun or in the
    answer to that facet's question (``agents.style_words.style_entry``). A word another source reads as a value
    of the same facet keeps that reading ("sleeveless"), as does a garment whose WordNet definition states it
    (``gloss_traits``); a kind ("dolman", a jacket in WordNet) is still a style before a sleeve noun."""
    from agents.lexicon import Lexicon
    from retrieval.facets import facet_sets

    facets = facet_sets()[facet_set]
    if not all(f in facets for f in style_definitions.FACETS):
        return {}
    lex = Lexicon(facets, dictionary=False)
    found = style_definitions.gcide_styles(entries, facets, gcide_entries.DOMAIN)
    return {w: r for w, r in found.items()
            if not any(m.facet == r[0] for m in [*lex.lookup(w), *lex.knowledge.traits(w)])}


def _bases(word: str) -> set[str]:
    """The word and what it may be a form of ("belted" -> belt, "spotted" -> spot, "stripy" -> stripe)."""
    out = {word}
    for suffix, tail in _FORMS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            out |= {stem + tail} | ({stem[:-1]} if stem[-1] == stem[-2] else set())
    return out


def rare_words(words: list[str], wordnet) -> list[str]:
    """The words WordNet knows under no part of speech, nor as a form of a word it knows (its own morphy and
    ``_bases``); a hyphenated word whose parts it all knows is an everyday compound ("half-moon")."""
    def known(w: str) -> bool:
        return any(wordnet.synsets(b.replace("-", "_")) for b in _bases(w))

    return [w for w in words if not known(w) and not ("-" in w and all(known(p) for p in w.split("-") if p))]


def compile_asset(source: Path = gcide_entries.SOURCE, wordnet_source: Path = Path("/usr/share/wordnet")) -> dict:
    import tempfile

    import compile_lexicon

    entries = list(gcide_entries.entries(source))
    sets = {name: {"words": compile_set(name, entries)} for name in ("demo", "photos")}
    with tempfile.TemporaryDirectory() as tmp:
        wordnet = compile_lexicon.open_wordnet(wordnet_source, Path(tmp))
        for name, data in sets.items():
            data["rare"] = rare_words(list(data["words"]), wordnet)
            data["plants"] = compile_plants(name, entries, wordnet)
            data["plant_plurals"] = plant_plurals(data["plants"], entries)
            reader = Reader(name)
            reader.entries = dict(entries)
            data["agreed"] = gcide_agreed.agreed(reader, entries, wordnet, _headword_ok)
            data["styles"] = compile_styles(name, entries)  # round 29
    return {"resource": "GCIDE (GNU Collaborative International Dictionary of English), Debian dict-gcide",
            "version": gcide_entries.version(source),
            "licence": "GCIDE: GNU GPL, version 2 or later (Debian dict-gcide copyright file); this file holds only "
                       "word -> value readings and the headword and sense each was read from, never definition text",
            "sets": sets}


def dump(asset: dict) -> str:
    return json.dumps(asset, ensure_ascii=False, sort_keys=True, separators=(",", ":"), indent=0) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=gcide_entries.SOURCE)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    text = dump(compile_asset(args.source))
    args.out.write_text(text, encoding="utf-8")
    asset = json.loads(text)
    print(f"{args.out}: {len(text.encode()) // 1024} KB, "
          + ", ".join(f"{k}: {len(v['words'])} words ({len(v['rare'])} rare), {len(v['plants'])} plants, "
                      f"{len(v['agreed'])} agreed"
                      for k, v in asset["sets"].items()))


if __name__ == "__main__":
    main()
