"""The official record of the high-tech goal: 高新技术产业 growth against 规上工业 growth."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.panel import load_records, records_as_of
from clusterlib.inputs.reading import expand
from clusterlib.inputs.records import parse_period
from clusterlib.messages import message
from clusterlib.paths import resolve

OFFICIAL_COLUMNS = [
    "period",
    "months",
    "hightech_growth",
    "industry_growth",
    "gap_pp",
    "met",
    "hightech_source",
    "industry_source",
]


def _as_period(value: object) -> pd.Period | None:
    """A record's period, whether already parsed (typed records) or still text."""
    return value if isinstance(value, pd.Period) else parse_period(str(value))


def _period_key(period: pd.Period) -> tuple[str, str, int]:
    """Label (``2018Q3``, ``2025-02``), months covered (``1–9月``) and order of a YTD period."""
    month = period.month if period.freqstr == "M" else period.quarter * 3
    label = f"{period.year}Q{month // 3}" if month % 3 == 0 else f"{period.year}-{month:02d}"
    return label, f"1—{month}月" if month > 1 else "1月", period.year * 100 + month


def official_rows(records: pd.DataFrame) -> pd.DataFrame:
    """The city's final year-to-date growth of ``hightech_va`` and ``industry_va``, each with
    its label (``period``), months, order, numeric value, file and row (``_row``)."""
    status = records["status"] if "status" in records else pd.Series("final", index=records.index)
    keep = (
        (records["region"] == "city")
        & records["indicator"].isin(["hightech_va", "industry_va"])
        & (records["measure"] == "growth")
        & (records["period_type"] == "ytd")
        & status.replace("", "final").eq("final")
    )
    rows = records[keep]
    keys = [_period_key(_as_period(p)) for p in rows["period"]]
    return rows.assign(
        given=rows["period"].map(str),
        period=[k[0] for k in keys],
        months=[k[1] for k in keys],
        order=[k[2] for k in keys],
        value=pd.to_numeric(rows["value"]),
        file=rows["file"].astype(str) if "file" in rows else "records",
        _row=rows.get("_row", None),
    )


def official_conflicts(records: pd.DataFrame) -> list[Problem]:
    """Two final figures of one indicator for one period of the high-tech record: a quarter
    ``2018Q3`` and the month closing it ``2018-09`` (a monthly file beside the quarterly
    ones), or the same period twice. One problem at the later row, naming the other."""
    rows = official_rows(records)
    problems = []
    for _, same in rows.groupby(["indicator", "period"], sort=False):
        first = same.iloc[0]
        for _, row in same.iloc[1:].iterrows():
            there = (
                message("row_here", row=_row(first))
                if first["file"] == row["file"]
                else message("row_of_file", row=_row(first), file=first["file"])
            )
            said = message(
                "official_twice",
                indicator=row["indicator"],
                period=row["period"],
                months=row["months"],
                value=row["value"],
                given=row["given"],
                other=first["value"],
                other_given=first["given"],
                there=there,
            )
            problems.append(Problem(row["file"], _row(row), "period", said))
    return problems


def _row(row: pd.Series) -> int | None:
    """A record's line in its file (None when the records were not read from one)."""
    return None if pd.isna(row["_row"]) else int(row["_row"])


def check_official_records(records: pd.DataFrame) -> None:
    """Stop before any notebook when the official records give two figures for a period.

    Raises
    ------
    DataValidationError
        Listing every conflict (:func:`official_conflicts`) with both files and rows.
    """
    problems = official_conflicts(records)
    if problems:
        raise DataValidationError(problems)


def check_official_files(files: Iterable[str | Path], quarter: str | pd.Period) -> None:
    """The early check of a quarterly run's ``official:`` files (``params/run.yaml``), read
    as notebook 03_goals reads them (records up to ``quarter``), before any notebook starts.

    Raises
    ------
    DataValidationError
        For a problem in the files (:func:`~clusterlib.inputs.panel.load_records`), or two
        final figures of one period of the high-tech record (:func:`official_conflicts`).
    """
    found = expand(resolve(list(files)))
    if found:
        check_official_records(records_as_of(load_records(found), quarter))


def hightech_official_record(records: pd.DataFrame, threshold: float = 2.0) -> pd.DataFrame:
    """Was 高新技术产业 growth ≥ ``threshold`` pp above 规上工业 growth, per published period?

    Uses the city's final, year-to-date growth records of ``hightech_va`` (高新技术产业, not
    高技术产业 or 高技术制造业) and ``industry_va``; a period appears when both are published
    for it (a year ``2019`` counts as 1–12月, a month ``2018-09`` as the quarter it closes).

    Parameters
    ----------
    records : pd.DataFrame
        Input records (docs/architecture.md §1), as read (text) or typed.
    threshold : float
        Required gap in percentage points.

    Returns
    -------
    pd.DataFrame
        ``period, months, hightech_growth, industry_growth, gap_pp, met, hightech_source,
        industry_source``, sorted by period.

    Raises
    ------
    DataValidationError
        If the same indicator has two final figures for the same period
        (:func:`check_official_records`: both files and rows).
    """
    check_official_records(records)
    rows = official_rows(records)
    wide = rows.pivot(
        index=["order", "period", "months"], columns="indicator", values=["value", "source"]
    )
    if wide.empty or wide["value"].shape[1] < 2:
        return pd.DataFrame(columns=OFFICIAL_COLUMNS)
    table = pd.DataFrame(
        {
            "hightech_growth": wide["value"]["hightech_va"].astype(float),
            "industry_growth": wide["value"]["industry_va"].astype(float),
            "hightech_source": wide["source"]["hightech_va"],
            "industry_source": wide["source"]["industry_va"],
        }
    ).dropna(subset=["hightech_growth", "industry_growth"])
    table["gap_pp"] = (table["hightech_growth"] - table["industry_growth"]).round(6)
    table["met"] = table["gap_pp"] >= threshold
    table = table.sort_index().reset_index()
    return table[OFFICIAL_COLUMNS]
