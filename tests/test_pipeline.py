"""Full-year growth: actual once the year is complete, actuals plus forecasts before."""

from __future__ import annotations

import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.exceptions import ParameterError
from clusterlib.forecasting import nowcast
from clusterlib.forecasting.factor import factor_growth
from clusterlib.forecasting.forecast import forecast
from clusterlib.forecasting.nowcast import nowcast_panel
from clusterlib.forecasting.simulate import forecast_and_simulate
from clusterlib.goals.catalogue import load_settings, simulated_indicators
from clusterlib.inputs.panel import load_panel, load_records, preferred_series
from clusterlib.inputs.periods import ytd_growth
from clusterlib.ledger.indicators import monthly_table
from clusterlib.ledger.projection import ytd_frames
from clusterlib.pipeline import (
    forecast_tables,
    full_year,
    goal_results,
    monthly_frames,
    outlook,
    quarter_tables,
)
from clusterlib.publish.report_folder import write_json
from clusterlib.publish.tables import write_table


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


def test_where_the_rule_is_the_quarterly_forecast_the_forecast_is_the_engines(series, monkeypatch):
    """A month whose rule is the quarterly forecast as is: with or without the as-of month the
    forecast is the engine's, to the bit."""
    monkeypatch.setitem(nowcast.RULES, 6, nowcast.QUARTER_END)
    seen = series[series["period"] <= pd.Period("2019Q2", freq="Q")]
    plain, _ = forecast_tables(seen, h=4, as_of=pd.Period("2019-06", freq="M"))
    engine = forecast(seen, h=4)
    pd.testing.assert_series_equal(plain["mean"], engine["mean"], check_exact=True)


@pytest.mark.parametrize("method", [nowcast.FACTOR, nowcast.BLEND])
def test_a_rule_fitted_on_monthly_figures_keeps_the_engines_forecast_without_them(
    series, monkeypatch, method
):
    """At 1–6月 without monthly files the factor model (or its blend) has nothing to fit: the
    forecast is the engine's, to the bit, and the outlook names the quarterly forecast."""
    monkeypatch.setitem(nowcast.RULES, 6, nowcast.MonthRule(method, 0.0, 0.5))
    seen = series[series["period"] <= pd.Period("2019Q2", freq="Q")]
    plain, _ = forecast_tables(seen, h=4)
    engine = forecast(seen, h=4)
    pd.testing.assert_series_equal(plain["mean"], engine["mean"], check_exact=True)
    assert outlook("2019Q2") == nowcast.Outlook(pd.Period("2019-06", freq="M"), "quarterly")
    assert outlook("2019Q2", "2019-06").method == method  # with the month's files


def test_the_outlook_names_the_as_of_months_rule(monkeypatch):
    monkeypatch.setitem(nowcast.RULES, 8, nowcast.MonthRule(nowcast.MOMENTUM, 0.0, 0.5))
    assert outlook("2019Q2", "2019-08") == nowcast.Outlook(
        pd.Period("2019-08", freq="M"), "momentum"
    )
    assert outlook("2019Q4").method == "quarterly"  # December: the year is complete


def test_a_naive_rule_at_a_quarters_end_carries_the_ytd_growth(series, monkeypatch):
    """Rule "累计 growth stays" at 1–9月: the full year's forecast is the 1–9月 累计 growth,
    and Q4's forecast is what makes it so."""
    monkeypatch.setitem(nowcast.RULES, 9, nowcast.MonthRule(nowcast.NAIVE, 0.0, 1.1))
    seen = series[series["period"] <= pd.Period("2019Q3", freq="Q")]
    _, growth = forecast_tables(seen, h=4)
    table = full_year(seen, growth, 2019).set_index("region")
    for region, rows in seen.groupby("region"):
        values = pd.Series(rows["value"].to_numpy(), index=pd.PeriodIndex(rows["period"]))
        assert table.at[region, "full_year_growth"] == pytest.approx(
            ytd_growth(values).loc["2019Q3"]
        )


def test_momentum_at_a_quarters_end_carries_the_latest_quarters_growth(series, monkeypatch):
    """Rule momentum at 1–6月, from the quarters alone: Q2's growth over last year's Q2 carries
    to last year's Q3 and Q4 — by hand for every region."""
    monkeypatch.setitem(nowcast.RULES, 6, nowcast.MonthRule(nowcast.MOMENTUM, 0.0, 0.5))
    seen = series[series["period"] <= pd.Period("2019Q2", freq="Q")]
    _, growth = forecast_tables(seen, h=4)
    table = full_year(seen, growth, 2019).set_index("region")
    for region, rows in seen.groupby("region"):
        q = pd.Series(rows["value"].to_numpy(), index=pd.PeriodIndex(rows["period"]))
        if "2019Q2" not in q.index or "2018Q4" not in q.index:
            continue
        latest = q["2019Q2"] / q["2018Q2"]
        full = q["2019Q1"] + q["2019Q2"] + latest * (q["2018Q3"] + q["2018Q4"])
        expected = 100 * (full / q["2018Q1":"2018Q4"].sum() - 1)
        assert table.at[region, "full_year_growth"] == pytest.approx(expected)


