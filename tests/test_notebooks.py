"""Notebooks: parameters cells parse, and nbval catches a changed key number."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from clusterlib import paths
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
    notes = [
        c.source for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "markdown"
    ]
    assert notes
    for note in notes:
        chinese, fold, english = note.partition(FOLD)
        assert fold and english.rstrip().endswith("</details>"), note[:40]
        assert chinese.startswith("#") and any(
            "\u4e00" <= ch <= "\u9fff" for ch in chinese.split("\n")[0]
        )
        assert not [mark for mark in CODE_MARKS if mark in chinese], chinese[:40]
    assert notes[0].startswith(f"# {notebook.stem[:2]} ")  # the title keeps its number
