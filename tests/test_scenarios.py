"""Scenarios: the file's problems, zero shock = baseline to the bit, hand-computed shifts."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest

from clusterlib.batch import run_scenario, stale_baseline
from clusterlib.exceptions import ParameterError
from clusterlib.goals.catalogue import load_catalogue
from clusterlib.inputs.panel import load_panel
from clusterlib.params import load_run_params
from clusterlib.paths import PARAMS, ROOT
from clusterlib.pipeline import goal_draws, goals_from_draws, project_register, report_month
from clusterlib.publish.report_folder import sha256, write_json
from clusterlib.publish.tables import write_table
from clusterlib.scenarios import (
    apply_scenario,
    comparison,
    comparison_view,
    full_year_shift,
    load_scenario,
    read_draws,
    write_draws,
    write_scenario_report,
)
from clusterlib.scenarios.compare import scenario_full_year
from clusterlib.scenarios.interactive import (
    build_model,
    first_unpublished,
    unit_shocks,
)
from clusterlib.scenarios.plausible import implausible
from clusterlib.scenarios.report import (
    city_unmoved,
    describe,
    evaluate_scenario,
    idle_note,
    overlap_note,
    unreported_shocks,
)
from clusterlib.scenarios.shocks import below_zero
from clusterlib.scenarios.spec import (
    GrowthShock,
    LevelShock,
    Overlap,
    Scenario,
    cluster_ids,
    overlaps,
)
from clusterlib.scenarios.widgets import slider_shocks

AS_OF = pd.Period("2019Q2", freq="Q-DEC")
H2 = [pd.Period("2019Q3", freq="Q-DEC"), pd.Period("2019Q4", freq="Q-DEC")]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The demo's panel at 2019Q2, 60 joint paths kept and read back, and the goal catalogue."""
    panel = load_panel([ROOT / "data/demo/panel.csv"], "2019Q2")
    forecasts, paths = goal_draws(panel, seed=2019, n_paths=60)
    folder = tmp_path_factory.mktemp("report")
    write_draws(folder, forecasts, paths)
    return panel, forecasts, paths, read_draws(folder), load_catalogue(), folder


def last_year(panel, region, indicator, quarters):
    """Sum of last year's values of the series in the given quarters (hand calculation)."""
    rows = panel[(panel["region"] == region) & (panel["indicator"] == indicator)]
    rows = rows[rows["measure"] == "level"].set_index("period")["value"]  # the series the goals use
    return float(sum(rows[q - 4] for q in quarters))


def year_sums(paths, region, indicator):
    """Each path's total of the year's remaining quarters (Q3 + Q4) of one series."""
    rows = paths[(paths["region"] == region) & (paths["indicator"] == indicator)]
    rows = rows[rows["period"].isin(H2)]
    return rows.groupby("path")["value"].sum().to_numpy()


def test_kept_draws_come_back_to_the_bit(run):
    _, forecasts, paths, kept, _, _ = run
    pd.testing.assert_frame_equal(kept.paths, paths.reset_index(drop=True), check_exact=True)
    combo = forecasts[forecasts["model"] == "combo"].reset_index(drop=True)
    assert np.array_equal(kept.forecasts["mean"].to_numpy(), combo["mean"].to_numpy())


def test_a_zero_shock_reproduces_the_baseline_to_the_bit(run):
    panel, forecasts, paths, kept, goals, _ = run
    baseline = goals_from_draws(panel, AS_OF, forecasts, paths, goals)
    zero = (GrowthShock("industry_va", ("city", "airport"), 0.0, H2[0]),)
    moved, _ = apply_scenario(kept, zero, panel, AS_OF)
    again = goals_from_draws(panel, AS_OF, moved.forecasts, moved.paths, goals)
    pd.testing.assert_frame_equal(again, baseline, check_exact=True)
    assert not comparison(baseline, again)[["probability_change"]].any().any()


def test_a_cluster_growth_shock_moves_its_full_year_growth_by_its_weight(run):
    """+x pp in Q3–Q4 adds x/100 · last year's Q3–Q4 to the year's total, so full-year growth
    (Σ this year / Σ last year − 1) moves by x · (last year's Q3–Q4 / last year's total) on every
    path, and the growth of the rest of the year (Q3–Q4 over last year's Q3–Q4) by exactly x."""
    panel, _, _, kept, goals, _ = run
    x, region = 3.0, "hitech"
    rest = last_year(panel, region, "industry_va", H2)
    total = last_year(panel, region, "industry_va", [*H2, *(q - 2 for q in H2)])
    shock = (GrowthShock("industry_va", (region,), x, H2[0]),)
    moved, shift = apply_scenario(kept, shock, panel, AS_OF)
    change = full_year_shift(shift, panel, 2019).set_index("region")["growth_change"]
    assert change[region] == pytest.approx(x * rest / total, abs=1e-12)
    before, after = ({}, {})
    goals_from_draws(panel, AS_OF, kept.forecasts, kept.paths, goals, record=before)
    new = goals_from_draws(panel, AS_OF, moved.forecasts, moved.paths, goals, record=after)
    key = ("va_growth_each_cluster", region)  # the metric is hitech's growth minus the city's
    assert after[key] - before[key] == pytest.approx(np.full(60, x * rest / total), abs=1e-9)
    rest_growth = [
        100 * (year_sums(d.paths, region, "industry_va") / rest - 1) for d in (kept, moved)
    ]
    assert rest_growth[1] - rest_growth[0] == pytest.approx(np.full(60, x), abs=1e-9)
    # required growth is what the rest of the year needs to beat the city's forecast: the
    # cluster's own shock does not change what is needed (the gap to it closes by x instead)
    base = goals_from_draws(panel, AS_OF, kept.forecasts, kept.paths, goals)
    row = (new["goal_id"] == "va_growth_each_cluster") & (new["scope"] == region)
    assert new.loc[row, "required_growth"].item() == base.loc[row, "required_growth"].item()


def test_a_city_growth_shock_moves_each_clusters_required_growth_by_x_times_the_share_ratio(run):
    """Required growth r_c = 100 · ((1 + t/100) · L_c − so far) / R_c − 100 with t the city's
    full-year forecast: +x pp to the city's Q3–Q4 moves t by x · R_city / L_city, so r_c moves
    by x · (R_city / L_city) / (R_c / L_c) — exactly x when the two shares are equal."""
    panel, _, _, kept, goals, _ = run
    x = -2.0
    shares = {}
    for region in ("city", "airport", "gongyi"):
        rest = last_year(panel, region, "industry_va", H2)
        shares[region] = rest / last_year(panel, region, "industry_va", [*H2, *(q - 2 for q in H2)])
    moved, _ = apply_scenario(
        kept, (GrowthShock("industry_va", ("city",), x, H2[0]),), panel, AS_OF
    )
    base = goals_from_draws(panel, AS_OF, kept.forecasts, kept.paths, goals)
    new = goals_from_draws(panel, AS_OF, moved.forecasts, moved.paths, goals)
    for region in ("airport", "gongyi"):
        row = (base["goal_id"] == "va_growth_each_cluster") & (base["scope"] == region)
        change = new.loc[row, "required_growth"].item() - base.loc[row, "required_growth"].item()
        assert change == pytest.approx(x * shares["city"] / shares[region], abs=1e-9)


