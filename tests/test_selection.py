"""Who a scenario applies to is one rule (``Selection``), with one error for an unknown column.

The engine, disclosure control, the explorer and relocations all select through
:meth:`remotecalc.inputs.scenario.Selection.mask`; before issue 22 the engine raised on an
unknown column, disclosure and the explorer skipped it silently (and so selected everybody),
and relocation had its own rule and error.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis.relocation import relocate
from remotecalc.errors import ScenarioError
from remotecalc.evaluation.disclosure import (
    refused_selection,
    selection_withheld,
    small_sweep_selections,
)
from remotecalc.explorer.state import differencing_risks
from remotecalc.inputs.scenario import Scenario, Selection

STAFF = pd.DataFrame(
    {
        "department": ["A", "A", "B", "B", "C"],
        "site_id": ["S", "T", "S", "S", "T"],
        "grade": [1, 2, 2, 3, 1],
    }
)


def test_of_reads_one_value_or_many_as_text():
    sel = Selection.of({"department": "A", "grade": [2, 3], "site_id": ("S",)})
    assert dict(sel) == {"department": ("A",), "grade": ("2", "3"), "site_id": ("S",)}
    assert Selection.of(sel) is sel
    assert dict(Selection.of(None)) == {}
    # the scenario reads applies_to by the same rule
    sc = Scenario(name="x", applies_to={"department": "A", "grade": [2, 3]})
    assert sc.applies_to == {"department": ("A",), "grade": ("2", "3")}


def test_mask_all_conditions_hold_values_as_text():
    mask = Selection.of({"department": ["A", "B"], "grade": [2]}).mask(STAFF)
    assert mask.tolist() == [False, True, True, False, False]
    assert mask.dtype == np.bool_
    assert Selection.of({}).mask(STAFF).tolist() == [True] * 5  # nobody excluded


def test_one_error_for_an_unknown_column_everywhere():
    """The same ScenarioError (a ValueError) from each user of the rule, naming the column
    and the columns there are; nobody skips the condition and selects everybody."""
    sc = Scenario(name="typo", remote_days_per_week=2, applies_to={"departmnet": ["A"]})
    expected = "names column 'departmnet', which the staff data does not have"
    wf = rc.datasets.demo_workforce(60, seed=2)
    with pytest.raises(ScenarioError, match=expected):
        rc.assess(wf, sc)
    with pytest.raises(ScenarioError, match=expected):
        small_sweep_selections(STAFF, [sc])
    with pytest.raises(ScenarioError, match=expected):
        differencing_risks(STAFF, sc)
    with pytest.raises(ScenarioError, match=expected) as err:
        relocate(wf, {"departmnet": ["A"]}, wf.sites["site_id"].iloc[0])
    assert isinstance(err.value, ValueError)
    assert "its columns: " in str(err.value) and "site_id" in str(err.value)


def test_the_engine_and_disclosure_count_the_same_people():
    wf = rc.datasets.demo_workforce(300, seed=4)
    sc = Scenario(name="two", remote_days_per_week=2, applies_to={"department": ["Jobcenter"]})
    res = rc.assess(wf, sc)
    n = int(res.per_employee["policy_applies"].sum())
    assert n == int((wf.staff["department"].astype(str) == "Jobcenter").sum()) > 0
    # disclosure counts the selection by the same mask: refused under a minimum above n,
    # not at n (the department's own size), with a message that names no count
    found = small_sweep_selections(wf.staff, [sc], min_group_size=n + 1)
    assert found == [refused_selection("two", n + 1)]
    assert str(n) not in found[0]
    assert not selection_withheld(wf.staff, sc.applies_to, n)
