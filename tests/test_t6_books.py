"""Implausible books refused or set aside: key-project amounts typed in 万元 and 累计 that fall
(L9), ledger targets out of range, typed as ratios or a unit off (L10), an enterprise firm
typed in 元 (E17) and repeated enterprise rows (E18) — tester 6, T6-3/18/6/8/9."""

from __future__ import annotations

import pandas as pd
import pytest

from clusterlib import cli, paths
from clusterlib.enterprise.classification import enterprise_tables
from clusterlib.enterprise.records import read_enterprises
from clusterlib.enterprise.rules import load_rules
from clusterlib.exceptions import DataValidationError
from clusterlib.ledger.projects import COLUMNS, load_register
from clusterlib.ledger.targets import load_targets
from clusterlib.messages import told

HEADER = ",".join(COLUMNS)


def _project(pid: str, month: str, total: float, ytd: float) -> str:
    """A register row of a continuing 基础设施 project off the Three 50s list."""
    return f"{pid},项目{pid},jindai,基础设施,{month},{total},{ytd},续建,2018-01,2020-12,0,,"


def _register(tmp_path, rows: list[str]):
    path = tmp_path / "projects.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _problems(call) -> list[str]:
    with pytest.raises(DataValidationError) as error:
        call()
    return [str(problem) for problem in error.value.problems]


def test_a_project_typed_in_wan_yuan_is_refused_at_its_row(tmp_path):
    totals = {"P1": 8, "P2": 9, "P3": 10, "P4": 12, "P5": 100000}  # P5: 10亿 typed in 万元
    path = _register(tmp_path, [_project(p, "2019-01", t, 1) for p, t in totals.items()])
    assert _problems(lambda: load_register(path)) == [
        f"{path}, row 6, column 'total_investment': total_investment 100000 of project P5 is "
        "10,000× the median of the 5 projects' total_investment in 2019-01, 10: expected below "
        "1000× (assumption L9); check the unit (100 million yuan, not 10,000 yuan)"
    ]


def test_a_project_999_times_the_median_and_the_demo_register_pass(tmp_path):
    totals = {"P1": 8, "P2": 9, "P3": 10, "P4": 12, "P5": 9990}
    load_register(_register(tmp_path, [_project(p, "2019-01", t, 1) for p, t in totals.items()]))
    load_register(paths.DEMO / "projects.csv")


def test_a_falling_ytd_is_refused_at_the_later_row_naming_both_months(tmp_path):
    rows = [_project("P1", m, 10.35, v) for m, v in (("2019-05", 1.57), ("2019-06", 0.19))]
    rows.append(_project("P1", "2020-01", 10.35, 0.1))  # a new year starts again
    path = _register(tmp_path, rows)
    problems = _problems(lambda: load_register(path))
    assert problems == [
        f"{path}, row 3, column 'ytd_investment': ytd_investment of project P1 is a year-to-date "
        "figure and cannot fall within a year: 1.57 in 2019-05 (row 2), then 0.19 in 2019-06"
    ]
    with pytest.raises(DataValidationError) as error:
        load_register(path)
    assert told(error.value.problems[0], "zh") == (
        f"{path}，第3行，“ytd_investment”列：项目P1的本年累计完成投资（亿元）为累计数，不应在年内下降："
        "2019年5月为1.57（第2行），2019年6月为0.19"
    )


TARGETS = """region,indicator,year,measure,value,source,reference
city,fai,2019,growth,0.1,目标责任书,ratio typed for 10%
econ_tech,fai,2019,level,8000000,user-set,万元 typed for 亿元
airport,fai,2019,growth,-150,user-set,impossible growth
hitech,fai,2019,growth,0,user-set,持平 is a target
"""


def _history() -> pd.DataFrame:
    """Last December's 累计 (level and growth) of the city's and econ_tech's fai."""
    december = pd.Period("2018-12", freq="M")
    return pd.DataFrame(
        {
            "region": ["city", "econ_tech", "hitech"],
            "indicator": ["fai"] * 3,
            "period": [december] * 3,
            "ytd": [8350.5, 442.4, 300.0],
            "growth": [9.8, 5.0, 6.0],
        }
    )


