"""The explorer's evaluation layer and its exports (no web framework needed).

Known answers: every number the explorer shows is the one ``assess`` gives for the same
levers (the explorer evaluates through the sweep's Runner; the two must agree to the
rounding of sums). Invariants: small groups never appear; exported plans and parameter files
load back to the same objects. The app itself: tests/test_explorer_app.py (Panel) and
tests/test_explorer_browser.py (headless Chromium).
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.evaluation import disclosure
from remotecalc.explorer.state import (
    _TEXT,
    ExplorerModel,
    ParamChoice,
    export_plan,
    key_parameter_table,
    parameters_toml,
    plan_toml,
    text,
)
from remotecalc.inputs.scenario import load_scenarios
from remotecalc.model import metrics
from remotecalc.model.metrics import EMPLOYEE, Metric
from remotecalc.outputs.report import headline_table

# sums over employees in another order: a few ulps of the totals
RTOL = 1e-9


@pytest.fixture(scope="module")
def wf():
    return rc.datasets.demo_workforce(600, seed=7)


@pytest.fixture(scope="module")
def model(wf):
    return ExplorerModel(wf)


def _depts(wf):
    n = wf.staff["department"].value_counts()
    return list(n.index[n >= 5])


SCENARIOS = [
    dict(name="2 days", remote_days_per_week=2),
    dict(name="3 days, uptake, space", remote_days_per_week=3, uptake=0.6, release_space=1.0),
    dict(name="anchors", remote_days_per_week=2, anchor_days=("tue", "thu"), service_level=0.9),
    dict(name="ratio", remote_days_per_week=2.5, desk_ratio=0.6, release_space=0.5),
]


@pytest.mark.parametrize("levers", SCENARIOS, ids=lambda d: d["name"])
def test_headline_is_what_assess_gives(wf, model, levers):
    sc = rc.Scenario(**levers)
    ev = model.evaluate(sc)
    got = model.headline(ev).set_index("metric")
    # published (docs/privacy.md): the same cells get the same noise in the app and in a
    # report, so the app shows what the published assessment gives
    want = headline_table([rc.assess(wf, sc, "dk-2025").published()]).set_index("metric")
    assert list(got.index) == list(want.index)
    for col in ("baseline", "scenario", "change"):
        np.testing.assert_allclose(got[col], want[col], rtol=RTOL, atol=1e-9)


def test_headline_for_a_department_long_run_and_a_key_parameter(wf, model):
    dept = _depts(wf)[0]
    sc = rc.Scenario(name="dept", remote_days_per_week=2, applies_to={"department": [dept]})
    choice = ParamChoice("dk-2025", long_run=True, overrides=(("office.area_per_desk_m2", 12.0),))
    ev = model.evaluate(sc, choice)
    params = rc.load_parameters("dk-2025").with_variant("long-run")
    params = params.with_overrides({"office.area_per_desk_m2": 12.0})
    res = rc.assess(wf, sc, params)
    got = ev.summary().set_index("metric")["change"]
    want = res.summary(publish=True).set_index("metric")["change"]
    np.testing.assert_allclose(got, want.loc[got.index], rtol=RTOL, atol=1e-9)
    # the levers matter: the long run and the override change the answer
    plain = model.evaluate(sc).summary().set_index("metric")["change"]
    assert not np.allclose(plain.to_numpy(float), got.to_numpy(float))


def test_headline_rows_come_from_the_registry(model):
    ev = model.evaluate(rc.Scenario(name="x", remote_days_per_week=1))
    assert tuple(model.headline(ev)["metric"]) == metrics.headline_names()
    toy = Metric(
        "toy_km",
        EMPLOYEE,
        "km/yr",
        "climate",
        "Toy km",
        "Legetøjs-km",
        headline_scale=1.0,
        formula=lambda b, v, f: 1.0 * (b.commute_pkm.sum(axis=-1) if b.by_mode else b.commute_pkm),
    )
    metrics.register(toy)
    try:
        fresh = ExplorerModel(model.workforce)  # a new runner sees the new metric
        h = fresh.headline(fresh.evaluate(rc.Scenario(name="x", remote_days_per_week=1)), "da")
        row = h.set_index("metric").loc["toy_km"]
        assert row["label"] == "Legetøjs-km"
        assert row["change"] < 0
    finally:
        metrics.unregister("toy_km")


def test_a_small_selection_is_not_shown(wf):
    staff = wf.staff.drop(columns=["source_row"], errors="ignore").copy()
    staff.loc[staff.index[:3], "department"] = "Tiny"
    small = rc.read_staffing(staff, sites=wf.sites)
    model = ExplorerModel(small)
    sc = rc.Scenario(name="tiny", remote_days_per_week=2, applies_to={"department": ["Tiny"]})
    ev = model.evaluate(sc)
    assert not ev.shown and ev.withheld_reason == disclosure.refused_selection("tiny")
    assert ev.n_selected == 0  # no count of a withheld selection
    assert model.headline(ev).empty
    assert "Tiny" not in model.departments()


def test_gains_are_the_disclosure_controlled_group_summary(wf, model):
    sc = rc.Scenario(name="2 days", remote_days_per_week=2)
    got = model.gains(sc)
    want = disclosure.group_summary(rc.assess(wf, sc).per_employee, "department")
    pd.testing.assert_frame_equal(got, want, rtol=1e-9)
    assert (got["employees"] >= 5).all()


def test_gains_pool_small_departments(wf):
    staff = wf.staff.drop(columns=["source_row"], errors="ignore").copy()
    staff.loc[staff.index[:2], "department"] = "Two"
    staff.loc[staff.index[2:5], "department"] = "Three"
    m = ExplorerModel(rc.read_staffing(staff, sites=wf.sites))
    g = m.gains(rc.Scenario(name="2 days", remote_days_per_week=2))
    assert not set(g["group"]) & {"Two", "Three"}
    assert (g["groups_pooled"] > 0).any()


def test_site_desks_equal_assess_and_pool_small_sites(wf, model):
    sc = rc.Scenario(name="2 days", remote_days_per_week=2, anchor_days=("tue",))
    got = model.site_desks(sc)
    ps = rc.assess(wf, sc).per_site
    pooled = disclosure.pool_sites(ps)
    np.testing.assert_allclose(got["desks_needed_scenario"], pooled["desks_needed_scenario"])
    np.testing.assert_allclose(got["desks_needed_baseline"], pooled["desks_needed_baseline"])
    np.testing.assert_allclose(got["desks_today"], pooled["desks_today"])
    shown = got[got["sites_pooled"] == 0]
    assert (shown["employees"] >= 5).all()


def test_desk_curve_at_the_chosen_level_equals_assess(wf, model):
    sc = rc.Scenario(name="2 days", remote_days_per_week=2, service_level=0.9)
    curve, today = model.desk_curve(sc)
    ps = rc.assess(wf, sc).per_site
    keep = ~disclosure.site_mask(ps.set_index("site_id")["employees"]).to_numpy(bool)
    at = curve[(curve["service_level"] == 0.9) & (curve["scenario_name"] == "2 days")]
    assert float(at["desks_needed"].iloc[0]) == pytest.approx(
        ps.loc[keep, "desks_needed_scenario"].sum()
    )
    assert today == pytest.approx(ps.loc[keep, "desks_today"].sum())
    # more desks at a higher service level, never fewer
    s = curve[curve["scenario_name"] == "2 days"]["desks_needed"].to_numpy()
    assert (np.diff(s) >= 0).all()


def test_figures_are_drawn(model):
    sc = rc.Scenario(name="2 days", remote_days_per_week=2)
    for fig in (
        model.waterfall_figure(model.evaluate(sc), "da"),
        model.desk_figure(sc, lang="da"),
        model.gains_figure(sc, lang="da"),
    ):
        assert fig is not None and fig.axes


def test_key_parameters_have_their_declared_range():
    p = rc.load_parameters("dk-2025")
    tab = key_parameter_table(p)
    assert len(tab) >= 4
    u = p.uncertain().set_index("key")
    for _, r in tab.iterrows():
        assert r["low"] == u.loc[r["key"], "low"] and r["high"] == u.loc[r["key"], "high"]
        assert r["low"] <= r["value"] <= r["high"]


HOSTILE = [
    'a "quoted" name',
    "=1+1 formula-like",
    "line\nbreak\ttab \\ backslash",
    "dansk æøå — ünïcode 🙂",
    "del\x7fchar",
]


def test_plan_toml_loads_back_to_the_same_scenarios(tmp_path):
    scenarios = [
        rc.Scenario(name=n, remote_days_per_week=i * 0.5, description=n)
        for i, n in enumerate(HOSTILE)
    ] + [
        rc.Scenario(
            name="all levers",
            remote_days_per_week=2.5,
            uptake=0.7,
            anchor_days=("tirsdag", "thu"),
            anchor_weight=2.0,
            service_level=0.975,
            release_space=0.3,
            horizon_years=10,
            discount_rate=0.035,
            applies_to={"department": ["Økonomi og HR", 'x"y'], "site_id": ["RAAD"]},
        ),
        rc.Scenario(name="ratio", desk_ratio=0.65, weekday_profile=(1, 2, 3, 2, 1)),
    ]
    path = tmp_path / "plan.toml"
    path.write_text(plan_toml(scenarios, header="line one\nline two"), encoding="utf-8")
    assert load_scenarios(path) == scenarios


def test_parameters_toml_loads_back_to_the_same_set(tmp_path):
    p = rc.load_parameters("dk-2025").with_variant("long-run")
    p = p.with_overrides({"cost.value_of_time_per_hour": 99.5})
    path = tmp_path / "params.toml"
    path.write_text(parameters_toml(p), encoding="utf-8")
    q = rc.load_parameters(path)
    assert q.name == p.name and q.currency == p.currency
    assert q.keys() == p.keys()
    for k in p.keys():
        assert q.entry(k) == p.entry(k), k


def test_export_plan_writes_parameters_only_when_changed(tmp_path, wf, model):
    sc = [rc.Scenario(name="a", remote_days_per_week=1)]
    plain = export_plan(sc, model.params(), ParamChoice("dk-2025"), tmp_path / "a")
    assert plain.params is None and plain.command.endswith("--params dk-2025")
    assert load_scenarios(plain.plan) == sc
    choice = ParamChoice("dk-2025", overrides=(("office.area_per_desk_m2", 12.0),))
    changed = export_plan(sc, model.params(choice), choice, tmp_path / "b")
    assert changed.params is not None
    assert rc.load_parameters(changed.params)["office.area_per_desk_m2"] == 12.0
    assert str(changed.params) in changed.command
    assert "office.area_per_desk_m2 = 12" in plain.plan.read_text() + changed.plan.read_text()


def test_every_text_is_in_both_languages():
    for key, texts in _TEXT.items():
        assert set(texts) == {"en", "da"} and all(texts.values()), key
    assert text("remote_days", "da") != text("remote_days", "en")
    with pytest.raises(ValueError):
        text("remote_days", "fr")


def test_the_explorer_module_imports_no_web_framework():
    code = (
        "import sys, remotecalc, remotecalc.explorer.app, remotecalc.explorer.state; "
        "print(sorted(m for m in ('panel', 'bokeh', 'tornado') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_map_by_home_municipality_withholds_small_areas(model):
    pytest.importorskip(
        "geopandas", reason="the map needs geopandas: pip install 'remotecalc[geo]'"
    )
    from conftest import shared_file

    from remotecalc.explorer.state import map_figure

    areas = shared_file("dk", "kommuner.geojson")
    fig = map_figure(model, rc.Scenario(name="2 days", remote_days_per_week=2), areas, lang="da")
    assert fig.axes


def test_selections_that_differ_by_a_few_people_are_not_shown(wf):
    staff = wf.staff.drop(columns=["source_row"], errors="ignore").copy()
    site = staff["site_id"].iloc[0]
    # department "D": 20 people at `site`, 2 elsewhere; everyone else in "E"
    staff["department"] = "E"
    at = staff.index[staff["site_id"] == site][:20]
    away = staff.index[staff["site_id"] != site][:2]
    staff.loc[at.union(away), "department"] = "D"
    m = ExplorerModel(rc.read_staffing(staff, sites=wf.sites))
    both = {"department": ["D"], "site_id": [site]}
    ev = m.evaluate(rc.Scenario(name="D at site", remote_days_per_week=2, applies_to=both))
    assert not ev.shown and ev.withheld_reason == disclosure.refused_selection("D at site")
    # the department on its own (22 people) and everyone else (E) are shown
    assert m.evaluate(rc.Scenario(name="D", applies_to={"department": ["D"]})).shown
    assert m.evaluate(rc.Scenario(name="E", applies_to={"department": ["E"]})).shown
    # all but 3 people: the complement would show by difference from everyone
    few = staff.index[:3]
    staff.loc[:, "department"] = "Big"
    staff.loc[few, "department"] = "Few"
    m2 = ExplorerModel(rc.read_staffing(staff, sites=wf.sites))
    ev2 = m2.evaluate(rc.Scenario(name="big", applies_to={"department": ["Big"]}))
    assert not ev2.shown and ev2.withheld_reason == disclosure.refused_selection("big")


def test_work_trips_lever_equals_assess():
    """With work trips attached, the virtual-meeting lever moves the headline exactly as
    ``assess`` does (work travel CO2e and mileage allowance)."""
    wf = rc.datasets.demo_workforce(300, seed=1)
    trips = rc.read_work_trips(rc.datasets.demo_work_trips(300, seed=1), workforce=wf)
    wt = wf.with_work_trips(trips)
    m = ExplorerModel(wt)
    assert m.has_work_trips and not ExplorerModel(wf).has_work_trips
    sc = rc.Scenario(name="x", remote_days_per_week=2, virtual_meeting_share=0.5)
    got = m.headline(m.evaluate(sc)).set_index("metric")["change"]
    want = rc.assess(wt, sc).summary(publish=True).set_index("metric")["change"]
    assert got["net_co2e_t"] == pytest.approx(want["net_co2e_t"], rel=1e-9)
    assert got["net_cost"] * 1000 == pytest.approx(want["net_cost"], rel=1e-9)  # 1,000 DKK
    without = m.headline(m.evaluate(sc.replace(virtual_meeting_share=0.0))).set_index("metric")
    assert got["net_co2e_t"] < without["change"]["net_co2e_t"]  # the lever moves it
    assert want["work_travel_co2e_t"] < 0
