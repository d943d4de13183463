"""Pinned results of the second reader speed-up (issue 22): range checks, codes, lookup tables.

The reader now gives pandera only the columns that a one-pass range test cannot clear,
normalises postcodes, municipality and occupation codes with Arrow's kernels on ASCII text,
builds the mode categorical from codes and remembers a lookup CSV by its content. These
tests pin what those paths return, so that they stay the same as pandas' and pandera's own.
"""

from __future__ import annotations

import pandas as pd
import pytest

import remotecalc as rc
from remotecalc import StaffingError
from remotecalc.inputs.geography import LocationTable, pad_municipality_codes
from remotecalc.inputs.vocab import MODES

STAFF = (
    "employee_id,site_id,mode,fte,onsite_days_per_week,one_way_km,occupation_isco08\n"
    "E1,RAAD,car,1,5,22.5,2411.10\n"
    "E2,RAAD,bil,0.8,4,3.5,5322 10\n"
    "E3,JOB,train,1,3,40,24-11.0\n"
)
SITES = (
    "site_id,site_name,lat,lon,area_m2,desks,rent_per_m2_per_year\n"
    "RAAD,Rådhuset,55.6415,12.0803,4000,300,1200\n"
    "JOB,,55.6390,12.0870,,110,\n"
)


def _write(tmp_path, staff: str = STAFF, sites: str = SITES):
    sp, tp = tmp_path / "staff.csv", tmp_path / "sites.csv"
    sp.write_text(staff, encoding="utf-8")
    tp.write_text(sites, encoding="utf-8")
    return sp, tp


def test_codes_modes_and_site_notes_are_pinned(tmp_path):
    sp, tp = _write(tmp_path)
    wf = rc.read_staffing(sp, sites=tp)
    assert wf.staff["occupation_isco08"].tolist() == ["241110", "532210", "2411"]
    assert wf.staff["occupation_isco08"].dtype == pd.StringDtype()
    assert wf.staff["mode"].tolist() == ["car", "car", "train"]
    assert wf.staff["mode"].dtype == pd.CategoricalDtype(list(MODES))
    assert wf.staff["mode"].cat.codes.tolist() == [
        list(MODES).index(m) for m in ("car", "car", "train")
    ]
    # a site without a name is listed by its id
    defaults = [n.render("en") for n in wf.notes if "defaults applied to sites" in n.render("en")]
    assert len(defaults) == 1
    assert "rent per m² for 1 site(s) without one (JOB)" in defaults[0]


def test_out_of_range_values_still_reach_pandera(tmp_path):
    staff = STAFF.replace("E1,RAAD,car,1,5,22.5", "E1,RAAD,car,1.5,5,522.5").replace(
        "E3,JOB,train,1,3,40", "E3,JOB,train,1,6,40"
    )
    sites = SITES.replace("55.6415,12.0803,4000", "55.6415,12.0803,-4")
    sp, tp = _write(tmp_path, staff, sites)
    with pytest.raises(StaffingError) as err:
        rc.read_sites(tp)
    assert err.value.problems[["row", "column", "problem"]].values.tolist() == [
        [2, "area_m2", "expected a floor area from 0 to 10,000,000 m²"]
    ]
    with pytest.raises(StaffingError) as err:
        rc.read_staffing(sp, sites=_ok_sites(tmp_path))
    assert err.value.problems[["row", "column", "problem"]].values.tolist() == [
        [
            2,
            "fte",
            "above 1 in a column of fractions of full time; expected a share above 0 and at "
            "most 1 (e.g. 0.8); a column of percentages or weekly hours is read as such only "
            "when most of its values are",
        ],
        [2, "one_way_km", "expected a one-way distance from 0 to 500 km"],
        [4, "onsite_days_per_week", "expected on-site days per week from 0 to 5"],
    ]


def _ok_sites(tmp_path):
    path = tmp_path / "ok_sites.csv"
    path.write_text(SITES, encoding="utf-8")
    return path


def test_blank_in_a_required_number_column_is_told_once(tmp_path):
    staff = STAFF.replace("E2,RAAD,bil,0.8,4,", "E2,RAAD,bil,0.8,,")
    sp, tp = _write(tmp_path, staff)
    with pytest.raises(StaffingError) as err:
        rc.read_staffing(sp, sites=tp)
    assert err.value.problems[["row", "column", "problem"]].values.tolist() == [
        [3, "onsite_days_per_week", "blank; expected a value"]
    ]


@pytest.mark.parametrize(
    ("codes", "padded"),
    [
        (
            ["101", " 265 ", "101.0", "1 5 9", "x1", None, "", "12345"],
            ["0101", "0265", "0101", "0159", "X1", None, "", "12345"],
        ),
        # a vertical tab is a space; non-ASCII text is padded as pandas does (Python's \d
        # and zfill: Arabic-Indic digits are digits)
        (["1\x0b01", "Ø1", "٢٦٥"], ["0101", "Ø1", "0٢٦٥"]),
        ([101, 265], ["0101", "0265"]),
    ],
)
def test_municipality_codes_padded(codes, padded):
    out = pad_municipality_codes(pd.Series(codes))
    assert out.dtype == pd.StringDtype()
    assert [None if pd.isna(v) else v for v in out.tolist()] == padded


def test_lookup_csv_remembered_by_content(tmp_path):
    path = tmp_path / "postcodes.csv"
    path.write_text("postnr,lat,lon\n4000,55.64,12.08\n1000-1499,55.68,12.57\n", encoding="utf-8")
    first = LocationTable.from_csv(path)
    first.codes.loc[0, "lat"] = -1.0  # a caller's change does not reach the next read
    again = LocationTable.from_csv(path)
    assert again.lookup(["4000", "1050", "9999"])["lat"].tolist()[:2] == [55.64, 55.68]
    pd.testing.assert_frame_equal(
        again.codes, LocationTable.from_frame(pd.read_csv(path, dtype=str)).codes
    )
    path.write_text("postnr,lat,lon\n4000,55.65,12.08\n1000-1499,55.68,12.57\n", encoding="utf-8")
    assert LocationTable.from_csv(path).lookup(["4000"])["lat"].tolist() == [55.65]
    assert LocationTable.from_csv(path).source == "postcodes.csv"
