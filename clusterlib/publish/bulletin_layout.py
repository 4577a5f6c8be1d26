"""The bulletin's layout (季通报): numbered sections of paragraphs, captioned tables and numbered
charts, the one source of ``bulletin.docx`` and ``bulletin.html``."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from clusterlib import catalog
from clusterlib.coverage import Coverage
from clusterlib.forecasting.nowcast import Outlook
from clusterlib.goals.catalogue import load_settings
from clusterlib.goals.history import detectable_premium_note
from clusterlib.labels import BULLETIN_TEXT, SECTION_TEXT, column_label, t
from clusterlib.pipeline import outlook, quarter_tables, run_gaps, run_slipping
from clusterlib.publish import bulletin
from clusterlib.publish.fan_charts import growth_ranking_chart

CHINESE_NUMERALS = "一二三四五六七八九十"
"""Section numbers of the Chinese bulletin: 一、二、三 …"""
CHART_DPI = 150


@dataclass(frozen=True)
class BulletinContent:
    """What the bulletin says: its text and the tables its sections show."""

    title: str
    synthetic: bool
    paragraphs: list[str]
    items: list[str]
    note: str
    goals: pd.DataFrame
    full: dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Table:
    """A table of a section: its caption and its cells as text under labelled headers."""

    caption: str
    frame: pd.DataFrame


@dataclass(frozen=True)
class Chart:
    """A chart of a section; ``caption`` (图1　…) is also its description (alt text)."""

    caption: str
    figure: Figure


Block = str | Table | Chart
"""What a section holds, in order: paragraphs, tables and charts."""


@dataclass(frozen=True)
class Section:
    """A numbered section: its heading (一、总体情况) and its blocks."""

    heading: str
    blocks: tuple[Block, ...]


def make_content(
    quarter: str,
    goals: pd.DataFrame,
    full: dict[str, pd.DataFrame],
    late: pd.DataFrame | None,
    ahead: Outlook,
    lang: str = "zh",
    synthetic: bool = False,
    coverage: Coverage | None = None,
) -> BulletinContent:
    """The bulletin's text and tables from a quarter's results (notebook 05 and the batch
    alike): ``late`` the slipping projects (None without a register), ``ahead`` the outlook
    (:func:`clusterlib.pipeline.outlook`), ``coverage`` what the data lack, if anything."""
    paragraphs = bulletin.paragraphs(goals, full, late, ahead.month.year, lang, coverage, ahead)
    return BulletinContent(
        title=bulletin.title(quarter, lang),
        synthetic=synthetic,
        paragraphs=paragraphs,
        items=bulletin.goals_at_risk(goals, lang),
        note=detectable_premium_note(load_settings(), lang),
        goals=goals,
        full=full,
    )


def bulletin_content(
    tables_dir: Path,
    quarter: str,
    lang: str = "zh",
    synthetic: bool = False,
    as_of_month: str = "",
    naive: tuple[tuple[str, str], ...] = (),
) -> BulletinContent:
    """The bulletin's text and tables from a run's ``tables/`` (as notebook 05 builds them);
    ``as_of_month`` is the run setting (empty: the quarter's last month), ``naive`` the
    series the quarterly models cannot fit (:func:`~clusterlib.pipeline.model_fallbacks`)."""
    goals, full = quarter_tables(tables_dir)
    missing = tables_dir / "missing_data.csv"  # written by the batch when data are missing
    coverage = None
    if missing.exists():
        gaps = pd.read_csv(missing, dtype=str, keep_default_na=False)
        coverage = Coverage.from_frame(gaps, quarter)
    ahead = outlook(quarter, as_of_month, run_gaps(tables_dir), naive)
    late = run_slipping(tables_dir)
    return make_content(quarter, goals, full, late, ahead, lang, synthetic, coverage)


def sections(content: BulletinContent, lang: str = "zh") -> list[Section]:
    """The bulletin's numbered sections: the overview; the goals that need attention (if
    any) with their table; the scorecard (if the year has goals); the full-year growth, a
    table and a ranking chart (图1, 图2 …) per indicator."""
    text = SECTION_TEXT[lang]
    parts: list[tuple[str, tuple[Block, ...]]] = [(text["overview"], tuple(content.paragraphs))]
    if content.items:
        at_risk = bulletin.formatted(bulletin.at_risk_table(content.goals, lang), lang)
        table = Table(BULLETIN_TEXT[lang]["risk_table_head"], at_risk)
        parts.append((BULLETIN_TEXT[lang]["risk_head"], (*content.items, table)))
    if not content.goals.empty:  # no goal of the run's year: no empty table
        card = bulletin.formatted(bulletin.scorecard_table(content.goals, lang), lang)
        parts.append((t("scorecard_title", lang), (Table(t("scorecard_title", lang), card),)))
    growth: list[Block] = []
    for number, (indicator, full) in enumerate(content.full.items(), start=1):
        name = catalog.indicator_name(indicator, lang)
        growth.append(Table(name, rounded(full_year_table(full, lang))))
        chart = growth_ranking_chart(full, lang, content.synthetic)
        growth.append(Chart(figure_caption(number, chart, lang), chart))
    parts.append((text["growth_head"], tuple(growth)))
    return [Section(heading(n, head, lang), blocks) for n, (head, blocks) in enumerate(parts)]


def heading(number: int, text: str, lang: str = "zh") -> str:
    """A section heading numbered from 0: 一、… (1. … in English)."""
    label = f"{CHINESE_NUMERALS[number]}、" if lang == "zh" else f"{number + 1}. "
    return label + text


def figure_caption(number: int, figure: Figure, lang: str = "zh") -> str:
    """图N　and the chart's title in one line (Figure N. … in English)."""
    text = SECTION_TEXT[lang]
    title = text["join"].join(figure.axes[0].get_title(loc="left").splitlines())
    return text["figure"].format(n=number, title=title)


def full_year_table(full: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """One indicator's full-year growth, the city first then fastest first, labelled; the 80%
    interval's columns where a figure has one (not at Q4, when every figure is the actual)."""
    order = full.assign(city=full["region"] != "city").sort_values(
        ["city", "full_year_growth"], ascending=[True, False]
    )
    bounds = [bound for bound in ("full_year_lo_80", "full_year_hi_80") if bound in order]
    columns = {
        "region_name": order["region"].map(lambda r: catalog.region_name(str(r), lang)),
        "full_year_growth": order["full_year_growth"],
        **{bound: order[bound] for bound in bounds},
        "basis": order["basis"].map(lambda b: SECTION_TEXT[lang].get(b, b)),
    }
    table = bulletin.without_blank_columns(pd.DataFrame(columns), bounds)  # none: all actual
    return table.reset_index(drop=True).rename(columns=lambda c: column_label(c, lang))


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    """Numbers to one decimal as text (growth in %)."""
    shown = {
        c: table[c].map(lambda v: "" if pd.isna(v) else f"{v:.1f}")
        for c in table.columns
        if pd.api.types.is_numeric_dtype(table[c])
    }
    return table.assign(**shown)


def is_number_column(values: pd.Series) -> bool:
    """Whether a formatted column holds numbers (e.g. "7.9", "85%"), blanks allowed: such a
    column is aligned right."""
    text = values.astype(str).str.rstrip("%").replace("", None).dropna()
    return bool(len(text)) and pd.to_numeric(text, errors="coerce").notna().all()


def png(figure: Figure) -> bytes:
    """A chart as the PNG both documents embed."""
    data = BytesIO()
    figure.savefig(data, format="png", dpi=CHART_DPI)
    return data.getvalue()
