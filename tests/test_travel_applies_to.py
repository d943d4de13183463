"""``virtual_meeting_share`` moves online only the trips of the people ``applies_to`` selects
(issue 25: it moved everybody's trips online, silently).

Two employees with hand-checkable trips (the parameters of ``test_travel``): E0 a 100 km
meeting and a 50 km home-care round by own car, E1 a 200 km course by train. A scenario
that applies to E0 only, at share 0.5, keeps E1's course whole: 75 + 50 + 200 = 325 km
(not 285 km as when the share reached E1 too). The same number from assess, a sweep,
Monte Carlo's central value and the work-travel table by purpose.
"""

from __future__ import annotations

import pytest

import remotecalc as rc
from remotecalc.analysis import monte_carlo, sweep
from remotecalc.evaluation.entry import work_trip_blocks
from remotecalc.model import engine

YEAR = ("2025-01-01", "2025-12-31")


@pytest.fixture(scope="module")
def params():
    return rc.load_parameters("dk-2025").with_overrides(
        {
            "mode.car.co2e_ttw_kg_per_km": 0.2,
            "mode.car.co2e_wtt_kg_per_km": 0.0,
            "mode.train.co2e_wtt_kg_per_km": 0.0,
            "mode.car.occupancy": 1.0,
            "mode.car.circuity": 1.25,
            "mode.train.co2e_ttw_kg_per_km": 0.05,
            "work_travel.replaceable_share.meeting": 0.5,
            "work_travel.replaceable_share.course": 0.4,
        }
    )


@pytest.fixture(scope="module")
def wf():
    wf = rc.datasets.demo_workforce(60, seed=2)
    ids = wf.staff["employee_id"].tolist()
    raw = {
        "Medarbejdernr": [ids[0], ids[0], ids[1]],
        "Dato": ["03-02-2025", "04-02-2025", "05-02-2025"],
        "Km": ["100", "50", "200"],
        "Formål": ["Møde i Køge", "Hjemmepleje", "Kursus"],
        "Transportmiddel": ["Egen bil", "Egen bil", "Tog"],
    }
    import pandas as pd

    trips = rc.read_work_trips(pd.DataFrame(raw), workforce=wf, period=YEAR)
    return wf.with_work_trips(trips)


def _only_e0(wf, share=0.5):
    e0 = str(wf.staff["employee_id"].iloc[0])
    return rc.Scenario(
        name="E0 online", virtual_meeting_share=share, applies_to={"employee_id": [e0]}
    )


def test_assess_moves_only_the_selected_employees_trips(wf, params):
    res = rc.assess(wf, _only_e0(wf), params)
    s = res.summary().set_index("metric")
    assert float(s.loc["work_travel_km", "scenario"]) == pytest.approx(325.0)
    # CO2e: car 75 x 0.2 + 50 x 0.2 + train 200 x 0.05 = 35 kg
    assert float(s.loc["work_travel_co2e_t", "scenario"]) == pytest.approx(0.035)
    # trips: only E0's meeting, 1 x 0.25 moved online
    assert float(s.loc["work_trips", "scenario"]) == pytest.approx(2.75)
    e = res.per_employee.set_index("employee_id")["work_travel_km_scenario"]
    ids = wf.staff["employee_id"]
    assert e[ids[0]] == pytest.approx(125.0) and e[ids[1]] == pytest.approx(200.0)
    # selecting everybody with trips is the same as no selection (the test can fail)
    both = rc.Scenario(
        name="both", virtual_meeting_share=0.5, applies_to={"employee_id": list(ids[:2])}
    )
    km = rc.assess(wf, both, params).summary().set_index("metric")
    assert float(km.loc["work_travel_km", "scenario"]) == pytest.approx(285.0)


def test_sweep_monte_carlo_and_by_purpose_agree(wf, params):
    sc = _only_e0(wf)
    want = rc.assess(wf, sc, params).summary().set_index("metric")
    sw = sweep(wf, [sc], params).set_index("metric")
    for m in ("work_travel_km", "work_travel_co2e_t", "work_trips", "net_co2e_t"):
        assert float(sw.loc[m, "change"]) == pytest.approx(float(want.loc[m, "change"]), rel=1e-9)
    mc = monte_carlo(wf, sc, params, n_draws=50, seed=1)
    central = mc.summary(["work_travel_km"]).iloc[0]["central"]
    assert central == pytest.approx(-25.0)  # E0's meeting: 100 x 0.5 x 0.5
    # by purpose (before pooling small purposes): only E0's meeting shrinks
    blocks = work_trip_blocks(wf, params)
    applies = engine.applies_mask(wf.staff, sc)
    table = engine.work_travel_by_purpose(blocks, 0.5, engine.Values(params), applies=applies)
    assert table.loc["meeting", "km_scenario"] == pytest.approx(75.0)
    assert table.loc["course", "km_scenario"] == pytest.approx(200.0)
    assert float(table["km_scenario"].sum()) == pytest.approx(325.0)
    assert float(table["km_baseline"].sum()) == pytest.approx(350.0)
