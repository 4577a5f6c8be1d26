"""Monthly 累计 files for the year-end outlook: do they agree with the quarterly data, and
which series can they move (issue #27 §2, ``as_of_month``)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import Problem
from clusterlib.forecasting.factor import MIN_MONTHS, fittable, monthly_growth
from clusterlib.forecasting.nowcast import (
    MONTHLY_METHODS,
    QUARTER_END,
    RULES,
    last_quarter,
    month_rule,
)
from clusterlib.labels import command_text, listed, word_label
from clusterlib.messages import Message, message
from clusterlib.paths import project_relative

GROWTH_TOLERANCE = 0.051
"""pp by which a quarter-end month's 累计 growth may differ from its quarter's (one-decimal
rounding of the same release; assumption V2)."""
LEVEL_TOLERANCE = 0.001
"""Relative difference allowed between a quarter-end month's 累计 level and its quarter's."""


def quarter_disagreements(records: pd.DataFrame, panel: pd.DataFrame) -> list[Problem]:
    """A problem at each monthly 累计 record of a quarter's last month (March, June,
    September, December) that is not the quarterly data's 累计 of that quarter.

    The months are read against the quarters (the month's surprise is measured between
    them), so they must come from the same releases: a disagreement means another year's
    figures, another unit, or another release. Growth is compared with the growth the
    panel's chained index reproduces, levels with the panel's levels summed over the year;
    series the panel does not hold are not compared.
    """
    expected = quarterly_ytd(panel)
    found: dict[tuple[str, str, str], list[Problem]] = {}
    for row in _quarter_end_rows(records).rename(columns={"_row": "line"}).itertuples():
        key = (row.region, row.indicator, row.measure, str(row.period.asfreq("Q-DEC")))
        if key not in expected.index:
            continue
        want = float(expected[key])
        if _agrees(float(row.value), want, row.measure):
            continue
        said = message(
            "quarter_disagrees",
            region=row.region,
            indicator=row.indicator,
            figure=message("ytd_growth_pct" if row.measure == "growth" else "ytd_level"),
            month=str(row.period),
            value=row.value,
            quarter=key[3],
            expected=want,
        )
        where = project_relative(Path(row.file))
        found.setdefault(key[:3], []).append(Problem(where, int(row.line), "value", said))
    return [_first_of(series) for series in found.values()]


def _first_of(problems: list[Problem]) -> Problem:
    """A series' first disagreement, counting the others."""
    first, more = problems[0], len(problems) - 1
    if not more:
        return first
    said = message("more_quarter_ends", problem=first.message, count=more)
    return Problem(first.file, first.row, first.column, said)


def quarterly_ytd(panel: pd.DataFrame) -> pd.Series:
    """The panel's flow series as 累计 per quarter, by (region, indicator, measure, quarter):
    ``level`` summed over the year's quarters, ``growth`` (%) from the chained ``index``."""
    flows = catalog.flows()
    rows = panel[panel["indicator"].isin(flows) & panel["measure"].isin(["level", "index"])]
    parts = []
    for (region, indicator, measure), series in rows.groupby(["region", "indicator", "measure"]):
        values = series.set_index(pd.PeriodIndex(series["period"], freq="Q-DEC"))["value"]
        values = values.sort_index().astype(float)
        cumulative = values.groupby(values.index.year).cumsum()
        if measure == "index":
            before = cumulative.reindex(cumulative.index - 4).to_numpy()
            cumulative = 100 * (cumulative / before - 1)
        named = "level" if measure == "level" else "growth"
        index = [(region, indicator, named, str(period)) for period in cumulative.index]
        parts.append(pd.Series(cumulative.to_numpy(), index=pd.MultiIndex.from_tuples(index)))
    return pd.concat(parts).dropna() if parts else pd.Series(dtype=float)


def _quarter_end_rows(records: pd.DataFrame) -> pd.DataFrame:
    """Final monthly 累计 records of March, June, September and December."""
    monthly = np.array([getattr(p, "freqstr", "") == "M" for p in records["period"]])
    picked = records[monthly & (records["period_type"] == "ytd").to_numpy()]
    picked = picked[picked["status"] == "final"]
    return picked[[p.month % 3 == 0 for p in picked["period"]]]


