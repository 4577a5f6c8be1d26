"""What the demonstration data are calibrated to: official city figures (and the solver that
hits them), stylised city paths and cluster profiles at realistic magnitudes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.signal import lfilter

from clusterlib import paths
from clusterlib.inputs.records import parse_period

OFFICIAL_FILE = paths.OFFICIAL / "zhengzhou_city.csv"
CALIBRATED = ("industry_va", "fai", "hightech_va")
TARGET_COLUMNS = ["indicator", "period", "measure", "value", "source"]
VA_SEASONAL = np.array([0.22, 0.25, 0.25, 0.28])  # share of the year's value added: Q1 small
FAI_SEASONAL = np.array([0.15, 0.27, 0.27, 0.31])
TREND_FIRST_YEAR = 2010
Targets = list[tuple[pd.Period, float]]  # (quarter, official YTD value) pairs in time order


@dataclass(frozen=True)
class Noise:
    """Noise on year-on-year growth (pp): stationary AR(1) with marginal ``sd`` and
    autocorrelation ``ar``, plus a shock with ``sd_common`` shared by all clusters each quarter."""

    sd: float
    ar: float
    sd_common: float = 0.0


@dataclass(frozen=True)
class CityFlow:
    """One city flow: trend growth (% a year) for 2010, 2011, … (held flat outside), the
    trend path's annual level in one year (亿元), the quarterly pattern and the noise."""

    trend: tuple[float, ...]
    anchor: tuple[int, float]
    seasonal: np.ndarray
    noise: Noise

    def trend_at(self, years: np.ndarray) -> np.ndarray:
        """Trend growth (%) of each calendar year."""
        position = np.clip(years - TREND_FIRST_YEAR, 0, len(self.trend) - 1)
        return np.asarray(self.trend)[position]


# Stylised paths, not official: growth slowing after the early-2010s boom. Levels at the scale
# of the 2019 plan and the official figures (规上工业增加值 3191.3亿元 in 2017 at current prices;
# here about 3000 at 2010 prices; FAI 4400亿元 in 2013; the chains' 2019 revenue goals).
CITY_FLOWS = {
    "industry_va": CityFlow(
        (22, 20, 16, 13.5, 12, 10.5, 9.5, 8, 7.5, 7), (2017, 3000), VA_SEASONAL, Noise(1.0, 0.6)
    ),
    "fai": CityFlow(
        (27, 24, 22, 23, 20, 19, 16, 10, 8, 5), (2013, 4400), FAI_SEASONAL, Noise(3, 0.5)
    ),
    "revenue_electronics": CityFlow(
        (35, 45, 35, 25, 15, 12, 10, 10, 9, 9), (2018, 3600), VA_SEASONAL, Noise(3, 0.5)
    ),
    "revenue_equipment": CityFlow(
        (20, 18, 16, 14, 12, 10, 9, 9, 8, 8), (2018, 1380), VA_SEASONAL, Noise(3, 0.5)
    ),
    "revenue_auto": CityFlow(
        (25, 22, 18, 15, 12, 10, 9, 8, 7, 6), (2018, 1300), VA_SEASONAL, Noise(3, 0.5)
    ),
    "revenue_food": CityFlow(
        (15, 14, 13, 12, 10, 9, 8, 8, 7, 7), (2018, 940), VA_SEASONAL, Noise(3, 0.5)
    ),
}
HIGHTECH_CITY_NOISE = Noise(1.5, 0.5)
HIGHTECH_BASE_SHARE = 0.36  # city 高新技术 / 规上工业 VA in the base year (1328.4/3191.3 in 2017)
FAI_SHARE_FACTOR = 0.65  # a cluster's share of city FAI = 0.65 × its share of value added
#: cluster → base-year share of city 规上工业增加值, 高新技术 share of its value added, and the
#: planted final-year 亩均增加值 (万元/亩) and 全员劳动生产率 (万元/人); goals: 48 and 35.
PROFILES = pd.DataFrame.from_dict(
    {
        "econ_tech": (0.08, 0.50, 55.0, 40.0),
        "airport": (0.12, 0.70, 58.0, 42.0),
        "hitech": (0.05, 0.65, 50.0, 38.0),
        "baisha": (0.015, 0.40, 32.0, 26.0),
        "zhongmu_auto": (0.05, 0.40, 46.0, 36.0),
        "xinzheng_xingang": (0.035, 0.35, 40.0, 30.0),
        "gongyi": (0.055, 0.25, 44.0, 33.0),
        "xinmi": (0.04, 0.25, 35.0, 28.0),
        "xingyang_wulong": (0.03, 0.30, 38.0, 29.0),
        "new_materials": (0.025, 0.35, 30.0, 25.0),
        "mazhai": (0.015, 0.30, 36.0, 27.0),
        "jindai": (0.01, 0.30, 49.0, 34.0),
    },
    orient="index",
    columns=["va_share", "hightech_share", "va_per_mu", "productivity"],
)

