"""Earlier 累计 figures a ledger month needs and the data lack: last month's, last December's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.coverage import Coverage
from clusterlib.labels import command_text

MONTHLY = "M"
PREVIOUS_MONTH = "previous_month_missing"  # 本月（当月） and 较上月增减 need it
LAST_DECEMBER = "last_december_missing"  # a growth target needs it as its base
KINDS = (PREVIOUS_MONTH, LAST_DECEMBER)
"""Kinds of :class:`FigureGap`, rows of the 数据缺失 sheet (words in ``labels.WORDS``)."""
SHOWN = 10  # pairs named on one terminal line, then 等 / "and n more"


@dataclass(frozen=True)
class FigureGap:
    """``region``'s ``indicator`` lacks its 累计 of ``period``, which the ledger month needs
    (``kind``: :data:`PREVIOUS_MONTH` or :data:`LAST_DECEMBER`)."""

    kind: str
    region: str
    indicator: str
    period: str


def previous_month_gaps(
    table: pd.DataFrame, month: pd.Period, indicators: Sequence[str]
) -> list[FigureGap]:
    """The regions with a 累计 at ``month`` (March to December) whose previous month's is
    missing, for ``indicators``: their 本月 and 较上月增减 stay empty.

    ``table`` is :func:`clusterlib.ledger.indicators.monthly_table`'s; a level missing where
    this month has one, or a growth missing where this month has one, is a gap.
    """
    if month.month < 3:  # 1–2月 has no previous month in the year
        return []
    rows = table[table["indicator"].isin(list(indicators))]
    keys = ["region", "indicator"]
    now = rows[rows["period"] == month].set_index(keys)[["ytd", "growth"]]
    last = rows[rows["period"] == month - 1].set_index(keys)[["ytd", "growth"]]
    last = last.reindex(now.index)
    lacking = (now["ytd"].notna() & last["ytd"].isna()) | (
        now["growth"].notna() & last["growth"].isna()
    )
    return _ordered(PREVIOUS_MONTH, list(now.index[lacking.to_numpy()]), str(month - 1), indicators)


def target_base_gaps(
    table: pd.DataFrame, month: pd.Period, targets: pd.DataFrame | None, indicators: Sequence[str]
) -> list[FigureGap]:
    """The growth targets of ``month``'s year, for ``indicators``, whose base, last year's
    December 累计, the data lack: they cannot be turned into a level (年度目标 and
    目标完成率 stay empty)."""
    if targets is None or targets.empty:
        return []
    wanted = targets[
        (targets["year"] == month.year)
        & (targets["measure"] == "growth")
        & targets["indicator"].isin(list(indicators))
    ]
    december = pd.Period(year=month.year - 1, month=12, freq=MONTHLY)
    base = table[(table["period"] == december) & table["ytd"].notna()]
    present = set(zip(base["region"], base["indicator"], strict=True))
    keys = [
        (r, i) for r, i in zip(wanted["region"], wanted["indicator"], strict=True)
        if (r, i) not in present
    ]  # fmt: skip
    return _ordered(LAST_DECEMBER, keys, str(december), indicators)


def gap_lines(gaps: Sequence[FigureGap], targets: pd.DataFrame | None, lang: str) -> list[str]:
    """Terminal warnings in ``lang``, by name: one line for the months before the ledger
    month that are missing, one per growth target without its base."""
    lines = []
    join = "、" if lang == "zh" else ", "
    previous = [g for g in gaps if g.kind == PREVIOUS_MONTH]
    if previous:
        shown = join.join(_pair(g, lang) for g in previous[:SHOWN])
        extra = len(previous) - SHOWN
        more = command_text("gap_more", lang, n=extra) if extra > 0 else ""
        lines.append(
            command_text(
                "gap_last_month",
                lang,
                period=previous[0].period,
                month=str(pd.Period(previous[0].period, freq=MONTHLY) + 1),
                n=len(previous),
                names=shown + more,
            )
        )
    for gap in (g for g in gaps if g.kind == LAST_DECEMBER):
        year = pd.Period(gap.period, freq=MONTHLY).year + 1
        value = _declared(targets, gap, year)
        lines.append(
            command_text(
                "gap_target_base",
                lang,
                period=gap.period,
                name=_pair(gap, lang),
                year=year,
                value=value,
            )
        )
    return lines


def gap_sentence(gaps: Sequence[FigureGap], lang: str = "zh") -> str:
    """The gaps in one sentence for ledger.html, after the coverage's ("" when none)."""
    parts = []
    for kind in KINDS:
        found = [g for g in gaps if g.kind == kind]
        if found:
            join = "、" if lang == "zh" else ", "
            names = join.join(_pair(g, lang) for g in found[:SHOWN])
            if len(found) > SHOWN:
                names += command_text("gap_more", lang, n=len(found) - SHOWN)
            key = "sentence_last_month" if kind == PREVIOUS_MONTH else "sentence_target_base"
            parts.append(command_text(key, lang, period=found[0].period, names=names))
    return "".join(parts)