def test_goal_paths_follow_the_month_in_hand(monkeypatch):
    """With 1–8月 in hand and the rule "累计 growth stays", the city's industry paths for 2019
    add up to a full year centred on the published 1–8月 growth, and the Q2 run's paths
    otherwise."""
    monkeypatch.setitem(nowcast.RULES, 8, nowcast.MonthRule(nowcast.NAIVE, 0.0, 0.6))
    panel = load_panel(paths.DEMO / "panel.csv", "2019Q2")
    wanted = preferred_series(panel, ["industry_va"])
    wanted = wanted[wanted["region"] == "city"]
    forecasts, drawn = forecast_and_simulate(wanted, 4, 200, 2019)
    august = pd.Period("2019-08", freq="M")
    table = monthly_table(load_records(paths.DEMO / "monthly.csv"))
    frames = ytd_frames(table[(table["indicator"] == "industry_va")], august)
    monthly = {("city", "industry_va"): frames["city"]}
    moved_fc, moved = nowcast_panel(wanted, forecasts, drawn, august, monthly)
    city = frames["city"]
    g8 = 100 * (city.loc[2019, 8] / city.loc[2018, 8] - 1)  # 1–8月 累计 over last year's
    quarters = pd.Series(wanted["value"].to_numpy(), index=pd.PeriodIndex(wanted["period"]))
    known, previous = quarters.loc["2019Q1":"2019Q2"].sum(), quarters.loc["2018"].sum()
    rest = moved_fc[moved_fc["period"].isin(pd.period_range("2019Q3", "2019Q4", freq="Q"))]
    assert 100 * ((known + rest["mean"].sum()) / previous - 1) == pytest.approx(g8)
    year = moved[moved["period"].dt.year == 2019].groupby("path")["value"].sum()
    draws = 100 * ((known + year) / previous - 1)
    assert draws.median() == pytest.approx(g8, abs=0.3)
    later = moved[moved["period"].dt.year == 2020].reset_index(drop=True)
    before = drawn[drawn["period"].dt.year == 2020].reset_index(drop=True)
    pd.testing.assert_frame_equal(later, before)


def test_the_batch_forecast_with_august_in_hand(series, monkeypatch):
    """Run at 2019Q2 with the demo's monthly records to 2019-08 and the rule "累计 growth
    stays": the full year is the 1–8月 累计 growth of each region's monthly figures."""
    monkeypatch.setitem(nowcast.RULES, 8, nowcast.MonthRule(nowcast.NAIVE, 0.0, 0.6))
    seen = series[series["period"] <= pd.Period("2019Q2", freq="Q")]
    august = pd.Period("2019-08", freq="M")
    monthly = monthly_frames(load_records(paths.DEMO / "monthly.csv"), august)
    _, growth = forecast_tables(seen, h=4, as_of=august, monthly=monthly)
    table = full_year(seen, growth, 2019).set_index("region")
    for region in ("city", "econ_tech"):
        frame = monthly[(region, "industry_va")]
        expected = 100 * (frame.loc[2019, 8] / frame.loc[2018, 8] - 1)
        assert table.at[region, "full_year_growth"] == pytest.approx(expected)


def test_the_batch_forecast_with_the_factor_model(series, monkeypatch):
    """The factor model's rule at 1–8月: the full year of each region is the model's growth,
    fitted once on all regions' monthly 规上 figures."""
    monkeypatch.setitem(nowcast.RULES, 8, nowcast.MonthRule(nowcast.FACTOR, 0.0, 0.4))
    seen = series[series["period"] <= pd.Period("2019Q2", freq="Q")]
    august = pd.Period("2019-08", freq="M")
    monthly = monthly_frames(load_records(paths.DEMO / "monthly.csv"), august)
    _, growth = forecast_tables(seen, h=4, as_of=august, monthly=monthly)
    table = full_year(seen, growth, 2019).set_index("region")
    industry = {r: frame for (r, ind), frame in monthly.items() if ind == "industry_va"}
    expected = factor_growth(industry, august)
    assert {"city", "econ_tech"} <= set(table.index) & set(expected)
    for region in set(table.index) & set(expected):
        assert table.at[region, "full_year_growth"] == pytest.approx(expected[region])


