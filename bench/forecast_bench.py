"""Forecast benchmark: M3 quarterly holdout (accuracy, speed), backtests, interval coverage.

Run from the project root::

    .venv/bin/python bench/forecast_bench.py --m3                   # M3 report subset only
    .venv/bin/python bench/forecast_bench.py --m3 --subset design   # the subset for choices
    .venv/bin/python bench/forecast_bench.py --fresh                # M1 + Tourism, held out
    .venv/bin/python bench/forecast_bench.py --candidates           # what was tried (design)
    .venv/bin/python bench/forecast_bench.py --airline              # numpy vs statsmodels airline
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
   docs/forecasting.md, "What was tried"). ``--fresh`` prints the same on the fresh held-out
   set of the fourth round (the M1 and Tourism competitions' quarterly series, pooled and by
   collection; docs/forecasting.md, "The fresh held-out set");
1. rolling-origin backtests (h = 8) of every model on the demo panel and real quarterly data
   (China's growth-only industrial value added and fixed-asset investment chained into
   indices, China's real GDP index; US real GDP and real investment from statsmodels'
   ``macrodata``): MASE, sMAPE, RMSE of y/y growth (pp), 80%/95% coverage and width, and the
   MASE gain of each model over seasonal naive; the row ``combo_uncalibrated`` is the
   combination before ``models.calibrate`` (rebuilt from the members' rows);
2. a single-origin holdout of the last 8 quarters of those series, ``forecast_series``
   against the forecasting-competition benchmarks (M4's Naive2, Theta, and the
   SES/Holt/Damped Comb);
3. time per series on those series, statsmodels' airline SARIMA fit against the numpy one
   (:mod:`clusterlib.forecasting.airline`) timed in the same loop, and the wall time of the
   full rolling backtest of the demo panel on 2 cores;
4. statsforecast's AutoETS / AutoARIMA / AutoTheta on the same folds, if it is installed.

``--airline`` prints only the airline comparison on the M3 design subset's seasonal series:
ms per fit of statsmodels' ``SARIMAX`` (as ``models.fit_airline`` was) and of the numpy fit,
timed back to back on each series (mean, median, ratios), the largest differences of their
forecasts and variances, which reached the higher likelihood, and the design subset's sMAPE,
MASE and OWA of the combination and of the ``arima`` member with either airline fit.
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import norm
from statsmodels.tsa.statespace.sarimax import SARIMAX

sys.path.insert(0, str(Path(__file__).parent))
from m3_benchmark import (
    load_m3,
    m4_benchmarks,
    owa_table,
    report_candidates,
    report_fresh,
    report_m3,
)
from m3_benchmark import mase as m3_mase
from m3_benchmark import smape as m3_smape

from clusterlib import paths
from clusterlib.forecasting import airline, models
from clusterlib.forecasting.backtest import accuracy, cross_validate
from clusterlib.forecasting.forecast import INTERVAL_COLUMNS, forecast_series, split_series
from clusterlib.forecasting.metrics import mase, smape
from clusterlib.forecasting.models import (
    COMBO_MEMBERS,
    FallbackWarning,
    Fit,
    Prepared,
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


def statsmodels_airline(prep: Prepared, h: int) -> Fit:
    """The former ``models.fit_airline``: statsmodels' SARIMAX, variance concentrated out."""
    model = SARIMAX(
        prep.work, order=(0, 1, 1), seasonal_order=(0, 1, 1, prep.season), concentrate_scale=True
    )
    params = model.fit(disp=False, return_params=True)
    res = model.filter(params, cov_type="none")
    pred = res.get_forecast(h)
    resid = np.asarray(res.resid, dtype=float).copy()
    resid[: 1 + prep.season] = np.nan
    return Fit(np.asarray(pred.predicted_mean), np.asarray(pred.var_pred_mean), resid)


