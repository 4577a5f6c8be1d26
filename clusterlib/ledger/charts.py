"""The ledger's pictures: a colour-coded table and small multiples of monthly 累计 growth."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from pandas.io.formats.style import Styler

from clusterlib import catalog
from clusterlib.labels import t
from clusterlib.ledger.indicators import NO_DATA, SHOWN_COLUMNS
from clusterlib.ledger.labels import header, value_label
from clusterlib.publish.alt_text import describe_charts
from clusterlib.publish.charts import _stamp_synthetic
from clusterlib.publish.fonts import use_cjk_font

STATUS_COLOURS = {
    "above_city": "#b7e1cd",
    "meets_gap": "#b7e1cd",
    "level_with_city": "#fce8b2",
    "below_city": "#f4c7c3",
    "misses_gap": "#f4c7c3",
    NO_DATA: "#e0e0e0",
}
"""Row colours by the plan's test: beats the city (or +2 pp) green, level amber, below red;
grey for a region without data at the month."""
WORD_COLUMNS = ("plan_status", "target_source", "progress_status", "seasonal_basis")
NO_WORD = "—"  # a word column without a word (a region without data, no target): as a figure


def ledger_style(rows: pd.DataFrame, lang: str = "zh") -> Styler:
    """One indicator's ledger rows coloured by the plan's test, headers (with units; the 累计
    as 1—6月累计) in ``lang``; an empty figure or word reads :data:`NO_WORD` (never ``nan``)."""
    table = rows[SHOWN_COLUMNS].dropna(axis="columns", how="all").reset_index(drop=True)
    colours = table["plan_status"].map(STATUS_COLOURS).fillna("")
    table = table.assign(**{c: table[c].map(lambda s: _word(s, lang)) for c in WORD_COLUMNS})
    unit = catalog.indicators().at[rows["indicator"].iloc[0], "unit"]
    month = pd.Period(str(rows["month"].iloc[0]), freq="M")  # the 累计's months: 1—6月累计
    table.columns = [header(c, lang, unit, month) for c in table.columns]

    def paint(row: pd.Series) -> list[str]:
        colour = colours.iloc[row.name]
        return [f"background-color: {colour}" if colour else ""] * len(row)

    # one format call: a second one resets the other columns to six decimals (pandas 3)
    ranks = {header("rank", lang): "{:.0f}"}
    styled = table.style.apply(paint, axis=1).format(ranks, precision=1, na_rep=NO_WORD)
    return styled.hide(axis="index")


def growth_small_multiples(
    ledger: pd.DataFrame, indicator: str, lang: str = "zh", synthetic: bool = False
) -> Figure:
    """One panel per cluster: monthly 累计 growth this year (line), the city dotted; its
    title (the indicator) describes it on the ledger's page (:func:`describe_charts`)."""
    use_cjk_font()
    describe_charts()
    rows = ledger[ledger["indicator"] == indicator]
    months = sorted(rows["month"].unique())
    city = rows[rows["region"] == "city"].set_index("month")["growth"].reindex(months)
    clusters = [r for r in dict.fromkeys(rows["region"]) if r != "city"]
    n_cols = 4
    n_rows = max(1, int(np.ceil(len(clusters) / n_cols)))
    fig, axes = plt.subplots(
        n_rows, n_cols, figsize=(2.6 * n_cols, 1.9 * n_rows), sharex=True, sharey=True
    )
    x = np.arange(len(months))
    for ax, region in zip(axes.ravel(), clusters, strict=False):
        own = rows[rows["region"] == region].set_index("month")["growth"].reindex(months)
        ax.plot(x, own.to_numpy(), color="#1f4e79", marker="o", markersize=3)
        ax.plot(x, city.to_numpy(), color="#555555", linestyle=":", label=t("city", lang))
        ax.text(0.5, 1.03, _name(region, lang), transform=ax.transAxes, ha="center", fontsize=8)
        ax.tick_params(labelsize=7)
    for ax in axes.ravel()[len(clusters) :]:
        ax.set_visible(False)
    ticks = [f"{int(m[-2:])}月" if lang == "zh" else m[-2:] for m in months]
    axes.ravel()[0].set_xticks(x, ticks)  # shared by every panel
    title = f"{catalog.indicator_name(indicator, lang)} · {t('growth_ytd', lang)} (%)"
    fig.suptitle(title, fontsize=10)
    height = 1.9 * n_rows  # fixed margins in inches: tight_layout took half the chart's time
    fig.subplots_adjust(
        left=0.05, right=0.99, bottom=0.3 / height, top=1 - 0.55 / height, wspace=0.1, hspace=0.5
    )
    if synthetic:
        _stamp_synthetic(fig, lang)
    return fig


def _word(value: object, lang: str) -> str:
    """A status or basis word in ``lang``; :data:`NO_WORD` for "" or a missing value."""
    if not isinstance(value, str) or not value:
        return NO_WORD
    return value_label(value, lang)


def _name(region: str, lang: str) -> str:
    """Region name from the catalogue, or the id for regions it does not list."""
    return catalog.region_name(region, lang) if region in catalog.regions().index else region
