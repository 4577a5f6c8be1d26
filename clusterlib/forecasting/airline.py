"""The airline model SARIMA(0,1,1)(0,1,1)_s by exact Gaussian likelihood, in numpy/scipy.

The model is ``(1 − B)(1 − B^s)·y_t = (1 + θB)(1 + ΘB^s)·e_t`` with ``e_t ~ N(0, σ²)``. Its
differences ``w = (1 − B)(1 − B^s)·y`` (``n − 1 − s`` values) are an MA(s + 1) with
coefficients ``ψ = (1, θ, 0, …, 0, Θ, θΘ)``, whose covariance matrix ``σ²·G`` is banded
(bandwidth ``s + 1``): the exact likelihood of ``w`` with ``σ²`` concentrated out takes one
banded Cholesky factorisation ``G = L·Lᵀ`` (LAPACK). This is the likelihood of statsmodels'
``SARIMAX(..., concentrate_scale=True)`` with an exact diffuse start of the differenced
states, and its forecasts, variances and residuals, to machine precision; statsmodels'
default approximate diffuse start (prior variance 1e6, first ``1 + s`` observations burnt)
differs from it by a residue that grows with the series' level over its noise (parts per
million of the log-likelihood of a series near 0, 1e-4 of a log series near 4.6 with 2%
noise). tests/test_airline.py checks all of it; ``bench/forecast_bench.py --airline``
compares the fits and their speed.

Estimates maximise the likelihood over the invertible region ``|θ|, |Θ| ≤`` :data:`BOUND`
(statsmodels enforces invertibility too): a 9 × 9 grid, then a projected Newton ascent from
each of the grid's local maxima, with gradient and Hessian by central differences. Each
batch of points (the grid; a 3 × 3 stencil; the step at five lengths) is one LAPACK call:
their covariances as one block-diagonal banded matrix. (scipy's L-BFGS-B found the same
maxima at about twice the cost, most of it the optimiser's own overhead.)

A seasonal MA at the bound (``Θ → −1``, a seasonal pattern that does not evolve, common in
short series) is the model's limit of a fixed seasonal pattern: the likelihood is defined
there (``G`` stays positive definite for a finite sample) and the forecasts are continuous
in ``Θ``; the search stops at the bound where statsmodels (which maps ``(−1, 1)`` onto the
real line) stops somewhere short of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg.lapack import dpbtrf, dtbtrs

BOUND = 0.9999
"""Largest absolute value of either MA coefficient searched (the invertible region, closed)."""
GRID = (-0.95, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 0.95)
"""Values of θ and of Θ whose 81 combinations start the search (its local maxima are refined).

