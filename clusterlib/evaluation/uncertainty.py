"""Rank intervals: ranks under Dirichlet weight draws and under simulated data paths."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterlib.evaluation.scheme import Scheme
from clusterlib.evaluation.scoring import ranks, score_all, stars
from clusterlib.evaluation.values import YearValues, flow_indicators, wide_paths, year_end
from clusterlib.forecasting.simulate import simulate
from clusterlib.inputs.panel import preferred_series

N_WEIGHT_DRAWS = 2000
INTERVAL_COLUMNS = [
    "region", "region_name", "rank", "rank_lo_weights", "rank_hi_weights", "next_region",
    "p_ahead_weights", "rank_lo_data", "rank_hi_data", "p_ahead_data", "real_gap_to_next",
    "stars", "p_stars_at_least",
]  # fmt: skip


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


def weight_rank_draws(scores: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """Ranks of clusters (scores ``[cluster, indicator]``) under each weight draw: (draws, n)."""
    return ranks(draws @ scores.T)


def rank_interval(rank_draws: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Central ``level`` interval of each cluster's rank over draws (whole ranks)."""
    tail = (1.0 - level) / 2.0
    low = np.quantile(rank_draws, tail, axis=0, method="lower")
    high = np.quantile(rank_draws, 1.0 - tail, axis=0, method="higher")
    return low, high


def ahead_of_next(rank_draws: np.ndarray, order: np.ndarray) -> np.ndarray:
    """For clusters in ``order`` (best first): share of draws ranking each ahead of the next.

    The last cluster has no next one: NaN.
    """
    ahead = (rank_draws[:, order[:-1]] < rank_draws[:, order[1:]]).mean(axis=0)
    return np.append(ahead, np.nan)


def simulate_flows(
    panel: pd.DataFrame, year: int, scheme: Scheme, as_of: pd.Period, clusters: list[str]
) -> pd.DataFrame | None:
    """Joint simulated paths of the clusters' flows to the year's end; None if it is complete.

    The scheme's flows (:func:`~clusterlib.evaluation.values.flow_indicators`) of the
    clusters are simulated together (``forecasting.simulate``) from the panel cut at
    ``as_of``; stocks and rates keep their latest value (they are not simulated).
    """
    if as_of >= year_end(year):
        return None
    cut = panel[panel["period"] <= as_of]
    flows = preferred_series(cut[cut["region"].isin(clusters)], flow_indicators(scheme))
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


def path_rank_draws(
    values: np.ndarray, scheme: Scheme, previous: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """(ranks, stars) per path of values ``[path, cluster, indicator]``."""
    _, _, rank = score_all(values, scheme)
    revenue = values[..., scheme.ids.index(scheme.stars.revenue)]
    return rank, stars(revenue, rank, scheme.stars, previous)


def rank_intervals(
    result: pd.DataFrame,
    scheme: Scheme,
    values_by_path: np.ndarray | None = None,
    n_draws: int = N_WEIGHT_DRAWS,
) -> pd.DataFrame:
    """Rank intervals of the ranked clusters of an :func:`evaluate_clusters` result.

    Parameters
    ----------
    result : pd.DataFrame
        The evaluation (its ``score.<id>`` columns are the scores used).
    scheme : Scheme
        Its scheme: weights, concentration, interval level, "real difference" share.
    values_by_path : np.ndarray, optional
        Indicator values per simulated path for every cluster of ``result``
        (:func:`path_values`), when the year is incomplete.
    n_draws : int
        Dirichlet weight draws.

    Returns
    -------
    pd.DataFrame
        Columns :data:`INTERVAL_COLUMNS`, best rank first: intervals under weight draws and
        under data paths (NaN without paths), the share of draws in which each cluster is
        ahead of the next-ranked one, ``real_gap_to_next`` when that share reaches
        ``real_difference`` under both, and the probability of at least the current stars.
    """
    settings = scheme.uncertainty
    ranked = result[~result["excluded"]].reset_index()
    order = np.argsort(ranked["rank"].to_numpy(), kind="stable")
    scores = ranked[[f"score.{i}" for i in scheme.ids]].to_numpy(dtype=float)
    draws = weight_draws(scheme.weights, settings.concentration, n_draws, settings.seed)
    by_weights = weight_rank_draws(scores, draws)
    table = _interval_columns(ranked, order, by_weights, settings.level, "weights")
    p_data = np.full(len(ranked), np.nan)
    if values_by_path is not None:
        values = values_by_path[:, ranked["index"].to_numpy(), :]
        previous = ranked["previous_stars"].to_numpy(dtype=float)
        by_paths, star_paths = path_rank_draws(values, scheme, previous)
        table = table.join(_interval_columns(ranked, order, by_paths, settings.level, "data"))
        p_data = (star_paths >= ranked["stars"].to_numpy()[None, :]).mean(axis=0)[order]
    else:
        table = table.assign(rank_lo_data=np.nan, rank_hi_data=np.nan, p_ahead_data=np.nan)
    real = table["p_ahead_weights"] >= settings.real_difference
    if values_by_path is not None:
        real &= table["p_ahead_data"] >= settings.real_difference
    return table.assign(real_gap_to_next=real, p_stars_at_least=p_data)[INTERVAL_COLUMNS]


def _interval_columns(
    ranked: pd.DataFrame, order: np.ndarray, rank_draws: np.ndarray, level: float, what: str
) -> pd.DataFrame:
    """Interval and ahead-of-next columns for one source of uncertainty, best rank first."""
    low, high = rank_interval(rank_draws, level)
    rows = ranked.iloc[order]
    return pd.DataFrame(
        {
            "region": rows["region"].to_numpy(),
            "region_name": rows["region_name"].to_numpy(),
            "rank": rows["rank"].to_numpy(),
            "stars": rows["stars"].to_numpy(),
            "next_region": np.append(rows["region"].to_numpy()[1:], ""),
            f"rank_lo_{what}": low[order],
            f"rank_hi_{what}": high[order],
            f"p_ahead_{what}": ahead_of_next(rank_draws, order),
        }
    ).pipe(lambda t: t if what == "weights" else t.filter(like=f"_{what}"))