def _agrees(value: float, expected: float, measure: str) -> bool:
    """Whether a month's 累计 is its quarter's, up to rounding of the same release."""
    if measure == "growth":
        return abs(value - expected) <= GROWTH_TOLERANCE
    return abs(value - expected) <= LEVEL_TOLERANCE * abs(expected)


NO_FIGURES, MONTHS_MISSING = "no_monthly_figures", "months_missing"
"""Why a series keeps the quarterly forecast (words of :data:`clusterlib.labels.WORDS`)."""
STAND_IN = "factor_stand_in"
"""Why a series moves by "累计 growth stays" where the month's rule is the factor model."""


@dataclass(frozen=True)
class OutlookGap:
    """A flow series the month's rule cannot forecast as it says: it has no monthly figures,
    or lacks the 累计 of the ``missing`` months the rule reads (it keeps the quarterly
    forecast), or (``stand_in``) its monthly history is too short for the factor model, for
    which "累计 growth stays" stands in, as in the bench."""

    region: str
    indicator: str
    missing: tuple[str, ...] = ()
    stand_in: bool = False

    @property
    def reason(self) -> str:
        """:data:`NO_FIGURES`, :data:`MONTHS_MISSING` or :data:`STAND_IN`."""
        if self.stand_in:
            return STAND_IN
        return MONTHS_MISSING if self.missing else NO_FIGURES

    def text(self, not_final: Collection[str] = ()) -> Message:
        """The reason, from the message catalogue (told in the run's language); ``not_final``
        are the months (``2019-08``) of which the series has rows, none of them final
        (``estimate``, ``alternative``): a missing month among them is said to be one."""
        if self.stand_in:
            return message("outlook_reason_stand_in", n=MIN_MONTHS)
        months = ", ".join(self.missing)  # 2019年8月、2018年12月 in Chinese
        held = ", ".join(month for month in self.missing if month in not_final)
        if held:
            return message("outlook_reason_not_final", missing_months=months, held_months=held)
        if self.missing:
            return message("outlook_reason_months", missing_months=months)
        return message("outlook_reason_no_figures")


def not_final_months(records: pd.DataFrame) -> dict[tuple[str, str], set[str]]:
    """The months (``2019-08``) of each (region, indicator) of monthly year-to-date
    ``records`` whose every row is not final (``estimate``, ``alternative``): not analysed."""
    monthly = np.array([getattr(p, "freqstr", "") == "M" for p in records["period"]])
    rows = records[monthly & (records["period_type"] == "ytd").to_numpy()]
    if "status" not in rows:
        return {}
    rows = rows.assign(month=rows["period"].map(str), final=rows["status"] == "final")
    finals = rows.groupby(["region", "indicator", "month"])["final"].any()
    found: dict[tuple[str, str], set[str]] = {}
    for (region, indicator, month), final in finals.items():
        if not final:
            found.setdefault((str(region), str(indicator)), set()).add(str(month))
    return found


def outlook_gaps(
    panel: pd.DataFrame, frames: dict[tuple[str, str], pd.DataFrame], month: pd.Period
) -> tuple[list[tuple[str, str]], list[OutlookGap]]:
    """(the series the month's rule moves, the series it cannot forecast as it says) at
    ``month``.

    The series are the panel's flow series whose data end at :func:`last_quarter` of
    ``month``, where the month's rule moves the quarterly forecast at all (not 1–3月 nor
    December). ``frames`` are the monthly 累计 frames by (region, indicator)
    (:func:`clusterlib.pipeline.monthly_frames`); a series can be moved when its frame has
    this year's and last year's 累计 of ``month`` and last year's December. Where the rule is
    the factor model (or the blend), a moved series the model cannot take
    (:func:`clusterlib.forecasting.factor.fittable`) is also a gap, with ``stand_in``.
    """
    if month_rule(month.month) == QUARTER_END:
        return [], []
    flows = catalog.flows()
    done = last_quarter(month)
    ends = panel.groupby(["region", "indicator"])["period"].max()
    moved, gaps = [], []
    for (region, indicator), end in ends.items():
        if indicator not in flows or pd.Period(end, freq="Q-DEC") != done:
            continue
        frame = frames.get((region, indicator))
        missing = () if frame is None else missing_months(frame, month)
        if frame is None or missing:
            gaps.append(OutlookGap(str(region), str(indicator), missing))
        else:
            moved.append((str(region), str(indicator)))
    return moved, gaps + factor_stand_ins(frames, moved, month)


