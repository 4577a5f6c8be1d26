"""Messages of the monthly ledger (月台账): its settings, targets and project register."""

TEXT = {
    "ledger_month_argument": (
        "月份“{given}”有误：应为如2019-06的月份",
        "month '{given}': expected a month such as 2019-06",
    ),
    "ledger_min_years": (
        "应不小于share_years + 2（{least}），实为{value}",
        "must be at least share_years + 2 ({least}), got {value}",
    ),
    # targets (params/ledger_targets.csv)
    "target_unknown": (
        "未知的{column}{value!r}；应为{known}之一",
        "unknown {column} {value!r}; expected {known}",
    ),
    "target_catalogue_id": ("data/catalog中的{column}编号", "an id of data/catalog ({column})"),
    "target_column_region": ("地区", "region"),
    "target_column_indicator": ("指标", "indicator"),
    "target_column_measure": ("口径", "measure"),
    "target_column_source": ("来源", "source"),
    "target_year_unreadable": (
        "应为年份，如2019，实为{value!r}",
        "expected a year such as 2019, got {value!r}",
    ),
    "target_value_unreadable": ("应为数值，实为{value!r}", "expected a number, got {value!r}"),
    "target_without_reference": (
        "请写明目标的来源（文件、条款或设定人）",
        "say where the target comes from (document, clause or who set it)",
    ),
    "target_twice": (
        "同一地区、指标和年份已有目标，此为第二个",
        "a second target for this region, indicator and year",
    ),
    # the key-project register (重点项目台账)
    "register_month_unreadable": ("应为月份，如2019-06", "expected a month such as 2019-06"),
    "register_amount_unreadable": (
        "应为以亿元计的金额（不小于0的数），实为{value!r}",
        "expected an amount in 100 million yuan (a number >= 0), got {value!r}",
    ),
    "register_unknown": (
        "未知的{column}{value!r}；应为以下之一：{known}",
        "unknown {column} {value!r}; expected one of {known}",
    ),
    "register_column_cluster": ("集聚区", "cluster"),
    "register_column_status": ("项目状态", "status"),
    "register_column_category": ("项目类别", "category"),
    "register_unknown_list": (
        "未知的三个50名单{value!r}；应为{lists}之一，或留空（不在名单上）",
        "unknown Three 50s list {value!r}; expected {lists} or empty (not listed)",
    ),
    "register_plan_unreadable": (
        "应为以亿元计的年度计划投资（不小于0的数，列入三个50名单的项目必填），实为{value!r}",
        "expected the annual planned investment in 100 million yuan (a number >= 0, required on "
        "the list), got {value!r}",
    ),
    "register_fixed_for_year": (
        "项目{project}的{column}与其首行不同；该项全年固定不变",
        "{column} of project {project} differs from its first row's; it is fixed for the year",
    ),
    "register_column_three_fifty": ("三个50名单", "three_fifty"),
    "register_column_annual_plan_investment": ("年度计划投资", "annual_plan_investment"),
    "register_project_twice": (
        "项目{project}在{month}出现两次（首次在第{first_row}行）",
        "project {project} appears twice in {month} (first in row {first_row})",
    ),
    "register_over_total": (
        "项目{project}的本年完成投资{done}超过其总投资{total}",
        "completed investment {done} exceeds the total investment {total} of project {project}",
    ),
    "register_status_backwards": (
        "项目{project}的状态倒退：先为{before}（第{before_row}行），后为{after}",
        "status of project {project} goes backwards: {before} (row {before_row}) then {after}",
    ),
}
