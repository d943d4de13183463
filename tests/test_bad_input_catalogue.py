"""The bad-input catalogue: malformed staff and sites files, generated from tables.

Each case is (description, what is read, file bytes or frame, expected message fragments).
Every bad case must raise :class:`remotecalc.StaffingError` (never another exception) whose
message names the file, the row as numbered in the file, the column and the value (or the
file-level fact); in lenient mode a row-level case must account for every row (rows in =
used + excluded). Tricky but valid inputs ("good" cases) must read to the right numbers:
a silent misread is a failure. Run this module as a script for the catalogue's counts.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest

import remotecalc as rc
from remotecalc import StaffingError
from remotecalc.i18n.phrases import phrase_text

SITES = "site_id,site_name,lat,lon,area_m2,desks\nRAAD,Rådhuset,55.6415,12.0803,4000,300\n"
SITES += "JOB,Jobcenter,55.6390,12.0870,1500,110\n"

# canonical column -> (English header, Danish header, clean values of 3 rows as text)
STAFF = {
    "employee_id": ("employee_id", "Medarbejdernr", ["E1", "E2", "E3"]),
    "site_id": ("site_id", "Arbejdssted", ["RAAD", "RAAD", "JOB"]),
    "mode": ("mode", "Transportmiddel", ["car", "bicycle", "train"]),
    "fte": ("fte", "Beskæftigelsesgrad", ["1", "0.8", "1"]),
    "onsite_days_per_week": ("onsite_days_per_week", "Fremmødedage pr. uge", ["5", "4", "3"]),
    "one_way_km": ("one_way_km", "Afstand (km)", ["22.5", "3.5", "40"]),
    "commute_minutes_one_way": ("commute_minutes_one_way", "Rejsetid min", ["30", "15", "50"]),
    "teleworkable": ("teleworkable", "Hjemmearbejdsandel", ["0.5", "1", "0.2"]),
    "department": ("department", "Afdeling", ["Økonomi", "Økonomi", "Jobcenter"]),
}


def staff_text(style: str = "en", changes: dict | None = None, drop=()) -> str:
    """The clean staff file, with {(row index, canonical column): text} changed."""
    sep = "," if style == "en" else ";"
    cols = [c for c in STAFF if c not in drop]
    head = sep.join(STAFF[c][0 if style == "en" else 1] for c in cols)
    lines = [head]
    for i in range(3):
        cells = []
        for c in cols:
            v = STAFF[c][2][i]
            if style == "dk":
                v = v.replace(".", ",")
            v = (changes or {}).get((i, c), v)
            if sep in v or '"' in v:
                v = '"' + v.replace('"', '""') + '"'
            cells.append(v)
        lines.append(sep.join(cells))
    return "\n".join(lines) + "\n"


@dataclass
class Case:
    desc: str
    data: bytes | pd.DataFrame
    expect: list[str] = field(default_factory=list)  # fragments the message must hold
    name: str = "staff.csv"
    what: str = "staff"  # or "sites"
    row_level: bool = True  # lenient mode reads and excludes the row(s)
    good: dict | None = None  # valid input: {column: expected values}
    kwargs: dict = field(default_factory=dict)


def _col(style, canon):
    return STAFF[canon][0 if style == "en" else 1]


CASES: list[Case] = []

# --- 1. every numeric staff column x malformed numbers x both conventions ----------------
NUMERIC = ["fte", "onsite_days_per_week", "one_way_km", "commute_minutes_one_way", "teleworkable"]
BAD_NUMBERS = {
    "text": ("abc", "not a number"),
    "space inside digits": ("12 5", "space inside the digits"),
    "two decimal marks": ("1..5", "not a number"),
    "double sign": ("--3", "not a number"),
    "unit attached": ("3 km", "not a number"),
    "infinity": ("inf", "not a number"),
}
for style in ("en", "dk"):
    for canon in NUMERIC:
        for label, (value, words) in BAD_NUMBERS.items():
            CASES.append(
                Case(
                    f"{style} {canon}: {label}",
                    staff_text(style, {(1, canon): value}).encode(),
                    [f"row 3, column '{_col(style, canon)}'", f"'{value}'", words],
                )
            )
# out of range (read right, then refused with the range)
RANGES = {
    "fte": [("1.5", "at most 1"), ("0", "above 0"), ("80", "percentage")],
    "onsite_days_per_week": [("6", "from 0 to 5"), ("-1", "from 0 to 5")],
    "one_way_km": [("600", "from 0 to 500"), ("-3", "from 0 to 500")],
    "commute_minutes_one_way": [("400", "from 0 to 300")],
    "teleworkable": [("40", "percentage"), ("-0.5", "from 0 to 1")],
}
for style in ("en", "dk"):
    for canon, vals in RANGES.items():
        for value, words in vals:
            v = value if style == "en" else value.replace(".", ",")
            CASES.append(
                Case(
                    f"{style} {canon} out of range {value}",
                    staff_text(style, {(2, canon): v}).encode(),
                    [f"row 4, column '{_col(style, canon)}'", f"'{v}'", words],
                )
            )
# a home with neither a distance nor any other location (said in Danish too)
CASES.append(
    Case(
        "dk: blank distance and no other home location",
        staff_text("dk", {(1, "one_way_km"): ""}).encode(),
        ["row 3, column 'Afstand (km)'", "no other home location"],
    )
)
# thousands separators: the file's convention, or refused when the column contradicts it
CASES += [
    Case(
        "dk: '1.234' groups thousands in a decimal-comma file (then out of range)",
        staff_text("dk", {(0, "one_way_km"): "1.234"}).encode(),
        ["row 2, column 'Afstand (km)'", "'1.234'", "from 0 to 500"],
    ),
    Case(
        "dk: '1.234' where the column also holds '2.5': '.' is the column's decimal mark",
        staff_text("dk", {(0, "one_way_km"): "1.234", (1, "one_way_km"): "2.5"}).encode(),
        good={"one_way_km": [1.234, 2.5, 40]},
    ),
    Case(
        "dk: '1.234' where the column holds both '2.5' and '3,5' is ambiguous",
        staff_text(
            "dk", {(0, "one_way_km"): "1.234", (1, "one_way_km"): "2.5", (2, "one_way_km"): "3,5"}
        ).encode(),
        ["row 2, column 'Afstand (km)'", "'1.234'", "ambiguous"],
    ),
    Case(
        "en: quoted '1,234' groups thousands in a decimal-point file (then out of range)",
        staff_text("en", {(2, "one_way_km"): "1,234"}).encode(),
        ["row 4, column 'one_way_km'", "'1,234'", "from 0 to 500"],
    ),
    Case(
        "en: quoted '1,234' where the column holds both '22.5' and '2,5' is ambiguous",
        staff_text("en", {(2, "one_way_km"): "1,234", (1, "one_way_km"): "2,5"}).encode(),
        ["row 4, column 'one_way_km'", "'1,234'", "ambiguous"],
    ),
    Case(
        "dk: '1,234,5' is not a number",
        staff_text("dk", {(1, "commute_minutes_one_way"): "1,234,5"}).encode(),
        ["row 3, column 'Rejsetid min'", "'1,234,5'", "not a number"],
    ),
    Case(
        "dk: '1.23.4' is not a number",
        staff_text("dk", {(1, "commute_minutes_one_way"): "1.23.4"}).encode(),
        ["row 3, column 'Rejsetid min'", "'1.23.4'", "not a number"],
    ),
]
for value in ("1,234", "1.234", "12.500", "999,000"):
    frame = pd.DataFrame({STAFF[c][0]: STAFF[c][2] for c in STAFF})
    frame["commute_minutes_one_way"] = ["30", value, "50"]
    CASES.append(
        Case(
            f"DataFrame: '{value}' with no decimal mark to go by is ambiguous",
            frame,
            ["<DataFrame>", "row 2, column 'commute_minutes_one_way'", f"'{value}'", "ambiguous"],
        )
    )

# --- 2. ids, modes, sites -----------------------------------------------------------------
ROW_CASES = [
    ("unknown mode", (0, "mode"), "hovercraft", "mode", "unknown mode"),
    ("misspelt mode", (0, "mode"), "bicycel", "mode", "did you mean 'bicycle'"),
    ("blank mode", (1, "mode"), "", "mode", "blank"),
    ("unknown site", (0, "site_id"), "TOWNHALL", "site_id", "unknown site"),
    ("site in the wrong case", (1, "site_id"), "raad", "site_id", "did you mean 'RAAD'"),
    ("misspelt site", (1, "site_id"), "RAADD", "site_id", "did you mean 'RAAD'"),
    ("blank site", (2, "site_id"), "", "site_id", "blank"),
    ("blank id", (0, "employee_id"), "", "employee_id", "blank"),
    ("duplicate id", (2, "employee_id"), "E1", "employee_id", "first seen in row 2"),
    ("blank fte", (1, "fte"), "", "fte", "blank"),
    ("blank onsite days", (1, "onsite_days_per_week"), "", "onsite_days_per_week", "blank"),
]
for style in ("en", "dk"):
    for desc, (i, canon), value, col, words in ROW_CASES:
        CASES.append(
            Case(
                f"{style} {desc}",
                staff_text(style, {(i, canon): value}).encode(),
                [f"row {i + 2}, column '{_col(style, col)}'", f"'{value}'" if value else "", words],
            )
        )

# --- 3. personal data: only the offending row's value, cut to a sensible length ------------
pc = "employee_id,site_id,mode,postnr\n" + "".join(f"P{i},RAAD,car,0{i:03d}\n" for i in range(12))
CASES.append(
    Case(
        "postcodes not found: only the first listed row's postcode is shown",
        pc.encode(),
        ["row 2, column 'postnr'", "'0000'", "not shown: personal data"],
        kwargs={"postcodes": "DK"},
    )
)
big = "x" * 1_000_000
CASES.append(
    Case(
        "a 1 MB cell is cut in the message",
        staff_text("en", {(1, "mode"): big}).encode(),
        ["row 3, column 'mode'", "'" + "x" * 59 + "…'", "unknown mode"],
    )
)
CASES.append(
    Case(
        "coordinates swapped (its own row's value only)",
        b"employee_id,site_id,mode,home_lat,home_lon\nA,RAAD,car,55.6,12.1\nB,RAAD,car,12.1,55.6\n",
        ["row 3, column 'home_lat'", "'12.1 / 55.6'", "swapped"],
    )
)

# --- 4. file-level problems ------------------------------------------------------------------
CLEAN = staff_text("en")


def _xlsx(frames: dict[str, pd.DataFrame], header=True) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf) as w:
        for name, f in frames.items():
            f.to_excel(w, sheet_name=name, index=False, header=header)
    return buf.getvalue()


STAFF_FRAME = pd.DataFrame({STAFF[c][0]: STAFF[c][2] for c in STAFF})
FILE_CASES = [
    ("empty file", b"", ["staff.csv", "empty (0 bytes)"]),
    ("only blank lines", b"\n\n \n", ["staff.csv", "only blank lines"]),
    ("header only", CLEAN.splitlines()[0].encode() + b"\n", ["staff.csv", "header but no rows"]),
    (
        "duplicate header",
        CLEAN.replace("one_way_km", "fte", 1).encode(),
        ["staff.csv", "row 1", "'fte' twice", "columns 4 and 6"],
    ),
    (
        "duplicate header (Danish)",
        staff_text("dk").replace("Afdeling", "Afstand (km)").encode("cp1252"),
        ["staff.csv", "row 1", "'Afstand (km)' twice"],
    ),
    (
        "unquoted decimal comma in a comma file",
        CLEAN.replace("E2,RAAD,bicycle,0.8,4,3.5", "E2,RAAD,bicycle,0.8,4,3,5").encode(),
        ["staff.csv", "row 3", "column 'one_way_km'", "'3,5'", "unquoted decimal comma"],
    ),
    (
        "unquoted decimal comma in the first data row",
        CLEAN.replace("E1,RAAD,car,1,5,22.5", "E1,RAAD,car,1,5,22,5").encode(),
        ["staff.csv", "row 2", "column 'one_way_km'", "'22,5'"],
    ),
    (
        "a row with two extra fields",
        CLEAN.replace("Jobcenter\n", "Jobcenter,x,y\n").encode(),
        ["staff.csv", "row 4", "11 fields", "has 9"],
    ),
    (
        "old XLS saved as .csv",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        ["staff.csv", "old Excel workbook (.xls)"],
    ),
    (
        "corrupt XLSX saved as .csv",
        b"PK\x03\x04" + b"garbage" * 50,
        ["staff.csv", "could not be opened as an Excel workbook"],
    ),
    (
        "a zip that is not a workbook",
        None,
        ["staff.csv", "could not be opened as an Excel workbook"],
    ),
    ("binary junk", b"\x01\x02\x00\x03" * 10 + b"\x00abc", ["staff.csv", "binary data"]),
    (
        "a title row and no known header",
        b"Personaleoversigt 2024\nA;B;C\n1;2;3\n",
        ["staff.csv", "required column 'employee_id' is missing", "does not look like a header"],
    ),
    (
        "UTF-16 without the needed columns names them readably",
        "Navn\tAlder\nBo\t40\n".encode("utf-16"),
        ["staff.csv", "required column 'employee_id' is missing", "'Navn'"],
    ),
    (
        "a near-miss column name gets a did-you-mean",
        CLEAN.replace("employee_id", "employe_id").encode(),
        ["staff.csv", "required column 'employee_id'", "Did you mean the column 'employe_id'"],
    ),
    (
        "missing mode",
        CLEAN.replace("mode", "transport_kind").encode(),
        ["staff.csv", "required column 'mode' is missing"],
    ),
    (
        "no location column",
        b"employee_id,site_id,mode\nA,RAAD,car\n",
        ["staff.csv", "no home location column"],
    ),
]
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w") as z:
    z.writestr("readme.txt", "not a workbook")
for desc, data, expect in FILE_CASES:
    CASES.append(
        Case(f"file: {desc}", zbuf.getvalue() if data is None else data, expect, row_level=False)
    )
CASES += [
    Case(
        "xlsx: the data on a second sheet is found; a bad cell named with the sheet",
        _xlsx(
            {
                "Forside": pd.DataFrame({"Om": ["Personaleliste"]}),
                "Data": STAFF_FRAME.assign(fte=["1", "2", "1"]),
            }
        ),
        ["staff.xlsx [sheet Data]", "row 3, column 'fte'", "'2'", "percentage"],
        name="staff.xlsx",
    ),
    Case(
        "xlsx: no sheet with a header names the sheets",
        _xlsx({"A": pd.DataFrame({"x": [1]}), "B": pd.DataFrame({"y": [2]})}),
        ["staff.xlsx", "required column 'employee_id'", "other sheets are: B"],
        name="staff.xlsx",
        row_level=False,
    ),
    Case(
        "xlsx: duplicate header",
        _xlsx({"S": STAFF_FRAME.rename(columns={"one_way_km": "fte"})}),
        ["staff.xlsx", "row 1", "'fte' twice", "columns D and F"],
        name="staff.xlsx",
        row_level=False,
    ),
    Case(
        "xlsx: wrong sheet name",
        _xlsx({"Medarbejdere": STAFF_FRAME}),
        ["staff.xlsx", "no sheet named 'Medarbejder'", "Did you mean 'Medarbejdere'"],
        name="staff.xlsx",
        row_level=False,
        kwargs={"sheet": "Medarbejder"},
    ),
    Case(
        "DataFrame with duplicate columns",
        pd.DataFrame(
            [["A", "RAAD", "car", "1", "2"]],
            columns=["employee_id", "site_id", "mode", "fte", "fte"],
        ),
        ["<DataFrame>", "'fte' twice"],
        row_level=False,
    ),
]

# --- 5. sites files -----------------------------------------------------------------------
SITE_ROW = [
    ("area text", "area_m2", "stor", "not a number"),
    ("area with a space inside digits", "area_m2", "10 20", "space inside the digits"),
    ("negative desks", "desks", "-4", "from 0 to"),
    ("latitude out of range", "lat", "155.6", "from -90 to 90"),
    ("latitude text", "lat", "nord", "not a number"),
    ("blank site id", "site_id", "", "blank"),
]
for desc, col, value, words in SITE_ROW:
    f = pd.read_csv(io.StringIO(SITES), dtype=str)
    f.loc[1, col] = value
    CASES.append(
        Case(
            f"sites: {desc}",
            f.to_csv(index=False).encode(),
            ["sites.csv", f"row 3, column '{col}'", f"'{value}'" if value else "", words],
            name="sites.csv",
            what="sites",
            row_level=False,
        )
    )
CASES += [
    Case(
        "sites: duplicate header",
        b"site_id,lat,lat,lon\nA,55,56,12\n",
        ["sites.csv", "'lat' twice"],
        name="sites.csv",
        what="sites",
        row_level=False,
    ),
    Case(
        "sites: ambiguous '1,234' rent in a tab file",
        b"site_id\tlat\tlon\trent_per_m2_per_year\nA\t55.6\t12.1\t1,234\n",
        ["sites.csv", "row 2, column 'rent_per_m2_per_year'", "'1,234'", "ambiguous"],
        name="sites.csv",
        what="sites",
        row_level=False,
    ),
    Case(
        "staff need a site that has no location: reported against the sites file",
        b"employee_id,site_id,mode,home_lat,home_lon\nA,RAAD,car,55.6,12.1\nB,JOB,car,55.7,12.2\n",
        ["sites_noloc.csv", "row 3, column 'lat'", "site 'JOB'", "no location"],
        row_level=False,
        kwargs={"sites_text": "site_id,lat,lon\nRAAD,55.64,12.08\nJOB,,\n"},
    ),
]

# --- 6. tricky but valid: must read to the right numbers (no silent misread) ----------------
DK_SITES = (
    "Arbejdssted;Bredde;Længde;Antal arbejdspladser;Husleje pr. m2;Areal m2;"
    "Driftsudgift pr. m2;El kWh pr. m2;Varme kWh pr. m2;Kan afgives\n"
    "RAAD;55,64;12,08;1.100;1.250;10.200;400,5;80;90;ja\n"
    "JOB;55,63;12,09;110;950,75;1.500;300;1.234,5;95;nej\n"
)
GOOD = [
    Case(
        "Danish sites: every column, '.' groups thousands",
        DK_SITES.encode("cp1252"),
        name="sites.csv",
        what="sites",
        good={
            "desks": [1100, 110],
            "rent_per_m2_per_year": [1250, 950.75],
            "area_m2": [10200, 1500],
            "operating_cost_per_m2_per_year": [400.5, 300],
            "electricity_kwh_per_m2_per_year": [80, 1234.5],
            "heat_kwh_per_m2_per_year": [90, 95],
            "space_can_be_released": [True, False],
        },
    ),
    Case(
        "English sites: ',' groups thousands, spaces group thousands",
        b"site_id,lat,lon,area_m2,desks,rent_per_m2_per_year\n"
        b'A,55.6,12.1,"1,234.5",12 500,"1,100"\n',
        name="sites.csv",
        what="sites",
        good={"area_m2": [1234.5], "desks": [12500], "rent_per_m2_per_year": [1100]},
    ),
    Case(
        "Danish staff headers incl. Fremmødedage pr. uge",
        staff_text("dk").encode("cp1252"),
        good={"onsite_days_per_week": [5, 4, 3], "one_way_km": [22.5, 3.5, 40], "fte": [1, 0.8, 1]},
    ),
    Case(
        "UTF-16 with BOM",
        staff_text("en").encode("utf-16"),
        good={"one_way_km": [22.5, 3.5, 40]},
    ),
    Case(
        "UTF-16-LE without BOM, tab separated",
        staff_text("en").replace(",", "\t").encode("utf-16-le"),
        good={"one_way_km": [22.5, 3.5, 40]},
    ),
    Case(
        "UTF-8 BOM",
        staff_text("en").encode("utf-8-sig"),
        good={"one_way_km": [22.5, 3.5, 40]},
    ),
    Case(
        "Excel's sep=; line",
        ("sep=;\n" + staff_text("dk")).encode("cp1252"),
        good={"one_way_km": [22.5, 3.5, 40]},
    ),
    Case(
        "a title and a blank row above the header",
        ("Personaleoversigt 2024\n\n" + staff_text("en")).encode(),
        good={"one_way_km": [22.5, 3.5, 40], "source_row": [4, 5, 6]},
    ),
    Case(
        "an XLSX saved as .csv",
        _xlsx({"Ark1": STAFF_FRAME}),
        good={"one_way_km": [22.5, 3.5, 40]},
    ),
    Case(
        "xlsx: merged title row above the header, numbers as numbers",
        None,  # built below
        name="staff.xlsx",
        good={"one_way_km": [22.5, 1.234, 40], "source_row": [3, 4, 5]},
    ),
    Case(
        "DataFrame: '3,5' is a decimal comma",
        STAFF_FRAME.assign(one_way_km=["22,5", "3,5", "40"]),
        good={"one_way_km": [22.5, 3.5, 40]},
    ),
    Case(
        "dk: '12,5' minutes is a decimal comma",
        staff_text("dk", {(0, "commute_minutes_one_way"): "12,5"}).encode(),
        good={"commute_minutes_one_way": [12.5, 15, 50]},
    ),
    Case(
        "en: '1 50' is not a thousands group: refused",
        staff_text("en", {(0, "commute_minutes_one_way"): "1 50"}).encode(),
        good=None,
        expect=["row 2, column 'commute_minutes_one_way'", "'1 50'", "space inside"],
    ),
]


def _merged_title_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Medarbejdere 2024"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(STAFF))
    ws.append([STAFF[c][0] for c in STAFF])
    for i in range(3):
        row = []
        for c in STAFF:
            v = STAFF[c][2][i]
            if c in ("fte", "onsite_days_per_week", "one_way_km", "commute_minutes_one_way"):
                row.append(float(v))
            else:
                row.append(v)
        ws.append(row)
    ws["F4"] = 1.234  # a real number in the workbook is never 'ambiguous'
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD[9].data = _merged_title_xlsx()
CASES += GOOD
ALL = CASES


def _write(tmp_path, case: Case):
    if isinstance(case.data, pd.DataFrame):
        return case.data
    p = tmp_path / case.name
    p.write_bytes(case.data)
    return p


def _read(tmp_path, case: Case, strict: bool):
    src = _write(tmp_path, case)
    kw = dict(case.kwargs)
    if kw.pop("postcodes", None) == "DK":
        kw["postcodes"] = "/work/shared/data/dk/postcodes.csv"
    if case.what == "sites":
        return rc.read_sites(src, **kw)
    sites_text = kw.pop("sites_text", None)
    sp = tmp_path / ("sites_noloc.csv" if sites_text else "sites_ok.csv")
    sp.write_text(sites_text or SITES, encoding="utf-8")
    return rc.read_staffing(src, sites=sp, strict=strict, **kw)


#: English words that never belong in a Danish problem text (the user's values are quoted
#: in the "found" part, not in the problem).
_ENGLISH = re.compile(r"\b(expected|blank|found|not a|unknown|from|and|the|did you mean)\b")


def _english_in_danish(err: StaffingError) -> list[str]:
    """The problem texts of ``err`` that keep English words in Danish (phrase_text)."""
    problems = getattr(err, "problems", None)
    if problems is None or "problem" not in problems.columns:
        return []
    texts = problems["problem"].dropna().astype(str).unique()
    return [d for d in (phrase_text(t, "da") for t in texts) if _ENGLISH.search(d)]


def run_case(tmp_path, case: Case) -> str:
    """'clear', 'correct', or what went wrong ('traceback: ...', 'silent misread', ...)."""
    try:
        got = _read(tmp_path, case, strict=True)
    except StaffingError as err:
        if case.good is not None:
            return f"refused valid input: {err}"
        msg = str(err)
        missing = [f for f in case.expect if f not in msg]
        if missing:
            return f"unclear message (lacks {missing}): {msg[:500]}"
        if len(msg) > 4000:
            return "message too long"
        english = _english_in_danish(err)
        if english:
            return f"English left in the Danish message: {english}"
        if case.row_level and case.what == "staff":
            wf = _read(tmp_path, case, strict=False)
            p = wf.provenance
            if not (p["rows_read"] == p["rows_used"] + p["rows_excluded"] and p["rows_excluded"]):
                return f"row accounting broken: {p}"
            if len(wf.staff) + len(wf.excluded) != p["rows_read"]:
                return "row accounting broken"
        return "clear"
    except Exception as exc:  # the catalogue counts these
        return f"traceback: {type(exc).__name__}: {str(exc)[:300]}"
    if case.good is None:
        return "silent misread (read without complaint)"
    table = got if case.what == "sites" else got.staff
    for col, want in case.good.items():
        have = list(table[col])
        if col == "space_can_be_released":
            ok = [bool(h) for h in have] == want
        else:
            ok = np.allclose(np.asarray(have, dtype=float), np.asarray(want, dtype=float))
        if not ok:
            return f"silent misread: {col} = {have}, expected {want}"
    return "correct"


@pytest.mark.parametrize("case", ALL, ids=[c.desc for c in ALL])
def test_catalogue_case(case, tmp_path):
    outcome = run_case(tmp_path, case)
    assert outcome in ("clear", "correct"), outcome


def test_catalogue_is_large_enough():
    assert len(ALL) >= 100
    assert sum(c.good is not None for c in ALL) >= 10


if __name__ == "__main__":  # the counts: python tests/test_bad_input_catalogue.py
    import collections
    import tempfile
    from pathlib import Path

    counts: collections.Counter = collections.Counter()
    for c in ALL:
        with tempfile.TemporaryDirectory() as d:
            out = run_case(Path(d), c)
        key = out.split(":")[0]
        counts[key] += 1
        if key not in ("clear", "correct"):
            print(f"{c.desc}: {out}")
    print(f"cases {len(ALL)}; " + "; ".join(f"{k} {v}" for k, v in sorted(counts.items())))
