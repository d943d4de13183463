"""Site tables: the attendee-days and the office cost and CO₂e that follow them are sums over
people, published with the cell-key method (``disclosure.publish_sites``).

Found after issue 25's attack suite passed: under a scenario that applies to department A
(16 people, accepted), the Sites sheet showed site S2's change in attendee-days and
occupancy cost exactly, which is the change of the 2 people of A at S2; and the same site
under "everyone" and under "departments B and C" differed by exactly those 2 people.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest
from test_privacy_differencing import SCENARIOS, _sites, _staff

import remotecalc as rc
from remotecalc.evaluation import disclosure

K = 5


@pytest.fixture(scope="module")
def wf():
    return rc.read_staffing(_staff(), sites=_sites())


@pytest.fixture(scope="module")
def results(wf):
    return {sc.name: rc.assess(wf, sc) for sc in SCENARIOS}


def _g_change(res) -> float:
    e = res.per_employee
    g = ((e["department"] == "A") & (e["site_id"] == "S2")).to_numpy()
    return float(e.loc[g, "onsite_days_change"].sum())


def test_a_site_change_of_two_people_is_withheld_in_the_workbook(results, tmp_path):
    res = results["A"]  # applies to department A: at S2 only G (2 people) changes
    exact = res.per_site.set_index("site_id")
    assert exact.at["S2", "attendee_days_change"] == pytest.approx(_g_change(res))  # the route
    res.to_excel(tmp_path / "a.xlsx")
    sites = pd.read_excel(tmp_path / "a.xlsx", sheet_name="Sites").set_index("site_id")
    for col in ("attendee_days_change", "occupancy_cost_change", "office_co2e_kg_change"):
        shown = sites[next(c for c in sites.columns if c.startswith(col))]
        assert np.isnan(shown["S2"]), col
    published = res.published_sites().set_index("site_id")
    assert np.isnan(published.at["S2", "office_cost_change"])


def test_site_values_are_published_consistently(results):
    """Today exact; the scenario is today's plus the published change; the occupancy cost
    is the published attendee-days times the cost per attendee-day (one formula)."""
    res = results["all"]
    p, x = res.published_sites(), res.per_site
    np.testing.assert_array_equal(p["attendee_days_baseline"], x["attendee_days_baseline"])
    np.testing.assert_allclose(
        p["attendee_days_scenario"], p["attendee_days_baseline"] + p["attendee_days_change"]
    )
    per_day = res.parameters["office.occupancy_cost_per_attendee_day"]
    np.testing.assert_allclose(p["occupancy_cost_scenario"], p["attendee_days_scenario"] * per_day)
    np.testing.assert_allclose(
        p["office_cost_change"], p["office_cost_scenario"] - p["office_cost_baseline"]
    )
    assert not np.allclose(p["attendee_days_change"], x["attendee_days_change"])  # noised
    # desks and area are quantiles, not sums over people: unchanged
    np.testing.assert_array_equal(p["desks_needed_scenario"], x["desks_needed_scenario"])


def test_two_scenarios_at_one_site_do_not_give_a_small_group_back(results):
    """'everyone' minus 'departments B and C' at S2 is G exactly; over 400 secrets (what a
    reader does not know) the published difference is within 10 % of G's change in at most
    5 % of them (guarantee 2 of docs/privacy.md; binomial slack for 400 draws)."""
    a, b = results["all"], results["B C"]
    g = _g_change(a)
    xa = a.per_site.set_index("site_id").at["S2", "attendee_days_change"]
    xb = b.per_site.set_index("site_id").at["S2", "attendee_days_change"]
    assert xa - xb == pytest.approx(g)  # the route exists without the noise
    hits = 0
    for i in range(400):
        secret = hashlib.sha256(f"trial-{i}".encode()).digest()
        pa = disclosure.publish_sites(
            a.per_site, a.per_employee, a.parameters, K, secret=secret
        ).set_index("site_id")
        pb = disclosure.publish_sites(
            b.per_site, b.per_employee, b.parameters, K, secret=secret
        ).set_index("site_id")
        d = pa.at["S2", "attendee_days_change"] - pb.at["S2", "attendee_days_change"]
        hits += abs(d - g) <= 0.10 * abs(g)
    assert hits / 400 <= 0.05 + 2.5 * np.sqrt(0.05 * 0.95 / 400), hits
