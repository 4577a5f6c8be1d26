"""Checks of the embedded official data (data/official/) against the shared files and known facts.

Expected values were read by hand from /work/shared/data (the files and their READMEs) and from
NBS releases quoted there; none is copied from the conversion's output.
"""

from __future__ import annotations

import importlib.util
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from clusterlib import catalog, paths
from clusterlib.inputs.panel import load_records
from clusterlib.inputs.periods import monthly_ytd_to_quarterly, ytd_growth, ytd_growth_to_index
from clusterlib.inputs.reading import read_records
from clusterlib.inputs.validation import validate_records

SHARED = paths.ROOT.parent / "shared" / "data"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"shared source data not found at {SHARED}"
)
CHINA_FILES = sorted(path.name for path in paths.OFFICIAL_CHINA.glob("*.csv"))
RECORD_FILES = ["zhengzhou_city.csv", "zhengzhou_clusters.csv"] + [
    f"china/{name}" for name in CHINA_FILES
]
KEY = ["region", "indicator", "period", "period_type", "measure"]


def _read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _records(name: str) -> pd.DataFrame:
    return _read(paths.OFFICIAL / name)


def _all_records() -> pd.DataFrame:
    return pd.concat([_records(name) for name in RECORD_FILES], ignore_index=True)


def _national_industry(kind: str) -> pd.Series:
    """National 规上工业增加值 growth (kind 'ytd' or 'single') indexed by month."""
    table = _records("china/cn_iva_yoy_ytd.csv" if kind == "ytd" else "china/cn_iva_yoy_month.csv")
    return pd.Series(
        table["value"].astype(float).to_numpy(), index=pd.PeriodIndex(table["period"], freq="M")
    )


# --- the files exist, validate and are consistent with the catalogue --------------------------


def test_eleven_china_files_are_embedded():
    assert len(CHINA_FILES) == 11


@pytest.mark.parametrize("name", RECORD_FILES)
def test_record_files_pass_validation(name):
    path = paths.OFFICIAL / name
    assert validate_records(read_records(path), str(path), allow_gaps=True) == []


def test_the_official_folder_reads_as_the_two_zhengzhou_record_files():
    # the fact tables sit in facts/ so that reading the folder picks up records only
    records = load_records(paths.OFFICIAL)
    assert sorted({name.rsplit("/", 1)[-1] for name in records["file"]}) == [
        "zhengzhou_city.csv",
        "zhengzhou_clusters.csv",
    ]
    assert len(records) == 216 + 85


def test_every_region_and_indicator_is_in_the_catalogue():
    records = _all_records()
    assert set(records["region"]) <= set(catalog.regions().index)
    assert set(records["indicator"]) <= set(catalog.indicators().index)


def test_every_row_has_a_source_and_zhengzhou_rows_a_quote():
    records = _all_records()
    assert (records["source"].str.strip() != "").all()
    zhengzhou = pd.concat([_records("zhengzhou_city.csv"), _records("zhengzhou_clusters.csv")])
    assert (zhengzhou["quote"].str.strip() != "").all()


def test_no_two_final_rows_share_a_key():
    final = _all_records().query("status == 'final'")
    assert not final.duplicated(KEY).any()


def test_status_counts_of_zhengzhou_files():
    # city: 8 *_estimate rows in city.csv (industry_va_estimate 3, industry_va_level_estimate 2,
    # leading_industries_va_estimate, gdp_estimate, fai_estimate); clusters: 8 *_estimate rows.
    city = Counter(_records("zhengzhou_city.csv")["status"])
    clusters = Counter(_records("zhengzhou_clusters.csv")["status"])
    assert city["estimate"] == 8
    assert clusters["estimate"] == 8
    # the 2021 airport-zone GDP level, growth and gross output appear on two pages each
    assert clusters["alternative"] == 3


# --- values, sources and quotes are those of the shared files --------------------------------


@needs_shared
def test_city_rows_match_the_shared_file_one_to_one():
    shared = _read(SHARED / "zhengzhou_official" / "city.csv")
    ours = _records("zhengzhou_city.csv")
    assert len(ours) == len(shared) == 216
    assert (ours["value"] == shared["value"]).all()  # text kept as published ("12.0", "15.0")
    assert np.array_equal(ours["value"].astype(float), shared["value"].astype(float))
    assert (ours["source"] == shared["source_url"]).all()
    assert (ours["quote"] == shared["quote"]).all()


