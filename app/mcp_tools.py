"""MCP tools (``chatlens run --mcp``): send, act and reset for an AI agent, one conversation per token.

Gradio serves every public endpoint as an MCP tool named after its function,
described by its docstring; each returns the reply as JSON text (what an agent reads). The page's own API endpoints keep a per-client
``gr.State`` that an MCP call cannot carry (and Gradio's MCP bridge cannot
return), so the tools here are stateless ``gr.api`` endpoints: each call
names its conversation by token and every reply carries it. Images come as
base64 (URLs are never fetched by the server).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import gradio as gr

from app import api, handlers
from app.provider import AssistantProvider
from app.view import reply_payload


def _refused(e: api.BadValue) -> str:
    reply = {**reply_payload(None, None, None, str(e)), "error": "invalid"}
    return json.dumps(reply)


def register(provider: AssistantProvider) -> None:
    """Add the three tools to the Blocks being built (call inside its ``with``)."""

    def send(message: str, images: list[str] | None = None, answer_to: str = "", token: str = "",
             looking_at: int | None = None) -> str:
        """Search an image gallery by describing what you want; ChatLens replies with ranked results and may ask a question.

        The reply is JSON text with: token (pass it back to continue this conversation), message, results (id, score,
        caption, facets; best first), query (what was searched), explanation (constraints applied), question
        (facet, text, options) and error (set when the request was refused; nothing changed then).

        Args:
            message: What you want, or what to change, in plain words, e.g. "a red dress", "but with long sleeves", "not striped".
            images: Optional reference photos as base64 strings or data:image/...;base64 URIs (at most 4, 20 MB each; URLs are not fetched).
            answer_to: When answering the reply's question with one of its options, that question's facet; otherwise empty.
            token: The token from an earlier reply to continue that conversation; empty to start a new one.
            looking_at: Optional id of a result of the last reply that the message calls "this" ("like this but in red", "not this one", "that's it").
        """
        try:
            a = api.send_args(message, answer_to, token, looking_at)
            pictures = api.image_bytes(images)
        except api.BadValue as e:
            return _refused(e)
        with tempfile.TemporaryDirectory(prefix="chatlens-mcp-") as tmp:
            paths = []
            for i, data in enumerate(pictures, 1):
                path = Path(tmp) / f"image-{i}"
                path.write_bytes(data)
                paths.append(str(path))
            _, view = handlers.send(provider, None, a.message, paths, answer_to=a.answer_to or None, token=a.token,
                                    looking_at=a.looking_at)
        return json.dumps(view.reply)

    def act(action: str, item_id: int, token: str) -> str:
        """Act on one result of the conversation's last reply: use it as a reference, reject it, or say it is the one.

        Returns the same JSON text as send (new results, explanation, question, token).

        Args:
            action: "like" (show more like this result), "reject" (not this one) or "found" (this is it; ends the search).
            item_id: The result's id, from the last reply's results.
            token: The conversation's token, from an earlier reply.
        """
        try:
            a = api.act_args(action, item_id, token)
        except api.BadValue as e:
            return _refused(e)
        if a.token is None:
            return _refused(api.BadValue("Invalid token: act needs the token of the conversation whose results "
                                         "you act on."))
        _, view = handlers.act(provider, None, a.action.strip(), a.item_id, token=a.token)
        return json.dumps(view.reply)

    def reset(token: str = "") -> str:
        """Start the search over: forget everything the conversation asked for; returns a greeting and first results.

        Args:
            token: The conversation to restart (it keeps its token); empty for a brand-new conversation.
        """
        try:
            t = api.token_arg(token)
        except api.BadValue as e:
            return _refused(e)
        _, view = handlers.reset(provider, None, token=t)
        return json.dumps(view.reply)

    for fn in (send, act, reset):
        gr.api(fn, api_name=f"mcp_{fn.__name__}")
