"""Bulletin text: plain sentences from result tables, in Chinese and English, always escaped."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterlib.publish import bulletin


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
    assert "full-year growth forecast 7.0%; 2 clusters" in en
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en)


def test_goals_sentence_counts_only_measurable_goals():
    assert (
        bulletin.goals_sentence(goals(), "zh")
        == "3项可量化目标中，2项已达成或有望达成，1项有风险或偏离。"
    )
    assert "Of 3 measurable goals, 2 are met or on track, 1 at risk" in bulletin.goals_sentence(
        goals(), "en"
    )


def test_goals_at_risk_give_probability_and_required_growth():
    [line] = bulletin.goals_at_risk(goals(), "en")
    assert (
        line == "c (Gongyi Cluster): off track, probability 12%, growth needed in the "
        "remaining quarters 14.4%"
    )


def test_html_escapes_text_and_labels_synthetic_data():
    html = bulletin.to_html(["<script>alert(1)</script>"], ["=1+1 & <b>"], "en", synthetic=True)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "=1+1 &amp; &lt;b&gt;" in html
    assert "SYNTHETIC" in html
    assert "SYNTHETIC" not in bulletin.to_html(["x"], [], "en", synthetic=False)


def test_titles():
    assert bulletin.title("2019Q2", "zh") == "2019年第2季度郑州市产业集聚区运行季通报"
    assert bulletin.title("2019Q2", "en").endswith("Q2 2019")
