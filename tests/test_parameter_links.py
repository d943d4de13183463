"""Linked parameters (``same_as``): one physical quantity under several keys.

The car fuel modes share the road circuity, the door-to-door speed, the commuting occupancy and
the external cost per vehicle-km of ``mode.car``. Known answers: a linked key reads its root's
value; overriding the root moves every fuel; Monte Carlo and Sobol see one input per quantity;
an assessment on the linked set equals, to the last bit, one on the same set written out with
explicit copies (the links change who is varied, not what is computed). Bad links are errors
naming the file and the key.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis.sweep import Runner
from remotecalc.analysis.uncertainty import FastModel
from remotecalc.errors import ParameterError
from remotecalc.evaluation.draws import complete_shares, draw_inputs, uncertain_inputs
from remotecalc.inputs.parameters import load_parameters
from remotecalc.model import engine

PACKAGED = Path(__file__).resolve().parents[1] / "remotecalc" / "data" / "parameters"
FUELS = ("car_petrol", "car_diesel", "car_hybrid", "car_phev", "car_ev")
LINKED_FIELDS = ("circuity", "speed_km_per_h", "occupancy", "external_cost_per_vkm")
SETS = ("dk-2025", "uk-desnz-2025")
TWO_DAYS = rc.Scenario(name="2 days home", remote_days_per_week=2)


def _text(name: str = "dk-2025") -> str:
    return (PACKAGED / f"{name}.toml").read_text(encoding="utf-8")


def _table(text: str, key: str) -> tuple[int, int]:
    """Start and end of the ``[key]`` table in a TOML text."""
    i = text.index(f"[{key}]\n")
    j = text.find("\n\n", i)
    return i, (len(text) if j < 0 else j)


def _replace_table(text: str, key: str, body: str) -> str:
    i, j = _table(text, key)
    return text[:i] + f"[{key}]\n" + body + text[j:]


def _unlinked_text(name: str = "dk-2025") -> str:
    """The packaged set with every link written out as an explicit copy of its root."""
    text = _text(name)
    for key, root in load_parameters(name).links().items():
        i, j = _table(text, root)
        text = _replace_table(text, key, text[i:j].split("\n", 1)[1])
    return text


def _write(tmp_path: Path, text: str, name: str = "set.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def params():
    return load_parameters("dk-2025")


@pytest.fixture(scope="module")
def unlinked(tmp_path_factory):
    path = tmp_path_factory.mktemp("unlinked") / "dk-2025-unlinked.toml"
    path.write_text(_unlinked_text(), encoding="utf-8")
    p = load_parameters(path)
    assert not p.links()
    return p


@pytest.fixture(scope="module")
def demo():
    return rc.datasets.demo_workforce(400, seed=0)


# -- what the packaged sets declare --------------------------------------------------------
@pytest.mark.parametrize("name", SETS)
def test_car_fuels_link_to_car_and_public_transport_does_not(name):
    p = load_parameters(name)
    links = p.links()
    for fuel in FUELS:
        for f in LINKED_FIELDS:
            assert links[f"mode.{fuel}.{f}"] == f"mode.car.{f}"
            assert p[f"mode.{fuel}.{f}"] == p[f"mode.car.{f}"]
    # fuel-dependent quantities keep their own values; bus and train run on other networks
    for fuel in FUELS:
        for f in ("co2e_ttw_kg_per_km", "co2e_wtt_kg_per_km", "cost_per_km"):
            assert f"mode.{fuel}.{f}" not in links
    for mode in ("bus", "train", "metro", "tram", "bicycle", "walk", "motorbike"):
        assert not any(k.startswith(f"mode.{mode}.") for k in links)
    # the other links are the parts of the cars' running cost (issue 24): a car of unstated
    # fuel priced as a petrol car, hybrids burning petrol
    parts = ("fuel_l_per_vkm", "fuel_price_per_l", "electricity_kwh_per_vkm")
    parts += ("tyres_cost_per_vkm", "maintenance_cost_per_vkm", "depreciation_cost_per_vkm")
    car_roots = {f"mode.car.{f}" for f in LINKED_FIELDS}
    assert car_roots <= set(links.values())
    for root in set(links.values()) - car_roots:
        assert root.split(".")[1] in FUELS and root.split(".")[2] in parts, root
    assert p.root("mode.car_ev.circuity") == "mode.car.circuity"
    assert p.root("mode.bus.circuity") == "mode.bus.circuity"
    assert p.root("uptake") == "uptake"


def test_linked_entry_takes_the_roots_record(params):
    root, linked = params.entry("mode.car.circuity"), params.entry("mode.car_diesel.circuity")
    assert linked.same_as == "mode.car.circuity" and root.same_as is None
    assert (linked.value, linked.unit, linked.year, linked.source, linked.status) == (
        root.value,
        root.unit,
        root.year,
        root.source,
        root.status,
    )
    assert linked.uncertainty is None and root.uncertainty is not None
    assert "fuel" in linked.note


def test_uncertain_lists_only_the_root(params):
    keys = list(params.uncertain()["key"])
    for f in LINKED_FIELDS:
        assert f"mode.car.{f}" in keys
        assert not [k for k in keys if re.fullmatch(rf"mode\.car_\w+\.{f}", k)]
    assert len(keys) == len(set(keys))
    inputs = list(uncertain_inputs(params, uptake=(0.5, 1.0))["key"])
    assert [k for k in inputs if k.endswith(".circuity") and k.startswith("mode.car")] == [
        "mode.car.circuity"
    ]


def test_describe_shows_links(params):
    d = params.describe().set_index("key")
    assert d.loc["mode.car_petrol.circuity", "uncertainty"] == "same as mode.car.circuity"
    assert d.loc["mode.car_petrol.circuity", "value"] == d.loc["mode.car.circuity", "value"]
    assert d.loc["mode.car_petrol.circuity", "status"] == d.loc["mode.car.circuity", "status"]
    assert d.loc["mode.car.circuity", "uncertainty"].startswith("uniform(")
    assert d.loc["mode.bus.circuity", "uncertainty"].startswith("uniform(")
    assert (d["uncertainty"].str.startswith("same as ")).sum() == len(params.links())


# -- overrides -----------------------------------------------------------------------------
def test_override_of_the_root_moves_every_car_fuel(params):
    q = params.with_overrides({"mode.car.circuity": 1.42, "mode.car.speed_km_per_h": 52})
    for m in ("car", *FUELS):
        assert q[f"mode.{m}.circuity"] == 1.42
        assert q[f"mode.{m}.speed_km_per_h"] == 52
        assert q.entry(f"mode.{m}.circuity").status == "user"
    assert q["mode.bus.circuity"] == params["mode.bus.circuity"]
    assert q.links() == params.links()
    # a root fixed by the user is not varied, and neither are its linked keys
    assert "mode.car.circuity" not in set(q.uncertain()["key"])
    assert params["mode.car_petrol.circuity"] == 1.343  # the original is unchanged


def test_override_of_a_linked_key_detaches_it(params):
    q = params.with_overrides({"mode.car_ev.speed_km_per_h": 38})
    assert q["mode.car_ev.speed_km_per_h"] == 38
    assert q["mode.car_petrol.speed_km_per_h"] == q["mode.car.speed_km_per_h"] == 46
    e = q.entry("mode.car_ev.speed_km_per_h")
    assert e.same_as is None and e.status == "user"
    assert "No longer linked to mode.car.speed_km_per_h" in e.note
    # a later override of the root no longer moves it
    r = q.with_overrides({"mode.car.speed_km_per_h": 50})
    assert r["mode.car_ev.speed_km_per_h"] == 38 and r["mode.car_diesel.speed_km_per_h"] == 50


def test_variant_can_link_and_unlink(params, tmp_path):
    variant = _write(
        tmp_path,
        '[meta]\nname = "v"\ndescription = "test"\n\n'
        '[mode.bus.circuity]\nsame_as = "mode.train.circuity"\n\n'
        '[mode.car_ev.circuity]\nvalue = 1.25\nunit = "ratio"\nyear = 2025\n'
        'source = "test"\nstatus = "M"\n',
        "v.toml",
    )
    q = params.with_variant(variant)
    assert q["mode.bus.circuity"] == params["mode.train.circuity"]
    assert q.links()["mode.bus.circuity"] == "mode.train.circuity"
    assert q["mode.car_ev.circuity"] == 1.25 and "mode.car_ev.circuity" not in q.links()


# -- the model sees the same numbers -------------------------------------------------------
def test_assess_is_unchanged_by_the_links(params, unlinked, demo):
    """Central values: the linked set computes exactly what the written-out set computes."""
    a = rc.assess(demo, TWO_DAYS, params).summary()
    b = rc.assess(demo, TWO_DAYS, unlinked).summary()
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_assess_override_of_root_equals_override_of_every_fuel(params, unlinked, demo):
    a = rc.assess(demo, TWO_DAYS, params.with_overrides({"mode.car.circuity": 1.45})).summary()
    b = rc.assess(
        demo,
        TWO_DAYS,
        unlinked.with_overrides({f"mode.{m}.circuity": 1.45 for m in ("car", *FUELS)}),
    ).summary()
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    base = rc.assess(demo, TWO_DAYS, params).summary().set_index("metric")["change"]
    moved = a.set_index("metric")["change"]
    assert moved["commute_km"] < base["commute_km"] < 0  # longer roads: more km avoided


def test_draws_give_linked_keys_the_roots_value(params):
    draws = draw_inputs(params, 50, seed=3)
    assert "mode.car.circuity" in draws.columns
    assert not [c for c in draws.columns if c.startswith("mode.car_") and c in params.links()]
    assert "mode.car_ev.co2e_ttw_kg_per_km" in draws.columns  # fuel-dependent: its own draw
    v = engine.Values(params, draws)
    root = v("mode.car.circuity")
    assert isinstance(root, np.ndarray) and root.std() > 0
    for fuel in FUELS:
        np.testing.assert_array_equal(v(f"mode.{fuel}.circuity"), root)
    per_mode = v.per_mode("circuity", list(params.modes))
    car_cols = [list(params.modes).index(m) for m in ("car", *FUELS)]
    assert (per_mode[:, car_cols] == root[:, None]).all()
    bus = per_mode[:, list(params.modes).index("bus")]
    assert not np.array_equal(bus, root)  # the bus network is drawn on its own


def test_fast_model_on_linked_draws_equals_explicit_copies(params, unlinked, demo):
    """Monte Carlo: a draw of the root gives every car fuel the same value, as if written out."""
    draws = complete_shares(draw_inputs(params, 40, seed=5), params)
    explicit = draws.copy()
    for key, root in params.links().items():
        if root in draws.columns:
            explicit[key] = draws[root]
    fast_linked = FastModel(Runner(demo, params, TWO_DAYS.service_level))
    fast_plain = FastModel(Runner(demo, unlinked, TWO_DAYS.service_level))
    a = fast_linked.changes(fast_linked.state(TWO_DAYS, None), draws)
    b = fast_plain.changes(fast_plain.state(TWO_DAYS, None), explicit)
    pd.testing.assert_frame_equal(a, b, rtol=1e-12)
    # and not what independent draws would give
    c = fast_plain.changes(fast_plain.state(TWO_DAYS, None), draws)
    assert not np.allclose(a["commute_km"], c["commute_km"])


def test_monte_carlo_and_sobol_see_one_car_circuity(params, demo):
    mc = rc.monte_carlo(demo, TWO_DAYS, params, n_draws=20, seed=1)
    mc_keys = set(mc.inputs["key"])
    assert "mode.car.circuity" in mc_keys
    assert not [k for k in mc_keys if k in params.links()]
    res = rc.sensitivity(demo, TWO_DAYS, params, metrics=("commute_km",), n_base=16, seed=1)
    varied = set(res.indices["parameter"])
    assert "mode.car.circuity" in varied
    assert not [k for k in varied if k.startswith("mode.car_") and "circuity" in k]


def test_root_is_varied_when_nobody_drives_a_car_of_unknown_fuel(params, demo):
    """The root's own mode (car, fuel not given) may be empty; its linked fuels are not."""
    staff = demo.staff.copy()
    staff["mode"] = staff["mode"].astype(object).replace({"car": "car_petrol"})
    wf = dataclasses.replace(demo, staff=staff)
    assert not (wf.staff["mode"] == "car").any()
    res = rc.sensitivity(wf, TWO_DAYS, params, metrics=("commute_km",), n_base=16, seed=1)
    assert "mode.car.circuity" in set(res.indices["parameter"])
    assert "mode.car.circuity" not in set(res.fixed["key"])
    st = res.indices.set_index("parameter").loc["mode.car.circuity", "ST"]
    assert float(np.max(st)) > 0.05  # car circuity drives the commute km


