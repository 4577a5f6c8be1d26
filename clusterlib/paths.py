"""Every project path, derived from one root."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CATALOG = Path(os.environ.get("CLUSTERLIB_CATALOG", DATA / "catalog"))  # override for tests
OFFICIAL = DATA / "official"
OFFICIAL_CHINA = OFFICIAL / "china"
DEMO = DATA / "demo"
PARAMS = ROOT / "params"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"


def resolve(items: Iterable[str | Path]) -> list[Path]:
    """Data paths as given in parameters, relative to the project root unless absolute."""
    return [ROOT / item for item in items]  # an absolute item stays as it is
