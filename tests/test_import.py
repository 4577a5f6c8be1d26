"""Importing release tables: shipped layouts on their fixtures, round trips, problems."""

import importlib.util

import numpy as np
import pandas as pd
import pytest
import release_writer
from openpyxl import Workbook, load_workbook

from clusterlib import paths
from clusterlib.exceptions import DataValidationError, ParameterError
from clusterlib.inputs.importer import import_tables
from clusterlib.inputs.layouts import load_layout
from clusterlib.inputs.release_tables import read_sheets
from clusterlib.messages import told

FIXTURES = paths.ROOT / "tests" / "fixtures" / "release_tables"
LAYOUTS = paths.PARAMS / "layouts"
KEY = ["region", "indicator", "period", "period_type", "measure"]


def _fixtures_module():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


truth = _fixtures_module()


def _imported(file: str, layout: str):
    return import_tables([FIXTURES / file], load_layout(LAYOUTS / f"{layout}.yaml"))


def _as_set(records: pd.DataFrame) -> set[tuple]:
    return {
        (*key, float(value))
        for *key, value in records[[*KEY, "value"]].itertuples(index=False, name=None)
    }


def _truth_set(rows) -> set[tuple]:
    return {(*row[:5], float(row[5])) for row in rows}


@pytest.mark.parametrize(
    ("file", "layout", "expected", "missing", "skipped"),
    [
        ("clusters_2019h1.xlsx", "clusters_wide", truth.CLUSTERS_TRUTH, 4, 1),
        ("export_gbk.csv", "long_csv", truth.EXPORT_TRUTH, 3, 0),
        ("monthly_2019.xlsx", "monthly_sheets", truth.month_truth(), 0, 5),
    ],
)
def test_fixtures_import_to_their_planted_records(file, layout, expected, missing, skipped):
    result = _imported(file, layout)
    assert result.problems == []
    assert _as_set(result.clean) == _truth_set(expected)
    assert len(result.clean) == len(expected)  # nothing twice, no missing mark read as 0
    assert (result.missing, result.skipped_rows) == (missing, skipped)


def test_sources_name_file_and_cell():
    records = _imported("clusters_2019h1.xlsx", "clusters_wide").clean
    first = records.iloc[0]
    # 596.1 is printed as "５９６．１" in B7 of the only sheet read
    assert first["source"] == "clusters_2019h1.xlsx!B7" and first["value"] == "596.1"
    monthly = _imported("monthly_2019.xlsx", "monthly_sheets").clean
    assert monthly["source"].iloc[0] == "monthly_2019.xlsx!1—2月!B3"


def test_a_real_published_table_gives_the_published_figures():
    """city_2024h1.xlsx lays out a real release; data/official holds the same figures."""
    official = pd.read_csv(paths.OFFICIAL / "zhengzhou_city.csv", dtype=str)
    published = official[official["source"] == truth.CITY_SOURCE]
    result = _imported("city_2024h1.xlsx", "city_indicators")
    assert result.problems == []
    assert len(published) == 10
    assert _as_set(result.clean) == _as_set(published)
    assert set(result.clean["unit"]) == set(published["unit"])


def test_subtotals_are_kept_when_the_layout_names_them(tmp_path):
    text = (LAYOUTS / "clusters_wide.yaml").read_text(encoding="utf-8")
    kept = text.replace("skip_rows: [合计, 总计, 全市合计]", "names:\n  合计: zz_clusters")
    (tmp_path / "kept.yaml").write_text(kept, encoding="utf-8")
    result = import_tables([FIXTURES / "clusters_2019h1.xlsx"], load_layout(tmp_path / "kept.yaml"))
    totals = result.clean[result.clean["region"] == "zz_clusters"]
    assert result.skipped_rows == 0
    # 合计 row: 1,502.3 and 3,120.0 (亿元), 2,345,678 万元 = 234.5678 亿元
    levels = totals[totals["measure"] == "level"].set_index(["indicator", "period"])["value"]
    assert levels.to_dict() == {
        ("operating_revenue_four_above", "2019Q1"): "1502.3",
        ("operating_revenue_four_above", "2019Q2"): "3120",
        ("fai", "2019Q2"): "234.5678",
    }


def test_component_rows_are_skipped_when_the_layout_says_so(tmp_path):
    text = (LAYOUTS / "clusters_wide.yaml").read_text(encoding="utf-8")
    skipping = text.replace("skip_rows: [合计, 总计, 全市合计]", "skip_rows: [合计, 其中]")
    (tmp_path / "skip.yaml").write_text(skipping, encoding="utf-8")
    layout = load_layout(tmp_path / "skip.yaml")
    result = import_tables([FIXTURES / "clusters_2019h1.xlsx"], layout)
    assert result.skipped_rows == 2  # 合计 and 其中：航空港区
    expected = [row for row in truth.CLUSTERS_TRUTH if row[0] != "airport"]
    assert _as_set(result.clean) == _truth_set(expected)


