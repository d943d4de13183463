"""Disclosure control (remotecalc.evaluation.disclosure): no group output shows a small group."""

from __future__ import annotations

import pandas as pd
import pytest
from test_plotting import per_employee_frame, per_site_frame

from remotecalc.evaluation.disclosure import (
    DEFAULT_MIN_GROUP_SIZE,
    gains_home_days,
    group_summary,
    pool_sites,
    savings,
    small_group_mask,
)


def test_small_group_mask_primary_and_complementary():
    counts = pd.Series({"a": 3, "b": 40, "c": 8, "d": 20, "e": 0})
    m = small_group_mask(counts, 5)
    assert m.to_dict() == {"a": True, "b": False, "c": True, "d": False, "e": False}
    assert counts[m].sum() >= 5
    # within a parent: the small unit is pooled with a sibling, not with another parent's unit
    units = pd.Series({"x1": 3, "x2": 30, "x3": 12, "y1": 6, "y2": 50})
    parent = pd.Series({"x1": "X", "x2": "X", "x3": "X", "y1": "Y", "y2": "Y"})
    m = small_group_mask(units, 5, parent)
    assert m.to_dict() == {"x1": True, "x2": False, "x3": True, "y1": False, "y2": False}


def test_group_summary_never_shows_a_small_group():
    e = per_employee_frame()
    for by in ("department", ["department", "unit"], "unit"):
        g = group_summary(e, by, min_group_size=5)
        assert (g["employees"] >= 5).all()
        assert not g["group"].str.contains("Tiny unit").any()
    g = group_summary(e, ["department", "unit"], min_group_size=5)
    pooled = g[g["groups_pooled"] > 0]
    assert list(pooled["group"]) == ["Administration / other (2 pooled)"]
    # no differencing: department total minus its shown units is the pool (>= 5), never 3
    dept = group_summary(e, "department").set_index("group")["employees"]
    shown = g[(g["groups_pooled"] == 0) & g["group"].str.startswith("Administration /")]
    assert dept["Administration"] - shown["employees"].sum() >= 5


def test_pool_sites_pools_small_sites():
    s = pool_sites(per_site_frame(), 5)
    assert "Depot" not in set(s["label"])
    assert (s.loc[s["sites_pooled"] > 0, "employees"] >= 5).all()
    assert s["employees"].sum() == per_site_frame()["employees"].sum()


def test_default_min_group_size_and_per_employee_quantities():
    assert DEFAULT_MIN_GROUP_SIZE == 5
    e = per_employee_frame()
    assert (savings(e, "commute_hours") == -e["commute_hours_change"]).all()
    gains = gains_home_days(e)
    assert gains.dtype == bool and len(gains) == len(e)
    g = group_summary(e, "department", exact=True)
    assert abs((g["share_no_home_day"] * g["employees"]).sum() - (~gains).sum()) < 1e-9


def test_group_summary_published_decides_the_tables_together():
    """A report's tables by region and by region/team are audited as one publication
    (``published=``); ``by`` must be one of them. Team t2 (3 people) is never shown, and
    region A minus the teams shown in A never gives it."""
    rows = [("A", "t1", 10), ("A", "t2", 3), ("B", "t3", 10), ("B", "t4", 6), ("C", "t5", 8)]
    e = pd.DataFrame([(r, t) for r, t, n in rows for _ in range(n)], columns=["region", "team"])
    e = e.assign(
        site_id="S1",
        commute_hours_change=-1.0,
        employee_net_cost_change=-10.0,
        employee_co2e_kg_change=-5.0,
        home_days_change=1.0,
    )
    published = [["region"], ["region", "team"]]
    regions = group_summary(e, ["region"], 5, published=published)
    teams = group_summary(e, ["region", "team"], 5, published=published)
    shown = dict(zip(teams["group"], teams["employees"], strict=True))
    assert "A / t2" not in shown
    a_total = dict(zip(regions["group"], regions["employees"], strict=True)).get("A")
    a_teams = sum(v for g, v in shown.items() if g.startswith("A / ") and "pooled" not in g)
    assert a_total is None or a_total - a_teams != 3
    with pytest.raises(ValueError, match="must hold by"):
        group_summary(e, ["team"], 5, published=published)