def report_airline_speed(series: list[np.ndarray], label: str = "") -> None:
    """statsmodels' airline fit against the numpy one (``models.fit_airline``), same loop.

    On the seasonal series among ``series``: ms per fit (mean, median; ratio of both), the
    largest differences of the forecasts (of the log forecast = relative, on log-scale
    series) and of the variances (relative), and how often each reached the higher
    likelihood (statsmodels' own, more than 1e-4 apart).
    """
    preps = [prepare(values) for values in series if unfittable_reason(values) is None]
    seasonal = [prep for prep in preps if np.any(prep.seasonal)]
    old_ms, new_ms, mean_gaps, var_gaps, higher = [], [], [], [], {"ours": 0, "statsmodels": 0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for prep in seasonal:
            start = time.perf_counter()
            old = statsmodels_airline(prep, H)
            old_ms.append(1000 * (time.perf_counter() - start))
            start = time.perf_counter()
            new = fit_airline(prep, H)
            new_ms.append(1000 * (time.perf_counter() - start))
            mean_gaps.append(np.max(np.abs(old.mean - new.mean)))
            var_gaps.append(np.max(np.abs(new.var / old.var - 1)))
            winner = _likelier(prep)
            if winner:
                higher[winner] += 1
    old_ms, new_ms = np.array(old_ms), np.array(new_ms)
    print(
        f"   airline SARIMA on {len(seasonal)} seasonal series{label}, ms per fit (fit + "
        f"{H}-quarter forecast, one core): statsmodels mean {old_ms.mean():.1f} / median "
        f"{np.median(old_ms):.1f}, numpy mean {new_ms.mean():.2f} / median "
        f"{np.median(new_ms):.2f}; ratio of means {old_ms.mean() / new_ms.mean():.1f}, "
        f"of medians {np.median(old_ms) / np.median(new_ms):.1f}"
    )
    print(
        f"   largest difference of a (log) forecast {np.max(mean_gaps):.1e} (median "
        f"{np.median(mean_gaps):.1e}), of a variance {100 * np.max(var_gaps):.2f}% (median "
        f"{100 * np.median(var_gaps):.3f}%); higher likelihood: numpy in {higher['ours']} "
        f"series, statsmodels in {higher['statsmodels']}, the same (1e-4) in the others"
    )


def _likelier(prep: Prepared) -> str | None:
    """Which estimate statsmodels' own likelihood prefers, ``"ours"`` or ``"statsmodels"``."""
    model = SARIMAX(
        prep.work, order=(0, 1, 1), seasonal_order=(0, 1, 1, prep.season), concentrate_scale=True
    )
    theirs = model.fit(disp=False, return_params=True)
    result = airline.fit_airline_model(prep.work, H, prep.season)
    gap = model.loglike([result.theta, result.seasonal_theta]) - model.loglike(theirs)
    return "ours" if gap > 1e-4 else "statsmodels" if gap < -1e-4 else None


def report_airline(subset: str = "design") -> None:
    """Speed and agreement of the numpy airline on M3, and the accuracy with either airline.

    The accuracy is that of ``forecast_series`` (the combination) and of the ``arima``
    member on the M3 ``subset`` (the design subset: the report subset is scored only for
    the record, docs/forecasting.md), with ``models.fit_airline`` as it is and as it was.
    """
    series = load_m3(subset)
    report_airline_speed([s.train for s in series], f" of the M3 {subset} subset")
    rows = []
    for version, function in (("statsmodels", statsmodels_airline), ("numpy", fit_airline)):
        with _airline_as(function), warnings.catch_warnings():
            warnings.simplefilter("ignore", FallbackWarning)
            for s in series:
                fit = fit_series(s.train, H, models=("combo", "arima"))
                naive2 = m4_benchmarks(s.train)["Naive2"]
                for method, fc in (
                    ("Naive2", naive2),
                    ("combo", intervals(fit.fits["combo"], fit.log)["mean"]),
                    ("arima", intervals(fit.fits["arima"], fit.log)["mean"]),
                ):
                    rows.append(
                        {
                            "version": version,
                            "method": method,
                            "smape": m3_smape(s.test, fc),
                            "mase": m3_mase(s.test, fc, s.train),
                        }
                    )
    scores = pd.DataFrame(rows)
    print(f"\n## M3 {subset} subset ({len(series)} series, h = {H}): accuracy by airline fit")
    for version, part in scores.groupby("version", sort=False):
        table = owa_table(part).drop(index="Naive2")
        cells = "  ".join(
            f"{m}: {r.smape:.3f} / {r.mase:.4f} / {r.owa:.4f}" for m, r in table.iterrows()
        )
        print(f"   {version} airline, sMAPE / MASE / OWA  {cells}")


@contextmanager
def _airline_as(function: Callable[[Prepared, int], Fit]) -> Iterator[None]:
    """``models.fit_airline`` (called by ``fit_arima``) replaced by ``function`` for a while."""
    saved = models.fit_airline
    models.fit_airline = function
    try:
        yield
    finally:
        models.fit_airline = saved


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
    parser.add_argument("--fresh", action="store_true", help="only the fresh held-out set")
    parser.add_argument("--candidates", action="store_true", help="only what was tried (design)")
    parser.add_argument(
        "--airline", action="store_true", help="only the airline fit: numpy vs statsmodels (design)"
    )
    args = parser.parse_args()
    pd.set_option("display.width", 220)
    if args.airline:
        report_airline("design")
        return
    if args.fresh:
        report_fresh()
        return
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
