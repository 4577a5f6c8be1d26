"""Tests for clusterlib.forecasting.models: known answers from theory and simulated series."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm
from statsmodels.regression.linear_model import burg
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel

from clusterlib.forecasting import models
from clusterlib.forecasting.models import (
    CALIBRATION_HALFLIFE,
    ETS_DAMPING_MAX,
    Fit,
    Prepared,
    _ets_initialization,
    ar_loglike,
    arima_forecast,
    best_ar,
    calibrate,
    combine,
    difference_by_kpss,
    ets_damping_bounds,
    ets_variance_factor,
    fit_airline,
    fit_drift,
    fit_ets,
    fit_ets_levels,
    fit_ets_logs,
    fit_series,
    fit_snaive,
    fit_theta,
    intervals,
    is_seasonal,
    is_trending,
    prepare,
    ses_errors,
    ses_variance,
    theta_forecast,
    to_log_scale,
)

DRIFT, SIGMA = 0.02, 0.03


def random_walk(seed: int, n: int, drift: float = DRIFT, sigma: float = SIGMA) -> np.ndarray:
    """Log random walk with drift, started at log(100)."""
    rng = np.random.default_rng(seed)
    return np.log(100) + np.cumsum(drift + sigma * rng.standard_normal(n))


def test_drift_model_matches_the_textbook_formulas():
    work = random_walk(0, 40)
    fit = fit_drift(Prepared(work=work, log=True, seasonal=np.zeros(4)), h=8)
    changes = np.diff(work)
    drift = (work[-1] - work[0]) / 39  # the mean change, worked out by hand
    steps = np.arange(1, 9)
    np.testing.assert_allclose(fit.mean, work[-1] + drift * steps, rtol=1e-10)
    np.testing.assert_allclose(fit.var, changes.var() * steps, rtol=1e-6)


@pytest.mark.parametrize("n", [9, 16, 40])
def test_seasonal_naive_by_hand_and_as_statsmodels_kalman_filter_gives_it(n):
    work = random_walk(1, n) + np.tile([0.1, -0.05, 0.0, -0.05], n)[:n]
    fit = fit_snaive(Prepared(work=work, log=True, seasonal=np.zeros(4)), h=9)
    # by hand: last year's quarter repeated; variance σ²·(years ahead), σ² = mean(Δ₄y²)
    last_year = work[-4:]
    sigma2 = np.mean((work[4:] - work[:-4]) ** 2)
    np.testing.assert_array_equal(fit.mean, np.r_[last_year, last_year, last_year[:1]])
    np.testing.assert_allclose(fit.var, sigma2 * np.array([1, 1, 1, 1, 2, 2, 2, 2, 3]), rtol=1e-15)
    # the ARIMA(0,0,0)(0,1,0)_4 it used to be fitted as, with that variance
    model = ARIMA(pd.Series(work), order=(0, 0, 0), seasonal_order=(0, 1, 0, 4))
    kalman = model.filter([sigma2])
    prediction = kalman.get_forecast(9)
    np.testing.assert_allclose(fit.mean, prediction.predicted_mean, rtol=0, atol=1e-15)
    # its approximate diffuse start leaves a residue of a few parts per million in the variance
    np.testing.assert_allclose(fit.var, prediction.var_pred_mean, rtol=1e-5)
    np.testing.assert_allclose(fit.resid[4:], np.asarray(kalman.resid)[4:], rtol=0, atol=1e-15)
    assert np.isnan(fit.resid[:4]).all()


def test_drift_is_recovered_and_intervals_cover_at_nominal_rate_across_seeds():
    estimates, inside_80, inside_95 = [], [], []
    for seed in range(400):
        work = random_walk(seed, 41)
        fit = fit_drift(Prepared(work=work[:40], log=True, seasonal=np.zeros(4)), h=1)
        estimates.append(fit.mean[0] - work[39])
        band = intervals(fit, log=False)
        inside_80.append(band["lo_80"][0] <= work[40] <= band["hi_80"][0])
        inside_95.append(band["lo_95"][0] <= work[40] <= band["hi_95"][0])
    # the drift estimate's standard error is sigma / sqrt(39) per series, /sqrt(400) on average
    assert np.mean(estimates) == pytest.approx(DRIFT, abs=3 * SIGMA / np.sqrt(39 * 400))
    # binomial standard errors of the coverage over 400 independent draws: 0.020 and 0.011
    assert np.mean(inside_80) == pytest.approx(0.80, abs=0.06)
    assert np.mean(inside_95) == pytest.approx(0.95, abs=0.035)


def test_default_combination_covers_a_random_walk_with_drift():
    inside_80, inside_95 = [], []
    for seed in range(25):
        levels = np.exp(random_walk(seed, 48))
        fit = fit_series(levels[:40], h=8)
        band = intervals(fit.fits["combo"], fit.log)
        inside_80.append((levels[40:] >= band["lo_80"]) & (levels[40:] <= band["hi_80"]))
        inside_95.append((levels[40:] >= band["lo_95"]) & (levels[40:] <= band["hi_95"]))
    # 25 series x 8 correlated horizons: a loose band around the nominal rates
    assert np.mean(inside_80) == pytest.approx(0.80, abs=0.12)
    assert np.mean(inside_95) >= 0.88


def test_seasonality_is_detected_and_the_planted_pattern_recovered():
    rng = np.random.default_rng(1)
    pattern = np.array([-0.12, 0.0, 0.04, 0.08])
    work = random_walk(1, 48, sigma=0.01) + np.tile(pattern, 12) + 0.005 * rng.standard_normal(48)
    prep = prepare(np.exp(work))
    assert is_seasonal(prep.work)
    np.testing.assert_allclose(prep.seasonal, pattern - pattern.mean(), atol=0.02)


def test_a_trend_without_seasonality_is_not_called_seasonal():
    rng = np.random.default_rng(2)
    assert not is_seasonal(0.02 * np.arange(48) + 0.01 * rng.standard_normal(48))


def test_combination_averages_means_and_quantiles():
    # members N(0, 1) and N(2, 2²): averaged quantiles 1 ± z·(1 + 2)/2, so sd 1.5
    combo = combine([Fit(np.array([0.0]), np.array([1.0])), Fit(np.array([2.0]), np.array([4.0]))])
    assert combo.mean[0] == 1.0
    assert combo.var[0] == pytest.approx(1.5**2)


def test_combined_residuals_average_the_members_that_have_one_and_stay_quiet_elsewhere():
    # start-up quarters: ETS lacks quarter 1, a differenced ARIMA quarters 1-2; Theta has none
    ets = Fit(np.zeros(1), np.ones(1), np.array([np.nan, 1.0, 2.0, 3.0]))
    arima = Fit(np.zeros(1), np.ones(1), np.array([np.nan, np.nan, 4.0, 5.0]))
    theta = Fit(np.zeros(1), np.ones(1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "Mean of empty slice" would fail here
        resid = combine([ets, arima, theta]).resid
    np.testing.assert_array_equal(resid, [np.nan, 1.0, 3.0, 4.0])


def test_intervals_on_the_log_scale_are_exponentiated():
    band = intervals(Fit(np.array([0.0]), np.array([1.0])), log=True)
    assert band["mean"][0] == 1.0
    assert band["lo_95"][0] == pytest.approx(np.exp(-norm.ppf(0.975)))
    assert band["hi_80"][0] == pytest.approx(np.exp(norm.ppf(0.9)))


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        (np.array([1.0, 2.0, 3.0]), "too short"),
        (np.full(20, 5.0), "constant"),
        (np.r_[np.arange(1.0, 11.0), np.nan, np.arange(12.0, 21.0)], "gaps"),
    ],
)
def test_unfittable_series_get_the_naive_fallback(values, reason):
    fit = fit_series(values, h=4, models=("combo", "ets"))
    assert fit.fallback_reason.startswith(reason)
    last = values[~np.isnan(values)][-1]
    for model_fit in fit.fits.values():
        np.testing.assert_allclose(intervals(model_fit, fit.log)["mean"], last)


def test_constant_series_gets_zero_width_intervals():
    fit = fit_series(np.full(20, 5.0), h=3)
    band = intervals(fit.fits["combo"], fit.log)
    np.testing.assert_allclose(band["lo_95"], 5.0)
    np.testing.assert_allclose(band["hi_95"], 5.0)


def test_series_with_negative_values_are_modelled_on_the_raw_scale():
    rng = np.random.default_rng(3)
    values = np.cumsum(rng.standard_normal(30))
    values[0] = -1.0
    fit = fit_series(values, h=4, models=("combo", "snaive", "drift"))
    assert not fit.log
    assert fit.fallback_reason is None
    assert not fit.failed_models


def covered(band: dict[str, np.ndarray], outcomes: np.ndarray, level: int) -> np.ndarray:
    """Which outcomes fall inside the ``level``% interval."""
    return (outcomes >= band[f"lo_{level}"]) & (outcomes <= band[f"hi_{level}"])


def test_calibration_without_a_table_keeps_normal_intervals():
    resid = np.random.default_rng(0).standard_normal(84)
    fit = calibrate(Fit(np.zeros(3), np.ones(3), resid), halflife=None, quantiles=None)
    band = intervals(fit, log=False)
    np.testing.assert_allclose(band["hi_80"], norm.ppf(0.9))
    np.testing.assert_allclose(band["hi_95"], norm.ppf(0.975))


def test_calibrated_intervals_use_the_table_per_horizon():
    # a hand-made table: 80% half-widths 1, 2 (then 2 again), 95% 3, 4; sd 0.5 at every horizon
    table = {80: (1.0, 2.0), 95: (3.0, 4.0)}
    fit = calibrate(Fit(np.zeros(3), np.full(3, 0.25)), halflife=None, quantiles=table)
    band = intervals(fit, log=False)
    np.testing.assert_allclose(band["hi_80"], [0.5, 1.0, 1.0])
    np.testing.assert_allclose(band["lo_95"], [-1.5, -2.0, -2.0])


def test_calibration_weights_recent_volatility_with_the_stated_half_life():
    # residuals ±2 for 60 quarters, then ±1 for 60; the first 4 are skipped (56 old, 60 new)
    resid = np.r_[np.tile([2.0, -2.0], 30), np.tile([1.0, -1.0], 30)]
    fit = calibrate(Fit(np.zeros(2), np.ones(2), resid))
    # geometric sums of the weights 0.5^(k/halflife), k = 0 for the newest residual
    r = 0.5 ** (1 / CALIBRATION_HALFLIFE)
    new, old = (1 - r**60) / (1 - r), r**60 * (1 - r**56) / (1 - r)
    expected = ((1 * new + 4 * old) / (new + old)) / ((60 * 1 + 56 * 4) / 116)
    np.testing.assert_allclose(fit.var, expected, rtol=1e-10)


def test_calibration_leaves_the_variance_of_short_residual_series_alone():
    fit = Fit(np.zeros(2), np.ones(2), np.array([0.1, -0.3, 0.2, 0.5, -0.1]))
    np.testing.assert_array_equal(calibrate(fit).var, fit.var)


def test_airline_fit_matches_full_maximum_likelihood():
    # concentrating the variance out of the likelihood leaves the MLE unchanged (theory)
    rng = np.random.default_rng(5)
    shocks = 0.02 * rng.standard_normal(84)
    noise = shocks[5:] - 0.4 * shocks[4:-1] - 0.6 * shocks[1:-4] + 0.24 * shocks[:-5]
    changes = np.zeros(79)
    for t in range(79):  # (1 - L)(1 - L^4) y = (1 - 0.4L)(1 - 0.6L^4) e
        changes[t] = noise[t] + (changes[t - 4] if t >= 4 else 0.0)
    work = 4.6 + 0.01 * np.arange(80) + np.r_[0.0, np.cumsum(changes)]
    work += np.tile([-0.05, 0.0, 0.02, 0.03], 20)
    fit = fit_airline(Prepared(work=work, log=True, seasonal=np.ones(4)), h=8)
    model = ARIMA(pd.Series(work), order=(0, 1, 1), seasonal_order=(0, 1, 1, 4))
    full = model.filter(model.fit().params).get_forecast(8)
    np.testing.assert_allclose(fit.mean, full.predicted_mean, atol=1e-3)
    np.testing.assert_allclose(fit.var, full.var_pred_mean, rtol=0.02)


def simulated_ses_errors(alpha: float, h: int, n_sims: int, seed: int) -> np.ndarray:
    """Monte Carlo of SES with drift, Δy_t = b + e_t − (1 − α)e_{t−1}, σ = 1, from a known state.

    Returns the ``h``-step forecast errors, array (n_sims, h): the model simulated forwards
    minus the SES forecast (last level plus drift), both started from the same state.
    """
    rng = np.random.default_rng(seed)
    drift, e_last = 0.3, 0.7  # any state: the errors do not depend on it
    shocks = rng.standard_normal((n_sims, h))
    previous = np.column_stack([np.full(n_sims, e_last), shocks[:, :-1]])
    path = np.cumsum(drift + shocks - (1 - alpha) * previous, axis=1)
    forecast = drift * np.arange(1, h + 1) - (1 - alpha) * e_last
    return path - forecast[None, :]


def test_theta_variance_matches_a_monte_carlo_of_its_model():
    alpha, h, n_sims = 0.5, 8, 40_000
    simulated = simulated_ses_errors(alpha, h, n_sims, seed=17).var(axis=0)
    expected = ses_variance(1.0, alpha, h)
    assert expected[-1] == pytest.approx(1 + 7 * 0.25)  # 2.75 by hand
    # a normal sample variance has standard error var·sqrt(2 / (n − 1)): allow 4 of them
    np.testing.assert_allclose(simulated, expected, rtol=4 * np.sqrt(2 / (n_sims - 1)))
    statsmodels_formula = 1 + 7 * (1 + (alpha - 1) ** 2)  # 9.75: ThetaResults' intervals
    assert simulated[-1] < statsmodels_formula / 3


def test_theta_variance_equals_the_state_space_arima_011():
    # the same model through statsmodels' Kalman filter, parameters fixed: MA = α − 1
    work = random_walk(6, 60)
    alpha, sigma2 = 0.4, 0.002
    res = ARIMA(pd.Series(work), order=(0, 1, 1), trend="t").filter([DRIFT, alpha - 1, sigma2])
    np.testing.assert_allclose(
        res.get_forecast(8).var_pred_mean, ses_variance(sigma2, alpha, 8), rtol=1e-3
    )


def test_theta_member_is_statsmodels_theta_on_levels_with_the_ses_variance():
    work = random_walk(6, 60)
    fit = fit_theta(Prepared(work=work, log=True, seasonal=np.zeros(4)), h=8)
    levels = np.exp(work)
    res = ThetaModel(pd.Series(levels), period=4, deseasonalize=False).fit()
    # Theta runs on the levels (a linear drift), the forecast is returned on the log scale;
    # the numpy Theta finds the same SES weight up to the optimisers' tolerances
    np.testing.assert_allclose(fit.mean, np.log(res.forecast(8)), atol=1e-4)
    mean, alpha, errors = theta_forecast(levels, 8)
    assert alpha == pytest.approx(res.params["alpha"], abs=1e-3)
    # the log of a lognormal with the level's mean and variance: log(1 + var / mean²)
    expected = np.log1p(ses_variance(np.mean(errors[1:] ** 2), alpha, 8) / mean**2)
    np.testing.assert_allclose(fit.var, expected)


@pytest.mark.parametrize("seed", range(5))
def test_numpy_theta_recovers_statsmodels_on_random_series(seed):
    rng = np.random.default_rng(seed)
    work = random_walk(seed, int(rng.integers(16, 65)), drift=0.01, sigma=0.05)
    ours, _, _ = theta_forecast(work, 8)
    theirs = ThetaModel(pd.Series(work), period=4, deseasonalize=False).fit().forecast(8)
    np.testing.assert_allclose(ours, theirs, atol=2e-4)


def test_theta_drift_weight_zero_is_ses_and_the_trend_scales_with_it():
    work = random_walk(3, 40, drift=0.01, sigma=0.05)
    ses, alpha, _ = theta_forecast(work, 8, drift=0.0)
    _, level = ses_errors(work, alpha)
    np.testing.assert_allclose(ses, level)  # SES: flat at the last level
    theta, _, _ = theta_forecast(work, 8)
    full, _, _ = theta_forecast(work, 8, drift=1.0)
    np.testing.assert_allclose(full - ses, 2 * (theta - ses))  # the default is half the slope


def test_kpss_differencing_and_ar_order_recover_planted_processes():
    rng = np.random.default_rng(4)
    noise = rng.standard_normal(200)
    assert difference_by_kpss(noise)[0] == 0
    d, stationary = difference_by_kpss(random_walk(4, 200))
    assert d == 1 and len(stationary) == 199
    ar2 = np.zeros(200)  # x_t = 0.6 x_{t-1} - 0.3 x_{t-2} + e_t
    for t in range(2, 200):
        ar2[t] = 0.6 * ar2[t - 1] - 0.3 * ar2[t - 2] + noise[t]
    _, ar, sigma2 = best_ar(ar2, extra=1)
    np.testing.assert_allclose(ar, [0.6, -0.3], atol=0.1)
    assert sigma2 == pytest.approx(1.0, abs=0.2)


def test_ses_errors_follow_the_recursion_by_hand():
    y = np.array([10.0, 12.0, 11.0, 13.0])
    errors, level = ses_errors(y, 0.5)
    # levels 10, 11, 11, 12 (l_-1 = y_0): errors y_t - l_{t-1} = 0, 2, 0, 2
    np.testing.assert_allclose(errors, [0.0, 2.0, 0.0, 2.0])
    assert level == pytest.approx(12.0)


@pytest.mark.parametrize(("d", "p"), [(0, 0), (0, 2), (1, 1), (1, 3), (2, 0), (2, 2)])
def test_arima_forecast_and_likelihood_equal_statsmodels_kalman_filter(d, p):
    rng = np.random.default_rng(10 * d + p)
    x = rng.standard_normal(40)
    for _ in range(d):
        x = np.cumsum(x)
    w = np.diff(x, n=d) if d else x
    constant = w.mean() if d < 2 else 0.0
    centred = w - constant
    ar, sigma2 = burg(centred, order=p, demean=False) if p else ([], np.mean(centred**2))
    ar = np.asarray(ar, dtype=float)
    trend = {0: "c", 1: "t", 2: "n"}[d]
    params = np.r_[[constant] if d < 2 else [], ar, sigma2]
    res = ARIMA(pd.Series(x), order=(p, d, 0), trend=trend).filter(params)
    mean, var = arima_forecast(x, d, constant, ar, float(sigma2), 8)
    np.testing.assert_allclose(mean, res.get_forecast(8).predicted_mean, atol=1e-8)
    np.testing.assert_allclose(var, res.get_forecast(8).var_pred_mean, rtol=1e-8)
    assert ar_loglike(centred, ar, float(sigma2)) == pytest.approx(res.llf, abs=1e-5)


def test_ar1_likelihood_by_hand():
    # x_0 ~ N(0, σ²/(1 − φ²)), then e_t = x_t − φ·x_{t−1} ~ N(0, σ²)
    x, phi, sigma2 = np.array([1.0, 0.5, -0.2]), 0.5, 2.0
    var0 = sigma2 / (1 - phi**2)
    e = np.array([0.5 - 0.5, -0.2 - 0.25])
    expected = -0.5 * (3 * np.log(2 * np.pi) + np.log(var0) + 1.0 / var0)
    expected -= 0.5 * (2 * np.log(sigma2) + np.sum(e**2) / sigma2)
    assert ar_loglike(x, np.array([phi]), sigma2) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("n", "season", "expected"),
    [
        (9, 0, "estimated"),
        (10, 0, "heuristic"),
        (13, 4, "estimated"),
        (14, 4, "heuristic"),
        (23, 12, "estimated"),
        (24, 12, "heuristic"),
    ],
)
def test_ets_uses_heuristic_initial_states_only_where_statsmodels_can_compute_them(
    n, season, expected
):
    assert _ets_initialization(n, season) == expected
    if expected == "heuristic" or season == 0:
        rng = np.random.default_rng(n)
        pattern = np.tile(
            [0.1, -0.05, 0.0, -0.05, 0.02, 0.03, -0.02, 0.0, 0.01, -0.04, 0.0, 0.0], 3
        )[: season or 1]
        work = random_walk(n, n, sigma=0.01) + np.resize(pattern, n) + 0.001 * rng.random(n)
        seasonal = np.resize(pattern, season or 4) if season else np.zeros(4)
        fit = fit_ets(Prepared(work=work, log=True, seasonal=seasonal, season=season or 4), h=4)
        assert np.all(np.isfinite(fit.mean)) and np.all(fit.var > 0)


@pytest.mark.parametrize("bound", [0.9, 0.98])
def test_ets_damping_is_capped_so_a_straight_trend_decays_by_the_bound_per_quarter(
    bound, monkeypatch
):
    """A straight line wants φ = 1; the member's trend steps then shrink by exactly the bound:
    step k+1 over step k equals φ = ETS_DAMPING_MAX (0.98 by default)."""
    monkeypatch.setattr(models, "ETS_DAMPING_MAX", bound)
    rng = np.random.default_rng(14)
    work = 0.03 * np.arange(40) + 0.001 * rng.standard_normal(40)
    fit = fit_ets(Prepared(work=work, log=True, seasonal=np.zeros(4)), h=8)
    steps = np.diff(fit.mean)
    np.testing.assert_allclose(steps[1:] / steps[:-1], bound, rtol=1e-6)


def test_ets_damping_bound_is_per_year_for_other_periods(monkeypatch):
    assert ets_damping_bounds(4) == (0.8, ETS_DAMPING_MAX)
    monkeypatch.setattr(models, "ETS_DAMPING_MAX", 0.9)
    assert ets_damping_bounds(4) == (0.8, 0.9)
    assert ets_damping_bounds(2)[1] == pytest.approx(0.81)
    assert ets_damping_bounds(12)[1] == pytest.approx(0.9 ** (1 / 3))  # 0.965
    monkeypatch.setattr(models, "ETS_DAMPING_MAX", 0.98)
    assert ets_damping_bounds(12) == (0.8, 0.98)  # 0.98 ** (1/3) = 0.993, statsmodels' cap


def test_trend_test_finds_a_planted_drift_and_not_noise_around_a_level():
    rng = np.random.default_rng(140)
    noise = 0.02 * rng.standard_normal(48)
    assert is_trending(0.03 * np.arange(48) + noise)  # 3% a quarter, changes' sd ~2.8%
    assert not is_trending(noise)  # mean change ~0.02/47 against a standard error of ~0.004
    assert is_trending(0.01 * np.arange(10))  # constant changes: a trend, no noise


def test_ets_fits_the_levels_of_a_series_without_trend_and_the_logs_of_a_trending_one():
    rng = np.random.default_rng(141)
    flat = np.log(100 + 2 * rng.standard_normal(40))
    growing = 0.02 * np.arange(40) + 0.01 * rng.standard_normal(40)
    for work, on_levels in ((flat, True), (growing, False)):
        prep = Prepared(work=work, log=True, seasonal=np.zeros(4))
        fit, levels, logs = fit_ets(prep, 8), fit_ets_levels(prep, 8), fit_ets_logs(prep, 8)
        assert np.array_equal(fit.mean, levels.mean) is on_levels
        assert np.array_equal(fit.mean, logs.mean) is not on_levels
    # the level forecast of noise around 100 stays near 100 (the planted level)
    np.testing.assert_allclose(
        np.exp(fit_ets(Prepared(flat, True, np.zeros(4)), 8).mean), 100, rtol=0.03
    )


@pytest.mark.parametrize("seasonal", [None, "add"])
def test_ets_variance_factor_is_statsmodels_exact_variance_over_sigma2(seasonal):
    """Hyndman et al.'s class-1 formula against statsmodels' exact ETS(A,Ad,N/A) variance."""
    rng = np.random.default_rng(142)
    y = pd.Series(100 + np.cumsum(rng.normal(0.5, 1, 48)) + np.tile([3, -1, -4, 2], 12))
    season = 4 if seasonal else 0
    res = ETSModel(
        y,
        error="add",
        trend="add",
        damped_trend=True,
        seasonal=seasonal,
        seasonal_periods=season or None,
    ).fit(disp=False)
    exact = res.get_prediction(start=48, end=55).var_pred_mean
    params = dict(zip(res.param_names, res.params, strict=True))
    np.testing.assert_allclose(res.mse * ets_variance_factor(params, season, 8), exact, rtol=1e-10)


def test_ets_on_levels_moves_the_variance_to_the_log_scale():
    """The level variance moved to the log scale (≈ ÷ forecast²); it grows with the horizon."""
    rng = np.random.default_rng(143)
    work = np.log(50 + rng.standard_normal(40))
    fit = fit_ets_levels(Prepared(work=work, log=True, seasonal=np.zeros(4)), h=8)
    assert np.all(np.diff(fit.var) >= 0)
    np.testing.assert_allclose(np.sqrt(fit.var[0]), 1 / 50, rtol=0.3)  # one-step sd ~1/50


def test_a_levels_forecast_moves_to_the_log_scale_as_a_lognormal():
    """Hand-computed: mean 2, variance 4 → log 2 and log(1 + 1); small CV ≈ delta method."""
    log_mean, log_var = to_log_scale(np.array([2.0, 100.0]), np.array([4.0, 1.0]))
    np.testing.assert_allclose(log_mean, np.log([2.0, 100.0]))
    np.testing.assert_allclose(log_var, [np.log(2.0), np.log1p(1e-4)])
    assert log_var[1] == pytest.approx(1e-4, rel=1e-4)  # the delta method's var / mean²
    # a forecast near zero with a wide interval: the log sd stays moderate (delta method: 1,000)
    _, wide = to_log_scale(np.array([0.01]), np.array([100.0]))
    assert np.sqrt(wide[0]) == pytest.approx(np.sqrt(np.log1p(1e6)), rel=1e-12)
    assert np.sqrt(wide[0]) < 4
    with pytest.raises(ValueError, match="not positive"):
        to_log_scale(np.array([1.0, 0.0]), np.array([1.0, 1.0]))
