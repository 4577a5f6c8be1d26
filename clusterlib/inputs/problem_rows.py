"""Where a data problem points: its row, another row it is compared with, and its series.

Shared by the checks across rows (:mod:`clusterlib.inputs.validation`) and the plausibility
checks (:mod:`clusterlib.inputs.plausibility`), so that every message names another row the
same way and the importer can name that row by its cell instead (:func:`renamed_rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import Problem
from clusterlib.inputs.reading import ROW
from clusterlib.inputs.records import SERIES
from clusterlib.messages import Message, message

COMPARED = (*SERIES, "synthetic")  # rows compared: one series, synthetic or real, never both
SAME_FILE_ROW = "same_file_row"  # the message of another row of the same file (other_row)


def file_rows(frame: pd.DataFrame) -> Iterator:
    """Iterate rows as namedtuples with the file row available as ``.ROW``."""
    return frame.rename(columns={ROW: "ROW"}).itertuples(index=False)


def other_row(here: str, file: str, row: int) -> Message:
    """The other row of a comparison: ``row 7``, or ``row 7 of hist.csv`` in another file."""
    if file == here:
        return message(SAME_FILE_ROW, row=int(row))
    return message("other_file_row", row=int(row), file=file)


def renamed_rows(said: Message, name: Callable[[int], str]) -> Message:
    """``said`` with each other row of the same file (``row 7``, see :func:`other_row`) named
    by ``name`` instead (the cell of an imported record; ``name`` may give a message)."""
    return message(said.key, **{key: _renamed(value, name) for key, value in said.fields.items()})


def _renamed(field: object, name: Callable[[int], str]) -> object:
    """A field of a message with the other rows of the same file in it named by ``name``."""
    if not isinstance(field, Message):
        return field
    if field.key == SAME_FILE_ROW:
        return name(int(field.fields["row"]))
    return renamed_rows(field, name)


def per_series(flagged: pd.DataFrame) -> list[Problem]:
    """One problem per series (:data:`COMPARED`) of the ``flagged`` records, each with its
    ``message``: at the series' first record flagged, counting the others after it."""
    ordered = flagged.sort_index()
    series = ordered.groupby(list(COMPARED), sort=False)
    later = series["message"].transform("size") - 1
    first = series.cumcount() == 0
    return [
        Problem(row.file, row.ROW, "value", with_more_rows(row.message, int(count)))
        for row, count in zip(file_rows(ordered[first]), later[first], strict=True)
    ]


def with_more_rows(problem: Message, count: int) -> Message:
    """A series' problem with how many later rows of the series are flagged too."""
    if not count:
        return problem
    key = "more_row_in_series" if count == 1 else "more_rows_in_series"
    return message(key, problem=problem, count=count)


def additive_levels(typed: pd.DataFrame) -> pd.DataFrame:
    """Final levels of flow and stock indicators in their catalogue unit, with ``period_text``."""
    indicators = catalog.indicators()
    additive = indicators.index[indicators["kind"] != "rate"]
    levels = typed[
        (typed["measure"] == "level")
        & (typed["status"] == "final")
        & typed["indicator"].isin(additive)
    ]
    levels = levels[levels["unit"] == levels["indicator"].map(indicators["unit"])]
    levels = levels.dropna(subset=["value"])
    return levels.assign(period_text=levels["period"].map(str))
