"""The ledger's page (ledger.html) and workbook read as an office document: every table numbered
and named with its indicator and period, counts of projects whole, units in the headers (one set
for the page and the workbook), the plan's statuses in words, the 累计 as 1—6月累计, and the
backtest's coverage said on the page (review T7B-3, T7B-4, T7B-10; hand-known text)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from html_page import Page

from clusterlib import cli
from clusterlib.ledger.labels import Captions, header, value_label
from clusterlib.ledger.plan_tests import status_counts
from clusterlib.ledger.projects import goal_figures
from clusterlib.publish.display import caption, paragraph, show

JUNE = pd.Period("2019-06", "M")
INDICATORS = ["规模以上工业增加值", "固定资产投资", "高新技术产业增加值"]
LIST_HEADERS = [
    "三个50名单",
    "列入清单项目数",
    "已达到名单要求",
    "年度计划投资（亿元）",
    "本年累计完成投资（亿元）",
    "年度投资完成率（%）",
    "时序进度（%）",
    "超（落后）时序进度（个百分点）",
    "进度状态",
]


@pytest.fixture(scope="module")
def june(tmp_path_factory) -> tuple[Page, pd.ExcelFile]:
    """The demo's June 2019 ledger in Chinese (data, register and settings as shipped)."""
    out = tmp_path_factory.mktemp("reports")
    assert cli.main(["ledger", "--month", "2019-06", "--out", str(out)]) == 0
    folder = out / "ledger" / "2019-06"
    page = Page((folder / "ledger.html").read_text(encoding="utf-8"))
    return page, pd.ExcelFile(folder / "ledger.xlsx")


def _headers(table: list[list[str]]) -> list[str]:
    """A page table's header row without the (empty) index cell."""
    return [cell for cell in table[0] if cell]


def test_every_table_of_the_page_is_numbered_and_named(june):
    page, _ = june
    assert page.text["h3"] == [
        "表1\u3000各指标方案目标状态的地区数（2019年1—6月）",
        *[f"表{n}\u3000{name}（2019年1—6月）" for n, name in enumerate(INDICATORS, start=2)],
        "表5\u3000年底预计达到方案目标的集聚区数（2019年）",
        *[f"表{n}\u3000{name}全年累计增速预计（2019年）" for n, name in enumerate(INDICATORS, 6)],
        "表9\u3000重点项目目标进展（截至2019年6月）",
        "表10\u3000三个50重大项目投资进度（2019年1—6月）",
    ]  # were: three unnamed ledger tables and one unnamed projection table (规上's)
    assert len(page.tables) == 10  # a caption above each table
    ledgers = page.tables[1:4]
    assert [_headers(t)[:3] for t in ledgers] == [
        ["地区", "本月（亿元）", "1—6月累计（亿元）"]
    ] * 2 + [
        ["地区", "累计增速（%）", "较上月增减（百分点）"]  # 高新: growth only
    ]
    city = [next(row for row in t if "郑州市" in row) for t in page.tables[5:8]]
    assert [row[2] for row in city] == ["8.3", "9.6", "13.7"]  # each indicator's own projection
    assert _headers(page.tables[5])[1:] == [
        "预计全年增速（%）",
        "80%区间下限（%）",
        "80%区间上限（%）",
        "全年达到方案目标的概率",
        "预测说明",
    ]  # the workbook's headers (were 预计全年增速(%) and 高于全市概率 on the page)


def test_the_intervals_backtest_coverage_is_a_sentence_of_the_page(june):
    page, _ = june
    said = [p for p in page.text["p"] if p.startswith("全年预计80%区间")]
    assert said == [
        "全年预计80%区间：本月方法（近三个月增速与动态因子模型平均）在2013—2024年全国及31个省份"
        "等33个序列的回测中覆盖全年实际值的78%，2020—2021年冲击年份56%；集聚区未经回测，区间和概率"
        "可能偏于确定。"
    ]  # was printed in the notebook only (a page leaves printed text out)


def test_the_status_table_counts_regions_with_a_status_in_words(june):
    page, _ = june
    rows = [[c for c in row if c] for row in page.tables[0][1:]]
    assert rows == [
        ["规模以上工业增加值", "高于全市", "5"],
        ["规模以上工业增加值", "与全市持平", "1"],
        ["规模以上工业增加值", "低于全市", "6"],
        ["固定资产投资", "高于全市", "11"],
        ["固定资产投资", "低于全市", "1"],
        ["高新技术产业增加值", "高出全市规上工业2个百分点以上", "8"],
        ["高新技术产业增加值", "未高出全市规上工业2个百分点", "5"],
    ]  # no 比较基准（全市） 1 (the city is the benchmark of 规上 and 投资); 高新 tests the city too
    ledger = page.tables[1]
    city = next(row for row in ledger if row[0] == "郑州市")
    assert city[ledger[0].index("目标来源")] == "年度总量目标：未设"  # was 未设目标
    assert "目标完成率（%）" not in ledger[0]  # no target anywhere: no column of 未设目标


