"""SYNTHETIC family of cluster-vs-city growth generators for the size and power of goal tests."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from clusterlib.inputs.periods import yoy_growth_to_index

INDICATOR = "industry_va"
CITY = "city"
REST = "rest_of_city"
N_CLUSTERS = 12
LAST_QUARTER = pd.Period("2019Q4", freq="Q-DEC")
#: extra quarters generated before the tested window (the y/y lag and a stretch of history)
LEAD_QUARTERS = 12
CITY_GROWTH = 8.0  # % a year, mean y/y growth of the city
GAP_SD = 2.5  # pp, sd of the median cluster's y/y growth gap (the demo's value added: 2.2)
SEASONAL = np.array([0.85, 1.0, 1.0, 1.15])  # level pattern Q1..Q4, varied per region
CLUSTER_SHARE = 0.5  # the clusters' share of the city's level; the rest of the city the other half


@dataclass(frozen=True)
class FamilyCell:
    """One cell of the generator family.

    Attributes
    ----------
    name
        Short label of the cell.
    process
        ``"yoy_ar1"``: AR(1) noise planted directly in the y/y growth gap (the demo's model;
        the city is an exogenous path); ``"quarterly_ar1"``: AR(1) noise in each region's
        quarterly log growth, published as overlapping y/y growth (the city is the aggregate
        of the clusters and the rest of the city).
    phi
        AR(1) coefficient, one for all clusters or one per cluster (mixed persistence).
    innovations
        ``"normal"`` or ``"t4"`` (Student t with 4 degrees of freedom, scaled to unit variance).
    scale_ratio
        Largest over smallest cluster noise scale (scales spaced geometrically).
    common_shock
        Whether a shock common to all clusters (not to the rest of the city) is added.
    window
        Quarters tested (``hac_window``).
    measure
        ``"level"`` (seasonal levels in 亿元) or ``"growth"`` (only y/y growth published; the
        panel holds its chained index, as :func:`clusterlib.inputs.panel.build_panel` makes it).
    gap_sd
        Marginal sd (pp) of the y/y growth gap of a cluster with the median scale.
    """

    name: str
    process: str = "quarterly_ar1"
    phi: float | tuple[float, ...] = 0.6
    innovations: str = "t4"
    scale_ratio: float = 4.0
    common_shock: bool = True
    window: int = 32
    measure: str = "level"
    gap_sd: float = GAP_SD

    def phis(self) -> np.ndarray:
        """The AR(1) coefficient of each of the :data:`N_CLUSTERS` clusters."""
        phi = np.atleast_1d(np.asarray(self.phi, dtype=float))
        return np.resize(phi, N_CLUSTERS)


BASE = FamilyCell("base: quarterly AR(1) 0.6, t(4), scales 4x, common shock, 32 q, levels")


def family_cells() -> list[FamilyCell]:
    """The family: the base cell and one variation of each factor at a time (issues #16, #17)."""
    cells = [BASE]
    cells += [replace(BASE, name=f"quarterly AR(1) {phi}", phi=phi) for phi in (0.0, 0.3, 0.9)]
    cells += [
        replace(BASE, name=f"y/y AR(1) {phi}", process="yoy_ar1", phi=phi)
        for phi in (0.0, 0.5, 0.8)
    ]
    cells += [
        replace(BASE, name="normal innovations", innovations="normal"),
        replace(BASE, name="equal scales, no common shock", scale_ratio=1.0, common_shock=False),
        replace(BASE, name="window 20", window=20),
        replace(BASE, name="window 40", window=40),
        replace(BASE, name="growth only (chained index)", measure="growth"),
        replace(BASE, name="growth only, quarterly AR(1) 0.9", measure="growth", phi=0.9),
        replace(
            BASE, name="growth only, y/y AR(1) 0.8", measure="growth", process="yoy_ar1", phi=0.8
        ),
        replace(BASE, name="mixed y/y AR(1) 0.1 / 0.8", process="yoy_ar1", phi=(0.1, 0.8)),
        replace(BASE, name="mixed quarterly AR(1) 0.3 / 0.85", phi=(0.3, 0.85)),
    ]  # fmt: skip
    return cells


@dataclass(frozen=True)
class FamilyTruth:
    """What :func:`make_family_panel` planted: premium (pp of y/y growth) per cluster."""

    cell: FamilyCell
    seed: int
    premiums: dict[str, float]
    phis: dict[str, float]


def _innovations(rng: np.random.Generator, kind: str, shape: tuple[int, int]) -> np.ndarray:
    """Unit-variance innovations, normal or Student t(4)."""
    if kind == "normal":
        return rng.standard_normal(shape)
    if kind == "t4":
        return rng.standard_t(4, size=shape) / np.sqrt(2.0)
    raise ValueError(f"unknown innovations {kind!r}; known: normal, t4")


def _ar1(rng: np.random.Generator, phis: np.ndarray, n: int, innovations: str) -> np.ndarray:
    """Stationary unit-variance AR(1) series, one row per coefficient, 100 quarters burn-in."""
    shocks = _innovations(rng, innovations, (len(phis), n + 100))
    out = np.zeros_like(shocks)
    for t in range(1, shocks.shape[1]):
        out[:, t] = phis * out[:, t - 1] + shocks[:, t]
    return out[:, 100:] * np.sqrt(1.0 - phis**2)[:, None]


def _yoy_sd_factor(phis: np.ndarray) -> np.ndarray:
    """Sd of the sum of 4 consecutive values of a unit-variance AR(1) (the y/y overlap)."""
    lags = np.abs(np.subtract.outer(np.arange(4), np.arange(4)))
    return np.sqrt((phis[:, None, None] ** lags).sum(axis=(1, 2)))


def _scales(cell: FamilyCell) -> np.ndarray:
    """Cluster noise scales, geometric from 1/sqrt(ratio) to sqrt(ratio) times the median."""
    return np.geomspace(1.0 / np.sqrt(cell.scale_ratio), np.sqrt(cell.scale_ratio), N_CLUSTERS)


def _quarterly_levels(
    cell: FamilyCell, rng: np.random.Generator, premiums: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Cluster and city levels (no seasonality) of the ``quarterly_ar1`` process."""
    phis = cell.phis()
    # a unit AR(1) in quarterly log growth gives a y/y sd of _yoy_sd_factor; scale to gap_sd
    sd = cell.gap_sd / 100.0 / _yoy_sd_factor(phis) * _scales(cell)
    noise = _ar1(rng, phis, n, cell.innovations) * sd[:, None]
    common = rng.standard_normal(n) * np.median(sd) * 0.5 if cell.common_shock else np.zeros(n)
    city_trend = np.log1p(CITY_GROWTH / 100.0) / 4.0
    shared = city_trend + 0.004 * rng.standard_normal(n)  # the whole city's business cycle
    premium = np.log1p(premiums / 100.0) / 4.0
    share = CLUSTER_SHARE / N_CLUSTERS
    rest_noise = _ar1(rng, np.array([0.6]), n, "normal")[0] * np.median(sd)
    cluster_growth = shared + premium[:, None] + common + noise
    clusters = share * np.exp(np.cumsum(cluster_growth, axis=1))
    # the city grows at the share-weighted growth of its parts without the premiums, so a
    # cluster planted at 0 has a gap of mean 0 whatever the others' premiums; the rest of
    # the city is the difference (it offsets the premium clusters' growing weight)
    city_growth = shared + share * (common + noise).sum(axis=0)
    city_growth += (1.0 - CLUSTER_SHARE) * rest_noise
    city = np.exp(np.cumsum(city_growth))
    return clusters, city


def _yoy_levels(
    cell: FamilyCell, rng: np.random.Generator, premiums: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Cluster and city levels (no seasonality) of the ``yoy_ar1`` process (the demo's model)."""
    sd = cell.gap_sd * _scales(cell)
    noise = _ar1(rng, cell.phis(), n, cell.innovations) * sd[:, None]
    common = rng.standard_normal(n) * np.median(sd) * 0.5 if cell.common_shock else np.zeros(n)
    city_yoy = CITY_GROWTH + 1.5 * _ar1(rng, np.array([0.7]), n, "normal")[0]
    cluster_yoy = city_yoy + premiums[:, None] + common + noise
    return _chain_yoy(cluster_yoy), _chain_yoy(city_yoy[None, :])[0]


def _chain_yoy(yoy: np.ndarray) -> np.ndarray:
    """Levels whose y/y growth (%) is ``yoy``: the first four quarters at 1, then chained."""
    levels = np.ones_like(yoy)
    for t in range(4, yoy.shape[1]):
        levels[:, t] = levels[:, t - 4] * (1.0 + yoy[:, t] / 100.0)
    return levels


def make_family_panel(
    cell: FamilyCell, seed: int, premiums: dict[int, float] | None = None
) -> tuple[pd.DataFrame, FamilyTruth]:
    """A SYNTHETIC quarterly panel of 12 clusters and the city, and the planted truth.

    Parameters
    ----------
    cell
        The generator (:class:`FamilyCell`).
    seed
        Random seed.
    premiums
        Cluster number (0–11) → premium over the city in pp of y/y growth; others get 0.

    Returns
    -------
    panel : pd.DataFrame
        In the panel format of :mod:`clusterlib.inputs.panel` (``region, indicator, measure,
        period, value, unit, synthetic``) for regions ``c00``…``c11`` and ``city``, indicator
        ``industry_va``, measure ``level`` (亿元, seasonal, rounded to 0.01) or ``index`` (chained
        from y/y growth rounded to 0.1 as published), quarters ending 2019Q4.
    truth : FamilyTruth
    """
    rng = np.random.default_rng(seed)
    n = cell.window + LEAD_QUARTERS
    planted = np.zeros(N_CLUSTERS)
    for cluster, premium in (premiums or {}).items():
        planted[cluster] = premium
    make = {"quarterly_ar1": _quarterly_levels, "yoy_ar1": _yoy_levels}[cell.process]
    clusters, city = make(cell, rng, planted, n)
    names = [f"c{i:02d}" for i in range(N_CLUSTERS)]
    quarters = pd.period_range(end=LAST_QUARTER, periods=n, freq="Q-DEC")
    levels = np.vstack([clusters * 200.0, city[None, :] * 200.0])
    pattern = SEASONAL[None, :] * np.exp(0.05 * rng.standard_normal((len(levels), 4)))
    levels = levels * pattern[:, quarters.quarter.to_numpy() - 1]
    pieces = [
        _series_frame(region, quarters, values, cell.measure)
        for region, values in zip([*names, CITY], levels, strict=True)
    ]
    truth = FamilyTruth(
        cell,
        seed,
        dict(zip(names, planted, strict=True)),
        dict(zip(names, cell.phis(), strict=True)),
    )
    return pd.concat(pieces, ignore_index=True), truth


def _series_frame(region: str, quarters: pd.PeriodIndex, levels: np.ndarray, measure: str):
    """One region's rows of the panel: levels, or the chained index of published y/y growth."""
    values = pd.Series(levels, index=quarters)
    unit = "100m_yuan"
    if measure == "growth":
        growth = (100.0 * (values / values.shift(4) - 1.0)).round(1).dropna()
        values, unit = yoy_growth_to_index(growth), "index"
    elif measure == "level":
        values = values.round(2)
    else:
        raise ValueError(f"unknown measure {measure!r}; known: level, growth")
    return pd.DataFrame(
        {
            "region": region,
            "indicator": INDICATOR,
            "measure": "index" if measure == "growth" else "level",
            "period": values.index,
            "value": values.to_numpy(),
            "unit": unit,
            "synthetic": True,
        }
    )
