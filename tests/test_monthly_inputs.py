"""Monthly files of the year-end outlook: the quarter they follow, their agreement with the
quarterly data, and the series they cannot move (issue #27 §2; clusterlib.inputs.monthly)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from clusterlib import batch, cli, paths
from clusterlib.exceptions import CoverageError, DataValidationError, ParameterError
from clusterlib.forecasting.factor import factor_growth
from clusterlib.forecasting.nowcast import Outlook
from clusterlib.inputs.monthly import (
    NO_FIGURES,
    STAND_IN,
    OutlookGap,
    gap_table,
    gaps_from_table,
    outlook_gaps,
    quarter_disagreements,
    quarterly_ytd,
)
from clusterlib.inputs.panel import build_panel, load_records, records_as_of
from clusterlib.messages import told
from clusterlib.params import check_run_params, load_run_params
from clusterlib.pipeline import monthly_frames, nowcast_inputs
from clusterlib.publish.bulletin import outlook_sentence

AUGUST = pd.Period("2019-08", freq="M")
REVENUES = {"revenue_auto", "revenue_electronics", "revenue_equipment", "revenue_food"}


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    """The demo's quarterly panel as a 2019Q2 run sees it."""
    return build_panel(records_as_of(load_records(paths.DEMO / "panel.csv"), "2019Q2"))


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    """The demo's monthly file as text."""
    return pd.read_csv(paths.DEMO / "monthly.csv", dtype=str, keep_default_na=False)


def settings_file(tmp_path, monthly: str = "data/demo/monthly.csv") -> str:
    """params/run.yaml with as_of_month 2019-08 and ``monthly``."""
    text = (paths.PARAMS / "run.yaml").read_text(encoding="utf-8")
    text = text.replace('as_of_month: ""', 'as_of_month: "2019-08"')
    text = text.replace("monthly: []", f"monthly: [{monthly}]")
    path = tmp_path / "run.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_command_lines_quarter_must_be_followed_by_the_as_of_month(tmp_path, capsys):
    """as_of_month 2019-08 serves 2019Q2 (two months after it); given --quarter 2019Q1 (five
    months after) or 2019Q3 (before its end) the run stops before any notebook, naming the
    file and the key, and writes nothing. The command line's quarter replaces the file's:
    2019-10 serves --quarter 2019Q3 although the file says 2019Q2."""
    params = settings_file(tmp_path)
    assert load_run_params(params, "2019Q2").quarter == "2019Q2"
    for quarter in ("2019Q1", "2019Q3"):
        with pytest.raises(ParameterError, match=rf"key 'as_of_month'.*last month of {quarter}"):
            load_run_params(params, quarter)
    later = (tmp_path / "run.yaml").read_text(encoding="utf-8")
    later = later.replace('as_of_month: "2019-08"', 'as_of_month: "2019-10"')
    (tmp_path / "later.yaml").write_text(later, encoding="utf-8")  # the file says 2019Q2
    assert load_run_params(tmp_path / "later.yaml", "2019Q3").as_of_month == "2019-10"
    out = tmp_path / "reports"
    code = cli.main(
        ["run", "--quarter", "2019Q1", "--params", params, "--out", str(out), "--lang", "en"]
    )
    err = capsys.readouterr().err
    assert code == 1 and "run.yaml: key 'as_of_month'" in err and "last month of 2019Q1" in err
    assert not out.exists() or not list(out.iterdir())
    code = cli.main(
        [
            "run",
            "--quarters",
            "2019Q2:2019Q3",
            "--params",
            params,
            "--lang",
            "en",
            "--out",
            str(out),
        ]
    )
    assert code == 1 and "last month of 2019Q3" in capsys.readouterr().err
    assert not out.exists() or not list(out.iterdir())  # not even 2019Q2's vintage


def test_the_quarters_cumulative_figures_are_those_of_the_quarterly_records(panel):
    """Hand values of data/demo/panel.csv: the city's 固定资产投资 1–6月 is 4075.94亿元 and
    8.5%; the panel (single quarters, chained index) gives them back."""
    expected = quarterly_ytd(panel)
    assert expected[("city", "fai", "level", "2019Q2")] == pytest.approx(4075.94)
    assert expected[("city", "fai", "growth", "2019Q2")] == pytest.approx(8.5)
    assert ("city", "built_up_land", "level", "2019Q2") not in expected.index  # a stock


