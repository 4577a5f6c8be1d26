"""Tests for clusterlib.forecasting.airline: answers by hand, planted parameters, statsmodels."""

from __future__ import annotations

import warnings
from functools import cache

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize
from statsmodels.tsa.statespace.initialization import Initialization
from statsmodels.tsa.statespace.sarimax import SARIMAX

from clusterlib import paths
from clusterlib.forecasting import airline
from clusterlib.forecasting.airline import (
    BOUND,
    autocovariances,
    concentrated_loglike,
    differences,
    estimate,
    fit_airline_model,
    forecast,
)
from clusterlib.forecasting.models import fit_airline, fit_series, prepare, unfittable_reason

SEASON, H = 4, 8


def simulate(seed: int, n: int, theta: float, seasonal_theta: float, sigma: float = 0.02):
    """An airline series of ``n`` values: ``(1 − B)(1 − B⁴)·y = (1 + θB)(1 + ΘB⁴)·e``."""
    rng = np.random.default_rng(seed)
    e = sigma * rng.standard_normal(n + 40)
    w = e[5:] + theta * e[4:-1] + seasonal_theta * e[1:-4] + theta * seasonal_theta * e[:-5]
    y = np.zeros(len(w) + 5)
    for t in range(5, len(y)):
        y[t] = y[t - 1] + y[t - 4] - y[t - 5] + w[t - 5]
    return 4.6 + y[-n:]


def statsmodels_model(y: np.ndarray) -> SARIMAX:
    """The airline model as ``models.fit_airline`` fitted it before (variance concentrated out)."""
    return SARIMAX(y, order=(0, 1, 1), seasonal_order=(0, 1, 1, SEASON), concentrate_scale=True)


def exact_diffuse_model(y: np.ndarray) -> SARIMAX:
    """The airline model in statsmodels with an exact diffuse start of the differenced states.

    statsmodels' default for ``SARIMAX`` is an approximate diffuse start (prior variance
    1e6) whose likelihood leaves out the first ``1 + s`` observations; it differs from the
    exact one by a residue that grows with the series' level over its noise (1e-4 in the
    log-likelihood of a log series near 4.6 with 2% noise).
    """
    model = statsmodels_model(y)
    start = Initialization(model.k_states)
    start.set((0, 1 + SEASON), "diffuse")
    start.set((1 + SEASON, model.k_states), "stationary")
    model.ssm.initialization = start
    model.loglikelihood_burn = 0
    return model


