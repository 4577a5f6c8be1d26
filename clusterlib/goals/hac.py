"""Goal statistics: full-year draws from simulated paths, HAC test, multiple testing, records."""

from __future__ import annotations

import operator
from collections.abc import Callable

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa.ar_model import AutoReg, ar_select_order
from statsmodels.tsa.arima_process import ArmaProcess

from clusterlib.inputs.panel import preferred_series
from clusterlib.inputs.periods import yoy_growth, ytd_growth
from clusterlib.inputs.records import parse_period

COMPARATORS: dict[str, Callable] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}
CORRECTIONS = {"holm": "holm", "bh": "fdr_bh"}
HAC_REFERENCES = ("pooled", "ar1", "arp", "fixedb", "block", "t")
MIN_HAC_OBS = 8
OFFICIAL_COLUMNS = [
    "period",
    "months",
    "hightech_growth",
    "industry_growth",
    "gap_pp",
    "met",
    "hightech_source",
    "industry_source",
]


# --- series, draws and full-year metrics ------------------------------------------------------


def series_measure(panel: pd.DataFrame, region: str, indicator: str) -> str | None:
    """The measure used for a region's indicator (the rule of :func:`preferred_series`)."""
    chosen = preferred_series(panel[panel["region"] == region], [indicator])
    return str(chosen["measure"].iloc[0]) if len(chosen) else None


def series(panel: pd.DataFrame, region: str, indicator: str) -> pd.Series:
    """One region's indicator from the panel, indexed by quarter (measure: :func:`series_measure`).

    Returns an empty Series when the panel has no such series.
    """
    measure = series_measure(panel, region, indicator)
    rows = panel[
        (panel["region"] == region)
        & (panel["indicator"] == indicator)
        & (panel["measure"] == measure)
    ]
    index = pd.PeriodIndex(rows["period"], freq="Q-DEC")
    return pd.Series(rows["value"].to_numpy(dtype=float), index=index).sort_index()


def year_frame(
    actual: pd.Series, future: pd.DataFrame, year: int, as_of: pd.Period
) -> pd.DataFrame:
    """The year's four quarters, one row per draw: actuals up to ``as_of``, the draw after it.

    Parameters
    ----------
    actual : pd.Series
        Observed quarterly values (PeriodIndex); only quarters up to ``as_of`` are used.
    future : pd.DataFrame
        Draws of future values: one row per draw (e.g. simulated path), one column per
        quarter. Quarters it lacks are NaN.
    year, as_of
        The goal year and the last quarter with data.

    Returns
    -------
    pd.DataFrame
        Same rows as ``future``, columns the four quarters of ``year``.
    """
    quarters = pd.period_range(pd.Period(year=year, quarter=1, freq="Q-DEC"), periods=4)
    frame = future.reindex(columns=quarters).astype(float)
    for quarter in quarters[quarters <= as_of]:
        frame[quarter] = actual.get(quarter, np.nan)
    return frame


def full_year_growth(frame: pd.DataFrame, previous_year: pd.Series) -> pd.Series:
    """Full-year (1–12月 累计) growth in % per draw: Σ this year / Σ last year − 1.

    The definition of :func:`~clusterlib.inputs.periods.ytd_growth` at Q4, vectorised over draws.
    """
    last_year = previous_year.reindex(frame.columns - 4).to_numpy(dtype=float).sum()
    return 100.0 * (frame.sum(axis=1, skipna=False) / last_year - 1.0)


def ytd_growth_at(values: pd.Series, quarter: pd.Period) -> float:
    """Cumulative growth (累计同比, %) at ``quarter``; NaN if it cannot be computed."""
    if values.empty:
        return np.nan
    return float(ytd_growth(values).get(quarter, np.nan))


