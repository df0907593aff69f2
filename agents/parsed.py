"""What the offline parser (``agents.understand``) makes of one message: facet mentions and intents, and
the readings of single words (``Match``) they are made from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .confidence import confidence
from .knowledge import Elsewhere


@dataclass(frozen=True)
class Match:
    """One source's reading of a word or phrase as a facet value (``agents.lexicon``), before polarity."""
    facet: str
    value: str
    source: str  # "lexicon", "colour name", "colour survey", "colour hue", "colour modifier", "wordnet", ...
    score: float = 1.0
    path: str = ""  # provenance: the WordNet synset path, or the word a typo was read as

    @property
    def generalised(self) -> bool:
        """The user's word is more specific than the value (WordNet hyponym, a dictionary definition or a
        similarity guess)."""
        return self.source in ("similarity", "dictionary") or (self.source == "wordnet" and "<" in self.path)


@dataclass
class Mention:
    facet: str
    value: str
    positive: bool
    source: str  # how the word was resolved (lexicon, colour name, wordnet, typo, similarity, ...)
    text: str  # the words as the user wrote them
    specific: str = ""  # the user's more specific word when the value generalises it ("fascinator" -> hat)

    @property
    def confidence(self) -> float:
        """How sure the reading is, from its source (``agents.confidence``): 1.0 for a fact, lower for a guess."""
        return confidence(self.source)


# What may stand between two alternatives: "blue or green", "blue, green", "red, or maybe a blue".
# "blue or green", "beige, brown or grey", "blue maybe? or green": a hedge after a value does not end the list
_OR = re.compile(r"\s*(?:(?:maybe|perhaps|possibly|probably|i\s+guess|i\s+think)\s*[?!.]*\s*)?"
                 r"(?:,\s*|,?\s*(?:or|and/or)\s+)(?:(?:maybe|perhaps|possibly|even|else)\s+)?(?:(?:a|an|the)\s+)?")


@dataclass
class Parsed:
    mentions: list[Mention] = field(default_factory=list)
    retracted: list[str] = field(default_factory=list)  # facets the user no longer cares about
    result_refs: list[tuple[int, bool]] = field(default_factory=list)  # (1-based position, True=like it / False=not it)
    this_ref: bool = False  # "like this": the uploaded photo, the result the user has open, or the latest reference
    not_this: bool = False  # "not this one": the result the user has open is not it
    comparatives: list[tuple[str, int]] = field(default_factory=list)  # (facet, +1 longer / -1 shorter)
    dont_care: bool = False  # the whole message says "doesn't matter"
    found: bool = False  # "that's it"
    wishes: list[str] = field(default_factory=list)  # content words nothing could map
    unwanted: list[str] = field(default_factory=list)  # unmapped words under a negation ("no pelican")
    # The content words of each "not …" scope, as the parser read them ("no, not strawberry, more like
    # persimmon" -> [{"strawberry"}]): the words a correction takes back (``agents.fold``). Only "not":
    # "no logo" is a reading (no motif), never a correction.
    taken_back: list[set[str]] = field(default_factory=list)
    forgotten: list[str] = field(default_factory=list)  # "forget the pelican": words to drop from the wishes
    forgotten_values: list[tuple[str, str]] = field(default_factory=list)  # "forget the red": (facet, value)
    # "get rid of the florals": of ``forgotten_values``, those said with a verb of removing, ruled out if not wanted
    removed_values: list[tuple[str, str]] = field(default_factory=list)
    corrections: list[tuple[str, str]] = field(default_factory=list)  # typos read as known words
    elsewhere: list[tuple[str, Elsewhere]] = field(default_factory=list)  # things the catalog cannot show
    # Facets the message talked about without a value any source could read: (facet, the words), e.g.
    # ("sleeve", "batwing sleeves"); a reply or question can ask "long or short?" about it.
    unread_facets: list[tuple[str, str]] = field(default_factory=list)
    # Values of one facet offered as alternatives: "blue or green" -> {"colour": ["blue", "green"]}
    either: dict[str, list[str]] = field(default_factory=dict)
    unsearchable: list[str] = field(default_factory=list)  # "cheaper", "in size M": what the catalog lacks
    wrong: list[str] = field(default_factory=list)  # "the colour is off": facets whose value shown is the wrong one
    right: list[str] = field(default_factory=list)  # "keep the colour": facets whose value shown is the one wanted
    owned: list[str] = field(default_factory=list)  # "to go with my navy skirt": the user's own garment, left out
    goes_with: list[str] = field(default_factory=list)  # "a shirt that goes with jeans": what it must match, left out
    # "the colour of the first one" (facet, 1-based position, wanted): one facet of a shown result ("… is off": not)
    facet_refs: list[tuple[str, int, bool]] = field(default_factory=list)

    def find_either(self, whole: str) -> None:
        """"blue or green", "a skirt or a dress", "beige, brown or grey": wanted values of one facet joined by
        "or" (a list needs one "or") are alternatives, not a correction where the last one wins (``either``)."""
        wanted = [m for m in self.mentions if m.positive and m.text]
        run: list[Mention] = []
        at, joined = 0, False
        for m in wanted:
            i = whole.find(m.text, at)
            if i < 0:
                run, joined = [], False
                continue
            between = whole[at:i]
            if run and run[-1].facet == m.facet and _OR.fullmatch(between):
                run.append(m)
                joined = joined or "or" in between
            else:
                self._either(run, joined)
                run, joined = [m], False
            at = i + len(m.text)
        self._either(run, joined)

    def _either(self, run: list[Mention], joined: bool) -> None:
        values = list(dict.fromkeys(m.value for m in run))
        if joined and len(values) > 1:
            self.either[run[0].facet] = values

    def keep_shared(self) -> None:
        """"a red dress, not a red skirt": the red both have is not what the "not" is about. A wanted value that
        a "not …" scope rules out together with another facet's value stays wanted (its ruling out and its words
        are dropped from the scope); a scope about that value alone ("red, no, not red, blue") still corrects it."""
        wanted = {(m.facet, m.value) for m in self.mentions if m.positive}
        for scope in self.taken_back:
            inside = [m for m in self.mentions if not m.positive and m.text and set(m.text.split()) <= scope]
            shared = [m for m in inside if (m.facet, m.value) in wanted]
            if len({m.facet for m in inside}) < 2 or len(shared) == len(inside):
                continue
            for m in shared:
                self.mentions.remove(m)
                scope.difference_update(m.text.split())
