"""Report folders written atomically: build aside, swap into place, with a manifest."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import platform
import re
import shutil
import stat
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

from clusterlib import paths
from clusterlib.exceptions import OutputError
from clusterlib.messages import message, told
from clusterlib.paths import project_relative

BUILD_NAME = re.compile(r"\.build-.+-(\d+)")
"""Build folders are named ``.build-<target name>-<pid of the run>``."""
ASIDE_NAME = re.compile(r"\.(?P<name>.+)\.old-(?P<pid>\d+)-[0-9a-f]+")
"""An earlier report set aside during a swap: ``.<target name>.old-<pid>-<random hex>``."""
SWAP_ATTEMPTS = 20
"""Swaps tried when other runs keep putting their folder in place in between."""

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

    The old folder is renamed aside (a name unique to this call, ``.<name>.old-<pid>-<hex>``)
    and removed only after the new one is in place. Runs finishing at the same instant all
    succeed, the later one wins: when another run puts its folder in place between this
    call's two renames, the swap is simply made again. A run killed between the two renames
    leaves the old folder aside; :func:`restore_interrupted` puts it back on the next run.

    Raises
    ------
    OutputError
        If ``target`` is a file (never moved), or the swap kept losing the race.
    """
    refuse_file(target)
    for _ in range(SWAP_ATTEMPTS):
        aside = target.with_name(f".{target.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        try:
            os.rename(target, aside)
        except FileNotFoundError:
            aside = None  # no earlier report (or another run has it aside right now)
        try:
            os.rename(built, target)
        except OSError as error:
            lost_race = error.errno in (errno.ENOTEMPTY, errno.EEXIST)
            if aside is not None and lost_race:
                shutil.rmtree(aside, ignore_errors=True)  # superseded by the other run's folder
            elif aside is not None:
                os.rename(aside, target)  # nothing else is there: the earlier report is back
            if lost_race:
                continue
            raise
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
        return
    raise OutputError(message("report_kept_replaced", target=target, built=built))


def refuse_file(target: Path) -> None:
    """Raise unless ``target`` is a folder or absent: a user's file there is never moved.

    One ``lstat``: with ``exists()`` then ``is_dir()`` a folder that another run renamed
    between the two calls read as a file.
    """
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(mode):
        raise OutputError(message("report_is_a_file", target=target))


def restore_interrupted(target: Path) -> list[Path]:
    """Put back an earlier report left aside by a run killed mid-swap; return what was done.

    When ``target`` is missing, the newest folder set aside by a run whose process is gone
    becomes ``target`` again; other such folders are removed (``target`` is the newer).
    Folders of live runs (mid-swap this instant) are left alone.
    """
    asides = [
        path
        for path in target.parent.glob(f".{target.name}.old*")
        if path.is_dir() and _aside_abandoned(path.name, target.name)
    ]
    restored = []
    if asides and not target.exists():
        newest = max(asides, key=lambda path: path.stat().st_mtime)
        os.rename(newest, target)
        asides.remove(newest)
        restored.append(newest)
    for path in asides:
        shutil.rmtree(path, ignore_errors=True)
    return restored


def _aside_abandoned(name: str, target_name: str) -> bool:
    """Whether an aside folder's run is gone (the fixed ``.<name>.old`` of old versions is)."""
    if name == f".{target_name}.old":
        return True
    match = ASIDE_NAME.fullmatch(name)
    return bool(match) and match["name"] == target_name and not _process_alive(int(match["pid"]))


@contextmanager
def report_folder(target: Path, lang: str = "zh") -> Iterator[Path]:
    """A fresh build folder next to ``target``; swapped into place if the block succeeds.

    ``with report_folder(out / "2019-06") as build:`` — write everything into ``build``;
    on success it replaces ``target`` (an earlier ``target`` survives any failure), on an
    exception it is removed and ``target`` is untouched. Build folders of killed runs
    (``kill -9`` leaves them behind) are removed first and a report a killed run left aside
    is put back, one line each on stderr in ``lang``. A file at ``target`` is refused before
    any work; folders made for ``target`` are removed again when the block fails (no empty
    trace).
    """
    refuse_file(target)
    made = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in remove_stale_builds(target.parent):
        print(told(message("stale_build_removed", stale=stale), lang), file=sys.stderr)
    for aside in restore_interrupted(target):
        said = message("report_restored", target=target, aside=aside)
        print(told(said, lang), file=sys.stderr)
    build = target.parent / f".build-{target.name}-{os.getpid()}"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir()
    try:
        yield build
        swap_into_place(build, target)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        for folder in made:  # deepest first; only while empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
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
    import nbformat  # imports jsonschema's grammars (seconds): only where a notebook is rewritten

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
