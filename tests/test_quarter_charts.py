"""Tests for clusterlib.publish.fan_charts: growth fan bands and the city line."""

from __future__ import annotations

import pandas as pd
import pytest

from clusterlib.labels import t
from clusterlib.publish.fan_charts import growth_fan, region_fan_chart

ACTUAL = pd.period_range("2018Q1", "2019Q2", freq="Q-DEC")
AHEAD = pd.period_range("2019Q3", "2020Q4", freq="Q-DEC")  # six quarters ahead


def series_and_forecasts() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Levels 100 in 2018 and 105 in 2019 H1; every forecast level 110 (80%: 99–121)."""
    series = pd.concat(
        pd.DataFrame(
            {
                "region": region,
                "indicator": "fai",
                "period": ACTUAL,
                "value": [100.0] * 4 + [105.0] * 2,
            }
        )
        for region in ("city", "airport")
    )
    bands = {"mean": 110.0, "lo_80": 99.0, "hi_80": 121.0, "lo_95": 88.0, "hi_95": 132.0}
    fc = pd.concat(
        pd.DataFrame({"region": region, "period": AHEAD, "model": model} | bands)
        for region in ("city", "airport")
        for model in ("combo", "snaive")
    )
    return series, fc


def test_bands_are_the_level_quantiles_over_the_year_earlier_actual():
    series, fc = series_and_forecasts()
    history, bands = growth_fan(series, fc, "airport")
    assert history["period"].tolist() == list(ACTUAL[4:])
    assert history["value"].tolist() == pytest.approx([5.0, 5.0])
    # only up to four quarters ahead, where the year-earlier level is known
    assert bands["period"].tolist() == list(AHEAD[:4])
    first = bands.iloc[0]  # 2019Q3 over 2018Q3 = 100
    assert first[["mean", "lo_80", "hi_80", "lo_95", "hi_95"]].tolist() == pytest.approx(
        [10.0, -1.0, 21.0, -12.0, 32.0]
    )
    assert bands.iloc[2]["mean"] == pytest.approx(100 * (110 / 105 - 1))  # 2020Q1 over 2019Q1


def test_a_cluster_chart_has_the_city_line_and_the_city_chart_does_not():
    series, fc = series_and_forecasts()

    def labels(region: str) -> list[str]:
        fig = region_fan_chart(series, fc, region, "en")
        return [line.get_label() for line in fig.axes[0].get_lines()]

    assert t("city", "en") in labels("airport")
    assert t("city", "en") not in labels("city")
