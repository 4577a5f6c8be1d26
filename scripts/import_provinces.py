"""Build data/official/provinces/*.csv from the copied Wind EDB province panel.

Re-runnable and deterministic: every province's 规上工业增加值 growth series (累计 or 当月, as
the panel has it) except Guangdong's and Hubei's (reference series of data/official/china) is
written as input records, values copied as text::

    .venv/bin/python scripts/import_provinces.py

The source files in data/official/provinces/source/ are verbatim copies of
``Yumanlou/jinmeng-transition@eec3187…:data/wind_edb/province_panel/`` (see the README there).
"""

from __future__ import annotations

import csv
from pathlib import Path

from clusterlib import paths

FOLDER = paths.DATA / "official" / "provinces"
SOURCE = FOLDER / "source"
COMMIT = "eec31877435b545fedb4dbbc6334ae0956cac5b8"
PANEL = "data/wind_edb/province_panel/industry_va_31prov_panel.csv"
MAPPING = "data/wind_edb/province_panel/code_mapping.csv"
SKIPPED = ("广东", "湖北")  # Guangdong and Hubei are reference series (data/official/china)
PINYIN = {
    "北京": "beijing", "天津": "tianjin", "河北": "hebei", "山西": "shanxi",
    "内蒙古": "neimenggu", "辽宁": "liaoning", "吉林": "jilin", "黑龙江": "heilongjiang",
    "上海": "shanghai", "江苏": "jiangsu", "浙江": "zhejiang", "安徽": "anhui",
    "福建": "fujian", "江西": "jiangxi", "山东": "shandong", "河南": "henan",
    "湖北": "hubei", "湖南": "hunan", "广东": "guangdong", "广西": "guangxi",
    "海南": "hainan", "重庆": "chongqing", "四川": "sichuan", "贵州": "guizhou",
    "云南": "yunnan", "西藏": "xizang", "陕西": "shaanxi", "甘肃": "gansu",
    "青海": "qinghai", "宁夏": "ningxia", "新疆": "xinjiang",
}  # fmt: skip
COLUMNS = ["region", "indicator", "period", "period_type", "measure", "value", "unit",
           "source", "quote", "note", "synthetic", "status"]  # fmt: skip


def series_names() -> dict[str, tuple[str, str]]:
    """Province → (Wind ID, Wind series name) of its 工业增加值 growth series."""
    with (SOURCE / "code_mapping.csv").open(encoding="utf-8") as handle:
        return {
            row["province"]: (row["edb_code"], row["indicator"])
            for row in csv.DictReader(handle)
            if ":工业增加值:" in row["indicator"]
        }


def records(province: str, code: str, name: str, rows: list[dict]) -> tuple[str, list[list]]:
    """The file name and records of one province's series (``YYYYMMDD`` → ``YYYY-MM``)."""
    ytd = name.endswith("累计同比")
    short = f"{PINYIN[province]}_iva_yoy_{'ytd' if ytd else 'month'}"
    source = (
        f"Yumanlou/jinmeng-transition@{COMMIT}:{PANEL} (Wind EDB pull via Wind MCP skill, "
        f"script code/fetch_wind_edb_31prov.py; series {name}, ID {code} per {MAPPING}; "
        "来源 not stated in the file)"
    )
    out = [
        [PINYIN[province], "industry_va", f"{row['date'][:4]}-{row['date'][4:6]}",
         "ytd" if ytd else "single", "growth", row["value"], "pct_yoy", source, "",
         f"series {short}; unit as exported: %", "false", "final"]
        for row in rows
    ]  # fmt: skip
    return short, out


def main() -> None:
    names = series_names()
    with (SOURCE / "industry_va_31prov_panel.csv").open(encoding="utf-8") as handle:
        panel = list(csv.DictReader(handle))
    for province, (code, name) in names.items():
        if province in SKIPPED:
            continue
        short, rows = records(province, code, name, [r for r in panel if r["province"] == province])
        path: Path = FOLDER / f"{short}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        print(f"{path}: {len(rows)} rows")


if __name__ == "__main__":
    main()
