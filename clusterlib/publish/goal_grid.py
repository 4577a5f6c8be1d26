"""The goals × regions grid: every goal's status in every scope, colour-coded, all rows shown."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from clusterlib import catalog
from clusterlib.labels import LABELS, goal_label, t
from clusterlib.publish.bulletin import status_cells
from clusterlib.publish.charts import STATUS_COLOURS

FIRST_SCOPES = ("city", "all_clusters")
"""Columns shown before the clusters (in catalogue order); other scopes come last."""


def status_grid(goals: pd.DataFrame) -> pd.DataFrame:
    """Statuses as a goals × scopes table (ids; empty where a goal does not cover a scope).

    Rows keep the order of ``goals`` (the plan's); columns are the city, all clusters
    together, then the clusters in catalogue order and any other scope.
    """
    grid = goals.pivot(index="goal_id", columns="scope", values="status")
    rows = list(dict.fromkeys(goals["goal_id"]))
    present = set(grid.columns)
    ordered = [s for s in (*FIRST_SCOPES, *catalog.clusters()) if s in present]
    columns = ordered + sorted(present - set(ordered))
    return grid.reindex(index=rows, columns=columns).fillna("")


def goal_grid(goals: pd.DataFrame, lang: str = "zh") -> Styler:
    """The goals × regions grid of statuses for a notebook: labelled, coloured, every row.

    Parameters
    ----------
    goals
        Goal results (``goal_id, scope, status``, one row per goal and scope) as returned by
        :func:`clusterlib.goals.progress.evaluate_goals`.
    lang
        "zh" (default) or "en" for goal, region and status labels.

    Returns
    -------
    pandas.io.formats.style.Styler
        Cells show the status in ``lang`` as the bulletin words it (a level goal off track
        mid-year: 尚未达到（最新值97.6%）, :func:`~clusterlib.publish.bulletin.status_cells`) on
        its colour (green met / on track, amber at risk, red off track / missed, grey no data /
        not measurable); nothing is truncated; names (from data files) are escaped.
    """
    ids = status_grid(goals)
    colours = ids.map(_cell_css)
    labels = status_grid(goals.assign(status=status_cells(goals, lang)))
    labels.index = _unique([goal_label(goal, lang) for goal in ids.index], ids.index)
    labels.columns = [_scope_name(scope, lang) for scope in ids.columns]
    colours.index, colours.columns = labels.index, labels.columns
    styler = labels.style.format(escape="html").format_index(escape="html", axis=0)
    styler = styler.format_index(escape="html", axis=1)
    return styler.apply(lambda _: colours, axis=None).set_table_styles(
        [
            {"selector": "th.col_heading", "props": "writing-mode: vertical-rl; text-align: left"},
            {"selector": "td", "props": "text-align: center; white-space: nowrap"},
        ]
    )


def _scope_name(scope: str, lang: str) -> str:
    """A region's name, or the label of a group scope such as "each_cluster"."""
    known_region = scope in catalog.regions().index
    return (
        t(scope, lang) if scope in LABELS and not known_region else catalog.region_name(scope, lang)
    )


def _cell_css(status: str) -> str:
    """Background and text colour of one status cell (nothing for an empty cell)."""
    if not status:
        return ""
    key = status.replace(" ", "_")
    text = "black" if key == "at_risk" else "white"
    return f"background-color: {STATUS_COLOURS[key]}; color: {text}"


def _unique(labels: list[str], ids: pd.Index) -> list[str]:
    """Labels, with the goal id added where two goals share a label."""
    repeated = {label for label in labels if labels.count(label) > 1}
    return [
        f"{label} ({i})" if label in repeated else label
        for label, i in zip(labels, ids, strict=True)
    ]
