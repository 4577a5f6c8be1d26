"""The quarter's work that the notebooks call: backtests, forecasts, full-year growth, goals.

Every function takes the panel as :func:`~clusterlib.inputs.panel.load_panel` delivers it:
already cut at the run's quarter, so nothing here looks past it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pandas as pd

from clusterlib import catalog, paths
from clusterlib.coverage import asked_month, require_as_of_month
from clusterlib.enterprise.classification import enterprise_tables
from clusterlib.enterprise.rules import Rules
from clusterlib.evaluation.goal import star_goal_rows
from clusterlib.exceptions import CoverageError, DataValidationError, ParameterError, Problem
from clusterlib.forecasting.backtest import accuracy, cross_validate
from clusterlib.forecasting.forecast import (
    DEFAULT_MODELS,
    fit_and_forecast,
    forecast,
    growth_table,
    split_series,
)
from clusterlib.forecasting.models import unfittable_reason
from clusterlib.forecasting.nowcast import Outlook, month_rule, nowcast_panel
from clusterlib.forecasting.simulate import forecast_and_simulate
from clusterlib.goals.catalogue import (
    forecast_indicators,
    goal_threshold,
    load_catalogue,
    simulated_indicators,
)
from clusterlib.goals.official import hightech_official_record
from clusterlib.goals.progress import evaluate_goals
from clusterlib.inputs.monthly import (
    OutlookGap,
    gap_lines,
    gaps_from_table,
    not_final_months,
    outlook_gaps,
    quarter_disagreements,
)
from clusterlib.inputs.panel import growth_history, load_records, preferred_series
from clusterlib.inputs.reading import expand
from clusterlib.ledger.indicators import monthly_table
from clusterlib.ledger.project_goals import with_register_goals
from clusterlib.ledger.projection import ytd_frames
from clusterlib.ledger.projects import holds_month, load_register, slipping_projects
from clusterlib.ledger.settings import load_ledger_settings
from clusterlib.messages import Message, message
from clusterlib.paths import project_relative, resolve
from clusterlib.publish.report_folder import sha256
from clusterlib.publish.tables import TABLES, read_table

FORECAST_COLUMNS = ["region", "indicator", "period", "mean", "lo_80", "hi_80", "lo_95", "hi_95"]
COMPARED_MODELS = ("snaive", "combo")  # the per-model comparison is in bench/forecast_bench.py


def backtest_tables(
    series: pd.DataFrame, n_windows: int = 4, h: int = 4, n_jobs: int = 1
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rolling-origin backtest of every model; returns (per-series accuracy, pooled by model).

    The per-series rows run the city first, then the clusters in catalogue order."""
    cv = cross_validate(
        series, h=h, n_windows=n_windows, models=COMPARED_MODELS, n_jobs=n_jobs, progress=False
    )
    per_series = catalog.in_region_order(accuracy(cv, series))
    pooled = accuracy(cv, series, by=["model"])
    return per_series, pooled.sort_values("mase", ignore_index=True)


