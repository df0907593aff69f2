"""Assistants on small demo galleries, built once per test session."""

import pytest

from agents.config import AgentConfig
from agents.session import Assistant
from retrieval.config import RetrievalConfig
from retrieval.library import open_library


@pytest.fixture(scope="session")
def demo_library():
    """600 catalog items indexed with the trained demo encoder (the real offline stack)."""
    return open_library(RetrievalConfig(encoder="demo", demo_size=600, candidate_pool=600))


@pytest.fixture(scope="session")
def demo_assistant(demo_library):
    return Assistant.build(RetrievalConfig(encoder="demo", demo_size=600, candidate_pool=600), AgentConfig(),
                           library=demo_library)


@pytest.fixture(scope="session")
def hash_assistant():
    """The deterministic test encoder: fast, for plumbing that does not depend on ranking quality."""
    cfg = RetrievalConfig(encoder="hash:64", demo_size=150, candidate_pool=150)
    return Assistant.build(cfg, AgentConfig())
