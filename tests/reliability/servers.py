"""The reliability tests' server (``tests.servers.Server`` with their defaults) and the raw calls they make to it.

Every server here gets ``FAKE_KEY`` in its environment so any test can check that the
key never reaches a log, the page or an API reply.
"""

from __future__ import annotations

from pathlib import Path

from tests.servers import Server as BaseServer
from tests.servers import free_port

__all__ = ["FAKE_KEY", "Server", "chat_text", "endpoints", "free_port", "queue_call"]

FAKE_KEY = "sk-reliability-FAKE-0123456789abcdefXYZ"  # never a real key; searched for in logs and replies
ENCODER = "hash:64"  # deterministic test encoder: the suite checks isolation and safety, not ranking quality
DEMO_SIZE = 200


class Server(BaseServer):
    """A ``chatlens run`` with the reliability defaults: the hash encoder, a small gallery, ``FAKE_KEY`` in its environment."""

    def __init__(self, home: Path, *, port: int | None = None, args: list[str] | None = None,
                 env: dict[str, str] | None = None):
        defaults = ["--demo-size", str(DEMO_SIZE), "--encoder", ENCODER, "--results", "8"]
        super().__init__(home, port=port, args=[*defaults, *(args or [])], env={"OPENAI_API_KEY": FAKE_KEY, **(env or {})})


def endpoints(url: str) -> dict[str, int]:
    """Event name -> fn_index from the page config (the UI's private events included)."""
    import httpx

    cfg = httpx.get(url + "config", timeout=30).json()
    return {d.get("api_name"): d["id"] for d in cfg["dependencies"]}


def queue_call(url: str, fn_index: int, data: list, session_hash: str, timeout: float = 60) -> dict:
    """One event exactly as the browser sends it (queue/join, then the SSE stream); the completion message."""
    import json

    import httpx

    body = {"data": data, "fn_index": fn_index, "session_hash": session_hash, "event_data": None, "trigger_id": None}
    r = httpx.post(url + "gradio_api/queue/join", json=body, timeout=timeout)
    if r.status_code != 200:
        return {"msg": "rejected", "status": r.status_code, "text": r.text}
    with httpx.stream("GET", url + "gradio_api/queue/data", params={"session_hash": session_hash},
                      timeout=timeout) as s:
        for line in s.iter_lines():
            if line.startswith("data:"):
                msg = json.loads(line[5:])
                if msg.get("msg") == "process_completed":
                    return msg
    raise RuntimeError("the event stream ended without a result")


def chat_text(history: list) -> list[str]:
    """The text of each chat message in a Chatbot value (Gradio 6 keeps content as a list of parts)."""
    out = []
    for m in history or []:
        content = m.get("content")
        parts = content if isinstance(content, list) else [content]
        out.append(" ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in parts))
    return out
