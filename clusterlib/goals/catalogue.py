"""The goal catalogue (params/goals.yaml): the 2019 plan's goals and the goal-test settings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from clusterlib import catalog, paths
from clusterlib.exceptions import ParameterError
from clusterlib.goals.forward import COMPARATORS
from clusterlib.goals.hac import CORRECTIONS, HAC_REFERENCES, SIEVE_LAGS, SIEVE_WEIGHTS
from clusterlib.goals.history import GAP_SERIES
from clusterlib.goals.recalibration import MAX_SHRINK
from clusterlib.messages import Message, message
from clusterlib.params import read_yaml

CATALOGUE = paths.PARAMS / "goals.yaml"
KINDS = ("beat_city", "gap", "threshold", "qualitative")
METRICS = ("ytd_growth", "year_total", "latest", "ratio")
GROUP_SCOPES = {
    "each_cluster": ("provincial_cluster", "municipal_park"),
    "each_provincial_cluster": ("provincial_cluster",),
    "each_municipal_park": ("municipal_park",),
}
ALL_CLUSTERS = "all_clusters"
CATALOGUE_COLUMNS = [
    "id", "clause", "text_zh", "kind", "indicator", "versus", "denominator", "scale",
    "metric", "scope", "comparator", "threshold", "unit", "year", "data_needed",
]  # fmt: skip
_TEXT = (str,)
_NUMBER = (int, float)
GOAL_KEYS: dict[str, tuple[type, ...]] = {
    "id": _TEXT, "clause": _TEXT, "text_zh": _TEXT, "kind": _TEXT, "scope": _TEXT, "year": (int,),
    "indicator": _TEXT, "metric": _TEXT, "comparator": _TEXT, "threshold": _NUMBER,
    "unit": _TEXT, "data_needed": (list,), "versus": _TEXT, "denominator": _TEXT,
    "scale": _NUMBER,
}  # fmt: skip
TOP_KEYS = ("settings", "goals")
ALWAYS_REQUIRED = ("id", "clause", "text_zh", "kind", "scope", "year")
MEASURABLE_REQUIRED = ("indicator", "metric", "comparator", "threshold", "unit", "data_needed")
SETTING_KEYS: dict[str, tuple[type, ...]] = {
    "on_track": _NUMBER, "at_risk": _NUMBER, "alpha": _NUMBER, "correction": _TEXT,
    "hac_window": (int,), "hac_maxlags": (int,), "hac_reference": _TEXT, "hac_n_boot": (int,),
    "seed": (int,), "hac_series": _TEXT, "hac_bandwidth": _NUMBER,
    "detectable_premium_pp": (dict,), "sieve_lags": (int,), "sieve_weights": _TEXT,
    "probability_shrink": _NUMBER,
}  # fmt: skip
#: settings that may be left out, and their values then (the test before issue #16; raw
#: forward probabilities, no shrink)
SETTING_DEFAULTS: dict[str, Any] = {
    "hac_series": "yoy", "hac_bandwidth": 0.5, "detectable_premium_pp": {},
    "sieve_lags": SIEVE_LAGS, "sieve_weights": "sd", "probability_shrink": 0.0,
}  # fmt: skip


def _read_yaml(path: Path) -> dict[str, Any]:
    """The YAML mapping in ``path`` (safe loading only)."""
    loaded = read_yaml(path, message("goal_catalogue"))
    if not isinstance(loaded, dict):
        raise ParameterError(message("catalogue_not_mapping", file=path))
    unknown = [str(key) for key in loaded if key not in TOP_KEYS]
    if unknown:
        names, known = ", ".join(unknown), ", ".join(TOP_KEYS)
        raise ParameterError(message("unknown_top_keys", file=path, names=names, known=known))
    return loaded


def _type_problems(given: dict, spec: dict[str, tuple[type, ...]], where: str) -> list[Message]:
    """Unknown keys and values of the wrong type (booleans are not numbers)."""
    known = ", ".join(spec)
    problems = [
        message("unknown_key_in", where=where, key=key, known=known)
        for key in given
        if key not in spec
    ]
    for key, value in given.items():
        if key in spec and (isinstance(value, bool) or not isinstance(value, spec[key])):
            expected = message("type_" + "_or_".join(t.__name__ for t in spec[key]))
            problems.append(
                message("wrong_type_in", where=where, key=key, expected=expected, value=value)
            )
    return problems


def _missing(given: Mapping[str, Any], keys: Sequence[str], where: str) -> list[Message]:
    """A problem for each of ``keys`` that ``given`` lacks."""
    return [message("missing_in", where=where, key=key) for key in keys if key not in given]


def _goal_problems(goal: Any, position: int, regions: pd.DataFrame) -> list[Message]:
    """Every problem of one goal entry, each naming the goal and the key."""
    if not isinstance(goal, dict):
        return [message("goal_not_mapping", position=position, kind=type(goal).__name__)]
    where = message("goal_where", goal=goal.get("id", f"#{position}"))
    required = ALWAYS_REQUIRED + (MEASURABLE_REQUIRED if goal.get("kind") != "qualitative" else ())
    if goal.get("kind") == "gap":
        required += ("versus",)
    if goal.get("metric") == "ratio":
        required += ("denominator", "scale")
    problems = _missing(goal, required, where)
    problems += _type_problems(goal, GOAL_KEYS, where)
    allowed = {
        "kind": KINDS,
        "metric": METRICS,
        "comparator": tuple(COMPARATORS),
        "scope": (*GROUP_SCOPES, ALL_CLUSTERS, *regions.index),
    }
    for key, values in allowed.items():
        if key in goal and goal[key] not in values:
            shown = str(values)  # the tuple as Python writes it
            problems.append(
                message("not_one_of_in", where=where, key=key, value=goal[key], values=shown)
            )
    return problems


def load_catalogue(path: str | Path = CATALOGUE) -> pd.DataFrame:
    """The goal catalogue: one row per goal (columns :data:`CATALOGUE_COLUMNS`).

    Raises
    ------
    ParameterError
        If the file cannot be read, or any goal has a missing, unknown or invalid key; the
        message names the file, each goal id and key.
    """
    path = Path(path)
    goals = _read_yaml(path).get("goals")
    if not isinstance(goals, list) or not goals:
        raise ParameterError(message("goals_not_list", file=path))
    regions = catalog.regions()
    problems = [p for i, goal in enumerate(goals, 1) for p in _goal_problems(goal, i, regions)]
    ids = pd.Series([goal.get("id") for goal in goals if isinstance(goal, dict)])
    duplicated = ids[ids.duplicated()].unique()
    problems += [message("duplicated_id", where=message("goal_where", goal=i)) for i in duplicated]
    if problems:
        raise ParameterError(
            message("catalogue_problems", file=path, n=len(problems), lines=problems)
        )
    return pd.DataFrame(goals).reindex(columns=CATALOGUE_COLUMNS)


@dataclass(frozen=True)
class GoalSettings:
    """The goal-test settings (``settings:`` of params/goals.yaml; docs/goals.md)."""

    on_track: float
    at_risk: float
    alpha: float
    correction: str
    hac_window: int
    hac_maxlags: int
    hac_reference: str
    hac_n_boot: int
    seed: int
    hac_series: str
    hac_bandwidth: float
    detectable_premium_pp: Mapping[str, float]
    sieve_lags: int
    sieve_weights: str
    probability_shrink: float


def check_settings(
    settings: Mapping[str, Any] | GoalSettings, where: str = message("goal_settings")
) -> GoalSettings:
    """Check the goal-test settings (keys of ``settings:`` in params/goals.yaml).

    Returns them as a frozen :class:`GoalSettings` (given one, returns it unchanged).

    Raises
    ------
    ParameterError
        Naming every unknown, missing, mistyped or out-of-range setting.
    """
    if isinstance(settings, GoalSettings):
        return settings
    required = [key for key in SETTING_KEYS if key not in SETTING_DEFAULTS]
    problems = _missing(settings, required, where)
    problems += _type_problems(settings, SETTING_KEYS, where)
    settings = SETTING_DEFAULTS | dict(settings)
    if not problems:
        problems += _range_problems(settings, where)
    if problems:
        raise ParameterError(message("goal_settings_problems", lines=problems))
    return GoalSettings(**settings)


def _range_problems(settings: dict[str, Any], where: str) -> list[Message]:
    """Values outside their allowed range or set."""
    checks = {
        "on_track": 0 < settings["on_track"] <= 1,
        "at_risk": 0 <= settings["at_risk"] <= settings["on_track"],
        "alpha": 0 < settings["alpha"] < 1,
        "correction": settings["correction"] in CORRECTIONS,
        "hac_window": settings["hac_window"] >= 8,
        "hac_maxlags": 0 <= settings["hac_maxlags"] < settings["hac_window"],
        "hac_reference": settings["hac_reference"] in HAC_REFERENCES,
        "hac_n_boot": settings["hac_n_boot"] >= 99,
        "hac_series": settings["hac_series"] in GAP_SERIES,
        "hac_bandwidth": 0 < settings["hac_bandwidth"] <= 1,
        "detectable_premium_pp": all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0
            for v in settings["detectable_premium_pp"].values()
        ),
        "sieve_lags": 1 <= settings["sieve_lags"] <= 12,
        "sieve_weights": settings["sieve_weights"] in SIEVE_WEIGHTS,
        "probability_shrink": 0 <= settings["probability_shrink"] <= MAX_SHRINK,
    }
    rules = {
        "on_track": message("rule_probability"),
        "at_risk": message("rule_at_risk"),
        "alpha": message("rule_open_unit"),
        "correction": message("rule_one_of", options=str(tuple(CORRECTIONS))),
        "hac_window": message("rule_hac_window"),
        "hac_maxlags": message("rule_hac_maxlags"),
        "hac_reference": message("rule_one_of", options=str(HAC_REFERENCES)),
        "hac_n_boot": message("rule_n_boot"),
        "hac_series": message("rule_one_of", options=str(GAP_SERIES)),
        "hac_bandwidth": message("rule_half_open_unit"),
        "detectable_premium_pp": message("rule_premiums"),
        "sieve_lags": message("rule_sieve_lags"),
        "sieve_weights": message("rule_one_of", options=str(SIEVE_WEIGHTS)),
        "probability_shrink": message("rule_up_to", most=MAX_SHRINK),
    }
    return [
        message("out_of_range_in", where=where, key=key, value=settings[key], rule=rules[key])
        for key, ok in checks.items()
        if not ok
    ]


def load_settings(path: str | Path = CATALOGUE) -> GoalSettings:
    """The goal-test settings (status cut-offs, HAC test, correction) from the catalogue file."""
    path = Path(path)
    settings = _read_yaml(path).get("settings")
    if not isinstance(settings, dict):
        raise ParameterError(message("catalogue_no_settings", file=path))
    return check_settings(settings, message("catalogue_settings", file=path))


# --- what the goals ask of the other stages --------------------------------------------------

FORECAST_METRICS = ("ytd_growth", "year_total", "ratio")  # need the year's remaining quarters


def forecast_indicators(goals: pd.DataFrame) -> list[str]:
    """Indicators of the beat-the-city goals, in catalogue order: the quarter's forecasts."""
    beat_city = goals.loc[goals["kind"] == "beat_city", "indicator"]
    return list(dict.fromkeys(beat_city))


