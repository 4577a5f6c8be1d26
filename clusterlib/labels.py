"""Every user-facing string in Chinese (default) and English: UI labels, bulletin text, headers."""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Sequence
from functools import cache

import numpy as np
import pandas as pd

from clusterlib import catalog, paths
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
    "above_city": ("高于全市", "Above city"),
    "below_city": ("不高于全市", "Not above city"),
    # titles and axis labels
    "growth_ytd": ("累计增速", "year-to-date growth"),
    "growth_full_year_forecast": ("预计全年累计增速", "expected full-year growth"),
    "growth_yoy": ("当季同比增速", "quarterly year-on-year growth"),
    "axis_growth_pct": ("同比增长（%）", "Growth on a year earlier (%)"),
    "scorecard_title": ("目标达成情况", "Goals: progress"),  # the year: the bulletin's title
    "actual_full_year": ("全年实际", "Full-year actual"),  # a goal's figure once the year is over
    # scorecard column headers
    "goal": ("目标", "Goal"),
    "scope": ("范围", "Scope"),
    "threshold": ("目标值", "Target"),
    "probability": ("达成概率", "Probability met"),
    "required_growth": ("所需增速（%）", "Growth needed (%)"),
    "status": ("状态", "Status"),
    "each_cluster": ("每个集聚区", "each cluster"),  # scope of goals not split by cluster
    # goal statuses (ids as in clusterlib.goals.progress results)
    "met": ("已达成", "met"),
    "on_track": ("有望达成", "on track"),
    "at_risk": ("有风险", "at risk"),
    "off_track": ("偏离", "off track"),
    "missed": ("未达成", "missed"),
    "not_yet": ("尚未达到", "not yet reached"),  # a level goal (latest) below it mid-year
    "no_data": ("无数据", "no data"),
    "not_measurable": ("不可量化", "not measurable"),
    # sentences printed by the notebooks (clusterlib.publish.display.say)
    "n_problems": (
        "数据问题{n}个（空表表示数据无误）",
        "{n} problem(s) (an empty table: the data is clean)",
    ),
    "computed_here": (
        "未指定本次运行的表格文件夹：目标和全年预测在此计算",
        "tables_dir is empty: the goals and full-year forecasts are computed here",
    ),
    # stamps
    "synthetic": ("合成演示数据", "SYNTHETIC demonstration data"),
    "official": ("官方公布数据（来源见各行）", "Official published figures (source in each row)"),
}

# the run's tables (tables/<id>.csv) as sheets of tables.xlsx: id → (中文, English)
TABLE_NAMES: dict[str, tuple[str, str]] = {
    "accuracy": ("预测回测精度", "Backtest accuracy"),
    "coverage": ("数据覆盖", "Data coverage"),
    "forecasts": ("季度预测", "Quarterly forecasts"),
    "full_year": ("全年累计增速", "Full-year growth"),
    "goals": ("目标达成", "Goals"),
    "hightech_official": ("高新技术产业官方数据", "High-tech official record"),
    "slipping_projects": ("滞后重点项目", "Slipping key projects"),
    "enterprise_classes": ("企业分类", "Enterprise classes"),
    "cluster_land_productivity": ("集聚区亩均效益", "Cluster land productivity"),
    "data_quality": ("企业数据质量", "Enterprise data quality"),
    "c_firm_gaps": ("C类企业差距", "C firms, gaps to B"),
    "missing_data": ("数据缺失", "Missing data"),
    "outlook_gaps": ("未按本月方法预计的序列", "Outside the month's method"),
    "comparison": ("情景与基准对比", "Scenario vs baseline"),  # a scenario's tables.xlsx
}

# words in the run's tables (columns of format kind "word" or "status"): id → (中文, English)
WORDS: dict[str, tuple[str, str]] = {
    "forecast": ("预计", "forecast"),
    "actual": ("实际", "actual"),
    "level": ("总量", "level"),
    "growth": ("增速", "growth"),
    "index": ("指数", "index"),
    "single": ("当期", "single period"),
    "ytd": ("累计", "year to date"),
    "combo": ("组合预测", "combination"),
    "snaive": ("季节性朴素预测", "seasonal naive"),
    "above_scale": ("规上企业", "above scale"),
    "below_scale": ("规下企业", "below scale"),
    "evaluated": ("参评", "evaluated"),
    "out_of_scope": ("不参评", "out of scope"),
    "data_quality": ("数据有误", "data problem"),
    "new_firm": ("投产不满两年", "new firm"),
    "nonpositive_land": ("用地面积不为正", "land area not positive"),
    "below_scale_small_land": ("规下企业用地不足", "below scale, small land"),
    "missing_land": ("缺用地面积", "land area missing"),
    "negative_tax": ("税收为负", "negative tax"),
    "unknown_cluster": ("集聚区未知", "unknown cluster"),
    "top": ("A类候选（综合得分靠前）", "top half"),
    "bottom": ("C类候选（综合得分靠后）", "bottom half"),
    "rerank": ("二次排序得分", "re-ranking"),
    "composite": ("综合得分", "composite score"),
    "start": ("未按期开工", "start"),
    "completion": ("未按期竣工", "completion"),
    "zero": ("记0分", "score 0"),
    "aspect_mean": ("按方面均值补缺", "aspect mean"),
    "exclude": ("不参与排名", "exclude"),
    "not_ranked": ("不参与排名", "not ranked"),  # a cluster's composite and rank (A15)
    "indicator_missing": ("指标无数据", "indicator without data"),
    "region_missing": ("地区缺数", "region without data"),
    "cluster_absent": ("集聚区全无数据（不计入合计）", "cluster without data (not in totals)"),
    "no_enterprise_records": (
        "无企业数据（不计入合计）",
        "no enterprise records (not in the total)",
    ),
    "records_all_rejected": (
        "企业记录均有数据问题（见数据质量表，不计入合计）",
        "every record has a data problem (see data quality; not in the total)",
    ),
    "total_of_clusters_with_records": (
        "只按有企业数据的集聚区计算",
        "covers only the clusters with enterprise records",
    ),
    "pair_missing": ("地区指标缺数", "region lacks indicator"),
    "register_missing": ("重点项目台账无数据", "key-project register without data"),
    "nothing_missing": ("无缺失", "nothing missing"),
    "previous_month_missing": (
        "缺上月累计数（本月值、较上月增减空缺）",
        "last month's year-to-date figure missing (month value, change left empty)",
    ),
    "earlier_month_missing": (
        "缺本年往月累计数（该月无行，下月本月值空缺）",
        "an earlier month's year-to-date figure missing (no row; next month's value empty)",
    ),
    "last_december_missing": (
        "缺上年12月累计数（增长目标无法换算）",
        "last December's year-to-date figure missing (growth target not convertible)",
    ),
    "growth_only_target": (
        "仅有增速、无累计数（增长目标无法换算）",
        "growth rates only, no year-to-date level (growth target not convertible)",
    ),
    "level_target_growth_only": (
        "仅有增速、无累计数（总量目标无法计算完成率）",
        "growth rates only, no year-to-date level (level target has no completion)",
    ),
    "january_left_out": (
        "1月累计数未列入台账（1—2月合并发布）",
        "January year-to-date figure left out (January–February published together)",
    ),
    "no_monthly_figures": ("无月度数据", "no monthly figures"),
    "months_missing": ("缺少所需月份累计数", "months the rule reads are missing"),
    "factor_stand_in": (
        "月度增速不足以拟合动态因子模型，以累计增速不变代替",
        "too short for the factor model: year-to-date growth stays stands in",
    ),
    "True": ("是", "yes"),
    "False": ("否", "no"),
    "quarterly": ("当季", "quarterly"),
    "annual": ("全年", "annual"),
    "monthly": ("当月", "monthly"),
    "total": ("合计", "total"),
    "missing_firm_id": ("缺少企业编号", "no firm id"),
    "duplicate_firm_id": ("企业编号重复", "firm id repeated"),
    "repeated_row": ("重复行（仅计一次）", "repeated row (counted once)"),
    "segment_not_scored": ("该类企业不参评", "segment not scored"),
    # words of the key-project register (data/README.md): statuses, categories, list parts
    "签约": ("签约", "signed"),
    "新开工": ("新开工", "new start"),
    "续建": ("续建", "continuing"),
    "竣工": ("竣工", "completion"),
    "竣工投产": ("竣工投产", "completed, in production"),
    "工业": ("工业", "industry"),
    "服务业": ("服务业", "services"),
    "基础设施": ("基础设施", "infrastructure"),
    "其他": ("其他", "other"),
    # the enterprise rules' units and class names (params/enterprise_*.yaml)
    "万元/亩": ("万元/亩", "10,000 yuan per mu"),
    "万元/人": ("万元/人", "10,000 yuan per person"),
    "万元/吨": ("万元/吨", "10,000 yuan per tonne"),
    "万元/吨标准煤": ("万元/吨标准煤", "10,000 yuan per tonne of standard coal"),
    "万元/万千瓦时": ("万元/万千瓦时", "10,000 yuan per 10,000 kWh"),
    "比值": ("比值", "ratio"),
    "优先发展类": ("优先发展类", "priority development"),
    "鼓励提升类": ("鼓励提升类", "encouraged to improve"),
    "倒逼转型类": ("倒逼转型类", "pressed to transform"),
    "监管调控类": ("监管调控类", "regulated and controlled"),
    "落后整治类": ("落后整治类", "lagging, to be remedied"),
}
WORDS |= {  # a year to date as the official figures name it (1—9月): January–September
    f"1—{n}月": (f"1—{n}月", f"January–{calendar.month_name[n]}") for n in range(2, 13)
}
# the measure of a goal's metric (after the dot of e.g. "fai.ytd_growth_minus_city_pp")
METRIC_WORDS: dict[str, tuple[str, str]] = {
    "ytd_growth_minus_city_pp": ("累计增速高于全市（百分点）", "YTD growth minus the city's (pp)"),
    "ytd_growth_minus_industry_va_pp": (
        "累计增速高于规上工业（百分点）",
        "YTD growth minus industry's (pp)",
    ),
    "year_total": ("全年合计", "year total"),
    "latest": ("最新值", "latest"),
    "qualitative": ("定性", "qualitative"),
}

