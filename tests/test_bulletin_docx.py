"""bulletin.docx: read back with python-docx; title, sections, tables and a figure vs tables/."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from html_page import Page
from lxml import etree

from clusterlib.coverage import Coverage
from clusterlib.publish.bulletin_docx import write_bulletin_docx
from clusterlib.publish.bulletin_layout import bulletin_content

CJK = re.compile(r"[\u4e00-\u9fff]")


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_batch_writes_the_bulletin_as_a_word_document(quarter_report):
    document = Document(quarter_report / "bulletin.docx")
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "2019年第二季度\n郑州市产业集聚区运行季通报"  # two lines
    assert document.core_properties.title == "2019年第二季度郑州市产业集聚区运行季通报"
    assert all(run.bold for run in paragraphs[0].runs)
    assert paragraphs[1].text.startswith("本通报使用合成演示数据")  # the demo data
    assert headings(document) == [
        "一、总体情况",
        "二、需要关注的目标",
        "三、目标达成情况",
        "四、全年累计增速",
    ]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋"

    at_risk, card, industry, investment = document.tables
    assert table_rows(at_risk)[0] == ["目标", "范围", "状态", "达成概率", "所需增速（%）"]
    assert table_rows(card)[0] == ["目标", "范围", "目标值", "达成概率", "所需增速（%）", "状态"]
    assert table_rows(industry)[0] == [
        "地区",
        "全年累计增速（%）",
        "全年累计增速80%区间下限（%）",
        "全年累计增速80%区间上限（%）",
        "依据",
    ]

    # the city's full-year growth and its band, as in tables/full_year.csv
    full = pd.read_csv(quarter_report / "tables" / "full_year.csv", encoding="utf-8-sig")
    for table, indicator in [(industry, "industry_va"), (investment, "fai")]:
        city = full[(full["region"] == "city") & (full["indicator"] == indicator)].iloc[0]
        expected = [
            f"{city[c]:.1f}" for c in ["full_year_growth", "full_year_lo_80", "full_year_hi_80"]
        ]
        assert table_rows(table)[1] == ["郑州市", *expected, "预计"]
        assert len(table.rows) == 1 + (full["indicator"] == indicator).sum()

    # the scorecard's goals are the headline goals of tables/goals.csv
    goals = pd.read_csv(quarter_report / "tables" / "goals.csv", encoding="utf-8-sig")
    headline = goals[goals["scope"].isin(["city", "all_clusters"])]
    assert len(card.rows) == 1 + len(headline)
    first = headline.iloc[0]
    assert table_rows(card)[1][3] == f"{first['probability']:.0%}"

    # two ranking charts, as pictures with captions
    assert len(document.inline_shapes) == 2
    captions = [p.text for p in document.paragraphs if p.text.startswith("图")]
    assert captions == [
        "图1　规模以上工业增加值：2019年预计全年累计增速",
        "图2　固定资产投资：2019年预计全年累计增速",
    ]
    described = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert described == captions  # a screen reader reads the caption, in Chinese


def test_the_html_bulletin_has_the_word_documents_sections_tables_and_captions(quarter_report):
    document = Document(quarter_report / "bulletin.docx")
    page = Page((quarter_report / "bulletin.html").read_text(encoding="utf-8"))
    assert page.text["h1"] == ["2019年第二季度郑州市产业集聚区运行季通报"]
    assert (
        page.text["h2"]
        == headings(document)
        == [
            "一、总体情况",
            "二、需要关注的目标",
            "三、目标达成情况",
            "四、全年累计增速",
        ]
    )
    # four tables, each with its caption and the same cells as in Word
    assert len(page.tables) == len(document.tables) == 4
    assert page.text["caption"] == [
        "需要关注的目标（逐个集聚区）",
        "目标达成情况",
        "规模以上工业增加值",
        "固定资产投资",
    ]
    assert page.tables == [table_rows(table) for table in document.tables]
    # two charts, numbered and described in Chinese, as the Word document's pictures
    captions = [
        "图1　规模以上工业增加值：2019年预计全年累计增速",
        "图2　固定资产投资：2019年预计全年累计增速",
    ]
    assert page.text["figcaption"] == captions
    assert page.alts == captions and len(document.inline_shapes) == 2
    # the same paragraphs, the demo notice first and the methods note last
    texts = [p.text for p in document.paragraphs if p.style.name == "Normal" and p.text]
    assert page.text["p"][0].startswith("本通报使用合成演示数据") and texts[0] == page.text["p"][0]
    assert page.text["p"][-1].startswith("历史检验") and texts[-1] == page.text["p"][-1]
    tables_and_charts = [*page.text["caption"], *captions]
    assert page.text["p"] == [t for t in texts if t not in tables_and_charts]


def test_english_bulletin_from_the_same_tables(quarter_report, tmp_path):
    content = bulletin_content(quarter_report / "tables", "2019Q2", "en", synthetic=True)
    write_bulletin_docx(content, tmp_path / "bulletin.docx", "en")
    document = Document(tmp_path / "bulletin.docx")
    assert (
        document.paragraphs[0].text == "Zhengzhou industrial clusters: quarterly bulletin, Q2 2019"
    )
    assert headings(document) == [
        "1. Overview",
        "2. Goals that need attention",
        "3. Goals: progress",
        "4. Full-year growth",
    ]
    headers = [cell.text for table in document.tables for cell in table.rows[0].cells]
    assert "Probability" in headers and not [h for h in headers if CJK.search(h)]
    assert content.paragraphs[0].startswith("Value added of above-scale industry: full-year")


@pytest.mark.parametrize("synthetic", [True, False])
def test_the_synthetic_notice_only_for_demo_data(quarter_report, tmp_path, synthetic):
    content = bulletin_content(quarter_report / "tables", "2019Q2", "zh", synthetic)
    write_bulletin_docx(content, tmp_path / "b.docx", "zh")
    text = "\n".join(p.text for p in Document(tmp_path / "b.docx").paragraphs)
    assert ("合成演示数据" in text) == synthetic


def test_missing_data_are_said_first_in_the_bulletin(quarter_report, tmp_path):
    # the batch writes tables/missing_data.csv when the data lack something at the quarter
    tables = tmp_path / "tables"
    shutil.copytree(quarter_report / "tables", tables)
    gaps = Coverage("2019Q2", regions=("airport",))
    gaps.frame().to_csv(tables / "missing_data.csv", index=False)
    content = bulletin_content(tables, "2019Q2", "zh", synthetic=True)
    assert content.paragraphs[0] == gaps.sentence("zh")
    assert "郑州航空港产业集聚区无2019年第二季度数据" in content.paragraphs[0]
    plain = bulletin_content(quarter_report / "tables", "2019Q2", "zh", synthetic=True)
    assert content.paragraphs[1:] == plain.paragraphs  # the rest as without the gap


def test_the_chinese_fonts_are_declared_with_a_fallback(quarter_report, tmp_path):
    # where 仿宋 or 黑体 is not installed, Word takes the alternate name, then a font of the
    # GB2312 character set (86); the font table of the document says so
    content = bulletin_content(quarter_report / "tables", "2019Q2", "zh", synthetic=True)
    write_bulletin_docx(content, tmp_path / "b.docx", "zh")
    table = Document(tmp_path / "b.docx").part.part_related_by(RT.FONT_TABLE)
    fonts = {f.get(qn("w:name")): f for f in etree.fromstring(table.blob).iter(qn("w:font"))}
    for name, alternate in (("仿宋", "FangSong"), ("黑体", "SimHei")):
        assert fonts[name].find(qn("w:altName")).get(qn("w:val")) == alternate
        assert fonts[name].find(qn("w:charset")).get(qn("w:val")) == "86"


def test_no_series_fitted_by_the_quarterly_models_no_method_nor_coverage_claimed(
    quarter_report, tmp_path
):
    # as in a 2011Q2 run, where every full-year series is too short for the quarterly models
    full = pd.read_csv(quarter_report / "tables" / "full_year.csv", encoding="utf-8-sig")
    every = tuple(zip(full["region"], full["indicator"], strict=True))
    content = bulletin_content(quarter_report / "tables", "2019Q2", "zh", True, naive=every)
    [outlook] = [p for p in content.paragraphs if p.startswith("全年预计")]
    assert outlook.startswith("全年预计使用截至1—6月的数据。全市及各集聚区的")  # all 13
    assert outlook.endswith("全年预计均为朴素预测（延续最近一季），未经回测。")
    assert "季度模型" not in outlook and "覆盖" not in outlook and "%" not in outlook
    plain = bulletin_content(quarter_report / "tables", "2019Q2", "zh", True)
    [method] = [p for p in plain.paragraphs if p.startswith("全年预计")]
    assert method.startswith("全年预计使用截至1—6月的数据，预测方法：季度模型预测。")
