"""Interval calibration by horizon: choose and fit on M3 design series, report on the others.

Run from the project root::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/interval_calibration.py \
        --cache /tmp/calibration_folds.pkl
    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/interval_calibration.py --no-report

The combination's members are fitted at rolling origins (h = 8) of

* the M3 quarterly *design* series (data/benchmark/, 256 series; origins at the end of the
  competition's history and 4 and 8 quarters earlier): the volatility half-life (none, 16,
  24, 32 quarters) is chosen there by two-fold cross-fitting over series (table fitted on one
  half, coverage error measured on the other), then the split-conformal quantile table
  (:func:`clusterlib.forecasting.calibration.conformal_quantiles`) is fitted on all of them
  and printed next to the stored ``INTERVAL_QUANTILES``;
* the M3 quarterly *report* series (the other 500, same origins; left out with
  ``--no-report``, so that a candidate's table can be fitted without touching them), never
  used for a choice:
  80% / 95% coverage by horizon of normal intervals and of the stored table, with a 95%
  confidence interval clustered by series (:func:`clustered_coverage`: a series' forecasts at
  several origins and horizons are dependent, series are not);
* the demo panel's flows, China's growth-only indices and US real GDP and investment (every
  origin from the first to the last, step 1), also never used for a choice: coverage by
  horizon with a Newey–West interval over origins (lag h + 1), as the folds overlap in time.

The mean 80% width is printed in % of the point forecast.
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
from m3_benchmark import as_quarterly, load_m3

from clusterlib.forecasting.calibration import (
    INTERVAL_QUANTILES,
    clustered_coverage,
    conformal_quantiles,
    horizon_quantiles,
)
from clusterlib.forecasting.forecast import split_series
from clusterlib.forecasting.models import COMBO_MEMBERS, combine, fit_series, volatility_ratio
from clusterlib.forecasting.parallel import run_parallel

H = 8
N_JOBS = 2
LEVELS = (80, 95)
HALFLIVES = {"none": None, "16": 16.0, "24": 24.0, "32": 32.0}
M3_ORIGINS = (0, 4, 8)
"""Origins of the M3 folds: this many quarters before the end of the competition's history."""
Q = "Q-DEC"


