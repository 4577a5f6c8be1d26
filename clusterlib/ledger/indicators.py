"""The indicator ledger: each region's 累计 figures against the plan's test and 时序进度."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.coverage import Coverage
from clusterlib.exceptions import UsageError
from clusterlib.inputs.records import parse_month
from clusterlib.ledger.plan_tests import PLAN_TESTS, plan_status
from clusterlib.ledger.progress import against_time_progress, time_progress
from clusterlib.ledger.settings import LedgerSettings
from clusterlib.ledger.targets import COLUMNS as TARGET_COLUMNS
from clusterlib.ledger.targets import NO_TARGET, target_levels
from clusterlib.messages import message

MONTHLY = "M"
LEDGER_COLUMNS = [
    "region",
    "region_name",
    "indicator",
    "month",
    "month_value",
    "ytd",
    "growth",
    "growth_change",
    "rank",
    "benchmark",
    "gap_benchmark",
    "plan_status",
    "target",
    "target_source",
    "completion",
    "time_progress",
    "progress_gap",
    "progress_status",
    "seasonal_share",
    "seasonal_basis",
]
KEYS = ("region", "indicator", "month")
SHOWN_COLUMNS = [c for c in LEDGER_COLUMNS if c not in KEYS]
"""The ledger columns a reader sees, in the table and the workbook (regions by name)."""
NO_DATA = "no data"  # plan_status of a region without a figure at the ledger month
BASIS_SEASONAL = "seasonal"  # the region's own seasonal pattern
BASIS_CALENDAR = "months/12"  # not enough complete years for a pattern
BASIS_NO_LEVEL = "no level"  # growth-only series: no level to complete
EMPTY_TARGETS = pd.DataFrame(columns=list(TARGET_COLUMNS))
FIRST_MONTH = 2  # 1–2月, published together under February
FIRST_SINGLE_MONTH = 3  # the first month with a previous month in the year


def check_month(month: str) -> pd.Period:
    """``month`` as a monthly Period; a :class:`UsageError` unless written like ``2019-06``."""
    period = parse_month(str(month))
    if period is None:
        raise UsageError(message("ledger_month_argument", given=month))
    return period


def monthly_table(records: pd.DataFrame) -> pd.DataFrame:
    """Monthly year-to-date records → one row per region, indicator and month.

    Parameters
    ----------
    records : pd.DataFrame
        Typed records (:func:`clusterlib.inputs.panel.load_records`); rows that are not
        final monthly ``ytd`` records are ignored.

    Returns
    -------
    pd.DataFrame
        ``region, indicator, period`` (monthly Period), ``ytd`` (累计 level, NaN for
        growth-only series) and ``growth`` (累计 growth in %: as published, else from the
        levels a year apart).
    """
    monthly = records[
        np.array([getattr(p, "freqstr", "") == MONTHLY for p in records["period"]])
        & (records["period_type"] == "ytd")
        & (records.get("status", "final") == "final")
    ]
    wide = monthly.pivot_table(
        index=["region", "indicator", "period"], columns="measure", values="value", aggfunc="first"
    )
    wide = wide.reindex(columns=["level", "growth"]).rename(columns={"level": "ytd"})
    wide.columns.name = None
    table = wide.reset_index().sort_values(["region", "indicator", "period"], ignore_index=True)
    earlier = table.assign(period=table["period"] + 12)[["region", "indicator", "period", "ytd"]]
    table = table.merge(
        earlier, on=["region", "indicator", "period"], how="left", suffixes=("", "_prev")
    )
    computed = 100.0 * (table["ytd"] / table["ytd_prev"] - 1.0)
    table["growth"] = table["growth"].fillna(computed)
    return table.drop(columns="ytd_prev")


def region_order(regions: list[str] | pd.Index) -> list[str]:
    """The city first, then the catalogue's regions in catalogue order, then any others sorted."""
    present = set(regions)
    known = [r for r in catalog.regions().index if r in present]
    return known + sorted(present - set(known))


