"""The airline model SARIMA(0,1,1)(0,1,1)_s by exact Gaussian likelihood, in numpy/scipy.

The model is ``(1 − B)(1 − B^s)·y_t = (1 + θB)(1 + ΘB^s)·e_t`` with ``e_t ~ N(0, σ²)``. Its
differences ``w = (1 − B)(1 − B^s)·y`` (``n − 1 − s`` values) are an MA(s + 1) with
coefficients ``ψ = (1, θ, 0, …, 0, Θ, θΘ)``, whose covariance matrix ``σ²·G`` is banded
(bandwidth ``s + 1``): the exact likelihood of ``w`` with ``σ²`` concentrated out takes one
banded Cholesky factorisation ``G = L·Lᵀ`` (LAPACK, microseconds). This is the likelihood
statsmodels' ``SARIMAX(..., concentrate_scale=True)`` maximises, which starts the differences
from an approximate diffuse prior and leaves their first ``1 + s`` observations out of the
likelihood (``loglikelihood_burn``): the two agree to a few parts per million
(tests/test_airline.py), and so do the estimates, forecasts, variances and residuals, at a
tenth of statsmodels' cost (``bench/forecast_bench.py --airline``).

Estimates maximise the likelihood over the invertible region ``|θ|, |Θ| ≤`` :data:`BOUND`
(statsmodels enforces invertibility too): the best point of a small grid, then a bounded
quasi-Newton search (L-BFGS-B) from it. A seasonal MA at the bound (``Θ → −1``, a
seasonal pattern that does not evolve, common in short series) is the model's limit of a
fixed seasonal pattern; the likelihood is still defined there (``G`` stays positive
definite for a finite sample) and the forecasts are continuous in ``Θ``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.linalg.lapack import dpbtrf, dtbtrs
from scipy.optimize import minimize

BOUND = 0.9999
"""Largest absolute value of either MA coefficient searched (the invertible region, closed)."""
GRID = (-0.95, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 0.95)
"""Values of θ and of Θ whose 81 combinations start the search (its local maxima are refined).

On 454 series (the 104 seasonal M3 design series, 350 simulated airline series of 12–64
quarters) the search ended more than 0.001 below the best of a dense grid (41 × 41, refined)
for 2 series with five values (25 points, by up to 0.15), 2 with seven, 1 with nine (by
0.015), for 1 ms more per fit than five values (docs/forecasting.md).
"""
STEP = 1e-6
"""Step of the central differences that give the optimiser its gradient."""


@dataclass(frozen=True)
class AirlineFit:
    """Estimates, log-likelihood, forecast mean and variance, one-step residuals of ``y``."""

    theta: float
    seasonal_theta: float
    sigma2: float
    loglike: float
    mean: np.ndarray
    var: np.ndarray
    resid: np.ndarray


def differences(y: np.ndarray, season: int) -> np.ndarray:
    """``w = (1 − B)(1 − B^s)·y``: ``len(y) − 1 − season`` values, for ``y`` from ``1 + s`` on."""
    y = np.asarray(y, dtype=float)
    return np.diff(y[season:] - y[:-season])


def autocovariances(theta: float, seasonal_theta: float, season: int) -> np.ndarray:
    """Autocovariances of ``w`` at lags ``0 … s + 1`` for ``σ² = 1``: ``Σ_j ψ_j·ψ_{j+k}``.

    The products of the four non-zero ``ψ`` (lags 0, 1, s, s + 1), summed by lag (lags 1 and
    ``s − 1`` coincide when ``s = 2``).
    """
    if season < 2:
        raise ValueError(f"the seasonal period must be at least 2, got {season}")
    both = theta * seasonal_theta
    gamma = np.zeros(season + 2)
    gamma[0] = (1.0 + theta * theta) * (1.0 + seasonal_theta * seasonal_theta)
    gamma[1] += theta + seasonal_theta * both
    gamma[season - 1] += both
    gamma[season] += seasonal_theta * (1.0 + theta * theta)
    gamma[season + 1] += both
    return gamma


def cholesky(theta: float, seasonal_theta: float, season: int, m: int) -> np.ndarray:
    """Lower banded Cholesky factor of the ``m × m`` covariance ``G`` of ``w`` (``σ² = 1``).

    In LAPACK's lower band storage: row ``k`` holds the ``k``-th subdiagonal, ``L[0]`` the
    diagonal (LAPACK's ``dpbtrf``, as :func:`scipy.linalg.cholesky_banded` calls it, without
    its checks: this runs a hundred times per fit).
    """
    gamma = autocovariances(theta, seasonal_theta, season)[: min(season + 2, m)]
    factor, info = dpbtrf(np.repeat(gamma[:, None], m, axis=1), lower=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"the covariance of w is not positive definite ({info})")
    return factor


def whiten(factor: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``L⁻¹·x`` for a lower banded factor ``L`` (:func:`cholesky`); ``x`` a vector or matrix."""
    rhs = x[:, None] if x.ndim == 1 else x
    z, info = dtbtrs(factor, rhs, uplo="L")
    if info != 0:
        raise np.linalg.LinAlgError(f"the Cholesky factor of w's covariance is singular ({info})")
    return z[:, 0] if x.ndim == 1 else z


