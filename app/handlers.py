"""What the UI and the API do on each event, as plain functions with no Gradio in them.

Each handler takes the per-session ``ChatState`` (kept by ``gr.State``, never a
module global) and returns the new state plus a ``View``: everything the page
shows. ``app.ui`` only maps a ``View`` onto components, so these functions are
tested directly over a real session (tests/app/test_handlers.py). No exception leaves a handler: user
mistakes come back as a chat message, anything else is logged and replaced by
a generic apology.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from agents.turns import Reply, Turn
from app import sessions
from app.chat_state import ChatState
from app.errors import UserFacingError
from app.provider import AssistantProvider, ProgressFn
from app.view import EXPIRED, View, render

log = logging.getLogger(__name__)

ACTIONS = {"like": "More like this", "reject": "Not this", "found": "This is it"}
UNKNOWN_TOKEN = ("Unknown or expired session token: nothing was changed. Send without a token (or call /reset) to "
                 "start a new session.")
GENERIC_ERROR = "Sorry, something went wrong on my side. Your search is unchanged: try again, or start a new search."
BUSY = "I'm still working on your previous message; please send this again in a moment."


def _apply(state: ChatState, reply: Reply) -> None:
    """Fold a reply into the state: chat message, results, question."""
    text = reply.error or reply.message
    if reply.question and reply.question.text and reply.question.text not in text and not reply.error:
        text = f"{text}\n\n{reply.question.text}" if text else reply.question.text
    if text:
        state.history.append({"role": "assistant", "content": text})
    if not reply.error or not state.results:  # a refusal leaves the results on screen (and the selection) as they are
        state.results = list(reply.results)
        state.selected = None
    if not reply.error or reply.question:
        state.question = reply.question
    if reply.error and state.last is not None:  # a refusal: what is shown and explained did not change
        reply = replace(reply, results=state.results or reply.results, question=reply.question or state.question,
                        query=reply.query or state.last.query, explanation=reply.explanation or state.last.explanation)
    state.last = reply


def _say(state: ChatState, message: str) -> None:
    """An app-level problem (bad upload, nothing selected...): shown in the chat and returned to API clients."""
    state.history.append({"role": "assistant", "content": message})
    prev = state.last or Reply("")
    state.last = Reply(message, state.results, state.question, prev.query, prev.explanation, error=message)


_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&$:\"'=/])")


def as_text(text: str) -> str:
    """The user's own words for the chat bubble, shown literally: every Markdown/HTML character is escaped.

    gr.Chatbot renders Markdown (and sanitised HTML) for every message; the
    assistant's messages need it, the user's must never become an image,
    link or tag the browser would fetch or run.
    """
    return _MARKUP.sub(r"\\\1", text)


def new_state(provider: AssistantProvider, progress: ProgressFn | None = None, show: int | None = None) -> ChatState:
    """A fresh session with the assistant's greeting."""
    session = provider.get(progress).new_session()
    state = ChatState(session=session, show=show or provider.agents.results)
    _apply(state, session.reset())
    return state


def _run(state: ChatState, turn: Turn) -> None:
    """One dialogue step, serialised per session, never raising."""
    if not state.lock.acquire(timeout=120):
        _say(state, BUSY)
        return
    try:
        _apply(state, state.session.step(turn))
    except UserFacingError as e:
        _say(state, str(e))
    except Exception:
        log.exception("turn failed in session %s", getattr(state.session, "id", "?"))
        _say(state, GENERIC_ERROR)
    finally:
        state.lock.release()


def _ensure(provider: AssistantProvider, state: ChatState | None, had_history: bool,
            progress: ProgressFn | None, token: str | None = None) -> ChatState | None:
    """The session for this event: the one ``token`` names (restored if this process does not hold it),
    the existing one, a new one, or None when it is lost (unknown token, or a dialogue the server forgot)."""
    if token and (state is None or state.token != token):
        provider.get(progress)
        return sessions.restore(provider, token)
    if state is not None:
        return state
    if had_history:  # the page shows a dialogue this server does not know and has no saved copy of
        return None
    return new_state(provider, progress)


def _file_paths(files: Sequence[Any] | None) -> list[str]:
    out = []
    for f in files or []:
        path = f if isinstance(f, str) else getattr(f, "path", None) or (f.get("path") if isinstance(f, dict) else None)
        if path:
            out.append(str(path))
    return out


def _saved(provider: AssistantProvider, state: ChatState) -> tuple[ChatState, View]:
    """Every event ends here: the state is saved under its token, then rendered."""
    sessions.save(provider, state)
    return state, render(state)


def start(provider: AssistantProvider, state: ChatState | None, progress: ProgressFn | None = None,
          token: str | None = None) -> tuple[ChatState | None, View]:
    """Page load: the saved chat ``token`` names (after a reload or restart), else a greeting and first suggestions."""
    try:  # a page that already holds its state keeps it; otherwise the token's saved chat, or a new one
        state = _ensure(provider, state, False, progress, token if state is None else None) or new_state(provider, progress)
    except Exception as e:
        return _start_failed(e)
    return _saved(provider, state)


def _start_failed(e: Exception) -> tuple[None, View]:
    """The assistant could not be built: say why if it is safe (e.g. missing weights), else apologise."""
    if isinstance(e, UserFacingError):
        log.warning("could not start a session: %s", e)
        return None, _failed_view(f"The search engine is not available: {e}")
    log.error("could not start a session", exc_info=e)
    return None, _failed_view(GENERIC_ERROR)


