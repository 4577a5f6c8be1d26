"""Joint future sample paths of all series that keep their correlation (``simulate``).

Scheme (documented in docs/forecasting.md): each series gets its default forecast (the
combination) and its in-sample one-step residuals on the working (log) scale, standardised.
A path draws ``h`` past quarters at random, with replacement, and uses *that quarter's whole
cross-section* of standardised residuals for every series, so shocks that hit the clusters
and the city together in the past hit them together in the simulation. The draws are
cumulated as a random walk (the forecast errors of integrated models accumulate),
``z_k = (u_1 + … + u_k) / √k``, and scaled per horizon so that 80% of the paths fall inside
the forecast's own 80% interval: ``path_k = mean_k + s_k · z_k`` with ``s_k`` the interval's
half-width (calibrated, :func:`~clusterlib.forecasting.models.calibrate`) over the 80%
quantile of ``|z_k|`` across the paths. The draws keep the residuals' empirical shape (skew,
fat tails), so the paths' 95% band matches the interval's only as far as that shape agrees
with the calibration table's.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from clusterlib.forecasting.calibration import half_width
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
        If fewer than 8 quarters have residuals for every series, each indicator's series
        (the ones a goal compares) are drawn from their own common quarters; where even
        those are fewer than 8, a series without a residual in the drawn quarter gets one of
        its own at random (independent of the others); a fallback series gets normal draws.

    Warns
    -----
    CorrelationWarning
        Once, naming the series whose draws lose (part of) their correlation.
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
    labels = ["/".join(map(str, key)) or f"series {j}" for j, (key, _) in enumerate(items)]
    indicators = [dict(zip(keys, key, strict=True)).get("indicator") for key, _ in items]
    indexes = [y.index for _, y in items]
    shocks = _joint_shocks(labels, indicators, indexes, fits, h, n_paths, rng)
    z = np.cumsum(shocks, axis=1) / np.sqrt(np.arange(1, h + 1))[None, :, None]
    frames = []
    for j, ((key, y), fit) in enumerate(zip(items, fits, strict=True)):
        combo = fit.fits["combo"]
        target = half_width(combo.quantiles, 80, h) * np.sqrt(combo.var)
        drawn = np.quantile(np.abs(z[:, :, j]), 0.8, axis=0)
        scale = np.divide(target, drawn, out=np.zeros(h), where=drawn > 0)
        work = combo.mean[None, :] + scale[None, :] * z[:, :, j]
        periods = pd.period_range(y.index[-1] + 1, periods=h, freq=y.index.freq)
        frames.append(
            pd.DataFrame(
                {
                    **dict(zip(keys, key, strict=True)),
                    "period": periods[np.tile(np.arange(h), n_paths)],  # a PeriodArray, fast
                    "path": np.repeat(np.arange(n_paths), h),
                    "value": (np.exp(work) if fit.log else work).ravel(),
                }
            )
        )
    return forecasts, pd.concat(frames, ignore_index=True)


class CorrelationWarning(UserWarning):
    """Joint paths could not keep all of the series' correlation (too few common quarters)."""


