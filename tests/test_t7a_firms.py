"""The enterprise roll-up says what it does not know, and the denominators are checked for a
unit slip — tester 7a, T7A-2 (a goal read 否 on no data, a cluster missing from the file
vanished from 合计 unsaid) and T7A-6 (land in 万亩, employees in 万人 passed: 亩均增加值
424,047万元/亩 达标 是)."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.enterprise.classification import enterprise_tables
from clusterlib.enterprise.records import read_enterprises
from clusterlib.enterprise.rules import load_rules
from clusterlib.exceptions import DataValidationError
from clusterlib.messages import told
from clusterlib.publish.tables import write_table, write_workbook


@pytest.fixture(scope="module")
def rules():
    return load_rules(paths.ROOT / "params" / "enterprise_henan.yaml")


def _demo() -> pd.DataFrame:
    return pd.read_csv(paths.DEMO / "enterprises.csv", dtype=str, keep_default_na=False)


def _written(tmp_path, table: pd.DataFrame) -> str:
    path = tmp_path / "firms.csv"
    table.to_csv(path, index=False, encoding="utf-8")
    return str(path)


def _refusal(path: str, rules, lang: str) -> list[str]:
    with pytest.raises(DataValidationError) as error:
        read_enterprises(path, rules, lang)
    return [told(problem, lang) for problem in error.value.problems]


def _first_row(table: pd.DataFrame, cluster: str) -> int:
    return int((table["cluster"] == cluster).idxmax()) + 2  # the file's line (header = 1)


def test_land_in_wan_mu_and_employees_in_wan_ren_are_refused_naming_the_unit(tmp_path, rules):
    """T7A-6: hitech's land ÷10,000 gave 亩均增加值 424,047万元/亩 达标 是; econ_tech's
    employees ÷10,000 劳动生产率 419,796万元/人 — now refused at each cluster's first row."""
    text = _demo()
    hitech, econ = text["cluster"] == "hitech", text["cluster"] == "econ_tech"
    text.loc[hitech, "land_mu"] = (text.loc[hitech, "land_mu"].astype(float) / 1e4).astype(str)
    text.loc[econ, "employees"] = (text.loc[econ, "employees"].astype(float) / 1e4).astype(str)
    path = _written(tmp_path, text)
    land, people = _first_row(text, "hitech"), _first_row(text, "econ_tech")
    assert _refusal(path, rules, "en") == [
        f"{path}, row {land}, column 'land_mu': the median land_mu of hitech's 184 firms, "
        "0.004875, is 1/7,990 of the median of the other 11 clusters' medians, 38.95 mu: "
        "expected within 1000× (assumption E16); check the unit (mu, not 10,000 mu)",
        f"{path}, row {people}, column 'employees': the median employees of econ_tech's 202 "
        "firms, 0.0033, is 1/13,030 of the median of the other 11 clusters' medians, 43 "
        "persons: expected within 1000× (assumption E16); check the unit (persons, not 10,000 "
        "persons)",
    ]
    assert _refusal(path, rules, "zh") == [
        f"{path}，第{land}行，“land_mu”列：郑州高新技术产业集聚区184家企业的用地面积（亩）中位数"
        "0.004875，是其他11个集聚区中位数的中位数38.95亩的7,990分之一：应在1000倍以内"
        "（假设E16）；请检查单位（应为亩，而非万亩）",
        f"{path}，第{people}行，“employees”列：郑州经济技术产业集聚区202家企业的从业人员（人）"
        "中位数0.0033，是其他11个集聚区中位数的中位数43人的13,030分之一：应在1000倍以内"
        "（假设E16）；请检查单位（应为人，而非万人）",
    ]


def test_employees_zero_on_every_firm_of_a_cluster_is_refused(tmp_path, rules):
    """T7A-2: xinmi's employees all 0 (a blank exported as 0) sent its evaluated firms to the
    data-quality table unsaid and read 劳动生产率达标 否; one firm's 0 is that firm's problem."""
    text = _demo()
    xinmi = text["cluster"] == "xinmi"
    text.loc[xinmi, "employees"] = "0"
    path = _written(tmp_path, text)
    row, n = _first_row(text, "xinmi"), int(xinmi.sum())
    assert _refusal(path, rules, "en") == [
        f"{path}, row {row}, column 'employees': employees is 0 on every one of the {n} firms "
        "of xinmi that give it, a denominator of the cluster's per-mu and per-person ratios: "
        "a cluster has land and people (assumption E20); check whether blanks were exported "
        "as 0 (leave blank when not known)"
    ]
    assert _refusal(path, rules, "zh") == [
        f"{path}，第{row}行，“employees”列：新密市产业集聚区填报从业人员（人）的{n}家企业全部为0："
        "它是集聚区亩均、人均比率的分母，集聚区不会为0（假设E20）；请核对是否把空白记成了0"
        "（不详时留空）"
    ]
    text.loc[xinmi, "employees"] = _demo().loc[xinmi, "employees"]
    text.loc[xinmi.idxmax(), "employees"] = "0"  # one firm: data quality, as before
    read_enterprises(_written(tmp_path, text), rules, "en")


