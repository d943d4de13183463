"""Tests of remotecalc.inputs.parameters: packaged sets, validation of user sets, derived tables.

Reference values come from ``shared/reference/parameters.md`` and, for the UK set, from the
shared DESNZ 2025 flat files, read here so that the packaged TOML is checked against the
source itself (tests skip when the shared data folder is absent). Tolerances: values copied
from a source must match exactly (1e-12); hand-computed ratios of them to 1e-12.
"""

from __future__ import annotations

import copy
import csv
import json
import math
import re
import tomllib
from pathlib import Path

import pytest

from remotecalc.errors import ParameterError
from remotecalc.inputs.parameters import (
    REQUIRED,
    STATUSES,
    VEHICLE_KM_MODES,
    Parameter,
    Parameters,
    list_parameter_sets,
    load_parameters,
)
from remotecalc.inputs.vocab import MODES

SETS = ("dk-2025", "uk-desnz-2025")
PACKAGED = Path(__file__).resolve().parents[1] / "remotecalc" / "data" / "parameters"
DESNZ_DIR = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "emission_factors" / "uk_desnz_2025"
)
EXACT = 1e-12


# -- helpers --------------------------------------------------------------------------------
def _desnz_rows() -> list[dict]:
    if not DESNZ_DIR.is_dir():
        pytest.skip(f"shared DESNZ data not found at {DESNZ_DIR}")
    rows = []
    for f in sorted(DESNZ_DIR.glob("*.csv")):
        with open(f, newline="", encoding="utf-8-sig") as fh:
            rows += list(csv.DictReader(fh))
    return rows


def _desnz(level2: str, level3: str, column: str, uom: str = "km") -> float:
    """One DESNZ 2025 factor (kg CO2e) found by its table and row labels."""
    hits = [
        r
        for r in _desnz_rows()
        if r["Level 2"] == level2
        and r["Level 3"] == level3
        and r["Column Text"] == column
        and r["UOM"] == uom
        and r["GHG/Unit"] == "kg CO2e"
    ]
    assert len(hits) == 1, (level2, level3, column, uom)
    return float(hits[0]["GHG Conversion Factor 2025"])


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # JSON escapes are valid TOML escapes
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + " }"
    return repr(v)


def _dump(doc: dict) -> str:
    """Minimal TOML writer for parameter documents (tables of scalars, inline uncertainty)."""
    lines: list[str] = []

    def table(d: dict, path: str) -> None:
        scalars = {k: v for k, v in d.items() if not isinstance(v, dict) or k == "uncertainty"}
        if scalars:
            lines.append(f"[{path}]")
            lines.extend(f"{k} = {_toml_value(v)}" for k, v in scalars.items())
            lines.append("")
        for k, v in d.items():
            if isinstance(v, dict) and k != "uncertainty":
                table(v, f"{path}.{k}" if path else k)

    table(doc, "")
    return "\n".join(lines)


def _packaged_doc(name: str = "dk-2025") -> dict:
    return tomllib.loads((PACKAGED / f"{name}.toml").read_text(encoding="utf-8"))


def _entry(doc: dict, key: str) -> dict:
    d = doc
    for part in key.split("."):
        d = d[part]
    return d


def _delete(doc: dict, key: str) -> None:
    *parents, last = key.split(".")
    d = doc
    for part in parents:
        d = d[part]
    del d[last]


def _write(tmp_path: Path, doc: dict, name: str = "my-set.toml") -> Path:
    path = tmp_path / name
    path.write_text(_dump(doc), encoding="utf-8")
    return path


def _load_modified(tmp_path: Path, change, name: str = "dk-2025") -> Parameters:
    doc = copy.deepcopy(_packaged_doc(name))
    change(doc)
    return load_parameters(_write(tmp_path, doc))


@pytest.fixture(params=SETS)
def params(request) -> Parameters:
    return load_parameters(request.param)


# -- packaged sets ---------------------------------------------------------------------------
def test_packaged_sets_are_listed_and_load():
    listed = list_parameter_sets()
    assert list(listed.columns) == [
        "name",
        "description",
        "country",
        "currency",
        "year",
        "emission_scope",
    ]
    assert set(SETS) <= set(listed["name"])
    for name in SETS:
        p = load_parameters(name)
        assert p.name == name
        assert p.meta["name"] == name
    assert load_parameters().name == "dk-2025"


