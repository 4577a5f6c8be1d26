"""How each full-year forecast moved from one quarter's report to the next, against the outcome."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from clusterlib.inputs.panel import growth_history

KEYS = ["region", "indicator", "year"]


def forecast_vintages(report_dirs: Sequence[Path]) -> pd.DataFrame:
    """Full-year growth forecasts of several quarterly reports, one row per vintage.

    Reads ``tables/full_year.csv`` of each report folder (named by its quarter) and returns
    ``region, indicator, year, vintage, basis, full_year_growth, revision`` where ``basis``
    says whether the figure is a ``forecast`` or the year's ``actual`` (a Q4 vintage) and
    ``revision`` is the change (pp) from the previous vintage of the same region, indicator
    and year.
    """
    frames = [
        pd.read_csv(folder / "tables" / "full_year.csv", encoding="utf-8-sig").assign(
            vintage=folder.name
        )
        for folder in report_dirs
        if (folder / "tables" / "full_year.csv").exists()
    ]
    columns = [*KEYS, "vintage", "basis", "full_year_growth", "revision"]
    if not frames:
        return pd.DataFrame(columns=columns)
    table = pd.concat(frames, ignore_index=True).sort_values([*KEYS, "vintage"])
    if "basis" not in table:  # reports made before full_year.csv said it
        table["basis"] = ""
    table["revision"] = table.groupby(KEYS)["full_year_growth"].diff()
    return table[columns].reset_index(drop=True)


def with_outcomes(vintages: pd.DataFrame, panel: pd.DataFrame) -> pd.DataFrame:
    """Add ``outcome`` (the full-year growth the data shows, where the year is complete) and
    ``error`` (the vintage's figure minus the outcome, pp: positive when it was too high; 0 for
    a vintage whose ``basis`` is the actual)."""
    outcomes = []
    for indicator in vintages["indicator"].unique():
        growth = growth_history(panel, indicator, "ytd")
        q4 = growth[growth["period"].map(lambda period: period.quarter == 4)]
        outcomes.append(
            pd.DataFrame(
                {
                    "region": q4["region"],
                    "indicator": indicator,
                    "year": q4["period"].map(lambda period: period.year),
                    "outcome": q4["value"],
                }
            )
        )
    table = vintages.merge(pd.concat(outcomes), on=KEYS, how="left")
    return table.assign(error=table["full_year_growth"] - table["outcome"])
