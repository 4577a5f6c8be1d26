"""Every error clusterlib raises, under one root (ClusterlibError)."""

from __future__ import annotations

from dataclasses import dataclass


class ClusterlibError(Exception):
    """Root of all clusterlib errors."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file: where it is and what was expected.

    ``row`` is the 1-based line number in a CSV (header = line 1) or the sheet row in
    an .xlsx file; ``None`` when the problem concerns the whole file or a whole series.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class DataValidationError(ClusterlibError, ValueError):
    """An input file has problems; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the input data:\n{lines}")


class ParameterError(ClusterlibError, ValueError):
    """Run parameters are unknown, missing or of the wrong type."""


class UsageError(ParameterError):
    """A command-line argument is spelt wrongly (a quarter, a month, a range): exit 2, not 1."""


class BatchError(ClusterlibError, RuntimeError):
    """A notebook in the quarterly batch failed; the message names notebook and cell."""


class CoverageError(ClusterlibError, ValueError):
    """The data do not reach the period asked for (the message names the period and files)."""


class SeriesError(ClusterlibError, ValueError):
    """A series cannot be converted (split into quarters, chained into an index): ``reason``
    says why (a key of :data:`clusterlib.labels.SERIES_REASONS`), ``periods`` where."""

    def __init__(self, message: str, reason: str, periods: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.reason = reason
        self.periods = periods


class OutputError(ClusterlibError, OSError):
    """An output path cannot be written as asked (a file where a report folder goes, ...)."""
