"""Wall time of the quarterly batch against its floor: kernel start-up plus library compute.

Prints per-notebook and total wall time of `clusterlib run` on the embedded data, the same
run with every notebook reduced to its parameters and imports (the fixed cost of starting
kernels and importing), and the library's own compute time for the same work in one process.

    .venv/bin/python bench/batch_bench.py [--quarter 2019Q2] [--jobs 2]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import tempfile
import time
from pathlib import Path

import nbformat
from IPython.core.interactiveshell import InteractiveShell
from IPython.core.pylabtools import select_figure_formats

from clusterlib import paths
from clusterlib.batch import default_plan, finish_report, run_quarter, step_parameters
from clusterlib.params import load_run_params


def imports_only(source_dir: Path, target_dir: Path) -> None:
    """Copies of the notebooks keeping only the parameters cell and every import statement."""
    for notebook_path in sorted({source_dir / step.notebook for step in default_plan()}):
        notebook = nbformat.read(notebook_path, as_version=4)
        parameters = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
        imports = nbformat.v4.new_code_cell(_imports(_code_cells(notebook_path)[1]))
        notebook.cells = [*parameters, imports]
        nbformat.write(notebook, target_dir / notebook_path.name)


def timed_batch(quarter: str, jobs: int, notebooks: Path) -> tuple[float, dict[str, float]]:
    """Total wall seconds of one batch run and the seconds per notebook from its manifest."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        report = run_quarter(quarter, out=Path(out), jobs=jobs, notebooks_dir=notebooks)
        total = time.perf_counter() - started
        seconds = json.loads((report / "manifest.json").read_text(encoding="utf-8"))["seconds"]
    return total, seconds


def library_compute(quarter: str, notebooks: Path) -> dict[str, float]:
    """Seconds of every notebook's work and of the report writing, run one after another here.

    Each notebook's code cells run in one in-process IPython shell with the parameters the
    batch gives them and figures rendered to PNG as in a kernel, after every import has been
    made once: the compute of the batch without kernel start-up, imports or parallelism.
    """
    shell = InteractiveShell.instance()
    select_figure_formats(shell, {"png"})
    shell.display_formatter.active_types = list(shell.display_formatter.formatters)
    settings = load_run_params(paths.PARAMS / "run.yaml", quarter)
    timings = {}
    with tempfile.TemporaryDirectory() as build, contextlib.chdir(notebooks):
        plan = default_plan()
        calls = [(step, step_parameters(step, settings, Path(build), notebooks)) for step in plan]
        for step, parameters in calls:
            defaults, cells = _code_cells(notebooks / step.notebook)
            shell.run_cell(defaults + "\n" + _imports(cells)).raise_error()
            shell.user_ns.update(parameters)
            timings[step.name] = _run_cells(shell, cells)
        started = time.perf_counter()
        finish_report(Path(build), settings)
        timings["tables.xlsx, bulletin.html"] = time.perf_counter() - started
    return timings


def _code_cells(notebook_path: Path) -> tuple[str, list[str]]:
    """The parameters cell's source and the sources of the other code cells."""
    code = [c for c in nbformat.read(notebook_path, as_version=4).cells if c.cell_type == "code"]
    is_parameters = ["parameters" in c.metadata.get("tags", []) for c in code]
    defaults = "\n".join(c.source for c, flag in zip(code, is_parameters, strict=True) if flag)
    return defaults, [c.source for c, flag in zip(code, is_parameters, strict=True) if not flag]


def _imports(cells: list[str]) -> str:
    """The import statements of ``cells``, to run before the timer starts."""
    nodes = [node for source in cells for node in ast.parse(source).body]
    return "\n".join(ast.unparse(n) for n in nodes if isinstance(n, ast.Import | ast.ImportFrom))


def _run_cells(shell: InteractiveShell, cells: list[str]) -> float:
    """Wall seconds of running ``cells`` in ``shell``; raise if one fails."""
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        for source in cells:
            shell.run_cell(source).raise_error()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarter", default="2019Q2")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    full_total, full = timed_batch(args.quarter, args.jobs, paths.NOTEBOOKS)
    with tempfile.TemporaryDirectory() as reduced_dir:
        imports_only(paths.NOTEBOOKS, Path(reduced_dir))
        fixed_total, fixed = timed_batch(args.quarter, args.jobs, Path(reduced_dir))
    compute = library_compute(args.quarter, paths.NOTEBOOKS)

    print(f"{'notebook':<28}{'full run s':>12}{'imports only s':>16}")
    for name in full:
        print(f"{name:<28}{full[name]:>12.1f}{fixed[name]:>16.1f}")
    print(f"{'batch total (wall)':<28}{full_total:>12.1f}{fixed_total:>16.1f}")
    print("\nlibrary compute: the notebooks' code and the report writing in one process")
    for name, seconds in compute.items():
        print(f"  {name:<28}{seconds:>8.1f}")
    print(f"  {'total':<28}{sum(compute.values()):>8.1f}")
    floor = fixed_total + sum(compute.values()) / args.jobs
    print(f"\nfloor = fixed cost + compute / {args.jobs} jobs = {floor:.1f} s")
    print(f"batch / floor = {full_total / floor:.2f}  (target ≤ 1.5; batch target < 90 s)")


if __name__ == "__main__":
    main()
