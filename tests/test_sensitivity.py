"""Sensitivity: Sobol' indices on functions with known indices, through the same code path as
the model; on the model, the top-ranked input is the one whose pinning narrows most.

Known answers:
- Ishigami (a = 7, b = 0.1; Ishigami & Homma 1990; values as in SALib's test suite and
  Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, §4.3): S1 = (0.3139,
  0.4424, 0), ST = (0.5576, 0.4424, 0.2437). Tolerance: SALib's 95 % bootstrap half-width.
- An additive function y = Σ c_i x_i: S1 = ST = c_i² Var(x_i) / Σ c_j² Var(x_j) (analytic
  variances of the declared distributions). Tolerance: the same half-width.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis import monte_carlo, sensitivity, sobol_indices
from remotecalc.analysis.sweep import Runner
from remotecalc.analysis.uncertainty import FastModel
from remotecalc.inputs.scenario import Scenario

ISHIGAMI_S1 = {"x1": 0.3139, "x2": 0.4424, "x3": 0.0}
ISHIGAMI_ST = {"x1": 0.5576, "x2": 0.4424, "x3": 0.2437}


def _table(rows):
    return pd.DataFrame(
        [
            {"key": k, "dist": d, "value": v, "low": lo, "mode": mo, "high": hi, "sd": sd}
            for k, d, v, lo, mo, hi, sd in rows
        ]
    )


def ishigami(x: pd.DataFrame) -> pd.DataFrame:
    a, b = 7.0, 0.1
    return pd.DataFrame(
        {"y": np.sin(x["x1"]) + a * np.sin(x["x2"]) ** 2 + b * x["x3"] ** 4 * np.sin(x["x1"])}
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_ishigami_known_indices(seed):
    inputs = _table([(f"x{i}", "uniform", 0.0, -np.pi, np.nan, np.pi, np.nan) for i in (1, 2, 3)])
    s = sobol_indices(ishigami, inputs, n_base=2048, seed=seed).set_index("parameter")
    for k in ISHIGAMI_S1:
        assert abs(s.loc[k, "S1"] - ISHIGAMI_S1[k]) <= s.loc[k, "S1_conf"], k
        assert abs(s.loc[k, "ST"] - ISHIGAMI_ST[k]) <= s.loc[k, "ST_conf"], k
        assert s.loc[k, "S1_conf"] < 0.06 and s.loc[k, "ST_conf"] < 0.08


def test_additive_function_with_every_distribution():
    """Uniform(0, 1): var 1/12; triangular(0, 1, 4): (a²+b²+c²-ab-ac-bc)/18 = 13/18;
    normal(sd 0.5) on an unbounded key: 0.25."""
    inputs = _table(
        [
            ("u", "uniform", 0.5, 0.0, np.nan, 1.0, np.nan),
            ("t", "triangular", 1.0, 0.0, 1.0, 4.0, np.nan),
            ("n", "normal", 2.0, np.nan, np.nan, np.nan, 0.5),
        ]
    )
    coef = {"u": 3.0, "t": 1.0, "n": 2.0}
    var = {"u": 1 / 12, "t": 13 / 18, "n": 0.25}
    total = sum(coef[k] ** 2 * var[k] for k in coef)
    s = sobol_indices(
        lambda x: pd.DataFrame(
            {"y": sum(c * x[k] for k, c in coef.items()), "flat": 0.0 * x["u"] + 1.0}
        ),
        inputs,
        n_base=4096,
        seed=3,
    )
    y = s[s["output"] == "y"].set_index("parameter")
    for k in coef:
        expected = coef[k] ** 2 * var[k] / total
        assert abs(y.loc[k, "S1"] - expected) <= max(y.loc[k, "S1_conf"], 0.01)
        assert abs(y.loc[k, "ST"] - expected) <= max(y.loc[k, "ST_conf"], 0.01)
    flat = s[s["output"] == "flat"]
    assert (flat[["S1", "ST", "S1_conf", "ST_conf"]] == 0).all().all()


def test_n_base_must_be_a_power_of_two():
    inputs = _table([("x", "uniform", 0.5, 0.0, np.nan, 1.0, np.nan)])
    with pytest.raises(ValueError, match="power of 2"):
        sobol_indices(lambda x: x, inputs, n_base=500)


def test_same_seed_same_indices():
    inputs = _table([(f"x{i}", "uniform", 0.0, -np.pi, np.nan, np.pi, np.nan) for i in (1, 2, 3)])
    a = sobol_indices(ishigami, inputs, n_base=256, seed=9)
    b = sobol_indices(ishigami, inputs, n_base=256, seed=9)
    pd.testing.assert_frame_equal(a, b)


# --- the model -----------------------------------------------------------------------------

SCENARIO = Scenario(name="2 days, space given up", remote_days_per_week=2, release_space=1.0)


@pytest.fixture(scope="module")
def demo():
    return rc.datasets.demo_workforce(800, seed=2)


@pytest.fixture(scope="module")
def result(demo):
    return sensitivity(demo, SCENARIO, "dk-2025", n_base=256, seed=7, uptake=(0.5, 1.0))


def test_result_tables(result):
    assert list(result.indices.columns) == [
        "metric",
        "parameter",
        "label",
        "S1",
        "S1_conf",
        "ST",
        "ST_conf",
    ]
    assert list(result.tornado.columns) == [
        "metric",
        "parameter",
        "label",
        "low",
        "high",
        "change_low",
        "change_high",
        "central",
    ]
    assert result.indices["metric"].unique().tolist() == ["net_co2e_t", "net_cost"]
    for _, g in result.indices.groupby("metric"):
        assert g["ST"].is_monotonic_decreasing
    assert "uptake" in set(result.indices["parameter"])
    # inputs nobody depends on are left fixed, with the reason
    fixed = result.fixed.set_index("key")["reason"]
    assert fixed["mode.metro.co2e_ttw_kg_per_km"] == "nobody commutes by this mode"
    assert "mode.metro.co2e_ttw_kg_per_km" not in set(result.indices["parameter"])


def test_inert_inputs_really_change_nothing(demo, result):
    p = rc.load_parameters("dk-2025")
    fast = FastModel(Runner(demo, p))
    state = fast.state(SCENARIO)
    keys = list(result.fixed["key"])
    low = pd.DataFrame({k: [p.entry(k).uncertainty.get("low", 0.0)] for k in keys})
    high = pd.DataFrame({k: [p.entry(k).uncertainty.get("high", 1.0)] for k in keys})
    a, b = fast.changes(state, low), fast.changes(state, high)
    pd.testing.assert_frame_equal(a, b, rtol=1e-12)


def test_tornado_central_and_ends_equal_assess(demo, result):
    p = rc.load_parameters("dk-2025")
    ref = rc.assess(demo, SCENARIO, p).summary().set_index("metric")["change"]
    t = result.tornado
    for m in ("net_co2e_t", "net_cost"):
        assert t.loc[t["metric"] == m, "central"].iloc[0] == pytest.approx(ref[m], rel=1e-9)
    top = t[(t["metric"] == "net_co2e_t") & (t["parameter"] != "uptake")].iloc[0]
    at_high = (
        rc.assess(demo, SCENARIO, p.with_overrides({top["parameter"]: top["high"]}))
        .summary()
        .set_index("metric")["change"]["net_co2e_t"]
    )
    assert top["change_high"] == pytest.approx(at_high - ref["net_co2e_t"], rel=1e-9)
    swing = (t["change_high"] - t["change_low"]).abs()
    for _, g in t.assign(swing=swing).groupby("metric"):
        assert g["swing"].is_monotonic_decreasing


def test_top_limits_the_rows(demo):
    res = sensitivity(demo, SCENARIO, metrics=("net_co2e_t",), n_base=64, seed=1, top=4)
    assert len(res.indices) == 4 and len(res.tornado) == 4


def test_unknown_metric_is_named(demo):
    with pytest.raises(ValueError, match="net_co2"):
        sensitivity(demo, SCENARIO, metrics=("net_co2",), n_base=64)


def test_pinning_the_top_ranked_input_narrows_the_interval_most(demo, result):
    """For each metric: pin each of the four inputs with the largest ST at its set value and
    rerun Monte Carlo with the same seed; those with ST >= 0.1 narrow the 5-95 % interval,
    and the top one narrows it most."""
    p = rc.load_parameters("dk-2025")
    base = monte_carlo(demo, SCENARIO, p, n_draws=2000, seed=11, uptake=(0.5, 1.0))
    for metric in ("net_co2e_t", "net_cost"):
        top = result.indices[result.indices["metric"] == metric].head(4)
        ranked = top["parameter"].tolist()
        st, conf = top["ST"].to_numpy(), top["ST_conf"].to_numpy()
        widths = {}
        for key in ranked:
            if key == "uptake":
                mc = monte_carlo(demo, SCENARIO.replace(uptake=0.75), p, n_draws=2000, seed=11)
            else:
                mc = monte_carlo(
                    demo,
                    SCENARIO,
                    p.with_overrides({key: p[key]}),
                    n_draws=2000,
                    seed=11,
                    uptake=(0.5, 1.0),
                )
            s = mc.summary([metric]).iloc[0]
            widths[key] = s["p95"] - s["p05"]
        full = base.summary([metric]).iloc[0]
        full_width = full["p95"] - full["p05"]
        # an input carrying a tenth of the variance or more narrows the interval; one carrying
        # a few per cent changes its width by less than the Monte Carlo noise of 2,000 draws
        # (pinning drops a column from the draws, so the others' random numbers shift):
        # within 5 % (since the car fuels share one circuity and occupancy, ST 0.02-0.07)
        for key, s_t in zip(ranked, st, strict=True):
            if s_t >= 0.1:
                assert widths[key] < full_width, (metric, key, widths[key], full_width)
            else:
                assert widths[key] < 1.05 * full_width, (metric, key, widths[key], full_width)
        if st[0] - st[1] > conf[0] + conf[1]:  # clearly first: it narrows the range most
            assert min(widths, key=widths.get) == ranked[0], (metric, ranked, widths)
        else:  # a tie within the indices' 95 % intervals: it narrows it about as much
            assert widths[ranked[0]] <= 1.05 * min(widths.values()), (metric, ranked, widths)
            assert max(widths, key=widths.get) != ranked[0], (metric, ranked, widths)
