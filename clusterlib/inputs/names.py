"""Names printed in release tables → catalogue ids (regions with aliases, and indicators)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from clusterlib import catalog, paths
from clusterlib.inputs.cells import normalise

ALIASES = "region_aliases.csv"
_PART_OF = re.compile(r"^(其中|内|含)\s*[:：]?\s*")
_NUMBERING = re.compile(
    r"^([一二三四五六七八九十]+、|\d+[.、)]|\(\d+\)|\([一二三四五六七八九十]+\))"
)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The comparable form of a name: normalised, without spaces (indentation) or numbering."""
    return _NUMBERING.sub("", normalise(text).replace(" ", ""))


def without_part_of(text: str) -> str:
    """A row label without its leading "其中：" (the row is a component of the one above)."""
    return _PART_OF.sub("", key(text))


def known_name(names: dict[str, str], text: str) -> str | None:
    """The id of a row label in ``names`` (:func:`lookup`): as written, else without a leading
    "其中：" (内蒙古自治区 is a name, not 内 + 蒙古自治区); None when unknown."""
    found = names.get(key(text))
    return found if found is not None else names.get(without_part_of(text))


def region_aliases(path: Path | None = None) -> dict[str, str]:
    """The alias table (``region_aliases.csv`` of the catalogue): printed short form → region id.

    A catalogue without the file has no aliases.
    """
    return _region_aliases(Path(path or paths.catalog_dir() / ALIASES))


@cache
def _region_aliases(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {
        key(alias): region for alias, region in zip(table["alias"], table["region"], strict=True)
    }


def _catalogue_names(kind: str) -> dict[str, str]:
    return _names_in(kind, paths.catalog_dir())


@cache
def _names_in(kind: str, folder: Path) -> dict[str, str]:
    if kind == "region":
        table = catalog.regions(folder / "regions.csv")
    else:
        table = catalog.indicators(folder / "indicators.csv")
    names = {key(name): id_ for id_, name in zip(table.index, table["name_zh"], strict=True)}
    return names | {key(id_): id_ for id_ in table.index}


def lookup(kind: str, extra: dict[str, str]) -> dict[str, str]:
    """Every name of a ``kind`` ("region" or "indicator") known to a layout, by :func:`key`.

    Catalogue ids and Chinese names, then (regions) the alias table, then the layout's own
    names, later ones winning.
    """
    names = dict(_catalogue_names(kind))
    if kind == "region":
        names |= region_aliases()
    return names | {key(name): id_ for name, id_ in extra.items()}
