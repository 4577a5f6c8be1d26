"""Monthly ledger benchmark: the year-end projection on held-out data, and the ledger's speed.

The backtests measure the seasonal-share rule at every origin (``project_year_end(...,
measured=False)``); the ledger itself now projects with the forecasting engine and the month's
measured rule at every month (issue #27; bench/nowcast_bench.py): the mean of momentum and the
dynamic factor model at 1–6 and 1–8月 (``--month 2019-08``), the factor model alone at 1–4月.

Run from the project root::

    .venv/bin/python bench/ledger_bench.py            # backtests, speed for 16 and 184 regions
    .venv/bin/python bench/ledger_bench.py --quick    # demo backtest only, speed for 16 regions
    .venv/bin/python bench/ledger_bench.py --engine   # also the forecasting engine (slow)

Prints

1. the rolling-origin backtest of the year-end projection (origins March–November of every
   year; the December 累计 growth is the outcome), by horizon (months to December). The number
   of years in the seasonal share (``share_years``) is chosen on one part of the data and the
   figures are reported on the other: on the demo, chosen on half the clusters (catalogue
   positions 1, 3, …) and reported on the other half; on the national series (data/official/
   china: 规上工业增加值 and 固定资产投资 累计 growth, NBS), chosen on 1999–2012 and reported on
   2013–2025. Columns: MAE (pp), the MAE of the naive rule "累计 growth stays where it is" and
   the ratio, the coverage and mean width of the 80% interval, the Brier score of the
   probability of passing the plan's test (beating the city; high-tech: the city's 规上 growth
   + 2 pp; demo clusters); the error of momentum rules (the y/y
   growth of the latest 1–3 months carried to December) as a ratio to the naive rule's (on the
   national data also without 2020–21, the pandemic collapse and rebound); and with ``--engine``
   the MAE ratio and coverage of the forecasting engine's projection (monthly y/y ratios,
   seasonal period 12, joint paths: the ledger's previous method) on the same cases (origins
   March, June, September);
2. the wall time of the whole ledger of 2019-06 (``--month``; indicator ledger + projection,
   3 indicators) for 16 regions and for 184 synthetic regions, with the ratio to a reference
   measured in the same run: reading and validating data/demo/monthly.csv (``load_records``).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import dataclasses
import time
import warnings

import numpy as np
import pandas as pd

from clusterlib import catalog, paths
from clusterlib.forecasting.simulate import forecast_and_simulate
from clusterlib.inputs.panel import load_records
from clusterlib.ledger.indicators import monthly_table
from clusterlib.ledger.plan_tests import PLAN_TESTS, PlanTest
from clusterlib.ledger.projection import project_year_end, ytd_frames
from clusterlib.ledger.report import ledger_tables
from clusterlib.ledger.settings import LedgerSettings, load_ledger_settings

MONTHS = (3, 4, 5, 6, 7, 8, 9, 10, 11)
CANDIDATES = (1, 2, 3, 4)  # share_years tried; min_years 6 for all while choosing
WINDOWS = (0, 1, 2, 3)  # momentum: months of recent y/y growth carried to December
SHOCK_YEARS = (2020, 2021)  # the pandemic collapse and the rebound from its low base
REAL_FILES = ("china/cn_iva_yoy_ytd.csv", "china/cn_fai_ytd_yoy.csv")
ENGINE_MONTHS = (3, 6, 9)
REAL_FIRST_YEAR = {"industry_va": 1999, "fai": 2004}  # complete years; FAI before 2004 unreliable


def backtest(
    table: pd.DataFrame, years: list[int], settings: LedgerSettings, months=MONTHS
) -> pd.DataFrame:
    """One row per origin month, region and indicator: projection, interval and outcome."""
    rows = []
    for year in years:
        outcome = _december(table, year)
        for month in months:
            origin = pd.Period(year=year, month=month, freq="M")
            seen = table[table["period"] <= origin]
            projection = project_year_end(seen, origin, settings, measured=False)
            now = seen[seen["period"] == origin].set_index(["region", "indicator"])["growth"]
            projection = projection.join(now.rename("naive"), on=["region", "indicator"])
            rows.append(projection.join(outcome, on=["region", "indicator"]).assign(h=12 - month))
    cv = pd.concat(rows, ignore_index=True)
    return cv[cv["projection_note"] == "projected"].dropna(subset=["outcome"])


def _december(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """Full-year growth and whether each region passed the plan's test, per indicator.

    The test of :data:`~clusterlib.ledger.plan_tests.PLAN_TESTS`: above the city's growth;
    high-tech value added: above the city's 规上 growth + 2 pp (the event ``p_beat_city`` is for).
    """
    december = table[table["period"] == pd.Period(year=year, month=12, freq="M")]
    growth = december.set_index(["region", "indicator"])["growth"].rename("outcome")
    if "city" not in growth.index.get_level_values("region"):
        return growth.to_frame().assign(beat=np.nan)
    city = growth.xs("city", level="region")
    indicators = growth.index.get_level_values("indicator")
    tests = [PLAN_TESTS.get(i, PlanTest(i, 0.0, ">", "")) for i in indicators]
    bar = city.reindex([t.versus for t in tests]).to_numpy() + [t.margin for t in tests]
    beat = pd.Series(growth.to_numpy() > bar, index=growth.index).where(~np.isnan(bar))
    return pd.concat([growth, beat.rename("beat")], axis=1)


def accuracy_by_horizon(cv: pd.DataFrame) -> pd.DataFrame:
    """MAE, naive MAE and ratio, 80% coverage and width, Brier score by horizon."""
    error = cv["projected_growth"] - cv["outcome"]
    inside = (cv["outcome"] >= cv["projected_lo_80"]) & (cv["outcome"] <= cv["projected_hi_80"])
    frame = cv.assign(
        abs_error=error.abs(),
        naive_error=(cv["naive"] - cv["outcome"]).abs(),
        inside=inside,
        width=cv["projected_hi_80"] - cv["projected_lo_80"],
        brier=(cv["p_beat_city"] - cv["beat"].astype(float)) ** 2,
    )
    grouped = frame.groupby("h")
    table = pd.DataFrame(
        {
            "n": grouped.size(),
            "mae_pp": grouped["abs_error"].mean(),
            "naive_mae_pp": grouped["naive_error"].mean(),
            "coverage_80": grouped["inside"].mean(),
            "width_80_pp": grouped["width"].mean(),
            "brier_beat_city": grouped["brier"].mean(),
        }
    )
    table.insert(3, "mae_ratio", table["mae_pp"] / table["naive_mae_pp"])
    return table.sort_index(ascending=False).round(3)


def choose_share_years(cv_by_k: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """MAE over all horizons and 80% coverage of each candidate ``share_years``."""
    return pd.DataFrame(
        {
            k: {
                "mae_pp": (cv["projected_growth"] - cv["outcome"]).abs().mean(),
                "coverage_80": (
                    (cv["outcome"] >= cv["projected_lo_80"])
                    & (cv["outcome"] <= cv["projected_hi_80"])
                ).mean(),
            }
            for k, cv in cv_by_k.items()
        }
    ).T.rename_axis("share_years")


def held_out(table: pd.DataFrame, years: list[int], choose, report, title: str) -> pd.DataFrame:
    """Print the choice of ``share_years`` on the ``choose`` rows, the figures on ``report``'s.

    ``choose`` and ``report`` map a backtest table to a boolean mask of its rows.
    Returns the held-out backtest rows of the ledger's settings.
    """
    settings = load_ledger_settings()
    choice = {}
    for k in CANDIDATES:
        trial = dataclasses.replace(settings, share_years=k, min_years=max(CANDIDATES) + 2)
        cv = backtest(table, years, trial)
        choice[k] = _summary(cv[choose(cv)])
    print(f"\n{title}\n   choice set, all horizons, by share_years:")
    print(_indent(pd.DataFrame(choice).T.rename_axis("share_years").round(3).to_string()))
    cv = backtest(table, years, settings)
    cv = cv[report(cv)]
    print(f"   held-out set, share_years = {settings.share_years} (params/ledger.yaml):")
    print(_indent(accuracy_by_horizon(cv).to_string()))
    print(_indent(f"all horizons: {_summary(cv)}"))
    return cv


def _summary(cv: pd.DataFrame) -> dict[str, float]:
    """MAE, ratio to naive and 80% coverage over all horizons."""
    mae = (cv["projected_growth"] - cv["outcome"]).abs().mean()
    naive = (cv["naive"] - cv["outcome"]).abs().mean()
    inside = (cv["outcome"] >= cv["projected_lo_80"]) & (cv["outcome"] <= cv["projected_hi_80"])
    return {
        "n": len(cv),
        "mae_pp": round(float(mae), 3),
        "mae_ratio": round(float(mae / naive), 3),
        "coverage_80": round(float(inside.mean()), 3),
    }


def _indent(text: str) -> str:
    return "\n".join("   " + line for line in text.splitlines())


def demo_backtest(engine: bool) -> None:
    """Demo: choose on the clusters at odd catalogue positions, report on the others."""
    table = monthly_table(load_records(paths.DEMO / "monthly.csv"))
    clusters = [r for r in catalog.regions().index if r in set(table["region"]) and r != "city"]
    choose_set, report_set = set(clusters[0::2]), set(clusters[1::2])
    cv = held_out(
        table,
        [2016, 2017, 2018, 2019],
        lambda cv: cv["region"].isin(choose_set),
        lambda cv: cv["region"].isin(report_set),
        f"1a. Demo (synthetic), 2016–2019; choice {len(choose_set)} clusters, "
        f"held out {len(report_set)}",
    )
    errors = momentum_errors(table)
    held = errors["region"].isin(report_set) & errors["year"].between(2016, 2019)
    print_momentum(errors[held], "held-out clusters 2016–2019")
    if engine:
        engine_comparison(table, cv)


def real_backtest(engine: bool) -> None:
    """National 累计 growth (NBS): choose on 1999–2012, report on 2013–2025."""
    records = load_records([paths.DATA / "official" / f for f in REAL_FILES])
    table = monthly_table(records)
    first = table["indicator"].map(REAL_FIRST_YEAR)
    table = table[[p.year >= f for p, f in zip(table["period"], first, strict=True)]]
    cv = held_out(
        table,
        list(range(1999, 2026)),
        lambda cv: cv["month"].str[:4].astype(int) <= 2012,
        lambda cv: cv["month"].str[:4].astype(int) >= 2013,
        "1b. National 规上工业增加值 (1999–) and 固定资产投资 (2004–) 累计 growth, NBS (real); "
        "choice 1999–2012, held out 2013–2025",
    )
    if engine:
        engine_comparison(table, cv)
    errors = momentum_errors(table)
    for name, years in (
        ("1999–2012", range(1999, 2013)),
        ("2013–2025", range(2013, 2026)),
        ("2013–2025 without 2020–21", [y for y in range(2013, 2026) if y not in SHOCK_YEARS]),
    ):
        print_momentum(errors[errors["year"].isin(years)], name)


def print_momentum(errors: pd.DataFrame, name: str) -> None:
    """MAE of each momentum window over horizons 1–9, as a ratio to the naive rule's."""
    mae = errors[list(WINDOWS)].abs().mean()
    ratios = "  ".join(f"w={w}: {mae[w] / mae[0]:.3f}" for w in WINDOWS[1:])
    print(f"   momentum ÷ naive MAE, {name}: {ratios} ({len(errors)} cases)")


