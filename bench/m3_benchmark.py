"""M3 quarterly holdout for the forecast bench: data, M4 scores, speed, and the tried designs.

Used by ``bench/forecast_bench.py`` (``--m3``, ``--fresh``, ``--candidates``) and
``bench/interval_calibration.py``. The data are the M3 competition's 756 quarterly series in
``data/benchmark/`` (provenance in data/README.md), split once into a ``design`` subset (256
series, for every choice) and a ``report`` subset (500, for the figures), and the fresh
held-out set of the fourth round: the M1 and Tourism competitions' quarterly series (592).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing
from statsmodels.tsa.seasonal import seasonal_decompose
from statsmodels.tsa.stattools import acf

from clusterlib import paths

# the tried designs (--candidates) live with the finished research rounds
sys.path.insert(0, str(Path(__file__).parent / "research"))
import m3_candidates as candidates

from clusterlib.forecasting.forecast import forecast_series
from clusterlib.forecasting.models import (
    FallbackWarning,
    Fit,
    Prepared,
    fit_arima,
    fit_drift,
    fit_ets_logs,
    fit_theta,
    is_trending,
    prepare,
    theta_forecast,
)

H = 8
SEASON = 4
BENCHMARK = paths.DATA / "benchmark"
LENGTH_BANDS = ((16, 39), (40, 64))
"""History lengths (quarters) the speed is reported by; the #14 target is on 40–64."""
SHORT = 36
"""Series with fewer quarters of history than this count as short (M3's lower quartile)."""


@dataclass(frozen=True)
class Series:
    """One benchmark series: id, category, history, the 8 held-out quarters and collection."""

    name: str
    category: str
    train: np.ndarray
    test: np.ndarray
    collection: str = "m3"


def load_m3(subset: str) -> list[Series]:
    """The M3 quarterly series of one subset (``design`` or ``report``), in id order."""
    meta = pd.read_csv(BENCHMARK / "m3_quarterly_series.csv")
    return _load(BENCHMARK / "m3_quarterly.csv", meta[meta["subset"] == subset])


def load_fresh() -> list[Series]:
    """The fresh held-out set: M1 and Tourism quarterly series (data/README.md), in file order."""
    meta = pd.read_csv(BENCHMARK / "fresh_quarterly_series.csv")
    return _load(BENCHMARK / "fresh_quarterly.csv", meta)


def _load(values_file: Path, meta: pd.DataFrame) -> list[Series]:
    """The series listed in ``meta`` (series, category[, collection]) from a tidy values file."""
    values = pd.read_csv(values_file)
    groups = dict(tuple(values.groupby("series", sort=False)))
    out = []
    for row in meta.itertuples():
        g = groups[row.series].sort_values("t")
        train = g.loc[g["part"] == "train", "value"].to_numpy(dtype=float)
        test = g.loc[g["part"] == "test", "value"].to_numpy(dtype=float)
        out.append(Series(row.series, row.category, train, test, getattr(row, "collection", "m3")))
    return out


def as_quarterly(values: np.ndarray) -> pd.Series:
    """Values on a quarterly PeriodIndex starting 2000Q1 (M3 dates are not needed)."""
    return pd.Series(values, index=pd.period_range("2000Q1", periods=len(values), freq="Q"))


# --- M4 scores --------------------------------------------------------------------------------


def smape(actual: np.ndarray, fc: np.ndarray) -> float:
    """Symmetric MAPE in % (M4 definition)."""
    return float(np.mean(200 * np.abs(actual - fc) / (np.abs(actual) + np.abs(fc))))


def mase(actual: np.ndarray, fc: np.ndarray, train: np.ndarray) -> float:
    """MASE (M4 definition): MAE over the in-sample MAE of the seasonal naive (lag 4)."""
    return float(np.mean(np.abs(actual - fc)) / np.mean(np.abs(train[SEASON:] - train[:-SEASON])))


