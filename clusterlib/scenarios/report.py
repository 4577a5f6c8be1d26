"""A scenario's report: reports/<quarter>/scenarios/<name>/, next to the baseline, atomically."""

from __future__ import annotations

import json
import shutil
import time
import warnings
from dataclasses import replace
from html import escape
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.goals.catalogue import load_catalogue, simulated_indicators
from clusterlib.goals.progress import evaluate_goals
from clusterlib.inputs.panel import load_panel
from clusterlib.labels import in_sentence, listed, period_name, scenario_text, t, yuan_amount
from clusterlib.messages import message
from clusterlib.params import RunSettings
from clusterlib.paths import project_relative, resolve
from clusterlib.pipeline import goals_from_draws, project_register
from clusterlib.publish.display import synthetic_notice
from clusterlib.publish.report_folder import report_folder, sha256, write_json
from clusterlib.publish.tables import TABLES, read_table, workbook_sheets, write_table
from clusterlib.publish.workbook import write_sheets
from clusterlib.scenarios.compare import (
    comparison,
    comparison_view,
    full_year_shift,
    scenario_full_year,
)
from clusterlib.scenarios.draws import DRAWS_FILE, KEYS, Draws, read_draws
from clusterlib.scenarios.plausible import implausible
from clusterlib.scenarios.shocks import (
    apply_scenario,
    below_zero,
    missing_series,
    shift_series,
    shifts,
)
from clusterlib.scenarios.spec import (
    CITY,
    GrowthShock,
    Overlap,
    Scenario,
    Shock,
    load_scenario,
    overlaps,
    refuse,
)

SCENARIOS = "scenarios"  # folder of a quarter's report holding its scenarios


def scenario_folder(report: Path, name: str) -> Path:
    """Where a scenario of the report ``reports/<quarter>`` goes."""
    return Path(report) / SCENARIOS / name


def write_scenario_report(
    report: Path, scenario_file: Path, settings: RunSettings, panel: pd.DataFrame | None = None
) -> Path:
    """Evaluate the scenario on the report's kept draws and write its folder; return it.

    ``panel``: the run's quarterly panel, when the caller has read it already (else read here).

    The scenario is evaluated exactly as the baseline was (same draws, same code), and a zero
    shift reproduces the report's ``tables/goals.csv`` to the bit, so every change in the
    comparison comes from the shocks alone. Writes ``tables/goals.csv``, ``tables/full_year.csv``
    and ``tables/comparison.csv`` (ids, for scripts), ``tables.xlsx`` and ``comparison.html``
    (names and headers in the run's language), the scenario file and ``manifest.json``.
    Nothing outside the scenario's folder changes.

    Raises
    ------
    ParameterError
        Listing every problem of the scenario file, or a shock that does not fit the data.
    FileNotFoundError
        If the report kept no draws.
    """
    started = time.perf_counter()
    as_of = pd.Period(settings.quarter, freq="Q-DEC")
    goals = load_catalogue()
    scenario = load_scenario(
        scenario_file, as_of, simulated_indicators(goals), settings.as_of_month
    )
    if panel is None:
        panel = load_panel(resolve(list(settings.data)), settings.quarter, settings.lang)
    draws = read_draws(report)
    register = project_register(settings.projects)
    new, change = evaluate_scenario(panel, as_of, draws, scenario, goals, register)
    base = baseline_goals(report)
    full = scenario_full_year(read_table(report, "full_year"), change)
    compared = comparison(base, new)
    numbers = idle_shocks(panel, as_of, draws, scenario, goals, full)
    idle = [idle_note(scenario, number, settings.lang) for number in numbers]
    paired = overlaps(scenario.shocks)
    overlapping = [overlap_note(scenario, pair, settings.lang) for pair in paired]
    synthetic = bool(panel["synthetic"].any())
    for note in [*overlapping, *idle]:
        warnings.warn(note, stacklevel=2)
    source = project_relative(Path(scenario_file).absolute())
    _warn_if_replacing_another_file(scenario_folder(report, scenario.name), source, settings.lang)
    with report_folder(scenario_folder(report, scenario.name), settings.lang) as build:
        write_table(build, "goals", new)
        write_table(build, "full_year", full)
        write_table(build, "comparison", compared)
        _write_workbook(build, scenario, settings, synthetic)
        notes = {"overlap_note": overlapping, "idle_note": idle}
        _write_html(compared, scenario, settings, build / "comparison.html", notes, synthetic)
        shutil.copyfile(scenario_file, build / "scenario.yaml")
        manifest = {
            "quarter": settings.quarter,
            "scenario": scenario.name,
            "scenario_file": source,
            "scenario_sha256": sha256(Path(scenario_file)),
            "synthetic": synthetic,
            "draws": f"../../{TABLES}/{DRAWS_FILE}",
            "draws_sha256": sha256(Path(report) / TABLES / DRAWS_FILE),
            "unreported_shocks": [idle_note(scenario, number) for number in numbers],
            "overlapping_shocks": [overlap_note(scenario, pair) for pair in paired],
            "seconds": round(time.perf_counter() - started, 2),
        }
        write_json(manifest, build / "manifest.json")
    return scenario_folder(report, scenario.name)


