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
from clusterlib.inputs.reading import ROW
from clusterlib.messages import Message, message

SLIP_FACTOR = 1000  # a level this many times above or below the other clusters' median (V3)
MIN_OTHERS = 3  # other clusters needed for a median (V3; the register's and firms' checks too)
RATE_UNITS = ("pct", "pct_share")  # rates and shares in %, bounded 0–100 (V6)
RATIO_MAX = 1.5  # a rate at most this, beside
RATIO_REFERENCE = 50.0  # a reference median of at least this: a ratio typed (V6)
SINGLE_TOLERANCE = 0.05  # a single level within 5% of the one the ytd levels imply (V7)
SINGLE_ABSOLUTE = 0.1  # and never closer than this (rounding of both figures)
SERIES = ["region", "indicator", "measure", "synthetic"]


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
    )


def denominators() -> list[str]:
    """Stocks that ratios divide by: the catalogue's stocks other than counts (亩, 人)."""
    indicators = catalog.indicators()
    stocks = indicators[(indicators["kind"] == "stock") & (indicators["unit"] != "count")]
    return list(stocks.index)


def zero_denominator_problems(final: pd.DataFrame) -> list[Problem]:
    """Levels of 0 of a denominator (建成区面积, 从业人员): a blank exported as 0 (V5)."""
    zero = final[final["indicator"].isin(denominators()) & (final["value"] <= 0)]
    return _per_series(zero, [(index,) for index in zero.index], _zero_message)


def _zero_message(row: object, more: int) -> Message:
    """The message of a series' denominator at 0."""
    return message("check_zero_denominator", **_figure(row), more=_more(more))


def below_median_problems(final: pd.DataFrame) -> list[Problem]:
    """Clusters' levels at most 1/:data:`SLIP_FACTOR` of the (lower) median of the other
    clusters' of the same figure (万人 typed for 人): one problem per series (V3b)."""
    levels = _additive(final)
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


def _below_message(row: object, others: int, middle: pd.Series, more: int) -> Message:
    """The message of one level far below the other clusters' median."""
    return message(
        "check_below_median",
        **_figure(row),
        period_type=message(f"check_{row.period_type}"),
        others=others,
        median_of=message("check_median_of", region=middle["region"], median=middle["value"]),
        where=_where(row.file, middle["file"], middle[ROW]),
        factor=middle["value"] / row.value,
        slip=SLIP_FACTOR,
        more=_more(more),
    )


def rate_range_problems(final: pd.DataFrame) -> list[Problem]:
    """Levels of rates and shares in % outside 0–100 (9360 for 93.6), at their rows (V6)."""
    rates = final[final["indicator"].isin(bounded_rates())]
    outside = rates[rates["value"] > 100]  # below 0: refused as any negative level
    return [
        Problem(row.file, row.ROW, "value", message("check_rate_outside", **_figure(row)))
        for row in _rows(outside)
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


def _ratio_message(row: object, reference: Message, median: float, more: int) -> Message:
    """The message of one rate typed as a ratio."""
    return message(
        "check_rate_as_ratio",
        **_figure(row),
        reference=reference,
        median=median,
        percent=100 * row.value,
        more=_more(more),
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
        for period, row in zip(rows["period"], _rows(rows), strict=True)
    }
    problems = []
    for row in _rows(levels[levels["period_type"] == "single"]):
        for synthetic in (row.synthetic, not row.synthetic):  # the loaders mix them
            key = (row.region, row.indicator, row.measure, synthetic)
            implied, how = _implied_single(ytd, key, row.period, row.file)
            if implied is not None:
                break
        if implied is None:
            continue
        if abs(row.value - implied) > max(SINGLE_TOLERANCE * abs(implied), SINGLE_ABSOLUTE):
            text = message(
                "check_single_vs_ytd",
                **_figure(row),
                implied=implied,
                how=how,
                tolerance=SINGLE_TOLERANCE,
            )
            problems.append(Problem(row.file, row.ROW, "value", text))
    return problems


def _implied_single(
    ytd: dict, key: tuple, period: pd.Period, file: str
) -> tuple[float | None, Message | None]:
    """The single level the ytd levels imply at ``period``, and how (None without them)."""
    now = ytd.get((*key, period))
    if now is None:
        return None, None
    here = _where(file, now.file, now.ROW)
    per_year = PERIODS_PER_YEAR.get(period.freqstr, 1)
    if per_year == 1 or (period - 1).year != period.year:
        return float(now.value), message("check_ytd_first", where=here)
    before = ytd.get((*key, period - 1))
    if before is None:
        return None, None
    there = _where(file, before.file, before.ROW)
    return float(now.value - before.value), message(
        "check_ytd_difference", where=here, before=there
    )


def _additive(final: pd.DataFrame) -> pd.DataFrame:
    """Levels of flows and stocks in their catalogue unit."""
    indicators = catalog.indicators()
    additive = indicators.index[indicators["kind"] != "rate"]
    levels = final[final["indicator"].isin(additive)]
    return levels[levels["unit"] == levels["indicator"].map(indicators["unit"])]


def _per_series(frame: pd.DataFrame, flagged: list[tuple], text) -> list[Problem]:
    """One problem per series of the ``flagged`` (index, *details), at its first row, its
    message ``text(row, *details, more)`` counting the series' other flagged rows."""
    if not flagged:
        return []
    chosen = frame.loc[[item[0] for item in flagged]]
    details = {item[0]: item[1:] for item in flagged}
    problems = []
    for _, rows in chosen.groupby([*SERIES, "period_type"], sort=False):
        first = rows.sort_values(ROW, kind="stable").index[0]
        row = next(_rows(rows.loc[[first]]))
        problems.append(
            Problem(row.file, row.ROW, "value", text(row, *details[first], len(rows) - 1))
        )
    return problems


def _figure(row: object) -> dict[str, object]:
    """The fields every message here reads: the row's value, region, indicator and period."""
    return {
        "value": row.value,
        "region": row.region,
        "indicator": row.indicator,
        "period": row.period_text,
    }


def _more(count: int) -> Message | str:
    """The tail of a series' problem: how many more rows of it are flagged."""
    if count == 1:
        return message("check_more_row")
    return message("check_more_rows", count=count) if count else ""


def _where(here: str, file: str, row: int) -> Message:
    """The other row of a comparison, with its file when that is another one."""
    if file == here:
        return message("check_other_row", row=int(row))
    return message("check_other_row_file", file=file, row=int(row))


def _rows(frame: pd.DataFrame):
    """Iterate rows as namedtuples with the file row available as ``.ROW``."""
    return frame.rename(columns={ROW: "ROW"}).itertuples(index=False)
