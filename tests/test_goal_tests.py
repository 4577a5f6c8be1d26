"""Known-answer tests of the goal statistics (clusterlib.goals: hac, history, forward, official)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.tsa.arima_process import ArmaProcess

from clusterlib import paths
from clusterlib.demo.growth_family import BASE, make_family_panel
from clusterlib.exceptions import DataValidationError
from clusterlib.goals.catalogue import check_settings, load_settings
from clusterlib.goals.forward import full_year_growth, probability, year_frame
from clusterlib.goals.hac import (
    _arp_coefficients,
    _newey_west_t,
    adjust_pvalues,
    fit_overlap_sieve,
    hac_mean_test,
    kv_lags,
    overlap_sieve_draws,
    pooled_ar1,
)
from clusterlib.goals.history import (
    beat_city_history,
    growth_gap_history,
    panel_beat_city_test,
    series_gap,
)
from clusterlib.goals.official import (
    check_official_files,
    check_official_records,
    hightech_official_record,
    official_conflicts,
)
from clusterlib.inputs.panel import load_records
from clusterlib.inputs.periods import ytd_growth
from clusterlib.inputs.reading import read_records

SETTINGS = check_settings(
    {
        "on_track": 0.7,
        "at_risk": 0.3,
        "alpha": 0.05,
        "correction": "holm",
        "hac_window": 32,
        "hac_maxlags": 4,
        "hac_reference": "pooled",
        "hac_n_boot": 199,
        "seed": 0,
    }
)


def quarters(start: str, n: int) -> pd.PeriodIndex:
    return pd.period_range(start, periods=n, freq="Q-DEC")


def ar1(rng: np.random.Generator, n: int, phi: float, size: int) -> np.ndarray:
    """``size`` stationary AR(1) series of length ``n`` with unit innovations."""
    shocks = rng.standard_normal((size, n))
    out = np.empty_like(shocks)
    out[:, 0] = shocks[:, 0] / np.sqrt(1 - phi**2)
    for t in range(1, n):
        out[:, t] = phi * out[:, t - 1] + shocks[:, t]
    return out


# --- draws and full-year metrics ----------------------------------------------------------------


def test_probability_is_the_share_of_draws_meeting_the_goal():
    draws = pd.Series(np.r_[np.full(730, 1.0), np.full(270, -1.0)])
    assert probability(draws, ">", 0.0) == pytest.approx(0.73)
    assert probability(pd.Series([2.0, 1.0, 0.0, 3.0]), ">=", 2.0) == pytest.approx(0.5)


def test_probability_is_nan_when_a_draw_is_missing():
    assert np.isnan(probability(pd.Series([1.0, np.nan]), ">", 0.0))
    assert np.isnan(probability(pd.Series([], dtype=float), ">", 0.0))


def test_year_frame_puts_actuals_before_as_of_and_draws_after():
    actual = pd.Series([1.0, 2.0, 3.0], index=quarters("2019Q1", 3))  # Q3 is after as_of
    future = pd.DataFrame({pd.Period("2019Q3"): [30.0, 31.0], pd.Period("2019Q4"): [40.0, 41.0]})
    frame = year_frame(actual, future, 2019, pd.Period("2019Q2", freq="Q-DEC"))
    assert frame.to_numpy().tolist() == [[1.0, 2.0, 30.0, 40.0], [1.0, 2.0, 31.0, 41.0]]


def test_full_year_growth_matches_the_ytd_definition():
    # last year 4 × 100, this year 100, 110, 120, 130: 460 / 400 − 1 = 15 %
    values = pd.Series([100.0] * 4 + [100.0, 110.0, 120.0, 130.0], index=quarters("2018Q1", 8))
    frame = year_frame(values, pd.DataFrame(index=[0]), 2019, pd.Period("2019Q4", freq="Q-DEC"))
    assert full_year_growth(frame, values).iloc[0] == pytest.approx(15.0)
    assert ytd_growth(values)[pd.Period("2019Q4", freq="Q-DEC")] == pytest.approx(15.0)


# --- HAC test --------------------------------------------------------------------------------


def test_vectorised_newey_west_equals_statsmodels():
    x = np.random.default_rng(3).standard_normal(30) + 0.2
    fit = sm.OLS(x, np.ones(30)).fit(cov_type="HAC", cov_kwds={"maxlags": 4})
    assert _newey_west_t(x[None, :], 4)[0] == pytest.approx(fit.tvalues[0])


def test_hac_without_lags_is_the_one_sample_t_test_up_to_n_over_n_minus_1():
    # With 0 lags the HAC variance is Σe²/n instead of Σe²/(n−1): t_HAC = t·sqrt(n/(n−1)).
    x = np.random.default_rng(4).standard_normal(25) + 0.3
    classical = stats.ttest_1samp(x, 0.1)
    result = hac_mean_test(x, maxlags=0, null=0.1, reference="t")
    assert result["t"] == pytest.approx(classical.statistic * np.sqrt(25 / 24))
    assert result["p_value"] == pytest.approx(stats.t.sf(result["t"], 24))
    assert result["estimate"] == pytest.approx(x.mean())


def test_hac_needs_eight_observations():
    assert np.isnan(hac_mean_test(np.arange(7.0))["p_value"])


def test_hac_keeps_its_size_with_ar1_errors_and_has_power():
    rng = np.random.default_rng(11)
    null = ar1(rng, 24, 0.5, 300)
    planted = ar1(rng, 24, 0.5, 100) + 2.0  # mean 2 = about 3 standard errors
    size = np.mean(
        [hac_mean_test(x, n_boot=199, seed=i)["p_value"] < 0.05 for i, x in enumerate(null)]
    )
    power = np.mean([hac_mean_test(x, n_boot=199)["p_value"] < 0.05 for x in planted])
    # 300 draws: 3 binomial standard errors around 5 % are ±3.8 points
    assert 0.012 <= size <= 0.088
    assert power >= 0.8


def size_band(n_tests: int, sds: float = 3.0) -> tuple[float, float]:
    """5 % ± ``sds`` binomial standard errors of a rejection rate over ``n_tests`` tests."""
    half = sds * np.sqrt(0.05 * 0.95 / n_tests)
    return 0.05 - half, 0.05 + half


def test_pooled_ar1_recovers_the_coefficient_of_many_short_series():
    # 40 series × 32 quarters, φ = 0.5: pooled least squares has sd ≈ √((1−φ²)/1240) ≈ 0.025;
    # without Kendall's correction it would be ≈ (1 + 3φ)/32 ≈ 0.08 too low.
    series_list = list(ar1(np.random.default_rng(8), 32, 0.5, 40) + 7.0)
    assert pooled_ar1(series_list) == pytest.approx(0.5, abs=0.075)
    assert pooled_ar1([np.arange(5.0)]) == 0.0  # too short: no dependence assumed


@pytest.mark.parametrize("reference", ["pooled", "sieve"])
def test_pooled_references_keep_their_size_on_ar1_plus_noise_gaps(reference):
    # The demo's gap process: AR(1) (sd 2, φ 0.4) plus independent noise (sd 1); groups of 12
    # series share the pooled coefficient(s), as the clusters of one goal do.
    rng = np.random.default_rng(21)
    draws = 2.0 * ar1(rng, 32, 0.4, 360) * np.sqrt(1 - 0.16) + rng.standard_normal((360, 32))
    fit = {"pooled": lambda g: [pooled_ar1(g)], "sieve": fit_overlap_sieve}[reference]
    p = []
    for group in draws.reshape(30, 12, 32):
        coef = fit(list(group))
        p += [
            hac_mean_test(x, reference=reference, n_boot=199, seed=i, ar_coefs=coef)["p_value"]
            for i, x in enumerate(group)
        ]
    low, high = size_band(len(p))
    assert low <= np.mean(np.array(p) < 0.05) <= high


def test_fixedb_reference_is_exact_for_gaussian_white_noise():
    rng = np.random.default_rng(12)
    p = [
        hac_mean_test(x, reference="fixedb", n_boot=199, seed=i)["p_value"]
        for i, x in enumerate(rng.standard_normal((300, 24)))
    ]
    low, high = size_band(300)
    assert low <= np.mean(np.array(p) < 0.05) <= high


def test_arp_coefficients_recover_an_ar2_process():
    x = ArmaProcess([1.0, -0.5, 0.3], [1.0]).generate_sample(
        4000, distrvs=np.random.default_rng(2).standard_normal
    )
    assert _arp_coefficients(x, 4)[:2] == pytest.approx([0.5, -0.3], abs=0.06)


@pytest.mark.parametrize("reference", ["arp", "block", "fixedb"])
def test_other_references_detect_a_planted_mean(reference):
    rng = np.random.default_rng(13)
    planted = ar1(rng, 32, 0.3, 20) + 2.0  # mean 2 ≈ 8 standard errors of the mean
    p = [hac_mean_test(x, reference=reference, n_boot=199)["p_value"] for x in planted]
    assert np.mean(np.array(p) < 0.05) >= 0.9


def test_unknown_reference_is_rejected():
    with pytest.raises(ValueError, match="unknown reference"):
        hac_mean_test(np.arange(10.0), reference="normal")


# --- multiple testing --------------------------------------------------------------------------


def test_holm_and_bh_by_hand():
    p = pd.Series([0.01, 0.04, 0.03, np.nan], index=list("abcd"))
    # Holm: sorted .01, .03, .04 times 3, 2, 1 → .03, .06, .04 → running max .03, .06, .06
    assert adjust_pvalues(p, "holm").tolist()[:3] == pytest.approx([0.03, 0.06, 0.06])
    # BH: .01·3/1, .03·3/2, .04·3/3 = .03, .045, .04 → running min from the top .03, .04, .04
    assert adjust_pvalues(p, "bh").tolist()[:3] == pytest.approx([0.03, 0.04, 0.04])
    assert np.isnan(adjust_pvalues(p)["d"])
    with pytest.raises(ValueError, match="unknown correction"):
        adjust_pvalues(p, "bonferroni")


# --- historical beat-the-city test on planted data -------------------------------------------


def levels_from_yoy(growth: np.ndarray) -> np.ndarray:
    """Quarterly levels whose y/y growth (%) is ``growth`` after a first year of 100s."""
    levels = np.full(len(growth) + 4, 100.0)
    for t, g in enumerate(growth):
        levels[t + 4] = levels[t] * (1 + g / 100)
    return levels


def planted_panel(premiums: dict[str, float], seed: int, n: int = 36) -> pd.DataFrame:
    """City growth 8 % + AR(1) noise; each cluster's = city's + premium + AR(1) noise (sd ~1.2)."""
    rng = np.random.default_rng(seed)
    city = 8.0 + ar1(rng, n, 0.5, 1)[0]
    growth = {"city": city} | {
        region: city + premium + ar1(rng, n, 0.5, 1)[0] for region, premium in premiums.items()
    }
    periods = quarters("2010Q3", n + 4)
    return pd.concat(
        pd.DataFrame(
            {
                "region": region,
                "indicator": "fai",
                "measure": "level",
                "period": periods,
                "value": levels_from_yoy(g),
                "unit": "100m_yuan",
                "synthetic": True,
            }
        )
        for region, g in growth.items()
    )


@pytest.mark.parametrize("reference", ["pooled", "sieve"])
def test_beat_city_history_flags_a_planted_premium_and_recovers_it(reference):
    panel = planted_panel({"airport": 3.0, "baisha": 0.0, "gongyi": -2.0}, seed=5)
    as_of = pd.Period("2019Q2", freq="Q-DEC")
    settings = replace(SETTINGS, hac_reference=reference)
    table = beat_city_history(panel, "fai", ["airport", "baisha", "gongyi"], as_of, settings)
    assert table.loc["airport", "p_adjusted"] < 0.05
    assert table.loc["gongyi", "p_value"] > 0.5  # below the city: far from significant
    assert table.loc["airport", "mean_gap"] == pytest.approx(3.0, abs=1.2)
    assert (table["n"] == 32).all()
    assert (table["p_adjusted"] >= table["p_value"]).all()


# --- the official record of the high-tech goal -----------------------------------------------


def official(rows: list[tuple]) -> pd.DataFrame:
    columns = ["region", "indicator", "period", "period_type", "measure", "value", "source"]
    return pd.DataFrame(rows, columns=[*columns, "status"]).assign(unit="pct_yoy")


def test_hightech_record_pairs_periods_and_ignores_other_high_tech_concepts():
    records = official(
        [
            ("city", "industry_va", "2018Q3", "ytd", "growth", "7.6", "a", "final"),
            ("city", "hightech_va", "2018-09", "ytd", "growth", "12.4", "b", "final"),
            ("city", "hitech_industry_va", "2018Q3", "ytd", "growth", "16.9", "c", "final"),
            ("city", "hightech_va", "2022", "ytd", "growth", "14", "d", "final"),
            ("city", "industry_va", "2022", "ytd", "growth", "13", "e", "final"),
            ("city", "industry_va", "2022", "ytd", "growth", "3.5", "f", "estimate"),
            ("city", "hightech_va", "2021Q1", "ytd", "growth", "30", "g", "final"),
            ("city", "industry_va", "2018-09", "single", "growth", "9.2", "h", "final"),
        ]
    )
    table = hightech_official_record(records)
    assert table["period"].tolist() == ["2018Q3", "2022Q4"]
    assert table["months"].tolist() == ["1—9月", "1—12月"]
    assert table["gap_pp"].tolist() == pytest.approx([4.8, 1.0])
    assert table["met"].tolist() == [True, False]
    assert table[["hightech_source", "industry_source"]].iloc[0].tolist() == ["b", "a"]


def test_hightech_record_rejects_two_final_figures_for_one_period():
    records = official(
        [
            ("city", "industry_va", "2018Q3", "ytd", "growth", "7.6", "a", "final"),
            ("city", "industry_va", "2018-09", "ytd", "growth", "7.7", "b", "final"),
        ]
    )
    with pytest.raises(DataValidationError) as caught:
        hightech_official_record(records)
    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("records", None, "period")
    assert "7.7 for 2018-09 here, 7.6 for 2018Q3" in problem.message


def test_a_monthly_file_beside_the_official_one_names_both_files_and_rows(tmp_path):
    """The quarter 2018Q3 in one file (row 3) and the month closing it, 2018-09, in another
    (row 2): one problem at the later file's row naming the first, before any table."""
    header = "region,indicator,period,period_type,measure,value,unit,source,note,synthetic\n"
    (tmp_path / "a.csv").write_text(
        header
        + "city,hightech_va,2018Q3,ytd,growth,12.4,pct_yoy,s,,false\n"
        + "city,industry_va,2018Q3,ytd,growth,7.6,pct_yoy,s,,false\n",
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text(
        header + "city,industry_va,2018-09,ytd,growth,7.9,pct_yoy,s,,false\n", encoding="utf-8"
    )
    records = load_records([tmp_path / "a.csv", tmp_path / "b.csv"])
    problems = official_conflicts(records)
    assert len(problems) == 1
    (problem,) = problems
    assert (Path(problem.file).name, problem.row, problem.column) == ("b.csv", 2, "period")
    assert "7.9 for 2018-09 here, 7.6 for 2018Q3 at row 3 of " in problem.message
    assert problem.message.split(" at row 3 of ")[1].startswith(str(records["file"].iloc[0]))
    with pytest.raises(DataValidationError, match=r"b\.csv, row 2, column 'period'"):
        check_official_records(records)
    # the batch's early check reads the files as notebook 03 does: up to the run's quarter
    check_official_files([tmp_path / "a.csv", tmp_path / "b.csv"], "2018Q2")  # before both
    with pytest.raises(DataValidationError, match=r"b\.csv, row 2, column 'period'"):
        check_official_files([tmp_path / "a.csv", tmp_path / "b.csv"], "2019Q2")


@pytest.mark.skipif(
    not (paths.OFFICIAL / "zhengzhou_city.csv").exists(), reason="official city file absent"
)
def test_hightech_record_on_the_official_file_2018_q3():
    table = hightech_official_record(read_records(paths.OFFICIAL / "zhengzhou_city.csv"))
    row = table.set_index("period").loc["2018Q3"]
    assert (row["hightech_growth"], row["industry_growth"]) == (12.4, 7.6)
    assert row["gap_pp"] == pytest.approx(4.8)
    assert bool(row["met"])


# --- issue #16: overlapping y/y growth, the overlap sieve, the generator family ---------------


def test_overlap_sieve_recovers_quarterly_ar1_aggregated_to_yoy():
    # 12 series × 32 quarters of y/y growth summing four quarters of AR(1) 0.6 growth
    rng = np.random.default_rng(31)
    overlapping = overlap_sieve_draws(0.6, 1.0, (12, 32), rng) + 5.0
    phi, theta, noise = fit_overlap_sieve(list(overlapping))
    assert (theta, noise) == (1.0, 0.0)
    assert phi == pytest.approx(0.6, abs=0.15)
    # an AR(1) planted directly in y/y growth is told apart from the overlap (lags 1-4, equal)
    planted = overlap_sieve_draws(0.5, 0.0, (12, 32), rng)
    assert fit_overlap_sieve(list(planted), lags=4, weights="equal")[1] == 0.0
    # with lags 1-8 (the default) its shape may be matched by a near-white overlap plus noise
    # (autocorrelations about 0.55, 0.35, 0.2, 0): what the test needs, the null t statistic's
    # 95% quantile, is then the planted process's within 10 %
    fitted = fit_overlap_sieve(list(planted))
    quantiles = [
        np.quantile(_newey_west_t(overlap_sieve_draws(phi, theta, (20_000, 32), rng, e), 4), 0.95)
        for phi, theta, e in [(0.5, 0.0, 0.0), fitted]
    ]
    assert quantiles[1] == pytest.approx(quantiles[0], rel=0.1)


def test_sieve_weights_let_the_larger_gaps_speak_for_their_persistence():
    # 6 large gaps of overlapping AR(1) 0.9 growth and 6 small ones of white noise: sd weights
    # fit a more persistent sieve than equal weights (the larger gaps are the ones at risk)
    rng = np.random.default_rng(5)
    gaps = [*(10 * overlap_sieve_draws(0.9, 1.0, (6, 32), rng)), *rng.standard_normal((6, 32))]
    assert fit_overlap_sieve(gaps, weights="sd")[0] > fit_overlap_sieve(gaps, weights="equal")[0]
    with pytest.raises(ValueError, match="unknown weights"):
        fit_overlap_sieve(gaps, weights="median")


def test_overlap_sieve_draws_sum_four_quarters_when_theta_is_one():
    # same seed, same quarterly AR(1): the θ = 1 series sums the θ = 0 one over 4 quarters
    single = overlap_sieve_draws(0.3, 0.0, (2, 20), np.random.default_rng(4))
    summed = overlap_sieve_draws(0.3, 1.0, (2, 20), np.random.default_rng(4))
    by_hand = single[:, 3:] + single[:, 2:-1] + single[:, 1:-2] + single[:, :-3]
    assert summed[:, 3:] == pytest.approx(by_hand)


def test_kv_reference_is_exact_for_gaussian_white_noise_and_uses_half_the_sample():
    assert kv_lags(32, 0.5) == 16
    assert kv_lags(5, 0.01) == 1
    rng = np.random.default_rng(14)
    p = [
        hac_mean_test(x, reference="kv", n_boot=199, seed=i)["p_value"]
        for i, x in enumerate(rng.standard_normal((300, 32)))
    ]
    low, high = size_band(300)
    assert low <= np.mean(np.array(p) < 0.05) <= high


def test_annual_gap_is_the_q4_ytd_growth_gap_by_hand():
    # own: quarters of 2018 = 10 each, 2019 = 11, 12, 13, 14 (total 50 vs 40: +25 %);
    # city: 2018 = 10 each, 2019 = 11 each (+10 %): the 2019 annual gap is 15 pp
    periods = quarters("2018Q1", 8)
    own = pd.Series([10.0] * 4 + [11.0, 12.0, 13.0, 14.0], index=periods)
    city = pd.Series([10.0] * 4 + [11.0] * 4, index=periods)
    gap = series_gap(own, city, pd.Period("2019Q4", freq="Q-DEC"), 8, "annual")
    assert list(gap.index) == [pd.Period("2019Q4", freq="Q-DEC")]
    assert gap.iloc[0] == pytest.approx(15.0)
    # a window that does not hold all of 2019 leaves it out
    assert series_gap(own, city, pd.Period("2019Q4", freq="Q-DEC"), 3, "annual").empty


def test_quarterly_gap_removes_seasonality_and_annualises_log_growth():
    # own grows 1 % a quarter faster (log) than the city, with different seasonal patterns:
    # every seasonally adjusted q/q gap is 400 × 0.01 = 4 pp
    periods = quarters("2012Q1", 40)
    t = np.arange(40)
    city = pd.Series(100 * np.exp(0.02 * t) * np.tile([0.9, 1.0, 1.0, 1.1], 10), index=periods)
    own = pd.Series(50 * np.exp(0.03 * t) * np.tile([0.8, 1.1, 1.0, 1.1], 10), index=periods)
    gap = series_gap(own, city, periods[-1], 32, "quarterly")
    assert len(gap) == 32
    assert gap.to_numpy() == pytest.approx(np.full(32, 4.0))
    # growth-only series (chained indexes) have no usable q/q growth: y/y gaps instead
    yoy = series_gap(own, city, periods[-1], 32, "quarterly", levels=False)
    assert yoy.index.equals(series_gap(own, city, periods[-1], 32, "yoy").index)
    with pytest.raises(ValueError, match="unknown gap series"):
        series_gap(own, city, periods[-1], 32, "monthly")


def test_family_generator_plants_the_premium_in_yoy_growth():
    # averaged over 20 families, a cluster planted at +6 pp has a mean y/y gap of about 6 pp
    # and a null cluster about 0 (with levels and with growth only)
    as_of = pd.Period("2019Q4", freq="Q-DEC")
    for cell in (BASE, replace(BASE, measure="growth", process="yoy_ar1", phi=0.5)):
        planted, null = [], []
        for seed in range(20):
            panel, truth = make_family_panel(cell, seed, {3: 6.0})
            assert truth.premiums["c03"] == 6.0 and truth.premiums["c04"] == 0.0
            gaps = {
                region: growth_gap_history(
                    panel, region, "industry_va", "city", "industry_va", as_of, 32
                )
                for region in ("c03", "c04")
            }
            planted.append(gaps["c03"].mean())
            null.append(gaps["c04"].mean())
        assert np.mean(planted) == pytest.approx(6.0, abs=0.8)
        assert np.mean(null) == pytest.approx(0.0, abs=0.5)


def test_default_test_keeps_its_size_on_overlapping_yoy_growth():
    # issue #16: quarterly AR(1) growth (φ 0.6, t(4), scales 4×, common shock) published as
    # overlapping y/y growth; the old default (pooled AR(1) on the y/y gaps) rejected 0 of 480
    settings = replace(load_settings(), hac_n_boot=199)
    as_of = pd.Period("2019Q4", freq="Q-DEC")
    rejected, flagged = [], []
    for seed in range(20):
        panel, truth = make_family_panel(BASE, seed, {seed % 12: 6.0})
        table = beat_city_history(panel, "industry_va", list(truth.premiums), as_of, settings)
        planted = table.index == f"c{seed % 12:02d}"
        rejected += list(table.loc[~planted, "p_value"] < 0.05)
        flagged.append(table.loc[planted, "p_value"].iloc[0] < 0.05)
    low, high = size_band(len(rejected))  # 220 null clusters: 5 % ± 4.4 points
    assert low <= np.mean(rejected) <= high
    assert np.mean(flagged) >= 0.8  # +6 pp ≈ 2.5 sd of the median cluster's gap


def test_driscoll_kraay_statistic_is_the_newey_west_t_of_the_clusters_mean_gap():
    # 12 clusters sharing a persistent common component plus their own noise: the panel
    # statistic is the Newey–West t of the cross-sectional mean, computed by hand here
    rng = np.random.default_rng(11)
    common = ar1(rng, 32, 0.6, 1)[0]
    index = quarters("2012Q1", 32)
    gaps = {f"c{i}": pd.Series(1.0 + common + rng.standard_normal(32), index) for i in range(12)}
    mean_gap = pd.DataFrame(gaps).mean(axis=1).to_numpy()
    settings = replace(SETTINGS, hac_reference="t")
    result = panel_beat_city_test(gaps, settings)
    assert result["t"] == pytest.approx(_newey_west_t(mean_gap[None, :], 4)[0])
    assert result["mean_gap"] == pytest.approx(mean_gap.mean())
    assert result["p_value"] == pytest.approx(stats.t.sf(result["t"], 31))
    assert (result["clusters"], result["n"]) == (12, 32)
    short = {name: gap.iloc[:7] for name, gap in gaps.items()}
    assert np.isnan(panel_beat_city_test(short, settings)["p_value"])
