"""One firm's land typed in 万亩 or employees in 万人 (÷10,000) is set aside and said, not
classified (assumption E22): E16 catches a whole cluster's slip by its median, E17/E19 the
万元 columns only, so such a firm used to get an absurd 亩均 figure and a confident A class."""

from __future__ import annotations

import statistics

import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.enterprise.classification import classify, enterprise_tables
from clusterlib.enterprise.records import read_enterprises
from clusterlib.enterprise.rules import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules(paths.ROOT / "params" / "enterprise_henan.yaml")


def _demo() -> pd.DataFrame:
    return pd.read_csv(paths.DEMO / "enterprises.csv", dtype=str, keep_default_na=False)


def _with(tmp_path, column: str, value: str) -> tuple[str, pd.DataFrame]:
    """The demo file with E00002 (new_materials, file row 3) given ``column`` = ``value``."""
    table = _demo()
    assert table.at[1, "firm_id"] == "E00002"
    table.at[1, column] = value
    path = tmp_path / "enterprises.csv"
    table.to_csv(path, index=False, encoding="utf-8")
    return str(path), table


def _median(table: pd.DataFrame, column: str) -> float:
    """new_materials' median firm's figure, worked out from the file as written."""
    values = table.loc[table["cluster"] == "new_materials", column].astype(float)
    return statistics.median(values[values > 0])


def test_a_firm_with_land_in_wan_mu_is_not_classified_and_is_said(tmp_path, rules, capsys):
    """E00002's 131.1 亩 typed as 0.01311 (万亩): it was class A, rank 1 of its cluster (score
    165 against 79 as given), and its per-亩 figure 10,000× the others' raised the cluster's
    mean benchmarks for every other firm."""
    path, table = _with(tmp_path, "land_mu", "0.01311")
    median = _median(table, "land_mu")
    assert 35 < median < 36  # the demo cluster's median firm: 0.01311 is 1/2,700 of it
    records = read_enterprises(path, rules, "en")
    err = capsys.readouterr().err
    assert (
        f"warning: 1 firm(s) of the enterprise file {path} have land or employees at most "
        "1/1000 of their cluster's median firm's (10,000 mu typed for mu, or 10,000 persons "
        "for persons?); their per-mu or per-person figures would be about 10,000× too high, so "
        "they are not classified, and are left out of the cluster's benchmarks and totals, "
        "listed in the data-quality table (assumption E22); please check: E00002 "
        "(new_materials, row 3: "
        f"land_mu 0.01311, ×10,000 131.1, cluster's median firm {median:.12g})"
    ) in err
    classes = classify(records, rules).set_index("firm_id")
    assert classes.at["E00002", "status"] == "data_quality"
    assert classes.at["E00002", "reason"] == "unit_slip_land_mu"
    assert pd.isna(classes.at["E00002", "class"])
    tables = enterprise_tables(records, rules, 48, 35)
    quality = tables["data_quality"].set_index("firm_id")
    assert quality.at["E00002", "value"] == "0.01311"
    assert quality.at["E00002", "message"] == (
        f"land_mu 0.01311 is 1/{median / 0.01311:,.0f} of its cluster's median firm's, "
        f"{median:.12g}: 10,000 mu typed for mu, or 10,000 persons for persons (×10,000: "
        "131.1)? not classified (assumption E22)"
    )
    # the cluster's 亩均增加值 is that of its other firms, as if E00002 were not in the file
    others = table[(table["cluster"] == "new_materials") & (table["firm_id"] != "E00002")]
    va, land = others["value_added"].astype(float), others["land_mu"].astype(float)
    got = tables["cluster_land_productivity"].set_index("cluster").at["new_materials", "va_per_mu"]
    assert got == pytest.approx(va.sum() / land.sum())
    read_enterprises(path, rules, "zh")
    assert (
        "中1家企业的用地面积或从业人员不到本集聚区企业中位数的1/1000，疑为以万亩记作亩或以万人记作人；"
        "其亩均或人均数据将偏高约万倍，故不参与分类评价，不计入集聚区基准值和亩均统计，列入数据质量表"
        "（假设E22），请核对：E00002（郑州市新材料产业集聚区，第3行：用地面积（亩） 0.01311，"
        f"乘以10000为131.1，本集聚区企业中位数{median:.12g}）"
    ) in capsys.readouterr().err


def test_a_firm_with_employees_in_wan_ren_is_not_classified(tmp_path, rules, capsys):
    """E00002's 68 persons typed as 0.0068 (万人): 全员劳动生产率 10,000× its cluster's."""
    path, table = _with(tmp_path, "employees", "0.0068")
    median = _median(table, "employees")
    records = read_enterprises(path, rules, "en")
    assert (
        f"E00002 (new_materials, row 3: employees 0.0068, ×10,000 68, cluster's median firm "
        f"{median:.12g})"
    ) in capsys.readouterr().err
    classes = classify(records, rules).set_index("firm_id")
    assert classes.at["E00002", "reason"] == "unit_slip_employees"
    assert pd.isna(classes.at["E00002", "class"])


def test_a_small_real_firm_is_classified_as_given(tmp_path, rules, capsys):
    """A firm on 1/20 of its cluster's median land (as the demo's smallest, 2 亩 of 41.2) is
    no slip: only at most 1/1000 (0.036 亩 here, 24 m²) is set aside."""
    path, _ = _with(tmp_path, "land_mu", "1.8")
    records = read_enterprises(path, rules, "en")
    assert "1/1000" not in capsys.readouterr().err
    classes = classify(records, rules).set_index("firm_id")
    assert classes.at["E00002", "status"] == "evaluated"
