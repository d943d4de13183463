"""Danish commuting-deduction rules as data (remotecalc.model.dkrules, rules/dk_deduction.toml).

Oracles are hand calculations with the published rates: Skatterådet 2025, 2.23 DKK per
round-trip km from 25 to 120 km and 1.12 above 120 km; residents of the outer municipalities
and small islands 2.47 on every km above 24 (2024-2027: the rate + 10.75 %, lov nr. 109 af
31. januar 2024, Den juridiske vejledning C.A.4.3.3.2.2); bridge allowance per passage
Storebælt 110 (car) / 15 (public transport), Øresund 50 / 8 (skat.dk). Exact decimal
arithmetic: rel 1e-12.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from conftest import shared_file

import remotecalc as rc
from remotecalc.analysis import draw_inputs
from remotecalc.analysis.sweep import Runner
from remotecalc.analysis.uncertainty import FastModel
from remotecalc.evaluation import entry
from remotecalc.formulas import costs
from remotecalc.inputs.scenario import Scenario
from remotecalc.model import dkrules, engine

EXACT = 1e-12
ROSKILDE = {"site_id": ["S"], "lat": [55.6415], "lon": [12.0803], "municipality_code": ["0265"]}
WORKDAYS = 216.0  # dk-2025 workdays_per_year (R2)
TAX = 0.26  # dk-2025 deduction.marginal_tax_value


def _assess(rows: dict, scenario: Scenario | None = None, params="dk-2025") -> rc.Assessment:
    n = len(rows["mode"])
    staff = {
        "employee_id": [f"e{i}" for i in range(n)],
        "site_id": ["S"] * n,
        "fte": [1.0] * n,
        "onsite_days_per_week": [5.0] * n,
        "teleworkable": [1.0] * n,
        **rows,
    }
    wf = rc.read_staffing(pd.DataFrame(staff), sites=pd.DataFrame(ROSKILDE))
    sc = scenario or Scenario(name="none", remote_days_per_week=0)
    return rc.assess(wf, sc, params)


def _deduction_today(res: rc.Assessment) -> np.ndarray:
    """Each employee's deduction today, from the tax value the model reports."""
    return res.per_employee["deduction_tax_value_baseline"].to_numpy() / TAX


# --- must show: the outer-area rule, the published upper rate, the bridge allowance ---------


def test_outer_area_resident_at_150_km_matches_the_hand_calculation():
    # Hand calculation, 2025 rates, 150 km one way, 216 days commuted:
    #   round trip 300 km; 300 - 24 = 276 km above the threshold.
    #   Outer municipality (Vordingborg, 0390): 276 km x 2.47 = 681.72 DKK a day
    #     (2.47 = 2.23 x 1.1075 = 2.4697, rounded to the øre as published)
    #     x 216 days = 147,251.52 DKK a year.
    #   Ordinary municipality (Roskilde, 0265): (120 - 24) x 2.23 + (300 - 120) x 1.12
    #     = 214.08 + 201.60 = 415.68 DKK a day x 216 = 89,786.88 DKK a year.
    # Both homes are east of the Great Belt like the site: no bridge allowance.
    res = _assess(
        {
            "mode": ["car", "car"],
            "one_way_km": [150.0, 150.0],
            "home_municipality_code": ["390", "0265"],
        }
    )
    outer_per_day = 276 * 2.47
    ordinary_per_day = 96 * 2.23 + 180 * 1.12
    assert outer_per_day == pytest.approx(681.72, rel=EXACT)
    assert ordinary_per_day == pytest.approx(415.68, rel=EXACT)
    np.testing.assert_allclose(
        _deduction_today(res), [WORKDAYS * 681.72, WORKDAYS * 415.68], rtol=EXACT
    )
    assert WORKDAYS * 681.72 == pytest.approx(147_251.52, rel=EXACT)
    # the same number from the one formula on its own
    assert costs.commuting_deduction_per_year(
        150.0,
        WORKDAYS,
        rate_per_km=2.23,
        rate_above_upper_per_km=1.12,
        outer_area=True,
        outer_area_rate_per_km=2.47,
    ) == pytest.approx(147_251.52, rel=EXACT)
    assert any("1 employee(s) live in an outer municipality" in n for n in res.notes)


def test_outer_area_rate_is_the_rate_plus_10_75_percent_rounded():
    r = dkrules.rules()
    share = r["outer_area"]["supplement_share"]["value"]
    assert share == 0.1075
    for year in ("2025", "2026"):
        rate = r["rates"][year]["rate_per_km"]["value"]
        assert r["rates"][year]["outer_area_rate_per_km"]["value"] == round(rate * (1 + share), 2)


