"""Year-end projection: full-year 累计 growth from the months in hand (monthly models, season 12).

Each region's 累计 series becomes single months (1–2月 split evenly over January and February,
the usual convention; growth-only series are first chained into an index whose base year has
equal months). The forecasting engine
(:func:`~clusterlib.forecasting.simulate.forecast_and_simulate`, seasonal period 12 for monthly
series) projects each month's ratio to the same month a year earlier, jointly for all regions;
the remaining months are last year's values times the projected ratios. Projecting y/y ratios
rather than levels anchors the projection to last year's months, as the office reads them
(the level projection erred 1.5 times as much in the backtest of bench/ledger_bench.py), and the
joint paths keep the regions' common shocks for the probability of beating the city.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from clusterlib.forecasting.models import FallbackWarning
from clusterlib.forecasting.simulate import forecast_and_simulate
from clusterlib.ledger.indicators import MONTHLY
from clusterlib.ledger.settings import LedgerSettings

PROJECTION_COLUMNS = [
    "projected_growth",
    "projected_lo_80",
    "projected_hi_80",
    "p_beat_city",
    "projection_note",
]
TOO_SHORT, PROJECTED, ACTUAL = "too short", "projected", "actual"


def ytd_frame(table: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """累计 values (years × months 2–12) of one region's indicator up to ``month``.

    Levels where published; otherwise an index chained from 累计 growth,
    ``S(y, m) = (1 + G(y, m)/100) · S(y − 1, m)``, from a base year of equal months.
    """
    rows = table[table["period"] <= month]
    periods = pd.PeriodIndex(rows["period"], freq=MONTHLY)
    frame = pd.DataFrame(
        {"year": periods.year, "m": periods.month, "ytd": rows["ytd"], "g": rows["growth"]}
    )
    if frame["ytd"].notna().any():
        return frame.pivot_table(index="year", columns="m", values="ytd").reindex(
            columns=range(2, 13)
        )
    growth = frame.pivot_table(index="year", columns="m", values="g").reindex(columns=range(2, 13))
    chained = [100.0 * np.arange(2, 13)]
    for year in growth.index:
        chained.append(chained[-1] * (1 + growth.loc[year].to_numpy() / 100))
    return pd.DataFrame(chained[1:], index=growth.index, columns=range(2, 13))


def complete_years(frame: pd.DataFrame, month: pd.Period) -> pd.DataFrame:
    """The consecutive run of complete years before ``month``'s year, plus its months so far."""
    full = frame.loc[frame.index < month.year].notna().all(axis=1)
    years = []
    for year in sorted(full.index[full], reverse=True):
        if years and year != years[-1] - 1:
            break
        years.append(year)
    return frame.loc[sorted(years) + ([month.year] if month.year in frame.index else [])]


def single_months(frame: pd.DataFrame, month: pd.Period) -> pd.Series:
    """Single-month values (January = February = half of 1–2月) up to ``month``."""
    values = []
    for year, ytd in frame.iterrows():
        ytd = ytd.to_numpy(dtype=float)
        months = np.r_[ytd[0] / 2, ytd[0] / 2, np.diff(ytd)]
        values.append(pd.Series(months, index=pd.period_range(f"{year}-01", periods=12, freq="M")))
    series = pd.concat(values)
    return series[series.index <= month].dropna()


def project_year_end(
    table: pd.DataFrame, month: pd.Period, settings: LedgerSettings, n_jobs: int = 1
) -> pd.DataFrame:
    """Projected full-year 累计 growth of every region and indicator, as of ``month``.

    ``n_jobs`` parallel workers fit the models.

    Returns
    -------
    pd.DataFrame
        ``region, indicator, month`` and :data:`PROJECTION_COLUMNS`: the projection (median
        of the combined forecast), its 80% interval and the probability that the region's
        full-year growth beats the city's (joint paths; NaN for the city). ``projection_note``
        is ``projected``, ``actual`` (December) or ``too short`` (fewer than
        ``settings.min_years`` complete years before ``month``'s year: no projection).
    """
    rows = []
    for indicator in settings.indicators:
        wanted = table[table["indicator"] == indicator]
        rows.append(_project_indicator(wanted, month, settings, n_jobs))
    rows = [r for r in rows if not r.empty]
    if not rows:
        return pd.DataFrame(columns=["region", "indicator", "month", *PROJECTION_COLUMNS])
    return pd.concat(rows, ignore_index=True).assign(month=str(month))


