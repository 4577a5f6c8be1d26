"""The quarterly panel: validated records → one tidy table, and the as-of cut."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import DataValidationError, Problem, SeriesError
from clusterlib.inputs.periods import (
    monthly_ytd_to_quarterly,
    yoy_growth,
    yoy_growth_to_index,
    ytd_growth,
    ytd_growth_to_index,
    ytd_to_single,
)
from clusterlib.inputs.reading import NO_FILES, expand
from clusterlib.inputs.single_years import accumulated_singles
from clusterlib.inputs.validation import validate_files
from clusterlib.labels import command_text, series_reason, word

SERIES_KEYS = ["region", "indicator", "measure"]
COLUMNS = [*SERIES_KEYS, "period", "value", "unit", "synthetic"]
QUARTERLY = "Q-DEC"


def load_records(files: Path | str | Iterable[Path | str]) -> pd.DataFrame:
    """Read and validate input files; return their typed records (one DataFrame).

    Parameters
    ----------
    files
        One path or several; a directory stands for the ``*.csv`` and ``*.xlsx`` files in it.

    Returns
    -------
    pandas.DataFrame
        Records with region ids, parsed ``period``, numeric ``value``, boolean ``synthetic``
        and a ``file`` column; a flow year given only as complete 当季/当月 levels beside 累计
        years of its series gains the 累计 levels they add up to (assumption V8:
        :func:`~clusterlib.inputs.single_years.accumulated_singles`).

    Raises
    ------
    DataValidationError
        Listing every problem in every file; also when no file is given (or a folder given
        holds none): an empty table would fail further on, or answer nothing confidently.
    """
    found = expand(files)
    if not found:
        raise DataValidationError([Problem("data", None, None, NO_FILES)])
    validated = validate_files(found)
    if validated.problems:
        raise DataValidationError(validated.problems)
    return accumulated_singles(validated.records)


def records_as_of(records: pd.DataFrame, quarter: str | pd.Period) -> pd.DataFrame:
    """Only records whose period ends by the end of ``quarter``.

    The records are the final (revised) figures and none is held back for publication lag,
    so this is the data *about* periods up to ``quarter``, not what had been published then.
    """
    cutoff = pd.Period(quarter, freq=QUARTERLY)
    return records[[end <= cutoff for end in _quarter_ends(records)]]


def quarter_span(records: pd.DataFrame) -> tuple[pd.Period, pd.Period] | None:
    """The first and last quarters the records reach (None without records)."""
    ends = _quarter_ends(records)
    return (min(ends), max(ends)) if ends else None


def _quarter_ends(records: pd.DataFrame) -> list[pd.Period]:
    """The quarter each record's period ends in."""
    return [period.asfreq(QUARTERLY, "end") for period in records["period"]]


def as_of(panel: pd.DataFrame, quarter: str | pd.Period) -> pd.DataFrame:
    """The panel up to and including ``quarter``."""
    return panel[panel["period"] <= pd.Period(quarter, freq=QUARTERLY)]


