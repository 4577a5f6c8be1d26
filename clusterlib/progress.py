"""Progress bars: widgets in a JupyterLab kernel, plain text under papermill and in terminals."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from tqdm import tqdm as text_tqdm

PROGRESS_ENV = "CLUSTERLIB_PROGRESS"
"""Environment variable forcing the bar style: ``text`` (the batch sets it for its kernels)."""


def bar_style() -> str:
    """``"widget"`` in an interactive Jupyter kernel with ipywidgets, else ``"text"``.

    Notebooks executed by papermill run in the same kind of kernel but nobody sees their
    widgets: a widget bar would leave ``HBox(children=...)`` junk in the stored outputs. The
    batch therefore sets ``CLUSTERLIB_PROGRESS=text`` for its kernels; so should anyone who
    runs the notebooks with papermill by hand.
    """
    if os.environ.get(PROGRESS_ENV, "").strip().lower() == "text":
        return "text"
    if not _in_jupyter_kernel():
        return "text"
    try:
        import ipywidgets  # noqa: F401  (tqdm.notebook needs it; without it tqdm warns)
    except ImportError:
        return "text"
    return "widget"


def progress_bar(iterable: Iterable[Any] | None = None, **options: Any) -> Any:
    """A tqdm bar of the style :func:`bar_style` picks; ``options`` go to tqdm."""
    if bar_style() == "widget":
        from tqdm.notebook import tqdm as widget_tqdm

        return widget_tqdm(iterable, **options)
    return text_tqdm(iterable, **options)


def _in_jupyter_kernel() -> bool:
    """Whether this code runs in an IPython kernel (a notebook), not a terminal or script."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"
