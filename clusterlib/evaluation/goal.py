"""The plan's star goal (力争白沙新晋级二星级): its status from the evaluation's star rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from clusterlib.evaluation.evaluate import evaluate_clusters, evaluated_clusters
from clusterlib.evaluation.scheme import DEFAULT_SCHEME, Scheme, load_scheme
from clusterlib.evaluation.star_list import load_star_lists
from clusterlib.evaluation.uncertainty import path_rank_draws, path_values, simulate_flows
from clusterlib.evaluation.values import year_end
from clusterlib.goals.catalogue import GoalSettings, load_settings
from clusterlib.goals.forward import COMPARATORS
from clusterlib.goals.progress import probability_status
from clusterlib.goals.recalibration import shrink

STAR_INDICATOR = "cluster_stars"  # the goal catalogue's indicator id for a cluster's stars


def star_goal_rows(
    results: pd.DataFrame,
    panel: pd.DataFrame,
    goals: pd.DataFrame,
    as_of: pd.Period,
    scheme: Scheme | str | Path = DEFAULT_SCHEME,
    settings: GoalSettings | None = None,
    star_list: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Goal results with every star goal's row filled where the panel has the star rule's data.

    A star goal (indicator ``cluster_stars``) is otherwise left as ``evaluate_goals`` made it
    (``no data``). ``actual`` is last year's stars (from ``star_list``, default the official
    and demo lists, else the rule), ``forecast`` the star estimate from the year's expected
    values (ranked among Zhengzhou's provincial clusters only: an estimate); the probability
    counts the simulated paths on which the star rule gives at least the threshold (shrunk like
    the other goals' probabilities); the status follows the goal settings' cut-offs (``met`` /
    ``missed`` once the year is complete, then without a probability).
    """
    star_goals = goals[goals["indicator"] == STAR_INDICATOR]
    if star_goals.empty:
        return results
    scheme = scheme if isinstance(scheme, Scheme) else load_scheme(scheme)
    settings = load_settings() if settings is None else settings
    results = results.copy()
    for goal in star_goals.to_dict("records"):
        row = star_goal_status(panel, goal, as_of, scheme, settings, star_list)
        if row is not None:
            rows = (results["goal_id"] == goal["id"]) & (results["scope"] == goal["scope"])
            results.loc[rows, list(row)] = list(row.values())
    return results


def star_goal_status(
    panel: pd.DataFrame,
    goal: dict[str, Any],
    as_of: pd.Period,
    scheme: Scheme,
    settings: GoalSettings,
    star_list: pd.DataFrame | None = None,
) -> dict[str, Any] | None:
    """actual, forecast, probability and status of one star goal; None without the data.

    A star estimate the rule cannot make (the region's revenue missing at the evaluated
    quarter) is ``no data``, not ``missed`` (an unknown star count used to fail the goal).
    """
    region, year = goal["scope"], int(goal["year"])
    revenue = scheme.indicator(scheme.stars.revenue).indicator
    if not ((panel["region"] == region) & (panel["indicator"] == revenue)).any():
        return None
    star_list = load_star_lists() if star_list is None else star_list  # only with the data
    as_of = min(pd.Period(as_of, freq="Q-DEC"), year_end(year))
    clusters = evaluated_clusters(panel, scheme)
    paths = simulate_flows(panel, year, scheme, as_of, clusters)
    result = evaluate_clusters(panel, year, scheme, as_of=as_of, paths=paths, star_list=star_list)
    own = result.index[result["region"] == region][0]
    meets, threshold = COMPARATORS[goal["comparator"]], goal["threshold"]
    point = float(result.at[own, "stars_estimate"])
    values = {"actual": float(result.at[own, "previous_stars"]), "forecast": point}
    if np.isnan(point):  # revenue missing: the stars are unknown, not short of the goal
        return values | {"probability": np.nan, "status": "no data"}
    if paths is None:
        ok = bool(meets(point, threshold))
        return values | {"probability": np.nan, "status": "met" if ok else "missed"}  # decided
    ranked = ~result["excluded"].to_numpy()
    draws = path_values(panel, year, scheme, as_of, clusters, paths)[:, ranked]
    previous = result["previous_stars"].to_numpy(dtype=float)[ranked]
    provincial = result["provincial"].to_numpy(dtype=bool)[ranked]
    _, stars = path_rank_draws(draws, scheme, provincial, previous)
    position = int(np.flatnonzero(result.index[ranked] == own)[0])
    raw = float(np.mean(meets(stars[:, position], threshold)))
    probability = shrink(raw, settings.probability_shrink)
    return values | {
        "probability": probability,
        "status": probability_status(probability, settings),
    }
