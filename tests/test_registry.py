"""The metrics registry: one entry (with its formula) reaches every output."""

from __future__ import annotations

import numpy as np
import pytest

import remotecalc as rc
from remotecalc.analysis import monte_carlo, sweep
from remotecalc.model import metrics
from remotecalc.model.metrics import EMPLOYEE, REGISTRY, Metric


@pytest.fixture(scope="module")
def demo():
    return rc.datasets.demo_workforce(300, seed=4)


@pytest.fixture
def toy_metric():
    """A toy metric added in one place: kg of CO2e of commuting km at 1 kg/km."""
    m = metrics.register(
        Metric(
            "toy_co2e_kg",
            EMPLOYEE,
            "kg CO2e/yr",
            "climate",
            "Toy CO2e",
            "Legetøjs-CO₂e",
            scale=1e-3,
            display_unit_template="t CO2e/yr",
            formula=lambda b, v, f: (
                1.0 * (b.commute_pkm.sum(axis=-1) if b.by_mode else b.commute_pkm)
            ),
        )
    )
    yield m
    metrics.unregister("toy_co2e_kg")


@pytest.mark.usefixtures("no_disclosure_noise")  # exact arithmetic of the output
def test_a_toy_metric_reaches_summary_by_sweep_and_monte_carlo(demo, toy_metric):
    sc = rc.Scenario(name="2 days", remote_days_per_week=2)
    res = rc.assess(demo, sc)
    e = res.per_employee
    # per employee: in kg, equal to the km (1 kg/km)
    np.testing.assert_allclose(e["toy_co2e_kg_change"], e["commute_km_change"], rtol=1e-12)
    # summary: in tonnes, under the name that says so
    s = res.summary().set_index("metric")
    assert s.loc["toy_co2e_t", "unit"] == "t CO2e/yr"
    assert s.loc["toy_co2e_t", "change"] == pytest.approx(
        s.loc["commute_km", "change"] / 1000.0, rel=1e-12
    )
    # by(): group sums in kg
    by = res.by("department", min_group_size=3)
    assert by["toy_co2e_kg_change"].sum() == pytest.approx(e["toy_co2e_kg_change"].sum())
    # a sweep evaluates the same formula on sums
    sw = sweep(demo, [sc]).set_index("metric")
    assert sw.loc["toy_co2e_t", "change"] == pytest.approx(s.loc["toy_co2e_t", "change"], rel=1e-9)
    # Monte Carlo: the formula on sums with a draws axis; its central value is assess's
    mc = monte_carlo(demo, sc, n_draws=50, seed=1)
    row = mc.summary(["toy_co2e_t"]).iloc[0]
    assert row["central"] == pytest.approx(s.loc["toy_co2e_t", "change"], rel=1e-12)
    assert row["p05"] <= row["p95"]


def test_registry_is_restored_and_names_are_unique(toy_metric):
    with pytest.raises(ValueError, match="exists"):
        metrics.register(toy_metric)
    with pytest.raises(ValueError, match="built-in"):
        metrics.unregister("commute_km")


def test_a_name_never_lies_about_its_unit():
    for m in REGISTRY.values():
        unit = m.display_unit("DKK")
        if m.display_name.endswith("_t"):
            assert unit.startswith("t "), m.name
        if m.name.endswith("_kg"):
            assert m.unit.startswith("kg"), m.name
        if m.name.endswith("_m2"):
            assert m.unit == "m2", m.name
        if "cost" in m.name or "value" in m.name:
            assert "DKK" in unit, m.name  # money carries the currency


def test_every_metric_has_both_labels():
    for m in REGISTRY.values():
        assert m.label("en") and m.label("da") and m.label("en") != m.label("da"), m.name


def test_lookup_by_display_name():
    assert metrics.get("net_co2e_t").name == "net_co2e_kg"
    with pytest.raises(KeyError, match="commute_km"):
        metrics.get("no_such_metric")


def test_a_toy_metric_reaches_the_report(demo, toy_metric, tmp_path):
    """The report's workbook lists every summary metric, the toy one included, in tonnes."""
    files = rc.report(
        demo,
        rc.Scenario(name="2 days", remote_days_per_week=2),
        out=tmp_path,
        formats=("xlsx",),
        ranges=False,
        figure_formats=("png",),
        dpi=50,
    )
    import pandas as pd

    summ = pd.read_excel(files.xlsx, sheet_name="Summary")
    row = summ[summ["Metric key"] == "toy_co2e_t"]
    assert len(row) == 1 and row["Unit"].iloc[0] == "t CO₂e/yr"  # one spelling of CO₂e
    assert row["Metric"].iloc[0] == "Toy CO₂e"
