"""Reading input files (CSV in UTF-8 or GBK, or .xlsx) into raw records, all cells as text."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable
from io import StringIO
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter

from clusterlib import paths
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.records import quoted
from clusterlib.inputs.workbooks import BYTES_ENV, Limits, read_grids

SUFFIXES = (".csv", ".xlsx")
ROW = "_row"  # 1-based line number in the file (the header is line 1)
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 is a superset of GBK and GB2312
RECORDS_EXPECTED = "expected input records (.csv or .xlsx, the format of data/README.md)"
EMPTY_FOLDER = f"the folder holds no .csv or .xlsx file; {RECORDS_EXPECTED}"
NO_FILES = f"no data file given; {RECORDS_EXPECTED}"


def read_records(path: str | Path) -> pd.DataFrame:
    """Read one input file into a DataFrame of strings with a ``_row`` column.

    Parameters
    ----------
    path
        A ``.csv`` file (UTF-8, or GBK/GB18030 as often exported by Chinese offices,
        detected automatically) or an ``.xlsx`` workbook (first sheet).

    Returns
    -------
    pandas.DataFrame
        Every cell as text exactly as in the file (empty cells are ``""``); nothing is
        evaluated or converted. ``_row`` holds the file's line number of each record.

    Raises
    ------
    DataValidationError
        If the file is missing, is neither CSV nor xlsx, or cannot be decoded or parsed.
    """
    path = Path(path)
    if not path.is_file():
        raise DataValidationError([Problem(str(path), None, None, "file not found")])
    if path.suffix.lower() not in SUFFIXES:
        message = (
            f"unsupported file type '{path.suffix or '(none)'}'; expected a .csv or .xlsx file"
        )
        raise DataValidationError([Problem(str(path), None, None, message)])
    table = _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)
    table.columns = [str(c).strip() for c in table.columns]
    return table if ROW in table else table.assign(**{ROW: range(2, len(table) + 2)})


def read_columns(path: str | Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """Read a file as text (:func:`read_records`) that must hold ``columns``.

    Raises
    ------
    DataValidationError
        Naming the file and the missing columns.
    """
    raw = read_records(path)
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        message = f"missing column(s) {', '.join(missing)}; expected {', '.join(columns)}"
        raise DataValidationError([Problem(str(path), None, None, message)])
    return raw


def read_bounded(path: Path) -> bytes:
    """The bytes of a text file, refused beyond the byte limit of :class:`Limits`."""
    limits, size = Limits.from_environment(), path.stat().st_size
    if size > limits.part_bytes:
        message = (
            f"the file is {size:,} bytes, beyond the limit of {limits.part_bytes:,} bytes; "
            f"refused (raise it with the environment variable {BYTES_ENV})"
        )
        raise DataValidationError([Problem(path.name, None, None, message)])
    return path.read_bytes()


def _read_csv(path: Path) -> pd.DataFrame:
    """Decode as UTF-8, falling back to GB18030 (GBK); text stays text."""
    raw = without_bom(read_bounded(path))
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _parse_csv_text(path, text)
    message = (
        "cannot decode the file as UTF-8 or GBK; re-save it as 'CSV UTF-8' "
        "(Excel: 另存为 → CSV UTF-8(逗号分隔))"
    )
    raise DataValidationError([Problem(str(path), None, None, message)])


def without_bom(raw: bytes) -> bytes:
    """The bytes without a UTF-8 byte-order mark: some tools put one before GBK text too (it
    read as '锘縭egion', a header without its first column)."""
    return raw.removeprefix(codecs.BOM_UTF8)


def _parse_csv_text(path: Path, text: str) -> pd.DataFrame:
    try:
        table = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        problem = Problem(str(path), None, None, f"not a valid CSV: {error}")
        raise DataValidationError([problem]) from error
    header = next((row for row in csv.reader(StringIO(text)) if row), [])
    _refuse_repeated_columns(path, header)  # pandas renamed the second one 'value.1'
    return table


def _refuse_repeated_columns(path: Path, header: list[str]) -> None:
    """Refuse a header that names a column twice: only one of them would be read."""
    positions: dict[str, list[int]] = {}
    for number, name in enumerate(header, start=1):
        positions.setdefault(str(name).strip(), []).append(number)
    problems = [
        Problem(
            str(path),
            1,
            name,
            f"the header '{quoted(name)}' is in columns {column_positions(numbers)}; expected "
            "each column once (only one of them would be read)",
        )
        for name, numbers in positions.items()
        if name and len(numbers) > 1
    ]
    if problems:
        raise DataValidationError(problems)


def column_positions(numbers: list[int]) -> str:
    """Column numbers with their letters: ``6 (F) and 11 (K)``."""
    shown = [f"{number} ({get_column_letter(number)})" for number in numbers]
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _read_xlsx(path: Path) -> pd.DataFrame:
    """The first sheet, streamed within the reading limits (:func:`read_grids`); row 1 is
    the header, every non-blank row below it a record with its sheet row in ``_row``
    (blank header cells are named ``Unnamed: N``)."""
    try:
        cells = read_grids(path)[0].cells
    except DataValidationError as error:  # name the file as given, like the CSV problems
        raise DataValidationError(
            [Problem(str(path), p.row, p.column, p.message) for p in error.problems]
        ) from error
    if not cells:
        raise DataValidationError([Problem(str(path), None, None, "the first sheet is empty")])
    _refuse_repeated_columns(path, cells[0])
    header = [text or f"Unnamed: {number}" for number, text in enumerate(cells[0])]
    rows = [number for number in range(1, len(cells)) if any(cells[number])]  # blank: skipped
    table = pd.DataFrame([cells[number] for number in rows], columns=header, dtype=str)
    return table.assign(**{ROW: [number + 1 for number in rows]})


def expand(files: Path | str | Iterable[Path | str]) -> list[Path]:
    """Paths of the data files named by ``files`` (directories expand to their files, sorted).

    A file named twice (also through its folder) is listed once, where it first appears.

    Raises
    ------
    DataValidationError
        For a folder that holds no .csv or .xlsx file (it was read as no data at all).
    """
    items = [files] if isinstance(files, str | Path) else list(files)
    found: dict[Path, Path] = {}
    empty = []
    for item in map(Path, items):
        if item.is_dir():
            named = sorted(p for p in item.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))
            if not named:
                empty.append(Problem(str(item), None, None, EMPTY_FOLDER))
        else:
            named = [item]
        for path in named:
            found.setdefault(path.resolve(), path)
    if empty:
        raise DataValidationError(empty)
    return list(found.values())


def is_release_collection(path: Path) -> bool:
    """True for files under ``data/official/``: sparse collections of releases, gaps allowed."""
    return paths.OFFICIAL in Path(path).resolve().parents
