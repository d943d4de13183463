"""The climate account (GHG Protocol Scope 3 Category 7): known answers, agreement with the
assessment, disclosure, report section, workbook and command line.

The DESNZ homeworking factor is read from ../shared/data (never copied into the repo).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from conftest import shared_file
from typer.testing import CliRunner

import remotecalc as rc
from remotecalc.cli.main import app
from remotecalc.formulas import home
from remotecalc.i18n import TEXTS
from remotecalc.outputs import climate

# the account's arithmetic, checked by hand: without the disclosure noise (tested elsewhere)
pytestmark = pytest.mark.usefixtures("no_disclosure_noise")

RTOL = 1e-12  # exact arithmetic: sums of a few hundred floats, each rounded to ~1e-16
ROOT = Path(__file__).resolve().parents[1]
STAFF = ROOT / "data" / "examples" / "staff.csv"
SITES = ROOT / "data" / "examples" / "sites.csv"
SITE = {"site_id": ["S"], "lat": [55.6415], "lon": [12.0803]}


def _desnz_homeworking_factor() -> float:
    """DESNZ 2025 flat file: Homeworking, 'Homeworking (office equipment + heating)'."""
    path = shared_file("emission_factors", "uk_desnz_2025", "homeworking.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = [
            r
            for r in csv.DictReader(f)
            if r["Level 1"] == "Homeworking"
            and r["Level 2"] == "Homeworking (office equipment + heating)"
        ]
    assert len(rows) == 1 and rows[0]["UOM"] == "per FTE Working Hour"
    return float(rows[0]["GHG Conversion Factor 2025"])


def _workforce(rows: list[tuple[str, float, float, float]], **extra) -> rc.Workforce:
    """Staff at one site from (mode, fte, on-site days, one-way km) tuples."""
    staff = pd.DataFrame(
        {
            "employee_id": [f"e{i}" for i in range(len(rows))],
            "site_id": "S",
            "mode": [r[0] for r in rows],
            "fte": [r[1] for r in rows],
            "onsite_days_per_week": [r[2] for r in rows],
            "one_way_km": [r[3] for r in rows],
            "teleworkable": 1.0,
            **extra,
        }
    )
    return rc.read_staffing(staff, sites=pd.DataFrame(SITE))


@pytest.fixture(scope="module")
def demo():
    """The example organisation (2,000 employees) and a 2-days-home assessment."""
    wf = rc.read_staffing(STAFF, sites=SITES)
    res = rc.assess(wf, rc.Scenario(name="2 days", remote_days_per_week=2))
    return wf, res


def _row(acc: pd.DataFrame, component: str, level: str, tele: str = "") -> pd.Series:
    sel = acc[
        (acc["component"] == component)
        & (acc["level"] == level)
        & (acc["teleworking_method"] == tele)
    ]
    assert len(sel) == 1, sel
    return sel.iloc[0]


# -- the model-layer function (DESNZ homeworking method) ---------------------------------------
def test_homeworking_functions_scalar_array_series():
    """T = H × h; E = T × g: float, array and Series in, same kind out (index kept)."""
    assert home.homeworking_fte_hours_per_year(10.0, 7.4) == pytest.approx(74.0, rel=RTOL)
    assert home.homeworking_co2e_kg_per_year(74.0, 0.33378) == pytest.approx(24.69972, rel=RTOL)
    arr = home.homeworking_co2e_kg_per_year(np.array([0.0, 100.0]), 0.5)
    np.testing.assert_array_equal(arr, [0.0, 50.0])
    s = pd.Series([1.0, 2.0], index=["a", "b"])
    out = home.homeworking_co2e_kg_per_year(home.homeworking_fte_hours_per_year(s, 7.5), 2.0)
    assert list(out.index) == ["a", "b"] and out["b"] == 30.0


def test_home_energy_per_hour_route_is_the_homeworking_function():
    """The engine's per-hour home-energy term is the DESNZ function (one formula)."""
    via_home_energy = home.home_energy_co2e_kg_per_year(
        86.4, 0.0, 0.0, 0.6, 0.2, 0.2, co2e_kg_per_fte_hour=0.33378, hours_per_workday=7.4
    )
    direct = home.homeworking_co2e_kg_per_year(
        home.homeworking_fte_hours_per_year(86.4, 7.4), 0.33378
    )
    assert via_home_energy == direct


