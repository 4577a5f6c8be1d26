"""Tests of the monthly demo data: agreement with the quarterly demo, planted pattern, validity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.demo.monthly import make_monthly, records_csv
from clusterlib.inputs.panel import build_panel, load_panel, load_records
from clusterlib.inputs.reading import read_records
from clusterlib.inputs.validation import validate_records


@pytest.fixture(scope="module")
def monthly():
    return make_monthly(2019)


def test_committed_file_is_make_monthly(monthly):
    committed = (paths.DEMO / "monthly.csv").read_text(encoding="utf-8")
    assert committed == records_csv(monthly[0])


def test_quarter_end_months_equal_panel_csv_exactly():
    months = pd.read_csv(paths.DEMO / "monthly.csv", dtype={"value": str})
    quarters = pd.read_csv(paths.DEMO / "panel.csv", dtype={"value": str})
    ends = months[months["period"].str[-2:].isin(["03", "06", "09", "12"])]
    ends = ends.assign(period=[str(pd.Period(p, freq="M").asfreq("Q-DEC")) for p in ends["period"]])
    key = ["region", "indicator", "period", "measure"]
    joined = ends.merge(quarters, on=key, suffixes=("_m", "_q"), validate="one_to_one")
    assert len(joined) == len(ends) > 1000
    assert (joined["value_m"].astype(float) == joined["value_q"].astype(float)).all()


def test_same_panel_from_monthly_and_quarterly_files():
    from_months = load_panel(paths.DEMO / "monthly.csv")
    from_quarters = build_panel(load_records(paths.DEMO / "panel.csv"))
    key = ["region", "indicator", "measure", "period"]
    joined = from_months.merge(from_quarters, on=key, suffixes=("_m", "_q"))
    joined = joined[joined["measure"] == "level"]
    assert len(joined) > 500
    np.testing.assert_allclose(joined["value_m"], joined["value_q"], atol=1e-9)


def test_valid_and_labelled_synthetic(monthly):
    records = monthly[0]
    raw = read_records(paths.DEMO / "monthly.csv")
    assert validate_records(raw, "monthly.csv") == []
    assert records["synthetic"].all() and records["source"].str.startswith("synthetic").all()
    assert set(records["period"].str[-2:]) == {f"{m:02d}" for m in range(2, 13)}  # no January


def test_planted_within_quarter_pattern_recovered(monthly):
    records, truth = monthly
    fai = records[(records["indicator"] == "fai") & (records["measure"] == "level")]
    fai = fai.assign(period=pd.PeriodIndex(fai["period"], freq="M"))
    fai = fai.assign(year=fai["period"].dt.year, month=fai["period"].dt.month)
    wide = fai.pivot_table(index=["region", "year"], columns="month", values="value")
    share_of_q4 = (wide[11] - wide[10]) / (wide[12] - wide[9])  # November in Q4
    planted = truth.within_quarter["fai"][10]
    assert abs(share_of_q4.mean() - planted) < 0.01


def test_same_seed_same_data_other_seed_other_data():
    assert make_monthly(7)[0].equals(make_monthly(7)[0])
    assert not make_monthly(7)[0]["value"].equals(make_monthly(8)[0]["value"])
