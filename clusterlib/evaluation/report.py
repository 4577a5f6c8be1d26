"""The yearly evaluation run and its report folder (reports/evaluation/<year>/), atomically."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from clusterlib import catalog, paths
from clusterlib.coverage import Coverage, asked_quarter, require_year
from clusterlib.evaluation.evaluate import (
    data_quality,
    evaluate_clusters,
    evaluated_clusters,
    indicator_scores,
)
from clusterlib.evaluation.scheme import DEFAULT_SCHEME, Scheme, load_scheme
from clusterlib.evaluation.star_list import (
    DEFAULT_STAR_LISTS,
    change_word,
    load_star_lists,
    source_label,
)
from clusterlib.evaluation.uncertainty import path_values, rank_intervals, simulate_flows
from clusterlib.evaluation.values import base_indicators, year_end
from clusterlib.exceptions import UsageError
from clusterlib.inputs.panel import build_panel, load_records
from clusterlib.inputs.reading import expand
from clusterlib.labels import (
    UNIT_NAMES,
    WORDS,
    check_lang,
    column_label,
    command_text,
    period_name,
    report_title,
    table_name,
    with_unit,
    yuan_amount,
)
from clusterlib.paths import resolve
from clusterlib.publish.report_folder import (
    input_hashes,
    package_versions,
    report_folder,
    write_json,
)
from clusterlib.publish.tables import safe_table
from clusterlib.publish.workbook import Sheet, write_sheets

PLAN_YEAR = 2019  # the year of the plan whose goals the scheme scores (郑政办〔2019〕32号)

DEFAULT_DATA = (paths.DEMO / "panel.csv", paths.DEMO / "evaluation.csv")
HEADERS: dict[str, tuple[str, str]] = {
    "region": ("地区", "Region"), "region_name": ("产业集聚区", "Cluster"),
    "year": ("年度", "Year"), "as_of": ("数据截至", "Data as of"),
    "provincial": ("省级产业集聚区", "Provincial cluster"),
    "composite": ("综合得分", "Composite score"), "rank": ("市内排名", "Rank in Zhengzhou"),
    "n_ranked": ("参评数", "Clusters ranked"),
    "rank_if_lowest": ("排名（缺失取最低分）", "Rank, missing = lowest score"),
    "rank_if_zero": ("排名（缺失记0分）", "Rank, missing = 0"),
    "rank_if_aspect_mean": ("排名（缺失取本方面均值）", "Rank, missing = aspect mean"),
    "rank_if_exclude": ("排名（缺数不参评）", "Rank, incomplete clusters excluded"),
    "stars_estimate": ("估计星级（仅按郑州排名）", "Estimated stars (Zhengzhou-only ranking)"),
    "previous_stars": ("上年星级", "Stars last year"),
    "previous_stars_source": ("上年星级来源", "Source of last year's stars"),
    "previous_stars_by_rule": ("上年星级按规则估计", "Last year's stars estimated by the rule"),
    "star_change": ("星级变化（估计）", "Change of stars (estimate)"),
    "promoted": ("晋级（估计）", "Promoted (estimate)"),
    "demoted": ("降级（估计）", "Demoted (estimate)"),
    "below_exit": ("低于退出线（估计）", "Below exit threshold (estimate)"),
    "excluded": ("未参评（缺数）", "Excluded (missing data)"), "missing": ("缺失指标", "Missing"),
    "no_data": ("无数据（不参与排名）", "No data (not ranked)"),
    "plan_goals_met": ("达到方案目标数", "Plan goals met"),
    "gap_to_above": ("较前一名主要失分指标", "Points lost to the cluster above"),
    "synthetic": ("合成演示数据", "Synthetic"), "aspect": ("方面", "Aspect"),
    "indicator": ("指标", "Indicator"), "indicator_name": ("指标名称", "Indicator name"),
    "direction": ("方向", "Direction"), "value": ("指标值", "Value"), "score": ("得分", "Score"),
    "weight": ("权重", "Weight"), "points": ("加权得分", "Weighted points"),
    "imputed": ("按规则补缺", "Imputed"), "effect": ("处理结果", "Effect"),
    "next_region": ("后一名", "Next cluster"),
    "rank_lo": ("排名区间（{level}，最好）", "Rank interval ({level}), best"),
    "rank_hi": ("排名区间（{level}，最差）", "Rank interval ({level}), worst"),
    "p_ahead_of_next": ("领先后一名的概率", "P(ahead of the next)"),
    "clear_lead": ("领先后一名的概率≥{clear}", "P(ahead of the next) ≥ {clear}"),
    "rank_lo_data": ("排名区间（最好，仅数据修订）", "Rank interval, best (data only)"),
    "rank_hi_data": ("排名区间（最差，仅数据修订）", "Rank interval, worst (data only)"),
    "rank_lo_weights": ("排名区间（最好，仅权重）", "Rank interval, best (weights only)"),
    "rank_hi_weights": ("排名区间（最差，仅权重）", "Rank interval, worst (weights only)"),
    "rank_lo_missing": ("排名区间（最好，仅缺失规则）", "Rank interval, best (missing rule only)"),
    "rank_hi_missing": ("排名区间（最差，仅缺失规则）", "Rank interval, worst (missing rule only)"),
    "p_stars_at_least": ("不低于估计星级的概率", "P(at least the estimated stars)"),
    "note": ("说明", "Note"),
}  # fmt: skip
DIRECTION_WORDS = {
    "higher": ("越高越好", "higher is better"),
    "lower": ("越低越好", "lower is better"),
}
SHEETS = {
    "results": ("评价结果", "Results"),
    "scores": ("指标得分", "Indicator scores"),
    "intervals": ("排名区间", "Rank intervals"),
    "quality": ("数据质量", "Data quality"),
    "notes": ("说明", "Notes"),
}
RULE_WORDS = {
    "lowest": ("取已报送集聚区的最低分", "the lowest score among the clusters reporting it"),
    "zero": ("记0分", "a score of 0"),
    "aspect_mean": ("取本方面其他指标得分均值", "the mean of its other scores in the aspect"),
    "exclude": ("缺数者不参评", "not ranking the cluster"),
}
PROVINCE_RANKED = 179  # ranked for 2017 (豫集聚办〔2018〕5号; facts/cluster_profiles.csv)


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
    notes: pd.DataFrame
    inputs: tuple[Path, ...]
    coverage: Coverage | None = None  # what the data lack in the year (terminal and report)


def run_evaluation(
    data: Iterable[str | Path] = DEFAULT_DATA,
    year: int = 2018,
    scheme: str | Path = DEFAULT_SCHEME,
    as_of: str | None = None,
    lang: str = "zh",
    star_lists: Iterable[str | Path] = DEFAULT_STAR_LISTS,
) -> EvaluationRun:
    """Evaluate ``year`` from the data files; simulate the rest of the year if incomplete.

    Last year's stars come from ``star_lists`` (official first, then the demo list) where
    they have the year, else from the star rule (flagged).
    """
    check_lang(lang)
    files = expand(resolve(list(data)))  # relative: to the project root, as in params files
    star_files = [Path(f) for f in star_lists]
    panel = build_panel(load_records(files), lang)
    star_list = load_star_lists(star_files)
    settings = load_scheme(scheme)
    cut = evaluation_cut(year, as_of, lang)
    clusters = evaluated_clusters(panel, settings)
    indicators = base_indicators(settings)
    coverage = require_year(panel, year, cut, indicators, files, clusters, lang)
    paths_ = simulate_flows(panel, year, settings, cut, clusters)
    results = evaluate_clusters(
        panel, year, settings, as_of=cut, paths=paths_, star_list=star_list, lang=lang
    )
    warn_unranked(results, cut, lang)
    by_path = None if paths_ is None else path_values(panel, year, settings, cut, clusters, paths_)
    return EvaluationRun(
        scheme=settings,
        year=year,
        as_of=cut,
        results=results,
        scores=indicator_scores(results, settings, lang),
        intervals=rank_intervals(results, settings, by_path),
        quality=data_quality(results, settings, lang),
        notes=report_notes(results, settings, lang, year),
        inputs=tuple([*files, *star_files, Path(settings.path)]),
        coverage=coverage,
    )


def ranking_view(results: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """``results`` by rank, the clusters not ranked (A15, rule ``exclude``) last with 不参与排名 /
    "not ranked" as their composite and rank: the ranking of the notebook, page and workbook."""
    ranked = results.sort_values("rank", na_position="last", kind="stable")
    unranked = ranked["excluded"].astype(bool)
    said = WORDS["not_ranked"][check_lang(lang)]
    columns = {}
    for column in ("composite", "rank"):
        values = ranked[column].astype(object)
        columns[column] = values.where(~(unranked & ranked[column].isna()), said)
    return ranked.assign(**columns)


def warn_gaps(run: EvaluationRun, lang: str = "zh") -> None:
    """The coverage's warning lines on stderr without the clusters not ranked for want of data:
    their own warning names them (:func:`warn_unranked`), so each is named once."""
    if run.coverage is None:
        return
    unranked = set(run.results.loc[run.results["no_data"].astype(bool), "region"])
    coverage = replace(
        run.coverage,
        regions=tuple(r for r in run.coverage.regions if r not in unranked),
        pairs=tuple(p for p in run.coverage.pairs if p[0] not in unranked),
    )
    coverage.warn(lang)


def unranked_names(results: pd.DataFrame, lang: str = "zh") -> list[str]:
    """The clusters not ranked for want of data (``no_data``), by name in ``lang``."""
    unranked = results.loc[results["no_data"].astype(bool), "region"]
    return [catalog.region_name(region, lang) for region in unranked]


def warn_unranked(results: pd.DataFrame, as_of: pd.Period, lang: str = "zh") -> None:
    """One warning (in ``lang``) naming the clusters without data enough to be ranked."""
    names = unranked_names(results, lang)
    if names:
        joined = ("、" if lang == "zh" else ", ").join(names)
        warnings.warn(
            command_text("evaluation_unranked", lang, n=len(names), as_of=as_of, names=joined),
            stacklevel=2,
        )


def evaluation_cut(year: int, as_of: str | None = None, lang: str | None = None) -> pd.Period:
    """The evaluated quarter: ``as_of`` (a quarter of ``year``), or the year's fourth.

    Raises
    ------
    UsageError
        For a quarter spelt wrongly, or one outside ``year`` (in ``lang``: ``--as-of 2018Q4
        comes before 2019 …``, it used to read "no data for 2019 … skip it"; ``--as-of
        2019Q2 comes after 2018 …``, it used to evaluate 2018 at 2018Q4 silently).
    """
    if as_of is None or as_of == "":
        return year_end(year)
    asked = asked_quarter(as_of)
    if asked.year != year:
        key = "as_of_before_year" if asked.year < year else "as_of_after_year"
        example = f"{year}Q2"
        raise UsageError(
            command_text(key, lang, given=asked, as_of=asked, year=year, example=example)
        )
    return asked


def gap_sentence(run: EvaluationRun, lang: str = "zh") -> str:
    """The report's opening sentence on what the data lack ("" when nothing): first the
    clusters not ranked for want of data (``no_data``), then the other regions without the
    evaluated quarter, indicators without the year, the missing indicators per ranked
    cluster, and how the scheme's rule treats them (:data:`~clusterlib.labels.REPORT_TITLES`)."""
    position = check_lang(lang)
    join = ("、", ", ")[position]
    coverage = run.coverage or Coverage(str(run.year))
    no_data = run.results.set_index("region")["no_data"].astype(bool)
    ranked = run.results.set_index("region").loc[~no_data]  # the unranked are said first
    missing = ranked["missing"].fillna("").str.split(",")
    counts = missing.map(lambda ids: len([i for i in ids if i])).loc[lambda n: n > 0]
    parts = []
    unranked = join.join(unranked_names(run.results, lang))
    if unranked:
        at = period_name(run.as_of, lang)
        parts.append(report_title("evaluation_gap_unranked", lang, names=unranked, period=at))
    regions = [r for r in coverage.regions if not no_data.get(r, False)]
    if regions:
        names = join.join(catalog.region_name(r, lang) for r in regions)
        at = period_name(coverage.gaps_at, lang)
        parts.append(report_title("evaluation_gap_of", lang, names=names, period=at))
    if coverage.indicators:
        names = join.join(catalog.indicator_name(i, lang) for i in coverage.indicators)
        at = period_name(coverage.period, lang)
        parts.append(report_title("evaluation_gap_of", lang, names=names, period=at))
    if len(counts):
        each = join.join(
            report_title("evaluation_gap_count", lang, name=catalog.region_name(r, lang), n=n)
            for r, n in counts.items()
        )
        total = int(counts.sum())
        parts.append(report_title("evaluation_gap_counts", lang, n=total, counts=each))
    if not parts:
        return ""
    rule = RULE_WORDS[run.scheme.missing][position]
    return report_title(
        "evaluation_gaps", lang, parts=("；", "; ")[position].join(parts), rule=rule
    )