# -- known answer ---------------------------------------------------------------------------
def test_desnz_teleworking_known_answer_by_hand():
    """FTE × working days × home share × hours a day × the DESNZ 2025 factor, by hand.

    dk-2025: 216 working days, 7.4 h a day. Six full-timers on site 3 days (2 at home) and
    four half-timers on site 5 days (none at home). The scenario grants 3 remote days:
    everyone on site 2 days, so 3 of 5 days at home.
    """
    factor = _desnz_homeworking_factor()
    assert factor == 0.33378
    p = rc.load_parameters("dk-2025")
    assert p[climate.HOMEWORKING_KEY] == factor  # the set carries the file's value
    assert (p["workdays_per_year"], p["hours_per_workday"]) == (216.0, 7.4)
    wf = _workforce([("car", 1.0, 3.0, 10.0)] * 6 + [("bus", 0.5, 5.0, 10.0)] * 4)
    acc = rc.climate_account(wf, p, rc.Scenario(name="3 home", remote_days_per_week=3))
    tele = _row(acc, "teleworking", "subtotal", "desnz")
    hours_today = 6 * 1.0 * 216 * (2 / 5) * 7.4  # 3,836.16 FTE-h
    hours_scenario = 6 * 1.0 * 216 * (3 / 5) * 7.4 + 4 * 0.5 * 216 * (3 / 5) * 7.4
    assert tele["activity_unit"] == "FTE-h/yr"
    assert tele["activity_baseline"] == pytest.approx(3836.16, rel=RTOL)
    assert tele["activity_scenario"] == pytest.approx(hours_scenario, rel=RTOL)
    assert tele["co2e_kg_baseline"] == pytest.approx(3836.16 * 0.33378, rel=RTOL)
    assert tele["co2e_kg_baseline"] == pytest.approx(1280.4334848, rel=RTOL)
    assert tele["co2e_kg_scenario"] == pytest.approx(hours_scenario * factor, rel=RTOL)
    assert tele["co2e_kg_change"] == pytest.approx(
        (hours_scenario - hours_today) * factor, rel=RTOL
    )


def test_uk_set_both_teleworking_routes_agree():
    """uk-desnz-2025 uses the DESNZ factor in its own home-energy route: the two rows agree."""
    wf = _workforce([("car", 1.0, 3.0, 10.0)] * 5 + [("train", 0.8, 4.0, 30.0)] * 5)
    acc = rc.climate_account(wf, "uk-desnz-2025", rc.Scenario(name="x", remote_days_per_week=2))
    desnz = _row(acc, "teleworking", "subtotal", "desnz")
    own = _row(acc, "teleworking", "subtotal", "home_energy")
    for c in ("co2e_kg_baseline", "co2e_kg_scenario"):
        assert desnz[c] == pytest.approx(own[c], rel=RTOL)
    assert desnz["co2e_kg_baseline"] > 0


# -- agreement with the assessment ------------------------------------------------------------
def test_by_mode_commuting_equals_per_employee_commute_co2e(demo):
    """Each mode's row is the sum of the assessment's per-employee commute CO2e."""
    _wf, res = demo
    acc = climate.account_from_assessment(res)
    e = res.per_employee
    detail = acc[(acc["component"] == "commuting") & (acc["level"] == "detail")]
    assert not detail["suppressed"].any()  # 2,000 employees: every mode is shown
    by_mode = e.groupby("mode", observed=True)[
        ["commute_co2e_kg_baseline", "commute_co2e_kg_scenario", "commute_km_baseline"]
    ].sum()
    assert sorted(detail["mode"]) == sorted(by_mode.index.astype(str))
    for _, r in detail.iterrows():
        want = by_mode.loc[r["mode"]]
        assert r["co2e_kg_baseline"] == pytest.approx(want["commute_co2e_kg_baseline"], rel=RTOL)
        assert r["co2e_kg_scenario"] == pytest.approx(want["commute_co2e_kg_scenario"], rel=RTOL)
        assert r["activity_baseline"] == pytest.approx(want["commute_km_baseline"], rel=RTOL)
        assert r["employees"] == int((e["mode"] == r["mode"]).sum())
    sub = _row(acc, "commuting", "subtotal")
    assert sub["co2e_kg_baseline"] == pytest.approx(detail["co2e_kg_baseline"].sum(), rel=RTOL)
    assert sub["co2e_kg_baseline"] == pytest.approx(e["commute_co2e_kg_baseline"].sum(), rel=RTOL)
    # and the summary's commute CO2e (in t) is the same number
    s = res.summary().set_index("metric")
    assert sub["co2e_kg_baseline"] / 1000 == pytest.approx(
        s.loc["commute_co2e_t", "baseline"], rel=RTOL
    )


