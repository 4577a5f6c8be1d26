"""Enterprise records (企业分类评价数据) read from a file: columns, booleans and cluster names."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.enterprise.rules import RECORD_COLUMNS, Rules
from clusterlib.enterprise.scoring import (
    DENOMINATOR_COLUMNS,
    MONEY_COLUMNS,
    REQUIRED_COLUMNS,
    conflicting_ids,
    firm_clusters,
    firm_slips,
    first_copies,
    small_denominators,
    small_figures,
)
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.cells import is_missing, normalise, parse_number
from clusterlib.inputs.names import key, lookup
from clusterlib.inputs.reading import ROW, read_columns
from clusterlib.inputs.records import FALSE_TEXT, TRUE_TEXT
from clusterlib.inputs.validation import MIN_OTHERS, NO_RECORDS, SLIP_FACTOR, group_repeated
from clusterlib.labels import column_label, command_text
from clusterlib.messages import Message, message, told
from clusterlib.paths import project_relative

ROLL_UP_COLUMNS = ("value_added", "employees")
"""Read by the cluster roll-up (亩均增加值, 全员劳动生产率) whatever the rules score."""
SLIP_UNITS = {**dict.fromkeys(MONEY_COLUMNS, "money"), "land_mu": "land", "employees": "people"}
"""Columns a cluster's median firm is checked in for a unit slip (E16), by kind of unit: the
万元 figures and the denominators of the roll-up's ratios (万亩 for 亩, 万人 for 人)."""
FLAGS = ("above_scale", "synthetic")
"""Boolean columns of every enterprise file (``synthetic`` optional), besides the bonus items'."""
BOOLEAN_EXPECTED = message("firm_expected_boolean")
NUMBER_EXPECTED = message("firm_expected_number")


def read_enterprises(path: str | Path, rules: Rules, lang: str | None = None) -> pd.DataFrame:
    """Enterprise records of a CSV or .xlsx file, checked against ``rules``, typed for scoring.

    Clusters named by id, Chinese name or alias (:func:`clusterlib.inputs.names.lookup`, as
    the statistics files) become ids; firms whose cluster is still unknown are said on stderr
    in ``lang`` (they go to the data-quality table). Booleans are read as the input format's
    (true/false, yes/no, 1/0, 是/否; blank = not known; a bonus column blank on every row is
    said on stderr, as no firm then gets the bonus); numbers as printed (``1,234.5``, full-width
    digits; blank or a "not available" mark such as — is NaN). Catalogue clusters without a
    firm in the file, and clusters whose land, value added or employees are blank on every
    firm, are said on stderr (the roll-up reads 无企业数据 / no data for them).

    Raises
    ------
    DataValidationError
        A column the rules or the roll-up read is missing (one line with the file and the
        columns), the file has a header and no rows (``NO_RECORDS``), a boolean or a number
        is unreadable (at its row and column; a value repeated on many rows is one line), a
        cluster's figures look typed in another unit (:func:`unit_slips`), or a cluster's land
        or employees are 0 on every firm (:func:`zero_denominators`).
    """
    file = str(path)
    raw = read_columns(path, required_columns(rules))
    if raw.empty:
        raise DataValidationError([Problem(file, None, None, NO_RECORDS)])
    flags = [c for c in (*FLAGS, *(item.column for item in rules.bonus)) if c in raw]
    numbers = [c for c in (*RECORD_COLUMNS, "years_in_production") if c in raw]
    parsed = {column: raw[column].fillna("").str.strip().map(firm_number) for column in numbers}
    problems = [p for column in flags for p in boolean_problems(raw, column, file)]
    problems += [p for c in numbers for p in number_problems(raw, c, file, parsed[c])]
    if problems:
        in_order = sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
        raise DataValidationError(group_repeated(in_order))
    text = raw.drop(columns=ROW).apply(lambda column: column.str.strip()).replace("", np.nan)
    records = text.assign(
        cluster=cluster_ids(text["cluster"]),
        **parsed,
        **{column: booleans(text[column]) for column in flags},
    )
    slips = unit_slips(records, raw[ROW], file) + zero_denominators(records, raw[ROW], file)
    if slips:
        raise DataValidationError(slips)
    warn_unknown_clusters(records["cluster"], project_relative(Path(path)), lang)
    warn_absent_clusters(records["cluster"], project_relative(Path(path)), lang)
    warn_blank_columns(records, project_relative(Path(path)), lang)
    warn_implausible_firms(records, raw[ROW], project_relative(Path(path)), lang)
    for item in rules.bonus:
        if item.column in records and records[item.column].isna().all():  # not one firm said
            name = f"{item.column}（{item.name_zh}）" if lang == "zh" else item.column
            file = project_relative(Path(path))
            print(command_text("blank_bonus", lang, file=file, column=name), file=sys.stderr)
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
    return _unreadable(raw, column, file, bad, BOOLEAN_EXPECTED)


