"""The ``forecast`` verb: forecasts for every series of a panel, in levels and growth units."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from clusterlib.exceptions import ParameterError
from clusterlib.forecasting.fit_cache import active_cache, cached_fit
from clusterlib.forecasting.models import (
    MODELS,
    SEASON,
    FallbackWarning,
    SeriesFit,
    intervals,
)
from clusterlib.forecasting.parallel import active_backend, run_parallel
from clusterlib.inputs.panel import SERIES_KEYS
from clusterlib.inputs.periods import yoy_growth, ytd_growth
from clusterlib.messages import Message, message

DEFAULT_MODELS = ("combo",)
"""The default: equal-weight combination of ETS, ARIMA and Theta, intervals calibrated.

See docs/forecasting.md.
"""
INTERVAL_COLUMNS = ["mean", "lo_80", "hi_80", "lo_95", "hi_95"]
QUARTERLY = "Q-DEC"
MONTHLY_SEASON = 12


def forecast(
    panel: pd.DataFrame,
    h: int = 8,
    models: Sequence[str] = DEFAULT_MODELS,
    *,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Forecast every series of ``panel`` ``h`` quarters ahead with each model.

    Parameters
    ----------
    panel : pd.DataFrame
        Tidy panel (``period`` as quarterly Period, ``value``) with any of the series keys
        ``region, indicator, measure``; growth-only series are forecast as their chained index.
    h : int
        Number of quarters after each series' last quarter.
    models : sequence of str
        Any of ``snaive, drift, ets, arima, theta, combo``; default the combination.
    n_jobs : int
        Parallel workers (joblib) over series; the backend of ``params/run.yaml`` decides
        where they run (:mod:`clusterlib.forecasting.parallel`).
    progress : bool, optional
        Show a progress bar; default only for runs of more than 50 series.

    Returns
    -------
    pd.DataFrame
        ``region, indicator, measure, period, mean, lo_80, hi_80, lo_95, hi_95, model``
        (the keys present in ``panel``), one row per series, future quarter and model.

    Raises
    ------
    ParameterError
        If a model name is unknown or ``h`` is not positive.

    Warns
    -----
    FallbackWarning
        Once, naming every series (and model) that got the fallback forecast.
    """
    check_request(h, models)
    table, items, fits = fit_and_forecast(panel, h, models, n_jobs=n_jobs, progress=progress)
    warn_fallbacks([(key, fit) for (key, _), fit in zip(items, fits, strict=True)])
    return table


def fit_and_forecast(
    panel: pd.DataFrame,
    h: int,
    models: Sequence[str],
    *,
    n_jobs: int = 1,
    progress: bool | None = None,
    desc: str = "forecast",
) -> tuple[pd.DataFrame, list[tuple[tuple, pd.Series]], list[SeriesFit]]:
    """Fit every series of ``panel``: the :func:`forecast` table, the series (as from
    :func:`split_series`) and their fits, in the same order (``simulate`` draws from the fits).
    Callers warn about fallbacks (:func:`warn_fallbacks`), so the warning names their caller.
    The fits go through the run's fit cache if there is one
    (:func:`clusterlib.forecasting.fit_cache.active_cache`) and the fits run on this machine
    (Dask workers elsewhere would not see the folder).
    """
    keys = series_keys(panel)
    items = split_series(panel)
    cache = active_cache() if active_backend().name == "local" else ""
    tasks = [(y, h, tuple(models), cache) for _, y in items]
    results = run_parallel(forecast_one, tasks, n_jobs, progress, desc)
    fits = [fit for _, fit in results]
    keyed = [
        frame.assign(**dict(zip(keys, key, strict=True)))
        for (key, _), (frame, _) in zip(items, results, strict=True)
    ]
    table = pd.concat(keyed, ignore_index=True)[[*keys, "period", *INTERVAL_COLUMNS, "model"]]
    return table, items, fits


def forecast_series(y: pd.Series, h: int = 8) -> pd.DataFrame:
    """Forecast one quarterly series with the default combination.

    Parameters
    ----------
    y : pd.Series
        Values (positive levels) indexed by a quarterly PeriodIndex.
    h : int
        Number of quarters to forecast.

    Returns
    -------
    pd.DataFrame
        Indexed by the next ``h`` quarters; columns ``mean, lo_80, hi_80, lo_95, hi_95``.

    Raises
    ------
    ParameterError
        If ``y`` is not indexed by a quarterly PeriodIndex or ``h`` is not positive.
    """
    check_request(h, DEFAULT_MODELS)
    if not isinstance(y.index, pd.PeriodIndex) or y.index.freqstr != QUARTERLY:
        raise ParameterError(
            "y needs a quarterly PeriodIndex; convert with "
            "y.index = pd.PeriodIndex(y.index, freq='Q')"
        )
    frame, fit = forecast_one(_consecutive(y), h, DEFAULT_MODELS)
    warn_fallbacks([(y.name or "y", fit)])
    return frame.set_index("period")[INTERVAL_COLUMNS].rename_axis(None)


