"""Checks over all the input files together: conflicts between files, non-finite numbers,
boolean spellings and repeated problems (issue #24 §1, §4)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.cli import main
from clusterlib.evaluation.report import DEFAULT_DATA
from clusterlib.exceptions import DataValidationError
from clusterlib.inputs.panel import load_records
from clusterlib.inputs.records import parse_bool
from clusterlib.inputs.validation import validate_files
from clusterlib.messages import told

HEADER = "region,indicator,period,period_type,measure,value,unit,source\n"
QUARTERS = [f"{year}Q{q}" for year in (2017, 2018) for q in (1, 2, 3, 4)] + ["2019Q1"]


def _write(path: Path, rows: list[tuple[str, float]], **columns: str) -> Path:
    """A records file of airport industry_va year-to-date levels (亿元), one row per period."""
    header = HEADER.rstrip("\n") + "".join(f",{c}" for c in columns) + "\n"
    extra = "".join(f",{v}" for v in columns.values())
    lines = [
        f"airport,industry_va,{period},ytd,level,{value},100m_yuan,test{extra}\n"
        for period, value in rows
    ]
    path.write_text(header + "".join(lines), encoding="utf-8")
    return path


def _history(tmp_path: Path) -> Path:
    # 累计 levels: 100, 200, 300, 400 in 2017, 8% more each quarter-to-date in 2018, 2019Q1 108×1.08
    values = [100, 200, 300, 400, 108, 216, 324, 432, 116.64]
    return _write(tmp_path / "hist.csv", list(zip(QUARTERS, values, strict=True)))


def test_a_level_typed_in_wan_yuan_in_another_file_is_caught(tmp_path, capsys):
    hist = _history(tmp_path)
    # 2019Q2 累计 should be about 233 亿元; typed in 万元 it is 2,332,800 (×10,000)
    release = _write(tmp_path / "rel.csv", [("2019Q2", 2332800)])
    for order in ([hist, release], [release, hist]):
        problems = validate_files(order).problems
        jumps = [p for p in problems if "implies" in p.message]
        assert len(jumps) == 1, problems
        # growth on 2018Q2 (216): 2332800 / 216 − 1 = +1,079,900%
        assert jumps[0].file == str(release) and jumps[0].row == 2
        assert "+1079900.0%" in jumps[0].message and f"row 7 of {hist}" in jumps[0].message
        with pytest.raises(DataValidationError):
            load_records(order)  # the loader of run, ledger, evaluate and the notebooks
    assert main(["validate", "--lang", "en", str(hist), str(release)]) == 1
    assert "hist.csv" in capsys.readouterr().out


def test_the_same_key_in_two_files_is_a_conflict_whatever_the_order(tmp_path):
    hist = _history(tmp_path)
    other = _write(tmp_path / "other.csv", [("2018Q2", 340.8)])
    for first, second in ((hist, other), (other, hist)):
        problems = validate_files([first, second]).problems
        duplicates = [p for p in problems if "duplicate" in p.message]
        assert len(duplicates) == 1, problems
        later, row = (other, 2) if first == hist else (hist, 7)
        earlier, earlier_row = (hist, 7) if first == hist else (other, 2)
        assert duplicates[0].file == str(later) and duplicates[0].row == row
        assert f"row {earlier_row} of {earlier}" in duplicates[0].message
        assert "216" in duplicates[0].message and "340.8" in duplicates[0].message


def test_an_identical_row_in_two_files_is_reported_too(tmp_path):
    hist = _history(tmp_path)
    copy = _write(tmp_path / "copy.csv", [("2018Q2", 216)])
    problems = validate_files([hist, copy]).problems
    assert [(p.file, p.row) for p in problems] == [(str(copy), 2)]
    assert "the same value" in problems[0].message


def test_year_to_date_falling_across_files_is_caught(tmp_path):
    hist = _history(tmp_path)  # 2019Q1 累计 116.64
    release = _write(tmp_path / "rel.csv", [("2019Q2", 100.0)])  # below the first quarter
    problems = validate_files([release, hist]).problems
    falls = [p for p in problems if "below the previous period" in p.message]
    assert [(p.file, p.row) for p in falls] == [(str(release), 2)]
    assert f"row 10 of {hist}" in falls[0].message and "116.64" in falls[0].message


def test_synthetic_and_real_records_are_not_compared_but_not_mixed_either(tmp_path):
    """V1: a synthetic row is not a duplicate of a real one (the two kinds are not compared),
    but one series given by both is refused, at the odd row whatever the order (T7A-4)."""
    hist = _history(tmp_path)
    demo = _write(tmp_path / "demo.csv", [("2018Q2", 999.0)], synthetic="true")
    for order in ([hist, demo], [demo, hist]):
        problems = validate_files(order).problems
        assert [(p.file, p.row, p.column) for p in problems] == [(str(demo), 2, "synthetic")]
        assert "duplicate" not in problems[0].message
        assert f"real ones at row 7 of {hist}" in problems[0].message


def test_the_same_file_named_twice_is_read_once(tmp_path):
    hist = _history(tmp_path)
    assert main(["validate", "--lang", "en", str(hist), str(tmp_path)]) == 0


@pytest.mark.parametrize("text", ["inf", "Infinity", "-inf", "1e400", "-1E999"])
def test_non_finite_numbers_are_refused_with_row_and_column(tmp_path, text):
    path = _write(tmp_path / "inf.csv", [("2017Q1", 100), ("2017Q2", text)])  # type: ignore[list-item]
    problems = validate_files([path]).problems
    assert [(p.row, p.column) for p in problems] == [(3, "value")], problems
    assert "not a finite number" in problems[0].message
    with pytest.raises(DataValidationError):
        load_records(path)


@pytest.mark.parametrize("text", ["True", "TRUE", "true", "yes", "Y", "1", "是", " t "])
def test_usual_true_spellings_are_accepted(tmp_path, text):
    path = _write(tmp_path / "flag.csv", [("2017Q1", 100), ("2017Q2", 200)], synthetic=text)
    validated = validate_files([path])
    assert validated.problems == []
    assert validated.records["synthetic"].tolist() == [True, True]


@pytest.mark.parametrize("text", ["False", "FALSE", "no", "0", "否", "", "N"])
def test_usual_false_spellings_are_accepted(text):
    assert parse_bool(text) is False


def test_a_problem_repeated_on_every_row_is_one_line(tmp_path):
    rows = [
        (f"{2000 + i // 4}Q{i % 4 + 1}", 100.0 * (i % 4 + 1) * 1.05 ** (i // 4)) for i in range(40)
    ]
    path = _write(tmp_path / "flag.csv", rows, synthetic="maybe")
    problems = validate_files([path]).problems
    assert len(problems) == 1, problems
    assert (problems[0].row, problems[0].column) == (2, "synthetic")
    assert "the same on 40 rows: 2, 3, 4, …" in problems[0].message


@pytest.mark.parametrize(
    "command",
    [
        ["ledger", "--month", "2019-06", "--data", str(paths.DEMO / "monthly.csv")],
        ["evaluate", "--year", "2018", "--data", *map(str, DEFAULT_DATA)],
    ],
)
def test_commands_refuse_a_release_that_contradicts_their_other_data(tmp_path, capsys, command):
    # a synthetic 2019-03 (ledger) or 2013Q1 (evaluation) figure that the demo data give already
    first = (paths.DEMO / "monthly.csv") if command[0] == "ledger" else DEFAULT_DATA[1]
    header, row = first.read_text(encoding="utf-8").splitlines()[:2]
    fields = row.split(",")
    fields[5] = str(float(fields[5]) * 10_000)  # the same figure typed in 万元
    release = tmp_path / "release.csv"
    release.write_text(f"{header}\n{','.join(fields)}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main([*command, str(release), "--out", str(out), "--lang", "en"]) == 1
    printed = capsys.readouterr().err
    assert f"{release}, row 2: duplicate of row 2 of {first}" in printed
    assert not out.exists()


def _levels(path: Path, rows: list[tuple[str, str, str, float]]) -> Path:
    """A records file of year-to-date levels (亿元): one row per region, indicator, period."""
    lines = [
        f"{region},{indicator},{period},ytd,level,{value:g},100m_yuan,test\n"
        for region, indicator, period, value in rows
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _series(region: str, indicator: str, values: list[float]) -> list[tuple[str, str, str, float]]:
    """One region's 累计 levels of ``indicator`` over the first quarters of QUARTERS."""
    periods = QUARTERS[: len(values)]
    return [(region, indicator, p, v) for p, v in zip(periods, values, strict=True)]


