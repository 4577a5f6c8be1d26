"""时序进度 (the share of the year elapsed, N/12) and a completion rate judged against it."""

from __future__ import annotations

import numpy as np

DECIMALS = 1
"""Figures are published to one decimal; comparisons use the published (rounded) figures."""
AHEAD, ON_TIME, BEHIND = "ahead", "on time", "behind"
"""Completion above (超时序进度), equal to or below (落后时序进度) 时序进度, at one decimal."""


def time_progress(month: int | np.ndarray) -> float | np.ndarray:
    """时序进度 (%): the share of the year elapsed, ``month / 12`` (June: 50.0; 1–2月: 16.7)."""
    return 100.0 * month / 12


def against_time_progress(completion: np.ndarray, month: int | np.ndarray) -> dict[str, np.ndarray]:
    """``time_progress``, ``progress_gap`` (pp) and ``progress_status`` of completion rates (%).

    Both sides are rounded to one decimal before the gap is taken; the status is ``ahead``,
    ``on time`` or ``behind``, empty where the completion is NaN.
    """
    elapsed = np.broadcast_to(time_progress(month), np.shape(completion)).astype(float)
    completion = np.asarray(completion, dtype=float)
    gap = np.round(np.round(completion, DECIMALS) - np.round(elapsed, DECIMALS), DECIMALS)
    status = np.where(gap > 0, AHEAD, np.where(gap < 0, BEHIND, ON_TIME))
    return {
        "time_progress": elapsed,
        "progress_gap": gap,
        "progress_status": np.where(np.isnan(gap), "", status),
    }
