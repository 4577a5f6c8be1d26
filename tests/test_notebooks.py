"""Notebooks: parameters cells parse, and nbval catches a changed key number."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import nbformat
import pytest

from clusterlib import paths
from clusterlib.labels import REPORT_SECTIONS
from clusterlib.params import notebook_parameters

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("[0-9]*.ipynb"))
MARK = "# NBVAL_CHECK_OUTPUT"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_parameter_line_is_understood_by_papermill(notebook):
    source = next(
        c.source
        for c in nbformat.read(notebook, as_version=4).cells
        if "parameters" in c.metadata.get("tags", [])
    )
    assignments = [line for line in source.splitlines() if line and not line.startswith("#")]
    assert len(notebook_parameters(notebook)) == len(assignments)


def run_nbval(notebook: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q"]
    return subprocess.run([*command, str(notebook)], capture_output=True, text=True, check=False)


def test_nbval_fails_when_a_checked_number_changes(tmp_path):
    original = nbformat.read(paths.NOTEBOOKS / "01_data_review.ipynb", as_version=4)
    checked = [c for c in original.cells if c.cell_type == "code" and c.source.startswith(MARK)]
    stream = next(o for o in checked[0].outputs if o.output_type == "stream")
    assert "数据问题0个" in stream.text  # the notebook speaks the default language, zh

    untouched = tmp_path / "untouched.ipynb"
    nbformat.write(original, untouched)
    assert run_nbval(untouched).returncode == 0

    stream.text = stream.text.replace("数据问题0个", "数据问题1个")
    changed = tmp_path / "changed.ipynb"
    nbformat.write(original, changed)
    result = run_nbval(changed)
    assert result.returncode != 0
    assert "数据问题1个" in result.stdout


FOLD = "<details><summary>English</summary>"
CODE_MARKS = ("`", ".md", ".csv", ".yaml", ".py", "_")  # paths, function names, code ids


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_note_reads_first_in_chinese_with_the_english_folded(notebook):
    cells = nbformat.read(notebook, as_version=4).cells
    notes = [c.source for c in cells if c.cell_type == "markdown"]
    headed = {  # notes under a section's head printed by the code above: no head of their own
        c.source for before, c in pairwise(cells) if before.source.startswith(SECTION_CALL)
    }
    assert notes
    for note in notes:
        chinese, fold, english = note.partition(FOLD)
        assert fold and english.rstrip().endswith("</details>"), note[:40]
        assert chinese.startswith("#") != (note in headed), note[:40]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese.split("\n")[0])
        assert not [mark for mark in CODE_MARKS if mark in chinese], chinese[:40]
    assert notes[0].startswith(f"# {notebook.stem[:2]} ")  # the title keeps its number


SECTION_CALL = "section("
"""How a report notebook's code prints a section's head, as the page shows it."""


@pytest.mark.parametrize(
    ("notebook", "keys"),
    [
        (
            "06_ledger",
            ["ledger_plan_test", "ledger_table", "ledger_growth", "ledger_projection",
             "ledger_three_fifty"],
        ),
        (
            "07_evaluation",
            ["evaluation_ranking", "evaluation_intervals", "evaluation_stars",
             "evaluation_quality", "evaluation_notes"],
        ),
    ],
)  # fmt: skip
def test_each_section_head_shows_once_in_the_page_notebooks(notebook, keys):
    """06 and 07 showed each head twice: the note's ## 一、综合排名, then the page's <h2> printed
    by section(); now the code prints it once, above the note, and no note repeats it."""
    cells = nbformat.read(paths.NOTEBOOKS / f"{notebook}.ipynb", as_version=4).cells
    calls = [c for c in cells if c.cell_type == "code" and c.source.startswith(SECTION_CALL)]
    assert [c.source.split('"')[1] for c in calls] == keys
    heads = {REPORT_SECTIONS[key][0] for key in keys}  # 一、综合排名, …
    notes = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert not [head for head in heads if head in notes]
    for call in calls:
        note = cells[cells.index(call) + 1]
        assert note.cell_type == "markdown" and "not-in-report" in note.metadata["tags"]
