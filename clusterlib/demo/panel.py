"""Seeded SYNTHETIC demonstration data (合成演示数据) with the planted truth returned alongside.

Region names are real, the numbers invented; the city's series are calibrated to the official
figures of :mod:`clusterlib.demo.calibration`. Never present these numbers as official.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from clusterlib import catalog, paths
from clusterlib.demo.calibration import (
    CITY_FLOWS,
    FAI_SHARE_FACTOR,
    HIGHTECH_BASE_SHARE,
    HIGHTECH_CITY_NOISE,
    PROFILES,
    Noise,
    Targets,
    ar1,
    calibrate_growth,
    city_path,
    level_scale,
    levels_from_growth,
    official_targets,
    target_pairs,
)
from clusterlib.demo.command import regenerate
from clusterlib.exceptions import ClusterlibError, ParameterError

SOURCE = "synthetic: clusterlib.demo.make_demo(seed={seed})"
COLUMNS = ["region", "indicator", "period", "period_type", "measure", "value", "unit"]
COLUMNS += ["source", "note", "synthetic"]
GROWTH_UNIT = "pct_yoy"
CLUSTER_FLOWS = ("industry_va", "fai", "hightech_va")
REVENUES = ("revenue_electronics", "revenue_equipment", "revenue_auto", "revenue_food")
STOCKS = ("built_up_land", "employment")
RATES = ("sewage_treatment_rate", "solid_waste_treatment_rate")
INDICATORS = (*CLUSTER_FLOWS, *REVENUES, *STOCKS, *RATES)
CLUSTERS = list(PROFILES.index)
CLUSTER_NOISE = {
    "industry_va": Noise(2.0, 0.4, 1.0),
    "fai": Noise(6.0, 0.3, 3.0),
    "hightech_va": Noise(3.0, 0.4, 1.5),
}
#: indicator → region → planted premium over the city (pp a year); hightech_va is relative
#: to the CITY'S industry_va growth (the 2019 goal: +2pp), for the city and each cluster.
DEFAULT_PREMIUMS = {
    "industry_va": {"econ_tech": 3.0, "airport": 3.0, "hitech": 3.0, "baisha": 3.0}
    | {"gongyi": -2.0, "xinmi": -2.0},
    "fai": {"airport": 3.0, "baisha": 3.0, "zhongmu_auto": 3.0, "hitech": 3.0}
    | {"gongyi": -3.0, "new_materials": -3.0},
    "hightech_va": {"city": 2.0} | dict.fromkeys(CLUSTERS, 2.0),
}


@dataclass(frozen=True)
class DemoTruth:
    """What :func:`make_demo` planted.

    Attributes
    ----------
    seed
        The seed.
    premiums
        indicator → region → premium in pp over the city's single-quarter y/y growth
        (every cluster listed; ``hightech_va`` also lists ``city``, all relative to the city's
        industry_va growth).
    city_growth
        indicator → the city's single-quarter year-on-year growth path (%), calibrated; the
        clusters are planted on it. Indexed by quarter (``pd.Period``).
    city_noise, cluster_noise
        indicator → :class:`Noise` of the city path and of the clusters' deviations.
    target_year
        Year of the 亩均 and productivity truths (the last year generated).
    va_per_mu, productivity
        cluster → industry_va of ``target_year`` (万元, constant prices) per 亩 of built-up
        land at its Q4, and per person of its mean quarter-end employment (exact, before
        rounding).
    rate_full_from
        indicator → cluster → first quarter the treatment rate is exactly 100 (may lie
        after the data end).
    calibration
        Official targets applied (:func:`clusterlib.demo.calibration.official_targets` in
        the years generated; none when not calibrated).
    """

    seed: int
    premiums: dict[str, dict[str, float]]
    city_growth: dict[str, pd.Series]
    city_noise: dict[str, Noise]
    cluster_noise: dict[str, Noise]
    target_year: int
    va_per_mu: dict[str, float]
    productivity: dict[str, float]
    rate_full_from: dict[str, dict[str, pd.Period]]
    calibration: pd.DataFrame

    @property
    def hightech_premium(self) -> float:
        """The city's planted 高新技术 premium over its 规上工业 growth (pp)."""
        return self.premiums["hightech_va"]["city"]


