"""Coverage guards (issue #24 §2): a period the data do not reach is an error, gaps are stated."""

from __future__ import annotations

import json
import re

import pandas as pd
import papermill
import pytest

from clusterlib import catalog, cli, paths
from clusterlib.batch import LocalKernelManager
from clusterlib.coverage import (
    Coverage,
    asked_indicator,
    asked_quarter,
    missing_at,
    require_quarter,
    require_year,
)
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.evaluation.values import base_indicators, year_end
from clusterlib.exceptions import CoverageError, ParameterError
from clusterlib.inputs.panel import build_panel, load_panel, load_records, quarter_span
from clusterlib.inputs.records import parse_month

MONTHLY = paths.DEMO / "monthly.csv"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([*args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def to_june(tmp_path_factory) -> str:
    """The demo monthly data cut after 2019-06 (a year whose later months are not out yet)."""
    frame = pd.read_csv(MONTHLY, dtype=str, keep_default_na=False)
    path = tmp_path_factory.mktemp("june") / "monthly_to_june.csv"
    frame[frame["period"] <= "2019-06"].to_csv(path, index=False)
    return str(path)


@pytest.mark.parametrize("year", ["2030", "2021", "2009", "2005", "1800"])
def test_evaluate_a_year_without_data_exits_1_naming_year_last_period_and_file(
    year, tmp_path, capsys
):
    """The data start in 2010: 2009 holds only the chained indices' base (100), not a figure
    (2009 passed on to a scheme error and 2005 said "start in 2009")."""
    code, out, err = run(capsys, "evaluate", "--year", year, "--out", str(tmp_path))
    assert code == 1
    edge = "止于2019年" if year > "2019" else "始于2010年"  # said in the report's language
    assert err.startswith(f"错误：{year}年无数据：考评数据{edge}（")
    assert "data/demo/evaluation.csv" in err
    assert len(err.strip().splitlines()) == 1
    assert "ranked" not in out and not (tmp_path / "evaluation").exists()
    args = ("evaluate", "--year", year, "--lang", "en", "--out", str(tmp_path))
    code, out, err = run(capsys, *args)
    edge = "end in 2019" if year > "2019" else "start in 2010"
    assert err.startswith(f"error: no data for {year}: the evaluation data {edge}")


def test_ledger_month_beyond_the_data_exits_1(tmp_path, capsys):
    code, _, err = run(capsys, "ledger", "--month", "2030-02", "--out", str(tmp_path))
    assert code == 1
    assert err.strip() == (
        "错误：2030年2月无数据：月度累计数据止于2019年12月（data/demo/monthly.csv）"
    )
    assert not list(tmp_path.iterdir())  # no header-only ledger
    code, _, err = run(
        capsys, "ledger", "--month", "2030-02", "--lang", "en", "--out", str(tmp_path)
    )
    assert err.strip() == (
        "error: no data for 2030-02: the monthly year-to-date data end in 2019-12 "
        "(data/demo/monthly.csv)"
    )


def test_ledger_january_2030_is_no_data_and_without_projects_no_crash(tmp_path, capsys):
    code, _, err = run(
        capsys, "ledger", "--month", "2030-01", "--projects", "", "--out", str(tmp_path)
    )
    assert code == 1
    assert "2030年1月无数据：月度累计数据止于2019年12月" in err
    assert "内部错误" not in err  # exit 3 is an internal error


def test_ledger_january_has_its_own_message(tmp_path, capsys):
    code, _, err = run(capsys, "ledger", "--month", "2019-01", "--out", str(tmp_path))
    assert code == 1
    assert err.startswith("错误：无2019年1月台账：1月数据不单独公布（1—2月累计在2月一并公布）")
    assert err.strip().endswith("请改为2019年2月")
    code, _, err = run(
        capsys, "ledger", "--month", "2019-01", "--lang", "en", "--out", str(tmp_path)
    )
    assert "2019-01: January is never published alone" in err and "ask for 2019-02" in err


def test_ledger_month_after_the_last_published_one(to_june, tmp_path, capsys):
    code, _, err = run(
        capsys, "ledger", "--month", "2019-09", "--data", to_june, "--out", str(tmp_path)
    )
    assert code == 1
    assert "2019年9月无数据：月度累计数据止于2019年6月" in err
    assert "monthly_to_june.csv" in err


def test_official_ledger_of_a_month_with_no_year_to_date_record(tmp_path, capsys):
    # data/official holds 2018-09 only as a month-alone growth: was IndexError, exit 3
    args = ["--data", "data/official", "--projects", "", "--out", str(tmp_path)]
    code, _, err = run(capsys, "ledger", "--month", "2018-09", *args)
    assert code == 1
    assert "2018年9月无数据：月度累计数据（2015年7月至2025年5月）缺这一期" in err


def test_an_official_ledger_expects_the_city_and_the_clusters_only(tmp_path, capsys):
    """The official files hold the city's 1–8月 and one 2015 figure of the airport economy
    zone (a reference region, not in the ledger): the zone was listed as 本月无数据."""
    args = ["--data", "data/official", "--projects", "", "--out", str(tmp_path)]
    code, _, err = run(capsys, "ledger", "--month", "2018-08", *args)
    assert code == 0, err
    assert "警告：2018年8月无数据的地区（12个）：" in err
    assert "郑州航空港经济综合实验区" not in err
    manifest = json.loads((tmp_path / "ledger/2018-08/manifest.json").read_text("utf-8"))
    assert manifest["coverage"]["regions_without_data"] == sorted(catalog.clusters())


def test_partial_coverage_is_warned_and_written_in_the_ledger(tmp_path, capsys):
    # data to 2019-06, but hightech_va and the airport's series are out only to 2019-05
    frame = pd.read_csv(MONTHLY, dtype=str, keep_default_na=False)
    frame = frame[frame["period"] <= "2019-06"]
    june = frame["period"] == "2019-06"
    drop = june & ((frame["indicator"] == "hightech_va") | (frame["region"] == "airport"))
    data = tmp_path / "monthly.csv"
    frame[~drop].to_csv(data, index=False)
    args = ["--month", "2019-06", "--data", str(data), "--projects", "", "--lang", "en"]
    code, _, err = run(capsys, "ledger", *args, "--out", str(tmp_path / "out"))
    assert code == 0
    hightech = "Value added of high and new technology industry"  # names in the run's language
    assert f"warning: no data for 2019-06 for indicator {hightech}: left out" in err
    assert "warning: no data for 2019-06 in 1 region(s): Zhengzhou Airport Cluster" in err
    folder = tmp_path / "out" / "ledger" / "2019-06"
    coverage = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["coverage"]
    assert coverage["indicators_without_data"] == ["hightech_va"]
    assert coverage["regions_without_data"] == ["airport"]
    sheets = pd.read_excel(folder / "ledger.xlsx", sheet_name=None, header=1)  # row 1: demo
    missing = sheets["Missing data"]
    assert list(missing["Kind"]) == ["indicator without data", "region without data"]
    assert missing["Indicator"].iloc[0] == "Value added of high and new technology industry"


def test_missing_at_by_hand():
    rows = pd.DataFrame(
        {
            "region": ["a", "a", "b", "b", "a", "c"],
            "indicator": ["x", "y", "x", "y", "x", "x"],
            "period": ["p2", "p2", "p2", "p1", "p1", "p1"],
        }
    )
    gaps = missing_at(rows, "p2", ["x", "y", "z"])
    assert gaps.indicators == ("z",)
    assert gaps.regions == ("c",)
    assert gaps.pairs == (("b", "y"),)


def test_the_gaps_in_one_sentence_and_back_from_the_run_tables():
    gaps = Coverage("2019Q2", ("hightech_va",), ("airport",), (("xinmi", "fai"), ("gongyi", "fai")))
    assert gaps.sentence("zh") == (
        "数据缺失：高新技术产业增加值无2019年第二季度数据；郑州航空港产业集聚区无2019年第二季度数据；"
        "另有2项地区指标缺数。缺失项未补录，也未调整其他项的权重；其全年数如列出，为据已有数据的"
        "预计数，详见“数据缺失”表。"
    )
    assert gaps.sentence("en").startswith("Missing data: no 2019Q2 data of Value added of high")
    assert Coverage.from_frame(gaps.frame(), "2019Q2") == gaps  # the batch's missing_data.csv
    assert Coverage("2019Q2").sentence("zh") == ""  # nothing missing, nothing said


def test_quarter_beyond_the_panel_names_its_last_quarter():
    panel = load_panel([paths.DEMO / "panel.csv"], "2020Q1")
    with pytest.raises(
        CoverageError,
        match=r"^no data for 2020Q1: the quarterly data end in 2019Q4 \(data/demo/panel.csv\)$",
    ):
        require_quarter(panel, "2020Q1", [paths.DEMO / "panel.csv"])
    assert require_quarter(panel, "2019Q4", [paths.DEMO / "panel.csv"]).complete


def test_bad_quarter_and_indicator_parameters():
    with pytest.raises(ParameterError, match="quarter '2019Q5': expected a quarter such as 2019Q2"):
        asked_quarter("2019Q5")
    with pytest.raises(ParameterError, match="quarter 'garbage'"):
        asked_quarter("garbage")
    with pytest.raises(
        ParameterError, match=r"indicator 'va' is not in the catalogue \(data/catalog"
    ):
        asked_indicator("va")
    assert asked_indicator("gdp") == "gdp"


def test_an_indicator_the_data_do_not_hold():
    # 02_forecast -p indicator gdp: was "ValueError: max() arg is an empty sequence"
    files = [paths.DEMO / "panel.csv"]
    panel = load_panel(files, "2019Q2")
    expected = (
        r"^no data for 2019Q2: the files hold no quarterly data of gdp \(data/demo/panel.csv\)$"
    )
    with pytest.raises(CoverageError, match=expected):
        require_quarter(panel, "2019Q2", files, ["gdp"])
    assert asked_quarter("2019Q2") == pd.Period("2019Q2", freq="Q-DEC")


def test_a_month_is_read_only_as_written_yyyy_mm():
    """One reading for ``--month`` and ``as_of_month`` (they were parsed twice, alike)."""
    assert parse_month("2019-06") == pd.Period("2019-06", freq="M")
    assert parse_month("2020-12") == pd.Period("2020-12", freq="M")
    for text in ("2019-6", "2019-13", "2019-00", "201906", " 2019-06", "2019-06\n", "2019Q2"):
        assert parse_month(text) is None, text


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["ledger", "--month", "2019-13"], "month '2019-13': expected a month such as 2019-06"),
        (["ledger", "--month", "2019-6"], "month '2019-6': expected a month such as 2019-06"),
        (["run", "--quarter", "2019Q5"], "quarter '2019Q5': expected a quarter such as 2019Q2"),
        (
            ["run", "--quarters", "2019Q1:2019Q5"],
            "quarter '2019Q5': expected a quarter such as 2019Q2",
        ),
        (
            ["run", "--quarters", "2019Q4:2019Q1"],
            "quarters 2019Q4:2019Q1: the first comes after the last",
        ),
        (
            ["evaluate", "--year", "2018", "--as-of", "garbage"],
            "quarter 'garbage': expected a quarter such as 2019Q2",
        ),
    ],
)
def test_a_misspelt_argument_is_a_usage_error_exit_2(args, error, tmp_path, capsys):
    """A malformed quarter, month or range is usage (exit 2), as README says; it was exit 1,
    the code of data and settings problems. One line, and nothing written (English asked:
    tests/test_messages_settings.py reads the Chinese)."""
    code, out, err = run(capsys, *args, "--out", str(tmp_path), "--lang", "en")
    assert (code, out, err) == (2, "", f"error: {error}\n")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("notebook", "parameters", "error"),
    [
        (
            "02_forecast",
            {"indicator": "gdp"},
            "2019年第二季度无数据：文件中没有地区生产总值的季度数据",
        ),
        (
            "02_forecast",
            {"quarter": "2019Q5"},
            "quarter '2019Q5': expected a quarter such as 2019Q2",
        ),
        ("03_goals", {"quarter": "2020Q1"}, "2020年第一季度无数据：季度数据止于2019年第四季度"),
        (
            "03_goals",
            {"quarter": "2020Q1", "lang": "en"},
            "no data for 2020Q1: the quarterly data end in 2019Q4",
        ),
        # a language the notebooks do not speak: was found at cell 7 (07) or after the work
        ("07_evaluation", {"lang": "fr"}, "unknown language 'fr'; use one of zh, en"),
        ("04_enterprise", {"lang": "fr"}, "unknown language 'fr'; use one of zh, en"),
        # before the data: was "the files hold no quarterly data"
        (
            "02_forecast",
            {"quarter": "2008Q4"},
            "2008年第四季度无数据：规模以上工业增加值的季度数据始于2010年第一季度",
        ),
        (
            "03_goals",
            {"as_of_month": "2019-13", "monthly": ["data/demo/monthly.csv"]},
            "as_of_month '2019-13': expected a month such as 2019-08",  # was pandas' own words
        ),
        (
            "08_scenarios",
            {"as_of_month": "2019-11", "monthly": ["data/demo/monthly.csv"]},
            "as_of_month '2019-11': expected the last month of 2019Q2 or one of the two after it",
        ),
    ],
)
def test_a_notebook_fails_in_its_first_cell(notebook, parameters, error, tmp_path):
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
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    first = code[2]  # 0: parameters, 1: papermill's injected parameters, 2: the first cell
    assert any(out.get("output_type") == "error" for out in first["outputs"])


