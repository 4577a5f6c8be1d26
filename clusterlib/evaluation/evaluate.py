"""evaluate_clusters: one row per cluster with scores, composite, rank, stars and flags."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.evaluation.scheme import MISSING_RULES, Scheme, load_scheme
from clusterlib.evaluation.scoring import aspect_scores, exit_flags, ranks, score_all, stars
from clusterlib.evaluation.star_list import RULE_SOURCE, ratings_of
from clusterlib.evaluation.values import YearValues, base_indicators, wide_paths, year_end
from clusterlib.exceptions import ParameterError
from clusterlib.inputs.panel import build_panel
from clusterlib.labels import command_text, period_name
from clusterlib.messages import message
from clusterlib.paths import project_relative

GAP_ITEMS = 3  # indicators named in ``gap_to_above``
MAX_MISSING_WEIGHT = 0.5  # a cluster missing more of the scheme's weight is not ranked
NO_DATA_WORDS = {"zh": "无数据，不参与排名", "en": "no data, not ranked"}  # in gap_to_above
PROVINCIAL = "provincial_cluster"  # the catalogue kind the province rates with stars
RULE_RANKS = [f"rank_if_{rule}" for rule in MISSING_RULES]
RESULT_COLUMNS = [
    "region", "region_name", "year", "as_of", "provincial", "composite", "rank", "n_ranked",
    *RULE_RANKS, "stars_estimate", "previous_stars", "previous_stars_source",
    "previous_stars_by_rule", "star_change", "promoted", "demoted", "below_exit", "excluded",
    "no_data", "missing", "plan_goals_met", "gap_to_above", "synthetic",
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
    star_list: pd.DataFrame | None = None,
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
        Look up last year's stars, for the change of star and the promotion cap.
    star_list : pd.DataFrame, optional
        Published (or demo) star ratings (:func:`~clusterlib.evaluation.star_list.
        load_star_lists`). ``previous_stars`` is the list's rating of ``year − 1`` where it
        has one; otherwise the scheme's star rule applied to ``year − 1``, flagged in
        ``previous_stars_by_rule``. Without a list the rule is used for every cluster.
    lang : str
        Language of names in ``region_name`` and ``gap_to_above``.

    Returns
    -------
    pd.DataFrame
        One row per cluster: :data:`RESULT_COLUMNS`, then ``aspect.<id>``, ``value.<id>``
        and ``score.<id>`` (the score used, after the missing-indicator rule) per indicator.
        Every cluster (provincial or municipal) is ranked; ``rank_if_<rule>`` is its rank
        under each missing-data rule. ``stars_estimate`` applies the star rule to the rank
        among the provincial clusters of this ranking only (the province ranks all its
        clusters, so it is an estimate); municipal parks get no stars and no exit flag.
        ``plan_goals_met`` counts the indicators with a ``goal`` that reach it.
        ``gap_to_above`` names the indicators costing the most weighted points against the
        cluster ranked just above (:data:`NO_DATA_WORDS` for a ``no_data`` cluster, so the
        ranking says why it has no rank). Excluded clusters have no rank or stars; ``no_data``
        marks those missing indicators that carry more than :data:`MAX_MISSING_WEIGHT` of
        the scheme's weight (:func:`unranked`): they are not ranked under any rule, and the
        others are scored and ranked among themselves (docs/assumptions.md).

    Raises
    ------
    ParameterError
        If the year is incomplete at ``as_of`` and no paths are given, or if an indicator of
        the scheme has no value for any cluster (drop it in the scheme's ``drop`` to go on).
    """
    scheme = scheme if isinstance(scheme, Scheme) else load_scheme(scheme)
    panel = as_panel(records)
    as_of = year_end(year) if as_of is None else pd.Period(as_of, freq="Q-DEC")
    clusters = evaluated_clusters(panel, scheme)
    year_values = YearValues(panel, year, scheme, as_of)
    values = _point_values(year_values, clusters, paths)
    check_reported(values, scheme, year, year_values, lang)
    provincial = provincial_mask(clusters)
    before = _previous_stars(panel, year, scheme, clusters, star_list) if previous else None
    table = _result(values, scheme, provincial, before, lang)
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
            message("evaluation_year_incomplete", year=str(values.year), as_of=str(values.as_of))
        )
    draws = values.paths(clusters, wide_paths(paths))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a missing indicator stays NaN
        median = np.nanmedian(draws, axis=0)
    return pd.DataFrame(median, index=pd.Index(clusters, name="region"), columns=values.scheme.ids)


