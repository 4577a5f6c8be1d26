"""Shared fixtures: one quarterly report of the demo data, run once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterlib.batch import run_quarter


@pytest.fixture(scope="session")
def quarter_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch's report folder for 2019Q2 on the demo data (about a minute on two cores)."""
    return run_quarter("2019Q2", out=tmp_path_factory.mktemp("reports"), jobs=2)
