"""evaluate_clusters: one row per cluster with scores, composite, rank, stars and flags."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.evaluation.scheme import Scheme, load_scheme
from clusterlib.evaluation.scoring import aspect_scores, exit_flags, score_all, stars
from clusterlib.evaluation.values import YearValues, base_indicators, wide_paths, year_end
from clusterlib.exceptions import ParameterError
from clusterlib.inputs.panel import build_panel

GAP_ITEMS = 3  # indicators named in ``gap_to_above``
RESULT_COLUMNS = [
    "region", "region_name", "year", "as_of", "composite", "rank", "n_ranked", "stars",
    "previous_stars", "star_change", "promoted", "demoted", "below_exit", "excluded",
    "missing", "gap_to_above", "synthetic",
]  # fmt: skip


def as_panel(records: pd.DataFrame) -> pd.DataFrame:
    """The panel: built from typed records (``load_records``), or ``records`` if already one."""
    return build_panel(records) if "period_type" in records.columns else records


def evaluated_clusters(panel: pd.DataFrame, scheme: Scheme) -> list[str]:
    """Clusters (catalogue order) with any of the scheme's data in the panel."""
    present = set(panel.loc[panel["indicator"].isin(base_indicators(scheme)), "region"])
    return [region for region in catalog.clusters() if region in present]


def evaluate_clusters(
    records: pd.DataFrame,
    year: int,
    scheme: Scheme | str | Path,
    *,
    as_of: str | pd.Period | None = None,
    paths: pd.DataFrame | None = None,
    previous: bool = True,
    lang: str = "zh",
) -> pd.DataFrame:
    """The yearly evaluation (年考评) of every cluster for ``year``.

    Parameters
    ----------
    records : pd.DataFrame
        Typed records (:func:`~clusterlib.inputs.panel.load_records`) or the panel built
        from them.
    year : int
        The evaluated year.
    scheme : Scheme or path
        The evaluation scheme (:func:`~clusterlib.evaluation.scheme.load_scheme`).
    as_of : str or pd.Period, optional
        Last quarter with data (default: the year's fourth quarter).
    paths : pd.DataFrame, optional
        Simulated paths (``forecasting.simulate``) of the scheme's flows; needed when the
        year is incomplete at ``as_of``: the values are then the paths' medians.
    previous : bool
        Evaluate ``year − 1`` too, for the change of star and the promotion cap.
    lang : str
        Language of names in ``region_name`` and ``gap_to_above``.

    Returns
    -------
    pd.DataFrame
        One row per cluster: :data:`RESULT_COLUMNS`, then ``aspect.<id>``, ``value.<id>``
        and ``score.<id>`` (the score used, after the missing-indicator rule) per indicator.
        ``gap_to_above`` names the indicators costing the most weighted points against the
        cluster ranked just above. Excluded clusters have no rank or stars.

    Raises
    ------
    ParameterError
        If the year is incomplete at ``as_of`` and no paths are given.
    """
    scheme = scheme if isinstance(scheme, Scheme) else load_scheme(scheme)
    panel = as_panel(records)
    as_of = year_end(year) if as_of is None else pd.Period(as_of, freq="Q-DEC")
    clusters = evaluated_clusters(panel, scheme)
    values = _point_values(YearValues(panel, year, scheme, as_of), clusters, paths)
    before = _previous_stars(panel, year, scheme, clusters) if previous else None
    table = _result(values, scheme, before, lang)
    synthetic = panel[panel["region"].isin(clusters)].groupby("region")["synthetic"].any()
    names = [catalog.region_name(region, lang) for region in clusters]
    table = table.assign(
        region=clusters, region_name=names, year=year, as_of=str(min(as_of, year_end(year))),
        synthetic=synthetic.reindex(clusters).fillna(False).astype(bool).to_numpy(),
    )  # fmt: skip
    rest = [c for c in table.columns if c not in RESULT_COLUMNS]
    return table[RESULT_COLUMNS + rest].reset_index(drop=True)


def _point_values(
    values: YearValues, clusters: list[str], paths: pd.DataFrame | None
) -> pd.DataFrame:
    """Values fixed by the data, or the paths' medians when the year is incomplete."""
    if values.as_of >= year_end(values.year):
        return values.actual(clusters)
    if paths is None or paths.empty:
        raise ParameterError(
            f"year {values.year} is incomplete at {values.as_of}: give simulated paths of the "
            "scheme's flows (clusterlib evaluate simulates them)"
        )
    draws = values.paths(clusters, wide_paths(paths))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a missing indicator stays NaN
        median = np.nanmedian(draws, axis=0)
    return pd.DataFrame(median, index=pd.Index(clusters, name="region"), columns=values.scheme.ids)


