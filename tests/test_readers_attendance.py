"""Readers of attendance evidence (remotecalc.inputs.attendance): occupancy and badge logs."""

from __future__ import annotations

import pandas as pd
import pytest

from remotecalc import StaffingError
from remotecalc import estimation as est
from remotecalc.inputs.attendance import daily_counts, read_badge_events, read_occupancy


def test_still_importable_from_estimation():
    assert est.read_occupancy is read_occupancy and est.read_badge_events is read_badge_events
    assert est.daily_counts is daily_counts


def test_read_occupancy_danish_csv(tmp_path):
    path = tmp_path / "belægning.csv"
    path.write_bytes(
        "Dato;Lokation;Antal\n02-01-2024;Rådhus;1.234\n03.01.2024;Rådhus;98\n"
        "2024-01-04;Jobcenter;12\n".encode("cp1252")
    )
    out = read_occupancy(path)
    assert out["count"].tolist() == [12, 1234, 98]  # sorted by site; '.' = thousands in DK
    assert out["site_id"].tolist() == ["Jobcenter", "Rådhus", "Rådhus"]
    assert out["date"].dt.day.tolist() == [4, 2, 3]
    assert out["source_row"].tolist() == [4, 2, 3]  # rows as numbered in the file


def test_read_occupancy_xlsx_and_column_map(tmp_path):
    path = tmp_path / "occ.xlsx"
    pd.DataFrame(
        {"Dag": pd.to_datetime(["2024-01-02", "2024-01-03"]), "Belægning kl. 10": [40, 41]}
    ).to_excel(path, index=False)
    out = read_occupancy(path, column_map={"Belægning kl. 10": "count"}, site_id="RAAD")
    assert out["count"].tolist() == [40, 41]
    assert (out["site_id"] == "RAAD").all()


def test_read_occupancy_reports_every_bad_row(tmp_path):
    path = tmp_path / "occ.csv"
    path.write_text(
        "date,site_id,count\n2024-01-02,A,10\n2024-13-45,A,10\n2024-01-03,A,-1\n"
        "2024-01-04,A,2.5\n2024-01-05,,3\n2024-01-02,A,11\n",
        encoding="utf-8",
    )
    with pytest.raises(StaffingError) as err:
        read_occupancy(path)
    text = str(err.value)
    assert "occ.csv" in text and "row 3, column 'date': found '2024-13-45'" in text
    assert "row 4, column 'count': found '-1'" in text
    assert "row 5, column 'count': found '2.5'" in text and "whole number" in text
    assert "row 6, column 'site_id': found blank" in text
    problems = err.value.problems
    assert set(problems["row"]) == {2, 3, 4, 5, 6, 7}  # rows 2 and 7: same site and date
    assert set(problems.columns) == {"file", "row", "column", "value", "problem"}


def test_read_occupancy_missing_column_names_what_was_found():
    with pytest.raises(StaffingError, match=r"no column for 'count'.*found columns 'date'"):
        read_occupancy(pd.DataFrame({"date": ["2024-01-02"], "x": [1]}))


def test_read_badge_events_counts_distinct_people_and_fills_weekdays():
    events = pd.DataFrame(
        {
            "employee_id": ["a", "a", "b", "c", "a"],
            "timestamp": [
                "2024-01-05 08:00",
                "2024-01-05 16:00",
                "2024-01-05 09:00",
                "2024-01-09 08:30",
                "2024-01-09 08:31",
            ],
            "site_id": ["S", "S", "S", "S", "S"],
        }
    )
    out = read_badge_events(events)
    assert out["date"].dt.strftime("%m-%d").tolist() == ["01-05", "01-08", "01-09"]
    assert out["count"].tolist() == [2, 0, 2]  # Monday 8th had nobody; weekend not filled
    assert out["events"].tolist() == [3, 0, 2]
    assert read_badge_events(events, fill_missing_days=False)["count"].tolist() == [2, 2]


def test_read_badge_events_converts_utc_time_stamps_to_local_dates():
    events = pd.DataFrame(
        {"medarbejdernr": ["1", "2"], "tidspunkt": ["2024-01-01T23:30:00Z", "01-01-2024 23:30"]}
    )
    out = read_badge_events(events, fill_missing_days=False)
    # 23:30 UTC is 00:30 on the 2nd in Copenhagen; the local time stamp stays on the 1st
    assert out["date"].dt.day.tolist() == [1, 2] and out["count"].tolist() == [1, 1]


def test_read_badge_events_bad_rows():
    events = pd.DataFrame(
        {
            "employee_id": ["1", "", "3"],
            "timestamp": ["2024-01-02 08:00", "2024-01-02 08:00", "yesterday"],
        }
    )
    with pytest.raises(StaffingError) as err:
        read_badge_events(events)
    assert "row 2, column 'employee_id': found blank" in str(err.value)
    assert "row 3, column 'timestamp': found 'yesterday'" in str(err.value)
