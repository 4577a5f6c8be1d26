"""Year-end projection: the measured rule of the month, or 累计 so far ÷ the expected share.

At each month the rule that measured best on real series (issue #27,
:data:`clusterlib.forecasting.nowcast.RULES`, docs/forecasting.md "Third round") decides: the
regions' quarterly series up to the last quarter are forecast jointly by the engine, the point
is the month's method — the quarterly forecast (1–2, 1–3月), momentum (1–7月), the dynamic
factor model of the regions' monthly growth (1–4, 1–11月) or the mean of the two (1–5, 1–6,
1–8, 1–9, 1–10月) — and the paths are moved to it
(:func:`~clusterlib.forecasting.nowcast.nowcast_frames`); ``projection_note`` names the
method. Were a month's rule "累计 growth stays" (none is now), the seasonal-share rule below
would give the projection (note ``projected``).

The seasonal-share rule. The expected share of the annual total reached by month ``m`` is the
mean, over the region's last ``share_years`` complete years, of 累计(m) ÷ 累计(December) (the
ledger's 季节性应完成进度 uses three years). With one year it is the naive rule "累计 growth stays
where it is". The 80% interval and the probability of passing the plan's test (beating the city;
high-tech: the city's 规上 growth + 2 pp) are calibrated on the rule's own
out-of-sample errors at the same month in the region's past years (each past year projected from
the years before it), as a Student t with as many degrees of freedom as errors. Growth-only
series are chained into an index first; the rule only uses ratios of that index, so the base
year drops out. bench/ledger_bench.py measures the rule against the naive rule and the
forecasting engine on held-out years of the demo and of national data (docs/ledger.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special

from clusterlib import catalog
from clusterlib.forecasting.nowcast import NAIVE, RULES, last_quarter, nowcast_frames
from clusterlib.goals.forward import COMPARATORS
from clusterlib.ledger.indicators import MONTHLY, region_order
from clusterlib.ledger.plan_tests import PLAN_TESTS, PlanTest, published_gap
from clusterlib.ledger.settings import LedgerSettings

PROJECTION_COLUMNS = [
    "projected_growth",
    "projected_lo_80",
    "projected_hi_80",
    "p_beat_city",
    "projection_note",
]
TOO_SHORT, PROJECTED, ACTUAL = "too short", "projected", "actual"
NO_LAST_DECEMBER = "no last december"  # enough years, but last year's December 累计 is missing
MONTHS_MISSING = "months missing"  # enough years, but another month it needs is missing
_BENCHMARK = "__benchmark__"  # the other indicator's city series of a plan test, in a joint fit
MONTHS = list(range(2, 13))  # 1–2月 is published as one figure, under February


@dataclass(frozen=True)
class RegionProjection:
    """One region's projection at a month: the point and the rule's past errors (pp) by year."""

    growth: float
    errors: pd.Series


def ytd_frames(table: pd.DataFrame, month: pd.Period) -> dict[str, pd.DataFrame]:
    """Each region's 累计 (years × months 2–12) up to ``month``: the years the rule may use.

    The consecutive run of complete years just before ``month``'s year, plus that year's
    months so far. Levels where published; otherwise an index chained from 累计 growth,
    ``S(y, m) = (1 + G(y, m)/100) · S(y − 1, m)``, from a base year of equal months before the
    run (the rule uses ratios of the index only, so the base drops out).
    """
    rows = table[table["period"] <= month]
    periods = pd.PeriodIndex(rows["period"], freq=MONTHLY)
    wide = rows.assign(year=periods.year, m=periods.month).pivot_table(
        index=["region", "year"], columns="m", values=["ytd", "growth"]
    )
    wide = wide.reindex(columns=pd.MultiIndex.from_product([["ytd", "growth"], MONTHS]))
    values, years = wide.to_numpy(dtype=float), wide.index.get_level_values("year")
    frames = {}
    for region, rows_at in wide.groupby(level="region").indices.items():
        ytd = pd.DataFrame(values[rows_at, :11], index=years[rows_at], columns=MONTHS)
        growth = pd.DataFrame(values[rows_at, 11:], index=years[rows_at], columns=MONTHS)
        has_levels = bool(np.isfinite(ytd.to_numpy()).any())
        frames[str(region)] = _run(ytd, month) if has_levels else _chained(_run(growth, month))
    return frames


def _run(frame: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """The consecutive complete years ending the year before ``month``'s, plus its year."""
    years = frame.index.to_numpy()
    complete = set(years[np.isfinite(frame.to_numpy()).all(axis=1)])
    first = month.year
    while first - 1 in complete:
        first -= 1
    return frame.iloc[np.flatnonzero((years >= first) & (years <= month.year))]


