"""What is kept between analyses of one workforce (issue 12's speed work): the workforce's
bounded cache of ``prepare``'s work, keyed by the parameter values and the registry; and
the faster orderings and look-ups, which must give the same numbers."""

from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis import monte_carlo
from remotecalc.analysis.sweep import Runner
from remotecalc.analysis.uncertainty import FastModel
from remotecalc.inputs.workforce import DerivedCache
from remotecalc.model import dkrules, engine, metrics
from remotecalc.model.metrics import EMPLOYEE, Metric

SC = rc.Scenario(name="2 days", remote_days_per_week=2, release_space=1.0)


def _fresh(wf: rc.Workforce) -> rc.Workforce:
    """The same data as a new object: nothing cached (geometry included)."""
    return dataclasses.replace(wf, staff=wf.staff.copy(), sites=wf.sites.copy())


@pytest.fixture
def wf():
    return rc.datasets.demo_workforce(400, seed=11)


def test_derived_cache_is_bounded_and_least_recently_used_leaves_first():
    c = DerivedCache(maxsize=2)
    made = []

    def make(x):
        made.append(x)
        return x

    assert c.get("a", lambda: make(1)) == 1
    assert c.get("b", lambda: make(2)) == 2
    assert c.get("a", lambda: make(99)) == 1  # kept, and now the most recently used
    assert c.get("c", lambda: make(3)) == 3  # "b" leaves
    assert "b" not in c and "a" in c and len(c) == 2
    assert made == [1, 2, 3]
    assert (c.hits, c.misses) == (1, 3)
    c.clear()
    assert len(c) == 0
    with pytest.raises(ValueError, match="maxsize"):
        DerivedCache(maxsize=0)


def test_a_full_cache_frees_its_entry_before_computing_the_next():
    c = DerivedCache(maxsize=1)
    c.get("a", lambda: "A")
    seen = []
    c.get("b", lambda: seen.append(len(c)) or "B")
    assert seen == [0]  # nothing held while "b" was computed


def test_second_assess_reuses_prepare_and_equals_a_fresh_workforce(wf):
    first = rc.assess(wf, SC)
    assert wf.derived.misses == 1
    second = rc.assess(wf, SC)
    assert wf.derived.hits == 1 and len(wf.derived) == 1
    fresh = rc.assess(_fresh(wf), SC)
    pd.testing.assert_frame_equal(second.per_employee, fresh.per_employee)
    pd.testing.assert_frame_equal(second.per_site, fresh.per_site)
    pd.testing.assert_frame_equal(second.summary(), fresh.summary())
    pd.testing.assert_frame_equal(first.summary(), second.summary())
    assert second.notes == fresh.notes


def test_prepare_returns_the_kept_work_for_equal_values_and_the_callers_parameters(wf):
    p1 = rc.load_parameters("dk-2025")
    p2 = rc.load_parameters("dk-2025")  # equal values, another object
    a = rc.prepare(wf, p1)
    b = rc.prepare(wf, p2)
    assert b.inputs is a.inputs and b.baseline is a.baseline
    assert a.params is p1 and b.params is p2
    res = rc.assess(wf, SC, p2)
    assert res.parameters is p2


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("mode.car.circuity", 1.6),  # the distances (employee inputs)
        ("deduction.bridge.storebaelt_car_per_passage", 500.0),  # a deduction input
        ("energy.electricity_co2e_kg_per_kwh", 0.3),  # the baseline's metrics only
    ],
)
def test_changed_parameter_values_are_not_served_from_the_cache(wf, key, value):
    p = rc.load_parameters("dk-2025")
    if key not in p:
        pytest.skip(f"the packaged set has no {key}")
    rc.assess(wf, SC, p)
    q = p.with_overrides({key: value})
    got = rc.assess(wf, SC, q)
    want = rc.assess(_fresh(wf), SC, q)
    pd.testing.assert_frame_equal(got.per_employee, want.per_employee)
    pd.testing.assert_frame_equal(got.summary(), want.summary())
    before = rc.assess(_fresh(wf), SC, p).summary().set_index("metric")["baseline"]
    after = got.summary().set_index("metric")["baseline"]
    assert not np.allclose(before.to_numpy(float), after.to_numpy(float), equal_nan=True)


def test_another_service_level_recomputes_todays_desks(wf):
    rc.assess(wf, SC)  # kept at 0.95
    sc = rc.Scenario(name="2 days", remote_days_per_week=2, service_level=0.8)
    got = rc.assess(wf, sc)
    want = rc.assess(_fresh(wf), sc)
    pd.testing.assert_frame_equal(got.per_site, want.per_site)
    assert rc.prepare(wf, None, 0.8).baseline_service_level == 0.8
    high = rc.prepare(wf, None, 0.99).baseline_desks["desks_needed"].sum()
    low = rc.prepare(wf, None, 0.8).baseline_desks["desks_needed"].sum()
    assert high > low