_TJ_2018 = "http://henan.kjzch.com/zhengzhou/2018-01-26/629057.html"
_KEGONG = "http://kegongwang.com/news/show/9649.html"
_MLZGW = "http://xinwen.mlzgw.cn/news/redian/2018/1107/12922.html"
_ZZRB = "https://zzrb.zynews.cn/html/2014-02/21/content_544564.htm"
#: Used when data/official/zhengzhou_city.csv is absent: the city's final quarterly YTD
#: figures for 2010–2019 of that file (and of /work/shared/data/zhengzhou_official/city.csv).
FALLBACK_TARGETS = (
    ("fai", "2013Q4", "level", 4400.0, _ZZRB),  # 固定资产投资4400亿元
    ("industry_va", "2017Q1", "growth", 8.0, _TJ_2018),  # 前一、二、三季度分别增长8.0%、8.2%、8.1%
    ("industry_va", "2017Q2", "growth", 8.2, _TJ_2018),
    ("industry_va", "2017Q3", "growth", 8.1, _TJ_2018),
    ("industry_va", "2017Q4", "growth", 7.8, _TJ_2018),  # 增加值完成3191.3亿元,同比增长7.8%
    ("industry_va", "2017Q4", "level", 3191.3, _TJ_2018),
    ("hightech_va", "2017Q4", "growth", 9.4, _KEGONG),  # 达到1328.4 亿元,增长9.4%
    ("hightech_va", "2017Q4", "level", 1328.4, _KEGONG),
    ("industry_va", "2018Q3", "growth", 7.6, _MLZGW),  # 1~9月份…同比增长7.6%
    ("hightech_va", "2018Q3", "growth", 12.4, _MLZGW),  # 高新技术产业增长12.4%
)


@cache
def official_targets(path: Path = OFFICIAL_FILE) -> pd.DataFrame:
    """Official quarterly YTD figures of the city that the demonstration series must reproduce.

    Parameters
    ----------
    path
        Input-record file of official city figures. When it does not exist,
        :data:`FALLBACK_TARGETS` (transcribed with their source pages) are used.

    Returns
    -------
    pandas.DataFrame
        ``indicator, period (pd.Period, Q-DEC), measure, value, source``, one row per
        indicator, quarter and measure, sorted by period. Only ``final`` YTD rows of the city
        for :data:`CALIBRATED` indicators whose period ends a quarter are kept.
    """
    if not Path(path).is_file():
        table = pd.DataFrame(FALLBACK_TARGETS, columns=TARGET_COLUMNS)
        return table.assign(period=table["period"].map(parse_period)).reset_index(drop=True)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    status = raw["status"] if "status" in raw else pd.Series("", index=raw.index)
    keep = (
        raw["region"].isin(["city", "郑州市"])
        & raw["indicator"].isin(CALIBRATED)
        & (raw["period_type"] == "ytd")
        & status.isin(["", "final"])
    )
    table = raw.loc[keep, TARGET_COLUMNS].assign(
        period=lambda t: t["period"].map(_quarter_end), value=lambda t: t["value"].astype(float)
    )
    table = table.dropna(subset=["period"]).drop_duplicates(["indicator", "period", "measure"])
    return table.sort_values("period", kind="stable").reset_index(drop=True)


def _quarter_end(text: str) -> pd.Period | None:
    """The quarter a YTD period ends: ``2017Q2``, ``2017`` (→ Q4), ``2017-06`` (→ Q2)."""
    period = parse_period(text)
    if period is None or (period.freqstr == "M" and period.month % 3 != 0):
        return None
    return period.asfreq("Q-DEC")


