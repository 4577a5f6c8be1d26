"""Per-series model fits: seasonal naive, drift, ETS, ARIMA, Theta, combination.

Every model works on a *working scale*: the natural log of the series when all values are
positive (so errors are proportional and intervals stay positive), the raw values otherwise.
Seasonality (four quarters) is estimated by classical decomposition when a test finds it, as
in the M4 competition benchmarks; drift, Theta and the non-seasonal ARIMA are fitted to the
adjusted series and the seasonal indices are added back (Theta on the adjusted *levels*, so
its drift is linear), while ETS (damped trend, additive season; on the levels, not the logs,
for a series without a clear trend) and the airline SARIMA model a seasonal series' pattern
themselves so that it may evolve. Seasonal naive uses the raw working series. ETS is fitted
by statsmodels; Theta, the non-seasonal ARIMA and the airline model
(:mod:`clusterlib.forecasting.airline`) are computed in numpy/scipy (same numbers as
statsmodels, ten times faster). The combination's variance is rescaled to its recent
one-step volatility and its intervals use per-horizon quantiles fitted on out-of-sample
multi-step errors (:func:`calibrate`, :mod:`clusterlib.forecasting.calibration`).
See docs/forecasting.md for the reasons behind each choice and the M3 benchmark figures.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from scipy.signal import lfilter
from scipy.stats import norm
from statsmodels.regression.linear_model import burg
from statsmodels.tsa.arima.model import ARIMA
from statsmodels.tsa.arima_process import arma_acovf
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.stattools import acf, kpss

from clusterlib.forecasting.airline import fit_airline_model
from clusterlib.forecasting.calibration import INTERVAL_QUANTILES, half_width, horizon_quantiles
from clusterlib.messages import message

SEASON = 4
"""Quarters per year."""
MIN_OBS = 8
"""Fewest observations (two years) for a model fit; shorter series get the fallback."""
MIN_SEASONAL_YEARS = 3
"""Fewest years of observations for estimating seasonal indices (as in the M4 benchmarks)."""
EVOLVING_SEASON_MAX = 4
"""Longest seasonal period whose pattern the models let evolve (ETS season, airline SARIMA).

Longer periods (12 months) keep the classical seasonal indices fixed and every model fits
the adjusted series, as in the M4 benchmarks: twelve seasonal states cost three times the
fitting time (see bench/ledger_bench.py for the monthly backtest).
"""
COMBO_MEMBERS = ("ets", "arima", "theta")
"""Models averaged with equal weights in the default combination (``"combo"``)."""
LEVELS = (80, 95)
"""Prediction-interval coverage levels in %."""
CALIBRATION_HALFLIFE = 32
"""Half-life in quarters of the residual weights that set the recent volatility (8 years).

Chosen by ``bench/interval_calibration.py`` on the M3 design series (none, 16, 24, 32)."""
MIN_CALIBRATION_RESIDUALS = 12
"""Fewest one-step residuals for rescaling the combination's variance to recent volatility."""
ETS_DAMPING_MAX = 0.98
"""Largest damping factor φ of the ETS member's trend per quarter (statsmodels' default bound).

0.95 was measured in issue #14 (docs/forecasting.md, "Second round"): better on the M3
series (design at three origins, and the report subset: OWA 0.893 → 0.886, sMAPE below
Theta) but worse on the series this library is for: China's industrial indices, MASE of
the combination 0.604 → 0.654 over 174 backtest origins, the demo panel 0.518 → 0.573 (US
flat). Switching to 0.95 also needs the interval table refitted (the figures are in the
docs). A period other than quarters gets the same damping per year,
``ETS_DAMPING_MAX ** (4 / season)``, capped at 0.98.
"""


@dataclass(frozen=True)
class Prepared:
    """A series on its working scale, with its seasonal indices (zeros if not seasonal)."""

    work: np.ndarray
    log: bool
    seasonal: np.ndarray
    season: int = SEASON

    @property
    def adjusted(self) -> np.ndarray:
        """The seasonally adjusted working series."""
        return self.work - self.seasonal[np.arange(len(self.work)) % self.season]

    def future_seasonal(self, h: int) -> np.ndarray:
        """Seasonal indices of the next ``h`` quarters."""
        return self.seasonal[np.arange(len(self.work), len(self.work) + h) % self.season]


@dataclass(frozen=True)
class Fit:
    """One model's forecast on the working scale: mean, variance, in-sample residuals.

    ``quantiles``, if set, maps a level (%) to the half-widths of its interval in sds at each
    horizon (split-conformal, :mod:`clusterlib.forecasting.calibration`); otherwise the
    intervals are normal.
    """

    mean: np.ndarray
    var: np.ndarray
    resid: np.ndarray | None = None
    quantiles: dict[int, np.ndarray] | None = None