def test_a_metric_registered_later_is_in_the_next_assessment(wf):
    rc.assess(wf, SC)
    metrics.register(
        Metric(
            "toy_cache_km",
            EMPLOYEE,
            "km/yr",
            "climate",
            "Toy km",
            "Legetøjs-km",
            formula=lambda b, v, f: (
                2.0 * (b.commute_pkm.sum(axis=-1) if b.by_mode else b.commute_pkm)
            ),
        )
    )
    try:
        e = rc.assess(wf, SC).per_employee
        np.testing.assert_allclose(e["toy_cache_km_baseline"], 2 * e["commute_km_baseline"])
    finally:
        metrics.unregister("toy_cache_km")
    assert "toy_cache_km_baseline" not in rc.assess(wf, SC).per_employee.columns


def test_the_cache_is_not_pickled_and_a_changed_workforce_starts_empty(wf):
    rc.assess(wf, SC)
    back = pickle.loads(pickle.dumps(wf))
    assert "derived" not in back.__dict__ and len(back.derived) == 0
    pd.testing.assert_frame_equal(back.staff, wf.staff)
    assert len(wf.with_work_trips(None).derived) == 0


def test_monte_carlo_and_sweep_reuse_the_kept_work(wf):
    rc.assess(wf, SC)
    mc = monte_carlo(wf, SC, n_draws=20, seed=3)
    assert wf.derived.hits >= 1
    pd.testing.assert_frame_equal(mc.draws, monte_carlo(_fresh(wf), SC, n_draws=20, seed=3).draws)


def test_runner_builds_its_linear_blocks_only_when_a_summary_needs_them(wf):
    r = Runner(wf)
    assert "linear" not in r.__dict__
    r.summary(SC)
    assert "linear" in r.__dict__ and "class_baseline_totals" in r.__dict__


def test_distance_order_sorts_by_group_then_distance_as_lexsort_does():
    wf = rc.datasets.demo_workforce(3000, seed=5)
    p = rc.load_parameters("dk-2025")
    inp = rc.prepare(wf, p).inputs
    order = engine.DistanceOrder.of(inp, len(p.modes), len(wf.sites))
    geo = np.isnan(inp.given_km)
    group = np.where(geo, inp.mode_pos, len(p.modes))
    if inp.outer_area is not None:
        group = group + (len(p.modes) + 1) * inp.outer_area
    ref = np.lexsort((order.dist, group))
    np.testing.assert_array_equal(order.dist_sorted, order.dist[ref])
    np.testing.assert_array_equal(group[order.order], group[ref])
    # every employee once
    np.testing.assert_array_equal(np.sort(order.order), np.arange(len(order.dist)))


def test_movers_skipped_only_while_the_growth_is_fixed_at_zero():
    wf = rc.datasets.demo_workforce(400, seed=2)
    p = rc.load_parameters("dk-2025")
    fm = FastModel(Runner(wf, p))
    assert fm.growth_fixed_at_zero
    st = fm.state(SC)
    assert st.movers is None
    # values that set the growth all the same: the movers are counted, as by a model
    # whose set has that growth
    vals = pd.DataFrame({"longrun.hybrid_commute_growth_share": [0.1, 0.2]})
    got = fm.changes(st, vals)
    q = p.with_overrides({"longrun.hybrid_commute_growth_share": 0.15})
    fq = FastModel(Runner(wf, q))
    assert not fq.growth_fixed_at_zero
    want = fq.changes(fq.state(SC), vals)
    pd.testing.assert_frame_equal(got, want, rtol=1e-12)
    assert got["commute_km"].iloc[1] > got["commute_km"].iloc[0]


def test_bridge_allowance_same_for_categorical_and_text_modes():
    staff = pd.DataFrame(
        {
            "home_lat": [55.4, 55.7, 55.6, 55.4, np.nan],
            "home_lon": [10.4, 12.5, 13.0, 10.4, np.nan],
            "mode": ["car", "train", "car", "bicycle", "bus"],
        }
    )
    sites = pd.DataFrame({"lat": [55.68], "lon": [12.57]})
    code = np.zeros(5, dtype=int)
    amounts = {k: float(i + 1) * 10.0 for i, k in enumerate(dkrules.BRIDGE_KEYS)}
    text = dkrules.bridge_deduction_per_onsite_day(staff, sites, code, staff["mode"], amounts)
    cat = dkrules.bridge_deduction_per_onsite_day(
        staff, sites, code, staff["mode"].astype("category"), amounts
    )
    np.testing.assert_array_equal(text, cat)
    # by hand: Funen car over the Great Belt, 2 passages; Zealand train: none; Sweden car
    # over the Øresund; a Funen cyclist: none; no home point: none
    sb_car, orr_car = amounts[("storebaelt", "car")], amounts[("oresund", "car")]
    np.testing.assert_array_equal(text, [2 * sb_car, 0.0, 2 * orr_car, 0.0, 0.0])


