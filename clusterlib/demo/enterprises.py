"""Seeded synthetic enterprise records (企业分类评价演示数据) for the clusters in the catalogue."""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from clusterlib import paths
from clusterlib.enterprise.rules import RECORD_COLUMNS
from clusterlib.enterprise.scoring import firm_clusters

DEMO_FILE = paths.DEMO / "enterprises.csv"
# Deliberately bad records: (position as a fraction of n, field, bad value, data-quality reason).
# Each is listed in the data-quality table without a terminal warning; a firm of a cluster the
# catalogue lacks (warned on every run) is planted by the tests that need one, not here.
BAD_RECORDS = (
    (0.05, "land_mu", 0.0, "nonpositive_land"),
    (0.25, "land_mu", np.nan, "missing_land"),
    (0.45, "tax", -35.0, "negative_tax"),
    (0.85, "land_mu", np.nan, "missing_land"),
)
COLUMNS = (
    "firm_id",
    "cluster",
    *RECORD_COLUMNS,
    "years_in_production",
    "above_scale",
    "high_tech",
    "synthetic",
)


def make_enterprises(seed: int = 2019, n: int = 3000, bad_records: bool = True) -> pd.DataFrame:
    """Synthetic enterprise records, a few hundred firms per cluster at the default ``n``.

    Each cluster gets a planted level of 亩均增加值 (34–56 万元/亩, ratio of totals) and of
    全员劳动生产率 (28–42 万元/人); firm values scatter log-normally around them.
    Money is in 万元, land in 亩, energy in tonnes of standard coal (tce), emissions in tonnes,
    electricity in 万千瓦时. ``bad_records`` plants the problems listed in ``BAD_RECORDS``
    (see ``planted_problems``).

    Returns
    -------
    DataFrame
        Columns ``COLUMNS``; ``synthetic`` is True on every row.
    """
    rng = np.random.default_rng(seed)
    clusters = firm_clusters()
    sizes = rng.dirichlet(np.full(len(clusters), 8.0))
    cluster = rng.choice(clusters, size=n, p=sizes)
    va_level = dict(zip(clusters, rng.uniform(34, 56, len(clusters)), strict=True))
    lp_level = dict(zip(clusters, rng.uniform(28, 42, len(clusters)), strict=True))
    land = np.round(np.exp(rng.normal(np.log(40), 0.9, n)).clip(2, 2000), 1)
    s_va, s_lp = 0.55, 0.35
    va_per_mu = np.exp(rng.normal(np.log(_lookup(va_level, cluster)) - s_va**2 / 2, s_va))
    value_added = land * va_per_mu
    lp = np.exp(rng.normal(np.log(_lookup(lp_level, cluster)) + s_lp**2 / 2, s_lp))
    revenue = value_added / rng.uniform(0.2, 0.35, n)
    energy = value_added / np.exp(rng.normal(np.log(1.5), 0.6, n))
    emissions = np.where(rng.random(n) < 0.05, 0.0, value_added / np.exp(rng.normal(8.0, 0.8, n)))
    rd_share = np.where(rng.random(n) < 0.2, 0.0, np.exp(rng.normal(np.log(0.015), 0.7, n)))
    records = pd.DataFrame(
        {
            "firm_id": [f"E{i + 1:05d}" for i in range(n)],
            "cluster": cluster,
            "land_mu": land,
            "tax": np.round(value_added * rng.uniform(0.06, 0.2, n), 2),
            "value_added": np.round(value_added, 2),
            "revenue": np.round(revenue, 2),
            "employees": np.maximum(1, np.round(value_added / lp)).astype(int),
            "energy_tce": np.round(energy, 2),
            "emissions": np.round(emissions, 3),
            "rd_spending": np.round(revenue * rd_share, 2),
            "electricity": np.round(energy * np.exp(rng.normal(np.log(0.5), 0.4, n)), 2),
            "years_in_production": rng.integers(0, 31, n),
            "above_scale": (revenue >= 2000) | (rng.random(n) < 0.1),
            "high_tech": rng.random(n) < 0.15,
            "synthetic": True,
        },
        columns=list(COLUMNS),
    )
    return _plant_bad_records(records) if bad_records else records


def planted_problems(n: int = 3000) -> dict[str, str]:
    """The firm ids ``make_enterprises(n=n)`` corrupts, with the data-quality reason expected."""
    return {_bad_id(frac, n): reason for frac, _, _, reason in BAD_RECORDS}


def write_demo(seed: int = 2019) -> None:
    """Regenerate data/demo/enterprises.csv (byte-identical for the same seed)."""
    DEMO_FILE.parent.mkdir(parents=True, exist_ok=True)
    make_enterprises(seed).to_csv(DEMO_FILE, index=False, lineterminator="\n", encoding="utf-8")


def _plant_bad_records(records: pd.DataFrame) -> pd.DataFrame:
    records = records.copy()
    for frac, field, value, _ in BAD_RECORDS:
        records.loc[records["firm_id"] == _bad_id(frac, len(records)), field] = value
    return records


def _bad_id(frac: float, n: int) -> str:
    return f"E{int(frac * n) + 1:05d}"


def _lookup(levels: dict[str, float], keys: np.ndarray) -> np.ndarray:
    return pd.Series(keys).map(levels).to_numpy()


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m clusterlib.demo.enterprises --write``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"write {DEMO_FILE}")
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args(argv)
    if args.write:
        write_demo(args.seed)
        print(f"wrote {DEMO_FILE}")
    else:
        print(make_enterprises(args.seed).head())


if __name__ == "__main__":
    main()
