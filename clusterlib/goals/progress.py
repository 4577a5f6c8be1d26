"""Where each goal stands: one tidy result table of values, probabilities and statuses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.goals.catalogue import (
    ALL_CLUSTERS,
    GROUP_SCOPES,
    GoalSettings,
    check_settings,
    load_settings,
)
from clusterlib.goals.forward import (
    COMPARATORS,
    full_year_growth,
    probability,
    year_frame,
    ytd_growth_at,
)
from clusterlib.goals.history import beat_city_history, growth_gap_history, hac_test_from_settings
from clusterlib.goals.recalibration import shrink
from clusterlib.inputs.panel import SERIES_KEYS, preferred_series

RESULT_COLUMNS = [
    "goal_id",
    "scope",
    "metric",
    "actual",
    "forecast",
    "threshold",
    "probability",
    "status",
    "required_growth",
    "past_premium",
    "past_p_value",
    "past_p_adjusted",
]
#: the historical test's columns: the past window's mean growth gap (pp) and its p-values. They
#: describe the last ``hac_window`` quarters (e.g. eight years), not the goal year
PAST_COLUMNS = ["past_premium", "past_p_value", "past_p_adjusted"]
GOAL_STATUSES = ("met", "on track", "at risk", "off track", "missed", "no data", "not measurable")
PUBLISHED_TOTAL = "zz_clusters"  # 郑州市产业集聚区(合计) in data/catalog/regions.csv


# --- statuses and required growth -------------------------------------------------------------


def probability_status(prob: float, settings: GoalSettings) -> str:
    """``on track`` / ``at risk`` / ``off track`` from the probability of meeting the goal."""
    if np.isnan(prob):
        return "no data"
    if prob >= settings.on_track:
        return "on track"
    return "at risk" if prob >= settings.at_risk else "off track"


def required_growth(threshold: float, to_date: float, last_year_rest: float) -> float:
    """Growth (%) the remaining quarters need over last year's same quarters to reach ``threshold``.

    With ``to_date`` the year's total so far and ``last_year_rest`` last year's total of the
    remaining quarters: ``100 · ((threshold − to_date) / last_year_rest − 1)``. E.g. 1800 so far,
    last year's Q3–Q4 at 2000, goal 4000: the rest needs 2200, i.e. +10%.
    """
    if not last_year_rest > 0:
        return np.nan
    return 100.0 * ((threshold - to_date) / last_year_rest - 1.0)


# --- evaluation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What every goal evaluation needs: data cut at ``as_of`` and the draws, in wide form."""

    panel: pd.DataFrame
    path_draws: pd.DataFrame  # index path, columns (region, indicator, measure, period)
    point_draws: pd.DataFrame  # one row: the point forecast
    year: int
    as_of: pd.Period
    settings: GoalSettings
    record: dict | None = None  # filled with each row's metric per draw, by (goal_id, scope)

    @property
    def complete(self) -> bool:
        """Whether the goal year is over (all four quarters are actuals)."""
        return self.as_of >= pd.Period(year=self.year, quarter=4, freq="Q-DEC")

    def frames(self, region: str, indicator: str) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
        """Actual series, per-path year frame and point-forecast year frame of one series."""
        actual, measure = self.series(region, indicator)
        key = (region, indicator, measure)
        frames = [
            year_frame(actual, _future(draws, key, keys), self.year, self.as_of)
            for draws, keys in zip(
                (self.path_draws, self.point_draws), self._draw_keys, strict=True
            )
        ]
        return actual, frames[0], frames[1]

    def series(self, region: str, indicator: str) -> tuple[pd.Series, str | None]:
        """One series as :func:`~clusterlib.inputs.panel.series` gives it, and its measure."""
        empty = pd.Series(dtype=float, index=pd.PeriodIndex([], freq="Q-DEC"))
        return self._series.get((region, indicator), (empty, None))

    @cached_property
    def _series(self) -> dict[tuple[str, str], tuple[pd.Series, str]]:
        """Every (region, indicator) of the panel, split once: a scan of the whole panel per
        goal and region made the goal tests quadratic in the number of clusters."""
        chosen = preferred_series(self.panel, self.panel["indicator"].unique())
        found = {}
        for key, rows in chosen.groupby(["region", "indicator"], sort=False):
            measure = str(rows["measure"].iloc[0])
            rows = rows[rows["measure"] == measure]
            index = pd.PeriodIndex(rows["period"], freq="Q-DEC")
            values = pd.Series(rows["value"].to_numpy(dtype=float), index=index).sort_index()
            found[tuple(key)] = (values, measure)
        return found

    @cached_property
    def _draw_keys(self) -> tuple[set, set]:
        """The series keys of the path draws and of the point draws."""
        return tuple(
            set(w.columns.droplevel("period")) for w in (self.path_draws, self.point_draws)
        )


