"""The `clusterlib evaluate` command: report folder contents, headers, atomic replacement."""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import yaml
from nbformat.sign import NotebookNotary

from clusterlib import paths
from clusterlib.cli import main


def test_evaluate_writes_the_report_and_a_failed_run_keeps_it(tmp_path, capsys):
    assert main(["evaluate", "--year", "2018", "--out", str(tmp_path)]) == 0
    folder = tmp_path / "evaluation" / "2018"
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "2018年考评：12个集聚区参评（数据截至2018Q4）；相邻名次11处中，"
        "5处领先后一名的概率不低于95%",
        f"已写入：{folder}",
    ]
    assert sorted(p.name for p in folder.iterdir()) == [
        "07_evaluation.ipynb", "evaluation.csv", "evaluation.html", "evaluation.xlsx",
        "manifest.json",
    ]  # fmt: skip
    executed = nbformat.read(folder / "07_evaluation.ipynb", as_version=4)
    assert NotebookNotary().check_signature(executed)
    page = (folder / "evaluation.html").read_text(encoding="utf-8")
    assert "<title>2018年度郑州市产业集聚区考评</title>" in page
    assert "本报告使用合成演示数据" in page and "<img" in page  # the notice and the charts
    assert "run_evaluation" not in page  # no code
    sheets = pd.read_excel(folder / "evaluation.xlsx", sheet_name=None)
    assert list(sheets) == ["评价结果", "指标得分", "排名区间", "数据质量"]
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
