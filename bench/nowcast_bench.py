"""Nowcast benchmark, third and fourth rounds: the full-year 累计 growth with the months in hand.

Run from the project root (about 8 minutes, 484 s on one core, most of it the factor model)::

    OPENBLAS_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/nowcast_bench.py

Rules (docs/forecasting.md, "Third round"), committed before any scored figure was computed:
for every target year from 2013 and every month from 1–2月 to 1–11月 the full-year 累计 growth
of a series is forecast with the data up to that month by five candidates that fit no weight
on past years — (a) the forecasting engine on the quarterly series up to the last completed
quarter, (b) "累计 growth stays", (e) momentum (the latest three months' growth carries on),
(f) statsmodels' ``DynamicFactorMQ`` on the series' monthly growth and (g) the mean of (e) and
(f) — and each month's method and interval scale are chosen on the ten target years before
the scored one (rolling origin) of the *pool*: the four reference series (data/official/china)
and the four provinces of the second round (data/official/provinces). Scored: the provinces
no round has used (data/official/provinces, the rest). Prints, by month: MAE (pp) of every
candidate and of the procedure, the methods it chose, its 80% coverage and width, whether the
issue's target holds; the same without 2020–21 and by series; the pool's own scores (seen
data); and the library's rules (``nowcast.RULES``: the procedure on the pool's latest ten
years). Fourth round (the default, ``--scales loo``; ``--scales pool`` is the third round):
the same cases and methods, each case's interval scale measured on every other series' ten
previous target years (leave one series out); also prints the coverage over all 33 series, and
the library's scales are measured on all series' latest ten years. Fifth round
(``--scales disagreement``): as the fourth, each case's quarterly half-width w widened to
√(w² + d²) with d = |the latest 累计 growth − the quarterly forecast|, the scale measured on
errors ÷ √(w² + d²); prints the fourth and fifth rounds' coverage, width and 80% interval
score side by side (scored at 76b2a57: not kept, docs/forecasting.md "Result of the fifth
round"). With the default scales it also prints ``nowcast.COVERAGE``: each month's rule's
80% coverage as the library applies it (docs/forecasting.md "In the products").
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import paths
from clusterlib.forecasting.factor import factor_growth
from clusterlib.forecasting.nowcast import (
    BLEND,
    COVERAGE,
    FACTOR,
    MOMENTUM,
    NAIVE,
    QUARTER_END,
    QUARTERLY,
    RULES,
    Calibration,
    MonthRule,
    last_quarter,
    momentum_growth,
    nowcast,
    observed_growth,
    quarter_values,
)
from clusterlib.forecasting.simulate import forecast_and_simulate

REFERENCE = paths.DATA / "official" / "china"
PROVINCES = paths.DATA / "official" / "provinces"
SERIES = {  # name: (file, published as, first year of the chained index / of the history)
    "cn_iva": ("cn_iva_yoy_ytd.csv", "ytd", 1999),
    "cn_fai": ("cn_fai_ytd_yoy.csv", "ytd", 2004),
    "gd_iva": ("gd_iva_yoy_month.csv", "single", 2000),
    "hb_iva": ("hb_iva_yoy_month.csv", "single", 2000),
}
SECOND_ROUND = ("henan", "jiangsu", "zhejiang", "shandong")  # in the pool from the third round
HISTORY_YEARS = 4  # complete years of history before the first target year
WINDOW_YEARS = 10  # target years a month's rule is chosen on (rolling origin)
FIRST_SCORED_YEAR = 2013
ORIGINS = list(range(2, 12))  # 1–2月 … 1–11月
AFTER_QUARTER_END = [2, 4, 5, 7, 8, 10, 11]  # the months the MAE target is about
CANDIDATES = [QUARTERLY, NAIVE, MOMENTUM, FACTOR, BLEND]
N_PATHS, SEED = 500, 2019
SHOCK_YEARS = (2020, 2021)

Chooser = Callable[[pd.DataFrame, int], tuple[MonthRule, Callable[[pd.DataFrame], dict]]]


def ytd_frame(file: Path, kind: str, first: int) -> pd.DataFrame:
    """Years × months 2–12 of a series' 累计 as a chained index (only ratios are used).

    累计 growth G(y, m) chains as S(y, m) = (1 + G/100) · S(y − 1, m) from a base year of
    equal months; single-month growth g(y, m) chains each month's index the same way and
    S(y, m) is its sum over March … m (February and January are not published every year),
    so S(y, 2) is NaN for those series. Years from the first complete one, while consecutive.
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