def test_ledger_targets_out_of_range_as_ratio_or_a_unit_off_are_refused(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(TARGETS, encoding="utf-8")
    growth = (
        f"{path}, row 4, column 'value': growth target -150% of fai is outside its plausible "
        "growth range, -80% to 150% (data/catalog/indicators.csv)"
    )
    assert _problems(lambda: load_targets(path)) == [growth]
    assert _problems(lambda: load_targets(path, _history())) == [
        f"{path}, row 2, column 'value': growth target 0.1 reads as 0.1%, against last year's "
        "full-year growth of 9.8% for city's fai: a ratio typed for a percentage? for 10% "
        "write 10 (assumption L10)",
        f"{path}, row 3, column 'value': level target 8000000 is 18,083× last year's full-year "
        "year-to-date figure 442.4 of econ_tech's fai: expected within 1000× either way "
        "(assumption L10); check the unit (10,000 or 100 million yuan)",
        growth,
    ]


def test_the_ledger_refuses_implausible_targets_before_any_report(tmp_path, capsys):
    targets = tmp_path / "targets.csv"
    targets.write_text(TARGETS.splitlines()[0] + "\n" + TARGETS.splitlines()[1] + "\n", "utf-8")
    params = tmp_path / "ledger.yaml"
    text = (paths.ROOT / "params" / "ledger.yaml").read_text(encoding="utf-8")
    params.write_text(text.replace("params/ledger_targets.csv", str(targets)), encoding="utf-8")
    out = tmp_path / "reports"
    args = ["ledger", "--month", "2019-06", "--params", str(params), "--out", str(out)]
    assert cli.main(args) == 1
    assert (
        "增长目标0.1按百分数读为0.1%，而郑州市固定资产投资上年全年增长" in capsys.readouterr().err
    )
    assert not out.exists()


@pytest.fixture(scope="module")
def rules():
    return load_rules(paths.ROOT / "params" / "enterprise_henan.yaml")


def _firms(tmp_path, change) -> tuple:
    """The demo enterprise file changed by ``change`` (lines → lines), written to tmp_path."""
    lines = (paths.DEMO / "enterprises.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "enterprises.csv"
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return path


def _yuan(lines: list[str]) -> list[str]:
    """E00002 (row 3) with tax, value added and revenue in 元: ×10,000."""
    header = lines[0].split(",")
    cells = lines[2].split(",")
    for column in ("tax", "value_added", "revenue"):
        at = header.index(column)
        cells[at] = f"{float(cells[at]) * 10000:.2f}"
    return [*lines[:2], ",".join(cells), *lines[3:]]


def test_a_firm_typed_in_yuan_is_set_aside_and_said(tmp_path, rules, capsys):
    slipped = read_enterprises(_firms(tmp_path, _yuan), rules, "en")
    err = capsys.readouterr().err
    assert (
        f"warning: 1 firm(s) of the enterprise file {tmp_path / 'enterprises.csv'} have a figure "
        "in 10,000 yuan at least 1000× their cluster's median firm's, in total and per mu (yuan "
        "typed for 10,000 yuan?); listed in the data-quality table and left out of the cluster "
        "totals: E00002 (new_materials, row 3: tax 4236700, value_added 26514300, revenue 97561700)"
    ) in err
    tables = enterprise_tables(slipped, rules, 48, 35)
    quality = tables["data_quality"]
    assert quality.loc[quality["firm_id"] == "E00002", "reason"].tolist() == [
        "unit_slip_tax",
        "unit_slip_value_added",
        "unit_slip_revenue",
    ]
    without = read_enterprises(_firms(tmp_path, lambda ls: [ls[0], *ls[3:], ls[1]]), rules, "en")
    expected = enterprise_tables(without, rules, 48, 35)["cluster_land_productivity"]
    got = tables["cluster_land_productivity"].set_index("cluster")
    assert got.loc["new_materials", "va_per_mu"] == pytest.approx(
        expected.set_index("cluster").loc["new_materials", "va_per_mu"]
    )
    assert round(got.loc["new_materials", "va_per_mu"], 1) == 45.9  # 1544.3 with the firm


def _yi_yuan(lines: list[str]) -> list[str]:
    """E00002 (row 3) with its value added in 亿元: ÷10,000."""
    header = lines[0].split(",")
    cells = lines[2].split(",")
    at = header.index("value_added")
    cells[at] = f"{float(cells[at]) / 10000:.6g}"
    return [*lines[:2], ",".join(cells), *lines[3:]]


def test_a_firm_typed_in_yi_yuan_is_warned_and_classified_as_given(tmp_path, rules, capsys):
    path = _firms(tmp_path, _yi_yuan)
    small = read_enterprises(path, rules, "en")
    err = capsys.readouterr().err
    assert (
        f"warning: 1 firm(s) of the enterprise file {path} have a figure in 10,000 yuan at "
        "most 1/1000 of their cluster's median firm's, in total and per mu (100 million yuan "
        "typed for 10,000 yuan?); "
        "classified as given, please check: E00002 (new_materials, row 3: value_added 0.265143)"
    ) in err
    assert small.loc[small["firm_id"] == "E00002", "value_added"].item() == 0.265143
    reasons = enterprise_tables(small, rules, 48, 35)["data_quality"]["reason"]
    assert not reasons.str.startswith("unit_slip_").any()  # kept: a firm that barely produced
    read_enterprises(path, rules, "zh")
    assert (
        "中1家企业的万元数据不到本集聚区企业中位数的1/1000（总量和亩均），疑为以亿元记作万元；"
        "仍按所填数据评价，请核对：E00002（郑州市新材料产业集聚区，第3行：增加值（万元） 0.265143）"
    ) in capsys.readouterr().err


def test_a_firm_in_yuan_is_said_by_names_in_chinese(tmp_path, rules, capsys):
    read_enterprises(_firms(tmp_path, _yuan), rules, "zh")
    assert (
        "E00002（郑州市新材料产业集聚区，第3行：税收（万元） 4236700、增加值（万元） 26514300、"
        "营业收入（万元） 97561700）"
    ) in capsys.readouterr().err


def test_the_demo_enterprises_have_no_implausible_firm(rules, capsys):
    records = read_enterprises(paths.DEMO / "enterprises.csv", rules, "en")
    err = capsys.readouterr().err
    assert "1000×" not in err and "1/1000" not in err
    reasons = enterprise_tables(records, rules, 48, 35)["data_quality"]["reason"]
    assert not reasons.str.startswith("unit_slip_").any()
    assert not reasons.isin(["repeated_row", "duplicate_firm_id"]).any()


def test_an_exact_copy_counts_once_and_a_conflicting_id_is_said(tmp_path, rules, capsys):
    def repeated(lines: list[str]) -> list[str]:
        e3 = lines[3].split(",")
        e3[1] = "airport"  # E00003 also under a second cluster
        return [*lines, ",".join(e3), lines[4]]  # and an exact copy of E00004

    path = _firms(tmp_path, repeated)
    records = read_enterprises(path, rules, "zh")
    err = capsys.readouterr().err
    assert (
        f"警告：企业数据（{path}）中1行与前面的行完全相同，仅计一次：第3003行（E00004，同第5行）"
        in err
    )
    assert (
        f"警告：企业数据（{path}）中1个企业编号重复且数据或集聚区不同，列入数据质量表，"
        "不计入集聚区亩均统计：E00003（第4、3002行）"
    ) in err
    table = enterprise_tables(records, rules, 48, 35)["cluster_land_productivity"]
    firms = table.set_index("cluster")["n_firms"]
    clean = read_enterprises(paths.DEMO / "enterprises.csv", rules, "en")
    clean_firms = enterprise_tables(clean, rules, 48, 35)["cluster_land_productivity"]
    before = clean_firms.set_index("cluster")["n_firms"]
    # E00004 counts once; E00003 (xinzheng_xingang) leaves its cluster and the total
    assert firms["zhongmu_auto"] == before["zhongmu_auto"]
    assert firms["xinzheng_xingang"] == before["xinzheng_xingang"] - 1
    assert firms["total"] == before["total"] - 1
