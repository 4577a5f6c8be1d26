"""Statuses of the plan's project goals (三个50 list, 基础设施投资, 市外资金) from the register."""

from __future__ import annotations

import dataclasses
import sys

import numpy as np
import pandas as pd

from clusterlib.coverage import Coverage
from clusterlib.goals.catalogue import ALL_CLUSTERS
from clusterlib.goals.forward import COMPARATORS
from clusterlib.labels import command_text
from clusterlib.ledger.projects import holds_month, project_counts
from clusterlib.paths import project_relative, resolve

NO_DATA = "no data"
REGISTER_INDICATORS = (
    "major_projects_started",
    "major_projects_continuing",
    "major_projects_completed",
    "infrastructure_investment",
    "external_funds",
)


def register_goal_status(
    actual: float,
    threshold: float,
    comparator: str,
    metric: str,
    month: pd.Period,
    at_risk: float,
    listed: float = np.nan,
) -> tuple[str, float]:
    """(status, year-end forecast) of one register goal as of ``month``.

    Year totals only grow, so reaching the threshold is ``met``. Before December the
    year-end forecast extrapolates the pace so far (``actual · 12 / months``, at most the
    ``listed`` projects of a 三个50 list: a list cannot count more than it has): at or above
    the threshold ``on track``, at or above ``at_risk`` × threshold ``at risk``, else ``off
    track``. A latest count (续建) is ``on track`` / ``off track`` as it stands. In December
    the year is over: ``met`` or ``missed``.
    """
    meets = COMPARATORS[comparator]
    if metric == "latest":
        forecast = actual
    else:
        forecast = float(np.fmin(actual * 12 / month.month, listed))
        if meets(actual, threshold):
            return "met", forecast
    if month.month == 12:
        return ("met" if meets(actual, threshold) else "missed"), forecast
    if meets(forecast, threshold):
        return "on track", forecast
    if metric != "latest" and meets(forecast, at_risk * threshold):
        return "at risk", forecast
    return "off track", forecast


def register_goals(
    catalogue: pd.DataFrame,
    register: pd.DataFrame,
    month: pd.Period,
    at_risk: float,
) -> pd.DataFrame:
    """The register goals of the catalogue as of ``month``, all clusters together.

    Returns
    -------
    pd.DataFrame
        ``goal_id, indicator, metric, actual, listed, forecast, threshold, status``
        (:func:`~clusterlib.ledger.projects.project_counts`; statuses as
        :func:`register_goal_status` gives them), one row per goal whose indicator is one of
        :data:`REGISTER_INDICATORS`. A register without a row of ``month``
        (:func:`~clusterlib.ledger.projects.holds_month`) gives every goal ``no data`` and
        no figures.
    """
    counts = project_counts(register, month).set_index("indicator")
    current = holds_month(register, month)
    rows = []
    for goal in catalogue[catalogue["indicator"].isin(REGISTER_INDICATORS)].to_dict("records"):
        actual = float(counts.at[goal["indicator"], "actual"]) if current else np.nan
        metric = str(counts.at[goal["indicator"], "metric"])
        listed = counts.at[goal["indicator"], "listed"] if current else np.nan
        status, forecast = (
            register_goal_status(
                actual, goal["threshold"], goal["comparator"], metric, month, at_risk, listed
            )
            if current
            else (NO_DATA, np.nan)
        )
        rows.append(
            {
                "goal_id": goal["id"],
                "indicator": goal["indicator"],
                "metric": f"{goal['indicator']}.{metric}",
                "actual": actual,
                "listed": listed,
                "forecast": forecast,
                "threshold": goal["threshold"],
                "status": status,
            }
        )
    return pd.DataFrame(rows)


def with_register_goals(
    goals: pd.DataFrame,
    catalogue: pd.DataFrame,
    register: pd.DataFrame | None,
    month: pd.Period,
    at_risk: float,
) -> pd.DataFrame:
    """``goals`` (evaluation results) with the register goals' rows filled from ``register``.

    Rows of goals whose indicator is one of :data:`REGISTER_INDICATORS` and whose scope is
    all clusters get ``metric``, ``actual``, ``forecast`` and ``status`` (a goal met or missed
    is decided: no forecast); without a register, or with one that holds no row of
    ``month``, they keep ``no data``.
    """
    if register is None or not holds_month(register, month):
        return goals
    filled = goals.copy()
    for row in register_goals(catalogue, register, month, at_risk).itertuples():
        where = (filled["goal_id"] == row.goal_id) & (filled["scope"] == ALL_CLUSTERS)
        filled.loc[where, ["metric", "status"]] = [row.metric, row.status]
        forecast = np.nan if row.status in ("met", "missed") else row.forecast
        filled.loc[where, ["actual", "forecast"]] = [row.actual, forecast]
    return filled


def register_coverage(
    coverage: Coverage,
    register: pd.DataFrame | None,
    month: pd.Period,
    file: str,
    lang: str | None = None,
) -> Coverage:
    """``coverage`` with ``register`` marked without data when it holds no row of ``month``,
    printed as a warning naming ``file`` (a parameter's path) and the register's months."""
    if register is None or holds_month(register, month):
        return coverage
    first, last = register["month"].min(), register["month"].max()
    where = project_relative(resolve([file])[0])
    line = command_text("gap_register", lang, file=where, period=month, first=first, last=last)
    print(line, file=sys.stderr)
    return dataclasses.replace(coverage, register=True)
