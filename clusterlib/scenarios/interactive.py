"""Scenarios at the speed of a slider: goal probabilities from the kept paths, shifted linearly."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterlib.goals.catalogue import GoalSettings, load_settings
from clusterlib.goals.forward import COMPARATORS
from clusterlib.goals.progress import evaluate_goals, probability_status
from clusterlib.goals.recalibration import shrink
from clusterlib.pipeline import goals_from_draws
from clusterlib.scenarios.draws import KEYS, Draws
from clusterlib.scenarios.shocks import shifts
from clusterlib.scenarios.spec import CITY, GrowthShock, LevelShock, Shock, cluster_ids

SHOCKED_INDICATORS = ("industry_va", "fai")  # the beat-the-city indicators the sliders move
PROJECT_INDICATOR = "fai"  # a project's investment is 固定资产投资


@dataclass(frozen=True)
class ScenarioModel:
    """Everything a slider needs: the baseline, each goal row's draws and its unit responses.

    Every shock moves a goal row's metric by the same amount on every path, and that amount is
    linear in the shocks. So a scenario's metric per path is the baseline's plus
    Σ (shock size × the row's response to a unit shock); the probability is the share of paths
    meeting the goal (shrunk as the goal settings say), the status follows from it.
    """

    baseline: pd.DataFrame  # goal results, as the run's tables/goals.csv
    draws: dict[tuple[str, str], np.ndarray]  # baseline metric per path, by (goal_id, scope)
    responses: pd.DataFrame  # index (goal_id, scope), one column per unit shock
    units: dict[str, Shock]  # the unit shocks by column name
    as_of: pd.Period
    start: pd.Period  # the first period the sliders shock: the next quarter, or month
    comparators: dict[str, str]  # each goal's comparator, by goal id
    settings: GoalSettings

    def goals(self, shocks: list[Shock] | tuple[Shock, ...]) -> pd.DataFrame:
        """The goal results under ``shocks``: probability and status of every path-based row.

        Rows not computed from the paths (latest values, star and project-register goals,
        goals without data) keep the baseline's values; ``required_growth`` is the baseline's
        (the full scenario run, :func:`~clusterlib.scenarios.report.write_scenario_report`,
        recomputes it).

        Raises
        ------
        ValueError
            For a growth shock that does not start at :attr:`start` (the sliders' shocks do;
            a scenario file's are evaluated in full by
            :func:`~clusterlib.scenarios.report.evaluate_scenario`), or a level change when
            the year's last quarter has a published month (no unit shock then).
        """
        sizes = pd.Series(0.0, index=self.responses.columns)
        for shock in shocks:
            for name, size in self._decompose(shock):
                sizes[name] += size
        change = self.responses.to_numpy() @ sizes.to_numpy()
        settings = self.settings
        table = self.baseline.copy()
        for (goal_id, scope), moved in zip(self.responses.index, change, strict=True):
            row = (table["goal_id"] == goal_id) & (table["scope"] == scope)
            first = table.index[row][0]
            if np.isnan(table.at[first, "probability"]):
                continue
            comparator = self.comparators[goal_id]
            values = self.draws[(goal_id, scope)] + moved
            raw = float(np.mean(COMPARATORS[comparator](values, table.at[first, "threshold"])))
            probability = shrink(raw, settings.probability_shrink)
            table.loc[row, "probability"] = probability
            table.loc[row, "status"] = probability_status(probability, settings)
            table.loc[row, "forecast"] = table.at[first, "forecast"] + moved
        return table

    def _decompose(self, shock: Shock) -> list[tuple[str, float]]:
        """A shock as sizes of the model's unit shocks (growth from :attr:`start` on)."""
        if isinstance(shock, LevelShock):
            if _level_name(shock.region) not in self.units:
                raise ValueError(f"{shock.quarter} has a published month: no level change")
            return [(_level_name(shock.region), shock.level_change)]
        if shock.start != self.start:
            raise ValueError(f"sliders shock growth from {self.start}; got {shock.start}")
        return [(_growth_name(shock.indicator, r), shock.growth_pp) for r in shock.regions]


def build_model(
    panel: pd.DataFrame,
    as_of: pd.Period,
    draws: Draws,
    goals: pd.DataFrame,
    register: pd.DataFrame | None = None,
    as_of_month: str | pd.Period | None = None,
) -> ScenarioModel:
    """The baseline from ``draws`` and every row's response to each unit shock.

    Unit shocks (:func:`unit_shocks`): +1 pp of growth from the first unpublished period to
    December for each indicator of :data:`SHOCKED_INDICATORS` and each of the city and the
    clusters, and +1亿元 of a cluster's investment in the year's last quarter. With the run's
    ``as_of_month`` (the months in hand, as the draws were made with), growth is shocked from
    the month after it, as a scenario file's shocks may be. The responses come from one
    evaluation of the point forecasts with every unit shock as one "path".
    """
    record: dict = {}
    baseline = goals_from_draws(
        panel, as_of, draws.forecasts, draws.paths, goals, register, record=record
    )
    start = first_unpublished(as_of, as_of_month)
    units = unit_shocks(as_of, start)
    columns = draws.forecasts[KEYS].reset_index(drop=True)
    point = draws.forecasts["mean"].to_numpy(dtype=float)
    rows = [point] + [point + shifts([unit], panel, columns, as_of) for unit in units.values()]
    probe = pd.concat(
        [columns.assign(path=k, value=values) for k, values in enumerate(rows)], ignore_index=True
    )
    measured: dict = {}
    evaluate_goals(panel, probe, draws.forecasts, goals, as_of.year, as_of, record=measured)
    keys = [key for key in record if key in measured]
    responses = pd.DataFrame(
        [measured[key][1:] - measured[key][0] for key in keys],
        index=pd.MultiIndex.from_tuples(keys, names=["goal_id", "scope"]),
        columns=list(units),
    )
    comparators = dict(zip(goals["id"], goals["comparator"].astype(str), strict=True))
    kept = {key: record[key] for key in keys}
    return ScenarioModel(
        baseline, kept, responses, units, as_of, start, comparators, load_settings()
    )


def first_unpublished(as_of: pd.Period, as_of_month: str | pd.Period | None = None) -> pd.Period:
    """The first period a shock may start: the quarter after ``as_of``, or the month after
    the run's ``as_of_month`` when it has one (its months are published)."""
    return pd.Period(as_of_month, freq="M") + 1 if as_of_month else as_of + 1


def unit_shocks(as_of: pd.Period, start: pd.Period | None = None) -> dict[str, Shock]:
    """The unit shocks of :func:`build_model`, by name: growth from ``start`` (default the
    next quarter) and, while no month of it is published, a project's Q4 investment."""
    start = as_of + 1 if start is None else start
    units: dict[str, Shock] = {}
    if start.year != as_of.year:
        return units
    for indicator in SHOCKED_INDICATORS:
        for region in [CITY, *cluster_ids()]:
            units[_growth_name(indicator, region)] = GrowthShock(indicator, (region,), 1.0, start)
    last = pd.Period(year=as_of.year, quarter=4, freq="Q-DEC")
    if start.asfreq("M", "start") > last.asfreq("M", "start"):  # Q4 has a published month
        return units
    for region in cluster_ids():
        units[_level_name(region)] = LevelShock(PROJECT_INDICATOR, region, 1.0, last)
    return units


def takes_projects(model: ScenarioModel) -> bool:
    """Whether the sliders may move a project's Q4 investment (no month of Q4 published)."""
    return any(isinstance(shock, LevelShock) for shock in model.units.values())


def _growth_name(indicator: str, region: str) -> str:
    return f"growth:{indicator}:{region}"


def _level_name(region: str) -> str:
    return f"project:{region}"
