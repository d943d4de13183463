"""Tests of remotecalc.formulas.emissions: factors per passenger-km, annual CO2e, vehicle-km.

Reference factors: UK DESNZ 2025 conversion factors, average petrol car, per vehicle-km,
TTW 0.16272 and WTT 0.04599 kg CO2e (shared/reference/parameters.md, status R).
Tolerances: exact decimal arithmetic, ``rel=1e-12``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from _kinds import assert_scalar_array_series
from hypothesis import given, settings
from hypothesis import strategies as st

from remotecalc.formulas import commute, emissions

EXACT = 1e-12

DESNZ_2025_PETROL_CAR = {"ttw_kg_per_km": 0.16272, "wtt_kg_per_km": 0.04599}
"""UK DESNZ (2025) GHG conversion factors, average petrol car, per vehicle-km."""
DESNZ_2025_LOCAL_BUS = {"ttw_kg_per_km": 0.10385, "wtt_kg_per_km": 0.02649}
"""UK DESNZ (2025) GHG conversion factors, average local bus, per passenger-km."""


def test_car_factor_divided_by_occupancy():
    car = DESNZ_2025_PETROL_CAR
    # tank-to-wheel, 1.05 persons per car: 0.16272 / 1.05
    assert emissions.co2e_kg_per_pkm(
        occupancy=1.05, per_vehicle_km=True, well_to_wheel=False, **car
    ) == pytest.approx(0.16272 / 1.05, rel=EXACT)
    # well-to-wheel, alone: 0.16272 + 0.04599 = 0.20871
    assert emissions.co2e_kg_per_pkm(
        occupancy=1.0, per_vehicle_km=True, well_to_wheel=True, **car
    ) == pytest.approx(0.20871, rel=EXACT)


def test_passenger_km_factor_ignores_occupancy():
    bus = DESNZ_2025_LOCAL_BUS
    for occupancy in (np.nan, 0.0, 7.1):
        assert emissions.co2e_kg_per_pkm(
            occupancy=occupancy, per_vehicle_km=False, well_to_wheel=True, **bus
        ) == pytest.approx(0.13034, rel=EXACT)


def test_mixed_modes_vectorised_with_series_index():
    idx = pd.Index(["car", "bus", "bike"])
    ttw = pd.Series([0.16272, 0.10385, 0.0], index=idx)
    wtt = pd.Series([0.04599, 0.02649, 0.0], index=idx)
    occupancy = pd.Series([2.0, np.nan, np.nan], index=idx)
    per_vehicle = pd.Series([True, False, False], index=idx)
    out = emissions.co2e_kg_per_pkm(ttw, wtt, occupancy, per_vehicle, False)
    assert isinstance(out, pd.Series)
    assert out.index.equals(idx)
    np.testing.assert_allclose(out.to_numpy(), [0.08136, 0.10385, 0.0], rtol=EXACT)


def test_commute_co2e_hand_example():
    # 4147.2 pkm (20 km, 103.68 days) × 0.099 kg/pkm (average fossil car, DK) = 410.5728 kg
    assert emissions.commute_co2e_kg_per_year(4147.2, 0.099) == pytest.approx(410.5728, rel=EXACT)


def test_vehicle_km_car_and_passenger_modes():
    assert emissions.vehicle_km_per_year(4200.0, 1.05, True) == pytest.approx(4000.0, rel=EXACT)
    assert emissions.vehicle_km_per_year(4200.0, 7.1, False) == 0.0
    assert emissions.vehicle_km_per_year(4200.0, np.nan, False) == 0.0
    out = emissions.vehicle_km_per_year(
        np.array([4200.0, 4200.0]), np.array([1.05, 0.0]), np.array([True, False])
    )
    np.testing.assert_allclose(out, [4000.0, 0.0], rtol=EXACT)


CASES = [
    (emissions.co2e_kg_per_pkm, (0.16272, 0.04599, 1.05, True, True)),
    (emissions.commute_co2e_kg_per_year, (4147.2, 0.099)),
    (emissions.vehicle_km_per_year, (4200.0, 1.05, True)),
]


@pytest.mark.parametrize("func, args", CASES, ids=[c[0].__name__ for c in CASES])
def test_scalar_array_series(func, args):
    assert_scalar_array_series(
        func, args, pd.Index(["x", "y", "z"], name="employee_id"), rtol=EXACT
    )


@settings(max_examples=200, deadline=None)
@given(km=st.floats(0.0, 300.0), fte=st.floats(0.05, 1.0))
def test_zero_onsite_days_zero_commute_co2e(km, fte):
    s = commute.onsite_days_per_year(fte, 0.0, 216.0)
    factor = emissions.co2e_kg_per_pkm(0.16272, 0.04599, 1.05, True, True)
    assert emissions.commute_co2e_kg_per_year(commute.annual_commute_km(km, s), factor) == 0.0


@settings(max_examples=200, deadline=None)
@given(occupancy=st.floats(1.0, 5.0), wtw=st.booleans())
def test_more_occupants_never_raise_car_factor(occupancy, wtw):
    car = DESNZ_2025_PETROL_CAR
    alone = emissions.co2e_kg_per_pkm(occupancy=1.0, per_vehicle_km=True, well_to_wheel=wtw, **car)
    shared = emissions.co2e_kg_per_pkm(
        occupancy=occupancy, per_vehicle_km=True, well_to_wheel=wtw, **car
    )
    assert shared <= alone
    assert shared * occupancy == pytest.approx(alone, rel=EXACT)
