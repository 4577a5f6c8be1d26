"""Reading single cells of release tables: labels, missing marks, digits, footnotes, units."""

import pytest

from clusterlib.inputs import cells
from clusterlib.inputs.names import known_name, lookup


@pytest.mark.parametrize(
    ("text", "end_month", "period_type"),
    [
        ("1—2月", 2, "ytd"),
        ("1-2月", 2, "ytd"),
        ("1－2月", 2, "ytd"),  # full-width hyphen
        ("1～6月份", 6, "ytd"),
        ("一至六月", 6, "ytd"),
        ("1月—12月", 12, "ytd"),
        ("2019年1—9月", 9, "ytd"),
        ("上半年", 6, "ytd"),
        ("前三季度", 9, "ytd"),
        ("全年", 12, "ytd"),
        ("一季度", 3, "ytd"),
        ("二季度", 6, "single"),
        ("6月", 6, "single"),
        ("１—６月", 6, "ytd"),  # full-width digits
    ],
)
def test_period_labels(text, end_month, period_type):
    label = cells.parse_period_label(text)
    assert (label.end_month, label.period_type) == (end_month, period_type)


@pytest.mark.parametrize("text", ["绝对值", "同比增长(%)", "3—6月", "13月", "下半年"])
def test_non_period_labels_are_none(text):
    assert cells.parse_period_label(text) is None


def test_period_text_follows_the_frequency():
    half = cells.parse_period_label("上半年")
    two = cells.parse_period_label("1-2月")
    second = cells.parse_period_label("二季度")
    assert cells.period_text(2019, half, "quarter") == "2019Q2"
    assert cells.period_text(2019, half, "month") == "2019-06"
    assert cells.period_text(2019, two, "quarter") == "2019-02"  # not a quarter end
    assert cells.period_text(2019, second, "month") == "2019Q2"  # a quarter stays a quarter


@pytest.mark.parametrize("text", ["", "  ", "—", "——", "…", "…", "－", "-", "...", "x"])
def test_missing_marks(text):
    assert cells.is_missing(text)


@pytest.mark.parametrize("text", ["0", "0.0", "12.3", "—5"])
def test_numbers_and_text_are_not_missing(text):
    assert not cells.is_missing(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.3", 12.3),
        ("１２.３", 12.3),  # full-width digits
        ("１２．３", 12.3),  # and a full-width point
        ("1,234.5", 1234.5),
        ("１，２３４．５", 1234.5),
        ("12.3%", 12.3),
        ("12.3％", 12.3),
        ("12.3①", 12.3),
        ("12.3*", 12.3),
        ("12.3²", 12.3),  # a superscript footnote is not a digit
        ("-4.5", -4.5),
        ("－4.5", -4.5),
        ("−4.5", -4.5),  # minus sign
        (" 7 ", 7.0),
    ],
)
def test_numbers(text, value):
    assert cells.parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["=SUM(B2:B4)", "<script>", "12.3亿", "1,23", "abc", "1.2.3"])
def test_not_numbers(text):
    assert cells.parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("营业收入(亿元)", "亿元"),
        ("固定资产投资（万元）", "万元"),
        ("同比增长(%)", "%"),
        ("同比增长%", "%"),
        ("亿元", "亿元"),
        ("1—6月", None),
    ],
)
def test_units_in_headers(text, unit):
    assert cells.unit_of(text) == unit


def test_conversion_to_the_catalogue_unit():
    assert cells.convert(12345.0, "万元", "100m_yuan") == (pytest.approx(1.2345), None)
    assert cells.convert(3.0, "平方公里", "mu") == (4500.0, None)
    assert cells.convert(66.8, "%", "pct_share") == (66.8, None)
    assert cells.convert(5.0, None, "100m_yuan") == (5.0, None)
    _, error = cells.convert(5.0, "亩", "100m_yuan")
    assert "亩" in error and "100m_yuan" in error


def test_values_are_written_without_float_noise():
    assert cells.format_value(12345.0 * 1e-4) == "1.2345"
    assert cells.format_value(21423.0) == "21423"
    assert cells.format_value(0.1 + 0.2) == "0.3"


@pytest.mark.parametrize(("text", "unknown"), [("产值(千元)", "千元"), ("产量(吨)", "吨")])
def test_unknown_printed_units_are_noticed(text, unknown):
    assert cells.unknown_unit(text) == unknown


@pytest.mark.parametrize("text", ["营业收入(亿元)", "合计(不含巩义)", "1—6月"])
def test_known_units_and_other_brackets_are_not_unknown_units(text):
    assert cells.unknown_unit(text) is None


def test_a_name_starting_like_a_part_of_marker_is_read_as_written():
    """ "其中：高新区" is a component row of 高新区; 内蒙古自治区 is a region, not 内 + 蒙古自治区
    (the import refused it as unknown, and the import bench stopped on it)."""
    regions = lookup("region", {})
    assert known_name(regions, "内蒙古自治区") == "neimenggu"
    assert known_name(regions, "其中：高新区") == "hitech"
    assert known_name(regions, "  其中:航空港区") == "airport"
    assert known_name(regions, "蒙古自治区") is None
