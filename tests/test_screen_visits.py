"""Screen visits in home care (issue 27): known answers by hand, invariants, the lever in
words and in the Monte Carlo, bad input.

Hand-made values: car 0.2 kg CO2e per km alone at 50 km/h; 15 % of home-care visits need no
hands; 2.5 km and 5 minutes per visit; 480 DKK per care hour; video 0.06 kg CO2e per hour.
E0 claims 500 km of home care (a week's driving between citizens) and a 100 km meeting;
E1 a 200 km delivery of goods. A screen-visit share of 0.4 moves 0.4 × 0.15 = 6 % of the
home-care km: 30 km, 0.6 h, 12 screen visits (30 / 2.5).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.i18n import describe_scenario

YEAR = ("2025-01-01", "2025-12-31")


@pytest.fixture(scope="module")
def params():
    return rc.load_parameters("dk-2025").with_overrides(
        {
            "mode.car.co2e_ttw_kg_per_km": 0.2,
            "mode.car.co2e_wtt_kg_per_km": 0.0,
            "mode.car.occupancy": 1.0,
            "mode.car.speed_km_per_h": 50.0,
            "work_travel.screen_visit_eligible_share": 0.15,
            "work_travel.home_visit_km_per_visit": 2.5,
            "work_travel.screen_visit_hours": 5 / 60,
            "work_travel.home_care_hour_cost": 480.0,
            "work_travel.video_call_co2e_kg_per_hour": 0.06,
        }
    )


@pytest.fixture(scope="module")
def wf():
    return rc.datasets.demo_workforce(60, seed=2)


@pytest.fixture(scope="module")
def trips(wf):
    ids = wf.staff["employee_id"].tolist()
    raw = pd.DataFrame(
        {
            "Medarbejdernr": [ids[0], ids[0], ids[1]],
            "Dato": ["03-02-2025", "04-02-2025", "05-02-2025"],
            "Km": ["500", "100", "200"],
            "Formål": ["Hjemmepleje, kørsel mellem borgere", "Møde i Køge", "Udbringning"],
            "Transportmiddel": ["Egen bil", "Egen bil", "Egen bil"],
        }
    )
    return rc.read_work_trips(raw, workforce=wf, period=YEAR)


def change(wf, trips, params, **levers) -> pd.Series:
    sc = rc.Scenario(name="s", **levers)
    return rc.assess(wf, sc, params, work_trips=trips).summary().set_index("metric")["change"]


def test_hand_calculation(wf, trips, params):
    s = change(wf, trips, params, screen_visit_share=0.4)
    assert s["home_visit_km"] == pytest.approx(-30.0)  # 500 × 0.4 × 0.15
    assert s["work_travel_km"] == pytest.approx(-30.0)  # the meeting and the goods stay
    assert s["home_visit_hours"] == pytest.approx(-0.6)  # 30 km / 50 km/h
    assert s["home_visit_co2e_t"] == pytest.approx(-30 * 0.2 / 1e3)
    assert s["home_visit_time_cost"] == pytest.approx(-0.6 * 480.0)
    assert s["screen_visits"] == pytest.approx(12.0)  # 30 km / 2.5 km per visit
    # each screen visit is a 5-minute video call
    assert s["virtual_meeting_co2e_t"] == pytest.approx(12 * 5 / 60 * 0.06 / 1e3)
    # net CO2e: the driving saved less the calls; the freed time is not cash
    assert s["net_co2e_t"] - change(wf, trips, params)["net_co2e_t"] == pytest.approx(
        (-30 * 0.2 + 12 * 5 / 60 * 0.06) / 1e3
    )
    assert s["net_cost"] == pytest.approx(change(wf, trips, params)["net_cost"] - 30 * 3.81)


def test_visits_that_need_hands_stay(wf, trips, params):
    s = change(wf, trips, params, screen_visit_share=1.0)
    assert s["home_visit_km"] == pytest.approx(-500 * 0.15)  # never more than the eligible
    both = change(wf, trips, params, screen_visit_share=1.0, virtual_meeting_share=1.0)
    # virtual meetings never replace care visits, screen visits never replace meetings
    meeting = rc.load_parameters("dk-2025")["work_travel.replaceable_share.meeting"]
    assert both["work_travel_km"] == pytest.approx(-500 * 0.15 - 100 * meeting)
    assert both["home_visit_km"] == pytest.approx(s["home_visit_km"])
    assert change(wf, trips, params, virtual_meeting_share=1.0)["home_visit_km"] == 0.0


def test_no_trips_no_effect_and_baseline_unchanged(wf, params):
    s = change(wf, None, params, screen_visit_share=0.5)
    assert s[["screen_visits", "home_visit_km", "home_visit_time_cost"]].abs().sum() == 0.0


def test_monte_carlo_and_sweep_agree_with_assess(wf, trips, params):
    sc = rc.Scenario(name="s", screen_visit_share=0.4)
    central = rc.assess(wf, sc, params, work_trips=trips).summary().set_index("metric")
    both = wf.with_work_trips(trips)
    mc = rc.monte_carlo(both, sc, params, n_draws=30, seed=1)
    row = mc.summary(["home_visit_km_change"]).set_index("metric")  # a name by() accepts too
    assert row.loc["home_visit_km", "central"] == pytest.approx(
        central.loc["home_visit_km", "change"]
    )
    # an override has no range: with the packaged set the share needing no hands varies
    varied = rc.monte_carlo(both, sc, "dk-2025", n_draws=30, seed=1)
    draws = varied.draws["home_visit_km"].to_numpy()
    assert np.all(draws <= 0) and np.ptp(draws) > 0
    assert "work_travel.screen_visit_eligible_share" in set(varied.inputs["key"])
    sw = rc.sweep(both, [sc], params)
    got = sw[(sw["metric"] == "screen_visits")]["change"].iloc[0]
    assert got == pytest.approx(central.loc["screen_visits", "change"])


def test_lever_in_words_and_bounds():
    sc = rc.Scenario(name="x", remote_days_per_week=1, screen_visit_share=0.2)
    assert "20 % af de besøg i hjemmeplejen, der ikke kræver hænder" in describe_scenario(sc, "da")
    assert "screen visits" in describe_scenario(sc, "en")
    with pytest.raises(rc.ScenarioError if hasattr(rc, "ScenarioError") else ValueError):
        rc.Scenario(name="x", screen_visit_share=1.5)


@pytest.mark.parametrize("name", ["dk-2025", "uk-desnz-2025"])
def test_parameters_sourced_in_both_sets(name):
    p = rc.load_parameters(name)
    for key in (
        "work_travel.screen_visit_eligible_share",
        "work_travel.screen_visit_hours",
        "work_travel.home_visit_km_per_visit",
        "work_travel.home_care_hour_cost",
    ):
        e = p.entry(key)
        assert e.status == "M" and e.uncertainty is not None and e.source, key
    assert p["work_travel.screen_visit_eligible_share"] == 0.15
