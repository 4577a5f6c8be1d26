"""Nowcast benchmark, second round (finished): the full-year 累计 growth with the months in hand.

Run from the project root (about 5 minutes, most of it the dynamic factor model)::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/research/nowcast_round2.py

Rules (docs/forecasting.md, "Second round"), committed before any scored figure was computed:
for every target year from 2013 and every month from 1–2月 to 1–11月 the full-year 累计 growth
of four real series (data/official/china) is forecast with the data up to that month by six
candidates — (a) the forecasting engine on the quarterly series up to the last completed
quarter, (b) "累计 growth stays", (c) the bridge (a + β × the month's surprise), (d) the
combination (a + w × (b − a)), (e) momentum (the latest three months' growth carries on) and
(f) statsmodels' ``DynamicFactorMQ`` on the four series' monthly growth — and each month's
method, β, w and interval scale are chosen on the ten target years before the scored one
(rolling origin), exactly as ``nowcast.RULES`` is chosen on the ten latest years. Prints, by
month: MAE (pp) of every candidate and of the procedure, the methods it chose, its 80%
coverage and width, whether the issue's target holds; then the same without 2020–21, by
series, on any fresh series in ``data/official/provinces`` (rules from the four reference
series), and the library's rules of that round. The third round (bench/nowcast_bench.py, whose
data loading, cases and scoring this script shares) replaced it.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent.parent))  # bench/: the maintained nowcast bench
from nowcast_bench import (
    FIRST_SCORED_YEAR,
    ORIGINS,
    SECOND_ROUND,
    SHOCK_YEARS,
    cases,
    print_by_series,
    print_rules,
    province_frames,
    reference_frames,
    rolling,
    score,
)

from clusterlib.forecasting.nowcast import (
    BRIDGE,
    COMBINE,
    FACTOR,
    MOMENTUM,
    NAIVE,
    QUARTERLY,
    MonthRule,
)

WINDOW_YEARS = 10
CANDIDATES = [QUARTERLY, NAIVE, BRIDGE, COMBINE, MOMENTUM, FACTOR]
SUSPECT_YEARS = (2023, 2024)  # Henan's 2023-04 figure (official/provinces/README.md)


def _slope(x: pd.Series, y: pd.Series) -> float:
    """Least-squares slope through the origin (NaN rows dropped)."""
    ok = x.notna() & y.notna()
    return float((x[ok] * y[ok]).sum() / (x[ok] ** 2).sum())


def points(rows: pd.DataFrame, beta: float, weight: float) -> dict[str, pd.Series]:
    """Each candidate's point forecast (the bridge is the quarterly one without a surprise)."""
    return {
        QUARTERLY: rows[QUARTERLY],
        NAIVE: rows[NAIVE],
        BRIDGE: rows[QUARTERLY] + beta * rows["surprise"].fillna(0.0),
        COMBINE: rows[QUARTERLY] + weight * (rows[NAIVE] - rows[QUARTERLY]),
        MOMENTUM: rows[MOMENTUM],
        FACTOR: rows[FACTOR].fillna(rows[NAIVE]),
    }


def choose(window: pd.DataFrame, m: int):
    """One month's rule from its window's cases, and the candidates' points with its β, w.

    β and w by least squares through the origin; the method of least MAE (the bridge only
    where a month is in hand; ties go to the earlier of :data:`CANDIDATES`); the scale = the
    80% quantile of |outcome − centre| ÷ the quarterly paths' 80% half-width, except that the
    quarterly forecast at a quarter's end keeps the engine's paths (scale 1).
    """
    target = window["outcome"] - window[QUARTERLY]
    beta = _slope(window["surprise"], target) if m % 3 else 0.0
    weight = _slope(window[NAIVE] - window[QUARTERLY], target)
    candidates = points(window, beta, weight)
    allowed = [c for c in CANDIDATES if c != BRIDGE or m % 3]
    mae = {c: float((candidates[c] - window["outcome"]).abs().mean()) for c in allowed}
    method = min(allowed, key=mae.get)
    error = (window["outcome"] - candidates[method] - window["centre"]).abs()
    scale = float(np.quantile(error / window["half_width"], 0.8))
    if method == QUARTERLY and m % 3 == 0:
        scale = 1.0
    rule = MonthRule(method, {BRIDGE: beta, COMBINE: weight}.get(method, 0.0), scale)
    return rule, lambda rows: points(rows, beta, weight)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-fresh", action="store_true", help="reference series only")
    args = parser.parse_args()
    start = time.perf_counter()
    frames = reference_frames()
    fresh = {} if args.skip_fresh else province_frames(lambda p: p in SECOND_ROUND)
    reference = cases(frames, frames)
    scored = reference[reference["year"] >= FIRST_SCORED_YEAR]
    forecasts = rolling(reference, scored, choose)
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print(f"Reference series {list(frames)}: {len(scored)} scored cases")
        print(score(forecasts, CANDIDATES).to_string())
        calm = forecasts[~forecasts["year"].isin(SHOCK_YEARS)]
        print(f"\nWithout {SHOCK_YEARS}: {len(calm)} cases")
        print(score(calm, CANDIDATES).to_string())
        print("\nBy series (mean over months):")
        print_by_series(forecasts, CANDIDATES)
        if fresh:
            fresh_cases = cases(fresh, frames | fresh)
            fresh_scored = fresh_cases[fresh_cases["year"] >= FIRST_SCORED_YEAR]
            fresh_forecasts = rolling(reference, fresh_scored, choose)
            print(f"\nFresh series {list(fresh)}: {len(fresh_scored)} cases")
            print(score(fresh_forecasts, CANDIDATES).to_string())
            suspect = fresh_forecasts["series"].str.startswith("henan") & fresh_forecasts[
                "year"
            ].isin(SUSPECT_YEARS)
            print(f"\nFresh series without Henan {SUSPECT_YEARS}: {int((~suspect).sum())} cases")
            print(score(fresh_forecasts[~suspect], CANDIDATES).to_string())
            print("\nFresh, by series (mean over months):")
            print_by_series(fresh_forecasts, CANDIDATES)
        last = int(reference["year"].max())
        window = reference[reference["year"] > last - WINDOW_YEARS]
        rules = {m: choose(window[window["month"] == m], m)[0] for m in ORIGINS}
        print_rules(rules, "The second round's library rules (the latest ten years):")
    print(f"\nwall time {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
