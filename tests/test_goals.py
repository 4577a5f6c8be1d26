"""Tests of the goal catalogue and goal evaluation (goals.progress), with hand-checked answers."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import yaml

from clusterlib import catalog
from clusterlib.exceptions import ParameterError
from clusterlib.goals.catalogue import check_settings, load_catalogue, load_settings
from clusterlib.goals.history import detectable_premium_note
from clusterlib.goals.progress import (
    GOAL_STATUSES,
    RESULT_COLUMNS,
    evaluate_goals,
    probability_status,
    required_growth,
)

RAW_SETTINGS = {
    "on_track": 0.7,
    "at_risk": 0.3,
    "alpha": 0.05,
    "correction": "holm",
    "hac_window": 20,
    "hac_maxlags": 4,
    "hac_reference": "ar1",
    "hac_n_boot": 199,
    "seed": 0,
}
SETTINGS = check_settings(RAW_SETTINGS)
Q = "Q-DEC"


# --- the catalogue -----------------------------------------------------------------------------


def test_catalogue_holds_every_goal_of_the_issue():
    catalogue = load_catalogue().set_index("id")
    expected = {
        "va_growth_each_cluster", "va_growth_all_clusters", "fai_growth_each_cluster",
        "fai_growth_all_clusters", "hightech_gap", "va_per_mu", "labour_productivity",
        "revenue_electronics", "revenue_equipment", "revenue_auto", "revenue_food",
        "external_funds", "infrastructure_investment", "innovation_platforms",
        "major_projects_started", "major_projects_continuing", "major_projects_completed",
        "leading_projects_provincial", "leading_projects_parks", "sewage_treatment",
        "solid_waste_treatment", "baisha_two_star", "innovation_team_each_cluster",
    }  # fmt: skip
    assert expected <= set(catalogue.index)
    assert catalogue.loc["revenue_electronics", "threshold"] == 4000
    assert catalogue.loc["hightech_gap", ["threshold", "comparator"]].tolist() == [2, ">="]
    assert catalogue.loc["va_per_mu", "threshold"] == 48
    assert catalogue.loc["labour_productivity", "threshold"] == 35
    assert (catalogue["kind"] == "qualitative").sum() >= 3
    assert catalogue["text_zh"].str.len().gt(0).all()


def write_catalogue(tmp_path, goals, settings=RAW_SETTINGS):
    path = tmp_path / "goals.yaml"
    path.write_text(yaml.safe_dump({"settings": settings, "goals": goals}, allow_unicode=True))
    return path


def goal(**changes):
    base = {
        "id": "rev",
        "clause": "二、主要目标 · 集群培育",
        "text_zh": "超4000亿元",
        "kind": "threshold",
        "indicator": "revenue_electronics",
        "metric": "year_total",
        "scope": "city",
        "comparator": ">",
        "threshold": 4000,
        "unit": "100m_yuan",
        "year": 2019,
        "data_needed": ["revenue_electronics"],
    }
    return {k: v for k, v in (base | changes).items() if v is not None}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"threshold": None}, "goal 'rev', key 'threshold': missing"),
        ({"threshold": "4000亿"}, "goal 'rev', key 'threshold': should be int or float"),
        ({"comparator": "≥"}, "goal 'rev', key 'comparator'"),
        ({"scope": "atlantis"}, "goal 'rev', key 'scope'"),
        ({"kind": "gap"}, "goal 'rev', key 'versus': missing"),
        ({"metric": "ratio"}, "goal 'rev', key 'denominator': missing"),
        ({"colour": "red"}, "goal 'rev': unknown key 'colour'"),
        ({"year": True}, "goal 'rev', key 'year'"),
    ],
)
def test_catalogue_problems_name_file_goal_and_key(tmp_path, changes, message):
    path = write_catalogue(tmp_path, [goal(**changes)])
    with pytest.raises(ParameterError, match=message) as error:
        load_catalogue(path)
    assert str(path) in str(error.value)


def test_duplicated_ids_and_non_mappings_are_rejected(tmp_path):
    path = write_catalogue(tmp_path, [goal(), goal(), "just text"])
    with pytest.raises(ParameterError, match="goal 'rev': duplicated id") as error:
        load_catalogue(path)
    assert "goal #3: expected a mapping" in str(error.value)


def test_qualitative_goals_need_no_metric(tmp_path):
    qualitative = {"id": "q", "clause": "c", "text_zh": "一批", "kind": "qualitative"}
    path = write_catalogue(tmp_path, [qualitative | {"scope": "city", "year": 2019}])
    assert load_catalogue(path).loc[0, "kind"] == "qualitative"


def test_unsafe_yaml_is_refused(tmp_path):
    path = tmp_path / "goals.yaml"
    path.write_text("goals: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(ParameterError, match="cannot read"):
        load_catalogue(path)


def test_settings_are_checked():
    assert load_settings().correction in ("holm", "bh")
    with pytest.raises(ParameterError, match="key 'at_risk'"):
        check_settings(RAW_SETTINGS | {"at_risk": 0.8})
    with pytest.raises(ParameterError, match="unknown key 'cutoff'"):
        check_settings(RAW_SETTINGS | {"cutoff": 0.5})
    with pytest.raises(ParameterError, match="key 'seed': missing"):
        check_settings({k: v for k, v in RAW_SETTINGS.items() if k != "seed"})


def test_issue16_settings_have_defaults_and_are_checked():
    filled = check_settings(RAW_SETTINGS)  # written before issue #16: the old test
    assert (filled.hac_series, filled.hac_bandwidth) == ("yoy", 0.5)
    assert filled.detectable_premium_pp == {}
    assert check_settings(filled) is filled
    assert load_settings().hac_reference == "sieve"
    with pytest.raises(ParameterError, match="key 'hac_series'"):
        check_settings(RAW_SETTINGS | {"hac_series": "monthly"})
    with pytest.raises(ParameterError, match="key 'hac_bandwidth'"):
        check_settings(RAW_SETTINGS | {"hac_bandwidth": 1.5})
    with pytest.raises(ParameterError, match="key 'detectable_premium_pp'"):
        check_settings(RAW_SETTINGS | {"detectable_premium_pp": {"fai": -1}})


def test_sieve_settings_default_to_lags_1_to_8_with_sd_weights_and_are_checked():
    filled = check_settings(RAW_SETTINGS)
    assert (filled.sieve_lags, filled.sieve_weights) == (8, "sd")
    bad = RAW_SETTINGS | {"sieve_lags": 0, "sieve_weights": "median"}
    with pytest.raises(ParameterError) as error:
        check_settings(bad)
    assert "key 'sieve_lags'" in str(error.value) and "key 'sieve_weights'" in str(error.value)


def test_detectable_premium_note_names_each_indicator_and_premium():
    settings = replace(
        SETTINGS, hac_window=32, detectable_premium_pp={"industry_va": 3.3, "fai": 10.4}
    )
    zh = detectable_premium_note(settings, "zh")
    assert "近8年，经多重比较校正" in zh  # 32 quarters; the adjusted p-value decides
    assert "规模以上工业增加值约3.3个百分点" in zh and "固定资产投资约10.4个百分点" in zh
    en = detectable_premium_note(settings, "en")
    assert "last 8 years, corrected" in en and "about 3.3 pp" in en and "about 10.4 pp" in en
    assert detectable_premium_note(SETTINGS) == ""
    with pytest.raises(ValueError, match="unknown language"):
        detectable_premium_note(settings, "fr")


# --- statuses and required growth ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("prob", "status"),
    [
        (0.7, "on track"),
        (0.69, "at risk"),
        (0.3, "at risk"),
        (0.29, "off track"),
        (np.nan, "no data"),
    ],
)
def test_probability_cut_offs(prob, status):
    assert probability_status(prob, SETTINGS) == status


def test_required_growth_by_hand():
    # 1800 so far, last year's Q3+Q4 = 2000, goal 4000: the rest needs 2200 = +10 %
    assert required_growth(4000, 1800, 2000) == pytest.approx(10.0)
    assert np.isnan(required_growth(4000, 1800, 0))


# --- evaluation on a hand-built panel -----------------------------------------------------------


def rows(region, indicator, start, values, measure="level"):
    periods = pd.period_range(start, periods=len(values), freq=Q)
    return pd.DataFrame(
        {"region": region, "indicator": indicator, "measure": measure, "period": periods}
        | {"value": np.asarray(values, dtype=float), "unit": "u", "synthetic": True}
    )


def path_rows(region, indicator, q3, q4):
    n = len(q3)
    return pd.DataFrame(
        {
            "region": region,
            "indicator": indicator,
            "measure": "level",
            "period": [pd.Period("2019Q3", freq=Q)] * n + [pd.Period("2019Q4", freq=Q)] * n,
            "path": np.r_[np.arange(n), np.arange(n)],
            "value": np.r_[q3, q4].astype(float),
        }
    )


@pytest.fixture
def world():
    """A panel to 2019Q2, 1000 joint paths and point forecasts for Q3–Q4 2019.

    - fai: city and econ_tech both 100 a quarter in 2018, 105 in 2019 H1. In 730 paths
      econ_tech makes 110 in Q3 and Q4 (full year +7.5 %) while the city makes 105 (+5 %);
      in the other 270 it makes 100 (+2.5 %). P(econ_tech beats the city) = 0.73.
    - revenue_electronics (city): 2018 = 900, 1000, 1000, 1000; 2019 H1 = 900 + 900. 600 paths
      bring Q3+Q4 to 2300 (year 4100 > 4000), 400 to 2100 (3900). P = 0.6; required growth 10 %.
    - sewage_treatment_rate (airport) latest 100; (baisha) 95.
    """
    panel = pd.concat(
        [
            rows("city", "fai", "2018Q1", [100] * 4 + [105, 105]),
            rows("econ_tech", "fai", "2018Q1", [100] * 4 + [105, 105]),
            rows("city", "revenue_electronics", "2018Q1", [900, 1000, 1000, 1000, 900, 900]),
            rows("airport", "sewage_treatment_rate", "2019Q1", [98, 100]),
            rows("baisha", "sewage_treatment_rate", "2019Q1", [96, 95]),
        ]
    )
    ahead = np.r_[np.full(730, 110.0), np.full(270, 100.0)]
    big = np.r_[np.full(600, 1150.0), np.full(400, 1050.0)]
    paths = pd.concat(
        [
            path_rows("econ_tech", "fai", ahead, ahead),
            path_rows("city", "fai", np.full(1000, 105.0), np.full(1000, 105.0)),
            path_rows("city", "revenue_electronics", big, big),
        ]
    )
    points = paths.groupby(["region", "indicator", "measure", "period"], as_index=False)["value"]
    forecasts = points.mean().rename(columns={"value": "mean"}).assign(model="combo")
    return panel, paths, forecasts


CATALOGUE_GOALS = [
    goal(),
    goal(id="beat", kind="beat_city", indicator="fai", metric="ytd_growth", scope="econ_tech")
    | {"comparator": ">", "threshold": 0, "unit": "pp"},
    goal(id="sewage", indicator="sewage_treatment_rate", metric="latest", scope="airport")
    | {"comparator": ">=", "threshold": 100},
    goal(id="sewage_b", indicator="sewage_treatment_rate", metric="latest", scope="baisha")
    | {"comparator": ">=", "threshold": 100},
    goal(id="funds", indicator="external_funds", comparator=">=", threshold=700),
    {"id": "green", "clause": "c", "text_zh": "一批", "kind": "qualitative", "scope": "city"}
    | {"year": 2019},
]


@pytest.fixture
def catalogue(tmp_path):
    return load_catalogue(write_catalogue(tmp_path, CATALOGUE_GOALS))


def test_forward_probability_status_and_required_growth(world, catalogue):
    panel, paths, forecasts = world
    result = evaluate_goals(panel, paths, forecasts, catalogue, 2019, "2019Q2", SETTINGS)
    assert result.columns.tolist() == RESULT_COLUMNS
    assert set(result["status"]) <= set(GOAL_STATUSES)
    by_id = result.set_index("goal_id")
    beat = by_id.loc["beat"]
    assert beat["probability"] == pytest.approx(0.73)
    assert beat["status"] == "on track"
    assert beat["actual"] == pytest.approx(0.0)  # both +5 % in H1
    # point forecast: econ_tech Q3, Q4 = 107.3 → (210 + 214.6)/400 − 1 = 6.15 %; city 5 %
    assert beat["forecast"] == pytest.approx(1.15)
    # to match the city's forecast +5 %, econ_tech's Q3–Q4 must total 1.05·400 − 210 = 210,
    # i.e. +5 % over last year's 200
    assert beat["required_growth"] == pytest.approx(5.0)
    revenue = by_id.loc["rev"]
    assert revenue["probability"] == pytest.approx(0.6)
    assert revenue["status"] == "at risk"
    assert revenue["actual"] == pytest.approx(1800)
    assert revenue["forecast"] == pytest.approx(1800 + 2 * 1110)
    assert revenue["required_growth"] == pytest.approx(10.0)
    assert by_id.loc["sewage", "status"] == "on track"
    assert by_id.loc["sewage_b", ["actual", "status"]].tolist() == [95, "off track"]
    assert by_id.loc["funds", "status"] == "no data"
    assert by_id.loc["green", "status"] == "not measurable"


def test_the_published_probability_is_shrunk_before_the_cut_offs(world, catalogue):
    panel, paths, forecasts = world
    settings = replace(SETTINGS, probability_shrink=0.1)  # cut-offs 0.3 / 0.7
    result = evaluate_goals(panel, paths, forecasts, catalogue, 2019, "2019Q2", settings)
    by_id = result.set_index("goal_id")
    # beat: 730 of 1000 paths → 0.1 + 0.8 · 0.73 = 0.684, below on_track 0.7 (raw: on track)
    assert by_id.loc["beat", ["probability", "status"]].tolist() == [
        pytest.approx(0.684),
        "at risk",
    ]
    assert by_id.loc["rev", "probability"] == pytest.approx(0.1 + 0.8 * 0.6)
    # a finished year is decided by its actual: no probability (blank, not 1 or 0), no forecast
    year_end = paths[paths["path"] == 0].drop(columns="path").assign(unit="u", synthetic=True)
    full = evaluate_goals(
        pd.concat([panel, year_end]), None, None, catalogue, 2019, "2019Q4", settings
    )
    beat = full.set_index("goal_id").loc["beat"]
    assert beat["status"] == "met" and np.isnan(beat["probability"])
    assert np.isnan(beat["forecast"]) and not np.isnan(beat["actual"])


def test_complete_year_is_met_or_missed(world, catalogue):
    panel, paths, _ = world
    # revenue Q3, Q4 = 1150 each: 4100 > 4000 → met; econ_tech fai 100, 100 → 2.5 % < 5 % → missed
    year_end = paths[paths["path"] == 999].drop(columns="path")
    year_end.loc[year_end["region"] == "econ_tech", "value"] = 100.0
    year_end.loc[year_end["indicator"] == "revenue_electronics", "value"] = 1150.0
    full = pd.concat([panel, year_end.assign(unit="u", synthetic=True)])
    result = evaluate_goals(full, None, None, catalogue, 2019, "2019Q4", SETTINGS)
    by_id = result.set_index("goal_id")
    assert by_id.loc["rev", ["actual", "status"]].tolist() == [4100, "met"]
    assert by_id.loc["beat", "status"] == "missed"
    assert by_id.loc["beat", "actual"] == pytest.approx(-2.5)
    assert np.isnan(by_id.loc["rev", "required_growth"])
    # decided: the probability and the forecast are blank (not 1/0, not the actual again)
    assert by_id.loc[["rev", "beat"], ["forecast", "probability"]].isna().all().all()


def test_without_paths_the_point_forecast_decides(world, catalogue):
    panel, _, forecasts = world
    result = evaluate_goals(panel, None, forecasts, catalogue, 2019, "2019Q2", SETTINGS)
    by_id = result.set_index("goal_id")
    assert np.isnan(by_id.loc["beat", "probability"])
    assert by_id.loc["beat", "status"] == "on track"  # forecast gap +1.15 pp > 0
    assert by_id.loc["rev", "status"] == "on track"  # forecast 1800 + 2·1110 = 4020 > 4000


def test_every_catalogue_goal_is_reported_even_without_its_data(world):
    panel, _, _ = world
    catalogue = load_catalogue()
    result = evaluate_goals(panel, None, None, catalogue, 2019, "2019Q2", SETTINGS)
    assert set(result["goal_id"]) == set(catalogue["id"])
    qualitative = catalogue.loc[catalogue["kind"] == "qualitative", "id"]
    assert (result.set_index("goal_id").loc[qualitative, "status"] == "not measurable").all()
    va = result[result["goal_id"] == "va_growth_each_cluster"]
    kinds = catalog.regions()["kind"]
    assert sorted(va["scope"]) == sorted(
        kinds.index[kinds.isin(["provincial_cluster", "municipal_park"])]
    )
    assert (va["status"] == "no data").all()  # the panel has no 规上工业增加值


def test_all_clusters_uses_the_published_total(world, tmp_path):
    panel, paths, _ = world
    total = panel[(panel["region"] == "econ_tech")].assign(region="zz_clusters")
    total_paths = paths[paths["region"] == "econ_tech"].assign(region="zz_clusters")
    beat_all = CATALOGUE_GOALS[1] | {"id": "beat_all", "scope": "all_clusters"}
    catalogue = load_catalogue(write_catalogue(tmp_path, [beat_all]))
    result = evaluate_goals(
        pd.concat([panel, total]), pd.concat([paths, total_paths]), None, catalogue, 2019,
        "2019Q2", SETTINGS,
    )  # fmt: skip
    assert result.loc[0, ["scope", "status"]].tolist() == ["all_clusters", "on track"]
    assert result.loc[0, "probability"] == pytest.approx(0.73)


def test_past_premium_is_the_windows_mean_gap_in_its_own_columns(tmp_path):
    """The historical test describes the last ``hac_window`` quarters, in past_* columns.

    The city is flat (y/y growth 0); econ_tech's y/y growth is planted as 3 pp + noise, so the
    past premium is the mean of the planted growth over the 20 quarters to 2019Q2, by hand.
    """
    rng = np.random.default_rng(7)
    growth = 3.0 + rng.normal(0.0, 1.0, 38)  # y/y growth of 2010Q1–2019Q2
    levels = np.ones(42) * 100.0
    for t in range(4, 42):
        levels[t] = levels[t - 4] * (1.0 + growth[t - 4] / 100.0)
    panel = pd.concat(
        [rows("city", "fai", "2009Q1", [100.0] * 42), rows("econ_tech", "fai", "2009Q1", levels)]
    )
    catalogue = load_catalogue(write_catalogue(tmp_path, [CATALOGUE_GOALS[1]]))
    result = evaluate_goals(panel, None, None, catalogue, 2019, "2019Q2", SETTINGS)
    assert RESULT_COLUMNS[-3:] == ["past_premium", "past_p_value", "past_p_adjusted"]
    assert "p_value" not in result.columns
    row = result.iloc[0]
    assert row["past_premium"] == pytest.approx(growth[-20:].mean())  # 2014Q3–2019Q2
    assert row["past_p_value"] < 0.05 and row["past_p_adjusted"] == row["past_p_value"]
    assert row["actual"] == pytest.approx(growth[-2:].mean(), abs=0.1)  # 2019 H1, not the past


def test_a_region_without_the_as_of_quarter_has_no_actual_and_no_required_growth(world, catalogue):
    """econ_tech's fai and airport's sewage rate end at 2019Q1 in a 2019Q2 run: their Q1
    figures (growth gap 0 pp; sewage 98 %) are not the goals' values at 2019Q2. Before, the
    table showed them as 实际值, required econ_tech's H2 to total 1.05·400 − 105 = 315 (+57.5 %,
    from Q1 alone) and judged airport's sewage goal off track on its Q1 rate."""
    panel, paths, forecasts = world
    q2 = pd.Period("2019Q2", freq=Q)
    late = panel["region"].isin(["econ_tech", "airport"]) & (panel["period"] == q2)
    result = evaluate_goals(panel[~late], paths, forecasts, catalogue, 2019, q2, SETTINGS)
    by_id = result.set_index("goal_id")
    for goal_id in ("beat", "sewage"):
        assert by_id.loc[goal_id, "status"] == "no data"
        assert by_id.loc[goal_id, ["actual", "forecast", "required_growth"]].isna().all()
    # the regions with the quarter are read as before
    assert by_id.loc["sewage_b", ["actual", "status"]].tolist() == [95, "off track"]
    assert by_id.loc["rev", "required_growth"] == pytest.approx(10.0)
