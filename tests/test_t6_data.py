"""Broken levels that passed as data (tester 6): a 0 denominator, a level 10,000× too small,
a rate outside 0–100% or typed as a ratio, 当期 figures beside 累计 ones."""

from __future__ import annotations

import codecs
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.evaluation.values import YearValues
from clusterlib.goals import progress
from clusterlib.inputs.panel import build_panel, load_records
from clusterlib.inputs.validation import validate_files
from clusterlib.messages import told

HEADER = "region,indicator,period,period_type,measure,value,unit,source,synthetic\n"
CLUSTERS = ("airport", "econ_tech", "hitech", "jindai", "mazhai")
DEMO = paths.DEMO


def _file(tmp_path: Path, lines: list[str], name: str = "data.csv") -> Path:
    """A data file of ``lines`` (region,indicator,period,period_type,measure,value,unit)."""
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{line},test,false\n" for line in lines), encoding="utf-8")
    return path


def _problems(*files: Path, lang: str = "en") -> list[str]:
    """Every problem of ``files`` as its line in ``lang``."""
    return [told(problem, lang) for problem in validate_files(files).problems]


def _stock(indicator: str, unit: str, values: tuple[float, ...], period: str = "2019Q2") -> list:
    """One level of ``indicator`` per cluster of :data:`CLUSTERS`."""
    return [
        f"{region},{indicator},{period},single,level,{value:g},{unit}"
        for region, value in zip(CLUSTERS, values, strict=True)
    ]


def test_zero_built_up_land_is_refused(tmp_path: Path) -> None:
    """T6-2: 建成区面积 0 (a blank exported as 0) is refused at its row (V5)."""
    path = _file(tmp_path, _stock("built_up_land", "mu", (9000, 8000, 7000, 6000, 0)))
    assert _problems(path) == [
        f"{path}, row 6, column 'value': level 0 of mazhai built_up_land 2019Q2, a denominator "
        "of per-mu and per-person ratios: expected above 0 (assumption V5); check whether a "
        "blank was exported as 0"
    ]
    assert _problems(path, lang="zh") == [
        f"{path}，第6行，“value”列：马寨产业集聚区建成区面积2019年第二季度的水平值为0：它是亩均、"
        "人均比率的分母，应大于0（假设V5）；请核对该格是否把空白记成了0"
    ]


def test_zero_count_is_no_denominator(tmp_path: Path) -> None:
    """A count of 0 (no project over 1亿 this quarter) is a real figure, not refused."""
    lines = _stock("projects_over_100m_yuan", "count", (3, 2, 4, 1, 0))
    assert _problems(_file(tmp_path, lines)) == []


def test_ratio_over_zero_land_is_missing() -> None:
    """T6-2: the evaluation's 亩均增加值 over a land of 0 is missing (NaN), never inf."""
    records = load_records([DEMO / "panel.csv", DEMO / "evaluation.csv"])
    land = (records["region"] == "mazhai") & (records["indicator"] == "built_up_land")
    records.loc[land, "value"] = 0.0
    scheme = load_scheme(paths.PARAMS / "evaluation_henan.yaml")
    values = YearValues(build_panel(records), 2018, scheme, pd.Period("2018Q4", "Q-DEC"))
    table = values.actual(["mazhai", "xinmi"])
    ratios = [item.id for item in scheme.indicators if item.metric == "ratio"]
    land_ratios = [i.id for i in scheme.indicators if i.denominator == "built_up_land"]
    assert land_ratios and set(land_ratios) <= set(ratios)
    assert table.loc["mazhai", land_ratios].isna().all()
    assert np.isfinite(table.loc["xinmi", land_ratios]).all()


def test_goal_ratio_over_zero_stock_is_no_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """T6-2: a goal's ratio over a stock of 0 is ``no data``, never an infinite forecast."""
    draws = pd.Series([40.0, 41.0])
    figures = {
        "industry_va": progress._Value(20.0, 40.0, draws),
        "built_up_land": progress._Value(0.0, 0.0, draws * 0),
    }
    monkeypatch.setattr(progress, "_metric_value", lambda ctx, region, name, metric: figures[name])
    goal = {"id": "va_per_mu", "indicator": "industry_va", "denominator": "built_up_land"}
    row = progress._ratio_row(goal | {"scale": 10000, "threshold": 48}, "mazhai", None)
    assert row["status"] == "no data"
    assert np.isnan(row["forecast"])


def test_level_ten_thousand_times_too_small_is_refused(tmp_path: Path) -> None:
    """T6-5: 从业人员 in 万人 (2.07 for 20,666) is 1/1000 or less of the others' median (V3)."""
    path = _file(tmp_path, _stock("employment", "persons", (30000, 26000, 20000, 18000, 2.07)))
    assert _problems(path) == [
        f"{path}, row 6, column 'value': level 2.07 of mazhai is 1/9,662 of the median of the 4 "
        "other clusters' employment 2019Q2 single, hitech's 20000 (row 4): expected above "
        "1/1000 of it (assumption V3b); check the unit (10,000 persons or persons, 10,000 mu or "
        "mu, 100 million or 10,000 yuan)"
    ]


def test_small_cluster_within_a_thousandth_passes(tmp_path: Path) -> None:
    """A cluster a hundredth of the others' size is real (small), not a unit slip."""
    path = _file(tmp_path, _stock("employment", "persons", (30000, 26000, 20000, 18000, 210)))
    assert _problems(path) == []


