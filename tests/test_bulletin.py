"""Bulletin text: plain sentences from result tables, in Chinese and English, always escaped."""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd

from clusterlib import catalog
from clusterlib.forecasting.nowcast import COVERAGE, RULES, Calibration, Outlook
from clusterlib.labels import goal_value, regions_listed, target_label
from clusterlib.publish import bulletin
from clusterlib.publish.charts import STATUS_COLOURS
from clusterlib.publish.goal_grid import goal_grid
from clusterlib.publish.tables import write_workbook


def full_year() -> pd.DataFrame:
    growth = {"city": 7.0, "econ_tech": 9.5, "airport": 8.0, "gongyi": 4.0}
    return pd.DataFrame(
        {
            "region": list(growth),
            "indicator": "industry_va",
            "full_year_growth": list(growth.values()),
            "year": 2019,
        }
    )


def goals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "goal_id": ["a", "b", "c", "d", "e"],
            "scope": ["city", "econ_tech", "gongyi", "all_clusters", "city"],
            "status": ["on track", "met", "off track", "no data", "not measurable"],
            "probability": [0.8, np.nan, 0.12, np.nan, np.nan],
            "required_growth": [np.nan, np.nan, 14.4, np.nan, np.nan],
        }
    )


def test_growth_sentence_names_city_leader_and_laggard():
    zh = bulletin.growth_sentence(full_year(), "zh")
    assert "预计全年累计增长7.0%" in zh
    assert "2个集聚区预计高于全市" in zh
    assert "郑州经济技术产业集聚区（9.5%）" in zh
    assert "巩义市产业集聚区（4.0%）" in zh
    en = bulletin.growth_sentence(full_year(), "en")
    assert "full-year growth forecast 7.0%; 2 cluster(s) expected" in en
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en)


def test_an_aggregate_is_neither_counted_nor_named_among_the_clusters():
    """T7A-8: a published all-cluster growth in the data (21.2%) was the fifth of "5个集聚区
    预计高于全市" and "最快为全部集聚区（合计）", while the goal table called the clusters'
    total 有风险. Aggregates are sums of the clusters, not clusters."""
    totals = pd.DataFrame(
        {
            "region": ["all_clusters", "zz_clusters"],
            "indicator": "industry_va",
            "full_year_growth": [21.2, 20.0],
            "year": 2019,
        }
    )
    with_totals = pd.concat([full_year(), totals], ignore_index=True)
    zh = bulletin.growth_sentence(with_totals, "zh")
    assert zh == bulletin.growth_sentence(full_year(), "zh")
    assert "2个集聚区预计高于全市，最快为郑州经济技术产业集聚区（9.5%）" in zh
    assert "合计" not in zh
    en = bulletin.growth_sentence(with_totals, "en")
    assert en == bulletin.growth_sentence(full_year(), "en") and "All clusters" not in en


def test_a_complete_year_is_stated_not_forecast_and_equal_shown_figures_are_not_above():
    """At Q4 every figure is the actual: no 预计. 7.04 shows as 7.0, like the city: not above."""
    actual = full_year().assign(basis="actual")
    actual.loc[actual["region"] == "airport", "full_year_growth"] = 7.04
    zh = bulletin.growth_sentence(actual, "zh")
    assert zh.startswith("规模以上工业增加值：全年累计增长7.0%；1个集聚区高于全市，")
    assert "预计" not in zh
    english = bulletin.growth_sentence(actual, "en")
    assert "full-year growth 7.0%; 1 cluster(s) grew faster" in english
    # a Q4 gap: the city's year is complete, 航空港's is not. The sentence used to say 预计 of
    # everything; now it states the actual figures and names the forecast among them
    forecast = actual.assign(basis=["actual", "actual", "forecast", "actual"])
    mixed = bulletin.growth_sentence(forecast, "zh")
    assert mixed.startswith("规模以上工业增加值：全年累计增长7.0%；1个集聚区高于全市，")
    assert mixed.endswith("。其中郑州航空港产业集聚区全年数据不全，为预计数。")
    assert bulletin.growth_sentence(forecast, "en").endswith(
        " The figure of Zhengzhou Airport Cluster is a forecast: its year is incomplete."
    )
    city_forecast = actual.assign(basis=["forecast", "actual", "actual", "actual"])
    assert bulletin.growth_sentence(city_forecast, "zh").startswith(
        "规模以上工业增加值：预计全年累计增长7.0%；1个集聚区预计高于全市"
    )
    assert "其中" not in bulletin.growth_sentence(city_forecast, "zh")


