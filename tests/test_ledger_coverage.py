"""The ledger on data that lack an indicator or whole clusters: left out or marked, never dropped
silently; nothing left to report is a one-line error before the notebook (planted gaps)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from clusterlib import catalog, cli, paths
from clusterlib.coverage import missing_at

MONTH = "2019-06"
JUNE = "2019年6月"  # the month as a Chinese terminal line writes it
NAMES = {"industry_va": "规模以上工业增加值", "fai": "固定资产投资"}


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return pd.read_csv(paths.DEMO / "monthly.csv", dtype=str, keep_default_na=False)


def ledger(tmp_path, capsys, frame: pd.DataFrame) -> tuple[int, str, object]:
    """Run ``clusterlib ledger`` for June 2019 on ``frame``: exit code, stderr, report folder."""
    data = tmp_path / "monthly.csv"
    frame.to_csv(data, index=False)
    args = ["ledger", "--month", MONTH, "--data", str(data), "--projects", ""]
    code = cli.main([*args, "--out", str(tmp_path / "out")])
    return code, capsys.readouterr().err, tmp_path / "out" / "ledger" / MONTH


@pytest.mark.parametrize("absent", ["fai", "industry_va"])
def test_an_indicator_without_data_is_left_out_and_said(absent, demo, tmp_path, capsys):
    code, err, folder = ledger(tmp_path, capsys, demo[demo["indicator"] != absent])
    assert code == 0, err  # was: the notebook failed with KeyError in its table cells
    assert f"警告：{JUNE}无{NAMES[absent]}数据：不列入报告" in err
    rows = pd.read_csv(folder / "ledger.csv", encoding="utf-8-sig")
    shown = [i for i in ("industry_va", "fai", "hightech_va") if i != absent]
    assert list(dict.fromkeys(rows["indicator"])) == shown
    sheets = pd.ExcelFile(folder / "ledger.xlsx").sheet_names
    assert NAMES[absent] not in sheets and sheets[-1] == "数据缺失"
    missing = pd.read_excel(folder / "ledger.xlsx", sheet_name="数据缺失", header=1)
    assert list(missing["类别"]) == ["指标无数据"] and list(missing["指标代码"]) == [absent]
    coverage = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["coverage"]
    assert coverage["indicators_without_data"] == [absent]
    assert coverage["regions_without_data"] == [] and coverage["missing_pairs"] == []
    page = (folder / "ledger.html").read_text(encoding="utf-8")
    assert f"数据缺失：{NAMES[absent]}无{JUNE}数据" in page


def test_clusters_absent_from_the_file_are_warned_recorded_and_kept_as_rows(demo, tmp_path, capsys):
    planted = ["econ_tech", "airport"]  # catalogue order
    code, err, folder = ledger(tmp_path, capsys, demo[~demo["region"].isin(planted)])
    assert code == 0, err
    names = [catalog.region_name(r, "zh") for r in planted]
    assert f"警告：{JUNE}无数据的地区（2个）：{'、'.join(names)}" in err.splitlines()
    coverage = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["coverage"]
    assert coverage["regions_without_data"] == sorted(planted)
    rows = pd.read_csv(folder / "ledger.csv", encoding="utf-8-sig")
    june = rows[rows["month"] == MONTH]
    for _, sheet in june.groupby("indicator"):
        assert list(sheet["region"])[-2:] == planted  # after the regions with data
        gaps = sheet[sheet["region"].isin(planted)]
        assert (gaps["plan_status"] == "no data").all()
        assert gaps[["ytd", "growth", "rank", "projected_growth"]].isna().all().all()
        ranks = sheet["rank"].dropna()  # the other ten clusters are ranked among themselves
        assert len(ranks) == 10 and ranks.min() == 1 and ranks.max() <= 10
    sheet = pd.read_excel(folder / "ledger.xlsx", sheet_name="固定资产投资", header=3)
    marked = sheet.set_index("地区").loc[names, "方案目标状态"]
    assert list(marked) == ["本月无数据", "本月无数据"]
    missing = pd.read_excel(folder / "ledger.xlsx", sheet_name="数据缺失", header=1)
    assert list(missing["地区代码"]) == sorted(planted)
    page = (folder / "ledger.html").read_text(encoding="utf-8")
    assert f"数据缺失：{'、'.join(names)}无{JUNE}数据" in page and "本月无数据" in page


def test_the_citys_industry_alone_is_a_ledger_of_the_city(demo, tmp_path, capsys):
    only = (demo["region"] == "city") & (demo["indicator"] == "industry_va")
    code, err, folder = ledger(tmp_path, capsys, demo[only])
    assert code == 0, err
    assert f"警告：{JUNE}无数据的地区（12个）：" in err
    june = pd.read_csv(folder / "ledger.csv", encoding="utf-8-sig").query("month == @MONTH")
    assert set(june["indicator"]) == {"industry_va"}
    assert list(june["region"]) == ["city", *catalog.clusters()]
    assert (june["plan_status"].iloc[1:] == "no data").all() and june["rank"].isna().all()


def test_nothing_to_report_is_one_line_before_any_notebook(demo, tmp_path, capsys):
    other = demo[demo["indicator"] == "industry_va"].assign(indicator="main_business_revenue")
    code, err, _ = ledger(tmp_path, capsys, other)
    assert code == 1
    assert err.strip() == (
        "错误：2019年6月无台账指标（规模以上工业增加值、固定资产投资、高新技术产业增加值）数据："
        f"该月的月度累计数据只有规模以上工业主营业务收入（{tmp_path / 'monthly.csv'}）"
    )
    assert not (tmp_path / "out").exists()  # no notebook ran, nothing was kept or written


def test_expected_regions_without_any_row_are_missing_by_hand():
    rows = pd.DataFrame(
        {
            "region": ["city", "a", "a", "b"],
            "indicator": ["x", "x", "y", "x"],
            "period": ["p2", "p2", "p2", "p1"],
        }
    )
    gaps = missing_at(rows, "p2", ["x", "y"], ["city", "a", "b", "c"])
    assert gaps.regions == ("b", "c")  # b has data only at p1; c none at all
    assert gaps.pairs == (("city", "y"),)  # the city is there, without y
    assert missing_at(rows, "p2", ["x", "y"]).pairs == ()  # without expected regions as before


def test_a_cluster_lacking_one_indicator_gets_a_row_in_that_table_only():
    from clusterlib.coverage import Coverage
    from clusterlib.inputs.panel import load_records
    from clusterlib.ledger.indicators import indicator_ledger, monthly_table, with_gaps
    from clusterlib.ledger.settings import load_ledger_settings

    table = monthly_table(load_records(paths.DEMO / "monthly.csv"))
    planted = (table["region"] == "xinmi") & (table["indicator"] == "fai")
    table = table[~(planted & (table["period"] == pd.Period(MONTH, freq="M")))]
    settings = load_ledger_settings()
    ledger = indicator_ledger(table, MONTH, settings)
    gaps = Coverage(MONTH, pairs=(("xinmi", "fai"),))
    june = with_gaps(ledger, gaps).query("month == @MONTH")
    xinmi = june[june["region"] == "xinmi"]
    assert list(xinmi["indicator"]) == ["industry_va", "fai", "hightech_va"]  # sheet order
    assert list(xinmi["plan_status"])[1] == "no data" and xinmi["growth"].isna().tolist() == [
        False, True, False
    ]  # fmt: skip
    assert june[june["indicator"] == "fai"]["region"].iloc[-1] == "xinmi"  # after the others
    assert len(with_gaps(ledger, gaps)) == len(ledger) + 1


def _june_status(demo: pd.DataFrame, status: str) -> pd.DataFrame:
    """The demo to June 2019, every June row of ``status`` (the rest final)."""
    frame = demo[demo["period"] <= MONTH].assign(status="final")
    frame.loc[frame["period"] == MONTH, "status"] = status
    return frame


@pytest.mark.parametrize(
    ("status", "zh", "en"),
    [
        ("estimate", "预计数（estimate）", "estimate"),
        ("alternative", "其他来源数（alternative）", "alternative"),
    ],
)
def test_a_month_whose_rows_are_all_preliminary_is_refused_as_such(
    status, zh, en, demo, tmp_path, capsys
):
    """T7A-1: June's 65 rows all estimate (or alternative): a ledger titled June used to be
    written with May's table, no June row, no warning and nothing missing in the manifest
    (the guard counted the rows, the analysis, reading final rows only, dropped them)."""
    code, err, _ = ledger(tmp_path, capsys, _june_status(demo, status))
    assert code == 1
    data = tmp_path / "monthly.csv"
    assert err.strip() == (
        f"错误：{JUNE}无最终数据：月度累计数据中{JUNE}仅有65条{zh}，"
        f"只分析最终数（status为final）；最终数据止于2019年5月（{data}）"
    )
    assert not (tmp_path / "out").exists()
    args = ["ledger", "--month", MONTH, "--data", str(data), "--projects", "", "--lang", "en"]
    assert cli.main([*args, "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.strip() == (
        f"error: no final data for {MONTH}: the monthly year-to-date data hold only {en} "
        f"figures of {MONTH} (65 rows), and only status final is analysed; the final data end "
        f"in 2019-05 ({data})"
    )


def test_a_month_partly_preliminary_is_the_ledger_of_its_final_rows_as_if_the_rest_were_deleted(
    demo, tmp_path, capsys
):
    """T7A-1, partial: June final for 规上 (every region) and the airport's 投资, the other June
    rows estimate. The 投资 table had the airport alone (no row, not even 本月无数据, for the
    city and the 11 other clusters) and 高新 no June row, all unsaid; now the ledger is the
    one of the same file with those rows deleted, and says they were not final."""
    frame = _june_status(demo, "estimate")
    june = frame["period"] == MONTH
    final = june & (
        (frame["indicator"] == "industry_va")
        | ((frame["region"] == "airport") & (frame["indicator"] == "fai"))
    )
    frame.loc[final, "status"] = "final"
    (tmp_path / "estimate").mkdir()
    (tmp_path / "deleted").mkdir()
    code, err, folder = ledger(tmp_path / "estimate", capsys, frame)
    assert code == 0, err
    deleted = frame[~june | final].drop(columns="status")
    same, err_deleted, folder_deleted = ledger(tmp_path / "deleted", capsys, deleted)
    assert same == 0, err_deleted
    said = [line for line in err.splitlines() if "预计数" not in line]
    assert said == err_deleted.splitlines()[: len(said)] and len(said) >= 2
    assert f"警告：{JUNE}无高新技术产业增加值数据：不列入报告（其他指标不重新加权）" in said
    assert said[1].startswith(f"警告：{JUNE}缺少12项地区指标数据：")
    assert f"警告：{JUNE}有25项地区指标只有预计数等非最终数，不作分析（按缺数处理）：" in err
    rows = pd.read_csv(folder / "ledger.csv", encoding="utf-8-sig")
    rows_deleted = pd.read_csv(folder_deleted / "ledger.csv", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(rows, rows_deleted)
    fai = rows[(rows["month"] == MONTH) & (rows["indicator"] == "fai")].set_index("region")
    airport = frame[final & (frame["region"] == "airport") & (frame["measure"] == "growth")]
    assert len(fai) == 13 and fai.loc["airport", "growth"] == float(airport["value"].iloc[-1])
    assert (fai.drop(index="airport")["plan_status"] == "no data").all()
    assert "hightech_va" not in set(rows["indicator"])
    coverage = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["coverage"]
    assert coverage["indicators_without_data"] == ["hightech_va"]
    assert (
        len(coverage["missing_pairs"]) == 12 and ["airport", "fai"] not in coverage["missing_pairs"]
    )
    assert len(coverage["preliminary_not_analysed"]) == 25
    deleted_coverage = json.loads((folder_deleted / "manifest.json").read_text("utf-8"))["coverage"]
    assert {**coverage, "preliminary_not_analysed": []} == deleted_coverage
