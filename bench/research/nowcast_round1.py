"""Nowcast benchmark, first round: the full-year 累计 growth with the months since the last quarter.

Run from the project root::

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/research/nowcast_round1.py             # design
    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/research/nowcast_round1.py --held-out  # + score

Finished: the second round (bench/nowcast_bench.py) replaced it; kept to reproduce the first
round's tables in docs/forecasting.md. Rules (docs/forecasting.md, "The latest month in the
year-end outlook (issue #27)"), fixed
before any held-out figure was computed: four real series (data/official/china: China's
规上工业增加值 累计 growth and 固定资产投资 累计 growth as published; Guangdong's and Hubei's
规上工业增加值 累计 growth over March–December, chained from their 当月 growth); for every year
and every month from 1–2月 to 1–11月 the full-year 累计 growth is forecast with the data up to
that month by (a) the forecasting engine on the quarterly series up to the last completed
quarter (the batch's forecast), (b) the naive rule "累计 growth stays", (c) the bridge (the
quarterly forecast + β × the month's surprise against it, clusterlib.forecasting.nowcast) and
(d) a combination w × 累计 growth + (1 − w) × the quarterly forecast. β, w, the method of each
month and the interval scale are chosen on the design years (target year ≤ 2012); the held-out
years (2013 on) are scored once. Prints, by month: MAE (pp) of each method, the chosen one's
80% coverage and width, n; with ``--held-out`` also the first round's library rules (the
design rule where it beat both baselines held out, else the better baseline held out) and
their held-out figures (the library's rules of the first round). About 30–45 s.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import time
import warnings

import numpy as np
import pandas as pd

from clusterlib import paths
from clusterlib.forecasting.nowcast import (
    BRIDGE,
    COMBINE,
    NAIVE,
    QUARTER_END,
    QUARTERLY,
    MonthRule,
    last_quarter,
    nowcast,
    observed_growth,
    quarter_values,
)
from clusterlib.forecasting.simulate import forecast_and_simulate

OFFICIAL = paths.DATA / "official" / "china"
SERIES = {  # name: (file, published as, first year of the chained index / of the history)
    "cn_iva": ("cn_iva_yoy_ytd.csv", "ytd", 1999),
    "cn_fai": ("cn_fai_ytd_yoy.csv", "ytd", 2004),
    "gd_iva": ("gd_iva_yoy_month.csv", "single", 2000),
    "hb_iva": ("hb_iva_yoy_month.csv", "single", 2000),
}
HISTORY_YEARS = 4  # complete years of history before the first target year
LAST_DESIGN_YEAR = 2012
LIBRARY_METHODS = {  # the first round's library rules: the design rule where it beat both
    # baselines held out, else the better baseline held out (issue #27: "whichever measured
    # better at that month")
    2: QUARTERLY,
    3: QUARTERLY,
    4: QUARTERLY,
    5: BRIDGE,
    6: QUARTERLY,
    7: BRIDGE,
    8: NAIVE,
    9: NAIVE,
    10: BRIDGE,
    11: NAIVE,
}
ORIGINS = list(range(2, 12))  # 1–2月 … 1–11月
N_PATHS, SEED = 500, 2019
SHOCK_YEARS = (2020, 2021)


def ytd_frame(name: str) -> pd.DataFrame:
    """Years × months 2–12 of the series' 累计 as a chained index (only ratios are used).

    累计 growth G(y, m) chains as S(y, m) = (1 + G/100) · S(y − 1, m) from a base year of
    equal months; single-month growth g(y, m) chains each month's index the same way and
    S(y, m) is its sum over March … m (February and January are not published every year),
    so S(y, 2) is NaN for those series.
    """
    file, kind, first = SERIES[name]
    data = pd.read_csv(OFFICIAL / file)
    periods = pd.PeriodIndex(data["period"], freq="M")
    wide = data.assign(year=periods.year, m=periods.month).pivot_table(
        index="year", columns="m", values="value"
    )
    months = list(range(2, 13)) if kind == "ytd" else list(range(3, 13))
    wide = wide.loc[wide.index >= first, months]
    complete = wide.dropna()
    years = complete.index[complete.index - complete.index.min() == np.arange(len(complete))]
    growth = wide.loc[years].to_numpy(dtype=float)
    chained = np.cumprod(1 + growth / 100, axis=0)
    if kind == "ytd":
        frame = pd.DataFrame(chained * np.arange(2, 13), index=years, columns=months)
    else:
        frame = pd.DataFrame(np.cumsum(chained, axis=1), index=years, columns=months)
    return frame.reindex(columns=range(2, 13))


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


def cases() -> pd.DataFrame:
    """One row per series, target year and origin month: the inputs of every candidate."""
    rows = []
    for name in SERIES:
        frame = ytd_frame(name)
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
                        "naive": observed_growth(seen, month),
                        "quarterly": result.growth,
                        "surprise": result.surprise,
                        "half_width": (result.hi_80 - result.lo_80) / 2,
                        "centre": (result.hi_80 + result.lo_80) / 2 - result.growth,
                    }
                )
    return pd.DataFrame(rows)


def fit_rules(
    design: pd.DataFrame, methods: dict[int, str] | None = None
) -> tuple[dict[int, MonthRule], pd.DataFrame]:
    """Per month: β, w by least squares, the method of least MAE and its interval scale.

    With ``methods`` (month → method) the method is given and only β, w and the scale are fit.
    """
    rules, table = {}, []
    for m, rows in design.groupby("month"):
        target = rows["outcome"] - rows["quarterly"]
        beta = _slope(rows["surprise"], target) if m % 3 else 0.0
        weight = _slope(rows["naive"] - rows["quarterly"], target)
        points = _points(rows, beta, weight)
        mae = {k: float((v - rows["outcome"]).abs().mean()) for k, v in points.items()}
        candidates = [QUARTERLY, NAIVE, COMBINE] + ([BRIDGE] if m % 3 else [])
        method = min(candidates, key=mae.get) if methods is None else methods[m]
        error = (rows["outcome"] - points[method] - rows["centre"]).abs()
        scale = float(np.quantile(error / rows["half_width"], 0.8))
        if methods is not None and method == QUARTERLY and m % 3 == 0:
            scale = 1.0  # at a quarter's end the library keeps the engine's paths as they are
        rules[m] = MonthRule(method, {BRIDGE: beta, COMBINE: weight}.get(method, 0.0), scale)
        table.append(
            {"month": m, "beta": beta, "w": weight, **mae, "method": method, "scale": scale}
        )
    return rules, pd.DataFrame(table).set_index("month")


def _slope(x: pd.Series, y: pd.Series) -> float:
    """Least-squares slope through the origin (NaN rows dropped)."""
    ok = x.notna() & y.notna()
    return float((x[ok] * y[ok]).sum() / (x[ok] ** 2).sum())


def _points(rows: pd.DataFrame, beta: float, weight: float) -> dict[str, pd.Series]:
    """Each candidate's point forecast."""
    bridge = rows["quarterly"] + beta * rows["surprise"].fillna(0.0)
    return {
        QUARTERLY: rows["quarterly"],
        NAIVE: rows["naive"],
        BRIDGE: bridge,
        COMBINE: rows["quarterly"] + weight * (rows["naive"] - rows["quarterly"]),
    }


