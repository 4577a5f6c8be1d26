"""Interval calibration by horizon: choose on an early period, report on a later one.

Run from the project root::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/interval_calibration.py

For three data sets (the demo panel's flows; China's growth-only indices; US real GDP and
investment) the combination's members are fitted at every rolling origin (h = 8, step 1), and
each fold is assigned to

* the *calibration period* if all its outcomes precede the data set's split quarter, or
* the *evaluation period* if its origin is at or after the split quarter,

so no outcome used to choose or fit the calibration is ever scored. On the calibration
period only, the bench chooses the volatility half-life (none, 16, 24, 32 quarters) by
leave-one-data-set-out coverage error, then fits the split-conformal quantile table
(:func:`clusterlib.forecasting.calibration.conformal_quantiles`, each data set weighted
equally) and prints it next to the stored ``INTERVAL_QUANTILES``. On the evaluation period it
reports 80% / 95% coverage by horizon of (a) normal intervals, (b) the former scheme (one-step
empirical tails at every horizon, half-life 24) and (c) the stored table, each with a 95%
confidence interval robust to the folds' overlap and serial dependence (Newey–West on the
per-origin coverage, lag h + 1), and the mean 80% width in % of the point forecast.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import norm

sys.path.insert(0, str(Path(__file__).parent))
from forecast_bench import FLOWS, china_panel, demo_panel, macro_panel

from clusterlib.forecasting.calibration import (
    INTERVAL_QUANTILES,
    conformal_quantiles,
    horizon_quantiles,
)
from clusterlib.forecasting.forecast import split_series
from clusterlib.forecasting.models import (
    COMBO_MEMBERS,
    SEASON,
    combine,
    fit_series,
    prepare,
    volatility_ratio,
)
from clusterlib.forecasting.parallel import run_parallel

H = 8
N_JOBS = 2
LEVELS = (80, 95)
HALFLIVES = {"none": None, "16": 16.0, "24": 24.0, "32": 32.0}
Q = "Q-DEC"


def datasets() -> dict[str, tuple[pd.DataFrame, str, str, str]]:
    """Name → (panel, first origin, last origin, split quarter)."""
    demo = demo_panel()
    return {
        "demo": (demo[demo["indicator"].isin(FLOWS)], "2012Q4", "2017Q4", "2015Q4"),
        "china": (china_panel(), "2008Q4", "2023Q1", "2015Q4"),
        "us": (macro_panel(), "1965Q4", "2001Q3", "1986Q4"),
    }


def fit_fold(y: pd.Series, cutoff: pd.Period) -> dict | None:
    """Members' combination at one origin on the working scale, with the outcomes; None if
    the series needed a fallback or a member failed (scored only where all three fit)."""
    seen = y[y.index <= cutoff]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = fit_series(seen.to_numpy(dtype=float), H, COMBO_MEMBERS)
    if fit.fallback_reason or fit.failed_models or not fit.log:
        return None
    combo = combine([fit.fits[m] for m in COMBO_MEMBERS])
    future = pd.period_range(cutoff + 1, periods=H, freq=Q)
    actual = np.log(y.reindex(future).to_numpy(dtype=float))
    seasonal = bool(np.any(prepare(seen.to_numpy(dtype=float)).seasonal))
    return {
        "mean": combo.mean,
        "var": combo.var,
        "resid": combo.resid,
        "actual": actual,
        "seasonal": seasonal,
    }


def collect() -> pd.DataFrame:
    """One row per data set, series, origin: the fold's fit and its period."""
    tasks, meta = [], []
    for name, (panel, first, last, split) in datasets().items():
        split_q = pd.Period(split, freq=Q)
        for key, y in split_series(panel):
            for cutoff in pd.period_range(first, last, freq=Q):
                if cutoff + H <= split_q:
                    period = "calibration"
                elif cutoff >= split_q:
                    period = "evaluation"
                else:
                    continue
                tasks.append((y, cutoff))
                meta.append(
                    {"data": name, "series": "/".join(key), "cutoff": cutoff, "period": period}
                )
    start = time.perf_counter()
    results = run_parallel(fit_fold, tasks, N_JOBS, progress=False)
    print(f"{len(tasks)} fits in {time.perf_counter() - start:.0f} s on {N_JOBS} cores")
    rows = [{**m, **r} for m, r in zip(meta, results, strict=True) if r is not None]
    return pd.DataFrame(rows)