def firm_number(text: str) -> float:
    """A figure as printed (``1,234.5``, full-width digits, footnote marks); NaN for a blank,
    a "not available" mark (—), a % or text (the last two refused by :func:`number_problems`)."""
    value = None if is_missing(text) or "%" in normalise(text) else parse_number(text)
    return np.nan if value is None else value


def number_problems(raw: pd.DataFrame, column: str, file: str, numbers: pd.Series) -> list[Problem]:
    """A problem at each row of ``raw`` (text, with ``_row``) whose ``column`` holds text
    that is neither a number nor a blank or "not available" mark (``numbers``: the column
    read by :func:`firm_number`)."""
    text = raw[column].fillna("").str.strip()
    bad = numbers.isna() & ~text.map(is_missing)
    return _unreadable(raw.assign(**{column: text}), column, file, bad, NUMBER_EXPECTED)


def _unreadable(
    raw: pd.DataFrame, column: str, file: str, bad: pd.Series, expected: Message
) -> list[Problem]:
    """``unreadable <column> '<value>'; <expected>`` at each ``bad`` row of ``raw``."""
    return [
        Problem(
            file,
            int(row),
            column,
            message("firm_unreadable", column=column, value=value, expected=expected),
        )
        for row, value in zip(raw.loc[bad, ROW], raw.loc[bad, column], strict=True)
    ]


def booleans(text: pd.Series) -> pd.Series:
    """Checked boolean text (:func:`boolean_problems`) as a nullable boolean; blank is NA."""
    lower = text.str.lower()
    return lower.isin(TRUE_TEXT).astype("boolean").where(text.notna())


def unit_slips(records: pd.DataFrame, rows: pd.Series, file: str) -> list[Problem]:
    """A problem per cluster and column of :data:`SLIP_UNITS` whose median firm is
    :data:`SLIP_FACTOR` times above or below the median of the other clusters' medians (at
    least :data:`MIN_OTHERS` others; positive figures only): 亿元 or 元 typed for 万元, 万亩
    for 亩, 万人 for 人 (assumption E16)."""
    known = records[records["cluster"].isin(firm_clusters())]
    return [
        problem
        for column in SLIP_UNITS
        if column in known
        for problem in _column_slips(known[known[column] > 0], column, rows, file)
    ]


def _column_slips(firms: pd.DataFrame, column: str, rows: pd.Series, file: str) -> list[Problem]:
    """:func:`unit_slips` of one column, at the first row of each cluster found."""
    by_cluster = firms.groupby("cluster")[column]
    medians, counts = by_cluster.median(), by_cluster.size()
    first = firms.index.to_series().groupby(firms["cluster"]).first()
    problems = []
    for cluster, median in medians.items() if len(medians) > MIN_OTHERS else ():
        others = medians.drop(cluster).median()
        ratio = median / others
        if 1 / SLIP_FACTOR < ratio < SLIP_FACTOR:
            continue
        times = (
            message("firm_slip_times_above", ratio=ratio)
            if ratio > 1
            else message("firm_slip_times_below", ratio=1 / ratio)
        )
        said = message(
            "firm_unit_slip",
            data_column=column,
            region=cluster,
            n=counts[cluster],
            median=median,
            times=times,
            others_n=len(medians) - 1,
            others=others,
            factor=SLIP_FACTOR,
            unit=message(f"firm_slip_unit_{SLIP_UNITS[column]}"),
            hint=message(f"firm_slip_hint_{SLIP_UNITS[column]}"),
        )
        problems.append(Problem(file, int(rows[first[cluster]]), column, said))
    return problems


def zero_denominators(records: pd.DataFrame, rows: pd.Series, file: str) -> list[Problem]:
    """A problem per cluster and column of :data:`DENOMINATOR_COLUMNS` given as 0 on every firm of
    the cluster that gives it (blanks exported as 0, assumption E20), at the cluster's first
    row: the cluster's 亩均 or 人均 ratio would have no denominator and every firm of it would
    go to the data-quality table unsaid."""
    known = records[records["cluster"].isin(firm_clusters())]
    problems = []
    for column in (c for c in DENOMINATOR_COLUMNS if c in known):
        given = known[known[column].notna()]
        zero = given[column].eq(0).groupby(given["cluster"], sort=True).agg(["all", "size"])
        first = given.index.to_series().groupby(given["cluster"]).first()
        for cluster, n in zero.loc[zero["all"], "size"].items():
            said = message("firm_zero_denominator", data_column=column, region=cluster, n=n)
            problems.append(Problem(file, int(rows[first[cluster]]), column, said))
    return problems


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


def warn_absent_clusters(clusters: pd.Series, file: str, lang: str | None) -> None:
    """Say on stderr which clusters of the catalogue have no firm in the file: the roll-up
    reads 无企业数据 for them and its total covers the others only."""
    total = catalog.clusters()
    absent = [cluster for cluster in total if cluster not in set(clusters)]
    if absent and len(absent) < len(total):
        fields = {"file": file, "regions": ", ".join(absent), "n_absent": len(absent)}
        said = message(
            "firm_clusters_absent", n=len(total) - len(absent), total=len(total), **fields
        )
        print(told(said, lang or "en"), file=sys.stderr)


