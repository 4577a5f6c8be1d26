"""The 白沙 two-star goal: status from the evaluation when the data exist, else no data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.evaluation.evaluate import evaluate_clusters
from clusterlib.evaluation.goal import star_goal_rows
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.evaluation.star_list import load_star_lists
from clusterlib.goals.catalogue import load_catalogue, load_settings
from clusterlib.goals.progress import RESULT_COLUMNS, probability_status
from clusterlib.inputs.panel import build_panel, load_records

GOAL = "baisha_two_star"


@pytest.fixture(scope="module")
def panel():
    return build_panel(load_records([paths.DEMO / "panel.csv", paths.DEMO / "evaluation.csv"]))


def no_data_row() -> pd.DataFrame:
    row = dict.fromkeys(RESULT_COLUMNS, np.nan) | {
        "goal_id": GOAL, "scope": "baisha", "metric": "cluster_stars.latest",
        "threshold": 2, "status": "no data",
    }  # fmt: skip
    return pd.DataFrame([row], columns=RESULT_COLUMNS)


def test_without_the_evaluation_data_the_goal_stays_no_data(panel):
    without = panel[panel["indicator"] != "main_business_revenue"]
    result = star_goal_rows(no_data_row(), without, load_catalogue(), pd.Period("2019Q4"))
    assert result["status"].tolist() == ["no data"]


def test_complete_year_reads_last_years_stars_from_the_list_and_this_years_from_the_rule(panel):
    # data/demo/star_ratings.csv: 白沙 一星 in 2018; planted revenue 215亿元 in 2019 (≥ 200)
    result = star_goal_rows(no_data_row(), panel, load_catalogue(), pd.Period("2019Q4"))
    row = result.iloc[0]
    evaluation = evaluate_clusters(panel, 2019, load_scheme(), star_list=load_star_lists())
    own = evaluation.set_index("region").loc["baisha"]
    assert row["actual"] == 1.0 == own["previous_stars"]
    assert own["previous_stars_source"].startswith("synthetic:")
    assert row["forecast"] == own["stars_estimate"]
    # two stars need 200亿元 and a provincial rank within ⌈0.9 · 11⌉ = 10
    provincial = evaluation[evaluation["provincial"]]
    own_rank = int((provincial["composite"] > own["composite"]).sum()) + 1
    assert row["forecast"] == (2.0 if own_rank <= 10 else 1.0)
    assert row["status"] == ("met" if row["forecast"] >= 2 else "missed")


def test_incomplete_year_gets_a_probability_from_the_paths(panel):
    scheme = load_scheme()
    few = panel[panel["region"].isin(["city", "econ_tech", "baisha", "mazhai"])]  # fewer to fit
    settings = load_settings()
    result = star_goal_rows(no_data_row(), few, load_catalogue(), pd.Period("2019Q2"), scheme)
    row = result.iloc[0]
    assert 0.0 <= row["probability"] <= 1.0
    assert row["status"] == probability_status(row["probability"], settings)
    assert row["actual"] == 1.0


def test_without_baishas_revenue_at_the_years_end_the_goal_has_no_data_not_missed(panel):
    """白沙's revenue ends at 2019Q3 in a complete-year run: the star rule cannot place it
    (stars unknown), so the goal reads no data; NaN stars compared with 2 used to read missed."""
    late = (
        (panel["region"] == "baisha")
        & (panel["indicator"] == "main_business_revenue")
        & (panel["period"] == pd.Period("2019Q4", freq="Q-DEC"))
    )
    result = star_goal_rows(no_data_row(), panel[~late], load_catalogue(), pd.Period("2019Q4"))
    row = result.iloc[0]
    assert row["status"] == "no data"
    assert np.isnan(row["forecast"]) and np.isnan(row["probability"])
    assert row["actual"] == 1.0  # last year's stars from the list are still known