def test_a_goal_without_data_reads_no_data_and_a_missing_cluster_is_named(tmp_path, rules, capsys):
    """T7A-2: jindai's value added blank on every firm read 亩均增加值达标 否 and 劳动生产率达标
    否; mazhai, absent from the file, vanished and 合计 covered 11 clusters unsaid."""
    text = _demo()
    text = text[text["cluster"] != "mazhai"]
    text.loc[text["cluster"] == "jindai", "value_added"] = ""
    path, n = _written(tmp_path, text), int((text["cluster"] == "jindai").sum())
    records = read_enterprises(path, rules, "zh")
    err = capsys.readouterr().err
    assert (
        f"警告：企业数据（{path}）中没有1个集聚区的企业：马寨产业集聚区；集聚区亩均效益表中记为"
        "无企业数据，合计只按有企业数据的11个集聚区计算（目录共12个）"
    ) in err
    assert (
        f"警告：企业数据（{path}）中1个集聚区的全部企业均未填以下数据：郑州金岱产业集聚区的"
        f"增加值（万元）（{n}家企业）；集聚区亩均效益表中相应比率及其达标情况记为无数据（留空）"
    ) in err
    read_enterprises(path, rules, "en")
    err = capsys.readouterr().err
    assert (
        f"warning: the enterprise file {path} has no firm of 1 cluster(s) of the catalogue: "
        "mazhai; the cluster land productivity table reads 'no enterprise records' for them "
        "and its total covers the 11 clusters with records (of 12)"
    ) in err
    assert (
        f"warning: the enterprise file {path} leaves a column blank on every firm of 1 "
        f"cluster(s): value_added of jindai ({n} firms); their ratios in the cluster land "
        "productivity table, and whether they meet the goals, read no data (empty)"
    ) in err
    table = enterprise_tables(records, rules, 48, 35)["cluster_land_productivity"]
    table = table.set_index("cluster")
    jindai, mazhai, total = table.loc["jindai"], table.loc["mazhai"], table.loc["total"]
    assert pd.isna(jindai["va_per_mu"]) and pd.isna(jindai["labour_productivity"])
    assert pd.isna(jindai["meets_va_goal"]) and pd.isna(jindai["meets_lp_goal"])  # not 否
    assert mazhai["n_firms"] == 0 and mazhai["data_note"] == "no_enterprise_records"
    assert pd.isna(mazhai["meets_va_goal"]) and pd.isna(mazhai["va_per_mu"])
    assert (total["n_clusters"], total["n_catalogue_clusters"]) == (11, 12)
    assert total["data_note"] == "total_of_clusters_with_records"
    assert len(table) == 13  # 12 clusters and 合计
    # the CSV leaves the goal empty; the Chinese workbook too, and names the missing cluster
    run = tmp_path / "run"
    write_table(run, "cluster_land_productivity", table.reset_index())
    csv = pd.read_csv(run / "tables" / "cluster_land_productivity.csv", encoding="utf-8-sig")
    goals = csv.set_index("cluster").loc["jindai", ["meets_va_goal", "meets_lp_goal"]]
    assert goals.isna().all()
    write_workbook(run / "tables", tmp_path / "t.xlsx", "zh")
    sheet = list(openpyxl.load_workbook(tmp_path / "t.xlsx")["集聚区亩均效益"].values)
    by_name = {row[0]: dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]}
    assert by_name["郑州金岱产业集聚区"]["亩均增加值达标"] is None
    assert by_name["郑州金岱产业集聚区"]["劳动生产率达标"] is None
    assert by_name["马寨产业集聚区"]["数据说明"] == "无企业数据（不计入合计）"
    assert by_name["合计"]["有企业数据的集聚区数"] == 11
    assert by_name["合计"]["目录集聚区数"] == 12
    assert by_name["合计"]["数据说明"] == "只按有企业数据的集聚区计算"


def test_a_cluster_whose_every_record_is_rejected_says_so(tmp_path, rules, capsys):
    """Every mazhai firm without land: all in the data-quality table, and the roll-up's row
    says so (it vanished, like a cluster absent from the file)."""
    text = _demo()
    text.loc[text["cluster"] == "mazhai", "land_mu"] = ""
    records = read_enterprises(_written(tmp_path, text), rules, "en")
    assert "has no firm of" not in capsys.readouterr().err  # mazhai is in the file
    table = enterprise_tables(records, rules, 48, 35)["cluster_land_productivity"]
    row = table.set_index("cluster").loc["mazhai"]
    assert row["n_firms"] == 0 and row["data_note"] == "records_all_rejected"
    assert pd.isna(row["meets_va_goal"]) and pd.isna(row["meets_lp_goal"])


def test_the_demo_roll_up_has_every_cluster_and_no_note(rules, capsys):
    records = read_enterprises(paths.DEMO / "enterprises.csv", rules, "en")
    assert capsys.readouterr().err == ""
    table = enterprise_tables(records, rules, 48, 35)["cluster_land_productivity"]
    assert len(table) == 13 and table["data_note"].isna().all()
    assert table["meets_va_goal"].notna().all() and table["meets_lp_goal"].notna().all()
    assert table.set_index("cluster").loc["total", "n_clusters"] == 12
