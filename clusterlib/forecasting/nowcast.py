"""Full-year 累计 growth from the quarterly forecast and the months published since its quarter.

Between two quarters the bureau publishes one or two more 累计 figures (1–7月, 1–8月). The
quarterly forecast of the last completed quarter implies a 累计 growth for that month; the
published figure differs from it by a *surprise*. Each calendar month has its measured rule
(:data:`RULES`, chosen by bench/nowcast_bench.py on the latest ten years of real series,
docs/forecasting.md "Third round", its interval scales "Fourth round"): the quarterly forecast
as is (1–2月, 1–3月), momentum (the latest three months' growth carries on: 1–7月), the
dynamic factor model of the regions' monthly growth (:mod:`clusterlib.forecasting.factor`:
1–4月, 1–11月) or the mean of the two (1–5, 1–6, 1–8, 1–9, 1–10月). The quarterly paths'
spread around their forecast is scaled by the rule's ``scale``, and each draw is moved to the
rule's point.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import ParameterError
from clusterlib.forecasting.factor import factor_growth

MONTHS = list(range(2, 13))  # 1–2月 is published as one figure, under February
SHARE_YEARS = 3  # years averaged for the share of a quarter reached by a month
BRIDGE, NAIVE, QUARTERLY, COMBINE = "bridge", "naive", "quarterly", "combine"
MOMENTUM, FACTOR, BLEND = "momentum", "dfm", "blend"


@dataclass(frozen=True)
class MonthRule:
    """How the full year is forecast at one calendar month.

    ``method`` is ``bridge`` (quarterly forecast + ``beta`` × the month's surprise),
    ``combine`` (``beta`` × the month's 累计 growth + (1 − ``beta``) × the quarterly forecast),
    ``naive`` (the month's 累计 growth stays), ``momentum`` (:func:`momentum_growth`), ``dfm``
    (the dynamic factor model, :func:`clusterlib.forecasting.factor.factor_growth`), ``blend``
    (the mean of momentum and the factor model) or ``quarterly`` (the quarterly forecast as
    is); ``scale`` multiplies the quarterly paths' deviations from their forecast.
    """

    method: str
    beta: float = 0.0
    scale: float = 1.0


QUARTER_END = MonthRule(QUARTERLY)


@dataclass(frozen=True)
class Nowcast:
    """A full-year 累计 growth forecast (%): point, 80% interval, method and per-path draws."""

    growth: float
    lo_80: float
    hi_80: float
    method: str
    surprise: float
    draws: np.ndarray
    paths: pd.DataFrame


def last_quarter(month: pd.Period) -> pd.Period:
    """The last quarter completed by ``month`` (2019-08 → 2019Q2; 2019-06 → 2019Q2)."""
    quarter = month.asfreq("Q-DEC")
    return quarter if month.month % 3 == 0 else quarter - 1


def quarter_share(ytd: pd.DataFrame, month: int) -> pd.Series:
    """Share of its quarter's 累计 increment reached by ``month``, per year (row of ``ytd``).

    ``ytd`` is years × months 2–12 of 累计 values (levels or a chained index). February's
    share is of the first quarter (1–2月 ÷ 1–3月).
    """
    start = 3 * ((month - 1) // 3)
    end = start + 3
    base = ytd[start] if start >= 2 else 0.0
    return (ytd[month] - base) / (ytd[end] - base)


def implied_growth(
    ytd: pd.DataFrame, month: pd.Period, quarters: pd.Series, next_quarter: float
) -> float:
    """累计 growth (%) at ``month`` that the quarterly forecast implies.

    The year's quarters so far plus the forecast of the current quarter times the mean share of
    the quarter reached by this month in the last :data:`SHARE_YEARS` years, over last year's
    quarters to the same point (last year's own share). Only ratios of ``ytd`` enter, so its
    unit and base need not match the quarterly series'.
    """
    share = quarter_share(ytd, month.month)
    past = share[(share.index < month.year) & (share.index >= month.year - SHARE_YEARS)]
    if past.isna().any() or len(past) < SHARE_YEARS or np.isnan(share.get(month.year - 1, np.nan)):
        return np.nan
    done = last_quarter(month)
    this_year = quarters[(quarters.index.year == month.year) & (quarters.index <= done)].sum()
    last_year = quarters[(quarters.index.year == month.year - 1) & (quarters.index <= done - 4)]
    current_last_year = quarters.get(done - 3, np.nan)
    expected = this_year + past.mean() * next_quarter
    before = last_year.sum() + share[month.year - 1] * current_last_year
    return float(100 * (expected / before - 1))


def observed_growth(ytd: pd.DataFrame, month: pd.Period) -> float:
    """Published 累计 growth (%) at ``month``: this year's 累计 over last year's."""
    return float(
        100 * (ytd.loc[month.year, month.month] / ytd.loc[month.year - 1, month.month] - 1)
    )


def momentum_growth(ytd: pd.DataFrame, month: pd.Period) -> float:
    """Full-year 累计 growth (%) if the latest three months' growth carries on to December.

    The year's 累计 to ``month`` is known; last year's remaining months grow at the growth of
    this year's latest three published months over the same months last year (at the 累计
    growth where three months back is not published, e.g. 1–2月 … 1–4月).
    """
    now, before = ytd.loc[month.year], ytd.loc[month.year - 1]
    m, start = month.month, month.month - 3
    recent = now[m] / before[m]
    if start in ytd.columns and np.isfinite(now[start]) and np.isfinite(before[start]):
        recent = (now[m] - now[start]) / (before[m] - before[start])
    full = now[m] + recent * (before[12] - before[m])
    return float(100 * (full / before[12] - 1))


def nowcast(
    ytd: pd.DataFrame,
    month: pd.Period,
    quarters: pd.Series,
    paths: pd.DataFrame,
    rule: MonthRule | None = None,
    mean: pd.Series | None = None,
    factor: float | None = None,
) -> Nowcast:
    """Full-year 累计 growth of one series as of ``month``, with the months in hand.

    Parameters
    ----------
    ytd : pd.DataFrame
        Years × months 2–12 (columns) of the series' 累计 values up to ``month`` (levels or a
        chained index; NaN after ``month``): this year, last year and the
        :data:`SHARE_YEARS` years before it.
    month : pd.Period
        The as-of month (monthly Period); its 累计 figure must be in ``ytd``.
    quarters : pd.Series
        Single-quarter values (quarterly PeriodIndex) up to :func:`last_quarter` of ``month``,
        at least from the start of last year.
    paths : pd.DataFrame
        The quarterly paths: one row per draw, one column per remaining quarter of the year
        (the first is the quarter after :func:`last_quarter`), in the units of ``quarters``.
    rule : MonthRule, optional
        Default the measured rule of the calendar month (:data:`RULES`).
    mean : pd.Series, optional
        The point forecast of the same quarters (index as ``paths``' columns); default the
        paths' mean. The quarterly full-year forecast and the surprise are measured from it.
    factor : float, optional
        The factor model's full-year growth of this series (the rules ``dfm`` and ``blend``;
        it is fitted on several series at once,
        :func:`clusterlib.forecasting.factor.factor_growth`). Without it the naive rule stands
        in, as in the bench, and ``method`` says ``naive`` where the rule is ``dfm``.

    Returns
    -------
    Nowcast
        Point = the rule's full-year growth; ``draws`` = per-path full-year growth moved to
        the point and scaled by ``rule.scale``; the 80% interval is their 10%–90% quantiles;
        ``paths`` = ``paths`` with each draw's quarters multiplied by one factor so that the
        year adds up to its draw (what the goal probabilities count).

    Raises
    ------
    ParameterError
        If ``paths`` does not cover the rest of the year.
    """
    rule = RULES[month.month] if rule is None else rule
    done = last_quarter(month)
    rest = pd.period_range(done + 1, pd.Period(year=month.year, quarter=4, freq="Q-DEC"))
    if month.month == 12 or list(paths.columns) != list(rest):
        raise ParameterError(f"paths must have the quarters {list(map(str, rest))} as columns")
    known = quarters[(quarters.index.year == month.year) & (quarters.index <= done)].sum()
    previous = quarters[quarters.index.year == month.year - 1].sum()
    draws = 100 * ((known + paths.to_numpy(dtype=float).sum(axis=1)) / previous - 1)
    mean = paths.mean() if mean is None else mean.reindex(rest)
    quarterly = float(100 * ((known + mean.sum()) / previous - 1))
    surprise = np.nan
    if month.month % 3:
        surprise = observed_growth(ytd, month) - implied_growth(
            ytd, month, quarters, float(mean.iloc[0])
        )
    if factor is None or not np.isfinite(factor):  # the factor model's stand-in, as in the bench
        factor = observed_growth(ytd, month) if rule.method in (FACTOR, BLEND) else np.nan
        rule = MonthRule(NAIVE, 0.0, rule.scale) if rule.method == FACTOR else rule
    point = _point(rule, quarterly, surprise, ytd, month, factor)
    moved = point + rule.scale * (draws - quarterly)
    low, high = np.quantile(moved, [0.1, 0.9])
    rest_total = previous * (1 + moved / 100) - known
    scaled = paths.mul(rest_total / paths.sum(axis=1).to_numpy(), axis=0)
    return Nowcast(point, float(low), float(high), rule.method, float(surprise), moved, scaled)


def _point(
    rule: MonthRule,
    quarterly: float,
    surprise: float,
    ytd: pd.DataFrame,
    month: pd.Period,
    factor: float,
) -> float:
    """The rule's point forecast; the quarterly one where the surprise cannot be measured."""
    if rule.method == FACTOR:
        return factor
    if rule.method == BLEND:
        return (momentum_growth(ytd, month) + factor) / 2
    if rule.method == NAIVE:
        return observed_growth(ytd, month)
    if rule.method == MOMENTUM:
        return momentum_growth(ytd, month)
    if rule.method == COMBINE:
        return quarterly + rule.beta * (observed_growth(ytd, month) - quarterly)
    if rule.method == BRIDGE and np.isfinite(surprise):
        return quarterly + rule.beta * surprise
    return quarterly


RULES: dict[int, MonthRule] = {  # bench/nowcast_bench.py prints these (the latest ten years)
    2: MonthRule(QUARTERLY, 0.0, 0.640),
    3: QUARTER_END,
    4: MonthRule(FACTOR, 0.0, 0.696),
    5: MonthRule(BLEND, 0.0, 0.679),
    6: MonthRule(BLEND, 0.0, 0.752),
    7: MonthRule(MOMENTUM, 0.0, 0.745),
    8: MonthRule(BLEND, 0.0, 0.580),
    9: MonthRule(BLEND, 0.0, 0.780),
    10: MonthRule(BLEND, 0.0, 0.586),
    11: MonthRule(FACTOR, 0.0, 0.321),
}
"""The measured rule of each calendar month (docs/forecasting.md, issue #27 §2)."""


@dataclass(frozen=True)
class Calibration:
    """How often a rule's 80% interval held the outcome in the bench's backtest (33 national
    and provincial series, target years 2013–2024): over all years and in 2020–21."""

    overall: float
    shock: float


COVERAGE: dict[tuple[int, str], Calibration] = {  # bench/nowcast_bench.py prints these
    (2, QUARTERLY): Calibration(0.804, 0.640),
    (3, QUARTERLY): Calibration(0.854, 0.530),
    (4, FACTOR): Calibration(0.743, 0.348),
    (5, BLEND): Calibration(0.733, 0.424),
    (6, BLEND): Calibration(0.781, 0.561),
    (6, QUARTERLY): Calibration(0.859, 0.636),
    (7, MOMENTUM): Calibration(0.743, 0.561),
    (8, BLEND): Calibration(0.713, 0.576),
    (9, BLEND): Calibration(0.778, 0.712),
    (9, QUARTERLY): Calibration(0.793, 0.636),
    (10, BLEND): Calibration(0.756, 0.636),
    (11, FACTOR): Calibration(0.834, 0.833),
}
"""(calendar month, method) → the measured coverage of the month's rule (:data:`RULES`) and,
at a quarter's end, of the quarterly forecast as is (docs/forecasting.md "In the products")."""

MONTHLY_METHODS = (FACTOR, BLEND)  # the rules fitted on the monthly figures


def month_rule(month: int, monthly: bool = True) -> MonthRule:
    """The rule of a calendar month (:data:`RULES`; December: the year is complete).

    Without monthly figures (a batch run at a quarter's end without ``as_of_month``), a rule
    fitted on them (:data:`MONTHLY_METHODS`) gives way to the quarterly forecast as is.
    """
    rule = RULES.get(month, QUARTER_END)
    return QUARTER_END if rule.method in MONTHLY_METHODS and not monthly else rule


@dataclass(frozen=True)
class Outlook:
    """The month whose data the full-year outlook uses, the method applied at it, the
    (region, indicator) series the months in hand could not move (they keep the quarterly
    forecast), those too short for the factor model ("累计 growth stays" stands in) and those
    the quarterly models cannot fit (too short, gaps, constant: the naive last value)."""

    month: pd.Period
    method: str
    kept: tuple[tuple[str, str], ...] = ()
    stand_in: tuple[tuple[str, str], ...] = ()
    naive: tuple[tuple[str, str], ...] = ()

    @property
    def calibration(self) -> Calibration | None:
        """The measured coverage of the method's 80% interval at this month (:data:`COVERAGE`;
        None where not measured)."""
        return COVERAGE.get((self.month.month, self.method))


def nowcast_frames(
    frames: dict[str, pd.DataFrame], month: pd.Period, n_paths: int = 1000, seed: int = 2019
) -> dict[str, Nowcast]:
    """Every region's :func:`nowcast` from one joint fit of their quarterly series.

    ``frames`` maps a region to its 累计 frame (years × months 2–12, this year cut after
    ``month``, as :func:`clusterlib.ledger.projection.ytd_frames` gives them); the quarters
    up to :func:`last_quarter` are forecast with the engine's default and joint paths, so the
    regions' draws move together (the probability of beating the city counts them). Where the
    month's rule is the factor model, it is fitted on all ``frames`` together.
    """
    # the engine (statsmodels) loads here, so the ledger stays light at the share rule's months
    from clusterlib.forecasting.simulate import forecast_and_simulate

    done = last_quarter(month)
    h = 4 - done.quarter if done.year == month.year else 4
    quarters = {region: quarter_values(frame).loc[:done] for region, frame in frames.items()}
    panel = pd.concat(
        pd.DataFrame({"region": region, "measure": "index", "period": values.index}).assign(
            value=values.to_numpy()
        )
        for region, values in quarters.items()
    )
    forecasts, drawn = forecast_and_simulate(panel, h, n_paths, seed, progress=False)
    paths = drawn.pivot_table(index="path", columns=["region", "period"], values="value")
    means = forecasts.set_index(["region", "period"])["mean"]
    joint = RULES[month.month].method in (FACTOR, BLEND)
    factors = factor_growth(frames, month) if joint else {}
    return {
        region: nowcast(
            frame,
            month,
            quarters[region],
            paths[region],
            mean=means[region],
            factor=factors.get(region),
        )
        for region, frame in frames.items()
    }


def nowcast_panel(
    series: pd.DataFrame,
    forecasts: pd.DataFrame,
    paths: pd.DataFrame | None,
    month: pd.Period,
    monthly: dict[tuple[str, str], pd.DataFrame] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The batch's forecasts (and paths) of ``month``'s year moved by the month's rule.

    For every flow series of ``series`` (the indicator's catalogue ``kind`` is ``flow``)
    whose last quarter is :func:`last_quarter` of ``month`` and whose year is not complete,
    the remaining quarters of the year are multiplied, per draw, so that the year adds up to
    the :func:`nowcast` draw; the forecast means so that it adds up to the nowcast's point.
    Quarters after the year and other series are returned unchanged; so is everything when
    the month's rule is the quarterly forecast as is (1–3月) or the year is complete, and so
    is a series without a ``monthly`` frame where the rule is fitted on monthly figures
    (:func:`month_rule`).

    Parameters
    ----------
    series, forecasts, paths
        The tidy panel the engine was fitted on (``region, indicator, measure, period,
        value``), its forecast table and its joint paths (``path, value``; None: points only).
    month : pd.Period
        The as-of month: the run's quarter's last month, or a later month of the next quarter
        with ``monthly`` figures.
    monthly : dict, optional
        ``(region, indicator)`` → 累计 frame (years × months 2–12, cut after ``month``, as
        :func:`clusterlib.ledger.projection.ytd_frames` gives them). Series without one use
        the 累计 of their own quarters (quarter-end months only).
    """
    if month_rule(month.month) == QUARTER_END:
        return forecasts, paths  # the year is complete, or the rule keeps the quarterly forecast
    done = last_quarter(month)
    flows = catalog.flows()
    forecasts, paths = forecasts.copy(), None if paths is None else paths.copy()
    monthly = monthly or {}
    joint = RULES[month.month].method in MONTHLY_METHODS
    factors = _factor_growths(monthly, month) if joint else {}
    for key, values in series.groupby(["region", "indicator", "measure"]):
        quarters = values.set_index(pd.PeriodIndex(values["period"]))["value"].sort_index()
        rule = month_rule(month.month, monthly=key[:2] in monthly)
        if key[1] not in flows or quarters.index[-1] != done or rule == QUARTER_END:
            continue
        frame = monthly.get(key[:2])
        frame = _quarter_end_frame(quarters) if frame is None else frame
        if month.year not in frame.index or np.isnan(frame.loc[month.year, month.month]):
            continue
        _move(forecasts, paths, key, quarters, frame, month, rule, factors.get(key[:2]))
    return forecasts, paths


def _factor_growths(
    monthly: dict[tuple[str, str], pd.DataFrame], month: pd.Period
) -> dict[tuple[str, str], float]:
    """The factor model's full-year growth per (region, indicator): one fit per indicator."""
    result = {}
    for indicator in {key[1] for key in monthly}:
        frames = {region: frame for (region, ind), frame in monthly.items() if ind == indicator}
        for region, growth in factor_growth(frames, month).items():
            result[(region, indicator)] = growth
    return result


def _quarter_end_frame(quarters: pd.Series) -> pd.DataFrame:
    """累计 at March, June, September and December from single quarters (other months NaN)."""
    years = quarters.groupby(quarters.index.year)
    cumulative = years.cumsum()
    frame = pd.DataFrame(np.nan, index=sorted(years.groups), columns=MONTHS)
    for period, value in cumulative.items():
        frame.loc[period.year, 3 * period.quarter] = value
    return frame


def _move(
    forecasts: pd.DataFrame,
    paths: pd.DataFrame | None,
    key: tuple,
    quarters: pd.Series,
    frame: pd.DataFrame,
    month: pd.Period,
    rule: MonthRule,
    factor: float | None,
) -> None:
    """Rescale one series' rows of ``forecasts`` and ``paths`` in place to its nowcast."""
    rest = pd.period_range(
        last_quarter(month) + 1, pd.Period(year=month.year, quarter=4, freq="Q-DEC")
    )
    own = _rows(forecasts, key) & forecasts["period"].isin(rest)
    mean = forecasts[own].set_index("period")["mean"]
    wide = mean.to_frame().T if paths is None else _wide(paths, key, rest)
    try:
        cast = nowcast(frame, month, quarters, wide, rule, mean=mean, factor=factor)
    except KeyError:
        return  # last year's figure is missing: the quarterly forecast stays
    if not np.isfinite(cast.growth):
        return
    known = quarters[quarters.index.year == month.year].sum()
    previous = quarters[quarters.index.year == month.year - 1].sum()
    factor = (previous * (1 + cast.growth / 100) - known) / mean.sum()
    columns = [c for c in ("mean", "lo_80", "hi_80", "lo_95", "hi_95") if c in forecasts]
    forecasts.loc[own, columns] = forecasts.loc[own, columns] * factor
    if paths is not None:
        rows = _rows(paths, key) & paths["period"].isin(rest)
        moved = cast.paths.stack().rename("moved")
        index = pd.MultiIndex.from_arrays([paths.loc[rows, "path"], paths.loc[rows, "period"]])
        paths.loc[rows, "value"] = moved.reindex(index).to_numpy()


def _rows(table: pd.DataFrame, key: tuple) -> pd.Series:
    """Rows of one (region, indicator, measure) series."""
    region, indicator, measure = key
    return (
        (table["region"] == region)
        & (table["indicator"] == indicator)
        & (table["measure"] == measure)
    )


def _wide(paths: pd.DataFrame, key: tuple, rest: pd.PeriodIndex) -> pd.DataFrame:
    """One series' draws of the year's remaining quarters: paths × quarters."""
    own = paths[_rows(paths, key) & paths["period"].isin(rest)]
    return own.pivot(index="path", columns="period", values="value")


def quarter_values(ytd: pd.DataFrame) -> pd.Series:
    """Single-quarter values of a 累计 frame (years × months 2–12): Q1 = 累计 at March, then
    the increments to June, September, December; a quarterly PeriodIndex."""
    ends = ytd[[3, 6, 9, 12]].to_numpy(dtype=float)
    single = np.diff(ends, axis=1, prepend=0.0).ravel()
    first = pd.Period(year=int(ytd.index[0]), quarter=1, freq="Q-DEC")
    return pd.Series(single, index=pd.period_range(first, periods=single.size))
