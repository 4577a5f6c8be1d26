"""Settings of the monthly ledger (params/ledger.yaml) as a frozen dataclass."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from clusterlib import catalog, paths
from clusterlib.messages import message
from clusterlib.params import LANGS, Reader, read_settings

TOP_KEYS = ("data", "projects", "targets", "lang", "indicators", "progress", "register")
TOP_KEYS += ("projection",)


@dataclass(frozen=True)
class LedgerSettings:
    """What the ledger needs besides the data: files, indicators, projection settings."""

    data: tuple[str, ...]
    projects: str
    lang: str
    indicators: tuple[str, ...]
    targets: str = ""
    seasonal_years: int = 3
    project_at_risk: float = 0.9
    min_years: int = 5
    share_years: int = 1
    calibration_years: int = 8


def ledger_settings(reader: Reader) -> LedgerSettings:
    """Build :class:`LedgerSettings` from a reader, recording every problem."""
    reader.unknown(TOP_KEYS)
    progress, projection, register = (reader.sub(k) for k in ("progress", "projection", "register"))
    register.unknown(("at_risk",))
    progress.unknown(("seasonal_years",))
    projection.unknown(("min_years", "share_years", "calibration_years"))
    known = tuple(catalog.indicators().index)
    share_years = projection.integer("share_years", minimum=1)
    min_years = projection.integer("min_years", minimum=3)
    if share_years is not None and min_years is not None and min_years < share_years + 2:
        said = message("ledger_min_years", least=share_years + 2, value=min_years)
        projection.fail("min_years", said)
    return LedgerSettings(
        data=reader.texts("data"),
        projects=_optional_file(reader, "projects"),
        lang=reader.choice("lang", LANGS),
        indicators=reader.names("indicators", known),
        targets=_optional_file(reader, "targets"),
        seasonal_years=progress.integer("seasonal_years", minimum=1),
        project_at_risk=register.number("at_risk"),
        min_years=min_years,
        share_years=share_years,
        calibration_years=projection.integer("calibration_years", minimum=2),
    )


def without(settings: LedgerSettings, indicators: Iterable[str]) -> LedgerSettings:
    """``settings`` showing none of ``indicators`` (those without data at the ledger month)."""
    left_out = set(indicators)
    return replace(settings, indicators=tuple(i for i in settings.indicators if i not in left_out))


def _optional_file(reader: Reader, key: str) -> str:
    """A project-relative file name, or "" for none."""
    return reader.text(key) if reader.raw.get(key) != "" else ""


def load_ledger_settings(path: str | Path = paths.PARAMS / "ledger.yaml") -> LedgerSettings:
    """Read params/ledger.yaml (safe loading); every key required, none unknown.

    Raises
    ------
    ParameterError
        Listing every missing, unknown or mistyped key with the file.
    """
    return read_settings(path, "ledger settings", ledger_settings)
