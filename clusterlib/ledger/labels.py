"""The ledger's column headers and status words in Chinese (default) and English."""

from __future__ import annotations

import pandas as pd

from clusterlib import catalog
from clusterlib.exceptions import ParameterError
from clusterlib.labels import LANGUAGES, OUTLOOK_METHODS, UNIT_NAMES, column_label, period_name

#: column id → (中文, English); ``{unit}`` is the indicator's unit (:data:`UNIT_NAMES`),
#: ``{months}`` the months of the year to date (1—6月, :func:`months`). Columns shared by the
#: workbook and the notebook's tables (the 三个50 list, 时序进度, the projection) are not here:
#: their headers, with units, are those of data/catalog/columns.csv
#: (:func:`clusterlib.labels.column_label`).
HEADERS: dict[str, tuple[str, str]] = {
    "region": ("地区代码", "Region id"),
    "region_name": ("地区", "Region"),
    "indicator": ("指标", "Indicator"),
    "month": ("月份", "Month"),
    "month_value": ("本月（{unit}）", "This month ({unit})"),
    "ytd": ("{months}累计（{unit}）", "Year to date ({unit})"),
    "growth": ("累计增速（%）", "Growth on a year earlier (%)"),
    "growth_change": ("较上月增减（百分点）", "Change on last month (pp)"),
    "rank": ("位次", "Rank among clusters"),
    "benchmark": ("方案比较基准（%）", "Plan's benchmark (%)"),
    "gap_benchmark": ("与基准差（百分点）", "Gap to the benchmark (pp)"),
    "plan_status": ("方案目标状态", "Plan goal status"),
    "target": ("年度目标（{unit}）", "Annual target ({unit})"),
    "target_source": ("目标来源", "Target from"),
    "completion": ("目标完成率（%）", "Share of target reached (%)"),
    "seasonal_share": ("季节性应完成进度（%）", "Seasonal expected share (%)"),
    "seasonal_basis": ("季节性进度口径", "Seasonal share from"),
    # key-project sheets
    "goal_id": ("目标", "Goal"),
    "metric": ("口径", "Measure"),
    "actual": ("至今实际", "So far"),
    "forecast": ("全年预计", "Year-end pace"),
    "threshold": ("目标值", "Target"),
    "status": ("状态", "Status"),
    "project_id": ("项目编号", "Project id"),
    "name": ("项目名称", "Project (name as registered)"),
    "cluster": ("集聚区", "Cluster"),
    "category": ("类别", "Category"),
    "planned_start": ("计划开工", "Planned start"),
    "planned_completion": ("计划竣工", "Planned completion"),
    "slip": ("滞后环节", "Late"),
    "months_late": ("滞后月数", "Months late"),
}
#: value words of the status and basis columns.
VALUES: dict[str, tuple[str, str]] = {
    **OUTLOOK_METHODS,  # the projection's methods, as the bulletin names them
    "above_city": ("高于全市", "above the city"),
    "level_with_city": ("与全市持平", "level with the city"),
    "below_city": ("低于全市", "below the city"),
    "meets_gap": ("高出全市规上工业2个百分点以上", "meets city above-scale growth + 2 pp"),
    "misses_gap": ("未高出全市规上工业2个百分点", "misses city above-scale growth + 2 pp"),
    "no plan goal": ("方案未设增速目标", "no growth goal in the plan"),
    "no data": ("本月无数据", "no data this month"),
    "no benchmark": ("无比较基准（全市无对应数据）", "no benchmark (the city's figure is missing)"),
    "ahead": ("超时序进度", "ahead of the year elapsed"),
    "on time": ("与时序进度持平", "level with the year elapsed"),
    "behind": ("落后时序进度", "behind the year elapsed"),
    "none": ("年度总量目标：未设", "no annual target set"),
    "plan": ("方案", "the plan"),
    "目标责任书": ("目标责任书", "target responsibility letter"),
    "user-set": ("用户自设", "user-set"),
    "seasonal": ("近年季节规律", "own seasonal pattern"),
    "months/12": ("月数÷12", "months ÷ 12"),
    "no level": ("仅有增速", "growth only"),
    "too short": ("月度数据过短，不作预测", "monthly data too short: no projection"),
    "no last december": (
        "缺上年12月累计数，不作预测",
        "last December's year-to-date figure missing: no projection",
    ),
    "months missing": (
        "所需月份累计数有缺失，不作预测",
        "a month's year-to-date figure the projection needs is missing: no projection",
    ),
    "projected": ("按往年进度推算", "from past years' pace"),
    "actual": ("全年实际", "full-year actual"),
    "start": ("未按期开工", "start"),
    "completion": ("未按期竣工", "completion"),
    "all": ("合计", "all"),
    "新开工": ("新开工", "new starts"),
    "续建": ("续建", "continuing"),
    "竣工": ("竣工", "completions"),
}
CAPTIONS: dict[str, tuple[str, str]] = {  # the tables of ledger.html (:class:`Captions`)
    "table": ("表{n}\u3000{title}", "Table {n}. {title}"),
    "plan_status": (
        "各指标方案目标状态的地区数（{period}）",
        "Regions by the plan's test, each indicator ({period})",
    ),
    "indicator": ("{indicator}（{period}）", "{indicator} ({period})"),
    "plan_counts": (
        "年底预计达到方案目标的集聚区数（{year}年）",
        "Clusters expected to pass the plan's test at year end ({year})",
    ),
    "plan_counts_actual": (
        "全年达到方案目标的集聚区数（{year}年）",
        "Clusters that passed the plan's test ({year})",
    ),
    "projection": (
        "{indicator}全年累计增速预计（{year}年）",
        "{indicator}: projected full-year growth ({year})",
    ),
    "projection_actual": (
        "{indicator}全年累计增速（{year}年）",
        "{indicator}: full-year growth ({year})",
    ),
    "project_goals": ("重点项目目标进展（截至{as_of}）", "Key-project goals (as of {as_of})"),
    "three_fifty": (
        "三个50重大项目投资进度（{period}）",
        "The Three 50s list: investment against the year elapsed ({period})",
    ),
}
TEXT: dict[str, tuple[str, str]] = {
    "title": ("{period} {indicator} 月台账", "Monthly ledger: {indicator}, {period}"),
    "period": ("{year}年1—{month}月", "January–{month_en} {year}"),
    "months": ("1—{month}月", "January–{month_en}"),
    "this_month": ("本月", "this month"),
    "as_of": ("数据截至{as_of}", "data as of {as_of}"),
    "synthetic": (
        "合成演示数据，非官方统计，不得引用",
        "SYNTHETIC demonstration data, not official statistics: do not quote",
    ),
    "note_time": (
        "时序进度 = 月数÷12（“时间过半、任务过半”）；进度状态以目标完成率对比时序进度。",
        "Share of the year elapsed = months ÷ 12; progress compares the share of target "
        "reached with it.",
    ),
    "note_seasonal": (
        "季节性应完成进度：近{years}年本月累计占全年比重的平均（不足{years}年按月数÷12），仅供参考。",
        "Seasonal expected share: mean share of the year's total reached by this month in "
        "the last {years} years (months ÷ 12 with fewer), for reference.",
    ),
    "note_first": (
        "1—2月合并发布：本月（当月）为1—2月合计。",
        "January–February are published together: this month is the two months.",
    ),
    "note_plan": (
        "方案目标状态：累计增速对比全市（郑政办〔2019〕32号“增速均高出全市平均增速”）；"
        "高新技术产业增加值对比全市规上工业增加值增速+2个百分点。",
        "Plan goal status: growth against the city's (Zheng Zheng Ban [2019] No. 32); high-tech "
        "value added "
        "against the city's above-scale industry growth + 2 pp.",
    ),
    "note_interval": (
        "全年预计80%区间：本月方法（{method}）在2013—2024年全国及31个省份等33个序列的回测中"
        "覆盖全年实际值的{overall:.0%}，2020—2021年冲击年份{shock:.0%}；集聚区未经回测，"
        "区间和概率可能偏于确定。",
        "Full-year 80% interval: this month's method ({method}) held the outcome {overall:.0%} "
        "of the time in a backtest on 33 national and provincial series, 2013–2024, "
        "{shock:.0%} in the shock years 2020–21; not tested on clusters, whose intervals and "
        "probabilities may be too confident.",
    ),
    "note_actual": (
        "全年预计：12月为全年实际值，80%区间即实际值，达方案目标的概率为1或0。",
        "Year end: December is the year's actual figure; its 80% interval is that value and the "
        "probability of passing the plan's test is 1 or 0.",
    ),
    "note_target": (
        "年度总量目标仅列目标文件中注明来源的目标，无则为“年度总量目标：未设”、目标完成率空缺；"
        "方案目标状态不依赖年度总量目标。",
        "Annual targets only where the targets file declares one with its source; "
        "else “no annual target set” and no share of target reached. The plan's test does not "
        "depend on them.",
    ),
}