GOAL_UNITS: dict[str, tuple[str, str, int, float]] = {  # a goal's unit (goals.yaml):
    # zh, en (as the goals' English names write them: 400bn yuan, 480k yuan), decimals, en scale
    "pp": ("{}个百分点", "{} pp", 1, 1.0),
    "pct": ("{}%", "{}%", 1, 1.0),
    "100m_yuan": ("{}亿元", "{}bn yuan", 1, 0.1),
    "10k_yuan_per_mu": ("{}万元/亩", "{}k yuan/mu", 1, 10.0),
    "10k_yuan_per_person": ("{}万元/人", "{}k yuan/person", 1, 10.0),
    "count": ("{}个", "{}", 0, 1.0),
    "stars": ("{}星级", "{} stars", 0, 1.0),
}
GAP_UNITS = {"pct": "pp"}
"""Units whose difference is stated in another unit: 97.6% is 2.4个百分点 short of 100%."""

TARGET_WORDS: dict[str, tuple[str, str]] = {  # a goal's target of 0 on these measures, in words
    "ytd_growth_minus_city_pp": ("高于全市", "above the city"),
}

REGION_GROUPS: dict[str, tuple[str, str]] = {  # a sentence's list of every region, in words
    "city_and_clusters": ("全市及各集聚区", "the city and every cluster"),
    "clusters": ("各集聚区", "every cluster"),
}

OUTLOOK_METHODS: dict[str, tuple[str, str]] = {  # nowcast.RULES' methods (docs/forecasting.md)
    "quarterly": ("季度模型预测", "quarterly model forecast"),
    "bridge": ("季度预测按最新月份修正", "quarterly forecast moved by the latest month"),
    "momentum": ("近三个月增速延续", "latest three months' growth carried on"),
    "dfm": ("动态因子模型（月度数据）", "dynamic factor model of the monthly figures"),
    "naive": ("累计增速保持不变", "year-to-date growth stays"),
    "blend": ("近三个月增速与动态因子模型平均", "mean of recent growth and the factor model"),
    "combine": ("季度预测与累计增速加权", "quarterly forecast weighted with year-to-date growth"),
}

