"""environment.yml (conda) and pyproject.toml must list the same packages."""

from __future__ import annotations

import re
import tomllib

import yaml

from clusterlib import paths


def _name(requirement: str) -> str:
    return re.split(r"[\[=<>!~ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def listed_requirements() -> list[str]:
    """Direct dependencies and every extra (test, dask) of pyproject.toml."""
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return project["dependencies"] + [r for extra in extras.values() for r in extra]


def pyproject_packages() -> set[str]:
    return {_name(r) for r in listed_requirements()}


def conda_packages() -> set[str]:
    spec = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    names = set()
    for entry in spec["dependencies"]:
        if isinstance(entry, dict):
            names |= {_name(r) for r in entry["pip"] if not r.startswith("-e")}
        elif _name(entry) not in {"python", "pip"}:
            names.add(_name(entry))
    return names


def pinned_versions(requirements: list[str]) -> dict[str, str]:
    return {_name(r): r.split("=")[-1] for r in requirements if "=" in r}


def test_conda_and_pip_list_the_same_packages():
    assert conda_packages() == pyproject_packages()


def test_conda_pins_match_pyproject_pins():
    pip_pins = pinned_versions(listed_requirements())
    spec = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    conda = [e for e in spec["dependencies"] if isinstance(e, str)]
    conda += next(e["pip"] for e in spec["dependencies"] if isinstance(e, dict))
    conda_pins = pinned_versions([c for c in conda if not c.startswith("-e")])
    conda_pins.pop("python", None)
    assert conda_pins == pip_pins


def test_lock_file_pins_every_direct_dependency_at_the_same_version():
    lock = (paths.ROOT / "requirements.lock").read_text().splitlines()
    locked = pinned_versions([line for line in lock if "==" in line])
    for name, version in pinned_versions(listed_requirements()).items():
        assert locked.get(name) == version, name
