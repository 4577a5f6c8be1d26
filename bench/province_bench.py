"""Province scale: the quarter's work for a SYNTHETIC province, stage by stage, time and memory.

Run from the project root (each size runs in a fresh process, so its peak memory is its own)::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/province_bench.py
    ... bench/province_bench.py --scaling                 # + 100 / 500 / 2,000 series table
    ... bench/province_bench.py --scaling --fits stub     # the table without the model fits

The province (:mod:`clusterlib.demo.province`): 184 clusters + 18 cities + the province,
3 indicators (industry_va, fai, hightech_va), 40 quarters to 2019Q2 = 609 series, written as a
catalogue folder and an input CSV in a temporary folder and read back as the batch does.
Stages, as the notebooks run them (pipeline functions):

- ``load``: ``load_panel`` (read, validate, build);
- ``backtest``: ``backtest_tables`` per indicator, 4 folds (snaive + combo);
- ``forecast``: ``forecast_tables`` + ``full_year`` per indicator (8 quarters);
- ``goals``: ``goal_results`` with 1,000 joint paths and every goal of params/goals.yaml
  (each_cluster goals now cover 184 clusters).

As in the batch, the stages share a fit cache in the temporary folder
(:mod:`clusterlib.forecasting.fit_cache`): the goal tests read the forecast stage's fits of the
same series from disk instead of refitting them (the batch's notebooks run in separate
kernels and share the fits the same way).

``--fits stub`` replaces the model fit by the naive fallback (microseconds): what is left is
everything but the fits (pandas, simulation, goal tests), so real minus stub is the fits' share.
The reference, measured in the same run (at its start, and again at its end: the load of a
shared machine moves): statsmodels' Theta (fit + 8-quarter forecast) per series on 30 of the
province's series, one core; each stage is also given in Theta-units (stage seconds / Theta
seconds per series). Each stage's CPU seconds (this process and its joblib workers) are
printed too: less sensitive to other jobs on the machine than wall time.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import psutil

from clusterlib import paths
from clusterlib.demo.province import (
    INDICATORS,
    N_CITIES,
    N_CLUSTERS,
    province_records,
    province_regions,
    write_province_catalogue,
)
from clusterlib.forecasting.fit_cache import run_cache

QUARTER = "2019Q2"
SIZES = (100, 500, 2000)
N_PATHS = 1000
STAGES = ("load", "backtest", "forecast", "goals")


def clusters_for(n_series: int) -> int:
    """Clusters giving about ``n_series`` series (3 indicators × clusters, cities, province)."""
    return max(12, round(n_series / len(INDICATORS)) - N_CITIES - 1)


def _peak_kib(pid: int) -> int:
    """Peak resident memory (VmHWM, KiB) of a live process (the joblib workers stay alive)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    lines = [line for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(lines[0].split()[1]) if lines else 0


def run_one(n_clusters: int, jobs: int, fits: str, seed: int) -> dict:
    """Time every stage on a province of ``n_clusters`` clusters (in this process)."""
    with tempfile.TemporaryDirectory() as folder:
        catalogue = write_province_catalogue(Path(folder) / "catalog", n_clusters)
        os.environ[paths.CATALOG_ENV] = str(catalogue)
        data = Path(folder) / "province.csv"
        province_records(province_regions(n_clusters), seed).to_csv(data, index=False)
        if fits == "stub":
            _stub_fits()
        with warnings.catch_warnings(), run_cache(Path(folder) / "fit_cache"):
            warnings.simplefilter("ignore")  # fallback / correlation notes are not the point
            seconds, cpu, panel = _stages(data, jobs, seed)
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = max([_peak_kib(child.pid) for child in psutil.Process().children(True)] or [0])
    n_series = panel.groupby(["region", "indicator"]).ngroups
    return {
        "series": n_series,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mib": usage / 1024,
        "worker_mib": workers / 1024,
    }


def _cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and its live children (the joblib workers).

    Less sensitive than wall time to other jobs on a shared machine."""
    me = psutil.Process()
    total = 0.0
    for process in [me, *me.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _stages(
    data: Path, jobs: int, seed: int
) -> tuple[dict[str, float], dict[str, float], pd.DataFrame]:
    """Wall seconds and CPU seconds per stage, and the panel."""
    from clusterlib.inputs.panel import load_panel, preferred_series
    from clusterlib.pipeline import backtest_tables, forecast_tables, full_year, goal_results

    as_of = pd.Period(QUARTER, freq="Q-DEC")
    seconds, cpu = {}, {}
    marks = [(time.perf_counter(), _cpu_seconds())]

    def done(stage: str) -> None:
        marks.append((time.perf_counter(), _cpu_seconds()))
        seconds[stage] = marks[-1][0] - marks[-2][0]
        cpu[stage] = marks[-1][1] - marks[-2][1]

    panel = load_panel([data], QUARTER)
    done("load")
    series = {name: preferred_series(panel, [name]) for name in INDICATORS}
    for one in series.values():
        backtest_tables(one, n_windows=4, n_jobs=jobs)
    done("backtest")
    for one in series.values():
        _, growth = forecast_tables(one, h=8, n_jobs=jobs)
        full_year(one, growth, as_of.year)
    done("forecast")
    goal_results(panel, as_of, seed=seed, n_paths=N_PATHS, n_jobs=jobs)
    done("goals")
    return seconds, cpu, panel


def _stub_fits() -> None:
    """Replace the model fits by the naive fallback (in this process; use with --jobs 1)."""
    from clusterlib.forecasting import models
    from clusterlib.forecasting.models import Fit, SeriesFit, fallback

    def stub(values, h, models, season):
        work = np.log(values)
        naive = fallback(work, h)
        fit = Fit(naive.mean, naive.var, resid=np.r_[np.nan, np.diff(work)])
        return SeriesFit(dict.fromkeys(models, fit), log=True)

    models.fit_series = stub


def theta_seconds(n: int = 30, seed: int = 2019) -> float:
    """Reference: statsmodels Theta, fit + 8-quarter forecast, seconds per series (one core)."""
    from statsmodels.tsa.forecasting.theta import ThetaModel

    records = province_records(province_regions(N_CLUSTERS), seed, indicators=("industry_va",))
    values = records.pivot(index="period", columns="region", values="value")
    index = pd.PeriodIndex(values.index, freq="Q")
    columns = values.columns[:n]
    started = time.perf_counter()
    for region in columns:
        ThetaModel(pd.Series(values[region].to_numpy(), index=index), period=4).fit().forecast(8)
    return (time.perf_counter() - started) / len(columns)


def measure(n_clusters: int, jobs: int, fits: str, seed: int) -> dict:
    """``run_one`` in a fresh Python process (its own peak memory)."""
    command = [sys.executable, __file__, "--one", str(n_clusters), "--jobs", str(jobs)]
    command += ["--fits", fits, "--seed", str(seed)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def show(result: dict, theta: float, label: str) -> None:
    """One result: stage seconds, total, Theta-units, memory."""
    total = sum(result["seconds"].values())
    stages = "  ".join(f"{k} {v:6.1f}s" for k, v in result["seconds"].items())
    cpu = "  ".join(f"{k} {v:6.1f}s" for k, v in result["cpu"].items())
    print(
        f"{label:>12} {result['series']:5d} series  {stages}  total {total:6.1f}s  "
        f"= {total / theta:7.0f} Theta-fits ({total / result['series'] / theta:5.1f} per series)"
        f"  peak {result['peak_mib']:5.0f} MiB + {result['worker_mib']:4.0f} MiB per joblib worker"
        f"\n{'CPU':>12} {'':5} seconds {cpu}  total {sum(result['cpu'].values()):6.1f}s"
    )


def main(argv: list[str] | None = None) -> None:
    """Print the province figures (and, with --scaling, the size table)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="joblib workers (default 2)")
    parser.add_argument("--fits", choices=("real", "stub"), default="real")
    parser.add_argument("--scaling", action="store_true", help="also 100 / 500 / 2,000 series")
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: one size
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.jobs, args.fits, args.seed)))
        return
    theta = theta_seconds()
    print(f"reference: statsmodels Theta {theta * 1000:.1f} ms per series (same run, one core)")
    print(f"fits: {args.fits}, jobs: {args.jobs}, {N_PATHS} joint paths, 4 backtest folds")
    show(measure(N_CLUSTERS, args.jobs, args.fits, args.seed), theta, "province")
    if args.scaling:
        for size in SIZES:
            show(measure(clusters_for(size), args.jobs, args.fits, args.seed), theta, f"~{size}")
    print(f"reference again at the end: {theta_seconds() * 1000:.1f} ms per series")


if __name__ == "__main__":
    main()
