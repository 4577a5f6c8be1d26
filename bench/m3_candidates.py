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
from statsmodels.regression.linear_model import burg
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.statespace.sarimax import SARIMAX

from clusterlib.forecasting.models import (
    Fit,
    Prepared,
    _ets_initialization,
    _kpss_pvalue,
    _reseasonalize,
    ar_loglike,
    arima_forecast,
    fit_airline,
    fit_arima,
    fit_ets,
    fit_ses_alpha,
    ses_errors,
)

SEASONS = 4
"""Quarters per year."""
DAMPING = 0.95
"""The damping bound of the ETS variants below (the second round's candidate; the library: 0.98)."""
BREAK_SDS = 6
"""A level shift: a change more than this many robust sds from the median change (as kinds)."""


def ets_damping_upto(upper: float) -> object:
    """The ETS member with the damping factor bounded by ``upper`` (statsmodels: 0.98)."""
    return partial(fit_ets, damping_max=upper)


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
    x, d = prep.adjusted, 0
    while d < 2 and _kpss_pvalue(np.diff(x, n=d) if d else x) < 0.05:
        d += 1
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
