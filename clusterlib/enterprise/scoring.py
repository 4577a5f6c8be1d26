"""Enterprise records → data-quality table, evaluation scope and benchmark scores (亩均效益评分)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from clusterlib import catalog, messages
from clusterlib.enterprise.rules import RECORD_COLUMNS, Rules, Term
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.validation import MIN_OTHERS, SLIP_FACTOR
from clusterlib.messages import message

REQUIRED_COLUMNS = ("firm_id", "cluster", "land_mu", "above_scale", "years_in_production")
CLUSTER_KINDS = ("provincial_cluster", "municipal_park")
DQ_COLUMNS = ("row", "firm_id", "cluster", "reason", "column", "value", "message")
MONEY_COLUMNS = ("tax", "value_added", "revenue", "rd_spending")
"""Figures in 万元, compared across clusters and firms for a unit slip (assumptions E16, E17)."""
SLIP_REASON = "unit_slip_"
"""Data-quality reason (with the column) of a firm's figure typed in 元 (assumption E17), or
its land or employees in 万亩 or 万人 (E22)."""
DENOMINATOR_COLUMNS = ("land_mu", "employees")
"""The ratios' denominators (亩, 人): never 0 on every firm of a cluster (E20), checked on
each firm for 万亩 or 万人 typed (E22)."""
REPEATED_ROW = "repeated_row"
"""Data-quality reason of a row repeating an earlier one exactly: counted once (E18)."""


def prepare(records: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """One row per record with ``row``, ``segment``, ``status`` and ``reason`` added.

    ``status`` is ``evaluated``, ``out_of_scope`` (reason ``new_firm``,
    ``below_scale_small_land``, or ``segment_not_scored`` when the rules have no scoring for
    the firm's segment) or ``data_quality`` (reasons joined by "; ", detailed in ``data_quality``).

    Raises
    ------
    DataValidationError
        If a required column (firm_id, cluster, land_mu, above_scale, years_in_production)
        is absent from the records.
    """
    frame = _with_columns(records)
    problems = _problems(frame, rules)
    frame["segment"] = np.where(frame["above_scale"].fillna(False), "above_scale", "below_scale")
    unscored = ~frame["segment"].isin(list(rules.segments))
    too_small = ~frame["above_scale"].fillna(False) & (
        frame["land_mu"] < rules.min_land_mu_below_scale
    )
    too_new = frame["years_in_production"] < rules.min_years_in_production
    frame["status"] = "evaluated"
    frame["reason"] = ""
    frame.loc[too_new, ["status", "reason"]] = ["out_of_scope", "new_firm"]
    frame.loc[too_small, ["status", "reason"]] = ["out_of_scope", "below_scale_small_land"]
    frame.loc[unscored, ["status", "reason"]] = ["out_of_scope", "segment_not_scored"]
    joined = problems.groupby("row")["reason"].agg("; ".join)
    frame.loc[joined.index, "status"] = "data_quality"
    frame.loc[joined.index, "reason"] = joined
    return frame


def data_quality(records: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Every missing or impossible value, one row per record and problem.

    Checks, in order: missing or duplicate ``firm_id``; cluster not in data/catalog/regions.csv
    (``unknown_cluster``); ``missing_land`` and ``nonpositive_land``; ``negative_<column>``
    for any negative figure; missing ``above_scale`` / ``years_in_production``; and, for firms
    otherwise in scope, ``undefined_<indicator>`` when an indicator whose rule says
    ``if_undefined: reject`` cannot be computed (missing figure or zero denominator).

    Returns
    -------
    DataFrame
        Columns ``row`` (0-based position in ``records``), ``firm_id``, ``cluster``,
        ``reason``, ``column``, ``value`` (as text) and ``message``.
    """
    return _problems(_with_columns(records), rules)


def _problems(frame: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    ids = frame["firm_id"]
    checks = [
        (ids.isna(), "missing_firm_id", "firm_id", "no firm id"),
        (conflicting_ids(frame), "duplicate_firm_id", "firm_id", "id repeated"),
        (
            ~frame["cluster"].isin(firm_clusters()),
            "unknown_cluster",
            "cluster",
            "not a cluster or park of data/catalog/regions.csv",
        ),
        (frame["land_mu"].isna(), "missing_land", "land_mu", "no land area (用地面积)"),
        (frame["land_mu"] <= 0, "nonpositive_land", "land_mu", "land area must be > 0 亩"),
    ]
    checks += [
        (frame[col] < 0, f"negative_{col}", col, f"{col} must not be negative")
        for col in (*RECORD_COLUMNS, "years_in_production")
        if col != "land_mu"
    ]
    checks += [
        (frame[col].isna(), f"missing_{col}", col, f"no {col}")
        for col in ("above_scale", "years_in_production")
    ]
    basic = _problem_rows(frame, checks)
    in_scope = _in_scope(frame, rules) & ~frame.index.isin(basic["row"])
    undefined = _problem_rows(frame, _undefined_checks(frame, rules, in_scope))
    both = pd.concat([basic, undefined, _implausible_rows(frame)], ignore_index=True)
    return both.sort_values("row", kind="stable", ignore_index=True)


def first_copies(records: pd.DataFrame) -> pd.Series:
    """Per record (by position), the position of the earlier record it repeats exactly in every
    column but ``row``; -1 for a record that repeats none."""
    rows = records.drop(columns="row", errors="ignore").reset_index(drop=True)
    key = pd.util.hash_pandas_object(rows.astype("string"), index=False)
    first = pd.Series(rows.index, index=rows.index).groupby(key.to_numpy()).transform("first")
    return first.where(first != rows.index, -1)


def conflicting_ids(records: pd.DataFrame) -> pd.Series:
    """Per record (by position), True when another record, not an exact copy of it, has the
    same firm id: which figures hold is unknown, so none is counted (E18)."""
    ids = records["firm_id"].reset_index(drop=True)
    kept = (first_copies(records) < 0).to_numpy()
    return ids.notna() & kept & ids.where(kept).duplicated(keep=False)


def firm_slips(records: pd.DataFrame) -> pd.DataFrame:
    """Firms' 万元 figures at least :data:`SLIP_FACTOR` times their cluster's median firm's,
    both in total and per 亩 (positive figures; clusters of more than :data:`MIN_OTHERS`
    firms reporting it): 元 typed for 万元 (assumption E17).

    Returns ``position, column, value, ratio, per_mu``: one row per figure, ``position`` in
    ``records``, ``ratio`` and ``per_mu`` the multiples of the medians.
    """
    ratios = firm_ratios(records)
    return ratios[(ratios["ratio"] >= SLIP_FACTOR) & (ratios["per_mu"] >= SLIP_FACTOR)]


def small_figures(records: pd.DataFrame) -> pd.DataFrame:
    """The mirror of :func:`firm_slips`: figures at most 1/:data:`SLIP_FACTOR` of the
    cluster's median firm's, in total and per 亩 (亿元 typed for 万元?). Warned, not set
    aside, since a firm that barely produced is what the classification is to find (E19)."""
    ratios = firm_ratios(records)
    small = 1 / SLIP_FACTOR
    return ratios[(ratios["ratio"] <= small) & (ratios["per_mu"] <= small)]


def small_denominators(records: pd.DataFrame) -> pd.DataFrame:
    """Firms' land (亩) or employees (人) at most 1/:data:`SLIP_FACTOR` of their cluster's
    median firm's (positive figures; clusters of more than :data:`MIN_OTHERS` firms reporting
    it): 万亩 typed for 亩, 万人 for 人 (÷10,000). Set aside like :func:`firm_slips`, since
    every per-亩 or per-person figure of the firm, and through the cluster's mean benchmarks
    every other firm's points, would rest on it (assumption E22).

    Returns ``position, column, value, median``: one row per figure, ``position`` in
    ``records``, ``median`` the cluster's median firm's figure.
    """
    frame = records.reset_index(drop=True)
    pieces = []
    for column in (c for c in DENOMINATOR_COLUMNS if c in frame):
        value = pd.to_numeric(frame[column], errors="coerce")
        value = value.where(value > 0)
        median, judged = _cluster_medians(value, frame["cluster"])
        small = judged & (value <= median / SLIP_FACTOR)
        pieces.append(_figures(frame.index[small], column, value=value, median=median))
    return _joined(pieces, ["position", "column", "value", "median"])


def firm_ratios(records: pd.DataFrame) -> pd.DataFrame:
    """Each firm's positive 万元 figures as multiples of its cluster's median firm's, in total
    (``ratio``) and per 亩 (``per_mu``), where more than :data:`MIN_OTHERS` firms of the
    cluster report the figure: ``position, column, value, ratio, per_mu``."""
    frame = records.reset_index(drop=True)
    land = pd.to_numeric(frame["land_mu"], errors="coerce")
    pieces = []
    for column in (c for c in MONEY_COLUMNS if c in frame):
        value = pd.to_numeric(frame[column], errors="coerce")
        value = value.where(value > 0)
        per_mu = value / land.where(land > 0)
        median, judged = _cluster_medians(value, frame["cluster"])
        per_median, _ = _cluster_medians(per_mu, frame["cluster"])
        ratio, per = value / median, per_mu / per_median
        position = frame.index[judged & per.notna()]
        pieces.append(_figures(position, column, value=value, ratio=ratio, per_mu=per))
    return _joined(pieces, ["position", "column", "value", "ratio", "per_mu"])


def _cluster_medians(value: pd.Series, cluster: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Per firm, its cluster's median firm's ``value`` and whether more than
    :data:`MIN_OTHERS` firms of the cluster report it (the medians' rule, E16, E17, E19, E22)."""
    grouped = value.groupby(cluster)
    return grouped.transform("median"), grouped.transform("count") > MIN_OTHERS


def _figures(position: pd.Index, column: str, **series: pd.Series) -> pd.DataFrame:
    """One row per firm at ``position`` with ``column`` and each of ``series`` there."""
    picked = {name: values.loc[position].to_numpy() for name, values in series.items()}
    return pd.DataFrame({"position": position, "column": column, **picked})


def _joined(pieces: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """``pieces`` one under the other, or an empty frame of ``columns``."""
    found = [piece for piece in pieces if len(piece)]
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns=columns)


def _implausible_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Data-quality rows of exact copies of an earlier row, of figures typed in 元 (E17) and
    of land or employees typed in 万亩 or 万人 (E22)."""
    first = first_copies(frame)
    found = [
        (i, REPEATED_ROW, "firm_id", messages.message("repeated_row", first=int(first[i])))
        for i in first.index[first >= 0]
    ]
    found += [
        (
            s.position,
            SLIP_REASON + s.column,
            s.column,
            messages.message("firm_slip", data_column=s.column, ratio=s.ratio, per_mu=s.per_mu),
        )
        for s in firm_slips(frame).itertuples()
    ]
    found += [
        (
            s.position,
            SLIP_REASON + s.column,
            s.column,
            messages.message(
                "firm_denominator_slip",
                data_column=s.column,
                value=s.value,
                scaled=s.value * 10_000,
                median=s.median,
                ratio=s.median / s.value,
            ),
        )
        for s in small_denominators(frame).itertuples()
    ]
    hit = frame.loc[[position for position, *_ in found]]  # positions: frame is 0, 1, …
    return pd.DataFrame(
        {
            "row": hit["row"].to_numpy(),
            "firm_id": hit["firm_id"].to_numpy(),
            "cluster": hit["cluster"].to_numpy(),
            "reason": [reason for _, reason, _, _ in found],
            "column": [column for _, _, column, _ in found],
            "value": [str(frame.at[position, column]) for position, _, column, _ in found],
            "message": [said for *_, said in found],
        },
        columns=list(DQ_COLUMNS),
    )


def score(records: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Benchmark scores of the evaluated firms: Σ weight × min(value ÷ benchmark, cap) + bonus.

    Benchmarks given as a statistic (mean, median, percentile) are computed over the evaluated
    firms of the same group (cluster, or all firms when ``group_by: all``) and segment
    (above-scale 规上 / below-scale 规下), so each evaluated set gets its own benchmark.

    Returns
    -------
    DataFrame
        One row per evaluated firm: ``row, firm_id, cluster, segment, group`` plus, per
        indicator ``<id>``, the columns ``<id>_value``, ``<id>_benchmark``, ``<id>_points``,
        then ``bonus`` and ``score``. Indicators not used by a firm's segment are NaN.
    """
    frame = prepare(records, rules)
    firms = frame.loc[frame["status"] == "evaluated"].reset_index(drop=True)
    firms["group"] = firms["cluster"] if rules.group_by == "cluster" else "all"
    keys = [firms["group"], firms["segment"]]
    out = firms[["row", "firm_id", "cluster", "segment", "group"]].copy()
    total = pd.Series(0.0, index=firms.index)
    for ind_id in rules.indicators:
        parts = [
            _term_points(firms, rules, segment, term, keys)
            for segment, terms in rules.segments.items()
            for term in terms
            if term.indicator == ind_id
        ]
        cols = pd.concat(parts).reindex(firms.index) if parts else None
        for part in ("value", "benchmark", "points"):
            out[f"{ind_id}_{part}"] = np.nan if cols is None else cols[part]
        total += out[f"{ind_id}_points"].fillna(0.0)
    out["bonus"] = _bonus(firms, rules)
    out["score"] = total + out["bonus"]
    return out


def firm_clusters() -> list[str]:
    """Ids of the clusters and parks firms can belong to (kinds ``CLUSTER_KINDS``)."""
    table = catalog.regions()
    return table.index[table["kind"].isin(CLUSTER_KINDS)].tolist()


def indicator_values(frame: pd.DataFrame, rules: Rules, ind_id: str) -> pd.Series:
    """Values of one indicator; NaN where a figure is missing or the denominator is zero."""
    ind = rules.indicators[ind_id]
    num = frame[ind.numerator].astype(float)
    if ind.denominator is None:
        return num
    den = frame[ind.denominator].astype(float)
    return num / den.where(den != 0)


def _term_points(
    firms: pd.DataFrame, rules: Rules, segment: str, term: Term, keys: list[pd.Series]
) -> pd.DataFrame:
    """value, benchmark and points of one term for the firms of one segment."""
    mask = firms["segment"] == segment
    sub = firms.loc[mask]
    value = indicator_values(sub, rules, term.indicator)
    bench = _benchmark(value, term, [k[mask] for k in keys])
    if rules.indicators[term.indicator].direction == "higher":
        ratio = value / bench.where(bench > 0)
    else:
        ratio = bench / value.where(value > 0)
    ratio = ratio.fillna(0.0).where(value.notna())
    if term.cap is not None:
        ratio = ratio.clip(upper=term.cap)
    points = term.weight * ratio
    if term.if_undefined == "mean_points":
        points = points.fillna(points.groupby([k[mask] for k in keys]).transform("mean"))
    return pd.DataFrame({"value": value, "benchmark": bench, "points": points})


def _benchmark(value: pd.Series, term: Term, keys: list[pd.Series]) -> pd.Series:
    if term.benchmark_value is not None:
        return pd.Series(term.benchmark_value, index=value.index)
    grouped = value.groupby(keys)
    if term.benchmark_stat == "percentile":
        return grouped.transform("quantile", term.benchmark_q / 100)
    return grouped.transform(term.benchmark_stat)


def _bonus(firms: pd.DataFrame, rules: Rules) -> pd.Series:
    total = pd.Series(0.0, index=firms.index)
    for item in rules.bonus:
        if item.column not in firms:
            said = message("firm_bonus_column_absent", file=rules.path, column=item.column)
            warnings.warn(said, stacklevel=3)
            continue
        total += item.points * firms[item.column].fillna(False).astype(bool)
    return total if rules.max_bonus is None else total.clip(upper=rules.max_bonus)


def _with_columns(records: pd.DataFrame) -> pd.DataFrame:
    missing = [col for col in REQUIRED_COLUMNS if col not in records]
    if missing:
        raise DataValidationError(
            [
                Problem("enterprise records", None, col, message("firm_column_absent"))
                for col in missing
            ]
        )
    frame = records.reset_index(drop=True).drop(columns="row", errors="ignore")
    frame.insert(0, "row", frame.index)
    for col in RECORD_COLUMNS:
        frame[col] = pd.to_numeric(frame[col], errors="coerce") if col in frame else np.nan
    frame["years_in_production"] = pd.to_numeric(frame["years_in_production"], errors="coerce")
    frame["above_scale"] = frame["above_scale"].astype("boolean")
    return frame


def _in_scope(frame: pd.DataFrame, rules: Rules) -> pd.Series:
    above = frame["above_scale"].fillna(False)
    return (above | (frame["land_mu"] >= rules.min_land_mu_below_scale)) & (
        frame["years_in_production"] >= rules.min_years_in_production
    )


def _undefined_checks(frame: pd.DataFrame, rules: Rules, in_scope: pd.Series) -> list[tuple]:
    checks = []
    above = frame["above_scale"].fillna(False)
    for segment, terms in rules.segments.items():
        in_segment = in_scope & (above if segment == "above_scale" else ~above)
        for term in terms:
            if term.if_undefined != "reject":
                continue
            ind = rules.indicators[term.indicator]
            undefined = in_segment & indicator_values(frame, rules, ind.id).isna()
            column = ind.numerator if ind.denominator is None else ind.denominator
            text = f"{ind.name_zh} cannot be computed: {ind.numerator} or {column} missing/zero"
            checks.append((undefined, f"undefined_{ind.id}", column, text))
    return checks


def _problem_rows(frame: pd.DataFrame, checks: list[tuple]) -> pd.DataFrame:
    pieces = []
    for mask, reason, column, text in checks:
        hit = frame.loc[mask.fillna(False).astype(bool)]
        pieces.append(
            pd.DataFrame(
                {
                    "row": hit["row"],
                    "firm_id": hit["firm_id"],
                    "cluster": hit["cluster"],
                    "reason": reason,
                    "column": column,
                    "value": hit[column].astype("string"),
                    "message": text,
                }
            )
        )
    return pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=DQ_COLUMNS)
