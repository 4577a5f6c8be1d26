"""Messages of which figures of a region's indicator are read: one kind, real or synthetic
(assumption V1)."""

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
}
