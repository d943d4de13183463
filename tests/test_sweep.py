"""Sweeps: the same numbers as assess(), lever columns, grids, and the shape of the curves.

Oracle: the concatenated ``assess(...).summary()`` of every scenario. The sweep computes the
same model functions without the per-employee table, so the only difference allowed is the
rounding of sums in another order: rtol 1e-12.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis import LEVERS, sweep
from remotecalc.errors import ScenarioError
from remotecalc.inputs.scenario import Scenario, load_scenarios, scenario_grid

NUMERIC = ["baseline", "scenario", "change"]


@pytest.fixture(scope="module")
def demo():
    return rc.datasets.demo_workforce(600, seed=4)


@pytest.fixture(scope="module")
def dk():
    return rc.load_parameters("dk-2025")


def _assert_same(table: pd.DataFrame, reference: pd.DataFrame):
    assert list(table.columns[: len(reference.columns)]) == list(reference.columns)
    text = [c for c in reference.columns if c not in NUMERIC]
    pd.testing.assert_frame_equal(table[text], reference[text])
    np.testing.assert_allclose(
        table[NUMERIC].to_numpy(float), reference[NUMERIC].to_numpy(float), rtol=1e-12, atol=1e-9
    )


def test_sweep_equals_assess_for_varied_scenarios(demo, dk):
    scenarios = [
        Scenario(name="today"),
        Scenario(name="2 days, space", remote_days_per_week=2, uptake=0.7, release_space=1.0),
        Scenario(
            name="anchors",
            remote_days_per_week=3,
            anchor_days=("tue", "thu"),
            service_level=0.9,
            release_space=0.5,
        ),
        Scenario(
            name="ratio",
            remote_days_per_week=4,
            desk_ratio=0.6,
            release_space=1.0,
            discount_rate=0.05,
            horizon_years=15,
        ),
        Scenario(
            name="jobcentre only",
            remote_days_per_week=2,
            applies_to={"department": ["Jobcenter", "Borgerservice"]},
        ),
    ]
    table = sweep(demo, scenarios, dk)
    reference = pd.concat([rc.assess(demo, s, dk).summary() for s in scenarios], ignore_index=True)
    _assert_same(table, reference)


def test_sweep_with_given_distances_and_times():
    staff, sites = rc.datasets.demo_tables(300, seed=9)
    rng = np.random.default_rng(0)
    staff["one_way_km"] = np.where(rng.random(300) < 0.4, rng.uniform(1, 90, 300).round(1), np.nan)
    staff["commute_minutes_one_way"] = np.where(
        rng.random(300) < 0.3, rng.uniform(5, 90, 300).round(), np.nan
    )
    wf = rc.read_staffing(staff, sites=rc.read_sites(sites))
    p = rc.load_parameters("uk-desnz-2025")
    scenarios = scenario_grid(Scenario(name="b", release_space=1.0), remote_days_per_week=[1, 3])
    _assert_same(
        sweep(wf, scenarios, p),
        pd.concat([rc.assess(wf, s, p).summary() for s in scenarios], ignore_index=True),
    )


def test_lever_columns(demo, dk):
    scenarios = [
        Scenario(
            name="a", remote_days_per_week=2, uptake=0.5, service_level=0.9, release_space=0.25
        ),
        Scenario(name="b", remote_days_per_week=1, desk_ratio=0.7),
    ]
    table = sweep(demo, scenarios, dk)
    assert [c for c in table.columns if c in LEVERS] == list(LEVERS)
    first = table[table["scenario_name"] == "a"].iloc[0]
    assert (
        first["remote_days_per_week"],
        first["uptake"],
        first["service_level"],
        first["release_space"],
    ) == (2.0, 0.5, 0.9, 0.25)
    assert np.isnan(first["desk_ratio"])
    assert table.loc[table["scenario_name"] == "b", "desk_ratio"].eq(0.7).all()
    # every scenario contributes the same rows as a summary
    assert len(set(table.groupby("scenario_name").size())) == 1  # same rows per scenario


def test_sweep_of_a_toml_plan_with_a_grid(tmp_path, demo, dk):
    plan = tmp_path / "plan.toml"
    plan.write_text(
        """
[base]
name = "base"
uptake = 0.8
release_space = 1.0

[variants."desk ratio"]
remote_days_per_week = 2
desk_ratio = 0.6

