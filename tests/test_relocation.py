"""Relocation: who moves, where they live, and the before/after comparison by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc.analysis import assess_relocation, relocate
from remotecalc.inputs.geography import haversine_km

CPH = (55.6761, 12.5683)


@pytest.fixture(scope="module")
def org():
    """The demo organisation plus an (empty) office in central Copenhagen."""
    staff, sites = rc.datasets.demo_tables(900, seed=6)
    extra = pd.DataFrame(
        [
            {
                "site_id": "KBH",
                "site_name": "Copenhagen office",
                "site_type": "office",
                "lat": CPH[0],
                "lon": CPH[1],
                "postcode": "1550",
                "space_can_be_released": True,
            }
        ]
    )
    return rc.read_staffing(
        staff, sites=rc.read_sites(pd.concat([sites, extra], ignore_index=True))
    )


def test_incumbents_keep_homes_and_jobs(org):
    sel = {"site_id": ["JOBC"]}
    moved = relocate(org, sel, "KBH", share=0.5, seed=3)
    before, after = org.staff, moved.staff
    was = (before["site_id"] == "JOBC").to_numpy()
    flag = after["relocated"].to_numpy(dtype=bool)
    assert flag.sum() == round(0.5 * was.sum()) and (was[flag]).all()
    assert (after.loc[flag, "site_id"] == "KBH").all()
    assert (after.loc[flag, "relocated_from"] == "JOBC").all()
    for col in (
        "home_lat",
        "home_lon",
        "fte",
        "onsite_days_per_week",
        "teleworkable",
        "department",
        "employee_id",
    ):
        pd.testing.assert_series_equal(before[col], after[col], check_names=False)
    # the rest untouched, the input unchanged
    pd.testing.assert_frame_equal(before.loc[~flag], after.loc[~flag, before.columns])
    assert "relocated" not in org.staff.columns
    assert "incumbents keep their homes" in moved.notes[-1]
    # same seed, same positions; another seed, others
    again = relocate(org, sel, "KBH", share=0.5, seed=3).staff["relocated"]
    other = relocate(org, sel, "KBH", share=0.5, seed=4).staff["relocated"]
    assert again.equals(after["relocated"]) and not other.equals(after["relocated"])


def test_modes_by_distance_come_from_the_same_band(org):
    moved = relocate(org, {"site_id": ["JOBC", "RAAD"]}, "KBH", seed=1)
    flag = moved.staff["relocated"].to_numpy(dtype=bool)
    # movers who now live more than 20 km away do not walk or cycle unless someone does today
    gc = moved.great_circle_km().to_numpy()[flag]
    modes = moved.staff["mode"].astype(str).to_numpy()[flag]
    today_gc = org.great_circle_km().to_numpy()
    today_modes = org.staff["mode"].astype(str).to_numpy()
    for m in ("walk", "bicycle"):
        if not ((today_modes == m) & (today_gc > 20)).any():
            assert not ((modes == m) & (gc > 20)).any()
    kept = relocate(org, {"site_id": ["JOBC"]}, "KBH", seed=1, modes="keep")
    pd.testing.assert_series_equal(kept.staff["mode"], org.staff["mode"])


def test_local_hires_live_like_the_new_sites_staff(org):
    moved = relocate(org, {"site_id": ["JOBC"]}, "RAAD", fill="local_hires", seed=2)
    flag = moved.staff["relocated"].to_numpy(dtype=bool)
    local = org.staff[org.staff["site_id"] == "RAAD"]
    local_people = set(
        zip(local["home_lat"], local["home_lon"], local["mode"].astype(str), strict=True)
    )
    movers = set(
        zip(
            moved.staff.loc[flag, "home_lat"],
            moved.staff.loc[flag, "home_lon"],
            moved.staff.loc[flag, "mode"].astype(str),
            strict=True,
        )
    )
    assert movers <= local_people
    with pytest.raises(ValueError, match="no staff at 'KBH'"):
        relocate(org, {"site_id": ["JOBC"]}, "KBH", fill="local_hires")
    ref = pd.DataFrame({"home_lat": [55.70], "home_lon": [12.50], "mode": ["train"]})
    hired = relocate(org, {"site_id": ["JOBC"]}, "KBH", fill="local_hires", reference=ref)
    f = hired.staff["relocated"].to_numpy(dtype=bool)
    assert (hired.staff.loc[f, "home_lat"] == 55.70).all()
    assert (hired.staff.loc[f, "mode"].astype(str) == "train").all()


def test_one_commuter_by_hand():
    """One car commuter moves from a site 10 km from home to one ~30 km away: commute km
    change = 2 × Δ(one-way) × on-site days; desks move from one site to the other."""
    home = (55.64, 12.08)
    sites = pd.DataFrame(
        {
            "site_id": ["A", "B"],
            "lat": [55.70, CPH[0]],
            "lon": [12.20, CPH[1]],
            "area_m2": [500.0, 800.0],
        }
    )
    staff = pd.DataFrame(
        {
            "employee_id": ["E1", "E2"],
            "site_id": ["A", "A"],
            "mode": ["car", "car"],
            "fte": [1.0, 1.0],
            "onsite_days_per_week": [5.0, 5.0],
            "teleworkable": [0.0, 0.0],
            "home_lat": [home[0], home[0]],
            "home_lon": [home[1], home[1]],
        }
    )
    wf = rc.read_staffing(staff, sites=sites)
    p = rc.load_parameters("dk-2025")
    res = assess_relocation(
        wf, {"employee_id": ["E1"]}, "B", modes="keep", params=p, min_group_size=3
    )
    c = res.comparison.set_index("metric")
    circ, wd = p["mode.car.circuity"], p["workdays_per_year"]
    d_a = haversine_km(*home, 55.70, 12.20) * circ
    d_b = haversine_km(*home, *CPH) * circ
    assert c.loc["commute_km", "change"] == pytest.approx(2 * (d_b - d_a) * wd, rel=1e-12)
    assert c.loc["commute_co2e_t", "change"] == pytest.approx(
        2 * (d_b - d_a) * wd * p.mode_table().loc["car", "co2e_kg_per_pkm"] / 1000, rel=1e-12
    )
    # one person a site: the site table withholds them (min_group_size is at least 3);
    # the analyst's per-site results hold the numbers
    assert res.sites["suppressed"].all()
    s = res.after.per_site.set_index("site_id")
    assert (s.loc["A", "employees"], s.loc["B", "employees"]) == (1, 1)
    assert s.loc["A", "desks_needed_scenario"] == 1 and s.loc["B", "desks_needed_scenario"] == 1
    # space follows: B gains one desk's area; A (releasable by default) gives one up
    per_desk = p["office.area_per_desk_m2"] * (1 + p["office.support_space_share"])
    assert s.loc["B", "area_m2_scenario"] == pytest.approx(800 + per_desk)
    assert s.loc["A", "area_m2_scenario"] == pytest.approx(500 - per_desk)
    fixed = assess_relocation(
        wf, {"employee_id": ["E1"]}, "B", modes="keep", params=p, space="fixed", min_group_size=3
    ).after.per_site.set_index("site_id")
    assert fixed.loc["B", "area_m2_scenario"] == 800 and fixed.loc["A", "area_m2_scenario"] == 500
    assert res.moved == 1 and "office space follows" in res.assumption


def test_relocation_under_a_policy_and_the_site_table(org):
    sc = rc.Scenario(name="2 days", remote_days_per_week=2)
    res = assess_relocation(org, {"site_id": ["JOBC"]}, "KBH", scenario=sc, seed=1)
    c = res.comparison.set_index("metric")
    # the comparison uses each assessment's scenario column
    assert c.loc["commute_km", "before"] == pytest.approx(
        res.before.summary().set_index("metric").loc["commute_km", "scenario"]
    )
    np.testing.assert_allclose(c["change"], c["after"] - c["before"])
    s = res.sites.set_index("site_id")
    assert s.loc["JOBC", "affected"] and s.loc["KBH", "affected"]
    assert not s.loc["RAAD", "affected"]
    assert s.loc["KBH", "employees_after"] == s.loc["JOBC", "employees_before"]
    assert s.loc["JOBC", "employees_after"] == 0 and s.loc["JOBC", "commute_km_after"] == 0
    # unaffected sites: identical numbers
    for col in ("commute_km", "desks_needed", "office_cost"):
        assert s.loc["RAAD", f"{col}_after"] == pytest.approx(s.loc["RAAD", f"{col}_before"])
    # per-site commute adds up to the total
    assert s["commute_km_after"].sum() == pytest.approx(c.loc["commute_km", "after"])


def test_small_sites_are_suppressed(org):
    res = assess_relocation(org, {"site_id": ["JOBC"]}, "KBH", share=0.03, seed=1)
    s = res.sites
    assert "KBH" not in set(s["site_id"].dropna())  # withheld, without its name
    withheld = s[s["suppressed"]]
    assert len(withheld) >= 2  # the small site and a complement
    assert withheld["site_id"].isna().all() and withheld["commute_km_after"].isna().all()
    # the withheld sites cannot be recovered from the total minus the shown sites
    shown = s.loc[~s["suppressed"], "employees_after"].sum()
    assert res.after.n_employees - shown >= 5


@pytest.mark.parametrize(
    "args, match",
    [
        (({"site_id": ["JOBC"]}, "NOPE"), "not a site"),
        (({"site_id": ["NOPE"]}, "KBH"), "moves nobody"),
        (({"colour": ["red"]}, "KBH"), "colour"),
        (({}, "KBH"), "selection is empty"),
    ],
)
def test_plain_errors(org, args, match):
    with pytest.raises(ValueError, match=match):
        relocate(org, *args)


def test_fill_and_share_are_checked(org):
    with pytest.raises(ValueError, match="fill"):
        relocate(org, {"site_id": ["JOBC"]}, "KBH", fill="everyone")
    with pytest.raises(ValueError, match="share"):
        relocate(org, {"site_id": ["JOBC"]}, "KBH", share=1.5)
