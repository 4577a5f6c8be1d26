"""What a release table's header says: the sheet being read, its name columns and value columns."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from clusterlib import catalog
from clusterlib.exceptions import Problem
from clusterlib.inputs import cells
from clusterlib.inputs.layouts import GROWTH_IF_PERCENT, Layout, is_letter
from clusterlib.inputs.names import key, lookup
from clusterlib.inputs.records import quoted
from clusterlib.inputs.release_tables import Sheet
from clusterlib.messages import Message, message

# A release table comes out within two months of the month its period ends (1—12月 in
# January or February of the next year); a file is often named by that month.
RELEASE_MONTHS = 2
_NOTE_UNIT = re.compile(r"单位\s*[:：]\s*([^\s,，;；)]+)")
# "比上年同期增长", "较2018年同期", "与去年同期相比": a comparison with a year earlier, which
# this year's growth columns print; any other "同期" ("上年同期(亿元)", "去年同期增长") is a
# figure of the same period a year earlier.
_COMPARED = re.compile(r"[比较与]\s*(?:上年|去年|(?:19|20)\d{2}\s*年?)?\s*同期")
# What a growth or level header may print before its measure word (a comparison: "比上年",
# "较去年同期", "与上年同期相比", "同比", "累计") and after it ("率", "幅度"), besides signs and
# units. Anything else beside the measure word ("规上工业增加值增长(%)") names an indicator.
_SIGNS = r"[\s%±+\-/、,，:：;；()（）\[\]]"
_BEFORE_MEASURE = re.compile(
    rf"(?:{_SIGNS}|[比较与]?(?:上年|去年|上月|同期)+(?:相比)?|同比|环比|累计|本年|本期|本月|当月"
    r"|^[比较与]|[比较与]\s)+$"
)
_AFTER_MEASURE = re.compile(rf"^(?:{_SIGNS}|率|幅度|相比|百分点)+")
# What a header in % may print without a measure word and without naming an indicator: a
# share or rate of the column on its left ("占全市比重", "占比", "比例", "计划完成率", "时序进度")
# and a comparison. Anything else ("高新技术产业占比(%)") names an indicator.
_OF_LEFT = re.compile(
    rf"{_SIGNS}|占比|占|[全本][市省国区县]|比重|比例|份额|构成|百分比|完成|计划|目标|进度|时序"
    r"|年度|全年|率|的|同比|环比|[比较与]?(?:上年|去年|上月|同期)|相比|累计|本年|本期|本月|当月"
)


@dataclass(frozen=True)
class Column:
    """What a value column's header says: period, indicator, measure and printed unit."""

    index: int
    ref: str
    period: str | None
    period_type: str | None
    indicator: str | None
    measure: str | None
    unit: str | None


@dataclass(frozen=True)
class Label:
    """A text printed with the table that may say its period: what it is, its cell, the text."""

    kind: str  # "sheet name", "title", "header"
    ref: str  # the cell ("Sheet1!A1"), "" for the sheet name and a column's header
    text: str

    @property
    def where(self) -> Message:
        """``the title in Sheet1!A1``, ``the sheet name``."""
        said = f"label_{self.kind.replace(' ', '_')}"  # a title has its cell, other labels none
        return message(f"{said}_in", ref=self.ref) if self.ref else message(said)


@dataclass(frozen=True)
class Context:
    """One sheet being imported: its file, its texts outside the table, the layout's names."""

    file: str
    sheet: Sheet
    layout: Layout
    title: tuple[Label, ...]  # the non-empty cells above the header
    source_prefix: str
    regions: dict[str, str]
    indicators: dict[str, str]
    note_unit: str | None = None  # the unit of a "单位：万元" note above the header
    several: bool = False  # one of several sheets of its workbook

    def problem(self, row: int, column: int, said: str) -> Problem:
        """A problem at a sheet cell, printed as ``file, column 'Sheet1!B7': message``."""
        return Problem(self.file, None, self.sheet.ref(row, column), said)

    @property
    def labels(self) -> tuple[Label, ...]:
        """The sheet name and the title cells, in the order they are read for the period."""
        return (Label("sheet name", "", self.sheet.name), *self.title)

    @property
    def texts(self) -> tuple[str, ...]:
        """The texts that may give a column its period or year: labels, then the file name."""
        return (*(label.text for label in self.labels), Path(self.file).stem)


