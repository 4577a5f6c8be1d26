"""Import: rows below a table's end, period headings inside it, base years in titles, growth
and 上年同期 headers. Every table is built here; every answer is written out by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from clusterlib import paths
from clusterlib.cli import main
from clusterlib.inputs import cells
from clusterlib.inputs.importer import import_tables
from clusterlib.inputs.layouts import load_layout

MONTHLY = paths.PARAMS / "layouts" / "monthly_sheets.yaml"
TITLE = "2019年1—6月郑州市产业集聚区主要指标"
HEADER = ["产业集聚区", "固定资产投资(亿元)", "同比增长(%)"]
KEY = ["region", "indicator", "period", "period_type", "measure", "value"]
# 航空港区 300 亿元, +8.4%; 经开区 200 亿元, +5.0% — 2019 1—6月 (2019-06 ytd), sorted
AIRPORT_ROW = ["航空港区", 300, 8.4]
AIRPORT = [
    ("airport", "fai", "2019-06", "ytd", "growth", "8.4"),
    ("airport", "fai", "2019-06", "ytd", "level", "300"),
]
ECON_TECH = [
    ("econ_tech", "fai", "2019-06", "ytd", "growth", "5"),
    ("econ_tech", "fai", "2019-06", "ytd", "level", "200"),
]
HITECH = [
    ("hitech", "fai", "2019-06", "ytd", "growth", "2"),
    ("hitech", "fai", "2019-06", "ytd", "level", "50"),
]


def _sheet(path: Path, rows: list[list], sheet: str = "1—6月") -> Path:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _import(path: Path, layout: Path = MONTHLY):
    return import_tables([path], load_layout(layout))


def _records(result) -> list[tuple]:
    return sorted(result.clean[KEY].itertuples(index=False, name=None))


def _cells(result) -> list[str]:
    return [problem.column for problem in result.problems]


# 1. rows holding numbers below a stop row


def test_rows_with_numbers_below_a_stop_row_are_problems_not_dropped(tmp_path, capsys):
    table = _sheet(
        tmp_path / "园区.xlsx",
        [
            [TITLE],
            HEADER,
            ["航空港区", 300, 8.4],
            ["注：以下为市级产业园区"],
            ["金岱", 20, 3.0],
            ["马寨", 30, 4.0],
            ["资料来源：郑州市统计局"],  # a note below the stop: no number, no problem
            ["", "—", "…"],  # missing marks are no numbers either
        ],
    )
    result = _import(table)
    assert _records(result) == AIRPORT
    assert [str(problem) for problem in result.problems] == [
        "园区.xlsx, column '1—6月!A5': row 5 ('金岱': B5 20, C5 3) holds numbers below the stop "
        "row A4 ('注：以下为市级产业园区'), where the table ends; not read. Expected only notes "
        "below it: if the row belongs to the table, move or reword what ends it; if not, move "
        "the row to another sheet",
        "园区.xlsx, column '1—6月!A6': row 6 ('马寨': B6 30, C6 4) holds numbers below the stop "
        "row A4 ('注：以下为市级产业园区'), where the table ends; not read. Expected only notes "
        "below it: if the row belongs to the table, move or reword what ends it; if not, move "
        "the row to another sheet",
    ]
    code = main(["import", "--lang", "en", str(table), "--layout", str(MONTHLY), "--dry-run"])
    printed = capsys.readouterr().out
    assert code == 1  # it said "2 record(s) … 0 problem(s)" and exited 0
    assert "2 record(s) read from 1 file(s); 0 missing cell(s) and 0 subtotal row(s) " in printed
    assert "; 2 problem(s)" in printed


def test_numbers_in_the_stop_row_itself_are_problems_at_their_cells(tmp_path):
    """A stop row with figures ("注：含新郑 | 50 | 2.0") ends the table; they were dropped."""
    rows = [[TITLE], HEADER, ["航空港区", 300, 8.4], ["注：含新郑", 50, 2.0], ["经开区", 200, 5]]
    result = _import(_sheet(tmp_path / "t.xlsx", rows))
    assert _records(result) == AIRPORT
    fix = (
        "where the table ends; not read. Expected only notes in that row: if it belongs to the "
        "table, reword its first cell so it does not start with a stop word (注, 说明, 资料来源, "
        "数据来源) or change the layout's stop; if not, move the number into the note's text or "
        "delete it"
    )
    assert [str(problem) for problem in result.problems] == [
        f"t.xlsx, column '1—6月!B4': '50' is a number in the stop row A4 ('注：含新郑'), {fix}",
        f"t.xlsx, column '1—6月!C4': '2' is a number in the stop row A4 ('注：含新郑'), {fix}",
        "t.xlsx, column '1—6月!A5': row 5 ('经开区': B5 200, C5 5) holds numbers below the stop "
        "row A4 ('注：含新郑'), where the table ends; not read. Expected only notes below it: if "
        "the row belongs to the table, move or reword what ends it; if not, move the row to "
        "another sheet",
    ]


def test_notes_alone_below_a_stop_row_are_no_problem(tmp_path):
    table = _sheet(
        tmp_path / "t.xlsx",
        [[TITLE], HEADER, ["航空港区", 300, 8.4], ["注：1.本表为快报数。"], ["2.“—”表示无数据。"]],
    )
    result = _import(table)
    assert result.problems == [] and _records(result) == AIRPORT


# 2. a period label inside the table body


def test_a_heading_of_last_year_inside_the_table_is_a_problem(tmp_path):
    table = _sheet(
        tmp_path / "t.xlsx",
        [
            [TITLE],
            HEADER,
            ["航空港区", 300, 8.4],
            ["经开区", 200, 5.0],
            [],
            ["2018年1—6月（上年同期）"],
            ["高新区", 50, 2.0],  # was imported as 2019-06 ytd level 50
        ],
    )
    result = _import(table)
    assert _records(result) == sorted(AIRPORT + ECON_TECH)
    assert [str(problem) for problem in result.problems] == [
        "t.xlsx, column '1—6月!A6': '2018年1—6月（上年同期）' gives 2018-06 ytd (the same period "
        "a year earlier) inside a table read as 2019-06 ytd; the rows below it are not read "
        "(they would be taken as 2019-06 ytd): expected one period per table, so move that "
        "block to a sheet of its own (named by its period), or delete the heading if it is "
        "wrong",
        "t.xlsx, column '1—6月!A7': row 7 ('高新区': B7 50, C7 2) holds numbers below the "
        "heading A6 ('2018年1—6月（上年同期）') of another period, where the table ends; not "
        "read. Expected only notes below it: if the row belongs to the table, move or reword "
        "what ends it; if not, move the row to another sheet",
    ]


def test_a_second_block_of_another_period_is_not_written_with_keep_going(tmp_path, capsys):
    table = _sheet(
        tmp_path / "两块.xlsx",
        [
            [TITLE],
            HEADER,
            ["航空港区", 300, 8.4],
            ["经开区", 200, 5.0],
            [],
            ["2019年1—3月郑州市产业集聚区主要指标"],
            HEADER,  # the block's own header: no number, so no problem of its own
            ["高新区", 50, 2.0],  # 1—3月: was written as 2019-06
        ],
    )
    out = tmp_path / "out.csv"
    code = main(
        [
            "import",
            "--lang",
            "en",
            str(table),
            "--layout",
            str(MONTHLY),
            "--out",
            str(out),
            "--keep-going",
        ]
    )
    capsys.readouterr()
    assert code == 1
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert sorted(written[KEY].itertuples(index=False, name=None)) == sorted(AIRPORT + ECON_TECH)
    problems = (tmp_path / "out.problems.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split(":")[0] for line in problems] == [
        "两块.xlsx, column '1—6月!A6'",
        "两块.xlsx, column '1—6月!A8'",
    ]
    assert "gives 2019-03 ytd inside a table read as 2019-06 ytd" in problems[0]


@pytest.mark.parametrize(
    ("heading", "gives"),
    [
        ("2019年1—3月", "2019-03 ytd"),
        ("一季度", "2019Q1 ytd"),  # no year: the table's year
        ("2018年", "the year 2018"),
        ("上年同期", "the same period a year earlier"),
    ],
)
def test_headings_of_another_period_or_year_end_the_table(tmp_path, heading, gives):
    table = _sheet(
        tmp_path / "t.xlsx", [[TITLE], HEADER, ["航空港区", 300, 8.4], [heading], ["高新区", 50, 2]]
    )
    result = _import(table)
    assert _records(result) == AIRPORT
    assert _cells(result) == ["1—6月!A4", "1—6月!A5"]
    assert result.problems[0].message.startswith(f"'{heading}' gives {gives} inside a table")


@pytest.mark.parametrize("heading", ["一、市级产业园区", "2019年1—6月", "2019年"])
def test_headings_without_another_period_are_read_through(tmp_path, heading):
    table = _sheet(
        tmp_path / "t.xlsx", [[TITLE], HEADER, ["航空港区", 300, 8.4], [heading], ["高新区", 50, 2]]
    )
    result = _import(table)
    assert result.problems == []
    assert _records(result) == sorted(AIRPORT + HITECH)


# 3. a base year in the title is not the table's year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("郑州市产业集聚区主要指标（2018年同期为基数）", None),
        ("以2018年为基期", None),
        ("按2015年不变价计算", None),
        ("2019年1—6月（以2018年6月为基期）", 2019),
        ("比2018年同期增长(%)", None),
        ("2018年1—6月（上年同期）", 2018),
        ("2019年1—6月", 2019),
    ],
)
def test_base_years_are_passed_over(text, year):
    assert cells.parse_year(text) == year


def test_a_base_year_title_takes_the_year_from_the_file_name(tmp_path):
    rows = [["郑州市产业集聚区主要指标（2018年同期为基数）"], HEADER, ["航空港区", 300, 8.4]]
    result = _import(_sheet(tmp_path / "主要指标2019年6月.xlsx", rows))
    assert result.problems == []
    assert _records(result) == AIRPORT  # 2019-06, not 2018-06
    result = _import(_sheet(tmp_path / "主要指标.xlsx", rows))  # no other year anywhere
    assert result.clean.empty
    assert _cells(result) == ["1—6月!B2", "1—6月!C2"]
    assert "cannot tell the period; expected a year" in result.problems[0].message


# 4. growth headers and 上年同期 columns


@pytest.mark.parametrize(
    "growth",
    [
        *("增幅(%)", "同比±(%)", "同比(%)", "比上年增减(%)", "±(%)", "比上年同期增长(%)"),
        *("增速(%)", "增长(%)", "增速", "比上年增长%", "同比", "增长率(%)", "1—6月同比增长(%)"),
        *("与上年同期相比增长(%)", "比2018年同期增长(%)", "累计增长(%)"),
    ],
)
def test_common_growth_headers_are_read_as_growth(tmp_path, growth):
    rows = [[TITLE], ["产业集聚区", "固定资产投资(亿元)", growth], ["航空港区", 300, 8.4]]
    result = _import(_sheet(tmp_path / "t.xlsx", rows))
    assert result.problems == []
    assert _records(result) == AIRPORT
    assert set(result.clean["unit"]) == {"100m_yuan", "pct_yoy"}


def test_a_percent_header_without_a_growth_word_is_said_once_at_its_cell(tmp_path):
    rows = [
        [TITLE],
        [*HEADER, "占全市比重(%)"],
        ["航空港区", 300, 8.4, 12.5],
        ["经开区", 200, 5.0, 10.0],
    ]
    result = _import(_sheet(tmp_path / "t.xlsx", rows))
    assert _cells(result) == ["1—6月!D2"]  # once, not at D3 and D4
    assert result.problems[0].message == (
        "header '占全市比重(%)': in % but without a growth word (增长, 增速, 增幅, 同比, ±%, "
        "同比增长, 比上年同期增长), so not read under fai (a level in 100m_yuan); if '占全市比重' "
        "is the growth rate, declare it in the layout's measures ({占全市比重: growth}, listed "
        "with the default words it replaces: docs/import.md); if it is a share or a rate of a "
        "plan, list it in skip_columns"
    )


@pytest.mark.parametrize("earlier", ["上年同期(亿元)", "上年同期", "去年同期", "上年同期增长(%)"])
def test_a_year_earlier_column_is_not_read_and_not_a_duplicate(tmp_path, earlier):
    rows = [
        [TITLE],
        [*HEADER, earlier],
        ["航空港区", 300, 8.4, 277],
        ["经开区", 200, 5.0, 190],
    ]
    table = _sheet(tmp_path / "t.xlsx", rows)
    result = _import(table)
    assert _records(result) == sorted(AIRPORT + ECON_TECH)
    assert _cells(result) == ["1—6月!D2"]  # once at the header, no "duplicate of B3"
    word = cells.without_units(earlier)
    assert result.problems[0].message == (
        f"header '{earlier}': the same period a year earlier, not the table's; the column is "
        "not read (last year's figures are not a second value for this year): add "
        f"'{word}' to the layout's skip_columns to pass over it without a problem"
    )
    layout = tmp_path / "skip.yaml"
    text = MONTHLY.read_text(encoding="utf-8")
    layout.write_text(text + f"skip_columns: [{word}]\n", encoding="utf-8")
    result = _import(table, layout)
    assert result.problems == []
    assert _records(result) == sorted(AIRPORT + ECON_TECH)


def test_a_named_row_without_figures_is_no_heading(tmp_path):
    """An indicator printed with a year or a quarter in its name and no figures yet is a
    row of the table, not a heading of another period."""
    layout = paths.PARAMS / "layouts" / "city_indicators.yaml"
    rows = [
        ["2024年1—6月郑州市主要经济指标"],
        ["指标", "单位", "1—6月", "同比增长%"],
        ["战略性新兴产业占比较2016年提高", "百分点"],  # no figures: not read, not a heading
        ["高新技术产业占比较一季度提高", "百分点"],
        ["全社会固定资产投资", "亿元", "", "6.6"],
    ]
    result = _import(_sheet(tmp_path / "t.xlsx", rows, sheet="主要经济指标"), layout)
    assert result.problems == []
    assert _records(result) == [("city", "fai", "2024Q2", "ytd", "growth", "6.6")]


# 5. an unknown indicator header is a problem at its own cell, not carried from its left


def test_an_unknown_indicator_header_is_not_taken_as_the_one_on_its_left(tmp_path):
    """规上工业增加值 is not among monthly_sheets' names: its column is not a second fai
    (which validation called a duplicate of B3), and its growth column follows it."""
    rows = [
        [TITLE],
        ["产业集聚区", "固定资产投资(亿元)", "增幅(%)", "规上工业增加值(亿元)", "同比(%)"],
        ["航空港区", 300, 8.4, 200, 6.6],
    ]
    result = _import(_sheet(tmp_path / "t.xlsx", rows))
    assert _cells(result) == ["1—6月!D2", "1—6月!E2"]
    assert [problem.message for problem in result.problems] == [
        "header '规上工业增加值(亿元)': unknown indicator; add it to the layout's indicators "
        "(catalogue: data/catalog/indicators.csv)",
        "header '同比(%)': takes the indicator of 1—6月!D2 on its left, which is unknown; "
        "name that one and this column is read with it",
    ]
    assert result.records.empty  # a sheet with a header problem is not read


def test_a_named_short_form_is_read_with_its_growth_column(tmp_path):
    layout = tmp_path / "monthly.yaml"
    text = MONTHLY.read_text(encoding="utf-8")
    layout.write_text(text + "indicators:\n  规上工业增加值: industry_va\n", encoding="utf-8")
    rows = [
        [TITLE],
        ["产业集聚区", "固定资产投资(亿元)", "增幅(%)", "规上工业增加值(亿元)", "同比(%)"],
        ["航空港区", 300, 8.4, 200, 6.6],
    ]
    result = _import(_sheet(tmp_path / "t.xlsx", rows), layout)
    assert result.problems == []
    industry = [
        ("airport", "industry_va", "2019-06", "ytd", "growth", "6.6"),
        ("airport", "industry_va", "2019-06", "ytd", "level", "200"),
    ]
    assert _records(result) == sorted(AIRPORT + industry)


@pytest.mark.parametrize(
    ("header", "name", "closest"),
    [
        ("工业用电量增速(%)", "工业用电量", "工业投资, 工业总产值"),
        ("规上工业增加值增长(%)", "规上工业增加值", "规模以上工业增加值, "),
        ("规上工业增加值比上年同期增长(%)", "规上工业增加值", "规模以上工业增加值, "),
    ],
)
def test_an_unknown_name_beside_a_measure_word_is_not_growth_of_the_left_column(
    tmp_path, header, name, closest
):
    """The tester's table: 工业用电量增速 6.6 was read as fai's growth (0 problems); beside
    a growth column of fai it was a duplicate of C3."""
    for rows in (
        [[TITLE], ["产业集聚区", "固定资产投资(亿元)", header], ["航空港区", 300, 6.6]],
        [[TITLE], [*HEADER, header], ["航空港区", 300, 8.4, 6.6]],
    ):
        result = _import(_sheet(tmp_path / "t.xlsx", rows))
        assert result.records.empty  # a sheet with a header problem is not read
        column = f"1—6月!{'CD'[len(rows[1]) - 3]}2"
        assert _cells(result) == [column]
        message = result.problems[0].message
        assert message.startswith(
            f"header '{header}': unknown indicator '{name}' beside the measure word, so not "
            "read (nor taken as the indicator of the column on its left); expected one of the "
            "indicator names the layout knows (65, from its indicators and "
            f"data/catalog/indicators.csv; the closest: {closest}"
        )
        assert message.endswith("): add it to the layout's indicators")


def test_a_named_indicator_beside_a_measure_word_is_its_growth(tmp_path):
    """Declared in the layout (or in the catalogue), the name is read, not the left column's."""
    layout = tmp_path / "monthly.yaml"
    text = MONTHLY.read_text(encoding="utf-8")
    layout.write_text(text + "indicators:\n  规上工业增加值: industry_va\n", encoding="utf-8")
    for header in ("规上工业增加值增长(%)", "规模以上工业增加值增速(%)"):
        rows = [[TITLE], [*HEADER, header], ["航空港区", 300, 8.4, 6.6]]
        result = _import(_sheet(tmp_path / "t.xlsx", rows), layout)
        assert result.problems == []
        industry = ("airport", "industry_va", "2019-06", "ytd", "growth", "6.6")
        assert _records(result) == sorted([*AIRPORT, industry])


