"""Rebound in the commuter's own mode, and the long-run levers (issue 14, items 2 and 4).

1. Own-mode rebound (``rebound.noncommute_own_mode_share = 1``, the default): a cyclist's or
   walker's travel CO₂e change is exactly 0, every commuter's is <= 0, a train commuter
   keeps 1 - 25 % of the saving (hand calculation); the fixed mix stays an option.
2. Long run off (the packaged sets): the long-run machinery adds exactly nothing.
3. Long run on: a hand-calculated three-employee workforce (a new hybrid worker who moves,
   one hybrid today who does not, one whose cap leaves under a day at home), at uptake 0.5.
4. The same numbers from every evaluation: assess, sweeps (``LinearBlocks``), Monte Carlo
   and Sobol (pre-sums, with drawn long-run parameters), Dask.

Tolerances: exact arithmetic 1e-12; sums over employees in another order 1e-9.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis import draw_inputs, sensitivity, sweep, uncertain_inputs
from remotecalc.analysis.sweep import Runner
from remotecalc.analysis.uncertainty import FastModel
from remotecalc.errors import ParameterError
from remotecalc.inputs.scenario import Scenario
from remotecalc.model import engine

RTOL = 1e-12
SITE_LAT, SITE_LON = 55.6415, 12.0803
LONG_RUN_KEYS = (
    "longrun.hybrid_commute_growth_share",
    "longrun.third_place_share_of_home_days",
    "longrun.third_place_one_way_km",
)


def _workforce(rows: list[dict]) -> rc.Workforce:
    staff = pd.DataFrame(
        [
            {"employee_id": f"e{i + 1}", "site_id": "S", "teleworkable": 1.0, **r}
            for i, r in enumerate(rows)
        ]
    )
    sites = pd.DataFrame({"site_id": ["S"], "lat": [SITE_LAT], "lon": [SITE_LON]})
    return rc.read_staffing(staff, sites=sites)


def _one(mode: str, km: float, fte: float = 1.0, onsite: float = 5.0, **kw) -> dict:
    return {"mode": mode, "one_way_km": km, "fte": fte, "onsite_days_per_week": onsite, **kw}


def _close(actual, expected, rtol=RTOL, atol=0.0):
    np.testing.assert_allclose(
        np.asarray(actual, dtype=float), np.asarray(expected, dtype=float), rtol=rtol, atol=atol
    )


def _factor_per_pkm(p: rc.Parameters, mode: str) -> float:
    """Emission factor per passenger-km by hand from the set's entries."""
    f = p[f"mode.{mode}.co2e_ttw_kg_per_km"]
    if p.emission_scope == "well_to_wheel":
        f += p[f"mode.{mode}.co2e_wtt_kg_per_km"]
    return f / p[f"mode.{mode}.occupancy"]


@pytest.fixture(scope="module")
def dk() -> rc.Parameters:
    return rc.load_parameters("dk-2025")


@pytest.fixture(scope="module")
def long_run(dk) -> rc.Parameters:
    return dk.with_variant("long-run")


@pytest.fixture(scope="module")
def demo() -> rc.Workforce:
    return rc.datasets.demo_workforce(400, seed=11)


TWO_DAYS = Scenario(name="2 days", remote_days_per_week=2)


# ------------------------------------------------------------------------------------------
# 1. rebound in the commuter's own mode
# ------------------------------------------------------------------------------------------


def test_default_is_own_mode_and_the_short_run(dk):
    assert dk["rebound.noncommute_own_mode_share"] == 1.0
    for key in LONG_RUN_KEYS:
        assert dk[key] == 0.0 and dk.entry(key).uncertainty is None, key
    assert rc.load_parameters("uk-desnz-2025")["rebound.noncommute_own_mode_share"] == 1.0


