"""Tests of remotecalc.formulas.costs: travel cost, value of time, external cost, the Danish
commuting
deduction (ligningsloven § 9 C) and present values.

Tolerances: exact decimal arithmetic ``rel=1e-12``; the annuity factor is compared at the
4 decimals it is usually quoted with.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _kinds import assert_scalar_array_series
from hypothesis import given, settings
from hypothesis import strategies as st

from remotecalc.formulas import commute, costs

EXACT = 1e-12

DK_2025_DEDUCTION = {"rate_per_km": 2.23, "rate_above_upper_per_km": 1.12}
"""Befordringsfradrag 2025: 2.23 DKK/km for round-trip km 25-120, 1.12 above 120
(Skatterådet's published rates, remotecalc/data/rules/dk_deduction.toml; 1.12 as published,
not half of 2.23)."""


def test_simple_products_hand_examples():
    assert costs.travel_cost_per_year(4147.2, 2.23) == pytest.approx(9248.256, rel=EXACT)
    assert costs.value_of_time_per_year(138.24, 100.0) == pytest.approx(13824.0, rel=EXACT)
    assert costs.external_cost_per_year(4000.0, 2.5) == pytest.approx(10000.0, rel=EXACT)
    assert costs.fiscal_effect_per_year(10000.0, 0.26) == pytest.approx(2600.0, rel=EXACT)


# --- befordringsfradrag ---------------------------------------------------------------------


def test_deduction_below_threshold_is_zero():
    # 10 km one way = 20 km round trip < 24 km
    assert costs.commuting_deduction_per_year(10.0, 216.0, **DK_2025_DEDUCTION) == 0.0
    # exactly 24 km round trip: still nothing
    assert costs.commuting_deduction_per_year(12.0, 216.0, **DK_2025_DEDUCTION) == 0.0


def test_deduction_one_day_30_km():
    # round trip 60 km: (60 - 24) × 2.23 = 80.28
    assert costs.commuting_deduction_per_year(30.0, 1.0, **DK_2025_DEDUCTION) == pytest.approx(
        80.28, rel=EXACT
    )


def test_deduction_above_upper_limit():
    # 100 km one way = 200 km round trip: (120 - 24) × 2.23 + (200 - 120) × 1.12 = 303.68 per day
    per_day = (120 - 24) * 2.23 + (200 - 120) * 1.12
    assert per_day == pytest.approx(303.68, rel=EXACT)
    assert costs.commuting_deduction_per_year(100.0, 1.0, **DK_2025_DEDUCTION) == pytest.approx(
        per_day, rel=EXACT
    )
    assert costs.commuting_deduction_per_year(100.0, 216.0, **DK_2025_DEDUCTION) == pytest.approx(
        216 * per_day, rel=EXACT
    )
    # exactly at the upper limit: 60 km one way -> 96 × 2.23
    assert costs.commuting_deduction_per_year(60.0, 1.0, **DK_2025_DEDUCTION) == pytest.approx(
        96 * 2.23, rel=EXACT
    )


def test_deduction_outer_area_rate_per_employee():
    # 2024-2027 (lov nr. 109 af 31. januar 2024): residents of the outer areas get the rate
    # + 10.75 % (2.47 in 2025) on every round-trip km above 24, not only above 120.
    # 100 km one way, one day: ordinary (120 - 24) x 2.23 + (200 - 120) x 1.12 = 303.68;
    # outer (200 - 24) x 2.47 = 434.72.
    idx = pd.Index(["ordinary", "outer"])
    out = costs.commuting_deduction_per_year(
        pd.Series([100.0, 100.0], index=idx),
        1.0,
        **DK_2025_DEDUCTION,
        outer_area=np.array([False, True]),
        outer_area_rate_per_km=2.47,
    )
    assert out.index.equals(idx)
    np.testing.assert_allclose(out.to_numpy(), [303.68, 434.72], rtol=EXACT)
    # below the threshold the outer area gives nothing either
    assert (
        costs.commuting_deduction_per_year(
            12.0, 216.0, **DK_2025_DEDUCTION, outer_area=True, outer_area_rate_per_km=2.47
        )
        == 0.0
    )


def test_split_outer_area_km_keeps_the_total_km():
    k1, k2 = np.array([96.0, 96.0, 10.0]), np.array([80.0, 80.0, 0.0])
    a, b, c = costs.split_outer_area_km(k1, k2, np.array([False, True, True]))
    np.testing.assert_array_equal(a + b + c, k1 + k2)
    np.testing.assert_array_equal(c, [0.0, 176.0, 10.0])


def test_bridge_allowance_added_per_day_commuted():
    # Storebælt by car, 30 km one way, 200 days: (60 - 24) x 2.23 + 2 x 110 per day
    d = costs.commuting_deduction_per_year(
        30.0, 200.0, **DK_2025_DEDUCTION, bridge_per_onsite_day=220.0
    )
    assert d == pytest.approx(200 * (36 * 2.23 + 220.0), rel=EXACT)


def test_deduction_rates_have_no_default():
    with pytest.raises(TypeError):
        costs.commuting_deduction_per_year(30.0, 1.0)


@settings(max_examples=200, deadline=None)
@given(
    km=st.floats(0.0, 300.0), fte=st.floats(0.05, 1.0), a=st.floats(0.0, 5.0), b=st.floats(0.0, 5.0)
)
def test_fewer_onsite_days_never_raise_deduction(km, fte, a, b):
    low, high = min(a, b), max(a, b)
    d_low = costs.commuting_deduction_per_year(
        km, commute.onsite_days_per_year(fte, low, 216.0), **DK_2025_DEDUCTION
    )
    d_high = costs.commuting_deduction_per_year(
        km, commute.onsite_days_per_year(fte, high, 216.0), **DK_2025_DEDUCTION
    )
    assert 0.0 <= d_low <= d_high


@settings(max_examples=200, deadline=None)
@given(a=st.floats(0.0, 300.0), b=st.floats(0.0, 300.0))
def test_deduction_never_falls_with_distance(a, b):
    low, high = min(a, b), max(a, b)
    assert costs.commuting_deduction_per_year(
        low, 1.0, **DK_2025_DEDUCTION
    ) <= costs.commuting_deduction_per_year(high, 1.0, **DK_2025_DEDUCTION)


# --- present value --------------------------------------------------------------------------


def test_annuity_factor_known_value():
    # (1 - 1.035**-10) / 0.035 = 8.316605...
    assert round(costs.annuity_factor(0.035, 10), 4) == 8.3166


def test_npv_rate_zero_is_horizon_times_annual():
    assert costs.npv(1234.5, 0.0, 10) == pytest.approx(12345.0, rel=EXACT)
    assert costs.annuity_factor(0.0, 25) == 25.0


def test_npv_with_one_off():
    assert costs.npv(1000.0, 0.035, 10, one_off=-2000.0) == pytest.approx(
        -2000.0 + 1000.0 * (1.0 - 1.035**-10) / 0.035, rel=EXACT
    )


@settings(max_examples=200, deadline=None)
@given(rate=st.floats(-0.05, 0.2), horizon=st.integers(1, 60))
def test_annuity_factor_is_sum_of_discount_factors(rate, horizon):
    explicit = sum((1.0 + rate) ** -t for t in range(1, horizon + 1))
    assert costs.annuity_factor(rate, horizon) == pytest.approx(explicit, rel=1e-9)


def test_annuity_factor_vectorised_with_zero_rate():
    rates = np.array([0.0, 0.035, 0.07])
    out = costs.annuity_factor(rates, 10)
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(
        out, [10.0, (1 - 1.035**-10) / 0.035, (1 - 1.07**-10) / 0.07], rtol=EXACT
    )
    series = costs.annuity_factor(pd.Series(rates, index=["low", "mid", "high"]), 10)
    assert list(series.index) == ["low", "mid", "high"]


CASES = [
    (costs.travel_cost_per_year, (4147.2, 2.23)),
    (costs.value_of_time_per_year, (138.24, 100.0)),
    (costs.external_cost_per_year, (4000.0, 2.5)),
    (
        lambda km, days: costs.commuting_deduction_per_year(km, days, **DK_2025_DEDUCTION),
        (100.0, 103.68),
    ),
    (costs.fiscal_effect_per_year, (10000.0, 0.26)),
    (costs.annuity_factor, (0.035, 10.0)),
    (costs.npv, (1000.0, 0.035, 10.0)),
]
IDS = [
    "travel_cost",
    "value_of_time",
    "external_cost",
    "commuting_deduction",
    "fiscal_effect",
    "annuity_factor",
    "npv",
]


@pytest.mark.parametrize("func, args", CASES, ids=IDS)
def test_scalar_array_series(func, args):
    assert_scalar_array_series(
        func, args, pd.Index(["e1", "e2", "e3"], name="employee_id"), rtol=EXACT
    )
