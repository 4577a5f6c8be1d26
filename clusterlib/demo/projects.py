"""A seeded SYNTHETIC key-project register (重点项目台账) for 2019, with its planted truth.

Invented projects in the real clusters, one row per project and month (2019-01 … 2019-12):
projects continuing from 2017–2018, projects planned to start in 2019 and a few signed for
2020. 150 of them form the 三个50 list (the 50 largest planned to start in 2019, to continue
through 2019, to complete in 2019), each with its 年度计划投资 (the planned schedule's spending
in 2019). Actual start and completion dates are the planned ones plus a planted delay (most
none, some a few months), so some projects slip. Never present these as real projects.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog, paths
from clusterlib.demo.command import regenerate
from clusterlib.ledger.projects import CLUSTER_KINDS, COLUMNS, LISTS

YEAR = 2019
KINDS = {"continuing": 150, "new": 110, "later": 40}
"""Projects by kind: started before 2019, planned to start in 2019, planned for 2020."""
CATEGORY_SHARES = {"工业": 0.6, "基础设施": 0.25, "服务业": 0.15}
DELAY_MONTHS = (0, 0, 0, 0, 0, 0, 1, 2, 3, 5)
"""Planted delays (months) drawn with equal probability: 60% on time."""
LIST_SIZE = 50
"""Projects on each part of the 三个50 list."""


@dataclass(frozen=True)
class RegisterTruth:
    """What :func:`make_register` planted: actual start and completion months, the list."""

    seed: int
    actual_start: dict[str, pd.Period]
    actual_completion: dict[str, pd.Period]
    three_fifty: dict[str, str]


def make_register(seed: int = 2019) -> tuple[pd.DataFrame, RegisterTruth]:
    """SYNTHETIC register rows: :data:`clusterlib.ledger.projects.COLUMNS`, source, synthetic.

    Amounts in 亿元 (0.01): total investment log-normal (median 5, about one in ten under
    1亿), spent evenly from the actual start to the actual completion; 30–90% of each
    project's spending comes from outside the city. The 年度计划投资 is what the planned
    schedule spends in the year (the same even spending between the planned months).
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, 50]))
    projects = _projects(rng)
    projects = projects.assign(
        three_fifty=_three_fifty(projects), annual_plan=_annual_plan(projects)
    )
    months = pd.period_range(f"{YEAR}-01", f"{YEAR}-12", freq="M")
    rows = [_rows(project, months) for project in projects.itertuples()]
    register = pd.concat(rows, ignore_index=True)
    truth = RegisterTruth(
        seed,
        dict(zip(projects["project_id"], projects["start"], strict=True)),
        dict(zip(projects["project_id"], projects["end"], strict=True)),
        dict(zip(projects["project_id"], projects["three_fifty"], strict=True)),
    )
    source = f"synthetic: clusterlib.demo.projects.make_register(seed={seed})"
    return register.assign(source=source, synthetic=True), truth


def _projects(rng: np.random.Generator) -> pd.DataFrame:
    """One row per project: cluster, category, amounts, planned and actual dates."""
    regions = catalog.regions()
    clusters = list(regions.index[regions["kind"].isin(CLUSTER_KINDS)])
    kinds = np.repeat(list(KINDS), list(KINDS.values()))
    n = len(kinds)
    first = pd.Period(f"{YEAR}-01", freq="M")
    duration = rng.integers(8, 36, n)
    # continuing projects started 1 … duration − 1 months before 2019, so they end in 2019 or later
    before = -np.floor(1 + rng.random(n) * (duration - 1)).astype(int)
    planned_start = np.select(
        [kinds == "continuing", kinds == "new"],
        [before, rng.choice(np.arange(12), n, p=_start_weights())],
        rng.integers(12, 18, n),
    )
    start_delay = np.where(kinds == "continuing", 0, rng.choice(DELAY_MONTHS, n))
    end_delay = rng.choice(DELAY_MONTHS, n)
    return pd.DataFrame(
        {
            "project_id": [f"P{YEAR}{i:04d}" for i in range(1, n + 1)],
            "name": [f"合成演示项目{i:03d}" for i in range(1, n + 1)],
            "cluster": rng.choice(clusters, n),
            "category": rng.choice(list(CATEGORY_SHARES), n, p=list(CATEGORY_SHARES.values())),
            "total_investment": np.round(np.exp(rng.normal(np.log(5.0), 1.0, n)), 2) + 0.01,
            "outside_share": rng.uniform(0.3, 0.9, n),
            "planned_start": [first + int(k) for k in planned_start],
            "planned_completion": [
                first + int(k + d) for k, d in zip(planned_start, duration, strict=True)
            ],
            "start": [first + int(k + s) for k, s in zip(planned_start, start_delay, strict=True)],
            "end": [
                first + int(k + s + d + e)
                for k, s, d, e in zip(planned_start, start_delay, duration, end_delay, strict=True)
            ],
        }
    )