def scores(folds: pd.DataFrame, halflife: float | None) -> np.ndarray:
    """Normalised absolute errors, array (folds, H); NaN where the outcome is missing."""
    out = np.empty((len(folds), H))
    for i, row in enumerate(folds.itertuples()):
        sd = np.sqrt(row.var * volatility_ratio(row.resid, halflife))
        out[i] = np.abs(row.actual - row.mean) / sd
    return out


def one_step_tail_quantile(resid: np.ndarray, level: int) -> float:
    """The former scheme's half-width: empirical quantile of |e| / rms(e), one-step residuals."""
    e = resid[np.isfinite(resid)]
    e = e[SEASON:] if len(e) > 12 else e
    if len(e) < 12 or np.mean(e**2) == 0:
        return float(norm.ppf(0.5 + level / 200))
    tails = np.sort(np.abs(e)) / np.sqrt(np.mean(e**2))
    n = len(tails)
    return float(np.quantile(tails, min(1.0, level / 100 * (n + 1) / n)))


def table_from(folds: pd.DataFrame, s: np.ndarray) -> dict[int, np.ndarray]:
    """Split-conformal quantiles per horizon, each data set weighted equally."""
    counts = folds["data"].map(folds["data"].value_counts()).to_numpy(dtype=float)
    columns = [s[:, k] for k in range(H)]
    weights = [np.where(np.isfinite(s[:, k]), 1.0 / counts, 0.0) for k in range(H)]
    return conformal_quantiles(columns, weights, LEVELS)


def choose_halflife(cal: pd.DataFrame) -> str:
    """Leave-one-data-set-out coverage error on the calibration period, per half-life."""
    print("\n## Choice of the volatility half-life (calibration period only)")
    print("   quantiles fitted on the other data sets, coverage on the left-out one;")
    print("   error = mean over data sets and horizons of |cov80 - .80| + |cov95 - .95|")
    results = {}
    for label, halflife in HALFLIVES.items():
        s = scores(cal, halflife)
        errors, widths = [], []
        for name in cal["data"].unique():
            out = (cal["data"] == name).to_numpy()
            table = table_from(cal[~out], s[~out])
            for level in LEVELS:
                hits = s[out] <= table[level][None, :]
                valid = np.isfinite(s[out])
                cov = np.nansum(hits & valid, axis=0) / valid.sum(axis=0)
                errors.append(np.mean(np.abs(cov - level / 100)))
            widths.append(np.nanmean(table[80]))
        results[label] = np.mean(errors)
        print(f"   half-life {label:>4}: error {np.mean(errors):.3f}")
    best = min(results, key=results.get)
    print(f"   chosen: {best}")
    return best


def hac_interval(hits: pd.Series, cutoffs: pd.Series, lag: int) -> tuple[float, float, float]:
    """Coverage and its 95% CI: Newey–West on the per-origin mean hit rate."""
    per_origin = hits.groupby(cutoffs.to_numpy()).mean().sort_index().to_numpy(dtype=float)
    res = sm.OLS(per_origin, np.ones(len(per_origin))).fit(
        cov_type="HAC", cov_kwds={"maxlags": lag}
    )
    mean, se = float(res.params[0]), float(res.bse[0])
    return mean, mean - 1.96 * se, mean + 1.96 * se


def row_tables(cal: pd.DataFrame, s_cal: np.ndarray, ev: pd.DataFrame, by: str) -> dict:
    """Per evaluation row, the quantiles of a table fitted on the calibration rows of its stratum
    (``by`` a column such as ``data`` or ``seasonal``): level → array (rows, H)."""
    out = {level: np.full((len(ev), H), np.nan) for level in LEVELS}
    for value in ev[by].unique():
        mask = (cal[by] == value).to_numpy()
        if not mask.any():
            continue
        table = table_from(cal[mask], s_cal[mask])
        rows = (ev[by] == value).to_numpy()
        for level in LEVELS:
            out[level][rows] = table[level][None, :]
    return out


