"""Validation: each malformed fixture gets a precise message; clean data passes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from clusterlib import catalog, paths
from clusterlib.cli import main
from clusterlib.exceptions import DataValidationError
from clusterlib.inputs import validation
from clusterlib.inputs.panel import load_records
from clusterlib.inputs.reading import read_records
from clusterlib.inputs.records import REQUIRED
from clusterlib.inputs.validation import validate_records

FIXTURES = Path(__file__).parent / "fixtures"
BAD = FIXTURES / "bad"

# fixture → (row, column, words the message must contain)
EXPECTED = {
    "unknown_region.csv": (2, "region", "unknown region"),
    "unknown_indicator.csv": (2, "indicator", "unknown indicator"),
    "duplicate_rows.csv": (3, None, "duplicate of row 2"),
    "gap_in_series.csv": (3, "period", "no value for 2019Q2"),
    "non_numeric.csv": (2, "value", "not a number"),
    "negative_level.csv": (2, "value", "cannot be negative"),
    "ytd_level_falls.csv": (3, "value", "below the previous period"),
    "implausible_growth.csv": (2, "value", "outside the plausible growth range"),
    "mixed_units.csv": (3, "unit", "mixed units"),
    "notes.txt": (None, None, "expected a .csv or .xlsx file"),
    "missing_columns.csv": (1, "period_type", "missing required column"),
    "bad_period.csv": (2, "period", "unreadable period"),
    "empty_source.csv": (2, "source", "expected the source"),
    "corrupt.xlsx": (None, None, "expected a valid .xlsx file"),
    "no_records.csv": (None, None, "no records"),
    "level_times_10000.csv": (7, "value", "outside the plausible range for fai"),
}


def problems_of(path: Path) -> list:
    try:
        records = read_records(path)
    except DataValidationError as error:
        return error.problems
    return validate_records(records, str(path))


def test_every_bad_fixture_is_covered():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_gets_a_precise_message(name):
    row, column, words = EXPECTED[name]
    problems = problems_of(BAD / name)
    matching = [p for p in problems if words in p.message]
    assert matching, f"no problem mentioning {words!r} in {problems}"
    assert matching[0].row == row
    assert matching[0].column == column
    assert matching[0].file.endswith(name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_exits_non_zero_without_traceback(name, capsys):
    assert main(["validate", "--lang", "en", str(BAD / name)]) == 1
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    assert name in printed.out


def test_all_problems_of_a_file_are_reported_at_once(tmp_path):
    bad = tmp_path / "many.csv"
    bad.write_text(
        "region,indicator,period,period_type,measure,value,unit,source\n"
        "nowhere,fai,2019Q1,ytd,level,100,100m_yuan,x\n"
        "city,fai,2019Q1,ytd,level,abc,100m_yuan,x\n"
        "city,industry_va,2019Q1,ytd,growth,500,pct_yoy,x\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as caught:
        load_records(bad)
    assert isinstance(caught.value, ValueError)
    assert [p.row for p in caught.value.problems] == [2, 3, 4]


def test_clean_fixture_passes_and_cli_exits_zero(capsys):
    assert problems_of(FIXTURES / "good.csv") == []
    assert main(["validate", "--lang", "en", str(FIXTURES / "good.csv")]) == 0
    assert "ok" in capsys.readouterr().out


def test_gbk_csv_is_decoded_and_chinese_region_names_map_to_ids():
    assert problems_of(FIXTURES / "gbk.csv") == []
    records = load_records(FIXTURES / "gbk.csv")
    assert set(records["region"]) == {"city"}
    assert set(records["source"]) == {"郑州市统计局"}


def test_xlsx_rows_are_numbered_like_the_sheet(tmp_path):
    table = pd.read_csv(BAD / "negative_level.csv", dtype=str)
    path = tmp_path / "negative.xlsx"
    table.to_excel(path, index=False)
    [problem] = problems_of(path)
    assert (problem.row, problem.column) == (2, "value")


def test_text_stays_text(tmp_path):
    path = tmp_path / "text.csv"
    path.write_text(
        "region,indicator,period,period_type,measure,value,unit,source,note\n"
        'city,fai,2019Q1,ytd,level,100,100m_yuan,"=HYPERLINK(""x"")",<script>alert(1)</script>\n',
        encoding="utf-8",
    )
    records = load_records(path)
    assert records.loc[0, "source"] == '=HYPERLINK("x")'
    assert records.loc[0, "note"] == "<script>alert(1)</script>"


def test_gaps_are_accepted_when_allowed():
    records = read_records(BAD / "gap_in_series.csv")
    assert validate_records(records, "gap.csv", allow_gaps=True) == []


def test_embedded_data_validates_cleanly(capsys):
    assert (
        main(
            [
                "validate",
                "data/demo/panel.csv",
                "data/official",
                "data/official/china",
                "data/official/provinces",
            ]
        )
        == 0
    )


def test_the_shipped_demo_folder_validates_each_file_by_its_kind(capsys):
    """data/demo holds a register, enterprise records and a star list beside the records:
    each is read by its own reader (they were refused as records lacking 'indicator')."""
    assert main(["validate", "data/demo", "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == "ok: 6 file(s) valid"


def test_a_register_star_list_or_enterprise_file_gets_its_own_problems(tmp_path, capsys):
    register = tmp_path / "projects.csv"
    lines = (paths.DEMO / "projects.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("cluster")] = "atlantis"
    register.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", "utf-8")
    stars = tmp_path / "stars.csv"
    stars.write_text(
        "region,year,stars,synthetic,source,quote,note\nairport,2018,9,true,x,,\n", "utf-8"
    )
    firms = tmp_path / "firms.csv"
    firms.write_text("firm_id,cluster,land_mu\n", "utf-8")
    assert main(["validate", str(register), str(stars), str(firms), "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "3 problem(s) in 3 file(s)"
    assert out[0].startswith(f"{register}, row 2, column 'cluster': ")
    assert "atlantis" in out[0]
    assert out[1].startswith(f"{stars}, row 2, column 'stars': ")
    assert out[2].startswith(f"{firms}")


def test_a_level_mistyped_by_10000_is_named_in_its_period_and_a_year_later(monkeypatch):
    panel = read_records(paths.DEMO / "panel.csv")
    series = panel[(panel["region"] == "city") & (panel["indicator"] == "fai")]
    series = series[(series["period_type"] == "ytd") & (series["measure"] == "level")]
    planted = series[series["period"] == "2015Q3"].index[0]
    year_later = series[series["period"] == "2016Q3"].index[0]
    panel.loc[planted, "value"] = str(float(panel.loc[planted, "value"]) * 10_000)
    problems = validate_records(panel, "panel.csv")
    rows = {int(panel.loc[i, "_row"]) for i in (planted, year_later)}
    implied = [p for p in problems if "implies" in p.message]
    assert {p.row for p in implied} == rows
    assert {p.column for p in implied} == {"value"}
    # a documented break exempts exactly the period it names
    monkeypatch.setattr(validation, "series_breaks", lambda: frozenset({("city", "fai", "2015Q3")}))
    left = [p for p in validate_records(panel, "panel.csv") if "implies" in p.message]
    assert [p.row for p in left] == [int(panel.loc[year_later, "_row"])]


def test_series_breaks_file_names_known_series():
    breaks = validation.series_breaks()
    assert all(indicator in catalog.indicators().index for _, indicator, _ in breaks)
    assert all(region in catalog.regions().index for region, _, _ in breaks)


def test_growth_from_a_zero_level_is_not_judged(tmp_path):
    path = tmp_path / "zero.csv"
    rows = [
        f"city,fai,{year}Q1,ytd,level,{value},100m_yuan,test"
        for year, value in ((2018, 0), (2019, 5))
    ]
    path.write_text("\n".join([",".join(REQUIRED), *rows]) + "\n", encoding="utf-8")
    assert validate_records(read_records(path), str(path), allow_gaps=True) == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_column_named_twice_is_refused_with_both_positions(tmp_path, capsys, suffix):
    header = [*REQUIRED, "note", "synthetic", "value"]
    row = ["city", "industry_va", "2019Q1", "ytd", "growth", "8.1", "pct_yoy", "t", "", "false"]
    table = pd.DataFrame([[*row, "99"]])
    path = tmp_path / f"twice{suffix}"
    if suffix == ".csv":
        table.to_csv(path, index=False, header=header)
    else:
        table.to_excel(path, index=False, header=header)
    assert main(["validate", "--lang", "en", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{path}, row 1, column 'value': the header 'value' is in columns 6 (F) and 11 (K); "
        "expected each column once (only one of them would be read)"
    )


@pytest.mark.parametrize(("separator", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_a_file_of_another_separator_is_one_line_saying_so(tmp_path, capsys, separator, name):
    path = tmp_path / "other.csv"
    row = ["city", "industry_va", "2019Q1", "ytd", "growth", "8.1", "pct_yoy", "t"]
    path.write_text(separator.join(REQUIRED) + "\n" + separator.join(row) + "\n", encoding="utf-8")
    assert main(["validate", "--lang", "en", str(path)]) == 1
    shown = " ".join(REQUIRED)[:40] if separator == "\t" else ";".join(REQUIRED)[:40]
    assert capsys.readouterr().out.splitlines() == [
        f"{path}, row 1: no column of the input format found; the header reads '{shown}…': "
        f"expected a comma-separated file, not one separated by {name}",
        "1 problem(s) in 1 file(s)",
    ]


def test_an_xlsx_with_a_title_row_is_one_line_naming_what_row_1_reads(tmp_path, capsys):
    path = tmp_path / "titled.xlsx"
    row = ["city", "industry_va", "2019Q1", "ytd", "growth", "8.1", "pct_yoy", "t"]
    pd.DataFrame([REQUIRED, row]).to_excel(
        path, index=False, header=["2019年郑州市数据", *[""] * 7]
    )
    assert main(["validate", "--lang", "en", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{path}, row 1: no column of the input format found; the header reads '2019年郑州市数据': "
        f"expected the columns {', '.join(REQUIRED)} in row 1 (of the first sheet, for an .xlsx "
        "workbook)"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "--lang", "en"],
        ["ledger", "--lang", "en", "--month", "2019-06", "--data"],
        ["evaluate", "--lang", "en", "--year", "2018", "--data"],
        ["run", "--lang", "en", "--quarter", "2019Q2", "--data"],
    ],
)
def test_a_folder_without_data_files_is_refused_by_every_command(command, tmp_path, capsys):
    """An empty folder (or one holding a note only) was "ok: 0 file(s) valid" for validate
    and an internal error (KeyError 'period' or 'status', exit 3) for the others."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "readme.txt").write_text("figures to follow", encoding="utf-8")
    out = [] if command[0] == "validate" else ["--out", str(tmp_path / "out")]
    code = main([*command, str(folder), *out])
    err = capsys.readouterr()
    assert code == 1
    said = (err.out + err.err).strip().splitlines()
    assert said[-1] == (
        f"{folder}: the folder holds no .csv or .xlsx file; expected input records (.csv or "
        ".xlsx, the format of data/README.md)"
    )
    assert not (tmp_path / "out").exists()


def test_no_file_at_all_is_refused_not_an_empty_table():
    with pytest.raises(DataValidationError, match=r"^1 problem\(s\).*\ndata: no data file given"):
        load_records([])