def _previous_stars(
    panel: pd.DataFrame, year: int, scheme: Scheme, clusters: list[str]
) -> np.ndarray:
    """Last year's stars (same scheme, no cap); NaN where the data do not allow them."""
    last = YearValues(panel, year - 1, scheme, year_end(year - 1)).actual(clusters)
    if last.isna().all().all():
        return np.full(len(clusters), np.nan)
    table = _result(last, scheme, None, "zh")
    return table["stars"].to_numpy(dtype=float)


def _result(
    values: pd.DataFrame, scheme: Scheme, previous: np.ndarray | None, lang: str
) -> pd.DataFrame:
    """Scores, composite, rank, stars and flags of a values table (clusters × indicators)."""
    raw = values.to_numpy(dtype=float)
    missing = np.isnan(raw)
    ranked = ~missing.any(axis=1) if scheme.missing == "exclude" else np.ones(len(raw), bool)
    scores = np.full(raw.shape, np.nan)
    composite, rank, level, below = (np.full(len(raw), np.nan) for _ in range(4))
    scores[ranked], composite[ranked], rank[ranked] = score_all(raw[ranked], scheme)
    revenue = values[scheme.stars.revenue].to_numpy(dtype=float)
    before = None if previous is None else previous[ranked]
    level[ranked] = stars(revenue[ranked], rank[ranked], scheme.stars, before)
    below[ranked] = exit_flags(revenue[ranked], rank[ranked], scheme)
    prior = np.full(len(raw), np.nan) if previous is None else previous
    table = pd.DataFrame(
        {
            "composite": composite, "rank": rank, "n_ranked": int(ranked.sum()), "stars": level,
            "previous_stars": prior, "star_change": level - prior,
            "promoted": level > prior, "demoted": level < prior, "below_exit": below == 1,
            "excluded": ~ranked,
            "missing": [",".join(np.array(scheme.ids)[row]) for row in missing],
            "gap_to_above": _gaps(scores, rank, scheme, lang),
        }
    )  # fmt: skip
    aspects = aspect_scores(scores, scheme)
    for k, aspect in enumerate(scheme.aspects):
        table[f"aspect.{aspect.id}"] = aspects[:, k]
    for k, item in enumerate(scheme.indicators):
        table[f"value.{item.id}"] = raw[:, k]
        table[f"score.{item.id}"] = scores[:, k]
    return table


def _gaps(scores: np.ndarray, rank: np.ndarray, scheme: Scheme, lang: str) -> list[str]:
    """Per cluster: indicators costing it most weighted points against the cluster just above."""
    points = scores * scheme.weights
    out = []
    for j, own in enumerate(rank):
        better = np.where(rank < own)[0]
        if np.isnan(own) or better.size == 0:
            out.append("")
            continue
        above = better[np.argmax(rank[better])]
        gap = points[above] - points[j]
        order = [k for k in np.argsort(-gap)[:GAP_ITEMS] if gap[k] > 0]
        out.append("; ".join(f"{scheme.indicators[k].name(lang)} −{gap[k]:.2f}" for k in order))
    return out


def indicator_scores(result: pd.DataFrame, scheme: Scheme, lang: str = "zh") -> pd.DataFrame:
    """Long table: one row per cluster and indicator (value, score, weight, points, imputed)."""
    rows = []
    for item, weight in zip(scheme.indicators, scheme.weights, strict=True):
        values = result[f"value.{item.id}"]
        rows.append(
            pd.DataFrame(
                {
                    "region": result["region"], "region_name": result["region_name"],
                    "aspect": item.aspect, "indicator": item.id,
                    "indicator_name": item.name(lang), "direction": item.direction,
                    "value": values, "score": result[f"score.{item.id}"], "weight": weight,
                    "points": result[f"score.{item.id}"] * weight, "imputed": values.isna(),
                }
            )
        )  # fmt: skip
    return pd.concat(rows, ignore_index=True)


def data_quality(result: pd.DataFrame, scheme: Scheme, lang: str = "zh") -> pd.DataFrame:
    """One row per missing cluster indicator and how the scheme's rule treated it."""
    effects = {
        "zero": ("该指标记0分", "score 0"),
        "aspect_mean": ("按本方面其他指标得分均值补缺", "mean of its other scores in the aspect"),
        "exclude": ("该集聚区不参与排名", "cluster not ranked"),
    }
    long = indicator_scores(result, scheme, lang)
    missing = long[long["imputed"]]
    return (
        missing[["region", "region_name", "indicator", "indicator_name", "score"]]
        .assign(rule=scheme.missing, effect=effects[scheme.missing][int(lang != "zh")])
        .reset_index(drop=True)
    )