def header(
    column: str, lang: str = "zh", unit: str = "100m_yuan", month: pd.Period | None = None
) -> str:
    """Header of a column in ``lang`` with ``unit`` (catalogue unit) and, for the 累计, the
    months of ``month``'s year to date (1—6月累计（亿元）; 本月累计 without a month); columns
    not in :data:`HEADERS` read as in data/catalog/columns.csv, unknown ones as given."""
    if column not in HEADERS:
        return column_label(column, lang)
    span = months(month, lang) if month is not None else _pick(TEXT, "this_month", lang)
    template = _pick(HEADERS, column, lang)
    return template.replace("{unit}", _pick(UNIT_NAMES, unit, lang)).replace("{months}", span)


def months(month: pd.Period, lang: str = "zh") -> str:
    """The months of ``month``'s year to date as the office writes them: 1—6月 (1—2月 in
    February; January–June in English)."""
    return text("months", lang, month=month.month, month_en=month.strftime("%B"))


def period_text(month: pd.Period, lang: str = "zh") -> str:
    """The year to date of ``month``: 2019年1—6月 (January–June 2019)."""
    return text("period", lang, year=month.year, month=month.month, month_en=month.strftime("%B"))


class Captions:
    """Numbered captions of the tables of a ledger page, in the order they are asked for:
    表1　规模以上工业增加值（2019年1—6月）, 表2　… (Table 1. …).

    Each call takes a key of :data:`CAPTIONS` and its fields (an ``indicator`` id is named
    from the catalogue); ``period`` (2019年1—6月), ``year`` and ``as_of`` (2019年6月) of the
    ledger month are filled in. In December a key's ``_actual`` caption, where there is one,
    stands for it (the year is known: 全年累计增速, not 预计).
    """

    def __init__(self, month: pd.Period, lang: str = "zh") -> None:
        self.month = month
        self.lang = lang
        self.count = 0

    def __call__(self, key: str, **fields: object) -> str:
        self.count += 1
        month, lang = self.month, self.lang
        if month.month == 12 and f"{key}_actual" in CAPTIONS:
            key = f"{key}_actual"
        if "indicator" in fields:
            fields["indicator"] = catalog.indicator_name(str(fields["indicator"]), lang)
        as_of = period_name(str(month), lang) if lang == "zh" else f"{month:%B %Y}"  # 2019年6月
        known = {"period": period_text(month, lang), "year": month.year, "as_of": as_of}
        title = _pick(CAPTIONS, key, lang).format(**{**known, **fields})
        return _pick(CAPTIONS, "table", lang).format(n=self.count, title=title)


def text(key: str, lang: str = "zh", **values: object) -> str:
    """A title or note line of the ledger workbook in ``lang``, filled with ``values``."""
    return _pick(TEXT, key, lang).format(**values)


def value_label(value: str, lang: str = "zh") -> str:
    """A status or basis word in ``lang``; other values are returned as given."""
    return _pick(VALUES, value, lang)


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    if lang not in LANGUAGES:
        raise ParameterError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return table[key][LANGUAGES.index(lang)] if key in table else key
