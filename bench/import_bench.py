"""Time to import a 50-sheet workbook of 200 rows each (issue #13 target: under 10 s).

Each sheet is a year's table of 200 region × indicator rows with a level (亿元) and a growth
column, 20,000 records in all. The reference, timed in the same run, is openpyxl alone
loading the same workbook: the import can never be faster than that.

Run: .venv/bin/python bench/import_bench.py [--sheets N] [--rows R] [--repeats K]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from openpyxl import Workbook, load_workbook

from clusterlib import catalog
from clusterlib.inputs.importer import import_tables
from clusterlib.inputs.layouts import load_layout

LAYOUT = """\
name: bench (long table, one sheet per year)
sheets: all
header_rows: [1]
rows: {region: 地区, indicator: 指标, period: 时期, unit: 单位}
measures: {本期值: level, 同比增长: growth}
"""


def write_workbook(path: Path, sheets: int, rows: int, seed: int = 13) -> int:
    """Write the bench workbook; return the number of values in it."""
    rng = np.random.default_rng(seed)
    regions = catalog.regions()
    table = catalog.indicators()
    indicators = table.index[table["unit"] == "100m_yuan"].tolist()
    pairs = [(r, i) for i in indicators for r in regions.index][:rows]
    book = Workbook()
    book.remove(book.active)
    # a part is at most half its whole (10 times smaller per level down, times 1 to 5), and
    # every region of an indicator grows alike: the import's checks across regions pass
    depth = {region: _depth(regions, region) for region in regions.index}
    levels = rng.uniform(1, 5, len(pairs)) * np.array([10.0 ** (4 - depth[r]) for r, _ in pairs])
    for number in range(sheets):
        year = 1970 + number
        sheet = book.create_sheet(f"{year}年")
        sheet.append(["地区", "指标", "时期", "单位", "本期值", "同比增长(%)"])
        by_indicator = dict(zip(indicators, rng.uniform(-20, 30, len(indicators)), strict=True))
        growth = np.array([by_indicator[i] for _, i in pairs])
        # each level grows by its published rate, so the import's implied-growth check passes
        levels = levels * (1 + growth / 100) if number else levels
        for (region, indicator), level, rate in zip(pairs, levels, growth, strict=True):
            name, place = catalog.indicator_name(indicator), regions.at[region, "name_zh"]
            sheet.append([place, name, f"{year}年全年", "亿元", round(level, 1), round(rate, 1)])
    book.save(path)
    return 2 * sheets * len(pairs)


def _depth(regions, region: str) -> int:
    """How many wholes a region lies in (its ``parent`` chain in the catalogue)."""
    parent = regions.at[region, "parent"] if "parent" in regions else ""
    return 0 if not isinstance(parent, str) or not parent else 1 + _depth(regions, parent)


def median_seconds(function, repeats: int) -> tuple[float, float]:
    """Median wall and CPU time of ``repeats`` calls of ``function()``.

    The CPU time shows the cost when the shared machine is busy and wall time stretches.
    """
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    """Print the import time, the openpyxl load time and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sheets", type=int, default=50)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book, layout_path = Path(folder) / "bench.xlsx", Path(folder) / "bench.yaml"
        layout_path.write_text(LAYOUT, encoding="utf-8")
        values = write_workbook(book, args.sheets, args.rows)
        layout = load_layout(layout_path)
        result = import_tables([book], layout)
        assert not result.problems and len(result.records) == values, result.problems[:3]
        t_import = median_seconds(lambda: import_tables([book], layout), args.repeats)
        t_load = median_seconds(lambda: load_workbook(book), args.repeats)
    print(f"{args.sheets} sheets x {args.rows} rows, {values:,} values, median of {args.repeats}")
    print(f"{'':31s}  wall     CPU")
    for name, (wall, cpu) in (
        ("import (read, parse, validate)", t_import),
        ("openpyxl load", t_load),
    ):
        print(f"{name:31s}{wall:6.2f} s {cpu:6.2f} s")
    ratios = [t_import[k] / t_load[k] for k in (0, 1)]
    print(
        f"{'ratio import / load':31s}{ratios[0]:6.1f}x  {ratios[1]:6.1f}x   (target: import < 10 s)"
    )


if __name__ == "__main__":
    main()
