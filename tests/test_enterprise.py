"""Tests of enterprise scoring and classification against hand-worked answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.enterprise.classification import (
    classify,
    cluster_land_productivity,
    enterprise_tables,
    gap_to_b,
)
from clusterlib.enterprise.records import read_enterprises, required_columns
from clusterlib.enterprise.rules import load_rules, parse_rules
from clusterlib.enterprise.scoring import data_quality, score
from clusterlib.exceptions import DataValidationError, ParameterError
from clusterlib.inputs.validation import NO_RECORDS

HUANGYAN_2021 = paths.PARAMS / "enterprise_zhejiang_huangyan_2021.yaml"
HUANGYAN_2022 = paths.PARAMS / "enterprise_zhejiang_huangyan_2022.yaml"


def firm(firm_id: str, **values) -> dict:
    """One valid above-scale firm in econ_tech; keyword arguments override fields."""
    base = dict(
        firm_id=firm_id, cluster="econ_tech", land_mu=10.0, tax=10.0, value_added=100.0,
        revenue=400.0, employees=5, energy_tce=50.0, emissions=1.0, rd_spending=4.0,
        electricity=20.0, years_in_production=5, above_scale=True, high_tech=False,
    )  # fmt: skip
    return base | values


def two_indicator_rules(**henan) -> dict:
    """Tax per mu and revenue per tce, benchmark 1, weight 50 each, no cap: points = 50 × value."""
    ind = dict(name_zh="x", name_en="x", unit="x", direction="higher")
    return {
        "name": "test", "source": "test", "default_procedure": "henan", "group_by": "cluster",
        "scope": {"min_land_mu_below_scale": 5, "min_years_in_production": 2},
        "indicators": {
            "tax_per_mu": ind | {"numerator": "tax", "denominator": "land_mu"},
            "energy": ind | {"numerator": "revenue", "denominator": "energy_tce"},
        },
        "segments": {"above_scale": {
            "tax_per_mu": {"weight": 50, "benchmark": {"value": 1}},
            "energy": {"weight": 50, "benchmark": {"value": 1}},
        }},
        "henan": {
            "pool_share": 0.5, "a_share": 0.15, "c_share": 0.10,
            "a_rerank": {"above_scale": ["tax_per_mu"]}, "c_rerank": {"above_scale": ["energy"]},
            "labels": {"A": "优先发展类", "B": "鼓励提升类", "C": "倒逼转型类"},
        } | henan,
    }  # fmt: skip


# (亩均税收 t, 单位能耗产值 e) of F01..F20; composite = 50 (t + e), strictly decreasing.
TWENTY = [
    (1, 19), (9, 10), (2, 16), (8, 9), (3, 13), (7, 8), (4, 10), (5, 8), (6, 6), (1, 10),
    (10, 0.5), (9, 1), (2, 7.5), (7, 2), (1, 7.5), (5, 3), (0.5, 7), (4, 3), (3, 3.5), (0.5, 5.5),
]  # fmt: skip


def twenty_firms() -> pd.DataFrame:
    return pd.DataFrame(
        [firm(f"F{i + 1:02d}", tax=10 * t, revenue=e, energy_tce=1.0) for i, (t, e) in
         enumerate(TWENTY)]
    )  # fmt: skip


def test_huangyan_2022_score_matches_hand_calculation():
    # 20 亩, tax 600 → 30 万元/亩; VA 2400 → 120 万元/亩, 3 万元/tce, 4800 万元/t, 20 万元/人;
    # R&D 240 / revenue 8000 = 0.03.
    one = firm("Z1", land_mu=20, tax=600, value_added=2400, energy_tce=800, emissions=0.5,
               employees=120, revenue=8000, rd_spending=240)  # fmt: skip
    hand = (
        30 / 24.097 * 30 + 120 / 136.16 * 20 + 3 / 2.694 * 20 + 4800 / 4929.81 * 10
        + 20 / 18.14 * 10 + 0.03 / 0.0302 * 10
    )  # fmt: skip
    assert hand == pytest.approx(107.943, abs=1e-3)  # the sum worked on paper
    result = score(pd.DataFrame([one]), load_rules(HUANGYAN_2022))
    assert result["score"].iloc[0] == pytest.approx(hand, rel=1e-12)
    hand_2021 = (
        30 / 26.01 * 30 + 120 / 132.27 * 20 + 3 / 2.54 * 20 + 4800 / 4861.08 * 10
        + 20 / 17.45 * 10 + 0.03 / 0.0305 * 10
    )  # fmt: skip
    result_2021 = score(pd.DataFrame([one]), load_rules(HUANGYAN_2021))
    assert result_2021["score"].iloc[0] == pytest.approx(hand_2021, rel=1e-12)


def test_huangyan_firm_without_emissions_gets_average_emission_points():
    records = pd.DataFrame(
        [firm("a", emissions=0.1), firm("b", emissions=0.05), firm("c", emissions=0.0)]
    )
    result = score(records, load_rules(HUANGYAN_2022)).set_index("firm_id")
    # VA 100 / 0.1 t = 1000 → 1000/4929.81×10; VA/0.05 = 2000 → twice that; c gets the mean.
    expected = (1000 + 2000) / 2 / 4929.81 * 10
    assert result.at["c", "va_per_emission_points"] == pytest.approx(expected)
    assert "c" not in set(data_quality(records, load_rules(HUANGYAN_2022))["firm_id"])


def test_henan_twenty_firms_three_a_two_c_after_reranking():
    classes = classify(twenty_firms(), parse_rules(two_indicator_rules()))
    by_class = classes.groupby("class")["firm_id"].apply(sorted).to_dict()
    # A: top pool F01-F10 re-ranked by 亩均税收 → F02 (9), F04 (8), F06 (7).
    assert by_class["A"] == ["F02", "F04", "F06"]
    # C: bottom pool F11-F20 re-ranked by energy → F11 (0.5), F12 (1).
    assert by_class["C"] == ["F11", "F12"]
    assert len(by_class["B"]) == 15
    assert classes.set_index("firm_id").at["F10", "pool"] == "top"


def test_henan_ties_broken_by_firm_id_whatever_the_input_order():
    records = twenty_firms()
    records.loc[records["firm_id"] == "F09", "tax"] = 70.0  # F09 now ties F06 on 亩均税收 (7)
    records.loc[records["firm_id"] == "F09", "revenue"] = 8.0  # ... and on composite (15)
    rules = parse_rules(two_indicator_rules())
    first = classify(records, rules).set_index("firm_id")["class"]
    shuffled = classify(records.sample(frac=1, random_state=3), rules).set_index("firm_id")["class"]
    assert first.at["F06"] == "A" and first.at["F09"] == "B"  # lower id wins the tie
    assert shuffled.sort_index().equals(first.sort_index())


def test_rounding_of_counts_is_configurable():
    records = twenty_firms().iloc[:19]  # 15% of 19 = 2.85, 10% = 1.9
    counts = {
        mode: classify(records, parse_rules(two_indicator_rules(rounding=mode)))[
            "class"
        ].value_counts()
        for mode in ("half_up", "floor", "ceil")
    }
    assert (counts["half_up"]["A"], counts["half_up"]["C"]) == (3, 2)
    assert (counts["floor"]["A"], counts["floor"]["C"]) == (2, 1)
    assert (counts["ceil"]["A"], counts["ceil"]["C"]) == (3, 2)


def test_scope_exclusions():
    records = pd.DataFrame(
        [
            firm("small", above_scale=False, land_mu=4.9),
            firm("five_mu", above_scale=False, land_mu=5.0),
            firm("tiny_above", above_scale=True, land_mu=1.0),
            firm("new", years_in_production=1),
        ]
    )
    classes = classify(records, load_rules(paths.PARAMS / "enterprise_henan.yaml"))
    status = classes.set_index("firm_id")[["status", "reason", "segment"]]
    assert tuple(status.loc["small", ["status", "reason"]]) == (
        "out_of_scope",
        "below_scale_small_land",
    )
    assert tuple(status.loc["new", ["status", "reason"]]) == ("out_of_scope", "new_firm")
    assert status.at["five_mu", "status"] == "evaluated"
    assert status.at["five_mu", "segment"] == "below_scale"
    assert status.at["tiny_above", "status"] == "evaluated"


def test_benchmark_statistics_are_computed_per_cluster_over_evaluated_firms():
    rules_dict = two_indicator_rules()
    terms = rules_dict["segments"]["above_scale"]
    terms["tax_per_mu"]["benchmark"] = {"stat": "mean"}
    terms["energy"]["benchmark"] = {"stat": "percentile", "q": 75}
    rows = [firm(f"a{t}", tax=10 * t, revenue=t, energy_tce=1.0) for t in (1, 2, 3, 4)]
    rows += [firm(f"b{t}", cluster="airport", tax=10 * t, revenue=t, energy_tce=1.0)
             for t in (10, 20)]  # fmt: skip
    rows.append(firm("a_new", tax=1000, revenue=100, energy_tce=1.0, years_in_production=0))
    result = score(pd.DataFrame(rows), parse_rules(rules_dict)).set_index("firm_id")
    assert result.at["a1", "tax_per_mu_benchmark"] == pytest.approx(2.5)  # mean of 1..4
    assert result.at["a1", "energy_benchmark"] == pytest.approx(3.25)  # p75 of 1..4 (linear)
    assert result.at["b10", "tax_per_mu_benchmark"] == pytest.approx(15.0)
    assert result.at["b10", "energy_benchmark"] == pytest.approx(17.5)
    assert result.at["a4", "tax_per_mu_points"] == pytest.approx(50 * 4 / 2.5)
    assert "a_new" not in result.index


def test_cap_limits_points():
    rules_dict = two_indicator_rules()
    rules_dict["segments"]["above_scale"]["tax_per_mu"]["cap"] = 2.0
    result = score(pd.DataFrame([firm("x", tax=50.0)]), parse_rules(rules_dict))
    assert result["tax_per_mu_points"].iloc[0] == pytest.approx(100.0)  # ratio 5 capped at 2


def test_bad_records_go_to_data_quality_with_reason_and_are_not_ranked():
    records = pd.DataFrame(
        [
            firm("no_land", land_mu=None),
            firm("zero_land", land_mu=0.0),
            firm("neg_tax", tax=-1.0),
            firm("elsewhere", cluster="zhengdong"),
            firm("no_staff", employees=0),
            *(firm(f"ok{i}", tax=10.0 + i) for i in range(5)),
        ]
    )
    rules = load_rules(paths.PARAMS / "enterprise_henan.yaml")
    dq = data_quality(records, rules).set_index("firm_id")["reason"]
    assert dq.to_dict() == {
        "no_land": "missing_land",
        "zero_land": "nonpositive_land",
        "neg_tax": "negative_tax",
        "elsewhere": "unknown_cluster",
        "no_staff": "undefined_labour_productivity",
    }
    classes = classify(records, rules).set_index("firm_id")
    assert set(classes.index) == set(records["firm_id"])  # never silently dropped
    bad = classes.loc[list(dq.index)]
    assert (bad["status"] == "data_quality").all() and bad["class"].isna().all()
    assert classes.loc[[f"ok{i}" for i in range(5)], "n_evaluated"].eq(5).all()


def test_missing_required_column_is_a_clear_error():
    with pytest.raises(DataValidationError, match="land_mu"):
        classify(
            pd.DataFrame([firm("x")]).drop(columns="land_mu"), parse_rules(two_indicator_rules())
        )


def test_zhejiang_shares_and_cutoffs():
    rules_dict = two_indicator_rules()
    labels = {"A": "a", "B": "b", "C": "c", "D": "d"}
    rules_dict["zhejiang"] = {"method": "shares", "labels": labels,
                              "shares": {"A": 0.2, "B": 0.3, "C": 0.3, "D": 0.2}}  # fmt: skip
    records = pd.DataFrame([firm(f"F{i:02d}", tax=10.0 * (10 - i)) for i in range(10)])
    shares = classify(records, parse_rules(rules_dict), procedure="zhejiang")
    assert "".join(shares.sort_values("firm_id")["class"]) == "AABBBCCCDD"
    rules_dict["zhejiang"] |= {"method": "cutoffs", "cutoffs": {"A": 800, "B": 700, "C": 600}}
    cut = classify(records, parse_rules(rules_dict), procedure="zhejiang")
    # points = 50 × (10 - i) + 50 × energy (400 / 50 = 8) = 50 × (18 - i): 900, 850, ..., 450
    assert "".join(cut.sort_values("firm_id")["class"]) == "AAABBCCDDD"
    assert cut["b_score_threshold"].eq(700).all()


def test_gap_to_b_for_c_firms_by_hand():
    rules = parse_rules(two_indicator_rules())
    gaps = gap_to_b(classify(twenty_firms(), rules), rules).set_index(["firm_id", "indicator"])
    # F11: score 525; the last top-pool firm F10 scores 550 → 25 points = +0.5 亩均税收 or
    # +0.5 energy; via the C re-rank it would need +75 points (to F14's 100), so composite.
    assert gaps.at[("F11", "tax_per_mu"), "needed"] == pytest.approx(10.5)
    assert gaps.at[("F11", "energy"), "needed"] == pytest.approx(1.0)
    assert gaps.at[("F11", "energy"), "route"] == "composite"
    # F12: score 500 → 50 points; re-rank gap also 50 (energy 1 → 2).
    assert gaps.at[("F12", "tax_per_mu"), "gap"] == pytest.approx(1.0)
    assert gaps.at[("F12", "energy"), "needed"] == pytest.approx(2.0)
    assert set(gaps.index.get_level_values("firm_id")) == {"F11", "F12"}


def test_gap_beyond_cap_is_unreachable():
    rules_dict = two_indicator_rules()
    rules_dict["segments"]["above_scale"]["tax_per_mu"]["cap"] = 10.0  # no firm exceeds t = 10
    rules = parse_rules(rules_dict)
    gaps = gap_to_b(classify(twenty_firms(), rules), rules).set_index(["firm_id", "indicator"])
    f11 = gaps.loc[("F11", "tax_per_mu")]  # needs t = 10.5 > cap
    assert not f11["reachable"] and pd.isna(f11["needed"])
    f12 = gaps.loc[("F12", "tax_per_mu")]  # needs t = 10 = cap
    assert f12["reachable"] and f12["needed"] == pytest.approx(10.0)


def test_cluster_land_productivity_by_hand():
    records = pd.DataFrame(
        [
            firm("a", land_mu=2, value_added=100, employees=5),
            firm("b", land_mu=8, value_added=300, employees=5),
            firm("bad", land_mu=0, value_added=9999, employees=1),
        ]
    )
    classes = classify(records, parse_rules(two_indicator_rules()))
    table = cluster_land_productivity(records, classes, va_goal=48.0, lp_goal=35.0)
    table = table.set_index("cluster")
    row = table.loc["econ_tech"]
    assert row["n_firms"] == 2 and row["n_evaluated"] == 2
    assert row["va_per_mu"] == pytest.approx(40.0)  # 400 / 10
    assert row["labour_productivity"] == pytest.approx(40.0)  # 400 / 10
    assert row["va_per_mu_gap"] == pytest.approx(-8.0) and not row["meets_va_goal"]
    assert row["lp_gap"] == pytest.approx(5.0) and row["meets_lp_goal"]
    assert table.at["total", "va_per_mu"] == pytest.approx(40.0)


def test_enterprise_tables_on_shipped_rules():
    records = pd.DataFrame([firm(f"x{i}", tax=5.0 + i, emissions=0.5 + i) for i in range(20)])
    for path in (paths.PARAMS / "enterprise_henan.yaml", HUANGYAN_2022):
        tables = enterprise_tables(records, load_rules(path), va_goal=48.0, lp_goal=35.0)
        assert set(tables) == {
            "enterprise_classes",
            "cluster_land_productivity",
            "data_quality",
            "c_firm_gaps",
        }
        assert tables["enterprise_classes"]["class"].notna().sum() == 20


def test_rules_validation_names_file_and_key(tmp_path):
    path = tmp_path / "rules.yaml"
    text = (paths.PARAMS / "enterprise_henan.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("weight: 30", "weight: heavy"), encoding="utf-8")
    with pytest.raises(ParameterError, match=r"rules\.yaml.*segments\.above_scale\.tax_per_mu"):
        load_rules(path)
    path.write_text("name: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="cannot read"):
        load_rules(path)
    broken = two_indicator_rules()
    broken["henan"]["c_rerank"] = {"above_scale": ["no_such"]}
    with pytest.raises(ParameterError, match=r"henan\.c_rerank\.above_scale"):
        parse_rules(broken, "x.yaml")
    with pytest.raises(ParameterError, match="zhejiang"):
        classify(twenty_firms(), parse_rules(two_indicator_rules()), procedure="zhejiang")


HENAN = paths.PARAMS / "enterprise_henan.yaml"
DEMO_RECORDS = paths.DEMO / "enterprises.csv"


def demo_text() -> pd.DataFrame:
    """The demo enterprise file as written, every cell text."""
    return pd.read_csv(DEMO_RECORDS, dtype=str, keep_default_na=False)


def written(tmp_path, table: pd.DataFrame, name: str = "firms.csv") -> str:
    path = tmp_path / name
    table.to_csv(path, index=False, encoding="utf-8")
    return str(path)


def test_booleans_written_shi_fou_are_read_and_only_shi_firms_get_the_bonus(tmp_path):
    """否 was read as true (every firm got the 高新技术企业 bonus); 是/否 of above_scale
    crashed with 'Need to pass bool-like values' after the whole batch had run."""
    rules = load_rules(HENAN)
    text = demo_text()
    chinese = text.assign(
        **{c: text[c].map({"True": "是", "False": "否"}) for c in ("above_scale", "high_tech")}
    )
    records = read_enterprises(written(tmp_path, chinese), rules)
    scores = score(records, rules).set_index("firm_id")
    shi = set(chinese.loc[chinese["high_tech"] == "是", "firm_id"]) & set(scores.index)
    assert set(scores.index[scores["bonus"] > 0]) == shi and scores["bonus"].max() == 3.0
    demo = score(read_enterprises(DEMO_RECORDS, rules), rules).set_index("firm_id")
    pd.testing.assert_series_equal(scores["score"], demo["score"])  # same as True/False


def test_a_bonus_column_blank_on_every_row_is_said(tmp_path, capsys):
    """Blank is "not known": a high_tech column blank throughout gives no firm the bonus,
    which used to happen without a word."""
    rules = load_rules(HENAN)
    blank = written(tmp_path, demo_text().assign(high_tech=""))
    records = read_enterprises(blank, rules, "zh")
    assert records["high_tech"].isna().all()
    assert (score(records, rules)["bonus"] == 0).all()
    lines = capsys.readouterr().err.splitlines()
    assert (
        f"警告：企业数据（{blank}）的high_tech（高新技术企业）一列全部为空：没有企业获得该项加分"
        in lines
    )
    read_enterprises(DEMO_RECORDS, rules, "zh")
    assert "一列全部为空" not in capsys.readouterr().err


def test_an_unreadable_boolean_is_refused_at_its_row_and_column(tmp_path):
    text = demo_text()
    text.loc[3, "high_tech"] = "maybe"  # line 5 of the file
    path = written(tmp_path, text)
    with pytest.raises(DataValidationError) as error:
        read_enterprises(path, load_rules(HENAN))
    assert [str(p) for p in error.value.problems] == [
        f"{path}, row 5, column 'high_tech': unreadable high_tech 'maybe'; expected true or "
        "false (also yes/no, 1/0, 是/否), or blank when not known"
    ]


def test_numbers_are_read_as_printed_and_text_is_refused_at_its_cell(tmp_path):
    """A figure with a thousands separator or in full-width digits used to become NaN, and
    the firm a 缺数据 row, without a word; so did a % or a word typed into a figure."""
    rules = load_rules(HENAN)
    text = demo_text()
    text.loc[0, "revenue"] = "1,234.5"
    text.loc[1, "tax"] = "１２.５"  # full-width digits
    text.loc[2, "rd_spending"] = "—"  # not available, as offices print it
    records = read_enterprises(written(tmp_path, text), rules)
    assert records.loc[0, "revenue"] == 1234.5 and records.loc[1, "tax"] == 12.5
    assert np.isnan(records.loc[2, "rd_spending"])
    text.loc[3, "land_mu"] = "12%"  # line 5 of the file
    text.loc[4, "tax"] = "约20"
    path = written(tmp_path, text)
    with pytest.raises(DataValidationError) as error:
        read_enterprises(path, rules)
    expected = "expected a plain number such as 12.5 (no % or text), or blank when not known"
    assert [str(p) for p in error.value.problems] == [
        f"{path}, row 5, column 'land_mu': unreadable land_mu '12%'; {expected}",
        f"{path}, row 6, column 'tax': unreadable tax '约20'; {expected}",
    ]


def test_clusters_named_in_chinese_or_by_alias_count_as_their_cluster(tmp_path, capsys):
    """The exact catalogue name and an alias (as the statistics files accept them) used to
    send 337 firms to the data-quality table silently; the unknown one left (planted here: the
    demo plants none) is said."""
    rules = load_rules(HENAN)
    text = demo_text()
    text.loc[text["firm_id"] == "E01951", "cluster"] = "zhengdong"  # 郑东新区: not a cluster
    names = {"airport": "郑州航空港产业集聚区", "hitech": "高新区"}
    chinese = text.assign(cluster=text["cluster"].replace(names))
    planted = read_enterprises(written(tmp_path, text, "planted.csv"), rules)
    demo = enterprise_tables(planted, rules, 48, 35)
    capsys.readouterr()
    tables = enterprise_tables(
        read_enterprises(written(tmp_path, chinese), rules, "zh"), rules, 48, 35
    )
    said = capsys.readouterr().err
    for name in ("cluster_land_productivity", "data_quality"):
        pd.testing.assert_frame_equal(tables[name], demo[name])
    assert said == (
        f"警告：企业数据（{tmp_path / 'firms.csv'}）中1家企业的集聚区不在目录中："
        "zhengdong（1家）（列入数据质量表，不参与分类和集聚区亩均统计）\n"
    )
    chinese.loc[:1, "cluster"] = "郑东新区"
    read_enterprises(written(tmp_path, chinese), rules, "en")
    assert capsys.readouterr().err == (
        f"warning: 3 firm(s) of the enterprise file {tmp_path / 'firms.csv'} name no cluster "
        "of the catalogue: zhengdong (1), 郑东新区 (2) (listed in the data-quality table, left "
        "out of the classes and the clusters' per-mu figures)\n"
    )


def test_a_column_the_rules_read_missing_is_one_line(tmp_path):
    """Without rd_spending 2477 firms went to the data-quality table silently."""
    path = written(tmp_path, demo_text().drop(columns=["rd_spending", "employees"]))
    with pytest.raises(DataValidationError) as error:
        read_enterprises(path, load_rules(HENAN))
    assert [str(p) for p in error.value.problems] == [
        f"{path}: missing column(s) employees, rd_spending; expected firm_id, cluster, land_mu, "
        "above_scale, years_in_production, tax, value_added, revenue, employees, energy_tce, "
        "emissions, rd_spending, high_tech"
    ]
    assert "electricity" not in required_columns(load_rules(HENAN))  # Huangyan's alone
    assert "electricity" in required_columns(load_rules(HUANGYAN_2022))


def test_a_header_only_enterprise_file_is_refused_as_the_register_is(tmp_path):
    path = written(tmp_path, demo_text().iloc[:0])
    with pytest.raises(DataValidationError) as error:
        read_enterprises(path, load_rules(HENAN))
    assert [str(p) for p in error.value.problems] == [f"{path}: {NO_RECORDS}"]


def test_a_cluster_typed_in_yiyuan_is_refused_at_its_first_row(tmp_path):
    """Airport's tax, value added and revenue in 亿元 gave 亩均增加值 0.0 and classes still
    assigned; its median firm is 1/13,682 of the others' (clean: 0.73×), beyond 1000×."""
    text = demo_text()
    airport = text["cluster"] == "airport"
    money = ["tax", "value_added", "revenue"]
    text.loc[airport, money] = text.loc[airport, money].astype(float).div(10_000).astype(str)
    path = written(tmp_path, text)
    with pytest.raises(DataValidationError) as error:
        read_enterprises(path, load_rules(HENAN))
    row = airport.idxmax() + 2  # the file's line of the first airport firm
    assert [(p.row, p.column) for p in error.value.problems] == [(row, c) for c in money]
    assert str(error.value.problems[0]) == (
        f"{path}, row {row}, column 'tax': the median tax of airport's 153 firms, 0.01527, is "
        "1/13,682 of the median of the other 11 clusters' medians, 208.9 (10,000 yuan): expected "
        "within "
        "1000× (assumption E16); check the unit (10,000 yuan, not 100 million yuan or yuan)"
    )
    text.loc[airport, money] = text.loc[airport, money].astype(float).mul(1e8).astype(str)
    with pytest.raises(DataValidationError, match="is 7,309× the median of the other 11"):
        read_enterprises(written(tmp_path, text), load_rules(HENAN))  # 元 typed for 万元
