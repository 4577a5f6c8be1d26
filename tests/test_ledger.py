"""Tests of the indicator ledger: the plan's test, 时序进度, targets, settings, the command."""

from __future__ import annotations

import dataclasses
import json
import re

import nbformat
import numpy as np
import pandas as pd
import pytest
import yaml
from html_page import Page
from nbformat.sign import NotebookNotary

from clusterlib import catalog, cli, paths
from clusterlib.exceptions import DataValidationError, ParameterError
from clusterlib.inputs.panel import load_records
from clusterlib.ledger.indicators import indicator_ledger, monthly_table
from clusterlib.ledger.plan_tests import (
    PLAN_TESTS,
    benchmark_warnings,
    missing_benchmarks,
    published_gap,
)
from clusterlib.ledger.progress import time_progress
from clusterlib.ledger.settings import LedgerSettings, load_ledger_settings
from clusterlib.ledger.targets import load_targets

SETTINGS = LedgerSettings(
    data=("data/demo/monthly.csv",),
    projects="",
    lang="zh",
    indicators=("industry_va", "fai"),
    seasonal_years=3,
)
HEADER = "region,indicator,year,measure,value,source,reference\n"


@pytest.fixture(scope="module")
def table():
    return monthly_table(load_records(paths.DEMO / "monthly.csv"))


@pytest.fixture(scope="module")
def raw():
    """The committed file as plain numbers, for the hand calculation."""
    frame = pd.read_csv(paths.DEMO / "monthly.csv")
    return frame.set_index(["region", "indicator", "measure", "period"])["value"]


def _targets(tmp_path, rows: str) -> pd.DataFrame:
    path = tmp_path / "targets.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return load_targets(path)


def test_time_progress_is_months_over_twelve():
    assert time_progress(6) == 50.0
    assert round(time_progress(2), 1) == 16.7 and time_progress(12) == 100.0


def test_econ_tech_fai_june_2019_is_below_the_city(table, raw):
    ledger = indicator_ledger(table, "2019-06", SETTINGS)
    row = ledger.set_index(["region", "indicator", "month"]).loc[("econ_tech", "fai", "2019-06")]
    own, city = (
        raw[("econ_tech", "fai", "growth", "2019-06")],
        raw[("city", "fai", "growth", "2019-06")],
    )
    assert (own, city) == (5.7, 8.5)  # read by hand from data/demo/monthly.csv
    assert row["benchmark"] == 8.5 and row["gap_benchmark"] == pytest.approx(-2.8)
    assert row["plan_status"] == "below_city"


def test_airport_fai_june_2019_by_hand(table, raw, tmp_path):
    targets = _targets(tmp_path, "airport,fai,2019,growth,15,user-set,test target\n")
    ledger = indicator_ledger(table, "2019-06", SETTINGS, targets=targets)
    rows = ledger.set_index(["region", "indicator", "month"])
    row = rows.loc[("airport", "fai", "2019-06")]

    def level(region, period):
        return raw[(region, "fai", "level", period)]

    def growth(region, period):
        return raw[(region, "fai", "growth", period)]

    assert row["ytd"] == level("airport", "2019-06")
    assert row["month_value"] == pytest.approx(
        level("airport", "2019-06") - level("airport", "2019-05")
    )
    february = rows.loc[("airport", "fai", "2019-02")]
    assert february["month_value"] == level("airport", "2019-02")  # 1–2月 is the two months
    assert row["growth"] == growth("airport", "2019-06")
    assert row["growth_change"] == pytest.approx(
        growth("airport", "2019-06") - growth("airport", "2019-05")
    )
    assert row["gap_benchmark"] == pytest.approx(
        growth("airport", "2019-06") - growth("city", "2019-06")
    )
    clusters = [r for r in raw.index.get_level_values("region").unique() if r != "city"]
    faster = sum(growth(c, "2019-06") > growth("airport", "2019-06") for c in clusters)
    assert row["rank"] == 1 + faster
    target = level("airport", "2018-12") * 1.15  # the declared target: +15%
    assert row["target"] == pytest.approx(target) and row["target_source"] == "user-set"
    completion = 100 * level("airport", "2019-06") / target
    assert row["completion"] == pytest.approx(completion)
    assert row["time_progress"] == 50.0
    assert row["progress_gap"] == pytest.approx(round(round(completion, 1) - 50.0, 1))
    assert row["progress_status"] == ("ahead" if completion > 50.05 else "behind")
    shares = [level("airport", f"{y}-06") / level("airport", f"{y}-12") for y in (2016, 2017, 2018)]
    assert row["seasonal_share"] == pytest.approx(100 * np.mean(shares))
    assert row["seasonal_basis"] == "seasonal"
    other = rows.loc[("hitech", "fai", "2019-06")]  # no target declared for it
    assert other["target_source"] == "none" and np.isnan(other["completion"])
    assert other["progress_status"] == "" and other["time_progress"] == 50.0


