"""Rank intervals: ranks over joint draws of data revisions, weights and missing-data rules."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterlib.evaluation.scheme import Scheme
from clusterlib.evaluation.scoring import fill_missing, normalise, ranks, stars
from clusterlib.evaluation.values import (
    YearValues,
    comparison_regions,
    flow_indicators,
    wide_paths,
    year_end,
)
from clusterlib.forecasting.simulate import simulate
from clusterlib.inputs.panel import preferred_series

SOURCES = ("data", "weights", "missing")  # what a draw perturbs
INTERVAL_COLUMNS = [
    "region", "region_name", "provincial", "rank", "rank_lo", "rank_hi", "next_region",
    "p_ahead_of_next", "clear_lead", "rank_lo_data", "rank_hi_data", "rank_lo_weights",
    "rank_hi_weights", "rank_lo_missing", "rank_hi_missing", "stars_estimate",
    "p_stars_at_least",
]  # fmt: skip


@dataclass(frozen=True)
class Draws:
    """Inputs of the evaluation per draw: values, weights, and the missing-data rule used."""

    values: np.ndarray  # [draw, cluster, indicator]
    weights: np.ndarray  # [draw, indicator]
    rules: np.ndarray  # [draw]: the missing-data rule's name


def weight_draws(weights: np.ndarray, concentration: float, n_draws: int, seed: int) -> np.ndarray:
    """Dirichlet draws around ``weights`` (α = concentration × weight): array (draws, weights).

    Each draw sums to 1 and has mean ``weights``; a larger concentration keeps draws closer.
    A zero weight stays zero.
    """
    rng = np.random.default_rng(seed)
    positive = weights > 0
    draws = np.zeros((n_draws, len(weights)))
    draws[:, positive] = rng.dirichlet(concentration * weights[positive], size=n_draws)
    return draws


def revised(values: np.ndarray, scheme: Scheme, rng: np.random.Generator) -> np.ndarray:
    """Values ``[draw, cluster, indicator]`` with an independent normal revision each.

    A level or ratio is scaled by ``1 + sd/100 · z``; a growth rate, gap or share is shifted
    by ``sd · z`` (``sd`` = each indicator's ``revision_sd``).
    """
    sd = np.array([item.revision_sd for item in scheme.indicators])
    relative = np.array([item.relative_revision for item in scheme.indicators])
    noise = rng.standard_normal(values.shape) * sd
    return np.where(relative, values * (1.0 + noise / 100.0), values + noise)


def draw_inputs(
    values: np.ndarray,
    scheme: Scheme,
    n_draws: int,
    seed: int,
    sources: tuple[str, ...] = SOURCES,
) -> Draws:
    """Draws of the evaluation's inputs, perturbing only ``sources``.

    Parameters
    ----------
    values : np.ndarray
        Point values ``[cluster, indicator]``, or simulated paths ``[path, cluster,
        indicator]`` (an incomplete year): draw ``d`` then starts from path ``d mod paths``.
    scheme : Scheme
        Weights, revision sds, Dirichlet concentration, the missing-data rules to draw from.
    n_draws, seed : int
        Number of draws; seed of the generator (the same seed gives the same draws).
    sources : tuple of str
        ``data`` (paths and revisions), ``weights`` (Dirichlet), ``missing`` (a rule drawn
        uniformly from ``uncertainty.missing_rules`` per draw); others stay as stated.
    """
    rng = np.random.default_rng(seed)
    paths = values if values.ndim == 3 else values[None]
    if "data" in sources:
        base = paths[np.arange(n_draws) % len(paths)]
        drawn = revised(base, scheme, rng)
    else:
        drawn = np.broadcast_to(np.median(paths, axis=0), (n_draws, *paths.shape[1:]))
    settings = scheme.uncertainty
    weights = (
        weight_draws(scheme.weights, settings.concentration, n_draws, seed + 1)
        if "weights" in sources
        else np.broadcast_to(scheme.weights, (n_draws, len(scheme.weights)))
    )
    rules = np.array(settings.missing_rules or (scheme.missing,))
    chosen = (
        rules[rng.integers(len(rules), size=n_draws)]
        if "missing" in sources
        else np.full(n_draws, scheme.missing)
    )
    return Draws(drawn, weights, chosen)


def draw_ranks(
    draws: Draws, scheme: Scheme, provincial: np.ndarray, previous: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(ranks of every cluster, star estimates of the provincial ones) per draw: (draws, n).

    Scores are normalised across clusters within each draw; a missing score is filled by the
    draw's rule; stars (NaN for parks) follow the rank among the provincial clusters.
    """
    raw = normalise(draws.values, scheme.directions, scheme.normalisation, scheme.goals)
    filled = np.empty_like(raw)
    for rule in np.unique(draws.rules):
        chosen = draws.rules == rule
        filled[chosen] = fill_missing(raw[chosen], scheme, str(rule))
    composite = np.einsum("dck,dk->dc", filled, draws.weights)
    level = np.full(composite.shape, np.nan)
    if provincial.any():
        revenue = draws.values[:, provincial, scheme.ids.index(scheme.stars.revenue)]
        own_rank = ranks(composite[:, provincial])
        level[:, provincial] = stars(revenue, own_rank, scheme.stars, previous[provincial])
    return ranks(composite), level


def rank_interval(rank_draws: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Central ``level`` interval of each cluster's rank over draws (whole ranks)."""
    tail = (1.0 - level) / 2.0
    low = np.quantile(rank_draws, tail, axis=0, method="lower")
    high = np.quantile(rank_draws, 1.0 - tail, axis=0, method="higher")
    return low, high


def ahead_of_next(rank_draws: np.ndarray, order: np.ndarray) -> np.ndarray:
    """For clusters in ``order`` (best first): share of draws ranking each ahead of the next.

    A tie is not ahead. The last cluster has no next one: NaN.
    """
    ahead = (rank_draws[:, order[:-1]] < rank_draws[:, order[1:]]).mean(axis=0)
    return np.append(ahead, np.nan)


def simulate_flows(
    panel: pd.DataFrame, year: int, scheme: Scheme, as_of: pd.Period, clusters: list[str]
) -> pd.DataFrame | None:
    """Joint simulated paths of the clusters' flows to the year's end; None if it is complete.

    The scheme's flows (:func:`~clusterlib.evaluation.values.flow_indicators`) of the
    clusters and of the regions they are compared with (the city) are simulated together
    (``forecasting.simulate``) from the panel cut at ``as_of``; stocks and rates keep their
    value at ``as_of`` (not simulated; missing without one).
    """
    if as_of >= year_end(year):
        return None
    cut = panel[panel["period"] <= as_of]
    regions = [*clusters, *comparison_regions(scheme)]
    flows = preferred_series(cut[cut["region"].isin(regions)], flow_indicators(scheme))
    settings = scheme.uncertainty
    steps = (year_end(year) - as_of).n
    return simulate(flows, h=steps, n_paths=settings.n_paths, seed=settings.seed)


def path_values(
    panel: pd.DataFrame,
    year: int,
    scheme: Scheme,
    as_of: pd.Period,
    clusters: list[str],
    paths: pd.DataFrame,
) -> np.ndarray:
    """Indicator values per simulated path: array ``[path, cluster, indicator]``."""
    cut = panel[panel["period"] <= as_of]
    return YearValues(cut, year, scheme, as_of).paths(clusters, wide_paths(paths))


def rank_intervals(
    result: pd.DataFrame,
    scheme: Scheme,
    values_by_path: np.ndarray | None = None,
    n_draws: int | None = None,
) -> pd.DataFrame:
    """Rank intervals of the ranked clusters of an :func:`evaluate_clusters` result.

    Every draw perturbs the data (the year's simulated paths when it is incomplete, and a
    revision of every value), the weights (Dirichlet) and the missing-data rule together;
    the ``_data``, ``_weights`` and ``_missing`` intervals perturb one source alone.

    Parameters
    ----------
    result : pd.DataFrame
        The evaluation (its ``value.<id>`` columns are the point values).
    scheme : Scheme
        Its scheme: weights, revision sds, rules, interval level, clear-lead threshold, seed.
    values_by_path : np.ndarray, optional
        Indicator values per simulated path for every cluster of ``result``
        (:func:`path_values`), when the year is incomplete.
    n_draws : int, optional
        Draws (default ``uncertainty.n_draws``).

    Returns
    -------
    pd.DataFrame
        Columns :data:`INTERVAL_COLUMNS`, best rank first: the central ``level`` interval of
        the rank (``rank_lo``–``rank_hi``), the share of draws in which each cluster ranks
        ahead of the next-ranked one (``p_ahead_of_next``) and whether it reaches
        ``clear_lead`` (a stated threshold, not a test), the intervals under each source
        alone, and the share of draws giving at least the point star estimate.
    """
    settings = scheme.uncertainty
    n_draws = settings.n_draws if n_draws is None else n_draws
    ranked = result[~result["excluded"]].reset_index(drop=True)
    keep = ~result["excluded"].to_numpy()
    values = (
        ranked[[f"value.{i}" for i in scheme.ids]].to_numpy(dtype=float)
        if values_by_path is None
        else values_by_path[:, keep, :]
    )
    provincial = ranked["provincial"].to_numpy(dtype=bool)
    previous = ranked["previous_stars"].to_numpy(dtype=float)
    order = np.argsort(ranked["rank"].to_numpy(), kind="stable")
    rows = ranked.iloc[order].reset_index(drop=True)
    table = rows[["region", "region_name", "provincial", "rank", "stars_estimate"]].assign(
        next_region=np.append(rows["region"].to_numpy()[1:], "")
    )
    for sources, suffix in ((SOURCES, ""), *(((s,), f"_{s}") for s in SOURCES)):
        draws = draw_inputs(values, scheme, n_draws, settings.seed, sources)
        rank_draws, star_draws = draw_ranks(draws, scheme, provincial, previous)
        low, high = rank_interval(rank_draws, settings.level)
        table[f"rank_lo{suffix}"], table[f"rank_hi{suffix}"] = low[order], high[order]
        if not suffix:
            table["p_ahead_of_next"] = ahead_of_next(rank_draws, order)
            point = ranked["stars_estimate"].to_numpy(dtype=float)
            with np.errstate(invalid="ignore"):
                at_least = (star_draws >= point).mean(axis=0)
            table["p_stars_at_least"] = np.where(provincial, at_least, np.nan)[order]
    table["clear_lead"] = table["p_ahead_of_next"] >= settings.clear_lead
    return table[INTERVAL_COLUMNS]


def path_rank_draws(
    values: np.ndarray, scheme: Scheme, provincial: np.ndarray, previous: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(ranks, star estimates) per simulated path ``[path, cluster, indicator]``.

    Stated weights and the scheme's missing-data rule; no revisions (the paths alone).
    """
    n = len(values)
    weights = np.broadcast_to(scheme.weights, (n, len(scheme.weights)))
    draws = Draws(values, weights, np.full(n, scheme.missing))
    return draw_ranks(draws, scheme, provincial, previous)
