"""Wall time of the quarterly batch against its floor: kernel start-up plus library compute.

Prints per-notebook and total wall time of `clusterlib run` on the embedded data, the same
run with every notebook reduced to its parameters and imports (the fixed cost of starting
kernels and importing), and the library's own compute time for the same work in one process.

    .venv/bin/python bench/batch_bench.py [--quarter 2019Q2] [--jobs 2]
"""

from __future__ import annotations

import argparse
import ast
import json
import tempfile
import time
from pathlib import Path

import nbformat

from clusterlib import paths
from clusterlib.batch import PLAN, run_quarter


def imports_only(source_dir: Path, target_dir: Path) -> None:
    """Copies of the notebooks keeping only the parameters cell and every import statement."""
    for notebook_path in sorted({source_dir / step.notebook for step in PLAN}):
        notebook = nbformat.read(notebook_path, as_version=4)
        imports = []
        for cell in notebook.cells:
            if cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
                tree = ast.parse(cell.source)
                imports += [
                    ast.unparse(node)
                    for node in tree.body
                    if isinstance(node, ast.Import | ast.ImportFrom)
                ]
        parameters = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        notebook.cells = [*parameters, nbformat.v4.new_code_cell("\n".join(imports))]
        nbformat.write(notebook, target_dir / notebook_path.name)


def timed_batch(quarter: str, jobs: int, notebooks: Path) -> tuple[float, dict[str, float]]:
    """Total wall seconds of one batch run and the seconds per notebook from its manifest."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        report = run_quarter(quarter, out=Path(out), jobs=jobs, notebooks_dir=notebooks)
        total = time.perf_counter() - started
        seconds = json.loads((report / "manifest.json").read_text(encoding="utf-8"))["seconds"]
    return total, seconds


def library_compute(quarter: str) -> dict[str, float]:
    """Seconds of the library calls the notebooks make, run in this process."""
    from clusterlib.enterprise import enterprise_tables, read_enterprises
    from clusterlib.enterprise_rules import load_rules
    from clusterlib.panel import load_panel, preferred_series
    from clusterlib.quarterly import backtest, forecast_tables, goal_results

    timings = {}
    started = time.perf_counter()
    panel = load_panel(paths.DEMO / "panel.csv", quarter)
    timings["load_panel"] = time.perf_counter() - started
    for indicator in ("industry_va", "fai"):
        started = time.perf_counter()
        series = preferred_series(panel, [indicator])
        backtest(series)
        forecast_tables(series, quarter)
        timings[f"forecast {indicator}"] = time.perf_counter() - started
    started = time.perf_counter()
    goal_results(panel, quarter, n_paths=500)
    timings["goals"] = time.perf_counter() - started
    started = time.perf_counter()
    rules = load_rules(paths.PARAMS / "enterprise_henan.yaml")
    enterprise_tables(read_enterprises(paths.DEMO / "enterprises.csv"), rules)
    timings["enterprise"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarter", default="2019Q2")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    full_total, full = timed_batch(args.quarter, args.jobs, paths.NOTEBOOKS)
    with tempfile.TemporaryDirectory() as reduced_dir:
        imports_only(paths.NOTEBOOKS, Path(reduced_dir))
        fixed_total, fixed = timed_batch(args.quarter, args.jobs, Path(reduced_dir))
    compute = library_compute(args.quarter)

    print(f"{'notebook':<28}{'full run s':>12}{'imports only s':>16}")
    for name in full:
        print(f"{name:<28}{full[name]:>12.1f}{fixed[name]:>16.1f}")
    print(f"{'batch total (wall)':<28}{full_total:>12.1f}{fixed_total:>16.1f}")
    print("\nlibrary compute, one process:")
    for name, seconds in compute.items():
        print(f"  {name:<24}{seconds:>8.1f}")
    floor = fixed_total + sum(compute.values()) / args.jobs
    print(f"\nfloor = fixed cost + compute / {args.jobs} jobs = {floor:.1f} s")
    print(f"batch / floor = {full_total / floor:.2f}  (target ≤ 1.5; batch target < 90 s)")


if __name__ == "__main__":
    main()