def probability(draws: pd.Series, comparator: str, threshold: float) -> float:
    """Share of draws for which ``draw <comparator> threshold`` holds; NaN without usable draws.

    A draw with any missing quarter is NaN and makes the whole probability NaN, since the
    remaining draws would not be a sample from the same distribution.
    """
    values = np.asarray(draws, dtype=float)
    if values.size == 0 or np.isnan(values).any():
        return np.nan
    return float(np.mean(COMPARATORS[comparator](values, threshold)))


# --- the historical test: Newey–West (HAC) t statistic ------------------------------------------


def _newey_west_t(draws: np.ndarray, maxlags: int) -> np.ndarray:
    """Newey–West (Bartlett) t statistics of the mean of each row of ``draws``.

    The same estimator as statsmodels' ``cov_type="HAC"`` without small-sample correction
    (checked in tests), vectorised so the reference distribution costs milliseconds.
    """
    n = draws.shape[1]
    centred = draws - draws.mean(axis=1, keepdims=True)
    long_run = (centred**2).sum(axis=1) / n
    for lag in range(1, maxlags + 1):
        weight = 1.0 - lag / (maxlags + 1.0)
        long_run += 2.0 * weight * (centred[:, lag:] * centred[:, :-lag]).sum(axis=1) / n
    return draws.mean(axis=1) / np.sqrt(long_run / n)


def pooled_ar1(series_list: list[pd.Series | np.ndarray]) -> float:
    """AR(1) coefficient of one or several series, pooled, corrected for small-sample bias.

    Each series is demeaned; the coefficient is the least-squares slope of x(t) on x(t−1)
    over all series together, plus Kendall's (1954) bias correction (1 + 3φ)/n with n the
    mean series length, kept within [−0.9, 0.95]. Pooling the clusters of one goal (12 series
    of 32 quarters) estimates the dependence of their gaps far more precisely than one series.
    """
    arrays = [np.asarray(pd.Series(s, dtype=float).dropna(), dtype=float) for s in series_list]
    arrays = [a - a.mean() for a in arrays if len(a) >= MIN_HAC_OBS]
    if not arrays:
        return 0.0
    cross = sum(a[1:] @ a[:-1] for a in arrays)
    phi = cross / sum(a[:-1] @ a[:-1] for a in arrays)
    n = np.mean([len(a) for a in arrays])
    return float(np.clip(phi + (1.0 + 3.0 * phi) / n, -0.9, 0.95))


