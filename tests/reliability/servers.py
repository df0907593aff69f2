"""A real ``chatlens run`` in a subprocess: start, stop (gracefully or with SIGKILL), restart on the same port.

Shared by the reliability tests and ``scripts/bench_concurrency.py``. Every
server gets ``FAKE_KEY`` in its environment so any test can check that the
key never reaches a log, the page or an API reply.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAKE_KEY = "sk-reliability-FAKE-0123456789abcdefXYZ"  # never a real key; searched for in logs and replies
ENCODER = "hash:64"  # deterministic test encoder: the suite checks isolation and safety, not ranking quality
DEMO_SIZE = 200
READY_TIMEOUT_S = 240


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One ``python -m app.cli run`` process; ``log`` collects its stdout and stderr line by line."""

    def __init__(self, home: Path, *, port: int | None = None, args: list[str] | None = None,
                 env: dict[str, str] | None = None):
        self.home, self.port = Path(home), port or free_port()
        self.args, self.extra_env = list(args or []), dict(env or {})
        self.proc: subprocess.Popen | None = None
        self.log: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def command(self) -> list[str]:
        return [sys.executable, "-m", "app.cli", "run", "--host", "127.0.0.1", "--port", str(self.port),
                "--demo-size", str(DEMO_SIZE), "--encoder", ENCODER, "--results", "8", *self.args]

    def start(self) -> Server:
        env = {**os.environ, "CHATLENS_HOME": str(self.home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
               "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT),
               "OPENAI_API_KEY": FAKE_KEY, **self.extra_env}
        self.proc = subprocess.Popen(self.command(), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, errors="replace")
        ready = threading.Event()
        proc = self.proc

        def pump() -> None:
            for line in proc.stdout:  # type: ignore[union-attr]
                self.log.append(line)
                if "ChatLens is ready at" in line:
                    ready.set()

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not ready.is_set() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if not ready.is_set():
            self.stop(kill=True)
            raise RuntimeError("server did not start:\n" + "".join(self.log[-60:]))
        return self

    def stop(self, kill: bool = False) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def restart(self, kill: bool = True) -> Server:
        """Crash (SIGKILL by default) and start again on the same port with the same data folder."""
        self.stop(kill=kill)
        self.log.append("---- restarted ----\n")
        return self.start()

    def text(self, since: int = 0) -> str:
        return "".join(self.log[since:])


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
