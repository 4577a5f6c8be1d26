"""Official revisions measured: the previous year's level implied by this year's release."""

from __future__ import annotations

import numpy as np
import pandas as pd


def implied_revisions(levels: pd.Series, growth: pd.Series) -> pd.Series:
    """Revision (%) of each year's published level implied by the next year's release.

    ``levels`` and ``growth`` (%, same-scope 同口径 growth) are indexed by year. A statistics
    office publishes this year's level and its growth on last year's *revised* level, so
    last year's level as revised is ``level_t / (1 + growth_t/100)``; the revision is that
    against the level published a year earlier: ``level_t / (1 + growth_t/100) / level_{t−1}
    − 1``, in %, indexed by ``t`` (NaN where either year is missing).
    """
    levels, growth = levels.sort_index(), growth.reindex(levels.index)
    previous = levels.reindex(levels.index - 1).to_numpy()
    implied = levels.to_numpy() / (1.0 + growth.to_numpy() / 100.0) / previous - 1.0
    return pd.Series(100.0 * implied, index=levels.index, name="revision_pct")


def root_mean_square(values: pd.Series) -> float:
    """Root mean square of the non-missing values (the revision sd around zero)."""
    present = values.dropna().to_numpy(dtype=float)
    return float(np.sqrt(np.mean(present**2)))
