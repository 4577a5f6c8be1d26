"""The importer's problems in both languages: planted bad release tables and layouts, the
Chinese line written out by hand, the English as it always was."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from clusterlib import paths
from clusterlib.cli import main
from clusterlib.exceptions import ParameterError, SeriesError
from clusterlib.inputs import periods
from clusterlib.inputs.importer import import_tables, write_problems
from clusterlib.inputs.layouts import load_layout
from clusterlib.messages import told

MONTHLY = paths.PARAMS / "layouts" / "monthly_sheets.yaml"
TITLE = "2019年1—6月郑州市产业集聚区主要指标"
HEADER = ["产业集聚区", "固定资产投资(亿元)", "同比增长(%)"]


def _sheet(path: Path, rows: list[list], sheet: str = "1—6月") -> Path:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _lines(path: Path) -> list[tuple[str, str]]:
    """Each problem of importing ``path`` with the monthly layout: (Chinese, English)."""
    return _lines_with(path, MONTHLY)


def _lines_with(path: Path, layout: Path) -> list[tuple[str, str]]:
    """Each problem of importing ``path`` with ``layout``: (Chinese, English)."""
    problems = import_tables([path], load_layout(layout)).problems
    return [(told(problem, "zh"), told(problem, "en")) for problem in problems]


def test_header_problems_read_in_chinese(tmp_path):
    header = [*HEADER, "高新技术产业占比(%)", "上年同期(亿元)", "工业用电量增速(%)"]
    table = _sheet(tmp_path / "园区.xlsx", [[TITLE], header, ["航空港区", 300, 8.4, 12, 280, 3]])
    zh, en = zip(*_lines(table), strict=True)
    assert zh[0] == (
        "园区.xlsx，“1—6月!D2”列：表头“高新技术产业占比(%)”：指标“高新技术产业占比”"
        "（以%计而无增长等计量词）未知，因此不读取（也不作为左侧列的指标）；应为布局文件"
        "indicators及data/catalog/indicators.csv中的指标名称之一（共65个；最接近的："
        "高新技术产业占比较一季度提高, 高新技术产业增加值, 高技术产业投资, 高技术产业增加值, "
        "高新技术产业增加值占规上工业增加值比重）：请将其加入布局文件的indicators"
    )
    assert zh[1].startswith(
        "园区.xlsx，“1—6月!F2”列：表头“工业用电量增速(%)”：指标“工业用电量”（位于增长等计量词旁）"
        "未知，因此不读取"
    )
    assert zh[2] == (
        "园区.xlsx，“1—6月!E2”列：表头“上年同期(亿元)”：为上年同期数，不是本表时期的数；此列不读取"
        "（上年数不是本年的第二个值）：如需跳过此列且不报问题，请将“上年同期”加入布局文件的"
        "skip_columns"
    )
    assert en[1] == (
        "园区.xlsx, column '1—6月!F2': header '工业用电量增速(%)': unknown indicator '工业用电量' "
        "beside the measure word, so not read (nor taken as the indicator of the column on its "
        "left); expected one of the indicator names the layout knows (65, from its indicators "
        "and data/catalog/indicators.csv; the closest: 工业投资, 工业总产值): add it to the "
        "layout's indicators"
    )
    assert en[2] == (
        "园区.xlsx, column '1—6月!E2': header '上年同期(亿元)': the same period a year earlier, "
        "not the table's; the column is not read (last year's figures are not a second value "
        "for this year): add '上年同期' to the layout's skip_columns to pass over it without a "
        "problem"
    )


def test_a_level_in_percent_and_a_header_without_unit_read_in_chinese(tmp_path):
    rows = [[TITLE], ["产业集聚区", "固定资产投资", "占全市比重(%)"], ["航空港区", 300, 5]]
    (share, share_en), (unit, unit_en) = _lines(_sheet(tmp_path / "t.xlsx", rows))
    assert share == (
        "t.xlsx，“1—6月!C2”列：表头“占全市比重(%)”：以%计但没有表示增长的词（增长, 增速, 增幅, "
        "同比, ±%, 同比增长, 比上年同期增长），因此不作为固定资产投资（以100m_yuan计的总量）读取；"
        "如“占全市比重”是增长率，请在布局文件的measures中声明（{占全市比重: growth}，并列出它所"
        "替代的默认词：见docs/import.md）；如是比重或计划完成率，请列入skip_columns"
    )
    assert share_en.startswith(
        "t.xlsx, column '1—6月!C2': header '占全市比重(%)': in % but without a growth word "
        "(增长, 增速, 增幅, 同比, ±%, 同比增长, 比上年同期增长), so not read under fai (a level in "
        "100m_yuan); if '占全市比重' is the growth rate, declare it in the layout's measures "
        "({占全市比重: growth}, listed"
    )
    assert unit == (
        "t.xlsx，“1—6月!B2”列：表头“固定资产投资”：这些总量没有单位；应在表头写明单位，如(亿元)"
        "或(万元)，或在表头上方注明“单位：万元”，或设单位列，或在布局文件中设fixed.unit"
    )
    assert unit_en == (
        "t.xlsx, column '1—6月!B2': header '固定资产投资': no unit for these levels; expected one "
        "in the header such as (亿元) or (万元), a '单位：万元' note above the header, a unit "
        "column, or fixed.unit in the layout"
    )


def test_period_and_year_clashes_read_in_chinese(tmp_path):
    rows = [["2019年1—6月郑州市主要指标"], HEADER, ["航空港区", 300, 8.4]]
    [(period, period_en)] = _lines(_sheet(tmp_path / "1—3月.xlsx", rows, sheet="1—3月"))
    assert period == (
        "1—3月.xlsx，“1—3月!A1”列：工作表名“1—3月”为2019年3月的累计数据，而标题（单元格"
        "1—3月!A1）“2019年1—6月郑州市主要指标”为2019年6月的累计数据；一张表只应有一个时期："
        "请更正其中之一"
    )
    assert period_en == (
        "1—3月.xlsx, column '1—3月!A1': the sheet name '1—3月' gives 2019-03 ytd but the title "
        "in 1—3月!A1 '2019年1—6月郑州市主要指标' gives 2019-06 ytd; expected one period for the "
        "table: correct one of them"
    )
    [(year, year_en)] = _lines(_sheet(tmp_path / "园区2018年.xlsx", [[TITLE], *rows[1:]]))
    assert year == (
        "园区2018年.xlsx，“1—6月!A1”列：文件名“园区2018年”为2018年，而标题（单元格1—6月!A1）"
        "“2019年1—6月郑州市产业集聚区主要指标”为2019年；一张表只应有一个年份：请更正其中之一"
    )
    assert year_en == (
        "园区2018年.xlsx, column '1—6月!A1': the file name '园区2018年' gives 2018 but the title "
        "in 1—6月!A1 '2019年1—6月郑州市产业集聚区主要指标' gives 2019; expected one year for the "
        "table: correct one of them"
    )


def test_rows_and_cells_read_in_chinese(tmp_path):
    rows = [
        [TITLE],
        HEADER,
        ["航空区", "12%", 5.0],
        ["经开区", "abc", 5.0],
        ["2019年1—3月"],
        ["高新区", 200, 5.0],
    ]
    zh, en = zip(*_lines(_sheet(tmp_path / "rows.xlsx", rows)), strict=True)
    assert zh == (
        "rows.xlsx，“1—6月!A3”列：未知地区“航空区”；请加入data/catalog/region_aliases.csv或"
        "布局文件的names",
        "rows.xlsx，“1—6月!B3”列：“12%”带%号：是增速或比重，不是以亿元计的总量；应为不带%的总量"
        "（亿元）",
        "rows.xlsx，“1—6月!B4”列：“abc”不是数值；应为数值（如12.3）或缺失标记（—、…）",
        "rows.xlsx，“1—6月!A5”列：“2019年1—3月”表示2019年3月的累计数据，而本表按2019年6月的"
        "累计数据读取；其下各行不读取（否则会当作2019年6月的累计数据）：一张表只应有一个时期，"
        "请将该部分移到单独的工作表（以其时期命名），如标题有误请删除",
        "rows.xlsx，“1—6月!A6”列：第6行（“高新区”：B6 200, C6 5）位于其他时期的标题行A5"
        "（“2019年1—3月”）之下，含有数值，表已结束，不读取。其下应只有注释：如该行属于本表，"
        "请移动或改写结束表格的那一行；如不属于，请移到其他工作表",
    )
    assert en == (
        "rows.xlsx, column '1—6月!A3': unknown region '航空区'; add it to "
        "data/catalog/region_aliases.csv or the layout's names",
        "rows.xlsx, column '1—6月!B3': '12%' has a % sign: a growth rate or share, not a level "
        "in 亿元; expected a level in 亿元 without %",
        "rows.xlsx, column '1—6月!B4': 'abc' is not a number; expected a number such as 12.3, "
        "or a missing mark (—, …)",
        "rows.xlsx, column '1—6月!A5': '2019年1—3月' gives 2019-03 ytd inside a table read as "
        "2019-06 ytd; the rows below it are not read (they would be taken as 2019-06 ytd): "
        "expected one period per table, so move that block to a sheet of its own (named by its "
        "period), or delete the heading if it is wrong",
        "rows.xlsx, column '1—6月!A6': row 6 ('高新区': B6 200, C6 5) holds numbers below the "
        "heading A5 ('2019年1—3月') of another period, where the table ends; not read. Expected "
        "only notes below it: if the row belongs to the table, move or reword what ends it; if "
        "not, move the row to another sheet",
    )


def test_a_number_in_a_stop_row_reads_in_chinese(tmp_path):
    rows = [[TITLE], HEADER, ["航空港区", 300, 8.4], ["注：以下为市级园区", 50]]
    [(zh, en)] = _lines(_sheet(tmp_path / "stop.xlsx", rows))
    assert zh == (
        "stop.xlsx，“1—6月!B4”列：“50”是结束行A4（“注：以下为市级园区”）中的数值，表到此结束，"
        "不读取。该行应只有注释：如属于本表，请改写其第一格，使其不以结束词（注, 说明, 资料来源, "
        "数据来源）开头，或修改布局文件的stop；如不属于，请把数值移入注释文字或删除"
    )
    assert en == (
        "stop.xlsx, column '1—6月!B4': '50' is a number in the stop row A4 ('注：以下为市级园区'), "
        "where the table ends; not read. Expected only notes in that row: if it belongs to the "
        "table, reword its first cell so it does not start with a stop word (注, 说明, 资料来源, "
        "数据来源) or change the layout's stop; if not, move the number into the note's text or "
        "delete it"
    )


@pytest.mark.parametrize(
    ("name", "zh", "en"),
    [
        ("x.xlsx", "x.xlsx：找不到文件", "x.xlsx: file not found"),
        (
            "old.xls",
            "old.xls：不读取旧版.xls工作簿；请在Excel/WPS中打开并另存为.xlsx",
            "old.xls: old .xls workbooks are not read; open it in Excel/WPS and save as .xlsx",
        ),
        (
            "notes",
            "notes：不支持的文件类型“（无）”；应为.xlsx或.csv",
            "notes: unsupported file type '(none)'; expected .xlsx or .csv",
        ),
    ],
)
def test_a_file_not_read_says_why_in_chinese(tmp_path, name, zh, en):
    if name != "x.xlsx":
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert _lines(tmp_path / name) == [(zh, en)]


def test_a_bad_layout_lists_its_problems_in_chinese(tmp_path):
    layout = tmp_path / "bad.yaml"
    layout.write_text(
        "name: 坏布局\nsheets: 3\nheader_rows: [0]\nrows:\n  unit: B\nfixed:\n  period: 2019-06\n"
        "  unit: 吨\n  indicator: gdpp\nindicators:\n  规上工业增加值: industry_vaa\n"
        "carry_left: indicator\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as raised:
        load_layout(layout)
    assert told(raised.value, "zh").splitlines()[1:] == [
        f"{layout}：“header_rows”项：应为工作表行号（从1起）的列表，实为[0]",
        f"{layout}：“fixed.period_type”项：缺少此项；固定时期需要写明其period_type",
        f"{layout}：“fixed.unit”项：应为以下单位之一：亿元, 万元, 元, 亩, 万亩, 平方公里, 人, "
        "万人, 个, 家, 项, 万元/亩, %, 百分点",
        f"{layout}：“fixed.indicator”项：未知指标编号“gdpp”（见data/catalog/）",
        f"{layout}：“sheets”项：应为“first”、“all”或工作表名列表，实为3",
        f"{layout}：“indicators.规上工业增加值”项：未知编号“industry_vaa”（见data/catalog/）",
        f"{layout}：“carry_left”项：应为取自period, indicator的列表，实为'indicator'",
    ]
    assert str(raised.value).splitlines()[1:] == [
        f"{layout}: key 'header_rows': expected a list of sheet row numbers (from 1), got [0]",
        f"{layout}: key 'fixed.period_type': missing; a fixed period needs its period_type",
        f"{layout}: key 'fixed.unit': expected a printed unit among 亿元, 万元, 元, 亩, 万亩, "
        "平方公里, 人, 万人, 个, 家, 项, 万元/亩, %, 百分点",
        f"{layout}: key 'fixed.indicator': unknown indicator id 'gdpp' (see data/catalog/)",
        f"{layout}: key 'sheets': expected 'first', 'all' or a list of sheet names, got 3",
        f"{layout}: key 'indicators.规上工业增加值': unknown id 'industry_vaa' (see data/catalog/)",
        f"{layout}: key 'carry_left': expected a list among period, indicator, got 'indicator'",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_problem_list_is_written_in_the_runs_language(tmp_path, capsys, lang):
    rows = [[TITLE], HEADER, ["航空港区", 300, 8.4], ["经开区", "abc", 5.0]]
    table, out = _sheet(tmp_path / "t.xlsx", rows), tmp_path / "out.csv"
    args = [str(table), "--layout", str(MONTHLY), "--out", str(out), "--keep-going"]
    assert main(["import", *args, "--lang", lang]) == 1
    printed = capsys.readouterr().out.splitlines()
    listed = (tmp_path / "out.problems.txt").read_text(encoding="utf-8").splitlines()
    line = {
        "zh": "t.xlsx，“1—6月!B4”列：“abc”不是数值；应为数值（如12.3）或缺失标记（—、…）",
        "en": "t.xlsx, column '1—6月!B4': 'abc' is not a number; expected a number such as "
        "12.3, or a missing mark (—, …)",
    }[lang]
    assert printed[0] == line and listed == [line]


def test_write_problems_keeps_english_by_default(tmp_path):
    rows = [[TITLE], HEADER, ["经开区", "abc", 5.0]]
    problems = import_tables([_sheet(tmp_path / "t.xlsx", rows)], load_layout(MONTHLY)).problems
    write_problems(problems, tmp_path / "p.txt")
    assert (tmp_path / "p.txt").read_text(encoding="utf-8") == (
        "t.xlsx, column '1—6月!B3': 'abc' is not a number; expected a number such as 12.3, or a "
        "missing mark (—, …)\n"
    )


def test_a_series_that_cannot_be_chained_says_why_in_chinese():
    quarters = pd.PeriodIndex(["2019Q2", "2019Q3", "2019Q4"], freq="Q")
    with pytest.raises(SeriesError) as raised:
        periods.yoy_growth_to_index(pd.Series([5.0, 6.0, 7.0], index=quarters))
    assert told(raised.value, "zh") == (
        "增速始于2019年第二季度，不是2019年第一季度：2019年数据不完整；增速应从某年第一季度开始"
        "（请去掉2019年）"
    )
    assert str(raised.value) == (
        "growth starts at 2019Q2, not in Q1 of 2019: the year 2019 is partial; expected growth "
        "from a first quarter (leave out 2019)"
    )
    gap = pd.Series([5.0, 6.0], index=pd.PeriodIndex(["2019Q1", "2019Q3"], freq="Q"))
    with pytest.raises(SeriesError) as raised:
        periods.ytd_to_single(gap)
    assert told(raised.value, "zh") == (
        "同一年内两期之间缺少2019Q2；跨缺口做累计数换算会把几期并为一期；请补齐，或去掉该年"
    )
    assert str(raised.value) == (
        "missing period(s) 2019Q2 between two periods of the same year; year-to-date arithmetic "
        "across a gap would merge periods; supply them or drop the year"
    )


def test_a_long_tables_units_read_in_chinese(tmp_path):
    table = tmp_path / "long.csv"
    table.write_text(
        "地区名称,指标名称,统计时期,计量单位,本期值,同比增长(万元)\n"
        "航空港区,固定资产投资,2019年1-6月,斤,300,\n"
        "航空港区,固定资产投资,2019年1-3月,万亩,300,\n"
        "经开区,固定资产投资,2019年1-6月,亿元,,8\n",
        encoding="utf-8",
    )
    problems = import_tables([table], load_layout(paths.PARAMS / "layouts" / "long_csv.yaml"))
    assert [(told(p, "zh"), str(p)) for p in problems.problems] == [
        (
            "long.csv，“D2”列：未知单位“斤”；可用：亿元, 万元, 元, 亩, 万亩, 平方公里, 人, 万人, "
            "个, 家, 项, 万元/亩, %, 百分点",
            "long.csv, column 'D2': unknown unit '斤'; known: 亿元, 万元, 元, 亩, 万亩, 平方公里, "
            "人, 万人, 个, 家, 项, 万元/亩, %, 百分点",
        ),
        (
            "long.csv，“E3”列：单位“万亩”无法换算为指标目录的单位“100m_yuan”",
            "long.csv, column 'E3': unit '万亩' cannot be converted to the catalogue unit "
            "'100m_yuan'",
        ),
        (
            "long.csv，“F4”列：增速以“万元”计；应以%计",
            "long.csv, column 'F4': growth printed in '万元'; expected %",
        ),
    ]


def test_a_layouts_missing_column_and_fixed_values_read_in_chinese(tmp_path):
    table = _sheet(tmp_path / "t.xlsx", [HEADER, ["航空港区", 300, 8.4]])
    layout = tmp_path / "l.yaml"
    layout.write_text("name: x\nheader_rows: [1]\nrows:\n  region: 园区\n", encoding="utf-8")
    [(zh, en)] = _lines_with(table, layout)[:1]
    assert (
        zh == "t.xlsx，“1—6月 row 1”列：没有表头为“园区”的列（地区）；请检查布局文件的rows.region"
    )
    assert en == (
        "t.xlsx, column '1—6月 row 1': no column headed '园区' for region; check the layout's "
        "rows.region"
    )
    layout.write_text(
        "name: x\nheader_rows: [1]\nrows:\n  period: 时期\nfixed:\n  measure: rate\n", "utf-8"
    )
    with pytest.raises(ParameterError) as raised:
        load_layout(layout)
    assert told(raised.value, "zh").splitlines()[1:] == [
        f"{layout}：“fixed.measure”项：应为level, growth之一",
        f"{layout}：“rows”项：应有“region”或“indicator”列（或在fixed中固定）",
    ]
    assert str(raised.value).splitlines()[1:] == [
        f"{layout}: key 'fixed.measure': expected one of level, growth",
        f"{layout}: key 'rows': expected a 'region' or 'indicator' column (or a fixed one)",
    ]
