"""The one workbook writer: names for codes, formats, frozen headers, widths; the 3 workbooks."""

from __future__ import annotations

import math
import re

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils.cell import coordinate_from_string

from clusterlib import cli
from clusterlib.catalog import in_region_order
from clusterlib.forecasting.nowcast import COVERAGE, RULES
from clusterlib.labels import TABLE_NAMES, UNIT_NAMES, _column_labels, table_name, with_unit
from clusterlib.ledger.report import write_ledger_workbook
from clusterlib.publish.tables import write_workbook
from clusterlib.publish.workbook import Sheet, display_table, sheet_title, write_sheets

PLANTED = pd.DataFrame(
    {
        "region": ["xinmi", "airport", "city"],
        "rank": [2.0, 1.0, None],
        "probability": [0.9657, 0.5, 0.25],
        "full_year_growth": [8.214, 46.64769897552562, 0.6999999999999993],
        "met": [True, False, True],
        "n_firms": [12.0, 3.0, 40.0],
    }
)
CODE = re.compile(r"(^|[^\w.@/:-])[a-z0-9]+(_[a-z0-9]+)+($|[^\w.@/:-])|^[a-z]+$")
"""An English id such as c_firm_gaps, alone or in a text (major_projects_started·全年合计)."""


def rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_planted_table_in_chinese(tmp_path):
    write_sheets(tmp_path / "b.xlsx", [Sheet("目标", PLANTED)], "zh", synthetic=True)
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")["目标"]
    values = rows(sheet)
    assert values[0][0] == "合成演示数据"  # the title row
    assert sheet.freeze_panes == "A3"  # title and header stay in view
    assert values[1] == (
        "地区", "排名", "达成概率", "全年累计增速（%）", "是否达成", "企业数", "地区代码",
    )  # fmt: skip
    # the city first, then by rank; names for codes, the codes last; 是/否
    assert [row[0] for row in values[2:]] == ["郑州市", "郑州航空港产业集聚区", "新密市产业集聚区"]
    assert [row[-1] for row in values[2:]] == ["city", "airport", "xinmi"]
    assert [row[4] for row in values[2:]] == ["是", "否", "是"]
    airport = [sheet.cell(4, j) for j in range(1, 8)]
    assert [cell.number_format for cell in airport[1:6]] == ["0", "0.0%", "0.0", "General", "0"]
    assert airport[3].value == pytest.approx(46.64769897552562)  # kept; the format rounds
    assert sheet.cell(3, 2).value is None  # the city has no rank: an empty cell
    # widths fitted: "全年累计增速（%）" is 8 wide characters and 1 narrow one, plus 2
    assert sheet.column_dimensions["D"].width == 8 * 2 + 1 + 2
    assert sheet.column_dimensions["C"].width == 8 + 2  # "达成概率", wider than "96.6%"


def test_planted_table_in_english_without_title_row(tmp_path):
    write_sheets(tmp_path / "b.xlsx", [Sheet("Goals", PLANTED)], "en")
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")["Goals"]
    values = rows(sheet)
    assert sheet.freeze_panes == "A2"
    assert values[0][:3] == ("Region", "Rank", "Probability") and values[0][-1] == "Region id"
    assert [row[4] for row in values[1:]] == ["Yes", "No", "Yes"]
    assert values[1][0] == "Zhengzhou city"


def test_ranks_within_clusters_are_sorted_cluster_by_cluster(tmp_path):
    firms = pd.DataFrame(
        {"firm_id": ["a", "b", "c", "d"], "cluster": ["xinmi", "gongyi", "xinmi", "gongyi"]}
    ).assign(rank=[2, 2, 1, 1])
    write_sheets(tmp_path / "b.xlsx", [Sheet("x", firms)], "en")
    values = rows(openpyxl.load_workbook(tmp_path / "b.xlsx")["x"])
    assert [row[0] for row in values[1:]] == ["c", "a", "d", "b"]


def test_sheet_titles_lose_the_characters_excel_refuses(tmp_path):
    write_sheets(tmp_path / "b.xlsx", [Sheet("A: b/c [d]? " + "x" * 40, PLANTED)], "en")
    assert openpyxl.load_workbook(tmp_path / "b.xlsx").sheetnames == ["A- b-c -d…"]


