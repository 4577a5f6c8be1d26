"""The quarterly bulletin (季通报): its sentences and tables, in words, from the result tables."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog
from clusterlib.coverage import Coverage
from clusterlib.forecasting.factor import MIN_MONTHS
from clusterlib.forecasting.nowcast import QUARTERLY, Outlook
from clusterlib.goals.catalogue import goal_units, load_settings
from clusterlib.goals.progress import GOAL_STATUSES
from clusterlib.labels import (
    BULLETIN_TEXT,
    column_label,
    gap_unit,
    goal_decimals,
    goal_label,
    goal_value,
    in_sentence,
    listed,
    outlook_method,
    regions_listed,
    status_label,
    t,
    target_label,
)
from clusterlib.publish.alt_text import with_alt_text

HEADLINE_SCOPES = ("city", "all_clusters")
AT_RISK = ("at risk", "off track", "missed")
UNJUDGED = ("no data", "not measurable")
"""Statuses of goals the bulletin counts as not judged (no data, or no measure)."""
NOT_YET = "not yet"
"""How the bulletin words a level goal (metric ``latest``: a rate, a count) that is ``off
track`` before the year is over: its value at the quarter is below the target (尚未达到), which
is all the status says (docs/goals.md); ``goals.csv`` keeps ``off track``."""
STATUS_ORDER = (*(s for s in GOAL_STATUSES if s not in (*UNJUDGED, "missed")), NOT_YET, "missed")
"""The measurable statuses as the bulletin words them, in the order it counts them."""
OPEN = ("on track", "at risk", "off track")
"""Statuses of goals whose outcome is still open."""
WORST_FIRST = ("missed", "off track", NOT_YET, "at risk")
"""The order in which a goal's line counts its clusters needing attention."""
OPTIONAL_COLUMNS = ("probability", "required_growth")
"""Columns of the goal tables left out when blank on every row (every goal settled: Q4)."""
SETTLED = ("met", "missed")
"""Statuses whose outcome is known: no probability is quoted for them."""
NAMED_CLUSTERS = 3
"""A goal's line names its clusters when there are at most this many."""
NOT_IN_REPORT = "not-in-report"
"""Tag of the notebook cells that the HTML report leaves out."""
CHINESE_NUMERALS = "零一二三四五六七八九十"


def title(quarter: str, lang: str = "zh") -> str:
    """Bulletin title for a quarter such as ``2019Q2``."""
    year, q = quarter.split("Q")
    label = f"第{CHINESE_NUMERALS[int(q)]}季度" if lang == "zh" else f"Q{q}"
    return BULLETIN_TEXT[lang]["title"].format(year=year, quarter=label)


def growth_sentence(full: pd.DataFrame, lang: str = "zh") -> str:
    """One sentence on an indicator's full-year growth: the city, the leaders and laggards.

    Figures are compared at one decimal, as they are shown and published; the sentence says
    预计 (forecast) unless the city's figure is the year's actual (``basis``, a run at Q4),
    and then names the clusters whose figure is still a forecast (their year is incomplete).
    Only clusters are counted and named: an aggregate in the data (``all_clusters``,
    ``zz_clusters``) or a reference region is not one (:func:`catalog.not_clusters`).
    """
    full = full.assign(full_year_growth=full["full_year_growth"].round(1))
    clusters = full[~full["region"].isin(catalog.not_clusters())].sort_values("full_year_growth")
    indicator = catalog.indicator_name(str(full["indicator"].iloc[0]), lang)
    if not (full["region"] == "city").any():  # no figure of the year: no outlook, no ranking
        return BULLETIN_TEXT[lang]["growth_no_city"].format(
            indicator=indicator, year=int(full["year"].iloc[0]), n=len(clusters)
        )
    city = float(full.loc[full["region"] == "city", "full_year_growth"].iloc[0])
    best, worst = clusters.iloc[-1], clusters.iloc[0]
    actual = "basis" in full and bool(
        (full.loc[full["region"] == "city", "basis"] == "actual").all()
    )
    sentence = BULLETIN_TEXT[lang]["growth_actual" if actual else "growth"].format(
        indicator=indicator,
        city=city,
        above=int((clusters["full_year_growth"] > city).sum()),
        best=catalog.region_name(best["region"], lang),
        best_value=best["full_year_growth"],
        worst=catalog.region_name(worst["region"], lang),
        worst_value=worst["full_year_growth"],
    )
    return sentence + (_forecast_among_actuals(full, lang) if actual else "")


