"""Commute distances: zone-internal distance, origin-destination tables, distance sources.

Known answers are computed by hand in the comments; the shared Danish tables are read from
../shared/data (tests that need them skip when it is absent).
"""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc import StaffingError
from remotecalc.cli.main import app
from remotecalc.inputs import geography
from remotecalc.inputs.geography import (
    MEAN_DISC_DISTANCE_PER_RADIUS,
    ZoneAreas,
    geometry_area_km2,
    ring_area_km2,
    zone_internal_distance_km,
)
from remotecalc.inputs.readers import read_od
from remotecalc.inputs.workforce import DISTANCE_SOURCES

ROOT = Path(__file__).resolve().parents[1]
CAR_CIRCUITY = rc.load_parameters("dk-2025")["mode.car.circuity"]
BIKE_CIRCUITY = rc.load_parameters("dk-2025")["mode.bicycle.circuity"]


# --------------------------------------------------------------------------------------------
# The formula
# --------------------------------------------------------------------------------------------
def test_disc_constant_and_hand_value():
    assert MEAN_DISC_DISTANCE_PER_RADIUS == pytest.approx(0.905414787, rel=1e-9)
    # 100 km²: R = sqrt(100/π) = 5.641896 km; 0.9054148 × 5.641896 = 5.108256 km
    assert zone_internal_distance_km(100.0) == pytest.approx(5.108256, rel=1e-6)
    # scales with sqrt(area): 4 × the area, 2 × the distance
    assert zone_internal_distance_km(400.0) == pytest.approx(2 * zone_internal_distance_km(100.0))


def test_disc_constant_by_simulation():
    """Mean distance of 400,000 pairs of uniform points of the unit disc (seeded)."""
    rng = np.random.default_rng(7)
    n = 400_000
    r = np.sqrt(rng.random((2, n)))
    t = 2 * np.pi * rng.random((2, n))
    d = np.hypot(
        r[0] * np.cos(t[0]) - r[1] * np.cos(t[1]), r[0] * np.sin(t[0]) - r[1] * np.sin(t[1])
    )
    # standard error ≈ 0.42 / sqrt(n) ≈ 0.0007
    assert d.mean() == pytest.approx(MEAN_DISC_DISTANCE_PER_RADIUS, abs=0.003)


def test_ring_area_of_a_lat_lon_cell_is_exact():
    # a cell between latitudes 0 and 1 deg and longitudes 0 and 1 deg on a sphere:
    # A = R² Δλ (sin φ2 − sin φ1)
    exact = geography.EARTH_RADIUS_KM**2 * math.radians(1.0) * math.sin(math.radians(1.0))
    assert ring_area_km2(np.array([0, 1, 1, 0, 0]), np.array([0, 0, 1, 1, 0])) == pytest.approx(
        exact, rel=1e-12
    )
    # a hole is subtracted: the same cell minus a quarter-size cell in its corner
    hole = [[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 0], [0, 0]]
    outer = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    inner = ring_area_km2(np.array([0, 0.5, 0.5, 0]), np.array([0, 0, 0.5, 0.5]))
    area = geometry_area_km2({"type": "Polygon", "coordinates": [outer, hole]})
    assert area == pytest.approx(exact - inner, rel=1e-12)


def test_packaged_areas_match_the_shared_municipality_table(dk_municipalities):
    areas = ZoneAreas.packaged().table
    mun = pd.read_csv(dk_municipalities, dtype=str)
    m = areas[areas["kind"] == "municipality"].merge(mun, left_on="code", right_on="kommunekode")
    assert len(m) == 99
    ratio = m["area_km2"] / m["area_km2_approx"].astype(float)
    big = m["area_km2"] > 5  # Christiansø (0.4 km²) is rounded to one decimal there
    assert ratio[big].between(0.99, 1.01).all()
    # all of Denmark, both ways: about 42,900 km² (Statistics Denmark: 42,947 km²)
    by_kind = areas.groupby("kind")["area_km2"].sum()
    assert by_kind["postcode"] == pytest.approx(by_kind["municipality"], rel=1e-4)
    assert 42_000 < by_kind["postcode"] < 43_500


