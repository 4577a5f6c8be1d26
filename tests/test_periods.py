"""Tests for clusterlib.inputs.periods: hand-worked examples, identities from theory, properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterlib.inputs.periods import (
    monthly_ytd_to_quarterly,
    single_to_ytd,
    yoy_growth,
    yoy_growth_to_index,
    ytd_growth,
    ytd_growth_to_index,
    ytd_to_single,
)


def quarterly(values, start="2019Q1") -> pd.Series:
    return pd.Series(
        values, index=pd.period_range(start, periods=len(values), freq="Q"), dtype=float
    )


def monthly(mapping: dict[str, float]) -> pd.Series:
    return pd.Series(mapping, dtype=float).set_axis(pd.PeriodIndex(list(mapping), freq="M"))


# --- hand-worked examples -----------------------------------------------------------------


def test_ytd_to_single_hand_example():
    ytd = quarterly([10, 25, 45, 70, 8, 20])
    expected = quarterly([10, 15, 20, 25, 8, 12])
    pd.testing.assert_series_equal(ytd_to_single(ytd), expected)
    pd.testing.assert_series_equal(single_to_ytd(expected), ytd)


def test_monthly_jan_feb_point_covers_january():
    # 1–2月 cumulative 30, 1–3月 50, 1–4月 66; next year starts again at 1–2月.
    ytd = monthly({"2019-02": 30, "2019-03": 50, "2019-04": 66, "2020-02": 33})
    expected = monthly({"2019-02": 30, "2019-03": 20, "2019-04": 16, "2020-02": 33})
    pd.testing.assert_series_equal(ytd_to_single(ytd), expected)


def test_missing_period_at_year_boundary_is_not_a_gap():
    # 2019Q4 missing, 2020 starts afresh with Q1: nothing to difference across.
    ytd = quarterly([10, 25, 45, 70, 8, 20]).drop(pd.Period("2019Q4", freq="Q"))
    assert ytd_to_single(ytd).tolist() == [10, 15, 20, 8, 12]


def test_year_starting_late_leaves_its_first_figure_out():
    # 1–9月 300 with no 1–6月 figure: it spans Q1–Q3, so it is no quarter's value; Q4 = 400 - 300.
    ytd = quarterly([300, 400, 100, 200, 310, 420], start="2012Q3")
    single = ytd_to_single(ytd)
    assert np.isnan(single.iloc[0])
    assert single.iloc[1:].tolist() == [100, 100, 100, 110, 110]
    # the next year's Q3 growth is unknown, not 110 / 300 - 1 = -63%; Q4 is 110 / 100 - 1
    growth = yoy_growth(single)
    assert np.isnan(growth.loc["2013Q3"])
    assert growth.loc["2013Q4"] == pytest.approx(10.0)
    # the partial year has no cumulative values from January, so no 累计 growth either
    assert ytd_growth(single).loc["2012Q4":"2013Q4"].isna().all()


def test_annual_and_half_year_totals_alone_give_no_single_quarter():
    ytd = pd.Series(
        [900.0, 1000.0, 520.0],
        index=pd.PeriodIndex(["2021Q4", "2023Q4", "2024Q2"], freq="Q"),
    )
    assert ytd_to_single(ytd).isna().all()
    months = monthly({"2019-03": 50, "2019-04": 66, "2020-01": 10, "2020-02": 21})
    # 1–3月 alone spans three months; 2020 starts in January, so it is differenced as usual
    assert ytd_to_single(months).tolist()[1:] == [16, 10, 11]
    assert np.isnan(ytd_to_single(months).iloc[0])


@pytest.mark.parametrize("function", [ytd_to_single, single_to_ytd])
def test_gap_inside_a_year_names_the_missing_period(function):
    series = quarterly([10, 25, 45, 70]).drop(pd.Period("2019Q3", freq="Q"))
    with pytest.raises(ValueError, match="2019Q3"):
        function(series)


def test_gap_of_months_names_each_missing_month():
    ytd = monthly({"2019-02": 30, "2019-05": 80})
    with pytest.raises(ValueError, match="2019-03, 2019-04"):
        ytd_to_single(ytd)


def test_nan_inside_a_year_is_a_gap_and_trailing_nan_stays_nan():
    with pytest.raises(ValueError, match="2019Q2"):
        ytd_to_single(quarterly([10, np.nan, 45]))
    single = ytd_to_single(quarterly([10, 25, np.nan, np.nan, 8]))
    assert single.iloc[:2].tolist() == [10, 15]
    assert single.iloc[2:4].isna().all()
    assert single.iloc[4] == 8


def test_rejects_non_period_index_duplicates_and_other_frequencies():
    with pytest.raises(TypeError, match="PeriodIndex"):
        ytd_to_single(
            pd.Series([1.0, 2.0], index=pd.date_range("2019-01-31", periods=2, freq="ME"))
        )
    duplicated = quarterly([1, 2]).set_axis(pd.PeriodIndex(["2019Q1", "2019Q1"], freq="Q"))
    with pytest.raises(ValueError, match="duplicated periods: 2019Q1"):
        ytd_to_single(duplicated)
    with pytest.raises(ValueError, match="frequency"):
        ytd_to_single(pd.Series([1.0, 2.0], index=pd.period_range("2019", periods=2, freq="Y")))


def test_monthly_ytd_to_quarterly_keeps_quarter_ends_and_drops_missing_quarters():
    months = pd.period_range("2019-02", "2019-12", freq="M").drop(pd.Period("2019-09", freq="M"))
    ytd = pd.Series(months.month.astype(float), index=months)
    expected = pd.Series(
        [3.0, 6.0, 12.0], index=pd.PeriodIndex(["2019Q1", "2019Q2", "2019Q4"], freq="Q")
    )
    pd.testing.assert_series_equal(monthly_ytd_to_quarterly(ytd), expected)


def test_yoy_growth_hand_example():
    levels = quarterly([100, 200, 50, 80, 110, 180, 60, 100])
    growth = yoy_growth(levels)
    assert growth.iloc[:4].isna().all()
    np.testing.assert_allclose(growth.iloc[4:], [10, -10, 20, 25])


def test_ytd_growth_hand_example():
    levels = quarterly([100, 200, 50, 80, 110, 180, 60, 100])
    # cumulative 2019: 100, 300, 350, 430; 2020: 110, 290, 350, 450
    expected = [10, 100 * (290 / 300 - 1), 0, 100 * (450 / 430 - 1)]
    np.testing.assert_allclose(ytd_growth(levels).iloc[4:], expected)


def test_ytd_growth_monthly_with_jan_feb_points():
    singles = monthly({"2018-02": 30, "2018-03": 20, "2019-02": 33, "2019-03": 24})
    np.testing.assert_allclose(ytd_growth(singles).iloc[2:], [10, 14])


def test_ytd_growth_is_nan_against_a_year_that_starts_late():
    # 2018 starts in Q2: its cumulative sums lack Q1, so 2019 growth is undefined.
    levels = quarterly([200, 50, 80, 110, 180, 60, 100, 121], start="2018Q2")
    growth = ytd_growth(levels)
    assert growth[growth.index.year == 2019].isna().all()
    assert growth[pd.Period("2020Q1", freq="Q")] == pytest.approx(10)


def test_ytd_growth_to_index_hand_example():
    # base 2018 = 100 per quarter; cumulative sums 2019: 110, 210, 300, 440.
    index = ytd_growth_to_index(quarterly([10, 5, 0, 10]))
    pd.testing.assert_series_equal(
        index, quarterly([100, 100, 100, 100, 110, 100, 90, 140], start="2018Q1")
    )


def test_ytd_growth_to_index_chains_backwards_from_a_later_base_year():
    index = ytd_growth_to_index(quarterly([10, 5, 0, 10]), base_year=2019)
    # cumulative sums 2018: 100/1.1, 200/1.05, 300/1.0, 400/1.1
    expected = np.diff([0, 100 / 1.1, 200 / 1.05, 300, 400 / 1.1])
    np.testing.assert_allclose(index.iloc[:4], expected)
    assert index.iloc[4:].tolist() == [100.0] * 4


def test_yoy_growth_to_index_hand_example():
    index = yoy_growth_to_index(quarterly([10, 20, -10, 0, 10]))
    np.testing.assert_allclose(index.iloc[4:], [110, 120, 90, 100, 121])
    assert index.index[0] == pd.Period("2018Q1", freq="Q")


def test_constant_growth_gives_flat_quarters_growing_at_that_rate():
    # Planted: strong seasonality, 8 % growth in every quarter → every published rate is 8.
    seasonal = np.array([80.0, 100.0, 100.0, 120.0])
    levels = quarterly(np.concatenate([seasonal * 1.08**year for year in range(4)]), start="2015Q1")
    growth = ytd_growth(levels).dropna()
    np.testing.assert_allclose(growth, 8.0)
    index = ytd_growth_to_index(growth)
    np.testing.assert_allclose(index, np.repeat(100 * 1.08 ** np.arange(4), 4))


@pytest.mark.parametrize(
    ("growth", "base_year", "message"),
    [
        (quarterly([5, 6, 7, 8, 9]).drop(pd.Period("2019Q3", freq="Q")), None, "2019Q3"),
        (quarterly([5, 6, 7], start="2019Q2"), None, "Q1"),
        (quarterly([5, -100, 7]), None, "-100"),
        (quarterly([5, 6, 7, 8, 9]), 2020, "base_year 2020"),
        (quarterly([5, 6, 7, 8]), 2017, "base_year 2017"),
    ],
)
def test_index_from_growth_rejects_unusable_input(growth, base_year, message):
    with pytest.raises(ValueError, match=message):
        ytd_growth_to_index(growth, base_year=base_year)


def test_index_from_growth_requires_quarterly_input():
    with pytest.raises(ValueError, match="frequency"):
        ytd_growth_to_index(monthly({"2019-02": 5.0, "2019-03": 6.0}))


# --- properties ---------------------------------------------------------------------------

integers = st.integers(-(10**6), 10**6).map(float)


@st.composite
def quarterly_series(draw) -> pd.Series:
    """Quarterly series as published: each year starts at Q1."""
    start = pd.Period("2010Q1", freq="Q") + 4 * draw(st.integers(0, 2))
    values = draw(st.lists(integers, min_size=1, max_size=30))
    return quarterly(values, start=str(start))


@st.composite
def monthly_jan_feb_series(draw) -> pd.Series:
    """Monthly series as published: each year starts with the 1–2月 point at month 02."""
    n_years = draw(st.integers(1, 4))
    last_month = draw(st.integers(2, 12))
    periods = [
        pd.Period(year=2015 + year, month=month, freq="M")
        for year in range(n_years)
        for month in range(2, 13 if year < n_years - 1 else last_month + 1)
    ]
    values = draw(st.lists(integers, min_size=len(periods), max_size=len(periods)))
    return pd.Series(values, index=pd.PeriodIndex(periods))


@given(st.one_of(quarterly_series(), monthly_jan_feb_series()))
def test_ytd_single_round_trip_is_exact(series):
    pd.testing.assert_series_equal(single_to_ytd(ytd_to_single(series)), series)
    pd.testing.assert_series_equal(ytd_to_single(single_to_ytd(series)), series)


@given(quarterly_series(), st.integers(1, 3))
def test_a_partial_first_year_loses_only_its_first_figure(series, late):
    # drop the first ``late`` quarters: the new first figure spans them, the rest is unchanged
    truncated = series.iloc[late:]
    single = ytd_to_single(truncated)
    if truncated.empty:
        return
    expected = ytd_to_single(series).iloc[late:]
    first_year = truncated.index.year == truncated.index[0].year
    if truncated.index[0].quarter != 1:
        assert np.isnan(single.iloc[0])
        expected.iloc[0] = np.nan
        assert single_to_ytd(single)[first_year].isna().all()
    pd.testing.assert_series_equal(single, expected)


@given(monthly_jan_feb_series())
def test_jan_feb_single_equals_its_cumulative_value(ytd):
    jan_feb = ytd.index.month == 2
    pd.testing.assert_series_equal(ytd_to_single(ytd)[jan_feb], ytd[jan_feb])


@st.composite
def growth_with_base(draw) -> tuple[pd.Series, int]:
    """Quarterly growth from Q1 of some year on, and a valid base year for it."""
    rates = draw(st.lists(st.floats(-30, 60), min_size=1, max_size=28))
    growth = quarterly(rates, start="2012Q1")
    last_complete = 2012 + len(rates) // 4 - 1
    base_year = draw(st.integers(2011, max(2011, last_complete)))
    return growth, base_year


@given(growth_with_base())
def test_ytd_growth_index_round_trip(growth_and_base):
    growth, base_year = growth_and_base
    index = ytd_growth_to_index(growth, base_year=base_year)
    back = ytd_growth(index).reindex(growth.index)
    np.testing.assert_allclose(back, growth, rtol=0, atol=1e-8)


@given(growth_with_base())
def test_yoy_growth_index_round_trip(growth_and_base):
    growth, base_year = growth_and_base
    index = yoy_growth_to_index(growth, base_year=base_year)
    back = yoy_growth(index).reindex(growth.index)
    np.testing.assert_allclose(back, growth, rtol=0, atol=1e-8)


@given(
    st.integers(2, 6).flatmap(
        lambda n: st.lists(st.floats(1, 1000), min_size=4 * n, max_size=4 * n)
    )
)
def test_index_from_ytd_growth_has_exact_annual_volumes(values):
    # Theory: Q4 cumulative growth is annual growth, reproduced exactly, so annual sums of the
    # index move exactly like true annual volumes (base year = 400 = four quarters of 100).
    levels = quarterly(values, start="2010Q1")
    index = ytd_growth_to_index(ytd_growth(levels).dropna())
    true_annual = levels.groupby(levels.index.year).sum()
    index_annual = index.groupby(index.index.year).sum()
    np.testing.assert_allclose(index_annual / 400, true_annual / true_annual.iloc[0], rtol=1e-9)
