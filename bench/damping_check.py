"""A candidate member on the project's own kind of series: China's indices, the demo, the US.

Run from the project root::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/damping_check.py
    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/damping_check.py \
        --replace ets=ets_damped_aicc_levels

The second round of issue #14 found one robust gain on the M3 series, the ETS member's
damping bounded at 0.95 instead of statsmodels' 0.98 (``models.ETS_DAMPING_MAX``); without
options this script backtests both bounds. With ``--replace MEMBER=CANDIDATE`` (repeatable)
it backtests the library as it is against the library with each named member replaced by a
candidate of ``bench/m3_candidates.py`` (the third round's, ``THIRD_ROUND``). Backtests run
at every origin of the data sets of ``bench/interval_calibration.py`` (China's growth-only
indices, US GDP and investment; every third demo flow series to save time), h = 8, and
print the mean MASE (scaled by the in-sample lag-4 MAE) of each replaced member (the ETS
member for the bounds) and of the combination. One process: the bound and the members are
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

sys.path.insert(0, str(Path(__file__).parent))
import m3_candidates
from interval_calibration import real_datasets

from clusterlib.forecasting import models
from clusterlib.forecasting.forecast import split_series

H = 8
BOUNDS = (0.98, 0.95)


def fold_mase(values: np.ndarray, future: np.ndarray, members: tuple) -> dict | None:
    """MASE of ``members`` and the combination at one origin (None for a fallback)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = models.fit_series(values, H, (*members, "combo"))
    if fit.fallback_reason:
        return None
    scale = np.mean(np.abs(values[4:] - values[:-4]))
    seen = np.isfinite(future)
    out = {}
    for name in (*members, "combo"):
        mean = np.exp(fit.fits[name].mean) if fit.log else fit.fits[name].mean
        out[name] = float(np.mean(np.abs(future[seen] - mean[seen])) / scale)
    return out


def backtest(setup: Callable[[], None], members: tuple) -> pd.DataFrame:
    """Mean MASE and number of origins per data set and model after ``setup()``."""
    saved = (models.ETS_DAMPING_MAX, dict(models.MODELS))
    setup()
    rows = []
    try:
        for name, (panel, first, last) in real_datasets().items():
            keyed = split_series(panel)
            for _, y in keyed[::3] if name == "demo" else keyed:
                for cutoff in pd.period_range(first, last, freq="Q"):
                    future = y.reindex(pd.period_range(cutoff + 1, periods=H, freq="Q"))
                    past = y[y.index <= cutoff].to_numpy(float)
                    scores = fold_mase(past, future.to_numpy(float), members)
                    rows.extend(
                        {"data": name, "model": m, "mase": v} for m, v in (scores or {}).items()
                    )
    finally:
        models.ETS_DAMPING_MAX = saved[0]
        models.MODELS.clear()
        models.MODELS.update(saved[1])
    return pd.DataFrame(rows).groupby(["data", "model"])["mase"].agg(["mean", "count"])


def bound_setup(bound: float) -> Callable[[], None]:
    """A setup that sets the ETS damping bound."""

    def setup() -> None:
        models.ETS_DAMPING_MAX = bound

    return setup


def replace_setup(replacements: dict[str, str]) -> Callable[[], None]:
    """A setup that puts the named candidates of bench/m3_candidates.py in the members' place."""

    def setup() -> None:
        for member, candidate in replacements.items():
            models.MODELS[member] = m3_candidates.THIRD_ROUND[candidate]

    return setup


def main() -> None:
    """Print the MASE table for each variant side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replace", action="append", default=[], metavar="MEMBER=CANDIDATE")
    args = parser.parse_args()
    if args.replace:
        pairs = dict(item.split("=", 1) for item in args.replace)
        members = tuple(pairs)
        variants = {"library": lambda: None, "+".join(pairs.values()): replace_setup(pairs)}
    else:
        members = ("ets",)
        variants = {f"phi<={b}": bound_setup(b) for b in BOUNDS}
    table = pd.concat({label: backtest(s, members) for label, s in variants.items()}, axis=1)
    print(f"## Candidate members on the project's series, MASE at every origin, h = {H}")
    print(table.round(3).to_string())


if __name__ == "__main__":
    main()
