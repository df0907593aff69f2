"""What the page shows after an event (``View``), rendered from a ``ChatState``, and the API's JSON payload."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agents.turns import Reply
from app.chat_state import ChatState

EXPIRED = "This search session has expired (the server was restarted). Please press **New search** to start again."


@dataclass
class Detail:
    """The selected result as the viewer shows it: larger, with its whole caption and every facet value."""

    id: int
    image: str  # the full-size image (the gallery shows the thumbnail)
    caption: str
    facets: dict[str, str]
    score: float


@dataclass
class View:
    """Everything the page shows after an event."""

    history: list[dict]
    gallery: list[tuple[str, str]]  # (thumbnail path, caption)
    answers: list[str]  # quick-answer labels for the current question
    question: str  # the current question, shown above the quick answers
    why: str  # markdown: composed query and applied constraints
    selection: str  # markdown: what is selected and what the buttons will do
    can_act: bool  # whether the result-action buttons are enabled
    reply: dict  # the API payload (ids and scores, no server paths)
    detail: Detail | None = None  # the selected result, opened in the viewer


def reply_payload(reply: Reply | None, session_id: str | None, token: str | None = None,
                  expired: str = EXPIRED) -> dict[str, Any]:
    """JSON for API clients: ids, scores, captions, the question, the session token; never server file paths."""
    if reply is None:
        return {"session": session_id, "token": token, "message": expired, "results": [], "question": None,
                "quick_answers": [], "query": "", "explanation": [], "done": False, "error": "expired"}
    return {
        "session": session_id,
        "token": token,
        "message": reply.message,
        "results": [
            {"id": r.id, "score": round(float(r.score), 6), "similarity": round(float(r.similarity), 6),
             "caption": r.caption, "facets": dict(r.facets)}
            for r in reply.results
        ],
        "question": {"facet": reply.question.facet, "text": reply.question.text, "options": list(reply.question.options)}
        if reply.question else None,
        "quick_answers": list(reply.quick_answers),
        "query": reply.query,
        "explanation": list(reply.explanation),
        "done": reply.done,
        "error": reply.error,
    }


def _why(reply: Reply | None) -> str:
    if reply is None or (not reply.query and not reply.explanation):
        return "_Nothing searched yet._"
    why = f"**Searched for:** {reply.query or '(reference images only)'}\n\n"
    if reply.explanation:
        return why + "**Applied:**\n\n" + "\n".join(f"- {e}" for e in reply.explanation)
    return why + "**Applied:** no constraints yet"


def render(state: ChatState | None, expired: str = EXPIRED) -> View:
    if state is None:
        history = [{"role": "assistant", "content": expired}]
        return View(history, [], [], "", "_Nothing searched yet._", "", False, reply_payload(None, None, None, expired))
    shown = state.results[: max(1, state.show)]
    # numbered as the chat names them: "more like result 3", "which is closer: result 2 or result 7?"
    gallery = [(r.thumbnail or r.path, f"{n}. {r.caption} ({r.score:.2f})") for n, r in enumerate(shown, start=1)]
    selection, can_act = "_Click a result to see it larger, use it as a reference, reject it, or finish._", False
    detail = None
    if state.selected is not None and state.selected < len(shown):
        r = shown[state.selected]
        selection, can_act = f"**Selected:** #{r.id}: {r.caption}", True
        detail = Detail(r.id, r.path or r.thumbnail, r.caption, dict(r.facets), float(r.score))
    q = state.question
    return View(
        history=list(state.history),
        gallery=gallery,
        answers=list(q.options) if q else [],
        question=q.text if q else "",
        why=_why(state.last),
        selection=selection,
        can_act=can_act,
        reply=reply_payload(state.last, state.session.id, state.token),
        detail=detail,
    )
