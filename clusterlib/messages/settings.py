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
}
