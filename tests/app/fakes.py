"""A fake Assistant/Session with the real API, for testing the UI without models.

Rankings are deterministic: items are coloured squares, the words of the
dialogue pick the colour, rejected items disappear. The fake records every
``Turn`` it receives so tests can check what the UI sent.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PIL import Image

from agents.config import AgentConfig
from agents.turns import Question, Reply, Turn
from retrieval.config import RetrievalConfig
from retrieval.query import Result

COLOURS = {"red": (200, 30, 30), "blue": (30, 60, 200), "green": (30, 160, 60), "black": (10, 10, 10)}
KINDS = ("dress", "shirt", "hat", "bag", "coat")
QUESTIONS = [
    Question("colour", "Which colour are you after?", ["red", "blue", "green", "black", "doesn't matter"]),
    Question("category", "What kind of item is it?", [*KINDS, "doesn't matter"]),
]
_ids = itertools.count(1)


class FakeSession:
    def __init__(self, assistant: FakeAssistant):
        self.id = f"fake-{next(_ids)}"
        self.assistant = assistant
        self.turns: list[Turn] = []
        self.reset()

    def reset(self) -> Reply:
        self.words: list[str] = []
        self.known: dict[str, str] = {}
        self.rejected: set[int] = set()
        self.references = 0
        return Reply("Hi! Tell me what you're looking for.", self._rank(), self._question(), "", [])

    def _question(self) -> Question | None:
        return next((q for q in QUESTIONS if q.facet not in self.known), None)

    def _rank(self) -> list[Result]:
        items = [r for r in self.assistant.items if r.id not in self.rejected]
        wanted = self.known.get("colour") or next((w for w in self.words if w in COLOURS), None)
        ranked = [replace(r, score=r.similarity + (1.0 if r.facets["colour"] == wanted else 0.0)) for r in items]
        ranked.sort(key=lambda r: -r.score)
        return ranked[: self.assistant.agents.results]

    def step(self, turn: Turn) -> Reply:
        self.turns.append(turn)
        if turn.text == "boom":
            raise RuntimeError("internal detail: /secret/path/model.bin")
        if len(turn.text) > self.assistant.agents.max_message_chars:
            return Reply("", error="That message is too long; please keep it under 2000 characters.")
        if turn.action == "found":
            return Reply("Great, glad you found it!", self._rank(), None, " ".join(self.words), [], done=True)
        if turn.action == "reject" and turn.item_id is not None:
            self.rejected.add(turn.item_id)
        if turn.action == "like" and turn.item_id is not None:
            self.references += 1
        if turn.answer_to:
            self.known[turn.answer_to] = turn.text
        self.references += len(turn.images)
        self.words += turn.text.lower().split()
        explanation = [f"{k}: {v}" for k, v in self.known.items()] + [f"not: #{i}" for i in sorted(self.rejected)]
        if self.references:
            explanation.append(f"references: {self.references}")
        query = " ".join(self.words) or "(reference only)"
        return Reply(f"Here is what I found for {query!r}.", self._rank(), self._question(), query, explanation)

    def to_dict(self) -> dict:
        return {"id": self.id, "words": self.words, "known": self.known, "rejected": sorted(self.rejected)}


class FakeAssistant:
    def __init__(self, root: Path, agents: AgentConfig | None = None, n: int = 20):
        self.agents = agents or AgentConfig()
        self.sessions: list[FakeSession] = []
        root.mkdir(parents=True, exist_ok=True)
        names = list(COLOURS)
        self.items = []
        for i in range(n):
            colour, kind = names[i % len(names)], KINDS[i % len(KINDS)]
            path = root / f"item_{i}.png"
            if not path.exists():
                Image.new("RGB", (48, 48), COLOURS[colour]).save(path)
            self.items.append(Result(i, 1.0 - i / 100, 1.0 - i / 100, str(path), str(path), f"a {colour} {kind}",
                                     {"colour": colour, "category": kind}))

    @classmethod
    def build(cls, retrieval: RetrievalConfig, agents: AgentConfig,
              progress: Callable[[float, str], None] | None = None) -> FakeAssistant:
        if progress:
            progress(0.0, "rendering")
            progress(1.0, "ready")
        return cls(Path(retrieval.data_dir) / "fake_gallery", agents)

    def new_session(self) -> FakeSession:
        s = FakeSession(self)
        self.sessions.append(s)
        return s

    def restore_session(self, data: dict) -> FakeSession:
        s = self.new_session()
        s.id, s.words, s.known, s.rejected = data["id"], list(data["words"]), dict(data["known"]), set(data["rejected"])
        return s


def fake_factory(root: Path, agents: AgentConfig | None = None) -> Callable:
    """``progress -> FakeAssistant`` as ``build_ui`` expects."""
    return lambda progress=None: FakeAssistant.build(RetrievalConfig(data_dir=root), agents or AgentConfig(), progress)
