"""Coverage guards: does the data reach the period asked for, and what is missing at it."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog, paths
from clusterlib.exceptions import CoverageError, ParameterError, UsageError
from clusterlib.inputs.panel import load_records, quarter_span
from clusterlib.inputs.records import RECORD_STATUSES, parse_month
from clusterlib.labels import command_text, period_name
from clusterlib.messages import message
from clusterlib.params import follows_quarter
from clusterlib.paths import project_relative

QUARTERLY = "Q-DEC"
MONTHLY = "M"
KINDS = (
    "indicator_missing",
    "region_missing",
    "pair_missing",
    "register_missing",
    "cluster_absent",
)
"""Kinds of gap in :meth:`Coverage.frame` (the run's ``tables/missing_data.csv``); their words
are in :data:`clusterlib.labels.WORDS`."""
NOTHING_MISSING = "nothing_missing"
MIN_PATHS = 100
"""The fewest simulated paths a notebook's goal probabilities may come from (assumption C5:
with 100 a probability near 0.5 is known to about ±0.05; with 1 it is 0 or 1)."""


@dataclass(frozen=True)
class Coverage:
    """What the data lack at ``period``: whole indicators, whole regions, region × indicator.

    ``indicators`` are indicators the report is configured to show that have no value at all
    at ``period``; ``regions`` are regions present in the data at other periods, or expected
    there (the ledger's city and catalogue clusters), with no value at ``period``; ``pairs``
    are the remaining (region, indicator) gaps; ``register`` is True when the key-project
    register holds no row of ``period``'s month (its goals then read ``no data``,
    :func:`clusterlib.ledger.project_goals.register_coverage`). ``at`` is the period the
    regions and pairs lack when narrower than ``period`` (the evaluation's year 2018 reads
    each cluster's figures at 2018Q4), "" when the same. ``absent`` are the catalogue
    clusters with no row at any period (:func:`absent_clusters`, also in ``regions``): the
    all-cluster totals leave them out. ``preliminary`` are the (region, indicator) whose rows
    of ``period`` are all of another status than ``final`` (``estimate``, ``alternative``):
    not analysed, so also among the gaps above; said in a line of their own.
    """

    period: str
    indicators: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    register: bool = False
    at: str = ""
    absent: tuple[str, ...] = ()
    preliminary: tuple[tuple[str, str], ...] = ()

    @property
    def gaps_at(self) -> str:
        """The period the regions and pairs lack (:attr:`at`, else :attr:`period`)."""
        return self.at or self.period

    @property
    def complete(self) -> bool:
        """True when nothing is missing."""
        return not (self.indicators or self.regions or self.pairs or self.register)

    def lines(self, lang: str | None = None) -> list[str]:
        """One warning line per kind of gap (empty when complete), for the terminal: by id, or
        with ``lang`` by name in that language (:data:`clusterlib.labels.COMMAND_TEXT`)."""
        if lang is None:
            return self._id_lines()
        join, period = "、" if lang == "zh" else ", ", self.gaps_at
        lines = [
            command_text(
                "gap_indicator", lang, period=self.period, name=catalog.indicator_name(i, lang)
            )
            for i in self.indicators
        ]
        if self.regions:
            names = join.join(_region_names(self.regions, lang))
            lines.append(
                command_text("gap_regions", lang, period=period, n=len(self.regions), names=names)
            )
        if self.pairs:
            shown = join.join(
                f"{catalog.region_name(r, lang)}/{catalog.indicator_name(i, lang)}"
                for r, i in self.pairs[:10]
            )
            extra = len(self.pairs) - 10
            more = command_text("gap_more", lang, n=extra) if extra > 0 else ""
            lines.append(
                command_text(
                    "gap_pairs", lang, period=period, n=len(self.pairs), names=shown + more
                )
            )
        return lines + self._absent_lines(lang) + self._preliminary_lines(lang)

    def _preliminary_lines(self, lang: str | None) -> list[str]:
        """The line saying which figures of the period were left out as not final."""
        if not self.preliminary:
            return []
        if lang is None:
            shown = ", ".join(f"{region}/{indicator}" for region, indicator in self.preliminary)
        else:
            shown = ("、" if lang == "zh" else ", ").join(
                f"{catalog.region_name(r, lang)}/{catalog.indicator_name(i, lang)}"
                for r, i in self.preliminary[:10]
            )
            extra = len(self.preliminary) - 10
            shown += command_text("gap_more", lang, n=extra) if extra > 0 else ""
        fields = {"period": self.period, "n": len(self.preliminary), "names": shown}
        return [command_text("preliminary_left_out", lang, **fields)]

    def _absent_lines(self, lang: str | None) -> list[str]:
        """The line saying the all-cluster totals leave out the :attr:`absent` clusters."""
        if not self.absent:
            return []
        names = ("、" if lang == "zh" else ", ").join(
            _region_names(self.absent, lang) if lang else self.absent
        )
        said = message("clusters_absent", names=names, **self._cluster_counts())
        return [said.text(lang or "en")]

    def _cluster_counts(self) -> dict[str, int]:
        """The clusters with data (``n``) and in the catalogue (``total``)."""
        total = len(catalog.clusters())
        return {"n": total - len(self.absent), "total": total}

    def _id_lines(self) -> list[str]:
        """:meth:`lines` by id (library callers without a language)."""
        lines = [
            f"warning: no data for {self.period} for indicator {name}: left out of the "
            "report (no re-weighting of the others)"
            for name in self.indicators
        ]
        if self.regions:
            lines.append(
                f"warning: no data for {self.gaps_at} in {len(self.regions)} region(s): "
                + ", ".join(self.regions)
            )
        if self.pairs:
            shown = ", ".join(f"{region}/{indicator}" for region, indicator in self.pairs[:10])
            more = f" and {len(self.pairs) - 10} more" if len(self.pairs) > 10 else ""
            lines.append(
                f"warning: no data for {self.gaps_at} for {len(self.pairs)} region/indicator "
                f"pair(s): {shown}{more}"
            )
        return lines + self._absent_lines(None) + self._preliminary_lines(None)

    def warn(self, lang: str | None = None) -> None:
        """Print :meth:`lines` on stderr."""
        for line in self.lines(lang):
            print(line, file=sys.stderr)

    def as_dict(self) -> dict[str, object]:
        """For a manifest: the period and every gap (lists of ids)."""
        return {
            "period": self.period,
            "regions_and_pairs_at": self.gaps_at,
            "indicators_without_data": list(self.indicators),
            "regions_without_data": list(self.regions),
            "missing_pairs": [list(pair) for pair in self.pairs],
            "register_without_data": self.register,
            "clusters_without_any_data": list(self.absent),
            "preliminary_not_analysed": [list(pair) for pair in self.preliminary],
        }

    def frame(self) -> pd.DataFrame:
        """The gaps as a tidy table of ids: ``kind`` (:data:`KINDS`), ``region``, ``indicator``,
        ``period`` (the quarterly run's ``tables/missing_data.csv``)."""
        rows = [(KINDS[0], "", i) for i in self.indicators]
        rows += [(KINDS[1], r, "") for r in self.regions if r not in self.absent]
        rows += [(KINDS[2], r, i) for r, i in self.pairs]
        rows += [(KINDS[3], "", "")] if self.register else []
        rows += [(KINDS[4], r, "") for r in self.absent]
        frame = pd.DataFrame(rows, columns=["kind", "region", "indicator"], dtype=object)
        at = [self.period] * len(self.indicators) + [self.gaps_at] * (
            len(rows) - len(self.indicators)
        )
        return frame.assign(period=at)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, period: str) -> Coverage:
        """The coverage written by :meth:`frame` (read back from a run's tables)."""
        by_kind = {kind: frame[frame["kind"] == kind] for kind in KINDS}
        return cls(
            period,
            tuple(by_kind[KINDS[0]]["indicator"]),
            (*by_kind[KINDS[1]]["region"], *by_kind[KINDS[4]]["region"]),
            tuple(zip(by_kind[KINDS[2]]["region"], by_kind[KINDS[2]]["indicator"], strict=True)),
            not by_kind[KINDS[3]].empty,
            absent=tuple(by_kind[KINDS[4]]["region"]),
        )

    def sentence(self, lang: str = "zh") -> str:
        """The gaps in one sentence for a bulletin, names in ``lang`` ("" when complete)."""
        if self.complete:
            return ""
        zh = lang == "zh"
        join, parts = ("、" if zh else ", "), []
        for names, period in (
            ([catalog.indicator_name(i, lang) for i in self.indicators], self.period),
            (_region_names(self.regions, lang), self.gaps_at),
        ):
            if names:
                what = join.join(names)
                parts.append(
                    f"{what}无{period_name(period)}数据" if zh else f"no {period} data of {what}"
                )
        if self.pairs:
            n = len(self.pairs)
            parts.append(
                f"另有{n}项地区指标缺数" if zh else f"{n} region/indicator figures missing"
            )
        if self.register:
            parts.append(
                f"重点项目台账无{period_name(self.period)}数据，重点项目目标无数据"
                if zh
                else f"no {self.period} rows in the key-project register: its goals have no data"
            )
        if self.absent:
            parts.append(message("clusters_absent_part", **self._cluster_counts()).text(lang))
        if zh:
            rest = (
                "。缺失项未补录，也未调整其他项的权重；其全年数如列出，为据已有数据的预计数，"
                "详见“数据缺失”表。"
            )
            return "数据缺失：" + "；".join(parts) + rest
        rest = (
            ". Missing figures were not filled in and nothing was re-weighted; a full-year "
            "figure shown for them is a forecast from the data in hand; see the 'Missing data' "
            "table."
        )
        return "Missing data: " + "; ".join(parts) + rest

    def report_table(self) -> pd.DataFrame:
        """The report's 数据缺失 sheet: :meth:`frame`, or one ``nothing_missing`` row when
        complete (the sheet is always there; the workbook writer names regions, indicators
        and kinds)."""
        if not self.complete:
            return self.frame()
        return pd.DataFrame(
            {"kind": [NOTHING_MISSING], "region": [""], "indicator": [""], "period": [self.period]}
        )


def _region_names(regions: Iterable[str], lang: str) -> list[str]:
    """Names of ``regions`` in ``lang``, in catalogue order (others last, by id)."""
    known = {region: n for n, region in enumerate(catalog.regions().index)}
    ordered = sorted(regions, key=lambda region: (known.get(region, len(known)), region))
    return [catalog.region_name(region, lang) for region in ordered]


def asked_quarter(quarter: str) -> pd.Period:
    """``quarter`` as a quarterly Period; raise unless written like ``2019Q2``.

    Raises
    ------
    UsageError
        For ``2019Q5``, ``garbage`` or any other spelling than ``YYYYQn``.
    """
    try:
        period = pd.Period(str(quarter), freq=QUARTERLY)
    except (ValueError, TypeError):
        period = None
    if period is None or str(period) != str(quarter):
        raise UsageError(message("bad_quarter", given=quarter))
    return period


def asked_paths(n_paths: int) -> int:
    """``n_paths`` (a notebook's simulated paths) if a whole number of at least
    :data:`MIN_PATHS` (assumption C5); else a ParameterError."""
    whole = isinstance(n_paths, int | np.integer) and not isinstance(n_paths, bool)
    if not whole or n_paths < MIN_PATHS:
        raise ParameterError(message("n_paths_minimum", minimum=MIN_PATHS, value=n_paths))
    return int(n_paths)


def asked_month(month: str, quarter: pd.Period | None = None) -> pd.Period:
    """``as_of_month`` as a monthly Period; raise unless written like ``2019-08`` and, with
    ``quarter``, its last month or one of the two after it (as ``params/run.yaml`` is checked).

    Raises
    ------
    ParameterError
        For ``2019-13``, ``201908`` or any other spelling than ``YYYY-MM``, or a month that
        does not follow ``quarter``.
    """
    period = parse_month(str(month))
    if period is None:
        raise ParameterError(message("bad_as_of_month", given=month))
    if quarter is not None and not follows_quarter(period, quarter):
        raise ParameterError(message("as_of_month_not_after", month=month, quarter=str(quarter)))
    return period


def asked_indicator(indicator: str) -> str:
    """``indicator`` if the catalogue knows it; else a ParameterError naming the known ones."""
    known = catalog.indicators().index
    if indicator not in known:
        file = project_relative(paths.catalog_dir() / "indicators.csv")
        raise ParameterError(
            message(
                "indicator_not_in_catalogue", given=indicator, file=file, known=", ".join(known)
            )
        )
    return indicator


def require_quarter(
    panel: pd.DataFrame,
    quarter: str | pd.Period,
    files: Iterable[str | Path],
    indicators: Iterable[str] | None = None,
    span: tuple[pd.Period, pd.Period] | None = None,
    lang: str | None = None,
) -> Coverage:
    """Raise unless the panel holds data at ``quarter``; return what is missing there.

    Parameters
    ----------
    panel : pd.DataFrame
        The quarterly panel (``region``, ``indicator``, ``period``), cut at ``quarter`` or not.
    quarter : str or pd.Period
        The quarter asked for.
    files : iterable of paths
        The data files, named in the message.
    indicators : iterable of str, optional
        Indicators the caller needs: each must have data at ``quarter``.
    span : (first, last) quarters, optional
        Where the uncut records start and end (:func:`clusterlib.inputs.panel.quarter_span`),
        for a panel cut at ``quarter``; read from ``files`` when not given and the quarter is
        missing, so the message says whether the data start later, end earlier or skip it.
    lang : str, optional
        The message's language (``zh``: 2020年第一季度无数据：季度数据止于2019年第四季度（…）);
        English by default.

    Raises
    ------
    CoverageError
        "no data for 2020Q1: the quarterly data end in 2019Q4 (data/demo/panel.csv)"; before
        the data: "no data for 2008Q4: the quarterly data start in 2010Q1 (…)"; a quarter
        the data skip: "no data for 2019Q2: the quarterly data (2014Q4 to 2025Q4) skip it".
    """
    asked = pd.Period(quarter, freq=QUARTERLY)
    names = _files(files)
    wanted = list(indicators) if indicators is not None else None
    rows = panel if wanted is None else panel[panel["indicator"].isin(wanted)]
    what = _quarterly_data(wanted, lang)
    periods = pd.PeriodIndex(rows["period"], freq=QUARTERLY)
    if span is None and not (periods == asked).any():  # only on the way to an error
        records = load_records(list(files))
        span = quarter_span(
            records if wanted is None else records[records["indicator"].isin(wanted)]
        )
    _require(asked, periods, what, names, lang, span)
    return with_absent(missing_at(rows, asked, wanted), absent_clusters(rows))


def absent_clusters(rows: pd.DataFrame) -> tuple[str, ...]:
    """Catalogue clusters (:func:`clusterlib.catalog.clusters`) with no row in ``rows`` at
    all, when ``rows`` hold another cluster (assumption C2: a release that lost a cluster;
    data of the city alone expect none)."""
    clusters, held = catalog.clusters(), set(rows["region"])
    if held.isdisjoint(clusters):
        return ()
    return tuple(cluster for cluster in clusters if cluster not in held)


def with_absent(coverage: Coverage, absent: tuple[str, ...]) -> Coverage:
    """``coverage`` with the ``absent`` clusters among its regions and as :attr:`absent`."""
    if not absent:
        return coverage
    regions = tuple(sorted(set(coverage.regions) | set(absent)))
    return replace(coverage, regions=regions, absent=absent)


def _quarterly_data(indicators: list[str] | None, lang: str | None) -> str:
    """What a quarter's coverage error calls the data: the quarterly data (of indicators)."""
    if indicators is None:
        return command_text("quarterly_data", lang)
    return command_text("quarterly_data_of", lang, names=_indicators(indicators, lang))


def _indicators(indicators: Iterable[str], lang: str | None) -> str:
    """Indicators in a coverage error: by name in zh (甲、乙), by id otherwise (a, b)."""
    if lang == "zh":
        return "、".join(catalog.indicator_name(i, "zh") for i in indicators)
    return ", ".join(indicators)


def require_year(
    panel: pd.DataFrame,
    year: int,
    cut: pd.Period,
    indicators: Iterable[str],
    files: Iterable[str | Path],
    regions: Iterable[str] = (),
    lang: str | None = None,
) -> Coverage:
    """Raise unless the scheme's ``indicators`` have data in ``year`` up to ``cut`` (the
    message in ``lang``, English by default).

    Returns the gaps at the last quarter of the year with data (up to ``cut``): a scheme
    indicator with no value in the year at all is listed in ``indicators``; each of the
    evaluated ``regions`` lacking an indicator others have is a missing pair, even when the
    files hold no row of it in any year; an indicator of the year that no region has at that
    quarter is a missing pair of each region that has it earlier. The regions and pairs are
    those of that quarter (:attr:`Coverage.at`, 2018Q4: a tax to 2018Q3 is not "no data for
    2018").

    Raises
    ------
    CoverageError
        "no data for 2030: the evaluation data end in 2019 (data/demo/evaluation.csv)"; a
        year whose data end before ``cut`` (every figure is read at the cut): "no data for
        2018Q4: the evaluation data end in 2018Q3 (…)".
    """
    wanted = list(indicators)
    rows = panel[panel["indicator"].isin(wanted)]
    periods = pd.PeriodIndex(rows["period"], freq=QUARTERLY)
    published = pd.PeriodIndex(_published(rows)["period"], freq=QUARTERLY)
    what = command_text("evaluation_data", lang)
    if not (published[published <= cut].year == year).any():
        first, last = (
            (published.min().year, published.max().year) if len(published) else (None, None)
        )
        raise CoverageError(_message(str(year), first, last, what, _files(files), lang))
    in_year = rows[(periods.year == year) & (periods <= cut)]
    latest = pd.PeriodIndex(in_year["period"], freq=QUARTERLY).max()
    if latest < cut:  # every figure is read at the cut: none of the scheme's is there
        first = published.min()
        raise CoverageError(_message(str(cut), first, latest, what, _files(files), lang))
    gaps = missing_at(rows[periods.year >= year - 1], latest, wanted, regions)
    absent = tuple(i for i in wanted if i not in set(in_year["indicator"]))
    late = set(gaps.indicators) - set(absent)  # in the year, but no region has its last quarter
    stale = {
        (r, i) for r, i in zip(in_year["region"], in_year["indicator"], strict=True) if i in late
    }
    pairs = tuple(sorted(set(gaps.pairs) | stale))
    return Coverage(str(year), absent, gaps.regions, pairs, at=str(latest))


def _published(rows: pd.DataFrame) -> pd.DataFrame:
    """The panel rows that stand for a published figure: a chained index's first year (its
    base, set to 100 from the growth of the year after) is not one."""
    index = rows[rows["measure"] == "index"]
    years = pd.PeriodIndex(index["period"], freq=QUARTERLY).year
    base = years == index.assign(year=years).groupby(["region", "indicator"])["year"].transform(
        "min"
    )
    return rows.drop(index.index[base.to_numpy()])


def require_month(
    records: pd.DataFrame,
    month: pd.Period,
    files: Iterable[str | Path],
    indicators: Iterable[str],
    lang: str | None = None,
) -> Coverage:
    """Raise unless the monthly records reach ``month`` for at least one of ``indicators``;
    return what is missing there, the city and every catalogue cluster
    (:func:`clusterlib.catalog.clusters`) expected even when the files hold none of their data.
    The message is in ``lang`` (English by default).

    Only ``final`` records count, as only they are analysed: a month whose rows are all
    ``estimate`` or ``alternative`` has no data, said as such (:func:`require_final`); where
    some are final, the figures that are not are gaps like deleted rows and listed in
    :attr:`Coverage.preliminary`.

    January is never published alone (1–2月 累计 appear in February): its own message.

    Raises
    ------
    CoverageError
        For January, a month beyond (or before) the monthly data, a month whose rows are
        not final, or a month where none of the ledger's indicators has (final) data.
    """
    names = _files(files)
    wanted = list(indicators)
    every = _monthly_ytd(records)
    monthly = final_rows(every)
    periods = pd.PeriodIndex(monthly["period"], freq=MONTHLY)
    stated = pd.PeriodIndex(every["period"], freq=MONTHLY)
    if month.month == 1 and len(stated) and stated.min() <= month <= stated.max():
        raise CoverageError(command_text("january_alone", lang, period=month, month=month + 1))
    what = command_text("monthly_data", lang)
    require_final(month, every, what, names, lang)
    _require(month, periods, what, names, lang)
    configured = monthly[monthly["indicator"].isin(wanted)]
    if not (pd.PeriodIndex(configured["period"], freq=MONTHLY) == month).any():
        ledger_data = command_text("ledger_data", lang, names=_indicators(wanted, lang))
        require_final(month, every[every["indicator"].isin(wanted)], ledger_data, names, lang)
        others = sorted(set(monthly.loc[periods == month, "indicator"]))
        shown = {"names": _indicators(wanted, lang), "others": _indicators(others, lang)}
        line = command_text("ledger_indicators", lang, period=month, files=names, **shown)
        raise CoverageError(line)
    ledger_regions = ["city", *catalog.clusters()]  # a reference zone's old figure is not a gap
    shown = configured[configured["region"].isin(ledger_regions)]
    coverage = missing_at(shown, month, wanted, ledger_regions)
    stated = every[every["indicator"].isin(wanted) & every["region"].isin(ledger_regions)]
    return replace(coverage, preliminary=not_final_pairs(stated, month))


def require_as_of_month(
    records: pd.DataFrame, month: pd.Period, files: Iterable[str | Path], lang: str | None = None
) -> Coverage:
    """Raise unless the monthly records hold a final figure of ``month`` (the run's
    ``as_of_month``); return what they lack there (the message in ``lang``, English by
    default). Only ``final`` records move the outlook: a month whose rows are all
    ``estimate`` or ``alternative`` is refused as such (:func:`require_final`).

    The outlook says it uses the data to ``month``: without a figure of that month every
    series would keep its quarterly forecast while the bulletin named the month's method.

    Raises
    ------
    CoverageError
        If no final monthly year-to-date record is of ``month``, naming the data's last month
        (and the month's rows that are not final, if any).
    """
    every = _monthly_ytd(records)
    monthly = final_rows(every)
    periods = pd.PeriodIndex(monthly["period"], freq=MONTHLY)
    what, names = command_text("monthly_data", lang), _files(files)
    require_final(month, every, what, names, lang)
    _require(month, periods, what, names, lang)
    return replace(missing_at(monthly, month), preliminary=not_final_pairs(every, month))


def final_rows(records: pd.DataFrame) -> pd.DataFrame:
    """The ``final`` records (all of them where there is no ``status`` column): the only ones
    analysed (data/README.md)."""
    if "status" not in records:
        return records
    return records[records["status"].isin(["final", ""])]


def not_final_pairs(rows: pd.DataFrame, period: pd.Period) -> tuple[tuple[str, str], ...]:
    """(region, indicator) of ``rows`` whose every row of ``period`` is not final."""
    at = rows[pd.PeriodIndex(rows["period"], freq=period.freqstr) == period]
    stated = set(zip(at["region"], at["indicator"], strict=True))
    final = final_rows(at)
    return tuple(sorted(stated - set(zip(final["region"], final["indicator"], strict=True))))


def require_final(
    asked: pd.Period, rows: pd.DataFrame, what: str, files: str, lang: str | None
) -> None:
    """Raise when ``rows`` (of every status) hold ``asked`` in rows none of which is final:
    the figures exist but are preliminary (``estimate``) or another source's
    (``alternative``), and are not analysed; the message names their status and the last
    month of final data (it used to pass such a month, whose report then held none of it)."""
    periods = pd.PeriodIndex(rows["period"], freq=asked.freqstr)
    at = rows[periods == asked]
    if at.empty or len(final_rows(at)):
        return
    earlier = pd.PeriodIndex(final_rows(rows)["period"], freq=asked.freqstr)
    earlier = earlier[earlier < asked]
    kinds = [s for s in RECORD_STATUSES if s in set(at["status"])]
    statuses = ("、" if lang == "zh" else " and ").join(
        command_text(f"status_{kind}", lang) for kind in kinds
    )
    fields = {"period": asked, "what": what, "files": files, "n": len(at), "statuses": statuses}
    if len(earlier):
        raise CoverageError(command_text("data_not_final", lang, last=earlier.max(), **fields))
    raise CoverageError(command_text("data_not_final_none", lang, **fields))


def _monthly_ytd(records: pd.DataFrame) -> pd.DataFrame:
    """The monthly year-to-date (累计) records of ``records``."""
    is_month = [getattr(p, "freqstr", "") == MONTHLY for p in records["period"]]
    return records[np.array(is_month) & (records["period_type"] == "ytd").to_numpy()]


def missing_at(
    rows: pd.DataFrame,
    period: pd.Period,
    indicators: list[str] | None = None,
    regions: Iterable[str] = (),
) -> Coverage:
    """What ``rows`` (``region``, ``indicator``, ``period``) lack at ``period``.

    A region or (region, indicator) counts as missing when it has data at other periods of
    ``rows`` but none at ``period``; so does each of the expected ``regions`` for every
    indicator with data at ``period``, even with no row at all; an indicator of
    ``indicators`` with no row at ``period`` is missing whole.
    """
    at = rows["period"] == period
    present = set(zip(rows.loc[at, "region"], rows.loc[at, "indicator"], strict=True))
    shown = {indicator for _, indicator in present}
    everywhere = set(zip(rows["region"], rows["indicator"], strict=True))
    everywhere |= {(region, indicator) for region in regions for indicator in shown}
    empty = tuple(i for i in (indicators or []) if i not in shown)
    regions_now = {region for region, _ in present}
    lacking = tuple(sorted({region for region, _ in everywhere} - regions_now))
    pairs = tuple(
        sorted(
            (region, indicator)
            for region, indicator in everywhere - present
            if region in regions_now and indicator not in empty
        )
    )
    return Coverage(str(period), empty, lacking, pairs)


def _require(
    asked: pd.Period,
    periods: pd.PeriodIndex,
    what: str,
    files: str,
    lang: str | None,
    span: tuple[pd.Period, pd.Period] | None = None,
) -> None:
    """Raise unless ``asked`` is among ``periods``, naming the data's first or last period
    (``span``: the first and last of the uncut data, when ``periods`` are cut at ``asked``)."""
    if (periods == asked).any():
        return
    if span is not None:  # the records' own quarters (a panel adds a chained index's base)
        first, last = span
    else:
        first, last = (periods.min(), periods.max()) if len(periods) else (None, None)
    raise CoverageError(_message(str(asked), first, last, what, files, lang))


def _message(
    asked: str, first: object, last: object, what: str, files: str, lang: str | None
) -> str:
    """The one line of a coverage error in ``lang`` (``last`` None: nothing up to ``asked``)."""
    if first is not None and str(asked) < str(first):
        key = "data_start"
    elif last is None:
        key = "data_none"
    elif str(asked) > str(last):
        key = "data_end"
    else:
        key = "data_skip"
    fields = {"period": asked, "what": what, "first": first, "last": last, "files": files}
    return command_text(key, lang, **fields)


def _files(files: Iterable[str | Path]) -> str:
    """The data files, comma-separated, relative to the project where inside it."""
    return ", ".join(project_relative(Path(f)) for f in files) or "no files"
