"""Tests of the yearly evaluation: a three-cluster example worked by hand, and bad schemes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from clusterlib import paths
from clusterlib.evaluation.evaluate import data_quality, evaluate_clusters, indicator_scores
from clusterlib.evaluation.scheme import load_scheme
from clusterlib.exceptions import ParameterError

CLUSTERS = ["econ_tech", "airport", "baisha"]  # catalogue order
REVENUE = {"econ_tech": 400.0, "airport": 250.0, "baisha": 150.0}
TAX = {"econ_tech": 20.0, "airport": 30.0, "baisha": 10.0}
ENERGY = {"econ_tech": 10.0, "airport": 30.0, "baisha": 20.0}  # lower is better


def small_scheme(**changes) -> dict:
    """Two aspects (0.5 each): revenue alone; tax and energy share (lower is better) at 0.5."""
    flow = {"name_zh": "x", "name_en": "x", "metric": "year_total", "direction": "higher"}
    scheme = {
        "name": "test",
        "normalisation": "efficacy",
        "missing": "aspect_mean",
        "aspects": {
            "size": {"name_zh": "经济总量", "name_en": "Size", "weight": 0.5, "indicators": {
                "revenue": flow | {"indicator": "main_business_revenue", "weight": 1.0}}},
            "quality": {"name_zh": "质量效益", "name_en": "Quality", "weight": 0.5, "indicators": {
                "tax": flow | {"indicator": "tax", "weight": 0.5},
                "energy": flow | {"indicator": "high_energy_share", "metric": "latest",
                                  "direction": "lower", "weight": 0.5}}},
        },
        "stars": {"revenue": "revenue", "revenue_thresholds": [100, 200, 300],
                  "top_share": [1.0, 0.6, 0.3], "max_promotion": 1},
        "exit": {"bottom_share": 0.34, "min_revenue": 50},
        "uncertainty": {"concentration": 100, "level": 0.9, "real_difference": 0.95,
                        "n_paths": 100, "seed": 1},
    }  # fmt: skip
    return scheme | changes


def write_scheme(tmp_path, scheme: dict):
    path = tmp_path / "evaluation_test.yaml"
    path.write_text(yaml.safe_dump(scheme, allow_unicode=True), encoding="utf-8")
    return path


def panel(year: int = 2018, drop: tuple[str, str] | None = None) -> pd.DataFrame:
    """Single-quarter levels: a quarter of each year total, and the energy share at Q4."""
    quarters = pd.period_range(f"{year}Q1", periods=4, freq="Q-DEC")
    rows = []
    for region in CLUSTERS:
        for indicator, total in (("main_business_revenue", REVENUE), ("tax", TAX)):
            if (region, indicator) != drop:
                rows += [(region, indicator, q, total[region] / 4) for q in quarters]
        if (region, "high_energy_share") != drop:
            rows.append((region, "high_energy_share", quarters[-1], ENERGY[region]))
    table = pd.DataFrame(rows, columns=["region", "indicator", "period", "value"])
    return table.assign(measure="level", unit="x", synthetic=False)


def efficacy(x: float, low: float, high: float, higher: bool = True) -> float:
    return 60 + 40 * ((x - low) if higher else (high - x)) / (high - low)


def test_three_clusters_by_hand(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    result = evaluate_clusters(panel(), 2018, scheme).set_index("region")
    for region in CLUSTERS:
        revenue = efficacy(REVENUE[region], 150, 400)
        tax = efficacy(TAX[region], 10, 30)
        energy = efficacy(ENERGY[region], 10, 30, higher=False)
        assert result.at[region, "score.revenue"] == pytest.approx(revenue)
        assert result.at[region, "score.energy"] == pytest.approx(energy)
        assert result.at[region, "aspect.quality"] == pytest.approx((tax + energy) / 2)
        composite = 0.5 * revenue + 0.25 * tax + 0.25 * energy
        assert result.at[region, "composite"] == pytest.approx(composite)
    # econ_tech 100/80/100 → 95; airport 76/100/60 → 78; baisha 60/60/80 → 65
    assert result["rank"].to_dict() == {"econ_tech": 1, "airport": 2, "baisha": 3}
    # 3 stars: 400 ≥ 300 and rank 1 ≤ ⌈0.3·3⌉; airport 250 ≥ 200, rank 2 ≤ ⌈0.6·3⌉; baisha < 200
    assert result["stars"].to_dict() == {"econ_tech": 3, "airport": 2, "baisha": 1}
    assert result["below_exit"].to_dict() == {"econ_tech": False, "airport": False, "baisha": True}
    # airport behind econ_tech: revenue 0.5·(100 − 76) = 12, energy 0.25·(100 − 60) = 10
    assert result.at["airport", "gap_to_above"] == "x −12.00; x −10.00"
    assert result["previous_stars"].isna().all()


def test_stars_capped_and_changes_against_last_year(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    last_year = panel(2017).assign(value=lambda t: t["value"] / 2)  # revenue halved
    last_year.loc[last_year["indicator"] == "high_energy_share", "value"] *= 2
    result = evaluate_clusters(pd.concat([last_year, panel()]), 2018, scheme).set_index("region")
    # 2017: econ_tech 200 → 2 stars (rank 1), airport 125 → 1, baisha 75 → 0
    assert result["previous_stars"].to_dict() == {"econ_tech": 2, "airport": 1, "baisha": 0}
    assert result["stars"].to_dict() == {"econ_tech": 3, "airport": 2, "baisha": 1}
    assert result["promoted"].all() and not result["demoted"].any()
    assert (result["star_change"] == 1).all()


def test_missing_indicator_rules(tmp_path):
    data = panel(drop=("airport", "tax"))
    for rule in ("aspect_mean", "zero", "exclude"):
        scheme = load_scheme(write_scheme(tmp_path, small_scheme(missing=rule)))
        result = evaluate_clusters(data, 2018, scheme).set_index("region")
        quality = data_quality(result.reset_index(), scheme)
        assert quality[["region", "indicator", "rule"]].values.tolist() == [
            ["airport", "tax", rule]
        ]
        assert result.at["airport", "missing"] == "tax"
        if rule == "exclude":
            assert result.at["airport", "excluded"] and np.isnan(result.at["airport", "rank"])
            assert result["n_ranked"].iloc[0] == 2
            continue
        # tax among econ_tech (20) and baisha (10) only: 100 and 60
        assert result.at["econ_tech", "score.tax"] == pytest.approx(100)
        energy = 60.0  # airport has the highest share
        expected = energy if rule == "aspect_mean" else 0.0
        assert result.at["airport", "score.tax"] == pytest.approx(expected)
        assert result.at["airport", "aspect.quality"] == pytest.approx((expected + energy) / 2)


def test_indicator_scores_long_table(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    result = evaluate_clusters(panel(), 2018, scheme)
    long = indicator_scores(result, scheme)
    assert len(long) == 3 * 3
    composite = long.groupby("region")["points"].sum()
    assert composite.to_dict() == pytest.approx(result.set_index("region")["composite"].to_dict())


def test_incomplete_year_needs_paths(tmp_path):
    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    with pytest.raises(ParameterError, match="incomplete at 2018Q2"):
        evaluate_clusters(panel(), 2018, scheme, as_of="2018Q2")


BAD = {
    "weights do not sum to 1": (
        lambda s: s["aspects"]["size"].update(weight=0.6),
        "key 'aspects': aspect weights sum to 1.1; expected 1",
    ),
    "negative weight": (
        lambda s: s["aspects"]["quality"]["indicators"]["tax"].update(weight=-0.5),
        "key 'aspects.quality.indicators.tax.weight': expected a number >= 0.0",
    ),
    "unknown indicator": (
        lambda s: s["aspects"]["quality"]["indicators"]["tax"].update(indicator="taxes"),
        "key 'aspects.quality.indicators.tax.indicator': unknown indicator 'taxes'",
    ),
    "thresholds not increasing": (
        lambda s: s["stars"].update(revenue_thresholds=[100, 300, 200]),
        "key 'stars.revenue_thresholds': expected increasing values",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_scheme_names_file_and_key(tmp_path, case):
    scheme = small_scheme()
    change, message = BAD[case]
    change(scheme)
    path = write_scheme(tmp_path, scheme)
    with pytest.raises(ParameterError) as error:
        load_scheme(path)
    assert f"{path}: {message}" in str(error.value)


def test_every_problem_at_once(tmp_path):
    scheme = small_scheme(normalisation="rank")
    for change, _ in BAD.values():
        change(scheme)
    with pytest.raises(ParameterError) as error:
        load_scheme(write_scheme(tmp_path, scheme))
    text = str(error.value)
    assert text.startswith("6 problem(s)")  # four above, quality weights 0 ≠ 1, normalisation
    assert "key 'normalisation': expected one of efficacy, minmax, zscore" in text


def test_default_scheme_reads():
    scheme = load_scheme(paths.PARAMS / "evaluation_henan.yaml")
    assert len(scheme.indicators) == 10 and len(scheme.aspects) == 4
    assert scheme.weights.sum() == pytest.approx(1.0)


def test_rank_intervals_with_paths_equal_to_the_data_are_the_point_ranks(tmp_path):
    from clusterlib.evaluation.uncertainty import rank_intervals

    scheme = load_scheme(write_scheme(tmp_path, small_scheme()))
    result = evaluate_clusters(panel(), 2018, scheme)
    values = result[[f"value.{i}" for i in scheme.ids]].to_numpy(dtype=float)
    same = np.repeat(values[None, :, :], 50, axis=0)  # every path equals the data
    table = rank_intervals(result, scheme, same, n_draws=500)
    assert table["region"].tolist() == ["econ_tech", "airport", "baisha"]
    assert (table["rank_lo_data"] == table["rank"]).all()
    assert (table["rank_hi_data"] == table["rank"]).all()
    assert (table["p_stars_at_least"] == 1.0).all()
    assert table["p_ahead_data"].iloc[:2].tolist() == [1.0, 1.0]
