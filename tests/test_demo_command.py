"""The demo generators' command line regenerates the embedded demo files byte for byte."""

from __future__ import annotations

import pytest

from clusterlib import paths
from clusterlib.demo import monthly, panel, projects


@pytest.mark.parametrize(
    ("module", "name"),
    [(panel, "panel.csv"), (monthly, "monthly.csv"), (projects, "projects.csv")],
)
def test_write_regenerates_the_embedded_file(module, name, tmp_path, capsys):
    target = tmp_path / name
    module.main(["--write", "--path", str(target)])
    assert target.read_bytes() == (paths.DEMO / name).read_bytes()
    assert capsys.readouterr().out == f"wrote {target}\n"


def test_without_write_it_only_prints_help(tmp_path, capsys):
    monthly.main(["--path", str(tmp_path / "monthly.csv")])
    assert "--write" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