@pytest.mark.parametrize("mode", ["bicycle", "walk"])
def test_cyclist_and_walker_net_change_is_never_positive_but_for_home_energy(dk, mode):
    """By default a cyclist's or walker's travel CO2e change (commute + rebound trips) is
    exactly 0, so their net change is their home energy (+ ICT) and nothing else; with the
    home-energy term switched off it is <= 0 (here exactly 0)."""
    assert _factor_per_pkm(dk, mode) == 0.0  # the premise: these modes emit nothing
    wf = _workforce([_one(mode, km) for km in (0.5, 3.0, 8.0, 25.0)])
    e = rc.assess(wf, TWO_DAYS, dk).per_employee
    assert (e["commute_co2e_kg_change"] == 0).all()
    assert (e["noncommute_co2e_kg_change"] == 0).all()
    assert (e["noncommute_km_change"] > 0).all()  # the trips exist; they emit nothing
    _close(
        e["employee_co2e_kg_change"],
        e["home_energy_co2e_kg_change"] + e["ict_co2e_kg_change"],
    )
    no_home_energy = dk.with_overrides(
        {"home.extra_electricity_kwh_per_day": 0.0, "home.extra_heat_kwh_per_day": 0.0}
    )
    e0 = rc.assess(wf, TWO_DAYS, no_home_energy).per_employee
    assert (e0["employee_co2e_kg_change"] <= 0).all()
    # the fixed mix (the option) is what made a cyclist's travel CO2e rise
    mix = dk.with_overrides({"rebound.noncommute_own_mode_share": 0.0})
    e_mix = rc.assess(wf, TWO_DAYS, mix).per_employee
    assert (e_mix["noncommute_co2e_kg_change"] > 0).all()


def test_every_commuters_travel_change_is_not_positive_by_default(dk, demo):
    """Own mode, share of avoided km <= 1: travel change = -(1 - r) x avoided commute CO2e."""
    e = rc.assess(demo, Scenario(name="3 days", remote_days_per_week=3), dk).per_employee
    travel = e["commute_co2e_kg_change"] + e["noncommute_co2e_kg_change"]
    assert (travel <= 1e-9).all()
    r = dk["rebound.noncommute_share_of_avoided_km"]
    _close(travel, (1 - r) * e["commute_co2e_kg_change"], rtol=1e-9, atol=1e-9)


def test_train_commuter_keeps_most_of_the_saving_by_hand(dk):
    """One full-time train commuter, 30 km one way, 5 -> 3 days on site."""
    res = rc.assess(_workforce([_one("train", 30.0)]), TWO_DAYS, dk)
    e = res.per_employee.iloc[0]
    W = dk["workdays_per_year"]
    avoided_km = 2 * 30.0 * W * 2 / 5  # 2 fewer days a week on site
    f = _factor_per_pkm(dk, "train")
    r = dk["rebound.noncommute_share_of_avoided_km"]  # 0.25
    _close(e["commute_co2e_kg_change"], -avoided_km * f)
    _close(e["noncommute_km_change"], r * avoided_km)
    _close(e["noncommute_co2e_kg_change"], r * avoided_km * f)  # in the train, own mode
    kept = (e["commute_co2e_kg_change"] + e["noncommute_co2e_kg_change"]) / e[
        "commute_co2e_kg_change"
    ]
    _close(kept, 1 - r)  # keeps 75 % of the travel saving
    # with the fixed mix the rebound trips go mostly by car: by hand, sum of share x factor
    mix = dk.with_overrides({"rebound.noncommute_own_mode_share": 0.0})
    share = dk.noncommute_mode_share()
    f_mix = sum(share[m] * _factor_per_pkm(dk, m) for m in share.index)
    e_mix = rc.assess(_workforce([_one("train", 30.0)]), TWO_DAYS, mix).per_employee.iloc[0]
    _close(e_mix["noncommute_co2e_kg_change"], r * avoided_km * f_mix)
    assert e_mix["noncommute_co2e_kg_change"] > e["noncommute_co2e_kg_change"]
    # and half-way: the blend of the two
    half = dk.with_overrides({"rebound.noncommute_own_mode_share": 0.5})
    e_half = rc.assess(_workforce([_one("train", 30.0)]), TWO_DAYS, half).per_employee.iloc[0]
    _close(e_half["noncommute_co2e_kg_change"], r * avoided_km * (0.5 * f + 0.5 * f_mix))


