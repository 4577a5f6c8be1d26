"""Messages of the checks of input records that catch broken levels, rates and 当期 figures."""

TEXT = {
    "check_median_of": ("{region}的{median:.12g}", "{region}'s {median:.12g}"),
    "check_ytd": ("累计", "ytd"),
    "check_single": ("当期", "single"),
    "check_zero_denominator": (
        "{region}{indicator}{period}的水平值为{value:.12g}：它是亩均、人均比率的分母，应大于0"
        "（假设V5）；请核对该格是否把空白记成了0",
        "level {value:.12g} of {region} {indicator} {period}, a denominator of per-mu and "
        "per-person ratios: expected above 0 (assumption V5); check whether a blank was "
        "exported as 0",
    ),
    "check_below_median": (
        "{region}{indicator}{period}（{period_type}）的水平值{value:.12g}仅为其他"
        "{others}个集聚区中位数（{median_of}，{where}）的1/{factor:,.0f}："
        "应高于其1/{slip}（假设V3b）；请核对单位（万人或人、万亩或亩、亿元或万元）",
        "level {value:.12g} of {region} is 1/{factor:,.0f} of the median of the {others} other "
        "clusters' {indicator} {period} {period_type}, {median_of} ({where}): expected above "
        "1/{slip} of it (assumption V3b); check the unit (10,000 persons or persons, 10,000 mu "
        "or mu, 100 million or 10,000 yuan)",
    ),
    "check_rate_outside": (
        "{region}{indicator}{period}为{value:.12g}%，超出0至100%：比率、比重以百分数填报（假设V6）",
        "{value:.12g}% of {region} {indicator} {period} is outside 0 to 100%: a rate or "
        "share in % (assumption V6)",
    ),
    "check_rate_as_ratio": (
        "{region}{indicator}{period}为{value:.12g}，而{reference}为{median:.12g}：是小数，"
        "不是百分数（假设V6）；应填{percent:.12g}",
        "{value:.12g} for {region} {indicator} {period} beside {reference} {median:.12g}: a "
        "ratio, not a percentage (assumption V6); expected the rate in % ({percent:.12g})",
    ),
    "check_rate_others": (
        "其他{others}个集聚区同期的中位数",
        "the median of the {others} other clusters' at the same period",
    ),
    "check_rate_own": ("本地区其他时期的中位数", "the median of the region's other periods"),
    "check_single_vs_ytd": (
        "{indicator}{period}当期水平值{value:.12g}与累计水平值推算的{implied:.12g}（{how}）不符：应相差不超过"
        "{tolerance:.0%}（假设V7）；请核对两行",
        "single-period level {value:.12g} of {indicator} {period} differs from the "
        "{implied:.12g} the year-to-date levels imply ({how}): expected within "
        "{tolerance:.0%} (assumption V7); check both rows",
    ),
    "check_single_above_ytd": (
        "{indicator}{period}当期水平值{value:.12g}大于同期累计水平值{ytd:.12g}（{where}）："
        "当期不应超过累计（假设V7）；请核对两行",
        "single-period level {value:.12g} of {indicator} {period} is above the year-to-date "
        "level {ytd:.12g} of the same period ({where}): a part cannot exceed the whole "
        "(assumption V7); check both rows",
    ),
    "check_ytd_first": (
        "{where}的累计即本年首期",
        "{where}: the year-to-date level of the year's first period",
    ),
    "check_ytd_difference": ("{where}减{before}", "{where} minus {before}"),
    "check_aggregate_growth": (
        "{region}{indicator}{period}（{period_type}）增速{value:.12g}%与其{n}个集聚区总量所示"
        "增速{implied:+.1f}%（合计{level:.12g}，上年同期{level_before:.12g}）相差{gap:.1f}个百分点，"
        "超过{tolerance:g}个百分点（假设V9）：合计与其组成部分矛盾；请核对该增速（指标、期间、"
        "口径）或各集聚区的总量",
        "growth {value:.12g}% of {region} {indicator} {period} {period_type} is {gap:.1f} "
        "points from the {implied:+.1f}% its {n} clusters' levels imply (their sum "
        "{level:.12g} on {level_before:.12g} a year earlier), more than {tolerance:g} "
        "(assumption V9): a total contradicting its parts; check the growth (indicator, "
        "period, scope) or the clusters' levels",
    ),
}
