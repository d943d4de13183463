"""Plausibility warnings (issue 13, item 5): notes with counts, no row excluded or shown."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.inputs import plausibility

SITE_LAT, SITE_LON = 55.6415, 12.0803


def _assess(modes, km, area_m2=None):
    n = len(modes)
    staff = pd.DataFrame(
        {
            "employee_id": [f"secret-{i}" for i in range(n)],
            "site_id": ["S"] * n,
            "mode": modes,
            "one_way_km": km,
        }
    )
    sites = pd.DataFrame({"site_id": ["S"], "lat": [SITE_LAT], "lon": [SITE_LON]})
    if area_m2 is not None:
        sites["area_m2"] = [area_m2]
    wf = rc.read_staffing(staff, sites=sites)
    return wf, rc.assess(wf, rc.Scenario(name="2 days", remote_days_per_week=2))


def _plausibility_notes(res):
    return [n for n in res.notes if n.startswith("plausibility:")]


# (modes, one-way km, the fragment of the one note expected)
COMMUTE_CASES = [
    (["walk", "walk", "car"], [40.7, 16.3, 5.0], "2 employee(s) walk more than 15 km"),
    (["bicycle", "ebike", "car"], [41.3, 45.9, 5.0], "2 employee(s) cycle more than 40 km"),
    (["car", "train", "car"], [251.3, 300.9, 5.0], "2 employee(s) commute more than 250 km"),
]


@pytest.mark.parametrize(("modes", "km", "fragment"), COMMUTE_CASES, ids=["walk", "cycle", "far"])
def test_implausible_commutes_are_noted_with_counts_and_kept(modes, km, fragment):
    wf, res = _assess(modes, km)
    notes = _plausibility_notes(res)
    assert len(notes) == 1 and fragment in notes[0], notes
    assert "kept in the results" in notes[0]
    assert len(res.per_employee) == wf.n_employees == len(modes)  # nobody excluded
    for note in res.notes:  # counts only: no identifier, no distance of anybody
        assert "secret" not in note
        assert not any(f"{k:g}" in note for k in km if k > 15)


def test_plausible_commutes_give_no_note():
    _, res = _assess(["walk", "bicycle", "car", "ebike"], [15.0, 40.0, 250.0, 39.9])
    assert _plausibility_notes(res) == []


def test_walking_400_km_is_noted_twice_walk_and_far():
    _, res = _assess(["walk", "car"], [400.0, 5.0])
    notes = _plausibility_notes(res)
    assert len(notes) == 2
    assert "1 employee(s) walk more than 15 km" in notes[0]
    assert "1 employee(s) commute more than 250 km" in notes[1]


@pytest.mark.parametrize(
    ("n", "area", "fragment"),
    [
        (20, 50.0, "1 site(s) have less than 5 m²"),  # 2.5 m² each
        (2, 200.0, "1 site(s) have more than 60 m²"),  # 100 m² each
    ],
    ids=["crowded", "empty"],
)
def test_floor_area_per_employee_outside_5_to_60_is_noted(n, area, fragment):
    _, res = _assess(["car"] * n, [5.0] * n, area_m2=area)
    notes = _plausibility_notes(res)
    assert len(notes) == 1 and fragment in notes[0], notes
    assert len(res.per_site) == 1 and len(res.per_employee) == n


@pytest.mark.parametrize("area", [50.0, 120.0, 600.0])  # 5, 12 and 60 m² per employee
def test_floor_area_per_employee_within_the_range_gives_no_note(area):
    _, res = _assess(["car"] * 10, [5.0] * 10, area_m2=area)
    assert _plausibility_notes(res) == []


def test_60000_people_at_a_2000_m2_site():
    notes = plausibility.site_area_notes(np.array([2000.0]), np.array([60_000]))
    assert len(notes) == 1 and "1 site(s) have less than 5 m²" in notes[0]


def test_sites_without_area_or_employees_are_not_checked():
    area = np.array([np.nan, 100.0, 0.0])
    assert plausibility.site_area_notes(area, np.array([1000, 0, 0])) == []


def test_commute_counts_add_up_over_parts():
    rng = np.random.default_rng(1)
    km = rng.uniform(0, 400, 1000)
    modes = rng.choice(["walk", "bicycle", "ebike", "car", "train"], 1000)
    whole = plausibility.commute_counts(km, modes)
    parts = plausibility.commute_counts(km[:300], modes[:300]) + plausibility.commute_counts(
        km[300:], pd.Series(modes[300:], dtype="category")
    )
    np.testing.assert_array_equal(whole, parts)
    assert whole.sum() > 0


def test_missing_distances_are_not_counted():
    counts = plausibility.commute_counts(np.array([np.nan, np.nan]), np.array(["walk", "car"]))
    np.testing.assert_array_equal(counts, [0, 0, 0])


def test_dask_backend_gives_the_same_notes():
    dd = pytest.importorskip("dask.dataframe")
    wf, res = _assess(["walk", "bicycle", "car", "car"], [40.7, 45.9, 300.9, 5.0], area_m2=2.0)
    ddf = dd.from_pandas(wf.staff.drop(columns=["source_row"]), npartitions=2)
    res_dask = rc.assess(ddf, res.scenario, sites=wf.sites)
    assert _plausibility_notes(res_dask) == _plausibility_notes(res)
    assert len(_plausibility_notes(res)) == 4


def test_area_per_person_counts_the_people_who_use_the_office():
    """A care home's 400 m² with 40 frontline carers and 4 desk-based staff: 100 m² per
    desk user (flagged: the area holds more than the office), not 9 m² per head."""
    import remotecalc as rc

    n = 44
    staff = pd.DataFrame(
        {
            "employee_id": [f"E{i}" for i in range(n)],
            "site_id": "CARE",
            "mode": "car",
            "one_way_km": 5.0,
            "desk_based": ["ja"] * 4 + ["nej"] * 40,
        }
    )
    sites = pd.DataFrame({"site_id": ["CARE"], "lat": [55.64], "lon": [12.08], "area_m2": [400.0]})
    wf = rc.read_staffing(staff, sites=sites)
    notes = [x for x in rc.assess(wf, rc.Scenario(name="x")).notes if "plausibility" in x]
    assert any("more than 60 m²" in x for x in notes), notes
    assert not any("less than 5 m²" in x for x in notes)
