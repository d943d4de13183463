"""Tests of remotecalc.formulas.commute: working, on-site and home days; commute km, trips and
hours.

Tolerances: values computed by hand from exact decimal inputs are compared with
``rel=1e-12`` (a few floating-point roundings); exact zeros are compared exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from remotecalc.formulas import commute

EXACT = 1e-12  # relative tolerance for floating-point arithmetic on exact decimals

fte_values = st.floats(min_value=0.05, max_value=1.0)
onsite_values = st.floats(min_value=0.0, max_value=5.0)
km_values = st.floats(min_value=0.0, max_value=300.0)
workday_values = st.floats(min_value=150.0, max_value=260.0)


@pytest.fixture
def hand_example():
    """One employee: 20 km one way, 3 on-site days a week, 0.8 FTE, 216 working days.

    By hand: D = 216 × 0.8 = 172.8; S = 172.8 × 3/5 = 103.68; H = 69.12;
    km = 2 × 20 × 103.68 = 4147.2; trips = 207.36.
    """
    return {
        "one_way_km": 20.0,
        "onsite_days_per_week": 3.0,
        "fte": 0.8,
        "workdays_per_year": 216.0,
        "D": 172.8,
        "S": 103.68,
        "H": 69.12,
        "km": 4147.2,
        "trips": 207.36,
    }


def test_hand_example(hand_example):
    e = hand_example
    assert commute.working_days_per_year(e["fte"], e["workdays_per_year"]) == pytest.approx(
        e["D"], rel=EXACT
    )
    s = commute.onsite_days_per_year(e["fte"], e["onsite_days_per_week"], e["workdays_per_year"])
    assert s == pytest.approx(e["S"], rel=EXACT)
    assert commute.home_days_per_year(
        e["fte"], e["onsite_days_per_week"], e["workdays_per_year"]
    ) == pytest.approx(e["H"], rel=EXACT)
    assert commute.annual_commute_km(e["one_way_km"], s) == pytest.approx(e["km"], rel=EXACT)
    assert commute.annual_commute_trips(s) == pytest.approx(e["trips"], rel=EXACT)


def test_hours_from_speed_and_given_time(hand_example):
    s = hand_example["S"]
    # 20 km at 30 km/h = 40 min one way -> 2 × 103.68 × 2/3 h = 138.24 h
    assert commute.annual_commute_hours(20.0, s, 30.0) == pytest.approx(138.24, rel=EXACT)
    # a given 25 minutes wins over distance / speed: 2 × 103.68 × 25/60 = 86.4 h
    assert commute.annual_commute_hours(20.0, s, 30.0, minutes_one_way=25.0) == pytest.approx(
        86.4, rel=EXACT
    )
    # NaN means "not given": back to distance / speed
    assert commute.annual_commute_hours(20.0, s, 30.0, minutes_one_way=np.nan) == pytest.approx(
        138.24, rel=EXACT
    )


def test_hours_mixed_given_and_missing_series_keeps_index():
    idx = pd.Index(["e1", "e2", "e3"], name="employee_id")
    km = pd.Series([20.0, 20.0, 10.0], index=idx)
    minutes = pd.Series([30.0, np.nan, 60.0], index=idx)
    days = pd.Series([100.0, 100.0, 50.0], index=idx)
    hours = commute.annual_commute_hours(km, days, 40.0, minutes_one_way=minutes)
    assert isinstance(hours, pd.Series)
    assert hours.index.equals(idx)
    np.testing.assert_allclose(hours.to_numpy(), [100.0, 100.0, 100.0], rtol=EXACT)


def test_hours_nullable_float_with_missing_travel_time():
    minutes = pd.Series(pd.array([30.0, None], dtype="Float64"), index=["a", "b"])
    km = pd.Series([20.0, 20.0], index=["a", "b"])
    hours = commute.annual_commute_hours(km, 100.0, 40.0, minutes_one_way=minutes)
    np.testing.assert_allclose(hours.to_numpy(), [100.0, 100.0], rtol=EXACT)


# --- scalar, ndarray and Series in -> the same kind out ----------------------------------

CASES = [
    (commute.working_days_per_year, (0.8, 216.0)),
    (commute.onsite_days_per_year, (0.8, 3.0, 216.0)),
    (commute.home_days_per_year, (0.8, 3.0, 216.0)),
    (commute.annual_commute_km, (20.0, 103.68)),
    (commute.annual_commute_trips, (103.68,)),
    (commute.annual_commute_hours, (20.0, 103.68, 30.0)),
]


@pytest.mark.parametrize("func, args", CASES, ids=[c[0].__name__ for c in CASES])
def test_scalar_array_series(func, args):
    first = args[0]
    scalar = func(*args)
    assert isinstance(scalar, float)
    values = np.array([first, 2.0 * first, 0.0])
    expected = np.array([func(v, *args[1:]) for v in values])

    array_out = func(values, *args[1:])
    assert isinstance(array_out, np.ndarray)
    np.testing.assert_allclose(array_out, expected, rtol=EXACT)

    index = pd.Index([101, 7, 55], name="employee_id")
    series_out = func(pd.Series(values, index=index), *args[1:])
    assert isinstance(series_out, pd.Series)
    assert series_out.index.equals(index)
    np.testing.assert_allclose(series_out.to_numpy(), expected, rtol=EXACT)


# --- invariants -----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(fte=fte_values, workdays=workday_values)
def test_five_onsite_days_means_no_home_days(fte, workdays):
    assert commute.home_days_per_year(fte, 5.0, workdays) == 0.0
    assert commute.onsite_days_per_year(fte, 5.0, workdays) == commute.working_days_per_year(
        fte, workdays
    )


@settings(max_examples=200, deadline=None)
@given(fte=fte_values, workdays=workday_values)
def test_zero_onsite_days_means_no_commute(fte, workdays):
    s = commute.onsite_days_per_year(fte, 0.0, workdays)
    assert commute.annual_commute_km(25.0, s) == 0.0
    assert commute.annual_commute_hours(25.0, s, 40.0) == 0.0


@settings(max_examples=200, deadline=None)
@given(km=km_values, fte=fte_values, workdays=workday_values, a=onsite_values, b=onsite_values)
def test_more_onsite_days_never_lower_commute_km(km, fte, workdays, a, b):
    low, high = min(a, b), max(a, b)
    km_low = commute.annual_commute_km(km, commute.onsite_days_per_year(fte, low, workdays))
    km_high = commute.annual_commute_km(km, commute.onsite_days_per_year(fte, high, workdays))
    assert km_high >= km_low


@settings(max_examples=200, deadline=None)
@given(
    km=km_values,
    fte=fte_values,
    workdays=workday_values,
    onsite=onsite_values,
    scale=st.floats(min_value=0.1, max_value=1.0),
)
def test_linear_in_fte(km, fte, workdays, onsite, scale):
    s = commute.onsite_days_per_year(fte, onsite, workdays)
    s_scaled = commute.onsite_days_per_year(scale * fte, onsite, workdays)
    assert s_scaled == pytest.approx(scale * s, rel=EXACT, abs=1e-12)
    assert commute.annual_commute_km(km, s_scaled) == pytest.approx(
        scale * commute.annual_commute_km(km, s), rel=EXACT, abs=1e-9
    )
    h = commute.home_days_per_year(fte, onsite, workdays)
    assert commute.home_days_per_year(scale * fte, onsite, workdays) == pytest.approx(
        scale * h, rel=1e-9, abs=1e-9
    )


@settings(max_examples=200, deadline=None)
@given(fte=fte_values, workdays=workday_values, onsite=onsite_values)
def test_onsite_plus_home_days_are_working_days(fte, workdays, onsite):
    d = commute.working_days_per_year(fte, workdays)
    s = commute.onsite_days_per_year(fte, onsite, workdays)
    h = commute.home_days_per_year(fte, onsite, workdays)
    assert s + h == pytest.approx(d, rel=EXACT)
    assert 0.0 <= s <= d
    assert h >= 0.0
