"""Measure the error of volume indices rebuilt from published cumulative (累计) growth rates.

Simulates quarterly levels with known seasonality and growth (seeded), computes the cumulative
year-on-year growth a statistics bureau would publish, rebuilds a chained index with
``ytd_growth_to_index`` (base year = the first simulated year, its quarters assumed equal) and
compares growth derived from the index with the true growth:

- single-quarter y/y growth (approximate: the base year's seasonal pattern is unknown);
- full-year growth (exact in theory, up to the rounding of published rates);
- the *nowcast* of full-year growth in Q1–Q3: the quarters still to come enter the index at
  last year's index value times (1 + their true single-quarter growth), i.e. a perfect growth
  forecast; the flat base year then weights them wrongly (``--nowcast`` section), and the
  gap between two series (a cluster against the city) shows how much of it cancels.

Usage: .venv/bin/python bench/growth_approximation.py [--seed 2019] [--n-series 500]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

from clusterlib.inputs.periods import yoy_growth, ytd_growth, ytd_growth_to_index


def simulate_levels(rng: np.random.Generator, n_years: int, noise_sd: float) -> pd.Series:
    """Quarterly levels: seasonal factors (low Q1, high Q4) × trend with noisy quarterly growth."""
    q1, q2, q3 = rng.uniform(0.70, 0.90), rng.uniform(0.95, 1.05), rng.uniform(0.95, 1.05)
    seasonal = np.array([q1, q2, q3, 4.0 - q1 - q2 - q3])
    annual_trend = rng.uniform(0.04, 0.12)
    log_growth = np.log1p(annual_trend) / 4 + rng.normal(0.0, noise_sd, 4 * n_years)
    levels = 100.0 * np.tile(seasonal, n_years) * np.exp(np.cumsum(log_growth))
    return pd.Series(levels, index=pd.period_range("2010Q1", periods=4 * n_years, freq="Q"))


def annual_growth(values: pd.Series) -> pd.Series:
    """Full-year growth (%) of the annual sums, indexed by year."""
    annual = values.groupby(values.index.year).sum()
    return 100.0 * (annual / annual.shift(1) - 1.0)


def errors_for_one_series(levels: pd.Series, decimals: int | None) -> pd.DataFrame:
    """Absolute errors (pp) of growth derived from the rebuilt index, one row per quarter."""
    published = ytd_growth(levels).dropna()
    if decimals is not None:
        published = published.round(decimals)
    index = ytd_growth_to_index(published)
    true_single = yoy_growth(levels).dropna()
    true_annual = annual_growth(levels).dropna()
    periods = true_single.index
    return pd.DataFrame(
        {
            "years_since_base": periods.year - levels.index.year[0],
            "quarter": periods.quarter,
            "single": (yoy_growth(index)[periods] - true_single).abs().to_numpy(),
            "naive": (published[periods] - true_single).abs().to_numpy(),
            "full_year": (annual_growth(index) - true_annual).abs()[periods.year].to_numpy(),
        }
    )


def nowcast_error(levels: pd.Series) -> pd.DataFrame:
    """Full-year growth nowcast through the index with perfect single-quarter growth forecasts.

    For every year after the base year and as-of quarter 1–3: index to date plus, for each
    remaining quarter, last year's index value times (1 + true y/y growth); full-year growth
    of that path against the truth (pp, signed).
    """
    index = ytd_growth_to_index(ytd_growth(levels).dropna())
    true_single = yoy_growth(levels)
    true_annual = annual_growth(levels)
    rows = []
    for year in sorted(set(index.index.year))[1:]:
        this = index[index.index.year == year].to_numpy()
        last = index[index.index.year == year - 1].to_numpy()
        growth = true_single[true_single.index.year == year].to_numpy() / 100
        for as_of in (1, 2, 3):
            path = np.r_[this[:as_of], last[as_of:] * (1 + growth[as_of:])]
            nowcast = 100 * (path.sum() / last.sum() - 1)
            rows.append({"year": year, "as_of": as_of, "error": nowcast - true_annual[year]})
    return pd.DataFrame(rows)


def report_nowcast(seed: int, n_series: int, n_years: int, noise_sd: float) -> None:
    """Nowcast error of one series and of the gap between pairs of series, by as-of quarter."""
    rng = np.random.default_rng(seed)
    errors = [nowcast_error(simulate_levels(rng, n_years, noise_sd)) for _ in range(n_series)]
    single = pd.concat(errors, ignore_index=True)
    pairs = [
        a.assign(error=a["error"] - b["error"])
        for a, b in zip(errors[0::2], errors[1::2], strict=False)
    ]
    gap = pd.concat(pairs, ignore_index=True)
    table = pd.DataFrame(
        {
            "series_mae": single.groupby("as_of")["error"].apply(lambda e: e.abs().mean()),
            "series_p95": single.groupby("as_of")["error"].apply(lambda e: e.abs().quantile(0.95)),
            "series_mean": single.groupby("as_of")["error"].mean(),
            "gap_mae": gap.groupby("as_of")["error"].apply(lambda e: e.abs().mean()),
            "gap_p95": gap.groupby("as_of")["error"].apply(lambda e: e.abs().quantile(0.95)),
        }
    )
    print("\n== nowcast of full-year growth through the index, perfect quarterly growth ==")
    print("   (errors in pp; gap = one series minus another, as for cluster minus city)")
    print(table.to_string())
    shares = pd.Series([0.8, 1.0, 1.0, 1.2], index=pd.period_range("2018Q1", periods=4, freq="Q"))
    growth = np.array([7.0, 8.0, 9.0, 10.0])
    levels = pd.concat([shares, shares.set_axis(shares.index + 4) * (1 + growth / 100)])
    example = nowcast_error(levels)
    print(
        "   hand example (shares 0.8/1/1/1.2, growth 7/8/9/10 %): true full year "
        f"{annual_growth(levels).iloc[-1]:.2f} %, nowcast error at Q1/Q2/Q3 "
        + ", ".join(f"{e:+.3f}" for e in example["error"])
        + " pp"
    )


def measure(seed: int, n_series: int, n_years: int, noise_sd: float, decimals: int | None):
    """Errors for ``n_series`` simulated series, stacked."""
    rng = np.random.default_rng(seed)
    frames = [
        errors_for_one_series(simulate_levels(rng, n_years, noise_sd), decimals)
        for _ in range(n_series)
    ]
    return pd.concat(frames, ignore_index=True)


def summarise(errors: pd.DataFrame, by: str) -> pd.DataFrame:
    """Mean (and 95th percentile) absolute error in pp, grouped by ``by``."""
    grouped = errors.groupby(by)
    table = pd.DataFrame(
        {
            "single_mae": grouped["single"].mean(),
            "single_p95": grouped["single"].quantile(0.95),
            "naive_mae": grouped["naive"].mean(),
            "full_year_mae": grouped["full_year"].mean(),
            "full_year_max": grouped["full_year"].max(),
        }
    )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("--n-series", type=int, default=500)
    parser.add_argument("--n-years", type=int, default=11, help="including the base year")
    parser.add_argument("--noise-sd", type=float, default=0.02, help="sd of quarterly log growth")
    args = parser.parse_args()
    print(
        f"seed={args.seed} n_series={args.n_series} n_years={args.n_years} "
        f"noise_sd={args.noise_sd}; errors in percentage points (absolute)\n"
        "single = single-quarter y/y growth from the rebuilt index; "
        "naive = cumulative growth used as if single-quarter; full_year = growth of annual sums"
    )
    pd.set_option("display.float_format", "{:.4f}".format)
    for decimals, label in [(None, "exact published rates"), (1, "rates rounded to 0.1 pp")]:
        errors = measure(args.seed, args.n_series, args.n_years, args.noise_sd, decimals)
        print(f"\n== {label}: by years since base year ==")
        print(summarise(errors, "years_since_base").to_string())
        print(f"\n== {label}: by quarter ==")
        print(summarise(errors, "quarter").to_string())
    report_nowcast(args.seed, args.n_series, args.n_years, args.noise_sd)


if __name__ == "__main__":
    main()
