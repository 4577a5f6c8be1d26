"""Tests for clusterlib.publish.fonts, labels and charts: glyphs, language, chart artists."""

from __future__ import annotations

import io
import re
import warnings
from importlib import resources

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text

from clusterlib.exceptions import ParameterError
from clusterlib.labels import LABELS, t
from clusterlib.publish.charts import (
    ABOVE_COLOUR,
    BELOW_COLOUR,
    STATUS_COLOURS,
    SYNTHETIC_GID,
    fan_chart,
    history_chart,
    ranking_chart,
    scorecard,
)
from clusterlib.publish.fonts import FONT_FILE, FONT_PACKAGE, _register_font, use_cjk_font
from clusterlib.publish.goal_grid import goal_grid, status_grid

CJK = re.compile(r"[\u4e00-\u9fff]")
TITLE_ZH = "郑州市规上工业增加值累计增速"
TITLE_EN = "Zhengzhou: above-scale industry value added, YTD growth"


def glyph_warnings(fig: Figure) -> list[str]:
    """Render ``fig`` to PNG with Agg and return every "Glyph ... missing from font" warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png", dpi=40)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def all_text(fig: Figure) -> list[str]:
    """Every piece of text drawn on ``fig`` (tick labels included, so draw first)."""
    fig.canvas.draw()
    return [a.get_text() for a in fig.findobj(Text) if a.get_visible() and a.get_text()]


# --- fonts ---------------------------------------------------------------------------------


def bundled_entries() -> list:
    """Font-manager entries of the font file shipped in mplfonts."""
    path = str(resources.files(FONT_PACKAGE).joinpath(FONT_FILE))
    return [f for f in font_manager.fontManager.ttflist if f.fname == path]


def test_use_cjk_font_sets_the_family_first_and_the_ascii_minus():
    family = use_cjk_font()
    use_cjk_font()
    assert family == "Noto Sans CJK SC"
    assert mpl.rcParams["font.sans-serif"][0] == family
    assert mpl.rcParams["font.sans-serif"].count(family) == 1
    assert mpl.rcParams["axes.unicode_minus"] is False


def test_the_project_registers_the_bundled_font_once():
    use_cjk_font()
    registered = bundled_entries()
    assert {f.name for f in registered} >= {"Noto Sans CJK SC"}
    _register_font.cache_clear()  # as after a module reload: the file is not added again
    use_cjk_font()
    assert bundled_entries() == registered


@pytest.fixture
def system_copy_of_the_font(tmp_path, monkeypatch):
    """A second "Noto Sans CJK SC" in the font list, as Debian's fonts-noto-cjk adds."""
    copy = tmp_path / "NotoSansCJKsc-Regular.otf"
    copy.write_bytes(resources.files(FONT_PACKAGE).joinpath(FONT_FILE).read_bytes())
    manager = font_manager.fontManager
    monkeypatch.setattr(manager, "ttflist", list(manager.ttflist))
    manager.addfont(str(copy))
    yield copy
    manager._findfont_cached.cache_clear()


@pytest.mark.parametrize("system_font", [False, True], ids=["bundled only", "system copy too"])
def test_chinese_labels_render_without_missing_glyphs(system_font, request):
    if system_font:
        request.getfixturevalue("system_copy_of_the_font")
    family = use_cjk_font()
    assert any(f.name == family for f in font_manager.fontManager.ttflist)
    fig = chinese_figure()
    fig.suptitle(TITLE_ZH, fontweight="bold")  # bold: the system font has its own file
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph fails the test
        fig.savefig(io.BytesIO(), format="png", dpi=40)


def chinese_figure() -> Figure:
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([1, 2, 3], [1, -2, 3], label="实际值")
    ax.set(title=TITLE_ZH, xlabel="季度", ylabel="同比增长（%）")
    ax.legend()
    return fig


def test_glyph_check_detects_a_font_without_chinese():
    # control: with DejaVu Sans alone the same figure must produce the warning we look for
    use_cjk_font()
    with mpl.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        assert glyph_warnings(chinese_figure())


def test_chinese_text_renders_with_every_glyph():
    use_cjk_font()
    assert glyph_warnings(chinese_figure()) == []


def test_cjk_font_survives_rcdefaults():
    with mpl.rc_context():
        mpl.rcdefaults()
        use_cjk_font()
        assert glyph_warnings(chinese_figure()) == []


