"""The same hostile inputs through the HTTP API (gradio_client against a launched ``chatlens run``)."""

from __future__ import annotations

import json
import math

import httpx
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from tests.reliability.hostile import CASES, CONTRADICTION, NORMAL, UPLOADS, Case, safe_text
from tests.reliability.servers import endpoints

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
    wanted = "colour: red" in reply["explanation"]
    ruled_out = any(e.startswith("not red") for e in reply["explanation"])
    assert wanted != ruled_out, reply["explanation"]  # red is wanted or ruled out (one belief kept), never both


# Values of the wrong type or range, sent straight to the named endpoints: each is refused with a message naming the
# field (app.api, before any handler), the session is unchanged and goes on. (endpoint, args, field named)
BAD_VALUES = {
    "item_id_numeric_string": ("/act", ("like", "5"), "item_id"),
    "item_id_word": ("/act", ("like", "first"), "item_id"),
    "item_id_list": ("/act", ("like", [1, 2]), "item_id"),
    "item_id_object": ("/act", ("like", {"id": 1}), "item_id"),
    "item_id_nan": ("/act", ("like", math.nan), "item_id"),
    "item_id_infinity": ("/act", ("like", math.inf), "item_id"),
    "item_id_minus_infinity": ("/act", ("like", -math.inf), "item_id"),
    "item_id_1e400": ("/act", ("like", "<1e400>"), "item_id"),  # the literal JSON number 1e400
    "item_id_fraction": ("/act", ("like", 3.5), "item_id"),
    "item_id_negative": ("/act", ("like", -7), "item_id"),
    "item_id_beyond_int64": ("/act", ("like", 2**70), "item_id"),
    "item_id_boolean": ("/act", ("like", True), "item_id"),
    "action_number": ("/act", (3, 1), "action"),
    "action_list": ("/act", (["like"], 1), "action"),
    "action_overlong": ("/act", ("like" * 100, 1), "action"),
    "message_list": ("/send", (["a red dress"], [], ""), "message"),
    "message_number": ("/send", (42, [], ""), "message"),
    "message_object": ("/send", ({"text": "red"}, [], ""), "message"),
    "answer_to_list": ("/send", ("red", [], ["colour"]), "answer_to"),
    "answer_to_overlong": ("/send", ("red", [], "colour" * 50), "answer_to"),
    "token_number": ("/send", ("red", [], "", 12345), "token"),
    "token_malformed": ("/send", ("red", [], "", "'; DROP TABLE sessions; --"), "token"),
    "token_on_reset_malformed": ("/reset", ("../../etc/passwd",), "token"),
    "token_on_act_list": ("/act", ("like", 1, ["x"]), "token"),
    "looking_at_word": ("/send", ("not this one", [], "", "", "the second"), "looking_at"),
    "looking_at_nan": ("/send", ("like this but in red", [], "", "", math.nan), "looking_at"),
    "looking_at_negative": ("/send", ("that's it", [], "", "", -1), "looking_at"),
}


def _predict_raw(live, client: Client, endpoint: str, args: tuple) -> dict:
    """``client.predict`` as raw JSON, so NaN, Infinity and 1e400 (which gradio_client cannot encode) reach the server.

    The call joins the client's own session (its session_hash), exactly as gradio_client would.
    """
    defaults = {"/send": ["", [], "", "", None], "/act": ["", "", ""], "/reset": [""]}[endpoint]
    data = [*args, *defaults[len(args):], None]  # missing trailing params take their default; then the state
    body = json.dumps({"data": data, "fn_index": endpoints(live.url)[endpoint.strip("/")],
                       "session_hash": client.session_hash, "event_data": None, "trigger_id": None})
    body = body.replace('"<1e400>"', "1e400")
    r = httpx.post(live.url + "gradio_api/queue/join", content=body, headers={"content-type": "application/json"},
                   timeout=60)
    assert r.status_code == 200, r.text
    with httpx.stream("GET", live.url + "gradio_api/queue/data", params={"session_hash": client.session_hash},
                      timeout=60) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                msg = json.loads(line[5:])
                if msg.get("msg") == "process_completed":
                    assert msg.get("success"), msg
                    return msg["output"]["data"][0]
    raise AssertionError("no reply")


@pytest.fixture(scope="module")
def value_client(live):
    client = Client(live.url, verbose=False)
    first = _send(client, "a long dress")
    assert first["error"] is None
    return client


@pytest.mark.parametrize("name", list(BAD_VALUES))
def test_bad_api_value_is_refused_before_the_handler(live, value_client, name):
    endpoint, args, field = BAD_VALUES[name]
    since = len(live.log)
    before = _send(value_client, "a long dress")
    reply = _predict_raw(live, value_client, endpoint, args)
    assert reply["error"] and f"Invalid {field}" in reply["message"], (name, reply["message"])
    assert reply["session"] == before["session"] and not reply["done"], name  # the same session, nothing changed
    assert reply["explanation"] == before["explanation"] and reply["results"], name
    after = _send(value_client, NORMAL)
    _check_reply(after, live, refused=False, name=name)
    _assert_no_traceback(live, since)


def test_unknown_token_is_refused_and_never_adopted(live):
    client = Client(live.url, verbose=False)
    forged = "Q" * 32
    reply = client.predict("a red dress", [], "", forged, api_name="/send")
    assert reply["error"] == "expired" and "Unknown or expired session token" in reply["message"], reply
    assert reply["token"] is None and not reply["results"]
    mine = client.predict("a red dress", [], "", api_name="/send")
    assert mine["token"] != forged and mine["error"] is None


def test_token_continues_a_session_from_another_client(live):
    a, b = Client(live.url, verbose=False), Client(live.url, verbose=False)
    first = a.predict("a red dress", [], "", api_name="/send")
    other = b.predict("a green coat", [], "", api_name="/send")
    cont = b.predict("with long sleeves", [], "", first["token"], api_name="/send")
    assert cont["session"] == first["session"] != other["session"]
    assert any("red" in e for e in cont["explanation"]) and not any("green" in e for e in cont["explanation"])


def test_files_that_were_never_uploaded_are_refused_without_a_traceback(live, value_client):
    since = len(live.log)
    with pytest.raises(AppError, match="not valid"):
        value_client.predict("like this", "not a list of files", "", api_name="/send")
    after = _send(value_client, NORMAL)
    _check_reply(after, live, refused=False, name="files as a string")
    _assert_no_traceback(live, since)


def test_zz_server_log_has_no_tracebacks_after_the_hostile_suite(live):
    """Runs last in this module: the whole log of the shared server (every reliability test so far) is clean."""
    log = live.text()
    assert "Traceback" not in log and 'File "' not in log, log[-4000:]
