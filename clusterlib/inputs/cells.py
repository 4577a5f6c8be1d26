"""Reading one cell of a release table: numbers, missing marks, period labels and units."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from clusterlib.messages import Message, message

# Marks statistics offices print for "not available"; compared after normalisation.
MISSING = frozenset({"", "-", "--", "—", "——", "–", "...", "……", "…", "/", "x", "X", "无"})
# Footnote markers glued to numbers or names ("12.3①", "12.3*", "航空港区²"). Stripped before
# NFKC normalisation, which would turn ① and ² into digits.
_FOOTNOTES = re.compile(r"[\u2460-\u2473\u2776-\u277f\u00b9\u00b2\u00b3\u2070-\u2079*※#▲△☆★]+")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_CN_DIGITS |= {"九": 9, "十": 10, "十一": 11, "十二": 12}
_NUM = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_DASH = r"\s*(?:[-—–~至到])+\s*"
_RANGE = re.compile(_NUM + r"\s*月?份?" + _DASH + _NUM + r"\s*月份?")
_QUARTERS = re.compile(r"(?:第)?([一二三四1-4])\s*季度")
_QUARTER_RANGE = re.compile(r"(?:1|一)" + _DASH + r"([一二三四1-4])\s*季度")
_NAMED = {"上半年": 6, "前三季度": 9, "全年": 12}
_NAMED_PATTERN = re.compile("|".join(_NAMED))
_MONTH = re.compile(_NUM + r"\s*月份?")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")
# A year named as the base of a comparison or of constant prices, not the table's own:
# "2018年同期为基数", "以2018年为基期", "按2015年不变价", "2018年6月为基期", "2018年=100".
_BASE_YEAR = re.compile(
    r"(?:以|按)?\s*(?:19|20)\d{2}\s*年?\s*(?:\d{1,2}\s*月份?\s*)?"
    r"(?:同期|为基期|为基数|为基年|=\s*100|不变价|可比价|价格)"
)
_UNIT_IN_TEXT = re.compile(r"\(([^()]*)\)")
_UNIT_LIKE = re.compile(r"(元|亩|人|个|家|项|吨|公里|米|%|‰|点)$")

# Unit text as printed → (catalogue unit, factor to multiply the printed value by).
UNITS = {
    "亿元": ("100m_yuan", 1.0),
    "万元": ("100m_yuan", 1e-4),
    "元": ("100m_yuan", 1e-8),
    "亩": ("mu", 1.0),
    "万亩": ("mu", 1e4),
    "平方公里": ("mu", 1500.0),
    "人": ("persons", 1.0),
    "万人": ("persons", 1e4),
    "个": ("count", 1.0),
    "家": ("count", 1.0),
    "项": ("count", 1.0),
    "万元/亩": ("10k_yuan_per_mu", 1.0),
    "%": ("%", 1.0),
    "百分点": ("pp", 1.0),
}
PERCENT_UNITS = ("pct", "pct_share", "pct_yoy")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Text with footnote markers removed, full-width forms folded (NFKC) and spaces trimmed."""
    text = _FOOTNOTES.sub("", str(text))
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    return re.sub(r"\s+", " ", text).strip()


def is_missing(text: str, extra: tuple[str, ...] = ()) -> bool:
    """True for a blank cell or a printed "not available" mark ("—", "…", "－", ...)."""
    clean = normalise(text)
    return clean in MISSING or clean in extra


def parse_number(text: str) -> float | None:
    """The number in a value cell, or ``None`` when the cell is not a number.

    Accepts full-width digits, thousands separators (``1,234.5``), a trailing ``%`` and
    footnote markers (``12.3①``, ``12.3*``); anything else (text, formulas) is not a number.
    """
    clean = normalise(text).replace(" ", "").removesuffix("%")
    if _THOUSANDS.match(clean):
        clean = clean.replace(",", "")
    if not _PLAIN.match(clean):
        return None
    return float(clean)


def format_value(value: float) -> str:
    """A value as plain text for the record format (no exponent, no float noise)."""
    return np.format_float_positional(round(value, 10), trim="-")


