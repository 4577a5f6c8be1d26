"""Fourth round of issue #14 (part A): candidates on all 756 M3 quarterly series, three origins.

Run from the project root::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/research/m3_fourth_round.py

The design and report subsets together (the report subset was scored for the third round's
choice, so it is no longer a clean test; a fresh held-out collection judges this round's
choice), each series cut at the three origins of ``bench/m3_benchmark.py`` (the
competition's, 4 and 8 quarters earlier). Prints (1) OWA of every member, combination and
reference at each origin and their mean; (2) each combination's OWA difference to the
library's default at each origin with a bootstrap standard error over series, and whether it
passes the round's first rule (lower at **every** origin by more than :data:`RULE_SE`
standard errors); (3) OWA by kind of series (seasonal, trending, short, with a break); (4)
mean ms per member. Members' forecasts are cached per member in ``--cache`` (default
/tmp/m3_fourth_round), so a new candidate costs only its own fits; delete the folder after a
change to the library. Candidates: ``bench/research/m3_candidates.py`` (``FOURTH_ROUND``).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent.parent))  # bench/: the maintained m3_benchmark
sys.path.insert(0, str(Path(__file__).parent))
import m3_candidates as candidates
from m3_benchmark import ORIGINS, H, at_origins, load_m3
from m3_third_round import (
    combination,
    member_means,
    origins_table,
    paired_differences,
    references,
    scores,
)

from clusterlib.forecasting.models import Fit, Prepared, fit_arima, fit_ets, fit_theta

MEMBERS: dict[str, Callable[[Prepared, int], Fit]] = {
    "ets": fit_ets,
    "arima": fit_arima,
    "theta": fit_theta,
    **candidates.FOURTH_ROUND,
}
"""Member name → fit function: the library's three members, then the round's candidates."""
DEFAULT = "combo (default)"
COMBINATIONS: dict[str, tuple[str, ...]] = {
    DEFAULT: ("ets", "arima", "theta"),
    "1. every member after the last break (16 left)": (
        "ets_after_break16",
        "arima_after_break16",
        "theta_after_break16",
    ),
    "1. every member after the last break (12 left)": (
        "ets_after_break12",
        "arima_after_break12",
        "theta_after_break12",
    ),
    "1. ETS after the last break (16 left)": ("ets_after_break16", "arima", "theta"),
    "1. ARIMA after the last break (16 left)": ("ets", "arima_after_break16", "theta"),
    "1. Theta after the last break (16 left)": ("ets", "arima", "theta_after_break16"),
    "1. Theta's drift halved after a break": ("ets", "arima", "theta_half_drift_if_break"),
    "1. ETS damping <= 0.90 after a break": ("ets_damped090_if_break", "arima", "theta"),
    "1. ARIMA with at most one difference after a break": (
        "ets",
        "arima_d_upto_1_if_break",
        "theta",
    ),
    "2. ARIMA on levels unless trending (non-seasonal)": (
        "ets",
        "arima_levels_unless_trending",
        "theta",
    ),
    "2. ARIMA on levels unless trending (and the airline)": (
        "ets",
        "arima_levels_unless_trending_all",
        "theta",
    ),
    "3. ARIMA(p,d,q) with small MA orders by AICc": ("ets", "arima_small_ma", "theta"),
    "4. Theta's drift halved unless trending": (
        "ets",
        "arima",
        "theta_half_drift_unless_trending",
    ),
    "4. optimised Theta unless trending": ("ets", "arima", "theta_optimised_unless_trending"),
    "5. SES for Theta, non-trending non-seasonal": (
        "ets",
        "arima",
        "theta_ses_if_flat_nonseasonal",
    ),
    "5. SES a fourth member, non-trending non-seasonal": (
        "ets",
        "arima",
        "theta",
        "ses_if_flat_nonseasonal",
    ),
    "6. the airline on levels unless trending (seasonal only)": (
        "ets",
        "arima_airline_levels_unless_trending",
        "theta",
    ),
    "6. ARIMA left out after a break": ("ets", "arima_unless_break", "theta"),
    "6. ARIMA(p,1,0) without drift unless trending": (
        "ets",
        "arima_no_drift_unless_trending",
        "theta",
    ),
    "6. SES for Theta after a break": ("ets", "arima", "theta_ses_if_break"),
    "6. SES a fourth member, non-trending": ("ets", "arima", "theta", "ses_if_flat"),
    "7. airline on levels unless trending + SES a fourth member, non-trending": (
        "ets",
        "arima_airline_levels_unless_trending",
        "theta",
        "ses_if_flat",
    ),
    "7. airline on levels unless trending + ARIMA left out after a break": (
        "ets",
        "arima_airline_levels_unless_trending_unless_break",
        "theta",
    ),
    "7. airline on levels unless trending + SES for Theta after a break": (
        "ets",
        "arima_airline_levels_unless_trending",
        "theta_ses_if_break",
    ),
    "7. ARIMA left out + SES for Theta after a break": (
        "ets",
        "arima_unless_break",
        "theta_ses_if_break",
    ),
    "7. ARIMA left out after a break + SES a fourth member, non-trending": (
        "ets",
        "arima_unless_break",
        "theta",
        "ses_if_flat",
    ),
}
"""Label → members of an equal-weight mean on the log scale (numbered by the issue's list;
7: pairs of 2 and 6);
a combination is left out when one of its members was not computed."""
RULE_SE = 1.5
"""A candidate must lower OWA at every origin by more than this many bootstrap sds."""


def all_series() -> list:
    """Every M3 quarterly series (design, then report) cut at each origin."""
    return at_origins(load_m3("design") + load_m3("report"))


def forecasts(series: list, fits: dict, m4: list) -> dict[str, list[np.ndarray]]:
    """Level forecasts of every member, combination and reference on every cut."""
    out = {name: [np.exp(m) for m in f["mean"]] for name, f in fits.items()}
    for label, names in COMBINATIONS.items():
        if all(n in fits for n in names):
            out[label] = [
                combination([fits[n]["mean"][i] for n in names], None, False)
                for i in range(len(series))
            ]
    for ref in ("Naive2", "Theta", "Comb"):
        out["sm " + ref if ref == "Theta" else ref] = [r[ref] for r in m4]
    return out


def rule_lines(table: pd.DataFrame) -> list[str]:
    """Each combination's OWA difference to the default per origin (bootstrap se) and the
    verdict of the first rule."""
    present = set(table["method"])
    lines = []
    for label in COMBINATIONS:
        if label == DEFAULT or label not in present:
            continue
        diffs = paired_differences(table, label, DEFAULT)
        passes = all(point < -RULE_SE * se for _, point, se in diffs)
        cells = "  ".join(f"@{o} {point:+.4f} ({se:.4f})" for o, point, se in diffs)
        lines.append(f"   {label}: {cells}  -> {'PASSES' if passes else 'fails'}")
    return lines


def by_kind(table: pd.DataFrame, methods: list[str]) -> None:
    """OWA at each origin by kind of series for ``methods``."""
    for kind in ("seasonal", "trending", "short", "break"):
        for value in (True, False):
            part = table[table[kind] == value]
            owa = origins_table(part)
            n = len(part[["series", "origin"]].drop_duplicates())
            cells = [
                f"{m} " + "/".join(f"{owa.loc[m, f'owa@{b}']:.3f}" for b in ORIGINS)
                for m in methods
                if m in owa.index
            ]
            print(f"   {kind}={value} ({n} cuts): " + "; ".join(cells))


def main() -> None:
    """Compute (or load) the members on all cuts and print the round's tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/m3_fourth_round")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--members", nargs="*", help="only these candidates (default: all)")
    args = parser.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    series = all_series()
    names = dict.fromkeys(["ets", "arima", "theta", *(args.members or MEMBERS)])
    fits = {n: member_means(series, n, cache, args.jobs, MEMBERS) for n in names}
    table = scores(series, forecasts(series, fits, references(series, cache, args.jobs)))
    complete = table.groupby("method").size()
    full = complete.index[complete == complete.max()]
    print(f"## Fourth round: all M3 quarterly series, {len(series)} cuts at origins {ORIGINS}")
    print(f"   h = {H}; methods with a forecast on every cut (members that fail on some: left out)")
    print(origins_table(table[table["method"].isin(full)]).round(4).to_string())
    print(f"   OWA difference to the default at each origin (bootstrap se; rule: < -{RULE_SE} se):")
    print("\n".join(rule_lines(table)))
    print("   OWA by kind at origins " + " / ".join(map(str, ORIGINS)) + ":")
    combos = [c for c in COMBINATIONS if c in set(table["method"])]
    by_kind(table, [*combos, "sm Theta", "Comb", "ets", "arima", "theta"])
    ms = {n: np.mean(f["ms"]) for n, f in fits.items()}
    print("   mean ms per member (2 workers): " + ", ".join(f"{k} {v:.0f}" for k, v in ms.items()))


if __name__ == "__main__":
    main()
