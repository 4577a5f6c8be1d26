"""A flow year given only as 当季/当月 levels beside 累计 years: read as the 累计 they add up
to, or refused where they cannot be added up; never dropped and called missing (V8; T7A-7)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from clusterlib import paths
from clusterlib.evaluation.evaluate import evaluate_clusters
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.exceptions import DataValidationError
from clusterlib.inputs.panel import build_panel, load_records
from clusterlib.messages import told

HEADER = "region,indicator,period,period_type,measure,value,unit,source\n"
YTD_2018 = [("2018Q1", 100), ("2018Q2", 200), ("2018Q3", 300), ("2018Q4", 400)]
SINGLE_2019 = [("2019Q1", 110), ("2019Q2", 120), ("2019Q3", 130), ("2019Q4", 140)]


def _write(path: Path, rows: list[tuple[str, str, float]]) -> Path:
    """airport's 主营业务收入 (亿元): (period, period_type, value) a row."""
    lines = [
        f"airport,main_business_revenue,{period},{kind},level,{value},100m_yuan,test\n"
        for period, kind, value in rows
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _files(tmp_path: Path, singles: list[tuple[str, float]]) -> list[Path]:
    history = _write(tmp_path / "ytd.csv", [(p, "ytd", v) for p, v in YTD_2018])
    return [history, _write(tmp_path / "single.csv", [(p, "single", v) for p, v in singles])]


def test_a_year_of_complete_single_levels_is_read_as_the_ytd_levels_they_add_up_to(tmp_path):
    """The 2019 当季 levels were dropped from the panel (the series reads its 累计): the
    evaluation called them missing."""
    records = load_records(_files(tmp_path, SINGLE_2019))
    ytd = records[(records["period_type"] == "ytd") & (records["period"].map(str) >= "2019")]
    assert ytd["value"].tolist() == [110, 230, 360, 500]  # 110, +120, +130, +140 by hand
    panel = build_panel(records)
    quarters = panel[panel["period"].map(str) >= "2019"]
    assert quarters["value"].tolist() == [110, 120, 130, 140]
    assert len(panel) == 8  # 2018 and 2019, one series


def test_a_monthly_year_of_single_levels_is_added_up_from_january_as_published(tmp_path):
    """Monthly 累计 are published from 1–2月: the added 累计 start at 02 (Jan + Feb)."""
    history = [(f"2018-{m:02d}", "ytd", 10 * m) for m in range(2, 13)]
    singles = [("2019-01", "single", 11), ("2019-02", "single", 12), ("2019-03", "single", 13)]
    records = load_records(_write(tmp_path / "m.csv", history + singles))
    ytd = records[(records["period_type"] == "ytd") & (records["period"].map(str) >= "2019")]
    assert list(zip(ytd["period"].map(str), ytd["value"], strict=True)) == [
        ("2019-02", 23),
        ("2019-03", 36),
    ]


@pytest.mark.parametrize(
    "lang, line",
    [
        (
            "en",
            "single.csv, row 2, column 'period_type': airport/main_business_revenue 2019 is "
            "given only as single-period (quarter or month alone) levels (2019Q2, 2019Q3, 2019Q4), "
            "without "
            "year-to-date ones, and not every period from the year's first: they cannot be "
            "added up into the year-to-date levels the series' other years are read as "
            "(assumption V8); give every single period from the year's first, or the year's "
            "year-to-date levels",
        ),
        (
            "zh",
            "single.csv，第2行，“period_type”列：郑州航空港产业集聚区规模以上工业主营业务收入2019年"
            "只有当期（当季/当月）水平值（2019年第二季度、2019年第三季度、2019年第四季度），没有累计值，"
            "且不是从年内第一期起逐期齐全：无法累加为累计值，而该序列其他年份按累计读取（假设V8）；请补齐自第一期起的当期值，"
            "或给出该年的累计值",
        ),
    ],
)
def test_a_year_of_single_levels_that_cannot_be_added_up_is_refused(
    tmp_path, monkeypatch, lang, line
):
    """2019's 当季 from Q2 only: no 累计 can be added up, and the year is not dropped unsaid."""
    _files(tmp_path, SINGLE_2019[1:])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataValidationError) as refused:
        load_records([Path("ytd.csv"), Path("single.csv")])
    assert [told(p, lang) for p in refused.value.problems] == [line]


def test_the_evaluation_ranks_a_cluster_given_as_single_levels_as_with_ytd_ones(tmp_path):
    """The tester's files: airport's 2019 moved into a file of its own, its flows as exact
    当季 differences. Airport was missing revenue and tax, ranked 2 without stars; with the
    累计 (the demo) it is first with 6 stars."""
    demo = pd.read_csv(paths.DEMO / "evaluation.csv", dtype=str)
    airport_2019 = (demo["region"] == "airport") & (demo["period"] >= "2019")
    demo[~airport_2019].to_csv(tmp_path / "eval_air18.csv", index=False)
    pieces = []
    for _, rows in demo[airport_2019].groupby("indicator"):
        rows = rows.sort_values("period").copy()
        if rows["period_type"].iloc[0] == "ytd":
            ytd = rows["value"].astype(float)
            rows["value"] = ytd.diff().fillna(ytd).map("{:.2f}".format)
            rows["period_type"] = "single"
        pieces.append(rows)
    pd.concat(pieces).to_csv(tmp_path / "air19_single.csv", index=False)
    scheme = load_scheme(paths.PARAMS / "evaluation_henan.yaml")
    panel = paths.DEMO / "panel.csv"
    given = [panel, tmp_path / "eval_air18.csv", tmp_path / "air19_single.csv"]
    single = evaluate_clusters(load_records(given), 2019, scheme).set_index("region")
    ytd = [panel, paths.DEMO / "evaluation.csv"]
    expected = evaluate_clusters(load_records(ytd), 2019, scheme).set_index("region")
    columns = ["rank", "stars_estimate", "missing"]
    assert single.loc["airport", columns].tolist() == expected.loc["airport", columns].tolist()
    assert (single.loc["airport", "rank"], single.loc["airport", "stars_estimate"]) == (1, 6)
    assert single.loc["airport", "composite"] == pytest.approx(expected.at["airport", "composite"])


