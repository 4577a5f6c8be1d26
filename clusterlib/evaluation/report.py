"""The yearly evaluation run and its report folder (reports/evaluation/<year>/), atomically."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from clusterlib import paths
from clusterlib.coverage import Coverage, asked_quarter, require_year, write_sheet
from clusterlib.evaluation.evaluate import (
    data_quality,
    evaluate_clusters,
    evaluated_clusters,
    indicator_scores,
)
from clusterlib.evaluation.scheme import DEFAULT_SCHEME, Scheme, load_scheme
from clusterlib.evaluation.uncertainty import path_values, rank_intervals, simulate_flows
from clusterlib.evaluation.values import base_indicators, year_end
from clusterlib.inputs.panel import build_panel, load_records
from clusterlib.inputs.reading import expand
from clusterlib.labels import check_lang
from clusterlib.paths import resolve
from clusterlib.publish.report_folder import (
    input_hashes,
    package_versions,
    report_folder,
    write_json,
)
from clusterlib.publish.tables import safe_table

DEFAULT_DATA = (paths.DEMO / "panel.csv", paths.DEMO / "evaluation.csv")
HEADERS: dict[str, tuple[str, str]] = {
    "region": ("地区", "Region"), "region_name": ("产业集聚区", "Cluster"),
    "year": ("年度", "Year"),
    "as_of": ("数据截至", "Data as of"), "composite": ("综合得分", "Composite score"),
    "rank": ("排名", "Rank"), "n_ranked": ("参评数", "Clusters ranked"),
    "stars": ("星级", "Stars"), "previous_stars": ("上年星级", "Stars last year"),
    "star_change": ("星级变化", "Change of stars"), "promoted": ("晋级", "Promoted"),
    "demoted": ("降级", "Demoted"), "below_exit": ("低于退出线", "Below exit threshold"),
    "excluded": ("未参评(缺数)", "Excluded (missing data)"), "missing": ("缺失指标", "Missing"),
    "gap_to_above": ("较前一名主要失分指标", "Points lost to the cluster above"),
    "synthetic": ("合成演示数据", "Synthetic"), "aspect": ("方面", "Aspect"),
    "indicator": ("指标", "Indicator"), "indicator_name": ("指标名称", "Indicator name"),
    "direction": ("方向", "Direction"), "value": ("指标值", "Value"), "score": ("得分", "Score"),
    "weight": ("权重", "Weight"), "points": ("加权得分", "Weighted points"),
    "imputed": ("按规则补缺", "Imputed"), "rule": ("缺失处理规则", "Missing-data rule"),
    "effect": ("处理结果", "Effect"), "next_region": ("后一名", "Next cluster"),
    "rank_lo_weights": ("排名下限(权重)", "Rank low (weights)"),
    "rank_hi_weights": ("排名上限(权重)", "Rank high (weights)"),
    "p_ahead_weights": ("领先后一名概率(权重)", "P(ahead of next), weights"),
    "rank_lo_data": ("排名下限(数据)", "Rank low (data)"),
    "rank_hi_data": ("排名上限(数据)", "Rank high (data)"),
    "p_ahead_data": ("领先后一名概率(数据)", "P(ahead of next), data"),
    "real_gap_to_next": ("与后一名差异显著", "Real gap to next"),
    "p_stars_at_least": ("保持该星级概率", "P(at least these stars)"),
}  # fmt: skip
SHEETS = {
    "results": ("评价结果", "Results"),
    "scores": ("指标得分", "Indicator scores"),
    "intervals": ("排名区间", "Rank intervals"),
    "quality": ("数据质量", "Data quality"),
}


@dataclass(frozen=True)
class EvaluationRun:
    """Everything one evaluation produces: results, long scores, rank intervals, data quality."""

    scheme: Scheme
    year: int
    as_of: pd.Period
    results: pd.DataFrame
    scores: pd.DataFrame
    intervals: pd.DataFrame
    quality: pd.DataFrame
    inputs: tuple[Path, ...]
    coverage: Coverage | None = None  # what the data lack in the year (terminal and report)


def run_evaluation(
    data: Iterable[str | Path] = DEFAULT_DATA,
    year: int = 2018,
    scheme: str | Path = DEFAULT_SCHEME,
    as_of: str | None = None,
    lang: str = "zh",
) -> EvaluationRun:
    """Evaluate ``year`` from the data files; simulate the rest of the year if incomplete."""
    check_lang(lang)
    files = expand(resolve(list(data)))  # relative: to the project root, as in params files
    panel = build_panel(load_records(files))
    settings = load_scheme(scheme)
    cut = year_end(year) if as_of is None else min(asked_quarter(as_of), year_end(year))
    coverage = require_year(panel, year, cut, base_indicators(settings), files)
    clusters = evaluated_clusters(panel, settings)
    paths_ = simulate_flows(panel, year, settings, cut, clusters)
    results = evaluate_clusters(panel, year, settings, as_of=cut, paths=paths_, lang=lang)
    by_path = None if paths_ is None else path_values(panel, year, settings, cut, clusters, paths_)
    return EvaluationRun(
        scheme=settings,
        year=year,
        as_of=cut,
        results=results,
        scores=indicator_scores(results, settings, lang),
        intervals=rank_intervals(results, settings, by_path),
        quality=data_quality(results, settings, lang),
        inputs=tuple([*files, Path(settings.path)]),
        coverage=coverage,
    )


def write_report(run: EvaluationRun, out: str | Path = paths.REPORTS, lang: str = "zh") -> Path:
    """Write ``<out>/evaluation/<year>/``: evaluation.xlsx, evaluation.csv, manifest.json.

    The folder is built aside and swapped into place; a failed run leaves an earlier report.
    """
    target = Path(out) / "evaluation" / str(run.year)
    with report_folder(target) as build:
        safe_table(run.results).to_csv(build / "evaluation.csv", index=False, encoding="utf-8-sig")
        write_workbook(run, build / "evaluation.xlsx", lang)
        if run.coverage is not None:
            write_sheet(build / "evaluation.xlsx", run.coverage, lang)
        write_json(manifest(run, lang), build / "manifest.json")
    return target


def write_workbook(run: EvaluationRun, path: Path, lang: str = "zh") -> None:
    """The workbook: results, indicator scores, rank intervals, data quality (headers in lang)."""
    position = check_lang(lang)
    tables = {
        "results": run.results,
        "scores": run.scores,
        "intervals": run.intervals,
        "quality": run.quality,
    }
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for key, table in tables.items():
            labelled = safe_table(table).rename(columns=lambda c: header(c, run.scheme, lang))
            labelled.to_excel(writer, sheet_name=SHEETS[key][position], index=False)


def header(column: str, scheme: Scheme, lang: str = "zh") -> str:
    """Column header in ``lang``; ``aspect.<id>``/``value.<id>``/``score.<id>`` get names."""
    position = check_lang(lang)
    kind, _, name = column.partition(".")
    if name and kind == "aspect":
        aspect = next(a for a in scheme.aspects if a.id == name)
        return (
            f"{('方面得分', 'Aspect score')[position]}·{(aspect.name_zh, aspect.name_en)[position]}"
        )
    if name:
        return f"{HEADERS[kind][position]}·{scheme.indicator(name).name(lang)}"
    return HEADERS[column][position] if column in HEADERS else column


def manifest(run: EvaluationRun, lang: str) -> dict:
    """What the report was made from: inputs with hashes, scheme settings, versions."""
    synthetic = bool(run.results["synthetic"].any())
    return {
        "report": "yearly evaluation (年考评)",
        "year": run.year,
        "as_of": str(run.as_of),
        "simulated": run.as_of < year_end(run.year),
        "scheme": run.scheme.name,
        "normalisation": run.scheme.normalisation,
        "missing_rule": run.scheme.missing,
        "uncertainty": vars(run.scheme.uncertainty),
        "lang": lang,
        "clusters": len(run.results),
        "synthetic": synthetic,
        "note": "合成演示数据，非官方数据 (SYNTHETIC demonstration data)" if synthetic else "",
        "inputs": input_hashes(list(run.inputs)),
        "packages": package_versions(),
        "coverage": run.coverage.as_dict() if run.coverage is not None else None,
    }
