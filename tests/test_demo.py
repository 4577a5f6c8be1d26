"""Tests of the seeded demonstration data: determinism, calibration, planted truth recovered."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.demo.calibration import (
    FAI_SEASONAL,
    VA_SEASONAL,
    calibrate_growth,
    level_scale,
    levels_from_growth,
    official_targets,
)
from clusterlib.demo.panel import (
    CLUSTERS,
    RATES,
    make_demo,
    records_csv,
)
from clusterlib.exceptions import ParameterError
from clusterlib.inputs.reading import read_records
from clusterlib.inputs.validation import validate_records

SEEDS = range(50)
REGIONS = ["city", *CLUSTERS]


@pytest.fixture(scope="module")
def demo():
    return make_demo(2019)


@pytest.fixture(scope="module")
def many():
    """Industry value added and investment for 50 seeds (default premiums)."""
    return [make_demo(s, indicators=["industry_va", "fai", "hightech_va"]) for s in SEEDS]


def _series(records: pd.DataFrame, indicator: str, measure: str) -> pd.DataFrame:
    """Values as a period × region table."""
    rows = records[(records["indicator"] == indicator) & (records["measure"] == measure)]
    return rows.pivot(index="period", columns="region", values="value")


def _mean_gap_sd(noise, seasonal: np.ndarray, n_years: int, with_common: bool = True) -> float:
    """sd (theory) of the n_years-average of Σ_q w_q·(common_q + AR(1)_q), the noise in a
    cluster's annual growth minus the city's, with the seasonal shares as quarter weights."""
    weights = np.tile(seasonal, n_years) / n_years
    lags = np.abs(np.subtract.outer(np.arange(weights.size), np.arange(weights.size)))
    variance = noise.sd**2 * weights @ (noise.ar**lags) @ weights
    if with_common:
        variance += noise.sd_common**2 * (weights**2).sum()
    return float(np.sqrt(variance))


def test_same_seed_gives_identical_records_and_truth():
    first, truth_1 = make_demo(7)
    second, truth_2 = make_demo(7)
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_series_equal(truth_1.city_growth["fai"], truth_2.city_growth["fai"])


def test_different_seeds_differ():
    first, second = make_demo(1)[0], make_demo(2)[0]
    assert (first["value"] != second["value"]).mean() > 0.5


def test_records_are_marked_synthetic(demo):
    records, _ = demo
    assert records["synthetic"].all()
    assert (records["source"] == "synthetic: clusterlib.demo.make_demo(seed=2019)").all()


def test_every_cluster_and_the_city_are_present(demo):
    records, _ = demo
    assert set(records["region"]) == set(REGIONS)
    periods = sorted(set(records["period"]))
    assert periods[0] == "2010Q1" and periods[-1] == "2019Q4" and len(periods) == 40


@pytest.mark.parametrize("seed", [0, 1, 2019])
def test_city_matches_every_official_figure(seed):
    records, truth = make_demo(seed)
    assert len(truth.calibration) >= 8
    city = records[records["region"] == "city"].set_index(["indicator", "period", "measure"])
    checked = 0
    for row in truth.calibration.itertuples():
        key = (row.indicator, str(row.period), row.measure)
        if key in city.index:  # hightech_va levels are not published, only used internally
            assert city.at[key, "value"] == pytest.approx(row.value, abs=1e-9)
            checked += 1
    assert checked >= 8


def test_uncalibrated_city_misses_the_official_figures():
    city = make_demo(0, calibrate=False)[0].query("region == 'city'")
    growth = city.query("indicator == 'industry_va' and measure == 'growth'")
    official = {"2017Q1": 8.0, "2017Q2": 8.2, "2017Q3": 8.1, "2017Q4": 7.8, "2018Q3": 7.6}
    published = growth.set_index("period")["value"]
    assert any(published[p] != v for p, v in official.items())


def test_fallback_targets_agree_with_the_official_file():
    if not (paths.OFFICIAL / "zhengzhou_city.csv").is_file():
        pytest.skip("data/official/zhengzhou_city.csv not present")
    from_file = official_targets().drop(columns="source")
    fallback = official_targets(paths.ROOT / "no_such_file.csv").drop(columns="source")
    in_range = from_file[from_file["period"].map(lambda p: 2010 <= p.year <= 2019)]
    key = ["indicator", "period", "measure"]
    pd.testing.assert_frame_equal(
        in_range.sort_values(key).reset_index(drop=True),
        fallback.sort_values(key).reset_index(drop=True),
    )


def test_calibrate_growth_hand_example():
    # Base year: 100 in each quarter; flat growth. Targets (worked by hand):
    # 2011Q1 YTD +5%  → Q1 level 105, g_Q1 = 5.
    # 2011Q2 YTD +10% → Q1+Q2 = 220, Q2 = 115, g_Q2 = 15 (Q1 is fixed by its own target).
    # 2012Q3 YTD +2%  → shift 2012 Q1–Q3 equally by 2pp: g = 2, 2, 2; Q4 untouched.
    targets = [
        (pd.Period(p, freq="Q-DEC"), v) for p, v in [("2011Q1", 5), ("2011Q2", 10), ("2012Q3", 2)]
    ]
    growth = calibrate_growth(np.zeros((2, 4)), np.full(4, 100.0), 2011, targets)
    np.testing.assert_allclose(growth, [[5, 15, 0, 0], [2, 2, 2, 0]])


def test_level_scale_and_levels_hand_example():
    levels = levels_from_growth(np.array([10.0, 20, 30, 40]), np.full((1, 4), 50.0))
    np.testing.assert_allclose(levels, [[10, 20, 30, 40], [15, 30, 45, 60]])
    targets = [(pd.Period("2011Q2", freq="Q-DEC"), 90.0)]
    assert level_scale(levels, 2011, targets) == pytest.approx(2.0)  # 90 / (15 + 30)


@pytest.mark.parametrize(
    ("indicator", "seasonal"), [("industry_va", VA_SEASONAL), ("fai", FAI_SEASONAL)]
)
def test_planted_premiums_are_recovered_on_average(many, indicator, seasonal):
    # Cluster minus city annual growth = premium + Σ_q w_q (common_q + AR_q) + tiny terms.
    # Averaged over 2010–2019 and 50 seeds its sd follows from the noise spec; allow 4 sd.
    truth = many[0][1]
    sd = _mean_gap_sd(truth.cluster_noise[indicator], seasonal, n_years=10)
    tolerance = 4 * sd / np.sqrt(len(SEEDS))
    gaps = []
    for records, _ in many:
        growth = _series(records, indicator, "growth")
        annual = growth[growth.index.str.endswith("Q4")]
        gaps.append(annual[CLUSTERS].sub(annual["city"], axis=0).mean())
    mean_gap = pd.concat(gaps, axis=1).mean(axis=1)
    planted = pd.Series(truth.premiums[indicator])
    assert (mean_gap - planted).abs().max() < tolerance
    assert tolerance < 1.0  # +3, 0 and −2 (or −3) are told apart


def test_hightech_premium_over_city_industry_is_recovered(many):
    truth = many[0][1]
    noise = truth.city_noise["hightech_va"]
    sd = _mean_gap_sd(noise, VA_SEASONAL, n_years=1, with_common=False)
    gaps = [
        _series(r, "hightech_va", "growth").at["2019Q4", "city"]
        - _series(r, "industry_va", "growth").at["2019Q4", "city"]
        for r, _ in many
    ]
    assert np.mean(gaps) == pytest.approx(truth.hightech_premium, abs=4 * sd / np.sqrt(len(SEEDS)))


def test_cluster_surprises_share_a_common_shock(many):
    # Residual = cluster single-quarter y/y growth − city's − premium = common + AR(1); the
    # correlation between two clusters is sd_common² / (sd_common² + sd²) = 1 / (1 + 4) = 0.2.
    # Sample correlations over 36 autocorrelated quarters are biased by about 1/T_eff (~0.05).
    truth = many[0][1]
    noise = truth.cluster_noise["industry_va"]
    expected = noise.sd_common**2 / (noise.sd_common**2 + noise.sd**2)
    premium = np.array([truth.premiums["industry_va"][c] for c in CLUSTERS])[:, None]
    correlations = []
    for records, _ in many:
        ytd = _series(records, "industry_va", "level")[REGIONS].to_numpy().T.reshape(13, -1, 4)
        single = np.diff(ytd, axis=-1, prepend=0)
        growth = 100 * (single[:, 1:] / single[:, :-1] - 1)
        residual = (growth[1:] - growth[0]).reshape(len(CLUSTERS), -1) - premium
        correlations.append(np.corrcoef(residual)[np.triu_indices(len(CLUSTERS), 1)].mean())
    assert np.mean(correlations) == pytest.approx(expected, abs=0.08)


def test_rest_of_city_stays_positive_and_clusters_are_half_to_two_thirds(many):
    for records, _ in many:
        for indicator in ("industry_va", "fai"):
            levels = _series(records, indicator, "level")
            assert (levels[CLUSTERS].sum(axis=1) < levels["city"]).all()
        va = _series(records, "industry_va", "level")
        share = va[CLUSTERS].sum(axis=1) / va["city"]
        assert share.between(0.5, 0.65).all()


def test_levels_positive_and_ytd_non_decreasing_within_years(demo):
    records, _ = demo
    levels = records[records["measure"] == "level"]
    assert (levels["value"] > 0).all()
    ytd = levels[levels["period_type"] == "ytd"].sort_values(["region", "indicator", "period"])
    step = ytd.groupby(["region", "indicator", ytd["period"].str[:4]])["value"].diff()
    assert (step.dropna() > 0).all()


def test_ytd_growth_is_consistent_with_ytd_levels(demo):
    records, _ = demo
    for indicator in ("industry_va", "fai"):
        levels = _series(records, indicator, "level")
        growth = _series(records, indicator, "growth")
        prior = levels.shift(4)
        recomputed = 100 * (levels / prior - 1)
        # growth is rounded to 0.1; levels to 0.01, which moves L/L_prior by at most
        # 0.005·(1/L_prior + L/L_prior²)
        tolerance = 0.05 + 100 * 0.005 * (1 / prior + levels / prior**2) + 1e-9
        assert ((recomputed - growth).abs() <= tolerance).iloc[4:].all().all()


def test_rates_at_most_100_and_reach_100_when_planted(demo):
    records, truth = demo
    for indicator in RATES:
        rates = _series(records, indicator, "level")
        assert ((rates > 0) & (rates <= 100)).all().all()
        assert (rates.loc["2019Q4"] > rates.loc["2010Q1"]).all()
        for cluster, full_from in truth.rate_full_from[indicator].items():
            column = rates[cluster]
            at_100 = column.index >= str(full_from)
            assert (column[at_100] == 100).all() and (column[~at_100] < 100).all()


def test_land_and_employment_give_the_planted_ratios(demo):
    records, truth = demo
    va = _series(records, "industry_va", "level").loc["2019Q4", CLUSTERS]
    land = _series(records, "built_up_land", "level").loc["2019Q4", CLUSTERS]
    employment = _series(records, "employment", "level").loc[lambda t: t.index.str[:4] == "2019"]
    per_mu = va * 1e4 / land
    productivity = va * 1e4 / employment[CLUSTERS].mean()
    pd.testing.assert_series_equal(
        per_mu, pd.Series(truth.va_per_mu)[CLUSTERS], rtol=1e-3, check_names=False
    )
    pd.testing.assert_series_equal(
        productivity, pd.Series(truth.productivity)[CLUSTERS], rtol=1e-3, check_names=False
    )
    assert (per_mu >= 48).any() and (per_mu < 48).any()
    assert (productivity >= 35).any() and (productivity < 35).any()
    land_path = _series(records, "built_up_land", "level")
    assert (land_path.diff().iloc[1:] >= 0).all().all()  # built-up land never shrinks


def test_indicator_subset_and_earlier_end_only_cut_the_records(demo):
    full, _ = demo
    fai_only, _ = make_demo(2019, indicators=["fai"])
    expected = full[full["indicator"] == "fai"].reset_index(drop=True)
    pd.testing.assert_frame_equal(fai_only, expected)
    as_of, _ = make_demo(2019, end="2019Q2")
    expected = full[full["period"] <= "2019Q2"].reset_index(drop=True)
    pd.testing.assert_frame_equal(as_of, expected)


def test_premiums_can_be_changed():
    _, truth = make_demo(0, premiums={"industry_va": {"jindai": 5.0}})
    assert truth.premiums["industry_va"]["jindai"] == 5.0
    assert truth.premiums["industry_va"]["airport"] == 3.0  # default kept


def test_bad_parameters_are_refused():
    with pytest.raises(ParameterError, match="unknown demo indicator"):
        make_demo(0, indicators=["va"])
    with pytest.raises(ParameterError, match="unknown region"):
        make_demo(0, premiums={"fai": {"atlantis": 1.0}})
    with pytest.raises(ParameterError, match="before start"):
        make_demo(0, start="2019Q1", end="2018Q4")


def test_committed_panel_equals_seed_2019_output(demo):
    committed = (paths.DEMO / "panel.csv").read_text(encoding="utf-8")
    assert committed == records_csv(demo[0])


def test_committed_panel_passes_validation():
    path = paths.DEMO / "panel.csv"
    assert validate_records(read_records(path), str(path)) == []
