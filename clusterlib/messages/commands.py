"""Messages of the command line, of errors as a whole (headers of problem lists) and of the
quarterly run's checks before and in its notebooks."""

TEXT = {
    "warning_line": ("警告：{text}", "warning: {text}"),
    "error_line": ("错误：{text}", "error: {text}"),
    "interrupted": ("已中断", "interrupted"),
    "internal_error": ("内部错误（{exception}）：{error}", "internal error ({exception}): {error}"),
    "please_report": (
        "请连同所运行的命令报告此问题",
        "please report this with the command you ran",
    ),
    "os_file_in_way": (
        "{reason}（此处需要文件夹，但已有同名文件）",
        "{reason} (a file stands where a folder is needed)",
    ),
    "os_folder_in_way": (
        "{reason}（此处要写入文件，但已有同名文件夹）",
        "{reason} (a folder stands where a file is to be written)",
    ),
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
    "indicator_not_in_catalogue": (
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
    "outlook_moves_none": (
        "as_of_month为{month}：月度文件（{files}）不能更新任何序列的全年展望：{reasons}。"
        '请给出同时含{year}各月数据的文件，或将as_of_month设为""（季度末）',
        "as_of_month {month}: the monthly files ({files}) can move no series' full-year "
        "outlook: {reasons}. Give files that also hold {year}'s months, or set "
        'as_of_month to "" (the quarter\'s end)',
    ),
    "reason_series": ("{reason}（{n}个序列）", "{reason} ({n} series)"),
    "reason_series_and": ("{reason}（{n}个序列）；{rest}", "{reason} ({n} series); {rest}"),
    "mixed_kinds": (
        "{region}{indicator}的月度数据为{these}数据，而其季度数据为{those}数据：展望将混用演示数据和真实数据",
        "{these} monthly figures of {region}/{indicator} where its quarterly data are {those}: "
        "the outlook would mix demonstration and real data",
    ),
    "data_synthetic": ("模拟", "synthetic"),
    "data_real": ("真实", "real"),
    "official_twice": (
        "{period}（{months}累计）{indicator}增速有第二个正式数：此处{given}为{value:g}，"
        "{there}的{other_given}为{other:g}；高新技术产业记录每期只读一个数"
        "（请把月度文件移出official文件夹、删去其中一个，或将其中一个标为status=alternative）",
        "a second final {indicator} growth figure for {period} ({months}, year to date): "
        "{value:g} for {given} here, {other:g} for {other_given} at {there}; the high-tech "
        "record reads one per period (move the monthly file out of the official folder, "
        "remove one, or mark one as status=alternative)",
    ),
    "row_here": ("第{row}行", "row {row}"),
    "row_of_file": ("{file}第{row}行", "row {row} of {file}"),
    "tables_not_a_run": (
        "tables_dir“{folder}”：应为一次运行的tables/文件夹（<报告>/tables）",
        "tables_dir '{folder}': expected the tables/ folder of a run (<report>/tables)",
    ),
    "tables_other_year": (
        "tables_dir“{folder}”：其全年数据为{years}年，应为{year}（{quarter}）",
        "tables_dir '{folder}': its full year is {years}, expected {year} ({quarter})",
    ),
    "tables_other_start": (
        "tables_dir“{folder}”：其预测始于{first}，应始于{period}（{quarter}之后）",
        "tables_dir '{folder}': its forecasts start in {first}, "
        "expected {period} (after {quarter})",
    ),
    "run_of_other_quarter": (
        "{file}：该运行属于{period}，应为{quarter}（笔记本的季度）",
        "{file}: the run is of {period}, expected {quarter} (the notebook's quarter)",
    ),
    "run_of_other_month": (
        "{file}：该运行所用as_of_month为{month}，不是{as_of}：as_of_month应为空或与之相同",
        "{file}: the run was made with as_of_month {month}, not {as_of}: "
        "expected as_of_month empty or the same",
    ),
    "as_of_none": ("无（季度末）", "none (the quarter end)"),
    "report_is_a_file": (
        "{target}是文件，不是报告文件夹：请移走或改名后再运行（未写入任何内容，该文件未动）",
        "{target} is a file, not a report folder: move or rename it, then run again "
        "(nothing was written, the file is untouched)",
    ),
    "stale_build_removed": (
        "已删除{stale}：此前被强行终止的运行留下的临时文件夹",
        "removed {stale}: left by an earlier run that was killed",
    ),
    "report_restored": (
        "已从{aside}恢复{target}：此前有运行在替换它时被强行终止",
        "restored {target} from {aside}: a run was killed while replacing it",
    ),
    "report_kept_replaced": (
        "{target}：其他运行不断替换它；{built}未能就位",
        "{target}: other runs kept replacing it; {built} was not put in place",
    ),
    "fit_gaps": ("有缺期", "gaps"),
    "fit_constant": ("数值不变", "constant"),
    "fit_too_short": (
        "序列太短（{n}{unit}，至少需{needed}{unit}）",
        "too short ({n} {unit}, need {needed})",
    ),
    "unit_quarters": ("个季度", "quarters"),
    "unit_periods": ("期", "periods"),
    "models_failed": ("模型拟合失败：{names}", "model(s) failed: {names}"),
    "fell_back": (
        "{n}个序列改用朴素预测或较小的模型组合：{listing}",
        "{n} series fell back to a naive forecast or a smaller combination: {listing}",
    ),
    "fell_back_series": ("{name}（原因：{why}）", "{name} ({why})"),
    "fell_back_series_and": ("{name}（原因：{why}）；{rest}", "{name} ({why}); {rest}"),
    "outlook_reason_months": (
        "无{missing_months}累计数",
        "no year-to-date figure of {missing_months}",
    ),
    "outlook_reason_not_final": (
        "无{missing_months}最终累计数（{held_months}仅有预计数等非最终数，不作分析）",
        "no final year-to-date figure of {missing_months} ({held_months}: only estimate or "
        "alternative figures, not analysed)",
    ),
    "outlook_reason_no_figures": ("无月度数据", "no monthly figures"),
    "outlook_reason_stand_in": (
        "月度增速不超过{n}个（或增速不变）",
        "{n} or fewer monthly growth figures (or constant growth)",
    ),
}
