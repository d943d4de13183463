"""Issue 25, item 4: the readers' remaining gaps, each a clear message instead of a traceback
or a silent misread: date windows of trips and badge logs, OD distances below the straight
line, column-map conflicts, absurdly nested parameter files, ambiguous decimal marks."""

from __future__ import annotations

import pandas as pd
import pytest

import remotecalc as rc
from remotecalc import ParameterError, StaffingError
from remotecalc.inputs import attendance, readers
from remotecalc.inputs.parameters import MAX_KEY_DEPTH
from remotecalc.inputs.trips import read_work_trips

TRIPS = "Medarbejdernr;Dato;Km;Formål\n" + "\n".join(
    f"{e};{d}-03-2025;{k};Møde"
    for e, d, k in [("1", "03", "42"), ("2", "10", "18"), ("1", "17", "25")]
)


def test_a_mistyped_trip_year_is_refused_naming_its_row(tmp_path):
    p = tmp_path / "trips.csv"
    p.write_text(TRIPS + "\n2;24-03-2205;30;Møde\n", encoding="utf-8")
    with pytest.raises(StaffingError, match=r"row 5.*'24-03-2205'.*outside the plausible dates"):
        read_work_trips(p)
    trips = read_work_trips(p, strict=False)
    assert trips.excluded["source_row"].tolist() == [5]
    assert "outside the plausible dates" in trips.excluded.loc[0, "reason"]
    # the claim period is the three good trips' month, not 180 years
    assert trips.provenance["period_start"] == "2025-03-01"
    assert trips.provenance["period_end"] == "2025-03-31"
    p.write_text(TRIPS + "\n2;24-03-1925;30;Møde\n", encoding="utf-8")
    assert read_work_trips(p, strict=False).excluded["source_row"].tolist() == [5]
    p.write_text(TRIPS + "\n2;24-03-2024;30;Møde\n", encoding="utf-8")  # a year earlier: fine
    assert read_work_trips(p).n_trips == 4


def test_the_date_window_by_hand():
    d = pd.Series(pd.to_datetime(["2024-01-01", "2025-01-01", "2025-06-01", "2205-01-01"]))
    lo, hi = attendance.plausible_date_window(d, today=pd.Timestamp("2025-12-01"))
    assert (lo, hi) == (pd.Timestamp("2022-06-01"), pd.Timestamp("2026-12-02"))


def test_a_badge_event_dated_2205_is_an_error_not_46968_empty_days():
    ev = pd.DataFrame(
        {
            "Medarbejdernr": ["17", "23", "17", "23"],
            "Tidspunkt": [
                "02-01-2025 08:02",
                "02-01-2025 08:10",
                "03-01-2025 08:00",
                "03-01-2205 08:00",
            ],
        }
    )
    with pytest.raises(
        StaffingError, match=r"row 4, column 'timestamp'.*'03-01-2205 08:00'; outside the plausible"
    ):
        attendance.read_badge_events(ev)
    assert len(attendance.read_badge_events(ev.iloc[:3])) == 2


def test_occupancy_counts_dated_far_away_are_refused():
    occ = pd.DataFrame({"dato": ["2025-01-02", "2025-01-03", "2205-01-03"], "antal": [10, 12, 9]})
    with pytest.raises(
        StaffingError, match=r"row 3, column 'date'.*'2205-01-03'; outside the plausible"
    ):
        attendance.read_occupancy(occ)


def test_od_distances_below_the_straight_line_are_named():
    sites = rc.read_sites(pd.DataFrame({"site_id": ["A"], "postnr": ["8000"]}))
    # 1050 København K -> Aarhus: about 156 km as the crow flies; 15.6 km is not a road
    od = readers.read_od(
        pd.DataFrame(
            {
                "postnr": ["1050", "8200", "7100"],
                "arbejdssted": ["A", "A", "A"],
                "afstand_km": ["15,6", "9", "75"],
            }
        ),
        sites=sites,
    )
    note = next(n for n in od.attrs["notes"] if getattr(n, "kind", "") == "od_below_straight_line")
    assert note.values["n"] == 1 and note.values["rows"] == "1"  # the DataFrame's first row
    staff = pd.DataFrame({"id": ["1"], "site": ["A"], "mode": ["bil"], "postnr": ["1050"]})
    wf = rc.read_staffing(staff, sites=sites, od=od)
    assert any(getattr(n, "kind", "") == "od_below_straight_line" for n in wf.notes)