def test_rebound_costs_follow_the_same_mode(dk):
    """Running cost and external cost of the rebound trips: own mode by default."""
    e = rc.assess(_workforce([_one("car", 20.0)]), TWO_DAYS, dk).per_employee.iloc[0]
    W, r = dk["workdays_per_year"], dk["rebound.noncommute_share_of_avoided_km"]
    avoided = 2 * 20.0 * W * 2 / 5
    c = dk["mode.car.cost_per_km"]
    _close(e["travel_cost_change"], -avoided * c + r * avoided * c)
    ext = dk["mode.car.external_cost_per_vkm"] / dk["mode.car.occupancy"]
    _close(e["external_cost_change"], -(1 - r) * avoided * ext)


# ------------------------------------------------------------------------------------------
# 2. long run off: nothing added
# ------------------------------------------------------------------------------------------


def test_long_run_off_adds_exactly_nothing(dk, long_run, demo):
    """The long-run variant with its levers set back to 0 gives the short run bit for bit,
    per employee and in the summary; and the blocks with and without movers are equal."""
    off = long_run.with_overrides({k: 0.0 for k in LONG_RUN_KEYS})
    sc = Scenario(name="3 days half", remote_days_per_week=3, uptake=0.5, release_space=1.0)
    a, b = rc.assess(demo, sc, dk), rc.assess(demo, sc, off)
    pd.testing.assert_frame_equal(a.per_employee, b.per_employee, check_exact=True)
    pd.testing.assert_frame_equal(a.summary(), b.summary(), check_exact=True)
    inp = rc.prepare(demo, dk).inputs
    v = engine.Values(dk)
    o = np.full(demo.n_employees, 3.0)
    movers = engine.Movers(np.full(demo.n_employees, 0.5), np.full(demo.n_employees, 2.0))
    assert engine.scenario_movers(demo.staff, sc, inp, v) is None
    with_m, without = engine.employee_blocks(inp, o, v, movers), engine.employee_blocks(inp, o, v)
    for k in engine.Blocks._ADDITIVE:
        np.testing.assert_array_equal(getattr(with_m, k), getattr(without, k))


def test_variant_keeps_sources_and_rejects_bad_files(dk, long_run, tmp_path):
    e = long_run.entry("longrun.third_place_share_of_home_days")
    assert e.status == "R" and "Caros" in e.source and e.uncertainty is not None
    assert long_run.entry("longrun.hybrid_commute_growth_share").uncertainty == {
        "dist": "uniform",
        "low": 0.0,
        "high": 0.29,
    }
    assert long_run.name == dk.name and long_run.meta["variant"] == "long-run"
    assert "variant" not in dk.meta  # the set itself is unchanged
    with pytest.raises(ParameterError, match="No packaged parameter variant named 'long-rn'"):
        dk.with_variant("long-rn")
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[longrun.third_place_one_way_km]\nvalue = -1.0\nunit = "km"\nyear = 2025\n'
        'source = "x"\nstatus = "M"\n\n[no.such_key]\nvalue = 1.0\nunit = "km"\n'
        'source = "x"\nstatus = "M"\nyear = 2025\n',
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as err:
        dk.with_variant(bad)
    assert "no.such_key: not a key" in str(err.value)
    assert "longrun.third_place_one_way_km: value -1.0 is outside" in str(err.value)


# ------------------------------------------------------------------------------------------
# 3. long run on: a known answer by hand
# ------------------------------------------------------------------------------------------

