"""Tester 6's run and notebook findings: a cluster absent from the data (T6-4), a run's tables
of other data (T6-16), too few simulated paths (T6-7), a list parameter given as a string
(T6-17), a workbook's later sheet of records (T6-10), a scenario without a zh title (T6-12)."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import papermill
import pytest

from clusterlib import paths
from clusterlib.batch import LocalKernelManager, quarter_panel
from clusterlib.coverage import MIN_PATHS, Coverage, asked_paths, require_quarter
from clusterlib.exceptions import DataValidationError, ParameterError
from clusterlib.inputs.panel import load_panel, load_records
from clusterlib.inputs.reading import read_records
from clusterlib.messages import told
from clusterlib.pipeline import check_run_data, quarter_tables
from clusterlib.publish.report_folder import sha256
from clusterlib.publish.tables import write_table
from clusterlib.scenarios.report import scenario_heading, shocks_html
from clusterlib.scenarios.spec import load_scenario

Q2 = pd.Period("2019Q2", freq="Q-DEC")


def _demo_without(tmp_path, region: str):
    """data/demo/panel.csv without any row of ``region``, written under ``tmp_path``."""
    frame = pd.read_csv(paths.DEMO / "panel.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "panel.csv"
    frame[frame["region"] != region].to_csv(path, index=False)
    return path


def test_a_catalogue_cluster_absent_from_the_data_is_named_and_out_of_the_totals(tmp_path):
    """T6-4: a release without 马寨 at all said nothing (no warning, no 数据缺失, manifest
    empty) while the all-cluster goals were summed over 11 clusters."""
    files = [_demo_without(tmp_path, "mazhai")]
    _, coverage = quarter_panel(load_records(files), "2019Q2", files, "zh")
    assert coverage.regions == ("mazhai",) and coverage.absent == ("mazhai",)
    assert coverage.lines("zh") == [
        "警告：2019年第二季度无数据的地区（1个）：马寨产业集聚区",
        "警告：全部集聚区（合计）只含数据中的11个集聚区（目录共12个），"
        "不含无任何数据的：马寨产业集聚区",
    ]
    assert coverage.lines()[1] == (
        "warning: the all-cluster totals cover the 11 clusters in the data (of 12 in the "
        "catalogue), not those without any data: mazhai"
    )
    assert coverage.sentence("zh").startswith(
        "数据缺失：马寨产业集聚区无2019年第二季度数据；"
        "“全部集聚区（合计）”只按有数据的11个集聚区计算（目录共12个）。"
    )
    frame = coverage.frame()  # the run's tables/missing_data.csv (数据缺失)
    assert frame.to_dict("records") == [
        {"kind": "cluster_absent", "region": "mazhai", "indicator": "", "period": "2019Q2"}
    ]
    assert Coverage.from_frame(frame, "2019Q2") == coverage  # the bulletin.docx reads it back
    assert coverage.as_dict()["clusters_without_any_data"] == ["mazhai"]
    assert coverage.as_dict()["regions_without_data"] == ["mazhai"]


def test_data_holding_every_cluster_or_none_expect_no_absent_cluster(tmp_path):
    """The demo holds every cluster: complete; data of the city alone expect no cluster."""
    demo = [paths.DEMO / "panel.csv"]
    assert require_quarter(load_panel(demo, "2019Q2"), Q2, demo).complete
    frame = pd.read_csv(paths.DEMO / "panel.csv", dtype=str, keep_default_na=False)
    city = tmp_path / "city.csv"
    frame[frame["region"] == "city"].to_csv(city, index=False)
    assert require_quarter(load_panel([city], "2019Q2"), Q2, [city]).complete


def _finished_run(tmp_path, data_dir):
    """A finished 2019Q2 run's folder whose manifest names the files of ``data_dir``."""
    run = tmp_path / "run"
    write_table(run, "goals", pd.DataFrame({"goal_id": ["fai_growth"], "scope": ["city"]}))
    full = {"region": ["city"], "indicator": ["fai"], "full_year_growth": [9.0], "year": [2019]}
    write_table(run, "full_year", pd.DataFrame(full))
    inputs = {str(path): sha256(path) for path in sorted(data_dir.iterdir())}
    made = {"quarter": "2019Q2", "parameters": {"as_of_month": "", "data": [str(data_dir)]}}
    (run / "manifest.json").write_text(json.dumps(made | {"inputs": inputs}), encoding="utf-8")
    return run