def test_an_evaluation_indicator_without_data_in_the_year_is_warned(tmp_path):
    # tax (a scheme indicator) is not out yet for 2019: a warning, never a silent re-weighting
    frame = pd.read_csv(paths.DEMO / "evaluation.csv", dtype=str, keep_default_na=False)
    late = (frame["indicator"] == "tax") & frame["period"].str.startswith("2019")
    frame[~late].to_csv(tmp_path / "evaluation.csv", index=False)
    files = [paths.DEMO / "panel.csv", tmp_path / "evaluation.csv"]
    panel = build_panel(load_records(files))
    scheme = load_scheme()
    coverage = require_year(panel, 2019, year_end(2019), base_indicators(scheme), files)
    assert coverage.indicators == ("tax",)
    assert "warning: no data for 2019 for indicator tax" in coverage.lines()[0]
    complete = require_year(panel, 2018, year_end(2018), base_indicators(scheme), files)
    assert complete.indicators == ()


def test_a_pair_missing_at_the_years_end_is_said_at_that_quarter_not_the_year(tmp_path):
    """The airport's tax ends at 2018Q3: the evaluation reads 2018Q4 and its warning said
    "no data for 2018" although 2018Q1–Q3 exist; it names 2018Q4, in zh and en."""
    frame = pd.read_csv(paths.DEMO / "evaluation.csv", dtype=str, keep_default_na=False)
    late = (frame["indicator"] == "tax") & (frame["region"] == "airport")
    frame[~(late & (frame["period"] >= "2018Q4"))].to_csv(tmp_path / "eval.csv", index=False)
    files = [paths.DEMO / "panel.csv", tmp_path / "eval.csv"]
    panel = build_panel(load_records(files))
    wanted = ["tax", "main_business_revenue"]
    coverage = require_year(panel, 2018, year_end(2018), wanted, files, ["airport"])
    assert coverage.lines("en") == [
        "warning: no data for 2018Q4 for 1 region/indicator pair(s): "
        "Zhengzhou Airport Cluster/Tax revenue"
    ]
    assert coverage.lines("zh") == [
        "警告：2018年第四季度缺少1项地区指标数据：郑州航空港产业集聚区/税收"
    ]
    assert coverage.as_dict()["period"] == "2018"
    assert coverage.as_dict()["regions_and_pairs_at"] == "2018Q4"
    assert coverage.frame()["period"].tolist() == ["2018Q4"]
    absent = require_year(panel, 2018, year_end(2018), ["tax", "gdp"], files, ["airport"])
    assert absent.lines("en")[0].startswith("warning: no data for 2018 for indicator Gross")


