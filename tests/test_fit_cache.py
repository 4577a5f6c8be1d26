"""Tests for forecasting.fit_cache: the same numbers with and without it, misses on any change."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from clusterlib.demo.province import province_records, province_regions
from clusterlib.forecasting import fit_cache, models, parallel
from clusterlib.forecasting.fit_cache import FIT_CACHE_ENV, active_cache, run_cache, truncate
from clusterlib.forecasting.forecast import forecast
from clusterlib.forecasting.parallel import BACKEND_ENV, SCHEDULER_ENV
from clusterlib.forecasting.simulate import forecast_and_simulate

pytestmark = [
    pytest.mark.filterwarnings("ignore::clusterlib.forecasting.models.FallbackWarning"),
    pytest.mark.filterwarnings("ignore::clusterlib.forecasting.simulate.CorrelationWarning"),
]


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """Eight seasonal province series and one too short for a model (the fallback)."""
    records = province_records(province_regions(12), seed=5, indicators=("industry_va", "fai"))
    regions = ["city", *sorted(set(records["region"]) - {"city", "henan"})[:3]]
    chosen = records[records["region"].isin(regions)]
    panel = pd.DataFrame(
        {
            "region": chosen["region"],
            "indicator": chosen["indicator"],
            "measure": "level",
            "period": pd.PeriodIndex(chosen["period"], freq="Q-DEC"),
            "value": chosen["value"].astype(float),
        }
    )
    short = panel[(panel["region"] == "city") & (panel["indicator"] == "fai")].tail(6)
    return pd.concat([panel, short.assign(region="newpark")], ignore_index=True)


@pytest.fixture()
def fits(monkeypatch) -> list[int]:
    """Counts the model fits actually computed (cache misses)."""
    calls = []
    real = models.fit_series

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(models, "fit_series", counted)
    return calls


def test_same_numbers_with_and_without_the_cache(panel, tmp_path, monkeypatch, fits):
    monkeypatch.delenv(FIT_CACHE_ENV, raising=False)
    plain_8 = forecast(panel, h=8)
    plain_4, plain_paths = forecast_and_simulate(panel, 4, n_paths=200, seed=3)
    n_series = panel.groupby(["region", "indicator"]).ngroups
    assert len(fits) == 2 * n_series
    monkeypatch.setenv(FIT_CACHE_ENV, str(tmp_path))
    assert_frame_equal(forecast(panel, h=8), plain_8, check_exact=True)
    assert len(fits) == 3 * n_series  # the first use of the cache fits
    cached_4, cached_paths = forecast_and_simulate(panel, 4, n_paths=200, seed=3)
    assert len(fits) == 3 * n_series  # the goal tests' h = 4 reads the h = 8 fits
    assert_frame_equal(cached_4, plain_4, check_exact=True)
    assert_frame_equal(cached_paths, plain_paths, check_exact=True)


def test_a_changed_series_misses(panel, tmp_path, monkeypatch, fits):
    monkeypatch.setenv(FIT_CACHE_ENV, str(tmp_path))
    forecast(panel, h=4)
    before = len(fits)
    changed = panel.copy()
    changed.loc[changed.index[5], "value"] *= 1.01  # one value of the first series
    monkeypatch.delenv(FIT_CACHE_ENV)
    expected = forecast(changed, h=4)
    monkeypatch.setenv(FIT_CACHE_ENV, str(tmp_path))
    fits.clear()
    result = forecast(changed, h=4)
    assert len(fits) == 1 and before > 1  # only the changed series is fitted again
    assert_frame_equal(result, expected, check_exact=True)


def test_a_changed_setting_misses(panel, tmp_path, monkeypatch, fits):
    monkeypatch.setenv(FIT_CACHE_ENV, str(tmp_path))
    first = forecast(panel, h=4)
    monkeypatch.setattr(models, "COMBO_MEMBERS", ("ets", "theta"))
    fits.clear()
    changed = forecast(panel, h=4)
    assert len(fits) == panel.groupby(["region", "indicator"]).ngroups
    monkeypatch.delenv(FIT_CACHE_ENV)
    assert_frame_equal(changed, forecast(panel, h=4), check_exact=True)
    assert not np.allclose(changed["mean"], first["mean"])


def test_a_changed_package_version_or_code_misses(panel, tmp_path, monkeypatch, fits):
    monkeypatch.setenv(FIT_CACHE_ENV, str(tmp_path))
    forecast(panel, h=4)
    fit_cache._code_and_versions()  # computed once per process; replaced below
    monkeypatch.setattr(fit_cache, "_code_and_versions", lambda: ("another statsmodels",))
    fits.clear()
    forecast(panel, h=4)
    assert len(fits) == panel.groupby(["region", "indicator"]).ngroups


def test_no_cache_unless_a_run_sets_one(tmp_path, monkeypatch):
    monkeypatch.delenv(FIT_CACHE_ENV, raising=False)
    assert active_cache() == ""
    folder = tmp_path / "build" / "fit_cache"
    with run_cache(folder):
        assert active_cache() == str(folder)
        folder.mkdir(parents=True)
    assert FIT_CACHE_ENV not in os.environ
    assert not folder.exists()


def test_a_seeded_run_reads_the_fits_made_before_it(panel, tmp_path, monkeypatch, fits):
    """A scenario's check fits the point forecasts before it builds the baseline; the
    baseline's cache starts from those fits, so it fits no series twice (same numbers)."""
    monkeypatch.setenv(FIT_CACHE_ENV, str(tmp_path / "seed"))
    before = forecast(panel, h=4)
    n_series = panel.groupby(["region", "indicator"]).ngroups
    assert len(fits) == n_series
    monkeypatch.delenv(FIT_CACHE_ENV)
    with run_cache(tmp_path / "build" / "fit_cache", seed=tmp_path / "seed"):
        assert_frame_equal(forecast(panel, h=4), before, check_exact=True)
        forecast(panel, h=8)  # the forecast notebook's horizon: the seed's fits are h = 8
    assert len(fits) == n_series  # all read from the seed
    assert not (tmp_path / "build" / "fit_cache").exists()


