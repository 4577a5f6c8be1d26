"""Tests of the year-end projection: planted growth recovered, December actual, short data."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from clusterlib.ledger.projection import project_year_end
from clusterlib.ledger.settings import LedgerSettings

SETTINGS = LedgerSettings(
    data=(),
    projects="",
    lang="zh",
    indicators=("fai",),
    default_target=8.0,
    indicator_targets={},
    n_paths=300,
    min_years=4,
)
SHARES = np.array([6, 7, 8, 8, 8, 9, 8, 8, 9, 9, 9, 11], dtype=float)


def _table(growth: dict[str, float], years: range, seed: int = 0) -> pd.DataFrame:
    """Monthly 累计 levels (02–12) growing at a planted rate with 1% noise per month."""
    rng = np.random.default_rng(seed)
    rows = []
    for region, rate in growth.items():
        for k, year in enumerate(years):
            months = 100 * SHARES * (1 + rate / 100) ** k * np.exp(rng.normal(0, 0.01, 12))
            ytd = np.cumsum(months)
            for m in range(2, 13):
                period = pd.Period(year=year, month=m, freq="M")
                rows.append((region, "fai", period, ytd[m - 1]))
    table = pd.DataFrame(rows, columns=["region", "indicator", "period", "ytd"])
    previous = table.assign(period=table["period"] + 12).rename(columns={"ytd": "prev"})
    table = table.merge(previous, on=["region", "indicator", "period"], how="left")
    return table.assign(growth=100 * (table["ytd"] / table["prev"] - 1)).drop(columns="prev")


def test_planted_growth_recovered_and_beating_the_city():
    table = _table({"city": 10.0, "slow": 2.0, "fast": 18.0}, range(2012, 2020))
    result = project_year_end(table, pd.Period("2019-06", freq="M"), SETTINGS)
    result = result.set_index("region")
    assert (result["projection_note"] == "projected").all()
    for region, rate in {"city": 10.0, "slow": 2.0, "fast": 18.0}.items():
        assert result.at[region, "projected_growth"] == pytest.approx(rate, abs=1.5)
        assert result.at[region, "projected_lo_80"] < rate < result.at[region, "projected_hi_80"]
    assert result.at["fast", "p_beat_city"] > 0.9 and result.at["slow", "p_beat_city"] < 0.1
    assert np.isnan(result.at["city", "p_beat_city"])


def test_december_is_the_actual_and_short_data_is_said():
    table = _table({"city": 10.0}, range(2012, 2020))
    short = _table({"young": 5.0}, range(2017, 2020))
    both = pd.concat([table, short], ignore_index=True)
    result = project_year_end(both, pd.Period("2019-12", freq="M"), SETTINGS).set_index("region")
    december = table[table["period"] == pd.Period("2019-12", freq="M")]["growth"].iloc[0]
    assert result.at["city", "projection_note"] == "actual"
    assert result.at["city", "projected_growth"] == pytest.approx(december)
    assert result.at["young", "projection_note"] == "too short"
    assert np.isnan(result.at["young", "projected_growth"])
    longer = dataclasses.replace(SETTINGS, min_years=2)
    again = project_year_end(short, pd.Period("2019-12", freq="M"), longer)
    assert again["projection_note"].tolist() == ["actual"]