SHARE = "高新技术产业增加值占规上工业增加值比重(%)"  # hightech_share, a rate in the catalogue


@pytest.mark.parametrize(
    ("header", "closest"),
    [
        ("规上工业增加值占比(%)", "规上工业增加值占全省比重, 规模以上工业增加值, "),
        ("高新技术产业占比(%)", "高新技术产业占比较一季度提高, 高新技术产业增加值, "),
    ],
)
def test_a_name_in_percent_without_a_measure_word_is_not_the_left_columns_rate(
    tmp_path, header, closest
):
    """Beside a rate (hightech_share 40.5), 经开区's 12 was read as its hightech_share with
    0 problems; beside a level the header was refused, but as a share of fai."""
    name = header.removesuffix("(%)")
    for left in (SHARE, "固定资产投资(亿元)"):
        rows = [[TITLE], ["产业集聚区", left, header], ["航空港区", 40.5, "—"], ["经开区", "—", 12]]
        result = _import(_sheet(tmp_path / "t.xlsx", rows))
        assert result.records.empty  # a sheet with a header problem is not read
        assert _cells(result) == ["1—6月!C2"]
        message = result.problems[0].message
        assert message.startswith(
            f"header '{header}': unknown indicator '{name}' in % without a measure word, so "
            "not read (nor taken as the indicator of the column on its left); expected one of "
            "the indicator names the layout knows (65, from its indicators and "
            f"data/catalog/indicators.csv; the closest: {closest}"
        )
        assert message.endswith("): add it to the layout's indicators")