def test_an_evaluated_cluster_with_no_row_of_an_indicator_is_warned_by_name(tmp_path, capsys):
    """Tax removed for 航空港 and 新密 in every year (no row at all): they are still ranked,
    scored by the missing rule, and now said on the terminal in the run's language and in
    the manifest, with the demo's planted gap (金岱 has no energy share). It used to say
    nothing, as the pairs were looked for only among rows the files hold."""
    frame = pd.read_csv(paths.DEMO / "evaluation.csv", dtype=str, keep_default_na=False)
    planted = (frame["indicator"] == "tax") & frame["region"].isin(["airport", "xinmi"])
    frame[~planted].to_csv(tmp_path / "evaluation.csv", index=False)
    data = [str(paths.DEMO / "panel.csv"), str(tmp_path / "evaluation.csv")]
    args = ["--year", "2018", "--data", *data, "--lang", "zh", "--out", str(tmp_path / "out")]
    code, _, err = run(capsys, "evaluate", *args)
    assert code == 0, err
    assert (
        "警告：2018年第四季度缺少3项地区指标数据：郑州航空港产业集聚区/税收、"
        "郑州金岱产业集聚区/高耗能产业增加值占规上工业增加值比重、新密市产业集聚区/税收"
    ) in err.splitlines()
    folder = tmp_path / "out" / "evaluation" / "2018"
    coverage = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["coverage"]
    expected = [["airport", "tax"], ["jindai", "high_energy_share"], ["xinmi", "tax"]]
    assert coverage["missing_pairs"] == expected
    assert coverage["regions_and_pairs_at"] == "2018Q4"
    assert coverage["register_without_data"] is False  # the evaluation has no register
    results = pd.read_csv(folder / "evaluation.csv", encoding="utf-8-sig").set_index("region")
    assert results.loc[["airport", "xinmi"], "missing"].tolist() == ["tax", "tax"]