def province_frames(
    keep: Callable[[str], bool] = lambda province: True,
) -> dict[str, pd.DataFrame]:
    """Frames of data/official/provinces (``*_ytd.csv`` 累计 growth, ``*_month.csv`` 当月)
    whose province (the file name up to the first ``_``) ``keep`` accepts."""
    frames = {}
    for file in sorted(PROVINCES.glob("*.csv")):
        if keep(file.stem.split("_")[0]):
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


def cases(
    frames: dict[str, pd.DataFrame], dfm_frames: dict[str, pd.DataFrame], first_year: int = 0
) -> pd.DataFrame:
    """One row per series, target year (from ``first_year``) and origin month: the inputs of
    every candidate. ``dfm_frames`` are the series the factor model is fitted on jointly (a
    superset of ``frames``)."""
    dfm: dict[tuple[int, int], dict[str, float]] = {}
    rows = []
    for name, frame in frames.items():
        quarters = quarter_values(frame)
        fits: dict[pd.Period, pd.DataFrame] = {}
        for year in frame.index[HISTORY_YEARS:]:
            if year < first_year:
                continue
            outcome = 100 * (frame.loc[year, 12] / frame.loc[year - 1, 12] - 1)
            for m in ORIGINS:
                month = pd.Period(year=int(year), month=m, freq="M")
                if np.isnan(frame.loc[year, m]):
                    continue
                done = last_quarter(month)
                if done not in fits:
                    fits[done] = engine_paths(name, quarters, done)
                if (year, m) not in dfm:
                    dfm[(year, m)] = factor_growth(dfm_frames, month)
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
                        FACTOR: dfm[(year, m)].get(name, np.nan),
                        "surprise": result.surprise,
                        "half_width": (result.hi_80 - result.lo_80) / 2,
                        "centre": (result.hi_80 + result.lo_80) / 2 - result.growth,
                    }
                )
    return pd.DataFrame(rows)


def points(rows: pd.DataFrame) -> dict[str, pd.Series]:
    """Each candidate's point forecast (the factor model's stand-in is the naive rule)."""
    factor = rows[FACTOR].fillna(rows[NAIVE])
    return {
        QUARTERLY: rows[QUARTERLY],
        NAIVE: rows[NAIVE],
        MOMENTUM: rows[MOMENTUM],
        FACTOR: factor,
        BLEND: (rows[MOMENTUM] + factor) / 2,
    }


def keeps_paths(method: str, m: int) -> bool:
    """The quarterly forecast at a quarter's end keeps the engine's paths (scale 1)."""
    return method == QUARTERLY and m % 3 == 0


def width(rows: pd.DataFrame, widened: bool) -> pd.Series:
    """The half-width a case's error is measured in: the quarterly paths' 80% half-width w,
    or (fifth round) √(w² + d²) with d = |the latest 累计 growth − the quarterly forecast|."""
    if not widened:
        return rows["half_width"]
    return np.hypot(rows["half_width"], rows[NAIVE] - rows[QUARTERLY])


def interval_scale(
    window: pd.DataFrame, point: pd.Series, method: str, m: int, widened: bool = False
) -> float:
    """80% quantile of |outcome − point − centre| ÷ :func:`width` (1 where
    :func:`keeps_paths`)."""
    if keeps_paths(method, m):
        return 1.0
    error = (window["outcome"] - point - window["centre"]).abs()
    return float(np.quantile(error / width(window, widened), 0.8))


def choose(window: pd.DataFrame, m: int) -> tuple[MonthRule, Callable[[pd.DataFrame], dict]]:
    """One month's rule from its window's cases: the candidate of least MAE (ties to the
    earlier of :data:`CANDIDATES`) and its interval scale; and the candidates' points."""
    candidates = points(window)
    mae = {c: float((candidates[c] - window["outcome"]).abs().mean()) for c in CANDIDATES}
    method = min(CANDIDATES, key=mae.get)
    return MonthRule(method, 0.0, interval_scale(window, candidates[method], method, m)), points


