"""Third round of issue #14 (part A): the peer's members next to ours, and new candidates.

Run from the project root (the peer's forecasts come from ``bench/research/peer_statsforecast.py``,
run once in a scratch environment; without ``--peer`` its rows are left out)::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/research/m3_third_round.py \
        --peer /tmp/peer.csv

Design subset only, at the three origins of ``bench/m3_benchmark.py`` (the competition's, 4
and 8 quarters earlier). Prints (1) sMAPE / MASE / OWA of every member and combination at
each origin, and their mean OWA; (2) each combination's OWA difference to the default at
each origin with a bootstrap standard error over series; (3) OWA by kind of series
(seasonal, trending, short, with a break; kinds at each cut) for our members beside the
peer's counterparts; (4) mean ms per member. Members' forecasts are cached per member in
``--cache`` (default /tmp/m3_third_round), so a new candidate costs only its own fits;
delete the folder after a change to the library.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import pickle
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Parallel, delayed

sys.path.insert(0, str(Path(__file__).parent.parent))  # bench/: the maintained m3_benchmark
sys.path.insert(0, str(Path(__file__).parent))
import m3_candidates as candidates
from m3_benchmark import (
    ORIGINS,
    H,
    at_origins,
    kinds,
    load_m3,
    m4_benchmarks,
    owa_of,
    score_rows,
)
from m3_benchmark import origins_table as all_origins_table

from clusterlib.forecasting.models import (
    Fit,
    Prepared,
    fit_arima,
    fit_ets_logs,
    fit_theta,
    prepare,
)

MEMBERS: dict[str, Callable[[Prepared, int], Fit]] = {
    "ets": fit_ets_logs,
    "arima": fit_arima,
    "theta": fit_theta,
    **candidates.THIRD_ROUND,
}
"""Member name → fit function; ours before the round first (``ets`` on the log scale for every
series), then the third round's candidates (the library's ETS member now:
``ets_levels_unless_trending_sa``)."""
OURS = ("ets", "arima", "theta")
PEER = {"ets": "AutoETS", "arima": "AutoARIMA", "theta": "Theta", "combo": "PeerMean"}
"""Our member → the peer's counterpart (statsforecast)."""


def member_means(
    series: list, name: str, cache: Path, n_jobs: int, members: dict | None = None
) -> dict:
    """One member's forecasts (log scale), in-sample residuals and ms on every cut; cached.

    ``members`` maps names to fit functions (default :data:`MEMBERS`)."""
    path = cache / f"{name}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    function = (members or MEMBERS)[name]
    out = Parallel(n_jobs=n_jobs)(delayed(_one)(function, s.train) for s in series)
    result = {"mean": [o[0] for o in out], "resid": [o[1] for o in out], "ms": [o[2] for o in out]}
    path.write_bytes(pickle.dumps(result))
    return result


def _one(function: Callable[[Prepared, int], Fit], train: np.ndarray) -> tuple:
    """Forecast, residuals and ms of one member on one cut (NaN forecast if it fails)."""
    start = time.perf_counter()
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            fit = function(prepare(train), H)
        mean, resid = np.asarray(fit.mean, float), fit.resid
    except Exception:  # a failed member counts as missing, as in the library
        mean, resid = np.full(H, np.nan), None
    return mean, resid, 1000 * (time.perf_counter() - start)


def references(series: list, cache: Path, n_jobs: int) -> list[dict]:
    """Naive2, Comb and statsmodels' Theta (M4 style) on every cut; cached."""
    path = cache / "m4.pkl"
    if not path.exists():
        out = Parallel(n_jobs=n_jobs)(delayed(m4_benchmarks)(s.train) for s in series)
        path.write_bytes(pickle.dumps(out))
    return pickle.loads(path.read_bytes())


def peer_forecasts(path: str | None, series: list) -> dict[str, list[np.ndarray]]:
    """The peer's level forecasts per model, in the order of ``series`` (empty if no file)."""
    if not path:
        return {}
    table = pd.read_csv(path).sort_values("h")
    grouped = {k: g["mean"].to_numpy() for k, g in table.groupby(["model", "unique_id"])}
    keys = [s.name + "@" + s.category.rsplit("@", 1)[1] for s in series]
    return {m: [grouped[(m, k)] for k in keys] for m in table["model"].unique()}


def combination(means: list[np.ndarray], weights: np.ndarray | None, levels: bool) -> np.ndarray:
    """Weighted mean of members' log forecasts, on the log or the level scale, as levels."""
    stack = np.vstack(means)
    ok = np.all(np.isfinite(stack), axis=1)
    w = np.ones(len(stack)) if weights is None else np.asarray(weights, float)
    w = np.where(ok & np.isfinite(w), w, 0.0)
    stack = np.where(ok[:, None], stack, 0.0)
    if levels:
        return w @ np.exp(stack) / w.sum()
    return np.exp(w @ stack / w.sum())


