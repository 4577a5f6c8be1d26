"""Forecast benchmark: M3 quarterly holdout (accuracy, speed), backtests, interval coverage.

Run from the project root::

    .venv/bin/python bench/forecast_bench.py --m3                   # M3 report subset only
    .venv/bin/python bench/forecast_bench.py --m3 --subset design   # the subset for choices
    .venv/bin/python bench/forecast_bench.py --candidates           # what was tried (design)
    .venv/bin/python bench/forecast_bench.py                        # everything (~15 min)
    .venv/bin/python bench/forecast_bench.py --quick                # fewer backtest windows

Prints:

0. the M3 competition's quarterly series (data/benchmark/, 16–64 quarters of history, the
   8 held-out quarters): sMAPE, MASE and OWA against Naive2 (M4 definitions) of
   ``forecast_series`` and of statsmodels' Theta and the M4 benchmarks, by kind of series
   (seasonal, trending, short, with a break); 80%/95% coverage by horizon with a 95% interval
   clustered by series; time per series (mean, median, 95th percentile) by history length,
   ``forecast_series`` against statsmodels' Theta timed in the same loop (ratio and ms).
   ``--subset design`` runs it on the 256 series used for every choice; ``report`` (the
   default) on the other 500. ``--candidates`` compares members and combinations on the
   design subset at three origins (the competition's, 4 and 8 quarters earlier;
   docs/forecasting.md, "What was tried");
1. rolling-origin backtests (h = 8) of every model on the demo panel and real quarterly data
   (China's growth-only industrial value added and fixed-asset investment chained into
   indices, China's real GDP index; US real GDP and real investment from statsmodels'
   ``macrodata``): MASE, sMAPE, RMSE of y/y growth (pp), 80%/95% coverage and width, and the
   MASE gain of each model over seasonal naive; the row ``combo_uncalibrated`` is the
   combination before ``models.calibrate`` (rebuilt from the members' rows);
2. a single-origin holdout of the last 8 quarters of those series, ``forecast_series``
   against the forecasting-competition benchmarks (M4's Naive2, Theta, and the
   SES/Holt/Damped Comb);
3. time per series on those series, the airline SARIMA fit with and without the variance
   concentrated out, and the wall time of the full rolling backtest of the demo panel on 2
   cores;
4. statsforecast's AutoETS / AutoARIMA / AutoTheta on the same folds, if it is installed.
"""

from __future__ import annotations

import os

# the fits multiply tiny matrices: extra BLAS threads only add contention (10x slower on a
# loaded 2-core machine); joblib workers get one thread each anyway
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
from statsmodels.tsa.arima.model import ARIMA

sys.path.insert(0, str(Path(__file__).parent))
from m3_benchmark import m4_benchmarks, report_candidates, report_m3

from clusterlib import paths
from clusterlib.forecasting.backtest import accuracy, cross_validate
from clusterlib.forecasting.forecast import INTERVAL_COLUMNS, forecast_series, split_series
from clusterlib.forecasting.metrics import mase, smape
from clusterlib.forecasting.models import (
    COMBO_MEMBERS,
    FallbackWarning,
    fit_airline,
    fit_series,
    intervals,
    prepare,
    unfittable_reason,
)
from clusterlib.inputs.panel import build_panel, load_panel, load_records

ALL_MODELS = ("snaive", "drift", "ets", "arima", "theta", "combo")
H = 8
N_JOBS = 2
FLOWS = ["industry_va", "fai", "hightech_va"]


# --- data -------------------------------------------------------------------------------------


def demo_panel() -> pd.DataFrame:
    """The demo panel (all series) as written to data/demo/panel.csv."""
    return load_panel(paths.DEMO / "panel.csv")


def china_panel() -> pd.DataFrame:
    """China's growth-only series as chained indices, 2004–2025Q1 (earlier years have holes)."""
    records = load_records(paths.OFFICIAL_CHINA)
    records = records[records["period"].map(lambda p: p.year >= 2004)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the loader names series it leaves out
        panel = build_panel(records)
    keep = (panel["measure"] == "index") & (panel["period"] <= pd.Period("2025Q1", freq="Q"))
    return panel[keep].reset_index(drop=True)


def macro_panel() -> pd.DataFrame:
    """US real GDP and real investment, 1959Q1–2009Q3 (statsmodels macrodata)."""
    data = sm.datasets.macrodata.load_pandas().data
    periods = pd.PeriodIndex.from_fields(
        year=data["year"].astype(int), quarter=data["quarter"].astype(int), freq="Q"
    )
    frames = [
        pd.DataFrame(
            {"region": "usa", "indicator": name, "measure": "level", "period": periods}
        ).assign(value=data[column].to_numpy())
        for name, column in (("gdp", "realgdp"), ("investment", "realinv"))
    ]
    return pd.concat(frames, ignore_index=True)


# --- 1. rolling backtests ---------------------------------------------------------------------


def backtest_table(panel: pd.DataFrame, n_windows: int, step: int) -> tuple[pd.DataFrame, float]:
    """Accuracy per model pooled over series and folds, plus the MASE gain over snaive."""
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FallbackWarning)
        cv = cross_validate(panel, H, n_windows, step, ALL_MODELS, n_jobs=N_JOBS, progress=False)
    seconds = time.perf_counter() - start
    both = pd.concat([cv, uncalibrated_combo(cv)], ignore_index=True)
    table = accuracy(both, panel, by=["model"]).set_index("model")
    table["mase_gain_vs_snaive_%"] = 100 * (1 - table["mase"] / table.loc["snaive", "mase"])
    return table, seconds


