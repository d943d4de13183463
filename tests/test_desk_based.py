"""Desk-based and frontline staff: who needs a desk, at which sites, and what a desk ratio
achieves (issue 14, item 1).

Oracles: hand counts of small workforces; the Binomial distribution written out by hand
(``Bin(10, 1/2)``: P(X <= 3) = (1 + 10 + 45 + 120) / 1024); the ISCO-08 structure (ILO) for
the occupation defaults. Exact arithmetic: ``1e-12``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.errors import StaffingError
from remotecalc.formulas import office
from remotecalc.inputs.readers import canonical_site_types, read_sites, read_staffing
from remotecalc.model import engine

EXACT = 1e-12


def _sites(**extra) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "site_id": ["RAAD", "PLEJE"],
            "site_type": ["Rådhus", "Plejecenter"],
            "lat": [55.6376, 55.6288],
            "lon": [12.0933, 12.0979],
            "desks": [40.0, 10.0],
            "area_m2": [800.0, 150.0],
            **extra,
        }
    )


def _staff(n_care: int = 20, n_office: int = 20, **cols) -> pd.DataFrame:
    n = n_care + n_office
    return pd.DataFrame(
        {
            "employee_id": [f"E{i}" for i in range(n)],
            "site_id": ["PLEJE"] * n_care + ["RAAD"] * n_office,
            "mode": ["car"] * n,
            "one_way_km": [12.0] * n,
            "fte": [1.0] * n,
            "onsite_days_per_week": [5.0] * n,
            "occupation_isco08": ["5322"] * n_care + ["4110"] * n_office,
            **cols,
        }
    )


TWO_DAYS = rc.Scenario(name="2 days", remote_days_per_week=2, release_space=1.0)


# --- must show: a care home's staff give no desk or area change -----------------------------


def test_care_home_staff_give_no_desk_or_area_change():
    wf = read_staffing(_staff(), read_sites(_sites()), teleworkable="all")
    res = rc.assess(wf, TWO_DAYS)
    site = res.per_site.set_index("site_id")
    care = site.loc["PLEJE"]
    # the care workers (ISCO 5322) are frontline: no desk, area, office cost or CO2e effect
    assert care["desk_employees"] == 0 and care["no_desk_effect_employees"] == 20
    for m in ("desks_needed", "attendee_days", "area_m2", "office_cost", "office_co2e_kg"):
        assert care[f"{m}_change"] == 0.0, m
    assert care["desks_needed_baseline"] == 0.0
    # ... but they keep their commuting effects (teleworkable="all": fully teleworkable; by
    # default, from their occupation, they would get no home days: test_hr_export.py)
    e = res.per_employee.set_index("employee_id")
    care_staff = e[e["site_id"] == "PLEJE"]
    assert (care_staff["commute_km_change"] < 0).all()
    assert not care_staff["desk_effect"].any() and not care_staff["desk_based"].any()
    # the clerks at the town hall are desk-based: their desks and area do fall
    raad = site.loc["RAAD"]
    assert raad["desk_employees"] == 20
    assert raad["desks_needed_change"] < 0 and raad["area_m2_change"] < 0


def test_same_care_home_staff_marked_desk_based_do_change_desks():
    """The test above can fail: the same people given desk_based = ja need desks."""
    wf = read_staffing(_staff(desk_based=["ja"] * 40), read_sites(_sites()), teleworkable="all")
    care = rc.assess(wf, TWO_DAYS).per_site.set_index("site_id").loc["PLEJE"]
    assert care["desk_employees"] == 20
    assert care["desks_needed_baseline"] == 20.0  # 20 people on site every day today
    assert care["desks_needed_change"] < 0


def test_frontline_staff_change_commute_but_not_offices_in_totals():
    """Summing: marking the care workers frontline leaves every commute total alone and
    takes exactly their part out of the office totals."""
    sites = read_sites(_sites())
    front = (
        rc.assess(read_staffing(_staff(), sites, teleworkable="all"), TWO_DAYS)
        .summary()
        .set_index("metric")
    )
    desk = (
        rc.assess(
            read_staffing(_staff(desk_based=["ja"] * 40), sites, teleworkable="all"), TWO_DAYS
        )
        .summary()
        .set_index("metric")
    )
    for m in ("commute_km", "commute_co2e_t", "commute_hours"):
        assert front.loc[m, "change"] == pytest.approx(desk.loc[m, "change"], rel=EXACT)
    assert front.loc["desks_needed", "baseline"] < desk.loc["desks_needed", "baseline"]


def test_site_without_desks_gives_no_desk_effect():
    # desks = 0 at the town hall: its desk-based clerks have no desk effect either
    sites = read_sites(_sites(desks=[0.0, 10.0]))
    res = rc.assess(read_staffing(_staff(), sites, teleworkable="all"), TWO_DAYS)
    raad = res.per_site.set_index("site_id").loc["RAAD"]
    assert raad["desk_employees"] == 0 and raad["desks_needed_baseline"] == 0.0
    assert any("20 desk-based employee(s) at site(s) without desks" in n for n in res.notes)
    # a site type without desks ('udekørende' = field) does the same
    s2 = read_sites(_sites(site_type=["udekørende", "Plejecenter"]).drop(columns="desks"))
    raad2 = rc.assess(read_staffing(_staff(), s2, teleworkable="all"), TWO_DAYS).per_site.set_index(
        "site_id"
    )
    assert raad2.loc["RAAD", "desk_employees"] == 0


# --- must show: a desk ratio under demand reports the service level it achieves -------------


def test_desk_ratio_under_demand_reports_achieved_service_level():
    # 10 desk-based clerks, each on site 2.5 of 5 days in the scenario: on any weekday the
    # attendance is Bin(10, 1/2). A desk ratio of 0.3 gives ceil(0.3 × 10) = 3 desks, so
    # everybody finds a desk with probability P(X <= 3) = (1 + 10 + 45 + 120) / 1024.
    staff = _staff(n_care=0, n_office=10)
    wf = read_staffing(staff, read_sites(_sites()))
    sc = rc.Scenario(name="ratio", remote_days_per_week=2.5, desk_ratio=0.3)
    res = rc.assess(wf, sc)
    e = res.per_employee
    assert np.allclose(e["onsite_days_per_week_scenario"], 2.5)
    raad = res.per_site.set_index("site_id").loc["RAAD"]
    assert raad["desks_needed_scenario"] == 3.0
    assert raad["service_level_achieved"] == pytest.approx(176 / 1024, rel=EXACT)
    note = next(n for n in res.notes if n.startswith("desk ratio 0.3"))
    assert "fewer desks than the service level 0.95 needs at 1 site(s)" in note
    assert "0.17 to 0.17" in note and "people still come in" in note
    # with service-level desks instead: the 0.95 quantile of Bin(10, 1/2) is 8 desks (they
    # achieve P(X <= 8) = 1 - 11/1024 >= 0.95; the column says the level asked for)
    res2 = rc.assess(wf, sc.model_copy(update={"desk_ratio": None}))
    raad2 = res2.per_site.set_index("site_id").loc["RAAD"]
    assert raad2["desks_needed_scenario"] == 8.0
    assert raad2["service_level_achieved"] == 0.95
    assert not any(n.startswith("desk ratio") for n in res2.notes)
    profile = office.weekday_onsite_probability(np.array([2.5]))
    assert office.service_level_achieved_grouped(profile, np.array([10]), 8) == pytest.approx(
        1 - 11 / 1024, rel=EXACT
    )


def test_desk_ratio_above_demand_achieves_at_least_the_service_level():
    wf = read_staffing(_staff(n_care=0, n_office=10), read_sites(_sites()))
    sc = rc.Scenario(name="ratio", remote_days_per_week=2.5, desk_ratio=0.9)  # 9 desks
    res = rc.assess(wf, sc)
    raad = res.per_site.set_index("site_id").loc["RAAD"]
    assert raad["service_level_achieved"] == pytest.approx(1 - 1 / 1024, rel=EXACT)
    assert not any(n.startswith("desk ratio") for n in res.notes)


def test_desk_ratio_counts_desk_based_staff_only():
    # a ratio of 0.6 at the care home applies to its 2 clerks, not to its 20 care workers
    staff = _staff(n_care=22, n_office=0)
    staff.loc[[0, 1], "occupation_isco08"] = "4110"
    wf = read_staffing(staff, read_sites(_sites()))
    sc = rc.Scenario(name="ratio", remote_days_per_week=2, desk_ratio=0.6)
    care = rc.assess(wf, sc).per_site.set_index("site_id").loc["PLEJE"]
    assert care["desk_employees"] == 2
    assert care["desks_needed_scenario"] == 2.0  # ceil(0.6 × 2)


def test_demo_desk_ratio_service_levels_against_the_distribution():
    """Every site's achieved level equals P(attendance <= desks) at its worst weekday, by
    the service-level desks: the ratio's desks are below them exactly where the level is
    below 0.95."""
    wf = rc.datasets.demo_workforce(600, seed=2)
    sc = rc.Scenario(name="r", remote_days_per_week=2, desk_ratio=0.5)
    ratio = rc.assess(wf, sc).per_site.set_index("site_id")
    level = rc.assess(wf, sc.model_copy(update={"desk_ratio": None})).per_site
    level = level.set_index("site_id")
    used = ratio["desk_employees"] > 0
    below = ratio["desks_needed_scenario"] < level["desks_needed_scenario"]
    assert ((ratio["service_level_achieved"] < 0.95) == below)[used].all()
    assert ratio.loc[~used, "service_level_achieved"].isna().all()
    assert (level.loc[used, "service_level_achieved"] == 0.95).all()


def test_attendance_cdf_inverts_the_quantile():
    p, n = np.array([0.3, 0.7]), np.array([40, 25])
    for level in (0.5, 0.9, 0.95, 0.99):
        k = office.attendance_quantile_grouped(p, n, level)
        assert office.attendance_cdf_grouped(p, n, k) >= level - 1e-10
        assert office.attendance_cdf_grouped(p, n, k - 1) < level
    # certain attendees: 5 always there, 4 at 1/2 -> P(X <= 6) = P(Bin(4, .5) <= 1) = 5/16
    assert office.attendance_cdf_grouped([1.0, 0.5], [5, 4], 6) == pytest.approx(5 / 16)
    assert office.attendance_cdf_grouped([1.0, 0.5], [5, 4], 4) == 0.0


# --- must show: defaults from the occupation code ----------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("1213", 1.0),  # managers
        ("2411", 1.0),  # accountants (professionals)
        ("2512", 1.0),  # software developers
        ("3343", 1.0),  # administrative secretaries
        ("4110", 1.0),  # general office clerks
        ("4222", 1.0),  # contact centre / citizen service
        ("2351", 1.0),  # education methods specialists (a desk job within 23)
        ("2341", 0.5),  # primary school teachers: decided by the site
        ("2221", 0.5),  # nurses: decided by the site
        ("3221", 0.5),  # nursing associate professionals
        ("3434", 0.0),  # chefs
        ("4412", 0.0),  # mail carriers
        ("5321", 0.0),  # health care assistants
        ("5322", 0.0),  # home-based personal care workers
        ("5120", 0.0),  # cooks
        ("7411", 0.0),  # electricians
        ("8322", 0.0),  # car, taxi and van drivers
        ("8342", 0.0),  # earthmoving plant operators
        ("9112", 0.0),  # cleaners
        ("911210", 0.0),  # a DISCO-08 code: its ISCO-08 unit group decides
        ("0110", 0.0),  # armed forces
    ],
)
def test_desk_based_from_occupation(code, expected):
    assert office.desk_based_from_occupation(np.array([code]))[0] == expected


def test_occupation_missing_gives_nan_and_series_kept_aligned():
    s = pd.Series(["4110", None, "5322", "4110"], index=[10, 11, 12, 13], dtype="string")
    np.testing.assert_array_equal(
        office.desk_based_from_occupation(s), np.array([1.0, np.nan, 0.0, 1.0])
    )


def test_defaults_from_occupation_and_site_type_with_notes():
    sites = read_sites(
        pd.DataFrame(
            {
                "site_id": ["RAAD", "PLEJE", "SKOLE", "X"],
                "site_type": ["rådhus", "plejehjem", "skole", None],
                "lat": [55.63, 55.62, 55.66, 55.64],
                "lon": [12.09, 12.09, 12.09, 12.08],
            }
        )
    )
    staff = pd.DataFrame(
        {
            "employee_id": [f"E{i}" for i in range(8)],
            "site_id": ["RAAD", "PLEJE", "X", "PLEJE", "SKOLE", "X", "PLEJE", "RAAD"],
            "mode": "bil",
            "one_way_km": 10.0,
            # nurse at the town hall, nurse at a care home, nurse where the type is unknown,
            # a clerk at the care home, no code at a school, no code at an unknown site,
            # a cleaner said to be desk-based, a clerk said to be frontline
            "occupation_isco08": ["2221", "2221", "2221", "4110", None, None, "9112", "4110"],
            "desk_based": [None, None, None, None, None, None, "ja", "nej"],
        }
    )
    res = rc.assess(read_staffing(staff, sites), TWO_DAYS)
    got = res.per_employee.set_index("employee_id")["desk_based"].tolist()
    assert got == [True, False, False, True, False, True, True, False]
    notes = "\n".join(res.notes)
    assert "from the occupation code (ISCO-08; office.ISCO_DESK_BASED) for 4 employee(s): " in notes
    assert "2 desk-based, 2 frontline" in notes
    assert "from the site's type (office.SITE_TYPE_DESKS) for 1 employee(s)" in notes
    assert "0 desk-based, 1 frontline" in notes
    assert "1 employee(s) without desk_based, occupation code or known site type" in notes


def test_resolve_desk_based_counts_add_up_and_fast_path_agrees():
    rng = np.random.default_rng(4)
    n, n_sites = 500, 6
    code = rng.integers(-1, n_sites, n)
    has = np.array([True, True, False, True, True, False])
    default = np.array([1.0, 0.0, 0.0, np.nan, 1.0, np.nan])
    nan = np.full(n, np.nan)
    db, eff, counts = office.resolve_desk_based(nan, nan, code, has, default)
    db2, eff2, counts2 = office.resolve_desk_based(None, None, code, has, default)
    # the per-site fast path (None) and the per-employee path give the same answer
    np.testing.assert_array_equal(db, db2)
    np.testing.assert_array_equal(eff, eff2)
    np.testing.assert_array_equal(counts, counts2)
    assert counts[:5].sum() == n  # every employee's desk_based comes from one source
    assert not eff[code < 0].any() and not eff[~np.isin(code, np.flatnonzero(has))].any()


def test_workforce_without_desk_information_is_all_desk_based():
    """Before site types were read: everybody desk-based at a site with desks, one note."""
    staff = _staff().drop(columns="occupation_isco08")
    sites = read_sites(_sites().drop(columns=["site_type", "desks"]))
    wf = read_staffing(staff, sites)
    res = rc.assess(wf, TWO_DAYS)
    assert res.per_employee["desk_effect"].all()
    assert any("40 employee(s) without desk_based" in n for n in res.notes)
    inp = engine.employee_inputs(
        wf.staff, wf.sites, wf.great_circle_km().to_numpy(), rc.load_parameters("dk-2025")
    )
    assert inp.desk_code is inp.site_code  # nothing to filter: the same array


# --- must show: Danish site types --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Rådhus", "town_hall"),
        ("rådhuset", "town_hall"),
        ("Skole", "school"),
        ("Folkeskole", "school"),
        ("Daginstitution", "daycare"),
        ("Børnehave", "daycare"),
        ("Vuggestue", "daycare"),
        ("Plejecenter", "care_home"),
        ("Plejehjem", "care_home"),
        ("Sygehus", "hospital"),
        ("Hospital", "hospital"),
        ("Materielgård", "depot"),
        ("Driftsgård", "depot"),
        ("Bibliotek", "library"),
        ("Jobcenter", "job_centre"),
        ("Borgerservice", "citizen_service"),
        ("Hjemmepleje", "home_care"),
        ("care home", "care_home"),
        ("Town_Hall", "town_hall"),
        ("office", "office"),
    ],
)
def test_danish_site_types(written, canonical):
    out, note = canonical_site_types(pd.Series([written], dtype="string"))
    assert out.iloc[0] == canonical and note is None


def test_sites_file_with_danish_header_and_types(tmp_path):
    path = tmp_path / "arbejdssteder.csv"
    path.write_text(
        "Arbejdssted;Institutionstype;lat;lon;Arbejdspladser\n"
        "A;Plejehjem;55,63;12,09;12\n"
        "B;Vuggestue;55,64;12,10;4\n"
        "C;Svømmehal ved havnen;55,65;12,11;3\n",
        encoding="utf-8",
    )
    sites = read_sites(path)
    assert sites["site_type"].tolist() == ["care_home", "daycare", "Svømmehal ved havnen"]
    (note,) = [n for n in sites.attrs["notes"] if "not recognised" in n]
    assert "'Svømmehal ved havnen'" in note and "taken as offices" in note
    has, default = office.site_type_desks(sites["site_type"], None, 3)
    assert has.tolist() == [True, True, True]
    np.testing.assert_array_equal(default, [0.0, 0.0, np.nan])


# --- must show: bad values in desk_based ----------------------------------------------------


def _write_staff(tmp_path, values) -> tuple:
    staff = _staff(n_care=2, n_office=2)
    staff["Skrivebordsarbejde"] = values
    path = tmp_path / "medarbejdere.csv"
    staff.to_csv(path, index=False, sep=";")
    return path, read_sites(_sites())


def test_danish_desk_based_header_and_values(tmp_path):
    path, sites = _write_staff(tmp_path, ["ja", "Nej", "", "TRUE"])
    wf = read_staffing(path, sites)
    assert wf.staff["desk_based"].tolist() == [True, False, pd.NA, True]
    # the blank is decided by the occupation code (4110: a clerk -> desk-based)
    res = rc.assess(wf, TWO_DAYS)
    assert res.per_employee["desk_based"].tolist() == [True, False, True, True]


def test_bad_desk_based_value_strict_names_file_row_column(tmp_path):
    path, sites = _write_staff(tmp_path, ["ja", "maybe", "nej", "ja"])
    with pytest.raises(StaffingError) as err:
        read_staffing(path, sites)
    text = str(err.value)
    assert "medarbejdere.csv" in text
    assert "row 3, column 'Skrivebordsarbejde': found 'maybe'" in text  # header is row 1
    assert "expected yes or no (true/false, ja/nej, 1/0)" in text


def test_bad_desk_based_value_lenient_excludes_the_row(tmp_path):
    path, sites = _write_staff(tmp_path, ["ja", "maybe", "nej", "ja"])
    wf = read_staffing(path, sites, strict=False)
    assert len(wf.staff) == 3 and wf.excluded["employee_id"].tolist() == ["E1"]
    assert "column 'Skrivebordsarbejde'" in wf.excluded["reason"].iloc[0]
    assert wf.provenance["rows_read"] == wf.provenance["rows_used"] + 1


# --- one answer on every backend -----------------------------------------------------------


def test_dask_partitions_give_the_same_desks_and_notes():
    """Desk users, defaults' counts and a ratio's service levels add up over partitions."""
    dd = pytest.importorskip("dask.dataframe")
    wf = rc.datasets.demo_workforce(400, seed=3)
    staff = wf.staff.drop(columns=["source_row", "home_location_source"])
    given = np.where(np.arange(len(staff)) % 7 == 0, "nej", "")  # some given, most blank
    staff = staff.assign(desk_based=np.where(np.arange(len(staff)) % 11 == 0, "ja", given))
    pwf = read_staffing(staff, wf.sites)
    dwf = rc.read_staffing(dd.from_pandas(staff, npartitions=3), sites=wf.sites)
    sc = rc.Scenario(name="ratio", remote_days_per_week=2, desk_ratio=0.5, release_space=1.0)
    a, b = rc.assess(pwf, sc), rc.assess(dwf, sc)
    pd.testing.assert_frame_equal(
        a.per_site.reset_index(drop=True), b.per_site.reset_index(drop=True), rtol=1e-9
    )
    assert a.notes == b.notes
    blank = int((staff["desk_based"] == "").sum())  # decided by the occupation code
    assert any(
        f"occupation code (ISCO-08; office.ISCO_DESK_BASED) for {blank:,} " in n for n in a.notes
    )
    pd.testing.assert_series_equal(
        a.per_employee["desk_effect"].reset_index(drop=True),
        b.per_employee["desk_effect"].compute().reset_index(drop=True),
    )


# --- privacy: a site's desk-based or frontline part is a group too ---------------------------


def test_three_desk_users_at_a_care_home_are_withheld_in_every_site_output(tmp_path):
    """A care home with 3 clerks among 20 carers: the 3 clerks' desks, attendance and office
    results are not shown per site (report table, workbook, figure, explorer), nor their
    count, nor the frontline count that gives it back from the employees."""
    from remotecalc.evaluation import disclosure
    from remotecalc.explorer.state import ExplorerModel

    isco = ["5322"] * 17 + ["4110"] * 3 + ["4110"] * 20
    staff = _staff(occupation_isco08=isco)
    wf = read_staffing(staff, read_sites(_sites()))
    res = rc.assess(wf, TWO_DAYS)
    raw = res.per_site.set_index("site_id")
    assert raw.loc["PLEJE", "desk_employees"] == 3  # the model keeps them ...
    shown = disclosure.pool_sites(res.per_site).set_index("site_id")
    care = shown.loc["PLEJE"]
    assert bool(care["desk_effects_withheld"])  # ... no output shows them
    for c in (
        "desk_employees",
        "no_desk_effect_employees",
        "desks_needed_scenario",
        "attendee_days_baseline",
        "office_cost_change",
        "service_level_achieved",
    ):
        assert np.isnan(care[c]), c
    assert care["employees"] == 20 and care["desks_today"] == 10.0  # site attributes stay
    # the town hall's 20 clerks are withheld with them: otherwise the organisation's total
    # desks minus the town hall's would give the care home's 3 (complement)
    assert shown.loc["RAAD", "desk_effects_withheld"]
    assert np.isnan(shown.loc["RAAD", "desks_needed_scenario"])
    assert raw.loc["RAAD", "desks_needed_scenario"] > 0
    # the workbook's sites sheet
    res.to_excel(tmp_path / "a.xlsx")
    sheet = pd.read_excel(tmp_path / "a.xlsx", sheet_name=None)
    sites_sheet = next(v for k, v in sheet.items() if "site" in k.lower())
    row = sites_sheet[sites_sheet["site_id"] == "PLEJE"].iloc[0]
    assert pd.isna(row.filter(like="desk_employees").iloc[0])
    # the explorer's desks per site
    model = ExplorerModel(wf)
    table = model.site_desks(TWO_DAYS).set_index("label")
    assert np.isnan(table.loc["PLEJE", "desks_needed_scenario"])
    assert np.isnan(table.loc["RAAD", "desks_needed_scenario"])
    # the test can fail: 10 clerks at the care home are shown at both sites
    staff10 = _staff(n_care=20, occupation_isco08=["5322"] * 10 + ["4110"] * 30)
    res10 = rc.assess(read_staffing(staff10, read_sites(_sites())), TWO_DAYS)
    assert not disclosure.pool_sites(res10.per_site)["desk_effects_withheld"].any()


def test_withhold_desk_groups_takes_a_complement_so_totals_do_not_give_it_back():
    from remotecalc.evaluation.disclosure import withhold_desk_groups

    s = pd.DataFrame(
        {
            "site_id": ["A", "B", "C", "D"],
            "employees": [100, 50, 60, 40],
            "desk_employees": [100, 2, 20, 40],
            "no_desk_effect_employees": [0, 48, 40, 0],
            "desks_needed_scenario": [70.0, 2.0, 15.0, 30.0],
        }
    )
    out = withhold_desk_groups(s, 5).set_index("site_id")
    # B's 2 desk users are withheld; the smallest other desk group (C, 20) with them, so
    # the total desks minus the shown sites gives B + C (17 desks of 22 people), not B
    assert out["desk_effects_withheld"].tolist() == [False, True, True, False]
    assert np.isnan(out.loc["B", "desks_needed_scenario"])
    assert np.isnan(out.loc["C", "desks_needed_scenario"])
    assert out.loc["A", "desks_needed_scenario"] == 70.0
    # nothing small: nothing withheld
    big = withhold_desk_groups(s.assign(desk_employees=[100, 10, 20, 40]), 5)
    assert not big["desk_effects_withheld"].any()


def test_relocation_sites_table_withholds_desk_results_of_three_desk_users():
    from remotecalc.analysis import assess_relocation

    isco = ["5322"] * 17 + ["4110"] * 3 + ["4110"] * 20
    homes = {"home_lat": [55.60] * 40, "home_lon": [12.05] * 40}
    wf = read_staffing(_staff(occupation_isco08=isco, **homes), read_sites(_sites()))
    # 5 clerks move to the care home: 3 desk users there before, 8 after
    res = assess_relocation(
        wf,
        selection={"site_id": "RAAD"},
        to_site="PLEJE",
        share=0.25,
        fill="incumbents",
        modes="keep",
        scenario=TWO_DAYS,
    )
    s = res.sites.set_index("site_id")
    assert bool(s.loc["PLEJE", "desk_effects_withheld"])
    for c in ("desks_needed_before", "desks_needed_after", "area_m2_before", "office_cost_after"):
        assert np.isnan(s.loc["PLEJE", c]), c
    assert s.loc["PLEJE", "employees_before"] == 20  # not a small site: its size is shown
    assert not s["suppressed"].any()
