"""Messages of the quarterly run and its notebooks: coverage, parameters, a run's tables."""

TEXT = {
    "clusters_absent": (
        "警告：全部集聚区（合计）只含数据中的{n}个集聚区（目录共{total}个），"
        "不含无任何数据的：{names}",
        "warning: the all-cluster totals cover the {n} clusters in the data (of {total} in "
        "the catalogue), not those without any data: {names}",
    ),
    "clusters_absent_part": (
        "“全部集聚区（合计）”只按有数据的{n}个集聚区计算（目录共{total}个）",
        "the all-cluster totals cover the {n} clusters with data (of {total})",
    ),
    "run_other_data": (
        "{manifest}：该次运行所用数据与本笔记本的 data 不同："
        "data 中不在该次运行的文件（新文件或内容已改）：{other}；"
        "该次运行所用、data 中没有的文件：{lacking}；请用同一批数据，或清空 tables_dir 在此重算",
        "{manifest}: the run was made from other data than the notebook's data: files of data "
        "not in the run (new or changed): {other}; files of the run not in data: {lacking}; "
        "give the same data, or leave tables_dir empty to compute here",
    ),
    "run_data_none": ("无", "none"),
    "n_paths_minimum": (
        "n_paths：应为不小于{minimum}的整数，实为{value!r}（概率需足够多的模拟路径，见假设C5）",
        "n_paths: expected a whole number >= {minimum}, got {value!r} (a probability needs "
        "enough simulated paths, assumption C5)",
    ),
    "paths_not_list": (
        "应为路径列表，实为文字“{value}”；"
        "papermill 中请用 -y 'data: [\"{value}\"]'（-p 只能给文字）",
        "expected a list of paths, got the string '{value}'; with papermill give "
        "-y 'data: [\"{value}\"]' (-p passes a string)",
    ),
    "sheet_not_read": (
        "工作表“{sheet}”（{n}行记录）未读取：只读取第一个工作表；该表的表头与第一个工作表相同，"
        "请将其记录并入第一个工作表，或另存为单独的文件",
        "sheet '{sheet}' ({n} rows) not read: only the first sheet is; it has the first "
        "sheet's header: move its rows into the first sheet or save it as a file of its own",
    ),
    "scenario_shocks": ("本情景施加的冲击：", "The scenario's shocks:"),
}
