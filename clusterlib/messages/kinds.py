"""Messages of which figures of a region's indicator are read: one kind, real or synthetic
(assumption V1), and 累计 added up from a year of 当季/当月 levels (V8)."""

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
}