def test_truncation_keeps_the_first_quarters_bit_for_bit(panel):
    names = ("combo", "snaive", "ets", "arima", "theta", "drift")
    for _, group in panel.groupby(["region", "indicator"]):
        values = group["value"].to_numpy()
        short, long = (
            models.fit_series(values, 3, names),
            truncate(models.fit_series(values, 8, names), 3),
        )
        assert short.fallback_reason == long.fallback_reason
        for name in names:
            a, b = short.fits[name], long.fits[name]
            np.testing.assert_array_equal(a.mean, b.mean)
            np.testing.assert_array_equal(a.var, b.var)
            if a.quantiles is not None:
                for level in a.quantiles:
                    np.testing.assert_array_equal(a.quantiles[level], b.quantiles[level])


def test_no_cache_when_the_fits_run_on_dask(panel, tmp_path, monkeypatch):
    monkeypatch.setenv(FIT_CACHE_ENV, str(tmp_path))
    monkeypatch.setenv(BACKEND_ENV, "dask")
    monkeypatch.setenv(SCHEDULER_ENV, "tcp://127.0.0.1:8786")
    sent = []

    def here(function, tasks, scheduler):  # stands in for the cluster: runs the tasks here
        sent.extend(tasks)
        return (function(*task) for task in tasks)

    monkeypatch.setattr(parallel, "_on_dask", here)
    forecast(panel, h=4)
    assert sent and all(task[-1] == "" for task in sent)
    assert not list(tmp_path.iterdir())


def test_a_run_restores_a_cache_variable_set_before_it_even_after_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(FIT_CACHE_ENV, "earlier")
    with pytest.raises(RuntimeError), run_cache(tmp_path / "fit_cache"):
        assert active_cache() == str(tmp_path / "fit_cache")
        raise RuntimeError("a notebook failed")
    assert os.environ[FIT_CACHE_ENV] == "earlier"
