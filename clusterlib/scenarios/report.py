"""A scenario's report: reports/<quarter>/scenarios/<name>/, next to the baseline, atomically."""

from __future__ import annotations

import shutil
import time
from html import escape
from pathlib import Path

import pandas as pd

from clusterlib.goals.catalogue import load_catalogue, simulated_indicators
from clusterlib.inputs.panel import load_panel
from clusterlib.params import RunSettings
from clusterlib.paths import resolve
from clusterlib.pipeline import goals_from_draws, project_register
from clusterlib.publish.report_folder import report_folder, sha256, write_json
from clusterlib.publish.tables import TABLES, read_table, write_table, write_workbook
from clusterlib.scenarios.compare import (
    comparison,
    comparison_view,
    full_year_shift,
    scenario_full_year,
)
from clusterlib.scenarios.draws import DRAWS_FILE, Draws, read_draws
from clusterlib.scenarios.shocks import apply_scenario, negative_levels
from clusterlib.scenarios.spec import Scenario, load_scenario, refuse

SCENARIOS = "scenarios"  # folder of a quarter's report holding its scenarios


def scenario_folder(report: Path, name: str) -> Path:
    """Where a scenario of the report ``reports/<quarter>`` goes."""
    return Path(report) / SCENARIOS / name


def write_scenario_report(report: Path, scenario_file: Path, settings: RunSettings) -> Path:
    """Evaluate the scenario on the report's kept draws and write its folder; return it.

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
    scenario = load_scenario(scenario_file, as_of, simulated_indicators(goals))
    panel = load_panel(resolve(list(settings.data)), settings.quarter)
    draws = read_draws(report)
    register = project_register(settings.projects)
    new, change = evaluate_scenario(panel, as_of, draws, scenario, goals, register)
    base = baseline_goals(report)
    full = scenario_full_year(read_table(report, "full_year"), change)
    compared = comparison(base, new)
    with report_folder(scenario_folder(report, scenario.name)) as build:
        write_table(build, "goals", new)
        write_table(build, "full_year", full)
        write_table(build, "comparison", compared)
        write_workbook(build / TABLES, build / "tables.xlsx", settings.lang)
        _write_html(compared, scenario, settings, build / "comparison.html")
        shutil.copyfile(scenario_file, build / "scenario.yaml")
        manifest = {
            "quarter": settings.quarter,
            "scenario": scenario.name,
            "scenario_sha256": sha256(Path(scenario_file)),
            "draws": f"../../{TABLES}/{DRAWS_FILE}",
            "draws_sha256": sha256(Path(report) / TABLES / DRAWS_FILE),
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
        Naming the file and key of each level change that would make its quarter's level
        negative on a simulated path (:func:`~clusterlib.scenarios.shocks.negative_levels`).
    """
    moved, shift = apply_scenario(draws, scenario.shocks, panel, as_of)
    refuse(scenario, negative_levels(scenario.shocks, draws, moved))
    new = goals_from_draws(panel, as_of, moved.forecasts, moved.paths, goals, register)
    return new, full_year_shift(shift, panel, as_of.year)


def baseline_goals(report: Path) -> pd.DataFrame:
    """The report's goal table; pandas reads its numbers back exactly as written."""
    path = Path(report) / TABLES / "goals.csv"
    return pd.read_csv(path, encoding="utf-8-sig")


def _write_html(
    compared: pd.DataFrame, scenario: Scenario, settings: RunSettings, path: Path
) -> None:
    """The comparison as a small HTML page in the run's language (text escaped)."""
    lang = settings.lang
    heading = f"{scenario.title(lang)} · {settings.quarter}"
    body = comparison_view(compared, lang).to_html(index=False, escape=True, na_rep="")
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{escape(heading)}</title></head><body>"
        f"<h1>{escape(heading)}</h1>{body}</body></html>"
    )
    path.write_text(page, encoding="utf-8")
