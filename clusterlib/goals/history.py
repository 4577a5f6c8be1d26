"""The historical test: did a region's growth beat the city's over the past quarters?"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import statsmodels.api as sm

from clusterlib.catalog import indicator_name
from clusterlib.goals.hac import adjust_pvalues, fit_overlap_sieve, hac_mean_test, pooled_ar1
from clusterlib.inputs.panel import preferred_series, series, series_measure
from clusterlib.inputs.periods import yoy_growth, ytd_growth
from clusterlib.labels import BULLETIN_TEXT

if TYPE_CHECKING:  # catalogue imports this module
    from clusterlib.goals.catalogue import GoalSettings

#: what the historical test averages: quarterly y/y growth gaps (overlapping), the full-year
#: (Q4 累计) gaps of complete years (non-overlapping), or single-quarter log-growth gaps
#: (non-overlapping, levels only; growth-only series fall back to ``yoy``)
GAP_SERIES = ("yoy", "annual", "quarterly")
#: fewest observations tested, by gap series (eight quarters, or five full years)
MIN_OBS = {"yoy": 8, "annual": 5, "quarterly": 8}


def growth_gap_history(
    panel: pd.DataFrame,
    region: str,
    indicator: str,
    versus_region: str,
    versus_indicator: str,
    as_of: pd.Period,
    window: int,
    kind: str = "yoy",
) -> pd.Series:
    """Growth gap of one series over another, in pp, over the last ``window`` quarters.

    E.g. a cluster's 规上工业增加值 growth minus the city's, or the city's 高新技术产业
    growth minus its 规上工业 growth. Quarters up to ``as_of`` only; empty if either is absent.

    Parameters
    ----------
    kind : {"yoy", "annual", "quarterly"}
        ``"yoy"``: single-quarter y/y growth gaps, one a quarter (they overlap: each sums four
        quarters); ``"annual"``: full-year 累计 growth gaps (Q4), one per complete year of the
        window; ``"quarterly"``: 400 × the gap of quarter-on-quarter log growth (annualised,
        non-overlapping), its seasonal pattern removed — only when both series are levels,
        else the ``"yoy"`` gaps.

    Raises
    ------
    ValueError
        If ``kind`` is unknown.
    """
    own = series(panel, region, indicator)
    other = series(panel, versus_region, versus_indicator)
    if own.empty or other.empty:
        return pd.Series(dtype=float)
    measures = {
        series_measure(panel, region, indicator),
        series_measure(panel, versus_region, versus_indicator),
    }
    return series_gap(own, other, as_of, window, kind, levels=measures == {"level"})


def series_gap(
    own: pd.Series,
    other: pd.Series,
    as_of: pd.Period,
    window: int,
    kind: str = "yoy",
    levels: bool = True,
) -> pd.Series:
    """The gap of :func:`growth_gap_history` from the two quarterly series themselves.

    ``levels`` says whether both are levels (else chained indexes of growth, and
    ``"quarterly"`` falls back to ``"yoy"``).

    Raises
    ------
    ValueError
        If ``kind`` is unknown.
    """
    if kind not in GAP_SERIES:
        raise ValueError(f"unknown gap series {kind!r}; known: {', '.join(GAP_SERIES)}")
    first = as_of - window + 1
    if kind == "annual":
        gap = (ytd_growth(own) - ytd_growth(other)).dropna()
        return gap[(gap.index.quarter == 4) & (gap.index <= as_of) & (gap.index - 3 >= first)]
    if kind == "quarterly" and levels:
        return _quarterly_gap(own, other, first, as_of)
    gap = (yoy_growth(own) - yoy_growth(other)).dropna()
    return gap[gap.index <= as_of].iloc[-window:]


def _quarterly_gap(
    own: pd.Series, other: pd.Series, first: pd.Period, last: pd.Period
) -> pd.Series:
    """Annualised q/q log-growth gap (pp) from ``first`` to ``last``, seasonal means removed."""
    gap = 400.0 * (np.log(own).diff() - np.log(other).diff())
    gap = gap[(gap.index >= first) & (gap.index <= last)].dropna()
    seasonal = gap.groupby(gap.index.quarter).transform("mean") - gap.mean()
    return gap - seasonal


def beat_city_history(
    panel: pd.DataFrame,
    indicator: str,
    regions: list[str],
    as_of: pd.Period,
    settings: GoalSettings,
    city: str = "city",
) -> pd.DataFrame:
    """Historical test per region that its growth beat the city's on average, corrected.

    For each region: the growth gap to the city over the last ``settings.hac_window``
    quarters (``settings.hac_series``, :func:`growth_gap_history`), tested by
    :func:`beat_city_test`.

    Returns
    -------
    pd.DataFrame
        Indexed by region: ``n, mean_gap, t, p_value, p_adjusted``.
    """
    window, kind = settings.hac_window, settings.hac_series
    chosen = preferred_series(panel, [indicator])
    by_region = dict(list(chosen.groupby("region", sort=False)))  # one pass, not one per region
    city_values, city_level = _series_and_level(by_region.get(city))
    gaps = {}
    for region in regions:
        own, level = _series_and_level(by_region.get(region))
        if own.empty or city_values.empty:
            gaps[region] = pd.Series(dtype=float)
            continue
        gaps[region] = series_gap(own, city_values, as_of, window, kind, level and city_level)
    return beat_city_test(gaps, settings)


def _series_and_level(chosen: pd.DataFrame | None) -> tuple[pd.Series, bool]:
    """A region's series (:func:`series`) and whether it is a level (not a chained index).

    ``chosen``: the region's rows of one indicator as :func:`preferred_series` picks them.
    """
    if chosen is None:
        return pd.Series(dtype=float, index=pd.PeriodIndex([], freq="Q-DEC")), False
    measure = chosen["measure"].iloc[0]
    rows = chosen[chosen["measure"] == measure]
    index = pd.PeriodIndex(rows["period"], freq="Q-DEC")
    values = pd.Series(rows["value"].to_numpy(dtype=float), index=index).sort_index()
    return values, measure == "level"


def beat_city_test(gaps: dict[str, pd.Series], settings: GoalSettings) -> pd.DataFrame:
    """:func:`hac_mean_test` of each region's gap (H1: mean gap > 0), corrected across regions.

    The p-values are adjusted across the regions with ``settings.correction``. With
    ``hac_reference: pooled`` every region's reference uses the AR(1) coefficient pooled over
    all the regions' gaps (:func:`pooled_ar1`), with ``sieve`` the overlap sieve fitted to all
    of them (:func:`fit_overlap_sieve`, autocorrelation lags ``settings.sieve_lags`` averaged
    with ``settings.sieve_weights``): the gaps' dependence is assumed alike across the
    clusters, their means and variances are not.
    """
    pooled = None
    if settings.hac_reference == "pooled":
        pooled = [pooled_ar1(list(gaps.values()))]
    elif settings.hac_reference == "sieve":
        fitted = fit_overlap_sieve(list(gaps.values()), settings.sieve_lags, settings.sieve_weights)
        pooled = list(fitted)
    rows = {
        region: hac_test_from_settings(gap, settings, null=0.0, ar_coefs=pooled)
        for region, gap in gaps.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["n", "estimate", "t", "p_value"])
    table = table.rename(columns={"estimate": "mean_gap"})
    table["p_adjusted"] = adjust_pvalues(table["p_value"], settings.correction, settings.alpha)
    return table


def panel_beat_city_test(gaps: dict[str, pd.Series], settings: GoalSettings) -> dict[str, float]:
    """Driscoll–Kraay test that the clusters beat the city on average: one test for them all.

    OLS of every cluster-quarter gap (quarters every cluster has) on a constant with
    statsmodels ``cov_type="hac-groupsum"`` — Driscoll–Kraay standard errors: Newey–West
    (``settings.hac_maxlags``) over the quarters' cross-sectional sums, robust to any
    correlation between the clusters (no small-sample correction). The statistic then equals
    the Newey–West t of the clusters' mean gap series, so its p-value is read from the
    settings' reference applied to that series, with the sieve fitted to the clusters' own
    gaps (``t``: Student's t with quarters − 1 degrees of freedom, the textbook test).

    Returns
    -------
    dict
        ``clusters``, ``n`` (quarters), ``mean_gap`` (pp), ``t``, ``p_value``; NaN values
        with fewer than eight common quarters.
    """
    wide = pd.DataFrame({region: gap for region, gap in gaps.items() if not gap.empty}).dropna()
    result = {"clusters": wide.shape[1], "n": len(wide), "mean_gap": np.nan, "t": np.nan}
    if len(wide) < MIN_OBS["yoy"]:
        return result | {"p_value": np.nan}
    stacked = wide.to_numpy(dtype=float).ravel()
    quarter = np.repeat(np.arange(len(wide)), wide.shape[1])
    fit = sm.OLS(stacked, np.ones(len(stacked))).fit(
        cov_type="hac-groupsum",
        cov_kwds={"time": quarter, "maxlags": settings.hac_maxlags, "use_correction": False},
    )
    mean_series = wide.mean(axis=1)
    ar_coefs = None
    if settings.hac_reference == "sieve":
        fitted = fit_overlap_sieve(
            list(wide.T.to_numpy()), settings.sieve_lags, settings.sieve_weights
        )
        ar_coefs = list(fitted)
    p_value = hac_test_from_settings(mean_series, settings, null=0.0, ar_coefs=ar_coefs)["p_value"]
    return result | {
        "mean_gap": float(stacked.mean()),
        "t": float(fit.tvalues[0]),
        "p_value": p_value,
    }


def hac_test_from_settings(
    x: pd.Series, settings: GoalSettings, null: float, ar_coefs: list[float] | None = None
) -> dict[str, float]:
    """:func:`hac_mean_test` with lags, reference, bandwidth, draws and seed from settings.

    Full-year gaps (``hac_series: annual``) are tested from five years on. Without
    ``ar_coefs`` the sieve is fitted to ``x`` alone with the settings' lags and weights.
    """
    if ar_coefs is None and settings.hac_reference == "sieve":
        ar_coefs = list(fit_overlap_sieve([x], settings.sieve_lags, settings.sieve_weights))
    return hac_mean_test(
        x,
        maxlags=settings.hac_maxlags,
        null=null,
        reference=settings.hac_reference,
        n_boot=settings.hac_n_boot,
        seed=settings.seed,
        ar_coefs=ar_coefs,
        bandwidth=settings.hac_bandwidth,
        min_obs=MIN_OBS[settings.hac_series],
    )


def detectable_premium_note(settings: GoalSettings, lang: str = "zh") -> str:
    """The bulletin's methods sentence: what premium the historical test can detect.

    From ``settings.detectable_premium_pp`` (indicator → the smallest premium over the
    city's growth, in pp, that the default test flags with power 0.8 at 5 % *after* the
    correction across the clusters of a goal — the p-value the bulletin decides by,
    ``past_p_adjusted`` — measured by ``bench/goal_size_power.py``, table 4e). Empty when the
    mapping is empty.

    Raises
    ------
    ValueError
        If ``lang`` is not ``"zh"`` or ``"en"``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; known: zh, en")
    premiums = settings.detectable_premium_pp or {}
    if not premiums:
        return ""
    text = BULLETIN_TEXT[lang]
    parts = text["list_separator"].join(
        text["premium_part"].format(indicator=_in_sentence(indicator_name(i, lang), lang), pp=p)
        for i, p in premiums.items()
    )
    return text["premium_note"].format(years=settings.hac_window // 4, parts=parts)


def _in_sentence(name: str, lang: str) -> str:
    """An indicator's name inside a sentence: lower case in English."""
    return name if lang == "zh" else name.lower()
