"""Test helper: records → release-style tables in the four shipped layouts (for round trips)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from clusterlib import catalog

PRINTED = {
    "100m_yuan": "亿元",
    "mu": "亩",
    "persons": "人",
    "count": "个",
    "pct_share": "%",
    "pct": "%",
    "pp": "百分点",
    "10k_yuan_per_mu": "万元/亩",
}
FACTORS = {"万元": 1e4, "元": 1e8}  # printed value = catalogue value × factor
QUARTER_NAMES = "一二三四"


def label(period: str, period_type: str) -> str:
    """The printed label of a record period: 2019Q2 ytd → "1—6月", 2019-05 single → "5月"."""
    if "Q" in period:
        quarter = int(period[-1])
        if period_type == "single" and quarter > 1:
            return f"{QUARTER_NAMES[quarter - 1]}季度"
        month = 3 * quarter
    else:
        month = int(period[-2:])
    return f"{month}月" if period_type == "single" or month == 1 else f"1—{month}月"


def printed_unit(indicator: str, units: dict[str, str]) -> str:
    """The unit a table prints for an indicator's level (the catalogue's, or an override)."""
    return units.get(indicator, PRINTED[catalog.indicators().at[indicator, "unit"]])


def printed_value(value: str, indicator: str, units: dict[str, str]) -> str:
    """A catalogue value as printed in ``units`` (万元 values are 10 000 times larger)."""
    factor = FACTORS.get(units.get(indicator, ""), 1.0)
    return f"{float(value) * factor:.6f}".rstrip("0").rstrip(".")


def _value(records: pd.DataFrame, units: dict[str, str], **where) -> str:
    mask = pd.Series(True, index=records.index)
    for column, wanted in where.items():
        mask &= records[column] == wanted
    if not mask.any():
        return "—"
    row = records[mask].iloc[0]
    if row["measure"] == "growth":
        return row["value"]
    return printed_value(row["value"], row["indicator"], units)


def clusters_as_rows(records: pd.DataFrame, path: Path, units: dict[str, str] | None = None):
    """Layout 1: title, unit note, three header rows (indicator / period / measure), 合计, 注."""
    units, book = units or {}, Workbook()
    sheet = book.active
    year = records["period"].str[:4].iloc[0]
    sheet["A1"] = f"{year}年郑州市产业集聚区主要指标"
    sheet["A2"] = "单位：见各列"
    sheet["A3"] = "产业集聚区"
    sheet.merge_cells("A3:A5")
    column = 2
    for indicator in records["indicator"].unique():
        start = column
        for period in records[records["indicator"] == indicator]["period"].unique():
            sheet.cell(4, column, label(period, "ytd"))
            sheet.merge_cells(start_row=4, start_column=column, end_row=4, end_column=column + 1)
            for offset, measure in enumerate(("level", "growth")):
                head = "绝对值" if measure == "level" else "同比增长(%)"
                sheet.cell(5, column + offset, head)
                for row, region in enumerate(records["region"].unique(), start=7):
                    sheet.cell(row, 1, catalog.region_name(region))
                    text = _value(
                        records,
                        units,
                        region=region,
                        indicator=indicator,
                        period=period,
                        measure=measure,
                    )
                    sheet.cell(row, column + offset, text)
            column += 2
        name = f"{catalog.indicator_name(indicator)}({printed_unit(indicator, units)})"
        sheet.cell(3, start, name)
        sheet.merge_cells(start_row=3, start_column=start, end_row=3, end_column=column - 1)
    sheet["A6"] = "合计"
    sheet.cell(6, 2, "99999")
    sheet.cell(sheet.max_row + 1, 1, "注：本表为测试用数据。")
    book.save(path)


def indicators_as_rows(records: pd.DataFrame, path: Path, units: dict[str, str] | None = None):
    """Layout 2: one region and period; 指标 | 单位 | 1—6月 | 同比增长%."""
    units, book = units or {}, Workbook()
    sheet = book.active
    period = records["period"].iloc[0]
    sheet["A1"] = f"{period[:4]}年{label(period, 'ytd')}郑州市主要经济指标"
    for column, head in enumerate(("指标", "单位", label(period, "ytd"), "同比增长%"), start=1):
        sheet.cell(2, column, head)
    for row, indicator in enumerate(records["indicator"].unique(), start=3):
        sheet.cell(row, 1, catalog.indicator_name(indicator))
        sheet.cell(row, 2, printed_unit(indicator, units))
        for column, measure in ((3, "level"), (4, "growth")):
            text = _value(records, units, indicator=indicator, measure=measure)
            sheet.cell(row, column, text)
    book.save(path)


def long_csv(records: pd.DataFrame, path: Path, units: dict[str, str] | None = None):
    """Layout 3: a GBK CSV, one row per region, indicator and period, level and growth."""
    units = units or {}
    keys = records[["region", "indicator", "period", "period_type"]].drop_duplicates()
    with open(path, "w", encoding="gbk", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["地区名称", "指标名称", "统计时期", "计量单位", "本期值", "同比增长(%)"])
        for row in keys.itertuples(index=False):
            match = dict(region=row.region, indicator=row.indicator, period=row.period)
            writer.writerow(
                [
                    catalog.region_name(row.region),
                    catalog.indicator_name(row.indicator),
                    f"{row.period[:4]}年{label(row.period, row.period_type)}",
                    printed_unit(row.indicator, units),
                    _value(records, units, measure="level", **match),
                    _value(records, units, measure="growth", **match),
                ]
            )


def sheet_per_month(records: pd.DataFrame, path: Path, units: dict[str, str] | None = None):
    """Layout 4: one sheet per month named by its label; indicator then its growth column."""
    units, book = units or {}, Workbook()
    book.remove(book.active)
    for period in records["period"].unique():
        sheet = book.create_sheet(label(period, "ytd"))
        sheet["A1"] = f"{period[:4]}年{label(period, 'ytd')}产业集聚区主要指标"
        sheet["A2"] = "产业集聚区"
        this = records[records["period"] == period]
        for position, indicator in enumerate(this["indicator"].unique()):
            name = f"{catalog.indicator_name(indicator)}({printed_unit(indicator, units)})"
            sheet.cell(2, 2 + 2 * position, name)
            sheet.cell(2, 3 + 2 * position, "同比增长(%)")
            for row, region in enumerate(this["region"].unique(), start=3):
                sheet.cell(row, 1, catalog.region_name(region))
                for offset, measure in enumerate(("level", "growth")):
                    text = _value(this, units, region=region, indicator=indicator, measure=measure)
                    sheet.cell(row, 2 + 2 * position + offset, text)
    book.save(path)
