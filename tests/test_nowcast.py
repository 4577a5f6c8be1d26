"""The nowcast: the month's surprise against the quarterly forecast, and the per-month rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from clusterlib import paths
from clusterlib.exceptions import CoverageError, DataValidationError, ParameterError
from clusterlib.forecasting.nowcast import (
    BRIDGE,
    FACTOR,
    MOMENTUM,
    NAIVE,
    QUARTER_END,
    RULES,
    MonthRule,
    momentum_growth,
    nowcast,
    quarter_values,
)
from clusterlib.inputs.panel import load_panel, load_records
from clusterlib.params import check_run_params
from clusterlib.pipeline import mixed_kinds, nowcast_inputs

YEAR = 2019


def ytd_of(months: np.ndarray, upto: int = 12) -> pd.DataFrame:
    """累计 frame (years × months 2–12) of single-month values (years × 12), cut after ``upto``."""
    cumulative = np.cumsum(months, axis=1)[:, 1:]
    years = range(YEAR - len(months) + 1, YEAR + 1)
    frame = pd.DataFrame(cumulative, index=years, columns=range(2, 13))
    frame.loc[YEAR, upto + 1 :] = np.nan
    return frame


def months_of(current: list[float]) -> np.ndarray:
    """Four earlier years of 100 a month, then ``current`` (12 months)."""
    return np.vstack([np.full((4, 12), 100.0), np.asarray(current, dtype=float)[None, :]])


def paths_for(month: str, means: list[float], spread: float = 0.0, n: int = 200) -> pd.DataFrame:
    """Draws of the rest of the year's quarters around ``means`` (± ``spread``, seeded)."""
    done = pd.Period(month, freq="M").asfreq("Q-DEC")
    done = done if pd.Period(month, freq="M").month % 3 == 0 else done - 1
    columns = pd.period_range(done + 1, periods=len(means), freq="Q-DEC")
    noise = np.random.default_rng(0).standard_normal((n, len(means))) * spread
    return pd.DataFrame(np.asarray(means)[None, :] + noise, columns=columns)


def test_planted_surprise_is_measured_and_moves_the_point_by_beta():
    """Hand calculation: 110 a month after 100 a month, July and August at 121.

    Quarters so far 330 + 330, forecast Q3 = Q4 = 330 (10%). Implied 1–8月: (660 + 2/3·330) /
    (600 + 2/3·300) − 1 = 10%; published: (660 + 242) / 800 − 1 = 12.75%; surprise 2.75 pp;
    the bridge with β = 2 gives 10 + 5.5 = 15.5%.
    """
    current = [110.0] * 6 + [121.0, 121.0] + [110.0] * 4
    ytd = ytd_of(months_of(current), upto=8)
    quarters = quarter_values(ytd.fillna(0)).loc[: f"{YEAR}Q2"]
    paths = paths_for(f"{YEAR}-08", [330.0, 330.0])
    result = nowcast(ytd, pd.Period(f"{YEAR}-08", freq="M"), quarters, paths, MonthRule(BRIDGE, 2))
    assert result.surprise == pytest.approx(2.75)
    assert result.growth == pytest.approx(15.5)
    naive = nowcast(ytd, pd.Period(f"{YEAR}-08", freq="M"), quarters, paths, MonthRule(NAIVE))
    assert naive.growth == pytest.approx(12.75)


def test_momentum_carries_the_latest_three_months_growth_to_december():
    """Hand calculation: last year 100 a month; this year 110 to May, 121 June–August.

    1–8月 913 against 800; June–August 363 against 300 (+21%), so last year's September–
    December (400) become 484 and the year 1397 against 1200: +16.41667%. At 1–4月 three
    months back is not published and the 累计 growth (+10%) carries on.
    """
    current = [110.0] * 5 + [121.0] * 3 + [110.0] * 4
    august = ytd_of(months_of(current), upto=8)
    assert momentum_growth(august, pd.Period(f"{YEAR}-08", freq="M")) == pytest.approx(
        100 * (1397 / 1200 - 1)
    )
    april = ytd_of(months_of(current), upto=4)
    assert momentum_growth(april, pd.Period(f"{YEAR}-04", freq="M")) == pytest.approx(10.0)
    quarters = quarter_values(august.fillna(0)).loc[: f"{YEAR}Q2"]
    paths = paths_for(f"{YEAR}-08", [330.0, 330.0])
    rule = MonthRule(MOMENTUM)
    result = nowcast(august, pd.Period(f"{YEAR}-08", freq="M"), quarters, paths, rule)
    assert result.growth == pytest.approx(100 * (1397 / 1200 - 1))


