"""The package's public names: users' own notebooks import them from ``clusterlib``."""

from __future__ import annotations

import importlib

import pytest

import clusterlib

# Every name `from clusterlib import ...` offered before the restructuring into stage packages.
PUBLIC = [
    "accuracy",
    "as_of",
    "build_panel",
    "cross_validate",
    "forecast",
    "forecast_series",
    "growth_table",
    "load_panel",
    "load_records",
    "simulate",
    "BatchError",
    "ClusterlibError",
    "DataValidationError",
    "ParameterError",
    "Problem",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_names_still_import_from_the_package(name):
    assert callable(getattr(clusterlib, name))
    assert name in clusterlib.__all__


def test_an_unknown_name_says_so():
    with pytest.raises(AttributeError, match="no attribute 'forecast_seris'"):
        clusterlib.forecast_seris  # noqa: B018


@pytest.mark.parametrize(
    "package", ["inputs", "forecasting", "goals", "enterprise", "demo", "publish"]
)
def test_each_stage_package_says_what_it_owns(package):
    module = importlib.import_module(f"clusterlib.{package}")
    assert module.__doc__ and module.__doc__.strip().endswith(".")
