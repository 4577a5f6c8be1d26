"""The enterprise denominators are checked for a unit slip — tester 7a, T7A-6 (land in 万亩,
employees in 万人 passed: 亩均增加值 424,047万元/亩 达标 是)."""

from __future__ import annotations

import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.enterprise.records import read_enterprises
from clusterlib.enterprise.rules import load_rules
from clusterlib.exceptions import DataValidationError
from clusterlib.messages import told


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
        "0.004875, is 1/7,990 of the median of the other 11 clusters' medians, 38.95亩: "
        "expected within 1000× (assumption E16); check the unit (亩, not 万亩)",
        f"{path}, row {people}, column 'employees': the median employees of econ_tech's 202 "
        "firms, 0.0033, is 1/13,030 of the median of the other 11 clusters' medians, 43 "
        "persons: expected within 1000× (assumption E16); check the unit (persons, not 万人)",
    ]
    assert _refusal(path, rules, "zh") == [
        f"{path}，第{land}行，“land_mu”列：郑州高新技术产业集聚区184家企业的用地面积(亩)中位数"
        "0.004875，是其他11个集聚区中位数的中位数38.95亩的7,990分之一：应在1000倍以内"
        "（假设E16）；请检查单位（应为亩，而非万亩）",
        f"{path}，第{people}行，“employees”列：郑州经济技术产业集聚区202家企业的从业人员(人)"
        "中位数0.0033，是其他11个集聚区中位数的中位数43人的13,030分之一：应在1000倍以内"
        "（假设E16）；请检查单位（应为人，而非万人）",
    ]
