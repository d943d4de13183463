"""Money a municipal economist accepts (issue 24): what each party really pays, counted once.

1. An employee's cost per km is the marginal running cost by fuel (fuel or electricity
   price × consumption + tyres, maintenance, km-related depreciation), computed from its
   parts and varied through them; the deduction keeps the tax rates.
2. Public transport: the cheaper of a 30-day pass and single fares, so a pass holder saves
   nothing until dropping the pass pays; the same numbers from assess, sweeps and draws.
3. Office: no cost part counted twice (the attendance-driven parts inside the per-m² cost
   are taken out of it at today's attendance); embodied CO₂e of space given up only as the
   consequential option.
4. Home heat per home day from Nordic measured data; the heating season does not move on
   its own in draws.
5. The commuting deduction's distance is the car's route for every mode.
6. The long-run growth builds up over its years (movers per year).

Tolerances: exact arithmetic 1e-12; sums in another order 1e-9.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis.sweep import Runner
from remotecalc.analysis.uncertainty import FastModel
from remotecalc.errors import ParameterError
from remotecalc.evaluation.draws import draw_inputs, uncertain_inputs
from remotecalc.formulas import costs, home, office
from remotecalc.inputs.scenario import Scenario
from remotecalc.model import engine

RTOL = 1e-12
SITE_LAT, SITE_LON = 55.6415, 12.0803
WD = 216.0  # dk-2025 working days


@pytest.fixture(scope="module")
def dk() -> rc.Parameters:
    return rc.load_parameters("dk-2025")


def _close(actual, expected, rtol=RTOL, atol=0.0):
    np.testing.assert_allclose(
        np.asarray(actual, dtype=float), np.asarray(expected, dtype=float), rtol=rtol, atol=atol
    )


def _workforce(rows: list[dict], sites: pd.DataFrame | None = None) -> rc.Workforce:
    staff = pd.DataFrame(
        [
            {"employee_id": f"e{i + 1}", "site_id": "S", "teleworkable": 1.0, "fte": 1.0, **r}
            for i, r in enumerate(rows)
        ]
    )
    if sites is None:
        sites = pd.DataFrame({"site_id": ["S"], "lat": [SITE_LAT], "lon": [SITE_LON]})
    return rc.read_staffing(staff, sites=sites)


def _employee(res, col: str, who: str = "e1") -> float:
    return float(res.per_employee.set_index("employee_id").loc[who, col])


# ------------------------------------------------------------------------------------------
# 1. cost per km by fuel
# ------------------------------------------------------------------------------------------


def test_petrol_and_electric_car_cost_per_km_differ_and_are_not_the_deduction_rate(dk):
    petrol, ev = dk["mode.car_petrol.cost_per_km"], dk["mode.car_ev.cost_per_km"]
    rate = dk["deduction.rate_per_km"]
    assert petrol != pytest.approx(ev, rel=0.05)
    assert ev < petrol < rate
    assert petrol != pytest.approx(rate, rel=0.05) and ev != pytest.approx(rate, rel=0.05)
    # by hand from the read parts: BT's 14.10 km/l at 14.49 DKK/l, 20 kWh/100 km at 2.10
    _close(petrol, 14.49 / 14.10 + 0.10 + 0.20 + 0.15, rtol=1e-6)  # l/km stored to 6 digits
    _close(ev, 0.20 * 2.10 + 0.12 + 0.10 + 0.10)
    # and the deduction keeps Skatterådet's rate
    assert rate == pytest.approx(2.23)


def test_a_petrol_and_an_electric_commuter_save_their_own_running_cost(dk):
    wf = _workforce(
        [
            {"mode": "car_petrol", "one_way_km": 20.0, "onsite_days_per_week": 5.0},
            {"mode": "car_ev", "one_way_km": 20.0, "onsite_days_per_week": 5.0},
        ]
    )
    res = rc.assess(wf, Scenario(name="2", remote_days_per_week=2), dk)
    km_saved = 2 * 20.0 * WD * 2 / 5  # 2 days a week less, round trips
    share = dk["rebound.noncommute_share_of_avoided_km"]  # rebound trips in the own mode
    for who, mode in (("e1", "car_petrol"), ("e2", "car_ev")):
        _close(
            _employee(res, "travel_cost_change", who),
            -km_saved * (1 - share) * dk[f"mode.{mode}.cost_per_km"],
        )


def test_cost_per_km_moves_with_its_parts_in_draws_and_overrides(dk):
    draws = draw_inputs(dk, 30, seed=4)
    v = engine.Values(dk, draws)
    parts = dk.formula_links()["mode.car_diesel.cost_per_km"][1]
    by_hand = costs.running_cost_per_km(*(v(k) for k in parts))
    assert isinstance(by_hand, np.ndarray) and np.ptp(by_hand) > 0
    _close(v("mode.car_diesel.cost_per_km"), by_hand)
    # the computed key is not drawn on its own
    assert "mode.car_diesel.cost_per_km" not in set(uncertain_inputs(dk)["key"])
    # an override of a part moves it; an override of the cost itself detaches it
    q = dk.with_overrides({"mode.car_diesel.fuel_price_per_l": 20.0})
    _close(
        q["mode.car_diesel.cost_per_km"],
        dk["mode.car_diesel.cost_per_km"] + 6.31 / 18.10,
        rtol=1e-6,  # l/km stored to 6 digits
    )
    r = dk.with_overrides({"mode.car_diesel.cost_per_km": 1.5})
    assert r["mode.car_diesel.cost_per_km"] == 1.5
    assert "mode.car_diesel.cost_per_km" not in r.formula_links()


def test_a_stated_value_that_disagrees_with_its_parts_is_an_error(tmp_path):
    from remotecalc.inputs.parameters import _packaged_sets

    text = _packaged_sets()["dk-2025"].read_text(encoding="utf-8")
    i = text.index("[mode.car_ev.cost_per_km]\n")
    j = text.index("value = ", i)
    k = text.index("\n", j)
    path = tmp_path / "bad.toml"
    path.write_text(text[:j] + "value = 2.23" + text[k:], encoding="utf-8")
    with pytest.raises(ParameterError, match=r"mode\.car_ev\.cost_per_km: value 2\.23.*0\.74"):
        rc.load_parameters(path)


# ------------------------------------------------------------------------------------------
# 2. period pass or single fares
# ------------------------------------------------------------------------------------------


def _train(onsite: float, km: float = 18.0, fte: float = 1.0) -> dict:
    return {"mode": "train", "one_way_km": km, "onsite_days_per_week": onsite, "fte": fte}


def test_pass_holder_saves_no_fare_with_one_home_day_and_the_difference_with_four(dk):
    base, per_km = dk["transit.fare_base_per_trip"], dk["transit.fare_per_km"]
    fare = base + per_km * 18.0  # one trip
    pass_days = dk["transit.pass_price_in_single_fares"] / (2 * 30 * 5 / 7) * WD
    pass_per_year = 2 * fare * pass_days  # 26 single fares per 30 days
    singles_1_day = 2 * fare * WD / 5  # one on-site day a week
    share = dk["rebound.noncommute_share_of_avoided_km"]
    wf = _workforce([_train(5.0)])
    one = rc.assess(wf, Scenario(name="1", remote_days_per_week=1), dk)
    four = rc.assess(wf, Scenario(name="4", remote_days_per_week=4), dk)
    # the rebound trips on home days are priced per km (mode.train.cost_per_km)
    rebound = share * dk["mode.train.cost_per_km"] * 2 * 18.0 * WD / 5
    _close(_employee(one, "travel_cost_baseline"), pass_per_year)
    _close(_employee(one, "travel_cost_change"), rebound * 1)  # no fare saved
    _close(_employee(four, "travel_cost_change"), singles_1_day - pass_per_year + rebound * 4)
    assert singles_1_day < pass_per_year


def test_an_occasional_traveller_saves_the_single_fares_of_each_day():
    """Below the break-even (about 3 days a week) every day saved saves two single fares."""
    kw = dict(base_per_trip=13.5, per_km=1.27, pass_price_in_single_fares=26.0)
    two = costs.public_transport_fare_per_year(18.0, 2 * WD / 5, WD, **kw)
    one = costs.public_transport_fare_per_year(18.0, WD / 5, WD, **kw)
    _close(two - one, 2 * (13.5 + 1.27 * 18.0) * WD / 5)
    _close(costs.pass_break_even_share(26.0) * 5, 26.0 * 7 / 60)  # 3.03 days a week


def test_fares_are_the_same_in_assess_sweeps_and_draws(dk):
    rng = np.random.default_rng(2)
    n = 60
    modes = rng.choice(["train", "bus", "car_petrol", "bicycle"], n)
    rows = [
        {
            "mode": m,
            "one_way_km": float(rng.uniform(2, 60)),
            "onsite_days_per_week": float(rng.choice([5.0, 4.5, 4.0, 3.0, 2.0])),
            "fte": float(rng.choice([1.0, 0.8, 0.6])),
        }
        for m in modes
    ]
    wf = _workforce(rows)
    for sc in (
        Scenario(name="1 day", remote_days_per_week=1),
        Scenario(name="3 days, 0.6", remote_days_per_week=3, uptake=0.6),
    ):
        direct = rc.assess(wf, sc, dk).summary().set_index("metric")["change"]
        swept = Runner(wf, dk).summary(sc).set_index("metric")["change"]
        np.testing.assert_allclose(swept.reindex(direct.index), direct, rtol=1e-9, atol=1e-6)
        fast = FastModel(Runner(wf, dk))
        drawn = fast.changes(fast.state(sc), pd.DataFrame(index=range(1)), n=1).iloc[0]
        for metric in ("employee_net_cost", "net_cost", "commute_km", "fiscal_cost"):
            key = next(k for k in drawn.index if k.startswith(metric))
            _close(drawn[key], direct[key], rtol=1e-9)


# ------------------------------------------------------------------------------------------
# 3. office: every cost part counted once
# ------------------------------------------------------------------------------------------


def test_no_office_cost_part_is_counted_twice(dk):
    """Today's office cost is rent and the published operating cost per m² plus only the
    attendance parts that the per-m² figure does not hold (consumables, canteen)."""
    sites = pd.DataFrame(
        {
            "site_id": ["S"],
            "lat": [SITE_LAT],
            "lon": [SITE_LON],
            "area_m2": [400.0],
            "rent_per_m2_per_year": [1500.0],
        }
    )
    rows = [{"mode": "bicycle", "one_way_km": 3.0, "onsite_days_per_week": 5.0}] * 10
    res = rc.assess(_workforce(rows, sites), Scenario(name="2", remote_days_per_week=2), dk)
    s = res.per_site.iloc[0]
    n_today = s["attendee_days_baseline"]
    _close(n_today, 10 * WD)
    outside = (
        dk["office.consumables_cost_per_attendee_day"]
        + dk["office.canteen_subsidy_per_attendee_day"]
    )
    total = 400.0 * (1500.0 + dk["office.operating_cost_per_m2_per_year"]) + n_today * outside
    _close(s["office_cost_baseline"], total)
    # the parts of the attendee-day cost are the published ones, and sum to it
    parts = dk.formula_links()["office.occupancy_cost_per_attendee_day"][1]
    _close(
        dk["office.occupancy_cost_per_attendee_day"],
        office.attendance_cost_per_attendee_day(*(dk[k] for k in parts)),
    )
    # with attendance falling and no space given up, only the attendance parts are saved
    saved = s["attendee_days_baseline"] - s["attendee_days_scenario"]
    _close(s["office_cost_change"], -saved * dk["office.occupancy_cost_per_attendee_day"])
    # the per-m² parts add up to the per-m² cost (each part once)
    m2_parts = dk.formula_links()["office.operating_cost_per_m2_per_year"][1]
    _close(sum(dk[k] for k in m2_parts), dk["office.operating_cost_per_m2_per_year"])
    assert len(set(parts) & set(m2_parts)) == 0


def test_attendance_cost_is_a_few_kroner_not_more_than_a_desks_cleaning(dk):
    per_day = dk["office.occupancy_cost_per_attendee_day"]
    assert 3.0 <= per_day <= 15.0
    # demand cleaning per day is below what all cleaning of a desk's area costs per working day
    desk_cleaning = dk["office.cleaning_cost_per_m2_per_year"] * dk["office.area_per_desk_m2"]
    assert dk["office.cleaning_cost_per_attendee_day"] < desk_cleaning / WD


def test_embodied_co2e_of_space_given_up_is_an_option_off_by_default(dk):
    wf = rc.datasets.demo_workforce(300, seed=2)
    sc = Scenario(name="3", remote_days_per_week=3, release_space=1.0)
    off = rc.assess(wf, sc, dk).per_site
    on = rc.assess(
        wf, sc, dk.with_overrides({"office.embodied_credit_for_released_space": 1.0})
    ).per_site
    released = off["area_released_m2_scenario"]
    assert released.sum() > 0
    _close(
        (on["office_co2e_kg_change"] - off["office_co2e_kg_change"]).sum(),
        -released.sum() * dk["office.embodied_co2e_kg_per_m2_per_year"],
        rtol=1e-9,
    )


# ------------------------------------------------------------------------------------------
# 4. home heat
# ------------------------------------------------------------------------------------------


def test_home_heat_from_nordic_data_reaches_near_zero(dk):
    e = dk.entry("home.extra_heat_kwh_per_day")
    _close(e.value, round(0.053 * 0.40 * 18100 * 0.887 / 212, 2))
    assert e.uncertainty is not None and e.uncertainty["low"] <= 0.1
    assert "5.3 %" in e.note and "tado" in e.source


@pytest.mark.parametrize("name", ["dk-2025", "uk-desnz-2025"])
def test_the_heating_season_never_moves_on_its_own(name):
    """The heat per home day is computed per day of the season, so the season share must be
    fixed, linked (same_as) or computed (a formula link), never drawn independently."""
    p = rc.load_parameters(name)
    key = "home.heating_season_share"
    drawn = set(uncertain_inputs(p)["key"])
    assert key not in drawn or key in p.links() or key in p.formula_links()


# ------------------------------------------------------------------------------------------
# 5. deduction distance
# ------------------------------------------------------------------------------------------


def test_deduction_is_equal_for_a_train_and_a_car_commuter_from_one_home(dk):
    north = SITE_LAT + 0.25  # about 28 km due north
    rows = [
        {"mode": m, "home_lat": north, "home_lon": SITE_LON, "onsite_days_per_week": 5.0}
        for m in ("train", "car_petrol", "bicycle")
    ]
    res = rc.assess(_workforce(rows), Scenario(name="2", remote_days_per_week=2), dk)
    e = res.per_employee.set_index("employee_id")
    for col in ("deduction_tax_value_baseline", "deduction_tax_value_scenario"):
        assert e.loc["e1", col] > 0
        _close(e.loc["e1", col], e.loc["e2", col])
        _close(e.loc["e3", col], e.loc["e2", col])
    # while the travelled distances keep each mode's own circuity
    assert e.loc["e1", "commute_km_baseline"] != pytest.approx(e.loc["e2", "commute_km_baseline"])
    # and the draws agree (the deduction's bands found at the car's circuity for every mode)
    fast = FastModel(Runner(_workforce(rows), dk))
    sc = Scenario(name="2", remote_days_per_week=2)
    drawn = fast.changes(fast.state(sc), pd.DataFrame(index=range(1)), n=1).iloc[0]
    key = next(k for k in drawn.index if k.startswith("fiscal_cost"))
    _close(drawn[key], res.summary().set_index("metric").loc[key, "change"], rtol=1e-9)


# ------------------------------------------------------------------------------------------
# 6. long run builds up over its years
# ------------------------------------------------------------------------------------------


def test_moved_share_builds_up_over_the_years():
    years = np.arange(0, 31)
    share = home.moved_share_after_years(0.08, years)
    assert share[0] == 0.0 and np.all(np.diff(share) > 0) and share[-1] < 1.0
    _close(share[1], 0.08)
    _close(share[10], 1 - 0.92**10)


def test_long_run_growth_builds_up_over_its_years(dk):
    wf = rc.datasets.demo_workforce(300, seed=4)
    sc = Scenario(name="2", remote_days_per_week=2)
    short = rc.assess(wf, sc, dk).summary().set_index("metric")["change"]["commute_km"]
    long_run = dk.with_variant("long-run")

    def extra_km(years: float, rate: float = 0.08) -> float:
        p = long_run.with_overrides(
            {"longrun.years_after_change": years, "longrun.annual_move_share": rate}
        )
        # third places off: the movers' growth alone
        p = p.with_overrides({"longrun.third_place_share_of_home_days": 0.0})
        return rc.assess(wf, sc, p).summary().set_index("metric")["change"]["commute_km"] - short

    at_once = extra_km(1.0, 1.0)  # everybody moved: the growth at once
    assert at_once > 0
    _close(extra_km(0.0), 0.0, atol=1e-9)
    built = [extra_km(t) for t in (1.0, 5.0, 10.0, 20.0)]
    assert np.all(np.diff(built) > 0)
    for t, got in zip((1.0, 5.0, 10.0, 20.0), built, strict=True):
        _close(got, at_once * (1 - 0.92**t), rtol=1e-9)