def rolling(pool: pd.DataFrame, scored: pd.DataFrame, chooser: Chooser = choose) -> pd.DataFrame:
    """``scored`` with every candidate's point and the procedure's forecast and interval.

    A case of target year t and month m uses the rule ``chooser`` picks on the ``pool``'s
    cases of month m and target years t − :data:`WINDOW_YEARS` … t − 1.
    """
    out = []
    for (year, m), rows in scored.groupby(["year", "month"]):
        window = pool[
            (pool["month"] == m) & (pool["year"] < year) & (pool["year"] >= year - WINDOW_YEARS)
        ]
        rule, candidate_points = chooser(window, m)
        candidates = candidate_points(rows)
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


def score(forecasts: pd.DataFrame, candidates: Iterable[str] = CANDIDATES) -> pd.DataFrame:
    """By month: MAE of every candidate and of the procedure, its choices, coverage, target."""
    table = []
    for m, at in forecasts.groupby("month"):
        mae = {c: float((at[f"{c}_point"] - at["outcome"]).abs().mean()) for c in candidates}
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


def print_by_series(forecasts: pd.DataFrame, candidates: Iterable[str] = CANDIDATES) -> None:
    """Each series' MAE of every candidate and of the procedure, and coverage (month means)."""
    for name, rows in forecasts.groupby("series"):
        means = score(rows, candidates)[[*candidates, "procedure", "coverage_80"]].mean()
        print(name, means.round(3).to_dict())


def leave_one_out(
    forecasts: pd.DataFrame, every: pd.DataFrame, widened: bool = False
) -> pd.DataFrame:
    """``forecasts`` with the fourth round's 80% interval (``widened``: the fifth round's): the
    chosen method's scale measured on ``every`` series but the case's own, over the
    :data:`WINDOW_YEARS` target years before."""
    out = []
    for (year, m, method), rows in forecasts.groupby(["year", "month", "chosen"]):
        window = every[
            (every["month"] == m) & (every["year"] < year) & (every["year"] >= year - WINDOW_YEARS)
        ]
        point = points(window)[method]
        scales = {}
        for name in rows["series"].unique():
            others = window["series"] != name
            scales[name] = interval_scale(window[others], point[others], method, m, widened)
        scale = rows["series"].map(scales)
        if widened and not keeps_paths(method, m):
            scale = scale * width(rows, widened) / rows["half_width"]
        out.append(
            rows.assign(
                low=rows["point"] + scale * (rows["centre"] - rows["half_width"]),
                high=rows["point"] + scale * (rows["centre"] + rows["half_width"]),
            )
        )
    return pd.concat(out)


def library_rules(pool: pd.DataFrame, chooser: Chooser = choose) -> dict[int, MonthRule]:
    """``nowcast.RULES``: each month's rule chosen on the latest :data:`WINDOW_YEARS` years."""
    last = int(pool["year"].max())
    window = pool[pool["year"] > last - WINDOW_YEARS]
    return {m: chooser(window[window["month"] == m], m)[0] for m in ORIGINS}


def every_series_scales(
    rules: dict[int, MonthRule], every: pd.DataFrame, widened: bool = False
) -> dict[int, MonthRule]:
    """The fourth (``widened``: fifth) round's library rules: ``rules``' methods, each month's
    scale measured on the latest :data:`WINDOW_YEARS` target years of ``every`` series."""
    last = int(every["year"].max())
    window = every[every["year"] > last - WINDOW_YEARS]
    scaled = {}
    for m, rule in rules.items():
        at = window[window["month"] == m]
        scale = interval_scale(at, points(at)[rule.method], rule.method, m, widened)
        scaled[m] = MonthRule(rule.method, rule.beta, scale)
    return scaled


def interval_score(rows: pd.DataFrame) -> pd.Series:
    """The 80% interval score of each case (Gneiting and Raftery 2007, eq. 43): the width plus
    2/0.2 times the distance by which the outcome falls outside the interval."""
    below = (rows["low"] - rows["outcome"]).clip(lower=0)
    above = (rows["outcome"] - rows["high"]).clip(lower=0)
    return rows["high"] - rows["low"] + (2 / 0.2) * (below + above)


