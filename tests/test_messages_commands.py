"""The command line's own words: a line's prefix (警告：, 错误：) and the lines of an interrupt or
an internal error read in the run's language, as the message they introduce does."""

from __future__ import annotations

import pytest

from clusterlib import cli, paths

PREFIXES = {"zh": ("警告：", "错误："), "en": ("warning: ", "error: ")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_warning_and_error_line_begins_in_the_runs_language(lang, tmp_path, capsys):
    """The official figures hold series the panel cannot use (a warning, its series listed
    below it) and skip 2019Q2 (an error): each line begins with its language's prefix, and no
    line with the other language's."""
    official = paths.DATA / "official"
    files = [str(official / "zhengzhou_city.csv"), str(official / "zhengzhou_clusters.csv")]
    args = ["run", "--quarter", "2019Q2", "--data", *files, "--out", str(tmp_path / "out")]
    code = cli.main([*args, "--lang", lang])
    lines = capsys.readouterr().err.splitlines()
    assert code == 1
    heads = [line for line in lines if not line.startswith("  - ")]  # a warning's listed series
    assert len(heads) == 2 and len(lines) > 3, lines
    warning, error = PREFIXES[lang]
    assert heads[0].startswith(warning) and heads[1].startswith(error)
    if lang == "zh":
        assert heads[0].startswith("警告：以下")
        assert heads[1].startswith("错误：2019年第二季度无数据")
    else:
        assert heads[0].endswith(" series left out of the panel:")
        assert heads[1].startswith("error: no data for 2019Q2")
    other = PREFIXES["en" if lang == "zh" else "zh"]
    assert not [line for line in lines if line.lstrip().startswith(other)]


@pytest.mark.parametrize(
    ("lang", "interrupted", "internal"),
    [
        ("zh", ["已中断"], ["内部错误（TypeError）：boom", "请连同所运行的命令报告此问题"]),
        (
            "en",
            ["interrupted"],
            ["internal error (TypeError): boom", "please report this with the command you ran"],
        ),
    ],
)
def test_an_interrupt_and_an_internal_error_are_said_in_the_runs_language(
    lang, interrupted, internal, tmp_path, capsys, monkeypatch
):
    def stop(args):
        raise KeyboardInterrupt

    def fail(args):
        raise TypeError("boom")

    argv = ["validate", str(tmp_path), "--lang", lang]
    monkeypatch.setattr(cli, "_validate", stop)
    assert cli.main(argv) == 130
    assert capsys.readouterr().err.splitlines() == interrupted
    monkeypatch.setattr(cli, "_validate", fail)
    assert cli.main(argv) == 3
    assert capsys.readouterr().err.splitlines() == internal