def test_a_share_no_cluster_has_at_the_years_last_quarter_is_a_gap_of_each(tmp_path):
    """The leading-industry share ends at 2018Q3 for every cluster while the rest reach
    2018Q4: the evaluation read its Q3 values (now it has none: a Q3 share is not the
    year-end's). That was said nowhere (the indicator has data in the year, and pairs were
    looked for only among indicators present at Q4)."""
    frame = pd.read_csv(paths.DEMO / "evaluation.csv", dtype=str, keep_default_na=False)
    late = (frame["indicator"] == "leading_industries_share") & (frame["period"] >= "2018Q4")
    frame[~late].to_csv(tmp_path / "evaluation.csv", index=False)
    files = [paths.DEMO / "panel.csv", tmp_path / "evaluation.csv"]
    panel = build_panel(load_records(files))
    clusters = catalog.clusters()
    coverage = require_year(
        panel, 2018, year_end(2018), base_indicators(load_scheme()), files, clusters
    )
    share = {(r, i) for r, i in coverage.pairs if i == "leading_industries_share"}
    assert share == {(r, "leading_industries_share") for r in clusters}
    assert coverage.indicators == () and coverage.gaps_at == "2018Q4"
    assert coverage.lines("zh")[0].startswith("警告：2018年第四季度缺少13项地区指标数据：")