@dataclass(frozen=True)
class PeriodLabel:
    """A period read from a label: the last month it covers, and whether it is year-to-date."""

    end_month: int
    period_type: str
    quarter_only: bool = False


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_DIGITS[text]


@lru_cache(maxsize=4096)
def parse_period_label(text: str) -> PeriodLabel | None:
    """Read "1—6月", "1-2月", "一至六月", "上半年", "前三季度", "二季度", "6月" (or ``None``).

    A range from January is year-to-date; a single month or quarter is ``single``
    (except January and the first quarter, which are both).
    """
    clean = without_base_years(text)
    if match := _RANGE.search(clean):
        start, end = _number(match[1]), _number(match[2])
        return PeriodLabel(end, "ytd") if start == 1 and 1 <= end <= 12 else None
    for name, month in _NAMED.items():
        if name in clean:
            return PeriodLabel(month, "ytd")
    if match := _QUARTER_RANGE.search(clean):
        return PeriodLabel(3 * _number(match[1]), "ytd")
    if match := _QUARTERS.search(clean):
        quarter = _number(match[1])
        return PeriodLabel(3 * quarter, "ytd" if quarter == 1 else "single", True)
    if match := _MONTH.search(clean):
        month = _number(match[1])
        return PeriodLabel(month, "ytd" if month == 1 else "single") if month <= 12 else None
    return None


@lru_cache(maxsize=4096)
def parse_year(text: str) -> int | None:
    """The first year (1900–2099) written in ``text`` as its own, or ``None``.

    A base year ("（2018年同期为基数）", "以2018年为基期", "按2015年不变价") is the year a
    figure is compared with, not the year of the table, so it is passed over.
    """
    match = _YEAR.search(without_base_years(text))
    return int(match[1]) if match else None


def without_periods(text: str) -> str:
    """Normalised ``text`` with a space for each period label and year ("1—6月同比" → " 同比")."""
    clean = without_base_years(text)
    for pattern in (_RANGE, _QUARTER_RANGE, _QUARTERS, _MONTH, _YEAR, _NAMED_PATTERN):
        clean = pattern.sub(" ", clean)
    return clean


def without_base_years(text: str) -> str:
    """Normalised ``text`` without its base-year mentions (see :func:`parse_year`)."""
    return _BASE_YEAR.sub(" ", normalise(text))


def period_text(year: int, label: PeriodLabel, frequency: str) -> str:
    """The record-format period: ``2019Q2`` (when ``frequency`` is quarter) or ``2019-06``."""
    if label.quarter_only or (frequency == "quarter" and label.end_month % 3 == 0):
        return f"{year}Q{label.end_month // 3}"
    return f"{year}-{label.end_month:02d}"


@lru_cache(maxsize=4096)
def unit_of(text: str) -> str | None:
    """The printed unit inside a header or unit cell: "(亿元)" → "亿元", "增长%" → "%"."""
    clean = normalise(text)
    for inner in reversed(_UNIT_IN_TEXT.findall(clean)):
        if inner.strip() in UNITS:
            return inner.strip()
    if clean in UNITS:
        return clean
    return "%" if clean.endswith("%") else None


def unknown_unit(text: str) -> str | None:
    """A parenthesised unit that is not in :data:`UNITS` ("(千元)"), so it cannot be converted."""
    for inner in _UNIT_IN_TEXT.findall(normalise(text)):
        inner = inner.strip()
        if inner not in UNITS and _UNIT_LIKE.search(inner):
            return inner
    return None


def without_units(text: str) -> str:
    """Header or label text without its parenthesised unit, footnotes and spaces."""
    return _UNIT_IN_TEXT.sub("", normalise(text)).replace(" ", "")


def convert(value: float, printed: str | None, target: str) -> tuple[float, Message | None]:
    """``value`` in the catalogue unit ``target``, or an error message naming both units.

    ``printed`` is the unit text from the table (``None``: taken to be ``target`` itself).
    """
    if printed is None:
        return value, None
    base, factor = UNITS[printed]
    if base == target or (base == "%" and target in PERCENT_UNITS):
        return value * factor, None
    return value, message("unit_not_convertible", unit=printed, target=target)