def report(cal: pd.DataFrame, ev: pd.DataFrame, halflife: float | None) -> None:
    """Coverage by data set, horizon and scheme on the evaluation period."""
    s = scores(ev, halflife)
    s24 = scores(ev, 24.0)
    s_cal = scores(cal, halflife)
    stored = horizon_quantiles(H)
    per_row = {
        "table": {level: np.tile(stored[level], (len(ev), 1)) for level in LEVELS},
        "by_season": row_tables(cal, s_cal, ev, "seasonal"),
        "own_data": row_tables(cal, s_cal, ev, "data"),
    }
    print("\n## Evaluation period: coverage by horizon [95% Newey-West CI], 80% width %")
    print("   normal: z at every horizon; former: one-step empirical tails, half-life 24;")
    print("   table: the stored INTERVAL_QUANTILES; by_season: one table for seasonal series and")
    print("   one for the others; own_data: each data set's own calibration period (not a")
    print("   library option: it needs a backtest of the panel being forecast)")
    for name in ev["data"].unique():
        rows = (ev["data"] == name).to_numpy()
        sub = ev[rows]
        n_series, n_origins = sub["series"].nunique(), sub["cutoff"].nunique()
        print(f"\n### {name}: {n_series} series x {n_origins} origins (from {sub['cutoff'].min()})")
        lines = []
        for k in range(H):
            valid = np.isfinite(s[rows, k])
            cutoffs = sub["cutoff"][valid].reset_index(drop=True)
            line = {"h": k + 1, "n": int(valid.sum())}
            for level in LEVELS:
                z = norm.ppf(0.5 + level / 200)
                old_q = np.array([one_step_tail_quantile(r, level) for r in sub["resid"]])
                schemes = {"normal": s[rows, k] <= z, "former": s24[rows, k] <= old_q}
                for scheme, table in per_row.items():
                    schemes[scheme] = s[rows, k] <= table[level][rows, k]
                for scheme, hit in schemes.items():
                    hits = pd.Series(hit[valid].astype(float))
                    cov, lo, hi = hac_interval(hits, cutoffs, k + 2)
                    line[f"{scheme}_{level}"] = f"{cov:.2f} [{lo:.2f},{hi:.2f}]"
            sd = np.sqrt(np.stack(sub["var"].to_numpy())[:, k])
            ratio = np.array([volatility_ratio(r, halflife) for r in sub["resid"]])
            half = stored[80][k] * sd * np.sqrt(ratio)
            line["table_width_80"] = f"{100 * np.mean(np.exp(half) - np.exp(-half)):.1f}"
            lines.append(line)
        table = pd.DataFrame(lines).set_index("h")
        for level in LEVELS:
            print(table[[c for c in table.columns if c.endswith(f"_{level}")]].to_string())
        print(table[["n", "table_width_80"]].T.to_string())


def main() -> None:
    """Collect the folds, choose the half-life, fit the table, report by horizon."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cache", type=Path, help="pickle of the folds: read if present, else written"
    )
    args = parser.parse_args()
    pd.set_option("display.width", 200)
    if args.cache is not None and args.cache.exists():
        folds = pd.read_pickle(args.cache)
    else:
        folds = collect()
        if args.cache is not None:
            folds.to_pickle(args.cache)
    cal, ev = folds[folds["period"] == "calibration"], folds[folds["period"] == "evaluation"]
    print(folds.groupby(["data", "period"]).size().unstack().to_string())
    chosen = choose_halflife(cal)
    halflife = HALFLIVES[chosen]
    table = table_from(cal, scores(cal, halflife))
    print("\n## Split-conformal table (calibration period, chosen half-life)")
    for level in LEVELS:
        fitted = tuple(round(float(v), 3) for v in table[level])
        print(f"   {level}: {fitted}")
        print(
            f"   stored: {INTERVAL_QUANTILES[level]}  same: {fitted == INTERVAL_QUANTILES[level]}"
        )
    report(cal, ev, halflife)


if __name__ == "__main__":
    main()
