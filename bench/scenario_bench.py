"""Speed of scenarios: a slider update on the demo, and a scenario run against the batch.

Prints the time of one widget update (the goals under the sliders' shocks, from the kept
paths; median and slowest of 20 updates) and, with ``--batch``, the wall times of three
`clusterlib run` commands back to back in fresh folders: the baseline batch, the same run with
``--scenario`` from nothing (the baseline is built first) and ``--scenario`` again on the now
current baseline, each as a ratio to the baseline batch (target ≤ 1.2).

    .venv/bin/python bench/scenario_bench.py [--batch] [--quarter 2019Q2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

import pandas as pd

from clusterlib import paths
from clusterlib.goals.catalogue import load_catalogue
from clusterlib.inputs.panel import load_panel
from clusterlib.params import load_run_params
from clusterlib.pipeline import goal_draws, project_register
from clusterlib.scenarios import Draws
from clusterlib.scenarios.interactive import build_model
from clusterlib.scenarios.spec import cluster_ids
from clusterlib.scenarios.widgets import slider_shocks

SCENARIO = paths.PARAMS / "scenarios" / "slowdown.yaml"


def widget_updates(quarter: str, n_paths: int = 500, repeats: int = 20) -> list[float]:
    """Seconds of ``repeats`` slider updates with every slider away from zero."""
    settings = load_run_params(paths.PARAMS / "run.yaml")
    panel = load_panel(paths.resolve(list(settings.data)), quarter)
    as_of = pd.Period(quarter, freq="Q-DEC")
    goals = load_catalogue()
    draws = Draws(*goal_draws(panel, seed=settings.seed, n_paths=n_paths, goals=goals))
    started = time.perf_counter()
    model = build_model(panel, as_of, draws, goals, project_register(settings.projects))
    print(f"slider model built in {time.perf_counter() - started:.1f} s ({n_paths} paths)")
    seconds = []
    for k in range(repeats):
        growth = {
            region: 0.5 * ((k + j) % 7 - 3) for j, region in enumerate(["city", *cluster_ids()])
        }
        shocks = slider_shocks(model, "industry_va", growth, ("airport", -10.0 * k))
        started = time.perf_counter()
        model.goals(shocks)
        seconds.append(time.perf_counter() - started)
    return seconds


def timed(command: list[str]) -> float:
    """Wall seconds of a command (its output dropped; a failure stops the bench)."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def batch_ratios(quarter: str) -> None:
    """Baseline batch, scenario from nothing, scenario on a current baseline: times and ratios."""
    run = [sys.executable, "-m", "clusterlib.cli", "run", "--quarter", quarter]
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        baseline = timed([*run, "--out", first])
        fresh = timed([*run, "--out", second, "--scenario", str(SCENARIO)])
        current = timed([*run, "--out", first, "--scenario", str(SCENARIO)])
    print(f"baseline batch                      {baseline:7.1f} s")
    print(f"--scenario, baseline built first    {fresh:7.1f} s  ratio {fresh / baseline:.2f}")
    print(f"--scenario on the current baseline  {current:7.1f} s  ratio {current / baseline:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarter", default="2019Q2")
    parser.add_argument("--batch", action="store_true", help="also time the batch commands")
    args = parser.parse_args()
    seconds = widget_updates(args.quarter)
    print(
        f"widget update: median {statistics.median(seconds):.3f} s, "
        f"slowest {max(seconds):.3f} s over {len(seconds)} updates (target < 1 s)"
    )
    if args.batch:
        batch_ratios(args.quarter)


if __name__ == "__main__":
    main()
