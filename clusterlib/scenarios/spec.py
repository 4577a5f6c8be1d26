"""Scenario files (params/scenarios/<name>.yaml): shocks to the rest of the year, checked."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from clusterlib import catalog
from clusterlib.goals.catalogue import ALL_CLUSTERS, GROUP_SCOPES
from clusterlib.inputs.records import parse_period
from clusterlib.messages import Message, message
from clusterlib.params import Reader, read_settings

SCENARIO_KEYS = ("title_zh", "title_en", "shocks")
GROWTH_KEYS = ("indicator", "regions", "growth_pp", "from")
LEVEL_KEYS = ("indicator", "region", "level_change", "quarter")
LEVEL_UNIT = "100m_yuan"  # a level change is stated in 亿元
CITY = "city"


@dataclass(frozen=True)
class GrowthShock:
    """``growth_pp`` points added to the y/y growth of ``indicator`` in ``regions``.

    From the month or quarter ``start`` to the year's end; ``start`` is a monthly or
    quarterly :class:`pandas.Period`.
    """

    indicator: str
    regions: tuple[str, ...]
    growth_pp: float
    start: pd.Period

    @property
    def size(self) -> float:
        """The shock's size in its own unit: pp of growth."""
        return self.growth_pp


@dataclass(frozen=True)
class LevelShock:
    """``level_change`` 亿元 added to ``indicator`` of one cluster in one quarter (a project)."""

    indicator: str
    region: str
    level_change: float
    quarter: pd.Period

    @property
    def size(self) -> float:
        """The shock's size in its own unit: 亿元."""
        return self.level_change


Shock = GrowthShock | LevelShock


@dataclass(frozen=True)
class Scenario:
    """A named set of shocks (the file's stem is the name) with titles for the report.

    ``source`` is the file it was read from, named by the problems found later (against the
    simulated paths).
    """

    name: str
    title_zh: str
    title_en: str
    shocks: tuple[Shock, ...]
    source: str = ""

    def title(self, lang: str = "zh") -> str:
        """The title in ``lang``, or the name when the file gives none."""
        return (self.title_zh if lang == "zh" else self.title_en) or self.name


def load_scenario(
    path: str | Path,
    as_of: str | pd.Period,
    indicators: list[str] | None = None,
    as_of_month: str | pd.Period | None = None,
) -> Scenario:
    """Read and check a scenario file for the run of quarter ``as_of``.

    Shocks must fall in the rest of ``as_of``'s year (after the quarter, up to its Q4, and
    after the run's ``as_of_month`` when it has one: its months are published), name
    indicators with simulated paths (``indicators``; default: any flow indicator of the
    catalogue) and known regions; a level change needs an indicator in 亿元 and one cluster.

    Raises
    ------
    ParameterError
        Listing every problem with the file and the key (``shocks[1].from``).
    """
    path = Path(path)
    as_of = pd.Period(as_of, freq="Q-DEC")
    published = pd.Period(as_of_month, freq="M") if as_of_month else as_of.asfreq("M", "end")

    def build(reader: Reader) -> Scenario:
        reader.unknown(SCENARIO_KEYS)
        shocks = [_shock(item, as_of, published, indicators) for item in reader.items("shocks")]
        if reader.get("shocks", optional=True) == []:
            reader.fail("shocks", message("scenario_shocks_empty"))
        for first, again in _repeated(shocks):
            reader.fail(f"shocks[{again}]", message("scenario_shock_repeated", earlier=first))
        return Scenario(
            name=path.stem,
            title_zh=reader.text("title_zh", optional=True) or "",
            title_en=reader.text("title_en", optional=True) or "",
            shocks=tuple(shock for shock in shocks if shock is not None),
            source=str(path),
        )

    return read_settings(path, "scenario", build)


def _repeated(shocks: list[Shock | None]) -> list[tuple[int, int]]:
    """(first, repeat) positions of shocks of the same kind, indicator, regions and period."""
    seen: dict[tuple, int] = {}
    pairs = []
    for number, shock in enumerate(shocks):
        if shock is None:
            continue
        if isinstance(shock, GrowthShock):
            start = shock.start.asfreq("M", "start")  # from 2019Q3 = from 2019-07
            key = ("growth", shock.indicator, frozenset(shock.regions), start)
        else:
            key = ("level", shock.indicator, frozenset([shock.region]), shock.quarter)
        if key in seen:
            pairs.append((seen[key], number))
        else:
            seen[key] = number
    return pairs


@dataclass(frozen=True)
class Overlap:
    """Growth shocks ``first`` and ``later`` (positions in the file) on the same series.

    Both shock ``indicator`` in ``regions`` from ``start`` (the later start) to December, so
    their points add up there.
    """

    first: int
    later: int
    indicator: str
    regions: tuple[str, ...]
    start: pd.Period


def overlaps(shocks: tuple[Shock, ...] | list[Shock]) -> list[Overlap]:
    """Every pair of growth shocks of one indicator sharing a region (each runs to December,
    so they overlap from the later start on); exact repeats are refused by the file's check.

    A level change and a growth shock of the same series are not paired: a project on top of
    a trend is what a level change is for.
    """
    found = []
    growth = [(n, s) for n, s in enumerate(shocks) if isinstance(s, GrowthShock)]
    for position, (first, one) in enumerate(growth):
        for later, other in growth[position + 1 :]:
            shared = tuple(r for r in one.regions if r in other.regions)
            if one.indicator != other.indicator or not shared:
                continue
            starts = (one.start, other.start)
            start = max(starts, key=lambda period: period.asfreq("M", "start"))
            found.append(Overlap(first, later, one.indicator, shared, start))
    return found


