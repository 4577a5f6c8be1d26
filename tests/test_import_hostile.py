"""Import: units from a note row, empty results, the output file and hostile names
(issue #24 §3)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from clusterlib import paths
from clusterlib.cli import main

FIXTURES = paths.ROOT / "tests" / "fixtures" / "release_tables"
LAYOUTS = paths.PARAMS / "layouts"
LONG_HEADER = "地区名称,指标名称,统计时期,计量单位,本期值,同比增长(%)\n"
LAYOUT = """name: 单位在表头上方
header_rows: [3, 4]
rows:
  region: A
carry_left: [indicator]
indicators:
  主营业务收入: main_business_revenue
"""


def _run(capsys, *args) -> tuple[int, str]:
    code = main(["import", *map(str, args), "--lang", "en"])  # the English of the lines
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _table(path: Path, note: str | None) -> Path:
    """Title, an optional note row, a header without units, two clusters (values in 万元)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["2019年1—6月产业集聚区主要指标"])
    sheet.append([note] if note else [])
    sheet.append(["集聚区", "主营业务收入"])
    sheet.append(["", "绝对值", "同比增长(%)"])
    sheet.append(["航空港区", 1234500, 12.5])
    sheet.append(["经开区", 987600, 8.1])
    book.save(path)
    return path


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    path = tmp_path / "note.yaml"
    path.write_text(LAYOUT, encoding="utf-8")
    return path


def test_a_unit_in_a_note_row_above_the_header_is_honoured(tmp_path, capsys, layout):
    table = _table(tmp_path / "t.xlsx", "单位：万元")
    out = tmp_path / "t.csv"
    code, printed = _run(capsys, table, "--layout", layout, "--out", out)
    assert code == 0, printed
    records = pd.read_csv(out, dtype=str, keep_default_na=False)
    levels = records[records["measure"] == "level"].set_index("region")["value"]
    assert levels.to_dict() == {"airport": "123.45", "econ_tech": "98.76"}  # 万元 ÷ 10,000
    growth = records[records["measure"] == "growth"].set_index("region")["value"]
    assert growth.to_dict() == {"airport": "12.5", "econ_tech": "8.1"}  # % whatever the note


def test_a_level_column_without_any_unit_is_a_problem_not_a_guess(tmp_path, capsys, layout):
    table = _table(tmp_path / "t.xlsx", None)
    out = tmp_path / "t.csv"
    code, printed = _run(capsys, table, "--layout", layout, "--out", out)
    assert code == 1 and not out.exists()
    assert "column 'Sheet!B4'" in printed and "no unit for these levels" in printed


def test_zero_records_is_a_problem_and_keeps_the_earlier_file(tmp_path, capsys, layout):
    book = Workbook()
    book.active.append(["2019年1—6月产业集聚区主要指标"])
    book.active.append(["单位：万元"])
    book.active.append(["集聚区", "主营业务收入"])
    book.active.append(["", "绝对值"])
    book.active.append(["注：本表数据暂缺"])
    book.save(tmp_path / "notes.xlsx")
    out = tmp_path / "out.csv"
    out.write_text("an earlier good file\n", encoding="utf-8")
    for extra in ([], ["--keep-going"]):
        code, printed = _run(
            capsys, tmp_path / "notes.xlsx", "--layout", layout, "--out", out, *extra
        )
        assert code == 1 and "no records read" in printed
        assert out.read_text(encoding="utf-8") == "an earlier good file\n"


def test_out_equal_to_an_input_file_is_refused(tmp_path, capsys):
    source = tmp_path / "export.csv"
    shutil.copy(FIXTURES / "export_gbk.csv", source)
    before = source.read_bytes()
    code, printed = _run(capsys, source, "--layout", LAYOUTS / "long_csv.yaml", "--out", source)
    assert code == 2 and "is one of the input files" in printed
    assert source.read_bytes() == before


def test_written_files_have_the_usual_permissions_and_stale_temporaries_go(tmp_path, capsys):
    out = tmp_path / "x.csv"
    stale = tmp_path / ".x.csv.k1ll3d.tmp"  # left by an import killed earlier
    stale.write_text("half a file", encoding="utf-8")
    other = tmp_path / ".y.csv.k1ll3d.tmp"  # another target's: not ours to remove
    other.write_text("half a file", encoding="utf-8")
    mask = os.umask(0o022)
    try:
        code, _ = _run(
            capsys, FIXTURES / "export_gbk.csv", "--layout", LAYOUTS / "long_csv.yaml", "--out", out
        )
    finally:
        os.umask(mask)
    assert code == 0
    assert out.stat().st_mode & 0o777 == 0o644
    assert not stale.exists() and other.exists()


def test_a_formula_in_the_file_name_is_neutralised_in_source(tmp_path, capsys):
    hostile = tmp_path / '=HYPERLINK("http:evil")+clusters.xlsx'
    shutil.copy(FIXTURES / "clusters_2019h1.xlsx", hostile)
    out = tmp_path / "c.csv"
    code, printed = _run(capsys, hostile, "--layout", LAYOUTS / "clusters_wide.yaml", "--out", out)
    assert code == 0, printed
    sources = pd.read_csv(out, dtype=str, keep_default_na=False)["source"]
    assert sources.str.startswith("'=HYPERLINK").all()