def test_currency_and_scope():
    dk, uk = load_parameters("dk-2025"), load_parameters("uk-desnz-2025")
    assert (dk.currency, uk.currency) == ("DKK", "GBP")
    assert dk.emission_scope in ("well_to_wheel", "tank_to_wheel")
    assert uk.emission_scope == "well_to_wheel"
    for p in (dk, uk):
        assert p.meta["emission_scope_note"].strip()


def test_every_entry_is_documented(params):
    for key in params:
        e = params.entry(key)
        assert e.unit.strip(), key
        assert e.source.strip(), key
        assert e.status in STATUSES and e.status != "user", key
        assert e.year is not None or e.note.strip(), key
        assert math.isfinite(e.value), key


def test_required_keys_and_units(params):
    for key, template in REQUIRED.items():
        assert key in params, key
        assert params.entry(key).unit == template.format(cur=params.currency), key


def test_assumptions_have_wide_ranges(params):
    """Status M values are shipped only with an explicit, wide uncertainty range (a linked
    key's is its root's)."""
    for key in params:
        e = params.entry(params.root(key))
        if e.status != "M":
            continue
        u = e.uncertainty
        assert u is not None, f"{key} is an assumption without an uncertainty range"
        if u["dist"] == "normal":
            assert u["sd"] >= 0.1 * abs(e.value), key
        else:
            assert u["high"] - u["low"] >= 0.2 * abs(e.value) - EXACT, key
            assert u["high"] > u["low"], key


def test_describe_one_row_per_key(params):
    d = params.describe()
    assert list(d.columns) == [
        "key",
        "value",
        "unit",
        "year",
        "source",
        "status",
        "uncertainty",
        "note",
    ]
    assert len(d) == len(params.keys()) == len(set(d["key"]))
    assert list(d["key"]) == params.keys()
    assert set(REQUIRED) <= set(d["key"])
    row = d.set_index("key").loc["mode.car.occupancy"]
    assert row["value"] == params["mode.car.occupancy"]


def test_home_routes_exclusive():
    dk, uk = load_parameters("dk-2025"), load_parameters("uk-desnz-2025")
    assert dk["home.co2e_kg_per_fte_hour"] == 0
    assert dk["home.extra_electricity_kwh_per_day"] > 0 and dk["home.extra_heat_kwh_per_day"] > 0
    assert uk["home.co2e_kg_per_fte_hour"] > 0
    assert uk["home.extra_electricity_kwh_per_day"] == 0
    assert uk["home.extra_heat_kwh_per_day"] == 0