def check_reported(
    values: pd.DataFrame,
    scheme: Scheme,
    year: int,
    year_values: YearValues | None = None,
    lang: str | None = None,
) -> None:
    """Stop when an indicator of the scheme has no value for any cluster (message in ``lang``,
    English without one).

    An indicator compared with a region (``compare_to``, the city) that lacks the figures
    the comparison reads is said as such, naming the region's missing figures and quarters:
    dropping the indicator is not the remedy then, the comparison region's data are.

    Raises
    ------
    ParameterError
        Naming the comparison region's missing figures; or the indicators, the year and the
        scheme file, and how to drop them.
    """
    empty = [name for name in values.columns if values[name].isna().all()]
    if not empty:
        return
    lines, rest = [], list(empty)
    where = project_relative(Path(scheme.path))
    if year_values is not None:
        for region, (items, figures) in _benchmark_gaps(year_values, scheme, empty).items():
            join = "、" if lang == "zh" else ", "
            names = join.join(scheme.indicator(i).name(lang or "en") for i in items)
            shown = join.join(_figure(region, f, quarters, lang) for f, quarters in figures)
            lines.append(
                command_text(
                    "evaluation_benchmark", lang, scheme=where, year=year, names=names,
                    region=catalog.region_name(region, lang or "en"), figures=shown,
                )
            )  # fmt: skip
            rest = [i for i in rest if i not in items]
    if rest:
        as_of = year_values.as_of if year_values is not None else year_end(year)
        names = "、".join(scheme.indicator(i).name(lang) for i in rest) if lang == "zh" else ""
        lines.append(
            command_text(
                "evaluation_unreported", lang, scheme=where, year=year, as_of=as_of,
                names=names, ids=", ".join(rest),
            )
        )  # fmt: skip
    raise ParameterError(("；" if lang == "zh" else "; ").join(lines))


def _benchmark_gaps(
    year_values: YearValues, scheme: Scheme, empty: list[str]
) -> dict[str, tuple[list[str], list[tuple[str, list[pd.Period]]]]]:
    """Per comparison region: the ``empty`` indicators it explains, and its (indicator,
    missing quarters) the comparison reads."""
    found: dict[str, tuple[list[str], list[tuple[str, list[pd.Period]]]]] = {}
    for item in (scheme.indicator(i) for i in empty):
        if item.compare_to is None:
            continue
        lacking = year_values.lacking(item.compare_to, item.compare_indicator, "ytd_growth")
        if not lacking:
            continue
        items, figures = found.setdefault(item.compare_to, ([], []))
        items.append(item.id)
        if item.compare_indicator not in [f for f, _ in figures]:
            figures.append((item.compare_indicator, lacking))
    return found


def _figure(region: str, indicator: str, quarters: list[pd.Period], lang: str | None) -> str:
    """A region's missing figure: 郑州市规模以上工业增加值（2018年第四季度）, runs of quarters
    as ranges (2017年第一季度至2018年第四季度)."""
    runs: list[list[pd.Period]] = []
    for quarter in quarters:
        if runs and quarter == runs[-1][-1] + 1:
            runs[-1].append(quarter)
        else:
            runs.append([quarter])
    periods = ("、" if lang == "zh" else ", ").join(
        period_name(run[0], lang or "en")
        if len(run) == 1
        else command_text("periods_to", lang, first=run[0], last=run[-1])
        for run in runs
    )
    return command_text(
        "evaluation_figure", lang, region=catalog.region_name(region, lang or "en"),
        indicator=catalog.indicator_name(indicator, lang or "en"), periods=periods,
    )  # fmt: skip


def provincial_mask(clusters: list[str]) -> np.ndarray:
    """True for the clusters the catalogue lists as provincial 产业集聚区 (kind)."""
    kinds = catalog.regions()["kind"]
    return np.array([kinds.get(region) == PROVINCIAL for region in clusters])


