"""HAC statistics: the Newey–West t test of a mean with simulated references; corrections."""

from __future__ import annotations

from functools import lru_cache
from itertools import product

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa.ar_model import AutoReg, ar_select_order
from statsmodels.tsa.arima_process import ArmaProcess

CORRECTIONS = {"holm": "holm", "bh": "fdr_bh"}

HAC_REFERENCES = ("pooled", "ar1", "arp", "fixedb", "kv", "sieve", "block", "t")
#: references whose null draws depend only on (n, lags, parameters): simulated once, cached
_CACHED = ("fixedb", "kv", "sieve")
#: grid of the overlap sieve: AR(1) coefficient of the quarterly process and weight of the
#: three earlier quarters in the published figure (0: AR(1) in y/y growth; 1: y/y overlap)
SIEVE_PHI = np.round(np.arange(-0.5, 0.981, 0.02), 2)
SIEVE_THETA = (0.0, 0.5, 1.0)
#: share of the variance in independent noise (e.g. revisions, rounding, one-off shocks)
SIEVE_NOISE = (0.0, 0.25, 0.5)
#: autocorrelation lags the sieve is fitted to (1…8: two years, so that φ is seen beyond the
#: three quarters the y/y overlap makes persistent whatever φ is)
SIEVE_LAGS = 8
#: how the series' autocorrelations are averaged: each the same, or weighted by its sd or
#: variance (a larger gap is less diluted by the components its cluster shares with the city)
SIEVE_WEIGHTS = ("equal", "sd", "variance")

MIN_HAC_OBS = 8


def _newey_west_t(draws: np.ndarray, maxlags: int) -> np.ndarray:
    """Newey–West (Bartlett) t statistics of the mean of each row of ``draws``.

    The same estimator as statsmodels' ``cov_type="HAC"`` without small-sample correction
    (checked in tests), vectorised so the reference distribution costs milliseconds.
    """
    n = draws.shape[1]
    centred = draws - draws.mean(axis=1, keepdims=True)
    long_run = (centred**2).sum(axis=1) / n
    for lag in range(1, maxlags + 1):
        weight = 1.0 - lag / (maxlags + 1.0)
        long_run += 2.0 * weight * (centred[:, lag:] * centred[:, :-lag]).sum(axis=1) / n
    return draws.mean(axis=1) / np.sqrt(long_run / n)


def pooled_ar1(series_list: list[pd.Series | np.ndarray]) -> float:
    """AR(1) coefficient of one or several series, pooled, corrected for small-sample bias.

    Each series is demeaned; the coefficient is the least-squares slope of x(t) on x(t−1)
    over all series together, plus Kendall's (1954) bias correction (1 + 3φ)/n with n the
    mean series length, kept within [−0.9, 0.95]. Pooling the clusters of one goal (12 series
    of 32 quarters) estimates the dependence of their gaps far more precisely than one series.
    """
    arrays = [np.asarray(pd.Series(s, dtype=float).dropna(), dtype=float) for s in series_list]
    arrays = [a - a.mean() for a in arrays if len(a) >= MIN_HAC_OBS]
    if not arrays:
        return 0.0
    cross = sum(a[1:] @ a[:-1] for a in arrays)
    phi = cross / sum(a[:-1] @ a[:-1] for a in arrays)
    n = np.mean([len(a) for a in arrays])
    return float(np.clip(phi + (1.0 + 3.0 * phi) / n, -0.9, 0.95))