# 累计 levels of 2017Q1–2018Q1: the city ten times the history, growth 8% on a year earlier
CITY = [1000, 2000, 3000, 4000, 1080]
PART = [100, 200, 300, 400, 108]


@pytest.mark.parametrize("part", ["airport", "zz_clusters"])
def test_a_cluster_series_typed_in_wan_yuan_in_another_file_exceeds_the_city(tmp_path, part):
    whole = _levels(tmp_path / "whole.csv", _series("city", "industry_va", CITY))
    slip = _levels(tmp_path / "slip.csv", _series(part, "industry_va", [v * 10_000 for v in PART]))
    message = (
        f"level 1000000 of {part} is above city's 1000 (row 2 of {whole}) for industry_va "
        "2017Q1 ytd: a part cannot exceed its whole; check the unit (10,000 or 100 million yuan) "
        "of both rows "
        "(the same on 4 more rows of the series)"
    )
    for order in ([whole, slip], [slip, whole]):
        problems = validate_files(order).problems  # the growth of each series is normal
        assert [(p.file, p.row, p.column, p.message) for p in problems] == [
            (str(slip), 2, "value", message)
        ]


def test_a_cluster_far_above_the_others_is_refused_where_the_city_has_no_figure(tmp_path):
    others = [("econ_tech", 1000), ("hitech", 500), ("mazhai", 50), ("xinmi", 80)]
    rows = [row for region, level in others for row in _series(region, "tax", [level, 2 * level])]
    main_file = _levels(tmp_path / "main.csv", rows)
    slip = _levels(tmp_path / "slip.csv", _series("baisha", "tax", [200_000, 400_000]))
    problems = validate_files([main_file, slip]).problems
    # the other four's lower median is xinmi's 80 (row 8: econ_tech, hitech, mazhai come first)
    assert [(p.file, p.row, p.column, p.message) for p in problems] == [
        (
            str(slip),
            2,
            "value",
            f"level 200000 of baisha is 2,500× the median of the 4 other clusters' tax 2017Q1 "
            f"ytd, xinmi's 80 (row 8 of {main_file}): expected below 1000× (assumption V3); "
            "check the unit (10,000 or 100 million yuan) (the same on 1 more row of the series)",
        )
    ]
    # with two other clusters only there is no median to judge by
    few = _levels(tmp_path / "few.csv", rows[:4])
    assert validate_files([few, slip]).problems == []


