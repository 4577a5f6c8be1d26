"""Tests for forecasting.simulate: planted correlation survives, seeds reproduce, marginals fit."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from clusterlib.forecasting.forecast import forecast
from clusterlib.forecasting.simulate import CorrelationWarning, forecast_and_simulate, simulate


def correlated_panel(seed: int = 3, n: int = 40) -> pd.DataFrame:
    """city and cluster a share 95% of their shock variance; cluster b is independent."""
    rng = np.random.default_rng(seed)
    common = rng.standard_normal(n)
    frames = []
    for region, weight in (("city", 1.0), ("a", 0.95), ("b", 0.0)):
        own = rng.standard_normal(n)
        shocks = 0.03 * (np.sqrt(weight) * common + np.sqrt(1 - weight) * own)
        frames.append(
            pd.DataFrame(
                {
                    "region": region,
                    "indicator": "va",
                    "measure": "level",
                    "period": pd.period_range("2010Q1", periods=n, freq="Q"),
                    "value": 100 * np.exp(np.cumsum(0.02 + shocks)),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return correlated_panel()


@pytest.fixture(scope="module")
def paths(panel) -> pd.DataFrame:
    return simulate(panel, h=4, n_paths=2000, seed=7)


def test_table_shape_and_future_quarters_only(paths):
    assert list(paths.columns) == ["region", "indicator", "measure", "period", "path", "value"]
    assert len(paths) == 3 * 4 * 2000
    assert (paths["period"] >= pd.Period("2020Q1", freq="Q")).all()


def test_planted_correlation_is_kept(paths):
    last = paths[paths["period"] == pd.Period("2020Q4", freq="Q")]
    wide = np.log(last.pivot(index="path", columns="region", values="value"))
    corr = wide.corr()
    # planted shock correlation: sqrt(0.95) ≈ 0.97 between city and a, 0 with b
    assert corr.loc["city", "a"] > 0.8
    assert abs(corr.loc["city", "b"]) < 0.3


def test_same_seed_same_paths_other_seed_other_paths(panel, paths):
    again = simulate(panel, h=4, n_paths=2000, seed=7)
    pd.testing.assert_frame_equal(paths, again)
    other = simulate(panel, h=4, n_paths=2000, seed=8)
    assert not np.allclose(other["value"], paths["value"])


def test_one_fit_gives_both_the_forecasts_and_the_paths(panel, paths):
    forecasts, same_paths = forecast_and_simulate(panel, h=4, n_paths=2000, seed=7)
    pd.testing.assert_frame_equal(forecasts, forecast(panel, h=4))
    pd.testing.assert_frame_equal(same_paths, paths)


def test_paths_spread_like_the_forecast_intervals(panel, paths):
    fc = forecast(panel, h=4)
    merged = paths.merge(fc, on=["region", "indicator", "measure", "period"])
    inside = (merged["value"] >= merged["lo_80"]) & (merged["value"] <= merged["hi_80"])
    assert inside.mean() == pytest.approx(0.80, abs=0.05)


def test_fat_tailed_paths_match_the_80_percent_interval_at_every_horizon():
    # Laplace shocks: the draws keep their fat tails, and each horizon is scaled so that 80%
    # of the paths fall in the forecast's 80% interval (up to ties of the drawn quantile)
    rng = np.random.default_rng(11)
    frames = []
    for region in ("a", "b"):
        shocks = 0.02 * rng.laplace(0, 1, 80)
        frames.append(
            pd.DataFrame(
                {
                    "region": region,
                    "period": pd.period_range("2000Q1", periods=80, freq="Q"),
                    "value": 100 * np.exp(np.cumsum(0.01 + shocks)),
                }
            )
        )
    panel = pd.concat(frames, ignore_index=True)
    paths = simulate(panel, h=4, n_paths=4000, seed=1)
    merged = paths.merge(forecast(panel, h=4), on=["region", "period"])
    inside = (merged["value"] >= merged["lo_80"]) & (merged["value"] <= merged["hi_80"])
    np.testing.assert_allclose(inside.groupby(merged["period"]).mean(), 0.80, atol=0.01)


def last_quarter_correlation(paths: pd.DataFrame, a: str, b: str) -> float:
    """Correlation across paths of two regions' log values in the last simulated quarter."""
    last = paths[paths["period"] == paths["period"].max()]
    wide = np.log(last.pivot(index="path", columns="region", values="value"))
    return float(wide[a].corr(wide[b]))


def test_a_short_series_elsewhere_does_not_break_a_pair_of_the_same_indicator():
    # city and a (95% common shocks) overlap on 20 quarters; series x (other indicator) only
    # on quarters before a starts, so no quarter is common to all three. One pool over all
    # quarters would give a an independent residual in half of the draws.
    panel = correlated_panel(n=40)
    panel = panel[(panel["region"] != "a") | (panel["period"] >= pd.Period("2015Q1", "Q"))]
    x = panel[(panel["region"] == "b") & (panel["period"] < pd.Period("2013Q1", "Q"))]
    panel = pd.concat([panel[panel["region"] != "b"], x.assign(indicator="x")])
    with pytest.warns(CorrelationWarning, match="each indicator's series are drawn from"):
        paths = simulate(panel, h=4, n_paths=2000, seed=7)
    assert last_quarter_correlation(paths, "city", "a") > 0.8


def test_too_few_common_quarters_warns_and_names_the_series():
    # a's 12 quarters overlap the city's on 4 quarters only
    panel = correlated_panel(n=48)
    city = panel[(panel["region"] == "city") & (panel["period"] <= pd.Period("2019Q4", "Q"))]
    a = panel[(panel["region"] == "a") & (panel["period"] >= pd.Period("2019Q1", "Q"))]
    with pytest.warns(CorrelationWarning, match="a/va/level, city/va/level: 4 common quarter"):
        simulate(pd.concat([city, a]), h=2, n_paths=200, seed=1)


@pytest.mark.filterwarnings("ignore::clusterlib.forecasting.models.FallbackWarning")
def test_a_series_without_residuals_is_named():
    panel = correlated_panel(n=40)
    short = panel[(panel["region"] != "b") | (panel["period"] >= pd.Period("2018Q3", "Q"))]
    with pytest.warns(CorrelationWarning, match="no residuals, drawn independently: b/va/level"):
        simulate(short, h=2, n_paths=200, seed=1)


def test_enough_common_quarters_gives_no_correlation_warning(panel):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorrelationWarning)
        simulate(panel, h=2, n_paths=100, seed=1)