@dataclass(frozen=True)
class _Value:
    """A metric to date (``actual``), at year end by point forecast, and per simulated path."""

    actual: float
    forecast: float
    draws: pd.Series

    def minus(self, other: _Value) -> _Value:
        """The gap between two metrics (e.g. cluster growth minus city growth, in pp)."""
        return _Value(
            self.actual - other.actual, self.forecast - other.forecast, self.draws - other.draws
        )


def _future(wide: pd.DataFrame, key: tuple, keys: set) -> pd.DataFrame:
    """One series' draws from a wide draws table (periods as columns); no columns if absent.

    ``keys`` are the table's series keys (computed once per table).
    """
    if key not in keys:
        return pd.DataFrame(index=wide.index)
    return wide.xs(key, axis=1, level=list(SERIES_KEYS))


def _wide(table: pd.DataFrame | None, value: str, index: str | None) -> pd.DataFrame:
    """Draws (paths or point forecasts) as one row per draw and one column per series quarter.

    ``index`` is the draw column (``"path"``), or None for point forecasts (one row). Should a
    series quarter appear twice (point forecasts of several models and no ``combo``), the first
    row is used.
    """
    columns = [*SERIES_KEYS, "period"]
    if table is None or table.empty:
        empty = pd.MultiIndex.from_tuples([], names=columns)
        return pd.DataFrame(index=pd.RangeIndex(0 if index else 1), columns=empty)
    table = table.drop_duplicates(subset=[*columns, *([index] if index else [])])
    if index is None:
        return table.assign(draw=0).pivot(index="draw", columns=columns, values=value)
    return table.pivot(index=index, columns=columns, values=value)