def test_clean_levels_shares_and_growth_of_clusters_and_city_pass(tmp_path):
    rows = [
        *_series("city", "fai", CITY),
        *_series("airport", "fai", PART),
        *_series("zz_clusters", "fai", [v * 9 for v in PART]),
        *_series("econ_tech", "tax", [900, 1800]),  # no city figure: 900 / 50 = 18×
        *_series("hitech", "tax", [50, 100]),
        *_series("mazhai", "tax", [50, 100]),
        *_series("xinmi", "tax", [50, 100]),
    ]
    levels = _levels(tmp_path / "levels.csv", rows)
    # a cluster's share and growth may exceed the city's: not compared
    other = tmp_path / "other.csv"
    other.write_text(
        HEADER
        + "city,hightech_share,2017Q1,ytd,level,40,pct_share,test\n"
        + "airport,hightech_share,2017Q1,ytd,level,90,pct_share,test\n"
        + "city,fai,2018Q1,ytd,growth,8,pct_yoy,test\n"
        + "airport,fai,2018Q1,ytd,growth,50,pct_yoy,test\n",
        encoding="utf-8",
    )
    assert validate_files([levels, other], allow_gaps=True).problems == []


def test_the_demo_data_pass_together():
    demo = [paths.DEMO / name for name in ("panel.csv", "evaluation.csv", "monthly.csv")]
    assert validate_files(demo).problems == []


