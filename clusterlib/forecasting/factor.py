"""Full-year 累计 growth of several series from one dynamic factor model of their monthly growth.

statsmodels' ``DynamicFactorMQ`` (the New York Fed nowcast, Bańbura and Modugno 2014) with one
factor, AR(1) factor dynamics and AR(1) idiosyncratic terms, fitted by EM on the y/y growth of
every series' single months up to the as-of month; last year's remaining single months grow at
the forecast growth. One of the candidates of the nowcast bench (docs/forecasting.md, "Second
round" and "Third round"); :data:`clusterlib.forecasting.nowcast.RULES` uses it, alone or
averaged with momentum, at the months where it measured best.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

MIN_MONTHS = 24  # a series needs more monthly growth figures than this to enter the fit
BLOCK_SERIES = 40  # series per fit (the bench fitted up to 33 jointly); more are fitted in blocks
ANCHOR = "city"  # the series every block shares (else the one with the most figures)
MIN_STD = 1e-10  # statsmodels refuses a series whose growth varies less (a constant series)


def single_months(frame: pd.DataFrame) -> pd.DataFrame:
    """Single-month values of a 累计 frame (years × months 2–12): 1–2月 stays under February,
    and the first published month of the year is its own 累计."""
    single = frame.diff(axis=1)
    first = frame.notna().any().idxmax()
    single[first] = frame[first]
    return single


def monthly_growth(frames: dict[str, pd.DataFrame], month: pd.Period) -> pd.DataFrame:
    """Y/y growth (%) of every series' single months up to ``month`` (columns: series).

    Rows run monthly from the January after the earliest year of ``frames`` (the first with a
    year before it) to ``month``; figures after ``month`` are cut off.
    """
    columns = {}
    for name, frame in frames.items():
        seen = frame.loc[: month.year].copy()
        if month.year in seen.index:
            seen.loc[month.year, month.month + 1 :] = np.nan
        single = single_months(seen)
        stacked = (100 * (single / single.shift(1) - 1)).stack(future_stack=True)
        index = [pd.Period(year=int(y), month=int(m), freq="M") for y, m in stacked.index]
        index = pd.PeriodIndex(index, freq="M")
        columns[name] = pd.Series(stacked.to_numpy(), index=index, dtype=float)
    first = min(int(frame.index.min()) for frame in frames.values()) + 1
    start = pd.Period(year=first, month=1, freq="M")
    return pd.DataFrame(columns).reindex(pd.period_range(start, month, freq="M"))


def factor_growth(frames: dict[str, pd.DataFrame], month: pd.Period) -> dict[str, float]:
    """Full-year 累计 growth (%) of every series with more than :data:`MIN_MONTHS` monthly figures.

    ``frames`` maps a series to its 累计 frame (years × months 2–12, levels or a chained
    index; last year complete). Series left out of the fit (too short, or constant growth,
    which statsmodels cannot standardise), and series without ``month``'s
    figure (they still inform the factor), are absent from the result. More than
    :data:`BLOCK_SERIES` series are fitted in blocks that each hold the :data:`ANCHOR` series
    (the cost of one fit grows with the square of its series: 184 regions at once took minutes).
    """
    panel = fittable(monthly_growth(frames, month))
    if panel.empty:
        return {}
    result = {}
    for block in _blocks(panel):
        forecast = _fit_forecast(panel[block], month)
        for name in block:
            frame = frames[name]
            if month.year not in frame.index or np.isnan(frame.loc[month.year, month.month]):
                continue  # in the fit (its past informs the factor), but nothing to forecast
            result.setdefault(name, _full_year(frame, month, forecast[name].to_numpy()))
    return result


def fittable(growth: pd.DataFrame) -> pd.DataFrame:
    """The series (columns) of a :func:`monthly_growth` panel the factor model can take:
    more than :data:`MIN_MONTHS` figures, and growth that is not constant."""
    return growth.loc[:, (growth.notna().sum() > MIN_MONTHS) & (growth.std() >= MIN_STD)]


def _blocks(panel: pd.DataFrame) -> list[list[str]]:
    """The series of each fit: all of them, or the anchor and up to BLOCK_SERIES − 1 others."""
    names = list(panel.columns)
    if len(names) <= BLOCK_SERIES:
        return [names]
    anchor = ANCHOR if ANCHOR in names else str(panel.notna().sum().idxmax())
    others = [name for name in names if name != anchor]
    size = BLOCK_SERIES - 1
    return [[anchor, *others[i : i + size]] for i in range(0, len(others), size)]


def _fit_forecast(panel: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """The factor model's forecast of every series' monthly growth to December."""
    from statsmodels.tsa.statespace.dynamic_factor_mq import DynamicFactorMQ

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = DynamicFactorMQ(panel, factors=1, factor_orders=1, idiosyncratic_ar1=True)
        forecast = pd.DataFrame(model.fit(disp=False).forecast(12 - month.month))
    forecast.columns = panel.columns
    return forecast


def _full_year(frame: pd.DataFrame, month: pd.Period, growth: np.ndarray) -> float:
    """Full-year 累计 growth (%): last year's remaining single months grown by ``growth``."""
    rest = list(range(month.month + 1, 13))
    before = single_months(frame).loc[month.year - 1, rest]
    full = frame.loc[month.year, month.month] + (before * (1 + growth / 100)).sum()
    return float(100 * (full / frame.loc[month.year - 1, 12] - 1))