def make_demo(
    seed: int = 2019,
    premiums: dict[str, dict[str, float]] | None = None,
    start: str = "2010Q1",
    end: str = "2019Q4",
    *,
    indicators: list[str] | None = None,
    calibrate: bool = True,
) -> tuple[pd.DataFrame, DemoTruth]:
    """SYNTHETIC input records for the city and every cluster, with the planted truth.

    The city's single-quarter y/y growth g(t) is drawn first (trend + AR(1) noise) and
    calibrated to the official figures; each cluster's is g(t) + premium + noise (own AR(1)
    plus a shock common to all clusters that quarter); the rest of the city absorbs the
    difference. Flows are published as YTD (累计) levels and/or YTD growth, stocks and rates as
    quarter-end (``single``) levels, rounded as an office would (levels 0.01亿元, growth
    0.1%, 亩 and persons whole, rates 0.1%).

    Parameters
    ----------
    seed
        Seed of :func:`numpy.random.default_rng`; each indicator has its own stream, so an
        indicator's records do not depend on which other indicators are requested.
    premiums
        Updates :data:`DEFAULT_PREMIUMS`: indicator → region → pp.
    start, end
        First and last quarter published. Whole years from ``start``'s year are generated, so
        ending earlier within the same last year only cuts the records.
    indicators
        Indicator ids to return (default: all :data:`INDICATORS`).
    calibrate
        Calibrate the city to :func:`~clusterlib.demo.calibration.official_targets`.

    Returns
    -------
    records : pandas.DataFrame
        Input records (docs/architecture.md §1) with ``synthetic`` True.
    truth : DemoTruth

    Raises
    ------
    ParameterError
        Unknown indicator or region, or ``end`` before ``start``.
    """
    first, last = pd.Period(start, freq="Q-DEC"), pd.Period(end, freq="Q-DEC")
    wanted = _check_indicators(indicators, first, last)
    planted = _merge_premiums(premiums)
    years = np.arange(first.year, last.year + 1)
    quarters = pd.period_range(f"{years[0]}Q1", f"{years[-1]}Q4", freq="Q-DEC")
    targets = official_targets()
    in_range = targets["period"].map(lambda p: p.year).between(years[0], years[-1])
    targets = targets[in_range & calibrate]
    pairs = target_pairs(targets)
    streams = dict(
        zip(INDICATORS, np.random.SeedSequence(seed).spawn(len(INDICATORS)), strict=True)
    )
    rng = {name: np.random.default_rng(stream) for name, stream in streams.items()}

    flows, city_growth = _flows(wanted, years, rng, pairs, planted)
    va_target_year = flows["industry_va"][1:, -1].sum(axis=1)
    stocks = {
        "built_up_land": _land(va_target_year, rng["built_up_land"], len(quarters)),
        "employment": _employment(va_target_year, rng["employment"], len(quarters)),
    }
    full_from = {}
    for name in RATES:
        stocks[name], reach = _rate(len(CLUSTERS), rng[name], len(quarters))
        full_from[name] = dict(zip(CLUSTERS, [quarters[0] + int(k) for k in reach], strict=True))
    records = _records(wanted, flows | stocks, quarters, (first, last), seed)
    truth = DemoTruth(
        seed=seed,
        premiums=planted,
        city_growth={n: pd.Series(g.ravel(), index=quarters) for n, g in city_growth.items()},
        city_noise={n: f.noise for n, f in CITY_FLOWS.items()}
        | {"hightech_va": HIGHTECH_CITY_NOISE},
        cluster_noise=CLUSTER_NOISE,
        target_year=int(years[-1]),
        va_per_mu=PROFILES["va_per_mu"].to_dict(),
        productivity=PROFILES["productivity"].to_dict(),
        rate_full_from=full_from,
        calibration=targets,
    )
    return _mark_calibrated(records, targets), truth


