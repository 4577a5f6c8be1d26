"""Forward metrics: the goal year's values per simulated draw, and the probability of a goal."""

from __future__ import annotations

import operator
from collections.abc import Callable

import numpy as np
import pandas as pd

from clusterlib.inputs.periods import ytd_growth

COMPARATORS: dict[str, Callable] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def year_frame(
    actual: pd.Series, future: pd.DataFrame, year: int, as_of: pd.Period
) -> pd.DataFrame:
    """The year's four quarters, one row per draw: actuals up to ``as_of``, the draw after it.

    Parameters
    ----------
    actual : pd.Series
        Observed quarterly values (PeriodIndex); only quarters up to ``as_of`` are used.
    future : pd.DataFrame
        Draws of future values: one row per draw (e.g. simulated path), one column per
        quarter. Quarters it lacks are NaN.
    year, as_of
        The goal year and the last quarter with data.

    Returns
    -------
    pd.DataFrame
        Same rows as ``future``, columns the four quarters of ``year``.
    """
    quarters = pd.period_range(pd.Period(year=year, quarter=1, freq="Q-DEC"), periods=4)
    frame = future.reindex(columns=quarters).astype(float)
    known = quarters[quarters <= as_of]
    if len(known):  # one assignment, not one per quarter (the goal tests call this per region)
        values = actual.reindex(known).to_numpy(dtype=float)
        frame[known] = np.broadcast_to(values, (len(frame), len(known)))
    return frame


def full_year_growth(frame: pd.DataFrame, previous_year: pd.Series) -> pd.Series:
    """Full-year (1–12月 累计) growth in % per draw: Σ this year / Σ last year − 1.

    The definition of :func:`~clusterlib.inputs.periods.ytd_growth` at Q4, vectorised over draws.
    """
    last_year = previous_year.reindex(frame.columns - 4).to_numpy(dtype=float).sum()
    return 100.0 * (frame.sum(axis=1, skipna=False) / last_year - 1.0)


def ytd_growth_at(values: pd.Series, quarter: pd.Period) -> float:
    """Cumulative growth (累计同比, %) at ``quarter``; NaN if it cannot be computed."""
    if values.empty:
        return np.nan
    return float(ytd_growth(values).get(quarter, np.nan))


def probability(draws: pd.Series, comparator: str, threshold: float) -> float:
    """Share of draws for which ``draw <comparator> threshold`` holds; NaN without usable draws.

    A draw with any missing quarter is NaN and makes the whole probability NaN, since the
    remaining draws would not be a sample from the same distribution.
    """
    values = np.asarray(draws, dtype=float)
    if values.size == 0 or np.isnan(values).any():
        return np.nan
    return float(np.mean(COMPARATORS[comparator](values, threshold)))