BULLETIN_TEXT = {  # the bulletin's sentences; placeholders filled by publish.bulletin
    "zh": {
        "title": "{year}年{quarter}郑州市产业集聚区运行季通报",
        "synthetic": "本通报使用合成演示数据（真实集聚区名称，数值为模拟），不代表官方统计。",
        "growth": "{indicator}：预计全年累计增长{city:.1f}%；{above}个集聚区预计高于全市，"
        "最快为{best}（{best_value:.1f}%），最慢为{worst}（{worst_value:.1f}%）。",
        "growth_actual": "{indicator}：全年累计增长{city:.1f}%；{above}个集聚区高于全市，"
        "最快为{best}（{best_value:.1f}%），最慢为{worst}（{worst_value:.1f}%）。",
        "growth_forecast_part": "其中{names}全年数据不全，为预计数。",
        "growth_no_city": "{indicator}：全市无{year}年数据，不作全年预计，也不与集聚区比较"
        "（{n}个集聚区的预计见下表）。",
        "goals": "方案{goals}项目标按目标和集聚区逐项计共{items}项，其中可量化{n}项：{parts}。",
        "goals_unjudged": "另有{parts}，未作判断。",
        "status_rule": "状态按达成概率（全年模拟路径中达到目标的比例，不同于上文的点预测）划分："
        "不低于{on_track:.0%}为有望达成，{at_risk:.0%}至{on_track:.0%}为有风险，"
        "低于{at_risk:.0%}为偏离；处理率等按最新值判断的目标，已达到为有望达成，未达到为尚未达到；"
        "重点项目台账目标按年内进度折算全年判断。",
        "outlook_year_actual": "全年实际：{indicator}1—12月累计增长{city:.1f}%（全市），"
        "全年数据已齐，不作预测。",
        "outlook_year_forecast": "其中{names}全年数据不全，为预计数（{method}）。",
        "settled_detail": "，全年实际{actual}，差{gap}",
        "latest_detail": "（最新值{value}）",
        "latest_range": "（最新值{low}—{high}）",
        "latest_named": "{name}{value}",
        "premium_note": "历史检验（近{years}年，经多重比较校正）能以80%的把握识别的"
        "最小增速领先幅度：{parts}；未列为“显著高于全市”的集聚区，只是未能证明领先，不表示没有领先。",
        "premium_part": "{indicator}约{pp:g}个百分点",
        "goals_part": "{status}{k}项",
        "no_goals": "本期无可量化的方案目标（方案目标年份以外，或均无数据）。",
        "outlook": "全年预计使用截至1—{month}月的数据，预测方法：{method}。",
        "outlook_kept": "其中{series}无可用月度数据，仍为季度模型预测。",
        "outlook_naive": "{series}数据不足两年（或有缺期、数值不变），季度模型不适用，"
        "全年预计为朴素预测（延续最近一季），未经回测，上述覆盖率不适用。",
        "outlook_naive_only": "全年预计使用截至1—{month}月的数据。{series}数据不足两年"
        "（或有缺期、数值不变），全年预计均为朴素预测（延续最近一季），未经回测。",
        "outlook_stand_in": "{series}月度增速数据不足{months}个月，"
        "动态因子模型以“累计增速不变”代替。",
        "outlook_coverage": "该方法在2013—2024年全国（工业增加值、固定资产投资）及31个省份"
        "工业增加值共33个序列的回测中（集聚区未经回测），80%区间覆盖全年实际值的{overall:.0%}，",
        "outlook_shock": "2020—2021年冲击年份仅{shock:.0%}："
        "遇重大冲击时区间偏窄、达成概率偏于确定。",
        "outlook_no_shock": "2020—2021年冲击年份为{shock:.0%}。",
        "risk_head": "需要关注的目标",
        "risk_item": "{goal}（{scope}）：{status}{detail}",
        "probability": "，达成概率{p:.0%}",
        "required": "，其余季度需增长{g:.1f}%",
        "slipping": "“三个50”重大项目中{n}个滞后于计划（{starts}个未按期开工、"
        "{ends}个未按期竣工），滞后最久的是{name}（{cluster}，{months}个月）。",
        "no_slipping": "“三个50”重大项目均按计划开工、竣工。",
        "risk_group": "{goal}：{parts}{detail}",
        "risk_part": "{n}个集聚区{status}",
        "risk_names": "（{names}）",
        "list_separator": "、",
        "part_separator": "，",
        "lowest_probability": "，达成概率最低{p:.0%}",
        "risk_more": "其余{n}项目标及逐个集聚区情况见下表。",
        "risk_table_head": "需要关注的目标（逐个集聚区）",
        "history": "过去{years}年平均增速差（历史检验，说明过去，不判断{year}年目标）：{parts}。",
        "history_part": "{indicator}{flagged}个集聚区（共{tested}个）显著高于全市",
    },
    "en": {
        "title": "Zhengzhou industrial clusters: quarterly bulletin, {quarter} {year}",
        "synthetic": "This bulletin uses SYNTHETIC demonstration data (real cluster names, "
        "simulated numbers); it is not official statistics.",
        "growth": "{indicator}: full-year growth forecast {city:.1f}%; {above} cluster(s) "
        "expected to grow faster than the city, fastest {best} ({best_value:.1f}%), "
        "slowest {worst} ({worst_value:.1f}%).",
        "growth_actual": "{indicator}: full-year growth {city:.1f}%; {above} cluster(s) grew "
        "faster than the city, fastest {best} ({best_value:.1f}%), slowest {worst} "
        "({worst_value:.1f}%).",
        "growth_forecast_part": " The figure of {names} is a forecast: its year is incomplete.",
        "growth_no_city": "{indicator}: no figure of the city in {year}, so no full-year "
        "outlook for it and no comparison with the clusters ({n} clusters' outlook below).",
        "goals": "The plan's {goals} goals, counted goal by goal and cluster by cluster, make "
        "{items} items; of the {n} measurable: {parts}.",
        "goals_unjudged": " Not judged: {parts}.",
        "status_rule": "Statuses follow the probability of meeting the goal (the share of the "
        "year's simulated paths that meet it, not the point forecast above): {on_track:.0%} or "
        "more on track, {at_risk:.0%} to {on_track:.0%} at risk, below {at_risk:.0%} off track; "
        "goals judged on their latest value (treatment rates and the like) are on track once "
        "reached and otherwise not yet reached; the key-project register's goals are judged on "
        "their pace so far, extended to the year.",
        "outlook_year_actual": "Full-year actual: {indicator} grew {city:.1f}% in "
        "January–December (the city); the year's data are complete and nothing is forecast.",
        "outlook_year_forecast": " The figure of {names} is a forecast ({method}): its year is "
        "incomplete.",
        "settled_detail": ", full-year actual {actual}, {gap} short",
        "latest_detail": " (latest {value})",
        "latest_range": " (latest {low}–{high})",
        "latest_named": "{name} {value}",
        "premium_note": "The historical test (last {years} years, corrected for testing every "
        "cluster) detects a growth premium over the city with 80% power from: {parts}; a "
        "cluster not counted as significantly above the city is not shown to be ahead, which "
        "does not mean it is not.",
        "premium_part": "{indicator} about {pp:g} pp",
        "goals_part": "{k} {status}",
        "no_goals": "No goal of the plan can be measured this quarter (none is set for the "
        "year, or none has data).",
        "outlook": "The full-year outlook uses the data to January–{month_en}; method: {method}.",
        "outlook_kept": "Without usable monthly figures, these series keep the quarterly "
        "forecast: {series}.",
        "outlook_naive": "The quarterly models cannot fit these series (less than two years, "
        "gaps or constant figures); their outlook is the naive last quarter carried on, not "
        "backtested, and the coverage above does not apply to them: {series}.",
        "outlook_naive_only": "The full-year outlook uses the data to January–{month_en}. "
        "With less than two years of figures (or gaps, or constant figures), the outlook of "
        "these series is the naive forecast, the last quarter carried on, not backtested: "
        "{series}.",
        "outlook_stand_in": "With monthly growth of fewer than {months} months, too few for the "
        'factor model, these series are forecast by "year-to-date growth stays" instead: {series}.',
        "outlook_coverage": "In a backtest on 33 series (China's industry and investment, "
        "31 provinces' industry; not clusters), 2013–2024, its 80% interval held the full-year "
        "outcome {overall:.0%} of the time, ",
        "outlook_shock": "only {shock:.0%} in the shock years 2020–21: in a large shock the "
        "intervals are too narrow and the probabilities too confident.",
        "outlook_no_shock": "{shock:.0%} in the shock years 2020–21.",
        "risk_head": "Goals that need attention",
        "risk_item": "{goal} ({scope}): {status}{detail}",
        "probability": ", probability {p:.0%}",
        "required": ", growth needed in the remaining quarters {g:.1f}%",
        "slipping": "{n} projects of the Three 50s list are behind schedule ({starts} not "
        "started and {ends} not completed as planned); the longest delay is the project "
        "registered as {name} ({cluster}, {months} months).",
        "no_slipping": "Every project of the Three 50s list started and was completed as planned.",
        "risk_group": "{goal}: {parts}{detail}",
        "risk_part": "{n} cluster(s) {status}",
        "risk_names": " ({names})",
        "list_separator": ", ",
        "part_separator": "; ",
        "lowest_probability": "; lowest probability {p:.0%}",
        "risk_more": "{n} more goals, and every cluster, in the table below.",
        "risk_table_head": "Goals that need attention (each cluster)",
        "history": "Past {years} years' mean growth gap (historical test: it describes the past, "
        "not the {year} goal): {parts}.",
        "history_part": "{indicator}: {flagged} of {tested} clusters significantly above the city",
    },
}

SECTION_TEXT = {  # the bulletin's section heads, chart captions and words (Word and HTML)
    "zh": {
        "overview": "总体情况",
        "growth_head": "全年累计增速",
        "actual": "实际",
        "forecast": "预计",
        "figure": "图{n}\u3000{title}",
        "join": "：",
    },
    "en": {
        "overview": "Overview",
        "growth_head": "Full-year growth",
        "actual": "actual",
        "forecast": "forecast",
        "figure": "Figure {n}. {title}",
        "join": ": ",
    },
}

