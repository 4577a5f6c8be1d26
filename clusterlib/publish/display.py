"""Tables for reading in a notebook: headers, names instead of codes, rounded numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

import numpy as np
import pandas as pd
from IPython.display import HTML

from clusterlib.labels import (
    LABELS,
    REPORT_SECTIONS,
    check_lang,
    code_name,
    column_format,
    column_label,
    own_names,
    period_name,
    reason_label,
    report_title,
    status_label,
    t,
    word,
)
from clusterlib.ledger.labels import value_label
from clusterlib.messages import Message

REGION_COLUMNS = ("region", "scope", "cluster", "next_region")
"""Columns holding region ids (catalogue of regions), shown as the regions' names."""
CODE_COLUMNS = {"goal_id": "goal", "indicator": "indicator", "column": "column"}
"""Other columns of codes, with their kind of :func:`clusterlib.labels.code_name`."""
HEADER_OF = {"goal_id": "goal"}
"""Columns whose header is another column's label (the cells hold names, not codes)."""
LEDGER_WORD_COLUMNS = (
    "status",
    "plan_status",
    "target_source",
    "progress_status",
    "seasonal_basis",
    "projection_note",
    "slip",
    "three_fifty",
)
"""Columns of the ledger whose words come from :mod:`clusterlib.ledger.labels`."""
PERCENT_PREFIXES = ("probability", "p_ahead", "p_beat", "p_stars", "share_", "coverage_")
"""Columns holding shares (0–1), shown as whole percentages."""


def show(
    table: pd.DataFrame,
    lang: str = "zh",
    columns: Sequence[str] | None = None,
    digits: int | Mapping[str, int] = 1,
) -> pd.DataFrame:
    """``table`` as a reader sees it: headers, names and words in ``lang``, rounded numbers.

    Region ids (:data:`REGION_COLUMNS`) become region names, ``goal_id`` goal names,
    ``indicator`` indicator names (the rows' own, :data:`clusterlib.labels.OWN_NAMES`, where
    they carry them), ``status`` goal statuses (:mod:`clusterlib.labels`) or the
    ledger's words (:mod:`clusterlib.ledger.labels`), ``reason`` data-quality reasons;
    booleans and code words (models, forms of publication) read as words of
    :data:`clusterlib.labels.WORDS`. Shares (:data:`PERCENT_PREFIXES`) are whole percentages,
    columns of whole numbers integers, other numbers have ``digits`` decimals (one number, or
    per column with 1 for the others); a column of object cells holding integers among floats
    (counts beside amounts) keeps the integers whole; missing values are empty. Headers come from
    :func:`clusterlib.labels.column_label`. Only for display: the cells are text.

    Parameters
    ----------
    table : pd.DataFrame
        A result table with the code's column ids.
    lang : str
        "zh" (中文) or "en".
    columns : sequence of str, optional
        The columns to show, in this order (default: all).
    digits : int or mapping of str to int
        Decimals of the numbers that are neither shares nor whole.

    Returns
    -------
    pd.DataFrame
        Text cells, labelled headers, an empty index (the rows' order is ``table``'s).

    Raises
    ------
    KeyError
        If a column of ``columns`` is not in ``table``.
    """
    check_lang(lang)
    picked = table.loc[:, list(columns)] if columns is not None else table
    named = {code: names for code, names in own_names(table, lang).items() if code in picked}
    picked = picked.assign(**named)  # rows that name themselves (OWN_NAMES)
    shown = pd.DataFrame(
        {
            column_label(HEADER_OF.get(str(name), str(name)), lang): _cells(
                picked[name], str(name), lang, digits
            )
            for name in picked.columns
        }
    )
    shown.index = pd.Index([""] * len(shown))
    return shown


WHOLE_TABLES = {
    "display.max_rows": 1000,
    "display.min_rows": 1000,
    "display.max_columns": None,
    "display.max_colwidth": None,
    "display.width": None,
}
"""pandas' display options under which a notebook shows its tables whole (no "…")."""


def show_whole_tables() -> None:
    """Show every table of this notebook whole: all rows up to 1000, all columns, full text.

    pandas' defaults cut a table after 60 rows and a cell after 50 characters (a source's
    address, a long reason) with "…", which an office reader cannot copy; the notebooks call
    this once, in their first cell.
    """
    for option, value in WHOLE_TABLES.items():
        pd.set_option(option, value)


def report_head(
    kind: str, synthetic: bool, lang: str = "zh", note: str = "", **fields: object
) -> HTML:
    """A report's title (:data:`clusterlib.labels.REPORT_TITLES`), for demo data the notice,
    and ``note`` (the data's gaps, :meth:`clusterlib.coverage.Coverage.sentence`) if any.

    The first output of the notebooks that the ledger and the evaluation turn into HTML pages;
    ``fields`` fill the title (``year``, ``month``, ``period``).
    """
    parts = [f"<h1>{escape(report_title(kind, lang, **fields))}</h1>"]
    if synthetic:
        parts.append(synthetic_notice(lang))
    if note:
        parts.append(f'<p style="font-weight:bold">{escape(note)}</p>')
    return HTML("\n".join(parts))


