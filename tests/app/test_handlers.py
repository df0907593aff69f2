"""The functions the Blocks call, over a real Session (60-item demo gallery, demo encoder; ``real_provider``).

Each test checks what the handler does with what the session did: the chat history it writes, the results and
question it shows, the Turn it builds (read back from the session's dialogue state), the API payload, and
that nothing a session or the handler raises reaches the user.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PIL import Image

from app import handlers
from app.handlers import EXPIRED, GENERIC_ERROR


def _png(path: Path, colour=(200, 30, 30), size=(64, 64)) -> str:
    Image.new("RGB", size, colour).save(path)
    return str(path)


def _shown_ids(view) -> list[int]:
    return [r["id"] for r in view.reply["results"]]


def test_start_greets_and_shows_a_first_page(real_provider):
    state, view = handlers.start(real_provider, None)
    assert state is not None and view.history == [{"role": "assistant", "content": state.last.message}]
    assert "looking for" in view.history[0]["content"]
    assert len(view.gallery) == 8 and all(Path(p).is_file() for p, _ in view.gallery)
    assert _shown_ids(view) == state.session.state.last_results  # what the session chose, in its order
    assert [c for _, c in view.gallery][0].startswith("1. ")
    assert view.reply["session"] == state.session.id and view.why == "_Nothing searched yet._"


def test_send_text_shows_the_sessions_ranking_and_explains_it(real_provider):
    state, _ = handlers.start(real_provider, None)
    state, view = handlers.send(real_provider, state, "a green dress")
    assert view.history[-2] == {"role": "user", "content": "a green dress"}
    assert view.history[-1]["role"] == "assistant" and "best matches" in view.history[-1]["content"]
    session = state.session
    assert session.state.known().get("colour") == "green" and session.state.known().get("category") == "dress"
    assert _shown_ids(view) == session.state.last_results == [int(i) for i in session.last_ranking[:8]]
    results = view.reply["results"]
    assert {"id", "score", "similarity", "caption", "facets"} == set(results[0])
    assert all("path" not in r for r in results) and "path" not in view.reply
    assert f"**Searched for:** {session.last_query.caption}" in view.why and "green" in view.why
    if session.last_question:  # the question is shown once: in the chat, with its quick answers below
        assert session.last_question.text in view.history[-1]["content"]
        assert view.answers == list(session.last_question.options) and view.question == session.last_question.text


def test_quick_answer_answers_the_question_on_screen(real_provider):
    state, _ = handlers.start(real_provider, None)
    state, view = handlers.send(real_provider, state, "a striped item")
    question = state.question
    assert question is not None and view.answers, "a vague request gets a question"
    option = question.options[0]
    state, view = handlers.answer(real_provider, state, option)
    assert view.history[-2]["content"] == handlers.as_text(option)
    record = state.session.state.turns[-2]  # the user's turn as the session recorded it
    assert record.text == option and view.reply["error"] is None
    if question.facet != "closer":
        assert state.session.state.known().get(question.facet) == option  # the answer became a belief
        assert question.facet in state.session.state.asked


def test_uploads_reach_the_session_and_are_shown_in_chat(real_provider, tmp_path):
    state, _ = handlers.start(real_provider, None)
    files = [_png(tmp_path / "a.png"), _png(tmp_path / "b.png", (0, 0, 255))]
    state, view = handlers.send(real_provider, state, "like these", files)
    assert [m["content"]["path"] for m in view.history if isinstance(m["content"], dict)] == files
    assert len(state.session.state.references) == 2 and view.reply["error"] is None
    assert view.reply["results"] and "Searched for" in view.why


def test_an_image_only_turn_is_a_search(real_provider, tmp_path):
    state, _ = handlers.start(real_provider, None)
    state, view = handlers.send(real_provider, state, "", [_png(tmp_path / "a.png")])
    assert state.session.state.turns[-2].text == "" and state.session.state.turns[-2].images == 1
    assert len(state.session.state.references) == 1 and view.reply["error"] is None and view.reply["results"]


def test_a_bad_upload_is_refused_by_name_and_the_results_stay(real_provider, tmp_path):
    state, before = handlers.start(real_provider, None)
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    state, view = handlers.send(real_provider, state, "like this", [str(bad)])
    assert "notes.png" in view.history[-1]["content"] and "unchanged" in view.history[-1]["content"]
    assert view.reply["error"] and view.gallery == before.gallery and not state.session.state.references


def test_long_message_is_refused_and_results_stay(real_provider):
    state, before = handlers.start(real_provider, None)
    limit = real_provider.agents.max_message_chars
    state, view = handlers.send(real_provider, state, "x" * (limit + 1))
    assert f"{limit + 1:,} characters" in view.history[-1]["content"] and view.reply["error"]
    assert view.gallery == before.gallery and _shown_ids(view) == _shown_ids(before)
    assert len(view.history[-2]["content"]) < 600  # the echo is truncated
    assert state.session.state.user_turns == 0  # the session recorded nothing


def test_a_failing_session_never_shows_its_error(real_provider, monkeypatch, caplog):
    """The session's own catch-all (a part raising inside a turn) and the handler's (a session that raises)."""
    assistant = real_provider.get()
    state, _ = handlers.start(real_provider, None)

    def broken(_state):
        raise RuntimeError("internal detail: /secret/path/model.bin")

    with monkeypatch.context() as m:
        m.setattr(assistant.reformulator, "compose", broken)
        state, view = handlers.send(real_provider, state, "a red coat")
    assert "went wrong" in view.history[-1]["content"] and view.reply["error"]
    assert "secret" not in str(view.history) and "secret" not in str(view.reply)
    with monkeypatch.context() as m, caplog.at_level(logging.ERROR):
        m.setattr(state.session, "step", broken)
        state, view = handlers.send(real_provider, state, "a red coat")
    assert view.history[-1]["content"] == GENERIC_ERROR and "secret" not in str(view.reply)
    assert "turn failed" in caplog.text  # logged for the operator
    state, view = handlers.send(real_provider, state, "a red coat")  # the session goes on
    assert view.reply["error"] is None and state.session.state.known().get("colour") == "red"


def test_select_then_actions_send_the_selected_item(real_provider):
    state, view = handlers.start(real_provider, None)
    state, view = handlers.act(real_provider, state, "like")
    assert "Click a result first" in view.history[-1]["content"] and not view.can_act
    state, _ = handlers.send(real_provider, state, "a dress")
    state, view = handlers.select(state, 2)
    chosen = state.results[2]
    assert view.can_act and f"#{chosen.id}" in view.selection
    state, view = handlers.act(real_provider, state, "reject")
    assert view.history[-2]["content"].startswith("Not this: ")
    assert chosen.id in state.session.state.rejected and chosen.id not in _shown_ids(view) and not view.can_act
    state, view = handlers.select(state, 0)
    first = state.results[0]
    state, view = handlers.act(real_provider, state, "like")
    assert first.id in state.session.state.liked and state.session.state.references
    state, view = handlers.select(state, 0)
    found = state.results[0]
    state, view = handlers.act(real_provider, state, "found")
    assert view.reply["done"] and "glad" in view.history[-1]["content"] and state.session.state.found == found.id


def test_act_by_id_for_the_api(real_provider):
    state, view = handlers.start(real_provider, None)
    shown = _shown_ids(view)
    state, view = handlers.act(real_provider, state, "like", item_id=shown[3])
    assert shown[3] in state.session.state.liked and view.reply["error"] is None
    not_shown = next(i for i in range(10_000) if i not in state.session.state.last_results)
    state, view = handlers.act(real_provider, state, "reject", item_id=not_shown)
    assert "isn't among the ones shown" in view.history[-1]["content"] and view.reply["error"]
    assert not_shown not in state.session.state.rejected


def test_lost_session_asks_for_a_new_search(real_provider):
    state, view = handlers.send(real_provider, None, "red", had_history=True)
    assert state is None and EXPIRED in view.history[-1]["content"]
    state, view = handlers.act(real_provider, None, "like", had_history=True)
    assert state is None and view.reply["error"] == "expired"
    state, view = handlers.reset(real_provider, None)
    assert state is not None and "looking for" in view.history[0]["content"]


def test_api_client_without_state_gets_a_session(real_provider):
    state, view = handlers.send(real_provider, None, "a blue hat")
    assert state is not None and view.reply["results"] and view.reply["error"] is None
    assert state.session.state.known().get("colour") == "blue"


def test_sessions_are_isolated(real_provider):
    a, _ = handlers.start(real_provider, None)
    b, _ = handlers.start(real_provider, None)
    a, va = handlers.send(real_provider, a, "a green coat")
    b, vb = handlers.send(real_provider, b, "a black bag")
    assert a.session is not b.session and a.session.assistant is b.session.assistant  # heavy parts shared
    assert a.session.state.known()["colour"] == "green" and b.session.state.known()["colour"] == "black"
    assert "green coat" in str(va.history) and "black bag" not in str(va.history)
    assert "black bag" in str(vb.history) and "green coat" not in str(vb.history)
    assert real_provider.get() is real_provider.get()


def test_reset_clears_dialogue_but_keeps_display_setting(real_provider):
    state, _ = handlers.start(real_provider, None)
    state, _ = handlers.set_show(state, 3)
    state, _ = handlers.send(real_provider, state, "a red dress")
    assert state.session.state.known()
    state, view = handlers.reset(real_provider, state)
    assert len(view.history) == 1 and len(view.gallery) == 3 and view.why == "_Nothing searched yet._"
    assert not state.session.state.known() and state.session.state.user_turns == 0


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


def test_everyone_waiting_for_the_build_sees_its_progress(real_assistant):
    import threading

    started, release = threading.Event(), threading.Event()

    def slow(progress):
        progress(0.25, "rendering demo catalog")
        started.set()
        release.wait(5)
        progress(0.75, "indexing")
        return real_assistant

    p = handlers.AssistantProvider(slow, real_assistant.config)
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


def test_selected_result_opens_with_full_image_caption_and_facets_until_closed(real_provider):
    state, view = handlers.start(real_provider, None)
    assert view.detail is None
    state, view = handlers.select(state, 1)
    chosen = state.results[1]
    d = view.detail
    assert (d.id, d.image, d.caption, d.facets) == (chosen.id, chosen.path, chosen.caption, chosen.facets)
    assert Path(d.image).is_file() and d.facets.get("category")
    state, view = handlers.deselect(state)
    assert view.detail is None and not view.can_act and state.selected is None
    state, view = handlers.act(real_provider, state, "like")  # closed: nothing to act on
    assert "Click a result first" in view.history[-1]["content"]
    assert handlers.deselect(None)[1].detail is None


def test_typed_start_over_and_undo_keep_the_chat_and_change_the_search(real_provider):
    state, _ = handlers.start(real_provider, None)
    state, _ = handlers.send(real_provider, state, "a red dress")
    state, view = handlers.send(real_provider, state, "start over")
    assert not state.session.state.known() and len(view.history) == 5  # greeting, two turns of two messages
    assert "starting over" in view.history[-1]["content"].lower() and view.why == "_Nothing searched yet._"
    state, view = handlers.send(real_provider, state, "undo")
    assert state.session.state.known() == {"colour": "red", "category": "dress"}
    assert "took back" in view.history[-1]["content"] and "red" in view.why
    state, view = handlers.send(real_provider, state, "help")
    assert "undo" in view.history[-1]["content"] and state.session.state.known()


def test_typing_with_a_result_open_means_that_result(real_provider):
    state, _ = handlers.start(real_provider, None)
    state, _ = handlers.send(real_provider, state, "a dress")
    state, _ = handlers.select(state, 2)
    opened = state.results[2].id
    state, view = handlers.send(real_provider, state, "like this but in red", open_result=True)
    assert state.session.state.references[-1].item_id == opened and "red" in view.why
    state, _ = handlers.select(state, 1)
    state, _ = handlers.send(real_provider, state, "not this one")  # an API client: no open result
    assert not state.session.state.rejected


def test_an_api_client_names_this_by_id(real_provider):
    state, _ = handlers.start(real_provider, None)
    state, _ = handlers.send(real_provider, state, "a dress")
    meant = state.results[3].id
    state, view = handlers.send(real_provider, state, "like this but in red", looking_at=meant)
    assert state.session.state.references[-1].item_id == meant and "red" in view.why
    gone = next(i for i in range(10_000) if i not in state.session.state.last_results)
    state, view = handlers.send(real_provider, state, "not this one", looking_at=gone)  # not shown: refused, kept
    assert view.reply["error"] and "isn't among the ones shown" in view.reply["message"]
    assert not state.session.state.rejected and state.session.state.references[-1].item_id == meant