def _with_all_clusters(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Add region ``all_clusters``: the published total (``zz_clusters``) where there is one,
    else the sum of every cluster's levels in the periods where all clusters report.
    """
    regions = catalog.regions()
    clusters = regions.index[regions["kind"].isin(GROUP_SCOPES["each_cluster"])]
    published = table[table["region"] == PUBLISHED_TOTAL]
    levels = table[
        table["region"].isin(clusters)
        & (table["measure"] == "level")
        & ~table["indicator"].isin(published["indicator"].unique())
    ]
    reporting = levels.groupby("indicator")["region"].nunique().rename("reporting")
    grouped = levels.groupby([*keys, "indicator", "period"])
    total = grouped["value"].sum().to_frame().assign(n=grouped["region"].nunique()).reset_index()
    total = total.join(reporting, on="indicator")
    total = total[total["n"] == total["reporting"]].drop(columns=["n", "reporting"])
    added = pd.concat([published, total.assign(measure="level")]).assign(region=ALL_CLUSTERS)
    return pd.concat([table, added], ignore_index=True)


def _regions(scope: str) -> list[str]:
    """Region ids a goal's scope expands to (``all_clusters`` and ``city`` stay as they are)."""
    if scope not in GROUP_SCOPES:
        return [scope]
    regions = catalog.regions()
    return regions.index[regions["kind"].isin(GROUP_SCOPES[scope])].tolist()


def _to_date(actual: pd.Series, metric: str, year: int) -> float:
    """The metric with the data so far: 累计 growth or total of the year, or the latest value."""
    in_year = actual[actual.index.year == year]
    if metric == "latest":
        return float(actual.iloc[-1])
    if in_year.empty:
        return np.nan
    if metric == "ytd_growth":
        return ytd_growth_at(actual, in_year.index.max())
    return float(in_year.sum())


def _full_year(frame: pd.DataFrame, metric: str, actual: pd.Series) -> pd.Series:
    """The metric at year end for each row (draw) of a year frame."""
    if metric == "ytd_growth":
        return full_year_growth(frame, actual)
    if metric == "year_total":
        return frame.sum(axis=1, skipna=False)
    return frame.iloc[:, -1]


def _metric_value(ctx: _Context, region: str, indicator: str, metric: str) -> _Value | None:
    """The metric of one series to date, by point forecast and per path; None without a figure
    of ``as_of``: an earlier quarter's 累计, total or stock is not the metric at ``as_of`` (it
    used to be shown as the goal's 实际值, and decided a ``latest`` goal's status)."""
    actual, path_frame, point_frame = ctx.frames(region, indicator)
    actual = actual[actual.index <= ctx.as_of]
    if ctx.as_of not in actual.index:
        return None
    forecast = float(_full_year(point_frame, metric, actual).iloc[0])
    draws = _full_year(path_frame, metric, actual)
    return _Value(_to_date(actual, metric, ctx.year), forecast, draws)


def _status(value: _Value, goal: dict, ctx: _Context) -> tuple[str, float]:
    """Status and probability of meeting a goal whose value is ``value``.

    The probability from simulated paths is shrunk towards 0.5 by the settings'
    ``probability_shrink`` (:func:`~clusterlib.goals.recalibration.shrink`) before the status
    cut-offs read it.
    """
    meets = COMPARATORS[goal["comparator"]]
    if ctx.complete or goal["metric"] == "latest":
        final = value.forecast if ctx.complete else value.actual
        if np.isnan(final):
            return "no data", np.nan
        ok = bool(meets(final, goal["threshold"]))
        if ctx.complete:  # decided by the year's actual: no probability
            return ("met" if ok else "missed"), np.nan
        return ("on track" if ok else "off track"), np.nan
    raw = probability(value.draws, goal["comparator"], goal["threshold"])
    prob = shrink(raw, ctx.settings.probability_shrink)
    if np.isnan(prob) and not np.isnan(value.forecast):
        return ("on track" if meets(value.forecast, goal["threshold"]) else "off track"), prob
    return probability_status(prob, ctx.settings), prob


def _row(goal: dict, scope: str, metric: str, **values: Any) -> dict[str, Any]:
    """One result row; columns not given are NaN."""
    row = dict.fromkeys(RESULT_COLUMNS, np.nan)
    return row | {"goal_id": goal["id"], "scope": scope, "metric": metric} | values


def _row_for(goal: dict, scope: str, metric: str, value: _Value | None, ctx: _Context) -> dict:
    """Result row of one goal and scope from its metric value."""
    if value is None:
        return _row(goal, scope, metric, threshold=goal["threshold"], status="no data")
    if ctx.record is not None:
        ctx.record[(goal["id"], scope)] = value.draws.to_numpy(dtype=float)
    status, prob = _status(value, goal, ctx)
    return _row(
        goal,
        scope,
        metric,
        actual=value.actual,
        forecast=np.nan if ctx.complete else value.forecast,  # a complete year: nothing forecast
        threshold=goal["threshold"],
        probability=prob,
        status=status,
    )


def _beat_city(goal: dict, ctx: _Context) -> list[dict]:
    """Cluster growth minus city growth (pp) against 0, with the corrected historical test."""
    indicator, metric = goal["indicator"], f"{goal['indicator']}.ytd_growth_minus_city_pp"
    city = _metric_value(ctx, "city", indicator, "ytd_growth")
    regions = _regions(goal["scope"])
    history = beat_city_history(ctx.panel, indicator, regions, ctx.as_of, ctx.settings)
    rows = []
    for region in regions:
        own = _metric_value(ctx, region, indicator, "ytd_growth")
        gap = own.minus(city) if own is not None and city is not None else None
        row = _row_for(goal, region, metric, gap, ctx)
        past = history.loc[region, ["mean_gap", "p_value", "p_adjusted"]].to_numpy(dtype=float)
        row.update(zip(PAST_COLUMNS, past, strict=True))
        if _needs_growth(row, ctx):
            target = city.forecast + goal["threshold"]
            row["required_growth"] = _required_growth_for(region, indicator, target, ctx)
        rows.append(row)
    return rows


def _gap(goal: dict, ctx: _Context) -> list[dict]:
    """Growth of ``indicator`` minus growth of ``versus`` (pp) against the threshold."""
    region, indicator, versus = goal["scope"], goal["indicator"], goal["versus"]
    metric = f"{indicator}.ytd_growth_minus_{versus}_pp"
    own = _metric_value(ctx, region, indicator, "ytd_growth")
    other = _metric_value(ctx, region, versus, "ytd_growth")
    gap = own.minus(other) if own is not None and other is not None else None
    row = _row_for(goal, region, metric, gap, ctx)
    window, kind = ctx.settings.hac_window, ctx.settings.hac_series
    history = growth_gap_history(
        ctx.panel, region, indicator, region, versus, ctx.as_of, window, kind
    )
    past = hac_test_from_settings(history, ctx.settings, null=goal["threshold"])
    if _needs_growth(row, ctx):
        target = other.forecast + goal["threshold"]
        row["required_growth"] = _required_growth_for(region, indicator, target, ctx)
    values = (past["estimate"], past["p_value"], past["p_value"])
    return [row | dict(zip(PAST_COLUMNS, values, strict=True))]


def _threshold(goal: dict, ctx: _Context) -> list[dict]:
    """A full-year total, latest value or ratio against a fixed threshold, per region."""
    rows = []
    for region in _regions(goal["scope"]):
        if goal["metric"] == "ratio":
            rows.append(_ratio_row(goal, region, ctx))
            continue
        metric = f"{goal['indicator']}.{goal['metric']}"
        value = _metric_value(ctx, region, goal["indicator"], goal["metric"])
        row = _row_for(goal, region, metric, value, ctx)
        if goal["metric"] == "year_total" and _needs_growth(row, ctx):
            row["required_growth"] = _required_growth(goal, region, ctx)
        rows.append(row)
    return rows


def _ratio_row(goal: dict, region: str, ctx: _Context) -> dict:
    """Full-year flow over the latest stock, times ``scale`` (e.g. 亩均增加值 in 万元/亩)."""
    metric = f"{goal['indicator']}/{goal['denominator']}"
    flow = _metric_value(ctx, region, goal["indicator"], "year_total")
    stock = _metric_value(ctx, region, goal["denominator"], "latest")
    value = None
    if flow is not None and stock is not None and stock.actual > 0:  # over 0: no data, not inf
        factor = goal["scale"] / stock.actual
        value = _Value(flow.actual * factor, flow.forecast * factor, flow.draws * factor)
    return _row_for(goal, region, metric, value, ctx)


def _needs_growth(row: dict, ctx: _Context) -> bool:
    """Whether a row gets a required growth: the year is not over and the goal has data (a
    ``no data`` row has none: the growth would be computed from a part of the year)."""
    return not ctx.complete and row["status"] != "no data"


def _year_split(region: str, indicator: str, ctx: _Context) -> tuple[float, float, float]:
    """(this year so far, last year's same quarters, last year's remaining quarters).

    From the series the goals use (levels, or the chained index of a growth-only series);
    a sum of last year's quarters is NaN if one of them is missing.
    """
    actual, _ = ctx.series(region, indicator)
    actual = actual[actual.index <= ctx.as_of]
    quarters = pd.period_range(pd.Period(year=ctx.year, quarter=1, freq="Q-DEC"), periods=4)
    done = quarters <= ctx.as_of
    last_year = actual.reindex(quarters - 4).to_numpy()
    to_date = float(actual.reindex(quarters[done]).sum(skipna=False))  # a gap: unknown
    return to_date, float(np.sum(last_year[done])), float(np.sum(last_year[~done]))


def _required_growth(goal: dict, region: str, ctx: _Context) -> float:
    """:func:`required_growth` for a flow goal: last year's values of the quarters still to come."""
    to_date, _, rest_last_year = _year_split(region, goal["indicator"], ctx)
    return required_growth(goal["threshold"], to_date, rest_last_year)


def _required_growth_for(region: str, indicator: str, target: float, ctx: _Context) -> float:
    """Growth (%) the rest of the year needs for full-year 累计 growth to reach ``target`` (%).

    Full-year growth is Σ this year / Σ last year − 1, so the year must total
    ``(1 + target/100) · Σ last year``: :func:`required_growth` with that total as threshold.
    For the growth goals ``target`` is the compared series' full-year point forecast plus the
    goal's margin (0 pp to beat the city, +2 pp for a gap goal).
    """
    to_date, last_to_date, rest_last_year = _year_split(region, indicator, ctx)
    total = (1 + target / 100) * (last_to_date + rest_last_year)
    return required_growth(total, to_date, rest_last_year)


EVALUATORS = {"beat_city": _beat_city, "gap": _gap, "threshold": _threshold}


def evaluate_goals(
    panel: pd.DataFrame,
    paths: pd.DataFrame | None,
    forecasts: pd.DataFrame | None,
    catalogue: pd.DataFrame,
    year: int,
    as_of: str | pd.Period,
    params: dict[str, Any] | None = None,
    record: dict | None = None,
) -> pd.DataFrame:
    """Evaluate every goal of the catalogue for ``year`` with the data up to ``as_of``.

    Parameters
    ----------
    panel : pd.DataFrame
        The tidy panel (docs/architecture.md §2), cut at ``as_of`` (as
        :func:`~clusterlib.inputs.panel.load_panel` delivers it).
    paths : pd.DataFrame or None
        Simulated paths (``clusterlib.forecasting.simulate.simulate``): the forward probabilities.
    forecasts : pd.DataFrame or None
        Point forecasts (``forecasting.forecast.forecast``; model ``combo`` when present).
    catalogue : pd.DataFrame
        Goals from :func:`load_catalogue`; only goals of ``year`` are evaluated.
    year : int
        The goal year.
    as_of : str or pd.Period
        Last quarter with data, e.g. ``"2019Q2"``.
    params : dict, optional
        Settings as in params/goals.yaml ``settings:`` (default: read from that file).
    record : dict, optional
        If given, filled with the metric of every goal row that has a value, one number per
        path (array), keyed ``(goal_id, scope)`` (scenarios reuse them).

    Returns
    -------
    pd.DataFrame
        Columns :data:`RESULT_COLUMNS`, one row per goal and region (qualitative goals:
        ``not measurable``).

    Raises
    ------
    ParameterError
        If ``params`` are invalid.
    """
    settings = load_settings() if params is None else check_settings(params)
    as_of = pd.Period(as_of, freq="Q-DEC")
    keys = ["path"]
    ctx = _Context(
        panel=_with_all_clusters(panel, []),
        path_draws=_wide(
            _with_all_clusters(paths, keys) if paths is not None else None, "value", "path"
        ),
        point_draws=_wide(_point_table(forecasts), "mean", None),
        year=year,
        as_of=as_of,
        settings=settings,
        record=record,
    )
    rows = []
    for goal in catalogue[catalogue["year"] == year].to_dict("records"):
        if goal["kind"] == "qualitative":
            rows.append(_row(goal, goal["scope"], "qualitative", status="not measurable"))
        else:
            rows.extend(EVALUATORS[goal["kind"]](goal, ctx))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def _point_table(forecasts: pd.DataFrame | None) -> pd.DataFrame | None:
    """Point forecasts (model ``combo`` if present) with ``all_clusters`` sums added."""
    if forecasts is None or forecasts.empty:
        return None
    if (forecasts["model"] == "combo").any():
        forecasts = forecasts[forecasts["model"] == "combo"]
    table = forecasts.rename(columns={"mean": "value"})
    return _with_all_clusters(table, []).rename(columns={"value": "mean"})
