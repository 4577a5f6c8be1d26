"""Monthly ledger benchmark: backtest of the year-end projection, and speed.

Run from the project root::

    .venv/bin/python bench/ledger_bench.py            # backtest 2016–2018, speed 16 and 184 regions
    .venv/bin/python bench/ledger_bench.py --quick    # backtest 2018 only, speed 16 regions

Prints

1. the rolling-origin backtest of the year-end projection the ledger shows (monthly models,
   seasonal period 12) on the demo's monthly data: for every origin month of the backtest
   years, the projected full-year 累计 growth against the December outcome, by horizon
   (months to December): MAE and RMSE (pp), the MAE of the naive projection "累计 growth
   stays where it is" and the ratio, the coverage and mean width of the 80% interval, and
   the Brier score of the probability of beating the city;
2. the wall time of the whole ledger (indicator ledger + projection, 3 indicators) for
   16 regions and for 184 synthetic regions (a province's development zones) on 2 cores,
   with the ratio to a reference measured in the same run: the quarterly joint simulation
   (``forecast_and_simulate``, h = 4) of the same regions' quarterly series.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import time
import warnings

import numpy as np
import pandas as pd

from clusterlib import paths
from clusterlib.forecasting.models import FallbackWarning
from clusterlib.forecasting.simulate import forecast_and_simulate
from clusterlib.inputs.panel import build_panel, load_records, preferred_series
from clusterlib.ledger.indicators import monthly_table
from clusterlib.ledger.projection import project_year_end
from clusterlib.ledger.report import ledger_tables
from clusterlib.ledger.settings import load_ledger_settings

MONTHS = (3, 4, 5, 6, 7, 8, 9, 10, 11)


def backtest(table: pd.DataFrame, years: list[int], n_jobs: int) -> pd.DataFrame:
    """One row per origin month, region and indicator: projection, interval and outcome."""
    settings = load_ledger_settings()
    rows = []
    for year in years:
        outcome = _december(table, year)
        for month in MONTHS:
            origin = pd.Period(year=year, month=month, freq="M")
            seen = table[table["period"] <= origin]
            projection = project_year_end(seen, origin, settings, n_jobs)
            now = seen[seen["period"] == origin].set_index(["region", "indicator"])["growth"]
            projection = projection.join(now.rename("naive"), on=["region", "indicator"])
            rows.append(projection.join(outcome, on=["region", "indicator"]).assign(h=12 - month))
    return pd.concat(rows, ignore_index=True)


def _december(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """Full-year growth and whether each region beat the city, per indicator."""
    december = table[table["period"] == pd.Period(year=year, month=12, freq="M")]
    growth = december.set_index(["region", "indicator"])["growth"].rename("outcome")
    city = growth.xs("city", level="region")
    beat = growth > city.reindex(growth.index.get_level_values("indicator")).to_numpy()
    return pd.concat([growth, beat.rename("beat")], axis=1)


def accuracy_by_horizon(cv: pd.DataFrame) -> pd.DataFrame:
    """MAE, RMSE, naive MAE and ratio, 80% coverage and width, Brier score by horizon."""
    cv = cv[cv["projection_note"] == "projected"].dropna(subset=["outcome"])
    error = cv["projected_growth"] - cv["outcome"]
    inside = (cv["outcome"] >= cv["projected_lo_80"]) & (cv["outcome"] <= cv["projected_hi_80"])
    clusters = cv["p_beat_city"].notna()
    frame = cv.assign(
        abs_error=error.abs(),
        sq_error=error**2,
        naive_error=(cv["naive"] - cv["outcome"]).abs(),
        inside=inside,
        width=cv["projected_hi_80"] - cv["projected_lo_80"],
        brier=np.where(clusters, (cv["p_beat_city"] - cv["beat"].astype(float)) ** 2, np.nan),
    )
    grouped = frame.groupby("h")
    table = pd.DataFrame(
        {
            "n": grouped.size(),
            "mae_pp": grouped["abs_error"].mean(),
            "rmse_pp": np.sqrt(grouped["sq_error"].mean()),
            "naive_mae_pp": grouped["naive_error"].mean(),
            "coverage_80": grouped["inside"].mean(),
            "width_80_pp": grouped["width"].mean(),
            "brier_beat_city": grouped["brier"].mean(),
        }
    )
    return table.assign(mae_ratio=table["mae_pp"] / table["naive_mae_pp"]).round(3)


def synthetic_records(records: pd.DataFrame, n_regions: int, seed: int = 0) -> pd.DataFrame:
    """Typed monthly records for the city and ``n_regions - 1`` synthetic regions.

    Each synthetic region copies a demo cluster (in turn) with its single months scaled by
    a random factor and multiplied by independent noise (sd 3%); growth-only series get
    N(0, 0.5) pp added. Region ids ``z001`` …; every record is synthetic.
    """
    rng = np.random.default_rng(seed)
    monthly = records[[getattr(p, "freqstr", "") == "M" for p in records["period"]]]
    city = monthly[monthly["region"] == "city"]
    clusters = sorted(set(monthly["region"]) - {"city"})
    pieces = [city]
    for i in range(1, n_regions):
        source = monthly[monthly["region"] == clusters[(i - 1) % len(clusters)]]
        pieces.append(_perturbed(source, f"z{i:03d}", rng))
    return pd.concat(pieces, ignore_index=True)


def _perturbed(source: pd.DataFrame, region: str, rng: np.random.Generator) -> pd.DataFrame:
    """One synthetic copy of a region's records (levels re-cumulated, growth shifted)."""
    copy = source.copy().assign(region=region)
    levels = copy["measure"] == "level"
    growth_only = ~copy.groupby("indicator")["measure"].transform(lambda m: (m == "level").any())
    copy.loc[~levels & growth_only, "value"] += rng.normal(0, 0.5, (~levels & growth_only).sum())
    copy = copy[levels | growth_only]  # level series: growth is recomputed from the levels
    factor = rng.uniform(0.3, 3.0)
    for _, rows in copy[copy["measure"] == "level"].groupby("indicator"):
        ytd = rows.sort_values("period")
        years = np.array([p.year for p in ytd["period"]])
        single = ytd["value"].groupby(years).diff().fillna(ytd["value"]).to_numpy()
        noisy = single * factor * np.exp(rng.normal(0, 0.03, len(single)))
        copy.loc[ytd.index, "value"] = pd.Series(noisy, index=ytd.index).groupby(years).cumsum()
    return copy


