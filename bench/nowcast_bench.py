"""Nowcast benchmark, second round: the full-year 累计 growth with the months in hand.

Run from the project root (about 5 minutes, most of it the dynamic factor model)::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/nowcast_bench.py

Rules (docs/forecasting.md, "Second round"), committed before any scored figure was computed:
for every target year from 2013 and every month from 1–2月 to 1–11月 the full-year 累计 growth
of four real series (data/official/china) is forecast with the data up to that month by six
candidates — (a) the forecasting engine on the quarterly series up to the last completed
quarter, (b) "累计 growth stays", (c) the bridge (a + β × the month's surprise), (d) the
combination (a + w × (b − a)), (e) momentum (the latest three months' growth carries on) and
(f) statsmodels' ``DynamicFactorMQ`` on the four series' monthly growth — and each month's
method, β, w and interval scale are chosen on the ten target years before the scored one
(rolling origin), exactly as ``nowcast.RULES`` is chosen on the ten latest years. Prints, by
month: MAE (pp) of every candidate and of the procedure, the methods it chose, its 80%
coverage and width, whether the issue's target holds; then the same without 2020–21, by
series, on any fresh series in ``data/official/provinces`` (rules from the four reference
series), and the library's rules.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import paths
from clusterlib.forecasting.nowcast import (
    BRIDGE,
    COMBINE,
    MOMENTUM,
    NAIVE,
    QUARTER_END,
    QUARTERLY,
    RULES,
    MonthRule,
    last_quarter,
    momentum_growth,
    nowcast,
    observed_growth,
    quarter_values,
)
from clusterlib.forecasting.simulate import forecast_and_simulate

DFM = "dfm"
REFERENCE = paths.DATA / "official" / "china"
FRESH = paths.DATA / "official" / "provinces"  # series no rule has seen (round 2)
SERIES = {  # name: (file, published as, first year of the chained index / of the history)
    "cn_iva": ("cn_iva_yoy_ytd.csv", "ytd", 1999),
    "cn_fai": ("cn_fai_ytd_yoy.csv", "ytd", 2004),
    "gd_iva": ("gd_iva_yoy_month.csv", "single", 2000),
    "hb_iva": ("hb_iva_yoy_month.csv", "single", 2000),
}
HISTORY_YEARS = 4  # complete years of history before the first target year
WINDOW_YEARS = 10  # target years a month's rule is chosen on (rolling origin)
FIRST_SCORED_YEAR = 2013
ORIGINS = list(range(2, 12))  # 1–2月 … 1–11月
AFTER_QUARTER_END = [2, 4, 5, 7, 8, 10, 11]  # the months the MAE target is about
CANDIDATES = [QUARTERLY, NAIVE, BRIDGE, COMBINE, MOMENTUM, DFM]
N_PATHS, SEED = 500, 2019
SHOCK_YEARS = (2020, 2021)
SUSPECT_YEARS = (2023, 2024)  # Henan's 2023-04 figure (official/provinces/README.md)


def ytd_frame(file: Path, kind: str, first: int) -> pd.DataFrame:
    """Years × months 2–12 of a series' 累计 as a chained index (only ratios are used).

    累计 growth G(y, m) chains as S(y, m) = (1 + G/100) · S(y − 1, m) from a base year of
    equal months; single-month growth g(y, m) chains each month's index the same way and
    S(y, m) is its sum over March … m (February and January are not published every year),
    so S(y, 2) is NaN for those series.
    """
    data = pd.read_csv(file)
    periods = pd.PeriodIndex(data["period"], freq="M")
    wide = data.assign(year=periods.year, m=periods.month).pivot_table(
        index="year", columns="m", values="value"
    )
    months = list(range(2, 13)) if kind == "ytd" else list(range(3, 13))
    wide = wide.loc[wide.index >= first].reindex(columns=months)
    complete = wide.dropna()
    years = complete.index[complete.index - complete.index.min() == np.arange(len(complete))]
    growth = wide.loc[years].to_numpy(dtype=float)
    chained = np.cumprod(1 + growth / 100, axis=0)
    if kind == "ytd":
        frame = pd.DataFrame(chained * np.arange(2, 13), index=years, columns=months)
    else:
        frame = pd.DataFrame(np.cumsum(chained, axis=1), index=years, columns=months)
    return frame.reindex(columns=range(2, 13))


def reference_frames() -> dict[str, pd.DataFrame]:
    """The four reference series' 累计 frames."""
    return {name: ytd_frame(REFERENCE / f, k, first) for name, (f, k, first) in SERIES.items()}


