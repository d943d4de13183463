"""Known answers for the computed (status C) home, energy and office values of ``dk-2025``.

Each value is recomputed here by hand from the figures its note quotes, so that a changed
value, a changed input figure or a changed companion parameter (the heating season share
that the extra heat is divided by) is caught. The quoted figures themselves must appear in
the note, so a reader can follow the sum. Values are rounded as in the set (the rounding
is the tolerance: half a unit of the last shown digit).
"""

from __future__ import annotations

import pytest

from remotecalc.parameters import load_parameters


@pytest.fixture(scope="module")
def dk():
    return load_parameters("dk-2025")


def _close(value: float, exact: float, decimals: int) -> bool:
    return abs(value - exact) <= 0.5 * 10.0**-decimals + 1e-12


def test_extra_heat_from_standard_house_and_iea_range(dk):
    # 15 % (middle of IEA's 7-23 %) of Forsyningstilsynet's standard house, 18.1 MWh a year,
    # per day of the year, counted on heating-season days only:
    # 0.15 x 18,100 / 365 = 7.438 kWh per home day; / 0.58 = 12.82 kWh per heating-season day
    season = dk["home.heating_season_share"]
    exact = 0.15 * 18_100 / 365 / season
    assert _close(dk["home.extra_heat_kwh_per_day"], exact, 1)
    # the product the model uses is 15 % of the house's mean daily heat, whatever the season
    assert dk["home.extra_heat_kwh_per_day"] * season == pytest.approx(7.438, abs=0.03)
    e = dk.entry("home.extra_heat_kwh_per_day")
    assert e.status == "C"
    for quoted in ("18,1 MWh", "15 MWh", "7 % to +23 %", "14 % i januar"):
        assert quoted in e.note, quoted
    # range: 7 % of the standard flat (15 MWh) to 23 % of the standard house
    u = e.uncertainty
    assert _close(u["low"], 0.07 * 15_000 / 365 / season, 1)
    assert _close(u["high"], 0.23 * 18_100 / 365 / season, 1)
    assert u["low"] < u["mode"] == e.value < u["high"]


def test_extra_electricity_from_per_person_use(dk):
    # 15 % of 1,600 kWh a year per person: 0.15 x 1,600 / 365 = 0.6575 kWh a day
    assert _close(dk["home.extra_electricity_kwh_per_day"], 0.15 * 1_600 / 365, 2)
    e = dk.entry("home.extra_electricity_kwh_per_day")
    assert e.status == "C" and "1.600 kWh" in e.note
    assert _close(e.uncertainty["low"], 0.07 * 1_600 / 365, 2)
    assert _close(e.uncertainty["high"], 0.23 * 1_600 / 365, 2)


def test_heat_price_from_average_bill(dk):
    # 13,547 kr. a year for the standard house (August 2022) / 18,100 kWh = 0.7485 DKK/kWh;
    # range 4,273 / 18,100 = 0.236 (cheapest utility) to 45,291 / 18,100 = 2.502 (dearest)
    assert _close(dk["energy.heat_price_per_kwh"], 13_547 / 18_100, 2)
    e = dk.entry("energy.heat_price_per_kwh")
    assert e.status == "C" and "13.547 kr." in e.note
    assert _close(e.uncertainty["low"], 4_273 / 18_100, 2)
    assert _close(e.uncertainty["high"], 45_291 / 18_100, 2)


def test_embodied_office_co2e_from_2025_limits(dk):
    # new office from 1 July 2025: 7.5 (materials and operation) + 1.5 (construction) = 9.0;
    # range: 2029 office limit 6.1 to the 2023 limit 12.0 + 1.5 = 13.5
    e = dk.entry("office.embodied_co2e_kg_per_m2_per_year")
    assert e.value == pytest.approx(7.5 + 1.5, abs=1e-12)
    assert e.uncertainty["low"] == pytest.approx(6.1, abs=1e-12)
    assert e.uncertainty["high"] == pytest.approx(12.0 + 1.5, abs=1e-12)
    assert e.status == "C"
    for quoted in ("7,5 CO2-ækv./m²/år", "1,5 kg CO2-ækv./m²/år", "7,5 6,8 6,1"):
        assert quoted in e.note, quoted


def test_area_per_desk_from_bygningsstyrelsen(dk):
    # 12 m2 per employee / 0.7 desks per employee = 17.14 m2 per desk; low 12 / 1 desk each
    e = dk.entry("office.area_per_desk_m2")
    assert _close(e.value, 12 / 0.7, 1)
    assert e.uncertainty["low"] == pytest.approx(12.0, abs=1e-12)
    assert "12 m² pr. medarbejder" in e.note and "0,7 skrivebord" in e.note


def test_rebound_share_from_ademe(dk):
    # 'Chaînes modales' +67.7 kg CO2e a year against 271 saved: 0.2498
    assert _close(dk["rebound.noncommute_share_of_avoided_km"], 67.7 / 271, 2)
    assert "31 %" in dk.entry("rebound.noncommute_share_of_avoided_km").note


@pytest.mark.parametrize(
    "key",
    [
        "office.occupancy_cost_per_attendee_day",
        "office.operating_cost_per_m2_per_year",
        "cost.value_of_time_per_hour",
        "home.heating_season_share",
        "rebound.noncommute_own_mode_share",
    ],
)
def test_assumptions_say_what_was_sought(dk, key):
    # still M: the note must name what was looked for and that it was not read
    e = dk.entry(key)
    assert e.status == "M"
    assert "ought" in e.note and ("not read" in e.note or "not reached" in e.note), key
