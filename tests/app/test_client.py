"""The named API against a real launched server (``chatlens run`` on a free localhost port)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradio_client import Client, handle_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assets" / "examples" / "example_1.png"

pytestmark = pytest.mark.slow


def _check_results(reply: dict) -> list[dict]:
    results = reply["results"]
    assert results, reply
    assert all(isinstance(r["id"], int) and isinstance(r["score"], float) and r["caption"] for r in results)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert "Traceback" not in reply["message"]
    return results


def test_three_turn_dialogue_with_an_image_upload(live_server, tmp_path):
    client = Client(live_server.url, verbose=False)
    assert {"/send", "/act", "/reset"} <= set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])

    first = client.predict("a red dress", [], "", api_name="/send")
    assert first["error"] is None and first["message"]
    results = _check_results(first)
    assert "red" in first["query"].lower()

    second = client.predict("like this, but in navy", [handle_file(str(EXAMPLE))], "", api_name="/send")
    assert second["error"] is None and second["session"] == first["session"]
    results = _check_results(second)
    assert second["query"] != first["query"]  # the photo and the edit changed the composed query

    third = client.predict("like", results[0]["id"], api_name="/act")
    assert third["error"] is None and third["session"] == first["session"]
    results = _check_results(third)
    if third["question"]:  # a fourth turn through a quick answer, as the buttons send it
        q = third["question"]
        fourth = client.predict(q["options"][0], [], q["facet"], api_name="/send")
        assert fourth["error"] is None
        results = _check_results(fourth)

    other = Client(live_server.url, verbose=False)  # another client is another session
    fresh = other.predict("a blue hat", [], "", api_name="/send")
    assert fresh["session"] != first["session"]
    assert "red" not in fresh["query"].lower() and "navy" not in fresh["query"].lower()

    bad = tmp_path / "not-an-image.png"
    bad.write_text("hello")
    refused = client.predict("like this", [handle_file(str(bad))], "", api_name="/send")
    assert "not-an-image.png" in refused["message"] and "Traceback" not in refused["message"]

    named = client.predict("that's it", [], "", "", results[1]["id"], api_name="/send")  # "this": by its id
    assert named["done"] is True and named["results"][0]["id"] == results[1]["id"], named["message"]

    greeting = client.predict(api_name="/reset")
    assert greeting["message"] and greeting["session"] != first["session"] and greeting["error"] is None


def test_concurrent_clients_never_see_each_other(live_server):
    from concurrent.futures import ThreadPoolExecutor

    colours = ["red", "blue", "green", "black"]

    def dialogue(colour: str) -> tuple[str, dict, dict]:
        client = Client(live_server.url, verbose=False)
        first = client.predict(f"a {colour} dress", [], "", api_name="/send")
        second = client.predict("with long sleeves", [], "", api_name="/send")
        return colour, first, second

    with ThreadPoolExecutor(len(colours)) as pool:
        runs = list(pool.map(dialogue, colours))
    assert len({first["session"] for _, first, _ in runs}) == len(colours)
    for colour, first, second in runs:
        assert second["session"] == first["session"] and second["error"] is None
        assert colour in second["query"].lower()
        assert not [c for c in colours if c != colour and c in second["query"].lower()], second["query"]