def score(rows: pd.DataFrame, rules: dict[int, MonthRule], fitted: pd.DataFrame) -> pd.DataFrame:
    """MAE of each candidate by month, and the chosen rule's 80% coverage and width."""
    table = []
    for m, at in rows.groupby("month"):
        rule = rules[m]
        points = _points(at, float(fitted.loc[m, "beta"]), float(fitted.loc[m, "w"]))
        chosen = points[rule.method]
        centre = chosen + rule.scale * at["centre"]
        half = rule.scale * at["half_width"]
        inside = (at["outcome"] - centre).abs() <= half
        table.append(
            {
                "month": f"1–{m}月",
                "n": len(at),
                **{k: float((v - at["outcome"]).abs().mean()) for k, v in points.items()},
                "chosen": rule.method,
                "chosen_mae": float((chosen - at["outcome"]).abs().mean()),
                "coverage_80": float(inside.mean()),
                "width_80": float(2 * half.mean()),
            }
        )
    return pd.DataFrame(table).set_index("month").round(3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="score the held-out years")
    args = parser.parse_args()
    start = time.perf_counter()
    table = cases()
    design = table[table["year"] <= LAST_DESIGN_YEAR]
    rules, fitted = fit_rules(design)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(f"Design years ≤ {LAST_DESIGN_YEAR}: {len(design)} cases, series {list(SERIES)}")
        print(fitted.round(3).to_string())
        print("\nDesign, in-sample:")
        print(score(design, rules, fitted).to_string())
        if args.held_out:
            held = table[table["year"] > LAST_DESIGN_YEAR]
            print(f"\nHeld-out years > {LAST_DESIGN_YEAR}: {len(held)} cases")
            print(score(held, rules, fitted).to_string())
            calm = held[~held["year"].isin(SHOCK_YEARS)]
            print(f"\nHeld-out without {SHOCK_YEARS}: {len(calm)} cases")
            print(score(calm, rules, fitted).to_string())
            library, _ = fit_rules(design, LIBRARY_METHODS)
            print("\nThe first round's library rules (methods chosen with the table above):")
            print(score(held, library, fitted).to_string())
            for m in ORIGINS:
                rule = library[m]
                print(f"    {m}: MonthRule({rule.method!r}, {rule.beta:.3f}, {rule.scale:.3f}),")
            print("\nHeld-out by series (all months):")
            for name, rows in held.groupby("series"):
                print(
                    name,
                    score(rows, rules, fitted).drop(columns="chosen").mean().round(3).to_dict(),
                )
    print(f"\nwall time {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
