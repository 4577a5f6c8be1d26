"""Backends of the per-series fits (local, Dask), their settings, and the progress bar style."""

from __future__ import annotations

import os
import sys
import threading
import types

import numpy as np
import pandas as pd
import pytest
import yaml

from clusterlib import paths, progress
from clusterlib.batch import kernel_environment
from clusterlib.exceptions import ParameterError
from clusterlib.forecasting.forecast import forecast
from clusterlib.forecasting.parallel import (
    BACKEND_ENV,
    SCHEDULER_ENV,
    Backend,
    active_backend,
    dask_client,
    run_parallel,
)
from clusterlib.forecasting.simulate import forecast_and_simulate
from clusterlib.params import check_run_params, load_run_params


def _square(x: float) -> float:
    return x * x


def _thread() -> str:
    return threading.current_thread().name


def small_panel(seed: int = 3) -> pd.DataFrame:
    """Three seasonal random walks of 24 quarters."""
    rng = np.random.default_rng(seed)
    periods = pd.period_range("2014Q1", periods=24, freq="Q")
    frames = []
    for region in ("city", "a", "b"):
        level = 100 * np.exp(np.cumsum(rng.normal(0.02, 0.03, 24)) + np.tile([0, 0.1, 0, -0.1], 6))
        frames.append(
            pd.DataFrame({"region": region, "indicator": "va", "period": periods, "value": level})
        )
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def local_cluster():
    """A light Dask cluster in this process (threads), as CI can afford.

    The library keeps one client per scheduler for the session (``dask_client``); it is
    closed with the cluster, or it would keep trying to reconnect from a background thread
    (using the ``random`` module, which hypothesis then sees in the next tests' strategies).
    """
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster
        dask_client(cluster.scheduler_address).close()
        dask_client.cache_clear()


def test_local_backend_keeps_order_with_and_without_workers():
    tasks = [(x,) for x in range(7)]
    assert run_parallel(_square, tasks, n_jobs=1) == [x * x for x in range(7)]
    assert run_parallel(_square, tasks, n_jobs=2) == [x * x for x in range(7)]


def test_dask_backend_gives_the_local_results_for_the_same_seed(local_cluster, monkeypatch):
    panel = small_panel()
    local_fc, local_paths = forecast_and_simulate(panel, h=4, n_paths=200, seed=11)
    monkeypatch.setenv(BACKEND_ENV, "dask")
    monkeypatch.setenv(SCHEDULER_ENV, local_cluster.scheduler_address)
    assert active_backend() == Backend("dask", local_cluster.scheduler_address)
    dask_fc, dask_paths = forecast_and_simulate(panel, h=4, n_paths=200, seed=11)
    pd.testing.assert_frame_equal(dask_fc, local_fc, check_exact=True)
    pd.testing.assert_frame_equal(dask_paths, local_paths, check_exact=True)


def test_dask_backend_runs_an_explicit_backend_in_order(local_cluster):
    backend = Backend("dask", local_cluster.scheduler_address)
    tasks = [(x,) for x in range(20)]
    assert run_parallel(_square, tasks, backend=backend) == [x * x for x in range(20)]
    ran_in = set(run_parallel(_thread, [()] * 4, backend=backend))
    assert threading.current_thread().name not in ran_in  # the Dask worker's threads ran them


def test_bad_backend_environment_names_the_variable(monkeypatch):
    monkeypatch.setenv(BACKEND_ENV, "spark")
    with pytest.raises(ParameterError, match=f"{BACKEND_ENV}.*local, dask.*'spark'"):
        forecast(small_panel(), h=2)
    monkeypatch.setenv(BACKEND_ENV, "dask")
    monkeypatch.delenv(SCHEDULER_ENV, raising=False)
    with pytest.raises(ParameterError, match=f"{SCHEDULER_ENV}.*scheduler's address"):
        active_backend()


def _run_yaml(tmp_path, **changes) -> str:
    settings = yaml.safe_load((paths.PARAMS / "run.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "run.yaml"
    path.write_text(yaml.safe_dump(settings | changes), encoding="utf-8")
    return str(path)


def test_run_settings_read_backend_scheduler_and_catalogue(tmp_path):
    default = load_run_params(paths.PARAMS / "run.yaml")
    assert (default.backend, default.scheduler, default.catalog) == ("local", "", "")
    given = _run_yaml(tmp_path, backend="dask", scheduler="tcp://10.0.0.5:8786")
    settings = load_run_params(given)
    assert (settings.backend, settings.scheduler) == ("dask", "tcp://10.0.0.5:8786")


def test_bad_backend_settings_are_listed_with_file_and_key(tmp_path):
    path = _run_yaml(tmp_path, backend="dask", scheduler="10.0.0.5:8786", catalog="no/such")
    with pytest.raises(ParameterError) as raised:
        load_run_params(path)
    message = str(raised.value)
    assert "2 problem(s)" in message
    assert f"{path}: key 'scheduler': backend dask needs" in message
    assert f"{path}: key 'catalog': expected a folder holding regions.csv" in message
    with pytest.raises(ParameterError, match="key 'backend': expected one of local, dask"):
        check_run_params({**vars(load_run_params(paths.PARAMS / "run.yaml")), "backend": 1})
    with pytest.raises(ParameterError, match="key 'scheduler': only backend dask"):
        load_run_params(_run_yaml(tmp_path, scheduler="tcp://10.0.0.5:8786"))


def test_kernel_environment_sets_and_restores_the_variables(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.CATALOG_ENV, raising=False)
    monkeypatch.setenv(BACKEND_ENV, "local")
    settings = load_run_params(_run_yaml(tmp_path, catalog="data/catalog"))
    with kernel_environment(settings):
        assert os.environ[paths.CATALOG_ENV] == str(paths.ROOT / "data" / "catalog")
        assert os.environ[progress.PROGRESS_ENV] == "text"
        assert paths.catalog_dir() == paths.ROOT / "data" / "catalog"
    assert paths.CATALOG_ENV not in os.environ
    assert os.environ[BACKEND_ENV] == "local"


class ZMQInteractiveShell:
    """Stands in for the IPython shell of a Jupyter kernel (the name is what is checked)."""


@pytest.fixture
def in_kernel(monkeypatch):
    """Pretend to run in a Jupyter kernel."""
    fake = types.ModuleType("IPython")
    fake.get_ipython = ZMQInteractiveShell
    monkeypatch.setitem(sys.modules, "IPython", fake)
    monkeypatch.delenv(progress.PROGRESS_ENV, raising=False)


def test_bars_are_widgets_in_a_kernel_and_text_under_the_batch(in_kernel, monkeypatch):
    pytest.importorskip("ipywidgets")
    assert progress.bar_style() == "widget"
    monkeypatch.setenv(progress.PROGRESS_ENV, "text")  # as the batch's kernels have it
    assert progress.bar_style() == "text"


def test_bars_are_text_in_a_kernel_without_ipywidgets(in_kernel, monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import fails
    assert progress.bar_style() == "text"


def test_bars_are_text_outside_a_kernel(monkeypatch):
    monkeypatch.delenv(progress.PROGRESS_ENV, raising=False)
    assert progress.bar_style() == "text"  # pytest runs in no kernel
    with progress.progress_bar(range(3), disable=True) as bar:
        assert type(bar).__module__ == "tqdm.std"
