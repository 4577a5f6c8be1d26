"""Rank intervals over joint draws: 184 clusters × the scheme's indicators × 2,000 draws (< 5 s).

Run: .venv/bin/python bench/evaluation_bench.py [--clusters N] [--draws D] [--repeats R]

Prints the median time of the vectorised path (draws of revisions, Dirichlet weights and
missing-data rules → scores → ranks → intervals and ahead-of-next shares, as ``clusterlib
evaluate`` runs it) and of a reference measured in the same run: the same draws scored and
ranked one at a time in a Python loop.
"""

from __future__ import annotations

import argparse
import statistics
import timeit

import numpy as np
import pandas as pd

from clusterlib import paths
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.evaluation.scoring import fill_missing, normalise, score_all
from clusterlib.evaluation.uncertainty import (
    ahead_of_next,
    draw_inputs,
    draw_ranks,
    rank_interval,
)


def median_seconds(function, repeats: int) -> float:
    """Median wall time of ``repeats`` calls of ``function()`` (standard library ``timeit``)."""
    return statistics.median(timeit.repeat(function, number=1, repeat=repeats))


def vectorised(values: np.ndarray, scheme, n_draws: int) -> None:
    """Draw inputs, score and rank every draw at once, intervals and ahead-of-next shares."""
    _, composite, _ = score_all(values, scheme)
    provincial = np.ones(len(values), bool)
    draws = draw_inputs(values, scheme, n_draws, 0)
    rank_draws, _ = draw_ranks(draws, scheme, provincial, np.full(len(values), np.nan))
    rank_interval(rank_draws, scheme.uncertainty.level)
    ahead_of_next(rank_draws, np.argsort(-composite))


def loop(values: np.ndarray, scheme, n_draws: int) -> None:
    """Reference: the same draws scored and ranked one at a time."""
    _, composite, _ = score_all(values, scheme)
    draws = draw_inputs(values, scheme, n_draws, 0)
    rank_draws = []
    for drawn, weights, rule in zip(draws.values, draws.weights, draws.rules, strict=True):
        raw = normalise(drawn, scheme.directions, scheme.normalisation, scheme.goals)
        scores = fill_missing(raw, scheme, str(rule))
        rank_draws.append(pd.Series(-(scores @ weights)).rank(method="min"))
    rank_interval(np.array(rank_draws), scheme.uncertainty.level)
    ahead_of_next(np.array(rank_draws), np.argsort(-composite))


def main() -> None:
    """Print both timings, their ratio and the target."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clusters", type=int, default=184)
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    scheme = load_scheme(paths.PARAMS / "evaluation_henan.yaml")
    rng = np.random.default_rng(2019)
    values = rng.lognormal(3.0, 1.0, size=(args.clusters, len(scheme.indicators)))
    values[rng.random(values.shape) < 0.01] = np.nan  # a few missing indicators
    fast = median_seconds(lambda: vectorised(values, scheme, args.draws), args.repeats)
    slow = median_seconds(lambda: loop(values, scheme, args.draws), max(1, args.repeats // 2))
    size = f"{args.clusters} clusters × {len(scheme.indicators)} indicators × {args.draws:,} draws"
    print(f"{size}, median of {args.repeats} runs")
    print(f"vectorised  {fast:7.3f} s   (target < 5 s)")
    print(f"loop (ref.) {slow:7.3f} s   ratio {slow / fast:,.0f}× faster vectorised")


if __name__ == "__main__":
    main()
