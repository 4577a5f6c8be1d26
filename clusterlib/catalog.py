"""Catalogues of indicators and regions (data files in data/catalog/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from clusterlib import paths

REGION_KINDS = ("city", "provincial_cluster", "municipal_park", "aggregate", "reference")
INDICATOR_KINDS = ("flow", "stock", "rate")


def indicators(path: Path | None = None) -> pd.DataFrame:
    """Indicator catalogue indexed by id: names (zh/en), unit, kind, price basis, growth range.

    Default ``indicators.csv`` of :func:`clusterlib.paths.catalog_dir`.
    """
    return _indicators(Path(path or paths.catalog_dir() / "indicators.csv"))


def regions(path: Path | None = None) -> pd.DataFrame:
    """Region catalogue indexed by id: names (zh/en), kind (city / provincial cluster / park).

    Default ``regions.csv`` of :func:`clusterlib.paths.catalog_dir`.
    """
    return _regions(Path(path or paths.catalog_dir() / "regions.csv"))


@cache
def _indicators(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype={"id": str}, encoding="utf-8").set_index("id")


@cache
def _regions(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, encoding="utf-8", keep_default_na=False).set_index("id")


def region_name(region_id: str, lang: str = "zh") -> str:
    """Display name of a region in ``lang`` ("zh" or "en"); unknown ids are returned as given."""
    names = _names(paths.catalog_dir() / "regions.csv", lang)
    return names.get(region_id, region_id)


@cache
def _names(path: Path, lang: str) -> dict[str, str]:
    """Region id → name in ``lang`` (a dict: 200 look-ups per chart stay cheap)."""
    return regions(path)[f"name_{lang}"].astype(str).to_dict()


def indicator_name(indicator_id: str, lang: str = "zh") -> str:
    """Display name of an indicator in ``lang`` ("zh" or "en")."""
    table = indicators()
    if indicator_id not in table.index:
        return indicator_id
    return str(table.at[indicator_id, f"name_{lang}"])


def flows() -> set[str]:
    """Ids of the flow indicators (流量: the year's quarters add up to its 累计)."""
    table = indicators()
    return set(table.index[table["kind"] == "flow"])


def clusters() -> list[str]:
    """Ids of the provincial clusters and municipal parks, in catalogue order."""
    table = regions()
    return table.index[table["kind"].isin(["provincial_cluster", "municipal_park"])].tolist()


def not_clusters() -> list[str]:
    """Ids of the catalogue's regions that are no cluster: the city, the aggregates
    (``all_clusters``, ``zz_clusters``, …: sums of clusters) and the reference regions. What
    ranks or counts clusters leaves these out (a region id the catalogue does not hold,
    refused in data files, is taken for a cluster in library calls)."""
    table = regions()
    return table.index[table["kind"].isin(["city", "aggregate", "reference"])].tolist()


def in_region_order(table: pd.DataFrame, column: str = "region") -> pd.DataFrame:
    """``table``'s rows by ``column``'s region: the catalogue's order (the city first, then the
    clusters), regions the catalogue lacks last by id; rows of one region keep their order."""
    position = {region: n for n, region in enumerate(regions().index)}
    keys = table[column].map(lambda region: (position.get(region, len(position)), str(region)))
    order = sorted(range(len(table)), key=lambda row: keys.iloc[row])
    return table.iloc[order].reset_index(drop=True)
