"""A real ChatLens server in a subprocess, for benchmarks and end-to-end tests: start, stop (SIGTERM or SIGKILL), restart.

The app tests, the reliability tests (through ``tests/servers.py``) and the
benchmarks (``scripts/bench_concurrency.py``, ``scripts/bench_images.py``, the
startup section of ``agents.bench.retrieval``) all drive a server this way: a
free localhost port, a private ``CHATLENS_HOME``, no outside calls, and the process's output collected line by line so a test
can read what the server logged.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the folder holding app/, agents/, retrieval/: the checkout, or site-packages
READY_LINE = "ChatLens is ready at"
READY_TIMEOUT_S = 480  # a first start renders and indexes its small gallery: minutes on a busy 2-core machine (pytest-timeout is 600)
APP = ("-m", "app.cli", "run")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``python <program> --host 127.0.0.1 --port P <args>``; ``log`` collects its stdout and stderr."""

    def __init__(self, home: Path, *, port: int | None = None, program: Sequence[str] = APP,
                 args: Sequence[str] = (), env: dict[str, str] | None = None):
        self.home, self.port = Path(home), port or free_port()
        self.program, self.args, self.extra_env = list(program), list(args), dict(env or {})
        self.proc: subprocess.Popen | None = None
        self.log: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def command(self) -> list[str]:
        return [sys.executable, *self.program, "--host", "127.0.0.1", "--port", str(self.port), *self.args]

    def start(self) -> Server:
        env = {**os.environ, "CHATLENS_HOME": str(self.home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
               "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT),
               **self.extra_env}
        self.proc = subprocess.Popen(self.command(), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, errors="replace")
        ready = threading.Event()
        proc = self.proc

        def pump() -> None:
            for line in proc.stdout:  # type: ignore[union-attr]
                self.log.append(line)
                if READY_LINE in line:
                    ready.set()

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not ready.is_set() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if not ready.is_set():
            code = proc.poll()
            self.stop(kill=True)
            why = f"exited with code {code}" if code is not None else f"not ready after {READY_TIMEOUT_S} s"
            raise RuntimeError(f"server did not start ({why}):\n" + "".join(self.log[-60:]))
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
