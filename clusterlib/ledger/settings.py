"""Settings of the monthly ledger (params/ledger.yaml) as a frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from clusterlib import catalog, paths
from clusterlib.params import LANGS, Reader, read_settings

TOP_KEYS = ("data", "projects", "lang", "indicators", "targets", "progress", "register")
TOP_KEYS += ("projection",)


@dataclass(frozen=True)
class LedgerSettings:
    """What the ledger needs besides the data: targets, margins, projection settings."""

    data: tuple[str, ...]
    projects: str
    lang: str
    indicators: tuple[str, ...]
    default_target: float
    indicator_targets: dict[str, float]
    region_targets: dict[str, dict[str, float]] = field(default_factory=dict)
    seasonal_years: int = 3
    red: float = 5.0
    yellow: float = 0.0
    min_investment: float = 1.0
    project_at_risk: float = 0.9
    min_years: int = 5
    share_years: int = 1
    calibration_years: int = 8

    def target(self, region: str, indicator: str) -> float:
        """Annual growth target (%) of a region's indicator."""
        own = self.region_targets.get(indicator, {})
        return own.get(region, self.indicator_targets.get(indicator, self.default_target))


def ledger_settings(reader: Reader) -> LedgerSettings:
    """Build :class:`LedgerSettings` from a reader, recording every problem."""
    reader.unknown(TOP_KEYS)
    targets, progress = reader.sub("targets"), reader.sub("progress")
    projection, register = reader.sub("projection"), reader.sub("register")
    register.unknown(("min_investment", "at_risk"))
    targets.unknown(("default", "by_indicator", "by_region"))
    progress.unknown(("seasonal_years", "red", "yellow"))
    projection.unknown(("min_years", "share_years", "calibration_years"))
    known = tuple(catalog.indicators().index)
    by_indicator = _numbers(targets.sub("by_indicator"), known)
    by_region = {
        name: _numbers(regions, tuple(catalog.regions().index))
        for name, regions in _children(targets, "by_region", known).items()
    }
    red, yellow = progress.number("red"), progress.number("yellow")
    share_years = projection.integer("share_years", minimum=1)
    min_years = projection.integer("min_years", minimum=3)
    if share_years is not None and min_years is not None and min_years < share_years + 2:
        projection.fail(
            "min_years", f"must be at least share_years + 2 ({share_years + 2}), got {min_years}"
        )
    if red is not None and yellow is not None and yellow > red:
        progress.fail("yellow", f"must not exceed red ({red}), got {yellow}")
    return LedgerSettings(
        data=reader.texts("data"),
        projects=reader.text("projects") if reader.raw.get("projects") != "" else "",
        lang=reader.choice("lang", LANGS),
        indicators=reader.names("indicators", known),
        default_target=targets.number("default", minimum=-100.0),
        indicator_targets=by_indicator,
        region_targets=by_region,
        seasonal_years=progress.integer("seasonal_years", minimum=1),
        red=red,
        yellow=yellow,
        min_investment=register.number("min_investment"),
        project_at_risk=register.number("at_risk"),
        min_years=min_years,
        share_years=share_years,
        calibration_years=projection.integer("calibration_years", minimum=2),
    )


def _children(reader: Reader, key: str, known: tuple[str, ...]) -> dict[str, Reader]:
    """Sub-mappings at ``key`` by name, each among ``known``; an empty mapping is allowed."""
    value = reader.get(key, optional=True)
    if not value:
        return {}
    sub = reader.sub(key)
    sub.unknown(known)
    return sub.children()


def _numbers(reader: Reader, known: tuple[str, ...] | None) -> dict[str, float]:
    """A mapping of names to growth targets (%)."""
    if known is not None:
        reader.unknown(known)
    values = {name: reader.number(name, minimum=-100.0) for name in reader.raw}
    return {str(k): v for k, v in values.items() if v is not None}


def load_ledger_settings(path: str | Path = paths.PARAMS / "ledger.yaml") -> LedgerSettings:
    """Read params/ledger.yaml (safe loading); every key required, none unknown.

    Raises
    ------
    ParameterError
        Listing every missing, unknown or mistyped key with the file.
    """
    return read_settings(path, "ledger settings", ledger_settings)