def _project_indicator(
    table: pd.DataFrame, month: pd.Period, settings: LedgerSettings, n_jobs: int
) -> pd.DataFrame:
    """Projection rows of one indicator's regions."""
    frames, short = {}, []
    for region, rows in table.groupby("region"):
        frame = complete_years(ytd_frame(rows, month), month)
        if len(frame) - 1 < settings.min_years or month.year not in frame.index:
            short.append(region)
        else:
            frames[region] = frame
    indicator = table["indicator"].iloc[0] if len(table) else ""
    result = pd.DataFrame({"region": short, "projection_note": TOO_SHORT})
    if frames:
        result = pd.concat([result, _simulate(frames, month, settings, n_jobs)], ignore_index=True)
    return result.assign(indicator=indicator)


def _simulate(
    frames: dict[str, pd.DataFrame], month: pd.Period, settings: LedgerSettings, n_jobs: int
) -> pd.DataFrame:
    """Full-year growth per joint path for every region; summary rows."""
    h = 12 - month.month
    last_year = pd.Series({r: f.loc[month.year - 1, 12] for r, f in frames.items()})
    to_date = pd.Series({r: f.loc[month.year, month.month] for r, f in frames.items()})
    if h == 0:
        growth = 100 * (to_date / last_year - 1)
        table = pd.DataFrame({"region": growth.index, "projected_growth": growth.to_numpy()})
        return table.assign(projection_note=ACTUAL)
    singles = {r: single_months(f, month) for r, f in frames.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FallbackWarning)
        forecasts, paths = forecast_and_simulate(
            _ratio_panel(singles), h, settings.n_paths, settings.seed, n_jobs=n_jobs, progress=False
        )
    weights = _last_year_months(singles, month, h)
    rest = _in_levels(paths, weights).groupby(["region", "path"])["value"].sum().unstack("path")
    combo = forecasts[forecasts["model"] == "combo"].rename(columns={"mean": "value"})
    point_rest = _in_levels(combo, weights).groupby("region")["value"].sum()
    base = last_year.reindex(rest.index).to_numpy()[:, None]
    draws = 100 * ((to_date.reindex(rest.index).to_numpy()[:, None] + rest) / base - 1)
    point = 100 * ((to_date + point_rest) / last_year - 1)
    beat = (draws > draws.loc["city"]).mean(axis=1) if "city" in draws.index else np.nan
    summary = pd.DataFrame(
        {
            "projected_growth": point.reindex(draws.index),
            "projected_lo_80": draws.quantile(0.1, axis=1),
            "projected_hi_80": draws.quantile(0.9, axis=1),
            "p_beat_city": beat,
            "projection_note": PROJECTED,
        }
    )
    summary.loc[summary.index == "city", "p_beat_city"] = np.nan
    return summary.rename_axis("region").reset_index()


def _ratio_panel(singles: dict[str, pd.Series]) -> pd.DataFrame:
    """Each month over the same month a year earlier (× 100): the series the models project."""
    pieces = []
    for region, values in singles.items():
        ratio = (100 * values / values.reindex(values.index - 12).to_numpy()).dropna()
        pieces.append(pd.DataFrame({"region": region, "period": ratio.index, "value": ratio}))
    return pd.concat(pieces, ignore_index=True)


def _last_year_months(singles: dict[str, pd.Series], month: pd.Period, h: int) -> pd.Series:
    """Last year's values of the ``h`` months after ``month``, by ``(region, step)``."""
    future = pd.period_range(month + 1, periods=h, freq=MONTHLY)
    table = pd.DataFrame({r: s.reindex(future - 12).to_numpy() for r, s in singles.items()})
    weights = table.T.stack()
    return weights.rename_axis(["region", "step"]).rename("last_year")


def _in_levels(table: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Projected ratios (one row per region, future month and path) → projected levels."""
    keys = ["region", "path"] if "path" in table else ["region"]
    table = table.assign(step=table.groupby(keys).cumcount()).join(weights, on=["region", "step"])
    return table.assign(value=table["value"] * table["last_year"] / 100)
