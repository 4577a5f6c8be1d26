"""Settings, goals and the quarterly run's usage errors read in Chinese (English unchanged)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from clusterlib import cli, paths, pipeline
from clusterlib.coverage import asked_indicator, asked_month
from clusterlib.exceptions import CoverageError, OutputError, ParameterError
from clusterlib.forecasting.forecast import _listed, forecast_series
from clusterlib.forecasting.models import FallbackWarning
from clusterlib.forecasting.parallel import BACKEND_ENV, active_backend
from clusterlib.goals.catalogue import (
    SETTING_KEYS,
    check_settings,
    goal_threshold,
    load_catalogue,
    load_settings,
)
from clusterlib.goals.official import official_conflicts
from clusterlib.inputs.monthly import OutlookGap
from clusterlib.inputs.panel import load_panel, load_records
from clusterlib.messages import message, told
from clusterlib.params import check_run_params, load_run_params, read_yaml
from clusterlib.pipeline import check_run_tables, mixed_kinds, report_month
from clusterlib.publish.report_folder import report_folder


def _run(capsys, *args: str) -> tuple[int, str]:
    """The command's exit code and what it printed on stderr."""
    code = cli.main([*args])
    return code, capsys.readouterr().err


def _raised(call, *args: object) -> ParameterError:
    with pytest.raises(ParameterError) as raised:
        call(*args)
    return raised.value


def _run_settings(**changes: object) -> dict:
    """params/run.yaml's settings with ``changes``."""
    given = read_yaml(paths.PARAMS / "run.yaml", "run settings")
    return given | changes


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            None,
            "错误：{path}：无法读取运行设定：第3行第9列：应为“,”或“]”，实为'<stream end>'"
            "（上下文：解析方括号列表时，始于第3行第7列）",
        ),
        (
            "en",
            "error: {path}: cannot read run settings: line 3, column 9: expected ',' or ']', "
            "but got '<stream end>' (while parsing a flow sequence that starts at line 3, "
            "column 7)",
        ),
    ],
)
def test_a_run_with_an_unreadable_settings_file_is_told_in_its_language(
    lang, expected, tmp_path, capsys
):
    path = tmp_path / "run.yaml"
    path.write_text("quarter: 2019Q2\nlang: zh\nseed: [1", encoding="utf-8")
    args = ["run", "--quarter", "2019Q2", "--params", str(path), "--out", str(tmp_path)]
    code, err = _run(capsys, *args, *(["--lang", lang] if lang else []))
    assert (code, err) == (1, expected.format(path=path) + "\n")


def test_a_missing_settings_file_and_a_key_twice_are_told_in_chinese(tmp_path):
    missing = _raised(load_run_params, tmp_path / "none.yaml")
    system = f"[Errno 2] No such file or directory: '{tmp_path / 'none.yaml'}'"
    assert (
        told(missing, "zh") == f"{tmp_path / 'none.yaml'}：无法读取运行设定：文件不存在（{system}）"
    )
    assert str(missing) == f"{tmp_path / 'none.yaml'}: cannot read run settings: {system}"
    twice = tmp_path / "twice.yaml"
    twice.write_text("seed: 1\nlang: zh\nseed: 2\n", encoding="utf-8")
    error = _raised(load_run_params, twice)
    assert told(error, "zh") == f"{twice}：无法读取运行设定：“seed”项出现两次：第1行和第3行"
    assert (
        str(error)
        == f"{twice}: cannot read run settings: key 'seed' appears twice, on lines 1 and 3"
    )


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["--quarter", "2019Q5"],
            "季度“2019Q5”写法有误：应为2019Q2这样的季度",
            "quarter '2019Q5': expected a quarter such as 2019Q2",
        ),
        (
            ["--quarters", "2019Q4:2019Q1"],
            "--quarters 2019年第四季度至2019年第一季度：起始季度晚于结束季度",
            "quarters 2019Q4:2019Q1: the first comes after the last",
        ),
        (
            ["--quarters", "2019Q1:2019Q2:2019Q3"],
            "--quarters应写作“起始:结束”，如2019Q1:2019Q4",
            "--quarters takes FIRST:LAST, e.g. 2019Q1:2019Q4",
        ),
        (
            ["--quarters", "2019Q1:2019Q2", "--scenario", "params/scenarios/x.yaml"],
            "--scenario只能配一个--quarter，不能配--quarters",
            "--scenario takes one --quarter, not --quarters",
        ),
    ],
)
def test_a_misspelt_run_argument_is_told_in_chinese_by_default(args, zh, en, tmp_path, capsys):
    out = ["--out", str(tmp_path)]
    assert _run(capsys, "run", *args, *out) == (2, f"错误：{zh}\n")  # params/run.yaml: zh
    assert _run(capsys, "run", *args, *out, "--lang", "en") == (2, f"error: {en}\n")
    assert not list(tmp_path.iterdir())


