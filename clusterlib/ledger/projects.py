"""The key-project register (重点项目台账): validation, the 三个50 list, investment, slippage.

One row per project and month (data/README.md): a project's status moves forward only,
签约 (signed) → 新开工 (started this year) → 续建 (continuing from an earlier year) → 竣工投产
(completed). ``three_fifty`` names the project's place on the plan's designated 三个50 list
(新开工 / 续建 / 竣工, empty when not on it) and ``annual_plan_investment`` its 年度计划投资.
Amounts are in 亿元; ``ytd_investment`` and ``external_funds`` are this year's amounts to date
(累计).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.inputs.reading import ROW, read_columns
from clusterlib.inputs.validation import MIN_OTHERS, NO_RECORDS, SLIP_FACTOR
from clusterlib.ledger.progress import against_time_progress
from clusterlib.messages import message

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
    "three_fifty",
    "annual_plan_investment",
)
AMOUNTS = ("total_investment", "ytd_investment", "external_funds")
LISTS = ("新开工", "续建", "竣工")
"""The three parts of the 三个50 list, 50 projects each (三、(一)1)."""
REACHED = {
    "新开工": ("新开工", "续建", "竣工投产"),
    "续建": ("续建", "竣工投产"),
    "竣工": ("竣工投产",),
}
"""The statuses at which a listed project has done what its list asks this year."""
LIST_GOALS = {
    "新开工": "major_projects_started",
    "续建": "major_projects_continuing",
    "竣工": "major_projects_completed",
}
STATUSES = ("签约", "新开工", "续建", "竣工投产")
CATEGORIES = ("工业", "基础设施", "服务业", "其他")
CLUSTER_KINDS = ("provincial_cluster", "municipal_park")
MONTHLY = "M"


def load_register(path: str | Path) -> pd.DataFrame:
    """Read and validate a register; typed rows (``month`` and dates as monthly Periods).

    Raises
    ------
    DataValidationError
        Listing every problem with file, row and column: missing columns, a header without
        rows, unreadable months or amounts, unknown clusters, statuses or categories,
        duplicate project ids in one month, completed investment above total investment, a
        status that goes backwards (e.g. 竣工投产 then 续建), an unknown 三个50 list, a listed
        project without a 年度计划投资, a project whose list or plan changes between months.
        Implausible amounts too: :func:`unit_slips` and :func:`falling_ytd`.
    """
    raw = read_columns(path, COLUMNS)
    file = str(path)
    if raw.empty:
        raise DataValidationError([Problem(file, None, None, NO_RECORDS)])
    typed, problems = _typed(raw, file)
    problems += _duplicates(typed, file) + _over_total(typed, file) + _backwards(typed, file)
    problems += _list_problems(raw, typed, file)
    problems += unit_slips(typed, file) + falling_ytd(typed, file)
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    synthetic = raw["synthetic"].str.lower().eq("true") if "synthetic" in raw else False
    return typed.assign(
        three_fifty=raw["three_fifty"].str.strip(),
        annual_plan_investment=pd.to_numeric(raw["annual_plan_investment"], errors="coerce"),
        synthetic=synthetic,
    ).drop(columns=ROW)


def _typed(raw: pd.DataFrame, file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse months and amounts, check the closed vocabularies; problems for every bad cell."""
    problems: list[Problem] = []
    typed = raw.copy()
    for column in ("month", "planned_start", "planned_completion"):
        typed[column] = [_month(v) for v in raw[column]]
        for row in raw.loc[typed[column].isna(), ROW]:
            problems.append(Problem(file, int(row), column, message("register_month_unreadable")))
    for column in AMOUNTS:
        typed[column] = pd.to_numeric(raw[column], errors="coerce")
        bad = typed[column].isna() | (typed[column] < 0)
        for row, value in zip(raw.loc[bad, ROW], raw.loc[bad, column], strict=True):
            said = message("register_amount_unreadable", value=value)
            problems.append(Problem(file, int(row), column, said))
    regions = catalog.regions()
    clusters = set(regions.index[regions["kind"].isin(CLUSTER_KINDS)])
    for column, known in (("cluster", clusters), ("status", STATUSES), ("category", CATEGORIES)):
        bad = ~raw[column].isin(known)
        for row, value in zip(raw.loc[bad, ROW], raw.loc[bad, column], strict=True):
            said = message(
                "register_unknown",
                column=message(f"register_column_{column}"),
                value=value,
                known=", ".join(sorted(known)),
            )
            problems.append(Problem(file, int(row), column, said))
    return typed, problems