COMMAND_TEXT = {  # terminal lines of `run`, `ledger`, `evaluate`: summaries, warnings, progress
    "zh": {
        "written": "已写入：{path}",
        "notebook_failed": "笔记本{notebook}（{name}）在单元格[{cell}]出错（{line}）：{error}。"
        "出错的笔记本保存在{kept}；未替换任何报告。",
        "data_start": "{period}无数据：{what}始于{first}（{files}）",
        "data_none": "{period}无数据：文件中没有{what}（{files}）",
        "data_end": "{period}无数据：{what}止于{last}（{files}）",
        "data_skip": "{period}无数据：{what}（{first}至{last}）缺这一期（{files}）",
        "quarterly_data": "季度数据",
        "quarterly_data_of": "{names}的季度数据",
        "evaluation_data": "考评数据",
        "monthly_data": "月度累计数据",
        "january_alone": "无{period}台账：1月数据不单独公布（1—2月累计在2月一并公布）；"
        "请改为{month}",
        "ledger_indicators": "{period}无台账指标（{names}）数据：该月的月度累计数据只有{others}"
        "（{files}）",
        "evaluated": "{year}年考评：{n}个集聚区参评（数据截至{as_of}）；相邻名次{pairs}处中，"
        "{clear}处领先后一名的概率不低于{level:.0%}（设定的阈值，不是显著性检验）",
        "gap_indicator": "警告：{period}无{name}数据：不列入报告（其他指标不重新加权）",
        "gap_regions": "警告：{period}无数据的地区（{n}个）：{names}",
        "gap_pairs": "警告：{period}缺少{n}项地区指标数据：{names}",
        "gap_more": "等",
        "gap_last_month": "警告：缺少{period}累计数（{n}项）：{names}。"
        "其{month}本月值和较上月增减空缺（不以两个月之差代替）",
        "gap_earlier_month": "警告：缺少本年往月累计数（{n}项）：{names}。ledger.csv无该月此行，"
        "下一月本月值和较上月增减空缺",
        "gap_target_base": "警告：无{period}{name}累计数：{year}年增长目标（{value:+g}%）"
        "无法换算为年度目标，年度目标和目标完成率空缺",
        "gap_growth_only": "警告：{name}只有累计增速、没有累计数（{period}累计增速{growth}，"
        "无累计数）：{year}年增长目标（{value:+g}%）无法换算为年度目标，年度目标和目标完成率空缺；"
        "台账不以增速对照目标，请直接比较累计增速与目标增速",
        "sentence_last_month": "{period}累计数缺失（{names}）：本月值和较上月增减空缺，"
        "详见“数据缺失”表。",
        "sentence_earlier_month": "本年往月累计数缺失：{names}。",
        "sentence_target_base": "{period}累计数缺失（{names}）：年度增长目标无法换算，"
        "年度目标和目标完成率空缺。",
        "sentence_growth_only": "{names}只有累计增速、没有累计数：年度增长目标无法换算，"
        "年度目标和目标完成率空缺，请直接比较累计增速与目标增速。",
        "gap_level_growth_only": "警告：{name}只有累计增速、没有累计数（{period}累计增速"
        "{growth}，无累计数）：{year}年总量目标（{value:g}）无可对照的累计数，目标完成率空缺",
        "sentence_level_growth_only": "{names}只有累计增速、没有累计数：年度总量目标无可对照的"
        "累计数，目标完成率空缺。",
        "gap_january": "警告：数据中{n}条1月累计数未列入台账（{names}）：1月数据不单独公布，"
        "1—2月累计在2月一并公布，台账从1—2月开始",
        "sentence_january": "数据中{n}条1月累计数未列入台账（{names}）：1—2月累计在2月一并公布。",
        "outlook_no_months": "警告：截至{month}无{names}的月度数据：全年预计仍为季度模型预测",
        "outlook_kept_head": "警告：截至{month}的月度数据无法用于以下{n}个序列，"
        "全年预计仍为季度模型预测：",
        "outlook_stand_in_head": "警告：以下{n}个序列月度增速不足{months}个月，"
        "动态因子模型以累计增速不变代替：",
        "stars_by_rule": "警告：{period}星级名单中没有以下{n}个集聚区，上年星级按规则估计：{names}",
        "gap_register": "警告：重点项目台账（{file}）无{period}数据"
        "（台账月份为{first}至{last}）：重点项目目标状态记为“无数据”",
        "no_benchmark": "警告：{period}无全市{versus}数据：{name}无法按方案比较（全市{versus}"
        "增速+{margin:g}个百分点），方案目标状态记为“无比较基准”",
        "unknown_clusters": "警告：企业数据（{file}）中{n}家企业的集聚区不在目录中：{names}"
        "（列入数据质量表，不参与分类和集聚区亩均统计）",
        "firms_of": "{name}（{n}家）",
        "blank_bonus": "警告：企业数据（{file}）的{column}一列全部为空：没有企业获得该项加分",
        "baseline_first": "先生成基准报告：{reason}",
        "baseline_missing": "基准报告（{report}）不存在",
        "baseline_no_draws": "基准报告（{report}）未保存模拟路径（生成于情景分析功能之前）",
        "baseline_draws_changed": "基准报告生成后，其模拟路径文件（{path}）有改动",
        "baseline_settings": "基准报告（{report}）的运行设置与本次不同",
        "baseline_input": "基准报告（{report}）生成后，输入文件（{name}）有改动",
        "evaluation_benchmark": "{scheme}：{year}年考评的{names}是集聚区增速与{region}增速之差，"
        "但数据缺少{figures}，没有集聚区能计算；请补充{region}的这些数据",
        "evaluation_figure": "{region}{indicator}（{periods}）",
        "evaluation_unreported": "{scheme}：没有集聚区有{year}年（读{as_of}）{names}的数据；"
        "请补充数据，或在方案中明确去掉这些指标（drop: [{ids}]）",
        "evaluation_unranked": "{n}个集聚区{as_of}缺少方案一半以上权重的指标（{names}）："
        "无数据，不参与排名，不估计星级和退出；其余集聚区在它们之间排名",
        "as_of_after_year": "--as-of {given}（{as_of}）晚于{year}年：考评{year}年须给出{year}年"
        "的季度（如{example}），或不给（默认为{year}年第四季度）",
        "as_of_before_year": "--as-of {given}（{as_of}）早于{year}年：考评{year}年须给出{year}年"
        "的季度（如{example}），或不给（默认为{year}年第四季度）",
        "periods_to": "{first}至{last}",
        "batch_bar": "季度批处理 {period}",
        "batch_unit": "个笔记本",
        "panel_skipped": "以下{n}个序列无法换算为季度数据，未纳入分析：",
        "panel_series": "{region}{indicator}（{measure}）：{reason}",
        "ledger_data": "台账指标（{names}）的月度累计数据",
        "status_estimate": "预计数（estimate）",
        "status_alternative": "其他来源数（alternative）",
        "data_not_final": "{period}无最终数据：{what}中{period}仅有{n}条{statuses}，"
        "只分析最终数（status为final）；最终数据止于{last}（{files}）",
        "data_not_final_none": "{period}无最终数据：{what}中{period}仅有{n}条{statuses}，"
        "只分析最终数（status为final），此前也无最终数据（{files}）",
        "preliminary_left_out": "警告：{period}有{n}项地区指标只有预计数等非最终数，"
        "不作分析（按缺数处理）：{names}",
    },
    "en": {
        "written": "written: {path}",
        "notebook_failed": "notebook {notebook} ({name}) failed in cell [{cell}] ({line}): "
        "{error}. The failed notebook is kept at {kept}; no report was replaced.",
        "data_start": "no data for {period}: the {what} start in {first} ({files})",
        "data_none": "no data for {period}: the files hold no {what} ({files})",
        "data_end": "no data for {period}: the {what} end in {last} ({files})",
        "data_skip": "no data for {period}: the {what} ({first} to {last}) skip it ({files})",
        "quarterly_data": "quarterly data",
        "quarterly_data_of": "quarterly data of {names}",
        "evaluation_data": "evaluation data",
        "monthly_data": "monthly year-to-date data",
        "january_alone": "no ledger for {period}: January is never published alone (the "
        "January–February year-to-date figures appear together in February); ask for {month}",
        "ledger_indicators": "no data for {period} for the ledger's indicators ({names}): the "
        "monthly year-to-date data at {period} hold only {others} ({files})",
        "evaluated": "evaluation of {year}: {n} clusters ranked (data as of {as_of}); "
        "in {clear} of {pairs} adjacent pairs the higher-ranked cluster is ahead with a "
        "probability of at least {level:.0%} (a stated threshold, not a significance test)",
        "gap_indicator": "warning: no data for {period} for indicator {name}: left out of the "
        "report (no re-weighting of the others)",
        "gap_regions": "warning: no data for {period} in {n} region(s): {names}",
        "gap_pairs": "warning: no data for {period} for {n} region/indicator pair(s): {names}",
        "gap_more": " and {n} more",
        "gap_last_month": "warning: no year-to-date figure of {period} for {n} region/indicator "
        "pair(s): {names}; their {month} month value and change on last month are left empty "
        "(not a difference over two months)",
        "gap_earlier_month": "warning: no year-to-date figure of an earlier month of the year "
        "for {n} region/indicator pair(s): {names}; ledger.csv has no row of that month for them "
        "and the next month's month value and change are left empty",
        "gap_target_base": "warning: no year-to-date figure of {period} for {name}: its {year} "
        "growth target ({value:+g}%) cannot be turned into a level; target and completion are "
        "left empty",
        "gap_growth_only": "warning: {name} has year-to-date growth rates only, no year-to-date "
        "levels ({period}: growth {growth}, no level): its {year} growth target ({value:+g}%) "
        "cannot be turned into a level; target and completion are left empty. The ledger does "
        "not test growth against the target: compare its year-to-date growth with the target "
        "growth directly",
        "sentence_last_month": " The year-to-date figure of {period} is missing for {names}: "
        "their month value and change on last month are left empty; see the 'Missing data' "
        "table.",
        "sentence_earlier_month": " Earlier months' year-to-date figures missing: {names}.",
        "sentence_target_base": " The year-to-date figure of {period} is missing for {names}: "
        "their growth targets cannot be turned into levels; target and completion are left "
        "empty.",
        "sentence_growth_only": " Year-to-date growth rates only, no levels, for {names}: their "
        "growth targets cannot be turned into levels; target and completion are left empty "
        "(compare their year-to-date growth with the target growth directly).",
        "gap_level_growth_only": "warning: {name} has year-to-date growth rates only, no "
        "year-to-date levels ({period}: growth {growth}, no level): its {year} level target "
        "({value:g}) has no year-to-date figure to be compared with; completion is left empty",
        "sentence_level_growth_only": " Year-to-date growth rates only, no levels, for {names}: "
        "their level targets have no year-to-date figure to be compared with; completion is left "
        "empty.",
        "gap_january": "warning: {n} January year-to-date figure(s) of the data left out of the "
        "ledger ({names}): January is never published alone (January and February come out "
        "together, in February); the ledger starts at January–February",
        "sentence_january": " {n} January year-to-date figure(s) of the data left out ({names}): "
        "January and February are published together, in February.",
        "outlook_no_months": "warning: as_of_month {month}: no monthly figures of {names}: their "
        "full-year outlook is the quarterly forecast",
        "outlook_kept_head": "warning: as_of_month {month}: {n} series keep the quarterly "
        "forecast:",
        "outlook_stand_in_head": "warning: as_of_month {month}: {n} series are too short for the "
        "factor model (fewer than {months} months of growth): year-to-date growth stays stands "
        "in:",
        "stars_by_rule": "warning: the star lists hold no {period} rating of {n} cluster(s); "
        "last year's stars estimated by the rule: {names}",
        "gap_register": "warning: the key-project register {file} holds no rows of {period} (its "
        "months: {first} to {last}): the project goals read 'no data'",
        "no_benchmark": "warning: no data for {period} of the city's {versus}: {name} cannot be "
        "tested as the plan says (the city's {versus} growth + {margin:g} pp); its plan status "
        "reads 'no benchmark'",
        "unknown_clusters": "warning: {n} firm(s) of the enterprise file {file} name no cluster "
        "of the catalogue: {names} (listed in the data-quality table, left out of the classes "
        "and the clusters' per-mu figures)",
        "firms_of": "{name} ({n})",
        "blank_bonus": "warning: the column {column} of the enterprise file {file} is blank on "
        "every row: no firm gets its bonus",
        "baseline_first": "building the baseline report first: {reason}",
        "baseline_missing": "{report} does not exist",
        "baseline_no_draws": "{report} kept no simulated paths (made before scenarios existed)",
        "baseline_draws_changed": "{path} changed since the report was made",
        "baseline_settings": "{report} was made with other settings",
        "baseline_input": "input {name} changed since {report} was made",
        "evaluation_benchmark": "{scheme}: the evaluation of {year} compares the clusters' "
        "growth with {region}'s ({names}), but the data lack {figures}: no cluster can be "
        "scored on them; supply these figures of {region}",
        "evaluation_figure": "{region}/{indicator} ({periods})",
        "evaluation_unreported": "{scheme}: no cluster has a value of {ids} for {year} (read "
        "at {as_of}); supply the data, or drop the indicator explicitly in the scheme "
        "(drop: [{ids}])",
        "evaluation_unranked": "{n} cluster(s) lack indicators carrying more than half the "
        "scheme's weight at {as_of} ({names}): no data, not ranked, no star or exit estimate; "
        "the others are ranked among themselves",
        "as_of_after_year": "--as-of {given} comes after {year}: to evaluate {year} give a "
        "quarter of {year} (e.g. {example}) or none (default {year}Q4)",
        "as_of_before_year": "--as-of {given} comes before {year}: to evaluate {year} give a "
        "quarter of {year} (e.g. {example}) or none (default {year}Q4)",
        "periods_to": "{first} to {last}",
        "batch_bar": "batch {period}",
        "batch_unit": "notebook",
        "panel_skipped": "{n} series left out of the panel:",
        "panel_series": "{region}, {indicator} ({measure}): {reason}",
        "ledger_data": "monthly year-to-date data of the ledger's indicators ({names})",
        "status_estimate": "estimate",
        "status_alternative": "alternative",
        "data_not_final": "no final data for {period}: the {what} hold only {statuses} "
        "figures of {period} ({n} rows), and only status final is analysed; the final data "
        "end in {last} ({files})",
        "data_not_final_none": "no final data for {period}: the {what} hold only {statuses} "
        "figures of {period} ({n} rows), and only status final is analysed; there are no "
        "final data before it ({files})",
        "preliminary_left_out": "warning: {period}: {n} region/indicator figure(s) are not "
        "final (estimate or alternative) and are not analysed (missing, as without a row): "
        "{names}",
    },
}