def test_without_a_figure_of_the_city_no_outlook_and_no_comparison_is_said():
    """The city's data ended in 2017Q4: its 2019 was forecast six quarters ahead and 8
    clusters said to be "expected above the city" (assumption A16)."""
    clusters = full_year()[full_year()["region"] != "city"]
    assert bulletin.growth_sentence(clusters, "zh") == (
        "规模以上工业增加值：全市无2019年数据，不作全年预计，也不与集聚区比较（3个集聚区的预计见下表）。"
    )
    assert bulletin.growth_sentence(clusters, "en").startswith(
        "Value added of above-scale industry: no figure of the city in 2019, so no full-year"
    )


def test_goals_sentence_counts_only_measurable_goals_by_their_own_status():
    """The goals without data or measure are counted too (the demo's 28 无数据 and 6 不可量化
    went unsaid beside "62项可量化目标中…"), and the sentence says what it counts: goal by
    goal and cluster by cluster (62 items of 31 goals, while the scorecard lists 20 goals)."""
    assert bulletin.goals_sentence(goals(), "zh") == (
        "方案5项目标按目标和集聚区逐项计共5项，其中可量化3项：已达成1项、有望达成1项、偏离1项。"
        "另有无数据1项、不可量化1项，未作判断。"
    )
    assert bulletin.goals_sentence(goals(), "en") == (
        "The plan's 5 goals, counted goal by goal and cluster by cluster, make 5 items; of the "
        "3 measurable: 1 met, 1 on track, 1 off track. Not judged: 1 no data, 1 not measurable."
    )
    year_end = goals().assign(status=["met", "missed", "missed", "no data", "no data"])
    assert bulletin.goals_sentence(year_end, "zh") == (
        "方案5项目标按目标和集聚区逐项计共5项，其中可量化3项：已达成1项、未达成2项。"
        "另有无数据2项，未作判断。"
    )
    # one goal of three clusters counts three items
    clusters = goals().assign(goal_id=["a", "b", "b", "b", "e"])
    assert bulletin.goals_sentence(clusters, "zh").startswith(
        "方案3项目标按目标和集聚区逐项计共5项"
    )
    judged = goals().iloc[:3]
    assert bulletin.goals_sentence(judged, "zh").endswith("偏离1项。")  # nothing unjudged


def test_goals_sentence_without_measurable_goals_is_a_sentence():
    """A 2018 run has no goal of the 2019 plan: it said "0项可量化目标中，。"."""
    none = "本期无可量化的方案目标（方案目标年份以外，或均无数据）。"
    assert bulletin.goals_sentence(goals().iloc[:0], "zh") == none
    assert bulletin.goals_sentence(goals().assign(status="no data"), "zh") == none
    assert bulletin.goals_sentence(goals().iloc[:0], "en") == (
        "No goal of the plan can be measured this quarter (none is set for the year, or none "
        "has data)."
    )


def test_a_missed_goal_quotes_no_probability():
    """The outcome is known: 未达成, without 达成概率0%."""
    missed = goals().assign(status="missed", probability=0.0, required_growth=np.nan).iloc[[2]]
    assert bulletin.goals_at_risk(missed, "zh") == ["c（巩义市产业集聚区）：未达成"]
    # nor do the tables: a Q4 run's goals met (100%) and missed (0%) have no probability
    settled = goals().assign(status=["met", "met", "missed", "at risk", "missed"])
    settled = settled.assign(probability=[1.0, 1.0, 0.0, 0.4, 0.0], threshold=[8, 0, 0, 0, 35])
    card = bulletin.formatted(bulletin.scorecard_table(settled, "zh"), "zh")
    assert card["达成概率"].tolist() == ["", "40%", ""]  # city a, all clusters d, city e
    at_risk = bulletin.formatted(bulletin.at_risk_table(settled, "zh"), "zh")
    assert at_risk["达成概率"].tolist() == ["", "40%", ""]  # c, d and e


def test_goals_at_risk_give_probability_and_required_growth():
    [line] = bulletin.goals_at_risk(goals(), "en")
    assert (
        line == "c (Gongyi Cluster): off track, probability 12%, growth needed in the "
        "remaining quarters 14.4%"
    )