def synthetic_notice(lang: str = "zh") -> str:
    """The demo-data notice of a report page, as HTML (red, bold)."""
    notice = escape(report_title("notice", lang))
    return f'<p style="color:#b00;font-weight:bold">{notice}</p>'


def section(key: str, lang: str = "zh") -> HTML:
    """A numbered section head of a report (:data:`clusterlib.labels.REPORT_SECTIONS`) in
    ``lang``: 一、方案目标状态 / 1. The plan's test."""
    return HTML(f"<h2>{escape(REPORT_SECTIONS[key][check_lang(lang)])}</h2>")


class Line:
    """A line of a report's text shown as HTML (``<tag>``) on its page and as the plain text
    itself in Jupyter's text view, and so in nbval's comparison of a checked cell."""

    def __init__(self, text: str, tag: str = "p") -> None:
        self.text = text
        self.tag = tag

    def _repr_html_(self) -> str:
        return f"<{self.tag}>{escape(self.text)}</{self.tag}>"

    def __repr__(self) -> str:
        return self.text


def caption(text: str) -> Line:
    """A table's caption (表1　规模以上工业增加值（2019年1—6月）) above it on a report page.

    The page keeps a notebook's displayed outputs only (printed text is left out), so a
    caption is shown, not printed."""
    return Line(text, "h3")


def paragraph(text: str) -> Line:
    """A sentence of a report page, such as the note under a table (not printed: the page
    leaves printed text out)."""
    return Line(text, "p")


def say(key: str, lang: str = "zh", **fields: object) -> None:
    """Print the sentence ``key`` of :data:`clusterlib.labels.LABELS` in ``lang``, filled in."""
    print(t(key, lang).format(**fields))


def _cells(
    values: pd.Series, name: str, lang: str, digits: int | Mapping[str, int]
) -> list[object]:
    """One column's cells as text in ``lang``."""
    if pd.api.types.is_bool_dtype(values):  # nullable booleans: NA is an empty cell
        return ["" if pd.isna(v) else word(v, lang) for v in values]
    if pd.api.types.is_numeric_dtype(values):
        template = _format(values, name, digits)
        return [_number(v, template) for v in values]
    if _numbers_only(values):  # counts of projects beside amounts: each number as its kind
        template = _format(pd.to_numeric(values), name, digits)
        return [_number(v, "{:.0f}" if _is_whole(v) else template) for v in values]
    if _words_among_numbers(values):  # 不参与排名 in a column of ranks: the numbers formatted
        template = _format(pd.to_numeric(values.where(values.map(_is_number))), name, digits)
        return [_number(v, template) if _is_number(v) else _name(v, name, lang) for v in values]
    return [_name(v, name, lang) for v in values]


def _is_number(value: object) -> bool:
    """Whether a cell holds a number, NaN included (an empty cell), not a boolean."""
    return isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_)


def _is_whole(value: object) -> bool:
    """Whether a cell holds an integer (Python's or numpy's), not a float that happens to be
    whole."""
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _numbers_only(values: pd.Series) -> bool:
    """Whether a column of object cells holds numbers only (integers among floats), some."""
    present = values[values.notna()]
    return not present.empty and bool(present.map(_is_number).all())


def _words_among_numbers(values: pd.Series) -> bool:
    """Whether a column of text cells holds numbers and words only (some of each)."""
    present = values[values.map(lambda v: isinstance(v, str) or not pd.isna(v))]
    numbers = present.map(_is_number)
    return bool(numbers.any()) and bool(present[~numbers].map(lambda v: isinstance(v, str)).all())


def _format(values: pd.Series, name: str, digits: int | Mapping[str, int]) -> str:
    """The format of a numeric column: whole percentages, integers, or fixed decimals."""
    if name.startswith(PERCENT_PREFIXES):
        return "{:.0%}"
    places = digits if isinstance(digits, int) else digits.get(name, 1)
    present = values.dropna().astype(float)
    if name not in (digits if isinstance(digits, Mapping) else {}) and (
        present.empty or (present == present.round()).all()
    ):
        return "{:.0f}"
    return f"{{:.{places}f}}"


def _number(value: object, template: str) -> str:
    """A number formatted, or an empty cell when missing."""
    return "" if pd.isna(value) else template.format(float(value))


def _name(value: object, column: str, lang: str) -> object:
    """A code of a text column as its name in ``lang``; missing values empty; a message told
    in ``lang`` (a problem table's ``message`` column)."""
    if isinstance(value, Message):
        return value.text(lang)
    if not isinstance(value, str) and pd.isna(value):
        return ""
    text = str(value)
    kind = "region" if column in REGION_COLUMNS else CODE_COLUMNS.get(column)
    if kind is not None:
        return code_name(text, kind, lang)
    if column == "reason":
        return reason_label(text, lang)
    if column == "status" and text.replace(" ", "_") in LABELS:  # a goal's status
        return status_label(text, lang)
    if column in LEDGER_WORD_COLUMNS:  # the ledger's statuses and notes
        return value_label(text, lang)
    if column_format(column) == "period":  # 2019年第三季度, 2019年6月 in zh
        return period_name(text, lang)
    return word(value, lang)
