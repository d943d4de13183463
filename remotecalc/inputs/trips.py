"""Reader of work trips: mileage claims (kørselsgodtgørelse) and travel records.

:func:`read_work_trips` validates an employer's export once, at the boundary, and returns
:class:`WorkTrips`: one row per trip with the employee, date, km (given, or from the
places travelled between), mode, reimbursement and purpose (classified into
:data:`remotecalc.formulas.travel.PURPOSES` from Danish and English words,
:func:`classify_purposes`).
Files are read by :func:`remotecalc.inputs.readers.read_table` (CSV, XLSX, Parquet, DataFrame) and
numbers by :func:`remotecalc.inputs.readers.parse_numbers`, as for the staff file. Problems name
file, row (as numbered in the file), column, value and what was expected; strict reading
stops on any, lenient reading excludes the rows with their reasons and accounts for every
row (rows read = used + excluded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from remotecalc.errors import StaffingError
from remotecalc.formulas.travel import PURPOSES, REIMBURSED_MODES
from remotecalc.i18n.notes import Note
from remotecalc.inputs.attendance import (
    match_columns,
    outside_window_text,
    parse_dates,
    plausible_date_window,
)
from remotecalc.inputs.geography import LocationTable, haversine_km, load_towns
from remotecalc.inputs.readers import format_problems, numeric_cells, parse_numbers, read_table
from remotecalc.inputs.vocab import MODE_SYNONYMS, normalise_column, normalise_label

__all__ = [
    "MAX_TRIP_KM",
    "PURPOSE_WORDS",
    "TRIP_COLUMN_ALIASES",
    "WorkTrips",
    "classify_purposes",
    "read_work_trips",
]

#: Column names recognised in trip files (Danish and English), by canonical name.
TRIP_COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "employee_id": (
        "employee_id",
        "employee",
        "employee id",
        "medarbejdernr",
        "medarbejder nr",
        "medarbejdernummer",
        "medarbejder",
        "medarbejder id",
        "ma nr",
        "tjenestenummer",
        "lønnummer",
        "person id",
    ),
    "date": ("date", "dato", "kørselsdato", "rejsedato", "trip date", "travel date", "dag"),
    "km": ("km", "kilometer", "antal km", "distance", "distance km", "km kørt", "kørte km"),
    "from_place": ("from", "fra", "from place", "fra adresse", "start", "startsted", "origin"),
    "to_place": ("to", "til", "to place", "til adresse", "destination", "slutsted", "mål"),
    "purpose": (
        "purpose",
        "formål",
        "formaal",
        "reason",
        "aktivitet",
        "trip purpose",
        "kørselsformål",
        "beskrivelse",
    ),
    "mode": ("mode", "transportmiddel", "transport", "køretøj", "vehicle", "transportform"),
}

#: Words (normalised, matched inside the purpose text) that classify a trip, in order of
#: precedence: frontline purposes first, so "møde hos borger i hjemmeplejen" is a home visit.
PURPOSE_WORDS: dict[str, tuple[str, ...]] = {
    "home_visit": (
        "hjemmepleje",
        "hjemmebesøg",
        "hjemmesygepleje",
        "borgerbesøg",
        "besøg hos borger",
        "besøg i hjemmet",
        "sygepleje",
        "plejebesøg",
        "visitation",
        "home care",
        "home visit",
        "care visit",
        "patient visit",
        "client visit",
    ),
    "transport_of_goods": (
        "varetransport",
        "vareudbringning",
        "udbringning",
        "levering",
        "afhentning",
        "kurér",
        "kurer",
        "transport af varer",
        "hjælpemidler",
        "delivery",
        "goods",
        "courier",
        "pick-up",
    ),
    "inspection": (
        "tilsyn",
        "inspektion",
        "besigtigelse",
        "kontrolbesøg",
        "syn og skøn",
        "inspection",
        "site visit",
        "audit",
    ),
    "course": (
        "kursus",
        "kurser",
        "konference",
        "seminar",
        "temadag",
        "efteruddannelse",
        "uddannelse",
        "course",
        "conference",
    ),
    "training": (
        "træning",
        "oplæring",
        "undervisning",
        "instruktion",
        "supervision",
        "training",
        "teaching",
        "coaching",
    ),
    "meeting": (
        "møde",
        "moede",
        "netværk",
        "workshop",
        "styregruppe",
        "samarbejde",
        "meeting",
        "network",
        "steering group",
    ),
}

#: Mode words of trip files beyond the commute vocabulary (``vocab.MODE_SYNONYMS``):
#: normalised text -> (mode, reimbursed per km).
TRIP_MODE_WORDS: dict[str, tuple[str, bool]] = {
    "egen bil": ("car", True),
    "privat bil": ("car", True),
    "own car": ("car", True),
    "private car": ("car", True),
    "tjenestebil": ("car", False),
    "firmabil": ("car", False),
    "puljebil": ("car", False),
    "company car": ("car", False),
    "pool car": ("car", False),
    "egen cykel": ("bicycle", False),
    "offentlig transport": ("bus", False),
    "public transport": ("bus", False),
}

#: Longest single trip accepted. [km] A claim row above it is a typing error or a journey
#: abroad by another mode (a Danish round trip Skagen-Gedser-Skagen is about 1,000 km).
MAX_TRIP_KM = 1500.0

_DAYS_PER_YEAR = 365.2425


@dataclass(frozen=True, repr=False)
class WorkTrips:
    """Work trips that passed validation, the rows that did not, and where they came from.

    Attributes
    ----------
    trips : pandas.DataFrame
        One row per trip: ``employee_id`` (str), ``date`` (datetime64), ``km`` (given
        distance, NaN where it comes from places) [km], ``great_circle_km`` (between the
        places, NaN where ``km`` is given) [km], ``mode`` (canonical), ``reimbursed``
        (bool: paid per km), ``purpose`` (one of :data:`remotecalc.formulas.travel.PURPOSES`),
        ``purpose_text`` (as written), ``from_place``, ``to_place`` and ``source_row``.
    excluded : pandas.DataFrame
        Rows left out (lenient reading): ``source_row``, ``reason`` and the row as read.
    problems : pandas.DataFrame
        Every problem found: ``file, row, column, value, problem``.
    provenance : dict
        File, format, SHA-256, rows read/used/excluded, the period covered.
    notes : list of str
        Defaults applied and things the reader noticed.
    """

    trips: pd.DataFrame
    excluded: pd.DataFrame
    problems: pd.DataFrame
    provenance: dict
    notes: list = field(default_factory=list)

    @property
    def period_years(self) -> float:
        """Length of the period the records cover. [yr]"""
        return float(self.provenance["period_years"])

    @property
    def n_trips(self) -> int:
        """Number of trips used."""
        return len(self.trips)

    def accounting(self) -> pd.DataFrame:
        """Row accounting: rows read = rows used + rows excluded."""
        p = self.provenance
        return pd.DataFrame(
            {
                "item": ["rows read", "rows used", "rows excluded"],
                "rows": [p["rows_read"], p["rows_used"], p["rows_excluded"]],
            }
        )

    def __repr__(self) -> str:
        p = self.provenance
        return (
            f"<remotecalc.WorkTrips: {self.n_trips:,} trips from {p['file']}, "
            f"{p['period_start']} to {p['period_end']}; rows read {p['rows_read']:,} = used "
            f"{p['rows_used']:,} + excluded {p['rows_excluded']:,}>"
        )


def _period_years(start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Length of a period in years: whole calendar months count as twelfths of a year,
    other periods by days (365.2425 a year).

    Examples
    --------
    >>> _period_years(pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    1.0
    """
    if start.day == 1 and (end + pd.Timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return months / 12.0
    return ((end - start).days + 1) / _DAYS_PER_YEAR


def _normalised(text: pd.Series) -> pd.Series:
    """``normalise_label`` of each text, computed once per distinct text (NA stays NA)."""
    codes, uniques = pd.factorize(text)
    keys = np.array([normalise_label(u) for u in uniques] + [None], dtype=object)
    return pd.Series(keys[codes], index=text.index, dtype=object)


def classify_purposes(
    text: pd.Series, purpose_map: dict[str, str] | None = None
) -> tuple[pd.Series, pd.Series]:
    """Classify purpose texts into :data:`remotecalc.formulas.travel.PURPOSES`.

    Parameters
    ----------
    text : pandas.Series
        Purposes as written (Danish or English; blank allowed).
    purpose_map : dict, optional
        ``{text or category word: purpose}``: a text equal to a key (case and spaces
        ignored) gets that purpose, before the built-in words (:data:`PURPOSE_WORDS`).

    Returns
    -------
    purpose : pandas.Series
        One of :data:`~remotecalc.formulas.travel.PURPOSES` per row (``other`` where no word matched
        or the text is blank).
    matched : pandas.Series of bool
        False where the text was blank or matched no word (classified ``other``).

    Raises
    ------
    ValueError
        If ``purpose_map`` names a purpose that does not exist.

    Examples
    --------
    >>> p, m = classify_purposes(pd.Series(["Møde i Køge", "Hjemmepleje, rute 4", "Kursus",
    ...                                     "xyz"]))
    >>> p.tolist(), m.tolist()
    (['meeting', 'home_visit', 'course', 'other'], [True, True, True, False])
    """
    user = {}
    for k, v in (purpose_map or {}).items():
        if v not in PURPOSES:
            raise ValueError(
                f"purpose_map maps {k!r} to {v!r}; purposes are: {', '.join(PURPOSES)}"
            )
        user[normalise_label(k)] = v
    t = text.astype("string").fillna("")
    codes, uniques = pd.factorize(t)  # few distinct texts: classify those only
    found: list[str | None] = []
    for u in uniques:
        key = normalise_label(u)
        hit = user.get(key)
        if hit is None:
            hit = next(
                (p for p, words in PURPOSE_WORDS.items() if any(w in key for w in words)), None
            )
        found.append(hit if key else None)
    labels = np.array([f or "other" for f in found] + ["other"], dtype=object)
    ok = np.array([f is not None for f in found] + [False])
    return (
        pd.Series(labels[codes], index=text.index, dtype=object),
        pd.Series(ok[codes], index=text.index, dtype=bool),
    )


def _map_columns(raw: Any, column_map: dict | None) -> dict[str, str]:
    """{canonical -> column in the file}; clear errors for missing or ambiguous columns."""
    cols = list(raw.frame.columns)
    for src, canon in (column_map or {}).items():
        if src in cols and canon not in TRIP_COLUMN_ALIASES:
            raise StaffingError(
                f"{raw.file}: column_map maps '{src}' to '{canon}'; trip columns are: "
                f"{', '.join(TRIP_COLUMN_ALIASES)}."
            )
    mapping = match_columns(raw, TRIP_COLUMN_ALIASES, column_map, "trips", key=normalise_column)
    missing = [c for c in ("employee_id", "date") if c not in mapping]
    if "km" not in mapping and not ("from_place" in mapping and "to_place" in mapping):
        missing.append("km (or from and to places)")
    if missing:
        raise StaffingError(
            f"{raw.file}: no column for {', '.join(map(repr, missing))} in the trips data; "
            f"found columns {', '.join(map(repr, cols))}. Expected e.g. Medarbejdernr, Dato, "
            "Km (or Fra and Til), Formål, Transportmiddel. Map your own names with "
            "column_map={'your column': 'km'}."
        )
    return mapping


def _place_table(workforce: Any, places: Any) -> tuple[dict[str, tuple[float, float]], Any]:
    """Named places (normalised name -> (lat, lon)) and a code table (or None)."""
    named: dict[str, tuple[float, float]] = {}

    towns = load_towns()  # packaged Danish towns (GeoNames)
    for n, la, lo in zip(towns["name"], towns["lat"], towns["lon"], strict=True):
        named.setdefault(normalise_label(n), (float(la), float(lo)))
    codes = None
    if isinstance(places, LocationTable):
        codes = places
    elif isinstance(places, pd.DataFrame):
        for n, la, lo in zip(places["name"], places["lat"], places["lon"], strict=True):
            named[normalise_label(n)] = (float(la), float(lo))
    elif places is not None:
        raise TypeError("places must be a LocationTable or a DataFrame with name, lat, lon")
    if workforce is not None:
        s = workforce.sites
        for col in ("site_name", "site_id"):
            if col in s.columns:
                for n, la, lo in zip(s[col], s["lat"], s["lon"], strict=True):
                    if pd.notna(n) and pd.notna(la):
                        named[normalise_label(str(n))] = (float(la), float(lo))
    return named, codes


def _locate(
    text: pd.Series, named: dict[str, tuple[float, float]], codes: Any
) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) of place texts: a site, a named place or town, else a code table."""
    t = text.astype("string").fillna("")
    codes_, uniques = pd.factorize(t)
    pts = np.array(
        [named.get(normalise_label(u), (np.nan, np.nan)) for u in uniques] + [(np.nan, np.nan)],
        dtype=float,
    ).reshape(-1, 2)
    lat, lon = pts[codes_, 0].copy(), pts[codes_, 1].copy()
    if codes is not None:
        todo = np.isnan(lat) & t.ne("").to_numpy()
        if todo.any():
            hit = codes.lookup(t[todo].to_numpy())
            lat[todo] = hit["lat"].to_numpy()
            lon[todo] = hit["lon"].to_numpy()
    return lat, lon


def _modes(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(mode or NA, reimbursed, known) from mode texts; blank -> NA (default applied later)."""
    t = text.astype("string").fillna("")
    codes, uniques = pd.factorize(t)
    mode, paid, known = [], [], []
    for u in uniques:
        k = normalise_label(u)
        if k in TRIP_MODE_WORDS:
            m, r = TRIP_MODE_WORDS[k]
        elif k in MODE_SYNONYMS:
            m = MODE_SYNONYMS[k]
            r = m in REIMBURSED_MODES
        else:
            m, r = None, False
        mode.append(m)
        paid.append(r)
        known.append(m is not None or not k)
    mode_a = np.array([*mode, None], dtype=object)[codes]
    return (
        pd.Series(mode_a, index=text.index, dtype=object),
        pd.Series(np.array([*paid, False])[codes], index=text.index, dtype=bool),
        pd.Series(np.array([*known, True])[codes], index=text.index, dtype=bool),
    )


