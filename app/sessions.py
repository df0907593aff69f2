"""A browser tab's or API client's whole chat, saved after every event and restored by its token.

``app.chat_state.ChatState`` becomes a JSON record (the agents' session via
``Session.to_dict``, plus what the page shows: chat history, results, the
open question, the last reply) kept in ``agents.session_store.SessionStore``.
A reload, a reconnect after a server restart, or an API call carrying the
token gets the same dialogue, results and beliefs back.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agents.session_store import new_token
from agents.turns import Question, Reply
from app.chat_state import ChatState
from retrieval.query import Result

if TYPE_CHECKING:
    from app.provider import AssistantProvider

log = logging.getLogger(__name__)
RECORD_VERSION = 1


def _history(history: list[dict]) -> list[dict]:
    """Chat messages, with uploads that no longer exist on disk (cleaned after a restart) shown as text."""
    out = []
    for m in history:
        content = m.get("content")
        if isinstance(content, dict) and content.get("path") and not Path(content["path"]).is_file():
            m = {**m, "content": f"(photo {content.get('alt_text') or ''} no longer on the server)"}
        out.append(m)
    return out


def to_record(state: ChatState) -> dict[str, Any]:
    last = state.last
    return {
        "version": RECORD_VERSION,
        "session": state.session.to_dict(),
        "history": state.history,
        "results": [asdict(r) for r in state.results],
        "question": asdict(state.question) if state.question else None,
        "selected": state.selected,
        "show": state.show,
        "last": None if last is None else {
            "message": last.message, "question": asdict(last.question) if last.question else None,
            "query": last.query, "explanation": list(last.explanation), "done": last.done, "error": last.error},
    }


def from_record(provider: AssistantProvider, record: dict[str, Any], token: str) -> ChatState | None:
    """The state a record describes, or None when the record is of another version."""
    if record.get("version") != RECORD_VERSION:
        return None
    results = [Result(**r) for r in record.get("results", [])]
    state = ChatState(session=provider.get().restore_session(record["session"]), history=_history(record.get("history", [])),
                      results=results, question=Question.from_dict(record.get("question")),
                      selected=record.get("selected"), show=int(record.get("show") or provider.agents.results),
                      token=token)
    if last := record.get("last"):
        state.last = Reply(last["message"], results, Question.from_dict(last.get("question")), last.get("query", ""),
                           list(last.get("explanation", [])), bool(last.get("done")), last.get("error"))
    return state


def restore(provider: AssistantProvider, token: object) -> ChatState | None:
    """The saved chat under ``token``; None when there is none (unknown, expired, malformed) or it cannot be read."""
    store = provider.store
    if store is None:
        return None
    record = store.load(token)
    if record is None:
        return None
    held = provider.live.get(token) if isinstance(token, str) else None
    if held is not None:  # another tab or client of this process holds it
        return held
    try:
        state = from_record(provider, record, str(token))
    except Exception:  # a record from an older version or a changed gallery: start afresh, say so in the log
        log.warning("could not restore a saved session", exc_info=True)
        return None
    if state is not None:
        provider.live[state.token] = state  # type: ignore[index]
    return state


def save(provider: AssistantProvider, state: ChatState | None) -> None:
    """Persist ``state`` under its token (given one on first save). Never raises: the chat goes on without it."""
    store = provider.store
    if store is None or state is None:
        return
    try:
        state.token = state.token or new_token()
        store.save(state.token, to_record(state))
        provider.live[state.token] = state
    except Exception:
        log.warning("could not save session %s", getattr(state.session, "id", "?"), exc_info=True)
