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
