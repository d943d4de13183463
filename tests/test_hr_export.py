"""Issue 23: a municipality's own HR export gives the right answer with no hand work.

The example (``data/examples/kommune_hr_export.csv``, cp1252, ';', decimal comma, Danish
headers, DISCO-08 codes, weekly hours, no teleworkable column) and its sites file (a town
hall, a school, a care home, a daycare and a depot; rent blank for three) are read, assessed
and reported as a consultant would, through Python and the command line.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc.cli.main import app
from remotecalc.errors import StaffingError
from remotecalc.inputs import readers
from remotecalc.inputs.geography import haversine_km
from remotecalc.inputs.vocab import canonical_mode

ROOT = Path(__file__).resolve().parent.parent
STAFF = ROOT / "data" / "examples" / "kommune_hr_export.csv"
SITES = ROOT / "data" / "examples" / "kommune_sites.csv"
runner = CliRunner()
TWO_DAYS = rc.Scenario(name="2 hjemmedage", remote_days_per_week=2)

#: Stillingsbetegnelse (job title, kept as read) of the frontline staff the issue names.
FRONTLINE_TITLES = (
    "Lærer",
    "Social- og sundhedsassistent",
    "Social- og sundhedshjælper",
    "Pædagog",
    "Pædagogmedhjælper",
    "Vejarbejder",
)


@pytest.fixture(scope="module")
def wf():
    return rc.read_staffing(STAFF, sites=SITES)


@pytest.fixture(scope="module")
def res(wf):
    return rc.assess(wf, TWO_DAYS)


def test_example_is_a_raw_municipal_export():
    """The file is as an HR system writes it: cp1252 bytes, ';', decimal commas, no
    teleworkable column, ~50 rows, frontline and office staff at five kinds of site."""
    data = STAFF.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    header = text.splitlines()[0]
    assert header.split(";") == [
        "Medarbejder-nr",
        "Afdeling",
        "Arbejdssted",
        "Postnr",
        "Stillingsbetegnelse",
        "STYRK/DISCO-kode",
        "Transportmiddel",
        "Afstand (km)",
        "Ugentlig arbejdstid",
    ]
    assert "teleworkable" not in header.lower() and "34,5" in text
    assert len(text.splitlines()) == 52  # header + 51 employees


# --- must show: frontline staff get no home days, office staff get theirs ----------------


def test_frontline_staff_get_no_home_days_office_staff_get_theirs(wf, res):
    e = res.per_employee.set_index("employee_id")
    title = wf.staff.set_index("employee_id")["Stillingsbetegnelse"]
    front = title.isin(FRONTLINE_TITLES)
    assert front.sum() == 25  # 10 teachers (1 without a code), 6 care, 6 daycare, 3 road
    assert (e.loc[front.index[front], "home_days_scenario"] == 0).all()
    assert (e.loc[front.index[front], "onsite_days_per_week_scenario"] == 5).all()
    # the town hall's office staff: teleworkable >= 0.93 (JRC) caps 2 days at 2
    office = (wf.staff.set_index("employee_id")["site_id"] == "RAAD").to_numpy()
    assert office.sum() == 16
    assert (e.loc[office, "onsite_days_per_week_scenario"] == 3.0).all()
    assert (e.loc[office, "home_days_scenario"] > 0).all()


def test_teleworkable_comes_from_the_jrc_index_and_the_site_type(wf):
    s = wf.staff.set_index("employee_id")
    # a financial and mathematical associate professional (DISCO 331310): JRC 331 = 0.997
    assert s.loc["10244", "teleworkable"] == pytest.approx(0.997)
    assert s.loc["10244", "teleworkable_source"] == "occupation"
    # a secondary-school teacher scores 1.0 in the JRC index but teaches at a school: 0
    assert s.loc["20104", "teleworkable"] == 0.0 and s.loc["20104", "teleworkable_source"] == (
        "frontline"
    )
    # no code: the site type's default (town hall: 1.0; school: 0)
    assert s.loc["10546", ["teleworkable", "teleworkable_source"]].tolist() == [1.0, "site_type"]
    assert s.loc["20193", ["teleworkable", "teleworkable_source"]].tolist() == [0.0, "site_type"]
    note = next(n for n in wf.notes if getattr(n, "kind", "") == "teleworkable_derived")
    assert note.values == {
        "n": 51,
        "index": 21,
        "frontline": 28,
        "no_code": 2,
        "no_code_frontline": 1,
        "no_code_office": 1,
        "unmatched": 0,
    }


def test_a_column_in_the_file_always_wins(tmp_path):
    text = STAFF.read_bytes().decode("cp1252").splitlines()
    rows = [text[0] + ";Hjemmearbejdsandel"] + [
        r + (";0,6" if r.startswith("20104") else ";") for r in text[1:]
    ]
    path = tmp_path / "staff.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    for option in readers.TELEWORKABLE_SOURCES[::2]:  # occupation, all
        wf = rc.read_staffing(path, sites=SITES, teleworkable=option)
        s = wf.staff.set_index("employee_id")
        assert s.loc["20104", ["teleworkable", "teleworkable_source"]].tolist() == [0.6, "column"]
    assert s.loc["20117", ["teleworkable", "teleworkable_source"]].tolist() == [1.0, "all"]
    with pytest.raises(StaffingError, match=r"row 3, column 'Hjemmearbejdsandel': found blank"):
        rc.read_staffing(path, sites=SITES, teleworkable="column")
    with pytest.raises(StaffingError, match="needs a teleworkable column"):
        rc.read_staffing(STAFF, sites=SITES, teleworkable="column")
    with pytest.raises(ValueError, match="teleworkable must be one of"):
        rc.read_staffing(STAFF, sites=SITES, teleworkable="everybody")


# --- must show: 30 h on a 37-h norm is 0.81 FTE ------------------------------------------


def test_thirty_hours_on_a_37_hour_norm_is_0_81_fte(wf):
    s = wf.staff.set_index("employee_id")
    assert s.loc["10326", "fte"] == pytest.approx(30 / 37)  # 30 h
    assert round(float(s.loc["10326", "fte"]), 2) == 0.81
    assert s.loc["10552", "fte"] == pytest.approx(34.5 / 37)  # '34,5': a decimal comma
    assert s.loc["10231", "fte"] == 1.0
    assert rc.load_parameters("dk-2025")["staff.norm_week_hours"] == 37.0
    assert rc.load_parameters("uk-desnz-2025")["staff.norm_week_hours"] == 37.5


@pytest.mark.parametrize(
    ("header", "values", "expected", "unit"),
    [
        ("Ugentlig arbejdstid", ["37", "30", "18,5"], [1.0, 30 / 37, 0.5], "fte_unit_hours"),
        ("Timer pr. uge", ["37", "30", "18,5"], [1.0, 30 / 37, 0.5], "fte_unit_hours"),
        ("Normtid", ["37", "29,6", "37"], [1.0, 0.8, 1.0], "fte_unit_hours"),
        ("Weekly hours", ["37", "30", "18,5"], [1.0, 30 / 37, 0.5], "fte_unit_hours"),
        ("Arbejdstid (%)", ["100", "80", "50"], [1.0, 0.8, 0.5], "fte_unit_percent"),
        ("Beskæftigelsesgrad", ["100", "81,08", "50"], [1.0, 0.8108, 0.5], "fte_unit_percent"),
        ("Beskæftigelsesgrad", ["37", "30", "37"], [1.0, 30 / 37, 1.0], "fte_unit_hours"),
        ("Beskæftigelsesgrad", ["1", "0,8", "0,5"], [1.0, 0.8, 0.5], None),
        ("Percent of full time", ["100", "75", "60"], [1.0, 0.75, 0.6], "fte_unit_percent"),
        ("FTE", ["1", "0,8", "0,5"], [1.0, 0.8, 0.5], None),
    ],
)
def test_working_time_by_name_and_range(tmp_path, header, values, expected, unit):
    lines = [f"Medarbejdernr;Arbejdssted;Transportmiddel;Afstand;{header}"] + [
        f"{i};RAAD;cykel;3;{v}" for i, v in enumerate(values)
    ]
    p = tmp_path / "s.csv"
    p.write_text("\n".join(lines), encoding="utf-8")
    wf = rc.read_staffing(p)
    assert wf.staff["fte"].tolist() == pytest.approx(expected)
    note = [n for n in wf.notes if getattr(n, "kind", "") == "fte_from_column"]
    if unit is None:
        assert not note
    else:
        assert note[0].values["unit"].values["word"] == unit


def test_hours_that_do_not_fit_the_column_are_refused_not_divided(tmp_path):
    lines = ["Medarbejdernr;Arbejdssted;Transportmiddel;Afstand;Ugentlig arbejdstid"] + [
        f"{i};RAAD;cykel;3;{v}" for i, v in enumerate(["37", "0,8", "37", "60", "40"])
    ]
    p = tmp_path / "s.csv"
    p.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(StaffingError) as err:
        rc.read_staffing(p)
    text = str(err.value)
    assert "row 3, column 'Ugentlig arbejdstid': found '0,8'; a fraction of full time" in text
    assert "row 5, column 'Ugentlig arbejdstid': found '60'; above 48" in text
    assert "divide by 100" not in text
    wf = rc.read_staffing(p, strict=False)
    assert wf.staff["fte"].tolist() == [1.0, 1.0, 1.0]  # 40 h on 37: 1.0, in a note
    assert any(getattr(n, "kind", "") == "fte_hours_capped" for n in wf.notes)


def test_a_typo_in_a_column_of_fractions_gets_no_divide_by_100_advice(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("id,site,mode,afstand,fte\n1,A,car,3,1\n2,A,car,3,0.8\n3,A,car,3,37\n", "utf-8")
    with pytest.raises(StaffingError) as err:
        rc.read_staffing(p)
    assert "row 4, column 'fte': found '37'; above 1 in a column of fractions" in str(err.value)
    assert "divide by 100" not in str(err.value)


# --- must show: a school is charged only for its office area ------------------------------


def test_school_with_no_rent_and_9800_m2_is_charged_only_for_its_office_area(wf, res):
    site = wf.sites.set_index("site_id")
    assert site.loc["SKOLE", "building_area_m2"] == 9800.0
    assert math.isnan(site.loc["SKOLE", "area_m2"])
    assert math.isnan(site.loc["SKOLE", "rent_per_m2_per_year"])
    p = rc.load_parameters("dk-2025")
    per_desk = p["office.area_per_desk_m2"] * (1 + p["office.support_space_share"])
    school = res.per_site.set_index("site_id").loc["SKOLE"]
    # desk-based at the school: the secretary and the head (teachers are frontline)
    assert school["desk_employees"] == 2 and school["desks_needed_baseline"] == 2.0
    assert school["area_m2_baseline"] == pytest.approx(2 * per_desk)  # 34.2 m², not 9,800
    rent = p["office.rent_per_m2_per_year"] + p["office.operating_cost_per_m2_per_year"]
    # the attendance-driven parts the per-m² operating cost also holds (demand cleaning and
    # plug loads) are the attendee-day cost's, not the area's: A (rent + op) - N0 c_in
    c_in = (
        p["office.cleaning_cost_per_attendee_day"]
        + p["office.occupancy_electricity_kwh_per_attendee_day"]
        * p["office.electricity_price_per_kwh"]
    )
    per_site = res.per_site.set_index("site_id")
    days = per_site["attendee_days_baseline"]

    def seat_cost(area: float, site_id: str) -> float:
        return area * rent - days[site_id] * c_in

    assert school["seat_cost_baseline"] == pytest.approx(seat_cost(2 * per_desk, "SKOLE"))
    assert school["seat_cost_baseline"] < 2 * per_desk * rent  # about 74,000 DKK, not millions
    # the depot's Kontorareal (60 m²) is its office area
    depot = per_site.loc["DEPOT"]
    assert site.loc["DEPOT", "area_m2"] == 60.0 and depot["area_m2_baseline"] == 60.0
    # the four frontline sites' seat-related cost: their few desks, not 18,200 m² of building
    seat = per_site["seat_cost_baseline"]
    assert seat["PLEJE"] == pytest.approx(seat_cost(2 * per_desk, "PLEJE"))  # leader and clerk
    assert seat["BH"] == 0.0  # nobody at a desk
    assert seat["DEPOT"] == pytest.approx(seat_cost(60.0, "DEPOT"))


# --- must show: country="dk" places postcodes with no path --------------------------------


def test_country_dk_places_postcodes_with_no_path(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("id;site;mode;postnr\n1;A;tog;1050\n2;A;tog;8000\n", encoding="utf-8")
    sites = pd.DataFrame({"site_id": ["A"], "postnr": ["4000"]})
    wf = rc.read_staffing(p, sites=sites, country="dk")
    table = pd.read_csv(ROOT / "remotecalc" / "data" / "postcodes_dk.csv", dtype=str)
    point = table.set_index("postcode")[["inside_lat", "inside_lon"]].astype(float)
    s = wf.staff
    # 1050 lies in the range 1000-1499 (København K); the point inside the area is used
    assert s.loc[0, ["home_lat", "home_lon"]].tolist() == point.loc["1000-1499"].tolist()
    assert s.loc[1, ["home_lat", "home_lon"]].tolist() == point.loc["8000"].tolist()
    assert wf.sites.loc[0, ["lat", "lon"]].tolist() == point.loc["4000"].tolist()
    km = haversine_km(*point.loc["1000-1499"], *point.loc["8000"])
    assert 150 < km < 160  # Copenhagen-Aarhus as the crow flies
    assert any(getattr(n, "kind", "") == "packaged_locations" for n in wf.notes)


def test_two_sites_on_one_point_get_a_note(wf):
    note = next(n for n in wf.notes if getattr(n, "kind", "") == "sites_same_point")
    assert "Roskilde Rådhus = Nørre Skole = Materielgården" in note


# --- must show: each Danish transport word maps as stated ----------------------------------


@pytest.mark.parametrize(
    ("word", "mode"),
    [
        ("Bil (diesel)", "car_diesel"),
        ("Dieselbil", "car_diesel"),
        ("Elbil", "car_ev"),
        ("Hybridbil", "car_hybrid"),
        ("Samkørsel", "carpool"),
        ("Knallert", "moped"),
        ("Elcykel", "ebike"),
        ("Letbane", "tram"),
        ("Metro", "metro"),
        ("S-tog", "train"),
        ("Færge", "ferry"),
    ],
)
def test_danish_transport_words(tmp_path, word, mode):
    assert canonical_mode(word) == mode
    p = tmp_path / "s.csv"
    p.write_bytes(f"Medarbejdernr;Arbejdssted;Transportmiddel;Afstand\n1;A;{word};3\n".encode())
    wf = rc.read_staffing(p)
    assert wf.staff.loc[0, "mode"] == mode
    assert f"'{word}' -> {mode} (1)" in next(
        n for n in wf.notes if getattr(n, "kind", "") == "mode_words"
    )


@pytest.mark.parametrize("pset", ["dk-2025", "uk-desnz-2025"])
def test_carpool_and_moped_have_their_own_factors(pset):
    """Samkørsel is a car at its own occupancy (not 1.05 persons); Knallert is not a motorbike."""
    p = rc.load_parameters(pset)
    t = p.mode_table()
    car = p["mode.car.co2e_ttw_kg_per_km"] + p["mode.car.co2e_wtt_kg_per_km"]
    assert p["mode.carpool.occupancy"] == 2.2 != p["mode.car.occupancy"]
    per_pkm = [c for c in t.columns if "passenger" in c or "pkm" in c]
    assert per_pkm, t.columns
    col = per_pkm[0]
    assert t.loc["carpool", col] == pytest.approx(car / 2.2)
    assert t.loc["moped", col] == pytest.approx(0.08319 + 0.02148)
    assert t.loc["moped", col] != t.loc["motorbike", col]
    assert p.entry("mode.moped.co2e_ttw_kg_per_km").status == "R"
    assert p.entry("mode.ferry.co2e_ttw_kg_per_km").status == "M"


def test_styrk_disco_columns_and_did_you_mean(tmp_path):
    for header in ("STYRK/DISCO-kode", "DISCO-08", "Stillingskode"):
        p = tmp_path / "s.csv"
        p.write_text(f"id;site;mode;afstand;{header}\n1;A;bil;3;411010\n", encoding="utf-8")
        assert rc.read_staffing(p).staff.loc[0, "occupation_isco08"] == "411010"
    p.write_text(
        "id;site;mode;afstand;Postnummer bopæl;Hjemmearbejde mulig;Stillingsbetegnelse\n"
        "1;A;bil;3;4000;1;Lærer\n",
        "utf-8",
    )
    note = next(
        n for n in rc.read_staffing(p).notes if getattr(n, "kind", "") == "unused_columns_kept"
    )
    assert "'Postnummer bopæl' (did you mean 'home_postcode'?" in note
    assert "'Hjemmearbejde mulig' (did you mean 'teleworkable'?" in note
    assert note.endswith("'Stillingsbetegnelse'")  # a job title: nothing close


# --- must show: every default applied appears in validate's output and in the report -------


DEFAULT_NOTES = (
    "teleworkable_derived",
    "fte_from_column",
    "site_building_area",
    "site_defaults",
    "sites_same_point",
)


def test_every_default_appears_in_validate(wf):
    r = runner.invoke(app, ["validate", str(STAFF), "--sites", str(SITES)])
    assert r.exit_code == 0, r.output
    out = " ".join(r.output.split())
    for kind in DEFAULT_NOTES:
        note = next(n for n in wf.notes if getattr(n, "kind", "") == kind)
        assert " ".join(str(note).split()) in out, kind
    assert "no 'onsite_days_per_week' column" in out
    assert "'Samkørsel' -> carpool (3)" in out and "'Knallert' -> moped (2)" in out
    assert "rent per m² for 3 site(s) without one (Nørre Skole, Plejecenter Solbakken, " in out
    assert "STYRK/DISCO-kode -> occupation_isco08" in out
    assert "51 rows read = 51 usable" in out


def test_assess_and_report_in_danish_state_every_default(tmp_path, wf):
    r = runner.invoke(
        app,
        ["assess", str(STAFF), "--sites", str(SITES), "--remote-days", "2"]
        + ["--out", str(tmp_path / "assess")],
    )
    assert r.exit_code == 0, r.output
    summary = pd.read_csv(tmp_path / "assess" / "summary.csv")
    assert len(summary) > 10
    r = runner.invoke(
        app,
        ["report", str(STAFF), "--sites", str(SITES), "--remote-days", "2", "--lang", "da"]
        + ["--format", "html,xlsx", "--out", str(tmp_path / "rapport")],
    )
    assert r.exit_code == 0, r.output
    # the progress lines too are Danish (they were English in a Danish run)
    assert "skriver rapporten: 1 scenarie, Monte Carlo-intervaller (300 træk)" in r.output
    assert "writing the report" not in r.output
    page = html.unescape(next((tmp_path / "rapport").rglob("*.html")).read_text("utf-8"))
    page = " ".join(page.split())
    start = page.index("Læs dette først")
    for kind in DEFAULT_NOTES:
        note = next(n for n in wf.notes if getattr(n, "kind", "") == kind)
        text = " ".join(note.render("da").split())
        at = page.index(text[1:], start)  # stated first ("read this first"), capitalised
        assert at - start < 6000, kind


def test_report_pdf_when_weasyprint_loads(tmp_path):
    from tests.conftest import pdf_unavailable_reason

    why = pdf_unavailable_reason()
    if why:
        pytest.skip(f"PDF not available: {why}")
    r = runner.invoke(
        app,
        ["report", str(STAFF), "--sites", str(SITES), "--remote-days", "2", "--lang", "da"]
        + ["--format", "pdf", "--out", str(tmp_path / "rapport")],
    )
    assert r.exit_code == 0, r.output
    assert next((tmp_path / "rapport").rglob("*.pdf")).stat().st_size > 10_000


def test_partition_notes_add_up_to_the_whole():
    text = STAFF.read_bytes().decode("cp1252").splitlines()
    whole = rc.read_staffing(STAFF, sites=SITES)
    parts = []
    for chunk in (text[1:20], text[20:]):
        frame = pd.DataFrame([r.split(";") for r in chunk], columns=text[0].split(";"))
        parts.append(rc.read_staffing(frame, sites=SITES).notes)
    merged = {getattr(n, "kind", ""): n for n in readers.merge_notes(parts)}
    for kind in ("teleworkable_derived", "mode_words", "fte_from_column"):
        mine = next(n for n in whole.notes if getattr(n, "kind", "") == kind)
        assert merged[kind] == mine, kind


def test_the_numbers_are_the_same_through_python_and_the_example_columns(wf, res):
    """FTE scales the commute: a 30-hour care worker commutes 30/37 of a full-timer's days."""
    e = res.per_employee.set_index("employee_id")
    d = e.loc["30115"]
    w = rc.load_parameters("dk-2025")["workdays_per_year"]
    assert d["onsite_days_baseline"] == pytest.approx(w * 30 / 37)
    assert np.isclose(d["commute_km_baseline"], 2 * 4.2 * w * 30 / 37)


