"""The same hostile inputs through the HTTP API (gradio_client against a launched ``chatlens run``)."""

from __future__ import annotations

import pytest
from gradio_client import Client, handle_file

from tests.reliability.hostile import CASES, CONTRADICTION, NORMAL, UPLOADS, Case, safe_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def clients(live):
    """One client for the upload cases and one for the message cases: each conversation goes on throughout."""
    out = {"upload": Client(live.url, verbose=False), "message": Client(live.url, verbose=False)}
    for c in out.values():
        first = c.predict("a long dress", [], "", api_name="/send")
        assert first["error"] is None, first
    return out


def _send(client: Client, text: str, files=(), answer_to: str = "") -> dict:
    return client.predict(text, [handle_file(str(f)) for f in files], answer_to, api_name="/send")


def _check_reply(reply: dict, live, refused: bool, expect: str = "", name: str = "") -> None:
    texts = [reply["message"], reply["error"] or "", reply["query"], *reply["explanation"]]
    for t in texts:
        assert not safe_text(t), (name, t[:300], safe_text(t))
        assert str(live.home) not in t and str(live.gradio_tmp) not in t, (name, t)  # no server paths
    if refused:
        assert reply["error"], (name, reply["message"][:300])
        assert expect in reply["message"].lower(), (name, reply["message"])
    else:
        assert reply["error"] is None, (name, reply["error"])
        assert reply["results"], name
    assert all(set(r) == {"id", "score", "similarity", "caption", "facets"} for r in reply["results"])


def _assert_no_traceback(live, since: int) -> None:
    new = live.text(since)
    assert "Traceback" not in new, new[-3000:]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_case_over_http(live, clients, uploads, case: Case):
    client = clients["upload" if case in UPLOADS else "message"]
    since = len(live.log)
    reply = _send(client, case.text, [uploads / f for f in case.files])
    _check_reply(reply, live, case.refused, case.expect, case.name)
    after = _send(client, NORMAL)
    _check_reply(after, live, refused=False, name=case.name)
    assert "blue" in after["query"] and after["session"] == reply["session"]
    _assert_no_traceback(live, since)


def test_nonsense_actions_over_http(live, uploads):
    client = Client(live.url, verbose=False)
    since = len(live.log)
    first = _send(client, "a red dress")
    old = [r["id"] for r in first["results"]]
    for action, item in (("like", 99_999_999), ("like", -1), ("found", 10**15), ("delete", old[0]),
                         ("", old[0]), ("like", None), ("reject; rm -rf /", old[0])):
        reply = client.predict(action, item, api_name="/act")
        _check_reply(reply, live, refused=True, name=f"{action} {item}")
        assert not reply["done"]
    fresh = client.predict(api_name="/reset")
    stale = next((i for i in old if i not in {r["id"] for r in fresh["results"]}), None)
    if stale is not None:  # acting on a reset session with an id it no longer shows
        reply = client.predict("found", stale, api_name="/act")
        _check_reply(reply, live, refused=True, name="stale id after reset")
        assert not reply["done"]
    for answer_to, text in (("colour", "red"), ("no-such-facet", "blue"), ("../../etc/passwd", "green")):
        reply = _send(client, text, answer_to=answer_to)  # answering a question that was never asked
        _check_reply(reply, live, refused=False, name=f"answer_to={answer_to}")
    reply = client.predict("like", fresh["results"][0]["id"] if stale is None else reply["results"][0]["id"],
                           api_name="/act")
    _check_reply(reply, live, refused=False, name="a real action still works")
    _assert_no_traceback(live, since)


def test_contradiction_over_http(live):
    client = Client(live.url, verbose=False)
    reply = _send(client, CONTRADICTION)
    _check_reply(reply, live, refused=False, name="contradiction")
    assert not ("colour: red" in reply["explanation"] and any(e.startswith("not") and "red" in e
                                                             for e in reply["explanation"])), reply["explanation"]