def _previous_stars(
    panel: pd.DataFrame,
    year: int,
    scheme: Scheme,
    clusters: list[str],
    star_list: pd.DataFrame | None,
) -> pd.DataFrame:
    """Last year's stars and where they come from: the star list, else the rule (flagged).

    The rule is the scheme's star estimate on ``year − 1`` (no cap); NaN where the data do
    not allow it. Municipal parks have no stars.
    """
    provincial = provincial_mask(clusters)
    listed = (
        ratings_of(star_list, clusters, year - 1)
        if star_list is not None
        else pd.DataFrame({"stars": np.nan, "source": RULE_SOURCE}, index=clusters)
    )
    by_rule = listed["source"].eq(RULE_SOURCE).to_numpy() & provincial
    rule = np.full(len(clusters), np.nan)
    if by_rule.any():
        last = YearValues(panel, year - 1, scheme, year_end(year - 1)).actual(clusters)
        if not last.isna().all().any():  # the rule needs every indicator reported
            rule = _result(last, scheme, provincial, None, "zh")["stars_estimate"].to_numpy(float)
    stars_ = np.where(by_rule, rule, listed["stars"].to_numpy(dtype=float))
    return pd.DataFrame(
        {
            "previous_stars": np.where(provincial, stars_, np.nan),
            "previous_stars_source": np.where(provincial, listed["source"], ""),
            "previous_stars_by_rule": by_rule,
        }
    )


def _result(
    values: pd.DataFrame,
    scheme: Scheme,
    provincial: np.ndarray,
    previous: pd.DataFrame | None,
    lang: str,
) -> pd.DataFrame:
    """Scores, composite, ranks, star estimate and flags of a values table (clusters × ids)."""
    raw = values.to_numpy(dtype=float)
    missing = np.isnan(raw)
    no_data = unranked(raw, scheme)
    ranked = ~missing.any(axis=1) if scheme.missing == "exclude" else ~no_data
    scores = np.full(raw.shape, np.nan)
    composite, rank = np.full(len(raw), np.nan), np.full(len(raw), np.nan)
    scores[ranked], composite[ranked], rank[ranked] = score_all(raw[ranked], scheme)
    if previous is None:
        previous = pd.DataFrame(
            {
                "previous_stars": np.nan,
                "previous_stars_source": "",
                "previous_stars_by_rule": False,
            },
            index=range(len(raw)),
        )
    prior = previous["previous_stars"].to_numpy(dtype=float)
    level, below = _stars_and_exit(values, scheme, composite, ranked & provincial, prior)
    unranked_words = NO_DATA_WORDS.get(lang, NO_DATA_WORDS["en"])
    table = pd.DataFrame(
        {
            "provincial": provincial, "composite": composite, "rank": rank,
            "n_ranked": int(ranked.sum()), **_rule_ranks(raw, scheme, ~no_data),
            "stars_estimate": level, "previous_stars": prior,
            "previous_stars_source": previous["previous_stars_source"].to_numpy(),
            "previous_stars_by_rule": previous["previous_stars_by_rule"].to_numpy(),
            "star_change": level - prior, "promoted": level > prior, "demoted": level < prior,
            "below_exit": below, "excluded": ~ranked, "no_data": no_data,
            "missing": [",".join(np.array(scheme.ids)[row]) for row in missing],
            "plan_goals_met": _goals_met(raw, scheme),
            "gap_to_above": np.where(no_data, unranked_words, _gaps(scores, rank, scheme, lang)),
        }
    )  # fmt: skip
    aspects = aspect_scores(scores, scheme)
    for k, aspect in enumerate(scheme.aspects):
        table[f"aspect.{aspect.id}"] = aspects[:, k]
    for k, item in enumerate(scheme.indicators):
        table[f"value.{item.id}"] = raw[:, k]
        table[f"score.{item.id}"] = scores[:, k]
    return table


def _stars_and_exit(
    values: pd.DataFrame,
    scheme: Scheme,
    composite: np.ndarray,
    rated: np.ndarray,
    prior: np.ndarray,
) -> tuple[np.ndarray, pd.Series]:
    """Star estimate and exit flag of the ``rated`` clusters, from their rank among themselves.

    Others (municipal parks, excluded clusters) get NaN stars and no exit flag (NA); so does
    a cluster whose revenue, which the star and exit rules read, is missing: its stars are
    unknown, not zero (it used to be estimated at 0 stars and marked demoted).
    """
    level = np.full(len(composite), np.nan)
    below = pd.Series(pd.NA, index=range(len(composite)), dtype="boolean")
    if rated.any():
        revenue = values[scheme.stars.revenue].to_numpy(dtype=float)[rated]
        own_rank = ranks(composite[rated])
        known = ~np.isnan(revenue)
        estimate = stars(revenue, own_rank, scheme.stars, prior[rated])
        level[rated] = np.where(known, estimate, np.nan)
        flags = pd.Series(exit_flags(revenue, own_rank, scheme), dtype="boolean")
        below[rated] = flags.where(known, pd.NA).to_numpy()
    return level, below


