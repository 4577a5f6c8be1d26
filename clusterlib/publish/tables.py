"""The run's tables: written and read by name, neutralised for spreadsheets, and the workbook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from clusterlib.labels import column_format, column_label, indicators_unit, t, table_name, with_unit
from clusterlib.publish.bulletin import status_cells
from clusterlib.publish.workbook import Header, Sheet, neutralise, write_sheets

TABLES = "tables"  # the folder of a run that holds its tables
OFFICIAL_TABLES = ("hightech_official",)
"""The run's tables of official published figures (each row with its source): their sheets
say so above the table, never the synthetic mark of a demonstration run's other sheets."""
SHEET_ORDER = (
    "comparison",
    "goals",
    "full_year",
    "forecasts",
    "hightech_official",
    "slipping_projects",
    "cluster_land_productivity",
    "enterprise_classes",
    "c_firm_gaps",
    "data_quality",
    "missing_data",
    "outlook_gaps",
    "coverage",
    "accuracy",
)
"""The workbook's sheets as the office reads them: the goals and the year's outlook first,
the enterprise detail after, data quality and method tables last (others after, by name)."""
GOALS_TABLE = "goals"  # its statuses read as the bulletin's (目标达成)
UNIT_TABLES = ("forecasts",)
"""Tables whose figures are in their indicators' unit: the headers of their figures say it
(预测中位数（亿元）) when the indicators share one."""


def safe_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` whose text cells are neutralised (see :func:`neutralise`)."""
    text_columns = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    return table.assign(**{c: table[c].map(neutralise) for c in text_columns})


def write_table(
    run_dir: str | Path | None, name: str, table: pd.DataFrame, part: str | None = None
) -> None:
    """Write one of the run's tables: ``<run_dir>/tables/<name>.csv`` (UTF-8 with BOM).

    With ``part`` (e.g. one indicator of a table that several notebooks fill) the piece goes
    to ``<run_dir>/tables/<name>/<part>.csv``; :func:`read_table` joins the parts. Text that
    a spreadsheet would run as a formula is neutralised. Does nothing when ``run_dir`` is
    empty or None (a notebook explored interactively writes nothing).
    """
    if not run_dir:
        return
    folder = Path(run_dir) / TABLES
    path = folder / name / f"{part}.csv" if part is not None else folder / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    safe_table(table).to_csv(path, index=False, encoding="utf-8-sig")


def read_table(run_dir: str | Path, name: str) -> pd.DataFrame:
    """One of the run's tables: ``tables/<name>.csv``, or its parts joined in name order.

    Raises
    ------
    FileNotFoundError
        Naming the table and the folder, when the run has neither the table nor its parts.
    """
    folder = Path(run_dir) / TABLES
    whole = folder / f"{name}.csv"
    parts = sorted((folder / name).glob("*.csv"))
    if not whole.exists() and not parts:
        raise FileNotFoundError(f"the run has no table '{name}' in {folder}")
    frames = [
        pd.read_csv(path, encoding="utf-8-sig") for path in ([whole] if whole.exists() else parts)
    ]
    return pd.concat(frames, ignore_index=True)


def join_parts(run_dir: str | Path) -> list[str]:
    """Write every table written in parts as one ``tables/<name>.csv``; return their names."""
    folder = Path(run_dir) / TABLES
    names = sorted(d.name for d in folder.iterdir() if d.is_dir()) if folder.is_dir() else []
    for name in names:
        parts = sorted((folder / name).glob("*.csv"))
        # text kept as written (keep_default_na=False): the joined file repeats the parts' bytes
        joined = pd.concat(
            [pd.read_csv(p, encoding="utf-8-sig", keep_default_na=False) for p in parts]
        )
        joined.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8-sig")
    return names


def sheet_order(csv: Path) -> tuple[int, str]:
    """Where a table's sheet goes: :data:`SHEET_ORDER` first, in its order, then the rest by
    name."""
    known = SHEET_ORDER.index(csv.stem) if csv.stem in SHEET_ORDER else len(SHEET_ORDER)
    return known, csv.stem


def workbook_sheets(tables_dir: Path, lang: str = "zh") -> list[Sheet]:
    """Every CSV in ``tables_dir`` as a sheet named in ``lang``, numbers read as numbers; the
    tables of :data:`OFFICIAL_TABLES` titled as official published figures, those of
    :data:`UNIT_TABLES` with their unit in the headers, the goals' statuses worded as in the
    bulletin."""
    sheets = []
    for csv in sorted(tables_dir.glob("*.csv"), key=sheet_order):
        table = pd.read_csv(csv, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        title = (t("official", lang),) if csv.stem in OFFICIAL_TABLES else ()
        unit = indicators_unit(set(table.get("indicator", []))) if csv.stem in UNIT_TABLES else None
        header = _unit_header(unit) if unit else None
        shown = _worded(csv.stem, _numbers_as_numbers(table), lang)
        sheets.append(Sheet(table_name(csv.stem, lang), shown, title, (), header))
    return sheets


def _worded(name: str, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The goals table with its statuses as the bulletin words them (a level goal off track
    mid-year: 尚未达到（最新值97.6%）, :func:`~clusterlib.publish.bulletin.status_cells`);
    other tables as they are."""
    if name != GOALS_TABLE or table.empty:
        return table
    return table.assign(status=status_cells(table, lang))


def _unit_header(unit: str) -> Header:
    """Headers from the catalogue of columns, the figures' (money columns') with ``unit``."""

    def header(column: str, lang: str) -> str:
        label = column_label(column, lang)
        return with_unit(label, unit, lang) if column_format(column) == "money" else label

    return header


def write_workbook(tables_dir: Path, path: Path, lang: str = "zh", synthetic: bool = False) -> None:
    """Collect every CSV in ``tables_dir`` into one workbook, a sheet per table (see
    :func:`clusterlib.publish.workbook.write_sheets`)."""
    write_sheets(path, workbook_sheets(tables_dir, lang), lang, synthetic)


def _numbers_as_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Columns that are entirely numeric (or empty) become numbers, so Excel can compute."""
    converted = {}
    for column in table.columns:
        numbers = pd.to_numeric(table[column].replace("", None), errors="coerce")
        if numbers.notna().sum() == (table[column] != "").sum():
            converted[column] = numbers
    return table.assign(**converted)