@pytest.mark.parametrize("value", ["9360", "100.5"])
def test_rate_outside_0_to_100_is_refused(tmp_path: Path, value: str) -> None:
    """T6-1: 污水集中处理率 9360% (typo for 93.6) or 100.5 is refused at its row (V6)."""
    path = _file(tmp_path, [f"mazhai,sewage_treatment_rate,2019Q2,single,level,{value},pct"])
    assert _problems(path) == [
        f"{path}, row 2, column 'value': {value}% of mazhai sewage_treatment_rate 2019Q2 is "
        "outside 0 to 100%: a rate or share in % (assumption V6)"
    ]


def test_rate_typed_as_ratio_is_refused(tmp_path: Path) -> None:
    """T6-1: 0.974 for 97.4% beside other clusters at 90+ is refused at its row (V6)."""
    lines = _stock("sewage_treatment_rate", "pct", (96, 95.5, 98, 93, 0.974))
    path = _file(tmp_path, lines)
    assert _problems(path) == [
        f"{path}, row 6, column 'value': 0.974 for mazhai sewage_treatment_rate 2019Q2 "
        "beside the median of the 4 other clusters' at the same period 95.75: a ratio, not a "
        "percentage (assumption V6); expected the rate in % (97.4)"
    ]


def test_rate_as_ratio_against_own_periods(tmp_path: Path) -> None:
    """The city's rate, with no clusters to compare, is held to its own other periods."""
    lines = [
        "city,sewage_treatment_rate,2019Q1,single,level,97.1,pct",
        "city,sewage_treatment_rate,2019Q2,single,level,0.975,pct",
    ]
    path = _file(tmp_path, lines)
    assert _problems(path) == [
        f"{path}, row 3, column 'value': 0.975 for city sewage_treatment_rate 2019Q2 "
        "beside the median of the region's other periods 97.1: a ratio, not a percentage "
        "(assumption V6); expected the rate in % (97.5)"
    ]


YTD = [
    "mazhai,fai,2018Q1,ytd,level,10.47,100m_yuan",
    "mazhai,fai,2018Q2,ytd,level,39.25,100m_yuan",
]


def test_single_contradicting_ytd_is_refused(tmp_path: Path) -> None:
    """T6-15: a 当季 level differing from the 累计 difference is refused, naming both rows."""
    ytd = _file(tmp_path, YTD, "ytd.csv")
    single = _file(
        tmp_path,
        [
            "mazhai,fai,2018Q1,single,level,300,100m_yuan",
            "mazhai,fai,2018Q2,single,level,28.8,100m_yuan",
        ],
        "single.csv",
    )
    assert _problems(ytd, single) == [
        f"{single}, row 2, column 'value': single-period level 300 of fai 2018Q1 differs from "
        f"the 10.47 the year-to-date levels imply (row 2 of {ytd}: the year-to-date level of the "
        "year's first period): expected within 5% (assumption V7); check both rows"
    ]


def test_single_month_contradicting_ytd_is_refused(tmp_path: Path) -> None:
    """T6-15: a 当月 level is held to the difference of the month's and the last month's 累计."""
    lines = [
        "mazhai,fai,2019-05,ytd,level,30.64,100m_yuan",
        "mazhai,fai,2019-06,ytd,level,43.26,100m_yuan",
        "mazhai,fai,2019-06,single,level,999,100m_yuan",
    ]
    path = _file(tmp_path, lines)
    assert _problems(path) == [
        f"{path}, row 4, column 'value': single-period level 999 of fai 2019-06 differs from the "
        "12.62 the year-to-date levels imply (row 3 minus row 2): expected within 5% "
        "(assumption V7); check both rows"
    ]


def test_a_february_single_above_its_1_2_month_ytd_is_refused(tmp_path: Path) -> None:
    """No January 累计 beside 1–2月: February's 当月 can only be checked not to exceed it."""
    lines = [
        "mazhai,fai,2019-02,ytd,level,20.5,100m_yuan",
        "mazhai,fai,2019-02,single,level,205,100m_yuan",
        "airport,fai,2019-02,ytd,level,20.5,100m_yuan",
        "airport,fai,2019-02,single,level,11.3,100m_yuan",
    ]
    path = _file(tmp_path, lines)
    assert _problems(path) == [
        f"{path}, row 3, column 'value': single-period level 205 of fai 2019-02 is above the "
        "year-to-date level 20.5 of the same period (row 2): a part cannot exceed the whole "
        "(assumption V7); check both rows"
    ]
    assert _problems(path, lang="zh")[0].endswith(
        "“value”列：固定资产投资2019年2月当期水平值205大于同期累计水平值20.5（第2行）："
        "当期不应超过累计（假设V7）；请核对两行"
    )


def test_consistent_single_and_ytd_give_one_series(tmp_path: Path) -> None:
    """T6-14: 当季 beside consistent 累计 levels: one panel series (the 累计's), no duplicates."""
    single = ["mazhai,fai,2018Q1,single,level,10.47,100m_yuan"]
    single += ["mazhai,fai,2018Q2,single,level,28.8,100m_yuan"]
    files = [_file(tmp_path, YTD, "ytd.csv"), _file(tmp_path, single, "single.csv")]
    assert _problems(*files) == []
    panel = build_panel(load_records(files))
    assert panel["period"].astype(str).tolist() == ["2018Q1", "2018Q2"]
    assert panel["value"].round(2).tolist() == [10.47, 28.78]


def test_gbk_text_after_a_utf8_bom_is_read(tmp_path: Path) -> None:
    """T6-11: GB18030 text behind a UTF-8 BOM is read (the header was '锘縭egion')."""
    path = tmp_path / "bomgbk.csv"
    text = HEADER + "郑州航空港产业集聚区,built_up_land,2019Q2,single,level,9000,mu,来源,false\n"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("gb18030"))
    assert _problems(path) == []
    assert validate_files([path]).records["region"].tolist() == ["airport"]
