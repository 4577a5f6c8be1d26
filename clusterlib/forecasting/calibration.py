"""Per-horizon interval calibration: split-conformal quantiles of out-of-sample errors.

The combination's ``k``-step interval is ``mean ± q_k(p) · sd_k``, where ``sd_k`` is its model
standard deviation (members' averaged, recent volatility rescaled; see
:func:`clusterlib.forecasting.models.calibrate`) and ``q_k(p)`` is the split-conformal quantile
of the *normalised out-of-sample* errors ``|actual − mean| / sd_k`` of ``k``-step forecasts made
at rolling origins of a calibration set (Lei et al. 2018, normalised scores; Stankeviciute et
al. 2021 for one quantile per horizon). The table :data:`INTERVAL_QUANTILES` was fitted by
``bench/interval_calibration.py`` on one set of public series (M3 design) and its coverage
reported on others; docs/forecasting.md gives the command and the figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

import numpy as np
import pandas as pd
from scipy.stats import norm

INTERVAL_QUANTILES: dict[int, tuple[float, ...]] = {
    80: (1.407, 1.312, 1.431, 1.391, 1.569, 1.599, 1.534, 1.589),
    95: (2.48, 2.424, 2.447, 2.529, 2.714, 2.676, 2.713, 2.808),
}
"""Level (%) → half-widths in model sds at horizons 1, 2, …; later horizons use the last.

Fitted by ``bench/interval_calibration.py`` on the M3 quarterly design series (256 series, 3
origins each; half-life 32 quarters), reported on the disjoint M3 report series and on the
demo, Chinese and US series; the normal's would be 1.282 (80%) and 1.960 (95%). Refitted
for the ETS member of issue #14's third round, the airline model in numpy and the lognormal
move of levels forecasts to the log scale (``--no-report --halflife 32``).
"""


def conformal_quantiles(
    scores: Sequence[np.ndarray],
    weights: Sequence[np.ndarray] | None = None,
    levels: Sequence[int] = (80, 95),
) -> dict[int, np.ndarray]:
    """Split-conformal quantiles of normalised absolute errors, one per horizon.

    Parameters
    ----------
    scores : sequence of np.ndarray
        ``scores[k]``: the scores ``|actual − mean| / sd`` of the out-of-sample forecasts
        ``k + 1`` quarters ahead (NaN ignored).
    weights : sequence of np.ndarray, optional
        Non-negative weights of the scores (e.g. ``1 / n`` per data set so each counts
        equally); default equal.
    levels : sequence of int
        Coverage levels in %.

    Returns
    -------
    dict
        Level → array of the horizons' quantiles: the smallest score whose weighted share of
        scores at or below it reaches ``p · (n + 1) / n`` (split conformal prediction's
        finite-sample correction, ``n`` scores), capped at the largest score.

    Raises
    ------
    ValueError
        If a horizon has no finite score.
    """
    out = {level: np.empty(len(scores)) for level in levels}
    for k, horizon_scores in enumerate(scores):
        values = np.asarray(horizon_scores, dtype=float)
        w = np.ones_like(values) if weights is None else np.asarray(weights[k], dtype=float)
        keep = np.isfinite(values)
        if not keep.any():
            raise ValueError(f"no finite score at horizon {k + 1}")
        values, w = values[keep], w[keep]
        order = np.argsort(values)
        values, share = values[order], np.cumsum(w[order]) / w.sum()
        n = len(values)
        for level in levels:
            target = min(1.0, level / 100 * (n + 1) / n)
            out[level][k] = values[min(np.searchsorted(share, target - 1e-12), n - 1)]
    return out


def horizon_quantiles(
    h: int, table: Mapping[int, Sequence[float]] = INTERVAL_QUANTILES
) -> dict[int, np.ndarray]:
    """The table's half-widths for horizons ``1..h`` (the last row repeated beyond the table)."""
    return {
        level: np.asarray(row, dtype=float)[np.minimum(np.arange(h), len(row) - 1)]
        for level, row in table.items()
    }


def half_width(quantiles: Mapping[int, np.ndarray] | None, level: int, h: int) -> np.ndarray:
    """Half-widths in sds of the ``level``% interval at horizons ``1..h``.

    The calibrated quantile where ``quantiles`` has the level; otherwise the normal quantile,
    rescaled by the calibrated 80% half-width over the normal one if there is one.
    """
    z = normal_half_width(level)
    if quantiles is None:
        return np.full(h, z)
    if level in quantiles:
        return np.asarray(quantiles[level], dtype=float)[:h]
    return z * path_scale(quantiles, h)


@cache
def normal_half_width(level: int) -> float:
    """The normal quantile of a ``level``% central interval (computed once per level: scipy's
    ``norm.ppf`` costs 0.2 ms a call, and every forecast needs it)."""
    return float(norm.ppf(0.5 + level / 200))


def path_scale(quantiles: Mapping[int, np.ndarray] | None, h: int) -> np.ndarray:
    """Per-horizon factor on the sd that makes a normal 80% band the calibrated one (or ones)."""
    if quantiles is None or 80 not in quantiles:
        return np.ones(h)
    return np.asarray(quantiles[80], dtype=float)[:h] / norm.ppf(0.9)


def clustered_coverage(
    hits: np.ndarray, clusters: np.ndarray, z: float = 1.96
) -> tuple[float, float, float]:
    """Coverage (share of hits) and its confidence interval, robust to dependence in clusters.

    Hits of one series (at several origins or horizons) are dependent; series are taken as
    independent. The variance is the cluster-robust (sandwich) one of a mean,
    ``G/(G−1) · Σ_g (S_g − n_g·p)² / N²`` with ``S_g`` and ``n_g`` the hits and forecasts of
    cluster ``g`` among ``G``, ``N`` forecasts in all.

    Parameters
    ----------
    hits : np.ndarray
        1 where the actual fell inside the interval, 0 otherwise.
    clusters : np.ndarray
        Cluster label (e.g. series id) of each hit.
    z : float
        Normal quantile of the interval (1.96: 95%).

    Returns
    -------
    tuple of float
        Coverage, lower and upper limit.
    """
    hits = np.asarray(hits, dtype=float)
    frame = pd.DataFrame({"hit": hits, "cluster": np.asarray(clusters)})
    sums = frame.groupby("cluster")["hit"].agg(["sum", "size"])
    n, g = len(hits), len(sums)
    p = float(hits.mean())
    variance = g / (g - 1) * float(np.sum((sums["sum"] - sums["size"] * p) ** 2)) / n**2
    half = z * np.sqrt(variance)
    return p, p - half, p + half