def read_work_trips(
    source: str | Path | pd.DataFrame,
    column_map: dict | None = None,
    strict: bool = True,
    *,
    workforce: Any = None,
    purpose_map: dict[str, str] | None = None,
    places: Any = None,
    period: tuple[str, str] | None = None,
    sheet: str | int | None = None,
) -> WorkTrips:
    """Read work trips (mileage claims, travel records) and validate them.

    Parameters
    ----------
    source : str, pathlib.Path or pandas.DataFrame
        CSV (``;`` with decimal comma, or ``,``), XLSX, Parquet or a DataFrame, one row per
        trip. Danish and English headers are recognised (:data:`TRIP_COLUMN_ALIASES`:
        Medarbejdernr, Dato, Km, Fra, Til, Formål, Transportmiddel...).
    column_map : dict, optional
        ``{column in the file: canonical name}`` for other names.
    strict : bool, default True
        Stop on any problem (a :class:`remotecalc.StaffingError` listing every one). With
        ``False`` rows with problems are excluded, each with its reason.
    workforce : Workforce, optional
        The staff the trips belong to: an employee number not in it is a problem, and its
        sites (id or name) are places trips can start or end at.
    purpose_map : dict, optional
        ``{purpose text: purpose}`` before the built-in words (:func:`classify_purposes`).
    places : LocationTable or DataFrame, optional
        Postcodes or municipality codes (a :class:`remotecalc.inputs.geography.LocationTable`) or
        named places (``name, lat, lon``) for ``Fra``/``Til``; Danish towns are known.
    period : (str, str), optional
        First and last day the records cover (``("2025-01-01", "2025-12-31")``); default
        the whole calendar months from the first to the last trip (a note).
    sheet : str or int, optional
        Excel sheet.

    Returns
    -------
    WorkTrips

    Raises
    ------
    remotecalc.StaffingError
        Naming file, row, column, value and what was expected, for: a blank or unreadable
        date; km that are not a number, 0 or less, or above :data:`MAX_TRIP_KM`; no km and
        no places (or a place that is not known, or the same place twice); an unknown mode;
        an employee not in ``workforce``; the same claim twice (employee, date, km, places
        and purpose all equal: the later row is the duplicate). In lenient mode only when
        no row is left.

    Examples
    --------
    >>> raw = pd.DataFrame({"Medarbejdernr": ["E1", "E1", "E2"],
    ...                     "Dato": ["03-02-2025", "10-02-2025", "04-02-2025"],
    ...                     "Km": ["42,5", "12", "30"],
    ...                     "Formål": ["Møde på rådhuset", "Hjemmepleje", "Kursus"]})
    >>> t = read_work_trips(raw)
    >>> print(t.trips[["employee_id", "km", "mode", "purpose"]].to_string(index=False))
    employee_id   km mode    purpose
             E1 42.5  car    meeting
             E1 12.0  car home_visit
             E2 30.0  car     course
    """
    raw = read_table(source, sheet=sheet, what="trips")
    cols = _map_columns(raw, column_map)
    frame = raw.frame.rename(columns={v: k for k, v in cols.items()})
    n = len(frame)
    if n == 0:
        raise StaffingError(f"{raw.file}: no rows; expected one row per trip.")
    notes: list[str] = list(raw.extra.get("notes", []))
    probs: list[pd.DataFrame] = []

    texts: dict[str, pd.Series] = {}

    def text(col: str) -> pd.Series:
        """Column ``col`` as stripped text, blank as NA (made once per column; not changed)."""
        if col not in texts:
            if col not in frame.columns:
                texts[col] = pd.Series(pd.NA, index=frame.index, dtype="string")
            else:
                t = frame[col].astype("string").str.strip()
                texts[col] = t.mask(t.eq(""))
        return texts[col]

    def add(mask: Any, column: str, problem: Any, values: pd.Series | None = None) -> None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        vals = (text(column) if values is None else values.astype("string")).fillna("")
        probs.append(
            pd.DataFrame(
                {
                    "file": raw.file,
                    "row": frame.index[mask].to_numpy(),
                    "column": cols.get(column, column),
                    "value": vals.to_numpy(dtype=object)[mask],
                    "problem": (
                        problem
                        if isinstance(problem, str)
                        else np.asarray(problem, dtype=object)[mask]
                    ),
                }
            )
        )

    # employee
    emp = text("employee_id")
    add(emp.isna(), "employee_id", "blank; expected the employee's number (Medarbejdernr)")
    if workforce is not None:
        known = set(workforce.staff["employee_id"].astype(str))
        unknown = emp.notna() & ~emp.isin(known)
        add(unknown, "employee_id", "not an employee of the staff file; expected one of its ids")
    else:
        notes.append(Note("trips_no_workforce"))
    # date
    date_text = text("date")
    d_codes, d_uniques = pd.factorize(frame["date"])  # a year has few distinct dates
    d_parsed = parse_dates(pd.Series(d_uniques)).dt.normalize().to_numpy()
    date = pd.Series(
        np.where(d_codes >= 0, d_parsed[np.maximum(d_codes, 0)], np.datetime64("NaT")),
        index=frame.index,
        dtype="datetime64[ns]",
    )
    add(date_text.isna(), "date", "blank; expected a date (e.g. 2025-03-05 or 05-03-2025)")
    add(
        date.isna() & date_text.notna(),
        "date",
        "not a date; expected a date such as 2025-03-05, 05-03-2025 or 05.03.2025",
    )
    if period is None:  # a period given is checked below; else the file's own dates decide
        lo, hi = plausible_date_window(date)
        add(date.notna() & ((date < lo) | (date > hi)), "date", outside_window_text(lo, hi))
    # km
    if "km" in frame.columns:
        km, km_problem = parse_numbers(
            frame["km"], raw.extra.get("decimal"), numeric_cells(raw, cols["km"])
        )
    else:
        km = pd.Series(np.nan, index=frame.index)
        km_problem = pd.Series(pd.NA, index=frame.index, dtype="string")
    add(km_problem.notna(), "km", km_problem.fillna(""))
    add(km.notna() & (km <= 0), "km", "expected a distance above 0 km")
    add(
        km.notna() & (km > MAX_TRIP_KM),
        "km",
        f"more than {MAX_TRIP_KM:,.0f} km for one trip; expected the km of one trip",
    )
    # places -> great-circle km where no km is given
    gc = np.full(n, np.nan)
    need = km.isna().to_numpy() & km_problem.isna().to_numpy()
    fr, to = text("from_place"), text("to_place")
    has_places = fr.notna().to_numpy() & to.notna().to_numpy()
    add(
        need & ~has_places,
        "km",
        "blank; expected the km driven, or the places travelled from and to (Fra, Til)",
    )
    use_places = need & has_places
    if use_places.any():
        named, codes = _place_table(workforce, places)
        la1, lo1 = _locate(fr, named, codes)
        la2, lo2 = _locate(to, named, codes)
        for col, la in (("from_place", la1), ("to_place", la2)):
            add(
                use_places & np.isnan(la),
                col,
                "unknown place; expected a site of the workforce, a Danish town, or a code "
                "of the places table (or give the km)",
            )
        gc = np.where(use_places, haversine_km(la1, lo1, la2, lo2), np.nan)
        add(
            use_places & (gc < 0.05),
            "to_place",
            "the same place as 'from'; expected two different places (or give the km)",
        )
    # mode
    mode_text = text("mode")
    mode, reimbursed, mode_known = _modes(mode_text)
    add(
        ~mode_known.to_numpy(),
        "mode",
        "unknown mode; expected e.g. egen bil, tjenestebil, tog, bus, cykel (car, train...)",
    )
    blank_mode = mode_text.isna()
    if blank_mode.any() and not (~mode_known).all():
        notes.append(Note("trips_no_mode", n=int(blank_mode.sum())))
    mode = mode.where(~blank_mode, "car")
    reimbursed = reimbursed | blank_mode
    # purpose
    purpose, matched = classify_purposes(text("purpose"), purpose_map)
    n_other = int((~matched).sum())
    if n_other:
        notes.append(Note("trips_other_purpose", n=n_other))
    # duplicate claims: every field equal; the later row is the duplicate
    key = pd.DataFrame(
        {
            "e": emp,
            "d": date,
            "k": km,
            "f": _normalised(fr),
            "t": _normalised(to),
            "p": _normalised(text("purpose")),
        }
    )
    dup = key.duplicated(keep="first") & emp.notna() & date.notna()
    if dup.any():
        first = (
            key.reset_index().groupby(list(key.columns), dropna=False)["index"].transform("first")
        )
        first.index = key.index
        add(
            dup,
            "date",
            "the same claim as row "
            + first.astype(str)
            + " (employee, date, km, places, purpose); expected each trip once",
            values=date_text,
        )

    problems = (
        pd.concat(probs, ignore_index=True).sort_values(["row", "column"], kind="stable")
        if probs
        else pd.DataFrame(columns=["file", "row", "column", "value", "problem"])
    ).reset_index(drop=True)
    bad_rows = pd.Index(problems["row"].unique())
    if len(problems) and (strict or len(bad_rows) == n):
        first_row = (
            "as in the file (the header is row 1)" if raw.file != "<DataFrame>" else "from 1"
        )
        lines = [
            f"{raw.file}: {len(problems):,} problem(s) in {len(bad_rows):,} of {n:,} trip "
            f"row(s); "
            + ("nothing was read" if strict else "no row is left")
            + f". Rows are numbered {first_row}."
        ]
        lines += ["  - " + s for s in format_problems(problems.head(10))]
        if len(problems) > 10:
            lines.append(f"  ... and {len(problems) - 10:,} more (see StaffingError.problems).")
        if strict:
            lines.append("Fix the rows, or read with strict=False to leave them out.")
        raise StaffingError("\n".join(lines), problems=problems)
    keep = ~frame.index.isin(bad_rows)
    reasons = problems.groupby("row")["problem"].first() if len(problems) else pd.Series()
    excluded = raw.frame.loc[~keep].copy()
    excluded.insert(0, "reason", reasons.reindex(excluded.index).to_numpy())
    excluded.insert(0, "source_row", excluded.index.to_numpy())
    excluded = excluded.reset_index(drop=True)
    if len(excluded):
        notes.append(Note("trips_excluded", n=len(excluded)))
    trips = pd.DataFrame(
        {
            "employee_id": emp[keep].astype(str).to_numpy(),
            "date": date[keep].to_numpy(),
            "km": km[keep].to_numpy(dtype=float),
            "great_circle_km": gc[keep],
            "mode": mode[keep].astype(str).to_numpy(),
            "reimbursed": reimbursed[keep].to_numpy(dtype=bool),
            "purpose": purpose[keep].to_numpy(),
            "purpose_text": text("purpose")[keep].fillna("").to_numpy(dtype=object),
            "from_place": fr[keep].fillna("").to_numpy(dtype=object),
            "to_place": to[keep].fillna("").to_numpy(dtype=object),
            "source_row": frame.index[keep].to_numpy(),
        }
    )
    n_places = int(np.isfinite(trips["great_circle_km"]).sum())
    if n_places:
        notes.append(Note("trips_from_places", n=n_places))
    if period is not None:
        start, end = pd.Timestamp(period[0]), pd.Timestamp(period[1])
        if not end >= start:
            raise StaffingError(f"period {period!r}: the end is before the start")
        outside = (trips["date"] < start) | (trips["date"] > end)
        if outside.any():
            raise StaffingError(
                f"{raw.file}: {int(outside.sum()):,} trip(s) dated outside the period "
                f"{start.date()} to {end.date()} (first: row "
                f"{int(trips.loc[outside, 'source_row'].iloc[0])}); expected dates within it."
            )
    else:
        start = trips["date"].min().to_period("M").start_time
        end = trips["date"].max().to_period("M").end_time.normalize()
        notes.append(Note("trips_period", start=str(start.date()), end=str(end.date())))
    years = _period_years(start, end)
    provenance = {
        "file": raw.file,
        "format": raw.format,
        "sha256": raw.sha256,
        "rows_read": n,
        "rows_used": int(keep.sum()),
        "rows_excluded": int((~keep).sum()),
        "column_mapping": {v: k for k, v in cols.items()},
        "period_start": str(start.date()),
        "period_end": str(end.date()),
        "period_years": years,
    }
    return WorkTrips(trips, excluded, problems, provenance, notes)