def test_monthly_figures_of_another_year_or_unit_are_refused_at_their_row(panel, demo, tmp_path):
    """The demo's months agree with its quarters. Relabelled a year later (another year's
    figures) every series is refused once, at its first quarter-end row. A plausible but
    wrong 1–6月 growth (12.1% for the quarter's 8.5%, which no check within the file can see)
    is refused at its row, with both figures."""
    records = load_records(paths.DEMO / "monthly.csv")
    assert quarter_disagreements(records, panel) == []
    shifted = demo.assign(period=[f"{int(p[:4]) + 1}{p[4:]}" for p in demo["period"]])
    shifted = shifted[shifted["period"] <= "2019-12"]
    (tmp_path / "shifted.csv").write_text(shifted.to_csv(index=False), encoding="utf-8")
    problems = quarter_disagreements(load_records(tmp_path / "shifted.csv"), panel)
    series = {p.message.split(" of ")[0] for p in problems}  # e.g. "city/fai 累计 level"
    assert len(series) == len(problems) and len(problems) > 30
    assert "more quarter-end month(s) of this series" in problems[0].message
    slipped = demo.copy()
    june = (slipped["region"] == "city") & (slipped["indicator"] == "fai")
    june &= (slipped["period"] == "2019-06") & (slipped["measure"] == "growth")
    slipped.loc[june, "value"] = "12.1"
    (tmp_path / "slip.csv").write_text(slipped.to_csv(index=False), encoding="utf-8")
    with pytest.raises(DataValidationError) as error:
        nowcast_inputs("2019-08", [str(tmp_path / "slip.csv")], panel)
    (problem,) = error.value.problems
    assert problem.row == int(slipped.index[june][0]) + 2 and problem.column == "value"
    assert "city/fai year-to-date growth (%) of 2019-06 is 12.1" in problem.message
    assert "2019Q2 is 8.5:" in problem.message


def test_months_without_last_year_cannot_move_the_outlook_and_stop_the_run(panel, demo, tmp_path):
    """Only 2019's months: the rule needs last year's 1–8月 and December, so no series can
    move; the run stops naming them (the bulletin would have said it used 1–8月)."""
    (tmp_path / "only2019.csv").write_text(
        demo[demo["period"] >= "2019-01"].to_csv(index=False), encoding="utf-8"
    )
    with pytest.raises(
        CoverageError, match=r"no year-to-date figure of 2018-08, 2018-12 \(39 series\)"
    ):
        nowcast_inputs("2019-08", [str(tmp_path / "only2019.csv")], panel)


def test_clusters_missing_from_the_monthly_file_are_said_and_keep_the_quarterly_forecast(
    panel, demo, tmp_path, capsys
):
    """With the demo's months every 规上/投资/高新 series moves and the four chain revenues
    (no monthly figures anywhere) are said in one line. Without the airport's rows its three
    series are listed, one a line, and the outlook names them."""
    frames = monthly_frames(load_records(paths.DEMO / "monthly.csv"), AUGUST)
    moved, gaps = outlook_gaps(panel, frames, AUGUST)
    assert ("city", "industry_va") in moved and len(moved) == 39
    assert {g.indicator for g in gaps} == REVENUES and {g.reason for g in gaps} == {NO_FIGURES}
    no_airport = tmp_path / "no_airport.csv"
    no_airport.write_text(demo[demo["region"] != "airport"].to_csv(index=False), encoding="utf-8")
    capsys.readouterr()
    nowcast_inputs("2019-08", [str(no_airport)], panel)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("warning: as_of_month 2019-08: no monthly figures of revenue_auto")
    assert lines[1] == "warning: as_of_month 2019-08: 3 series keep the quarterly forecast:"
    assert lines[2:] == [
        f"  airport/{indicator}: no monthly figures"
        for indicator in ("fai", "hightech_va", "industry_va")
    ]


def test_the_outlook_sentence_names_the_series_the_months_could_not_move():
    gaps = [OutlookGap("airport", "fai"), OutlookGap("airport", "industry_va", ("2018-12",))]
    again = gaps_from_table(gap_table(gaps))
    assert again == gaps
    kept = tuple((g.region, g.indicator) for g in again)
    sentence = outlook_sentence(Outlook(AUGUST, "blend", kept), "zh")
    assert sentence.endswith(
        "其中郑州航空港产业集聚区的规模以上工业增加值、固定资产投资无可用月度数据，"
        "仍为季度模型预测。"
    )
    kept += (("city", "revenue_auto"),)
    assert "；郑州市的汽车及零部件产业主营业务收入无可用" in outlook_sentence(
        Outlook(AUGUST, "blend", kept), "zh"
    )
    english = outlook_sentence(Outlook(AUGUST, "blend", kept), "en")
    assert english.endswith(
        "these series keep the quarterly forecast: in Zhengzhou Airport Cluster, value added "
        "of above-scale industry and fixed-asset investment; in Zhengzhou city, main-business "
        "revenue: automotive and parts chain."
    )
    at_quarter_end = outlook_sentence(Outlook(pd.Period("2019-06", freq="M"), "quarterly", kept))
    assert "仍为季度模型预测" not in at_quarter_end  # the whole outlook is the quarterly one


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"as_of_month": 201908}, "key 'as_of_month': expected text, got int 201908"),
        ({"monthly": "data/demo/monthly.csv"}, "key 'monthly': expected a list of text"),
    ],
)
def test_a_mistyped_as_of_setting_is_said_once(given, said):
    """A month written as a number, or one file not in a list: one problem, not a second
    one claiming the other key is missing."""
    raw = yaml.safe_load((paths.PARAMS / "run.yaml").read_text(encoding="utf-8"))
    raw |= {"as_of_month": "2019-08", "monthly": ["data/demo/monthly.csv"]} | given
    with pytest.raises(ParameterError) as error:
        check_run_params(raw)
    assert str(error.value).startswith("1 problem(s) in settings:") and said in str(error.value)


