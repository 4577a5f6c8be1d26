"""Star lists (星级名单): published ratings with their sources, and the demo list, labelled."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog, paths
from clusterlib.exceptions import DataValidationError, Problem
from clusterlib.labels import check_lang
from clusterlib.messages import Message, message

OFFICIAL_STARS = paths.OFFICIAL / "facts" / "star_ratings.csv"
DEMO_STARS = paths.DEMO / "star_ratings.csv"
DEFAULT_STAR_LISTS = (OFFICIAL_STARS, DEMO_STARS)
STAR_LIST_COLUMNS = ["region", "year", "stars", "synthetic", "source", "quote", "note"]
MAX_STARS = 6
RULE_SOURCE = "rule"  # ``previous_stars_source`` when no list has the year
SOURCE_WORDS = {  # the kind of a rating's source (``previous_stars_source``) in words
    "official": ("官方公布", "official"),
    "synthetic": ("演示名单（合成）", "demo list (synthetic)"),
    "rule": ("按规则估计", "estimated by the rule"),
}
CHANGE_WORDS = {1: ("晋级", "promoted"), -1: ("降级", "demoted"), 0: ("持平", "unchanged")}
"""A change of stars (``star_change``) in words, by its sign."""


def load_star_lists(files: Iterable[str | Path] = DEFAULT_STAR_LISTS) -> pd.DataFrame:
    """Star lists read, checked and combined: one row per region and year.

    Each file has :data:`STAR_LIST_COLUMNS`: ``region`` (a provincial cluster of the
    catalogue), ``year`` (empty for an undated rating: kept for reference, never used as a
    year's rating), ``stars`` (0–6), ``synthetic`` (true/false), ``source`` (required), and
    ``quote``, ``note``. Where an official row (``synthetic`` false) and a synthetic one give
    the same region and year, the official one is kept.

    Raises
    ------
    DataValidationError
        Listing every problem with file, row and column: missing columns, an unknown region
        or one that is not a provincial cluster, a year or star level that is not a whole
        number in range, an empty source, two official (or two synthetic) rows for the same
        region and year.
    """
    frames, problems = [], []
    for file in map(Path, files):
        table, found = _read(file)
        problems += found
        frames.append(table)
    if problems:
        raise DataValidationError(problems)
    combined = pd.concat(frames, ignore_index=True) if frames else _empty()
    dated = combined.dropna(subset=["year"])
    twice = dated[dated.duplicated(["region", "year", "synthetic"], keep="first")]
    if not twice.empty:
        raise DataValidationError(
            [
                Problem(
                    row.file,
                    row.row,
                    "year",
                    message(
                        "star_list_twice",
                        source_kind=message(
                            "star_list_rating_synthetic"
                            if row.synthetic
                            else "star_list_rating_official"
                        ),
                        region=row.region,
                        year=str(row.year),
                    ),
                )
                for row in twice.itertuples()
            ]
        )
    ordered = combined.sort_values(["region", "year", "synthetic"], kind="stable")
    undated = ordered[ordered["year"].isna()]
    kept = ordered.dropna(subset=["year"]).drop_duplicates(["region", "year"], keep="first")
    return pd.concat([kept, undated], ignore_index=True)


def ratings_of(star_list: pd.DataFrame, regions: list[str], year: int) -> pd.DataFrame:
    """Each region's rating for ``year`` from the list: ``stars`` (NaN without one), ``source``.

    ``source`` is ``official: <url>`` or ``synthetic: <what made it>`` where the list has the
    year, else :data:`RULE_SOURCE`.
    """
    rows = star_list[star_list["year"].eq(year).fillna(False).astype(bool)].set_index("region")
    stars = rows["stars"].reindex(regions).astype(float)
    origin = pd.Series(
        [
            f"synthetic: {text.removeprefix('synthetic: ')}" if synthetic else f"official: {text}"
            for synthetic, text in zip(rows["synthetic"], rows["source"], strict=True)
        ],
        index=rows.index,
    )
    source = origin.reindex(regions).fillna(RULE_SOURCE)
    return pd.DataFrame({"stars": stars.to_numpy(), "source": source.to_numpy()}, index=regions)


def source_word(source: str, lang: str = "zh") -> str:
    """The kind of a rating's source in ``lang``: 官方公布, 演示名单（合成）, 按规则估计."""
    kind = source.split(":")[0]
    return SOURCE_WORDS[kind][check_lang(lang)] if kind in SOURCE_WORDS else ""


def change_word(change: object, lang: str = "zh") -> str:
    """A change of stars in ``lang`` (:data:`CHANGE_WORDS`): 晋级, 降级, 持平; "" for none."""
    position = check_lang(lang)
    if change is None or pd.isna(change) or change == "":
        return ""
    return CHANGE_WORDS[int(np.sign(float(change)))][position]


def source_label(source: str, lang: str = "zh") -> str:
    """:func:`source_word`, with the page an official rating is published on."""
    word = source_word(source, lang)
    if source.startswith("official: "):
        return f"{word}{'：' if lang == 'zh' else ': '}{source.removeprefix('official: ')}"
    return word


def _read(file: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """One star list and its problems (rows numbered as in the file, header = 1)."""
    raw = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in STAR_LIST_COLUMNS if c not in raw.columns]
    if missing:
        return _empty(), [
            Problem(str(file), None, None, message("star_list_columns", columns=", ".join(missing)))
        ]
    kinds = catalog.regions()["kind"]
    problems = []
    for index, row in raw.iterrows():
        line = int(index) + 2
        where = (str(file), line)
        if kinds.get(row["region"]) != "provincial_cluster":
            problems.append(Problem(*where, "region", _region_message(row["region"], kinds)))
        if row["year"] and not row["year"].isdigit():
            problems.append(Problem(*where, "year", message("star_list_year", value=row["year"])))
        if not (row["stars"].isdigit() and int(row["stars"]) <= MAX_STARS):
            said = message("star_list_stars", most=MAX_STARS, value=row["stars"])
            problems.append(Problem(*where, "stars", said))
        if row["synthetic"] not in ("true", "false"):
            problems.append(Problem(*where, "synthetic", message("star_list_synthetic")))
        if not row["source"].strip():
            problems.append(Problem(*where, "source", message("star_list_source")))
    if problems:
        return _empty(), problems
    table = raw[STAR_LIST_COLUMNS].assign(
        year=pd.to_numeric(raw["year"]).astype("Int64"),
        stars=raw["stars"].astype(int),
        synthetic=raw["synthetic"] == "true",
        file=str(file),
        row=range(2, len(raw) + 2),
    )
    return table, []


def _region_message(region: str, kinds: pd.Series) -> Message:
    """Why a star list's region is refused."""
    if region not in kinds.index:
        return message("evaluation_unknown_region", given=region)
    kind = message(f"star_list_region_kind_{kinds[region]}")
    return message("star_list_not_a_cluster", region=region, region_kind=kind)


def _empty() -> pd.DataFrame:
    """An empty star list."""
    return pd.DataFrame(columns=[*STAR_LIST_COLUMNS, "file", "row"]).astype(
        {"year": "Int64", "synthetic": bool}
    )