def calibrate_growth(
    growth: np.ndarray, base: np.ndarray, first_year: int, targets: Targets
) -> np.ndarray:
    """Shift single-quarter growth so the published YTD growth equals each official figure.

    For a target ``G`` at quarter ``k`` of year ``y`` the free quarters 1…k of that year (those
    not fixed by an earlier target of the same year) get the same shift ``d`` (in pp) solving
    ``Σ_{q≤k} L(q,y−1)·(1+(g_q+d)/100) = (1+G/100)·Σ_{q≤k} L(q,y−1)``; it is linear in ``d``.
    Targets are solved in time order, so later years are built on the calibrated ones.

    Parameters
    ----------
    growth
        Single-quarter year-on-year growth in %, shape (years, 4), first row = ``first_year``.
    base
        The four quarterly levels of the year before ``first_year``.
    first_year
        Calendar year of ``growth``'s first row.
    targets
        ``(quarter, YTD growth %)`` pairs of one indicator, in time order.

    Returns
    -------
    numpy.ndarray
        The calibrated growth (a copy).
    """
    growth = growth.copy()
    fixed = np.zeros(growth.shape, dtype=bool)
    for period, value in targets:
        year, k = period.year - first_year, period.quarter
        if not 0 <= year < len(growth):
            continue
        prior = levels_from_growth(base, growth)[year, :k]
        free = ~fixed[year, :k]
        if not free.any():
            continue
        gap = (1 + value / 100) * prior.sum() - (prior * (1 + growth[year, :k] / 100)).sum()
        growth[year, :k] += np.where(free, 100 * gap / prior[free].sum(), 0.0)
        fixed[year, :k] = True
    return growth


def level_scale(levels: np.ndarray, first_year: int, targets: Targets) -> float:
    """Factor that makes the YTD level equal the latest ``(quarter, YTD level)`` target in range.

    ``levels`` has shape (years + 1, 4) with the base year first (as from
    :func:`levels_from_growth`); scaling keeps every growth rate, so it composes with
    :func:`calibrate_growth`. Returns 1.0 when no target falls in range.
    """
    scale = 1.0
    for period, value in targets:
        row = period.year - first_year + 1
        if 1 <= row < len(levels):
            scale = value / levels[row, : period.quarter].sum()
    return scale


def levels_from_growth(base: np.ndarray, growth: np.ndarray) -> np.ndarray:
    """Quarterly levels from base-year levels and year-on-year growth (%).

    ``base`` has shape (..., 4) and ``growth`` (..., years, 4); the result has shape
    (..., years + 1, 4) with the base year in the first row: ``L(y,q) = L(y−1,q)·(1+g/100)``.
    """
    factors = np.cumprod(1 + growth / 100, axis=-2)
    return base[..., None, :] * np.concatenate([np.ones_like(factors[..., :1, :]), factors], -2)


def city_path(
    name: str, years: np.ndarray, rng: np.random.Generator, targets: dict[tuple[str, str], Targets]
) -> tuple[np.ndarray, np.ndarray]:
    """The city's calibrated single-quarter y/y growth (years × 4, %) and base-year levels.

    Growth = trend of :data:`CITY_FLOWS` + AR(1) noise, then :func:`calibrate_growth`; the
    base year (the one before ``years[0]``) sits on the trend path through the anchor, then
    the whole path is scaled to the official level target (:func:`level_scale`), if any.
    """
    flow = CITY_FLOWS[name]
    anchor_year, anchor_level = flow.anchor
    span = np.arange(min(years[0] - 1, anchor_year), max(years[-1], anchor_year) + 1)
    log_index = np.cumsum(np.log1p(flow.trend_at(span) / 100))
    base = flow.seasonal * anchor_level
    base *= np.exp(log_index[years[0] - 1 - span[0]] - log_index[anchor_year - span[0]])
    noise = ar1(rng, (len(years) * 4,), flow.noise).reshape(-1, 4)
    growth = calibrate_growth(
        flow.trend_at(years)[:, None] + noise, base, years[0], targets.get((name, "growth"), [])
    )
    levels = levels_from_growth(base, growth)
    return growth, base * level_scale(levels, years[0], targets.get((name, "level"), []))


def target_pairs(targets: pd.DataFrame) -> dict[tuple[str, str], Targets]:
    """``(indicator, measure)`` → ``[(quarter, value), ...]`` from :func:`official_targets` rows."""
    pairs: dict[tuple[str, str], Targets] = {}
    for row in targets.itertuples():
        pairs.setdefault((row.indicator, row.measure), []).append((row.period, row.value))
    return pairs


def ar1(rng: np.random.Generator, shape: tuple[int, ...], noise: Noise) -> np.ndarray:
    """Stationary AR(1) paths along the last axis with marginal sd ``noise.sd``."""
    scale = np.sqrt(1 - noise.ar**2)
    shocks = rng.standard_normal(shape) * noise.sd * scale
    shocks[..., 0] /= scale
    return lfilter([1.0], [1.0, -noise.ar], shocks, axis=-1)
