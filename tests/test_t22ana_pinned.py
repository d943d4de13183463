"""Pinned equalities of the faster paths of round t22ana (each against the slower way)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from remotecalc.analysis.sensitivity import saltelli_sample
from remotecalc.datasets import demo_tables
from remotecalc.evaluation.draws import values_from_unit
from remotecalc.outputs.report import outer_merged


@pytest.mark.parametrize(("d", "n", "seed"), [(1, 2, 1), (3, 8, 7), (13, 64, 12345), (20, 16, 3)])
def test_saltelli_sample_is_salibs_sample(d, n, seed):
    from SALib.sample import sobol

    problem = {"num_vars": d, "names": [f"x{i}" for i in range(d)], "bounds": [[0.0, 1.0]] * d}
    expected = sobol.sample(dict(problem), n, calc_second_order=False, scramble=True, seed=seed)
    got = saltelli_sample(dict(problem), n, seed=seed)
    assert got.shape == (n * (d + 2), d)
    assert got.dtype == expected.dtype
    assert np.array_equal(got, expected)


def test_saltelli_sample_refuses_groups():
    problem = {"num_vars": 2, "names": ["a", "b"], "bounds": [[0, 1]] * 2, "groups": ["g", "g"]}
    with pytest.raises(ValueError, match="groups"):
        saltelli_sample(problem, 4, seed=1)


def test_demo_tables_kept_tables_are_handed_out_as_copies():
    staff, sites = demo_tables(120, seed=9)
    staff.loc[0, "fte"] = 99.0
    sites["desks"] = -1.0
    again_staff, again_sites = demo_tables(120, seed=9)
    assert again_staff.loc[0, "fte"] != 99.0
    assert (again_sites["desks"] > 0).all()
    # a numpy integer seed is not kept: it draws the tables anew, and they are the same
    fresh_staff, fresh_sites = demo_tables(120, seed=np.int64(9))
    pd.testing.assert_frame_equal(again_staff, fresh_staff, check_exact=True)
    pd.testing.assert_frame_equal(again_sites, fresh_sites, check_exact=True)
    other, _ = demo_tables(120, seed=10)
    assert not other.equals(again_staff)


def test_triangular_inputs_together_equal_one_scipy_call_each():
    inputs = pd.DataFrame(
        {
            "key": ["a", "b", "c", "d", "e"],
            "dist": ["triangular", "uniform", "triangular", "triangular", "triangular"],
            "value": [1.0, 0.5, 0.2, 3.0, 1.0],
            "low": [0.0, 0.0, 0.1, 3.0, 2.0],
            "mode": [1.5, np.nan, 0.1, 3.0, 1.5],
            "high": [2.0, 1.0, 0.9, 3.0, 1.0],
            "sd": [np.nan] * 5,
        }
    )
    u = np.random.default_rng(4).random((50, 5))
    got = values_from_unit(inputs, u)
    assert np.array_equal(got["a"], stats.triang.ppf(u[:, 0], 0.75, loc=0.0, scale=2.0))
    assert np.array_equal(got["b"], 0.0 + u[:, 1] * 1.0)
    assert np.array_equal(got["c"], stats.triang.ppf(u[:, 2], 0.0, loc=0.1, scale=0.8))
    assert (got["d"] == 3.0).all()  # no width: the value itself
    assert got["e"].isna().all()  # high below low: no distribution (as scipy says)


def _merged_one_by_one(parts, keys):
    wide = parts[0]
    for part in parts[1:]:
        wide = wide.merge(part, on=keys, how="outer")
    return wide


@pytest.mark.parametrize("drop_one", [False, True])
def test_outer_merged_equals_successive_outer_merges(drop_one):
    rng = np.random.default_rng(2)
    grid = [(float(d), r) for r in (1.0, 0.0) for d in (0, 1, 2, 3, 4, 5)]
    parts = []
    for m in range(4):
        rows = [grid[i] for i in (rng.permutation(len(grid)) if m % 2 else range(len(grid)))]
        parts.append(
            pd.DataFrame(
                {
                    "days": [r[0] for r in rows],
                    "release": [r[1] for r in rows],
                    f"m{m} central": rng.random(len(rows)),
                    f"m{m} p95": rng.random(len(rows)),
                }
            )
        )
    if drop_one:  # keys that differ between parts: merged one by one
        parts[2] = parts[2].iloc[1:]
    got = outer_merged(parts, ["days", "release"])
    pd.testing.assert_frame_equal(
        got, _merged_one_by_one(parts, ["days", "release"]), check_exact=True
    )
    assert got["days"].is_monotonic_increasing