#: Round numbers (as tests/test_model.py's SIMPLE) plus the long-run levers.
HAND = {
    "workdays_per_year": 200,
    "mode.car.co2e_ttw_kg_per_km": 0.2,
    "mode.car.co2e_wtt_kg_per_km": 0.0,
    "mode.car.occupancy": 1.25,
    "mode.car.speed_km_per_h": 40,
    "mode.car.cost_per_km": 2.0,
    "mode.bus.co2e_ttw_kg_per_km": 0.1,
    "mode.bus.co2e_wtt_kg_per_km": 0.0,
    "mode.bus.speed_km_per_h": 25,
    "rebound.noncommute_share_of_avoided_km": 0.25,
    "rebound.noncommute_km_per_home_day": 2.0,
    "rebound.noncommute_own_mode_share": 1.0,
    "deduction.threshold_km_round_trip": 24.0,
    "deduction.upper_km_round_trip": 120.0,
    "deduction.rate_per_km": 2.0,
    "deduction.rate_above_upper_per_km": 1.0,
    "deduction.marginal_tax_value": 0.25,
    "longrun.hybrid_commute_growth_share": 0.2,
    "longrun.third_place_share_of_home_days": 0.25,
    "longrun.third_place_one_way_km": 4.0,
    # every new hybrid worker has moved by the long-run view (1 - (1 - 1)^1 = 1); the
    # build-up over the years is tested in test_marginal_costs.py
    "longrun.annual_move_share": 1.0,
    "longrun.years_after_change": 1.0,
}
HAND_SCENARIO = Scenario(name="3 days, half take it", remote_days_per_week=3, uptake=0.5)


@pytest.fixture(scope="module")
def hand_case(long_run):
    p = long_run.with_overrides(HAND)
    wf = _workforce(
        [
            _one("car", 20.0),  # no home day today; 2 on site as a taker: becomes hybrid
            _one("car", 20.0, onsite=3.0),  # hybrid today: observed distance, no move
            _one("bus", 10.0, fte=0.5, teleworkable=0.1),  # cap 0.5 day: never hybrid
        ]
    )
    return wf, p, rc.assess(wf, HAND_SCENARIO, p)


def test_long_run_known_answer_for_a_small_workforce(hand_case):
    """Uptake 0.5: on-site days o = o_today - 0.5 (o_today - o_taker).

    e1: o = 5 - 0.5*3 = 3.5 -> S = 140, H = 60; as a taker (weight 0.5) o_t = 2 -> S_t = 80,
        H_t = 120, moved distance 20 * 1.2 = 24 km.
        commute km  = 2*20*140 + third 2*0.25*4*60 + 0.5 * 2*(24-20)*80 = 5600 + 120 + 320
        home-day km = 2*20*60 + 0.5 * 2*(24-20)*120 = 2400 + 480
        rebound km  = 0.25 * 2880 + 2 * 60 = 840 (in the car, own mode)
        deduction   = (40-24)*140 + 0.5 * ((48-24) - (40-24)) * 80 = 2240 + 320 km
    e2: o = 3 - 0.5*1 = 2.5 -> S = 100, H = 100 (today S = 120, H = 80): no move.
        commute km  = 2*20*100 + 2*0.25*4*100 = 4200 (today 4800 + 160 = 4960)
    e3: cap 5*0.1 = 0.5 day; o = 5 - 0.5*0.5 = 4.75, fte 0.5 -> S = 95, H = 5: no move.
        commute km  = 2*10*95 + 2*0.25*4*5 = 1910 (today 2000)
    """
    _, _, res = hand_case
    e = res.per_employee.set_index("employee_id")
    f_car = 0.2 / 1.25
    e1 = e.loc["e1"]
    _close(e1["onsite_days_scenario"], 140.0)
    _close(e1["commute_km_scenario"], 5600 + 120 + 320)
    _close(e1["commute_km_baseline"], 8000.0)
    _close(e1["commute_hours_scenario"], 6040 / 40)
    _close(e1["commute_co2e_kg_scenario"], 6040 * f_car)
    _close(e1["noncommute_km_scenario"], 0.25 * (2400 + 480) + 2 * 60)
    _close(e1["noncommute_co2e_kg_scenario"], 840 * f_car)
    _close(e1["deduction_tax_value_scenario"], (2240 + 320) * 2.0 * 0.25)
    _close(e1["deduction_tax_value_baseline"], 16 * 200 * 2.0 * 0.25)
    _close(e1["travel_cost_scenario"], (6040 + 840) * 2.0)
    _close(e.loc["e2", "commute_km_scenario"], 4200.0)
    _close(e.loc["e2", "commute_km_baseline"], 4960.0)
    _close(e.loc["e3", "commute_km_scenario"], 1910.0)
    _close(e.loc["e3", "commute_km_baseline"], 2000.0)
    _close(e.loc["e3", "commute_hours_scenario"], 1910 / 25)
    s = res.summary().set_index("metric")["change"]
    _close(s["commute_km"], (6040 - 8000) + (4200 - 4960) + (1910 - 2000))  # -2810