def statsmodels_fit(y: np.ndarray):
    """statsmodels' estimates and its filter at them (the former ``fit_airline``)."""
    model = statsmodels_model(y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        params = model.fit(disp=False, return_params=True)
    return model, params, model.filter(params, cov_type="none")


@cache
def m3_design() -> dict[str, np.ndarray]:
    """Histories of the M3 quarterly design series (data/benchmark/, as bench/m3_benchmark.py)."""
    values = pd.read_csv(paths.DATA / "benchmark" / "m3_quarterly.csv")
    meta = pd.read_csv(paths.DATA / "benchmark" / "m3_quarterly_series.csv")
    design = set(meta.loc[meta["subset"] == "design", "series"])
    train = values[values["series"].isin(design) & (values["part"] == "train")]
    return {
        name: group.sort_values("t")["value"].to_numpy(dtype=float)
        for name, group in train.groupby("series")
    }


@cache
def m3_seasonal_design() -> tuple[np.ndarray, ...]:
    """Working-scale design series that ``fit_series`` sends to the airline (every third)."""
    works = []
    for values in m3_design().values():
        if unfittable_reason(values) is None:
            prep = prepare(values)
            if np.any(prep.seasonal):
                works.append(prep.work)
    return tuple(works[::3])


def test_autocovariances_by_hand():
    # ψ = (1, 0.5, 0, 0, −0.5, −0.25): γ_k = Σ ψ_j·ψ_{j+k}
    gamma = autocovariances(0.5, -0.5, 4)
    expected = [1 + 0.25 + 0.25 + 0.0625, 0.5 + 0.125, 0.0, -0.25, -0.5 - 0.125, -0.25]
    np.testing.assert_allclose(gamma, expected, rtol=1e-15)
    # s = 2: lags 1 and s − 1 coincide, ψ = (1, θ + 0·, Θ, θΘ) = (1, 0.5, −0.5, −0.25)
    np.testing.assert_allclose(autocovariances(0.5, -0.5, 2), [1.5625, 0.625 - 0.25, -0.625, -0.25])


def test_loglike_of_a_tiny_series_by_hand():
    # m = 2 differences: G = [[γ0, γ1], [γ1, γ0]], σ̂² = wᵀG⁻¹w / 2
    # y_t − y_{t−4} = 5, 6, 3 for t = 4, 5, 6; their changes w = (1, −3)
    y = np.array([0.0, 1.0, 3.0, 2.0, 5.0, 7.0, 6.0])
    w = differences(y, 4)
    np.testing.assert_array_equal(w, [1.0, -3.0])
    g0, g1 = (1 + 0.09) * (1 + 0.16), 0.3 * (1 + 0.16)
    gram = np.array([[g0, g1], [g1, g0]])
    sigma2 = w @ np.linalg.solve(gram, w) / 2
    expected = -0.5 * (2 * np.log(2 * np.pi * sigma2) + 2 + np.log(np.linalg.det(gram)))
    assert concentrated_loglike(w, 0.3, -0.4, 4) == pytest.approx(expected, rel=1e-12)


def test_a_batch_of_pairs_gives_each_pair_its_own_likelihood():
    # the block-diagonal banded matrix of several pairs factors block by block
    w = differences(simulate(2, 30, 0.2, -0.6), SEASON)
    theta = np.array([[0.3, -0.7], [0.0, 0.9]])
    seasonal = np.array([[-0.5, 0.2], [-0.9999, 0.4]])
    batch = airline.concentrated_loglikes(w, theta, seasonal, SEASON)
    for index in np.ndindex(theta.shape):
        alone = concentrated_loglike(w, theta[index], seasonal[index], SEASON)
        assert batch[index] == pytest.approx(alone, rel=1e-13)


@pytest.mark.parametrize("n", [12, 16, 40, 64])
@pytest.mark.parametrize("params", [(0.3, -0.5), (-0.7, 0.2), (0.1, -0.99)])
def test_loglike_equals_statsmodels_at_given_parameters(n, params):
    y = simulate(n, n, -0.4, -0.6)
    ours = concentrated_loglike(differences(y, SEASON), *params, SEASON)
    # the exact diffuse likelihood counts log 2π for the 1 + s diffuse observations too
    exact = exact_diffuse_model(y).loglike(list(params)) + (1 + SEASON) / 2 * np.log(2 * np.pi)
    assert ours == pytest.approx(exact, rel=1e-10)
    # statsmodels' default approximate diffuse start, on the series minus its mean (the
    # residue grows with the level): a few parts per million
    approximate = statsmodels_model(y - y.mean()).loglike(list(params))
    assert ours == pytest.approx(approximate, abs=1e-5)


@pytest.mark.parametrize("n", [12, 17, 40, 64])
def test_forecasts_and_residuals_equal_statsmodels_at_the_same_parameters(n):
    y = simulate(100 + n, n, 0.2, -0.7)
    params = (0.25, -0.65)
    mean, var, sigma2, resid = forecast(y, *params, SEASON, H)
    res = exact_diffuse_model(y).filter(list(params))
    prediction = res.get_forecast(H)
    np.testing.assert_allclose(mean, prediction.predicted_mean, rtol=1e-13)
    np.testing.assert_allclose(var, prediction.var_pred_mean, rtol=1e-11)
    assert sigma2 == pytest.approx(res.scale, rel=1e-12)
    assert np.isnan(resid[: 1 + SEASON]).all()
    np.testing.assert_allclose(resid[1 + SEASON :], res.resid[1 + SEASON :], rtol=0, atol=1e-13)


def test_planted_parameters_are_recovered_from_a_long_series():
    theta, seasonal_theta, sigma = -0.4, -0.6, 0.02
    y = simulate(7, 600, theta, seasonal_theta, sigma)
    fit = fit_airline_model(y, H, SEASON)
    m = 600 - 1 - SEASON
    # asymptotic standard errors of MA coefficients: sqrt((1 − c²) / m); allow three
    assert fit.theta == pytest.approx(theta, abs=3 * np.sqrt((1 - theta**2) / m))
    assert fit.seasonal_theta == pytest.approx(
        seasonal_theta, abs=3 * np.sqrt((1 - seasonal_theta**2) / m)
    )
    assert fit.sigma2 == pytest.approx(sigma**2, rel=3 * np.sqrt(2 / m))


def test_estimates_and_forecasts_match_statsmodels_on_simulated_series():
    same = []
    for seed in range(6):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(16, 65))
        y = simulate(seed, n, rng.uniform(-0.8, 0.8), rng.uniform(-0.85, 0.5))
        same.append(check_against_statsmodels(y))
    # most reach the same interior maximum (compared in full), none a lower one
    assert sum(same) >= 4


def test_estimates_and_forecasts_match_statsmodels_on_m3_seasonal_series():
    works = m3_seasonal_design()
    assert len(works) == 35  # every third of the 104 seasonal design series
    same = [check_against_statsmodels(y) for y in works]
    # the others: statsmodels heading for Θ = −1 (|Θ| > 0.98, where the likelihood is flat)
    # or stopped at a local maximum; checked above only not to beat ours
    assert sum(same) >= 0.75 * len(works)