def unranked(raw: np.ndarray, scheme: Scheme) -> np.ndarray:
    """Per cluster of ``raw`` (clusters × the scheme's indicators): True when its missing
    indicators carry more than :data:`MAX_MISSING_WEIGHT` of the scheme's weight.

    Such a cluster has no data to rank it on: any missing-data rule would invent its rank
    (every indicator missing used to give the lowest score everywhere, composite 60).
    """
    weights = np.asarray(scheme.weights, dtype=float)
    lacking = np.isnan(raw) @ weights
    return lacking > MAX_MISSING_WEIGHT * weights.sum() + 1e-12


def _rule_ranks(
    raw: np.ndarray, scheme: Scheme, eligible: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """``rank_if_<rule>``: each cluster's rank under every missing-data rule, among the
    ``eligible`` clusters (default all; the others get none)."""
    eligible = np.ones(len(raw), bool) if eligible is None else eligible
    out = {}
    for rule, column in zip(MISSING_RULES, RULE_RANKS, strict=True):
        rank = np.full(len(raw), np.nan)
        chosen = eligible & ~np.isnan(raw).any(axis=1) if rule == "exclude" else eligible
        if chosen.any():
            rank[chosen] = score_all(raw[chosen], scheme, "zero" if rule == "exclude" else rule)[2]
        out[column] = rank
    return out


def _goals_met(raw: np.ndarray, scheme: Scheme) -> np.ndarray:
    """Per cluster: how many indicators with a ``goal`` reach it (a missing value does not)."""
    goals = scheme.goals
    has_goal = ~np.isnan(goals)
    with np.errstate(invalid="ignore"):
        met = np.where(scheme.directions > 0, raw >= goals, raw <= goals)
    return (met & has_goal & ~np.isnan(raw)).sum(axis=1)


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
        out.append(_gap_text([(scheme.indicators[k].name(lang), gap[k]) for k in order], lang))
    return out


def _gap_text(gaps: list[tuple[str, float]], lang: str) -> str:
    """The points lost, as the office lists them: 主营业务收入（−2.61分）；… (en: name −2.61; …)."""
    if lang == "zh":
        return "；".join(f"{name}（−{points:.2f}分）" for name, points in gaps)
    return "; ".join(f"{name} −{points:.2f}" for name, points in gaps)


def indicator_scores(result: pd.DataFrame, scheme: Scheme, lang: str = "zh") -> pd.DataFrame:
    """Long table: one row per cluster and indicator (value, score, weight, points, imputed).

    ``imputed``: missing and filled by the scheme's rule; a missing value of a cluster not
    ranked for want of data (``no_data``) is not imputed, it has no score.
    """
    no_data = result["no_data"].astype(bool) if "no_data" in result else False
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
                    "points": result[f"score.{item.id}"] * weight,
                    "imputed": values.isna() & ~no_data,
                }
            )
        )  # fmt: skip
    return pd.concat(rows, ignore_index=True)


def data_quality(result: pd.DataFrame, scheme: Scheme, lang: str = "zh") -> pd.DataFrame:
    """One row per missing cluster indicator and how the scheme's rule treated it (a cluster
    not ranked for want of data: no rule applied, ``rule`` empty, said in ``effect``)."""
    effects = {
        "lowest": ("取已报送集聚区的最低分", "the lowest score among the clusters reporting it"),
        "zero": ("该指标记0分", "score 0"),
        "aspect_mean": ("按本方面其他指标得分均值补缺", "mean of its other scores in the aspect"),
        "exclude": ("该集聚区不参与排名", "cluster not ranked"),
    }
    unranked = (
        "无数据（缺少方案一半以上权重的指标），不参与排名",
        "no data (more than half the scheme's weight missing): cluster not ranked",
    )[int(lang != "zh")]
    long = indicator_scores(result, scheme, lang)
    missing = long[long["value"].isna()]
    effect = np.where(missing["imputed"], effects[scheme.missing][int(lang != "zh")], unranked)
    return (
        missing[["region", "region_name", "indicator", "indicator_name", "score"]]
        .assign(rule=np.where(missing["imputed"], scheme.missing, ""), effect=effect)
        .reset_index(drop=True)
    )