def test_titles():
    assert bulletin.title("2019Q2", "zh") == "2019年第二季度郑州市产业集聚区运行季通报"
    assert bulletin.title("2019Q2", "en").endswith("Q2 2019")


CLUSTERS = [
    "econ_tech",
    "airport",
    "hitech",
    "baisha",
    "gongyi",
    "xingang",
    "xingyang",
    "zhongmou",
    "shangjie",
]


def risk_goals() -> pd.DataFrame:
    """Goals in plan order: x (9 clusters, no probability), y (city), z (4 clusters), w (2)."""
    rows = [("x", scope, "off track", np.nan) for scope in CLUSTERS]
    rows += [("y", "city", "off track", 0.05), ("ok", "city", "on track", 0.9)]
    rows += [("z", s, "off track", p) for s, p in zip(CLUSTERS[:3], (0.3, 0.1, 0.2), strict=True)]
    rows += [("z", CLUSTERS[3], "at risk", 0.4), ("z", CLUSTERS[4], "met", 1.0)]
    rows += [("w", s, "at risk", p) for s, p in zip(CLUSTERS[:2], (0.5, 0.45), strict=True)]
    table = pd.DataFrame(rows, columns=["goal_id", "scope", "status", "probability"])
    return table.assign(required_growth=np.nan)


def test_a_goals_clusters_share_one_line_ordered_by_probability_then_plan():
    lines = bulletin.goals_at_risk(risk_goals(), "zh")
    assert [line.split("：")[0].split("（")[0] for line in lines] == ["y", "z", "w", "x"]
    assert lines[0] == "y（郑州市）：偏离，达成概率5%"
    assert lines[1] == (
        "z：3个集聚区偏离（郑州经济技术产业集聚区、郑州航空港产业集聚区、郑州高新技术产业集聚区），"
        "1个集聚区有风险（郑州白沙产业集聚区），达成概率最低10%"
    )
    assert lines[3] == "x：9个集聚区偏离"  # more than three clusters: counted, not named
    assert len(bulletin.at_risk_table(risk_goals(), "zh")) == 9 + 1 + 4 + 2


def test_goals_beyond_the_maximum_are_left_to_the_table():
    lines = bulletin.goals_at_risk(risk_goals(), "en", max_lines=3)
    assert len(lines) == 3
    assert lines[:2] == bulletin.goals_at_risk(risk_goals(), "en")[:2]
    assert lines[2] == "2 more goals, and every cluster, in the table below."
    zh = bulletin.goals_at_risk(risk_goals(), "zh", max_lines=3)[2]
    assert zh == "其余2项目标及逐个集聚区情况见下表。"  # the table repeats every goal's clusters
    table = bulletin.at_risk_table(risk_goals(), "en")  # no goal needs a growth: no column
    assert list(table.columns) == ["Goal", "Scope", "Status", "Probability"]


def history_goals() -> pd.DataFrame:
    metric = ["industry_va.ytd_growth_minus_city_pp"] * 4 + ["fai.ytd_growth_minus_city_pp"] * 2
    return pd.DataFrame(
        {
            "goal_id": ["va"] * 3 + ["va_all", "fai", "fai"],
            "scope": ["econ_tech", "airport", "gongyi", "all_clusters", "econ_tech", "airport"],
            "metric": metric,
            "past_p_adjusted": [0.01, 0.20, np.nan, 0.001, 0.30, 0.40],
        }
    )


def test_history_sentence_speaks_of_the_past_years_not_the_goal_year():
    zh = bulletin.history_sentence(history_goals(), 8, 2019, 0.05, "zh")
    assert zh.startswith("过去八年平均增速差") and "不判断2019年目标" in zh
    # all_clusters is not a cluster of the count
    assert "规模以上工业增加值1个集聚区（共2个）显著高于全市（郑州经济技术产业集聚区）" in zh
    assert "固定资产投资0个集聚区（共2个）" in zh
    en = bulletin.history_sentence(history_goals(), 8, 2019, 0.05, "en")
    assert en.startswith("Past 8 years' mean growth gap") and "1 of 2 clusters" in en
    assert bulletin.history_sentence(history_goals().iloc[:0], 8, 2019) == ""


