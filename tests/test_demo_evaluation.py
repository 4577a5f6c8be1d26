"""The synthetic evaluation demo: committed file, labels, and the planted revenues recovered."""

from __future__ import annotations

import pytest

from clusterlib import paths
from clusterlib.demo.evaluation import (
    MISSING,
    PATH,
    STAR_PATH,
    make_demo_star_list,
    make_evaluation_demo,
)
from clusterlib.evaluation.evaluate import evaluate_clusters
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.evaluation.star_list import OFFICIAL_STARS, load_star_lists
from clusterlib.inputs.panel import build_panel, load_records
from clusterlib.inputs.validation import validate_records


@pytest.fixture(scope="module")
def demo():
    return make_evaluation_demo(2019)


def test_committed_file_is_the_seeded_demo(demo):
    records, _ = demo
    assert PATH.read_text(encoding="utf-8") == records.to_csv(index=False, lineterminator="\n")


def test_records_are_valid_and_labelled_synthetic(demo):
    records, _ = demo
    raw = records.astype(str).assign(_row=range(2, len(records) + 2))
    assert validate_records(raw, "evaluation.csv") == []
    assert (records["synthetic"] == "true").all()
    assert records["source"].str.startswith("synthetic:").all()
    pair = (records["region"] == MISSING[0]) & (records["indicator"] == MISSING[1])
    assert not pair.any()


def test_evaluation_recovers_the_planted_revenues(demo):
    _, truth = demo
    panel = build_panel(load_records([paths.DEMO / "panel.csv", PATH]))
    result = evaluate_clusters(panel, 2018, load_scheme(), previous=False).set_index("region")
    planted = truth.revenue[2018].reindex(result.index)
    assert result["value.revenue"].to_numpy() == pytest.approx(planted.to_numpy(), abs=0.02)
    assert result.at["jindai", "missing"] == "high_energy_share"


def test_demo_star_list_is_committed_labelled_and_agrees_with_the_published_ratings():
    demo = make_demo_star_list()
    assert STAR_PATH.read_text(encoding="utf-8") == demo.to_csv(index=False, lineterminator="\n")
    assert (demo["synthetic"] == "true").all() and demo["source"].str.startswith("synthetic:").all()
    official = load_star_lists([OFFICIAL_STARS])
    both = official.merge(load_star_lists([STAR_PATH]), on=["region", "year"])
    assert len(both) == 9 and (both["stars_x"] == both["stars_y"]).all()
    undated = official[official["year"].isna()]
    assert undated["region"].tolist() == ["mazhai"]  # 二星, undated: agrees with the demo's 2
    assert set(demo.loc[demo["region"] == "mazhai", "stars"]) == {2}
