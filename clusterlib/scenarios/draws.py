"""A run's goal draws (point forecasts and joint simulated paths), kept in its report."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib.inputs.panel import SERIES_KEYS
from clusterlib.publish.tables import TABLES

DRAWS_FILE = "goal_paths.npz"
"""File in a report's ``tables/`` folder holding the draws the goal probabilities came from."""
KEYS = [*SERIES_KEYS, "period"]


@dataclass(frozen=True)
class Draws:
    """The goals' draws: point forecasts and paths, as :func:`~clusterlib.pipeline.goal_draws`.

    ``forecasts`` has ``region, indicator, measure, period, mean, model`` (the combination's
    rows); ``paths`` has ``region, indicator, measure, period, path, value``.
    """

    forecasts: pd.DataFrame
    paths: pd.DataFrame


def write_draws(run_dir: str | Path | None, forecasts: pd.DataFrame, paths: pd.DataFrame) -> None:
    """Keep the draws in ``<run_dir>/tables/goal_paths.npz`` (compressed; nothing if no run_dir).

    The values are stored as float64, so :func:`read_draws` gives them back to the bit, in the
    same row order (the goal tests sum clusters in that order).
    """
    if not run_dir:
        return
    point = _combination(forecasts)
    arrays = {f"point_{key}": point[key].astype(str).to_numpy(dtype=str) for key in KEYS}
    arrays["point_mean"] = point["mean"].to_numpy(dtype=float)
    columns = paths[KEYS].drop_duplicates()
    n_paths = int(paths["path"].max()) + 1 if len(paths) else 0
    arrays |= {f"path_{key}": columns[key].astype(str).to_numpy(dtype=str) for key in KEYS}
    arrays["path_values"] = _path_matrix(paths, columns, n_paths)
    folder = Path(run_dir) / TABLES
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f"{DRAWS_FILE}.tmp.npz"
    np.savez_compressed(temporary, **arrays)
    os.replace(temporary, folder / DRAWS_FILE)


def read_draws(run_dir: str | Path) -> Draws:
    """The draws a run kept (see :func:`write_draws`).

    Raises
    ------
    FileNotFoundError
        Naming the file, when the run kept none (a report made before scenarios existed).
    """
    path = Path(run_dir) / TABLES / DRAWS_FILE
    if not path.exists():
        raise FileNotFoundError(f"the run kept no simulated paths: {path} is missing")
    with np.load(path, allow_pickle=False) as stored:
        point = _keys(stored, "point")
        point = point.assign(mean=stored["point_mean"], model="combo")
        columns = _keys(stored, "path")
        values = stored["path_values"]
    return Draws(point, long_paths(columns, values))


def long_paths(columns: pd.DataFrame, values: np.ndarray) -> pd.DataFrame:
    """Paths in long form from one column per series quarter (``columns``) and one row per path.

    Rows go series by series, then path by path, then quarter by quarter, as
    :func:`~clusterlib.forecasting.simulate.simulate` writes them.
    """
    n_paths = values.shape[0]
    series = columns.groupby(SERIES_KEYS, sort=False).indices
    frames = []
    for key, positions in series.items():
        block = values[:, positions]
        periods = columns["period"].to_numpy()[positions]
        frames.append(
            pd.DataFrame(
                {
                    **dict(zip(SERIES_KEYS, key, strict=True)),
                    "period": pd.PeriodIndex(np.tile(periods, n_paths), freq="Q-DEC"),
                    "path": np.repeat(np.arange(n_paths), len(positions)),
                    "value": block.ravel(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _path_matrix(paths: pd.DataFrame, columns: pd.DataFrame, n_paths: int) -> np.ndarray:
    """Array ``[path, column]`` of the long ``paths`` for the series quarters ``columns``."""
    position = pd.MultiIndex.from_frame(columns.astype(str)).get_indexer(
        pd.MultiIndex.from_frame(paths[KEYS].astype(str))
    )
    matrix = np.full((n_paths, len(columns)), np.nan)
    matrix[paths["path"].to_numpy(dtype=int), position] = paths["value"].to_numpy(dtype=float)
    return matrix


def _combination(forecasts: pd.DataFrame) -> pd.DataFrame:
    """The combination's point forecasts (all rows when there is no ``combo`` model)."""
    if "model" in forecasts and (forecasts["model"] == "combo").any():
        forecasts = forecasts[forecasts["model"] == "combo"]
    return forecasts[[*KEYS, "mean"]].reset_index(drop=True)


def _keys(stored: np.lib.npyio.NpzFile, prefix: str) -> pd.DataFrame:
    """The key columns stored under ``prefix`` (periods back as quarters)."""
    table = pd.DataFrame({key: stored[f"{prefix}_{key}"] for key in SERIES_KEYS})
    return table.assign(period=pd.PeriodIndex(stored[f"{prefix}_period"], freq="Q-DEC"))