def _arp_coefficients(x: np.ndarray, max_order: int) -> np.ndarray:
    """AR(p) coefficients of ``x`` with p ≤ ``max_order`` chosen by AIC (statsmodels AutoReg).

    Non-stationary fits are shrunk until their largest inverse root has modulus 0.95.
    """
    order = ar_select_order(x, maxlag=max(1, min(max_order, len(x) // 4)), ic="aic", trend="c")
    lags = order.ar_lags or []
    if not lags:
        return np.zeros(0)
    coefs = AutoReg(x, lags=max(lags), trend="c").fit().params[1:]
    modulus = np.abs(np.roots(np.r_[1.0, -coefs])).max()
    return coefs * (0.95 / modulus) ** np.arange(1, len(coefs) + 1) if modulus > 0.95 else coefs


def overlap_sieve_draws(
    phi: float,
    theta: float,
    shape: tuple[int, int],
    rng: np.random.Generator,
    noise: float = 0.0,
) -> np.ndarray:
    """Series y(t) = d(t) + θ·(d(t−1) + d(t−2) + d(t−3)) + e(t), d a stationary AR(1) (φ).

    θ = 1 is a y/y growth rate that sums four quarters of AR(1) quarterly growth (overlapping),
    θ = 0 an AR(1) planted directly in y/y growth; e is independent normal noise holding the
    share ``noise`` of the variance (none when 0, and then no extra random numbers are drawn).
    """
    size, n = shape
    shocks = rng.standard_normal((size, n + 3 + 100))
    quarterly = np.zeros_like(shocks)
    for t in range(1, shocks.shape[1]):
        quarterly[:, t] = phi * quarterly[:, t - 1] + shocks[:, t]
    quarterly = quarterly[:, 100:]
    draws = quarterly[:, 3:] + theta * (quarterly[:, 2:-1] + quarterly[:, 1:-2] + quarterly[:, :-3])
    if noise > 0:
        weights = np.array([1.0, theta, theta, theta])
        lags = np.abs(np.subtract.outer(np.arange(4), np.arange(4)))
        variance = weights @ (phi**lags) @ weights / (1.0 - phi**2)
        draws = draws + np.sqrt(noise / (1.0 - noise) * variance) * rng.standard_normal((size, n))
    return draws


def _autocorrelations(
    arrays: list[np.ndarray], lags: int = SIEVE_LAGS, weights: str = "sd"
) -> np.ndarray:
    """Lag-1…``lags`` autocorrelations of each demeaned series, averaged over the series.

    ``weights``: ``"equal"``, or each series weighted by its sd or variance
    (:data:`SIEVE_WEIGHTS`).
    """
    rows, scales = [], []
    for a in arrays:
        c = a - a.mean()
        rows.append([(c[k:] @ c[:-k]) / (c @ c) for k in range(1, lags + 1)])
        scales.append(c @ c / len(c))
    power = {"equal": 0.0, "sd": 0.5, "variance": 1.0}[weights]
    return np.average(rows, axis=0, weights=np.asarray(scales) ** power)


@lru_cache(maxsize=64)
def _sieve_targets(n: int, lags: int = SIEVE_LAGS, draws: int = 300) -> np.ndarray:
    """Mean sample autocorrelations (lags 1…``lags``) of n-quarter series at each grid point.

    Array indexed (noise, θ, φ, lag) over :data:`SIEVE_NOISE`, :data:`SIEVE_THETA`,
    :data:`SIEVE_PHI`.
    """
    rng = np.random.default_rng(12345)
    grid = np.empty((len(SIEVE_NOISE), len(SIEVE_THETA), len(SIEVE_PHI), lags))
    for (h, noise), (i, theta), (j, phi) in product(
        enumerate(SIEVE_NOISE), enumerate(SIEVE_THETA), enumerate(SIEVE_PHI)
    ):
        sims = overlap_sieve_draws(phi, theta, (draws, n), rng, noise)
        centred = sims - sims.mean(axis=1, keepdims=True)
        denom = (centred**2).sum(axis=1)
        grid[h, i, j] = [
            np.mean((centred[:, k:] * centred[:, :-k]).sum(axis=1) / denom)
            for k in range(1, lags + 1)
        ]
    return grid


def fit_overlap_sieve(
    series_list: list[pd.Series | np.ndarray], lags: int = SIEVE_LAGS, weights: str = "sd"
) -> tuple[float, float, float]:
    """(φ, θ, noise) of :func:`overlap_sieve_draws` fitted to one or several series, pooled.

    Indirect inference: the average lag-1…``lags`` sample autocorrelations of the demeaned
    series (weighted by ``weights``, :func:`_autocorrelations`) are matched to their
    expectation at each point of the grid, simulated at the mean series length, so the
    small-sample bias of sample autocorrelations is corrected by construction.

    Raises
    ------
    ValueError
        If ``weights`` is not one of :data:`SIEVE_WEIGHTS`.
    """
    if weights not in SIEVE_WEIGHTS:
        raise ValueError(f"unknown weights {weights!r}; known: {', '.join(SIEVE_WEIGHTS)}")
    arrays = [np.asarray(pd.Series(s, dtype=float).dropna(), dtype=float) for s in series_list]
    arrays = [a for a in arrays if len(a) >= MIN_HAC_OBS and a.std() > 0]
    if not arrays:
        return 0.0, 0.0, 0.0
    n = int(np.rint(np.mean([len(a) for a in arrays])))
    distance = ((_sieve_targets(n, lags) - _autocorrelations(arrays, lags, weights)) ** 2).sum(-1)
    h, i, j = np.unravel_index(np.argmin(distance), distance.shape)
    return float(SIEVE_PHI[j]), float(SIEVE_THETA[i]), float(SIEVE_NOISE[h])


def kv_lags(n: int, bandwidth: float) -> int:
    """Bartlett truncation lag of a fixed-b test: ``bandwidth`` × n, at least 1, below n."""
    return int(min(n - 1, max(1, round(bandwidth * n))))


@lru_cache(maxsize=256)
def _cached_null_tstats(
    n: int, maxlags: int, reference: str, n_boot: int, seed: int, params: tuple[float, ...]
) -> np.ndarray:
    """Null t statistics that depend only on the sample size, lags and model parameters."""
    rng = np.random.default_rng(seed)
    if reference == "sieve":
        phi, theta, noise = (*params, 0.0)[:3]
        return _newey_west_t(overlap_sieve_draws(phi, theta, (n_boot, n), rng, noise), maxlags)
    return _newey_west_t(rng.standard_normal((n_boot, n)), maxlags)


def _null_tstats(
    x: np.ndarray, maxlags: int, reference: str, n_boot: int, seed: int, ar_coefs
) -> np.ndarray:
    """``n_boot`` t statistics of the same test on series simulated under the null (mean 0)."""
    n, rng = len(x), np.random.default_rng(seed)
    if reference in _CACHED:
        params = ()
        if reference == "sieve":
            params = tuple(ar_coefs) if ar_coefs is not None else fit_overlap_sieve([x])
        return _cached_null_tstats(n, maxlags, reference, n_boot, seed, params)
    if reference == "block":
        block = max(1, maxlags)
        starts = rng.integers(0, n - block + 1, size=(n_boot, -(-n // block)))
        index = (starts[:, :, None] + np.arange(block)).reshape(n_boot, -1)[:, :n]
        return _newey_west_t((x - x.mean())[index], maxlags)
    if ar_coefs is None:
        ar_coefs = _arp_coefficients(x, maxlags) if reference == "arp" else [pooled_ar1([x])]
    null = ArmaProcess(np.r_[1.0, -np.asarray(ar_coefs, dtype=float)], [1.0]).generate_sample(
        nsample=(n_boot, n), axis=1, burnin=100, distrvs=rng.standard_normal
    )
    return _newey_west_t(null, maxlags)


def hac_mean_test(
    x: pd.Series | np.ndarray,
    maxlags: int = 4,
    null: float = 0.0,
    reference: str = "pooled",
    n_boot: int = 999,
    seed: int = 0,
    ar_coefs: list[float] | np.ndarray | None = None,
    bandwidth: float = 0.5,
    min_obs: int = MIN_HAC_OBS,
) -> dict[str, float]:
    """One-sided test that the mean of ``x`` exceeds ``null``, with Newey–West standard errors.

    The t statistic comes from statsmodels: OLS of ``x − null`` on a constant with
    ``cov_type="HAC"`` (Bartlett kernel, ``maxlags`` lags). With 20–40 quarters of
    autocorrelated data Student's t over-rejects, so by default the p-value is read from the
    same statistic computed on ``n_boot`` series simulated under the null (docs/goals.md,
    measured by bench/goal_size_power.py). References:

    - ``"pooled"`` (default) and ``"ar1"``: AR(1) series (sieve bootstrap) with coefficient
      ``ar_coefs`` if given — :func:`beat_city_history` passes the coefficient pooled over
      the clusters of one goal — else ``x``'s own bias-corrected one (:func:`pooled_ar1`);
    - ``"arp"``: AR(p) series, p ≤ ``maxlags`` chosen by AIC on ``x`` (statsmodels
      ``ar_select_order``), or the AR coefficients ``ar_coefs``;
    - ``"fixedb"``: independent normal series — the fixed-b reference of Kiefer and
      Vogelsang (2005), exact for Gaussian white noise and first-order correct otherwise;
    - ``"kv"``: the same with a large bandwidth: ``maxlags`` is replaced by ``bandwidth`` × n
      (:func:`kv_lags`), so the critical values are Kiefer–Vogelsang's fixed-b ones;
    - ``"sieve"``: the overlap sieve :func:`overlap_sieve_draws`, an AR(1) quarterly process
      aggregated to y/y growth plus noise, with (φ, θ, noise) ``ar_coefs`` if given —
      :func:`beat_city_history` passes those fitted to all the clusters of one goal — else
      fitted to ``x`` (:func:`fit_overlap_sieve`);
    - ``"block"``: moving-block bootstrap of the demeaned ``x`` (blocks of ``maxlags``);
    - ``"t"``: Student's t with n − 1 degrees of freedom (the textbook test).

    Parameters
    ----------
    x : Series or array
        The observations (e.g. quarterly growth gaps in percentage points); NaN dropped.
    maxlags : int
        Newey–West truncation lag.
    null : float
        Mean under the null hypothesis; the alternative is ``mean > null``.
    reference : {"pooled", "ar1", "arp", "fixedb", "kv", "sieve", "block", "t"}
        Null distribution of the t statistic.
    n_boot, seed : int
        Number of simulated series and the random seed (all references but ``"t"``).
    ar_coefs : sequence of float, optional
        AR coefficients of the simulated null series (``"pooled"``, ``"ar1"``, ``"arp"``), or
        (φ, θ, noise) of ``"sieve"``.
    bandwidth : float
        Fixed-b bandwidth b of ``"kv"`` (truncation lag b × n).
    min_obs : int
        Fewest observations tested (default 8; non-overlapping annual gaps use fewer).

    Returns
    -------
    dict
        ``estimate`` (mean of x), ``se``, ``t``, ``p_value``, ``n``; NaN values when fewer
        than ``min_obs`` observations are available.

    Raises
    ------
    ValueError
        If ``reference`` is unknown.
    """
    if reference not in HAC_REFERENCES:
        raise ValueError(f"unknown reference {reference!r}; known: {', '.join(HAC_REFERENCES)}")
    values = np.asarray(pd.Series(x, dtype=float).dropna(), dtype=float)
    result = {"estimate": np.nan, "se": np.nan, "t": np.nan, "p_value": np.nan, "n": len(values)}
    if len(values) < max(min_obs, 2):
        return result
    if reference == "kv":
        maxlags = kv_lags(len(values), bandwidth)
    fit = sm.OLS(values - null, np.ones(len(values))).fit(
        cov_type="HAC", cov_kwds={"maxlags": maxlags}
    )
    t_stat = float(fit.tvalues[0])
    if reference == "t":
        p_value = float(stats.t.sf(t_stat, df=len(values) - 1))
    else:
        simulated = _null_tstats(values, maxlags, reference, n_boot, seed, ar_coefs)
        p_value = float((1 + np.sum(simulated >= t_stat)) / (n_boot + 1))
    estimate = float(values.mean())
    return result | {"estimate": estimate, "se": float(fit.bse[0]), "t": t_stat, "p_value": p_value}


def adjust_pvalues(p_values: pd.Series, method: str = "holm", alpha: float = 0.05) -> pd.Series:
    """Multiple-testing adjusted p-values: ``"holm"`` (default) or ``"bh"`` (Benjamini–Hochberg).

    NaN p-values are left out of the family and stay NaN.

    Raises
    ------
    ValueError
        If ``method`` is unknown.
    """
    if method not in CORRECTIONS:
        raise ValueError(f"unknown correction {method!r}; known: {', '.join(CORRECTIONS)}")
    p_values = pd.Series(p_values, dtype=float)
    present = p_values.dropna()
    adjusted = p_values.copy()
    if not present.empty:
        adjusted[present.index] = multipletests(present, alpha=alpha, method=CORRECTIONS[method])[1]
    return adjusted