def test_a_long_sheet_name_is_cut_after_a_whole_word():
    """T7B-19: "Value added of above-scale indu" (cut mid-word at 31 characters)."""
    assert sheet_title("Value added of above-scale industry") == "Value added of above-scale…"
    assert sheet_title("x" * 40) == "x" * 30 + "…"
    assert sheet_title("规模以上工业增加值") == "规模以上工业增加值"


def test_an_unknown_column_gets_a_readable_header(tmp_path):
    table = pd.DataFrame({"brand_new_share": [0.5]})
    write_sheets(tmp_path / "b.xlsx", [Sheet("x", table)], "zh")
    assert rows(openpyxl.load_workbook(tmp_path / "b.xlsx")["x"])[0] == ("brand new share",)


GAPS = pd.DataFrame(  # c_firm_gaps' shape: enterprise indicators named by the rules' name_zh
    {
        "cluster": ["airport", "total"],
        "indicator": ["tax_per_mu", "revenue_per_mu"],
        "name_zh": ["亩均税收", "亩均营业收入"],
        "column": ["land_mu", "tax"],
    }
)


def test_rows_that_name_themselves_words_and_column_ids_read_as_names(tmp_path):
    """No code where a name belongs: the rules' names of enterprise indicators (the catalogue
    calls revenue_per_mu 亩均收入, the published clusters' term), 合计 for ``total``, headers
    for column ids; the codes last."""
    write_sheets(tmp_path / "b.xlsx", [Sheet("x", GAPS)], "zh")
    values = rows(openpyxl.load_workbook(tmp_path / "b.xlsx")["x"])
    assert values[0] == ("集聚区", "指标", "列", "集聚区代码", "指标代码", "列代码")
    assert values[1:] == [
        ("郑州航空港产业集聚区", "亩均税收", "用地面积（亩）", "airport", "tax_per_mu", "land_mu"),
        ("合计", "亩均营业收入", "税收（万元）", "total", "revenue_per_mu", "tax"),
    ]
    write_sheets(tmp_path / "e.xlsx", [Sheet("x", GAPS)], "en")
    english = rows(openpyxl.load_workbook(tmp_path / "e.xlsx")["x"])
    assert [row[1] for row in english[1:]] == ["Tax per mu (10k yuan)", "Revenue per mu"]
    assert [row[0] for row in english[1:]] == ["Zhengzhou Airport Cluster", "total"]


# --- the three workbooks the product writes ------------------------------------------------


def catalogue_headers() -> set[str]:
    """The catalogue's headers, those of money columns also with a unit (预测中位数（亿元）)."""
    labels = _column_labels()
    money = labels[labels["format"] == "money"]
    units = [
        with_unit(label, unit, lang)
        for lang in ("zh", "en")
        for label in money[f"name_{lang}"]
        for unit in UNIT_NAMES
    ]
    return set(labels["name_zh"]) | set(labels["name_en"]) | set(units)


def header_row(sheet) -> int:
    """The 1-based row of the frozen header (the panes freeze below it)."""
    return coordinate_from_string(sheet.freeze_panes)[1] - 1


def code_cells(path) -> set[str]:
    """Text cells of every sheet that read as code ids, outside the ids' columns (代码, 编号)."""
    found = set()
    for sheet in openpyxl.load_workbook(path).worksheets:
        values, top = rows(sheet), header_row(sheet)
        for row in values[top:]:
            for head, value in zip(values[top - 1], row, strict=True):
                ids = str(head).endswith(("代码", "编号"))
                if isinstance(value, str) and CODE.search(value) and not ids:
                    found.add(f"{sheet.title}/{head}: {value}")
    return found


