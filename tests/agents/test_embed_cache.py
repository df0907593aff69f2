"""MiniLM's embedding cache is bounded (a server meets new words without end) and cannot be corrupted."""

from __future__ import annotations

import numpy as np
import pytest

from agents.embedding import EMBED_CACHE_CALLS, minilm_embedder


def test_embeddings_are_cached_bounded_and_read_only():
    embed = minilm_embedder()
    first = embed(["a photo of crimson"])
    assert embed(["a photo of crimson"]) is first  # the second call is served from the cache
    assert first.shape == (1, 384) and np.isclose(np.linalg.norm(first[0]), 1.0, atol=1e-4)
    with pytest.raises(ValueError):
        first[0, 0] = 0.0  # a caller cannot change what later callers get
    info = embed.cache_info()
    assert info.maxsize == EMBED_CACHE_CALLS and info.currsize <= EMBED_CACHE_CALLS
    assert embed([]).shape == (0, 384)
