"""The command line's own texts (usage, help, argparse's errors) in the command's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterlib import cli


def _refused(argv: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as raised:
        cli.main(argv)
    return raised.value.code, capsys.readouterr().err


def test_help_is_chinese_by_default_and_english_with_lang_en(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    said = capsys.readouterr().out
    assert said.startswith("用法：clusterlib [-h] COMMAND ...")
    assert "    ledger    月台账，写入OUT/ledger/<month>/" in said
    assert "  -h, --help  显示本帮助并退出" in said
    heads = [line for line in said.splitlines() if line.endswith(("：", ":"))]
    assert heads == ["位置参数：", "选项："]  # argparse's own head ends in ":"
    with pytest.raises(SystemExit):
        cli.main(["ledger", "--lang", "en", "--help"])
    said = capsys.readouterr().out
    assert said.startswith("usage: clusterlib ledger [-h] --month MONTH")
    assert "\noptions:\n" in said
    assert "e.g. 2019-06: the January–June year-to-date figures" in said


def test_argparse_errors_are_chinese_by_default(capsys):
    code, said = _refused(["ledger"], capsys)
    assert code == 2
    assert said.startswith("用法：clusterlib ledger [-h] --month MONTH")
    assert said.endswith("clusterlib ledger：错误：缺少必需的参数：--month\n")
    _, said = _refused(["run"], capsys)
    assert said.endswith("clusterlib run：错误：必须给出参数--quarter --quarters之一\n")
    _, said = _refused(["report"], capsys)
    assert said.endswith(
        "clusterlib：错误：参数COMMAND：无效的选项值：'report'"
        "（可选：'validate', 'run', 'import', 'evaluate', 'ledger'）\n"
    )
    _, said = _refused(["evaluate", "--year", "x"], capsys)
    assert said.endswith("clusterlib evaluate：错误：参数--year：无效的整数值：'x'\n")
    _, said = _refused(["run", "--quarter", "2019Q2", "--lang", "fr"], capsys)
    assert said.endswith(
        "clusterlib run：错误：参数--lang：无效的选项值：'fr'（可选：'zh', 'en'）\n"
    )


def test_argparse_errors_are_english_with_lang_en(capsys):
    code, said = _refused(["ledger", "--lang", "en"], capsys)
    assert code == 2
    assert said.startswith("usage: clusterlib ledger [-h] --month MONTH")
    assert said.endswith(
        "clusterlib ledger: error: the following arguments are required: --month\n"
    )
    _, said = _refused(["run", "--lang=en", "--quarter", "2019Q2", "--jobs", "two"], capsys)
    assert said.endswith("clusterlib run: error: argument --jobs: invalid int value: 'two'\n")


def test_an_unknown_argparse_message_is_kept_as_argparse_wrote_it():
    assert cli._argparse_said("something new", "zh") == "something new"


def test_every_command_names_the_folder_it_wrote_by_its_absolute_path(
    tmp_path, monkeypatch, capsys
):
    """``ledger`` printed the folder as given (relative), ``run`` absolute: now both absolute."""
    import clusterlib.batch
    import clusterlib.ledger.report

    monkeypatch.chdir(tmp_path)
    folder = Path("reports_en") / "ledger" / "2019-06"
    monkeypatch.setattr(clusterlib.ledger.report, "write_ledger", lambda *args: folder)
    monkeypatch.setattr(clusterlib.batch, "run_quarters", lambda *args: [Path("reports_en/2019Q2")])
    assert cli.main(["ledger", "--month", "2019-06", "--lang", "en", "--out", "reports_en"]) == 0
    assert capsys.readouterr().out == f"written: {tmp_path / folder}\n"
    assert cli.main(["run", "--quarter", "2019Q2", "--lang", "zh", "--out", "reports_en"]) == 0
    assert capsys.readouterr().out == f"已写入：{tmp_path / 'reports_en' / '2019Q2'}\n"


def test_chinese_help_fits_the_terminal_and_keeps_paths_whole(capsys, monkeypatch):
    """Chinese help is cut between characters counted two columns each, never inside a path:
    argparse cut ``OUT/led`` | ``ger/<month>/`` and overran the terminal by counting one."""
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    said = capsys.readouterr().out
    body = said.split("\n\n", 1)[1]  # after the usage lines
    wide = [line for line in body.splitlines() if cli._columns(line) > 98]  # argparse: COLUMNS-2
    assert wide == []
    assert "OUT/ledger/<month>/" in said and "reports/<quarter>/scenarios/NAME/" in said