def fresh_frames() -> dict[str, pd.DataFrame]:
    """Series in data/official/provinces: ``*_ytd.csv`` 累计 growth, ``*_month.csv`` 当月."""
    frames = {}
    for file in sorted(FRESH.glob("*.csv")) if FRESH.is_dir() else []:
        kind = "ytd" if file.stem.endswith("_ytd") else "single"
        frames[file.stem] = ytd_frame(file, kind, 0)
    return frames


def engine_paths(name: str, quarters: pd.Series, done: pd.Period) -> pd.DataFrame:
    """Quarterly paths (draws × rest of the year) from the engine fitted up to ``done``."""
    history = quarters[quarters.index <= done]
    h = 4 if done.quarter == 4 else 4 - done.quarter
    panel = pd.DataFrame(
        {"region": name, "indicator": "x", "measure": "index", "period": history.index}
    ).assign(value=history.to_numpy())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, drawn = forecast_and_simulate(panel, h, N_PATHS, SEED)
    return drawn.pivot(index="path", columns="period", values="value")


def single_months(frame: pd.DataFrame) -> pd.DataFrame:
    """Single-month values of a 累计 frame (1–2月 under February; the first published month
    is its own 累计)."""
    single = frame.diff(axis=1)
    first = frame.notna().any().idxmax()
    single[first] = frame[first]
    return single


def monthly_growth(frames: dict[str, pd.DataFrame], month: pd.Period) -> pd.DataFrame:
    """Monthly y/y growth (%) of every series' single months up to ``month`` (columns: series)."""
    columns = {}
    for name, frame in frames.items():
        seen = frame.loc[: month.year].copy()
        if month.year in seen.index:
            seen.loc[month.year, month.month + 1 :] = np.nan
        single = single_months(seen)
        growth = 100 * (single / single.shift(1) - 1)
        stacked = growth.stack(future_stack=True)
        index = [pd.Period(year=int(y), month=int(m), freq="M") for y, m in stacked.index]
        index = pd.PeriodIndex(index, freq="M")
        columns[name] = pd.Series(stacked.to_numpy(), index=index, dtype=float)
    start = pd.Period(year=2000, month=1, freq="M")
    return pd.DataFrame(columns).reindex(pd.period_range(start, month, freq="M"))


def dfm_growth(frames: dict[str, pd.DataFrame], month: pd.Period) -> dict[str, float]:
    """Full-year 累计 growth of every series from one ``DynamicFactorMQ`` fit at ``month``.

    One factor (AR(1)) and AR(1) idiosyncratic terms, statsmodels' defaults, on the series'
    monthly growth; last year's remaining single months grow at the forecast growth.
    """
    from statsmodels.tsa.statespace.dynamic_factor_mq import DynamicFactorMQ

    panel = monthly_growth(frames, month)
    panel = panel.loc[:, panel.notna().sum() > 24]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted = DynamicFactorMQ(panel, factors=1, factor_orders=1, idiosyncratic_ar1=True).fit(
            disp=False
        )
        forecast = pd.DataFrame(fitted.forecast(12 - month.month))
    forecast.columns = panel.columns
    result = {}
    for name in panel.columns:
        frame = frames[name]
        before = single_months(frame).loc[month.year - 1]
        rest = [m for m in range(month.month + 1, 13)]
        growth = forecast[name].to_numpy()
        full = frame.loc[month.year, month.month] + (before[rest] * (1 + growth / 100)).sum()
        result[name] = float(100 * (full / frame.loc[month.year - 1, 12] - 1))
    return result


