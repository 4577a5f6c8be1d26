"""Re-execute notebooks on their defaults and store the outputs that nbval compares.

Only cells marked ``# NBVAL_CHECK_OUTPUT`` keep their outputs (the key numbers CI checks);
every other cell is stored without output, so the repository stays small and diffs stay
readable. Run it deliberately after a change that is meant to move a key number:

    .venv/bin/python scripts/refresh_outputs.py            # every notebook
    .venv/bin/python scripts/refresh_outputs.py 03_goals   # one notebook
"""

from __future__ import annotations

import sys

import nbformat
import papermill

from clusterlib import paths

MARK = "# NBVAL_CHECK_OUTPUT"


def refresh(name: str) -> None:
    """Execute ``notebooks/<name>.ipynb`` in place, keeping only checked outputs."""
    path = paths.NOTEBOOKS / f"{name}.ipynb"
    executed = papermill.execute_notebook(str(path), None, cwd=str(paths.NOTEBOOKS))
    for cell in executed.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            checked = cell.source.lstrip().startswith(MARK)
            cell.outputs = [o for o in cell.outputs if checked and o.output_type != "display_data"]
            if not checked:
                cell.execution_count = None
    executed.metadata.pop("papermill", None)
    nbformat.write(executed, path)
    print(f"stored outputs of {path.name}")


def main(names: list[str]) -> None:
    names = names or sorted(p.stem for p in paths.NOTEBOOKS.glob("[0-9]*.ipynb"))
    for name in names:
        refresh(name)


if __name__ == "__main__":
    main(sys.argv[1:])
