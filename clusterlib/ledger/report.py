"""The monthly ledger report: reports/ledger/<month>/ (ledger.xlsx, ledger.csv, manifest.json)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from clusterlib import catalog, paths
from clusterlib.coverage import require_month, write_sheet
from clusterlib.goals.catalogue import load_catalogue
from clusterlib.inputs.panel import load_records
from clusterlib.inputs.reading import expand
from clusterlib.labels import status_label
from clusterlib.ledger.indicators import (
    MONTHLY,
    SHOWN_COLUMNS,
    check_month,
    indicator_ledger,
    monthly_table,
)
from clusterlib.ledger.labels import header, value_label
from clusterlib.ledger.project_goals import register_goals
from clusterlib.ledger.projection import PROJECTION_COLUMNS, project_year_end
from clusterlib.ledger.projects import load_register, slipping_projects
from clusterlib.ledger.settings import LedgerSettings, load_ledger_settings
from clusterlib.paths import resolve
from clusterlib.publish.bulletin import goal_label
from clusterlib.publish.report_folder import (
    input_hashes,
    package_versions,
    report_folder,
    write_json,
)
from clusterlib.publish.tables import safe_table

SHEET_COLUMNS = [*SHOWN_COLUMNS, "progress_basis", *PROJECTION_COLUMNS]
WORDS = ("status", "progress_basis", "projection_note", "slip")
PROJECT_SHEETS = {"projects": ("重点项目", "Key projects"), "slipping": ("滞后项目", "Slipping")}


def ledger_tables(
    records: pd.DataFrame, month: str, settings: LedgerSettings, lang: str = "zh"
) -> pd.DataFrame:
    """The long ledger (every month of the year to ``month``) with the projection joined.

    ``records`` are typed records (:func:`~clusterlib.inputs.panel.load_records`); only those
    published by ``month`` are used. The projection columns are filled for ``month``'s rows.
    """
    period = check_month(month)
    seen = records[[getattr(p, "freqstr", "") != MONTHLY or p <= period for p in records["period"]]]
    table = monthly_table(seen)
    ledger = indicator_ledger(table, period, settings, lang)
    projection = project_year_end(table, period, settings)
    return ledger.merge(projection, on=["region", "indicator", "month"], how="left")


def write_ledger(
    month: str,
    data: list[str] | None = None,
    params_file: Path = paths.PARAMS / "ledger.yaml",
    out: Path = paths.REPORTS / "ledger",
    lang: str | None = None,
    projects: str | None = None,
) -> Path:
    """Build the ledger of ``month`` and write ``out/<month>/`` atomically; return that folder.

    Raises
    ------
    ParameterError
        Bad month or settings.
    DataValidationError
        Listing every problem of the data files.
    """
    period = check_month(month)
    settings = load_ledger_settings(params_file)
    if data is not None:
        settings = dataclasses.replace(settings, data=tuple(data))
    if projects is not None:
        settings = dataclasses.replace(settings, projects=projects)
    lang = lang or settings.lang
    files = expand(resolve(list(settings.data)))
    register_file = resolve([settings.projects]) if settings.projects else []
    records = load_records(files)
    coverage = require_month(records, period, files, settings.indicators)
    coverage.warn()
    tables = (
        project_tables(load_register(register_file[0]), month, settings) if register_file else {}
    )
    ledger = ledger_tables(records, month, settings, lang)
    target = out / month
    with report_folder(target) as build:
        safe_table(ledger).to_csv(build / "ledger.csv", index=False, encoding="utf-8-sig")
        for name, table in tables.items():
            safe_table(table).to_csv(build / f"{name}.csv", index=False, encoding="utf-8-sig")
        rows = ledger[ledger["month"] == month]
        write_ledger_workbook(rows, build / "ledger.xlsx", lang, tables)
        write_sheet(build / "ledger.xlsx", coverage, lang)
        manifest = {
            "month": month,
            "lang": lang,
            "parameters": {k: _plain(v) for k, v in dataclasses.asdict(settings).items()},
            "inputs": input_hashes(
                [*files, *register_file, Path(params_file), paths.catalog_dir() / "regions.csv"]
            ),
            "packages": package_versions(),
            "synthetic": bool(records["synthetic"].any()),
            "coverage": coverage.as_dict(),
        }
        write_json(manifest, build / "manifest.json")
    return target


def project_tables(
    register: pd.DataFrame, month: str, settings: LedgerSettings
) -> dict[str, pd.DataFrame]:
    """The key-project ledger: goals from the register, and the slipping projects."""
    period = check_month(month)
    goals = register_goals(
        load_catalogue(), register, period, settings.min_investment, settings.project_at_risk
    )
    return {"projects": goals, "slipping": slipping_projects(register, period)}


def write_ledger_workbook(
    rows: pd.DataFrame,
    path: Path,
    lang: str = "zh",
    projects: dict[str, pd.DataFrame] | None = None,
) -> None:
    """One sheet per indicator (rows: the city, then the clusters), then the project sheets."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for indicator, sheet in rows.groupby("indicator", sort=False):
            table = sheet[[c for c in SHEET_COLUMNS if c in sheet]]
            name = catalog.indicator_name(str(indicator), lang)[:31]
            _labelled(table, lang).to_excel(writer, sheet_name=name, index=False)
        for key, table in (projects or {}).items():
            table = _project_words(table, lang)
            sheet_name = PROJECT_SHEETS[key][0 if lang == "zh" else 1]
            _labelled(table, lang).to_excel(writer, sheet_name=sheet_name, index=False)


def _project_words(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Goal labels and statuses, cluster names in ``lang`` for the project sheets."""
    if "goal_id" in table:
        return table.drop(columns="indicator").assign(
            goal_id=[goal_label(g, lang) for g in table["goal_id"]],
            status=[status_label(s, lang) for s in table["status"]],
        )
    return table.assign(cluster=[catalog.region_name(c, lang) for c in table["cluster"]])


def _labelled(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Status and basis words and headers in ``lang``; spreadsheet formulas neutralised."""
    table = table.copy()
    for column in WORDS:
        if column in table and not pd.api.types.is_numeric_dtype(table[column]):
            table[column] = table[column].fillna("").map(lambda v: value_label(str(v), lang))
    table.columns = [header(c, lang) for c in table.columns]
    return safe_table(table)


def _plain(value: object) -> object:
    """Settings values as JSON (tuples as lists)."""
    return list(value) if isinstance(value, tuple) else value