def test_the_scorecard_as_a_table_holds_the_city_and_all_cluster_goals():
    table = bulletin.scorecard_table(goals().assign(threshold=[8, 0, 0, 0, 35]), "zh")
    assert list(table.columns) == [
        "目标",
        "范围",
        "目标值",
        "达成概率",
        "状态",
    ]  # none needs growth
    needs = goals().assign(threshold=[8, 0, 0, 0, 35], required_growth=[9.1, *[np.nan] * 4])
    assert "所需增速（%）" in bulletin.scorecard_table(needs, "zh")
    assert table["范围"].tolist() == ["郑州市", "全部集聚区（合计）", "郑州市"]
    assert table["状态"].tolist() == ["有望达成", "无数据", "不可量化"]


def test_the_outlook_sentence_names_the_month_and_the_method_in_words(monkeypatch):
    august = Outlook(pd.Period("2019-08", freq="M"), "blend")
    monkeypatch.setitem(COVERAGE, (8, "blend"), Calibration(0.713, 0.576))
    assert bulletin.outlook_sentence(august, "zh") == (
        "全年预计使用截至1—8月的数据，预测方法：近三个月增速与动态因子模型平均。"
        "该方法在2013—2024年全国（工业增加值、固定资产投资）及31个省份工业增加值共33个序列的"
        "回测中（集聚区未经回测），80%区间覆盖全年实际值的71%，2020—2021年冲击年份仅58%："
        "遇重大冲击时区间偏窄、达成概率偏于确定。"
    )
    assert bulletin.outlook_sentence(august, "en") == (
        "The full-year outlook uses the data to January–August; "
        "method: mean of recent growth and the factor model. In a backtest on 33 series "
        "(China's industry and investment, 31 provinces' industry; not clusters), 2013–2024, "
        "its 80% interval held the full-year outcome 71% of the time, only 58% in the shock "
        "years 2020–21: in a large shock the intervals are too narrow and the probabilities "
        "too confident."
    )


def test_the_outlook_says_the_measured_coverage_only_where_it_was_measured(monkeypatch):
    """The library's table holds each month's rule and the quarterly forecast at a quarter's
    end; a shock year no worse is not called narrower; a stand-in method has no figure."""
    assert set(COVERAGE) == {(m, RULES[m].method) for m in RULES} | {
        (m, "quarterly") for m in (3, 6, 9)
    }
    monkeypatch.setitem(COVERAGE, (11, "dfm"), Calibration(0.834, 0.833))
    november = bulletin.outlook_sentence(Outlook(pd.Period("2019-11", freq="M"), "dfm"))
    assert november.endswith("覆盖全年实际值的83%，2020—2021年冲击年份为83%。")
    naive = bulletin.outlook_sentence(Outlook(pd.Period("2019-11", freq="M"), "naive"))
    assert naive == "全年预计使用截至1—11月的数据，预测方法：累计增速保持不变。"


def test_december_needs_no_outlook_sentence():
    december = Outlook(pd.Period("2019-12", freq="M"), "quarterly")
    june = Outlook(pd.Period("2019-06", freq="M"), "quarterly")
    table = goals().assign(metric="industry_va.ytd_growth", past_p_adjusted=np.nan)
    texts = [
        bulletin.paragraphs(table, {"industry_va": full_year()}, None, 2019, "zh", None, when)
        for when in (december, june)
    ]
    assert len(texts[1]) == len(texts[0]) + 1
    assert "1—6月" in texts[1][1] and "季度模型预测" in texts[1][1]


def test_series_the_quarterly_models_cannot_fit_are_named_with_their_naive_outlook():
    """Six quarters of data (a 2011Q2 run on data from 2010Q1): the engine gives the naive
    last value, so the sentence may not lend them the backtested method's coverage."""
    naive = Outlook(pd.Period("2011-06", freq="M"), "quarterly", naive=(("city", "fai"),))
    zh = bulletin.outlook_sentence(naive, "zh")
    assert zh.endswith(
        "郑州市的固定资产投资数据不足两年（或有缺期、数值不变），季度模型不适用，"
        "全年预计为朴素预测（延续最近一季），未经回测，上述覆盖率不适用。"
    )
    assert "naive last quarter carried on" in bulletin.outlook_sentence(naive, "en")
    assert "朴素预测" not in bulletin.outlook_sentence(
        Outlook(pd.Period("2011-06", freq="M"), "quarterly"), "zh"
    )


