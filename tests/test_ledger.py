"""Tests of the indicator ledger: a hand calculation, the 时序进度 rules, settings, the command."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest

from clusterlib import cli, paths
from clusterlib.exceptions import ParameterError
from clusterlib.inputs.panel import load_records
from clusterlib.ledger.indicators import indicator_ledger, monthly_table, progress_status
from clusterlib.ledger.settings import LedgerSettings, load_ledger_settings

SETTINGS = LedgerSettings(
    data=("data/demo/monthly.csv",),
    projects="",
    lang="zh",
    indicators=("industry_va", "fai"),
    default_target=8.0,
    indicator_targets={"fai": 10.0},
    region_targets={"fai": {"airport": 15.0}},
    seasonal_years=3,
    red=5.0,
    yellow=1.0,
)


@pytest.fixture(scope="module")
def table():
    return monthly_table(load_records(paths.DEMO / "monthly.csv"))


@pytest.fixture(scope="module")
def raw():
    """The committed file as plain numbers, for the hand calculation."""
    frame = pd.read_csv(paths.DEMO / "monthly.csv")
    return frame.set_index(["region", "indicator", "measure", "period"])["value"]


def test_airport_fai_june_2019_by_hand(table, raw):
    ledger = indicator_ledger(table, "2019-06", SETTINGS)
    row = ledger.set_index(["region", "indicator", "month"]).loc[("airport", "fai", "2019-06")]

    def level(region, period):
        return raw[(region, "fai", "level", period)]

    def growth(region, period):
        return raw[(region, "fai", "growth", period)]

    assert row["ytd"] == level("airport", "2019-06")
    assert row["growth"] == growth("airport", "2019-06")
    assert row["growth_change"] == pytest.approx(
        growth("airport", "2019-06") - growth("airport", "2019-05")
    )
    assert row["gap_city"] == pytest.approx(
        growth("airport", "2019-06") - growth("city", "2019-06")
    )
    clusters = [r for r in raw.index.get_level_values("region").unique() if r != "city"]
    faster = sum(growth(c, "2019-06") > growth("airport", "2019-06") for c in clusters)
    assert row["rank"] == 1 + faster
    target = level("airport", "2018-12") * 1.15  # airport's own fai target: +15%
    assert row["target"] == pytest.approx(target)
    assert row["completion"] == pytest.approx(100 * level("airport", "2019-06") / target)
    shares = [level("airport", f"{y}-06") / level("airport", f"{y}-12") for y in (2016, 2017, 2018)]
    assert row["expected_share"] == pytest.approx(100 * np.mean(shares))
    assert row["progress_basis"] == "seasonal"
    behind = row["completion"] - row["expected_share"]
    expected = "red" if behind < -5 else "yellow" if behind < -1 else "green"
    assert row["status"] == expected


def test_rows_city_first_then_catalogue_order(table):
    ledger = indicator_ledger(table, "2019-06", SETTINGS)
    june = ledger[(ledger["month"] == "2019-06") & (ledger["indicator"] == "fai")]
    assert june["region"].iloc[0] == "city"
    assert list(june["region"].iloc[1:4]) == ["econ_tech", "airport", "hitech"]
    clusters = june[june["region"] != "city"]
    faster = [(clusters["growth"] > g).sum() for g in clusters["growth"]]
    assert list(clusters["rank"]) == [1 + n for n in faster]  # ties share the better rank
    assert np.isnan(june["rank"].iloc[0])


def test_calendar_share_when_fewer_years_than_the_pattern_needs(table):
    recent = table[[p.year >= 2017 for p in table["period"]]]
    ledger = indicator_ledger(recent, "2019-06", SETTINGS)
    june = ledger[ledger["month"] == "2019-06"]
    assert (june["progress_basis"] == "months/12").all()
    assert np.allclose(june["expected_share"], 50.0)


def test_growth_only_series_has_no_completion(table):
    settings = dataclasses.replace(SETTINGS, indicators=("hightech_va",))
    ledger = indicator_ledger(table, "2019-03", settings)
    assert (ledger["progress_basis"] == "no level").all()
    assert ledger["completion"].isna().all() and (ledger["status"] == "").all()
    assert ledger["growth"].notna().all()


def test_progress_status_margins():
    status = progress_status(np.array([-6.0, -5.0, -0.5, 0.0, 3.0, np.nan]), red=5.0, yellow=0.0)
    assert list(status) == ["red", "yellow", "yellow", "green", "green", ""]


def test_default_settings_read_and_bad_settings_listed(tmp_path):
    settings = load_ledger_settings()
    assert settings.target("airport", "fai") == settings.indicator_targets["fai"]
    bad = tmp_path / "ledger.yaml"
    text = (paths.PARAMS / "ledger.yaml").read_text(encoding="utf-8")
    text = text.replace("red: 2.0", "red: lots").replace("  - hightech_va", "  - no_such")
    bad.write_text(text + "extra: 1\n", encoding="utf-8")
    with pytest.raises(ParameterError) as error:
        load_ledger_settings(bad)
    message = str(error.value)
    assert "3 problem(s)" in message
    assert "progress.red" in message and "indicators" in message and "extra" in message


def test_cli_bad_month_is_a_clear_error(capsys, tmp_path):
    assert cli.main(["ledger", "--month", "2019-6", "--out", str(tmp_path)]) == 1
    assert "expected a month such as 2019-06" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_cli_writes_report_atomically(tmp_path, monkeypatch):
    from clusterlib.ledger import report

    assert cli.main(["ledger", "--month", "2019-06", "--out", str(tmp_path), "--lang", "en"]) == 0
    folder = tmp_path / "2019-06"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["ledger.csv", "ledger.xlsx", "manifest.json", "projects.csv", "slipping.csv"]

    sheets = pd.read_excel(folder / "ledger.xlsx", sheet_name=None)
    assert list(sheets)[-3:] == ["Key projects", "Slipping", "Missing data"]
    first = next(iter(sheets.values()))
    assert "Year to date" in first.columns and first.iloc[0, 0] == "Zhengzhou city"
    assert first["Projected full-year growth (%)"].notna().all()  # the demo has 8 years
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] and "data/demo/monthly.csv" in manifest["inputs"]

    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(report, "write_ledger_workbook", fail)
    assert cli.main(["ledger", "--month", "2019-06", "--out", str(tmp_path)]) == 3
    assert (folder / "ledger.xlsx").exists()  # the good report survives
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2019-06"]


def test_workbook_words_in_chinese(table, tmp_path):
    from clusterlib.ledger.report import write_ledger_workbook

    ledger = indicator_ledger(table, "2019-06", SETTINGS)
    june = ledger[ledger["month"] == "2019-06"]
    write_ledger_workbook(june, tmp_path / "ledger.xlsx", "zh")
    sheet = pd.read_excel(tmp_path / "ledger.xlsx", sheet_name="固定资产投资")
    assert list(sheet.columns[:10]) == [
        "地区", "本月累计", "同比增速", "较上月增减 (pp)", "位次",
        "与全市差 (pp)", "年度目标", "目标完成率", "时序进度", "状态",
    ]  # fmt: skip
    assert set(sheet["状态"]) <= {"红", "黄", "绿"} and set(sheet["进度口径"]) == {"近年季节规律"}