def stars_by_rule(results: pd.DataFrame) -> list[str]:
    """The regions whose 上年星级 is estimated by the scheme's rule (no published list), by name."""
    return results.loc[results["previous_stars_by_rule"], "region_name"].tolist()


def report_notes(
    results: pd.DataFrame, scheme: Scheme, lang: str = "zh", year: int | None = None
) -> pd.DataFrame:
    """What a reader must know to read the results: one note per row (column ``note``); for a
    ``year`` before the plan's (:data:`PLAN_YEAR`), that its goals are scored all the same."""
    position = check_lang(lang)
    parks = results.loc[~results["provincial"], "region_name"].tolist()
    by_rule = stars_by_rule(results)
    settings = scheme.uncertainty
    level, clear = f"{settings.level:.0%}", f"{settings.clear_lead:.0%}"
    sep = ("、", ", ")[position]
    rules = sep.join(RULE_WORDS[rule][position] for rule in settings.missing_rules)
    default = RULE_WORDS[scheme.missing][position]
    goals = sep.join(
        f"{item.name(lang)} {'≥' if item.direction == 'higher' else '≤'} {item.goal:g}"
        for item in scheme.indicators
        if item.goal is not None
    )
    bottom, floor = f"{scheme.exit.bottom_share:.0%}", f"{scheme.exit.min_revenue:g}"
    zh = [
        f"星级由省里按全省约{PROVINCE_RANKED}个产业集聚区的统一排名评定，不是郑州市内排名；"
        "“估计星级”按本方案规则和郑州市内排名推算，只是估计。星级门槛与权重为本项目假设。",
        f"非省级产业集聚区（{'、'.join(parks) or '无'}）参加排名，但不评星级、不计晋级和退出。",
        "上年星级取自星级名单（官方公布的注明出处；演示名单标为合成数据）；名单没有的年份按本方案"
        f"规则估计并标注（{'、'.join(by_rule) or '无'}）。",
        f"缺失指标默认{default}（取最低分时不报数据不会得益）；各规则下的排名见“排名（缺失…）”各列。",
        f"排名区间（{level}）：每次抽样同时改动数据（各指标的修订幅度、当年未完时的模拟路径）、"
        f"权重（狄利克雷分布）和缺失规则（{rules}）。“领先后一名的概率”是抽样中排在后一名之前的比例，"
        f"不是显著性检验；≥{clear}只是本方案设定的阈值。",
        f"按2019年方案量化目标评分的指标（{goals or '无'}）：达到目标得满分"
        "（功效系数法满意值取目标值）。",
        f"退出线（省级集聚区中排名后{bottom}或主营业务收入低于{floor}亿元）为本项目假设。",
    ]
    en = [
        f"Stars are awarded by the province's ranking of all its ~{PROVINCE_RANKED} clusters, not "
        "by a ranking within Zhengzhou: the estimated stars apply this scheme's rule to the "
        "Zhengzhou-only ranking and are an estimate. Star thresholds and weights are assumptions.",
        f"Clusters that are not provincial ({', '.join(parks) or 'none'}) are ranked but get no "
        "stars, promotion or exit flag.",
        "Last year's stars come from the star list (official ones with their source; the demo "
        "list is labelled synthetic); years without one use this scheme's rule, flagged "
        f"({', '.join(by_rule) or 'none'}).",
        f"Missing indicators take {default} by default (with the lowest score, not reporting never "
        "pays); the rank under every rule is in the 'Rank, missing …' columns.",
        f"Rank interval ({level}): every draw perturbs the data (each indicator's revision, and "
        f"the simulated paths of an incomplete year), the weights (Dirichlet) and the "
        f"missing-data rule ({rules}). 'P(ahead of the next)' is the share of draws ranking a "
        f"cluster ahead of the next one; it is not a significance test, and {clear} is a "
        "stated threshold.",
        f"Indicators scored on the 2019 plan's quantitative goals ({goals or 'none'}): reaching "
        "the goal scores full marks (the goal is the efficacy method's satisfactory value).",
        f"The exit threshold (bottom {bottom} of the provincial clusters or revenue below "
        f"{yuan_amount(scheme.exit.min_revenue)}) is an assumption of this project.",
    ]
    notes = (zh, en)[position]
    unranked = unranked_names(results, lang)
    if unranked:
        notes.insert(
            4,
            (
                f"{'、'.join(unranked)}：无数据，不参与排名——缺少的指标占方案权重一半以上，"
                "任何缺失规则给出的排名都是编造的；不估计星级和退出，不列入排名区间；"
                "其余集聚区只在它们之间评分和排名。",
                f"{', '.join(unranked)}: no data, not ranked — the missing indicators carry more "
                "than half the scheme's weight, so any missing-data rule would invent the rank; "
                "no star or exit estimate, no rank interval; the others are scored and ranked "
                "among themselves.",
            )[position],
        )
    plan_goals = [item for item in scheme.indicators if item.goal is not None]
    if year is not None and year < PLAN_YEAR and plan_goals:
        notes.append(
            (
                f"{year}年早于方案（郑政办〔{PLAN_YEAR}〕32号，{PLAN_YEAR}年印发）：以上按方案量化"
                "目标评分的指标仍以该方案的目标为标尺，用于与方案实施后各年比较，不表示当年已有此目标。",
                f"{year} precedes the plan (Zheng Zheng Ban [{PLAN_YEAR}] No. 32, issued in "
                f"{PLAN_YEAR}): the indicators scored on its quantitative goals are scored on "
                "them all the same, to compare with the years after it; the goals did not exist "
                "that year.",
            )[position]
        )
    if bool(results["synthetic"].any()):
        notes.append(
            ("合成演示数据，非官方数据。", "SYNTHETIC demonstration data, not official.")[position]
        )
    return pd.DataFrame({"note": notes})


