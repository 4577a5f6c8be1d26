"""Convert the shared official data (../shared/data) into input records in data/official/.

Re-runnable and deterministic: every file under data/official/ except the READMEs is rebuilt
from the shared files, so the provenance of each embedded figure can be reproduced::

    .venv/bin/python scripts/import_official.py [--shared /work/shared/data]

Values, sources and quotes are copied as text, never changed. The script only renames
indicators and periods into the input-record format (docs/architecture.md §1), marks
estimates and conflicting figures (``status``) and moves rows that are not statistics of a
calendar period into separate fact tables. data/official/README.md explains every rule.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pandas as pd

from clusterlib import paths

DEFAULT_SHARED = paths.ROOT.parent / "shared" / "data"

# --- periods ----------------------------------------------------------------------------------

_CALENDAR_PERIOD = re.compile(r"^(\d{4})-(Q[1-4]|H1|Y|M(\d\d)(-single)?)$")


def convert_period(text: str) -> tuple[str, str] | None:
    """``2018-Q3`` → (``2018Q3``, ytd); ``-H1`` → Q2, ``-Y`` → Q4; ``-M02`` → ``-02`` (ytd).

    ``YYYY-Mnn-single`` is that month alone (``single``). Returns ``None`` for periods that
    are not calendar ones (``2011-2015``, ``2014-asof``, ``undated``...).
    """
    match = _CALENDAR_PERIOD.match(text)
    if match is None:
        return None
    year, part, month, single = match.groups()
    if month:
        return f"{year}-{month}", "single" if single else "ytd"
    quarter = {"H1": "Q2", "Y": "Q4"}.get(part, part)
    return f"{year}{quarter}", "ytd"


# --- indicators -------------------------------------------------------------------------------

# Published as "% growth" but not year-on-year growth (两年平均增长, 比2019年同期增长): stored as
# levels of their own rate indicators (unit pct) so they are never chained as 同比 growth.
RATES_PUBLISHED_AS_GROWTH = {"industry_va_two_year_avg", "industry_va_vs_2019", "gdp_two_year_avg"}
RENAME = {"gross_industrial_output": "industry_gross_output"}


def convert_indicator(source_id: str, unit: str) -> tuple[str, str, str, str]:
    """Map a shared indicator id and unit to (indicator, measure, unit, status).

    ``*_estimate`` → the base indicator with status ``estimate``; pct_yoy → measure
    ``growth`` of the base indicator (``fai_growth`` → ``fai``); other units → ``level``
    (``industry_va_level`` → ``industry_va``).
    """
    name, status = source_id, "final"
    if name.endswith("_estimate"):
        name, status = name.removesuffix("_estimate"), "estimate"
    if name in RATES_PUBLISHED_AS_GROWTH:
        return name, "level", "pct", status
    if unit == "pct_yoy":
        name = name.removesuffix("_growth")
        return RENAME.get(name, name), "growth", "pct_yoy", status
    name = name.removesuffix("_level")
    return RENAME.get(name, name), "level", unit, status


# --- regions ----------------------------------------------------------------------------------

CLUSTER_REGIONS = {
    "郑州市产业集聚区(合计)": "zz_clusters",
    "郑州市产业集聚区(全市合计)": "zz_clusters",
    "郑州市11个产业集聚区(合计,不含巩义)": "zz_clusters_ex_gongyi",
    "郑州市11个省级产业集聚区(合计)": "zz_clusters_11",
    "河南省产业集聚区(全省合计)": "henan_clusters",
    "河南省开发区(全省合计,184个)": "henan_dev_zones",
    "郑州航空港区(航空港经济综合实验区)": "airport_zone",
    "郑州经济技术开发区": "econ_tech_zone",
    "郑州经开区工程装备产业集群": "econ_tech_zone",
    "郑州航空港产业集聚区": "airport",
    "航空港产业集聚区": "airport",
    "郑州经济技术产业集聚区": "econ_tech",
    "经济技术产业集聚区": "econ_tech",
    "郑州高新技术产业集聚区": "hitech",
    "高新技术产业集聚区": "hitech",
    "郑州白沙产业集聚区": "baisha",
    "白沙产业集聚区": "baisha",
    "马寨产业集聚区": "mazhai",
    "新郑市新港产业集聚区": "xinzheng_xingang",
    "巩义市产业集聚区": "gongyi",
    "新密市产业集聚区": "xinmi",
    "郑州金岱产业集聚区": "jindai",
    "中牟汽车产业集聚区": "zhongmu_auto",
    "荥阳市五龙产业集聚区": "xingyang_wulong",
    "郑州市新材料产业集聚区": "new_materials",
}

# --- rows that are not statistics of a calendar period (→ facts/cluster_facts.csv) -------------

FACT_INDICATORS = {
    "star_rating": "rating",
    "count_in_province_top20_excellent_clusters": "rating",
    "fai_rank_in_province": "ranking",
    "fai_top3_in_city": "ranking",
    "provincial_dev_zone_ranking": "ranking",
    "fai_target": "target",
    "main_business_revenue_target": "target",
    "planned_area_km2": "land_area",
    "built_area_km2": "land_area",
    "developed_area_share_of_planned": "land_area",
}

# --- status and notes for particular rows (shared README, "Conflicts and reliability notes") ---
# Rows are matched on the shared file's (indicator, period, fragment of the source URL or None).

ALTERNATIVE_ROWS = {("fai", "2023-Y", "xqloan.com"), ("hightech_va", "2022-Y", "xqloan.com")}
ROW_NOTES = {
    ("fai", "2023-Y", "xqloan.com"): (
        "do not use: implausible for the city's GDP scale and uncorroborated (shared README #5)"
    ),
    ("hightech_va", "2022-Y", "xqloan.com"): (
        "probably mislabelled: 郑州晚报 gives 14% for 工业战略性新兴产业 "
        "(strategic_emerging_va 2022Q4); shared README #4"
    ),
    ("industry_va_estimate", "2022-Y", None): (
        "初步测算 in the 2022 plan-execution report; final figure 4.4% (shared README #1)"
    ),
    ("gdp_estimate", "2022-Y", None): (
        "增长2%左右, preliminary; final figure 1.0% (shared README #2)"
    ),
    ("fai_estimate", "2022-Y", None): (
        "preliminary, superseded: the 2023 1–2月 release implies about -8.5% "
        "(derived, not recorded; shared README #3)"
    ),
    ("gdp", "2021-Y", "skdv.cn"): (
        "AI-style article whose other figures disagree with official data; "
        "only its GDP kept (shared README #6)"
    ),
    ("gdp", "2025-Q3", "reportify.ai"): (
        "English paraphrase (after Sohu), low authority (shared README #9)"
    ),
    ("industry_va", "2025-Q3", "reportify.ai"): (
        "English paraphrase, low authority; 'industrial output' probably 规上工业增加值, "
        "unconfirmed (shared README #9)"
    ),
    ("gdp", "2025-Y", None): (
        "the page says 突破1.52万亿元: the level 15200 is a lower bound (shared README #10)"
    ),
    ("strategic_emerging_share", "2022-Y", None): (
        "share of 全市工业增加值 (工信局 definition), not comparable with other years "
        "(shared README #11)"
    ),
    ("strategic_emerging_share", "2024-H1", None): (
        "share of 规上; shares are not comparable across sources, 2024 suggests a "
        "reclassification (shared README #11)"
    ),
    ("strategic_industries_share", "2023-H1", None): (
        "the page says 战略性产业; not comparable with strategic_emerging_share (README #11)"
    ),
    ("industry_va_share_of_province", "2023-Y", None): "超过60%: a lower bound",
    ("main_business_revenue_estimate", "2014-Y", None): "突破/超过: a lower bound",
    ("main_business_revenue_growth_estimate", "2014-Y", None): "15%以上: a lower bound",
    ("fai_estimate", "2014-Y", None): "超过16000亿元: a lower bound",
    ("fai_growth_estimate", "2014-Y", None): "23%以上: a lower bound",
    ("fai_share_of_province_estimate", "2014-Y", None): "53%以上: a lower bound",
}
ESTIMATE_NOTE = "预计/初步测算 (estimate), kept apart from final data"

# Duplicate keys whose figures differ: which source is final and why the others are not.
# key = (region, indicator, period, measure)
CONFLICTS = {
    ("city", "industry_va", "2022Q4", "growth"): (
        "gc.mysteel.com",
        "4% from an aggregator (rounded or low quality); the stats-bureau-style analysis "
        "(4.4%) is final (shared README #1)",
    ),
    ("city", "gdp", "2022Q4", "level"): (
        "gotohui.com",
        "12934 is the same figure rounded; 12934.7 (gotohui) is final (shared README #2)",
    ),
    ("city", "gdp", "2021Q4", "level"): (
        "hntv.tv",
        "12691 and 12691.02 agree up to rounding; the 政府工作报告 figure (hntv) is final "
        "(shared README #6)",
    ),
    ("city", "industry_va", "2017Q4", "level"): (
        "kjzch.com",
        "市工信委 figure 3191.31 agrees with the statistics analysis (3191.3, final) up to "
        "rounding (shared README #7)",
    ),
}

# Same-figure duplicates: the row from the most authoritative kind of site is final.
AUTHORITY = (
    ("zhengzhou.gov.cn",),  # official government sites
    ("zzrb.zynews.cn", "zzrbnews.com"),  # 郑州日报
    ("zynews.cn", "hntv.tv", "cri.cn", "dahe.cn", "hnr.cn", "henan.china.com", "sina.com.cn"),
)


def authority(url: str) -> int:
    """0 for government sites, 1 for 郑州日报, 2 for other main press, 3 for mirrors."""
    for rank, domains in enumerate(AUTHORITY):
        if any(domain in url for domain in domains):
            return rank
    return len(AUTHORITY)


def _domain(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0]


def _join(note: str, text: str) -> str:
    return f"{note}; {text}" if note else text


def _append(notes: pd.Series, mask: pd.Series, text: str) -> pd.Series:
    """Append ``text`` to the notes where ``mask`` is true."""
    return notes.mask(mask, notes.map(lambda note: _join(note, text)))


def _matches(source: pd.DataFrame, indicator: str, period: str, url: str | None) -> pd.Series:
    mask = source["indicator"].eq(indicator) & source["period"].eq(period)
    if url is not None:
        mask &= source["source_url"].str.contains(url, regex=False)
    return mask


def apply_row_notes(records: pd.DataFrame, source: pd.DataFrame) -> pd.DataFrame:
    """Apply ROW_NOTES and ALTERNATIVE_ROWS (matched on the source rows) and estimate notes."""
    status, note = records["status"], records["note"]
    note = _append(note, status == "estimate", ESTIMATE_NOTE)
    for row, text in ROW_NOTES.items():
        note = _append(note, _matches(source, *row), text)
    for row in ALTERNATIVE_ROWS:
        status = status.mask(_matches(source, *row), "alternative")
    return records.assign(status=status, note=note)


def resolve_duplicates(records: pd.DataFrame) -> pd.DataFrame:
    """Keep one ``final`` row per key; the others become ``alternative`` with a note why.

    Raises
    ------
    ValueError
        If final figures for one key differ and CONFLICTS has no decision for it.
    """
    records = records.copy()
    key = ["region", "indicator", "period", "period_type", "measure"]
    final = records[records["status"] == "final"]
    for values, group in final.groupby(key, sort=False):
        if len(group) == 1:
            continue
        decision = CONFLICTS.get((values[0], values[1], values[2], values[4]))
        if decision is not None:
            keep = group.index[group["source"].str.contains(decision[0], regex=False)][0]
            why = decision[1]
        elif group["value"].astype(float).nunique() == 1:
            keep = group["source"].map(authority).idxmin()
            why = f"same figure as the final row from {_domain(records.at[keep, 'source'])}"
        else:
            raise ValueError(f"conflicting final figures without a decision: {values}")
        others = group.index.drop(keep)
        records.loc[others, "status"] = "alternative"
        records.loc[others, "note"] = [_join(note, why) for note in records.loc[others, "note"]]
    return records


# --- converters -------------------------------------------------------------------------------


def zhengzhou_records(source: pd.DataFrame, region: pd.Series) -> pd.DataFrame:
    """Input records from rows of the shared Zhengzhou files (calendar periods only)."""
    periods = source["period"].map(convert_period)
    mapped = [
        convert_indicator(i, u) for i, u in zip(source["indicator"], source["unit"], strict=True)
    ]
    indicator, measure, unit, status = (list(column) for column in zip(*mapped, strict=True))
    note = ""
    if "growth_basis" in source:
        comparable = source["growth_basis"] == "comparable_prices"
        note = comparable.map({True: "按不变价格计算 (comparable prices)", False: ""})
    records = pd.DataFrame(
        {
            "region": region,
            "indicator": indicator,
            "period": periods.str[0],
            "period_type": periods.str[1],
            "measure": measure,
            "value": source["value"],
            "unit": unit,
            "source": source["source_url"],
            "quote": source["quote"],
            "note": note,
            "synthetic": "false",
            "status": status,
        },
        index=source.index,
    )
    return resolve_duplicates(apply_row_notes(records, source))


def split_cluster_file(source: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split zhengzhou_official/clusters.csv into input records and facts (with a reason).

    Facts go to data/official/facts/, outside the folder whose files are read as records.
    """
    region = source["cluster"].map(CLUSTER_REGIONS)
    if region.isna().any():
        raise ValueError(f"unmapped clusters: {sorted(set(source['cluster'][region.isna()]))}")
    reason = source["indicator"].map(FACT_INDICATORS)
    calendar = source["period"].map(convert_period).notna()
    reason = reason.where(calendar, "non_calendar_period")
    is_fact = reason.notna()
    facts = source[is_fact].assign(reason=reason[is_fact])
    facts.insert(0, "region", region[is_fact])
    rows = source[~is_fact]
    return zhengzhou_records(rows, region[~is_fact]), facts