def test_scenario_minus_today_equals_the_assessments_change(demo):
    _wf, res = demo
    acc = climate.account_from_assessment(res)
    e = res.per_employee
    assert (acc["co2e_kg_change"] == acc["co2e_kg_scenario"] - acc["co2e_kg_baseline"]).all()
    sub = _row(acc, "commuting", "subtotal")
    assert sub["co2e_kg_change"] == pytest.approx(e["commute_co2e_kg_change"].sum(), rel=1e-9)
    own = _row(acc, "teleworking", "subtotal", "home_energy")
    assert own["co2e_kg_change"] == pytest.approx(e["home_energy_co2e_kg_change"].sum(), rel=1e-9)
    s = res.summary().set_index("metric")
    assert sub["co2e_kg_change"] / 1000 == pytest.approx(s.loc["commute_co2e_t", "change"])
    assert sub["co2e_kg_change"] < 0 < own["co2e_kg_change"]


def test_totals_add_commuting_and_one_teleworking_route(demo):
    _wf, res = demo
    acc = climate.account_from_assessment(res)
    commute = _row(acc, "commuting", "subtotal")
    for route in climate.TELEWORKING_METHODS:
        tele, total = (
            _row(acc, "teleworking", "subtotal", route),
            _row(acc, "total", "total", route),
        )
        for c in ("co2e_kg_baseline", "co2e_kg_scenario", "co2e_kg_change"):
            assert total[c] == pytest.approx(commute[c] + tele[c], rel=RTOL)


def test_today_does_not_depend_on_the_scenario(demo):
    """Without a scenario: today's columns only, equal to any scenario's today."""
    wf, res = demo
    today = rc.climate_account(wf)
    assert "co2e_kg_scenario" not in today.columns and "scenario_name" not in today.columns
    with_scenario = climate.account_from_assessment(res)
    np.testing.assert_allclose(
        today["co2e_kg_baseline"], with_scenario["co2e_kg_baseline"], rtol=RTOL
    )


def test_methods_named_as_the_ghg_protocol_and_boundary_stated(demo):
    _wf, res = demo
    acc = climate.account_from_assessment(res)
    assert set(acc["category"]) == {"Scope 3 Category 7: Employee commuting"}
    commuting = acc[acc["component"] == "commuting"]
    assert set(commuting["method"]) == {"distance-based method"}
    assert set(acc.loc[acc["component"] == "teleworking", "method"]) == {"average-data method"}
    assert set(commuting["boundary"]) == {"well_to_wheel"}  # dk-2025's emission_scope
    assert acc.attrs["emission_scope"] == "well_to_wheel"
    assert [c for c in acc.columns if "co2e" in c] == [
        "co2e_kg_baseline",
        "co2e_kg_scenario",
        "co2e_kg_change",
    ]
    uk = rc.climate_account(_workforce([("car", 1.0, 3.0, 10.0)] * 5), "uk-desnz-2025")
    assert set(uk.loc[uk["component"] == "commuting", "boundary"]) == {"well_to_wheel"}