def test_planted_persistence_is_recovered_by_least_squares():
    """July–August move by s, September–December by ρ·s + noise (ρ = 0.6): the slope of the
    full-year error of the quarterly forecast (0%) on the surprise is (200 + 400ρ) / 300."""
    rng = np.random.default_rng(2019)
    surprises, gaps = [], []
    for _ in range(300):
        s = rng.normal(0, 0.05)
        rest = 0.6 * s + rng.normal(0, 0.01, 4)
        current = [100.0] * 6 + [100 * (1 + s)] * 2 + list(100 * (1 + rest))
        ytd = ytd_of(months_of(current), upto=8)
        quarters = quarter_values(ytd.fillna(0)).loc[: f"{YEAR}Q2"]
        paths = paths_for(f"{YEAR}-08", [300.0, 300.0])
        month = pd.Period(f"{YEAR}-08", freq="M")
        result = nowcast(ytd, month, quarters, paths, QUARTER_END)
        outcome = 100 * (np.sum(current) / 1200 - 1)
        surprises.append(result.surprise)
        gaps.append(outcome - result.growth)
    slope = np.dot(surprises, gaps) / np.dot(surprises, surprises)
    assert slope == pytest.approx((200 + 400 * 0.6) / 300, abs=0.02)


def test_quarter_end_keeps_the_quarterly_forecast_and_paths(monkeypatch):
    monkeypatch.setitem(RULES, 3, QUARTER_END)
    ytd = ytd_of(months_of([105.0] * 12), upto=3)
    quarters = quarter_values(ytd.fillna(0)).loc[: f"{YEAR}Q1"]
    paths = paths_for(f"{YEAR}-03", [320.0, 330.0, 340.0], spread=10.0)
    mean = pd.Series([320.0, 330.0, 340.0], index=paths.columns)
    result = nowcast(ytd, pd.Period(f"{YEAR}-03", freq="M"), quarters, paths, mean=mean)
    expected = 100 * ((315 + paths.sum(axis=1).to_numpy()) / 1200 - 1)
    np.testing.assert_allclose(result.draws, expected)
    assert result.growth == pytest.approx(100 * ((315 + 990) / 1200 - 1))
    assert np.isnan(result.surprise)


def test_the_month_in_hand_narrows_the_interval_by_its_scale(monkeypatch):
    monkeypatch.setitem(RULES, 10, MonthRule(BRIDGE, 2.0, 0.5))
    ytd = ytd_of(months_of([105.0] * 12), upto=10)
    quarters = quarter_values(ytd.fillna(0)).loc[: f"{YEAR}Q3"]
    paths = paths_for(f"{YEAR}-10", [315.0], spread=10.0)
    month = pd.Period(f"{YEAR}-10", freq="M")
    quarterly = nowcast(ytd, month, quarters, paths, QUARTER_END)
    october = nowcast(ytd, month, quarters, paths)
    width = october.hi_80 - october.lo_80
    assert width == pytest.approx(RULES[10].scale * (quarterly.hi_80 - quarterly.lo_80))
    assert width < quarterly.hi_80 - quarterly.lo_80
    assert october.growth == pytest.approx(quarterly.growth + RULES[10].beta * october.surprise)


def test_the_factor_rule_takes_the_factor_models_growth_or_names_the_naive_stand_in(
    monkeypatch,
):
    """At a month whose rule is the factor model the point is the model's growth, given by the
    caller (the model is fitted on several series at once); without it the naive rule stands
    in and the method says so."""
    month = pd.Period(f"{YEAR}-08", freq="M")
    monkeypatch.setitem(RULES, 8, MonthRule(FACTOR, 0.0, 0.4))
    ytd = ytd_of(months_of([110.0] * 12), upto=8)
    quarters = quarter_values(ytd.fillna(0)).loc[: f"{YEAR}Q2"]
    paths = paths_for(f"{YEAR}-08", [330.0, 330.0], spread=10.0)
    modelled = nowcast(ytd, month, quarters, paths, factor=12.5)
    assert (modelled.growth, modelled.method) == (12.5, FACTOR)
    assert np.median(modelled.draws) == pytest.approx(12.5, abs=0.2)
    stand_in = nowcast(ytd, month, quarters, paths)
    assert (stand_in.growth, stand_in.method) == (pytest.approx(10.0), NAIVE)