def owa_table(scores: pd.DataFrame) -> pd.DataFrame:
    """Mean sMAPE and MASE per method and OWA = the mean of their ratios to Naive2's."""
    table = scores.groupby("method")[["smape", "mase"]].mean()
    naive2 = table.loc["Naive2"]
    table["owa"] = 0.5 * (table["smape"] / naive2["smape"] + table["mase"] / naive2["mase"])
    return table.sort_values("owa")


def owa_of(wide: pd.DataFrame, name: str, rows: np.ndarray) -> np.ndarray:
    """OWA of method ``name`` over the series ``rows`` (last axis) of a series × (score,
    method) table."""
    parts = [
        wide[(m, name)].to_numpy()[rows].mean(-1) / wide[(m, "Naive2")].to_numpy()[rows].mean(-1)
        for m in ("smape", "mase")
    ]
    return 0.5 * (parts[0] + parts[1])


def owa_interval(scores: pd.DataFrame, method: str, reference: str, draws: int = 1000) -> str:
    """OWA of ``method`` and its difference to ``reference``, each with a 95% bootstrap
    interval (series resampled, seed 0), as one line of text."""
    wide = scores.pivot_table(index="series", columns="method", values=["smape", "mase"])
    picks = np.random.default_rng(0).integers(0, len(wide), size=(draws, len(wide)))
    own, other = owa_of(wide, method, picks), owa_of(wide, reference, picks)
    every = np.arange(len(wide))
    point = owa_of(wide, method, every)
    diff = point - owa_of(wide, reference, every)
    lo, hi = np.percentile(own, [2.5, 97.5])
    dlo, dhi = np.percentile(own - other, [2.5, 97.5])
    return (
        f"   OWA of {method} {point:.3f} [{lo:.3f}, {hi:.3f}]; minus {reference}'s "
        f"{diff:+.3f} [{dlo:+.3f}, {dhi:+.3f}] (95% bootstrap intervals, series resampled)"
    )


def m4_seasonal(y: np.ndarray) -> np.ndarray:
    """M4 benchmarks' multiplicative seasonal indices (ones if the 90% ACF test fails)."""
    n = len(y)
    if n < 3 * SEASON:
        return np.ones(n + H)
    r = acf(y, nlags=SEASON, fft=False)
    if abs(r[SEASON]) <= 1.645 * np.sqrt((1 + 2 * np.sum(r[1:SEASON] ** 2)) / n):
        return np.ones(n + H)
    seasonal = seasonal_decompose(y, period=SEASON, model="multiplicative").seasonal
    return seasonal[np.arange(n + H) % SEASON]


def m4_benchmarks(y: np.ndarray) -> dict[str, np.ndarray]:
    """Naive2, SES/Holt/Damped Comb and statsmodels' Theta, as in the M4 competition."""
    seasonal = m4_seasonal(y)
    adjusted, future = y / seasonal[: len(y)], seasonal[len(y) :]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ses = ExponentialSmoothing(adjusted).fit().forecast(H)
        holt = ExponentialSmoothing(adjusted, trend="add").fit().forecast(H)
        damped = ExponentialSmoothing(adjusted, trend="add", damped_trend=True).fit().forecast(H)
    return {
        "Naive2": np.full(H, adjusted[-1]) * future,
        "Comb": (ses + holt + damped) / 3 * future,
        "Theta": statsmodels_theta(y),
    }


