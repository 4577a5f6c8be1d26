"""Records → quarterly panel, and the as-of cut."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clusterlib.inputs import validation
from clusterlib.inputs.panel import as_of, build_panel, load_panel, load_records, records_as_of
from clusterlib.inputs.periods import ytd_growth

GOOD = Path(__file__).parent / "fixtures" / "good.csv"


@pytest.fixture
def panel() -> pd.DataFrame:
    return load_panel(GOOD)


def user_warnings(caught) -> list[str]:
    """The user warnings caught, as text: not a ResourceWarning ("unclosed event loop") of an
    earlier test that the garbage collector happens to emit meanwhile."""
    return [str(w.message) for w in caught if issubclass(w.category, UserWarning)]


def series(panel: pd.DataFrame, region: str, indicator: str, measure: str) -> pd.Series:
    rows = panel[
        (panel["region"] == region)
        & (panel["indicator"] == indicator)
        & (panel["measure"] == measure)
    ]
    return pd.Series(rows["value"].to_numpy(), index=pd.PeriodIndex(rows["period"]))


def test_ytd_levels_become_single_quarter_levels(panel):
    fai = series(panel, "city", "fai", "level")
    assert fai.to_dict() == {
        pd.Period("2018Q1", "Q"): 100.0,
        pd.Period("2018Q2", "Q"): 110.0,
        pd.Period("2018Q3", "Q"): 120.0,
        pd.Period("2018Q4", "Q"): 130.0,
        pd.Period("2019Q1", "Q"): 110.0,
        pd.Period("2019Q2", "Q"): 121.0,
    }


def test_growth_only_series_becomes_an_index_that_reproduces_published_growth(panel):
    index = series(panel, "city", "industry_va", "index")
    assert (index.loc["2018"] == 100.0).all()  # base year: equal quarters (documented)
    growth = ytd_growth(index)
    assert growth.loc["2019Q1"] == pytest.approx(7.1)
    assert growth.loc["2019Q2"] == pytest.approx(6.9)


def test_panel_is_tidy(panel):
    assert list(panel.columns) == [
        "region",
        "indicator",
        "measure",
        "period",
        "value",
        "unit",
        "synthetic",
    ]
    assert not panel.duplicated(["region", "indicator", "measure", "period"]).any()
    assert panel.attrs["skipped"] == []


def test_as_of_hides_later_periods():
    records = load_records(GOOD)
    early = records_as_of(records, "2019Q1")
    assert early["period"].map(str).max() == "2019Q1"
    panel = build_panel(early)
    assert str(panel["period"].max()) == "2019Q1"
    early_panel = as_of(panel, "2018Q2")
    # three series (fai levels, two chained indexes), each with 2018Q1 and 2018Q2
    assert early_panel.groupby(["region", "indicator", "measure"]).size().tolist() == [2, 2, 2]


def test_monthly_ytd_counts_for_the_quarter_it_closes(tmp_path):
    rows = ["region,indicator,period,period_type,measure,value,unit,source"]
    months = {"2019-02": 50, "2019-03": 80, "2019-04": 110, "2019-05": 140, "2019-06": 170}
    rows += [f"city,fai,{m},ytd,level,{v},100m_yuan,t" for m, v in months.items()]
    path = tmp_path / "monthly.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    fai = series(load_panel(path), "city", "fai", "level")
    np.testing.assert_allclose(fai.to_numpy(), [80.0, 90.0])
    assert [str(p) for p in fai.index] == ["2019Q1", "2019Q2"]


def test_a_series_that_cannot_be_converted_is_left_out_with_one_warning(tmp_path):
    path = tmp_path / "late_start.csv"
    path.write_text(
        "region,indicator,period,period_type,measure,value,unit,source\n"
        "city,industry_va,2019Q2,ytd,growth,7.0,pct_yoy,t\n"
        "city,fai,2019Q1,ytd,level,10,100m_yuan,t\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match="1 series left out") as caught:
        panel = load_panel(path)
    assert len(caught) == 1
    assert panel.attrs["skipped"][0].startswith("city/industry_va/growth/ytd")
    assert set(panel["indicator"]) == {"fai"}


def test_series_left_out_are_said_by_name_in_the_runs_language(tmp_path, monkeypatch):
    """A zh run (`run --data data/official`) printed the ids and English reasons of every
    series left out of the panel; with a language they read by name, in that language."""
    monkeypatch.setattr(validation, "is_release_collection", lambda path: True)  # gaps allowed
    path = tmp_path / "releases.csv"
    rows = [
        "region,indicator,period,period_type,measure,value,unit,source",
        "city,fai,2021Q4,ytd,level,900,100m_yuan,t",  # annual totals alone
        "city,fai,2022Q4,ytd,level,1000,100m_yuan,t",
        *(f"xinmi,industry_va,2018Q{q},ytd,growth,8.0,pct_yoy,t" for q in (1, 4)),  # Q2, Q3 lack
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    records = load_records(path)
    with pytest.warns(UserWarning) as caught:
        build_panel(records, "zh")
    assert user_warnings(caught)[0] == (
        "以下2个序列无法换算为季度数据，未纳入分析：\n"
        "  - 郑州市固定资产投资（累计总量）：各年首个累计数均晚于第一季度（仅有全年或半年数），"
        "无法得到当季数\n"
        "  - 新密市产业集聚区规模以上工业增加值（累计增速）：缺少2018年第二季度、2018年第三季度的"
        "增速，无法连续推算指数"
    )
    with pytest.warns(UserWarning) as caught:
        build_panel(records, "en")
    assert user_warnings(caught)[0].splitlines()[2] == (
        "  - Xinmi Cluster, Value added of above-scale industry (year to date growth): "
        "no growth for 2018Q2, 2018Q3: the index cannot be chained"
    )
    with pytest.warns(UserWarning) as caught:  # library callers without a language: by id
        panel = build_panel(records)
    assert user_warnings(caught)[0].splitlines()[1].startswith("  - city/fai/level/ytd: no ")
    assert panel.attrs["skipped"][1].startswith("xinmi/industry_va/growth/ytd: growth series")


def test_a_zh_run_on_the_official_data_says_the_series_it_leaves_out_in_chinese(tmp_path, capsys):
    """`run --data data/official` (zh, run.yaml's language): the warning before the refusal
    names the series; 马寨's 税收 growth is published for 1–12月 2013 alone (a partial first
    year, not "no values")."""
    from clusterlib import cli

    args = ["run", "--quarter", "2030Q1", "--data", "data/official", "--out", str(tmp_path)]
    assert cli.main(args) == 1  # the data end before 2030
    said = capsys.readouterr().err.splitlines()
    assert re.fullmatch(r"警告：以下\d+个序列无法换算为季度数据，未纳入分析：", said[0])
    assert (
        "  - 马寨产业集聚区税收（累计增速）：增速始于2013年第四季度，该年不完整（应从第一季度开始）"
        in said
    )
    assert not [line for line in said if "/ytd" in line or "series" in line]


def test_partial_year_totals_of_levels_do_not_enter_as_quarters(tmp_path, monkeypatch):
    # official releases: annual GDP totals 2021 and 2023, a half-year total 2024, and a
    # series first published at 1–9月 2018 (Q4 = 1000 - 700 is a real quarter)
    monkeypatch.setattr(validation, "is_release_collection", lambda path: True)  # gaps allowed
    path = tmp_path / "releases.csv"
    rows = [
        "region,indicator,period,period_type,measure,value,unit,source",
        "city,fai,2021Q4,ytd,level,900,100m_yuan,t",
        "city,fai,2023Q4,ytd,level,1000,100m_yuan,t",
        "city,fai,2024Q2,ytd,level,520,100m_yuan,t",
        "airport,fai,2018Q3,ytd,level,700,100m_yuan,t",
        "airport,fai,2018Q4,ytd,level,1000,100m_yuan,t",
        "airport,fai,2019Q1,ytd,level,250,100m_yuan,t",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="1 series left out") as caught:
        panel = build_panel(load_records(path))
    assert "city/fai/level/ytd: no single-quarter value" in user_warnings(caught)[0]
    assert set(panel["region"]) == {"airport"}
    fai = series(panel, "airport", "fai", "level")
    assert fai.to_dict() == {pd.Period("2018Q4", "Q"): 300.0, pd.Period("2019Q1", "Q"): 250.0}
