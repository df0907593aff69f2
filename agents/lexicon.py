"""Canonicalisation: from a user's word to a facet value ("crimson" -> colour red).

Sources, tried in order (docs/language.md says why in this order):

1. the lexicon: the facet set's synonyms plus ``vocab/lexicon.yaml`` (hand-checked, so it wins);
2. colour names the ecosystem already knows: matplotlib's ~950 XKCD survey
   names and the CSS names; a basic colour word inside the name wins
   ("olive green" -> green), otherwise the RGB takes the colour of the nearest
   survey name that has a basic colour word as its head, in CIELAB
   (``agents.colour_names``; never the catalog's own rendering RGBs, which
   would send "tan" to white), else it is classified by hue, saturation and
   value. An RGB says where the palette's borders (beige/brown, teal/blue)
   lie better than a word hierarchy does. Survey modifiers ("pale sage") and
   clipped survey names ("duck egg") are read the same way. The ~30k names of an
   installed resource (``agents.colour_resource``: "oxblood", "champagne") are
   read the same way, but only where a colour is expected (``agents.colour_context``);
3. WordNet, compiled into ``vocab/wordnet.json`` (``agents.knowledge``):
   every lemma under a value's synsets ("jodhpurs" -> trousers), colour
   nouns and adjectives under their colour; plurals too;
4. head-final compounds ("sweatpants" -> pants);
5. typo repair (``agents.spelling``) against all of the above, within a strict bar;
6. MiniLM similarity to every phrase above and the seeds' WordNet definitions,
   with a threshold so that nonsense maps to nothing: the generalising
   fallback for words no list has ("fascinator" -> hat).
"""

from __future__ import annotations

from functools import cached_property
from importlib import resources

import numpy as np
import yaml

from retrieval.facets import FacetSet

from .colour_lexicon import ColourReadings
from .colour_resource import thing_colours
from .cues import _HEADS
from .dictionary import SOURCE as DICTIONARY
from .dictionary import Dictionary
from .embedding import minilm_embedder, minilm_vocabulary
from .knowledge import Knowledge, singular
from .parsed import Match
from .spelling import Speller
from .style_probe import warm as warm_probe
from .text import normalise


def _load_yaml(name: str) -> dict:
    return yaml.safe_load(resources.files("agents").joinpath("vocab", name).read_text(encoding="utf-8")) or {}


def heldout_words() -> dict[str, dict[str, str]]:
    """Evaluation words, by facet, that no lexicon lists: {facet: {word: expected value}}."""
    return _load_yaml("heldout_words.yaml")


