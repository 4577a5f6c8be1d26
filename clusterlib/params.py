"""Run parameters: loading the YAML settings and checking notebook parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from clusterlib.exceptions import ParameterError

RUN_KEYS: dict[str, type | tuple[type, ...]] = {
    "quarter": str,
    "data": list,
    "official": list,
    "enterprises": str,
    "lang": str,
    "seed": int,
}
LANGS = ("zh", "en")


def read_yaml(path: Path, what: str) -> Any:
    """The content of a YAML parameter file, read with safe loading only.

    Raises
    ------
    ParameterError
        If the file is missing, unreadable or not valid YAML; the message names ``what``.
    """
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ParameterError(f"{path}: cannot read {what}: {error}") from error


def load_run_params(path: str | Path) -> dict[str, Any]:
    """Read a run-settings YAML file (safe loading only) and check its keys and types.

    Raises
    ------
    ParameterError
        If the file is missing or unreadable, or a key is unknown, missing or mistyped.
    """
    path = Path(path)
    loaded = read_yaml(path, "run settings")
    if not isinstance(loaded, dict):
        raise ParameterError(f"{path}: expected a mapping of settings, got {type(loaded).__name__}")
    check_run_params(loaded, str(path))
    return loaded


def check_run_params(given: dict[str, Any], where: str = "run settings") -> None:
    """Reject unknown, missing or mistyped run settings, naming every offending key."""
    problems = [f"unknown setting '{key}'" for key in given if key not in RUN_KEYS]
    problems += [f"missing setting '{key}'" for key in RUN_KEYS if key not in given]
    problems += [
        f"setting '{key}' should be {RUN_KEYS[key].__name__}, got {type(given[key]).__name__}"
        for key in RUN_KEYS
        if key in given and not isinstance(given[key], RUN_KEYS[key])
    ]
    if given.get("lang") not in (None, *LANGS):
        problems.append(f"setting 'lang' must be one of {LANGS}, got {given['lang']!r}")
    if problems:
        known = ", ".join(RUN_KEYS)
        raise ParameterError(f"{where}: " + "; ".join(problems) + f" (known settings: {known})")


def notebook_parameters(notebook: str | Path) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares in its ``parameters`` cell (papermill's inspection)."""
    import papermill  # only the batch needs it; keeps the parameter-file readers light

    return papermill.inspect_notebook(str(notebook))


def check_notebook_params(notebook: str | Path, given: dict[str, Any]) -> None:
    """Reject parameters a notebook does not declare and values of the wrong type.

    papermill itself only warns about unknown parameters; clusterlib fails instead.

    Raises
    ------
    ParameterError
        Naming the notebook, each offending parameter and the declared ones.
    """
    declared = notebook_parameters(notebook)
    name = Path(notebook).name
    problems = [f"unknown parameter '{key}'" for key in given if key not in declared]
    for key, value in given.items():
        expected = declared.get(key, {}).get("inferred_type_name", "None")
        if key in declared and not _matches(value, expected):
            problems.append(f"parameter '{key}' should be {expected}, got {type(value).__name__}")
    if problems:
        known = ", ".join(declared) or "(none)"
        raise ParameterError(f"{name}: " + "; ".join(problems) + f" (declared: {known})")


def _matches(value: Any, type_name: str) -> bool:
    """Whether ``value`` fits a type annotation name from a parameters cell."""
    simple = {"str": str, "int": int, "float": (int, float), "bool": bool, "list": list}
    base = type_name.split("[")[0]
    if base not in simple:
        return True  # an unannotated or complex declaration: papermill passes it as given
    if base == "int" and isinstance(value, bool):
        return False
    return isinstance(value, simple[base])