def test_an_evaluation_whose_data_end_before_the_cut_names_the_quarter(tmp_path):
    """Every file ends at 2018Q3 and the year is evaluated at 2018Q4 (no --as-of): each figure
    is read at 2018Q4, so nothing can be scored; said as the quarter the data do not reach
    (it went on to "no cluster has a value of revenue, fai, …" and the advice to drop them)."""
    files = []
    for name in ("panel.csv", "evaluation.csv"):
        frame = pd.read_csv(paths.DEMO / name, dtype=str, keep_default_na=False)
        frame[frame["period"] < "2018Q4"].to_csv(tmp_path / name, index=False)
        files.append(tmp_path / name)
    panel = build_panel(load_records(files))
    wanted = base_indicators(load_scheme())
    with pytest.raises(CoverageError) as error:
        require_year(panel, 2018, year_end(2018), wanted, files, lang="zh")
    assert str(error.value).startswith("2018年第四季度无数据：考评数据止于2018年第三季度（")
    cut = require_year(panel, 2018, pd.Period("2018Q3", freq="Q-DEC"), wanted, files)
    assert cut.gaps_at == "2018Q3"  # --as-of 2018Q3 evaluates the year from its first three


def test_run_a_quarter_beyond_the_data_stops_before_any_notebook(tmp_path, capsys):
    code, _, err = run(capsys, "run", "--quarter", "2020Q1", "--out", str(tmp_path))
    assert code == 1
    assert err.strip() == (
        "错误：2020年第一季度无数据：季度数据止于2019年第四季度（data/demo/panel.csv）"
    )
    assert not list(tmp_path.iterdir())
    code, _, err = run(capsys, "run", "--quarter", "2020Q1", "--lang", "en", "--out", str(tmp_path))
    assert err.strip() == (
        "error: no data for 2020Q1: the quarterly data end in 2019Q4 (data/demo/panel.csv)"
    )