# -- bad links -----------------------------------------------------------------------------
BAD_LINKS = [
    (
        "missing key",
        'same_as = "mode.car.circuitee"',
        r"mode\.car_petrol\.circuity: same_as 'mode\.car\.circuitee' is not a key of the set",
    ),
    (
        "chain",
        'same_as = "mode.car_diesel.circuity"',
        r"mode\.car_petrol\.circuity: same_as 'mode\.car_diesel\.circuity', which is itself "
        r"linked",
    ),
    (
        "itself",
        'same_as = "mode.car_petrol.circuity"',
        r"mode\.car_petrol\.circuity: same_as names the key itself",
    ),
    (
        "own value",
        'same_as = "mode.car.circuity"\nvalue = 1.3',
        r"mode\.car_petrol\.circuity: a linked key .* remove its own value",
    ),
    (
        "own uncertainty",
        'same_as = "mode.car.circuity"\nuncertainty = { dist = "uniform", low = 1.1, high = 1.5 }',
        r"mode\.car_petrol\.circuity: a linked key .* remove its own uncertainty",
    ),
    (
        "other unit",
        'same_as = "mode.car.speed_km_per_h"',
        r"mode\.car_petrol\.circuity: unit 'km/h' found, expected 'ratio'",
    ),
]


@pytest.mark.parametrize(("case", "body", "message"), BAD_LINKS, ids=[c[0] for c in BAD_LINKS])
def test_bad_links_raise_naming_file_and_key(tmp_path, case, body, message):
    path = _write(tmp_path, _replace_table(_text(), "mode.car_petrol.circuity", body))
    with pytest.raises(ParameterError, match=message) as err:
        load_parameters(path)
    assert str(path) in str(err.value)


