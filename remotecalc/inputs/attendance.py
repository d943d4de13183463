"""Readers of attendance evidence: daily occupancy counts and badge (access-card) logs.

The reader layer's part for the employer's own attendance data: each reader validates once,
at the boundary, and returns a tidy table for :mod:`remotecalc.estimation.attendance`
(the count model and the desks it implies).

* :func:`read_occupancy`: daily counts per site (desk bookings, sensors, manual counts);
* :func:`read_badge_events`: one row per badge event -> distinct people per site and day,
  through :func:`daily_counts`.

Files are read by :func:`remotecalc.inputs.readers.read_table` (CSV with ``,`` or ``;`` and decimal
comma, XLSX, Parquet, or a DataFrame); Danish and English column names are recognised
(:data:`OCCUPANCY_COLUMN_ALIASES`, :data:`BADGE_COLUMN_ALIASES`), others are mapped with
``column_map``. Every problem is reported at once as a :class:`remotecalc.StaffingError`
naming file, row (as numbered in the file), column, value and what was expected.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from remotecalc.errors import StaffingError
from remotecalc.inputs.readers import read_table
from remotecalc.inputs.vocab import normalise_label

__all__ = [
    "BADGE_COLUMN_ALIASES",
    "OCCUPANCY_COLUMN_ALIASES",
    "PLAUSIBLE_DAYS_AHEAD",
    "PLAUSIBLE_YEARS_FROM_MEDIAN",
    "daily_counts",
    "match_columns",
    "outside_window_text",
    "parse_dates",
    "plausible_date_window",
    "read_badge_events",
    "read_occupancy",
]

#: Column names recognised in occupancy files (Danish and English), by canonical name.
OCCUPANCY_COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "dato", "day", "dag", "dato for fremmøde"),
    "site_id": (
        "site_id",
        "site",
        "site id",
        "lokation",
        "location",
        "building",
        "bygning",
        "arbejdssted",
        "adresse id",
        "lokation id",
    ),
    "count": (
        "count",
        "antal",
        "occupancy",
        "attendance",
        "persons",
        "people",
        "personer",
        "fremmødte",
        "antal fremmødte",
        "belægning",
        "headcount",
    ),
}
#: Column names recognised in badge-event files (Danish and English), by canonical name.
BADGE_COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "employee_id": (
        "employee_id",
        "employee",
        "employee id",
        "person id",
        "person_id",
        "badge id",
        "badge_id",
        "card id",
        "card_id",
        "kort id",
        "kortnummer",
        "medarbejder",
        "medarbejder id",
        "medarbejdernr",
        "medarbejdernummer",
        "medarbejder-nr.",
        "medarbejder nr",
        "lønnummer",
        "initialer",
    ),
    "timestamp": ("timestamp", "time", "datetime", "tidspunkt", "tid", "event time", "tidsstempel"),
    "date": ("date", "dato", "day", "dag"),
    "site_id": OCCUPANCY_COLUMN_ALIASES["site_id"],
}


def match_columns(
    raw: Any,
    aliases: Mapping[str, Sequence[str]],
    column_map: Mapping[str, str] | None,
    what: str,
    key: Callable[[str], str] = normalise_label,
) -> dict[str, str]:
    """{canonical -> column in the file} of an evidence file (badge logs, occupancy counts,
    work trips): ``column_map`` first, then the first column whose ``key`` matches one of a
    canonical name's ``aliases``. A mapped column the file lacks, or two columns that match
    one name, is an error naming the file; missing columns are the caller's to check.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> raw = SimpleNamespace(file="trips.csv", frame=pd.DataFrame(columns=["Dato", "Km"]))
    >>> match_columns(raw, {"date": ("dato",), "km": ("km",)}, None, "trips")
    {'date': 'Dato', 'km': 'Km'}
    """
    cols = list(raw.frame.columns)
    mapping: dict[str, str] = {}
    for src, canon in (column_map or {}).items():
        if src not in cols:
            raise StaffingError(
                f"{raw.file}: column_map names column '{src}', which the "
                f"{what} file does not have; its columns are: "
                f"{', '.join(map(repr, cols))}."
            )
        mapping[canon] = src
    for canon, names in aliases.items():
        if canon in mapping:
            continue
        keys = {key(n) for n in names}
        hits = [c for c in cols if key(c) in keys and c not in mapping.values()]
        if len(hits) > 1:
            raise StaffingError(
                f"{raw.file}: columns {', '.join(map(repr, hits))} all look "
                f"like '{canon}'; say which with column_map={{'{hits[0]}': "
                f"'{canon}'}}."
            )
        if hits:
            mapping[canon] = hits[0]
    return mapping


def _map_evidence_columns(
    raw, aliases: dict, column_map: dict | None, required: Sequence[str], what: str
) -> dict[str, str]:
    """{canonical -> column in the file}; clear errors for missing or ambiguous columns."""
    cols = list(raw.frame.columns)
    mapping = match_columns(raw, aliases, column_map, what)
    missing = [c for c in required if c not in mapping]
    if missing:
        raise StaffingError(
            f"{raw.file}: no column for {', '.join(map(repr, missing))} in the {what} data; "
            f"found columns {', '.join(map(repr, cols))}. Expected e.g. "
            + "; ".join(f"{c}: {', '.join(aliases[c][:4])}" for c in missing)
            + f". Map your own names with column_map={{'your column': '{missing[0]}'}}."
        )
    return mapping


def _parse_datetimes(values: pd.Series, tz: str | None) -> pd.Series:
    """Dates or date-times as written by Danish and ISO exports -> naive local datetime64.

    Accepts ``2024-03-05``, ``2024-03-05 08:15[:00]``, ``2024-03-05T07:15:00Z`` (converted to
    ``tz``), and day-first ``5-3-2024``, ``05.03.2024``, ``5/3/2024`` with an optional time.
    Unparseable cells become NaT.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        out = pd.to_datetime(values)
        if out.dt.tz is not None:
            out = out.dt.tz_convert(tz or "UTC").dt.tz_localize(None)
        return out.astype("datetime64[ns]")
    text = values.astype("string").str.strip()
    iso_like = text.str.match(r"^\d{4}-\d{1,2}-\d{1,2}").fillna(False)
    has_zone = text.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True).fillna(False) & iso_like
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    naive = iso_like & ~has_zone
    if naive.any():
        out[naive] = pd.to_datetime(text[naive], format="ISO8601", errors="coerce").astype(
            "datetime64[ns]"
        )
    if has_zone.any():
        zoned = pd.to_datetime(text[has_zone], format="ISO8601", errors="coerce", utc=True)
        out[has_zone] = (
            zoned.dt.tz_convert(tz or "UTC").dt.tz_localize(None).astype("datetime64[ns]")
        )
    rest = ~iso_like & text.notna()
    if rest.any():
        m = text[rest].str.extract(
            r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})"
            r"(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$"
        )
        # as floats: a nullable integer NA (a cell that is no date) would stop to_datetime;
        # the groups are digits or missing, so one conversion of the whole table does
        num = m.astype(float)
        parts = {k: num[i] for k, i in (("day", 0), ("month", 1), ("year", 2))}
        parts.update({k: num[i].fillna(0) for k, i in (("hour", 3), ("minute", 4), ("second", 5))})
        out[rest] = pd.to_datetime(pd.DataFrame(parts), errors="coerce").astype("datetime64[ns]")
    return out


