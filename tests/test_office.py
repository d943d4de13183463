"""Tests of remotecalc.formulas.office: weekday attendance, desk demand, area and its costs.

Oracles: scipy's Binomial distribution; brute-force enumeration of all 2**n attendance
patterns (n <= 10); the exact dynamic programme for the normal approximation.
Tolerances: probabilities from the programme vs enumeration or scipy, ``atol=1e-12``
(rounding of at most a few thousand products); exact decimal arithmetic ``rel=1e-12``;
the normal approximation, one desk (its documented bound) and a CDF error of 0.03/σ².
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from _kinds import assert_scalar_array_series
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from remotecalc.formulas import office

EXACT = 1e-12

KASTLE_TUESDAY_PEAK_PROFILE = [1.0, 1.18, 1.1, 1.09, 0.63]
"""Weekday pattern shaped like the Kastle barometer (US): Tuesday ≈ 1.18 × the mean of the
other days, Friday ≈ 0.63 × (shared/reference/parameters.md, "Desk demand")."""


# --- weekday probabilities ----------------------------------------------------------------


def test_flat_profile_is_onsite_over_five():
    p = office.weekday_onsite_probability(np.array([0.0, 1.0, 2.5, 5.0]))
    assert p.shape == (4, 5)
    np.testing.assert_allclose(p, np.repeat([[0.0], [0.2], [0.5], [1.0]], 5, axis=1), rtol=EXACT)


def test_five_days_all_ones_zero_days_all_zeros_with_profile():
    p = office.weekday_onsite_probability(np.array([5.0, 0.0]), KASTLE_TUESDAY_PEAK_PROFILE)
    assert np.all(p[0] == 1.0)
    assert np.all(p[1] == 0.0)


def test_capped_excess_moves_to_other_days():
    # weights 1, 3, 1, 1, 1 and 3 days: uncapped Tuesday would be 3 × 3/7 = 1.29 -> 1; the
    # other 2 days spread evenly over the remaining 4 weekdays -> 0.5 each
    p = office.weekday_onsite_probability(3.0, [1.0, 3.0, 1.0, 1.0, 1.0])
    np.testing.assert_allclose(p, [0.5, 1.0, 0.5, 0.5, 0.5], rtol=EXACT)
    # an uncapped case is plain proportional: 2 days, weights 1, 2, 1, 1, 0 -> 2 × w / 5
    p = office.weekday_onsite_probability(2.0, [1.0, 2.0, 1.0, 1.0, 0.0])
    np.testing.assert_allclose(p, [0.4, 0.8, 0.4, 0.4, 0.0], rtol=EXACT)


def test_zero_weight_day_filled_last():
    # 4.5 days but Friday has weight 0: Monday-Thursday full, Friday gets the rest
    p = office.weekday_onsite_probability(4.5, [1.0, 1.0, 1.0, 1.0, 0.0])
    np.testing.assert_allclose(p, [1.0, 1.0, 1.0, 1.0, 0.5], rtol=EXACT)


def test_series_in_dataframe_out_and_labelled_profile():
    idx = pd.Index(["a", "b"], name="employee_id")
    days = pd.Series([2.0, 4.0], index=idx)
    profile = {"fri": 0.63, "mon": 1.0, "tue": 1.18, "wed": 1.1, "thu": 1.09}  # any order
    p = office.weekday_onsite_probability(days, profile)
    assert isinstance(p, pd.DataFrame)
    assert p.index.equals(idx)
    assert list(p.columns) == list(office.WEEKDAYS)
    expected = office.weekday_onsite_probability(days.to_numpy(), KASTLE_TUESDAY_PEAK_PROFILE)
    np.testing.assert_allclose(p.to_numpy(), expected, rtol=EXACT)
    assert p["tue"].gt(p["fri"]).all()


profiles = st.lists(st.floats(0.0, 3.0), min_size=5, max_size=5).filter(lambda w: sum(w) > 0.1)


@settings(max_examples=300, deadline=None)
@given(days=st.lists(st.floats(0.0, 5.0), min_size=1, max_size=20), profile=profiles)
def test_rows_sum_to_onsite_days_and_stay_in_unit_interval(days, profile):
    days = np.array(days)
    p = office.weekday_onsite_probability(days, profile)
    assert p.shape == (days.size, 5)
    assert np.all(p >= 0.0) and np.all(p <= 1.0)
    np.testing.assert_allclose(p.sum(axis=1), days, rtol=1e-9, atol=1e-9)
    assert np.all(p[days == 5.0] == 1.0)
    assert np.all(p[days == 0.0] == 0.0)


@settings(max_examples=200, deadline=None)
@given(days=st.floats(0.0, 5.0), profile=profiles)
def test_order_of_weights_kept(days, profile):
    """A day with more weight never gets a lower probability."""
    p = office.weekday_onsite_probability(days, profile)
    w = np.array(profile)
    order = np.argsort(w, kind="stable")
    assert np.all(np.diff(p[order]) >= -1e-12)


# --- attendance quantile ------------------------------------------------------------------


def test_binomial_known_answer():
    """100 people each on site with p = 0.6, service level 0.95 -> 68 desks.

    By hand: mean 60, sd sqrt(24) = 4.90; normal approximation 60 + 1.645 × 4.90 = 68.1.
    Exactly: P(X <= 67) = 0.9385 < 0.95 <= P(X <= 68) = 0.9602.
    """
    assert stats.binom.cdf(67, 100, 0.6) < 0.95 <= stats.binom.cdf(68, 100, 0.6)
    assert stats.binom.ppf(0.95, 100, 0.6) == 68
    assert office.attendance_quantile(np.full(100, 0.6), 0.95) == 68
    assert office.attendance_quantile(np.full(100, 0.6), 0.95, method="exact") == 68


def _pmf_by_enumeration(p):
    """Poisson-binomial pmf by summing the probability of every on/off pattern."""
    pmf = np.zeros(len(p) + 1)
    for pattern in itertools.product((0, 1), repeat=len(p)):
        x = np.array(pattern)
        pmf[x.sum()] += np.prod(np.where(x == 1, p, 1.0 - p))
    return pmf


def _quantile_from_pmf(pmf, level):
    return int(np.searchsorted(np.cumsum(pmf), level - 1e-10, side="left"))


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 10])
def test_dynamic_programme_equals_enumeration(n):
    rng = np.random.default_rng(n)
    for _ in range(5):
        p = rng.uniform(0.01, 0.99, n)
        brute = _pmf_by_enumeration(p)
        np.testing.assert_allclose(office._poisson_binomial_pmf(p), brute, rtol=0, atol=EXACT)
        for level in (0.5, 0.8, 0.9, 0.95, 0.99):
            assert office.attendance_quantile(p, level, method="exact") == _quantile_from_pmf(
                brute, level
            )


@pytest.mark.parametrize("n, p", [(1, 0.3), (17, 0.6), (250, 0.35), (1000, 0.9)])
def test_dynamic_programme_equals_binomial_when_p_equal(n, p):
    pmf = office._poisson_binomial_pmf(np.full(n, p))
    np.testing.assert_allclose(pmf, stats.binom.pmf(np.arange(n + 1), n, p), rtol=0, atol=EXACT)
    # the programme and scipy's Binomial quantile agree; a perturbation of 1e-13 in one p
    # forces the programme without changing the answer
    p_vector = np.full(n, p)
    p_vector[0] += 1e-13
    for level in (0.5, 0.9, 0.95, 0.99):
        assert office.attendance_quantile(p_vector, level, method="exact") == int(
            stats.binom.ppf(level, n, p)
        )


def test_certain_and_absent_employees():
    # p = 1 always needs a desk, p = 0 never does
    p = np.array([1.0, 1.0, 0.0, 0.0] + [0.6] * 100)
    assert office.attendance_quantile(p, 0.95) == 2 + 68
    assert office.attendance_quantile(np.ones(7), 0.95) == 7
    assert office.attendance_quantile(np.zeros(7), 0.95) == 0
    assert office.attendance_quantile(np.array([]), 0.95) == 0
    # service level 1: everybody who may come; service level 0: only the certain ones
    assert office.attendance_quantile(p, 1.0) == 102
    assert office.attendance_quantile(p, 0.0) == 2


def test_auto_switches_to_normal_above_size_limit():
    rng = np.random.default_rng(3)
    p = rng.uniform(0.2, 0.8, 50)
    for level in (0.8, 0.95):
        assert office.attendance_quantile(p, level, exact_max_n=10) == office.attendance_quantile(
            p, level, method="normal"
        )
        assert office.attendance_quantile(p, level, exact_max_n=100) == office.attendance_quantile(
            p, level, method="exact"
        )


def test_unknown_method_raises():
    with pytest.raises(ValueError, match="method"):
        office.attendance_quantile([0.5, 0.5], 0.9, method="poisson")


@pytest.mark.parametrize(
    "low, high", [(0.0, 1.0), (0.4, 0.6), (0.6, 0.95), (0.05, 0.3), (0.001, 0.05), (0.001, 0.01)]
)
def test_normal_approximation_within_one_desk_at_3000(low, high):
    """Refined normal approximation vs the exact programme at n = 3000 (documented accuracy:
    desks within one, CDF error at most about 0.025/σ²; asserted with 0.03/σ²).
    """
    rng = np.random.default_rng(2023)
    p = rng.uniform(low, high, 3000)
    p = p[(p > 0.0) & (p < 1.0)]
    exact_cdf = np.cumsum(office._poisson_binomial_pmf(p))
    sd = np.sqrt(np.sum(p * (1.0 - p)))
    approx_cdf = office._refined_normal_cdf(np.arange(p.size + 1), p)
    assert np.max(np.abs(approx_cdf - exact_cdf)) <= 0.03 / sd**2
    for level in (0.5, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999):
        exact = office.attendance_quantile(p, level, method="exact")
        approx = office.attendance_quantile(p, level, method="normal")
        assert abs(exact - approx) <= 1


def test_default_uses_exact_up_to_3000():
    rng = np.random.default_rng(11)
    p = rng.uniform(0.2, 0.9, 3000)
    assert office.attendance_quantile(p, 0.95) == office.attendance_quantile(
        p, 0.95, method="exact"
    )


# --- desks needed -------------------------------------------------------------------------


def test_peak_weekday_decides():
    days = np.full(200, 2.5)
    flat = office.desks_needed(office.weekday_onsite_probability(days), 0.95)
    peaked = office.desks_needed(
        office.weekday_onsite_probability(days, KASTLE_TUESDAY_PEAK_PROFILE), 0.95
    )
    # same weekly attendance ...
    assert flat.expected_attendance_by_weekday.sum() == pytest.approx(500.0, rel=EXACT)
    assert peaked.expected_attendance_by_weekday.sum() == pytest.approx(500.0, rel=EXACT)
    # ... but the Tuesday peak needs more desks than a flat week
    assert peaked.peak_weekday == "tue"
    assert peaked.desks > flat.desks
    assert peaked.desks == peaked.desks_by_weekday.max() == peaked.desks_by_weekday["tue"]
    # flat: Binomial(200, 0.5) quantile; ties between equal days go to Monday
    assert flat.desks == int(stats.binom.ppf(0.95, 200, 0.5))
    assert flat.peak_weekday == "mon"
    # by hand for the peak: Tuesday p = 2.5 × 1.18 / 5.0 = 0.59, Binomial(200, 0.59)
    assert peaked.desks == int(stats.binom.ppf(0.95, 200, 2.5 * 1.18 / 5.0))


def test_desks_never_the_mean():
    p = office.weekday_onsite_probability(np.full(100, 3.0))
    result = office.desks_needed(p, 0.95)
    assert result.desks == 68
    assert result.desks > result.expected_attendance_by_weekday.max() == pytest.approx(60.0)


def test_desks_needed_dataframe_labels():
    days = pd.Series([1.0, 2.0, 3.0, 4.0], index=list("abcd"))
    p = office.weekday_onsite_probability(days, KASTLE_TUESDAY_PEAK_PROFILE)
    result = office.desks_needed(p, 0.9)
    assert list(result.desks_by_weekday.index) == list(office.WEEKDAYS)
    assert result.peak_weekday in office.WEEKDAYS
    assert isinstance(result.desks, int)


@settings(max_examples=50, deadline=None)
@given(
    days=st.lists(st.floats(0.0, 5.0), min_size=1, max_size=40),
    level=st.floats(0.5, 0.99),
    profile=profiles,
)
def test_desks_bounded_by_headcount_and_monotone_in_service_level(days, level, profile):
    p = office.weekday_onsite_probability(np.array(days), profile)
    low = office.desks_needed(p, level).desks
    high = office.desks_needed(p, min(level + 0.009, 0.999)).desks
    assert 0 <= low <= high <= len(days)


# --- area, cost, energy, embodied carbon --------------------------------------------------


def test_area_and_costs_hand_example():
    area = office.office_area_m2(70, 8.0, 0.5)  # 70 × 8 × 1.5 = 840 m²
    assert area == pytest.approx(840.0, rel=EXACT)
    assert office.seat_related_cost_per_year(area, 1800.0, 350.0) == pytest.approx(
        1_806_000.0, rel=EXACT
    )
    assert office.seat_related_energy_kwh_per_year(area, 135.0) == pytest.approx(
        113_400.0, rel=EXACT
    )
    assert office.occupancy_electricity_kwh_per_year(10_000.0, 0.5) == pytest.approx(
        5000.0, rel=EXACT
    )
    assert office.occupancy_cost_per_year(10_000.0, 25.0) == pytest.approx(250_000.0, rel=EXACT)
    assert office.embodied_co2e_kg_per_year(area, 8.0) == pytest.approx(6720.0, rel=EXACT)


def test_area_released():
    assert office.area_released_m2(1000.0, 700.0, 1.0) == pytest.approx(300.0, rel=EXACT)
    assert office.area_released_m2(1000.0, 700.0, 0.5) == pytest.approx(150.0, rel=EXACT)
    assert office.area_released_m2(1000.0, 700.0, 0.0) == 0.0  # space kept
    assert office.area_released_m2(1000.0, 1300.0, 1.0) == 0.0  # shortfall: nothing given up


CASES = [
    (office.office_area_m2, (70.0, 8.0, 0.5)),
    (office.seat_related_cost_per_year, (840.0, 1800.0, 350.0)),
    (office.seat_related_energy_kwh_per_year, (840.0, 90.0)),
    (office.occupancy_electricity_kwh_per_year, (10_000.0, 0.5)),
    (office.occupancy_cost_per_year, (10_000.0, 25.0)),
    (office.embodied_co2e_kg_per_year, (840.0, 8.0)),
    (office.area_released_m2, (1000.0, 700.0, 0.5)),
]


@pytest.mark.parametrize("func, args", CASES, ids=[c[0].__name__ for c in CASES])
def test_scalar_array_series(func, args):
    assert_scalar_array_series(func, args, pd.Index(["s1", "s2", "s3"], name="site_id"), rtol=EXACT)


@settings(max_examples=200, deadline=None)
@given(today=st.floats(0.0, 1e5), needed=st.floats(0.0, 1e5), share=st.floats(0.0, 1.0))
def test_area_released_between_zero_and_surplus(today, needed, share):
    released = office.area_released_m2(today, needed, share)
    assert 0.0 <= released <= max(today - needed, 0.0) * (1 + 1e-12)


def test_grouped_desks_equal_the_per_employee_vector():
    """Distinct probabilities with counts give the desks (and peak day) of the long vector."""
    from remotecalc.formulas.office import (
        attendance_quantile,
        attendance_quantile_grouped,
        desks_needed,
        desks_needed_grouped,
        weekday_onsite_probability,
    )

    rng = np.random.default_rng(11)
    profiles = [None, [1.0, 1.2, 1.0, 1.0, 0.8], [1.0, 1.0, 1.3, 1.3, 0.4]]
    for t in range(150):
        k = int(rng.integers(1, 6))
        p = rng.uniform(0, 1, k).round(2)
        c = rng.integers(1, 600, k)
        if t % 5 == 0:
            p[0] = 1.0  # certain attendees add one desk each
        if t % 7 == 0:
            p[-1] = 0.0
        level = float(rng.choice([0.5, 0.8, 0.9, 0.95, 0.99]))
        assert attendance_quantile_grouped(p, c, level) == attendance_quantile(
            np.repeat(p, c), level
        )
        days = weekday_onsite_probability(rng.choice([1.0, 2.0, 3.0, 4.0, 5.0], k), profiles[t % 3])
        a = desks_needed(np.repeat(days, c, axis=0), level)
        b = desks_needed_grouped(days, c, level)
        assert (a.desks, a.peak_weekday) == (b.desks, b.peak_weekday)
        np.testing.assert_allclose(
            b.expected_attendance_by_weekday, a.expected_attendance_by_weekday, rtol=1e-12
        )
    # above the exact limit both use the same refined normal approximation
    p, c = np.array([0.3, 0.55, 0.8]), np.array([2_000, 1_500, 900])
    for level in (0.8, 0.95, 0.99):
        assert attendance_quantile_grouped(p, c, level) == attendance_quantile(
            np.repeat(p, c), level
        )


def test_grouped_distribution_equals_the_per_employee_programme():
    """The windowed FFT of the grouped Binomials (office._grouped_cdf is the code under test,
    reached through DistributionCache.cdf) equals the per-employee Poisson-binomial programme
    to 1e-12 and gives the same quantiles, over many random groupings (p = 1/2 included: a
    zero of the generating function)."""
    rng = np.random.default_rng(1)
    for i in range(150):
        k = int(rng.integers(1, 40))
        n = int(rng.integers(1, 2500))
        p = np.unique(
            rng.uniform(0.001, 0.999, k) if i % 3 else rng.choice([0.01, 0.2, 0.5, 0.8, 0.99], k)
        )
        counts = rng.multinomial(n, np.ones(len(p)) / len(p)).astype(np.int64)
        p, counts = p[counts > 0], counts[counts > 0]
        grouped = office.DistributionCache().cdf(p, counts)
        brute = np.cumsum(office._poisson_binomial_pmf(np.repeat(p, counts)))
        np.testing.assert_allclose(grouped, brute, rtol=0, atol=1e-12)
        for sl in (0.5, 0.9, 0.95, 0.99):
            assert np.searchsorted(grouped, sl - 1e-10) == np.searchsorted(brute, sl - 1e-10)
