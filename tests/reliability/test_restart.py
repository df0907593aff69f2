"""The server crashes (SIGKILL) mid-conversation and comes back; an LLM-configured server hides its key.

This server is started with ``--llm`` pointing at a closed local port and a
fake key in ``OPENAI_API_KEY``: every turn must fall back to the offline
engine, say so, and the key must never appear in its log, page or replies.
The browser is emulated at the protocol level (queue/join + SSE, exactly
what the page sends), so the UI's "please start a new search" path is
exercised without Chromium.
"""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from gradio_client import Client

from tests.reliability.hostile import safe_text
from tests.reliability.servers import FAKE_KEY, Server, chat_text, endpoints, free_port, queue_call

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def llm_server(rel_home, assistant):  # the in-process assistant has built the shared gallery already
    closed = free_port()  # nothing listens there: every LLM call fails at once
    server = Server(rel_home, args=["--llm", f"openai:gpt-test@http://127.0.0.1:{closed}/v1"]).start()
    yield server
    server.stop()


def _ui_send(url: str, fns: dict, session_hash: str, text: str, history: list,
             token: str | None = None) -> tuple[dict, list]:
    """The page's submit: state, message box, chat history and the BrowserState token, as the browser sends them."""
    msg = queue_call(url, fns["on_submit"], [None, {"text": text, "files": []}, history, token], session_hash)
    assert msg.get("success"), msg
    history = msg["output"]["data"][1]
    return msg, history


def test_llm_failure_is_explained_and_the_key_never_shows(llm_server):
    client = Client(llm_server.url, verbose=False)
    reply = client.predict("a red dress", [], "", api_name="/send")
    assert reply["error"] is None and reply["results"], reply["message"]
    assert "language model unavailable" in reply["explanation"][0], reply["explanation"]
    assert "colour: red" in reply["explanation"]
    page = httpx.get(llm_server.url, timeout=30).text + httpx.get(llm_server.url + "config", timeout=30).text
    for where, text in (("reply", json.dumps(reply)), ("page", page), ("log", llm_server.text())):
        assert FAKE_KEY not in text and FAKE_KEY[-12:] not in text, where


def test_restart_mid_conversation(llm_server):
    url = llm_server.url
    fns = endpoints(url)
    client = Client(url, verbose=False)
    before = client.predict("a red dress", [], "", api_name="/send")
    assert before["error"] is None and before["token"]
    page = uuid.uuid4().hex[:11]  # one browser tab
    _, history = _ui_send(url, fns, page, "a green coat", [])
    assert len(history) >= 2 and "expired" not in chat_text(history)[-1]
    loaded = queue_call(url, fns["on_load"], [None, None], page)  # what the page's BrowserState holds
    tab_token = loaded["output"]["data"][-1]
    other = uuid.uuid4().hex[:11]  # a second tab that never had a token (e.g. storage disabled)
    _, other_history = _ui_send(url, fns, other, "a black bag", [])

    llm_server.restart(kill=True)
    since = len(llm_server.log)

    after = client.predict("now with long sleeves", [], "", before["token"], api_name="/send")  # the client passes its token
    assert after["error"] is None and after["results"] and not safe_text(after["message"])
    assert after["session"] == before["session"] and after["token"] == before["token"]
    assert "colour: red" in after["explanation"], after["explanation"]  # the same beliefs, continued
    fresh = Client(url, verbose=False).predict("a blue shirt", [], "", api_name="/send")  # no token: a new session
    assert fresh["session"] != before["session"] and fresh["token"] != before["token"]

    msg, restored = _ui_send(url, fns, page, "now in blue", history, tab_token)  # the tab reconnects with its token
    assert "expired" not in chat_text(restored)[-1] and "blue" in chat_text(restored)[-1].lower()
    assert chat_text(restored)[: len(history)] == chat_text(history)  # the whole dialogue is still there
    reloaded = queue_call(url, fns["on_load"], [None, tab_token], uuid.uuid4().hex[:11])  # a reload: same chat back
    assert chat_text(reloaded["output"]["data"][1]) == chat_text(restored)

    msg, lost = _ui_send(url, fns, other, "now in blue", other_history)  # no token: the server cannot know it
    last = chat_text(lost)[-1]
    assert "New search" in last and "expired" in last, last
    assert not safe_text(last)
    reset = queue_call(url, fns["on_reset"], [None, None], other)
    assert reset.get("success"), reset
    _, lost = _ui_send(url, fns, other, "a blue shirt", reset["output"]["data"][1])
    assert "expired" not in chat_text(lost)[-1] and "blue" in chat_text(lost)[-1].lower()
    log = llm_server.text(since)
    assert "Traceback" not in log and FAKE_KEY not in log, log[-3000:]
