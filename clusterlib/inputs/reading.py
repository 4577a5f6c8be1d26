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
from clusterlib.inputs.workbooks import BYTES_ENV, Grid, Limits, read_grids
from clusterlib.messages import Message, message

SUFFIXES = (".csv", ".xlsx")
ROW = "_row"  # 1-based line number in the file (the header is line 1)
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 is a superset of GBK and GB2312
EMPTY_FOLDER = message("empty_folder")
NO_FILES = message("no_data_files")


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
        raise DataValidationError([Problem(str(path), None, None, message("file_not_found"))])
    if path.suffix.lower() not in SUFFIXES:
        said = message("unsupported_file_type", suffix=path.suffix or message("no_suffix"))
        raise DataValidationError([Problem(str(path), None, None, said)])
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
        said = message("missing_columns", missing=", ".join(missing), columns=", ".join(columns))
        raise DataValidationError([Problem(str(path), None, None, said)])
    return raw


def read_bounded(path: Path) -> bytes:
    """The bytes of a text file, refused beyond the byte limit of :class:`Limits`."""
    limits, size = Limits.from_environment(), path.stat().st_size
    if size > limits.part_bytes:
        said = message("file_too_big", size=size, limit=limits.part_bytes, env=BYTES_ENV)
        raise DataValidationError([Problem(path.name, None, None, said)])
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
    raise DataValidationError([Problem(str(path), None, None, message("cannot_decode"))])


def without_bom(raw: bytes) -> bytes:
    """The bytes without a UTF-8 byte-order mark: some tools put one before GBK text too (it
    read as '锘縭egion', a header without its first column)."""
    return raw.removeprefix(codecs.BOM_UTF8)


def _parse_csv_text(path: Path, text: str) -> pd.DataFrame:
    try:
        table = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        problem = Problem(str(path), None, None, message("invalid_csv", error=str(error)))
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
            message("repeated_header", name=quoted(name), positions=column_positions(numbers)),
        )
        for name, numbers in positions.items()
        if name and len(numbers) > 1
    ]
    if problems:
        raise DataValidationError(problems)


def column_positions(numbers: list[int]) -> Message:
    """Column numbers with their letters: ``6 (F) and 11 (K)`` (第6列（F）和第11列（K）)."""
    *before, last = numbers
    said = message("column_position", number=last, letter=get_column_letter(last))
    for place, number in enumerate(reversed(before)):
        key = "column_position_and" if place == 0 else "column_position_then"
        said = message(key, number=number, letter=get_column_letter(number), rest=said)
    return said


def _read_xlsx(path: Path) -> pd.DataFrame:
    """The first sheet, streamed within the reading limits (:func:`read_grids`); row 1 is
    the header, every non-blank row below it a record with its sheet row in ``_row``
    (blank header cells are named ``Unnamed: N``)."""
    try:
        grids = read_grids(path, ("all",))
    except DataValidationError as error:  # name the file as given, like the CSV problems
        raise DataValidationError(
            [Problem(str(path), p.row, p.column, p.message) for p in error.problems]
        ) from error
    cells = grids[0].cells
    if not cells:
        empty = Problem(str(path), None, None, message("first_sheet_empty"))
        raise DataValidationError([empty])
    _refuse_repeated_columns(path, cells[0])
    _refuse_unread_sheets(path, grids)
    header = [text or f"Unnamed: {number}" for number, text in enumerate(cells[0])]
    rows = [number for number in range(1, len(cells)) if any(cells[number])]  # blank: skipped
    table = pd.DataFrame([cells[number] for number in rows], columns=header, dtype=str)
    return table.assign(**{ROW: [number + 1 for number in rows]})


def _refuse_unread_sheets(path: Path, grids: list[Grid]) -> None:
    """Raise naming each later sheet that holds records under the first sheet's header: only
    the first sheet is read (data/README.md), and its rows would be left out unsaid."""
    problems = [
        Problem(str(path), None, None, message("sheet_not_read", sheet=grid.name, n=records))
        for grid in grids[1:]
        if (records := _records_under(grid, grids[0].cells[0]))
    ]
    if problems:
        raise DataValidationError(problems)


def _records_under(grid: Grid, header: list[str]) -> int:
    """The non-blank rows below ``grid``'s row 1 when row 1 is ``header`` (else 0)."""
    if not grid.cells or _filled(grid.cells[0]) != _filled(header):
        return 0
    return sum(1 for row in grid.cells[1:] if any(row))


def _filled(row: list[str]) -> list[str]:
    """A row's cells without its trailing blanks."""
    cells = [cell.strip() for cell in row]
    while cells and not cells[-1]:
        cells.pop()
    return cells


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