def refuse(scenario: Scenario, problems: list[tuple[str, str]]) -> None:
    """Raise the ``(key, message)`` problems found against the paths, as the file's own are."""
    reader = Reader({}, scenario.source or scenario.name)
    for key, said in problems:
        reader.fail(key, said)
    reader.check()


def _shock(
    reader: Reader, as_of: pd.Period, published: pd.Period, indicators: list[str] | None
) -> Shock | None:
    """One shock: a growth shock (``growth_pp``) or a level change (``level_change``)."""
    if ("growth_pp" in reader.raw) == ("level_change" in reader.raw):
        reader.fail("", message("scenario_shock_kind"))
        return None
    if "growth_pp" in reader.raw:
        reader.unknown(GROWTH_KEYS)
        values = (
            _indicator(reader, indicators),
            _regions(reader),
            _signed(reader, "growth_pp"),
            _period(reader, "from", as_of, published, months=True),
        )
        return None if None in values else GrowthShock(*values)
    reader.unknown(LEVEL_KEYS)
    values = (
        _indicator(reader, indicators, unit=LEVEL_UNIT),
        _cluster(reader),
        _signed(reader, "level_change"),
        _period(reader, "quarter", as_of, published, months=False),
    )
    return None if None in values else LevelShock(*values)


def _signed(reader: Reader, key: str) -> float | None:
    """A finite number of either sign (negative: slower growth, less investment)."""
    value = reader.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        reader.fail(key, message("scenario_expected_signed", value=value))
        return None
    if value is not None and not math.isfinite(value):
        reader.fail(key, message("scenario_expected_finite", value=value))
        return None
    return None if value is None else float(value)


def _indicator(reader: Reader, known: list[str] | None, unit: str | None = None) -> str | None:
    """A flow indicator with simulated paths (and, for level changes, in 亿元)."""
    name = reader.text("indicator")
    table = catalog.indicators()
    flows = table.index[table["kind"] == "flow"].tolist() if known is None else list(known)
    if name is None:
        return None
    if name not in flows:
        known = ", ".join(flows)
        reader.fail("indicator", message("scenario_indicator_unknown", name=name, known=known))
        return None
    if unit is not None and table.at[name, "unit"] != unit:
        reader.fail("indicator", message("scenario_indicator_unit", name=name, unit=unit))
        return None
    return name


def cluster_ids() -> list[str]:
    """Every cluster of the region catalogue (the regions of goals scoped ``each_cluster``)."""
    regions = catalog.regions()
    return regions.index[regions["kind"].isin(GROUP_SCOPES["each_cluster"])].tolist()


def _regions(reader: Reader) -> tuple[str, ...] | None:
    """``city``, ``all_clusters`` or a list of them and cluster ids, expanded to region ids."""
    value = reader.get("regions")
    if value is None:
        return None
    names = [value] if isinstance(value, str) else value
    known = [CITY, ALL_CLUSTERS, *cluster_ids()]
    if not isinstance(names, list) or not names or any(n not in known for n in names):
        said = message("scenario_regions_expected", known=", ".join(known), value=value)
        reader.fail("regions", said)
        return None
    expanded = [r for n in names for r in (cluster_ids() if n == ALL_CLUSTERS else [n])]
    return tuple(dict.fromkeys(expanded))


def _cluster(reader: Reader) -> str | None:
    """One cluster id (a project lies in one cluster)."""
    name = reader.text("region")
    if name is not None and name not in cluster_ids():
        said = message("scenario_cluster_expected", known=", ".join(cluster_ids()), value=name)
        reader.fail("region", said)
        return None
    return name


def _period(
    reader: Reader, key: str, as_of: pd.Period, published: pd.Period, months: bool
) -> pd.Period | None:
    """A quarter (or month) of the rest of ``as_of``'s year: after it and after the last
    ``published`` month (the run's as-of month), up to December."""
    text = reader.get(key)
    if text is None:
        return None
    period = parse_period(str(text))
    is_year = period is not None and str(text).strip().isdigit()
    if period is None or is_year or (period.freqstr.startswith("M") and not months):
        expected = "scenario_expected_quarter_or_month" if months else "scenario_expected_quarter"
        reader.fail(key, message(expected, value=text))
        return None
    quarter = period.asfreq("Q-DEC")
    if quarter.year != as_of.year or quarter <= as_of:
        reader.fail(key, _not_in_rest(text, as_of))
        return None
    if period.asfreq("M", "start") <= published:
        reader.fail(key, _published_message(text, published, months))
        return None
    return period


def _not_in_rest(text: object, as_of: pd.Period) -> Message:
    """Why a period outside the rest of the run's year is refused, and what may be shocked."""
    year, quarter = as_of.year, str(as_of)
    if as_of.quarter == 4:
        return message("scenario_nothing_left", value=text, year=year, as_of=quarter)
    first, last = str(as_of + 1), f"{year}Q4"
    return message(
        "scenario_not_in_rest", value=text, year=year, as_of=quarter, first=first, last=last
    )


def _published_message(text: object, published: pd.Period, months: bool) -> Message:
    """Why a shock starting at or before the as-of month is refused, and where it may start."""
    first = published + 1
    if not months:  # a level change takes a whole quarter: the first one with no month out
        first = (published.asfreq("Q-DEC") + 1).asfreq("M", "start")
        start = str(first.asfreq("Q-DEC"))
    else:
        start = str(first)
    where = (
        message("scenario_first_month" if months else "scenario_first_quarter", first=start)
        if first.year == published.year
        else message("scenario_none_left", year=published.year)
    )
    return message("scenario_published", value=text, month=str(published), where=where)
