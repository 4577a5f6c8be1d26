"""bulletin.html's body: the layout's numbered sections, captioned tables and described charts,
escaped; read back with the standard library's HTML parser."""

from __future__ import annotations

import numpy as np
import pandas as pd
from html_page import Page

from clusterlib.publish.bulletin_layout import BulletinContent, full_year_table, heading, sections
from clusterlib.publish.bulletin_page import bulletin_html


def full_year(indicator: str = "industry_va") -> pd.DataFrame:
    growth = {"city": 7.0, "econ_tech": 9.5, "airport": 8.0, "gongyi": 4.0}
    return pd.DataFrame(
        {
            "region": list(growth),
            "indicator": indicator,
            "full_year_growth": list(growth.values()),
            "year": 2019,
            "basis": "forecast",
        }
    )


def goals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "goal_id": ["a", "<b>b</b>"],
            "scope": ["city", "all_clusters"],
            "status": ["on track", "off track"],
            "probability": [0.8, 0.12],
            "required_growth": [np.nan, 14.4],
            "threshold": [8.0, 35.0],
        }
    )


def content(synthetic: bool = True, note: str = "最小可识别领先 <3 pp") -> BulletinContent:
    return BulletinContent(
        title="2019年第二季度郑州市产业集聚区运行季通报",
        synthetic=synthetic,
        paragraphs=["<script>alert(1)</script>", "第二段"],
        items=["=1+1 & <b>"],
        note=note,
        goals=goals(),
        full={"industry_va": full_year(), "fai": full_year("fai")},
    )


def test_the_page_has_the_numbered_sections_tables_and_captioned_charts():
    page = Page(bulletin_html(content(), "zh"))
    assert page.text["h1"] == ["2019年第二季度郑州市产业集聚区运行季通报"]
    assert page.text["h2"] == [
        "一、总体情况",
        "二、需要关注的目标",
        "三、目标达成情况",
        "四、全年累计增速",
    ]
    # the goals off track (one), the scorecard (the city and all clusters), two indicators
    assert page.text["caption"] == [
        "需要关注的目标（逐个集聚区）",
        "目标达成情况",
        "规模以上工业增加值",
        "固定资产投资",
    ]
    industry = page.tables[2]
    assert industry[0][0] == "地区" and industry[0][-1] == "依据"
    # the city first, then the fastest cluster first
    assert [row[:2] for row in industry[1:]] == [
        ["郑州市", "7.0"],
        ["郑州经济技术产业集聚区", "9.5"],
        ["郑州航空港产业集聚区", "8.0"],
        ["巩义市产业集聚区", "4.0"],
    ]
    captions = [
        "图1　规模以上工业增加值：2019年预计全年累计增速",
        "图2　固定资产投资：2019年预计全年累计增速",
    ]
    assert page.text["figcaption"] == captions
    assert page.alts == captions  # the charts are described in the report's language


def test_the_page_escapes_text_and_says_demo_data_first_and_the_note_last():
    html = bulletin_html(content(), "zh")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "=1+1 &amp; &lt;b&gt;" in html
    page = Page(html)
    assert page.text["p"][0].startswith("本通报使用合成演示数据")
    assert page.text["p"][-1] == "最小可识别领先 <3 pp"
    assert "font-size:smaller" in html.rsplit("<p", 1)[-1]
    plain = Page(bulletin_html(content(synthetic=False, note=""), "zh"))
    assert not [p for p in plain.text["p"] if "合成演示数据" in p]
    assert plain.text["p"][-1] == "=1+1 & <b>"  # no note: the last paragraph is the last item


def test_tables_align_text_left_and_numbers_right():
    page = Page(bulletin_html(content(), "zh"))
    at_risk = page.tables[0]
    assert at_risk[0] == ["目标", "范围", "状态", "达成概率", "所需增速（%）"]
    assert at_risk[1] == ["<b>b</b>", "全部集聚区（合计）", "偏离", "12%", "14.4"]
    sides = [style.removeprefix("text-align:") for style in page.aligns[:5]]
    assert sides == ["left", "left", "left", "right", "right"]


def test_the_page_and_the_word_document_share_one_layout():
    layout = sections(content(), "en")
    assert [s.heading for s in layout] == [
        "1. Overview",
        "2. Goals that need attention",
        "3. Goals: progress",
        "4. Full-year growth",
    ]
    assert heading(9, "说明") == "十、说明"
    page = Page(bulletin_html(content(), "en"))
    assert page.text["h2"] == [s.heading for s in layout]
    assert page.alts[0].startswith("Figure 1. Value added of above-scale industry: ")
    without_goals = BulletinContent(**{**content().__dict__, "items": [], "goals": goals()[:0]})
    assert [s.heading for s in sections(without_goals, "zh")] == [
        "一、总体情况",
        "二、全年累计增速",
    ]


def test_a_year_of_actuals_has_no_interval_columns():
    """At Q4 every figure is the year's actual: no 80% interval, so no empty columns."""
    actual = full_year().assign(basis="actual", full_year_lo_80=np.nan, full_year_hi_80=np.nan)
    table = full_year_table(actual, "zh")
    assert list(table.columns) == ["地区", "全年累计增速（%）", "依据"]
    assert table["依据"].tolist() == ["实际"] * 4
    open_year = full_year().assign(full_year_lo_80=[6.0, 8.0, 7.0, 3.0], full_year_hi_80=np.nan)
    assert "全年累计增速80%区间下限（%）" in full_year_table(open_year, "zh")