def test_paths_must_cover_the_rest_of_the_year():
    ytd = ytd_of(months_of([105.0] * 12), upto=8)
    quarters = quarter_values(ytd.fillna(0)).loc[: f"{YEAR}Q2"]
    paths = paths_for(f"{YEAR}-08", [330.0])
    with pytest.raises(ParameterError, match="2019Q3"):
        nowcast(ytd, pd.Period(f"{YEAR}-08", freq="M"), quarters, paths)


def test_run_settings_take_a_month_after_the_quarter_with_its_monthly_files():
    raw = yaml.safe_load((paths.PARAMS / "run.yaml").read_text(encoding="utf-8"))
    assert check_run_params(raw).as_of_month == ""  # the quarter's end: no month in hand
    given = raw | {"as_of_month": "2019-08", "monthly": ["data/demo/monthly.csv"]}
    settings = check_run_params(given)
    assert (settings.as_of_month, settings.monthly) == ("2019-08", ("data/demo/monthly.csv",))
    inputs = nowcast_inputs(settings.as_of_month, list(settings.monthly))
    assert inputs["as_of"] == pd.Period("2019-08", freq="M")
    assert inputs["monthly"][("city", "industry_va")].loc[2019, 9:].isna().all()
    with pytest.raises(
        ParameterError, match=r"as_of_month.*last month of 2019Q2 or one of the two"
    ):
        check_run_params(given | {"as_of_month": "2019-10"})
    with pytest.raises(ParameterError, match=r"as_of_month.*a month such as 2019-08"):
        check_run_params(given | {"as_of_month": "2019-8"})
    with pytest.raises(ParameterError, match="key 'monthly': expected the monthly data files"):
        check_run_params(given | {"monthly": []})
    with pytest.raises(ParameterError, match="key 'as_of_month': expected the month the monthly"):
        check_run_params(given | {"as_of_month": ""})


def test_demonstration_months_never_move_real_quarters_nor_the_reverse():
    """The demo's monthly file (synthetic) with the demo panel: accepted. With the same
    series' quarters marked real: refused at the file's first row of each series, naming the
    column and both kinds; the reverse (real months, synthetic quarters) likewise."""
    panel = load_panel(
        paths.DEMO / "panel.csv", "2019Q2"
    )  # the run's quarter, as a notebook cuts it
    assert nowcast_inputs("2019-08", ["data/demo/monthly.csv"], panel)["monthly"]
    real = panel.assign(synthetic=False)
    with pytest.raises(DataValidationError) as error:
        nowcast_inputs("2019-08", ["data/demo/monthly.csv"], real)
    first = error.value.problems[0]
    assert (first.file, first.row, first.column) == ("data/demo/monthly.csv", 2, "synthetic")
    assert "synthetic monthly figures of city/industry_va where its quarterly data are real" in (
        first.message
    )
    series = {(p.message.split(" of ")[1].split(" where")[0]) for p in error.value.problems}
    assert len(series) == len(error.value.problems)  # one problem per series, not per row
    records = load_records(paths.DEMO / "monthly.csv").assign(synthetic=False)
    reverse = mixed_kinds(records, panel)
    assert reverse and "real monthly figures" in reverse[0].message


def test_an_as_of_month_beyond_the_monthly_files_stops_and_a_missing_series_is_said(
    tmp_path, capsys
):
    """The demo's monthly file cut after July: asked for August, the run stops naming the
    files' last month (no bulletin may say it used 1–8月). With August but one cluster's
    figures ending in July, that cluster is printed and keeps its quarterly forecast."""
    demo = pd.read_csv(paths.DEMO / "monthly.csv", dtype=str, keep_default_na=False)
    to_july = tmp_path / "to_july.csv"
    demo[demo["period"] <= "2019-07"].to_csv(to_july, index=False)
    with pytest.raises(CoverageError, match=r"no data for 2019-08: .* end in 2019-07"):
        nowcast_inputs("2019-08", [str(to_july)])
    gap = tmp_path / "gap.csv"
    demo[~((demo["region"] == "gongyi") & (demo["period"] >= "2019-08"))].to_csv(gap, index=False)
    inputs = nowcast_inputs("2019-08", [str(gap)])
    assert "gongyi" in capsys.readouterr().err
    assert np.isnan(inputs["monthly"][("gongyi", "industry_va")].loc[2019, 8])
