"""Tests of the yearly evaluation: small examples worked by hand, planted truths, bad schemes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from clusterlib import paths
from clusterlib.evaluation.evaluate import data_quality, evaluate_clusters, indicator_scores
from clusterlib.evaluation.report import header
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.evaluation.star_list import load_star_lists, source_label, source_word
from clusterlib.evaluation.uncertainty import rank_intervals
from clusterlib.exceptions import DataValidationError, ParameterError

CLUSTERS = ["econ_tech", "airport", "baisha"]  # catalogue order, all provincial clusters
REVENUE = {"econ_tech": 400.0, "airport": 250.0, "baisha": 150.0, "jindai": 500.0}
TAX = {"econ_tech": 20.0, "airport": 30.0, "baisha": 10.0, "jindai": 25.0}
ENERGY = {"econ_tech": 10.0, "airport": 30.0, "baisha": 20.0, "jindai": 5.0}  # lower is better


def small_scheme(**changes) -> dict:
    """Two aspects (0.5 each): revenue alone; tax and energy share (lower is better) at 0.5."""
    flow = {"name_zh": "x", "name_en": "x", "metric": "year_total", "direction": "higher"}
    scheme = {
        "name": "test",
        "normalisation": "efficacy",
        "missing": "lowest",
        "aspects": {
            "size": {"name_zh": "经济总量", "name_en": "Size", "weight": 0.5, "indicators": {
                "revenue": flow | {"indicator": "main_business_revenue", "weight": 1.0}}},
            "quality": {"name_zh": "质量效益", "name_en": "Quality", "weight": 0.5, "indicators": {
                "tax": flow | {"indicator": "tax", "weight": 0.5},
                "energy": flow | {"indicator": "high_energy_share", "metric": "latest",
                                  "direction": "lower", "weight": 0.5}}},
        },
        "stars": {"revenue": "revenue", "revenue_thresholds": [100, 200, 300],
                  "top_share": [1.0, 0.6, 0.3], "max_promotion": 1},
        "exit": {"bottom_share": 0.34, "min_revenue": 50},
        "uncertainty": {"concentration": 100, "level": 0.8, "clear_lead": 0.9, "n_draws": 2000,
                        "missing_rules": ["lowest", "zero", "aspect_mean"],
                        "revision_sd_relative": 3.0, "revision_sd_absolute": 0.5,
                        "n_paths": 100, "seed": 1},
    }  # fmt: skip
    return scheme | changes


def write_scheme(tmp_path, scheme: dict):
    path = tmp_path / "evaluation_test.yaml"
    path.write_text(yaml.safe_dump(scheme, allow_unicode=True), encoding="utf-8")
    return path


def panel(
    year: int = 2018, drop: tuple[str, str] | None = None, regions: list[str] = CLUSTERS
) -> pd.DataFrame:
    """Single-quarter levels: a quarter of each year total, and the energy share at Q4."""
    quarters = pd.period_range(f"{year}Q1", periods=4, freq="Q-DEC")
    rows = []
    for region in regions:
        for indicator, total in (("main_business_revenue", REVENUE), ("tax", TAX)):
            if (region, indicator) != drop:
                rows += [(region, indicator, q, total[region] / 4) for q in quarters]
        if (region, "high_energy_share") != drop:
            rows.append((region, "high_energy_share", quarters[-1], ENERGY[region]))
    table = pd.DataFrame(rows, columns=["region", "indicator", "period", "value"])
    return table.assign(measure="level", unit="x", synthetic=False)


def efficacy(x: float, low: float, high: float, higher: bool = True) -> float:
    return 60 + 40 * ((x - low) if higher else (high - x)) / (high - low)


def test_three_clusters_by_hand(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    result = evaluate_clusters(panel(), 2018, scheme).set_index("region")
    for region in CLUSTERS:
        revenue = efficacy(REVENUE[region], 150, 400)
        tax = efficacy(TAX[region], 10, 30)
        energy = efficacy(ENERGY[region], 10, 30, higher=False)
        assert result.at[region, "score.revenue"] == pytest.approx(revenue)
        assert result.at[region, "score.energy"] == pytest.approx(energy)
        assert result.at[region, "aspect.quality"] == pytest.approx((tax + energy) / 2)
        composite = 0.5 * revenue + 0.25 * tax + 0.25 * energy
        assert result.at[region, "composite"] == pytest.approx(composite)
    # econ_tech 100/80/100 → 95; airport 76/100/60 → 78; baisha 60/60/80 → 65
    assert result["rank"].to_dict() == {"econ_tech": 1, "airport": 2, "baisha": 3}
    # 3 stars: 400 ≥ 300 and rank 1 ≤ ⌈0.3·3⌉; airport 250 ≥ 200, rank 2 ≤ ⌈0.6·3⌉; baisha < 200
    assert result["stars_estimate"].to_dict() == {"econ_tech": 3, "airport": 2, "baisha": 1}
    assert result["below_exit"].to_dict() == {"econ_tech": False, "airport": False, "baisha": True}
    # airport behind econ_tech: revenue 0.5·(100 − 76) = 12, energy 0.25·(100 − 60) = 10
    assert result.at["airport", "gap_to_above"] == "x（−12.00分）；x（−10.00分）"  # zh, the default
    assert result["previous_stars"].isna().all()


def test_stars_capped_and_changes_against_last_year(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    last_year = panel(2017).assign(value=lambda t: t["value"] / 2)  # revenue halved
    last_year.loc[last_year["indicator"] == "high_energy_share", "value"] *= 2
    result = evaluate_clusters(pd.concat([last_year, panel()]), 2018, scheme).set_index("region")
    # 2017: econ_tech 200 → 2 stars (rank 1), airport 125 → 1, baisha 75 → 0
    assert result["previous_stars"].to_dict() == {"econ_tech": 2, "airport": 1, "baisha": 0}
    assert result["stars_estimate"].to_dict() == {"econ_tech": 3, "airport": 2, "baisha": 1}
    assert result["promoted"].all() and not result["demoted"].any()
    assert (result["star_change"] == 1).all()


def test_missing_indicator_rules(tmp_path):
    data = panel(drop=("airport", "tax"))
    for rule in ("lowest", "aspect_mean", "zero", "exclude"):
        scheme = load_scheme(write_scheme(tmp_path, small_scheme(missing=rule)))
        result = evaluate_clusters(data, 2018, scheme).set_index("region")
        quality = data_quality(result.reset_index(), scheme)
        assert quality[["region", "indicator", "rule"]].values.tolist() == [
            ["airport", "tax", rule]
        ]
        assert result.at["airport", "missing"] == "tax"
        if rule == "exclude":
            assert result.at["airport", "excluded"] and np.isnan(result.at["airport", "rank"])
            assert result["n_ranked"].iloc[0] == 2
            continue
        # tax among econ_tech (20) and baisha (10) only: 100 and 60
        assert result.at["econ_tech", "score.tax"] == pytest.approx(100)
        energy = 60.0  # airport has the highest share
        expected = {"lowest": 60.0, "aspect_mean": energy, "zero": 0.0}[rule]  # lowest: baisha's
        assert result.at["airport", "score.tax"] == pytest.approx(expected)
        assert result.at["airport", "aspect.quality"] == pytest.approx((expected + energy) / 2)


def test_a_cluster_without_revenue_has_unknown_stars_not_zero_and_is_not_demoted(tmp_path):
    """airport's revenue is missing: still ranked (the lowest score stands in), but the star
    and exit rules read revenue, so its stars are unknown, not 0 stars and "demoted" from last
    year's 2; the others keep their hand-computed levels."""
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    last_year = panel(2017).assign(value=lambda t: t["value"] / 2)  # 2017: 2, 1, 0 stars
    data = pd.concat([last_year, panel(drop=("airport", "main_business_revenue"))])
    result = evaluate_clusters(data, 2018, scheme).set_index("region")
    assert result.at["airport", "missing"] == "revenue" and result.at["airport", "rank"] > 0
    assert np.isnan(result.at["airport", "stars_estimate"])
    assert np.isnan(result.at["airport", "star_change"])
    assert not result.at["airport", "demoted"] and not result.at["airport", "promoted"]
    assert pd.isna(result.at["airport", "below_exit"])
    assert result.at["airport", "previous_stars"] == 1
    assert result.loc[["econ_tech", "baisha"], "stars_estimate"].notna().all()


