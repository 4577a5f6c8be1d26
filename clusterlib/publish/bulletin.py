"""The quarterly bulletin (季通报): plain-language text built from the result tables, escaped."""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path

import pandas as pd

from clusterlib import catalog, paths
from clusterlib.labels import status_label

HEADLINE_SCOPES = ("city", "all_clusters")
AT_RISK = ("at risk", "off track", "missed")
TEXT = {
    "zh": {
        "title": "{year}年{quarter}郑州市产业集聚区运行季通报",
        "synthetic": "本通报使用合成演示数据（真实集聚区名称，数值为模拟），不代表官方统计。",
        "growth": "{indicator}：预计全年累计增长{city:.1f}%；{above}个集聚区预计高于全市，"
        "最快为{best}（{best_value:.1f}%），最慢为{worst}（{worst_value:.1f}%）。",
        "goals": "{n}项可量化目标中，{good}项已达成或有望达成，{bad}项有风险或偏离。",
        "risk_head": "需要关注的目标",
        "risk_item": "{goal}（{scope}）：{status}{detail}",
        "probability": "，达成概率{p:.0%}",
        "required": "，其余季度需增长{g:.1f}%",
        "slipping": "重点项目中{n}个滞后于计划（{starts}个未按期开工、{ends}个未按期竣工），"
        "滞后最久的是{name}（{cluster}，{months}个月）。",
        "no_slipping": "重点项目均按计划开工、竣工。",
    },
    "en": {
        "title": "Zhengzhou industrial clusters: quarterly bulletin, {quarter} {year}",
        "synthetic": "This bulletin uses SYNTHETIC demonstration data (real cluster names, "
        "simulated numbers); it is not official statistics.",
        "growth": "{indicator}: full-year growth forecast {city:.1f}%; {above} clusters are "
        "expected to grow faster than the city, fastest {best} ({best_value:.1f}%), "
        "slowest {worst} ({worst_value:.1f}%).",
        "goals": "Of {n} measurable goals, {good} are met or on track, {bad} at risk or off track.",
        "risk_head": "Goals that need attention",
        "risk_item": "{goal} ({scope}): {status}{detail}",
        "probability": ", probability {p:.0%}",
        "required": ", growth needed in the remaining quarters {g:.1f}%",
        "slipping": "{n} key projects are behind schedule ({starts} not started and {ends} not "
        "completed as planned); the longest delay is {name} ({cluster}, {months} months).",
        "no_slipping": "Every key project started and was completed as planned.",
    },
}


def title(quarter: str, lang: str = "zh") -> str:
    """Bulletin title for a quarter such as ``2019Q2``."""
    year, q = quarter.split("Q")
    label = f"第{q}季度" if lang == "zh" else f"Q{q}"
    return TEXT[lang]["title"].format(year=year, quarter=label)


def growth_sentence(full: pd.DataFrame, lang: str = "zh") -> str:
    """One sentence on an indicator's full-year growth: the city, the leaders and laggards."""
    city = float(full.loc[full["region"] == "city", "full_year_growth"].iloc[0])
    clusters = full[full["region"] != "city"].sort_values("full_year_growth")
    best, worst = clusters.iloc[-1], clusters.iloc[0]
    return TEXT[lang]["growth"].format(
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
    return TEXT[lang]["goals"].format(n=len(measurable), good=good, bad=len(measurable) - good)


def slipping_sentence(slipping: pd.DataFrame, lang: str = "zh") -> str:
    """One sentence on the key projects behind their planned start or completion.

    ``slipping`` is :func:`clusterlib.ledger.projects.slipping_projects`' table (longest
    delay first).
    """
    if slipping.empty:
        return TEXT[lang]["no_slipping"]
    worst = slipping.sort_values("months_late", ascending=False, kind="stable").iloc[0]
    return TEXT[lang]["slipping"].format(
        n=len(slipping),
        starts=int((slipping["slip"] == "start").sum()),
        ends=int((slipping["slip"] == "completion").sum()),
        name=worst["name"],
        cluster=catalog.region_name(str(worst["cluster"]), lang),
        months=int(worst["months_late"]),
    )


def goals_at_risk(goals: pd.DataFrame, lang: str = "zh") -> list[str]:
    """One line per goal at risk, off track or missed, with its probability and required growth."""
    lines = []
    for goal in goals[goals["status"].isin(AT_RISK)].itertuples():
        detail = ""
        if pd.notna(goal.probability):
            detail += TEXT[lang]["probability"].format(p=goal.probability)
        if pd.notna(goal.required_growth):
            detail += TEXT[lang]["required"].format(g=goal.required_growth)
        lines.append(
            TEXT[lang]["risk_item"].format(
                goal=goal_label(goal.goal_id, lang),
                scope=catalog.region_name(str(goal.scope), lang),
                status=status_label(goal.status, lang),
                detail=detail,
            )
        )
    return lines


def goal_label(goal_id: str, lang: str = "zh") -> str:
    """Short name of a goal (params/goal_labels.csv); unknown ids are returned as given."""
    labels = _goal_labels()
    return str(labels.at[goal_id, f"label_{lang}"]) if goal_id in labels.index else goal_id


def headline_goals(goals: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Goals for the city or all clusters together, labelled: the bulletin's scorecard."""
    headline = goals[goals["scope"].isin(HEADLINE_SCOPES)].reset_index(drop=True)
    return headline.assign(label=headline["goal_id"].map(lambda g: goal_label(g, lang)))


@cache
def _goal_labels() -> pd.DataFrame:
    return pd.read_csv(paths.PARAMS / "goal_labels.csv", dtype=str).set_index("goal_id")


def to_html(paragraphs: list[str], items: list[str], lang: str, synthetic: bool) -> str:
    """Bulletin text as HTML; every piece of text is escaped (names come from data files)."""
    parts = []
    if synthetic:
        parts.append(
            f'<p style="color:#b00;font-weight:bold">{escape(TEXT[lang]["synthetic"])}</p>'
        )
    parts += [f"<p>{escape(p)}</p>" for p in paragraphs]
    if items:
        parts.append(f"<h3>{escape(TEXT[lang]['risk_head'])}</h3>")
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
