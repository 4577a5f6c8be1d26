"""ETS damping bound on the project's own kind of series: China's indices, the demo, the US.

Run from the project root::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/damping_check.py

The second round of issue #14 found one robust gain on the M3 series, the ETS member's
damping bounded at 0.95 instead of statsmodels' 0.98 (``models.ETS_DAMPING_MAX``). This
script backtests both bounds at every origin of the data sets of
``bench/interval_calibration.py`` (China's growth-only indices, US GDP and investment; every
third demo flow series to save time), h = 8, and prints the mean MASE (scaled by the
in-sample lag-4 MAE) of the ETS member and of the combination. One process: the bound is
set on the module, which joblib workers would not see.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from interval_calibration import real_datasets

from clusterlib.forecasting import models
from clusterlib.forecasting.forecast import split_series

H = 8
BOUNDS = (0.98, 0.95)


def fold_mase(values: np.ndarray, future: np.ndarray) -> dict[str, float] | None:
    """MASE of the ETS member and the combination at one origin (None for a fallback)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = models.fit_series(values, H, ("ets", "combo"))
    if fit.fallback_reason:
        return None
    scale = np.mean(np.abs(values[4:] - values[:-4]))
    seen = np.isfinite(future)
    out = {}
    for name in ("ets", "combo"):
        mean = np.exp(fit.fits[name].mean) if fit.log else fit.fits[name].mean
        out[name] = float(np.mean(np.abs(future[seen] - mean[seen])) / scale)
    return out


def backtest(bound: float) -> pd.DataFrame:
    """Mean MASE and number of origins per data set and model, with the bound set."""
    models.ETS_DAMPING_MAX = bound
    rows = []
    for name, (panel, first, last) in real_datasets().items():
        keyed = split_series(panel)
        for _, y in keyed[::3] if name == "demo" else keyed:
            for cutoff in pd.period_range(first, last, freq="Q"):
                future = y.reindex(pd.period_range(cutoff + 1, periods=H, freq="Q"))
                scores = fold_mase(y[y.index <= cutoff].to_numpy(float), future.to_numpy(float))
                rows.extend(
                    {"data": name, "model": m, "mase": v} for m, v in (scores or {}).items()
                )
    return pd.DataFrame(rows).groupby(["data", "model"])["mase"].agg(["mean", "count"])


def main() -> None:
    """Print the MASE table for each bound side by side."""
    table = pd.concat({f"phi<={b}": backtest(b) for b in BOUNDS}, axis=1)
    print(f"## ETS damping bound, MASE at every origin, h = {H}")
    print(table.round(3).to_string())


if __name__ == "__main__":
    main()