def test_the_flows_the_quarterly_models_cannot_fit_are_those_under_two_years():
    """The demo's levels start in 2010Q1: at 2011Q2 the value added, investment and revenue
    series have 6 quarters (< 8, the models' minimum) and get the naive forecast; high-tech
    value added, a chained index from its 2009 base, has 10 and is fitted, as the engine does.
    At 2019Q2 none is short."""
    from clusterlib.inputs.panel import load_panel
    from clusterlib.pipeline import model_fallbacks

    panel = load_panel([paths.DEMO / "panel.csv"], "2011Q2")
    levels = panel[
        panel["indicator"].isin(["industry_va", "fai"])
        | panel["indicator"].str.startswith("revenue_")
    ]
    expected = set(zip(levels["region"], levels["indicator"], strict=True))
    assert set(model_fallbacks(panel)) == expected
    assert model_fallbacks(load_panel([paths.DEMO / "panel.csv"], "2019Q2")) == ()


def test_the_bulletin_refuses_tables_of_another_quarter_or_month(tmp_path):
    """05_bulletin given a finished 2019Q2 run's tables with quarter 2018Q2 printed the 2019Q2
    figures under 2018Q2; with 2019Q3 it also said the outlook used 1–9月."""
    tables = tmp_path / "tables"
    goals = pd.DataFrame({"goal_id": ["va_growth_each_cluster"], "scope": ["airport"]})
    full = pd.DataFrame(
        {"region": ["city"], "indicator": ["fai"], "full_year_growth": [9.0], "year": [2019]}
    )
    write_table(tmp_path, "goals", goals)
    write_table(tmp_path, "full_year", full)
    write_json({"quarter": "2019Q2", "parameters": {"as_of_month": ""}}, tmp_path / "manifest.json")
    read, per_indicator = quarter_tables(tables, "2019Q2")  # its own quarter: read
    assert list(read["scope"]) == ["airport"] and list(per_indicator) == ["fai"]
    with pytest.raises(ParameterError, match="the run is of 2019Q2, expected 2018Q2"):
        quarter_tables(tables, "2018Q2")
    with pytest.raises(ParameterError, match="the run is of 2019Q2, expected 2019Q3"):
        quarter_tables(tables, "2019Q3", "2019-09")
    with pytest.raises(ParameterError, match=r"made with as_of_month none .*, not 2019-08"):
        quarter_tables(tables, "2019Q2", "2019-08")
    # without a manifest (a copied folder, or the batch's build): the tables say the quarter
    (tmp_path / "manifest.json").unlink()
    forecasts = pd.DataFrame(
        {
            "region": ["city", "airport", "airport", "baisha"],
            "indicator": ["fai", "fai", "fai", "fai"],
            "measure": ["level"] * 4,
            "period": ["2019Q3", "2019Q3", "2019Q4", "2018Q1"],  # baisha's data end in 2017Q4
        }
    )
    write_table(tmp_path, "forecasts", forecasts)
    assert list(quarter_tables(tables, "2019Q2")[0]["scope"]) == ["airport"]
    with pytest.raises(ParameterError, match="its full year is 2019, expected 2018 \\(2018Q2\\)"):
        quarter_tables(tables, "2018Q2")
    with pytest.raises(ParameterError, match="forecasts start in 2019Q3, expected 2019Q4"):
        quarter_tables(tables, "2019Q3")
    other = tmp_path / "copy"
    tables.rename(other)  # the tester's copy named otherwise: it named a folder that is not
    with pytest.raises(ParameterError, match="expected the tables/ folder of a run"):
        quarter_tables(other, "2019Q2")


def test_a_region_without_a_figure_of_the_year_gets_no_full_year_outlook():
    """Assumption A16: the city's data cut after 2017Q4, a 2019Q2 run gives the city no
    full-year figure (it was forecast six quarters ahead); a cluster with 2019's first
    quarters keeps its forecast."""
    panel = load_panel(paths.DEMO / "panel.csv", "2019Q2")
    series = preferred_series(panel, ["industry_va"])
    stale = (series["region"] == "city") & (series["period"] > pd.Period("2017Q4", freq="Q-DEC"))
    q4 = pd.Period("2019Q4", freq="Q-DEC")
    growth = pd.DataFrame(
        {
            "region": ["city", "airport"],
            "indicator": "industry_va",
            "period": [q4, q4],
            "ytd_yoy": [7.0, 8.0],
        }
    )
    kept = full_year(series[~stale], growth, 2019)
    assert kept[["region", "full_year_growth", "basis"]].values.tolist() == [
        ["airport", 8.0, "forecast"]
    ]
    # the city first, then the clusters in catalogue order (T7B-7: was airport, city by id)
    assert full_year(series, growth, 2019)["region"].tolist() == ["city", "airport"]