def test_desk_counts_equal_a_group_by_of_site_and_share():
    rng = np.random.default_rng(7)
    n = 5000
    site = rng.integers(-1, 6, n)  # -1: not in the sites table, or no desk effect
    share = rng.choice([0.0, 1.2, 2.5, 2.5 + 1e-12, 5.0], n)
    c = engine.DeskCounts.of(site, share)
    ref = (
        pd.DataFrame({"site": site, "p": share})
        .query("site >= 0")
        .groupby(["site", "p"], sort=True)
        .size()
    )
    np.testing.assert_array_equal(c.site, ref.index.get_level_values(0))
    np.testing.assert_array_equal(c.p_week, ref.index.get_level_values(1))
    np.testing.assert_array_equal(c.count, ref.to_numpy())
    assert len(engine.DeskCounts.of(np.full(3, -1), np.ones(3)).count) == 0


def _grid_for_classes():
    from remotecalc.inputs.scenario import scenario_grid

    grid = scenario_grid(
        rc.Scenario(name="g", release_space=1.0),
        remote_days_per_week=[0, 0.5, 2, 3.5, 5],
        service_level=[0.8, 0.95],
        uptake=[0.6, 1.0],
    )
    return grid + [
        rc.Scenario(name="ratio", remote_days_per_week=2, desk_ratio=0.7),
        rc.Scenario(
            name="some", remote_days_per_week=2, applies_to={"department": ["Teknik og Miljø"]}
        ),
    ]


@pytest.mark.parametrize("variant", [None, "long-run"])
def test_sweep_on_classes_equals_the_per_employee_sums(variant):
    """Sweeps evaluate scenarios without applies_to on per-class sums (Runner.classes);
    the numbers equal the per-employee evaluation, desks exactly."""
    wf = rc.datasets.demo_workforce(1500, seed=8)
    p = rc.load_parameters("dk-2025")
    if variant:
        p = p.with_variant(variant)
    fast, slow = Runner(wf, p), Runner(wf, p)
    slow.__dict__["classes"] = None  # force the per-employee path
    assert fast.classes is not None
    assert fast.classes.size.sum() == len(wf.staff)
    for sc in _grid_for_classes():
        a, b = fast.summary(sc), slow.summary(sc)
        pd.testing.assert_frame_equal(a, b, rtol=1e-10, atol=1e-6)
        if engine.OnsiteClasses.applies(sc) and sc.desk_ratio is None:
            onsite_c = fast.classes.onsite(sc, fast.inputs)
            got = fast.classes.desk_counts(onsite_c)
            want = engine.DeskCounts.of_state(
                fast.inputs.desk_code, fast.inputs.fte, fast.onsite(sc)
            )
            for f in ("site", "p_week", "count"):
                np.testing.assert_array_equal(getattr(got, f), getattr(want, f))


def test_classes_not_built_when_grouping_does_not_pay():
    wf = rc.datasets.demo_workforce(300, seed=8)
    staff = wf.staff.copy()
    staff["teleworkable"] = np.linspace(0.0, 1.0, len(staff))  # every employee a class
    r = Runner(dataclasses.replace(wf, staff=staff))
    assert r.classes is None
    assert len(r.summary(SC)) > 0


def test_a_scenario_that_changes_nothing_changes_nothing_exactly_on_classes():
    wf = rc.datasets.demo_workforce(800, seed=3)
    r = Runner(wf)
    assert r.classes is not None
    s = r.summary(rc.Scenario(name="none", remote_days_per_week=0)).set_index("metric")
    for m in ("commute_km", "commute_co2e_t", "employee_net_cost", "time_value"):
        assert s.loc[m, "change"] == 0.0


@pytest.mark.parametrize("service_level", [0.8, 0.9, 0.99])
def test_runner_baseline_desks_equal_site_desks(service_level):
    from remotecalc.evaluation.assessment import site_desks

    wf = rc.datasets.demo_workforce(1200, seed=6)
    r = Runner(wf)
    inp = r.inputs
    want = site_desks(
        wf.sites,
        inp,
        inp.onsite_today,
        r.prepared.baseline["onsite_days"],
        service_level,
        None,
        None,
        peak_label=False,
        cache=None,
    )
    pd.testing.assert_frame_equal(r.baseline_desks(service_level), want)
