"""Declared annual targets of the ledger (params/ledger_targets.csv), each with its source."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.reading import ROW, read_columns
from clusterlib.inputs.validation import SLIP_FACTOR
from clusterlib.messages import Message, message

COLUMNS = ("region", "indicator", "year", "measure", "value", "source", "reference")
MEASURES = ("growth", "level")
"""``growth``: % over last year's full-year 累计; ``level``: the year's 累计 (catalogue unit)."""
SOURCES = ("plan", "目标责任书", "user-set")
"""Where a target comes from: the 2019 plan, a district's own 目标责任书, or the user."""
RATIO_HISTORY = 2.0
"""Last year's growth (%, either way) beside which a growth target under 1 is a ratio (L10)."""
NO_TARGET = "none"
"""``target_source`` of a ledger row without a declared target (read 未设目标)."""


def load_targets(path: str | Path, history: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read and validate a targets file: one row per region, indicator and year.

    ``history`` (:func:`~clusterlib.ledger.indicators.monthly_table` of the data) lets
    :func:`implausible_targets` compare each target with last year's full-year figures.

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
        the same region, indicator and year twice, an implausible value
        (:func:`implausible_targets`).
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
    problems += implausible_targets(typed, file, history)
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    return typed.astype({"year": int}).drop(columns=ROW)[list(COLUMNS)]


def _unknown(column: str, value: str, known: tuple[str, ...]) -> Message:
    """An unknown region, indicator, measure or source: the known ones, or where they are."""
    named = message(f"target_column_{column}")
    shown = ", ".join(known) if len(known) < 10 else message("target_catalogue_id", column=named)
    return message("target_unknown", column=named, value=value, known=shown)


def implausible_targets(
    typed: pd.DataFrame, file: str, history: pd.DataFrame | None = None
) -> list[Problem]:
    """Targets (``typed``: read, with ``_row``) no real plan sets: a growth outside the
    indicator's growth range, a negative level of a flow or stock, and, against ``history``
    (the monthly table), a ratio typed for a growth or a level a unit off (assumption L10)."""
    indicators = catalog.indicators()
    known = typed[
        typed["indicator"].isin(indicators.index) & typed["value"].notna() & typed["year"].notna()
    ]
    problems = []
    for _, row in known.iterrows():
        about = indicators.loc[row["indicator"]]
        found = _out_of_range(row, about)
        if found is None and history is not None:
            found = _against_last_year(row, about, _last_year(history, row))
        if found is not None:
            problems.append(Problem(file, int(row[ROW]), "value", found))
    return problems


def _out_of_range(row: pd.Series, about: pd.Series) -> Message | None:
    """A growth target outside the indicator's growth range; a negative flow or stock level."""
    value, indicator = row["value"], row["indicator"]
    low, high = about["growth_min"], about["growth_max"]
    ranged = pd.notna(low) and pd.notna(high)
    if row["measure"] == "growth" and ranged and not low <= value <= high:
        return message("target_growth_range", indicator=indicator, value=value, low=low, high=high)
    if row["measure"] == "level" and value < 0 and about["kind"] in ("flow", "stock"):
        return message("target_level_negative", indicator=indicator, value=value)
    return None


def _last_year(history: pd.DataFrame, row: pd.Series) -> pd.Series | None:
    """The region's and indicator's row of ``history`` at last December, if any."""
    december = pd.Period(year=int(row["year"]) - 1, month=12, freq="M")
    found = history[
        (history["region"] == row["region"])
        & (history["indicator"] == row["indicator"])
        & (history["period"] == december)
    ]
    return None if found.empty else found.iloc[0]


def _against_last_year(row: pd.Series, about: pd.Series, last: pd.Series | None) -> Message | None:
    """A growth under 1 (not 0) in absolute value after a full year of at least
    :data:`RATIO_HISTORY` % either way; a level :data:`SLIP_FACTOR` times off last year's."""
    if last is None:
        return None
    value, fields = row["value"], {"region": row["region"], "indicator": row["indicator"]}
    growth, base = last["growth"], last["ytd"]
    meant = round(100 * value, 10)
    if (
        row["measure"] == "growth"
        and 0 < abs(value) < 1
        and abs(growth) >= RATIO_HISTORY
        and about["growth_min"] <= meant <= about["growth_max"]
    ):
        return message("target_growth_ratio", value=value, growth=growth, meant=meant, **fields)
    if row["measure"] != "level" or not base > 0 or not value > 0:
        return None
    if base / SLIP_FACTOR < value < base * SLIP_FACTOR:
        return None
    above = value >= base
    times = message(
        "times_above" if above else "times_below", ratio=value / base if above else base / value
    )
    return message(
        "target_level_slip", value=value, base=base, times=times, factor=SLIP_FACTOR, **fields
    )


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
