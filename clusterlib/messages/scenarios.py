"""Messages of the scenario files (params/scenarios/<name>.yaml): their shocks, the periods
they may take, and the refusals found against the simulated paths (assumption S4)."""

TEXT = {
    "scenario_shocks_empty": (
        "不能为空：请至少列出一项冲击",
        "must not be empty: list at least one shock",
    ),
    "scenario_shock_repeated": (
        "与shocks[{earlier}]重复（冲击类型、指标、地区和时期均相同）：每项都会计入，将重复计算；"
        "应合并为一项，填写合计值",
        "repeats shocks[{earlier}] (the same kind, indicator, regions and period): each entry is "
        "applied, so it would count twice; expected one shock with the total",
    ),
    "scenario_shock_kind": (
        "应填写growth_pp（及indicator、regions、from）或level_change（及indicator、region、"
        "quarter）二者之一",
        "expected either growth_pp (with indicator, regions, from) or level_change "
        "(with indicator, region, quarter)",
    ),
    "scenario_expected_signed": (
        "应为数值（负数表示放缓或减少），实为{value!r}",
        "expected a number (negative = slower or less), got {value!r}",
    ),
    "scenario_expected_finite": (
        "应为有限数值，实为{value!r}",
        "expected a finite number, got {value!r}",
    ),
    "scenario_indicator_unknown": (
        "指标{name!r}未知或无模拟路径；可用：{known}",
        "unknown or not simulated {name!r}; known: {known}",
    ),
    "scenario_indicator_unit": (
        "指标{name!r}的单位不是亿元（{unit}）；总量变动须用以亿元计的指标",
        "{name!r} is not in 100 million yuan ({unit}); a level change needs one",
    ),
    "scenario_regions_expected": (
        "应为city、all_clusters或集群代码（{known}），实为{value!r}",
        "expected city, all_clusters or cluster ids ({known}); got {value!r}",
    ),
    "scenario_cluster_expected": (
        "应为一个集群代码（{known}），实为{value!r}",
        "expected one cluster id ({known}); got {value!r}",
    ),
    "scenario_expected_quarter_or_month": (
        "应为季度或月份，如2019Q3或2019-08，实为{value!r}",
        "expected a quarter or month such as 2019Q3 or 2019-08, got {value!r}",
    ),
    "scenario_expected_quarter": (
        "应为季度，如2019Q4，实为{value!r}",
        "expected a quarter such as 2019Q4, got {value!r}",
    ),
    "scenario_nothing_left": (
        "{value}不在{year}年的剩余时期内：运行季度为{as_of}，{year}年已无可冲击的时期；"
        "请在更早的季度运行情景",
        "{value} is not in the rest of {year}: at {as_of} nothing is left of {year} to shock; "
        "run the scenario at an earlier quarter",
    ),
    "scenario_not_in_rest": (
        "{value}不在{year}年的剩余时期内（运行季度为{as_of}）：情景只冲击其后的季度，"
        "即{first}至{last}",
        "{value} is not in the rest of {year} at the run's quarter {as_of}: a scenario shocks "
        "the quarters after it, {first} to {last}",
    ),
    "scenario_published": (
        "{value}起始于运行所截至的月份{month}或更早，该月数据已公布：{where}",
        "{value} starts at or before the run's as-of month {month}, whose figures are "
        "published: {where}",
    ),
    "scenario_first_month": (
        "最早可冲击的月份为{first}",
        "the first month that may be shocked is {first}",
    ),
    "scenario_first_quarter": (
        "最早可冲击的季度为{first}",
        "the first quarter that may be shocked is {first}",
    ),
    "scenario_none_left": (
        "{year}年已无可冲击的时期",
        "nothing of {year} is left to shock",
    ),
    "scenario_no_base": (
        "shocks[{number}]：{region}{indicator}缺少某一受冲击季度的上年数值，无法调整其增速",
        "shocks[{number}]: {region}/{indicator} lacks last year's value of a shocked quarter, "
        "so its growth cannot move",
    ),
    "scenario_no_paths": (
        "{region}{indicator}没有可冲击的模拟路径",
        "no simulated paths of {region}/{indicator} to shock",
    ),
    "scenario_no_levels": (
        "shocks[{number}]：{region}{indicator}在{quarter}没有模拟总量（仅有增速的序列不能"
        "接受以亿元计的变动）",
        "shocks[{number}]: {region}/{indicator} has no simulated levels in {quarter} (a "
        "growth-only series cannot take a change in 100 million yuan)",
    ),
    "scenario_level_oversized": (
        "{change:g}亿元超过{region}{quarter}{indicator}的全部数额（基线预测{level:.2f}亿元）："
        "一个项目至多改变所在集群一个季度的数额（假设S4）；变动应在{low:.2f}至{high:.2f}亿元之间"
        "（总量变动以亿元计：万元 ÷ 10,000）",
        "{change:g} 100 million yuan is more than {region}'s whole {indicator} of {quarter} "
        "(baseline forecast {level:.2f} 100 million yuan): a project moves at most its cluster's "
        "quarter (assumption S4); expected a change between {low:.2f} and {high:.2f} (in 100 "
        "million yuan: 10,000 yuan ÷ 10,000)",
    ),
    "scenario_growth_outside": (
        "{pp:g}个百分点将使{region}{indicator}{quarter}的增速达到{after:.1f}%（基线预测"
        "{before:.1f}%；已计入文件中全部冲击），超出{indicator}的合理范围（{low:g}%至{high:g}%，"
        "{file}；假设S4）：{fix}",
        "{pp:g} pp would take the growth of {region}/{indicator} in {quarter} to {after:.1f}% "
        "(baseline forecast {before:.1f}%; all the file's shocks applied), outside the "
        "plausible range for {indicator} ({low:g} to {high:g}%, {file}; assumption S4): {fix}",
    ),
    "scenario_growth_none_fits": (
        "在文件其他冲击下，没有任何growth_pp能使全部受冲击季度保持在范围内",
        "no growth_pp keeps every shocked quarter inside it with the file's other shocks",
    ),
    "scenario_growth_between": (
        "growth_pp应在{least:.1f}至{most:.1f}之间",
        "expected growth_pp between {least:.1f} and {most:.1f}",
    ),
    "scenario_missing_paths": (
        "{regions}没有{indicator}的模拟路径：应为有{indicator}模拟路径的地区（{having}）",
        "no simulated paths of {indicator} in {regions}: expected regions with paths of "
        "{indicator} ({having})",
    ),
    "scenario_missing_levels": (
        "{regions}没有{indicator}的模拟总量：应为有{indicator}模拟总量的集群（{having}）",
        "no simulated levels of {indicator} in {regions}: expected a cluster with levels of "
        "{indicator} ({having})",
    ),
    "scenario_none_has_them": ("均没有", "none has them"),
    "scenario_level_below_zero": (
        "{change:g}亿元将使{region}{quarter}{indicator}在{size}条模拟路径中的{count}条上为负"
        "（基线预测{point:.1f}亿元，最低路径{lowest:.1f}）：变动应不小于{least:.1f}",
        "{change:g} 100 million yuan would make {region}/{indicator} of {quarter} negative on "
        "{count} of {size} simulated paths (baseline forecast {point:.1f} 100 million yuan, "
        "lowest path {lowest:.1f}): expected a change of at least {least:.1f}",
    ),
    "scenario_growth_below_zero": (
        "{pp:g}个百分点将使{region}{quarter}{indicator}在{size}条模拟路径中的{count}条上低于零"
        "（增速低于-100%）（{baseline}，最低路径{lowest:.1f}）：变动应不小于{least:.1f}个百分点",
        "{pp:g} pp would take {region}/{indicator} of {quarter} below zero (growth below -100%) "
        "on {count} of {size} simulated paths ({baseline}, lowest path {lowest:.1f}): expected "
        "a change of at least {least:.1f} pp",
    ),
    "scenario_baseline_level": (
        "基线预测{point:.1f}亿元",
        "baseline forecast {point:.1f} 100 million yuan",
    ),
    "scenario_baseline_index": (
        "基线链式指数预测{point:.1f}",
        "baseline chained index: forecast {point:.1f}",
    ),
}
