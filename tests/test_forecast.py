"""Tests for forecasting.forecast: table shapes, fallbacks, forecast_series, growth units."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib.exceptions import ParameterError
from clusterlib.forecasting.forecast import forecast, forecast_series, growth_table
from clusterlib.forecasting.models import FallbackWarning

FORECAST_COLUMNS = [
    *["region", "indicator", "measure", "period"],
    *["mean", "lo_80", "hi_80", "lo_95", "hi_95", "model"],
]


def quarters(start: str, n: int) -> pd.PeriodIndex:
    return pd.period_range(start, periods=n, freq="Q")


def geometric(n: int, growth: float = 0.02, noise: float = 0.002, seed: int = 0) -> np.ndarray:
    """100·(1 + growth)^t with a small multiplicative noise."""
    rng = np.random.default_rng(seed)
    return 100 * (1 + growth) ** np.arange(n) * np.exp(noise * rng.standard_normal(n))


def panel_of(series: dict[tuple[str, str], np.ndarray], start: str = "2010Q1") -> pd.DataFrame:
    return pd.concat(
        [
            pd.DataFrame(
                {"region": r, "indicator": i, "measure": "level", "period": quarters(start, len(v))}
            ).assign(value=v)
            for (r, i), v in series.items()
        ],
        ignore_index=True,
    )


def test_forecast_table_shape_and_one_warning_naming_the_bad_series():
    panel = panel_of(
        {
            ("city", "fai"): geometric(32),
            ("a", "fai"): geometric(32, seed=1),
            ("b", "fai"): np.ones(3),
        }
    )
    with pytest.warns(FallbackWarning, match="b/fai/level") as caught:
        fc = forecast(panel, h=4, models=("combo", "snaive"))
    assert len(caught) == 1
    assert list(fc.columns) == FORECAST_COLUMNS
    assert len(fc) == 3 * 4 * 2
    city = fc[(fc["region"] == "city") & (fc["model"] == "combo")]
    assert list(city["period"]) == list(quarters("2018Q1", 4))
    assert (city["lo_95"] <= city["lo_80"]).all() and (city["hi_80"] <= city["hi_95"]).all()


def test_forecast_works_without_key_columns():
    panel = pd.DataFrame({"period": quarters("2010Q1", 24), "value": geometric(24)})
    fc = forecast(panel, h=2)
    assert list(fc.columns) == ["period", "mean", "lo_80", "hi_80", "lo_95", "hi_95", "model"]
    assert len(fc) == 2


def test_unknown_model_is_refused_with_the_known_names():
    panel = pd.DataFrame({"period": quarters("2010Q1", 24), "value": geometric(24)})
    with pytest.raises(ParameterError, match="known: snaive"):
        forecast(panel, models=("prophet",))


def test_forecast_series_follows_a_geometric_trend():
    y = pd.Series(geometric(40), index=quarters("2010Q1", 40))
    fc = forecast_series(y, h=8)
    assert list(fc.index) == list(quarters("2020Q1", 8))
    assert list(fc.columns) == ["mean", "lo_80", "hi_80", "lo_95", "hi_95"]
    truth = 100 * 1.02 ** np.arange(40, 48)
    assert fc["mean"].iloc[0] == pytest.approx(truth[0], rel=0.01)
    assert (fc["lo_95"] < fc["lo_80"]).all() and (fc["lo_80"] < fc["mean"]).all()
    assert (fc["mean"] < fc["hi_80"]).all() and (fc["hi_80"] < fc["hi_95"]).all()
    # ETS and ARIMA carry the full 2% drift, Theta half of it: the average lies in between
    quarterly_growth = np.diff(np.log(fc["mean"]))
    assert ((quarterly_growth > np.log(1.01)) & (quarterly_growth < np.log(1.021))).all()


def test_forecast_series_needs_a_quarterly_period_index():
    with pytest.raises(ParameterError, match="PeriodIndex"):
        forecast_series(pd.Series(geometric(20)))


def test_growth_table_combines_actuals_to_date_with_forecasts():
    # 2018: 100 a quarter; 2019Q1-Q2 actual 110, 120; forecast 130, 140 for Q3-Q4
    panel = panel_of({("city", "va"): np.array([100.0] * 4 + [110.0, 120.0])}, start="2018Q1")
    fc = pd.DataFrame(
        {"region": "city", "indicator": "va", "measure": "level", "model": "combo"},
        index=range(2),
    ).assign(period=quarters("2019Q3", 2), mean=[130.0, 140.0])
    growth = growth_table(panel, fc)
    assert list(growth.columns) == [
        *["region", "indicator", "measure", "model", "period", "yoy", "ytd_yoy"]
    ]
    np.testing.assert_allclose(growth["yoy"], [30.0, 40.0])
    # 累计: (110 + 120 + 130) / 300 - 1 = 20%; full year 500 / 400 - 1 = 25%
    np.testing.assert_allclose(growth["ytd_yoy"], [20.0, 25.0])


def test_forecast_series_is_importable_from_the_package():
    from clusterlib import forecast_series as exported
    from clusterlib.forecasting.forecast import forecast_series as defined

    assert exported is defined