def test_run_settings_problems_read_in_chinese():
    given = _run_settings(
        quarter="2019Q2", as_of_month="2019-11", monthly=[], backend="local", scheduler="x:1"
    )
    error = _raised(check_run_params, given, "params/run.yaml")
    assert told(error, "zh").splitlines() == [
        "设定文件有3个问题：",
        "params/run.yaml：“scheduler”项：只有backend为dask时才用调度器；请留空，或设backend为dask",
        "params/run.yaml：“as_of_month”项：应为2019年第二季度的最后一个月或其后两个月之一，实为2019年11月",
        "params/run.yaml：“monthly”项：应给出as_of_month所读的月度数据文件",
    ]
    assert str(error).splitlines()[2] == (
        "params/run.yaml: key 'as_of_month': expected the last month of 2019Q2 or one of the two "
        "after it, got 2019-11"
    )
    error = _raised(check_run_params, _run_settings(backend="dask", monthly=["m.csv"]), "r.yaml")
    assert told(error, "zh").splitlines()[1:] == [
        "r.yaml：“scheduler”项：backend为dask时需要Dask调度器的地址，如tcp://10.0.0.5:8786"
        "（以tcp://, tls://, inproc://, ucx://, ws://, wss://开头）；实为''",
        "r.yaml：“as_of_month”项：应给出月度文件读至的月份（季度最后一个月或其后两个月之一），实为空",
    ]


def test_a_goal_catalogue_copy_with_an_unknown_goal_kind_is_told_in_chinese(tmp_path):
    goals = read_yaml(paths.PARAMS / "goals.yaml", "goals")
    goals["goals"][0]["kind"] = "beat_province"
    goals["goals"].append(dict(goals["goals"][1]))
    goals["goals"].append("just text")
    copy = tmp_path / "goals.yaml"
    copy.write_text(yaml.safe_dump(goals, allow_unicode=True), encoding="utf-8")
    first, second = goals["goals"][0]["id"], goals["goals"][1]["id"]
    error = _raised(load_catalogue, copy)
    kinds = "('beat_city', 'gap', 'threshold', 'qualitative')"
    assert told(error, "zh").splitlines() == [
        f"{copy}：3个问题：",
        f"目标“{first}”，“kind”项：'beat_province'不是可用值{kinds}之一",
        "第{n}个目标：应为映射，实为文字".format(n=len(goals["goals"])),
        f"目标“{second}”：编号重复",
    ]
    assert str(error).splitlines()[1] == (
        f"goal '{first}', key 'kind': 'beat_province' is not one of {kinds}"
    )
    unknown = _raised(goal_threshold, load_catalogue(), "va_per_acre")
    assert told(unknown, "zh") == "目标清单中没有目标“va_per_acre”"
    assert str(unknown) == "the goal catalogue has no goal 'va_per_acre'"


def test_goal_settings_problems_read_in_chinese(tmp_path):
    goals = read_yaml(paths.PARAMS / "goals.yaml", "goals")
    settings = goals["settings"] | {"probability_shrink": 0.6, "alpha": "5%"}
    error = _raised(check_settings, settings)
    assert told(error, "zh").splitlines() == [
        "目标检验设定有误：",
        "目标检验设定，“alpha”项：应为数，实为'5%'",
    ]
    assert str(error) == "goal settings, key 'alpha': should be int or float, got '5%'"
    del settings["alpha"]
    error = _raised(check_settings, settings | {"colour": 1})
    assert told(error, "zh").splitlines()[1:] == [
        "目标检验设定，“alpha”项：缺少此项",
        f"目标检验设定：未知的项“colour”（可用：{', '.join(SETTING_KEYS)}）",
    ]
    goals["settings"]["probability_shrink"] = 0.6
    copy = tmp_path / "goals.yaml"
    copy.write_text(yaml.safe_dump(goals, allow_unicode=True), encoding="utf-8")
    error = _raised(load_settings, copy)
    assert told(error, "zh").splitlines()[1] == (
        f"{copy}：“settings”部分，“probability_shrink”项：0.6应为0到0.25之间"
    )
    assert (
        str(error)
        == f"{copy}: settings, key 'probability_shrink': 0.6 should be between 0 and 0.25"
    )