def missing_table(coverage: Coverage, gaps: Sequence[FigureGap]) -> pd.DataFrame:
    """The 数据缺失 sheet: the coverage's rows at the month, then ``gaps`` (kind, region,
    indicator, period); one ``nothing_missing`` row only when both are empty."""
    if not gaps:
        return coverage.report_table()
    rows = pd.DataFrame(
        [(g.kind, g.region, g.indicator, g.period) for g in gaps],
        columns=["kind", "region", "indicator", "period"],
        dtype=object,
    )
    return pd.concat([coverage.frame(), rows], ignore_index=True)


def as_dict(gaps: Sequence[FigureGap]) -> dict[str, list[list[str]]]:
    """For the manifest's ``coverage``: each kind's ``[region, indicator, period]`` lists."""
    return {
        kind: [[g.region, g.indicator, g.period] for g in gaps if g.kind == kind] for kind in KINDS
    }


def _ordered(
    kind: str, keys: Sequence[tuple[str, str]] | pd.Index, period: str, indicators: Sequence[str]
) -> list[FigureGap]:
    """Gaps of ``keys`` (region, indicator): indicators in ledger order, the city first, then
    the catalogue's regions in order, others by id."""
    known = {region: n for n, region in enumerate(["city", *catalog.regions().index])}
    order = {indicator: n for n, indicator in enumerate(indicators)}
    ranked = sorted(
        {(str(r), str(i)) for r, i in keys},
        key=lambda k: (order.get(k[1], len(order)), known.get(k[0], len(known)), k[0]),
    )
    return [FigureGap(kind, region, indicator, period) for region, indicator in ranked]


def _pair(gap: FigureGap, lang: str) -> str:
    """郑州航空港/固定资产投资: region and indicator by name."""
    known = gap.region in catalog.regions().index
    region = catalog.region_name(gap.region, lang) if known else gap.region
    return f"{region}/{catalog.indicator_name(gap.indicator, lang)}"


def _declared(targets: pd.DataFrame | None, gap: FigureGap, year: int) -> float:
    """The declared growth (%) of ``gap``'s region, indicator and ``year`` (NaN if none)."""
    if targets is None:
        return np.nan
    found = targets[
        (targets["region"] == gap.region)
        & (targets["indicator"] == gap.indicator)
        & (targets["year"] == year)
    ]
    return float(found["value"].iloc[0]) if len(found) else np.nan


def figure_gaps(
    table: pd.DataFrame,
    month: pd.Period,
    indicators: Sequence[str],
    targets: pd.DataFrame | None = None,
) -> list[FigureGap]:
    """Every :class:`FigureGap` of the ledger of ``month``: last month's 累计 missing, then
    growth targets without last December's (:func:`previous_month_gaps`,
    :func:`target_base_gaps`)."""
    return [
        *previous_month_gaps(table, month, indicators),
        *target_base_gaps(table, month, targets, indicators),
    ]
