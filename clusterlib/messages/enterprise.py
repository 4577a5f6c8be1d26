"""Messages of the enterprise records and their classification (亩均评价)."""

TEXT = {
    # the records (企业分类评价数据)
    "firm_unreadable": (
        "无法识别的{column}{value!r}；{expected}",
        "unreadable {column} {value!r}; {expected}",
    ),
    "firm_expected_boolean": (
        "应为true或false（也可写yes/no、1/0、是/否），不详时留空",
        "expected true or false (also yes/no, 1/0, 是/否), or blank when not known",
    ),
    "firm_expected_number": (
        "应为普通数字，如12.5（不带%或文字），不详时留空",
        "expected a plain number such as 12.5 (no % or text), or blank when not known",
    ),
    "firm_unit_slip": (
        "{region}{n}家企业的{data_column}中位数{median:,.8g}，是其他{others_n}个集聚区中位数的中位数"
        "{others:,.8g}{unit}的{times}：应在{factor}倍以内（假设E16）；请检查单位（{hint}）",
        "the median {data_column} of {region}'s {n} firms, {median:.4g}, is {times} the median of "
        "the other {others_n} clusters' medians, {others:.4g}{unit}: expected within {factor}× "
        "(assumption E16); check the unit ({hint})",
    ),
    # the unit of a column checked by E16 and what to check it against, by kind of column
    "firm_slip_unit_money": ("万元", " (10,000 yuan)"),
    "firm_slip_hint_money": ("应为万元，而非亿元或元", "10,000 yuan, not 100 million yuan or yuan"),
    "firm_slip_unit_land": ("亩", " mu"),
    "firm_slip_hint_land": ("应为亩，而非万亩", "mu, not 10,000 mu"),
    "firm_slip_unit_people": ("人", " persons"),
    "firm_slip_hint_people": ("应为人，而非万人", "persons, not 10,000 persons"),
    "firm_zero_denominator": (
        "{region}填报{data_column}的{n}家企业全部为0：它是集聚区亩均、人均比率的分母，"
        "集聚区不会为0（假设E20）；请核对是否把空白记成了0（不详时留空）",
        "{data_column} is 0 on every one of the {n} firms of {region} that give it, a "
        "denominator of the cluster's per-mu and per-person ratios: a cluster has land and "
        "people (assumption E20); check whether blanks were exported as 0 (leave blank when "
        "not known)",
    ),
    "firm_blank_columns": (
        "警告：企业数据（{file}）中{n}个集聚区的全部企业均未填以下数据：{items}；"
        "集聚区亩均效益表中相应比率及其达标情况记为无数据（留空）",
        "warning: the enterprise file {file} leaves a column blank on every firm of {n} "
        "cluster(s): {items}; their ratios in the cluster land productivity table, and whether "
        "they meet the goals, read no data (empty)",
    ),
    "firm_blank_of": (
        "{region}的{data_column}（{n}家企业）",
        "{data_column} of {region} ({n} firms)",
    ),
    "firm_clusters_absent": (
        "警告：企业数据（{file}）中没有{n_absent}个集聚区的企业：{regions}；"
        "集聚区亩均效益表中记为无企业数据，合计只按有企业数据的{n}个集聚区计算（目录共{total}个）",
        "warning: the enterprise file {file} has no firm of {n_absent} cluster(s) of the "
        "catalogue: {regions}; the cluster land productivity table reads 'no enterprise "
        "records' for them and its total covers the {n} clusters with records (of {total})",
    ),
    "firm_slip_times_above": ("{ratio:,.0f}倍", "{ratio:,.0f}×"),
    "firm_slip_times_below": ("{ratio:,.0f}分之一", "1/{ratio:,.0f} of"),
    "firm_column_absent": ("缺少此必需列", "required column absent"),
    "firm_bonus_column_absent": (
        "{file}：记录中没有加分项列“{column}”；没有企业得到这项加分",
        "{file}: bonus column '{column}' absent from the records; no firm gets these points",
    ),
    "rules_procedure_unavailable": (
        "{file}：评价程序“{procedure}”不可用；现有的节：{sections}",
        "{file}: procedure '{procedure}' is not available; sections present: {sections}",
    ),
    # the rules (params/enterprise_*.yaml)
    "rules_section_missing": ("缺少此节", "section missing"),
    "rules_unknown_indicator": (
        "未知的指标；已定义：{defined}",
        "unknown indicator; defined: {defined}",
    ),
    "rules_expected_percentile": (
        "应为0到100之间的百分位数，实为{value}",
        "expected a percentile between 0 and 100, got {value}",
    ),
    "rules_lower_needs_cap": (
        "越低越好的指标须设上限（cap）",
        "an indicator where lower is better needs a cap",
    ),
    "rules_cutoffs_must_decrease": (
        "应从最好的类别到最差的类别依次递减",
        "must decrease from the best class to the worst",
    ),
    "rules_shares_sum_to_one": (
        "之和应为1，实为{total:.4f}",
        "must sum to 1, sum to {total:.4f}",
    ),
    "rules_expected_share": (
        "应为0到1之间的比例，实为{value}",
        "expected a share between 0 and 1, got {value}",
    ),
}