def _joint_shocks(
    labels: list[str],
    indicators: list[object],
    indexes: list[pd.PeriodIndex],
    fits: list[SeriesFit],
    h: int,
    n_paths: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """Standardised residual cross-sections drawn by quarter: array (paths, h, series).

    One pool of quarters for all series if at least :data:`MIN_COMMON_PERIODS` quarters have
    a residual for every series that has residuals. Otherwise each comparison group (the
    series of one indicator: the clusters and the city) draws from its own common quarters;
    a quarter drawn for the whole panel is kept by every group whose pool holds it and
    redrawn within the pool by the others, so each group's quarters stay uniform on its
    pool while groups share quarters where they can. A group with fewer common quarters
    draws from all of its quarters, and a series without a residual in the drawn quarter
    gets one of its own (independent); a series without residuals (fallback) gets normal
    draws. Both losses of correlation are named in one :class:`CorrelationWarning`.
    """
    table = _standardised_residuals(indexes, fits)
    union = table.dropna(how="all")
    if union.empty:
        return rng.standard_normal((n_paths, h, len(fits)))
    with_resid = table.columns[table.notna().any()]
    groups = [list(with_resid)]
    if len(table[with_resid].dropna()) < MIN_COMMON_PERIODS:
        groups = _comparison_groups(indicators, with_resid)
    drawn = rng.integers(0, len(union), size=(n_paths, h))
    shocks = np.full((n_paths, h, len(fits)), np.nan)
    thin = []
    for members in groups:
        block = table.loc[union.index, members]
        in_pool = block.notna().all(axis=1).to_numpy()
        if in_pool.sum() < MIN_COMMON_PERIODS:
            thin.append(_describe_thin(labels, block, int(in_pool.sum())))
            in_pool = block.notna().any(axis=1).to_numpy()
        pool = np.flatnonzero(in_pool)
        rows = np.where(in_pool[drawn], drawn, pool[rng.integers(0, len(pool), drawn.shape)])
        shocks[:, :, members] = block.to_numpy()[rows]
    for j in range(len(fits)):
        missing = np.isnan(shocks[:, :, j])
        own = table[j].dropna().to_numpy()
        if len(own) > 1:
            shocks[:, :, j][missing] = rng.choice(own, missing.sum())
        else:
            shocks[:, :, j][missing] = rng.standard_normal(missing.sum())
    _warn_lost_correlation(labels, table, groups, thin)
    return shocks


def _standardised_residuals(indexes: list[pd.PeriodIndex], fits: list[SeriesFit]) -> pd.DataFrame:
    """Quarters × series table of the combination's standardised one-step residuals."""
    columns = {}
    for j, (index, fit) in enumerate(zip(indexes, fits, strict=True)):
        resid = fit.fits["combo"].resid
        if resid is not None:
            columns[j] = pd.Series(resid, index=index)
    table = pd.DataFrame(columns, columns=range(len(fits)), dtype=float)
    return (table - table.mean()) / table.std()


def _comparison_groups(indicators: list[object], columns: pd.Index) -> list[list[int]]:
    """Column numbers grouped by indicator (the series a goal compares with each other)."""
    groups: dict[object, list[int]] = {}
    for j in columns:
        groups.setdefault(indicators[j], []).append(int(j))
    return list(groups.values())


def _describe_thin(labels: list[str], block: pd.DataFrame, n_common: int) -> str:
    """``"a/va, city/va: 5 common quarters (a/va has 6 residuals)"`` for the warning."""
    counts = block.notna().sum()
    shortest = counts.idxmin()
    names = ", ".join(labels[j] for j in block.columns)
    return (
        f"{names}: {n_common} common quarter(s) "
        f"({labels[shortest]} has {counts[shortest]} residuals)"
    )


def _warn_lost_correlation(
    labels: list[str], table: pd.DataFrame, groups: list[list[int]], thin: list[str]
) -> None:
    """One CorrelationWarning naming every loss of joint draws, or nothing."""
    parts = []
    no_resid = [labels[j] for j in table.columns[table.isna().all()]]
    if no_resid:
        parts.append("no residuals, drawn independently: " + ", ".join(no_resid))
    if len(groups) > 1:
        parts.append(
            f"fewer than {MIN_COMMON_PERIODS} quarters common to all series, so each "
            "indicator's series are drawn from their own common quarters (correlation across "
            "indicators only where those quarters coincide)"
        )
    if thin:
        parts.append(
            f"fewer than {MIN_COMMON_PERIODS} common quarters, missing residuals drawn "
            "independently, pushing comparisons such as P(cluster > city) towards 0.5: "
            + "; ".join(thin)
        )
    if parts:
        warnings.warn("joint paths: " + " | ".join(parts), CorrelationWarning, stacklevel=4)