def _forecast_among_actuals(full: pd.DataFrame, lang: str) -> str:
    """The clause naming the clusters whose figure is a forecast in a sentence of actual
    figures (a gap at Q4; "" when there is none)."""
    forecast = full.loc[full["basis"] != "actual", "region"]
    if forecast.empty:
        return ""
    names = regions_listed(forecast.astype(str).tolist(), lang, set(full["region"].astype(str)))
    return BULLETIN_TEXT[lang]["growth_forecast_part"].format(names=names)


def goals_sentence(goals: pd.DataFrame, lang: str = "zh") -> str:
    """One sentence counting the measurable goals by status (:data:`STATUS_ORDER`, as
    :func:`shown_status` words them), each status named: a missed goal is not called at risk,
    nor a goal on track met; without any measurable goal (none of the run's year, or none
    with data), a sentence saying so. It says what it counts: the plan's goals, one item per
    goal and scope (a goal of every cluster counts once per cluster), so its numbers are not
    those of the scorecard's goals. The goals without data or not measurable are counted
    after it, never left unsaid."""
    text = BULLETIN_TEXT[lang]
    counts = shown_status(goals).value_counts()
    if not counts.reindex(STATUS_ORDER).sum():
        return text["no_goals"]
    sentence = text["goals"].format(
        goals=goals["goal_id"].nunique(),
        items=len(goals),
        n=int(counts.reindex(STATUS_ORDER).sum()),
        parts=_status_parts(counts, STATUS_ORDER, lang),
    )
    unjudged = _status_parts(counts, UNJUDGED, lang)
    return sentence + (text["goals_unjudged"].format(parts=unjudged) if unjudged else "")


def status_rule(goals: pd.DataFrame, lang: str = "zh") -> str:
    """The rule behind the statuses in one sentence (the settings' cut-offs of the
    probability, the level goals judged on their latest value), when a goal's outcome is
    still open; "" once every goal is decided (met or missed by the year's actual)."""
    if not goals["status"].isin(OPEN).any():
        return ""
    settings = load_settings()
    return BULLETIN_TEXT[lang]["status_rule"].format(
        on_track=settings.on_track, at_risk=settings.at_risk
    )


def shown_status(goals: pd.DataFrame) -> pd.Series:
    """Each goal row's status as the bulletin words it: a level goal (metric ``*.latest``)
    ``off track`` before the year is over reads :data:`NOT_YET` (尚未达到: its value at the
    quarter is below the target), the others as they are."""
    if "metric" not in goals:
        return goals["status"]
    latest = goals["metric"].astype(str).str.endswith(".latest")
    return goals["status"].mask(latest & (goals["status"] == "off track"), NOT_YET)


def _figures(goals: pd.DataFrame, column: str = "actual") -> pd.Series:
    """A figure column of a goal table (``actual``, ``threshold``); blank if it has none."""
    return goals[column] if column in goals else pd.Series(np.nan, index=goals.index)


def _status_parts(counts: pd.Series, statuses: tuple[str, ...], lang: str) -> str:
    """The goals counted by status, in ``statuses``' order: 有望达成27项、有风险7项."""
    text = BULLETIN_TEXT[lang]
    return text["list_separator"].join(
        text["goals_part"].format(k=int(counts[s]), status=status_label(s, lang))
        for s in statuses
        if counts.get(s, 0)
    )


