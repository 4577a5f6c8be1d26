"""Size and power of the goal tests, over many seeds (prints tables; takes a few minutes).

1. HAC test on simulated zero-mean series (AR(1), MA(3), AR(1) + noise): rejection rate at 5 %
   for each single-series reference of ``hac_mean_test``.
2. Historical beat-the-city test on the demo generator's planted premiums
   (``clusterlib.demo.panel.make_demo``), for each reference (``pooled`` pools the AR(1) coefficient
   over the 12 clusters of a goal): share of clusters flagged raw and after the correction, by
   planted premium; clusters planted equal to the city give the size, +3 pp the power.
3. Forward probability (``forecasting.simulate``) on fewer seeds: mean probability of beating the
   city by planted premium, share "on track", and the Brier score against the realised year.

2b. The same test with the default reference, by planted premium (a power curve), which
   also gives its size on many more null clusters.

Usage: ``python bench/goal_size_power.py [--seeds 200] [--curve-seeds 100] [--forward-seeds 10]
[--hac-series 500]``
(``0`` skips a part).
"""

from __future__ import annotations

import argparse
import time
import warnings
from itertools import product

import numpy as np
import pandas as pd
from statsmodels.tsa.arima_process import ArmaProcess

from clusterlib.demo.panel import DEFAULT_PREMIUMS, make_demo
from clusterlib.forecasting.simulate import simulate
from clusterlib.goals.catalogue import load_catalogue, load_settings
from clusterlib.goals.evaluation import evaluate_goals
from clusterlib.goals.hac import hac_mean_test
from clusterlib.goals.history import beat_city_history
from clusterlib.inputs.panel import as_of, build_panel
from clusterlib.inputs.records import with_defaults
from clusterlib.inputs.validation import typed_records

AS_OF = pd.Period("2019Q2", freq="Q-DEC")
INDICATORS = ("industry_va", "fai")
SINGLE_REFERENCES = ("ar1", "arp", "fixedb", "block", "t")  # "pooled" = "ar1" for one series
#: (reference, maxlags) pairs compared on the demo; maxlags None = the settings' value
DEMO_CANDIDATES = [(r, None) for r in ("pooled", *SINGLE_REFERENCES)] + [("pooled", 0)]
#: the clusters the demo plants above the city, and the premiums (pp) table 2b plants them at;
#: each indicator's steps are in units of about 0.45 sd of its quarterly gap
AHEAD = {
    indicator: [region for region, premium in DEFAULT_PREMIUMS[indicator].items() if premium > 0]
    for indicator in INDICATORS
}
POWER_GRID = {"industry_va": [1.0, 2.0, 3.0, 4.0], "fai": [3.0, 6.0, 9.0, 12.0]}


def hac_size(n_series: int, maxlags: int) -> pd.DataFrame:
    """Rejection rate at 5 % of the HAC test on zero-mean series, by error process and reference."""
    rng = np.random.default_rng(2019)
    processes = {
        "iid": ([1.0], [1.0]),
        "AR(1) phi=0.5": ([1.0, -0.5], [1.0]),
        "AR(1) phi=0.8": ([1.0, -0.8], [1.0]),
        "MA(3) (y/y overlap)": ([1.0], [1.0, 1.0, 1.0, 1.0]),
    }
    rows = []
    for n in (20, 32):
        for name, (ar, ma) in processes.items():
            draws = ArmaProcess(ar, ma).generate_sample(
                (n_series, n), axis=1, burnin=100, distrvs=rng.normal
            )
            rows += _rejections(draws, maxlags, {"n": n, "errors": name})
        # the demo's gaps: AR(1) sd 2, phi 0.4, plus independent noise sd 1 (ARMA(1,1))
        ar1 = ArmaProcess([1.0, -0.4], [1.0]).generate_sample(
            (n_series, n), axis=1, burnin=100, distrvs=rng.normal, scale=2.0 * np.sqrt(0.84)
        )
        rows += _rejections(
            ar1 + rng.normal(size=(n_series, n)), maxlags, {"n": n, "errors": "AR(1) 0.4 + noise"}
        )
    return pd.DataFrame(rows).pivot(index=["n", "errors"], columns="reference", values="size")


def _rejections(draws: np.ndarray, maxlags: int, labels: dict) -> list[dict]:
    """One row per single-series reference: share of ``draws`` rejected at 5 %."""
    rows = []
    for reference in SINGLE_REFERENCES:
        p = [
            hac_mean_test(x, maxlags, reference=reference, seed=i)["p_value"]
            for i, x in enumerate(draws)
        ]
        rows.append(labels | {"reference": reference, "size": np.mean(np.array(p) < 0.05)})
    return rows


def demo_panel(seed: int, premiums: dict | None = None) -> tuple[pd.DataFrame, dict]:
    """The demo panel (all quarters to 2019Q4) and its planted premiums."""
    records, truth = make_demo(seed, premiums, indicators=[*INDICATORS])
    typed = typed_records(with_defaults(records.astype({"value": str, "synthetic": str})))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build_panel(typed), truth.premiums


def historical(seeds: int, settings: dict) -> pd.DataFrame:
    """One row per seed, candidate, indicator and cluster: planted premium, p-values."""
    pieces = []
    for seed in range(seeds):
        panel, premiums = demo_panel(seed)
        for (reference, maxlags), indicator in product(DEMO_CANDIDATES, INDICATORS):
            lags = settings["hac_maxlags"] if maxlags is None else maxlags
            chosen = settings | {"hac_reference": reference, "hac_maxlags": lags}
            planted = premiums[indicator]
            table = beat_city_history(panel, indicator, list(planted), AS_OF, chosen)
            pieces.append(
                table.assign(
                    seed=seed,
                    reference=f"{reference}, lags {lags}",
                    indicator=indicator,
                    premium=pd.Series(planted),
                )
            )
    return pd.concat(pieces).rename_axis("region").reset_index()


