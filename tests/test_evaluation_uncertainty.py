"""Tests of the draws behind the rank intervals: weights, revisions, official revisions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.evaluation.revisions import implied_revisions, root_mean_square
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.evaluation.uncertainty import ahead_of_next, revised, weight_draws

WEIGHTS = np.array([0.5, 0.3, 0.2])


def test_dirichlet_draws_centre_on_the_weights():
    draws = weight_draws(WEIGHTS, 200.0, 4000, seed=1)
    assert np.allclose(draws.sum(axis=1), 1.0)
    assert draws.mean(axis=0) == pytest.approx(WEIGHTS, abs=0.005)
    # Dirichlet variance w(1 − w)/(c + 1)
    assert draws.var(axis=0) == pytest.approx(WEIGHTS * (1 - WEIGHTS) / 201, rel=0.1)
    wider = weight_draws(WEIGHTS, 20.0, 4000, seed=1)
    assert (wider.std(axis=0) > draws.std(axis=0)).all()


def test_zero_weight_stays_zero():
    draws = weight_draws(np.array([0.6, 0.0, 0.4]), 50.0, 100, seed=1)
    assert (draws[:, 1] == 0).all()


def test_revisions_scale_levels_and_shift_growth_by_their_sd(tmp_path):
    scheme = load_scheme()
    values = np.tile(np.where(relative(scheme), 100.0, 5.0), (4000, 1, 1))
    drawn = revised(values, scheme, np.random.default_rng(0))
    spread = drawn.std(axis=0)[0]
    sd = np.array([item.revision_sd for item in scheme.indicators])
    # a level of 100 with sd s% moves by s; a growth of 5 with sd s pp moves by s
    assert spread == pytest.approx(sd, rel=0.05)
    assert drawn.mean(axis=0)[0] == pytest.approx(values[0, 0], abs=0.5)
    fai = scheme.ids.index("fai")
    assert scheme.indicators[fai].revision_sd == 4.8  # NBS implied revisions, 2005–2019


def relative(scheme) -> np.ndarray:
    return np.array([item.relative_revision for item in scheme.indicators])


def test_identical_rank_draws_are_never_ahead():
    draws = np.array([[1, 1, 3], [1, 1, 3]])  # clusters 0 and 1 tie in every draw
    assert ahead_of_next(draws, np.array([0, 1, 2])).tolist()[:2] == [0.0, 1.0]


def test_implied_revision_of_last_years_level_by_hand():
    levels = pd.Series([100.0, 110.0, 99.0], index=[2017, 2018, 2019])
    growth = pd.Series([np.nan, 5.0, 10.0], index=[2017, 2018, 2019])
    revisions = implied_revisions(levels, growth)
    # 2018: 110 / 1.05 = 104.76 against 100 published: +4.76%; 2019: 99 / 1.1 = 90 vs 110
    assert revisions.loc[2018] == pytest.approx(100 * (110 / 1.05 / 100 - 1))
    assert revisions.loc[2019] == pytest.approx(100 * (90 / 110 - 1))
    assert np.isnan(revisions.loc[2017])
    assert root_mean_square(revisions) == pytest.approx(
        np.sqrt((revisions.loc[2018] ** 2 + revisions.loc[2019] ** 2) / 2)
    )


def test_the_schemes_fai_revision_is_the_official_root_mean_square():
    def december(name: str) -> pd.Series:
        table = pd.read_csv(paths.OFFICIAL_CHINA / name)
        table = table[table["period"].str.endswith("-12")]
        return pd.Series(table["value"].to_numpy(), index=table["period"].str[:4].astype(int))

    revisions = implied_revisions(december("cn_fai_ytd_level.csv"), december("cn_fai_ytd_yoy.csv"))
    fai = load_scheme().indicator("fai")
    assert root_mean_square(revisions.loc[2005:2019]) == pytest.approx(fai.revision_sd, abs=0.05)
    assert "2005–2019" in fai.revision_source
