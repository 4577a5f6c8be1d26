"""Declared annual targets of the ledger (params/ledger_targets.csv), each with its source."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.reading import ROW, read_columns
from clusterlib.messages import Message, message

COLUMNS = ("region", "indicator", "year", "measure", "value", "source", "reference")
MEASURES = ("growth", "level")
"""``growth``: % over last year's full-year 累计; ``level``: the year's 累计 (catalogue unit)."""
SOURCES = ("plan", "目标责任书", "user-set")
"""Where a target comes from: the 2019 plan, a district's own 目标责任书, or the user."""
NO_TARGET = "none"
"""``target_source`` of a ledger row without a declared target (read 未设目标)."""


def load_targets(path: str | Path) -> pd.DataFrame:
    """Read and validate a targets file: one row per region, indicator and year.

    Returns
    -------
    pd.DataFrame
        :data:`COLUMNS` with ``year`` as int and ``value`` as float; empty when the file
        has a header only.

    Raises
    ------
    DataValidationError
        Listing every problem with file, row and column: missing columns, unknown regions,
        indicators, measures or sources, unreadable years or values, an empty reference,
        the same region, indicator and year twice.
    """
    raw = read_columns(path, COLUMNS)
    file = str(path)
    problems: list[Problem] = []
    vocabularies = {
        "region": tuple(catalog.regions().index),
        "indicator": tuple(catalog.indicators().index),
        "measure": MEASURES,
        "source": SOURCES,
    }
    for column, known in vocabularies.items():
        for row, value in zip(raw[ROW], raw[column], strict=True):
            if value not in known:
                problems.append(Problem(file, int(row), column, _unknown(column, value, known)))
    typed = raw.assign(
        year=pd.to_numeric(raw["year"], errors="coerce"),
        value=pd.to_numeric(raw["value"], errors="coerce"),
    )
    for column in ("year", "value"):
        for row, value in zip(
            raw.loc[typed[column].isna(), ROW], raw.loc[typed[column].isna(), column], strict=True
        ):
            said = message(f"target_{column}_unreadable", value=value)
            problems.append(Problem(file, int(row), column, said))
    for row in raw.loc[raw["reference"].str.strip() == "", ROW]:
        problems.append(Problem(file, int(row), "reference", message("target_without_reference")))
    repeated = typed.duplicated(subset=["region", "indicator", "year"])
    for row in raw.loc[repeated, ROW]:
        problems.append(Problem(file, int(row), "region", message("target_twice")))
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    return typed.astype({"year": int}).drop(columns=ROW)[list(COLUMNS)]


def _unknown(column: str, value: str, known: tuple[str, ...]) -> Message:
    """An unknown region, indicator, measure or source: the known ones, or where they are."""
    named = message(f"target_column_{column}")
    shown = ", ".join(known) if len(known) < 10 else message("target_catalogue_id", column=named)
    return message("target_unknown", column=named, value=value, known=shown)


def target_levels(targets: pd.DataFrame, last_totals: pd.Series, year: int) -> pd.DataFrame:
    """The year's declared targets as levels: ``region, indicator, target, target_source``.

    ``last_totals`` is last year's full-year 累计 indexed by ``(region, indicator)``; a growth
    target is that total × (1 + growth/100) (NaN where the total is missing).
    """
    rows = targets[targets["year"] == year]
    keys = pd.MultiIndex.from_frame(rows[["region", "indicator"]])
    base = last_totals.reindex(keys).to_numpy(dtype=float)
    value = rows["value"].to_numpy(dtype=float)
    level = value.copy()
    growth = (rows["measure"] == "growth").to_numpy()
    level[growth] = base[growth] * (1 + value[growth] / 100.0)
    return pd.DataFrame(
        {
            "region": rows["region"].to_numpy(),
            "indicator": rows["indicator"].to_numpy(),
            "target": level,
            "target_source": rows["source"].to_numpy(),
        }
    )
