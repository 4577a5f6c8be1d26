"""Operating-system faults (issue #24 §5): one-line messages, safe swaps, one path rule."""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from clusterlib import cli, paths
from clusterlib.exceptions import OutputError
from clusterlib.publish.report_folder import report_folder, swap_into_place

RELEASE = paths.ROOT / "tests" / "fixtures" / "release_tables" / "export_gbk.csv"
LAYOUT = paths.PARAMS / "layouts" / "long_csv.yaml"


def run(capsys, *args: str) -> tuple[int, str]:
    code = cli.main([str(arg) for arg in args])
    return code, capsys.readouterr().err


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "internal error" not in err and "please report" not in err
    assert "内部错误" not in err and "请连同" not in err
    return lines[0]


def test_import_out_that_is_a_directory(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    code, err = run(capsys, "import", RELEASE, "--layout", LAYOUT, "--out", tmp_path / "out")
    assert code == 1
    line = one_error_line(err)
    assert line.startswith(f"错误：{tmp_path / 'out'}：Is a directory")


def test_out_whose_parent_is_a_file(tmp_path, capsys):
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    out = tmp_path / "afile" / "x.csv"
    code, err = run(capsys, "import", RELEASE, "--layout", LAYOUT, "--out", out)
    assert code == 1
    assert one_error_line(err).startswith(f"错误：{tmp_path / 'afile'}：")
    code, err = run(capsys, "ledger", "--month", "2019-06", "--out", tmp_path / "afile")
    assert code == 1
    assert "（此处需要文件夹，但已有同名文件）" in one_error_line(err)
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("number", "text"),
    [(errno.EACCES, "Permission denied"), (errno.EROFS, "Read-only file system")],
)
def test_read_only_out(number, text, tmp_path, capsys, monkeypatch):
    # the tests may run as root, for whom chmod does not bite: the system's refusal is raised
    # where the report folder is made, as a read-only folder or file system would
    def refuse(self, *args, **kwargs):
        raise OSError(number, os.strerror(number), str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    code, err = run(capsys, "ledger", "--month", "2019-06", "--out", tmp_path / "ro")
    assert code == 1
    assert one_error_line(err) == f"错误：{tmp_path / 'ro' / 'ledger'}：{text}"


def test_a_closed_pipe_is_quiet():
    code = (
        "import sys; from clusterlib.cli import main; "
        f"sys.exit(main(['import', {str(RELEASE)!r}, '--layout', {str(LAYOUT)!r}, '--dry-run']))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()  # the reader is gone before anything is written (``| head -0``)
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert err == ""


def test_a_file_where_the_report_folder_goes_is_refused_and_kept(tmp_path, capsys):
    out = tmp_path / "ledger"  # --out is the reports folder: the ledger goes to out/ledger/
    out.mkdir()
    (out / "2019-06").write_text("my notes", encoding="utf-8")
    code, err = run(capsys, "ledger", "--month", "2019-06", "--out", tmp_path, "--lang", "en")
    assert code == 1
    assert one_error_line(err).startswith(f"error: {out / '2019-06'} is a file, not a report")
    assert (out / "2019-06").read_text(encoding="utf-8") == "my notes"
    assert sorted(p.name for p in out.iterdir()) == ["2019-06"]  # nothing moved aside
    with pytest.raises(OutputError), report_folder(out / "2019-06"):
        pass


def finish(target: str, marker: str, start, rounds: int) -> None:
    """One of several runs building a report and swapping it in at the same instant."""
    for round_ in range(rounds):
        start.wait(timeout=60)  # a run that failed breaks the barrier for the others
        with report_folder(Path(target)) as build:
            for part in range(3):
                (build / f"part{part}.txt").write_text(f"{marker}-{round_}", encoding="utf-8")


def test_concurrent_finishes_all_succeed_and_the_folder_is_whole(tmp_path):
    target = tmp_path / "2019Q2"
    context = multiprocessing.get_context("spawn")  # no locks inherited from threads
    runs, rounds = 4, 30
    start = context.Barrier(runs)
    workers = [
        context.Process(target=finish, args=(str(target), f"run{n}", start, rounds))
        for n in range(runs)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        if worker.exitcode is None:
            worker.kill()
    assert [worker.exitcode for worker in workers] == [0] * runs  # 120 finishes, no error
    texts = {(target / f"part{part}.txt").read_text(encoding="utf-8") for part in range(3)}
    assert len(texts) == 1 and texts.pop().endswith(f"-{rounds - 1}")  # one run's whole folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2019Q2"]  # nothing left aside


KILLED_SWAP = """
import os, sys
from pathlib import Path
from clusterlib.publish.report_folder import report_folder
real, renames = os.rename, []
def rename(source, destination):
    renames.append(source)
    if len(renames) == 2:
        os._exit(9)  # killed between the swap's two renames
    real(source, destination)
os.rename = rename
with report_folder(Path(sys.argv[1])) as build:
    (build / "report.txt").write_text("new", encoding="utf-8")
"""


def test_a_report_set_aside_by_a_killed_run_is_restored(tmp_path, capsys):
    target = tmp_path / "2019-06"
    target.mkdir()
    (target / "report.txt").write_text("old", encoding="utf-8")
    script = tmp_path / "killed.py"
    script.write_text(textwrap.dedent(KILLED_SWAP), encoding="utf-8")
    killed = subprocess.run([sys.executable, str(script), str(target)], check=False)
    assert killed.returncode == 9
    assert not target.exists()  # the old report is only under its hidden name now
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith(".2019-06.old-")]
    assert (aside / "report.txt").read_text(encoding="utf-8") == "old"
    (build,) = [p for p in tmp_path.iterdir() if p.name.startswith(".build-2019-06-")]
    with pytest.raises(RuntimeError), report_folder(target):  # the next run fails ...
        raise RuntimeError("a notebook failed")
    assert (target / "report.txt").read_text(encoding="utf-8") == "old"  # ... the old is back
    assert not aside.exists()
    assert capsys.readouterr().err.splitlines() == [  # in the run's language (zh by default)
        f"已删除{build}：此前被强行终止的运行留下的临时文件夹",
        f"已从{aside}恢复{target}：此前有运行在替换它时被强行终止",
    ]
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert not [name for name in leftovers if not name.startswith(".build-")]


def test_a_swap_that_fails_otherwise_puts_the_old_report_back(tmp_path, monkeypatch):
    target, built = tmp_path / "2019-06", tmp_path / "built"
    target.mkdir()
    built.mkdir()
    (target / "report.txt").write_text("old", encoding="utf-8")
    real = os.rename

    def failing(source, destination):
        if Path(source) == built:
            raise OSError(errno.EIO, "Input/output error", str(source))
        real(source, destination)

    monkeypatch.setattr(os, "rename", failing)
    with pytest.raises(OSError, match="Input/output error"):
        swap_into_place(built, target)
    assert (target / "report.txt").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2019-06", "built"]


def test_data_paths_on_the_command_line_are_relative_to_the_current_directory(
    tmp_path, capsys, monkeypatch
):
    shutil.copy(paths.DEMO / "monthly.csv", tmp_path / "monthly.csv")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["validate", "monthly.csv"])
    assert code == 0
    code = cli.main(
        ["ledger", "--month", "2019-06", "--data", "monthly.csv", "--projects", "", "--out", "out"]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    assert (tmp_path / "out" / "ledger" / "2019-06" / "ledger.xlsx").exists()
    manifest = (tmp_path / "out" / "ledger" / "2019-06" / "manifest.json").read_text(
        encoding="utf-8"
    )
    assert str(tmp_path / "monthly.csv") in manifest