def test_every_region_alias_names_a_catalogue_region():
    aliases = pd.read_csv(paths.CATALOG / "region_aliases.csv", dtype=str)
    regions = pd.read_csv(paths.CATALOG / "regions.csv", dtype=str)["id"]
    assert aliases["region"].isin(regions).all()
    assert not aliases["alias"].duplicated().any()
    assert {"航空港区", "经开区", "高新区"} <= set(aliases["alias"])


def _planted(seed: int, periods: list[str], regions: list[str]) -> pd.DataFrame:
    """Records with increasing year-to-date levels and growth rates, one decimal each."""
    rng, rows = np.random.default_rng(seed), []
    for region in regions:
        for indicator in ("operating_revenue_four_above", "fai"):
            base = rng.uniform(20, 400)
            for step, period in enumerate(periods, start=1):
                level, growth = f"{base * step:.1f}", f"{rng.uniform(-9, 15):.1f}"
                unit = "100m_yuan"
                rows.append((region, indicator, period, "ytd", "level", level, unit))
                rows.append((region, indicator, period, "ytd", "growth", growth, "pct_yoy"))
    return pd.DataFrame(rows, columns=[*KEY, "value", "unit"])


CLUSTERS = ["airport", "econ_tech", "hitech", "baisha", "zhongmu_auto"]


@pytest.mark.parametrize(
    ("writer", "layout", "suffix", "periods", "regions"),
    [
        (release_writer.clusters_as_rows, "clusters_wide", ".xlsx", ["2019Q1", "2019Q2"], CLUSTERS),
        (release_writer.indicators_as_rows, "city_indicators", ".xlsx", ["2019Q2"], ["city"]),
        (release_writer.long_csv, "long_csv", ".csv", ["2019Q1", "2019Q2", "2019Q3"], CLUSTERS),
        (
            release_writer.sheet_per_month,
            "monthly_sheets",
            ".xlsx",
            ["2019-02", "2019-03"],
            CLUSTERS,
        ),
    ],
)
def test_round_trip(tmp_path, writer, layout, suffix, periods, regions):
    planted = _planted(7, periods, regions)
    path = tmp_path / f"release{suffix}"
    writer(planted, path, {"fai": "万元"})  # investment printed in 万元, read back in 亿元
    result = import_tables([path], load_layout(LAYOUTS / f"{layout}.yaml"))
    assert result.problems == []
    assert _as_set(result.clean) == _as_set(planted)
    assert (
        result.clean["unit"]
        == planted.set_index(KEY)
        .loc[list(result.clean[KEY].itertuples(index=False, name=None)), "unit"]
        .to_numpy()
    ).all()


def test_every_problem_is_listed_with_sheet_and_cell():
    result = _imported("hostile.xlsx", "clusters_wide")
    cells = [(p.file, p.column) for p in result.problems]
    assert cells == [
        ("hostile.xlsx", "Sheet1!B6"),  # a formula, read as its text
        ("hostile.xlsx", "Sheet1!A7"),  # <script> as a name
        ("hostile.xlsx", "Sheet1!B8"),  # 5000 characters
        ("hostile.xlsx", "Sheet1!A9"),  # a HYPERLINK formula as a name
        ("hostile.xlsx", "Sheet1!A10"),  # 航空区: an unknown short form is not guessed
    ]
    assert "'=SUM(B8:B9)' is not a number" in result.problems[0].message
    assert all(len(p.message) < 200 for p in result.problems)  # long text is cut
    assert set(result.clean["region"]) == {"baisha"}  # rows with a problem give no record


def test_validation_problems_name_the_cell(tmp_path):
    planted = _planted(3, ["2019Q1", "2019Q2"], ["airport"])
    planted.loc[planted["measure"] == "growth", "value"] = "250"  # implausible growth
    path = tmp_path / "release.xlsx"
    release_writer.clusters_as_rows(planted, path)
    result = import_tables([path], load_layout(LAYOUTS / "clusters_wide.yaml"))
    assert {p.column for p in result.problems} == {"Sheet!C7", "Sheet!E7", "Sheet!G7", "Sheet!I7"}
    assert all("plausible growth range" in p.message for p in result.problems)


def test_unreadable_period_header_is_a_problem_at_its_cell(tmp_path):
    planted = _planted(3, ["2019Q1"], ["airport"])
    path = tmp_path / "主要指标.xlsx"  # no year in the title either
    release_writer.indicators_as_rows(planted.assign(region="city"), path)
    book = load_workbook(path)
    book.active["A1"] = "郑州市主要经济指标"
    book.save(path)
    result = import_tables([path], load_layout(LAYOUTS / "city_indicators.yaml"))
    # the growth column takes its period from C2, so it cannot be read either
    assert [p.column for p in result.problems] == ["Sheet!C2", "Sheet!D2"]
    assert "expected a year" in result.problems[0].message
    assert result.clean.empty


