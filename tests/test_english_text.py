"""English documents carry no Chinese: every English template of the catalogues is English."""

from __future__ import annotations

import re
from types import ModuleType

import pandas as pd
import pytest

from clusterlib import labels, paths
from clusterlib.evaluation import report as evaluation_report
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.ledger import labels as ledger_labels
from clusterlib.ledger import report as ledger_report
from clusterlib.ledger.report import _title_lines
from clusterlib.messages import CATALOGUE
from clusterlib.publish.workbook import display_table
from clusterlib.scenarios.report import describe
from clusterlib.scenarios.spec import GrowthShock, LevelShock

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
"""Chinese characters and the full-width punctuation (，；：（）) of Chinese text."""

LITERALS = ("是/否", "(亿元)", "(万元)", "'单位：万元'", "2019年1—6月", "1—6月", "上半年", "一季度")
"""Chinese an English message must quote as is: cell values the readers accept (是/否) and the
headers, notes and period labels of the bureau's Chinese release tables the importer reads;
the user has to find or type exactly these characters."""

MODULES = (labels, ledger_labels, ledger_report, evaluation_report)
"""Modules whose (zh, en) tables and {"zh": ..., "en": ...} dicts hold text users read."""


def _english(item: object, english: bool = False) -> list[str]:
    """Every English string inside ``item``: a (zh, en) pair's second, an ``en`` dict's values."""
    if isinstance(item, str):
        return [item] if english else []
    if isinstance(item, dict):
        return [
            text for key, value in item.items() for text in _english(value, english or key == "en")
        ]
    if isinstance(item, tuple | list):
        pair = len(item) >= 2 and all(isinstance(part, str) for part in item[:2])
        pair = pair and bool(CJK.search(item[0]))
        return [
            text
            for i, part in enumerate(item)
            for text in _english(part, english or (pair and i == 1))
        ]
    return []


def _chinese_left(text: str) -> list[str]:
    for literal in LITERALS:
        text = text.replace(literal, "")
    return CJK.findall(text)


def _tables(module: ModuleType) -> dict[str, object]:
    return {name: value for name, value in vars(module).items() if name.isupper()}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_no_english_message_holds_chinese(key):
    assert _chinese_left(CATALOGUE[key][1]) == []


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_no_english_label_holds_chinese(module):
    found = {
        name: text
        for name, table in _tables(module).items()
        for text in _english(table)
        if _chinese_left(text)
    }
    assert found == {}


def test_the_walk_finds_the_english_of_both_kinds_of_table():
    """The test above reads what it should: a pair's English and an ``en`` dict's values."""
    assert _english({"a": ("三个50", "Three 50s"), "b": ("x", "y")}) == ["Three 50s"]
    assert _english({"zh": {"k": "甲"}, "en": {"k": "A"}}) == ["A"]
    assert _chinese_left("the 三个50 list") == ["三", "个"]
    assert _chinese_left("expected (亿元) in the header") == []


@pytest.mark.parametrize("file", ["columns.csv", "regions.csv", "indicators.csv"])
def test_no_english_name_of_the_data_catalogue_holds_chinese(file):
    table = pd.read_csv(paths.DATA / "catalog" / file, dtype=str)
    names = table["name_en"].dropna()
    assert names[names.map(lambda name: bool(_chinese_left(name)))].to_dict() == {}


def test_the_old_english_texts_with_chinese_now_read_in_english():
    """Hand-picked: the texts a tester found in English reports."""
    assert labels.COMMAND_TEXT["en"]["january_alone"].format(period="2019-01", month="2019-02") == (
        "no ledger for 2019-01: January is never published alone (the January–February "
        "year-to-date figures appear together in February); ask for 2019-02"
    )
    assert (
        labels.REPORT_SECTIONS["ledger_three_fifty"][1] == "5. The Three 50s list of key projects"
    )
    assert labels.yuan_amount(50) == "5 billion yuan"
    assert labels.yuan_amount(-2.5) == "250 million yuan"


