"""Seeded SYNTHETIC indicators for the yearly evaluation demo (data/demo/evaluation.csv).

``make_evaluation_demo(seed) -> (records, truth)``: main-business revenue and tax (YTD levels),
above-scale enterprise counts, leading-industry and energy-intensive shares (quarter-end
levels) for the clusters of data/catalog/regions.csv, 2013Q1–2019Q4. Region names are real,
the numbers invented; 郑州金岱 has no energy-intensive share (the missing-indicator demo).
``make_demo_star_list()``: a SYNTHETIC star list (data/demo/star_ratings.csv) for the provincial
clusters, 2013–2018, agreeing with the published ratings where they exist.
Run ``python -m clusterlib.demo.evaluation --write`` to regenerate both files (seed 2019).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import numpy as np
import pandas as pd

from clusterlib import paths
from clusterlib.demo.panel import COLUMNS

SOURCE = "synthetic: clusterlib.demo.evaluation.make_evaluation_demo(seed={seed})"
PATH = paths.DEMO / "evaluation.csv"
STAR_PATH = paths.DEMO / "star_ratings.csv"
STAR_SOURCE = "synthetic: clusterlib.demo.evaluation.make_demo_star_list()"
#: provincial cluster → (first year, stars) changes, 2013–2018; invented, except that they agree
#: with data/official/facts/star_ratings.csv (经开 6 2014–17, 航空港 6 2015–17, 新港 1 in 2015,
#: 巩义 2 in 2016, 马寨 2 undated) and with the plan (白沙 below 二星 in 2018). 金岱 is a park.
DEMO_STARS = {
    "econ_tech": {2013: 6},
    "airport": {2013: 5, 2015: 6},
    "hitech": {2013: 3, 2016: 4},
    "baisha": {2013: 1},
    "zhongmu_auto": {2013: 3},
    "xinzheng_xingang": {2013: 1, 2016: 2},
    "gongyi": {2013: 2},
    "xinmi": {2013: 2},
    "xingyang_wulong": {2013: 1},
    "new_materials": {2013: 1},
    "mazhai": {2013: 2},
}
YEARS = range(2013, 2020)
LAST_YEAR = 2019
STAR_YEARS = range(YEARS[0], LAST_YEAR)  # ratings of 2013–2018 (the previous years of 2014–2019)
SEASON = np.array([0.22, 0.25, 0.25, 0.28])  # shares of a year's revenue by quarter
MISSING = ("jindai", "high_energy_share")
#: region → (planted 2019 main-business revenue 亿元, its yearly growth, tax/revenue,
#: above-scale firms 2019, leading-industry share %, energy-intensive share %)
PLANTED = {
    "econ_tech": (2600.0, 0.10, 0.055, 420, 78.0, 8.0),
    "airport": (4600.0, 0.12, 0.030, 260, 88.0, 5.0),
    "hitech": (1200.0, 0.09, 0.060, 300, 72.0, 6.0),
    "baisha": (215.0, 0.16, 0.050, 95, 66.0, 12.0),
    "zhongmu_auto": (950.0, 0.08, 0.045, 150, 82.0, 10.0),
    "xinzheng_xingang": (420.0, 0.11, 0.040, 140, 60.0, 18.0),
    "gongyi": (760.0, 0.05, 0.035, 260, 55.0, 38.0),
    "xinmi": (480.0, 0.04, 0.030, 190, 50.0, 35.0),
    "xingyang_wulong": (360.0, 0.09, 0.040, 120, 58.0, 22.0),
    "new_materials": (280.0, 0.07, 0.045, 80, 64.0, 25.0),
    "mazhai": (170.0, 0.06, 0.040, 70, 52.0, 20.0),
    "jindai": (110.0, 0.05, 0.035, 45, 48.0, 15.0),
}
UNITS = {
    "main_business_revenue": "100m_yuan",
    "tax": "100m_yuan",
    "above_scale_industrial_enterprises_count": "count",
    "leading_industries_share": "pct_share",
    "high_energy_share": "pct_share",
}


@dataclass(frozen=True)
class EvaluationTruth:
    """What :func:`make_evaluation_demo` planted: each cluster's yearly revenue totals (亿元)."""

    seed: int
    revenue: pd.DataFrame  # index region, columns years


