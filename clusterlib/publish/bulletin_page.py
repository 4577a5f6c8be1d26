"""The bulletin (季通报) as HTML: the layout's sections, escaped, charts embedded and described."""

from __future__ import annotations

from base64 import b64encode
from html import escape

import pandas as pd

from clusterlib.labels import BULLETIN_TEXT
from clusterlib.publish.bulletin_layout import (
    BulletinContent,
    Chart,
    Table,
    is_number_column,
    png,
    sections,
)

CHART_WIDTH = "100%"
"""A chart's width on the page, at most its own (the Word document's is 150 mm)."""
NOTICE_STYLE = "color:#b00;font-weight:bold"
NOTE_STYLE = "font-size:smaller;color:#555"


def bulletin_html(content: BulletinContent, lang: str = "zh") -> str:
    """``content`` as the bulletin's HTML: the title, the demo notice, the numbered sections
    of :func:`~clusterlib.publish.bulletin_layout.sections` as ``bulletin.docx`` has them, and
    the methods note in small print; every piece of text is escaped (names come from data
    files), and a chart's caption is also its alt text."""
    parts = [f"<h1>{escape(content.title)}</h1>"]
    if content.synthetic:
        notice = escape(BULLETIN_TEXT[lang]["synthetic"])
        parts.append(f'<p style="{NOTICE_STYLE}">{notice}</p>')
    for section in sections(content, lang):
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        for block in section.blocks:
            if isinstance(block, Table):
                parts.append(table_html(block))
            elif isinstance(block, Chart):
                parts.append(chart_html(block))
            else:
                parts.append(f"<p>{escape(block)}</p>")
    if content.note:
        parts.append(f'<p style="{NOTE_STYLE}">{escape(content.note)}</p>')
    return "\n".join(parts)


def table_html(table: Table) -> str:
    """A table under its caption: headers centred, text left and numbers right, escaped."""
    right = [is_number_column(table.frame[c]) for c in table.frame.columns]
    head = "".join(
        f'<th style="text-align:center">{escape(str(c))}</th>' for c in table.frame.columns
    )
    rows = [
        "<tr>"
        + "".join(
            f'<td style="text-align:{"right" if r else "left"}">{_cell(v)}</td>'
            for v, r in zip(row, right, strict=True)
        )
        + "</tr>"
        for row in table.frame.itertuples(index=False)
    ]
    return (
        f"<table><caption>{escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def chart_html(chart: Chart) -> str:
    """A chart as an embedded PNG, centred, its caption below and as its alt text."""
    source = "data:image/png;base64," + b64encode(png(chart.figure)).decode("ascii")
    caption = escape(chart.caption)
    return (
        f'<figure style="text-align:center"><img src="{source}" alt="{caption}" '
        f'style="max-width:{CHART_WIDTH}"><figcaption>{caption}</figcaption></figure>'
    )


def _cell(value: object) -> str:
    """A cell's text, escaped; missing values empty."""
    return "" if not isinstance(value, str) and pd.isna(value) else escape(str(value))
