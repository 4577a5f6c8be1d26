"""The run's tables: written and read by name, neutralised for spreadsheets, and the workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from clusterlib.labels import column_label, status_label

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TABLES = "tables"  # the folder of a run that holds its tables


def neutralise(value: Any) -> Any:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe.

    Numbers (including negative ones such as ``-1.5`` and text that reads as a number) are
    left alone; only text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
    changed.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


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


def write_workbook(tables_dir: Path, path: Path, lang: str = "zh") -> None:
    """Collect every CSV in ``tables_dir`` into one workbook: a sheet per table, headers in lang."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for csv in sorted(tables_dir.glob("*.csv")):
            table = pd.read_csv(csv, encoding="utf-8-sig", keep_default_na=False, dtype=str)
            table = safe_table(_numbers_as_numbers(_status_labels(table, lang)))
            table.columns = [column_label(c, lang) for c in table.columns]
            table.to_excel(writer, sheet_name=csv.stem[:31], index=False)


def _status_labels(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Goal statuses ("on track", …) in ``lang``; the CSVs keep the ids for scripts.

    Also a scenario comparison's ``status_baseline`` and ``status_scenario``.
    """
    columns = [c for c in ("status", "status_baseline", "status_scenario") if c in table]
    if "goal_id" not in table or not columns:
        return table
    return table.assign(**{c: [status_label(s, lang) for s in table[c]] for c in columns})


def _numbers_as_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """Columns that are entirely numeric (or empty) become numbers, so Excel can compute."""
    converted = {}
    for column in table.columns:
        numbers = pd.to_numeric(table[column].replace("", None), errors="coerce")
        if numbers.notna().sum() == (table[column] != "").sum():
            converted[column] = numbers
    return table.assign(**converted)