def check_workbook(path, headers_known: set[str] | None = None) -> list[str]:
    """Assert what every sheet of every workbook must have; return headers not catalogued."""
    book = openpyxl.load_workbook(path)
    missing = []
    for sheet in book.worksheets:
        assert not CODE.match(sheet.title), f"{path.name}: sheet name {sheet.title!r} is a code"
        assert re.search(r"[\u4e00-\u9fff]", sheet.title), sheet.title
        values = rows(sheet)
        assert sheet.freeze_panes, f"{sheet.title}: no frozen header"
        top = header_row(sheet)
        title = [str(v) for row in values[: top - 1] for v in row if v is not None]
        if sheet.title == "高新技术产业官方数据":  # published figures: labelled as real
            assert title == ["官方公布数据（来源见各行）"], f"{sheet.title}: {title}"
        else:
            assert any("合成演示数据" in line for line in title), (
                f"{sheet.title}: no synthetic mark"
            )
        headers = [h for h in values[top - 1] if h is not None]
        assert len(headers) == sheet.max_column, f"{sheet.title}: a column without header"
        for header in headers:
            assert not CODE.match(header), f"{path.name}/{sheet.title}: header {header!r}"
        if headers_known is not None:
            known = headers_known | {f"{h}代码" for h in headers_known}  # codes kept last
            missing += [f"{sheet.title}: {h}" for h in headers if h not in known]
        cells = [c for row in sheet.iter_rows(min_row=top + 1) for c in row if c.value is not None]
        booleans = [c.value for c in cells if c.value in ("True", "False") or c.data_type == "b"]
        assert booleans == [], sheet.title
        floats = [c for c in cells if isinstance(c.value, float)]
        assert all(c.number_format != "General" for c in floats), sheet.title
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[top]]
        assert all(w and w > 4 for w in widths), sheet.title
    return missing


def test_ledger_workbook(tmp_path):
    assert cli.main(["ledger", "--month", "2019-06", "--out", str(tmp_path)]) == 0
    path = next(tmp_path.rglob("ledger.xlsx"))
    check_workbook(path)
    sheet = openpyxl.load_workbook(path)["固定资产投资"]
    values, top = rows(sheet), header_row(sheet)
    assert values[top][0] == "郑州市" and values[top - 1][-1] == "地区代码"
    ranks = [row[values[top - 1].index("位次")] for row in values[top + 1 :]]
    ranks = [r for r in ranks if r is not None]  # the notes under the table
    assert len(ranks) == 12 and ranks == sorted(ranks)  # the clusters by rank, after the city
    assert code_cells(path) == set()
    found = COVERAGE[(6, RULES[6].method)]  # the note under each sheet: the interval's coverage
    notes = [row[0] for row in values if str(row[0]).startswith("全年预计80%区间")]
    assert notes and f"覆盖全年实际值的{found.overall:.0%}" in notes[0]
    missing = rows(openpyxl.load_workbook(path)["数据缺失"])  # the demo lacks nothing in June
    assert missing[1][:2] == ("类别", "地区") and missing[2][0] == "无缺失"
    assert not any("params/" in str(row[0]) for row in values)  # no file path in the notes
    late = rows(openpyxl.load_workbook(path)["滞后项目"])
    start = late[1].index("计划开工")
    planned = [row[start] for row in late[2:] if row[start]]
    assert planned and all(
        re.fullmatch(r"\d{4}年\d{1,2}月", str(p)) for p in planned
    )  # was 2018-02
    # an indicator whose series are all too short for a projection gets no interval note
    ledger = pd.read_csv(path.parent / "ledger.csv", encoding="utf-8-sig")
    short = ledger["indicator"] == "fai"
    ledger.loc[short, ["projected_growth", "projected_lo_80", "projected_hi_80"]] = None
    again = tmp_path / "short.xlsx"
    write_ledger_workbook(ledger, again, "zh")
    for name, noted in (("固定资产投资", False), ("规模以上工业增加值", True)):
        shown = rows(openpyxl.load_workbook(again)[name])
        assert any(str(row[0]).startswith("全年预计80%区间") for row in shown) is noted, name


def test_evaluation_workbook(tmp_path):
    assert cli.main(["evaluate", "--year", "2018", "--out", str(tmp_path)]) == 0
    path = next(tmp_path.rglob("evaluation.xlsx"))
    check_workbook(path)
    assert code_cells(path) == set()  # missing indicators by name, the missing-data rule in words
    values = rows(openpyxl.load_workbook(path)["评价结果"])
    ranks = [row[values[1].index("市内排名")] for row in values[2:]]
    assert ranks == sorted(ranks) and ranks[0] == 1
    scores = rows(openpyxl.load_workbook(path)["指标得分"])
    assert "economic_size" not in {v for row in scores[2:] for v in row}
    assert "higher" not in {v for row in scores[2:] for v in row}