def momentum_errors(table: pd.DataFrame) -> pd.DataFrame:
    """Errors (pp) of carrying the y/y growth of the latest ``w`` months to December.

    ``w = 0`` is the whole year to date (the naive rule); one row per series, year and origin
    month (March–November), one column per ``w`` in :data:`WINDOWS`.
    """
    rows = []
    for indicator, wanted in table.groupby("indicator"):
        for region, frame in ytd_frames(wanted, wanted["period"].max()).items():
            values = frame.to_numpy(dtype=float)
            for i, year in enumerate(frame.index[1:], start=1):
                before, now = values[i - 1], values[i]
                for month in MONTHS:
                    row = {"indicator": indicator, "region": region, "year": year}
                    for w in WINDOWS:
                        c, start = month - 2, month - 2 - w
                        recent = now[c] / before[c]
                        if w > 0 and start >= 0:
                            recent = (now[c] - now[start]) / (before[c] - before[start])
                        year_end = now[c] + (before[-1] - before[c]) * recent
                        row[w] = 100 * (year_end - now[-1]) / before[-1]
                    rows.append(row)
    return pd.DataFrame(rows).dropna()


def engine_comparison(table: pd.DataFrame, cv: pd.DataFrame) -> None:
    """The forecasting engine's projection (the ledger's previous method) on the same cases."""
    rows = []
    for text in sorted(set(cv["month"])):
        origin = pd.Period(text, freq="M")
        if origin.month not in ENGINE_MONTHS:
            continue
        for indicator, wanted in table[table["period"] <= origin].groupby("indicator"):
            frames = {r: f for r, f in ytd_frames(wanted, origin).items() if origin.year in f.index}
            projected = engine_projection(frames, origin)
            rows.append(projected.assign(indicator=indicator, month=text))
    both = cv.merge(pd.concat(rows), on=["region", "indicator", "month"])
    engine = both.assign(
        projected_growth=both["engine_growth"],
        projected_lo_80=both["engine_lo"],
        projected_hi_80=both["engine_hi"],
    )
    print(
        f"   engine (forecast_and_simulate, y/y ratios, season 12) on the same {len(both)} cases:"
    )
    for h, group in sorted(both.groupby("h"), reverse=True):
        _print_pair(f"h={h}", group, engine.loc[group.index])
    years = both["month"].str[:4].astype(int)
    if years.isin(SHOCK_YEARS).any():
        calm = ~years.isin(SHOCK_YEARS)
        _print_pair("all horizons", both, engine)
        _print_pair("without 2020–21", both[calm], engine[calm])