def build_panel(records: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Turn typed records into the quarterly panel (docs/architecture.md §2).

    Flows published as year-to-date levels become single-quarter levels; growth-only series
    become chained volume indexes (measure ``index``); stocks and rates keep their
    quarter-end values. A year that starts after Q1 is partial: for growth it is dropped
    (chaining needs whole years), for year-to-date levels its first figure spans several
    quarters and is left out (:func:`~clusterlib.inputs.periods.ytd_to_single`), so an
    annual or half-year total alone never enters as a single quarter. Only ``final`` records
    are used; monthly year-to-date records count for the quarter they close (March, June,
    September, December). Series that cannot be converted (for example sparse releases with
    gaps, or totals with no single quarter) are left out with one summary warning (by id, or
    with ``lang`` by name and reason in that language), and listed by id in
    ``panel.attrs["skipped"]``. A flow year given only as complete single levels beside 累计
    years of its series is read as the 累计 they add up to (assumption V8; done once, by
    :func:`load_records` or here).
    """
    final = _quarterly(accumulated_singles(records[records["status"] == "final"]))
    pieces, skipped, errors = [], [], []
    for (region, indicator, measure, period_type), rows in final.groupby(
        ["region", "indicator", "measure", "period_type"]
    ):
        values = pd.Series(rows["value"].to_numpy(), index=pd.PeriodIndex(rows["period"]))
        try:
            converted, panel_measure = _convert(
                values.sort_index(), indicator, measure, period_type
            )
        except ValueError as error:
            skipped.append(f"{region}/{indicator}/{measure}/{period_type}: {error}")
            errors.append(((region, indicator, measure, period_type), error))
            continue
        unit = "index" if panel_measure == "index" else rows["unit"].iloc[0]
        pieces.append(
            pd.DataFrame(
                {
                    "region": region,
                    "indicator": indicator,
                    "measure": panel_measure,
                    "period": converted.index,
                    "value": converted.to_numpy(),
                    "unit": unit,
                    "synthetic": bool(rows["synthetic"].any()),
                    "period_type": period_type,
                }
            )
        )
    if skipped:
        lines = skipped if lang is None else [_skipped_line(*e, lang) for e in errors]
        head = command_text("panel_skipped", lang, n=len(skipped))
        warnings.warn(head + "\n  - " + "\n  - ".join(lines), stacklevel=2)
    panel = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=COLUMNS)
    panel = _ytd_first(panel.dropna(subset=["value"]))
    panel = panel.dropna(subset=["value"]).sort_values([*SERIES_KEYS, "period"], ignore_index=True)
    panel.attrs["skipped"] = skipped
    return panel[COLUMNS]


def _ytd_first(panel: pd.DataFrame) -> pd.DataFrame:
    """One series per region, indicator and measure: where 累计 and 当期 figures both give
    one, the 累计's (validation holds the 当期 to it, assumption V7), never both."""
    if panel.empty:
        return panel
    ytd = (panel["period_type"] == "ytd").groupby([panel[k] for k in SERIES_KEYS]).transform("any")
    return panel[~ytd | (panel["period_type"] == "ytd")]


def _skipped_line(series: tuple[str, str, str, str], error: ValueError, lang: str) -> str:
    """A series left out of the panel, by name, and why (:data:`clusterlib.labels.SERIES_REASONS`),
    in ``lang``."""
    region, indicator, measure, period_type = series
    reason = error.reason if isinstance(error, SeriesError) else "other"
    periods = error.periods if isinstance(error, SeriesError) else ()
    space = "" if lang == "zh" else " "
    return command_text(
        "panel_series",
        lang,
        region=catalog.region_name(region, lang),
        indicator=catalog.indicator_name(indicator, lang),
        measure=f"{word(period_type, lang)}{space}{word(measure, lang)}",
        reason=series_reason(reason, periods, lang),
    )


def preferred_series(panel: pd.DataFrame, indicators: Iterable[str]) -> pd.DataFrame:
    """One series per region and indicator: levels where there are any, else the chained index.

    Levels are at the catalogue's price basis (规上工业增加值 at comparable prices), so their
    growth is the published growth; they also add up across clusters and divide into 亩均
    ratios. Growth-only series are analysed through their chained index.
    """
    rows = panel[panel["indicator"].isin(list(indicators))]
    has_level = rows.groupby(["region", "indicator"])["measure"].transform(
        lambda measures: (measures == "level").any()
    )
    return rows[(rows["measure"] == "level") == has_level]


def load_panel(
    files: Path | str | Iterable[Path | str],
    quarter: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Read, validate, cut at ``quarter`` (if given) and build the panel in one call (its
    warning in ``lang``: :func:`build_panel`)."""
    records = load_records(files)
    if quarter is not None:
        records = records_as_of(records, quarter)
    return build_panel(records, lang)


def _quarterly(records: pd.DataFrame) -> pd.DataFrame:
    """Quarterly records: quarter rows as they are, monthly YTD series at quarter-end months."""
    freqs = pd.Series([period.freqstr for period in records["period"]], index=records.index)
    is_quarter = freqs == QUARTERLY
    monthly_ytd = records[~is_quarter & (records["period_type"] == "ytd")]
    converted = [records[is_quarter]]
    for _, rows in monthly_ytd.groupby(["region", "indicator", "measure"]):
        monthly = pd.Series(rows["value"].to_numpy(), index=pd.PeriodIndex(rows["period"]))
        quarterly = monthly_ytd_to_quarterly(monthly.sort_index())
        first = rows.iloc[[0] * len(quarterly)].reset_index(drop=True)
        converted.append(first.assign(period=list(quarterly.index), value=quarterly.to_numpy()))
    key = ["region", "indicator", "measure", "period_type", "period"]
    return pd.concat(converted, ignore_index=True).drop_duplicates(subset=key, keep="first")


def _from_first_full_year(values: pd.Series) -> pd.Series:
    """Drop a leading year that starts after Q1 (e.g. a series first published in 1998Q3)."""
    first = values.index[0]
    return values[values.index.year > first.year] if first.quarter != 1 else values


def _convert(
    values: pd.Series, indicator: str, measure: str, period_type: str
) -> tuple[pd.Series, str]:
    """One series → (quarterly panel values, panel measure); ValueError if none is usable."""
    kind = catalog.indicators().at[indicator, "kind"]
    if measure == "growth":
        to_index = ytd_growth_to_index if period_type == "ytd" else yoy_growth_to_index
        full_years, given = _from_first_full_year(values), values.dropna()
        if full_years.dropna().empty and not given.empty:  # one partial year alone
            first = given.index[0]
            raise SeriesError(
                f"growth starts at {first}, not in Q1 of {first.year}, and no later year "
                "follows: the year is partial; expected growth from a first quarter",
                "partial_first_year",
                (str(first),),
            )
        return to_index(full_years), "index"
    if kind == "flow" and period_type == "ytd":
        single = ytd_to_single(values)
        if single.isna().all():
            raise SeriesError(
                "no single-quarter value: every year's first figure comes after Q1 "
                "(e.g. annual or half-year totals alone)",
                "no_single_quarter",
            )
        return single, "level"
    return values, "level"


def series_measure(panel: pd.DataFrame, region: str, indicator: str) -> str | None:
    """The measure used for a region's indicator (the rule of :func:`preferred_series`)."""
    chosen = preferred_series(panel[panel["region"] == region], [indicator])
    return str(chosen["measure"].iloc[0]) if len(chosen) else None


def series(panel: pd.DataFrame, region: str, indicator: str) -> pd.Series:
    """One region's indicator from the panel, indexed by quarter (measure: :func:`series_measure`).

    Returns an empty Series when the panel has no such series.
    """
    measure = series_measure(panel, region, indicator)
    rows = panel[
        (panel["region"] == region)
        & (panel["indicator"] == indicator)
        & (panel["measure"] == measure)
    ]
    index = pd.PeriodIndex(rows["period"], freq="Q-DEC")
    return pd.Series(rows["value"].to_numpy(dtype=float), index=index).sort_index()


GROWTH_KINDS = {"ytd": ytd_growth, "yoy": yoy_growth}


def growth_history(panel: pd.DataFrame, indicator: str, kind: str = "ytd") -> pd.DataFrame:
    """Growth in % of every region's ``indicator``: ``region, period, value``.

    ``kind`` is ``"ytd"`` (累计增速) or ``"yoy"`` (single-quarter 同比), computed on the
    series :func:`preferred_series` picks.
    """
    growth = GROWTH_KINDS[kind]
    pieces = []
    for region, chosen in preferred_series(panel, [indicator]).groupby("region"):
        values = pd.Series(chosen["value"].to_numpy(), index=pd.PeriodIndex(chosen["period"]))
        rates = growth(values).dropna()
        pieces.append(pd.DataFrame({"region": region, "period": rates.index, "value": rates}))
    return pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame()
