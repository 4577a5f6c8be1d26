"""The monthly ledger report: reports/ledger/<month>/ (ledger.xlsx, ledger.html, the notebook)."""
# The workbook: a title row (month, data as of, synthetic mark), the table, notes below it.

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from clusterlib import catalog, paths
from clusterlib.coverage import Coverage, require_month
from clusterlib.forecasting.nowcast import Outlook, month_rule
from clusterlib.goals.catalogue import load_catalogue
from clusterlib.inputs.panel import load_records
from clusterlib.inputs.reading import expand
from clusterlib.labels import column_label, outlook_method, period_name, report_title, table_name
from clusterlib.ledger.gaps import FigureGap, figure_gaps, gap_lines, missing_table
from clusterlib.ledger.gaps import as_dict as gaps_as_dict
from clusterlib.ledger.indicators import (
    MONTHLY,
    SHOWN_COLUMNS,
    check_month,
    indicator_ledger,
    monthly_table,
    with_gaps,
)
from clusterlib.ledger.labels import header, text, value_label
from clusterlib.ledger.plan_tests import benchmark_warnings
from clusterlib.ledger.progress import DECIMALS
from clusterlib.ledger.project_goals import register_coverage, register_goals
from clusterlib.ledger.projection import PROJECTION_COLUMNS, project_year_end
from clusterlib.ledger.projects import (
    any_synthetic,
    holds_month,
    list_progress,
    load_register,
    slipping_projects,
)
from clusterlib.ledger.settings import LedgerSettings, load_ledger_settings, without
from clusterlib.ledger.targets import load_targets
from clusterlib.paths import resolve
from clusterlib.publish.report_folder import (
    input_hashes,
    package_versions,
    report_folder,
    write_json,
)
from clusterlib.publish.tables import safe_table
from clusterlib.publish.workbook import Sheet, write_sheets

_PLAN = SHOWN_COLUMNS.index("plan_status") + 1
SHEET_COLUMNS = [*SHOWN_COLUMNS[:_PLAN], *PROJECTION_COLUMNS, *SHOWN_COLUMNS[_PLAN:]]
"""The plan's test first, the projection's P(beat the city) beside it, then targets and 时序进度."""
WORDS = ("plan_status", "target_source", "progress_status", "seasonal_basis", "projection_note")
WORDS += ("slip", "three_fifty")
PROJECT_SHEETS = {
    "projects": ("重点项目", "Key projects"),
    "three_fifty": ("三个50进度", "Three 50s list progress"),
    "three_fifty_projects": ("三个50项目", "Three 50s list projects"),
    "slipping": ("滞后项目", "Slipping"),
}


def ledger_tables(
    records: pd.DataFrame,
    month: str,
    settings: LedgerSettings,
    lang: str = "zh",
    targets: pd.DataFrame | None = None,
    gaps: Coverage | None = None,
) -> pd.DataFrame:
    """The long ledger (every month of the year to ``month``) with the projection joined.

    ``records`` are typed records (:func:`~clusterlib.inputs.panel.load_records`); only those
    published by ``month`` are used. The projection columns are filled for ``month``'s rows.
    ``targets`` are the declared targets (:func:`~clusterlib.ledger.targets.load_targets`);
    the regions ``gaps`` (:func:`~clusterlib.coverage.require_month`) finds without data at
    ``month`` get a row saying so (:func:`~clusterlib.ledger.indicators.with_gaps`).
    """
    period = check_month(month)
    table = monthly_table(seen_records(records, period))
    ledger = indicator_ledger(table, period, settings, lang, targets)
    projection = project_year_end(table, period, settings)
    ledger = ledger.merge(projection, on=["region", "indicator", "month"], how="left")
    return ledger if gaps is None else with_gaps(ledger, gaps, lang)


def seen_records(records: pd.DataFrame, period: pd.Period) -> pd.DataFrame:
    """The records published by ``period`` (monthly records up to it; others all)."""
    return records[[getattr(p, "freqstr", "") != MONTHLY or p <= period for p in records["period"]]]


def data_as_of(records: pd.DataFrame, period: pd.Period) -> str:
    """The latest month of the monthly records published by ``period`` (``2019-06``)."""
    months = [p for p in records["period"] if getattr(p, "freqstr", "") == MONTHLY and p <= period]
    return str(max(months)) if months else ""


