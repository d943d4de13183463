"""Readers: real-world CSV/Excel/Parquet exports in, the same Workforce out; bad input caught.

The bad-input catalogue below holds the mistakes real HR exports contain. Each case asserts
what the error says (strict) and the reason recorded for the excluded row (lenient), and that
rows read = rows used + rows excluded.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc import StaffingError

SITES_CSV = textwrap.dedent("""\
    site_id,site_name,lat,lon,area_m2,desks
    RAAD,Rådhuset,55.6415,12.0803,4000,300
    JOB,Jobcenter,55.6390,12.0870,1500,110
    """)

CLEAN_CSV = textwrap.dedent("""\
    employee_id,site_id,mode,fte,onsite_days_per_week,one_way_km,home_lat,home_lon,home_postcode,department
    E1,RAAD,car,1,5,22.5,,,,Økonomi
    E2,RAAD,bicycle,0.8,4,,55.65,12.10,,Økonomi
    E3,JOB,train,1,5,,,,1050,Jobcenter
    E4,JOB,car_ev,0.5,3,,,,4000,Jobcenter
    E5,RAAD,walk,1,5,1.2,,,,Økonomi
    """)

# The same five people as a Danish Excel export: ';', decimal comma, cp1252, Danish names.
DANISH_CSV = textwrap.dedent("""\
    Medarbejdernr;Arbejdssted;Transportmiddel;Beskæftigelsesgrad;Fremmødedage;Afstand_km;bopæl_lat;bopæl_lon;Postnr;Afdeling
    E1;RAAD;Bil;1;5;22,5;;;;Økonomi
    E2;RAAD;Cykel;0,8;4;;55,65;12,10;;Økonomi
    E3;JOB;S-tog;1;5;;;;1050;Jobcenter
    E4;JOB;Elbil;0,5;3;;;;4000;Jobcenter
    E5;RAAD;Gang;1;5;1,2;;;;Økonomi


    """)


@pytest.fixture
def sites_path(tmp_path):
    p = tmp_path / "sites.csv"
    p.write_text(SITES_CSV, encoding="utf-8")
    return p


@pytest.fixture
def clean_path(tmp_path):
    p = tmp_path / "staff.csv"
    p.write_text(CLEAN_CSV, encoding="utf-8")
    return p


def _read(tmp_path, text, sites_path, encoding="utf-8", name="staff.csv", **kw):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return rc.read_staffing(p, sites=sites_path, **kw)


def _canonical(wf):
    cols = [
        "employee_id",
        "site_id",
        "mode",
        "fte",
        "onsite_days_per_week",
        "one_way_km",
        "home_lat",
        "home_lon",
        "home_postcode",
        "home_location_source",
    ]
    return wf.staff[cols].reset_index(drop=True)


# ------------------------------------------------------------------ good inputs


def test_clean_csv_reads_and_accounts(clean_path, sites_path, dk_postcodes):
    wf = rc.read_staffing(clean_path, sites=sites_path, postcodes=dk_postcodes)
    assert wf.n_employees == 5
    assert wf.provenance["rows_read"] == 5 and wf.provenance["rows_excluded"] == 0
    assert len(wf.provenance["sha256"]) == 64
    assert list(wf.staff["home_location_source"]) == [
        "one_way_km",
        "coordinates",
        "postcode",
        "postcode",
        "one_way_km",
    ]
    # 1050 lies in the range postcode 1000-1499 (København K), inside point from the table
    e3 = wf.staff.set_index("employee_id").loc["E3"]
    assert e3["home_lat"] == pytest.approx(55.68027) and e3["home_lon"] == pytest.approx(12.57847)
    assert "department" in wf.staff.columns  # organisational columns are kept


def test_danish_export_equals_clean_twin(tmp_path, clean_path, sites_path, dk_postcodes):
    clean = rc.read_staffing(clean_path, sites=sites_path, postcodes=dk_postcodes)
    danish = _read(
        tmp_path, DANISH_CSV, sites_path, encoding="cp1252", name="dk.csv", postcodes=dk_postcodes
    )
    assert danish.provenance["encoding"] == "cp1252" and danish.provenance["separator"] == ";"
    pd.testing.assert_frame_equal(_canonical(clean), _canonical(danish))
    assert list(danish.staff["department"]) == list(clean.staff["department"])  # Afdeling
    assert danish.provenance["blank_lines_skipped"] == 2  # trailing blank lines not rows


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_keep_danish_letters(tmp_path, sites_path, encoding):
    text = CLEAN_CSV.replace("Økonomi", "Ældre og Sundhed, Å")
    text = text.replace("Ældre og Sundhed, Å", '"Ældre og Sundhed, Å"')  # quoted with comma
    wf = _read(tmp_path, text, sites_path, encoding=encoding, postcodes=None, strict=False)
    assert "Ældre og Sundhed, Å" in set(wf.staff["department"])


def test_excel_and_parquet_and_dataframe_agree(tmp_path, clean_path, sites_path, dk_postcodes):
    clean = rc.read_staffing(clean_path, sites=sites_path, postcodes=dk_postcodes)
    df = pd.read_csv(clean_path, dtype=str, keep_default_na=False)
    xl = tmp_path / "staff.xlsx"
    with pd.ExcelWriter(xl) as w:
        pd.DataFrame({"note": ["cover sheet"]}).to_excel(w, sheet_name="Forside", index=False)
        df.to_excel(w, sheet_name="Medarbejdere", index=False)
    pq = tmp_path / "staff.parquet"
    df.to_parquet(pq)
    for src, kw in ((xl, {"sheet": "Medarbejdere"}), (pq, {}), (df, {})):
        wf = rc.read_staffing(src, sites=sites_path, postcodes=dk_postcodes, **kw)
        pd.testing.assert_frame_equal(_canonical(wf), _canonical(clean))


def test_column_map_wins(tmp_path, sites_path):
    text = CLEAN_CSV.replace("one_way_km", "Km til arbejde")
    wf = _read(
        tmp_path,
        text.replace(",,,,", ",,,,"),
        sites_path,
        strict=False,
        column_map={"Km til arbejde": "one_way_km"},
    )
    assert wf.staff.set_index("employee_id").loc["E1", "one_way_km"] == 22.5


def test_municipality_codes_resolve_with_padding(tmp_path, sites_path, dk_municipalities):
    text = "employee_id,site_id,mode,kommunekode\nA,RAAD,car,101\nB,RAAD,car,0265\n"
    wf = _read(tmp_path, text, sites_path, municipalities=dk_municipalities)
    assert wf.staff["home_location_source"].eq("municipality").all()
    gc = wf.great_circle_km()
    assert 25 < gc[0] < 40 and gc[1] < 5  # København -> Roskilde; Roskilde -> Roskilde
    assert any("fte" in n for n in wf.notes)  # defaults are recorded, never silent


# ------------------------------------------------------------------ bad inputs (catalogue)

BAD_CASES = {
    # name: (replace this, with that, column, words in the message)
    "unknown mode": ("E1,RAAD,car,", "E1,RAAD,hovercraft,", "mode", "unknown mode"),
    "misspelt mode suggests": (
        "E1,RAAD,car,",
        "E1,RAAD,bicycel,",
        "mode",
        "did you mean 'bicycle'",
    ),
    "blank mode": ("E1,RAAD,car,", "E1,RAAD,,", "mode", "blank"),
    "negative distance": (",22.5,", ",-22.5,", "one_way_km", "from 0 to 500"),
    "blank distance, no other location": (",22.5,", ",,", "one_way_km", "no other home location"),
    "text in distance": (",22.5,", ",twenty,", "one_way_km", "not a number"),
    "fte zero": ("E1,RAAD,car,1,", "E1,RAAD,car,0,", "fte", "above 0"),
    "fte above one": ("E1,RAAD,car,1,", "E1,RAAD,car,1.5,", "fte", "at most 1"),
    "fte as percent": ("E1,RAAD,car,1,", "E1,RAAD,car,80,", "fte", "percentage"),
    "fte blank": ("E1,RAAD,car,1,", "E1,RAAD,car,,", "fte", "blank"),
    "onsite days above five": (
        "E1,RAAD,car,1,5,",
        "E1,RAAD,car,1,6,",
        "onsite_days_per_week",
        "from 0 to 5",
    ),
    "duplicate id": (
        "E5,RAAD",
        "E1,RAAD",
        "employee_id",
        "duplicate employee_id; first seen in row 2",
    ),
    "blank id": ("E1,RAAD", ",RAAD", "employee_id", "blank"),
    "unknown site": ("E1,RAAD,", "E1,TOWNHALL,", "site_id", "unknown site"),
    "blank site": ("E1,RAAD,", "E1,,", "site_id", "blank"),
    "lat/lon swapped": ("55.65,12.10", "12.10,55.65", "home_lat", "swapped"),
    "coordinates far away": ("55.65,12.10", "40.71,-74.00", "home_lat", "far outside DK"),
    "only latitude": ("55.65,12.10", "55.65,", "home_lon", "expected both coordinates"),
    "unresolvable postcode": (",1050,", ",9999,", "home_postcode", "not found in the postcode"),
    "text postcode": (",1050,", ",Roskilde,", "home_postcode", "not found"),
    "text in onsite days": (
        "E1,RAAD,car,1,5,",
        "E1,RAAD,car,1,fem,",
        "onsite_days_per_week",
        "not a number",
    ),
    "latitude out of range": ("55.65,12.10", "155.65,12.10", "home_lat", "from -90 to 90"),
}


@pytest.mark.parametrize("case", list(BAD_CASES), ids=list(BAD_CASES))
def test_bad_input_catalogue(case, tmp_path, sites_path, dk_postcodes):
    old, new, column, words = BAD_CASES[case]
    assert old in CLEAN_CSV, "test case must change the file"
    text = CLEAN_CSV.replace(old, new, 1)
    with pytest.raises(StaffingError) as err:
        _read(tmp_path, text, sites_path, postcodes=dk_postcodes)
    msg = str(err.value)
    assert "staff.csv" in msg and f"column '{column}'" in msg and words in msg, msg
    assert "row " in msg
    probs = err.value.problems
    assert (probs["column"] == column).any()
    # lenient: the row is excluded with the same reason, nothing silently dropped
    wf = _read(tmp_path, text, sites_path, postcodes=dk_postcodes, strict=False)
    assert wf.provenance["rows_read"] == 5
    assert wf.provenance["rows_used"] + wf.provenance["rows_excluded"] == 5
    assert len(wf.excluded) >= 1
    assert wf.excluded["reason"].str.contains(words, regex=False).any()
    assert len(wf.staff) + len(wf.excluded) == 5


def test_error_names_the_row_as_numbered_in_the_file(tmp_path, sites_path):
    text = CLEAN_CSV.replace("E4,JOB,car_ev,0.5,", "E4,JOB,car_ev,1.5,")
    with pytest.raises(StaffingError, match=r"row 5, column 'fte': found '1.5'"):
        _read(tmp_path, text, sites_path, postcodes=None, strict=True)


def test_danish_error_names_the_danish_column(tmp_path, sites_path, dk_postcodes):
    text = DANISH_CSV.replace("E2;RAAD;Cykel;0,8", "E2;RAAD;Cykel;1,8")
    with pytest.raises(StaffingError, match=r"row 3, column 'Beskæftigelsesgrad': found '1[.,]8'"):
        _read(tmp_path, text, sites_path, encoding="cp1252", postcodes=dk_postcodes)


def test_many_problems_are_counted_not_all_listed(tmp_path, sites_path):
    rows = "\n".join(f"X{i},RAAD,car,2,5,10" for i in range(40))
    text = "employee_id,site_id,mode,fte,onsite_days_per_week,one_way_km\n" + rows + "\n"
    with pytest.raises(StaffingError) as err:
        _read(tmp_path, text, sites_path, max_listed=5)
    assert "and 35 more problem(s)" in str(err.value)
    assert len(err.value.problems) == 40


def test_missing_column(tmp_path, sites_path):
    text = CLEAN_CSV.replace("mode,", "transport_kind,")
    with pytest.raises(StaffingError, match=r"required column 'mode' is missing"):
        _read(tmp_path, text, sites_path)


def test_missing_location_columns(tmp_path, sites_path):
    text = "employee_id,site_id,mode\nA,RAAD,car\n"
    with pytest.raises(StaffingError, match="no home location column"):
        _read(tmp_path, text, sites_path)


def test_empty_file(tmp_path, sites_path):
    with pytest.raises(StaffingError, match="empty"):
        _read(tmp_path, "", sites_path)


def test_blank_lines_only(tmp_path, sites_path):
    with pytest.raises(StaffingError, match="only blank lines"):
        _read(tmp_path, "\n\n  \n", sites_path)


def test_header_only(tmp_path, sites_path):
    with pytest.raises(StaffingError, match="header but no rows"):
        _read(tmp_path, CLEAN_CSV.splitlines()[0] + "\n", sites_path)


def test_wrong_sheet(tmp_path, clean_path, sites_path):
    df = pd.read_csv(clean_path, dtype=str)
    xl = tmp_path / "staff.xlsx"
    with pd.ExcelWriter(xl) as w:
        df.to_excel(w, sheet_name="Medarbejdere", index=False)
    with pytest.raises(
        StaffingError, match=r"no sheet named 'Medarbejder'.*Did you mean 'Medarbejdere'"
    ):
        rc.read_staffing(xl, sites=sites_path, sheet="Medarbejder")


def test_file_not_found(tmp_path):
    with pytest.raises(StaffingError, match="not found"):
        rc.read_staffing(tmp_path / "nope.csv")


def test_postcode_without_table_is_explained(tmp_path, sites_path):
    """Outside Denmark (no table shipped) a postcode needs a table; in Denmark it does not."""
    text = "employee_id,site_id,mode,postnr\nA,RAAD,car,4000\n"
    with pytest.raises(StaffingError, match="no postcode table was given; pass postcodes="):
        _read(tmp_path, text, sites_path, country=None)
    wf = _read(tmp_path, text, sites_path)  # country="DK": the shipped DAGI table
    assert wf.staff.loc[0, "home_location_source"] == "postcode"


def test_given_distance_wins_over_unresolvable_postcode(tmp_path, sites_path, dk_postcodes):
    text = "employee_id,site_id,mode,postnr,afstand_km\nA,RAAD,car,9999,12\n"
    wf = _read(tmp_path, text, sites_path, postcodes=dk_postcodes)
    assert wf.staff.loc[0, "one_way_km"] == 12 and wf.n_employees == 1


def test_ambiguous_columns(tmp_path, sites_path):
    text = "id,employee_id,site_id,mode,one_way_km\n1,A,RAAD,car,3\n"
    with pytest.raises(StaffingError, match="both look like 'employee_id'"):
        _read(tmp_path, text, sites_path)
    wf = _read(tmp_path, text, sites_path, column_map={"employee_id": "employee_id"})
    assert wf.staff.loc[0, "employee_id"] == "A"


def test_bad_site_rows_are_errors(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text(SITES_CSV + "RAAD,Dublet,55.6,12.1,10,1\nX,Nowhere,-55.6,12.1,,\n")
    with pytest.raises(StaffingError) as err:
        rc.read_sites(sites)
    msg = str(err.value)
    assert "duplicate site_id; first seen in row 2" in msg and "far outside DK" in msg


def test_lenient_accounting_with_mixed_problems(tmp_path, sites_path, dk_postcodes):
    text = (
        CLEAN_CSV.replace("E1,RAAD,car,1,", "E1,RAAD,car,7,")
        .replace(",1050,", ",9999,")
        .replace("E5,RAAD,walk", "E5,RAAD,jetpack")
    )
    wf = _read(tmp_path, text, sites_path, postcodes=dk_postcodes, strict=False)
    assert (
        wf.provenance["rows_read"],
        wf.provenance["rows_used"],
        wf.provenance["rows_excluded"],
    ) == (5, 2, 3)
    assert list(wf.excluded["source_row"]) == [2, 4, 6]
    acc = wf.accounting().set_index("item")["rows"]
    assert acc["rows read"] == acc["rows used"] + acc["rows excluded"]
    assert "rows read 5 = used 2 + excluded 3" in wf.summary()


def test_lenient_excludes_a_ragged_row_and_keeps_the_rest(tmp_path, sites_path):
    """A row with more fields than the header stops a strict read, naming the row; a lenient
    read excludes just that row with its reason and keeps the others (numbering unchanged)."""
    text = (
        "employee_id,site_id,mode,one_way_km\n"
        "E1,RAAD,car,3\n"
        "E2,RAAD,bike,5,x\n"  # row 3: one field too many
        'E3,RAAD,car,"7,5"\n'
        "E4,RAAD,car,2,1,0\n"  # row 5: two too many
        "E5,RAAD,walk,1\n"
    )
    with pytest.raises(StaffingError, match="row 3 has 5 fields"):
        _read(tmp_path, text, sites_path)
    wf = _read(tmp_path, text, sites_path, strict=False)
    assert list(wf.excluded["source_row"]) == [3, 5]
    assert list(wf.excluded["employee_id"]) == ["E2", "E4"]
    assert wf.excluded["reason"].str.contains("fields where the header").all()
    assert list(wf.staff["source_row"]) == [2, 4, 6]
    assert wf.staff.set_index("employee_id")["one_way_km"].to_dict() == {
        "E1": 3.0,
        "E3": 7.5,
        "E5": 1.0,
    }
    p = wf.provenance
    assert (p["rows_read"], p["rows_used"], p["rows_excluded"]) == (5, 3, 2)


def test_mode_synonyms_cover_danish(tmp_path, sites_path):
    modes = [
        "bil",
        "Elbil",
        "cykel",
        "elcykel",
        "tog",
        "S-tog",
        "gang",
        "bus",
        "Metro",
        "letbane",
        "knallert",
        "benzin",
        "diesel",
        "Hybridbil",
    ]
    rows = "\n".join(f"P{i},RAAD,{m},5" for i, m in enumerate(modes))
    wf = _read(tmp_path, "employee_id,site_id,mode,one_way_km\n" + rows + "\n", sites_path)
    assert list(wf.staff["mode"].astype(str)) == [
        "car",
        "car_ev",
        "bicycle",
        "ebike",
        "train",
        "train",
        "walk",
        "bus",
        "metro",
        "tram",
        "moped",
        "car_petrol",
        "car_diesel",
        "car_hybrid",
    ]


def test_great_circle_known_value(tmp_path, sites_path):
    wf = _read(
        tmp_path,
        "employee_id,site_id,mode,home_lat,home_lon\nA,RAAD,car,55.6415,"
        "12.0803\nB,RAAD,car,55.6415,12.2383\n",
        sites_path,
    )
    gc = wf.great_circle_km().to_numpy()
    # 0.158 deg of longitude at 55.6415 N: 0.158 * pi/180 * R * cos(lat) = 9.93 km
    expected = np.radians(0.158) * 6371.0088 * np.cos(np.radians(55.6415))
    assert gc[0] == 0 and gc[1] == pytest.approx(expected, rel=1e-4)
