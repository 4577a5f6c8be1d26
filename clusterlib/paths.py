"""Every project path, derived from one root."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CATALOG = DATA / "catalog"
OFFICIAL = DATA / "official"
OFFICIAL_CHINA = OFFICIAL / "china"
DEMO = DATA / "demo"
PARAMS = ROOT / "params"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