def inverse_mse(resids: list) -> np.ndarray:
    """Weights ∝ 1 / in-sample one-step MSE (residuals after the first eighth and the NaNs)."""
    mse = []
    for r in resids:
        late = np.asarray(r if r is not None else [np.nan], float)
        late = late[len(late) // 8 :]
        late = late[np.isfinite(late)]
        mse.append(np.mean(late**2) if len(late) else np.nan)
    return 1.0 / np.asarray(mse)


COMBINATIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "combo (former default)": (OURS, "logs"),
    "combo on levels": (OURS, "levels"),
    "combo inverse-MSE weights": (("ets", "arima", "theta_resid"), "inverse_mse"),
    "combo, M4 seasonality test": (("ets_m4test", "arima_m4test", "theta_m4test"), "logs"),
    "combo, multiplicative indices": (("ets_mult_idx", "arima_mult_idx", "theta_mult_idx"), "logs"),
    "combo, ETS damped AICc on levels": (("ets_damped_aicc_levels", "arima", "theta"), "logs"),
    "combo, SARIMA by AICc": (("ets", "sarima_aicc", "theta"), "logs"),
    "combo, ETS(A,Ad,A) on levels": (("ets_levels_AAdA", "arima", "theta"), "logs"),
    "combo, ETS error by AICc on levels": (("ets_levels_error_aicc", "arima", "theta"), "logs"),
    "combo, ETS season by AICc on levels": (("ets_levels_season_aicc", "arima", "theta"), "logs"),
    "combo, ETS(M,Ad,M) on levels": (("ets_levels_MAdM", "arima", "theta"), "logs"),
    "combo, ETS damped AICc on levels, SARIMA by AICc": (
        ("ets_damped_aicc_levels", "sarima_aicc", "theta"),
        "logs",
    ),
    "combo, ETS scale by AICc": (("ets_scale_aicc", "arima", "theta"), "logs"),
    "combo, ETS scale by AICc, additive errors": (("ets_scale_aicc_add", "arima", "theta"), "logs"),
    "combo, ETS season by AICc on logs": (("ets_log_season_aicc", "arima", "theta"), "logs"),
    "combo, ETS scale by hold-out": (("ets_scale_by_holdout", "arima", "theta"), "logs"),
    "combo, ETS on levels unless trending": (
        ("ets_levels_unless_trending", "arima", "theta"),
        "logs",
    ),
    "combo, ETS on levels unless trending (adjusted) = default now": (
        ("ets_levels_unless_trending_sa", "arima", "theta"),
        "logs",
    ),
    "combo, ARIMA on levels (non-seasonal)": (("ets", "arima_levels", "theta"), "logs"),
    "combo, seasonality test at 80%": (
        ("ets_season80", "arima_season80", "theta_season80"),
        "logs",
    ),
    "combo, seasonality test at 95%": (
        ("ets_season95", "arima_season95", "theta_season95"),
        "logs",
    ),
    "mean(ets, ETS error by AICc on levels, arima, theta)": (
        ("ets", "ets_levels_error_aicc", "arima", "theta"),
        "logs",
    ),
    "mean(ets, ETS damped AICc on levels, arima, theta)": (
        ("ets", "ets_damped_aicc_levels", "arima", "theta"),
        "logs",
    ),
    "combo, ETS damped AICc on levels, combined on levels": (
        ("ets_damped_aicc_levels", "arima", "theta"),
        "levels",
    ),
}
"""Label → (members, how): ``logs`` / ``levels`` equal weights on that scale, ``inverse_mse``."""


def forecasts(series: list, fits: dict, m4: list, peer: dict) -> dict[str, list[np.ndarray]]:
    """Level forecasts of every member, combination, reference and peer model per cut."""
    out = {name: [np.exp(m) for m in f["mean"]] for name, f in fits.items()}
    for label, (names, how) in COMBINATIONS.items():
        rows = []
        for i in range(len(series)):
            means = [fits[n]["mean"][i] for n in names]
            w = inverse_mse([fits[n]["resid"][i] for n in names]) if how == "inverse_mse" else None
            rows.append(combination(means, w, how == "levels"))
        out[label] = rows
    for ref in ("Naive2", "Theta", "Comb"):
        out["sm " + ref if ref == "Theta" else ref] = [r[ref] for r in m4]
    out.update({f"peer {k}": v for k, v in peer.items()})
    return out


