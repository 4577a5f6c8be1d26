"""The one workbook writer: labelled, formatted sheets from tidy tables (all three workbooks)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from clusterlib.labels import (
    METRIC_WORDS,
    OWN_NAMES,
    check_lang,
    code_name,
    column_format,
    column_label,
    own_names,
    period_name,
    reason_expected,
    t,
    target_label,
    word_label,
)

NUMBER_FORMATS = {  # format kind of data/catalog/columns.csv → Excel number format
    "growth": "0.0",
    "pp": "0.0",
    "decimal": "0.0",
    "ratio": "0.00",
    "percent": "0.0%",
    "count": "0",
    "money": "#,##0.0",
}
DECIMALS = {"growth": 1, "pp": 1, "decimal": 1, "ratio": 2, "percent": 3, "count": 0, "money": 1}
"""Decimals each format kind shows (percent: of the fraction, 0.0% = 3): a negative value that
shows as zero is written as 0, so that no cell reads -0.0."""
CODE_KINDS = ("region", "goal", "indicator", "metric", "column")
"""Columns of codes that the sheets show as names (the codes move to the last columns)."""
MAX_SHEET_TITLE = 31  # characters Excel keeps of a sheet name
MAX_WIDTH = 60
"""Widest column, in characters (a CJK character counts two)."""
BOOLEANS = {"True": True, "False": False, "true": True, "false": False}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
RANK_GROUPS = ("cluster", "segment")
"""Columns within whose groups a table's ranks count (sorted group by group)."""
NAME_IDS = {"goal_id": "goal"}
"""Column ids under which the names of a column of codes go (default: the same id)."""
TARGET_NUMBER = "threshold_value"
"""Column id of a goal's target as a number, beside 目标值 in words (目标值（数值）)."""
CODE_SUFFIX = "#code"
"""Suffix of the id of a column of codes moved to the end (header: 'Xxx 代码')."""
NAME_SUFFIX = "_name"
"""Suffix of a column holding the names of a column of codes (``region_name`` of ``region``):
the sheets show it where the codes stand (地区 first, not after the figures)."""
NAME_COLUMNS = ("name_zh",)
"""Columns of Chinese names that the sheets leave out where they only repeat the catalogue's
names of a column of codes (集聚区亩均效益's 中文名称 beside 集聚区); the CSVs keep them."""

Header = Callable[[str, str], str]


