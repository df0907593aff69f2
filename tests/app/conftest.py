"""Fixtures of the app tests: a private CHATLENS_HOME, a fake assistant, and one live server per run.

The live server is a real ``chatlens run`` subprocess on a free localhost port
with a small demo gallery (``--demo-size``), shared by the gradio_client test
and the browser test. It runs the real agents on the demo encoder; while the
demo checkpoint is not trained yet it uses the deterministic ``hash`` encoder
(same code path, meaningless rankings). ``CHATLENS_E2E_ENCODER`` picks the
encoder; ``CHATLENS_E2E_BACKEND=fake`` runs the fake assistant instead
(``tests/app/fake_server.py``).
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from agents.config import AgentConfig
from app.handlers import AssistantProvider
from tests.app.fakes import fake_factory

ROOT = Path(__file__).resolve().parents[2]
E2E_DEMO_SIZE = 300
READY_TIMEOUT_S = 240  # first start renders and indexes the small gallery


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CHATLENS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture
def provider(tmp_path) -> AssistantProvider:
    return AssistantProvider(fake_factory(tmp_path / "gallery"), AgentConfig(results=8))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def e2e_backend() -> str:
    forced = os.environ.get("CHATLENS_E2E_BACKEND")
    if forced:
        return forced
    return "real" if importlib.util.find_spec("agents.session") else "fake"


def e2e_encoder() -> str:
    if os.environ.get("CHATLENS_E2E_ENCODER"):
        return os.environ["CHATLENS_E2E_ENCODER"]
    from retrieval import demo_encoder

    return "demo" if demo_encoder.is_trained() else "hash:64"


class LiveServer:
    def __init__(self, url: str, backend: str, proc: subprocess.Popen, log: list[str]):
        self.url, self.backend, self.proc, self.log = url, backend, proc, log


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("e2e_home")
    port, backend = free_port(), e2e_backend()
    env = {**os.environ, "CHATLENS_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    args = ["--host", "127.0.0.1", "--port", str(port), "--demo-size", str(E2E_DEMO_SIZE), "--results", "8"]
    if backend == "real":
        cmd = [sys.executable, "-m", "app.cli", "run", *args, "--encoder", e2e_encoder()]
    else:
        cmd = [sys.executable, str(ROOT / "tests" / "app" / "fake_server.py"), *args]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []
    ready = threading.Event()

    def pump():
        for line in proc.stdout:  # type: ignore[union-attr]
            log.append(line)
            if "ChatLens is ready at" in line:
                ready.set()

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not ready.is_set() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    if not ready.is_set():
        proc.kill()
        pytest.fail(f"server ({backend}) did not start:\n" + "".join(log[-60:]))
    yield LiveServer(f"http://127.0.0.1:{port}/", backend, proc, log)
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    leaked = [line for line in log if "Traceback" in line]
    assert not leaked or backend == "real", "".join(log[-80:])