def real_datasets() -> dict[str, tuple[pd.DataFrame, str, str]]:
    """Name → (panel, first origin, last origin) of the real and demo data sets."""
    demo = demo_panel()
    return {
        "demo": (demo[demo["indicator"].isin(FLOWS)], "2012Q4", "2017Q4"),
        "china": (china_panel(), "2008Q4", "2023Q1"),
        "us": (macro_panel(), "1965Q4", "2001Q3"),
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
    return {"mean": combo.mean, "var": combo.var, "resid": combo.resid, "actual": actual}


def fold_tasks(report: bool = True) -> tuple[list[tuple], list[dict]]:
    """The (series, cutoff) fits to make and their labels: data set, series, origin, role;
    without the M3 report series if ``report`` is false."""
    tasks, meta = [], []
    subsets = (("design", "calibration"), ("report", "evaluation"))
    for subset, role in subsets if report else subsets[:1]:
        for s in load_m3(subset):
            y = as_quarterly(np.r_[s.train, s.test])
            for back in M3_ORIGINS:
                cutoff = y.index[len(s.train) - 1 - back]
                tasks.append((y, cutoff))
                meta.append(
                    {"data": f"m3_{subset}", "series": s.name, "cutoff": cutoff, "role": role}
                )
    for name, (panel, first, last) in real_datasets().items():
        for key, y in split_series(panel):
            for cutoff in pd.period_range(first, last, freq=Q):
                tasks.append((y, cutoff))
                meta.append(
                    {"data": name, "series": "/".join(key), "cutoff": cutoff, "role": "evaluation"}
                )
    return tasks, meta


def collect(report: bool = True) -> pd.DataFrame:
    """One row per data set, series and origin: the fold's fit and its role."""
    tasks, meta = fold_tasks(report)
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


def table_from(s: np.ndarray) -> dict[int, np.ndarray]:
    """Split-conformal quantiles per horizon, every fold weighted equally."""
    return conformal_quantiles([s[:, k] for k in range(H)], levels=LEVELS)


def choose_halflife(cal: pd.DataFrame) -> str:
    """Two-fold cross-fitting over the design series: coverage error per half-life."""
    print("\n## Choice of the volatility half-life (M3 design series only)")
    print("   table fitted on one half of the series, coverage on the other, and back;")
    print("   error = mean over halves and horizons of |cov80 - .80| + |cov95 - .95|")
    names = np.sort(cal["series"].unique())
    half = cal["series"].isin(names[::2]).to_numpy()
    results = {}
    for label, halflife in HALFLIVES.items():
        s = scores(cal, halflife)
        errors = []
        for fit_rows in (half, ~half):
            table = table_from(s[fit_rows])
            for level in LEVELS:
                held = s[~fit_rows]
                valid = np.isfinite(held)
                cov = np.sum((held <= table[level][None, :]) & valid, axis=0) / valid.sum(axis=0)
                errors.append(np.mean(np.abs(cov - level / 100)))
        results[label] = float(np.sum(errors) / 2)
        print(f"   half-life {label:>4}: error {results[label]:.4f}")
    best = min(results, key=results.get)
    print(f"   chosen: {best}")
    return best


def newey_west(hits: pd.Series, cutoffs: pd.Series, lag: int) -> tuple[float, float, float]:
    """Coverage and its 95% CI: Newey–West on the per-origin mean hit rate."""
    per_origin = hits.groupby(cutoffs.to_numpy()).mean().sort_index().to_numpy(dtype=float)
    res = sm.OLS(per_origin, np.ones(len(per_origin))).fit(
        cov_type="HAC", cov_kwds={"maxlags": lag}
    )
    mean, se = float(res.params[0]), float(res.bse[0])
    return mean, mean - 1.96 * se, mean + 1.96 * se


def report(ev: pd.DataFrame, halflife: float | None) -> None:
    """Coverage by data set, horizon and scheme (normal, stored table); 80% width."""
    s = scores(ev, halflife)
    stored = horizon_quantiles(H)
    print("\n## Evaluation: coverage by horizon [95% CI], mean 80% width in % of the forecast")
    print("   normal: z at every horizon; table: the stored INTERVAL_QUANTILES. CI clustered by")
    print("   series for M3, Newey-West over origins for the others")
    for name in ev["data"].unique():
        rows = (ev["data"] == name).to_numpy()
        sub = ev[rows].reset_index(drop=True)
        print(f"\n### {name}: {sub['series'].nunique()} series, {len(sub)} forecasts")
        lines = []
        for k in range(H):
            valid = np.isfinite(s[rows, k])
            line = {"h": k + 1, "n": int(valid.sum())}
            for level in LEVELS:
                z = norm.ppf(0.5 + level / 200)
                for scheme, q in (("normal", z), ("table", stored[level][k])):
                    hit = (s[rows, k] <= q)[valid].astype(float)
                    if name.startswith("m3"):
                        cov, lo, hi = clustered_coverage(hit, sub["series"][valid].to_numpy())
                    else:
                        cutoffs = sub["cutoff"][valid].reset_index(drop=True)
                        cov, lo, hi = newey_west(pd.Series(hit), cutoffs, k + 2)
                    line[f"{scheme}_{level}"] = f"{cov:.2f} [{lo:.2f},{hi:.2f}]"
            sd = np.sqrt(np.stack(sub["var"].to_numpy())[:, k])
            ratio = np.array([volatility_ratio(r, halflife) for r in sub["resid"]])
            half = stored[80][k] * sd * np.sqrt(ratio)
            line["width_80"] = f"{100 * np.mean(np.exp(half) - np.exp(-half)):.1f}"
            lines.append(line)
        table = pd.DataFrame(lines).set_index("h")
        print(table.to_string())
        if name.startswith("m3"):
            for level in LEVELS:
                hit = (s[rows] <= stored[level][None, :]).astype(float)
                valid = np.isfinite(s[rows])
                clusters = np.repeat(sub["series"].to_numpy()[:, None], H, axis=1)
                cov, lo, hi = clustered_coverage(hit[valid], clusters[valid])
                print(f"   all horizons, table, {level}%: {cov:.3f} [{lo:.3f}, {hi:.3f}]")


def main() -> None:
    """Collect the folds, choose the half-life, fit the table, report by horizon."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cache", type=Path, help="pickle of the folds: read if present, else written"
    )
    parser.add_argument(
        "--halflife", choices=list(HALFLIVES), help="keep this half-life, not the one chosen"
    )
    parser.add_argument(
        "--no-report", action="store_true", help="leave out the M3 report series (no scoring)"
    )
    args = parser.parse_args()
    pd.set_option("display.width", 250)
    if args.cache is not None and args.cache.exists():
        folds = pd.read_pickle(args.cache)
    else:
        folds = collect(report=not args.no_report)
        if args.cache is not None:
            folds.to_pickle(args.cache)
    cal, ev = folds[folds["role"] == "calibration"], folds[folds["role"] == "evaluation"]
    print(folds.groupby(["data", "role"]).size().unstack().to_string())
    chosen = choose_halflife(cal)
    halflife = HALFLIVES[args.halflife or chosen]
    if args.halflife:
        print(f"   kept instead: {args.halflife}")
    table = table_from(scores(cal, halflife))
    print("\n## Split-conformal table (M3 design series, chosen half-life)")
    for level in LEVELS:
        fitted = tuple(round(float(v), 3) for v in table[level])
        print(f"   {level}: {fitted}")
        print(
            f"   stored: {INTERVAL_QUANTILES[level]}  same: {fitted == INTERVAL_QUANTILES[level]}"
        )
    report(ev, halflife)


if __name__ == "__main__":
    main()
