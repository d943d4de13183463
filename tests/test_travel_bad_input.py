"""The bad-input catalogue of the work-trips reader (``rc.read_work_trips``).

Each case changes one cell (or adds a row) of a clean three-row Danish mileage export and
says what the message must name. Every bad case must raise :class:`remotecalc.StaffingError`
(never another exception) naming the file, the row as numbered in the file (the header is
row 1), the column as written in the file and the value; read leniently the row is excluded
with its reason and every row is accounted for (rows read = used + excluded). Tricky but
valid inputs must read to the right numbers: a silent misread is a failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import remotecalc as rc
from remotecalc import StaffingError

HEADER = ["Medarbejdernr", "Dato", "Fra", "Til", "Km", "Formål", "Transportmiddel"]
ROWS = [
    ["E00001", "03-02-2025", "", "", "42,5", "Møde på rådhuset", "Egen bil"],
    ["E00002", "04-02-2025", "", "", "12", "Hjemmepleje", "Egen bil"],
    ["E00003", "05-02-2025", "", "", "130", "Kursus", "Tog"],
]
COL = {name: i for i, name in enumerate(HEADER)}


@pytest.fixture(scope="module")
def wf():
    return rc.datasets.demo_workforce(10, seed=1)


def export(changes: dict | None = None, extra: list | None = None, sep: str = ";") -> str:
    """The clean export with {(row index, header): text} changed and rows appended."""
    rows = [list(r) for r in ROWS] + [list(r) for r in (extra or [])]
    for (i, col), text in (changes or {}).items():
        rows[i][COL[col]] = text
    return "\n".join(sep.join(r) for r in [HEADER, *rows]) + "\n"


@dataclass
class Case:
    desc: str
    text: str
    expect: list[str] = field(default_factory=list)  # fragments the message must hold
    row_level: bool = True
    good: dict | None = None  # valid input: {column of WorkTrips.trips: values}
    kwargs: dict = field(default_factory=dict)


CASES: list[Case] = []

# --- dates ------------------------------------------------------------------------------
for bad in ["", "31-02-2025", "2025/13/01", "i går", "32.01.2025", "03-02"]:
    CASES.append(
        Case(
            f"date {bad!r}",
            export({(1, "Dato"): bad}),
            ["row 3", "'Dato'", "date"] + ([f"'{bad}'"] if bad else ["blank"]),
        )
    )
for good, expect in [("2025-02-04", "2025-02-04"), ("04.02.2025", "2025-02-04")]:
    CASES.append(
        Case(
            f"date {good!r} reads",
            export({(1, "Dato"): good}),
            good={"date": [None, expect, None]},
        )
    )

# --- km ---------------------------------------------------------------------------------
for bad, why in [
    ("-5", "above 0"),
    ("0", "above 0"),
    ("abc", "not a number"),
    ("12 km", "not a number"),
    ("2000", "more than 1,500 km"),
    ("1,2,3", "not a number"),
    ("", "blank; expected the km driven"),
]:
    CASES.append(Case(f"km {bad!r}", export({(2, "Km"): bad}), ["row 4", "'Km'", why]))
for good, value in [("1.234,5", 1234.5), ("12,5", 12.5), ("7", 7.0)]:
    CASES.append(
        Case(f"km {good!r} reads", export({(2, "Km"): good}), good={"km": [None, None, value]})
    )

# --- employees ----------------------------------------------------------------------------
CASES.append(
    Case(
        "unknown employee",
        export({(0, "Medarbejdernr"): "E99999"}),
        ["row 2", "'Medarbejdernr'", "'E99999'", "not an employee"],
    )
)
CASES.append(
    Case("blank employee", export({(0, "Medarbejdernr"): ""}), ["row 2", "blank", "employee"])
)

# --- duplicate claims --------------------------------------------------------------------
CASES.append(
    Case(
        "the same claim twice",
        export(extra=[ROWS[1]]),
        ["row 5", "the same claim as row 3"],
    )
)
CASES.append(
    Case(
        "same day and km but another purpose is not a duplicate",
        export(extra=[[*ROWS[1][:5], "Møde", "Egen bil"]]),
        good={"purpose": [None, "home_visit", None, "meeting"]},
    )
)

# --- modes --------------------------------------------------------------------------------
CASES.append(
    Case("unknown mode", export({(2, "Transportmiddel"): "Fly"}), ["row 4", "'Fly'", "mode"])
)
CASES.append(
    Case(
        "service car is a car, not reimbursed",
        export({(0, "Transportmiddel"): "Tjenestebil"}),
        good={"mode": ["car", "car", "train"], "reimbursed": [False, True, False]},
    )
)

# --- places instead of km -----------------------------------------------------------------
CASES.append(
    Case(
        "unknown place",
        export({(0, "Km"): "", (0, "Fra"): "Roskilde", (0, "Til"): "Atlantis"}),
        ["row 2", "'Til'", "'Atlantis'", "unknown place"],
    )
)
CASES.append(
    Case(
        "the same place twice",
        export({(0, "Km"): "", (0, "Fra"): "Roskilde", (0, "Til"): "roskilde"}),
        ["row 2", "the same place"],
    )
)
CASES.append(
    Case(
        "a site of the workforce and a town",
        export({(0, "Km"): "", (0, "Fra"): "RAAD", (0, "Til"): "Køge"}),
        good={"from_place": ["RAAD", "", ""]},
    )
)

# --- file-level ---------------------------------------------------------------------------
CASES.append(
    Case(
        "no date column",
        "Medarbejdernr;Km\nE00001;12\n",
        ["no column for 'date'", "Dato"],
        row_level=False,
    )
)
CASES.append(
    Case(
        "neither km nor places",
        "Medarbejdernr;Dato;Formål\nE00001;03-02-2025;Møde\n",
        ["km (or from and to places)"],
        row_level=False,
    )
)
CASES.append(
    Case(
        "column_map names a missing column",
        export(),
        ["column_map names column 'Kilometer'"],
        row_level=False,
        kwargs={"column_map": {"Kilometer": "km"}},
    )
)
CASES.append(
    Case(
        "own headers through column_map",
        export().replace("Km", "Kørte kilometer i alt"),
        good={"km": [42.5, 12.0, 130.0]},
        kwargs={"column_map": {"Kørte kilometer i alt": "km"}},
    )
)


@pytest.mark.parametrize("case", CASES, ids=[c.desc for c in CASES])
def test_trip_case(case, wf, tmp_path):
    path = tmp_path / "kørsel.csv"
    path.write_text(case.text, encoding="utf-8")
    if case.good is not None:
        t = rc.read_work_trips(path, workforce=wf, **case.kwargs)
        for col, values in case.good.items():
            got = t.trips[col].tolist()
            for g, v in zip(got, values, strict=True):
                if v is None:
                    continue
                if col == "date":
                    assert str(g.date()) == v, case.desc
                elif isinstance(v, float):
                    assert g == pytest.approx(v), case.desc
                else:
                    assert g == v, case.desc
        return
    with pytest.raises(StaffingError) as err:
        rc.read_work_trips(path, workforce=wf, **case.kwargs)
    msg = str(err.value)
    assert "kørsel.csv" in msg, msg
    for frag in case.expect:
        assert frag in msg, f"{case.desc}: {frag!r} not in\n{msg}"
    if not case.row_level:
        return
    assert err.value.problems is not None and len(err.value.problems)
    t = rc.read_work_trips(path, workforce=wf, strict=False, **case.kwargs)
    p = t.provenance
    assert p["rows_read"] == p["rows_used"] + p["rows_excluded"], case.desc
    assert p["rows_excluded"] >= 1 and len(t.excluded) == p["rows_excluded"]
    assert t.excluded["reason"].notna().all()
    assert set(t.excluded["source_row"]) == set(err.value.problems["row"])


def test_lenient_reading_with_no_row_left_still_stops(wf, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(export({(i, "Dato"): "x" for i in range(3)}), encoding="utf-8")
    with pytest.raises(StaffingError, match="no row is left"):
        rc.read_work_trips(path, workforce=wf, strict=False)


def test_catalogue_is_large_enough():
    assert len(CASES) >= 30