def parse_dates(values: pd.Series, tz: str | None = None) -> pd.Series:
    """Dates as written by Danish and ISO exports -> datetime64 (NaT where unreadable); the
    rules of :func:`read_occupancy` (for other readers)."""
    return _parse_datetimes(values, tz)


#: How far (in years) a dated row may lie from the median date of its file: beyond it a date
#: is taken as mistyped (2205 for 2025) and its row is refused, naming it. A trip or badge
#: log covers a year or a few; one mistyped year would otherwise stretch the period to
#: centuries. [yr]
PLAUSIBLE_YEARS_FROM_MEDIAN = 3

#: How far into the future (from the day the file is read) a record may be dated. [days]
PLAUSIBLE_DAYS_AHEAD = 366


def plausible_date_window(
    dates: pd.Series, today: pd.Timestamp | None = None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a log's rows may plausibly carry: the file's median date ±
    :data:`PLAUSIBLE_YEARS_FROM_MEDIAN` years, and no later than a year after ``today``.

    Parameters
    ----------
    dates : pandas.Series of datetime64
        The file's dates (NaT ignored).
    today : pandas.Timestamp, optional
        The day of reading (default: today).

    Returns
    -------
    (start, end) : pandas.Timestamp

    Examples
    --------
    >>> d = pd.Series(pd.to_datetime(["2025-03-01", "2025-06-01", "2205-06-01"]))
    >>> [str(x.date()) for x in plausible_date_window(d, pd.Timestamp("2025-12-01"))]
    ['2022-06-01', '2026-12-02']
    """
    today = pd.Timestamp.today().normalize() if today is None else pd.Timestamp(today)
    known = pd.Series(dates).dropna()
    latest = today + pd.Timedelta(days=PLAUSIBLE_DAYS_AHEAD)
    if known.empty:
        return pd.Timestamp("1900-01-01"), latest
    mid = known.sort_values().iloc[len(known) // 2]
    years = pd.DateOffset(years=PLAUSIBLE_YEARS_FROM_MEDIAN)
    return mid - years, min(mid + years, latest)


def outside_window_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """The problem text of a date outside :func:`plausible_date_window`."""
    return (
        f"outside the plausible dates of this file, {start.date()} to {end.date()} (its "
        f"median date ± {PLAUSIBLE_YEARS_FROM_MEDIAN} years, and no more than a year ahead); "
        "a mistyped year? expected a date within them"
    )


def _parse_counts(values: pd.Series, danish: bool) -> pd.Series:
    """Counts as numbers; in ';'-separated (Danish) files '.' is a thousands separator."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        return values.astype(float)
    text = values.astype("string").str.strip().str.replace(r"\s+", "", regex=True)
    if danish:
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    return pd.to_numeric(text, errors="coerce").astype(float)


def _raise_problems(
    parts: list[pd.DataFrame], file: str, n_rows: int, what: str, max_listed: int = 10
) -> None:
    parts = [p for p in parts if len(p)]
    if not parts:
        return
    problems = pd.concat(parts, ignore_index=True).sort_values(["row", "column"], kind="stable")
    problems.insert(0, "file", file)
    problems = problems.reset_index(drop=True)
    first = "as in the file (the header is row 1)" if file != "<DataFrame>" else "from 1"
    lines = [
        (
            f"{file}: {len(problems):,} problem(s) in {problems['row'].nunique():,} of "
            f"{n_rows:,} {what} row(s); nothing was read. Rows are numbered {first}."
        )
    ]
    r: Any  # itertuples rows: named fields of mixed types (the stubs give plain tuples)
    for r in problems.head(max_listed).itertuples():
        value = "blank" if r.value in ("", None) or pd.isna(r.value) else f"'{r.value}'"
        lines.append(f"  - row {r.row}, column '{r.column}': found {value}; {r.problem}")
    if len(problems) > max_listed:
        lines.append(
            f"  ... and {len(problems) - max_listed:,} more problem(s) "
            "(see StaffingError.problems)."
        )
    raise StaffingError("\n".join(lines), problems=problems)


def _problem(frame: pd.DataFrame, mask, column: str, problem: str) -> pd.DataFrame:
    mask = np.asarray(mask, dtype=bool)
    values = (
        frame[column].astype("string").fillna("")
        if column in frame.columns
        else pd.Series("", index=frame.index)
    )
    return pd.DataFrame(
        {
            "row": frame.index[mask].to_numpy(),
            "column": column,
            "value": values.to_numpy(dtype=object)[mask],
            "problem": problem,
        }
    )


def read_occupancy(
    source: str | Path | pd.DataFrame,
    *,
    column_map: dict | None = None,
    sheet: str | int | None = None,
    site_id: str = "site",
) -> pd.DataFrame:
    """Read daily occupancy counts per site (desk bookings, sensors, manual counts).

    Parameters
    ----------
    source : str, pathlib.Path or pandas.DataFrame
        CSV (``,`` or ``;`` with decimal comma; UTF-8, UTF-8 with BOM or cp1252), XLSX or
        Parquet, or a DataFrame, with columns for the date, the site (optional) and the count.
        Danish and English names are recognised (``dato``/``date``, ``lokation``/``site_id``,
        ``antal``/``count``...).
    column_map : dict, optional
        ``{column in the file: canonical name}`` for other names, e.g.
        ``{"Belægning kl. 10": "count"}``.
    sheet : str or int, optional
        Excel sheet.
    site_id : str, default "site"
        Site identifier used when the file has no site column.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (datetime64, midnight), ``site_id`` (str), ``count`` (int)
        [persons/day] and ``source_row`` (the row as numbered in the file), sorted by site and
        date.

    Raises
    ------
    remotecalc.StaffingError
        Naming file, row, column, value and what was expected for: a date that cannot be read,
        a count that is blank, negative or not a whole number, a blank site, and a site and
        date given twice. ``StaffingError.problems`` lists them all.

    Examples
    --------
    >>> raw = pd.DataFrame({"Dato": ["02-01-2024", "03.01.2024"], "Lokation": ["RAAD", "RAAD"],
    ...                     "Antal": ["112", "98"]})
    >>> read_occupancy(raw)[["date", "site_id", "count"]]
            date site_id  count
    0 2024-01-02    RAAD    112
    1 2024-01-03    RAAD     98
    """
    raw = read_table(source, sheet=sheet, what="occupancy")
    cols = _map_evidence_columns(
        raw, OCCUPANCY_COLUMN_ALIASES, column_map, ("date", "count"), "occupancy"
    )
    frame = raw.frame.rename(columns={v: k for k, v in cols.items()})
    if "site_id" not in cols:
        frame["site_id"] = site_id
    date = _parse_datetimes(frame["date"], None)
    count = _parse_counts(frame["count"], danish=raw.separator == ";")
    site = frame["site_id"].astype("string").str.strip()
    blank_date = frame["date"].isna() | frame["date"].astype("string").str.strip().eq("")
    dup = pd.DataFrame({"s": site, "d": date}).duplicated(keep=False) & date.notna() & site.notna()
    lo, hi = plausible_date_window(date)
    _raise_problems(
        [
            _problem(frame, blank_date, "date", "expected a date (e.g. 2024-03-05 or 05-03-2024)"),
            _problem(
                frame,
                date.notna() & ((date < lo) | (date > hi)),
                "date",
                outside_window_text(lo, hi),
            ),
            _problem(
                frame,
                date.isna() & ~blank_date,
                "date",
                "expected a date such as 2024-03-05, 05-03-2024 or 05.03.2024",
            ),
            _problem(frame, count.isna(), "count", "expected a whole number of persons"),
            _problem(
                frame,
                count.notna() & ((count < 0) | (count != np.round(count))),
                "count",
                "expected a whole number of persons, 0 or more",
            ),
            _problem(frame, site.isna() | site.eq(""), "site_id", "expected a site identifier"),
            _problem(
                frame,
                dup,
                "date",
                "the same site and date appear on more than one row; "
                "expected one count per site and day",
            ),
        ],
        raw.file,
        len(frame),
        "occupancy",
    )
    out = pd.DataFrame(
        {
            "date": date.dt.normalize(),
            "site_id": site.astype(str),
            "count": count.astype(np.int64),
            "source_row": frame.index.to_numpy(),
        }
    )
    return out.sort_values(["site_id", "date"], kind="stable").reset_index(drop=True)


def daily_counts(events: pd.DataFrame, fill_missing_days: bool = True) -> pd.DataFrame:
    """Distinct people per site and day from badge (or booking) events.

    Parameters
    ----------
    events : pandas.DataFrame
        Columns ``employee_id``, ``site_id`` and ``date`` (datetime64; a ``timestamp`` column
        is used when there is no ``date``).
    fill_missing_days : bool, default True
        Count weekdays (Monday–Friday) between a site's first and last event without any
        event as 0 persons. Set ``False`` when gaps in the log are outages rather than empty
        offices.

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``site_id``, ``count`` (distinct employees) [persons/day] and
        ``events`` (badge events that day).

    Examples
    --------
    >>> ev = pd.DataFrame({"employee_id": ["a", "a", "b", "a"], "site_id": "S",
    ...                    "date": pd.to_datetime(["2024-01-02", "2024-01-02", "2024-01-02",
    ...                                            "2024-01-04"])})
    >>> daily_counts(ev)[["date", "count"]]
            date  count
    0 2024-01-02      2
    1 2024-01-03      0
    2 2024-01-04      1
    """
    date = events["date"] if "date" in events.columns else events["timestamp"]
    frame = pd.DataFrame(
        {
            "site_id": events["site_id"].astype(str).to_numpy(),
            "date": pd.to_datetime(date).dt.normalize().to_numpy(),
            "employee_id": events["employee_id"].astype(str).to_numpy(),
        }
    )
    g = frame.groupby(["site_id", "date"], sort=True)
    out = pd.DataFrame({"count": g["employee_id"].nunique(), "events": g.size()})
    if fill_missing_days and len(out):
        span = out.reset_index().groupby("site_id")["date"].agg(["min", "max"])
        full = pd.MultiIndex.from_tuples(
            [
                (s, d)
                for s, lo, hi in zip(span.index, span["min"], span["max"], strict=True)
                for d in pd.bdate_range(lo, hi)
            ],
            names=["site_id", "date"],
        )
        out = out.reindex(out.index.union(full), fill_value=0)
    out = out.reset_index()[["date", "site_id", "count", "events"]]
    return out.astype({"count": np.int64, "events": np.int64})


def read_badge_events(
    source: str | Path | pd.DataFrame,
    *,
    column_map: dict | None = None,
    sheet: str | int | None = None,
    tz: str = "Europe/Copenhagen",
    fill_missing_days: bool = True,
    site_id: str = "site",
) -> pd.DataFrame:
    """Read badge (access-card) or booking events and count distinct people per site and day.

    Parameters
    ----------
    source : str, pathlib.Path or pandas.DataFrame
        One row per event with the employee (``employee_id``, ``medarbejdernr``, ``badge_id``
        ...), a ``timestamp`` or ``date``, and the site (optional).
    column_map : dict, optional
        ``{column in the file: canonical name}``.
    sheet : str or int, optional
        Excel sheet.
    tz : str, default "Europe/Copenhagen"
        Time zone that time stamps with an offset (``...Z``, ``+01:00``) are converted to
        before taking the date; time stamps without an offset are taken as local time.
    fill_missing_days : bool, default True
        See :func:`daily_counts`.
    site_id : str, default "site"
        Site identifier used when the file has no site column.

    Returns
    -------
    pandas.DataFrame
        Daily counts as :func:`daily_counts`: ``date``, ``site_id``, ``count``, ``events``.

    Raises
    ------
    remotecalc.StaffingError
        For a blank employee, a time stamp or date that cannot be read, or a blank site,
        naming file, row, column, value and what was expected.

    Examples
    --------
    >>> ev = pd.DataFrame({"Medarbejdernr": ["17", "17", "23"],
    ...                    "Tidspunkt": ["02-01-2024 08:02", "02-01-2024 15:40",
    ...                                  "2024-01-02T07:55:00Z"]})
    >>> read_badge_events(ev)[["date", "count", "events"]]
            date  count  events
    0 2024-01-02      2       3
    """
    raw = read_table(source, sheet=sheet, what="badge events")
    aliases = dict(BADGE_COLUMN_ALIASES)
    cols = _map_evidence_columns(raw, aliases, column_map, ("employee_id",), "badge events")
    if "timestamp" not in cols and "date" not in cols:
        raise StaffingError(
            f"{raw.file}: no column with the time of the event; expected "
            f"'timestamp' or 'date' (or Danish 'tidspunkt'/'dato'); found "
            f"{', '.join(map(repr, raw.frame.columns))}."
        )
    frame = raw.frame.rename(columns={v: k for k, v in cols.items()})
    if "site_id" not in cols:
        frame["site_id"] = site_id
    when_col = "timestamp" if "timestamp" in cols else "date"
    when = _parse_datetimes(frame[when_col], tz)
    emp = frame["employee_id"].astype("string").str.strip()
    site = frame["site_id"].astype("string").str.strip()
    lo, hi = plausible_date_window(when)
    _raise_problems(
        [
            _problem(
                frame,
                when.notna() & ((when < lo) | (when > hi)),
                when_col,
                outside_window_text(lo, hi),
            ),
            _problem(
                frame,
                emp.isna() | emp.eq(""),
                "employee_id",
                "expected an employee or badge identifier",
            ),
            _problem(
                frame,
                when.isna(),
                when_col,
                "expected a date or time stamp such as 2024-03-05 08:15 or 05-03-2024 08:15",
            ),
            _problem(frame, site.isna() | site.eq(""), "site_id", "expected a site identifier"),
        ],
        raw.file,
        len(frame),
        "badge event",
    )
    events = pd.DataFrame(
        {
            "employee_id": emp.astype(str).to_numpy(),
            "site_id": site.astype(str).to_numpy(),
            "date": when.to_numpy(),
        }
    )
    return daily_counts(events, fill_missing_days=fill_missing_days)