On 454 series (the 104 seasonal M3 design series, 350 simulated airline series of 12–64
quarters) the search ended more than 0.001 below the best of a dense grid (41 × 41, refined)
for 2 series with five values (25 points, by up to 0.15), 2 with seven, 1 with nine (by
0.015) (docs/forecasting.md).
"""
DELTA = 1e-4
"""Spacing of the central differences that give the search its gradient and Hessian."""
STEP_LENGTHS = np.array([1.0, 0.5, 0.125, 1 / 64, 1 / 512])
"""Fractions of the Newton (or gradient) step tried at each iteration, in one batch."""
TOLERANCE = 1e-7
"""The search stops when a step would change neither coefficient by more than this."""
MAX_ITERATIONS = 50
"""Most iterations of the search (it usually takes 3–6)."""


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


def autocovariances(theta: ArrayLike, seasonal_theta: ArrayLike, season: int) -> np.ndarray:
    """Autocovariances of ``w`` at lags ``0 … s + 1`` for ``σ² = 1``: ``Σ_j ψ_j·ψ_{j+k}``.

    The products of the four non-zero ``ψ`` (lags 0, 1, s, s + 1), summed by lag (lags 1 and
    ``s − 1`` coincide when ``s = 2``). Arrays of coefficients give one row per pair.
    """
    if season < 2:
        raise ValueError(f"the seasonal period must be at least 2, got {season}")
    theta, seasonal = np.asarray(theta, dtype=float), np.asarray(seasonal_theta, dtype=float)
    both = theta * seasonal
    gamma = np.zeros((*theta.shape, season + 2))
    gamma[..., 0] = (1.0 + theta * theta) * (1.0 + seasonal * seasonal)
    gamma[..., 1] += theta + seasonal * both
    gamma[..., season - 1] += both
    gamma[..., season] += seasonal * (1.0 + theta * theta)
    gamma[..., season + 1] += both
    return gamma


def cholesky(theta: ArrayLike, seasonal_theta: ArrayLike, season: int, m: int) -> np.ndarray:
    """Lower banded Cholesky factor of the ``m × m`` covariance ``G`` of ``w`` (``σ² = 1``).

    In LAPACK's lower band storage: row ``k`` holds the ``k``-th subdiagonal, ``L[0]`` the
    diagonal (LAPACK's ``dpbtrf``, which :func:`scipy.linalg.cholesky_banded` calls, without
    its checks). For ``K`` pairs of coefficients, the factor of the block-diagonal matrix of
    their ``K`` covariances (``K·m`` columns, block ``k`` for pair ``k``): one LAPACK call
    factors them all, since nothing couples the blocks.
    """
    gamma = np.atleast_2d(autocovariances(theta, seasonal_theta, season))[:, : min(season + 2, m)]
    lags = gamma.shape[1]
    inside = np.arange(m) < m - np.arange(lags)[:, None]  # (lag, column): stays in its block
    bands = gamma.T[:, :, None] * inside[:, None, :]  # (lag, pair, column in the block)
    factor, info = dpbtrf(bands.reshape(lags, -1), lower=1)
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


def concentrated_loglikes(
    w: np.ndarray, theta: ArrayLike, seasonal_theta: ArrayLike, season: int
) -> np.ndarray:
    """Exact Gaussian log-likelihood of the differences ``w`` with ``σ²`` at its MLE.

    ``σ̂² = wᵀ·G⁻¹·w / m`` and ``ℓ = −m/2·(log 2π + log σ̂² + 1) − Σ log L_tt`` (the last
    term is half the log-determinant of ``G``). ``theta`` and ``seasonal_theta`` are arrays
    of the same shape; all pairs are computed at once (:func:`cholesky`).
    """
    theta = np.asarray(theta, dtype=float)
    m, pairs = len(w), theta.size
    factor = cholesky(theta.ravel(), np.ravel(seasonal_theta), season, m)
    z = whiten(factor, np.tile(w, pairs)).reshape(pairs, m)
    log_det = np.log(factor[0].reshape(pairs, m)).sum(axis=1)
    loglike = -0.5 * m * (np.log(2 * np.pi * np.sum(z * z, axis=1) / m) + 1) - log_det
    return loglike.reshape(theta.shape)


def concentrated_loglike(w: np.ndarray, theta: float, seasonal_theta: float, season: int) -> float:
    """:func:`concentrated_loglikes` at one pair of coefficients."""
    return float(concentrated_loglikes(w, np.array([theta]), np.array([seasonal_theta]), season)[0])


def estimate(w: np.ndarray, season: int) -> tuple[float, float]:
    """Maximum-likelihood ``(θ, Θ)`` in ``[−BOUND, BOUND]²``.

    The likelihood of short series often has a long flat ridge with several local maxima
    (e.g. along ``θ`` at a fixed ``Θ``), so the search starts from every local maximum of
    the :data:`GRID` (a grid point no worse than its neighbours), refines each by a
    projected Newton ascent (:func:`_refine`) and keeps the best end.
    """
    grid = np.asarray(GRID)
    theta, seasonal = np.meshgrid(grid, grid, indexing="ij")
    values = concentrated_loglikes(w, theta, seasonal, season)
    best = int(np.argmax(values))
    point, value = np.array([theta.flat[best], seasonal.flat[best]]), float(values.flat[best])
    for i in _grid_maxima(values):
        start = np.array([theta.flat[i], seasonal.flat[i]])
        end, end_value = _refine(w, season, start, float(values.flat[i]))
        if end_value > value:
            point, value = end, end_value
    return float(point[0]), float(point[1])


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


def _refine(
    w: np.ndarray, season: int, point: np.ndarray, value: float
) -> tuple[np.ndarray, float]:
    """Projected Newton ascent from a grid point: the end and its log-likelihood.

    Each iteration takes the gradient and Hessian from a 3 × 3 stencil of central
    differences (:func:`_derivatives`), the Newton step (:func:`_newton_step`), and tries it
    at the lengths :data:`STEP_LENGTHS` clipped to the bounds; it moves to the best if that
    is higher, and stops when no length is or the step or move is below :data:`TOLERANCE`.
    """
    for _ in range(MAX_ITERATIONS):
        gradient, hessian = _derivatives(w, season, point)
        step = _newton_step(point, gradient, hessian)
        if np.max(np.abs(step)) < TOLERANCE:
            break
        candidates = np.clip(point + np.outer(STEP_LENGTHS, step), -BOUND, BOUND)
        values = concentrated_loglikes(w, candidates[:, 0], candidates[:, 1], season)
        best = int(np.argmax(values))
        if not values[best] > value:
            break
        moved = float(np.max(np.abs(candidates[best] - point)))
        point, value = candidates[best], float(values[best])
        if moved < TOLERANCE:
            break
    return point, value


def _derivatives(w: np.ndarray, season: int, point: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradient and Hessian of the log-likelihood by central differences :data:`DELTA` apart.

    The 3 × 3 stencil is centred at ``point`` moved inside the bounds by ``DELTA`` if needed.
    """
    centre = np.clip(point, -BOUND + DELTA, BOUND - DELTA)
    offsets = DELTA * np.array([-1.0, 0.0, 1.0])
    theta, seasonal = np.meshgrid(centre[0] + offsets, centre[1] + offsets, indexing="ij")
    f = concentrated_loglikes(w, theta, seasonal, season)
    gradient = np.array([f[2, 1] - f[0, 1], f[1, 2] - f[1, 0]]) / (2 * DELTA)
    cross = (f[2, 2] - f[2, 0] - f[0, 2] + f[0, 0]) / (4 * DELTA**2)
    hessian = np.array(
        [[f[2, 1] - 2 * f[1, 1] + f[0, 1], 0.0], [0.0, f[1, 2] - 2 * f[1, 1] + f[1, 0]]]
    ) / DELTA**2 + np.array([[0.0, cross], [cross, 0.0]])
    return gradient, hessian


