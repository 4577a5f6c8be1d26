"""Validation of input records: every problem in a file is reported at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import pandera.pandas as pa

from clusterlib import catalog, paths
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.kinds import mixed_kind_problems
from clusterlib.inputs.periods import PERIODS_PER_YEAR, yoy_growth
from clusterlib.inputs.plausibility import MIN_OTHERS, SLIP_FACTOR, plausibility_problems
from clusterlib.inputs.problem_rows import (
    COMPARED,
    additive_levels,
    file_rows,
    other_row,
    per_series,
)
from clusterlib.inputs.reading import ROW, expand, is_release_collection, read_records
from clusterlib.inputs.records import (
    BOOL_TEXT,
    GROWTH_UNIT,
    MEASURES,
    PERIOD_TYPES,
    RECORD_STATUSES,
    REQUIRED,
    SERIES,
    parse_bool,
    parse_period,
    printable,
    quoted,
    with_defaults,
)
from clusterlib.inputs.single_years import in_january, unread_single_problems
from clusterlib.messages import CATALOGUE, Message, message

NO_RECORDS = message("no_records")
BREAKS_FILE = "series_breaks.csv"  # in the catalogue folder; optional
FIGURE = ("indicator", "period_text", "period_type", "synthetic")  # one figure across regions
RATIO_MIN_GROWTH = 2.0  # % implied by the levels, at least, before a growth can read as a ratio
RATIO_TOLERANCE = 0.05  # growth × 100 within 5% of the implied growth: a ratio (V4)
SEPARATORS = {";": message("by_semicolons"), "\t": message("by_tabs")}


class Validated(NamedTuple):
    """Typed records of the rows that could be read, and every problem found."""

    records: pd.DataFrame
    problems: list[Problem]


def validate_files(
    files: Path | str | Iterable[Path | str], allow_gaps: bool = False, official_apart: bool = False
) -> Validated:
    """Read and validate every file in one pass: their typed records and every problem.

    Directories stand for their CSV and xlsx files. Gaps inside a series are allowed under
    ``data/official/`` (collections of releases) and everywhere with ``allow_gaps``. The
    checks that compare rows (duplicates, year-to-date order, implied growth of levels) run
    on the union of all the files, so a conflict between two files is found whatever their
    order, and its message names both files and rows. A region's indicator given by real
    and synthetic rows is refused (assumption V1); with ``official_apart`` (the ``validate``
    command) the files under ``data/official/`` are held to that rule among themselves, as
    the quarterly run reads them apart from its data. A problem repeated on many rows of a
    file is one line (:func:`group_repeated`). The records carry a ``file`` column; they
    are complete only when there are no problems.
    """
    tables, problems = [], []
    for path in expand(files):
        try:
            raw = read_records(path)
        except DataValidationError as error:
            problems += error.problems
            continue
        gaps = allow_gaps or is_release_collection(path)
        typed, found = check_records(raw, str(path), allow_gaps=gaps, compare=False)
        tables.append(typed.assign(file=str(path)))
        problems += found
    tables = [table for table in tables if not table.empty]
    records = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    if not records.empty:
        problems += compare_rows(records, official_apart)
    order = {file: number for number, file in enumerate(dict.fromkeys(p.file for p in problems))}
    problems.sort(key=lambda p: (order[p.file], p.row or 0, p.column or ""))
    return Validated(records, group_repeated(problems))


def compare_rows(records: pd.DataFrame, official_apart: bool = False) -> list[Problem]:
    """Problems found by comparing rows, of typed records with a ``file`` column.

    Duplicate keys (same or different values), year-to-date levels that fall within a
    year, levels implying implausible growth on a year earlier, growth rates written as
    ratios (assumption V4), and levels implausible beside other regions'
    (:func:`_region_problems`). Synthetic records are compared with
    synthetic ones only (demonstration data stand in for real figures, they do not
    contradict them), and a region's indicator may not be given by both kinds
    (:func:`~clusterlib.inputs.kinds.mixed_kind_problems`; ``official_apart`` as there); a
    flow year given only as single levels beside 累计 years must add up into 累计 levels
    (:func:`~clusterlib.inputs.single_years.unread_single_problems`, V8). Each problem is
    at the later row (the part's, the outlier's); its message names the other row, with its
    file when that is another one.
    """
    final = _with_period_keys(records[records["status"] == "final"].dropna(subset=["value"]))
    return (
        _duplicate_problems(records)
        + _ytd_problems(records)
        + _implied_growth_problems(final)
        + _growth_as_ratio_problems(final)
        + _growth_year_as_ratio_problems(final)
        + _region_problems(records)
        + plausibility_problems(records)
        + mixed_kind_problems(records, official_apart)
        + unread_single_problems(records)
    )


def group_repeated(problems: list[Problem], at_least: int = 4, shown: int = 3) -> list[Problem]:
    """One problem per message repeated on ``at_least`` rows or more of a file.

    The grouped problem is at the first row; its message ends with the count and the first
    ``shown`` rows, e.g. ``(the same on 1430 rows: 2, 3, 4, …)``.
    """
    rows: dict[tuple, list[int]] = {}
    for problem in problems:
        if problem.row is not None:
            rows.setdefault((problem.file, problem.column, problem.message), []).append(problem.row)
    grouped, done = [], set()
    for problem in problems:
        key = (problem.file, problem.column, problem.message)
        if problem.row is None or len(rows[key]) < at_least:
            grouped.append(problem)
        elif key not in done:
            done.add(key)
            first = ", ".join(map(str, rows[key][:shown]))
            said = message(
                "same_on_rows", problem=problem.message, count=len(rows[key]), rows=first
            )
            grouped.append(Problem(problem.file, problem.row, problem.column, said))
    return grouped


def validate_records(records: pd.DataFrame, file: str, allow_gaps: bool = False) -> list[Problem]:
    """Every problem in raw records read by :func:`clusterlib.inputs.reading.read_records`."""
    return check_records(records, file, allow_gaps)[1]


def check_records(
    records: pd.DataFrame, file: str, allow_gaps: bool = False, compare: bool = True
) -> tuple[pd.DataFrame, list[Problem]]:
    """Typed records and every problem of raw records, in one pass.

    Parameters
    ----------
    records
        Raw text records with a ``_row`` column.
    file
        File name used in the messages.
    allow_gaps
        Accept missing periods inside a series (sparse collections of releases, such as
        the official Zhengzhou figures); regular series must be complete.
    compare
        Also run the checks that compare rows (:func:`compare_rows`); off when the caller
        runs them on the union of several files.

    Returns
    -------
    (pandas.DataFrame, list of Problem)
        The typed records of every row whose structure could be read (all rows when there
        is no problem) and the problems, sorted by row; no problems means valid.
    """
    missing = [column for column in REQUIRED if column not in records]
    if len(missing) == len(REQUIRED):
        return pd.DataFrame(), [_no_input_columns(records, file)]
    if missing:
        said = message("missing_required_column", expected=", ".join(REQUIRED))
        return pd.DataFrame(), [Problem(file, 1, column, said) for column in missing]
    if records.empty:
        return pd.DataFrame(), [Problem(file, None, None, NO_RECORDS)]
    records = with_defaults(records)
    problems = _row_problems(records, file)
    structural = {"region", "indicator", "period", "period_type", "measure", "value"}
    bad_rows = {p.row for p in problems if p.column in structural}
    typed = typed_records(records[~records[ROW].isin(bad_rows)])
    problems += _unit_problems(typed, file)
    problems += _value_problems(typed, file)
    if compare:
        problems += compare_rows(typed.assign(file=file))
    if not allow_gaps:
        problems += _gap_problems(typed, file)
    return typed, sorted(problems, key=lambda p: (p.row or 0, p.column or ""))


def _no_input_columns(records: pd.DataFrame, file: str) -> Problem:
    """One problem for a header without any column of the input format: what it reads."""
    header = [str(c) for c in records.columns if c != ROW and not str(c).startswith("Unnamed: ")]
    shown = quoted(", ".join(header))
    for separator, name in SEPARATORS.items():
        if len(header) == 1 and set(REQUIRED) & set(header[0].split(separator)):
            said = message("header_separated", header=shown, separator=name)
            return Problem(file, 1, None, said)
    said = message("header_without_columns", header=shown, expected=", ".join(REQUIRED))
    return Problem(file, 1, None, said)


def typed_records(records: pd.DataFrame) -> pd.DataFrame:
    """Records with ids for regions, a parsed ``period``, a numeric ``value`` and a boolean
    ``synthetic`` (defaults filled by :func:`~clusterlib.inputs.records.with_defaults`)."""
    by_name = pd.Series(catalog.regions().index, index=catalog.regions()["name_zh"])
    region = records["region"].str.strip()
    return records.assign(
        region=region.map(by_name).fillna(region),
        indicator=records["indicator"].str.strip(),
        period=records["period"].map(parse_period),
        value=pd.to_numeric(records["value"].str.strip(), errors="coerce"),
        unit=records["unit"].str.strip(),
        synthetic=records["synthetic"].map(parse_bool),
    )


def _schema() -> tuple[pa.DataFrameSchema, dict[str, Message]]:
    """The checks of the cells, and their messages by their English (pandera's check name)."""
    regions = catalog.regions()
    known_regions = sorted(set(regions.index) | set(regions["name_zh"]))
    indicators = sorted(catalog.indicators().index)
    said: dict[str, Message] = {}

    def check(test: Callable[[pd.Series], pd.Series], key: str, **fields: object) -> pa.Check:
        error = message(key, **fields)
        said[str(error)] = error
        return pa.Check(test, error=str(error))

    def one_of(values: list[str] | tuple[str, ...], column: str) -> pa.Check:
        shown = ", ".join(values[:8]) + (", ..." if len(values) > 8 else "")
        return check(lambda s: s.str.strip().isin(values), f"unknown_{column}", known=shown)

    def not_empty(column: str) -> pa.Check:
        return check(lambda s: s.str.strip() != "", f"empty_{column}")

    is_number = check(
        lambda s: pd.to_numeric(s.str.strip(), errors="coerce").notna(), "not_a_number"
    )
    is_finite = check(
        lambda s: ~np.isinf(pd.to_numeric(s.str.strip(), errors="coerce").astype(float)),
        "not_finite",
    )
    is_bool = check(lambda s: s.str.strip().str.lower().isin(BOOL_TEXT), "unreadable_synthetic")
    is_period = check(lambda s: s.map(parse_period).notna(), "unreadable_period")
    schema = pa.DataFrameSchema(
        {
            "region": pa.Column(str, one_of(known_regions, "region")),
            "indicator": pa.Column(str, one_of(indicators, "indicator")),
            "period": pa.Column(str, is_period),
            "period_type": pa.Column(str, one_of(PERIOD_TYPES, "period_type")),
            "measure": pa.Column(str, one_of(MEASURES, "measure")),
            "value": pa.Column(str, [is_number, is_finite]),
            "unit": pa.Column(str, not_empty("unit")),
            "source": pa.Column(str, not_empty("source")),
            "status": pa.Column(str, one_of(RECORD_STATUSES, "status")),
            "synthetic": pa.Column(str, is_bool),
        },
        strict=False,
    )
    return schema, said


def _row_problems(records: pd.DataFrame, file: str) -> list[Problem]:
    schema, said = _schema()
    try:
        schema.validate(records, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases.dropna(subset=["index"])
        rows = records[ROW].to_numpy()
        return [
            Problem(
                file,
                int(rows[int(case.index)]),
                case.column,
                message(
                    "cell_value",
                    value=printable(str(case.failure_case)),
                    problem=said.get(case.check, case.check),
                ),
            )
            for case in cases.itertuples()
        ]
    return []


def _unit_problems(typed: pd.DataFrame, file: str) -> list[Problem]:
    expected = typed["indicator"].map(catalog.indicators()["unit"])
    expected = expected.where(typed["measure"] == "level", GROWTH_UNIT)
    wrong = typed[typed["unit"] != expected]
    problems = [
        Problem(
            file,
            row.ROW,
            "unit",
            message(
                "unit_expected",
                unit=row.unit,
                expected=want,
                indicator=row.indicator,
                measure=_word("measure", row.measure),
            ),
        )
        for row, want in zip(file_rows(wrong), expected[wrong.index], strict=True)
    ]
    for key, series in typed.groupby(list(SERIES)):
        units = series["unit"].unique()
        if len(units) > 1:
            first_other = series.loc[series["unit"] != units[0], ROW].min()
            said = message("mixed_units", series="/".join(key), units=", ".join(sorted(units)))
            problems.append(Problem(file, int(first_other), "unit", said))
    return problems


def _word(column: str, code: str) -> Message | str:
    """A ``measure`` or ``period_type`` code as a word of the reader's language (as given
    when unknown)."""
    key = f"{column}_{code}"
    return message(key) if key in CATALOGUE else code


def _value_problems(typed: pd.DataFrame, file: str) -> list[Problem]:
    indicators = catalog.indicators()
    levels = typed[(typed["measure"] == "level") & (typed["unit"] != "pp")]
    problems = [
        Problem(file, row.ROW, "value", message("negative_level", value=row.value))
        for row in file_rows(levels[levels["value"] < 0])
    ]
    growth = typed[typed["measure"] == "growth"]
    low = growth["indicator"].map(indicators["growth_min"])
    high = growth["indicator"].map(indicators["growth_max"])
    implausible = growth[(growth["value"] < low) | (growth["value"] > high)]
    for row in file_rows(implausible):
        low, high = indicators.loc[row.indicator, ["growth_min", "growth_max"]]
        said = message(
            "growth_out_of_range", value=row.value, indicator=row.indicator, low=low, high=high
        )
        problems.append(Problem(file, row.ROW, "value", said))
    return problems


def _implied_growth_problems(final: pd.DataFrame) -> list[Problem]:
    """Levels whose growth on the same period a year earlier is outside the plausible range.

    Year-to-date levels are compared with year-to-date levels (the 累计增速 they imply),
    single-period levels with single-period levels, each against the indicator's
    ``growth_min``/``growth_max`` (the range published growth rates are held to). A level
    mistyped by 10,000 (万元 for 亿元) shows up twice: far above the range in its own period,
    far below it a year later. Periods listed in ``data/catalog/series_breaks.csv`` are exempt.
    ``final``: the final records with a value and their period keys (:func:`_with_period_keys`).
    """
    levels = final[final["measure"] == "level"]
    levels = levels.sort_values("ordinal", kind="stable")  # each series in time order
    known = levels["indicator"].isin(catalog.indicators().index)
    problems = []
    for _, series in levels[known].groupby([*COMPARED, "freq"]):
        if not series["period"].duplicated().any():  # duplicates are reported as such
            problems += _series_growth_problems(series)
    return problems


def _series_growth_problems(series: pd.DataFrame) -> list[Problem]:
    """Implausible year-on-year growth between the levels of one series (one frequency)."""
    region, indicator = series["region"].iloc[0], series["indicator"].iloc[0]
    periods = pd.PeriodIndex(series["period"].tolist())
    if periods.freqstr not in PERIODS_PER_YEAR:  # annual: compare as year-end quarters
        periods = periods.asfreq("Q-DEC", how="end")
    values = pd.Series(series["value"].to_numpy(), index=periods)
    growth = yoy_growth(values).replace([np.inf, -np.inf], np.nan)  # from zero: undefined
    low, high = catalog.indicators().loc[indicator, ["growth_min", "growth_max"]]
    implausible = growth[(growth < low) | (growth > high)]
    if implausible.empty:
        return []
    rows = pd.Series(series[ROW].to_numpy(), index=periods)
    files = pd.Series(series["file"].to_numpy(), index=periods)
    shown = pd.Series(series["period"].map(str).to_numpy(), index=periods)
    exempt = series_breaks()
    problems = []
    for period, rate in implausible.items():
        if (region, indicator, shown[period]) in exempt:
            continue
        earlier = period - PERIODS_PER_YEAR[periods.freqstr]
        said = message(
            "implied_growth",
            level=values[period],
            rate=rate,
            period=shown[earlier],
            there=other_row(files[period], files[earlier], rows[earlier]),
            level_before=values[earlier],
            indicator=indicator,
            low=low,
            high=high,
        )
        problems.append(Problem(files[period], int(rows[period]), "value", said))
    return problems


def _growth_as_ratio_problems(final: pd.DataFrame) -> list[Problem]:
    """Growth rates written as ratios (0.159 for 15.9%): a published growth that is one
    hundredth of the growth its own levels imply, a year apart (assumption V4); ``final``:
    the final records with a value, with their period keys (:func:`_with_period_keys`).

    Only where the levels imply at least :data:`RATIO_MIN_GROWTH` % either way, and the
    growth times 100 is within :data:`RATIO_TOLERANCE` of the implied growth (real growth
    against nominal levels, or a revised base, differs by points, never by a factor of 100).
    """
    keys = ["region", "indicator", "period_type", "synthetic", "freq", "ordinal"]
    levels = final[final["measure"] == "level"].drop_duplicates(keys).set_index(keys)["value"]
    growth = final[final["measure"] == "growth"]
    problems = []
    for key, value, file, line in zip(
        growth[keys].itertuples(index=False, name=None),
        growth["value"],
        growth["file"],
        growth[ROW],
        strict=True,
    ):
        back = (*key[:-1], key[-1] - PERIODS_PER_YEAR.get(key[-2], 1))
        if key not in levels.index or back not in levels.index or levels[back] <= 0:
            continue
        implied = 100 * (levels[key] / levels[back] - 1)
        near = abs(100 * value - implied) <= max(RATIO_TOLERANCE * abs(implied), 0.1)
        if abs(implied) >= RATIO_MIN_GROWTH and near:
            said = message(
                "growth_as_ratio",
                value=value,
                implied=implied,
                level=levels[key],
                level_before=levels[back],
                percent=100 * value,
            )
            problems.append(Problem(file, int(line), "value", said))
    return problems


def _growth_year_as_ratio_problems(final: pd.DataFrame) -> list[Problem]:
    """A year of a growth-only series written as ratios (0.092 for 9.2%): every figure of the
    year under 1 in absolute value, every figure of the year before at least 2, and the
    medians' ratio between 30 and 300 (assumption V4). One problem, at the year's first row.
    Series with levels are checked against them (:func:`_growth_as_ratio_problems`);
    ``final`` as there."""
    series = ["region", "indicator", "period_type", "synthetic", "freq"]
    with_levels = set(
        final.loc[final["measure"] == "level", series].itertuples(index=False, name=None)
    )
    problems = []
    for key, rows in final[final["measure"] == "growth"].groupby(series, sort=False):
        if key in with_levels:
            continue
        size = rows.groupby("year")["value"].agg(lambda v: v.abs().median())
        for year, now in size.items():
            this, before = rows[rows["year"] == year], rows[rows["year"] == year - 1]
            if before.empty or not (this["value"].abs() < 1).all():
                continue
            ratio = size[year - 1] / max(now, 1e-9)
            if (before["value"].abs() >= 2).all() and 30 <= ratio <= 300:
                first = this.sort_values("ordinal").iloc[0]
                said = message(
                    "growth_year_as_ratio",
                    year=str(year),
                    median=now,
                    year_before=year - 1,
                    median_before=size[year - 1],
                )
                problems.append(Problem(first["file"], int(first[ROW]), "value", said))
    return problems


def _region_problems(typed: pd.DataFrame) -> list[Problem]:
    """Levels implausible beside other regions' of the same figure: one problem per series.

    A whole series typed in 万元 for 亿元 keeps a normal growth, so it is caught across
    regions: a level above its whole's (the catalogue's ``parent``: a cluster or the
    clusters' total above the city), or, where the whole has no figure, a cluster's level
    :data:`SLIP_FACTOR` times the median of the other clusters' (assumption V3). Only levels
    of flow and stock indicators in their catalogue unit are compared (not growth, shares
    or ratios). The problem is at the series' first row flagged, with the count of others.
    """
    levels = additive_levels(typed)
    parts = _with_wholes(levels)
    messages = pd.concat([_above_whole(parts), _above_median(levels, judged=parts.index)])
    return per_series(levels.loc[messages.index].assign(message=messages))


def _with_wholes(levels: pd.DataFrame) -> pd.DataFrame:
    """Levels whose region's parent has the same figure, with its ``whole``, file and row."""
    wholes = levels.drop_duplicates([*FIGURE, "region"])[[*FIGURE, "region", "value", "file", ROW]]
    wholes = wholes.rename(
        columns={"region": "parent", "value": "whole", "file": "whole_file", ROW: "whole_row"}
    )
    parents = levels["region"].map(catalog.regions()["parent"])
    parts = levels.assign(parent=parents).reset_index(names="record")
    return parts.merge(wholes, on=["parent", *FIGURE]).set_index("record")


def _above_whole(parts: pd.DataFrame) -> pd.Series:
    """Messages of the parts above their whole, indexed as the records."""
    above = parts[parts["value"] > parts["whole"]]
    messages = [
        message(
            "above_whole",
            level=row.value,
            region=row.region,
            whole=message("regions_level", region=row.parent, level=row.whole),
            there=other_row(row.file, row.whole_file, row.whole_row),
            indicator=row.indicator,
            period=row.period_text,
            period_type=_word("period_type", row.period_type),
        )
        for row in file_rows(above)
    ]
    return pd.Series(messages, index=above.index, dtype=object)


def _above_median(levels: pd.DataFrame, judged: pd.Index) -> pd.Series:
    """Messages of the clusters' levels, not ``judged`` by a whole, far above the others'.

    Far above is at least :data:`SLIP_FACTOR` times the (lower) median of the other
    clusters' levels of the same figure, with at least :data:`MIN_OTHERS` others.
    """
    clusters = levels[levels["region"].isin(catalog.clusters())]
    clusters = clusters.sort_values("value", kind="stable").reset_index(names="record")
    figure = clusters.groupby(list(FIGURE))
    others = figure["value"].transform("size") - 1
    # the row ranked middle is the lower median of the others of every row ranked above it
    rank, middle = figure.cumcount(), (others - 1) // 2
    medians = clusters[rank == middle][[*FIGURE, "region", "value", "file", ROW]]
    medians.columns = [*FIGURE, "median_region", "median", "median_file", "median_row"]
    candidates = clusters[(rank > middle) & (others >= MIN_OTHERS)].assign(others=others)
    far = candidates.merge(medians, on=list(FIGURE))
    far = far[(far["median"] > 0) & (far["value"] >= SLIP_FACTOR * far["median"])]
    far = far[~far["record"].isin(judged)]
    messages = [
        message(
            "above_median",
            level=row.value,
            region=row.region,
            times=row.value / row.median,
            others=row.others,
            indicator=row.indicator,
            period=row.period_text,
            period_type=_word("period_type", row.period_type),
            median=message("regions_level", region=row.median_region, level=row.median),
            there=other_row(row.file, row.median_file, row.median_row),
            factor=SLIP_FACTOR,
        )
        for row in file_rows(far)
    ]
    return pd.Series(messages, index=pd.Index(far["record"]), dtype=object)


def series_breaks(path: Path | None = None) -> frozenset[tuple[str, str, str]]:
    """(region, indicator, period) of documented series breaks: no implied-growth check.

    Default ``series_breaks.csv`` of the catalogue folder in use; a catalogue without one
    documents no breaks.
    """
    return _series_breaks(Path(path or paths.catalog_dir() / BREAKS_FILE))


@cache
def _series_breaks(path: Path) -> frozenset[tuple[str, str, str]]:
    if not path.exists():
        return frozenset()
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    return frozenset(zip(table["region"], table["indicator"], table["period"], strict=True))


def _duplicate_problems(typed: pd.DataFrame) -> list[Problem]:
    """Final records sharing region, indicator, period, period_type and measure."""
    final = typed[typed["status"] == "final"]
    final = final.assign(period_text=final["period"].map(str))
    grouped = final.groupby([*COMPARED, "period_text"], sort=False)
    first = {column: grouped[column].transform("first") for column in ("file", ROW, "value")}
    later = grouped.cumcount() > 0
    problems = []
    for row, file, first_row, value in zip(
        file_rows(final[later]),
        first["file"][later],
        first[ROW][later],
        first["value"][later],
        strict=True,
    ):
        same = value == row.value or (np.isnan(value) and np.isnan(row.value))
        values = (
            message("same_value")
            if same
            else message("values_differ", value=value, value_here=row.value)
        )
        there = other_row(row.file, file, first_row)
        said = message("duplicate_row", there=there, values=values)
        problems.append(Problem(row.file, row.ROW, None, said))
    return problems


def _ytd_problems(typed: pd.DataFrame) -> list[Problem]:
    """Year-to-date levels below the previous period's within a year."""
    ytd_levels = (typed["period_type"] == "ytd") & (typed["measure"] == "level")
    ytd = _with_period_keys(typed[ytd_levels & (typed["status"] == "final")])
    ytd = ytd.sort_values([*COMPARED, "freq", "ordinal"], kind="stable")
    within = ytd.groupby([*COMPARED, "year", "freq"])
    ytd = ytd.assign(
        change=within["value"].diff(),
        step=within["ordinal"].diff(),
        previous_value=within["value"].shift(),
        previous_period=within["period"].shift(),
        previous_file=within["file"].shift(),
        previous_row=within[ROW].shift(),
    )
    return [
        Problem(
            row.file,
            row.ROW,
            "value",
            message(
                "ytd_level_falls",
                level=row.value,
                year=str(row.year),
                level_before=row.previous_value,
                period=str(row.previous_period),
                there=other_row(row.file, row.previous_file, row.previous_row),
            ),
        )
        for row in file_rows(ytd[(ytd["change"] < 0) & (ytd["step"] > 0)])
    ]


def _gap_problems(typed: pd.DataFrame, file: str) -> list[Problem]:
    final = _with_period_keys(typed[typed["status"] == "final"])
    final = final.sort_values([*SERIES, "freq", "ordinal"], kind="stable")
    series = final.groupby([*SERIES, "freq"])
    final = final.assign(
        step=series["ordinal"].diff(),
        previous_period=series["period"].shift(),
        previous_row=series[ROW].shift(),
    )
    january = final.loc[in_january(final)]
    with_january = set(january[list(SERIES)].itertuples(index=False, name=None))
    problems = []
    for row in file_rows(final[final["step"] > 1]):
        holes = pd.period_range(row.previous_period + 1, row.period - 1, freq=row.period.freq)
        combined = row.measure == "level" and tuple(getattr(row, c) for c in SERIES) not in (
            with_january
        )
        if _only_january(holes, row.period_type, combined):
            continue
        said = message(
            "series_gap",
            series="/".join(str(getattr(row, column)) for column in SERIES),
            holes=", ".join(map(str, holes)),
            row_before=int(row.previous_row),
            row=row.ROW,
        )
        problems.append(Problem(file, int(row.ROW), "period", said))
    return problems


def _only_january(holes: pd.PeriodIndex, period_type: str, combined: bool = False) -> bool:
    """A monthly year-to-date series skips January: 1–2月 is published as one point (02); so
    does a series of 当月 levels that gives no January alone (``combined``): its 02 is the
    1–2月 figure (assumption V10)."""
    months = holes.freqstr == "M" and bool((holes.month == 1).all())
    return months and (period_type == "ytd" or (period_type == "single" and combined))


def _with_period_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Add each period's frequency, year and ordinal (the column mixes months and quarters)."""
    periods = frame["period"].tolist()
    return frame.assign(
        freq=[period.freqstr for period in periods],
        year=[period.year for period in periods],
        ordinal=[period.ordinal for period in periods],
    )
