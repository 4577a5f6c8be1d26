"""Validation of input records: every problem in a file is reported at once."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from clusterlib import catalog
from clusterlib.exceptions import Problem
from clusterlib.inputs.reading import ROW
from clusterlib.inputs.records import (
    BOOL_TEXT,
    GROWTH_UNIT,
    MEASURES,
    PERIOD_TYPES,
    REQUIRED,
    SERIES,
    STATUSES,
    parse_period,
    with_defaults,
)


def validate_records(records: pd.DataFrame, file: str, allow_gaps: bool = False) -> list[Problem]:
    """List every problem in raw records read by :func:`clusterlib.inputs.reading.read_records`.

    Parameters
    ----------
    records
        Raw text records with a ``_row`` column.
    file
        File name used in the messages.
    allow_gaps
        Accept missing periods inside a series (sparse collections of releases, such as
        the official Zhengzhou figures); regular series must be complete.

    Returns
    -------
    list of Problem
        Empty when the records are valid.
    """
    missing = [column for column in REQUIRED if column not in records]
    if missing:
        expected = ", ".join(REQUIRED)
        return [
            Problem(file, 1, column, f"missing required column; expected columns: {expected}")
            for column in missing
        ]
    records = with_defaults(records)
    problems = _row_problems(records, file)
    structural = {"region", "indicator", "period", "period_type", "measure", "value"}
    bad_rows = {p.row for p in problems if p.column in structural}
    typed = typed_records(records[~records[ROW].isin(bad_rows)])
    problems += _unit_problems(typed, file)
    problems += _value_problems(typed, file)
    problems += _duplicate_problems(typed, file)
    problems += _ytd_problems(typed, file)
    if not allow_gaps:
        problems += _gap_problems(typed, file)
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))


def typed_records(records: pd.DataFrame) -> pd.DataFrame:
    """Records with ids for regions, a parsed ``period`` and a numeric ``value``."""
    by_name = pd.Series(catalog.regions().index, index=catalog.regions()["name_zh"])
    region = records["region"].str.strip()
    return records.assign(
        region=region.map(by_name).fillna(region),
        indicator=records["indicator"].str.strip(),
        period=records["period"].map(parse_period),
        value=pd.to_numeric(records["value"].str.strip(), errors="coerce"),
        unit=records["unit"].str.strip(),
    )


def _schema() -> pa.DataFrameSchema:
    regions = catalog.regions()
    known_regions = sorted(set(regions.index) | set(regions["name_zh"]))
    indicators = sorted(catalog.indicators().index)

    def one_of(values: list[str] | tuple[str, ...], what: str, where: str = "") -> pa.Check:
        shown = ", ".join(values[:8]) + (", ..." if len(values) > 8 else "")
        return pa.Check(
            lambda s: s.str.strip().isin(values),
            error=f"unknown {what}; expected one of: {shown}{where}",
        )

    def not_empty(what: str) -> pa.Check:
        return pa.Check(lambda s: s.str.strip() != "", error=f"empty; expected {what}")

    is_number = pa.Check(
        lambda s: pd.to_numeric(s.str.strip(), errors="coerce").notna(),
        error="not a number; expected a plain number such as 7.6 (no %, commas or text)",
    )
    is_period = pa.Check(
        lambda s: s.map(parse_period).notna(),
        error="unreadable period; expected 2019Q2 (quarter), 2019-06 (month) or 2019 (year)",
    )
    return pa.DataFrameSchema(
        {
            "region": pa.Column(
                str, one_of(known_regions, "region", " (see data/catalog/regions.csv)")
            ),
            "indicator": pa.Column(
                str, one_of(indicators, "indicator", " (see data/catalog/indicators.csv)")
            ),
            "period": pa.Column(str, is_period),
            "period_type": pa.Column(str, one_of(PERIOD_TYPES, "period_type")),
            "measure": pa.Column(str, one_of(MEASURES, "measure")),
            "value": pa.Column(str, is_number),
            "unit": pa.Column(str, not_empty("a unit such as 100m_yuan or pct_yoy")),
            "source": pa.Column(str, not_empty("the source (URL or description)")),
            "status": pa.Column(str, one_of(STATUSES, "status")),
            "synthetic": pa.Column(str, one_of(BOOL_TEXT, "synthetic flag (true/false)")),
        },
        strict=False,
    )


def _row_problems(records: pd.DataFrame, file: str) -> list[Problem]:
    try:
        _schema().validate(records, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases.dropna(subset=["index"])
        rows = records[ROW].to_numpy()
        return [
            Problem(
                file,
                int(rows[int(case.index)]),
                case.column,
                f"'{case.failure_case}': {case.check}",
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
            f"'{row.unit}': expected '{want}' for {row.indicator} {row.measure}",
        )
        for row, want in zip(_rows(wrong), expected[wrong.index], strict=True)
    ]
    for key, series in typed.groupby(list(SERIES)):
        units = series["unit"].unique()
        if len(units) > 1:
            first_other = series.loc[series["unit"] != units[0], ROW].min()
            message = (
                f"mixed units in series {'/'.join(key)}: {', '.join(sorted(units))}; "
                "expected one unit per series"
            )
            problems.append(Problem(file, int(first_other), "unit", message))
    return problems


def _value_problems(typed: pd.DataFrame, file: str) -> list[Problem]:
    indicators = catalog.indicators()
    levels = typed[(typed["measure"] == "level") & (typed["unit"] != "pp")]
    problems = [
        Problem(file, row.ROW, "value", f"{row.value}: a level cannot be negative")
        for row in _rows(levels[levels["value"] < 0])
    ]
    growth = typed[typed["measure"] == "growth"]
    low = growth["indicator"].map(indicators["growth_min"])
    high = growth["indicator"].map(indicators["growth_max"])
    implausible = growth[(growth["value"] < low) | (growth["value"] > high)]
    for row in _rows(implausible):
        span = f"{indicators.at[row.indicator, 'growth_min']:g} to "
        span += f"{indicators.at[row.indicator, 'growth_max']:g}"
        message = (
            f"{row.value}% is outside the plausible growth range for {row.indicator} ({span}%)"
        )
        problems.append(Problem(file, row.ROW, "value", message))
    return problems


def _duplicate_problems(typed: pd.DataFrame, file: str) -> list[Problem]:
    final = typed[typed["status"] == "final"]
    final = final.assign(period_text=final["period"].map(str))
    key = [*SERIES, "period_text"]
    first_row = final.groupby(key)[ROW].transform("min")
    duplicates = final[final[ROW] != first_row]
    return [
        Problem(
            file,
            row.ROW,
            None,
            f"duplicate of row {first}: same region, indicator, period, "
            "period_type and measure (mark one as status=alternative to keep both)",
        )
        for row, first in zip(_rows(duplicates), first_row[duplicates.index], strict=True)
    ]


def _ytd_problems(typed: pd.DataFrame, file: str) -> list[Problem]:
    ytd_levels = (typed["period_type"] == "ytd") & (typed["measure"] == "level")
    ytd = _with_period_keys(typed[ytd_levels & (typed["status"] == "final")])
    ytd = ytd.sort_values([*SERIES, "freq", "ordinal"], kind="stable")
    change = ytd.groupby([*SERIES, "year", "freq"])["value"].diff()
    return [
        Problem(
            file,
            row.ROW,
            "value",
            f"year-to-date level {row.value} is below the previous period's within {row.year}",
        )
        for row in _rows(ytd[change < 0])
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
    problems = []
    for row in _rows(final[final["step"] > 1]):
        holes = pd.period_range(row.previous_period + 1, row.period - 1, freq=row.period.freq)
        if _only_january(holes, row.period_type):
            continue
        key = "/".join(str(getattr(row, column)) for column in SERIES)
        message = (
            f"gap in series {key}: no value for {', '.join(map(str, holes))} "
            f"(between rows {int(row.previous_row)} and {row.ROW}); expected every period"
        )
        problems.append(Problem(file, int(row.ROW), "period", message))
    return problems


def _only_january(holes: pd.PeriodIndex, period_type: str) -> bool:
    """A monthly year-to-date series skips January: 1–2月 is published as one point (02)."""
    return period_type == "ytd" and holes.freqstr == "M" and bool((holes.month == 1).all())


def _with_period_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Add each period's frequency, year and ordinal (the column mixes months and quarters)."""
    periods = frame["period"].tolist()
    return frame.assign(
        freq=[period.freqstr for period in periods],
        year=[period.year for period in periods],
        ordinal=[period.ordinal for period in periods],
    )


def _rows(frame: pd.DataFrame):
    """Iterate rows as namedtuples with the file row available as ``.ROW``."""
    return frame.rename(columns={ROW: "ROW"}).itertuples(index=False)