def test_dk_known_values():
    """Values as in shared/reference/parameters.md."""
    p = load_parameters("dk-2025")
    assert p["mode.car.co2e_ttw_kg_per_km"] == pytest.approx(0.141, abs=EXACT)  # AU, per vkm
    assert p.entry("mode.car.co2e_ttw_kg_per_km").unit == "kg CO2e/vehicle-km"
    assert p.entry("mode.car.co2e_ttw_kg_per_km").status == "R"
    assert p["mode.car_ev.co2e_ttw_kg_per_km"] == pytest.approx(0.027, abs=EXACT)
    assert p["mode.car.occupancy"] == pytest.approx(1.05, abs=EXACT)
    assert p["energy.electricity_co2e_kg_per_kwh"] == pytest.approx(0.135, abs=EXACT)  # BR18
    assert p["energy.heat_co2e_kg_per_kwh"] == pytest.approx(0.0878, abs=EXACT)
    assert p["workdays_per_year"] == 216 and p.entry("workdays_per_year").status == "R2"
    assert p["hours_per_workday"] == pytest.approx(37 / 5, abs=EXACT)
    assert p["deduction.threshold_km_round_trip"] == 24
    assert p["deduction.upper_km_round_trip"] == 120
    assert p["deduction.rate_per_km"] == pytest.approx(2.23, abs=EXACT)
    # the published upper-band rate (Skatterådet 2025), not half of 2.23 (1.115)
    assert p["deduction.rate_above_upper_per_km"] == pytest.approx(1.12, abs=EXACT)
    # train: the Transportministeriet factors by train type (g/pkm) weighted by DSB's
    # passenger-km by service (mio. pkm, 2012), Regional Øst at the electric/diesel mean (C)
    pkm = {"S-tog": 1284, "IC-lyn + InterCity": 970 + 1933, "Regional Øst": 902, "Vest": 328}
    g = {"S-tog": 11, "IC-lyn + InterCity": 42, "Regional Øst": (9 + 81) / 2, "Vest": 81}
    weighted = sum(pkm[k] * g[k] for k in pkm) / sum(pkm.values()) / 1000
    assert weighted == pytest.approx(0.0375, abs=5e-5)  # 37.51 g by hand
    assert p["mode.train.co2e_ttw_kg_per_km"] == pytest.approx(weighted, abs=5e-5)
    assert p.entry("mode.train.co2e_ttw_kg_per_km").status == "C"
    # bus: diesel 118 g and electric 21.6 g weighted by the electric share of buses, 0.34
    electric_g = 1.2 * 0.135 / 7.5 * 1000
    assert p["mode.bus.co2e_ttw_kg_per_km"] == pytest.approx(
        ((1 - 0.34) * 118 + 0.34 * electric_g) / 1000, abs=5e-4
    )
    # petrol and diesel cars: the Aarhus University fuel-car factor, read (R)
    for fuel in ("petrol", "diesel"):
        e = p.entry(f"mode.car_{fuel}.co2e_ttw_kg_per_km")
        assert (e.value, e.status) == (0.141, "R")
    # rent: mean of the midpoints of the five quoted ranges (C)
    mids = [
        (2200 + 2800) / 2,
        (1100 + 1600) / 2,
        (1600 + 2000) / 2,
        (1200 + 1600) / 2,
        (1000 + 1400) / 2,
    ]
    assert p["office.rent_per_m2_per_year"] == pytest.approx(sum(mids) / 5, abs=EXACT)


def test_uk_known_values_from_desnz_files():
    p = load_parameters("uk-desnz-2025")
    petrol_ttw = _desnz("Cars (by size)", "Average car", "Petrol")
    petrol_wtt = _desnz("WTT- cars (by size)", "Average car", "Petrol")
    assert (petrol_ttw, petrol_wtt) == (0.16272, 0.04599)  # as quoted in parameters.md
    assert p["mode.car_petrol.co2e_ttw_kg_per_km"] == petrol_ttw
    assert p["mode.car_petrol.co2e_wtt_kg_per_km"] == petrol_wtt
    diesel_ttw = _desnz("Cars (by size)", "Average car", "Diesel")
    assert p["mode.car_diesel.co2e_ttw_kg_per_km"] == diesel_ttw
    assert p["mode.car_ev.co2e_wtt_kg_per_km"] == _desnz(
        "WTT- cars (by size)", "Average car", "Battery Electric Vehicle"
    )
    bus_ttw = _desnz("Bus", "Average local bus", "", "passenger.km")
    assert p["mode.bus.co2e_ttw_kg_per_km"] == bus_ttw
    assert p["mode.train.co2e_wtt_kg_per_km"] == _desnz(
        "WTT- rail", "National rail", "", "passenger.km"
    )
    homeworking = [
        r
        for r in _desnz_rows()
        if r["Level 1"] == "Homeworking"
        and r["Level 2"] == "Homeworking (office equipment + heating)"
    ]
    assert p["home.co2e_kg_per_fte_hour"] == float(homeworking[0]["GHG Conversion Factor 2025"])
    assert p["home.co2e_kg_per_fte_hour"] == 0.33378
    for key in (
        "deduction.rate_per_km",
        "deduction.rate_above_upper_per_km",
        "deduction.marginal_tax_value",
    ):
        assert p[key] == 0, key