SCENARIO_TEXT = {  # a scenario's comparison tables, its page's notes and notebook 08's widgets
    "zh": {
        "baseline": "基准",
        "scenario": "情景",
        "change": "变化",
        "probability": "达成概率",
        "status": "状态",
        "required_growth": "所需增速（%）",
        "goal": "目标",
        "scope": "范围",
        "changed": "有变化",
        "points": "{points}个百分点",
        "unchanged": "持平",
        "workbook_title": "情景：{heading}",
        "change_points": "变化（百分点）",
        "region": "地区",
        "indicator": "指标",
        "growth_change": "全年累计增速变化（百分点）",
        "city_note": "注：集聚区的增速冲击不改变全市的预测（假设S2），以下指标的全市增速保持基准："
        "{names}。如需全市同步变化，请在情景文件中另设全市冲击。",
        "idle_note": "以下冲击已施加于模拟路径，但未改变本报告中的任何目标或全年预测：",
        "idle_shock": "{file}：shocks[{number}]（{shock}）未改变报告中的任何目标或全年预测"
        "（已施加于模拟路径，但报告未读取）",
        "replaced": "{folder}原为{before}的情景，现改为{source}的情景"
        "（情景文件夹按情景文件名命名）",
        "zero_shock": "{file}：shocks[{number}]（{shock}）为零，没有可改变的内容"
        "（未改变任何目标或全年预测）",
        "overlap_note": "以下冲击作用于同一序列的相同时期，已相加施加：",
        "overlap_shock": "{file}：shocks[{later}]与shocks[{other}]同为{regions}{indicator}"
        "的增速冲击，自{period}起至年底重叠，两者在重叠部分相加（{one}与{two}个百分点，"
        "合计{total}个百分点）；如非本意，请合并为一条冲击",
        "project_in": "项目所在",
        "q4_investment": "四季度投资（亿元）",
        "updated_in": "更新用时 {seconds:.2f} 秒",
        "growth_shocks": "<b>增速冲击（百分点，自{period}起）</b>",
        "shock_growth_up": "{regions}{indicator}自{since}起增速提高{points}个百分点",
        "shock_growth_down": "{regions}{indicator}自{since}起增速回落{points}个百分点",
        "shock_level_up": "{region}{quarter}{indicator}增加{amount}亿元",
        "shock_level_down": "{region}{quarter}{indicator}减少{amount}亿元",
        "shock_growth_flat": "{regions}{indicator}自{since}起增速不变（{points}个百分点）",
        "shock_level_flat": "{region}{quarter}{indicator}不变（{amount}亿元）",
        "paths_reused": "沿用{report}的模拟路径",
        "paths_simulated": "未给report_dir：在此模拟路径（与季度批处理的03_goals相同）",
        "one_update": "一次更新用时{seconds:.3f}秒",
    },
    "en": {
        "baseline": "baseline",
        "scenario": "scenario",
        "change": "change",
        "probability": "probability",
        "status": "status",
        "required_growth": "required growth (%)",
        "goal": "goal",
        "scope": "region",
        "changed": "changed",
        "points": "{points} pp",
        "unchanged": "unchanged",
        "workbook_title": "Scenario: {heading}",
        "change_points": "change (pp)",
        "region": "region",
        "indicator": "indicator",
        "growth_change": "full-year growth change (pp)",
        "city_note": "Note: shocks to the clusters' growth do not move the city's forecast "
        "(assumption S2); the city keeps its baseline growth of {names}. Add a shock naming the "
        "city for a city-wide change.",
        "idle_note": "These shocks were applied to the simulated paths but move no goal and no "
        "full-year forecast of this report:",
        "idle_shock": "{file}: key 'shocks[{number}]': {shock} moves no goal and no full-year "
        "forecast of the report (applied to its simulated paths, but nothing reported reads them)",
        "replaced": "{folder} was written from {before}; it now holds the scenario of {source} "
        "(a scenario's folder is named by its file's stem)",
        "zero_shock": "{file}: key 'shocks[{number}]': {shock} is zero: there is nothing to move "
        "(no goal and no full-year forecast changes)",
        "overlap_note": "These shocks act on the same series in the same periods and were added "
        "up:",
        "overlap_shock": "{file}: key 'shocks[{later}]': overlaps shocks[{other}] on the growth of "
        "{indicator} in {regions} from {period} to December: the two add up there ({one} and "
        "{two} pp, {total} pp together); if that is not meant, state one shock",
        "project_in": "project in",
        "q4_investment": "Q4 investment (100m yuan)",
        "updated_in": "updated in {seconds:.2f} s",
        "growth_shocks": "<b>growth shocks (pp, from {period})</b>",
        "shock_growth_up": "Growth of {indicator} of {regions} {points} percentage points higher "
        "from {since}",
        "shock_growth_down": "Growth of {indicator} of {regions} {points} percentage points "
        "lower from {since}",
        "shock_growth_flat": "Growth of {indicator} of {regions} unchanged ({points} percentage "
        "points) from {since}",
        "shock_level_up": "{indicator} of {region} {amount} higher in {quarter}",
        "shock_level_down": "{indicator} of {region} {amount} lower in {quarter}",
        "shock_level_flat": "{indicator} of {region} unchanged ({amount}) in {quarter}",
        "paths_reused": "the simulated paths of {report} are reused",
        "paths_simulated": "report_dir is empty: the paths are simulated here (as the batch's "
        "03_goals does)",
        "one_update": "one update: {seconds:.3f} s",
    },
}