@dataclass
class SeriesFit:
    """All requested models' forecasts for one series, and what went wrong on the way."""

    fits: dict[str, Fit]
    log: bool
    fallback_reason: str | None = None
    failed_models: list[str] = field(default_factory=list)


class FallbackWarning(UserWarning):
    """Some series or models could not be fitted and got the fallback forecast."""


# --- preparation ----------------------------------------------------------------------------


def is_seasonal(work: np.ndarray, season: int = SEASON) -> bool:
    """Is the lag-``season`` autocorrelation of the changes significant (90%, one-sided)?

    The M4 benchmarks' test (Bartlett's standard error with the lags below the season),
    applied to first differences so that a trend alone does not look seasonal.
    """
    diffs = np.diff(work)
    if len(work) < MIN_SEASONAL_YEARS * season or np.ptp(diffs) == 0:
        return False
    r = acf(diffs, nlags=season, fft=False)
    limit = norm.ppf(0.9) * np.sqrt((1 + 2 * np.sum(r[1:season] ** 2)) / len(diffs))
    return bool(r[season] > limit)


def prepare(values: np.ndarray, season: int = SEASON) -> Prepared:
    """Working scale (log if all positive) and classical additive seasonal indices if seasonal.

    ``season`` is the seasonal period: 4 for quarters (the default), 12 for months.
    """
    log = bool(np.all(values > 0))
    work = np.log(values) if log else np.asarray(values, dtype=float)
    seasonal = np.zeros(season)
    if is_seasonal(work, season):
        seasonal = seasonal_decompose(work, period=season, model="additive").seasonal[:season]
    return Prepared(work=work, log=log, seasonal=np.asarray(seasonal), season=season)


def unfittable_reason(values: np.ndarray, season: int = SEASON) -> str | None:
    """Why a series cannot get the full model fit (gaps, too short, constant), or None.

    Two years are needed: :data:`MIN_OBS` quarters, or ``2 · season`` periods.
    """
    if np.isnan(values).any():
        return message("fit_gaps")
    needed = max(MIN_OBS, 2 * season)
    if len(values) < needed:
        unit = message("unit_quarters" if season == SEASON else "unit_periods")
        return message("fit_too_short", n=len(values), unit=unit, needed=needed)
    if np.ptp(values) == 0:
        return message("fit_constant")
    return None


# --- the models ---------------------------------------------------------------------------


def _state_space_fit(model: ARIMA, params: Sequence[float], h: int, burn: int) -> Fit:
    """Forecast an ARIMA with given parameters through statsmodels' Kalman filter: mean,
    variance and one-step residuals (NaN for the first ``burn``)."""
    res = model.filter(np.asarray(params, dtype=float))
    pred = res.get_forecast(h)
    resid = np.asarray(res.resid, dtype=float).copy()
    resid[:burn] = np.nan
    return Fit(np.asarray(pred.predicted_mean), np.asarray(pred.var_pred_mean), resid)


