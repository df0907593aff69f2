"""What one browser tab or API client holds: its agents' session and what its page shows.

The session protocols say all the app needs from ``agents`` (``Session.step`` is the one way in), so the
Blocks wiring can be checked with a fake session in tests.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol

from agents.turns import Question, Reply, Turn
from retrieval.query import Result


class SessionLike(Protocol):
    id: str

    def step(self, turn: Turn) -> Reply: ...

    def reset(self) -> Reply: ...

    def to_dict(self) -> dict: ...


class AssistantLike(Protocol):
    def new_session(self) -> SessionLike: ...

    def restore_session(self, data: dict) -> SessionLike:
        """A session continued from its ``to_dict()`` (after a reload or a server restart)."""
        ...


@dataclass
class ChatState:
    """One browser session (or one API client): its dialogue and what it currently shows."""

    session: SessionLike
    history: list[dict] = field(default_factory=list)  # chat messages as gr.Chatbot takes them
    results: list[Result] = field(default_factory=list)  # results on screen, best first
    question: Question | None = None  # the question the quick answers answer
    selected: int | None = None  # index into results of the selected thumbnail
    last: Reply | None = None  # last reply (for the API and the "why" panel)
    show: int = 12  # results shown (settings slider)
    token: str | None = None  # the saved session's key (app.sessions); given to the browser and API clients
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