def test_run_a_quarter_before_the_data_names_where_they_start(tmp_path, capsys):
    # the panel cut at 2008Q4 is empty: it said "the files hold no quarterly data"
    code, _, err = run(capsys, "run", "--quarter", "2008Q4", "--out", str(tmp_path))
    assert code == 1
    assert err == "错误：2008年第四季度无数据：季度数据始于2010年第一季度（data/demo/panel.csv）\n"
    assert not list(tmp_path.iterdir())
    records = load_records([paths.DEMO / "panel.csv"])
    span = (pd.Period("2010Q1", freq="Q-DEC"), pd.Period("2019Q4", freq="Q-DEC"))
    assert quarter_span(records) == span
    assert quarter_span(records.iloc[:0]) is None
    files = [paths.DEMO / "panel.csv"]
    with pytest.raises(CoverageError, match=r"^no data for 2009Q3: the quarterly data start in"):
        require_quarter(load_panel(files, "2009Q3"), "2009Q3", files, span=span)
    with pytest.raises(CoverageError, match=r"^no data for 2009Q3: the quarterly data start in"):
        require_quarter(load_panel(files, "2009Q3"), "2009Q3", files)  # read from the files


def test_a_vintage_range_beyond_the_data_is_refused_before_any_vintage_runs(
    tmp_path, capsys, monkeypatch
):
    """run --quarters 2019Q3:2020Q2 on data ending 2019Q4 built 2019Q3 and 2019Q4 (~90 s,
    replacing earlier reports), then stopped at 2020Q1; every vintage is now checked first."""
    from clusterlib import batch

    def no_notebook(*args, **kwargs):
        raise AssertionError("a notebook started")

    monkeypatch.setattr(batch, "_run_plan", no_notebook)
    earlier = tmp_path / "2019Q3" / "kept.txt"
    earlier.parent.mkdir()
    earlier.write_text("an earlier report", encoding="utf-8")
    code, _, err = run(capsys, "run", "--quarters", "2019Q3:2020Q2", "--out", str(tmp_path))
    assert code == 1
    assert err == "错误：2020年第一季度无数据：季度数据止于2019年第四季度（data/demo/panel.csv）\n"
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*")] == [
        earlier.parent.relative_to(tmp_path),
        earlier.relative_to(tmp_path),
    ]


def test_a_forecast_indicator_without_the_quarter_stops_the_run_before_any_notebook(
    tmp_path, capsys, monkeypatch
):
    """The official files hold no 2019 quarter of 规上工业增加值 (its last rows before 2020
    are 2018's months) while other indicators reach 2019Q1: the run passed the check, started
    the notebooks and failed in 02_forecast_industry_va's first cell, 10 s later."""
    from clusterlib import batch

    def no_notebook(*args, **kwargs):
        raise AssertionError("a notebook started")

    monkeypatch.setattr(batch, "_run_plan", no_notebook)
    args = ["--quarter", "2019Q1", "--data", "data/official", "--out", str(tmp_path)]
    code, _, err = run(capsys, "run", *args)
    assert code == 1
    assert err.splitlines()[-1] == (
        "错误：2019年第一季度无数据：规模以上工业增加值的季度数据（2013年第一季度至2025年第四季度）"
        "缺这一期（data/official）"
    )
    assert not list(tmp_path.iterdir())
    assert batch.plan_indicators(batch.default_plan()) == ["industry_va", "fai"]