def test_tables_workbook_of_a_run(quarter_report, tmp_path):
    path = quarter_report / "tables.xlsx"
    missing = check_workbook(path, catalogue_headers())
    assert missing == [], f"add these to data/catalog/columns.csv: {missing}"
    book = openpyxl.load_workbook(path)
    goals = rows(book["目标达成"])
    assert goals[1][:3] == ("目标", "范围", "指标口径")
    assert goals[1][-3:] == ("目标编号", "范围代码", "指标口径代码")  # the codes, last
    assert "规上工业增加值增速高于全市" in [row[0] for row in goals[2:]]
    assert "固定资产投资·累计增速高于全市（百分点）" in [row[2] for row in goals[2:]]
    # enterprise indicators by the rules' names, 合计, column ids as headers: no code shown
    assert {cell.rpartition(": ")[2] for cell in code_cells(path)} == set()
    assert "亩均税收" in {row[4] for row in rows(book["C类企业差距"])}
    accuracy = rows(book["预测回测精度"])
    assert accuracy[1][4:6] == ("平均绝对标度误差（MASE）", "对称平均绝对百分比误差（sMAPE，%）")
    land = rows(book["集聚区亩均效益"])[1]
    assert land[0] == "集聚区" and "中文名称" not in land  # the name once, not twice
    # the CSVs keep their English ids for scripts
    land_csv = pd.read_csv(quarter_report / "tables" / "cluster_land_productivity.csv")
    assert list(land_csv.columns[:2]) == ["cluster", "name_zh"]
    csv = pd.read_csv(quarter_report / "tables" / "goals.csv", encoding="utf-8-sig")
    assert list(csv.columns[:3]) == ["goal_id", "scope", "metric"]
    # an English workbook of the same tables
    write_workbook(quarter_report / "tables", tmp_path / "en.xlsx", "en", synthetic=True)
    english = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert "Goals" in english.sheetnames
    assert rows(english["Goals"])[1][:2] == ("Goal", "Scope")


def test_backtest_scores_have_chinese_headers_and_english_ones_unchanged(tmp_path):
    """MASE and sMAPE were the headers of the Chinese sheet too; sMAPE is in % (M4's 200·|a−f|
    / (|a|+|f|)), so its Chinese header says so."""
    table = pd.DataFrame({"mase": [0.5], "smape": [5.0], "rmse_growth": [7.0]})
    write_sheets(tmp_path / "z.xlsx", [Sheet("x", table)], "zh")
    assert rows(openpyxl.load_workbook(tmp_path / "z.xlsx")["x"])[0] == (
        "平均绝对标度误差（MASE）",
        "对称平均绝对百分比误差（sMAPE，%）",
        "增速均方根误差（RMSE，百分点）",
    )
    write_sheets(tmp_path / "e.xlsx", [Sheet("x", table)], "en")
    english = rows(openpyxl.load_workbook(tmp_path / "e.xlsx")["x"])[0]
    assert english == ("MASE", "sMAPE", "Growth RMSE (pp)")


LAND = pd.DataFrame(  # cluster_land_productivity's shape: the cluster's Chinese name beside it
    {
        "cluster": ["airport", "total"],
        "name_zh": ["郑州航空港产业集聚区", "合计"],
        "n_firms": [3, 5],
    }
)


def test_a_column_repeating_the_names_of_codes_is_shown_once(tmp_path):
    """集聚区 and 中文名称 held the same name in the Chinese sheet (and the Chinese name beside
    the English one in the English sheet); the CSV keeps name_zh."""
    for lang, expected in (
        ("zh", [("集聚区", "企业数", "集聚区代码"), ("郑州航空港产业集聚区", 3, "airport")]),
        ("en", [("Cluster", "Firms", "Cluster id"), ("Zhengzhou Airport Cluster", 3, "airport")]),
    ):
        write_sheets(tmp_path / f"{lang}.xlsx", [Sheet("x", LAND)], lang)
        assert rows(openpyxl.load_workbook(tmp_path / f"{lang}.xlsx")["x"])[:2] == expected
    other = LAND.assign(name_zh=["航空港区", "合计"])  # a name of its own: kept
    assert "name_zh" in display_table(other, "zh")


