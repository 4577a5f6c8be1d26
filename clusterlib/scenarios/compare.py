"""The scenario against the baseline: full-year growth and the goals' 基准 / 情景 / 变化."""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.labels import goal_label, scenario_text, status_label

COMPARED = ("probability", "status", "required_growth")
MOVED_COLUMNS = ("full_year_growth", "full_year_lo_80", "full_year_hi_80")  # point and band
SIDES = ("baseline", "scenario", "change")


def full_year_shift(shift_by_key: pd.Series, panel: pd.DataFrame, year: int) -> pd.DataFrame:
    """How much each series' full-year 累计 growth moves (pp): 100 · Σ shifts / last year's total.

    One row per ``region, indicator`` with a shift: ``growth_change``. Full-year growth is
    Σ this year / Σ last year − 1, so shifts of the year's quarters move it by their sum over
    last year's total (a quarter's weight in last year's total times its growth shock).
    """
    keys = shift_by_key.index.to_frame(index=False).assign(shift=shift_by_key.to_numpy())
    keys = keys[keys["period"].str.startswith(str(year)) & (keys["shift"] != 0)]
    moved = keys.groupby(["region", "indicator", "measure"], as_index=False)["shift"].sum()
    before = panel[pd.PeriodIndex(panel["period"], freq="Q-DEC").year == year - 1]
    totals = before.groupby(["region", "indicator", "measure"])["value"].agg(["sum", "count"])
    moved = moved.join(totals, on=["region", "indicator", "measure"])
    change = np.where(moved["count"] == 4, 100.0 * moved["shift"] / moved["sum"], np.nan)
    return moved.assign(growth_change=change)[["region", "indicator", "growth_change"]]


def scenario_full_year(full: pd.DataFrame, change: pd.DataFrame) -> pd.DataFrame:
    """The baseline's full-year table with each forecast's growth and 80% band moved.

    A scenario adds the same amount to every path of a quarter, so each quarter's quantiles
    move by exactly that amount (a quantile of X + c is the quantile of X plus c); the band is
    the cumulative growth through the quarters' bounds (assumption A14), linear in them like
    the point, so the point and both bounds move by the same ``growth_change``. Rows whose
    growth is already actual (``basis`` actual) do not move; a zero change leaves them intact.
    """
    table = full.merge(change, on=["region", "indicator"], how="left")
    moves = table["growth_change"].fillna(0.0).where(table["basis"] == "forecast", 0.0)
    moved = moves.to_numpy() != 0
    for column in [c for c in MOVED_COLUMNS if c in table]:
        values = table[column].to_numpy(dtype=float).copy()
        values[moved] = values[moved] + moves.to_numpy()[moved]
        table[column] = values
    return table.drop(columns="growth_change")


def comparison(baseline: pd.DataFrame, scenario: pd.DataFrame) -> pd.DataFrame:
    """Probability, status and required growth per goal and region: baseline, scenario, change.

    Columns ``goal_id, scope`` then ``probability_baseline, probability_scenario,
    probability_change``, the same for ``status`` (change: ``True`` where it differs) and
    ``required_growth``. Goal rows with neither a probability nor a required growth on either
    side (qualitative goals, goals without data, latest values) are left out.
    """
    keys = ["goal_id", "scope"]
    both = baseline[[*keys, *COMPARED]].merge(
        scenario[[*keys, *COMPARED]], on=keys, suffixes=("_baseline", "_scenario")
    )
    for what in ("probability", "required_growth"):
        both[f"{what}_change"] = both[f"{what}_scenario"] - both[f"{what}_baseline"]
    both["status_change"] = both["status_scenario"] != both["status_baseline"]
    measured = both[[f"{w}_{s}" for w in ("probability", "required_growth") for s in SIDES[:2]]]
    both = both[measured.notna().any(axis=1)]
    columns = [*keys, *(f"{what}_{side}" for what in COMPARED for side in SIDES)]
    return both[columns].reset_index(drop=True)


def comparison_view(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The comparison for people: goal and region names, statuses in ``lang``, probabilities in
    whole % (their change in 百分点 between the shown figures), required growth to one decimal
    (its change in 百分点), and two header rows (what: probability, status, required growth;
    side: 基准 / 情景 / 变化)."""
    rows = pd.DataFrame(
        {
            ("", scenario_text("goal", lang)): table["goal_id"].map(lambda g: goal_label(g, lang)),
            ("", scenario_text("scope", lang)): table["scope"].map(
                lambda r: catalog.region_name(r, lang)
            ),
        }
    )
    for name in COMPARED:
        for side in SIDES:
            values = table[f"{name}_{side}"]
            if name == "status" and side != "change":
                values = values.map(lambda s: status_label(s, lang))
            elif name == "status":
                values = values.map({True: scenario_text("changed", lang), False: ""})
            elif name == "probability" and side != "change":
                values = values.map(_percent_text)
            elif name == "probability":
                values = pd.Series(
                    [
                        _points_text(before, after, lang)
                        for before, after in zip(
                            table["probability_baseline"],
                            table["probability_scenario"],
                            strict=True,
                        )
                    ],
                    dtype=object,
                )
            else:
                values = values.round(1)
            heading = "change_points" if name == "required_growth" and side == "change" else side
            rows[(scenario_text(name, lang), scenario_text(heading, lang))] = values.to_numpy()
    rows.columns = pd.MultiIndex.from_tuples(rows.columns)
    return rows


def _percent(probability: float) -> int:
    """A probability in whole percent, as it is shown (97 for 0.9704)."""
    return int(f"{100 * probability:.0f}")


def _percent_text(probability: float) -> str:
    """A probability as shown: 97% ("" where there is none)."""
    return "" if pd.isna(probability) else f"{_percent(probability)}%"


def _points_text(before: float, after: float, lang: str) -> str:
    """The change between two shown probabilities, from the shown (rounded) figures, so that
    97% → 99% reads +2个百分点 / +2 pp; 持平 / unchanged when they show the same."""
    if pd.isna(before) or pd.isna(after):
        return ""
    points = _percent(after) - _percent(before)
    if not points:
        return scenario_text("unchanged", lang)
    return scenario_text("points", lang, points=f"{points:+d}")


def change_view(change: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """:func:`full_year_shift` for people: region and indicator names, change rounded (pp)."""
    return pd.DataFrame(
        {
            scenario_text("region", lang): change["region"].map(
                lambda r: catalog.region_name(r, lang)
            ),
            scenario_text("indicator", lang): change["indicator"].map(
                lambda i: catalog.indicator_name(i, lang)
            ),
            scenario_text("growth_change", lang): change["growth_change"].round(2),
        }
    )