def test_a_known_name_in_percent_is_read_as_its_own_indicator(tmp_path):
    """Declared in the layout (or in the catalogue), the name is read, not the left column's;
    a share of the left column that names nothing ("占全市比重(%)") still takes it."""
    layout = tmp_path / "monthly.yaml"
    text = MONTHLY.read_text(encoding="utf-8")
    layout.write_text(
        text + "indicators:\n  规上工业增加值占比: industry_va_share_of_province\n",
        encoding="utf-8",
    )
    for header, indicator in (
        ("规上工业增加值占比(%)", "industry_va_share_of_province"),
        (SHARE, "hightech_share"),
        ("占全市比重(%)", "hightech_share"),
    ):
        rows = [
            [TITLE],
            ["产业集聚区", SHARE, header],
            ["航空港区", 40.5, "—"],
            ["经开区", "—", 12],
        ]
        result = _import(_sheet(tmp_path / "t.xlsx", rows), layout)
        assert result.problems == []
        share = [("airport", "hightech_share", "2019-06", "ytd", "level", "40.5")]
        read = ("econ_tech", indicator, "2019-06", "ytd", "level", "12")
        assert _records(result) == sorted([*share, read])


# 6. the file name against the title and sheet name


def test_a_file_name_of_another_year_than_the_title_is_refused_naming_both(tmp_path):
    """The tester's table: read as 2018-06 with 0 problems, the file name's 2019 unsaid."""
    rows = [["2018年1—6月郑州市产业集聚区主要指标"], HEADER, ["航空港区", 300, 8.4]]
    result = _import(_sheet(tmp_path / "主要指标2019年6月_b.xlsx", rows))
    assert result.records.empty
    assert [str(problem) for problem in result.problems] == [
        "主要指标2019年6月_b.xlsx, column '1—6月!A1': the file name '主要指标2019年6月_b' gives "
        "2019 but the title in 1—6月!A1 '2018年1—6月郑州市产业集聚区主要指标' gives 2018; "
        "expected one year for the table: correct one of them"
    ]