[grid]
remote_days_per_week = [0, 2, 4]
service_level = [0.9, 0.95]
""",
        encoding="utf-8",
    )
    scenarios = load_scenarios(plan)
    assert [s.name for s in scenarios] == [
        "desk ratio",
        "0 days, SL 0.90",
        "0 days, SL 0.95",
        "2 days, SL 0.90",
        "2 days, SL 0.95",
        "4 days, SL 0.90",
        "4 days, SL 0.95",
    ]
    assert all(s.uptake == 0.8 and s.release_space == 1.0 for s in scenarios)
    table = sweep(demo, plan, dk)
    assert table["scenario_name"].unique().tolist() == [s.name for s in scenarios]
    grid = table[(table["metric"] == "desks_needed") & table["desk_ratio"].isna()]
    # a lower service level never needs more desks
    wide = grid.pivot(  # noqa: PD010 (pivot raises on duplicates, as wanted)
        index="remote_days_per_week", columns="service_level", values="scenario"
    )
    assert (wide[0.9] <= wide[0.95]).all()


def test_scenario_grid_order_names_and_errors():
    base = Scenario(name="base", uptake=0.8)
    grid = scenario_grid(base, remote_days_per_week=[1, 2], release_space=[0.0, 1.0])
    assert [s.name for s in grid] == [
        "1 day, release 0%",
        "1 day, release 100%",
        "2 days, release 0%",
        "2 days, release 100%",
    ]
    assert all(s.uptake == 0.8 for s in grid)
    assert grid[3].description.startswith("Grid on 'base'")
    assert [s.name for s in scenario_grid(base, anchor_days=[(), ("tue", "thu")])] == [
        "no anchor days",
        "anchors Tue+Thu",
    ]
    # values too close for the short names get plain names, still unique
    close = scenario_grid(base, service_level=[0.951, 0.952])
    assert [s.name for s in close] == ["service_level = 0.951", "service_level = 0.952"]
    assert [s.name for s in scenario_grid(base)] == ["base"]
    with pytest.raises(ScenarioError, match=r"unknown lever.*remote_dayz"):
        scenario_grid(base, remote_dayz=[1])
    with pytest.raises(ScenarioError, match="no values"):
        scenario_grid(base, uptake=[])
    with pytest.raises(ScenarioError, match="remote_days_per_week"):
        scenario_grid(base, remote_days_per_week=[1, 9])


def test_grid_errors_in_toml_name_the_file(tmp_path):
    plan = tmp_path / "bad.toml"
    plan.write_text('[base]\nname = "b"\n[grid]\nremote_days = [1, 2]\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"bad\.toml: \[grid\]: unknown lever"):
        load_scenarios(plan)


def test_duplicate_names_are_refused(demo, dk):
    with pytest.raises(ValueError, match=r"unique.*twice"):
        sweep(demo, [Scenario(name="twice"), Scenario(name="twice", remote_days_per_week=1)], dk)


def test_parallel_sweep_equals_serial(demo, dk):
    scenarios = scenario_grid(Scenario(name="b", release_space=1.0), remote_days_per_week=[0, 1, 3])
    serial = sweep(demo, scenarios, dk)
    parallel = sweep(demo, scenarios, dk, n_jobs=2)
    pd.testing.assert_frame_equal(serial, parallel)


def test_progress_bar_when_asked(demo, dk, capsys):
    sweep(demo, [Scenario(name="a"), Scenario(name="b", remote_days_per_week=1)], dk, progress=True)
    assert "sweep" in capsys.readouterr().err


# --- the curves over remote days 0-5 -------------------------------------------------------

FALLING = [
    "onsite_days",
    "commute_km",
    "commute_hours",
    "commute_co2e_t",
    "deduction_tax_value",
    "time_value",
    "desks_needed",
    "area_m2",
    "attendee_days",
    "seat_cost",
    "occupancy_cost",
    "office_cost",
    "office_co2e_t",
]
RISING = [
    "home_days",
    "home_energy_co2e_t",
    "noncommute_km",
    "noncommute_co2e_t",
    "ict_co2e_t",
    "home_energy_cost",
    "area_released_m2",
    "one_off_home_office_cost",
]


@pytest.fixture(scope="module")
def remote_days_curve():
    """Remote days 0-5 on the demo organisation, everyone taking them up, space given up."""
    wf = rc.datasets.demo_workforce(1500, seed=0)
    grid = scenario_grid(
        Scenario(name="b", release_space=1.0), remote_days_per_week=[0, 1, 2, 3, 4, 5]
    )
    table = sweep(wf, grid, rc.load_parameters("dk-2025"))
    # pivot, not pivot_table: a duplicate (scenario, metric) should raise, not be averaged
    return table.pivot(index="remote_days_per_week", columns="metric", values="change")  # noqa: PD010


@pytest.mark.parametrize("metric", FALLING)
def test_falls_with_remote_days(remote_days_curve, metric):
    """More remote days never raise on-site days (policy.py), so nothing that is a positive
    multiple of on-site days, nor the desks (a Poisson-binomial quantile is monotone in
    each probability), nor the area and office cost with space given up, can rise."""
    steps = np.diff(remote_days_curve[metric].to_numpy())
    assert (steps <= 1e-9 * (1 + remote_days_curve[metric].abs().max())).all(), steps


@pytest.mark.parametrize("metric", RISING)
def test_rises_with_remote_days(remote_days_curve, metric):
    steps = np.diff(remote_days_curve[metric].to_numpy())
    assert (steps >= -1e-9 * (1 + remote_days_curve[metric].abs().max())).all(), steps


def test_zero_remote_days_change_nothing(remote_days_curve):
    assert np.allclose(remote_days_curve.loc[0.0], 0.0, atol=1e-9)


def test_net_co2e_and_net_cost_add_up(remote_days_curve):
    c = remote_days_curve
    parts = (
        c["commute_co2e_t"]
        + c["home_energy_co2e_t"]
        + c["noncommute_co2e_t"]
        + c["ict_co2e_t"]
        + c["office_co2e_t"]
    )
    np.testing.assert_allclose(c["net_co2e_t"], parts, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(
        c["net_cost"], c["employee_net_cost"] + c["office_cost"], rtol=1e-12, atol=1e-6
    )


def test_demo_net_co2e_and_cost_fall_with_remote_days(remote_days_curve):
    """On the demo organisation (63 % drive, mean commute about 20 km) the commute and office
    savings outweigh the rebound at the set's values: both curves fall at every step."""
    assert (np.diff(remote_days_curve["net_co2e_t"]) < 0).all()
    assert (np.diff(remote_days_curve["net_cost"]) < 0).all()