def test_packaged_table_is_what_the_script_derives(dk_postcodes):
    polygons = dk_postcodes.parent
    if not (polygons / "postnumre.geojson").exists():
        pytest.skip("../shared/data/dk/postnumre.geojson not found")
    spec = importlib.util.spec_from_file_location(
        "derive_zone_areas", ROOT / "scripts" / "derive_zone_areas.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    derived = mod.derive(polygons)
    packaged = ZoneAreas.packaged().table
    pd.testing.assert_frame_equal(
        derived.reset_index(drop=True), packaged.reset_index(drop=True), check_dtype=False
    )


# --------------------------------------------------------------------------------------------
# Same postcode / municipality: never 0 km
# --------------------------------------------------------------------------------------------
def _staff(**cols):
    n = len(cols["employee_id"])
    base = {"fte": [1.0] * n, "onsite_days_per_week": [5.0] * n}
    return pd.DataFrame({**cols, **base})


def test_same_postcode_commute_is_the_zone_internal_distance(dk_postcodes):
    staff = _staff(
        employee_id=["1", "2", "3"],
        site_id=["A", "A", "B"],
        mode=["car", "bicycle", "car"],
        home_postcode=["4000", "4000", "4000"],
    )
    sites = pd.DataFrame({"site_id": ["A", "B"], "postcode": ["4000", "4300"]})
    wf = rc.read_staffing(staff, sites, postcodes=dk_postcodes)
    # before: the postcode's point to itself
    assert wf.sites.loc[0, "lat"] == wf.staff.loc[0, "home_lat"]
    # hand: packaged area of 4000 Roskilde, A km²; d = 128/(45π) × sqrt(A/π) × circuity
    table = ZoneAreas.packaged().table
    area = float(
        table.loc[(table["kind"] == "postcode") & (table["code"] == "4000"), "area_km2"].iloc[0]
    )
    d = 128 / (45 * math.pi) * math.sqrt(area / math.pi)
    res = rc.assess(wf, rc.Scenario(name="x", remote_days_per_week=2))
    km = res.per_employee["one_way_km"].to_numpy()
    assert km[0] > 0 and km[1] > 0
    assert km[0] == pytest.approx(d * CAR_CIRCUITY, rel=1e-12)
    assert km[1] == pytest.approx(d * BIKE_CIRCUITY, rel=1e-12)
    assert km[2] > 10  # Roskilde to Holbæk: the great-circle distance, unchanged
    assert res.per_employee["distance_source"].tolist() == [
        "zone_internal",
        "zone_internal",
        "great_circle×circuity",
    ]
    assert any("2 employee(s) placed by postcode" in n for n in res.notes)


def test_same_postcode_with_a_known_area_by_hand(dk_postcodes):
    staff = _staff(employee_id=["1"], site_id=["A"], mode=["car"], home_postcode=["4000"])
    sites = pd.DataFrame({"site_id": ["A"], "postcode": ["4000"]})
    wf = rc.read_staffing(staff, sites, postcodes=dk_postcodes).with_zone_areas(
        pd.DataFrame({"kind": ["postcode"], "postnr": ["4000"], "area_km2": ["100"]})
    )
    # 100 km²: 5.108256 km before circuity
    assert wf.great_circle_km().iloc[0] == pytest.approx(5.108256, rel=1e-6)
    res = rc.assess(wf, rc.Scenario(name="x", remote_days_per_week=0))
    assert res.per_employee["one_way_km"].iloc[0] == pytest.approx(
        5.108256 * CAR_CIRCUITY, rel=1e-6
    )


def test_postcode_range_and_municipality_padding(dk_postcodes, dk_municipalities):
    # 1050 and 1100 both lie in the range 1000-1499 (København K, 6.71 km²)
    staff = _staff(employee_id=["1"], site_id=["K"], mode=["car"], home_postcode=["1050"])
    sites = pd.DataFrame({"site_id": ["K"], "postcode": ["1100"]})
    wf = rc.read_staffing(staff, sites, postcodes=dk_postcodes)
    assert wf.distance_source().iloc[0] == "zone_internal"
    assert wf.great_circle_km().iloc[0] == pytest.approx(zone_internal_distance_km(6.71))
    # municipality 265 (staff) and 0265 (site) are the same zone
    staff = _staff(employee_id=["1"], site_id=["R"], mode=["car"], home_municipality_code=["265"])
    sites = pd.DataFrame({"site_id": ["R"], "municipality_code": ["0265"]})
    wf = rc.read_staffing(staff, sites, municipalities=dk_municipalities)
    table = ZoneAreas.packaged().table
    area = table.loc[(table["kind"] == "municipality") & (table["code"] == "0265"), "area_km2"]
    assert wf.distance_source().iloc[0] == "zone_internal"
    assert wf.great_circle_km().iloc[0] == pytest.approx(zone_internal_distance_km(area.iloc[0]))


def test_unknown_zone_area_falls_back_to_the_median_with_a_note():
    codes = pd.DataFrame({"postcode": ["X1"], "lat": ["55.6"], "lon": ["12.1"]})
    staff = _staff(employee_id=["1"], site_id=["A"], mode=["car"], home_postcode=["X1"])
    sites = pd.DataFrame({"site_id": ["A"], "postcode": ["X1"]})
    wf = rc.read_staffing(staff, sites, postcodes=codes)
    median = ZoneAreas.packaged().median_km2("postcode")
    assert 40 < median < 60
    assert wf.great_circle_km().iloc[0] == pytest.approx(zone_internal_distance_km(median))
    assert any("no known area" in n and "median" in n for n in wf.distance_notes())


def test_coordinates_and_given_km_are_not_zone_internal(dk_postcodes):
    staff = _staff(
        employee_id=["1", "2"],
        site_id=["A", "A"],
        mode=["car", "car"],
        home_postcode=["4000", "4000"],
        one_way_km=["7", None],
        home_lat=[None, "55.64"],
        home_lon=[None, "12.08"],
    )
    sites = pd.DataFrame({"site_id": ["A"], "postcode": ["4000"]})
    wf = rc.read_staffing(staff, sites, postcodes=dk_postcodes)
    assert wf.distance_source().tolist() == ["given", "great_circle×circuity"]


# --------------------------------------------------------------------------------------------
# Origin-destination tables
# --------------------------------------------------------------------------------------------
OD_CSV = (
    "postnr;arbejdssted;afstand_km;rejsetid_min;transportmiddel\n"
    "4000;A;3,2;9;\n"
    "4300;A;31,5;28;\n"
    "4300;A;33;95;cykel\n"
)


@pytest.fixture
def mixed(dk_postcodes):
    staff = _staff(
        employee_id=["1", "2", "3", "4", "5", "6"],
        site_id=["A", "A", "A", "A", "A", "A"],
        mode=["car", "bicycle", "bus", "bicycle", "car", "car"],
        home_postcode=["4000", "4000", "4300", "4300", "4330", "4300"],
        one_way_km=[None, None, None, None, None, "12"],
    )
    sites = pd.DataFrame({"site_id": ["A"], "postcode": ["4000"]})
    return rc.read_staffing(staff, sites, postcodes=dk_postcodes)


def test_od_table_overrides_great_circle_for_matching_rows(mixed, tmp_path, dk_postcodes):
    path = tmp_path / "od.csv"
    path.write_text(OD_CSV, encoding="utf-8")
    before = mixed.great_circle_km()
    wf = mixed.with_od(rc.read_od(path, sites=mixed.sites))
    s = wf.staff
    # rows 1-2 (4000 → A, no mode): 3.2 km; the driver takes 9 min, the cyclist no time
    assert s["one_way_km"].iloc[:2].tolist() == [3.2, 3.2]
    assert s["commute_minutes_one_way"].iloc[0] == 9.0
    assert np.isnan(s["commute_minutes_one_way"].iloc[1])
    # bus from 4300: the row without a mode (31.5 km), no driving time for a bus rider
    assert s["one_way_km"].iloc[2] == 31.5 and np.isnan(s["commute_minutes_one_way"].iloc[2])
    # cyclist from 4300: the bicycle row wins (33 km, 95 min)
    assert s["one_way_km"].iloc[3] == 33.0 and s["commute_minutes_one_way"].iloc[3] == 95.0
    # 4330 is not in the table: great-circle × circuity, as before
    assert np.isnan(s["one_way_km"].iloc[4])
    assert wf.great_circle_km().iloc[4] == before.iloc[4]
    # a given distance is never replaced
    assert s["one_way_km"].iloc[5] == 12.0
    assert wf.distance_source().tolist() == [
        "od_table",
        "od_table",
        "od_table",
        "od_table",
        "great_circle×circuity",
        "given",
    ]
    res = rc.assess(wf, rc.Scenario(name="x", remote_days_per_week=0))
    # the routed km are used as they are (no circuity on top)
    assert res.per_employee["one_way_km"].iloc[:4].tolist() == [3.2, 3.2, 31.5, 33.0]
    assert res.per_employee["one_way_km"].iloc[4] == pytest.approx(before.iloc[4] * CAR_CIRCUITY)
    assert any("routed one-way distance taken for 4 of 5" in n for n in res.notes)
    # the same through read_staffing(od=...)
    again = rc.read_staffing(
        mixed.staff.drop(columns=["home_lat", "home_lon", "home_location_source", "source_row"]),
        mixed.sites,
        postcodes=dk_postcodes,
        od=path,
    )
    assert again.distance_source().tolist()[:4] == ["od_table"] * 4


def test_distance_source_counts_add_up_to_rows_used(mixed, tmp_path):
    path = tmp_path / "od.csv"
    path.write_text("postnr;arbejdssted;afstand_km\n4300;A;31,5\n", encoding="utf-8")
    wf = mixed.with_od(rc.read_od(path, sites=mixed.sites))
    acc = wf.distance_accounting()
    assert acc["source"].tolist() == list(DISTANCE_SOURCES)
    assert dict(zip(acc["source"], acc["rows"], strict=True)) == {
        "given": 1,
        "od_table": 2,
        "osm_road": 0,
        "zone_internal": 2,
        "great_circle×circuity": 1,
    }
    assert acc["rows"].sum() == wf.n_employees == wf.provenance["rows_used"]
    res = rc.assess(wf, rc.Scenario(name="x", remote_days_per_week=2))
    counts = res.per_employee["distance_source"].value_counts()
    assert counts.sum() == res.n_employees
    note = next(n for n in res.notes if n.startswith("commute distance by source"))
    assert "given 1, od_table 2, zone_internal 2, great_circle×circuity 1; total 6" in note


@pytest.mark.parametrize(
    ("row", "column", "found", "expected"),
    [
        ("4000;A;-2,5", "afstand_km", "-2,5", "negative; expected a one-way distance"),
        ("4000;A;0", "afstand_km", "0", "zero; expected a positive one-way distance"),
        ("4000;A;tre", "afstand_km", "tre", "expected a number"),
        ("4000;A;", "afstand_km", "blank", "blank; expected a one-way distance in km"),
        ("4000;A;612", "afstand_km", "612", "above 500"),
        ("4000;Z;5", "arbejdssted", "Z", "unknown site; expected one of"),
        ("4000;a;5", "arbejdssted", "a", "did you mean 'A' (case differs)?"),
        (";A;5", "postnr", "blank", "blank; expected a postcode code"),
        ("4300;A;31", "postnr", "4300", "repeated origin, site and mode; first given in row 2"),
    ],
)
def test_bad_od_rows_give_clear_errors(mixed, tmp_path, row, column, found, expected):
    path = tmp_path / "od.csv"
    path.write_text(f"postnr;arbejdssted;afstand_km\n4300;A;31,5\n{row}\n", encoding="utf-8")
    with pytest.raises(StaffingError) as err:
        read_od(path, sites=mixed.sites)
    text = str(err.value)
    assert "od.csv" in text
    assert f"row 3, column '{column}': found {found if found == 'blank' else repr(found)}" in text
    assert expected in text


def test_bad_od_minutes_and_mode(mixed):
    od = pd.DataFrame(
        {
            "postnr": ["4000", "4300"],
            "site": ["A", "A"],
            "km": [3, 4],
            "minutes": [-1, 10],
            "mode": ["bil", "rumskib"],
        }
    )
    with pytest.raises(StaffingError) as err:
        read_od(od, sites=mixed.sites)
    text = str(err.value)
    assert "row 1, column 'minutes': found '-1'" in text and "0 to 600 minutes" in text
    assert "row 2, column 'mode': found 'rumskib'; unknown mode" in text


def test_od_needs_one_origin_column():
    with pytest.raises(StaffingError, match="exactly one origin column"):
        read_od(pd.DataFrame({"site_id": ["A"], "km": [3]}))
    with pytest.raises(StaffingError, match="exactly one origin column"):
        read_od(pd.DataFrame({"postnr": ["1"], "kommunekode": ["2"], "site_id": ["A"], "km": [3]}))
    with pytest.raises(StaffingError, match="required column 'km'"):
        read_od(pd.DataFrame({"postnr": ["1"], "site_id": ["A"]}))


def test_lenient_od_accounts_for_every_row(mixed, tmp_path):
    path = tmp_path / "od.csv"
    path.write_text(
        "postnr;arbejdssted;afstand_km\n4000;A;3\n4300;A;-1\n4330;Z;9\n", encoding="utf-8"
    )
    od = read_od(path, sites=mixed.sites, strict=False)
    p = od.attrs["provenance"]
    assert (p["rows_read"], p["rows_used"], p["rows_excluded"]) == (3, 1, 2)
    assert sorted(od.attrs["excluded"]["row"].unique()) == [3, 4]
    assert od["source_row"].tolist() == [2]
    wf = mixed.with_od(od)
    assert (wf.distance_source() == "od_table").sum() == 2  # both 4000 employees


def test_od_by_municipality(dk_municipalities):
    staff = _staff(
        employee_id=["1", "2"],
        site_id=["A", "A"],
        mode=["car", "car"],
        home_municipality_code=["265", "350"],
    )
    sites = pd.DataFrame({"site_id": ["A"], "municipality_code": ["0265"]})
    wf = rc.read_staffing(
        staff,
        sites,
        municipalities=dk_municipalities,
        od=pd.DataFrame({"kommunekode": ["350"], "arbejdssted": ["A"], "afstand_km": ["21,4"]}),
    )
    assert wf.distance_source().tolist() == ["zone_internal", "od_table"]
    assert wf.staff["one_way_km"].iloc[1] == 21.4


def test_od_on_the_dask_backend_is_refused(tmp_path):
    with pytest.raises(ValueError, match="pandas backend"):
        rc.read_staffing(tmp_path / "x.parquet", backend="dask", od=tmp_path / "od.csv")


def test_cli_od_option(mixed, tmp_path):
    staff = tmp_path / "staff.csv"
    mixed.staff.drop(columns=["home_lat", "home_lon", "home_location_source", "source_row"]).to_csv(
        staff, index=False
    )
    sites = tmp_path / "sites.csv"
    sites.write_text("site_id,postcode\nA,4000\n", encoding="utf-8")
    od = tmp_path / "od.csv"
    od.write_text(OD_CSV, encoding="utf-8")
    emp = tmp_path / "emp"
    runner = CliRunner()
    common = ["--sites", str(sites), "--postcodes", str(_shared_postcodes())]
    r = runner.invoke(
        app,
        [
            "assess",
            str(staff),
            *common,
            "--remote-days",
            "2",
            "--od",
            str(od),
            "--employees-out",
            str(emp),
            "--allow-small-groups",
        ],
    )
    assert r.exit_code == 0, r.output
    per = pd.read_parquet(next(emp.glob("*.parquet")))
    assert {k: v for k, v in per["distance_source"].value_counts().items() if v} == {
        "od_table": 4,
        "given": 1,
        "great_circle×circuity": 1,
    }
    assert per["one_way_km"].iloc[:4].tolist() == [3.2, 3.2, 31.5, 33.0]
    for command in ("sweep", "report"):
        h = runner.invoke(app, [command, "--help"])
        assert "--od" in h.output
    bad = tmp_path / "bad.csv"
    bad.write_text("postnr;arbejdssted;afstand_km\n4000;A;-3\n", encoding="utf-8")
    r = runner.invoke(app, ["assess", str(staff), *common, "--remote-days", "2", "--od", str(bad)])
    assert r.exit_code != 0
    assert "row 2, column 'afstand_km': found '-3'; negative" in r.output


def _shared_postcodes() -> Path:
    p = ROOT.parent / "shared" / "data" / "dk" / "postcodes.csv"
    if not p.exists():
        pytest.skip("../shared/data/dk/postcodes.csv not found")
    return p


def test_with_od_takes_the_read_table(mixed, tmp_path):
    with pytest.raises(TypeError, match="read_od"):
        mixed.with_od(tmp_path / "od.csv")


def test_areas_from_the_municipality_csv(dk_municipalities):
    staff = _staff(
        employee_id=["1", "2"],
        site_id=["R", "R"],
        mode=["car", "car"],
        home_municipality_code=["265", "265"],
    )
    sites = pd.DataFrame({"site_id": ["R"], "municipality_code": ["265"]})
    wf = rc.read_staffing(staff, sites, municipalities=dk_municipalities)
    wf = wf.with_zone_areas(dk_municipalities, kind="municipality")
    area = pd.read_csv(dk_municipalities, dtype=str).set_index("kommunekode").loc["0265"]
    expected = zone_internal_distance_km(float(area["area_km2_approx"]))
    assert wf.great_circle_km().tolist() == pytest.approx([expected, expected])
    # a table of municipalities only: postcodes would fall back to the packaged median
    assert wf.zone_areas is not None
    assert wf.zone_areas.median_km2("postcode") == ZoneAreas.packaged().median_km2("postcode")
    with pytest.raises(ValueError, match="zone kind must be one of"):
        wf.with_zone_areas(dk_municipalities)


# --------------------------------------------------------------------------------------------
# Hubs and relocation: a home known by its zone is not 0 km from a place in that zone
# --------------------------------------------------------------------------------------------
def test_home_zone_internal_km_by_hand(dk_postcodes):
    staff = _staff(
        employee_id=["1", "2"],
        site_id=["A", "A"],
        mode=["car", "car"],
        home_postcode=["4000", "4000"],
        home_lat=[None, "55.64"],
        home_lon=[None, "12.08"],
    )
    sites = pd.DataFrame({"site_id": ["A"], "postcode": ["4300"]})
    wf = rc.read_staffing(staff, sites, postcodes=dk_postcodes).with_zone_areas(
        pd.DataFrame({"kind": ["postcode"], "postnr": ["4000"], "area_km2": ["100"]})
    )
    # placed by postcode: 100 km² gives 5.108256 km; own coordinates: no floor
    assert wf.home_zone_internal_km().tolist() == pytest.approx([5.108256, 0.0], rel=1e-6)


def test_hub_in_the_homes_own_postcode_is_not_zero_km(dk_postcodes):
    from remotecalc.analysis import choose_hubs

    staff = _staff(employee_id=["1"], site_id=["A"], mode=["car"], home_postcode=["4000"]).assign(
        onsite_days_per_week=[5.0]
    )
    sites = pd.DataFrame({"site_id": ["A"], "postcode": ["2100"]})
    wf = rc.read_staffing(staff, sites, postcodes=dk_postcodes).with_zone_areas(
        pd.DataFrame({"kind": ["postcode"], "postnr": ["4000"], "area_km2": ["100"]})
    )
    home = (float(wf.staff["home_lat"].iloc[0]), float(wf.staff["home_lon"].iloc[0]))
    cand = pd.DataFrame({"hub_id": ["h"], "name": ["Roskilde"], "lat": [home[0]], "lon": [home[1]]})
    res = choose_hubs(wf, cand, k=1, hub_days_per_week=2, method="exact")
    km = res.assignment["one_way_km_hub"].iloc[0]
    # before this floor the hub at the postcode's own point was 0 km away
    assert km == pytest.approx(5.108256 * CAR_CIRCUITY, rel=1e-6)
    assert res.assignment["hub_id"].iloc[0] == "h"  # still far nearer than Copenhagen


def test_relocation_to_a_site_in_the_homes_postcode_draws_a_mode_for_the_zone_distance(
    dk_postcodes,
):
    from remotecalc.analysis.relocation import DISTANCE_BANDS_KM, relocate

    # incumbents at B (4000) by bicycle within 2 km, by car 5-10 km; the mover lives in
    # 4000 (100 km²: 5.1 km inside the zone), works at A in Copenhagen and moves to B.
    n = 40
    sites = pd.DataFrame({"site_id": ["A", "B"], "postcode": ["2100", "4000"]})
    probe = _staff(employee_id=["p"], site_id=["B"], mode=["car"], home_postcode=["4000"])
    b = rc.read_staffing(probe, sites, postcodes=dk_postcodes).sites.set_index("site_id").loc["B"]
    near, far = f"{b['lat'] + 0.005:.6f}", f"{b['lat'] + 0.06:.6f}"  # 0.6 km and 6.7 km north
    staff = _staff(
        employee_id=[str(i) for i in range(n + 1)],
        site_id=["A"] + ["B"] * n,
        mode=["car"] + ["bicycle"] * (n // 2) + ["car"] * (n // 2),
        home_postcode=["4000"] + [None] * n,
        home_lat=[None] + [near] * (n // 2) + [far] * (n // 2),
        home_lon=[None] + [f"{b['lon']:.6f}"] * n,
    )
    wf = rc.read_staffing(staff, sites, postcodes=dk_postcodes).with_zone_areas(
        pd.DataFrame({"kind": ["postcode"], "postnr": ["4000"], "area_km2": ["100"]})
    )
    gc = wf.great_circle_km().to_numpy()
    assert np.all(gc[1 : n // 2 + 1] < 2.0)
    assert np.all((gc[n // 2 + 1 :] > 5) & (gc[n // 2 + 1 :] < 10))
    assert DISTANCE_BANDS_KM[2:4] == (5.0, 10.0)
    for seed in range(5):
        moved = relocate(wf, to_site="B", selection={"site_id": "A"}, share=1.0, seed=seed)
        # 5.1 km falls in the 5-10 km band (cars), not the 0-2 km band of a 0 km distance
        assert moved.staff["mode"].astype(str).iloc[0] == "car"