@pytest.mark.parametrize(
    ("command", "source", "region", "indicator"),
    [
        (["ledger", "--month", "2019-06", "--data"], paths.DEMO / "monthly.csv", "airport", "fai"),
        (
            ["evaluate", "--year", "2018", "--data", str(DEFAULT_DATA[0])],
            DEFAULT_DATA[1],
            "baisha",
            "main_business_revenue",
        ),
    ],
)
def test_commands_refuse_a_cluster_series_typed_in_wan_yuan(
    tmp_path, capsys, command, source, region, indicator
):
    # the tester's replays: one cluster's level series moved to its own file, ×10,000
    records = pd.read_csv(source, dtype=str, keep_default_na=False)
    moved = (
        (records["region"] == region)
        & (records["indicator"] == indicator)
        & (records["measure"] == "level")
    )
    main_file, slip = tmp_path / "main.csv", tmp_path / "slip.csv"
    records[~moved].to_csv(main_file, index=False)
    wan = records[moved].assign(value=(records.loc[moved, "value"].astype(float) * 10_000))
    wan.to_csv(slip, index=False)
    out = tmp_path / "out"
    assert main([*command, str(main_file), str(slip), "--out", str(out), "--lang", "en"]) == 1
    printed = capsys.readouterr().err
    assert printed.count(str(slip)) == 1, printed
    assert f"{slip}, row 2, column 'value': level " in printed
    assert not out.exists()


def test_a_growth_written_as_a_ratio_is_refused_against_its_own_levels(tmp_path):
    """A second file's 累计 growth 0.159 (a ratio) beside levels that imply +15.9%: the ledger
    showed 0.2%, ranked last, 低于全市. 438.9 on 378.7 a year earlier is +15.90%; 0.159 × 100
    is within 5% of it (assumption V4). Real growth at another basis is points off, not 100×."""
    history = tmp_path / "hist.csv"
    history.write_text(
        HEADER + "airport,fai,2018-06,ytd,level,378.7,100m_yuan,test\n", encoding="utf-8"
    )
    current = tmp_path / "cur.csv"
    current.write_text(
        HEADER
        + "airport,fai,2019-06,ytd,level,438.9,100m_yuan,test\n"
        + "airport,fai,2019-06,ytd,growth,0.159,pct_yoy,test\n",
        encoding="utf-8",
    )
    problems = validate_files([history, current], allow_gaps=True).problems
    assert [str(p) for p in problems] == [
        f"{current}, row 3, column 'value': growth 0.159 is one hundredth of the +15.9% its "
        "levels imply (438.9 on 378.7 a year earlier): a ratio, not a percentage (assumption "
        "V4); expected the growth in % (15.9)"
    ]
    current.write_text(current.read_text().replace(",0.159,", ",15.9,"), encoding="utf-8")
    assert validate_files([history, current], allow_gaps=True).problems == []
    current.write_text(current.read_text().replace(",15.9,", ",9.5,"), encoding="utf-8")
    assert validate_files([history, current], allow_gaps=True).problems == []  # points off


