"""The factor model's nowcast: monthly growth from 累计 frames and back to the full year."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib.forecasting import factor
from clusterlib.forecasting.factor import factor_growth, monthly_growth

SEASON = np.array([80, 90, 100, 100, 105, 110, 100, 95, 100, 105, 110, 130], dtype=float)


def frame_of(singles: np.ndarray, first_year: int) -> pd.DataFrame:
    """累计 frame (years × months 2–12) of single months (years × 12); 1–2月 under February."""
    cumulative = np.cumsum(singles, axis=1)[:, 1:]
    years = range(first_year, first_year + len(singles))
    return pd.DataFrame(cumulative, index=years, columns=range(2, 13))


def test_monthly_growth_recovers_the_planted_single_month_growth():
    """Last year the seasonal months, this year each month grown by its own planted rate;
    1–2月 is one figure (January and February together), after the cut-off nothing."""
    rates = np.linspace(2.0, 13.0, 12)
    singles = np.vstack([SEASON, SEASON * (1 + rates / 100)])
    month = pd.Period("2020-08", freq="M")
    growth = monthly_growth({"x": frame_of(singles, 2019)}, month)["x"]
    jan_feb = 100 * ((singles[1, :2].sum()) / SEASON[:2].sum() - 1)
    assert growth[pd.Period("2020-02", freq="M")] == pytest.approx(jan_feb)
    for m in range(3, 9):
        assert growth[pd.Period(year=2020, month=m, freq="M")] == pytest.approx(rates[m - 1])
    assert growth.index[-1] == month
    assert np.isnan(growth[pd.Period("2020-01", freq="M")])


def test_steady_growth_gives_the_planted_full_year_growth_through_last_years_months():
    """Three series growing 10% a year (±0.2 pp noise) over a strong seasonal pattern: the
    model's full-year growth is 10% — last year's remaining months weight the forecast growth.
    A series without the month's figure informs the fit but gets no forecast; one too short
    for the fit gets none either."""
    rng = np.random.default_rng(2019)
    frames = {}
    for name in ["a", "b", "c"]:
        level = SEASON * (1 + 0.3 * (name == "b"))
        years = [level]
        for _ in range(9):
            years.append(years[-1] * (1.10 + rng.normal(0, 0.002, 12)))
        frames[name] = frame_of(np.vstack(years), 2010)
    frames["c"] = frames["c"].drop(index=2019)
    frames["short"] = frames["a"].loc[2017:]
    month = pd.Period("2019-07", freq="M")
    cut = {k: v.copy() for k, v in frames.items()}
    for frame in cut.values():
        if 2019 in frame.index:
            frame.loc[2019, 8:] = np.nan
    result = factor_growth(cut, month)
    assert set(result) == {"a", "b"}
    for name in ["a", "b"]:
        assert result[name] == pytest.approx(10.0, abs=0.3)


def test_a_series_of_constant_growth_is_left_out_of_the_fit_not_fatal():
    """Exactly 10% every month (statsmodels cannot standardise it and refused the whole fit):
    it gets no factor forecast (the naive rule stands in), the others still do."""
    rng = np.random.default_rng(7)
    frames = {}
    for name, noise in (("a", 0.002), ("b", 0.002), ("flat", 0.0)):
        years = [SEASON]
        for _ in range(9):
            years.append(years[-1] * (1.10 + rng.normal(0, noise, 12)))
        frames[name] = frame_of(np.vstack(years), 2010)
        frames[name].loc[2019, 8:] = np.nan
    result = factor_growth(frames, pd.Period("2019-07", freq="M"))
    assert set(result) == {"a", "b"}


def test_many_series_are_fitted_in_blocks_that_share_the_city(monkeypatch):
    """Five series with blocks of three: the city with d and e is its own fit, so d's growth
    is the model's on those three alone; each block holds the city, whose growth is the first
    block's. The planted 10% comes back from every block."""
    rng = np.random.default_rng(7)
    frames = {}
    for name in ["a", "b", "city", "d", "e"]:
        years = [SEASON * rng.uniform(0.8, 1.2)]
        for _ in range(9):
            years.append(years[-1] * (1.10 + rng.normal(0, 0.002, 12)))
        frames[name] = frame_of(np.vstack(years), 2010)
        frames[name].loc[2019, 8:] = np.nan
    month = pd.Period("2019-07", freq="M")
    whole = factor_growth(frames, month)
    monkeypatch.setattr(factor, "BLOCK_SERIES", 3)
    blocked = factor_growth(frames, month)
    first = factor_growth({k: frames[k] for k in ["city", "a", "b"]}, month)
    second = factor_growth({k: frames[k] for k in ["city", "d", "e"]}, month)
    assert blocked == {**second, **first}
    assert blocked["d"] != whole["d"]  # a different fit, not the joint one
    assert all(growth == pytest.approx(10.0, abs=0.3) for growth in blocked.values())
