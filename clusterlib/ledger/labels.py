"""The ledger's column headers and status words in Chinese (default) and English."""

from __future__ import annotations

from clusterlib.exceptions import ParameterError
from clusterlib.labels import LANGUAGES

#: column id → (中文, English); the issue's column names are interfaces, keep them exactly.
HEADERS: dict[str, tuple[str, str]] = {
    "region": ("地区代码", "Region id"),
    "region_name": ("地区", "Region"),
    "indicator": ("指标", "Indicator"),
    "month": ("月份", "Month"),
    "ytd": ("本月累计", "Year to date"),
    "growth": ("同比增速", "Growth on a year earlier (%)"),
    "growth_change": ("较上月增减 (pp)", "Change on last month (pp)"),
    "rank": ("位次", "Rank among clusters"),
    "gap_city": ("与全市差 (pp)", "Gap to the city (pp)"),
    "target": ("年度目标", "Annual target"),
    "completion": ("目标完成率", "Share of target reached (%)"),
    "expected_share": ("时序进度", "Share of the year expected (%)"),
    "progress_basis": ("进度口径", "Expected share from"),
    "status": ("状态", "Status"),
    "projected_growth": ("预计全年增速", "Projected full-year growth (%)"),
    "projected_lo_80": ("80%区间下限", "80% interval, low"),
    "projected_hi_80": ("80%区间上限", "80% interval, high"),
    "p_beat_city": ("高于全市概率", "Probability of beating the city"),
    "projection_note": ("预测说明", "Projection note"),
    # key-project sheets
    "goal_id": ("目标", "Goal"),
    "metric": ("口径", "Measure"),
    "actual": ("至今实际", "So far"),
    "forecast": ("全年预计", "Year-end pace"),
    "threshold": ("目标值", "Target"),
    "project_id": ("项目编号", "Project id"),
    "name": ("项目名称", "Project"),
    "cluster": ("集聚区", "Cluster"),
    "category": ("类别", "Category"),
    "planned_start": ("计划开工", "Planned start"),
    "planned_completion": ("计划竣工", "Planned completion"),
    "slip": ("滞后环节", "Late"),
    "months_late": ("滞后月数", "Months late"),
}
#: value words of the status and basis columns.
VALUES: dict[str, tuple[str, str]] = {
    "red": ("红", "red"),
    "yellow": ("黄", "yellow"),
    "green": ("绿", "green"),
    "seasonal": ("近年季节规律", "own seasonal pattern"),
    "months/12": ("月数÷12", "months ÷ 12"),
    "no level": ("仅有增速", "growth only"),
    "too short": ("月度数据过短，不作预测", "monthly data too short: no projection"),
    "projected": ("按往年进度推算", "from past years' pace"),
    "quarterly": ("季度模型预测", "quarterly model forecast"),
    "bridge": ("季度预测按最新月份修正", "quarterly forecast moved by the latest month"),
    "actual": ("全年实际", "full-year actual"),
    "start": ("未按期开工", "start"),
    "completion": ("未按期竣工", "completion"),
}


def header(column: str, lang: str = "zh") -> str:
    """Header of a ledger column in ``lang``; unknown columns are returned as given."""
    return _pick(HEADERS, column, lang)


def value_label(value: str, lang: str = "zh") -> str:
    """A status or basis word in ``lang``; other values are returned as given."""
    return _pick(VALUES, value, lang)


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    if lang not in LANGUAGES:
        raise ParameterError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return table[key][LANGUAGES.index(lang)] if key in table else key
