"""Members tried for issue #14 (part A) on the M3 design series and not adopted (or adopted).

Each function has the library's member signature ``(prepared series, h) -> Fit`` with the
mean on the working scale; variances are not used by the accuracy table and are set to ones
where the variant has none. ``bench/m3_benchmark.py`` (``--candidates``) scores them alone and
in combinations at three origins of the design series; docs/forecasting.md has the table.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
from scipy.stats import norm
from statsmodels.regression.linear_model import burg
from statsmodels.tsa.arima_process import arma2ma
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.stattools import acf

from clusterlib.forecasting.models import (
    Fit,
    Prepared,
    _ets_initialization,
    _kpss_pvalue,
    _reseasonalize,
    ar_loglike,
    arima_forecast,
    best_ar,
    difference_by_kpss,
    fit_airline,
    fit_arima,
    fit_ets,
    fit_ets_logs,
    fit_ses_alpha,
    fit_theta,
    is_trending,
    ses_errors,
    ses_variance,
    theta_forecast,
    to_log_scale,
)

SEASONS = 4
"""Quarters per year."""
DAMPING = 0.95
"""The damping bound of the ETS variants below (the second round's candidate; the library: 0.98)."""
BREAK_SDS = 6
"""A level shift: a change more than this many robust sds from the median change (as kinds)."""


def ets_damping_upto(upper: float) -> object:
    """The log-scale ETS member with the damping factor bounded by ``upper`` (statsmodels: 0.98)."""
    return partial(fit_ets_logs, damping_max=upper)


def after_break(prep: Prepared, min_left: int = 12) -> Prepared:
    """The series after its last level shift (if ``min_left`` quarters remain), else itself."""
    d = np.diff(prep.adjusted)
    mad = 1.4826 * np.median(np.abs(d - np.median(d)))
    shifts = np.flatnonzero(np.abs(d - np.median(d)) > BREAK_SDS * mad) if mad > 0 else []
    if not len(shifts) or len(prep.work) - shifts[-1] - 1 < min_left:
        return prep
    start = shifts[-1] + 1
    seasonal = prep.seasonal[(np.arange(prep.season) + start) % prep.season]
    return Prepared(prep.work[start:], prep.log, seasonal, prep.season)


def ets_after_break(prep: Prepared, h: int) -> Fit:
    """The ETS member (damping ≤ :data:`DAMPING`) fitted after the last level shift."""
    return ets_damping_upto(DAMPING)(after_break(prep), h)


def ets_last_32(prep: Prepared, h: int) -> Fit:
    """The ETS member (damping ≤ :data:`DAMPING`) fitted to the last 32 quarters only."""
    fit = ets_damping_upto(DAMPING)
    if len(prep.work) <= 32:
        return fit(prep, h)
    start = len(prep.work) - 32
    seasonal = prep.seasonal[(np.arange(prep.season) + start) % prep.season]
    return fit(Prepared(prep.work[start:], prep.log, seasonal, prep.season), h)


def _levels(prep: Prepared) -> np.ndarray:
    """Seasonally adjusted levels (exponentiated if the working scale is the log)."""
    return np.exp(prep.adjusted) if prep.log else prep.adjusted


def _from_levels(prep: Prepared, mean: np.ndarray) -> Fit:
    """A forecast of adjusted levels back on the working scale, season added."""
    if prep.log:
        if np.any(mean <= 0):
            raise ValueError("a forecast of a positive series is not positive")
        mean = np.log(mean)
    return Fit(mean + prep.future_seasonal(len(mean)), np.ones(len(mean)))


def ets_levels(prep: Prepared, h: int) -> Fit:
    """ETS(A,Ad,N), damping ≤ :data:`DAMPING`, on the seasonally adjusted *levels*, all series."""
    y = _levels(prep)
    res = ETSModel(
        pd.Series(y),
        error="add",
        trend="add",
        damped_trend=True,
        initialization_method=_ets_initialization(len(y), 0),
        bounds={"damping_trend": (0.8, DAMPING)},
    ).fit(disp=False)
    return _from_levels(prep, np.asarray(res.forecast(h)))


def ses_levels(prep: Prepared, h: int) -> Fit:
    """Simple exponential smoothing of the adjusted levels (no trend)."""
    y = _levels(prep)
    return _from_levels(prep, np.full(h, ses_errors(y, fit_ses_alpha(y))[1]))


def damped_holt_levels(prep: Prepared, h: int) -> Fit:
    """Holt's damped trend (statsmodels' ExponentialSmoothing) on the adjusted levels."""
    y = _levels(prep)
    fc = ExponentialSmoothing(y, trend="add", damped_trend=True).fit().forecast(h)
    return _from_levels(prep, np.asarray(fc))


def theta_recent_drift(prep: Prepared, h: int, years: int = 5) -> Fit:
    """Theta on levels with the drift from the OLS slope of the last ``years`` years only."""
    y = _levels(prep)
    n, k = len(y), min(len(y), SEASONS * years)
    slope = np.polyfit(np.arange(k, dtype=float), y[-k:], 1)[0]
    alpha = fit_ses_alpha(y)
    level = ses_errors(y, alpha)[1]
    steps = np.arange(h, dtype=float) + (1 / alpha - (1 - alpha) ** n / alpha if alpha else 0)
    return _from_levels(prep, level + 0.5 * slope * steps)


def theta_optimised(prep: Prepared, h: int) -> Fit:
    """Optimised Theta ("OTM"-like): θ in {1, 1.5, …, 3} by in-sample one-step squared error.

    The θ-line ``θ·y + (1 − θ)·(a + b·t)`` is smoothed by SES; the forecast is ``1/θ`` of it
    plus ``1 − 1/θ`` of the linear trend (θ = 2 is the classical Theta).
    """
    y = _levels(prep)
    n = len(y)
    t = np.arange(n + h, dtype=float)
    slope, intercept = np.polyfit(t[:n], y, 1)
    line = intercept + slope * t
    best = (np.inf, None)
    for theta in (1.0, 1.5, 2.0, 2.5, 3.0):
        z = theta * y + (1 - theta) * line[:n]
        errors, level = ses_errors(z, fit_ses_alpha(z))
        fitted = (z - errors) / theta + (1 - 1 / theta) * line[:n]
        sse = float(np.sum((y[1:] - fitted[1:]) ** 2))
        if sse < best[0]:
            best = (sse, level / theta + (1 - 1 / theta) * line[n:])
    return _from_levels(prep, best[1])


def arima_d_upto_1(prep: Prepared, h: int) -> Fit:
    """The ARIMA member with at most one difference (and then a drift) for non-seasonal series."""
    if np.any(prep.seasonal) or _kpss_pvalue(prep.adjusted) >= 0.05:
        return fit_arima(prep, h)
    x = prep.adjusted
    changes = np.diff(x)
    centred = changes - changes.mean()
    best = None
    for p in range(min(3, len(changes) // 4) + 1):
        ar, sigma2 = burg(centred, order=p, demean=False) if p else (np.zeros(0), None)
        sigma2 = float(np.mean(centred**2)) if p == 0 else float(sigma2)
        k, m = p + 2, len(centred)
        aicc = -2 * ar_loglike(centred, ar, sigma2) + 2 * k + 2 * k * (k + 1) / (m - k - 1)
        if np.isfinite(aicc) and (best is None or aicc < best[0]):
            best = (aicc, np.asarray(ar, dtype=float), sigma2)
    mean, var = arima_forecast(x, 1, changes.mean(), best[1], best[2], h)
    return _reseasonalize(Fit(mean, var), prep, h)


def arima_with_ma(prep: Prepared, h: int) -> Fit:
    """Non-seasonal: ARIMA(p,d,q), p ≤ 2, q ≤ 1 by AICc (statsmodels SARIMAX); else airline."""
    if np.any(prep.seasonal):
        return fit_airline(prep, h)
    x = prep.adjusted
    d = difference_by_kpss(x)[0]
    trend = ("c", "t", "n")[d]
    best = None
    for p in range(3):
        for q in range(2):
            res = SARIMAX(x, order=(p, d, q), trend=trend, concentrate_scale=True).fit(disp=False)
            if np.isfinite(res.aicc) and (best is None or res.aicc < best.aicc):
                best = res
    pred = best.get_forecast(h)
    fc = Fit(np.asarray(pred.predicted_mean), np.asarray(pred.var_pred_mean))
    return _reseasonalize(fc, prep, h)


# --- third round (bench/research/m3_third_round.py) ---------------------------------------
# "the member" below is the log-scale ETS (``fit_ets_logs``) the round was measured against;
# ``ets_levels_unless_trending_sa`` is the library's ``fit_ets`` since (the same forecasts).


def seasonal_by_m4_test(prep: Prepared) -> Prepared:
    """``prep`` with the season tested as in the M4 benchmarks' code: on the working series
    itself (not its changes), two-sided at 90%; indices by additive decomposition of it."""
    work, n = prep.work, len(prep.work)
    seasonal = np.zeros(prep.season)
    if n >= 3 * prep.season and np.ptp(work) > 0:
        r = acf(work, nlags=prep.season, fft=False)
        limit = 1.645 * np.sqrt((1 + 2 * np.sum(r[1 : prep.season] ** 2)) / n)
        if abs(r[prep.season]) > limit:
            decomposed = seasonal_decompose(work, period=prep.season, model="additive")
            seasonal = np.asarray(decomposed.seasonal[: prep.season])
    return Prepared(work, prep.log, seasonal, prep.season)


def seasonal_multiplicative_levels(prep: Prepared) -> Prepared:
    """``prep`` with its seasonal indices (same test) from a multiplicative decomposition of the
    *levels* (their logs on the working scale), as the M4 benchmarks adjust."""
    if not np.any(prep.seasonal) or not prep.log:
        return prep
    decomposed = seasonal_decompose(np.exp(prep.work), period=prep.season, model="multiplicative")
    seasonal = np.log(np.asarray(decomposed.seasonal[: prep.season]))
    return Prepared(prep.work, prep.log, seasonal, prep.season)


def seasonal_at_level(prep: Prepared, level: float) -> Prepared:
    """``prep`` with the library's seasonality test (on the changes) at another one-sided
    level than its 90%; indices by additive decomposition of the working series."""
    diffs, s = np.diff(prep.work), prep.season
    seasonal = np.zeros(s)
    if len(prep.work) >= 3 * s and np.ptp(diffs) > 0:
        r = acf(diffs, nlags=s, fft=False)
        limit = norm.ppf(level) * np.sqrt((1 + 2 * np.sum(r[1:s] ** 2)) / len(diffs))
        if r[s] > limit:
            decomposed = seasonal_decompose(prep.work, period=s, model="additive")
            seasonal = np.asarray(decomposed.seasonal[:s])
    return Prepared(prep.work, prep.log, seasonal, s)


def arima_levels(prep: Prepared, h: int) -> Fit:
    """Non-seasonal series: the library's ARIMA(p,d,0) on the adjusted *levels* (its drift a
    linear trend, as AutoARIMA's); seasonal series: the airline model as now."""
    if np.any(prep.seasonal) or not prep.log:
        return fit_arima(prep, h)
    fit = fit_arima(Prepared(np.exp(prep.adjusted), False, np.zeros(prep.season), prep.season), h)
    return _from_levels(prep, fit.mean)


def with_preparation(member: object, reprepare: object) -> object:
    """The member fitted to ``reprepare(prep)`` instead of ``prep``."""

    def fit(prep: Prepared, h: int) -> Fit:
        return member(reprepare(prep), h)

    return fit


def theta_with_residuals(prep: Prepared, h: int) -> Fit:
    """The Theta member with in-sample one-step residuals on the working scale.

    The one-step forecast from ``t`` is the SES level plus half the slope times
    ``1/α − (1 − α)^(t+1)/α`` (:func:`theta_forecast` at ``h = 1`` for a series ending at
    ``t``, with the whole series' slope); residuals are logs of actual over forecast on the
    log scale.
    """
    fit = fit_theta(prep, h)
    y = np.exp(prep.adjusted) if prep.log else prep.adjusted
    n = len(y)
    slope = np.polyfit(np.arange(n, dtype=float), y, 1)[0]
    alpha = fit_ses_alpha(y)
    errors, _ = ses_errors(y, alpha)
    t = np.arange(n, dtype=float)
    drift = 0.5 * slope * (1 / alpha - (1 - alpha) ** t / alpha) if alpha > 0 else 0.0 * t
    fitted = y - errors + np.r_[0.0, drift[:-1]]
    with np.errstate(all="ignore"):
        resid = np.log(y / fitted) if prep.log else y - fitted
    resid[0] = np.nan
    return Fit(fit.mean, fit.var, resid)


def ets_damped_aicc_levels(
    prep: Prepared, h: int, errors: tuple = ("add", "mul"), seasons: tuple = ("add", "mul")
) -> Fit:
    """Damped-trend ETS on the *levels*: error additive or multiplicative, season (if the test
    finds one) additive or multiplicative, chosen by AICc (AutoETS's choice among damped
    models only); the forecast back on the working scale."""
    if not prep.log:
        return fit_ets_logs(prep, h)
    y = pd.Series(np.exp(prep.work))
    seasons = seasons if np.any(prep.seasonal) else (None,)
    best = None
    for error in errors:
        for seasonal in seasons:
            res = ETSModel(
                y,
                error=error,
                trend="add",
                damped_trend=True,
                seasonal=seasonal,
                seasonal_periods=prep.season if seasonal else None,
                initialization_method=_ets_initialization(len(y), prep.season if seasonal else 0),
            ).fit(disp=False)
            if np.isfinite(res.aicc) and (best is None or res.aicc < best.aicc):
                best = res
    mean = np.asarray(best.forecast(h))
    if np.any(mean <= 0):
        raise ValueError("a forecast of a positive series is not positive")
    return Fit(np.log(mean), np.ones(h), np.log(y.to_numpy() / best.fittedvalues.to_numpy()))


def _ets_damped(y: pd.Series, error: str, seasonal: str | None, season: int) -> object:
    """A fitted damped-trend ETS (statsmodels' bounds) with the library's initialisation."""
    return ETSModel(
        y,
        error=error,
        trend="add",
        damped_trend=True,
        seasonal=seasonal,
        seasonal_periods=season if seasonal else None,
        initialization_method=_ets_initialization(len(y), season if seasonal else 0),
    ).fit(disp=False)


def ets_scale_aicc(prep: Prepared, h: int, errors: tuple = ("add", "mul")) -> Fit:
    """Damped-trend ETS on the log scale (the member) or on the levels, by AICc of the levels.

    The log model's AICc is moved to the levels' by the Jacobian, ``+ 2·Σ log y``, so the two
    scales compete on one likelihood (a Box–Cox choice between λ = 0 and λ = 1); on the levels
    the error is additive or multiplicative (``errors``). Season additive on either scale.
    """
    if not prep.log:
        return fit_ets_logs(prep, h)
    seasonal = "add" if np.any(prep.seasonal) else None
    work = pd.Series(prep.work)
    on_logs = _ets_damped(work, "add", seasonal, prep.season)
    best, best_aicc = None, on_logs.aicc + 2 * float(np.sum(prep.work))
    for error in errors:
        res = _ets_damped(np.exp(work), error, seasonal, prep.season)
        if np.isfinite(res.aicc) and res.aicc < best_aicc:
            best, best_aicc = res, res.aicc
    if best is None:
        return fit_ets_logs(prep, h)
    mean = np.asarray(best.forecast(h))
    if np.any(mean <= 0):
        raise ValueError("a forecast of a positive series is not positive")
    return Fit(np.log(mean), np.ones(h), np.log(np.exp(prep.work) / best.fittedvalues.to_numpy()))


def ets_log_season_aicc(prep: Prepared, h: int) -> Fit:
    """The ETS member on the log scale with its season chosen by AICc, not by the test:
    ETS(A,Ad,N) against ETS(A,Ad,A) on the working series (three years or more), as AutoETS
    chooses a season; the other members keep the test's indices."""
    if len(prep.work) < 3 * prep.season:
        return fit_ets_logs(prep, h)
    work = pd.Series(prep.work)
    fits = [_ets_damped(work, "add", s, prep.season) for s in (None, "add")]
    best = min(fits, key=lambda r: r.aicc if np.isfinite(r.aicc) else np.inf)
    return Fit(np.asarray(best.forecast(h)), np.ones(h), best.resid.to_numpy())


def ets_scale_by_holdout(prep: Prepared, h: int, min_fit: int = 16) -> Fit:
    """The ETS member on the log scale or on the levels (error by AICc), whichever forecast
    the last ``v`` quarters better when fitted without them (MAE of the levels; ``v`` = 8,
    or 4 for series under 32 quarters); the log scale if fewer than ``min_fit`` would remain.
    A per-series choice of scale by a held-out multi-step error, not by the likelihood."""
    n = len(prep.work)
    v = 8 if n >= 32 else 4
    if not prep.log or n - v < min_fit:
        return fit_ets_logs(prep, h)
    head = Prepared(prep.work[:-v], prep.log, prep.seasonal, prep.season)  # indices stay aligned
    actual = np.exp(prep.work[-v:])
    errors = {}
    for name, member in (("log", fit_ets_logs), ("levels", ets_levels_error_aicc)):
        try:
            errors[name] = float(np.mean(np.abs(np.exp(member(head, v).mean) - actual)))
        except Exception:  # a failed fit loses the comparison
            errors[name] = np.inf
    chosen = ets_levels_error_aicc if errors["levels"] < errors["log"] else fit_ets_logs
    return chosen(prep, h)


def ets_levels_error_aicc(prep: Prepared, h: int) -> Fit:
    """ETS damped on the levels, error additive or multiplicative by AICc, season additive."""
    return ets_damped_aicc_levels(prep, h, seasons=("add",))


def ets_levels_unless_trending(prep: Prepared, h: int, adjusted: bool = False) -> Fit:
    """ETS on the levels (error by AICc) for a series without a clear trend, the member (log
    scale) for one with it: trending = the mean log change more than 2 standard errors from 0
    (the benchmark's kind of series), as the project's growing series are; with ``adjusted``
    the changes of the seasonally adjusted series (a season's swings hide no trend). The test
    is the library's ``is_trending``."""
    if prep.log and not is_trending(prep.adjusted if adjusted else prep.work):
        return ets_levels_error_aicc(prep, h)
    return fit_ets_logs(prep, h)


SARIMA_ORDERS = (
    ((0, 1), (0, 1)),
    ((1, 0), (0, 1)),
    ((1, 1), (0, 1)),
    ((0, 1), (1, 0)),
    ((0, 0), (0, 1)),
    ((1, 0), (1, 0)),
)
"""(p, q), (P, Q) pairs searched by :func:`sarima_aicc`."""


def sarima_aicc(prep: Prepared, h: int) -> Fit:
    """Seasonal series: SARIMA(p,d,q)(P,1,Q)_4 with d by KPSS on the seasonal differences
    (then a drift if d = 0) and the orders of :data:`SARIMA_ORDERS` by AICc (statsmodels);
    others: the library's ARIMA member."""
    if not np.any(prep.seasonal):
        return fit_arima(prep, h)
    x, s = prep.work, prep.season
    d = int(_kpss_pvalue(x[s:] - x[:-s]) < 0.05)
    best = None
    for (p, q), (big_p, big_q) in SARIMA_ORDERS:
        model = SARIMAX(
            x,
            order=(p, d, q),
            seasonal_order=(big_p, 1, big_q, s),
            trend="c" if d == 0 else "n",
            concentrate_scale=True,
        )
        res = model.fit(disp=False)
        if np.isfinite(res.aicc) and (best is None or res.aicc < best.aicc):
            best = res
    pred = best.get_forecast(h)
    resid = np.asarray(best.resid, float).copy()
    resid[: d + s + 1] = np.nan
    return Fit(np.asarray(pred.predicted_mean), np.asarray(pred.var_pred_mean), resid)


THIRD_ROUND: dict = {
    "theta_resid": theta_with_residuals,
    "ets_m4test": with_preparation(fit_ets_logs, seasonal_by_m4_test),
    "arima_m4test": with_preparation(fit_arima, seasonal_by_m4_test),
    "theta_m4test": with_preparation(fit_theta, seasonal_by_m4_test),
    "ets_mult_idx": with_preparation(fit_ets_logs, seasonal_multiplicative_levels),
    "arima_mult_idx": with_preparation(fit_arima, seasonal_multiplicative_levels),
    "theta_mult_idx": with_preparation(fit_theta, seasonal_multiplicative_levels),
    "ets_damped_aicc_levels": ets_damped_aicc_levels,
    "sarima_aicc": sarima_aicc,
    "ets_levels_AAdA": partial(ets_damped_aicc_levels, errors=("add",), seasons=("add",)),
    "ets_levels_error_aicc": ets_levels_error_aicc,
    "ets_scale_by_holdout": ets_scale_by_holdout,
    "ets_levels_unless_trending": ets_levels_unless_trending,
    "ets_levels_unless_trending_sa": partial(ets_levels_unless_trending, adjusted=True),
    "ets_levels_season_aicc": partial(ets_damped_aicc_levels, errors=("add",)),
    "ets_levels_MAdM": partial(ets_damped_aicc_levels, errors=("mul",), seasons=("mul",)),
    "ets_scale_aicc": ets_scale_aicc,
    "arima_levels": arima_levels,
    "ets_log_season_aicc": ets_log_season_aicc,
    **{
        f"{name}_season{round(100 * level)}": with_preparation(
            member, partial(seasonal_at_level, level=level)
        )
        for level in (0.8, 0.95)
        for name, member in (("ets", fit_ets_logs), ("arima", fit_arima), ("theta", fit_theta))
    },
    "ets_scale_aicc_add": partial(ets_scale_aicc, errors=("add",)),
}
"""The third round's candidates (``bench/research/m3_third_round.py``), name → member."""


# --- fourth round (bench/research/m3_fourth_round.py) -------------------------------------
# "the member" below is the library's as it is: ``fit_ets`` (levels unless the adjusted series
# trends), ``fit_arima`` (airline / ARIMA(p,d,0)), ``fit_theta`` (Theta on adjusted levels).


def has_break(prep: Prepared) -> bool:
    """Does the adjusted working series have a level shift (a change over :data:`BREAK_SDS`
    robust sds from the median change; the test of :func:`after_break`)?"""
    d = np.diff(prep.adjusted)
    mad = 1.4826 * np.median(np.abs(d - np.median(d)))
    return bool(mad > 0 and np.max(np.abs(d - np.median(d))) > BREAK_SDS * mad)


def after_last_break(member: object, min_left: int) -> object:
    """The member fitted to the series after its last level shift (:func:`after_break`) if at
    least ``min_left`` quarters remain, else to the whole series."""
    return with_preparation(member, partial(after_break, min_left=min_left))


def theta_drift(prep: Prepared, h: int, weight: float) -> Fit:
    """Theta on the adjusted levels with ``weight`` times the OLS slope as drift (the member:
    ½; 0 is SES); variance and scale as the member (:func:`fit_theta`)."""
    mean, alpha, errors = theta_forecast(_levels(prep), h, drift=weight)
    var = ses_variance(float(np.mean(errors[1:] ** 2)), alpha, h)
    if prep.log:
        mean, var = to_log_scale(mean, var)
    return _reseasonalize(Fit(mean, var), prep, h)


def unless_trending(plain: object, other: object, seasonal_too: bool = True) -> object:
    """``other`` for a series without a clear trend (:func:`is_trending` of the adjusted
    working series; with ``seasonal_too`` False only non-seasonal ones), else ``plain``."""

    def fit(prep: Prepared, h: int) -> Fit:
        flat = not is_trending(prep.adjusted) and (seasonal_too or not np.any(prep.seasonal))
        return other(prep, h) if flat else plain(prep, h)

    return fit


def if_break(plain: object, other: object) -> object:
    """``other`` for a series with a level shift (:func:`has_break`), else ``plain``."""

    def fit(prep: Prepared, h: int) -> Fit:
        return other(prep, h) if has_break(prep) else plain(prep, h)

    return fit


def only_if(member: object, test: object) -> object:
    """The member where ``test(prep)`` holds; elsewhere it raises (dropped from the mean)."""

    def fit(prep: Prepared, h: int) -> Fit:
        if not test(prep):
            raise ValueError("not this kind of series")
        return member(prep, h)

    return fit


def _flat_nonseasonal(prep: Prepared) -> bool:
    """Neither seasonal nor trending (adjusted series)."""
    return not np.any(prep.seasonal) and not is_trending(prep.adjusted)


def arima_on_levels(prep: Prepared, h: int, seasonal_too: bool, nonseasonal: bool = True) -> Fit:
    """The ARIMA member on the *levels* of a log-scale series (with ``nonseasonal``
    ARIMA(p,d,0) on the adjusted levels of a non-seasonal series; with ``seasonal_too`` the
    airline on the unadjusted levels of a seasonal one), moved to the log scale by
    :func:`to_log_scale`; other series on the log scale as the member."""
    seasonal = bool(np.any(prep.seasonal))
    if not prep.log or (seasonal and not seasonal_too) or (not seasonal and not nonseasonal):
        return fit_arima(prep, h)
    if seasonal:
        fit = fit_airline(Prepared(np.exp(prep.work), False, prep.seasonal, prep.season), h)
        mean, var = to_log_scale(fit.mean, fit.var)
        return Fit(mean, var)
    flat = Prepared(np.exp(prep.adjusted), False, np.zeros(prep.season), prep.season)
    fit = fit_arima(flat, h)
    mean, var = to_log_scale(fit.mean, fit.var)
    return _reseasonalize(Fit(mean, var), prep, h)


MA_ORDERS = ((0, 1), (1, 1), (0, 2))
"""(p, q) orders with an MA part that :func:`arima_small_ma` adds to the member's AR(p) search."""


def arima_small_ma(prep: Prepared, h: int) -> Fit:
    """Non-seasonal: the member's ARIMA(p,d,0) (d by KPSS, p ≤ 3 by AICc, Burg) against
    ARIMA(p,d,q) of :data:`MA_ORDERS` (statsmodels' exact MLE on the same centred differences),
    all by AICc; seasonal: the airline member."""
    if np.any(prep.seasonal):
        return fit_arima(prep, h)
    x = prep.adjusted
    d, stationary = difference_by_kpss(x)
    constant = stationary.mean() if d < 2 else 0.0
    centred, m, extra = stationary - constant, len(stationary), 1 + (d < 2)
    aicc, ar, sigma2 = best_ar(centred, extra)
    best = (aicc, ar, np.zeros(0), sigma2, None)
    for p, q in MA_ORDERS:
        k = p + q + extra
        if m - k - 1 <= 0:
            continue
        res = SARIMAX(centred, order=(p, 0, q), trend="n").fit(disp=False)
        aicc = -2 * res.llf + 2 * k + 2 * k * (k + 1) / (m - k - 1)
        if np.isfinite(aicc) and aicc < best[0]:
            ar, ma = res.arparams, res.maparams
            best = (aicc, ar, ma, float(res.params[-1]), res)
    _, ar, ma, sigma2, res = best
    if res is None:
        mean, var = arima_forecast(x, d, constant, ar, sigma2, h)
        return _reseasonalize(Fit(mean, var), prep, h)
    steps = constant + np.asarray(res.forecast(h))
    for j in range(d - 1, -1, -1):
        steps = np.diff(x, n=j)[-1] + np.cumsum(steps)
    poly = np.r_[1.0, -ar]
    for _ in range(d):
        poly = np.convolve(poly, [1.0, -1.0])
    psi = arma2ma(poly, np.r_[1.0, ma], lags=h)
    return _reseasonalize(Fit(steps, sigma2 * np.cumsum(psi**2)), prep, h)


def ets_damping_if_break(prep: Prepared, h: int, upper: float = 0.9) -> Fit:
    """The ETS member with its damping bounded by ``upper`` for a series with a level shift."""
    return fit_ets(prep, h, damping_max=upper if has_break(prep) else None)


def arima_no_drift_unless_trending(prep: Prepared, h: int) -> Fit:
    """The ARIMA member, but a non-seasonal series without a clear trend (:func:`is_trending`)
    that gets one difference has no drift (the insignificant mean change is not extrapolated)."""
    if np.any(prep.seasonal) or is_trending(prep.adjusted):
        return fit_arima(prep, h)
    x = prep.adjusted
    d, stationary = difference_by_kpss(x)
    if d != 1:
        return fit_arima(prep, h)
    _, ar, sigma2 = best_ar(stationary, 1)  # the variance only: no drift
    mean, var = arima_forecast(x, 1, 0.0, ar, sigma2, h)
    return _reseasonalize(Fit(mean, var), prep, h)


def _not_break(prep: Prepared) -> bool:
    """No level shift (:func:`has_break`)."""
    return not has_break(prep)


def _not_trending(prep: Prepared) -> bool:
    """No clear trend in the adjusted series (:func:`is_trending`)."""
    return not is_trending(prep.adjusted)


FOURTH_ROUND: dict = {
    # 1. break-aware fitting
    "ets_after_break16": after_last_break(fit_ets, 16),
    "arima_after_break16": after_last_break(fit_arima, 16),
    "theta_after_break16": after_last_break(fit_theta, 16),
    "ets_after_break12": after_last_break(fit_ets, 12),
    "arima_after_break12": after_last_break(fit_arima, 12),
    "theta_after_break12": after_last_break(fit_theta, 12),
    "theta_half_drift_if_break": if_break(fit_theta, partial(theta_drift, weight=0.25)),
    "ets_damped090_if_break": ets_damping_if_break,
    # 2. ARIMA on the levels unless the adjusted series trends
    "arima_levels_unless_trending": unless_trending(
        fit_arima, partial(arima_on_levels, seasonal_too=False)
    ),
    "arima_levels_unless_trending_all": unless_trending(
        fit_arima, partial(arima_on_levels, seasonal_too=True)
    ),
    # 3. small MA orders for non-seasonal series
    "arima_small_ma": arima_small_ma,
    # 4. Theta's drift shrunk unless the series trends
    "theta_half_drift_unless_trending": unless_trending(
        fit_theta, partial(theta_drift, weight=0.25)
    ),
    "theta_optimised_unless_trending": unless_trending(fit_theta, theta_optimised),
    # 5. SES for non-trending non-seasonal series
    "theta_ses_if_flat_nonseasonal": unless_trending(
        fit_theta, partial(theta_drift, weight=0.0), seasonal_too=False
    ),
    "ses_if_flat_nonseasonal": only_if(partial(theta_drift, weight=0.0), _flat_nonseasonal),
    # 6. from the by-kind diagnosis
    "arima_airline_levels_unless_trending": unless_trending(
        fit_arima, partial(arima_on_levels, seasonal_too=True, nonseasonal=False)
    ),
    "arima_unless_break": only_if(fit_arima, _not_break),
    "arima_no_drift_unless_trending": arima_no_drift_unless_trending,
    "theta_ses_if_break": if_break(fit_theta, partial(theta_drift, weight=0.0)),
    "ses_if_flat": only_if(partial(theta_drift, weight=0.0), _not_trending),
}
FOURTH_ROUND["arima_d_upto_1_if_break"] = if_break(fit_arima, arima_d_upto_1)
FOURTH_ROUND["arima_airline_levels_unless_trending_unless_break"] = only_if(
    FOURTH_ROUND["arima_airline_levels_unless_trending"], _not_break
)
"""The fourth round's candidates (``bench/research/m3_fourth_round.py``), name → member."""