def test_official_figures_are_titled_as_official_not_synthetic(tmp_path):
    """In a demonstration run the sheet of official published figures carried 合成演示数据
    like the synthetic sheets; it says what it holds, in the workbook's language."""
    folder = tmp_path / "tables"
    folder.mkdir()
    pd.DataFrame({"period": ["2018Q3"], "gap_pp": [4.8]}).to_csv(
        folder / "hightech_official.csv", index=False
    )
    pd.DataFrame({"region": ["city"], "value": [1.0]}).to_csv(folder / "forecasts.csv", index=False)
    for lang, official, synthetic in (
        ("zh", "官方公布数据（来源见各行）", "合成演示数据"),
        ("en", "Official published figures (source in each row)", "SYNTHETIC demonstration data"),
    ):
        write_workbook(folder, tmp_path / f"{lang}.xlsx", lang, synthetic=True)
        book = openpyxl.load_workbook(tmp_path / f"{lang}.xlsx")
        assert rows(book[table_name("hightech_official", lang)])[0][0] == official
        assert rows(book[table_name("forecasts", lang)])[0][0] == synthetic


def test_every_sheet_name_fits_excel_whole():
    """Excel cuts a sheet name after 31 characters: every table's name fits, in both languages
    (an English name was cut to "Series outside the month's meth")."""
    for table, names in TABLE_NAMES.items():
        for lang, name in zip(("zh", "en"), names, strict=True):
            assert sheet_title(table_name(table, lang)) == name, (table, lang)


def test_a_data_quality_rows_message_says_what_was_expected_in_the_sheets_language():
    """The CSV keeps the English message (with a path); the sheets show, from the reason, what
    the value should have been: 说明 was English in a Chinese workbook."""
    rows = pd.DataFrame(
        {
            "reason": [
                "nonpositive_land",
                "negative_tax",
                "unknown_cluster",
                "missing_land; negative_tax",
            ],
            "message": [
                "land area must be > 0 亩",
                "tax must not be negative",
                "not a cluster or park of data/catalog/regions.csv",
                "no land area (用地面积)",
            ],
        }
    )
    assert display_table(rows, "zh")["message"].tolist() == [
        "用地面积应大于0亩",
        "税收（万元）不应为负",
        "应为区域目录中的集聚区或园区",
        "应填写用地面积（亩）；税收（万元）不应为负",
    ]
    assert display_table(rows, "en")["message"].tolist()[:2] == [
        "expected a land area above 0 mu",
        "expected Tax (10k yuan) of 0 or more",
    ]


def test_a_beat_the_city_goals_target_reads_above_the_city_in_the_goals_sheet(tmp_path):
    """目标达成: a target of 0 points above the city's growth reads 高于全市 (above the city),
    as the 指标口径 says 累计增速高于全市（百分点）; other targets read with their units
    (48万元/亩, 2个百分点), the numbers kept for scripts in 目标值（数值）."""
    goals = pd.DataFrame(
        {
            "goal_id": ["va_growth_each_cluster", "va_per_mu", "hightech_gap"],
            "scope": ["airport", "all_clusters", "city"],
            "metric": [
                "industry_va.ytd_growth_minus_city_pp",
                "va_per_mu.ratio",
                "hightech_va.ytd_growth_minus_industry_va_pp",
            ],
            "actual": [0.7, 45.0, 1.5],
            "threshold": [0.0, 48.0, 2.0],
        }
    )
    for lang, name in (("zh", "目标达成"), ("en", "Goals")):
        write_sheets(tmp_path / f"{lang}.xlsx", [Sheet(name, goals)], lang)
        values = rows(openpyxl.load_workbook(tmp_path / f"{lang}.xlsx")[name])
        column = values[0].index(("目标值", "Target")[lang == "en"])
        words = ("高于全市", "above the city")[lang == "en"]
        shown = {"zh": ["48万元/亩", "2个百分点"], "en": ["480k yuan/mu", "2 pp"]}[lang]
        assert [row[column] for row in values[1:]] == [words, *shown]
        number = values[0].index(("目标值（数值）", "Target (number)")[lang == "en"])
        assert [row[number] for row in values[1:]] == [0, 48, 2]
        assert number < values[0].index(("目标编号", "Goal id")[lang == "en"])  # codes last
    zh = rows(openpyxl.load_workbook(tmp_path / "zh.xlsx")["目标达成"])
    assert zh[1][2] == "规模以上工业增加值·累计增速高于全市（百分点）"  # the 指标口径 it goes with