def check_against_statsmodels(y: np.ndarray) -> bool:
    """Compare our fit with statsmodels'; True if both reached the same interior maximum.

    Ours is at least as likely by statsmodels' own likelihood; at the same interior maximum
    the estimates, forecasts, variances and residuals agree.
    """
    model, params, res = statsmodels_fit(y)
    ours = fit_airline_model(y, H, SEASON)
    # judged by statsmodels' own likelihood: never worse than its optimiser
    gain = model.loglike([ours.theta, ours.seasonal_theta]) - res.llf
    assert gain >= -1e-5
    same_maximum = abs(gain) < 1e-4
    if not same_maximum or np.max(np.abs(params)) > 0.98:
        # statsmodels stopped at a local maximum or on its way to the bound Θ → −1
        return False
    np.testing.assert_allclose([ours.theta, ours.seasonal_theta], params, atol=5e-3)
    prediction = res.get_forecast(H)
    scale = np.std(np.diff(y))
    np.testing.assert_allclose(ours.mean, prediction.predicted_mean, atol=2e-3 * scale)
    np.testing.assert_allclose(ours.var, prediction.var_pred_mean, rtol=5e-3)
    np.testing.assert_allclose(ours.resid[5:], res.resid[5:], atol=5e-3 * scale)
    return True


def test_the_shortest_seasonal_series_is_fitted():
    # fit_series sends a series to the airline from 12 quarters (three years) on, if seasonal
    rng = np.random.default_rng(3)
    values = np.exp(4.6 + np.cumsum(0.01 * rng.standard_normal(12)) + np.tile([0.2, 0, 0, 0], 3))
    prep = prepare(values)
    assert np.any(prep.seasonal) and len(prep.work) == 12
    fit = fit_airline(prep, H)
    assert np.all(np.isfinite(fit.mean)) and np.all(fit.var > 0)
    assert np.isnan(fit.resid[:5]).all() and np.all(np.isfinite(fit.resid[5:]))
    model, _, res = statsmodels_fit(prep.work)
    ours = fit_airline_model(prep.work, H, SEASON)
    assert model.loglike([ours.theta, ours.seasonal_theta]) >= res.llf - 1e-5
    assert "arima" in fit_series(values, H, models=("arima",)).fits


def test_a_seasonal_ma_at_the_bound():
    # M3 series N0739 (36 quarters): the likelihood rises all the way to Θ = −1, a seasonal
    # pattern that does not evolve; the search stops at the bound, statsmodels (which maps
    # (−1, 1) onto the real line) somewhere on its way there
    y = prepare(m3_design()["N0739"]).work
    ours = fit_airline_model(y, H, SEASON)
    assert ours.seasonal_theta == -BOUND
    w = differences(y, SEASON)
    # the likelihood is defined at Θ = −1 itself and continuous up to it
    at_limit = concentrated_loglike(w, ours.theta, -1.0, SEASON)
    assert at_limit == pytest.approx(ours.loglike, abs=1e-3)
    model, params, res = statsmodels_fit(y)
    assert -0.999 < params[1] < -0.99
    assert model.loglike([ours.theta, ours.seasonal_theta]) >= res.llf
    # the forecasts hardly depend on where between −0.99 and −1 the search stops
    prediction = res.get_forecast(H)
    scale = np.std(np.diff(y))
    np.testing.assert_allclose(ours.mean, prediction.predicted_mean, atol=1e-3 * scale)
    np.testing.assert_allclose(ours.var, prediction.var_pred_mean, rtol=1e-3)
    # the limit Θ = −1 itself forecasts almost the same
    mean, var, _, _ = forecast(y, ours.theta, -1.0, SEASON, H)
    np.testing.assert_allclose(ours.mean, mean, atol=1e-4)
    np.testing.assert_allclose(ours.var, var, rtol=1e-3)


def test_the_search_finds_the_global_maximum_where_there_are_two():
    # M3 series N1368: maxima near θ = −0.49 (global) and θ = −0.85, both with Θ ≈ −0.8;
    # refining only the best point of a coarse grid ended at the second
    w = differences(prepare(m3_design()["N1368"]).work, SEASON)
    theta, seasonal_theta = estimate(w, SEASON)
    best = concentrated_loglike(w, theta, seasonal_theta, SEASON)
    assert theta == pytest.approx(-0.49, abs=0.01)
    grid = np.linspace(-0.995, 0.995, 41)
    dense = max(concentrated_loglike(w, a, b, SEASON) for a in grid for b in grid)
    assert best >= dense
    other = minimize(
        lambda p: -concentrated_loglike(w, p[0], p[1], SEASON),
        [-0.9, -0.9],
        method="Nelder-Mead",
        options={"xatol": 1e-6, "fatol": 1e-9},
    )
    assert other.x[0] == pytest.approx(-0.85, abs=0.01)
    assert -other.fun < best - 0.1


def test_too_short_and_non_seasonal_inputs_raise():
    with pytest.raises(ValueError, match="needs 7 values"):
        fit_airline_model(np.arange(6.0), H, SEASON)
    with pytest.raises(ValueError, match="at least 2"):
        airline.autocovariances(0.1, 0.1, 1)