def sheet_context(path: Path, sheet: Sheet, layout: Layout, several: bool) -> Context:
    """The context of one sheet: title text, source prefix and the names the layout knows."""
    above = sheet.cells[: min(layout.header_rows) - 1]  # the title and note rows
    title = tuple(
        Label("title", sheet.ref(row, column), text)
        for row, texts in enumerate(above, start=1)
        for column, text in enumerate(texts, start=1)
        if text
    )
    note = _NOTE_UNIT.search(cells.normalise(" ".join(label.text for label in title)))
    prefix = f"{path.name}!{sheet.name}!" if several else f"{path.name}!"
    return Context(
        file=path.name,
        sheet=sheet,
        layout=layout,
        title=title,
        source_prefix=prefix,
        regions=lookup("region", layout.names),
        indicators=lookup("indicator", layout.indicators),
        note_unit=cells.unit_of(note[1]) if note else None,
        several=several,
    )


def period_conflicts(context: Context) -> list[Problem]:
    """A problem for the year and for the period if the sheet name and the title differ, or
    the file name and the first of them giving one.

    The file name's period is compared by its end alone ("主要指标2019年6月" names 1—6月),
    and only for a workbook of one sheet: a workbook of monthly sheets ("1—2月" … "1—6月") is
    named by its last month. A file named by the month the table is released in is no clash
    (:func:`_named_by_release`): "…2020年1月.xlsx" holding 2019年1—12月. A year clash is said
    once, without a period clash of the same file name.
    """
    year = _first(cells.parse_year, context.texts) or context.layout.year
    problems = []
    for what, read in (("year", cells.parse_year), ("period", partial(_period, context, year))):
        named, titled = _said(read, context.labels[:1]), _said(read, context.title)
        if named is not None and titled is not None and named[1] != titled[1]:
            said = _conflict(what, named, titled)
            problems.append(Problem(context.file, None, titled[0].ref, said))
    filed = Label("file name", "", Path(context.file).stem)
    if _named_by_release(context, filed.text):
        return problems
    ends = partial(_period_end, context, year)
    for what, read in (("year", cells.parse_year), ("period", ends)):
        if what == "period" and context.several:
            continue
        table, file = _said(read, context.labels), _said(read, [filed])
        if table is not None and file is not None and table[1] != file[1]:
            said = _conflict(what, file, table)
            problems.append(Problem(context.file, None, table[0].ref or None, said))
            break  # a file name of another year names another month of it too
    return problems


def _named_by_release(context: Context, name: str) -> bool:
    """True when a file name's year and month are those of the table's release: 0 to
    ``RELEASE_MONTHS`` months after the month its period ends ("2020年1月" for 2019年1—12月).

    The table's period is the sheet name's or title's, with the year they print; a file name
    without a month, or a table without its own year, is compared as printed. A workbook of
    several sheets is named by its last sheet, at most December of the table's year.
    """
    file_year, file_label = cells.parse_year(name), cells.parse_period_label(name)
    year = _said(cells.parse_year, context.labels)
    label = _said(cells.parse_period_label, context.labels)
    if file_year is None or file_label is None or year is None:
        return False
    if context.several:
        end = 12
    elif label is not None:
        end = label[1].end_month
    else:
        return False
    after = 12 * (file_year - year[1]) + file_label.end_month - end
    return 0 <= after <= RELEASE_MONTHS


def _period_end(context: Context, year: int | None, text: str) -> str | None:
    """The period a label ends in (``2019-06``, ``2019Q2``), whatever it spans."""
    period = _period(context, year, text)
    return None if period is None else period.split(" ")[0]


def _period(context: Context, year: int | None, text: str) -> str | None:
    """The period a label gives a column of the table (``2019-06 ytd``), if it gives one."""
    label = cells.parse_period_label(text)
    if label is None or year is None:
        return None
    return f"{cells.period_text(year, label, context.layout.frequency)} {label.period_type}"


def _said(read: Callable[[str], Any], labels: Iterable[Label]) -> tuple[Label, Any] | None:
    """The first label ``read`` gets something from, with what it gets."""
    return next(((label, said) for label in labels if (said := read(label.text)) is not None), None)


def _conflict(what: str, first: tuple[Label, Any], second: tuple[Label, Any]) -> Message:
    """The message for two labels of one table giving it different years or periods."""
    (one, said), (other, other_said) = first, second
    if what == "period":
        said, other_said = period_said(said), period_said(other_said)
    return message(
        f"table_{what}_conflict",
        where=one.where,
        text=quoted(one.text),
        gives=said,
        other_where=other.where,
        other_text=quoted(other.text),
        other_gives=other_said,
    )