def test_the_quarters_workbook_opens_on_the_goals_and_ends_on_method_tables(quarter_report):
    names = openpyxl.load_workbook(quarter_report / "tables.xlsx", read_only=True).sheetnames
    assert names[:3] == ["目标达成", "全年累计增速", "季度预测"]
    assert names[-2:] == ["数据覆盖", "预测回测精度"]


def test_a_value_that_rounds_to_zero_never_reads_minus_zero(tmp_path):
    """-0.0093 under #,##0.0 (or -0.0125 under 0.0, -0.0004 under 0.0%) would show -0.0 in
    Excel: the writer stores 0 for a negative value its format shows as zero, in every
    workbook; other values are kept as they are (the format rounds them)."""
    goals = pd.DataFrame(
        {
            "goal_id": ["va_growth_each_cluster", "va_growth_each_cluster"],
            "scope": ["airport", "hitech"],
            "metric": ["industry_va.ytd_growth_minus_city_pp"] * 2,
            "actual": [-0.0093, -0.0612],
            "forecast": [-0.0125, 0.002],
            "probability": [-0.0004, 0.5],
        }
    )
    write_sheets(tmp_path / "g.xlsx", [Sheet("目标达成", goals)], "zh")
    sheet = openpyxl.load_workbook(tmp_path / "g.xlsx")["目标达成"]
    header = [cell.value for cell in sheet[1]]
    names = ("实际值", "预测值", "达成概率")
    cells = {name: sheet.cell(2, header.index(name) + 1) for name in names}
    assert {name: cell.value for name, cell in cells.items()} == {
        "实际值": 0,
        "预测值": 0,
        "达成概率": 0,
    }
    assert all(math.copysign(1.0, cell.value) == 1.0 for cell in cells.values())  # not -0.0
    assert sheet.cell(3, header.index("实际值") + 1).value == pytest.approx(-0.0612)  # -0.1: kept
    assert sheet.cell(3, header.index("预测值") + 1).value == pytest.approx(0.002)  # 0.0: kept


def test_region_tables_list_the_city_first_then_the_catalogue(tmp_path):
    """T7B-7: 全年累计增速, 季度预测, 预测回测精度 and 数据覆盖 ran in id order (airport,
    baisha, city, …); now 郑州市, then the clusters as data/catalog/regions.csv lists them
    (econ_tech, airport, hitech, baisha), each region's rows in their order, the region's name
    first (地区), not after the figures, and the forecasts' figures with their unit."""
    full = pd.DataFrame(
        {
            "region": ["airport", "baisha", "city", "econ_tech"],
            "indicator": "fai",
            "full_year_growth": [17.0, 9.2, 9.9, 7.8],
            "basis": "forecast",
            "region_name": [
                "郑州航空港产业集聚区", "郑州白沙产业集聚区", "郑州市", "郑州经济技术产业集聚区",
            ],
        }
    )  # fmt: skip
    ordered = in_region_order(full)
    assert ordered["region"].tolist() == ["city", "econ_tech", "airport", "baisha"]
    periods = pd.DataFrame({"region": ["zz_new", "airport", "city", "airport"], "n": [1, 2, 3, 4]})
    assert in_region_order(periods)["n"].tolist() == [3, 2, 4, 1]  # unknown ids last
    tables = tmp_path / "tables"
    tables.mkdir()
    full.to_csv(tables / "full_year.csv", index=False, encoding="utf-8-sig")
    forecasts = pd.DataFrame(
        {"region": ["city"], "indicator": ["fai"], "period": ["2019Q3"], "mean": [100.0]}
    )
    forecasts.to_csv(tables / "forecasts.csv", index=False, encoding="utf-8-sig")
    write_workbook(tables, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert rows(book["全年累计增速"])[0] == (
        "地区", "指标", "全年累计增速（%）", "依据", "地区代码", "指标代码",
    )  # fmt: skip
    assert rows(book["季度预测"])[0] == (
        "地区",
        "指标",
        "期间",
        "预测中位数（亿元）",
        "地区代码",
        "指标代码",
    )
