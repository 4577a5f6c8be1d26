"""Data review: the validation report and the coverage of the records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from clusterlib import catalog, paths
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.panel import records_as_of
from clusterlib.inputs.reading import expand
from clusterlib.inputs.validation import validate_files

PROBLEM_COLUMNS = ["file", "row", "column", "message"]


def validation_report(items: Iterable[str | Path]) -> pd.DataFrame:
    """Every problem in the data files as a table ``file, row, column, message`` (empty = clean)."""
    return problem_table(validate_files(paths.resolve(items)).problems)


def problem_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table ``file, row, column, message``."""
    return pd.DataFrame([vars(problem) for problem in problems], columns=PROBLEM_COLUMNS)


@dataclass(frozen=True)
class InputReview:
    """The run's inputs read and validated once: the problem table and the records by source."""

    problems: pd.DataFrame
    data: pd.DataFrame
    official: pd.DataFrame

    def checked(self) -> InputReview:
        """This review, or DataValidationError when any file has a problem."""
        if not self.problems.empty:
            raise DataValidationError([Problem(**row) for row in self.problems.to_dict("records")])
        return self


def review_inputs(data: list[str], official: list[str], quarter: str | pd.Period) -> InputReview:
    """Read and validate the data and official files once; records cut at ``quarter``.

    The data files are checked together, and the official files together: the two sets are
    used apart, so a figure in both is not a conflict.
    """
    data_files, official_files = expand(paths.resolve(data)), expand(paths.resolve(official))
    from_data, from_official = validate_files(data_files), validate_files(official_files)
    problems = problem_table(from_data.problems + from_official.problems)
    tables = [v.records for v in (from_data, from_official) if not v.records.empty]
    records = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    if records.empty:
        return InputReview(problems, records, records)
    records = records_as_of(records, quarter)
    from_data = records["file"].isin([str(path) for path in data_files])
    return InputReview(problems, records[from_data], records[~from_data])


def data_coverage(records: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
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
