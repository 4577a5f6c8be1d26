"""Recalibration of the forward probabilities: a shrink towards 0.5 fitted on outcomes."""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar

#: largest shrink :func:`fit_shrink` considers (0.5 would make every probability 0.5)
MAX_SHRINK = 0.25


def shrink(prob: float | np.ndarray, epsilon: float) -> float | np.ndarray:
    """The probability shrunk towards 0.5: ``ε + (1 − 2ε)·p``.

    Read as a mixture: with weight ``1 − 2ε`` the simulated paths are right, with weight ``2ε``
    the year is a coin toss that they do not foresee. A probability is then never below ``ε``
    nor above ``1 − ε``; 0.5 stays 0.5 and the order of the probabilities is kept, so the
    statuses move only near the cut-offs. NaN stays NaN; ``ε = 0`` returns ``p`` unchanged.

    Parameters
    ----------
    prob : float or np.ndarray
        Probabilities in [0, 1] (e.g. the share of simulated paths meeting a goal).
    epsilon : float
        The shrink, in [0, 0.5).

    Examples
    --------
    >>> round(shrink(0.0, 0.05), 3), round(shrink(0.8, 0.05), 3)
    (0.05, 0.77)
    """
    if not 0.0 <= epsilon < 0.5:
        raise ValueError(f"shrink epsilon {epsilon!r} should be in [0, 0.5)")
    if epsilon == 0.0:
        return prob  # exactly: the centred form below is off by one ulp at some p
    return 0.5 + (1.0 - 2.0 * epsilon) * (prob - 0.5)  # centred: 0.5 stays exactly 0.5


def log_likelihood(prob: np.ndarray, met: np.ndarray) -> float:
    """Mean log-likelihood (log score) of the outcomes ``met`` (0/1) under ``prob``."""
    prob = np.clip(np.asarray(prob, dtype=float), 1e-12, 1.0 - 1e-12)
    met = np.asarray(met, dtype=float)
    return float(np.mean(met * np.log(prob) + (1.0 - met) * np.log1p(-prob)))


def fit_shrink(prob: np.ndarray, met: np.ndarray) -> float:
    """The shrink ``ε`` in [0, MAX_SHRINK] that maximises the log-likelihood of the outcomes.

    Parameters
    ----------
    prob : np.ndarray
        Raw forward probabilities of past cases.
    met : np.ndarray
        Whether each case came true (bool or 0/1).

    Returns
    -------
    float
        The fitted ``ε``; 0 when the raw probabilities are not over-confident.
    """
    prob = np.asarray(prob, dtype=float)
    met = np.asarray(met, dtype=float)
    if prob.size == 0 or prob.shape != met.shape or np.isnan(prob).any():
        raise ValueError("fit_shrink needs equally long, non-empty arrays without NaN")
    fitted = minimize_scalar(
        lambda eps: -log_likelihood(shrink(prob, eps), met),
        bounds=(0.0, MAX_SHRINK),
        method="bounded",
        options={"xatol": 1e-6},
    )
    # the bounded search never returns the bound itself: an optimum at 0 shows as ~1e-6
    return 0.0 if fitted.x < 1e-5 else float(fitted.x)