def test_upper_rate_is_exactly_the_published_value():
    p = rc.load_parameters("dk-2025")
    assert p["deduction.rate_above_upper_per_km"] == 1.12  # not 2.23 / 2 = 1.115
    assert p.entry("deduction.rate_above_upper_per_km").status == "R2"
    # one employee 100 km one way, one day: (120 - 24) x 2.23 + (200 - 120) x 1.12 = 303.68
    res = _assess(
        {"mode": ["car"], "one_way_km": [100.0], "home_municipality_code": ["0265"]},
        params=p.with_overrides({"workdays_per_year": 1.0}),
    )
    np.testing.assert_allclose(_deduction_today(res), [303.68], rtol=EXACT)


def test_bridge_commuters_get_the_allowance_by_vehicle():
    # Homes in Odense (0461, west of the Great Belt), site in Roskilde (east): two passages a
    # day. 80 km one way: round trip 160 = 96 km at 2.23 + 40 km at 1.12 = 258.88 a day.
    # car: + 2 x 110 = 220; train: + 2 x 15 = 30; bicycle: no bridge allowance.
    res = _assess(
        {
            "mode": ["car", "train", "bicycle", "car"],
            "one_way_km": [80.0, 80.0, 80.0, 80.0],
            "home_municipality_code": ["0461", "0461", "0461", "0265"],
        }
    )
    base = 96 * 2.23 + 40 * 1.12
    expected = WORKDAYS * np.array([base + 220.0, base + 30.0, base, base])
    np.testing.assert_allclose(_deduction_today(res), expected, rtol=EXACT)
    # the allowance falls with the days commuted: 2 remote days -> 3/5 of the days
    res2 = _assess(
        {"mode": ["car"], "one_way_km": [80.0], "home_municipality_code": ["0461"]},
        Scenario(name="2 days", remote_days_per_week=2),
    )
    change = res2.per_employee["deduction_tax_value_change"].iloc[0] / TAX
    assert change == pytest.approx(-2 / 5 * WORKDAYS * (base + 220.0), rel=1e-12)


def test_oresund_commuter_from_sweden_and_side_by_coordinates():
    # Malmö (55.605 N, 13.0 E) to Roskilde by train: Øresund 2 x 8; Copenhagen by car: none.
    side = dkrules.side_of_storebaelt(
        None,
        np.array([55.605, 55.676, 55.396, 55.10, np.nan]),
        np.array([13.00, 12.568, 10.388, 14.70, 10.0]),
    )
    assert side.tolist() == [
        dkrules.SIDE_SWEDEN,
        dkrules.SIDE_EAST,
        dkrules.SIDE_WEST,
        dkrules.SIDE_BORNHOLM,
        dkrules.SIDE_UNKNOWN,
    ]
    staff = pd.DataFrame({"home_lat": [55.605, 55.396, 55.10], "home_lon": [13.0, 10.388, 14.70]})
    per_day = dkrules.bridge_deduction_per_onsite_day(
        staff,
        pd.DataFrame(ROSKILDE),
        np.zeros(3, dtype=int),
        ["train", "car", "car"],
        {bv: v for bv, v in zip(dkrules.BRIDGE_KEYS, (110.0, 15.0, 50.0, 8.0), strict=True)},
    )
    np.testing.assert_allclose(per_day, [16.0, 220.0, 0.0], rtol=EXACT)


# --- the data: sources, years, status; the parameter set agrees with it ---------------------


def test_every_rule_number_has_unit_year_source_status():
    t = dkrules.rule_table()
    assert len(t) == 15
    assert t[["value", "unit", "year", "source", "status", "note"]].notna().all().all()
    assert set(t["status"]) <= {"R", "R2", "C", "M"}
    # R/R2 entries quote what was read
    read = t[t["status"].isin(["R", "R2"])]
    assert read["note"].str.contains("Read").all()


def test_dk_2025_set_agrees_with_the_rules_file():
    p = rc.load_parameters("dk-2025")
    for key, o in dkrules.deduction_overrides(2025).items():
        assert p[key] == o["value"], key


def test_2026_overrides():
    p = rc.load_parameters("dk-2025").with_overrides(dkrules.deduction_overrides(2026))
    assert p["deduction.rate_per_km"] == 2.28
    assert p["deduction.rate_above_upper_per_km"] == 1.14
    assert p["deduction.outer_area_rate_per_km"] == 2.53
    with pytest.raises(KeyError, match="2025, 2026"):
        dkrules.deduction_overrides(2031)


def test_outer_area_list_is_the_25_municipalities_and_their_codes_exist():
    codes = dkrules.rules()["outer_area"]["municipalities"]["codes"]
    assert len(codes) == 25
    known = pd.read_csv(shared_file("dk", "municipalities.csv"), dtype=str)
    names = dict(zip(known["kommunekode"], known["navn"], strict=True))
    for code, name in codes.items():
        assert names[code].startswith(name), (code, name, names[code])


