"""The input-record format: its columns, allowed values and period parsing."""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

REQUIRED = ("region", "indicator", "period", "period_type", "measure", "value", "unit", "source")
OPTIONAL = ("quote", "note", "synthetic", "status")
PERIOD_TYPES = ("ytd", "single")
MEASURES = ("level", "growth")
RECORD_STATUSES = ("final", "estimate", "alternative")
GROWTH_UNIT = "pct_yoy"
# boolean spellings of the ``synthetic`` column, compared after strip() and lower()
TRUE_TEXT = ("true", "t", "yes", "y", "1", "1.0", "on", "是", "真")
FALSE_TEXT = ("false", "f", "no", "n", "0", "0.0", "off", "否", "假", "")
BOOL_TEXT = (*TRUE_TEXT, *FALSE_TEXT)
SERIES = ("region", "indicator", "period_type", "measure")

_CONTROL = re.compile(  # CSI and OSC escape sequences, then any other C0/C1 control character
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_YEAR = re.compile(r"^(\d{4})$")


@cache
def parse_period(text: str) -> pd.Period | None:
    """Parse ``2019Q2`` (quarter), ``2019-06`` (month) or ``2019`` (year, read as 2019Q4).

    Returns ``None`` for anything else, so callers can report the row. Cached: a file
    repeats the same few dozen period texts on every series.
    """
    text = text.strip()
    if match := _QUARTER.match(text):
        return pd.Period(year=int(match[1]), quarter=int(match[2]), freq="Q-DEC")
    if match := _MONTH.match(text):
        return pd.Period(year=int(match[1]), month=int(match[2]), freq="M")
    if match := _YEAR.match(text):
        return pd.Period(year=int(match[1]), quarter=4, freq="Q-DEC")
    return None


def parse_month(text: str) -> pd.Period | None:
    """``2019-06``, spelt exactly so (as a command or a setting takes a month), as a monthly
    Period; ``None`` for anything else (``2019-6``, ``2019-13``, ``201906``)."""
    match = _MONTH.fullmatch(text)
    return pd.Period(year=int(match[1]), month=int(match[2]), freq="M") if match else None


def printable(text: str) -> str:
    """``text`` without terminal escape sequences and control characters (for messages)."""
    return _CONTROL.sub("", text)


def quoted(text: str, limit: int = 40) -> str:
    """Cell text for a message: one line without control characters (terminal escape
    codes), cut to ``limit`` characters."""
    text = " ".join(printable(str(text)).split())
    return text if len(text) <= limit else text[:limit] + "…"


def parse_bool(text: str) -> bool:
    """Read the ``synthetic`` column: true/yes/1/是 (any case, :data:`TRUE_TEXT`) are true."""
    return text.strip().lower() in TRUE_TEXT


def with_defaults(records: pd.DataFrame) -> pd.DataFrame:
    """Add missing optional columns with their defaults (status ``final``, not synthetic)."""
    defaults = {"quote": "", "note": "", "synthetic": "false", "status": "final"}
    missing = {column: value for column, value in defaults.items() if column not in records}
    records = records.assign(**missing)
    return records.assign(status=records["status"].replace("", "final"))
