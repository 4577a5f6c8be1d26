"""Joint future sample paths of all series that keep their correlation (``simulate``).

Scheme (documented in docs/forecasting.md): each series gets its default forecast (the
combination) and its in-sample one-step residuals on the working (log) scale, standardised.
A path draws ``h`` past quarters at random, with replacement, and uses *that quarter's whole
cross-section* of standardised residuals for every series, so shocks that hit the clusters
and the city together in the past hit them together in the simulation. The draws are
cumulated as a random walk (the forecast errors of integrated models accumulate) and scaled so
that each horizon's spread equals the forecast's own interval:
``path_k = mean_k + sd_k · (u_1 + … + u_k) / √k``. ``sd_k`` is the calibrated combination's
(recent volatility, :func:`~clusterlib.forecasting.models.calibrate`); the residual draws carry
the same empirical tails the calibrated intervals use, so one quarter ahead the paths'
quantiles are close to the interval's; further ahead the sums of draws approach the normal.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterlib.forecasting.forecast import (
    DEFAULT_MODELS,
    fit_and_forecast,
    series_keys,
    warn_fallbacks,
)
from clusterlib.forecasting.models import SeriesFit

MIN_COMMON_PERIODS = 8
"""Fewest quarters with residuals for every series before falling back to the union."""


def simulate(
    panel: pd.DataFrame,
    h: int = 8,
    n_paths: int = 1000,
    seed: int = 0,
    *,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Joint sample paths of every series' next ``h`` quarters.

    Parameters
    ----------
    panel : pd.DataFrame
        Tidy panel, as for :func:`clusterlib.forecasting.forecast.forecast`.
    h : int
        Number of future quarters.
    n_paths : int
        Number of joint draws.
    seed : int
        Seed of ``numpy.random.default_rng``; the same seed gives the same paths.
    n_jobs : int
        Parallel workers (joblib) for the model fits.
    progress : bool, optional
        Progress bar; default only for more than 50 series.

    Returns
    -------
    pd.DataFrame
        ``region, indicator, measure, period, path, value`` (keys present in ``panel``):
        future quarters only; the same ``path`` number is one joint draw across all series.
        If fewer than 8 quarters have residuals for every series, quarters are drawn from
        all of them and a series without a residual in the drawn quarter gets one of its
        own at random (independent of the others); a fallback series gets normal draws.
    """
    return forecast_and_simulate(panel, h, n_paths, seed, n_jobs=n_jobs, progress=progress)[1]


def forecast_and_simulate(
    panel: pd.DataFrame,
    h: int = 8,
    n_paths: int = 1000,
    seed: int = 0,
    *,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(forecast(panel, h), simulate(panel, h, n_paths, seed))`` from one model fit per series.

    Both need the default combination fitted to every series; fitting once halves the work
    (the goal tests use both).
    """
    keys = series_keys(panel)
    forecasts, items, fits = fit_and_forecast(
        panel, h, DEFAULT_MODELS, n_jobs=n_jobs, progress=progress, desc="simulate"
    )
    warn_fallbacks([(key, fit) for (key, _), fit in zip(items, fits, strict=True)])
    rng = np.random.default_rng(seed)
    shocks = _joint_shocks([y.index for _, y in items], fits, h, n_paths, rng)
    z = np.cumsum(shocks, axis=1) / np.sqrt(np.arange(1, h + 1))[None, :, None]
    frames = []
    for j, ((key, y), fit) in enumerate(zip(items, fits, strict=True)):
        combo = fit.fits["combo"]
        work = combo.mean[None, :] + np.sqrt(combo.var)[None, :] * z[:, :, j]
        periods = pd.period_range(y.index[-1] + 1, periods=h, freq=y.index.freq)
        frames.append(
            pd.DataFrame(
                {
                    **dict(zip(keys, key, strict=True)),
                    "period": np.tile(periods, n_paths),
                    "path": np.repeat(np.arange(n_paths), h),
                    "value": (np.exp(work) if fit.log else work).ravel(),
                }
            )
        )
    return forecasts, pd.concat(frames, ignore_index=True)


def _joint_shocks(
    indexes: list[pd.PeriodIndex],
    fits: list[SeriesFit],
    h: int,
    n_paths: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Standardised residual cross-sections drawn by quarter: array (paths, h, series)."""
    columns = {}
    for j, (index, fit) in enumerate(zip(indexes, fits, strict=True)):
        resid = fit.fits["combo"].resid
        if resid is not None:
            columns[j] = pd.Series(resid, index=index)
    table = pd.DataFrame(columns, columns=range(len(fits)), dtype=float)
    table = (table - table.mean()) / table.std()
    common = table.dropna()
    pool = common if len(common) >= MIN_COMMON_PERIODS else table.dropna(how="all")
    if pool.empty:
        return rng.standard_normal((n_paths, h, len(fits)))
    shocks = pool.to_numpy()[rng.integers(0, len(pool), size=(n_paths, h))]
    for j in range(len(fits)):
        missing = np.isnan(shocks[:, :, j])
        own = table[j].dropna().to_numpy()
        if len(own) > 1:
            shocks[:, :, j][missing] = rng.choice(own, missing.sum())
        else:
            shocks[:, :, j][missing] = rng.standard_normal(missing.sum())
    return shocks