def _chained(growth: pd.DataFrame) -> pd.DataFrame:
    """An index from 累计 growth (%), base year of equal months before the first row."""
    index = 100.0 * np.arange(2, 13) * np.cumprod(1 + growth.to_numpy() / 100, axis=0)
    return pd.DataFrame(index, index=growth.index, columns=growth.columns)


def share_rule(values: np.ndarray, month: int, share_years: int) -> np.ndarray:
    """Projected full-year growth (%) of every row (year) of ``values`` (years × months 2–12).

    Year ``y``'s full-year 累计 is 累计(y, month) ÷ the mean share of the annual total reached by
    ``month`` in years ``y − share_years … y − 1``; growth is over year ``y − 1``'s December.
    NaN for the first ``share_years`` rows.
    """
    shares = values[:, month - 2] / values[:, -1]
    mean_share = np.full(len(values), np.nan)
    if len(values) > share_years:
        windows = np.lib.stride_tricks.sliding_window_view(shares, share_years)
        mean_share[share_years:] = windows[: len(values) - share_years].mean(axis=1)
    previous = np.r_[np.nan, values[:-1, -1]]
    return 100 * (values[:, month - 2] / mean_share / previous - 1)


def project_region(
    frame: pd.DataFrame, month: pd.Period, settings: LedgerSettings
) -> RegionProjection | None:
    """The rule's projection for ``month``'s year and its errors in past years (None: too short)."""
    years, values = frame.index.to_numpy(), frame.to_numpy(dtype=float)
    if (years < month.year).sum() < settings.min_years or years[-1] != month.year:
        return None
    projected = share_rule(values, month.month, settings.share_years)
    if np.isnan(projected[-1]):  # no figure for this month
        return None
    actual = 100 * (values[1:, -1] / values[:-1, -1] - 1)
    errors = pd.Series(actual - projected[1:], index=years[1:]).iloc[:-1].dropna()
    return RegionProjection(float(projected[-1]), errors.iloc[-settings.calibration_years :])


def project_year_end(
    table: pd.DataFrame, month: pd.Period, settings: LedgerSettings, measured: bool = True
) -> pd.DataFrame:
    """Projected full-year 累计 growth of every region and indicator, as of ``month``.

    With ``measured`` (default) the month's measured rule decides (module docstring); with
    ``measured=False`` the seasonal-share rule projects at every month (bench/ledger_bench.py).

    Returns
    -------
    pd.DataFrame
        ``region``, :data:`PROJECTION_COLUMNS`, ``indicator, month``: the projection, its 80%
        interval and the probability that the region's full-year growth passes the plan's test
        (:data:`~clusterlib.ledger.plan_tests.PLAN_TESTS`: beats the city's; high-tech value
        added: the city's 规上 growth + 2 pp, the city included; NaN for the benchmark itself).
        ``projection_note`` is ``projected`` (the share rule, interval and probability from its
        past errors at this month), the month's method (``quarterly``, ``bridge``,
        ``momentum``, ``dfm`` or its stand-in ``naive``; interval and probability from the
        joint paths), ``actual`` (December: the interval is the actual, the probability 1 or
        0) or, without a projection, why (:func:`short_reason`): ``too short`` (fewer than
        ``settings.min_years`` years of data before ``month``'s year), ``no last december``
        or ``months missing`` (a month the rule needs is missing).
    """
    pieces = []
    for indicator in settings.indicators:
        wanted = table[table["indicator"] == indicator]
        if wanted.empty:
            continue
        test = PLAN_TESTS.get(indicator, PlanTest(indicator, 0.0, ">", ""))
        versus = table[table["indicator"] == test.versus]
        rows = _project_indicator(wanted, versus, test, month, settings, measured)
        rows = rows.set_index("region").loc[region_order(rows["region"])].reset_index()
        pieces.append(rows.assign(indicator=indicator))  # the city first, as in the ledger
    columns = ["region", *PROJECTION_COLUMNS, "indicator", "month"]
    if not pieces:
        return pd.DataFrame(columns=columns)
    return pd.concat(pieces, ignore_index=True).assign(month=str(month)).reindex(columns=columns)