def period_said(period: str) -> Message:
    """A period a label gives, as a message: ``2019-06 ytd`` (2019年6月的累计数据), or the
    month or quarter it ends in (``2019-06``: 截至2019年6月)."""
    if " " not in period:
        return message("period_ending", period=period)
    when, span = period.split(" ")
    return message("period_typed", period=when, span=message(f"span_{span}"))


def missing_units(context: Context, fields: dict[str, int], columns: list[Column]) -> list[Problem]:
    """A problem at the header of each level column whose unit nothing gives.

    A level's unit comes from its header ("(万元)"), a unit column, the layout's
    ``fixed.unit`` or a "单位：万元" note above the header; without any of them the value
    would be read in whatever unit the catalogue expects, so it is not read.
    """
    if "unit" in fields or "unit" in context.layout.fixed or context.note_unit:
        return []
    measure = context.layout.fixed.get("measure")
    return [
        context.problem(
            max(context.layout.header_rows),
            column.index,
            _header_problem([_header_text(context, column.index)], message("header_no_unit")),
        )
        for column in columns
        if column.unit is None and (column.measure or measure or "level") == "level"
    ]


def row_field_columns(context: Context) -> tuple[dict[str, int], list[Problem]]:
    """Sheet column of each field read from the rows (given by letter or header text)."""
    found, problems = {}, []
    headers = _header_columns(context)
    for name, spec in context.layout.rows.items():
        if is_letter(spec):
            found[name] = column_index_from_string(spec)
        elif key(cells.without_units(spec)) in headers:
            columns = headers[key(cells.without_units(spec))]
            found[name] = columns[0]
            if len(columns) > 1:
                *shown, final = (f"{n} ({get_column_letter(n)})" for n in columns)
                said = message(
                    "header_twice",
                    spec=quoted(spec),
                    field=message(f"field_{name}"),
                    columns=", ".join(shown),
                    final=final,
                )
                problems.append(context.problem(max(context.layout.header_rows), columns[1], said))
        else:
            field = message(f"field_{name}")
            said = message("header_absent", spec=spec, field=field, name=name)
            where = f"{context.sheet.name or 'header'} row {max(context.layout.header_rows)}"
            problems.append(Problem(context.file, None, where, said))
    return found, problems


def _header_columns(context: Context) -> dict[str, list[int]]:
    """The sheet columns under each header text (without units), in order."""
    headers: dict[str, list[int]] = {}
    for column in range(1, context.sheet.width + 1):
        text = key(cells.without_units(_header_text(context, column)))
        headers.setdefault(text, []).append(column)
    return headers


def _header_pieces(context: Context, column: int) -> list[str]:
    pieces = []
    for row in context.layout.header_rows:
        text = context.sheet.text(row, column).strip()
        if text and text not in pieces:
            pieces.append(text)
    return pieces


def _header_text(context: Context, column: int) -> str:
    return " ".join(_header_pieces(context, column))


def value_columns(
    context: Context, taken: set[int], problems: list[Problem], unread: list[Problem]
) -> list[Column]:
    """Every column holding values, with what its header says; header problems are recorded.

    A column of the same period a year earlier ("上年同期(亿元)") is not read: it is left
    out, with a problem at its header in ``unread`` (the other columns are still read).
    """
    columns: list[Column] = []
    for index in range(1, context.sheet.width + 1):
        pieces = _header_pieces(context, index)
        if index in taken or not pieces or _skipped_column(context, index, pieces):
            continue
        if (earlier := _year_earlier(pieces)) is not None:
            unread.append(_year_earlier_problem(context, index, pieces, earlier))
            continue
        column = _column(context, index, pieces, columns[-1] if columns else None, problems)
        columns.append(column)
    return columns


def _year_earlier(pieces: list[str]) -> str | None:
    """The header piece saying a column is the same period a year earlier, if one does.

    "上年同期", "去年同期(亿元)", "2018年同期", "上年同期增长(%)" (last year's growth); not
    "比上年同期增长(%)", this year's growth.
    """
    return next((p for p in pieces if "同期" in _COMPARED.sub("", cells.normalise(p))), None)


