"""Pinned results of small reads: what a 3-row staff file and a 2-row sites file read to.

The reader was made faster by doing fewer pandas operations per column (issue 22); these
tests pin its results to the last value, dtype, note and message, so that a later change in
how it computes cannot change what it returns unnoticed.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc import StaffingError
from remotecalc.inputs.readers import parse_numbers
from remotecalc.inputs.vocab import MODES

STAFF = (
    "employee_id,site_id,mode,fte,onsite_days_per_week,one_way_km,commute_minutes_one_way,"
    "teleworkable,department\n"
    "E1,RAAD,car,1,5,22.5,30,0.5,Økonomi\n"
    "E2,RAAD,bicycle,0.8,4,3.5,15,1,Økonomi\n"
    "E3,JOB,train,1,3,40,50,0.2,Jobcenter\n"
)
SITES = (
    "site_id,site_name,lat,lon,area_m2,desks\n"
    "RAAD,Rådhuset,55.6415,12.0803,4000,300\n"
    "JOB,Jobcenter,55.6390,12.0870,1500,110\n"
)


def _write(tmp_path, staff: str = STAFF, sites: str = SITES):
    sp, tp = tmp_path / "staff.csv", tmp_path / "sites.csv"
    sp.write_text(staff, encoding="utf-8")
    tp.write_text(sites, encoding="utf-8")
    return sp, tp


def _text(values) -> pd.Series:
    return pd.Series(values, dtype="string")


def test_three_row_read_is_pinned(tmp_path):
    sp, tp = _write(tmp_path)
    wf = rc.read_staffing(sp, sites=tp)
    staff = pd.DataFrame(
        {
            "source_row": np.array([2, 3, 4]),
            "employee_id": _text(["E1", "E2", "E3"]),
            "site_id": _text(["RAAD", "RAAD", "JOB"]),
            "mode": pd.Categorical(["car", "bicycle", "train"], categories=list(MODES)),
            "fte": [1.0, 0.8, 1.0],
            "onsite_days_per_week": [5.0, 4.0, 3.0],
            "one_way_km": [22.5, 3.5, 40.0],
            "commute_minutes_one_way": [30.0, 15.0, 50.0],
            "teleworkable": [0.5, 1.0, 0.2],
            "teleworkable_source": _text(["column"] * 3),
            "home_lat": [np.nan] * 3,
            "home_lon": [np.nan] * 3,
            "home_location_source": _text(["one_way_km"] * 3),
            "department": _text(["Økonomi", "Økonomi", "Jobcenter"]),
        }
    )
    pd.testing.assert_frame_equal(wf.staff, staff, check_exact=True)
    sites = pd.DataFrame(
        {
            "source_row": np.array([2, 3]),
            "site_id": _text(["RAAD", "JOB"]),
            "site_name": _text(["Rådhuset", "Jobcenter"]),
            "lat": [55.6415, 55.6390],
            "lon": [12.0803, 12.0870],
            "area_m2": [4000.0, 1500.0],
            "desks": [300.0, 110.0],
        }
    )
    pd.testing.assert_frame_equal(wf.sites, sites, check_exact=True)
    rent_note = (
        "defaults applied to sites: the parameter set's rent per m² for 2 site(s) without "
        "one (Rådhuset, Jobcenter)"
    )
    assert wf.sites.attrs["notes"] == [rent_note]
    assert wf.sites.attrs["provenance"] == {
        "file": "sites.csv",
        "sha256": hashlib.sha256(tp.read_bytes()).hexdigest(),
        "format": "csv",
        "rows_read": 2,
    }
    assert wf.notes == [rent_note, "teleworkable share as given in the file for 3 employee(s)"]
    prov = dict(wf.provenance)
    assert prov.pop("read_at")
    assert prov == {
        "file": "staff.csv",
        "sha256": hashlib.sha256(sp.read_bytes()).hexdigest(),
        "format": "csv",
        "encoding": "utf-8",
        "separator": ",",
        "rows_read": 3,
        "rows_used": 3,
        "rows_excluded": 0,
        "blank_lines_skipped": 0,
        "column_map": {c: c for c in STAFF.split("\n")[0].split(",")},
        "strict": True,
        "country": "DK",
        "sites_file": "sites.csv",
        "sites_sha256": hashlib.sha256(tp.read_bytes()).hexdigest(),
    }
    assert wf.excluded.empty and wf.problems.empty
    assert wf.excluded.dtypes.astype(str).to_dict() == {
        "source_row": "int64",
        "employee_id": "string",
        "reason": "string",
    }
    assert list(wf.problems.columns) == ["file", "row", "column", "value", "problem"]
    assert wf.problems["row"].dtype == np.int64


def test_blank_words_and_exclusions_are_pinned(tmp_path):
    """NA words become blanks; a bad row is excluded with its reasons, in file order."""
    staff = STAFF.replace("E2,RAAD,bicycle,0.8", "E2,RAAD,cykel,x").replace("Jobcenter\n", "N/A \n")
    staff = staff.replace("E3,JOB,train,1,3,40", "E3,JOB,train,1,7,40")
    sp, tp = _write(tmp_path, staff=staff)
    with pytest.raises(StaffingError) as err:
        rc.read_staffing(sp, sites=tp)
    assert str(err.value).splitlines()[1:3] == [
        "  - row 3, column 'fte': found 'x'; not a number; expected a number",
        "  - row 4, column 'onsite_days_per_week': found '7'; "
        "expected on-site days per week from 0 to 5",
    ]
    wf = rc.read_staffing(sp, sites=tp, strict=False)
    assert wf.staff["employee_id"].tolist() == ["E1"]
    assert wf.excluded["source_row"].tolist() == [3, 4]
    assert wf.excluded["reason"].tolist() == [
        "column 'fte': not a number; expected a number",
        "column 'onsite_days_per_week': expected on-site days per week from 0 to 5",
    ]
    # the excluded rows as read, 'N/A ' included; read as a blank among the used rows
    assert wf.excluded["department"].tolist() == ["Økonomi", "N/A "]
    assert wf.problems["column"].tolist() == ["fte", "onsite_days_per_week"]
    staff_na = STAFF.replace("Jobcenter\n", "N/A \n")
    sp, tp = _write(tmp_path, staff=staff_na)
    dept = rc.read_staffing(sp, sites=tp).staff["department"]
    assert dept.dtype == "string" and dept.isna().tolist() == [False, False, True]


def test_numbers_read_whole_have_blank_problems():
    """A column that was numbers already: its problems are a column of blanks (text)."""
    values, problem = parse_numbers(pd.Series([1.0, np.inf, 0.5], index=[5, 6, 7]))
    assert values.tolist()[::2] == [1.0, 0.5] and np.isnan(values[6])
    assert problem.dtype == "string"
    assert problem.isna().tolist() == [True, False, True]
    values, problem = parse_numbers(pd.Series([1.0, 2.0], index=[5, 6]))
    assert problem.dtype == "string" and problem.isna().all()
    assert problem.index.tolist() == [5, 6]