STAFF = pd.DataFrame(
    {
        "Medarbejdernr": ["1", "2"],
        "Arbejdssted": ["A", "A"],
        "Transportmiddel": ["bil", "tog"],
        "Km": ["3", "12"],
        "Afstand": ["4", "13"],
    }
)


def test_a_column_map_sending_two_columns_to_one_field_is_a_clear_error():
    with pytest.raises(StaffingError, match=r"column_map sends 2 columns \('Km', 'Afstand'\) to"):
        rc.read_staffing(STAFF, column_map={"Km": "one_way_km", "Afstand": "one_way_km"})


def test_a_column_map_onto_an_existing_column_is_a_clear_error():
    with pytest.raises(StaffingError, match="the file already has a column named 'Afstand'"):
        rc.read_staffing(STAFF, column_map={"Km": "Afstand"})
    with pytest.raises(StaffingError, match="expected a column name"):
        rc.read_staffing(STAFF, column_map={"Km": 3})
    # renaming the existing column away as well is fine
    wf = rc.read_staffing(STAFF, column_map={"Km": "Afstand", "Afstand": "one_way_km"})
    assert wf.staff["one_way_km"].tolist() == [4.0, 13.0]
    assert wf.staff["Afstand"].tolist() == ["3", "12"]


def test_a_column_map_conflict_in_the_sites_and_od_readers_is_clear_too():
    sites = pd.DataFrame({"id": ["A"], "lat": ["55.6"], "lon": ["12.1"], "bredde": ["55.7"]})
    with pytest.raises(StaffingError, match="column_map sends 2 columns"):
        rc.read_sites(sites, column_map={"lat": "lat", "bredde": "lat"})


def test_a_parameter_file_nested_2000_levels_is_a_clear_error(tmp_path):
    base = rc.load_parameters("dk-2025")
    text = (tmp_path / "x").parent.joinpath("base.toml")
    src = base.to_toml() if hasattr(base, "to_toml") else None
    if src is None:
        from importlib import resources

        src = (
            resources.files("remotecalc.data")
            .joinpath("parameters/dk-2025.toml")
            .read_text(encoding="utf-8")
        )
    text.write_text(src + "\n[" + ".".join(["x"] * 2000) + "]\nvalue = 1\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=f"nested more than {MAX_KEY_DEPTH} levels"):
        rc.load_parameters(text)
    text.write_text(src + "\ny = " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="nested too deeply to read"):
        rc.load_parameters(text)


def test_ambiguous_decimal_marks_are_flagged(tmp_path):
    p = tmp_path / "staff.csv"
    p.write_text(
        "Medarbejdernr;Arbejdssted;Transportmiddel;Afstand\n"
        "1;A;bil;12.5\n2;A;bil;1.234\n3;A;bil;10.200\n4;A;bil;7.25\n",
        encoding="utf-8",
    )
    wf = rc.read_staffing(p)
    assert wf.staff["one_way_km"].tolist() == [12.5, 1.234, 10.2, 7.25]
    note = next(n for n in wf.notes if getattr(n, "kind", "") == "decimal_ambiguous")
    assert note.values["rows"] == "3, 4" and note.values["n"] == 2
    assert "decimal_ambiguous" in readers.READ_FIRST_NOTES
    # a ';' file that writes decimal commas has nothing ambiguous
    p.write_text("Medarbejdernr;Arbejdssted;Transportmiddel;Afstand\n1;A;bil;12,5\n", "utf-8")
    assert not any(getattr(n, "kind", "") == "decimal_ambiguous" for n in rc.read_staffing(p).notes)


def test_thousands_grouped_cell_read_in_the_files_convention_gets_no_decimal_note(tmp_path):
    """In a ';' file with decimal commas, '12.500' is read as 12,500 (the file's own
    convention) and excluded as out of range; the note about '.' as the decimal mark (which
    was not used) must not be given."""
    p = tmp_path / "staff.csv"
    p.write_text(
        "Medarbejdernr;Arbejdssted;Transportmiddel;Afstand\n"
        "1;A;bil;12,5\n2;A;bil;12.500\n3;A;bil;7,25\n",
        encoding="utf-8",
    )
    wf = rc.read_staffing(p, strict=False)
    assert wf.staff["one_way_km"].tolist() == [12.5, 7.25]
    bad = wf.problems.set_index("row")
    assert bad.loc[3, "value"] == "12.500" and bad.loc[3, "column"] == "Afstand"
    assert not any(getattr(n, "kind", "") == "decimal_ambiguous" for n in wf.notes)