@needs_shared
def test_cluster_rows_are_split_without_loss():
    shared = _read(SHARED / "zhengzhou_official" / "clusters.csv")
    records, facts = _records("zhengzhou_clusters.csv"), _records("facts/cluster_facts.csv")
    assert len(shared) == 112
    assert len(records) + len(facts) == 112
    # non-calendar periods: 6 × 2011-2015, 1 × 2013-2022, 4 × 2014-asof, 3 × undated = 14;
    # rankings: fai_rank_in_province, 3 × fai_top3_in_city, provincial_dev_zone_ranking = 5;
    # ratings: 2 × star_rating, count_in_province_top20_excellent_clusters = 3;
    # targets: fai_target, main_business_revenue_target; land: 2019-Q1 planned/built/share.
    expected = {"non_calendar_period": 14, "ranking": 5, "rating": 3, "target": 2, "land_area": 3}
    assert Counter(facts["reason"]) == expected
    assert list(facts.columns) == ["region", *shared.columns, "reason"]
    ours = pd.concat(
        [records[["value", "source", "quote"]], facts.rename(columns={"source_url": "source"})]
    )
    shared = shared.rename(columns={"source_url": "source"})
    columns = ["value", "source", "quote"]
    assert sorted(map(tuple, ours[columns].to_numpy())) == sorted(
        map(tuple, shared[columns].to_numpy())
    )


@needs_shared
def test_cluster_profiles_are_the_shared_register_unchanged():
    shared = _read(SHARED / "clusters" / "clusters.csv")
    ours = _records("facts/cluster_profiles.csv")
    assert len(shared) == 112
    assert ours.drop(columns="region").equals(shared)
    assert (ours["region"] != "").all()


@needs_shared
@pytest.mark.parametrize("name", CHINA_FILES)
def test_china_values_periods_and_sources_are_the_shared_ones(name):
    shared = _read(SHARED / "china_official" / name)
    ours = _records(f"china/{name}")
    assert len(ours) == len(shared)
    assert np.array_equal(ours["value"].astype(float), shared["value"].astype(float))
    assert (ours["period"] == shared["period"]).all()
    assert (ours["source"] == shared["source"]).all()
    assert ours["note"].str.startswith(f"series {shared['series'].iloc[0]};").all()


@needs_shared
def test_import_script_reproduces_the_embedded_files(tmp_path):
    script = paths.ROOT / "scripts" / "import_official.py"
    spec = importlib.util.spec_from_file_location("import_official", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(SHARED, tmp_path)
    made = sorted(tmp_path.rglob("*.csv"))
    assert len(made) == 4 + 11
    for path in made:
        assert path.read_bytes() == (paths.OFFICIAL / path.relative_to(tmp_path)).read_bytes()


def test_china_row_counts_from_the_shared_readme():
    expected = {  # column n of the table in shared/data/china_official/README.md
        "cn_iva_yoy_month.csv": 290,
        "cn_iva_yoy_ytd.csv": 304,
        "cn_fai_ytd_yoy.csv": 370,
        "cn_fai_ytd_level.csv": 371,
        "gd_iva_yoy_month.csv": 272,
        "hb_iva_yoy_month.csv": 271,
        "gd_gdp_ytd_level.csv": 111,
        "gd_gdp_real_yoy_quarter.csv": 83,
        "hb_gdp_ytd_level.csv": 121,
        "cn_gdp_real_yoy_quarter.csv": 133,
        "cn_gdp_ytd_level.csv": 173,
    }
    assert {name: len(_records(f"china/{name}")) for name in CHINA_FILES} == expected


# --- known facts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "ytd", "single"),
    [("2019-12", 5.7, 6.9), ("2020-12", 2.8, 7.3), ("2021-12", 9.6, 4.3)],
)
def test_national_industry_december_figures(period, ytd, single):
    # NBS releases quoted in the shared china README ("Cross-checks")
    assert _national_industry("ytd")[period] == ytd
    assert _national_industry("single")[period] == single


def test_publication_pattern_no_january_and_jan_feb_together():
    ytd = _national_industry("ytd")
    assert not (ytd.index.month == 1).any()
    assert ytd["2020-02"] == -13.5  # 2020 1–2月, shared README caveats
    single = _national_industry("single")
    assert not (single.index.month == 1).any()
    assert not ((single.index.month == 2) & (single.index.year >= 2013)).any()


@pytest.mark.parametrize("name", ["china/gd_iva_yoy_month.csv", "china/hb_iva_yoy_month.csv"])
def test_provincial_single_months_january_only_before_2007(name):
    periods = pd.PeriodIndex(_records(name)["period"], freq="M")
    january_years = set(periods[periods.month == 1].year)
    assert january_years == set(range(2000, 2007))


def _city(indicator: str, period: str, measure: str = "growth") -> pd.DataFrame:
    city = _records("zhengzhou_city.csv")
    return city[
        (city["indicator"] == indicator) & (city["period"] == period) & (city["measure"] == measure)
    ]


