"""The one shared Assistant of a server: built once (under a lock, reporting progress) and handed to every session."""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable

from agents.config import AgentConfig
from agents.session_store import SessionStore
from app.chat_state import AssistantLike, ChatState
from retrieval.config import RetrievalConfig

log = logging.getLogger(__name__)

ProgressFn = Callable[[float, str], None]


class AssistantProvider:
    """Builds the one shared Assistant on first use (or ahead of time) and hands it to every session.

    Building may take minutes on a fresh machine (rendering and indexing the demo
    gallery), so it runs once, under a lock, reporting progress to whoever waits.
    """

    def __init__(self, factory: Callable[[ProgressFn | None], AssistantLike], agents: AgentConfig | None = None):
        self._factory = factory
        self._assistant: AssistantLike | None = None
        self._lock = threading.Lock()
        self._listeners: list[ProgressFn] = []  # everyone waiting for the build sees its progress
        self._last: tuple[float, str] | None = None
        self.agents = agents or AgentConfig()  # results shown, and how many uploads a turn echoes (the session checks them)
        self.store: SessionStore | None = None  # saved sessions by token (None: sessions live in memory only)
        self.live: weakref.WeakValueDictionary[str, ChatState] = weakref.WeakValueDictionary()  # token -> the
        # state a tab or client holds now, so every client of one token shares one state (and its turn lock)

    @property
    def ready(self) -> bool:
        return self._assistant is not None

    def _report(self, frac: float, message: str) -> None:
        self._last = (frac, message)
        for listener in list(self._listeners):
            try:
                listener(frac, message)
            except Exception:  # a closed browser tab must not break the build
                log.debug("progress listener failed", exc_info=True)

    def get(self, progress: ProgressFn | None = None) -> AssistantLike:
        if self._assistant is not None:
            return self._assistant
        if progress is not None:
            self._listeners.append(progress)
            if self._last is not None:
                progress(*self._last)
        try:
            with self._lock:
                if self._assistant is None:
                    self._assistant = self._factory(self._report)
        finally:
            if progress is not None:
                self._listeners.remove(progress)
        return self._assistant

    def warm_in_background(self, progress: ProgressFn | None = None) -> threading.Thread:
        """Start building now, so imports and the UI overlap the build and the first visitor waits less."""

        def run() -> None:
            try:
                self.get(progress)
            except Exception:  # the next get() retries and reports it (CLI: exits with the message)
                log.debug("building the assistant failed", exc_info=True)

        t = threading.Thread(target=run, name="chatlens-warmup", daemon=True)
        t.start()
        return t


def assistant_factory(retrieval: RetrievalConfig, agents: AgentConfig) -> Callable[[ProgressFn | None], AssistantLike]:
    """``progress -> Assistant`` for a configuration; agents.session is imported only when building."""

    def build(progress: ProgressFn | None = None) -> AssistantLike:
        from agents.session import Assistant

        return Assistant.build(retrieval, agents, progress=progress)

    return build
