"""Enterprise records (企业分类评价数据) read from a file: columns, booleans and cluster names."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib.enterprise.rules import RECORD_COLUMNS, Rules
from clusterlib.enterprise.scoring import REQUIRED_COLUMNS, firm_clusters
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.names import key, lookup
from clusterlib.inputs.reading import ROW, read_columns
from clusterlib.inputs.records import FALSE_TEXT, TRUE_TEXT
from clusterlib.inputs.validation import NO_RECORDS, group_repeated
from clusterlib.labels import command_text
from clusterlib.paths import project_relative

ROLL_UP_COLUMNS = ("value_added", "employees")
"""Read by the cluster roll-up (亩均增加值, 全员劳动生产率) whatever the rules score."""
FLAGS = ("above_scale", "synthetic")
"""Boolean columns of every enterprise file (``synthetic`` optional), besides the bonus items'."""
BOOLEAN_EXPECTED = "expected true or false (also yes/no, 1/0, 是/否), or blank when not known"


def read_enterprises(path: str | Path, rules: Rules, lang: str | None = None) -> pd.DataFrame:
    """Enterprise records of a CSV or .xlsx file, checked against ``rules``, typed for scoring.

    Clusters named by id, Chinese name or alias (:func:`clusterlib.inputs.names.lookup`, as
    the statistics files) become ids; firms whose cluster is still unknown are said on stderr
    in ``lang`` (they go to the data-quality table). Booleans are read as the input format's
    (true/false, yes/no, 1/0, 是/否; blank = not known); numbers as numbers (else NaN).

    Raises
    ------
    DataValidationError
        A column the rules or the roll-up read is missing (one line with the file and the
        columns), the file has a header and no rows (``NO_RECORDS``), or a boolean is
        unreadable (at its row and column; a value repeated on many rows is one line).
    """
    file = str(path)
    raw = read_columns(path, required_columns(rules))
    if raw.empty:
        raise DataValidationError([Problem(file, None, None, NO_RECORDS)])
    flags = [c for c in (*FLAGS, *(item.column for item in rules.bonus)) if c in raw]
    problems = [p for column in flags for p in boolean_problems(raw, column, file)]
    if problems:
        in_order = sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
        raise DataValidationError(group_repeated(in_order))
    text = raw.drop(columns=ROW).apply(lambda column: column.str.strip()).replace("", np.nan)
    numbers = [c for c in (*RECORD_COLUMNS, "years_in_production") if c in text]
    records = text.assign(
        cluster=cluster_ids(text["cluster"]),
        **{column: pd.to_numeric(text[column], errors="coerce") for column in numbers},
        **{column: booleans(text[column]) for column in flags},
    )
    warn_unknown_clusters(records["cluster"], project_relative(Path(path)), lang)
    return records


def required_columns(rules: Rules) -> tuple[str, ...]:
    """Columns an enterprise file must hold: the basic ones, those the rules' scored
    indicators and bonus items read, and those of the cluster roll-up."""
    read = [
        column
        for terms in rules.segments.values()
        for term in terms
        for column in (
            rules.indicators[term.indicator].numerator,
            rules.indicators[term.indicator].denominator,
        )
        if column is not None
    ]
    bonus = [item.column for item in rules.bonus]
    return tuple(dict.fromkeys((*REQUIRED_COLUMNS, *read, *ROLL_UP_COLUMNS, *bonus)))


def boolean_problems(raw: pd.DataFrame, column: str, file: str) -> list[Problem]:
    """A problem at each row of ``raw`` (text, with ``_row``) whose ``column`` is no boolean."""
    bad = ~raw[column].str.strip().str.lower().isin((*TRUE_TEXT, *FALSE_TEXT))
    return [
        Problem(file, int(row), column, f"unreadable {column} {value!r}; {BOOLEAN_EXPECTED}")
        for row, value in zip(raw.loc[bad, ROW], raw.loc[bad, column], strict=True)
    ]


def booleans(text: pd.Series) -> pd.Series:
    """Checked boolean text (:func:`boolean_problems`) as a nullable boolean; blank is NA."""
    lower = text.str.lower()
    return lower.isin(TRUE_TEXT).astype("boolean").where(text.notna())


def cluster_ids(names: pd.Series) -> pd.Series:
    """Catalogue ids of the firms' clusters or parks; a name that is none stays as written."""
    known, clusters = lookup("region", {}), set(firm_clusters())
    ids = names.map(lambda name: known.get(key(name)) if isinstance(name, str) else None)
    return ids.where(ids.isin(clusters), names)


def warn_unknown_clusters(clusters: pd.Series, file: str, lang: str | None) -> None:
    """Say on stderr how many firms name no cluster of the catalogue, and the names."""
    unknown = clusters[~clusters.isin(firm_clusters())].fillna("''")
    if unknown.empty:
        return
    counts = unknown.value_counts(sort=False).sort_index()
    names = [command_text("firms_of", lang, name=name, n=n) for name, n in counts.items()]
    joined = ("、" if lang == "zh" else ", ").join(names)
    line = command_text("unknown_clusters", lang, file=file, n=len(unknown), names=joined)
    print(line, file=sys.stderr)
