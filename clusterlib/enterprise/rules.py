"""Enterprise scoring rules (企业分类综合评价规则): loading and validating the YAML in params/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clusterlib.messages import message
from clusterlib.params import Reader, read_settings

SEGMENTS = ("above_scale", "below_scale")
PROCEDURES = ("henan", "zhejiang")
RECORD_COLUMNS = (
    "land_mu",
    "tax",
    "value_added",
    "revenue",
    "employees",
    "energy_tce",
    "emissions",
    "rd_spending",
    "electricity",
)
DEFAULT_RULES = "params/enterprise_henan.yaml"
"""The rules notebook 04 reads by default (its ``rules``), so those the batch checks with."""
STATISTICS = ("mean", "median", "percentile")
ROUNDINGS = ("half_up", "floor", "ceil")


@dataclass(frozen=True)
class Indicator:
    """One indicator: ``numerator / denominator`` of record columns, with its direction."""

    id: str
    name_zh: str
    name_en: str
    unit: str
    numerator: str
    denominator: str | None
    direction: str  # "higher" (more is better) or "lower"


@dataclass(frozen=True)
class Term:
    """How one indicator enters a segment's score: weight × min(value ÷ benchmark, cap)."""

    indicator: str
    weight: float
    benchmark_value: float | None  # fixed benchmark (基准值), or None when a statistic is used
    benchmark_stat: str | None  # "mean", "median" or "percentile" of the evaluated firms
    benchmark_q: float | None  # percentile in [0, 100] when benchmark_stat == "percentile"
    cap: float | None  # highest ratio value ÷ benchmark that counts (封顶); None = no cap
    if_undefined: str  # "reject" (data-quality table) or "mean_points" (group average points)


@dataclass(frozen=True)
class Bonus:
    """A bonus item (加分项): ``points`` for firms whose boolean ``column`` is true."""

    column: str
    points: float
    name_zh: str


@dataclass(frozen=True)
class Henan:
    """Henan/Zhengzhou rank procedure: pools, shares and re-ranking indicators per segment."""

    pool_share: float
    a_share: float
    c_share: float
    rounding: str
    a_rerank: dict[str, tuple[str, ...]]
    c_rerank: dict[str, tuple[str, ...]]
    labels: dict[str, str]


@dataclass(frozen=True)
class Zhejiang:
    """Zhejiang benchmark-score procedure: classes by score cut-offs or by shares."""

    method: str  # "cutoffs" or "shares"
    cutoffs: dict[str, float]  # lowest score of each class but the last
    shares: dict[str, float]  # share of each class, best first, summing to 1
    rounding: str
    labels: dict[str, str]


@dataclass(frozen=True)
class Rules:
    """A complete, validated rule set."""

    name: str
    source: str
    path: str
    default_procedure: str
    group_by: str  # "cluster" or "all"
    min_land_mu_below_scale: float
    min_years_in_production: float
    indicators: dict[str, Indicator]
    segments: dict[str, tuple[Term, ...]]
    bonus: tuple[Bonus, ...]
    max_bonus: float | None
    henan: Henan | None
    zhejiang: Zhejiang | None


def load_rules(path: str | Path) -> Rules:
    """Read a rules YAML file (safe loading only) and validate every key.

    Raises
    ------
    ParameterError
        If the file cannot be read or a key is missing, unknown or of the wrong type;
        the message names the file and the key.
    """
    path = Path(path)
    return read_settings(path, "enterprise rules", lambda top: _rules(top, str(path)))


def parse_rules(raw: Any, where: str = "enterprise rules") -> Rules:
    """Validate an already-loaded mapping of rules (see ``load_rules``)."""
    top = Reader(raw, where)
    rules = _rules(top, where)
    top.check()
    return rules