def test_a_month_an_indicator_and_a_backend_variable_are_told_in_chinese(monkeypatch):
    error = _raised(asked_month, "2019-8")
    assert told(error, "zh") == "as_of_month“2019-8”写法有误：应为2019-08这样的月份"
    assert str(error) == "as_of_month '2019-8': expected a month such as 2019-08"
    error = _raised(asked_month, "2019-12", "2019Q2")
    assert (
        told(error, "zh")
        == "as_of_month为2019年12月：应为2019年第二季度的最后一个月或其后两个月之一"
    )
    error = _raised(asked_indicator, "gdp_total")
    assert told(error, "zh").startswith(
        "指标“gdp_total”不在指标目录（data/catalog/indicators.csv）中；可用："
    )
    assert str(error).startswith("indicator 'gdp_total' is not in the catalogue (data/catalog/")
    monkeypatch.setenv(BACKEND_ENV, "spark")
    error = _raised(active_backend)
    assert told(error, "zh") == f"环境变量{BACKEND_ENV}：应为local, dask之一，实为'spark'"
    assert (
        str(error)
        == f"environment variable {BACKEND_ENV}: expected one of local, dask, got 'spark'"
    )


def test_two_final_figures_of_one_period_are_told_in_chinese(tmp_path):
    header = "region,indicator,period,period_type,measure,value,unit,source,note,synthetic\n"
    (tmp_path / "a.csv").write_text(
        header + "city,industry_va,2018Q3,ytd,growth,7.6,pct_yoy,s,,false\n", encoding="utf-8"
    )
    (tmp_path / "b.csv").write_text(
        header + "city,industry_va,2018-09,ytd,growth,7.9,pct_yoy,s,,false\n", encoding="utf-8"
    )
    (problem,) = official_conflicts(load_records([tmp_path / "a.csv", tmp_path / "b.csv"]))
    assert told(problem, "zh") == (
        f"{tmp_path / 'b.csv'}，第2行，“period”列：2018年第三季度（1—9月累计）规模以上工业增加值"
        f"增速有第二个正式数：此处2018-09为7.9，{tmp_path / 'a.csv'}第2行的2018Q3为7.6；"
        "高新技术产业记录每期只读一个数（请把月度文件移出official文件夹、删去其中一个，"
        "或将其中一个标为status=alternative）"
    )
    assert problem.message.startswith(
        f"a second final industry_va growth figure for 2018Q3 (1—9月, year to date): 7.9 for "
        f"2018-09 here, 7.6 for 2018Q3 at row 2 of {tmp_path / 'a.csv'}; the high-tech record"
    )


def test_real_months_beside_synthetic_quarters_are_told_in_chinese():
    panel = load_panel(paths.DEMO / "panel.csv", "2019Q2")
    records = load_records(paths.DEMO / "monthly.csv").assign(synthetic=False)
    first = mixed_kinds(records, panel)[0]
    assert told(first, "zh") == (
        "data/demo/monthly.csv，第2行，“synthetic”列：郑州市规模以上工业增加值的月度数据为真实数据，"
        "而其季度数据为模拟数据：展望将混用演示数据和真实数据"
    )
    assert first.message == (
        "real monthly figures of city/industry_va where its quarterly data are synthetic: "
        "the outlook would mix demonstration and real data"
    )


def test_monthly_files_that_move_no_outlook_are_told_in_chinese(monkeypatch):
    """The reasons come from the message catalogue (T7A-3: they were English fragments in
    the Chinese line, ``no 累计 figure of 2019-08（39个序列）``)."""
    gaps = [OutlookGap("city", "tax"), OutlookGap("airport", "tax")]
    gaps.append(OutlookGap("city", "fai", ("2018-08", "2018-12")))
    monkeypatch.setattr(pipeline, "outlook_gaps", lambda *_: ([], gaps))
    month, files = pd.Period("2019-08", freq="M"), [paths.DEMO / "monthly.csv"]
    with pytest.raises(CoverageError) as raised:
        pipeline.require_outlook_moves(pd.DataFrame(), {}, month, files)
    assert told(raised.value, "zh") == (
        "as_of_month为2019年8月：月度文件（data/demo/monthly.csv）不能更新任何序列的全年展望："
        "无月度数据（2个序列）；无2018年8月、2018年12月累计数（1个序列）。"
        '请给出同时含2018年各月数据的文件，或将as_of_month设为""（季度末）'
    )
    assert str(raised.value) == (
        "as_of_month 2019-08: the monthly files (data/demo/monthly.csv) can move no series' "
        "full-year outlook: no monthly figures (2 series); no year-to-date figure of 2018-08, "
        "2018-12 "
        '(1 series). Give files that also hold 2018\'s months, or set as_of_month to "" (the '
        "quarter's end)"
    )


