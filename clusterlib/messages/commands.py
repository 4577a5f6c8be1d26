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
}