def test_a_cluster_too_short_for_the_factor_model_is_named_where_the_rule_uses_it(panel):
    """At 1–8月 the rule is the blend with the factor model. The airport's monthly figures
    cut to 2018–2019 give 7 growth figures (2019-02 to 2019-08), fewer than the model needs:
    the factor fit leaves it out, and outlook_gaps says so, as does the bulletin. At 1–7月
    (momentum) nothing stands in."""
    frames = monthly_frames(load_records(paths.DEMO / "monthly.csv"), AUGUST)
    frames[("airport", "industry_va")] = frames[("airport", "industry_va")].loc[2018:]
    industry = {r: f for (r, i), f in frames.items() if i == "industry_va"}
    assert "airport" not in factor_growth(industry, AUGUST) and "city" in factor_growth(
        industry, AUGUST
    )
    moved, gaps = outlook_gaps(panel, frames, AUGUST)
    assert ("airport", "industry_va") in moved  # it moves, by the stand-in
    assert [(g.region, g.indicator, g.reason) for g in gaps if g.stand_in] == [
        ("airport", "industry_va", STAND_IN)
    ]
    assert gaps_from_table(gap_table(gaps)) == gaps
    july = pd.Period("2019-07", freq="M")
    assert not [g for g in outlook_gaps(panel, frames, july)[1] if g.stand_in]
    stand_in = (("airport", "industry_va"),)
    sentence = outlook_sentence(Outlook(AUGUST, "blend", (), stand_in), "zh")
    assert sentence.endswith(
        "郑州航空港产业集聚区的规模以上工业增加值月度增速数据不足25个月，"
        "动态因子模型以“累计增速不变”代替。"
    )


def test_the_runs_manifest_records_the_series_the_months_could_not_move(tmp_path):
    gaps = [OutlookGap("airport", "fai"), OutlookGap("city", "fai", ("2018-08",))]
    settings = load_run_params(paths.PARAMS / "run.yaml")
    run_inputs = (paths.PARAMS / "run.yaml", [], batch.default_plan(), paths.NOTEBOOKS, {})
    manifest = tmp_path / "manifest.json"
    batch._write_manifest(tmp_path, settings, *run_inputs, None, gaps)
    recorded = json.loads(manifest.read_text(encoding="utf-8"))["outlook_gaps"]
    assert [(g["region"], g["gap_reason"], g["missing_months"]) for g in recorded] == [
        ("airport", NO_FIGURES, ""),
        ("city", "months_missing", "2018-08"),
    ]
    batch._write_manifest(tmp_path, settings, *run_inputs)
    assert json.loads(manifest.read_text(encoding="utf-8"))["outlook_gaps"] == []


def test_the_command_lines_quarter_replaces_the_files_for_the_as_of_check(
    tmp_path, capsys, monkeypatch
):
    """A file saying quarter 2019Q2 with as_of_month 2019-10: `run --quarter 2019Q3` is for
    2019Q3, which 2019-10 follows, and starts (the batch itself is replaced by a stand-in
    that records the settings); `--quarter 2019Q2` is refused naming 2019Q2."""
    text = (paths.PARAMS / "run.yaml").read_text(encoding="utf-8")
    text = text.replace('as_of_month: ""', 'as_of_month: "2019-10"')
    text = text.replace("monthly: []", "monthly: [data/demo/monthly.csv]")
    params = tmp_path / "later.yaml"
    params.write_text(text, encoding="utf-8")
    started = []

    def stand_in(quarter, data, params_file, out, jobs, lang=None):
        started.append(batch._settings(Path(params_file).resolve(), quarter, data, lang))
        return Path(out) / quarter

    monkeypatch.setattr(batch, "run_quarter", stand_in)
    args = ["run", "--params", str(params), "--out", str(tmp_path / "out")]
    assert cli.main([*args, "--quarter", "2019Q3"]) == 0
    assert [(s.quarter, s.as_of_month) for s in started] == [("2019Q3", "2019-10")]
    capsys.readouterr()
    assert cli.main([*args, "--quarter", "2019Q2"]) == 1  # in the params file's zh
    assert "“as_of_month”项：应为2019年第二季度的最后一个月或其后两个月之一，实为2019年10月" in (
        capsys.readouterr().err
    )
    assert cli.main([*args, "--quarter", "2019Q2", "--lang", "en"]) == 1
    assert "expected the last month of 2019Q2 or one of the two after it, got 2019-10" in (
        capsys.readouterr().err
    )