def projection_view(projection: pd.DataFrame, indicator: str, month: pd.Period) -> pd.DataFrame:
    """One indicator's projection as the ledger shows it: growth, 80% interval, probability of
    passing the plan's test, method; in December the year's actual growth
    (``full_year_growth``) and whether it passed (a probability of 1 or 0), no interval."""
    rows = projection[projection["indicator"] == indicator]
    if month.month < 12:
        return rows[["region", *PROJECTION_COLUMNS]]
    actual = rows.rename(columns={"projected_growth": "full_year_growth"})
    return actual[["region", "full_year_growth", "p_beat_city", "projection_note"]]


def plan_counts(
    projection: pd.DataFrame, indicators: tuple[str, ...], month: pd.Period
) -> pd.DataFrame:
    """Per indicator, the clusters more likely than not to pass the plan's test at year end
    (``n_likely_plan``); in December, when the year is known, those that passed
    (``n_passed_plan``); an aggregate or reference region in the data is not a cluster."""
    clusters = projection[~projection["region"].isin(catalog.not_clusters())]
    likely = (clusters["p_beat_city"] > 0.5).groupby(clusters["indicator"]).sum()
    name = "n_passed_plan" if month.month == 12 else "n_likely_plan"
    return likely.reindex(list(indicators)).rename(name).rename_axis("indicator").reset_index()


def _project_indicator(
    table: pd.DataFrame,
    versus: pd.DataFrame,
    test: PlanTest,
    month: pd.Period,
    settings: LedgerSettings,
    measured: bool,
) -> pd.DataFrame:
    """Projection rows of one indicator's regions, the benchmark from ``versus``' city rows."""
    frames = ytd_frames(table, month)
    benchmark = ytd_frames(versus[versus["region"] == "city"], month).get("city")
    own_test = test.versus == str(table["indicator"].iloc[0])
    if benchmark is not None and not has_month(benchmark, month):
        benchmark = None  # the city's figure of the month is missing: no test, no probability
    if month.month == 12:
        rows = _actual_rows(frames, benchmark, own_test, test, month, settings)
    else:
        found = {r: project_region(f, month, settings) for r, f in frames.items()}
        if measured and RULES[month.month].method != NAIVE:
            rows = _nowcast_rows(frames, found, benchmark, own_test, test.margin, month)
        else:
            city = project_region(benchmark, month, settings) if benchmark is not None else None
            rows = [
                _row(region, own, None if own_test and region == "city" else city, test.margin)
                for region, own in found.items()
            ]
    result = pd.DataFrame(rows)
    short = result["projection_note"] == TOO_SHORT
    notes = {
        region: short_reason(table[table["region"] == region], month, settings.min_years)
        for region in frames
    }
    result.loc[short, "projection_note"] = result.loc[short, "region"].map(notes)
    return result


def has_month(frame: pd.DataFrame, month: pd.Period) -> bool:
    """Whether a 累计 frame of :func:`ytd_frames` holds ``month``'s figure."""
    return month.year in frame.index and bool(np.isfinite(frame.at[month.year, month.month]))


def has_quarters(frame: pd.DataFrame, month: pd.Period) -> bool:
    """Whether a 累计 frame holds every quarter-end month of ``month``'s year up to its last
    completed quarter (the engine's quarterly series; a missing March would end it early)."""
    done = last_quarter(month)
    ends = [3 * q for q in range(1, done.quarter + 1)] if done.year == month.year else []
    return month.year in frame.index and bool(np.isfinite(frame.loc[month.year, ends]).all())


def short_reason(rows: pd.DataFrame, month: pd.Period, min_years: int) -> str:
    """Why a region has no projection at ``month``, from its rows of the monthly table:
    :data:`TOO_SHORT` with fewer than ``min_years`` years of data before ``month``'s year,
    else the missing month — :data:`NO_LAST_DECEMBER` (last year's December 累计) or
    :data:`MONTHS_MISSING` (another month the projection needs: of the complete years, or a
    quarter end of this year)."""
    held = rows[rows[["ytd", "growth"]].notna().any(axis=1)]
    periods = pd.PeriodIndex(held["period"], freq=MONTHLY)
    if len(set(periods.year[periods.year < month.year])) < min_years:
        return TOO_SHORT
    if not (periods == pd.Period(year=month.year - 1, month=12, freq=MONTHLY)).any():
        return NO_LAST_DECEMBER
    return MONTHS_MISSING


