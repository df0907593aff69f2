"""What crosses the app/agents boundary in one turn: a ``Turn`` in, a ``Reply`` out.

Plain dataclasses with ``to_dict`` so the HTTP API and the benchmark see the
same shapes the UI does.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal, get_args

from PIL import Image

from retrieval.query import Result

Action = Literal["like", "reject", "found"]
ACTIONS: tuple[str, ...] = get_args(Action)
Upload = Image.Image | str | Path | bytes  # an image, or a file (path or bytes) the session decodes and checks


PAIR = "closer"  # the "facet" of a visual question: which of two shown results is closer to the target


@dataclass
class Turn:
    text: str = ""  # what the user typed (may be empty when only an image or an action is sent)
    images: list[Upload] = field(default_factory=list)  # reference photos uploaded this turn, as sent
    action: Action | None = None  # a click on a shown result: "more like this", "not this", "this is it"
    item_id: int | None = None  # the result the action is about
    answer_to: str | None = None  # facet of the question a quick-answer button answers


@dataclass
class Question:
    facet: str  # facet asked about
    text: str  # the question as shown
    options: list[str] = field(default_factory=list)  # quick answers (common values, then "doesn't matter")
    items: list[int] = field(default_factory=list)  # a visual question's results ("which is closer?")

    @classmethod
    def from_dict(cls, d: dict | None) -> Question | None:
        """The inverse of ``dataclasses.asdict`` (saved sessions); None stays None."""
        return cls(d["facet"], d["text"], list(d.get("options", [])), list(d.get("items", []))) if d else None


@dataclass
class Reply:
    message: str  # assistant's chat message
    results: list[Result] = field(default_factory=list)  # ranked, best first
    question: Question | None = None
    query: str = ""  # the composed query text that was searched
    explanation: list[str] = field(default_factory=list)  # what was applied ("colour: red", "not: striped", ...)
    done: bool = False  # the user found the item ("this is it")
    error: str | None = None  # a user-facing problem with this turn (bad upload, empty message, ...)

    @property
    def quick_answers(self) -> list[str]:
        return self.question.options if self.question else []

    def to_dict(self) -> dict:
        d = asdict(self)
        d["quick_answers"] = self.quick_answers
        return d
