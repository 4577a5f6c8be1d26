"""Size and power of the goal tests, over many seeds (prints tables; takes a few minutes).

1. HAC test on simulated AR(1)/MA(3) gaps: rejection rate at 5 % with the ``ar1`` (sieve
   bootstrap) and textbook ``t`` references.
2. Historical beat-the-city test on the demo generator's planted premiums
   (``clusterlib.demo.make_demo``): share of clusters flagged (Holm-adjusted p < 0.05) by
   planted premium; clusters planted equal to the city give the size, +3 pp the power.
3. Forward probability (``clusterlib.simulate``) on fewer seeds: mean probability of beating the
   city by planted premium, share "on track", and the Brier score against the realised year.

Usage: ``python bench/goal_size_power.py [--seeds 200] [--forward-seeds 10] [--window 20]``
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.arima_process import ArmaProcess

from clusterlib.demo import make_demo
from clusterlib.goal_tests import beat_city_history, hac_mean_test
from clusterlib.goals import evaluate_goals, load_catalogue, load_settings
from clusterlib.panel import as_of, build_panel
from clusterlib.records import with_defaults
from clusterlib.simulate import simulate
from clusterlib.validate import typed_records

AS_OF = pd.Period("2019Q2", freq="Q-DEC")
INDICATORS = ("industry_va", "fai")


def hac_size(n_series: int) -> pd.DataFrame:
    """Rejection rate at 5 % of the HAC test on zero-mean series, by error process and reference."""
    rng = np.random.default_rng(2019)
    processes = {
        "iid": ArmaProcess([1.0], [1.0]),
        "AR(1) phi=0.5": ArmaProcess([1.0, -0.5], [1.0]),
        "AR(1) phi=0.8": ArmaProcess([1.0, -0.8], [1.0]),
        "MA(3) (y/y overlap)": ArmaProcess([1.0], [1.0, 1.0, 1.0, 1.0]),
    }
    rows = []
    for n in (20, 32):
        for name, process in processes.items():
            draws = process.generate_sample((n_series, n), axis=1, burnin=100, distrvs=rng.normal)
            for reference in ("ar1", "t"):
                p = [
                    hac_mean_test(x, 4, reference=reference, seed=i)["p_value"]
                    for i, x in enumerate(draws)
                ]
                rows.append(
                    {
                        "n": n,
                        "errors": name,
                        "reference": reference,
                        "size": np.mean(np.array(p) < 0.05),
                    }
                )
    return pd.DataFrame(rows).pivot(index=["n", "errors"], columns="reference", values="size")


def demo_panel(seed: int) -> tuple[pd.DataFrame, dict]:
    """The demo panel (all quarters to 2019Q4) and its planted premiums."""
    records, truth = make_demo(seed)
    typed = typed_records(with_defaults(records.astype({"value": str, "synthetic": str})))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_panel(typed), truth.premiums


def historical(seeds: int, settings: dict) -> pd.DataFrame:
    """One row per seed, indicator and cluster: planted premium, p-value, adjusted p-value."""
    pieces = []
    for seed in range(seeds):
        panel, premiums = demo_panel(seed)
        for indicator in INDICATORS:
            planted = premiums[indicator]
            table = beat_city_history(panel, indicator, list(planted), AS_OF, settings)
            pieces.append(table.assign(seed=seed, indicator=indicator, premium=pd.Series(planted)))
    return pd.concat(pieces).rename_axis("region").reset_index()


def forward(seeds: int, settings: dict, n_paths: int) -> pd.DataFrame:
    """Forward probabilities at 2019Q2 and the realised 2019 outcome, per seed and cluster."""
    catalogue = load_catalogue()
    catalogue = catalogue[
        catalogue["id"].isin(["va_growth_each_cluster", "fai_growth_each_cluster"])
    ]
    pieces = []
    for seed in range(seeds):
        panel, premiums = demo_panel(seed)
        cut = as_of(panel[panel["indicator"].isin(INDICATORS)], AS_OF)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            paths = simulate(cut, h=2, n_paths=n_paths, seed=seed, progress=False)
        ahead = evaluate_goals(cut, paths, None, catalogue, 2019, AS_OF, settings)
        realised = evaluate_goals(panel, None, None, catalogue, 2019, "2019Q4", settings)
        ahead["met"] = (realised["status"] == "met").to_numpy()
        ahead["indicator"] = ahead["metric"].str.split(".").str[0]
        ahead["premium"] = [
            premiums[i][r] for i, r in zip(ahead["indicator"], ahead["scope"], strict=True)
        ]
        pieces.append(ahead.assign(seed=seed))
    return pd.concat(pieces, ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--forward-seeds", type=int, default=10)
    parser.add_argument("--paths", type=int, default=500)
    parser.add_argument("--window", type=int, default=None, help="HAC window (default: settings)")
    parser.add_argument("--hac-series", type=int, default=1000)
    args = parser.parse_args()
    settings = load_settings()
    if args.window:
        settings["hac_window"] = args.window
    pd.set_option("display.width", 120)

    start = time.perf_counter()
    print(f"1. HAC test size at 5 % ({args.hac_series} zero-mean series each, maxlags 4)")
    print(
        hac_size(args.hac_series).round(3).to_string(),
        f"\n   [{time.perf_counter() - start:.0f} s]\n",
    )

    start = time.perf_counter()
    table = historical(args.seeds, settings)
    flagged = table.assign(raw=table["p_value"] < 0.05, holm=table["p_adjusted"] < 0.05)
    summary = flagged.groupby(["indicator", "premium"])[["raw", "holm"]].mean()
    summary["clusters x seeds"] = flagged.groupby(["indicator", "premium"]).size()
    print(
        f"2. Historical test on make_demo, {args.seeds} seeds, window {settings['hac_window']} "
        f"quarters to {AS_OF}, {settings['correction']} across clusters: share flagged"
    )
    print(summary.round(3).to_string())
    nulls = flagged[flagged["premium"] <= 0]
    fwer = nulls.groupby(["seed", "indicator"])["holm"].any().groupby("indicator").mean()
    print("   family-wise error (any cluster with premium <= 0 flagged):", fwer.round(3).to_dict())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")

    start = time.perf_counter()
    ahead = forward(args.forward_seeds, settings, args.paths)
    ahead["on_track"] = ahead["probability"] >= settings["on_track"]
    by = ahead.groupby(["indicator", "premium"])
    result = by[["probability", "met", "on_track"]].mean().assign(n=by.size())
    brier = ((ahead["probability"] - ahead["met"]) ** 2).groupby(ahead["indicator"]).mean()
    print(
        f"3. Forward probability at {AS_OF} ({args.forward_seeds} seeds, {args.paths} paths): "
        "mean probability, share met at year end, share on track"
    )
    print(result.round(3).to_string())
    print(
        "   Brier score:", brier.round(3).to_dict(), f"\n   [{time.perf_counter() - start:.0f} s]"
    )


if __name__ == "__main__":
    main()
