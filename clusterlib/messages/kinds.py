"""Messages of which figures of a region's indicator are read: one kind, real or synthetic
(assumption V1), and 累计 added up from a year of 当季/当月 levels (V8, V10)."""

TEXT = {
    "kinds_mixed": (
        "{region}{indicator}此处为{these}数据，而{there}为{those}数据（一同读入的文件中{these}"
        "{n_these}行、{those}{n_those}行）：同一地区的同一指标只能全部取真实数据或全部取模拟数据，"
        "不可混用（假设V1），与文件的先后无关；请把两类数据分开运行，或更正synthetic列",
        "{these} figures of {region}/{indicator} here, {those} ones at {there} ({n_these} "
        "{these} and {n_those} {those} rows in the files read together): a region's "
        "indicator is read from real or from synthetic figures, never both (assumption V1), "
        "whatever the order of the files; give the two kinds to separate runs, or correct "
        "the synthetic column",
    ),
    "single_year_unread": (
        "{region}{indicator}{year}只有当期（当季/当月）水平值（{periods}），没有累计值，"
        "且不是从年内第一期起逐期齐全：无法累加为累计值，而该序列其他年份按累计读取（假设V8）；"
        "请补齐自第一期起的当期值，或给出该年的累计值",
        "{region}/{indicator} {year} is given only as single-period (quarter or month alone) "
        "levels ({periods}), without year-to-date ones, and not every period from the year's "
        "first: they cannot be added up into the year-to-date levels the series' other years are "
        "read as (assumption V8); give every single period from the year's first, or the year's "
        "year-to-date levels",
    ),
    "single_months_unread": (
        "{region}{indicator}{year}只有当月水平值（{periods}），无法累加为累计值：不是自1月起"
        "（或在不单列1月的序列中，自作为1—2月合计的2月起）逐月齐全（假设V8、V10）；"
        "某年单列了1月的序列，其2月读作2月当月。请补齐缺少的月份，或给出该年的累计值",
        "{region}/{indicator} {year} is given only as levels of single months ({periods}) that "
        "cannot be added up into year-to-date levels: not every month from January, or from "
        "the January–February figure at 02 in a series that gives no January alone "
        "(assumptions V8, V10); a series that gives January alone in some year reads 02 as "
        "February alone. Give the missing months, or the year's year-to-date levels",
    ),
    "kinds_mixed_status": (
        "{region}{indicator}此处为{these}数据（{status}），而{there}为{those}数据（一同读入的文件中"
        "{these}{n_these}行，其中正式数据{final_these}行；{those}{n_those}行，其中正式数据"
        "{final_those}行）：同一地区的同一指标只能全部取真实数据或全部取模拟数据，不可混用；"
        "预计数和其他来源数虽不参与分析，也同样计入（假设V1），与文件的先后无关；"
        "请把两类数据分开运行，或更正synthetic列",
        "{these} figures of {region}/{indicator} here ({status}), {those} ones at {there} "
        "({n_these} {these} row(s), {final_these} of them final, and {n_those} {those}, "
        "{final_those} final, in the files read together): a region's indicator is read from "
        "real or from synthetic figures, never both, and rows of status estimate or "
        "alternative count too, though they are not analysed (assumption V1), whatever the "
        "order of the files; give the two kinds to separate runs, or correct the synthetic "
        "column",
    ),
    "row_status_final": ("正式数", "status final"),
    "row_status_estimate": ("预计数，状态estimate", "status estimate"),
    "row_status_alternative": ("其他来源数，状态alternative", "status alternative"),
}