def test_terminal_escapes_in_cells_are_not_echoed(tmp_path, capsys):
    text = (
        LONG_HEADER
        + "\x1b[2J\x1b]0;owned\x07航空区\x1b[31m,四上企业营业收入,2019年1-3月,亿元,12.5,8.1\n"
    )
    table = tmp_path / "escapes.csv"
    table.write_text(text, encoding="utf-8")
    code, printed = _run(capsys, table, "--layout", LAYOUTS / "long_csv.yaml", "--dry-run")
    assert code == 1 and "unknown region '航空区'" in printed
    assert "\x1b" not in printed and "\x07" not in printed
    records = tmp_path / "records.csv"
    records.write_text(
        "region,indicator,period,period_type,measure,value,unit,source\n"
        "\x1b[5mcity,industry_va,2019Q1,ytd,growth,7.6,pct_yoy,test\n",
        encoding="utf-8",
    )
    assert main(["validate", str(records)]) == 1
    assert "\x1b" not in capsys.readouterr().out


def test_a_percent_sign_in_a_level_column_is_refused_at_its_cell(tmp_path, capsys):
    export = tmp_path / "levels.csv"
    export.write_bytes(
        (
            LONG_HEADER
            + "高新区,固定资产投资,2019年上半年,万元,12.5%,3.1\n"
            + "航空港区,固定资产投资,2019年上半年,亿元,８.４％,\n"
            + "全市,高新技术产业增加值占规上工业增加值比重,2019年上半年,%,35.2%,\n"
        ).encode("gbk")
    )
    out = tmp_path / "out.csv"
    code, printed = _run(capsys, export, "--layout", LAYOUTS / "long_csv.yaml", "--out", out)
    assert code == 1 and not out.exists()
    lines = [line for line in printed.splitlines() if line.startswith("levels.csv")]
    assert lines == [
        "levels.csv, column 'E2': '12.5%' has a % sign: a growth rate or share, not a level "
        "in 万元; expected a level in 万元 without %",
        "levels.csv, column 'E3': '８.４％' has a % sign: a growth rate or share, not a level "
        "in 亿元; expected a level in 亿元 without %",
    ]  # the share's 35.2% is a level in %: read


def test_a_percent_sign_in_a_wide_level_column_is_refused_too(tmp_path, capsys, layout):
    table = _table(tmp_path / "t.xlsx", "单位：万元")
    book = load_workbook(table)
    book.active["B6"] = "12.5%"
    book.save(table)
    code, printed = _run(capsys, table, "--layout", layout, "--dry-run")
    assert code == 1
    assert (
        "t.xlsx, column 'Sheet!B6': '12.5%' has a % sign: a growth rate or share, not a level "
        "in 万元; expected a level in 万元 without %"
    ) in printed.splitlines()


def test_percent_formatted_cells_read_as_shown(tmp_path, capsys, layout):
    """A growth cell stored 0.125 and shown 12.5% is 12.5; a level cell shown as a
    percentage (98.76% of 万元 is no level) is refused at its cell, not read as 0.9876."""
    table = _table(tmp_path / "t.xlsx", "单位：万元")
    book = load_workbook(table)
    for ref, stored, shown in (
        ("C5", 0.125, "0.0%"),
        ("C6", 0.081, "0.0%"),
        ("B6", 0.9876, "0.00%"),
    ):
        book.active[ref] = stored
        book.active[ref].number_format = shown
    book.save(table)
    code, printed = _run(capsys, table, "--layout", layout, "--dry-run")
    assert code == 1
    assert (
        "t.xlsx, column 'Sheet!B6': '98.76%' has a % sign: a growth rate or share, not a "
        "level in 万元; expected a level in 万元 without %"
    ) in printed.splitlines()
    book.active["B6"] = 987600  # the level typed as a number again
    book.active["B6"].number_format = "#,##0"
    book.save(table)
    out = tmp_path / "t.csv"
    code, printed = _run(capsys, table, "--layout", layout, "--out", out)
    assert code == 0, printed
    records = pd.read_csv(out, dtype=str, keep_default_na=False)
    growth = records[records["measure"] == "growth"].set_index("region")["value"]
    assert growth.to_dict() == {"airport": "12.5", "econ_tech": "8.1"}  # not 0.125, 0.081


def test_a_name_column_headed_twice_is_refused_naming_both(tmp_path, capsys):
    export = tmp_path / "twice.csv"
    export.write_text(
        LONG_HEADER.replace("\n", ",地区名称\n")
        + "航空港区,固定资产投资,2019年上半年,亿元,12.5,3.1,高新区\n",
        encoding="utf-8",
    )
    code, printed = _run(capsys, export, "--layout", LAYOUTS / "long_csv.yaml", "--dry-run")
    assert code == 1
    assert printed.splitlines()[0] == (
        "twice.csv, column 'G1': the header '地区名称' (region) is in columns 1 (A) and 7 (G); "
        "expected it once"
    )
