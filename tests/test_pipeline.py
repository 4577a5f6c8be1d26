"""Full-year growth: actual once the year is complete, actuals plus forecasts before."""

from __future__ import annotations

import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.goals.catalogue import load_settings, simulated_indicators
from clusterlib.inputs.panel import load_panel, preferred_series
from clusterlib.inputs.periods import ytd_growth
from clusterlib.pipeline import forecast_tables, full_year, goal_results


@pytest.fixture(scope="module")
def series() -> pd.DataFrame:
    panel = load_panel(paths.DEMO / "panel.csv")
    chosen = preferred_series(panel, ["industry_va"])
    return chosen[chosen["region"].isin(["city", "econ_tech"])]


def test_a_complete_year_reports_the_actual_growth(series):
    seen = series[series["period"] <= pd.Period("2019Q4", freq="Q")]
    _, growth = forecast_tables(seen, h=4)
    table = full_year(seen, growth, 2019)
    city = seen[seen["region"] == "city"]
    expected = ytd_growth(pd.Series(city["value"].to_numpy(), index=pd.PeriodIndex(city["period"])))
    row = table[table["region"] == "city"].iloc[0]
    assert row["basis"] == "actual"
    assert row["full_year_growth"] == pytest.approx(expected.loc["2019Q4"])


def test_an_open_year_combines_actuals_with_forecasts(series):
    seen = series[series["period"] <= pd.Period("2019Q2", freq="Q")]
    _, growth = forecast_tables(seen, h=4)
    table = full_year(seen, growth, 2019)
    assert set(table["basis"]) == {"forecast"}
    q4 = growth[growth["period"] == pd.Period("2019Q4", freq="Q")]
    assert sorted(table["full_year_growth"]) == pytest.approx(sorted(q4["ytd_yoy"]))
    assert list(table.columns) == [
        "region",
        "indicator",
        "full_year_growth",
        "full_year_lo_80",
        "full_year_hi_80",
        "basis",
        "region_name",
        "year",
    ]


def test_an_open_years_band_is_the_growth_of_the_paths_through_the_quarters_bounds(series):
    seen = series[series["period"] <= pd.Period("2019Q2", freq="Q")]
    forecasts, growth = forecast_tables(seen, h=4)
    table = full_year(seen, growth, 2019).set_index("region")
    for region in ["city", "econ_tech"]:
        actual = seen[seen["region"] == region].set_index("period")["value"]
        ahead = forecasts[forecasts["region"] == region].set_index("period")
        for bound in ["lo_80", "hi_80"]:
            path = pd.concat([actual, ahead[bound]]).sort_index()
            expected = ytd_growth(path).loc[pd.Period("2019Q4", freq="Q")]
            assert table.at[region, f"full_year_{bound}"] == pytest.approx(expected)
        low, mid, high = table.loc[
            region, ["full_year_lo_80", "full_year_growth", "full_year_hi_80"]
        ]
        assert low < mid < high


def test_a_goal_on_a_new_indicator_gets_paths_and_a_probability_from_the_catalogue_alone():
    """The catalogue is the only source of what gets simulated: no code names hightech_va."""
    goal = {
        "clause": "test",
        "text_zh": "高新技术产业增加值",
        "kind": "threshold",
        "indicator": "hightech_va",
        "metric": "year_total",
        "scope": "city",
        "comparator": ">",
        "unit": "100m_yuan",
        "year": 2019,
        "data_needed": ["hightech_va"],
    }
    goals = pd.DataFrame(
        [goal | {"id": "easy", "threshold": 1.0}, goal | {"id": "impossible", "threshold": 1e9}]
    )
    assert simulated_indicators(goals) == ["hightech_va"]
    panel = load_panel(paths.DEMO / "panel.csv", "2019Q2")
    result = goal_results(panel, pd.Period("2019Q2", freq="Q"), n_paths=50, goals=goals)
    probability = result.set_index("goal_id")["probability"]
    eps = load_settings().probability_shrink  # every path meets / misses: 1 − ε and ε
    assert probability["easy"] == pytest.approx(1.0 - eps)
    assert probability["impossible"] == pytest.approx(eps)