def _list_problems(raw: pd.DataFrame, typed: pd.DataFrame, file: str) -> list[Problem]:
    """Unknown lists, listed projects without a plan, lists or plans that change by month."""
    problems = []
    listed = raw["three_fifty"].str.strip()
    for row, value in zip(
        raw.loc[~listed.isin(("", *LISTS)), ROW], listed[~listed.isin(("", *LISTS))], strict=True
    ):
        said = message("register_unknown_list", value=value, lists=", ".join(LISTS))
        problems.append(Problem(file, int(row), "three_fifty", said))
    plan = pd.to_numeric(raw["annual_plan_investment"], errors="coerce")
    bad = (plan < 0) | (plan.isna() & (raw["annual_plan_investment"].str.strip() != ""))
    bad |= plan.isna() & listed.isin(LISTS)
    for row, value in zip(raw.loc[bad, ROW], raw.loc[bad, "annual_plan_investment"], strict=True):
        said = message("register_plan_unreadable", value=value)
        problems.append(Problem(file, int(row), "annual_plan_investment", said))
    for column in ("three_fifty", "annual_plan_investment"):
        first = raw.groupby("project_id")[column].transform("first")
        for row, pid in zip(
            raw.loc[raw[column] != first, ROW],
            raw.loc[raw[column] != first, "project_id"],
            strict=True,
        ):
            said = message(
                "register_fixed_for_year", column=message(f"register_column_{column}"), project=pid
            )
            problems.append(Problem(file, int(row), column, said))
    return problems


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
            message(
                "register_project_twice",
                project=row["project_id"],
                month=str(row["month"]),
                first_row=int(first[(row["project_id"], row["month"])]),
            ),
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
            message(
                "register_over_total",
                done=row["ytd_investment"],
                total=row["total_investment"],
                project=row["project_id"],
            ),
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
            message(
                "register_status_backwards",
                project=row["project_id"],
                before=before.at[i, "status"],
                before_row=int(before.at[i, ROW]),
                after=row["status"],
            ),
        )
        for i, row in back.iterrows()
    ]


def unit_slips(typed: pd.DataFrame, file: str) -> list[Problem]:
    """Amounts at least :data:`SLIP_FACTOR` times the median project's of their month (more
    than :data:`MIN_OTHERS` positive amounts): 万元 typed for 亿元 (assumption L9)."""
    problems = []
    for column in (*AMOUNTS, "annual_plan_investment"):
        amount = pd.to_numeric(typed[column], errors="coerce")
        rows = typed.assign(amount=amount, key=typed["month"].astype(str))
        rows = rows[(amount > 0) & typed["month"].notna()]
        by_month = rows.groupby("key")["amount"]
        rows = rows.assign(median=by_month.transform("median"), n=by_month.transform("size"))
        far = rows[(rows["n"] > MIN_OTHERS) & (rows["amount"] >= SLIP_FACTOR * rows["median"])]
        problems += [
            Problem(
                file,
                int(row[ROW]),
                column,
                message(
                    "project_slip",
                    project=row["project_id"],
                    data_column=column,
                    value=row["amount"],
                    times=row["amount"] / row["median"],
                    n=int(row["n"]),
                    month=row["key"],
                    median=row["median"],
                    factor=SLIP_FACTOR,
                ),
            )
            for _, row in far.iterrows()
        ]
    return problems