# -- disclosure ---------------------------------------------------------------------------
def test_small_modes_are_pooled_without_their_names():
    rows = (
        [("car", 1.0, 5.0, 20.0)] * 20
        + [("bicycle", 1.0, 5.0, 4.0)] * 10
        + [("bus", 1.0, 5.0, 12.0)] * 2
        + [("train", 1.0, 5.0, 40.0)] * 3
    )
    acc = rc.climate_account(_workforce(rows), scenario=rc.Scenario(name="x"))
    detail = acc[(acc["component"] == "commuting") & (acc["level"] == "detail")]
    assert "bus" not in set(detail["mode"]) and "train" not in set(detail["mode"])
    pooled = detail[detail["suppressed"]]
    assert len(pooled) == 1 and pooled["employees"].iloc[0] == 5
    assert (detail["employees"] >= 5).all()
    assert acc.attrs["modes_pooled"] == 2
    sub = _row(acc, "commuting", "subtotal")
    assert detail["co2e_kg_baseline"].sum() == pytest.approx(sub["co2e_kg_baseline"], rel=RTOL)
    shown = climate.account_table_for_report(acc, "en").iloc[:, 0].tolist()
    assert "Other modes (2 pooled)" in shown
    assert not any("bus" in s or "train" in s for s in shown)


def test_a_workforce_under_the_minimum_group_size_is_refused():
    wf = _workforce([("car", 1.0, 5.0, 20.0)] * 4)
    with pytest.raises(ValueError, match=r"4 employee.*minimum group size 5"):
        rc.climate_account(wf)
    acc = rc.climate_account(wf, allow_small=True)
    assert not ((acc["component"] == "commuting") & (acc["level"] == "detail")).any()
    assert _row(acc, "commuting", "subtotal")["co2e_kg_baseline"] > 0


def test_a_small_applies_to_selection_is_refused():
    wf = _workforce([("car", 1.0, 5.0, 20.0)] * 10, department=["A"] * 2 + ["B"] * 8)
    sc = rc.Scenario(name="A only", remote_days_per_week=2, applies_to={"department": ["A"]})
    with pytest.raises(ValueError, match="applies_to selection is withheld"):
        rc.climate_account(wf, scenario=sc)


def test_a_set_without_the_homeworking_factor_is_a_clear_error(tmp_path):
    src = ROOT / "remotecalc" / "data" / "parameters" / "dk-2025.toml"
    text = src.read_text(encoding="utf-8")
    cut = text.index("[account.homeworking_co2e_kg_per_fte_hour]")
    path = tmp_path / "mine.toml"
    path.write_text(text[:cut].replace('name = "dk-2025"', 'name = "mine"'), encoding="utf-8")
    wf = _workforce([("car", 1.0, 3.0, 10.0)] * 5)
    with pytest.raises(ValueError, match=r"'mine' has no 'account\.homeworking.*kg CO2e/FTE-hour"):
        rc.climate_account(wf, rc.load_parameters(path))


# -- labels, report, workbook, command line -----------------------------------------------------
def test_labels_in_both_languages_and_danish_table_has_no_english_label(demo):
    keys = [k for k in TEXTS if k.startswith("ca_")]
    assert all(set(TEXTS[k]) == {"en", "da"} and TEXTS[k]["da"] for k in keys)
    for mode in rc.load_parameters("dk-2025").modes:
        assert f"ca_mode_{mode}" in TEXTS
    _wf, res = demo
    acc = climate.account_from_assessment(res)
    da = climate.account_table_for_report(acc, "da")
    english = {str(TEXTS[k]["en"]) for k in keys if TEXTS[k]["en"] != TEXTS[k]["da"]}
    cells = set(da.columns) | set(da.iloc[:, 0]) | set(da.iloc[:, 1])
    assert not {c for c in cells if c in english}
    assert "I dag [t CO₂e/år]" in da.columns
    # tonnes: the report table is the account / 1000
    assert da.iloc[:, 2].to_numpy() == pytest.approx(acc["co2e_kg_baseline"].to_numpy() / 1000)


