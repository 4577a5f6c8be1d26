"""The quarter's forecast tables for one indicator: backtest, forecasts, full-year growth."""

from __future__ import annotations

import pandas as pd

from clusterlib import catalog
from clusterlib.forecasting.backtest import accuracy, cross_validate
from clusterlib.forecasting.forecast import forecast, growth_table
from clusterlib.forecasting.simulate import forecast_and_simulate
from clusterlib.goals.catalogue import load_catalogue
from clusterlib.goals.evaluation import evaluate_goals
from clusterlib.inputs.panel import growth_history, preferred_series

FORECAST_COLUMNS = ["region", "indicator", "period", "mean", "lo_80", "hi_80", "lo_95", "hi_95"]
COMPARED_MODELS = ("snaive", "combo")  # the per-model comparison is in bench/forecast_bench.py


def backtest(
    series: pd.DataFrame, n_windows: int = 4, h: int = 4, n_jobs: int = 1
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rolling-origin backtest of every model; returns (per-series accuracy, pooled by model)."""
    cv = cross_validate(
        series, h=h, n_windows=n_windows, models=COMPARED_MODELS, n_jobs=n_jobs, progress=False
    )
    per_series = accuracy(cv, series)
    pooled = accuracy(cv, series, by=["model"])
    return per_series, pooled.sort_values("mase", ignore_index=True)


def forecast_tables(
    series: pd.DataFrame, quarter: str, h: int = 8, n_jobs: int = 1
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Default forecasts from ``quarter`` on: (forecast table, growth table).

    The forecast table has the columns of ``forecasts.csv`` (``region, indicator, period,
    mean, lo_80, hi_80, lo_95, hi_95, model, measure``); the growth table gives single-quarter
    and cumulative growth (累计增速) combining actuals to date with the forecasts.
    """
    seen = series[series["period"] <= pd.Period(quarter, freq="Q-DEC")]
    fc = forecast(seen, h=h, n_jobs=n_jobs)
    growth = growth_table(seen, fc)
    return fc[[*FORECAST_COLUMNS, "model", "measure"]], growth


def full_year(
    series: pd.DataFrame, growth: pd.DataFrame, year: int, lang: str = "zh"
) -> pd.DataFrame:
    """Full-year cumulative growth per region for ``year``, with its ``basis``.

    Where the data already hold the year's fourth quarter the growth is the actual one
    (``basis="actual"``); otherwise it is the Q4 row of the growth table, which combines the
    actuals to date with the forecasts (``basis="forecast"``).
    """
    q4 = pd.Period(year=year, quarter=4, freq="Q-DEC")
    actual = growth_history(series, str(series["indicator"].iloc[0]), "ytd")
    actual = actual[actual["period"] == q4].rename(columns={"value": "ytd_yoy"})
    expected = growth[(growth["period"] == q4) & ~growth["region"].isin(actual["region"])]
    table = pd.concat(
        [
            actual.assign(indicator=series["indicator"].iloc[0], basis="actual"),
            expected.assign(basis="forecast"),
        ],
        ignore_index=True,
    )[["region", "indicator", "ytd_yoy", "basis"]]
    table = table.rename(columns={"ytd_yoy": "full_year_growth"})
    names = table["region"].map(lambda region: catalog.region_name(region, lang))
    return table.assign(region_name=names, year=year).sort_values("region", ignore_index=True)


GROWTH_GOAL_INDICATORS = ("industry_va", "fai", "hightech_va")
FLOW_GOAL_INDICATORS = ("revenue_electronics", "revenue_equipment", "revenue_auto", "revenue_food")


def goal_results(
    panel: pd.DataFrame, quarter: str, seed: int = 2019, n_paths: int = 1000, n_jobs: int = 1
) -> pd.DataFrame:
    """Every goal of params/goals.yaml for the quarter's year, from joint simulated paths.

    Probabilities come from joint sample paths of every series the goals need (so the
    clusters' surprises move with the city's); point forecasts give the expected values.
    Each series enters as :func:`clusterlib.inputs.panel.preferred_series` picks it.
    """
    seen = panel[panel["period"] <= pd.Period(quarter, freq="Q-DEC")]
    wanted = preferred_series(seen, [*GROWTH_GOAL_INDICATORS, *FLOW_GOAL_INDICATORS])
    forecasts, paths = forecast_and_simulate(wanted, 4, n_paths, seed, n_jobs=n_jobs)
    year = pd.Period(quarter, freq="Q-DEC").year
    return evaluate_goals(seen, paths, forecasts, load_catalogue(), year, quarter)