def factor_stand_ins(
    frames: dict[tuple[str, str], pd.DataFrame], moved: list[tuple[str, str]], month: pd.Period
) -> list[OutlookGap]:
    """The ``moved`` series the factor model cannot take at ``month`` (none where the month's
    rule is not the factor model nor the blend)."""
    if RULES[month.month].method not in MONTHLY_METHODS:
        return []
    gaps = []
    for indicator in sorted({indicator for _, indicator in moved}):
        group = {region: frames[(region, ind)] for region, ind in moved if ind == indicator}
        taken = set(fittable(monthly_growth(group, month)).columns)
        gaps += [OutlookGap(r, indicator, stand_in=True) for r in group if r not in taken]
    return gaps


def missing_months(frame: pd.DataFrame, month: pd.Period) -> tuple[str, ...]:
    """The months a series' 累计 frame lacks for its outlook at ``month``: this year's and
    last year's ``month``, last year's December."""
    needed = [(month.year, month.month), (month.year - 1, month.month), (month.year - 1, 12)]
    return tuple(
        f"{year}-{m:02d}"
        for year, m in needed
        if year not in frame.index or not np.isfinite(frame.loc[year, m])
    )


def gap_table(gaps: list[OutlookGap]) -> pd.DataFrame:
    """The gaps as the run's ``tables/outlook_gaps.csv``: ``region, indicator, gap_reason,
    missing_months``."""
    rows = [(g.region, g.indicator, g.reason, ", ".join(g.missing)) for g in gaps]
    columns = ["region", "indicator", "gap_reason", "missing_months"]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def gaps_from_table(table: pd.DataFrame) -> list[OutlookGap]:
    """The gaps written by :func:`gap_table` (read back from a run's tables)."""
    return [
        OutlookGap(
            row.region,
            row.indicator,
            tuple(m for m in row.missing_months.split(", ") if m),
            row.gap_reason == STAND_IN,
        )
        for row in table.fillna("").itertuples()
    ]


def gap_lines(
    gaps: list[OutlookGap],
    moved: list[tuple[str, str]],
    month: pd.Period,
    lang: str | None = None,
) -> list[str]:
    """Terminal warnings: indicators of which no series has a monthly figure in one line, the
    other series that keep the quarterly forecast one a line, then those for which
    "累计 growth stays" stands in for the factor model. By id, or with ``lang`` by name in
    that language (:data:`clusterlib.labels.COMMAND_TEXT`)."""
    kept = [g for g in gaps if not g.stand_in]
    with_months = {indicator for _, indicator in moved} | {g.indicator for g in kept if g.missing}
    whole = sorted({g.indicator for g in kept} - with_months)
    lines = []
    if whole:
        names = (
            ", ".join(whole)
            if lang is None
            else listed([catalog.indicator_name(i, lang) for i in whole], lang)
        )
        lines.append(command_text("outlook_no_months", lang, month=month, names=names))
    sections = [
        ([g for g in kept if g.indicator not in whole], "outlook_kept_head"),
        ([g for g in gaps if g.stand_in], "outlook_stand_in_head"),
    ]
    for listed_gaps, head in sections:
        if listed_gaps:
            lines.append(
                command_text(head, lang, month=month, n=len(listed_gaps), months=MIN_MONTHS + 1)
            )
            lines += [f"  {_series(g, lang)}: {_reason(g, lang)}" for g in listed_gaps]
    return lines


def _series(gap: OutlookGap, lang: str | None) -> str:
    """region/indicator, by id or by name."""
    if lang is None:
        return f"{gap.region}/{gap.indicator}"
    return f"{catalog.region_name(gap.region, lang)}/{catalog.indicator_name(gap.indicator, lang)}"


def _reason(gap: OutlookGap, lang: str | None) -> str:
    """Why, for the terminal: :meth:`OutlookGap.text`, or the word in ``lang`` with the
    missing months."""
    if lang is None:
        return gap.text()
    word = word_label(gap.reason, lang)
    if not gap.missing:
        return word
    return (
        f"{word}（{'、'.join(gap.missing)}）"
        if lang == "zh"
        else f"{word} ({', '.join(gap.missing)})"
    )