def concentrated_loglike(w: np.ndarray, theta: float, seasonal_theta: float, season: int) -> float:
    """Exact Gaussian log-likelihood of the differences ``w`` with ``σ²`` at its MLE.

    ``σ̂² = wᵀ·G⁻¹·w / m`` and ``ℓ = −m/2·(log 2π + log σ̂² + 1) − log|L|`` with
    ``log|L| = Σ log L_tt`` (half the log-determinant of ``G``).
    """
    factor = cholesky(theta, seasonal_theta, season, len(w))
    z = whiten(factor, w)
    m = len(w)
    log_det = np.log(factor[0]).sum()
    return -0.5 * m * (math.log(2 * math.pi * float(z @ z) / m) + 1) - float(log_det)


def estimate(w: np.ndarray, season: int) -> tuple[float, float]:
    """Maximum-likelihood ``(θ, Θ)`` in ``[−BOUND, BOUND]²``.

    The likelihood of short series often has a long flat ridge with several local maxima
    (e.g. along ``θ`` at a fixed ``Θ``), so the search starts from every local maximum of
    the :data:`GRID` (a grid point no worse than its neighbours) and keeps the best end.
    """
    points = np.array([(a, b) for a in GRID for b in GRID])
    values = np.array([concentrated_loglike(w, a, b, season) for a, b in points])
    best, best_value = points[np.argmax(values)], values.max()
    for start in _grid_maxima(values.reshape(len(GRID), len(GRID))):
        result = minimize(
            _cost_and_gradient,
            points[start],
            args=(w, season),
            jac=True,
            method="L-BFGS-B",
            bounds=[(-BOUND, BOUND)] * 2,
        )
        if -result.fun > best_value:
            best, best_value = result.x, -result.fun
    return float(best[0]), float(best[1])


def _grid_maxima(values: np.ndarray) -> list[int]:
    """Flat indices of the grid points no lower than any of their (up to 8) neighbours."""
    padded = np.pad(values, 1, constant_values=-np.inf)
    rows, cols = values.shape
    shifted = [
        padded[1 + i : 1 + i + rows, 1 + j : 1 + j + cols]
        for i in (-1, 0, 1)
        for j in (-1, 0, 1)
        if i or j
    ]
    peak = np.all([values >= other for other in shifted], axis=0)
    return list(np.flatnonzero(peak))