def test_a_scenarios_shocks_read_in_english_words():
    """comparison.html's shocks: names, the period as said, the amount in yuan (60亿元 = 6
    billion yuan, 2.5亿元 = 250 million yuan), growth in percentage points."""
    quarter = pd.Period("2019Q4", freq="Q-DEC")
    level = LevelShock("fai", "airport", -60.0, quarter)
    assert describe(level, "en") == (
        "Fixed-asset investment of Zhengzhou Airport Cluster 6 billion yuan lower in 2019 Q4"
    )
    assert describe(LevelShock("fai", "airport", 2.5, quarter), "en") == (
        "Fixed-asset investment of Zhengzhou Airport Cluster 250 million yuan higher in 2019 Q4"
    )
    growth = GrowthShock("industry_va", ("city",), -2.0, pd.Period("2019-08", freq="M"))
    assert describe(growth, "en") == (
        "Growth of value added of above-scale industry of Zhengzhou city 2 percentage points "
        "lower from August 2019"
    )
    assert describe(level, "zh") == "郑州航空港产业集聚区2019年第四季度固定资产投资减少60亿元"
    assert describe(level) == "-60 100m_yuan of fai in airport in 2019Q4"  # the manifest's ids


def test_english_sheets_name_the_enterprise_and_official_words_in_english():
    """C firms' gaps, enterprise classes, the official record's months: no Chinese cell in
    English; the Chinese sheet as before (its 中文名称 under the indicator)."""
    table = pd.DataFrame(
        {
            "indicator": ["tax_per_mu", "tax_per_emission"],
            "name_zh": ["亩均税收", "单位污染排放税收"],
            "unit": ["万元/亩", "万元/吨"],
            "class_name": ["鼓励提升类", "倒逼转型类"],
            "months": ["1—12月", "1—9月"],
        }
    )
    english = display_table(table, "en")
    assert "name_zh" not in english
    assert english["unit"].tolist() == ["10,000 yuan per mu", "10,000 yuan per tonne"]
    assert english["class_name"].tolist() == ["encouraged to improve", "pressed to transform"]
    assert english["months"].tolist() == ["January–December", "January–September"]
    chinese = display_table(table, "zh")
    assert chinese["indicator"].tolist() == ["亩均税收", "单位污染排放税收"]
    assert chinese["unit"].tolist() == ["万元/亩", "万元/吨"]
    assert chinese["months"].tolist() == ["1—12月", "1—9月"]


def test_the_key_projects_words_read_in_english():
    """Statuses, categories and the list's parts of the register (data) in the ledger's and
    the bulletin's English sheets; the header of the list's column."""
    table = pd.DataFrame(
        {
            "category": ["工业", "基础设施"],
            "three_fifty": ["竣工", "续建"],
            "status": ["续建", "签约"],
        }
    )
    english = display_table(table, "en")
    assert english["category"].tolist() == ["industry", "infrastructure"]
    assert english["three_fifty"].tolist() == ["completion", "continuing"]
    assert english["status"].tolist() == ["continuing", "signed"]
    assert display_table(table, "zh")["status"].tolist() == ["续建", "签约"]
    assert labels.column_label("three_fifty", "en") == "Three 50s list"
    assert labels.column_label("name", "en") == "Project (name as registered)"  # Chinese: data
    assert ledger_labels.header("name", "en") == "Project (name as registered)"


def test_the_ledgers_as_of_line_is_punctuated_in_its_language():
    month = pd.Period("2019-06", freq="M")
    title = {"as_of": "2019-06", "synthetic": True}
    english = _title_lines("fai", month, title, "en")[1]
    assert english == "data as of 2019-06; " + ledger_labels.text("synthetic", "en")
    assert _title_lines("fai", month, title, "zh")[1].startswith("数据截至2019年6月；")


def test_the_evaluations_exit_threshold_is_in_yuan_in_english():
    scheme = load_scheme(evaluation_report.DEFAULT_SCHEME)
    results = pd.DataFrame(
        {
            "region": ["airport"],
            "region_name": ["Zhengzhou Airport Cluster"],
            "provincial": [True],
            "previous_stars_by_rule": [False],
            "synthetic": [False],
            "no_data": [False],
        }
    )
    english = evaluation_report.report_notes(results, scheme, "en", 2018)["note"].tolist()
    assert (
        "The exit threshold (bottom 10% of the provincial clusters or revenue below 5 billion "
        "yuan) is an assumption of this project."
    ) in english
    assert any(
        note.startswith("2018 precedes the plan (Zheng Zheng Ban [2019] No. 32,")
        for note in english
    )
    chinese = evaluation_report.report_notes(results, scheme, "zh", 2018)["note"].tolist()
    assert "退出线（省级集聚区中排名后10%或主营业务收入低于50亿元）为本项目假设。" in chinese
