"""Fixtures of the reliability suite: one in-process Assistant, one live server, the hostile upload files.

Everything runs on the deterministic ``hash`` encoder over a 200-item demo
gallery: these tests check that ChatLens refuses, isolates and recovers,
not how well it ranks. The in-process Assistant and the live server share
one data folder, so the gallery is rendered and indexed once per run.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from agents.config import AgentConfig
from retrieval.config import RetrievalConfig
from tests.reliability.hostile import write_uploads
from tests.reliability.servers import DEMO_SIZE, ENCODER, Server


@pytest.fixture(autouse=True)
def _offline_env(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="session")
def rel_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("reliability_home")


@pytest.fixture(scope="session")
def retrieval_config(rel_home) -> RetrievalConfig:
    return RetrievalConfig(data_dir=rel_home, encoder=ENCODER, demo_size=DEMO_SIZE)


@pytest.fixture(scope="session")
def assistant(retrieval_config):
    from agents.session import Assistant

    return Assistant.build(retrieval_config, AgentConfig(results=8))


@pytest.fixture(scope="session")
def uploads(tmp_path_factory) -> Path:
    return write_uploads(tmp_path_factory.mktemp("hostile_uploads"))


@pytest.fixture(scope="session")
def live(rel_home, tmp_path_factory):
    """The shared server (offline profile) for API, MCP, concurrency and file-serving tests."""
    gradio_tmp = tmp_path_factory.mktemp("gradio_tmp")
    mcp = ["--mcp"] if importlib.util.find_spec("mcp") else []  # test_mcp skips itself without the package
    server = Server(rel_home, args=mcp, env={"GRADIO_TEMP_DIR": str(gradio_tmp)}).start()
    server.gradio_tmp = gradio_tmp  # type: ignore[attr-defined]
    yield server
    server.stop()
