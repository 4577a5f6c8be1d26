"""The peer's forecasts on the M3 design series: statsforecast's AutoETS, AutoARIMA, Theta.

Runs in a scratch environment outside the project (statsforecast is not a dependency)::

    python -m venv /tmp/sf && /tmp/sf/bin/pip install statsforecast pandas
    OPENBLAS_NUM_THREADS=1 nice -n 10 /tmp/sf/bin/python bench/research/peer_statsforecast.py \
        /tmp/peer.csv
    OPENBLAS_NUM_THREADS=1 nice -n 10 /tmp/sf/bin/python bench/research/peer_statsforecast.py \
        /tmp/peer_real.csv /tmp/real_folds.csv   # folds of bench/research/damping_check.py --export

Reads only the **design** subset of data/benchmark/ (never the report subset), cuts every
series at the three origins of ``bench/m3_benchmark.py`` (the competition's, 4 and 8
quarters earlier; cuts leaving under 16 quarters skipped), or the histories in a second
file argument, and writes one row per cut (``series@origin``), model and horizon (columns
unique_id, model, h, mean) for AutoETS, AutoARIMA, Theta (standard, θ = 2), AutoTheta and
the equal-weight mean of AutoETS, AutoARIMA and Theta (the peer of issue #14).
``bench/research/m3_third_round.py --peer`` and ``bench/research/damping_check.py --peer`` score
them next to
the library's members.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoARIMA, AutoETS, AutoTheta, Theta

H = 8
SEASON = 4
ORIGINS = (0, 4, 8)
BENCHMARK = Path(__file__).resolve().parents[1] / "data" / "benchmark"
PEER = ("AutoETS", "AutoARIMA", "Theta")
"""The members of the peer's equal-weight combination."""


def design_cuts() -> pd.DataFrame:
    """Long table (unique_id, ds, y) of every design series cut at every origin."""
    values = pd.read_csv(BENCHMARK / "m3_quarterly.csv")
    meta = pd.read_csv(BENCHMARK / "m3_quarterly_series.csv")
    design = set(meta.loc[meta["subset"] == "design", "series"])
    frames = []
    for name, g in values[values["series"].isin(design)].groupby("series", sort=False):
        g = g.sort_values("t")
        full = g["value"].to_numpy(float)
        n = int((g["part"] == "train").sum())
        for back in ORIGINS:
            if n - back >= 16:
                y = full[: n - back]
                frames.append(
                    pd.DataFrame({"unique_id": f"{name}@{back}", "ds": np.arange(len(y)), "y": y})
                )
    return pd.concat(frames, ignore_index=True)


def main(out: str, folds: str | None = None) -> None:
    """Fit the peer's models on every cut (the design cuts, or the histories in ``folds``:
    columns unique_id, ds, y) and write their forecasts to ``out``."""
    data = pd.read_csv(folds) if folds else design_cuts()
    models = [
        AutoETS(season_length=SEASON),
        AutoARIMA(season_length=SEASON),
        Theta(season_length=SEASON),
        AutoTheta(season_length=SEASON),
    ]
    start = time.perf_counter()
    fc = StatsForecast(models=models, freq=1, n_jobs=1).forecast(df=data, h=H)
    seconds = time.perf_counter() - start
    fc = fc.reset_index() if "unique_id" not in fc.columns else fc
    fc["PeerMean"] = fc[list(PEER)].mean(axis=1)
    fc["h"] = fc.groupby("unique_id").cumcount() + 1
    long = fc.melt(id_vars=["unique_id", "h"], value_vars=[*PEER, "AutoTheta", "PeerMean"])
    long.rename(columns={"variable": "model", "value": "mean"}).to_csv(out, index=False)
    n = data["unique_id"].nunique()
    print(f"{n} cuts, {len(models)} models: {seconds:.1f} s ({1000 * seconds / n:.0f} ms a cut)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