def _nowcast_rows(
    frames: dict[str, pd.DataFrame],
    found: dict[str, RegionProjection | None],
    benchmark: pd.DataFrame | None,
    own_test: bool,
    margin: float,
    month: pd.Period,
) -> list[dict]:
    """Rows from the measured rule of ``month`` (:data:`~clusterlib.forecasting.nowcast.RULES`):
    the quarterly forecast, moved by the latest month where the rule says so; the interval and
    P(pass the plan's test: above the ``benchmark`` city series + ``margin``) from the joint
    paths (the benchmark is fitted with them when it is another indicator's). Regions too short
    for the share rule stay so."""
    ready = {
        region: frames[region]
        for region, own in found.items()
        if own is not None and has_quarters(frames[region], month)
    }
    if not own_test and benchmark is not None and ready and has_quarters(benchmark, month):
        ready[_BENCHMARK] = benchmark
    casts = nowcast_frames(ready, month) if ready else {}
    city = casts.get("city" if own_test else _BENCHMARK)
    rows = []
    for region in found:
        cast = casts.get(region)
        if cast is None:
            rows.append({"region": region, "projection_note": TOO_SHORT})
            continue
        itself = own_test and region == "city"
        beat = np.nan if city is None or itself else np.mean(cast.draws > city.draws + margin)
        rows.append(
            {
                "region": region,
                "projected_growth": cast.growth,
                "projected_lo_80": cast.lo_80,
                "projected_hi_80": cast.hi_80,
                "p_beat_city": beat,
                "projection_note": cast.method,
            }
        )
    return rows


def _actual_rows(
    frames: dict[str, pd.DataFrame],
    benchmark: pd.DataFrame | None,
    own_test: bool,
    test: PlanTest,
    month: pd.Period,
    settings: LedgerSettings,
) -> list[dict]:
    """December: every region's full-year growth, an interval of that one value, and whether
    it passes the plan's test (1 or 0: the year is known), on one-decimal figures as the
    ledger's status; the city's own row has no probability where it is the benchmark."""
    city = _actual("city", benchmark, month, settings) if benchmark is not None else {}
    versus = city.get("projected_growth", np.nan)
    rows = []
    for region, frame in frames.items():
        row = _actual(region, frame, month, settings)
        growth = row.get("projected_growth", np.nan)
        if np.isfinite(growth):
            row |= {"projected_lo_80": growth, "projected_hi_80": growth}
            gap = published_gap(growth, versus, test.margin)
            if np.isfinite(gap) and not (own_test and region == "city"):
                row["p_beat_city"] = float(COMPARATORS[test.comparator](gap, 0.0))
        rows.append(row)
    return rows


def _actual(region: str, frame: pd.DataFrame, month: pd.Period, settings: LedgerSettings) -> dict:
    """December: the full-year growth from the 累计 figures (``too short`` stays so)."""
    complete = frame.index[frame.index < month.year]
    if len(complete) < settings.min_years or month.year not in frame.index:
        return {"region": region, "projection_note": TOO_SHORT}
    growth = 100 * (frame.loc[month.year, 12] / frame.loc[month.year - 1, 12] - 1)
    return {"region": region, "projected_growth": growth, "projection_note": ACTUAL}


def _row(
    region: str, own: RegionProjection | None, city: RegionProjection | None, margin: float = 0.0
) -> dict:
    """One region's projection, interval and probability of beating ``city`` + ``margin`` pp."""
    if own is None:
        return {"region": region, "projection_note": TOO_SHORT}
    low, high = _interval(own.errors)
    beat = np.nan
    if city is not None:
        gap = (own.errors - city.errors).dropna()
        beat = _probability_above(own.growth - city.growth - margin, gap)
    return {
        "region": region,
        "projected_growth": own.growth,
        "projected_lo_80": own.growth + low,
        "projected_hi_80": own.growth + high,
        "p_beat_city": beat,
        "projection_note": PROJECTED,
    }


def _interval(errors: pd.Series) -> tuple[float, float]:
    """10% and 90% points of the error: Student t scaled by the root mean square error."""
    if len(errors) == 0:
        return np.nan, np.nan
    scale = float(np.sqrt(np.mean(errors.to_numpy() ** 2)))
    quantile = float(special.stdtrit(len(errors), 0.9))
    return -quantile * scale, quantile * scale


def _probability_above(gap: float, gap_errors: pd.Series) -> float:
    """P(true gap > 0) when the projected gap errs like ``gap_errors`` (Student t)."""
    if len(gap_errors) == 0:
        return np.nan
    scale = float(np.sqrt(np.mean(gap_errors.to_numpy() ** 2)))
    if scale == 0:
        return float(np.sign(gap) / 2 + 0.5)
    return float(special.stdtr(len(gap_errors), gap / scale))