# --- labels --------------------------------------------------------------------------------


def test_t_translates():
    assert t("actual") == "实际值"
    assert t("actual", "en") == "Actual"
    assert t("at_risk", "zh") == "有风险"
    assert t("synthetic", "en").startswith("SYNTHETIC")


def test_every_label_is_chinese_in_zh_and_free_of_chinese_in_en():
    for key in LABELS:
        assert CJK.search(t(key, "zh")), key
        assert not CJK.search(t(key, "en")), key


def test_unknown_key_names_the_key_and_the_known_ones():
    with pytest.raises(KeyError, match=r"'median'.*median_forecast"):
        t("median", "en")


def test_unknown_language_is_a_parameter_error():
    with pytest.raises(ParameterError, match="'fr'"):
        t("actual", "fr")


# --- hand-made inputs ----------------------------------------------------------------------

QUARTERS = pd.period_range("2018Q3", "2019Q2", freq="Q")


def growth_table(values: dict[str, list[float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(r, q, v) for r, vs in values.items() for q, v in zip(QUARTERS, vs, strict=True)],
        columns=["region", "period", "value"],
    )


HISTORY = pd.DataFrame({"period": QUARTERS, "value": [8.0, 8.5, 7.0, 7.5]})
CITY = pd.DataFrame({"period": QUARTERS, "value": [7.0, 7.2, 7.1, 7.3]})
FORECAST = pd.DataFrame(
    {
        "period": pd.period_range("2019Q3", periods=2, freq="Q"),
        "mean": [7.6, 7.8],
        "lo_80": [6.6, 6.4],
        "hi_80": [8.6, 9.2],
        "lo_95": [6.0, 5.6],
        "hi_95": [9.2, 10.0],
    }
)
GOALS = pd.DataFrame(
    {
        "goal_id": ["g1", "g2", "g3", "g4", "g5", "g6", "g7"],
        "scope": ["city", "econ_tech", "baisha", "city", "city", "city", "city"],
        "metric": ["industry_va", "fai", "hightech_va", "fai", "fai", "fai", "fai"],
        "threshold": [0.0, 0.0, 2.0, 4000.0, 48.0, np.nan, 1.0],
        "probability": [0.93, 0.55, 0.2, 0.05, np.nan, np.nan, 1.0],
        "status": [
            "on_track",
            "at_risk",
            "off_track",
            "missed",
            "no_data",
            "not_measurable",
            "met",
        ],
        "required_growth": [np.nan, 9.1, 12.3, 25.0, np.nan, np.nan, np.nan],
    }
)
RANKING = pd.DataFrame({"region": ["econ_tech", "baisha", "hitech"], "value": [9.0, 5.0, 12.0]})


def build(chart: str, lang: str, synthetic: bool = False) -> Figure:
    title = TITLE_ZH if lang == "zh" else TITLE_EN
    match chart:
        case "history":
            table = growth_table({"city": [8, 8, 7, 7], "econ_tech": [9, 7, 8, 6]})
            return history_chart(table, "industry_va", lang, synthetic=synthetic)
        case "fan":
            return fan_chart(HISTORY, FORECAST, CITY, title, lang, synthetic)
        case "scorecard":
            return scorecard(GOALS, lang, synthetic)
        case "ranking":
            return ranking_chart(RANKING, 8.0, title, lang, synthetic)
    raise AssertionError(chart)


CHARTS = ["history", "fan", "scorecard", "ranking"]


# --- every chart: language, glyphs, synthetic stamp ----------------------------------------


@pytest.mark.parametrize("chart", CHARTS)
def test_chart_in_chinese_has_chinese_title_and_all_glyphs(chart):
    fig = build(chart, "zh")
    assert CJK.search(fig.axes[0].get_title(loc="left"))
    assert glyph_warnings(fig) == []


@pytest.mark.parametrize("chart", CHARTS)
def test_chart_in_english_has_no_chinese_anywhere(chart):
    fig = build(chart, "en")
    assert fig.axes[0].get_title(loc="left")
    assert [text for text in all_text(fig) if CJK.search(text)] == []
    assert glyph_warnings(fig) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("chart", CHARTS)
def test_synthetic_stamp_only_when_asked(chart, lang):
    def stamps(fig: Figure) -> list[str]:
        return [text.get_text() for text in fig.texts if text.get_gid() == SYNTHETIC_GID]

    assert stamps(build(chart, lang, synthetic=True)) == [t("synthetic", lang)]
    assert stamps(build(chart, lang, synthetic=False)) == []


# --- chart contents ------------------------------------------------------------------------


def labelled_lines(fig: Figure) -> dict[str, object]:
    return {line.get_label(): line for line in fig.axes[0].get_lines()}


def test_history_chart_draws_city_thick_and_each_cluster_thin():
    fig = build("history", "zh")
    lines = labelled_lines(fig)
    assert set(lines) == {"郑州市", "郑州经济技术产业集聚区"}
    assert lines["郑州市"].get_linewidth() > 2 * lines["郑州经济技术产业集聚区"].get_linewidth()
    np.testing.assert_array_equal(lines["郑州市"].get_ydata(), [8, 8, 7, 7])
    formatter = fig.axes[0].xaxis.get_major_formatter()
    assert formatter(lines["郑州市"].get_xdata()[-1], 0) == "2019年\n二季度"
    assert t("growth_ytd") in fig.axes[0].get_title(loc="left")


def test_history_chart_zero_line_only_when_growth_turns_negative():
    positive = history_chart(growth_table({"city": [8, 8, 7, 7]}), "fai", "en")
    negative = history_chart(growth_table({"city": [8, -2, 7, 7]}), "fai", "en")
    assert len(positive.axes[0].get_lines()) == 1
    assert len(negative.axes[0].get_lines()) == 2


def test_fan_chart_has_actuals_median_city_and_two_bands_opening_at_the_last_actual():
    fig = build("fan", "en")
    lines = labelled_lines(fig)
    assert set(lines) == {"Actual", "Median forecast", "City"}
    # the median starts from the last actual (7.5), then follows the forecast
    np.testing.assert_array_equal(lines["Median forecast"].get_ydata(), [7.5, 7.6, 7.8])
    bands = {band.get_label(): band for band in fig.axes[0].collections}
    assert set(bands) == {"80% interval", "95% interval"}
    low, high = bands["95% interval"].get_paths()[0].get_extents().intervaly
    assert (low, high) == (5.6, 10.0)
    legend = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert legend == ["Actual", "Median forecast", "80% interval", "95% interval", "City"]


def test_fan_chart_without_city_has_two_lines():
    fig = fan_chart(HISTORY, FORECAST, None, TITLE_ZH, "zh")
    assert set(labelled_lines(fig)) == {"实际值", "预测中位数"}


def test_ranking_chart_sorts_bars_and_colours_those_above_the_city():
    fig = build("ranking", "en")
    bars = fig.axes[0].patches
    assert len(bars) == 3
    by_height = sorted(bars, key=lambda bar: bar.get_y())
    assert [bar.get_width() for bar in by_height] == [5.0, 9.0, 12.0]  # largest on top
    assert [to_hex(bar.get_facecolor()) for bar in by_height] == [
        to_hex(BELOW_COLOUR),
        to_hex(ABOVE_COLOUR),
        to_hex(ABOVE_COLOUR),
    ]
    (city_line,) = fig.axes[0].get_lines()[1:]
    assert list(city_line.get_xdata()) == [8.0, 8.0]
    assert city_line.get_label() == "City 8.0"  # the city's figure, not an average


def test_ranking_chart_without_city_value_has_no_line_and_one_colour():
    fig = ranking_chart(RANKING, None, TITLE_ZH, "zh")
    assert len(fig.axes[0].get_lines()) == 1  # the zero line only
    assert {to_hex(bar.get_facecolor()) for bar in fig.axes[0].patches} == {to_hex(ABOVE_COLOUR)}


def test_scorecard_colours_statuses_by_group():
    fig = build("scorecard", "zh")
    cells = [text for text in fig.axes[0].texts if text.get_gid() == "status"]
    colour = {
        status: to_hex(cell.get_bbox_patch().get_facecolor())
        for status, cell in zip(GOALS["status"], cells, strict=True)
    }
    assert [cell.get_text() for cell in cells] == [t(s, "zh") for s in GOALS["status"]]
    assert colour["met"] == colour["on_track"]
    assert colour["off_track"] == colour["missed"]
    assert colour["no_data"] == colour["not_measurable"]
    groups = {colour["met"], colour["at_risk"], colour["missed"], colour["no_data"]}
    assert len(groups) == 4


def test_scorecard_shows_percent_probability_and_dashes_for_missing():
    texts = [text.get_text() for text in build("scorecard", "en").axes[0].texts]
    assert {"93%", "55%", "5%", "100%", "9.1", "25.0", "4000"} <= set(texts)
    assert texts.count("–") == 1 + 2 + 4  # missing: thresholds, probabilities, growth needed


def test_scorecard_prefers_the_label_column():
    goals = GOALS.head(2).assign(label=["集聚区增速高于全市", None])
    texts = [text.get_text() for text in scorecard(goals, "zh").axes[0].texts]
    assert "集聚区增速高于全市" in texts
    assert "固定资产投资" in texts  # no label: the indicator's name


def test_scorecard_rejects_an_unknown_status():
    with pytest.raises(KeyError, match=r"'done'.*on_track"):
        scorecard(GOALS.assign(status="done"), "en")


# --- the goals × regions grid --------------------------------------------------------------


def many_goals(n: int = 40) -> pd.DataFrame:
    """``n`` goals in plan order: g0 for the city, the rest for two clusters."""
    statuses = ["met", "on track", "at risk", "off track", "missed", "no data", "not measurable"]
    rows = [("g0", "city", "at risk")]
    rows += [
        (f"g{i}", scope, statuses[i % 7]) for i in range(1, n) for scope in ("gongyi", "airport")
    ]
    return pd.DataFrame(rows, columns=["goal_id", "scope", "status"])


def test_goal_grid_has_every_goal_as_a_row_and_every_scope_as_a_column():
    grid = status_grid(many_goals())
    assert grid.index.tolist() == [f"g{i}" for i in range(40)]  # plan order, all 40
    assert grid.columns.tolist() == ["city", "airport", "gongyi"]  # city, then catalogue order
    assert grid.loc["g0", "city"] == "at risk"
    assert grid.loc["g0", "gongyi"] == ""  # the goal does not cover the cluster
    assert grid.loc["g3", "airport"] == "off track"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_goal_grid_shows_every_row_with_status_colours(lang):
    html = goal_grid(many_goals(), lang).to_html()
    assert html.count("<tr>") == 1 + 40  # the header and every goal: nothing truncated
    assert html.count(t("off_track", lang)) == 2 * len(range(3, 40, 7))
    styles = goal_grid(many_goals(), lang)._compute().ctx  # (row, column) → CSS
    city = 0
    assert ("background-color", STATUS_COLOURS["at_risk"]) in styles[(0, city)]
    assert ("background-color", STATUS_COLOURS["missed"]) in styles[(4, 1)]
    assert (0, 1) not in styles or not styles[(0, 1)]  # empty cell: no colour


def test_goal_grid_escapes_names():
    hostile = pd.DataFrame(
        {"goal_id": ["<b>g</b>"], "scope": ["<script>alert(1)</script>"], "status": ["met"]}
    )
    html = goal_grid(hostile).to_html()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def tick_labels(fig: Figure) -> list[str]:
    """The x tick labels of the chart's axes, as drawn."""
    fig.canvas.draw()
    return [label.get_text() for label in fig.axes[0].get_xticklabels() if label.get_text()]


@pytest.mark.parametrize("chart", ["fan", "history"])
def test_quarter_ticks_read_as_the_office_writes_them(chart):
    zh = tick_labels(build(chart, "zh"))
    assert zh and all(re.fullmatch(r"\d{4}年\n[一二三四]季度", text) for text in zh), zh
    assert all(re.fullmatch(r"\d{4}Q[1-4]", text) for text in tick_labels(build(chart, "en")))


def test_the_ledgers_month_ticks_read_2_yue_in_chinese():
    from clusterlib.ledger.charts import growth_small_multiples

    months = ["2019-02", "2019-03", "2019-04"]
    ledger = pd.DataFrame(
        {
            "region": ["city"] * 3 + ["econ_tech"] * 3,
            "indicator": "industry_va",
            "month": months * 2,
            "growth": [8.0, 7.9, 7.8, 9.0, 8.5, 8.1],
        }
    )
    fig = growth_small_multiples(ledger, "industry_va", "zh")
    assert tick_labels(fig) == ["2月", "3月", "4月"]
    assert tick_labels(growth_small_multiples(ledger, "industry_va", "en")) == ["02", "03", "04"]