def time_ledger(records: pd.DataFrame, n_jobs: int) -> float:
    """Seconds for the whole ledger of 2019-06 (indicator ledger + projection)."""
    settings = load_ledger_settings()
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FallbackWarning)
        ledger_tables(records, "2019-06", settings, "zh", n_jobs)
    return time.perf_counter() - started


def time_quarterly_reference(records: pd.DataFrame, n_jobs: int) -> float:
    """Seconds for the quarterly joint simulation of the same regions (h = 4, 500 paths)."""
    panel = build_panel(records[[p <= pd.Period("2019-06", freq="M") for p in records["period"]]])
    wanted = preferred_series(panel, ["industry_va", "fai", "hightech_va"])
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        forecast_and_simulate(wanted, 4, 500, 0, n_jobs=n_jobs, progress=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2018 only; 16 regions only")
    args = parser.parse_args()
    records = load_records(paths.DEMO / "monthly.csv")
    table = monthly_table(records)
    years = [2018] if args.quick else [2016, 2017, 2018]
    started = time.perf_counter()
    cv = backtest(table, years, n_jobs=2)
    print(f"1. Year-end projection backtest, origins {years} × months {MONTHS[0]}–{MONTHS[-1]}")
    print(f"   ({len(cv)} projections in {time.perf_counter() - started:.0f} s)")
    print(accuracy_by_horizon(cv).to_string())
    print("\n2. Speed of the ledger of 2019-06 (3 indicators, projection included), 2 cores")
    for n in (16,) if args.quick else (16, 184):
        regions = synthetic_records(records, n)
        seconds = time_ledger(regions, n_jobs=2)
        reference = time_quarterly_reference(regions, n_jobs=2)
        print(
            f"   {n:4d} regions: {seconds:6.1f} s; quarterly joint simulation of the same "
            f"regions {reference:5.1f} s; ratio {seconds / reference:.2f}"
        )


if __name__ == "__main__":
    main()