def statsmodels_theta(y: np.ndarray) -> np.ndarray:
    """statsmodels' ThetaModel with its defaults (the speed and accuracy reference)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ThetaModel(pd.Series(y), period=SEASON).fit().forecast(H).to_numpy()


def kinds(y: np.ndarray) -> dict[str, bool]:
    """Kind of series: seasonal (the library's test), trending, short, with a break.

    Trending: the mean log change is over 2 standard errors from 0 (the library's
    ``is_trending``); break: a log change more than 6 robust sds (1.4826 · MAD) from the median
    change.
    """
    d = np.diff(np.log(y))
    trend = is_trending(np.log(y))
    mad = 1.4826 * np.median(np.abs(d - np.median(d)))
    brk = bool(mad > 0 and np.max(np.abs(d - np.median(d))) > 6 * mad)
    seasonal = bool(np.any(prepare(y).seasonal))
    return {"seasonal": seasonal, "trending": bool(trend), "short": len(y) < SHORT, "break": brk}


# --- the default method on a subset -------------------------------------------------------


def run_default(series: list[Series]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``forecast_series`` and the M4 references on every series, one process.

    Returns the scores (series, method, smape, mase, kinds), the interval hits of
    ``forecast_series`` (series, h, in_80, in_95) and the times (series, n, ours_ms,
    theta_ms): ``forecast_series`` and statsmodels' Theta timed back to back on each series.
    """
    scores, hits, times = [], [], []
    for s in series:
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FallbackWarning)
            ours = forecast_series(as_quarterly(s.train), H)
        ours_ms = 1000 * (time.perf_counter() - start)
        start = time.perf_counter()
        statsmodels_theta(s.train)
        theta_ms = 1000 * (time.perf_counter() - start)
        times.append(
            {"series": s.name, "n": len(s.train), "ours_ms": ours_ms, "theta_ms": theta_ms}
        )
        kind = kinds(s.train)
        methods = {"forecast_series": ours["mean"].to_numpy(), **m4_benchmarks(s.train)}
        for method, fc in methods.items():
            scores.append(
                {
                    "series": s.name,
                    "method": method,
                    "smape": smape(s.test, fc),
                    "mase": mase(s.test, fc, s.train),
                    **kind,
                }
            )
        for level in (80, 95):
            inside = (s.test >= ours[f"lo_{level}"]) & (s.test <= ours[f"hi_{level}"])
            hits.extend(
                {"series": s.name, "h": k + 1, "level": level, "hit": float(v)}
                for k, v in enumerate(inside.to_numpy())
            )
    return pd.DataFrame(scores), pd.DataFrame(hits), pd.DataFrame(times)


def speed_table(times: pd.DataFrame) -> pd.DataFrame:
    """Mean, median, 95th percentile (ms) of both methods by history band; ratio of means."""
    rows = []
    for lo, hi in LENGTH_BANDS:
        band = times[times["n"].between(lo, hi)]
        row = {"history": f"{lo}-{hi}", "series": len(band)}
        for col, label in (("ours_ms", "forecast_series"), ("theta_ms", "sm_theta")):
            row[f"{label}_mean"] = band[col].mean()
            row[f"{label}_median"] = band[col].median()
            row[f"{label}_p95"] = band[col].quantile(0.95)
        row["ratio_of_means"] = band["ours_ms"].mean() / band["theta_ms"].mean()
        rows.append(row)
    return pd.DataFrame(rows).set_index("history")


def coverage_table(hits: pd.DataFrame) -> pd.DataFrame:
    """Coverage by horizon and level with a 95% interval; one origin per series, so the hits at
    one horizon are independent across series (binomial); pooled rows cluster by series."""
    rows = []
    for (level, h), g in hits.groupby(["level", "h"]):
        cov, se = g["hit"].mean(), g["hit"].std(ddof=1) / np.sqrt(len(g))
        rows.append(
            {"level": level, "h": h, "coverage": cov, "lo": cov - 1.96 * se, "hi": cov + 1.96 * se}
        )
    for level, g in hits.groupby("level"):
        per_series = g.groupby("series")["hit"].mean()
        cov, se = per_series.mean(), per_series.std(ddof=1) / np.sqrt(len(per_series))
        rows.append(
            {
                "level": level,
                "h": "all",
                "coverage": cov,
                "lo": cov - 1.96 * se,
                "hi": cov + 1.96 * se,
            }
        )
    return pd.DataFrame(rows)


def report_m3(subset: str) -> None:
    """Print accuracy (overall and by kind), coverage by horizon and speed on one M3 subset."""
    series = load_m3(subset)
    report_series(series, f"M3 quarterly, {subset} subset: {len(series)} series")


