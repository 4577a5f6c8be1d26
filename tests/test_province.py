"""A province-sized region catalogue (184 clusters, 18 cities) runs without code changes."""

from __future__ import annotations

import json

import pandas as pd
import papermill
import pytest
import yaml

from clusterlib import catalog, paths
from clusterlib.batch import LocalKernelManager, kernel_environment
from clusterlib.demo.province import (
    N_CITIES,
    N_CLUSTERS,
    PROVINCE,
    province_records,
    province_regions,
    write_province_catalogue,
)
from clusterlib.inputs.panel import load_panel
from clusterlib.params import load_run_params
from clusterlib.pipeline import goal_results

WIDGET = "application/vnd.jupyter.widget-view+json"


def test_the_synthetic_province_has_henans_size():
    regions = province_regions()
    assert regions["kind"].isin(["provincial_cluster", "municipal_park"]).sum() == N_CLUSTERS
    assert (regions["kind"] == "city").sum() == N_CITIES
    assert regions["id"].is_unique
    records = province_records(regions, n_quarters=40)
    assert records.groupby(["region", "indicator"]).ngroups == (N_CLUSTERS + N_CITIES + 1) * 3
    assert records.groupby(["region", "indicator"]).size().eq(40).all()
    assert (records["synthetic"] == "true").all()


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """The province catalogue in a folder, data for 51 of its regions (one indicator, 16
    quarters: every city, the province, 32 clusters) and for 8 of them (``small.csv``)."""
    folder = tmp_path_factory.mktemp("province")
    write_province_catalogue(folder / "catalog")
    regions = province_regions()
    kinds = regions.set_index("id")["kind"]
    clusters = kinds.index[kinds.isin(["provincial_cluster", "municipal_park"])]
    chosen = [*kinds.index[kinds == "city"], PROVINCE, *clusters[:32]]
    records = province_records(regions, n_quarters=16, indicators=("industry_va",))
    records[records["region"].isin(chosen)].to_csv(folder / "data.csv", index=False)
    small = ["city", PROVINCE, *clusters[:6]]
    records[records["region"].isin(small)].to_csv(folder / "small.csv", index=False)
    settings = yaml.safe_load((paths.PARAMS / "run.yaml").read_text(encoding="utf-8"))
    settings |= {"catalog": str(folder / "catalog"), "data": [str(folder / "data.csv")]}
    (folder / "run.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return folder


def test_pipeline_reads_the_catalogue_named_in_the_run_settings(province):
    settings = load_run_params(province / "run.yaml")
    with kernel_environment(settings):
        assert len(catalog.clusters()) == N_CLUSTERS
        assert catalog.region_name("c001") == "合成产业集聚区001"
        panel = load_panel([province / "small.csv"], "2019Q2")
        goals = goal_results(panel, pd.Period("2019Q2", freq="Q-DEC"), n_paths=100)
    assert catalog.region_name("c001") == "c001"  # the embedded catalogue again
    each = goals[goals["goal_id"] == "va_growth_each_cluster"]
    assert len(each) == N_CLUSTERS  # every cluster of the catalogue gets a row
    with_data = each[each["scope"].isin(panel["region"])]
    assert len(with_data) == 6
    assert with_data["probability"].notna().all()
    assert (each.loc[~each["scope"].isin(panel["region"]), "status"] == "no data").all()


def test_forecast_notebook_runs_on_the_province_with_text_progress_bars(province, tmp_path):
    settings = load_run_params(province / "run.yaml")
    output = tmp_path / "02_forecast.ipynb"
    parameters = {"data": list(settings.data), "n_windows": 1, "horizon": 4}
    with kernel_environment(settings):
        papermill.execute_notebook(
            str(paths.NOTEBOOKS / "02_forecast.ipynb"),
            str(output),
            parameters=parameters,
            progress_bar=False,
            kernel_manager_class=LocalKernelManager,
        )
    cells = json.loads(output.read_text(encoding="utf-8"))["cells"]
    outputs = [out for cell in cells for out in cell.get("outputs", [])]
    text = json.dumps(outputs, ensure_ascii=False)
    assert "合成产业集聚区001" in text  # the kernel read the province catalogue
    assert "forecast: 100%" in text  # the 51 series showed a text bar
    assert "IProgress" not in text and "TqdmWarning" not in text
    assert not any(WIDGET in out.get("data", {}) for out in outputs)