def scores(series: list, fc: dict[str, list[np.ndarray]]) -> pd.DataFrame:
    """sMAPE and MASE of every method on every cut, with the cut's origin and kinds."""
    rows = []
    for i, s in enumerate(series):
        kind = {**kinds(s.train), "origin": int(s.category.rsplit("@", 1)[1])}
        rows.extend(score_rows(s, {method: values[i] for method, values in fc.items()}, kind))
    return pd.DataFrame(rows)


def origins_table(table: pd.DataFrame) -> pd.DataFrame:
    """OWA at each origin, mean OWA, and sMAPE / MASE at origin 0 (methods on every cut)."""
    cols = [f"owa@{b}" for b in ORIGINS] + ["owa_mean", "smape@0", "mase@0"]
    return all_origins_table(table)[cols]


def paired_se(table: pd.DataFrame, method: str, reference: str, draws: int = 1000) -> str:
    """OWA difference of ``method`` minus ``reference`` at each origin with its bootstrap
    standard error (series resampled, seed 0), as ``@0 -0.019 (0.006)`` per origin."""
    diffs = paired_differences(table, method, reference, draws)
    return "  ".join(f"@{o} {point:+.3f} ({se:.3f})" for o, point, se in diffs)


def paired_differences(
    table: pd.DataFrame, method: str, reference: str, draws: int = 1000
) -> list[tuple[int, float, float]]:
    """(origin, OWA of ``method`` minus ``reference``, bootstrap standard error) per origin
    (series resampled, seed 0)."""
    rng = np.random.default_rng(0)
    cells = []
    for origin, g in table.groupby("origin"):
        wide = g.pivot_table(index="series", columns="method", values=["smape", "mase"])
        wide = wide.dropna(subset=[(m, k) for m in ("smape", "mase") for k in (method, reference)])
        picks = rng.integers(0, len(wide), size=(draws, len(wide)))
        diff = owa_of(wide, method, picks) - owa_of(wide, reference, picks)
        full = np.arange(len(wide))
        point = owa_of(wide, method, full) - owa_of(wide, reference, full)
        cells.append((int(origin), float(point), float(diff.std())))
    return cells


def by_kind(table: pd.DataFrame) -> None:
    """OWA by kind at each origin: our members and combination beside the peer's."""
    pairs = [(o, f"peer {p}") for o, p in PEER.items()]
    pairs = [(("combo (former default)" if o == "combo" else o), p) for o, p in pairs]
    present = set(table["method"])
    for kind in ("seasonal", "trending", "short", "break"):
        for value in (True, False):
            part = table[table[kind] == value]
            owa = origins_table(part)
            n = len(part[["series", "origin"]].drop_duplicates())
            cells = []
            for ours, theirs in pairs:
                if theirs in present:
                    a = "/".join(f"{owa.loc[ours, f'owa@{b}']:.3f}" for b in ORIGINS)
                    c = "/".join(f"{owa.loc[theirs, f'owa@{b}']:.3f}" for b in ORIGINS)
                    cells.append(f"{ours.split(' ')[0]} {a} vs {theirs[5:]} {c}")
            print(f"   {kind}={value} ({n} cuts): " + "; ".join(cells))


def main() -> None:
    """Compute (or load) every member on the design cuts and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", help="CSV written by bench/research/peer_statsforecast.py")
    parser.add_argument("--cache", default="/tmp/m3_third_round")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--members", nargs="*", help="only these members (default: all)")
    args = parser.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    series = at_origins(load_m3("design"))
    names = args.members or list(MEMBERS)
    fits = {n: member_means(series, n, cache, args.jobs) for n in dict.fromkeys([*OURS, *names])}
    fc = forecasts(
        series, fits, references(series, cache, args.jobs), peer_forecasts(args.peer, series)
    )
    table = scores(series, fc)
    print(f"## Third round: M3 design subset, {len(series)} cuts at origins {ORIGINS}, h = {H}")
    print(origins_table(table).round(3).to_string())
    reference = "combo (former default)"
    print("   OWA difference to the default at each origin (bootstrap se over series):")
    for method in [m for m in COMBINATIONS if m != reference] + ["peer PeerMean"]:
        if method in set(table["method"]):
            print(f"   {method}: {paired_se(table, method, reference)}")
    print("   OWA by kind at origins " + " / ".join(map(str, ORIGINS)) + ", ours vs the peer's:")
    by_kind(table)
    ms = {n: np.mean(f["ms"]) for n, f in fits.items()}
    print("   mean ms per member (2 workers): " + ", ".join(f"{k} {v:.0f}" for k, v in ms.items()))


if __name__ == "__main__":
    main()