def _arp_coefficients(x: np.ndarray, max_order: int) -> np.ndarray:
    """AR(p) coefficients of ``x`` with p ≤ ``max_order`` chosen by AIC (statsmodels AutoReg).

    Non-stationary fits are shrunk until their largest inverse root has modulus 0.95.
    """
    order = ar_select_order(x, maxlag=max(1, min(max_order, len(x) // 4)), ic="aic", trend="c")
    lags = order.ar_lags or []
    if not lags:
        return np.zeros(0)
    coefs = AutoReg(x, lags=max(lags), trend="c").fit().params[1:]
    modulus = np.abs(np.roots(np.r_[1.0, -coefs])).max()
    return coefs * (0.95 / modulus) ** np.arange(1, len(coefs) + 1) if modulus > 0.95 else coefs


def _null_tstats(
    x: np.ndarray, maxlags: int, reference: str, n_boot: int, seed: int, ar_coefs
) -> np.ndarray:
    """``n_boot`` t statistics of the same test on series simulated under the null (mean 0)."""
    n, rng = len(x), np.random.default_rng(seed)
    if reference == "fixedb":
        return _newey_west_t(rng.standard_normal((n_boot, n)), maxlags)
    if reference == "block":
        block = max(1, maxlags)
        starts = rng.integers(0, n - block + 1, size=(n_boot, -(-n // block)))
        index = (starts[:, :, None] + np.arange(block)).reshape(n_boot, -1)[:, :n]
        return _newey_west_t((x - x.mean())[index], maxlags)
    if ar_coefs is None:
        ar_coefs = _arp_coefficients(x, maxlags) if reference == "arp" else [pooled_ar1([x])]
    null = ArmaProcess(np.r_[1.0, -np.asarray(ar_coefs, dtype=float)], [1.0]).generate_sample(
        nsample=(n_boot, n), axis=1, burnin=100, distrvs=rng.standard_normal
    )
    return _newey_west_t(null, maxlags)


def hac_mean_test(
    x: pd.Series | np.ndarray,
    maxlags: int = 4,
    null: float = 0.0,
    reference: str = "pooled",
    n_boot: int = 999,
    seed: int = 0,
    ar_coefs: list[float] | np.ndarray | None = None,
) -> dict[str, float]:
    """One-sided test that the mean of ``x`` exceeds ``null``, with Newey–West standard errors.

    The t statistic comes from statsmodels: OLS of ``x − null`` on a constant with
    ``cov_type="HAC"`` (Bartlett kernel, ``maxlags`` lags). With 20–40 quarters of
    autocorrelated data Student's t over-rejects, so by default the p-value is read from the
    same statistic computed on ``n_boot`` series simulated under the null (docs/goals.md,
    measured by bench/goal_size_power.py). References:

    - ``"pooled"`` (default) and ``"ar1"``: AR(1) series (sieve bootstrap) with coefficient
      ``ar_coefs`` if given — :func:`beat_city_history` passes the coefficient pooled over
      the clusters of one goal — else ``x``'s own bias-corrected one (:func:`pooled_ar1`);
    - ``"arp"``: AR(p) series, p ≤ ``maxlags`` chosen by AIC on ``x`` (statsmodels
      ``ar_select_order``), or the AR coefficients ``ar_coefs``;
    - ``"fixedb"``: independent normal series — the fixed-b reference of Kiefer and
      Vogelsang (2005), exact for Gaussian white noise and first-order correct otherwise;
    - ``"block"``: moving-block bootstrap of the demeaned ``x`` (blocks of ``maxlags``);
    - ``"t"``: Student's t with n − 1 degrees of freedom (the textbook test).

    Parameters
    ----------
    x : Series or array
        The observations (e.g. quarterly growth gaps in percentage points); NaN dropped.
    maxlags : int
        Newey–West truncation lag.
    null : float
        Mean under the null hypothesis; the alternative is ``mean > null``.
    reference : {"pooled", "ar1", "arp", "fixedb", "block", "t"}
        Null distribution of the t statistic.
    n_boot, seed : int
        Number of simulated series and the random seed (all references but ``"t"``).
    ar_coefs : sequence of float, optional
        AR coefficients of the simulated null series (``"pooled"``, ``"ar1"``, ``"arp"``).

    Returns
    -------
    dict
        ``estimate`` (mean of x), ``se``, ``t``, ``p_value``, ``n``; NaN values when fewer
        than 8 observations are available.

    Raises
    ------
    ValueError
        If ``reference`` is unknown.
    """
    if reference not in HAC_REFERENCES:
        raise ValueError(f"unknown reference {reference!r}; known: {', '.join(HAC_REFERENCES)}")
    values = np.asarray(pd.Series(x, dtype=float).dropna(), dtype=float)
    result = {"estimate": np.nan, "se": np.nan, "t": np.nan, "p_value": np.nan, "n": len(values)}
    if len(values) < MIN_HAC_OBS:
        return result
    fit = sm.OLS(values - null, np.ones(len(values))).fit(
        cov_type="HAC", cov_kwds={"maxlags": maxlags}
    )
    t_stat = float(fit.tvalues[0])
    if reference == "t":
        p_value = float(stats.t.sf(t_stat, df=len(values) - 1))
    else:
        simulated = _null_tstats(values, maxlags, reference, n_boot, seed, ar_coefs)
        p_value = float((1 + np.sum(simulated >= t_stat)) / (n_boot + 1))
    estimate = float(values.mean())
    return result | {"estimate": estimate, "se": float(fit.bse[0]), "t": t_stat, "p_value": p_value}


def adjust_pvalues(p_values: pd.Series, method: str = "holm", alpha: float = 0.05) -> pd.Series:
    """Multiple-testing adjusted p-values: ``"holm"`` (default) or ``"bh"`` (Benjamini–Hochberg).

    NaN p-values are left out of the family and stay NaN.

    Raises
    ------
    ValueError
        If ``method`` is unknown.
    """
    if method not in CORRECTIONS:
        raise ValueError(f"unknown correction {method!r}; known: {', '.join(CORRECTIONS)}")
    p_values = pd.Series(p_values, dtype=float)
    present = p_values.dropna()
    adjusted = p_values.copy()
    if not present.empty:
        adjusted[present.index] = multipletests(present, alpha=alpha, method=CORRECTIONS[method])[1]
    return adjusted


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


# --- the official record of the high-tech goal -----------------------------------------------


def _as_period(value: object) -> pd.Period | None:
    """A record's period, whether already parsed (typed records) or still text."""
    return value if isinstance(value, pd.Period) else parse_period(str(value))


def _period_key(period: pd.Period) -> tuple[str, str, int]:
    """Label (``2018Q3``, ``2025-02``), months covered (``1–9月``) and order of a YTD period."""
    month = period.month if period.freqstr == "M" else period.quarter * 3
    label = f"{period.year}Q{month // 3}" if month % 3 == 0 else f"{period.year}-{month:02d}"
    return label, f"1–{month}月" if month > 1 else "1月", period.year * 100 + month


def hightech_official_record(records: pd.DataFrame, threshold: float = 2.0) -> pd.DataFrame:
    """Was 高新技术产业 growth ≥ ``threshold`` pp above 规上工业 growth, per published period?

    Uses the city's final, year-to-date growth records of ``hightech_va`` (高新技术产业, not
    高技术产业 or 高技术制造业) and ``industry_va``; a period appears when both are published
    for it (a year ``2019`` counts as 1–12月, a month ``2018-09`` as the quarter it closes).

    Parameters
    ----------
    records : pd.DataFrame
        Input records (docs/architecture.md §1), as read (text) or typed.
    threshold : float
        Required gap in percentage points.

    Returns
    -------
    pd.DataFrame
        ``period, months, hightech_growth, industry_growth, gap_pp, met, hightech_source,
        industry_source``, sorted by period.

    Raises
    ------
    ValueError
        If the same indicator has two final figures for the same period.
    """
    status = records["status"] if "status" in records else pd.Series("final", index=records.index)
    keep = (
        (records["region"] == "city")
        & records["indicator"].isin(["hightech_va", "industry_va"])
        & (records["measure"] == "growth")
        & (records["period_type"] == "ytd")
        & status.replace("", "final").eq("final")
    )
    rows = records[keep]
    keys = [_period_key(_as_period(p)) for p in rows["period"]]
    rows = rows.assign(
        period=[k[0] for k in keys],
        months=[k[1] for k in keys],
        order=[k[2] for k in keys],
        value=pd.to_numeric(rows["value"]),
    )
    duplicated = rows.duplicated(["period", "indicator"])
    if duplicated.any():
        first = rows[duplicated].iloc[0]
        raise ValueError(f"two final figures for {first['indicator']} in {first['period']}")
    wide = rows.pivot(
        index=["order", "period", "months"], columns="indicator", values=["value", "source"]
    )
    if wide.empty or wide["value"].shape[1] < 2:
        return pd.DataFrame(columns=OFFICIAL_COLUMNS)
    table = pd.DataFrame(
        {
            "hightech_growth": wide["value"]["hightech_va"].astype(float),
            "industry_growth": wide["value"]["industry_va"].astype(float),
            "hightech_source": wide["source"]["hightech_va"],
            "industry_source": wide["source"]["industry_va"],
        }
    ).dropna(subset=["hightech_growth", "industry_growth"])
    table["gap_pp"] = (table["hightech_growth"] - table["industry_growth"]).round(6)
    table["met"] = table["gap_pp"] >= threshold
    table = table.sort_index().reset_index()
    return table[OFFICIAL_COLUMNS]