def test_an_unknown_printed_unit_is_a_problem_not_a_guess(tmp_path):
    planted = _planted(3, ["2019Q1"], ["airport"])
    path = tmp_path / "release.xlsx"
    release_writer.clusters_as_rows(planted, path, {"fai": "千元"})  # not in cells.UNITS
    result = import_tables([path], load_layout(LAYOUTS / "clusters_wide.yaml"))
    assert {p.column for p in result.problems} == {"Sheet!D5", "Sheet!E5"}
    assert "unit '千元' cannot be converted" in result.problems[0].message
    assert result.clean.empty


def test_growth_columns_ignore_the_level_unit_column(tmp_path):
    planted = _planted(5, ["2019Q2"], ["city"])
    path = tmp_path / "release.xlsx"
    release_writer.indicators_as_rows(planted, path)
    book = load_workbook(path)
    book.active["D2"] = "同比增长"  # no "%": the 单位 column (亿元) speaks of the level only
    book.save(path)
    result = import_tables([path], load_layout(LAYOUTS / "city_indicators.yaml"))
    assert result.problems == []
    assert _as_set(result.clean) == _as_set(planted)


def test_old_xls_files_get_a_clear_message(tmp_path):
    path = tmp_path / "统计月报.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    result = import_tables([path], load_layout(LAYOUTS / "clusters_wide.yaml"))
    assert "save as .xlsx" in result.problems[0].message


def test_every_shipped_layout_loads():
    names = {path.stem: load_layout(path).name for path in LAYOUTS.glob("*.yaml")}
    assert set(names) >= {"clusters_wide", "city_indicators", "long_csv", "monthly_sheets"}