def report_fresh() -> None:
    """Print the same on the fresh held-out set (M1 and Tourism), pooled and by collection."""
    series = load_fresh()
    report_series(series, f"fresh held-out set, M1 and Tourism quarterly: {len(series)} series")


def report_series(series: list[Series], title: str) -> None:
    """Print accuracy (overall, by collection, by kind), coverage by horizon and speed."""
    scores, hits, times = run_default(series)
    print(f"\n## {title}, h = {H} (single origin)")
    print(owa_table(scores).round(3).to_string())
    print(owa_interval(scores, "forecast_series", "Theta"))
    collection = scores["series"].map({s.name: s.collection for s in series})
    if collection.nunique() > 1:
        for value, part in scores.groupby(collection):
            print(f"   collection={value} ({part['series'].nunique()}): {_flat(part)}")
    for kind in ("seasonal", "trending", "short", "break"):
        for value in (True, False):
            part = scores[scores[kind] == value]
            print(f"   {kind}={value} ({part['series'].nunique()}): {_flat(part)}")
    cov = coverage_table(hits)
    print("\n   coverage of forecast_series' intervals by horizon [95% CI]:")
    for level, g in cov.groupby("level"):
        cells = "  ".join(
            f"h{r.h}: {r.coverage:.2f} [{r.lo:.2f},{r.hi:.2f}]" for r in g.itertuples()
        )
        print(f"   {level}%: {cells}")
    print("\n   time per series, ms, one process (forecast_series vs statsmodels ThetaModel,")
    print("   timed back to back on each series):")
    print(speed_table(times).round(1).to_string())


def _flat(scores: pd.DataFrame) -> str:
    """sMAPE / MASE / OWA of forecast_series, Theta and Comb on a part of the scores, one line."""
    table = owa_table(scores).loc[["forecast_series", "Theta", "Comb"], ["smape", "mase", "owa"]]
    flat = "  ".join(
        f"{m}: {r.smape:.2f} / {r.mase:.3f} / {r.owa:.3f}" for m, r in table.iterrows()
    )
    return f"sMAPE / MASE / OWA  {flat}"


# --- what was tried (design subset) ----------------------------------------------------------


def ets_by_aicc(prep: Prepared, h: int) -> Fit:
    """The former ETS member: trend none / additive / damped (seasonal: none / damped) by AICc."""
    seasonal = bool(np.any(prep.seasonal))
    y = pd.Series(prep.work if seasonal else prep.adjusted)
    trends = (
        ((None, False), ("add", True))
        if seasonal
        else ((None, False), ("add", False), ("add", True))
    )
    best = None
    for trend, damped in trends:
        res = ETSModel(
            y,
            error="add",
            trend=trend,
            damped_trend=damped,
            seasonal="add" if seasonal else None,
            seasonal_periods=SEASON if seasonal else None,
        ).fit(disp=False)
        if np.isfinite(res.aicc) and (best is None or res.aicc < best.aicc):
            best = res
    mean = np.asarray(best.forecast(h))
    return Fit(mean if seasonal else mean + prep.future_seasonal(h), np.ones(h), best.resid.values)


def arima_without_season(prep: Prepared, h: int) -> Fit:
    """The non-seasonal ARIMA(p,d,0) on the adjusted series even for seasonal series."""
    flat = Prepared(prep.adjusted, prep.log, np.zeros(SEASON))
    fit = fit_arima(flat, h)
    return Fit(fit.mean + prep.future_seasonal(h), fit.var, fit.resid)


def theta_on_logs(prep: Prepared, h: int) -> Fit:
    """The former Theta member: Theta on the log scale (its drift a constant growth rate)."""
    mean = theta_forecast(prep.adjusted, h)[0]
    return Fit(mean + prep.future_seasonal(h), np.ones(h))