def _rules(top: Reader, where: str) -> Rules:
    """Rules from the top mapping, every problem recorded on ``top``."""
    indicators = {key: _indicator(key, sub) for key, sub in top.mapping("indicators").items()}
    segments = {
        seg: tuple(_term(key, sub, indicators) for key, sub in terms.children().items())
        for seg, terms in top.mapping("segments", allowed=SEGMENTS).items()
    }
    bonus = top.sub("bonus", optional=True)
    rules = Rules(
        name=top.text("name"),
        source=top.text("source"),
        path=where,
        default_procedure=top.choice("default_procedure", PROCEDURES),
        group_by=top.choice("group_by", ("cluster", "all")),
        min_land_mu_below_scale=top.sub("scope").number("min_land_mu_below_scale"),
        min_years_in_production=top.sub("scope").number("min_years_in_production"),
        indicators=indicators,
        segments=segments,
        bonus=tuple(_bonus(item) for item in bonus.items("items")) if bonus else (),
        max_bonus=bonus.number("max_total", optional=True) if bonus else None,
        henan=_henan(top.sub("henan", optional=True), segments),
        zhejiang=_zhejiang(top.sub("zhejiang", optional=True)),
    )
    if rules.default_procedure and getattr(rules, rules.default_procedure) is None:
        top.fail(rules.default_procedure, message("rules_section_missing"))
    return rules


def _indicator(key: str, reader: Reader) -> Indicator:
    denominator = reader.choice("denominator", (*RECORD_COLUMNS, "none"), default="none")
    return Indicator(
        id=key,
        name_zh=reader.text("name_zh"),
        name_en=reader.text("name_en"),
        unit=reader.text("unit"),
        numerator=reader.choice("numerator", RECORD_COLUMNS),
        denominator=None if denominator == "none" else denominator,
        direction=reader.choice("direction", ("higher", "lower")),
    )


def _term(key: str, reader: Reader, indicators: dict[str, Indicator]) -> Term:
    if key not in indicators:
        reader.fail("", message("rules_unknown_indicator", defined=", ".join(indicators)))
    direction = indicators[key].direction if key in indicators else None
    bench = reader.sub("benchmark")
    value = bench.number("value", optional=True)
    stat = None if value is not None else bench.choice("stat", STATISTICS)
    q = bench.number("q") if stat == "percentile" else None
    if q is not None and q > 100:
        bench.fail("q", message("rules_expected_percentile", value=q))
    cap = reader.number("cap", optional=True)
    if direction == "lower" and cap is None:
        reader.fail("cap", message("rules_lower_needs_cap"))
    return Term(
        indicator=key,
        weight=reader.number("weight"),
        benchmark_value=value,
        benchmark_stat=stat,
        benchmark_q=q,
        cap=cap,
        if_undefined=reader.choice("if_undefined", ("reject", "mean_points"), default="reject"),
    )


def _bonus(reader: Reader) -> Bonus:
    return Bonus(reader.text("column"), reader.number("points"), reader.text("name_zh"))


def _henan(reader: Reader | None, segments: dict[str, tuple[Term, ...]]) -> Henan | None:
    if reader is None:
        return None
    rerank = {}
    for key in ("a_rerank", "c_rerank"):
        per_segment = reader.sub(key)
        rerank[key] = {
            seg: per_segment.names(seg, {t.indicator: t for t in terms})
            for seg, terms in segments.items()
        }
    return Henan(
        pool_share=_share(reader, "pool_share"),
        a_share=_share(reader, "a_share"),
        c_share=_share(reader, "c_share"),
        rounding=reader.choice("rounding", ROUNDINGS, default="half_up"),
        a_rerank=rerank["a_rerank"],
        c_rerank=rerank["c_rerank"],
        labels=reader.labels(),
    )


def _zhejiang(reader: Reader | None) -> Zhejiang | None:
    if reader is None:
        return None
    labels = reader.labels() or {}
    method = reader.choice("method", ("cutoffs", "shares"))
    cutoffs, shares = {}, {}
    if method == "cutoffs":
        cuts = reader.sub("cutoffs")
        cutoffs = {label: cuts.number(label, minimum=-1e12) for label in list(labels)[:-1]}
        values = list(cutoffs.values())
        if None not in values and values != sorted(values, reverse=True):
            reader.fail("cutoffs", message("rules_cutoffs_must_decrease"))
    else:
        given = reader.sub("shares")
        shares = {label: _share(given, label) for label in labels}
        if None not in shares.values() and abs(sum(shares.values()) - 1.0) > 1e-6:
            reader.fail("shares", message("rules_shares_sum_to_one", total=sum(shares.values())))
    rounding = reader.choice("rounding", ROUNDINGS, default="half_up")
    return Zhejiang(method, cutoffs, shares, rounding, labels)


def _share(reader: Reader, key: str) -> float:
    value = reader.number(key)
    if value is not None and value > 1:
        reader.fail(key, message("rules_expected_share", value=value))
    return value
