"""Enterprise classification A/B/C(/D) (企业分类综合评价) and cluster 亩均 roll-ups."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.enterprise.rules import PROCEDURES, Rules, Term
from clusterlib.enterprise.scoring import data_quality, prepare, score
from clusterlib.exceptions import ParameterError
from clusterlib.messages import message

GROUP = ["group", "segment"]
NO_RECORDS = "no_enterprise_records"
"""``data_note`` of a catalogue cluster with no record in the enterprise file."""
GAP_COLUMNS = [
    *("firm_id", "cluster", "segment", "class", "indicator", "name_zh", "unit"),
    *("value", "needed", "gap", "gap_pct", "route", "reachable"),
]


def classify(records: pd.DataFrame, rules: Rules, procedure: str | None = None) -> pd.DataFrame:
    """Grade every evaluated firm; one row per input record, in input order.

    ``procedure`` is ``"henan"`` (rank procedure per cluster: A = ``a_share`` of the firms,
    taken from the top ``pool_share`` by composite score after re-ranking on the ``a_rerank``
    indicators; C likewise from the bottom pool on ``c_rerank``; B the rest) or ``"zhejiang"``
    (classes by score cut-offs or shares). ``None`` uses the rules' ``default_procedure``.
    Ties are broken by composite score, then by ``firm_id`` (the lower id ranks better).

    Returns
    -------
    DataFrame
        ``row, firm_id, cluster, segment, status, reason`` for every record, and for
        evaluated firms ``score``, ``rank`` (1 = best in its cluster and segment),
        ``n_evaluated``, ``class``, ``class_name``, ``b_score_threshold`` (composite score a
        firm below B must reach), ``pool``, ``rerank_score``, ``b_rerank_threshold``
        (Henan only) and the indicator columns of ``score``.
    """
    procedure = procedure or rules.default_procedure
    if procedure not in PROCEDURES or getattr(rules, procedure) is None:
        present = [p for p in PROCEDURES if getattr(rules, p) is not None]
        raise ParameterError(
            message(
                "rules_procedure_unavailable",
                file=rules.path,
                procedure=procedure,
                sections=str(present),
            )
        )
    ranked = _rank(score(records, rules))
    graded = _henan(ranked, rules) if procedure == "henan" else _zhejiang(ranked, rules)
    base = prepare(records, rules)[["row", "firm_id", "cluster", "segment", "status", "reason"]]
    extra = graded.drop(columns=["firm_id", "cluster", "segment", "group"])
    return base.merge(extra, on="row", how="left")


def gap_to_b(classes: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """For each firm graded below B, the value each indicator alone would need to reach B.

    The needed points are the gap to ``b_score_threshold`` (and, for Henan's C re-rank
    indicators, the smaller gap to ``b_rerank_threshold``), holding the other indicators and the
    benchmarks fixed. ``reachable`` is False when the cap (封顶) makes the gap unclosable by
    that indicator alone; ``needed`` is then NaN.

    Returns
    -------
    DataFrame
        Long format, one row per firm and indicator: ``GAP_COLUMNS``.
    """
    below = classes.loc[classes["class"].isin(_below_b(classes))]
    pieces = []
    for segment, terms in rules.segments.items():
        firms = below.loc[below["segment"] == segment]
        c_rerank = rules.henan.c_rerank.get(segment, ()) if rules.henan else ()
        for term in terms:
            pieces.append(_term_gap(firms, rules, term, term.indicator in c_rerank))
    gaps = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame()
    if gaps.empty:
        return pd.DataFrame(columns=GAP_COLUMNS)
    return gaps.sort_values(["cluster", "firm_id"], kind="stable", ignore_index=True)


def cluster_land_productivity(
    records: pd.DataFrame,
    classes: pd.DataFrame,
    va_goal: float,
    lp_goal: float,
) -> pd.DataFrame:
    """Per cluster: firms, class mix, 亩均增加值 and 全员劳动生产率 against the plan's goals.

    ``va_goal`` (万元/亩) and ``lp_goal`` (万元/人) come from the goal catalogue (48 and 35
    in the 2019 plan).

    Uses every record not rejected for data quality (in or out of the evaluation scope), as
    ratios of totals: Σ value added ÷ Σ land (万元/亩) and Σ value added ÷ Σ employees
    (万元/人), each over the firms reporting both figures. A last row ``total`` covers all.
    ``classes`` must come from ``classify(records, ...)``.

    A goal is met (True), not met (False) or not known (NA: no firm gives both figures of the
    ratio; never read as not met). A catalogue cluster without a record counted (none in the
    file, or every one rejected for data quality) has a row of its own with no figures and
    ``data_note`` ``no_enterprise_records`` or ``records_all_rejected``; the total then has
    ``data_note`` ``total_of_clusters_with_records``, and ``n_clusters`` of
    ``n_catalogue_clusters`` says how many clusters it covers.
    """
    frame = records.reset_index(drop=True).assign(row=lambda d: d.index)
    frame = frame.merge(classes[["row", "status", "class"]], on="row")
    frame = frame.loc[frame["status"] != "data_quality"]
    labels = sorted(classes["class"].dropna().unique())
    clusters = _productivity(frame, labels)
    catalogue = list(catalog.clusters())
    lacking = [c for c in catalogue if c not in set(clusters["cluster"])]
    notes = {
        c: "records_all_rejected" if c in set(records["cluster"]) else NO_RECORDS for c in lacking
    }
    total = _productivity(frame.assign(cluster="total"), labels)
    total["n_clusters"], total["n_catalogue_clusters"] = len(clusters), len(catalogue)
    table = pd.concat([_with_clusters(clusters, lacking, labels), total])
    names = [catalog.region_name(c) if c != "total" else "合计" for c in table["cluster"]]
    table.insert(1, "name_zh", names)
    table["va_goal"], table["lp_goal"] = va_goal, lp_goal
    table["va_per_mu_gap"] = table["va_per_mu"] - va_goal
    table["lp_gap"] = table["labour_productivity"] - lp_goal
    table["meets_va_goal"] = _meets(table["va_per_mu"], va_goal)
    table["meets_lp_goal"] = _meets(table["labour_productivity"], lp_goal)
    partial = "total_of_clusters_with_records" if lacking else None
    for column in ("n_clusters", "n_catalogue_clusters"):  # the total's only
        table[column] = table[column].astype("Int64")
    table["data_note"] = [notes.get(c, partial if c == "total" else None) for c in table["cluster"]]
    return table.reset_index(drop=True)


def _meets(ratio: pd.Series, goal: float) -> pd.Series:
    """Whether each ratio reaches ``goal``; NA where the ratio is not known (NaN >= goal is
    False: a cluster without the figures read 达标 否)."""
    return (ratio >= goal).astype("boolean").mask(ratio.isna())


def _with_clusters(clusters: pd.DataFrame, lacking: list[str], labels: list[str]) -> pd.DataFrame:
    """``clusters`` (the roll-up's rows) with an empty row for each cluster of ``lacking``,
    all in order of cluster id: no firm and no figure."""
    if not lacking:
        return clusters
    table = clusters.set_index("cluster")
    table = table.reindex(sorted([*table.index, *lacking])).rename_axis("cluster").reset_index()
    counts = ["n_firms", "n_evaluated", *(f"n_{label}" for label in labels)]
    return table.assign(**{c: table[c].fillna(0).astype(int) for c in counts})


def enterprise_tables(
    records: pd.DataFrame,
    rules: Rules,
    va_goal: float,
    lp_goal: float,
    procedure: str | None = None,
) -> dict[str, pd.DataFrame]:
    """All result tables of one evaluation, keyed by the report file name (without .csv).

    ``va_goal`` and ``lp_goal`` are the catalogue's 亩均增加值 and 全员劳动生产率 goals.
    """
    classes = classify(records, rules, procedure)
    return {
        "enterprise_classes": classes,
        "cluster_land_productivity": cluster_land_productivity(records, classes, va_goal, lp_goal),
        "data_quality": data_quality(records, rules),
        "c_firm_gaps": gap_to_b(classes, rules),
    }


def _rank(scores: pd.DataFrame) -> pd.DataFrame:
    """Sort best first within each group and segment; add ``rank`` and ``n_evaluated``."""
    ranked = scores.sort_values(
        [*GROUP, "score", "firm_id"], ascending=[True, True, False, True], ignore_index=True
    )
    by_group = ranked.groupby(GROUP, sort=False)
    ranked["rank"] = by_group.cumcount() + 1
    ranked["n_evaluated"] = by_group["rank"].transform("size")
    return ranked


def _count(share: float, n: pd.Series, rounding: str) -> pd.Series:
    """Number of firms for a share of ``n``: half-up, floor or ceiling (robust to 0.15×20)."""
    x = share * n.astype(float)
    counts = {"half_up": np.floor(x + 0.5 + 1e-9), "floor": np.floor(x + 1e-9)}
    return pd.Series(counts.get(rounding, np.ceil(x - 1e-9)), index=n.index).astype(int)


def _henan(ranked: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    spec = rules.henan
    n_pool = _count(spec.pool_share, ranked["n_evaluated"], spec.rounding)
    top = ranked["rank"] <= n_pool
    ranked["pool"] = np.where(top, "top", "bottom")
    a_key = _rerank_key(ranked, spec.a_rerank)
    c_key = _rerank_key(ranked, spec.c_rerank)
    ranked["rerank_score"] = a_key.where(top, c_key)
    ordered = ranked.sort_values(
        [*GROUP, "pool", "rerank_score", "score", "firm_id"],
        ascending=[True, True, True, False, False, True],
    )
    pool_group = ordered.groupby([*GROUP, "pool"], sort=False)
    pos = pool_group.cumcount().reindex(ranked.index) + 1
    pool_size = pool_group["rank"].transform("size").reindex(ranked.index)
    n_a = _count(spec.a_share, ranked["n_evaluated"], spec.rounding)
    n_c = _count(spec.c_share, ranked["n_evaluated"], spec.rounding)
    is_a = top & (pos <= n_a)
    is_c = ~top & (pos > pool_size - n_c)
    ranked["class"] = np.select([is_a, is_c], ["A", "C"], "B")
    keys = [ranked[k] for k in GROUP]
    last_top = ranked["score"].where(ranked["rank"] == n_pool)
    ranked["b_score_threshold"] = last_top.groupby(keys).transform("max")
    not_c = ranked["rerank_score"].where(~top & ~is_c)
    ranked["b_rerank_threshold"] = not_c.groupby(keys).transform("min")
    return _label(ranked, spec.labels)


def _zhejiang(ranked: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    spec = rules.zhejiang
    labels = list(spec.labels)
    if spec.method == "cutoffs":
        conditions = [ranked["score"] >= spec.cutoffs[label] for label in labels[:-1]]
        ranked["b_score_threshold"] = spec.cutoffs[labels[1]]
    else:
        bounds = np.cumsum([spec.shares[label] for label in labels])
        counts = [_count(b, ranked["n_evaluated"], spec.rounding) for b in bounds[:-1]]
        conditions = [ranked["rank"] <= c for c in counts]
        in_b = conditions[1]
        ranked["b_score_threshold"] = (
            ranked["score"].where(in_b).groupby([ranked[k] for k in GROUP]).transform("min")
        )
    ranked["class"] = np.select(conditions, labels[:-1], labels[-1])
    return _label(ranked, spec.labels)


def _rerank_key(ranked: pd.DataFrame, names: dict[str, tuple[str, ...]]) -> pd.Series:
    key = pd.Series(np.nan, index=ranked.index)
    for segment, indicators in names.items():
        points = ranked[[f"{name}_points" for name in indicators]].sum(axis=1)
        key = key.where(ranked["segment"] != segment, points)
    return key


def _label(ranked: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    ranked["class_name"] = ranked["class"].map(labels)
    return ranked


def _below_b(classes: pd.DataFrame) -> list[str]:
    present = sorted(classes["class"].dropna().unique())
    return [label for label in present if label > "B"]


def _term_gap(firms: pd.DataFrame, rules: Rules, term: Term, in_c_rerank: bool) -> pd.DataFrame:
    ind = rules.indicators[term.indicator]
    gap = (firms["b_score_threshold"] - firms["score"]).clip(lower=0)
    route = pd.Series("composite", index=firms.index)
    if in_c_rerank:
        rerank_gap = (firms["b_rerank_threshold"] - firms["rerank_score"]).clip(lower=0)
        route = route.where(~(rerank_gap < gap), "rerank")
        gap = np.minimum(gap, rerank_gap.fillna(np.inf))
    value = firms[f"{ind.id}_value"]
    bench = firms[f"{ind.id}_benchmark"]
    ratio = (firms[f"{ind.id}_points"] + gap) / term.weight if term.weight > 0 else np.inf
    reachable = (bench > 0) & ((ratio <= term.cap + 1e-12) if term.cap is not None else True)
    needed = (ratio * bench if ind.direction == "higher" else bench / ratio).where(reachable)
    return pd.DataFrame(
        {
            "firm_id": firms["firm_id"],
            "cluster": firms["cluster"],
            "segment": firms["segment"],
            "class": firms["class"],
            "indicator": ind.id,
            "name_zh": ind.name_zh,
            "unit": ind.unit,
            "value": value,
            "needed": needed,
            "gap": needed - value,
            "gap_pct": 100 * (needed - value) / value.where(value != 0),
            "route": route,
            "reachable": reachable,
        }
    )


def _productivity(frame: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    va, land, emp = (
        pd.to_numeric(frame[c], errors="coerce") for c in ("value_added", "land_mu", "employees")
    )
    has_land, has_emp = va.notna() & land.notna(), va.notna() & (emp > 0)
    parts = pd.DataFrame(
        {
            "cluster": frame["cluster"],
            "n_firms": 1,
            "n_evaluated": frame["status"] == "evaluated",
            **{f"n_{label}": frame["class"] == label for label in labels},
            "land_mu": land.where(has_land),
            "value_added": va,
            "va_land": va.where(has_land),
            "employees": emp.where(has_emp),
            "va_emp": va.where(has_emp),
        }
    )
    sums = parts.groupby("cluster", sort=True).sum(min_count=1).reset_index()
    sums["va_per_mu"] = sums["va_land"] / sums["land_mu"]
    sums["labour_productivity"] = sums["va_emp"] / sums["employees"]
    for label in labels:
        sums[f"share_{label}"] = sums[f"n_{label}"] / sums["n_evaluated"]
    if "synthetic" in frame:
        sums["synthetic"] = frame.groupby("cluster", sort=True)["synthetic"].any().to_numpy()
    return sums.drop(columns=["va_land", "va_emp"])