def historical_summary(table: pd.DataFrame, correction: str) -> pd.DataFrame:
    """Share flagged raw and after the correction, by indicator, premium and reference."""
    flagged = table.assign(raw=table["p_value"] < 0.05, corrected=table["p_adjusted"] < 0.05)
    nulls = flagged[flagged["premium"] <= 0]
    fwer = nulls.groupby(["seed", "indicator", "reference"])["corrected"].any()
    fwer = fwer.groupby(["indicator", "reference"]).mean()
    by = flagged[flagged["premium"] != flagged.groupby("indicator")["premium"].transform("min")]
    share = by.groupby(["indicator", "reference", "premium"])[["raw", "corrected"]].mean()
    wide = share.unstack("premium")
    wide.columns = [
        f"{'size' if p == 0 else 'power'} {kind.replace('corrected', correction)}"
        for kind, p in wide.columns
    ]
    return wide.assign(**{f"FWER {correction}": fwer})


def power_curve(seeds: int, settings: dict) -> pd.DataFrame:
    """Table 2b: share flagged by planted premium with the default reference, both indicators.

    For each step of :data:`POWER_GRID` the demo's four "ahead" clusters of each indicator are
    planted at that step's premium (the other eight keep theirs: six equal to the city, two
    below), so the Holm family looks as in table 2.
    """
    pieces = []
    for seed, step in product(range(seeds), range(len(POWER_GRID["industry_va"]))):
        planted = {
            indicator: dict.fromkeys(AHEAD[indicator], grid[step])
            for indicator, grid in POWER_GRID.items()
        }
        panel, premiums = demo_panel(seed, planted)
        for indicator in INDICATORS:
            table = beat_city_history(panel, indicator, list(premiums[indicator]), AS_OF, settings)
            table = table.assign(premium=pd.Series(premiums[indicator]), seed=seed, step=step)
            pieces.append(table.assign(indicator=indicator))
    table = pd.concat(pieces)
    table = table.assign(raw=table["p_value"] < 0.05, corrected=table["p_adjusted"] < 0.05)
    ahead = table[table["premium"] > 0].groupby(["indicator", "premium"])
    curve = ahead[["raw", "corrected"]].mean().assign(tests=ahead.size())
    nulls = table[table["premium"] == 0].groupby("indicator")
    size = nulls[["raw", "corrected"]].mean().assign(tests=nulls.size())
    size.index = pd.MultiIndex.from_tuples([(i, 0.0) for i in size.index])
    correction = settings["correction"]
    return pd.concat([size, curve]).sort_index().rename(columns={"corrected": correction})


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
    parser.add_argument("--curve-seeds", type=int, default=100)
    parser.add_argument("--forward-seeds", type=int, default=10)
    parser.add_argument("--paths", type=int, default=500)
    parser.add_argument("--window", type=int, default=None, help="HAC window (default: settings)")
    parser.add_argument("--hac-series", type=int, default=500)
    args = parser.parse_args()
    settings = load_settings()
    if args.window:
        settings["hac_window"] = args.window
    pd.set_option("display.width", 150)
    if args.hac_series:
        print_hac_size(args.hac_series, settings["hac_maxlags"])
    if args.seeds:
        print_historical(args.seeds, settings)
    if args.curve_seeds:
        print_power_curve(args.curve_seeds, settings)
    if args.forward_seeds:
        print_forward(args.forward_seeds, settings, args.paths)


def print_hac_size(n_series: int, maxlags: int) -> None:
    """Table 1."""
    start = time.perf_counter()
    print(f"1. HAC test size at 5 % ({n_series} zero-mean series each, maxlags {maxlags})")
    print(hac_size(n_series, maxlags).round(3).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


def print_historical(seeds: int, settings: dict) -> None:
    """Table 2."""
    start = time.perf_counter()
    table = historical(seeds, settings)
    print(
        f"2. Historical test on make_demo, {seeds} seeds, window {settings['hac_window']} "
        f"quarters to {AS_OF}, {settings['correction']} across 12 clusters: share flagged at 5 % "
        "(size: premium 0, power: +3 pp; FWER: any cluster with premium <= 0 flagged)"
    )
    print(historical_summary(table, settings["correction"]).round(3).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


def print_power_curve(seeds: int, settings: dict) -> None:
    """Table 2b."""
    start = time.perf_counter()
    reference = f"{settings['hac_reference']}, lags {settings['hac_maxlags']}"
    print(
        f"2b. Historical test ({reference}) by planted premium, {seeds} seeds per premium: share "
        "flagged at 5 % (premium 0: size; the four clusters planted ahead: power)"
    )
    print(power_curve(seeds, settings).round(3).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


def print_forward(seeds: int, settings: dict, n_paths: int) -> None:
    """Table 3."""
    start = time.perf_counter()
    ahead = forward(seeds, settings, n_paths)
    ahead["on_track"] = ahead["probability"] >= settings["on_track"]
    by = ahead.groupby(["indicator", "premium"])
    result = by[["probability", "met", "on_track"]].mean().assign(n=by.size())
    brier = ((ahead["probability"] - ahead["met"]) ** 2).groupby(ahead["indicator"]).mean()
    print(
        f"3. Forward probability at {AS_OF} ({seeds} seeds, {n_paths} paths): "
        "mean probability, share met at year end, share on track"
    )
    print(result.round(3).to_string())
    print(
        "   Brier score:", brier.round(3).to_dict(), f"\n   [{time.perf_counter() - start:.0f} s]"
    )


if __name__ == "__main__":
    main()