def test_net_co2e_falls_whatever_the_data_without_rebound():
    """With the rebound switched off (no home energy, ICT or extra trips) the net CO2e is a
    sum of falling terms: monotone for any workforce (here a small random one)."""
    wf = rc.datasets.demo_workforce(200, seed=11)
    p = rc.load_parameters("dk-2025").with_overrides(
        {
            "home.extra_electricity_kwh_per_day": 0.0,
            "home.extra_heat_kwh_per_day": 0.0,
            "ict.co2e_kg_per_workday": 0.0,
            "rebound.noncommute_share_of_avoided_km": 0.0,
        }
    )
    grid = scenario_grid(
        Scenario(name="b", release_space=1.0, uptake=0.6), remote_days_per_week=[0, 0.5, 1, 2, 3, 5]
    )
    t = sweep(wf, grid, p)
    net = t[t["metric"] == "net_co2e_t"].sort_values("remote_days_per_week")["change"]
    assert (np.diff(net.to_numpy()) <= 1e-9).all()


def test_linear_blocks_equal_the_summed_per_employee_blocks():
    """Sweeps sum blocks as dot products (engine.LinearBlocks); they equal the per-employee
    blocks summed, for random on-site days, with given distances and travel times mixed in."""
    from remotecalc.evaluation.entry import prepare
    from remotecalc.model import engine

    wf = rc.datasets.demo_workforce(400, seed=9)
    staff = wf.staff.copy()
    staff.loc[staff.index[::7], "commute_minutes_one_way"] = 35.0
    wf = dataclasses.replace(wf, staff=staff)
    prep = prepare(wf, "dk-2025")
    inp, v = prep.inputs, engine.Values(prep.params)
    lin = engine.LinearBlocks.of(inp, v)
    rng = np.random.default_rng(2)
    for _ in range(5):
        o = rng.uniform(0, 5, len(staff))
        a = lin.sums(o)
        b = engine.employee_blocks(inp, o, v).total(inp.mode_pos, lin.n_modes)
        for f in engine.Blocks._ADDITIVE:
            np.testing.assert_allclose(getattr(a, f), getattr(b, f), rtol=1e-10, atol=1e-6)