def warn_blank_columns(records: pd.DataFrame, file: str, lang: str | None) -> None:
    """Say on stderr which clusters have a column of the roll-up's ratios (land, value added,
    employees) blank on every firm: their ratios read no data."""
    known = records[records["cluster"].isin(firm_clusters())]
    columns = ["land_mu", *ROLL_UP_COLUMNS]
    blank = known[columns].isna().groupby(known["cluster"], sort=True).all()
    sizes = known.groupby("cluster", sort=True).size()
    items = [
        told(
            message("firm_blank_of", region=cluster, data_column=column, n=sizes[cluster]),
            lang or "en",
        )
        for cluster, row in blank.iterrows()
        for column in columns
        if row[column]
    ]
    if items:
        joined = "、" if lang == "zh" else "; "
        fields = {"file": file, "n": int(blank.any(axis=1).sum()), "items": joined.join(items)}
        print(told(message("firm_blank_columns", **fields), lang or "en"), file=sys.stderr)


def warn_implausible_firms(
    records: pd.DataFrame, rows: pd.Series, file: str, lang: str | None
) -> None:
    """Say on stderr which rows repeat an earlier row (counted once), which firm ids repeat
    with other figures, which firms' figures look typed in 元 (both left out of the
    cluster totals) or in 亿元 (kept, E19), and whose land or employees look typed in 万亩 or
    万人 (not classified, E22); ``rows``: the file's row of each record."""
    lang, at = lang or "en", rows.to_numpy()
    joined = "、" if lang == "zh" else "; "
    first = first_copies(records)
    ids = records["firm_id"].to_numpy()
    copies = [
        told(message("repeated_row_of", row=at[i], firm=ids[i], first=at[first[i]]), lang)
        for i in first.index[first >= 0]
    ]
    conflicting = conflicting_ids(records).to_numpy()
    by_id = pd.Series(at[conflicting]).groupby(ids[conflicting], sort=False)
    numbers = "、" if lang == "zh" else ", "
    firms = [
        told(message("conflicting_id_of", firm=firm, rows=numbers.join(map(str, n))), lang)
        for firm, n in by_id
    ]
    slips = firm_slips(records)
    slipped = [
        told(message("firm_slip_of", **_slip_fields(records, at[i], figures, lang)), lang)
        for i, figures in slips.groupby("position", sort=True)
    ]
    _say("repeated_rows_warning", copies, lang, file=file, rows=joined.join(copies))
    _say("conflicting_ids_warning", firms, lang, file=file, firms=joined.join(firms))
    fields = {"file": file, "firms": joined.join(slipped), "factor": SLIP_FACTOR}
    _say("firm_slips_warning", slipped, lang, **fields)
    small = [
        told(message("firm_slip_of", **_slip_fields(records, at[i], figures, lang)), lang)
        for i, figures in small_figures(records).groupby("position", sort=True)
    ]
    fields = {"file": file, "firms": joined.join(small), "factor": SLIP_FACTOR}
    _say("firm_small_warning", small, lang, **fields)
    thin = [
        told(message("firm_slip_of", **_denominator_fields(records, at[i], figures, lang)), lang)
        for i, figures in small_denominators(records).groupby("position", sort=True)
    ]
    fields = {"file": file, "firms": joined.join(thin), "factor": SLIP_FACTOR}
    _say("firm_denominators_warning", thin, lang, **fields)


def _say(key: str, items: list[str], lang: str, **fields: object) -> None:
    """Print the warning ``key`` about ``items`` on stderr, unless there are none."""
    if items:
        print(told(message(key, n=len(items), **fields), lang), file=sys.stderr)


def _slip_fields(
    records: pd.DataFrame, row: int, figures: pd.DataFrame, lang: str
) -> dict[str, object]:
    """The fields of a ``firm_slip_of`` item: firm, cluster, file row and figures."""
    record = records.iloc[int(figures["position"].iloc[0])]
    pairs = zip(figures["column"], figures["value"], strict=True)
    named = column_label if lang == "zh" else str
    shown = [f"{named(column)} {value:.12g}" for column, value in pairs]
    return {
        "firm": record["firm_id"],
        "region": record["cluster"],
        "row": row,
        "figures": ("、" if lang == "zh" else ", ").join(shown),
    }


def _denominator_fields(
    records: pd.DataFrame, row: int, figures: pd.DataFrame, lang: str
) -> dict[str, object]:
    """The fields of a ``firm_slip_of`` item of land or employees typed ÷10,000 (E22): each
    figure as given, ×10,000 and the cluster's median firm's."""
    record = records.iloc[int(figures["position"].iloc[0])]
    shown = [
        told(
            message(
                "firm_denominator_figure",
                data_column=figure.column,
                value=figure.value,
                scaled=figure.value * 10_000,
                median=figure.median,
            ),
            lang,
        )
        for figure in figures.itertuples()
    ]
    return {
        "firm": record["firm_id"],
        "region": record["cluster"],
        "row": row,
        "figures": ("；" if lang == "zh" else "; ").join(shown),
    }