@pytest.mark.parametrize(
    ("period", "period_type", "value"),
    [
        ("2018Q3", "ytd", "7.6"),  # 2018-Q3: 1~9月份 7.6%
        ("2018-09", "single", "9.2"),  # 2018-M09-single: 9月份 9.2%
        ("2017Q2", "ytd", "8.2"),  # 2017-H1
        ("2020-02", "ytd", "-23"),  # 2020-M02: 1—2月份 −23%
        ("2024Q4", "ytd", "10.5"),  # 2024-Y
    ],
)
def test_city_periods_are_converted(period, period_type, value):
    rows = _city("industry_va", period).query("status == 'final'")
    assert list(zip(rows["period_type"], rows["value"], strict=True)) == [(period_type, value)]


def test_conflicting_2022_industry_growth_keeps_the_stats_bureau_figure():
    rows = _city("industry_va", "2022Q4")
    by_status = {status: sorted(group["value"]) for status, group in rows.groupby("status")}
    assert by_status == {"final": ["4.4"], "alternative": ["4"], "estimate": ["3.5"]}


def test_implausible_2023_fai_level_is_kept_but_not_used():
    rows = _city("fai", "2023Q4", "level")
    assert list(rows["value"]) == ["15283"]
    assert list(rows["status"]) == ["alternative"]
    assert "do not use" in rows["note"].iloc[0]


def test_estimates_map_to_the_base_indicator():
    rows = pd.concat([_city("industry_va", "2015Q3", measure) for measure in ("growth", "level")])
    assert set(rows["status"]) == {"estimate"}
    assert sorted(zip(rows["measure"], rows["value"], strict=True)) == [
        ("growth", "10.2"),
        ("level", "2330"),
    ]


def test_cluster_rows_use_the_catalogue_regions():
    clusters = _records("zhengzhou_clusters.csv")
    revenue = clusters[
        (clusters["indicator"] == "operating_revenue_four_above")
        & (clusters["period"] == "2019Q1")
        & (clusters["measure"] == "level")
    ]
    # 郑州市统计局 2019-Q1 analysis: 11 clusters 1973.5, 航空港 596.1, 经开 535.1, 高新 217.4
    assert dict(zip(revenue["region"], revenue["value"], strict=True)) == {
        "zz_clusters_ex_gongyi": "1973.5",
        "airport": "596.1",
        "econ_tech": "535.1",
        "hitech": "217.4",
    }


# --- the national series through clusterlib.inputs.periods ------------------------------


def test_national_industry_ytd_growth_to_quarterly_and_chained_index():
    quarterly = monthly_ytd_to_quarterly(_national_industry("ytd"))
    assert quarterly[pd.Period("2019Q1", "Q")] == 6.5  # NBS 2019 1–3月
    assert quarterly[pd.Period("2019Q4", "Q")] == 5.7
    assert quarterly[pd.Period("2020Q1", "Q")] == -8.4  # NBS 2020 1–3月
    complete_years = quarterly[quarterly.index.year >= 1999]  # the series starts in 1998-07
    index = ytd_growth_to_index(complete_years, base_year=2018)
    q = {period: index[pd.Period(period, "Q")] for period in ("2018Q3", "2019Q1", "2020Q1")}
    assert q["2018Q3"] == pytest.approx(100.0)  # base year: four equal quarters
    assert q["2019Q1"] == pytest.approx(100.0 * 1.065)
    assert q["2020Q1"] == pytest.approx(100.0 * 1.065 * (1 - 0.084))
    assert index[index.index.year == 2019].sum() == pytest.approx(400.0 * 1.057)
    assert ytd_growth(index)[pd.Period("2019Q4", "Q")] == pytest.approx(5.7)


def test_province_script_reproduces_the_embedded_files(tmp_path, monkeypatch):
    script = paths.ROOT / "scripts" / "import_provinces.py"
    spec = importlib.util.spec_from_file_location("import_provinces", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "FOLDER", tmp_path)
    module.main()
    made = sorted(tmp_path.glob("*.csv"))
    embedded = sorted((paths.OFFICIAL / "provinces").glob("*.csv"))
    assert [p.name for p in made] == [p.name for p in embedded] and len(made) == 29
    for path in made:
        assert path.read_bytes() == (paths.OFFICIAL / "provinces" / path.name).read_bytes()


def test_province_figures_quoted_by_the_henan_bureau_are_the_files():
    """1–4月 2012 16.4%, 1–3月 2020 −6.8%, 1–4月 2020 −2.9%, 1–3月 2023 4.2% (news text quoting
    the Henan statistics bureau, data/official/provinces/README.md)."""
    henan = _records("provinces/henan_iva_yoy_ytd.csv").set_index("period")["value"]
    quoted = {"2012-04": "16.4", "2020-03": "-6.8", "2020-04": "-2.9", "2023-03": "4.2"}
    assert {period: henan[period] for period in quoted} == quoted
