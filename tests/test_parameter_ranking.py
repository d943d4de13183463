"""Tests of docs/parameter_ranking.py: the Sobol' ranking of a set's parameters.

Small runs (200 employees, N = 32) keep it quick; the checks are structural (every key once,
sorted, threshold and status as in the set) plus two known answers: a parameter that cannot
change any result has no index, and the office area per desk dominates the area metric.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from remotecalc.inputs.parameters import load_parameters

SCRIPT = Path(__file__).resolve().parents[1] / "docs" / "parameter_ranking.py"


@pytest.fixture(scope="module")
def ranking_module():
    spec = importlib.util.spec_from_file_location("parameter_ranking", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def result(ranking_module):
    return ranking_module.ranking("dk-2025", n_employees=200, n_base=32, seed=3)


def test_every_parameter_once_with_its_status(result):
    _, table = result
    p = load_parameters("dk-2025")
    assert sorted(table["key"]) == sorted(p.keys())
    for row in table.itertuples():
        assert row.status == p.entry(row.key).status, row.key


def test_sorted_and_threshold(result, ranking_module):
    _, table = result
    ranked = table[table["max_ST"].notna()]
    assert ranked["max_ST"].is_monotonic_decreasing
    assert (table["needs_source"] == (table["max_ST"] >= ranking_module.THRESHOLD)).all()
    # parameters not varied come last, each with a reason
    rest = table[table["max_ST"].isna()]
    assert (rest["why_not_ranked"] != "").all()
    assert list(table.index[table["max_ST"].isna()]) == list(range(len(ranked), len(table)))


def test_known_answers(result):
    idx, table = result
    t = table.set_index("key")
    # nobody in the demo commutes by metro: its factors cannot change any result
    metro = t.loc["mode.metro.co2e_ttw_kg_per_km"]
    assert pd_isna(metro["max_ST"])
    assert metro["why_not_ranked"] == "nobody commutes by this mode"
    # a fixed value (no uncertainty declared) is never varied
    assert t.loc["hours_per_workday", "why_not_ranked"] == "no uncertainty declared (fixed)"
    # office area = desks x area per desk x (1 + support share): area per desk leads
    area = idx[idx["metric"] == "area_m2"].groupby("parameter")["ST"].max()
    assert area.idxmax() == "office.area_per_desk_m2"


def test_markdown_lists_every_parameter(result, ranking_module):
    _, table = result
    text = ranking_module.markdown(table, "dk-2025", 200, 32, 3)
    for key in table["key"]:
        assert f"`{key}`" in text, key
    assert "emission boundary well-to-wheel" in text


def pd_isna(x) -> bool:
    return x != x  # NaN is the only value unequal to itself


def test_linked_keys_are_ranked_through_their_root(result):
    """A car fuel's circuity is the car's: one input, ranked once, under the root's key."""
    _, table = result
    t = table.set_index("key")
    assert not pd_isna(t.loc["mode.car.circuity", "max_ST"])
    row = t.loc["mode.car_petrol.circuity"]
    assert pd_isna(row["max_ST"])
    assert row["why_not_ranked"] == "same quantity as `mode.car.circuity` (varied with it)"