def forecast_tables(
    series: pd.DataFrame,
    h: int = 8,
    n_jobs: int = 1,
    as_of: pd.Period | None = None,
    monthly: dict[tuple[str, str], pd.DataFrame] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Default forecasts after the panel's last quarter: (forecast table, growth table).

    The forecast table has the columns of ``forecasts.csv`` (``region, indicator, period,
    mean, lo_80, hi_80, lo_95, hi_95, model, measure``; the city first, then the clusters in
    catalogue order); the growth table gives single-quarter
    and cumulative growth (累计增速) combining actuals to date with the forecasts. The year's
    remaining quarters of flow series follow the measured rule of the as-of month
    (:func:`~clusterlib.forecasting.nowcast.nowcast_panel`; ``as_of`` default: the last
    quarter's last month; a later month needs its ``monthly`` 累计 frames, and without them
    a rule fitted on monthly figures keeps the quarterly forecast).
    """
    fc = forecast(series, h=h, n_jobs=n_jobs)
    fc, _ = nowcast_panel(series, fc, None, _as_of_month(series, as_of), monthly)
    table = catalog.in_region_order(fc[[*FORECAST_COLUMNS, "model", "measure"]])
    return table, growth_with_band(series, fc)


def growth_with_band(series: pd.DataFrame, fc: pd.DataFrame) -> pd.DataFrame:
    """:func:`growth_table` with the 80% band of cumulative growth (``ytd_lo_80, ytd_hi_80``).

    The bounds are the cumulative growth of the paths through every forecast quarter's
    ``lo_80`` (``hi_80``). Cumulative growth rises with each quarter's level, so this is the
    exact band if the quarters' forecast errors move together and a wider (conservative) one
    otherwise (docs/assumptions.md, A14).
    """
    growth = growth_table(series, fc)
    for bound in ("lo_80", "hi_80"):
        path = growth_table(series, fc.assign(mean=fc[bound]))
        growth[f"ytd_{bound}"] = path["ytd_yoy"].to_numpy()
    return growth


def monthly_frames(records: pd.DataFrame, month: pd.Period) -> dict[tuple[str, str], pd.DataFrame]:
    """累计 frames of every region and indicator of monthly ``records``, cut after ``month``.

    The ``monthly`` argument of :func:`forecast_tables` and :func:`goal_results`: years ×
    months 2–12, as :func:`clusterlib.ledger.projection.ytd_frames` builds them (levels where
    published, else the index chained from 累计 growth).
    """
    table = monthly_table(records)
    return {
        (region, str(indicator)): frame
        for indicator, rows in table.groupby("indicator")
        for region, frame in ytd_frames(rows, month).items()
    }


def nowcast_inputs(
    as_of_month: str,
    monthly: list[str],
    panel: pd.DataFrame | None = None,
    lang: str | None = None,
) -> dict[str, object]:
    """The ``as_of`` and ``monthly`` arguments of :func:`forecast_tables` and
    :func:`goal_results` from the run settings of the same names (none: the quarter's end).

    With ``panel`` (the quarterly data the forecasts start from), a series' monthly figures
    must be synthetic exactly where its quarterly ones are (assumption V1): demonstration
    figures never move a real forecast, nor real ones a demonstration; a quarter-end month's
    累计 must be its quarter's (assumption V2); and the series the months cannot forecast by
    the month's rule are printed (by id, or by name in ``lang``).

    Raises
    ------
    ParameterError
        If ``as_of_month`` is not a month such as 2019-08 following the panel's last quarter.
    DataValidationError
        Listing every problem of the monthly files, the first row of each series whose
        monthly figures are of the other kind than its quarterly ones, and of each series
        whose quarter-end months disagree with its quarters.
    CoverageError
        If the monthly files hold no figure of ``as_of_month`` (the series that lack it while
        others have it are printed, and keep their quarterly forecast), or can move no series.
    """
    if not as_of_month:
        return {}
    last = None if panel is None else pd.PeriodIndex(panel["period"], freq="Q-DEC").max()
    month = asked_month(as_of_month, last)  # a notebook's parameter, checked as run.yaml's
    files = expand(resolve(monthly))
    records = load_records(files)
    require_as_of_month(records, month, files, lang).warn(lang)  # series without the month, if any
    frames = monthly_frames(records, month)
    if panel is not None:
        problems = mixed_kinds(records, panel) + quarter_disagreements(records, panel)
        if problems:
            raise DataValidationError(problems)
        for line in require_outlook_moves(panel, frames, month, files, lang, records):
            print(line, file=sys.stderr)
    return {"as_of": month, "monthly": frames}


def require_outlook_moves(
    panel: pd.DataFrame,
    frames: dict[tuple[str, str], pd.DataFrame],
    month: pd.Period,
    files: list[Path],
    lang: str | None = None,
    records: pd.DataFrame | None = None,
) -> list[str]:
    """The warnings on the series the month's rule cannot forecast as it says
    (:func:`~clusterlib.inputs.monthly.outlook_gaps`; by id, or by name in ``lang``); raise if
    no series can be moved, each reason from the message catalogue (a month the monthly
    ``records`` hold only as ``estimate`` or ``alternative`` rows is said to be one).

    Raises
    ------
    CoverageError
        If the month's rule moves flow series but the monthly files can move none of them:
        the outlook would be the quarterly forecast while the bulletin named the month's data.
    """
    moved, gaps = outlook_gaps(panel, frames, month)
    if gaps and not moved:
        held = not_final_months(records) if records is not None else {}
        reasons = Counter(g.text(held.get((g.region, g.indicator), ())) for g in gaps)
        names = ", ".join(project_relative(f) for f in files)
        found = _counted(reasons.most_common())
        year = str(month.year - 1)
        raise CoverageError(
            message("outlook_moves_none", month=str(month), files=names, reasons=found, year=year)
        )
    return gap_lines(gaps, moved, month, lang)


def _counted(reasons: list[tuple[Message, int]]) -> Message:
    """Reasons with their numbers of series, ``; ``-separated (the first, then the rest)."""
    (reason, n), rest = reasons[0], reasons[1:]
    if not rest:
        return message("reason_series", reason=reason, n=n)
    return message("reason_series_and", reason=reason, n=n, rest=_counted(rest))


def mixed_kinds(records: pd.DataFrame, panel: pd.DataFrame) -> list[Problem]:
    """A problem at the first monthly record of each (region, indicator) whose ``synthetic``
    flag differs from the quarterly panel's for the same series."""
    quarterly = panel.groupby(["region", "indicator"])["synthetic"].any()
    problems = []
    for (region, indicator), rows in records.groupby(["region", "indicator"], sort=False):
        if (region, indicator) not in quarterly.index:
            continue
        synthetic_months = bool(rows["synthetic"].any())
        if synthetic_months != bool(quarterly[(region, indicator)]):
            first = rows.iloc[0]
            kinds = ("data_synthetic", "data_real")[:: 1 if synthetic_months else -1]
            these, those = (message(kind) for kind in kinds)
            said = message(
                "mixed_kinds", these=these, those=those, region=region, indicator=indicator
            )
            file = project_relative(Path(first["file"]))
            problems.append(Problem(file, int(first["_row"]), "synthetic", said))
    return problems


def outlook(
    quarter: str,
    as_of_month: str = "",
    gaps: Sequence[OutlookGap] = (),
    naive: Sequence[tuple[str, str]] = (),
) -> Outlook:
    """The month whose data the full-year outlook uses (the run setting ``as_of_month``, or
    the last month of ``quarter``), its method (monthly files come with ``as_of_month``),
    the series the months cannot move (``gaps``: :func:`latest_gaps`, :func:`run_gaps`) and
    those the quarterly models cannot fit (``naive``: :func:`model_fallbacks`)."""
    if as_of_month:
        month = pd.Period(as_of_month, freq="M")
    else:
        month = pd.Period(quarter, freq="Q-DEC").asfreq("M", "end")
    method = month_rule(month.month, monthly=bool(as_of_month)).method
    kept = tuple((g.region, g.indicator) for g in gaps if not g.stand_in)
    stand_in = tuple((g.region, g.indicator) for g in gaps if g.stand_in)
    return Outlook(month, method, kept, stand_in, tuple(naive))


def model_fallbacks(panel: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """The flow series (region, indicator) the quarterly models cannot fit (too short, gaps
    or constant: :func:`~clusterlib.forecasting.models.unfittable_reason`), which get the
    naive last-value forecast (the engine warns of them as it forecasts)."""
    series = preferred_series(panel, catalog.flows())
    columns = ["region", "indicator", "measure", "period", "value"]
    short = [
        (str(key[0]), str(key[1]))
        for key, values in split_series(series[columns])
        if unfittable_reason(values.to_numpy(dtype=float)) is not None
    ]
    order = {region: n for n, region in enumerate(["city", *catalog.clusters()])}
    return tuple(sorted(short, key=lambda pair: (order.get(pair[0], len(order)), pair[1])))


def latest_gaps(panel: pd.DataFrame, latest: dict[str, object]) -> list[OutlookGap]:
    """The series of ``panel`` that the months in hand (:func:`nowcast_inputs`'s result;
    empty without ``as_of_month``) cannot forecast as the month's rule says
    (:func:`~clusterlib.inputs.monthly.outlook_gaps`)."""
    if not latest:
        return []
    frames = cast(dict[tuple[str, str], pd.DataFrame], latest["monthly"])
    return outlook_gaps(panel, frames, cast(pd.Period, latest["as_of"]))[1]


def run_gaps(tables_dir: str | Path) -> list[OutlookGap]:
    """The run's ``tables/outlook_gaps.csv`` (written by the batch; none if absent)."""
    path = Path(tables_dir) / "outlook_gaps.csv"
    return (
        gaps_from_table(read_table(Path(tables_dir).parent, "outlook_gaps"))
        if path.exists()
        else []
    )


def _as_of_month(series: pd.DataFrame, as_of: pd.Period | None) -> pd.Period:
    """``as_of``, or the last month of the panel's last quarter."""
    if as_of is not None:
        return as_of
    return pd.Period(series["period"].max(), freq="Q-DEC").asfreq("M", "end")


def full_year(
    series: pd.DataFrame, growth: pd.DataFrame, year: int, lang: str = "zh"
) -> pd.DataFrame:
    """Full-year cumulative growth per region for ``year``, with its ``basis``.

    Where the data already hold the year's fourth quarter the growth is the actual one
    (``basis="actual"``); otherwise it is the Q4 row of the growth table, which combines the
    actuals to date with the forecasts (``basis="forecast"``), with its 80% band
    (``full_year_lo_80, full_year_hi_80``) when ``growth`` has one (:func:`growth_with_band`).
    A region without any figure of ``year`` gets no row: its whole year would be a forecast
    from an earlier year's data (assumption A16). Rows: the city first, then the clusters in
    catalogue order.
    """
    q4 = pd.Period(year=year, quarter=4, freq="Q-DEC")
    actual = growth_history(series, str(series["indicator"].iloc[0]), "ytd")
    actual = actual[actual["period"] == q4].rename(columns={"value": "ytd_yoy"})
    last = series.groupby("region")["period"].max()
    stale = [region for region, period in last.items() if period.year < year]
    known = ~growth["region"].isin([*actual["region"], *stale])
    expected = growth[(growth["period"] == q4) & known]
    table = pd.concat(
        [
            actual.assign(indicator=series["indicator"].iloc[0], basis="actual"),
            expected.assign(basis="forecast"),
        ],
        ignore_index=True,
    )
    band = [c for c in ("ytd_lo_80", "ytd_hi_80") if c in table]
    table = table[["region", "indicator", "ytd_yoy", *band, "basis"]].rename(
        columns={
            "ytd_yoy": "full_year_growth",
            "ytd_lo_80": "full_year_lo_80",
            "ytd_hi_80": "full_year_hi_80",
        }
    )
    names = table["region"].map(lambda region: catalog.region_name(region, lang))
    return catalog.in_region_order(table.assign(region_name=names, year=year))


def goal_results(
    panel: pd.DataFrame,
    quarter: pd.Period,
    seed: int = 2019,
    n_paths: int = 1000,
    n_jobs: int = 1,
    goals: pd.DataFrame | None = None,
    register: pd.DataFrame | None = None,
    as_of: pd.Period | None = None,
    monthly: dict[tuple[str, str], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Every goal of the catalogue (default params/goals.yaml) for the quarter's year.

    :func:`goal_draws` then :func:`goals_from_draws`; see them.
    """
    goals = load_catalogue() if goals is None else goals
    forecasts, paths = goal_draws(panel, seed, n_paths, n_jobs, goals, as_of, monthly)
    return goals_from_draws(panel, quarter, forecasts, paths, goals, register)


def goal_draws(
    panel: pd.DataFrame,
    seed: int = 2019,
    n_paths: int = 1000,
    n_jobs: int = 1,
    goals: pd.DataFrame | None = None,
    as_of: pd.Period | None = None,
    monthly: dict[tuple[str, str], pd.DataFrame] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(point forecasts, joint simulated paths) of every series the goals need, 4 quarters ahead.

    The series are those of :func:`~clusterlib.goals.catalogue.simulated_indicators`, each as
    :func:`clusterlib.inputs.panel.preferred_series` picks it, so the clusters' surprises move
    with the city's. The year's remaining quarters of flow series follow the measured rule of
    the as-of month, as in :func:`forecast_tables` (``as_of`` default: the panel's last
    quarter's last month). Scenarios (:mod:`clusterlib.scenarios`) shift these same draws.
    """
    goals = load_catalogue() if goals is None else goals
    wanted = preferred_series(panel, simulated_indicators(goals))
    forecasts, paths = forecast_and_simulate(wanted, 4, n_paths, seed, n_jobs=n_jobs)
    return nowcast_panel(wanted, forecasts, paths, _as_of_month(wanted, as_of), monthly)


def goal_points(
    panel: pd.DataFrame,
    goals: pd.DataFrame | None = None,
    as_of: pd.Period | None = None,
    monthly: dict[tuple[str, str], pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The point forecasts of :func:`goal_draws` (the same numbers) without its paths."""
    goals = load_catalogue() if goals is None else goals
    wanted = preferred_series(panel, simulated_indicators(goals))
    forecasts, _, _ = fit_and_forecast(wanted, 4, DEFAULT_MODELS, progress=False)
    return nowcast_panel(wanted, forecasts, None, _as_of_month(wanted, as_of), monthly)[0]


def goals_from_draws(
    panel: pd.DataFrame,
    quarter: pd.Period,
    forecasts: pd.DataFrame,
    paths: pd.DataFrame,
    goals: pd.DataFrame | None = None,
    register: pd.DataFrame | None = None,
    record: dict | None = None,
) -> pd.DataFrame:
    """Every goal of the catalogue for the quarter's year, from the draws of :func:`goal_draws`.

    Probabilities come from the joint paths; point forecasts give the expected values. Star
    goals (白沙新晋级二星级) take their status from the yearly evaluation's star rule
    (:func:`~clusterlib.evaluation.goal.star_goal_rows`) when the panel has its data, and
    stay ``no data`` otherwise. With a key-project ``register`` (:func:`project_register`),
    the 三个50, infrastructure and 市外资金 goals get their statuses from it as of the
    quarter's last month; without one, or with one that holds no row of that month, they
    stay ``no data``. ``record`` collects each goal
    row's metric per path (:func:`~clusterlib.goals.progress.evaluate_goals`).
    """
    goals = load_catalogue() if goals is None else goals
    results = evaluate_goals(panel, paths, forecasts, goals, quarter.year, quarter, record=record)
    results = star_goal_rows(results, panel, goals, quarter)
    settings = load_ledger_settings()
    month = quarter.asfreq("M", "end")
    return with_register_goals(results, goals, register, month, settings.project_at_risk)


def project_register(projects: str) -> pd.DataFrame | None:
    """The key-project register named in the run settings (a project-relative path), or None."""
    return load_register(resolve([projects])[0]) if projects else None


def slipping(register: pd.DataFrame | None, quarter: pd.Period) -> pd.DataFrame | None:
    """The 三个50 list's projects behind their planned start or completion at the quarter's end.

    None without a register or with one that holds no row of the quarter's last month
    (nothing is known about the projects then).
    """
    month = quarter.asfreq("M", "end")
    if register is None or not holds_month(register, month):
        return None
    late = slipping_projects(register, month)
    return late[late["three_fifty"] != ""].reset_index(drop=True)


def run_slipping(tables_dir: str | Path) -> pd.DataFrame | None:
    """The run's ``tables/slipping_projects.csv``; None if the run had no register."""
    path = Path(tables_dir) / "slipping_projects.csv"
    return read_table(Path(tables_dir).parent, "slipping_projects") if path.exists() else None


def enterprise_results(records: pd.DataFrame, rules: Rules) -> dict[str, pd.DataFrame]:
    """The enterprise tables, cluster land productivity measured against the catalogue's goals."""
    goals = load_catalogue()
    return enterprise_tables(
        records,
        rules,
        va_goal=goal_threshold(goals, "va_per_mu"),
        lp_goal=goal_threshold(goals, "labour_productivity"),
    )


def quarter_tables(
    tables_dir: str | Path,
    quarter: str | None = None,
    as_of_month: str = "",
    data: Sequence[Path] | None = None,
) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """(goals, full-year growth per forecast indicator) from a run's ``tables/`` folder.

    Indicators the run did not forecast are left out. With ``quarter`` (notebook 05), the
    tables must be of that quarter (:func:`check_run_tables`), so their numbers are never
    said of another quarter; with ``data`` (the notebook's files), of a run made from those
    files' contents (:func:`check_run_data`), so they are never said of other data.

    Raises
    ------
    FileNotFoundError
        Naming the missing table.
    ParameterError
        If ``tables_dir`` is no run's ``tables/`` folder, or the run is of another quarter,
        as-of month or data.
    """
    run = Path(tables_dir).parent
    if quarter is not None:
        check_run_tables(Path(tables_dir), quarter, as_of_month)
    if data is not None and (run / "manifest.json").exists():
        check_run_data(run, data)
    full = read_table(run, "full_year")
    per_indicator = {
        indicator: full[full["indicator"] == indicator].reset_index(drop=True)
        for indicator in forecast_indicators(load_catalogue())
        if indicator in set(full["indicator"])
    }
    return read_table(run, "goals"), per_indicator


def quarter_results(
    panel: pd.DataFrame,
    quarter: pd.Period,
    seed: int,
    n_paths: int,
    register: pd.DataFrame | None = None,
    as_of: pd.Period | None = None,
    monthly: dict[tuple[str, str], pd.DataFrame] | None = None,
) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """(goals, full-year growth per forecast indicator), computed here from the panel (with
    the months since the quarter: :func:`nowcast_inputs`)."""
    latest = {"as_of": as_of, "monthly": monthly}
    goals = goal_results(panel, quarter, seed=seed, n_paths=n_paths, register=register, **latest)
    full = {}
    for indicator in forecast_indicators(load_catalogue()):
        series = preferred_series(panel, [indicator])
        _, growth = forecast_tables(series, **latest)
        full[indicator] = full_year(series, growth, quarter.year)
    return goals, full


def hightech_record(official_records: pd.DataFrame) -> pd.DataFrame:
    """The official high-tech record against the catalogue's gap (+2 pp in the 2019 plan)."""
    threshold = goal_threshold(load_catalogue(), "hightech_gap")
    return hightech_official_record(official_records, threshold)


def check_run_tables(tables_dir: Path, quarter: str, as_of_month: str = "") -> None:
    """Raise unless ``tables_dir`` is the ``tables/`` folder of a run of ``quarter``: by its
    manifest (:func:`report_month`) when the run is finished; while the batch builds it (no
    manifest yet), by its tables: the full year's ``year`` and the quarter the forecasts
    start after (the latest first forecast of any series: a series ending early starts
    earlier)."""
    if tables_dir.name != TABLES or not tables_dir.is_dir():
        raise ParameterError(message("tables_not_a_run", folder=tables_dir))
    if (tables_dir.parent / "manifest.json").exists():
        report_month(tables_dir.parent, quarter, as_of_month)
        return
    asked = pd.Period(quarter, freq="Q-DEC")
    years = set(read_table(tables_dir.parent, "full_year")["year"].dropna().astype(int))
    if years and years != {asked.year}:
        shown = ", ".join(map(str, sorted(years)))
        raise ParameterError(
            message(
                "tables_other_year",
                folder=tables_dir,
                years=shown,
                year=str(asked.year),
                quarter=quarter,
            )
        )
    if (tables_dir / "forecasts.csv").exists() or (tables_dir / "forecasts").is_dir():
        forecasts = read_table(tables_dir.parent, "forecasts")  # whole, or its parts joined
        firsts = forecasts.groupby(["region", "indicator", "measure"])["period"].min()
        start = pd.Period(firsts.max(), freq="Q-DEC") if len(firsts) else asked + 1
        if start != asked + 1:
            raise ParameterError(
                message(
                    "tables_other_start",
                    folder=tables_dir,
                    first=str(start),
                    period=str(asked + 1),
                    quarter=quarter,
                )
            )


def check_run_data(report_dir: Path, data: Sequence[Path]) -> None:
    """Raise unless the files ``data`` (folders expanded) hold the contents of the data files
    the finished run ``report_dir`` was made from (its manifest's input hashes), naming the
    files that differ on either side."""
    manifest = report_dir / "manifest.json"
    made = json.loads(manifest.read_text(encoding="utf-8"))
    run = _run_data_hashes(made)
    given = {project_relative(path): sha256(path) for path in expand(list(data))}
    other = [name for name, digest in given.items() if digest not in run.values()]
    lacking = [name for name, digest in run.items() if digest not in given.values()]
    if other or lacking:
        none = message("run_data_none")
        shown = {"other": ", ".join(other) or none, "lacking": ", ".join(lacking) or none}
        raise ParameterError(message("run_other_data", manifest=str(manifest), **shown))


def _run_data_hashes(made: dict) -> dict[str, str]:
    """The manifest's input hashes of the run's ``data`` files (those named by, or inside a
    folder named by, its ``data`` parameter)."""
    named = [paths.ROOT / entry for entry in made.get("parameters", {}).get("data", [])]
    inputs = {paths.ROOT / name: (name, digest) for name, digest in made.get("inputs", {}).items()}
    return dict(
        pair for path, pair in inputs.items() if any(p in (path, *path.parents) for p in named)
    )


def report_month(report_dir: str | Path, quarter: str, as_of_month: str = "") -> str:
    """The as-of month of the run ``report_dir`` ("" for its quarter's end): notebook 08
    shocks only what that run had not seen, and notebook 05 says the months it used.

    Raises
    ------
    ParameterError
        If the report is of another quarter, or ``as_of_month`` is given and is not its month.
    """
    manifest = Path(report_dir) / "manifest.json"
    made = json.loads(manifest.read_text(encoding="utf-8"))
    month = made.get("parameters", {}).get("as_of_month", "")
    if made.get("quarter") != quarter:
        made_of = str(made.get("quarter"))
        raise ParameterError(
            message("run_of_other_quarter", file=manifest, period=made_of, quarter=quarter)
        )
    if as_of_month and as_of_month != month:
        used = month or message("as_of_none")
        raise ParameterError(
            message("run_of_other_month", file=manifest, month=used, as_of=as_of_month)
        )
    return month
