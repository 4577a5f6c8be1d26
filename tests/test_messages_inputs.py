"""The data files' problems in Chinese (clusterlib.messages.inputs), their English unchanged."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from clusterlib import paths
from clusterlib.exceptions import DataValidationError
from clusterlib.inputs.monthly import quarter_disagreements
from clusterlib.inputs.panel import build_panel, load_records, records_as_of
from clusterlib.inputs.problem_rows import renamed_rows
from clusterlib.inputs.reading import expand, read_records
from clusterlib.inputs.validation import validate_files
from clusterlib.inputs.workbooks import Limits, read_grids
from clusterlib.messages import message, told

HEADER = "region,indicator,period,period_type,measure,value,unit,source\n"
FIXTURES = Path(__file__).parent / "fixtures" / "bad"


def _csv(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text(header + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def _lines(files: list[Path] | Path, lang: str, allow_gaps: bool = False) -> list[str]:
    """The problems of ``files`` as the validate command prints them in ``lang``."""
    return [told(problem, lang) for problem in validate_files(files, allow_gaps).problems]


def test_a_cells_problem_names_the_value_and_what_was_expected(tmp_path):
    bad = _csv(
        tmp_path / "cells.csv",
        "city,fai,2019Q5,ytd,level,100,100m_yuan,test",
        "city,fai,2019Q1,monthly,level,100,100m_yuan,test",
        "city,fai,2019Q2,ytd,level,1O0,100m_yuan,test",
        "city,fai,2019Q3,ytd,level,100,100m_yuan,",
    )
    assert _lines(bad, "zh") == [
        f"{bad}，第2行，“period”列：值“2019Q5”：无法识别的时期；"
        "应为2019Q2（季度）、2019-06（月份）或2019（年份）",
        f"{bad}，第3行，“period_type”列：值“monthly”：未知的口径（period_type）；"
        "应为以下之一：ytd, single",
        f"{bad}，第4行，“value”列：值“1O0”：不是数字；应为纯数字，如7.6（不带%、千分位逗号或文字）",
        f"{bad}，第5行，“source”列：值“”：为空；应填写来源（网址或说明）",
    ]
    assert _lines(bad, "en") == [
        f"{bad}, row 2, column 'period': '2019Q5': unreadable period; expected 2019Q2 "
        "(quarter), 2019-06 (month) or 2019 (year)",
        f"{bad}, row 3, column 'period_type': 'monthly': unknown period_type; expected one "
        "of: ytd, single",
        f"{bad}, row 4, column 'value': '1O0': not a number; expected a plain number such as "
        "7.6 (no %, commas or text)",
        f"{bad}, row 5, column 'source': '': empty; expected the source (URL or description)",
    ]


def test_rows_compared_name_the_other_row_and_the_periods_in_chinese(tmp_path):
    bad = _csv(
        tmp_path / "rows.csv",
        "city,fai,2019Q1,ytd,level,100,100m_yuan,test",
        "city,fai,2019Q1,ytd,level,101,100m_yuan,test",
        "city,fai,2019Q2,ytd,level,90,100m_yuan,test",
        "city,fai,2019Q4,ytd,level,300,亿元,test",
    )
    assert _lines(bad, "zh") == [
        f"{bad}，第3行：与第2行重复（被重复的行为100，本行为101）：地区、指标、时期、口径和度量均相同"
        "（请删去一行，或将其中一行标为status=alternative以同时保留）",
        f"{bad}，第4行，“value”列：累计总量90低于2019年内上一期的101（2019年第一季度，第3行）",
        f"{bad}，第5行，“period”列：郑州市固定资产投资（累计总量）有缺口：2019年第三季度没有数值"
        "（在第4行与第5行之间）；应每期都有",
        f"{bad}，第5行，“unit”列：“亿元”：固定资产投资总量的单位应为“100m_yuan”",
        f"{bad}，第5行，“unit”列：郑州市固定资产投资（累计总量）的单位不一：100m_yuan, 亿元；"
        "每个序列应只用一种单位",
    ]
    assert _lines(bad, "en") == [
        f"{bad}, row 3: duplicate of row 2 (value 100 there, 101 here): same region, "
        "indicator, period, period_type and measure (remove one, or mark one as "
        "status=alternative to keep both)",
        f"{bad}, row 4, column 'value': year-to-date level 90 is below the previous period's "
        "within 2019 (101 for 2019Q1, row 3)",
        f"{bad}, row 5, column 'period': gap in series city/fai/ytd/level: no value for 2019Q3 "
        "(between rows 4 and 5); expected every period",
        f"{bad}, row 5, column 'unit': '亿元': expected '100m_yuan' for fai level",
        f"{bad}, row 5, column 'unit': mixed units in series city/fai/ytd/level: 100m_yuan, "
        "亿元; expected one unit per series",
    ]


def test_implausible_levels_and_growth_read_in_chinese(tmp_path):
    implied = FIXTURES / "level_times_10000.csv"
    assert _lines(implied, "zh") == [
        f"{implied}，第7行，“value”列：总量2310000意味着比2018年第二季度（第3行，总量210）"
        "增长+1099900.0%，超出固定资产投资的合理范围（-80%至150%）；请核对这两行的单位"
        "（万元还是亿元），或在data/catalog/series_breaks.csv中登记确实存在的统计口径断点"
    ]
    ratio = _csv(
        tmp_path / "ratio.csv",
        "city,fai,2018Q1,ytd,level,100,100m_yuan,test",
        "city,fai,2019Q1,ytd,level,110,100m_yuan,test",
        "city,fai,2019Q1,ytd,growth,0.1,pct_yoy,test",
    )
    assert _lines(ratio, "zh", allow_gaps=True) == [
        f"{ratio}，第4行，“value”列：增速0.1是其总量所示增速+10.0%（110比上年同期100）的百分之一："
        "填的是比值而非百分数（假设V4）；增速应以%填写（10）"
    ]
    assert _lines(ratio, "en", allow_gaps=True) == [
        f"{ratio}, row 4, column 'value': growth 0.1 is one hundredth of the +10.0% its "
        "levels imply (110 on 100 a year earlier): a ratio, not a percentage (assumption "
        "V4); expected the growth in % (10)"
    ]


def test_a_cluster_far_above_the_others_reads_in_chinese(tmp_path):
    others = [("econ_tech", 1000), ("hitech", 500), ("mazhai", 50), ("xinmi", 80)]
    quarters = ((1, "2017Q1"), (2, "2017Q2"))
    rows = [f"{r},tax,{q},ytd,level,{v * n},100m_yuan,t" for r, v in others for n, q in quarters]
    main = _csv(tmp_path / "main.csv", *rows)
    slip = _csv(
        tmp_path / "slip.csv",
        "baisha,tax,2017Q1,ytd,level,200000,100m_yuan,test",
        "baisha,tax,2017Q2,ytd,level,400000,100m_yuan,test",
    )
    assert _lines([main, slip], "zh") == [
        f"{slip}，第2行，“value”列：郑州白沙产业集聚区的总量200000是其他4个集聚区税收2017年第一季度累计"
        f"中位数（新密市产业集聚区的80，{main}第8行）的2,500倍：应低于1000倍（假设V3）；请核对单位"
        "（万元还是亿元）（该序列另有1行相同）"
    ]
    assert _lines([main, slip], "en")[0].endswith(
        f"xinmi's 80 (row 8 of {main}): expected below 1000× (assumption V3); check the unit "
        "(10,000 or 100 million yuan) (the same on 1 more row of the series)"
    )


def test_a_part_above_its_whole_names_both_regions_in_chinese(tmp_path):
    whole = _csv(tmp_path / "whole.csv", "city,tax,2017Q1,ytd,level,1000,100m_yuan,t")
    part = _csv(tmp_path / "part.csv", "airport,tax,2017Q1,ytd,level,1000000,100m_yuan,t")
    (line,) = _lines([whole, part], "zh")
    assert line == (
        f"{part}，第2行，“value”列：郑州航空港产业集聚区税收2017年第一季度累计总量1000000高于"
        f"郑州市的1000（{whole}第2行）：部分不能超过整体；请核对这两行的单位（万元还是亿元）"
    )
    assert _lines([whole, part], "en") == [
        f"{part}, row 2, column 'value': level 1000000 of airport is above city's 1000 (row 2 "
        f"of {whole}) for tax 2017Q1 ytd: a part cannot exceed its whole; check the unit "
        "(10,000 or 100 million yuan) of both rows"
    ]


def test_a_problem_repeated_on_many_rows_is_one_line_in_chinese(tmp_path):
    bad = _csv(
        tmp_path / "many.csv", *[f"nowhere,fai,2019Q{q},ytd,level,1,100m_yuan,t" for q in "1234"]
    )
    (line,) = _lines(bad, "zh")
    assert line.startswith(f"{bad}，第2行，“region”列：值“nowhere”：未知的地区；应为以下之一：")
    assert line.endswith("...（见data/catalog/regions.csv）（共4行相同：第2, 3, 4行等）")
    (line,) = _lines(bad, "en")
    assert line.endswith("... (see data/catalog/regions.csv) (the same on 4 rows: 2, 3, 4, …)")


@pytest.mark.parametrize(
    ("header", "zh", "en"),
    [
        (
            "region;indicator;period\n",
            "未找到输入格式的任何列；表头为“region;indicator;period”：应为逗号分隔的文件，"
            "而不是分号分隔的文件",
            "no column of the input format found; the header reads 'region;indicator;period': "
            "expected a comma-separated file, not one separated by semicolons",
        ),
        (
            "value,region,value,value\n",
            "表头“value”出现在第1列（A）、第3列（C）和第4列（D）；每列应只出现一次（否则只会读取其中一列）",
            "the header 'value' is in columns 1 (A), 3 (C) and 4 (D); expected each column "
            "once (only one of them would be read)",
        ),
    ],
)
def test_a_wrong_header_is_told_in_chinese(tmp_path, header, zh, en):
    bad = tmp_path / "header.csv"
    bad.write_text(header + "1,2,3,4\n", encoding="utf-8")
    (problem,) = validate_files(bad).problems
    assert told(problem, "zh").split("：", 1)[1] == zh
    assert problem.message == en


def test_unreadable_files_and_folders_are_told_in_chinese(tmp_path):
    (tmp_path / "empty").mkdir()
    cases = [
        (lambda: read_records(tmp_path / "none.csv"), "找不到文件", "file not found"),
        (
            lambda: read_records(_csv(tmp_path / "data.txt")),
            "不支持的文件类型“.txt”；应为.csv或.xlsx文件",
            "unsupported file type '.txt'; expected a .csv or .xlsx file",
        ),
        (
            lambda: read_records(_csv(tmp_path / "README")),
            "不支持的文件类型“（无）”；应为.csv或.xlsx文件",
            "unsupported file type '(none)'; expected a .csv or .xlsx file",
        ),
        (
            lambda: expand(tmp_path / "empty"),
            "文件夹中没有.csv或.xlsx文件；应为输入记录（.csv或.xlsx，格式见data/README.md）",
            "the folder holds no .csv or .xlsx file; expected input records (.csv or .xlsx, "
            "the format of data/README.md)",
        ),
        (
            lambda: read_records(FIXTURES / "corrupt.xlsx"),
            "无法读取工作簿（BadZipFile）；应为有效的.xlsx文件",
            "cannot read the workbook (BadZipFile); expected a valid .xlsx file",
        ),
    ]
    for read, zh, en in cases:
        with pytest.raises(DataValidationError) as raised:
            read()
        (problem,) = raised.value.problems
        assert (told(problem.message, "zh"), problem.message) == (zh, en)


def test_a_sheet_beyond_the_cell_limit_is_told_in_chinese(tmp_path):
    book = Workbook()
    book.active["C40"] = 1
    book.save(tmp_path / "far.xlsx")
    with pytest.raises(DataValidationError) as raised:
        read_grids(tmp_path / "far.xlsx", limits=Limits(cells=100))
    (problem,) = raised.value.problems
    assert told(problem, "zh") == (
        "far.xlsx：工作表“Sheet”：其单元格延伸到C40（自A1起共120个单元格），超过100个单元格的上限；"
        "已拒绝（请删除远离表格的零散单元格，或用环境变量CLUSTERLIB_MAX_CELLS调高上限）"
    )
    assert problem.message == (
        "sheet 'Sheet': its cells reach C40 (120 cells from A1), beyond the limit of 100 "
        "cells; refused (delete stray cells far from the table, or raise the limit with the "
        "environment variable CLUSTERLIB_MAX_CELLS)"
    )


def test_an_imported_records_other_row_is_renamed_in_both_languages():
    said = message(
        "duplicate_row",
        there=message("same_file_row", row=3),
        values=message("same_value"),
    )
    renamed = renamed_rows(said, lambda row: f"cell 1-3月!B{row}")
    assert renamed.startswith("duplicate of cell 1-3月!B3 (the same value): same region")
    assert told(renamed, "zh").startswith("与cell 1-3月!B3重复（数值相同）：")


def test_a_month_that_disagrees_with_its_quarter_reads_in_chinese(tmp_path):
    panel = build_panel(records_as_of(load_records(paths.DEMO / "panel.csv"), "2019Q2"))
    demo = pd.read_csv(paths.DEMO / "monthly.csv", dtype=str, keep_default_na=False)
    june = (demo["region"] == "city") & (demo["indicator"] == "fai")
    june &= (demo["period"] == "2019-06") & (demo["measure"] == "growth")
    demo.loc[june, "value"] = "12.1"
    demo.to_csv(tmp_path / "slip.csv", index=False)
    (problem,) = quarter_disagreements(load_records(tmp_path / "slip.csv"), panel)
    assert told(problem.message, "zh") == (
        "郑州市/固定资产投资2019年6月的累计增速（%）为12.1，而季度数据2019年第二季度为8.5："
        "应为同一数值（月度和季度文件须来自同一批发布；是否混入了其他年份、单位或发布？）"
    )
    assert problem.message == (
        "city/fai year-to-date growth (%) of 2019-06 is 12.1, the quarterly data's 2019Q2 is 8.5: "
        "expected the same figure (the monthly and quarterly files must come from the same "
        "releases; another year, unit or release?)"
    )
