"""clusterlib: data, forecasts and goal tests for Zhengzhou's industrial clusters (产业集聚区).

The public names below are imported on first use, so ``clusterlib validate`` and other light
commands start without loading statsmodels.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "accuracy": "clusterlib.forecasting.backtest",
    "cross_validate": "clusterlib.forecasting.backtest",
    "forecast": "clusterlib.forecasting.forecast",
    "forecast_series": "clusterlib.forecasting.forecast",
    "growth_table": "clusterlib.forecasting.forecast",
    "simulate": "clusterlib.forecasting.simulate",
    "as_of": "clusterlib.inputs.panel",
    "build_panel": "clusterlib.inputs.panel",
    "load_panel": "clusterlib.inputs.panel",
    "load_records": "clusterlib.inputs.panel",
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
