"""The `clusterlib evaluate` command: report folder contents, headers, atomic replacement."""

from __future__ import annotations

import json
import re

import nbformat
import openpyxl
import pandas as pd
import pytest
import yaml
from html_page import Page
from nbformat.sign import NotebookNotary

from clusterlib import paths
from clusterlib.cli import main


def test_evaluate_writes_the_report_and_a_failed_run_keeps_it(tmp_path, capsys):
    assert main(["evaluate", "--year", "2018", "--out", str(tmp_path)]) == 0
    folder = tmp_path / "evaluation" / "2018"
    printed = capsys.readouterr().out.splitlines()
    summary = re.fullmatch(
        r"2018年考评：12个集聚区参评（数据截至2018年第四季度）；相邻名次11处中，"
        r"(\d+)处领先后一名的概率不低于90%（设定的阈值，不是显著性检验）",
        printed[0],
    )
    assert summary and printed[1:] == [f"已写入：{folder}"]
    assert sorted(p.name for p in folder.iterdir()) == [
        "07_evaluation.ipynb", "evaluation.csv", "evaluation.html", "evaluation.xlsx",
        "manifest.json",
    ]  # fmt: skip
    executed = nbformat.read(folder / "07_evaluation.ipynb", as_version=4)
    assert NotebookNotary().check_signature(executed)
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert "<title>2018年度郑州市产业集聚区考评</title>" in page
    assert "本报告使用合成演示数据" in page and "<img" in page  # the notice and the charts
    assert Page(page).alts == ["2018年度产业集聚区综合排名与排名区间"]  # not nbconvert's English
    assert "run_evaluation" not in page  # no code
    heads = re.findall(r"<h2[^>]*>([^<]*)", page)
    assert heads == [
        "一、综合排名",
        "二、排名区间（80%）",
        "三、星级图",
        "四、数据缺失",
        "五、说明",
    ]
    assert "Composite score" not in page  # the notebook's notes for Jupyter readers stay out
    sheets = pd.read_excel(folder / "evaluation.xlsx", sheet_name=None, header=1)  # row 1: demo
    assert list(sheets) == ["评价结果", "指标得分", "排名区间", "数据质量", "说明", "数据缺失"]
    results = sheets["评价结果"]
    assert {"综合得分", "市内排名", "估计星级（仅按郑州排名）", "得分·主营业务收入"} <= set(
        results.columns
    )
    assert {"排名（缺失取最低分）", "排名（缺失记0分）", "达到方案目标数"} <= set(results.columns)
    assert set(results["上年星级来源"].dropna()) == {  # was the source text, e.g. "synthetic: …"
        "官方公布：http://news.yuduxx.com/mszx/813814.html",
        "演示名单（合成）",
    }
    assert sorted(results["市内排名"]) == list(range(1, 13))
    assert len(sheets["指标得分"]) == 12 * 15
    intervals = sheets["排名区间"]
    assert {"排名区间（80%，最好）", "领先后一名的概率", "领先后一名的概率≥90%"} <= set(intervals)
    assert (intervals["领先后一名的概率≥90%"] == "是").sum() == int(summary[1])  # as printed
    assert not any("显著" in column for sheet in sheets.values() for column in sheet.columns)
    assert "约179个产业集聚区" in sheets["说明"]["说明"].iloc[0]
    assert sheets["数据质量"]["指标代码"].tolist() == ["high_energy_share"]  # 金岱, planted
    # T7B-11: values with units, a count of firms without decimals, 持平 as the page says
    # (star_map), and what the missing-data rule did said once (处理结果), not twice
    assert {
        "指标值·主营业务收入（亿元）", "指标值·主导产业增加值占比（%）",
        "指标值·高新技术产业增加值增速（%）", "指标值·规模以上工业企业数（个）",
    } <= set(results.columns)  # fmt: skip
    changes = results["星级变化（估计）"]
    assert "持平" in set(changes) and set(changes.dropna()) <= {"晋级", "降级", "持平"}
    assert list(sheets["数据质量"].columns[:4]) == ["产业集聚区", "指标名称", "得分", "处理结果"]
    book = openpyxl.load_workbook(folder / "evaluation.xlsx")["评价结果"]
    firms = next(c for c in book[2] if c.value == "指标值·规模以上工业企业数（个）").column
    assert {book.cell(row, firms).number_format for row in range(3, book.max_row + 1)} == {"0"}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] and manifest["year"] == 2018
    assert "data/demo/evaluation.csv" in manifest["inputs"]
    assert "data/official/facts/star_ratings.csv" in manifest["inputs"]
    before = (folder / "evaluation.csv").read_bytes()

    scheme = yaml.safe_load((paths.PARAMS / "evaluation_henan.yaml").read_text(encoding="utf-8"))
    scheme["aspects"]["green"]["weight"] = 0.5
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(scheme, allow_unicode=True), encoding="utf-8")
    args = ["evaluate", "--year", "2018", "--scheme", str(bad), "--out", str(tmp_path)]
    assert main([*args, "--lang", "en"]) == 1
    assert f"{bad}: key 'aspects': aspect weights sum to 1.4" in capsys.readouterr().err
    assert (folder / "evaluation.csv").read_bytes() == before