def _year_earlier_problem(context: Context, index: int, pieces: list[str], piece: str) -> Problem:
    said = message("header_year_earlier", word=quoted(cells.without_units(piece)))
    return context.problem(max(context.layout.header_rows), index, _header_problem(pieces, said))


def _skipped_column(context: Context, index: int, pieces: list[str]) -> bool:
    text = key(" ".join(pieces))
    letter = context.sheet.ref(1, index).split("!")[-1][:-1]
    return any(
        letter == s or (not is_letter(s) and key(s) in text) for s in context.layout.skip_columns
    )


def _column(
    context: Context, index: int, pieces: list[str], previous: Column | None, problems: list
) -> Column:
    layout, ref_row = context.layout, max(context.layout.header_rows)
    label = _first(cells.parse_period_label, pieces)
    year = _first(cells.parse_year, pieces)
    indicator = _first(lambda p: context.indicators.get(key(cells.without_units(p))), pieces)
    unit = _first(cells.unit_of, list(reversed(pieces)))
    measure = _measure(pieces, layout.measures)
    if (
        measure is None
        and unit == "%"
        and any(w in key(" ".join(pieces)) for w in GROWTH_IF_PERCENT)
    ):
        measure = "growth"  # 比上年增减(%), 同比±(%)
    named = "" if indicator is not None else _name_beside_measure(pieces, layout.measures)
    in_percent = not named and indicator is None and measure is None and unit == "%"
    if in_percent:  # "高新技术产业占比(%)": an indicator of its own, not a rate of the left one
        named = _name_in_percent(pieces)
    if named:  # "规模以上工业增加值增长(%)": the growth of the indicator it names
        indicator = context.indicators.get(key(named))
    carried = (
        previous is not None
        and "indicator" in layout.carry_left
        and indicator is None
        and not named
        and _carries_indicator(pieces, measure, unit)
    )
    if carried:
        indicator = previous.indicator
    period = period_type = None
    if label is None and previous is not None and "period" in layout.carry_left:
        period, period_type = previous.period, previous.period_type
    else:
        label = label or _first(cells.parse_period_label, context.texts)
        year = year or _first(cells.parse_year, context.texts) or layout.year
        if label is not None and year is not None:
            period, period_type = (
                cells.period_text(year, label, layout.frequency),
                label.period_type,
            )
    needs = [f for f in ("period", "indicator") if f not in layout.rows and f not in layout.fixed]
    said: list[Message] = []
    if "period" in needs and period is None:
        expected = message("a_period_label" if label is None else "a_year")
        said.append(message("header_no_period", expected=expected))
    if "indicator" in needs and indicator is None:
        if named:
            beside = message("in_percent_alone" if in_percent else "beside_measure_word")
            said.append(_unknown_beside_measure(context, named, beside))
        elif carried:  # the column on its left is unknown, and said so at its own header
            said.append(message("header_left_unknown", ref=previous.ref))
        else:
            said.append(unknown_name("indicator", ""))
    problems += [context.problem(ref_row, index, _header_problem(pieces, s)) for s in said]
    if (conflict := _year_conflict(context, pieces)) is not None:
        problems.append(context.problem(ref_row, index, conflict))
    for piece in pieces:
        if (printed := cells.unknown_unit(piece)) is not None:
            known = ", ".join(cells.UNITS)
            unknown = message("header_unknown_unit", unit=printed, known=known)
            problems.append(context.problem(ref_row, index, _header_problem(pieces, unknown)))
    if (unrecognised := _percent_not_growth(context, pieces, indicator, measure, unit)) is not None:
        problems.append(context.problem(ref_row, index, _header_problem(pieces, unrecognised)))
    return Column(
        index, context.sheet.ref(ref_row, index), period, period_type, indicator, measure, unit
    )


def _name_beside_measure(pieces: list[str], measures: dict[str, str]) -> str:
    """The indicator name a header prints with its measure word ("规上工业增加值" of
    "规上工业增加值增长(%)"); "" when the header is only a measure ("比上年同期增长(%)",
    "1—6月 | 同比(%)", "增长率") or names none (then the rules of carry_left apply)."""
    text = cells.without_periods(key(cells.without_units(" ".join(pieces))))
    words = sorted([*measures, *GROWTH_IF_PERCENT], key=len, reverse=True)
    found = next((key(word) for word in words if key(word) in text), None)
    if found is None:
        return ""
    before, _, after = text.partition(found)
    for word in words:  # "同比增长率 增速": a second measure word is no name either
        before, after = before.replace(key(word), ""), after.replace(key(word), "")
    name = _BEFORE_MEASURE.sub("", before) + _AFTER_MEASURE.sub("", after)
    return name.replace(" ", "")


