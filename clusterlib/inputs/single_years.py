"""A flow year given only as 当季/当月 levels beside 累计 years of its series, or any monthly
当月 year: read as the 累计 those levels add up to, or refused where they cannot be added up
(assumptions V8, V10; T7A-7).

The panel reads a region's flow as its 累计 series wherever it has one (V7), so such a year
used to be dropped and called missing (the evaluation scored airport's revenue and tax as the
lowest reporter's).
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import Problem
from clusterlib.inputs.periods import PERIODS_PER_YEAR
from clusterlib.inputs.problem_rows import file_rows
from clusterlib.messages import message

FIGURE_KEY = ["region", "indicator"]


def single_years(records: pd.DataFrame) -> Iterator[tuple[pd.DataFrame, bool]]:
    """The years of flow series given only as single-period levels beside 累计 years, and
    every monthly one.

    Yields each such year's final single rows (one region, indicator, frequency and year, in
    period order) and whether they can be added up into 累计 levels: complete from the
    year's first period with no period missing (assumption V8). The first period is Q1, or
    for months January, or February where the series gives no January alone: its 当月 at 02
    is then the combined 1–2月 figure, as January is never published alone (V10). A quarterly
    series without any 累计 level is read as single levels, as before (the panel reads 当季);
    a monthly one is added up too, since the panel and the ledger read months as 累计 only
    (its 当月 used to be left out unsaid). A year with 累计 rows of its own keeps them (V7).
    """
    flows = catalog.indicators().index[catalog.indicators()["kind"] == "flow"]
    final = records[
        (records["status"] == "final")
        & (records["measure"] == "level")
        & records["indicator"].isin(flows)
    ].dropna(subset=["value"])
    if final.empty:
        return
    final = final.assign(
        freq=[period.freqstr for period in final["period"]],
        year=[period.year for period in final["period"]],
    )
    ytd = final[final["period_type"] == "ytd"]
    ytd_series = set(ytd[FIGURE_KEY].itertuples(index=False, name=None))
    ytd_years = set(ytd[[*FIGURE_KEY, "year"]].itertuples(index=False, name=None))
    single = final[final["period_type"] == "single"]
    january = single.loc[in_january(single)]
    with_january = set(january[FIGURE_KEY].itertuples(index=False, name=None))
    for (region, indicator, freq, year), rows in single.groupby([*FIGURE_KEY, "freq", "year"]):
        if freq not in PERIODS_PER_YEAR:
            continue
        if freq != "M" and (region, indicator) not in ytd_series:
            continue
        if (region, indicator, year) in ytd_years:
            continue
        rows = rows.sort_values("period", kind="stable")
        positions = [period.ordinal for period in rows["period"]]
        if freq == "M":
            combined = (region, indicator) not in with_january  # 02 is 1–2月 (V10)
            start = pd.Period(year=year, month=2 if combined else 1, freq="M").ordinal
        else:
            start = pd.Period(f"{year}Q1", freq=freq).ordinal
        whole = positions == list(range(start, start + len(positions)))
        yield rows, whole


def in_january(records: pd.DataFrame) -> pd.Series:
    """Mask of the records of a January (monthly periods only): a series of 当月 levels that
    has none gives 1–2月 as one figure at 02 (assumption V10)."""
    months = [period.freqstr == "M" and period.month == 1 for period in records["period"]]
    return pd.Series(months, index=records.index, dtype=bool)


def accumulated_singles(records: pd.DataFrame) -> pd.DataFrame:
    """``records`` with 累计 levels added for each flow year given only as complete single
    levels (:func:`single_years`): the sum of the single levels from the year's first period
    (a monthly year from 1–2月, as 累计 are published: January's 当月 plus February's, or
    the combined 1–2月 当月 at 02, V10). Each added row copies its period's
    single row (file, row, source, kind) with ``period_type`` ytd; the panel then reads the
    累计 series (V7), so the year is no longer dropped as missing (assumption V8)."""
    added = []
    for rows, whole in single_years(records):
        if not whole:
            continue
        ytd = rows.assign(period_type="ytd", value=rows["value"].cumsum())
        if rows["freq"].iloc[0] == "M":
            ytd = ytd[[period.month != 1 for period in ytd["period"]]]
        added.append(ytd.drop(columns=["freq", "year"]))
    if not added:
        return records
    return pd.concat([records, *added], ignore_index=True)


def unread_single_problems(records: pd.DataFrame) -> list[Problem]:
    """A problem at the first row of each flow year given only as single levels that cannot
    be added up into 累计 (not from the year's first period, or a period missing; V8, V10)."""
    problems = []
    for rows, whole in single_years(records):
        if whole:
            continue
        first = next(file_rows(rows.iloc[[0]]))
        periods = ", ".join(str(period) for period in rows["period"])
        monthly = rows["freq"].iloc[0] == "M"
        said = message(
            "single_months_unread" if monthly else "single_year_unread",
            region=first.region,
            indicator=first.indicator,
            year=str(first.year),
            periods=periods,
        )
        problems.append(Problem(first.file, first.ROW, "period_type", said))
    return problems