def growth_table(panel: pd.DataFrame, fc: pd.DataFrame) -> pd.DataFrame:
    """Forecasts in the units people use: single-quarter and cumulative (累计) growth.

    Actuals to date and forecast means form one path per series (and model); growth is
    computed on it with :func:`clusterlib.inputs.periods.yoy_growth` and ``ytd_growth``, so the
    cumulative growth of a partly observed year combines the published quarters with the
    forecast ones. The Q4 row's ``ytd_yoy`` is the full-year growth.

    Parameters
    ----------
    panel : pd.DataFrame
        The panel the forecasts were made from.
    fc : pd.DataFrame
        Output of :func:`forecast`.

    Returns
    -------
    pd.DataFrame
        ``region, indicator, measure, period, model, yoy, ytd_yoy`` (keys present), one row
        per forecast row; growth in %. ``ytd_yoy`` is NaN where a gap inside a year leaves
        the cumulative sum undefined.
    """
    keys = series_keys(fc)
    history = dict(split_series(panel[[*keys, "period", "value"]]))
    by = [*keys, "model"] if "model" in fc.columns else keys
    rows = []
    for group_key, group in fc.groupby(by, sort=False) if by else [((), fc)]:
        key = tuple(group_key[: len(keys)]) if keys else ()
        actual = history[key]
        future = group.set_index("period")["mean"]
        path = pd.concat([actual[actual.index < future.index.min()], future]).astype(float)
        rows.append(
            group[[*by, "period"]].assign(
                yoy=yoy_growth(path).reindex(future.index).to_numpy(),
                ytd_yoy=_ytd_or_nan(path).reindex(future.index).to_numpy(),
            )
        )
    return pd.concat(rows, ignore_index=True)


# --- shared by forecast, cross_validate and simulate ----------------------------------------


def check_request(h: int, models: Sequence[str]) -> None:
    """Raise ParameterError for a non-positive horizon or an unknown model name."""
    if int(h) != h or h < 1:
        raise ParameterError(f"h must be a positive whole number of quarters, got {h!r}")
    known = [*MODELS, "combo"]
    unknown = [m for m in models if m not in known]
    if unknown or not models:
        raise ParameterError(f"unknown model(s) {unknown}; known: {', '.join(known)}")


def series_keys(panel: pd.DataFrame) -> list[str]:
    """The series key columns present in ``panel`` (a subset of ``SERIES_KEYS``)."""
    return [k for k in SERIES_KEYS if k in panel.columns]


def split_series(panel: pd.DataFrame) -> list[tuple[tuple, pd.Series]]:
    """``(key, values)`` per series; values over consecutive quarters, NaN for missing ones."""
    keys = series_keys(panel)
    groups = panel.groupby(keys, sort=True) if keys else [((), panel)]
    return [(tuple(key), _consecutive(group.set_index("period")["value"])) for key, group in groups]


def forecast_one(
    y: pd.Series, h: int, models: Sequence[str], cache: str = ""
) -> tuple[pd.DataFrame, SeriesFit]:
    """Forecast one consecutive series: rows ``period, mean, ..., model`` and the fit.

    Quarterly series have seasonal period 4, monthly ones (``freq="M"``) 12. ``cache``: a fit
    cache folder (:mod:`clusterlib.forecasting.fit_cache`), ``""`` for none.
    """
    season = MONTHLY_SEASON if y.index.freqstr == "M" else SEASON
    fit = cached_fit(y.to_numpy(dtype=float), h, models, season, cache)
    periods = pd.period_range(y.index[-1] + 1, periods=h, freq=y.index.freq)
    bands = [intervals(model_fit, fit.log) for model_fit in fit.fits.values()]
    table = pd.DataFrame(  # one frame for all models: a frame per model and concat cost 2 ms
        {
            "period": periods[np.tile(np.arange(h), len(bands))],
            **{column: np.concatenate([band[column] for band in bands]) for column in bands[0]},
            "model": np.repeat(list(fit.fits), h),
        }
    )
    return table, fit


def warn_fallbacks(fits: list[tuple[Any, SeriesFit]]) -> None:
    """One FallbackWarning naming every series or model that got the fallback forecast."""
    problems = {}
    for label, fit in fits:
        name = "/".join(map(str, label)) if isinstance(label, tuple) else str(label)
        if fit.fallback_reason:
            problems[name] = fit.fallback_reason
        elif fit.failed_models:
            problems[name] = message("models_failed", names=", ".join(fit.failed_models))
    if problems:
        listing = _listed(list(problems.items()))
        said = message("fell_back", n=len(problems), listing=listing)
        warnings.warn(said, FallbackWarning, stacklevel=3)


def _listed(problems: list[tuple[str, str]]) -> Message:
    """Series with why each fell back, ``; ``-separated (the first, then the rest)."""
    (name, why), rest = problems[0], problems[1:]
    if not rest:
        return message("fell_back_series", name=name, why=why)
    return message("fell_back_series_and", name=name, why=why, rest=_listed(rest))


def _consecutive(values: pd.Series) -> pd.Series:
    """Values sorted over every period from the first to the last (NaN where missing)."""
    values = values.dropna().sort_index()
    periods = pd.period_range(values.index.min(), values.index.max(), freq=values.index.freq)
    return values.reindex(periods).astype(float)


def _ytd_or_nan(path: pd.Series) -> pd.Series:
    """Cumulative growth of ``path``, or all NaN if a gap inside a year makes it undefined."""
    try:
        return ytd_growth(path.dropna())
    except ValueError:
        return pd.Series(float("nan"), index=path.index)
