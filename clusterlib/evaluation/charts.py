"""Charts and tables of the yearly evaluation: ranked dots with rank intervals, the star map."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from clusterlib.labels import check_lang
from clusterlib.publish.charts import _figure, _stamp_synthetic

WEIGHTS_COLOUR, DATA_COLOUR, REAL_COLOUR = "#1565c0", "#90a4ae", "#c62828"
TEXT = {
    "title": (
        "{year}年度产业集聚区综合排名与排名区间",
        "{year} composite ranking with rank intervals",
    ),
    "axis": ("排名（1 = 最好）", "Rank (1 = best)"),
    "weights": ("权重不确定性 {level:.0%} 区间", "{level:.0%} interval, weight uncertainty"),
    "data": ("数据不确定性 {level:.0%} 区间", "{level:.0%} interval, data uncertainty"),
    "real": ("与后一名差异显著", "real gap to the next"),
    "stars": ("{n}星", "{n}★"),
}


def rank_interval_chart(
    intervals: pd.DataFrame, year: int, level: float, lang: str = "zh", synthetic: bool = False
) -> Figure:
    """Ranked clusters (best on top): the rank as a dot, its intervals as lines.

    The thick line is the interval under weight draws, the thin grey one under data paths
    (when the year is incomplete); a red bar below a cluster marks a real gap to the next.
    """
    position = check_lang(lang)
    rows = intervals.reset_index(drop=True)
    y = np.arange(len(rows))[::-1]
    fig, ax = _figure(10, 1.4 + 0.45 * len(rows))
    if rows["rank_lo_data"].notna().any():
        ax.hlines(y - 0.18, rows["rank_lo_data"], rows["rank_hi_data"], color=DATA_COLOUR, lw=2,
                  label=TEXT["data"][position].format(level=level))  # fmt: skip
    ax.hlines(y, rows["rank_lo_weights"] - 0.05, rows["rank_hi_weights"] + 0.05,
              color=WEIGHTS_COLOUR, lw=5, alpha=0.5,
              label=TEXT["weights"][position].format(level=level))  # fmt: skip
    ax.plot(rows["rank"], y, "o", color=WEIGHTS_COLOUR)
    for yi, row in zip(y, rows.itertuples(), strict=True):
        ax.annotate(TEXT["stars"][position].format(n=int(row.stars)), (row.rank, yi),
                    xytext=(8, 4), textcoords="offset points", fontsize=9)  # fmt: skip
        if row.real_gap_to_next:
            ax.axhline(yi - 0.5, color=REAL_COLOUR, lw=1, ls="--")
    ax.set_yticks(y, rows["region_name"])
    ax.set_xticks(np.arange(1, len(rows) + 1))
    ax.set_xlabel(TEXT["axis"][position])
    ax.set_title(TEXT["title"][position].format(year=year))
    ax.plot([], [], ls="--", color=REAL_COLOUR, label=TEXT["real"][position])
    ax.legend(loc="lower left", fontsize=9, frameon=False)
    if synthetic:
        _stamp_synthetic(fig, lang)
    return fig


STAR_MAP = {
    "region_name": ("产业集聚区", "Cluster"),
    "rank": ("排名", "Rank"),
    "previous_stars": ("上年星级", "Last year"),
    "stars": ("本年星级", "This year"),
    "change": ("变化", "Change"),
    "below_exit": ("低于退出线", "Below exit"),
}


def star_map(results: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Star map table, best rank first: stars as ★ last year and this year, and the change."""
    position = check_lang(lang)
    table = results.sort_values("rank").reset_index(drop=True)

    def glyphs(values: pd.Series) -> list[str]:
        return ["" if np.isnan(v) else "★" * int(v) or "—" for v in values.astype(float)]

    words = {1: ("晋级", "promoted"), -1: ("降级", "demoted"), 0: ("持平", "unchanged")}
    change = [
        "" if np.isnan(c) else words[int(np.sign(c))][position]
        for c in table["star_change"].astype(float)
    ]
    exits = table["below_exit"].map({True: ("是", "yes")[position], False: ""})
    out = pd.DataFrame(
        {
            "region_name": table["region_name"],
            "rank": table["rank"].astype("Int64"),
            "previous_stars": glyphs(table["previous_stars"]),
            "stars": glyphs(table["stars"]),
            "change": change,
            "below_exit": exits,
        }
    )
    return out.rename(columns={k: v[position] for k, v in STAR_MAP.items()})
