"""Evaluation indicator values of a year from the panel: actuals, and per simulated path."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.evaluation.scheme import Indicator, Scheme
from clusterlib.goals.forward import full_year_growth, year_frame
from clusterlib.inputs.panel import preferred_series

QUARTERLY = "Q-DEC"


def base_indicators(scheme: Scheme) -> list[str]:
    """Catalogue indicators the scheme reads (numerators, denominators, comparators)."""
    names = [
        name
        for item in scheme.indicators
        for name in (item.indicator, item.denominator, item.compare_indicator)
    ]
    return list(dict.fromkeys(name for name in names if name))


def flow_indicators(scheme: Scheme) -> list[str]:
    """Catalogue flows whose year total or growth the scheme needs (simulated when incomplete)."""
    kinds = catalog.indicators()["kind"]
    names = [
        name
        for item in scheme.indicators
        if item.metric != "latest"
        for name in (item.indicator, item.compare_indicator)
        if name
    ]
    return [name for name in dict.fromkeys(names) if kinds[name] == "flow"]


def comparison_regions(scheme: Scheme) -> list[str]:
    """Regions the scheme compares clusters with (``compare_to``, e.g. the city)."""
    return list(dict.fromkeys(i.compare_to for i in scheme.indicators if i.compare_to))


def year_end(year: int) -> pd.Period:
    """The fourth quarter of ``year``."""
    return pd.Period(year=year, quarter=4, freq=QUARTERLY)


class YearValues:
    """The scheme's indicator values of one year for each cluster, from the panel cut at as_of.

    ``actual()`` gives the values the data fix (NaN for a flow whose year is incomplete);
    ``paths(wide)`` gives them per simulated path, completing the year with the paths.
    """

    def __init__(self, panel: pd.DataFrame, year: int, scheme: Scheme, as_of: pd.Period):
        self.year, self.scheme, self.as_of = year, scheme, min(as_of, year_end(year))
        regions = [*catalog.clusters(), *comparison_regions(scheme)]
        known = panel["indicator"].isin(base_indicators(scheme)) & panel["region"].isin(regions)
        wanted = panel[known]
        periods = pd.PeriodIndex(wanted["period"], freq=QUARTERLY)
        recent = (periods.year >= year - 1) & (periods <= self.as_of)  # last year for growth
        chosen = preferred_series(wanted[recent], base_indicators(scheme))
        self.series = {
            key: pd.Series(
                rows["value"].to_numpy(float), index=pd.PeriodIndex(rows["period"])
            ).sort_index()
            for key, rows in chosen.groupby(["region", "indicator"])
        }

    def actual(self, clusters: list[str]) -> pd.DataFrame:
        """Values ``[cluster, scheme indicator]`` fixed by the data; NaN where not."""
        empty = pd.DataFrame(index=pd.RangeIndex(1))
        table = {
            item.id: [float(self.value(region, item, empty).iloc[0]) for region in clusters]
            for item in self.scheme.indicators
        }
        return pd.DataFrame(table, index=pd.Index(clusters, name="region"))

    def paths(self, clusters: list[str], wide: pd.DataFrame) -> np.ndarray:
        """Values per path, ``[path, cluster, indicator]``; ``wide`` as :func:`wide_paths`."""
        out = np.empty((len(wide), len(clusters), len(self.scheme.indicators)))
        simulated = set(wide.columns.get_level_values(0))
        futures = {
            region: wide[region] if region in simulated else None
            for region in [*clusters, *comparison_regions(self.scheme)]
        }
        for j, region in enumerate(clusters):
            for k, item in enumerate(self.scheme.indicators):
                out[:, j, k] = self.value(region, item, wide.iloc[:, :0], futures).to_numpy()
        return out

    def value(
        self,
        region: str,
        item: Indicator,
        rows: pd.DataFrame,
        futures: dict[str, pd.DataFrame | None] | None = None,
    ) -> pd.Series:
        """One indicator of one region, one value per row of ``rows`` (draws).

        ``futures`` maps a region to its simulated quarters (``wide[region]``) when the year is
        incomplete. A ``compare_to`` indicator is the region's growth minus the comparator's.
        """
        futures = futures or {}
        future = futures.get(region)
        if item.compare_to is not None:
            own = self._flow(region, item.indicator, "ytd_growth", rows, future)
            other = futures.get(item.compare_to)
            base = self._flow(item.compare_to, item.compare_indicator, "ytd_growth", rows, other)
            return own - base
        if item.metric == "ratio":
            flow = self._flow(region, item.indicator, "year_total", rows, future)
            return flow * item.scale / positive(self._latest(region, item.denominator))
        if item.metric == "latest":
            return pd.Series(self._latest(region, item.indicator), index=rows.index)
        return self._flow(region, item.indicator, item.metric, rows, future)

    def _latest(self, region: str, indicator: str) -> float:
        """The value at the evaluated quarter ``as_of`` (the year's fourth, or the cut); NaN
        without one: an earlier quarter's value is not the year-end's, so it is missing and
        the scheme's missing rule scores it (it used to stand in for the year-end value)."""
        values = self.series.get((region, indicator))
        if values is None:
            return np.nan
        return float(values.get(self.as_of, np.nan))

    def lacking(self, region: str, indicator: str, metric: str) -> list[pd.Period]:
        """Quarters of ``region``'s ``indicator`` that ``metric`` reads and the data lack.

        ``ytd_growth`` reads last year's four quarters and this year's up to ``as_of``;
        ``year_total`` this year's up to ``as_of``; ``latest`` the quarter ``as_of``.
        """
        first = pd.Period(year=self.year, quarter=1, freq=QUARTERLY)
        start = first - 4 if metric == "ytd_growth" else first
        if metric == "latest":
            start = self.as_of
        needed = pd.period_range(start, self.as_of, freq=QUARTERLY)
        values = self.series.get((region, indicator))
        have = set() if values is None else set(values.dropna().index)
        return [quarter for quarter in needed if quarter not in have]

    def _flow(
        self,
        region: str,
        indicator: str,
        metric: str,
        rows: pd.DataFrame,
        future: pd.DataFrame | None,
    ) -> pd.Series:
        """Year total or full-year growth per row; future quarters from ``future`` draws."""
        actual = self.series.get((region, indicator))
        if actual is None:
            return pd.Series(np.nan, index=rows.index)
        if future is None or indicator not in future.columns.get_level_values(0):
            return pd.Series(self._actual_flow(actual, metric), index=rows.index)
        frame = year_frame(actual, future[indicator], self.year, self.as_of)
        if metric == "year_total":
            return frame.sum(axis=1, skipna=False)
        return full_year_growth(frame, actual)

    def _actual_flow(self, actual: pd.Series, metric: str) -> float:
        """Year total or full-year growth from the data alone (NaN if a quarter is missing)."""
        quarters = pd.period_range(pd.Period(year=self.year, quarter=1, freq=QUARTERLY), periods=4)
        this_year = actual.reindex(quarters[quarters <= self.as_of]).reindex(quarters)
        total = float(this_year.sum(skipna=False))
        if metric == "year_total":
            return total
        return 100.0 * (total / float(actual.reindex(quarters - 4).sum(skipna=False)) - 1.0)


def positive(denominator: float) -> float:
    """A ratio's denominator, NaN unless above 0: a ratio over 0 is missing, never inf
    (scored by the missing rule and flagged, assumptions A11/C4; validation refuses a 0, V5)."""
    return denominator if denominator > 0 else np.nan


def wide_paths(paths: pd.DataFrame) -> pd.DataFrame:
    """Simulated paths as one row per path, columns ``(region, indicator, period)``."""
    table = paths.drop_duplicates(subset=["region", "indicator", "period", "path"])
    return table.pivot(index="path", columns=["region", "indicator", "period"], values="value")
