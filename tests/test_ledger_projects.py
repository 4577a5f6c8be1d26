"""Tests of the key-project register: planted slippage and counts recovered, bad input listed."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from clusterlib import paths
from clusterlib.demo.projects import make_register
from clusterlib.exceptions import DataValidationError
from clusterlib.goals.catalogue import load_catalogue
from clusterlib.goals.progress import RESULT_COLUMNS
from clusterlib.ledger.project_goals import register_goal_status, with_register_goals
from clusterlib.ledger.projects import (
    COLUMNS,
    LISTS,
    list_progress,
    load_register,
    project_counts,
    slipping_projects,
)

JUNE = pd.Period("2019-06", freq="M")


@pytest.fixture(scope="module")
def demo():
    return make_register(2019)


@pytest.fixture(scope="module")
def register():
    return load_register(paths.DEMO / "projects.csv")


def test_committed_register_is_make_register(demo):
    committed = pd.read_csv(paths.DEMO / "projects.csv", dtype=str, keep_default_na=False)
    expected = demo[0].astype(str).assign(synthetic="true")
    pd.testing.assert_frame_equal(committed, expected.reset_index(drop=True), check_dtype=False)
    assert committed["project_id"].nunique() >= 200 and (committed["synthetic"] == "true").all()
    assert committed["source"].str.startswith("synthetic: ").all()
    lists = committed.drop_duplicates("project_id")["three_fifty"].value_counts()
    assert lists.to_dict() == {
        "": len(demo[1].actual_start) - 150,
        "新开工": 50,
        "续建": 50,
        "竣工": 50,
    }


def test_slipping_projects_are_the_planted_delays(register, demo):
    truth = demo[1]
    planned = register[register["month"] == JUNE].set_index("project_id")
    late_start = {
        p for p, row in planned.iterrows() if row["planned_start"] < JUNE < truth.actual_start[p]
    }
    late_end = {
        p
        for p, row in planned.iterrows()
        if row["planned_completion"] < JUNE and truth.actual_completion[p] > JUNE
    }
    found = slipping_projects(register, JUNE)
    assert set(found["project_id"]) == late_start | late_end
    assert len(found) > 0


def test_counts_from_the_planted_dates_and_list(register, demo):
    truth = demo[1]
    on = {part: {p for p, v in truth.three_fifty.items() if v == part} for part in LISTS}
    year_start = pd.Period("2019-01", freq="M")
    started = {p for p in on["新开工"] if truth.actual_start[p] <= JUNE}
    continuing = {p for p in on["续建"] if truth.actual_start[p] < year_start}
    completed = {p for p in on["竣工"] if year_start <= truth.actual_completion[p] <= JUNE}
    counts = project_counts(register, JUNE).set_index("indicator")
    assert counts.at["major_projects_started", "actual"] == len(started)
    assert counts.at["major_projects_continuing", "actual"] == len(continuing) == 50
    assert counts.at["major_projects_completed", "actual"] == len(completed)
    assert (counts["listed"].dropna() == 50).all()
    june = register[register["month"] == JUNE]
    infra = june.loc[june["category"] == "基础设施", "ytd_investment"].sum()
    assert counts.at["infrastructure_investment", "actual"] == pytest.approx(infra)


SMALL = (
    ",".join(COLUMNS)
    + """