def _growth_only(city_industry: float, hightech: dict[str, float]) -> pd.DataFrame:
    """A one-month table of growth-only series: the city's 规上 and high-tech growth."""
    period = pd.Period("2019-06", freq="M")
    rows = [("city", "industry_va", city_industry)]
    rows += [(region, "hightech_va", g) for region, g in hightech.items()]
    frame = pd.DataFrame(rows, columns=["region", "indicator", "growth"])
    return frame.assign(period=period, ytd=np.nan)


def test_hightech_one_and_a_half_points_above_misses_the_two_point_goal():
    table = _growth_only(8.0, {"city": 9.5, "econ_tech": 10.0, "airport": 12.3})
    settings = dataclasses.replace(SETTINGS, indicators=("hightech_va",))
    ledger = indicator_ledger(table, "2019-06", settings).set_index("region")
    assert list(ledger["indicator"].unique()) == ["hightech_va"]  # the 规上 row only serves
    assert ledger.at["city", "benchmark"] == 10.0
    assert ledger.at["city", "gap_benchmark"] == -0.5
    assert ledger.at["city", "plan_status"] == "misses_gap"  # +1.5 pp is short of +2 pp
    assert ledger.at["econ_tech", "plan_status"] == "meets_gap"  # exactly +2 pp meets it
    assert ledger.at["airport", "plan_status"] == "meets_gap"
    assert ledger["seasonal_basis"].eq("no level").all() and ledger["completion"].isna().all()


def test_hightech_without_the_citys_industry_growth_has_no_benchmark_and_is_said():
    """No city 规上 figure at the month: the high-tech test (city 规上 + 2 pp) cannot be
    applied, so every high-tech row reads 'no benchmark' instead of an empty status that the
    summary would call the benchmark; the ledger command warns before it runs."""
    table = _growth_only(8.0, {"city": 9.5, "airport": 12.3})
    table = table[table["indicator"] == "hightech_va"]
    settings = dataclasses.replace(SETTINGS, indicators=("hightech_va",))
    ledger = indicator_ledger(table, "2019-06", settings).set_index("region")
    assert ledger["plan_status"].tolist() == ["no benchmark", "no benchmark"]
    assert ledger["gap_benchmark"].isna().all()
    month = pd.Period("2019-06", freq="M")
    records = table.assign(period_type="ytd")
    assert missing_benchmarks(records, month, ["industry_va", "hightech_va"]) == ["hightech_va"]
    with_city = pd.concat([records, records.assign(region="city", indicator="industry_va")])
    assert missing_benchmarks(with_city, month, ["hightech_va"]) == []
    (line,) = benchmark_warnings(records, month, ["hightech_va"], "zh")
    assert line.startswith("警告：2019年6月无全市规模以上工业增加值数据：高新技术产业增加值无法")
    assert "+2个百分点" in line and "无比较基准" in line
    (line,) = benchmark_warnings(records, month, ["hightech_va"], "en")
    assert "the city's value added of above-scale industry growth + 2 pp" in line