def expected_shares(table: pd.DataFrame, year: int, n_years: int) -> pd.DataFrame:
    """Seasonal expected share (%) of the annual total reached by each month (季节性应完成进度).

    The mean, over the region's last ``n_years`` complete years before ``year`` (years with a
    December 累计; one without it, e.g. last year's missing December, is passed over, not
    the end of the pattern), of the 累计 level at that month over the full-year 累计 level;
    only regions and indicators with ``n_years`` such years get one.
    """
    periods = pd.PeriodIndex(table["period"], freq=MONTHLY)
    past = table[periods.year < year].dropna(subset=["ytd"])
    past_periods = pd.PeriodIndex(past["period"], freq=MONTHLY)
    past = past.assign(year=past_periods.year, m=past_periods.month)
    annual = past[past["m"] == 12][["region", "indicator", "year", "ytd"]]
    recent = annual.groupby(["region", "indicator"])["year"].rank(ascending=False) <= n_years
    annual = annual[recent].set_index(["region", "indicator", "year"])["ytd"]
    past = past.join(annual.rename("annual"), on=["region", "indicator", "year"])
    past = past.dropna(subset=["annual"])
    complete = past.groupby(["region", "indicator"])["year"].nunique()
    share = past.assign(share=100.0 * past["ytd"] / past["annual"])
    share = share.groupby(["region", "indicator", "m"])["share"].mean()
    share = share[complete.reindex(share.index.droplevel("m")).to_numpy() >= n_years]
    return share.rename("rules_expected_share").reset_index()


