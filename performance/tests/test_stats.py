"""The statistics against values worked out by hand, step by step in the comments (the
normal tail from a table: Φ(2.83) = 0.99767, Φ(2.19) = 0.98574)."""

import math

import pytest

from performance import stats


def test_z_test_matches_the_hand_computation():
    # A: 200 clicks of 10,000 impressions (2.0 %), B: 260 of 10,000 (2.6 %).
    # pooled p = 460 / 20,000 = 0.023; se = sqrt(0.023 · 0.977 · (1/10,000 + 1/10,000)) = 0.0021199
    # z = (0.020 − 0.026) / 0.0021199 = −2.8303; two-sided p = 2 · (1 − Φ(2.8303)) = 0.004650
    result = stats.two_proportion_z_test(200, 10_000, 260, 10_000)
    assert result.z == pytest.approx(-2.8303, abs=1e-4)
    assert result.p_value == pytest.approx(0.0046511, abs=1e-6)
    assert result.test == "two-proportion z-test (pooled, two-sided)"


def test_z_test_textbook_example():
    # 45 of 100 against 30 of 100: pooled 0.375, se = sqrt(0.375 · 0.625 · 0.02) = 0.068465,
    # z = 0.15 / 0.068465 = 2.1909, p = 0.02846 (chi-square 4.8 on one degree of freedom)
    result = stats.two_proportion_z_test(45, 100, 30, 100)
    assert result.z == pytest.approx(2.1909, abs=1e-4)
    assert result.z**2 == pytest.approx(4.8, abs=1e-9)
    assert result.p_value == pytest.approx(0.0284597, abs=1e-6)


def test_equal_rates_and_no_variance():
    assert stats.two_proportion_z_test(50, 1000, 50, 1000).p_value == pytest.approx(1.0)
    degenerate = stats.two_proportion_z_test(0, 500, 0, 800)
    assert degenerate.z == 0.0 and degenerate.p_value == 1.0
    with pytest.raises(ValueError):
        stats.two_proportion_z_test(1, 0, 1, 10)


def test_holm_adjustment():
    # sorted 0.01, 0.02, 0.04 → 3·0.01 = 0.03, 2·0.02 = 0.04, 1·0.04 = 0.04 (kept monotone)
    assert stats.holm([0.04, 0.01, 0.02]) == pytest.approx([0.04, 0.03, 0.04])
    assert stats.holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])  # 2·0.5 = 1, and never below the step before


def test_robust_z_scores():
    values = [10, 11, 9, 10, 12, 10, 40]
    # median 10, absolute deviations 0 1 1 0 2 0 30 → MAD 1; 40 → 0.6745 · 30 = 20.235
    scores = stats.robust_z_scores(values)
    assert scores[-1] == pytest.approx(20.235)
    assert scores[1] == pytest.approx(0.6745)
    assert stats.robust_z_scores([5, 5, 5, 5, 9]) is None  # MAD 0: undefined, not infinite
    assert stats.robust_z_scores([1, 2]) is None


def test_p_value_is_the_normal_tail():
    assert math.erfc(1.959964 / math.sqrt(2)) == pytest.approx(0.05, abs=1e-6)