def write_ledger(
    month: str,
    data: list[str] | None = None,
    params_file: Path = paths.PARAMS / "ledger.yaml",
    out: Path = paths.REPORTS,
    lang: str | None = None,
    projects: str | None = None,
) -> Path:
    """Build the ledger of ``month`` and write ``out/ledger/<month>/`` atomically; return it.

    The folder holds ledger.csv, the project tables, ledger.xlsx, the executed notebook
    06_ledger.ipynb and its page ledger.html (code hidden), and manifest.json. ``out`` is the
    reports folder, as for ``clusterlib run`` and ``clusterlib evaluate``.

    Raises
    ------
    UsageError
        A month spelt wrongly (``2019-13``).
    ParameterError
        Bad settings.
    DataValidationError
        Listing every problem of the data files.
    BatchError
        If the notebook fails (kept under ``out/failed/``); no report is replaced.
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
    targets_file = resolve([settings.targets]) if settings.targets else []
    records = load_records(files)
    coverage = require_month(records, period, files, settings.indicators, lang)
    coverage.warn(lang)
    shown = without(settings, coverage.indicators)  # those without data are left out
    for line in benchmark_warnings(records, period, shown.indicators, lang):
        print(line, file=sys.stderr)  # 高新 without the city's 规上: no plan test
    monthly = monthly_table(seen_records(records, period))
    targets = load_targets(targets_file[0], monthly) if targets_file else None
    gaps = figure_gaps(monthly, period, shown.indicators, targets)
    for line in gap_lines(gaps, targets, lang, monthly):
        print(line, file=sys.stderr)  # earlier months' or last December's 累计 missing
    register = load_register(register_file[0]) if register_file else None
    tables = project_tables(register, month, settings) if register is not None else {}
    if register is not None:
        coverage = register_coverage(coverage, register, period, str(register_file[0]), lang)
    synthetic = any_synthetic(records, register)
    title = {
        "as_of": data_as_of(records, period),
        "synthetic": synthetic,
        "seasonal_years": settings.seasonal_years,
    }
    from clusterlib.batch import notebook_report

    target = Path(out) / "ledger" / month
    heading = report_title("ledger", lang, year=period.year, month=period.month, period=month)
    parameters = ledger_parameters(month, files, Path(params_file), lang, register_file)
    failed = Path(out) / "failed"
    with (
        report_folder(target, lang) as build,
        notebook_report(
            "06_ledger.ipynb", parameters, build, failed, month, heading, "ledger.html"
        ),
    ):
        ledger = ledger_tables(records, month, shown, lang, targets, coverage)
        safe_table(ledger).to_csv(build / "ledger.csv", index=False, encoding="utf-8-sig")
        for name, table in tables.items():
            safe_table(table).to_csv(build / f"{name}.csv", index=False, encoding="utf-8-sig")
        rows = ledger[ledger["month"] == month]
        write_ledger_workbook(rows, build / "ledger.xlsx", lang, tables, title, coverage, gaps)
        manifest = {
            "month": month,
            "lang": lang,
            "parameters": {k: _plain(v) for k, v in dataclasses.asdict(settings).items()},
            "inputs": input_hashes(
                [*files, *register_file, *targets_file, Path(params_file), _regions_file()]
            ),
            "packages": package_versions(),
            "synthetic": synthetic,
            "coverage": {**coverage.as_dict(), **gaps_as_dict(gaps)},
        }
        write_json(manifest, build / "manifest.json")
    return target


def ledger_parameters(
    month: str, files: list[Path], params_file: Path, lang: str, register: list[Path]
) -> dict[str, object]:
    """Parameters of the ledger's notebook (06_ledger.ipynb) for the ledger's data and
    key-project ``register`` (none: an empty list)."""
    return {
        "month": month,
        "data": [str(path.resolve()) for path in files],
        "params": str(params_file.resolve()),
        "projects": str(register[0].resolve()) if register else "",
        "lang": lang,
    }


def project_tables(
    register: pd.DataFrame, month: str, settings: LedgerSettings
) -> dict[str, pd.DataFrame]:
    """The key-project ledger: goals, the 三个50 list's progress (summary, projects), slipping;
    the goals alone (``no data``) when ``register`` holds no row of ``month``."""
    period = check_month(month)
    goals = register_goals(load_catalogue(), register, period, settings.project_at_risk)
    if not holds_month(register, period):
        return {"projects": goals}
    summary, listed = list_progress(register, period)
    return {
        "projects": goals,
        "three_fifty": summary,
        "three_fifty_projects": listed,
        "slipping": slipping_projects(register, period),
    }


def write_ledger_workbook(
    rows: pd.DataFrame,
    path: Path,
    lang: str = "zh",
    projects: dict[str, pd.DataFrame] | None = None,
    title: dict | None = None,
    coverage: Coverage | None = None,
    gaps: Sequence[FigureGap] = (),
) -> None:
    """One sheet per indicator (rows: the city, then the clusters by rank; region ids last),
    then the project sheets and, with ``coverage``, the missing-data sheet (kept even when
    nothing is missing; with the earlier 累计 figures the month needs and lacks, ``gaps``);
    written by :func:`clusterlib.publish.workbook.write_sheets`.

    An indicator sheet has a title row (the month and indicator), a row with the data's
    as-of month and, for demonstration data, the synthetic mark, then the table (figures
    rounded to one decimal, units in the headers) and notes on how its columns are computed.
    ``title`` holds ``as_of``, ``synthetic`` and ``seasonal_years``.
    """
    title = {"as_of": "", "synthetic": False, "seasonal_years": 3, **(title or {})}
    sheets = []
    for indicator, sheet in rows.groupby("indicator", sort=False):
        table = sheet[[c for c in [*SHEET_COLUMNS, "region"] if c in sheet]]
        unit = (
            str(catalog.indicators().at[indicator, "unit"])
            if indicator in catalog.indicators().index
            else ""
        )
        month = pd.Period(str(sheet["month"].iloc[0]), freq=MONTHLY)
        sheets.append(
            Sheet(
                catalog.indicator_name(str(indicator), lang),
                _words(_rounded(table), lang),
                title=tuple(_title_lines(str(indicator), month, title, lang)),
                notes=tuple(_notes(month, title["seasonal_years"], lang, _projects(sheet))),
                header=lambda column, lang, unit=unit, month=month: header(
                    column, lang, unit, month
                ),
            )
        )
    for key, table in (projects or {}).items():
        shown = _rounded(table.drop(columns="indicator", errors="ignore"))
        sheets.append(Sheet(PROJECT_SHEETS[key][lang == "en"], _words(shown, lang)))
    if coverage is not None:
        sheets.append(
            Sheet(
                table_name("missing_data", lang),
                missing_table(coverage, gaps),
                header=column_label,
            )
        )
    write_sheets(path, sheets, lang, title["synthetic"], header=header)


def _title_lines(indicator: str, month: pd.Period, title: dict, lang: str) -> list[str]:
    """The title row, the as-of row (with the synthetic mark for demonstration data), a spacer."""
    period = text("period", lang, year=month.year, month=month.month, month_en=month.strftime("%B"))
    name = catalog.indicator_name(indicator, lang)
    as_of = period_name(title["as_of"], lang)  # 2019年6月 in zh
    second = text("as_of", lang, as_of=as_of) if title["as_of"] else ""
    if title["synthetic"]:
        joined = "；" if lang == "zh" else "; "
        second = joined.join(filter(None, [second, text("synthetic", lang)]))
    return [text("title", lang, period=period, indicator=name), second, ""]


def interval_note(month: pd.Period, lang: str = "zh") -> str:
    """The month's year-end method and how often its 80% interval held the outcome in the
    bench's backtest (:attr:`clusterlib.forecasting.nowcast.Outlook.calibration`); in
    December, that the figures are the actual; "" where it was not measured."""
    if month.month == 12:
        return text("note_actual", lang)
    method = month_rule(month.month).method
    found = Outlook(month, method).calibration
    if found is None:
        return ""
    name = outlook_method(method, lang)
    return text("note_interval", lang, method=name, **dataclasses.asdict(found))


def _notes(month: pd.Period, seasonal_years: int, lang: str, projected: bool) -> list[str]:
    """How the columns are computed, under the table, and :func:`interval_note` where the
    sheet has a year-end projection (``projected``)."""
    keys = ["note_plan", "note_time", "note_target", "note_seasonal"]
    keys += ["note_first"] if month.month == 2 else []
    notes = [text(k, lang, years=seasonal_years) for k in keys]
    interval = interval_note(month, lang) if projected else ""
    return [*notes, interval] if interval else notes


def _projects(sheet: pd.DataFrame) -> bool:
    """Whether an indicator's rows hold any year-end projection (not all too short)."""
    return "projected_growth" in sheet and bool(sheet["projected_growth"].notna().any())


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    """Figures as published: one decimal (probabilities: fractions to three, shown as 0.0%)."""
    table = table.copy()
    numeric = [c for c in table.select_dtypes("number").columns if c != "p_beat_city"]
    table[numeric] = table[numeric].round(DECIMALS)
    if "p_beat_city" in table:
        table["p_beat_city"] = table["p_beat_city"].round(3)
    return table.dropna(axis="columns", how="all")  # 目标完成率 without any target: no column


def _words(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Status and basis words in ``lang`` (the writer names regions and goals); a completion
    without a declared target stays empty (目标来源 says 年度总量目标：未设)."""
    table = table.copy()
    for column in WORDS:
        if column in table and not pd.api.types.is_numeric_dtype(table[column]):
            table[column] = table[column].fillna("").map(lambda v: value_label(str(v), lang))
    return table


def _plain(value: object) -> object:
    """Settings values as JSON (tuples as lists)."""
    return list(value) if isinstance(value, tuple) else value


def _regions_file() -> Path:
    """The region catalogue the names come from (hashed in the manifest)."""
    return paths.catalog_dir() / "regions.csv"
