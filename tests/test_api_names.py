"""Metric names in the API (issue 27): ``by()`` and the Monte Carlo summary accept the names
``summary()`` shows as well as the storage names, and an unknown name says which exist."""

from __future__ import annotations

import numpy as np
import pytest

import remotecalc as rc
from remotecalc.datasets import demo_workforce


@pytest.fixture(scope="module")
def res():
    return rc.assess(demo_workforce(300, seed=3), rc.Scenario(name="2", remote_days_per_week=2))


def test_by_accepts_the_summary_names_in_their_unit(res):
    shown = res.by("department", metrics=["commute_co2e_t"])
    stored = res.by("department", metrics=["commute_co2e_kg"])
    assert "commute_co2e_t_change" in shown.columns
    assert "commute_co2e_kg_change" not in shown.columns
    np.testing.assert_allclose(
        shown["commute_co2e_t_change"], stored["commute_co2e_kg_change"] / 1e3
    )
    # the exact summary's total (not pooled rows) is the sum of the exact groups, in tonnes
    # (by() publishes noisy group totals by default; exact=True is the analyst's view)
    exact = res.by("department", metrics=["commute_co2e_t"], exact=True)
    assert "commute_co2e_t_change" in exact.columns
    total = res.summary().set_index("metric").loc["commute_co2e_t", "change"]
    assert exact["commute_co2e_t_change"].sum() == pytest.approx(total)
    # a name with the table's suffix is the same metric
    again = res.by("department", metrics=["commute_co2e_kg_change"])
    assert list(again.columns) == list(stored.columns)


def test_by_unknown_metric_lists_the_names(res):
    with pytest.raises(KeyError, match=r"commute_co2e_t \(stored as commute_co2e_kg\)"):
        res.by("department", metrics=["co2"])
    with pytest.raises(KeyError, match="by\\(\\) totals"):  # a site metric is not per employee
        res.by("department", metrics=["office_cost"])