def compare_rounds(fourth: pd.DataFrame, fifth: pd.DataFrame) -> pd.DataFrame:
    """By month and pooled: coverage, width and interval score of the two rounds' intervals."""
    table = {}
    for name, rows in (("fourth", fourth), ("fifth", fifth)):
        inside = (rows["outcome"] >= rows["low"]) & (rows["outcome"] <= rows["high"])
        measures = rows.assign(
            coverage=inside, width=rows["high"] - rows["low"], score=interval_score(rows)
        )
        by_month = measures.groupby("month")[["coverage", "width", "score"]].mean()
        by_month.loc["all"] = measures[["coverage", "width", "score"]].mean()
        for column in by_month:
            table[f"{column}_{name}"] = by_month[column]
    result = pd.DataFrame(table)
    result.index = [m if m == "all" else f"1–{m}月" for m in result.index]
    return result.round(3)


def method_coverage(every: pd.DataFrame, m: int, method: str) -> Calibration:
    """The 80% coverage of ``method`` at month ``m`` as the library applies it: every series'
    cases from :data:`FIRST_SCORED_YEAR`, each with the fourth round's leave-one-series-out
    scale for ``method``; over all years and over :data:`SHOCK_YEARS`."""
    rows = every[(every["month"] == m) & (every["year"] >= FIRST_SCORED_YEAR)]
    applied = rows.assign(chosen=method, point=points(rows)[method])
    intervals = leave_one_out(applied, every)
    inside = (intervals["outcome"] >= intervals["low"]) & (
        intervals["outcome"] <= intervals["high"]
    )
    shock = intervals["year"].isin(SHOCK_YEARS)
    return Calibration(round(float(inside.mean()), 3), round(float(inside[shock].mean()), 3))


def print_coverage(every: pd.DataFrame) -> None:
    """``nowcast.COVERAGE``: the coverage of each month's rule, and of the quarterly forecast at
    a quarter's end (the rule without monthly files), and whether they equal the library's."""
    print("\nCoverage of the library's rules (nowcast.COVERAGE; all years, 2020–21):")
    measured = {}
    for m in ORIGINS:
        methods = dict.fromkeys([RULES[m].method] + ([QUARTERLY] if m % 3 == 0 else []))
        for method in methods:
            measured[(m, method)] = method_coverage(every, m, method)
            found = measured[(m, method)]
            print(f"    ({m}, {method!r}): Calibration({found.overall:.3f}, {found.shock:.3f}),")
    print(f"nowcast.COVERAGE equal these (3 decimals): {measured == COVERAGE}")


def print_rules(rules: dict[int, MonthRule], title: str) -> None:
    """The rules as ``nowcast.RULES`` spells them, and whether they equal the library's."""
    print(f"\n{title}")
    for m in ORIGINS:
        rule = rules[m]
        print(f"    {m}: MonthRule({rule.method!r}, {rule.beta:.3f}, {rule.scale:.3f}),")
    same = all(
        rules[m].method == RULES[m].method
        and round(rules[m].beta - RULES[m].beta, 3) == 0
        and round(rules[m].scale - RULES[m].scale, 3) == 0
        for m in ORIGINS
    )
    print(f"nowcast.RULES equal these rules (3 decimals): {same}")


def main() -> None:
    args = arguments()
    start = time.perf_counter()
    pool_frames = reference_frames() | province_frames(lambda p: p in SECOND_ROUND)
    if args.until:
        pool_frames = {name: frame.loc[: args.until] for name, frame in pool_frames.items()}
    cache = None if args.until or args.pool_only else args.cases  # the full cases only
    pool, scored = all_cases(pool_frames, args.pool_only, cache)
    with pd.option_context("display.width", 250, "display.max_columns", 30):
        print_round(pool, scored, list(pool_frames), args.scales)
    print(f"\nwall time {time.perf_counter() - start:.0f} s")