def test_the_bulletin_refuses_tables_of_a_run_on_other_data(tmp_path):
    """T6-16: notebook 05 given a run's tables and other data showed the run's clusters."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "a.csv").write_text("region\ncity\n", encoding="utf-8")
    (data_dir / "b.csv").write_text("region\nxinmi\n", encoding="utf-8")
    run = _finished_run(tmp_path, data_dir)
    check_run_data(run, [data_dir])  # the same files
    copy = tmp_path / "copy.csv"  # the same contents elsewhere
    copy.write_text("region\ncity\n", encoding="utf-8")
    check_run_data(run, [copy, data_dir / "b.csv"])
    other = tmp_path / "other.csv"
    other.write_text("region\nairport\n", encoding="utf-8")
    with pytest.raises(ParameterError) as refused:
        quarter_tables(run / "tables", "2019Q2", "", [other, data_dir / "b.csv"])
    assert str(refused.value) == (
        f"{run / 'manifest.json'}: the run was made from other data than the notebook's data: "
        f"files of data not in the run (new or changed): {other}; files of the run not in "
        f"data: {data_dir / 'a.csv'}; give the same data, or leave tables_dir empty to "
        "compute here"
    )
    with pytest.raises(ParameterError) as fewer:
        check_run_data(run, [data_dir / "b.csv"])
    assert told(fewer.value).startswith(
        f"{run / 'manifest.json'}：该次运行所用数据与本笔记本的 data 不同："
        f"data 中不在该次运行的文件（新文件或内容已改）：无；该次运行所用、data 中没有的文件："
        f"{data_dir / 'a.csv'}；"
    )


@pytest.mark.parametrize("n_paths", [0, 1, MIN_PATHS - 1, True, 500.0])
def test_too_few_simulated_paths_are_refused(n_paths):
    """T6-7: n_paths 0 crashed in numpy; 1 gave a 0 %/100 % scorecard."""
    with pytest.raises(ParameterError) as refused:
        asked_paths(n_paths)
    assert str(refused.value) == (
        f"n_paths: expected a whole number >= 100, got {n_paths!r} (a probability needs "
        "enough simulated paths, assumption C5)"
    )


def test_enough_simulated_paths_are_taken():
    assert asked_paths(MIN_PATHS) == 100 and asked_paths(500) == 500


def test_a_list_of_paths_given_as_a_string_is_refused():
    """T6-17: papermill's ``-p data file.csv`` was read character by character."""
    with pytest.raises(ParameterError) as refused:
        paths.resolve("/tmp/panel.csv")
    assert told(refused.value) == (
        "应为路径列表，实为文字“/tmp/panel.csv”；"
        "papermill 中请用 -y 'data: [\"/tmp/panel.csv\"]'（-p 只能给文字）"
    )
    assert paths.resolve(["/tmp/panel.csv"]) == [paths.ROOT / "/tmp/panel.csv"]


@pytest.mark.parametrize(
    ("notebook", "parameters", "error"),
    [
        ("03_goals", {"n_paths": 0}, "n_paths: expected a whole number >= 100, got 0"),
        ("05_bulletin", {"data": "data/demo/panel.csv"}, "expected a list of paths, got the"),
        ("08_scenarios", {"n_paths": 1}, "n_paths: expected a whole number >= 100, got 1"),
    ],
)
def test_the_notebooks_refuse_these_parameters_in_their_first_cell(
    notebook, parameters, error, tmp_path
):
    with pytest.raises(papermill.PapermillExecutionError) as failed:
        papermill.execute_notebook(
            str(paths.NOTEBOOKS / f"{notebook}.ipynb"),
            str(tmp_path / "out.ipynb"),
            parameters=parameters,
            progress_bar=False,
            kernel_manager_class=LocalKernelManager,
        )
    assert failed.value.evalue.startswith(error)
    cells = json.loads((tmp_path / "out.ipynb").read_text(encoding="utf-8"))["cells"]
    first = [cell for cell in cells if cell["cell_type"] == "code"][2]
    assert any(out.get("output_type") == "error" for out in first["outputs"])


HEADER = ["region", "indicator", "period", "period_type", "measure", "value", "unit", "source"]
ROW = ["mazhai", "fai", "2019Q2", "ytd", "level", "43.3", "100m_yuan", "demo"]


def _workbook(path, sheets):
    """An .xlsx workbook of ``sheets`` (name → rows)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_later_sheet_of_records_is_refused_not_skipped(tmp_path):
    """T6-10: a workbook kept one sheet per cluster: 马寨's 360 rows were left out and
    validate said ok."""
    path = _workbook(
        tmp_path / "panel.xlsx",
        {"全市": [HEADER, ROW], "说明": [["注：合成数据"]], "马寨": [HEADER, ROW, [], ROW]},
    )
    with pytest.raises(DataValidationError) as refused:
        read_records(path)
    assert [str(p) for p in refused.value.problems] == [
        f"{path}: sheet '马寨' (2 rows) not read: only the first sheet is; it has the first "
        "sheet's header: move its rows into the first sheet or save it as a file of its own"
    ]
    assert told(refused.value.problems[0]) == (
        f"{path}：工作表“马寨”（2行记录）未读取：只读取第一个工作表；该表的表头与第一个工作表相同，"
        "请将其记录并入第一个工作表，或另存为单独的文件"
    )


def test_later_sheets_of_notes_or_an_empty_table_are_no_problem(tmp_path):
    path = _workbook(
        tmp_path / "panel.xlsx",
        {"数据": [HEADER, ROW], "说明": [["注：合成数据"], ["region"]], "空表": [HEADER]},
    )
    assert list(read_records(path)["region"]) == ["mazhai"]


def test_a_scenario_without_a_chinese_title_is_headed_by_its_shocks(tmp_path):
    """T6-12: the zh page was headed ``no_zh_title`` and never said what was shocked."""
    path = tmp_path / "no_zh_title.yaml"
    path.write_text(
        "title_en: Airport FAI slows in Q4\nshocks:\n"
        "  - {indicator: fai, regions: [airport], growth_pp: -3, from: 2019Q4}\n",
        encoding="utf-8",
    )
    scenario = load_scenario(path, "2019Q2")
    said = "郑州航空港产业集聚区固定资产投资自2019年第四季度起增速回落3个百分点"
    assert scenario_heading(scenario, "zh") == said
    assert scenario_heading(scenario, "en") == "Airport FAI slows in Q4"
    assert shocks_html(scenario, "zh") == f"<p>本情景施加的冲击：</p><ul><li>{said}</li></ul>"
