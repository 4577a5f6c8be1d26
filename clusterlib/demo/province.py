"""A SYNTHETIC province (合成演示数据) for scale tests: a region catalogue and quarterly records.

Henan has 184 industrial clusters in 18 cities. :func:`write_province_catalogue` writes a
catalogue folder of that size: the embedded Zhengzhou catalogue (so the 2019 plan's goals
still name known regions) plus 17 invented cities and as many invented clusters as it takes.
:func:`province_records` draws seeded quarterly levels for every cluster, city and the
province. Names and numbers are invented; never present them as official.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog, paths
from clusterlib.exceptions import ParameterError

PROVINCE = "henan"
N_CITIES = 18
N_CLUSTERS = 184
INDICATORS = ("industry_va", "fai", "hightech_va")
CLUSTER_KINDS = ("provincial_cluster", "municipal_park")
SOURCE = "synthetic: clusterlib.demo.province.province_records(seed={seed})"
RECORD_COLUMNS = ["region", "indicator", "period", "period_type", "measure", "value", "unit"]
RECORD_COLUMNS += ["source", "synthetic"]


def province_regions(n_clusters: int = N_CLUSTERS, n_cities: int = N_CITIES) -> pd.DataFrame:
    """Rows of ``regions.csv`` for a province of ``n_clusters`` clusters in ``n_cities`` cities.

    Raises
    ------
    ParameterError
        If there are fewer cities than 2 or fewer clusters than Zhengzhou's own.
    """
    base = catalog.regions(paths.CATALOG / "regions.csv").reset_index()
    own = int(base["kind"].isin(CLUSTER_KINDS).sum())
    if n_cities < 2 or n_clusters < own:
        raise ParameterError(
            f"a synthetic province needs at least 2 cities and {own} clusters (Zhengzhou's), "
            f"got {n_cities} cities and {n_clusters} clusters"
        )
    cities = [f"city{i:02d}" for i in range(2, n_cities + 1)]
    new_cities = pd.DataFrame(
        {
            "id": cities,
            "name_zh": [f"合成市{i:02d}" for i in range(2, n_cities + 1)],
            "name_en": [f"Synthetic city {i:02d}" for i in range(2, n_cities + 1)],
            "kind": "city",
            "parent": PROVINCE,
        }
    )
    numbers = range(1, n_clusters - own + 1)
    new_clusters = pd.DataFrame(
        {
            "id": [f"c{i:03d}" for i in numbers],
            "name_zh": [f"合成产业集聚区{i:03d}" for i in numbers],
            "name_en": [f"Synthetic cluster {i:03d}" for i in numbers],
            "kind": "provincial_cluster",
            "parent": [cities[(i - 1) % len(cities)] for i in numbers],
        }
    )
    return pd.concat([base, new_cities, new_clusters], ignore_index=True)


def write_province_catalogue(
    folder: str | Path, n_clusters: int = N_CLUSTERS, n_cities: int = N_CITIES
) -> Path:
    """Write a catalogue folder (the embedded one, regions.csv enlarged) and return it."""
    folder = Path(folder)
    shutil.copytree(paths.CATALOG, folder, dirs_exist_ok=True)
    regions = province_regions(n_clusters, n_cities)
    regions.to_csv(folder / "regions.csv", index=False, encoding="utf-8")
    return folder


def series_regions(regions: pd.DataFrame) -> pd.DataFrame:
    """``id, parent, level`` of the regions that get data: clusters, cities, the province."""
    clusters = regions[regions["kind"].isin(CLUSTER_KINDS)].assign(level="cluster")
    cities = regions[regions["kind"] == "city"].assign(level="city")
    province = pd.DataFrame({"id": [PROVINCE], "parent": [""], "level": ["province"]})
    return pd.concat([clusters, cities, province], ignore_index=True)[["id", "parent", "level"]]


def province_records(
    regions: pd.DataFrame,
    seed: int = 2019,
    n_quarters: int = 40,
    last: str = "2019Q2",
    indicators: tuple[str, ...] = INDICATORS,
) -> pd.DataFrame:
    """Seeded single-quarter levels for every cluster, city and the province, in input format.

    Each cluster's log level is a drift, a quarterly season, its city's shock (so a city's
    clusters move together) and its own AR(1) noise; a city is its clusters' sum plus 50%
    outside them (an invented city without clusters gets a level of its own), the province
    the sum of its cities. Every record has ``synthetic=true``.
    """
    rng = np.random.default_rng(seed)
    periods = pd.period_range(end=pd.Period(last, freq="Q-DEC"), periods=n_quarters, freq="Q")
    who = series_regions(regions)
    frames = [
        _indicator_records(who, indicator, periods, rng).assign(
            source=SOURCE.format(seed=seed), synthetic="true"
        )
        for indicator in indicators
    ]
    return pd.concat(frames, ignore_index=True)[RECORD_COLUMNS]


def _indicator_records(
    who: pd.DataFrame, indicator: str, periods: pd.PeriodIndex, rng: np.random.Generator
) -> pd.DataFrame:
    """Records of one indicator for every region of ``who``."""
    clusters = who[who["level"] == "cluster"]
    cities = who.loc[who["level"] == "city", "id"].tolist()
    n, t = len(clusters), len(periods)
    season = np.tile(rng.normal(0, 0.08, 4), t // 4 + 1)[:t]
    city_shock = {c: np.cumsum(rng.normal(0, 0.02, t)) for c in cities}
    noise = np.zeros((n, t))
    for k in range(1, t):
        noise[:, k] = 0.6 * noise[:, k - 1] + rng.normal(0, 0.03, n)
    drift = rng.uniform(0.01, 0.03, (n, 1)) * np.arange(t)
    shocks = np.array([city_shock.get(p, np.zeros(t)) for p in clusters["parent"]])
    base = np.log(rng.uniform(5, 50, (n, 1)))
    levels = np.exp(base + drift + season + shocks + noise)
    values = dict(zip(clusters["id"], levels, strict=True))
    for city in cities:
        members = [values[c] for c in clusters.loc[clusters["parent"] == city, "id"]]
        own = sum(members) * 1.5 if members else np.exp(np.log(30) + city_shock[city] + season)
        values[city] = own
    values[PROVINCE] = sum(values[c] for c in cities)
    unit = str(catalog.indicators(paths.CATALOG / "indicators.csv").at[indicator, "unit"])
    return pd.DataFrame(
        {
            "region": np.repeat(list(values), t),
            "indicator": indicator,
            "period": np.tile(periods.astype(str), len(values)),
            "period_type": "single",
            "measure": "level",
            "value": np.round(np.concatenate(list(values.values())), 2),
            "unit": unit,
        }
    )
