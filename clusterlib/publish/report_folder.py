"""Report folders written atomically: build aside, swap into place, with a manifest."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import nbformat

from clusterlib import paths

BUILD_NAME = re.compile(r"\.build-.+-(\d+)")
"""Build folders are named ``.build-<target name>-<pid of the run>``."""

PACKAGES = ("clusterlib", "pandas", "numpy", "statsmodels", "scipy", "matplotlib", "papermill")


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def package_versions() -> dict[str, str]:
    """Installed versions of the packages that determine the numbers."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def write_json(data: dict[str, Any], path: Path) -> None:
    """Write JSON (UTF-8, Chinese kept readable) atomically."""
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporary, path)


def swap_into_place(built: Path, target: Path) -> None:
    """Replace ``target`` by the folder ``built``; an earlier ``target`` survives any failure.

    The old folder is renamed aside first and removed only after the new one is in place.
    """
    aside = target.with_name(f".{target.name}.old")
    if aside.exists():
        shutil.rmtree(aside)
    if target.exists():
        os.replace(target, aside)
    try:
        os.replace(built, target)
    except OSError:
        if aside.exists():
            os.replace(aside, target)
        raise
    if aside.exists():
        shutil.rmtree(aside)


@contextmanager
def report_folder(target: Path) -> Iterator[Path]:
    """A fresh build folder next to ``target``; swapped into place if the block succeeds.

    ``with report_folder(out / "2019-06") as build:`` — write everything into ``build``;
    on success it replaces ``target`` (an earlier ``target`` survives any failure), on an
    exception it is removed and ``target`` is untouched. Build folders of killed runs
    (``kill -9`` leaves them behind) are removed first, one line each on stderr.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in remove_stale_builds(target.parent):
        print(f"removed {stale}: left by an earlier run that was killed", file=sys.stderr)
    build = target.parent / f".build-{target.name}-{os.getpid()}"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir()
    try:
        yield build
        swap_into_place(build, target)
    finally:
        shutil.rmtree(build, ignore_errors=True)


def remove_stale_builds(folder: Path) -> list[Path]:
    """Remove the build folders in ``folder`` whose run's process is gone; return them.

    A folder whose process is alive (another run, possibly of another user) is kept.
    """
    removed = []
    for path in sorted(folder.glob(".build-*")):
        match = BUILD_NAME.fullmatch(path.name)
        if match and path.is_dir() and not _process_alive(int(match[1])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _process_alive(pid: int) -> bool:
    """True unless no process has id ``pid`` (signal 0 only checks; nothing is sent)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def relative_paths(notebook: Path, build: Path) -> None:
    """Rewrite an executed notebook in ``build`` to show paths relative to the report.

    Every text of the notebook (injected parameters, papermill's metadata, outputs) loses
    the build folder (``output_dir = "."``, ``tables_dir = "tables"``,
    ``PosixPath('tables/goals.csv')``) and the project folder (``notebooks/03_goals.ipynb``);
    a report shows neither the temporary folder nor where the project lives on the machine.
    """
    replacements = []
    for folder in (build, paths.ROOT):
        for text in dict.fromkeys((str(folder), str(Path(folder).resolve()))):
            replacements += [(f"{text}{os.sep}", ""), (text, ".")]
    executed = nbformat.read(notebook, as_version=nbformat.NO_CONVERT)
    temporary = notebook.with_suffix(notebook.suffix + ".tmp")
    nbformat.write(nbformat.from_dict(_replaced(executed, replacements)), temporary)
    os.replace(temporary, notebook)


def _replaced(value: Any, replacements: list[tuple[str, str]]) -> Any:
    """``value`` (JSON data) with every replacement applied to every string in it."""
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
        return value
    if isinstance(value, dict):
        return {key: _replaced(item, replacements) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item, replacements) for item in value]
    return value


def input_hashes(inputs: list[Path]) -> dict[str, str]:
    """SHA-256 of each input file, keyed by its path relative to the project (for manifests)."""
    return {project_relative(path): sha256(path) for path in inputs}


def project_relative(path: Path) -> str:
    """``path`` relative to the project root when inside it, else as given."""
    resolved = Path(path).resolve()
    return str(resolved.relative_to(paths.ROOT)) if paths.ROOT in resolved.parents else str(path)