def neutralise(value: Any) -> Any:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe.

    Numbers (including negative ones such as ``-1.5`` and text that reads as a number) are
    left alone; only text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
    changed.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name (already in the run's language) and a tidy table with English ids.

    ``title`` lines go above the table (a sheet with its own title carries its own synthetic
    mark; without one the writer adds it), ``notes`` below it; ``header`` overrides the
    workbook's header function for this sheet (e.g. units that differ by sheet); ``kinds``
    the display kinds of columns (:data:`NUMBER_FORMATS`) that the catalogue of columns
    cannot tell (a count of firms among other indicators' values).
    """

    name: str
    table: pd.DataFrame
    title: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    header: Header | None = None
    kinds: dict[str, str] = field(default_factory=dict)


def write_sheets(
    path: Path,
    sheets: list[Sheet],
    lang: str = "zh",
    synthetic: bool = False,
    header: Header = column_label,
) -> None:
    """Write ``sheets`` to ``path`` as an office reads them.

    Each sheet: ranked tables sorted by rank; region, goal and indicator codes shown as names
    (the codes kept in last columns for scripts); statuses and booleans (是/否) in ``lang``;
    headers from ``header`` (default the catalogue of columns, data/catalog/columns.csv);
    numbers in the display format of their column's kind; the header row frozen and the
    columns fitted to their content. With ``synthetic``, a first row says the data are demo.

    Parameters
    ----------
    path : Path
        The ``.xlsx`` file.
    sheets : list of Sheet
        Sheet names (at most 31 characters are kept) and tables with English column ids.
    lang : str
        "zh" or "en".
    synthetic : bool
        Whether the data are synthetic demonstration data.
    header : callable
        ``header(column_id, lang)``: the column's header; a header equal to the id falls back
        to the catalogue, then to the id with spaces.
    """
    check_lang(lang)
    book = Workbook()
    book.properties.creator = ""  # not "openpyxl"
    book.properties.language = "zh-CN" if lang == "zh" else "en-US"
    book.remove(book.active)
    for sheet in sheets:
        shown = display_table(sheet.table, lang)
        headers = [_header(column, lang, sheet.header or header) for column in shown.columns]
        title = sheet.title or ((t("synthetic", lang),) if synthetic else ())
        ws = book.create_sheet(sheet_title(sheet.name))
        _write_sheet(ws, shown, headers, title, t("synthetic", lang), sheet.kinds)
        for row, line in enumerate(sheet.notes, start=ws.max_row + 2):
            ws.cell(row, 1, line)
    book.save(path)


def sheet_title(name: str) -> str:
    """``name`` as Excel allows a sheet title: none of ``[]:*?/\\``, at most 31 characters;
    a longer name is cut after its last whole word that fits, marked with …, so that no word
    is cut in half ("Value added of above-scale…")."""
    title = re.sub(r"[\[\]:*?/\\]", "-", name)
    if len(title) <= MAX_SHEET_TITLE:
        return title
    head = title[: MAX_SHEET_TITLE - 1]
    words = head.rsplit(" ", 1)[0] if " " in head.strip() else head
    return words.rstrip(" ,;-") + "…"


def display_table(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """``table`` for reading: sorted by rank, codes as names (codes last), words in ``lang``.

    Names come from the catalogues (regions, goals, indicators, column headers for column ids,
    words such as 合计), or from the rows' own names (:data:`clusterlib.labels.OWN_NAMES`).

    Column ids are kept (headers are the writer's job), except that a goal's name goes under
    ``goal`` (目标) and its id under ``goal_id`` (目标编号) last. Booleans become 是/否 (Yes/No);
    a goal's target (目标值) reads in words with its unit: 高于全市 for 0 points above the city,
    48万元/亩, 4000亿元 (:func:`clusterlib.labels.target_label`, the goal's ``unit``), and the
    number stays for scripts under :data:`TARGET_NUMBER` (目标值（数值）), before the codes.
    A column of :data:`NAME_COLUMNS` that only repeats the names of a column of codes is left
    out, and in English always (its codes are named in English); the rows' own names of a
    column of codes (``region_name``, :data:`NAME_SUFFIX`) stand where the first of the two
    stood.
    """
    table = by_rank(table.reset_index(drop=True))
    named = own_names(table, lang)
    codes = {}
    shown = {}
    numbers = {}
    for column in table.columns:
        kind = column_format(column)
        values = table[column]
        own = column in {OWN_NAMES[code] for code in named} or _repeats_names(table, column)
        if own or (lang != "zh" and column in NAME_COLUMNS):
            continue  # shown under its code column; Chinese names not in English sheets
        if _names_codes(table, column):
            continue  # shown where its codes stand
        if kind in CODE_KINDS and not pd.api.types.is_numeric_dtype(values):
            codes[column] = values
            if f"{column}{NAME_SUFFIX}" in table:  # the rows' names, where either stands first
                if not _names_codes(table, f"{column}{NAME_SUFFIX}"):
                    continue  # the names came first
                column = f"{column}{NAME_SUFFIX}"
                values = table[column]
            elif column in named:
                values = named[column]
            else:
                values = values.map(lambda v, k=kind: _name(v, k, lang))
            column = NAME_IDS.get(column, column)
        elif kind in ("word", "status"):
            values = values.map(lambda v: word_label(v, lang) if isinstance(v, str) else v)
        elif kind == "period":  # 2019年第三季度, 2019年6月 in zh; as given in en
            values = values.map(
                lambda v: period_name(str(v), lang) if isinstance(v, str | pd.Period) else v
            )
        elif column == "threshold" and "metric" in table:  # 目标值: 高于全市, 48万元/亩
            numbers[TARGET_NUMBER] = values  # the number, for scripts
            units = _goal_units(table)
            targets = zip(table["metric"], values, units, strict=True)
            values = pd.Series(
                [target_label(m, v, lang, u) for m, v, u in targets],
                index=values.index,
                dtype=object,
            )
        elif kind == "expected" and "reason" in table:  # 说明: what the reason's value should be
            values = table["reason"].map(lambda r: reason_expected(r, lang) if r else "")
        elif kind == "bool" or pd.api.types.is_bool_dtype(values):
            values = values.map(lambda v: _boolean(v, lang))
        shown[column] = values
    frame = pd.DataFrame(shown | numbers)
    for column, values in codes.items():
        frame[f"{column}{CODE_SUFFIX}"] = values
    return frame


def _names_codes(table: pd.DataFrame, column: str) -> bool:
    """Whether ``column`` holds the names of a column of codes that stands before it
    (``region_name`` after ``region``: the names are shown in the codes' place)."""
    codes = column.removesuffix(NAME_SUFFIX)
    if column == codes or codes not in table or column_format(codes) not in CODE_KINDS:
        return False
    columns = list(table.columns)
    return columns.index(codes) < columns.index(column)


def _goal_units(table: pd.DataFrame) -> list[str | None]:
    """The unit of each row's goal (``goal_id``, params/goals.yaml), None where unknown."""
    from clusterlib.goals.catalogue import goal_units  # the goal tables only

    if "goal_id" not in table:
        return [None] * len(table)
    units = goal_units()
    return [units.get(str(goal)) for goal in table["goal_id"]]


def _repeats_names(table: pd.DataFrame, column: str) -> bool:
    """Whether ``column`` (one of :data:`NAME_COLUMNS`) holds, row by row, the Chinese names of
    the codes of another column (集聚区亩均效益's ``name_zh``: the names of ``cluster``)."""
    if column not in NAME_COLUMNS or table.empty:
        return False
    names = table[column].astype(str)
    kinds = {other: column_format(other) for other in table.columns if other != column}
    return any(
        names.equals(table[other].map(lambda v, k=kind: str(_name(v, k, "zh"))))
        for other, kind in kinds.items()
        if kind in CODE_KINDS and not pd.api.types.is_numeric_dtype(table[other])
    )


def by_rank(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` sorted by its ``rank`` column (if any): the city first, unranked rows last.

    Ranks counted within groups (the enterprises' rank within their cluster and segment,
    :data:`RANK_GROUPS`) are sorted within each group, the groups in order of appearance.
    """
    if "rank" not in table:
        return table
    order = pd.to_numeric(table["rank"], errors="coerce").fillna(float("inf"))
    if "region" in table:
        order[table["region"] == "city"] = float("-inf")
    keys = {f"#{c}": pd.factorize(table[c])[0] for c in RANK_GROUPS if c in table}
    ordered = pd.DataFrame(keys | {"#rank": order.to_numpy()})
    rows = ordered.sort_values(list(ordered.columns), kind="stable").index
    return table.iloc[rows].reset_index(drop=True)


def _name(value: object, kind: str, lang: str) -> object:
    """The name of a region, goal, indicator, goal metric or column id
    (:func:`clusterlib.labels.code_name`); other values unchanged."""
    if not isinstance(value, str) or not value:
        return value
    return metric_label(value, lang) if kind == "metric" else code_name(value, kind, lang)


def metric_label(metric: str, lang: str = "zh") -> str:
    """A goal metric in words: ``fai.ytd_growth_minus_city_pp`` → 固定资产投资·累计增速高于全市…"""
    position = check_lang(lang)
    indicators, _, measure = metric.partition(".")
    if indicators in METRIC_WORDS:
        return METRIC_WORDS[indicators][position]
    names = "/".join(code_name(i, "indicator", lang) for i in indicators.split("/"))
    words = METRIC_WORDS[measure][position] if measure in METRIC_WORDS else measure
    return f"{names}·{words}" if words else names


def _boolean(value: object, lang: str) -> object:
    value = BOOLEANS.get(value, value) if isinstance(value, str) else value
    if isinstance(value, bool) or (not pd.isna(value) and value in (0, 1)):
        return ("是", "Yes")[lang == "en"] if value else ("否", "No")[lang == "en"]
    return value


def _header(column: str, lang: str, header: Header) -> str:
    """The column's header: ``header``, else the catalogue, else the id spelled out."""
    if column.endswith(CODE_SUFFIX):
        label = _header(column.removesuffix(CODE_SUFFIX), lang, header)
        kept = ("代码", "编号") if lang == "zh" else (" id",)
        return label if label.endswith(kept) else label + ("代码", " id")[lang == "en"]
    label = header(column, lang)
    if label == column:
        label = column_label(column, lang)
    return label.replace("_", " ") if label == column else label


def _write_sheet(
    ws: Worksheet,
    table: pd.DataFrame,
    headers: list[str],
    title: tuple[str, ...],
    mark: str,
    kinds: dict[str, str],
) -> None:
    """Bold title rows (red where they hold the synthetic ``mark``), bold frozen header row,
    values formatted by their column's kind (``kinds``, else the catalogue's), fitted widths."""
    for row, line in enumerate(title, start=1):
        if not line:  # a spacer row
            continue
        red = mark.lower() in line.lower()
        ws.cell(row, 1, line).font = Font(bold=True, color="C00000" if red else None)
    first = len(title) + 1
    for j, text in enumerate(headers, start=1):
        cell = ws.cell(first, j, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=False)
    ws.freeze_panes = ws.cell(first + 1, 1)
    widths = [display_width(text) for text in headers]
    for j, column in enumerate(table.columns):
        kind = kinds.get(column) or column_format(column.removesuffix(CODE_SUFFIX))
        number_format = NUMBER_FORMATS.get(kind)
        values = table[column]
        numeric = number_format is not None and not column.endswith(CODE_SUFFIX)
        texts = values
        if numeric:
            values = pd.to_numeric(values.replace("", None), errors="coerce")
        for i, (value, text) in enumerate(zip(values, texts, strict=True), start=first + 1):
            if pd.isna(value):
                if isinstance(text, str) and text:  # a word in a column of numbers: 未设目标
                    ws.cell(i, j + 1, _cell_value(text))
                    widths[j] = max(widths[j], display_width(text))
                continue
            if numeric and float(value) < 0 and round(float(value), DECIMALS[kind]) == 0:
                value = 0.0  # -0.0093 as 0.0 would read -0.0
            cell = ws.cell(i, j + 1, _cell_value(value))
            if numeric:
                cell.number_format = number_format
                widths[j] = max(widths[j], display_width(_shown(float(value), kind)))
            else:
                widths[j] = max(widths[j], display_width(str(value)))
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(width + 2, MAX_WIDTH)


def _cell_value(value: object) -> object:
    """Plain Python value for openpyxl; text a spreadsheet would run is neutralised."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, pd.Period | pd.Timestamp):
        value = str(value)
    return neutralise(value)


def _shown(value: float, kind: str) -> str:
    """How a number reads in its format (for the column width)."""
    if kind == "percent":
        return f"{value:.1%}"
    if kind == "count":
        return f"{value:.0f}"
    return f"{value:,.2f}" if kind == "ratio" else f"{value:,.1f}"


def display_width(text: str) -> int:
    """Display width of ``text``: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
