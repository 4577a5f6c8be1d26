"""Tests of the key-project register: planted slippage and counts recovered, bad input listed."""

from __future__ import annotations

import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.demo.projects import make_register
from clusterlib.exceptions import DataValidationError
from clusterlib.goals.catalogue import load_catalogue
from clusterlib.goals.progress import RESULT_COLUMNS
from clusterlib.ledger.project_goals import register_goal_status, with_register_goals
from clusterlib.ledger.projects import load_register, project_counts, slipping_projects

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


def test_counts_from_the_planted_dates(register, demo):
    truth = demo[1]
    big = set(register.loc[register["total_investment"] >= 1.0, "project_id"])
    year_start = pd.Period("2019-01", freq="M")
    started = {p for p in big if year_start <= truth.actual_start[p] <= JUNE}
    completed = {p for p in big if year_start <= truth.actual_completion[p] <= JUNE}
    continuing = {
        p for p in big if truth.actual_start[p] < year_start and truth.actual_completion[p] > JUNE
    }
    counts = project_counts(register, JUNE, 1.0).set_index("indicator")["actual"]
    assert counts["major_projects_started"] == len(started)
    assert counts["major_projects_completed"] == len(completed)
    assert counts["major_projects_continuing"] == len(continuing)
    june = register[register["month"] == JUNE]
    infra = june.loc[june["category"] == "基础设施", "ytd_investment"].sum()
    assert counts["infrastructure_investment"] == pytest.approx(infra)


def test_bad_register_lists_every_problem_with_row_and_column(tmp_path):
    rows = pd.read_csv(paths.DEMO / "projects.csv", dtype=str, keep_default_na=False)
    first = rows[rows["project_id"] == rows["project_id"].iloc[0]].head(3).copy()
    first.iloc[1, first.columns.get_loc("status")] = "竣工投产"
    first.iloc[2, first.columns.get_loc("status")] = "续建"  # backwards
    duplicate = first.iloc[[0]]
    over = first.iloc[[0]].assign(project_id="PX", total_investment="1.0", ytd_investment="2.5")
    unknown = first.iloc[[0]].assign(project_id="PY", cluster="atlantis")
    bad = pd.concat([first, duplicate, over, unknown], ignore_index=True)
    path = tmp_path / "register.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(DataValidationError) as error:
        load_register(path)
    found = {(p.row, p.column) for p in error.value.problems}
    assert found == {(4, "status"), (5, "project_id"), (6, "ytd_investment"), (7, "cluster")}
    assert all(p.file == str(path) for p in error.value.problems)


def test_register_goal_status_rules():
    assert register_goal_status(30, 50, ">=", "year_total", JUNE, 0.9) == ("on track", 60.0)
    assert register_goal_status(23, 50, ">=", "year_total", JUNE, 0.9) == ("at risk", 46.0)
    assert register_goal_status(20, 50, ">=", "year_total", JUNE, 0.9)[0] == "off track"
    assert register_goal_status(55, 50, ">=", "year_total", JUNE, 0.9)[0] == "met"
    december = pd.Period("2019-12", freq="M")
    assert register_goal_status(49, 50, ">=", "latest", december, 0.9)[0] == "missed"


def test_goal_rows_filled_from_register_and_no_data_without(register):
    catalogue = load_catalogue()
    ids = ["major_projects_started", "external_funds", "infrastructure_investment"]
    goals = pd.DataFrame([dict.fromkeys(RESULT_COLUMNS) for _ in ids])
    goals = goals.assign(goal_id=ids, scope="all_clusters", status="no data")
    assert with_register_goals(goals, catalogue, None, JUNE, 1.0, 0.9).equals(goals)
    filled = with_register_goals(goals, catalogue, register, JUNE, 1.0, 0.9)
    assert (filled["status"] != "no data").all()
    counts = project_counts(register, JUNE, 1.0).set_index("indicator")["actual"]
    assert filled["actual"].iloc[1] == pytest.approx(counts["external_funds"])


def test_bulletin_sentence_names_the_longest_delay(register):
    from clusterlib.publish.bulletin import slipping_sentence

    late = slipping_projects(register, JUNE)
    worst = late.iloc[0]
    sentence = slipping_sentence(late, "zh")
    assert f"{len(late)}个滞后" in sentence and worst["name"] in sentence
    assert f"{int(worst['months_late'])}个月" in sentence
    english = slipping_sentence(late.iloc[0:0], "en")
    assert english == "Every key project started and was completed as planned."