def test_a_notebook_pointed_at_another_run_is_told_in_chinese(tmp_path):
    (tmp_path / "manifest.json").write_text(
        json.dumps({"quarter": "2019Q2", "parameters": {"as_of_month": ""}}), encoding="utf-8"
    )
    error = _raised(report_month, tmp_path, "2019Q3")
    assert told(error, "zh") == (
        f"{tmp_path / 'manifest.json'}：该运行属于2019年第二季度，"
        "应为2019年第三季度（笔记本的季度）"
    )
    error = _raised(report_month, tmp_path, "2019Q2", "2019-08")
    assert told(error, "zh") == (
        f"{tmp_path / 'manifest.json'}：该运行所用as_of_month为无（季度末），不是2019年8月："
        "as_of_month应为空或与之相同"
    )
    assert str(error) == (
        f"{tmp_path / 'manifest.json'}: the run was made with as_of_month none (the quarter "
        "end), not 2019-08: expected as_of_month empty or the same"
    )
    error = _raised(check_run_tables, tmp_path, "2019Q2")
    assert (
        told(error, "zh") == f"tables_dir“{tmp_path}”：应为一次运行的tables/文件夹（<报告>/tables）"
    )


def test_a_file_where_the_report_folder_goes_is_told_in_chinese(tmp_path, capsys):
    (tmp_path / "ledger").mkdir()
    (tmp_path / "ledger" / "2019-06").write_text("my notes", encoding="utf-8")
    code, err = _run(capsys, "ledger", "--month", "2019-06", "--out", str(tmp_path))
    assert (code, err) == (
        1,
        f"错误：{tmp_path / 'ledger' / '2019-06'}是文件，不是报告文件夹：请移走或改名后再运行"
        "（未写入任何内容，该文件未动）\n",
    )
    with pytest.raises(OutputError) as raised, report_folder(tmp_path / "ledger" / "2019-06"):
        pass
    assert str(raised.value) == (
        f"{tmp_path / 'ledger' / '2019-06'} is a file, not a report folder: move or rename it, "
        "then run again (nothing was written, the file is untouched)"
    )


def test_the_parsers_commonest_words_read_in_chinese(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a:\tb\n", encoding="utf-8")
    error = _raised(read_yaml, path, message("run_settings"))
    assert told(error, "zh") == (
        f"{path}：无法读取运行设定：第1行第3列：出现不能开始任何记号的字符'\\t'"
        "（上下文：读取下一个记号时）"
    )
    assert str(error) == (
        f"{path}: cannot read run settings: line 1, column 3: found character '\\t' that "
        "cannot start any token (while scanning for the next token)"
    )
    path.write_text("a: b: c\n", encoding="utf-8")
    error = _raised(read_yaml, path, "layout")  # a plain text names the file in English
    assert told(error, "zh") == f"{path}：无法读取layout：第1行第5列：此处不能有“键: 值”"


def test_a_series_too_short_to_forecast_is_told_in_chinese():
    short = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], name="city/industry_va")
    short.index = pd.period_range("2018Q1", periods=5, freq="Q")
    flat = pd.Series(7.0, index=pd.period_range("2015Q1", periods=12, freq="Q"), name="flat")
    with pytest.warns(FallbackWarning) as said:
        forecast_series(short, 4)
        forecast_series(flat, 4)
    assert [told(w.message, "zh") for w in said] == [
        "1个序列改用朴素预测或较小的模型组合：city/industry_va（原因：序列太短（5个季度，至少需8个季度））",
        "1个序列改用朴素预测或较小的模型组合：flat（原因：数值不变）",
    ]
    assert str(said[0].message) == (
        "1 series fell back to a naive forecast or a smaller combination: "
        "city/industry_va (too short (5 quarters, need 8))"
    )
    assert (
        told(_listed([("a", "gaps"), ("b", "constant")]), "zh")
        == "a（原因：gaps）；b（原因：constant）"
    )
    assert _listed([("a", "gaps"), ("b", "constant")]) == "a (gaps); b (constant)"