def _print_pair(name: str, rule: pd.DataFrame, engine: pd.DataFrame) -> None:
    """One line: the rule's and the engine's MAE, ratio to naive and coverage on the same cases."""
    mine, theirs = _summary(rule), _summary(engine)
    print(
        f"   {name}: rule MAE {mine['mae_pp']} (×{mine['mae_ratio']} naive, cover "
        f"{mine['coverage_80']}); engine MAE {theirs['mae_pp']} (×{theirs['mae_ratio']} naive, "
        f"cover {theirs['coverage_80']}); n={mine['n']}"
    )


def engine_projection(frames: dict[str, pd.DataFrame], month: pd.Period) -> pd.DataFrame:
    """Point and 80% interval of full-year growth from the engine's joint paths of y/y ratios."""
    h = 12 - month.month
    last_year = pd.Series({r: f.loc[month.year - 1, 12] for r, f in frames.items()})
    to_date = pd.Series({r: f.loc[month.year, month.month] for r, f in frames.items()})
    singles = {r: _single_months(f, month) for r, f in frames.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        forecasts, draws = forecast_and_simulate(
            _ratio_panel(singles), h, 500, 2019, n_jobs=2, progress=False
        )
    weights = _last_year_months(singles, month, h)
    rest = _in_levels(draws, weights).groupby(["region", "path"])["value"].sum().unstack("path")
    combo = forecasts[forecasts["model"] == "combo"].rename(columns={"mean": "value"})
    point_rest = _in_levels(combo, weights).groupby("region")["value"].sum()
    base = last_year.reindex(rest.index).to_numpy()[:, None]
    growth = 100 * ((to_date.reindex(rest.index).to_numpy()[:, None] + rest) / base - 1)
    point = 100 * ((to_date + point_rest) / last_year - 1)
    return (
        pd.DataFrame(
            {
                "engine_growth": point.reindex(growth.index),
                "engine_lo": growth.quantile(0.1, axis=1),
                "engine_hi": growth.quantile(0.9, axis=1),
            }
        )
        .rename_axis("region")
        .reset_index()
    )


def _single_months(frame: pd.DataFrame, month: pd.Period) -> pd.Series:
    """Single-month values (January = February = half of 1–2月) up to ``month``."""
    values = []
    for year, ytd in frame.iterrows():
        ytd = ytd.to_numpy(dtype=float)
        months = np.r_[ytd[0] / 2, ytd[0] / 2, np.diff(ytd)]
        values.append(pd.Series(months, index=pd.period_range(f"{year}-01", periods=12, freq="M")))
    series = pd.concat(values)
    return series[series.index <= month].dropna()


def _ratio_panel(singles: dict[str, pd.Series]) -> pd.DataFrame:
    """Each month over the same month a year earlier (× 100): the series the engine projects."""
    pieces = []
    for region, values in singles.items():
        ratio = (100 * values / values.reindex(values.index - 12).to_numpy()).dropna()
        pieces.append(pd.DataFrame({"region": region, "period": ratio.index, "value": ratio}))
    return pd.concat(pieces, ignore_index=True)


def _last_year_months(singles: dict[str, pd.Series], month: pd.Period, h: int) -> pd.Series:
    """Last year's values of the ``h`` months after ``month``, by ``(region, step)``."""
    future = pd.period_range(month + 1, periods=h, freq="M")
    table = pd.DataFrame({r: s.reindex(future - 12).to_numpy() for r, s in singles.items()})
    return table.T.stack().rename_axis(["region", "step"]).rename("last_year")


def _in_levels(table: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Projected ratios (one row per region, future month and path) → projected levels."""
    keys = ["region", "path"] if "path" in table else ["region"]
    table = table.assign(step=table.groupby(keys).cumcount()).join(weights, on=["region", "step"])
    return table.assign(value=table["value"] * table["last_year"] / 100)


def synthetic_records(records: pd.DataFrame, n_regions: int, seed: int = 0) -> pd.DataFrame:
    """Typed monthly records for the city and ``n_regions - 1`` synthetic regions.

    Each synthetic region copies a demo cluster (in turn) with its single months scaled by
    a random factor and multiplied by independent noise (sd 3%); growth-only series get
    N(0, 0.5) pp added. Region ids ``z001`` …; every record is synthetic.
    """
    rng = np.random.default_rng(seed)
    monthly = records[[getattr(p, "freqstr", "") == "M" for p in records["period"]]]
    city = monthly[monthly["region"] == "city"]
    clusters = sorted(set(monthly["region"]) - {"city"})
    pieces = [city]
    for i in range(1, n_regions):
        source = monthly[monthly["region"] == clusters[(i - 1) % len(clusters)]]
        pieces.append(_perturbed(source, f"z{i:03d}", rng))
    return pd.concat(pieces, ignore_index=True)


def _perturbed(source: pd.DataFrame, region: str, rng: np.random.Generator) -> pd.DataFrame:
    """One synthetic copy of a region's records (levels re-cumulated, growth shifted)."""
    copy = source.copy().assign(region=region)
    levels = copy["measure"] == "level"
    growth_only = ~copy.groupby("indicator")["measure"].transform(lambda m: (m == "level").any())
    copy.loc[~levels & growth_only, "value"] += rng.normal(0, 0.5, (~levels & growth_only).sum())
    copy = copy[levels | growth_only]  # level series: growth is recomputed from the levels
    factor = rng.uniform(0.3, 3.0)
    for _, rows in copy[copy["measure"] == "level"].groupby("indicator"):
        ytd = rows.sort_values("period")
        years = np.array([p.year for p in ytd["period"]])
        single = ytd["value"].groupby(years).diff().fillna(ytd["value"]).to_numpy()
        noisy = single * factor * np.exp(rng.normal(0, 0.03, len(single)))
        copy.loc[ytd.index, "value"] = pd.Series(noisy, index=ytd.index).groupby(years).cumsum()
    return copy


def seconds(work, repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs of ``work()`` (the least disturbed by other jobs)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def speed(sizes: tuple[int, ...], month: str) -> None:
    """Wall time of the ledger of ``month`` against reading the demo's monthly file."""
    records = load_records(paths.DEMO / "monthly.csv")
    settings = load_ledger_settings()
    print(f"\n2. Speed of the ledger of {month} (3 indicators, projection included), one process")
    for n in sizes:
        regions = synthetic_records(records, n)
        ledger = seconds(lambda regions=regions: ledger_tables(regions, month, settings))
        reference = seconds(lambda: load_records(paths.DEMO / "monthly.csv"))
        print(
            f"   {n:4d} regions: {ledger:6.2f} s; reading data/demo/monthly.csv "
            f"{reference:5.2f} s; ratio {ledger / reference:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="demo backtest; 16 regions only")
    parser.add_argument("--engine", action="store_true", help="also the forecasting engine")
    parser.add_argument("--month", default="2019-06", help="the ledger month timed (2019-06)")
    args = parser.parse_args()
    print("1. Year-end projection backtest, origins March–November, by h = months to December")
    demo_backtest(args.engine)
    if not args.quick:
        real_backtest(args.engine)
    speed((16,) if args.quick else (16, 184), args.month)


if __name__ == "__main__":
    main()
