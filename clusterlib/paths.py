"""Every project path, derived from one root."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from clusterlib.exceptions import ParameterError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CATALOG = DATA / "catalog"  # the embedded catalogue (Zhengzhou); catalog_dir() is the one in use
CATALOG_ENV = "CLUSTERLIB_CATALOG"
OFFICIAL = DATA / "official"
OFFICIAL_CHINA = OFFICIAL / "china"
DEMO = DATA / "demo"
PARAMS = ROOT / "params"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"


def resolve(items: Iterable[str | Path]) -> list[Path]:
    """Data paths as given in parameters, relative to the project root unless absolute.

    Raises
    ------
    ParameterError
        For one path given as a string instead of a list (papermill's ``-p data file.csv``),
        never read character by character.
    """
    if isinstance(items, str | Path):
        # imported here: the messages import the catalogue, which imports this module
        from clusterlib.messages import message

        raise ParameterError(message("paths_not_list", value=str(items)))
    return [ROOT / item for item in items]  # an absolute item stays as it is


def catalog_dir() -> Path:
    """The catalogue folder in use: ``$CLUSTERLIB_CATALOG`` if set, else data/catalog.

    Read at every call, so a batch that sets the variable (from ``catalog`` in
    params/run.yaml) switches its own process and the notebook kernels it starts.
    """
    return Path(os.environ.get(CATALOG_ENV) or CATALOG)


def project_relative(path: Path) -> str:
    """``path`` relative to the project root when inside it, else as given."""
    resolved = Path(path).resolve()
    return str(resolved.relative_to(ROOT)) if ROOT in resolved.parents else str(path)