def test_a_bad_layout_lists_every_problem_at_once(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\nheader_rows: [0]\nrows: {region: A, colour: B}\n"
        "fixed: {measure: size, period: 2019Q2}\nfrequency: weekly\ncolour: red\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as error:
        load_layout(bad)
    message = str(error.value)
    for key in ("header_rows", "rows.colour", "fixed.measure", "fixed.period_type", "frequency"):
        assert f"'{key}'" in message
    assert "'colour'" in message and "6 problem(s)" in message


def test_missing_file_is_a_problem(tmp_path):
    with pytest.raises(DataValidationError, match="file not found"):
        read_sheets(tmp_path / "none.xlsx", ("first",), (1,))


def _monthly_book(path, levels: dict[str, int]):
    """A workbook of one sheet per month, one cluster's revenue level (亿元) on row 3."""
    book = Workbook()
    book.remove(book.active)
    for name, level in levels.items():
        sheet = book.create_sheet(name)
        sheet.append([f"2019年{name}郑州市产业集聚区主要指标"])
        sheet.append(["产业集聚区", "四上企业营业收入(亿元)"])
        sheet.append(["航空港区", level])
    book.save(path)
    return path


def test_the_other_row_of_a_comparison_is_named_by_its_cell(tmp_path):
    layout = load_layout(LAYOUTS / "monthly_sheets.yaml")
    book = _monthly_book(tmp_path / "月报.xlsx", {"1—2月": 200, "1-3月": 300, "1—4月": 250})
    [problem] = import_tables([book], layout).problems
    assert str(problem) == (
        "月报.xlsx, column '1—4月!B3': value: year-to-date level 250 is below the previous "
        "period's within 2019 (300 for 2019-03, cell 1-3月!B3)"
    )
    march = _monthly_book(tmp_path / "三月.xlsx", {"1-3月": 300})
    april = _monthly_book(tmp_path / "四月.xlsx", {"1—4月": 250})
    [problem] = import_tables([march, april], layout).problems
    assert problem.message.endswith("(300 for 2019-03, cell 1-3月!B3 of 三月.xlsx)")
    export = tmp_path / "export.csv"
    export.write_text(
        "地区名称,指标名称,统计时期,计量单位,本期值,同比增长(%)\n"
        "航空港区,固定资产投资,2019年1-3月,亿元,1300,3.1\n"
        "航空港区,固定资产投资,2019年1-6月,亿元,1200,3.1\n",
        encoding="utf-8",
    )
    [problem] = import_tables([export], load_layout(LAYOUTS / "long_csv.yaml")).problems
    assert str(problem) == (
        "export.csv, column 'E3': value: year-to-date level 1200 is below the previous "
        "period's within 2019 (1300 for 2019Q1, cell E2)"
    )  # line 3 of the file, against line 2 (it said row 4: the fourth record)


def test_a_unit_slip_names_the_median_cluster_by_its_cell_in_both_languages(tmp_path):
    export = tmp_path / "emp.csv"
    export.write_text(
        "地区名称,指标名称,统计时期,计量单位,本期值,同比增长(%)\n"
        "航空港区,从业人员平均人数,2019年1-3月,人,40000,\n"
        "经开区,从业人员平均人数,2019年1-3月,人,38000,\n"
        "高新区,从业人员平均人数,2019年1-3月,人,36000,\n"
        "马寨产业集聚区,从业人员平均人数,2019年1-3月,人,1.7,\n",
        encoding="utf-8",
    )
    [problem] = import_tables([export], load_layout(LAYOUTS / "long_csv.yaml")).problems
    assert problem.column == "E5"  # 万人 typed for 人 (V3b), against the median's cell
    assert "econ_tech's 38000 (cell E3): expected above 1/1000" in problem.message
    assert "（郑州经济技术产业集聚区的38000，E3单元格）的1/22,353" in told(problem, "zh")


def test_another_files_cell_reads_in_chinese(tmp_path):
    layout = load_layout(LAYOUTS / "monthly_sheets.yaml")
    march = _monthly_book(tmp_path / "三月.xlsx", {"1-3月": 300})
    april = _monthly_book(tmp_path / "四月.xlsx", {"1—4月": 250})
    [problem] = import_tables([march, april], layout).problems
    assert told(problem, "zh").endswith("的300（2019年3月，三月.xlsx的1-3月!B3单元格）")


def test_a_sheet_name_and_a_title_giving_other_periods_are_refused(tmp_path):
    book = _monthly_book(tmp_path / "月报.xlsx", {"1—6月": 600})
    workbook = load_workbook(book)
    workbook["1—6月"]["A1"] = "2019年1—9月郑州市产业集聚区主要指标"
    workbook.save(book)
    result = import_tables([book], load_layout(LAYOUTS / "monthly_sheets.yaml"))
    assert [str(problem) for problem in result.problems] == [
        "月报.xlsx, column '1—6月!A1': the sheet name '1—6月' gives 2019-06 ytd but the title "
        "in 1—6月!A1 '2019年1—9月郑州市产业集聚区主要指标' gives 2019-09 ytd; expected one "
        "period for the table: correct one of them"
    ]
    assert result.clean.empty


def test_a_header_of_another_year_than_the_title_is_refused(tmp_path):
    book = Workbook()
    sheet = book.active
    for row in (
        ["2019年郑州市产业集聚区主要指标"],
        ["单位：亿元"],
        ["产业集聚区", "四上企业营业收入(亿元)"],
        ["", "2018年1—6月"],
        ["", "绝对值"],
        ["航空港区", 500.1],
    ):
        sheet.append(row)
    book.save(tmp_path / "集聚区.xlsx")
    layout = load_layout(LAYOUTS / "clusters_wide.yaml")
    result = import_tables([tmp_path / "集聚区.xlsx"], layout)
    assert [str(problem) for problem in result.problems] == [
        "集聚区.xlsx, column 'Sheet!B5': the header "
        "'四上企业营业收入(亿元) | 2018年1—6月 | 绝对值' gives 2018 but the title in Sheet!A1 "
        "'2019年郑州市产业集聚区主要指标' gives 2019; "
        "expected one year for the table: correct one of them"
    ]
    assert result.clean.empty


@pytest.mark.parametrize(("emptied", "marks"), [("removed", 0), ("dashes", 8)])
def test_a_month_sheet_without_figures_is_a_problem_not_a_silent_gap(tmp_path, emptied, marks):
    """T7A-5: a monthly workbook whose 1～5月 sheet is empty (or all —) said 0 problems."""
    book = load_workbook(FIXTURES / "monthly_2019.xlsx")
    if emptied == "removed":
        book.remove(book["1～5月"])
        book.create_sheet("1～5月", 3)
    else:
        for row in (3, 4):
            for column in range(2, 6):
                book["1～5月"].cell(row, column).value = "—"
    path = tmp_path / "月报.xlsx"
    book.save(path)
    result = import_tables([path], load_layout(LAYOUTS / "monthly_sheets.yaml"))
    [problem] = result.problems
    assert str(problem) == (
        f"月报.xlsx: sheet '1～5月': no figure read (empty, or only {marks} missing-value "
        "marks): the workbook's other sheets were read and this one's period would leave a "
        "gap; fill it in or remove the sheet"
    )
    assert told(problem, "zh").startswith(
        f"月报.xlsx：工作表“1～5月”没有读到任何数值（空表，或只有缺失标记{marks}个）"
    )
    assert len(result.records) == 32  # the other four sheets
