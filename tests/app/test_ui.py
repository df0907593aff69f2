"""The Blocks wiring: named API endpoints, per-session state, examples, served paths, the Space entry."""

from __future__ import annotations

import re
from pathlib import Path

import gradio as gr
import pytest
import yaml

from app.handlers import as_text
from app.server import allowed_paths, launch_kwargs, make_demo
from app.settings import parse_run_args
from app.ui import ASSETS, build_ui, examples
from tests.app.fakes import fake_factory

ROOT = Path(__file__).resolve().parents[2]


def _endpoints(demo: gr.Blocks) -> dict[str, dict]:
    return {d["api_name"]: d for d in demo.config["dependencies"] if d.get("api_name")}


def test_named_api_endpoints_are_public_and_ui_events_private(tmp_path):
    demo = build_ui(fake_factory(tmp_path), parse_run_args([], env={}))
    eps = _endpoints(demo)
    public = {name for name, d in eps.items() if d.get("api_visibility", "public") == "public"}
    assert public == {"send", "act", "reset"}
    info = demo.get_api_info()["named_endpoints"]
    assert [p["parameter_name"] for p in info["/send"]["parameters"]] == ["message", "images", "answer_to", "token",
                                                                             "looking_at"]
    assert [p["parameter_name"] for p in info["/act"]["parameters"]] == ["action", "item_id", "token"]
    assert [p["parameter_name"] for p in info["/reset"]["parameters"]] == ["token"]
    assert all(e["parameters"][-1]["parameter_has_default"] for e in info.values())  # old clients omit the last
    assert info["/send"]["parameters"][-2]["parameter_has_default"]  # /send's token, before "looking_at"


def test_dialogue_lives_in_gr_state_not_module_globals(tmp_path):
    demo = build_ui(fake_factory(tmp_path), parse_run_args([], env={}))
    states = [b for b in demo.blocks.values() if isinstance(b, gr.State)]
    assert len(states) == 1 and states[0].value is None and states[0].time_to_live
    import app.handlers
    import app.ui

    for module in (app.handlers, app.ui):
        mutable = [k for k, v in vars(module).items() if not k.startswith("_") and isinstance(v, (list, dict, set))
                   and k.isupper() is False]
        assert mutable == [], mutable


def test_examples_ship_reference_photos_not_in_the_gallery():
    ex = examples()
    photos = [f for e in ex for f in e["files"]]
    assert len(photos) >= 2 and all(Path(p).is_file() and Path(p).is_relative_to(ASSETS) for p in photos)
    assert len(list((ASSETS / "examples").glob("example_*.png"))) >= 6
    assert all(e["text"] for e in ex)


def test_queue_concurrency_and_launch_options(tmp_path):
    settings = parse_run_args(["--concurrency", "3", "--data-dir", str(tmp_path)], env={})
    demo = make_demo(settings, fake_factory(tmp_path))
    assert demo._queue.default_concurrency_limit == 3
    kw = launch_kwargs(settings)
    assert kw["show_error"] is False and kw["share"] is False and kw["max_file_size"] == settings.agents.max_upload_bytes


def test_served_paths_are_narrow(tmp_path):
    settings = parse_run_args(["--data-dir", str(tmp_path / "home")], env={})
    paths = allowed_paths(settings)
    assert str(ASSETS) in paths
    assert str((tmp_path / "home").resolve()) not in paths  # never the whole cache (indexes, SQLite)
    assert all(p not in ("/", str(Path.home()), str(ROOT)) for p in paths)
    photos = tmp_path / "photos"
    photos.mkdir()
    hub = parse_run_args(["--gallery", str(photos), "--data-dir", str(tmp_path / "home")], env={})
    assert str(photos.resolve()) in allowed_paths(hub)


def _front_matter() -> dict:
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("README.md not written yet")
    m = re.match(r"^---\n(.*?)\n---\n", readme.read_text(), re.S)
    assert m, "README.md must start with Hugging Face Space front-matter (--- ... ---)"
    return yaml.safe_load(m.group(1))


def test_space_front_matter_points_at_a_file_that_builds_the_app(monkeypatch, tmp_path):
    meta = _front_matter()
    assert meta["sdk"] == "gradio" and str(meta["python_version"]).startswith("3.")
    assert str(meta["sdk_version"]).split(".")[0] == gr.__version__.split(".")[0]  # the page uses this major's API
    app_file = ROOT / meta["app_file"]
    assert app_file.is_file()
    monkeypatch.setenv("CHATLENS_HOME", str(tmp_path))
    import runpy

    module = runpy.run_path(str(app_file), run_name="space_under_test")  # builds, does not launch
    assert isinstance(module["demo"], gr.Blocks)
    assert module["settings"].profile == "demo" and module["settings"].host == "0.0.0.0"
    assert "send" in _endpoints(module["demo"])


