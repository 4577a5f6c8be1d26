"""Data review: the validation report and the coverage of the records."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from clusterlib import catalog, paths
from clusterlib.exceptions import DataValidationError
from clusterlib.inputs.panel import load_records


def validation_report(items: Iterable[str | Path]) -> pd.DataFrame:
    """Every problem in the data files as a table ``file, row, column, message`` (empty = clean)."""
    try:
        load_records(paths.resolve(items))
    except DataValidationError as error:
        return pd.DataFrame([vars(problem) for problem in error.problems])
    return pd.DataFrame(columns=["file", "row", "column", "message"])


def coverage(records: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """What the records hold: per region, indicator and form, first and last period and count."""
    final = records[records["status"] == "final"]
    final = final.assign(ordinal=final["period"].map(lambda p: p.end_time))
    keys = ["region", "indicator", "period_type", "measure"]
    table = final.sort_values("ordinal").groupby(keys, sort=False)
    summary = table.agg(
        first=("period", lambda s: str(s.iloc[0])),
        last=("period", lambda s: str(s.iloc[-1])),
        n=("value", "size"),
        synthetic=("synthetic", "any"),
    ).reset_index()
    summary.insert(1, "region_name", summary["region"].map(lambda r: catalog.region_name(r, lang)))
    names = summary["indicator"].map(lambda i: catalog.indicator_name(i, lang))
    summary.insert(3, "indicator_name", names)
    return summary.sort_values(keys, ignore_index=True)
