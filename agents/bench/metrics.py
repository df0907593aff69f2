"""Metrics over per-round target ranks (1-indexed): Hits@K, Recall@K, BRI.

BRI is PlugIR's Best log Rank Integral: with the best rank so far
``pi_t = min(pi_{t-1}, rank_t)`` and ``T`` rounds after the first,
``BRI = (1/(2T)) (ln pi_0 + ln pi_T) + (1/T) sum_{t=1}^{T-1} ln pi_t``
(the trapezoid rule over the log of the best rank), averaged over
dialogues; lower is better.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def best_so_far(ranks: Sequence[int]) -> list[int]:
    out, best = [], math.inf
    for r in ranks:
        best = min(best, r)
        out.append(int(best))
    return out


def bri(ranks: Sequence[int]) -> float:
    """BRI of one dialogue's ranks for rounds 0..T."""
    pi = [math.log(r) for r in best_so_far(ranks)]
    t = len(pi) - 1
    if t == 0:
        return pi[0]
    return (pi[0] + pi[t]) / (2 * t) + sum(pi[1:t]) / t


def hits_at(ranks: np.ndarray, k: int = 10) -> np.ndarray:
    """Cumulative: share of dialogues whose target was in the top k at any round so far, per round."""
    best = np.minimum.accumulate(ranks, axis=1)
    return (best <= k).mean(axis=0)


def recall_at(ranks: np.ndarray, k: int = 10) -> np.ndarray:
    """Share of dialogues whose target is in the top k at that round."""
    return (ranks <= k).mean(axis=0)


def rounds_to_hit(ranks: np.ndarray, k: int = 10) -> float:
    """Mean first round with the target in the top k, over dialogues that got there."""
    firsts = [int(np.argmax(row <= k)) for row in ranks if (row <= k).any()]
    return float(np.mean(firsts)) if firsts else float("nan")


def summarise(ranks: np.ndarray, k: int = 10) -> dict:
    """All dialogue metrics for a (dialogues, rounds) array of ranks."""
    final = ranks[:, -1]
    return {
        "hits@10": hits_at(ranks, k).round(4).tolist(),
        "recall@10": recall_at(ranks, k).round(4).tolist(),
        "bri": round(float(np.mean([bri(r) for r in ranks])), 4),
        "mean_rank_final": round(float(final.mean()), 2),
        "median_rank_final": float(np.median(final)),
        "mean_rank_per_round": ranks.mean(axis=0).round(2).tolist(),
        "rounds_to_hit": round(rounds_to_hit(ranks, k), 3),
        "found_share": round(float((np.minimum.accumulate(ranks, axis=1)[:, -1] <= k).mean()), 4),
    }
