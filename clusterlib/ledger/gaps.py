"""Earlier 累计 figures a ledger month needs and the data lack: last month's, last December's
(or its level, where the series holds growth rates only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.coverage import Coverage
from clusterlib.labels import command_text, period_name

MONTHLY = "M"
PREVIOUS_MONTH = "previous_month_missing"  # 本月（当月） and 较上月增减 need it
LAST_DECEMBER = "last_december_missing"  # a growth target needs it as its base
EARLIER_MONTH = "earlier_month_missing"  # a month of the year before last month: a row less
GROWTH_ONLY = "growth_only_target"  # a growth target on a series of growth rates, no levels
LEVEL_GROWTH_ONLY = "level_target_growth_only"  # a level target (目标) on the same: no completion
JANUARY = "january_left_out"  # a January 累计 of the data: 1–2月 is the ledger's first month
KINDS = (PREVIOUS_MONTH, EARLIER_MONTH, LAST_DECEMBER, GROWTH_ONLY, LEVEL_GROWTH_ONLY, JANUARY)
"""Kinds of :class:`FigureGap`, rows of the 数据缺失 sheet (words in ``labels.WORDS``)."""
SHOWN = 10  # pairs named on one terminal line, then 等 / "and n more"


@dataclass(frozen=True)
class FigureGap:
    """``region``'s ``indicator`` lacks its 累计 of ``period``, which the ledger month needs
    (``kind``: one of :data:`KINDS`; for :data:`GROWTH_ONLY` and :data:`LEVEL_GROWTH_ONLY`,
    ``period`` holds a 累计 growth and no level; for :data:`JANUARY`, ``period`` is a January
    whose 累计 the data hold and the ledger leaves out)."""

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
    return _ordered(PREVIOUS_MONTH, _lacking(table, month, month - 1, indicators), indicators)


def earlier_month_gaps(
    table: pd.DataFrame, month: pd.Period, indicators: Sequence[str]
) -> list[FigureGap]:
    """The months of ``month``'s year from 1–2月 to two months before ``month`` that a region
    with a 累计 at ``month`` lacks, for ``indicators``: ledger.csv has no row of that month
    for it and the next month's 本月 and 较上月增减 stay empty (a missing quarter end also
    stops the year-end projection before December: ``months missing``)."""
    first = pd.Period(year=month.year, month=2, freq=MONTHLY)
    found = []
    for earlier in pd.period_range(first, month - 2, freq=MONTHLY):
        found += _ordered(EARLIER_MONTH, _lacking(table, month, earlier, indicators), indicators)
    return found


def target_base_gaps(
    table: pd.DataFrame, month: pd.Period, targets: pd.DataFrame | None, indicators: Sequence[str]
) -> list[FigureGap]:
    """The growth targets of ``month``'s year, for ``indicators``, whose base, last year's
    December 累计 level, the data lack: they cannot be turned into a level (年度目标 and
    目标完成率 stay empty). Kind :data:`LAST_DECEMBER` where the data hold no December
    figure at all, :data:`GROWTH_ONLY` where they hold its 累计 growth but no level (a
    growth-only series, e.g. 高新技术产业增加值: no level to take the growth over)."""
    if targets is None or targets.empty:
        return []
    wanted = targets[
        (targets["year"] == month.year)
        & (targets["measure"] == "growth")
        & targets["indicator"].isin(list(indicators))
    ]
    december = pd.Period(year=month.year - 1, month=12, freq=MONTHLY)
    at = table[table["period"] == december]
    present = set(zip(at["region"], at["indicator"], strict=True))
    level = at[at["ytd"].notna()]
    levels = set(zip(level["region"], level["indicator"], strict=True))
    pairs = list(zip(wanted["region"], wanted["indicator"], strict=True))
    missing = [(r, i, december) for r, i in pairs if (r, i) not in present]
    growth_only = [(r, i, december) for r, i in pairs if (r, i) in present - levels]
    return _ordered(LAST_DECEMBER, missing, indicators) + _ordered(
        GROWTH_ONLY, growth_only, indicators
    )


def level_target_gaps(
    table: pd.DataFrame, month: pd.Period, targets: pd.DataFrame | None, indicators: Sequence[str]
) -> list[FigureGap]:
    """The level targets (目标, e.g. a 亿元 total) of ``month``'s year, for ``indicators``, on a
    series whose 累计 at ``month`` is a growth rate without a level (growth-only): there is
    no level to compare with the target, so 目标完成率 stays empty (kind
    :data:`LEVEL_GROWTH_ONLY`, ``period`` the ledger month)."""
    if targets is None or targets.empty:
        return []
    wanted = targets[
        (targets["year"] == month.year)
        & (targets["measure"] == "level")
        & targets["indicator"].isin(list(indicators))
    ]
    at = table[(table["period"] == month) & table["ytd"].isna() & table["growth"].notna()]
    growth_only = set(zip(at["region"], at["indicator"], strict=True))
    pairs = zip(wanted["region"], wanted["indicator"], strict=True)
    return _ordered(
        LEVEL_GROWTH_ONLY, [(r, i, month) for r, i in pairs if (r, i) in growth_only], indicators
    )


def january_rows(
    table: pd.DataFrame, month: pd.Period, indicators: Sequence[str]
) -> list[FigureGap]:
    """The January 累计 figures of the data up to ``month``, for ``indicators``, that the
    ledger leaves out (kind :data:`JANUARY`): January is never published alone, 1–2月 come
    out together in February and are the ledger's first month (a January row was dropped
    without a word)."""
    rows = table[table["indicator"].isin(list(indicators))]
    periods = pd.PeriodIndex(rows["period"], freq=MONTHLY)
    rows = rows[(periods.month == 1) & (periods <= month)]
    keys = zip(rows["region"], rows["indicator"], rows["period"], strict=True)
    return _ordered(JANUARY, list(keys), indicators)


def gap_lines(
    gaps: Sequence[FigureGap],
    targets: pd.DataFrame | None,
    lang: str,
    table: pd.DataFrame | None = None,
) -> list[str]:
    """Terminal warnings in ``lang``, by name: one line for the months before the ledger
    month that are missing, one per growth target without its base (last December's 累计
    missing, or the series has growth rates only: then its December growth, from ``table``,
    :func:`clusterlib.ledger.indicators.monthly_table`'s, is quoted where given)."""
    lines = []
    previous = [g for g in gaps if g.kind == PREVIOUS_MONTH]
    if previous:
        lines.append(
            command_text(
                "gap_last_month",
                lang,
                period=previous[0].period,
                month=str(pd.Period(previous[0].period, freq=MONTHLY) + 1),
                n=len(previous),
                names=_names(previous, _pair, lang),
            )
        )
    earlier = [g for g in gaps if g.kind == EARLIER_MONTH]
    if earlier:
        names = _names(earlier, _dated, lang)
        lines.append(command_text("gap_earlier_month", lang, n=len(earlier), names=names))
    keys = {
        LAST_DECEMBER: "gap_target_base",
        GROWTH_ONLY: "gap_growth_only",
        LEVEL_GROWTH_ONLY: "gap_level_growth_only",
    }
    for gap in (g for g in gaps if g.kind in keys):
        year = pd.Period(gap.period, freq=MONTHLY).year + (gap.kind != LEVEL_GROWTH_ONLY)
        fields = {"name": _pair(gap, lang), "year": year, "value": _declared(targets, gap, year)}
        if gap.kind in (GROWTH_ONLY, LEVEL_GROWTH_ONLY):
            fields["growth"] = _growth(table, gap)
        lines.append(command_text(keys[gap.kind], lang, period=gap.period, **fields))
    january = [g for g in gaps if g.kind == JANUARY]
    if january:
        names = _names(january, _dated, lang)
        lines.append(command_text("gap_january", lang, n=len(january), names=names))
    return lines


def gap_sentence(gaps: Sequence[FigureGap], lang: str = "zh") -> str:
    """The gaps in one sentence for ledger.html, after the coverage's ("" when none)."""
    parts = []
    keys = {
        PREVIOUS_MONTH: "sentence_last_month",
        EARLIER_MONTH: "sentence_earlier_month",
        LAST_DECEMBER: "sentence_target_base",
        GROWTH_ONLY: "sentence_growth_only",
        LEVEL_GROWTH_ONLY: "sentence_level_growth_only",
        JANUARY: "sentence_january",
    }
    for kind in KINDS:
        found = [g for g in gaps if g.kind == kind]
        if found:
            names = _names(found, _dated if kind in (EARLIER_MONTH, JANUARY) else _pair, lang)
            period, n = found[0].period, len(found)
            parts.append(command_text(keys[kind], lang, period=period, names=names, n=n))
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


def _lacking(
    table: pd.DataFrame, month: pd.Period, earlier: pd.Period, indicators: Sequence[str]
) -> list[tuple[str, str, pd.Period]]:
    """(region, indicator, ``earlier``) of ``table`` with a level (or growth) at ``month``
    and none at ``earlier``."""
    rows = table[table["indicator"].isin(list(indicators))]
    keys = ["region", "indicator"]
    now = rows[rows["period"] == month].set_index(keys)[["ytd", "growth"]]
    then = rows[rows["period"] == earlier].set_index(keys)[["ytd", "growth"]].reindex(now.index)
    lacking = (now["ytd"].notna() & then["ytd"].isna()) | (
        now["growth"].notna() & then["growth"].isna()
    )
    return [(str(r), str(i), earlier) for r, i in now.index[lacking.to_numpy()]]


def _ordered(
    kind: str, keys: Sequence[tuple[str, str, pd.Period]], indicators: Sequence[str]
) -> list[FigureGap]:
    """Gaps of ``keys`` (region, indicator, period): indicators in ledger order, the city
    first, then the catalogue's regions in order, others by id."""
    known = {region: n for n, region in enumerate(["city", *catalog.regions().index])}
    order = {indicator: n for n, indicator in enumerate(indicators)}
    ranked = sorted(
        set(keys), key=lambda k: (order.get(k[1], len(order)), known.get(k[0], len(known)), k[0])
    )
    return [FigureGap(kind, region, indicator, str(period)) for region, indicator, period in ranked]


def _names(gaps: Sequence[FigureGap], name: Callable[[FigureGap, str], str], lang: str) -> str:
    """The first :data:`SHOWN` gaps by ``name``, joined, then 等 / "and n more"."""
    join = "、" if lang == "zh" else ", "
    extra = len(gaps) - SHOWN
    more = command_text("gap_more", lang, n=extra) if extra > 0 else ""
    return join.join(name(g, lang) for g in gaps[:SHOWN]) + more


def _pair(gap: FigureGap, lang: str) -> str:
    """郑州航空港/固定资产投资: region and indicator by name."""
    known = gap.region in catalog.regions().index
    region = catalog.region_name(gap.region, lang) if known else gap.region
    return f"{region}/{catalog.indicator_name(gap.indicator, lang)}"


def _dated(gap: FigureGap, lang: str) -> str:
    """郑州航空港产业集聚区/固定资产投资（2019年3月）: :func:`_pair` with the missing month."""
    period = period_name(gap.period, lang)
    return f"{_pair(gap, lang)}（{period}）" if lang == "zh" else f"{_pair(gap, lang)} ({period})"


def _declared(targets: pd.DataFrame | None, gap: FigureGap, year: int) -> float:
    """The declared target (growth %, or level) of ``gap``'s region, indicator and ``year``
    (NaN if none)."""
    if targets is None:
        return np.nan
    found = targets[
        (targets["region"] == gap.region)
        & (targets["indicator"] == gap.indicator)
        & (targets["year"] == year)
    ]
    return float(found["value"].iloc[0]) if len(found) else np.nan


def _growth(table: pd.DataFrame | None, gap: FigureGap) -> str:
    """``gap``'s 累计 growth at its period, e.g. ``12.8%``, as the data hold it ("?" without
    ``table``)."""
    if table is None:
        return "?"
    found = table[
        (table["region"] == gap.region)
        & (table["indicator"] == gap.indicator)
        & (table["period"] == pd.Period(gap.period, freq=MONTHLY))
    ]["growth"]
    return f"{float(found.iloc[0]):g}%" if len(found) and found.notna().iloc[0] else "?"


def figure_gaps(
    table: pd.DataFrame,
    month: pd.Period,
    indicators: Sequence[str],
    targets: pd.DataFrame | None = None,
) -> list[FigureGap]:
    """Every :class:`FigureGap` of the ledger of ``month``: last month's 累计 missing, earlier
    months' of the year, growth targets without last December's level, level targets on a
    growth-only series, then the January figures left out (:func:`previous_month_gaps`,
    :func:`earlier_month_gaps`, :func:`target_base_gaps`, :func:`level_target_gaps`,
    :func:`january_rows`)."""
    return [
        *previous_month_gaps(table, month, indicators),
        *earlier_month_gaps(table, month, indicators),
        *target_base_gaps(table, month, targets, indicators),
        *level_target_gaps(table, month, targets, indicators),
        *january_rows(table, month, indicators),
    ]
