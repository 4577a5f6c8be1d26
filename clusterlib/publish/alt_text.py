"""Charts' descriptions (alt text) on the report pages: a figure's title, carried from the
notebook's output to the page's ``<img alt>``."""

from __future__ import annotations

import sys
from html import escape
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

if TYPE_CHECKING:
    from nbformat import NotebookNode

PNG = "image/png"
ALT = "alt"
"""Key of a PNG output's metadata holding its description (as ``width`` and ``height``)."""


def chart_description(figure: Figure) -> str:
    """What a chart shows, in its own words: its label (``figure.set_label``) if set, else its
    title over all panels (``suptitle``), else its first panel's title; lines joined by a space;
    "" when it has none of them."""
    if figure.get_label():
        return str(figure.get_label())
    titles = [figure.get_suptitle()]
    if figure.axes:
        axes = figure.axes[0]
        titles += [axes.get_title(loc=loc) for loc in ("left", "center", "right")]
    title = next((text for text in titles if text), "")
    return " ".join(line.strip() for line in title.splitlines() if line.strip())


def describe_charts() -> None:
    """In a notebook, let every matplotlib figure it displays carry its
    :func:`chart_description` in the PNG output's metadata (``{"image/png": {"alt": …}}``);
    outside IPython nothing. Idempotent; the chart builders call it.

    The description goes through IPython's mime-bundle formatter, which the inline backend of
    matplotlib does not replace (it sets the PNG formatter), so the order of imports does not
    matter: figures shown by pyplot at the cell's end and figures a cell returns alike.
    """
    ipython = sys.modules.get("IPython")  # not imported: not in a notebook (no slow import)
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return
    shell.display_formatter.mimebundle_formatter.for_type(Figure, _description_metadata)


def _description_metadata(
    figure: Figure, include: object = None, exclude: object = None
) -> tuple[dict, dict]:
    """No data (the PNG formatter draws the figure), only the description as metadata."""
    description = chart_description(figure)
    return {}, ({PNG: {ALT: description}} if description else {})


def with_alt_text(notebook: NotebookNode) -> int:
    """Give each PNG output of ``notebook`` that carries a description (:func:`describe_charts`)
    an HTML form, the embedded image with that description as its alt text, which nbconvert
    prefers to the PNG (it writes its English default alt text on images without one).
    Returns the number of images described."""
    described = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            description = output.get("metadata", {}).get(PNG, {}).get(ALT)
            if PNG not in data or not description or "text/html" in data:
                continue
            source = "data:image/png;base64," + "".join(str(data[PNG]).split())
            data["text/html"] = f'<img src="{source}" alt="{escape(str(description))}">'
            described += 1
    return described
