"""Size and power of the goal tests, over many seeds (prints tables; takes minutes).

1. HAC test on simulated zero-mean series (AR(1), MA(3), AR(1) + noise): rejection rate at 5 %
   for each single-series reference of ``hac_mean_test``.
2. Historical beat-the-city test on the demo generator's planted premiums
   (``clusterlib.demo.panel.make_demo``), for each reference (``pooled`` pools the AR(1) coefficient
   over the 12 clusters of a goal): share of clusters flagged raw and after the correction, by
   planted premium; clusters planted equal to the city give the size, +3 pp the power.
2b. The same test with the default reference, by planted premium (a power curve).
2c. The default test's size on the demo's own null clusters, with a seed-clustered interval.
3. Forward probability (``forecasting.simulate``) on the demo: mean probability of beating the
   city by planted premium, share "on track", and the Brier score against the realised year.
4. The generator family (``clusterlib.demo.growth_family``, issue #16): size (Wilson 95 % CI)
   and power at +3 / +6 pp, raw and corrected, of each candidate test in each cell.
4e. The default test on the base cell scaled to each indicator, by premium: the smallest
   premium detected with power 0.8, raw and after the correction (``detectable_premium_pp``
   in params/goals.yaml holds the corrected one, which the bulletin decides by).
4f. The all-clusters goal: a Driscoll–Kraay panel test of the clusters' mean gap (Student's
   t, or the settings' reference) against the test of the clusters' total, size and power.
5. Calibration of the forward probability on real data: will Guangdong / Hubei beat the
   national industrial value-added growth this year (at Q1–Q3 of each year)? Reliability table,
   the same by status and for other status cut-offs, the effect of widening the simulated
   draws, Brier score against the base rate. 5b: the same on the family. Both score the
   published probability, shrunk towards 0.5 by the settings' ``probability_shrink``, and
   print the scores of other shrinks (``goals.recalibration``).
5c. The shrink fitted (maximum likelihood) on DESIGN families of the same cells (seeds 100
   on, never those of 5b), with a family-bootstrap interval and the scores by cell: the
   value ``probability_shrink`` in params/goals.yaml holds; 5 and 5b are its checks.

Usage: ``python bench/goal_size_power.py [--hac-series 500] [--seeds 200] [--curve-seeds 100]
[--forward-seeds 10] [--family-seeds 40] [--mde-seeds 40] [--official-years 2006-2024]
[--forward-family-seeds 8] [--shrink-seeds 40] [--panel-seeds 60] [--family-cells "0.9;window 20"]
[--demo-null-seeds 150] [--family-candidates default] [--family-seed-offset 10000]``
(``0`` skips a part; by default tables 4, 4e and 5 run).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import warnings
from dataclasses import replace
from itertools import product
from types import SimpleNamespace

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.proportion import proportion_confint
from statsmodels.tsa.arima_process import ArmaProcess

from clusterlib import paths
from clusterlib.demo.growth_family import (
    BASE,
    LAST_QUARTER,
    N_CLUSTERS,
    FamilyCell,
    family_cells,
    make_family_panel,
)
from clusterlib.demo.growth_family import (
    CITY as FAMILY_CITY,
)
from clusterlib.demo.panel import DEFAULT_PREMIUMS, make_demo
from clusterlib.forecasting.simulate import simulate
from clusterlib.goals.catalogue import GoalSettings, load_catalogue, load_settings
from clusterlib.goals.forward import full_year_growth, probability, year_frame
from clusterlib.goals.hac import SIEVE_LAGS, hac_mean_test
from clusterlib.goals.history import (
    GAP_SERIES,
    beat_city_history,
    beat_city_test,
    panel_beat_city_test,
    series_gap,
)
from clusterlib.goals.progress import evaluate_goals
from clusterlib.goals.recalibration import fit_shrink, log_likelihood, shrink
from clusterlib.inputs.panel import as_of, build_panel, series
from clusterlib.inputs.periods import yoy_growth_to_index
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


def historical(seeds: int, settings: GoalSettings) -> pd.DataFrame:
    """One row per seed, candidate, indicator and cluster: planted premium, p-values."""
    pieces = []
    for seed in range(seeds):
        panel, premiums = demo_panel(seed)
        for (reference, maxlags), indicator in product(DEMO_CANDIDATES, INDICATORS):
            lags = settings.hac_maxlags if maxlags is None else maxlags
            chosen = replace(settings, hac_reference=reference, hac_maxlags=lags)
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


def power_curve(seeds: int, settings: GoalSettings) -> pd.DataFrame:
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
    correction = settings.correction
    return pd.concat([size, curve]).sort_index().rename(columns={"corrected": correction})


def print_demo_size(seeds: int, settings: GoalSettings) -> None:
    """Table 2c: the default test's size on the demo's own null clusters, seeds 0…seeds−1.

    The demo plants six clusters per indicator at the city's growth. They share the demo's
    common shock, so the 95 % interval is from the spread of the per-seed rejection shares
    (seeds are independent, a seed's clusters are not), next to the binomial one.
    """
    start = time.perf_counter()
    rows = []
    for seed in range(seeds):
        panel, premiums = demo_panel(seed)
        for indicator in INDICATORS:
            table = beat_city_history(panel, indicator, list(premiums[indicator]), AS_OF, settings)
            nulls = table.loc[[r for r, p in premiums[indicator].items() if p == 0], "p_value"]
            rows.append({"indicator": indicator, "seed": seed, "share": (nulls < 0.05).mean()})
    by = pd.DataFrame(rows).groupby("indicator")["share"]
    size, clustered = by.mean(), 1.96 * by.std() / np.sqrt(seeds)
    binomial = 1.96 * np.sqrt(size * (1 - size) / (6 * seeds))
    table = pd.DataFrame(
        {"size": size, "ci (seeds)": clustered, "ci (binomial)": binomial, "nulls": 6 * seeds}
    )
    print(
        f"2c. Default test ({settings.hac_series} {settings.hac_reference}) on make_demo's null "
        f"clusters, seeds 0–{seeds - 1}: size at 5 % ± half-width of the 95 % interval"
    )
    print(table.round(3).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


def forward(seeds: int, settings: GoalSettings, n_paths: int) -> pd.DataFrame:
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


# --- 4. the generator family (issue #16) ----------------------------------------------------

#: candidate tests: label → settings overrides (hac_series, hac_reference, hac_maxlags)
FAMILY_CANDIDATES = {
    "yoy pooled (old default)": {"hac_series": "yoy", "hac_reference": "pooled", "hac_maxlags": 4},
    "yoy t": {"hac_series": "yoy", "hac_reference": "t", "hac_maxlags": 4},
    "yoy kv b=0.5": {"hac_series": "yoy", "hac_reference": "kv", "hac_maxlags": 4},
    "yoy sieve": {"hac_series": "yoy", "hac_reference": "sieve", "hac_maxlags": 4},
    "yoy sieve lags 1-4 equal (before)": {
        "hac_series": "yoy", "hac_reference": "sieve", "hac_maxlags": 4,
        "sieve_lags": 4, "sieve_weights": "equal",
    },
    "annual t": {"hac_series": "annual", "hac_reference": "t", "hac_maxlags": 0},
    "quarterly pooled": {"hac_series": "quarterly", "hac_reference": "pooled", "hac_maxlags": 4},
    "quarterly kv b=0.5": {"hac_series": "quarterly", "hac_reference": "kv", "hac_maxlags": 4},
}  # fmt: skip
#: planted premiums of each family of 12 clusters (the rest are null): two at +3, two at +6 pp
FAMILY_PREMIUMS = (3.0, 3.0, 6.0, 6.0)
#: sd (pp) of a cluster's y/y growth gap to the city, by indicator: the demo's, which is
#: calibrated to the official figures (value added: AR(1) sd 2 + common 1; investment 6 + 3)
FORWARD_CELLS = ("growth only (chained index)", "y/y AR(1) 0.5")
INDICATOR_GAP_SD = {"industry_va": 2.2, "fai": 6.7}
MDE_GRID = {
    "industry_va": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
    "fai": [3.0, 6.0, 9.0, 12.0, 15.0, 18.0, 21.0, 24.0],
}


def family_gaps(
    cell: FamilyCell, seed: int, premiums: dict[int, float], kinds: tuple[str, ...] = GAP_SERIES
) -> tuple[dict, dict]:
    """Gap series of each kind in ``kinds`` for one family panel, and its planted premiums."""
    panel, truth = make_family_panel(cell, seed, premiums)
    # the generator's panel is complete: one pivot instead of a series() call per region
    wide = panel.pivot(index="period", columns="region", values="value")
    wide.index = pd.PeriodIndex(wide.index, freq="Q-DEC")
    values = {region: wide[region] for region in [*truth.premiums, FAMILY_CITY]}
    levels = cell.measure == "level"
    gaps = {
        kind: {
            region: series_gap(
                values[region], values[FAMILY_CITY], LAST_QUARTER, cell.window, kind, levels
            )
            for region in truth.premiums
        }
        for kind in kinds
    }
    return gaps, truth.premiums


def _planted(seed: int, premiums: tuple[float, ...]) -> dict[int, float]:
    """Clusters planted ahead in family ``seed``: a seeded draw, so scales vary across seeds."""
    chosen = np.random.default_rng(10_000 + seed).permutation(N_CLUSTERS)[: len(premiums)]
    return {int(c): p for c, p in zip(chosen, premiums, strict=True)}


def family_results(
    cells: list[FamilyCell],
    seeds: int,
    settings: GoalSettings,
    candidates: dict[str, dict],
    offset: int = 0,
) -> pd.DataFrame:
    """One row per cell, seed, candidate and cluster: planted premium, p-value raw and adjusted.

    Families ``offset`` … ``offset + seeds − 1`` (another offset gives an independent set,
    e.g. one to choose a change on and one to report it on).
    """
    rows = []
    kinds = tuple(dict.fromkeys(over["hac_series"] for over in candidates.values()))
    for cell, seed in product(cells, range(offset, offset + seeds)):
        gaps, premiums = family_gaps(cell, seed, _planted(seed, FAMILY_PREMIUMS), kinds)
        for label, overrides in candidates.items():
            chosen = replace(settings, **overrides)
            table = beat_city_test(gaps[chosen.hac_series], chosen)
            rows.append(
                table.assign(
                    cell=cell.name, seed=seed, candidate=label, premium=pd.Series(premiums)
                )
            )
    return pd.concat(rows).rename_axis("region").reset_index()


def family_summary(results: pd.DataFrame, correction: str) -> pd.DataFrame:
    """Size (with 95% CIs), power at +3 and +6 pp raw and corrected, by cell and candidate.

    ``ci_low``, ``ci_high``: Wilson's interval, as if the null clusters were independent;
    ``± families``: half-width of the interval from the spread of the per-family shares — a
    family's null clusters share its common shock and city, so their rejections are
    correlated and this interval is the honest one (wider).
    """
    flagged = results.assign(raw=results["p_value"] < 0.05, adj=results["p_adjusted"] < 0.05)
    keys = ["cell", "candidate"]
    nulls = flagged[flagged["premium"] == 0]
    size = nulls.groupby(keys, sort=False)["raw"].agg(["mean", "sum", "size"])
    low, high = proportion_confint(size["sum"], size["size"], alpha=0.05, method="wilson")
    by_family = nulls.groupby([*keys, "seed"], sort=False)["raw"].mean().groupby(keys, sort=False)
    clustered = 1.96 * by_family.std() / np.sqrt(by_family.size())
    table = pd.DataFrame(
        {
            "size": size["mean"], "ci_low": low, "ci_high": high,
            "± families": clustered, "nulls": size["size"],
        }
    )  # fmt: skip
    for premium in sorted(set(FAMILY_PREMIUMS)):
        ahead = flagged[flagged["premium"] == premium].groupby(keys, sort=False)
        table[f"power +{premium:g}"] = ahead["raw"].mean()
        table[f"power +{premium:g} {correction}"] = ahead["adj"].mean()
    return table


def print_family(
    seeds: int,
    settings: GoalSettings,
    candidates: dict[str, dict],
    only: str = "",
    offset: int = 0,
) -> pd.DataFrame:
    """Table 4: size and power of each candidate in each cell of the family.

    ``only``: cells whose name contains one of these ``;``-separated texts (all when empty);
    ``offset``: the first family seed.
    """
    start = time.perf_counter()
    cells = [c for c in family_cells() if not only or any(o in c.name for o in only.split(";"))]
    summary = family_summary(
        family_results(cells, seeds, settings, candidates, offset), settings.correction
    )
    print(
        f"4. Generator family (clusterlib.demo.growth_family), {seeds} families of 12 clusters per "
        f"cell (seeds {offset}–{offset + seeds - 1}; {8 * seeds} null clusters; 2 at +3 pp, 2 at "
        f"+6 pp), {settings.correction} across the 12; share flagged at 5 %"
    )
    for column in ("size", "power +3", "power +6"):
        wide = summary[column].unstack("candidate").reindex(index=[c.name for c in cells])
        print(f"\n4{'abc'[['size', 'power +3', 'power +6'].index(column)]}. {column} (raw)")
        print(wide[list(candidates)].round(3).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")
    return summary


def chosen_candidates(candidates: dict[str, dict], only: str, default: str) -> dict[str, dict]:
    """The candidates of table 4 named in ``only`` (``,``-separated labels; ``default``: the
    settings' test); all when ``only`` is empty.

    Raises
    ------
    SystemExit
        If a label is not a candidate (the known labels are listed).
    """
    if not only:
        return candidates
    wanted = [default if name.strip() == "default" else name.strip() for name in only.split(",")]
    unknown = [name for name in wanted if name not in candidates]
    if unknown:
        raise SystemExit(f"--family-candidates: unknown {unknown}; known: {list(candidates)}")
    return {name: candidates[name] for name in wanted}


def print_family_default(summary: pd.DataFrame, label: str) -> None:
    """Table 4d: the chosen test in every cell, with the size's 95 % CI and corrected power."""
    print(f"4d. {label}: size with Wilson 95 % CI, power raw and corrected, by cell")
    print(summary.xs(label.split(" (")[0], level="candidate").round(3).to_string(), "\n")


def mde_curve(seeds: int, settings: GoalSettings) -> pd.DataFrame:
    """Table 4e: the default test on the base cell scaled to each indicator, by planted premium.

    Four clusters of each family are planted at the premium, eight are null (so the family
    looks like the demo's); power raw and after the correction, and the size.
    """
    rows = []
    for indicator, grid in MDE_GRID.items():
        cell = replace(BASE, gap_sd=INDICATOR_GAP_SD[indicator])
        for premium, seed in product(grid, range(seeds)):
            kinds = (settings.hac_series,)
            gaps, premiums = family_gaps(cell, seed, _planted(seed, (premium,) * 4), kinds)
            table = beat_city_test(gaps[settings.hac_series], settings)
            rows.append(
                table.assign(indicator=indicator, planted=premium, premium=pd.Series(premiums))
            )
    table = pd.concat(rows)
    table = table.assign(raw=table["p_value"] < 0.05, adj=table["p_adjusted"] < 0.05)
    ahead = table[table["premium"] > 0].groupby(["indicator", "planted"])[["raw", "adj"]].mean()
    size = table[table["premium"] == 0].groupby(["indicator", "planted"])["raw"].mean()
    return ahead.assign(size=size).rename(columns={"adj": settings.correction})


def detectable_premium(curve: pd.Series, power: float = 0.8) -> float:
    """Smallest premium with ``power``: linear interpolation of a power curve indexed by premium."""
    above = curve[curve >= power]
    if above.empty:
        return np.nan
    upper = above.index[0]
    below = curve[curve.index < upper]
    if below.empty:
        return float(upper)
    lower = below.index[-1]
    weight = (power - curve[lower]) / (curve[upper] - curve[lower])
    return float(lower + weight * (upper - lower))


def print_mde(seeds: int, settings: GoalSettings) -> None:
    """Table 4e and the minimal detectable premium per indicator."""
    start = time.perf_counter()
    curve = mde_curve(seeds, settings)
    label = f"{settings.hac_series} {settings.hac_reference}"
    print(
        f"4e. Default test ({label}) on the base cell with each indicator's gap sd "
        f"{INDICATOR_GAP_SD}, {seeds} families per premium (4 clusters planted, 8 null)"
    )
    print(curve.round(3).to_string())
    for indicator in MDE_GRID:
        raw = detectable_premium(curve.loc[indicator, "raw"])
        adjusted = detectable_premium(curve.loc[indicator, settings.correction])
        print(
            f"   {indicator}: power 0.8 at +{raw:.1f} pp raw, +{adjusted:.1f} pp after "
            f"{settings.correction}"
        )
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


# --- 4f. the all-clusters goal: Driscoll–Kraay panel test against the total's own test ------

#: every cluster of a family planted at one premium: 0 (size), +1, +2 pp
PANEL_PREMIUMS = (0.0, 1.0, 2.0)
#: cells of table 4f (the all-clusters test), a subset of the family to keep the run short
PANEL_CELLS = (
    BASE.name, "quarterly AR(1) 0.9", "y/y AR(1) 0.0", "y/y AR(1) 0.8", "window 20",
    "normal innovations", "mixed quarterly AR(1) 0.3 / 0.85", "growth only (chained index)",
)  # fmt: skip


def panel_case(cell: FamilyCell, seed: int, premium: float, settings: GoalSettings) -> dict:
    """p-values of the all-clusters tests on one family with every cluster at ``premium``.

    ``DK t``: Driscoll–Kraay (``panel_beat_city_test``) with Student's t; ``DK sieve``: the
    same statistic with the settings' reference; ``total sieve``: the goal's current test,
    the clusters' summed levels against the city (levels only: indexes cannot be summed).
    """
    panel, truth = make_family_panel(cell, seed, dict.fromkeys(range(N_CLUSTERS), premium))
    wide = panel.pivot(index="period", columns="region", values="value")
    wide.index = pd.PeriodIndex(wide.index, freq="Q-DEC")
    levels = cell.measure == "level"
    regions = list(truth.premiums)

    def gap(values: pd.Series) -> pd.Series:
        return series_gap(values, wide[FAMILY_CITY], LAST_QUARTER, cell.window, "yoy", levels)

    gaps = {region: gap(wide[region]) for region in regions}
    textbook = replace(settings, hac_reference="t")
    total = np.nan
    if levels:
        total = beat_city_test({"all": gap(wide[regions].sum(axis=1))}, settings)["p_value"].iloc[0]
    return {
        "cell": cell.name, "premium": premium, "seed": seed,
        "DK t": panel_beat_city_test(gaps, textbook)["p_value"],
        "DK sieve": panel_beat_city_test(gaps, settings)["p_value"],
        "total sieve": total,
    }  # fmt: skip


def print_panel(seeds: int, settings: GoalSettings) -> None:
    """Table 4f: size (Wilson 95 % CI) and power of the all-clusters tests, by cell."""
    start = time.perf_counter()
    cells = [c for c in family_cells() if c.name in PANEL_CELLS]
    cases = pd.DataFrame(
        [
            panel_case(cell, seed, premium, settings)
            for cell, premium, seed in product(cells, PANEL_PREMIUMS, range(seeds))
        ]
    )
    tests = ["DK t", "DK sieve", "total sieve"]
    flagged = cases[tests].lt(0.05).where(cases[tests].notna())
    flagged[["cell", "premium"]] = cases[["cell", "premium"]]
    share = flagged.groupby(["cell", "premium"], sort=False)[tests].mean().unstack("premium")
    print(
        f"4f. All-clusters goal, {seeds} families per cell and premium (every cluster planted "
        "at 0, +1 or +2 pp): share flagged at 5 % (premium 0: size, Wilson 95 % CI ± about "
        f"{100 * 1.96 * np.sqrt(0.05 * 0.95 / seeds):.0f} pp)"
    )
    print(share.round(3).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


# --- 5. calibration of the forward probability -----------------------------------------------

OFFICIAL_IVA = {"china": "cn_iva_yoy_month.csv", "guangdong": "gd_iva_yoy_month.csv"}
OFFICIAL_IVA |= {"hubei": "hb_iva_yoy_month.csv"}
BINS = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]


def beat_probabilities(
    panel: pd.DataFrame,
    pairs: list[tuple[str, str]],
    year: int,
    as_of: pd.Period,
    n_paths: int,
    seed: int,
) -> pd.DataFrame:
    """Forward probability that each region's full-year growth beats the other's, and the outcome.

    The paths come from :func:`clusterlib.forecasting.simulate` fitted to the panel up to
    ``as_of``; the year is completed and its 累计 growth computed exactly as
    :func:`clusterlib.goals.progress.evaluate_goals` does (``year_frame``,
    ``full_year_growth``). The outcome is the same comparison on the full panel. ``draws``
    holds each case's simulated year-end gaps (pp), so other spreads can be scored later.
    """
    cut = panel[panel["period"] <= as_of]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paths = simulate(cut, h=4 - as_of.quarter, n_paths=n_paths, seed=seed, progress=False)
    growth, realised = {}, {}
    for region in {r for pair in pairs for r in pair}:
        actual = series(cut, region, paths["indicator"].iloc[0])
        full = series(panel, region, paths["indicator"].iloc[0])
        future = paths[paths["region"] == region].pivot(
            index="path", columns="period", values="value"
        )
        growth[region] = full_year_growth(year_frame(actual, future, year, as_of), actual)
        quarters = full[full.index.year == year]
        realised[region] = 100.0 * (quarters.sum() / full[full.index.year == year - 1].sum() - 1.0)
    cases = []
    for own, other in pairs:
        gap = (growth[own] - growth[other]).to_numpy()
        cases.append(
            {
                "region": own, "versus": other, "year": year, "as_of": str(as_of),
                "probability": probability(gap, ">", 0.0), "draws": gap,
                "met": bool(realised[own] > realised[other]),
            }
        )  # fmt: skip
    return pd.DataFrame(cases)


def official_panel() -> pd.DataFrame:
    """Panel of chained indexes of national, Guangdong and Hubei industrial value added.

    Quarterly y/y growth is the mean of the published single-month y/y growth rates of the
    quarter's months (January is not published from 2007 on; from 2013 February neither),
    an approximation: the bureaus publish no quarterly figure for the provinces.
    """
    pieces = []
    for region, name in OFFICIAL_IVA.items():
        raw = pd.read_csv(paths.OFFICIAL_CHINA / name, dtype={"period": str})
        monthly = pd.Series(
            raw["value"].to_numpy(float), index=pd.PeriodIndex(raw["period"], freq="M")
        )
        quarterly = monthly.groupby(monthly.index.asfreq("Q-DEC")).mean().loc["2000Q1":"2024Q4"]
        index = yoy_growth_to_index(quarterly)
        pieces.append(
            pd.DataFrame(
                {
                    "region": region,
                    "indicator": "industry_va",
                    "measure": "index",
                    "period": index.index,
                    "value": index.to_numpy(),
                    "unit": "index",
                    "synthetic": False,
                }
            )
        )
    return pd.concat(pieces, ignore_index=True)


def official_forward(first_year: int, last_year: int, n_paths: int) -> pd.DataFrame:
    """Will Guangdong (Hubei) beat the national growth this year? At Q1, Q2 and Q3 of each year."""
    panel = official_panel()
    pairs = [("guangdong", "china"), ("hubei", "china")]
    pieces = [
        beat_probabilities(
            panel, pairs, year, pd.Period(year=year, quarter=q, freq="Q-DEC"), n_paths, year
        )
        for year in range(first_year, last_year + 1)
        for q in (1, 2, 3)
    ]
    return pd.concat(pieces, ignore_index=True)


def forward_cells() -> list[FamilyCell]:
    """The family cells of tables 5b and 5c: the base cell and FORWARD_CELLS."""
    return [BASE, *(c for c in family_cells() if c.name in FORWARD_CELLS)]


def family_forward(
    cells: list[FamilyCell], seeds: int, n_paths: int, first: int = 0
) -> pd.DataFrame:
    """Forward probability at 2019Q2 that each family cluster beats the city in 2019; outcome.

    Families ``first`` to ``first + seeds - 1`` of each cell.
    """
    pieces = []
    as_of = LAST_QUARTER - 2
    for cell, seed in product(cells, range(first, first + seeds)):
        panel, truth = make_family_panel(cell, seed, _planted(seed, (-3.0, -3.0, 3.0, 3.0)))
        pairs = [(region, FAMILY_CITY) for region in truth.premiums]
        table = beat_probabilities(panel, pairs, LAST_QUARTER.year, as_of, n_paths, seed)
        premium = table["region"].map(truth.premiums)
        pieces.append(table.assign(cell=cell.name, seed=seed, premium=premium))
    return pd.concat(pieces, ignore_index=True)


def reliability(cases: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, float]]:
    """Reliability table (share true by probability bin) and Brier scores against the base rate."""
    binned = pd.cut(cases["probability"], BINS, include_lowest=True)
    table = cases.groupby(binned, observed=True).agg(
        cases=("met", "size"), mean_probability=("probability", "mean"), share_true=("met", "mean")
    )
    base = cases["met"].mean()
    scores = {
        "brier": float(((cases["probability"] - cases["met"]) ** 2).mean()),
        "brier_base_rate": float(base * (1 - base)),
        "base_rate": float(base),
        "cases": len(cases),
    }
    return table, scores


def status_reliability(
    cases: pd.DataFrame, settings: GoalSettings | SimpleNamespace
) -> pd.DataFrame:
    """Share of cases that came true by the status their probability gives (on track, ...)."""
    status = np.where(
        cases["probability"] >= settings.on_track,
        "on track",
        np.where(cases["probability"] >= settings.at_risk, "at risk", "off track"),
    )
    by = cases.groupby(status)
    return by.agg(cases=("met", "size"), mean_probability=("probability", "mean")).assign(
        share_true=by["met"].mean()
    )


#: spreads tried on the simulated year-end gaps (1: as simulated) and status cut-offs tried
SPREADS = (1.0, 1.25, 1.5, 2.0)
AT_RISK_GRID = (0.1, 0.2, 0.3)
ON_TRACK_GRID = (0.5, 0.6, 0.7)


def spread_scores(cases: pd.DataFrame) -> pd.DataFrame:
    """Brier score and the low tail's calibration with the draws widened around their median.

    A wider year-end spread is the usual fix for over-confident tail probabilities; this
    table measures whether it helps (``spread`` 1 = the probabilities as simulated).
    """
    rows = []
    for spread in SPREADS:
        widened = [np.median(d) + spread * (d - np.median(d)) for d in cases["draws"]]
        p = np.array([np.mean(d > 0) for d in widened])
        low = p < 0.1
        rows.append(
            {
                "spread": spread,
                "brier": float(np.mean((p - cases["met"]) ** 2)),
                "cases p<0.1": int(low.sum()),
                "mean p (p<0.1)": float(p[low].mean()),
                "share true (p<0.1)": float(cases["met"][low].mean()),
            }
        )
    return pd.DataFrame(rows).set_index("spread")


def band_grid(cases: pd.DataFrame) -> pd.DataFrame:
    """Share of cases that came true by status, for each pair of cut-offs (at_risk, on_track)."""
    rows = []
    for at_risk, on_track in product(AT_RISK_GRID, ON_TRACK_GRID):
        bands = status_reliability(cases, SimpleNamespace(at_risk=at_risk, on_track=on_track))
        row = {"at_risk": at_risk, "on_track": on_track}
        for status in ("off track", "at risk", "on track"):
            got = status in bands.index
            row[f"{status} true"] = bands.loc[status, "share_true"] if got else np.nan
            row[f"{status} n"] = int(bands.loc[status, "cases"]) if got else 0
        rows.append(row)
    return pd.DataFrame(rows).set_index(["at_risk", "on_track"])


#: shrinks towards 0.5 scored besides the settings' own (0: the raw share of paths)
SHRINKS = (0.0, 0.005, 0.01, 0.02, 0.05)
#: first seed of the design families the shrink is fitted on (5b uses seeds 0, 1, ...)
DESIGN_SEED = 100


def shrink_scores(cases: pd.DataFrame, shrinks: tuple[float, ...]) -> pd.DataFrame:
    """Brier score, log score and the tails' calibration of the raw probabilities shrunk by ε."""
    rows = []
    met = cases["met"].to_numpy(dtype=float)
    for eps in shrinks:
        p = shrink(cases["raw"].to_numpy(dtype=float), eps)
        low, high = p < 0.1, p > 0.9
        rows.append(
            {
                "shrink": eps,
                "brier": float(np.mean((p - met) ** 2)),
                "log score": log_likelihood(p, met),
                "low n": int(low.sum()),
                "low mean p": float(p[low].mean()),
                "low true": float(met[low].mean()),
                "high n": int(high.sum()),
                "high mean p": float(p[high].mean()),
                "high true": float(met[high].mean()),
            }
        )
    return pd.DataFrame(rows).set_index("shrink")


def published(cases: pd.DataFrame, settings: GoalSettings) -> pd.DataFrame:
    """Cases with ``probability`` as published (shrunk by the settings) and the ``raw`` share."""
    raw = cases["probability"]
    return cases.assign(raw=raw, probability=shrink(raw, settings.probability_shrink))


def print_reliability(title: str, cases: pd.DataFrame, start: float, by_year: bool = False) -> None:
    """Print a reliability table, the same by status, spreads, cut-offs and Brier scores.

    ``by_year``: also a leave-one-year-out logistic map (the real data's middle, table 5).
    """
    settings = load_settings()
    cases = published(cases, settings)
    table, scores = reliability(cases)
    print(f"{title}; shrink {settings.probability_shrink}")
    print(table.round(3).to_string())
    print(f"   by status (cut-offs {settings.at_risk} / {settings.on_track}):")
    print(status_reliability(cases, settings).round(3).to_string())
    print("   widened draws (spread around the median, raw probabilities):")
    print(spread_scores(cases).round(3).to_string())
    print("   raw probabilities shrunk towards 0.5 by ε (low: p < 0.1, high: p > 0.9):")
    eps = tuple(sorted({*SHRINKS, settings.probability_shrink}))
    print(shrink_scores(cases, eps).round(4).to_string())
    print("   share true by status, other cut-offs:")
    print(band_grid(cases).round(3).to_string())
    if by_year:
        print("   logistic map on the logit, fitted leaving out each year (middle: raw 0.2–0.6):")
        print(leave_one_year_out(cases).round(3).to_string())
    print(
        f"   Brier {scores['brier']:.3f} vs {scores['brier_base_rate']:.3f} always saying the "
        f"base rate {scores['base_rate']:.3f} ({scores['cases']} cases) "
        f"[{time.perf_counter() - start:.0f} s]\n"
    )


def _logit(prob: pd.Series) -> pd.Series:
    """Log-odds of probabilities clipped to [0.001, 0.999] (0 and 1 of 500 paths stay finite)."""
    clipped = prob.clip(0.001, 0.999)
    return np.log(clipped / (1.0 - clipped))


def leave_one_year_out(cases: pd.DataFrame) -> pd.DataFrame:
    """A logistic map on the logit fitted to all years but one, scored on the year left out.

    A check of how far the real data's middle is from the family's, not a map to use: the
    cases of one year share the nation's growth, and those of nearby years the provinces'
    persistent leads, so the held-out years are not independent of the fitted ones.
    """
    x = _logit(cases["raw"])
    met = cases["met"].to_numpy(dtype=float)
    held_out = np.empty(len(cases))
    for year in cases["year"].unique():
        fit = (cases["year"] != year).to_numpy()
        model = sm.Logit(met[fit], sm.add_constant(x[fit].to_numpy())).fit(disp=0)
        held_out[~fit] = model.predict(sm.add_constant(x[~fit].to_numpy(), has_constant="add"))
    middle = ((cases["raw"] > 0.2) & (cases["raw"] <= 0.6)).to_numpy()
    rows = {}
    for label, p in (("published", cases["probability"].to_numpy()), ("held-out map", held_out)):
        rows[label] = {
            "brier": float(np.mean((p - met) ** 2)),
            "middle n": int(middle.sum()),
            "middle mean p": float(p[middle].mean()),
            "middle true": float(met[middle].mean()),
            "middle brier": float(np.mean((p[middle] - met[middle]) ** 2)),
        }
    return pd.DataFrame(rows).T


def shrink_interval(cases: pd.DataFrame, n_boot: int = 300) -> tuple[float, float]:
    """90 % interval of the fitted shrink, resampling whole families (their cases correlate)."""
    families = [g for _, g in cases.groupby(["cell", "seed"])]
    rng = np.random.default_rng(0)
    fits = []
    for _ in range(n_boot):
        sample = pd.concat([families[i] for i in rng.integers(len(families), size=len(families))])
        fits.append(fit_shrink(sample["probability"].to_numpy(), sample["met"].to_numpy()))
    low, high = np.quantile(fits, [0.05, 0.95])
    return float(low), float(high)


def print_design_shrink(cells: list[FamilyCell], seeds: int, n_paths: int) -> None:
    """Table 5c: the shrink fitted on design families (seeds from DESIGN_SEED on)."""
    start = time.perf_counter()
    cases = family_forward(cells, seeds, n_paths, first=DESIGN_SEED)
    eps = fit_shrink(cases["probability"].to_numpy(), cases["met"].to_numpy())
    low, high = shrink_interval(cases)
    print(
        f"5c. Shrink towards 0.5 fitted (maximum likelihood) on design families: seeds "
        f"{DESIGN_SEED}–{DESIGN_SEED + seeds - 1} of {len(cells)} cells, {len(cases)} cases"
    )
    print(f"   fitted shrink {eps:.4f} (90 % family-bootstrap interval {low:.4f}–{high:.4f})")
    cases = cases.assign(raw=cases["probability"])
    logit = _logit(cases["raw"]).to_numpy()
    model = sm.Logit(cases["met"].to_numpy(dtype=float), sm.add_constant(logit))
    intercept, slope = model.fit(disp=0).params
    print(f"   logistic map on the logit, same cases: intercept {intercept:.3f}, slope {slope:.3f}")
    print("   reliability of the raw shares:")
    print(reliability(cases)[0].round(3).to_string())
    grid = tuple(sorted({*SHRINKS, round(eps, 4)}))
    for cell, group in [*cases.groupby("cell"), ("all cells", cases)]:
        print(f"   {cell}:")
        print(shrink_scores(group, grid).round(4).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=0, help="table 2 (demo), e.g. 200")
    parser.add_argument("--curve-seeds", type=int, default=0, help="table 2b (demo), e.g. 100")
    parser.add_argument("--forward-seeds", type=int, default=0, help="table 3 (demo), e.g. 10")
    parser.add_argument("--paths", type=int, default=500)
    parser.add_argument("--window", type=int, default=None, help="HAC window (default: settings)")
    parser.add_argument("--hac-series", type=int, default=0, help="table 1, e.g. 500")
    parser.add_argument("--family-seeds", type=int, default=40, help="table 4: families per cell")
    parser.add_argument("--mde-seeds", type=int, default=40, help="table 4e: families per premium")
    parser.add_argument("--panel-seeds", type=int, default=0, help="table 4f, e.g. 60")
    parser.add_argument("--family-cells", default="", help="table 4: only cells naming these (;)")
    parser.add_argument(
        "--family-candidates", default="", help="table 4: only these labels (,), or default"
    )
    parser.add_argument("--family-seed-offset", type=int, default=0, help="table 4: first seed")
    parser.add_argument("--demo-null-seeds", type=int, default=0, help="table 2c, e.g. 150")
    parser.add_argument("--official-years", default="2006-2024", help="table 5: years, or 0")
    parser.add_argument("--forward-family-seeds", type=int, default=0, help="table 5b, e.g. 8")
    parser.add_argument("--shrink-seeds", type=int, default=0, help="table 5c, e.g. 40")
    args = parser.parse_args()
    settings = load_settings()
    if args.window:
        settings = replace(settings, hac_window=args.window)
    pd.set_option("display.width", 200)
    sys.stdout.reconfigure(line_buffering=True)  # tables appear as they are done
    gc.freeze()  # statsmodels' Holm correction calls gc.collect(): keep it cheap
    if args.hac_series:
        print_hac_size(args.hac_series, settings.hac_maxlags)
    if args.seeds:
        print_historical(args.seeds, settings)
    if args.curve_seeds:
        print_power_curve(args.curve_seeds, settings)
    if args.demo_null_seeds:
        print_demo_size(args.demo_null_seeds, settings)
    if args.forward_seeds:
        print_forward(args.forward_seeds, settings, args.paths)
    if args.family_seeds:
        default = _default_overrides(settings)
        labels = [label for label, over in FAMILY_CANDIDATES.items() if over == default]
        label = labels[0] if labels else "settings' test"
        candidates = FAMILY_CANDIDATES | ({} if labels else {label: default})
        candidates = chosen_candidates(candidates, args.family_candidates, label)
        summary = print_family(
            args.family_seeds, settings, candidates, args.family_cells, args.family_seed_offset
        )
        if label in candidates:
            print_family_default(summary, f"{label} (the settings' test)")
    if args.mde_seeds:
        print_mde(args.mde_seeds, settings)
    if args.panel_seeds:
        print_panel(args.panel_seeds, settings)
    if args.official_years != "0":
        start = time.perf_counter()
        first, last = (int(y) for y in args.official_years.split("-"))
        cases = official_forward(first, last, args.paths)
        print_reliability(
            f"5. Forward probability on real data: will Guangdong / Hubei beat the national "
            f"规上工业增加值 growth in the year? At Q1, Q2, Q3 of {first}–{last} "
            f"({args.paths} paths)",
            cases,
            start,
            by_year=True,
        )
    if args.forward_family_seeds:
        start = time.perf_counter()
        cells = forward_cells()
        cases = family_forward(cells, args.forward_family_seeds, args.paths)
        print_reliability(
            f"5b. Forward probability on the family at 2019Q2 ({len(cells)} cells, "
            f"{args.forward_family_seeds} families each, premiums -3, -3, +3, +3 pp, rest 0)",
            cases,
            start,
        )
    if args.shrink_seeds:
        cells = forward_cells()
        print_design_shrink(cells, args.shrink_seeds, args.paths)


def _default_overrides(settings: GoalSettings) -> dict:
    """The settings' own test, as a family candidate (sieve keys only when they differ)."""
    keys = ["hac_series", "hac_reference", "hac_maxlags"]
    sieve = {"sieve_lags": SIEVE_LAGS, "sieve_weights": "sd"}
    keys += [key for key, value in sieve.items() if getattr(settings, key) != value]
    return {key: getattr(settings, key) for key in keys}


def print_hac_size(n_series: int, maxlags: int) -> None:
    """Table 1."""
    start = time.perf_counter()
    print(f"1. HAC test size at 5 % ({n_series} zero-mean series each, maxlags {maxlags})")
    print(hac_size(n_series, maxlags).round(3).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


def print_historical(seeds: int, settings: GoalSettings) -> None:
    """Table 2."""
    start = time.perf_counter()
    table = historical(seeds, settings)
    print(
        f"2. Historical test on make_demo, {seeds} seeds, window {settings.hac_window} "
        f"quarters to {AS_OF}, {settings.correction} across 12 clusters: share flagged at 5 % "
        "(size: premium 0, power: +3 pp; FWER: any cluster with premium <= 0 flagged)"
    )
    print(historical_summary(table, settings.correction).round(3).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


def print_power_curve(seeds: int, settings: GoalSettings) -> None:
    """Table 2b."""
    start = time.perf_counter()
    reference = f"{settings.hac_reference}, lags {settings.hac_maxlags}"
    print(
        f"2b. Historical test ({reference}) by planted premium, {seeds} seeds per premium: share "
        "flagged at 5 % (premium 0: size; the four clusters planted ahead: power)"
    )
    print(power_curve(seeds, settings).round(3).to_string())
    print(f"   [{time.perf_counter() - start:.0f} s]\n")


def print_forward(seeds: int, settings: GoalSettings, n_paths: int) -> None:
    """Table 3."""
    start = time.perf_counter()
    ahead = forward(seeds, settings, n_paths)
    ahead["on_track"] = ahead["probability"] >= settings.on_track
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
