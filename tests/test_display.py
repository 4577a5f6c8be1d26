"""Tables for reading: names for codes, labelled headers, rounded numbers, 是/否."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib.labels import command_text, period_name
from clusterlib.publish.display import WHOLE_TABLES, section, show, show_whole_tables
from clusterlib.publish.workbook import display_table

GOALS = pd.DataFrame(
    {
        "goal_id": ["va_growth_all_clusters", "va_growth_each_cluster"],
        "scope": ["all_clusters", "airport"],
        "status": ["at risk", "on track"],
        "probability": [0.4321, 0.966],
        "required_growth": [8.214060, np.nan],
        "rank": [1.0, 2.0],
        "met": [False, True],
        "model": ["combo", "snaive"],
        "code_only": ["x", "y"],
    }
)


def test_chinese_names_words_and_rounded_numbers() -> None:
    shown = show(GOALS, "zh")
    assert list(shown.columns) == [
        "目标", "范围", "状态", "达成概率", "所需增速（%）", "排名", "是否达成", "模型", "code_only"
    ]  # fmt: skip
    first, second = shown.iloc[0].tolist(), shown.iloc[1].tolist()
    assert first == [
        "集聚区整体规上工业增加值增速高于全市", "全部集聚区（合计）", "有风险", "43%", "8.2", "1",
        "否", "组合预测", "x",
    ]  # fmt: skip
    assert second[1:7] == ["郑州航空港产业集聚区", "有望达成", "97%", "", "2", "是"]
    assert second[7] == "季节性朴素预测"


def test_english_and_chosen_columns_in_order() -> None:
    shown = show(GOALS, "en", columns=["scope", "met", "required_growth"], digits=3)
    assert list(shown.columns) == ["Scope", "Met", "Required growth (%)"]
    assert shown.iloc[0].tolist() == ["All clusters together", "no", "8.214"]
    assert shown.iloc[1].tolist() == ["Zhengzhou Airport Cluster", "yes", ""]


def test_digits_per_column_keeps_decimals_of_whole_numbers() -> None:
    table = pd.DataFrame({"mase": [1.0, 0.8765], "smape": [12.345, 10.0], "n": [3, 4]})
    shown = show(table, "zh", digits={"mase": 2})
    assert shown.iloc[0].tolist() == ["1.00", "12.3", "3"]
    assert shown.iloc[1].tolist() == ["0.88", "10.0", "4"]


def test_missing_column_is_an_error() -> None:
    with pytest.raises(KeyError):
        show(GOALS, "zh", columns=["nonexistent"])


def test_a_missing_boolean_is_an_empty_cell_not_nan():
    # the evaluation's below_exit is NA for municipal parks (ranked, not starred)
    table = pd.DataFrame({"below_exit": pd.array([True, False, None], dtype="boolean")})
    assert show(table, "zh")["低于退出线"].tolist() == ["是", "否", ""]


def test_whole_tables_show_every_row_and_the_full_text():
    """Under pandas' defaults a 100-row table loses rows and a long address its end; after
    show_whole_tables() the notebook's HTML holds every row and the whole address."""
    address = "https://tjj.zhengzhou.gov.cn/" + "tjsj/" * 20 + "index.html"
    table = pd.DataFrame({"来源": [address] * 100, "序号": range(100)})
    with pd.option_context("display.max_rows", 60, "display.max_colwidth", 50):
        assert address not in table._repr_html_()
        with pd.option_context(*[x for item in WHOLE_TABLES.items() for x in item]):
            html = table._repr_html_()
    assert address in html and ">99<" in html
    with pd.option_context("display.max_rows", 60, "display.max_colwidth", 50):
        show_whole_tables()
        assert pd.get_option("display.max_colwidth") is None
        assert pd.get_option("display.max_rows") == 1000


def test_rows_that_name_themselves_show_their_own_names() -> None:
    """c_firm_gaps carries the enterprise rules' names (name_zh): shown in Chinese, while the
    catalogue's word for revenue_per_mu (亩均收入) and English fall back as before."""
    gaps = pd.DataFrame(
        {"indicator": ["tax_per_mu", "revenue_per_mu"], "name_zh": ["亩均税收", "亩均营业收入"]}
    )
    assert list(show(gaps, "zh", ["indicator"])["指标"]) == ["亩均税收", "亩均营业收入"]
    assert list(show(gaps, "en", ["indicator"])["Indicator"]) == [
        "Tax per mu (10k yuan)",
        "Revenue per mu",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notebook_tables_and_workbooks_name_codes_alike(lang: str) -> None:
    codes = pd.DataFrame(
        {
            "region": ["airport", "total", "each_cluster"],
            "indicator": ["fai", "tax_per_mu", "industry_va"],
            "column": ["land_mu", "tax", "region"],
        }
    )
    in_notebook = show(codes, lang)
    in_workbook = display_table(codes, lang)
    for position, code in enumerate(codes.columns):
        assert in_notebook.iloc[:, position].tolist() == in_workbook[code].tolist()
    if lang == "zh":
        assert in_notebook.iloc[:, 0].tolist() == ["郑州航空港产业集聚区", "合计", "每个集聚区"]
        assert in_notebook.iloc[0, 1] == "固定资产投资"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_sections_are_numbered_heads_in_the_reports_language(lang: str) -> None:
    head = section("ledger_plan_test", lang).data
    assert head == (
        "<h2>一、方案目标状态</h2>" if lang == "zh" else "<h2>1. The plan&#x27;s test</h2>"
    )
    with pytest.raises(KeyError):
        section("no_such_section", lang)


def test_periods_read_as_the_office_writes_them_in_chinese():
    assert [period_name(p) for p in ("2018", "2019Q2", "2019-06", "2019-11")] == [
        "2018年",
        "2019年第二季度",
        "2019年6月",
        "2019年11月",
    ]
    assert period_name("2019Q2", "en") == "2019Q2" and period_name("1–6月") == "1–6月"
    line = command_text("gap_regions", "zh", period="2019-06", n=1, names="新密市产业集聚区")
    assert line == "警告：2019年6月无数据的地区（1个）：新密市产业集聚区"
    assert command_text("gap_regions", None, period="2019-06", n=1, names="xinmi") == (
        "warning: no data for 2019-06 in 1 region(s): xinmi"
    )
