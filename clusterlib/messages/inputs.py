"""Messages of the data files: reading, validating and importing release tables."""

_RECORDS_EXPECTED = (
    "应为输入记录（.csv或.xlsx，格式见data/README.md）",
    "expected input records (.csv or .xlsx, the format of data/README.md)",
)
_RAISE_BYTES = (
    "已拒绝（可用环境变量{env}调高上限）",
    "refused (raise it with the environment variable {env})",
)

TEXT = {
    # reading a file (clusterlib.inputs.reading)
    "file_not_found": ("找不到文件", "file not found"),
    "unsupported_file_type": (
        "不支持的文件类型“{suffix}”；应为.csv或.xlsx文件",
        "unsupported file type '{suffix}'; expected a .csv or .xlsx file",
    ),
    "no_suffix": ("（无）", "(none)"),
    "missing_columns": (
        "缺少列：{missing}；应有的列：{columns}",
        "missing column(s) {missing}; expected {columns}",
    ),
    "file_too_big": (
        "文件大小为{size:,}字节，超过{limit:,}字节的上限；" + _RAISE_BYTES[0],
        "the file is {size:,} bytes, beyond the limit of {limit:,} bytes; " + _RAISE_BYTES[1],
    ),
    "cannot_decode": (
        "无法按UTF-8或GBK解码；请另存为“CSV UTF-8”（Excel：另存为 → CSV UTF-8(逗号分隔)）",
        "cannot decode the file as UTF-8 or GBK; re-save it as 'CSV UTF-8' (Excel: Save As → CSV "
        "UTF-8 (Comma delimited))",
    ),
    "invalid_csv": ("不是有效的CSV文件：{error}", "not a valid CSV: {error}"),
    "repeated_header": (
        "表头“{name}”出现在{positions}；每列应只出现一次（否则只会读取其中一列）",
        "the header '{name}' is in columns {positions}; expected each column once "
        "(only one of them would be read)",
    ),
    "column_position": ("第{number}列（{letter}）", "{number} ({letter})"),
    "column_position_then": ("第{number}列（{letter}）、{rest}", "{number} ({letter}), {rest}"),
    "column_position_and": ("第{number}列（{letter}）和{rest}", "{number} ({letter}) and {rest}"),
    "first_sheet_empty": ("第一个工作表为空", "the first sheet is empty"),
    "empty_folder": (
        "文件夹中没有.csv或.xlsx文件；" + _RECORDS_EXPECTED[0],
        "the folder holds no .csv or .xlsx file; " + _RECORDS_EXPECTED[1],
    ),
    "no_data_files": (
        "未指定数据文件；" + _RECORDS_EXPECTED[0],
        "no data file given; " + _RECORDS_EXPECTED[1],
    ),
    # reading a workbook (clusterlib.inputs.workbooks)
    "workbook_unreadable": (
        "无法读取工作簿（{error}）；应为有效的.xlsx文件",
        "cannot read the workbook ({error}); expected a valid .xlsx file",
    ),
    "part_too_big": (
        "{part}解压后为{size:,}字节，超过{limit:,}字节的上限；" + _RAISE_BYTES[0],
        "{part} is {size:,} bytes uncompressed, beyond the limit of {limit:,} bytes; "
        + _RAISE_BYTES[1],
    ),
    "sheet_named": ("工作表“{sheet}”", "sheet '{sheet}'"),
    "no_sheet": ("没有工作表“{sheet}”；现有工作表：{known}", "no sheet '{sheet}'; sheets: {known}"),
    "too_many_cells": (
        "工作表“{sheet}”：{extent}，超过{limit:,}个单元格的上限；已拒绝"
        "（请删除远离表格的零散单元格，或用环境变量{env}调高上限）",
        "sheet '{sheet}': {extent}, beyond the limit of {limit:,} cells; refused (delete stray "
        "cells far from the table, or raise the limit with the environment variable {env})",
    ),
    "cells_reach": (
        "其单元格延伸到{cell}（自A1起共{cells:,}个单元格）",
        "its cells reach {cell} ({cells:,} cells from A1)",
    ),
    "cells_beyond": (
        "单元格和行数超过{limit:,}个",
        "it holds more than {limit:,} cells and rows",
    ),
    # a file's columns (clusterlib.inputs.validation)
    "no_records": (
        "没有记录：文件只有表头、没有数据行；应至少有一条记录",
        "no records: the file has a header but no data rows; expected at least one record",
    ),
    "missing_required_column": (
        "缺少必需的列；应有的列：{expected}",
        "missing required column; expected columns: {expected}",
    ),
    "header_separated": (
        "未找到输入格式的任何列；表头为“{header}”：应为逗号分隔的文件，而不是{separator}",
        "no column of the input format found; the header reads '{header}': expected a "
        "comma-separated file, not {separator}",
    ),
    "by_semicolons": ("分号分隔的文件", "one separated by semicolons"),
    "by_tabs": ("制表符分隔的文件", "one separated by tabs"),
    "header_without_columns": (
        "未找到输入格式的任何列；表头为“{header}”：第1行（.xlsx工作簿则为第一个工作表的第1行）"
        "应为以下各列：{expected}",
        "no column of the input format found; the header reads '{header}': expected the "
        "columns {expected} in row 1 (of the first sheet, for an .xlsx workbook)",
    ),
    # a cell's value (clusterlib.inputs.validation)
    "cell_value": ("值“{value}”：{problem}", "'{value}': {problem}"),
    "unknown_region": (
        "未知的地区；应为以下之一：{known}（见data/catalog/regions.csv）",
        "unknown region; expected one of: {known} (see data/catalog/regions.csv)",
    ),
    "unknown_indicator": (
        "未知的指标；应为以下之一：{known}（见data/catalog/indicators.csv）",
        "unknown indicator; expected one of: {known} (see data/catalog/indicators.csv)",
    ),
    "unknown_period_type": (
        "未知的口径（period_type）；应为以下之一：{known}",
        "unknown period_type; expected one of: {known}",
    ),
    "unknown_measure": (
        "未知的度量（measure）；应为以下之一：{known}",
        "unknown measure; expected one of: {known}",
    ),
    "unknown_status": (
        "未知的状态（status）；应为以下之一：{known}",
        "unknown status; expected one of: {known}",
    ),
    "empty_unit": (
        "为空；应填写单位，如100m_yuan或pct_yoy",
        "empty; expected a unit such as 100m_yuan or pct_yoy",
    ),
    "empty_source": (
        "为空；应填写来源（网址或说明）",
        "empty; expected the source (URL or description)",
    ),
    "not_a_number": (
        "不是数字；应为纯数字，如7.6（不带%、千分位逗号或文字）",
        "not a number; expected a plain number such as 7.6 (no %, commas or text)",
    ),
    "not_finite": (
        "不是有限数（inf、Infinity或超出±1.8e308）；应为纯数字，如7.6",
        "not a finite number (inf, Infinity or beyond ±1.8e308); expected a plain number "
        "such as 7.6",
    ),
    "unreadable_synthetic": (
        "无法识别的模拟数据标记；应为true或false（也可用yes/no、1/0、是/否）",
        "unreadable synthetic flag; expected true or false (also yes/no, 1/0, 是/否)",
    ),
    "unreadable_period": (
        "无法识别的时期；应为2019Q2（季度）、2019-06（月份）或2019（年份）",
        "unreadable period; expected 2019Q2 (quarter), 2019-06 (month) or 2019 (year)",
    ),
    "measure_level": ("总量", "level"),
    "measure_growth": ("增速", "growth"),
    "period_type_ytd": ("累计", "ytd"),
    "period_type_single": ("当期", "single"),
    "unit_expected": (
        "“{unit}”：{indicator}{measure}的单位应为“{expected}”",
        "'{unit}': expected '{expected}' for {indicator} {measure}",
    ),
    "mixed_units": (
        "{series}的单位不一：{units}；每个序列应只用一种单位",
        "mixed units in series {series}: {units}; expected one unit per series",
    ),
    "negative_level": ("{value}：总量不能为负", "{value}: a level cannot be negative"),
    "growth_out_of_range": (
        "{value}%超出{indicator}增速的合理范围（{low:g}%至{high:g}%）",
        "{value}% is outside the plausible growth range for {indicator} ({low:g} to {high:g}%)",
    ),
    # rows compared (clusterlib.inputs.validation)
    "same_file_row": ("第{row}行", "row {row}"),
    "other_file_row": ("{file}第{row}行", "row {row} of {file}"),
    "implied_growth": (
        "总量{level:.12g}意味着比{period}（{there}，总量{level_before:.12g}）增长{rate:+.1f}%，"
        "超出{indicator}的合理范围（{low:g}%至{high:g}%）；请核对这两行的单位（万元还是亿元），"
        "或在data/catalog/series_breaks.csv中登记确实存在的统计口径断点",
        "level {level:.12g} implies {rate:+.1f}% growth on {period} ({there}, level "
        "{level_before:.12g}), outside the plausible range for {indicator} ({low:g} to "
        "{high:g}%); check the unit (10,000 or 100 million yuan) of both rows, or list a real "
        "break in data/catalog/series_breaks.csv",
    ),
    "growth_as_ratio": (
        "增速{value:.12g}是其总量所示增速{implied:+.1f}%（{level:.12g}比上年同期{level_before:.12g}）"
        "的百分之一：填的是比值而非百分数（假设V4）；增速应以%填写（{percent:.12g}）",
        "growth {value:.12g} is one hundredth of the {implied:+.1f}% its levels imply "
        "({level:.12g} on {level_before:.12g} a year earlier): a ratio, not a percentage "
        "(assumption V4); expected the growth in % ({percent:.12g})",
    ),
    "growth_year_as_ratio": (
        "{year}的增速（中位数{median:.3g}）约为{year_before}年（中位数{median_before:.3g}）的"
        "百分之一：填的是比值而非百分数（假设V4）；应以%填写",
        "the growth figures of {year} (median {median:.3g}) are about one hundredth of "
        "{year_before}'s (median {median_before:.3g}): ratios, not percentages "
        "(assumption V4); expected them in %",
    ),
    "regions_level": ("{region}的{level:.12g}", "{region}'s {level:.12g}"),
    "above_whole": (
        "{region}{indicator}{period}{period_type}总量{level:.12g}高于{whole}（{there}）："
        "部分不能超过整体；请核对这两行的单位（万元还是亿元）",
        "level {level:.12g} of {region} is above {whole} ({there}) for {indicator} {period} "
        "{period_type}: a part cannot exceed its whole; check the unit (10,000 or 100 million "
        "yuan) of both rows",
    ),
    "above_median": (
        "{region}的总量{level:.12g}是其他{others}个集聚区{indicator}{period}{period_type}"
        "中位数（{median}，{there}）的{times:,.0f}倍：应低于{factor}倍（假设V3）；"
        "请核对单位（万元还是亿元）",
        "level {level:.12g} of {region} is {times:,.0f}× the median of the {others} other "
        "clusters' {indicator} {period} {period_type}, {median} ({there}): expected below "
        "{factor}× (assumption V3); check the unit (10,000 or 100 million yuan)",
    ),
    "more_row_in_series": (
        "{problem}（该序列另有{count}行相同）",
        "{problem} (the same on {count} more row of the series)",
    ),
    "more_rows_in_series": (
        "{problem}（该序列另有{count}行相同）",
        "{problem} (the same on {count} more rows of the series)",
    ),
    "duplicate_row": (
        "与{there}重复（{values}）：地区、指标、时期、口径和度量均相同"
        "（请删去一行，或将其中一行标为status=alternative以同时保留）",
        "duplicate of {there} ({values}): same region, indicator, period, period_type and "
        "measure (remove one, or mark one as status=alternative to keep both)",
    ),
    "same_value": ("数值相同", "the same value"),
    "values_differ": (
        "被重复的行为{value:.12g}，本行为{value_here:.12g}",
        "value {value:.12g} there, {value_here:.12g} here",
    ),
    "ytd_level_falls": (
        "累计总量{level:.12g}低于{year}内上一期的{level_before:.12g}（{period}，{there}）",
        "year-to-date level {level:.12g} is below the previous period's within {year} "
        "({level_before:.12g} for {period}, {there})",
    ),
    "series_gap": (
        "{series}有缺口：{holes}没有数值（在第{row_before}行与第{row}行之间）；应每期都有",
        "gap in series {series}: no value for {holes} (between rows {row_before} and {row}); "
        "expected every period",
    ),
    "same_on_rows": (
        "{problem}（共{count}行相同：第{rows}行等）",
        "{problem} (the same on {count} rows: {rows}, …)",
    ),
    # monthly files against the quarters (clusterlib.inputs.monthly)
    "ytd_growth_pct": ("累计增速（%）", "year-to-date growth (%)"),
    "ytd_level": ("累计总量", "year-to-date level"),
    "quarter_disagrees": (
        "{region}/{indicator}{month}的{figure}为{value:.12g}，而季度数据{quarter}为{expected:.12g}："
        "应为同一数值（月度和季度文件须来自同一批发布；是否混入了其他年份、单位或发布？）",
        "{region}/{indicator} {figure} of {month} is {value:.12g}, the quarterly data's "
        "{quarter} is {expected:.12g}: expected the same figure (the monthly and quarterly "
        "files must come from the same releases; another year, unit or release?)",
    ),
    "more_quarter_ends": (
        "{problem}（该序列另有{count}个季末月份不一致）",
        "{problem} (and {count} more quarter-end month(s) of this series)",
    ),
}
