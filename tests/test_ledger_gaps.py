"""The ledger where an earlier 累计 is missing (planted gaps): last month's (本月 and 较上月增减
stay empty, never a two-month difference), last December's (a growth target is not turned into
a level, the projection says why), the city's 规上 from June on (no crash); all warned by name
and listed in 数据缺失."""

from __future__ import annotations

import contextlib
import json
import re

import numpy as np
import pandas as pd
import pytest

from clusterlib import cli, paths
from clusterlib.coverage import Coverage
from clusterlib.inputs.panel import load_records
from clusterlib.ledger.gaps import (
    EARLIER_MONTH,
    GROWTH_ONLY,
    JANUARY,
    LAST_DECEMBER,
    LEVEL_GROWTH_ONLY,
    PREVIOUS_MONTH,
    FigureGap,
    figure_gaps,
    gap_lines,
    gap_sentence,
    missing_table,
)
from clusterlib.ledger.indicators import indicator_ledger, monthly_table
from clusterlib.ledger.projection import (
    MONTHS_MISSING,
    NO_LAST_DECEMBER,
    TOO_SHORT,
    project_year_end,
)
from clusterlib.ledger.settings import LedgerSettings
from clusterlib.ledger.targets import load_targets

SETTINGS = LedgerSettings(
    data=("data/demo/monthly.csv",),
    projects="",
    lang="zh",
    indicators=("industry_va", "fai", "hightech_va"),
    seasonal_years=3,
)
MAY = pd.Period("2019-05", freq="M")
JUNE = pd.Period("2019-06", freq="M")
AIRPORT = "郑州航空港产业集聚区"
TARGET = "airport,fai,2019,growth,15,user-set,test target\n"
# airport fai in data/demo/monthly.csv, read by hand: 累计 level and growth
FAI = {"2019-02": 82.46, "2019-03": 165.48, "2019-04": 240.61, "2019-05": 324.5}
FAI_GROWTH = {"2019-03": 21.9, "2019-04": 17.8, "2019-05": 14.1}


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return pd.read_csv(paths.DEMO / "monthly.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return monthly_table(load_records(paths.DEMO / "monthly.csv"))


def _without(table: pd.DataFrame, region: str, period: str) -> pd.DataFrame:
    """``table`` without ``region``'s rows of ``period`` (every indicator)."""
    return table[~((table["region"] == region) & (table["period"] == pd.Period(period, "M")))]


def _targets(tmp_path, rows: str) -> pd.DataFrame:
    path = tmp_path / "targets.csv"
    path.write_text("region,indicator,year,measure,value,source,reference\n" + rows, "utf-8")
    return load_targets(path)


def test_may_alone_is_may_minus_april_and_empty_without_april(table):
    rows = indicator_ledger(table, MAY, SETTINGS).set_index(["region", "indicator", "month"])
    may = rows.loc[("airport", "fai", "2019-05")]
    assert may["month_value"] == pytest.approx(324.5 - 240.61)  # 83.89, May alone
    assert may["growth_change"] == pytest.approx(14.1 - 17.8)  # -3.7 pp on April
    assert figure_gaps(table, MAY, SETTINGS.indicators) == []

    planted = _without(table, "airport", "2019-04")
    rows = indicator_ledger(planted, MAY, SETTINGS).set_index(["region", "indicator", "month"])
    may = rows.loc[("airport", "fai", "2019-05")]
    assert may["ytd"] == FAI["2019-05"] and may["growth"] == FAI_GROWTH["2019-05"]
    assert np.isnan(may["month_value"])  # was 159.02: April and May together
    assert np.isnan(may["growth_change"])  # was -7.8: against March
    assert np.isnan(rows.loc[("airport", "hightech_va", "2019-05"), "growth_change"])
    other = rows.loc[("hitech", "fai", "2019-05")]  # other regions are as before
    assert np.isfinite(other["month_value"]) and np.isfinite(other["growth_change"])
    march = rows.loc[("airport", "fai", "2019-03")]
    assert march["month_value"] == pytest.approx(FAI["2019-03"] - FAI["2019-02"])


def test_a_missing_month_empties_the_next_months_figures_in_every_month(table):
    """The June ledger without April: the May row (in ledger.csv) has no month value either,
    June's is June − May as usual; April is listed as an earlier month of the year."""
    planted = _without(table, "airport", "2019-04")
    rows = indicator_ledger(planted, JUNE, SETTINGS).set_index(["region", "indicator", "month"])
    assert np.isnan(rows.loc[("airport", "fai", "2019-05"), "month_value"])
    june = rows.loc[("airport", "fai", "2019-06")]
    assert june["month_value"] == pytest.approx(438.9 - 324.5)
    assert figure_gaps(planted, JUNE, SETTINGS.indicators) == [  # May is there
        FigureGap(EARLIER_MONTH, "airport", indicator, "2019-04")
        for indicator in SETTINGS.indicators
    ]
    (line,) = gap_lines(figure_gaps(planted, JUNE, ("fai",)), None, "zh")
    assert line == (
        f"警告：缺少本年往月累计数（1项）：{AIRPORT}/固定资产投资（2019年4月）。"
        "ledger.csv无该月此行，下一月本月值和较上月增减空缺"
    )


def test_a_missing_last_month_is_warned_by_name_and_listed(table):
    planted = _without(table, "airport", "2019-04")
    gaps = figure_gaps(planted, MAY, SETTINGS.indicators)
    assert gaps == [
        FigureGap(PREVIOUS_MONTH, "airport", indicator, "2019-04")
        for indicator in SETTINGS.indicators
    ]
    (line,) = gap_lines(gaps, None, "zh")
    assert line.startswith(f"警告：缺少2019年4月累计数（3项）：{AIRPORT}/规模以上工业增加值、")
    assert line.endswith("其2019年5月本月值和较上月增减空缺（不以两个月之差代替）")
    (line,) = gap_lines(gaps, None, "en")
    assert line.startswith(
        "warning: no year-to-date figure of 2019-04 for 3 region/indicator pair(s): "
    )
    sheet = missing_table(Coverage("2019-05"), gaps)
    assert list(sheet["kind"]) == [PREVIOUS_MONTH] * 3 and set(sheet["period"]) == {"2019-04"}
    assert gap_sentence(gaps, "zh").startswith(f"2019年4月累计数缺失（{AIRPORT}/规模以上工业增加值")


def test_january_february_has_no_previous_month_even_with_january_rows(table):
    january = table[
        (table["region"] == "airport") & (table["period"] == pd.Period("2019-02", "M"))
    ].assign(period=pd.Period("2019-01", "M"), ytd=40.0)  # a January 累计, growth as 1—2月
    rows = indicator_ledger(pd.concat([table, january], ignore_index=True), JUNE, SETTINGS)
    rows = rows.set_index(["region", "indicator", "month"])
    february = rows.loc[("airport", "fai", "2019-02")]
    assert np.isnan(february["growth_change"])  # was 0.0: 1—2月 against January
    assert february["month_value"] == FAI["2019-02"]  # the two months, as the note says
    assert rows.loc[("airport", "fai", "2019-03"), "month_value"] == pytest.approx(165.48 - 82.46)
    assert figure_gaps(table, pd.Period("2019-02", "M"), SETTINGS.indicators) == []


def test_a_growth_target_without_last_december_is_said_not_dropped(table, tmp_path):
    targets = _targets(tmp_path, TARGET)
    planted = _without(table, "airport", "2018-12")
    gaps = figure_gaps(planted, JUNE, SETTINGS.indicators, targets)
    assert gaps == [FigureGap(LAST_DECEMBER, "airport", "fai", "2018-12")]
    assert gap_lines(gaps, targets, "zh") == [
        f"警告：无2018年12月{AIRPORT}/固定资产投资累计数：2019年增长目标（+15%）无法换算为"
        "年度目标，年度目标和目标完成率空缺"
    ]
    row = (
        indicator_ledger(planted, JUNE, SETTINGS, targets=targets)
        .set_index(["region", "indicator", "month"])
        .loc[("airport", "fai", "2019-06")]
    )
    assert row["target_source"] == "user-set" and np.isnan(row["target"])
    assert np.isnan(row["completion"]) and row["progress_status"] == ""
    assert figure_gaps(table, JUNE, SETTINGS.indicators, targets) == []  # with December


def test_seasonal_share_passes_over_a_year_without_december(table, demo):
    """Eight years of data and only 2018's December missing: the share is the mean of the last
    three complete years, 2015–2017 (was months ÷ 12)."""
    planted = _without(table, "airport", "2018-12")
    row = indicator_ledger(planted, JUNE, SETTINGS).set_index(["region", "indicator", "month"])
    row = row.loc[("airport", "fai", "2019-06")]
    level = demo[(demo["region"] == "airport") & (demo["indicator"] == "fai")]
    level = level[level["measure"] == "level"].set_index("period")["value"].astype(float)
    shares = [level[f"{y}-06"] / level[f"{y}-12"] for y in (2015, 2016, 2017)]
    assert row["seasonal_basis"] == "seasonal"
    assert row["seasonal_share"] == pytest.approx(100 * np.mean(shares))


def test_the_projection_says_last_december_is_missing_not_too_short(table):
    settings = LedgerSettings((), "", "zh", ("fai",))
    planted = _without(table, "airport", "2018-12")
    notes = project_year_end(planted, JUNE, settings, measured=False).set_index("region")
    assert notes.at["airport", "projection_note"] == NO_LAST_DECEMBER
    assert np.isnan(notes.at["airport", "projected_growth"])
    assert notes.at["hitech", "projection_note"] == "projected"
    recent = table[[p.year >= 2018 for p in table["period"]]]  # truly short: said so
    notes = project_year_end(recent, JUNE, settings, measured=False).set_index("region")
    assert (notes["projection_note"] == TOO_SHORT).all()


@pytest.mark.parametrize("month", ["2019-09"])
def test_the_projection_without_the_citys_industry_is_no_crash(table, month):
    """The city's 规上 missing from June on: at September the high-tech regions have no
    benchmark (no probability) instead of a ParameterError about the paths' quarters."""
    period = pd.Period(month, freq="M")
    later = table["period"] >= pd.Period("2019-06", "M")
    planted = table[~((table["region"] == "city") & (table["indicator"] == "industry_va") & later)]
    settings = LedgerSettings((), "", "zh", ("industry_va", "hightech_va"))
    result = project_year_end(planted, period, settings)
    hightech = result[result["indicator"] == "hightech_va"].set_index("region")
    assert hightech["p_beat_city"].isna().all()
    assert hightech["projected_growth"].notna().all()  # their own projection stands
    industry = result[result["indicator"] == "industry_va"].set_index("region")
    assert industry.drop(index="city")["p_beat_city"].isna().all()


def test_cli_without_the_citys_industry_from_june_writes_the_ledger(demo, tmp_path, capsys):
    """The tester's replay: after the 无比较基准 warning the command stopped with 'paths must
    have the quarters' (exit 1, no ledger); now the city row reads 本月无数据, the rows that
    need it 无比较基准, and every table is written."""
    city = (demo["region"] == "city") & (demo["indicator"] == "industry_va")
    data = tmp_path / "monthly.csv"
    demo[~(city & (demo["period"] >= "2019-06"))].to_csv(data, index=False)
    args = ["ledger", "--month", "2019-06", "--data", str(data), "--out", str(tmp_path / "out")]
    code = cli.main(args)
    err = capsys.readouterr().err
    assert code == 0, err
    assert "无比较基准" in err and "paths must have" not in err
    folder = tmp_path / "out" / "ledger" / "2019-06"
    rows = pd.read_csv(folder / "ledger.csv", encoding="utf-8-sig").query("month == '2019-06'")
    rows = rows.set_index(["region", "indicator"])
    assert rows.at[("city", "industry_va"), "plan_status"] == "no data"
    assert rows.at[("airport", "industry_va"), "plan_status"] == "no benchmark"
    assert rows.at[("airport", "hightech_va"), "plan_status"] == "no benchmark"
    assert rows.at[("airport", "fai"), "plan_status"] == "above_city"  # 15.9 against 8.5
    sheets = pd.ExcelFile(folder / "ledger.xlsx").sheet_names
    assert sheets[:3] == ["规模以上工业增加值", "固定资产投资", "高新技术产业增加值"]
    assert (folder / "ledger.html").exists() and (folder / "projects.csv").exists()


def test_cli_records_earlier_gaps_in_the_sheet_and_manifest(demo, tmp_path, monkeypatch, capsys):
    """Gaps are allowed in data/official/ only: the test's folder stands in for it, and the
    notebook (which reads the files itself) is left out of this run."""
    from clusterlib import batch

    monkeypatch.setattr(paths, "OFFICIAL", tmp_path)
    monkeypatch.setattr(batch, "notebook_report", lambda *a, **k: contextlib.nullcontext())
    dropped = (demo["region"] == "airport") & demo["period"].isin(["2019-04", "2018-12"])
    data = tmp_path / "monthly.csv"
    demo[~dropped].to_csv(data, index=False)
    (tmp_path / "targets.csv").write_text(
        "region,indicator,year,measure,value,source,reference\n" + TARGET, "utf-8"
    )
    settings = (paths.PARAMS / "ledger.yaml").read_text(encoding="utf-8")
    params = tmp_path / "ledger.yaml"
    params.write_text(
        settings.replace("params/ledger_targets.csv", str(tmp_path / "targets.csv")), "utf-8"
    )
    out = tmp_path / "out"
    args = ["ledger", "--month", "2019-05", "--data", str(data), "--params", str(params)]
    assert cli.main([*args, "--projects", "", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"警告：缺少2019年4月累计数（3项）：{AIRPORT}/规模以上工业增加值" in err
    assert f"警告：无2018年12月{AIRPORT}/固定资产投资累计数：2019年增长目标（+15%）" in err
    folder = out / "ledger" / "2019-05"
    missing = pd.read_excel(folder / "ledger.xlsx", sheet_name="数据缺失", header=1)
    assert list(missing["类别"]) == [
        *["缺上月累计数（本月值、较上月增减空缺）"] * 3,
        "缺上年12月累计数（增长目标无法换算）",
    ]
    assert list(missing["期间"]) == ["2019年4月"] * 3 + ["2018年12月"]
    coverage = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["coverage"]
    assert coverage["last_december_missing"] == [["airport", "fai", "2018-12"]]
    assert [r for r, _, _ in coverage["previous_month_missing"]] == ["airport"] * 3
    sheet = pd.read_excel(folder / "ledger.xlsx", sheet_name="固定资产投资", header=3)
    airport = sheet.set_index("地区").loc[AIRPORT]
    assert pd.isna(airport["本月（亿元）"]) and pd.isna(airport["较上月增减（百分点）"])
    assert airport["预测说明"] == "缺上年12月累计数，不作预测"


def test_a_missing_quarter_end_of_the_year_stops_the_projection_not_the_ledger(table):
    """airport without March at May: the engine's quarterly series would end at 2018Q4, which
    stopped the command ('paths must have the quarters …'); now airport has no projection and
    says a month it needs is missing, the others are projected as before."""
    planted = _without(table, "airport", "2019-03")
    settings = LedgerSettings((), "", "zh", ("fai",))
    result = project_year_end(planted, MAY, settings).set_index("region")
    assert result.at["airport", "projection_note"] == MONTHS_MISSING
    assert np.isnan(result.at["airport", "projected_growth"])
    assert result.drop(index="airport")["projected_growth"].notna().all()
    gaps = figure_gaps(planted, MAY, ("fai",))
    assert gaps == [FigureGap(EARLIER_MONTH, "airport", "fai", "2019-03")]


@pytest.mark.parametrize(("month", "cut"), [("2019-09", "industry_va"), ("2019-06", "fai")])
def test_a_region_without_data_reads_a_dash_in_every_empty_column_not_nan(table, month, cut):
    """The tester's replay: the city's 规上 missing from June on (at September), or its FAI
    (at June). The city's row of the page read …|本月无数据|—|—|nan|: its 季节性进度口径 was
    NaN. Every empty cell of that row, figure or word, now reads — (and no cell reads nan)."""
    from clusterlib.ledger.charts import ledger_style
    from clusterlib.ledger.indicators import with_gaps

    period = pd.Period(month, freq="M")
    later = table["period"] >= JUNE
    planted = table[~((table["region"] == "city") & (table["indicator"] == cut) & later)]
    ledger = indicator_ledger(planted, period, SETTINGS)
    ledger = with_gaps(ledger, Coverage(month, pairs=(("city", cut),)))
    rows = ledger[(ledger["month"] == month) & (ledger["indicator"] == cut)]
    city = rows[rows["region"] == "city"]
    assert city["seasonal_basis"].tolist() == [""]  # no word, as 目标来源 and 进度状态
    html = ledger_style(rows).to_html()
    body = re.findall(r'class="data row(\d+) col\d+" >([^<]*)<', html)
    n = list(rows["region"]).index("city")
    cells = [text for row, text in body if int(row) == n]
    assert cells[0] == "郑州市" and cells[cells.index("本月无数据") + 1 :]
    assert set(cells) - {"郑州市", "本月无数据"} == {"—"}  # every other column
    assert "nan" not in [text.strip().lower() for _, text in body]


def test_a_growth_target_on_a_growth_only_series_says_so_not_december_missing(table, tmp_path):
    """The tester's replay: a +12% target for the city's 高新技术产业增加值, a series of
    growth rates only (data/demo/monthly.csv: `city,hightech_va,2018-12,ytd,growth,12.8`, no
    level row). The warning said 2018年12月累计数缺失; the December is there, its level is
    not, and there never is one to take the growth over."""
    targets = _targets(tmp_path, "city,hightech_va,2019,growth,12,user-set,tester\n")
    gaps = figure_gaps(table, JUNE, SETTINGS.indicators, targets)
    assert gaps == [FigureGap(GROWTH_ONLY, "city", "hightech_va", "2018-12")]
    assert gap_lines(gaps, targets, "zh", table) == [
        "警告：郑州市/高新技术产业增加值只有累计增速、没有累计数（2018年12月累计增速12.8%，"
        "无累计数）：2019年增长目标（+12%）无法换算为年度目标，年度目标和目标完成率空缺；"
        "台账不以增速对照目标，请直接比较累计增速与目标增速"
    ]
    (line,) = gap_lines(gaps, targets, "en", table)
    assert (
        "has year-to-date growth rates only, no year-to-date levels (2018-12: growth 12.8%, no "
        "level)" in line
    )
    assert "its 2019 growth target (+12%) cannot be turned into a level" in line
    assert "missing" not in line and "缺失" not in gap_sentence(gaps, "zh")
    assert gap_sentence(gaps, "zh") == (
        "郑州市/高新技术产业增加值只有累计增速、没有累计数：年度增长目标无法换算，"
        "年度目标和目标完成率空缺，请直接比较累计增速与目标增速。"
    )
    row = (
        indicator_ledger(table, JUNE, SETTINGS, targets=targets)
        .set_index(["region", "indicator", "month"])
        .loc[("city", "hightech_va", "2019-06")]
    )
    assert row["target_source"] == "user-set" and np.isnan(row["target"])
    assert np.isnan(row["completion"]) and row["seasonal_basis"] == "no level"
    december = _without(table, "city", "2018-12")  # no December at all: still said missing
    assert [g.kind for g in figure_gaps(december, JUNE, SETTINGS.indicators, targets)] == [
        LAST_DECEMBER
    ]


def test_a_january_record_is_no_row_of_the_ledger(table):
    """January is never published alone (the command refuses --month 2019-01): a January
    record of the data was a ranked 2019-01 row of ledger.csv with an empty 本月. The ledger
    of June has the months 1—2月 to 1—6月 only, and 1—2月 is untouched by it."""
    january = table[(table["period"] == pd.Period("2019-02", "M"))].assign(
        period=pd.Period("2019-01", "M")
    )  # every region, indicator: a January 累计 (the 1—2月 figures stand in)
    rows = indicator_ledger(pd.concat([table, january], ignore_index=True), JUNE, SETTINGS)
    assert sorted(rows["month"].unique()) == ["2019-02", "2019-03", "2019-04", "2019-05", "2019-06"]
    without = indicator_ledger(table, JUNE, SETTINGS)
    pd.testing.assert_frame_equal(rows, without)


def test_a_level_target_on_a_growth_only_series_is_warned_not_left_empty_silently(table, tmp_path):
    """A declared 500亿元 target (目标) for the city's 高新技术产业增加值, a series of growth rates
    only (data/demo/monthly.csv: `city,hightech_va,2019-06,ytd,growth,13.8`, no level): its
    目标完成率 was left empty without a word. Now it is warned by name with the reason, said
    in the page's sentence and listed in 数据缺失."""
    targets = _targets(tmp_path, "city,hightech_va,2019,level,500,user-set,tester\n")
    gaps = figure_gaps(table, JUNE, SETTINGS.indicators, targets)
    assert gaps == [FigureGap(LEVEL_GROWTH_ONLY, "city", "hightech_va", "2019-06")]
    assert gap_lines(gaps, targets, "zh", table) == [
        "警告：郑州市/高新技术产业增加值只有累计增速、没有累计数（2019年6月累计增速13.8%，"
        "无累计数）：2019年总量目标（500）无可对照的累计数，目标完成率空缺"
    ]
    assert gap_lines(gaps, targets, "en", table) == [
        "warning: Zhengzhou city/Value added of high and new technology industry has year-to-date "
        "growth rates only, no year-to-date levels (2019-06: growth 13.8%, no level): its 2019 "
        "level target "
        "(500) has no year-to-date figure to be compared with; completion is left empty"
    ]
    assert gap_sentence(gaps, "zh") == (
        "郑州市/高新技术产业增加值只有累计增速、没有累计数：年度总量目标无可对照的累计数，"
        "目标完成率空缺。"
    )
    assert list(missing_table(Coverage("2019-06"), gaps)["kind"]) == [LEVEL_GROWTH_ONLY]
    row = (
        indicator_ledger(table, JUNE, SETTINGS, targets=targets)
        .set_index(["region", "indicator", "month"])
        .loc[("city", "hightech_va", "2019-06")]
    )
    assert row["target"] == 500 and np.isnan(row["completion"])
    fai = _targets(tmp_path, "airport,fai,2019,level,1000,user-set,tester\n")  # has levels
    assert figure_gaps(table, JUNE, SETTINGS.indicators, fai) == []


def test_january_figures_left_out_are_said_once_with_their_count(table):
    """Two January 累计 records (airport's investment, the city's industry: the 1–2月 figures
    stand in) are no rows of the ledger (test_a_january_record_is_no_row_of_the_ledger); they
    used to be dropped without a word. One warning line counts and names them, the page's
    sentence says it and 数据缺失 lists both."""
    planted = [("airport", "fai"), ("city", "industry_va")]
    rows = table[
        pd.Series(list(zip(table["region"], table["indicator"], strict=True))).isin(planted)
        & (table["period"] == pd.Period("2019-02", "M"))
    ]
    january = rows.assign(period=pd.Period("2019-01", "M"))
    with_january = pd.concat([table, january], ignore_index=True)
    gaps = figure_gaps(with_january, JUNE, SETTINGS.indicators)
    assert gaps == [
        FigureGap(JANUARY, "city", "industry_va", "2019-01"),
        FigureGap(JANUARY, "airport", "fai", "2019-01"),
    ]
    lines = gap_lines(gaps, None, "zh")
    assert lines == [
        "警告：数据中2条1月累计数未列入台账（郑州市/规模以上工业增加值（2019年1月）、"
        f"{AIRPORT}/固定资产投资（2019年1月））：1月数据不单独公布，1—2月累计在2月一并公布，"
        "台账从1—2月开始"
    ]
    (line,) = gap_lines(gaps, None, "en")
    assert line.startswith(
        "warning: 2 January year-to-date figure(s) of the data left out of the ledger"
    )
    assert gap_sentence(gaps, "zh").startswith("数据中2条1月累计数未列入台账（郑州市/")
    assert list(missing_table(Coverage("2019-06"), gaps)["kind"]) == [JANUARY] * 2
    assert figure_gaps(with_january, pd.Period("2018-12", "M"), SETTINGS.indicators) == []
