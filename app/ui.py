"""The Gradio Blocks page: chat on the left, results on the right (one column on phones), plus named API endpoints.

A thin shell over ``app.handlers``: each event unpacks component values, calls
one handler with the session's ``gr.State`` and maps the returned ``View`` onto
components. The API endpoints (``/send``, ``/act``, ``/reset``) share the same
handlers and per-client state but take and return plain values (JSON with
result ids and scores). The "About this demo" text comes from ``app.about``
(derived from the catalog schema), the result viewer from ``app.viewer``.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from typing import Any

import gradio as gr

import assets
from agents.session_store import SessionStore
from app import about, api, handlers, viewer
from app.chat_state import ChatState
from app.provider import AssistantProvider, ProgressFn
from app.settings import Settings
from app.view import View

ASSETS = assets.path()  # package data (importlib.resources): served as files, found from a wheel too
EXAMPLES_DIR = ASSETS / "examples"
MAX_ANSWERS = 8  # quick-answer buttons kept in the page; unused ones are hidden

EXAMPLE_MESSAGES = [
    "a red dress with long sleeves",
    "a polka-dotted tee",
    "striped trousers, not blue",
    "a crimson gown",
]
EXAMPLE_WITH_PHOTO = [
    ("something like this, but in navy", "example_1.png"),
    ("like this, but with long sleeves", "example_5.png"),
    ("this skirt in black", "example_4.png"),
]

INTRO = (
    "# ChatLens\n"
    "Find an image by talking about it: describe it, answer my questions, add a photo "
    "(\"like this, but in navy\"), click a result to look closer."
)

LAYOUT_CSS = """
#results .caption-label { font-size: 0.75rem; }
#quick-answers button { flex: 0 1 auto; min-width: 0; }
/* Gradio's "overflow: hidden" here would stop the message box sticking (Gradio scopes rules inside @media
   under .gradio-container, so this one lives outside); "clip" hides the same overflow without a scroll box. */
.gradio-container { overflow: clip visible !important; }
/* Phones and narrow windows: one column in the order the eye reads it. The conversation, the quick answers
   to its question, then the results right under them; the message box stays in reach at the bottom of the
   screen; examples, explanations and settings come last. Desktop keeps chat and results side by side. */