def test_a_file_name_of_another_month_than_the_sheet_is_refused(tmp_path):
    """A one-sheet workbook named by March holding 1—6月: the period ends differ."""
    rows = [["郑州市产业集聚区主要指标"], HEADER, ["航空港区", 300, 8.4]]
    result = _import(_sheet(tmp_path / "主要指标2019年3月.xlsx", rows))
    assert result.records.empty
    assert [str(problem) for problem in result.problems] == [
        "主要指标2019年3月.xlsx: the file name '主要指标2019年3月' gives 2019-03 but the sheet "
        "name '1—6月' gives 2019-06; expected one period for the table: correct one of them"
    ]


def test_a_file_name_of_the_tables_last_month_is_no_clash(tmp_path):
    """A file named by 2019年6月 holds 1—6月 (one sheet), or monthly sheets up to 1—6月."""
    result = _import(_sheet(tmp_path / "主要指标2019年6月.xlsx", [[TITLE], HEADER, AIRPORT_ROW]))
    assert result.problems == [] and _records(result) == AIRPORT
    path = tmp_path / "月报2019年6月.xlsx"
    book = Workbook()
    for name, row in (("1—3月", ["航空港区", 150, 8.0]), ("1—6月", AIRPORT_ROW)):
        sheet = book.create_sheet(name)
        for values in (["2019年郑州市产业集聚区主要指标"], HEADER, row):
            sheet.append(values)
    book.remove(book.worksheets[0])
    book.save(path)
    result = _import(path)
    assert result.problems == []
    march = [
        ("airport", "fai", "2019-03", "ytd", "growth", "8"),
        ("airport", "fai", "2019-03", "ytd", "level", "150"),
    ]
    assert _records(result) == sorted(march + AIRPORT)


