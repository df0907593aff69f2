"""Saved sessions in process: a new server process (a new provider over the same SQLite file) continues a chat by token.

Also: a refused turn keeps the explanation, results and question of the last
good turn (issue 14, item 4), and the user's own text is shown as text.
"""

from __future__ import annotations

import re

from agents.config import AgentConfig
from agents.session_store import SessionStore
from agents.turns import Turn
from app import handlers
from app.handlers import AssistantProvider


def _provider(assistant, db) -> AssistantProvider:
    """What a freshly started server has: the shared assistant, no sessions in memory, the store on disk."""
    p = AssistantProvider(lambda progress=None: assistant, AgentConfig(results=8))
    p.store = SessionStore(db)
    return p


def test_chat_continues_after_restart_with_the_same_beliefs(assistant, tmp_path):
    db = tmp_path / "sessions.sqlite3"
    before = _provider(assistant, db)
    st, view = handlers.start(before, None)
    token = view.reply["token"]
    assert token and len(token) == 32
    st, view = handlers.send(before, st, "a red dress")
    st, view = handlers.send(before, st, "with stripes")
    known, shown = dict(st.session.state.known()), [r.id for r in st.results]
    history, question, explanation = list(st.history), st.question, list(view.reply["explanation"])
    assert known and explanation

    after = _provider(assistant, db)  # the process restarted: nothing in memory
    restored, view = handlers.start(after, None, token=token)  # the page reloads with its BrowserState token
    assert restored is not st and restored.session.id == st.session.id and restored.token == token
    assert restored.session.state.known() == known
    assert [r.id for r in restored.results] == shown and restored.history == history
    assert restored.question == question and view.reply["explanation"] == explanation
    restored, view = handlers.send(after, restored, "in blue")
    assert view.reply["error"] is None and restored.session.state.known().get("colour") == "blue"
    assert {k: v for k, v in known.items() if k != "colour"}.items() <= restored.session.state.known().items()


def test_api_client_continues_by_token_in_a_new_process(assistant, tmp_path):
    db = tmp_path / "sessions.sqlite3"
    first = _provider(assistant, db)
    _, view = handlers.send(first, None, "a red dress")
    token, sid = view.reply["token"], view.reply["session"]
    second = _provider(assistant, db)
    st, view = handlers.send(second, None, "now with long sleeves", token=token)  # a different client, same token
    assert view.reply["session"] == sid and view.reply["token"] == token and view.reply["error"] is None
    assert st.session.state.known().get("colour") == "red"


def test_a_token_opens_only_its_own_session(assistant, tmp_path):
    p = _provider(assistant, tmp_path / "sessions.sqlite3")
    a, va = handlers.send(p, None, "a red dress")
    b, vb = handlers.send(p, None, "a green coat")
    assert va.reply["token"] != vb.reply["token"] and va.reply["session"] != vb.reply["session"]
    b2, v = handlers.send(p, a, "something else", token=vb.reply["token"])  # tab A's state, B's token: B's session
    assert v.reply["session"] == vb.reply["session"]
    assert b2 is b  # one process shares one state per token (one turn lock, no diverging copies)
    forged = "A" * 32
    st, v = handlers.send(p, None, "hello", token=forged)
    assert st is None and v.reply["error"] == "expired" and "Unknown or expired session token" in v.reply["message"]
    assert p.store.load(forged) is None  # an unknown token is never created by using it


def test_reset_keeps_the_token_and_forgets_the_dialogue(assistant, tmp_path):
    p = _provider(assistant, tmp_path / "sessions.sqlite3")
    st, view = handlers.send(p, None, "a red dress")
    token = view.reply["token"]
    st, view = handlers.reset(p, st)
    assert view.reply["token"] == token and not st.session.state.known()
    st2, view = handlers.reset(p, None, token="B" * 32)  # an unknown token is not adopted
    assert view.reply["token"] != "B" * 32


def test_refused_turn_keeps_explanation_results_and_question(assistant):
    s = assistant.new_session()
    s.reset()
    good = s.step(Turn(text="a red dress"))
    assert good.explanation and good.error is None
    bad = s.step(Turn(text="   "))
    assert bad.error and bad.explanation == good.explanation and bad.query == good.query
    assert bad.question == good.question and [r.id for r in bad.results] == [r.id for r in good.results]


def test_refusal_in_the_app_keeps_the_why_panel(assistant, tmp_path, uploads):
    p = _provider(assistant, tmp_path / "sessions.sqlite3")
    st, good = handlers.send(p, None, "a red dress")
    st, bad = handlers.send(p, st, "like this", [str(uploads / "corrupt.jpg")])
    assert bad.reply["error"] and bad.reply["explanation"] == good.reply["explanation"]
    assert bad.why == good.why and bad.question == good.question
    assert ". Your search is unchanged." in bad.history[-1]["content"]  # a full stop before it (issue 14, item 7)


def test_user_text_is_escaped_in_the_chat(assistant, tmp_path):
    p = _provider(assistant, tmp_path / "sessions.sqlite3")
    text = "![x](http://evil.example/a.png) <img src=http://evil.example/b.png> **bold**"
    st, view = handlers.send(p, None, text)
    shown = view.history[-2]["content"]
    assert view.history[-2]["role"] == "user"
    assert re.search(r"(?<!\\)[!\[\]()<>*]", shown) is None, shown  # no markup character left unescaped
    assert shown.replace("\\", "") == text  # the same words, every markup character escaped
