"""Boundaries and results by home municipality (remotecalc.outputs.boundaries)."""

from __future__ import annotations

import pytest
from conftest import shared_file

from remotecalc.outputs.boundaries import by_municipality, read_boundaries


@pytest.fixture(scope="module")
def kommuner():
    pytest.importorskip(
        "geopandas", reason="the map needs the geo extra: pip install 'remotecalc[geo]'"
    )
    return shared_file("dk", "kommuner.geojson")


def test_read_boundaries_one_row_per_area(kommuner):
    areas = read_boundaries(kommuner)
    assert set(areas.columns) == {"code", "name", "geometry"}
    assert areas["code"].is_unique and "0265" in set(areas["code"])
    assert not areas.geometry.has_z.any()
    assert read_boundaries(areas) is areas  # already read: passed through


def test_by_municipality_withholds_small_areas(kommuner):
    import remotecalc as rc

    wf = rc.datasets.demo_workforce(400, seed=5)
    res = rc.assess(wf, rc.Scenario(name="2", remote_days_per_week=2))
    v = by_municipality(wf, res, kommuner, min_group_size=5)
    assert set(v.columns) >= {"code", "name", "employees", "value", "withheld"}
    assert v.loc[v["withheld"], ["employees", "value"]].isna().all().all()
    shown = v[~v["withheld"] & (v["employees"] > 0)]
    assert (shown["employees"] >= 5).all()
    withheld_total = wf.n_employees - v["employees"].sum()
    assert withheld_total == 0 or withheld_total >= 5
    assert "0265" in set(shown["code"])  # Roskilde
    same = by_municipality(wf, res, read_boundaries(kommuner), min_group_size=5)
    assert same.equals(v)


def test_by_municipality_publishes_the_cells_with_their_noise(kommuner):
    """Municipality values and counts are published like every group output (cell-key
    noise of the area's people), so a map beside the department tables gives no small group
    back by difference; the analyst's exact view is the plain sum of the savings."""
    import numpy as np

    import remotecalc as rc
    from remotecalc.outputs.boundaries import home_area_codes

    wf = rc.datasets.demo_workforce(400, seed=5)
    res = rc.assess(wf, rc.Scenario(name="2", remote_days_per_week=2))
    pub = by_municipality(wf, res, kommuner, min_group_size=5).set_index("code")
    exact = by_municipality(wf, res, kommuner, min_group_size=5, exact=True).set_index("code")
    assert pub["withheld"].equals(exact["withheld"])
    shown = pub.index[~pub["withheld"] & pub["value"].notna()]
    assert len(shown) >= 5
    # the exact view: minus the change of the area's people, in t
    code = home_area_codes(wf.staff, read_boundaries(kommuner))
    saved = -res.per_employee["commute_co2e_kg_change"].to_numpy() / 1000.0
    for c in shown[:5]:
        assert exact.loc[c, "value"] == pytest.approx(saved[np.asarray(code) == c].sum())
    # published: off the exact values (noise), counts never under the minimum
    assert (pub.loc[shown, "value"] != exact.loc[shown, "value"]).all()
    assert (pub.loc[shown, "employees"] >= 5).all()
    assert (abs(pub.loc[shown, "employees"] - exact.loc[shown, "employees"]) <= 2).all()