def make_evaluation_demo(seed: int = 2019) -> tuple[pd.DataFrame, EvaluationTruth]:
    """The synthetic evaluation records (input-record format) and the planted revenues."""
    rng = np.random.default_rng(seed)
    quarters = pd.period_range(f"{YEARS[0]}Q1", f"{LAST_YEAR}Q4", freq="Q-DEC")
    frames, revenue = [], {}
    for region, planted in PLANTED.items():
        totals = {year: planted[0] / (1 + planted[1]) ** (LAST_YEAR - year) for year in YEARS}
        revenue[region] = totals
        frames.append(_region_records(region, planted, totals, quarters, rng))
    records = pd.concat(frames, ignore_index=True)
    records = records.assign(
        source=SOURCE.format(seed=seed),
        note="",
        synthetic="true",
        unit=records["indicator"].map(UNITS),
    )
    truth = EvaluationTruth(seed, pd.DataFrame(revenue).T.rename_axis("region"))
    return records[COLUMNS], truth


def _region_records(
    region: str,
    planted: tuple,
    totals: dict[int, float],
    quarters: pd.PeriodIndex,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """One region's records: YTD revenue and tax, quarter-end counts and shares."""
    _, growth, tax_rate, firms, leading, energy = planted
    shares = SEASON * np.exp(rng.normal(0, 0.03, size=(len(YEARS), 4)))
    shares /= shares.sum(axis=1, keepdims=True)  # each year's total stays as planted
    single = np.concatenate([totals[year] * shares[i] for i, year in enumerate(YEARS)])
    tax = single * tax_rate * np.exp(rng.normal(0, 0.05, size=len(single)))
    years_back = LAST_YEAR + 0.75 - (quarters.year + (quarters.quarter - 1) / 4)
    series = {
        ("main_business_revenue", "ytd"): _ytd(single, quarters).round(2),
        ("tax", "ytd"): _ytd(tax, quarters).round(2),
        ("above_scale_industrial_enterprises_count", "single"): np.round(
            firms / (1 + growth / 2) ** years_back
        ),
        ("leading_industries_share", "single"): np.clip(
            leading - 0.8 * years_back + rng.normal(0, 0.8, len(quarters)), 20, 95
        ).round(1),
        ("high_energy_share", "single"): np.clip(
            energy + 0.6 * years_back + rng.normal(0, 0.6, len(quarters)), 1, 80
        ).round(1),
    }
    rows = [
        pd.DataFrame(
            {
                "region": region,
                "indicator": indicator,
                "period": quarters.astype(str),
                "period_type": period_type,
                "measure": "level",
                "value": values,
            }
        )
        for (indicator, period_type), values in series.items()
        if (region, indicator) != MISSING
    ]
    return pd.concat(rows, ignore_index=True)


def make_demo_star_list() -> pd.DataFrame:
    """The synthetic star list: one row per provincial cluster and year, labelled synthetic."""
    rows = []
    for region, changes in DEMO_STARS.items():
        for year in STAR_YEARS:
            level = changes[max(y for y in changes if y <= year)]
            rows.append((region, year, level, "true", STAR_SOURCE, "", "invented (demo)"))
    columns = ["region", "year", "stars", "synthetic", "source", "quote", "note"]
    return pd.DataFrame(rows, columns=columns)


def _ytd(single: np.ndarray, quarters: pd.PeriodIndex) -> np.ndarray:
    """Year-to-date sums of single-quarter values."""
    return pd.Series(single).groupby(np.asarray(quarters.year)).cumsum().to_numpy()


def main() -> None:
    """``--write``: regenerate data/demo/evaluation.csv; otherwise print a summary."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help=f"write {PATH} and {STAR_PATH}")
    args = parser.parse_args()
    records, truth = make_evaluation_demo()
    if args.write:
        records.to_csv(PATH, index=False, encoding="utf-8", lineterminator="\n")
        make_demo_star_list().to_csv(STAR_PATH, index=False, encoding="utf-8", lineterminator="\n")
        print(f"written: {PATH} ({len(records)} rows), {STAR_PATH}")
    else:
        print(truth.revenue.round(1))


if __name__ == "__main__":
    main()