def test_indicator_scores_long_table(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    result = evaluate_clusters(panel(), 2018, scheme)
    long = indicator_scores(result, scheme)
    assert len(long) == 3 * 3
    composite = long.groupby("region")["points"].sum()
    assert composite.to_dict() == pytest.approx(result.set_index("region")["composite"].to_dict())


def test_incomplete_year_needs_paths(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    with pytest.raises(ParameterError, match="incomplete at 2018Q2"):
        evaluate_clusters(panel(), 2018, scheme, as_of="2018Q2")


BAD = {
    "weights do not sum to 1": (
        lambda s: s["aspects"]["size"].update(weight=0.6),
        "key 'aspects': aspect weights sum to 1.1; expected 1",
    ),
    "negative weight": (
        lambda s: s["aspects"]["quality"]["indicators"]["tax"].update(weight=-0.5),
        "key 'aspects.quality.indicators.tax.weight': expected a number >= 0.0",
    ),
    "unknown indicator": (
        lambda s: s["aspects"]["quality"]["indicators"]["tax"].update(indicator="taxes"),
        "key 'aspects.quality.indicators.tax.indicator': unknown indicator 'taxes'",
    ),
    "thresholds not increasing": (
        lambda s: s["stars"].update(revenue_thresholds=[100, 300, 200]),
        "key 'stars.revenue_thresholds': expected increasing values",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_scheme_names_file_and_key(tmp_path, case):
    scheme = small_scheme()
    change, message = BAD[case]
    change(scheme)
    path = write_scheme(tmp_path, scheme)
    with pytest.raises(ParameterError) as error:
        load_scheme(path)
    assert f"{path}: {message}" in str(error.value)


def test_every_problem_at_once(tmp_path):
    scheme = small_scheme(normalisation="rank")
    for change, _ in BAD.values():
        change(scheme)
    with pytest.raises(ParameterError) as error:
        load_scheme(write_scheme(tmp_path, scheme))
    text = str(error.value)
    assert text.startswith("6 problem(s)")  # four above, quality weights 0 ≠ 1, normalisation
    assert "key 'normalisation': expected one of efficacy, minmax, zscore" in text


def test_default_scheme_reads():
    scheme = load_scheme(paths.PARAMS / "evaluation_henan.yaml")
    assert len(scheme.indicators) == 15 and len(scheme.aspects) == 5
    assert scheme.weights.sum() == pytest.approx(1.0)
    goals = {item.id: item.goal for item in scheme.indicators if item.goal is not None}
    # the plan's goals: beat the city (0 pp), 48万元/亩, 35万元/人, high-tech +2 pp
    assert goals == {
        "va_growth_vs_city": 0, "fai_growth_vs_city": 0, "va_per_mu_goal": 48,
        "labour_productivity_goal": 35, "hightech_vs_city": 2,
    }  # fmt: skip
    assert scheme.missing == "lowest"


def test_each_value_has_its_unit_in_the_workbook_header(tmp_path):
    """T7B-11: 指标值 headers had no unit; a ratio's unit is the scheme's (10000 × 亿元/亩 is
    万元/亩), a gap to the city is pp, growth %, totals and latest values the catalogue's."""
    scheme = load_scheme(paths.PARAMS / "evaluation_henan.yaml")
    units = {item.id: item.value_unit for item in scheme.indicators}
    assert units == {
        "revenue": "100m_yuan", "fai": "100m_yuan", "va_per_mu": "10k_yuan_per_mu",
        "labour_productivity": "10k_yuan_per_person", "tax": "100m_yuan",
        "leading_share": "pct_share", "hightech_growth": "pct", "above_scale_firms": "count",
        "sewage": "pct", "high_energy_share": "pct_share", "va_growth_vs_city": "pp",
        "fai_growth_vs_city": "pp", "va_per_mu_goal": "10k_yuan_per_mu",
        "labour_productivity_goal": "10k_yuan_per_person", "hightech_vs_city": "pp",
    }  # fmt: skip
    headers = [
        header(f"value.{i}", scheme) for i in ("revenue", "leading_share", "hightech_growth")
    ]
    assert headers == [
        "指标值·主营业务收入（亿元）",
        "指标值·主导产业增加值占比（%）",
        "指标值·高新技术产业增加值增速（%）",
    ]
    assert header("value.above_scale_firms", scheme) == "指标值·规模以上工业企业数（个）"
    assert (
        header("value.va_growth_vs_city", scheme) == "指标值·规上工业增加值增速高出全市（百分点）"
    )
    # a name that already says its unit is not told it twice; scores have no unit
    assert header("value.va_per_mu_goal", scheme) == "指标值·亩均增加值（目标48万元/亩）"
    assert header("score.revenue", scheme) == "得分·主营业务收入"
    assert header("value.revenue", scheme, "en") == "Value·Main-business revenue (100m yuan)"
    wrong = small_scheme()
    wrong["aspects"]["size"]["indicators"]["revenue"]["unit"] = "yuan"
    with pytest.raises(ParameterError, match="unit': expected one of , 100m_yuan"):
        load_scheme(write_scheme(tmp_path, wrong))


def test_rank_intervals_without_revisions_or_weight_noise_are_the_point_ranks(tmp_path):
    scheme = small_scheme()
    scheme["uncertainty"].update(concentration=1e9, revision_sd_relative=0.0,
                                 revision_sd_absolute=0.0)  # fmt: skip
    scheme = load_scheme(write_scheme(tmp_path, scheme))
    result = evaluate_clusters(panel(), 2018, scheme)
    table = rank_intervals(result, scheme, n_draws=500)
    assert table["region"].tolist() == ["econ_tech", "airport", "baisha"]
    assert (table["rank_lo"] == table["rank"]).all() and (table["rank_hi"] == table["rank"]).all()
    assert (table["p_stars_at_least"] == 1.0).all()
    assert table["p_ahead_of_next"].iloc[:2].tolist() == [1.0, 1.0]


def test_identical_clusters_lead_each_other_half_the_time_and_a_distant_one_always(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    data = panel()
    twin = data["region"] == "airport"
    same = data[data["region"] == "econ_tech"].assign(region="airport")
    data = pd.concat([data[~twin], same])
    data.loc[data["region"] == "baisha", "value"] /= 3  # far behind on revenue and tax
    result = evaluate_clusters(data, 2018, scheme)
    table = rank_intervals(result, scheme).set_index("region")
    first = table.index[0]
    assert set(table.index[:2]) == {"econ_tech", "airport"}
    assert table.at[first, "p_ahead_of_next"] == pytest.approx(0.5, abs=0.04)
    assert table.iloc[1]["p_ahead_of_next"] == 1.0  # the second twin over baisha
    assert (table.iloc[:2]["rank_lo"] == 1).all() and (table.iloc[:2]["rank_hi"] == 2).all()
    assert table.at["baisha", "rank_lo"] == table.at["baisha", "rank_hi"] == 3
    assert table["clear_lead"].tolist() == [False, True, False]
    again = rank_intervals(result, scheme).set_index("region")
    pd.testing.assert_frame_equal(table, again)  # seeded: the same draws


def test_the_missing_rule_alone_spans_the_ranks_under_each_rule(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    result = evaluate_clusters(panel(drop=("econ_tech", "tax")), 2018, scheme)
    table = rank_intervals(result, scheme).set_index("region")
    # ranks 1 (lowest), 2 (zero), 1 (aspect mean): each rule drawn in about a third of draws
    assert (table.at["econ_tech", "rank_lo_missing"], table.at["econ_tech", "rank_hi_missing"]) == (
        1,
        2,
    )
    assert table.at["baisha", "rank_lo_missing"] == table.at["baisha", "rank_hi_missing"] == 3


def test_larger_revisions_widen_the_intervals(tmp_path):
    data = panel()
    data.loc[data["region"] == "baisha", "value"] *= 2.4  # revenue 360, tax 24, share 48
    widths = []
    for sd in (0.1, 5.0, 20.0):
        scheme = small_scheme()
        scheme["uncertainty"].update(revision_sd_relative=sd, revision_sd_absolute=sd / 10)
        scheme = load_scheme(write_scheme(tmp_path, scheme))
        table = rank_intervals(evaluate_clusters(data, 2018, scheme), scheme)
        widths.append(float((table["rank_hi_data"] - table["rank_lo_data"]).sum()))
    assert widths[0] == 0 and widths[0] < widths[1] < widths[2]


def test_conservative_default_gives_the_lowest_reported_score_and_every_rule_is_shown(tmp_path):
    # econ_tech does not report tax; tax among airport (30 → 100) and baisha (10 → 60)
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    assert scheme.missing == "lowest"
    result = evaluate_clusters(panel(drop=("econ_tech", "tax")), 2018, scheme).set_index("region")
    assert result.at["econ_tech", "score.tax"] == pytest.approx(60.0)  # not its energy 100
    # composite 0.5·100 + 0.25·60 + 0.25·100 = 90; airport 0.5·76 + 25 + 15 = 78; baisha 65
    assert result.at["econ_tech", "composite"] == pytest.approx(90.0)
    # zero: econ_tech 75 < airport 78; aspect mean: 100; exclude: airport 90, baisha 70 alone
    assert result["rank_if_lowest"].to_dict() == {"econ_tech": 1, "airport": 2, "baisha": 3}
    assert result["rank_if_zero"].to_dict() == {"econ_tech": 2, "airport": 1, "baisha": 3}
    assert result["rank_if_aspect_mean"].to_dict() == {"econ_tech": 1, "airport": 2, "baisha": 3}
    assert np.isnan(result.at["econ_tech", "rank_if_exclude"])
    assert result.loc[["airport", "baisha"], "rank_if_exclude"].tolist() == [1, 2]
    assert data_quality(result.reset_index(), scheme)["rule"].tolist() == ["lowest"]


def test_an_indicator_nobody_reports_stops_unless_the_scheme_drops_it(tmp_path):
    data = panel()
    data = data[data["indicator"] != "tax"]
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    with pytest.raises(ParameterError, match="no cluster has a value of tax for 2018"):
        evaluate_clusters(data, 2018, scheme, lang="en")
    with pytest.raises(
        ParameterError, match=r"没有集聚区有2018年（读2018年第四季度）x的数据.*drop: \[tax\]"
    ):
        evaluate_clusters(data, 2018, scheme)
    dropped = load_scheme(write_scheme(tmp_path, small_scheme(drop=["tax"])))
    assert dropped.dropped == ("tax",)
    weights = dict(zip(dropped.ids, dropped.weights, strict=True))
    assert weights == pytest.approx({"revenue": 0.5, "energy": 0.5})  # energy takes tax's
    result = evaluate_clusters(data, 2018, dropped).set_index("region")
    # econ_tech: revenue 100, energy 100 → 100; airport 76, 60 → 68; baisha 60, 80 → 70
    assert result["composite"].to_dict() == pytest.approx(
        {"econ_tech": 100.0, "airport": 68.0, "baisha": 70.0}
    )


def test_a_municipal_park_is_ranked_but_not_starred(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    result = evaluate_clusters(panel(regions=[*CLUSTERS, "jindai"]), 2018, scheme)
    result = result.set_index("region")
    # revenue 150–500, tax 10–30, energy 5–30: jindai 50 + 22.5 + 25 = 97.5 ranks first
    assert result.at["jindai", "composite"] == pytest.approx(97.5)
    assert result["rank"].to_dict() == {"econ_tech": 2, "airport": 3, "baisha": 4, "jindai": 1}
    assert not result.at["jindai", "provincial"] and result.loc[CLUSTERS, "provincial"].all()
    assert np.isnan(result.at["jindai", "stars_estimate"])
    assert pd.isna(result.at["jindai", "below_exit"]) and not result.at["jindai", "promoted"]
    # stars follow the rank among the three provincial clusters: 1, 2, 3 as without jindai
    assert result.loc[CLUSTERS, "stars_estimate"].tolist() == [3, 2, 1]
    assert result.loc[CLUSTERS, "below_exit"].tolist() == [False, False, True]


def write_star_list(tmp_path, rows: list[str]):
    path = tmp_path / "stars.csv"
    header = "region,year,stars,synthetic,source,quote,note"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_previous_stars_come_from_the_star_list_and_the_rule_only_fills_gaps(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    last_year = panel(2017).assign(value=lambda t: t["value"] / 2)  # rule: 2, 1, 0 stars
    stars = load_star_lists(
        [write_star_list(tmp_path, [
            "econ_tech,2017,5,false,http://example.org/a,五星级,",
            "baisha,2017,1,true,synthetic: test,,",
            "airport,2016,4,false,http://example.org/b,,",  # not 2017: not used
        ])]
    )  # fmt: skip
    result = evaluate_clusters(pd.concat([last_year, panel()]), 2018, scheme, star_list=stars)
    result = result.set_index("region")
    assert result["previous_stars"].to_dict() == {"econ_tech": 5, "airport": 1, "baisha": 1}
    assert result["previous_stars_by_rule"].to_dict() == {
        "econ_tech": False, "airport": True, "baisha": False,
    }  # fmt: skip
    assert result.at["econ_tech", "previous_stars_source"] == "official: http://example.org/a"
    assert result.at["baisha", "previous_stars_source"] == "synthetic: test"
    assert result.at["airport", "previous_stars_source"] == "rule"
    # the cap uses the list: econ_tech 5 → at most 6, keeps its 3; baisha 1 → 1
    assert result["star_change"].to_dict() == {"econ_tech": -2, "airport": 1, "baisha": 0}


def test_previous_stars_equal_the_published_list_on_the_demo_data():
    from clusterlib.evaluation.report import run_evaluation

    run = run_evaluation(year=2018)
    result = run.results.set_index("region")
    official = pd.read_csv(paths.OFFICIAL / "facts" / "star_ratings.csv")
    demo = pd.read_csv(paths.DEMO / "star_ratings.csv")
    for region in ("econ_tech", "airport"):  # published: 六星级 in 2017
        assert result.at[region, "previous_stars"] == 6
        assert result.at[region, "previous_stars_source"].startswith("official: http")
    listed = demo[demo["year"] == 2017].set_index("region")["stars"]
    others = listed.index.difference(["econ_tech", "airport"])
    assert result.loc[others, "previous_stars"].tolist() == listed[others].tolist()
    assert not result["previous_stars_by_rule"].any()
    assert np.isnan(result.at["jindai", "previous_stars"])  # a park: no stars
    assert set(official["region"]) <= set(demo["region"])


def test_a_star_list_error_names_file_row_and_column(tmp_path):
    path = write_star_list(tmp_path, [
        "econ_tech,2017,7,false,http://example.org,,",
        "jindai,2017,1,false,http://example.org,,",
        "baisha,2017,1,false,,,",
    ])  # fmt: skip
    with pytest.raises(DataValidationError) as error:
        load_star_lists([path])
    text = str(error.value)
    assert f"{path}, row 2, column 'stars': expected 0–6, got '7'" in text
    assert f"{path}, row 3, column 'region': 'jindai' is a municipal_park" in text
    assert f"{path}, row 4, column 'source'" in text


def test_two_ratings_of_one_kind_for_a_region_and_year_are_refused(tmp_path):
    """Two synthetic rows of 白沙 2017 (4 and 1 stars) used to keep the first without a word;
    an official and a synthetic row of a year are not a conflict (the official is kept)."""
    path = write_star_list(tmp_path, [
        "baisha,2017,4,true,synthetic: test,,",
        "baisha,2017,1,true,synthetic: test,,",
        "econ_tech,2017,6,true,synthetic: test,,",
        "econ_tech,2017,5,false,http://example.org/a,,",
    ])  # fmt: skip
    with pytest.raises(DataValidationError) as error:
        load_star_lists([path])
    (problem,) = error.value.problems
    assert (problem.row, problem.column) == (3, "year")
    assert "a second synthetic rating of baisha for 2017" in problem.message


def test_the_source_of_last_years_stars_reads_as_words():
    official = "official: http://news.yuduxx.com/mszx/813814.html"
    assert source_label(official) == "官方公布：http://news.yuduxx.com/mszx/813814.html"
    assert source_label(official, "en") == "official: http://news.yuduxx.com/mszx/813814.html"
    assert source_label("synthetic: clusterlib.demo.evaluation.make_demo_star_list()") == (
        "演示名单（合成）"
    )
    assert (source_label("rule"), source_word(official)) == ("按规则估计", "官方公布")


def test_a_goal_is_the_top_score_and_growth_is_compared_with_the_city(tmp_path):
    goal_scheme = small_scheme()
    size = goal_scheme["aspects"]["size"]["indicators"]
    size["revenue"]["goal"] = 300  # 400 reaches it; 250 and 150 between
    size["revenue"]["weight"] = 0.5
    size["fai_gap"] = {
        "name_zh": "固投增速高出全市", "name_en": "x", "indicator": "fai", "metric": "ytd_growth",
        "compare_to": "city", "goal": 0, "direction": "higher", "weight": 0.5,
    }  # fmt: skip
    scheme = load_scheme(write_scheme(tmp_path, goal_scheme))
    fai = {"city": (100, 108), "econ_tech": (100, 105), "airport": (100, 120), "baisha": (50, 55)}
    rows = [
        (region, "fai", pd.Period(f"{year}Q{q}"), total / 4)
        for region, totals in fai.items()
        for year, total in zip((2017, 2018), totals, strict=True)
        for q in range(1, 5)
    ]
    fai_rows = pd.DataFrame(rows, columns=["region", "indicator", "period", "value"])
    data = pd.concat([panel(), fai_rows.assign(measure="level", unit="x", synthetic=False)])
    result = evaluate_clusters(data, 2018, scheme).set_index("region")
    # growth gaps against the city's 8%: −3, +12, +2 pp
    assert result["value.fai_gap"].to_dict() == pytest.approx(
        {"econ_tech": -3.0, "airport": 12.0, "baisha": 2.0}
    )
    # 功效系数 with the goal as 满意值: gaps capped at 0 → −3 scores 60, the others 100
    assert result["score.fai_gap"].to_dict() == pytest.approx(
        {"econ_tech": 60.0, "airport": 100.0, "baisha": 100.0}
    )
    # revenue capped at 300, range 150–300: 100, 60 + 40·100/150, 60
    assert result["score.revenue"].to_dict() == pytest.approx(
        {"econ_tech": 100.0, "airport": 60 + 40 * 100 / 150, "baisha": 60.0}
    )
    assert result["plan_goals_met"].to_dict() == {"econ_tech": 1, "airport": 1, "baisha": 1}


NEW_KEYS = {
    "drop names an unknown indicator": (
        lambda s: s.update(drop=["taxes"]),
        "key 'drop': 'taxes' is not an indicator of the scheme",
    ),
    "compare_to on a level": (
        lambda s: s["aspects"]["size"]["indicators"]["revenue"].update(compare_to="city"),
        "key 'aspects.size.indicators.revenue.compare_to': only a ytd_growth indicator",
    ),
    "unknown comparison region": (
        lambda s: s["aspects"]["size"]["indicators"]["revenue"].update(
            metric="ytd_growth", compare_to="atlantis"
        ),
        "key 'aspects.size.indicators.revenue.compare_to': unknown region 'atlantis'",
    ),
    "missing rule drawn that cannot score": (
        lambda s: s["uncertainty"].update(missing_rules=["lowest", "exclude"]),
        "key 'uncertainty.missing_rules': expected a list of names among lowest, zero, aspect_mean",
    ),
}


@pytest.mark.parametrize("case", list(NEW_KEYS))
def test_bad_new_scheme_keys_name_file_and_key(tmp_path, case):
    scheme = small_scheme()
    change, message = NEW_KEYS[case]
    change(scheme)
    path = write_scheme(tmp_path, scheme)
    with pytest.raises(ParameterError) as error:
        load_scheme(path)
    assert f"{path}: {message}" in str(error.value)


def test_a_stock_of_an_earlier_quarter_is_missing_not_the_year_end_value(tmp_path):
    """airport's energy share is of 2018Q3 only (5, the best of all): the scheme reads the
    year-end value (``latest``), so it is missing and scored by the missing rule, not 5."""
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    data = panel(drop=("airport", "high_energy_share"))
    q3 = pd.DataFrame(
        [("airport", "high_energy_share", pd.Period("2018Q3"), 5.0)],
        columns=["region", "indicator", "period", "value"],
    ).assign(measure="level", unit="x", synthetic=False)
    result = evaluate_clusters(pd.concat([data, q3]), 2018, scheme).set_index("region")
    assert np.isnan(result.at["airport", "value.energy"])
    assert result.at["airport", "missing"] == "energy"
    # energy among econ_tech (10 → 100) and baisha (20 → 60): lowest reported score 60
    assert result.at["airport", "score.energy"] == pytest.approx(60.0)
    assert result.at["econ_tech", "score.energy"] == pytest.approx(100.0)
    # airport: revenue 76, tax 100, energy 60 → 0.5·76 + 0.25·100 + 0.25·60 = 78
    assert result.at["airport", "composite"] == pytest.approx(78.0)
    long = indicator_scores(result.reset_index(), scheme).set_index(["region", "indicator"])
    assert long.at[("airport", "energy"), "imputed"]
    quality = data_quality(result.reset_index(), scheme)
    assert quality[["region", "indicator"]].values.tolist() == [["airport", "energy"]]


def test_the_report_opens_with_the_gaps_and_how_they_are_scored(tmp_path):
    """airport lacks 2018Q4 (its Q3 energy share is not used) and tax altogether: the page's
    first sentence names it, its two missing indicators and the rule; no gaps, no sentence."""
    from clusterlib.coverage import Coverage
    from clusterlib.evaluation.report import EvaluationRun, gap_sentence

    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    data = panel(drop=("airport", "high_energy_share"))
    data = data[~((data["region"] == "airport") & (data["indicator"] == "tax"))]
    result = evaluate_clusters(data, 2018, scheme)
    coverage = Coverage("2018", regions=("airport",), at="2018Q4")
    empty = pd.DataFrame()
    run = EvaluationRun(scheme, 2018, pd.Period("2018Q4"), result, *[empty] * 4, (), coverage)
    assert gap_sentence(run, "zh").startswith(
        "数据缺失：郑州航空港产业集聚区无2018年第四季度数据；2项集聚区指标缺失（郑州航空港产业集聚区2项）。"
        "缺失指标按方案规则处理（取已报送集聚区的最低分），不以较早季度的数值代替"
    )
    assert gap_sentence(run, "en").startswith(
        "Missing data: no 2018Q4 data of Zhengzhou Airport Cluster; 2 cluster indicators "
        "missing (Zhengzhou Airport Cluster 2). Missing indicators are treated by the scheme's "
        "rule (the lowest score among the clusters reporting it), never filled"
    )
    complete = evaluate_clusters(panel(), 2018, scheme)
    whole = EvaluationRun(scheme, 2018, pd.Period("2018Q4"), complete, *[empty] * 4, ())
    assert gap_sentence(whole, "zh") == ""


def test_a_missing_city_figure_is_named_instead_of_suggesting_to_drop_the_comparison(tmp_path):
    """The clusters have their fai for 2017–2018; the city, which the gap is measured against,
    lacks 2018Q4: the error names that figure and does not suggest dropping the indicator."""
    goal_scheme = small_scheme()
    size = goal_scheme["aspects"]["size"]["indicators"]
    size["revenue"]["weight"] = 0.5
    size["fai_gap"] = {
        "name_zh": "固投增速高出全市", "name_en": "Investment growth above the city's",
        "indicator": "fai", "metric": "ytd_growth", "compare_to": "city", "goal": 0,
        "direction": "higher", "weight": 0.5,
    }  # fmt: skip
    scheme = load_scheme(write_scheme(tmp_path, goal_scheme))
    quarters = pd.period_range("2017Q1", "2018Q4", freq="Q-DEC")
    rows = [
        (region, "fai", q, 25.0)
        for region in ["city", *CLUSTERS]
        for q in quarters
        if not (region == "city" and q == quarters[-1])
    ]
    fai = pd.DataFrame(rows, columns=["region", "indicator", "period", "value"])
    data = pd.concat([panel(), fai.assign(measure="level", unit="x", synthetic=False)])
    with pytest.raises(ParameterError) as zh:
        evaluate_clusters(data, 2018, scheme)
    assert (
        "的固投增速高出全市是集聚区增速与郑州市增速之差，但数据缺少郑州市固定资产投资（2018年第四季度）"
        in str(zh.value)
    )
    assert "drop" not in str(zh.value)
    with pytest.raises(ParameterError) as en:
        evaluate_clusters(data, 2018, scheme, lang="en")
    assert "the data lack Zhengzhou city/Fixed-asset investment (2018Q4)" in str(en.value)
    # with the city's 2018Q4 the gaps are 0 pp for every cluster (all flat at 25)
    whole = pd.concat([data, fai.iloc[:1].assign(period=quarters[-1], measure="level",
                                                 unit="x", synthetic=False)])  # fmt: skip
    result = evaluate_clusters(whole, 2018, scheme).set_index("region")
    assert result["value.fai_gap"].tolist() == pytest.approx([0.0, 0.0, 0.0])


def test_a_cluster_missing_more_than_half_the_weight_is_not_ranked(tmp_path):
    """Airport lacks revenue (0.5) and tax (0.25) in 2018: 0.75 of the weight is missing, more
    than half, so it has no data to be ranked on (it used to get the lowest score everywhere,
    composite 60, and a rank). The other two are scored among themselves by hand: econ_tech
    is best on all three (400, 20, 10 → 100 each), baisha worst (150, 10, 20 → 60 each)."""
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    data = panel()
    lacking = data["region"].eq("airport") & data["indicator"].isin(
        ["main_business_revenue", "tax"]
    )
    data = pd.concat([panel(2017), data[~lacking]])  # airport is in the data, 2017
    result = evaluate_clusters(data, 2018, scheme).set_index("region")
    assert result["no_data"].to_dict() == {"econ_tech": False, "airport": True, "baisha": False}
    assert result.at["airport", "excluded"]
    for column in ["rank", "composite", "stars_estimate", "rank_if_lowest", "rank_if_zero",
                   "rank_if_aspect_mean", "rank_if_exclude"]:  # fmt: skip
        assert np.isnan(result.at["airport", column]), column
    assert pd.isna(result.at["airport", "below_exit"])
    assert result.at["airport", "gap_to_above"] == "无数据，不参与排名"  # said in the ranking
    assert result["composite"].dropna().to_dict() == {"econ_tech": 100.0, "baisha": 60.0}
    assert result["rank"].dropna().to_dict() == {"econ_tech": 1, "baisha": 2}
    assert result["rank_if_zero"].dropna().to_dict() == {"econ_tech": 1, "baisha": 2}
    assert (result["n_ranked"] == 2).all()
    # stars among two: econ_tech 400 ≥ 300 and rank 1 ≤ ⌈0.3·2⌉ → 3; baisha 150 ≥ 100 → 1
    assert result["stars_estimate"].dropna().to_dict() == {"econ_tech": 3, "baisha": 1}
    intervals = rank_intervals(result.reset_index(), scheme, n_draws=50)
    assert intervals["region"].tolist() == ["econ_tech", "baisha"]


def test_half_the_weight_missing_is_still_ranked(tmp_path):
    """Airport lacks revenue only: 0.5 of the weight, not more than half, so the scheme's rule
    (lowest) fills it and airport is ranked: 0.5·60 + 0.25·100 + 0.25·60 = 70, between
    econ_tech (100/80/100 → 95) and baisha (revenue 60, tax 60, energy 80 → 65)."""
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    result = evaluate_clusters(panel(drop=("airport", "main_business_revenue")), 2018, scheme)
    result = result.set_index("region")
    assert not result["no_data"].any()
    assert result.at["airport", "composite"] == pytest.approx(70.0)
    assert result["rank"].to_dict() == {"econ_tech": 1, "airport": 2, "baisha": 3}


def test_an_unranked_cluster_is_said_first_warned_by_name_and_not_imputed(tmp_path):
    """Airport lacks revenue and tax at 2018Q4 (0.75 of the weight): the page's first sentence
    names it as not ranked (and not again among the regions or the counts, which are
    baisha's missing energy share alone); one warning names it; its missing indicators are
    not "imputed" by the rule; the notes say it."""
    from clusterlib.coverage import Coverage
    from clusterlib.evaluation.report import (
        EvaluationRun,
        gap_sentence,
        report_notes,
        warn_unranked,
    )

    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    data = panel(drop=("baisha", "high_energy_share"))
    lacking = data["region"].eq("airport") & data["indicator"].isin(
        ["main_business_revenue", "tax"]
    )
    result = evaluate_clusters(data[~lacking], 2018, scheme)
    coverage = Coverage("2018", regions=("airport",), at="2018Q4")
    empty = pd.DataFrame()
    run = EvaluationRun(scheme, 2018, pd.Period("2018Q4"), result, *[empty] * 4, (), coverage)
    assert gap_sentence(run, "zh").startswith(
        "数据缺失：郑州航空港产业集聚区无2018年第四季度数据（缺少方案一半以上权重的指标），"
        "不参与排名；1项集聚区指标缺失（郑州白沙产业集聚区1项）。"
    )
    assert gap_sentence(run, "en").startswith(
        "Missing data: Zhengzhou Airport Cluster without 2018Q4 data (indicators carrying more "
        "than half the scheme's weight missing), not ranked; 1 cluster indicators missing "
        "(Zhengzhou Baisha Cluster 1)."
    )
    with pytest.warns(UserWarning) as caught:
        warn_unranked(result, pd.Period("2018Q4"), "zh")
    assert [str(w.message) for w in caught] == [
        "1个集聚区2018年第四季度缺少方案一半以上权重的指标（郑州航空港产业集聚区）：无数据，"
        "不参与排名，不估计星级和退出；其余集聚区在它们之间排名"
    ]
    quality = data_quality(result, scheme).set_index(["region", "indicator"])
    assert sorted(quality.index) == [
        ("airport", "revenue"), ("airport", "tax"), ("baisha", "energy")
    ]  # fmt: skip
    assert quality.loc[("airport", "tax"), "effect"].endswith("不参与排名")
    assert quality.loc[("airport", "tax"), "rule"] == ""  # no rule applied
    assert quality.loc[("baisha", "energy"), "effect"] == "取已报送集聚区的最低分"
    long = indicator_scores(result, scheme).set_index(["region", "indicator"])
    assert not long.at[("airport", "tax"), "imputed"] and long.at[("baisha", "energy"), "imputed"]
    notes = report_notes(result, scheme, "en")["note"].tolist()
    assert [n for n in notes if "not ranked" in n] == [
        "Zhengzhou Airport Cluster: no data, not ranked — the missing indicators carry more "
        "than half the scheme's weight, so any missing-data rule would invent the rank; no star "
        "or exit estimate, no rank interval; the others are scored and ranked among themselves."
    ]


def unranked_run(tmp_path, coverage=None):
    """The A15 case: airport lacks revenue and tax at 2018Q4 (0.75 of the weight), baisha its
    energy share (the lowest reported score: econ_tech's, 100). By hand econ_tech scores 100
    everywhere; baisha 0.5·60 + 0.25·60 + 0.25·100 = 70."""
    from clusterlib.evaluation.report import EvaluationRun, report_notes

    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    data = panel(drop=("baisha", "high_energy_share"))
    lacking = data["region"].eq("airport") & data["indicator"].isin(
        ["main_business_revenue", "tax"]
    )
    data = pd.concat([panel(2017), data[~lacking]])
    result = evaluate_clusters(data, 2018, scheme)
    tables = (
        indicator_scores(result, scheme),
        rank_intervals(result, scheme, n_draws=50),
        data_quality(result, scheme),
        report_notes(result, scheme),
    )
    return EvaluationRun(scheme, 2018, pd.Period("2018Q4"), result, *tables, (), coverage)


def test_an_unranked_cluster_reads_not_ranked_last_in_the_notebook_and_the_workbook(tmp_path):
    """A15: the ranking lists the ranked clusters by rank, then the unranked one with
    不参与排名 / "not ranked" as its 综合得分 and 市内排名 (they were empty cells, only 较前一名
    主要失分指标 said why), alike in the notebook's (page's) table and the workbook's sheet."""
    import openpyxl

    from clusterlib.evaluation.report import ranking_view, write_workbook
    from clusterlib.publish.display import show

    run = unranked_run(tmp_path)
    columns = ["region", "composite", "rank", "gap_to_above"]
    zh = show(ranking_view(run.results, "zh"), "zh", columns, {"composite": 2})
    assert zh.values.tolist() == [
        ["郑州经济技术产业集聚区", "100.00", "1", ""],
        ["郑州白沙产业集聚区", "70.00", "2", "x（−20.00分）；x（−10.00分）"],
        ["郑州航空港产业集聚区", "不参与排名", "不参与排名", "无数据，不参与排名"],
    ]
    en = show(ranking_view(run.results, "en"), "en", columns[:3], {"composite": 2})
    assert en.values.tolist()[-1] == ["Zhengzhou Airport Cluster", "not ranked", "not ranked"]
    assert run.results["rank"].isna().sum() == 1  # the table for scripts keeps its numbers
    path = tmp_path / "evaluation.xlsx"
    write_workbook(run, path, "zh")
    sheet = [row for row in openpyxl.load_workbook(path)["评价结果"].values]
    header = next(i for i, row in enumerate(sheet) if "综合得分" in row)
    at = {name: sheet[header].index(name) for name in ("产业集聚区", "综合得分", "市内排名")}
    body = [[row[j] for j in at.values()] for row in sheet[header + 1 :]]
    assert body == [
        ["郑州经济技术产业集聚区", 100.0, 1],
        ["郑州白沙产业集聚区", 70.0, 2],
        ["郑州航空港产业集聚区", "不参与排名", "不参与排名"],
    ]


def test_the_terminal_names_an_unranked_cluster_once(tmp_path, capsys):
    """A15: airport lacks the evaluated quarter and is not ranked; its own warning names it,
    so the coverage's lines leave it out (it was named twice, once as a gap): only baisha's
    missing energy share is said as a gap."""
    from clusterlib.coverage import Coverage
    from clusterlib.evaluation.report import warn_gaps

    coverage = Coverage(
        "2018",
        regions=("airport",),
        pairs=(("airport", "tax"), ("baisha", "high_energy_share")),
        at="2018Q4",
    )
    warn_gaps(unranked_run(tmp_path, coverage), "zh")
    said = capsys.readouterr().err
    assert "航空港" not in said and said.count("警告：") == 1
    assert "郑州白沙产业集聚区/" in said


def test_points_lost_are_listed_as_the_office_writes_them():
    from clusterlib.evaluation.evaluate import _gap_text

    gaps = [("主营业务收入", 2.614), ("固定资产投资", 2.04)]
    assert _gap_text(gaps, "zh") == "主营业务收入（−2.61分）；固定资产投资（−2.04分）"
    assert _gap_text([("Revenue", 2.614)], "en") == "Revenue −2.61"


def test_a_year_before_the_plan_says_its_goals_are_scored_all_the_same(tmp_path):
    """T7A-9: evaluating 2018 scores the 2019 plan's goals; the notes now say so."""
    from clusterlib.evaluation.report import report_notes

    scheme = load_scheme(paths.PARAMS / "evaluation_henan.yaml")
    result = unranked_run(tmp_path).results
    before = report_notes(result, scheme, "zh", 2018)["note"].tolist()
    said = [n for n in before if n.startswith("2018年早于方案")]
    assert said == [
        "2018年早于方案（郑政办〔2019〕32号，2019年印发）：以上按方案量化目标评分的指标仍以该方案的"
        "目标为标尺，用于与方案实施后各年比较，不表示当年已有此目标。"
    ]
    assert not [n for n in report_notes(result, scheme, "zh", 2019)["note"] if "早于方案" in n]