def test_when_the_quarterly_models_fit_none_of_the_bulletins_series_it_names_no_method():
    """A 2011Q2 run: every full-year series is too short, so the quarterly method applies to
    none and its backtested coverage is not claimed; the naive forecasts are said instead."""
    both = (("city", "industry_va"), ("city", "fai"))
    june = pd.Period("2011-06", freq="M")
    zh = bulletin.outlook_sentence(Outlook(june, "quarterly", naive=both), "zh", both)
    assert zh == (
        "全年预计使用截至1—6月的数据。郑州市的规模以上工业增加值、固定资产投资数据不足两年"
        "（或有缺期、数值不变），全年预计均为朴素预测（延续最近一季），未经回测。"
    )
    en = bulletin.outlook_sentence(Outlook(june, "quarterly", naive=both), "en", both)
    assert "method" not in en and "backtest on" not in en and "naive forecast" in en
    # one series the models fit: the method is named, with its coverage, as before
    one = Outlook(june, "quarterly", naive=both[:1])
    some = bulletin.outlook_sentence(one, "zh", both)
    assert some.startswith("全年预计使用截至1—6月的数据，预测方法：季度模型预测。")
    assert "80%区间覆盖" in some and "上述覆盖率不适用" in some
    # the bulletin's paragraphs pass the full-year tables' series: four regions, two indicators
    tables = {"industry_va": full_year(), "fai": full_year().assign(indicator="fai")}
    every = tuple((r, i) for i in tables for r in full_year()["region"])
    table = goals().assign(metric="industry_va.ytd_growth", past_p_adjusted=np.nan)
    ahead = Outlook(june, "quarterly", naive=every)
    texts = bulletin.paragraphs(table, tables, None, 2011, "zh", None, ahead)
    [outlook] = [p for p in texts if p.startswith("全年预计")]
    assert (
        outlook.startswith("全年预计使用截至1—6月的数据。全市及各集聚区的")
        and "均为朴素预测" in outlook
    )
    assert "季度模型" not in outlook and "覆盖" not in outlook
    fitted = Outlook(june, "quarterly", naive=every[1:])  # the city's industry is fitted
    texts = bulletin.paragraphs(table, tables, None, 2011, "zh", None, fitted)
    assert [p for p in texts if p.startswith("全年预计使用截至1—6月的数据，预测方法：季度模型预测")]


def test_a_list_of_every_region_reads_the_city_and_every_cluster():
    """A 2011Q2 run: every full-year series is naive; its regions, the city and the 12
    clusters, read 全市及各集聚区 (the sentence named all 13 before), the clusters 各集聚区."""
    regions = ["city", *catalog.clusters()]
    assert len(regions) == 13
    shown = tuple((r, i) for i in ("industry_va", "fai") for r in regions)
    june = pd.Period("2011-06", freq="M")
    zh = bulletin.outlook_sentence(Outlook(june, "quarterly", naive=shown), "zh", shown)
    assert zh == (
        "全年预计使用截至1—6月的数据。全市及各集聚区的规模以上工业增加值、固定资产投资数据"
        "不足两年（或有缺期、数值不变），全年预计均为朴素预测（延续最近一季），未经回测。"
    )
    en = bulletin.outlook_sentence(Outlook(june, "quarterly", naive=shown), "en", shown)
    assert en.endswith(
        "not backtested: in the city and every cluster, value added of above-scale industry "
        "and fixed-asset investment."
    )
    clusters = tuple(series for series in shown if series[0] != "city")
    some = bulletin.outlook_sentence(Outlook(june, "quarterly", naive=clusters), "zh", shown)
    assert some.endswith(
        "各集聚区的规模以上工业增加值、固定资产投资数据不足两年（或有缺期、数值不变），"
        "季度模型不适用，全年预计为朴素预测（延续最近一季），未经回测，上述覆盖率不适用。"
    )
    # fewer regions are named; without the bulletin's series, the catalogue's regions count
    assert regions_listed(["city", "airport"], "zh") == "郑州市和郑州航空港产业集聚区"
    assert regions_listed(regions, "en") == "the city and every cluster"
    assert regions_listed(regions[1:], "zh") == "各集聚区"
    # a table of four regions whose three clusters are forecasts at Q4: 各集聚区
    forecast = full_year().assign(basis=["actual", "forecast", "forecast", "forecast"])
    assert bulletin.growth_sentence(forecast, "zh").endswith(
        "。其中各集聚区全年数据不全，为预计数。"
    )
    assert bulletin.growth_sentence(forecast, "en").endswith(
        " The figure of every cluster is a forecast: its year is incomplete."
    )


