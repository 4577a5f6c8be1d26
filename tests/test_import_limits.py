"""Bounded reading of workbooks: far cells, zip bombs and cell limits are refused in seconds
(issue #24 §3). The hostile workbooks are generated here, never committed."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from clusterlib import paths
from clusterlib.cli import main
from clusterlib.exceptions import DataValidationError
from clusterlib.inputs.reading import read_records
from clusterlib.inputs.release_tables import read_sheets
from clusterlib.inputs.workbooks import BYTES_ENV, CELLS_ENV, MAX_PART_BYTES, read_grids

LAYOUT = str(paths.PARAMS / "layouts" / "clusters_wide.yaml")
SHEET_XML = "xl/worksheets/sheet1.xml"
# Runs one command in a fresh interpreter under a 2 GB address-space cap (the code before
# the fix took 5.7 GB here) and reports its exit code, wall time and peak resident memory
# (the whole process: Python, pandas and the catalogue included; Linux's VmHWM). The
# command-line parser is built first: its imports (matplotlib, nbformat) are start-up.
MEASURE = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))
from clusterlib.cli import _parser, main
_parser()
start = time.perf_counter()
try:
    code = main(sys.argv[1:])
except MemoryError:
    code = "MemoryError"
seconds = time.perf_counter() - start
# VmHWM is this process's own peak: ru_maxrss carries the parent's peak across fork and
# exec, so under a large pytest process it reported the test runner's memory, not ours
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
rss = int(status) * 1024
print(json.dumps({"code": code, "seconds": seconds, "rss": rss}))
"""


def _far_cell_workbook(path: Path) -> Path:
    """A 5 KB workbook whose only cell is the last one of the sheet, XFD1048576."""
    book = Workbook()
    book.active["XFD1048576"] = 1
    book.save(path)
    return path


def _measure(tmp_path: Path, command: str, *argv: str) -> tuple[dict, str]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, command, "--lang", "en", *argv],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stdout


@pytest.mark.parametrize("command", ["import", "validate"])
def test_a_far_cell_workbook_is_refused_in_seconds_in_bounded_memory(tmp_path, command):
    far = _far_cell_workbook(tmp_path / "far.xlsx")
    assert far.stat().st_size < 10_000
    argv = [command, str(far)] + (["--layout", LAYOUT, "--dry-run"] if command == "import" else [])
    result, out = _measure(tmp_path, *argv)
    assert result["code"] == 1, out
    assert "XFD1048576" in out and "2,000,000 cells" in out and "'Sheet'" in out
    assert result["seconds"] < 5 and result["rss"] < 500 * 2**20


def _zip_bomb(path: Path, size: int) -> Path:
    """A valid workbook whose sheet XML expands to ``size`` bytes of empty rows."""
    base = path.with_name("base.xlsx")
    Workbook().save(base)
    row = b"<row><c><v>1</v></c></row>"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != SHEET_XML:
                out.writestr(info, source.read(info))
                continue
            with out.open(SHEET_XML, "w", force_zip64=True) as sheet:
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/')
                sheet.write(b'spreadsheetml/2006/main"><sheetData>')
                chunk = row * (2**20 // len(row))
                for _ in range(size // len(chunk) + 1):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return path


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path):
    bomb = _zip_bomb(tmp_path / "bomb.xlsx", MAX_PART_BYTES + 2**20)
    assert bomb.stat().st_size < MAX_PART_BYTES // 50  # compressed ≥ 50 : 1
    result, out = _measure(tmp_path, "validate", str(bomb))
    assert result["code"] == 1, out
    assert "sheet 'Sheet'" in out and f"{MAX_PART_BYTES:,} bytes" in out
    assert result["seconds"] < 5 and result["rss"] < 500 * 2**20


def test_a_sheet_beyond_the_cell_limit_is_refused_naming_it(tmp_path, monkeypatch):
    book = Workbook()
    book.active.title = "月报"
    for row in range(1, 61):
        book.active.append([f"r{row}", row, row * 2])
    book.save(tmp_path / "big.xlsx")
    monkeypatch.setenv(CELLS_ENV, "100")  # 60 rows + 180 cells are read before 100 is passed
    with pytest.raises(DataValidationError) as raised:
        read_grids(tmp_path / "big.xlsx")
    assert "sheet '月报'" in str(raised.value) and "100 cells" in str(raised.value)
    monkeypatch.setenv(CELLS_ENV, "1000")
    assert len(read_grids(tmp_path / "big.xlsx")[0].cells) == 60


def test_a_records_workbook_reads_like_its_csv(tmp_path):
    csv = paths.DEMO / "panel.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()[:30]
    book = Workbook()
    for line in lines:
        book.active.append(line.split(","))
    book.active.append([])  # a blank row inside the table is skipped, rows keep their numbers
    book.active.append(lines[1].split(","))
    book.save(tmp_path / "panel.xlsx")
    table = read_records(tmp_path / "panel.xlsx")
    assert table["_row"].tolist() == [*range(2, 31), 32]
    assert table.iloc[0]["value"] == lines[1].split(",")[5]
    assert (
        main(["validate", "--lang", "en", str(tmp_path / "panel.xlsx")]) == 1
    )  # row 32 repeats row 2


def test_a_csv_beyond_the_byte_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_text("region,indicator\n" + "city,fai\n" * 20, encoding="utf-8")  # 197 bytes
    monkeypatch.setenv(BYTES_ENV, "100")
    with pytest.raises(DataValidationError, match="197 bytes, beyond the limit of 100 bytes"):
        read_records(path)
    with pytest.raises(DataValidationError, match="197 bytes"):
        read_sheets(path, ("first",), (1,))
