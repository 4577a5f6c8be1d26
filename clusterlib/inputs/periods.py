"""Period arithmetic: year-to-date (累计) ↔ single periods, growth rates, indices from growth."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from clusterlib.exceptions import SeriesError
from clusterlib.messages import message

PERIODS_PER_YEAR = {"Q-DEC": 4, "M": 12}
"""Supported PeriodIndex frequencies (calendar quarters, months) and their periods per year."""

_Step = Callable[[np.ndarray, np.ndarray], np.ndarray]


# --- checks -------------------------------------------------------------------------------


def _periods_per_year(series: pd.Series, allowed: tuple[str, ...] = ("Q-DEC", "M")) -> int:
    """Periods per year of ``series``' index; raise if it is not a unique quarterly/monthly one."""
    index = series.index
    if not isinstance(index, pd.PeriodIndex):
        raise TypeError(
            f"expected a Series indexed by a pandas PeriodIndex, got {type(index).__name__}; "
            "convert with e.g. series.index = pd.PeriodIndex(series.index, freq='Q')"
        )
    if index.freqstr not in allowed:
        raise ValueError(
            f"unsupported period frequency {index.freqstr!r}; expected one of {allowed}"
        )
    duplicated = index[index.duplicated()].unique()
    if len(duplicated):
        raise ValueError(f"duplicated periods: {', '.join(map(str, duplicated))}")
    return PERIODS_PER_YEAR[index.freqstr]


def _position_in_year(index: pd.PeriodIndex) -> np.ndarray:
    """1-based position of each period within its calendar year (quarter or month number)."""
    return np.asarray(index.quarter if index.freqstr == "Q-DEC" else index.month)


def _check_no_gap_within_years(index: pd.PeriodIndex) -> None:
    """Raise if a period is missing between two present periods of the same calendar year.

    ``index`` must be sorted. A missing period at the start or the end of a year is not a gap:
    the first point of a year covers from January, the year may simply end early.
    """
    same_year = index.year[1:] == index.year[:-1]
    step = np.diff(_position_in_year(index))
    gap_ends = np.flatnonzero(same_year & (step != 1))
    missing = [
        str(period)
        for i in gap_ends
        for period in pd.period_range(index[i] + 1, index[i + 1] - 1, freq=index.freq)
    ]
    if missing:
        raise SeriesError(
            message("series_gap_in_year", missing=", ".join(missing)),
            "missing_periods",
            tuple(missing),
        )


def _starts_in_january(index: pd.PeriodIndex) -> np.ndarray:
    """Mask of the periods (sorted, no gaps inside a year) whose year's values start in January.

    A quarterly year must start at Q1; a monthly one at month 01 or at the 1–2月 point (02),
    which covers January and February together. A year whose first value comes later lacks
    its earlier periods: its cumulative values cannot be split or summed from January.
    """
    latest_start = 1 if index.freqstr == "Q-DEC" else 2
    years = np.asarray(index.year)
    _, first_of_year, which_year = np.unique(years, return_index=True, return_inverse=True)
    return _position_in_year(index)[first_of_year][which_year] <= latest_start


def _check_complete(series: pd.Series) -> None:
    """Raise unless ``series`` has a value for every period from its first to its last."""
    present = series.dropna().index
    if present.empty:
        raise SeriesError(message("series_no_values"), "no_values")
    expected = pd.period_range(present.min(), present.max(), freq=present.freq)
    missing = expected.difference(present)
    if len(missing):
        raise SeriesError(
            message("series_growth_gaps", missing=", ".join(map(str, missing))),
            "growth_gaps",
            tuple(map(str, missing)),
        )


# --- year-to-date and single periods ------------------------------------------------------


def ytd_to_single(ytd: pd.Series) -> pd.Series:
    """Single-period values from year-to-date (累计) values.

    Within each calendar year the single-period value is the difference of consecutive
    cumulative values. The first point of a year is its own value only if it covers the year
    from January (Q1; monthly: month 01, or the 1–2月 point at 02, which gives the
    January–February total). A later first point (a 1–9月 total with no 1–6月 value, an annual
    total alone) spans several periods: its single-period value is NaN, never the total.

    Parameters
    ----------
    ytd : pd.Series
        Cumulative values indexed by a quarterly (``Q-DEC``) or monthly PeriodIndex.
        NaN values count as absent periods and stay NaN.

    Returns
    -------
    pd.Series
        Single-period values, sorted by period, same name; NaN for the first point of a year
        that starts after Q1 (monthly: after 02).

    Raises
    ------
    TypeError
        If the index is not a PeriodIndex.
    ValueError
        If the frequency is unsupported, a period is duplicated, or a period is missing
        between two present periods of the same year (the message names it).
    """
    present = _present_within_years(ytd)
    earlier = present.groupby(present.index.year).shift()
    first_in_year = earlier.isna().to_numpy()
    single = present - earlier.fillna(0.0)
    late_start = first_in_year & ~_starts_in_january(present.index)
    return single.mask(late_start).reindex(ytd.index.sort_values())