MEMBERS: dict[str, Callable[[Prepared, int], Fit]] = {
    "ets_aicc (former)": ets_by_aicc,
    "ets_damped (now)": fit_ets_logs,  # the member of the second round: log scale for all
    "ets_damped_095": candidates.ets_damping_upto(0.95),
    "ets_damped_090": candidates.ets_damping_upto(0.90),
    "ets_damped_092": candidates.ets_damping_upto(0.92),
    "ets_damped_097": candidates.ets_damping_upto(0.97),
    "ets_after_break": candidates.ets_after_break,
    "ets_last_32": candidates.ets_last_32,
    "ets_levels": candidates.ets_levels,
    "arima": fit_arima,
    "arima_nonseasonal": arima_without_season,
    "arima_d_upto_1": candidates.arima_d_upto_1,
    "arima_with_ma": candidates.arima_with_ma,
    "theta_logs (former)": theta_on_logs,
    "theta_levels (now)": fit_theta,
    "theta_optimised": candidates.theta_optimised,
    "theta_recent_drift": candidates.theta_recent_drift,
    "ses_levels": candidates.ses_levels,
    "damped_holt_levels": candidates.damped_holt_levels,
    "drift": fit_drift,
}
COMBINATIONS: dict[str, tuple[str | tuple[float, ...], tuple[str, ...]]] = {
    "mean(ets_aicc, arima, theta_logs) (former)": (
        "mean",
        ("ets_aicc (former)", "arima", "theta_logs (former)"),
    ),
    "mean(ets_damped_095, arima, theta_logs)": (
        "mean",
        ("ets_damped_095", "arima", "theta_logs (former)"),
    ),
    "mean(ets_damped_095, arima, theta_levels)": (
        "mean",
        ("ets_damped_095", "arima", "theta_levels (now)"),
    ),
    "median(ets_damped_095, arima, theta_levels)": (
        "median",
        ("ets_damped_095", "arima", "theta_levels (now)"),
    ),
    "mean(ets_damped_095, theta_levels)": ("mean", ("ets_damped_095", "theta_levels (now)")),
    "mean(arima, theta_levels)": ("mean", ("arima", "theta_levels (now)")),
    "mean(ets_damped_095, arima_nonseasonal, theta_levels)": (
        "mean",
        ("ets_damped_095", "arima_nonseasonal", "theta_levels (now)"),
    ),
    "mean(ets_damped_095, arima, theta_levels, drift)": (
        "mean",
        ("ets_damped_095", "arima", "theta_levels (now)", "drift"),
    ),
    "mean(ets_damped_095, arima, theta_levels, ets_aicc)": (
        "mean",
        ("ets_damped_095", "arima", "theta_levels (now)", "ets_aicc (former)"),
    ),
    "mean(ets_damped, arima, theta_levels) (now)": (
        "mean",
        ("ets_damped (now)", "arima", "theta_levels (now)"),
    ),
    "mean(ets_damped_090, arima, theta_levels)": (
        "mean",
        ("ets_damped_090", "arima", "theta_levels (now)"),
    ),
    "mean(ets_damped_092, arima, theta_levels)": (
        "mean",
        ("ets_damped_092", "arima", "theta_levels (now)"),
    ),
    "mean(ets_damped_097, arima, theta_levels)": (
        "mean",
        ("ets_damped_097", "arima", "theta_levels (now)"),
    ),
    "mean(ets_after_break, arima, theta_levels)": (
        "mean",
        ("ets_after_break", "arima", "theta_levels (now)"),
    ),
    "mean(ets_last_32, arima, theta_levels)": (
        "mean",
        ("ets_last_32", "arima", "theta_levels (now)"),
    ),
    "mean(ets_levels, arima, theta_levels)": (
        "mean",
        ("ets_levels", "arima", "theta_levels (now)"),
    ),
    "mean(ets_damped_095, arima_d_upto_1, theta_levels)": (
        "mean",
        ("ets_damped_095", "arima_d_upto_1", "theta_levels (now)"),
    ),
    "mean(ets_damped_095, arima_with_ma, theta_levels)": (
        "mean",
        ("ets_damped_095", "arima_with_ma", "theta_levels (now)"),
    ),
    "mean(ets_damped_095, arima, theta_optimised)": (
        "mean",
        ("ets_damped_095", "arima", "theta_optimised"),
    ),
    "mean(ets_damped_095, arima, theta_recent_drift)": (
        "mean",
        ("ets_damped_095", "arima", "theta_recent_drift"),
    ),
    "mean(ets_damped_095, arima, ses_levels)": ("mean", ("ets_damped_095", "arima", "ses_levels")),
    "mean(ets_damped_095, arima, theta_levels, ses_levels)": (
        "mean",
        ("ets_damped_095", "arima", "theta_levels (now)", "ses_levels"),
    ),
    "mean(ets_damped_095, arima, theta_levels, damped_holt_levels)": (
        "mean",
        ("ets_damped_095", "arima", "theta_levels (now)", "damped_holt_levels"),
    ),
    "weights 2:1:2 (ets_damped_095, arima, theta_levels)": (
        (2.0, 1.0, 2.0),
        ("ets_damped_095", "arima", "theta_levels (now)"),
    ),
    "weights 2:1:1 (ets_damped_095, arima, theta_levels)": (
        (2.0, 1.0, 1.0),
        ("ets_damped_095", "arima", "theta_levels (now)"),
    ),
    "trimmed mean(ets_damped_095, arima, theta_levels, ses_levels, damped_holt_levels)": (
        "trimmed",
        ("ets_damped_095", "arima", "theta_levels (now)", "ses_levels", "damped_holt_levels"),
    ),
    "median(ets_damped_095, arima, theta_levels, ses_levels, damped_holt_levels)": (
        "median",
        ("ets_damped_095", "arima", "theta_levels (now)", "ses_levels", "damped_holt_levels"),
    ),
}
ORIGINS = (0, 4, 8)
"""Forecast origins of the candidates table: the competition's, and 4 and 8 quarters earlier."""


