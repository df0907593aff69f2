"""Synthetic unit vectors with realistic structure, and the measurements shared by the retrieval and scale benchmarks.

Vectors have low-rank structure (clustered latent factors with a decaying
spectrum, plus noise), not pure Gaussian noise, so that HNSW recall figures
mean something. Queries are fresh samples from the same distribution, never
database points.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

DIM = 384  # the demo encoder's width (MiniLM sentence space)


def low_rank(n: int, dim: int = DIM, seed: int = 0, rank: int = 48, clusters: int = 2000, chunk: int = 100_000) -> np.ndarray:
    """Unit vectors: cluster centre + within-cluster variation in a ``rank``-dim subspace with a decaying spectrum."""
    rng = np.random.default_rng(1234)  # the space (basis, centres) is shared by database and queries
    basis = rng.standard_normal((rank, dim)).astype(np.float32) / np.sqrt(dim)
    spectrum = (1.0 / np.sqrt(np.arange(1, rank + 1))).astype(np.float32)
    centres = rng.standard_normal((clusters, rank)).astype(np.float32) * spectrum
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), np.float32)
    for s in range(0, n, chunk):
        m = min(chunk, n - s)
        z = centres[rng.integers(0, clusters, m)] + 0.5 * rng.standard_normal((m, rank)).astype(np.float32) * spectrum
        x = z @ basis + 0.02 * rng.standard_normal((m, dim)).astype(np.float32)
        out[s : s + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


def recall_at(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f.tolist()) & set(t.tolist())) / len(t) for f, t in zip(found, truth, strict=True)]))


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a running process (Linux), the peak resident set so far."""
    try:
        for ln in Path(f"/proc/{pid}/status").read_text().splitlines():
            if ln.startswith("VmHWM:"):
                return int(ln.split()[1]) / 1024
    except OSError:
        pass
    return -1.0