def write_report(run: EvaluationRun, out: str | Path = paths.REPORTS, lang: str = "zh") -> Path:
    """Write ``<out>/evaluation/<year>/``: evaluation.xlsx, evaluation.csv, manifest.json.

    The folder is built aside and swapped into place; a failed run leaves an earlier report.
    """
    target = Path(out) / "evaluation" / str(run.year)
    with report_folder(target, lang) as build:
        write_files(run, build, lang)
    return target


def write_files(run: EvaluationRun, folder: Path, lang: str = "zh") -> None:
    """evaluation.csv, evaluation.xlsx and manifest.json of ``run`` into ``folder``."""
    safe_table(run.results).to_csv(folder / "evaluation.csv", index=False, encoding="utf-8-sig")
    write_workbook(run, folder / "evaluation.xlsx", lang)
    write_json(manifest(run, lang), folder / "manifest.json")


def evaluation_report(
    data: Iterable[str | Path] = DEFAULT_DATA,
    year: int = 2018,
    scheme: str | Path = DEFAULT_SCHEME,
    as_of: str | None = None,
    lang: str = "zh",
    out: str | Path = paths.REPORTS,
) -> tuple[EvaluationRun, Path]:
    """`clusterlib evaluate`: the evaluation and its report folder ``<out>/evaluation/<year>/``.

    Beside the files of :func:`write_files`, the folder holds the executed notebook
    07_evaluation.ipynb (run on the same data, scheme and cut, while the evaluation is
    computed here) and its page evaluation.html with the code hidden. Built aside and swapped
    into place; a failed run leaves an earlier report.

    Raises
    ------
    BatchError
        If the notebook fails (kept under ``<out>/failed/``); no report is replaced.
    """
    from clusterlib.batch import notebook_report

    check_lang(lang)
    evaluation_cut(year, as_of, lang)  # a wrong --as-of before the notebook starts
    parameters = {
        "year": year,
        "data": [str(path.resolve()) for path in expand(list(data))],
        "scheme": str(Path(scheme).resolve()),
        "as_of": as_of or "",
        "lang": lang,
    }
    title = report_title("evaluation", lang, year=year)
    target = Path(out) / "evaluation" / str(year)
    failed = Path(out) / "failed"
    with (
        report_folder(target, lang) as build,
        notebook_report(
            "07_evaluation.ipynb", parameters, build, failed, str(year), title, "evaluation.html"
        ),
    ):
        run = run_evaluation(data, year, scheme, as_of, lang)
        write_files(run, build, lang)
    return run, target