def test_report_section_and_workbook_sheet(tmp_path):
    wf = rc.datasets.demo_workforce(300, seed=3)
    scenarios = [rc.Scenario(name="2 days", remote_days_per_week=2)]
    files = rc.report(
        wf,
        scenarios,
        out=tmp_path / "r",
        lang="da",
        formats=("html", "xlsx"),
        ranges=False,
        figure_formats=("png",),
        dpi=40,
    )
    html = files.html.read_text(encoding="utf-8")
    assert "Klimaregnskab: scope 3, kategori 7" in html
    assert "afstandsbaseret metode" in html and "gennemsnitsdatametode" in html
    wb = openpyxl.load_workbook(files.xlsx)
    assert "Klimaregnskab" in wb.sheetnames
    ws = wb["Klimaregnskab"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Scenarie", "Post", "Metode (GHG-protokollen)"]
    values = pd.DataFrame(list(ws.values)[1:], columns=header)
    want = climate.account_from_assessment(rc.assess(wf, scenarios[0]))
    np.testing.assert_allclose(
        values["Ændring [t CO₂e/år]"].astype(float), want["co2e_kg_change"] / 1000, rtol=1e-9
    )


def test_cli_inventory_prints_and_writes(tmp_path, demo):
    _wf, res = demo
    out = tmp_path / "inv"
    r = CliRunner().invoke(
        app,
        ["inventory", str(STAFF), "--sites", str(SITES), "--remote-days", "2", "--out", str(out)],
    )
    assert r.exit_code == 0, r.output
    assert "Commuting, all modes" in r.output and "distance-based method" in r.output
    table_lines = [x for x in r.output.splitlines() if not x.startswith("written:")]
    assert max(len(x) for x in table_lines) <= 100  # the paths written may be longer
    written = pd.read_csv(out / "climate_account.csv")
    want = climate.account_from_assessment(res)
    np.testing.assert_allclose(written["co2e_kg_change"], want["co2e_kg_change"], rtol=1e-9)
    assert "Climate account" in openpyxl.load_workbook(out / "climate_account.xlsx").sheetnames


def test_cli_inventory_refuses_a_small_workforce(tmp_path):
    staff = pd.read_csv(STAFF).head(3)
    path = tmp_path / "three.csv"
    staff.to_csv(path, index=False)
    r = CliRunner().invoke(app, ["inventory", str(path), "--sites", str(SITES)])
    assert r.exit_code == 1
    assert "minimum group size" in r.output


def test_written_account_holds_no_formula_from_a_scenario_name(tmp_path):
    """A scenario named like a formula stays text in the CSV and the workbook (exports)."""
    wf = _workforce([("car", 1.0, 3.0, 10.0)] * 5)
    acc = rc.climate_account(wf, scenario=rc.Scenario(name="=1+1", remote_days_per_week=1))
    csv_path, xlsx_path = climate.write_account(acc, tmp_path / "out", "da")
    assert "'=1+1" in csv_path.read_text(encoding="utf-8")
    ws = openpyxl.load_workbook(xlsx_path)["Regnskab (tidy, t)"]
    names = [c for c in ws["A"][1:]]
    assert {c.value for c in names} == {"=1+1"} and {c.data_type for c in names} == {"s"}


def test_work_trips_are_business_travel_category_6_apart_from_category_7():
    """Work trips (mileage claims) are GHG Protocol Scope 3 Category 6: one row of their
    own, equal to the assessment's work-travel CO2e, and outside the Category 7 totals."""
    wf = rc.datasets.demo_workforce(300, seed=1)
    trips = rc.read_work_trips(rc.datasets.demo_work_trips(300, seed=1), workforce=wf)
    sc = rc.Scenario(name="half online", remote_days_per_week=2, virtual_meeting_share=0.5)
    with_trips = rc.assess(wf.with_work_trips(trips), sc)
    acc = climate.account_from_assessment(with_trips)
    cat6 = acc[acc["category"] == climate.CATEGORY_BUSINESS_TRAVEL]
    assert len(cat6) == 1 and cat6["method"].iloc[0] == "distance-based method"
    s = with_trips.summary().set_index("metric")
    assert cat6["co2e_kg_baseline"].iloc[0] == pytest.approx(
        s.loc["work_travel_co2e_t", "baseline"] * 1000, rel=1e-12
    )
    assert cat6["co2e_kg_change"].iloc[0] < 0  # trips held online
    # the Category 7 rows are exactly those without trips
    without = climate.account_from_assessment(rc.assess(wf, sc))
    cat7 = acc[acc["category"] == climate.CATEGORY].reset_index(drop=True)
    pd.testing.assert_frame_equal(cat7, without, rtol=1e-12, check_like=False)
    assert "Tjenesterejser" in climate.account_table_for_report(acc, "da").iloc[-1, 0]
