"""clusterlib: data, forecasts and goal tests for Zhengzhou's industrial clusters (产业集聚区).

The public names below are imported on first use, so ``clusterlib validate`` and other light
commands start without loading statsmodels.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "accuracy": "clusterlib.backtest",
    "cross_validate": "clusterlib.backtest",
    "forecast": "clusterlib.forecast",
    "forecast_series": "clusterlib.forecast",
    "growth_table": "clusterlib.forecast",
    "simulate": "clusterlib.simulate",
    "as_of": "clusterlib.panel",
    "build_panel": "clusterlib.panel",
    "load_panel": "clusterlib.panel",
    "load_records": "clusterlib.panel",
    "BatchError": "clusterlib.exceptions",
    "ClusterlibError": "clusterlib.exceptions",
    "DataValidationError": "clusterlib.exceptions",
    "ParameterError": "clusterlib.exceptions",
    "Problem": "clusterlib.exceptions",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'clusterlib' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
