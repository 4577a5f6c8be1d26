"""Scenario files' problems read in Chinese by default, their English unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterlib import catalog
from clusterlib.batch import run_scenario
from clusterlib.exceptions import ParameterError
from clusterlib.messages import message, told
from clusterlib.scenarios.spec import load_scenario


def _refused(tmp_path: Path, text: str, as_of: str = "2019Q2", month: str | None = None):
    """The error of loading a scenario file holding ``text`` for a run of ``as_of``."""
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        load_scenario(path, as_of, as_of_month=month)
    return str(path), caught.value


def _lines(error: ParameterError, lang: str) -> list[str]:
    return told(error, lang).splitlines()[1:]


GROWTH = "  - indicator: industry_va\n    regions: city\n    growth_pp: {pp}\n    from: {start}\n"


def test_a_text_growth_and_a_past_quarter_read_in_chinese(tmp_path):
    text = "shocks:\n" + GROWTH.format(pp='"two"', start="2019Q3")
    text += GROWTH.format(pp=-1, start="2019Q1")
    path, error = _refused(tmp_path, text)
    assert _lines(error, "zh") == [
        f"{path}：“shocks[0].growth_pp”项：应为数值（负数表示放缓或减少），实为'two'",
        f"{path}：“shocks[1].from”项：2019Q1不在2019年的剩余时期内（运行季度为2019年第二季度）："
        "情景只冲击其后的季度，即2019年第三季度至2019年第四季度",
    ]
    assert _lines(error, "en") == [
        f"{path}: key 'shocks[0].growth_pp': expected a number (negative = slower or less), "
        "got 'two'",
        f"{path}: key 'shocks[1].from': 2019Q1 is not in the rest of 2019 at the run's quarter "
        "2019Q2: a scenario shocks the quarters after it, 2019Q3 to 2019Q4",
    ]


def test_a_repeated_shock_and_an_unknown_region_read_in_chinese(tmp_path):
    text = "shocks:\n" + GROWTH.format(pp=-1, start="2019Q3") * 2
    text += "  - indicator: fai\n    region: mars\n    level_change: 5\n    quarter: 2019Q4\n"
    path, error = _refused(tmp_path, text)
    clusters = (
        "econ_tech, airport, hitech, baisha, zhongmu_auto, xinzheng_xingang, gongyi, xinmi, "
        "xingyang_wulong, new_materials, mazhai, jindai"
    )
    assert _lines(error, "zh") == [
        f"{path}：“shocks[2].region”项：应为一个集群代码（{clusters}），实为'mars'",
        f"{path}：“shocks[1]”项：与shocks[0]重复（冲击类型、指标、地区和时期均相同）："
        "每项都会计入，将重复计算；应合并为一项，填写合计值",
    ]
    assert _lines(error, "en") == [
        f"{path}: key 'shocks[2].region': expected one cluster id ({clusters}); got 'mars'",
        f"{path}: key 'shocks[1]': repeats shocks[0] (the same kind, indicator, regions and "
        "period): each entry is applied, so it would count twice; expected one shock with the "
        "total",
    ]


def test_a_published_month_names_the_first_that_may_be_shocked(tmp_path):
    text = "shocks:\n" + GROWTH.format(pp=-1, start="2019-07")
    path, error = _refused(tmp_path, text, month="2019-08")
    assert _lines(error, "zh") == [
        f"{path}：“shocks[0].from”项：2019-07起始于运行所截至的月份2019年8月或更早，"
        "该月数据已公布：最早可冲击的月份为2019年9月",
    ]
    assert _lines(error, "en") == [
        f"{path}: key 'shocks[0].from': 2019-07 starts at or before the run's as-of month "
        "2019-08, whose figures are published: the first month that may be shocked is 2019-09",
    ]


def test_a_run_at_the_fourth_quarter_has_nothing_left(tmp_path):
    text = "shocks:\n" + GROWTH.format(pp=-1, start="2019Q4")
    path, error = _refused(tmp_path, text, as_of="2019Q4")
    assert _lines(error, "zh") == [
        f"{path}：“shocks[0].from”项：2019Q4不在2019年的剩余时期内：运行季度为2019年第四季度，"
        "2019年已无可冲击的时期；请在更早的季度运行情景",
    ]
    assert _lines(error, "en") == [
        f"{path}: key 'shocks[0].from': 2019Q4 is not in the rest of 2019: at 2019Q4 nothing is "
        "left of 2019 to shock; run the scenario at an earlier quarter",
    ]


def test_an_empty_list_and_a_count_for_a_level_change(tmp_path):
    path, error = _refused(tmp_path, "shocks: []\n")
    assert _lines(error, "zh") == [f"{path}：“shocks”项：不能为空：请至少列出一项冲击"]
    assert _lines(error, "en") == [
        f"{path}: key 'shocks': must not be empty: list at least one shock"
    ]
    level = "shocks:\n  - indicator: new_projects_started\n    region: airport\n"
    path, error = _refused(tmp_path, level + "    level_change: 5\n    quarter: 2019Q4\n")
    assert _lines(error, "zh") == [
        f"{path}：“shocks[0].indicator”项：指标'new_projects_started'的单位不是亿元（100m_yuan）；"
        "总量变动须用以亿元计的指标"
    ]
    assert _lines(error, "en") == [
        f"{path}: key 'shocks[0].indicator': 'new_projects_started' is not in 100 million yuan "
        "(100m_yuan); a "
        "level change needs one"
    ]


def test_shocks_without_simulated_series_read_in_chinese(tmp_path):
    """revenue_auto is simulated for the city only, and no cluster has levels of hightech_va."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "shocks:\n"
        "  - {indicator: revenue_auto, regions: [city, airport], growth_pp: -2, from: 2019Q3}\n"
        "  - {indicator: hightech_va, region: airport, level_change: -2, quarter: 2019Q4}\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as caught:
        run_scenario("2019Q2", bad, out=tmp_path / "reports")
    auto, hightech = (catalog.indicator_name(i, "zh") for i in ("revenue_auto", "hightech_va"))
    assert _lines(caught.value, "zh") == [
        f"{bad}：“shocks[0].regions”项：郑州航空港产业集聚区没有{auto}的模拟路径："
        f"应为有{auto}模拟路径的地区（city）",
        f"{bad}：“shocks[1].region”项：郑州航空港产业集聚区没有{hightech}的模拟总量："
        f"应为有{hightech}模拟总量的集群（均没有）",
    ]
    assert _lines(caught.value, "en")[0].endswith(
        "no simulated paths of revenue_auto in airport: expected regions with paths of "
        "revenue_auto (city)"
    )


