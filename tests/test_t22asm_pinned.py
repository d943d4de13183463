"""Pins of the t22asm speed-up of ``assess`` on small workforces: the faster paths give
exactly what the slower ones they replaced give (pandas' own operations as the oracle)."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.evaluation import closing
from remotecalc.formulas import office
from remotecalc.i18n.notes import Note
from remotecalc.inputs.geography import pad_municipality_codes
from remotecalc.model import dkrules

CODES = ["265", "0265", "400", "0411", "101", None, "0851", " 147 ", "751", "101.0", "", "x1"]


def test_outer_area_mask_equals_pandas_isin_on_padded_codes():
    rng = np.random.default_rng(1)
    staff = pd.DataFrame({"home_municipality_code": rng.choice(np.array(CODES, dtype=object), 400)})
    outer, unknown = dkrules.outer_area_mask(staff)
    padded = pad_municipality_codes(staff["home_municipality_code"].astype("string"))
    listed = list(dkrules.rules()["outer_area"]["municipalities"]["codes"])
    expected = padded.isin(listed).fillna(False).to_numpy(bool)
    np.testing.assert_array_equal(outer, expected)
    assert outer.any() and not outer.all()
    assert unknown == int(padded.isna().sum()) > 0


def test_side_of_storebaelt_by_code_equals_pandas_isin():
    rng = np.random.default_rng(2)
    codes = pd.Series(rng.choice(np.array(CODES, dtype=object), 300), dtype="string")
    lat, lon = rng.uniform(54.5, 57.5, 300), rng.uniform(8.0, 15.5, 300)
    side = dkrules.side_of_storebaelt(codes, lat, lon)
    g = dkrules.rules()["geography"]["east_of_storebaelt"]
    by_coords = dkrules.side_of_storebaelt(None, lat, lon)
    east = codes.isin(list(g["codes"])).fillna(False).to_numpy(bool)
    bornholm = codes.isin(["0400", "0411"]).fillna(False).to_numpy(bool)
    by_code = np.where(east, dkrules.SIDE_EAST, np.where(bornholm, dkrules.SIDE_BORNHOLM, 1))
    np.testing.assert_array_equal(side, np.where(codes.notna(), by_code, by_coords))
    # unpadded codes are taken as given here (the bridge rule pads them): '265' is west
    assert side[codes.fillna("").to_numpy() == "265"].tolist() == [dkrules.SIDE_WEST] * int(
        (codes == "265").sum()
    )


def test_a_note_copied_is_the_note_it_copies():
    inner = Note.field("onsite_days_per_week")
    n = Note("default_column", column=inner, value=5.0)
    for c in (copy.copy(n), copy.deepcopy(n), pickle.loads(pickle.dumps(n))):
        assert type(c) is Note and c == n and str(c) == str(n)
        assert c.kind == n.kind and c.values == n.values and c.values is not n.values
        assert c.render("da") == n.render("da") and c.render("en") == n.render("en")
    deep = copy.deepcopy({"notes": [n, n]})
    assert deep["notes"][0] is deep["notes"][1]  # the memo: one copy of one note
    assert deep["notes"][0].values["column"] is not inner


@pytest.mark.parametrize("seed", range(6))
def test_peak_desks_equal_desks_needed_grouped(seed):
    rng = np.random.default_rng(seed)
    k = int(rng.integers(1, 12))
    week = np.round(rng.uniform(0, 5, k), 1)
    profile = [None, (1, 1.3, 1, 1, 0.7), (1, 1, 1, 1, 1)][seed % 3]
    anchors = np.atleast_2d(office.weekday_onsite_probability(week, profile))
    counts = rng.integers(1, 40, k)
    dd = office.desks_needed_grouped(anchors, counts, 0.9)
    assert office.peak_desks_grouped(anchors, counts, 0.9) == (dd.desks, dd.peak_weekday)
    per_day = [office.attendance_quantile_grouped(anchors[:, d], counts, 0.9) for d in range(5)]
    assert office.weekday_desks_grouped(anchors, counts, 0.9).tolist() == per_day


def test_weekday_desks_of_repeated_days_in_any_order():
    p = np.array([[0.2, 0.7, 0.2, 0.7, 0.5], [0.6, 0.1, 0.6, 0.1, 0.5]])
    counts = np.array([30, 20])
    expected = [office.attendance_quantile_grouped(p[:, d], counts, 0.95) for d in range(5)]
    cache = office.DistributionCache()
    assert office.weekday_desks_grouped(p, counts, 0.95, cache=cache).tolist() == expected
    assert cache.misses == 2  # two distinct days kept (equal chances: a Binomial)


@pytest.fixture(scope="module")
def result() -> rc.Assessment:
    wf = rc.datasets.demo_workforce(300, seed=4)
    return rc.assess(wf, rc.Scenario(name="two", remote_days_per_week=2, desk_ratio=0.8))


def test_summary_totals_are_the_pandas_column_sums(result):
    e, site = result.per_employee.copy(), result.per_site
    e.loc[e.index[:3], "commute_km_baseline"] = np.nan  # a missing value is skipped
    r = rc.Assessment(
        per_employee=e,
        per_site=site,
        scenario=result.scenario,
        parameters=result.parameters,
        workforce_provenance={},
    )
    s = r.summary().set_index("metric")
    km = rc.load_parameters("dk-2025")  # commute_km is shown in km: scale 1
    assert km is not None
    assert s.loc["commute_km", "baseline"] == float(e["commute_km_baseline"].sum())
    assert s.loc["commute_km", "scenario"] == float(e["commute_km_scenario"].sum())


def test_per_site_table_ignores_the_sites_attrs(result):
    wf = rc.datasets.demo_workforce(300, seed=4)
    assert wf.sites.attrs  # the reader's notes
    sc = result.scenario
    b, s = result.per_site, None
    bare = wf.sites.copy()
    bare.attrs = {}
    notes_a: list = []
    notes_b: list = []
    desks = rc.prepare(wf).baseline_desks
    a = closing.site_table(wf.sites, result.parameters, sc, desks, desks, notes_a)
    s = closing.site_table(bare, result.parameters, sc, desks, desks, notes_b)
    pd.testing.assert_frame_equal(a, s, check_exact=True)
    assert a.attrs == {} and notes_a == notes_b
    assert list(b.columns[:3]) == ["site_id", "site_type", "site_name"]


def test_per_employee_columns_with_a_given_distance_and_desk_based():
    from remotecalc.datasets.demo import demo_tables

    staff, sites = demo_tables(120, seed=2)
    staff["one_way_km"] = np.where(np.arange(len(staff)) % 3 == 0, 12.5, np.nan)
    staff["desk_based"] = np.where(np.arange(len(staff)) % 2 == 0, 1.0, np.nan)
    wf = rc.read_staffing(staff, sites=sites)
    e = rc.assess(wf, rc.Scenario(name="x", remote_days_per_week=1)).per_employee
    cols = list(e.columns)
    # a given one_way_km keeps its place among the staff columns; desk_based moves after
    # policy_applies, resolved
    assert cols.index("one_way_km") < cols.index("onsite_days_per_week_baseline")
    assert cols.index("one_way_km") == list(wf.staff.columns).index("one_way_km") - 1
    assert cols[cols.index("policy_applies") + 1 : cols.index("policy_applies") + 3] == [
        "desk_based",
        "desk_effect",
    ]
    assert cols.count("desk_based") == 1 and e["desk_based"].dtype == bool
    given = e["one_way_km"].to_numpy()[::3]
    assert (given == 12.5).all()