def test_long_run_raises_commute_and_lowers_the_saving(dk, long_run, demo):
    sc = Scenario(name="2 days", remote_days_per_week=2)
    short = rc.assess(demo, sc, dk).summary().set_index("metric")["change"]
    long = rc.assess(demo, sc, long_run).summary().set_index("metric")["change"]
    assert short["commute_km"] < long["commute_km"] < 0
    assert short["net_co2e_t"] < long["net_co2e_t"]


# ------------------------------------------------------------------------------------------
# 4. one formula: sweeps, Monte Carlo, Sobol, Dask see the same numbers
# ------------------------------------------------------------------------------------------


def test_sweep_equals_assess_with_the_long_run_on(hand_case, long_run, demo):
    wf, p, res = hand_case
    pd.testing.assert_frame_equal(
        Runner(wf, p).summary(HAND_SCENARIO), res.summary(), rtol=1e-9, atol=1e-9
    )
    scs = [
        Scenario(name="1", remote_days_per_week=1, uptake=0.3),
        Scenario(name="3", remote_days_per_week=3, release_space=1.0),
    ]
    swept = sweep(demo, scs, long_run).set_index(["scenario_name", "metric"])["change"]
    for sc in scs:
        direct = rc.assess(demo, sc, long_run).summary().set_index("metric")["change"]
        got = swept.loc[sc.name].reindex(direct.index)
        np.testing.assert_allclose(got, direct, rtol=1e-9, atol=1e-6)


def test_linear_blocks_with_movers_equal_the_summed_per_employee_blocks(long_run, demo):
    inp = rc.prepare(demo, long_run).inputs
    v = engine.Values(long_run)
    lin = engine.LinearBlocks.of(inp, v)
    rng = np.random.default_rng(3)
    n = demo.n_employees
    o = rng.uniform(0, 5, n)
    movers = engine.Movers(rng.uniform(0, 1, n) * (rng.random(n) < 0.5), rng.uniform(0, 4, n))
    a = lin.sums(o, movers)
    b = engine.employee_blocks(inp, o, v, movers).total(inp.mode_pos, lin.n_modes)
    for k in engine.Blocks._ADDITIVE:
        np.testing.assert_allclose(getattr(a, k), getattr(b, k), rtol=1e-9, atol=1e-6)


