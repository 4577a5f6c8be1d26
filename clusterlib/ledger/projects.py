"""The key-project register (重点项目台账): validation, 三个50 counts, investment, slippage.

One row per project and month (data/README.md): a project's status moves forward only,
签约 (signed) → 新开工 (started this year) → 续建 (continuing from an earlier year) → 竣工投产
(completed). Amounts are in 亿元; ``ytd_investment`` and ``external_funds`` are this year's
amounts to date (累计).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.reading import ROW, read_records

COLUMNS = (
    "project_id",
    "name",
    "cluster",
    "category",
    "month",
    "total_investment",
    "ytd_investment",
    "status",
    "planned_start",
    "planned_completion",
    "external_funds",
)
AMOUNTS = ("total_investment", "ytd_investment", "external_funds")
STATUSES = ("签约", "新开工", "续建", "竣工投产")
CATEGORIES = ("工业", "基础设施", "服务业", "其他")
CLUSTER_KINDS = ("provincial_cluster", "municipal_park")
MONTHLY = "M"


def load_register(path: str | Path) -> pd.DataFrame:
    """Read and validate a register; typed rows (``month`` and dates as monthly Periods).

    Raises
    ------
    DataValidationError
        Listing every problem with file, row and column: missing columns, unreadable
        months or amounts, unknown clusters, statuses or categories, duplicate project ids
        in one month, completed investment above total investment, a status that goes
        backwards (e.g. 竣工投产 then 续建).
    """
    raw = read_records(path)
    file = str(path)
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        message = f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}"
        raise DataValidationError([Problem(file, None, None, message)])
    typed, problems = _typed(raw, file)
    problems += _duplicates(typed, file) + _over_total(typed, file) + _backwards(typed, file)
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    synthetic = raw["synthetic"].str.lower().eq("true") if "synthetic" in raw else False
    return typed.assign(synthetic=synthetic).drop(columns=ROW)


def _typed(raw: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse months and amounts, check the closed vocabularies; problems for every bad cell."""
    problems: list[Problem] = []
    typed = raw.copy()
    for column in ("month", "planned_start", "planned_completion"):
        typed[column] = [_month(v) for v in raw[column]]
        for row in raw.loc[typed[column].isna(), ROW]:
            problems.append(Problem(file, int(row), column, "expected a month such as 2019-06"))
    for column in AMOUNTS:
        typed[column] = pd.to_numeric(raw[column], errors="coerce")
        bad = typed[column].isna() | (typed[column] < 0)
        for row, value in zip(raw.loc[bad, ROW], raw.loc[bad, column], strict=True):
            message = f"expected an amount in 亿元 (a number >= 0), got {value!r}"
            problems.append(Problem(file, int(row), column, message))
    regions = catalog.regions()
    clusters = set(regions.index[regions["kind"].isin(CLUSTER_KINDS)])
    for column, known in (("cluster", clusters), ("status", STATUSES), ("category", CATEGORIES)):
        bad = ~raw[column].isin(known)
        for row, value in zip(raw.loc[bad, ROW], raw.loc[bad, column], strict=True):
            message = f"unknown {column} {value!r}; expected one of {', '.join(sorted(known))}"
            problems.append(Problem(file, int(row), column, message))
    return typed, problems


def _month(text: str) -> pd.Period | None:
    try:
        period = pd.Period(str(text).strip(), freq=MONTHLY)
    except (ValueError, TypeError):
        return None
    return period if str(period) == str(text).strip() else None


def _duplicates(typed: pd.DataFrame, file: str) -> list[Problem]:
    """The same project id twice in one month."""
    key = ["project_id", "month"]
    repeated = typed[typed.duplicated(subset=key, keep="first") & typed["month"].notna()]
    first = typed.drop_duplicates(subset=key).set_index(key)[ROW]
    return [
        Problem(
            file,
            int(row[ROW]),
            "project_id",
            f"project {row['project_id']} appears twice in {row['month']} "
            f"(first in row {int(first[(row['project_id'], row['month'])])})",
        )
        for _, row in repeated.iterrows()
    ]