def _failed_view(message: str) -> View:
    v = render(None)
    v.history = [{"role": "assistant", "content": message}]
    v.reply["message"], v.reply["error"] = message, "unavailable"
    return v


def _open(provider: AssistantProvider, state: ChatState | None, had_history: bool,
          progress: ProgressFn | None, token: str | None = None
          ) -> tuple[ChatState | None, tuple[ChatState | None, View] | None]:
    """The session a turn runs in, or the reply to give instead (start-up failed, or the session expired)."""
    try:
        state = _ensure(provider, state, had_history, progress, token)
    except Exception as e:
        return None, _start_failed(e)
    if state is None:
        return None, (None, render(None, UNKNOWN_TOKEN if token and not had_history else EXPIRED))
    return state, None


def refuse(provider: AssistantProvider, state: ChatState | None, message: str, token: str | None = None,
           progress: ProgressFn | None = None) -> tuple[ChatState | None, View]:
    """A request the API adapter declined (a bad value): said in the session it names, which is otherwise unchanged."""
    state, early = _open(provider, state, False, progress, token)
    if early is not None:
        return early
    _say(state, message)
    return _saved(provider, state)


def send(provider: AssistantProvider, state: ChatState | None, text: str | None, files: Sequence[Any] | None = None,
         answer_to: str | None = None, had_history: bool = False,
         progress: ProgressFn | None = None, token: str | None = None,
         open_result: bool = False, looking_at: int | None = None) -> tuple[ChatState | None, View]:
    """A typed message, optionally with reference photos (or a quick answer when ``answer_to`` is set);
    ``open_result`` (the page's chat box): the result open in the viewer is what "this" names; ``looking_at``
    (an API client): the id of a shown result that "this" names."""
    state, early = _open(provider, state, had_history, progress, token)
    if early is not None:
        return early
    text = (text or "").strip()
    paths = _file_paths(files)
    if text:
        shown = text if len(text) <= 500 else text[:500] + "…"
        state.history.append({"role": "user", "content": as_text(shown)})
    for p in paths[: provider.agents.max_images_per_turn]:
        state.history.append({"role": "user", "content": {"path": p, "alt_text": Path(p).name}})
    selected = state.selected if open_result else None
    open_id = state.results[selected].id if selected is not None and selected < len(state.results) else looking_at
    _run(state, Turn(text=text, images=list(paths), answer_to=answer_to or None, looking_at=open_id))
    return _saved(provider, state)


def answer(provider: AssistantProvider, state: ChatState | None, option: str, had_history: bool = False,
           progress: ProgressFn | None = None, token: str | None = None) -> tuple[ChatState | None, View]:
    """A quick-answer button: answers the current question with one of its options."""
    if state is None and token and had_history:  # the server restarted under this tab: continue the saved chat
        state = _ensure(provider, None, had_history, progress, token)
    facet = state.question.facet if state is not None and state.question else None
    return send(provider, state, option, None, answer_to=facet, had_history=had_history, progress=progress)


def select(state: ChatState | None, index: int | None) -> tuple[ChatState | None, View]:
    """A click on a result thumbnail: remember it so the action buttons apply to it."""
    if state is None:
        return None, render(None)
    if index is not None and 0 <= index < min(len(state.results), state.show):
        state.selected = index
    return state, render(state)  # not saved: a selection is not part of the dialogue


def deselect(state: ChatState | None) -> tuple[ChatState | None, View]:
    """Closing the result viewer: nothing is selected, so the actions wait for the next click."""
    if state is None:
        return None, render(None)
    state.selected = None
    return state, render(state)


def act(provider: AssistantProvider, state: ChatState | None, action: str, item_id: int | None = None,
        had_history: bool = False, progress: ProgressFn | None = None,
        token: str | None = None) -> tuple[ChatState | None, View]:
    """"More like this" / "not this" / "this is it" on a result: the selected one, or ``item_id`` (API)."""
    state, early = _open(provider, state, had_history, progress, token)
    if early is not None:
        return early
    if action in ACTIONS:  # the selection is view state: the app resolves it; the session checks the rest
        if item_id is None and state.selected is not None and state.selected < len(state.results):
            item_id = state.results[state.selected].id
        if item_id is None:
            _say(state, "Click a result first, then choose what to do with it.")
            return _saved(provider, state)
        item_id = int(item_id)
        caption = next((r.caption for r in state.results if r.id == item_id), f"#{item_id}")
        state.history.append({"role": "user", "content": f"{ACTIONS[action]}: {as_text(caption)}"})
    _run(state, Turn(action=action, item_id=item_id))  # type: ignore[arg-type]
    return _saved(provider, state)


def reset(provider: AssistantProvider, state: ChatState | None,
          progress: ProgressFn | None = None, token: str | None = None) -> tuple[ChatState | None, View]:
    """"New search": a fresh dialogue (also the way out of an expired one).

    It keeps the token of the session it replaces (the browser's or the one given), so a client
    holding a token goes on using it; an unknown token gets a new one (clients never choose tokens).
    """
    show = state.show if state is not None else None
    keep = state.token if state is not None else None
    if token and token != keep and provider.store is not None and provider.store.load(token) is not None:
        keep = token
    try:
        state = new_state(provider, progress, show)
    except Exception as e:
        return _start_failed(e)
    state.token = keep
    return _saved(provider, state)


def set_show(state: ChatState | None, n: int) -> tuple[ChatState | None, View]:
    """The settings slider: how many results this session shows."""
    if state is None:
        return None, render(None)
    state.show = max(1, int(n))
    if state.selected is not None and state.selected >= state.show:
        state.selected = None
    return state, render(state)  # a display setting: saved with the next turn