def _newton_step(point: np.ndarray, gradient: np.ndarray, hessian: np.ndarray) -> np.ndarray:
    """The Newton step ``−H⁻¹·g`` in the coefficients not held at a bound, at most 0.5 long.

    A coefficient at a bound whose gradient points outwards is held; where the Hessian of
    the others is not negative definite the step follows the gradient instead, 0.1 long.
    """
    held = ((point >= BOUND) & (gradient > 0)) | ((point <= -BOUND) & (gradient < 0))
    (a, b), (_, d) = hessian
    g0, g1 = np.where(held, 0.0, gradient)
    if held.all() or (g0 == 0 and g1 == 0):
        return np.zeros(2)
    if held.any():  # one free coefficient: a 1 × 1 Newton step
        curvature = d if held[0] else a
        slope = g1 if held[0] else g0
        step = -slope / curvature if curvature < 0 else 0.1 * np.sign(slope)
        step = np.array([0.0, step]) if held[0] else np.array([step, 0.0])
    elif a < 0 and a * d - b * b > 0:  # negative definite: −H⁻¹·g in closed form
        step = -np.array([d * g0 - b * g1, a * g1 - b * g0]) / (a * d - b * b)
    else:
        step = 0.1 * np.array([g0, g1]) / np.hypot(g0, g1)
    length = float(np.hypot(*step))
    return step if length <= 0.5 else step * (0.5 / length)


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