def test_cycle_raises(tmp_path):
    text = _replace_table(_text(), "mode.bus.circuity", 'same_as = "mode.train.circuity"')
    text = _replace_table(text, "mode.train.circuity", 'same_as = "mode.bus.circuity"')
    path = _write(tmp_path, text)
    with pytest.raises(ParameterError) as err:
        load_parameters(path)
    msg = str(err.value)
    assert str(path) in msg
    assert "mode.bus.circuity: same_as 'mode.train.circuity', which is itself linked" in msg
    assert "mode.train.circuity: same_as 'mode.bus.circuity', which is itself linked" in msg


def test_bad_link_in_an_override_set_names_the_key(params):
    entries = {k: params.entry(k) for k in params}
    entries["mode.car_ev.circuity"] = dataclasses.replace(
        entries["mode.car_ev.circuity"], same_as="mode.nope.circuity"
    )
    with pytest.raises(ParameterError, match=r"mode\.car_ev\.circuity: same_as 'mode\.nope"):
        rc.Parameters("x", params.meta, entries)


def test_a_root_shared_by_every_car_fuel_is_labelled_for_all_of_them():
    from remotecalc.i18n import parameter_label

    p = rc.load_parameters("dk-2025")
    roots = sorted(r for r in set(p.links().values()) if r.startswith("mode.car."))
    assert "mode.car.circuity" in roots
    for key in roots:
        assert parameter_label(key, "en", p.linked_to(key)).startswith("Car (every fuel): ")
        assert parameter_label(key, "da", p.linked_to(key)).startswith("Bil (alle drivmidler): ")
    # not linked: named for its own mode only
    assert p.linked_to("mode.bus.circuity") == ()
    assert parameter_label("mode.bus.circuity", "en", p.linked_to("mode.bus.circuity")) == (
        parameter_label("mode.bus.circuity", "en")
    )
    assert parameter_label("mode.car.circuity", "en").startswith("Car (fuel not given)")
    # a root shared by some fuels only names them
    shared = p.linked_to("mode.car_petrol.depreciation_cost_per_vkm")
    label = parameter_label("mode.car_petrol.depreciation_cost_per_vkm", "en", shared)
    assert not label.startswith("Car (every fuel)") and "loss of value per km" in label
