"""Where the per-series fits run: in this process, on local joblib workers, or on a Dask cluster.

The backend comes from ``params/run.yaml`` (``backend``, ``scheduler``). The batch hands it to
its notebook kernels through the environment variables :data:`BACKEND_ENV` and
:data:`SCHEDULER_ENV` (:func:`clusterlib.batch.kernel_environment`); an interactive session
sets them, or passes a :class:`Backend` to :func:`run_parallel`. See docs/forecasting.md, "Scale and
backends".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from joblib import Parallel, delayed, parallel_config

from clusterlib.exceptions import ParameterError
from clusterlib.messages import message
from clusterlib.params import backend_problems
from clusterlib.progress import progress_bar

BACKEND_ENV = "CLUSTERLIB_BACKEND"
SCHEDULER_ENV = "CLUSTERLIB_SCHEDULER"
PROGRESS_MIN_TASKS = 50
"""Runs with more fits than this show a progress bar unless ``progress=False``."""


@dataclass(frozen=True)
class Backend:
    """Where :func:`run_parallel` sends its tasks: ``name`` in BACKENDS, Dask scheduler address."""

    name: str = "local"
    scheduler: str = ""


def active_backend() -> Backend:
    """The backend the environment variables name (default: local).

    Raises
    ------
    ParameterError
        Naming the variable and what was expected.
    """
    name = os.environ.get(BACKEND_ENV) or "local"
    scheduler = os.environ.get(SCHEDULER_ENV, "")
    names = {"backend": BACKEND_ENV, "scheduler": SCHEDULER_ENV}
    for key, problem in backend_problems(name, scheduler).items():  # one at most
        raise ParameterError(message("environment_variable", name=names[key], problem=problem))
    return Backend(name, scheduler)


def run_parallel(
    function: Callable[..., Any],
    tasks: list[tuple],
    n_jobs: int = 1,
    progress: bool | None = None,
    desc: str = "",
    backend: Backend | None = None,
) -> list[Any]:
    """``[function(*task) for task in tasks]``, in order, on the backend, with an optional bar.

    Parameters
    ----------
    function : callable
        Importable (module-level) function: Dask workers and joblib processes pickle it.
    tasks : list of tuple
        Positional arguments of each call.
    n_jobs : int
        Local joblib workers (1: in this process); the Dask backend uses every worker.
    progress : bool, optional
        Show a progress bar; default only for more than 50 tasks.
    desc : str
        Label of the bar.
    backend : Backend, optional
        Default :func:`active_backend`.
    """
    backend = active_backend() if backend is None else backend
    show = len(tasks) > PROGRESS_MIN_TASKS if progress is None else progress
    if backend.name == "dask":
        results = _on_dask(function, tasks, backend.scheduler)
    elif n_jobs == 1:
        results = (function(*task) for task in tasks)
    else:
        run = Parallel(n_jobs=n_jobs, return_as="generator")
        results = run(delayed(function)(*task) for task in tasks)
    return list(progress_bar(results, total=len(tasks), disable=not show, desc=desc))


def _on_dask(function: Callable[..., Any], tasks: list[tuple], scheduler: str) -> Iterator[Any]:
    """Results in order, computed through joblib's Dask backend on ``scheduler``'s workers."""
    with parallel_config(backend="dask", client=dask_client(scheduler)):
        run = Parallel(n_jobs=-1, return_as="generator")
        yield from run(delayed(function)(*task) for task in tasks)


@cache
def dask_client(scheduler: str) -> Any:
    """One ``distributed.Client`` per scheduler address, kept for the session.

    Raises
    ------
    ParameterError
        If the optional ``dask`` extra is not installed or the scheduler cannot be reached.
    """
    try:
        from distributed import Client
    except ImportError as error:
        raise ParameterError(message("dask_not_installed")) from error
    try:
        return Client(scheduler, set_as_default=False, timeout="20s")
    except OSError as error:
        raise ParameterError(
            message("scheduler_unreachable", scheduler=scheduler, error=str(error))
        ) from error