def test_the_plans_gap_is_taken_on_published_one_decimal_figures():
    # 8.54 and 8.46 are published as 8.5: level, although 8.54 − 8.46 = 0.08
    assert published_gap(8.54, 8.46, 0.0) == 0.0
    # high-tech: 10.44 → 10.4 against 8.36 → 8.4 + 2 pp = 10.4: exactly the margin
    assert published_gap(10.44, 8.36, 2.0) == 0.0
    gaps = published_gap([9.06, 7.0, np.nan], [8.5, 8.5, 8.5], 0.0)
    assert gaps[:2].tolist() == [0.6, -1.5] and np.isnan(gaps[2])
    assert np.isnan(published_gap(9.0, np.nan, 0.0))


def test_equal_published_growth_does_not_beat_the_city():
    period = pd.Period("2019-06", freq="M")
    table = pd.DataFrame(
        {
            "region": ["city", "airport", "hitech"],
            "indicator": "fai",
            "period": period,
            "ytd": np.nan,
            "growth": [8.5, 8.54, 8.56],  # published to one decimal: 8.5 and 8.6
        }
    )
    settings = dataclasses.replace(SETTINGS, indicators=("fai",))
    ledger = indicator_ledger(table, "2019-06", settings).set_index("region")
    assert ledger.at["airport", "plan_status"] == "level_with_city"
    assert ledger.at["hitech", "plan_status"] == "above_city"
    assert ledger.at["city", "plan_status"] == "" and np.isnan(ledger.at["city", "gap_benchmark"])


def test_plan_tests_are_the_goal_catalogue_goals():
    goals = yaml.safe_load((paths.PARAMS / "goals.yaml").read_text(encoding="utf-8"))["goals"]
    by_id = {g["id"]: g for g in goals}
    for indicator, test in PLAN_TESTS.items():
        goal = by_id[test.goal_id]
        assert goal["indicator"] == indicator
        assert goal.get("versus", indicator) == test.versus
        assert (goal["threshold"], goal["comparator"]) == (test.margin, test.comparator)


def test_rows_city_first_then_catalogue_order(table):
    ledger = indicator_ledger(table, "2019-06", SETTINGS)
    june = ledger[(ledger["month"] == "2019-06") & (ledger["indicator"] == "fai")]
    assert june["region"].iloc[0] == "city"
    assert list(june["region"].iloc[1:4]) == ["econ_tech", "airport", "hitech"]
    clusters = june[june["region"] != "city"]
    faster = [(clusters["growth"] > g).sum() for g in clusters["growth"]]
    assert list(clusters["rank"]) == [1 + n for n in faster]  # ties share the better rank
    assert np.isnan(june["rank"].iloc[0])


def test_calendar_share_when_fewer_years_than_the_pattern_needs(table):
    recent = table[[p.year >= 2017 for p in table["period"]]]
    ledger = indicator_ledger(recent, "2019-06", SETTINGS)
    june = ledger[ledger["month"] == "2019-06"]
    assert (june["seasonal_basis"] == "months/12").all()
    assert np.allclose(june["seasonal_share"], 50.0)


def test_bad_targets_file_lists_every_problem(tmp_path):
    rows = (
        "airport,fai,2019,growth,15,user-set,ok\n"
        "atlantis,fai,2019,growth,15,user-set,unknown region\n"
        "airport,fai,2019,growth,12,plan,same region twice\n"
        "airport,fai,2019,growth,lots,guess,\n"
    )
    path = tmp_path / "targets.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        load_targets(path)
    found = {(p.row, p.column) for p in error.value.problems}
    assert found == {
        (3, "region"),
        (4, "region"),
        (5, "region"),
        (5, "source"),
        (5, "value"),
        (5, "reference"),
    }
    shipped = load_targets(paths.PARAMS / "ledger_targets.csv")
    assert shipped["source"].isin(["plan", "目标责任书", "user-set"]).all()


