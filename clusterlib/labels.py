"""UI strings of charts and bulletins in Chinese (default) and English: ``t(key, lang)``."""

from __future__ import annotations

from clusterlib.exceptions import ParameterError

LANGUAGES = ("zh", "en")

# key: (中文, English). Region and indicator names live in clusterlib.catalog.
LABELS: dict[str, tuple[str, str]] = {
    # chart series and legend entries
    "actual": ("实际值", "Actual"),
    "median_forecast": ("预测中位数", "Median forecast"),
    "band_80": ("80%区间", "80% interval"),
    "band_95": ("95%区间", "95% interval"),
    "city": ("全市", "City"),
    "city_average": ("全市平均", "City average"),
    "above_city": ("高于全市", "Above city"),
    "below_city": ("不高于全市", "Not above city"),
    # titles and axis labels
    "growth_ytd": ("累计增速", "year-to-date growth"),
    "growth_yoy": ("当季同比增速", "quarterly year-on-year growth"),
    "axis_growth_pct": ("同比增长（%）", "Growth on a year earlier (%)"),
    "scorecard_title": ("2019年目标达成情况", "2019 goals: progress"),
    # scorecard column headers
    "goal": ("目标", "Goal"),
    "scope": ("范围", "Scope"),
    "threshold": ("目标值", "Target"),
    "probability": ("达成概率", "Probability met"),
    "required_growth": ("所需增速（%）", "Growth needed (%)"),
    "status": ("状态", "Status"),
    # goal statuses (ids as in clusterlib.goals.evaluation results)
    "met": ("已达成", "met"),
    "on_track": ("有望达成", "on track"),
    "at_risk": ("有风险", "at risk"),
    "off_track": ("偏离", "off track"),
    "missed": ("未达成", "missed"),
    "no_data": ("无数据", "no data"),
    "not_measurable": ("不可量化", "not measurable"),
    # stamps
    "synthetic": ("合成演示数据", "SYNTHETIC demonstration data"),
}


def check_lang(lang: str) -> int:
    """Position of ``lang`` in :data:`LANGUAGES`.

    Raises
    ------
    ParameterError
        If ``lang`` is not "zh" or "en".
    """
    if lang not in LANGUAGES:
        raise ParameterError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return LANGUAGES.index(lang)


def t(key: str, lang: str = "zh") -> str:
    """The UI string ``key`` in ``lang`` ("zh" 中文, or "en").

    Raises
    ------
    KeyError
        If ``key`` is not in :data:`LABELS`; the message lists the known keys.
    ParameterError
        If ``lang`` is not "zh" or "en".
    """
    position = check_lang(lang)
    if key not in LABELS:
        raise KeyError(f"unknown label {key!r}; known: {', '.join(LABELS)}")
    return LABELS[key][position]


def status_label(status: str, lang: str = "zh") -> str:
    """A goal status ("on track", as in clusterlib.goals.evaluation results) in ``lang``."""
    return t(status.replace(" ", "_"), lang)
