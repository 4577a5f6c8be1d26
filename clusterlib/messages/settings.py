"""Messages of the settings files (params/*.yaml): the run, the goals, the scenarios."""

TEXT = {
    "settings_key": ("{file}：“{key}”项：{problem}", "{file}: key '{key}': {problem}"),
    "top_level": ("（顶层）", "(top level)"),
    "key_missing": ("缺少此项", "missing"),
    "expected_mapping": ("应为映射（键: 值），实为{kind}", "expected a mapping, got {kind}"),
    "key_unknown": ("未知的项；可用：{known}", "unknown key; known: {known}"),
    "must_not_be_empty": ("不能为空", "must not be empty"),
    "expected_list": ("应为列表，实为{kind}", "expected a list, got {kind}"),
    "expected_whole_at_least": (
        "应为不小于{minimum}的整数，实为{value!r}",
        "expected a whole number >= {minimum}, got {value!r}",
    ),
    "expected_number_at_least": (
        "应为不小于{minimum}的数，实为{value!r}",
        "expected a number >= {minimum}, got {value!r}",
    ),
    "expected_texts": (
        "应为文字列表，实为{value!r}",
        "expected a list of text values, got {value!r}",
    ),
    "expected_one_of": (
        "应为{options}之一，实为{value!r}",
        "expected one of {options}, got {value!r}",
    ),
    "expected_names_among": (
        "应为名称列表，取自{known}，实为{value!r}",
        "expected a list of names among {known}, got {value!r}",
    ),
    "expected_labels": (
        "应为至少两个类别标签到名称的映射",
        "expected a mapping of at least two class labels to names",
    ),
    "expected_type": ("应为{what}，实为{kind} {value!r}", "expected {what}, got {kind} {value!r}"),
    "a_text": ("文字", "text"),
    "a_whole_number": ("整数", "a whole number"),
    "cannot_read": ("{file}：无法读取{what}：{reason}", "{file}: cannot read {what}: {reason}"),
    "run_settings": ("运行设定", "run settings"),
    "goal_catalogue": ("目标清单", "the goal catalogue"),
    "settings_file_not_found": ("文件不存在（{error}）", "{error}"),
    "file_refused": ("无法打开文件（{error}）", "{error}"),
    "yaml_invalid": ("不是有效的YAML", "not valid YAML"),
    "yaml_at": ("第{line}行第{column}列：{problem}", "line {line}, column {column}: {problem}"),
    "yaml_context": ("{problem}（上下文：{context}）", "{problem} ({context})"),
    "yaml_context_at": (
        "{problem}（上下文：{context}，始于第{line}行第{column}列）",
        "{problem} ({context} that starts at line {line}, column {column})",
    ),
    "yaml_aliases": (
        "别名展开后超过{most:,}个值（{n:,}个）；不予接受（设定文件无需如此展开）",
        "aliases expand to more than {most:,} values ({n:,}); "
        "refused (a settings file needs no such expansion)",
    ),
    "yaml_key_twice": (
        "“{key}”项出现两次：第{line}行和第{again}行",
        "key '{key}' appears twice, on lines {line} and {again}",
    ),
    "yaml_recursive_alias": (
        "递归别名（值包含其自身）不予接受",
        "a recursive alias (a value that contains itself) is refused",
    ),
    "expected_month": (
        "应为2019-08这样的月份，实为{given!r}",
        "expected a month such as 2019-08, got {given!r}",
    ),
    "expected_month_after": (
        "应为{quarter}的最后一个月或其后两个月之一，实为{month}",
        "expected the last month of {quarter} or one of the two after it, got {month}",
    ),
    "expected_monthly_files": (
        "应给出as_of_month所读的月度数据文件",
        "expected the monthly data files that as_of_month reads",
    ),
    "expected_as_of_month": (
        "应给出月度文件读至的月份（季度最后一个月或其后两个月之一），实为空",
        "expected the month the monthly files are read to (the quarter's last month "
        "or one of the two after it), got none",
    ),
    "expected_catalog": (
        "应为含有{files}的文件夹；{where}中没有",
        "expected a folder holding {files}; not in {where}",
    ),
    "expected_scheduler_text": (
        "应为文字（调度器地址），实为{value!r}",
        "expected text (a scheduler address), got {value!r}",
    ),
    "scheduler_without_dask": (
        "只有backend为dask时才用调度器；请留空，或设backend为dask",
        "only backend dask uses a scheduler; leave it empty or set dask",
    ),
    "expected_scheduler": (
        "backend为dask时需要Dask调度器的地址，如tcp://10.0.0.5:8786（以{schemes}开头）；"
        "实为{value!r}",
        "backend dask needs the Dask scheduler's address, such as "
        "tcp://10.0.0.5:8786 (starting with {schemes}); got {value!r}",
    ),
    "catalogue_not_mapping": (
        "{file}：应为含“settings”和“goals”两项的映射",
        "{file}: expected a mapping with 'settings' and 'goals'",
    ),
    "unknown_top_keys": (
        "{file}：未知的顶层项{names}（可用：{known}）",
        "{file}: unknown top-level key(s) {names} (known: {known})",
    ),
    "goals_not_list": (
        "{file}：“goals”项应为非空的目标列表",
        "{file}: key 'goals' must be a non-empty list of goals",
    ),
    "catalogue_no_settings": (
        "{file}：“settings”项应为目标检验设定的映射",
        "{file}: key 'settings' must be a mapping of goal-test settings",
    ),
    "catalogue_problems": ("{file}：{n}个问题：\n{lines}", "{file}: {n} problem(s):\n{lines}"),
    "goal_settings_problems": ("目标检验设定有误：\n{lines}", "{lines}"),
    "catalogue_settings": ("{file}：“settings”部分", "{file}: settings"),
    "goal_settings": ("目标检验设定", "goal settings"),
    "goal_where": ("目标“{goal}”", "goal '{goal}'"),
    "goal_not_mapping": (
        "第{position}个目标：应为映射，实为{kind}",
        "goal #{position}: expected a mapping, got {kind}",
    ),
    "goal_unknown": ("目标清单中没有目标“{goal}”", "the goal catalogue has no goal '{goal}'"),
    "duplicated_id": ("{where}：编号重复", "{where}: duplicated id"),
    "missing_in": ("{where}，“{key}”项：缺少此项", "{where}, key '{key}': missing"),
    "unknown_key_in": (
        "{where}：未知的项“{key}”（可用：{known}）",
        "{where}: unknown key '{key}' (known: {known})",
    ),
    "wrong_type_in": (
        "{where}，“{key}”项：应为{expected}，实为{value!r}",
        "{where}, key '{key}': should be {expected}, got {value!r}",
    ),
    "not_one_of_in": (
        "{where}，“{key}”项：{value!r}不是可用值{values}之一",
        "{where}, key '{key}': {value!r} is not one of {values}",
    ),
    "out_of_range_in": (
        "{where}，“{key}”项：{value!r}应为{rule}",
        "{where}, key '{key}': {value!r} should be {rule}",
    ),
    "type_str": ("文字", "str"),
    "type_int": ("整数", "int"),
    "type_int_or_float": ("数", "int or float"),
    "type_list": ("列表", "list"),
    "type_dict": ("映射", "dict"),
    "rule_probability": ("(0, 1]内的概率", "a probability in (0, 1]"),
    "rule_at_risk": ("0到on_track之间的概率", "a probability between 0 and on_track"),
    "rule_open_unit": ("(0, 1)内的数", "in (0, 1)"),
    "rule_half_open_unit": ("(0, 1]内的数", "in (0, 1]"),
    "rule_one_of": ("{options}之一", "one of {options}"),
    "rule_hac_window": ("至少8个季度", "at least 8 quarters"),
    "rule_hac_maxlags": ("0到hac_window - 1之间", "between 0 and hac_window - 1"),
    "rule_n_boot": ("至少99", "at least 99"),
    "rule_premiums": (
        "指标编号到正数（百分点）的映射",
        "a mapping of indicator ids to positive numbers (pp)",
    ),
    "rule_sieve_lags": ("1到12个季度之间", "between 1 and 12 quarters"),
    "rule_up_to": ("0到{most}之间", "between 0 and {most}"),
    "environment_variable": ("环境变量{name}：{problem}", "environment variable {name}: {problem}"),
    "dask_not_installed": (
        "backend为dask时需安装可选组件：pip install 'clusterlib[dask]'"
        "（或pip install -r requirements.lock，其中已固定版本）",
        "backend dask needs the optional extra: pip install 'clusterlib[dask]' "
        "(or pip install -r requirements.lock, which pins it)",
    ),
    "scheduler_unreachable": (
        "backend为dask：无法连接{scheduler}处的调度器（{error}）",
        "backend dask: cannot reach the scheduler at {scheduler}: {error}",
    ),
    "yaml_block_mapping": ("解析块映射时", "while parsing a block mapping"),
    "yaml_block_collection": ("解析块集合时", "while parsing a block collection"),
    "yaml_flow_sequence": ("解析方括号列表时", "while parsing a flow sequence"),
    "yaml_flow_mapping": ("解析花括号映射时", "while parsing a flow mapping"),
    "yaml_simple_key": ("读取键时", "while scanning a simple key"),
    "yaml_quoted_scalar": ("读取引号内文字时", "while scanning a quoted scalar"),
    "yaml_next_token": ("读取下一个记号时", "while scanning for the next token"),
    "yaml_no_colon": ("找不到应有的“:”", "could not find expected ':'"),
    "yaml_mapping_values": ("此处不能有“键: 值”", "mapping values are not allowed here"),
    "yaml_end_of_stream": ("文件意外结束", "found unexpected end of stream"),
    "yaml_block_end": ("应为块的结尾，实为{token}", "expected <block end>, but found {token}"),
    "yaml_flow_sequence_end": (
        "应为“,”或“]”，实为{token}",
        "expected ',' or ']', but got {token}",
    ),
    "yaml_flow_mapping_end": (
        "应为“,”或“}}”，实为{token}",
        "expected ',' or '}}', but got {token}",
    ),
    "yaml_bad_character": (
        "出现不能开始任何记号的字符{token}",
        "found character {token} that cannot start any token",
    ),
    "yaml_undefined_alias": ("未定义的别名{token}", "found undefined alias {token}"),
}
