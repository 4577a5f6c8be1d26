"""Checks of levels, rates and 当期 figures that broken files pass otherwise (V3, V5–V7).

A denominator of zero (V5), a cluster's level far below the other clusters' (the mirror of
V3's unit slip), a rate outside 0–100% or typed as a ratio (V6), and a single-period level
that contradicts the year-to-date levels of the same series (V7).
"""

from __future__ import annotations

import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import Problem
from clusterlib.inputs.periods import PERIODS_PER_YEAR
from clusterlib.inputs.problem_rows import additive_levels, file_rows, other_row, per_series
from clusterlib.inputs.reading import ROW
from clusterlib.messages import Message, message

SLIP_FACTOR = 1000  # a level this many times above or below the other clusters' median (V3)
MIN_OTHERS = 3  # other clusters needed for a median (V3; the register's and firms' checks too)
RATE_UNITS = ("pct", "pct_share")  # rates and shares in %, bounded 0–100 (V6)
RATIO_MAX = 1.5  # a rate at most this, beside
RATIO_REFERENCE = 50.0  # a reference median of at least this: a ratio typed (V6)
SINGLE_TOLERANCE = 0.05  # a single level within 5% of the one the ytd levels imply (V7)
SINGLE_ABSOLUTE = 0.1  # and never closer than this (rounding of both figures)
SERIES = ["region", "indicator", "measure", "synthetic"]  # one series, both period types
AGGREGATES = ("all_clusters", "zz_clusters")
"""Aggregates whose parts are every catalogue cluster (:func:`clusterlib.catalog.clusters`),
as the goals read them (``zz_clusters`` the published total of ``all_clusters``); the other
aggregates' scopes (不含巩义, the 2011–2015 list, the province) are not in the catalogue, and
the city, the reference zones and China are no sums of catalogue regions (docs/assumptions.md,
V9: every region reviewed)."""
AGGREGATE_TOLERANCE = 5.0
"""pp by which an aggregate's growth may differ from the growth its clusters' levels imply
(V9: rounding, and a published scope leaving out one cluster, at most 4.8 pp on the demo)."""


def plausibility_problems(records: pd.DataFrame) -> list[Problem]:
    """Every problem of this module's checks, of typed records with a ``file`` column."""
    final = records[(records["status"] == "final") & (records["measure"] == "level")]
    final = final.dropna(subset=["value"])
    final = final.assign(period_text=final["period"].map(str))
    return (
        zero_denominator_problems(final)
        + below_median_problems(final)
        + rate_range_problems(final)
        + rate_as_ratio_problems(final)
        + single_vs_ytd_problems(final)
        + aggregate_growth_problems(records)
    )


def aggregate_growth_problems(records: pd.DataFrame) -> list[Problem]:
    """An aggregate's growth (:data:`AGGREGATES`) more than :data:`AGGREGATE_TOLERANCE` pp
    from the growth its clusters' levels imply, where the records hold the level of every
    catalogue cluster at the period and a year before (same indicator, period_type and
    synthetic flag; final rows; assumption V9): one problem at each such growth row. A
    published all-cluster growth of 20% beside clusters summing to +8.6% used to pass."""
    final = records[records["status"] == "final"].dropna(subset=["value"])
    growth = final[(final["measure"] == "growth") & final["region"].isin(AGGREGATES)]
    if growth.empty:
        return []
    clusters = catalog.clusters()
    figure = ["indicator", "period_text", "period_type", "synthetic"]
    levels = additive_levels(final)
    levels = levels[levels["region"].isin(clusters)].drop_duplicates([*figure, "region"])
    sums = levels.groupby(figure)["value"].agg(["sum", "size"])
    sums = sums.loc[sums["size"] == len(clusters), "sum"]
    problems = []
    for row in file_rows(growth):
        back = row.period - PERIODS_PER_YEAR.get(row.period.freqstr, 1)
        keys = [(row.indicator, str(p), row.period_type, row.synthetic) for p in (row.period, back)]
        if not all(key in sums.index for key in keys) or sums[keys[1]] <= 0:
            continue
        level, before = float(sums[keys[0]]), float(sums[keys[1]])
        implied = 100 * (level / before - 1)
        if abs(row.value - implied) <= AGGREGATE_TOLERANCE:
            continue
        said = message(
            "check_aggregate_growth",
            value=row.value,
            region=row.region,
            indicator=row.indicator,
            period=str(row.period),
            period_type=message(f"check_{row.period_type}"),
            n=len(clusters),
            implied=implied,
            level=round(level, 6),
            level_before=round(before, 6),
            gap=abs(row.value - implied),
            tolerance=AGGREGATE_TOLERANCE,
        )
        problems.append(Problem(row.file, int(row.ROW), "value", said))
    return problems