def cases(frames: dict[str, pd.DataFrame], dfm_frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per series, target year and origin month: every candidate's inputs.

    ``dfm_frames`` are the series the factor model is fitted on jointly (a superset of
    ``frames``).
    """
    dfm: dict[tuple[int, int], dict[str, float]] = {}
    rows = []
    for name, frame in frames.items():
        quarters = quarter_values(frame)
        fits: dict[pd.Period, pd.DataFrame] = {}
        for year in frame.index[HISTORY_YEARS:]:
            outcome = 100 * (frame.loc[year, 12] / frame.loc[year - 1, 12] - 1)
            for m in ORIGINS:
                month = pd.Period(year=int(year), month=m, freq="M")
                if np.isnan(frame.loc[year, m]):
                    continue
                done = last_quarter(month)
                if done not in fits:
                    fits[done] = engine_paths(name, quarters, done)
                if (year, m) not in dfm:
                    dfm[(year, m)] = dfm_growth(dfm_frames, month)
                seen = frame.loc[:year].copy()
                seen.loc[year, m + 1 :] = np.nan
                result = nowcast(
                    seen, month, quarters[quarters.index <= done], fits[done], QUARTER_END
                )
                rows.append(
                    {
                        "series": name,
                        "year": int(year),
                        "month": m,
                        "outcome": outcome,
                        QUARTERLY: result.growth,
                        NAIVE: observed_growth(seen, month),
                        MOMENTUM: momentum_growth(seen, month),
                        DFM: dfm[(year, m)].get(name, np.nan),
                        "surprise": result.surprise,
                        "half_width": (result.hi_80 - result.lo_80) / 2,
                        "centre": (result.hi_80 + result.lo_80) / 2 - result.growth,
                    }
                )
    return pd.DataFrame(rows)


def _slope(x: pd.Series, y: pd.Series) -> float:
    """Least-squares slope through the origin (NaN rows dropped)."""
    ok = x.notna() & y.notna()
    return float((x[ok] * y[ok]).sum() / (x[ok] ** 2).sum())


def points(rows: pd.DataFrame, beta: float, weight: float) -> dict[str, pd.Series]:
    """Each candidate's point forecast (the bridge is the quarterly one without a surprise)."""
    return {
        QUARTERLY: rows[QUARTERLY],
        NAIVE: rows[NAIVE],
        BRIDGE: rows[QUARTERLY] + beta * rows["surprise"].fillna(0.0),
        COMBINE: rows[QUARTERLY] + weight * (rows[NAIVE] - rows[QUARTERLY]),
        MOMENTUM: rows[MOMENTUM],
        DFM: rows[DFM].fillna(rows[NAIVE]),
    }


def choose(window: pd.DataFrame, m: int) -> tuple[MonthRule, float, float]:
    """One month's rule from its window's cases: (rule, β, w).

    β and w by least squares through the origin; the method of least MAE (the bridge only
    where a month is in hand; ties go to the earlier of :data:`CANDIDATES`); the scale = the
    80% quantile of |outcome − centre| ÷ the quarterly paths' 80% half-width, except that the
    quarterly forecast at a quarter's end keeps the engine's paths (scale 1).
    """
    target = window["outcome"] - window[QUARTERLY]
    beta = _slope(window["surprise"], target) if m % 3 else 0.0
    weight = _slope(window[NAIVE] - window[QUARTERLY], target)
    candidates = points(window, beta, weight)
    allowed = [c for c in CANDIDATES if c != BRIDGE or m % 3]
    mae = {c: float((candidates[c] - window["outcome"]).abs().mean()) for c in allowed}
    method = min(allowed, key=mae.get)
    error = (window["outcome"] - candidates[method] - window["centre"]).abs()
    scale = float(np.quantile(error / window["half_width"], 0.8))
    if method == QUARTERLY and m % 3 == 0:
        scale = 1.0
    parameter = {BRIDGE: beta, COMBINE: weight}.get(method, 0.0)
    return MonthRule(method, parameter, scale), beta, weight


def rolling(reference: pd.DataFrame, scored: pd.DataFrame) -> pd.DataFrame:
    """``scored`` with every candidate's point and the procedure's forecast and interval.

    A case of target year t and month m uses the rule chosen on the reference cases of month
    m and target years t − :data:`WINDOW_YEARS` … t − 1.
    """
    out = []
    for (year, m), rows in scored.groupby(["year", "month"]):
        window = reference[
            (reference["month"] == m)
            & (reference["year"] < year)
            & (reference["year"] >= year - WINDOW_YEARS)
        ]
        rule, beta, weight = choose(window, m)
        candidates = points(rows, beta, weight)
        chosen = candidates[rule.method]
        out.append(
            rows.assign(
                **{f"{c}_point": v for c, v in candidates.items()},
                chosen=rule.method,
                point=chosen,
                low=chosen + rule.scale * (rows["centre"] - rows["half_width"]),
                high=chosen + rule.scale * (rows["centre"] + rows["half_width"]),
            )
        )
    return pd.concat(out)


def score(forecasts: pd.DataFrame) -> pd.DataFrame:
    """By month: MAE of every candidate and of the procedure, its choices, coverage, target."""
    table = []
    for m, at in forecasts.groupby("month"):
        mae = {c: float((at[f"{c}_point"] - at["outcome"]).abs().mean()) for c in CANDIDATES}
        chosen_mae = float((at["point"] - at["outcome"]).abs().mean())
        inside = (at["outcome"] >= at["low"]) & (at["outcome"] <= at["high"])
        coverage = float(inside.mean())
        beats = chosen_mae < min(mae[QUARTERLY], mae[NAIVE])
        counts = Counter(at.drop_duplicates("year")["chosen"])
        table.append(
            {
                "month": f"1–{m}月",
                "n": len(at),
                **mae,
                "procedure": chosen_mae,
                "coverage_80": coverage,
                "width_80": float((at["high"] - at["low"]).mean()),
                "mae_target": ("yes" if beats else "NO") if m in AFTER_QUARTER_END else "",
                "coverage_target": "yes" if 0.75 <= coverage <= 0.85 else "NO",
                "chose": " ".join(f"{k}×{v}" for k, v in counts.most_common()),
            }
        )
    return pd.DataFrame(table).set_index("month").round(3)


def print_by_series(forecasts: pd.DataFrame) -> None:
    """Each series' MAE of every candidate and of the procedure, and coverage (month means)."""
    for name, rows in forecasts.groupby("series"):
        means = score(rows)[[*CANDIDATES, "procedure", "coverage_80"]].mean()
        print(name, means.round(3).to_dict())


def library_rules(reference: pd.DataFrame) -> dict[int, MonthRule]:
    """``nowcast.RULES``: each month's rule chosen on the latest :data:`WINDOW_YEARS` years."""
    last = int(reference["year"].max())
    window = reference[reference["year"] > last - WINDOW_YEARS]
    return {m: choose(window[window["month"] == m], m)[0] for m in ORIGINS}


def _close(a: MonthRule, b: MonthRule) -> bool:
    """Same method, β and scale to 3 decimals."""
    return (
        a.method == b.method and round(a.beta - b.beta, 3) == 0 and round(a.scale - b.scale, 3) == 0
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scored-from", type=int, default=FIRST_SCORED_YEAR, help="first scored target year"
    )
    parser.add_argument("--until", type=int, default=None, help="drop target years after this")
    parser.add_argument("--skip-fresh", action="store_true", help="reference series only")
    args = parser.parse_args()
    start = time.perf_counter()
    frames = reference_frames()
    if args.until:
        frames = {name: frame.loc[: args.until] for name, frame in frames.items()}
    fresh = {} if args.skip_fresh else fresh_frames()
    reference = cases(frames, frames)
    scored = reference[reference["year"] >= args.scored_from]
    forecasts = rolling(reference, scored)
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print(
            f"Reference series {list(SERIES)}: {len(scored)} scored cases, years ≥ "
            f"{args.scored_from}; rules from the {WINDOW_YEARS} target years before each"
        )
        print(score(forecasts).to_string())
        calm = forecasts[~forecasts["year"].isin(SHOCK_YEARS)]
        print(f"\nWithout {SHOCK_YEARS}: {len(calm)} cases")
        print(score(calm).to_string())
        print("\nBy series (mean over months):")
        print_by_series(forecasts)
        if fresh:
            fresh_cases = cases(fresh, {**frames, **fresh})
            fresh_scored = fresh_cases[fresh_cases["year"] >= args.scored_from]
            print(
                f"\nFresh series {list(fresh)}: {len(fresh_scored)} cases, rules from the "
                "reference series"
            )
            fresh_forecasts = rolling(reference, fresh_scored)
            print(score(fresh_forecasts).to_string())
            suspect = (fresh_forecasts["series"].str.startswith("henan")) & (
                fresh_forecasts["year"].isin(SUSPECT_YEARS)
            )
            print(f"\nFresh series without Henan {SUSPECT_YEARS}: {int((~suspect).sum())} cases")
            print(score(fresh_forecasts[~suspect]).to_string())
            print("\nFresh, by series (mean over months):")
            print_by_series(fresh_forecasts)
        library = library_rules(reference)
        print("\nThe library's rules (the latest ten years):")
        for m in ORIGINS:
            rule = library[m]
            print(f"    {m}: MonthRule({rule.method!r}, {rule.beta:.3f}, {rule.scale:.3f}),")
        same = all(_close(library[m], RULES[m]) for m in ORIGINS)
        print(f"nowcast.RULES equal these rules (3 decimals): {same}")
    print(f"\nwall time {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