def test_question_is_shown_once_under_the_chat_only_when_the_chat_does_not_ask_it():
    from app.ui import _question_line
    from app.view import View

    def view(history, question):
        return View(history, [], [], question, "", "", False, {})

    asked = [{"role": "assistant", "content": "Found these.\n\nWhich colour?"}]
    assert _question_line(view(asked, "Which colour?")) == ""
    refused = [*asked, {"role": "user", "content": "x"}, {"role": "assistant", "content": "That photo is empty."}]
    assert _question_line(view(refused, "Which colour?")) == "**Which colour?**"
    assert _question_line(view(asked, "")) == ""


def test_about_and_viewer_are_in_the_page_and_fold_after_a_search(tmp_path):
    demo = build_ui(fake_factory(tmp_path), parse_run_args([], env={}))
    ids = {getattr(b, "elem_id", None): b for b in demo.blocks.values()}
    assert {"about", "try", "viewer", "viewer-close", "act-like", "act-reject", "act-found", "main"} <= set(ids)
    assert ids["about"].open and ids["try"].open and ids["viewer"].visible is False
    folding = [d for d in demo.config["dependencies"]
               if {ids["about"]._id, ids["try"]._id} <= set(d["outputs"]) and not d["inputs"]]
    assert folding and all(d["queue"] is False for d in folding)
    assert len(folding) >= 1 + 8 + 3  # the message box, every quick answer, every action


def test_space_entry_point_builds_the_app_with_its_provider(tmp_path, monkeypatch):
    """space.py (the Hugging Face Space) hands serve() the provider its demo was built with; nothing is probed."""
    import importlib
    import sys

    monkeypatch.setenv("CHATLENS_HOME", str(tmp_path))
    monkeypatch.syspath_prepend(str(ROOT))
    sys.modules.pop("space", None)
    space = importlib.import_module("space")
    assert space.settings.host == "0.0.0.0" and space.settings.prebuild is False
    assert not space.provider.ready  # built on first use (or in the background once served)
    from app.server import serve

    with pytest.raises(TypeError, match="provider"):
        serve(space.settings, space.demo, block=False)



def _events(demo: gr.Blocks) -> dict[str, object]:
    """The page's own event functions by name (what Gradio calls for each click, submit and load)."""
    return {f.name: f.fn for f in demo.fns.values()}


def test_page_events_show_a_real_sessions_turns_in_the_components(real_provider, tmp_path, caplog):
    """The Blocks' event functions, called as Gradio calls them, over the real agents: component values follow
    the dialogue, each tab keeps its own session in its gr.State value, and nothing is logged as an error."""
    import logging

    from app.ui import MAX_ANSWERS

    demo = build_ui(real_provider, parse_run_args(["--data-dir", str(tmp_path)], env={}))
    ev = _events(demo)
    n_outputs = 1 + 1 + 1 + 1 + MAX_ANSWERS + 1 + 3 + 1  # state, chat, gallery, question, answers, selection, acts, why
    with caplog.at_level(logging.WARNING):
        out = ev["on_load"](None, None)
        st, chat, gallery = out[0], out[1], out[2]
        assert chat == [{"role": "assistant", "content": st.last.message}] and "looking for" in chat[0]["content"]
        assert [c for _, c in gallery["value"]][0].startswith("1. ") and len(gallery["value"]) == 8

        out = ev["on_submit"](st, {"text": "a striped item", "files": []}, chat, None)
        st, chat, gallery, buttons = out[0], out[1], out[2], out[4:4 + MAX_ANSWERS]
        assert chat[-2] == {"role": "user", "content": "a striped item"} and "best matches" in chat[-1]["content"]
        assert out[-1] == {"text": "", "files": []}  # the message box is cleared
        assert [r.id for r in st.results[:8]] == st.session.state.last_results
        question = st.question
        assert question is not None and st.session.state.known().get("pattern") == "striped"
        labels = [b["value"] for b in buttons if b.get("visible")]
        assert labels == list(question.options)[:MAX_ANSWERS] and question.text in chat[-1]["content"]
        why = out[n_outputs - 1]
        assert why.startswith("**Searched for:**") and st.session.last_query.caption in why

        out = ev["on_answer"](st, labels[0], chat, None)
        st, chat = out[0], out[1]
        assert chat[-2]["content"] == as_text(labels[0]) and st.session.state.turns[-2].text == labels[0]

        other = ev["on_load"](None, None)[0]  # another tab: its own gr.State value, its own session
        assert other.session is not st.session and other.session.state.user_turns == 0

        reply, api_state = ev["api_send"]("a blue hat", None, "", "", None)
        assert reply["error"] is None and reply["results"] and api_state.session.state.known().get("colour") == "blue"
        reply, _ = ev["api_send"]("a blue hat", None, "", "not a token!", None)
        assert reply["error"] and reply["message"].startswith("Invalid token")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