def test_a_project_slip_moves_the_clusters_and_the_citys_investment_by_its_amount(run):
    panel, _, _, kept, _, _ = run
    amount = -60.0
    slip = (LevelShock("fai", "airport", amount, H2[1]),)
    moved, _ = apply_scenario(kept, slip, panel, AS_OF)
    for region in ("airport", "city"):
        change = year_sums(moved.paths, region, "fai") - year_sums(kept.paths, region, "fai")
        assert change == pytest.approx(np.full(60, amount), abs=1e-9)
    assert np.array_equal(
        year_sums(moved.paths, "econ_tech", "fai"), year_sums(kept.paths, "econ_tech", "fai")
    )


def test_a_shock_from_a_month_covers_the_rest_of_its_quarter(run):
    """From August: two of Q3's three months, so Q3 moves by 2/3 of x / 100 · last year's Q3."""
    panel, _, _, kept, _, _ = run
    shock = (GrowthShock("fai", ("city",), 3.0, pd.Period("2019-08", freq="M")),)
    _, shift = apply_scenario(kept, shock, panel, AS_OF)
    q3 = last_year(panel, "city", "fai", [H2[0]])
    assert shift[("city", "fai", "level", "2019Q3")] == pytest.approx(0.03 * 2 / 3 * q3)
    assert shift[("city", "fai", "level", "2019Q4")] == pytest.approx(
        0.03 * last_year(panel, "city", "fai", [H2[1]])
    )


def planted_full_year() -> pd.DataFrame:
    """A full-year table as 02_forecast writes it: growth, its 80% band and the basis."""
    return pd.DataFrame(
        {
            "region": ["airport", "city", "city", "xinmi"],
            "indicator": ["fai", "fai", "industry_va", "fai"],
            "full_year_growth": [16.96, 9.86, 7.15, 5.0],
            "full_year_lo_80": [11.99, 7.11, 5.75, 5.0],
            "full_year_hi_80": [22.34, 12.74, 8.60, 5.0],
            "basis": ["forecast", "forecast", "forecast", "actual"],
        }
    )


def test_a_shock_moves_the_full_year_band_with_the_point_by_the_hand_computed_amount(run):
    """Every path moves by the same amount, so each quarter's quantiles move by it too: a
    −60亿 project in 航空港's Q4 moves its full-year growth, point and both bounds, by
    −60 / last year's total · 100; −2 pp on the city's Q3–Q4 moves the city's by
    −2 · last year's Q3–Q4 / last year's total. The actual row and other series stay."""
    panel, _, _, kept, _, _ = run
    shocks = (
        LevelShock("fai", "airport", -60.0, H2[1]),
        GrowthShock("industry_va", ("city",), -2.0, H2[0]),
    )
    _, shift = apply_scenario(kept, shocks, panel, AS_OF)
    full = planted_full_year()
    moved = scenario_full_year(full, full_year_shift(shift, panel, 2019))
    airport = -60.0 / last_year(panel, "airport", "fai", [*H2, *(q - 2 for q in H2)]) * 100
    city_fai = -60.0 / last_year(panel, "city", "fai", [*H2, *(q - 2 for q in H2)]) * 100
    city_va = (
        -2.0
        * last_year(panel, "city", "industry_va", H2)
        / last_year(panel, "city", "industry_va", [*H2, *(q - 2 for q in H2)])
    )
    columns = ["full_year_growth", "full_year_lo_80", "full_year_hi_80"]
    expected = full[columns].to_numpy() + np.array([[airport], [city_fai], [city_va], [0.0]])
    np.testing.assert_allclose(moved[columns].to_numpy(), expected, rtol=0, atol=1e-12)
    assert moved.loc[0, "full_year_lo_80"] < moved.loc[0, "full_year_growth"]
    assert moved.loc[0, "full_year_growth"] < moved.loc[0, "full_year_hi_80"]


def test_a_zero_shock_leaves_the_full_year_band_bit_identical(run):
    panel, _, _, kept, _, _ = run
    zero = (GrowthShock("fai", ("city", "airport"), 0.0, H2[0]),)
    _, shift = apply_scenario(kept, zero, panel, AS_OF)
    full = planted_full_year()
    moved = scenario_full_year(full, full_year_shift(shift, panel, 2019))
    pd.testing.assert_frame_equal(moved, full, check_exact=True)


def planted_q4(kept):
    """The kept draws with 航空港's Q4 investment planted at 50 + path (50 … 109亿元)."""
    paths = kept.paths.copy()
    row = (paths["region"] == "airport") & (paths["indicator"] == "fai")
    row &= paths["period"] == H2[1]
    paths.loc[row, "value"] = 50.0 + paths.loc[row, "path"]
    return dataclasses.replace(kept, paths=paths)


def test_a_level_change_that_makes_a_quarter_negative_on_a_path_is_refused(run, tmp_path):
    """Lowest planted path 50: −50 leaves it at 0 (accepted), −50.5 makes it −0.5 on one of
    the 60 paths (refused, naming file, key, the baseline's levels and the least change)."""
    panel, _, _, kept, goals, _ = run
    planted = planted_q4(kept)
    point = planted.forecasts.set_index(["region", "indicator", "period"])["mean"]
    point = point[("airport", "fai", H2[1])]
    for amount, problems in ((-50.0, 0), (-50.5, 1)):
        shocks = (LevelShock("fai", "airport", amount, H2[1]),)
        moved, _ = apply_scenario(planted, shocks, panel, AS_OF)
        assert len(below_zero(shocks, planted, moved, panel, AS_OF)) == problems
    source = tmp_path / "slip.yaml"
    scenario = Scenario("slip", "", "", (LevelShock("fai", "airport", -50.5, H2[1]),), str(source))
    with pytest.raises(ParameterError) as caught:
        evaluate_scenario(panel, AS_OF, planted, scenario, goals)
    assert (
        f"{source}: key 'shocks[0].level_change': -50.5 100 million yuan would make airport/fai "
        f"of 2019Q4 negative on 1 of 60 simulated paths (baseline forecast {point:.1f} 100 "
        "million yuan, lowest path 50.0): expected a change of at least -50.0"
    ) in str(caught.value)


