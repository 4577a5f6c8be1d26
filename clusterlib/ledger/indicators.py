"""The indicator ledger: each region's 累计 figures of a month against the city and its target."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import ParameterError
from clusterlib.ledger.settings import LedgerSettings

MONTHLY = "M"
LEDGER_COLUMNS = [
    "region",
    "region_name",
    "indicator",
    "month",
    "ytd",
    "growth",
    "growth_change",
    "rank",
    "gap_city",
    "target",
    "completion",
    "expected_share",
    "progress_basis",
    "status",
]
KEYS = ("region", "indicator", "month")
SHOWN_COLUMNS = [c for c in LEDGER_COLUMNS if c not in (*KEYS, "progress_basis")]
"""The ledger columns a reader sees, in the table and the workbook (regions by name)."""
BASIS_SEASONAL = "seasonal"  # the region's own seasonal pattern
BASIS_CALENDAR = "months/12"  # not enough complete years for a pattern
BASIS_NO_LEVEL = "no level"  # growth-only series: no target level to complete


def check_month(month: str) -> pd.Period:
    """``month`` as a monthly Period; raise unless written like ``2019-06``."""
    try:
        period = pd.Period(month, freq=MONTHLY)
    except (ValueError, TypeError) as error:
        raise ParameterError(f"month '{month}': expected a month such as 2019-06") from error
    if str(period) != month:
        raise ParameterError(f"month '{month}': expected a month such as 2019-06")
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
    """Expected share (%) of the annual total reached by each month, per region and indicator.

    The mean, over the region's last ``n_years`` complete years before ``year``, of the
    累计 level at that month over the full-year 累计 level. Where fewer complete years have
    levels, ``months / 12`` is used instead (``basis`` says which); growth-only series get
    NaN with basis ``no level``.
    """
    years = range(year - n_years, year)
    periods = pd.PeriodIndex(table["period"], freq=MONTHLY)
    past = table[np.isin(periods.year, years)].dropna(subset=["ytd"])
    past_periods = pd.PeriodIndex(past["period"], freq=MONTHLY)
    past = past.assign(year=past_periods.year, m=past_periods.month)
    annual = past[past["m"] == 12].set_index(["region", "indicator", "year"])["ytd"]
    past = past.join(annual.rename("annual"), on=["region", "indicator", "year"])
    past = past.dropna(subset=["annual"])
    complete = past.groupby(["region", "indicator"])["year"].nunique()
    share = past.assign(share=100.0 * past["ytd"] / past["annual"])
    share = share.groupby(["region", "indicator", "m"])["share"].mean()
    share = share[complete.reindex(share.index.droplevel("m")).to_numpy() >= n_years]
    return share.rename("expected_share").reset_index()


def indicator_ledger(
    table: pd.DataFrame, month: str | pd.Period, settings: LedgerSettings, lang: str = "zh"
) -> pd.DataFrame:
    """The ledger of each month of ``month``'s year up to ``month``: :data:`LEDGER_COLUMNS`.

    Parameters
    ----------
    table : pd.DataFrame
        From :func:`monthly_table` (all years: the seasonal pattern needs past years).
    month : str or pd.Period
        The ledger month, e.g. ``"2019-06"`` (1–6月).
    settings : LedgerSettings
        Indicators, targets, margins, seasonal years.
    lang : str
        Language of the region names.

    Returns
    -------
    pd.DataFrame
        One row per region, indicator and month (rows: the city, then the clusters in
        catalogue order). ``rank`` is among the non-city regions by growth (1 = fastest);
        ``target`` is last year's full-year 累计 × (1 + growth target); ``completion`` and
        ``expected_share`` are % of the target and of the year; ``status`` red / yellow /
        green compares them with the margins.
    """
    month = pd.Period(month, freq=MONTHLY)
    table = table[table["indicator"].isin(settings.indicators)]
    periods = pd.PeriodIndex(table["period"], freq=MONTHLY)
    this_year = table[(periods.year == month.year) & (periods <= month)].copy()
    this_year = this_year.sort_values(["region", "indicator", "period"])
    this_year["growth_change"] = this_year.groupby(["region", "indicator"])["growth"].diff()
    this_year = _versus_city(this_year)
    this_year = _against_target(this_year, table, month.year, settings)
    order = {region: i for i, region in enumerate(region_order(this_year["region"].unique()))}
    indicators = {name: i for i, name in enumerate(settings.indicators)}
    this_year = this_year.assign(
        _r=this_year["region"].map(order), _i=this_year["indicator"].map(indicators)
    ).sort_values(["_i", "period", "_r"], ignore_index=True)
    names = {r: catalog.region_name(r, lang) if r in catalog.regions().index else r for r in order}
    return this_year.assign(
        region_name=this_year["region"].map(names), month=this_year["period"].astype(str)
    )[LEDGER_COLUMNS]


def _versus_city(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``gap_city`` (pp) and ``rank`` among the non-city regions by growth."""
    city = frame[frame["region"] == "city"].set_index(["indicator", "period"])["growth"]
    gap = (
        frame["growth"]
        - city.reindex(pd.MultiIndex.from_frame(frame[["indicator", "period"]])).to_numpy()
    )
    others = frame["region"] != "city"
    rank = (
        frame[others].groupby(["indicator", "period"])["growth"].rank(ascending=False, method="min")
    )
    return frame.assign(gap_city=gap.where(others), rank=rank.reindex(frame.index))


def _against_target(
    frame: pd.DataFrame, table: pd.DataFrame, year: int, settings: LedgerSettings
) -> pd.DataFrame:
    """Add ``target``, ``completion``, ``expected_share``, ``progress_basis``, ``status``."""
    periods = pd.PeriodIndex(table["period"], freq=MONTHLY)
    december = table[periods == pd.Period(year=year - 1, month=12, freq=MONTHLY)]
    last_total = december.set_index(["region", "indicator"])["ytd"]
    keys = pd.MultiIndex.from_frame(frame[["region", "indicator"]])
    goals = np.array([settings.target(r, i) for r, i in keys])
    target = last_total.reindex(keys).to_numpy() * (1 + goals / 100.0)
    shares = expected_shares(table, year, settings.seasonal_years)
    shares = shares.set_index(["region", "indicator", "m"])["expected_share"]
    months = pd.PeriodIndex(frame["period"], freq=MONTHLY).month.to_numpy()
    seasonal = shares.reindex(
        pd.MultiIndex.from_arrays([frame["region"], frame["indicator"], months])
    ).to_numpy()
    has_level = frame["ytd"].notna().to_numpy()
    basis = np.where(
        ~has_level, BASIS_NO_LEVEL, np.where(np.isnan(seasonal), BASIS_CALENDAR, BASIS_SEASONAL)
    )
    expected = np.where(basis == BASIS_SEASONAL, seasonal, 100.0 * months / 12)
    expected = np.where(has_level, expected, np.nan)
    completion = 100.0 * frame["ytd"].to_numpy() / target
    return frame.assign(
        target=target,
        completion=completion,
        expected_share=expected,
        progress_basis=basis,
        status=progress_status(completion - expected, settings.red, settings.yellow),
    )


def progress_status(behind: np.ndarray, red: float, yellow: float) -> np.ndarray:
    """红/黄/绿 as ``red``/``yellow``/``green`` from completion minus expected share (pp).

    Behind by more than ``red`` pp: red; by more than ``yellow`` pp: yellow; else green;
    NaN (no target or no level): empty text.
    """
    behind = np.asarray(behind, dtype=float)
    status = np.where(behind < -red, "red", np.where(behind < -yellow, "yellow", "green"))
    return np.where(np.isnan(behind), "", status)
