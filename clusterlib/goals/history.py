"""The historical test: did a region's growth beat the city's over the past quarters?"""

from __future__ import annotations

import pandas as pd

from clusterlib.goals.hac import adjust_pvalues, hac_mean_test, pooled_ar1
from clusterlib.inputs.panel import series
from clusterlib.inputs.periods import yoy_growth


def growth_gap_history(
    panel: pd.DataFrame,
    region: str,
    indicator: str,
    versus_region: str,
    versus_indicator: str,
    as_of: pd.Period,
    window: int,
) -> pd.Series:
    """Quarterly y/y growth of one series minus another's, in pp, the last ``window`` quarters.

    E.g. a cluster's 规上工业增加值 growth minus the city's, or the city's 高新技术产业
    growth minus its 规上工业 growth. Quarters up to ``as_of`` only; empty if either is absent.
    """
    own = series(panel, region, indicator)
    other = series(panel, versus_region, versus_indicator)
    if own.empty or other.empty:
        return pd.Series(dtype=float)
    gap = (yoy_growth(own) - yoy_growth(other)).dropna()
    return gap[gap.index <= as_of].iloc[-window:]


def beat_city_history(
    panel: pd.DataFrame,
    indicator: str,
    regions: list[str],
    as_of: pd.Period,
    settings: dict,
    city: str = "city",
) -> pd.DataFrame:
    """Historical test per region that its growth beat the city's on average, corrected.

    For each region: the quarterly y/y growth gap to the city over the last
    ``settings["hac_window"]`` quarters, tested with :func:`hac_mean_test` (H1: mean gap > 0);
    then p-values adjusted across the regions with ``settings["correction"]``. With
    ``hac_reference: pooled`` every region's reference uses the AR(1) coefficient pooled over
    all the regions' gaps (:func:`pooled_ar1`): the gaps' dependence is assumed alike across
    the clusters, their means and variances are not.

    Returns
    -------
    pd.DataFrame
        Indexed by region: ``n, mean_gap, t, p_value, p_adjusted``.
    """
    window = settings["hac_window"]
    gaps = {
        region: growth_gap_history(panel, region, indicator, city, indicator, as_of, window)
        for region in regions
    }
    pooled = None
    if settings["hac_reference"] == "pooled":
        pooled = [pooled_ar1(list(gaps.values()))]
    rows = {
        region: hac_test_from_settings(gap, settings, null=0.0, ar_coefs=pooled)
        for region, gap in gaps.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["n", "estimate", "t", "p_value"])
    table = table.rename(columns={"estimate": "mean_gap"})
    table["p_adjusted"] = adjust_pvalues(
        table["p_value"], settings["correction"], settings["alpha"]
    )
    return table


def hac_test_from_settings(
    x: pd.Series, settings: dict, null: float, ar_coefs: list[float] | None = None
) -> dict[str, float]:
    """:func:`hac_mean_test` with lags, reference distribution, draws and seed from settings."""
    return hac_mean_test(
        x,
        maxlags=settings["hac_maxlags"],
        null=null,
        reference=settings["hac_reference"],
        n_boot=settings["hac_n_boot"],
        seed=settings["seed"],
        ar_coefs=ar_coefs,
    )
