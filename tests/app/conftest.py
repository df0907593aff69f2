"""Fixtures of the app tests: a private CHATLENS_HOME, a fake assistant, and one live server per run.

The live server is a real ``chatlens run`` subprocess (``tests.servers.Server``)
on a free localhost port with a small demo gallery (``--demo-size``), shared by the gradio_client test
and the browser test. It runs the real agents on the demo encoder; while the
demo checkpoint is not trained yet it uses the deterministic ``hash`` encoder
(same code path, meaningless rankings). ``CHATLENS_E2E_ENCODER`` picks the
encoder; ``CHATLENS_E2E_BACKEND=fake`` runs the fake assistant instead
(``tests/app/fake_server.py``).
"""

from __future__ import annotations

import os

import pytest

from agents.config import AgentConfig
from app.provider import AssistantProvider
from tests.app.fakes import fake_factory
from tests.servers import ROOT, Server

E2E_DEMO_SIZE = 300


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("CHATLENS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")


HANDLER_DEMO_SIZE = 60


@pytest.fixture
def provider(tmp_path) -> AssistantProvider:
    """A provider of the fake assistant: for the Blocks wiring, which does not depend on what a session does."""
    return AssistantProvider(fake_factory(tmp_path / "gallery"), AgentConfig(results=8))


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory):
    """The real agents on a 60-item demo gallery with the trained demo encoder, built once: every handler test
    runs its own sessions on it, as a server's tabs do on its one Assistant."""
    from agents.session import Assistant
    from retrieval.config import RetrievalConfig

    cfg = RetrievalConfig(data_dir=tmp_path_factory.mktemp("handlers_home"), encoder="demo",
                          demo_size=HANDLER_DEMO_SIZE, candidate_pool=HANDLER_DEMO_SIZE, refresh_s=0)
    return Assistant.build(cfg, AgentConfig(results=8))


@pytest.fixture
def real_provider(real_assistant) -> AssistantProvider:
    return AssistantProvider(lambda progress=None: real_assistant, real_assistant.config)


def e2e_backend() -> str:
    """``real`` unless ``CHATLENS_E2E_BACKEND`` says otherwise (``fake``)."""
    return os.environ.get("CHATLENS_E2E_BACKEND", "real")


def e2e_encoder() -> str:
    if os.environ.get("CHATLENS_E2E_ENCODER"):
        return os.environ["CHATLENS_E2E_ENCODER"]
    from retrieval import demo_encoder

    return "demo" if demo_encoder.is_trained() else "hash:64"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    backend = e2e_backend()
    args = ["--demo-size", str(E2E_DEMO_SIZE), "--results", "8"]
    if backend == "real":
        server = Server(tmp_path_factory.mktemp("e2e_home"), args=[*args, "--encoder", e2e_encoder()])
    else:
        server = Server(tmp_path_factory.mktemp("e2e_home"), program=[str(ROOT / "tests" / "app" / "fake_server.py")], args=args)
    try:
        server.start()
    except RuntimeError as e:
        pytest.fail(f"server ({backend}): {e}")
    yield server
    server.stop()
    leaked = [line for line in server.log if "Traceback" in line]
    assert not leaked, f"the {backend} server logged a traceback:\n" + server.text()[-8000:]
