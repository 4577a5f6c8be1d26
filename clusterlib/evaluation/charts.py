"""Charts and tables of the yearly evaluation: ranked dots with rank intervals, the star map."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from clusterlib.evaluation.star_list import change_word, source_word
from clusterlib.labels import check_lang
from clusterlib.publish.charts import _figure, _stamp_synthetic

JOINT_COLOUR, WEIGHTS_COLOUR, LEAD_COLOUR = "#1565c0", "#90a4ae", "#c62828"
TEXT = {
    "title": (
        "{year}年度产业集聚区综合排名与排名区间",
        "{year} composite ranking with rank intervals",
    ),
    "axis": ("市内排名（1 = 最好）", "Rank in Zhengzhou (1 = best)"),
    "joint": (
        "排名区间（{level:.0%}，数据修订、权重、缺失规则）",
        "Rank interval ({level:.0%}; data revisions, weights, missing rule)",
    ),
    "weights": ("排名区间（{level:.0%}，仅权重）", "Rank interval ({level:.0%}, weights only)"),
    "lead": ("领先后一名的概率≥{clear:.0%}", "P(ahead of the next) ≥ {clear:.0%}"),
    "stars": ("估{n}星", "est. {n}★"),
}


def rank_interval_chart(
    intervals: pd.DataFrame,
    year: int,
    level: float,
    clear: float,
    lang: str = "zh",
    synthetic: bool = False,
) -> Figure:
    """Ranked clusters (best on top): the rank as a dot, its intervals as lines.

    The thick line is the interval over joint draws (data revisions, weights, missing-data
    rule), the thin grey one under the weights alone; a dashed red line below a cluster marks
    P(ahead of the next) ≥ ``clear`` (a stated threshold, not a test). Star estimates are
    written beside the provincial clusters.
    """
    position = check_lang(lang)
    rows = intervals.reset_index(drop=True)
    y = np.arange(len(rows))[::-1]
    fig, ax = _figure(10, 1.4 + 0.45 * len(rows))
    ax.hlines(y - 0.2, rows["rank_lo_weights"], rows["rank_hi_weights"], color=WEIGHTS_COLOUR,
              lw=2, label=TEXT["weights"][position].format(level=level))  # fmt: skip
    ax.hlines(y, rows["rank_lo"] - 0.05, rows["rank_hi"] + 0.05, color=JOINT_COLOUR, lw=5,
              alpha=0.5, label=TEXT["joint"][position].format(level=level))  # fmt: skip
    ax.plot(rows["rank"], y, "o", color=JOINT_COLOUR)
    for yi, row in zip(y, rows.itertuples(), strict=True):
        if not np.isnan(row.stars_estimate):
            ax.annotate(TEXT["stars"][position].format(n=int(row.stars_estimate)),
                        (row.rank, yi), xytext=(8, 4), textcoords="offset points",
                        fontsize=9)  # fmt: skip
        if row.clear_lead:
            ax.axhline(yi - 0.5, color=LEAD_COLOUR, lw=1, ls="--")
    ax.set_yticks(y, rows["region_name"])
    ax.set_xticks(np.arange(1, len(rows) + 1))
    ax.set_xlabel(TEXT["axis"][position])
    ax.set_title(TEXT["title"][position].format(year=year))
    ax.plot([], [], ls="--", color=LEAD_COLOUR, label=TEXT["lead"][position].format(clear=clear))
    ax.legend(loc="lower left", fontsize=9, frameon=False)
    if synthetic:
        _stamp_synthetic(fig, lang)
    return fig


STAR_MAP = {
    "region_name": ("产业集聚区", "Cluster"),
    "rank": ("市内排名", "Rank in Zhengzhou"),
    "previous_stars": ("上年星级", "Last year"),
    "previous_source": ("上年星级来源", "Last year's source"),
    "stars": ("本年估计星级", "This year (estimate)"),
    "change": ("变化（估计）", "Change (estimate)"),
    "below_exit": ("低于退出线（估计）", "Below exit (estimate)"),
}


def star_map(results: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Star map table, best rank first: stars as ★ last year and this year, and the change.

    Parks (not provincial clusters) show "非省级" / "not provincial" instead of stars; the
    source of last year's stars says official, demo list or rule.
    """
    position = check_lang(lang)
    table = results.sort_values("rank").reset_index(drop=True)

    park = ("非省级", "not provincial")[position]

    def glyphs(values: pd.Series) -> list[str]:
        return [
            park if not provincial else "" if np.isnan(v) else "★" * int(v) or "—"
            for v, provincial in zip(values.astype(float), table["provincial"], strict=True)
        ]

    change = [change_word(c, lang) for c in table["star_change"].astype(float)]
    exits = [("是", "yes")[position] if pd.notna(f) and f else "" for f in table["below_exit"]]
    out = pd.DataFrame(
        {
            "region_name": table["region_name"],
            "rank": table["rank"].astype("Int64"),
            "previous_stars": glyphs(table["previous_stars"]),
            "previous_source": table["previous_stars_source"].map(lambda s: source_word(s, lang)),
            "stars": glyphs(table["stars_estimate"]),
            "change": change,
            "below_exit": exits,
        }
    )
    return out.rename(columns={k: v[position] for k, v in STAR_MAP.items()})
