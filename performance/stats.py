"""The statistics of the insights, in closed form (no SciPy needed for these).

- Two-proportion z-test, pooled, two-sided: z = (p1 - p2) / sqrt(p(1-p)(1/n1 + 1/n2)) with
  p = (x1 + x2) / (n1 + n2); p-value = erfc(|z| / sqrt 2). For two groups it is the same test
  as Pearson's chi-square on the 2×2 table without continuity correction (chi² = z²).
- Holm's step-down correction of several p-values within one campaign.
- Robust z-score: 0.6745 (x - median) / MAD (Iglewicz and Hoaglin), an outlier beyond 3.5.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import median

Z_TEST = "two-proportion z-test (pooled, two-sided)"
ROBUST_Z = "robust z-score (0.6745·(x − median) / MAD)"
OUTLIER_AT = 3.5


@dataclass(frozen=True)
class ProportionTest:
    z: float
    p_value: float
    rate_a: float
    rate_b: float
    test: str = Z_TEST


def two_proportion_z_test(successes_a: float, trials_a: float, successes_b: float, trials_b: float) -> ProportionTest:
    """Whether two rates (clicks per impression, conversions per click) differ. Trials must
    be positive; when both rates are 0 or 1 there is no variance and p is 1."""
    if trials_a <= 0 or trials_b <= 0:
        raise ValueError("each group needs at least one trial")
    rate_a, rate_b = successes_a / trials_a, successes_b / trials_b
    pooled = (successes_a + successes_b) / (trials_a + trials_b)
    variance = pooled * (1 - pooled) * (1 / trials_a + 1 / trials_b)
    if variance <= 0:
        return ProportionTest(z=0.0, p_value=1.0, rate_a=rate_a, rate_b=rate_b)
    z = (rate_a - rate_b) / math.sqrt(variance)
    return ProportionTest(z=z, p_value=math.erfc(abs(z) / math.sqrt(2)), rate_a=rate_a, rate_b=rate_b)


def holm(p_values: list[float]) -> list[float]:
    """Holm-adjusted p-values, in the order given."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [0.0] * len(p_values)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def robust_z_scores(values: list[float]) -> list[float] | None:
    """Each value's robust z-score; None when the median absolute deviation is 0 (more than
    half the values equal), where the score is undefined."""
    if len(values) < 3:
        return None
    middle = median(values)
    mad = median(abs(value - middle) for value in values)
    if mad == 0:
        return None
    return [0.6745 * (value - middle) / mad for value in values]
