"""The message catalogue: both languages say the same, and users read their own language."""

from __future__ import annotations

import pickle
import string

import pytest

from clusterlib.cli import main
from clusterlib.exceptions import DataValidationError, ParameterError, Problem
from clusterlib.messages import CATALOGUE, PARTS, message, told
from clusterlib.params import Reader


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_of_a_message_fill_the_same_fields(key):
    zh, en = CATALOGUE[key]
    assert _fields(zh) == _fields(en)
    assert any("\u4e00" <= char <= "\u9fff" for char in zh)  # the Chinese is Chinese


def test_no_message_is_defined_in_two_parts():
    keys = [key for part in PARTS for key in part.TEXT]
    assert len(keys) == len(set(keys))


def test_a_message_is_its_english_text_and_tells_its_chinese():
    said = message(
        "settings_key", file="params/run.yaml", key="seed", problem=message("key_missing")
    )
    assert said == "params/run.yaml: key 'seed': missing"
    assert told(said, "zh") == "params/run.yaml：“seed”项：缺少此项"
    assert told(said, "en") == said


def test_periods_regions_and_indicators_are_named_in_chinese_only():
    said = message("expected_one_of", options="a, b", value="x")
    assert told(said, "zh") == "应为a, b之一，实为'x'"
    from clusterlib.messages import _shown

    assert _shown("quarter", "2019Q2", "zh") == "2019年第二季度"
    assert _shown("region", "city", "zh") == "郑州市"
    assert _shown("region", "city", "en") == "city"
    assert _shown("regions", "city, city", "zh") == "郑州市、郑州市"
    assert _shown("regions", "city, city", "en") == "city, city"


def test_a_message_survives_a_trip_to_a_worker_process():
    said = message("key_unknown", known="a, b")
    back = pickle.loads(pickle.dumps(ParameterError(said)))
    assert told(back, "zh") == "未知的项；可用：a, b"


def test_a_problem_names_file_row_and_column_in_chinese():
    problem = Problem("data/x.csv", 7, "value", message("key_missing"))
    error = DataValidationError([problem, Problem("data/y.csv", None, None, "as given")])
    assert (
        told(error, "zh")
        == "输入数据有2个问题：\ndata/x.csv，第7行，“value”列：缺少此项\ndata/y.csv：as given"
    )
    assert str(error).splitlines()[1] == "data/x.csv, row 7, column 'value': missing"


def test_every_settings_problem_reads_in_chinese():
    reader = Reader({"seed": "x", "lnag": "zh"}, "params/run.yaml")
    reader.integer("seed")
    reader.get("lang")
    reader.unknown(("seed", "lang"))
    with pytest.raises(ParameterError) as raised:
        reader.check()
    assert told(raised.value, "zh").splitlines() == [
        "设定文件有3个问题：",
        "params/run.yaml：“seed”项：应为整数，实为文字 'x'",
        "params/run.yaml：“lang”项：缺少此项",
        "params/run.yaml：“lnag”项：未知的项；可用：seed, lang",
    ]


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh", "第2行，“region”列："), ("en", "row 2, column 'region': ")]
)
def test_validate_speaks_the_language_asked(lang, expected, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "region,indicator,period,period_type,measure,value,unit,source,synthetic\n"
        "nowhere,va_industry,2019-06,ytd,level,1,亿元,test,true\n",
        encoding="utf-8",
    )
    assert main(["validate", "--lang", lang, str(bad)]) == 1
    out = capsys.readouterr().out
    assert expected in out
    assert ("1个文件中有" in out) == (lang == "zh")


def test_a_run_with_a_broken_settings_file_is_told_in_its_language(tmp_path, capsys):
    settings = tmp_path / "run.yaml"
    settings.write_text("lang: zh\nseed: x\n", encoding="utf-8")
    assert main(["run", "--quarter", "2019Q2", "--params", str(settings)]) == 1
    assert "“seed”项：应为整数，实为文字 'x'" in capsys.readouterr().err


def test_a_notebook_problem_table_shows_the_messages_in_chinese():
    from clusterlib.inputs.review import problem_table
    from clusterlib.publish.display import show

    problems = [Problem("data/x.csv", 7, "value", message("key_missing"))]
    shown = show(problem_table(problems), "zh")
    assert shown.iloc[0].tolist()[-1] == "缺少此项"


def test_a_list_shown_as_given_stays_a_list_in_both_languages():
    said = message("expected_texts", value=[1, 2])
    assert said == "expected a list of text values, got [1, 2]"
    assert told(said, "zh") == "应为文字列表，实为[1, 2]"
