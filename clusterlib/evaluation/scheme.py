"""The evaluation scheme (params/evaluation_*.yaml): aspects, indicators, weights, star rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from clusterlib import catalog, paths
from clusterlib.labels import UNIT_NAMES
from clusterlib.messages import Message, message
from clusterlib.params import Reader, read_settings

DEFAULT_SCHEME = paths.PARAMS / "evaluation_henan.yaml"
NORMALISATIONS = ("efficacy", "minmax", "zscore")
MISSING_RULES = ("lowest", "zero", "aspect_mean", "exclude")
SCORED_RULES = MISSING_RULES[:3]  # rules that score a missing indicator (``exclude`` does not)
METRICS = ("year_total", "latest", "ytd_growth", "ratio")
DIRECTIONS = ("higher", "lower")
TOLERANCE = 1e-6  # weights must sum to 1 within this
TOP_KEYS = (
    "name", "normalisation", "missing", "drop", "aspects", "stars", "exit", "uncertainty",
)  # fmt: skip
ASPECT_KEYS = ("name_zh", "name_en", "weight", "indicators")
INDICATOR_KEYS = (
    "name_zh", "name_en", "indicator", "metric", "direction", "weight", "denominator", "scale",
    "goal", "compare_to", "compare_indicator", "revision_sd", "revision_source", "unit",
)  # fmt: skip
STAR_KEYS = ("revenue", "revenue_thresholds", "top_share", "max_promotion")
EXIT_KEYS = ("bottom_share", "min_revenue")
UNCERTAINTY_KEYS = (
    "concentration", "level", "clear_lead", "n_draws", "missing_rules", "revision_sd_relative",
    "revision_sd_absolute", "n_paths", "seed",
)  # fmt: skip
ASSUMED = "assumed (docs/assumptions.md A12)"  # revision_source of an indicator without one


@dataclass(frozen=True)
class Aspect:
    """One aspect (方面) of the evaluation, e.g. 经济总量, with its weight in the composite."""

    id: str
    name_zh: str
    name_en: str
    weight: float


@dataclass(frozen=True)
class Indicator:
    """One evaluation indicator: how it is measured from the records and how it scores.

    ``weight`` is its weight within its aspect; ``indicator`` is a catalogue id measured by
    ``metric`` (as in the goal catalogue); a ``ratio`` divides the year's total of
    ``indicator`` by the ``denominator`` at the evaluated quarter and multiplies by ``scale``. With
    ``compare_to`` (a region id) the value is the cluster's ``ytd_growth`` minus that
    region's growth of ``compare_indicator`` (pp). ``goal`` is the value that earns the top
    score (功效系数法 满意值). ``revision_sd`` is the sd of a revision of the value: relative (%)
    for levels and ratios, absolute (in the value's unit) for growth rates, shares and gaps.
    ``unit`` (a key of :data:`clusterlib.labels.UNIT_NAMES`) is the value's unit where the
    catalogue cannot tell it (a ratio: 万元/亩); see :attr:`value_unit`.
    """

    id: str
    aspect: str
    name_zh: str
    name_en: str
    indicator: str
    metric: str
    direction: str
    weight: float
    denominator: str | None = None
    scale: float = 1.0
    goal: float | None = None
    compare_to: str | None = None
    compare_indicator: str | None = None
    revision_sd: float = 0.0
    revision_source: str = ASSUMED
    unit: str = ""

    @property
    def relative_revision(self) -> bool:
        """True when a revision scales the value (levels, ratios); else it shifts it (pp)."""
        if self.compare_to is not None or self.metric == "ytd_growth":
            return False
        return self.metric != "latest" or catalog.indicators().at[self.indicator, "kind"] != "rate"

    @property
    def value_unit(self) -> str | None:
        """The unit of the value: the scheme's ``unit``, else pp for a gap to a region, % for
        growth, the catalogue's unit for a total or a latest value; None for a ratio without
        one."""
        if self.unit:
            return self.unit
        if self.compare_to is not None:
            return "pp"
        if self.metric == "ytd_growth":
            return "pct"
        known = catalog.indicators()
        if self.metric == "ratio" or self.indicator not in known.index:
            return None
        return str(known.at[self.indicator, "unit"])

    def name(self, lang: str = "zh") -> str:
        """Display name in ``lang``."""
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class StarRule:
    """Star ratings 一星级 … N星级: level ``s`` needs revenue ≥ threshold and a top rank.

    A cluster earns level ``s`` when its ``revenue`` indicator reaches
    ``revenue_thresholds[s-1]`` and its composite rank is within the best
    ``top_share[s-1]`` of the ranked clusters; it rises at most ``max_promotion`` levels a year.
    """

    revenue: str
    revenue_thresholds: tuple[float, ...]
    top_share: tuple[float, ...]
    max_promotion: int


@dataclass(frozen=True)
class ExitRule:
    """Below the exit threshold (动态调整): bottom share of the ranking or revenue too low."""

    bottom_share: float
    min_revenue: float


@dataclass(frozen=True)
class Uncertainty:
    """Settings of the rank intervals: draws of weights, revisions and missing-data rules.

    ``clear_lead`` is the probability of staying ahead of the next-ranked cluster from which
    the report counts a lead as clear (a stated threshold, not a significance test).
    """

    concentration: float
    level: float
    clear_lead: float
    n_draws: int
    missing_rules: tuple[str, ...]
    n_paths: int
    seed: int


@dataclass(frozen=True)
class Scheme:
    """An evaluation scheme, read from one YAML file by :func:`load_scheme`."""

    name: str
    path: str
    normalisation: str
    missing: str
    aspects: tuple[Aspect, ...]
    indicators: tuple[Indicator, ...]
    stars: StarRule
    exit: ExitRule
    uncertainty: Uncertainty
    dropped: tuple[str, ...] = ()

    @property
    def ids(self) -> list[str]:
        """Scheme indicator ids, in scheme order."""
        return [item.id for item in self.indicators]

    @property
    def weights(self) -> np.ndarray:
        """Each indicator's weight in the composite: aspect weight × weight within the aspect."""
        aspect = {a.id: a.weight for a in self.aspects}
        return np.array([aspect[i.aspect] * i.weight for i in self.indicators])

    @property
    def goals(self) -> np.ndarray:
        """Each indicator's goal (满意值), NaN where it has none."""
        return np.array([np.nan if i.goal is None else i.goal for i in self.indicators])

    @property
    def directions(self) -> np.ndarray:
        """+1 where higher is better, −1 where lower is better."""
        return np.array([1.0 if i.direction == "higher" else -1.0 for i in self.indicators])

    def indicator(self, indicator_id: str) -> Indicator:
        """The scheme indicator ``indicator_id``."""
        return next(item for item in self.indicators if item.id == indicator_id)


def load_scheme(path: str | Path = DEFAULT_SCHEME) -> Scheme:
    """Read an evaluation scheme with the project's settings reader.

    Raises
    ------
    ParameterError
        Listing every problem at once, each naming the file and the dotted key: weights that
        do not sum to 1 or are negative, unknown catalogue indicators, star thresholds that
        do not increase, unknown keys, missing keys.
    """
    return read_settings(path, "evaluation scheme", lambda reader: _scheme(reader, str(path)))


def _scheme(reader: Reader, path: str) -> Scheme:
    reader.unknown(TOP_KEYS)
    uncertainty, defaults = _uncertainty(reader.sub("uncertainty"))
    aspects, indicators = _aspects(reader, defaults)
    dropped = _dropped(reader, [item.id for item in indicators])
    aspects, indicators = _without(aspects, indicators, dropped)
    ids = [item.id for item in indicators]
    return Scheme(
        name=reader.text("name"),
        path=path,
        normalisation=reader.choice("normalisation", NORMALISATIONS),
        missing=reader.choice("missing", MISSING_RULES),
        aspects=tuple(aspects),
        indicators=tuple(indicators),
        stars=_stars(reader.sub("stars"), ids),
        exit=_exit(reader.sub("exit")),
        uncertainty=uncertainty,
        dropped=dropped,
    )


def _aspects(reader: Reader, defaults: dict[bool, float]) -> tuple[list[Aspect], list[Indicator]]:
    """Aspects and their indicators; weights checked to sum to 1 at both levels."""
    aspects, indicators = [], []
    for aspect_id, sub in reader.mapping("aspects").items():
        sub.unknown(ASPECT_KEYS)
        weight = sub.number("weight")
        aspects.append(Aspect(aspect_id, sub.text("name_zh"), sub.text("name_en"), weight or 0.0))
        members = [
            _indicator(key, item, aspect_id, defaults)
            for key, item in sub.mapping("indicators").items()
        ]
        weights = [m.weight for m in members]
        _sum_to_one(sub, "indicators", weights, message("scheme_weights_within_aspect"))
        indicators += members
    _sum_to_one(reader, "aspects", [a.weight for a in aspects], message("scheme_aspect_weights"))
    seen: set[str] = set()
    for item in indicators:
        if item.id in seen:
            key = f"aspects.{item.aspect}.indicators.{item.id}"
            reader.fail(key, message("scheme_duplicated_indicator"))
        seen.add(item.id)
    return aspects, indicators


def _dropped(reader: Reader, ids: list[str]) -> tuple[str, ...]:
    """Indicator ids the scheme drops explicitly (``drop``), each an indicator of the scheme."""
    dropped = reader.texts("drop", optional=True) or ()
    for name in dropped:
        if name not in ids:
            reader.fail("drop", message("scheme_not_an_indicator", name=name, ids=", ".join(ids)))
    return tuple(name for name in dropped if name in ids)


def _without(
    aspects: list[Aspect], indicators: list[Indicator], dropped: tuple[str, ...]
) -> tuple[list[Aspect], list[Indicator]]:
    """The scheme without ``dropped``: weights of the rest rescaled to sum to 1 again.

    Within an aspect the remaining indicators' weights are rescaled; an aspect left with no
    indicator is dropped and the other aspects' weights rescaled.
    """
    if not dropped:
        return aspects, indicators
    kept = [item for item in indicators if item.id not in dropped]
    within = {a.id: sum(i.weight for i in kept if i.aspect == a.id) for a in aspects}
    live = [a for a in aspects if within[a.id] > 0]
    total = sum(a.weight for a in live)
    aspects = [replace(a, weight=a.weight / total) for a in live]
    kept = [replace(i, weight=i.weight / within[i.aspect]) for i in kept if within[i.aspect] > 0]
    return aspects, kept


def _indicator(key: str, reader: Reader, aspect: str, defaults: dict[bool, float]) -> Indicator:
    reader.unknown(INDICATOR_KEYS)
    regions, known = catalog.regions().index, catalog.indicators().index
    base = reader.text("indicator")
    if base is not None and base not in known:
        reader.fail("indicator", message("scheme_unknown_indicator", given=base))
    metric = reader.choice("metric", METRICS)
    denominator = reader.text("denominator", optional=metric != "ratio")
    compare_to = reader.text("compare_to", optional=True)
    compare_indicator = reader.text("compare_indicator", optional=True)
    for field, value in (("denominator", denominator), ("compare_indicator", compare_indicator)):
        if value is not None and value not in known:
            reader.fail(field, message("scheme_unknown_indicator", given=value))
    if compare_to is not None and compare_to not in regions:
        reader.fail("compare_to", message("evaluation_unknown_region", given=compare_to))
    if compare_to is not None and metric != "ytd_growth":
        reader.fail("compare_to", message("scheme_compare_to_not_growth", metric=metric))
    scale = reader.number("scale", optional=True)
    item = Indicator(
        id=key,
        aspect=aspect,
        name_zh=reader.text("name_zh"),
        name_en=reader.text("name_en"),
        indicator=base,
        metric=metric,
        direction=reader.choice("direction", DIRECTIONS),
        weight=reader.number("weight") or 0.0,
        denominator=denominator,
        scale=1.0 if scale is None else scale,
        goal=reader.number("goal", optional=True, minimum=-np.inf),
        compare_to=compare_to,
        compare_indicator=compare_indicator or (base if compare_to else None),
        revision_source=reader.text("revision_source", optional=True) or ASSUMED,
        unit=reader.choice("unit", ("", *UNIT_NAMES), default="") or "",
    )
    sd = reader.number("revision_sd", optional=True)
    if base is None or metric is None or (base not in known):
        return item
    return replace(item, revision_sd=defaults[item.relative_revision] if sd is None else sd)


def _sum_to_one(reader: Reader, key: str, weights: list[float], what: Message) -> None:
    total = float(sum(weights))
    if weights and abs(total - 1.0) > TOLERANCE:
        reader.fail(key, message("scheme_weights_sum", weights=what, total=total))


def _stars(reader: Reader, ids: list[str]) -> StarRule:
    reader.unknown(STAR_KEYS)
    revenue = reader.text("revenue")
    if revenue is not None and revenue not in ids:
        reader.fail("revenue", message("scheme_not_an_indicator", name=revenue, ids=", ".join(ids)))
    thresholds = _numbers(reader, "revenue_thresholds", "increasing")
    shares = _numbers(reader, "top_share", "non-increasing")
    if any(not 0 < s <= 1 for s in shares):
        reader.fail("top_share", message("scheme_expected_shares", value=str(list(shares))))
    if thresholds and shares and len(thresholds) != len(shares):
        reader.fail("top_share", message("scheme_one_per_star", n=len(thresholds)))
    return StarRule(revenue, thresholds, shares, reader.integer("max_promotion", minimum=1))


def _numbers(reader: Reader, key: str, order: str) -> tuple[float, ...]:
    """A non-empty list of numbers, strictly increasing or non-increasing as ``order`` says."""
    value = reader.get(key)
    if value is None:
        return ()
    ok = isinstance(value, list) and value
    ok = ok and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    if not ok:
        reader.fail(key, message("scheme_expected_numbers", value=repr(value)))
        return ()
    steps = np.diff(np.asarray(value, dtype=float))
    if (order == "increasing" and (steps <= 0).any()) or (
        order != "increasing" and (steps > 0).any()
    ):
        ordered = message(f"scheme_order_{order.replace('-', '_')}")
        reader.fail(key, message("scheme_expected_ordered", order=ordered, value=str(value)))
    return tuple(float(v) for v in value)


def _exit(reader: Reader) -> ExitRule:
    reader.unknown(EXIT_KEYS)
    share = reader.number("bottom_share")
    if share is not None and share >= 1:
        reader.fail("bottom_share", message("scheme_share_below_one", value=share))
    return ExitRule(share, reader.number("min_revenue"))


def _uncertainty(reader: Reader) -> tuple[Uncertainty, dict[bool, float]]:
    """The uncertainty settings, and the default revision sd: {relative?: sd}."""
    reader.unknown(UNCERTAINTY_KEYS)
    level, clear = reader.number("level"), reader.number("clear_lead")
    for key, value in (("level", level), ("clear_lead", clear)):
        if value is not None and not 0.5 <= value < 1:
            reader.fail(key, message("scheme_expected_probability", value=value))
    concentration = reader.number("concentration")
    if concentration == 0:
        reader.fail("concentration", message("scheme_expected_positive"))
    rules = reader.names("missing_rules", SCORED_RULES) or ()
    defaults = {
        True: reader.number("revision_sd_relative") or 0.0,
        False: reader.number("revision_sd_absolute") or 0.0,
    }
    settings = Uncertainty(
        concentration=concentration,
        level=level,
        clear_lead=clear,
        n_draws=reader.integer("n_draws", minimum=100),
        missing_rules=rules,
        n_paths=reader.integer("n_paths", minimum=10),
        seed=reader.integer("seed"),
    )
    return settings, defaults
