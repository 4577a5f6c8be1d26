"""The shrink of the forward probabilities towards 0.5 (goals.recalibration) and its setting."""

import numpy as np
import pytest
from scipy import stats

from clusterlib.exceptions import ParameterError
from clusterlib.goals.catalogue import check_settings, load_settings
from clusterlib.goals.forward import probability
from clusterlib.goals.recalibration import MAX_SHRINK, fit_shrink, log_likelihood, shrink


def test_shrink_by_hand():
    # ε + (1 − 2ε)·p with ε = 0.05: 0 → 0.05, 1 → 0.95, 0.8 → 0.05 + 0.9·0.8 = 0.77
    got = shrink(np.array([0.0, 1.0, 0.8, 0.5, np.nan]), 0.05)
    np.testing.assert_allclose(got, [0.05, 0.95, 0.77, 0.5, np.nan])
    assert shrink(0.1, 0.0) == 0.1  # ε = 0 is the raw share, to the last digit
    assert shrink(0.5, 0.0003) == 0.5  # exactly: a share of 250 / 500 stays on the cut-off
    with pytest.raises(ValueError, match="should be in"):
        shrink(0.3, 0.5)


def test_log_likelihood_by_hand():
    # two cases: p 0.8 came true, p 0.25 did not: (ln 0.8 + ln 0.75) / 2
    assert log_likelihood(np.array([0.8, 0.25]), np.array([1, 0])) == pytest.approx(
        (np.log(0.8) + np.log(0.75)) / 2
    )


def _planted_cases(epsilon: float, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Raw probabilities (many near 0 and 1) and outcomes drawn from ``shrink(raw, epsilon)``."""
    rng = np.random.default_rng(seed)
    raw = rng.beta(0.3, 0.3, n)
    return raw, rng.random(n) < shrink(raw, epsilon)


@pytest.mark.parametrize("planted", [0.0, 0.04])
def test_fit_shrink_recovers_the_planted_shrink(planted):
    raw, met = _planted_cases(planted, 20_000, seed=3)
    assert fit_shrink(raw, met) == pytest.approx(planted, abs=0.006)
    with pytest.raises(ValueError, match="without NaN"):
        fit_shrink(np.array([np.nan]), np.array([True]))


def _fat_tailed_cases(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Over-confident by construction: the year-end gap is Student t(3), the paths normal.

    Each case's gap has median μ and scale 1; the 500 simulated draws are normal(μ, 1), so
    the share above 0 is Φ(μ) while the truth is the t(3) tail, heavier in both tails.
    Returns the raw share, the true probability and the realised outcome.
    """
    rng = np.random.default_rng(seed)
    median = rng.uniform(-4.0, 4.0, n)
    raw = np.array([probability(rng.normal(m, 1.0, 500), ">", 0.0) for m in median])
    truth = stats.t.sf(-median, df=3)
    return raw, truth, rng.random(n) < truth


def test_fitted_shrink_brings_over_confident_probabilities_closer_to_the_truth():
    design_raw, _, design_met = _fat_tailed_cases(4000, seed=1)
    epsilon = fit_shrink(design_raw, design_met)
    assert 0.005 < epsilon < 0.05  # the t(3) tails beyond |μ| = 2 to 4 hold 1–3 %
    raw, truth, _ = _fat_tailed_cases(4000, seed=2)  # fresh cases
    fixed = shrink(raw, epsilon)
    assert np.mean((fixed - truth) ** 2) < np.mean((raw - truth) ** 2)
    tails = truth < 0.05
    assert np.abs(fixed - truth)[tails].mean() < 0.5 * np.abs(raw - truth)[tails].mean()


RAW_SETTINGS = {
    "on_track": 0.5, "at_risk": 0.2, "alpha": 0.05, "correction": "holm", "hac_window": 32,
    "hac_maxlags": 4, "hac_reference": "sieve", "hac_n_boot": 199, "seed": 0,
}  # fmt: skip


def test_the_setting_is_read_checked_and_defaults_to_no_shrink():
    assert check_settings(RAW_SETTINGS).probability_shrink == 0.0  # written before the setting
    assert 0.0 <= load_settings().probability_shrink <= MAX_SHRINK
    with pytest.raises(ParameterError) as error:
        check_settings(RAW_SETTINGS | {"probability_shrink": 0.6, "at_risk": 0.9})
    message = str(error.value)
    assert "key 'probability_shrink': 0.6 should be between 0 and 0.25" in message
    assert "key 'at_risk'" in message  # every problem at once
    with pytest.raises(ParameterError, match="key 'probability_shrink': should be int or float"):
        check_settings(RAW_SETTINGS | {"probability_shrink": "0.01"})