def test_the_three_fifty_tables_have_whole_counts_and_the_workbooks_headers(june):
    page, workbook = june
    goals = {row[1]: row[2:] for row in page.tables[8][1:]}
    assert goals == {
        "“三个50”：新开工50个": ["33", "50"],
        "“三个50”：续建50个": ["50", "50"],
        "“三个50”：竣工50个": ["14", "50"],
        "基础设施投资150亿元以上": ["83.0", ""],
        "实际利用市外资金700亿元以上": ["229.2", ""],
    }  # counts were 33.0, 50.0, 14.0
    assert _headers(page.tables[9]) == LIST_HEADERS  # were unitless, 已达到, 三个50类别
    sheet = pd.read_excel(workbook, sheet_name="三个50进度", header=1)
    assert list(sheet.columns) == LIST_HEADERS  # one set: data/catalog/columns.csv
    assert page.tables[9][-1][1:4] == ["合计", "150", "97"]


def test_the_workbook_says_1_6_month_and_the_statuses_in_words(june):
    _, workbook = june
    for name in INDICATORS:
        sheet = pd.read_excel(workbook, sheet_name=name, header=3)
        assert "本月累计（亿元）" not in sheet.columns
        assert ("1—6月累计（亿元）" in sheet.columns) == (name != "高新技术产业增加值")
        assert "未设目标" not in sheet.astype(str).to_numpy()
    high_tech = pd.read_excel(workbook, sheet_name="高新技术产业增加值", header=3)
    assert set(high_tech["方案目标状态"].dropna()) == {
        "高出全市规上工业2个百分点以上",
        "未高出全市规上工业2个百分点",
    }


def test_the_headers_name_the_months_of_the_year_to_date():
    assert header("ytd", "zh", month=pd.Period("2019-02", "M")) == "1—2月累计（亿元）"
    assert header("ytd", "zh", month=JUNE) == "1—6月累计（亿元）"
    assert header("ytd", "zh") == "本月累计（亿元）"  # no month given
    assert header("ytd", "en", month=JUNE) == "Year to date (100m yuan)"  # English unchanged
    assert header("progress_gap", "zh") == "超（落后）时序进度（个百分点）"
    assert header("annual_plan_investment", "en") == "Annual planned investment (100m yuan)"
    assert value_label("none") == "年度总量目标：未设" and value_label("none", "en") == (
        "no annual target set"
    )
    assert value_label("misses_gap", "en") == "misses city above-scale growth + 2 pp"


def test_captions_are_numbered_in_order_and_say_the_year_in_december():
    captions = Captions(JUNE)
    assert captions("indicator", indicator="fai") == "表1\u3000固定资产投资（2019年1—6月）"
    assert (
        captions("projection", indicator="fai") == "表2\u3000固定资产投资全年累计增速预计（2019年）"
    )
    december = Captions(pd.Period("2019-12", "M"))
    assert december("projection", indicator="fai") == "表1\u3000固定资产投资全年累计增速（2019年）"
    assert december("indicator", indicator="fai") == "表2\u3000固定资产投资（2019年1—12月）"
    english = Captions(JUNE, "en")
    assert (
        english("indicator", indicator="fai")
        == "Table 1. Fixed-asset investment (January–June 2019)"
    )
    assert english("project_goals") == "Table 2. Key-project goals (as of June 2019)"
    shown = caption("表1\u3000固定资产投资（2019年1—6月）")
    assert shown._repr_html_() == "<h3>表1\u3000固定资产投资（2019年1—6月）</h3>"
    assert (
        repr(paragraph("a < b")) == "a < b"
        and paragraph("a < b")._repr_html_() == "<p>a &lt; b</p>"
    )


def test_status_counts_leave_the_benchmark_out():
    rows = pd.DataFrame(
        {
            "indicator": ["fai"] * 4 + ["hightech_va"] * 2,
            "region": ["city", "a", "b", "c", "city", "a"],
            "plan_status": ["", "below_city", "above_city", "no data", "meets_gap", "misses_gap"],
        }
    )
    counts = status_counts(rows)
    assert counts.values.tolist() == [
        ["fai", "above_city", 1],
        ["fai", "below_city", 1],
        ["fai", "no data", 1],
        ["hightech_va", "meets_gap", 1],  # the city's own high-tech test counts
        ["hightech_va", "misses_gap", 1],
    ]


def test_goal_figures_keep_counts_whole_beside_amounts():
    counts = pd.DataFrame(
        {
            "indicator": ["major_projects_started", "infrastructure_investment"],
            "actual": [33.0, 82.96],
            "listed": [50.0, np.nan],
            "metric": ["year_total"] * 2,
        }
    )
    shown = show(goal_figures(counts))
    assert shown["实际值"].tolist() == ["33", "83.0"] and shown["列入清单项目数"].tolist() == [
        "50",
        "",
    ]