def simulated_indicators(goals: pd.DataFrame) -> list[str]:
    """Flow indicators the measurable goals need for the rest of the year (simulated paths).

    A goal whose metric needs the year's remaining quarters (full-year growth, a year's total,
    a ratio of the year's total) contributes every flow indicator of its ``data_needed`` that
    the indicator catalogue knows.
    """
    flows = catalog.flows()
    needed = goals.loc[goals["metric"].isin(FORECAST_METRICS), "data_needed"]
    names = dict.fromkeys(name for names in needed for name in names)
    return [name for name in names if name in flows]


def goal_threshold(goals: pd.DataFrame, goal_id: str) -> float:
    """The threshold of one goal of the catalogue (e.g. 48 万元/亩 for ``va_per_mu``).

    Raises
    ------
    ParameterError
        If the catalogue has no goal ``goal_id``.
    """
    match = goals.loc[goals["id"] == goal_id, "threshold"]
    if match.empty:
        raise ParameterError(message("goal_unknown", goal=goal_id))
    return float(match.iloc[0])


def goal_units(goals: pd.DataFrame | None = None) -> dict[str, str]:
    """Each measurable goal's unit (``unit`` of params/goals.yaml, e.g. ``100m_yuan``) by id;
    the tables show targets and figures with it (:func:`clusterlib.labels.goal_value`)."""
    goals = load_catalogue() if goals is None else goals
    known = goals[goals["unit"].notna() & (goals["unit"] != "")]
    return dict(zip(known["id"].astype(str), known["unit"].astype(str), strict=True))
