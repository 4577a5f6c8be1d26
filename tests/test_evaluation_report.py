"""The `clusterlib evaluate` command: report folder contents, headers, atomic replacement."""

from __future__ import annotations

import json

import pandas as pd
import yaml

from clusterlib import paths
from clusterlib.cli import main


def test_evaluate_writes_the_report_and_a_failed_run_keeps_it(tmp_path, capsys):
    assert main(["evaluate", "--year", "2018", "--out", str(tmp_path)]) == 0
    folder = tmp_path / "evaluation" / "2018"
    assert sorted(p.name for p in folder.iterdir()) == [
        "evaluation.csv", "evaluation.xlsx", "manifest.json",
    ]  # fmt: skip
    sheets = pd.read_excel(folder / "evaluation.xlsx", sheet_name=None)
    assert list(sheets) == ["评价结果", "指标得分", "排名区间", "数据质量", "数据缺失"]
    results = sheets["评价结果"]
    assert {"综合得分", "排名", "星级", "得分·主营业务收入"} <= set(results.columns)
    assert sorted(results["排名"]) == list(range(1, 13))
    assert len(sheets["指标得分"]) == 12 * 10
    assert sheets["数据质量"]["指标"].tolist() == ["high_energy_share"]  # 金岱, planted
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] and manifest["year"] == 2018
    assert "data/demo/evaluation.csv" in manifest["inputs"]
    before = (folder / "evaluation.csv").read_bytes()

    scheme = yaml.safe_load((paths.PARAMS / "evaluation_henan.yaml").read_text(encoding="utf-8"))
    scheme["aspects"]["green"]["weight"] = 0.5
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(scheme, allow_unicode=True), encoding="utf-8")
    args = ["evaluate", "--year", "2018", "--scheme", str(bad), "--out", str(tmp_path)]
    assert main(args) == 1
    assert f"{bad}: key 'aspects': aspect weights sum to 1.35" in capsys.readouterr().err
    assert (folder / "evaluation.csv").read_bytes() == before