def falling_ytd(typed: pd.DataFrame, file: str) -> list[Problem]:
    """A project's 累计 (``ytd_investment``, ``external_funds``) below its previous row's of
    the same year, at the later row: a year-to-date amount cannot fall."""
    known = typed[typed["month"].notna()]
    known = known.assign(
        key=known["month"].astype(str),
        year=[p.year for p in known["month"]],
        ordinal=[p.ordinal for p in known["month"]],
    ).sort_values(["project_id", "ordinal"], kind="stable")
    within = known.groupby(["project_id", "year"])
    problems = []
    for column in ("ytd_investment", "external_funds"):
        before = within[[column, "key", ROW]].shift()
        fall = known[known[column] < before[column]]
        problems += [
            Problem(
                file,
                int(row[ROW]),
                column,
                message(
                    "project_ytd_falls",
                    project=row["project_id"],
                    data_column=column,
                    before=before.at[i, column],
                    period=before.at[i, "key"],
                    before_row=int(before.at[i, ROW]),
                    value=row[column],
                    month=row["key"],
                ),
            )
            for i, row in fall.iterrows()
        ]
    return problems


def any_synthetic(records: pd.DataFrame, register: pd.DataFrame | None) -> bool:
    """True when the data ``records`` or the key-project ``register`` hold demonstration rows."""
    return bool(records["synthetic"].any()) or bool(
        register is not None and register["synthetic"].any()
    )


def holds_month(register: pd.DataFrame, month: pd.Period) -> bool:
    """True when ``register`` holds a row of ``month``: only then are its figures of ``month``."""
    return bool((register["month"] == month).any())