def test_uk_cited_desnz_rows_match_files():
    """Every status-R entry citing one DESNZ row ID carries that row's value."""
    by_id = {
        r["ID"]: float(r["GHG Conversion Factor 2025"])
        for r in _desnz_rows()
        if r["GHG Conversion Factor 2025"]
    }
    p = load_parameters("uk-desnz-2025")
    checked = 0
    for key in p:
        e = p.entry(key)
        ids = re.findall(r"ID (\d+_\d+_\d+_\d+_\d+)", e.source)
        if e.status == "R" and len(ids) == 1:
            assert e.value == by_id[ids[0]], key
            assert e.source.startswith(
                "UK DESNZ (2025) Greenhouse gas reporting: conversion factors 2025"
            ), key
            checked += 1
    assert checked >= 21  # 11 modes x TTW and WTT, less none, plus the homeworking factor


# -- derived tables --------------------------------------------------------------------------
def test_mode_table_shape(params):
    t = params.mode_table()
    assert list(t.index) == list(MODES)
    assert list(t.columns) == [
        "co2e_ttw_kg_per_km",
        "co2e_wtt_kg_per_km",
        "per_vehicle_km",
        "occupancy",
        "circuity",
        "speed_km_per_h",
        "cost_per_km",
        "external_cost_per_vkm",
        "co2e_kg_per_pkm",
    ]
    assert set(t.index[t["per_vehicle_km"]]) == set(VEHICLE_KM_MODES)
    assert (t.loc[~t["per_vehicle_km"], "occupancy"] == 1).all()
    assert (t["circuity"] >= 1).all() and (t["speed_km_per_h"] > 0).all()


def test_mode_table_co2e_per_pkm_dk(tmp_path):
    p = load_parameters("dk-2025")
    assert p.emission_scope == "well_to_wheel"
    t = p.mode_table()
    car_wtt = p["mode.car.co2e_wtt_kg_per_km"]
    bus_ttw, bus_wtt = p["mode.bus.co2e_ttw_kg_per_km"], p["mode.bus.co2e_wtt_kg_per_km"]
    assert t.loc["car", "co2e_kg_per_pkm"] == pytest.approx((0.141 + car_wtt) / 1.05, abs=EXACT)
    assert t.loc["bus", "co2e_kg_per_pkm"] == pytest.approx(bus_ttw + bus_wtt, abs=EXACT)

    def ttw(doc):  # same set on a tank-to-wheel boundary: the WTT parts are not counted
        doc["meta"]["emission_scope"] = "tank_to_wheel"

    t2 = _load_modified(tmp_path, ttw).mode_table()
    assert t2.loc["car", "co2e_kg_per_pkm"] == pytest.approx(0.141 / 1.05, abs=EXACT)
    assert t2.loc["bus", "co2e_kg_per_pkm"] == pytest.approx(bus_ttw, abs=EXACT)


def test_dk_wtt_factors_from_desnz_ratios():
    """Each dk-2025 WTT factor is its Danish direct factor x the DESNZ 2025 WTT/TTW ratio,
    both DESNZ numbers read from the shared flat files."""
    dk = load_parameters("dk-2025")
    pairs = {
        "car_petrol": ("Petrol", "Cars (by size)", "WTT- cars (by size)", "Average car", "km"),
        "car_diesel": ("Diesel", "Cars (by size)", "WTT- cars (by size)", "Average car", "km"),
        "car_ev": (
            "Battery Electric Vehicle",
            "Cars (by size)",
            "WTT- cars (by size)",
            "Average car",
            "km",
        ),
        "bus": ("", "Bus", "WTT- bus", "Average local bus", "passenger.km"),
        "train": ("", "National rail", "WTT- rail", "National rail", "passenger.km"),
    }
    for mode, (fuel, ttw_l2, wtt_l2, l3, uom) in pairs.items():
        if mode == "train":
            ttw = _desnz("Rail", l3, fuel, uom)
        else:
            ttw = _desnz(ttw_l2, l3, fuel, uom)
        wtt = _desnz(wtt_l2, l3, fuel, uom)
        expected = dk[f"mode.{mode}.co2e_ttw_kg_per_km"] * wtt / ttw
        assert dk[f"mode.{mode}.co2e_wtt_kg_per_km"] == pytest.approx(expected, rel=1e-4), mode
    # petrol: 0.141 x 0.04599 / 0.16272 = 0.03985 by hand
    assert dk["mode.car_petrol.co2e_wtt_kg_per_km"] == pytest.approx(0.039851, abs=1e-6)


