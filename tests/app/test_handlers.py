"""Handler-level tests: the functions the Blocks call, driven with the fake session."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from app import handlers
from app.handlers import EXPIRED, GENERIC_ERROR


def _png(path: Path, colour=(200, 30, 30), size=(32, 32)) -> str:
    Image.new("RGB", size, colour).save(path)
    return str(path)


def _texts(view) -> list[str]:
    return [m["content"] for m in view.history if isinstance(m["content"], str)]


def test_start_greets_and_shows_suggestions(provider):
    state, view = handlers.start(provider, None)
    assert state is not None and view.history[0]["role"] == "assistant"
    assert "looking for" in view.history[0]["content"]
    assert view.answers[:2] == ["red", "blue"] and view.question.startswith("Which colour")
    assert len(view.gallery) == 8 and all(Path(p).is_file() for p, _ in view.gallery)
    assert view.reply["session"] == state.session.id


def test_send_text_refines_results_and_reply_has_ids_and_scores(provider):
    state, _ = handlers.start(provider, None)
    state, view = handlers.send(provider, state, "a green dress")
    assert view.history[-2] == {"role": "user", "content": "a green dress"}
    assert "green dress" in view.history[-1]["content"]
    assert all("green" in caption for _, caption in view.gallery[:4])
    results = view.reply["results"]
    assert results and {"id", "score", "similarity", "caption", "facets"} == set(results[0])
    assert "path" not in str(view.reply.keys()) and all("path" not in r for r in results)
    assert "Searched for:" in view.why and "green dress" in view.why


def test_quick_answer_answers_the_current_question(provider):
    state, _ = handlers.start(provider, None)
    state, view = handlers.answer(provider, state, "blue")
    turn = state.session.turns[-1]
    assert (turn.text, turn.answer_to) == ("blue", "colour")
    assert "colour: blue" in view.why
    assert view.question.startswith("What kind") and "dress" in view.answers


def test_uploads_reach_the_session_as_sent_and_are_shown_in_chat(provider, tmp_path):
    state, _ = handlers.start(provider, None)
    files = [_png(tmp_path / "a.png"), _png(tmp_path / "b.png", (0, 0, 255))]
    state, view = handlers.send(provider, state, "like these", files)
    turn = state.session.turns[-1]
    assert turn.images == files  # the session checks and decodes them (tests/reliability/test_turn_boundary.py)
    assert [m["content"]["path"] for m in view.history if isinstance(m["content"], dict)] == files
    assert "references: 2" in view.why


def test_image_only_turn_is_allowed(provider, tmp_path):
    state, _ = handlers.start(provider, None)
    state, _ = handlers.send(provider, state, "", [_png(tmp_path / "a.png")])
    assert state.session.turns[-1].text == "" and len(state.session.turns[-1].images) == 1


def test_long_message_error_is_shown_and_results_stay(provider):
    state, before = handlers.start(provider, None)
    state, view = handlers.send(provider, state, "x" * 5000)
    assert "too long" in view.history[-1]["content"]
    assert view.gallery == before.gallery and view.reply["error"]
    assert len(view.history[-2]["content"]) < 600  # the echo is truncated


def test_internal_errors_never_reach_the_user(provider, caplog):
    state, _ = handlers.start(provider, None)
    state, view = handlers.send(provider, state, "boom")
    assert view.history[-1]["content"] == GENERIC_ERROR
    assert "secret" not in str(view.history) and "secret" not in str(view.reply)
    assert "turn failed" in caplog.text  # logged for the operator
    state, view = handlers.send(provider, state, "red")
    assert "red" in view.history[-1]["content"]


def test_select_then_actions_send_the_item_id(provider):
    state, view = handlers.start(provider, None)
    state, view = handlers.act(provider, state, "like")
    assert "Click a result first" in view.history[-1]["content"] and not view.can_act
    state, view = handlers.select(state, 2)
    chosen = state.results[2]
    assert view.can_act and f"#{chosen.id}" in view.selection
    state, view = handlers.act(provider, state, "reject")
    assert (state.session.turns[-1].action, state.session.turns[-1].item_id) == ("reject", chosen.id)
    assert chosen.id not in [r["id"] for r in view.reply["results"]] and not view.can_act
    state, view = handlers.select(state, 0)
    state, view = handlers.act(provider, state, "found")
    assert view.reply["done"] and "glad" in view.history[-1]["content"]


def test_act_by_id_for_the_api(provider):
    state, _ = handlers.start(provider, None)
    state, view = handlers.act(provider, state, "like", item_id=5)
    assert state.session.turns[-1].item_id == 5


def test_lost_session_asks_for_a_new_search(provider):
    state, view = handlers.send(provider, None, "red", had_history=True)
    assert state is None and EXPIRED in view.history[-1]["content"]
    state, view = handlers.act(provider, None, "like", had_history=True)
    assert state is None and view.reply["error"] == "expired"
    state, view = handlers.reset(provider, None)
    assert state is not None and "looking for" in view.history[0]["content"]


def test_api_client_without_state_gets_a_session(provider):
    state, view = handlers.send(provider, None, "blue hat")
    assert state is not None and view.reply["results"] and view.reply["error"] is None


def test_sessions_are_isolated(provider):
    a, _ = handlers.start(provider, None)
    b, _ = handlers.start(provider, None)
    a, va = handlers.send(provider, a, "green coat")
    b, vb = handlers.send(provider, b, "black bag")
    assert a.session is not b.session
    assert "green coat" in str(va.history) and "black bag" not in str(va.history)
    assert "black bag" in str(vb.history) and "green coat" not in str(vb.history)
    assert provider.get() is provider.get()  # heavy parts shared, built once


def test_reset_clears_dialogue_but_keeps_display_setting(provider):
    state, _ = handlers.start(provider, None)
    state, _ = handlers.set_show(state, 3)
    state, _ = handlers.send(provider, state, "red")
    state, view = handlers.reset(provider, state)
    assert len(view.history) == 1 and len(view.gallery) == 3 and view.why == "_Nothing searched yet._"


def test_start_failure_is_reported_without_details():
    def broken(progress=None):
        raise RuntimeError("weights missing at /root/secret")

    p = handlers.AssistantProvider(broken)
    state, view = handlers.start(p, None)
    assert state is None and view.history[-1]["content"] == GENERIC_ERROR and "secret" not in str(view)


def test_missing_weights_are_explained_to_the_user():
    from retrieval.errors import ModelUnavailableError

    def broken(progress=None):
        raise ModelUnavailableError("The demo encoder checkpoint is missing; train it with `python -m x`.")

    state, view = handlers.start(handlers.AssistantProvider(broken), None)
    assert state is None and "checkpoint is missing" in view.history[-1]["content"]


def test_everyone_waiting_for_the_build_sees_its_progress(provider):
    import threading

    started, release = threading.Event(), threading.Event()
    inner = provider._factory

    def slow(progress):
        progress(0.25, "rendering demo catalog")
        started.set()
        release.wait(5)
        progress(0.75, "indexing")
        return inner(None)

    p = handlers.AssistantProvider(slow, provider.agents)
    background = p.warm_in_background()
    assert started.wait(5)
    seen: list[tuple[float, str]] = []
    waiter = threading.Thread(target=lambda: p.get(lambda f, m: seen.append((f, m))))
    waiter.start()
    while not p._listeners:  # the waiter registered and got the last update
        threading.Event().wait(0.01)
    release.set()
    waiter.join(5)
    background.join(5)
    assert seen == [(0.25, "rendering demo catalog"), (0.75, "indexing")] and p.ready


def test_selected_result_opens_with_full_image_caption_and_facets_until_closed(provider):
    state, view = handlers.start(provider, None)
    assert view.detail is None
    state, view = handlers.select(state, 1)
    chosen = state.results[1]
    d = view.detail
    assert (d.id, d.image, d.caption, d.facets) == (chosen.id, chosen.path, chosen.caption, chosen.facets)
    state, view = handlers.deselect(state)
    assert view.detail is None and not view.can_act and state.selected is None
    state, view = handlers.act(provider, state, "like")  # closed: nothing to act on
    assert "Click a result first" in view.history[-1]["content"]
    assert handlers.deselect(None)[1].detail is None