def test_a_level_target_is_taken_as_declared(table, tmp_path):
    targets = _targets(tmp_path, "city,fai,2019,level,9000,目标责任书,test letter\n")
    ledger = indicator_ledger(table, "2019-06", SETTINGS, targets=targets)
    city = ledger.set_index(["region", "indicator", "month"]).loc[("city", "fai", "2019-06")]
    assert city["target"] == 9000 and city["target_source"] == "目标责任书"
    assert city["completion"] == pytest.approx(100 * city["ytd"] / 9000)


def test_default_settings_read_and_bad_settings_listed(tmp_path):
    settings = load_ledger_settings()
    assert settings.targets == "params/ledger_targets.csv"
    bad = tmp_path / "ledger.yaml"
    text = (paths.PARAMS / "ledger.yaml").read_text(encoding="utf-8")
    text = text.replace("seasonal_years: 3", "seasonal_years: lots")
    text = text.replace("  - hightech_va", "  - no_such")
    bad.write_text(text + "extra: 1\n", encoding="utf-8")
    with pytest.raises(ParameterError) as error:
        load_ledger_settings(bad)
    message = str(error.value)
    assert "3 problem(s)" in message
    assert "progress.seasonal_years" in message and "indicators" in message and "extra" in message


def test_cli_bad_month_is_a_clear_error(capsys, tmp_path):
    assert (
        cli.main(["ledger", "--month", "2019-6", "--out", str(tmp_path), "--lang", "en"]) == 2
    )  # a usage error
    assert "expected a month such as 2019-06" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_the_december_ledger_runs_and_counts_the_actual_results(tmp_path):
    """December, the year's close: the projection is the actual, every column is there (the
    notebook's count of clusters passing the plan's test failed on a missing column before)."""
    assert cli.main(["ledger", "--month", "2019-12", "--out", str(tmp_path)]) == 0
    rows = pd.read_csv(tmp_path / "ledger" / "2019-12" / "ledger.csv", encoding="utf-8-sig")
    december = rows[rows["month"] == "2019-12"]
    clusters = december[(december["region"] != "city") & (december["indicator"] == "industry_va")]
    assert set(clusters["p_beat_city"]) == {0.0, 1.0}
    assert (clusters["p_beat_city"] == 1.0).tolist() == (
        clusters["plan_status"] == "above_city"
    ).tolist()


def test_cli_writes_report_atomically(tmp_path, monkeypatch, capsys):
    from clusterlib.ledger import report

    assert cli.main(["ledger", "--month", "2019-06", "--out", str(tmp_path), "--lang", "en"]) == 0
    folder = tmp_path / "ledger" / "2019-06"  # --out is the reports folder, as for run
    assert f"written: {folder}" in capsys.readouterr().out  # in the run's language
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "06_ledger.ipynb",
        "ledger.csv",
        "ledger.html",
        "ledger.xlsx",
        "manifest.json",
        "projects.csv",
        "slipping.csv",
        "three_fifty.csv",
        "three_fifty_projects.csv",
    ]
    executed = nbformat.read(folder / "06_ledger.ipynb", as_version=4)
    assert NotebookNotary().check_signature(executed)
    assert executed.metadata.papermill.parameters["lang"] == "en"
    page = (folder / "ledger.html").read_text(encoding="utf-8")
    assert "<title>Zhengzhou industrial clusters: monthly ledger, 2019-06</title>" in page
    assert "SYNTHETIC demonstration data" in page and "<img" in page  # notice and charts
    names = ["Value added of above-scale industry", "Fixed-asset investment"]
    names += ["Value added of high and new technology industry"]
    assert Page(page).alts == [f"{name} · year-to-date growth (%)" for name in names]  # titles
    assert "load_ledger_settings" not in page and "this_month" not in page  # no code
    assert re.findall(r"<h2[^>]*>([^<]*)", page)[:2] == ["1. The plan's test", "2. The ledger"]
    assert "One table per indicator" not in page  # the notebook's notes stay in Jupyter
    captions = Page(page).text["h3"]  # each table numbered and named, in English too
    assert captions[1:4] == [
        f"Table {n}. {name} (January–June 2019)" for n, name in enumerate(names, 2)
    ]
    assert captions[5] == f"Table 6. {names[0]}: projected full-year growth (2019)"
    assert [p for p in Page(page).text["p"] if p.startswith("Full-year 80% interval: this month")]

    names = pd.ExcelFile(folder / "ledger.xlsx").sheet_names
    sheets = {
        name: pd.read_excel(folder / "ledger.xlsx", sheet_name=name, header=3) for name in names[:3]
    }
    assert names[-5:] == [
        "Key projects",
        "Three 50s list progress",
        "Three 50s list projects",
        "Slipping",
        "Missing data",
    ]
    first = next(iter(sheets.values())).dropna(subset=["Year to date (100m yuan)"])  # no notes
    assert "Year to date (100m yuan)" in first.columns and first.iloc[0, 0] == "Zhengzhou city"
    assert first["Projected full-year growth (%)"].notna().all()  # the demo has 8 years
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] and "data/demo/monthly.csv" in manifest["inputs"]
    assert "params/ledger_targets.csv" in manifest["inputs"]

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(report, "write_ledger_workbook", fail)
    assert cli.main(["ledger", "--month", "2019-06", "--out", str(tmp_path)]) == 3
    assert (folder / "ledger.xlsx").exists()  # the good report survives
    assert sorted(p.name for p in (tmp_path / "ledger").iterdir()) == ["2019-06"]


