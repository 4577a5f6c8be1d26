"""Tests of the seeded synthetic enterprise records."""

from __future__ import annotations

import pandas as pd

from clusterlib import paths
from clusterlib.demo import enterprises as demo_enterprises
from clusterlib.demo.enterprises import make_enterprises, planted_problems
from clusterlib.enterprise.records import read_enterprises
from clusterlib.enterprise.rules import load_rules
from clusterlib.enterprise.scoring import data_quality, firm_clusters


def test_regeneration_is_byte_identical(tmp_path, monkeypatch):
    target = tmp_path / "enterprises.csv"
    monkeypatch.setattr(demo_enterprises, "DEMO_FILE", target)
    demo_enterprises.main(["--write"])
    assert target.read_bytes() == (paths.DEMO / "enterprises.csv").read_bytes()


def test_seed_controls_the_data():
    assert make_enterprises(7, n=200).equals(make_enterprises(7, n=200))
    assert not make_enterprises(7, n=200).equals(make_enterprises(8, n=200))


def test_columns_and_clusters():
    data = make_enterprises()
    assert tuple(data.columns) == demo_enterprises.COLUMNS
    assert data["synthetic"].all() and data["firm_id"].is_unique
    counts = data.loc[data["cluster"].isin(firm_clusters()), "cluster"].value_counts()
    assert set(counts.index) == set(firm_clusters())
    assert counts.min() >= 100  # a few hundred firms per cluster


def test_calibration_of_cluster_productivity():
    data = make_enterprises(bad_records=False)
    sums = data.groupby("cluster")[["value_added", "land_mu", "employees"]].sum()
    va_per_mu = sums["value_added"] / sums["land_mu"]
    productivity = sums["value_added"] / sums["employees"]
    assert va_per_mu.between(30, 60).all()
    assert productivity.between(25, 45).all()


def test_planted_bad_records_are_exactly_the_data_quality_findings():
    data = pd.read_csv(paths.DEMO / "enterprises.csv")
    found = data_quality(data, load_rules(paths.PARAMS / "enterprise_henan.yaml"))
    assert dict(zip(found["firm_id"], found["reason"], strict=True)) == planted_problems()
    assert set(planted_problems().values()) == {"nonpositive_land", "missing_land", "negative_tax"}


def test_the_demo_file_names_only_catalogue_clusters_so_a_first_run_warns_of_nothing(capsys):
    """No firm of the embedded demo is in a cluster the catalogue lacks: a new user's first run
    does not start with a warning about planted data. The check itself still works on a firm
    planted here (郑东新区, a real district the catalogue lacks)."""
    rules = load_rules(paths.PARAMS / "enterprise_henan.yaml")
    read_enterprises(paths.DEMO / "enterprises.csv", rules, "zh")
    assert capsys.readouterr().err == ""
    data = pd.read_csv(paths.DEMO / "enterprises.csv")
    assert set(data["cluster"]) <= set(firm_clusters())
    data.loc[data["firm_id"] == "E01951", "cluster"] = "zhengdong"
    found = data_quality(data, rules)
    assert found.loc[found["firm_id"] == "E01951", "reason"].tolist() == ["unknown_cluster"]
