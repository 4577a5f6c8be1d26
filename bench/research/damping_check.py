"""A candidate member on the project's own kind of series: China's indices, the demo, the US.

Run from the project root::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/research/damping_check.py
    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/research/damping_check.py \
        --replace ets=ets_damped_aicc_levels
    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/research/damping_check.py \
        --replace ets_levels=ets_levels_error_aicc --combo ets,ets_levels,arima,theta
    .venv/bin/python bench/research/damping_check.py --export /tmp/real_folds.csv  # for the peer
    .venv/bin/python bench/research/damping_check.py --peer /tmp/peer_real.csv     # score the peer

The second round of issue #14 found one robust gain on the M3 series, the ETS member's
damping bounded at 0.95 instead of statsmodels' 0.98 (``models.ETS_DAMPING_MAX``); without
options this script backtests both bounds. With ``--replace MEMBER=CANDIDATE`` (repeatable)
it backtests the library as it is against the library with each named member replaced by a
candidate of ``bench/research/m3_candidates.py`` (the third and fourth rounds', ``CANDIDATES``;
a new member
name adds the candidate, and ``--combo`` sets the combination's members). Backtests run
at every origin of the data sets of ``bench/interval_calibration.py`` (China's growth-only
indices, US GDP and investment; every third demo flow series to save time), h = 8, and
print the mean MASE (scaled by the in-sample lag-4 MAE) of each replaced member (the ETS
member for the bounds) and of the combination; ``--export`` / ``--peer`` do the same for
the statsforecast peer (``bench/research/peer_statsforecast.py``). One process: the bound and
the members are
set on the module, which joblib workers would not see.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent.parent))  # bench/: the maintained m3_benchmark
sys.path.insert(0, str(Path(__file__).parent))
import m3_candidates
from interval_calibration import real_datasets

from clusterlib.forecasting import models
from clusterlib.forecasting.forecast import split_series

H = 8
BOUNDS = (0.98, 0.95)
CANDIDATES = {**m3_candidates.THIRD_ROUND, **m3_candidates.FOURTH_ROUND}
"""The candidates ``--replace`` can name (third and fourth rounds of issue #14)."""


def fold_mase(values: np.ndarray, future: np.ndarray, members: tuple) -> dict | None:
    """MASE of ``members`` and the combination at one origin (None for a fallback)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = models.fit_series(values, H, (*members, "combo"))
    if fit.fallback_reason:
        return None
    out = {}
    for name in (*members, "combo"):
        mean = np.exp(fit.fits[name].mean) if fit.log else fit.fits[name].mean
        out[name] = mase(values, future, mean)
    return out


def folds() -> list[tuple[str, str, np.ndarray, np.ndarray]]:
    """(data set, fold id ``series@cutoff``, history, next H values) of every backtest origin
    whose history the library can fit (no gaps, two years)."""
    out = []
    for name, (panel, first, last) in real_datasets().items():
        keyed = split_series(panel)
        for key, y in keyed[::3] if name == "demo" else keyed:
            for cutoff in pd.period_range(first, last, freq="Q"):
                future = y.reindex(pd.period_range(cutoff + 1, periods=H, freq="Q"))
                past = y[y.index <= cutoff].to_numpy(float)
                if models.unfittable_reason(past) is None:
                    uid = f"{name}|{'/'.join(key)}@{cutoff}"
                    out.append((name, uid, past, future.to_numpy(float)))
    return out


def mase(past: np.ndarray, future: np.ndarray, forecast: np.ndarray) -> float:
    """MAE over the observed future, scaled by the in-sample lag-4 MAE."""
    seen = np.isfinite(future)
    scale = np.mean(np.abs(past[4:] - past[:-4]))
    return float(np.mean(np.abs(future[seen] - forecast[seen])) / scale)


def backtest(setup: Callable[[], None], members: tuple) -> pd.DataFrame:
    """Mean MASE and number of origins per data set and model after ``setup()``."""
    saved = (models.ETS_DAMPING_MAX, dict(models.MODELS), models.COMBO_MEMBERS)
    setup()
    members = tuple(m for m in members if m in models.MODELS)
    rows = []
    try:
        for name, _, past, future in folds():
            scores = fold_mase(past, future, members)
            rows.extend({"data": name, "model": m, "mase": v} for m, v in (scores or {}).items())
    finally:
        models.ETS_DAMPING_MAX = saved[0]
        models.MODELS.clear()
        models.MODELS.update(saved[1])
        models.COMBO_MEMBERS = saved[2]
    return pd.DataFrame(rows).groupby(["data", "model"])["mase"].agg(["mean", "count"])


def export(path: str) -> None:
    """Write every fold's history (unique_id, ds, y) for bench/research/peer_statsforecast.py."""
    frames = [
        pd.DataFrame({"unique_id": uid, "ds": np.arange(len(past)), "y": past})
        for _, uid, past, _ in folds()
    ]
    pd.concat(frames, ignore_index=True).to_csv(path, index=False)


def peer_table(path: str) -> pd.DataFrame:
    """Mean MASE per data set of the peer's models (bench/research/peer_statsforecast.py)."""
    peer = pd.read_csv(path).sort_values("h")
    forecasts = {k: g["mean"].to_numpy() for k, g in peer.groupby(["model", "unique_id"])}
    rows = [
        {"data": name, "model": f"peer {model}", "mase": mase(past, future, forecasts[model, uid])}
        for name, uid, past, future in folds()
        for model in peer["model"].unique()
    ]
    return pd.DataFrame(rows).groupby(["data", "model"])["mase"].agg(["mean", "count"])


def bound_setup(bound: float) -> Callable[[], None]:
    """A setup that sets the ETS damping bound."""

    def setup() -> None:
        models.ETS_DAMPING_MAX = bound

    return setup


def replace_setup(replacements: dict[str, str], combo: tuple | None) -> Callable[[], None]:
    """A setup that puts the named candidates of bench/research/m3_candidates.py in the
    members' place
    (a new member name adds one) and, if given, sets the combination's members."""

    def setup() -> None:
        for member, candidate in replacements.items():
            models.MODELS[member] = CANDIDATES[candidate]
        if combo:
            models.COMBO_MEMBERS = combo

    return setup


def main() -> None:
    """Print the MASE table for each variant side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replace", action="append", default=[], metavar="MEMBER=CANDIDATE")
    parser.add_argument("--combo", help="the combination's members, comma-separated")
    parser.add_argument("--export", help="write the folds' histories to this CSV and stop")
    parser.add_argument(
        "--peer", help="score bench/research/peer_statsforecast.py's forecasts of them"
    )
    args = parser.parse_args()
    if args.export:
        export(args.export)
        return
    if args.peer:
        print(f"## The peer's models on the project's series, MASE at every origin, h = {H}")
        print(peer_table(args.peer).round(3).to_string())
        return
    if args.replace:
        pairs = dict(item.split("=", 1) for item in args.replace)
        members = tuple(pairs)
        combo = tuple(args.combo.split(",")) if args.combo else None
        label = "+".join(pairs.values()) + (f" combo({args.combo})" if combo else "")
        variants = {"library": lambda: None, label: replace_setup(pairs, combo)}
    else:
        members = ("ets",)
        variants = {f"phi<={b}": bound_setup(b) for b in BOUNDS}
    table = pd.concat({label: backtest(s, members) for label, s in variants.items()}, axis=1)
    print(f"## Candidate members on the project's series, MASE at every origin, h = {H}")
    print(table.round(3).to_string())


if __name__ == "__main__":
    main()
