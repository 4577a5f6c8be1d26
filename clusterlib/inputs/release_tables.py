"""Release tables as grids of text: the sheets of an .xlsx workbook or a (GBK) CSV export."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from openpyxl.utils import get_column_letter

from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.reading import CSV_ENCODINGS, read_bounded, without_bom
from clusterlib.inputs.workbooks import Grid, read_grids
from clusterlib.messages import message

SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True)
class Sheet:
    """One sheet as text: ``cells[r - 1][c - 1]`` is the sheet cell at row r, column c."""

    name: str
    cells: list[list[str]]

    def text(self, row: int, column: int) -> str:
        """The text of a cell (1-based), ``""`` outside the used range."""
        if row > len(self.cells) or column > len(self.cells[row - 1]):
            return ""
        return self.cells[row - 1][column - 1]

    @property
    def width(self) -> int:
        """The number of columns in use."""
        return max((len(row) for row in self.cells), default=0)

    def ref(self, row: int, column: int) -> str:
        """The cell reference ``Sheet1!B7`` (just ``B7`` for a CSV file)."""
        cell = f"{get_column_letter(column)}{row}"
        return f"{self.name}!{cell}" if self.name else cell


def read_sheets(path: str | Path, which: tuple[str, ...], header_rows: tuple[int, ...]):
    """Read the sheets of a release table as text; merged header and label cells are filled.

    Parameters
    ----------
    path
        An ``.xlsx`` workbook or a ``.csv`` file (UTF-8 or GBK/GB18030).
    which
        ``("first",)``, ``("all",)`` or sheet names.
    header_rows
        Sheet rows of the header: a merged range touching them is filled with its value,
        as is a merged range within one column (a label spanning rows).

    Returns
    -------
    list of Sheet
        Formulas are kept as their text (``=SUM(B2:B9)``); nothing is evaluated.

    Raises
    ------
    DataValidationError
        If the file is missing, of another type, unreadable, beyond the reading limits
        (:class:`~clusterlib.inputs.workbooks.Limits`), or a named sheet is absent.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise _refused(path, message("table_file_not_found"))
    if suffix == ".xls":
        raise _refused(path, message("table_old_xls"))
    if suffix not in SUFFIXES:
        shown = suffix or message("no_suffix")
        raise _refused(path, message("table_file_type", suffix=shown))
    if suffix == ".csv":
        return [Sheet("", _csv_rows(path))]
    return _xlsx_sheets(path, which, set(header_rows))


def _csv_rows(path: Path) -> list[list[str]]:
    raw = without_bom(read_bounded(path))
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(row) for row in csv.reader(StringIO(text))]
    raise _refused(path, message("table_not_decoded"))


def _refused(path: Path, said: str) -> DataValidationError:
    """The error of a file that is not read at all, its problem said of the whole file."""
    return DataValidationError([Problem(path.name, None, None, said)])


def _xlsx_sheets(path: Path, which: tuple[str, ...], header_rows: set[int]) -> list[Sheet]:
    return [_filled(grid, header_rows) for grid in read_grids(path, which)]


def _filled(grid: Grid, header_rows: set[int]) -> Sheet:
    """The sheet with merged header ranges and merged single-column labels filled."""
    cells = grid.cells
    width = max((len(row) for row in cells), default=0)
    for min_col, min_row, max_col, max_row in grid.merged:
        rows = range(min_row, min(max_row, len(cells)) + 1)
        if min_col != max_col and not header_rows.intersection(rows):
            continue
        inside = min_row <= len(cells) and min_col <= width
        value = cells[min_row - 1][min_col - 1] if inside else ""
        for row in rows:
            for column in range(min_col, min(max_col, width) + 1):
                cells[row - 1][column - 1] = value
    return Sheet(grid.name, cells)