def _present_within_years(values: pd.Series) -> pd.Series:
    """The values present, sorted by period, once the frequency and within-year gaps are checked."""
    _periods_per_year(values)
    present = values.dropna().sort_index()
    _check_no_gap_within_years(present.index)
    return present


def single_to_ytd(single: pd.Series) -> pd.Series:
    """Year-to-date (累计) values from single-period values: the running sum within each year.

    The inverse of :func:`ytd_to_single`; the first point of a year is taken to cover the year
    from January (a monthly point at 02 is the 1–2月 value). A year whose first value comes
    after Q1 (monthly: after 02) has no cumulative values from January: NaN throughout.

    Parameters
    ----------
    single : pd.Series
        Single-period values indexed by a quarterly (``Q-DEC``) or monthly PeriodIndex.
        NaN values count as absent periods and stay NaN.

    Returns
    -------
    pd.Series
        Cumulative values, sorted by period, same name.

    Raises
    ------
    TypeError
        If the index is not a PeriodIndex.
    ValueError
        If the frequency is unsupported, a period is duplicated, or a period is missing
        between two present periods of the same year (the message names it).
    """
    present = _present_within_years(single)
    ytd = present.groupby(present.index.year).cumsum()
    return ytd.where(_starts_in_january(present.index)).reindex(single.index.sort_values())


def monthly_ytd_to_quarterly(ytd_monthly: pd.Series) -> pd.Series:
    """Quarterly year-to-date values from monthly ones: keep March, June, September, December.

    Works for cumulative levels and cumulative growth rates alike. Quarters whose
    month-end value is missing are absent from the result.

    Parameters
    ----------
    ytd_monthly : pd.Series
        Year-to-date values indexed by a monthly PeriodIndex.

    Returns
    -------
    pd.Series
        The same values indexed by a quarterly (``Q-DEC``) PeriodIndex, sorted.

    Raises
    ------
    TypeError
        If the index is not a PeriodIndex.
    ValueError
        If the index is not monthly or has duplicated months.
    """
    _periods_per_year(ytd_monthly, allowed=("M",))
    quarter_ends = ytd_monthly[ytd_monthly.index.month % 3 == 0].dropna().sort_index()
    return quarter_ends.set_axis(quarter_ends.index.asfreq("Q-DEC"))


# --- growth rates --------------------------------------------------------------------------


def yoy_growth(values: pd.Series) -> pd.Series:
    """Year-on-year growth (同比, %) of each period against the same period a year earlier.

    Parameters
    ----------
    values : pd.Series
        Single-period levels or index values, quarterly (``Q-DEC``) or monthly PeriodIndex.

    Returns
    -------
    pd.Series
        ``100 * (value / value a year earlier - 1)``, sorted by period; NaN where the
        year-earlier period is absent.

    Raises
    ------
    TypeError
        If the index is not a PeriodIndex.
    ValueError
        If the frequency is unsupported or a period is duplicated.
    """
    per_year = _periods_per_year(values)
    values = values.sort_index()
    year_earlier = values.reindex(values.index - per_year).to_numpy()
    return 100.0 * (values / year_earlier - 1.0)


def ytd_growth(values: pd.Series) -> pd.Series:
    """Cumulative year-on-year growth (累计同比, %): year-to-date sum against a year earlier.

    A year's cumulative sums are only comparable if they start in January: a year whose first
    value comes after Q1 (monthly: after the 1–2月 point at 02) gives NaN growth, as does the
    year after it.

    Parameters
    ----------
    values : pd.Series
        Single-period levels or index values, quarterly (``Q-DEC``) or monthly PeriodIndex.

    Returns
    -------
    pd.Series
        Cumulative growth in %, sorted by period.

    Raises
    ------
    TypeError
        If the index is not a PeriodIndex.
    ValueError
        As :func:`single_to_ytd`: unsupported frequency, duplicated period, gap inside a year.
    """
    return yoy_growth(single_to_ytd(values))


# --- volume indices from growth rates (growth-only series such as 规上工业增加值) ---------------


def _ytd_forward(prior: np.ndarray, growth: np.ndarray) -> np.ndarray:
    """This year's quarters from last year's and cumulative growth: S(y,q) = (1+G/100)·S(y-1,q)."""
    cumulative = (1.0 + growth / 100.0) * np.cumsum(prior)
    return np.diff(cumulative, prepend=0.0)


def _ytd_backward(current: np.ndarray, growth: np.ndarray) -> np.ndarray:
    """Last year's quarters from this year's and cumulative growth: S(y-1,q) = S(y,q)/(1+G/100)."""
    return np.diff(np.cumsum(current) / (1.0 + growth / 100.0), prepend=0.0)


def _yoy_forward(prior: np.ndarray, growth: np.ndarray) -> np.ndarray:
    """This year's quarters from last year's and quarterly growth: L(y,q) = L(y-1,q)·(1+g/100)."""
    return prior * (1.0 + growth / 100.0)


def _yoy_backward(current: np.ndarray, growth: np.ndarray) -> np.ndarray:
    """Last year's quarters from this year's and quarterly growth: L(y-1,q) = L(y,q)/(1+g/100)."""
    return current / (1.0 + growth / 100.0)


