"""Monte Carlo: the fast path against full assessments, intervals, pinning, reproducibility.

Oracles: ``assess()`` with ``params.with_overrides(draw)`` at random draws (the fast path is
exact: rtol 1e-9, the rounding of sums over employees in another order); with uncertain
uptake the desks are interpolated between uptake grid points (exact on them, bracketed by
them between).
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import remotecalc as rc
from remotecalc.analysis import (
    HEADLINE_METRICS,
    draw_inputs,
    monte_carlo,
    sweep,
    sweep_uncertainty,
    uncertain_inputs,
)
from remotecalc.analysis.sweep import Runner
from remotecalc.analysis.uncertainty import FastModel, values_from_unit
from remotecalc.inputs.scenario import Scenario, scenario_grid


@pytest.fixture(scope="module")
def demo():
    return rc.datasets.demo_workforce(600, seed=5)


@pytest.fixture(scope="module")
def mixed():
    """Demo staff where some distances and travel times are given (no circuity for them)."""
    staff, sites = rc.datasets.demo_tables(400, seed=8)
    rng = np.random.default_rng(1)
    staff["one_way_km"] = np.where(rng.random(400) < 0.4, rng.uniform(1, 90, 400).round(1), np.nan)
    staff["commute_minutes_one_way"] = np.where(
        rng.random(400) < 0.3, rng.uniform(5, 90, 400).round(), np.nan
    )
    return rc.read_staffing(staff, sites=rc.read_sites(sites))


def _reference(wf, scenario, params, draw: pd.Series) -> pd.Series:
    over = {k: float(v) for k, v in draw.items() if k != "uptake"}
    if "uptake" in draw:
        scenario = scenario.replace(uptake=float(draw["uptake"]))
    return (
        rc.assess(wf, scenario, params.with_overrides(over)).summary().set_index("metric")["change"]
    )


def _rel(a: pd.Series, b: pd.Series) -> pd.Series:
    b = b.reindex(a.index)
    return (a - b).abs() / np.maximum(b.abs(), 1e-6 * (1 + b.abs().max()))


SCENARIOS = [
    Scenario(name="2 days, space", remote_days_per_week=2, uptake=0.7, release_space=1.0),
    Scenario(
        name="anchors",
        remote_days_per_week=3,
        anchor_days=("tue",),
        service_level=0.9,
        release_space=0.5,
        discount_rate=0.05,
    ),
    Scenario(
        name="ratio, admin only",
        remote_days_per_week=1,
        desk_ratio=0.7,
        release_space=1.0,
        applies_to={"department": ["Jobcenter", "Økonomi og HR"]},
    ),
]


@pytest.mark.parametrize("set_name", ["dk-2025", "uk-desnz-2025"])
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_fast_path_equals_assess_at_random_draws(demo, set_name, scenario):
    p = rc.load_parameters(set_name)
    fast = FastModel(Runner(demo, p, scenario.service_level))
    state = fast.state(scenario)
    # a seed of the scenario's name that every process agrees on (hash() of a str is salted
    # per process, so the draws, and a failure, would not repeat)
    draws = draw_inputs(p, 3, seed=zlib.crc32(scenario.name.encode()) % 1000)
    changes = fast.changes(state, draws)
    for i in range(len(draws)):
        rel = _rel(changes.iloc[i], _reference(demo, scenario, p, draws.iloc[i]))
        assert rel.max() < 1e-9, rel[rel >= 1e-9]


def test_fast_path_with_given_distances_times_and_deduction_thresholds(mixed):
    """Circuity moves geography-based distances across the deduction's 24/120 km thresholds;
    given distances do not move; travel times win over speeds. Also thresholds and rates
    declared uncertain (not in the packaged sets)."""
    p = rc.load_parameters("dk-2025").with_overrides(
        {
            "deduction.threshold_km_round_trip": {
                "value": 24.0,
                "uncertainty": {"dist": "uniform", "low": 10.0, "high": 40.0},
            },
            "deduction.upper_km_round_trip": {
                "value": 120.0,
                "uncertainty": {"dist": "triangular", "low": 60.0, "mode": 120.0, "high": 150.0},
            },
            "deduction.rate_per_km": {"value": 2.23, "uncertainty": {"dist": "normal", "sd": 0.3}},
        }
    )
    sc = Scenario(name="3 days", remote_days_per_week=3, release_space=1.0)
    fast = FastModel(Runner(mixed, p))
    state = fast.state(sc)
    draws = draw_inputs(p, 4, seed=7)
    changes = fast.changes(state, draws)
    for i in range(len(draws)):
        rel = _rel(changes.iloc[i], _reference(mixed, sc, p, draws.iloc[i]))
        assert rel.max() < 1e-9, rel[rel >= 1e-9]


def test_uncertain_uptake_exact_on_grid_and_bracketed_between(demo):
    p = rc.load_parameters("dk-2025")
    sc = SCENARIOS[0]
    fast = FastModel(Runner(demo, p))
    state = fast.state(sc, uptake=(0.3, 1.0))
    assert sc.uptake in state.desks_grid and len(state.desks_grid) >= 11
    draws = draw_inputs(p, 3, seed=3, uptake=(0.3, 1.0))
    draws.loc[0, "uptake"] = state.desks_grid[4]  # on the grid: exact
    changes = fast.changes(state, draws)
    rel = _rel(changes.iloc[0], _reference(demo, sc, p, draws.iloc[0]))
    assert rel.max() < 1e-9, rel[rel >= 1e-9]
    desk_metrics = [
        "desks_needed",
        "area_m2",
        "area_released_m2",
        "seat_cost",
        "office_cost",
        "office_co2e_t",
        "net_co2e_t",
        "net_cost",
        "npv_office_cost",
    ]
    for i in (1, 2):  # between grid points: everything but the desks is exact
        u = float(draws.loc[i, "uptake"])
        ref = _reference(demo, sc, p, draws.iloc[i])
        rel = _rel(changes.iloc[i].drop(desk_metrics), ref)
        assert rel.max() < 1e-9
        k = np.searchsorted(state.desks_grid, u) - 1
        lo, hi = (state.desks[j].sum() for j in (k + 1, k))  # desks fall with uptake
        desks = (
            changes.loc[i, "desks_needed"] + fast.runner.baseline_desks(0.95)["desks_needed"].sum()
        )
        assert lo - 1e-9 <= desks <= hi + 1e-9
        assert (
            lo <= ref["desks_needed"] + fast.runner.baseline_desks(0.95)["desks_needed"].sum() <= hi
        )


@pytest.fixture(scope="module")
def mc(demo):
    return monte_carlo(demo, SCENARIOS[0], "dk-2025", n_draws=2000, seed=42, uptake=(0.5, 0.9))


def test_draws_and_summary_columns(mc):
    assert len(mc.draws) == 2000
    for m in HEADLINE_METRICS:
        assert m in mc.draws.columns
    assert "uptake" in mc.draws.columns and "mode.car.co2e_ttw_kg_per_km" in mc.draws.columns
    s = mc.summary()
    assert list(s.columns) == ["metric", "label", "unit", "central", "mean", "p05", "p50", "p95"]
    assert s.set_index("metric").loc["net_co2e_t", "unit"] == "t CO2e/yr"
    assert s.set_index("metric").loc["commute_co2e_t", "unit"] == "t CO2e/yr"


def test_central_is_the_deterministic_assessment(demo, mc):
    ref = rc.assess(demo, SCENARIOS[0], "dk-2025").summary().set_index("metric")["change"]
    s = mc.summary().set_index("metric")
    np.testing.assert_allclose(s["central"], ref.reindex(s.index), rtol=1e-12)


@pytest.mark.parametrize("metric", HEADLINE_METRICS)
def test_interval_contains_the_central_value(mc, metric):
    r = mc.summary([metric]).iloc[0]
    assert r["p05"] < r["p95"]
    assert r["p05"] <= r["central"] <= r["p95"]


def test_same_seed_same_numbers(demo):
    a = monte_carlo(demo, SCENARIOS[1], n_draws=50, seed=3)
    b = monte_carlo(demo, SCENARIOS[1], n_draws=50, seed=3)
    c = monte_carlo(demo, SCENARIOS[1], n_draws=50, seed=4)
    pd.testing.assert_frame_equal(a.draws, b.draws)
    assert not a.draws.equals(c.draws)


def test_no_global_random_state_is_touched(demo):
    # the legacy global state is what this test is about
    np.random.seed(123)  # noqa: NPY002
    before = np.random.random()  # noqa: NPY002
    np.random.seed(123)  # noqa: NPY002
    monte_carlo(demo, SCENARIOS[0], n_draws=20, seed=1, uptake=(0.5, 1.0))
    assert np.random.random() == before  # noqa: NPY002


def test_pinning_an_input_narrows_the_interval_and_keeps_the_other_draws(demo, mc):
    key = "rebound.noncommute_share_of_avoided_km"
    p = rc.load_parameters("dk-2025")
    pinned = monte_carlo(
        demo,
        SCENARIOS[0],
        p.with_overrides({key: p[key]}),
        n_draws=2000,
        seed=42,
        uptake=(0.5, 0.9),
    )
    assert key not in pinned.draws.columns
    # common random numbers: every other input is drawn exactly as before
    other = [c for c in pinned.draws.columns if c in uncertain_inputs(p, (0.5, 0.9))["key"].values]
    pd.testing.assert_frame_equal(pinned.draws[other], mc.draws[other])
    for metric in ("net_co2e_t", "noncommute_co2e_t"):
        w_all = mc.summary([metric])[["p05", "p95"]].diff(axis=1).iloc[0, 1]
        w_pin = pinned.summary([metric])[["p05", "p95"]].diff(axis=1).iloc[0, 1]
        assert w_pin < w_all
    # a pinned input no other result depends on changes nothing
    assert pinned.summary(["commute_co2e_t"])["p95"].iloc[0] == pytest.approx(
        mc.summary(["commute_co2e_t"])["p95"].iloc[0], rel=1e-12
    )


def test_mode_shares_renormalised_in_every_draw(mc):
    shares = mc.draws.filter(like="rebound.noncommute_mode_share.")
    assert shares.shape[1] == 4
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, rtol=1e-12)


def test_distributions_are_the_declared_ones():
    """Uniform within bounds with mean (low+high)/2; triangular mean (low+mode+high)/3;
    normal truncated to the allowed range; tolerance 5 standard errors of the mean."""
    p = rc.load_parameters("dk-2025").with_overrides(
        {"mode.car.occupancy": {"value": 1.05, "uncertainty": {"dist": "normal", "sd": 0.5}}}
    )
    n = 20000
    d = draw_inputs(p, n, seed=0)
    t = uncertain_inputs(p).set_index("key")
    for key in ("office.rent_per_m2_per_year", "mode.car.co2e_ttw_kg_per_km"):
        r = t.loc[key]
        x = d[key]
        assert r["low"] <= x.min() and x.max() <= r["high"]
        mean = (
            (r["low"] + r["high"]) / 2
            if r["dist"] == "uniform"
            else (r["low"] + r["mode"] + r["high"]) / 3
        )
        assert abs(x.mean() - mean) < 5 * x.std() / np.sqrt(n)
    occ = d["mode.car.occupancy"]
    assert occ.min() >= 1  # truncated at the allowed range (occupancy >= 1: the driver)
    truncated = stats.truncnorm((1 - 1.05) / 0.5, np.inf, loc=1.05, scale=0.5)
    assert abs(np.median(occ) - truncated.median()) < 0.02


def test_values_from_unit_rejects_wrong_shapes():
    t = uncertain_inputs(rc.load_parameters("dk-2025"))
    with pytest.raises(ValueError, match="shape"):
        values_from_unit(t, np.zeros((3, 2)))


def test_sweep_uncertainty_central_equals_sweep_and_uses_common_draws(demo):
    p = rc.load_parameters("dk-2025")
    grid = scenario_grid(Scenario(name="b", release_space=1.0), remote_days_per_week=[1, 3])
    twin = Scenario(name="1 day again", remote_days_per_week=1, release_space=1.0)
    bands = sweep_uncertainty(demo, grid + [twin], p, n_draws=300, seed=5)
    assert list(bands.columns[:6]) == [
        "scenario_name",
        "remote_days_per_week",
        "uptake",
        "service_level",
        "desk_ratio",
        "release_space",
    ]
    for c in ("metric", "label", "unit", "central", "p05", "p50", "p95"):
        assert c in bands.columns
    det = sweep(demo, grid + [twin], p).set_index(["scenario_name", "metric"])["change"]
    b = bands.set_index(["scenario_name", "metric"])
    np.testing.assert_allclose(b["central"], det.reindex(b.index), rtol=1e-9, atol=1e-9)
    # the same draws in every scenario: identical scenarios get identical bands
    one = b.loc["1 day", ["p05", "p50", "p95"]]
    again = b.loc["1 day again", ["p05", "p50", "p95"]]
    np.testing.assert_array_equal(one.to_numpy(), again.to_numpy())
    net = bands[bands["metric"] == "net_co2e_t"]
    assert (net["p05"] <= net["central"]).all() and (net["central"] <= net["p95"]).all()


def test_monte_carlo_of_a_million_is_not_needed_for_correctness_but_scales(demo):
    """The draws are evaluated on sums: 20,000 draws of the demo take well under a second
    beyond the fixed cost (a loose bound, to catch an accidental per-draw loop)."""
    import time

    t0 = time.perf_counter()
    monte_carlo(demo, SCENARIOS[0], n_draws=20, seed=1)
    fixed = time.perf_counter() - t0
    t0 = time.perf_counter()
    monte_carlo(demo, SCENARIOS[0], n_draws=20000, seed=1)
    assert time.perf_counter() - t0 < fixed + 5.0


def test_with_every_input_pinned_the_interval_collapses_to_the_central_value(demo):
    p = rc.load_parameters("dk-2025")
    pinned = p.with_overrides({k: p[k] for k in p.uncertain()["key"]})
    mc = monte_carlo(demo, SCENARIOS[1], pinned, n_draws=5, seed=1)
    assert len(mc.draws) == 5 and len(mc.inputs) == 0
    s = mc.summary().set_index("metric")
    np.testing.assert_allclose(s["p05"], s["central"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(s["p95"], s["central"], rtol=1e-9, atol=1e-9)