def denominators() -> list[str]:
    """Stocks that ratios divide by: the catalogue's stocks other than counts (亩, 人)."""
    indicators = catalog.indicators()
    stocks = indicators[(indicators["kind"] == "stock") & (indicators["unit"] != "count")]
    return list(stocks.index)


def zero_denominator_problems(final: pd.DataFrame) -> list[Problem]:
    """Levels of 0 of a denominator (建成区面积, 从业人员): a blank exported as 0 (V5)."""
    zero = final[final["indicator"].isin(denominators()) & (final["value"] <= 0)]
    return _per_series(zero, [(index,) for index in zero.index], _zero_message)


def _zero_message(row: object) -> Message:
    """The message of a series' denominator at 0."""
    return message("check_zero_denominator", **_figure(row))


def below_median_problems(final: pd.DataFrame) -> list[Problem]:
    """Clusters' levels at most 1/:data:`SLIP_FACTOR` of the (lower) median of the other
    clusters' of the same figure (万人 typed for 人): one problem per series (V3b)."""
    levels = additive_levels(final)
    levels = levels[levels["region"].isin(catalog.clusters())]
    figure = ["indicator", "period_text", "period_type", "synthetic"]
    ranked = levels.sort_values("value", kind="stable")
    group = ranked.groupby(figure, sort=False)
    rank, size = group.cumcount(), group["value"].transform("size")
    # below the others' lower median, a row's others have it at rank (size - 2) // 2 + 1
    middle = ranked[rank == (size - 2) // 2 + 1].reset_index(names="middle")
    candidates = ranked[(size - 1 >= MIN_OTHERS) & (ranked["value"] > 0)]  # 0: V5's
    pairs = candidates.reset_index(names="record").merge(middle[[*figure, "middle"]], on=figure)
    low = pairs["value"].to_numpy() * SLIP_FACTOR <= levels.loc[pairs["middle"], "value"].to_numpy()
    flagged = [
        (record, int(size[record]) - 1, levels.loc[median])
        for record, median in zip(pairs["record"][low], pairs["middle"][low], strict=True)
    ]
    return _per_series(levels, flagged, _below_message)


def _below_message(row: object, others: int, middle: pd.Series) -> Message:
    """The message of one level far below the other clusters' median."""
    return message(
        "check_below_median",
        **_figure(row),
        period_type=message(f"check_{row.period_type}"),
        others=others,
        median_of=message("check_median_of", region=middle["region"], median=middle["value"]),
        where=other_row(row.file, middle["file"], middle[ROW]),
        factor=middle["value"] / row.value,
        slip=SLIP_FACTOR,
    )


def rate_range_problems(final: pd.DataFrame) -> list[Problem]:
    """Levels of rates and shares in % outside 0–100 (9360 for 93.6), at their rows (V6)."""
    rates = final[final["indicator"].isin(bounded_rates())]
    outside = rates[rates["value"] > 100]  # below 0: refused as any negative level
    return [
        Problem(row.file, row.ROW, "value", message("check_rate_outside", **_figure(row)))
        for row in file_rows(outside)
    ]


def bounded_rates() -> list[str]:
    """Rates and shares in % bounded by 0 and 100: not growth (two-year averages, 比2019年)
    nor contributions to growth (贡献率 can exceed 100 or fall below 0)."""
    indicators = catalog.indicators()
    rates = indicators[
        (indicators["kind"] == "rate")
        & indicators["unit"].isin(RATE_UNITS)
        & (indicators["price_basis"] == "none")
    ]
    return [name for name in rates.index if not name.startswith("contribution_")]


def rate_as_ratio_problems(final: pd.DataFrame) -> list[Problem]:
    """Rates at most :data:`RATIO_MAX` (0.974 for 97.4%) where the other clusters' median at
    the same period, or else the region's own at its other periods, is at least
    :data:`RATIO_REFERENCE`: one problem per series (V6)."""
    rates = final[final["indicator"].isin(bounded_rates()) & (final["value"] >= 0)]
    flagged = []
    for index, row in rates[rates["value"] <= RATIO_MAX].iterrows():
        same = rates[
            (rates["indicator"] == row["indicator"]) & (rates["synthetic"] == row["synthetic"])
        ]
        others = same[
            (same["period_text"] == row["period_text"])
            & (same["region"] != row["region"])
            & same["region"].isin(catalog.clusters())
        ]
        own = same[(same["region"] == row["region"]) & (same["value"] > RATIO_MAX)]
        if row["region"] in catalog.clusters() and len(others) >= MIN_OTHERS:
            reference = message("check_rate_others", others=len(others))
            median = float(others["value"].median())
        elif len(own):
            reference, median = message("check_rate_own"), float(own["value"].median())
        else:
            continue
        if median >= RATIO_REFERENCE:
            flagged.append((index, reference, median))
    return _per_series(rates, flagged, _ratio_message)


def _ratio_message(row: object, reference: Message, median: float) -> Message:
    """The message of one rate typed as a ratio."""
    return message(
        "check_rate_as_ratio",
        **_figure(row),
        reference=reference,
        median=median,
        percent=100 * row.value,
    )


def single_vs_ytd_problems(final: pd.DataFrame) -> list[Problem]:
    """Single-period levels of flows differing from the difference of consecutive
    year-to-date levels (the year's first: the ytd level itself) by more than
    :data:`SINGLE_TOLERANCE` of it and :data:`SINGLE_ABSOLUTE`, at the single row (V7).
    Synthetic rows are held to real ytd levels where the series has no synthetic ones: the
    panel reads the ytd levels of a region's indicator, whichever, and drops the single."""
    flows = catalog.indicators().index[catalog.indicators()["kind"] == "flow"]
    levels = final[final["indicator"].isin(flows)]
    ytd = {
        (*key, period): row
        for key, rows in levels[levels["period_type"] == "ytd"].groupby(SERIES)
        for period, row in zip(rows["period"], file_rows(rows), strict=True)
    }
    problems = []
    for row in file_rows(levels[levels["period_type"] == "single"]):
        for synthetic in (row.synthetic, not row.synthetic):  # the loaders mix them
            key = (row.region, row.indicator, row.measure, synthetic)
            said = _single_problem(row, ytd, key)
            if said is not None:
                break
        if said:
            problems.append(Problem(row.file, row.ROW, "value", said))
    return problems


def _single_problem(row: object, ytd: dict, key: tuple) -> Message | str | None:
    """The problem of a single-period level against the ytd levels of ``key``: "" when they
    agree, None without a ytd level of its period. Without the previous period's (no
    January 累计 beside 1–2月) the single level may only not exceed its period's ytd."""
    now = ytd.get((*key, row.period))
    if now is None:
        return None
    here = other_row(row.file, now.file, now.ROW)
    implied, how = _implied_single(ytd, key, row.period, row.file)
    allowed = max(
        SINGLE_TOLERANCE * abs(implied if implied is not None else now.value), SINGLE_ABSOLUTE
    )
    if implied is None:
        if row.value - now.value <= allowed:
            return ""
        return message("check_single_above_ytd", **_figure(row), ytd=now.value, where=here)
    if abs(row.value - implied) <= allowed:
        return ""
    return message(
        "check_single_vs_ytd", **_figure(row), implied=implied, how=how, tolerance=SINGLE_TOLERANCE
    )


def _implied_single(
    ytd: dict, key: tuple, period: pd.Period, file: str
) -> tuple[float | None, Message | None]:
    """The single level the ytd levels imply at ``period``, and how (None without them)."""
    now = ytd.get((*key, period))
    if now is None:
        return None, None
    here = other_row(file, now.file, now.ROW)
    per_year = PERIODS_PER_YEAR.get(period.freqstr, 1)
    if per_year == 1 or (period - 1).year != period.year:
        return float(now.value), message("check_ytd_first", where=here)
    before = ytd.get((*key, period - 1))
    if before is None:
        return None, None
    there = other_row(file, before.file, before.ROW)
    return float(now.value - before.value), message(
        "check_ytd_difference", where=here, before=there
    )


def _per_series(frame: pd.DataFrame, flagged: list[tuple], text) -> list[Problem]:
    """One problem per series of the ``flagged`` (index, *details) of ``frame``, each with
    the message ``text(row, *details)`` (:func:`problem_rows.per_series`)."""
    chosen = frame.loc[[index for index, *_ in flagged]]
    said = [
        text(row, *details) for row, (_, *details) in zip(file_rows(chosen), flagged, strict=True)
    ]
    return per_series(chosen.assign(message=pd.Series(said, index=chosen.index, dtype=object)))


def _figure(row: object) -> dict[str, object]:
    """The fields every message here reads: the row's value, region, indicator and period."""
    return {
        "value": row.value,
        "region": row.region,
        "indicator": row.indicator,
        "period": row.period_text,
    }