@pytest.mark.parametrize("name", SETS)
def test_every_mode_shares_the_set_boundary(name):
    """One emission boundary per set: under well-to-wheel every mode that emits has a
    non-zero well-to-tank part; modes that use no energy are 0 on both parts; electric
    modes carry generation in their direct factor (non-zero)."""
    p = load_parameters(name)
    b = p.mode_boundaries()
    assert list(b.index) == list(MODES)
    assert b["consistent"].all(), b[~b["consistent"]]
    emitting = b["co2e_ttw_kg_per_km"] > 0
    if p.emission_scope == "well_to_wheel":
        assert (b.loc[emitting, "boundary"] == "well_to_wheel").all()
        assert (b.loc[emitting, "co2e_wtt_kg_per_km"] > 0).all()
    for mode in ("car", "car_petrol", "car_diesel", "bus", "train"):  # fossil or mixed
        assert b.loc[mode, "co2e_ttw_kg_per_km"] > 0, (name, mode)
    for mode in ("car_ev", "ebike", "metro", "tram"):  # electric: generation included
        assert b.loc[mode, "co2e_ttw_kg_per_km"] > 0, (name, mode)
    for mode in ("walk", "bicycle"):
        assert b.loc[mode, "boundary"] == "zero", (name, mode)
    assert p.describe().attrs["emission_scope"] == p.emission_scope


def test_mixed_boundary_is_detected(tmp_path):
    """A well-to-wheel set whose fossil car has no well-to-tank part is flagged."""

    def mixed(doc):
        _entry(doc, "mode.car.co2e_wtt_kg_per_km")["value"] = 0.0
        del _entry(doc, "mode.car.co2e_wtt_kg_per_km")["uncertainty"]

    b = _load_modified(tmp_path, mixed).mode_boundaries()
    assert b.loc["car", "boundary"] == "tank_to_wheel"
    assert not b.loc["car", "consistent"]
    assert b.drop(index="car")["consistent"].all()

    def ttw(doc):  # the same numbers on a tank-to-wheel boundary are consistent
        doc["meta"]["emission_scope"] = "tank_to_wheel"
        mixed(doc)

    assert _load_modified(tmp_path, ttw).mode_boundaries()["consistent"].all()


def test_mode_table_co2e_per_pkm_uk(tmp_path):
    t = load_parameters("uk-desnz-2025").mode_table()  # well-to-wheel, occupancy 1.1
    assert t.loc["car", "co2e_kg_per_pkm"] == pytest.approx((0.16725 + 0.04399) / 1.1, abs=EXACT)
    assert t.loc["bus", "co2e_kg_per_pkm"] == pytest.approx(0.10385 + 0.02649, abs=EXACT)

    def ttw(doc):
        doc["meta"]["emission_scope"] = "tank_to_wheel"

    t2 = _load_modified(tmp_path, ttw, "uk-desnz-2025").mode_table()
    assert t2.loc["car", "co2e_kg_per_pkm"] == pytest.approx(0.16725 / 1.1, abs=EXACT)
    assert t2.loc["bus", "co2e_kg_per_pkm"] == pytest.approx(0.10385, abs=EXACT)


def test_noncommute_mode_share(params):
    s = params.noncommute_mode_share()
    assert set(s.index) == {"car", "bicycle", "walk", "bus"}
    assert s.sum() == pytest.approx(1.0, abs=1e-9)
    assert ((s >= 0) & (s <= 1)).all()


def test_uncertain_rows_are_consistent(params):
    u = params.uncertain()
    assert list(u.columns[:5]) == ["key", "unit", "status", "dist", "value"]
    assert len(u) > 0 and set(u["key"]) <= set(params.keys())
    assert set(u["dist"]) <= {"uniform", "triangular", "normal"}
    bounded = u[u["dist"].isin(["uniform", "triangular"])]
    assert (bounded["low"] <= bounded["value"]).all()
    assert (bounded["value"] <= bounded["high"]).all()
    tri = u[u["dist"] == "triangular"]
    assert ((tri["low"] <= tri["mode"]) & (tri["mode"] <= tri["high"])).all()
    for key, value in zip(u["key"], u["value"], strict=True):
        assert params[key] == value


