"""Charts' alt text on the report pages: the figure's title, carried as PNG metadata from the
notebook's output to the page, in the report's language (not nbconvert's English default)."""

from __future__ import annotations

import base64

import nbformat
from html_page import Page
from IPython.core.interactiveshell import InteractiveShell
from IPython.core.pylabtools import select_figure_formats
from matplotlib.figure import Figure

from clusterlib.publish.alt_text import chart_description, describe_charts, with_alt_text
from clusterlib.publish.bulletin import write_bulletin_html
from clusterlib.publish.fonts import use_cjk_font

DEFAULT_ALT = "No description has been provided for this image"
PIXEL = base64.b64encode(b"\x89PNG\r\n\x1a\n not really a picture").decode("ascii")


def test_a_chart_is_described_by_its_label_its_suptitle_or_its_first_panels_title():
    figure = Figure()
    assert chart_description(figure) == ""  # nothing to say: no description
    axes = figure.add_subplot()
    axes.set_title("2018年度产业集聚区\n综合排名", loc="left")
    assert chart_description(figure) == "2018年度产业集聚区 综合排名"  # lines joined
    figure.suptitle("规模以上工业增加值 · 累计增速 (%)")
    assert chart_description(figure) == "规模以上工业增加值 · 累计增速 (%)"
    figure.set_label("图1　规模以上工业增加值")
    assert chart_description(figure) == "图1　规模以上工业增加值"


def test_a_shown_figure_carries_its_description_as_png_metadata():
    """Whatever the order: the inline backend (re)sets the PNG formatter after our call."""
    shell = InteractiveShell.instance()
    try:
        describe_charts()
        select_figure_formats(shell, {"png"})  # as matplotlib's inline backend does
        use_cjk_font()  # the title's glyphs
        figure = Figure()
        figure.add_subplot().set_title("固定资产投资 · 累计增速 (%)")
        data, metadata = shell.display_formatter.format(figure)
        assert "image/png" in data  # the PNG is still drawn by the PNG formatter
        assert metadata["image/png"]["alt"] == "固定资产投资 · 累计增速 (%)"
    finally:
        InteractiveShell.clear_instance()  # later tests run outside IPython again


def test_the_page_describes_each_chart_and_leaves_no_english_default(tmp_path):
    notebook = nbformat.v4.new_notebook()
    described = nbformat.v4.new_output(
        "display_data",
        data={"image/png": PIXEL, "text/plain": "<Figure>"},
        metadata={"image/png": {"alt": "2018年度产业集聚区综合排名与排名区间 <80%>"}},
    )
    notebook.cells = [nbformat.v4.new_code_cell("chart()", outputs=[described])]
    notebook.metadata["papermill"] = {"parameters": {"lang": "zh"}}
    assert with_alt_text(nbformat.from_dict(notebook)) == 1
    nbformat.write(notebook, tmp_path / "page.ipynb")
    write_bulletin_html(tmp_path / "page.ipynb", tmp_path / "page.html", "考评")
    page = Page((tmp_path / "page.html").read_text(encoding="utf-8"))
    assert page.alts == ["2018年度产业集聚区综合排名与排名区间 <80%>"]  # escaped, read back
    # an image without a description keeps nbconvert's default (nothing to say instead)
    bare = nbformat.v4.new_output("display_data", data={"image/png": PIXEL})
    assert with_alt_text(nbformat.from_dict({"cells": [{"outputs": [bare]}]})) == 0
