"""Tests of the rank intervals under weight draws (planted orderings)."""

from __future__ import annotations

import numpy as np
import pytest

from clusterlib.evaluation.uncertainty import (
    ahead_of_next,
    rank_interval,
    weight_draws,
    weight_rank_draws,
)

WEIGHTS = np.array([0.5, 0.3, 0.2])


def test_dirichlet_draws_centre_on_the_weights():
    draws = weight_draws(WEIGHTS, 200.0, 4000, seed=1)
    assert np.allclose(draws.sum(axis=1), 1.0)
    assert draws.mean(axis=0) == pytest.approx(WEIGHTS, abs=0.005)
    # Dirichlet variance w(1 − w)/(c + 1)
    assert draws.var(axis=0) == pytest.approx(WEIGHTS * (1 - WEIGHTS) / 201, rel=0.1)
    wider = weight_draws(WEIGHTS, 20.0, 4000, seed=1)
    assert (wider.std(axis=0) > draws.std(axis=0)).all()


def test_zero_weight_stays_zero():
    draws = weight_draws(np.array([0.6, 0.0, 0.4]), 50.0, 100, seed=1)
    assert (draws[:, 1] == 0).all()


def test_dominant_cluster_is_first_under_every_draw_and_ties_are_not_real():
    scores = np.array(
        [
            [100.0, 100.0, 100.0],  # best on everything: rank 1 whatever the weights
            [90.0, 70.0, 60.0],  # composite 0.5·90 + 0.3·70 + 0.2·60 = 78
            [70.0, 90.0, 90.0],  # 35 + 27 + 18 = 80, a different profile
            [60.0, 60.0, 60.0],  # worst on everything
        ]
    )
    rank_draws = weight_rank_draws(scores, weight_draws(WEIGHTS, 50.0, 2000, seed=3))
    low, high = rank_interval(rank_draws, 0.9)
    assert (low[[0, 3]] == [1, 4]).all() and (high[[0, 3]] == [1, 4]).all()
    assert low[1] == 2 and high[1] == 3 and low[2] == 2 and high[2] == 3
    ahead = ahead_of_next(rank_draws, np.array([0, 2, 1, 3]))
    assert ahead[0] == 1.0 and ahead[2] == 1.0 and np.isnan(ahead[3])
    assert 0.5 < ahead[1] < 0.95  # 80 vs 78: ahead more often than not, but not surely


def test_huge_concentration_gives_the_stated_ranks():
    scores = np.random.default_rng(0).uniform(60, 100, size=(30, 3))
    rank_draws = weight_rank_draws(scores, weight_draws(WEIGHTS, 1e9, 200, seed=0))
    stated = weight_rank_draws(scores, WEIGHTS[None, :])[0]
    low, high = rank_interval(rank_draws, 0.9)
    assert (low == stated).all() and (high == stated).all()
