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
    # the command line's own texts (clusterlib.cli): usage, help, argparse's errors; an error's
    # English is argparse's own template, read back to give the Chinese
    "cli_description": (
        "clusterlib命令：校验、导入数据；季通报、月台账、年考评。",
        "The clusterlib command: validate and import data; quarterly, monthly and yearly beats.",
    ),
    "cli_usage": ("用法：", "usage: "),
    "cli_positionals": ("位置参数", "positional arguments"),
    "cli_options": ("选项", "options"),
    "cli_help": ("显示本帮助并退出", "show this help message and exit"),
    "cli_error": ("{prog}：错误：{text}", "{prog}: error: {text}"),
    "cli_argument": ("参数{argument}：{text}", "argument {argument}: {text}"),
    "cli_required": ("缺少必需的参数：{names}", "the following arguments are required: {names}"),
    "cli_one_required": ("必须给出参数{names}之一", "one of the arguments {names} is required"),
    "cli_invalid_choice": (
        "无效的选项值：{value}（可选：{choices}）",
        "invalid choice: {value} (choose from {choices})",
    ),
    "cli_invalid_value": ("无效的{kind}值：{value}", "invalid {kind} value: {value}"),
    "cli_unrecognized": ("无法识别的参数：{names}", "unrecognized arguments: {names}"),
    "cli_expected_one": ("需要一个值", "expected one argument"),
    "cli_expected_some": ("至少需要一个值", "expected at least one argument"),
    "cli_expected_at_most_one": ("至多一个值", "expected at most one argument"),
    "cli_not_allowed": ("不能与参数{other}同时使用", "not allowed with argument {other}"),
    "cli_ambiguous": (
        "有歧义的选项：{option}可匹配{matches}",
        "ambiguous option: {option} could match {matches}",
    ),
    "cli_ignored": ("忽略了显式给出的值{value}", "ignored explicit argument {value}"),
    "cli_command": ("命令", "command"),
    "cli_validate": ("校验数据文件；每个问题一行", "check data files; one line per problem"),
    "cli_paths": ("CSV/xlsx文件或文件夹", "CSV/xlsx files or folders"),
    "cli_allow_gaps": (
        "允许序列内部缺期（data/official/下的文件总是允许）",
        "accept missing periods inside a series (always on under data/official/)",
    ),
    "cli_lang": (
        "消息语言（默认：params/run.yaml的lang）",
        "language of the messages (default: params/run.yaml's lang)",
    ),
    "cli_out": (
        "报告文件夹（默认：reports/）；run写入OUT/<quarter>/，ledger写入OUT/ledger/<month>/，evaluate写入OUT/evaluation/<year>/",
        "the reports folder (default: reports/); run writes OUT/<quarter>/, ledger "
        "OUT/ledger/<month>/, evaluate OUT/evaluation/<year>/",
    ),
    "cli_run": (
        "运行季度批处理（季通报），写入OUT/<quarter>/",
        "run the quarterly batch into OUT/<quarter>/",
    ),
    "cli_quarter": (
        "如2019Q2：只使用截至该季度的数据",
        "e.g. 2019Q2: the run sees data up to this quarter",
    ),
    "cli_quarters": (
        "多个数据版本的季度范围，如2019Q1:2019Q4",
        "a range of vintages, e.g. 2019Q1:2019Q4",
    ),
    "cli_data": (
        "数据文件或文件夹（默认：参数文件所列）",
        "data files or folders (default: params file)",
    ),
    "cli_params": ("参数文件", "the params file"),
    "cli_jobs": ("并行运行的笔记本数", "notebooks run in parallel"),
    "cli_scenario": (
        "params/scenarios/NAME.yaml：另写reports/<quarter>/scenarios/NAME/（基准报告为最新时沿用，否则先生成）",
        "params/scenarios/NAME.yaml: also write reports/<quarter>/scenarios/NAME/ (the baseline "
        "report is reused when current, else built first)",
    ),
    "cli_report_lang": (
        "报告语言（默认：参数文件的lang）",
        "report language (default: params file)",
    ),
    "cli_import": (
        "按布局文件读取发布表（xlsx/CSV），得到经校验的记录",
        "read release tables (xlsx/CSV) by a layout into validated records",
    ),
    "cli_files": (".xlsx或.csv文件", ".xlsx or .csv"),
    "cli_layout": ("布局文件params/layouts/NAME.yaml", "params/layouts/NAME.yaml"),
    "cli_import_out": (
        "默认：data/imported/<第一个文件名>.csv",
        "default: data/imported/<first file>.csv",
    ),
    "cli_dry_run": ("只显示记录，不写文件", "print the records, write nothing"),
    "cli_keep_going": (
        "即使有问题，也写出无问题的行和OUT.problems.txt",
        "despite problems, write the clean rows and OUT.problems.txt",
    ),
    "cli_evaluate": (
        "年考评，写入OUT/evaluation/<year>/",
        "the yearly evaluation into OUT/evaluation/<year>/",
    ),
    "cli_year": ("考评年份，如2018", "evaluated year, e.g. 2018"),
    "cli_evaluation_data": ("数据文件", "data files"),
    "cli_scheme": ("考评方案YAML", "scheme YAML"),
    "cli_as_of": (
        "数据截至的季度（默认：该年第四季度）",
        "last quarter with data (default: the year's Q4)",
    ),
    "cli_evaluation_lang": ("报告语言（默认：zh）", "report language (default: zh)"),
    "cli_ledger": (
        "月台账，写入OUT/ledger/<month>/",
        "the monthly ledger into OUT/ledger/<month>/",
    ),
    "cli_month": ("如2019-06：1—6月累计数", "e.g. 2019-06: the January–June year-to-date figures"),
    "cli_monthly_data": (
        "月度数据文件（默认：参数文件所列）",
        "monthly data files (default: params file)",
    ),
    "cli_projects": (
        "重点项目台账（默认：参数文件所列）",
        "key-project register (default: params file)",
    ),
}
