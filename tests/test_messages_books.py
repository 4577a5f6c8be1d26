"""The ledger's, the evaluation's and the enterprise records' problems read in Chinese, and
their English is unchanged."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
import yaml

from clusterlib import paths
from clusterlib.cli import main
from clusterlib.enterprise.classification import classify
from clusterlib.enterprise.records import read_enterprises
from clusterlib.enterprise.rules import load_rules, parse_rules
from clusterlib.enterprise.scoring import score
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.evaluation.star_list import load_star_lists
from clusterlib.exceptions import DataValidationError, ParameterError, UsageError
from clusterlib.ledger.indicators import check_month
from clusterlib.ledger.projects import COLUMNS, load_register
from clusterlib.ledger.targets import load_targets
from clusterlib.messages import told

CLUSTERS = (
    "airport, baisha, econ_tech, gongyi, hitech, jindai, mazhai, new_materials, "
    "xingyang_wulong, xinmi, xinzheng_xingang, zhongmu_auto"
)
REGISTER_ROWS = (
    "P1,甲,econ_tech,工业,2019-05,10,2,续建,2018-03,2020-06,0,续建,5",
    "P1,甲,econ_tech,工业,2019-06,10,3,新开工,2018-03,2020-06,0,续建,5",
    "P2,乙,atlantis,工厂,2019-6,10,12,签约,2019-01,2020-06,0,,",
)
HENAN = paths.PARAMS / "enterprise_henan.yaml"


def _problems(raised: pytest.ExceptionInfo, lang: str) -> list[str]:
    """The problem lines of a raised input error, told in ``lang``."""
    return told(raised.value, lang).splitlines()[1:]


def _bad_register(tmp_path) -> str:
    path = tmp_path / "projects.csv"
    path.write_text("\n".join((",".join(COLUMNS), *REGISTER_ROWS)) + "\n", encoding="utf-8")
    return str(path)


def test_the_register_says_its_problems_in_chinese(tmp_path):
    path = _bad_register(tmp_path)
    with pytest.raises(DataValidationError) as raised:
        load_register(path)
    assert _problems(raised, "zh") == [
        f"{path}，第3行，“status”列：项目P1的状态倒退：先为续建（第2行），后为新开工",
        f"{path}，第4行，“category”列：未知的项目类别'工厂'；应为以下之一："
        "其他, 基础设施, 工业, 服务业",
        f"{path}，第4行，“cluster”列：未知的集聚区'atlantis'；应为以下之一：{CLUSTERS}",
        f"{path}，第4行，“month”列：应为月份，如2019-06",
        f"{path}，第4行，“ytd_investment”列：项目P2的本年完成投资12超过其总投资10",
    ]
    assert _problems(raised, "en") == [
        f"{path}, row 3, column 'status': status of project P1 goes backwards: 续建 (row 2) "
        "then 新开工",
        f"{path}, row 4, column 'category': unknown category '工厂'; expected one of 其他, "
        "基础设施, 工业, 服务业",
        f"{path}, row 4, column 'cluster': unknown cluster 'atlantis'; expected one of {CLUSTERS}",
        f"{path}, row 4, column 'month': expected a month such as 2019-06",
        f"{path}, row 4, column 'ytd_investment': completed investment 12 exceeds the total "
        "investment 10 of project P2",
    ]


def test_a_project_twice_in_a_month_and_a_changed_list_are_said_in_chinese(tmp_path):
    path = tmp_path / "projects.csv"
    rows = (
        "P1,甲,econ_tech,工业,2019-06,10,2,续建,2018-03,2020-06,0,续建,5",
        "P1,甲,econ_tech,工业,2019-06,10,2,续建,2018-03,2020-06,0,新建,5",
    )
    path.write_text("\n".join((",".join(COLUMNS), *rows)) + "\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        load_register(path)
    assert _problems(raised, "zh") == [
        f"{path}，第3行，“project_id”列：项目P1在2019年6月出现两次（首次在第2行）",
        f"{path}，第3行，“three_fifty”列：未知的三个50名单'新建'；应为新开工, 续建, 竣工之一，"
        "或留空（不在名单上）",
        f"{path}，第3行，“three_fifty”列：项目P1的三个50名单与其首行不同；该项全年固定不变",
    ]
    assert _problems(raised, "en")[2] == (
        f"{path}, row 3, column 'three_fifty': three_fifty of project P1 differs from its first "
        "row's; it is fixed for the year"
    )


def test_the_targets_say_their_problems_in_chinese(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "region,indicator,year,measure,value,source,reference\n"
        "atlantis,fai,2019,growth,15,guess,\n"
        "airport,fai,二〇一九,growth,lots,plan,规划\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as raised:
        load_targets(path)
    assert _problems(raised, "zh") == [
        f"{path}，第2行，“reference”列：请写明目标的来源（文件、条款或设定人）",
        f"{path}，第2行，“region”列：未知的地区'atlantis'；应为data/catalog中的地区编号之一",
        f"{path}，第2行，“source”列：未知的来源'guess'；应为plan, 目标责任书, user-set之一",
        f"{path}，第3行，“value”列：应为数值，实为'lots'",
        f"{path}，第3行，“year”列：应为年份，如2019，实为'二〇一九'",
    ]
    assert _problems(raised, "en")[1:3] == [
        f"{path}, row 2, column 'region': unknown region 'atlantis'; expected an id of "
        "data/catalog (region)",
        f"{path}, row 2, column 'source': unknown source 'guess'; expected plan, 目标责任书, "
        "user-set",
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "错误：月份“2019-6”有误：应为如2019-06的月份"),
        ("en", "error: month '2019-6': expected a month such as 2019-06"),
    ],
)
def test_a_misspelt_ledger_month_is_said_in_the_language_asked(lang, expected, capsys):
    with pytest.raises(UsageError):
        check_month("2019-6")
    assert main(["ledger", "--month", "2019-6", "--lang", lang]) == 2
    assert expected in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "，第4行，“cluster”列：未知的集聚区'atlantis'；应为以下之一："),
        ("en", ", row 4, column 'cluster': unknown cluster 'atlantis'; expected one of "),
    ],
)
def test_the_ledger_command_says_the_register_problems_in_its_language(
    lang, expected, tmp_path, capsys
):
    path = _bad_register(tmp_path)
    args = ["--month", "2019-06", "--projects", path, "--out", str(tmp_path / "out")]
    assert main(["ledger", *args, "--lang", lang]) == 1
    assert f"{path}{expected}{CLUSTERS}" in capsys.readouterr().err.splitlines()


def test_the_ledger_settings_say_min_years_in_chinese(tmp_path):
    from clusterlib.ledger.settings import load_ledger_settings

    given = yaml.safe_load((paths.PARAMS / "ledger.yaml").read_text(encoding="utf-8"))
    given["projection"].update(min_years=3, share_years=2)
    path = tmp_path / "ledger.yaml"
    path.write_text(yaml.safe_dump(given, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParameterError) as raised:
        load_ledger_settings(path)
    assert told(raised.value, "zh").splitlines()[1] == (
        f"{path}：“projection.min_years”项：应不小于share_years + 2（4），实为3"
    )
    english = "key 'projection.min_years': must be at least share_years + 2 (4), got 3"
    assert english in str(raised.value)


def _star_list(tmp_path, rows: list[str]) -> str:
    path = tmp_path / "stars.csv"
    header = "region,year,stars,synthetic,source,quote,note"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return str(path)


def test_the_star_list_says_its_problems_in_chinese(tmp_path):
    path = _star_list(
        tmp_path,
        [
            "econ_tech,2017,7,false,http://example.org,,",
            "jindai,2017,1,false,http://example.org,,",
            "atlantis,17年,1,yes,,,",
        ],
    )
    with pytest.raises(DataValidationError) as raised:
        load_star_lists([path])
    assert _problems(raised, "zh") == [
        f"{path}，第2行，“stars”列：应为0至6的整数，实为'7'",
        f"{path}，第3行，“region”列：郑州金岱产业集聚区是市级园区，不是省级产业集聚区：没有星级",
        f"{path}，第4行，“region”列：未知的地区'atlantis'；应为regions.csv中的编号",
        f"{path}，第4行，“year”列：应为年份或留空，实为'17年'",
        f"{path}，第4行，“synthetic”列：应为true或false",
        f"{path}，第4行，“source”列：应写明评级的公布出处",
    ]
    assert _problems(raised, "en")[1:4] == [
        f"{path}, row 3, column 'region': 'jindai' is a municipal_park, not a provincial "
        "cluster: it has no stars",
        f"{path}, row 4, column 'region': unknown region 'atlantis'; expected an id of regions.csv",
        f"{path}, row 4, column 'year': expected a year or empty, got '17年'",
    ]


def test_a_second_rating_and_missing_columns_are_said_in_chinese(tmp_path):
    path = _star_list(
        tmp_path, ["baisha,2017,4,true,synthetic: test,,", "baisha,2017,1,true,synthetic: test,,"]
    )
    with pytest.raises(DataValidationError) as raised:
        load_star_lists([path])
    assert _problems(raised, "zh") == [
        f"{path}，第3行，“year”列：郑州白沙产业集聚区2017年的第二个合成评级：每个地区每年应只有一个"
    ]
    assert _problems(raised, "en") == [
        f"{path}, row 3, column 'year': a second synthetic rating of baisha for 2017: expected "
        "one per region and year"
    ]
    bare = tmp_path / "bare.csv"
    bare.write_text("region,year,stars\nbaisha,2017,4\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        load_star_lists([bare])
    assert _problems(raised, "zh") == [f"{bare}：缺少列：synthetic, source, quote, note"]
    assert _problems(raised, "en") == [f"{bare}: missing columns: synthetic, source, quote, note"]


def test_the_scheme_says_its_problems_in_chinese(tmp_path):
    scheme = yaml.safe_load((paths.PARAMS / "evaluation_henan.yaml").read_text(encoding="utf-8"))
    aspect, items = next(iter(scheme["aspects"].items()))
    first = next(iter(items["indicators"].values()))
    first.update(indicator="taxes")
    scheme["stars"].update(revenue_thresholds=[100, 300, 200])
    scheme["uncertainty"].update(level=0.2)
    path = tmp_path / "scheme.yaml"
    path.write_text(yaml.safe_dump(scheme, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParameterError) as raised:
        load_scheme(path)
    said = told(raised.value, "zh")
    key = f"aspects.{aspect}.indicators.{next(iter(items['indicators']))}.indicator"
    assert f"{path}：“{key}”项：未知的指标'taxes'；应为indicators.csv中的编号" in said
    assert (
        f"{path}：“stars.revenue_thresholds”项：应为严格递增的值（每个星级一个），"
        "实为[100, 300, 200]" in said
    )
    assert f"{path}：“uncertainty.level”项：应为[0.5, 1)内的概率，实为0.2" in said
    english = str(raised.value)
    assert (
        "key 'stars.revenue_thresholds': expected increasing values (one per star level), "
        "got [100, 300, 200]" in english
    )
    assert "key 'uncertainty.level': expected a probability in [0.5, 1), got 0.2" in english


def _demo_firms() -> pd.DataFrame:
    return pd.read_csv(paths.DEMO / "enterprises.csv", dtype=str, keep_default_na=False)


def test_an_unreadable_firm_cell_is_said_in_chinese(tmp_path):
    text = _demo_firms()
    text.loc[3, "high_tech"] = "maybe"  # line 5 of the file
    text.loc[4, "tax"] = "约20"
    path = tmp_path / "firms.csv"
    text.to_csv(path, index=False, encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        read_enterprises(path, load_rules(HENAN))
    assert _problems(raised, "zh") == [
        f"{path}，第5行，“high_tech”列：无法识别的high_tech'maybe'；应为true或false"
        "（也可写yes/no、1/0、是/否），不详时留空",
        f"{path}，第6行，“tax”列：无法识别的tax'约20'；应为普通数字，如12.5（不带%或文字），"
        "不详时留空",
    ]
    assert _problems(raised, "en")[1] == (
        f"{path}, row 6, column 'tax': unreadable tax '约20'; expected a plain number such as "
        "12.5 (no % or text), or blank when not known"
    )


def test_a_unit_slip_of_a_cluster_is_said_in_chinese(tmp_path):
    text = _demo_firms()
    airport, hitech = text["cluster"] == "airport", text["cluster"] == "hitech"
    text.loc[airport, "tax"] = (text.loc[airport, "tax"].astype(float) * 10000).astype(str)
    text.loc[hitech, "revenue"] = (text.loc[hitech, "revenue"].astype(float) / 10000).astype(str)
    path = tmp_path / "firms.csv"
    text.to_csv(path, index=False, encoding="utf-8")
    with pytest.raises(DataValidationError) as raised:
        read_enterprises(path, load_rules(HENAN))
    unit = "：应在1000倍以内（假设E16）；请检查单位（应为万元，而非亿元或元）"
    assert _problems(raised, "zh") == [
        f"{path}，第6行，“tax”列：郑州航空港产业集聚区153家企业的税收（万元）中位数1,526,600，"
        f"是其他11个集聚区中位数的中位数208.875万元的7,309倍{unit}",
        f"{path}，第2行，“revenue”列：郑州高新技术产业集聚区184家企业的营业收入（万元）中位数0.709483，"
        f"是其他11个集聚区中位数的中位数5,980.96万元的8,430分之一{unit}",
    ]
    assert _problems(raised, "en") == [
        f"{path}, row 6, column 'tax': the median tax of airport's 153 firms, 1.527e+06, is "
        "7,309× the median of the other 11 clusters' medians, 208.9 (10,000 yuan): expected within "
        "1000× "
        "(assumption E16); check the unit (10,000 yuan, not 100 million yuan or yuan)",
        f"{path}, row 2, column 'revenue': the median revenue of hitech's 184 firms, 0.7095, is "
        "1/8,430 of the median of the other 11 clusters' medians, 5981 (10,000 yuan): expected "
        "within "
        "1000× (assumption E16); check the unit (10,000 yuan, not 100 million yuan or yuan)",
    ]


def test_the_rules_and_the_classification_say_their_errors_in_chinese():
    rules = yaml.safe_load(HENAN.read_text(encoding="utf-8"))
    rules["henan"]["pool_share"] = 1.5
    with pytest.raises(ParameterError) as raised:
        parse_rules(rules, "rules.yaml")
    assert told(raised.value, "zh").splitlines()[1] == (
        "rules.yaml：“henan.pool_share”项：应为0到1之间的比例，实为1.5"
    )
    assert str(raised.value).splitlines()[1] == (
        "rules.yaml: key 'henan.pool_share': expected a share between 0 and 1, got 1.5"
    )
    del rules["zhejiang"]
    rules["henan"]["pool_share"] = 0.5
    henan_only = parse_rules(rules, "rules.yaml")
    records = read_enterprises(paths.DEMO / "enterprises.csv", henan_only)
    with pytest.raises(ParameterError) as raised:
        classify(records, henan_only, procedure="zhejiang")
    assert told(raised.value, "zh") == "rules.yaml：评价程序“zhejiang”不可用；现有的节：['henan']"
    assert str(raised.value) == (
        "rules.yaml: procedure 'zhejiang' is not available; sections present: ['henan']"
    )


def test_a_missing_column_and_a_missing_bonus_column_are_said_in_chinese():
    rules = load_rules(HENAN)
    records = read_enterprises(paths.DEMO / "enterprises.csv", rules)
    with pytest.raises(DataValidationError) as raised:
        score(records.drop(columns="land_mu"), rules)
    assert _problems(raised, "zh") == ["enterprise records，“land_mu”列：缺少此必需列"]
    assert _problems(raised, "en") == [
        "enterprise records, column 'land_mu': required column absent"
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        score(records.drop(columns="high_tech"), rules)
    (warned,) = [w.message for w in caught if "bonus column" in str(w.message)]
    assert told(warned, "zh") == (
        f"{rules.path}：记录中没有加分项列“high_tech”；没有企业得到这项加分"
    )
    assert str(warned) == (
        f"{rules.path}: bonus column 'high_tech' absent from the records; no firm gets these points"
    )


def test_an_incomplete_year_without_paths_is_said_in_chinese():
    from clusterlib.evaluation.evaluate import evaluate_clusters
    from clusterlib.evaluation.report import DEFAULT_DATA, DEFAULT_SCHEME
    from clusterlib.inputs.panel import load_records

    with pytest.raises(ParameterError) as raised:
        evaluate_clusters(load_records(DEFAULT_DATA), 2018, DEFAULT_SCHEME, as_of="2018Q2")
    assert told(raised.value, "zh") == (
        "2018年的数据只到2018年第二季度，尚不完整：请给出考评方案流量指标的模拟路径"
        "（clusterlib evaluate会模拟）"
    )
    assert str(raised.value) == (
        "year 2018 is incomplete at 2018Q2: give simulated paths of the scheme's flows "
        "(clusterlib evaluate simulates them)"
    )


def test_weights_that_do_not_sum_to_one_are_said_in_chinese(tmp_path):
    scheme = yaml.safe_load((paths.PARAMS / "evaluation_henan.yaml").read_text(encoding="utf-8"))
    aspect = next(iter(scheme["aspects"].values()))
    aspect["weight"] += 0.1
    path = tmp_path / "scheme.yaml"
    path.write_text(yaml.safe_dump(scheme, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParameterError) as raised:
        load_scheme(path)
    assert told(raised.value, "zh").splitlines()[1] == (
        f"{path}：“aspects”项：各方面权重之和为1.1；应为1"
    )
    assert str(raised.value).splitlines()[1] == (
        f"{path}: key 'aspects': aspect weights sum to 1.1; expected 1"
    )
