"""Catalogues of indicators and regions (data files in data/catalog/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from clusterlib import paths

REGION_KINDS = ("city", "provincial_cluster", "municipal_park", "aggregate", "reference")
INDICATOR_KINDS = ("flow", "stock", "rate")


@cache
def indicators(path: Path = paths.CATALOG / "indicators.csv") -> pd.DataFrame:
    """Indicator catalogue indexed by id: names (zh/en), unit, kind, price basis, growth range."""
    table = pd.read_csv(path, dtype={"id": str}, encoding="utf-8").set_index("id")
    return table


@cache
def regions(path: Path = paths.CATALOG / "regions.csv") -> pd.DataFrame:
    """Region catalogue indexed by id: names (zh/en), kind (city / provincial cluster / park)."""
    return pd.read_csv(path, dtype=str, encoding="utf-8", keep_default_na=False).set_index("id")


def region_name(region_id: str, lang: str = "zh") -> str:
    """Display name of a region in ``lang`` ("zh" or "en"); unknown ids are returned as given."""
    table = regions()
    if region_id not in table.index:
        return region_id
    return str(table.at[region_id, f"name_{lang}"])


def indicator_name(indicator_id: str, lang: str = "zh") -> str:
    """Display name of an indicator in ``lang`` ("zh" or "en")."""
    table = indicators()
    if indicator_id not in table.index:
        return indicator_id
    return str(table.at[indicator_id, f"name_{lang}"])


def clusters() -> list[str]:
    """Ids of the provincial clusters and municipal parks, in catalogue order."""
    table = regions()
    return table.index[table["kind"].isin(["provincial_cluster", "municipal_park"])].tolist()