def test_a_year_of_a_growth_only_series_written_as_ratios_is_refused(tmp_path):
    """High-tech value added is published as growth only, so no level exposes a ratio: 2019's
    0.092, 0.095, 0.1 (for 9.2%, 9.5%, 10%) after 2018's 8.0, 9.0, 10.0 (median 9.0 against
    0.095: 95 times) are refused at 2019's first row (assumption V4); a real slowdown to
    2.5% is not, nor a year near zero after one near zero."""
    rows = [("2018Q1", 8.0), ("2018Q2", 9.0), ("2018Q3", 10.0), ("2018Q4", 9.0)]
    rows += [("2019Q1", 0.092), ("2019Q2", 0.095), ("2019Q3", 0.1)]
    path = tmp_path / "hightech.csv"

    def write(values: list[tuple[str, float]]) -> None:
        lines = [f"airport,hightech_va,{p},ytd,growth,{v},pct_yoy,test\n" for p, v in values]
        path.write_text(HEADER + "".join(lines), encoding="utf-8")

    write(rows)
    assert [str(p) for p in validate_files([path]).problems] == [
        f"{path}, row 6, column 'value': the growth figures of 2019 (median 0.095) are about "
        "one hundredth of 2018's (median 9): ratios, not percentages (assumption V4); expected "
        "them in %"
    ]
    write([*rows[:4], ("2019Q1", 2.5), ("2019Q2", 2.4), ("2019Q3", 2.6)])
    assert validate_files([path]).problems == []
    write([("2018Q1", 0.5), ("2018Q2", 0.8), ("2018Q3", 0.6), ("2018Q4", 0.7), ("2019Q1", 0.01)])
    assert validate_files([path]).problems == []


AGGREGATE_HEADER = "region,indicator,period,period_type,measure,value,unit,source,note,synthetic\n"


def _aggregate_growth(path: Path, rows: list[tuple[str, float]], synthetic: str = "true") -> Path:
    """Aggregates' 1–6月 2019 规上 growth, one row per (region, growth)."""
    lines = [
        f"{region},industry_va,2019-06,ytd,growth,{value},pct_yoy,synthetic: test,,{synthetic}\n"
        for region, value in rows
    ]
    path.write_text(AGGREGATE_HEADER + "".join(lines), encoding="utf-8")
    return path


def test_an_aggregates_growth_contradicting_its_clusters_levels_is_refused(tmp_path):
    """T7A-8, assumption V9: the demo's 12 clusters' 1–6月 规上 levels sum to 971.52 against
    894.27 a year before, +8.6%; a published 郑州市产业集聚区(合计) growth of 20.0% passed
    validation and ranked first in the ledger. More than 5 pp from the clusters' levels is
    refused at its row (13.6: 4.96 pp, passes; 13.7: 5.06 pp, refused)."""
    monthly = paths.DEMO / "monthly.csv"
    planted = _aggregate_growth(tmp_path / "zz06.csv", [("zz_clusters", 20.0)])
    (problem,) = validate_files([monthly, planted]).problems
    assert (problem.file, problem.row, problem.column) == (str(planted), 2, "value")
    assert problem.message == (
        "growth 20% of zz_clusters industry_va 2019-06 ytd is 11.4 points from the +8.6% its "
        "12 clusters' levels imply (their sum 971.52 on 894.27 a year earlier), more than 5 "
        "(assumption V9): a total contradicting its parts; check the growth (indicator, "
        "period, scope) or the clusters' levels"
    )
    assert told(problem, "zh") == (
        f"{planted}，第2行，“value”列：郑州市产业集聚区(合计)规模以上工业增加值2019年6月（累计）"
        "增速20%与其12个集聚区总量所示增速+8.6%（合计971.52，上年同期894.27）相差11.4个百分点，"
        "超过5个百分点（假设V9）：合计与其组成部分矛盾；请核对该增速（指标、期间、口径）"
        "或各集聚区的总量"
    )
    edge = _aggregate_growth(tmp_path / "edge.csv", [("all_clusters", 13.6), ("zz_clusters", 13.7)])
    (problem,) = validate_files([monthly, edge]).problems
    assert problem.row == 3 and "5.1 points from the +8.6%" in problem.message
    real = _aggregate_growth(tmp_path / "real.csv", [("zz_clusters", 20.0)], synthetic="false")
    assert validate_files([monthly, real]).problems == []  # real beside demo: not compared (V1)
    june = pd.read_csv(monthly, dtype=str)
    without_jindai = tmp_path / "without_jindai.csv"  # a cluster's level missing: no check
    june[~((june["region"] == "jindai") & (june["period"] >= "2019-06"))].to_csv(
        without_jindai, index=False
    )
    assert validate_files([without_jindai, planted]).problems == []
