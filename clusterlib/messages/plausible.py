"""Messages of the plausibility checks of the ledger's books and the enterprise records:
key-project amounts and 累计, declared targets, firms' 万元 figures and repeated firms."""

TEXT = {
    "project_slip": (
        "项目{project}的{data_column}为{value:.12g}亿元，是{month}各项目（{n}个）中位数{median:.4g}亿元的"
        "{times:,.0f}倍：应低于{factor}倍（假设L9）；请检查单位（应为亿元，而非万元）",
        "{data_column} {value:.12g} of project {project} is {times:,.0f}× the median of the {n} "
        "projects' {data_column} in {month}, {median:.4g}: expected below {factor}× (assumption "
        "L9); check the unit (100 million yuan, not 10,000 yuan)",
    ),
    "project_ytd_falls": (
        "项目{project}的{data_column}为累计数，不应在年内下降：{period}为{before:.12g}（第{before_row}行），"
        "{month}为{value:.12g}",
        "{data_column} of project {project} is a year-to-date figure and cannot fall within a "
        "year: {before:.12g} in {period} (row {before_row}), then {value:.12g} in {month}",
    ),
    "target_growth_range": (
        "{indicator}的增长目标{value:.12g}%超出该指标的合理增速范围（{low:g}%至{high:g}%，"
        "data/catalog/indicators.csv）",
        "growth target {value:.12g}% of {indicator} is outside its plausible growth range, "
        "{low:g}% to {high:g}% (data/catalog/indicators.csv)",
    ),
    "target_level_negative": (
        "{indicator}的总量目标{value:.12g}为负：应为不小于0的累计数",
        "level target {value:.12g} of {indicator} is negative: expected a year-to-date figure of "
        "0 or more",
    ),
    "target_growth_ratio": (
        "增长目标{value:.12g}按百分数读为{value:.12g}%，而{region}{indicator}上年全年增长"
        "{growth:.1f}%：疑为比值误作百分数；如指{meant:.12g}%，请填{meant:.12g}（假设L10）",
        "growth target {value:.12g} reads as {value:.12g}%, against last year's full-year growth "
        "of {growth:.1f}% for {region}'s {indicator}: a ratio typed for a percentage? for "
        "{meant:.12g}% write {meant:.12g} (assumption L10)",
    ),
    "target_level_slip": (
        "总量目标{value:.12g}是{region}{indicator}上年全年累计{base:.4g}的{times}："
        "应在其{factor}倍以内（假设L10）；请检查单位（万元或亿元）",
        "level target {value:.12g} is {times} last year's full-year year-to-date figure "
        "{base:.4g} of {region}'s {indicator}: expected within {factor}× either way (assumption "
        "L10); check the unit (10,000 or 100 million yuan)",
    ),
    "times_above": ("{ratio:,.0f}倍", "{ratio:,.0f}×"),
    "times_below": ("{ratio:,.0f}分之一", "1/{ratio:,.0f} of"),
    "firm_slip": (
        "{data_column}为本集聚区企业中位数的{ratio:,.0f}倍，亩均为中位数的{per_mu:,.0f}倍：疑为以元记作万元"
        "（假设E17）",
        "{data_column} is {ratio:,.0f}× its cluster's median firm's and {per_mu:,.0f}× per mu: "
        "yuan typed for 10,000 yuan? (assumption E17)",
    ),
    "firm_slips_warning": (
        "警告：企业数据（{file}）中{n}家企业的万元数据达本集聚区企业中位数的{factor}倍以上"
        "（总量和亩均），疑为以元记作万元，列入数据质量表，不计入集聚区亩均统计：{firms}",
        "warning: {n} firm(s) of the enterprise file {file} have a figure in 10,000 yuan at "
        "least {factor}× their cluster's median firm's, in total and per mu (yuan typed for "
        "10,000 yuan?); listed in the data-quality table and left out of the cluster totals: "
        "{firms}",
    ),
    "firm_small_warning": (
        "警告：企业数据（{file}）中{n}家企业的万元数据不到本集聚区企业中位数的1/{factor}"
        "（总量和亩均），疑为以亿元记作万元；仍按所填数据评价，请核对：{firms}",
        "warning: {n} firm(s) of the enterprise file {file} have a figure in 10,000 yuan at most "
        "1/{factor} of their cluster's median firm's, in total and per mu (100 million yuan "
        "typed for 10,000 yuan?); classified as given, please check: {firms}",
    ),
    "firm_slip_of": (
        "{firm}（{region}，第{row}行：{figures}）",
        "{firm} ({region}, row {row}: {figures})",
    ),
    "repeated_row": ("与第{first}行完全相同，仅计一次", "same as row {first}; counted once"),
    "repeated_rows_warning": (
        "警告：企业数据（{file}）中{n}行与前面的行完全相同，仅计一次：{rows}",
        "warning: {n} row(s) of the enterprise file {file} repeat an earlier row exactly; "
        "counted once: {rows}",
    ),
    "repeated_row_of": (
        "第{row}行（{firm}，同第{first}行）",
        "row {row} ({firm}, as row {first})",
    ),
    "conflicting_ids_warning": (
        "警告：企业数据（{file}）中{n}个企业编号重复且数据或集聚区不同，列入数据质量表，"
        "不计入集聚区亩均统计：{firms}",
        "warning: {n} firm id(s) of the enterprise file {file} repeat with different figures or "
        "clusters; listed in the data-quality table and left out of the cluster totals: {firms}",
    ),
    "conflicting_id_of": ("{firm}（第{rows}行）", "{firm} (rows {rows})"),
    "firm_denominator_slip": (
        "{data_column}为{value:.12g}，是本集聚区企业中位数{median:.12g}的{ratio:,.0f}分之一："
        "疑为以万亩记作亩或以万人记作人（乘以10000为{scaled:.12g}）；不参与分类（假设E22）",
        "{data_column} {value:.12g} is 1/{ratio:,.0f} of its cluster's median firm's, "
        "{median:.12g}: 10,000 mu typed for mu, or 10,000 persons for persons (×10,000: "
        "{scaled:.12g})? not classified (assumption E22)",
    ),
    "firm_denominators_warning": (
        "警告：企业数据（{file}）中{n}家企业的用地面积或从业人员不到本集聚区企业中位数的1/{factor}，"
        "疑为以万亩记作亩或以万人记作人；其亩均或人均数据将偏高约万倍，故不参与分类评价，"
        "不计入集聚区基准值和亩均统计，列入数据质量表（假设E22），请核对：{firms}",
        "warning: {n} firm(s) of the enterprise file {file} have land or employees at most "
        "1/{factor} of their cluster's median firm's (10,000 mu typed for mu, or 10,000 persons "
        "for persons?); their per-mu or per-person figures would be about 10,000× too high, so "
        "they are not classified, and are left out of the cluster's benchmarks and totals, "
        "listed in the data-quality table (assumption E22); please check: {firms}",
    ),
    "firm_denominator_figure": (
        "{data_column} {value:.12g}，乘以10000为{scaled:.12g}，本集聚区企业中位数{median:.12g}",
        "{data_column} {value:.12g}, ×10,000 {scaled:.12g}, cluster's median firm {median:.12g}",
    ),
}
