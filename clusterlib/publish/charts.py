"""The product's charts: growth history, fan chart, goal scorecard and cluster ranking."""

from __future__ import annotations

import textwrap
from itertools import repeat

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MultipleLocator

from clusterlib import catalog
from clusterlib.labels import check_lang, t, target_label
from clusterlib.publish.alt_text import describe_charts
from clusterlib.publish.fonts import use_cjk_font

TITLE_SIZE = 18
LABEL_SIZE = 14
TICK_SIZE = 12
LEGEND_SIZE = 12

CITY_COLOUR = "#212121"
ACTUAL_COLOUR = "#1f4e79"
FORECAST_COLOUR = "#2e75b6"
ABOVE_COLOUR = "#2e75b6"
CLUSTER_COLOURS = colormaps["tab20"]
BELOW_COLOUR = "#b0bec5"
STATUS_COLOURS = {
    "met": "#2e7d32",
    "on_track": "#2e7d32",
    "at_risk": "#f9a825",
    "off_track": "#c62828",
    "missed": "#c62828",
    "no_data": "#9e9e9e",
    "not_measurable": "#9e9e9e",
}
SYNTHETIC_GID = "synthetic_stamp"


# --- shared helpers ------------------------------------------------------------------------


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A new figure with one Axes, Chinese font on, detached from pyplot (no double display),
    described by its title when a notebook shows it (:func:`describe_charts`)."""
    use_cjk_font()
    describe_charts()
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    plt.close(fig)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=TICK_SIZE)
    return fig, ax


def _stamp_synthetic(fig: Figure, lang: str) -> None:
    """Write a large translucent "合成演示数据 / SYNTHETIC" mark across the figure."""
    fig.text(
        0.5,
        0.5,
        t("synthetic", lang),
        ha="center",
        va="center",
        rotation=20,
        fontsize=40,
        color="#c62828",
        alpha=0.3,
        zorder=10,
        gid=SYNTHETIC_GID,
    )


def _finish(fig: Figure, ax: Axes, title: str, lang: str, synthetic: bool) -> Figure:
    ax.set_title(title, fontsize=TITLE_SIZE, loc="left", pad=12)
    if synthetic:
        _stamp_synthetic(fig, lang)
    return fig


def _quarters(periods: pd.Series) -> np.ndarray:
    """Quarters as integers (pandas Period ordinals) for a numeric x axis."""
    return pd.PeriodIndex(periods, freq="Q").asi8


def _quarter_axis(ax: Axes, lang: str) -> None:
    """Label the quarter-ordinal x axis (2019年 / 二季度 in zh, 2019Q2 in en): at most ~8
    ticks, fourth quarters included."""
    low, high = ax.dataLim.intervalx
    span = round(high - low) + 1
    step = next(s for s in (1, 2, 4, 8, 16) if span / s <= 8)
    ax.xaxis.set_major_locator(MultipleLocator(step, offset=3 % step))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: quarter_tick(round(x), lang)))


def quarter_tick(ordinal: int, lang: str) -> str:
    """A quarter's tick label: ``2019年\\n二季度`` in zh (the office's words), ``2019Q2`` in en."""
    quarter = pd.Period(ordinal=ordinal, freq="Q")
    if lang != "zh":
        return str(quarter)
    return f"{quarter.year}年\n{'一二三四'[quarter.quarter - 1]}季度"


def _growth_axes(ax: Axes, lang: str) -> None:
    ax.set_ylabel(t("axis_growth_pct", lang), fontsize=LABEL_SIZE)
    low, high = ax.get_ylim()
    if low < 0 < high:  # a zero line only where growth turns negative; never stretch the axis
        ax.axhline(0, color="#9e9e9e", linewidth=0.8, zorder=0)
    ax.grid(axis="y", alpha=0.3)


def _city_id() -> str:
    kinds = catalog.regions()["kind"]
    return str(kinds.index[kinds == "city"][0])


# --- charts --------------------------------------------------------------------------------


def history_chart(
    growth: pd.DataFrame,
    indicator: str,
    lang: str = "zh",
    *,
    basis: str = "ytd",
    synthetic: bool = False,
) -> Figure:
    """Growth (%) over time: the city as a thick line, each cluster as a thin line.

    Parameters
    ----------
    growth : DataFrame
        Long table ``region, period, value``: growth in % per region and quarter
        (``period`` pandas quarterly Periods).
    indicator : str
        Indicator id (named in the title via :func:`clusterlib.catalog.indicator_name`).
    lang : {"zh", "en"}
    basis : {"ytd", "yoy"}
        Cumulative (累计) or single-quarter year-on-year growth; only changes the title.
    synthetic : bool
        Stamp the figure "合成演示数据 / SYNTHETIC".
    """
    check_lang(lang)
    fig, ax = _figure(13, 6.5)
    city = _city_id()
    groups = growth.sort_values("period").groupby("region", sort=False)
    for i, (region, rows) in enumerate(groups):
        is_city = region == city
        ax.plot(
            _quarters(rows["period"]),
            rows["value"].to_numpy(dtype=float),
            label=catalog.region_name(str(region), lang),
            color=CITY_COLOUR if is_city else CLUSTER_COLOURS(i % CLUSTER_COLOURS.N),
            linewidth=3.5 if is_city else 1.3,
            alpha=1.0 if is_city else 0.75,
            zorder=3 if is_city else 2,
        )
    _quarter_axis(ax, lang)
    _growth_axes(ax, lang)
    handles, names = ax.get_legend_handles_labels()
    order = sorted(range(len(handles)), key=lambda i: handles[i].get_zorder(), reverse=True)
    ax.legend(
        [handles[i] for i in order],
        [names[i] for i in order],
        fontsize=LEGEND_SIZE,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
    )
    separator = "" if lang == "zh" else ": "
    title = catalog.indicator_name(indicator, lang) + separator + t(f"growth_{basis}", lang)
    return _finish(fig, ax, title, lang, synthetic)


def fan_chart(
    history: pd.DataFrame,
    forecast: pd.DataFrame,
    city: pd.DataFrame | None = None,
    title: str = "",
    lang: str = "zh",
    synthetic: bool = False,
) -> Figure:
    """Growth (%): actual values, the forecast median and its 80% and 95% intervals (扇形图).

    Parameters
    ----------
    history : DataFrame
        ``period, value``: the actuals.
    forecast : DataFrame
        ``period, mean, lo_80, hi_80, lo_95, hi_95`` (as from
        :func:`clusterlib.publish.fan_charts.growth_fan`).
    city : DataFrame, optional
        ``period, value`` of the city (全市) for comparison, drawn grey and dotted.
    title, lang, synthetic
        Title text (already in ``lang``), language of the other labels, synthetic stamp.

    The median and bands start from the last actual, so the fan opens where the data end.
    """
    check_lang(lang)
    fig, ax = _figure(11, 6)
    history = history.sort_values("period")
    forecast = forecast.sort_values("period")
    last = history.iloc[-1]
    x = np.concatenate([_quarters(pd.Series([last["period"]])), _quarters(forecast["period"])])

    def joined(column: str) -> np.ndarray:
        return np.concatenate([[last["value"]], forecast[column].to_numpy(dtype=float)])

    # drawn in legend order; the bands (zorder 1) stay under the lines (zorder 2)
    ax.plot(
        _quarters(history["period"]),
        history["value"].to_numpy(dtype=float),
        color=ACTUAL_COLOUR,
        linewidth=2.5,
        marker="o",
        label=t("actual", lang),
    )
    ax.plot(
        x,
        joined("mean"),
        color=FORECAST_COLOUR,
        linewidth=2.5,
        linestyle="--",
        label=t("median_forecast", lang),
    )
    for level, alpha in (("80", 0.3), ("95", 0.15)):
        ax.fill_between(
            x,
            joined(f"lo_{level}"),
            joined(f"hi_{level}"),
            color=FORECAST_COLOUR,
            alpha=alpha,
            linewidth=0,
            label=t(f"band_{level}", lang),
        )
    if city is not None:
        city = city.sort_values("period")
        ax.plot(
            _quarters(city["period"]),
            city["value"].to_numpy(dtype=float),
            color="#757575",
            linewidth=1.8,
            linestyle=":",
            label=t("city", lang),
        )
    _quarter_axis(ax, lang)
    _growth_axes(ax, lang)
    ax.legend(fontsize=LEGEND_SIZE, loc="best", frameon=False)
    return _finish(fig, ax, title, lang, synthetic)


def ranking_chart(
    values: pd.DataFrame,
    city_value: float | None = None,
    title: str = "",
    lang: str = "zh",
    synthetic: bool = False,
    *,
    xlabel: str | None = None,
) -> Figure:
    """Horizontal bars of clusters, largest on top, with the city's figure as a dashed line.

    Parameters
    ----------
    values : DataFrame
        ``region, value`` (e.g. forecast full-year growth, %), and optionally ``lo, hi``:
        an 80% interval drawn as a whisker on each bar (rows without one have none).
    city_value : float, optional
        City (全市) figure; bars above it are drawn in a stronger colour.
    title, lang, synthetic
        Title text (already in ``lang``), language of the other labels, synthetic stamp.
    xlabel : str, optional
        Axis label with its unit; default "同比增长（%）" / "Growth on a year earlier (%)".
    """
    check_lang(lang)
    values = values.sort_values("value")
    numbers = values["value"].to_numpy(dtype=float)
    fig, ax = _figure(11, 1.6 + 0.5 * len(values))
    above = numbers > city_value if city_value is not None else np.ones(len(values), bool)
    names = [catalog.region_name(str(r), lang) for r in values["region"]]
    ax.barh(names, numbers, color=np.where(above, ABOVE_COLOUR, BELOW_COLOUR), height=0.7)
    ends = numbers
    if {"lo", "hi"} <= set(values.columns) and values["lo"].notna().any():
        low, high = values["lo"].to_numpy(dtype=float), values["hi"].to_numpy(dtype=float)
        ax.errorbar(
            numbers,
            np.arange(len(values)),
            xerr=[numbers - low, high - numbers],
            fmt="none",
            ecolor=CITY_COLOUR,
            elinewidth=1.2,
            capsize=4,
            label=t("band_80", lang),
        )
        ends = np.fmax(numbers, high)  # the label goes beyond the whisker
    for y, (end, number) in enumerate(zip(ends, numbers, strict=True)):
        ax.annotate(
            f"{number:.1f}",
            (max(end, 0.0), y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=TICK_SIZE,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
        )
    ax.axvline(0, color="#9e9e9e", linewidth=0.8)
    ax.set_xlabel(xlabel or t("axis_growth_pct", lang), fontsize=LABEL_SIZE)
    ax.tick_params(axis="y", length=0, labelsize=LABEL_SIZE)
    if city_value is not None:
        ax.axvline(
            city_value,
            color=CITY_COLOUR,
            linewidth=2,
            linestyle="--",
            label=f"{t('city', lang)} {city_value:.1f}",
        )
    if city_value is not None or ends is not numbers:
        ax.legend(fontsize=LEGEND_SIZE, loc="lower right", frameon=False)
    ax.margins(x=0.12)
    return _finish(fig, ax, title, lang, synthetic)


def _status_style(status: str) -> dict:
    """Text colour and coloured box of a status cell (green / amber / red / grey)."""
    if status not in STATUS_COLOURS:
        raise KeyError(f"unknown goal status {status!r}; known: {', '.join(STATUS_COLOURS)}")
    box = {"boxstyle": "round,pad=0.4", "facecolor": STATUS_COLOURS[status], "edgecolor": "none"}
    return {"color": "black" if status == "at_risk" else "white", "bbox": box, "gid": "status"}


def _wrap(text: str, width: int) -> str:
    """At most two lines of ``width`` characters (Chinese text breaks anywhere)."""
    return "\n".join(textwrap.wrap(text, width, max_lines=2, placeholder="…"))


def _cell(value: float, template: str) -> str:
    return "–" if pd.isna(value) else template.format(value)


def _goal_rows(goals: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The scorecard's text cells, one row per goal."""
    names = goals["metric"].map(lambda m: catalog.indicator_name(str(m), lang))
    labels = goals["label"].fillna(names) if "label" in goals else names
    return pd.DataFrame(
        {
            "goal": labels.map(lambda s: _wrap(str(s), 22 if lang == "zh" else 36)),
            "scope": goals["scope"].map(lambda s: catalog.region_name(str(s), lang)),
            "threshold": [
                target if isinstance(target, str) else _cell(target, "{:g}")
                for target in map(target_label, goals["metric"], goals["threshold"], repeat(lang))
            ],
            "probability": goals["probability"].map(lambda v: _cell(100 * v, "{:.0f}%")),
            "required_growth": goals["required_growth"].map(lambda v: _cell(v, "{:.1f}")),
            "status": goals["status"].map(lambda s: t(s, lang)),
        }
    )


