"""The dialogue state: every turn, and the structured beliefs distilled from them.

Beliefs are what the reformulator composes a query from: per facet, the one
value the user wants (later turns override earlier ones) and the values they
ruled out, each with the turn it came from; free-text wishes nothing could
map; references (photos or results, with caption and embedding); and the
results the user liked or rejected. Everything is JSON-serialisable so a
session can be shown over the API or restored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from .confidence import is_guess


@dataclass
class FacetBelief:
    positive: str | None = None  # the wanted value, if any
    negatives: list[str] = field(default_factory=list)  # values ruled out
    turn: int = -1  # turn of the latest change
    source: str = "user"  # "user", "answer" or "reference"
    confidence: float = 1.0  # how sure the reading of ``positive`` is (``agents.confidence``); 1.0 in older sessions
    words: str = ""  # the user's words a guessed ``positive`` was read from, for the explanation
    doubts: dict[str, float] = field(default_factory=dict)  # ruled-out value -> confidence, where under 1.0
    reading: str = ""  # the source that read ``positive`` (``Mention.source``), for its reliability
    said: str = ""  # the user's words ``positive`` was read from (a sure reading's too), to quote when asking
    aside: bool = False  # read in the answer to a question about another facet ("roses" asked about the pattern)
    either: list[str] = field(default_factory=list)  # other values wanted as much ("blue or green": green)

    @property
    def guess(self) -> bool:
        return bool(self.positive) and is_guess(self.confidence)


@dataclass
class Reference:
    caption: str  # caption of the reference image (before editing)
    facets: dict[str, str]  # its most likely facet values
    vector: list[float]  # its image embedding (unit)
    turn: int
    item_id: int | None = None  # set when the reference is a gallery result
    label: str = "your photo"  # how the explanation names it
    # Facets the captioner was unsure of: facet -> {likely value: probability} (LDRE's caption distribution)
    alternatives: dict[str, dict[str, float]] = field(default_factory=dict)


@dataclass
class TurnRecord:
    role: str  # "user" or "assistant"
    text: str
    images: int = 0  # reference images attached
    action: str | None = None  # like / reject / found
    item_id: int | None = None
    question_facet: str | None = None  # for assistant turns: the facet asked
    # Kept in the dialogue but not part of the search: a message to the assistant ("help") and its answer, and
    # every turn a "start over" or an "undo" took back (``DialogueState.search_turns``)
    dropped: bool = False


@dataclass
class DialogueState:
    turns: list[TurnRecord] = field(default_factory=list)
    beliefs: dict[str, FacetBelief] = field(default_factory=dict)
    wishes: list[str] = field(default_factory=list)  # free text not captured by facets
    wish_facets: dict[str, str] = field(default_factory=dict)  # wish -> facet it specifies ("jodhpurs" -> category)
    references: list[Reference] = field(default_factory=list)
    liked: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)  # facets already asked about
    unread: list[str] = field(default_factory=list)  # facets talked about in words no source read ("batwing sleeves")
    settled: list[str] = field(default_factory=list)  # facets the user said don't matter
    last_results: list[int] = field(default_factory=list)  # ids shown last, for "the second one"
    pending_question: str | None = None  # facet of the question awaiting an answer
    found: int | None = None  # the item the user said "this is it" to
    pair: list[int] = field(default_factory=list)  # the two results of a pending "which is closer?" question
    nudges: list[list[float]] = field(default_factory=list)  # answers to it: closer minus other, image vectors
    answers: list[tuple[str, float]] = field(default_factory=list)  # (facet asked, how well its answer read)
    misreads: int = 0  # answers of which nothing read for sure, of any facet (``agents.doubt.misread``)
    paged: list[int] = field(default_factory=list)  # results "show me more" leaves out until the request changes
    doubted: list[str] = field(default_factory=list)  # facets whose sure reading was asked about once more (agents.doubt)
    confirm: str | None = None  # the facet whose reading the next question asks the user to confirm

    @property
    def search_turns(self) -> list[TurnRecord]:
        """The turns the current search is made of: what a language model or the concatenation reads."""
        return [t for t in self.turns if not t.dropped]

    @property
    def user_turns(self) -> int:
        return sum(1 for t in self.turns if t.role == "user")

    def belief(self, facet: str) -> FacetBelief:
        return self.beliefs.setdefault(facet, FacetBelief())

    def want(self, facet: str, value: str, turn: int, source: str = "user", confidence: float = 1.0,
             words: str = "", correcting: bool = False, reading: str = "") -> bool:
        """The user wants ``value``: it replaces any earlier wish and is no longer ruled out.

        A guess (``confidence`` under ``agents.confidence.SURE``) never replaces a sure reading of another
        value unless the user is ``correcting`` it ("no, not red, more like …"); it returns False then. The
        same value read again keeps the surer of the two readings.
        """
        b = self.belief(facet)
        if b.positive and b.positive != value and is_guess(confidence) and not b.guess and not correcting:
            return False
        if b.positive == value and b.confidence > confidence:
            confidence, words, reading = b.confidence, b.words or b.said, b.reading
        if b.positive != value:
            b.aside = False  # set again by ``agents.fold`` for a reading made in the answer about another facet
        if b.positive != value and value in b.either:  # one of "blue or green" read again: both still wanted
            b.either = [v for v in b.either if v != value] + ([b.positive] if b.positive else [])
        elif b.positive != value:
            b.either = []  # a new wish replaces "blue or green" (``offer`` sets them again for "red or pink")
        b.positive, b.turn, b.source, b.reading, b.said = value, turn, source, reading, words
        b.confidence, b.words = confidence, words if is_guess(confidence) else ""
        b.negatives = [v for v in b.negatives if v != value]
        b.doubts.pop(value, None)
        if facet in self.settled:
            self.settled.remove(facet)
        if facet in self.unread:
            self.unread.remove(facet)
        return True

    def offer(self, facet: str, values: list[str]) -> None:
        """"blue or green": the wanted value (the last one read) and the others named with it are all wanted."""
        b = self.beliefs.get(facet)
        if b and b.positive in values:
            b.either = [v for v in values if v != b.positive and v not in b.negatives]

    @staticmethod
    def _drop_alternative(b: FacetBelief, value: str) -> bool:
        """``value`` is no longer one of "blue or green"; True when another alternative took its place as the
        wanted value ("not green" leaves blue, with no guess's words: they were about green)."""
        b.either = [v for v in b.either if v != value]
        if b.positive != value or not b.either:
            return False
        b.positive, b.either = b.either[0], b.either[1:]
        b.words = b.said = ""
        return True

    def rule_out(self, facet: str, value: str, turn: int, source: str = "user", confidence: float = 1.0) -> None:
        b = self.belief(facet)
        if not self._drop_alternative(b, value) and b.positive == value:
            b.positive, b.confidence, b.words = None, 1.0, ""
        if value not in b.negatives:
            b.negatives.append(value)
        if confidence < 1.0:
            b.doubts[value] = confidence
        else:
            b.doubts.pop(value, None)
        b.turn, b.source = turn, source

    def retract(self, facet: str, turn: int) -> None:
        """"Any colour is fine": forget the facet and do not ask about it again."""
        self.beliefs.pop(facet, None)
        if facet not in self.settled:
            self.settled.append(facet)
        if facet in self.unread:
            self.unread.remove(facet)
        for ref in self.references:
            ref.facets.pop(facet, None)
            ref.alternatives.pop(facet, None)

    def forget(self, facet: str, value: str, turn: int) -> bool:
        """"Forget the stripes": ``value`` is neither wanted nor ruled out any more; the facet may be asked again.
        False when nothing was held about it."""
        b = self.beliefs.get(facet)
        if b and value in b.either:
            self._drop_alternative(b, value)
            b.turn = turn
        elif b and (b.positive == value or value in b.negatives):
            if b.positive == value and not self._drop_alternative(b, value):
                b.positive, b.confidence, b.words = None, 1.0, ""
            b.negatives = [v for v in b.negatives if v != value]
            b.doubts.pop(value, None)
            b.turn = turn
        else:
            return False
        return True

    def add_wish(self, wish: str, facet: str | None = None) -> None:
        if wish not in self.wishes:
            self.wishes.append(wish)
        if facet:
            self.wish_facets[wish] = facet

    def drop_wishes(self, words: str = "", facet: str | None = None) -> list[str]:
        """Forget ``words`` from the wishes ("forget the pelican"), or the wishes that specify ``facet``."""
        gone = []
        for w in list(self.wishes):
            if facet and self.wish_facets.get(w) == facet:
                rest = ""
            elif words and f" {words} " in f" {w} ":
                rest = " ".join(f" {w} ".replace(f" {words} ", " ").split())
                rest = rest if any(len(t) > 1 for t in rest.split()) else ""  # "t" of "t shirt dress" is no wish
            else:
                continue
            gone.append(w)
            i = self.wishes.index(w)
            if rest:
                self.wishes[i] = rest
            else:
                del self.wishes[i]
            self.wish_facets.pop(w, None)
        return gone

    def known(self) -> dict[str, str]:
        return {f: b.positive for f, b in self.beliefs.items() if b.positive}

    def to_dict(self, turns: bool = True) -> dict[str, Any]:
        """JSON-ready data; ``turns=False`` leaves the dialogue out (an "undo" snapshot keeps only the search)."""
        return asdict(self if turns else replace(self, turns=[]))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DialogueState:
        return cls(
            turns=[TurnRecord(**t) for t in data.get("turns", [])],
            beliefs={k: FacetBelief(**v) for k, v in data.get("beliefs", {}).items()},
            wishes=list(data.get("wishes", [])),
            wish_facets=dict(data.get("wish_facets", {})),
            references=[Reference(**r) for r in data.get("references", [])],
            liked=list(data.get("liked", [])),
            rejected=list(data.get("rejected", [])),
            asked=list(data.get("asked", [])),
            unread=list(data.get("unread", [])),
            settled=list(data.get("settled", [])),
            last_results=list(data.get("last_results", [])),
            pending_question=data.get("pending_question"),
            found=data.get("found"),
            pair=list(data.get("pair", [])),
            doubted=list(data.get("doubted", [])),
            confirm=data.get("confirm"),
            nudges=[list(v) for v in data.get("nudges", [])],
            answers=[(str(f), float(s)) for f, s in data.get("answers", [])],
            paged=[int(i) for i in data.get("paged", [])],
            misreads=int(data.get("misreads", 0)),
        )

    def to_messages(self) -> list[tuple[str, str]]:
        """(role, text) pairs for a chat prompt; images appear as a note with their caption."""
        out: list[tuple[str, str]] = []
        refs = iter(self.references)
        for t in self.search_turns:
            text = t.text
            if t.images:
                captions = [next(refs, None) for _ in range(t.images)]
                text += "".join(f" [uploaded a photo: {r.caption}]" for r in captions if r)
            if t.action:
                text += f" [clicked '{t.action}' on result {t.item_id}]"
            out.append(("human" if t.role == "user" else "ai", text.strip()))
        return out
