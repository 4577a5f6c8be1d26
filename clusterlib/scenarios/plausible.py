"""Shocks held to plausible sizes (assumption S4): a project within its cluster's quarter, growth
within the catalogue's range."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.messages import message
from clusterlib.scenarios.draws import KEYS, Draws
from clusterlib.scenarios.shocks import key_rows, last_year, shifts
from clusterlib.scenarios.spec import GrowthShock, LevelShock, Shock

LEVEL_MULTIPLE = 1.0  # a level change is at most this many times its cluster's quarter (S4)
CATALOG_FILE = "data/catalog/indicators.csv"  # where the plausible growth ranges are stated
TOLERANCE = 1e-9  # pp or 亿元: a shock exactly at a bound is inside it despite rounding


def implausible(
    shocks: tuple[Shock, ...], draws: Draws, panel: pd.DataFrame, as_of: pd.Period
) -> list[tuple[str, str]]:
    """``(key, message)`` for each shock beyond assumption S4's bounds, on the point forecasts.

    A level change larger in absolute value than :data:`LEVEL_MULTIPLE` times the baseline
    forecast of its cluster's quarter (a project moving more than the cluster's whole quarter;
    a change typed in 万元 for 亿元 is 10,000 times too large), and a growth shock after which
    one of its own quarters' year-on-year growth (all the file's shocks applied) lies outside
    the indicator's ``growth_min`` to ``growth_max`` of the catalogue, further out than the
    baseline's. Full-year growth is a weighted mean of the quarters', so it stays inside too.
    """
    columns = draws.forecasts[KEYS].reset_index(drop=True)
    point = draws.forecasts["mean"].to_numpy(dtype=float)
    base = last_year(panel, columns)
    total = shifts(shocks, panel, columns, as_of)
    problems = []
    for number, shock in enumerate(shocks):
        if isinstance(shock, LevelShock):
            problems += _oversized(number, shock, columns, point)
            continue
        own = shifts((shock,), panel, columns, as_of)
        problems += _outside_range(number, shock, columns, point, base, own, total)
    return problems


def _oversized(
    number: int, shock: LevelShock, columns: pd.DataFrame, point: np.ndarray
) -> list[tuple[str, str]]:
    """The refusal of a level change larger than its cluster's whole quarter (if it is)."""
    key = (shock.region, shock.indicator, "level", str(shock.quarter))
    at = np.flatnonzero(key_rows(columns, key))
    if at.size == 0:  # no simulated level: refused by missing_series
        return []
    level = float(point[at[0]])
    if abs(shock.level_change) <= LEVEL_MULTIPLE * level + TOLERANCE:
        return []
    bound = math.floor(LEVEL_MULTIPLE * max(level, 0.0) * 100 + TOLERANCE) / 100
    return [
        (
            f"shocks[{number}].level_change",
            message(
                "scenario_level_oversized",
                change=shock.level_change,
                region=shock.region,
                indicator=shock.indicator,
                quarter=str(shock.quarter),
                level=level,
                low=-bound,
                high=bound,
            ),
        )
    ]


def _outside_range(
    number: int,
    shock: GrowthShock,
    columns: pd.DataFrame,
    point: np.ndarray,
    base: np.ndarray,
    own: np.ndarray,
    total: np.ndarray,
) -> list[tuple[str, str]]:
    """The refusal of a growth shock taking one of its quarters' growth out of the catalogue's
    range (the quarter furthest out is named, with the sizes that keep every quarter in)."""
    low, high = catalog.indicators().loc[shock.indicator, ["growth_min", "growth_max"]]
    if pd.isna(low) or pd.isna(high) or shock.growth_pp == 0:
        return []
    mine = (own != 0) & columns["region"].isin(shock.regions).to_numpy()
    mine &= np.isfinite(base) & (base != 0)
    before = 100 * (point / np.where(mine, base, 1.0) - 1)
    after = 100 * ((point + total) / np.where(mine, base, 1.0) - 1)
    response = 100 * own / np.where(mine, base, 1.0) / shock.growth_pp  # growth pp per pp
    outward = ((after > high + TOLERANCE) & (own > 0)) | ((after < low - TOLERANCE) & (own < 0))
    flagged = np.flatnonzero(mine & outward)
    if flagged.size == 0:
        return []
    beyond = np.maximum(after - high, low - after)
    worst = flagged[np.argmax(beyond[flagged])]
    others = after - response * shock.growth_pp  # each quarter's growth without this shock
    rows = np.flatnonzero(mine)
    least = np.max((low - others[rows]) / response[rows])
    most = np.min((high - others[rows]) / response[rows])
    region, indicator, _, quarter = (str(v) for v in columns.loc[worst, KEYS])
    least, most = math.ceil(least * 10 - TOLERANCE) / 10, math.floor(most * 10 + TOLERANCE) / 10
    fix = (
        message("scenario_growth_none_fits")
        if least > most
        else message("scenario_growth_between", least=least, most=most)
    )
    said = message(
        "scenario_growth_outside",
        pp=shock.growth_pp,
        region=region,
        indicator=indicator,
        quarter=quarter,
        after=after[worst],
        before=before[worst],
        low=low,
        high=high,
        file=CATALOG_FILE,
        fix=fix,
    )
    return [(f"shocks[{number}].growth_pp", said)]