def test_a_beat_the_city_goals_target_reads_above_the_city_not_zero():
    """目标值 0 of a goal measured in points above the city's growth reads 高于全市; other
    targets stay numbers (the CSV keeps 0)."""
    table = goals().assign(
        metric=["industry_va.ytd_growth_minus_city_pp", "x", "y", "fai.ytd_growth_minus_city_pp",
                "va_per_mu.ratio"],
        threshold=[0.0, 0.0, 0.0, 0.0, 48.0],
    )  # fmt: skip
    zh = bulletin.formatted(bulletin.scorecard_table(table, "zh"), "zh")
    assert zh["目标值"].tolist() == ["高于全市", "高于全市", "48"]  # city a, all clusters d, city e
    en = bulletin.formatted(bulletin.scorecard_table(table, "en"), "en")
    assert en["Target"].tolist() == ["above the city", "above the city", "48"]
    assert target_label("industry_va.ytd_growth_minus_city_pp", 2.0, "zh") == 2.0  # a real gap


def test_columns_blank_in_every_row_leave_the_goal_tables_at_q4():
    """At Q4 every goal is met or missed: no probability nor required growth in any row, so
    the tables have no such columns (Word and HTML alike, through the layout)."""
    settled = goals().assign(
        status=["met", "met", "missed", "missed", "not measurable"],
        probability=[1.0, 1.0, 0.0, 0.0, np.nan],
        required_growth=np.nan,
        threshold=[8, 0, 0, 0, 35],
    )
    at_risk = bulletin.formatted(bulletin.at_risk_table(settled, "zh"), "zh")
    assert list(at_risk.columns) == ["目标", "范围", "状态"]  # no figures: no 全年实际 either
    assert at_risk["状态"].tolist() == ["未达成", "未达成"]  # c and d
    card = bulletin.formatted(bulletin.scorecard_table(settled, "en"), "en")
    assert list(card.columns) == ["Goal", "Scope", "Target", "Status"]
    # one open goal keeps its probability column, blank where settled
    open_ = settled.assign(status=["met", "met", "missed", "at risk", "not measurable"])
    open_.loc[3, "probability"] = 0.3
    at_risk = bulletin.formatted(bulletin.at_risk_table(open_, "zh"), "zh")
    assert list(at_risk.columns) == ["目标", "范围", "状态", "达成概率"]
    assert at_risk["达成概率"].tolist() == ["", "30%"]


def year_end_goals() -> pd.DataFrame:
    """A Q4 run's goals as goals.csv holds them: decided, so no probability nor forecast."""
    return pd.DataFrame(
        {
            "goal_id": ["revenue_electronics", "va_growth_all_clusters", "va_per_mu",
                        "sewage_treatment", "major_projects_completed"],
            "scope": ["city", "all_clusters", "all_clusters", "airport", "all_clusters"],
            "metric": ["revenue_electronics.year_total", "industry_va.ytd_growth_minus_city_pp",
                       "industry_va/built_up_land", "sewage_treatment_rate.latest",
                       "major_projects_completed.year_total"],
            "actual": [3861.57, 0.93, 45.9756, 95.4, 44.0],
            "forecast": np.nan,
            "threshold": [4000.0, 0.0, 48.0, 100.0, 50.0],
            "probability": np.nan,
            "status": ["missed", "met", "missed", "missed", "missed"],
            "required_growth": np.nan,
        }
    )  # fmt: skip


def test_a_decided_goal_states_the_figure_reached_and_the_gap():
    """电子信息…超4000亿元（郑州市）：未达成 said nothing of how far it fell short."""
    lines = bulletin.goals_at_risk(year_end_goals(), "zh")
    assert (
        "电子信息产业集群主营业务收入超4000亿元（郑州市）：未达成，全年实际3861.6亿元，差138.4亿元"
        in lines
    )
    assert (
        "建成区亩均增加值达48万元（全部集聚区（合计））：未达成，全年实际46.0万元/亩，差2.0万元/亩"
        in (lines)
    )  # 45.9756 shows as 46.0: the gap is 48 − 46.0, so the two figures add up
    assert (
        "污水集中处理率达100%（郑州航空港产业集聚区）：未达成，全年实际95.4%，差4.6个百分点"
        in lines
    )
    english = bulletin.goals_at_risk(year_end_goals(), "en")
    assert (
        "Electronics chain revenue above 400bn yuan (Zhengzhou city): missed, full-year actual "
        "386.2bn yuan, 13.8bn yuan short"
    ) in english