def _cost_and_gradient(params: np.ndarray, w: np.ndarray, season: int) -> tuple[float, np.ndarray]:
    """Minus the log-likelihood and its gradient by central differences (one-sided at a bound)."""
    cost = -concentrated_loglike(w, params[0], params[1], season)
    gradient = np.empty(2)
    for i in range(2):
        up, down = params.copy(), params.copy()
        up[i] = min(params[i] + STEP, BOUND)
        down[i] = max(params[i] - STEP, -BOUND)
        difference = concentrated_loglike(w, *down, season) - concentrated_loglike(w, *up, season)
        gradient[i] = difference / (up[i] - down[i])
    return cost, gradient


def forecast(
    y: np.ndarray, theta: float, seasonal_theta: float, season: int, h: int
) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """Forecast mean and variance of ``y`` (horizons 1..h), ``σ̂²`` and one-step residuals.

    The future differences given the observed ones are normal with mean ``G_fo·G⁻¹·w`` and
    covariance ``σ²·(G_ff − G_fo·G⁻¹·G_of)`` (only the last ``s + 1`` observations covary
    with the future); ``y`` follows by integrating, ``y_t = y_{t−1} + y_{t−s} − y_{t−s−1} +
    w_t``, a linear map whose weights on ``w_{n+j}`` are ``⌊j / s⌋ + 1``. The residuals are
    the one-step prediction errors of ``w`` (``L_tt`` times the whitened ``w``), NaN for the
    first ``1 + s`` values of ``y``, which have no difference.
    """
    y = np.asarray(y, dtype=float)
    w = differences(y, season)
    m = len(w)
    gamma = autocovariances(theta, seasonal_theta, season)
    factor = cholesky(theta, seasonal_theta, season, m)
    z = whiten(factor, w)
    sigma2 = float(z @ z / m)
    lag = np.arange(m)[:, None] - np.arange(m, m + h)[None, :]  # observed minus future index
    cross = np.where(-lag <= season + 1, gamma[np.minimum(-lag, season + 1)], 0.0)
    k = whiten(factor, cross)
    future = np.abs(np.subtract.outer(np.arange(h), np.arange(h)))
    joint = np.where(future <= season + 1, gamma[np.minimum(future, season + 1)], 0.0)
    cov_w = sigma2 * (joint - k.T @ k)
    mean_w = k.T @ z
    steps = np.subtract.outer(np.arange(h), np.arange(h))
    weights = np.where(steps >= 0, steps // season + 1, 0)
    mean = _integrate(y, mean_w, season)
    var = np.einsum("ij,jk,ik->i", weights, cov_w, weights)
    resid = np.r_[np.full(season + 1, np.nan), factor[0] * z]
    return mean, var, sigma2, resid


def _integrate(y: np.ndarray, w_future: np.ndarray, season: int) -> np.ndarray:
    """Future ``y`` from future differences: ``y_t = y_{t−1} + y_{t−s} − y_{t−s−1} + w_t``."""
    path = list(y[-(season + 1) :])
    for step in w_future:
        path.append(path[-1] + path[-season] - path[-season - 1] + step)
    return np.array(path[season + 1 :])


def fit_airline_model(y: np.ndarray, h: int, season: int = 4) -> AirlineFit:
    """Estimate the airline model on ``y`` (at least ``s + 3`` values) and forecast ``h`` steps.

    Parameters
    ----------
    y : np.ndarray
        The series (working scale), oldest first, no gaps.
    h : int
        Number of periods to forecast.
    season : int
        Seasonal period ``s`` (4 for quarters).

    Returns
    -------
    AirlineFit
        Estimates, maximised log-likelihood and the forecasts of :func:`forecast`.
    """
    y = np.asarray(y, dtype=float)
    if len(y) < season + 3:
        raise ValueError(f"the airline model needs {season + 3} values, got {len(y)}")
    w = differences(y, season)
    theta, seasonal_theta = estimate(w, season)
    mean, var, sigma2, resid = forecast(y, theta, seasonal_theta, season, h)
    loglike = concentrated_loglike(w, theta, seasonal_theta, season)
    return AirlineFit(theta, seasonal_theta, sigma2, loglike, mean, var, resid)
