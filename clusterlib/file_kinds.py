"""Which input a data file holds, told by its columns, and its problems by that kind's reader.

``clusterlib validate data/demo`` meets statistics records (panel, monthly, evaluation data)
beside a key-project register (重点项目台账), enterprise records (企业分类评价数据) and a star
list (星级名单): each is checked by the reader its command uses, not as records.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from clusterlib.enterprise.records import read_enterprises
from clusterlib.enterprise.rules import DEFAULT_RULES, load_rules
from clusterlib.evaluation.star_list import load_star_lists
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.reading import read_records
from clusterlib.inputs.records import REQUIRED
from clusterlib.ledger.projects import load_register
from clusterlib.paths import ROOT

RECORDS = "records"
KIND_COLUMNS = {  # a file without every records column is of the first kind whose columns it has
    "register": ("project_id",),
    "enterprises": ("firm_id",),
    "star_list": ("region", "year", "stars"),
}


def file_kind(path: Path) -> str:
    """The kind of a data file: ``records``, ``register``, ``enterprises`` or ``star_list``.

    A file that cannot be read, or has every records column, or none of the other kinds'
    columns, is taken as records (their validation names what is wrong)."""
    try:
        columns = set(read_records(path).columns)
    except DataValidationError:
        return RECORDS
    if set(REQUIRED) <= columns:
        return RECORDS
    for kind, needed in KIND_COLUMNS.items():
        if set(needed) <= columns:
            return kind
    return RECORDS


def other_kind_problems(path: Path, kind: str, lang: str | None) -> list[Problem]:
    """Every problem the reader of ``kind`` finds in ``path`` (none: an empty list)."""
    readers: dict[str, Callable[[], object]] = {
        "register": lambda: load_register(path),
        "enterprises": lambda: read_enterprises(path, load_rules(ROOT / DEFAULT_RULES), lang),
        "star_list": lambda: load_star_lists([path]),
    }
    try:
        readers[kind]()
    except DataValidationError as error:
        return list(error.problems)
    return []