def test_outer_area_mask_by_code_postcode_and_column():
    staff = pd.DataFrame(
        {
            "home_municipality_code": ["825", "0101", None, None, None],
            "home_postcode": [None, None, "4592", "4000", None],
            "deduction_outer_area": [None, None, None, None, "ja"],
        }
    )
    outer, unknown = dkrules.outer_area_mask(staff)
    assert outer.tolist() == [True, False, True, False, True]
    assert unknown == 1  # the 4000 Roskilde postcode alone does not place the home


def test_unknown_municipality_note_counts_employees():
    res = _assess({"mode": ["car", "car"], "one_way_km": [30.0, 30.0]})
    assert any(n.startswith("2 employee(s) without a home municipality code") for n in res.notes)


def test_a_set_without_the_danish_rules_is_unchanged():
    res = _assess(
        {"mode": ["car"], "one_way_km": [150.0], "home_municipality_code": ["0461"]},
        params="uk-desnz-2025",
    )
    assert _deduction_today(res)[0] == 0.0
    assert not any("municipality code" in n for n in res.notes)


# --- sweeps and Monte Carlo agree with assess with the new rules in play --------------------


@pytest.fixture(scope="module")
def mixed_dk():
    """Demo staff with home municipality codes: outer-area residents and bridge commuters."""
    staff, sites = rc.datasets.demo_tables(300, seed=4)
    rng = np.random.default_rng(3)
    codes = np.array(["0390", "0330", "0461", "0265", "0101", "0751"])
    staff["home_municipality_code"] = np.where(rng.random(300) < 0.5, rng.choice(codes, 300), None)
    staff["one_way_km"] = np.where(rng.random(300) < 0.3, rng.uniform(5, 160, 300).round(1), np.nan)
    wf = rc.read_staffing(staff, sites=rc.read_sites(sites))
    prep = rc.prepare(wf, "dk-2025")
    assert prep.inputs.outer_area.any() and (prep.inputs.bridge_per_day > 0).any()
    return wf


def test_linear_blocks_agree_with_per_employee_blocks(mixed_dk):
    prep = rc.prepare(mixed_dk, "dk-2025")
    inp, v = prep.inputs, engine.Values(prep.params)
    lin = engine.LinearBlocks.of(inp, v)
    o = np.random.default_rng(5).uniform(0, 5, len(inp.fte))
    a = lin.sums(o)
    b = engine.employee_blocks(inp, o, v).total(inp.mode_pos, lin.n_modes)
    assert b.deduction_km_outer > 0 and b.deduction_bridge > 0
    for f in engine.Blocks._ADDITIVE:
        np.testing.assert_allclose(getattr(a, f), getattr(b, f), rtol=1e-10, atol=1e-6)


def test_monte_carlo_fast_path_equals_assess_with_outer_areas_and_bridges(mixed_dk):
    p = rc.load_parameters("dk-2025")
    sc = Scenario(name="3 days", remote_days_per_week=3, release_space=1.0)
    fast = FastModel(Runner(mixed_dk, p))
    state = fast.state(sc)
    draws = draw_inputs(p, 3, seed=11)
    changes = fast.changes(state, draws)
    for i in range(len(draws)):
        over = {k: float(x) for k, x in draws.iloc[i].items() if k != "uptake"}
        ref = rc.assess(mixed_dk, sc, p.with_overrides(over)).summary().set_index("metric")
        ref = ref["change"].reindex(changes.columns)
        rel = (changes.iloc[i] - ref).abs() / np.maximum(ref.abs(), 1e-6 * (1 + ref.abs().max()))
        assert rel.max() < 1e-9, rel[rel >= 1e-9]


def test_sweep_equals_assess_with_outer_areas_and_bridges(mixed_dk):
    from remotecalc.analysis import sweep

    sc = Scenario(name="2 days", remote_days_per_week=2, uptake=0.8)
    t = sweep(mixed_dk, [sc], "dk-2025")
    ref = rc.assess(mixed_dk, sc, "dk-2025").summary().set_index("metric")["change"]
    got = t.set_index("metric")["change"]
    for m in ("deduction_tax_value", "fiscal_cost", "employee_net_cost"):
        rows = [k for k in got.index if k.startswith(m)]
        assert rows, m
        for k in rows:
            assert got[k] == pytest.approx(ref[k], rel=1e-9)


def test_dataclass_replace_keeps_rules(mixed_dk):
    # a workforce without the municipality column falls back to the default with a note
    staff = mixed_dk.staff.drop(columns=["home_municipality_code"])
    wf = dataclasses.replace(mixed_dk, staff=staff)
    inp, notes = entry.workforce_inputs(wf, rc.load_parameters("dk-2025"))
    assert not inp.outer_area.any()
    assert any("without a home municipality code" in n for n in notes)