def missing_named(results: pd.DataFrame, scheme: Scheme, lang: str = "zh") -> pd.DataFrame:
    """``results`` with the ``missing`` indicator ids as the scheme's names in ``lang``."""
    join = "、" if lang == "zh" else ", "

    def names(ids: str) -> str:
        return join.join(scheme.indicator(i).name(lang) for i in ids.split(",") if i)

    return results.assign(missing=results["missing"].fillna("").map(names))


def write_workbook(run: EvaluationRun, path: Path, lang: str = "zh") -> None:
    """The workbook: results, indicator scores, rank intervals, data quality, notes and the
    missing-data sheet of the run's coverage (headers in lang; a count's values, 规模以上工业企业数,
    without decimals; what the missing-data rule did once, as 处理结果)."""
    position = check_lang(lang)
    tables = {
        "results": ranking_view(run.results, lang),
        "scores": run.scores,
        "intervals": run.intervals,
        "quality": run.quality.drop(columns="rule"),  # 处理结果 says what the rule did
        "notes": run.notes,
    }
    counts = {f"value.{i.id}": "count" for i in run.scheme.indicators if i.value_unit == "count"}
    sheets = [
        Sheet(SHEETS[key][position], _words(t, run.scheme, lang), kinds=counts)
        for key, t in tables.items()
    ]
    if run.coverage is not None:
        sheets.append(
            Sheet(
                table_name("missing_data", lang), run.coverage.report_table(), header=column_label
            )
        )
    synthetic = bool(run.results["synthetic"].any())
    write_sheets(path, sheets, lang, synthetic, header=lambda c, la: header(c, run.scheme, la))


