"""Shared test settings: notebook signatures go to a temporary Jupyter data folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def jupyter_data_dir(tmp_path_factory, monkeypatch):
    """The notary's secret and signature database of the tests, not the user's."""
    folder = tmp_path_factory.mktemp("jupyter_data")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(folder))
    return folder
