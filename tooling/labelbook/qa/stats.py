"""The statistics of the report, over arrays of counts.

- Accuracy intervals: 95% Wilson score intervals, from the closed form with the normal
  quantile of scipy (the tests compare them with statsmodels' `proportion_confint` and
  scipy's `binomtest(...).proportion_ci`, both method "wilson").
- A segment's excess errors: Fisher's exact test, one-sided ("more errors this week than
  its baseline"), as the upper tail of the hypergeometric distribution (scipy); exact for
  the small counts of a labeler's week, where a z-test is not.
- False discovery rate: Benjamini-Hochberg q-values over every segment tested (scipy's
  `false_discovery_control`).
- Daily team accuracy: a p-chart whose centre is the baseline accuracy and whose limits are
  three standard errors of a day's own number of audits.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

#: The two-sided 95% normal quantile, 1.959963...
Z95 = float(stats.norm.ppf(0.975))
FDR = 0.05
SIGMAS = 3.0


def wilson(successes: np.ndarray, n: np.ndarray, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of successes/n, elementwise; NaN where n == 0."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def wilson1(successes: int, n: int) -> tuple[float | None, float | None]:
    if n <= 0:
        return None, None
    low, high = wilson(np.array([successes]), np.array([n]))
    return float(low[0]), float(high[0])


def excess_p(errors: np.ndarray, n: np.ndarray, base_errors: np.ndarray, base_n: np.ndarray) -> np.ndarray:
    """One-sided Fisher exact p-value that a segment's error rate this week (errors/n) is
    above its baseline's (base_errors/base_n): P(X >= errors) for X hypergeometric with
    the week's n drawn from all n + base_n audits, of which errors + base_errors are errors."""
    errors = np.asarray(errors, dtype=np.int64)
    n = np.asarray(n, dtype=np.int64)
    total = n + np.asarray(base_n, dtype=np.int64)
    all_errors = errors + np.asarray(base_errors, dtype=np.int64)
    return np.clip(stats.hypergeom.sf(errors - 1, total, all_errors, n), 0.0, 1.0)


def bh(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values). A p-value that could not be computed
    (NaN: a segment with no audits left to test) is no test: it stays NaN and does not
    count among those adjusted."""
    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    tested = ~np.isnan(p)
    if tested.any():
        q[tested] = stats.false_discovery_control(p[tested], method="bh")
    return q


def pchart_limits(centre: float, n: np.ndarray, sigmas: float = SIGMAS) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper control limits of a proportion with centre `centre`, for samples of size n."""
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.sqrt(centre * (1 - centre) / n)
    return np.clip(centre - sigmas * se, 0, 1), np.clip(centre + sigmas * se, 0, 1)