def fit_snaive(prep: Prepared, h: int) -> Fit:
    """Seasonal naive: next year's quarter = this year's; ARIMA(0,0,0)(0,1,0)_4 in closed form.

    The forecast ``k`` quarters ahead repeats the last observed value of its quarter; its
    variance is ``σ²·⌈k / season⌉`` with ``σ²`` the mean squared seasonal difference (the
    model's one-step variance), and the one-step residuals are the seasonal differences
    (the first ``season`` undefined). These are the numbers statsmodels' Kalman filter gives
    for that ARIMA with that variance, at a hundredth of its cost; its variances are larger
    by up to a few parts per million on short series, the residue of its approximate
    diffuse start (tests/test_models.py).
    """
    season, work = prep.season, prep.work
    changes = work[season:] - work[:-season]
    steps = np.arange(h)
    mean = work[len(work) - season + steps % season]
    var = np.mean(changes**2) * (steps // season + 1)
    return Fit(mean, var, np.r_[np.full(season, np.nan), changes])


def fit_drift(prep: Prepared, h: int) -> Fit:
    """Random walk with drift on the adjusted series; ARIMA(0,1,0) with a constant change."""
    changes = np.diff(prep.adjusted)
    model = ARIMA(pd.Series(prep.adjusted), order=(0, 1, 0), trend="t")
    fit = _state_space_fit(model, [changes.mean(), changes.var()], h, burn=1)
    return _reseasonalize(fit, prep, h)


def fit_ets(prep: Prepared, h: int, damping_max: float | None = None) -> Fit:
    """Damped-trend ETS: on the log scale for a trending series, on the levels otherwise.

    A positive series whose seasonally adjusted log changes have a mean within 2 standard
    errors of 0 (:func:`is_trending`) gets :func:`fit_ets_levels`, a damped *linear* trend
    on the levels; any other series the log-scale model, a damped growth rate. Issue #14's
    third round (docs/forecasting.md): on the M3 design series the combination's OWA fell
    by 0.015 / 0.016 / 0.012 at the three origins, while China's indices, the demo and the
    US series, all trending, keep their forecasts (MASE 0.604 / 0.518 / 1.145 → 0.604 /
    0.518 / 1.146); the levels for every series lost 6–11% of MASE on China and the demo.

    On the log scale: additive errors; seasonal series ETS(A,Ad,A) fitted to the unadjusted
    series so the seasonal pattern may evolve, others ETS(A,Ad,N) on the adjusted series. The
    damped trend is imposed, not chosen by AICc among none / additive / damped: on the
    design half of the M3 quarterly benchmark the AICc choice (mostly an undamped trend) gave
    OWA 1.01, worse than Naive2, and the imposed damped trend 0.91. Initial states come from
    statsmodels' heuristic (Hyndman & Athanasopoulos, section 2.6) where the series is long
    enough (:func:`_ets_initialization`), not from the optimiser: half the fitting time, the
    same accuracy on the design series. The damping factor is bounded by ``damping_max``,
    by default :data:`ETS_DAMPING_MAX` (:func:`ets_damping_bounds`), statsmodels' 0.98 per
    quarter: a tighter bound was measured and not adopted (see the constant).
    """
    if prep.log and not is_trending(prep.adjusted):
        return fit_ets_levels(prep, h, damping_max)
    return fit_ets_logs(prep, h, damping_max)


def fit_ets_logs(prep: Prepared, h: int, damping_max: float | None = None) -> Fit:
    """Damped-trend ETS with additive errors on the working scale (the member before issue
    #14's third round, now the trending series' branch of :func:`fit_ets`)."""
    seasonal = bool(np.any(prep.seasonal))
    y = pd.Series(prep.work if seasonal else prep.adjusted)
    res = _ets_model(y, "add", seasonal, prep.season, damping_max).fit(disp=False)
    pred = res.get_prediction(start=len(y), end=len(y) + h - 1)
    fit = Fit(np.asarray(pred.predicted_mean), np.asarray(pred.var_pred_mean), res.resid.values)
    return fit if seasonal else _reseasonalize(fit, prep, h)


def is_trending(work: np.ndarray) -> bool:
    """Is the mean change of ``work`` more than 2 standard errors from 0 (or the changes constant)?

    Applied to the seasonally adjusted working series, so a season's swings do not hide a
    trend; the test of the M3 benchmark's kinds of series (bench/m3_benchmark.py).
    """
    d = np.diff(work)
    sd = np.std(d, ddof=1) if len(d) > 1 else 0.0
    return bool(sd == 0 or abs(d.mean()) > 2 * sd / np.sqrt(len(d)))


def fit_ets_levels(prep: Prepared, h: int, damping_max: float | None = None) -> Fit:
    """Damped-trend ETS on the *levels* of a log-scale series, the error chosen by AICc.

    ETS(A,Ad,·) and ETS(M,Ad,·) (additive season if the series is seasonal, fitted to the
    unadjusted levels; else on the adjusted levels) compete by AICc on the same data. The
    level variance is :func:`ets_variance_factor` times the one-step variance (times the
    squared forecast for multiplicative errors, whose one-step variance is relative); both
    move to the log scale by :func:`to_log_scale`. The in-sample residuals are
    ``log(y / fitted)``. A forecast that is not positive raises (the member is dropped).
    """
    seasonal = bool(np.any(prep.seasonal))
    season = prep.season if seasonal else 0
    y = pd.Series(np.exp(prep.work if seasonal else prep.adjusted))
    fits = [
        _ets_model(y, error, seasonal, prep.season, damping_max).fit(disp=False)
        for error in ("add", "mul")
    ]
    res = min(fits, key=lambda r: r.aicc if np.isfinite(r.aicc) else np.inf)
    mean = np.asarray(res.forecast(h))
    params = dict(zip(res.param_names, res.params, strict=True))
    var = res.mse * ets_variance_factor(params, season, h)
    log_mean, log_var = to_log_scale(mean, var * mean**2 if res.model.error == "mul" else var)
    resid = np.log(y.to_numpy() / res.fittedvalues.to_numpy())
    fit = Fit(log_mean, log_var, resid)
    return fit if seasonal else _reseasonalize(fit, prep, h)


def ets_variance_factor(params: Mapping[str, float], season: int, h: int) -> np.ndarray:
    """``1 + Σ_{j<k} c_j²`` at horizons ``k`` = 1..h of a damped-trend ETS, additive errors.

    ``c_j = α + β·(φ + … + φ^j) + γ·[j a multiple of the season]`` (Hyndman et al. 2008,
    table 6.1, ETS(A,Ad,N) and ETS(A,Ad,A)); times σ² it is the forecast variance, and for
    multiplicative errors with small σ approximately the relative one. ``params`` has
    statsmodels' names ``smoothing_level``, ``smoothing_trend``, ``damping_trend`` and, if
    ``season`` > 0, ``smoothing_seasonal``.
    """
    alpha, beta, phi = (params[k] for k in ("smoothing_level", "smoothing_trend", "damping_trend"))
    j = np.arange(1, h)
    c = alpha + beta * phi * (1 - phi**j) / (1 - phi)
    if season:
        c = c + params["smoothing_seasonal"] * (j % season == 0)
    return 1 + np.r_[0.0, np.cumsum(c**2)]


def _ets_model(
    y: pd.Series, error: str, seasonal: bool, season: int, damping_max: float | None
) -> ETSModel:
    """The damped-trend ETS model with ``error`` and, if ``seasonal``, an additive season.

    ``season`` is the period, which also sets the damping bound (:func:`ets_damping_bounds`).
    """
    return ETSModel(
        y,
        error=error,
        trend="add",
        damped_trend=True,
        seasonal="add" if seasonal else None,
        seasonal_periods=season if seasonal else None,
        initialization_method=_ets_initialization(len(y), season if seasonal else 0),
        bounds={"damping_trend": ets_damping_bounds(season, damping_max)},
    )


def ets_damping_bounds(
    season: int = SEASON, damping_max: float | None = None
) -> tuple[float, float]:
    """Bounds of the ETS member's damping factor φ for a seasonal period of ``season``.

    The upper bound damps a trend as much per year as ``damping_max`` (default
    :data:`ETS_DAMPING_MAX`) does per quarter (``damping_max ** (4 / season)``), at most
    statsmodels' default 0.98; the lower bound is statsmodels' default 0.8.
    """
    per_quarter = ETS_DAMPING_MAX if damping_max is None else damping_max
    return 0.8, min(0.98, per_quarter ** (SEASON / season))


def fit_airline(prep: Prepared, h: int) -> Fit:
    """The airline model SARIMA(0,1,1)(0,1,1)_4 by maximum likelihood (seasonal series).

    Fitted by :func:`clusterlib.forecasting.airline.fit_airline_model`: the exact Gaussian
    likelihood of the differenced series through a banded Cholesky factor, with the
    variance concentrated out, maximised over the two MA coefficients. At the same maximum,
    the estimates, forecasts, variances and residuals of statsmodels'
    ``SARIMAX(..., concentrate_scale=True)`` (which this replaced) up to its optimiser's
    tolerance and its approximate diffuse start; where statsmodels stops at a local maximum
    or short of the bound ``Θ → −1`` this finds the higher one (tests/test_airline.py). About
    ten times faster; the first ``1 + season`` residuals are NaN.
    """
    result = fit_airline_model(prep.work, h, prep.season)
    return Fit(result.mean, result.var, result.resid)


def fit_arima(prep: Prepared, h: int, max_ar: int = 3) -> Fit:
    """Seasonal series: the airline SARIMA; others: ARIMA(p,d,0), d ≤ 2 by KPSS, p by AICc.

    Non-seasonal: p ≤ ``max_ar``; with d = 1 the model has a drift, with d = 0 a mean, with
    d = 2 neither. Coefficients are estimated by Burg's method on the differenced, centred
    series (fast, always stationary); the exact Gaussian likelihood, AICc, forecasts and
    forecast variances are computed directly (:func:`ar_loglike`, :func:`arima_forecast`),
    the same numbers as statsmodels' Kalman filter with these parameters (tests) at a tenth
    of its cost.
    """
    if np.any(prep.seasonal):
        return fit_airline(prep, h)
    x = prep.adjusted
    d, stationary = difference_by_kpss(x)
    constant = stationary.mean() if d < 2 else 0.0
    centred = stationary - constant
    _, ar, sigma2 = best_ar(centred, 1 + (d < 2), max_ar)  # variance, and the mean or drift
    mean, var = arima_forecast(x, d, constant, ar, sigma2, h)
    resid = np.full(len(x), np.nan)
    p = len(ar)
    resid[d + p :] = centred[p:] - _lagged(centred, p) @ ar if p else centred
    return _reseasonalize(Fit(mean, var, resid), prep, h)


def difference_by_kpss(x: np.ndarray) -> tuple[int, np.ndarray]:
    """The order ``d ≤ 2`` of differencing and the differenced series: difference while KPSS
    rejects stationarity at 5%."""
    d, stationary = 0, x
    while d < 2 and _kpss_pvalue(stationary) < 0.05:
        d, stationary = d + 1, np.diff(stationary)
    return d, stationary


def best_ar(centred: np.ndarray, extra: int, max_ar: int = 3) -> tuple[float, np.ndarray, float]:
    """AICc, AR coefficients and innovation variance of the AR(p), ``p ≤ max_ar`` (and ≤ a
    quarter of the length), with the smallest AICc; Burg estimates, exact likelihood.

    ``extra`` counts the parameters besides the AR coefficients (the variance, and a mean or
    drift if the model has one). Raises ``ValueError`` if no order gives a finite AICc.
    """
    best, m = None, len(centred)
    for p in range(min(max_ar, m // 4) + 1):
        ar, sigma2 = burg(centred, order=p, demean=False) if p else (np.zeros(0), None)
        sigma2 = float(np.mean(centred**2)) if p == 0 else float(sigma2)
        k = p + extra
        aicc = -2 * ar_loglike(centred, ar, sigma2) + 2 * k + 2 * k * (k + 1) / (m - k - 1)
        if np.isfinite(aicc) and (best is None or aicc < best[0]):
            best = (float(aicc), np.asarray(ar, dtype=float), sigma2)
    if best is None:
        raise ValueError("no ARIMA order gave a finite AICc")
    return best


def ar_loglike(x: np.ndarray, ar: np.ndarray, sigma2: float) -> float:
    """Exact Gaussian log-likelihood of a zero-mean stationary AR(p) series ``x``.

    The first ``p`` values enter through their stationary covariance matrix, the rest through
    their one-step errors ``e_t = x_t − Σ φ_i·x_{t−i}`` (Box, Jenkins & Reinsel, ch. 7).
    """
    p, n = len(ar), len(x)
    e = x[p:] - _lagged(x, p) @ ar if p else x
    total = n * np.log(2 * np.pi) + (n - p) * np.log(sigma2) + np.sum(e**2) / sigma2
    if p:
        gamma = arma_acovf(np.r_[1.0, -ar], np.ones(1), nobs=p, sigma2=sigma2)
        cov = gamma[np.abs(np.subtract.outer(np.arange(p), np.arange(p)))]
        sign, logdet = np.linalg.slogdet(cov)
        if sign <= 0:
            return -np.inf
        total += logdet + x[:p] @ np.linalg.solve(cov, x[:p])
    return float(-0.5 * total)


def arima_forecast(
    x: np.ndarray, d: int, constant: float, ar: np.ndarray, sigma2: float, h: int
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of the ``h``-step forecasts of an ARIMA(p,d,0) with known parameters.

    The ``d``-th differences minus ``constant`` follow the AR(p) ``ar``; the forecast runs the
    AR recursion on them and integrates ``d`` times from the last observed values. The
    variance is ``σ²·Σ_{j<k} ψ_j²`` with ``ψ`` the MA(∞) weights of ``1 / (φ(B)·(1 − B)^d)``.
    """
    p = len(ar)
    diffs = [x] + [np.diff(x, n=j) for j in range(1, d + 1)]
    history = list(diffs[d][-p:] - constant) if p else []
    last = [series[-1] for series in diffs[:d]]
    mean = np.empty(h)
    for k in range(h):
        step = constant + (float(np.dot(ar, history[::-1][:p])) if p else 0.0)
        history.append(step - constant)
        for j in range(d - 1, -1, -1):  # integrate: Δ^{j} x_new = Δ^{j} x_last + Δ^{j+1} x_new
            last[j] = last[j] + step
            step = last[j]
        mean[k] = step
    poly = np.r_[1.0, -ar]  # coefficients of B^0, B^1, ... of φ(B)·(1 − B)^d
    for _ in range(d):
        poly = np.convolve(poly, [1.0, -1.0])
    psi = np.zeros(h)
    psi[0] = 1.0
    for j in range(1, h):
        lags = np.arange(1, min(j, len(poly) - 1) + 1)
        psi[j] = -np.dot(poly[lags], psi[j - lags])
    return mean, sigma2 * np.cumsum(psi**2)


def _lagged(x: np.ndarray, p: int) -> np.ndarray:
    """Matrix whose row ``t`` holds ``x[t+p−1], …, x[t]`` (the ``p`` values before ``x[t+p]``)."""
    return np.column_stack([x[p - i : len(x) - i] for i in range(1, p + 1)])


def ses_variance(sigma2: float, alpha: float, h: int) -> np.ndarray:
    """Forecast-error variance of simple exponential smoothing (with drift), horizons 1..h.

    SES with smoothing weight ``α`` is the ARIMA(0,1,1) ``Δy_t = b + e_t − (1 − α)·e_{t−1}``;
    its ``k``-step error is ``e_{n+k} + α·(e_{n+1} + … + e_{n+k−1})``, so the variance is
    ``σ²·(1 + (k − 1)·α²)`` (Hyndman et al. 2008, table 6.1, ETS(A,N,N)).

    Not statsmodels' ``ThetaResults.prediction_intervals`` formula
    ``σ²·(1 + (k − 1)·(1 + (α − 1)²))``, which does not match its own model: for α = 0.5 at
    k = 8 it gives 9.75σ² where a Monte Carlo of the model gives 2.75σ² (tests/test_models.py).
    """
    return sigma2 * (1.0 + np.arange(h) * alpha**2)


def ses_errors(y: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """One-step errors and final level of simple exponential smoothing started at ``y[0]``.

    ``l_t = α·y_t + (1 − α)·l_{t−1}`` with ``l_{−1} = y[0]`` (statsmodels'
    ``ExponentialSmoothing(initial_level=y[0], initialization_method="known")``), run as one
    linear filter; the error at ``t`` is ``y_t − l_{t−1}``.
    """
    level = lfilter([alpha], [1.0, alpha - 1.0], y, zi=[(1.0 - alpha) * y[0]])[0]
    return y - np.r_[y[0], level[:-1]], float(level[-1])


def fit_ses_alpha(y: np.ndarray) -> float:
    """The SES weight ``α`` in [0, 1] with the least squared one-step error (bounded Brent)."""
    result = minimize_scalar(
        lambda a: float(np.sum(ses_errors(y, a)[0] ** 2)),
        bounds=(0.0, 1.0),
        method="bounded",
        options={"xatol": 1e-6},
    )
    return float(result.x)


def theta_forecast(
    y: np.ndarray, h: int, drift: float = 0.5
) -> tuple[np.ndarray, float, np.ndarray]:
    """The Theta method (θ = 2): forecast, SES weight and SES one-step errors.

    Assimakopoulos & Nikolopoulos (2000) as Hyndman & Billah (2003) express it and statsmodels'
    ``ThetaModel`` computes it: SES forecast plus half the OLS slope ``b0`` of a linear trend,
    ``ŷ_{n+k} = l_n + b0/2 · (k − 1 + 1/α − (1 − α)^n / α)``. Implemented with numpy (one
    linear filter per SES evaluation) because statsmodels' fit costs ~30 ms per series.
    ``drift`` is the weight of ``b0`` (½ is the Theta method, 0 plain SES).
    """
    n = len(y)
    slope = np.polyfit(np.arange(n, dtype=float), y, 1)[0]
    alpha = fit_ses_alpha(y)
    errors, level = ses_errors(y, alpha)
    steps = np.arange(h, dtype=float)
    if alpha > 0:
        steps += 1 / alpha - (1 - alpha) ** n / alpha
    return level + drift * slope * steps, alpha, errors


def fit_theta(prep: Prepared, h: int) -> Fit:
    """The Theta method (:func:`theta_forecast`) on the seasonally adjusted *levels*.

    A log-scale series is exponentiated back to levels (adjusted by the seasonal factors)
    first, so Theta's drift is a linear trend, as in the M-competition Theta, and not a
    constant growth rate: on the design half of the M3 quarterly benchmark this took the
    combination's OWA from 0.852 to 0.833 (docs/forecasting.md). The variance is that of the
    underlying SES with drift, ``σ²·(1 + (k − 1)·α²)`` at horizon ``k`` (:func:`ses_variance`),
    with ``α`` Theta's smoothing weight and ``σ²`` the mean squared SES one-step error (the
    first, zero by construction, left out), moved to the log scale by :func:`to_log_scale`.
    A forecast that is not positive raises (the member is dropped).
    """
    y = np.exp(prep.adjusted) if prep.log else prep.adjusted
    mean, alpha, errors = theta_forecast(y, h)
    var = ses_variance(float(np.mean(errors[1:] ** 2)), alpha, h)
    if prep.log:
        mean, var = to_log_scale(mean, var)
    return _reseasonalize(Fit(mean, var), prep, h)


def to_log_scale(mean: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A forecast of levels moved to the log scale: ``log(mean)`` and ``log(1 + var / mean²)``.

    The variance is that of the log of a lognormal with this mean and variance. For a small
    coefficient of variation it is the delta method's ``var / mean²``; where a forecast comes
    near zero with a wide interval it grows like ``2·log(sd / mean)`` instead of exploding (a
    levels forecast of a series heading for zero had given one M3 series an 80% interval
    thousands of times its forecast; docs/forecasting.md, third round). A forecast that is
    not positive raises (the member is dropped).
    """
    if np.any(mean <= 0):
        raise ValueError("a forecast of a positive series is not positive")
    return np.log(mean), np.log1p(var / mean**2)


def combine(fits: Sequence[Fit]) -> Fit:
    """Equal-weight combination: mean of the means; quantiles averaged (Vincentization).

    Averaging the members' normal quantiles gives a normal whose standard deviation is the
    mean of the members' (Lichtendahl, Grushka-Cockayne & Winkler 2013). Chosen over the
    wider linear pool because it covers closer to the nominal rates in the backtests
    (docs/forecasting.md). In-sample residuals average the members that have one at that
    quarter (NaN where none has: the start-up quarters of a differenced model).
    """
    mean = np.vstack([f.mean for f in fits]).mean(axis=0)
    sd = np.vstack([np.sqrt(f.var) for f in fits]).mean(axis=0)
    resids = [f.resid for f in fits if f.resid is not None]
    return Fit(mean, sd**2, _mean_of_finite(np.vstack(resids)) if resids else None)


def _mean_of_finite(rows: np.ndarray) -> np.ndarray:
    """Column means over the finite entries; NaN (without numpy's warning) where there are none."""
    finite = np.isfinite(rows)
    count = finite.sum(axis=0)
    total = np.where(finite, rows, 0.0).sum(axis=0)
    return np.divide(total, count, out=np.full(rows.shape[1], np.nan), where=count > 0)


def volatility_ratio(resid: np.ndarray | None, halflife: float | None) -> float:
    """Recent over average volatility of one-step residuals (1 if too few or no half-life).

    The exponentially weighted mean of ``e²`` (half-life ``halflife`` quarters, newest
    weighted most) over its plain mean; the first four residuals are skipped as start-up
    errors when more than :data:`MIN_CALIBRATION_RESIDUALS` remain.
    """
    if resid is None or halflife is None:
        return 1.0
    e = resid[np.isfinite(resid)]
    e = e[SEASON:] if len(e) > MIN_CALIBRATION_RESIDUALS else e
    mean_square = np.mean(e**2) if len(e) else 0.0
    if len(e) < MIN_CALIBRATION_RESIDUALS or mean_square == 0:
        return 1.0
    weights = 0.5 ** (np.arange(len(e))[::-1] / halflife)
    return float(np.sum(weights * e**2) / np.sum(weights) / mean_square)


def calibrate(
    fit: Fit,
    halflife: float | None = CALIBRATION_HALFLIFE,
    quantiles: Mapping[int, Sequence[float]] | None = INTERVAL_QUANTILES,
) -> Fit:
    """Rescale a forecast to recent volatility and give it per-horizon interval quantiles.

    1. *recent volatility* (in-sample): the variance is multiplied by
       :func:`volatility_ratio` of the fit's own one-step residuals, so a series whose
       volatility fell (or rose) gets narrower (wider) intervals;
    2. *per-horizon quantiles* (out-of-sample): the ``k``-step interval's half-width is
       ``quantiles[level][k]`` sds instead of the normal's ``z``: split-conformal quantiles
       of normalised multi-step errors of rolling-origin forecasts
       (:mod:`clusterlib.forecasting.calibration`).

    Parameters
    ----------
    fit : Fit
        A forecast on the working scale, with in-sample residuals for step 1.
    halflife : float, optional
        Half-life of the volatility weights, in quarters; None skips step 1.
    quantiles : mapping, optional
        Level → half-widths at horizons 1, 2, … (last repeated); None keeps normal intervals.

    Returns
    -------
    Fit
        The same means with rescaled variances and ``quantiles`` set.
    """
    ratio = volatility_ratio(fit.resid, halflife)
    table = None if quantiles is None else horizon_quantiles(len(fit.mean), quantiles)
    return Fit(fit.mean, fit.var * ratio, fit.resid, table)


def fallback(work: np.ndarray, h: int) -> Fit:
    """Naive forecast (last value) with random-walk intervals; copes with gaps and short series.

    ``work`` is on the working scale. A constant series gets zero-width intervals; a single
    observation gives NaN intervals.
    """
    last = work[~np.isnan(work)][-1]
    changes = np.diff(work)
    changes = changes[~np.isnan(changes)]
    step_var = np.mean(changes**2) if len(changes) else np.nan
    return Fit(np.full(h, last), step_var * np.arange(1, h + 1))


MODELS: dict[str, Callable[[Prepared, int], Fit]] = {
    "snaive": fit_snaive,
    "drift": fit_drift,
    "ets": fit_ets,
    "arima": fit_arima,
    "theta": fit_theta,
}
"""Model name → fit function ``(prepared series, h) -> Fit``; ``"combo"`` combines COMBO_MEMBERS."""


# --- one series, all requested models -------------------------------------------------------


def fit_series(
    values: np.ndarray, h: int, models: Sequence[str] = ("combo",), season: int = SEASON
) -> SeriesFit:
    """Forecast one series with each requested model; never raises for bad data.

    Parameters
    ----------
    values : np.ndarray
        Consecutive quarterly values, oldest first; NaN marks a missing quarter.
    h : int
        Number of quarters to forecast.
    models : sequence of str
        Names from :data:`MODELS` or ``"combo"``.
    season : int
        Seasonal period: 4 (quarters, the default) or 12 (months; ``values`` and ``h`` are
        then in months).

    Returns
    -------
    SeriesFit
        Forecasts on the working scale. A series that cannot be fitted (gaps, too short,
        constant) gets :func:`fallback` for every model, with ``fallback_reason`` set; a
        single model that fails gets the fallback too (or is left out of the combination)
        and is listed in ``failed_models``.
    """
    values = np.asarray(values, dtype=float)
    reason = unfittable_reason(values, season)
    if reason is not None:
        log = bool(np.all(values[~np.isnan(values)] > 0))
        rescue = fallback(np.log(values) if log else values, h)
        return SeriesFit({m: rescue for m in models}, log=log, fallback_reason=reason)
    prep = prepare(values, season)
    fitted = _held_season(prep)
    needed = {m for m in models if m != "combo"} | (
        set(COMBO_MEMBERS) if "combo" in models else set()
    )
    fits, failed = {}, []
    for name in sorted(needed):
        fit = _try_fit(MODELS[name], fitted, h)
        if fit is None:
            failed.append(name)
        else:
            fits[name] = fit if fitted is prep else _reseasonalize(fit, prep, h)
    members = [fits[m] for m in COMBO_MEMBERS if m in fits]
    if "combo" in models and members:
        fits["combo"] = calibrate(combine(members))
    rescue = _reseasonalize(fallback(prep.adjusted, h), prep, h)
    result = {m: fits.get(m, rescue) for m in models}
    return SeriesFit(result, log=prep.log, failed_models=failed)


def intervals(fit: Fit, log: bool, levels: Sequence[int] = LEVELS) -> dict[str, np.ndarray]:
    """Point forecast and prediction intervals, back on the original scale.

    Intervals are ``mean ± q·sd`` with ``q`` the normal quantile, or for a calibrated fit
    (:func:`calibrate`) the per-horizon quantile of its table
    (:func:`clusterlib.forecasting.calibration.half_width`).

    On the log scale the point forecast is the exponential of the log mean, i.e. the median
    of the forecast distribution (accuracy measures such as sMAPE and MASE favour the median).
    """
    sd = np.sqrt(fit.var)
    out = {"mean": fit.mean}
    for level in levels:
        z = half_width(fit.quantiles, level, len(fit.mean))
        out[f"lo_{level}"], out[f"hi_{level}"] = fit.mean - z * sd, fit.mean + z * sd
    return {k: np.exp(v) if log else v for k, v in out.items()}


def _held_season(prep: Prepared) -> Prepared:
    """``prep`` itself, or for long seasonal periods its adjusted series with no season left.

    See :data:`EVOLVING_SEASON_MAX`; the caller adds the fixed indices back.
    """
    if prep.season <= EVOLVING_SEASON_MAX or not np.any(prep.seasonal):
        return prep
    return Prepared(prep.adjusted, prep.log, np.zeros(prep.season), prep.season)


def _reseasonalize(fit: Fit, prep: Prepared, h: int) -> Fit:
    """Add the seasonal indices of the forecast quarters back to an adjusted-series forecast."""
    return Fit(fit.mean + prep.future_seasonal(h), fit.var, fit.resid)


def _ets_initialization(n: int, season: int) -> str:
    """``"heuristic"`` initial ETS states if statsmodels can compute them, else ``"estimated"``.

    The heuristic needs 10 observations, and for a seasonal model (``season`` > 0) two full
    years and ``10 + 2·(season // 2)`` observations.
    """
    enough = n >= 10 if not season else n >= max(2 * season, 10 + 2 * (season // 2))
    return "heuristic" if enough else "estimated"


def _kpss_pvalue(x: np.ndarray) -> float:
    """KPSS level-stationarity p-value (interpolated, so clipped to 0.01–0.1)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return kpss(x, regression="c", nlags="auto")[1]


def _try_fit(fit_function: Callable[[Prepared, int], Fit], prep: Prepared, h: int) -> Fit | None:
    """Run one fit with statsmodels' warnings silenced; None if it fails or is not finite."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            fit = fit_function(prep, h)
    except Exception:  # statsmodels fails in many ways on odd data; the caller falls back
        return None
    finite = np.all(np.isfinite(fit.mean)) and np.all(np.isfinite(fit.var)) and np.all(fit.var >= 0)
    return fit if finite else None
