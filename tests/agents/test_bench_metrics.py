"""Benchmark metrics on hand-computed rank sequences."""

import math

import numpy as np
import pytest

from agents.bench.metrics import best_so_far, bri, hits_at, recall_at, rounds_to_hit


def test_best_so_far():
    assert best_so_far([50, 80, 20, 30, 1]) == [50, 50, 20, 20, 1]


def test_bri_by_hand():
    # T = 2: (ln 100 + ln 4) / 4 + ln 10 / 2
    assert bri([100, 10, 4]) == pytest.approx((math.log(100) + math.log(4)) / 4 + math.log(10) / 2)
    # stuck at rank 100 for T = 10 rounds gives ln 100
    assert bri([100] * 11) == pytest.approx(math.log(100))
    # a rank that gets worse does not count: best-so-far is used
    assert bri([5, 50, 50]) == pytest.approx(math.log(5))
    assert bri([1] * 11) == 0.0


def test_hits_recall_rounds():
    ranks = np.array([[20, 5, 30], [1, 1, 1], [50, 40, 11]])
    assert hits_at(ranks).tolist() == pytest.approx([1 / 3, 2 / 3, 2 / 3])
    assert recall_at(ranks).tolist() == pytest.approx([1 / 3, 2 / 3, 1 / 3])
    assert rounds_to_hit(ranks) == pytest.approx(0.5)
