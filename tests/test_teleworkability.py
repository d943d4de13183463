"""Teleworkability from occupation codes, on the real JRC and Dingel-Neiman tables.

The tables are read from ../shared/data/teleworkability/ (``shared_file`` skips with a
message when they are absent); they are never copied into the repository.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from conftest import shared_file

from remotecalc import Scenario, StaffingError, assess
from remotecalc.datasets import demo_workforce
from remotecalc.estimation.teleworkability import (
    MATCHED_STATUSES,
    add_teleworkability,
    load_dingel_neiman,
    load_jrc_index,
    map_isco_to_jrc,
    map_soc_to_dingel_neiman,
    teleworkable_share_by,
)

#: ISCO-08 minor groups the JRC index does not cover: armed forces (011, 021, 031),
#: traditional and complementary medicine (223, 323), paramedical practitioners (224) and
#: subsistence farmers, fishers, hunters and gatherers (631-634).
ISCO_MINOR_GROUPS_NOT_IN_JRC = {
    "011",
    "021",
    "031",
    "223",
    "224",
    "323",
    "631",
    "632",
    "633",
    "634",
}


@pytest.fixture(scope="module")
def jrc():
    return load_jrc_index(shared_file("teleworkability", "sostero2020_isco08_3digit.csv"))


@pytest.fixture(scope="module")
def isco_minor_groups():
    """All 130 ISCO-08 minor groups (3 digits) from the ILO structure in the JRC repository
    (read as text: the armed forces' codes start with 0)."""
    labels = pd.read_excel(
        shared_file("teleworkability", "isco08_labels.xlsx"), dtype={"isco08": str}
    )
    code = labels["isco08"].str.strip()
    return sorted(code[code.str.len() == 3])


def test_jrc_table_as_published(jrc):
    assert jrc.index.name == "isco08" and len(jrc) == 120
    assert jrc.index.str.fullmatch(r"\d{3}").all() and jrc.index.is_unique
    assert jrc["teleworkable"].between(0, 1).all()
    # README of ../shared/data: software developers 1.0, nurses 0.0
    assert jrc.loc["251", "teleworkable"] == 1.0
    assert jrc.loc["222", "teleworkable"] == 0.0


def test_every_3_digit_code_of_the_index_resolves(jrc):
    values, report = map_isco_to_jrc(pd.Series(jrc.index), jrc)
    assert (report["status"] == "exact").all() and len(report) == 120
    assert np.array_equal(values.to_numpy(), jrc["teleworkable"].to_numpy())
    assert (report["level"] == "ISCO-08 3-digit").all()


def test_every_isco_minor_group_resolves_or_is_reported(jrc, isco_minor_groups):
    assert len(isco_minor_groups) == 130
    values, report = map_isco_to_jrc(isco_minor_groups, jrc)
    assert len(values) == 130 and report["employees"].sum() == 130
    missing = set(report.loc[report["status"] == "not_in_table", "code"])
    assert missing == ISCO_MINOR_GROUPS_NOT_IN_JRC
    assert values.notna().sum() == 120


def test_4_digit_and_disco_codes_reduce_to_their_minor_group(jrc):
    codes = ["2512", "2221", "251210", "25121", "4110", "411010", "2221"]
    values, report = map_isco_to_jrc(codes, jrc)
    expected = jrc["teleworkable"].reindex([c[:3] for c in codes]).to_numpy()
    assert np.array_equal(values.to_numpy(), expected)
    status = report.set_index("code")["status"]
    assert status["2512"] == "reduced_from_4_digit"
    assert status["251210"] == status["25121"] == status["411010"] == "reduced_from_disco"
    assert report.set_index("code").loc["2221", "employees"] == 2
    assert (report.set_index("code")["matched_code"].str.len() == 3).all()


def test_demo_organisation_codes_all_reduce(jrc):
    staff = demo_workforce(2000, seed=0).staff
    values, report = map_isco_to_jrc(staff["occupation_isco08"], jrc)
    assert values.index.equals(staff.index) and values.notna().all()
    assert set(report["status"]) == {"reduced_from_4_digit"}


def test_unknown_codes_are_reported_not_dropped(jrc):
    codes = pd.Series(
        ["", None, "ab12", "7", "99", "999", "1234567", 2512, 2512.0, " 2512 ", "0110"],
        index=list("abcdefghijk"),
    )
    values, report = map_isco_to_jrc(codes, jrc)
    assert values.index.equals(codes.index)  # one value per input, NaN if unresolved
    assert report["employees"].sum() == len(codes)
    status = report.set_index("code")["status"].to_dict()
    assert status[""] == "missing"  # blank and None
    assert report.set_index("code").loc["", "employees"] == 2
    assert status["ab12"] == "invalid" and status["1234567"] == "invalid"
    assert status["7"] == "too_coarse" and status["99"] == "too_coarse"
    assert status["999"] == "not_in_table" and status["0110"] == "not_in_table"
    assert status["2512"] == "reduced_from_4_digit"  # int, float and padded text
    assert report.set_index("code").loc["2512", "employees"] == 3
    assert values[["h", "i", "j"]].eq(1.0).all() and values.drop(["h", "i", "j"]).isna().all()
    unmatched = map_isco_to_jrc(codes, jrc).unmatched
    assert not unmatched["status"].isin(MATCHED_STATUSES).any() and len(unmatched) == 7


def test_bad_index_table_is_refused(tmp_path):
    path = tmp_path / "jrc.csv"
    path.write_text(
        "ISCO08,Occupation Title,Physical interaction,Social interaction\n"
        "251,Software,1.0,0.4\n25,Too short,0.5,0.5\n222,Nurses,1.5,0.9\n"
        "251,Again,1.0,0.4\n",
        encoding="utf-8",
    )
    with pytest.raises(StaffingError) as err:
        load_jrc_index(path)
    text = str(err.value)
    assert "row 3, column 'ISCO08': found '25'; expected a 3-digit" in text
    assert "row 4, column 'Physical interaction': found '1.5'" in text
    assert "row 5" in text and "more than once" in text


# ---------------------------------------------------------------------------------------
# Dingel & Neiman
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def onet():
    return load_dingel_neiman(shared_file("teleworkability", "dingel_neiman_onet_occupations.csv"))


@pytest.fixture(scope="module")
def soc():
    return load_dingel_neiman(shared_file("teleworkability", "dingel_neiman_bls_occupations.csv"))


def test_dingel_neiman_tables(onet, soc):
    assert onet.index.name == "onetsoc" and len(onet) == 968
    assert set(onet["teleworkable"].unique()) <= {0.0, 1.0}
    assert soc.index.name == "soc" and len(soc) == 764
    assert soc["teleworkable"].between(0, 1).all()


def test_onet_codes_exact_and_soc_codes_as_mean_of_onet(onet):
    values, report = map_soc_to_dingel_neiman(
        ["11-1011.03", "11-1011", "111011", "11-3071", "99-9999.00", "nonsense"], onet
    )
    means = onet["teleworkable"].groupby(onet.index.str[:7]).mean()
    assert values.iloc[0] == onet.loc["11-1011.03", "teleworkable"]
    assert values.iloc[1] == values.iloc[2] == means["11-1011"]
    assert values.iloc[3] == pytest.approx(means["11-3071"])
    status = report.set_index("code")["status"]
    assert status["11-1011.03"] == "exact" and status["111011"] == "mean_of_onet"
    assert status["99-9999.00"] == "not_in_table" and status["nonsense"] == "invalid"


def test_soc_table_and_onet_codes_reduced(onet, soc):
    """The published files use SOC 2010 codes (software developers 15-1132); a SOC 2018 code
    such as 15-1252 is not in them and is reported (a crosswalk is the user's step)."""
    values, report = map_soc_to_dingel_neiman(
        ["15-1132", "15-1132.00", "29-1141.01", "15-1252"], soc
    )
    status = report.set_index("code")["status"]
    assert status["15-1132"] == "exact" and status["15-1252"] == "not_in_table"
    assert status["15-1132.00"] == status["29-1141.01"] == "reduced_to_soc"
    assert values.iloc[0] == values.iloc[1] == soc.loc["15-1132", "teleworkable"] == 1.0
    assert values.iloc[2] == soc.loc["29-1141", "teleworkable"] == 0.0


def test_mean_of_onet_mostly_equals_the_published_soc_values(onet, soc):
    """Dingel & Neiman weight O*NET occupations by employment; the plain mean equals their
    SOC value for 96 % of the SOC codes found in both files (the documented claim)."""
    values, report = map_soc_to_dingel_neiman(pd.Series(soc.index), onet)
    found = values.notna().to_numpy()
    agree = np.isclose(values.to_numpy()[found], soc["teleworkable"].to_numpy()[found], atol=1e-6)
    assert found.sum() > 700 and agree.mean() > 0.95
    assert (report["status"] == "not_in_table").sum() == (~found).sum()


# ---------------------------------------------------------------------------------------
# On the workforce
# ---------------------------------------------------------------------------------------


def test_add_teleworkability_fills_or_overwrites(jrc):
    wf = demo_workforce(300, seed=2)
    staff = wf.staff.copy()
    staff.loc[staff.index[:10], "teleworkable"] = np.nan
    staff.loc[staff.index[0], "occupation_isco08"] = "99"
    wf = dataclasses.replace(wf, staff=staff)

    filled, report = add_teleworkability(wf, jrc)
    tele, source = filled.staff["teleworkable"], filled.staff["teleworkable_source"]
    assert np.array_equal(tele.iloc[10:], staff["teleworkable"].iloc[10:])  # kept
    assert np.isnan(tele.iloc[0]) and source.isna().iloc[0]  # reported
    assert tele.iloc[1:10].notna().all()
    assert (source.iloc[1:10] == "JRC index (Sostero et al. 2020)").all()
    assert (source.iloc[10:] == "given").all()
    assert "99" in set(report.loc[report["status"] == "too_coarse", "code"])
    assert filled.notes[-1].startswith("teleworkable: 9 employee(s) from the JRC index")
    assert wf.staff["teleworkable"].isna().sum() == 10  # not mutated

    over, _ = add_teleworkability(wf, jrc, overwrite=True)
    expected = jrc["teleworkable"].reindex(staff["occupation_isco08"].str[:3]).to_numpy()
    got = over.staff["teleworkable"].to_numpy()
    assert np.allclose(got[1:], expected[1:])
    assert np.isnan(got[0])  # unresolved code keeps its own (missing) value
    # the assessment runs on the mapped values; the job's cap binds where the index says 0
    per_emp = assess(over, Scenario(name="2 days", remote_days_per_week=2)).per_employee
    zero = per_emp["teleworkable"] == 0.0
    assert (
        per_emp.loc[zero, "onsite_days_per_week_scenario"]
        == per_emp.loc[zero, "onsite_days_per_week_baseline"]
    ).all()


def test_add_teleworkability_needs_the_code_column(soc):
    with pytest.raises(ValueError, match="occupation_soc"):
        add_teleworkability(demo_workforce(20, seed=1), soc)


def test_share_by_unit_with_small_group_suppression():
    staff = pd.DataFrame(
        {
            "unit": ["A"] * 6 + ["B"] * 3 + ["C"] * 5,
            "teleworkable": [1, 1, 0.8, 0.2, 0.0, np.nan, 1, 1, 1, 0.5, 0.49, 0.5, 0.0, 0.0],
        }
    )
    out = teleworkable_share_by(staff, "unit", exact=True)
    assert out.loc["A", "teleworkable_share"] == pytest.approx(3 / 5)  # unknown excluded
    assert out.loc["A", "known"] == 5 and out.loc["A", "employees"] == 6
    # B (3) is withheld with C (else C = total - A - B): one unnamed pooled row
    assert "B" not in out.index and "C" not in out.index
    pool = out.loc["Other (2 groups pooled)"]
    assert pool["suppressed"] and pool["employees"] == 8
    assert pool["teleworkable_share"] == pytest.approx(5 / 8)  # threshold inclusive
    assert (
        teleworkable_share_by(staff, "unit", min_group_size=3, exact=True).loc["B", "employees"]
        == 3
    )


def test_share_by_is_published_with_cell_key_noise_within_the_method_bound():
    """Issue 25: the shares and means were exact (suppression only); now each row is a
    published cell: the index total and the counts are off by at most 2 (k - 1), the same
    call gives the same numbers, and the exact view stays for the analyst."""
    rng = np.random.default_rng(7)
    n = 400
    staff = pd.DataFrame(
        {
            "employee_id": [f"E{i}" for i in range(n)],
            "unit": rng.choice(list("ABCDEFGH"), n),
            "teleworkable": np.where(rng.random(n) < 0.05, np.nan, rng.random(n)),
        }
    )
    k = 5
    exact = teleworkable_share_by(staff, "unit", exact=True)
    pub = teleworkable_share_by(staff, "unit")
    pd.testing.assert_frame_equal(pub, teleworkable_share_by(staff, "unit"))
    assert pub.index.tolist() == exact.index.tolist()
    tot_e = exact["mean_teleworkable"] * exact["known"]
    tot_p = pub["mean_teleworkable"] * pub["known"]
    assert (abs(tot_p - tot_e) <= 2 * (k - 1) + 1e-9).all()
    assert (abs(pub["known"] - exact["known"]) <= 2 * (k - 1)).all()
    assert (abs(pub["employees"] - exact["employees"]) <= 2).all()
    assert not np.allclose(pub["mean_teleworkable"], exact["mean_teleworkable"])
    assert pub["teleworkable_share"].between(0, 1).all()
    # a group in which only 1 to k - 1 people are teleworkable shows no count of them
    staff.loc[staff["unit"] == "A", "teleworkable"] = 0.0
    staff.loc[staff.index[staff["unit"] == "A"][:2], "teleworkable"] = 0.9
    row = teleworkable_share_by(staff, "unit").loc["A"]
    assert np.isnan(row["teleworkable_employees"]) and np.isnan(row["teleworkable_share"])


def test_share_by_unit_of_the_demo(jrc):
    wf, _ = add_teleworkability(demo_workforce(2000, seed=0), jrc, overwrite=True)
    out = teleworkable_share_by(wf, "unit")
    shown = out.loc[~out["suppressed"]]
    assert shown["teleworkable_share"].between(0, 1).all()
    assert (out.loc[out["suppressed"], "employees"] >= 5).all()
    assert out["employees"].sum() == wf.n_employees
    # software developers' and economists' units can work from home, care homes cannot
    assert shown["teleworkable_share"].max() > 0.9
    assert shown.loc["Plejecenter Bakkegården", "teleworkable_share"] < 0.1