def test_run_with_an_as_of_month_beyond_the_monthly_files_stops_before_any_notebook(
    tmp_path, capsys
):
    """as_of_month 2019-08 with monthly figures to July: one line naming the month and the
    files' last month, and no report (the bulletin would have said it used 1—8月)."""
    demo = pd.read_csv(paths.DEMO / "monthly.csv", dtype=str, keep_default_na=False)
    to_july = tmp_path / "to_july.csv"
    demo[demo["period"] <= "2019-07"].to_csv(to_july, index=False)
    settings = (paths.PARAMS / "run.yaml").read_text(encoding="utf-8")
    settings = settings.replace('as_of_month: ""', 'as_of_month: "2019-08"')
    settings = settings.replace("monthly: []", f"monthly: [{to_july}]")
    params = tmp_path / "run.yaml"
    params.write_text(settings, encoding="utf-8")
    out = tmp_path / "reports"
    code, _, err = run(
        capsys, "run", "--quarter", "2019Q2", "--params", str(params), "--out", str(out)
    )
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1  # beside it, the demo's planted firm of no cluster is warned
    assert errors[0].startswith("错误：2019年8月无数据：月度累计数据止于2019年7月（")
    assert "to_july.csv" in err
    assert not out.exists() or not list(out.iterdir())


def test_series_left_out_are_listed_one_a_line_without_python_locations(tmp_path, capsys):
    """The official figures hold series the panel cannot use (growth with gaps, annual totals
    alone): the terminal lists each on its own line as '警告：…', with no source file and
    line of Python's warnings; then the quarter beyond the data stops the run."""
    official = paths.DATA / "official"
    files = [str(official / "zhengzhou_city.csv"), str(official / "zhengzhou_clusters.csv")]
    args = ["--quarter", "2019Q2", "--data", *files, "--out", str(tmp_path)]
    code, _, err = run(capsys, "run", *args)
    assert code == 1 and "错误：2019年第二季度无数据" in err
    lines = err.splitlines()
    assert re.fullmatch(r"警告：以下\d+个序列无法换算为季度数据，未纳入分析：", lines[0])  # zh
    assert lines[1].startswith("  - ") and "UserWarning" not in err and ".py:" not in err
    assert "growth[" not in err  # no Python in the reasons: "该年不完整"
    # the official data run to 2025 and skip 2019Q2 (it said "end in 2019Q1", the cut's last)
    assert lines[-1].startswith("错误：2019年第二季度无数据：季度数据（20")
    assert lines[-1].endswith(
        "至2025年第四季度）缺这一期（data/official/zhengzhou_city.csv, "
        "data/official/zhengzhou_clusters.csv）"
    )


def test_two_official_figures_of_one_period_stop_the_run_before_any_notebook(
    tmp_path, capsys, monkeypatch
):
    """The demo's monthly file named among the official files repeats the city's published
    2017 growth at its quarter-end months: the high-tech record read one per period and
    notebook 03 failed with 'ValueError: two final figures for industry_va in 2018Q3' after
    the forecasts had run; now the batch refuses first, naming both files and rows: the
    synthetic monthly file among the real official ones is one region's indicator of both
    kinds (assumption V1), refused before the two figures of a period are compared (that
    check: tests/test_goal_tests.py, tests/test_messages_settings.py)."""
    from clusterlib import batch

    def no_notebook(*args, **kwargs):
        raise AssertionError("a notebook started")

    monkeypatch.setattr(batch, "_run_plan", no_notebook)
    settings = (paths.PARAMS / "run.yaml").read_text(encoding="utf-8")
    official = '["data/official/zhengzhou_city.csv", "data/demo/monthly.csv"]'
    params = tmp_path / "run.yaml"
    shipped = re.search(r"(?m)^official:.*\n  - data/official$", settings)[0]
    assert shipped in settings
    params.write_text(settings.replace(shipped, f"official: {official}"), encoding="utf-8")
    code, _, err = run(
        capsys, "run", "--quarter", "2019Q2", "--params", str(params), "--lang", "en"
    )
    assert code == 1
    problems = [line for line in err.splitlines() if "(assumption V1)" in line]
    assert problems
    assert all("monthly.csv" in line and "zhengzhou_city.csv" in line for line in problems)
    assert "real figures of city/industry_va here (status final), synthetic ones at row 2 of" in err
    assert "from real or from synthetic figures, never both" in problems[0]