def as_of(register: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """Rows of ``month``'s year up to ``month``."""
    periods = register["month"]
    keep = np.array([p.year == month.year and p <= month for p in periods])
    return register[keep]


def latest_rows(register: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """Each project's last row of ``month``'s year up to ``month``.

    A project that completed earlier and was dropped from the register keeps its last
    row, so year totals (累计 this year) include it.
    """
    year = as_of(register, month).sort_values(["project_id", "month"])
    return year.groupby("project_id", sort=True).tail(1).reset_index(drop=True)


def project_counts(register: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """The 三个50 counts and investment totals of the year to ``month``, all clusters together.

    Returns one row per goal indicator: ``indicator, actual, listed, metric``.
    ``major_projects_started`` / ``_continuing`` / ``_completed`` count the projects of the
    新开工 / 续建 / 竣工 list that have reached their status (:data:`REACHED`: started;
    under construction or completed; completed) by ``month`` (``listed``: how many the list
    has). ``infrastructure_investment`` and ``external_funds`` add each project's 累计 to
    date (its last row this year, completed projects included) of 基础设施 projects and of
    市外资金 (亿元). All are year totals: they only grow.
    """
    latest = latest_rows(register, month)
    rows = []
    for part, indicator in LIST_GOALS.items():
        on_list = latest[latest["three_fifty"] == part]
        reached = on_list["status"].isin(REACHED[part]).sum()
        rows.append((indicator, float(reached), len(on_list), "year_total"))
    infrastructure = latest.loc[latest["category"] == "基础设施", "ytd_investment"].sum()
    rows.append(("infrastructure_investment", float(infrastructure), np.nan, "year_total"))
    rows.append(("external_funds", float(latest["external_funds"].sum()), np.nan, "year_total"))
    return pd.DataFrame(rows, columns=["indicator", "actual", "listed", "metric"])


def goal_figures(counts: pd.DataFrame) -> pd.DataFrame:
    """The goals of :func:`project_counts` as the ledger's page shows them: ``goal_id, actual,
    listed``, the counts of projects as whole numbers (33, not 33.0) beside the amounts in
    亿元 (each cell keeps its kind: the column holds both)."""
    counted = counts["indicator"].isin(list(LIST_GOALS.values())).to_numpy()
    actual = [int(v) if c else v for v, c in zip(counts["actual"], counted, strict=True)]
    return pd.DataFrame(
        {
            "goal_id": counts["indicator"],
            "actual": pd.Series(actual, index=counts.index, dtype=object),
            "listed": counts["listed"],
        }
    )


def list_progress(register: pd.DataFrame, month: pd.Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 三个50 list's 年度投资完成率 against 时序进度 (N/12): by part of the list and project.

    Returns
    -------
    (pd.DataFrame, pd.DataFrame)
        The summary: one row per part (新开工, 续建, 竣工) and ``all``: ``three_fifty,
        listed, reached, annual_plan_investment, ytd_investment, investment_rate (%),
        time_progress (%), progress_gap (pp), progress_status``. The projects: ``project_id,
        name, cluster, three_fifty, status, reached`` and the same investment columns, in
        list order, then by project id. ``investment_rate`` is 累计 ÷ 年度计划投资 (rounded to
        one decimal before the gap to 时序进度 is taken); ``progress_status`` ``ahead`` (超时序
        进度), ``on time`` or ``behind``.
    """
    latest = latest_rows(register, month)
    listed = latest[latest["three_fifty"].isin(LISTS)].copy()
    listed["reached"] = [
        s in REACHED[p] for p, s in zip(listed["three_fifty"], listed["status"], strict=True)
    ]
    order = listed["three_fifty"].map(LISTS.index)
    projects = listed.assign(_o=order).sort_values(["_o", "project_id"], ignore_index=True)
    columns = ["project_id", "name", "cluster", "three_fifty", "status", "reached"]
    projects = _against_schedule(
        projects[[*columns, "annual_plan_investment", "ytd_investment"]], month
    )
    parts = projects.groupby("three_fifty", sort=False).agg(
        listed=("project_id", "size"),
        reached=("reached", "sum"),
        annual_plan_investment=("annual_plan_investment", "sum"),
        ytd_investment=("ytd_investment", "sum"),
    )
    total = parts.sum().rename("all")
    summary = pd.concat([parts, total.to_frame().T]).rename_axis("three_fifty").reset_index()
    return _against_schedule(summary, month), projects


def _against_schedule(table: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """Add ``investment_rate``, ``time_progress``, ``progress_gap`` and ``progress_status``."""
    rate = (
        100.0
        * table["ytd_investment"]
        / table["annual_plan_investment"].where(table["annual_plan_investment"] > 0)
    )
    return table.assign(
        investment_rate=rate, **against_time_progress(rate.to_numpy(dtype=float), month.month)
    )


def slipping_projects(register: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """Projects whose planned start or completion has passed without the status being reached.

    Returns
    -------
    pd.DataFrame
        ``project_id, name, cluster, category, three_fifty, status, planned_start,
        planned_completion, slip, months_late`` for ``month``: ``slip`` is ``start``
        (planned start before ``month``, still 签约) or ``completion`` (planned completion
        before ``month``, not 竣工投产); sorted by months late, longest first.
    """
    now = register[register["month"] == month]
    late_start = (now["planned_start"] < month) & (now["status"] == "签约")
    late_end = (now["planned_completion"] < month) & (now["status"] != "竣工投产")
    rows = now[late_start | late_end].assign(
        slip=np.where(late_start[late_start | late_end], "start", "completion")
    )
    planned = np.where(rows["slip"] == "start", rows["planned_start"], rows["planned_completion"])
    late = [(month - p).n for p in planned]
    columns = ["project_id", "name", "cluster", "category", "three_fifty", "status"]
    columns += ["planned_start", "planned_completion", "slip"]
    table = rows[columns].assign(months_late=late)
    return table.sort_values(["months_late", "project_id"], ascending=[False, True]).reset_index(
        drop=True
    )