def indicator_ledger(
    table: pd.DataFrame,
    month: str | pd.Period,
    settings: LedgerSettings,
    lang: str = "zh",
    targets: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ledger of each month of ``month``'s year up to ``month``: :data:`LEDGER_COLUMNS`.

    Parameters
    ----------
    table : pd.DataFrame
        From :func:`monthly_table` (all years: the seasonal pattern needs past years).
    month : str or pd.Period
        The ledger month, e.g. ``"2019-06"`` (1–6月).
    settings : LedgerSettings
        Indicators and the seasonal pattern's years.
    lang : str
        Language of the region names.
    targets : pd.DataFrame, optional
        Declared targets (:func:`clusterlib.ledger.targets.load_targets`); without one for a
        region and indicator its completion stays empty (``target_source`` ``none``: 未设目标).

    Returns
    -------
    pd.DataFrame
        One row per region, indicator and month from 1–2月 (a January record of the data is
        no row: January is never published alone, and the command refuses a January
        ledger; rows: the city, then the clusters in catalogue order). ``month_value`` is
        this month alone (当月: 累计 minus last month's, empty without it; 1–2月 is the two
        months), ``growth_change`` likewise
        (:func:`on_last_month`); ``rank`` among the clusters by growth (1 = fastest;
        none for the city, an aggregate or a reference region: :func:`_ranked`);
        ``benchmark``, ``gap_benchmark`` and ``plan_status`` the plan's test
        (:func:`clusterlib.ledger.plan_tests.plan_status`); ``completion`` % of a declared
        target, judged against ``time_progress`` (N/12) in ``progress_gap`` (pp) and
        ``progress_status``; ``seasonal_share`` the region's seasonal expected share.
    """
    month = pd.Period(month, freq=MONTHLY)
    versus = {PLAN_TESTS[i].versus for i in settings.indicators if i in PLAN_TESTS}
    table = table[table["indicator"].isin({*settings.indicators, *versus})]
    periods = pd.PeriodIndex(table["period"], freq=MONTHLY)
    shown = (periods.year == month.year) & (periods <= month) & (periods.month >= FIRST_MONTH)
    this_year = table[shown].copy()  # a January record is no ledger month: 1–2月 is the first
    this_year = plan_status(_ranked(on_last_month(this_year)))
    this_year = this_year[this_year["indicator"].isin(settings.indicators)]
    this_year = _against_target(this_year, table, month.year, settings, targets)
    order = {region: i for i, region in enumerate(region_order(this_year["region"].unique()))}
    indicators = {name: i for i, name in enumerate(settings.indicators)}
    this_year = this_year.assign(
        _r=this_year["region"].map(order), _i=this_year["indicator"].map(indicators)
    ).sort_values(["_i", "period", "_r"], ignore_index=True)
    names = {r: catalog.region_name(r, lang) if r in catalog.regions().index else r for r in order}
    return this_year.assign(
        region_name=this_year["region"].map(names), month=this_year["period"].astype(str)
    )[LEDGER_COLUMNS]


def on_last_month(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``month_value`` (当月) and ``growth_change`` (pp) from the previous month's 累计.

    Month ``m`` (3–12) is taken against month ``m − 1`` of the same year only: where that
    month's 累计 is missing both stay empty (never a difference over two months). 1–2月 is
    published together, so its month value is its 累计 and it has no previous month (a
    separate January record is not one); a January row gets neither.
    """
    previous = frame[["region", "indicator", "period", "ytd", "growth"]].assign(
        period=frame["period"] + 1
    )
    joined = frame.merge(
        previous, on=["region", "indicator", "period"], how="left", suffixes=("", "_last")
    )
    months = pd.PeriodIndex(joined["period"], freq=MONTHLY).month.to_numpy()
    later = months >= FIRST_SINGLE_MONTH
    month_value = np.where(later, joined["ytd"] - joined["ytd_last"], np.nan)
    month_value = np.where(months == FIRST_MONTH, joined["ytd"], month_value)
    change = np.where(later, joined["growth"] - joined["growth_last"], np.nan)
    return frame.assign(month_value=month_value, growth_change=change)


def with_gaps(ledger: pd.DataFrame, gaps: Coverage, lang: str = "zh") -> pd.DataFrame:
    """``ledger`` with a row for each region the coverage ``gaps`` find without a figure at
    their month, for every indicator of that month's rows: no figures, ``plan_status``
    :data:`NO_DATA` (本月无数据), the other word columns "" (no word: — on the page), after
    the regions with data (catalogue order)."""
    at = ledger["month"] == gaps.period
    shown = list(dict.fromkeys(ledger.loc[at, "indicator"]))
    lacking = [(r, i) for i in shown for r in region_order(list(gaps.regions))]
    lacking += [(r, i) for r, i in gaps.pairs if i in shown]
    if not lacking:
        return ledger
    rows = pd.DataFrame(lacking, columns=["region", "indicator"]).assign(
        month=gaps.period,
        plan_status=NO_DATA,
        target_source="",
        progress_status="",
        seasonal_basis="",
    )
    names = {r: catalog.region_name(r, lang) for r in rows["region"]}
    rows = rows.assign(region_name=rows["region"].map(names)).reindex(columns=LEDGER_COLUMNS)
    joined = pd.concat([ledger, rows], ignore_index=True)
    order = {name: n for n, name in enumerate(dict.fromkeys(joined["indicator"]))}
    joined = joined.assign(_i=joined["indicator"].map(order))
    return joined.sort_values(["_i", "month"], ignore_index=True).drop(columns="_i")


def _ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``rank`` among the clusters (the provincial clusters and the municipal park) by
    growth (1 = fastest; ties share). The city, an aggregate (``all_clusters``,
    ``zz_clusters``: a sum of the clusters, not one of them) and a reference region get none
    (:func:`clusterlib.catalog.not_clusters`; an aggregate in the data took places 1–2 and
    put the last cluster 14th of 12)."""
    clusters = ~frame["region"].isin(catalog.not_clusters())
    rank = (
        frame[clusters]
        .groupby(["indicator", "period"])["growth"]
        .rank(ascending=False, method="min")
    )
    return frame.assign(rank=rank.reindex(frame.index))


def _against_target(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    year: int,
    settings: LedgerSettings,
    targets: pd.DataFrame | None,
) -> pd.DataFrame:
    """Add the target columns, 时序进度 and the seasonal expected share."""
    periods = pd.PeriodIndex(table["period"], freq=MONTHLY)
    december = table[periods == pd.Period(year=year - 1, month=12, freq=MONTHLY)]
    last_total = december.set_index(["region", "indicator"])["ytd"]
    declared = target_levels(targets if targets is not None else EMPTY_TARGETS, last_total, year)
    frame = frame.merge(declared, on=["region", "indicator"], how="left")
    frame["target_source"] = frame["target_source"].fillna(NO_TARGET)
    shares = expected_shares(table, year, settings.seasonal_years)
    shares = shares.set_index(["region", "indicator", "m"])["rules_expected_share"]
    months = pd.PeriodIndex(frame["period"], freq=MONTHLY).month.to_numpy()
    seasonal = shares.reindex(
        pd.MultiIndex.from_arrays([frame["region"], frame["indicator"], months])
    ).to_numpy()
    has_level = frame["ytd"].notna().to_numpy()
    basis = np.where(
        ~has_level, BASIS_NO_LEVEL, np.where(np.isnan(seasonal), BASIS_CALENDAR, BASIS_SEASONAL)
    )
    elapsed = time_progress(months)
    seasonal = np.where(basis == BASIS_SEASONAL, seasonal, np.where(has_level, elapsed, np.nan))
    completion = 100.0 * frame["ytd"].to_numpy() / frame["target"].to_numpy(dtype=float)
    return frame.assign(
        completion=completion,
        **against_time_progress(completion, months),
        seasonal_share=seasonal,
        seasonal_basis=basis,
    )