def test_the_warnings_name_the_series_in_the_runs_language(panel, demo, tmp_path, capsys):
    """With lang="zh" the series the months cannot move are named in Chinese, with the
    reason's word (a run's terminal in the office's language); by id without a language."""
    no_airport = tmp_path / "no_airport.csv"
    no_airport.write_text(demo[demo["region"] != "airport"].to_csv(index=False), encoding="utf-8")
    capsys.readouterr()
    nowcast_inputs("2019-08", [str(no_airport)], panel, "zh")
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("警告：截至2019年8月无汽车及零部件产业主营业务收入、")
    assert lines[0].endswith("和食品加工产业主营业务收入的月度数据：全年预计仍为季度模型预测")
    head = "警告：截至2019年8月的月度数据无法用于以下3个序列，全年预计仍为季度模型预测："
    assert lines[1] == head
    assert lines[2] == "  郑州航空港产业集聚区/固定资产投资: 无月度数据"


def _august_status(demo: pd.DataFrame, status: str = "estimate") -> pd.DataFrame:
    """The demo's months to 2019-08, every August row of ``status`` (the rest final)."""
    frame = demo[demo["period"] <= "2019-08"].assign(status="final")
    frame.loc[frame["period"] == "2019-08", "status"] = status
    return frame


def test_an_as_of_month_whose_rows_are_all_estimate_is_refused_as_such(panel, demo, tmp_path):
    """T7A-3: August's rows all estimate. The run stopped on "can move no series" with the
    English reasons inside the Chinese line (no 累计 figure of 2019-08（39个序列）), never
    saying the month's rows were there but not final."""
    data = tmp_path / "est08.csv"
    _august_status(demo).to_csv(data, index=False)
    for lang, line in (
        (
            "zh",
            "2019年8月无最终数据：月度累计数据中2019年8月仅有65条预计数（estimate），"
            f"只分析最终数（status为final）；最终数据止于2019年7月（{data}）",
        ),
        (
            "en",
            "no final data for 2019-08: the monthly year-to-date data hold only estimate "
            "figures of 2019-08 (65 rows), and only status final is analysed; the final data "
            f"end in 2019-07 ({data})",
        ),
    ):
        with pytest.raises(CoverageError) as raised:
            nowcast_inputs("2019-08", [str(data)], panel, lang)
        assert str(raised.value) == line


def test_the_outlook_reasons_are_told_in_chinese_and_name_a_month_not_final(panel, demo, tmp_path):
    """T7A-3: the reasons of "can move no series" come from the catalogue; where the month's
    rows are there but estimate, the reason says so. A final August figure of a region the
    quarterly data do not hold (the airport economy zone) lets the month pass the coverage
    guard; every series of the panel then lacks its final 2019-08."""
    (tmp_path / "only2019.csv").write_text(
        demo[demo["period"] >= "2019-01"].to_csv(index=False), encoding="utf-8"
    )
    with pytest.raises(CoverageError) as raised:
        nowcast_inputs("2019-08", [str(tmp_path / "only2019.csv")], panel, "zh")
    assert (
        "不能更新任何序列的全年展望：无2018年8月、2018年12月累计数（39个序列）；无月度数据（4个序列）。"
        in (told(raised.value, "zh"))
    )
    frame = _august_status(demo)
    zone = frame[(frame["period"] == "2019-08") & (frame["region"] == "city")].iloc[:1]
    zone = zone.assign(region="airport_zone", status="final")
    data = tmp_path / "zone08.csv"
    pd.concat([frame, zone]).to_csv(data, index=False)
    with pytest.raises(CoverageError) as raised:
        nowcast_inputs("2019-08", [str(data)], panel, "zh")
    assert (
        "不能更新任何序列的全年展望：无2019年8月最终累计数（2019年8月仅有预计数等非最终数，不作分析）"
        "（39个序列）；无月度数据（4个序列）。"
    ) in told(raised.value, "zh")
    assert (
        "can move no series' full-year outlook: no final year-to-date figure of 2019-08 (2019-08: "
        "only "
        "estimate or alternative figures, not analysed) (39 series); no monthly figures (4 "
        "series)."
    ) in str(raised.value)
