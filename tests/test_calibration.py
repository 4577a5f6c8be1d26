"""Tests for forecasting.calibration: hand-worked quantiles and a planted per-horizon spread."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from clusterlib.forecasting.calibration import (
    clustered_coverage,
    conformal_quantiles,
    half_width,
    horizon_quantiles,
    path_scale,
)


def test_conformal_quantile_hand_example():
    # four scores, level 50%: target 0.5·(4+1)/4 = 0.625 of the weight; shares .25 .5 .75 1
    assert conformal_quantiles([np.array([4.0, 1.0, 3.0, 2.0])], levels=(50,))[50][0] == 3.0
    # weights 1, 1, 1, 5 on scores 1..4: shares .125 .25 .375 1 → the fourth score
    weighted = conformal_quantiles([np.arange(1.0, 5.0)], [np.array([1, 1, 1, 5.0])], (50,))
    assert weighted[50][0] == 4.0
    # NaN scores are ignored; a level above what n scores allow gives the largest score
    assert conformal_quantiles([np.array([1.0, np.nan, 2.0])], levels=(95,))[95][0] == 2.0


def test_conformal_quantiles_recover_a_planted_spread_per_horizon_and_cover():
    # the errors' sd grows with the horizon as 1 + 0.2(k - 1) times the model's sd (which is 1)
    rng = np.random.default_rng(4)
    spread = 1 + 0.2 * np.arange(8)
    calibration = np.abs(rng.standard_normal((4000, 8)) * spread)
    table = conformal_quantiles([calibration[:, k] for k in range(8)])
    for level in (80, 95):
        truth = spread * norm.ppf(0.5 + level / 200)
        # standard error of an empirical quantile: sqrt(p(1-p)/n) / density of |error| there
        p = level / 100
        density = 2 * norm.pdf(truth / spread) / spread
        tolerance = 4 * np.sqrt(p * (1 - p) / 4000) / density
        assert np.all(np.abs(table[level] - truth) <= tolerance)
    fresh = np.abs(rng.standard_normal((4000, 8)) * spread)
    coverage = (fresh <= table[80][None, :]).mean(axis=0)
    # binomial standard error of a coverage over 4000 draws is 0.006; the table's own error adds
    np.testing.assert_allclose(coverage, 0.80, atol=0.03)


def test_a_short_table_repeats_its_last_horizon():
    table = horizon_quantiles(4, {80: (1.0, 1.5)})
    np.testing.assert_array_equal(table[80], [1.0, 1.5, 1.5, 1.5])


def test_levels_outside_the_table_follow_its_80_percent_scale():
    quantiles = {80: np.array([norm.ppf(0.9) * 2])}
    assert half_width(quantiles, 90, 1)[0] == pytest.approx(2 * norm.ppf(0.95))
    assert path_scale(quantiles, 1)[0] == pytest.approx(2.0)
    assert half_width(None, 80, 2) == pytest.approx([norm.ppf(0.9)] * 2)


def test_clustered_coverage_hand_example():
    # two clusters: hits (1, 1) and (0, 1): p = 3/4; S - n·p = 0.5 and -0.5;
    # variance = 2/1 · (0.25 + 0.25) / 16 = 1/16, so the half-width is 1.96 / 4
    cov, lo, hi = clustered_coverage(np.array([1, 1, 0, 1]), np.array(["a", "a", "b", "b"]))
    assert cov == 0.75
    assert (lo, hi) == pytest.approx((0.75 - 0.49, 0.75 + 0.49))


def test_clustered_coverage_interval_holds_under_within_series_dependence():
    # 200 series x 8 horizons whose hits share a series effect: the naive binomial interval is
    # too narrow, the clustered one covers the true rate about 95% of the time
    rng = np.random.default_rng(9)
    inside, naive_inside = [], []
    for _ in range(300):
        effect = rng.standard_normal(200)[:, None]
        hits = (effect + rng.standard_normal((200, 8)) < norm.ppf(0.8) * np.sqrt(2)).astype(float)
        clusters = np.repeat(np.arange(200), 8)
        cov, lo, hi = clustered_coverage(hits.ravel(), clusters)
        inside.append(lo <= 0.8 <= hi)
        se = np.sqrt(cov * (1 - cov) / hits.size)
        naive_inside.append(cov - 1.96 * se <= 0.8 <= cov + 1.96 * se)
    assert np.mean(inside) == pytest.approx(0.95, abs=0.04)
    assert np.mean(naive_inside) < 0.85