N1,new started,airport,工业,2019-05,10,1.0,签约,2019-05,2020-05,0.5,新开工,6
N1,new started,airport,工业,2019-06,10,2.0,新开工,2019-05,2020-05,1.0,新开工,6
N2,new not started,hitech,工业,2019-06,8,0,签约,2019-07,2020-07,0,新开工,3
C1,continuing,baisha,基础设施,2019-03,20,3.0,续建,2018-01,2019-04,2.0,续建,4
C1,continuing,baisha,基础设施,2019-04,20,4.0,竣工投产,2018-01,2019-04,3.0,续建,4
C2,continuing,baisha,基础设施,2019-06,30,5.0,续建,2018-06,2020-06,4.0,续建,10
E1,completion due,xinmi,服务业,2019-06,12,6.0,续建,2018-01,2019-05,1.0,竣工,8
E2,completion done,xinmi,基础设施,2019-06,9,3.0,竣工投产,2018-03,2019-05,2.0,竣工,3
X1,not listed,xinmi,基础设施,2019-06,40,7.0,竣工投产,2018-01,2019-06,5.0,,
"""
)


@pytest.fixture()
def small(tmp_path):
    path = tmp_path / "small.csv"
    path.write_text(SMALL, encoding="utf-8")
    return load_register(path)


def test_three_fifty_counts_equal_a_hand_count(small):
    counts = project_counts(small, JUNE).set_index("indicator")
    # 新开工 list: N1 started (N2 still 签约); 续建 list: C1 (completed in April, dropped
    # since) and C2; 竣工 list: E2 only; X1 is not listed and counts for nothing
    assert counts.at["major_projects_started", "actual"] == 1
    assert counts.at["major_projects_continuing", "actual"] == 2
    assert counts.at["major_projects_completed", "actual"] == 1
    assert list(counts["listed"].iloc[:3]) == [2, 2, 2]
    # year totals: every project's latest 累计, C1's April row included (4 + 5 + 3 + 7)
    assert counts.at["infrastructure_investment", "actual"] == pytest.approx(19.0)
    assert counts.at["external_funds", "actual"] == pytest.approx(1.0 + 0 + 3 + 4 + 1 + 2 + 5)


def test_list_investment_against_time_progress_by_hand(small):
    summary, projects = list_progress(small, JUNE)
    summary = summary.set_index("three_fifty")
    # 新开工: (2 + 0) / (6 + 3); 续建: (4 + 5) / (4 + 10); 竣工: (6 + 3) / (8 + 3)
    assert summary.at["新开工", "investment_rate"] == pytest.approx(100 * 2 / 9)
    assert summary.at["续建", "investment_rate"] == pytest.approx(100 * 9 / 14)
    assert summary.at["all", "investment_rate"] == pytest.approx(100 * 20 / 34)
    assert (summary["time_progress"] == 50.0).all()
    assert summary.at["续建", "progress_gap"] == pytest.approx(64.3 - 50.0)
    assert summary.at["续建", "progress_status"] == "ahead"
    assert summary.at["新开工", "progress_status"] == "behind"
    assert summary.at["all", "listed"] == 6 and summary.at["all", "reached"] == 4
    rows = projects.set_index("project_id")
    assert list(rows.index) == ["N1", "N2", "C1", "C2", "E1", "E2"]  # list order, X1 not listed
    assert rows.at["E1", "investment_rate"] == pytest.approx(75.0) and not rows.at["E1", "reached"]
    assert rows.at["C1", "status"] == "竣工投产" and rows.at["C1", "reached"]


def test_year_totals_keep_projects_dropped_after_completion(register):
    completed = register[register["status"] == "竣工投产"]
    first_done = completed.groupby("project_id")["month"].transform("min")
    dropped = register.drop(completed.index[completed["month"] > first_done])
    full = project_counts(register, JUNE).set_index("indicator")["actual"]
    thinned = project_counts(dropped, JUNE).set_index("indicator")["actual"]
    assert len(dropped) < len(register)
    pd.testing.assert_series_equal(full, thinned)


def test_bad_register_lists_every_problem_with_row_and_column(tmp_path):
    rows = pd.read_csv(paths.DEMO / "projects.csv", dtype=str, keep_default_na=False)
    first = rows[rows["project_id"] == rows["project_id"].iloc[0]].head(3).copy()
    first.iloc[1, first.columns.get_loc("status")] = "竣工投产"
    first.iloc[2, first.columns.get_loc("status")] = "续建"  # backwards
    duplicate = first.iloc[[0]]
    over = first.iloc[[0]].assign(project_id="PX", total_investment="1.0", ytd_investment="2.5")
    unknown = first.iloc[[0]].assign(project_id="PY", cluster="atlantis")
    unlisted = first.iloc[[0]].assign(project_id="PZ", three_fifty="十大")
    no_plan = first.iloc[[0]].assign(project_id="PW", three_fifty="竣工", annual_plan_investment="")
    bad = pd.concat([first, duplicate, over, unknown, unlisted, no_plan], ignore_index=True)
    path = tmp_path / "register.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(DataValidationError) as error:
        load_register(path)
    found = {(p.row, p.column) for p in error.value.problems}
    assert found == {
        (4, "status"),
        (5, "project_id"),
        (6, "ytd_investment"),
        (7, "cluster"),
        (8, "three_fifty"),
        (9, "annual_plan_investment"),
    }
    assert all(p.file == str(path) for p in error.value.problems)


def test_register_goal_status_rules():
    assert register_goal_status(30, 50, ">=", "year_total", JUNE, 0.9) == ("on track", 60.0)
    assert register_goal_status(23, 50, ">=", "year_total", JUNE, 0.9) == ("at risk", 46.0)
    assert register_goal_status(20, 50, ">=", "year_total", JUNE, 0.9)[0] == "off track"
    # a list of 44 projects cannot reach 50 whatever the pace: 30 by June paces to 60, capped
    assert register_goal_status(30, 50, ">=", "year_total", JUNE, 0.9, 44) == ("off track", 44.0)
    assert register_goal_status(55, 50, ">=", "year_total", JUNE, 0.9)[0] == "met"
    december = pd.Period("2019-12", freq="M")
    assert register_goal_status(49, 50, ">=", "latest", december, 0.9)[0] == "missed"


def test_goal_rows_filled_from_register_and_no_data_without(register):
    catalogue = load_catalogue()
    ids = ["major_projects_started", "external_funds", "infrastructure_investment"]
    goals = pd.DataFrame([dict.fromkeys(RESULT_COLUMNS) for _ in ids])
    goals = goals.assign(goal_id=ids, scope="all_clusters", status="no data")
    assert with_register_goals(goals, catalogue, None, JUNE, 0.9).equals(goals)
    filled = with_register_goals(goals, catalogue, register, JUNE, 0.9)
    assert (filled["status"] != "no data").all()
    counts = project_counts(register, JUNE).set_index("indicator")["actual"]
    assert filled["actual"].iloc[1] == pytest.approx(counts["external_funds"])
    # in December every register goal is decided: its figure stays, no forecast beside it
    december = pd.Period("2019-12", freq="M")
    year_end = with_register_goals(goals, catalogue, register, december, 0.9)
    assert year_end["status"].isin(["met", "missed"]).all()
    assert year_end["forecast"].isna().all() and year_end["actual"].notna().all()


def test_bulletin_sentence_counts_the_three_fifty_list_only(register):
    from clusterlib.pipeline import slipping
    from clusterlib.publish.bulletin import slipping_sentence

    every = slipping_projects(register, JUNE)
    late = slipping(register, pd.Period("2019Q2", freq="Q-DEC"))
    assert set(late["project_id"]) == set(every.loc[every["three_fifty"] != "", "project_id"])
    assert len(late) < len(every)  # projects off the list are not counted
    worst = late.iloc[0]
    sentence = slipping_sentence(late, "zh")
    assert sentence.startswith(f"“三个50”重大项目中{len(late)}个滞后") and worst["name"] in sentence
    assert f"{int(worst['months_late'])}个月" in sentence
    english = slipping_sentence(late.iloc[0:0], "en")
    assert english == "Every project of the Three 50s list started and was completed as planned."


def test_register_without_the_month_gives_no_data_and_a_named_warning(register, capsys):
    from clusterlib.coverage import Coverage
    from clusterlib.ledger.project_goals import register_coverage, register_goals

    ends_may = register[register["month"] <= pd.Period("2019-05", freq="M")]
    goals = register_goals(load_catalogue(), ends_may, JUNE, 0.9)
    assert (goals["status"] == "no data").all() and len(goals) == 5
    assert goals[["actual", "listed", "forecast"]].isna().all().all()  # no May figure as June's
    gap = register_coverage(Coverage("2019-06"), ends_may, JUNE, "data/demo/projects.csv", "zh")
    assert gap.register and not gap.complete
    assert capsys.readouterr().err.splitlines() == [
        "警告：重点项目台账（data/demo/projects.csv）无2019年6月数据"
        "（台账月份为2019年1月至2019年5月）：重点项目目标状态记为“无数据”"
    ]
    year_before = pd.Period("2018-06", freq="M")
    register_coverage(Coverage("2018-06"), register, year_before, "data/demo/projects.csv", "en")
    assert capsys.readouterr().err == (
        "warning: the key-project register data/demo/projects.csv holds no rows of 2018-06 (its "
        "months: 2019-01 to 2019-12): the project goals read 'no data'\n"
    )
    assert register_coverage(Coverage("2019-06"), register, JUNE, "x.csv", "zh").complete
    assert Coverage.from_frame(gap.frame(), "2019-06") == gap  # the run's missing_data.csv
    assert gap.as_dict()["register_without_data"] is True
    assert gap.sentence("zh") == (
        "数据缺失：重点项目台账无2019年6月数据，重点项目目标无数据。缺失项未补录，也未调整其他项的"
        "权重；其全年数如列出，为据已有数据的预计数，详见“数据缺失”表。"
    )


def test_register_without_the_quarter_end_fills_no_goal_and_no_slipping(register):
    from clusterlib.ledger.report import project_tables
    from clusterlib.ledger.settings import load_ledger_settings
    from clusterlib.pipeline import slipping

    ids = ["major_projects_started", "external_funds"]
    goals = pd.DataFrame([dict.fromkeys(RESULT_COLUMNS) for _ in ids])
    goals = goals.assign(goal_id=ids, scope="all_clusters", status="no data")
    before = pd.Period("2018-06", freq="M")
    assert with_register_goals(goals, load_catalogue(), register, before, 0.9).equals(goals)
    assert slipping(register, pd.Period("2018Q2", freq="Q-DEC")) is None  # not "all on time"
    tables = project_tables(register, "2018-06", load_ledger_settings())
    assert list(tables) == ["projects"]  # no list, no slipping projects to show
    assert (tables["projects"]["status"] == "no data").all()


def test_header_only_register_is_one_line_naming_the_file(tmp_path, capsys):
    from clusterlib import cli

    path = tmp_path / "projects.csv"
    path.write_text(",".join([*COLUMNS, "source", "synthetic"]) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        load_register(path)
    assert [str(p) for p in error.value.problems] == [
        f"{path}: no records: the file has a header but no data rows; expected at least one record"
    ]
    out = tmp_path / "reports"
    args = ["--month", "2019-06", "--projects", str(path), "--out", str(out), "--lang", "en"]
    assert cli.main(["ledger", *args]) == 1
    assert f"{path}: no records: the file has a header" in capsys.readouterr().err
    assert not out.exists()  # refused before any notebook
    params = yaml.safe_load((paths.PARAMS / "run.yaml").read_text(encoding="utf-8"))
    settings = tmp_path / "run.yaml"
    settings.write_text(yaml.safe_dump({**params, "projects": str(path)}), encoding="utf-8")
    run = ["run", "--quarter", "2019Q2", "--params", str(settings), "--out", str(out)]
    assert cli.main([*run, "--lang", "en"]) == 1
    assert f"{path}: no records: the file has a header" in capsys.readouterr().err
    assert not out.exists()  # no notebook ran (a failed one is kept under out/failed)


def test_official_data_with_the_demo_register_of_another_year(tmp_path, capsys):
    from clusterlib import cli

    month = "2024-02"
    data = str(paths.ROOT / "data/official/zhengzhou_city.csv")
    args = ["ledger", "--month", month, "--data", data, "--out", str(tmp_path), "--lang", "en"]
    assert cli.main(args) == 0
    err = capsys.readouterr().err
    assert (
        "warning: the key-project register data/demo/projects.csv holds no rows of 2024-02 "
        "(its months: 2019-01 to 2019-12): the project goals read 'no data'"
    ) in err.splitlines()
    folder = tmp_path / "ledger" / month
    goals = pd.read_csv(folder / "projects.csv", encoding="utf-8-sig")
    assert (goals["status"] == "no data").all() and goals["actual"].isna().all()
    assert not (folder / "slipping.csv").exists() and not (folder / "three_fifty.csv").exists()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"]  # the register is demo data, though the figures are official
    assert manifest["coverage"]["register_without_data"]
    missing = pd.read_excel(folder / "ledger.xlsx", sheet_name="Missing data", header=1)
    assert "key-project register without data" in missing.iloc[:, 0].tolist()
