"""The 白沙 two-star goal: status from the evaluation when the data exist, else no data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.evaluation.goal import star_goal_rows
from clusterlib.evaluation.scheme import load_scheme
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


def test_complete_year_is_met_with_the_planted_two_stars(panel):
    # planted: 白沙 185亿元 in 2018 (one star), 215亿元 in 2019 (≥ 200: two stars)
    result = star_goal_rows(no_data_row(), panel, load_catalogue(), pd.Period("2019Q4"))
    row = result.iloc[0]
    assert (row["actual"], row["forecast"], row["status"]) == (1.0, 2.0, "met")


def test_incomplete_year_gets_a_probability_from_the_paths(panel):
    scheme = load_scheme()
    few = panel[panel["region"].isin(["econ_tech", "baisha", "mazhai"])]  # fewer series to fit
    settings = load_settings()
    result = star_goal_rows(no_data_row(), few, load_catalogue(), pd.Period("2019Q2"), scheme)
    row = result.iloc[0]
    assert 0.0 <= row["probability"] <= 1.0
    assert row["status"] == probability_status(row["probability"], settings)
    assert row["actual"] == 1.0