# -- immutability and overrides --------------------------------------------------------------
def test_with_overrides_returns_new_object():
    p = load_parameters("dk-2025")
    q = p.with_overrides(
        {
            "mode.car.occupancy": 1.2,
            "office.rent_per_m2_per_year": {
                "value": 2500,
                "year": 2025,
                "uncertainty": {"dist": "uniform", "low": 2000, "high": 3000},
            },
        }
    )
    assert q is not p
    assert p["mode.car.occupancy"] == 1.05 and p.entry("mode.car.occupancy").status == "R2"
    assert q["mode.car.occupancy"] == 1.2
    e = q.entry("mode.car.occupancy")
    assert (e.status, e.source, e.uncertainty) == ("user", "override", None)
    r = q.entry("office.rent_per_m2_per_year")
    assert (r.value, r.status, r.year, r.uncertainty["high"]) == (2500.0, "user", 2025, 3000)
    assert p["office.rent_per_m2_per_year"] == 1650
    wtw_car = 0.141 + p["mode.car.co2e_wtt_kg_per_km"]  # dk-2025 is well-to-wheel
    assert q.mode_table().loc["car", "co2e_kg_per_pkm"] == pytest.approx(wtw_car / 1.2, abs=EXACT)


def test_parameters_are_immutable():
    p = load_parameters("dk-2025")
    with pytest.raises(AttributeError):
        p.name = "other"
    p.meta["currency"] = "EUR"
    assert p.currency == "DKK"
    e = p.entry("mode.car.occupancy")
    e.uncertainty["low"] = -5
    assert p.entry("mode.car.occupancy").uncertainty["low"] == 1.0


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("mode.car.occupancy", float("nan"), "mode.car.occupancy: value must be a finite number"),
        ("mode.car.cost_per_km", -1.0, "mode.car.cost_per_km: value -1.0 is outside"),
        (
            "office.support_space_share",
            1.5,
            ("office.support_space_share: value 1.5 is outside the share range [0, 1]"),
        ),
        ("finance.discount_rate", -0.01, "finance.discount_rate: value -0.01 is outside"),
        ("mode.bus.circuity", 0.9, "mode.bus.circuity: value 0.9 is outside"),
        ("mode.bus.occupancy", 7.1, "mode.bus.occupancy: must be 1"),  # factor is per passenger-km
        (
            "rebound.noncommute_mode_share.car",
            0.8,
            ("rebound.noncommute_mode_share.*: shares must sum to 1"),
        ),
    ],
)
def test_with_overrides_rejects_bad_values(key, value, expected):
    p = load_parameters("dk-2025")
    before = p[key]
    with pytest.raises(ParameterError, match=re.escape(expected)):
        p.with_overrides({key: value})
    assert p[key] == before


def test_with_overrides_rejects_unknown_key_and_field():
    p = load_parameters("dk-2025")
    with pytest.raises(ParameterError, match=r"mode\.car\.ocupancy.*mode\.car\.occupancy"):
        p.with_overrides({"mode.car.ocupancy": 1.2})
    with pytest.raises(ParameterError, match=r"mode.car.occupancy.*status"):
        p.with_overrides({"mode.car.occupancy": {"value": 1.2, "status": "R"}})
    with pytest.raises(ParameterError, match=r"mode.car.occupancy"):
        p.with_overrides({"mode.car.occupancy": "1.2"})
    with pytest.raises(ParameterError, match=r"mode.car.occupancy.*low <= value <= high"):
        p.with_overrides(
            {
                "mode.car.occupancy": {
                    "value": 2.0,
                    "uncertainty": {"dist": "uniform", "low": 1.0, "high": 1.5},
                }
            }
        )


def test_getitem_unknown_key_suggests():
    p = load_parameters("dk-2025")
    with pytest.raises(
        ParameterError, match=r"dk-2025.*'mode\.car\.ocupancy'.*mode\.car\.occupancy"
    ):
        p["mode.car.ocupancy"]
    assert p.get("mode.car.ocupancy") is None
    assert p.get("mode.car.ocupancy", 1.0) == 1.0
    assert "mode.car.occupancy" in p and "nonsense" not in p


