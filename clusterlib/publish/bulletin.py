"""The quarterly bulletin (季通报): plain-language text built from the result tables, escaped."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from clusterlib import catalog
from clusterlib.labels import BULLETIN_TEXT, goal_label, status_label

HEADLINE_SCOPES = ("city", "all_clusters")
AT_RISK = ("at risk", "off track", "missed")


def title(quarter: str, lang: str = "zh") -> str:
    """Bulletin title for a quarter such as ``2019Q2``."""
    year, q = quarter.split("Q")
    label = f"第{q}季度" if lang == "zh" else f"Q{q}"
    return BULLETIN_TEXT[lang]["title"].format(year=year, quarter=label)


def growth_sentence(full: pd.DataFrame, lang: str = "zh") -> str:
    """One sentence on an indicator's full-year growth: the city, the leaders and laggards."""
    city = float(full.loc[full["region"] == "city", "full_year_growth"].iloc[0])
    clusters = full[full["region"] != "city"].sort_values("full_year_growth")
    best, worst = clusters.iloc[-1], clusters.iloc[0]
    return BULLETIN_TEXT[lang]["growth"].format(
        indicator=catalog.indicator_name(str(full["indicator"].iloc[0]), lang),
        city=city,
        above=int((clusters["full_year_growth"] > city).sum()),
        best=catalog.region_name(best["region"], lang),
        best_value=best["full_year_growth"],
        worst=catalog.region_name(worst["region"], lang),
        worst_value=worst["full_year_growth"],
    )


def goals_sentence(goals: pd.DataFrame, lang: str = "zh") -> str:
    """One sentence counting the measurable goals by status."""
    measurable = goals[~goals["status"].isin(["not measurable", "no data"])]
    good = measurable["status"].isin(["met", "on track"]).sum()
    return BULLETIN_TEXT[lang]["goals"].format(
        n=len(measurable), good=good, bad=len(measurable) - good
    )


def goals_at_risk(goals: pd.DataFrame, lang: str = "zh") -> list[str]:
    """One line per goal at risk, off track or missed, with its probability and required growth."""
    lines = []
    for goal in goals[goals["status"].isin(AT_RISK)].itertuples():
        detail = ""
        if pd.notna(goal.probability):
            detail += BULLETIN_TEXT[lang]["probability"].format(p=goal.probability)
        if pd.notna(goal.required_growth):
            detail += BULLETIN_TEXT[lang]["required"].format(g=goal.required_growth)
        lines.append(
            BULLETIN_TEXT[lang]["risk_item"].format(
                goal=goal_label(goal.goal_id, lang),
                scope=catalog.region_name(str(goal.scope), lang),
                status=status_label(goal.status, lang),
                detail=detail,
            )
        )
    return lines


def headline_goals(goals: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Goals for the city or all clusters together, labelled: the bulletin's scorecard."""
    headline = goals[goals["scope"].isin(HEADLINE_SCOPES)].reset_index(drop=True)
    return headline.assign(label=headline["goal_id"].map(lambda g: goal_label(g, lang)))


def to_html(paragraphs: list[str], items: list[str], lang: str, synthetic: bool) -> str:
    """Bulletin text as HTML; every piece of text is escaped (names come from data files)."""
    parts = []
    if synthetic:
        parts.append(
            f'<p style="color:#b00;font-weight:bold">{escape(BULLETIN_TEXT[lang]["synthetic"])}</p>'
        )
    parts += [f"<p>{escape(p)}</p>" for p in paragraphs]
    if items:
        parts.append(f"<h3>{escape(BULLETIN_TEXT[lang]['risk_head'])}</h3>")
        parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
    return "\n".join(parts)


def write_bulletin_html(notebook: Path, path: Path, title: str) -> None:
    """The executed bulletin notebook as one HTML file: code hidden, charts embedded."""
    import nbformat
    from nbconvert import HTMLExporter

    executed = nbformat.read(notebook, as_version=4)
    executed.metadata["title"] = title  # the page's <title>; nbconvert escapes it
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if o.output_type != "stream"]
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True)
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(executed)
    path.write_text(body, encoding="utf-8")