SCORECARD_COLUMNS = {  # column: (x position in axes fraction, horizontal alignment)
    "goal": (0.0, "left"),
    "scope": (0.36, "left"),
    "threshold": (0.64, "center"),
    "probability": (0.73, "center"),
    "required_growth": (0.83, "center"),
    "status": (0.935, "center"),
}


def scorecard(goals: pd.DataFrame, lang: str = "zh", synthetic: bool = False) -> Figure:
    """A table of the plan's goals with a coloured status, probability and growth needed.

    Parameters
    ----------
    goals : DataFrame
        ``goal_id, scope, metric, threshold, probability, status, required_growth`` and
        optionally ``label`` (the goal in words, shown instead of the metric name).
        ``status`` is one of ``met, on_track`` (green), ``at_risk`` (amber),
        ``off_track, missed`` (red), ``no_data, not_measurable`` (grey).
    lang, synthetic
        Language of all text; synthetic stamp.

    Raises
    ------
    KeyError
        If a status is not one of the above.
    """
    check_lang(lang)
    goals = goals.assign(status=goals["status"].str.replace(" ", "_"))  # "on track" → on_track
    styles = [_status_style(s) for s in goals["status"]]
    fig, ax = _figure(14, 1.4 + 0.75 * (len(goals) + 1))
    ax.set(xlim=(0, 1), ylim=(len(goals) + 0.5, -0.4))
    ax.axis("off")
    for column, (x, align) in SCORECARD_COLUMNS.items():
        ax.text(x, 0, _wrap(t(column, lang), 12), ha=align, va="center", fontsize=LABEL_SIZE)
    ax.axhline(0.5, color=CITY_COLOUR, linewidth=1.2)
    rows = _goal_rows(goals, lang).to_dict("records")
    for i, (row, style) in enumerate(zip(rows, styles, strict=True), start=1):
        for column, (x, align) in SCORECARD_COLUMNS.items():
            extra = style if column == "status" else {}
            ax.text(x, i, row[column], ha=align, va="center", fontsize=LABEL_SIZE, **extra)
        ax.axhline(i + 0.5, color="#e0e0e0", linewidth=0.8)
    return _finish(fig, ax, t("scorecard_title", lang), lang, synthetic)
