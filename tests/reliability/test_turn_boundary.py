"""One turn boundary: the app hands what the user sent to ``Session.step``, which alone checks and decodes it.

Driven through the real handlers and the real Session (hash encoder), so every refusal here is the
session's and the app only shows it: nothing reaches the dialogue, the results on screen (with their
scores) and the selection stay, and the next turn works.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from agents.config import AgentConfig
from app import handlers
from app.provider import AssistantProvider


def _provider(assistant) -> AssistantProvider:
    return AssistantProvider(lambda progress=None: assistant, AgentConfig(results=8))


def _png(path: Path, colour=(200, 30, 30)) -> str:
    Image.new("RGB", (32, 32), colour).save(path)
    return str(path)


def test_bad_uploads_are_refused_naming_the_file_and_nothing_changes(assistant, tmp_path):
    p = _provider(assistant)
    st, _ = handlers.start(p, None)
    st, good = handlers.send(p, st, "a red dress")
    turns = len(st.session.state.turns)
    bad = tmp_path / "notes.png"
    bad.write_text("this is not an image")
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    for f in (bad, empty):
        st, view = handlers.send(p, st, "like this", [str(f)])
        last = view.history[-1]["content"]
        assert f.name in last and last.endswith(". Your search is unchanged.") and "Traceback" not in last
        assert view.reply["error"] and view.gallery == good.gallery  # the same results, with their scores
    assert len(st.session.state.turns) == turns and not st.session.state.references  # nothing reached the dialogue
    st, view = handlers.send(p, st, "like this", [_png(tmp_path / "ok.png")])
    assert view.reply["error"] is None and len(st.session.state.references) == 1


def test_counts_lengths_and_empty_messages_are_refused_by_the_session(assistant, tmp_path):
    p = _provider(assistant)
    st, _ = handlers.start(p, None)
    st, good = handlers.send(p, st, "a blue shirt")
    st, view = handlers.select(st, 1)
    turns, limit = len(st.session.state.turns), assistant.config.max_images_per_turn
    files = [_png(tmp_path / f"{i}.png") for i in range(limit + 1)]
    for text, files_, expect in (("these", files, f"at most {limit}"), ("   ", [], "Type what you're looking for"),
                                 ("x" * 5000, [], "characters")):
        st, view = handlers.send(p, st, text, files_)
        assert expect in view.history[-1]["content"] and view.reply["error"]
        assert view.gallery == good.gallery and view.can_act  # results and selection stay
    assert len(st.session.state.turns) == turns
    st, view = handlers.send(p, st, "in red")
    assert view.reply["error"] is None and len(st.session.state.turns) == turns + 2


def test_unknown_actions_are_refused_by_the_session(assistant):
    p = _provider(assistant)
    st, view = handlers.start(p, None)
    shown = view.reply["results"][1]["id"]
    st, view = handlers.act(p, st, "delete-everything", item_id=shown)
    assert view.history[-1]["content"] == "Unknown action 'delete-everything'; use one of: like, reject, found."
    assert view.history[-2]["role"] == "assistant"  # no click was echoed for it
    st, view = handlers.act(p, st, "reject")
    assert "Click a result first" in view.history[-1]["content"]  # the selection is the app's to resolve
    st, view = handlers.select(st, 1)
    st, view = handlers.act(p, st, "reject")
    assert view.reply["error"] is None and shown not in [r["id"] for r in view.reply["results"]]