def test_star_map_and_chart_show_estimates_and_no_stars_for_parks():
    from clusterlib.evaluation.charts import LEAD_COLOUR, rank_interval_chart, star_map
    from clusterlib.evaluation.report import run_evaluation

    run = run_evaluation(year=2018)
    table = star_map(run.results).set_index("产业集聚区")
    assert table.at["郑州金岱产业集聚区", "本年估计星级"] == "非省级"
    assert table.at["郑州金岱产业集聚区", "上年星级"] == "非省级"
    assert table.at["郑州航空港产业集聚区", "上年星级来源"] == "官方公布"
    assert table.at["郑州白沙产业集聚区", "上年星级来源"] == "演示名单（合成）"
    settings = run.scheme.uncertainty
    figure = rank_interval_chart(run.intervals, 2018, settings.level, settings.clear_lead)
    axes = figure.axes[0]
    dashed = [line for line in axes.lines if line.get_linestyle() == "--"]
    # one dashed line per clear lead, plus the legend's sample
    assert len(dashed) == int(run.intervals["clear_lead"].sum()) + 1
    assert all(line.get_color() == LEAD_COLOUR for line in dashed)
    stars = [text.get_text() for text in axes.texts]
    assert len(stars) == int(run.intervals["provincial"].sum())  # none beside 金岱
    assert all(text.startswith("估") for text in stars)
    labels = [text.get_text() for text in axes.get_legend().get_texts()]
    assert "领先后一名的概率≥90%" in labels and not any("显著" in label for label in labels)


def test_last_years_stars_estimated_by_the_rule_are_said_on_the_terminal(tmp_path, capsys):
    """No star list holds 2012: every provincial cluster's 2012 stars come from the rule,
    which the manifest counted but the terminal did not say."""
    assert main(["evaluate", "--year", "2013", "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().err.splitlines()
    (line,) = [line for line in lines if "星级名单" in line]
    assert line.startswith(
        "警告：2012年星级名单中没有以下11个集聚区，上年星级按规则估计：郑州经济技术产业集聚区、"
    )
    assert line.endswith("郑州市新材料产业集聚区和马寨产业集聚区")
    results = pd.read_excel(tmp_path / "evaluation/2013/evaluation.xlsx", header=1)
    assert set(results["上年星级来源"].dropna()) == {"按规则估计"}


def test_an_as_of_before_the_year_is_a_usage_error_in_the_commands_language(tmp_path, capsys):
    """--year 2019 --as-of 2018Q4 used to say the evaluation data (2010 to 2019) skip 2019,
    exit 1: the data reach 2019, the cut is before it. Exit 2, nothing written."""
    args = ["evaluate", "--year", "2019", "--as-of", "2018Q4", "--out", str(tmp_path)]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "错误：--as-of 2018Q4（2018年第四季度）早于2019年：考评2019年须给出2019年的季度"
        "（如2019Q2），或不给（默认为2019年第四季度）\n"
    )
    assert main([*args, "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "error: --as-of 2018Q4 comes before 2019: to evaluate 2019 give a quarter of 2019 "
        "(e.g. 2019Q2) or none (default 2019Q4)\n"
    )
    assert not list(tmp_path.iterdir())


def test_the_evaluated_quarter_is_the_cut_a_quarter_of_the_year():
    from clusterlib.evaluation.report import evaluation_cut
    from clusterlib.exceptions import UsageError

    assert evaluation_cut(2018) == pd.Period("2018Q4", freq="Q-DEC")
    assert evaluation_cut(2019, "2019Q2") == pd.Period("2019Q2", freq="Q-DEC")
    with pytest.raises(UsageError, match="comes after 2018"):
        evaluation_cut(2018, "2019Q2")  # it used to evaluate 2018 at 2018Q4 silently


def test_an_as_of_after_the_year_is_a_usage_error_in_the_commands_language(tmp_path, capsys):
    """--year 2018 --as-of 2019Q2 used to evaluate 2018 at 2018Q4 without a word. Exit 2."""
    args = ["evaluate", "--year", "2018", "--as-of", "2019Q2", "--out", str(tmp_path)]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "错误：--as-of 2019Q2（2019年第二季度）晚于2018年：考评2018年须给出2018年的季度"
        "（如2018Q2），或不给（默认为2018年第四季度）\n"
    )
    assert main([*args, "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "error: --as-of 2019Q2 comes after 2018: to evaluate 2018 give a quarter of 2018 "
        "(e.g. 2018Q2) or none (default 2018Q4)\n"
    )
    assert not list(tmp_path.iterdir())
