"""Scores, composite, ranks and stars as array arithmetic, vectorised over draws.

Arrays have clusters on axis -2 and indicators on axis -1 (``values[..., cluster, indicator]``);
any leading axes (weight draws, simulated paths) are evaluated in one pass.
"""

from __future__ import annotations

import warnings

import numpy as np
from scipy.stats import rankdata

from clusterlib.evaluation.scheme import Scheme, StarRule

EFFICACY_BASE, EFFICACY_SPAN = 60.0, 40.0


def normalise(
    values: np.ndarray, directions: np.ndarray, method: str, goals: np.ndarray | None = None
) -> np.ndarray:
    """Indicator scores across clusters (axis -2); NaN values stay NaN.

    ``efficacy`` (功效系数法): ``60 + 40·(x − min)/(max − min)``, with ``(max − x)`` for
    lower-is-better indicators; ``minmax``: the same fraction × 100; ``zscore``: standard
    scores (population sd), sign-flipped for lower-is-better. An indicator equal for every
    cluster gives every cluster the top score (efficacy 100, min–max 100, z 0).

    Where ``goals`` is not NaN the goal replaces the best value (满意值) for efficacy and
    min–max: reaching the goal earns the top score, the worst value the bottom one, and a
    cluster worse than the goal scores in between (all reach it: all top).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-missing indicator: NaN
        if method == "zscore":
            mean = np.nanmean(values, axis=-2, keepdims=True)
            sd = np.nanstd(values, axis=-2, keepdims=True)
            z = np.where(sd > 0, (values - mean) / np.where(sd > 0, sd, 1.0), 0.0)
            return np.where(np.isnan(values), np.nan, z * directions)
        low = np.nanmin(values, axis=-2, keepdims=True)
        high = np.nanmax(values, axis=-2, keepdims=True)
    if goals is not None:
        values, low, high = _against_goals(values, low, high, directions, goals)
    span = high - low
    fraction = np.where(span > 0, (values - low) / np.where(span > 0, span, 1.0), 1.0)
    fraction = np.where(directions > 0, fraction, np.where(span > 0, 1.0 - fraction, 1.0))
    fraction = np.where(np.isnan(values), np.nan, fraction)
    if method == "efficacy":
        return EFFICACY_BASE + EFFICACY_SPAN * fraction
    return 100.0 * fraction


def _against_goals(
    values: np.ndarray, low: np.ndarray, high: np.ndarray, directions: np.ndarray, goals: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values capped at the goal and the (min, max) range with the goal as the best value."""
    has_goal = ~np.isnan(goals)
    goal = np.where(has_goal, goals, 0.0)
    worst = np.where(directions > 0, low, high)
    capped = np.where(directions > 0, np.minimum(values, goal), np.maximum(values, goal))
    values = np.where(has_goal, capped, values)
    low = np.where(has_goal, np.where(directions > 0, np.minimum(worst, goal), goal), low)
    high = np.where(has_goal, np.where(directions > 0, goal, np.maximum(worst, goal)), high)
    return values, low, high


def fill_missing(scores: np.ndarray, scheme: Scheme, rule: str | None = None) -> np.ndarray:
    """Scores with missing ones replaced by ``rule`` (default the scheme's).

    ``lowest`` (the default rule of the shipped scheme) gives a missing indicator the lowest
    score among the clusters that reported it, so not reporting never pays; ``zero`` gives
    0; ``aspect_mean`` gives a missing indicator the weighted mean of the cluster's other scores
    in the same aspect (so the aspect's score is the mean of what is known); an aspect with
    nothing known scores 0. ``exclude`` is applied before scoring (the cluster is dropped),
    so nothing is missing here.
    """
    rule = scheme.missing if rule is None else rule
    known = ~np.isnan(scores)
    if rule == "lowest":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # nobody reported: stays NaN
            lowest = np.nanmin(scores, axis=-2, keepdims=True)
        return np.where(known, scores, lowest)
    if rule != "aspect_mean":
        return np.where(known, scores, 0.0)
    filled = scores.copy()
    within = np.array([item.weight for item in scheme.indicators])
    for aspect in scheme.aspects:
        members = np.array([item.aspect == aspect.id for item in scheme.indicators])
        weight = within * members * known
        numerator = (np.where(known, scores, 0.0) * weight).sum(-1, keepdims=True)
        denominator = weight.sum(-1, keepdims=True)
        mean = np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), 0)
        filled = np.where(members & ~known, mean, filled)
    return filled


def aspect_scores(scores: np.ndarray, scheme: Scheme) -> np.ndarray:
    """Each aspect's score (weighted mean of its indicators' scores): ``[..., cluster, aspect]``."""
    within = np.array([item.weight for item in scheme.indicators])
    members = np.array(
        [[item.aspect == aspect.id for aspect in scheme.aspects] for item in scheme.indicators]
    )
    return scores @ (within[:, None] * members)


def ranks(composite: np.ndarray) -> np.ndarray:
    """Ranks along the last axis, 1 = highest composite; ties share the better rank."""
    return rankdata(-composite, method="min", axis=-1)


def stars(
    revenue: np.ndarray, rank: np.ndarray, rule: StarRule, previous: np.ndarray | None = None
) -> np.ndarray:
    """Star level per cluster (0 = none) under ``rule``; promotions capped against ``previous``.

    Level ``s`` needs ``revenue ≥ revenue_thresholds[s-1]`` and ``rank ≤ ⌈top_share[s-1]·n⌉``
    (``n`` clusters ranked, the last axis); a level counts only if every lower one does. A
    missing revenue earns no star. Where ``previous`` is known, the level is at most
    ``previous + max_promotion``.
    """
    n = rank.shape[-1]
    allowed = np.ceil(np.asarray(rule.top_share) * n - 1e-9)
    with np.errstate(invalid="ignore"):
        revenue_ok = revenue[..., None] >= np.asarray(rule.revenue_thresholds)
    eligible = revenue_ok & (rank[..., None] <= allowed)
    level = np.cumprod(eligible, axis=-1).sum(axis=-1).astype(float)
    if previous is None:
        return level
    cap = np.where(np.isnan(previous), np.inf, previous + rule.max_promotion)
    return np.minimum(level, cap)


def exit_flags(revenue: np.ndarray, rank: np.ndarray, scheme: Scheme) -> np.ndarray:
    """Below the exit threshold: rank in the bottom share, or revenue below the minimum."""
    n = rank.shape[-1]
    cut = n - np.floor(scheme.exit.bottom_share * n + 1e-9)
    with np.errstate(invalid="ignore"):
        low_revenue = revenue < scheme.exit.min_revenue
    return (rank > cut) | low_revenue


def score_all(
    values: np.ndarray, scheme: Scheme, rule: str | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(filled scores, composite, ranks) of values ``[..., cluster, indicator]``.

    ``rule`` is the missing-indicator rule (default the scheme's).
    """
    raw = normalise(values, scheme.directions, scheme.normalisation, scheme.goals)
    scores = fill_missing(raw, scheme, rule)
    composite = scores @ scheme.weights
    return scores, composite, ranks(composite)