def uncalibrated_combo(cv: pd.DataFrame) -> pd.DataFrame:
    """The combination before calibration: members' log means and sds averaged (positive series)."""
    keys = ["region", "indicator", "measure", "period", "cutoff", "actual"]
    members = cv[cv["model"].isin(COMBO_MEMBERS)]
    z80, z95 = norm.ppf(0.9), norm.ppf(0.975)
    logs = members[keys].assign(
        mean=np.log(members["mean"]),
        sd=(np.log(members["hi_80"]) - np.log(members["lo_80"])) / (2 * z80),
    )
    grouped = logs.groupby(keys, sort=False)[["mean", "sd"]]
    combo = grouped.mean()[grouped.size() == len(COMBO_MEMBERS)].reset_index()
    bands = {"mean": combo["mean"]}
    for level, z in ((80, z80), (95, z95)):
        bands[f"lo_{level}"] = combo["mean"] - z * combo["sd"]
        bands[f"hi_{level}"] = combo["mean"] + z * combo["sd"]
    exp = {column: np.exp(bands[column]) for column in INTERVAL_COLUMNS}
    return combo[keys].assign(**exp, model="combo_uncalibrated")


def datasets(quick: bool) -> dict[str, tuple[pd.DataFrame, int, int]]:
    """Name → (panel, number of backtest windows, quarters between cutoffs)."""
    demo = demo_panel()
    return {
        "demo panel, flows (industry_va, fai, hightech_va)": (
            demo[demo["indicator"].isin(FLOWS)],
            4 if quick else 8,
            1,
        ),
        "China official, growth-only → chained index": (china_panel(), 6 if quick else 16, 2),
        "US macrodata: real GDP, real investment": (macro_panel(), 10 if quick else 40, 2),
    }


def report_backtests(quick: bool) -> None:
    """Print the backtest tables of every data set (and statsforecast's, if installed)."""
    for name, (panel, n_windows, step) in datasets(quick).items():
        table, seconds = backtest_table(panel, n_windows, step)
        n_series = panel.groupby(["region", "indicator", "measure"]).ngroups
        print(f"\n## {name}: {n_series} series, {n_windows} windows (step {step}), h={H}")
        print(f"   backtest of 6 models on {N_JOBS} cores: {seconds:.1f} s")
        print(table.round(3).to_string())
        report_statsforecast(panel, n_windows, step)


# --- 2. holdout against the competition benchmarks -------------------------------------------


def report_holdout(series: list[tuple[str, pd.Series]]) -> None:
    """``forecast_series`` against Naive2, Theta and Comb on the last 8 quarters of each series."""
    rows = []
    for label, y in series:
        train, test = y.iloc[:-H], y.iloc[-H:].to_numpy()
        values = train.to_numpy()
        scale = np.mean(np.abs(values[4:] - values[:-4]))  # in-sample seasonal naive
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FallbackWarning)
            ours = forecast_series(train, H)["mean"].to_numpy()
        forecasts = {"forecast_series": ours, **m4_benchmarks(train.to_numpy())}
        for method, fc in forecasts.items():
            scored = pd.DataFrame({"actual": test, "mean": fc, "scale": scale})
            rows.append(
                {"series": label, "method": method, "smape": smape(scored), "mase": mase(scored)}
            )
    table = pd.DataFrame(rows).groupby("method")[["smape", "mase"]].mean()
    print(f"\n## Holdout of the last {H} quarters, {len(series)} series (mean over series)")
    print(table.sort_values("mase").round(3).to_string())


# --- 3. speed ---------------------------------------------------------------------------------


def report_speed(series: list[tuple[str, pd.Series]], demo: pd.DataFrame) -> None:
    """Median time per series on one core, and the demo panel's full backtest on 2 cores."""
    times = []
    for _, y in series:
        values = y.to_numpy()
        start = time.perf_counter()
        fit = fit_series(values, H)
        intervals(fit.fits["combo"], fit.log)
        times.append(1000 * (time.perf_counter() - start))
    print(f"\n## Time per series (fit + {H}-quarter forecast + intervals, default, 1 core)")
    print(
        f"   {len(times)} series: median {np.median(times):.0f} ms, "
        f"90th percentile {np.percentile(times, 90):.0f} ms, max {np.max(times):.0f} ms"
    )
    report_airline_speed([y.to_numpy() for _, y in series])
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FallbackWarning)
        cv = cross_validate(demo, H, 8, models=("combo",), n_jobs=N_JOBS, progress=False)
    seconds = time.perf_counter() - start
    n_series = demo.groupby(["region", "indicator", "measure"]).ngroups
    print(
        f"   full rolling backtest of the demo panel ({n_series} series x 8 windows, "
        f"default model, {N_JOBS} cores): {seconds:.1f} s, {len(cv)} forecast rows"
    )