# -- user TOML files -------------------------------------------------------------------------
def test_user_file_round_trip(tmp_path):
    path = _write(tmp_path, _packaged_doc("uk-desnz-2025"))
    p, ref = load_parameters(path), load_parameters("uk-desnz-2025")
    assert p.name == "uk-desnz-2025" and p.keys() == ref.keys()
    assert all(p.entry(k) == ref.entry(k) for k in ref)
    assert load_parameters(str(path))["mode.bus.co2e_ttw_kg_per_km"] == 0.10385


def test_user_file_missing_keys_listed_together(tmp_path):
    doc = _packaged_doc()
    _delete(doc, "home.extra_heat_kwh_per_day")
    _delete(doc, "mode.tram.circuity")
    path = _write(tmp_path, doc)
    with pytest.raises(ParameterError) as err:
        load_parameters(path)
    msg = str(err.value)
    assert str(path) in msg
    assert "home.extra_heat_kwh_per_day" in msg and "mode.tram.circuity" in msg


def test_user_file_unit_mismatch(tmp_path):
    def change(doc):
        _entry(doc, "mode.car.cost_per_km")["unit"] = "EUR/passenger-km"

    with pytest.raises(
        ParameterError,
        match=r"mode\.car\.cost_per_km: unit 'EUR/passenger-km' "
        r"found, expected 'DKK/passenger-km'",
    ):
        _load_modified(tmp_path, change)


def test_user_file_bad_share(tmp_path):
    def change(doc):
        _entry(doc, "office.support_space_share")["value"] = 1.5

    with pytest.raises(ParameterError, match=r"office\.support_space_share"):
        _load_modified(tmp_path, change)


def test_user_file_mode_shares_must_sum_to_one(tmp_path):
    def change(doc):
        _entry(doc, "rebound.noncommute_mode_share.car")["value"] = 0.71

    with pytest.raises(ParameterError, match=r"rebound\.noncommute_mode_share.*sum to 1"):
        _load_modified(tmp_path, change)


@pytest.mark.parametrize(
    "key, field, value, expected",
    [
        ("mode.car.occupancy", "status", "X", "status 'X'"),
        (
            "mode.car.occupancy",
            "uncertainty",
            {"dist": "uniform", "low": 1.1, "high": 1.2},
            "low <= value <= high",
        ),
        ("mode.car.occupancy", "uncertainty", {"dist": "beta", "a": 1}, "dist 'beta'"),
        ("mode.car.occupancy", "value", "1.05", "must be a number"),
        ("mode.car.occupancy", "colour", "red", "unknown field"),
        ("home.co2e_kg_per_fte_hour", "value", 0.3, "either the per-hour"),
    ],
)
def test_user_file_other_problems(tmp_path, key, field, value, expected):
    def change(doc):
        _entry(doc, key)[field] = value

    with pytest.raises(ParameterError, match=re.escape(key) + ".*" + re.escape(expected)):
        _load_modified(tmp_path, change)


def test_user_file_missing_year_needs_note(tmp_path):
    def change(doc):
        e = _entry(doc, "office.support_space_share")
        del e["year"]
        del e["note"]

    with pytest.raises(ParameterError, match=r"office\.support_space_share: give a year"):
        _load_modified(tmp_path, change)


def test_unreadable_or_unknown_sets(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text("[meta\nname = 1", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"broken.toml.*not valid TOML"):
        load_parameters(bad)
    with pytest.raises(ParameterError, match="not found"):
        load_parameters(tmp_path / "absent.toml")
    with pytest.raises(ParameterError, match="dk-2025"):
        load_parameters("dk-2052")


def test_constructor_validates():
    p = load_parameters("dk-2025")
    entries = {k: p.entry(k) for k in p}
    entries["mode.car.occupancy"] = Parameter(
        "mode.car.occupancy", -1.0, "persons/vehicle", 2025, "test", "M", None
    )
    with pytest.raises(ParameterError, match=r"mode\.car\.occupancy"):
        Parameters("test", p.meta, entries)
