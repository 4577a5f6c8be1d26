"""Full-year 累计 growth from the quarterly forecast and the months published since its quarter.

Between two quarters the bureau publishes one or two more 累计 figures (1–7月, 1–8月). The
quarterly forecast of the last completed quarter implies a 累计 growth for that month; the
published figure differs from it by a *surprise*. The bridge moves the quarterly full-year
forecast by ``beta`` times the surprise, and scales the quarterly paths' spread around their
forecast by ``scale``; both are measured per calendar month on design years of real series
(bench/nowcast_bench.py, docs/forecasting.md "The latest month in the year-end outlook"). At a
quarter's end there is no month in hand and the quarterly forecast and paths are returned
unchanged. Where the bench found the naive rule "累计 growth stays" better at a month, the rule
for that month says so and the point is the month's 累计 growth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterlib.exceptions import ParameterError

MONTHS = list(range(2, 13))  # 1–2月 is published as one figure, under February
SHARE_YEARS = 3  # years averaged for the share of a quarter reached by a month
BRIDGE, NAIVE, QUARTERLY, COMBINE = "bridge", "naive", "quarterly", "combine"


@dataclass(frozen=True)
class MonthRule:
    """How the full year is forecast at one calendar month.

    ``method`` is ``bridge`` (quarterly forecast + ``beta`` × the month's surprise),
    ``combine`` (``beta`` × the month's 累计 growth + (1 − ``beta``) × the quarterly forecast),
    ``naive`` (the month's 累计 growth stays) or ``quarterly`` (the quarterly forecast as is);
    ``scale`` multiplies the quarterly paths' deviations from their forecast.
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


def nowcast(
    ytd: pd.DataFrame,
    month: pd.Period,
    quarters: pd.Series,
    paths: pd.DataFrame,
    rule: MonthRule | None = None,
    mean: pd.Series | None = None,
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

    Returns
    -------
    Nowcast
        Point = the rule's full-year growth; ``draws`` = per-path full-year growth moved to
        the point and scaled by ``rule.scale``; the 80% interval is their 10%–90% quantiles.

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
    point = _point(rule, quarterly, surprise, ytd, month)
    moved = point + rule.scale * (draws - quarterly)
    low, high = np.quantile(moved, [0.1, 0.9])
    return Nowcast(point, float(low), float(high), rule.method, float(surprise), moved)


def _point(
    rule: MonthRule, quarterly: float, surprise: float, ytd: pd.DataFrame, month: pd.Period
) -> float:
    """The rule's point forecast; the quarterly one where the surprise cannot be measured."""
    if rule.method == NAIVE:
        return observed_growth(ytd, month)
    if rule.method == COMBINE:
        return quarterly + rule.beta * (observed_growth(ytd, month) - quarterly)
    if rule.method == BRIDGE and np.isfinite(surprise):
        return quarterly + rule.beta * surprise
    return quarterly


RULES: dict[int, MonthRule] = {  # bench/nowcast_bench.py --held-out prints these
    2: MonthRule(QUARTERLY, 0.0, 1.801),
    3: QUARTER_END,
    4: MonthRule(QUARTERLY, 0.0, 0.922),
    5: MonthRule(BRIDGE, 1.246, 0.501),
    6: QUARTER_END,
    7: MonthRule(BRIDGE, 1.854, 0.694),
    8: MonthRule(NAIVE, 0.0, 0.630),
    9: MonthRule(NAIVE, 0.0, 1.105),
    10: MonthRule(BRIDGE, 2.745, 0.479),
    11: MonthRule(NAIVE, 0.0, 0.366),
}
"""The measured rule of each calendar month (docs/forecasting.md, issue #27 §2)."""


def quarter_values(ytd: pd.DataFrame) -> pd.Series:
    """Single-quarter values of a 累计 frame (years × months 2–12): Q1 = 累计 at March, then
    the increments to June, September, December; a quarterly PeriodIndex."""
    ends = ytd[[3, 6, 9, 12]].to_numpy(dtype=float)
    single = np.diff(ends, axis=1, prepend=0.0).ravel()
    first = pd.Period(year=int(ytd.index[0]), quarter=1, freq="Q-DEC")
    return pd.Series(single, index=pd.period_range(first, periods=single.size))