def arguments() -> argparse.Namespace:
    """The command line: target years, pool only, the round's scales, the cases' cache."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--until", type=int, default=None, help="drop target years after this")
    parser.add_argument("--pool-only", action="store_true", help="no scored provinces")
    parser.add_argument(
        "--scales",
        choices=["loo", "pool", "disagreement"],
        default="loo",
        help="interval scales: every other series (fourth round), widened by the candidates'"
        " disagreement (fifth round) or the pool's (third round)",
    )
    parser.add_argument(
        "--cases",
        type=Path,
        default=None,
        help="a pickle of the cases: read if it exists, else computed and written (the cases"
        " take most of the time and do not depend on --scales; not with --until, --pool-only)",
    )
    return parser.parse_args()


def print_round(
    pool: pd.DataFrame, scored: pd.DataFrame | None, pool_names: list[str], scales: str
) -> None:
    """Every table of the round that ``scales`` names: the fresh series, the pool, all series,
    the fifth round against the fourth, the library's rules and coverage."""
    leave_out = scales in ("loo", "disagreement")
    widened = scales == "disagreement"
    every = pool if scored is None else pd.concat([pool, scored], ignore_index=True)
    if scored is not None:
        forecasts = rolling(pool, scored)
        if leave_out:
            forecasts = leave_one_out(forecasts, every, widened)
        print(
            f"Fresh series ({scored['series'].nunique()}): {len(scored)} cases, target "
            f"years ≥ {FIRST_SCORED_YEAR}; rules from the pool's {WINDOW_YEARS} years "
            f"before each; interval scales: {scales}"
        )
        print_with_and_without_shocks(forecasts, "Without")
        print("\nBy series (mean over months):")
        print_by_series(forecasts)
    choices = rolling(pool, pool[pool["year"] >= FIRST_SCORED_YEAR])
    seen = leave_one_out(choices, every, widened) if leave_out else choices
    print(f"\nThe pool itself ({pool_names}; seen in earlier rounds):")
    print(score(seen).to_string())
    if leave_out and scored is not None:
        both = pd.concat([forecasts, seen], ignore_index=True)
        print(f"\nAll {both['series'].nunique()} series (this round's score):")
        print_with_and_without_shocks(both, "All series without")
    if widened and scored is not None:
        chosen = pd.concat([rolling(pool, scored), choices], ignore_index=True)
        fourth = leave_one_out(chosen, every)
        print("\nFourth and fifth rounds' 80% intervals, all series (interval score: lower is")
        print("better):")
        print(compare_rounds(fourth, both).to_string())
        print(f"\nThe same without {SHOCK_YEARS}:")
        calm = ~both["year"].isin(SHOCK_YEARS)
        print(compare_rounds(fourth[~fourth["year"].isin(SHOCK_YEARS)], both[calm]).to_string())
    rules = library_rules(pool)
    if leave_out:
        rules = every_series_scales(rules, every, widened)
    print_rules(rules, f"The library's rules (the latest ten years; scales: {scales}):")
    if scales == "loo" and scored is not None:
        print_coverage(every)


def print_with_and_without_shocks(forecasts: pd.DataFrame, without: str) -> None:
    """:func:`score` of ``forecasts``, then of the same ``without`` :data:`SHOCK_YEARS`."""
    print(score(forecasts).to_string())
    calm = forecasts[~forecasts["year"].isin(SHOCK_YEARS)]
    print(f"\n{without} {SHOCK_YEARS}: {len(calm)} cases")
    print(score(calm).to_string())


def all_cases(
    pool_frames: dict[str, pd.DataFrame], pool_only: bool, cache: Path | None
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The pool's cases and the fresh provinces' (None with ``pool_only``), from ``cache``
    where it exists (written otherwise)."""
    if cache is not None and cache.exists():
        pool, scored = pd.read_pickle(cache)
        return pool, None if pool_only else scored
    pool = cases(pool_frames, pool_frames)
    scored = None
    if not pool_only:
        fresh = province_frames(lambda p: p not in SECOND_ROUND)
        scored = cases(fresh, pool_frames | fresh, FIRST_SCORED_YEAR)
    if cache is not None:
        pd.to_pickle((pool, scored), cache)
    return pool, scored


if __name__ == "__main__":
    main()