def evaluate_scenario(
    panel: pd.DataFrame,
    as_of: pd.Period,
    draws: Draws,
    scenario: Scenario,
    goals: pd.DataFrame,
    register: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(goal results, full-year growth change per region and indicator) under the scenario.

    The goals are evaluated as the baseline's (:func:`~clusterlib.pipeline.goals_from_draws`)
    on the draws shifted by the shocks; the change is :func:`full_year_shift`.

    Raises
    ------
    ParameterError
        Naming the file and key of each shock of a series without simulated paths (levels,
        for a level change); of each shock beyond assumption S4's bounds (a level change larger
        than its cluster's quarter, growth outside the catalogue's plausible range:
        :func:`~clusterlib.scenarios.plausible.implausible`); and of each level change that
        would make its quarter's level negative on a simulated path, or a growth shock that
        would take growth below −100% (:func:`~clusterlib.scenarios.shocks.below_zero`).
    """
    refuse(scenario, missing_series(scenario.shocks, draws.paths[KEYS[:-1]].drop_duplicates()))
    moved, shift = apply_scenario(draws, scenario.shocks, panel, as_of)
    problems = implausible(scenario.shocks, draws, panel, as_of)
    refuse(scenario, problems + below_zero(scenario.shocks, draws, moved, panel, as_of))
    new = goals_from_draws(panel, as_of, moved.forecasts, moved.paths, goals, register)
    return new, full_year_shift(shift, panel, as_of.year)


def unreported_shocks(
    panel: pd.DataFrame,
    as_of: pd.Period,
    draws: Draws,
    scenario: Scenario,
    goals: pd.DataFrame,
    full: pd.DataFrame,
    lang: str | None = None,
) -> list[str]:
    """A note (:func:`idle_note`, in ``lang``) for each shock of :func:`idle_shocks`."""
    numbers = idle_shocks(panel, as_of, draws, scenario, goals, full)
    return [idle_note(scenario, number, lang) for number in numbers]


def idle_shocks(
    panel: pd.DataFrame,
    as_of: pd.Period,
    draws: Draws,
    scenario: Scenario,
    goals: pd.DataFrame,
    full: pd.DataFrame,
) -> list[int]:
    """The numbers of the shocks that move no goal and no forecast row of the full-year table.

    Such a shock is applied to its paths, but nothing the report shows reads them (the
    clusters' ``hightech_va``: the high-tech goal is the city's, and the full-year table
    lists ``industry_va`` and ``fai``). Each shock alone is measured on the point forecasts,
    as the sliders' responses are (:func:`~clusterlib.scenarios.interactive.build_model`).
    """
    columns = draws.forecasts[KEYS].reset_index(drop=True)
    point = draws.forecasts["mean"].to_numpy(dtype=float)
    moves = [shifts([shock], panel, columns, as_of) for shock in scenario.shocks]
    rows = [point, *(point + move for move in moves)]
    probe = pd.concat(
        [columns.assign(path=k, value=values) for k, values in enumerate(rows)], ignore_index=True
    )
    measured: dict = {}
    evaluate_goals(panel, probe, draws.forecasts, goals, as_of.year, as_of, record=measured)
    shown = full.loc[full["basis"] == "forecast", ["region", "indicator"]]
    shown_keys = set(shown.itertuples(index=False, name=None))
    idle = []
    for number, move in enumerate(moves):
        moved_goal = any(
            not np.array_equal(values[number + 1], values[0], equal_nan=True)
            for values in measured.values()
        )
        year = full_year_shift(shift_series(move, columns), panel, as_of.year)
        year = year[year["growth_change"].fillna(0) != 0]
        moved_year = bool(shown_keys & set(zip(year["region"], year["indicator"], strict=True)))
        if not (moved_goal or moved_year):
            idle.append(number)
    return idle


def idle_note(scenario: Scenario, number: int, lang: str | None = None) -> str:
    """What is said of shock ``number`` that moves nothing reported, in ``lang`` (English by
    default, by id; as the manifest keeps it): a zero shock is said to be zero."""
    shock = scenario.shocks[number]
    return scenario_text(
        "zero_shock" if shock.size == 0 else "idle_shock",
        lang or "en",
        file=scenario.source or scenario.name,
        number=number,
        shock=describe(shock, lang),
    )


def overlap_note(scenario: Scenario, pair: Overlap, lang: str | None = None) -> str:
    """What is said of two growth shocks that add up on the same series (:func:`overlaps`), in
    ``lang`` (English by default, by id; as the manifest keeps it)."""
    lang = lang or "en"
    one, two = (scenario.shocks[n].growth_pp for n in (pair.first, pair.later))
    named = lang == "zh"
    regions = [catalog.region_name(r, lang) if named else r for r in pair.regions]
    return scenario_text(
        "overlap_shock",
        lang,
        file=scenario.source or scenario.name,
        later=pair.later,
        other=pair.first,
        indicator=catalog.indicator_name(pair.indicator, lang) if named else pair.indicator,
        regions=listed(regions, lang) if named else ", ".join(regions),
        period=pair.start,
        one=f"{one:+g}",
        two=f"{two:+g}",
        total=f"{one + two:+g}",
    )


def describe(shock: Shock, lang: str | None = None) -> str:
    """A shock in a few words: size, indicator, regions and period. Without ``lang`` by ids
    (the manifest's), else by name as people say it (增速回落2个百分点, 减少60亿元)."""
    if lang is None:
        if isinstance(shock, GrowthShock):
            regions = ", ".join(shock.regions)
            return f"{shock.growth_pp:+g} pp of {shock.indicator} in {regions} from {shock.start}"
        where = f"in {shock.region} in {shock.quarter}"
        return f"{shock.level_change:+g} 100m_yuan of {shock.indicator} {where}"
    indicator = catalog.indicator_name(shock.indicator, lang)
    if isinstance(shock, GrowthShock):
        regions = listed([catalog.region_name(r, lang) for r in shock.regions], lang)
        key = f"shock_growth_{_direction(shock.growth_pp)}"
        return scenario_text(
            key,
            lang,
            regions=regions,
            indicator=indicator if lang == "zh" else in_sentence(indicator),
            since=_when(shock.start, lang),
            points=f"{abs(shock.growth_pp):g}",
        )
    key = f"shock_level_{_direction(shock.level_change)}"
    return scenario_text(
        key,
        lang,
        region=catalog.region_name(shock.region, lang),
        indicator=indicator,
        quarter=_when(shock.quarter, lang),
        amount=_amount(shock.level_change, lang),
    )


def _when(period: object, lang: str) -> str:
    """A shock's quarter or month as a sentence says it: 2019年第四季度 / 2019 Q4, August 2019."""
    text = str(period)
    if lang == "zh":
        return period_name(text, lang)
    found = pd.Period(text, freq="Q" if "Q" in text else "M")
    return f"{found.year} Q{found.quarter}" if "Q" in text else found.strftime("%B %Y")


def _amount(change: float, lang: str) -> str:
    """A level change's size (亿元) as a sentence says it: 60 (before 亿元) / 6 billion yuan."""
    return f"{abs(change):g}" if lang == "zh" else yuan_amount(change)


def _direction(change: float) -> str:
    """``up``, ``down`` or ``flat``: how a shock reads (提高, 回落, 不变)."""
    return "up" if change > 0 else "down" if change < 0 else "flat"


def _warn_if_replacing_another_file(folder: Path, source: str, lang: str = "zh") -> None:
    """Warn when ``folder`` holds a scenario written from another file of the same stem."""
    manifest = folder / "manifest.json"
    if not manifest.exists():
        return
    before = json.loads(manifest.read_text(encoding="utf-8")).get("scenario_file")
    if before and before != source:
        said = scenario_text("replaced", lang, folder=folder, before=before, source=source)
        warnings.warn(said, stacklevel=3)


def baseline_goals(report: Path) -> pd.DataFrame:
    """The report's goal table; pandas reads its numbers back exactly as written."""
    path = Path(report) / TABLES / "goals.csv"
    return pd.read_csv(path, encoding="utf-8-sig")


def city_unmoved(shocks: tuple[Shock, ...]) -> list[str]:
    """Indicators whose growth the scenario shocks in clusters but not in the city (S2)."""
    shocked = {
        (shock.indicator, region == CITY)
        for shock in shocks
        if isinstance(shock, GrowthShock)
        for region in shock.regions
    }
    return sorted({i for i, city in shocked if not city} - {i for i, city in shocked if city})


def scenario_heading(scenario: Scenario, lang: str = "zh") -> str:
    """The page's heading: the file's title in ``lang``, else its shocks described (a zh page
    was headed by the file's name), else the name."""
    given = scenario.title_zh if lang == "zh" else scenario.title_en
    described = ("；" if lang == "zh" else "; ").join(describe(s, lang) for s in scenario.shocks)
    return given or described or scenario.name


def shocks_html(scenario: Scenario, lang: str = "zh") -> str:
    """The shocks the scenario applies, one item each under a lead line (escaped)."""
    items = "".join(f"<li>{escape(describe(shock, lang))}</li>" for shock in scenario.shocks)
    return f"<p>{escape(message('scenario_shocks').text(lang))}</p><ul>{items}</ul>"


def _write_workbook(
    build: Path, scenario: Scenario, settings: RunSettings, synthetic: bool
) -> None:
    """``tables.xlsx`` of the scenario's tables, every sheet headed by the scenario and its
    shocks (a workbook mailed alone still says which scenario it holds), then the synthetic
    mark on demo data."""
    lang = settings.lang
    heading = f"{scenario_heading(scenario, lang)} · {period_name(settings.quarter, lang)}"
    joined = "；" if lang == "zh" else "; "
    shocks = message("scenario_shocks").text(lang) + joined.join(
        describe(shock, lang) for shock in scenario.shocks
    )
    title = (scenario_text("workbook_title", lang, heading=heading), shocks)
    if synthetic:
        title = (*title, t("synthetic", lang))
    sheets = [
        replace(sheet, title=title, table=_in_points(sheet.table))
        for sheet in workbook_sheets(build / TABLES, lang)
    ]
    write_sheets(build / "tables.xlsx", sheets, lang, synthetic)


def _in_points(table: pd.DataFrame) -> pd.DataFrame:
    """A probability's change in 百分点 for the office (the CSV keeps the difference of
    probabilities, 0.028): ``probability_change`` becomes ``probability_change_pp`` (2.8)."""
    if "probability_change" not in table:
        return table
    points = 100 * pd.to_numeric(table["probability_change"], errors="coerce")
    return table.assign(probability_change=points).rename(
        columns={"probability_change": "probability_change_pp"}
    )


def _write_html(
    compared: pd.DataFrame,
    scenario: Scenario,
    settings: RunSettings,
    path: Path,
    notes: dict[str, list[str]],
    synthetic: bool,
) -> None:
    """The comparison as a small HTML page in the run's language (text escaped), under the
    synthetic-data notice for demo data, with the ``notes`` under it (by their heading's key:
    overlapping shocks, shocks that move nothing it shows)."""
    lang = settings.lang
    heading = f"{scenario_heading(scenario, lang)} · {period_name(settings.quarter, lang)}"
    body = shocks_html(scenario, lang)
    body += comparison_view(compared, lang).to_html(index=False, escape=True, na_rep="")
    if synthetic:
        body = synthetic_notice(lang) + body
    unmoved = city_unmoved(scenario.shocks)
    if unmoved:
        names = listed([catalog.indicator_name(i, lang) for i in unmoved], lang)
        body += f"<p>{escape(scenario_text('city_note', lang, names=names))}</p>"
    for lead, said in notes.items():
        if said:
            items = "".join(f"<li>{escape(note)}</li>" for note in said)
            body += f"<p>{escape(scenario_text(lead, lang))}</p><ul>{items}</ul>"
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{escape(heading)}</title></head><body>"
        f"<h1>{escape(heading)}</h1>{body}</body></html>"
    )
    path.write_text(page, encoding="utf-8")