DECEMBER_TITLE = "2019年1—12月郑州市产业集聚区主要指标"


@pytest.mark.parametrize(
    ("file", "title", "period"),
    [
        ("主要指标2020年1月.xlsx", DECEMBER_TITLE, "2019-12"),  # released in January
        ("主要指标2020年2月.xlsx", DECEMBER_TITLE, "2019-12"),
        ("主要指标2019年12月.xlsx", DECEMBER_TITLE, "2019-12"),  # named by its period
        ("主要指标2019年7月.xlsx", TITLE, "2019-06"),
        ("主要指标2019年8月.xlsx", TITLE, "2019-06"),
    ],
)
def test_a_file_named_by_its_release_month_is_no_clash(tmp_path, file, title, period):
    """The bureau publishes 1—12月 in January: '…2020年1月.xlsx' was refused as 2020 against
    the title's 2019 (and as 2019-01 against 2019-12)."""
    rows = [[title], HEADER, AIRPORT_ROW]
    result = _import(_sheet(tmp_path / file, rows, sheet="主要指标"))
    assert result.problems == []
    assert _records(result) == [
        ("airport", "fai", period, "ytd", "growth", "8.4"),
        ("airport", "fai", period, "ytd", "level", "300"),
    ]


def test_a_workbook_of_monthly_sheets_named_by_its_release_month_is_no_clash(tmp_path):
    path = tmp_path / "月报2020年1月.xlsx"
    book = Workbook()
    for name, row in (("1—11月", ["航空港区", 280, 8.0]), ("1—12月", AIRPORT_ROW)):
        sheet = book.create_sheet(name)
        for values in (["2019年郑州市产业集聚区主要指标"], HEADER, row):
            sheet.append(values)
    book.remove(book.worksheets[0])
    book.save(path)
    result = _import(path)
    assert result.problems == []
    assert _records(result) == [
        ("airport", "fai", "2019-11", "ytd", "growth", "8"),
        ("airport", "fai", "2019-11", "ytd", "level", "280"),
        ("airport", "fai", "2019-12", "ytd", "growth", "8.4"),
        ("airport", "fai", "2019-12", "ytd", "level", "300"),
    ]


@pytest.mark.parametrize(
    "file",
    [
        "主要指标2021年1月.xlsx",  # a year after the release
        "主要指标2021.xlsx",
        "主要指标2020年3月.xlsx",  # three months after 1—12月: neither period nor release
        "主要指标2020年.xlsx",  # a year without its month is the table's year
        "主要指标2018年12月.xlsx",  # before the period ends
    ],
)
def test_a_file_name_fitting_neither_the_period_nor_its_release_is_refused(tmp_path, file):
    rows = [[DECEMBER_TITLE], HEADER, AIRPORT_ROW]
    result = _import(_sheet(tmp_path / file, rows, sheet="主要指标"))
    assert result.records.empty
    stem, year = file.removesuffix(".xlsx"), cells.parse_year(file)
    assert [str(problem) for problem in result.problems] == [
        f"{file}, column '主要指标!A1': the file name '{stem}' gives {year} but the title in "
        f"主要指标!A1 '{DECEMBER_TITLE}' gives 2019; expected one year for the table: correct "
        "one of them"
    ]