def _ytd(records: pd.DataFrame, since: str) -> list[tuple[str, float]]:
    ytd = records[(records["period_type"] == "ytd") & (records["period"].map(str) >= since)]
    return list(zip(ytd["period"].map(str), ytd["value"], strict=True))


def test_a_monthly_year_of_single_levels_from_the_1_2_month_figure_is_added_up(tmp_path):
    """V10: 2019 given as 当月 from the combined 1–2月 figure (January is never published
    alone, so the series has no January) was refused as not starting in January."""
    history = [(f"2018-{m:02d}", "ytd", 10 * m) for m in range(2, 13)]
    singles = [("2019-02", "single", 25), ("2019-03", "single", 13), ("2019-04", "single", 14)]
    records = load_records(_write(tmp_path / "m.csv", history + singles))
    # by hand: 1–2月 25; 1–3月 25 + 13 = 38; 1–4月 38 + 14 = 52
    assert _ytd(records, "2019") == [("2019-02", 25), ("2019-03", 38), ("2019-04", 52)]
    panel = build_panel(records).set_index("period")
    assert panel.loc[pd.Period("2019Q1"), "value"] == 38  # 1–3月 累计, the year's first quarter


def test_a_monthly_series_given_only_as_single_levels_is_added_up_not_dropped(tmp_path):
    """V10: a file of 当月 levels alone, each year from 1–2月, was refused as a gap at each
    January; given from January it passed but the panel and the ledger (which read monthly
    累计 only) left the series out unsaid."""
    singles = [("2018-02", "single", 30)] + [(f"2018-{m:02d}", "single", 10) for m in range(3, 13)]
    singles += [("2019-02", "single", 24), ("2019-03", "single", 11), ("2019-04", "single", 12)]
    records = load_records(_write(tmp_path / "m.csv", singles))
    # by hand: 2018: 30, 40, …, 130 (1–12月); 2019: 24, 24 + 11 = 35, 35 + 12 = 47
    assert _ytd(records, "2018-12") == [
        ("2018-12", 130),
        ("2019-02", 24),
        ("2019-03", 35),
        ("2019-04", 47),
    ]
    panel = build_panel(records).set_index("period")["value"]
    assert panel[pd.Period("2018Q1")] == 40 and panel[pd.Period("2018Q4")] == 30
    assert panel[pd.Period("2019Q1")] == 35
    from_january = [(f"2019-{m:02d}", "single", 10) for m in range(1, 7)]
    records = load_records(_write(tmp_path / "j.csv", from_january))
    # January's 当月 is not a published 累计: the first 累计 is 1–2月, 10 + 10
    assert _ytd(records, "2019")[:2] == [("2019-02", 20), ("2019-03", 30)]
    assert build_panel(records).set_index("period").loc[pd.Period("2019Q2"), "value"] == 30


@pytest.mark.parametrize(
    "singles, periods, months",
    [
        # a month missing: 1–2月, March, then May
        (
            [("2019-02", 25), ("2019-03", 13), ("2019-05", 15)],
            "2019-02, 2019-03, 2019-05",
            "2019年2月、2019年3月、2019年5月",
        ),
        # the series gives January alone in 2018, so 2019's 02 is February alone
        ([("2019-02", 12), ("2019-03", 13)], "2019-02, 2019-03", "2019年2月、2019年3月"),
    ],
)
def test_a_monthly_year_that_cannot_be_added_up_is_refused(
    tmp_path, monkeypatch, singles, periods, months
):
    """Only where the 当月 cannot add up (a gap, or January missing from a series that gives
    it) is the year refused, at its first row, in a file of its own."""
    _write(tmp_path / "y2018.csv", [(f"2018-{m:02d}", "single", 10) for m in range(1, 13)])
    _write(tmp_path / "y2019.csv", [(p, "single", v) for p, v in singles])
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataValidationError) as refused:
        load_records([Path("y2018.csv"), Path("y2019.csv")])
    lines = [told(p, "en") for p in refused.value.problems]
    assert (
        "y2019.csv, row 2, column 'period_type': airport/main_business_revenue 2019 is given "
        f"only as levels of single months ({periods}) that cannot be added up into year-to-date "
        "levels: not every month from January, or from the January–February figure at 02 in a "
        "series that gives no January alone (assumptions V8, V10); a series that gives "
        "January alone in some year reads 02 as February alone. Give the missing months, or "
        "the year's year-to-date levels"
    ) in lines
    assert (
        "y2019.csv，第2行，“period_type”列：郑州航空港产业集聚区规模以上工业主营业务收入2019年只有"
        f"当月水平值（{months}），无法累加为累计值：不是自1月起（或在不单列1月的序列中，自作为"
        "1—2月合计的2月起）逐月齐全（假设V8、V10）；某年单列了1月的序列，其2月读作2月当月。"
        "请补齐缺少的月份，或给出该年的累计值"
    ) in [told(p, "zh") for p in refused.value.problems]