def _words(table: pd.DataFrame, scheme: Scheme, lang: str) -> pd.DataFrame:
    """Aspects and missing indicators by name, directions, changes of stars (持平, as on the
    page) and the sources of last year's stars in words (``lang``); the writer does regions."""
    if "missing" in table:
        table = missing_named(table, scheme, lang)
    words = {}
    if "star_change" in table:
        words["star_change"] = table["star_change"].map(lambda c: change_word(c, lang))
    if "aspect" in table:
        names = {a.id: (a.name_zh, a.name_en)[lang == "en"] for a in scheme.aspects}
        words["aspect"] = table["aspect"].map(lambda a: names.get(a, a))
    if "direction" in table:
        words["direction"] = table["direction"].map(lambda d: DIRECTION_WORDS[d][lang == "en"])
    if "previous_stars_source" in table:
        sources = table["previous_stars_source"].fillna("")
        words["previous_stars_source"] = sources.map(lambda s: source_label(s, lang))
    return table.assign(**words)


def header(column: str, scheme: Scheme, lang: str = "zh") -> str:
    """Column header in ``lang``; ``aspect.<id>``/``value.<id>``/``score.<id>`` get names, a
    value its unit: 指标值·主营业务收入（亿元）."""
    position = check_lang(lang)
    settings = scheme.uncertainty
    kind, _, name = column.partition(".")
    if name and kind == "aspect":
        aspect = next(a for a in scheme.aspects if a.id == name)
        return (
            f"{('方面得分', 'Aspect score')[position]}·{(aspect.name_zh, aspect.name_en)[position]}"
        )
    if name:
        indicator = scheme.indicator(name)
        label = f"{HEADERS[kind][position]}·{indicator.name(lang)}"
        return value_header(label, indicator.value_unit, lang) if kind == "value" else label
    if column not in HEADERS:
        return column
    return HEADERS[column][position].format(
        level=f"{settings.level:.0%}", clear=f"{settings.clear_lead:.0%}"
    )


def value_header(label: str, unit: str | None, lang: str = "zh") -> str:
    """``label`` with ``unit`` (:func:`clusterlib.labels.with_unit`), unless the indicator's
    name already says it (亩均增加值（目标48万元/亩）)."""
    named = UNIT_NAMES.get(str(unit), ("", ""))[check_lang(lang)]
    return label if named and named in label else with_unit(label, unit, lang)


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
        "dropped_indicators": list(run.scheme.dropped),
        "previous_stars_by_rule": int(run.results["previous_stars_by_rule"].sum()),
        "lang": lang,
        "clusters": len(run.results),
        "synthetic": synthetic,
        "note": "合成演示数据，非官方数据 (SYNTHETIC demonstration data)" if synthetic else "",
        "inputs": input_hashes(list(run.inputs)),
        "packages": package_versions(),
        "coverage": run.coverage.as_dict() if run.coverage is not None else None,
    }
