"""Tests of the year-end projection: planted growth and calibration recovered, a hand calculation,
growth-only series, December actual, short data, settings."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from clusterlib import paths
from clusterlib.exceptions import ParameterError
from clusterlib.forecasting.nowcast import (
    BRIDGE,
    FACTOR,
    MOMENTUM,
    QUARTER_END,
    RULES,
    MonthRule,
)
from clusterlib.ledger.projection import plan_counts, project_year_end, projection_view
from clusterlib.ledger.settings import LedgerSettings, load_ledger_settings

SETTINGS = LedgerSettings(
    data=(),
    projects="",
    lang="zh",
    indicators=("fai",),
    min_years=5,
    share_years=1,
    calibration_years=8,
)
SHARES = np.array([6, 7, 8, 8, 8, 9, 8, 8, 9, 9, 9, 11], dtype=float)
MARCH = pd.Period("2019-03", freq="M")
JUNE = pd.Period("2019-06", freq="M")
SEPTEMBER = pd.Period("2019-09", freq="M")  # the share rule's tests (measured=False)


def _table(growth: dict[str, float], years: range, noise: float = 0.01, seed: int = 0):
    """Monthly 累计 levels (02–12) growing at a planted rate with ``noise`` per month."""
    rng = np.random.default_rng(seed)
    rows = []
    for region, rate in growth.items():
        for k, year in enumerate(years):
            months = 100 * SHARES * (1 + rate / 100) ** k * np.exp(rng.normal(0, noise, 12))
            ytd = np.cumsum(months)
            for m in range(2, 13):
                rows.append((region, "fai", pd.Period(year=year, month=m, freq="M"), ytd[m - 1]))
    table = pd.DataFrame(rows, columns=["region", "indicator", "period", "ytd"])
    previous = table.assign(period=table["period"] + 12).rename(columns={"ytd": "prev"})
    table = table.merge(previous, on=["region", "indicator", "period"], how="left")
    return table.assign(growth=100 * (table["ytd"] / table["prev"] - 1)).drop(columns="prev")


@pytest.mark.parametrize(
    ("month", "rule", "note"),
    [
        (SEPTEMBER, None, "projected"),  # the share rule (measured=False)
        (MARCH, QUARTER_END, "quarterly"),
        (JUNE, MonthRule(MOMENTUM, 0.0, 0.5), "momentum"),
        (JUNE + 1, MonthRule(FACTOR, 0.0, 0.4), "dfm"),
        (SEPTEMBER + 1, MonthRule(BRIDGE, 2.0, 0.5), "bridge"),
    ],
)
def test_planted_growth_recovered_and_beating_the_city(month, rule, note, monkeypatch):
    measured = rule is not None
    if measured:
        monkeypatch.setitem(RULES, month.month, rule)
    table = _table({"slow": 2.0, "city": 10.0, "fast": 18.0}, range(2011, 2020))
    result = project_year_end(table[table["period"] <= month], month, SETTINGS, measured)
    assert list(result["region"]) == ["city", "fast", "slow"]  # the city first, then sorted
    result = result.set_index("region")
    assert (result["projection_note"] == note).all()
    december = table[table["period"] == pd.Period("2019-12", freq="M")].set_index("region")
    for region, rate in {"city": 10.0, "slow": 2.0, "fast": 18.0}.items():
        assert result.at[region, "projected_growth"] == pytest.approx(rate, abs=2.0)  # March:
        # the engine's forecast three quarters ahead
        low, point, high = result.loc[
            region, ["projected_lo_80", "projected_growth", "projected_hi_80"]
        ]
        assert low < point < high
        if not measured:  # calibrated on the region's own past errors; the measured rules'
            # scales come from real series (bench/nowcast_bench.py), not this planted noise
            assert low < december.at[region, "growth"] < high
    assert result.at["fast", "p_beat_city"] > 0.9 and result.at["slow", "p_beat_city"] < 0.1
    assert np.isnan(result.at["city", "p_beat_city"])


def test_planted_noise_gives_calibrated_80_percent_intervals():
    growth = {f"r{i:03d}": 8.0 for i in range(300)}
    table = _table(growth, range(2010, 2020), noise=0.03, seed=1)
    result = project_year_end(table, SEPTEMBER, SETTINGS, measured=False)
    december = table[table["period"] == pd.Period("2019-12", freq="M")].set_index("region")
    outcome = december["growth"].reindex(result["region"]).to_numpy()
    inside = (outcome >= result["projected_lo_80"]) & (outcome <= result["projected_hi_80"])
    assert 0.74 <= inside.mean() <= 0.86  # 300 regions: sd of the share 0.023


def test_share_rule_and_interval_by_hand():
    settings = dataclasses.replace(SETTINGS, share_years=2, min_years=4, calibration_years=2)
    table = _table({"a": 5.0, "city": 5.0}, range(2014, 2020), noise=0.05, seed=3)
    level = table.set_index(["region", "period"])["ytd"]

    def projected(region, year):
        share = np.mean(
            [level[(region, f"{y}-09")] / level[(region, f"{y}-12")] for y in (year - 2, year - 1)]
        )
        return 100 * (level[(region, f"{year}-09")] / share / level[(region, f"{year - 1}-12")] - 1)

    def error(region, year):
        actual = 100 * (level[(region, f"{year}-12")] / level[(region, f"{year - 1}-12")] - 1)
        return actual - projected(region, year)

    result = project_year_end(table, SEPTEMBER, settings, measured=False).set_index("region")
    point = projected("a", 2019)
    scale = np.sqrt((error("a", 2017) ** 2 + error("a", 2018) ** 2) / 2)
    assert result.at["a", "projected_growth"] == pytest.approx(point)
    assert result.at["a", "projected_hi_80"] == pytest.approx(point + stats.t.ppf(0.9, 2) * scale)
    assert result.at["a", "projected_lo_80"] == pytest.approx(point - stats.t.ppf(0.9, 2) * scale)
    gaps = [error("a", y) - error("city", y) for y in (2017, 2018)]
    gap = point - projected("city", 2019)
    expected = stats.t.cdf(gap / np.sqrt(np.mean(np.square(gaps))), 2)
    assert result.at["a", "p_beat_city"] == pytest.approx(expected)


def test_one_share_year_is_the_naive_rule_for_levels_and_growth_only_series():
    table = _table({"a": 6.0, "b": 12.0}, range(2011, 2020), noise=0.04, seed=2)
    growth_only = table[table["region"] == "b"].assign(ytd=np.nan).dropna(subset=["growth"])
    both = pd.concat([table[table["region"] == "a"], growth_only], ignore_index=True)
    result = project_year_end(both, SEPTEMBER, SETTINGS, measured=False).set_index("region")
    september = both[both["period"] == SEPTEMBER].set_index("region")["growth"]
    assert result.at["a", "projected_growth"] == pytest.approx(september["a"])
    assert result.at["b", "projected_growth"] == pytest.approx(september["b"])
    assert result.loc[["a", "b"], "projected_lo_80"].notna().all()
    june = project_year_end(both, JUNE, SETTINGS, measured=False).set_index("region")
    assert (june["projection_note"] == "projected").all()  # the share rule, as the bench wants
    published = both[both["period"] == JUNE].set_index("region")["growth"]
    assert june.at["a", "projected_growth"] == pytest.approx(published["a"])


def test_december_is_the_actual_and_short_data_is_said():
    table = _table({"city": 10.0}, range(2012, 2020))
    short = _table({"young": 5.0}, range(2017, 2020))
    both = pd.concat([table, short], ignore_index=True)
    result = project_year_end(both, pd.Period("2019-12", freq="M"), SETTINGS).set_index("region")
    december = table[table["period"] == pd.Period("2019-12", freq="M")]["growth"].iloc[0]
    assert result.at["city", "projection_note"] == "actual"
    assert result.at["city", "projected_growth"] == pytest.approx(december)
    assert result.at["young", "projection_note"] == "too short"
    assert np.isnan(result.at["young", "projected_growth"])
    for month in (SEPTEMBER, JUNE):
        earlier = project_year_end(both, month, SETTINGS).set_index("region")
        assert earlier.at["young", "projection_note"] == "too short"


def test_december_passes_or_fails_the_plans_test_for_certain():
    """In December the year is known: the interval is the actual itself and the probability of
    passing the plan's test (above the city's growth, one decimal as published) is 1 or 0;
    the city, the benchmark, has none. The ledger notebook counts these (it failed before)."""
    table = _table({"city": 10.0, "fast": 12.0, "slow": 8.0}, range(2012, 2020), noise=0.0)
    result = project_year_end(table, pd.Period("2019-12", freq="M"), SETTINGS).set_index("region")
    december = table[table["period"] == pd.Period("2019-12", freq="M")].set_index("region")
    for region in ("city", "fast", "slow"):
        actual = december.at[region, "growth"]
        assert result.at[region, "projected_growth"] == pytest.approx(actual)
        assert result.at[region, "projected_lo_80"] == result.at[region, "projected_hi_80"]
        assert result.at[region, "projected_lo_80"] == pytest.approx(actual)
    assert result.at["fast", "p_beat_city"] == 1.0 and result.at["slow", "p_beat_city"] == 0.0
    assert np.isnan(result.at["city", "p_beat_city"])


def test_plan_counts_are_likely_clusters_and_in_december_those_that_passed():
    projection = pd.DataFrame(
        {
            "region": ["city", "a", "b", "c", "city", "a"],
            "indicator": ["fai"] * 4 + ["industry_va"] * 2,
            "p_beat_city": [np.nan, 0.51, 0.5, 0.9, np.nan, 0.2],
        }
    )
    june = plan_counts(projection, ("industry_va", "fai", "hightech_va"), JUNE)
    assert june.columns.tolist() == ["indicator", "n_likely_plan"]
    assert june["n_likely_plan"].tolist()[:2] == [0, 2]  # 0.5 is not more likely than not
    assert np.isnan(june["n_likely_plan"].iloc[2])  # an indicator without projections
    december = plan_counts(projection, ("fai",), pd.Period("2019-12", freq="M"))
    assert december.columns.tolist() == ["indicator", "n_passed_plan"]
    # T7A-8: an aggregate (a sum of the clusters) or a reference region is not counted
    others = pd.DataFrame(
        {"region": ["all_clusters", "zz_clusters", "airport_zone"], "indicator": "fai"}
    ).assign(p_beat_city=0.9)
    with_others = plan_counts(pd.concat([projection, others]), ("fai",), JUNE)
    assert with_others["n_likely_plan"].tolist() == [2]


def test_the_december_view_shows_the_actual_without_an_interval():
    table = _table({"city": 10.0, "fast": 12.0}, range(2012, 2020), noise=0.0)
    december = pd.Period("2019-12", freq="M")
    view = projection_view(project_year_end(table, december, SETTINGS), "fai", december)
    assert view.columns.tolist() == ["region", "full_year_growth", "p_beat_city", "projection_note"]
    assert view.set_index("region").at["fast", "full_year_growth"] == pytest.approx(12.0)
    june = projection_view(project_year_end(table, JUNE, SETTINGS), "fai", JUNE)
    assert "projected_lo_80" in june and "projected_growth" in june


def test_min_years_must_leave_two_past_errors(tmp_path):
    bad = tmp_path / "ledger.yaml"
    text = (paths.PARAMS / "ledger.yaml").read_text(encoding="utf-8")
    text = text.replace("share_years: 1 ", "share_years: 4 ").replace(
        "min_years: 5 ", "min_years: 3 "
    )
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(
        ParameterError, match=r"projection.min_years.*at least share_years \+ 2 \(6\)"
    ):
        load_ledger_settings(bad)


def test_high_tech_probability_is_against_the_city_industry_plus_two_points():
    industry = _table({"city": 8.0}, range(2011, 2020)).assign(indicator="industry_va")
    hightech = _table({"city": 6.0, "ahead": 13.0, "short": 7.0}, range(2011, 2020), seed=4)
    table = pd.concat([industry, hightech.assign(indicator="hightech_va")], ignore_index=True)
    settings = dataclasses.replace(SETTINGS, indicators=("hightech_va",))
    result = project_year_end(table, JUNE, settings).set_index("region")
    assert list(result["indicator"].unique()) == ["hightech_va"]
    # the benchmark is the city's 规上 growth + 2 pp = 10%: 13% passes, 6% and 7% do not,
    # although 7% beats the city's own high-tech growth of 6%
    assert result.at["ahead", "p_beat_city"] > 0.9
    assert result.at["short", "p_beat_city"] < 0.1 and result.at["city", "p_beat_city"] < 0.1
