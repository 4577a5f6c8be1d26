"""Shared fixtures: notebook signatures in a temporary Jupyter data folder; one quarterly
report of the demo data, run once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clusterlib.batch import run_quarter


@pytest.fixture(scope="session", autouse=True)
def jupyter_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The notary's secret and signature database of the tests, not the user's (set before any
    other fixture, so the session's batch signs there too)."""
    folder = tmp_path_factory.mktemp("jupyter_data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_DATA_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def quarter_report(jupyter_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch's report folder for 2019Q2 on the demo data (about a minute on two cores)."""
    return run_quarter("2019Q2", out=tmp_path_factory.mktemp("reports"), jobs=2)