def _three_fifty(projects: pd.DataFrame) -> np.ndarray:
    """The list: the 50 largest planned to complete in the year, then to start, then to continue."""
    first = pd.Period(f"{YEAR}-01", freq="M")
    ends_this_year = np.array([p.year == YEAR for p in projects["planned_completion"]])
    starts_this_year = np.array([p.year == YEAR for p in projects["planned_start"]])
    candidates = {
        "竣工": ends_this_year,
        "新开工": starts_this_year & ~ends_this_year,
        "续建": (projects["planned_start"] < first).to_numpy() & ~ends_this_year,
    }
    listed = np.full(len(projects), "", dtype=object)
    for part in LISTS:
        size = projects["total_investment"].where(candidates[part] & (listed == ""))
        listed[size.nlargest(LIST_SIZE).index] = part
    return listed


def _annual_plan(projects: pd.DataFrame) -> np.ndarray:
    """Spending of the year on the planned schedule: total ÷ planned months × months in the year."""
    months = pd.period_range(f"{YEAR}-01", f"{YEAR}-12", freq="M")
    plans = []
    for start, end, total in projects[
        ["planned_start", "planned_completion", "total_investment"]
    ].itertuples(index=False):
        building = (end - start).n + 1
        in_year = max(0, (min(end, months[-1]) - max(start, months[0])).n + 1)
        plans.append(round(total * in_year / building, 2))
    return np.array(plans)


def _start_weights() -> np.ndarray:
    """Planned starts of 2019's new projects bunch in spring (集中开工)."""
    weights = np.array([3, 4, 6, 6, 5, 4, 3, 3, 2, 2, 1, 1], dtype=float)
    return weights / weights.sum()


def _rows(project, months: pd.PeriodIndex) -> pd.DataFrame:
    """The register rows of one project for every month of the year."""
    building_months = (project.end - project.start).n + 1
    rate = project.total_investment / building_months
    spent = [
        max(0, (min(m, project.end) - max(project.start, months[0])).n + 1) * rate for m in months
    ]
    status = [_status(project, m) for m in months]
    ytd = np.round(np.minimum(spent, project.total_investment), 2)
    return pd.DataFrame(
        {
            "project_id": project.project_id,
            "name": project.name,
            "cluster": project.cluster,
            "category": project.category,
            "month": months.astype(str),
            "total_investment": project.total_investment,
            "ytd_investment": ytd,
            "status": status,
            "planned_start": str(project.planned_start),
            "planned_completion": str(project.planned_completion),
            "external_funds": np.round(ytd * project.outside_share, 2),
            "three_fifty": project.three_fifty,
            "annual_plan_investment": project.annual_plan,
        }
    )[list(COLUMNS)]


def _status(project, month: pd.Period) -> str:
    """签约 before the start, 续建/新开工 while building (by start year), 竣工投产 from the end."""
    if month < project.start:
        return "签约"
    if month >= project.end:
        return "竣工投产"
    return "续建" if project.start.year < YEAR else "新开工"


def write_register(path: Path = paths.DEMO / "projects.csv", seed: int = 2019) -> Path:
    """Write ``make_register(seed)`` to ``path`` as CSV (byte-identical across runs)."""
    register = make_register(seed)[0]
    text = register.assign(synthetic="true").to_csv(index=False, lineterminator="\n")
    path.write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    """``python -m clusterlib.demo.projects --write``: regenerate data/demo/projects.csv."""
    regenerate(argv, __doc__.splitlines()[0], write_register, paths.DEMO / "projects.csv")


if __name__ == "__main__":
    main()
