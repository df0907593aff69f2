"""Assistants on small demo galleries, built once per test session."""

import pytest

from agents.config import AgentConfig
from agents.lexicon import Lexicon
from agents.session import Assistant
from retrieval.config import RetrievalConfig
from retrieval.facets import demo_facets
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


@pytest.fixture(scope="module")
def lexicon(request):
    """A fresh demo-catalog lexicon for each test module; warmed (WordNet's full table embedded, the sleeve and
    neckline probe fitted) where the module sets ``WARM_LEXICON = True``. A cold one reads as a turn does before
    the app's warm-up thread has run (``Lexicon.table``)."""
    lex = Lexicon(demo_facets())
    return lex.warm() if getattr(request.module, "WARM_LEXICON", False) else lex
