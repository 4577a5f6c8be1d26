"""Tests for forecasting.backtest and forecasting.metrics: folds, no look-ahead, hand sums."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib.forecasting.backtest import accuracy, cross_validate
from clusterlib.forecasting.metrics import METRICS


def quarters(start: str, n: int) -> pd.PeriodIndex:
    return pd.period_range(start, periods=n, freq="Q")


def one_series(values: np.ndarray, start: str = "2013Q1") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region": "city",
            "indicator": "va",
            "measure": "level",
            "period": quarters(start, len(values)),
        }
    ).assign(value=values)


def trend(n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 100 * np.exp(np.cumsum(0.02 + 0.01 * rng.standard_normal(n)))


def test_cutoffs_horizons_and_actuals():
    panel = one_series(trend(28))  # 2013Q1..2019Q4
    cv = cross_validate(panel, h=4, n_windows=3, models=("snaive",))
    assert sorted(cv["cutoff"].unique()) == list(quarters("2018Q2", 3))
    assert (cv["period"] > cv["cutoff"]).all()
    assert ((cv["period"] - cv["cutoff"]).map(lambda d: d.n) <= 4).all()
    truth = panel.set_index("period")["value"]
    np.testing.assert_allclose(cv["actual"], truth.reindex(cv["period"]).to_numpy())
    # seasonal naive repeats the fold's last four quarters: no look-ahead
    last_fold = cv[cv["cutoff"] == pd.Period("2018Q4", freq="Q")]
    np.testing.assert_allclose(last_fold["mean"], truth["2018Q1":"2018Q4"].to_numpy())


def test_a_fold_never_sees_data_after_its_cutoff():
    values = trend(28)
    changed = values.copy()
    changed[-4:] *= 10  # 2019 differs, the last fold's cutoff is 2018Q4
    cv_a = cross_validate(one_series(values), h=4, n_windows=1)
    cv_b = cross_validate(one_series(changed), h=4, n_windows=1)
    np.testing.assert_allclose(cv_a["mean"], cv_b["mean"])
    assert not np.allclose(cv_a["actual"], cv_b["actual"])


def hand_worked_case() -> tuple[pd.DataFrame, pd.DataFrame]:
    """History 1..12 (2017Q1..2019Q4, seasonal-naive MAE 4) and two forecasts of 2019Q1-Q2."""
    panel = one_series(np.arange(1.0, 13.0), start="2017Q1")
    cv = pd.DataFrame(
        {
            "region": "city",
            "indicator": "va",
            "measure": "level",
            "period": quarters("2019Q1", 2),
            "mean": [8.0, 12.0],
            "lo_80": [7.0, 11.0],
            "hi_80": [9.5, 13.0],
            "lo_95": [6.0, 9.0],
            "hi_95": [10.0, 15.0],
            "model": "combo",
            "cutoff": pd.Period("2018Q4", freq="Q"),
            "actual": [9.0, 10.0],
        }
    )
    return panel, cv


def test_accuracy_matches_hand_calculations():
    panel, cv = hand_worked_case()
    row = accuracy(cv, panel).iloc[0]
    assert row["mase"] == pytest.approx((1 / 4 + 2 / 4) / 2)
    assert row["smape"] == pytest.approx((200 * 1 / 17 + 200 * 2 / 22) / 2)
    # growth on 2018Q1-Q2 (5, 6): actual 80%, 66.7%; forecast 60%, 100%
    assert row["rmse_growth"] == pytest.approx(np.sqrt((20.0**2 + (100 / 3) ** 2) / 2))
    assert row["coverage_80"] == 0.5
    assert row["coverage_95"] == 1.0
    assert row["width_80"] == pytest.approx((100 * 2.5 / 8 + 100 * 2 / 12) / 2)


def test_accuracy_by_horizon_scores_each_horizon_apart():
    panel, cv = hand_worked_case()
    by_horizon = accuracy(cv, panel, by=["model", "horizon"]).set_index("horizon")
    # 2019Q1 is 1 quarter after the 2018Q4 cutoff (9 in 7..9.5), 2019Q2 is 2 (10 not in 11..13)
    assert by_horizon["coverage_80"].to_dict() == {1: 1.0, 2: 0.0}
    assert by_horizon.loc[1, "mase"] == pytest.approx(1 / 4)


def test_metrics_dict_is_extensible():
    panel, cv = hand_worked_case()
    metrics = {**METRICS, "mae": lambda rows: (rows["actual"] - rows["mean"]).abs().mean()}
    result = accuracy(cv, panel, by=["model"], metrics=metrics)
    assert list(result.columns) == ["model", *METRICS, "mae"]
    assert result["mae"].iloc[0] == pytest.approx(1.5)


def test_accuracy_uses_the_history_kept_by_cross_validate():
    panel = one_series(trend(28))
    cv = cross_validate(panel, h=4, n_windows=2, models=("snaive", "drift"))
    pd.testing.assert_frame_equal(accuracy(cv), accuracy(cv, panel))
    assert set(accuracy(cv)["model"]) == {"snaive", "drift"}
