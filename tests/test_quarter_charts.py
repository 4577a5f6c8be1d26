"""Tests for clusterlib.publish.fan_charts: growth fan bands and the city line."""

from __future__ import annotations

import pandas as pd
import pytest

from clusterlib.labels import t
from clusterlib.pipeline import full_year, growth_with_band
from clusterlib.publish.fan_charts import growth_fan, growth_ranking_chart, region_fan_chart

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


def test_full_year_band_and_the_ranking_chart_of_an_open_year():
    """2018: 100 a quarter (400); 2019: 105 + 105 actual, then 110 each (80%: 99–121).

    Full year 430/400 = +7.5%; through the 80% bounds 408/400 = +2.0% and 452/400 = +13.0%.
    """
    series, fc = series_and_forecasts()
    series = series.assign(measure="level")
    combo = fc[fc["model"] == "combo"].assign(indicator="fai", measure="level")
    full = full_year(series, growth_with_band(series, combo), 2019)
    for column, expected in [
        ("full_year_growth", 7.5),
        ("full_year_lo_80", 2.0),
        ("full_year_hi_80", 13.0),
    ]:
        assert full[column].tolist() == pytest.approx([expected, expected])
    fig = growth_ranking_chart(full, "zh")
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "固定资产投资\n2019年预计全年累计增速"  # the office's 2019年
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert sorted(legend) == sorted(["80%区间", "全市 7.5"])
    (whisker,) = ax.collections  # one bar (airport) with its 80% interval
    (segment,) = whisker.get_segments()
    assert [x for x, _ in segment] == pytest.approx([2.0, 13.0])