CHINA_SERIES = {  # series id → (region, indicator, period_type, measure)
    "cn_iva_yoy_month": ("china", "industry_va", "single", "growth"),
    "cn_iva_yoy_ytd": ("china", "industry_va", "ytd", "growth"),
    "cn_fai_ytd_yoy": ("china", "fai", "ytd", "growth"),
    "cn_fai_ytd_level": ("china", "fai", "ytd", "level"),
    "cn_gdp_real_yoy_quarter": ("china", "gdp", "single", "growth"),
    "cn_gdp_ytd_level": ("china", "gdp", "ytd", "level"),
    "gd_iva_yoy_month": ("guangdong", "industry_va", "single", "growth"),
    "gd_gdp_real_yoy_quarter": ("guangdong", "gdp", "single", "growth"),
    "gd_gdp_ytd_level": ("guangdong", "gdp", "ytd", "level"),
    "hb_iva_yoy_month": ("hubei", "industry_va", "single", "growth"),
    "hb_gdp_ytd_level": ("hubei", "gdp", "ytd", "level"),
}
CHINA_ROW_NOTES = {  # (series, period) → note (shared china README, "Caveats")
    ("gd_iva_yoy_month", "2022-02"): "probably the January–February (1–2月) figure stored "
    "under February",
}


def china_records(source: pd.DataFrame) -> pd.DataFrame:
    """Input records from one shared china_official file (one series)."""
    (series,) = source["series"].unique()
    region, indicator, period_type, measure = CHINA_SERIES[series]
    note = "series " + series + "; unit as exported: " + source["unit"]
    extra = source["period"].map(lambda p: CHINA_ROW_NOTES.get((series, p), ""))
    note = note.where(extra == "", note + "; " + extra)
    return pd.DataFrame(
        {
            "region": region,
            "indicator": indicator,
            "period": source["period"],
            "period_type": period_type,
            "measure": measure,
            "value": source["value"],
            "unit": "pct_yoy" if measure == "growth" else "100m_yuan",
            "source": source["source"],
            "quote": "",
            "note": note,
            "synthetic": "false",
            "status": "final",
        }
    )


# --- files ------------------------------------------------------------------------------------


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _write(table: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    print(f"{path}: {len(table)} rows")


def main(shared: Path = DEFAULT_SHARED, out: Path = paths.OFFICIAL) -> None:
    """Rebuild every CSV under ``out`` from the shared files under ``shared``."""
    city = _read(shared / "zhengzhou_official" / "city.csv")
    _write(zhengzhou_records(city, pd.Series("city", index=city.index)), out / "zhengzhou_city.csv")
    records, facts = split_cluster_file(_read(shared / "zhengzhou_official" / "clusters.csv"))
    _write(records, out / "zhengzhou_clusters.csv")
    _write(facts, out / "facts" / "cluster_facts.csv")
    profiles = _read(shared / "clusters" / "clusters.csv")
    profiles.insert(0, "region", profiles["cluster_zh"].map(CLUSTER_REGIONS))
    _write(profiles, out / "facts" / "cluster_profiles.csv")
    for path in sorted((shared / "china_official").glob("*.csv")):
        _write(china_records(_read(path)), out / "china" / path.name)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared data folder")
    main(parser.parse_args().shared)