def test_the_refusals_of_assumption_s4_and_below_zero_read_in_chinese():
    """The refusals found against the paths (their English is tested in test_scenarios.py)."""
    where = {"region": "airport", "indicator": "fai", "quarter": "2019Q4"}
    oversized = message(
        "scenario_level_oversized", change=50000.0, level=80.0, low=-80.0, high=80.0, **where
    )
    airport, fai = catalog.region_name("airport", "zh"), catalog.indicator_name("fai", "zh")
    assert told(oversized, "zh") == (
        f"50000亿元超过{airport}2019年第四季度{fai}的全部数额（基线预测80.00亿元）："
        "一个项目至多改变所在集群一个季度的数额（假设S4）；变动应在-80.00至80.00亿元之间"
        "（总量变动以亿元计：万元 ÷ 10,000）"
    )
    odds = {"count": 3, "size": 200, "lowest": -1.25, "least": -4.5}
    below = message(
        "scenario_growth_below_zero",
        pp=-150.0,
        baseline=message("scenario_baseline_index", point=98.0),
        **where,
        **odds,
    )
    assert told(below, "zh") == (
        f"-150个百分点将使{airport}2019年第四季度{fai}在200条模拟路径中的3条上低于零"
        "（增速低于-100%）（基线链式指数预测98.0，最低路径-1.2）：变动应不小于-4.5个百分点"
    )
    assert below == (
        "-150 pp would take airport/fai of 2019Q4 below zero (growth below -100%) on 3 of 200 "
        "simulated paths (baseline chained index: forecast 98.0, lowest path -1.2): expected a "
        "change of at least -4.5 pp"
    )