def test_the_q4_goal_tables_give_the_full_year_actual_with_units_and_no_probability():
    card = bulletin.formatted(bulletin.scorecard_table(year_end_goals(), "zh"), "zh")
    assert list(card.columns) == ["目标", "范围", "目标值", "全年实际", "状态"]
    assert card["目标值"].tolist() == ["4000亿元", "高于全市", "48万元/亩", "50个"]
    assert card["全年实际"].tolist() == ["3861.6亿元", "+0.9个百分点", "46.0万元/亩", "44个"]
    at_risk = bulletin.formatted(bulletin.at_risk_table(year_end_goals(), "zh"), "zh")
    assert list(at_risk.columns) == ["目标", "范围", "状态", "全年实际"]
    assert at_risk["全年实际"].tolist() == ["3861.6亿元", "46.0万元/亩", "95.4%", "44个"]
    english = bulletin.formatted(bulletin.scorecard_table(year_end_goals(), "en"), "en")
    assert list(english.columns) == ["Goal", "Scope", "Target", "Full-year actual", "Status"]
    assert english["Target"].tolist()[:3] == ["400bn yuan", "above the city", "480k yuan/mu"]
    # before the year is over a figure to date is no full-year actual: no such column
    june = year_end_goals().assign(status="off track", probability=0.1)
    assert "全年实际" not in bulletin.scorecard_table(june, "zh")


def test_a_level_goal_below_its_target_mid_year_is_not_yet_reached_with_its_latest_value():
    """污水集中处理率达100%：9个集聚区偏离 judged June on the latest value, without it."""
    june = pd.DataFrame(
        {
            "goal_id": "sewage_treatment",
            "scope": ["airport", "hitech", "baisha", "xinmi"],
            "metric": "sewage_treatment_rate.latest",
            "actual": [93.6, 97.6, 94.7, 100.0],
            "threshold": 100.0,
            "probability": np.nan,
            "status": ["off track", "off track", "off track", "on track"],
            "required_growth": np.nan,
        }
    )
    [line] = bulletin.goals_at_risk(june, "zh")
    assert line == (
        "污水集中处理率达100%：3个集聚区尚未达到（郑州航空港产业集聚区93.6%、"
        "郑州高新技术产业集聚区97.6%、郑州白沙产业集聚区94.7%）"
    )
    more = pd.concat([june, june.assign(scope=["gongyi", "xinzheng_xingang", "mazhai", "jindai"])])
    assert bulletin.goals_at_risk(more, "zh") == [
        "污水集中处理率达100%：6个集聚区尚未达到（最新值93.6%—97.6%）"
    ]
    [one] = bulletin.goals_at_risk(june.iloc[[1]], "en")
    assert one == (
        "Sewage treatment rate 100% (Zhengzhou High-tech Cluster): not yet reached (latest 97.6%)"
    )
    table = bulletin.at_risk_table(june, "zh")
    assert table["状态"].tolist()[1] == "尚未达到（最新值97.6%）"
    assert bulletin.goals_sentence(june, "zh").endswith("有望达成1项、尚未达到3项。")
    # the statistics are unchanged: the status stays off track
    assert (june["status"] == "off track").sum() == 3


