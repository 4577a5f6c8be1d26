"""Messages of the release-table importer: headers, periods, stop rows, cells and layouts."""

_AT_HEADER = "表头、标题、工作表名或文件名（或布局文件的year）"
_LIKE_NAMES = "布局文件indicators及data/catalog/indicators.csv中的指标名称"

TEXT = {
    # the texts printed with a table, and the periods they give
    "label_title_in": ("标题（单元格{ref}）", "the title in {ref}"),
    "label_sheet_name": ("工作表名", "the sheet name"),
    "label_header": ("表头", "the header"),
    "label_file_name": ("文件名", "the file name"),
    "period_typed": ("{period}的{span}数据", "{period} {span}"),
    "period_ending": ("截至{period}", "{period}"),
    "span_ytd": ("累计", "ytd"),
    "span_single": ("当期", "single"),
    "table_year_conflict": (
        "{where}“{text}”为{gives}年，而{other_where}“{other_text}”为{other_gives}年；"
        "一张表只应有一个年份：请更正其中之一",
        "{where} '{text}' gives {gives} but {other_where} '{other_text}' gives {other_gives}; "
        "expected one year for the table: correct one of them",
    ),
    "table_period_conflict": (
        "{where}“{text}”为{gives}，而{other_where}“{other_text}”为{other_gives}；"
        "一张表只应有一个时期：请更正其中之一",
        "{where} '{text}' gives {gives} but {other_where} '{other_text}' gives {other_gives}; "
        "expected one period for the table: correct one of them",
    ),
    # the header
    "header_problem": ("表头“{header}”：{problem}", "header '{header}': {problem}"),
    "header_no_unit": (
        "这些总量没有单位；应在表头写明单位，如(亿元)或(万元)，或在表头上方注明“单位：万元”，"
        "或设单位列，或在布局文件中设fixed.unit",
        "no unit for these levels; expected one in the header such as (亿元) or (万元), a "
        "'单位：万元' note above the header, a unit column, or fixed.unit in the layout",
    ),
    "field_region": ("地区", "region"),
    "field_indicator": ("指标", "indicator"),
    "field_period": ("时期", "period"),
    "field_unit": ("单位", "unit"),
    "header_twice": (
        "表头“{spec}”（{field}）出现在第{columns}和第{final}列；应只出现一次",
        "the header '{spec}' ({field}) is in columns {columns} and {final}; expected it once",
    ),
    "header_absent": (
        "没有表头为“{spec}”的列（{field}）；请检查布局文件的rows.{name}",
        "no column headed '{spec}' for {field}; check the layout's rows.{name}",
    ),
    "header_year_earlier": (
        "为上年同期数，不是本表时期的数；此列不读取（上年数不是本年的第二个值）："
        "如需跳过此列且不报问题，请将“{word}”加入布局文件的skip_columns",
        "the same period a year earlier, not the table's; the column is not read (last "
        "year's figures are not a second value for this year): add '{word}' to the layout's "
        "skip_columns to pass over it without a problem",
    ),
    "header_no_period": (
        "无法确定时期；应在" + _AT_HEADER + "中写明{expected}",
        "cannot tell the period; expected {expected} in the header, title, sheet name or file "
        "name (or 'year' in the layout)",
    ),
    "a_period_label": (
        "时期，如1—6月、上半年或一季度",
        "a period label such as 1—6月, 上半年 or 一季度",
    ),
    "a_year": ("年份", "a year"),
    "header_left_unknown": (
        "沿用左侧{ref}列的指标，而该指标未知；为那一列写明指标后，此列随之读取",
        "takes the indicator of {ref} on its left, which is unknown; name that one and this "
        "column is read with it",
    ),
    "header_unknown_unit": (
        "单位“{unit}”无法换算；可用的单位：{known}",
        "unit '{unit}' cannot be converted; known units: {known}",
    ),
    "header_named_unknown": (
        "指标“{name}”{beside}未知，因此不读取（也不作为左侧列的指标）；应为" + _LIKE_NAMES + "之一"
        "（共{n}个{closest}）：请将其加入布局文件的indicators",
        "unknown indicator '{name}' {beside}, so not read (nor taken as the indicator of the "
        "column on its left); expected one of the indicator names the layout knows ({n}, from "
        "its indicators and data/catalog/indicators.csv{closest}): add it to the layout's "
        "indicators",
    ),
    "beside_measure_word": ("（位于增长等计量词旁）", "beside the measure word"),
    "in_percent_alone": ("（以%计而无增长等计量词）", "in % without a measure word"),
    "closest_names": ("；最接近的：{names}", "; the closest: {names}"),
    "percent_not_growth": (
        "以%计但没有表示增长的词（{words}），因此不作为{indicator}（以{unit}计的总量）读取；"
        "如“{word}”是增长率，请在布局文件的measures中声明（{{{word}: growth}}，"
        "并列出它所替代的默认词：见docs/import.md）；如是比重或计划完成率，请列入skip_columns",
        "in % but without a growth word ({words}), so not read under {indicator} (a level in "
        "{unit}); if '{word}' is the growth rate, declare it in the layout's measures "
        "({{{word}: growth}}, listed with the default words it replaces: docs/import.md); if "
        "it is a share or a rate of a plan, list it in skip_columns",
    ),
    "table_unknown_region": (
        "未知地区；请加入data/catalog/region_aliases.csv或布局文件的names",
        "unknown region; add it to data/catalog/region_aliases.csv or the layout's names",
    ),
    "table_unknown_region_named": (
        "未知地区“{label}”；请加入data/catalog/region_aliases.csv或布局文件的names",
        "unknown region '{label}'; add it to data/catalog/region_aliases.csv or the layout's names",
    ),
    "table_unknown_indicator": (
        "未知指标；请加入布局文件的indicators（指标目录：data/catalog/indicators.csv）",
        "unknown indicator; add it to the layout's indicators (catalogue: "
        "data/catalog/indicators.csv)",
    ),
    "table_unknown_indicator_named": (
        "未知指标“{label}”；请加入布局文件的indicators（指标目录：data/catalog/indicators.csv）",
        "unknown indicator '{label}'; add it to the layout's indicators (catalogue: "
        "data/catalog/indicators.csv)",
    ),
    # the rows: where the table ends, and its cells
    "sheet_without_figures": (
        "工作表“{sheet}”没有读到任何数值（空表，或只有缺失标记{missing}个）：工作簿的其他表已读入，"
        "这张表的时期将成为缺口；请补上数据或从工作簿中删去这张表",
        "sheet '{sheet}': no figure read (empty, or only {missing} missing-value marks): the "
        "workbook's other sheets were read and this one's period would leave a gap; fill it in "
        "or remove the sheet",
    ),
    "import_no_records": (
        "未读到任何记录：布局文件所指的表头下没有数值（请检查header_rows、sheets和stop，"
        "或表中是否只有注释）",
        "no records read: no value under the layout's header (check header_rows, sheets and "
        "stop, or whether the table holds only notes)",
    ),
    "other_cell": ("{cell}单元格", "cell {cell}"),
    "other_cell_of_file": ("{file}的{cell}单元格", "cell {cell} of {file}"),
    "stop_row_at": ("结束行{cell}（“{text}”）", "the stop row {cell} ('{text}')"),
    "heading_at": (
        "其他时期的标题行{cell}（“{text}”）",
        "the heading {cell} ('{text}') of another period",
    ),
    "another_period": ("另一时期", "another period"),
    "the_year": ("{gives}年", "the year {gives}"),
    "year_earlier": ("上年同期", "the same period a year earlier"),
    "also_year_earlier": ("{said}（上年同期）", "{said} (the same period a year earlier)"),
    "heading_other_period": (
        "“{text}”表示{said}，而本表按{table}读取；其下各行不读取（否则会当作{table}）："
        "一张表只应有一个时期，请将该部分移到单独的工作表（以其时期命名），如标题有误请删除",
        "'{text}' gives {said} inside a table read as {table}; the rows below it are not read "
        "(they would be taken as {table}): expected one period per table, so move that block "
        "to a sheet of its own (named by its period), or delete the heading if it is wrong",
    ),
    "number_in_stop_row": (
        "“{text}”是{where}中的数值，表到此结束，不读取。该行应只有注释：如属于本表，"
        "请改写其第一格，使其不以结束词（{stop}）开头，或修改布局文件的stop；如不属于，"
        "请把数值移入注释文字或删除",
        "'{text}' is a number in {where}, where the table ends; not read. Expected only notes "
        "in that row: if it belongs to the table, reword its first cell so it does not start "
        "with a stop word ({stop}) or change the layout's stop; if not, move the number into "
        "the note's text or delete it",
    ),
    "numbers_below_end": (
        "第{row}行（“{text}”：{shown}）位于{where}之下，含有数值，表已结束，不读取。"
        "其下应只有注释：如该行属于本表，请移动或改写结束表格的那一行；如不属于，请移到其他工作表",
        "row {row} ('{text}': {shown}) holds numbers below {where}, where the table ends; not "
        "read. Expected only notes below it: if the row belongs to the table, move or reword "
        "what ends it; if not, move the row to another sheet",
    ),
    "table_unreadable_period": (
        "无法识别的时期“{text}”；应如2019年1—6月",
        "unreadable period '{text}'; expected e.g. 2019年1—6月",
    ),
    "unknown_printed_unit": (
        "未知单位“{text}”；可用：{known}",
        "unknown unit '{text}'; known: {known}",
    ),
    "cell_not_number": (
        "“{text}”不是数值；应为数值（如12.3）或缺失标记（—、…）",
        "'{text}' is not a number; expected a number such as 12.3, or a missing mark (—, …)",
    ),
    "growth_not_percent": ("增速以“{unit}”计；应以%计", "growth printed in '{unit}'; expected %"),
    "unit_not_convertible": (
        "单位“{unit}”无法换算为指标目录的单位“{target}”",
        "unit '{unit}' cannot be converted to the catalogue unit '{target}'",
    ),
    "level_with_percent": (
        "“{text}”带%号：是增速或比重，不是以{unit}计的总量；应为不带%的总量（{unit}）",
        "'{text}' has a % sign: a growth rate or share, not a level in {unit}; expected a "
        "level in {unit} without %",
    ),
    "record_column_problem": ("“{column}”项：{problem}", "{column}: {problem}"),
    # the files
    "table_file_not_found": ("找不到文件", "file not found"),
    "table_old_xls": (
        "不读取旧版.xls工作簿；请在Excel/WPS中打开并另存为.xlsx",
        "old .xls workbooks are not read; open it in Excel/WPS and save as .xlsx",
    ),
    "table_file_type": (
        "不支持的文件类型“{suffix}”；应为.xlsx或.csv",
        "unsupported file type '{suffix}'; expected .xlsx or .csv",
    ),
    "table_not_decoded": (
        "无法按UTF-8或GBK解码此文件；请另存为“CSV UTF-8”",
        "cannot decode the file as UTF-8 or GBK; re-save it as 'CSV UTF-8'",
    ),
    # series made quarterly or chained (clusterlib.inputs.periods)
    "series_gap_in_year": (
        "同一年内两期之间缺少{missing}；跨缺口做累计数换算会把几期并为一期；请补齐，或去掉该年",
        "missing period(s) {missing} between two periods of the same year; year-to-date "
        "arithmetic across a gap would merge periods; supply them or drop the year",
    ),
    "series_no_values": ("增速序列全为空值", "the growth series has no values"),
    "series_growth_gaps": (
        "增速序列缺少{missing}的值；连续推算指数需要从首季到末季的每个季度",
        "growth series has no value for {missing}; chaining needs every quarter from the first "
        "to the last",
    ),
    "series_partial_first_year": (
        "增速始于{first}，不是{year}第一季度：{year}数据不完整；增速应从某年第一季度开始（请去掉{year}）",
        "growth starts at {first}, not in Q1 of {year}: the year {year} is partial; expected "
        "growth from a first quarter (leave out {year})",
    ),
    "series_growth_below_minus_100": (
        "{period}增速不高于-100%",
        "growth of -100% or less at {period}",
    ),
    # the layout file (params/layouts/*.yaml)
    "layout_no_name_column": (
        "应有“region”或“indicator”列（或在fixed中固定）",
        "expected a 'region' or 'indicator' column (or a fixed one)",
    ),
    "layout_header_rows": (
        "应为工作表行号（从1起）的列表，实为{value}",
        "expected a list of sheet row numbers (from 1), got {value}",
    ),
    "layout_sheets": (
        "应为“first”、“all”或工作表名列表，实为{value}",
        "expected 'first', 'all' or a list of sheet names, got {value}",
    ),
    "layout_fixed_choice": ("应为{options}之一", "expected one of {options}"),
    "layout_fixed_type": (
        "缺少此项；固定时期需要写明其period_type",
        "missing; a fixed period needs its period_type",
    ),
    "layout_fixed_unit": ("应为以下单位之一：{units}", "expected a printed unit among {units}"),
    "layout_unknown_region_id": (
        "未知地区编号“{code}”（见data/catalog/）",
        "unknown region id '{code}' (see data/catalog/)",
    ),
    "layout_unknown_indicator_id": (
        "未知指标编号“{code}”（见data/catalog/）",
        "unknown indicator id '{code}' (see data/catalog/)",
    ),
    "layout_unknown_id": (
        "未知编号“{code}”（见data/catalog/）",
        "unknown id '{code}' (see data/catalog/)",
    ),
    "layout_carry_left": (
        "应为取自{known}的列表，实为{value}",
        "expected a list among {known}, got {value}",
    ),
}
"""The message catalogue of the importer: both languages say the same."""