@media (max-width: 768px) {
  #main { flex-direction: column; flex-wrap: nowrap; }
  #chat-col, #results-col { display: contents; }
  #chat { order: 1; height: min(440px, 36vh) !important; }
  #question { order: 2; }
  #quick-answers { order: 3; }
  #results { order: 4; }
  #selection { order: 5; }
  #chat-col > .form { order: 6; position: sticky; bottom: 0; z-index: 20;
                      background: var(--background-fill-primary); padding: 6px 0; }
  #new-search { order: 7; }
  #why-panel { order: 8; }
  #settings-panel { order: 9; }
  #try { order: 10; }
}
"""
CSS = LAYOUT_CSS + viewer.CSS


def _progress(progress: gr.Progress) -> ProgressFn:
    """Adapt gr.Progress to ``(fraction, message)``; callable from the build thread too.

    gr.Progress finds its event through context variables, so the event's
    context is copied now and entered on each call.
    """
    ctx = contextvars.copy_context()

    def report(frac: float, message: str) -> None:
        try:
            ctx.run(progress, frac, desc=message)
        except RuntimeError:  # the copy is being entered by another thread right now: skip this update
            pass

    return report


class GuardedBlocks(gr.Blocks):
    """Blocks whose input preprocessing (Gradio's, before any handler) refuses bad values with a message.

    A forged file path, or a value a component cannot take, would otherwise
    leave a traceback in the server log; the client gets a ``gr.Error`` instead.
    """

    async def preprocess_data(self, *args, **kwargs):
        try:
            return await super().preprocess_data(*args, **kwargs)
        except Exception as e:
            logging.getLogger(__name__).warning("request refused before its handler: %s", type(e).__name__)
            raise gr.Error("A value in this request is not valid (files must be uploaded with the request; see "
                           "the API page for each parameter's type). Nothing was changed.",
                           print_exception=False) from None


def raw_text(label: str, **kwargs: Any) -> gr.Textbox:
    """A hidden Textbox that hands the handler what the client sent (not ``str()`` of it), so ``app.api`` can
    name a wrong type instead of a list silently becoming the text "['a']". (An instance override, not a
    subclass: Gradio writes a .pyi stub beside any module that subclasses a component.)"""
    box = gr.Textbox(label=label, **kwargs)
    box.preprocess = lambda payload: payload  # type: ignore[method-assign]
    return box


def session_store(provider: AssistantProvider, settings: Settings) -> SessionStore:
    """The provider's saved-session store, opened beside the gallery cache on first use."""
    if provider.store is None:
        provider.store = SessionStore(settings.sessions_path, settings.session_ttl_s)
    return provider.store


def examples() -> list[dict[str, Any]]:
    """Opening messages, some with a shipped reference photo (rendered items not in the default gallery)."""
    out: list[dict[str, Any]] = [{"text": t, "files": []} for t in EXAMPLE_MESSAGES]
    for text, name in EXAMPLE_WITH_PHOTO:
        if (EXAMPLES_DIR / name).is_file():
            out.append({"text": text, "files": [str(EXAMPLES_DIR / name)]})
    return out


def _question_line(view: View) -> str:
    """The current question under the chat, only when the latest assistant message does not already ask it."""
    if not view.question:
        return ""
    last = next((m.get("content") for m in reversed(view.history) if m.get("role") == "assistant"), None)
    if isinstance(last, str) and view.question in last:
        return ""
    return f"**{view.question}**"


def _collapse_after_first_search(triggers: list[Callable], panels: list[gr.Accordion]) -> None:
    """Once a search has started, the About and Try panels fold away so the results move up."""

    def collapse():
        return [gr.Accordion(open=False) for _ in panels]

    for trigger in triggers:
        trigger(collapse, None, panels, queue=False, api_visibility="private")


def _lost(state: ChatState | None, token: str | None) -> str | None:
    """The browser's token, passed on only when this process has no session for the tab (it restarted)."""
    return token if state is None else None


def build_ui(assistant: AssistantProvider | Callable[[ProgressFn | None], Any], settings: Settings | None = None) -> gr.Blocks:
    """The page and its API for one shared Assistant.

    ``assistant`` is an ``AssistantProvider`` or a factory ``(progress) -> Assistant``
    (anything with ``new_session()``); tests pass a fake one.
    """
    settings = settings or Settings()
    provider = assistant if isinstance(assistant, AssistantProvider) else AssistantProvider(assistant, settings.agents)

    # Uploads live as long as a session may need them: Gradio deletes older files hourly and all at shutdown.
    ttl = int(settings.session_ttl_s)
    store = session_store(provider, settings)
    with GuardedBlocks(title=settings.title, analytics_enabled=False, delete_cache=(min(3600, ttl), ttl)) as demo:
        state = gr.State(None, time_to_live=settings.session_ttl_s)
        # The saved session's token lives in the browser (localStorage), so a reload or a reconnect after a
        # restart picks the same chat up again. Gradio encodes BrowserState with a key it also sends to the page
        # (obfuscation, not protection: the browser's per-origin storage protects the token); the key must
        # outlive restarts or the page could not read its token back, so it is kept in the sessions database.
        token = gr.BrowserState(None, storage_key="chatlens-session", secret=store.secret("browser-state"))
        gr.Markdown(INTRO, elem_id="intro")
        about_panel = gr.Accordion("About this demo", open=True, elem_id="about")
        with about_panel:
            gr.Markdown(about.about_markdown(settings))
        with gr.Row(equal_height=False, elem_id="main"):
            with gr.Column(scale=5, elem_id="chat-col"):
                chatbot = gr.Chatbot(label="Conversation", elem_id="chat", height=440, buttons=["copy"])
                question = gr.Markdown(elem_id="question")
                with gr.Row(elem_id="quick-answers"):
                    answer_btns = [
                        gr.Button(visible=False, size="sm", variant="secondary", elem_classes=["quick-answer"])
                        for _ in range(MAX_ANSWERS)
                    ]
                box = gr.MultimodalTextbox(
                    file_count="multiple", sources=["upload"], elem_id="message", show_label=False,
                    max_plain_text_length=100_000,  # long pastes stay text (the session explains the limit)
                    placeholder="Describe what you're looking for, or add a photo (drag, drop or paste)…",
                )
                new_btn = gr.Button("New search", elem_id="new-search", variant="secondary")
                try_panel = gr.Accordion("Try", open=True, elem_id="try")
                with try_panel:
                    gr.Examples(examples=examples(), inputs=[box], label=None)
            with gr.Column(scale=6, elem_id="results-col"):
                gallery = gr.Gallery(label="Results", elem_id="results", columns=4, height=440,
                                     allow_preview=False, object_fit="contain", interactive=False)
                selection = gr.Markdown(elem_id="selection")
                with gr.Accordion("Why these results", open=True, elem_id="why-panel"):
                    why = gr.Markdown(elem_id="why")
                with gr.Accordion("Settings", open=False, elem_id="settings-panel"):
                    gr.Markdown("\n".join(f"- **{k}:** {v}" for k, v in settings.describe().items())
                                + "\n\nChange these with `chatlens run` flags (see `chatlens run --help`).")
                    show = gr.Slider(1, max(2, settings.results), value=settings.results, step=1, label="Results shown",
                                     elem_id="show")
        result_viewer = viewer.ResultViewer()
        act_btns = result_viewer.act_btns

        # Hidden inputs/outputs of the named API endpoints.
        with gr.Column(visible=False):
            api_text = raw_text("message")
            api_files = gr.File(file_count="multiple", label="images", value=[])
            api_answer_to = raw_text("answer_to", value="")
            api_action = raw_text("action")
            api_item = gr.JSON(label="item_id")  # any JSON value: app.api checks it (NaN, strings, lists...)
            api_item.api_info = lambda: {"type": "integer", "minimum": 0}  # what clients should send (schema, MCP)
            api_token = raw_text("token", value="")
            api_looking_at = gr.JSON(label="looking_at", value=None)  # a shown result's id, or null; app.api checks it
            api_looking_at.api_info = lambda: {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]}
            api_reply = gr.JSON(label="reply")
            api_triggers = [gr.Button(f"api-{name}") for name in ("send", "act", "reset")]

        ui_outputs = [state, chatbot, gallery, question, *answer_btns, selection, *act_btns.values(), why,
                      *result_viewer.outputs, token]  # the token last: API clients of the page read it there

        def to_ui(new_state: ChatState | None, view: View, keep_gallery: bool = False, previous=None) -> tuple:
            if new_state is None and previous:  # the server lost this session: keep the page's dialogue visible
                view.history = [*previous, *view.history[-1:]]
            labels = view.answers[:MAX_ANSWERS]
            buttons = [gr.update(value=labels[i], visible=True) if i < len(labels) else gr.update(visible=False)
                       for i in range(MAX_ANSWERS)]
            q = _question_line(view)
            acts = [gr.update(interactive=view.can_act) for _ in act_btns]
            results = gr.update() if keep_gallery else gr.update(value=view.gallery, selected_index=None)
            saved = new_state.token if new_state is not None and new_state.token else gr.update()
            return (new_state, view.history, results, q, *buttons, view.selection, *acts, view.why,
                    *result_viewer.updates(view), saved)

        def on_load(st, tok, progress=gr.Progress()):
            return to_ui(*handlers.start(provider, st, _progress(progress), token=tok))

        def on_submit(st, message, history, tok, progress=gr.Progress()):
            message = message or {}
            out = to_ui(*handlers.send(provider, st, message.get("text"), message.get("files"),
                                       had_history=bool(history), progress=_progress(progress), token=_lost(st, tok),
                                       open_result=True),
                        previous=history)
            return (*out, {"text": "", "files": []})

        def on_answer(st, label, history, tok, progress=gr.Progress()):
            return to_ui(*handlers.answer(provider, st, label, had_history=bool(history), progress=_progress(progress),
                                          token=_lost(st, tok)), previous=history)

        def on_select(st, evt: gr.SelectData):
            return to_ui(*handlers.select(st, evt.index if isinstance(evt.index, int) else None), keep_gallery=True)

        def on_act(action: str):
            def fn(st, history, tok, progress=gr.Progress()):
                return to_ui(*handlers.act(provider, st, action, had_history=bool(history),
                                           progress=_progress(progress), token=_lost(st, tok)), previous=history)

            return fn

        def on_reset(st, tok, progress=gr.Progress()):
            return to_ui(*handlers.reset(provider, st, _progress(progress), token=tok))

        def on_show(st, n):
            return to_ui(*handlers.set_show(st, n))

        def on_close(st):
            return to_ui(*handlers.deselect(st), keep_gallery=True)

        private = {"api_visibility": "private"}
        demo.load(on_load, [state, token], ui_outputs, **private)
        box.submit(on_submit, [state, box, chatbot, token], [*ui_outputs, box], **private)
        for b in answer_btns:
            b.click(on_answer, [state, b, chatbot, token], ui_outputs, **private)
        gallery.select(on_select, [state], ui_outputs, concurrency_limit=None, **private)  # cheap: never waits
        for a, b in act_btns.items():
            b.click(on_act(a), [state, chatbot, token], ui_outputs, **private)
        new_btn.click(on_reset, [state, token], ui_outputs, **private)
        show.release(on_show, [state, show], ui_outputs, concurrency_limit=None, **private)
        result_viewer.close.click(on_close, [state], ui_outputs, concurrency_limit=None, **private)
        demo.load(None, js=viewer.JS, **private)
        _collapse_after_first_search([box.submit, *(b.click for b in [*answer_btns, *act_btns.values()])],
                                     [about_panel, try_panel])

        # Named API endpoints (gradio_client): each client has its own session, like a browser tab; a reply's
        # "token" names it, and passing that token continues it from any client, also after a restart.
        def api_send(message: str, images: list[str] | None, answer_to: str, token: str,
                     looking_at: int | None = None, st=None, progress=gr.Progress()):  # None: optional for clients
            """Say what image you are looking for (ChatLens searches a gallery and asks narrowing questions).

            Each reply lists the best results (id, score, caption, facets), the query searched, what was
            applied, and maybe a question with quick answers. Pass the reply's token back to continue the
            same conversation; without a token a new one starts.

            Args:
                message: What you want or want changed, e.g. "a red dress", "like this but in navy", "not striped".
                images: Optional reference photos (files, URLs or base64 data URIs), at most 4, 20 MB each.
                answer_to: To answer the reply's question, its facet (question.facet); else empty.
                token: The token of an earlier reply to continue that conversation; empty to start a new one.
                looking_at: Optional id of a result of the last reply that the message calls "this"; else null.
            """
            try:
                a = api.send_args(message, answer_to, token, looking_at)
            except api.BadValue as e:
                return _refused(st, e, progress)
            st, view = handlers.send(provider, st, a.message, images, answer_to=a.answer_to or None,
                                     progress=_progress(progress), token=a.token, looking_at=a.looking_at)
            return view.reply, st

        def api_act(action: str, item_id: int, token: str, st, progress=gr.Progress()):
            """Act on one result of the last reply: use it as a reference, reject it, or say it is the one.

            Args:
                action: "like" (more like this), "reject" (not this) or "found" (this is it: ends the search).
                item_id: The result's id, from the last reply's results.
                token: The conversation's token (from an earlier reply).
            """
            try:
                a = api.act_args(action, item_id, token)
            except api.BadValue as e:
                return _refused(st, e, progress)
            st, view = handlers.act(provider, st, a.action.strip(), a.item_id, progress=_progress(progress),
                                    token=a.token)
            return view.reply, st

        def api_reset(token: str, st, progress=gr.Progress()):
            """Start a new search: forgets the conversation's wishes; returns the greeting and first suggestions.

            Args:
                token: The conversation to restart (it keeps its token); empty for a brand-new one.
            """
            try:
                t = api.token_arg(token)
            except api.BadValue as e:
                return _refused(st, e, progress)
            st, view = handlers.reset(provider, st, _progress(progress), token=t)
            return view.reply, st

        def _refused(st, e: api.BadValue, progress) -> tuple:
            st, view = handlers.refuse(provider, st, str(e), progress=_progress(progress))
            return view.reply, st

        send_btn, act_btn, reset_btn = api_triggers  # never shown: the endpoints are called by name
        send_btn.click(api_send, [api_text, api_files, api_answer_to, api_token, api_looking_at, state],
                       [api_reply, state],
                       api_name="send")
        act_btn.click(api_act, [api_action, api_item, api_token, state], [api_reply, state], api_name="act")
        reset_btn.click(api_reset, [api_token, state], [api_reply, state], api_name="reset")
        if settings.mcp:  # MCP tools are app.mcp_tools' stateless twins; these keep a gr.State MCP cannot carry
            from app import mcp_tools

            for fn in (api_send, api_act, api_reset):
                fn._mcp_type = "api-only"  # type: ignore[attr-defined]  # Gradio lists only "tool" (or untyped) fns
            mcp_tools.register(provider)
    return demo