def paragraphs(
    goals: pd.DataFrame,
    full: dict[str, pd.DataFrame],
    late: pd.DataFrame | None,
    year: int,
    lang: str = "zh",
    coverage: Coverage | None = None,
    outlook: Outlook | None = None,
) -> list[str]:
    """The bulletin's paragraphs in order, for the HTML page and the Word document alike.

    What the data lack at the quarter (if anything), the full-year growth of each indicator
    and, with ``outlook`` (the month the outlook uses), its method, the goals, the historical
    test, and the key projects behind schedule (with a register).
    """
    settings = load_settings()
    out = [coverage.sentence(lang)] if coverage is not None and not coverage.complete else []
    out += [growth_sentence(table, lang) for table in full.values() if not table.empty]
    shown = [(str(r), str(i)) for i, table in full.items() for r in table["region"]]
    out += [outlook_sentence(outlook, lang, shown)] if outlook and outlook.month.month < 12 else []
    out.append(goals_sentence(goals, lang))
    rule = status_rule(goals, lang)
    out += [rule] if rule else []  # what 有望达成 … 偏离 mean, where they are first counted
    past = history_sentence(goals, settings.hac_window // 4, year, settings.alpha, lang)
    out += [past] if past else []  # the past eight years, not the year's goal
    if late is not None:  # no register, no sentence on the projects
        out.append(slipping_sentence(late, lang))
    return out


def outlook_sentence(
    outlook: Outlook,
    lang: str = "zh",
    shown: Collection[tuple[str, str]] = (),
    full: pd.DataFrame | None = None,
) -> str:
    """The month whose data the full-year outlook uses and its method, in ``lang``, with the
    method's measured 80% coverage (:attr:`Outlook.calibration`) where the bench measured it.

    In December, with the city's full-year figure an actual in ``full`` (an indicator's
    :func:`clusterlib.pipeline.full_year` table), nothing is forecast: the sentence states the
    year's actual instead (:func:`year_actual_sentence`), with no method.

    When the method is the quarterly models' and they fit none of the ``shown`` (region,
    indicator) series (the bulletin's full-year figures: every one is in
    :attr:`Outlook.naive`), it applies to none of them: the sentence names the month and the
    naive forecasts only, not the method nor its coverage. (A month's rule that also reads
    the months in hand still applies, on the naive quarters.) Series of every region of
    ``shown`` read 全市及各集聚区 (:func:`kept_series`).
    """
    text = BULLETIN_TEXT[lang]
    if outlook.month.month == 12 and full is not None and _city_actual(full):
        return year_actual_sentence(full, outlook, lang)
    report = {region for region, _ in shown}  # the regions a list of all of them covers
    if outlook.method == QUARTERLY and shown and set(shown) <= set(outlook.naive):
        return text["outlook_naive_only"].format(
            month=outlook.month.month,
            month_en=outlook.month.strftime("%B"),
            series=kept_series(outlook.naive, lang, report),
        )
    sentence = text["outlook"].format(
        month=outlook.month.month,
        month_en=outlook.month.strftime("%B"),
        method=outlook_method(outlook.method, lang),
    )
    space = "" if lang == "zh" else " "
    found = outlook.calibration
    if found is not None:
        narrower = round(100 * found.shock) < round(100 * found.overall)
        shock = text["outlook_shock" if narrower else "outlook_no_shock"].format(shock=found.shock)
        sentence += space + text["outlook_coverage"].format(overall=found.overall) + shock
    if outlook.kept and outlook.method != QUARTERLY:
        sentence += space + text["outlook_kept"].format(
            series=kept_series(outlook.kept, lang, report)
        )
    if outlook.stand_in:
        series = kept_series(outlook.stand_in, lang, report)
        sentence += space + text["outlook_stand_in"].format(series=series, months=MIN_MONTHS + 1)
    if outlook.naive:
        sentence += space + text["outlook_naive"].format(
            series=kept_series(outlook.naive, lang, report)
        )
    return sentence


def _city_actual(full: pd.DataFrame) -> bool:
    """Whether the city's full-year figure of ``full`` is the year's actual."""
    city = full[full["region"] == "city"]
    return "basis" in full and not city.empty and bool((city["basis"] == "actual").all())


def year_actual_sentence(full: pd.DataFrame, outlook: Outlook, lang: str = "zh") -> str:
    """The year's actual of an indicator (``full``, its city figure an actual): 全年实际：
    规模以上工业增加值1—12月累计增长8.3%（全市），全年数据已齐，不作预测。 A region whose
    year is incomplete (its figure a forecast) is named, with the method of its forecast."""
    text = BULLETIN_TEXT[lang]
    city = full[full["region"] == "city"].iloc[0]
    name = catalog.indicator_name(str(city["indicator"]), lang)
    sentence = text["outlook_year_actual"].format(
        indicator=name if lang == "zh" else in_sentence(name),
        city=round(float(city["full_year_growth"]), 1),
    )
    forecast = full.loc[full["basis"] != "actual", "region"].astype(str).tolist()
    if forecast:
        names = regions_listed(forecast, lang, set(full["region"].astype(str)))
        method = outlook_method(outlook.method, lang)
        sentence += text["outlook_year_forecast"].format(names=names, method=method)
    return sentence


def kept_series(
    kept: Sequence[tuple[str, str]], lang: str = "zh", report: Collection[str] = ()
) -> str:
    """(region, indicator) series grouped by their regions, indicators in catalogue order:
    航空港区和经开区的规模以上工业增加值、固定资产投资；郑州市的…; in English "in Airport and
    Econ-tech, value added of above-scale industry and fixed-asset investment; in …". Every
    region of the ``report`` reads 全市及各集聚区, every cluster 各集聚区
    (:func:`~clusterlib.labels.regions_listed`)."""
    order = {indicator: i for i, indicator in enumerate(catalog.indicators().index)}
    regions: dict[str, list[str]] = {}
    for region, indicator in kept:
        regions.setdefault(indicator, []).append(region)
    groups: dict[tuple[str, ...], list[str]] = {}
    for indicator in sorted(regions, key=lambda i: order.get(i, len(order))):
        name = catalog.indicator_name(indicator, lang)
        groups.setdefault(tuple(regions[indicator]), []).append(
            name if lang == "zh" else in_sentence(name)
        )
    where = {group: regions_listed(group, lang, report) for group in groups}
    if lang == "zh":
        return "；".join(f"{where[group]}的{'、'.join(what)}" for group, what in groups.items())
    return "; ".join(f"in {where[group]}, {listed(what, 'en')}" for group, what in groups.items())


def history_sentence(
    goals: pd.DataFrame, years: int, year: int, alpha: float = 0.05, lang: str = "zh"
) -> str:
    """One sentence on the historical test: the clusters whose past growth beat the city's.

    The test (``past_*`` columns of :func:`clusterlib.goals.progress.evaluate_goals`) is about
    the mean growth gap of the last ``years`` years, not about the goal ``year``, and the
    sentence says so. Per beat-the-city goal of the clusters: how many were tested and how
    many have ``past_p_adjusted`` below ``alpha`` (named when at most :data:`NAMED_CLUSTERS`).
    Empty when no cluster was tested.
    """
    text = BULLETIN_TEXT[lang]
    tested = goals[
        goals["metric"].str.endswith("_minus_city_pp")
        & ~goals["scope"].isin(HEADLINE_SCOPES)
        & goals["past_p_adjusted"].notna()
    ]
    parts = []
    for metric, group in tested.groupby("metric", sort=False):
        flagged = group.loc[group["past_p_adjusted"] < alpha, "scope"].astype(str).tolist()
        part = text["history_part"].format(
            indicator=catalog.indicator_name(str(metric).split(".")[0], lang),
            flagged=len(flagged),
            tested=len(group),
        )
        if 0 < len(flagged) <= NAMED_CLUSTERS:
            names = text["list_separator"].join(catalog.region_name(s, lang) for s in flagged)
            part += text["risk_names"].format(names=names)
        parts.append(part)
    if not parts:
        return ""
    spelled = CHINESE_NUMERALS[years] if lang == "zh" and years <= 10 else str(years)
    return text["history"].format(
        years=spelled, year=year, parts=text["part_separator"].join(parts)
    )


def slipping_sentence(slipping: pd.DataFrame, lang: str = "zh") -> str:
    """One sentence on the 三个50 list's projects behind their planned start or completion.

    ``slipping`` is :func:`clusterlib.pipeline.slipping`'s table: the list's projects of
    :func:`clusterlib.ledger.projects.slipping_projects` (longest delay first).
    """
    if slipping.empty:
        return BULLETIN_TEXT[lang]["no_slipping"]
    worst = slipping.sort_values("months_late", ascending=False, kind="stable").iloc[0]
    return BULLETIN_TEXT[lang]["slipping"].format(
        n=len(slipping),
        starts=int((slipping["slip"] == "start").sum()),
        ends=int((slipping["slip"] == "completion").sum()),
        name=worst["name"],
        cluster=catalog.region_name(str(worst["cluster"]), lang),
        months=int(worst["months_late"]),
    )


def goals_at_risk(goals: pd.DataFrame, lang: str = "zh", max_lines: int = 10) -> list[str]:
    """One line per goal at risk, off track or missed; a goal's clusters share its line.

    Lines are ordered by importance: the lowest probability of meeting the goal first (goals
    without a probability after those with one), then the order of ``goals`` (the plan's).
    A goal of one scope shows its probability and required growth; a goal missed by several
    clusters counts them by status (naming them when there are at most
    :data:`NAMED_CLUSTERS`) with the lowest probability. Beyond ``max_lines`` lines, the last
    line says how many more goals the table of :func:`at_risk_table` lists.
    """
    text = BULLETIN_TEXT[lang]
    flagged = goals[goals["status"].isin(AT_RISK)]
    order = {goal: i for i, goal in enumerate(dict.fromkeys(goals["goal_id"]))}
    groups = sorted(
        flagged.groupby("goal_id", sort=False),
        key=lambda item: (_lowest(item[1]), order[item[0]]),
    )
    units = goal_units()
    lines = [_risk_line(group, lang, units.get(str(goal))) for goal, group in groups]
    if len(lines) > max_lines:
        shown = max(max_lines - 1, 0)
        lines = [*lines[:shown], text["risk_more"].format(n=len(lines) - shown)]
    return lines


def _latest_values(rows: pd.DataFrame, unit: str | None, lang: str) -> str:
    """The latest values of a goal's clusters not yet at its level: each named with its value
    when at most :data:`NAMED_CLUSTERS`, else their range (（最新值93.6%—98.3%）)."""
    text = BULLETIN_TEXT[lang]
    if len(rows) <= NAMED_CLUSTERS:
        named = text["list_separator"].join(
            text["latest_named"].format(
                name=catalog.region_name(str(scope), lang), value=goal_value(value, unit, lang)
            )
            for scope, value in zip(rows["scope"], rows["actual"], strict=True)
        )
        return text["risk_names"].format(names=named)
    low, high = (goal_value(v, unit, lang) for v in (rows["actual"].min(), rows["actual"].max()))
    if low == high:
        return text["latest_detail"].format(value=low)
    return text["latest_range"].format(low=low, high=high)


def _lowest(group: pd.DataFrame) -> float:
    """The lowest probability among a goal's rows; 2 (after every probability) when none."""
    lowest = group["probability"].min()
    return 2.0 if pd.isna(lowest) else float(lowest)


def _risk_line(group: pd.DataFrame, lang: str, unit: str | None = None) -> str:
    """The line of one goal: its single scope in full, or its clusters counted by status.

    A goal missed states the year's figure and how far it fell short, in the goal's ``unit``
    (电子信息…（郑州市）：未达成，全年实际3861.6亿元，差138.4亿元); a level goal not yet reached
    (:data:`NOT_YET`) its latest value (for several clusters: each named one's, else the range).
    """
    text = BULLETIN_TEXT[lang]
    goal_id = str(group["goal_id"].iloc[0])
    shown = shown_status(group)
    if len(group) == 1:
        goal = next(group.itertuples())
        status = str(shown.iloc[0])
        actual, threshold = (_figures(group, c).iloc[0] for c in ("actual", "threshold"))
        detail = ""
        if status == NOT_YET:
            detail += text["latest_detail"].format(value=goal_value(actual, unit, lang))
        if status == "missed" and pd.notna(actual) and pd.notna(threshold):
            shown_actual = round(float(actual), goal_decimals(unit))  # the gap adds up
            detail += text["settled_detail"].format(
                actual=goal_value(shown_actual, unit, lang, signed=unit == "pp"),
                gap=goal_value(abs(threshold - shown_actual), gap_unit(unit), lang),
            )
        if pd.notna(goal.probability) and goal.status not in SETTLED:
            detail += text["probability"].format(p=goal.probability)
        if pd.notna(goal.required_growth):
            detail += text["required"].format(g=goal.required_growth)
        return text["risk_item"].format(
            goal=goal_label(goal_id, lang),
            scope=catalog.region_name(str(goal.scope), lang),
            status=status_label(status, lang),
            detail=detail,
        )
    parts = []
    for status in WORST_FIRST:
        rows = group[shown == status]
        if rows.empty:
            continue
        part = text["risk_part"].format(n=len(rows), status=status_label(status, lang))
        scopes = rows["scope"].astype(str).tolist()
        if status == NOT_YET:
            part += _latest_values(rows, unit, lang)
        elif len(scopes) <= NAMED_CLUSTERS:
            names = text["list_separator"].join(catalog.region_name(s, lang) for s in scopes)
            part += text["risk_names"].format(names=names)
        parts.append(part)
    detail = ""
    open_ = group.loc[~group["status"].isin(SETTLED), "probability"]
    if open_.notna().any():
        detail = text["lowest_probability"].format(p=open_.min())
    return text["risk_group"].format(
        goal=goal_label(goal_id, lang), parts=text["part_separator"].join(parts), detail=detail
    )


def open_probability(goals: pd.DataFrame) -> pd.Series:
    """The probability of each goal whose outcome is still open; blank for a goal met or
    missed (:data:`SETTLED`), as in the lines above the tables."""
    return goals["probability"].where(~goals["status"].isin(SETTLED))


def at_risk_table(goals: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Every goal and scope at risk, off track or missed, labelled: the table below the lines
    (no probability for a missed goal: :func:`open_probability`; the probability and required
    growth columns only where a row has one, not at Q4 when every goal is settled). Statuses
    as :func:`status_cells` words them; once the year is over, a 全年实际 column gives each
    figure with its unit (:func:`actual_column`)."""
    flagged = goals[goals["status"].isin(AT_RISK)]
    table = pd.DataFrame(
        {
            "goal": flagged["goal_id"].map(lambda g: goal_label(g, lang)),
            "scope": flagged["scope"].map(lambda r: catalog.region_name(str(r), lang)),
            "status": status_cells(flagged, lang),
            **actual_column(flagged, goals, lang),
            "probability": open_probability(flagged),
            "required_growth": flagged["required_growth"],
        }
    )
    table = without_blank_columns(table, OPTIONAL_COLUMNS)
    return table.rename(columns=lambda c: column_label(c, lang)).reset_index(drop=True)


def status_cells(goals: pd.DataFrame, lang: str = "zh") -> pd.Series:
    """Each row's status in words (:func:`shown_status`); a level goal not yet reached with its
    latest value, in its unit: 尚未达到（最新值97.6%）."""
    units = goal_units()
    text = BULLETIN_TEXT[lang]
    cells = [
        status_label(status, lang)
        + (
            text["latest_detail"].format(value=goal_value(actual, units.get(str(goal)), lang))
            if status == NOT_YET
            else ""
        )
        for status, actual, goal in zip(
            shown_status(goals), _figures(goals), goals["goal_id"], strict=True
        )
    ]
    return pd.Series(cells, index=goals.index, dtype=object)


def actual_column(
    rows: pd.DataFrame, goals: pd.DataFrame, lang: str = "zh"
) -> dict[str, pd.Series]:
    """{全年实际: each row's figure in its goal's unit (3861.6亿元, 97.6%, -1.5个百分点)} once
    the year is over (no goal of ``goals`` still open and one decided), else {} (a figure to
    date is not comparable with a full-year target); {} too when no row has a figure."""
    if goals["status"].isin(OPEN).any() or not goals["status"].isin(SETTLED).any():
        return {}
    units = goal_units()
    cells = [
        goal_value(value, units.get(str(goal)), lang, signed=units.get(str(goal)) == "pp")
        for value, goal in zip(_figures(rows), rows["goal_id"], strict=True)
    ]
    if not any(cells):  # no figure in any row: no column of empty cells
        return {}
    return {t("actual_full_year", lang): pd.Series(cells, index=rows.index, dtype=object)}


def scorecard_table(goals: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The scorecard as a table (goals of :func:`headline_goals`), labelled in ``lang``; a
    target reads with its unit, 48万元/亩, or 高于全市 for a beat-the-city goal
    (:func:`clusterlib.labels.target_label`); a goal met or missed has no probability
    (:func:`open_probability`), and the probability and required growth columns are left out
    when no row has one (Q4), when the year's figures show (全年实际, :func:`actual_column`)."""
    headline = headline_goals(goals, lang)
    metrics = headline["metric"] if "metric" in headline else [""] * len(headline)
    units = goal_units()
    targets = zip(metrics, headline["threshold"], headline["goal_id"], strict=True)
    table = pd.DataFrame(
        {
            "goal": headline["label"],
            "scope": headline["scope"].map(lambda r: catalog.region_name(str(r), lang)),
            "threshold": pd.Series(
                [target_label(m, v, lang, units.get(str(g))) for m, v, g in targets], dtype=object
            ),
            **actual_column(headline, goals, lang),
            "probability": open_probability(headline),
            "required_growth": headline["required_growth"],
            "status": status_cells(headline, lang),
        }
    )
    table = without_blank_columns(table, OPTIONAL_COLUMNS)
    return table.rename(columns=lambda c: column_label(c, lang))


def formatted(table: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A labelled table's numbers as text: probabilities in %, growth and targets rounded
    (a target in words, 高于全市, as it is)."""
    formats = {
        column_label("probability", lang): "{:.0%}",
        column_label("required_growth", lang): "{:.1f}",
        column_label("threshold", lang): "{:g}",
    }
    shown = {
        c: table[c].map(
            lambda v, f=f: v if isinstance(v, str) else "" if pd.isna(v) else f.format(v)
        )
        for c, f in formats.items()
        if c in table
    }
    return table.assign(**shown)


def without_blank_columns(table: pd.DataFrame, columns: Collection[str]) -> pd.DataFrame:
    """``table`` without those of ``columns`` that are blank (missing) on every row: a table
    of the bulletin shows no column of empty cells (the full-year tables' 80% interval in a
    year of actuals, the goals' probabilities at Q4); other columns are always kept."""
    blank = [c for c in columns if c in table and table[c].isna().all()]
    return table.drop(columns=blank)


def headline_goals(goals: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Goals for the city or all clusters together, labelled: the bulletin's scorecard."""
    headline = goals[goals["scope"].isin(HEADLINE_SCOPES)].reset_index(drop=True)
    return headline.assign(label=headline["goal_id"].map(lambda g: goal_label(g, lang)))


def write_bulletin_html(notebook: Path, path: Path, title: str) -> None:
    """An executed notebook as one HTML file: code hidden, charts embedded.

    Printed text (stream outputs) and cells tagged :data:`NOT_IN_REPORT` (a notebook's
    introduction for its reader in Jupyter) are left out. The page declares the language of
    the run (the notebook's ``lang`` parameter, zh by default) as ``<html lang>``, so that
    browsers and screen readers read a Chinese report as Chinese; a chart's alt text is its
    title (:func:`~clusterlib.publish.alt_text.with_alt_text`), in the report's language, not
    nbconvert's English default.
    """
    import nbformat
    from nbconvert import HTMLExporter

    executed = nbformat.read(notebook, as_version=4)
    executed.metadata["title"] = title  # the page's <title>; nbconvert escapes it
    executed.cells = [c for c in executed.cells if NOT_IN_REPORT not in c.metadata.get("tags", [])]
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if o.output_type != "stream"]
    with_alt_text(executed)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True)
    exporter.exclude_output_prompt = True
    exporter.language_code = (
        executed.metadata.get("papermill", {}).get("parameters", {}).get("lang", "zh")
    )
    body, _ = exporter.from_notebook_node(executed)
    path.write_text(body, encoding="utf-8")