def test_workbook_in_chinese_with_title_units_and_rounding(table, tmp_path):
    from clusterlib.ledger.report import write_ledger_workbook

    settings = dataclasses.replace(SETTINGS, indicators=("industry_va", "fai", "hightech_va"))
    ledger = indicator_ledger(table, "2019-06", settings)
    june = ledger[ledger["month"] == "2019-06"]
    title = {"as_of": "2019-06", "synthetic": True, "seasonal_years": 3}
    write_ledger_workbook(june, tmp_path / "ledger.xlsx", "zh", title=title)
    top = pd.read_excel(tmp_path / "ledger.xlsx", sheet_name="固定资产投资", header=None, nrows=2)
    assert top.iloc[0, 0] == "2019年1—6月 固定资产投资 月台账"
    assert "数据截至2019年6月" in top.iloc[1, 0] and "合成演示数据" in top.iloc[1, 0]
    sheet = pd.read_excel(tmp_path / "ledger.xlsx", sheet_name="固定资产投资", header=3)
    sheet = sheet.dropna(subset=["1—6月累计（亿元）"])  # the notes under the table
    # the office's 1—6月累计（亿元）, was 本月累计（亿元）
    assert list(sheet.columns[:10]) == [
        "地区", "本月（亿元）", "1—6月累计（亿元）", "累计增速（%）", "较上月增减（百分点）",
        "位次", "方案比较基准（%）", "与基准差（百分点）", "方案目标状态", "目标来源",
    ]  # fmt: skip
    econ = sheet.set_index("地区").loc["郑州经济技术产业集聚区"]
    assert econ["方案目标状态"] == "低于全市" and econ["与基准差（百分点）"] == -2.8
    # only the annual level target is not set (was 未设目标 in both columns, beside 高于全市)
    assert econ["目标来源"] == "年度总量目标：未设" and "目标完成率（%）" not in sheet
    assert econ["时序进度（%）"] == 50.0
    high_tech = pd.read_excel(tmp_path / "ledger.xlsx", sheet_name="高新技术产业增加值", header=3)
    assert set(high_tech["方案目标状态"].dropna()) == {
        "高出全市规上工业2个百分点以上",
        "未高出全市规上工业2个百分点",
    }  # were 达到高出全市规上2个百分点 / 未达高出全市规上2个百分点
    numbers = sheet.select_dtypes("number")
    assert ((numbers.round(1) == numbers) | numbers.isna()).all().all()  # one decimal