def test_a_growth_shock_that_takes_a_quarter_below_zero_is_refused(run, tmp_path):
    """航空港's Q4 investment planted at 50 + path: a growth shock of x pp adds x/100 · b (b:
    last year's Q4), so the lowest path stays at or above zero only for x ≥ −100 · 50 / b.
    A hair above that is accepted; 1 pp below, the paths under b/100 go negative (refused,
    naming file, key and the least change)."""
    panel, _, _, kept, goals, _ = run
    planted = planted_q4(kept)
    b = last_year(panel, "airport", "fai", [H2[1]])
    least = -100 * 50 / b
    for x, problems in ((least + 0.01, 0), (least - 1, 1)):
        shocks = (GrowthShock("fai", ("airport",), x, H2[1]),)
        moved, _ = apply_scenario(planted, shocks, panel, AS_OF)
        assert len(below_zero(shocks, planted, moved, panel, AS_OF)) == problems
    below = int(np.sum(np.arange(60) < b / 100))
    source = tmp_path / "collapse.yaml"
    scenario = Scenario(
        "collapse", "", "", (GrowthShock("fai", ("airport",), least - 1, H2[1]),), str(source)
    )
    with pytest.raises(ParameterError) as caught:
        evaluate_scenario(panel, AS_OF, planted, scenario, goals)
    message = str(caught.value)
    assert (
        f"{source}: key 'shocks[0].growth_pp': {least - 1:g} pp would take airport/fai of "
        in message
    )
    assert f"2019Q4 below zero (growth below -100%) on {below} of 60 simulated paths" in message
    assert f"expected a change of at least {least:.1f} pp" in message


def test_a_growth_shock_below_minus_100_on_a_growth_only_series_is_refused(run):
    """High-tech value added is published as growth only and simulated as a chained index
    (last year's quarter b, this year's b · (1 + g)): −150 pp from Q3 adds −1.5 · b, which takes
    the index below zero wherever g < 50%, i.e. growth below −100%; −5 pp is accepted."""
    panel, _, _, kept, _, _ = run
    series = kept.paths[
        (kept.paths["region"] == "airport") & (kept.paths["indicator"] == "hightech_va")
    ]
    assert set(series["measure"]) == {"index"}
    for x, refused in ((-5.0, False), (-150.0, True)):
        shocks = (GrowthShock("hightech_va", ("airport",), x, H2[0]),)
        moved, _ = apply_scenario(kept, shocks, panel, AS_OF)
        problems = below_zero(shocks, kept, moved, panel, AS_OF)
        assert bool(problems) is refused
    key, message = problems[0]
    assert key == "shocks[0].growth_pp"
    assert "-150 pp would take airport/hightech_va of 2019Q" in message
    assert "(baseline chained index: forecast" in message


def test_a_shock_that_moves_nothing_reported_is_named_once(run):
    """The clusters' high-tech paths exist and are shifted, but the high-tech goal is the
    city's and the full-year table has no hightech_va: only that shock gets a note."""
    panel, _, _, kept, goals, _ = run
    shocks = (
        GrowthShock("hightech_va", tuple(cluster_ids()), 3.0, H2[0]),
        GrowthShock("hightech_va", ("city",), 3.0, H2[0]),
        LevelShock("fai", "airport", -60.0, H2[1]),
    )
    scenario = Scenario("ht", "", "", shocks, "ht.yaml")
    notes = unreported_shocks(panel, AS_OF, kept, scenario, goals, planted_full_year())
    assert len(notes) == 1
    assert notes[0].startswith("ht.yaml: key 'shocks[0]': +3 pp of hightech_va in ")
    assert unreported_shocks(panel, AS_OF, kept, scenario, goals, planted_full_year(), "zh") == [
        f"ht.yaml：shocks[0]（{describe(shocks[0], 'zh')}）未改变报告中的任何目标或全年预测"
        "（已施加于模拟路径，但报告未读取）"
    ]
    said = "郑州市高新技术产业增加值自2019年第三季度起增速提高3个百分点"
    assert describe(shocks[1], "zh") == said
    assert describe(shocks[2], "zh") == "郑州航空港产业集聚区2019年第四季度固定资产投资减少60亿元"
    moved, _ = apply_scenario(kept, shocks[:1], panel, AS_OF)  # the paths did move
    rows = (moved.paths["indicator"] == "hightech_va") & (moved.paths["region"] == "airport")
    assert (moved.paths.loc[rows, "value"] != kept.paths.loc[rows, "value"]).any()