def test_an_area_named_area_m2_is_office_area_a_general_areal_is_the_building():
    sites = pd.DataFrame({"site_id": ["S"], "site_type": ["skole"], "postnr": ["4000"]})
    by_name = {
        "area_m2": 690.0,  # the documented office area, by its name
        "Areal": math.nan,  # a general area at a school: the building
        "Etageareal": math.nan,
        "Bruttoareal m2": math.nan,
    }
    for column, office in by_name.items():
        s = rc.read_sites(sites.assign(**{column: ["690"]}))
        area = s.get("area_m2", pd.Series([math.nan]))[0]
        assert np.isnan(area) if np.isnan(office) else area == office
        if np.isnan(office):
            assert s.loc[0, "building_area_m2"] == 690.0
    s = rc.read_sites(sites.assign(Areal=["9800"]), column_map={"Areal": "area_m2"})
    assert s.loc[0, "area_m2"] == 9800.0  # mapped by the user: office area, as asked
    s = rc.read_sites(sites.assign(Areal=["9800"], Kontorareal=["120"]))
    assert s.loc[0, ["area_m2", "building_area_m2"]].tolist() == [120.0, 9800.0]
    office = rc.read_sites(sites.assign(site_type=["rådhus"], Areal=["900"]))
    assert office.loc[0, "area_m2"] == 900.0  # an office's area is its office area