def test_january_february_note_in_the_workbook(table, tmp_path):
    from clusterlib.ledger.report import write_ledger_workbook

    ledger = indicator_ledger(table, "2019-02", SETTINGS)
    write_ledger_workbook(ledger, tmp_path / "ledger.xlsx", "zh")
    cells = pd.read_excel(tmp_path / "ledger.xlsx", sheet_name="固定资产投资", header=None)
    assert cells.iloc[0, 0] == "2019年1—2月 固定资产投资 月台账"
    assert "1—2月累计（亿元）" in cells.iloc[3].tolist()  # February's 累计 is 1—2月
    notes = cells.iloc[:, 0].dropna().tolist()
    assert "1—2月合并发布：本月（当月）为1—2月合计。" in notes
    assert not cells.iloc[1].notna().any()  # no as-of month given, no synthetic mark


def test_a_failing_ledger_notebook_is_kept_and_replaces_nothing(tmp_path, monkeypatch, capsys):
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": kernel})
    parameters = 'month = ""\ndata = []\nparams = ""\nprojects = ""\nlang = "zh"'
    notebook.cells = [
        nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("raise ValueError('planted')"),
    ]
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(notebook, folder / "06_ledger.ipynb")
    monkeypatch.setattr(paths, "NOTEBOOKS", folder)
    assert cli.main(["ledger", "--month", "2019-06", "--out", str(tmp_path / "reports")]) == 1
    error = capsys.readouterr().err
    kept = tmp_path / "reports" / "failed" / "2019-06-06_ledger.ipynb"
    assert "笔记本06_ledger.ipynb（06_ledger）在单元格[" in error and "planted" in error  # zh
    assert str(kept) in error and kept.exists()
    assert not (tmp_path / "reports" / "ledger" / "2019-06").exists()


def test_the_coloured_ledger_shows_figures_to_one_decimal(table):
    from clusterlib.ledger.charts import ledger_style

    ledger = indicator_ledger(table, "2019-06", SETTINGS)
    rows = ledger[(ledger["month"] == "2019-06") & (ledger["indicator"] == "fai")]
    cells = re.findall(r'class="data row\d+ col\d+" >([^<]*)<', ledger_style(rows).to_html())
    ytd = rows["ytd"].iloc[0]
    assert f"{ytd:.1f}" in cells and f"{ytd:.6f}" not in cells  # as published, not 6 decimals
    assert not [c for c in cells if re.fullmatch(r"-?\d+\.\d{2,}", c)]


def test_an_aggregate_in_the_data_is_not_ranked_among_the_clusters(table):
    """T7A-8: 全部集聚区 (21.0%) and 郑州市产业集聚区(合计) (20.0%) of June took places 1–2 and
    every cluster moved down two (金岱 14th of 12). They are sums of the clusters: no rank;
    the 12 clusters keep 1 (白沙 12.2%) … 12 (金岱 4.2%), as without them."""
    june = pd.Period("2019-06", freq="M")
    aggregates = pd.DataFrame(
        {
            "region": ["zz_clusters", "all_clusters"],
            "indicator": "industry_va",
            "period": [june, june],
            "ytd": np.nan,
            "growth": [20.0, 21.0],
        }
    )
    ledger = indicator_ledger(pd.concat([table, aggregates], ignore_index=True), june, SETTINGS)
    rows = ledger[(ledger["month"] == "2019-06") & (ledger["indicator"] == "industry_va")]
    rank = rows.set_index("region")["rank"]
    assert rank[["zz_clusters", "all_clusters", "city"]].isna().all()
    clusters = rank.drop(["zz_clusters", "all_clusters", "city"])
    assert sorted(clusters.index) == sorted(catalog.clusters())
    assert clusters["baisha"] == 1 and clusters["econ_tech"] == 2 and clusters["jindai"] == 12
    assert clusters.max() == 12 and clusters.min() == 1
    alone = indicator_ledger(table, june, SETTINGS)
    alone = alone[(alone["month"] == "2019-06") & (alone["indicator"] == "industry_va")]
    assert clusters.to_dict() == alone.set_index("region")["rank"].dropna().to_dict()