def test_the_goal_grid_and_the_goals_sheet_word_a_level_goal_as_the_bulletin(tmp_path):
    """Notebook 03's grid and tables.xlsx's 目标达成 said 偏离 where the bulletin says
    尚未达到（最新值97.6%）; a growth goal off track still reads 偏离, its colour kept."""
    june = pd.DataFrame(
        {
            "goal_id": ["sewage_treatment", "sewage_treatment", "va_growth_each_cluster"],
            "scope": ["hitech", "xinmi", "hitech"],
            "metric": [
                "sewage_treatment_rate.latest",
                "sewage_treatment_rate.latest",
                "industry_va.ytd_growth_minus_city_pp",
            ],
            "actual": [97.6, 100.0, -1.0],
            "threshold": [100.0, 100.0, 0.0],
            "status": ["off track", "on track", "off track"],
        }
    )
    grid = goal_grid(june, "zh")
    cells = grid.data
    assert cells.loc["污水集中处理率达100%", "郑州高新技术产业集聚区"] == "尚未达到（最新值97.6%）"
    assert cells.loc["污水集中处理率达100%", "新密市产业集聚区"] == "有望达成"
    assert cells.iloc[1].tolist()[0] == "偏离"  # the growth goal, hitech
    styles = grid._compute().ctx
    assert ("background-color", STATUS_COLOURS["off_track"]) in styles[(0, 0)]
    tables = tmp_path / "tables"
    tables.mkdir()
    june.to_csv(tables / "goals.csv", index=False, encoding="utf-8-sig")
    write_workbook(tables, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["目标达成"]
    values = list(sheet.iter_rows(values_only=True))
    status = values[0].index("状态")
    assert [row[status] for row in values[1:]] == ["尚未达到（最新值97.6%）", "有望达成", "偏离"]


def test_the_rule_of_the_statuses_is_said_where_they_are_counted_until_every_goal_is_decided():
    """Q2: 4 clusters expected above the city but 5 on track (荥阳五龙 7.1 vs 7.2 at 55%)."""
    rule = bulletin.status_rule(goals(), "zh")
    assert rule.startswith(
        "状态按达成概率（全年模拟路径中达到目标的比例，不同于上文的点预测）划分："
    )
    assert "不低于50%为有望达成，20%至50%为有风险，低于20%为偏离" in rule  # params/goals.yaml
    assert "未达到为尚未达到" in rule
    assert "50% or more on track" in bulletin.status_rule(goals(), "en")
    assert bulletin.status_rule(year_end_goals(), "zh") == ""  # Q4: all decided
    table = goals().assign(metric="industry_va.ytd_growth", past_p_adjusted=np.nan)
    june = Outlook(pd.Period("2019-06", freq="M"), "quarterly")
    said = bulletin.paragraphs(table, {"industry_va": full_year()}, None, 2019, "zh", None, june)
    assert said[said.index(bulletin.goals_sentence(table, "zh")) + 1] == rule


def test_a_year_end_outlook_states_the_years_actual_without_a_method():
    """A 2019Q4 run's notebook 02 said 全年预计使用截至1–12月的数据，预测方法：季度模型预测。"""
    december = Outlook(pd.Period("2019-12", freq="M"), "quarterly")
    actual = full_year().assign(basis="actual")
    zh = bulletin.outlook_sentence(december, "zh", (), actual)
    assert zh == "全年实际：规模以上工业增加值1—12月累计增长7.0%（全市），全年数据已齐，不作预测。"
    assert "预测方法" not in zh
    en = bulletin.outlook_sentence(december, "en", (), actual)
    assert en == (
        "Full-year actual: value added of above-scale industry grew 7.0% in January–December "
        "(the city); the year's data are complete and nothing is forecast."
    )
    gap = actual.assign(basis=["actual", "actual", "forecast", "actual"])
    assert bulletin.outlook_sentence(december, "zh", (), gap).endswith(
        "其中郑州航空港产业集聚区全年数据不全，为预计数（季度模型预测）。"
    )
    # without the year's tables, or before December, the outlook is as it was
    assert "预测方法" in bulletin.outlook_sentence(december, "zh")
    june = Outlook(pd.Period("2019-06", freq="M"), "quarterly")
    assert "预测方法" in bulletin.outlook_sentence(june, "zh", (), actual)


def test_targets_read_with_their_units():
    assert target_label("va_per_mu.ratio", 48.0, "zh", "10k_yuan_per_mu") == "48万元/亩"
    assert target_label("labour.ratio", 35.0, "zh", "10k_yuan_per_person") == "35万元/人"
    assert target_label("revenue.year_total", 4000.0, "zh", "100m_yuan") == "4000亿元"
    assert target_label("hightech_va.ytd_growth_minus_industry_va_pp", 2.0, "zh", "pp") == (
        "2个百分点"
    )
    assert target_label("major_projects_started.year_total", 50.0, "zh", "count") == "50个"
    assert target_label("industry_va.ytd_growth_minus_city_pp", 0.0, "zh", "pp") == "高于全市"
    assert goal_value(-0.0093, "pp", "zh", signed=True) == "0.0个百分点"  # never -0.0
