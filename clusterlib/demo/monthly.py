"""Seeded SYNTHETIC monthly year-to-date (累计) records that agree with the quarterly demo.

Each quarter's single-quarter value of the quarterly demo (:func:`clusterlib.demo.panel.make_demo`)
is split over its three months with a planted within-quarter pattern plus noise; the months
are cumulated within the year and published as an office does: 1–2月 as one point (``02``),
then 1–3月 … 1–12月. At quarter-end months (03, 06, 09, 12) every value equals the quarterly
record exactly. Growth-only series (高新技术) are split on their chained index.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import paths
from clusterlib.demo.command import regenerate
from clusterlib.demo.panel import COLUMNS, make_demo, records_csv
from clusterlib.inputs.periods import ytd_growth_to_index, ytd_to_single

SOURCE = "synthetic: clusterlib.demo.make_monthly(seed={seed})"
FIRST_YEAR = 2011
"""First year published (the year before is generated, so growth exists from the start)."""
#: indicator → expected share of each month in its quarter (Jan…Dec; rows of 3 sum to 1):
#: the Spring Festival depresses January–February, investment bunches at quarter ends.
WITHIN_QUARTER = {
    "industry_va": [0.31, 0.28, 0.41, 0.32, 0.33, 0.35, 0.32, 0.33, 0.35, 0.31, 0.32, 0.37],
    "fai": [0.22, 0.26, 0.52, 0.28, 0.32, 0.40, 0.30, 0.32, 0.38, 0.27, 0.30, 0.43],
    "hightech_va": [0.31, 0.28, 0.41, 0.32, 0.33, 0.35, 0.32, 0.33, 0.35, 0.31, 0.32, 0.37],
}
NOISE_SD = 0.05
"""Sd of the log noise on each month's weight (renormalised within the quarter)."""


@dataclass(frozen=True)
class MonthlyTruth:
    """What :func:`make_monthly` planted: the seed, the within-quarter shares, their noise."""

    seed: int
    within_quarter: dict[str, np.ndarray]
    noise_sd: float


def make_monthly(seed: int = 2019) -> tuple[pd.DataFrame, MonthlyTruth]:
    """SYNTHETIC monthly YTD records of every flow of the quarterly demo (same ``seed``).

    Returns
    -------
    records : pandas.DataFrame
        Input records (docs/architecture.md §1), ``period`` ``2011-02`` … ``2019-12`` (no
        January: 1–2月 is the ``02`` point), ``period_type`` ``ytd``, ``synthetic`` True.
    truth : MonthlyTruth
    """
    quarterly, _ = make_demo(seed)
    quarterly = quarterly[quarterly["indicator"].isin(list(WITHIN_QUARTER))]
    rng = np.random.default_rng(np.random.SeedSequence([seed, 12]))
    pieces = []
    for _, rows in quarterly.groupby(["region", "indicator"], sort=False):
        pieces += _series_records(rows, rng)
    records = pd.concat(pieces, ignore_index=True).assign(source=SOURCE.format(seed=seed))
    truth = MonthlyTruth(seed, {k: np.array(v) for k, v in WITHIN_QUARTER.items()}, NOISE_SD)
    return records[COLUMNS], truth


def _series_records(rows: pd.DataFrame, rng: np.random.Generator) -> list[pd.DataFrame]:
    """Monthly records of one region's indicator (level and/or growth)."""
    by_measure = {m: _quarter_series(r) for m, r in rows.groupby("measure")}
    indicator = str(rows["indicator"].iloc[0])
    if "level" in by_measure:
        quarterly_ytd = by_measure["level"]
        single = ytd_to_single(quarterly_ytd)
    else:
        single = ytd_growth_to_index(by_measure["growth"])
        quarterly_ytd = single.groupby(single.index.year).cumsum()
    monthly_ytd = _monthly_ytd(single, WITHIN_QUARTER[indicator], rng)
    pieces = []
    template = rows.iloc[0]
    if "level" in by_measure:
        level = _at_quarter_ends(monthly_ytd.round(2), quarterly_ytd)
        pieces.append(_frame(level, template, rows, "level"))
    if "growth" in by_measure:
        previous = monthly_ytd.reindex(monthly_ytd.index - 12).to_numpy()
        growth = (100 * (monthly_ytd / previous - 1)).round(1)
        pieces.append(
            _frame(_at_quarter_ends(growth, by_measure["growth"]), template, rows, "growth")
        )
    return pieces


def _at_quarter_ends(monthly: pd.Series, quarterly: pd.Series) -> pd.Series:
    """``monthly`` with the quarterly values at quarter-end months (where both exist)."""
    ends = monthly.index.month % 3 == 0
    exact = quarterly.reindex(monthly.index[ends].asfreq("Q-DEC")).to_numpy()
    result = monthly.copy()
    result[ends] = np.where(np.isnan(exact), result[ends], exact)
    return result


def _quarter_series(rows: pd.DataFrame) -> pd.Series:
    """Records of one measure as a quarterly Series."""
    return pd.Series(
        rows["value"].to_numpy(dtype=float), index=pd.PeriodIndex(rows["period"], freq="Q-DEC")
    ).sort_index()


def _monthly_ytd(single: pd.Series, shares: list[float], rng: np.random.Generator) -> pd.Series:
    """Monthly YTD values (months 02–12) from single-quarter values and within-quarter shares."""
    n_quarters, start = len(single), single.index[0].quarter - 1
    pattern = np.tile(np.reshape(shares, (4, 3)), (n_quarters // 4 + 2, 1))
    weights = pattern[start : start + n_quarters]
    weights = weights * np.exp(NOISE_SD * rng.standard_normal(weights.shape))
    weights /= weights.sum(axis=1, keepdims=True)
    months = (single.to_numpy()[:, None] * weights).ravel()
    index = pd.period_range(single.index[0].asfreq("M", "start"), periods=len(months), freq="M")
    ytd = pd.Series(months, index=index).groupby(index.year).cumsum()
    return ytd[ytd.index.month != 1]


def _frame(
    values: pd.Series, template: pd.Series, rows: pd.DataFrame, measure: str
) -> pd.DataFrame:
    """Record rows of one measure, from :data:`FIRST_YEAR` on."""
    values = values[values.index.year >= FIRST_YEAR]
    unit = rows.loc[rows["measure"] == measure, "unit"].iloc[0]
    note = rows.loc[rows["measure"] == measure, "note"].iloc[0].split(";")[0]
    return pd.DataFrame(
        {
            "region": template["region"],
            "indicator": template["indicator"],
            "period": values.index.astype(str),
            "period_type": "ytd",
            "measure": measure,
            "value": values.to_numpy() + 0.0,
            "unit": unit,
            "note": note,
            "synthetic": True,
        }
    )


def write_monthly(path: Path = paths.DEMO / "monthly.csv", seed: int = 2019) -> Path:
    """Write ``make_monthly(seed)`` records to ``path`` as CSV (byte-identical across runs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(records_csv(make_monthly(seed)[0]), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    """``python -m clusterlib.demo.monthly --write``: regenerate data/demo/monthly.csv."""
    regenerate(argv, __doc__.splitlines()[0], write_monthly, paths.DEMO / "monthly.csv")


if __name__ == "__main__":
    main()