def at_origins(series: list[Series], origins: tuple[int, ...] = ORIGINS) -> list[Series]:
    """Each series cut ``back`` quarters before its last observation for every origin, the
    next 8 quarters held out; cuts leaving under 16 quarters are skipped. The origin is kept in
    ``category`` as ``"<category>@<back>"``."""
    out = []
    for s in series:
        full, n = np.r_[s.train, s.test], len(s.train)
        out.extend(
            Series(s.name, f"{s.category}@{back}", full[: n - back], full[n - back : n - back + H])
            for back in origins
            if n - back >= 16
        )
    return out


def member_forecasts(s: Series) -> dict:
    """Every member's log-scale forecast and time on one series (NaN if it fails)."""
    prep = prepare(s.train)
    out = {"series": s.name, "kinds": kinds(s.train), "means": {}, "ms": {}, "resid_mse": {}}
    out["kinds"]["origin"] = int(s.category.rsplit("@", 1)[1]) if "@" in s.category else 0
    for name, function in MEMBERS.items():
        start = time.perf_counter()
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                fit = function(prep, H)
            mean = fit.mean
            resid = fit.resid if fit.resid is not None else np.full(1, np.nan)
        except Exception:  # a failed member counts as missing, as in the library
            mean, resid = np.full(H, np.nan), np.full(1, np.nan)
        out["ms"][name] = 1000 * (time.perf_counter() - start)
        out["means"][name] = mean
        late = resid[len(resid) // 8 :]
        late = late[np.isfinite(late)]
        out["resid_mse"][name] = float(np.mean(late**2)) if len(late) else np.nan
    out["resid_mse"]["theta_logs (former)"] = float(
        np.mean(theta_forecast(prep.adjusted, 1)[2][1:] ** 2)
    )
    out["m4"] = m4_benchmarks(s.train)
    return out


def combine_means(means: list[np.ndarray], how: str | tuple[float, ...]) -> np.ndarray:
    """Mean, median, trimmed mean (without the highest and lowest) or weighted mean (``how``
    the weights) of the members' forecasts, leaving out failed members."""
    ok = [np.all(np.isfinite(m)) for m in means]
    stack = np.vstack([m for m, good in zip(means, ok, strict=True) if good])
    if how == "median":
        return np.median(stack, axis=0)
    if how == "trimmed" and len(stack) > 2:
        return np.sort(stack, axis=0)[1:-1].mean(axis=0)
    if isinstance(how, tuple):
        weights = np.array([w for w, good in zip(how, ok, strict=True) if good])
        return weights @ stack / weights.sum()
    return stack.mean(axis=0)


def candidate_scores(series: list[Series], fits: list[dict]) -> pd.DataFrame:
    """Scores of every member, combination and the in-sample selection, per series."""
    rows = []
    for s, f in zip(series, fits, strict=True):
        means = f["means"]
        fc = {name: np.exp(m) for name, m in means.items()}
        for label, (how, names) in COMBINATIONS.items():
            fc[label] = np.exp(combine_means([means[n] for n in names], how))
        pool = {n: f["resid_mse"][n] for n in ("ets_damped_095", "arima", "theta_logs (former)")}
        chosen = min((v, k) for k, v in pool.items() if np.isfinite(v))[1]
        chosen = "theta_levels (now)" if chosen.startswith("theta") else chosen
        fc["select by in-sample one-step MSE"] = fc[chosen]
        fc.update(f["m4"])
        rows.extend(score_rows(s, fc, f["kinds"]))
    return pd.DataFrame(rows)


def score_rows(s: Series, forecasts: dict[str, np.ndarray], kind: dict) -> list[dict]:
    """sMAPE and MASE of each finite forecast of ``s``: one row per method, with ``kind``."""
    return [
        {
            "series": s.name,
            "method": method,
            "smape": smape(s.test, forecast),
            "mase": mase(s.test, forecast, s.train),
            **kind,
        }
        for method, forecast in forecasts.items()
        if np.all(np.isfinite(forecast))
    ]


def origins_table(scores: pd.DataFrame) -> pd.DataFrame:
    """sMAPE, MASE and OWA of every method at each origin, and OWA averaged over origins."""
    parts = [
        owa_table(g)[["smape", "mase", "owa"]].add_suffix(f"@{back}")
        for back, g in scores.groupby("origin")
    ]
    table = pd.concat(parts, axis=1)
    table["owa_mean"] = table[[c for c in table if c.startswith("owa@")]].mean(axis=1)
    return table.sort_values("owa_mean")


def report_candidates(n_jobs: int = 2) -> None:
    """Members, combinations and selection on the design subset at three origins, and by kind."""
    design = load_m3("design")
    series = at_origins(design)
    fits = Parallel(n_jobs=n_jobs)(delayed(member_forecasts)(s) for s in series)
    scores = candidate_scores(series, fits)
    print(
        f"\n## What was tried: M3 quarterly design subset, {len(design)} series, h = {H}, "
        f"origins {ORIGINS} quarters before the competition's ({len(series)} forecasts)"
    )
    print(origins_table(scores).round(3).to_string())
    focus = [
        "ets_damped (now)",
        "ets_damped_095",
        "arima",
        "theta_levels (now)",
        "mean(ets_damped, arima, theta_levels) (now)",
        "mean(ets_damped_095, arima, theta_levels)",
        "Theta",
    ]
    print("   OWA by kind of series at origins " + " / ".join(map(str, ORIGINS)) + ":")
    for kind in ("seasonal", "trending", "short", "break"):
        for value in (True, False):
            part = scores[scores[kind] == value]
            columns = [f"owa@{b}" for b in ORIGINS]
            table = origins_table(part).reindex(index=focus, columns=columns)
            cells = "  ".join(f"{k} " + "/".join(f"{v:.3f}" for v in table.loc[k]) for k in focus)
            print(f"   {kind}={value} ({part['series'].nunique()} series): {cells}")
    ms = pd.DataFrame([f["ms"] for f in fits]).mean()
    print("   mean ms per member (2 workers): " + ", ".join(f"{k} {v:.0f}" for k, v in ms.items()))