def _name_in_percent(pieces: list[str]) -> str:
    """The indicator name a header in % prints without a measure word ("高新技术产业占比" of
    "高新技术产业占比(%)"); "" when it prints only a share or rate of the column on its left
    ("占全市比重(%)", "占比(%)", "计划完成率(%)") or a unit (then carry_left applies)."""
    text = cells.without_periods(key(cells.without_units(" ".join(pieces))))
    return text.replace(" ", "") if _OF_LEFT.sub("", text) else ""


def _header_problem(pieces: list[str], problem: Message) -> Message:
    """``header '…': problem`` of a column's header pieces."""
    return message("header_problem", header=quoted(" | ".join(pieces)), problem=problem)


def _unknown_beside_measure(context: Context, name: str, beside: Message) -> Message:
    """The message for a header naming an indicator the layout does not know, ``beside`` its
    measure word or in % without one."""
    names = list(dict.fromkeys([*context.layout.indicators, *_catalogue_names()]))
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.3)
    closest = message("closest_names", names=", ".join(close)) if close else ""
    return message(
        "header_named_unknown", name=quoted(name), beside=beside, n=len(names), closest=closest
    )


def _carries_indicator(pieces: list[str], measure: str | None, unit: str | None) -> bool:
    """True when a header may take the indicator on its left (``carry_left``): it names a
    measure ("同比增长(%)", "绝对值"), is in % (a rate of that indicator: "占全市比重(%)")
    or prints only a unit. Any other header ("规上工业增加值(亿元)" not in the names,
    "规上工业增加值增长(%)": :func:`_name_beside_measure`, or "高新技术产业占比(%)":
    :func:`_name_in_percent`) is an indicator of its own, so an unknown one is a problem at
    its cell, not a second column of its neighbour."""
    text = key(cells.without_units(" ".join(pieces)))
    return measure is not None or unit == "%" or not text


def _year_conflict(context: Context, pieces: list[str]) -> Message | None:
    """The message if a column's header gives another year than the sheet name or title."""
    header = _said(cells.parse_year, [Label("header", "", " | ".join(pieces))])
    table = _said(cells.parse_year, context.labels)
    if header is None or table is None or header[1] == table[1]:
        return None
    return _conflict("year", header, table)


def _percent_not_growth(
    context: Context,
    pieces: list[str],
    indicator: str | None,
    measure: str | None,
    unit: str | None,
) -> Message | None:
    """The message for a header in % that no measure word names, under a level indicator.

    Its cells would be levels in % of, say, an amount in 亿元: every one a problem. Said once
    here, with what to declare, instead.
    """
    if measure is not None or context.layout.fixed.get("measure") or unit != "%":
        return None
    target = _catalogue_units().get(indicator or "")
    if target is None or target == "%" or target in cells.PERCENT_UNITS:
        return None
    word = quoted(cells.without_units(pieces[-1]))
    growth = [
        w
        for w in sorted(context.layout.measures, key=len)
        if context.layout.measures[w] == "growth"
    ]
    return message(
        "percent_not_growth", words=", ".join(growth), indicator=indicator, unit=target, word=word
    )


@cache
def _catalogue_units() -> dict[str, str]:
    return catalog.indicators()["unit"].astype(str).to_dict()


@cache
def _catalogue_names() -> tuple[str, ...]:
    return tuple(catalog.indicators()["name_zh"].astype(str))


def _measure(pieces: list[str], measures: dict[str, str]) -> str | None:
    texts = [key(cells.without_units(p)) for p in pieces]
    for word in sorted(measures, key=len, reverse=True):
        if any(key(word) in text for text in texts):
            return measures[word]
    return None


def _first(function: Callable[[Any], Any], items: Iterable[Any]) -> Any:
    for item in items:
        value = function(item)
        if value is not None:
            return value
    return None


def unknown_name(name: str, label: str) -> Message:
    """The message for a name (``region`` or ``indicator``) that is not in the catalogue,
    saying where to add it."""
    if label:
        return message(f"table_unknown_{name}_named", label=quoted(label))
    return message(f"table_unknown_{name}")