SERIES_REASONS: dict[str, tuple[str, str]] = {  # clusterlib.exceptions.SeriesError's reasons
    "missing_periods": (
        "同一年内缺少{periods}，累计数无法换算为当季数",
        "{periods} missing within a year: the year-to-date figures cannot be split",
    ),
    "no_values": ("增速均为空值", "the growth series has no values"),
    "growth_gaps": (
        "缺少{periods}的增速，无法连续推算指数",
        "no growth for {periods}: the index cannot be chained",
    ),
    "partial_first_year": (
        "增速始于{periods}，该年不完整（应从第一季度开始）",
        "growth starts at {periods}: that year is partial (expected from a first quarter)",
    ),
    "growth_below_minus_100": ("{periods}增速不高于-100%", "growth of -100% or less at {periods}"),
    "no_single_quarter": (
        "各年首个累计数均晚于第一季度（仅有全年或半年数），无法得到当季数",
        "every year's first figure comes after Q1 (annual or half-year totals alone)",
    ),
    "other": ("无法换算为季度数据", "cannot be made quarterly"),
}

REPORT_SECTIONS: dict[str, tuple[str, str]] = {  # section heads of the HTML reports
    "ledger_plan_test": ("一、方案目标状态", "1. The plan's test"),
    "ledger_table": ("二、台账", "2. The ledger"),
    "ledger_growth": ("三、各集聚区累计增速走势", "3. Year-to-date growth, cluster by cluster"),
    "ledger_projection": ("四、年底预计", "4. Year-end projection"),
    "ledger_three_fifty": ("五、三个50重大项目", "5. The Three 50s list of key projects"),
    "evaluation_ranking": ("一、综合排名", "1. Ranking"),
    "evaluation_intervals": ("二、排名区间（80%）", "2. How fragile is each rank (80% interval)"),
    "evaluation_stars": ("三、星级图", "3. Star map"),
    "evaluation_quality": ("四、数据缺失", "4. Missing data"),
    "evaluation_notes": ("五、说明", "5. Notes"),
}
"""The numbered section heads the ledger's and the evaluation's HTML show in the report's
language (the notebooks' own markdown, for their readers in Jupyter, is left out of the HTML)."""

REPORT_TITLES: dict[str, tuple[str, str]] = {  # titles of the HTML reports; fields by format
    "ledger": (
        "{year}年{month}月郑州市产业集聚区月台账",
        "Zhengzhou industrial clusters: monthly ledger, {period}",
    ),
    "evaluation": (
        "{year}年度郑州市产业集聚区考评",
        "Zhengzhou industrial clusters: evaluation of {year}",
    ),
    "evaluation_gaps": (
        "数据缺失：{parts}。缺失指标按方案规则处理（{rule}），不以较早季度的数值代替，"
        "也不调整其他指标的权重；各规则下的排名见“四、数据缺失”，明细见工作簿“数据质量”和“数据缺失”表。",
        "Missing data: {parts}. Missing indicators are treated by the scheme's rule ({rule}), "
        "never filled with an earlier quarter's figure, and the other weights are unchanged; "
        "the ranks under every rule are in '4. Missing data', the details in the workbook's "
        "sheets 'Data quality' and 'Missing data'.",
    ),
    "evaluation_gap_unranked": (
        "{names}无{period}数据（缺少方案一半以上权重的指标），不参与排名",
        "{names} without {period} data (indicators carrying more than half the scheme's "
        "weight missing), not ranked",
    ),
    "evaluation_gap_of": ("{names}无{period}数据", "no {period} data of {names}"),
    "evaluation_gap_counts": (
        "{n}项集聚区指标缺失（{counts}）",
        "{n} cluster indicators missing ({counts})",
    ),
    "evaluation_gap_count": ("{name}{n}项", "{name} {n}"),
    "notice": (
        "本报告使用合成演示数据（真实集聚区名称，数值为模拟），不代表官方统计。",
        "This report uses SYNTHETIC demonstration data (real cluster names, simulated numbers); "
        "it is not official statistics.",
    ),
}

