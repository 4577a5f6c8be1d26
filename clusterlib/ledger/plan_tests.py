"""The plan's own test of each indicator: 累计增速 against the city's (郑政办〔2019〕32号)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from clusterlib import catalog
from clusterlib.goals.forward import COMPARATORS
from clusterlib.labels import command_text, in_sentence
from clusterlib.ledger.progress import DECIMALS


@dataclass(frozen=True)
class PlanTest:
    """Growth of ``indicator`` against the city's growth of ``versus`` plus ``margin`` pp."""

    versus: str
    margin: float
    comparator: str
    goal_id: str


PLAN_TESTS: dict[str, PlanTest] = {
    # 二、主要目标·质量效益: “规模以上工业增加值和固定资产投资增速均高出全市平均增速”
    "industry_va": PlanTest("industry_va", 0.0, ">", "va_growth_each_cluster"),
    "fai": PlanTest("fai", 0.0, ">", "fai_growth_each_cluster"),
    # 二、主要目标·科技创新: “高新技术产业增加值增速高出全市规模以上工业增加值2个百分点”
    "hightech_va": PlanTest("industry_va", 2.0, ">=", "hightech_gap"),
}
"""Indicator → its test; the same goals as params/goals.yaml (tests/test_ledger.py checks)."""

ABOVE, LEVEL, BELOW = "above_city", "level_with_city", "below_city"
MEETS, MISSES = "meets_gap", "misses_gap"
NO_PLAN_GOAL = "no plan goal"
NO_BENCHMARK = "no benchmark"  # the test's city figure is missing (no re-weighting, no guess)
STATUS_ORDER = (ABOVE, LEVEL, BELOW, MEETS, MISSES, NO_PLAN_GOAL, NO_BENCHMARK, "no data")
"""The plan statuses in the order a count of them lists them: passing first, no data last
(``no data``: :data:`clusterlib.ledger.indicators.NO_DATA`, which imports this module)."""


def published_gap(growth: ArrayLike, benchmark: ArrayLike, margin: ArrayLike) -> np.ndarray:
    """growth − (benchmark + margin) in pp, each growth rounded to one decimal first, as
    published (公报口径): the gap the plan's test is judged on."""
    versus = np.round(np.asarray(benchmark, dtype=float), DECIMALS) + margin
    return np.round(np.round(np.asarray(growth, dtype=float), DECIMALS) - versus, DECIMALS)


def plan_status(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``benchmark`` (%), ``gap_benchmark`` (pp) and ``plan_status`` to ledger rows.

    ``frame`` has ``region, indicator, period, growth`` for the city and the regions of
    every indicator shown (the city's 规上 rows too when high-tech is shown). The benchmark
    of a beat-the-city test is the city's growth of the same indicator (the city's own row
    gets no status: it is the benchmark); of high-tech value added, the city's 规上工业增加值
    growth + 2 pp, for the city and every cluster. Both sides are rounded to one decimal
    first, as published. Statuses: ``above_city`` / ``level_with_city`` / ``below_city``;
    ``meets_gap`` / ``misses_gap``; ``no plan goal`` for indicators the plan sets no growth
    test for; ``no benchmark`` where the growth is there but the city's figure the test needs
    is not (high-tech without the city's 规上); empty where a growth is missing.
    """
    city = frame[frame["region"] == "city"].set_index(["indicator", "period"])["growth"]
    tests = [PLAN_TESTS.get(i) for i in frame["indicator"]]
    versus = [t.versus if t else i for t, i in zip(tests, frame["indicator"], strict=True)]
    keys = pd.MultiIndex.from_arrays([versus, frame["period"]])
    margin = np.array([t.margin if t else 0.0 for t in tests])
    city_growth = city.reindex(keys).to_numpy(dtype=float)
    benchmark = np.round(city_growth, DECIMALS) + margin
    gap = published_gap(frame["growth"], city_growth, margin)
    status = np.full(len(frame), "", dtype=object)
    growth = frame["growth"].to_numpy(dtype=float)
    for i, (test, region) in enumerate(zip(tests, frame["region"], strict=True)):
        if np.isnan(gap[i]):
            own = test is not None and not test.margin and region == "city"
            if test is not None and np.isfinite(growth[i]) and not own:
                status[i] = NO_BENCHMARK
            continue
        if test is None:
            status[i] = NO_PLAN_GOAL
        elif test.margin:
            status[i] = MEETS if COMPARATORS[test.comparator](gap[i], 0.0) else MISSES
        elif region != "city":
            status[i] = ABOVE if gap[i] > 0 else LEVEL if gap[i] == 0 else BELOW
    own_city = (
        np.array([t is not None and not t.margin for t in tests])
        & (frame["region"] == "city").to_numpy()
    )
    return frame.assign(
        benchmark=benchmark,
        gap_benchmark=np.where(own_city, np.nan, gap),
        plan_status=status,
    )


def missing_benchmarks(
    records: pd.DataFrame, month: pd.Period, indicators: Sequence[str]
) -> list[str]:
    """The ``indicators`` whose plan test compares them with another of the city's indicators
    that ``records`` lack at ``month`` (高新技术产业增加值 without the city's 规上工业增加值)."""
    at = (records["region"] == "city") & (records["period_type"] == "ytd")
    at &= np.array([p == month for p in records["period"]], dtype=bool)
    present = set(records.loc[at, "indicator"])
    return [
        indicator
        for indicator in indicators
        if indicator in PLAN_TESTS
        and PLAN_TESTS[indicator].versus != indicator
        and PLAN_TESTS[indicator].versus not in present
    ]


def benchmark_warnings(
    records: pd.DataFrame, month: pd.Period, indicators: Sequence[str], lang: str = "zh"
) -> list[str]:
    """One terminal warning per indicator of :func:`missing_benchmarks`, in ``lang``."""
    lines = []
    for indicator in missing_benchmarks(records, month, indicators):
        test = PLAN_TESTS[indicator]
        names = [catalog.indicator_name(i, lang) for i in (test.versus, indicator)]
        versus, name = names if lang == "zh" else map(in_sentence, names)
        lines.append(
            command_text(
                "no_benchmark", lang, period=month, versus=versus, name=name, margin=test.margin
            )
        )
    return lines


def status_counts(rows: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, how many regions have each plan status (``indicator, plan_status,
    n_regions``): indicators in the order of ``rows`` (one month's ledger rows), statuses
    best first (:data:`STATUS_ORDER`).

    A row without a status is not counted: the city's own row of a beat-the-city test (it is
    the benchmark, not a region that passes or misses it) and a region without a growth. The
    city's own high-tech row is counted: the plan tests it against its 规上 growth + 2 pp.
    """
    judged = rows[rows["plan_status"].fillna("") != ""]
    counts = judged.groupby(["indicator", "plan_status"], sort=False).size()
    counts = counts.rename("n_regions").reset_index()
    first = {indicator: i for i, indicator in enumerate(dict.fromkeys(rows["indicator"]))}
    order = [
        STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER)
        for s in counts["plan_status"]
    ]
    keys = counts.assign(_i=counts["indicator"].map(first), _s=order)
    return counts.loc[keys.sort_values(["_i", "_s"], kind="stable").index].reset_index(drop=True)
