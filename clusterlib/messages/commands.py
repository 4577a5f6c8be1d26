"""Messages of the command line and of errors as a whole (headers of problem lists)."""

TEXT = {
    "input_problems": (
        "输入数据有{n}个问题：\n{lines}",
        "{n} problem(s) in the input data:\n{lines}",
    ),
    "settings_problems": ("设定文件有{n}个问题：\n{lines}", "{n} problem(s) in settings:\n{lines}"),
    "validate_problems": ("{files}个文件中有{n}个问题", "{n} problem(s) in {files} file(s)"),
    "validate_ok": ("通过：{files}个文件无问题", "ok: {files} file(s) valid"),
    "out_is_input": (
        "--out {out}是输入文件之一；请另选输出路径",
        "--out {out} is one of the input files; choose another",
    ),
    "import_read": (
        "从{files}个文件读得{n}条记录；跳过空单元格{missing}个、小计行{skipped}行；问题{problems}个",
        "{n} record(s) read from {files} file(s); {missing} missing cell(s) and {skipped} "
        "subtotal row(s) skipped; {problems} problem(s)",
    ),
    "import_refused": (
        "未写入任何文件（请修正问题，或用--keep-going）",
        "nothing written (fix the problems, or use --keep-going)",
    ),
    "import_nothing_clean": (
        "未写入任何文件：没有无问题的记录",
        "nothing written: no record without a problem",
    ),
    "import_problem_list": ("问题清单：{path}", "problems listed in: {path}"),
    "import_written": ("已写入：{path}（{n}条记录）", "written: {path} ({n} record(s))"),
    "bad_quarter": (
        "季度“{given}”写法有误：应为2019Q2这样的季度",
        "quarter '{given}': expected a quarter such as 2019Q2",
    ),
    "bad_as_of_month": (
        "as_of_month“{given}”写法有误：应为2019-08这样的月份",
        "as_of_month '{given}': expected a month such as 2019-08",
    ),
    "as_of_month_not_after": (
        "as_of_month为{month}：应为{quarter}的最后一个月或其后两个月之一",
        "as_of_month '{month}': expected the last month of {quarter} or one of the two after it",
    ),
    "unknown_indicator": (
        "指标“{given}”不在指标目录（{file}）中；可用：{known}",
        "indicator '{given}' is not in the catalogue ({file}); known: {known}",
    ),
    "quarters_reversed": (
        "--quarters {first}至{last}：起始季度晚于结束季度",
        "quarters {first}:{last}: the first comes after the last",
    ),
    "scenario_one_quarter": (
        "--scenario只能配一个--quarter，不能配--quarters",
        "--scenario takes one --quarter, not --quarters",
    ),
    "quarters_range": (
        "--quarters应写作“起始:结束”，如2019Q1:2019Q4",
        "--quarters takes FIRST:LAST, e.g. 2019Q1:2019Q4",
    ),
}