def _over_total(typed: pd.DataFrame, file: str) -> list[Problem]:
    """Investment completed this year above the project's total investment."""
    over = typed[typed["ytd_investment"] > typed["total_investment"]]
    return [
        Problem(
            file,
            int(row[ROW]),
            "ytd_investment",
            f"completed investment {row['ytd_investment']} exceeds the total investment "
            f"{row['total_investment']} of project {row['project_id']}",
        )
        for _, row in over.iterrows()
    ]


def _backwards(typed: pd.DataFrame, file: str) -> list[Problem]:
    """A status earlier in 签约 → 新开工 → 续建 → 竣工投产 than the month before's."""
    known = typed[typed["status"].isin(STATUSES) & typed["month"].notna()]
    known = known.assign(step=known["status"].map(STATUSES.index)).sort_values(
        ["project_id", "month"]
    )
    before = known.groupby("project_id")[["step", "status", ROW]].shift()
    back = known[known["step"] < before["step"]]
    return [
        Problem(
            file,
            int(row[ROW]),
            "status",
            f"status of project {row['project_id']} goes backwards: "
            f"{before.at[i, 'status']} (row {int(before.at[i, ROW])}) then {row['status']}",
        )
        for i, row in back.iterrows()
    ]


def as_of(register: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """Rows of ``month``'s year up to ``month``."""
    periods = register["month"]
    keep = np.array([p.year == month.year and p <= month for p in periods])
    return register[keep]


def project_counts(register: pd.DataFrame, month: pd.Period, min_total: float) -> pd.DataFrame:
    """The 三个50 and investment figures of the year to ``month``, all clusters together.

    Only projects with a total investment of at least ``min_total`` 亿元 count for the
    三个50. Returns one row per goal indicator: ``indicator, actual, metric`` where
    ``major_projects_started`` / ``_completed`` count projects that were 新开工 / reached
    竣工投产 in some month of the year so far (year totals), ``major_projects_continuing``
    counts the 续建 projects of ``month`` (latest), and ``infrastructure_investment`` and
    ``external_funds`` sum this year's amounts to date (亿元, year totals).
    """
    year = as_of(register, month)
    latest = year[year["month"] == month]
    major = year[year["total_investment"] >= min_total]
    ever = major.groupby("status")["project_id"].nunique()
    figures = {
        "major_projects_started": (ever.get("新开工", 0), "year_total"),
        "major_projects_continuing": (
            latest[(latest["total_investment"] >= min_total) & (latest["status"] == "续建")][
                "project_id"
            ].nunique(),
            "latest",
        ),
        "major_projects_completed": (ever.get("竣工投产", 0), "year_total"),
        "infrastructure_investment": (
            latest.loc[latest["category"] == "基础设施", "ytd_investment"].sum(),
            "year_total",
        ),
        "external_funds": (latest["external_funds"].sum(), "year_total"),
    }
    return pd.DataFrame(
        [(k, float(v), m) for k, (v, m) in figures.items()],
        columns=["indicator", "actual", "metric"],
    )


def slipping_projects(register: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """Projects whose planned start or completion has passed without the status being reached.

    Returns
    -------
    pd.DataFrame
        ``project_id, name, cluster, category, status, planned_start, planned_completion,
        slip, months_late`` for ``month``: ``slip`` is ``start`` (planned start before
        ``month``, still 签约) or ``completion`` (planned completion before ``month``, not
        竣工投产); sorted by months late, longest first.
    """
    now = register[register["month"] == month]
    late_start = (now["planned_start"] < month) & (now["status"] == "签约")
    late_end = (now["planned_completion"] < month) & (now["status"] != "竣工投产")
    rows = now[late_start | late_end].assign(
        slip=np.where(late_start[late_start | late_end], "start", "completion")
    )
    planned = np.where(rows["slip"] == "start", rows["planned_start"], rows["planned_completion"])
    late = [(month - p).n for p in planned]
    columns = ["project_id", "name", "cluster", "category", "status"]
    columns += ["planned_start", "planned_completion", "slip"]
    table = rows[columns].assign(months_late=late)
    return table.sort_values(["months_late", "project_id"], ascending=[False, True]).reset_index(
        drop=True
    )
