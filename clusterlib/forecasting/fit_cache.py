"""On-disk cache of model fits, so that a run's notebooks fit each full series only once.

The quarterly batch forecasts every series in the forecast notebooks (8 quarters) and fits the
same series again in the goals notebook (4 quarters, for the joint paths); the notebooks run
in separate kernels, so the fits are shared through files: the batch points the environment
variable :data:`FIT_CACHE_ENV` at a folder inside its build folder and removes it before the
report is put in place (:func:`run_cache`). Without the variable (exploring in a notebook,
tests) nothing is cached.

A fit is stored for ``max(h, CACHE_HORIZON)`` quarters and cut to the ``h`` asked for: the
first ``h`` quarters of a longer fit are the same numbers, bit for bit, as a fit for ``h``
quarters (tests/test_fit_cache.py). The key (:mod:`joblib.Memory`) hashes the series' values,
the horizon, the models, the seasonal period and :func:`fingerprint`: the model settings,
the source of the model code and the versions of the packages that compute the fits; a
changed value or setting misses. The backtest's folds are not cached (nothing refits them).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from joblib import Memory

from clusterlib.environment import environment
from clusterlib.forecasting import airline, calibration, models
from clusterlib.forecasting.models import Fit, SeriesFit

FIT_CACHE_ENV = "CLUSTERLIB_FIT_CACHE"
CACHE_HORIZON = 8
"""Fits are stored for at least this many periods (the forecast notebook's horizon)."""
PACKAGES = ("clusterlib", "numpy", "scipy", "statsmodels")


def active_cache() -> str:
    """The cache folder the environment names, or ``""`` (no cache)."""
    return os.environ.get(FIT_CACHE_ENV, "")


def cached_fit(
    values: np.ndarray, h: int, names: Sequence[str], season: int, location: str = ""
) -> SeriesFit:
    """:func:`~clusterlib.forecasting.models.fit_series`, through the cache at ``location``.

    Parameters
    ----------
    values, h, names, season
        As for ``fit_series`` (``names``: its ``models``).
    location : str
        Cache folder; ``""`` fits without a cache.

    Returns
    -------
    SeriesFit
        The same numbers as ``fit_series(values, h, names, season)``.
    """
    if not location:
        return models.fit_series(values, h, names, season)
    key = hashlib.sha256(repr(fingerprint()).encode()).hexdigest()  # cheaper for joblib to hash
    stored = _memorized(location)(
        np.asarray(values, dtype=float), max(h, CACHE_HORIZON), tuple(names), season, key
    )
    return truncate(stored, h)


def fingerprint() -> tuple[Any, ...]:
    """What else decides a fit: model settings, model source code, package versions."""
    settings = (
        models.COMBO_MEMBERS,
        models.MIN_OBS,
        models.MIN_SEASONAL_YEARS,
        models.EVOLVING_SEASON_MAX,
        models.LEVELS,
        models.CALIBRATION_HALFLIFE,
        models.MIN_CALIBRATION_RESIDUALS,
        {level: tuple(q) for level, q in calibration.INTERVAL_QUANTILES.items()},
    )
    return (*settings, *_code_and_versions())


def truncate(fit: SeriesFit, h: int) -> SeriesFit:
    """The first ``h`` periods of every model's forecast (residuals unchanged)."""
    fits = {
        name: Fit(
            one.mean[:h],
            one.var[:h],
            one.resid,
            None if one.quantiles is None else {k: q[:h] for k, q in one.quantiles.items()},
        )
        for name, one in fit.fits.items()
    }
    return SeriesFit(fits, fit.log, fit.fallback_reason, list(fit.failed_models))


@contextmanager
def run_cache(folder: Path, seed: Path | None = None) -> Iterator[Path]:
    """Cache fits in ``folder`` for this process and the kernels it starts; removed afterwards.

    ``seed``: a cache folder of fits made before the run (a scenario's check of its shocks on
    the point forecasts), copied in first so that the run does not fit those series again.
    """
    try:
        if seed is not None and Path(seed).is_dir():
            shutil.copytree(seed, folder, dirs_exist_ok=True)
        with environment({FIT_CACHE_ENV: str(folder)}):
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _fit(values: np.ndarray, h: int, names: tuple[str, ...], season: int, key: str) -> SeriesFit:
    """``fit_series``; ``key`` (a hash of the :func:`fingerprint`) only enters the cache key."""
    return models.fit_series(values, h, names, season)


@cache
def _memorized(location: str) -> Any:
    """The cached :func:`_fit` of one folder (one per process)."""
    return Memory(location, verbose=0).cache(_fit)


@cache
def _code_and_versions() -> tuple[str, ...]:
    """SHA-256 of the model code's source files, and the versions of :data:`PACKAGES`."""
    sources = [Path(models.__file__), Path(airline.__file__), Path(calibration.__file__)]
    hashes = [hashlib.sha256(path.read_bytes()).hexdigest() for path in sources]
    return (*hashes, *(metadata.version(name) for name in PACKAGES))