REASON_PREFIXES: dict[str, tuple[str, str]] = {  # reasons made of a prefix and a column id
    "negative_": ("{}为负", "negative {}"),
    "missing_": ("缺少{}", "no {}"),
    "undefined_": ("{}无法计算", "{} undefined"),
    "unit_slip_": ("{}疑为以元记作万元", "{} typed in yuan?"),
}
REASON_EXPECTED: dict[str, tuple[str, str]] = {  # what a data-quality reason's value should be
    "missing_firm_id": ("应填写企业编号", "expected a firm id"),
    "duplicate_firm_id": ("企业编号应唯一", "expected each firm id once"),
    "unknown_cluster": ("应为区域目录中的集聚区或园区", "expected a catalogue cluster or park"),
    "missing_land": ("应填写用地面积（亩）", "expected the land area (mu)"),
    "nonpositive_land": ("用地面积应大于0亩", "expected a land area above 0 mu"),
    "repeated_row": (
        "每家企业列一行（重复行仅计一次）",
        "expected each row once (a copy counts once)",
    ),
}
EXPECTED_PREFIXES: dict[str, tuple[str, str]] = {  # the same for reasons of a prefix and a column
    "negative_": ("{}不应为负", "expected {} of 0 or more"),
    "missing_": ("应填写{}", "expected {}"),
    "undefined_": ("{}应可计算（数据齐全、分母不为0）", "expected {} to be computable"),
    "unit_slip_": (
        "{}应以万元计（低于本集聚区企业中位数的1000倍）",
        "expected {} in 10,000 yuan (below 1000× the cluster's median firm)",
    ),
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


STATUSES = ("met", "on_track", "at_risk", "off_track", "missed", "no_data", "not_measurable")


def status_label(status: str, lang: str = "zh") -> str:
    """A goal status ("on track", as in clusterlib.goals.progress results) in ``lang``."""
    return t(status.replace(" ", "_"), lang)


def target_label(
    metric: str, threshold: object, lang: str = "zh", unit: str | None = None
) -> object:
    """A goal's target (目标值) as the office writes it: 0 percentage points above the city's
    growth (``*.ytd_growth_minus_city_pp``, :data:`TARGET_WORDS`) as 高于全市 / "above the
    city"; with the goal's ``unit`` (params/goals.yaml) a number reads with it, 48万元/亩,
    4000亿元, 2个百分点, 50个 (:func:`goal_value`); other targets unchanged (numbers, NaN for
    none)."""
    position = check_lang(lang)
    measure = str(metric).partition(".")[2]
    if measure in TARGET_WORDS and threshold == 0:
        return TARGET_WORDS[measure][position]
    if unit and isinstance(threshold, int | float) and not pd.isna(threshold):
        return goal_value(threshold, unit, lang, fixed=False)
    return threshold


def goal_value(
    value: object, unit: str | None, lang: str = "zh", fixed: bool = True, signed: bool = False
) -> str:
    """A goal's figure with its unit (:data:`GOAL_UNITS`): 3861.6亿元, 97.6%, 48个, -1.5个百分点
    ("" for none; in English as the goals' names count: 386.2bn yuan, 480k yuan/mu).
    ``fixed``: the unit's decimals (3861.6, an actual); else as few as needed (4000亿元, a
    target). ``signed``: a + before a positive figure (a growth gap). A figure that
    rounds to zero reads 0, never -0.0. A yes/no goal reads 是/否; other units: the number."""
    position = check_lang(lang)
    if value is None or pd.isna(value):
        return ""
    number = float(value)
    if unit == "yes_no":
        return WORDS[str(number >= 1)][position]
    zh, en, decimals, scale = GOAL_UNITS.get(str(unit), ("{}", "{}", 1, 1.0))
    number = round(number * (scale if position else 1.0), decimals) + 0.0  # + 0.0: no -0.0
    sign = "+" if signed and number else ""
    text = f"{number:{sign}.{decimals}f}" if fixed else f"{number:{sign}g}"
    return (zh, en)[position].format(text)


def goal_decimals(unit: str | None) -> int:
    """Decimals a goal's figure shows in its unit (:data:`GOAL_UNITS`; others: 1)."""
    return GOAL_UNITS.get(str(unit), ("", "", 1, 1.0))[2]


def gap_unit(unit: str | None) -> str | None:
    """The unit of a difference of two figures in ``unit`` (:data:`GAP_UNITS`: % → pp)."""
    return GAP_UNITS.get(str(unit), unit)


def goal_label(goal_id: str, lang: str = "zh") -> str:
    """Short name of a goal (params/goal_labels.csv); unknown ids are returned as given."""
    labels = _goal_labels()
    return str(labels.at[goal_id, f"label_{lang}"]) if goal_id in labels.index else goal_id


@cache
def _goal_labels() -> pd.DataFrame:
    return pd.read_csv(paths.PARAMS / "goal_labels.csv", dtype=str).set_index("goal_id")


@cache
def _column_labels() -> pd.DataFrame:
    return pd.read_csv(paths.CATALOG / "columns.csv", dtype=str).set_index("id")


def column_label(column: str, lang: str = "zh") -> str:
    """Header of a result column in ``lang`` (data/catalog/columns.csv); unknown names unchanged."""
    labels = _column_labels()
    return str(labels.at[column, f"name_{lang}"]) if column in labels.index else column


PERIOD_FIELDS = ("period", "month", "as_of", "first", "last")
"""Fields of :data:`COMMAND_TEXT` that hold a period (written as the office writes it in zh)."""


def period_name(period: object, lang: str = "zh") -> str:
    """A period as the office writes it: 2018年, 2019年第二季度, 2019年6月 (en: as given)."""
    text = str(period)
    if lang != "zh":
        return text
    if re.fullmatch(r"\d{4}", text):
        return f"{text}年"
    if found := re.fullmatch(r"(\d{4})Q([1-4])", text):
        return f"{found[1]}年第{'一二三四'[int(found[2]) - 1]}季度"
    if found := re.fullmatch(r"(\d{4})-(\d{2})", text):
        return f"{found[1]}年{int(found[2])}月"
    return text


def command_text(key: str, lang: str | None, **fields: object) -> str:
    """The terminal line ``key`` of :data:`COMMAND_TEXT` in ``lang`` (None: English, by id),
    its periods written by :func:`period_name`."""
    lang = lang or "en"
    shown = {k: period_name(v, lang) if k in PERIOD_FIELDS else v for k, v in fields.items()}
    return COMMAND_TEXT[lang][key].format(**shown)


def scenario_text(key: str, lang: str = "zh", **fields: object) -> str:
    """The scenario words ``key`` of :data:`SCENARIO_TEXT` in ``lang``, periods written by
    :func:`period_name`."""
    shown = {k: period_name(v, lang) if k in PERIOD_FIELDS else v for k, v in fields.items()}
    return SCENARIO_TEXT[lang][key].format(**shown)


def series_reason(reason: str, periods: Sequence[str], lang: str = "zh") -> str:
    """Why a series was left out of the panel (:data:`SERIES_REASONS`; unknown reasons:
    ``other``), its periods written by :func:`period_name` (the first five, then 等)."""
    position = check_lang(lang)
    text = ("、" if lang == "zh" else ", ").join(period_name(p, lang) for p in periods[:5])
    if len(periods) > 5:
        text += "等" if lang == "zh" else f" and {len(periods) - 5} more"
    template = SERIES_REASONS.get(reason, SERIES_REASONS["other"])[position]
    return template.format(periods=text)


def in_sentence(name: str) -> str:
    """An English name as it reads inside a sentence: "Fixed-asset investment" → "fixed-asset
    investment"; names starting with an acronym (GDP) unchanged."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def listed(items: Sequence[str], lang: str = "zh") -> str:
    """Items as a list in ``lang``: 甲、乙和丙 / "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    join, last = ("、", "和") if lang == "zh" else (", ", " and ")
    return join.join(items[:-1]) + last + items[-1]


def regions_listed(regions: Sequence[str], lang: str = "zh", report: Collection[str] = ()) -> str:
    """Regions (ids) as a sentence names them: the city and every cluster of the report as
    全市及各集聚区 / "the city and every cluster", every cluster as 各集聚区 / "every cluster"
    (:data:`REGION_GROUPS`), other lists by name (:func:`listed`: 甲、乙和丙), in order.

    ``report`` holds the report's regions (e.g. the rows of its full-year tables; its
    aggregates do not count as clusters); default: the city and the catalogue's clusters.
    """
    position = check_lang(lang)
    clusters = set(catalog.clusters())
    shown = set(report) or {*_city_ids(), *clusters}
    everyone = {region for region in shown if region in clusters or region in _city_ids()}
    own = everyone & clusters
    given = set(regions)
    if len(own) > 1 and given == everyone and everyone != own:
        return REGION_GROUPS["city_and_clusters"][position]
    if len(own) > 1 and given == own:
        return REGION_GROUPS["clusters"][position]
    return listed([catalog.region_name(region, lang) for region in regions], lang)


def _city_ids() -> set[str]:
    """Ids of the catalogue's regions of kind ``city`` (郑州市)."""
    table = catalog.regions()
    return set(table.index[table["kind"] == "city"])


def table_name(table: str, lang: str = "zh") -> str:
    """Sheet name of a run's table in ``lang`` (:data:`TABLE_NAMES`); unknown ids unchanged."""
    position = check_lang(lang)
    return TABLE_NAMES[table][position] if table in TABLE_NAMES else table


def word_label(word: str, lang: str = "zh") -> str:
    """A word of the run's tables (:data:`WORDS`, goal statuses) in ``lang``; others unchanged."""
    position = check_lang(lang)
    if word in WORDS:
        return WORDS[word][position]
    key = word.replace(" ", "_")
    return LABELS[key][position] if key in LABELS and key in STATUSES else word


def code_name(code: str, kind: str, lang: str = "zh") -> str:
    """The name in ``lang`` of a code of ``kind``: ``region`` (the catalogue's; 合计 for
    ``total``, 每个集聚区 for ``each_cluster``), ``goal``, ``indicator`` (the catalogue's, else
    the enterprise rules' column header: ``tax_per_mu`` 亩均税收) or ``column`` (its header).
    The one path from a code to its name, for notebook tables and workbooks alike."""
    if kind == "region":
        if code == "each_cluster":
            return t("each_cluster", lang)
        name = catalog.region_name(code, lang)
        return word_label(code, lang) if name == code else name
    if kind == "goal":
        return goal_label(code, lang)
    if kind == "column":
        return column_label(code, lang)
    if kind == "indicator":
        name = catalog.indicator_name(code, lang)
        return column_label(code, lang) if name == code else name
    raise ValueError(f"code_name: unknown kind {kind!r} (region, goal, indicator or column)")


OWN_NAMES = {"indicator": "name_zh"}
"""Code columns whose rows may carry their own Chinese name in another column (the enterprise
rules' indicators in ``c_firm_gaps``, whose names the catalogue does not hold or words
otherwise): with ``lang="zh"`` those names are shown."""


def own_names(table: pd.DataFrame, lang: str = "zh") -> dict[str, pd.Series]:
    """The code columns of ``table`` whose rows name themselves in ``lang`` (:data:`OWN_NAMES`):
    code column → the names."""
    if check_lang(lang) != 0:
        return {}
    return {code: table[name] for code, name in OWN_NAMES.items() if {code, name} <= set(table)}


def column_format(column: str) -> str:
    """Format kind of a result column (data/catalog/columns.csv ``format``); "" when unknown.

    Kinds: ``text``, ``region``/``goal``/``indicator``/``metric`` (codes shown as names),
    ``column`` (a column id, shown as its header),
    ``word`` and ``status`` (words of :data:`WORDS` and goal statuses in the run's language),
    ``expected`` (beside a ``reason`` column: what its value should be, in the run's
    language), ``period`` (a quarter or month as the office writes it in zh), ``bool``
    (是/否), ``growth`` and ``pp`` (one decimal), ``decimal``, ``ratio`` (two decimals),
    ``percent`` (a fraction shown as 0.0%), ``count`` (integer), ``money``
    (#,##0.0). A compound id ``<id>.<name>`` (the evaluation's ``value.revenue``) has the
    format of ``<id>``; ``aspect.<name>`` (an aspect's score) is a ``ratio``.
    """
    labels = _column_labels()
    if column in labels.index:
        return str(labels.at[column, "format"])
    kind, _, name = column.partition(".")  # evaluation's aspect.<id>, value.<id>, score.<id>
    if name and kind in labels.index:
        return "ratio" if kind == "aspect" else str(labels.at[kind, "format"])
    return ""


def word(value: object, lang: str = "zh") -> object:
    """A code word of a table cell (a model, a form of publication, a boolean) in ``lang``.

    Booleans (Python's or numpy's) read 是/否; other values without a label (numbers, names)
    are returned unchanged.
    """
    if isinstance(value, bool | np.bool_):
        return WORDS[str(bool(value))][check_lang(lang)]
    return word_label(value, lang) if isinstance(value, str) else value


def outlook_method(method: str, lang: str = "zh") -> str:
    """Name of a year-end outlook method of ``nowcast.RULES`` in ``lang``; others unchanged."""
    position = check_lang(lang)
    return OUTLOOK_METHODS[method][position] if method in OUTLOOK_METHODS else method


def report_title(kind: str, lang: str = "zh", **fields: object) -> str:
    """The title (or the synthetic-data notice) of a report of :data:`REPORT_TITLES`."""
    return REPORT_TITLES[kind][check_lang(lang)].format(**fields)


def reason_label(reason: str, lang: str = "zh") -> str:
    """A data-quality reason (``missing_land``, ``negative_tax``; several joined by "; ").

    Reasons of :data:`WORDS` read as words, ``<prefix><column>`` as the prefix's sentence of
    :data:`REASON_PREFIXES` around the column's label; others are returned as given.
    """
    return _reasons(reason, lang, WORDS, REASON_PREFIXES)


def reason_expected(reason: str, lang: str = "zh") -> str:
    """What the value of a data-quality reason should have been (:data:`REASON_EXPECTED`,
    :data:`EXPECTED_PREFIXES`): the 说明 of the data-quality sheets, from the reason alone."""
    return _reasons(reason, lang, REASON_EXPECTED, EXPECTED_PREFIXES)


def _reasons(
    reason: str,
    lang: str,
    words: dict[str, tuple[str, str]],
    prefixes: dict[str, tuple[str, str]],
) -> str:
    """Each part of ``reason`` (joined by "; ") in ``lang``: from ``words``, or as its prefix's
    sentence of ``prefixes`` around the column's label; others as :func:`word` gives them."""
    position = check_lang(lang)
    parts = []
    for part in reason.split("; "):
        prefix = next((p for p in prefixes if part.startswith(p)), None)
        if part in words:
            parts.append(words[part][position])
        elif prefix is None:
            parts.append(str(word(part, lang)))
        else:
            column = column_label(part.removeprefix(prefix), lang)
            parts.append(prefixes[prefix][position].format(column))
    return ("；" if lang == "zh" else "; ").join(parts)


UNIT_NAMES: dict[str, tuple[str, str]] = {  # a catalogue unit (indicators.csv) in a header
    "100m_yuan": ("亿元", "100m yuan"),
    "pct": ("%", "%"),
    "pct_share": ("%", "%"),
    "pp": ("百分点", "pp"),
    "count": ("个", "count"),
    "mu": ("亩", "mu"),
    "persons": ("人", "persons"),
    "10k_yuan_per_mu": ("万元/亩", "10k yuan/mu"),
    "10k_yuan_per_person": ("万元/人", "10k yuan/person"),
}


def with_unit(label: str, unit: str | None, lang: str = "zh") -> str:
    """``label`` with ``unit`` (:data:`UNIT_NAMES`) in brackets: 预测中位数（亿元）; unknown units
    or none leave it as it is."""
    position = check_lang(lang)
    if str(unit) not in UNIT_NAMES:
        return label
    name = UNIT_NAMES[str(unit)][position]
    return f"{label}（{name}）" if lang == "zh" else f"{label} ({name})"


def indicators_unit(indicators: Collection[str]) -> str | None:
    """The catalogue unit that all ``indicators`` share (None if they differ, one is unknown or
    there are none)."""
    table = catalog.indicators()
    units = {str(table.at[i, "unit"]) if i in table.index else None for i in indicators}
    return units.pop() if len(units) == 1 else None


def yuan_amount(hundred_millions: float) -> str:
    """An amount in 亿元 as English says it: 60 → "6 billion yuan", 2.5 → "250 million yuan"."""
    size = abs(hundred_millions)
    return f"{size / 10:g} billion yuan" if size >= 10 else f"{size * 100:g} million yuan"
