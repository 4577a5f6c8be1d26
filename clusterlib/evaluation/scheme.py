"""The evaluation scheme (params/evaluation_*.yaml): aspects, indicators, weights, star rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from clusterlib import catalog, paths
from clusterlib.params import Reader, read_settings

DEFAULT_SCHEME = paths.PARAMS / "evaluation_henan.yaml"
NORMALISATIONS = ("efficacy", "minmax", "zscore")
MISSING_RULES = ("zero", "aspect_mean", "exclude")
METRICS = ("year_total", "latest", "ytd_growth", "ratio")
DIRECTIONS = ("higher", "lower")
TOLERANCE = 1e-6  # weights must sum to 1 within this
TOP_KEYS = ("name", "normalisation", "missing", "aspects", "stars", "exit", "uncertainty")
ASPECT_KEYS = ("name_zh", "name_en", "weight", "indicators")
INDICATOR_KEYS = (
    "name_zh", "name_en", "indicator", "metric", "direction", "weight", "denominator", "scale",
)  # fmt: skip
STAR_KEYS = ("revenue", "revenue_thresholds", "top_share", "max_promotion")
EXIT_KEYS = ("bottom_share", "min_revenue")
UNCERTAINTY_KEYS = ("concentration", "level", "real_difference", "n_paths", "seed")


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
    ``indicator`` by the latest ``denominator`` and multiplies by ``scale``.
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
    """Settings of the rank intervals: Dirichlet concentration, interval level, paths."""

    concentration: float
    level: float
    real_difference: float
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
    aspects, indicators = _aspects(reader)
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
        uncertainty=_uncertainty(reader.sub("uncertainty")),
    )


def _aspects(reader: Reader) -> tuple[list[Aspect], list[Indicator]]:
    """Aspects and their indicators; weights checked to sum to 1 at both levels."""
    aspects, indicators = [], []
    for aspect_id, sub in reader.mapping("aspects").items():
        sub.unknown(ASPECT_KEYS)
        weight = sub.number("weight")
        aspects.append(Aspect(aspect_id, sub.text("name_zh"), sub.text("name_en"), weight or 0.0))
        members = [
            _indicator(key, item, aspect_id) for key, item in sub.mapping("indicators").items()
        ]
        _sum_to_one(sub, "indicators", [m.weight for m in members], "weights within the aspect")
        indicators += members
    _sum_to_one(reader, "aspects", [a.weight for a in aspects], "aspect weights")
    seen: set[str] = set()
    for item in indicators:
        if item.id in seen:
            reader.fail(f"aspects.{item.aspect}.indicators.{item.id}", "duplicated indicator id")
        seen.add(item.id)
    return aspects, indicators


def _indicator(key: str, reader: Reader, aspect: str) -> Indicator:
    reader.unknown(INDICATOR_KEYS)
    known = catalog.indicators().index
    base = reader.text("indicator")
    if base is not None and base not in known:
        reader.fail("indicator", f"unknown indicator {base!r}; expected an id of indicators.csv")
    metric = reader.choice("metric", METRICS)
    denominator = reader.text("denominator", optional=metric != "ratio")
    if denominator is not None and denominator not in known:
        reader.fail(
            "denominator", f"unknown indicator {denominator!r}; expected an id of indicators.csv"
        )
    scale = reader.number("scale", optional=True)
    return Indicator(
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
    )


def _sum_to_one(reader: Reader, key: str, weights: list[float], what: str) -> None:
    total = float(sum(weights))
    if weights and abs(total - 1.0) > TOLERANCE:
        reader.fail(key, f"{what} sum to {total:.6g}; expected 1")


def _stars(reader: Reader, ids: list[str]) -> StarRule:
    reader.unknown(STAR_KEYS)
    revenue = reader.text("revenue")
    if revenue is not None and revenue not in ids:
        reader.fail("revenue", f"{revenue!r} is not an indicator of the scheme ({', '.join(ids)})")
    thresholds = _numbers(reader, "revenue_thresholds", "increasing")
    shares = _numbers(reader, "top_share", "non-increasing")
    if any(not 0 < s <= 1 for s in shares):
        reader.fail("top_share", f"expected shares in (0, 1], got {list(shares)}")
    if thresholds and shares and len(thresholds) != len(shares):
        reader.fail("top_share", f"expected {len(thresholds)} values, one per star level")
    return StarRule(revenue, thresholds, shares, reader.integer("max_promotion", minimum=1))


def _numbers(reader: Reader, key: str, order: str) -> tuple[float, ...]:
    """A non-empty list of numbers, strictly increasing or non-increasing as ``order`` says."""
    value = reader.get(key)
    if value is None:
        return ()
    ok = isinstance(value, list) and value
    ok = ok and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    if not ok:
        reader.fail(key, f"expected a non-empty list of numbers, got {value!r}")
        return ()
    steps = np.diff(np.asarray(value, dtype=float))
    if (order == "increasing" and (steps <= 0).any()) or (
        order != "increasing" and (steps > 0).any()
    ):
        reader.fail(key, f"expected {order} values (one per star level), got {value}")
    return tuple(float(v) for v in value)


def _exit(reader: Reader) -> ExitRule:
    reader.unknown(EXIT_KEYS)
    share = reader.number("bottom_share")
    if share is not None and share >= 1:
        reader.fail("bottom_share", f"expected a share below 1, got {share}")
    return ExitRule(share, reader.number("min_revenue"))


def _uncertainty(reader: Reader) -> Uncertainty:
    reader.unknown(UNCERTAINTY_KEYS)
    values = {
        "concentration": reader.number("concentration"),
        "level": reader.number("level"),
        "real_difference": reader.number("real_difference"),
    }
    for key in ("level", "real_difference"):
        if values[key] is not None and not 0.5 <= values[key] < 1:
            reader.fail(key, f"expected a probability in [0.5, 1), got {values[key]}")
    if values["concentration"] == 0:
        reader.fail("concentration", "expected a positive number")
    n_paths = reader.integer("n_paths", minimum=10)
    return Uncertainty(**values, n_paths=n_paths, seed=reader.integer("seed"))