@pytest.fixture(scope="module")
def mixed():
    """Some distances and travel times given: the moved distance scales both."""
    staff, sites = rc.datasets.demo_tables(300, seed=4)
    rng = np.random.default_rng(2)
    staff["one_way_km"] = np.where(rng.random(300) < 0.4, rng.uniform(1, 90, 300).round(1), np.nan)
    staff["commute_minutes_one_way"] = np.where(
        rng.random(300) < 0.3, rng.uniform(5, 90, 300).round(), np.nan
    )
    return rc.read_staffing(staff, sites=rc.read_sites(sites))


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario(name="2 days, 70 %", remote_days_per_week=2, uptake=0.7, release_space=1.0),
        Scenario(name="3 days", remote_days_per_week=3, anchor_days=("tue",)),
    ],
    ids=lambda s: s.name,
)
def test_monte_carlo_fast_path_equals_assess_with_drawn_long_run(long_run, mixed, scenario):
    """Drawn growth moves movers' distances across the deduction's bands: still exact."""
    fast = FastModel(Runner(mixed, long_run, scenario.service_level))
    state = fast.state(scenario)
    assert state.movers is not None
    draws = draw_inputs(long_run, 3, seed=5)
    for key in LONG_RUN_KEYS:
        assert draws[key].std() > 0, key
    changes = fast.changes(state, draws)
    for i in range(len(draws)):
        over = {k: float(x) for k, x in draws.iloc[i].items()}
        ref = rc.assess(mixed, scenario, long_run.with_overrides(over)).summary()
        ref = ref.set_index("metric")["change"]
        got = changes.iloc[i].reindex(ref.index)
        rel = (got - ref).abs() / np.maximum(ref.abs(), 1e-6 * (1 + ref.abs().max()))
        assert rel.max() < 1e-9, rel[rel >= 1e-9]


def test_monte_carlo_and_sobol_sample_the_new_parameters(long_run, demo):
    keys = set(uncertain_inputs(long_run)["key"])
    assert {*LONG_RUN_KEYS, "rebound.noncommute_own_mode_share"} <= keys
    short = set(uncertain_inputs(rc.load_parameters("dk-2025"))["key"])
    assert not set(LONG_RUN_KEYS) & short  # off in the short run: not drawn
    mc = rc.monte_carlo(demo, TWO_DAYS, long_run, n_draws=300, seed=3)
    d = mc.draws
    for key in LONG_RUN_KEYS:
        assert d[key].std() > 0
    # longer commutes and third-place trips raise the commute km change, draw by draw
    fast = FastModel(Runner(demo, long_run))
    state = fast.state(TWO_DAYS)
    values = d[list(mc.inputs["key"])]
    on = fast.changes(state, values)["commute_km"]
    off = fast.changes(state, values.assign(**{k: 0.0 for k in LONG_RUN_KEYS}))["commute_km"]
    assert (on > off).all()
    np.testing.assert_allclose(on, d["commute_km"], rtol=1e-12)
    sens = sensitivity(demo, TWO_DAYS, long_run, metrics=("commute_co2e_t",), n_base=64, seed=1)
    st = sens.indices.set_index("parameter")["ST"]
    for key in ("longrun.third_place_share_of_home_days", "longrun.third_place_one_way_km"):
        assert st[key] > 0.01, (key, st[key])


def test_dask_equals_pandas_with_the_long_run(long_run, demo):
    dd = pytest.importorskip("dask.dataframe")
    dask = pytest.importorskip("dask")
    staff = demo.staff.drop(columns=["source_row", "home_location_source"], errors="ignore")
    sc = Scenario(name="3 days, 60 %", remote_days_per_week=3, uptake=0.6, release_space=1.0)
    with dask.config.set(scheduler="synchronous"):
        dwf = rc.read_staffing(dd.from_pandas(staff, npartitions=3), sites=demo.sites)
        a, b = rc.assess(demo, sc, long_run), rc.assess(dwf, sc, long_run)
        pd.testing.assert_frame_equal(a.summary(), b.summary(), rtol=1e-9, atol=1e-6)
        ma = rc.monte_carlo(demo, sc, long_run, n_draws=40, seed=2)
        mb = rc.monte_carlo(dwf, sc, long_run, n_draws=40, seed=2)
    np.testing.assert_allclose(
        mb.draws.to_numpy(float), ma.draws.to_numpy(float), rtol=1e-9, atol=1e-6
    )