def report_airline_speed(series: list[np.ndarray]) -> None:
    """The airline fit with the variance concentrated out against plain MLE of all parameters."""
    preps = [prepare(values) for values in series if unfittable_reason(values) is None]
    seasonal = [prep for prep in preps if np.any(prep.seasonal)]
    plain, concentrated, gaps = [], [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for prep in seasonal:
            start = time.perf_counter()
            model = ARIMA(prep.work, order=(0, 1, 1), seasonal_order=(0, 1, 1, 4))
            old = model.filter(model.fit().params).get_forecast(H).predicted_mean
            plain.append(1000 * (time.perf_counter() - start))
            start = time.perf_counter()
            new = fit_airline(prep, H).mean
            concentrated.append(1000 * (time.perf_counter() - start))
            gaps.append(np.max(np.abs(np.asarray(old) - new)))
    print(
        f"   airline SARIMA on {len(seasonal)} seasonal series, median ms: full MLE "
        f"{np.median(plain):.1f}, variance concentrated out {np.median(concentrated):.1f}; "
        f"largest change of a log forecast {np.max(gaps):.1e}"
    )


# --- 4. statsforecast, for comparison only -----------------------------------------------------


def report_statsforecast(panel: pd.DataFrame, n_windows: int, step: int) -> None:
    """AutoETS / AutoARIMA / AutoTheta of statsforecast on the same folds, if installed."""
    try:
        from statsforecast import StatsForecast
        from statsforecast.models import AutoARIMA, AutoETS, AutoTheta
    except ImportError:
        print("   statsforecast: not installed, comparison skipped (pip install statsforecast)")
        return
    keys = ["region", "indicator", "measure"]
    df = panel.assign(
        unique_id=panel[keys].agg("|".join, axis=1),
        ds=panel["period"].dt.to_timestamp(how="start"),
        y=panel["value"],
    )[["unique_id", "ds", "y"]]
    models = [AutoETS(season_length=4), AutoARIMA(season_length=4), AutoTheta(season_length=4)]
    start = time.perf_counter()
    sf = StatsForecast(models=models, freq="QS", n_jobs=N_JOBS)
    raw = sf.cross_validation(df=df, h=H, n_windows=n_windows, step_size=step, level=[80, 95])
    seconds = time.perf_counter() - start
    cv = _statsforecast_to_cv(raw, keys, [type(m).__name__ for m in models])
    table = accuracy(cv, panel, by=["model"]).set_index("model")
    print(f"   statsforecast on the same folds ({seconds:.1f} s on {N_JOBS} cores):")
    print(table.round(3).to_string())


def _statsforecast_to_cv(raw: pd.DataFrame, keys: list[str], names: list[str]) -> pd.DataFrame:
    """statsforecast's wide cross-validation output → clusterlib's long backtest table."""
    raw = raw.reset_index() if "unique_id" not in raw.columns else raw
    split = raw["unique_id"].str.split("|", expand=True)
    base = pd.DataFrame({k: split[i] for i, k in enumerate(keys)}).assign(
        period=raw["ds"].dt.to_period("Q"),
        cutoff=raw["cutoff"].dt.to_period("Q"),
        actual=raw["y"],
    )
    frames = [
        base.assign(
            mean=raw[name],
            lo_80=raw[f"{name}-lo-80"],
            hi_80=raw[f"{name}-hi-80"],
            lo_95=raw[f"{name}-lo-95"],
            hi_95=raw[f"{name}-hi-95"],
            model=name,
        )
        for name in names
    ]
    return pd.concat(frames, ignore_index=True)


def main() -> None:
    """Run every part of the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer backtest windows")
    parser.add_argument("--m3", action="store_true", help="only the M3 quarterly holdout")
    parser.add_argument("--subset", default="report", choices=("design", "report"))
    parser.add_argument("--candidates", action="store_true", help="only what was tried (design)")
    args = parser.parse_args()
    pd.set_option("display.width", 220)
    if args.candidates or args.m3:
        report_candidates() if args.candidates else report_m3(args.subset)
        return
    quick = args.quick
    report_m3(args.subset)
    demo = demo_panel()
    real = pd.concat([china_panel(), macro_panel()], ignore_index=True)
    flows = demo[demo["indicator"].isin(FLOWS)]
    series = [("/".join(k), y) for k, y in split_series(pd.concat([flows, real]))]
    report_backtests(quick)
    report_holdout(series)
    report_speed(series, demo)


if __name__ == "__main__":
    main()
