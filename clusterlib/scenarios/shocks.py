"""Shocks as additive shifts of the draws: the same shift on every path, so only it differs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterlib.exceptions import ParameterError
from clusterlib.goals.progress import PUBLISHED_TOTAL
from clusterlib.messages import message
from clusterlib.scenarios.draws import KEYS, Draws
from clusterlib.scenarios.spec import CITY, GrowthShock, LevelShock, Shock, cluster_ids


def shifts(
    shocks: tuple[Shock, ...] | list[Shock],
    panel: pd.DataFrame,
    columns: pd.DataFrame,
    as_of: pd.Period,
) -> np.ndarray:
    """The shift of each series quarter of ``columns`` (``region, indicator, measure, period``).

    A growth shock of x pp in quarter q adds ``x / 100 · (value of q − 4)`` to the quarter (for
    a shock from a month, the quarter's share of months from it on: from August, 2/3 of it in
    Q3), so the quarter's y/y growth moves by exactly x pp on every path. A level change adds
    its amount to the cluster's quarter and to every total that counts the project: the city
    and the clusters' published total (``zz_clusters``), where they have levels. A cluster's
    level shift from a growth shock is added to the published total too (the clusters' growth
    is theirs; the city's growth moves only when a shock names the city). Quarters up to
    ``as_of`` (published) are never shifted.

    Raises
    ------
    ParameterError
        If a shocked series has no simulated paths, or a level change meets a series without
        levels (a growth-only series), or last year's value of a shocked quarter is missing.
    """
    shift = np.zeros(len(columns))
    index = pd.MultiIndex.from_frame(columns[KEYS].astype(str))
    base = last_year(panel, columns)
    clusters = set(cluster_ids())
    for number, shock in enumerate(shocks):
        if isinstance(shock, GrowthShock):
            for region in shock.regions:
                rows, fraction = _growth_rows(columns, region, shock, as_of)
                if np.isnan(base[rows]).any():
                    said = message(
                        "scenario_no_base", number=number, region=region, indicator=shock.indicator
                    )
                    raise ParameterError(said)
                step = shock.growth_pp / 100.0 * fraction * base[rows]
                shift[rows] += step
                if region in clusters:
                    _add_to_totals(shift, columns, rows, step, (PUBLISHED_TOTAL,))
        else:
            rows = _level_rows(index, shock, number)
            shift[rows] += shock.level_change
            _add_to_totals(
                shift, columns, rows, np.array([shock.level_change]), (CITY, PUBLISHED_TOTAL)
            )
    return shift


def missing_series(shocks: tuple[Shock, ...], series: pd.DataFrame) -> list[tuple[str, str]]:
    """``(key, message)`` for each shocked region without simulated paths of the indicator
    (``series``: the simulated series' ``region, indicator, measure``), and each level change
    on a cluster without simulated levels of it."""
    problems = []
    for number, shock in enumerate(shocks):
        own = series[series["indicator"] == shock.indicator]
        if isinstance(shock, GrowthShock):
            having = sorted(set(own["region"]))
            lacking = [region for region in shock.regions if region not in having]
            key, said = "regions", "scenario_missing_paths"
        else:
            levels = set(own.loc[own["measure"] == "level", "region"])
            having = [region for region in cluster_ids() if region in levels]
            lacking = [] if shock.region in having else [shock.region]
            key, said = "region", "scenario_missing_levels"
        if lacking:
            known = ", ".join(having) or message("scenario_none_has_them")
            regions = ", ".join(lacking)
            found = message(said, indicator=shock.indicator, regions=regions, having=known)
            problems.append((f"shocks[{number}].{key}", found))
    return problems


def below_zero(
    shocks: tuple[Shock, ...], draws: Draws, moved: Draws, panel: pd.DataFrame, as_of: pd.Period
) -> list[tuple[str, str]]:
    """``(key, message)`` for each shock after which one of its own quarters is below zero on
    some path of ``moved`` (the scenario's draws; ``draws`` the baseline's).

    A level below zero is negative investment; a growth-only series' chained index below zero
    is growth below −100%: either is an impossible world the probabilities would count. The
    least change allowed is linear in the shock: each quarter moves by the shock's size times
    its own response.
    """
    columns = draws.paths[KEYS].drop_duplicates().reset_index(drop=True)
    problems = []
    for number, shock in enumerate(shocks):
        own = shifts((shock,), panel, columns, as_of)
        regions = shock.regions if isinstance(shock, GrowthShock) else (shock.region,)
        mine = (own != 0) & columns["region"].isin(regions).to_numpy()
        worst: tuple[float, int, tuple[str, ...], int] | None = None
        size = shock.size
        for position in np.flatnonzero(mine):
            key = tuple(str(v) for v in columns.loc[position, KEYS])
            after = _values(moved.paths, key)
            if after.size == 0 or after.min() >= 0:
                continue
            least = size - after.min() * size / own[position]
            if worst is None or least > worst[0]:
                worst = (least, int((after < 0).sum()), key, after.size)
        if worst is not None:
            problems.append(_below_zero_message(number, shock, draws, *worst))
    return problems


def _below_zero_message(
    number: int, shock: Shock, draws: Draws, least: float, count: int, key: tuple, size: int
) -> tuple[str, str]:
    """The refusal of a shock that takes ``key`` below zero on ``count`` of ``size`` paths."""
    region, indicator, measure, quarter = key
    lowest = float(_values(draws.paths, key).min())
    point = float(_values(draws.forecasts, key, "mean")[0])
    where = {"region": region, "indicator": indicator, "quarter": quarter}
    odds = {"count": count, "size": size, "lowest": lowest, "least": least}
    if isinstance(shock, LevelShock):
        said = message(
            "scenario_level_below_zero", change=shock.level_change, point=point, **where, **odds
        )
        return f"shocks[{number}].level_change", said
    baseline = message(
        "scenario_baseline_level" if measure == "level" else "scenario_baseline_index", point=point
    )
    said = message(
        "scenario_growth_below_zero", pp=shock.growth_pp, baseline=baseline, **where, **odds
    )
    return f"shocks[{number}].growth_pp", said


def _values(table: pd.DataFrame, key: tuple[str, ...], column: str = "value") -> np.ndarray:
    """``column`` of the rows of ``table`` whose keys (``KEYS``) are ``key``."""
    return table.loc[key_rows(table, key), column].to_numpy(dtype=float)


def key_rows(table: pd.DataFrame, key: tuple[str, ...]) -> np.ndarray:
    """Whether each row of ``table`` has the keys (``KEYS``, as text) ``key``."""
    chosen = np.ones(len(table), dtype=bool)
    for name, wanted in zip(KEYS, key, strict=True):
        chosen &= table[name].astype(str).to_numpy() == wanted
    return chosen


def shifted(draws: Draws, shift_by_key: pd.Series) -> Draws:
    """``draws`` with ``shift_by_key`` (indexed by ``region, indicator, measure, period`` as
    text) added to every path and to the point forecasts; zero shifts leave values untouched."""
    return Draws(
        draws.forecasts.assign(mean=_add(draws.forecasts, "mean", shift_by_key)),
        draws.paths.assign(value=_add(draws.paths, "value", shift_by_key)),
    )


def shift_series(shift: np.ndarray, columns: pd.DataFrame) -> pd.Series:
    """Shifts as a Series indexed by the columns' keys as text (for :func:`shifted`)."""
    return pd.Series(shift, index=pd.MultiIndex.from_frame(columns[KEYS].astype(str)))


def apply_scenario(
    draws: Draws, shocks: tuple[Shock, ...], panel: pd.DataFrame, as_of: pd.Period
) -> tuple[Draws, pd.Series]:
    """The scenario's draws (the baseline's plus the shocks' shifts) and the shifts by key."""
    columns = draws.paths[KEYS].drop_duplicates().reset_index(drop=True)
    shift = shift_series(shifts(shocks, panel, columns, as_of), columns)
    return shifted(draws, shift), shift


def _add(table: pd.DataFrame, value: str, shift_by_key: pd.Series) -> np.ndarray:
    """The column ``value`` plus the shift of each row's key (0 where none)."""
    keys = pd.MultiIndex.from_frame(table[KEYS].astype(str))
    extra = shift_by_key.reindex(keys).fillna(0.0).to_numpy()
    values = table[value].to_numpy(dtype=float).copy()
    moved = extra != 0
    values[moved] = values[moved] + extra[moved]
    return values


def last_year(panel: pd.DataFrame, columns: pd.DataFrame) -> np.ndarray:
    """Each column's value in the same quarter a year earlier (NaN where the panel has none)."""
    known = panel.assign(period=panel["period"].astype(str)).set_index(KEYS)["value"]
    earlier = columns.assign(period=(pd.PeriodIndex(columns["period"], freq="Q-DEC") - 4))
    keys = pd.MultiIndex.from_frame(earlier[KEYS].astype(str))
    return known[~known.index.duplicated()].reindex(keys).to_numpy(dtype=float)


def _growth_rows(
    columns: pd.DataFrame, region: str, shock: GrowthShock, as_of: pd.Period
) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the region's shocked quarters and the share of each quarter shocked."""
    periods = pd.PeriodIndex(columns["period"], freq="Q-DEC")
    start = shock.start.asfreq("Q-DEC")
    own = (columns["region"] == region) & (columns["indicator"] == shock.indicator)
    if not own.any():
        raise ParameterError(message("scenario_no_paths", region=region, indicator=shock.indicator))
    chosen = own.to_numpy() & (periods >= start) & (periods > as_of) & (periods.year == start.year)
    rows = np.flatnonzero(chosen)
    fraction = np.ones(len(rows))
    if shock.start.freqstr.startswith("M"):
        months_left = start.quarter * 3 - shock.start.month + 1
        fraction[periods[rows] == start] = months_left / 3
    return rows, fraction


def _level_rows(index: pd.MultiIndex, shock: LevelShock, number: int) -> np.ndarray:
    """Position of the cluster's level in the shocked quarter."""
    key = (shock.region, shock.indicator, "level", str(shock.quarter))
    if key not in index:
        said = message(
            "scenario_no_levels",
            number=number,
            region=shock.region,
            indicator=shock.indicator,
            quarter=str(shock.quarter),
        )
        raise ParameterError(said)
    return np.array([index.get_loc(key)])


def _add_to_totals(
    shift: np.ndarray,
    columns: pd.DataFrame,
    rows: np.ndarray,
    step: np.ndarray,
    totals: tuple[str, ...],
) -> None:
    """Add a cluster's level shifts to the same quarters of ``totals`` that have levels."""
    for position, amount in zip(rows, np.broadcast_to(step, rows.shape), strict=True):
        if columns.at[position, "measure"] != "level":
            continue
        same = (
            columns["region"].isin(totals)
            & (columns["indicator"] == columns.at[position, "indicator"])
            & (columns["measure"] == "level")
            & (columns["period"] == columns.at[position, "period"])
        )
        shift[same.to_numpy()] += amount