def test_a_shock_without_simulated_paths_is_refused_with_file_and_key_before_the_baseline(
    tmp_path,
):
    """revenue_auto is simulated for the city only, and no cluster has levels of hightech_va
    (an index): refused naming file and key before any baseline is built in ``out``."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "shocks:\n"
        "  - {indicator: revenue_auto, regions: [city, airport], growth_pp: -2, from: 2019Q3}\n"
        "  - {indicator: hightech_va, region: airport, level_change: -2, quarter: 2019Q4}\n",
        encoding="utf-8",
    )
    out = tmp_path / "reports"
    with pytest.raises(ParameterError) as caught:
        run_scenario("2019Q2", bad, out=out)
    assert str(caught.value).splitlines()[1:] == [
        f"{bad}: key 'shocks[0].regions': no simulated paths of revenue_auto in airport: "
        "expected regions with paths of revenue_auto (city)",
        f"{bad}: key 'shocks[1].region': no simulated levels of hightech_va in airport: "
        "expected a cluster with levels of hightech_va (none has them)",
    ]
    assert not out.exists()


def test_the_paths_a_report_kept_are_checked_for_the_shocked_series_too(run, tmp_path):
    panel, _, _, kept, goals, _ = run
    shock = GrowthShock("revenue_auto", ("airport",), -2.0, H2[0])
    scenario = Scenario("rev", "", "", (shock,), str(tmp_path / "rev.yaml"))
    with pytest.raises(ParameterError, match=r"rev.yaml: key 'shocks\[0\].regions': no simul"):
        evaluate_scenario(panel, AS_OF, kept, scenario, goals)


def test_the_slider_model_gives_the_full_evaluations_probabilities(run):
    panel, _, _, kept, goals, _ = run
    model = build_model(panel, AS_OF, kept, goals)
    shocks = (
        GrowthShock("industry_va", ("city",), -2.0, H2[0]),
        GrowthShock("industry_va", ("airport", "xinmi"), 1.5, H2[0]),
        LevelShock("fai", "airport", -60.0, H2[1]),
    )
    moved, _ = apply_scenario(kept, shocks, panel, AS_OF)
    full = goals_from_draws(panel, AS_OF, moved.forecasts, moved.paths, goals)
    fast = model.goals(shocks)
    np.testing.assert_allclose(fast["probability"], full["probability"], atol=1e-12)
    assert fast["status"].tolist() == full["status"].tolist()
    assert (fast["status"] != model.baseline["status"]).any()  # the shocks did move something


def test_with_months_in_hand_the_sliders_shock_from_the_month_after(run):
    """as_of_month 2019-08: July and August are published, so the sliders shock growth from
    September (a third of Q3, as a scenario file's shock from 2019-09 would) and give the full
    evaluation's probabilities; a shock from 2019Q3 would move published months: refused."""
    panel, _, _, kept, goals, _ = run
    model = build_model(panel, AS_OF, kept, goals, as_of_month="2019-08")
    september = pd.Period("2019-09", freq="M")
    assert model.start == september
    shocks = slider_shocks(model, "industry_va", {"city": -2.0, "airport": 1.5}, ("airport", -60.0))
    assert [shock.start for shock in shocks[:2]] == [september, september]
    moved, _ = apply_scenario(kept, tuple(shocks), panel, AS_OF)
    full = goals_from_draws(panel, AS_OF, moved.forecasts, moved.paths, goals)
    np.testing.assert_allclose(model.goals(shocks)["probability"], full["probability"], atol=1e-12)
    with pytest.raises(ValueError, match="sliders shock growth from 2019-09; got 2019Q3"):
        model.goals([GrowthShock("industry_va", ("city",), -2.0, H2[0])])


def test_a_fourth_quarter_with_a_published_month_takes_no_project_slider():
    q3 = pd.Period("2019Q3", freq="Q-DEC")
    assert first_unpublished(q3) == pd.Period("2019Q4", freq="Q-DEC")
    before_q4 = unit_shocks(q3, first_unpublished(q3, "2019-09"))  # Q4 not yet begun
    into_q4 = unit_shocks(q3, first_unpublished(q3, "2019-10"))  # October is published
    assert sum(isinstance(u, LevelShock) for u in before_q4.values()) == len(cluster_ids())
    assert not any(isinstance(u, LevelShock) for u in into_q4.values())
    assert {u.start for u in into_q4.values()} == {pd.Period("2019-11", freq="M")}


def test_a_reused_report_gives_its_months_and_must_be_of_the_quarter(tmp_path):
    write_json(
        {"quarter": "2019Q2", "parameters": {"as_of_month": "2019-08"}}, tmp_path / "manifest.json"
    )
    assert report_month(tmp_path, "2019Q2") == "2019-08"
    assert report_month(tmp_path, "2019Q2", "2019-08") == "2019-08"
    with pytest.raises(ParameterError, match="run was made with as_of_month 2019-08, not 2019-07"):
        report_month(tmp_path, "2019Q2", "2019-07")
    with pytest.raises(ParameterError, match="the run is of 2019Q2, expected 2019Q3"):
        report_month(tmp_path, "2019Q3")


def test_every_problem_of_a_scenario_file_is_listed_with_file_and_key(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: x\n"
        "shocks:\n"
        "  - {indicator: industry_va, regions: [city, atlantis], growth_pp: fast, from: 2019Q3}\n"
        "  - {indicator: fai, region: airport, level_change: -60, quarter: 2019Q2}\n"
        "  - {indicator: employment, region: city, level_change: 5, quarter: 2019Q4}\n"
        "  - {indicator: fai, regions: city, growth_pp: 1, level_change: 2}\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as caught:
        load_scenario(bad, AS_OF)
    message = str(caught.value)
    assert message.count(str(bad)) == 7
    for key in (
        "'title'",
        "shocks[0].regions",
        "shocks[0].growth_pp",
        "shocks[1].quarter",
        "shocks[2].indicator",
        "shocks[2].region",
        "'shocks[3]'",
    ):
        assert key in message


@pytest.mark.parametrize(
    ("shock", "key", "shown"),
    [
        (
            "{indicator: industry_va, regions: city, growth_pp: .nan, from: 2019Q3}",
            "growth_pp",
            "nan",
        ),
        (
            "{indicator: industry_va, regions: city, growth_pp: .inf, from: 2019Q3}",
            "growth_pp",
            "inf",
        ),
        ("{indicator: fai, regions: city, growth_pp: -.inf, from: 2019Q3}", "growth_pp", "-inf"),
        (
            "{indicator: fai, region: airport, level_change: .NaN, quarter: 2019Q4}",
            "level_change",
            "nan",
        ),
        (
            "{indicator: fai, region: airport, level_change: -.Inf, quarter: 2019Q4}",
            "level_change",
            "-inf",
        ),
    ],
)
def test_a_shock_that_is_not_a_finite_number_is_refused_with_file_and_key(
    tmp_path, shock, key, shown
):
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"shocks:\n  - {shock}\n", encoding="utf-8")
    with pytest.raises(ParameterError) as caught:
        load_scenario(bad, AS_OF)
    assert f"{bad}: key 'shocks[0].{key}': expected a finite number, got {shown}" in str(
        caught.value
    )


def test_shocks_at_or_before_the_as_of_month_are_refused_naming_the_first_open_month(tmp_path):
    """With the run's as-of month 2019-08, July and August are published: a shock from
    2019-07 or 2019Q3 (July on) is refused, as is a level change in Q3; 2019-09 and Q4 are
    open."""
    bad = tmp_path / "july.yaml"
    bad.write_text(
        "shocks:\n"
        "  - {indicator: industry_va, regions: city, growth_pp: -2, from: 2019-07}\n"
        "  - {indicator: industry_va, regions: xinmi, growth_pp: -2, from: 2019Q3}\n"
        "  - {indicator: fai, region: airport, level_change: -60, quarter: 2019Q3}\n"
        "  - {indicator: fai, region: airport, level_change: -60, quarter: 2019Q4}\n"
        "  - {indicator: industry_va, regions: airport, growth_pp: -2, from: 2019-09}\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as caught:
        load_scenario(bad, AS_OF, as_of_month="2019-08")
    lines = str(caught.value).splitlines()[1:]
    published = "starts at or before the run's as-of month 2019-08, whose figures are published"
    assert lines == [
        f"{bad}: key 'shocks[0].from': 2019-07 {published}: the first month that may be "
        "shocked is 2019-09",
        f"{bad}: key 'shocks[1].from': 2019Q3 {published}: the first month that may be "
        "shocked is 2019-09",
        f"{bad}: key 'shocks[2].quarter': 2019Q3 {published}: the first quarter that may be "
        "shocked is 2019Q4",
    ]
    assert len(load_scenario(bad, AS_OF).shocks) == 5  # at the quarter's end all are open


def test_bad_yaml_is_one_line_with_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("shocks: [1, 2\nx: 3\n", encoding="utf-8")  # the list is never closed
    with pytest.raises(ParameterError) as caught:
        load_scenario(bad, AS_OF)
    assert str(caught.value) == (
        f"{bad}: cannot read scenario: line 2, column 2: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts at line 1, column 9)"
    )


def test_a_shock_listed_twice_is_refused_naming_both_keys(tmp_path):
    """Same kind, indicator, regions and period, whatever the size (from 2019-07 is from
    2019Q3, [city] is city); another period or region is another shock."""
    bad = tmp_path / "twice.yaml"
    bad.write_text(
        "shocks:\n"
        "  - {indicator: fai, region: airport, level_change: -60, quarter: 2019Q4}\n"
        "  - {indicator: industry_va, regions: city, growth_pp: -2, from: 2019Q3}\n"
        "  - {indicator: fai, region: airport, level_change: -60, quarter: 2019Q4}\n"
        "  - {indicator: industry_va, regions: [city], growth_pp: -1, from: 2019-07}\n"
        "  - {indicator: industry_va, regions: city, growth_pp: -1, from: 2019Q4}\n"
        "  - {indicator: fai, region: airport, level_change: -60, quarter: 2019Q3}\n"
        "  - {indicator: fai, regions: airport, growth_pp: -1, from: 2019Q4}\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as caught:
        load_scenario(bad, AS_OF)
    same = "(the same kind, indicator, regions and period): each entry is applied, so it would "
    assert str(caught.value).splitlines()[1:] == [
        f"{bad}: key 'shocks[2]': repeats shocks[0] {same}count twice; expected one shock with "
        "the total",
        f"{bad}: key 'shocks[3]': repeats shocks[1] {same}count twice; expected one shock with "
        "the total",
    ]


def test_at_the_fourth_quarter_nothing_is_left_to_shock_and_the_message_says_so():
    with pytest.raises(ParameterError) as caught:
        load_scenario(PARAMS / "scenarios" / "slowdown.yaml", pd.Period("2019Q4", freq="Q-DEC"))
    assert str(caught.value).splitlines()[1:] == [
        f"{PARAMS / 'scenarios' / 'slowdown.yaml'}: key 'shocks[0].from': 2019Q3 is not in the "
        "rest of 2019: at 2019Q4 nothing is left of 2019 to shock; run the scenario at an "
        "earlier quarter"
    ]


@pytest.mark.parametrize("name", ["slowdown", "airport_project_slips"])
def test_the_example_scenarios_read(name):
    scenario = load_scenario(PARAMS / "scenarios" / f"{name}.yaml", AS_OF)
    assert scenario.name == name and scenario.shocks and scenario.title("zh")


def test_the_comparison_reads_baseline_scenario_change_in_chinese(run):
    panel, _, _, kept, goals, _ = run
    moved, _ = apply_scenario(
        kept, (GrowthShock("industry_va", ("city",), -2.0, H2[0]),), panel, AS_OF
    )
    base = goals_from_draws(panel, AS_OF, kept.forecasts, kept.paths, goals)
    table = comparison(base, goals_from_draws(panel, AS_OF, moved.forecasts, moved.paths, goals))
    view = comparison_view(table, "zh")
    header = view.columns
    assert {"基准", "情景", "变化"} <= set(header.get_level_values(1))
    assert {"达成概率", "状态", "所需增速（%）"} <= set(header.get_level_values(0))
    first = table.iloc[0]  # probabilities read as the office writes them: 97%, +3个百分点
    shown = view[[("达成概率", "基准"), ("达成概率", "变化")]].iloc[0].tolist()
    assert shown[0] == f"{first['probability_baseline']:.0%}"
    assert ("所需增速（%）", "变化（百分点）") in header
    planted = table.iloc[:3].assign(
        probability_baseline=[0.974, 0.62, 0.5],
        probability_scenario=[0.986, 0.855, 0.502],
    )  # shown 97% → 99%, 62% → 86% (unrounded +1.2 and +23.5), 50% → 50%
    changes = comparison_view(planted, "zh")[("达成概率", "变化")].tolist()
    assert changes == ["+2个百分点", "+24个百分点", "持平"]  # from the figures shown
    assert comparison_view(planted, "en")[("probability", "change")].tolist()[2] == "unchanged"


def test_a_missing_baseline_report_is_named_in_the_runs_language(tmp_path):
    settings = load_run_params(PARAMS / "run.yaml")  # zh
    report = tmp_path / "2019Q2"
    assert stale_baseline(report, settings) == f"基准报告（{report}）不存在"
    english = dataclasses.replace(settings, lang="en")
    assert stale_baseline(report, english) == f"{report} does not exist"


def test_a_zero_scenario_report_writes_the_baseline_goal_table_byte_for_byte(run, tmp_path):
    panel, forecasts, paths, _, goals, folder = run
    settings = load_run_params(PARAMS / "run.yaml")
    write_table(
        folder,
        "goals",
        goals_from_draws(
            panel, AS_OF, forecasts, paths, goals, project_register(settings.projects)
        ),
    )
    full = pd.DataFrame(
        {
            "region": ["city"],
            "indicator": ["industry_va"],
            "full_year_growth": [6.5],
            "basis": ["forecast"],
        }
    )
    write_table(folder, "full_year", full)
    zero = tmp_path / "zero.yaml"
    zero.write_text(
        "shocks:\n  - {indicator: fai, regions: all_clusters, growth_pp: 0, from: 2019-07}\n"
    )
    said = r"shocks\[0\]（.*固定资产投资自2019年7月起增速不变（0个百分点））为零，没有可改变的内容"
    with pytest.warns(UserWarning, match=said):  # in the run's language (zh), by name
        written = write_scenario_report(folder, zero, settings)
    assert written == folder / "scenarios" / "zero"
    manifest = json.loads((written / "manifest.json").read_text(encoding="utf-8"))
    assert [note.split(": ")[1] for note in manifest["unreported_shocks"]] == ["key 'shocks[0]'"]
    page = (written / "comparison.html").read_text("utf-8")
    assert "未改变本报告中的任何目标或全年预测" in page
    assert "本报告使用合成演示数据" in page and "· 2019年第二季度</h1>" in page  # demo data: said
    assert "不改变全市的预测（假设S2），以下指标的全市增速保持基准：固定资产投资。" in page
    sheets = pd.read_excel(written / "tables.xlsx", sheet_name=None, header=None)
    assert list(sheets) == ["情景与基准对比", "目标达成", "全年累计增速"]  # was: "comparison"
    heading = "情景：郑州经济技术产业集聚区、郑州航空港产业集聚区"  # named by its shocks
    assert all(sheet.iloc[0, 0].startswith(heading) for sheet in sheets.values())
    assert all(
        sheet.iloc[0, 0].endswith("起增速不变（0个百分点） · 2019年第二季度")
        for sheet in sheets.values()
    )
    assert all(sheet.iloc[1, 0].startswith("本情景施加的冲击：") for sheet in sheets.values())
    assert all(sheet.iloc[2, 0] == "合成演示数据" for sheet in sheets.values())
    header = sheets["情景与基准对比"].iloc[3].tolist()
    assert "达成概率·变化（百分点）" in header and "达成概率·变化" not in header
    assert manifest["synthetic"] is True
    assert manifest["scenario_file"] == str(zero)  # outside the project: as given
    assert manifest["scenario_sha256"] == sha256(zero)
    other = tmp_path / "other" / "zero.yaml"  # another file with the same stem
    other.parent.mkdir()
    other.write_text(zero.read_text() + "title_en: another\n")
    with pytest.warns(UserWarning) as caught:
        write_scenario_report(folder, other, settings)
    said = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    assert said[1] == (
        f"{written}原为{zero}的情景，现改为{other}的情景（情景文件夹按情景文件名命名）"
    )
    assert "为零，没有可改变的内容" in said[0]
    manifest = json.loads((written / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["scenario_file"], manifest["scenario_sha256"]) == (str(other), sha256(other))
    assert (written / "tables/goals.csv").read_bytes() == (folder / "tables/goals.csv").read_bytes()
    compared = pd.read_csv(written / "tables/comparison.csv")
    assert (compared["probability_change"].fillna(0) == 0).all()
    assert not compared["status_change"].any()


def test_a_baseline_is_reused_only_while_its_inputs_settings_and_paths_are_unchanged(tmp_path):
    settings = load_run_params(PARAMS / "run.yaml")
    report, data = tmp_path / "2019Q2", tmp_path / "panel.csv"
    (report / "tables").mkdir(parents=True)
    data.write_text("a,b\n1,2\n")
    kept = report / "tables" / "goal_paths.npz"
    kept.write_bytes(b"paths")
    manifest = {
        "parameters": settings.for_notebooks(),
        "inputs": {str(data): sha256(data)},
        "draws": {"file": "tables/goal_paths.npz", "sha256": sha256(kept)},
    }
    write_json(manifest, report / "manifest.json")
    assert stale_baseline(report, settings) == ""
    other = dataclasses.replace(settings, seed=1)
    assert stale_baseline(report, other) == f"基准报告（{report}）的运行设置与本次不同"
    data.write_text("a,b\n1,3\n")
    assert (
        stale_baseline(report, settings) == f"基准报告（{report}）生成后，输入文件（{data}）有改动"
    )
    kept.write_bytes(b"other paths")
    data.write_text("a,b\n1,2\n")
    assert stale_baseline(report, settings) == f"基准报告生成后，其模拟路径文件（{kept}）有改动"
    write_json({**manifest, "draws": None}, report / "manifest.json")
    assert stale_baseline(report, settings) == (
        f"基准报告（{report}）未保存模拟路径（生成于情景分析功能之前）"
    )


def test_a_baseline_in_another_language_than_the_command_lines_is_rebuilt(
    tmp_path, monkeypatch, capsys
):
    """`run --scenario … --lang en` on a baseline made in zh (run.yaml's): the reuse check
    compares the effective settings, so the baseline is rebuilt in English and the scenario
    report is English; without --lang the zh baseline is reused (stand-ins record both)."""
    from clusterlib import batch, cli
    from clusterlib.scenarios import plausible
    from clusterlib.scenarios import report as scenario_report

    report = tmp_path / "2019Q2"
    (report / "tables").mkdir(parents=True)
    kept = report / "tables" / "goal_paths.npz"
    kept.write_bytes(b"paths")
    zh = batch._settings((PARAMS / "run.yaml").resolve(), "2019Q2", None)
    manifest = {
        "parameters": zh.for_notebooks(),
        "inputs": {},
        "draws": {"file": "tables/goal_paths.npz", "sha256": sha256(kept)},
    }
    write_json(manifest, report / "manifest.json")
    built, reported = [], []

    def baseline(quarter, data, params_file, out, jobs, lang=None, fits=None):
        built.append(lang)
        return report

    def scenario(folder, file, settings, panel=None):
        reported.append(settings.lang)
        return folder / "scenarios" / file.stem

    monkeypatch.setattr(batch, "run_quarter", baseline)
    monkeypatch.setattr(scenario_report, "write_scenario_report", scenario)
    monkeypatch.setattr(batch, "_points", lambda *args: None)  # the stand-in keeps no draws
    monkeypatch.setattr(plausible, "implausible", lambda *args: [])
    args = ["run", "--quarter", "2019Q2", "--scenario", str(PARAMS / "scenarios/slowdown.yaml")]
    assert cli.main([*args, "--out", str(tmp_path), "--lang", "en"]) == 0
    assert (built, reported) == (["en"], ["en"])
    assert f"building the baseline report first: {report} was made with other settings" in (
        capsys.readouterr().err
    )
    assert cli.main([*args, "--out", str(tmp_path)]) == 0
    assert (built, reported) == (["en"], ["en", "zh"])  # the zh baseline reused
    write_json({**manifest, "parameters": {}}, report / "manifest.json")
    assert cli.main([*args, "--out", str(tmp_path)]) == 0  # zh: rebuilt, said in Chinese
    assert built == ["en", None]  # no --lang: run.yaml's zh
    assert f"先生成基准报告：基准报告（{report}）的运行设置与本次不同" in capsys.readouterr().err


def test_a_slowdown_of_the_clusters_alone_says_the_city_keeps_its_growth():
    """Assumption S2: the city's growth moves only when a shock names it. The page says so
    for the indicators shocked in clusters and not in the city (a tester read a cluster-wide
    −5 pp leaving the city at 7.15% as a bug)."""
    clusters = GrowthShock("industry_va", tuple(cluster_ids()), -5.0, H2[0])
    city = GrowthShock("industry_va", ("city",), -5.0, H2[0])
    fai = GrowthShock("fai", ("airport",), -1.0, H2[0])
    project = LevelShock("fai", "airport", -60.0, H2[1])
    assert city_unmoved((clusters, fai, project)) == ["fai", "industry_va"]
    assert city_unmoved((clusters, city, fai)) == ["fai"]
    assert city_unmoved((city, project)) == []


def planted_point(kept, planted):
    """The kept draws with the point forecasts of ``planted`` ({(region, indicator, quarter):
    value}) replaced (the paths as they were)."""
    forecasts = kept.forecasts.copy()
    for (region, indicator, quarter), value in planted.items():
        row = (forecasts["region"] == region) & (forecasts["indicator"] == indicator)
        row &= (forecasts["measure"] == "level") & (forecasts["period"] == quarter)
        assert row.sum() == 1
        forecasts.loc[row, "mean"] = value
    return dataclasses.replace(kept, forecasts=forecasts)


def test_a_level_change_larger_than_its_clusters_whole_quarter_is_refused(run, tmp_path):
    """Assumption S4: a project moves at most its cluster's quarter. 航空港's Q4 investment
    planted at 80亿元: ±80 is accepted, 80.5 is not, nor 50000 (5亿元 typed in 万元)."""
    panel, _, _, kept, goals, _ = run
    planted = planted_point(kept, {("airport", "fai", H2[1]): 80.0})
    for amount, refused in ((80.0, False), (-80.0, False), (80.5, True), (50000.0, True)):
        shocks = (LevelShock("fai", "airport", amount, H2[1]),)
        assert bool(implausible(shocks, planted, panel, AS_OF)) is refused
    source = tmp_path / "wanyuan.yaml"
    shock = LevelShock("fai", "airport", 50000.0, H2[1])
    with pytest.raises(ParameterError) as caught:
        evaluate_scenario(
            panel, AS_OF, planted, Scenario("w", "", "", (shock,), str(source)), goals
        )
    assert str(caught.value).splitlines()[1:] == [
        f"{source}: key 'shocks[0].level_change': 50000 100 million yuan is more than "
        "airport's whole fai of 2019Q4 (baseline forecast 80.00 100 million yuan): a project "
        "moves at most its cluster's quarter (assumption S4); expected a change between -80.00 "
        "and 80.00 (in 100 million yuan: 10,000 yuan ÷ 10,000)"
    ]


def test_an_oversize_level_change_is_refused_before_any_baseline_is_built(
    run, tmp_path, monkeypatch
):
    """Assumption S4 is judged on the baseline's point forecasts, which need no simulated
    paths: with no baseline in ``out``, 航空港's Q4 investment planted at 80亿元, a change
    of 80.5 is refused in seconds, the batch never starts and ``out`` is not made."""
    from clusterlib import batch

    _, _, _, kept, _, _ = run
    planted = planted_point(kept, {("airport", "fai", H2[1]): 80.0})
    fitted, built = [], []

    def points(panel, **latest):
        fitted.append(latest)
        return planted.forecasts

    monkeypatch.setattr(batch, "goal_points", points)
    monkeypatch.setattr(batch, "run_quarter", lambda *args, **kwargs: built.append(args))
    source = tmp_path / "slip.yaml"
    source.write_text(
        "shocks:\n  - {indicator: fai, region: airport, level_change: 80.5, quarter: 2019Q4}\n",
        encoding="utf-8",
    )
    out = tmp_path / "reports"
    with pytest.raises(ParameterError) as caught:
        run_scenario("2019Q2", source, out=out)
    assert str(caught.value).splitlines()[1:] == [
        f"{source}: key 'shocks[0].level_change': 80.5 100 million yuan is more than "
        "airport's whole fai of 2019Q4 (baseline forecast 80.00 100 million yuan): a project "
        "moves at most its cluster's quarter (assumption S4); expected a change between -80.00 "
        "and 80.00 (in 100 million yuan: 10,000 yuan ÷ 10,000)"
    ]
    assert (len(fitted), built) == (1, [])
    assert not out.exists()


def test_the_point_forecasts_fitted_before_the_baseline_are_the_baselines(run):
    """The S4 check before a baseline fits the point forecasts alone (goal_points): the
    same numbers, to the bit, as the draws the baseline keeps."""
    from clusterlib.pipeline import goal_points

    panel, forecasts, _, _, _, _ = run
    points = goal_points(panel)
    keys = ["region", "indicator", "measure", "period"]
    assert points[keys].equals(forecasts[keys])
    assert points["mean"].to_numpy().tobytes() == forecasts["mean"].to_numpy().tobytes()


def planted_city_growth(panel, kept):
    """The city's industry planted to grow 10% in Q3 and 5% in Q4 on the point forecast."""
    b3 = last_year(panel, "city", "industry_va", [H2[0]])
    b4 = last_year(panel, "city", "industry_va", [H2[1]])
    return planted_point(
        kept, {("city", "industry_va", H2[0]): 1.10 * b3, ("city", "industry_va", H2[1]): 1.05 * b4}
    )


RANGE = "outside the plausible range for industry_va (-60 to 100%, data/catalog/indicators.csv"


def test_a_growth_shock_taking_a_quarter_out_of_the_catalogues_range_is_refused(run, tmp_path):
    """industry_va's plausible growth is -60 to 100% (data/catalog/indicators.csv). With the
    city planted at 10% in Q3 and 5% in Q4, x pp from Q3 gives 10 + x and 5 + x: x from -65
    to 90 is accepted; 90.5 takes Q3 to 100.5%, -65.5 takes Q4 to -60.5%. From August Q3 moves
    by 2/3 x, so the bound is Q4's: 95 accepted, 96 refused."""
    panel, _, _, kept, goals, _ = run
    planted = planted_city_growth(panel, kept)
    cases = [
        (90.0, H2[0], False),
        (-65.0, H2[0], False),
        (90.5, H2[0], True),
        (-65.5, H2[0], True),
        (95.0, pd.Period("2019-08", freq="M"), False),
        (96.0, pd.Period("2019-08", freq="M"), True),
    ]
    for x, start, refused in cases:
        shocks = (GrowthShock("industry_va", ("city",), x, start),)
        assert bool(implausible(shocks, planted, panel, AS_OF)) is refused, (x, start)
    source = tmp_path / "boom.yaml"
    for x, quarter, growth, baseline in (
        (90.5, "2019Q3", 100.5, 10.0),
        (-65.5, "2019Q4", -60.5, 5.0),
    ):
        shock = GrowthShock("industry_va", ("city",), x, H2[0])
        scenario = Scenario("boom", "", "", (shock,), str(source))
        with pytest.raises(ParameterError) as caught:
            evaluate_scenario(panel, AS_OF, planted, scenario, goals)
        assert str(caught.value).splitlines()[1:] == [
            f"{source}: key 'shocks[0].growth_pp': {x:g} pp would take the growth of "
            f"city/industry_va in {quarter} to {growth:.1f}% (baseline forecast {baseline:.1f}%; "
            f"all the file's shocks applied), {RANGE}; assumption S4): expected growth_pp between "
            "-65.0 and 90.0"
        ]


def test_overlapping_growth_shocks_are_held_to_the_range_together(run):
    """50 and 45 pp on the city from Q3 (planted 10% and 5%) add up to 105 in Q3: both are
    refused, each naming what it may be beside the other: 50 beside 45 may go from
    max(-60 - 10 - 45, -60 - 5 - 45) = -110 to min(100 - 10 - 45, 100 - 5 - 45) = 45."""
    panel, _, _, kept, _, _ = run
    planted = planted_city_growth(panel, kept)
    shocks = tuple(GrowthShock("industry_va", ("city",), x, H2[0]) for x in (50.0, 45.0))
    problems = implausible(shocks, planted, panel, AS_OF)
    assert [key for key, _ in problems] == ["shocks[0].growth_pp", "shocks[1].growth_pp"]
    assert problems[0][1].endswith("expected growth_pp between -110.0 and 45.0")
    assert problems[1][1].endswith("expected growth_pp between -115.0 and 40.0")
    assert "to 105.0% (baseline forecast 10.0%; all the file's shocks applied)" in problems[0][1]


def test_overlapping_growth_shocks_are_found_and_said_by_name():
    """Two shocks of the city's investment from 2019Q3 and from 2019-08 overlap from August;
    all_clusters and [airport] overlap in 航空港. A project on a trend, another indicator or
    another region is not an overlap."""
    august = pd.Period("2019-08", freq="M")
    shocks = (
        GrowthShock("fai", ("city",), -2.0, H2[0]),
        GrowthShock("fai", ("city",), -1.0, august),
        GrowthShock("industry_va", tuple(cluster_ids()), -5.0, H2[0]),
        GrowthShock("industry_va", ("airport",), -5.0, H2[0]),
        LevelShock("fai", "airport", -60.0, H2[1]),
        GrowthShock("fai", ("airport",), 1.0, H2[1]),
        GrowthShock("industry_va", ("city",), 1.0, H2[0]),
    )
    found = overlaps(shocks)
    assert found == [
        Overlap(0, 1, "fai", ("city",), august),
        Overlap(2, 3, "industry_va", ("airport",), H2[0]),
    ]
    scenario = Scenario("o", "", "", shocks, "o.yaml")
    assert overlap_note(scenario, found[0]) == (
        "o.yaml: key 'shocks[1]': overlaps shocks[0] on the growth of fai in city from 2019-08 "
        "to December: the two add up there (-2 and -1 pp, -3 pp together); if that is not "
        "meant, state one shock"
    )
    assert overlap_note(scenario, found[1], "zh") == (
        "o.yaml：shocks[3]与shocks[2]同为郑州航空港产业集聚区规模以上工业增加值的增速冲击，"
        "自2019年第三季度起至年底重叠，两者在重叠部分相加（-5与-5个百分点，合计-10个百分点）；"
        "如非本意，请合并为一条冲击"
    )


def test_a_zero_shock_is_said_to_be_zero_not_unread():
    """A zero shock of the city's investment (which the report reads) moves nothing because it
    is zero; the 'nothing reported reads them' words are for shocks of unread series."""
    shocks = (
        GrowthShock("fai", ("city",), 0.0, H2[0]),
        GrowthShock("hightech_va", ("airport",), 3.0, H2[0]),
    )
    scenario = Scenario("z", "", "", shocks, "z.yaml")
    assert idle_note(scenario, 0) == (
        "z.yaml: key 'shocks[0]': +0 pp of fai in city from 2019Q3 is zero: there is nothing to "
        "move (no goal and no full-year forecast changes)"
    )
    assert "为零，没有可改变的内容" in idle_note(scenario, 0, "zh")
    assert "nothing reported reads them" in idle_note(scenario, 1)


def test_a_scenario_report_says_its_overlapping_shocks_in_the_runs_language(run, tmp_path):
    """The warning (zh, by name), the page's list under its own heading and the manifest's
    ``overlapping_shocks`` (English by id); the page keeps its title."""
    panel, forecasts, paths, _, goals, folder = run
    settings = load_run_params(PARAMS / "run.yaml")
    register = project_register(settings.projects)
    write_table(folder, "goals", goals_from_draws(panel, AS_OF, forecasts, paths, goals, register))
    full = pd.DataFrame(
        {"region": ["city"], "indicator": ["fai"], "full_year_growth": [9.0], "basis": ["forecast"]}
    )
    write_table(folder, "full_year", full)
    twice = tmp_path / "twice.yaml"
    twice.write_text(
        "shocks:\n"
        "  - {indicator: fai, regions: city, growth_pp: -2, from: 2019Q3}\n"
        "  - {indicator: fai, regions: city, growth_pp: -1, from: 2019-08}\n",
        encoding="utf-8",
    )
    said = (
        f"{twice}：shocks[1]与shocks[0]同为郑州市固定资产投资的增速冲击，自2019年8月起至年底重叠，"
        "两者在重叠部分相加（-2与-1个百分点，合计-3个百分点）；如非本意，请合并为一条冲击"
    )
    with pytest.warns(UserWarning) as caught:
        written = write_scenario_report(folder, twice, settings)
    assert [str(w.message) for w in caught] == [said]
    page = (written / "comparison.html").read_text("utf-8")
    assert f"<p>以下冲击作用于同一序列的相同时期，已相加施加：</p><ul><li>{said}</li></ul>" in page
    assert "· 2019年第二季度</h1>" in page
    manifest = json.loads((written / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["overlapping_shocks"] == [
        f"{twice}: key 'shocks[1]': overlaps shocks[0] on the growth of fai in city from 2019-08 "
        "to December: the two add up there (-2 and -1 pp, -3 pp together); if that is not "
        "meant, state one shock"
    ]


def test_a_growth_only_series_is_held_to_the_range_through_its_chained_index(run):
    """High-tech value added is simulated as a chained index: a quarter's growth is its
    forecast over last year's index. With g the highest of 航空港's Q3 and Q4 baseline growth
    (from the draws), x pp from Q3 stays inside hightech_va's 100% up to 100 - g."""
    panel, _, _, kept, _, _ = run
    point = kept.forecasts.set_index(["region", "indicator", "measure", "period"])["mean"]
    rows = panel[(panel["region"] == "airport") & (panel["indicator"] == "hightech_va")]
    index = rows[rows["measure"] == "index"].set_index("period")["value"]
    growth = [100 * (point[("airport", "hightech_va", "index", q)] / index[q - 4] - 1) for q in H2]
    most = 100 - max(growth)
    for x, refused in ((most - 0.01, False), (most + 0.01, True)):
        shocks = (GrowthShock("hightech_va", ("airport",), x, H2[0]),)
        problems = implausible(shocks, kept, panel, AS_OF)
        assert bool(problems) is refused
    assert "outside the plausible range for hightech_va (-60 to 100%" in problems[0][1]


def test_the_workbook_shows_a_probabilitys_change_in_points():
    from clusterlib.scenarios.report import _in_points

    table = pd.DataFrame({"goal_id": ["g"], "probability_change": ["0.028"]})
    shown = _in_points(table)
    assert list(shown.columns) == ["goal_id", "probability_change_pp"]
    assert shown["probability_change_pp"].iloc[0] == pytest.approx(2.8)