class Lexicon(ColourReadings):
    """Maps words and phrases of one facet set to its values."""

    def __init__(self, facets: FacetSet, similarity_threshold: float = 0.72, embed=None, dictionary: bool = True):
        self.facets = facets
        self.similarity_threshold = similarity_threshold
        self._embed = embed  # callable(list[str]) -> unit vectors; MiniLM by default
        extra = _load_yaml("lexicon.yaml").get(facets.name, {})
        self.phrases: dict[str, list[tuple[str, str]]] = {}
        for f in facets:
            for value in f.values:
                synonyms = [*f.synonyms.get(value, ()), *extra.get(f.name, {}).get(value, [])]
                # Bare value names like "long" or "none" are ambiguous where the facet has its own words.
                words = synonyms if synonyms and f.name in ("sleeve", "motif") else [value, *synonyms]
                for w in words:
                    key = normalise(w)
                    if (f.name, value) not in self.phrases.get(key, []):
                        self.phrases.setdefault(key, []).append((f.name, value))
        # Compounds written closed ("rollneck", "crewneck") find the phrase written open.
        self._closed = {p.replace(" ", ""): p for p in self.phrases if " " in p}
        self.knowledge = Knowledge(facets.name)
        self.dictionary = Dictionary(facets.name, enabled=dictionary)  # GCIDE's definitions, only in answers (row 3e)
        # ... and WordNet's open names too ("teeshirt" -> tee shirt), for a word no source knows closed.
        self._closed_wordnet = {w.replace(" ", ""): w for w in self.knowledge.words if " " in w}
        self.max_words = max(max(len(p.split()) for p in self.phrases), self.knowledge.max_words)
        self._speller: Speller | None = None

    def lookup(self, phrase: str) -> list[Match]:
        """Exact lexicon or colour-name matches of a whole phrase (no similarity)."""
        key = normalise(phrase).strip()
        key = key if key in self.phrases else self._closed.get(key, key)
        if key in self.phrases:
            return [Match(f, v, "lexicon") for f, v in self.phrases[key]]
        tinted = self.coloured_noun(key)
        if tinted:
            return [tinted]
        colour = self.colour_of(key)
        if colour:
            return [colour]
        if len(key) == 1 and key.isalpha() and key not in "ai":  # a letter names its shape: "a deep v" is v-neck
            return [Match(f.name, v, "letter") for f in self.facets for v in f.values
                    if normalise(v).split()[0] == key and len(v) > 1][:1]
        found = [Match(e.facet, e.value, "wordnet", path=e.path) for e in self.knowledge.lookup(key)
                 if self.facets.offers(e.facet, e.value) and self._fits_noun(key, e.facet)]
        pattern = self.knowledge.gloss_pattern(key) if not found and "pattern" in self.facets else None
        if pattern and pattern.value in self.facets["pattern"].values:
            found = [Match("pattern", pattern.value, "wordnet", path=pattern.path)]
        return found or self._plural_or_closed(key) or self.colour_by_form(key) or self._written_apart(key)

    def shown(self, word: str, plural_only: bool = True) -> Match | None:
        """What a plant reads as when it is said as a thing on a garment (plural, or before a print noun with
        ``plural_only=False``): WordNet's ``things`` first (``Knowledge.shown``), then the plants GCIDE defines by
        their flowers (``Dictionary.shown``), each under its own source: the dictionary's readings are guesses
        ("dictionary", as in ``define``), where they were mentioned as WordNet's until round 29."""
        hit = self.knowledge.shown(word, plural_only)
        if hit:
            return Match(hit.facet, hit.value, "wordnet", path=hit.path)
        hit = self.dictionary.shown(word, plural_only)
        return Match(hit.facet, hit.value, DICTIONARY, path=f"GCIDE: {hit.path}") if hit else None

    def define(self, key: str) -> list[Match]:
        """What a GCIDE definition states a word no other row reads is ("paletot": an overcoat -> coat). Not a
        lookup row: the parser asks it only for words left over in the answer to that facet's question
        (``agents.dictionary.in_answers_only``)."""
        entry = self.dictionary.lookup(key)
        if entry is None or not self.facets.offers(entry.facet, entry.value):
            return []
        return [Match(entry.facet, entry.value, DICTIONARY, path=f"GCIDE: {entry.path}")]

    def _fits_noun(self, key: str, facet: str) -> bool:
        """A noun that names a facet ("collar", "sleeve": ``cues._HEADS``) is never a value of another facet
        through WordNet: WordNet files "collar" under a band, a kind of stripe, but "a shirt with a collar"
        says nothing about stripes; nor through MiniLM, which puts "collar" nearest to striped words."""
        named = next((_HEADS[w] for w in [key, *singular(key)] if w in _HEADS), None)
        return named is None or named == facet

    def _plural_or_closed(self, key: str) -> list[Match]:
        """The plural of a hand-lexicon phrase reads as the phrase ("bombers" as "bomber"; "roses" is no colour,
        "blues" is), and a closed
        compound WordNet writes open reads as WordNet's name ("teeshirt" as "tee shirt")."""
        words = key.split()
        for s in singular(words[-1]) if words else []:
            one = " ".join([*words[:-1], s])
            if one in self.phrases:  # a plural names its colour only as the colour itself ("in blues", "reds")
                return [Match(f, v, "lexicon", path=one) for f, v in self.phrases[one] if f != "colour" or s == v]
        if key in self._closed_wordnet:
            return self.lookup(self._closed_wordnet[key])
        # The plural of such a closed compound ("teeshirts"): before it, the head-final split read only its last
        # word ("shirts": shirt), where WordNet's name says which kind it is ("tee shirt": t-shirt).
        # Not a colour: as for the lexicon's phrases above, a plural names a colour only as the colour itself.
        for s in singular(key) if " " not in key else []:
            if s in self._closed_wordnet:
                return [m for m in self.lookup(self._closed_wordnet[s]) if m.facet != "colour"]
        return []

    def _written_apart(self, key: str) -> list[Match]:
        """A pattern or garment name the resources write closed or without an apostrophe, typed apart or with
        one ("hounds tooth", "hound's-tooth", "dog's tooth check": WordNet's "houndstooth check", the clipped
        "houndstooth"; round 30). Two or three words, apostrophes dropped, neighbours joined; only a name of the
        hand lexicon or WordNet, or a clipped name (row 4b), of a pattern, motif or kind, never a colour
        ("rose wood" is no colour read here)."""
        words = key.split()
        if not 2 <= len(words) <= 3:
            return []
        bare = [w.replace("'", "") for w in words]
        forms = [" ".join(bare)] if bare != words else []
        forms += [" ".join([*bare[:k], bare[k] + bare[k + 1], *bare[k + 2:]]) for k in range(len(bare) - 1)]
        forms.append("".join(bare))
        for form in dict.fromkeys(f for f in forms if f != key):
            if form in self.phrases or form in self._closed or form in self._closed_wordnet or form in self.knowledge.words:
                found = [m for m in self.lookup(form) if m.facet in ("pattern", "motif")]
            else:
                clipped = self.clipped(form) if " " not in form else None
                found = [clipped] if clipped and clipped.facet == "pattern" else []
            if found:
                return [Match(m.facet, m.value, m.source, path=f"{form} ({m.path})" if m.path else form)
                        for m in found]
        return []

    def resolve(self, phrase: str, facet: str | None = None) -> Match | None:
        """Best value for a phrase: lexicon, colour names, then MiniLM similarity (or None)."""
        found = [m for m in self.lookup(phrase) if facet is None or m.facet == facet]
        if found:
            return found[0]
        key = normalise(phrase).strip()
        compound = self.compound(key)
        if compound and (facet is None or compound.facet == facet):
            return compound
        clipped = self.clipped(key) or self.blend(key)
        if clipped and (facet is None or clipped.facet == facet):
            return clipped
        fixed = self.speller.correct(key) if " " not in key else None
        if fixed:
            found = [m for m in self.lookup(fixed) if facet is None or m.facet == facet]
            if found:
                return Match(found[0].facet, found[0].value, "typo", path=fixed)
        return self.similar(phrase, facet)

    @property
    def speller(self) -> Speller:
        if self._speller is None:
            words = {w for p in self.phrases for w in p.split()} | {w for p in self.knowledge.words for w in p.split()}
            self._speller = Speller(words, self.knowledge.real_words, common=self.in_wordpiece)
        return self._speller

    def is_word(self, token: str) -> bool:
        return self.speller.is_word(token)

    def is_english(self, word: str) -> bool:
        """A known word, an English word near the vocabulary, or a whole word of MiniLM's WordPiece vocabulary
        (a common English word: "complain")."""
        return self.is_word(word) or self.in_wordpiece(word)

    @property
    def wordpiece_vocabulary(self) -> dict[str, int] | None:
        """MiniLM's whole words, read from its tokenizer file before the model is loaded; None for an
        injected embedder that has no vocabulary (tests)."""
        if self._embed is None:
            return minilm_vocabulary()
        return getattr(self._embed, "vocabulary", None)

    def in_wordpiece(self, word: str) -> bool:
        """A whole word of MiniLM's WordPiece vocabulary: a common English word ("complain", "carry")."""
        return word in (self.wordpiece_vocabulary or {})

    # -- compounds and similarity (last resorts) ----------------------------------

    def compound(self, word: str) -> Match | None:
        """English compounds are head-final: "sweatpants" is pants, "raincoat" a coat, "micromini" a mini
        length; a plural pattern or print noun is the head of a repeated design ("wildflowers" are flowers:
        floral), and so is a pattern's own unit in the singular ("chalkstripe", "pindot", "overcheck"), but
        not a thing a pattern depicts ("sunflower" names the flower: ``Knowledge.depicted_values``), a
        thing the colour resource names ("peridot", a gem, is no dot) nor a common English word ("complain" is
        no plain; found in review), and no kind or length is the head of a whole word of MiniLM's vocabulary
        ("a laptop bag" was a t-shirt: WordNet read the garments among such words before this). Rarer words still are ("paycheck" reads checked, as MiniLM read it before)."""
        if " " in word:
            return None
        whole = self.in_wordpiece(word)  # "laptop", "rooftop": a common word of its own, no kind of top
        for k in range(3, len(word) - 2):  # a real modifier in front: "sweat" + "pants", not "colou" + "red"
            head = word[k:]
            design = head.endswith("s") and len(head) >= 5
            hits = [(f, v) for f, v in self.phrases.get(head, [])
                    if (f in ("category", "length") and not whole) or (design and f in ("pattern", "motif"))
                    or (f == "pattern" and (f, v) not in self.knowledge.depicted_values and word not in thing_colours()
                        and not self.is_english(word))]  # "complain": an English word is no pattern
            if hits and len(head) >= 3:
                return Match(*hits[0], "compound")
        return None

    @cached_property
    def _garment_words(self) -> dict[str, str]:
        """Single words that name a catalog kind (the lexicon's and WordNet's) -> the kind."""
        out = {p: v for p, fvs in self.phrases.items() for f, v in fvs if f == "category" and " " not in p}
        for w, es in self.knowledge.words.items():
            if " " not in w and es[0].facet == "category" and "category" in self.facets:
                out.setdefault(w, es[0].value)
        return out

    def blend(self, word: str) -> Match | None:
        """A blend of two garment words, the start of one and the end of the other ("shacket": sh(irt) +
        (j)acket; "jorts": j(eans) + (sh)orts), is a kind of the second. Only for a word that is no English
        word ("packet" is one; so is a whole word of MiniLM's vocabulary, "carry") and
        keeps at least four letters of the second."""
        forms = {word, *singular(word)}
        if " " in word or len(word) < 5 or not word.isalpha() or forms & (self.speller.real_words | self.phrases.keys()):
            return None
        if any(self.in_wordpiece(f) for f in forms):  # "carry": a whole word MiniLM knows is English
            return None
        garments = self._garment_words
        for k in (1, 2, 3):
            head, tail = word[:k], word[k:]
            if len(tail) < 4:
                break
            ends = sorted({(g, v) for g, v in garments.items() if g.endswith(tail) and len(g) > len(tail)})
            starts = [g for g in garments if g.startswith(head) and not g.endswith(tail)]
            if len({v for _, v in ends}) == 1 and starts:
                return Match("category", ends[0][1], "blend", path=f"{starts[0][:k]}- + -{tail} of {ends[0][0]}")
        return None

    @cached_property
    def _first_words(self) -> dict[str, set[tuple[str, str]]]:
        """First word of every two-word garment or pattern name -> the values it names ("duffel" of
        "duffel coat", "houndstooth" of "houndstooth check")."""
        out: dict[str, set[tuple[str, str]]] = {}
        named = [(p, f, v) for p, fvs in self.phrases.items() for f, v in fvs]
        named += [(w, e.facet, e.value) for w, es in self.knowledge.words.items() for e in es[:1]]
        for p, f, v in named:
            words = p.split()
            if f in ("category", "pattern") and len(words) == 2 and self.facets.offers(f, v):
                out.setdefault(words[0], set()).add((f, v))
        return out

    def clipped(self, word: str) -> Match | None:
        """A clipped garment name: the first word of two-word names that all name one kind ("a duffel" is a
        duffel bag). Only for a word no other source knows, so a modifier with a meaning of its own
        ("sports": an activity in WordNet, ``Knowledge.clippable``) says nothing."""
        kinds = None
        for w in [word, *singular(word)] if " " not in word else []:
            if w in self.knowledge.clippable and w in self._first_words:
                kinds = self._first_words[w]
                break
        if kinds and len(kinds) == 1 and not self.knowledge.elsewhere(word):
            f, v = next(iter(kinds))
            return Match(f, v, "clipped")
        return None

    # Context makes MiniLM compare garments as garments ("wearing a parka"), not as strings.
    _TEMPLATE = "wearing {}"

    @cached_property
    def _hand_table(self) -> tuple[list[tuple[str, str, str]], np.ndarray]:
        """The hand lexicon's phrases only: small, so a turn can wait for it."""
        rows = [(p, f, v) for p, fvs in self.phrases.items() for f, v in fvs]
        return rows, self.embed([self._TEMPLATE.format(p) for p, _, _ in rows])

    def warm(self) -> Lexicon:
        """Read the colour resource, embed the full table and fit the sleeve/neckline probe now (the app does
        it in a background thread; benchmarks and tests here)."""
        thing_colours()
        _ = self._phrase_table
        _ = self._suffixed  # the colours longer names agree on (row 2f): 0.18 s, not in the first colour answer
        warm_probe(self)
        return self

    def table(self) -> tuple[list[tuple[str, str, str]], np.ndarray]:
        """The full table once the warm-up thread (``Assistant.build``) has embedded it, else the hand one:
        a turn never waits for WordNet's thousand words to be embedded."""
        return self.__dict__.get("_phrase_table") or self._hand_table

    @cached_property
    def _phrase_table(self) -> tuple[list[tuple[str, str, str]], np.ndarray]:
        """Every phrase with its value: the lexicon, WordNet's words and its seeds' definitions."""
        rows = [(p, f, v) for p, fvs in self.phrases.items() for f, v in fvs]
        # WordNet's single words only: its compounds ("wedding gown") would pull their modifiers to the value.
        rows += [(w, es[0].facet, es[0].value) for w, es in self.knowledge.words.items()
                 if " " not in w and w not in self.phrases and self.facets.offers(es[0].facet, es[0].value)]
        rows += [(g, f, v) for f, vs in self.knowledge.glosses.items() if f in self.facets
                 for v, gs in vs.items() if v in self.facets[f].values for g in gs]
        vecs = self.embed([self._TEMPLATE.format(p) for p, _, _ in rows])
        return rows, vecs

    _FACET_TEMPLATE = "a top with {}"

    def names_facet(self, phrase: str, descriptions: dict[str, list[str]], threshold: float = 0.8,
                    margin: float = 0.05) -> str | None:
        """Which facet a phrase is a word for ("logo", "graphics" -> the print motif), by MiniLM against
        each facet's own words (``descriptions``: facet -> its label and names); None unless one facet is
        close and clearly closer than the others. Under a negation it says "no decoration": the empty value."""
        key = tuple(sorted((f, tuple(ws)) for f, ws in descriptions.items()))
        cache = self.__dict__.setdefault("_facet_vectors", {})
        if key not in cache:
            cache[key] = [(f, self.embed([self._FACET_TEMPLATE.format(w) for w in ws])) for f, ws in key]
        q = self.embed([self._FACET_TEMPLATE.format(normalise(phrase))])[0]
        scores = sorted(((float((v @ q).max()), f) for f, v in cache[key]), reverse=True)
        if not scores or scores[0][0] < threshold:
            return None
        if len(scores) > 1 and scores[0][0] - scores[1][0] < margin:
            return None
        return scores[0][1]

    def embed(self, texts: list[str]) -> np.ndarray:
        if self._embed is None:
            self._embed = minilm_embedder()
        return self._embed(texts)

    def similar(self, phrase: str, facet: str | None = None, margin: float = 0.06, k: int = 5,
                sure: float = 0.85) -> Match | None:
        """Nearest phrases by MiniLM, as a vote of the ``k`` nearest (lexicon, WordNet words, definitions).

        The nearest must be close enough and clearly closer than any other value; below ``sure`` it
        also needs a second vote among the ``k`` nearest, so one lookalike ("fascinator" ~ "fawn")
        decides nothing. A phrase of several words ("thin vertical lines") is a description, not a
        name: it is accepted on a majority of the ``k`` nearest at a lower similarity.
        """
        rows, vecs = self.table()
        q = self.embed([self._TEMPLATE.format(normalise(phrase))])[0]
        sims = vecs @ q
        order = [i for i in np.argsort(-sims) if facet is None or rows[i][1] == facet]
        if not order:
            return None
        best = order[0]
        runner_up = next((i for i in order if rows[i][1:] != rows[best][1:]), None)
        gap = sims[best] - (sims[runner_up] if runner_up is not None else 0.0)
        votes = sum(rows[i][1:] == rows[best][1:] for i in order[:k])
        _, f, v = rows[best]
        if not self._fits_noun(normalise(phrase).strip(), f):
            return None  # "collar" names the neckline: never a striped guess (row 1c, for MiniLM too)
        if sims[best] >= self.similarity_threshold and gap >= margin and (votes >= 2 or sims[best] >= sure):
            return Match(f, v, "similarity", float(sims[best]))
        if len(phrase.split()) >= 2 and votes > k // 2 + 1 and sims[best] >= self.similarity_threshold - 0.15:
            return Match(f, v, "similarity", float(sims[best]))
        return None
