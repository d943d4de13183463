"""The relocation plan (issue 26): follow probability, ledger lines by hand, invariants, bad
input. The calibration against the Danish and Norwegian moves: test_relocation_validation.py."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis.relocation import (
    LEDGER_LINES,
    PLAN_KEYS,
    PLAN_OTHER_KEYS,
    PlanInputs,
    discount_factors,
    follow_probability,
    ledger_lines,
    relocation_plan,
)
from remotecalc.datasets.agency import agency_workforce
from remotecalc.errors import ParameterError
from remotecalc.formulas.costs import annuity_factor

VIBORG = pd.DataFrame(
    {
        "site_id": ["VIB"],
        "site_name": ["Viborg"],
        "lat": [56.4532],
        "lon": [9.4020],
        "rent_per_m2_per_year": [800.0],
    }
)


@pytest.fixture(scope="module")
def agency() -> rc.Workforce:
    return agency_workforce(60, seed=2, destinations=VIBORG)


@pytest.fixture(scope="module")
def plan(agency):
    return relocation_plan(agency, {"site_id": ["HQ"]}, "VIB", n_draws=200, seed=4)


# -- the follow probability ---------------------------------------------------------------


def test_follow_probability_ends_and_midpoint():
    assert follow_probability(0.0, 0.1, 200.0, 50.0) == pytest.approx(1.0, abs=1e-12)
    assert follow_probability(-30.0, 0.1, 200.0, 50.0) == pytest.approx(1.0, abs=1e-12)
    assert follow_probability(1e7, 0.1, 200.0, 50.0) == pytest.approx(0.1, abs=1e-12)
    # at t50 with no floor: L(t50) / L(0) = 0.5 (1 + exp(-t50 / s))
    assert follow_probability(200.0, 0.0, 200.0, 50.0) == pytest.approx(
        0.5 * (1 + math.exp(-4.0)), rel=1e-12
    )
    # by hand at t = 300, f = 0.2: 0.2 + 0.8 (1 + e^-4) / (1 + e^2)
    assert follow_probability(300.0, 0.2, 200.0, 50.0) == pytest.approx(
        0.2 + 0.8 * (1 + math.exp(-4.0)) / (1 + math.exp(2.0)), rel=1e-12
    )


def test_follow_probability_falls_with_time_and_broadcasts_over_draws():
    t = np.linspace(0.0, 1000.0, 101)
    p = follow_probability(t, 0.05, 220.0, 75.0)
    assert np.all(np.diff(p) < 0)
    draws = follow_probability(t[None, :], np.array([[0.0], [0.1]]), 220.0, 75.0)
    assert draws.shape == (2, 101)
    assert np.all(draws[1, 1:] > draws[0, 1:]) and draws[0, 0] == draws[1, 0] == 1.0


def test_discount_factors_sum_to_the_annuity_factor():
    f = discount_factors(0.035, 7)
    assert f.sum() == pytest.approx(annuity_factor(0.035, 7), rel=1e-12)
    assert discount_factors(np.array([0.0, 0.1]), 3).shape == (2, 3)


# -- the ledger by hand -------------------------------------------------------------------


def _values(**over) -> dict:
    v = {
        "relocation.follow_floor_share": 0.2,
        "relocation.follow_midpoint_minutes": 60.0,
        "relocation.follow_scale_minutes": 10.0,
        "relocation.moves_home_above_minutes": 90.0,
        "relocation.wage_cost_per_fte_per_year": 1200.0,
        "relocation.vacancy_months": 3.0,
        "relocation.recruitment_cost_per_hire": 100.0,
        "relocation.training_cost_per_hire": 50.0,
        "relocation.newcomer_output_loss_year1_share": 0.5,
        "relocation.output_loss_decay_per_year": 0.5,
        "relocation.double_staffing_months_per_leaver": 2.0,
        "relocation.severance_months_per_leaver": 1.0,
        "relocation.moving_allowance_per_mover": 1000.0,
        "relocation.setup_cost_per_post": 10.0,
        "relocation.double_rent_months": 6.0,
        "relocation.empty_space_years": 1.5,
        "relocation.business_travel_per_post_per_year": 7.0,
        "relocation.business_travel_transition_per_post": 4.0,
        "relocation.business_travel_reference_km": 100.0,
        "relocation.virtual_business_travel_share": 0.5,
        "relocation.annual_turnover_share": 0.1,
        "finance.discount_rate": 0.0,
        "cost.value_of_time_per_hour": 3.0,
    }
    v.update(over)
    return v


def _inputs() -> PlanInputs:
    """Two posts: the first moves next door (0 added minutes: follows for sure, keeps its
    home), the second far away (follows with the floor 0.2 and then moves home)."""
    cols = ("travel_cost", "commute_hours", "external_cost", "commute_co2e_kg", "commute_km")
    return PlanInputs(
        n=2,
        minutes_before=np.array([30.0, 30.0]),
        minutes_after=np.array([30.0, 1e6]),
        delta={
            "inc": {c: np.array([10.0, 20.0]) for c in cols},
            "hire": {c: np.array([1.0, 2.0]) for c in cols},
            "keep": {c: np.array([-5.0, -6.0]) for c in cols},
        },
        office_cost={"inc": -300.0, "keep": -100.0},
        office_co2e_t={"inc": -3.0, "keep": -1.0},
        destination_office_cost=400.0,
        origin_office_saving=700.0,
    )


def test_physical_ledger_lines_by_hand():
    out = ledger_lines(_inputs(), _values(), 3, "physical")
    # p = (1, 0.2): 1.2 followers, 0.8 leavers, 0.2 followers move home (the far one)
    assert out["followers"][0, 0] == pytest.approx(1.2)
    assert out["leavers"][0, 0] == pytest.approx(0.8)
    assert out["movers_home"][0, 0] == pytest.approx(0.2)
    year1 = {
        "recruitment": 0.8 * 100,
        "training": 0.8 * 50,
        "severance": 0.8 * 1 / 12 * 1200,
        "double_staffing": 0.8 * 2 / 12 * 1200,
        "vacancy_wages": -0.8 * 3 / 12 * 1200,
        "moving_allowance": 0.2 * 1000,
        "setup": 2 * 10,
        "double_rent": 400 * 6 / 12,
    }
    for line, value in year1.items():
        np.testing.assert_allclose(out[line][0], [value, 0, 0], rtol=1e-12, err_msg=line)
    np.testing.assert_allclose(out["empty_space"][0], [700, 350, 0], rtol=1e-12)
    np.testing.assert_allclose(out["office_running"][0], [-300] * 3, rtol=1e-12)
    np.testing.assert_allclose(out["business_travel"][0], [2 * (7 + 2), 2 * (7 + 2), 14])
    # 0.8 x 1200 x (3/12 + 0.5), then x 0.5 a year
    np.testing.assert_allclose(out["lost_production"][0], [720, 240, 120], rtol=1e-12)
    # commuting: post 1 keeps its incumbent (10), post 2: 0.8 hire + 0.2 mover (hire's 2)
    commute = 10 + 2
    np.testing.assert_allclose(out["commute_cost"][0], [commute] * 3)
    np.testing.assert_allclose(out["commute_time_value"][0], [commute * 3.0] * 3)
    np.testing.assert_allclose(out["commute_co2e_t"][0], [commute / 1000] * 3)
    np.testing.assert_allclose(out["office_co2e_t"][0], [-3.0] * 3)


def test_a_follower_below_the_home_threshold_keeps_the_incumbents_commute():
    inp = _inputs()
    v = _values(**{"relocation.moves_home_above_minutes": 2e6})
    out = ledger_lines(inp, v, 1, "physical")
    # nobody moves home: post 2 is 0.2 incumbent (20) + 0.8 hire (2)
    assert out["movers_home"][0, 0] == 0.0
    assert out["moving_allowance"][0, 0] == 0.0
    assert out["commute_cost"][0, 0] == pytest.approx(10 + 0.2 * 20 + 0.8 * 2)


def test_virtual_ledger_lines_by_hand():
    out = ledger_lines(_inputs(), _values(), 2, "virtual")
    kept = 0.9 ** np.array([0.5, 1.5])
    for line in (
        "recruitment",
        "training",
        "severance",
        "double_staffing",
        "vacancy_wages",
        "moving_allowance",
        "double_rent",
        "empty_space",
        "lost_production",
    ):
        assert np.all(out[line] == 0.0), line
    np.testing.assert_allclose(out["office_running"][0], kept * -100 + (1 - kept) * -300)
    np.testing.assert_allclose(out["commute_cost"][0], kept * -11 + (1 - kept) * 3)
    np.testing.assert_allclose(out["commute_time_value"][0], (kept * -11 + (1 - kept) * 3) * 3)
    np.testing.assert_allclose(out["setup"][0], 2 * 10 * np.array([0.1, 0.9 * 0.1]))
    np.testing.assert_allclose(out["business_travel"][0], [2 * 7 * 0.5] * 2)
    np.testing.assert_allclose(out["staff_at_destination"][0], 2 * (1 - kept))


def test_business_travel_scales_with_the_distance_up_to_the_reference():
    import dataclasses

    near = dataclasses.replace(_inputs(), travel_distance_km=25.0)
    far = dataclasses.replace(_inputs(), travel_distance_km=400.0)
    for inp, k in ((near, 0.25), (far, 1.0)):
        phys = ledger_lines(inp, _values(), 3, "physical")["business_travel"][0]
        np.testing.assert_allclose(phys, k * np.array([18.0, 18.0, 14.0]), rtol=1e-12)
        virt = ledger_lines(inp, _values(), 1, "virtual")["business_travel"][0]
        np.testing.assert_allclose(virt, [k * 2 * 7 * 0.5], rtol=1e-12)


def test_ledger_lines_over_draws_match_the_lines_of_each_draw():
    inp = _inputs()
    many = _values(**{"relocation.follow_floor_share": np.array([0.1, 0.3])})
    out = ledger_lines(inp, many, 3, "physical")
    for i, f in enumerate((0.1, 0.3)):
        one = ledger_lines(inp, _values(**{"relocation.follow_floor_share": f}), 3, "physical")
        for line in LEDGER_LINES:
            np.testing.assert_allclose(out[line][i], one[line][0], rtol=1e-12, err_msg=line)


def test_unknown_alternative_is_an_error():
    with pytest.raises(ValueError, match="alternative"):
        ledger_lines(_inputs(), _values(), 2, "teleport")


# -- the plan ------------------------------------------------------------------------------


def test_plan_ledger_has_every_line_and_present_values_by_hand(plan):
    led = plan.ledger
    assert list(led["line"]) == list(LEDGER_LINES)
    years = [f"year_{t}" for t in range(1, plan.horizon_years + 1)]
    factors = (1 + plan.discount_rate) ** -np.arange(1, plan.horizon_years + 1)
    money = led[led["unit"] == "DKK"]
    np.testing.assert_allclose(
        money["present_value"], money[years].to_numpy() @ factors, rtol=1e-12
    )
    np.testing.assert_allclose(led["total"], led[years].sum(axis=1), rtol=1e-12)
    assert led.loc[led["unit"] == "t CO2e", "present_value"].isna().all()
    assert led["source"].str.len().min() > 10  # every line says where it comes from


def test_plan_people_add_up(plan, agency):
    assert plan.moved == agency.n_employees
    assert plan.followers == pytest.approx(plan.people["follow_probability"].sum())
    assert plan.followers + plan.leavers == pytest.approx(plan.moved)
    assert plan.follow_share == pytest.approx(plan.followers / plan.moved)
    # recruitment by hand from the plan's own leavers
    p = rc.load_parameters("dk-2025")
    rec = plan.ledger.set_index("line").at["recruitment", "year_1"]
    assert rec == pytest.approx(plan.leavers * p["relocation.recruitment_cost_per_hire"])
    np.testing.assert_allclose(
        plan.people["added_minutes"],
        np.maximum(plan.people["minutes_after"] - plan.people["minutes_before"], 0),
    )


def test_plan_ranges_bracket_the_central_values(plan):
    led = plan.ledger
    money = led[led["unit"] == "DKK"]
    ok = money["present_value"].abs() > 0
    assert (money.loc[ok, "low"] <= money.loc[ok, "present_value"] + 1e-6).all()
    assert (money.loc[ok, "high"] >= money.loc[ok, "present_value"] - 1e-6).all()
    r = plan.ranges
    assert set(r["alternative"]) == {"physical", "virtual"}
    assert (r["low"] <= r["high"] + 1e-9).all()


def test_plan_is_reproducible_by_seed(agency):
    a = relocation_plan(agency, {"site_id": ["HQ"]}, "VIB", n_draws=50, seed=9)
    b = relocation_plan(agency, {"site_id": ["HQ"]}, "VIB", n_draws=50, seed=9)
    pd.testing.assert_frame_equal(a.ledger, b.ledger)
    pd.testing.assert_frame_equal(a.ranges, b.ranges)


def test_virtual_alternative_keeps_everyone_and_costs_no_turnover(plan):
    c = plan.compare().set_index("item")
    assert c.at["staff_kept", "virtual"] == plan.moved
    assert c.at["leavers", "virtual"] == 0
    assert c.at["total_production", "virtual"] == 0
    assert c.at["total_production", "physical"] > 0
    assert c.at["staff_kept", "physical"] == pytest.approx(plan.followers)
    # the physical move empties the origin and staffs the destination
    assert c.at["area_origin", "physical"] == 0
    assert c.at["area_destination", "physical"] > 0
    assert c.at["area_origin", "virtual"] > 0
    assert set(c["label"]) and not c["label"].str.startswith("reloc_").any()
    assert plan.compare("da").set_index("item").at["staff_kept", "label"].startswith("Nuvær")


def test_no_move_invariant_same_site(agency):
    plan = relocation_plan(agency, {"site_id": ["HQ"]}, "HQ", n_draws=20)
    assert plan.moved == 0 and plan.followers == 0 and plan.leavers == 0
    for led in (plan.ledger, plan.virtual_ledger):
        years = [c for c in led.columns if c.startswith("year_")]
        assert (led[years].to_numpy() == 0).all()
        assert (led["present_value"].fillna(0) == 0).all()
    assert any("nothing moves" in str(n) for n in plan.notes)


def test_no_added_commute_keeps_everyone():
    """A site at the same place as today's (another id), modes kept: every incumbent
    follows, nobody is recruited, trained, paid off or lost, commuting does not change."""
    twin = pd.DataFrame(
        {"site_id": ["TWIN"], "site_name": ["Twin"], "lat": [55.6761], "lon": [12.5800]}
    )
    wf = agency_workforce(40, seed=5, destinations=twin)
    plan = relocation_plan(wf, {"site_id": ["HQ"]}, "TWIN", n_draws=0, modes="keep")
    assert plan.followers == pytest.approx(plan.moved)
    assert plan.leavers == pytest.approx(0.0, abs=1e-9)
    led = plan.ledger.set_index("line")
    for line in (
        "recruitment",
        "training",
        "severance",
        "double_staffing",
        "vacancy_wages",
        "lost_production",
        "moving_allowance",
        "commute_cost",
        "commute_time_value",
        "external_cost",
        "commute_co2e_t",
    ):
        assert led.at[line, "total"] == pytest.approx(0.0, abs=1e-6), line


def test_parameter_set_without_relocation_keys_is_refused(agency):
    p = rc.load_parameters("dk-2025")
    p2 = p.with_overrides({"relocation.vacancy_months": {"value": -1.0}})
    with pytest.raises(ParameterError, match=r"relocation\.vacancy_months"):
        relocation_plan(agency, {"site_id": ["HQ"]}, "VIB", params=p2, n_draws=0)


def test_bad_arguments(agency):
    with pytest.raises(ValueError, match="to_site 'NOPE'"):
        relocation_plan(agency, {"site_id": ["HQ"]}, "NOPE")
    with pytest.raises(ValueError, match="horizon_years"):
        relocation_plan(agency, {"site_id": ["HQ"]}, "VIB", horizon_years=0)
    with pytest.raises(ValueError, match="virtual_onsite_days_per_week"):
        relocation_plan(agency, {"site_id": ["HQ"]}, "VIB", virtual_onsite_days_per_week=6)
    with pytest.raises(ValueError, match="column 'nope'"):
        relocation_plan(agency, {"nope": ["x"]}, "VIB")


def test_both_parameter_sets_carry_every_plan_key_with_a_range():
    for name in ("dk-2025", "uk-desnz-2025"):
        p = rc.load_parameters(name)
        declared = set(p.uncertain()["key"])
        for k in PLAN_KEYS:
            e = p.entry(k)
            assert e.source and e.status in ("R", "R2", "C", "M") and e.note, (name, k)
            # every behavioural or cost parameter has a range; a computed distance has none
            assert k in declared or k == "relocation.business_travel_reference_km", (name, k)
        for k in PLAN_OTHER_KEYS:
            assert k in p


def test_relocation_parameters_stay_out_of_the_assessment_draws():
    from remotecalc.evaluation.draws import uncertain_inputs

    keys = uncertain_inputs(rc.load_parameters("dk-2025"))["key"]
    assert not keys.str.startswith("relocation.").any()
