"""The catalogue's Chinese column headers are written as Chinese office documents write them."""

from __future__ import annotations

import csv

import pytest

from clusterlib import paths


@pytest.mark.parametrize("table", ["columns.csv", "indicators.csv"])
def test_chinese_headers_use_full_width_brackets_and_bai_fen_dian(table: str) -> None:
    """Every ``name_zh`` of the catalogue's columns and indicators (shown as headers and
    indicator names) uses full-width brackets （…） and says 百分点, never ASCII ``(`` ``)`` or
    ``pp``; the ids and English names are left alone. (regions.csv keeps the aggregates' names
    as data/official/facts print them.)"""
    with open(paths.CATALOG / table, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows
    wrong = [
        (row["id"], row["name_zh"])
        for row in rows
        if "(" in row["name_zh"] or ")" in row["name_zh"] or "pp" in row["name_zh"]
    ]
    assert wrong == []