def _check_growth(growth: pd.Series, base_year: int | None) -> int:
    """Validate sorted quarterly growth for chaining; return the base year to use."""
    _check_complete(growth)
    first, last = growth.index[0], growth.index[-1]
    if first.quarter != 1:
        raise SeriesError(
            message("series_partial_first_year", first=str(first), year=str(first.year)),
            "partial_first_year",
            (str(first),),
        )
    if (growth <= -100.0).any():
        at = str(growth.index[growth <= -100.0][0])
        said = message("series_growth_below_minus_100", period=at)
        raise SeriesError(said, "growth_below_minus_100", (at,))
    last_complete_year = last.year if last.quarter == 4 else last.year - 1
    if base_year is None:
        return first.year - 1
    if not first.year - 1 <= base_year <= last_complete_year:
        raise ValueError(
            f"base_year {base_year} outside {first.year - 1}..{last_complete_year} "
            "(the year before the first growth year up to the last complete year)"
        )
    return base_year


def _chain(growth: pd.Series, base_year: int | None, forward: _Step, backward: _Step) -> pd.Series:
    """Chain quarterly growth into an index with the base year's four quarters at 100 each.

    Row ``i`` of the growth grid is year ``first + i`` and links index rows ``i`` (the year
    before) and ``i + 1``; index row 0 is the year before the first growth year.
    """
    _periods_per_year(growth, allowed=("Q-DEC",))
    growth = growth.dropna().sort_index()
    base_year = _check_growth(growth, base_year)
    first_year, last = growth.index[0].year, growth.index[-1]
    n_years = last.year - first_year + 1
    grid = np.full(n_years * 4, np.nan)
    grid[: len(growth)] = growth.to_numpy(dtype=float)
    grid = grid.reshape(n_years, 4)
    index = np.full((n_years + 1, 4), np.nan)
    base_row = base_year - (first_year - 1)
    index[base_row] = 100.0
    for row in range(base_row, n_years):
        index[row + 1] = forward(index[row], grid[row])
    for row in range(base_row - 1, -1, -1):
        index[row] = backward(index[row + 1], grid[row])
    start = pd.Period(year=first_year - 1, quarter=1, freq="Q-DEC")
    periods = pd.period_range(start, last, freq="Q-DEC")
    return pd.Series(index.ravel()[: len(periods)], index=periods, name=growth.name)


def ytd_growth_to_index(ytd_growth: pd.Series, base_year: int | None = None) -> pd.Series:
    """Chained quarterly volume index from cumulative (累计) year-on-year growth.

    With index values L(y-1,k) of last year and their running sums S(y-1,q), published
    cumulative growth G(y,q) gives Σ_{k≤q} L(y,k) = (1 + G(y,q)/100)·S(y-1,q), hence each
    L(y,q) exactly. The only assumption is that the base year's four quarters are equal
    (100 each, so 100 = average quarter of the base year). Years after the base year are
    chained forwards, years before it backwards; either way ``ytd_growth`` of the result
    reproduces the input. Single-quarter growth of the result is approximate: see
    docs/growth_only_series.md for the measured error.

    Parameters
    ----------
    ytd_growth : pd.Series
        Cumulative growth in % indexed by a quarterly (``Q-DEC``) PeriodIndex, with a value
        for every quarter from Q1 of the first year to the last quarter (monthly releases:
        use :func:`monthly_ytd_to_quarterly` first).
    base_year : int, optional
        Year whose quarters are set to 100. Default: the year before the first growth year.
        Must lie between that year and the last complete year.

    Returns
    -------
    pd.Series
        Index values for every quarter from Q1 of the year before the first growth year to
        the last growth quarter.

    Raises
    ------
    TypeError
        If the index is not a PeriodIndex.
    ValueError
        If the index is not quarterly, a quarter is missing (named in the message), the first
        year does not start in Q1, growth is -100% or less, or ``base_year`` is out of range.
    """
    return _chain(ytd_growth, base_year, _ytd_forward, _ytd_backward)


def yoy_growth_to_index(yoy_growth: pd.Series, base_year: int | None = None) -> pd.Series:
    """Chained quarterly volume index from single-quarter year-on-year growth (当季同比).

    L(y,q) = L(y-1,q)·(1 + g(y,q)/100), exact; the base year's four quarters are set to 100
    each, so the index carries no seasonality. Arguments, result and errors as
    :func:`ytd_growth_to_index`.

    Parameters
    ----------
    yoy_growth : pd.Series
        Single-quarter growth in % indexed by a quarterly (``Q-DEC``) PeriodIndex.
    base_year : int, optional
        Year whose quarters are set to 100; default the year before the first growth year.

    Returns
    -------
    pd.Series
        Index values from Q1 of the year before the first growth year to the last quarter.

    Raises
    ------
    TypeError
        If the index is not a PeriodIndex.
    ValueError
        As :func:`ytd_growth_to_index`.
    """
    return _chain(yoy_growth, base_year, _yoy_forward, _yoy_backward)