def _flows(
    wanted: list[str],
    years: np.ndarray,
    rng: dict[str, np.random.Generator],
    pairs: dict[tuple[str, str], Targets],
    planted: dict[str, dict[str, float]],
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Levels (regions × (years + 1) × 4) and the city's growth of every flow needed."""
    flows, city_growth = {}, {}
    for name in ("industry_va", *(n for n in wanted if n != "industry_va" and n in CITY_FLOWS)):
        city_growth[name], base = city_path(name, years, rng[name], pairs)
        flows[name] = levels_from_growth(base, city_growth[name])[None]
        if name in CLUSTER_FLOWS:
            bases = _shares(name)[:, None] * base
            clusters = _clusters(name, city_growth[name], bases, planted, rng[name])
            flows[name] = _stack(name, flows[name], clusters)
    if "hightech_va" in wanted:
        va_base = flows["industry_va"][0, 0]
        city_growth["hightech_va"], flows["hightech_va"] = _hightech(
            city_growth["industry_va"], va_base, planted, rng["hightech_va"], pairs, years[0]
        )
    return flows, city_growth


def _records(
    wanted: list[str],
    series: dict[str, np.ndarray],
    quarters: pd.PeriodIndex,
    window: tuple[pd.Period, pd.Period],
    seed: int,
) -> pd.DataFrame:
    """Input records of the wanted indicators for the quarters in ``window``."""
    keep = (quarters >= window[0]) & (quarters <= window[1])
    labels = np.array([str(q) for q in quarters])[keep]
    pieces = []
    for name in wanted:
        if name in CITY_FLOWS or name in CLUSTER_FLOWS:
            pieces += _flow_records(name, series[name], keep, labels)
        else:
            pieces.append(_cluster_records(name, series[name], keep, labels))
    columns = {c: np.concatenate([p[c] for p in pieces]) for c in pieces[0]}
    return pd.DataFrame(columns).assign(source=SOURCE.format(seed=seed))[COLUMNS]


def write_demo(path: Path = paths.DEMO / "panel.csv", seed: int = 2019) -> Path:
    """Write ``make_demo(seed)`` records to ``path`` as CSV (byte-identical across runs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(records_csv(make_demo(seed)[0]), encoding="utf-8")
    return path


def records_csv(records: pd.DataFrame) -> str:
    """Records as CSV text in the input format (``synthetic`` written as ``true``)."""
    text = records.assign(synthetic=np.where(records["synthetic"], "true", "false"))
    return text.to_csv(index=False, lineterminator="\n")


def _check_indicators(indicators: list[str] | None, first: pd.Period, last: pd.Period) -> list:
    """The requested indicators in canonical order; raise on unknown ids or an empty range."""
    if last < first:
        raise ParameterError(f"end {last} is before start {first}")
    unknown = sorted(set(indicators or ()) - set(INDICATORS))
    if unknown:
        raise ParameterError(f"unknown demo indicator(s) {unknown}; known: {', '.join(INDICATORS)}")
    return [n for n in INDICATORS if indicators is None or n in indicators]


def _merge_premiums(premiums: dict[str, dict[str, float]] | None) -> dict[str, dict[str, float]]:
    """Default premiums updated with ``premiums``; every cluster (and city for high-tech) listed."""
    merged = {}
    for name, defaults in DEFAULT_PREMIUMS.items():
        regions = ["city", *CLUSTERS] if name == "hightech_va" else CLUSTERS
        given = (premiums or {}).get(name, {})
        unknown = sorted(set(given) - set(regions))
        if unknown:
            raise ParameterError(
                f"unknown region(s) {unknown} in premiums['{name}']; known: {regions}"
            )
        merged[name] = {r: float(given.get(r, defaults.get(r, 0.0))) for r in regions}
    unknown = sorted(set(premiums or {}) - set(DEFAULT_PREMIUMS))
    if unknown:
        raise ParameterError(f"premiums for {unknown} not supported; only {list(DEFAULT_PREMIUMS)}")
    return merged


def _shares(name: str) -> np.ndarray:
    """Each cluster's base-year share of the city's level of ``name``."""
    va_share = PROFILES["va_share"].to_numpy()
    if name == "hightech_va":
        return va_share * PROFILES["hightech_share"].to_numpy() / HIGHTECH_BASE_SHARE
    return FAI_SHARE_FACTOR * va_share if name == "fai" else va_share


def _clusters(
    name: str,
    relative_to: np.ndarray,
    bases: np.ndarray,
    planted: dict[str, dict[str, float]],
    rng: np.random.Generator,
) -> np.ndarray:
    """Cluster levels (clusters × (years + 1) × 4): growth = ``relative_to`` + premium + noise."""
    noise, n_quarters = CLUSTER_NOISE[name], relative_to.size
    common = noise.sd_common * rng.standard_normal(n_quarters)
    deviation = (common + ar1(rng, (len(bases), n_quarters), noise)).reshape(len(bases), -1, 4)
    premium = np.array([planted[name][c] for c in CLUSTERS])[:, None, None]
    return levels_from_growth(bases, relative_to + premium + deviation)


def _stack(name: str, city: np.ndarray, clusters: np.ndarray) -> np.ndarray:
    """City (1 × …) on top of the clusters; the rest of the city must stay positive."""
    if (clusters.sum(axis=0) >= city[0]).any():
        raise ClusterlibError(f"{name}: the clusters' total exceeds the city; lower the premiums")
    return np.concatenate([city, clusters])


def _hightech(
    va_growth: np.ndarray,
    va_base: np.ndarray,
    planted: dict[str, dict[str, float]],
    rng: np.random.Generator,
    targets: dict[tuple[str, str], Targets],
    first_year: int,
) -> tuple[np.ndarray, np.ndarray]:
    """高新技术 VA: the city's growth is its industry_va growth + premium + noise, calibrated;
    each cluster's is the city's industry_va growth + its premium + noise.

    Returns the city's growth (years × 4) and the levels (1 + clusters, years + 1, 4).
    """
    noise = ar1(rng, (va_growth.size,), HIGHTECH_CITY_NOISE).reshape(va_growth.shape)
    growth = va_growth + planted["hightech_va"]["city"] + noise
    base = HIGHTECH_BASE_SHARE * va_base
    growth = calibrate_growth(growth, base, first_year, targets.get(("hightech_va", "growth"), []))
    levels = levels_from_growth(base, growth)
    scale = level_scale(levels, first_year, targets.get(("hightech_va", "level"), []))
    bases = _shares("hightech_va")[:, None] * base * scale
    clusters = _clusters("hightech_va", va_growth, bases, planted, rng)
    return growth, _stack("hightech_va", scale * levels[None], clusters)


def _land(va: np.ndarray, rng: np.random.Generator, n_quarters: int) -> np.ndarray:
    """建成区面积 (亩): grows in steps (about 3% a year); at the last quarter equal to the last
    year's value added over the planted 亩均增加值."""
    shape = (len(va), n_quarters)
    steps = np.where(rng.random(shape) < 0.35, rng.gamma(2.0, 0.01, shape), 0.0)
    path = np.cumprod(1 + steps, axis=1)
    final = va * 1e4 / PROFILES["va_per_mu"].to_numpy()
    return final[:, None] * path / path[:, -1:]


def _employment(va: np.ndarray, rng: np.random.Generator, n_quarters: int) -> np.ndarray:
    """从业人员 (persons): about +2% a year with noise; the last year's mean of the four
    quarter-ends equals its value added over the planted 全员劳动生产率."""
    path = np.cumprod(1 + rng.normal(0.005, 0.01, (len(va), n_quarters)), axis=1)
    mean_last_year = va * 1e4 / PROFILES["productivity"].to_numpy()
    return mean_last_year[:, None] * path / path[:, -4:].mean(axis=1, keepdims=True)


def _rate(n: int, rng: np.random.Generator, n_quarters: int) -> tuple[np.ndarray, np.ndarray]:
    """Treatment rates (%): the gap to 100 (8–30 at first, ±10% noise) closes linearly and is 0
    from a random quarter 30–56 after the first one on. Returns the rates (clusters × quarters)
    and that quarter's position."""
    gap0, reach = rng.uniform(8, 30, n), rng.integers(30, 57, n)
    closing = np.clip(1 - np.arange(n_quarters) / reach[:, None], 0, None)
    return 100 - gap0[:, None] * closing * np.exp(0.1 * rng.standard_normal((n, n_quarters))), reach


def _flow_records(
    name: str, levels: np.ndarray, window: np.ndarray, labels: np.ndarray
) -> list[dict[str, np.ndarray]]:
    """YTD levels and/or YTD growth records of one flow (city first, then the clusters)."""
    regions = ["city", *CLUSTERS][: len(levels)]
    ytd = np.cumsum(levels, axis=-1)
    growth = (100 * (ytd[:, 1:] / ytd[:, :-1] - 1)).reshape(len(regions), -1)[:, window]
    ytd = ytd[:, 1:].reshape(len(regions), -1)[:, window]
    pieces = []
    if name != "hightech_va":
        note = "不变价 (constant prices)" if name == "industry_va" else "current prices"
        pieces.append(_columns(regions, name, "level", ytd, labels, _unit(name), note, 2))
    if name in CLUSTER_FLOWS:
        note = "current prices" if name == "fai" else "可比价 (real growth)"
        pieces.append(_columns(regions, name, "growth", growth, labels, GROWTH_UNIT, note, 1))
    return pieces


def _cluster_records(
    name: str, values: np.ndarray, window: np.ndarray, labels: np.ndarray
) -> dict[str, np.ndarray]:
    """Quarter-end (``single``) level records of a stock or rate for every cluster."""
    decimals = 1 if name in RATES else 0
    columns = _columns(
        CLUSTERS, name, "level", values[:, window], labels, _unit(name), "", decimals
    )
    return columns | {"period_type": np.full(values[:, window].size, "single")}


def _columns(
    regions: list[str],
    name: str,
    measure: str,
    values: np.ndarray,
    labels: np.ndarray,
    unit: str,
    note: str,
    decimals: int,
) -> dict[str, np.ndarray]:
    """Record columns of one indicator and measure (regions × periods), values rounded."""
    n = values.size
    return {
        "region": np.repeat(regions, len(labels)),
        "indicator": np.full(n, name),
        "period": np.tile(labels, len(regions)),
        "period_type": np.full(n, "ytd"),
        "measure": np.full(n, measure),
        "value": np.round(values, decimals).ravel() + 0.0,
        "unit": np.full(n, unit),
        "note": np.full(n, note, dtype=object),
        "synthetic": np.full(n, True),
    }


def _mark_calibrated(records: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """Note on the city rows that equal an official figure by construction."""
    marks = {
        ("city", row.indicator, str(row.period), row.measure): (
            f"; calibrated to official {row.value} ({row.source})"
        )
        for row in targets.itertuples()
    }
    keys = records[["region", "indicator", "period", "measure"]].itertuples(index=False, name=None)
    return records.assign(note=records["note"] + [marks.get(key, "") for key in keys])


def _unit(name: str) -> str:
    return str(catalog.indicators().at[name, "unit"])


def main(argv: list[str] | None = None) -> None:
    """``python -m clusterlib.demo --write``: regenerate data/demo/panel.csv (seed 2019)."""
    regenerate(argv, __doc__.splitlines()[0], write_demo, paths.DEMO / "panel.csv")
