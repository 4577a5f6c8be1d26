"""Forecast accuracy metrics: plain functions of scored backtest rows, in a dict callers extend.

Each metric takes the rows of one group of a scored backtest (see
:func:`clusterlib.forecasting.backtest.accuracy`), with columns ``actual``, ``mean``, ``lo_80``,
``hi_80``, ``lo_95``, ``hi_95``, ``scale`` (the fold's in-sample seasonal-naive mean absolute
error, MASE's denominator), ``growth_actual`` and ``growth_forecast`` (year-on-year growth in %
of the actual and of the forecast path), and returns one number. Add your own with
``METRICS["mae"] = lambda rows: (rows["actual"] - rows["mean"]).abs().mean()``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def mase(rows: pd.DataFrame) -> float:
    """Mean absolute scaled error: |actual − forecast| over the in-sample seasonal-naive MAE."""
    return float(np.mean(np.abs(rows["actual"] - rows["mean"]) / rows["scale"]))


def smape(rows: pd.DataFrame) -> float:
    """Symmetric MAPE in % (M4 definition): mean of 200·|a − f| / (|a| + |f|)."""
    actual, fc = rows["actual"], rows["mean"]
    return float(np.mean(200 * np.abs(actual - fc) / (np.abs(actual) + np.abs(fc))))


def rmse_growth(rows: pd.DataFrame) -> float:
    """Root mean squared error of year-on-year growth, in percentage points."""
    return float(np.sqrt(np.nanmean((rows["growth_forecast"] - rows["growth_actual"]) ** 2)))


def coverage(rows: pd.DataFrame, level: int) -> float:
    """Share (0–1) of actuals inside the ``level``% prediction interval."""
    inside = (rows["actual"] >= rows[f"lo_{level}"]) & (rows["actual"] <= rows[f"hi_{level}"])
    return float(inside.mean())


def width(rows: pd.DataFrame, level: int) -> float:
    """Mean width of the ``level``% interval in % of the point forecast."""
    return float(np.mean(100 * (rows[f"hi_{level}"] - rows[f"lo_{level}"]) / rows["mean"].abs()))


def coverage_80(rows: pd.DataFrame) -> float:
    """Share of actuals inside the 80% interval (nominal 0.80)."""
    return coverage(rows, 80)


def coverage_95(rows: pd.DataFrame) -> float:
    """Share of actuals inside the 95% interval (nominal 0.95)."""
    return coverage(rows, 95)


def width_80(rows: pd.DataFrame) -> float:
    """Mean width of the 80% interval, % of the point forecast."""
    return width(rows, 80)


def width_95(rows: pd.DataFrame) -> float:
    """Mean width of the 95% interval, % of the point forecast."""
    return width(rows, 95)


METRICS: dict[str, Callable[[pd.DataFrame], float]] = {
    "mase": mase,
    "smape": smape,
    "rmse_growth": rmse_growth,
    "coverage_80": coverage_80,
    "coverage_95": coverage_95,
    "width_80": width_80,
    "width_95": width_95,
}
"""Metric name → function of scored rows; ``accuracy`` reports one column per entry."""
