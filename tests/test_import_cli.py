"""The `clusterlib import` command: writing, --dry-run, --keep-going, hostile cells."""

import pandas as pd

from clusterlib import paths
from clusterlib.cli import main
from clusterlib.inputs.reading import read_records
from clusterlib.publish.tables import safe_table

FIXTURES = paths.ROOT / "tests" / "fixtures" / "release_tables"
LAYOUTS = paths.PARAMS / "layouts"


def _run(capsys, *args):
    code = main(["import", *map(str, args), "--lang", "en"])  # the English of the lines
    return code, capsys.readouterr().out


def test_import_writes_validated_records(tmp_path, capsys):
    out = tmp_path / "imported" / "clusters.csv"
    fixture = FIXTURES / "clusters_2019h1.xlsx"
    code, printed = _run(capsys, fixture, "--layout", LAYOUTS / "clusters_wide.yaml", "--out", out)
    assert code == 0 and f"written: {out} (20 record(s))" in printed
    records = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(records.columns[:8]) == [
        "region", "indicator", "period", "period_type", "measure", "value", "unit", "source"
    ]  # fmt: skip
    assert records.loc[0, "source"] == "clusters_2019h1.xlsx!B7"
    assert main(["validate", "--allow-gaps", str(out)]) == 0  # the existing validation agrees
    assert list(tmp_path.glob("imported/.*")) == []  # no temporary file left behind


def test_dry_run_prints_a_table_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "x.csv"
    fixture = FIXTURES / "export_gbk.csv"
    code, printed = _run(
        capsys, fixture, "--layout", LAYOUTS / "long_csv.yaml", "--out", out, "--dry-run"
    )
    assert code == 0 and not out.exists()
    assert "new_materials" in printed and "18750" in printed  # 12.5 平方公里 in 亩
    assert "3 missing cell(s)" in printed


def test_problems_mean_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "h.csv"
    out.write_text("an earlier good file\n", encoding="utf-8")
    fixture = FIXTURES / "hostile.xlsx"
    code, printed = _run(capsys, fixture, "--layout", LAYOUTS / "clusters_wide.yaml", "--out", out)
    assert code == 1 and "nothing written" in printed
    assert "hostile.xlsx, column 'Sheet1!A10': unknown region '航空区'" in printed
    assert out.read_text(encoding="utf-8") == "an earlier good file\n"


def test_keep_going_writes_clean_rows_and_the_problem_list(tmp_path, capsys):
    out = tmp_path / "h.csv"
    fixture = FIXTURES / "hostile.xlsx"
    layout = LAYOUTS / "clusters_wide.yaml"
    code, _ = _run(capsys, fixture, "--layout", layout, "--out", out, "--keep-going")
    assert code == 1
    written = read_records(out)
    assert set(written["region"]) == {"baisha"} and len(written) == 2
    problems = (tmp_path / "h.problems.txt").read_text(encoding="utf-8").splitlines()
    assert len(problems) == 5 and problems[0].startswith("hostile.xlsx, column 'Sheet1!B6'")


def test_hostile_cells_never_reach_the_records(tmp_path, capsys):
    out = tmp_path / "h.csv"
    fixture = FIXTURES / "hostile.xlsx"
    layout = LAYOUTS / "clusters_wide.yaml"
    _run(capsys, fixture, "--layout", layout, "--out", out, "--keep-going")
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text and "=SUM" not in text and "xxxxxxxxxx" not in text
    records = read_records(out).drop(columns="_row")
    # and any text that does reach a table is neutralised like every other text
    assert safe_table(records).equals(records)
