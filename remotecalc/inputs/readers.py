"""Readers: an employer's staffing and sites files in, validated canonical tables out.

Reads CSV (comma or semicolon, decimal comma, UTF-8, UTF-8 with BOM or cp1252 as Danish
Excel writes it), XLSX (sheet selectable), Parquet, or a DataFrame; maps the employer's column
names onto the glossary in :mod:`remotecalc.inputs.vocab`; validates once, here at the boundary
(pandera for types, ranges and allowed values; cross-table checks for sites, postcodes and
coordinates). ``strict=True`` raises :class:`remotecalc.StaffingError`; ``strict=False``
excludes bad rows with their reasons. Always: rows read = rows used + rows excluded.
"""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import functools
import hashlib
import io
import math
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from remotecalc._numeric import positions
from remotecalc.errors import StaffingError
from remotecalc.formulas import office
from remotecalc.i18n import NOTE_WORDS, Note
from remotecalc.inputs.geography import (
    COUNTRY_BOUNDS,
    LocationTable,
    as_location_table,
    haversine_km,
    od_origin_key,
    outside_bounds,
    packaged_location_table,
)
from remotecalc.inputs.occupations import map_isco_to_jrc, packaged_jrc_index
from remotecalc.inputs.vocab import (
    COLUMN_ALIASES,
    MODE_SYNONYMS,
    MODES,
    NO_WORDS,
    SITE_ALIASES,
    SITE_TYPE_SYNONYMS,
    SITE_TYPES,
    YES_WORDS,
    canonical_mode,
    normalise_column,
    normalise_label,
)
from remotecalc.inputs.workforce import Workforce

__all__ = [
    "ADDITIVE_NOTES",
    "HOURS_MAX",
    "HOURS_MIN",
    "NO_OWN_OFFICE_TYPES",
    "OD_STRAIGHT_LINE_MIN_KM",
    "OD_STRAIGHT_LINE_SHARE",
    "READ_FIRST_NOTES",
    "TELEWORKABLE_SOURCES",
    "WORKING_TIME_COLUMNS",
    "StaffRead",
    "ambiguous_decimal_notes",
    "build_workforce",
    "canonical_site_types",
    "closest_column",
    "derive_staff_defaults",
    "map_staff_columns",
    "merge_notes",
    "norm_week",
    "numeric_cells",
    "od_below_straight_line",
    "parse_numbers",
    "parse_staff_values",
    "read_od",
    "read_sites",
    "read_staff_table",
    "read_staffing",
    "read_table",
    "same_point_notes",
    "site_default_notes",
    "validate_staff_rows",
    "yes_no",
]
# also public, for other readers (the Dask backend): RawTable, raw_table, detect_encoding,
# detect_separator, file_sha256, format_problems

#: Numeric staff columns and, for each, the plain-language range the schema checks.
STAFF_NUMERIC = (
    "fte",
    "fte_percent",
    "weekly_hours",
    "onsite_days_per_week",
    "one_way_km",
    "commute_minutes_one_way",
    "home_lat",
    "home_lon",
    "teleworkable",
)
SITE_NUMERIC = (
    "lat",
    "lon",
    "area_m2",
    "office_area_m2",
    "building_area_m2",
    "desks",
    "rent_per_m2_per_year",
    "operating_cost_per_m2_per_year",
    "electricity_kwh_per_m2_per_year",
    "heat_kwh_per_m2_per_year",
)

#: Defaults for optional staff columns that are absent from the file (recorded as a note).
STAFF_DEFAULTS = {"fte": 1.0, "onsite_days_per_week": 5.0}

_ZIP_MAGIC = b"PK\x03\x04"  # XLSX (and any zip)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old XLS
_SEPARATORS = (";", ",", "\t", "|")
#: Longest value quoted in a message (longer ones are cut, with an ellipsis).
_MAX_VALUE_CHARS = 60

_NA_TEXT = {"", "nan", "na", "n/a", "none", "null", "-", "--", "#n/a", "#i/t"}


# --------------------------------------------------------------------------------------------
# Reading the bytes
# --------------------------------------------------------------------------------------------
@dataclass
class RawTable:
    """A table as read, all cells as text, indexed by the row number as shown in the file."""

    frame: pd.DataFrame
    file: str
    format: str
    sha256: str
    encoding: str = ""
    separator: str = ""
    blank_lines_skipped: int = 0
    extra: dict = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, as hex (recorded in provenance).

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    str
        64 hexadecimal digits.
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def detect_encoding(head: bytes, path: Path) -> str:
    """Encoding of a CSV file: a BOM's, else ``'utf-8'``, UTF-16 by its zero bytes, or cp1252.

    Parameters
    ----------
    head : bytes
        The file's first bytes (BOMs, zip and OLE signatures are looked for here).
    path : pathlib.Path
        The file; all of it is tried as UTF-8.

    Returns
    -------
    str
        A codec name for :func:`open` and :func:`pandas.read_csv`: ``'utf-8-sig'``,
        ``'utf-16'`` (with a BOM), ``'utf-16-le'``/``'utf-16-be'`` (without), ``'utf-8'``
        or ``'cp1252'`` (what Danish Excel writes for "CSV (semikolonsepareret)").

    Raises
    ------
    StaffingError
        When the bytes are a workbook (XLSX zip or old XLS) or binary, not text.

    Examples
    --------
    >>> from pathlib import Path
    >>> detect_encoding(b"\\xff\\xfee\\x00m\\x00", Path("staff.csv"))
    'utf-16'
    """
    label = path.name
    if head.startswith(_ZIP_MAGIC):
        raise StaffingError(
            f"{label}: the file is an Excel workbook (XLSX, a zip file) with a "
            f"'{path.suffix}' name, not text; rename it to .xlsx or save it from Excel as "
            "'CSV UTF-8'."
        )
    if head.startswith(_OLE_MAGIC):
        raise StaffingError(
            f"{label}: the file is an old Excel workbook (.xls) with a '{path.suffix}' name, "
            "not text; open it in Excel and save it as .xlsx or 'CSV UTF-8'."
        )
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
            return "utf-32"
        return "utf-16"
    sample = head[:4096]
    if sample.count(b"\x00") > len(sample) // 4:  # UTF-16 without a BOM
        even = sample[0::2].count(b"\x00")
        odd = sample[1::2].count(b"\x00")
        return "utf-16-le" if odd > even else "utf-16-be"
    if b"\x00" in sample:
        raise StaffingError(
            f"{label}: the file holds binary data (zero bytes), not delimited text; expected "
            "a CSV file (or an .xlsx or .parquet file with that extension)."
        )
    try:
        path.read_bytes().decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"  # what Danish Excel writes for "CSV (semikolonsepareret)"


def detect_separator(first_line: str) -> str:
    """The CSV separator of a header line: the most frequent of ``; , tab |`` outside quotes.

    Parameters
    ----------
    first_line : str
        The header line.

    Returns
    -------
    str
        ``','`` when none of them occurs.

    Examples
    --------
    >>> detect_separator('medarbejdernr;"navn, fulde";postnr')
    ';'
    """
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    counts = {sep: unquoted.count(sep) for sep in _SEPARATORS}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


#: Python and NumPy types of cells that a workbook stored as numbers (bool is not one).
_NUMBER_TYPES = (int, float, np.int64, np.int32, np.float64, np.float32)


def _finish(frame: pd.DataFrame, first_row: int) -> tuple[pd.DataFrame, int]:
    """Number rows as in the file, drop fully blank rows, strip header names."""
    frame.index = pd.RangeIndex(first_row, first_row + len(frame))
    frame.columns = [str(c).strip() for c in frame.columns]
    if len(frame) == 0:
        return frame, 0
    blank = frame.isna().all(axis=1).to_numpy()
    n_blank = int(blank.sum())
    return (frame.loc[~blank] if n_blank else frame), n_blank


def raw_table(
    frame: pd.DataFrame, file: str, fmt: str, sha256: str, first_row: int = 1
) -> RawTable:
    """A :class:`RawTable` of a frame whose first row has number ``first_row`` in its file.

    Rows are numbered as in the file, fully blank rows are dropped (and counted) and header
    names are stripped, as :func:`read_table` does; the result can be passed to
    :func:`read_staffing` as its ``source`` (the Dask backend does so for each partition).

    Parameters
    ----------
    frame : pandas.DataFrame
        Cells as text.
    file : str
        The file's name, used in messages.
    fmt : str
        Its format (``'csv'``, ``'parquet'``, ...).
    sha256 : str
        Its hash (see :func:`file_sha256`), or ``''``.
    first_row : int, default 1
        Row number of the frame's first row in the file.

    Returns
    -------
    RawTable
    """
    frame, n_blank = _finish(frame, first_row)
    return RawTable(frame, file, fmt, sha256, blank_lines_skipped=n_blank)


def _cut(text, n: int = _MAX_VALUE_CHARS) -> str:
    """``text`` cut to ``n`` characters with an ellipsis (values in messages)."""
    t = str(text)
    return t if len(t) <= n else t[: n - 1] + "…"


def _header_score(cells, known: frozenset[str]) -> int:
    """How many cells of a row are known column names (0 without a vocabulary)."""
    if not known:
        return 0
    return sum(
        1 for c in cells if isinstance(c, str) and c.strip() and normalise_column(c) in known
    )


def _check_duplicate_headers(names: list, label: str, header_row: int, excel: bool) -> None:
    seen: dict[str, int] = {}
    for i, n in enumerate(names):
        name = "" if n is None or (isinstance(n, float) and np.isnan(n)) else str(n).strip()
        if not name:
            continue
        if name in seen:
            where = (
                f"columns {_excel_col(seen[name])} and {_excel_col(i)}"
                if excel
                else f"columns {seen[name] + 1} and {i + 1}"
            )
            raise StaffingError(
                f"{label}: row {header_row} (the header) names the column '{_cut(name)}' twice "
                f"({where}); expected each column name once. Rename or delete one of them "
                "(remotecalc does not guess which one holds the right values)."
            )
        seen[name] = i


def _excel_col(i: int) -> str:
    """0-based column position -> Excel letters (0 -> A, 26 -> AA)."""
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


@functools.cache
def _vocabulary(what: str) -> frozenset[str]:
    if what == "staff":
        return frozenset(COLUMN_ALIASES)
    if what == "sites":
        return frozenset(SITE_ALIASES)
    return frozenset()


def _read_excel(
    path: Path, label: str, sheet, what: str, digest: str, notes: list[str]
) -> RawTable:
    """An XLSX sheet as text cells; the header row (below a title) and sheet are found."""
    try:
        with pd.ExcelFile(path) as book:
            names = [str(n) for n in book.sheet_names]  # sheet names are text
            if sheet is None:
                sheet_name = names[0]
            elif isinstance(sheet, int):
                if not 0 <= sheet < len(names):
                    raise StaffingError(
                        f"{label}: sheet number {sheet} does not exist; the "
                        f"workbook has {len(names)} sheet(s): {', '.join(names)}."
                    )
                sheet_name = names[sheet]
            else:
                if sheet not in names:
                    close = difflib.get_close_matches(sheet, names, n=1)
                    if not close:
                        lower = {n.lower(): n for n in names}
                        close = [lower[sheet.lower()]] if sheet.lower() in lower else []
                    hint = f" Did you mean '{close[0]}'?" if close else ""
                    raise StaffingError(
                        f"{label}: no sheet named '{sheet}'; the workbook has: "
                        f"{', '.join(names)}.{hint}"
                    )
                sheet_name = sheet
            known = _vocabulary(what)
            grids = {
                sheet_name: pd.read_excel(book, sheet_name=sheet_name, header=None, dtype=object)
            }
            header_at = _find_header_rows(grids[sheet_name], known)
            if header_at is None and sheet is None and known:
                for other in names[1:]:
                    g = pd.read_excel(book, sheet_name=other, header=None, dtype=object)
                    at = _find_header_rows(g, known)
                    if at is not None:
                        notes.append(
                            Note(
                                "sheet_other",
                                label=label,
                                what=Note.word(what) if what in NOTE_WORDS else what,
                                sheet=str(other),
                                first=str(sheet_name),
                            )
                        )
                        sheet_name, header_at = other, at
                        grids[other] = g
                        break
    except StaffingError:
        raise
    except Exception as exc:  # corrupt or not really Excel
        raise StaffingError(
            f"{label}: could not be opened as an Excel workbook ({_cut(exc, 200)})."
        ) from exc
    grid = grids[sheet_name]
    file_label = f"{label} [sheet {sheet_name}]"
    if len(grid) == 0:
        return RawTable(pd.DataFrame(), file_label, "xlsx", digest)
    h = 0 if header_at is None else header_at
    if header_at is None:
        filled = grid.notna().any(axis=1)
        h = int(np.argmax(filled.to_numpy())) if filled.any() else 0
    header = list(grid.iloc[h])
    _check_duplicate_headers(header, file_label, h + 1, excel=True)
    if h > 0 and header_at is not None:
        above = [str(v) for v in grid.iloc[:h].to_numpy().ravel() if pd.notna(v)][:3]
        notes.append(
            Note(
                "header_row",
                label=file_label,
                row=h + 1,
                above=f" ({_cut(' | '.join(above))})" if above else "",
            )
        )
    body = grid.iloc[h + 1 :].reset_index(drop=True)
    body.columns = [
        f"Unnamed: {i}" if (v is None or (isinstance(v, float) and np.isnan(v))) else str(v)
        for i, v in enumerate(header)
    ]
    # a cell Excel stored as a number (not text, not a bool): its type, looked up per column
    numeric = body.apply(lambda col: col.map(type).isin(_NUMBER_TYPES)).astype(bool) & body.notna()
    text = body.where(body.isna(), body.astype(str))
    frame, n_blank = _finish(text, h + 2)
    numeric.index = pd.RangeIndex(h + 2, h + 2 + len(numeric))
    numeric.columns = frame.columns
    raw = RawTable(frame, file_label, "xlsx", digest, blank_lines_skipped=n_blank)
    raw.extra.update(numeric_cells=numeric.loc[frame.index], header_row=h + 1)
    if header_at is None and known:
        raw.extra["no_header_hint"] = _no_header_hint(grid, known, sheet_name, names)
    return raw


def _find_header_rows(grid: pd.DataFrame, known: frozenset[str]) -> int | None:
    """Position of the header among a sheet's first rows: the first with most known names."""
    if not known or len(grid) == 0:
        return None
    scores = [_header_score(list(grid.iloc[i]), known) for i in range(min(len(grid), 30))]
    best = max(scores)
    return scores.index(best) if best > 0 else None


def _no_header_hint(grid: pd.DataFrame, known, sheet_name: str, names: list[str]) -> str:
    return (
        f" No row among the first 30 of sheet '{sheet_name}' holds known column names"
        + (
            f"; the workbook's other sheets are: {', '.join(n for n in names if n != sheet_name)}"
            " (pass sheet=...)"
            if len(names) > 1
            else ""
        )
        + "."
    )


def read_table(
    source,
    sheet: str | int | None = None,
    what: str = "staff",
    numeric_columns=None,
    ragged: str = "raise",
) -> RawTable:
    """Read a CSV, XLSX, Parquet file or DataFrame into text cells numbered as in the file.

    Parameters
    ----------
    source : str, pathlib.Path or pandas.DataFrame
        The table. CSV separator and encoding are detected (``;``, ``,``, tab or ``|``, or
        Excel's ``sep=`` first line; UTF-8, UTF-8 with BOM, UTF-16 or cp1252). A workbook
        saved with a ``.csv`` name is read as the workbook it is.
    sheet : str or int, optional
        Excel sheet (name or 0-based position); default the first (or, for staff and sites,
        the first sheet with a header row of known column names).
    what : str
        Used in error messages ("staff", "sites"); for "staff" and "sites" the header row is
        looked for below a title (rows above it are skipped, in a note).
    numeric_columns : callable, optional
        ``f(column name) -> bool``: CSV columns for which the fast C number parser may be
        used (the rest are read as text, keeping leading zeros of ids and postcodes). Cells it
        cannot parse stay text and are parsed (decimal commas) or reported later.
    ragged : {'raise', 'mark'}, default 'raise'
        A CSV row with more fields than the header: ``'raise'`` stops with an error naming
        the row (and the column a decimal comma split, when it can tell); ``'mark'`` keeps
        the row's first fields in place (so numbering is unchanged) and lists it in
        ``extra["ragged_rows"]`` ({row number: reason}) for a lenient reader to exclude.

    Returns
    -------
    RawTable
        Rows are numbered as a person sees them: in CSV and Excel files the header is row 1
        (or the row it is found on) and the next row is the first data row; in Parquet files
        and DataFrames the first row is 1. ``extra`` holds ``notes`` (things a reader did
        that the user should know), ``decimal`` (the file's decimal mark, when it has one)
        and, for workbooks, ``numeric_cells``.

    Raises
    ------
    StaffingError
        A file that cannot be read, with what was found and what to do.
    """
    if isinstance(source, RawTable):  # already read (the partitions of the Dask backend)
        return source
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        _check_duplicate_headers(list(frame.columns), "<DataFrame>", 1, excel=False)
        frame, n_blank = _finish(frame, 1)
        digest = hashlib.sha256(
            pd.util.hash_pandas_object(source, index=False).to_numpy().tobytes()
        ).hexdigest()
        return RawTable(frame, "<DataFrame>", "dataframe", digest, blank_lines_skipped=n_blank)

    path = Path(source)
    if not path.exists():
        raise StaffingError(f"{what} file not found: {path}")
    if path.is_dir():
        raise StaffingError(f"{path}: is a folder; expected a {what} file.")
    suffix = path.suffix.lower()
    label = path.name
    if path.stat().st_size == 0:
        raise StaffingError(
            f"{label}: the file is empty (0 bytes); expected a header row and "
            f"one row per {'employee' if what == 'staff' else 'site'}."
        )
    digest = file_sha256(path)
    notes: list[str] = []
    with open(path, "rb") as fh:
        head = fh.read(65536)
    if suffix in (".xlsx", ".xlsm", ".xls") or (
        head.startswith(_ZIP_MAGIC) and suffix not in (".parquet", ".pq")
    ):
        if suffix not in (".xlsx", ".xlsm", ".xls"):
            notes.append(Note("excel_other_suffix", label=label, suffix=suffix))
        if suffix == ".xls" or head.startswith(_OLE_MAGIC):
            raise StaffingError(
                f"{label}: is an old Excel workbook (.xls); open it in Excel and save it as "
                ".xlsx or 'CSV UTF-8'."
            )
        raw = _read_excel(path, label, sheet, what, digest, notes)
        raw.extra.setdefault("notes", []).extend(notes)
        return raw
    if suffix in (".parquet", ".pq"):
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:
            raise StaffingError(
                f"{label}: could not be read as Parquet ({_cut(exc, 200)}); expected a "
                "Parquet file (or give the file the extension of its format)."
            ) from exc
        _check_duplicate_headers(list(frame.columns), label, 1, excel=False)
        frame, n_blank = _finish(frame, 1)
        return RawTable(frame, label, "parquet", digest, blank_lines_skipped=n_blank)
    return _read_csv(path, label, head, what, digest, numeric_columns, notes, ragged)


def _read_csv(path, label, head, what, digest, numeric_columns, notes, ragged="raise") -> RawTable:
    """Delimited text: encoding, ``sep=`` line, separator, header row, duplicates, ragged rows."""
    if head.startswith(_OLE_MAGIC):
        raise StaffingError(
            f"{label}: is an old Excel workbook (.xls) with a '{path.suffix}' name, not text; "
            "open it in Excel and save it as .xlsx or 'CSV UTF-8'."
        )
    encoding = detect_encoding(head, path)
    if encoding.startswith("utf-16") or encoding == "utf-32":
        notes.append(Note("encoding", label=label, encoding=encoding.upper()))
    text_head = head.decode(encoding, errors="replace")
    lines = text_head.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(head) == 65536:
        lines = lines[:-1]  # the last line may be cut
    lines = [ln.lstrip("\ufeff") for ln in lines]
    if not any(ln.strip() for ln in lines):
        raise StaffingError(f"{label}: the file holds only blank lines; expected a header row.")
    skip = 0
    sep = None
    first = next(i for i, ln in enumerate(lines) if ln.strip())
    m = re.fullmatch(r'\s*"?sep=(.)"?[,;\t|]*\s*', lines[first], flags=re.IGNORECASE)
    if m:
        sep = m.group(1)
        skip = first + 1
        notes.append(Note("excel_sep", label=label, sep=sep))
    known = _vocabulary(what)
    window = [(i, ln) for i, ln in enumerate(lines) if i >= skip and ln.strip()][:30]
    if not window:
        raise StaffingError(f"{label}: the file holds no header row after its 'sep=' line.")

    def cells(ln: str, s: str) -> list[str]:
        try:
            return next(csv.reader([ln], delimiter=s))
        except (csv.Error, StopIteration):
            return ln.split(s)

    header_i = window[0][0]
    if sep is None:
        sep = detect_separator(window[0][1])
        if known:
            best = (0, 0, sep)
            for order, s in enumerate(dict.fromkeys([sep, *_SEPARATORS])):
                for _i, ln in window:
                    sc = _header_score(cells(ln, s), known)
                    if sc > best[0]:
                        best = (sc, -order, s)
            if best[0] > 0:
                sep = best[2]
    hint = ""
    if known:
        scores = [(_header_score(cells(ln, sep), known), i) for i, ln in window]
        top = max(sc for sc, _ in scores)
        if top > 0:
            header_i = next(i for sc, i in scores if sc == top)
        else:
            hint = (
                f" Row {window[0][0] + 1} does not look like a header and no row among the "
                f"first {len(window)} holds known column names; if the header is lower down, "
                "delete the rows above it."
            )
    if header_i > window[0][0]:
        above = [_cut(ln.strip(), 40) for i, ln in window if i < header_i][:2]
        notes.append(
            Note("header_row", label=label, row=header_i + 1, above=f" ({' | '.join(above)})")
        )
    header_cells = [c.strip() for c in cells(lines[header_i], sep)]
    _check_duplicate_headers(header_cells, label, header_i + 1, excel=False)
    decimal = {";": ",", ",": "."}.get(sep)
    try:
        if decimal is None or numeric_columns is None:
            dtypes: dict | type = str
        else:
            dtypes = {c: str for c in header_cells if not numeric_columns(c)}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            frame = pd.read_csv(path, **_csv_options(sep, encoding, dtypes, decimal, header_i))
        if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
            raise pd.errors.ParserError("a row has more fields than the header")
    except pd.errors.ParserError as exc:
        if ragged != "mark":
            raise StaffingError(_ragged_text(path, label, encoding, sep, header_i, exc)) from exc
        frame, ragged_rows = _read_ragged(path, label, encoding, sep, header_i, decimal, dtypes)
    except UnicodeDecodeError as exc:  # should not happen after detection; never raw
        raise StaffingError(
            f"{label}: could not be decoded as {encoding} text at byte {exc.start}; save it "
            "from Excel as 'CSV UTF-8'."
        ) from exc
    except (ValueError, csv.Error) as exc:
        raise StaffingError(
            f"{label}: could not be read as '{sep}'-separated text ({_cut(exc, 200)})."
        ) from exc
    else:
        ragged_rows = {}
    frame, n_blank = _finish(frame, header_i + 2)
    raw = RawTable(
        frame, label, "csv", digest, encoding=encoding, separator=sep, blank_lines_skipped=n_blank
    )
    raw.extra.update(notes=notes, decimal=decimal, header_row=header_i + 1)
    if ragged_rows:
        raw.extra["ragged_rows"] = ragged_rows
    if hint:
        raw.extra["no_header_hint"] = hint
    return raw


def _csv_options(sep: str, encoding: str, dtypes, decimal: str | None, header_i: int) -> dict:
    """``pandas.read_csv`` options of a detected file: every row kept in its place (blank
    lines too, so row numbers stay those of the file), the header on row ``header_i``."""
    return {
        "sep": sep,
        "encoding": encoding,
        "dtype": dtypes,
        "skip_blank_lines": False,
        "skipinitialspace": True,
        "decimal": decimal or ".",
        "skiprows": header_i,
        "header": 0,
        "quotechar": '"',
        "index_col": False,
    }


def _read_ragged(path, label, encoding, sep, header_i, decimal, dtypes):
    """Read a CSV whose rows may have more fields than the header, keeping every row.

    A longer row keeps its first fields, in its place (row numbers do not move), and is
    returned in ``{row number: reason}`` for the lenient reader to exclude with its reason.
    pandas' Python engine calls ``on_bad_lines`` for such rows; it is only used when the fast
    reader found one (lenient reading only).
    """
    text = path.read_bytes().decode(encoding, errors="replace")
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    n = len(rows[header_i]) if header_i < len(rows) else 0
    ragged_rows = {
        k + 1: f"the row has {len(f)} fields where the header (row {header_i + 1}) has {n}; "
        "an unquoted separator or decimal comma?"
        for k, f in enumerate(rows)
        if k > header_i and len(f) > n
    }
    try:
        frame = pd.read_csv(
            path,
            **_csv_options(sep, encoding, dtypes, decimal, header_i),
            engine="python",
            on_bad_lines=lambda fields: fields[:n],
        )
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        raise StaffingError(
            f"{label}: could not be read as '{sep}'-separated text ({_cut(exc, 200)})."
        ) from exc
    return frame, ragged_rows


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"\s*-?\d+([.,]\d+)?\s*", text))


def _split_column_text(fields: list[str], header: list[str], ref: list[str] | None) -> str:
    """Which column an unquoted decimal comma split: the merges that fit the other rows."""
    cands = []
    for j in range(min(len(fields) - 1, len(header))):
        a, b = fields[j].strip(), fields[j + 1].strip()
        if not (re.fullmatch(r"-?\d+", a) and re.fullmatch(r"\d+", b)):
            continue
        merged = [*fields[:j], f"{a},{b}", *fields[j + 2 :]]
        score: float = 0.0
        if ref is not None:
            score = 1.0 * sum(
                _is_number(m) == _is_number(x) for m, x in zip(merged, ref, strict=False)
            )
            score += 0.5 * ("." in ref[j])
        cands.append((score, j, f"{a},{b}"))
    if not cands:
        return ""
    top = max(s for s, _, _ in cands)
    best = [(j, v) for s, j, v in cands if s == top][:3]
    which = " or ".join(f"column '{_cut(header[j])}': found '{_cut(v)}'" for j, v in best)
    return f", {which} (an unquoted decimal comma in a comma-separated file?)"


def _ragged_text(path: Path, label: str, encoding: str, sep: str, header_i: int, exc) -> str:
    """A row with more fields than the header: which row, and which column split, if seen."""
    text = path.read_bytes().decode(encoding, errors="replace")
    rows = list(csv.reader(io.StringIO(text), delimiter=sep))
    header = rows[header_i] if header_i < len(rows) else []
    n = len(header)
    for k, fields in enumerate(rows):
        if k <= header_i or len(fields) <= n:
            continue
        row_no = k + 1
        extra = len(fields) - n
        col = ""
        if extra == 1 and sep == ",":
            ref = next((f for f in rows[header_i + 1 :] if len(f) == n), None)
            col = _split_column_text(fields, header, ref)
        return (
            f"{label}: row {row_no} has {len(fields)} fields where the header (row "
            f"{header_i + 1}) has {n}{col}; expected {n} '{sep}'-separated fields. Quote "
            "values that contain the separator, or save the file with ';' as separator "
            "when numbers have decimal commas."
        )
    return f"{label}: could not be read as '{sep}'-separated text ({_cut(exc, 200)})."


# --------------------------------------------------------------------------------------------
# Column mapping
# --------------------------------------------------------------------------------------------
def _map_columns(
    raw: RawTable, aliases: dict, column_map: dict | None, known: tuple[str, ...]
) -> dict[str, str]:
    """Return {source column -> canonical name}; raise on ambiguous or unknown mappings."""
    cols = list(raw.frame.columns)
    mapping: dict[str, str] = {}
    if column_map:
        missing = [k for k in column_map if k not in cols]
        if missing:
            raise StaffingError(
                f"{raw.file}: column_map names column(s) {', '.join(map(repr, missing))} that "
                f"the file does not have; its columns are: {', '.join(map(repr, cols))}."
            )
        targets: dict[str, list[str]] = {}
        for k, v in column_map.items():
            if not isinstance(v, str) or not v.strip():
                raise StaffingError(
                    f"{raw.file}: column_map sends column '{_cut(k)}' to {v!r}; expected a "
                    "column name (text)."
                )
            targets.setdefault(v, []).append(k)
        twice = {v: ks for v, ks in targets.items() if len(ks) > 1}
        if twice:
            v, ks = next(iter(twice.items()))
            raise StaffingError(
                f"{raw.file}: column_map sends {len(ks)} columns "
                f"({', '.join(repr(_cut(k)) for k in ks)}) to the same name '{_cut(v)}'; "
                "expected each name once. Keep the column that holds the right values in "
                "column_map and leave the other out (it is then kept under its own name)."
            )
        renamed_away = set(column_map)
        clash = [
            (k, v) for k, v in column_map.items() if v in cols and v != k and v not in renamed_away
        ]
        if clash:
            k, v = clash[0]
            raise StaffingError(
                f"{raw.file}: column_map sends column '{_cut(k)}' to '{_cut(v)}', but the file "
                f"already has a column named '{_cut(v)}'; expected a name the file does not "
                f"use. Map '{_cut(v)}' to another name too (e.g. '{_cut(v)} (old)'), or "
                f"leave '{_cut(k)}' out of column_map."
            )
        mapping.update(column_map)
    taken = set(mapping.values())
    for c in cols:
        if c in mapping:
            continue
        canon = aliases.get(normalise_column(c))
        if canon is None or canon in taken:
            if canon in taken and canon in known:
                first = next(k for k, v in mapping.items() if v == canon)
                if column_map and first in column_map:
                    continue  # the user's explicit mapping wins over an alias
                raise StaffingError(
                    f"{raw.file}: columns '{first}' and '{c}' both look like '{canon}'. Say "
                    f"which to use with column_map={{'{first}': '{canon}'}} (the other column "
                    "is then kept under its own name)."
                )
            continue
        mapping[c] = canon
        taken.add(canon)
    return mapping


def _renamed(frame: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """``frame.rename(columns=mapping)``, by setting the new names at once (the same frame,
    a fraction of ``rename``'s fixed cost)."""
    return frame.set_axis([mapping.get(c, c) for c in frame.columns], axis=1)


# --------------------------------------------------------------------------------------------
# Parsing cells
# --------------------------------------------------------------------------------------------
def _as_text(s: pd.Series) -> pd.Series:
    """Cells as text (``string``), stripped; blanks and NA words (``n/a``, ``-``) as NA.

    The work is done on the column's Arrow array with Arrow's kernels, those pandas'
    ``.str.strip()``, ``.str.lower()``, ``.isin`` and ``.mask`` call for Arrow-backed text: a
    few calls instead of pandas operations, whose fixed cost dominates on short columns. A
    column that is Arrow-backed text already (what ``read_csv`` gives) is not converted
    first: its array is the one ``astype("string")`` would give, under another NA marker.
    """
    text_dtype: object = pd.StringDtype()  # "string": its storage follows pandas' option
    if _is_arrow_text(s.dtype) and _is_arrow_text(text_dtype):
        cells = pa.array(s.array)  # the column's own Arrow array (large_string), not copied
    else:
        t = s.astype("string")
        text_dtype, cells = t.dtype, pa.array(t)
    return pd.Series(_stripped_text(cells, text_dtype), index=s.index, name=s.name)


def _stripped_text(cells: pa.Array, text_dtype) -> pd.api.extensions.ExtensionArray:
    """Arrow text cells stripped, with blanks and NA words as nulls, as a pandas array."""
    # pyarrow.compute's kernels are generated at import: called by name (typed)
    cells = pc.call_function("utf8_trim_whitespace", [cells])
    words = pc.call_function("utf8_lower", [cells])
    na = pc.call_function("is_in", [words], pc.SetLookupOptions(value_set=_na_words(words.type)))
    if pc.call_function("any", [na]).as_py():
        cells = pc.call_function("if_else", [na, pa.scalar(None, type=cells.type), cells])
    return _text_array(cells, text_dtype)


def _text_array(cells: pa.Array, text_dtype) -> pd.api.extensions.ExtensionArray:
    """``pd.array(cells, dtype=text_dtype)`` of Arrow text; for ``"string"`` in Arrow (NA as
    missing), the array is wrapped as it is, without pd.array's conversion."""
    if text_dtype == pd.StringDtype("pyarrow") and pa.types.is_large_string(cells.type):
        return pd.arrays.ArrowStringArray(cells)  # whose dtype this is
    return pd.array(cells, dtype=text_dtype)


def _text_column(values: np.ndarray, index: pd.Index) -> pd.Series:
    """``pd.Series(values, index=index, dtype="string")`` of an object array of Python
    text and None (missing), converted by Arrow in one call when "string" is Arrow-backed."""
    text_dtype = pd.StringDtype()
    if not _is_arrow_text(text_dtype):
        return pd.Series(values, index=index, dtype=text_dtype)
    try:
        cells = pa.array(values, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not text after all: pandas converts it
        return pd.Series(values, index=index, dtype=text_dtype)
    return pd.Series(_text_array(cells, text_dtype), index=index)


def _is_arrow_text(dtype) -> bool:
    """Whether ``dtype`` is pandas text stored in Arrow (either NA marker)."""
    return isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"


@functools.cache
def _na_words(text_type: pa.DataType) -> pa.Array:
    """:data:`_NA_TEXT` as an Arrow array of the given text type (``is_in``'s value set)."""
    return pa.array(sorted(_NA_TEXT), type=text_type)


def _numeric_column_test(column_map, aliases, numeric):
    def test(name) -> bool:
        canon = (column_map or {}).get(name) or aliases.get(normalise_column(name))
        return canon in numeric

    return test


_NOT_A_NUMBER = "not a number; expected a number"
_SPACE_INSIDE = (
    "a space inside the digits; expected a number (a space may only group thousands, "
    "as in '12 500')"
)
_RE_SPACED = re.compile(r"([+-]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)([.,]\d+)?")
_RE_DOT_GROUPS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
_RE_COMMA_GROUPS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+")
_RE_DOT_DECIMAL = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?\d+[eE][+-]?\d+")
_RE_COMMA_DECIMAL = re.compile(r"[+-]?(?:\d*,\d+)")
_RE_DOTS_THEN_COMMA = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")
_RE_COMMAS_THEN_DOT = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+")
_RE_INTEGER = re.compile(r"[+-]?\d+")


def _evidence(t: str) -> str | None:
    """Which decimal mark a number written as text shows beyond doubt ('.', ',' or None)."""
    t = t.replace(" ", "")
    if _RE_COMMAS_THEN_DOT.fullmatch(t):
        return "."
    if _RE_DOTS_THEN_COMMA.fullmatch(t):
        return ","
    if _RE_DOT_GROUPS.fullmatch(t) or _RE_COMMA_GROUPS.fullmatch(t):
        return None
    if _RE_DOT_DECIMAL.fullmatch(t):
        return "."
    if _RE_COMMA_DECIMAL.fullmatch(t):
        return ","
    return None


def _number(text: str, decimal: str | None) -> tuple[float, str | None]:
    """One cell of text to a float under a decimal mark (None: unknown); or a problem."""
    s = text.strip().replace("\u2212", "-")
    if re.search(r"\s", s):
        m = _RE_SPACED.fullmatch(s)
        if m:
            s = m.group(1) + re.sub(r"\s", "", m.group(2)) + (m.group(3) or "")
        elif re.search(r"\d\s+[\d.,]|[.,]\s+\d", s):
            return np.nan, _SPACE_INSIDE
        else:
            return np.nan, _NOT_A_NUMBER
    if "." in s and "," in s:
        if _RE_DOTS_THEN_COMMA.fullmatch(s):
            return float(s.replace(".", "").replace(",", ".")), None
        if _RE_COMMAS_THEN_DOT.fullmatch(s):
            return float(s.replace(",", "")), None
        return np.nan, _NOT_A_NUMBER
    for mark, groups, other in (
        (",", _RE_COMMA_GROUPS, "."),
        (".", _RE_DOT_GROUPS, ","),
    ):
        if mark not in s:
            continue
        if groups.fullmatch(s):
            as_groups = float(s.replace(mark, ""))
            if s.count(mark) > 1:
                if decimal == mark:
                    return np.nan, (
                        f"not a number: '{mark}' is this file's decimal mark but occurs "
                        f"{s.count(mark)} times; expected a number such as "
                        f"{as_groups:.0f} (no thousands separator)"
                    )
                return as_groups, None
            as_decimal = float(s.replace(mark, "."))
            if decimal == other:  # the mark groups thousands in this file's convention
                return as_groups, None
            if decimal == mark:
                return as_decimal, None
            return np.nan, (
                f"ambiguous: could be {as_groups:.0f} ('{mark}' grouping thousands) or "
                f"{as_decimal:g} ('{mark}' as decimal mark), and the column does not show "
                f"which; expected a number without thousands separators (e.g. "
                f"{as_groups:.0f})"
            )
        if mark == "," and _RE_COMMA_DECIMAL.fullmatch(s):
            return float(s.replace(",", ".")), None
        if mark == "." and _RE_DOT_DECIMAL.fullmatch(s):
            return float(s), None
        return np.nan, _NOT_A_NUMBER
    if _RE_INTEGER.fullmatch(s) or _RE_DOT_DECIMAL.fullmatch(s):
        return float(s), None
    return np.nan, _NOT_A_NUMBER


def _parse_numbers(
    s: pd.Series, decimal: str | None = None, numeric_cells: pd.Series | None = None
) -> tuple[pd.Series, pd.Series]:
    """Text to float under the file's decimal mark; returns (values, problem text or NA).

    ``decimal`` is the file's decimal mark (``','`` in a ``;`` file, ``'.'`` in a ``,``
    file, None when the source has none, e.g. a DataFrame). A column whose cells show the
    other mark beyond doubt (``55.682501`` in a ``;`` file) uses that mark; a cell such as ``1.234``
    is then refused as ambiguous, never read with a silent factor of 1,000. Thousands groups
    are read only as ``d{1,3}(.ddd)+`` with the file's grouping mark, or spaces (``12 500``).
    ``numeric_cells`` marks cells that were numbers in the file (an Excel workbook).
    """
    v, problem = _numbers(s, decimal, numeric_cells)
    if problem is None:
        problem = pd.Series(pd.NA, index=s.index, dtype="string")
    return v, problem


def _numbers(
    s: pd.Series, decimal: str | None = None, numeric_cells: pd.Series | None = None
) -> tuple[pd.Series, pd.Series | None]:
    """:func:`_parse_numbers` with ``None`` as the problems of a column without any (e.g.
    one the fast number reader read whole): no column of blanks is built for it."""
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        # a float column as it is (copy-on-write: a shallow copy is astype's result)
        v = s.copy(deep=False) if s.dtype == np.float64 else s.astype(float)
        infinite = np.isinf(v.to_numpy())
        if infinite.any():  # 'inf' read by the fast parser
            v = v.mask(infinite)
            no_problem = pd.Series(pd.NA, index=s.index, dtype="string")
            return v, no_problem.mask(infinite, _NOT_A_NUMBER)
        return v, None
    is_num = pd.Series(False, index=s.index)
    if s.dtype == object:
        is_num = s.map(
            lambda x: isinstance(x, (int, float, np.number)) and not isinstance(x, bool)
        ).astype(bool)
    if numeric_cells is not None:
        is_num |= numeric_cells.reindex(s.index, fill_value=False).astype(bool)
    t = _as_text(s)
    v = pd.Series(np.nan, index=s.index, dtype=float)
    if is_num.any():
        v[is_num] = pd.to_numeric(t[is_num], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    text = t.notna() & ~is_num
    if not text.any():
        return v, None
    tt = t[text]
    fast = pd.Series(
        pd.to_numeric(tt, errors="coerce").to_numpy(dtype=float, na_value=np.nan),
        index=tt.index,
    )
    grouped = tt.str.fullmatch(_RE_DOT_GROUPS.pattern).fillna(False).astype(bool)
    plain = fast.notna() & np.isfinite(fast.fillna(0)) & ~grouped  # '12', '22.5', '1e3'
    v[plain[plain].index] = fast[plain]
    # the column's own evidence of its decimal mark (text cells only)
    ev: set[str | None] = set()
    if (plain & tt.str.contains(".", regex=False).fillna(False)).any():
        ev.add(".")
    tt = tt[~plain]
    uniq = pd.unique(tt.to_numpy())
    ev |= {_evidence(str(u)) for u in uniq}
    seen = ev - {None}
    if len(seen) == 1:  # the column shows its decimal mark beyond doubt: it wins
        col_decimal: str | None = seen.pop()
    elif len(seen) == 2:
        col_decimal = None  # both marks as decimals: a cell like '1.234' is ambiguous
    else:
        col_decimal = decimal
    parsed = {u: _number(str(u), col_decimal) for u in uniq}
    text = text & ~plain
    if not len(tt):
        return v, None
    problem = pd.Series(pd.NA, index=s.index, dtype="string")
    v[text] = tt.map(lambda u: parsed[u][0]).astype(float)
    problem[text] = tt.map(lambda u: parsed[u][1]).astype("string")
    still = t.notna() & v.isna() & problem.isna()
    problem[still] = _NOT_A_NUMBER
    return v, problem


def _flagged(problem: pd.Series | None, index: pd.Index) -> pd.Series:
    """Where a column has a problem (``problem`` from :func:`_numbers`; None: nowhere)."""
    if problem is None:
        return pd.Series(np.zeros(len(index), dtype=bool), index=index)
    return problem.notna()


def parse_numbers(
    s: pd.Series, decimal: str | None = None, numeric_cells: pd.Series | None = None
) -> tuple[pd.Series, pd.Series]:
    """Cells of a column as numbers, by the staff reader's rules (for other readers).

    Returns ``(values, problem)``: floats (NaN where blank or unreadable) and, per cell,
    the problem text (NA where the cell is blank or fine). ``decimal`` is the file's decimal
    mark (``RawTable.extra["decimal"]``); ``numeric_cells`` from :func:`numeric_cells`.

    Examples
    --------
    >>> v, p = parse_numbers(pd.Series(["12,5", "1.234,5", "x"]), decimal=",")
    >>> v.tolist()[:2], p.isna().tolist()
    ([12.5, 1234.5], [True, True, False])
    """
    return _parse_numbers(s, decimal, numeric_cells)


def numeric_cells(raw: RawTable, column: str) -> pd.Series | None:
    """Which cells of a workbook's column were numbers in the file (None: not a workbook)."""
    return _numeric_cells(raw, column)


def _numeric_cells(raw: RawTable, column: str) -> pd.Series | None:
    cells = raw.extra.get("numeric_cells")
    if cells is None or column not in cells.columns:
        return None
    return cells[column]


class _Problems:
    """Collects problems as (row, column, value, problem) arrays, vectorised."""

    def __init__(
        self, file: str, raw: pd.DataFrame, source_of: dict[str, str], decimal: str | None = None
    ):
        self.decimal = decimal
        self.file = file
        self.raw = raw
        self.source_of = source_of  # canonical -> column name in the file
        self.parts: list[pd.DataFrame] = []
        self._frame: pd.DataFrame | None = None  # frame() of the parts so far

    def add(self, mask, column: str, problem, values=None):
        """Record ``problem`` for the rows of ``mask`` (positional, one flag per row; a
        scalar applies to every row); nothing is built when no row is flagged."""
        flags = np.asarray(mask, dtype=bool)
        if flags.ndim == 0:
            flags = np.full(len(self.raw.index), bool(flags))
        if flags.shape != (len(self.raw.index),):
            raise ValueError(
                f"Length of values ({len(flags)}) does not match length of index "
                f"({len(self.raw.index)})"
            )
        if not flags.any():
            return
        self._frame = None
        rows = self.raw.index[flags]
        src = self.source_of.get(column, column)
        if values is None:
            if src in self.raw.columns and pd.api.types.is_float_dtype(self.raw[src]):
                # parsed by the fast number reader: shown as the file wrote it (no '.0')
                mark = self.decimal or "."
                values = pd.Series(
                    [
                        ""
                        if np.isnan(x)
                        else np.format_float_positional(x, trim="-").replace(".", mark)
                        for x in self.raw.loc[rows, src].to_numpy(dtype=float)
                    ],
                    index=rows,
                )
            elif src in self.raw.columns:
                values = self.raw.loc[rows, src].astype("string").fillna("")
            else:
                values = pd.Series("", index=rows)
        else:
            if callable(values):
                values = values()
            values = pd.Series(values, index=self.raw.index).loc[rows].astype("string")
        values = pd.Series(values, index=rows).astype("string")
        long = values.str.len().fillna(0) > _MAX_VALUE_CHARS
        if long.any():
            values[long] = values[long].str.slice(0, _MAX_VALUE_CHARS - 1) + "…"
        prob = (
            pd.Series(problem, index=self.raw.index).loc[rows]
            if isinstance(problem, (pd.Series, np.ndarray))
            else problem
        )
        self.parts.append(
            pd.DataFrame(
                {
                    "file": self.file,
                    "row": rows.to_numpy(),
                    "column": src,
                    "value": np.asarray(values, dtype=object),
                    "problem": np.asarray(prob, dtype=object)
                    if not isinstance(prob, str)
                    else prob,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        """Every problem so far, one row each, sorted by row then column (built once until
        the next :meth:`add`)."""
        if self._frame is None:
            self._frame = self._build_frame()
        return self._frame

    def _build_frame(self) -> pd.DataFrame:
        if not self.parts:
            none = np.array([], dtype=object)
            return pd.DataFrame(
                {
                    "file": none,
                    "row": np.array([], dtype=int),
                    "column": none.copy(),
                    "value": none.copy(),
                    "problem": none.copy(),
                }
            )
        out = pd.concat(self.parts, ignore_index=True)
        return out.sort_values(["row", "column"], kind="stable").reset_index(drop=True)


def format_problems(problems: pd.DataFrame) -> list[str]:
    """One line of plain language per problem: ``row R, column 'C': found 'V'; PROBLEM``.

    Parameters
    ----------
    problems : pandas.DataFrame
        Columns ``row, column, value, problem`` (as in ``StaffingError.problems``).

    Returns
    -------
    list of str

    Examples
    --------
    >>> import pandas as pd
    >>> format_problems(pd.DataFrame({"row": [6], "column": ["fte"], "value": ["1.7"],
    ...                               "problem": ["expected a share"]}))
    ["row 6, column 'fte': found '1.7'; expected a share"]
    """
    return [_fmt_problem(r) for r in _records(problems)]


def _fmt_problem(r, withhold: bool = False) -> str:
    if r.value in ("", None) or pd.isna(r.value):
        value = "blank"
    elif withhold:
        value = "a value (not shown: personal data; see StaffingError.problems)"
    else:
        value = f"'{_cut(r.value)}'"
    return f"row {r.row}, column '{r.column}': found {value}; {r.problem}"


def _raise(
    problems: pd.DataFrame,
    file: str,
    rows_read: int,
    what: str,
    max_listed: int,
    lenient_hint: bool = True,
    personal: frozenset[str] = frozenset(),
    header_row: int = 1,
):
    n_rows = problems["row"].nunique()
    head = problems.head(max_listed)
    lines = [
        f"{file}: {len(problems):,} problem(s) in {n_rows:,} of {rows_read:,} {what} "
        f"row(s); nothing was read. Rows are numbered as in the file "
        f"(the header is row {header_row})."
        if file != "<DataFrame>"
        else f"{file}: {len(problems):,} problem(s) in {n_rows:,} of {rows_read:,} {what} "
        f"row(s); nothing was read. Rows are numbered from 1."
    ]
    # personal data (home postcodes, coordinates): only the first listed row's value is shown
    shown = False
    for rec in _records(head):
        withhold = rec.column in personal and shown
        shown = shown or rec.column in personal
        lines.append("  - " + _fmt_problem(rec, withhold))
    if len(problems) > max_listed:
        lines.append(
            f"  ... and {len(problems) - max_listed:,} more problem(s) "
            "(see StaffingError.problems)."
        )
    if lenient_hint:
        lines.append(
            "Fix the file, map columns with column_map=..., or pass strict=False to "
            "exclude these rows (they are then listed in Workforce.excluded)."
        )
    raise StaffingError("\n".join(lines), problems=problems)


class _Rec:
    __slots__ = ("column", "problem", "row", "value")

    def __init__(self, row, column, value, problem):
        self.row, self.column, self.value, self.problem = row, column, value, problem


def _records(df: pd.DataFrame):
    return [
        _Rec(*vals)
        for vals in zip(df["row"], df["column"], df["value"], df["problem"], strict=True)
    ]


# --------------------------------------------------------------------------------------------
# Schemas (pandera): types, ranges, allowed values. Error texts are what a person reads.
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Range:
    """The rule of a float column of a schema: ``lo <= x <= hi`` (``lo < x`` with
    ``lo_open``), blanks allowed with ``nullable``; ``text`` is its error."""

    lo: float
    hi: float
    text: str
    nullable: bool = True
    lo_open: bool = False

    def column(self):
        """The rule as a pandera column (what the reader validates with)."""
        return _range_column(self.lo, self.hi, self.text, self.nullable, self.lo_open)

    def holds(self, column: pd.Series) -> bool:
        """Whether pandera would find nothing wrong with ``column`` under this rule: it is
        a float64 column, blank only where blanks are allowed, and every value is in range
        (False also when in doubt; pandera then looks)."""
        if column.dtype != np.float64:
            return False
        v = column.to_numpy()
        blank = np.isnan(v)
        if blank.any():
            if not self.nullable:
                return False
            v = v[~blank]
        above = v > self.lo if self.lo_open else v >= self.lo
        return bool((above & (v <= self.hi)).all())


def _range_column(lo, hi, text, nullable=True, lo_open=False):
    """A float column of a schema checked to lie in [lo, hi] (``lo_open``: (lo, hi])."""
    import pandera.pandas as pa

    return pa.Column(
        float,
        pa.Check(functools.partial(_in_range, lo=lo, hi=hi, lo_open=lo_open), error=text),
        nullable=nullable,
        required=False,
    )


def _in_range(s: pd.Series, lo: float, hi: float, lo_open: bool) -> pd.Series:
    """The range check of :func:`_range_column`: True where ``lo <= s <= hi`` (``lo < s``
    with ``lo_open``), compared on the column's array (one Series built, not three)."""
    v = s.to_numpy()
    above = v > lo if lo_open else v >= lo
    return pd.Series(above & (v <= hi), index=s.index)


#: The staff table's number columns and their rules (:func:`staff_schema`).
_STAFF_RANGES: dict[str, _Range] = {
    "fte": _Range(
        0,
        1,
        "expected a share of full time above 0 and at most 1 (e.g. 0.8)",
        nullable=False,
        lo_open=True,
    ),
    "onsite_days_per_week": _Range(
        0, 5, "expected on-site days per week from 0 to 5", nullable=False
    ),
    "one_way_km": _Range(0, 500, "expected a one-way distance from 0 to 500 km"),
    "commute_minutes_one_way": _Range(
        0, 300, "expected a one-way travel time from 0 to 300 minutes"
    ),
    "home_lat": _Range(-90, 90, "expected a latitude from -90 to 90"),
    "home_lon": _Range(-180, 180, "expected a longitude from -180 to 180"),
    "teleworkable": _Range(0, 1, "expected a teleworkable share from 0 to 1"),
}

#: The sites table's number columns and their rules (:func:`sites_schema`).
_SITE_RANGES: dict[str, _Range] = {
    "lat": _Range(-90, 90, "expected a latitude from -90 to 90"),
    "lon": _Range(-180, 180, "expected a longitude from -180 to 180"),
    **{
        c: _Range(0, 1e7, "expected a floor area from 0 to 10,000,000 m²")
        for c in ("area_m2", "office_area_m2", "building_area_m2")
    },
    "desks": _Range(0, 1e6, "expected a number of desks from 0 to 1,000,000"),
    **{
        c: _Range(0, 1e6, "expected a non-negative amount")
        for c in (
            "rent_per_m2_per_year",
            "operating_cost_per_m2_per_year",
            "electricity_kwh_per_m2_per_year",
            "heat_kwh_per_m2_per_year",
        )
    },
}


@functools.cache
def staff_schema():
    """The pandera schema of the staff table's canonical columns (types, ranges, modes).

    Built once, on the first call (pandera is imported only when a file is read; the same
    schema object is returned afterwards); its error texts are what a person reads in
    :class:`~remotecalc.StaffingError`.

    Returns
    -------
    pandera.pandas.DataFrameSchema
    """
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            **{c: rule.column() for c, rule in _STAFF_RANGES.items()},
            "mode": pa.Column(
                str,
                pa.Check.isin(list(MODES), error="unknown mode"),
                nullable=False,
                required=False,
            ),
        },
        strict=False,
        coerce=False,
    )


@functools.cache
def sites_schema():
    """The pandera schema of the sites table's canonical columns (coordinates, area, costs).

    Built once, on the first call (as :func:`staff_schema`).

    Returns
    -------
    pandera.pandas.DataFrameSchema
    """
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {c: rule.column() for c, rule in _SITE_RANGES.items()},
        strict=False,
        coerce=False,
    )


@functools.cache
def _staff_range_schema():
    """:func:`staff_schema` without ``mode`` (whose problems the reader describes itself)."""
    return staff_schema().remove_columns(["mode"])


_PANDERA_TEXT = {"not_nullable": "blank; expected a value"}


def _run_schema(
    schema,
    frame: pd.DataFrame,
    probs: _Problems,
    skip_rows: dict[str, pd.Series],
    rules: dict[str, _Range] | None = None,
):
    """Validate with a pandera schema (lazy) and turn its failure cases into problems.

    ``skip_rows``: per column, rows whose problem is already told (not repeated here).
    ``rules``: the schema's range rules by column (:class:`_Range`); a column that holds its
    rule (one pass over its array) is not given to pandera, which would find nothing in it:
    pandera validates only the columns where it will find something, and its failure cases,
    hence the problems, are those of validating every column.
    """
    import pandera.pandas as pa

    cols = [c for c in schema.columns if c in frame.columns]
    rules = rules or {}
    doubtful = {c for c in cols if c not in rules or not rules[c].holds(frame[c])}
    if not doubtful:
        return
    try:
        # the schema is not strict and its columns are not required: only the columns given
        # (in the frame's order) are looked at; nothing is coerced
        given = [c for c in frame.columns if c in doubtful]
        checked = frame if len(given) == len(frame.columns) else frame[given]
        schema.validate(checked, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        fc = fc[fc["index"].notna() & fc["column"].isin(cols)]
        for (col, check), grp in fc.groupby(["column", "check"], sort=False):
            idx = pd.Index(grp["index"].astype(int))
            mask = frame.index.isin(idx)
            if col in skip_rows:
                mask &= ~skip_rows[col].to_numpy(dtype=bool)
            text = _PANDERA_TEXT.get(check, check)
            probs.add(mask, col, text)


# --------------------------------------------------------------------------------------------
# Sites
# --------------------------------------------------------------------------------------------
def read_sites(
    source,
    *,
    column_map: dict | None = None,
    sheet=None,
    postcodes=None,
    municipalities=None,
    country: str | None = "DK",
    max_listed: int = 10,
) -> pd.DataFrame:
    """Read and validate a sites table.

    Parameters
    ----------
    source : path or DataFrame
        Sites file (CSV, XLSX, Parquet) or DataFrame with ``site_id``; a location as
        ``lat``/``lon`` [deg] or ``postcode`` or ``municipality_code``; optional ``area_m2``
        [m²], ``desks``, ``rent_per_m2_per_year``, ``operating_cost_per_m2_per_year``
        [currency/m²/yr], ``electricity_kwh_per_m2_per_year``, ``heat_kwh_per_m2_per_year``
        [kWh/m²/yr], ``space_can_be_released`` (bool), ``site_type`` (onto
        :data:`remotecalc.inputs.vocab.SITE_TYPES`; Danish names such as rådhus, skole,
        plejecenter recognised; an unknown type is kept, with a note).
    column_map : dict, optional
        ``{column in file: canonical name}``.
    sheet : str or int, optional
        Excel sheet.
    postcodes, municipalities : path, DataFrame or LocationTable, optional
        Lookup tables for sites located by code.
    country : str or None
        ISO code whose rough bounds coordinates must fall in (``None``: no check).

    Returns
    -------
    pandas.DataFrame
        Canonical columns, ``lat``/``lon`` resolved, ``source_row``. Provenance in
        ``.attrs["provenance"]``.

    Raises
    ------
    StaffingError
        Sites are always read strictly: a sites table is short and every staff row depends
        on it, so a bad site is an error to fix, never a row to drop.
    """
    raw = read_table(
        source,
        sheet=sheet,
        what="sites",
        numeric_columns=_numeric_column_test(column_map, SITE_ALIASES, SITE_NUMERIC),
    )
    if len(raw.frame) == 0:
        raise StaffingError(f"{raw.file}: the sites table has a header but no rows.")
    mapping = _map_columns(raw, SITE_ALIASES, column_map, tuple(SITE_ALIASES.values()))
    frame = _renamed(raw.frame, mapping)
    source_of = {v: k for k, v in mapping.items()}
    if "site_id" not in frame.columns:
        raise StaffingError(_missing_column_text(raw, "site_id", SITE_ALIASES, "sites"))
    probs = _Problems(raw.file, raw.frame, source_of, raw.extra.get("decimal"))
    cols: dict[str, pd.Series] = {}  # the canonical columns, built first, framed once
    site_id = cols["site_id"] = _as_text(frame["site_id"])
    probs.add(site_id.isna(), "site_id", "blank; expected a site identifier")
    # is_unique first: one hash pass, and no masks built when no id is repeated
    if not site_id.is_unique and (dup := site_id.duplicated(keep="first") & site_id.notna()).any():
        first = site_id.reset_index().drop_duplicates("site_id").set_index("site_id")["index"]
        probs.add(
            dup,
            "site_id",
            "duplicate site_id; first seen in row "
            + site_id.map(first).astype("string").fillna("?"),
        )
    for c in ("site_name", "site_type", "postcode", "municipality_code", "address"):
        if c in frame.columns:
            cols[c] = _as_text(frame[c])
    site_type_note = None
    if "site_type" in cols:
        cols["site_type"], site_type_note = canonical_site_types(cols["site_type"])
    unparseable = {}
    for c in SITE_NUMERIC:
        if c in frame.columns:
            cols[c], bad = _numbers(
                frame[c], raw.extra.get("decimal"), _numeric_cells(raw, source_of.get(c, c))
            )
            unparseable[c] = _flagged(bad, frame.index)
            if bad is not None:
                probs.add(unparseable[c], c, bad)
    if "space_can_be_released" in frame.columns:
        given, yes, no = _lower_words_in(
            _as_text(frame["space_can_be_released"]),
            ("true", "yes", "ja", "1", "y", "j", "sand"),
            ("false", "no", "nej", "0", "n", "falsk"),
        )
        probs.add(
            given & ~yes & ~no,
            "space_can_be_released",
            "expected yes/no (true/false, ja/nej, 1/0)",
        )
        cols["space_can_be_released"] = pd.Series(~no, index=frame.index)  # blank: yes
    out = pd.DataFrame(cols, index=frame.index, copy=False)
    _run_schema(sites_schema(), out, probs, unparseable, _SITE_RANGES)
    notes = list(raw.extra.get("notes", []))
    if "address" in cols:
        _postcode_from_address(out, cols["address"], notes)
    _resolve_location(
        out,
        probs,
        "lat",
        "lon",
        "postcode",
        "municipality_code",
        postcodes,
        municipalities,
        country,
        notes=notes,
    )
    _office_area(out, source_of, notes, explicit=set(column_map or {}))
    problems = probs.frame()
    if len(problems):
        _raise(
            problems,
            raw.file,
            len(raw.frame),
            "site",
            max_listed,
            lenient_hint=False,
            header_row=raw.extra.get("header_row", 1),
        )
    out.insert(0, "source_row", out.index.to_numpy())
    out = out.reset_index(drop=True)
    notes += same_point_notes(out) + site_default_notes(out)
    unused = [c for c in raw.frame.columns if c not in mapping]
    note = _unused_columns_note(raw, unused, SITE_ALIASES, set(mapping.values()), "sites", False)
    if note:
        notes.append(note)
    if site_type_note:
        notes.append(site_type_note)
    out.attrs["notes"] = notes
    out.attrs["provenance"] = {
        "file": raw.file,
        "sha256": raw.sha256,
        "format": raw.format,
        "rows_read": len(raw.frame),
    }
    return out


def _lower_words_in(text: pd.Series, *word_sets: tuple[str, ...]) -> list[np.ndarray]:
    """Where text cells are given, then where each, lower-cased, is one of each set of words:
    ``.str.lower()``, ``.notna()`` and ``.isin()``, on the Arrow array with the kernels those
    call (one call each) when the text is Arrow-backed."""
    if not _is_arrow_text(text.dtype):
        t = text.str.lower()
        return [t.notna().to_numpy(), *(t.isin(list(w)).to_numpy(dtype=bool) for w in word_sets)]
    cells = pc.call_function("utf8_lower", [pa.array(text.array)])
    found = [
        np.array(
            pc.call_function(
                "is_in", [cells], pc.SetLookupOptions(value_set=pa.array(w, type=cells.type))
            ),
            dtype=bool,
        )
        for w in word_sets
    ]
    return [pc.call_function("is_valid", [cells]).to_numpy(zero_copy_only=False), *found]


#: Site types with no offices of their own (:data:`remotecalc.formulas.office.SITE_TYPE_DESKS`:
#: frontline workplaces such as schools, care homes, daycare, depots and hospitals): their
#: ``area_m2`` is the building, not office space, and is never charged.
NO_OWN_OFFICE_TYPES: tuple[str, ...] = tuple(
    t for t, (_has_desks, desk_staff) in office.SITE_TYPE_DESKS.items() if not desk_staff
)

#: Most sites a note names before counting the rest.
_SITES_LISTED = 8


def _site_names(sites: pd.DataFrame, mask) -> str:
    """The sites of ``mask`` by name (else id), the first :data:`_SITES_LISTED`."""
    return _listed_sites(_site_labels(sites), mask)


def _site_labels(sites: pd.DataFrame) -> np.ndarray:
    """Each site's name, else its id, as text: what notes name sites by."""
    ids = sites["site_id"]
    names = sites["site_name"] if "site_name" in sites.columns else ids
    if _is_arrow_text(names.dtype) and _is_arrow_text(ids.dtype):
        # text columns (as read_sites makes them): the name, else the id, NaN where neither
        # (what fillna and astype(str) give), on the arrays
        given = pa.array(names.array).to_pylist()  # None where blank
        other = ids.to_numpy(dtype=object, na_value=np.nan)
        labels = np.empty(len(given), dtype=object)
        labels[:] = [o if g is None else g for g, o in zip(given, other, strict=True)]  # sites
        return labels
    return names.fillna(ids).astype(str).to_numpy()


def _listed_sites(labels: np.ndarray, mask) -> str:
    """:func:`_site_names` from the sites' :func:`_site_labels` (worked out once for
    several lists)."""
    names = labels[np.asarray(mask, dtype=bool)]
    listed = ", ".join(_cut(n, 40) for n in names[:_SITES_LISTED])
    more = len(names) - _SITES_LISTED
    return listed + (f" (+{more})" if more > 0 else "")


def _postcode_from_address(out: pd.DataFrame, address: pd.Series, notes: list) -> None:
    """A site's postcode from its address (``Rådhuspladsen 2, 4000 Roskilde``) where it
    has neither coordinates nor a postcode of its own."""
    code = address.str.extract(r"(?:^|[\s,])(\d{4})\s+\D", expand=False)
    if "postcode" not in out.columns:
        out["postcode"] = pd.Series(pd.NA, index=out.index, dtype="string")
    has_xy = out["lat"].notna() & out["lon"].notna() if "lat" in out.columns else False
    use = out["postcode"].isna() & code.notna() & ~has_xy
    if use.any():
        out.loc[use, "postcode"] = code[use]
        notes.append(Note("site_address_postcode", n=int(use.sum()), sites=_site_names(out, use)))


def _office_area(
    out: pd.DataFrame, source_of: dict[str, str], notes: list, explicit: set | None = None
) -> None:
    """``area_m2`` as office area: ``office_area_m2`` where given; a site type with no
    offices of its own does not keep an area given under a general name (``Areal``,
    ``area``: the building, kept as ``building_area_m2``), so its office area is its desks x
    area per desk (the engine's). A column named ``area_m2`` itself, or mapped to it with
    ``column_map`` (``explicit``), is office area by its name and is kept."""
    src = source_of.get("area_m2", "area_m2")
    named = normalise_column(src) == normalise_column("area_m2") or src in (explicit or set())
    if "area_m2" in out.columns and named:
        if "office_area_m2" in out.columns:
            given = out["office_area_m2"].notna()
            out.loc[given, "area_m2"] = out.loc[given, "office_area_m2"]
        return
    frontline = (
        out["site_type"].isin(NO_OWN_OFFICE_TYPES).fillna(False).to_numpy(dtype=bool)
        if "site_type" in out.columns
        else np.zeros(len(out), dtype=bool)
    )
    area = out["area_m2"] if "area_m2" in out.columns else pd.Series(np.nan, index=out.index)
    office_area = (
        out["office_area_m2"]
        if "office_area_m2" in out.columns
        else pd.Series(np.nan, index=out.index)
    )
    building = frontline & area.notna().to_numpy()
    if building.any():
        if "building_area_m2" not in out.columns:
            out["building_area_m2"] = np.nan
        out.loc[building & out["building_area_m2"].isna().to_numpy(), "building_area_m2"] = area
        notes.append(
            Note(
                "site_building_area",
                n=int(building.sum()),
                sites=_site_names(out, building),
                column=source_of.get("area_m2", "area_m2"),
            )
        )
    if "area_m2" in out.columns or "office_area_m2" in out.columns:
        out["area_m2"] = office_area.where(office_area.notna(), area.where(~frontline))


def same_point_notes(sites: pd.DataFrame) -> list[str]:
    """A note naming sites left on one and the same point (e.g. two sites placed by one
    postcode): their distances cannot be told apart."""
    if "lat" not in sites.columns or len(sites) < 2:
        return []
    points = np.column_stack(
        [sites["lat"].to_numpy(dtype=float), sites["lon"].to_numpy(dtype=float)]
    ).round(6)
    points = points[~np.isnan(points).any(axis=1)]
    if len(set(zip(*points.T.tolist(), strict=True))) == len(points):
        return []  # no two placed sites share a point (the common case), in one pass
    xy = sites[["lat", "lon"]].round(6)
    placed = xy.notna().all(axis=1)
    key = xy["lat"].astype(str) + "," + xy["lon"].astype(str)
    dup = placed & key.duplicated(keep=False)
    if not dup.any():
        return []
    groups = [
        " = ".join(_site_names(sites, (key == k) & placed).split(", ")) for k in pd.unique(key[dup])
    ]
    return [Note("sites_same_point", groups="; ".join(groups))]


def site_default_notes(sites: pd.DataFrame) -> list[str]:
    """A note naming the sites that take a default rent, office area or desk count."""
    parts = []
    labels = None  # the sites' names, worked out at the first note that lists some
    for col, kind in (
        ("rent_per_m2_per_year", "site_default_rent"),
        ("area_m2", "site_default_area"),
        ("desks", "site_default_desks"),
    ):
        blank = (
            sites[col].isna().to_numpy()
            if col in sites.columns
            else np.ones(len(sites), dtype=bool)
        )
        if blank.any():
            if labels is None:
                labels = _site_labels(sites)
            parts.append(Note(kind, n=int(blank.sum()), sites=_listed_sites(labels, blank)))
    return [Note("site_defaults", parts=parts)] if parts else []


def yes_no(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A yes/no column as nullable booleans, and where a cell is neither.

    English and Danish words are recognised (:data:`remotecalc.inputs.vocab.YES_WORDS`,
    ``NO_WORDS``: true/false, yes/no, ja/nej, 1/0, ...); blank cells stay missing. Each
    distinct text is normalised once.

    Returns
    -------
    values : pandas.Series of dtype ``boolean``
    bad : pandas.Series of bool
        True where a cell is given but is neither yes nor no.
    """
    text = _as_text(column)
    codes, uniq = pd.factorize(text)
    keys = [normalise_label(u) for u in uniq]
    value = np.array([k in YES_WORDS for k in keys] + [False])
    known = np.array([k in YES_WORDS or k in NO_WORDS for k in keys] + [False])
    pos = np.where(codes >= 0, codes, len(uniq))
    out = pd.Series(value[pos], index=column.index, dtype="boolean")
    out[~known[pos]] = pd.NA
    return out, pd.Series(~known[pos], index=column.index) & text.notna()


def canonical_site_types(site_type: pd.Series) -> tuple[pd.Series, str | None]:
    """Site types onto :data:`remotecalc.inputs.vocab.SITE_TYPES` (Danish names recognised).

    A type that is not recognised is kept as written (and is treated as an office by
    :func:`remotecalc.formulas.office.site_type_desks`); the note names it.

    Returns
    -------
    site_type : pandas.Series of str
    note : str or None
    """
    codes, uniq = pd.factorize(site_type)
    canon = [SITE_TYPE_SYNONYMS.get(normalise_label(u)) for u in uniq]
    unknown = [u for u, c in zip(uniq, canon, strict=True) if c is None]
    mapped = np.array(
        [c if c is not None else u for u, c in zip(uniq, canon, strict=True)] + [None]
    )
    rows = mapped[np.where(codes >= 0, codes, len(uniq))]
    out = (
        _text_column(rows, site_type.index)  # text in, text out: converted by Arrow
        if isinstance(site_type.dtype, pd.StringDtype)
        else pd.Series(rows, index=site_type.index, dtype="string")
    )
    note = None
    if unknown:
        note = Note(
            "site_types_unknown",
            types=", ".join(repr(_cut(u, 30)) for u in unknown),
            known=", ".join(SITE_TYPES),
        )
    return out, note


def _site_suggestion(value: str, known: list[str]) -> str:
    """'did you mean ...? ' for a site id close to a known one (case ignored), else ''."""
    lower = {k.lower(): k for k in known}
    if value.lower() in lower:
        return f"did you mean '{_cut(lower[value.lower()], 30)}' (case differs)? "
    close = difflib.get_close_matches(value.lower(), list(lower), n=1, cutoff=0.8)
    return f"did you mean '{_cut(lower[close[0]], 30)}'? " if close else ""


def _unlocated_sites_text(sites_df, out, site_unlocated, staff_file: str) -> str:
    """A sites-file error: the sites staff need a location for, with their rows there."""
    prov = sites_df.attrs.get("provenance", {})
    file = prov.get("file", "sites table")
    ids = out.loc[site_unlocated, "site_id"]
    lines = [
        f"{file}: {ids.nunique()} site(s) have no location (no lat/lon, postcode or "
        f"municipality code) while {int(site_unlocated.sum()):,} row(s) of {staff_file} "
        "have no one_way_km and need one to compute the commute distance:"
    ]
    for sid in ids.unique()[:10]:
        row = sites_df.loc[sites_df["site_id"] == sid, "source_row"].iloc[0]
        lines.append(
            f"  - row {row}, column 'lat': found blank for site '{_cut(sid)}'; expected the "
            "site's coordinates, a postcode or a municipality code"
        )
    lines.append("Give the sites a location, or give these employees a one_way_km.")
    return "\n".join(lines)


def _missing_column_text(raw: RawTable, canon: str, aliases: dict, what: str) -> str:
    names = sorted({k for k, v in aliases.items() if v == canon})[:8]
    keys = [k for k, v in aliases.items() if v == canon]
    cols = list(raw.frame.columns)
    hint = f" If the file calls it something else, pass column_map={{'<name>': '{canon}'}}."
    for c in cols:
        close = difflib.get_close_matches(normalise_column(c), keys, n=1, cutoff=0.8)
        if close and aliases.get(normalise_column(c)) is None:
            hint = (
                f" Did you mean the column '{_cut(c)}' (close to '{close[0]}')? Pass "
                f"column_map={{'{_cut(c)}': '{canon}'}}."
            )
            break
    return (
        f"{raw.file}: required column '{canon}' is missing from the {what} table. "
        f"Accepted names: {', '.join(names)}. The file's columns are: "
        f"{', '.join(repr(_cut(c)) for c in cols[:40])}.{hint}"
        + raw.extra.get("no_header_hint", "")
    )


def closest_column(column: str, keys: list[str], aliases: dict[str, str]) -> str | None:
    """The canonical name an unrecognised column most probably means (None: none is close).

    Close spelling (``difflib`` ratio at least 0.8 against every known name), else a known
    name of four letters or more that is a word of the column's name (``Km til arbejde`` ->
    ``one_way_km`` by ``km``... only whole words, so ``Stillingsbetegnelse`` matches nothing).

    Examples
    --------
    >>> from remotecalc.inputs.vocab import COLUMN_ALIASES
    >>> closest_column("Transportmidel", list(COLUMN_ALIASES), COLUMN_ALIASES)
    'mode'
    >>> closest_column("Stillingsbetegnelse", list(COLUMN_ALIASES), COLUMN_ALIASES) is None
    True
    """
    key = normalise_column(column)
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.8)
    if close:
        return aliases[close[0]]
    words = set(key.split())
    for k in sorted(keys, key=len, reverse=True):
        if len(k) >= 4 and (k in words or (" " in k and f" {k} " in f" {key} ")):
            return aliases[k]
    return None


def _unused_columns_note(
    raw: RawTable, unused: list[str], aliases: dict, taken: set[str], what: str, kept: bool
) -> str | None:
    """A note listing the input columns a reader does not use, with did-you-mean hints."""
    if not unused:
        return None
    keys = [k for k, v in aliases.items() if v not in taken]
    parts: list[str] = []
    for c in unused:
        known = closest_column(c, keys, aliases)
        parts.append(Note("did_you_mean", column=_cut(c), known=known) if known else f"'{_cut(c)}'")
    kind = "unused_columns_kept" if kept else "unused_columns_dropped"
    return Note(kind, what=Note.word(what), columns=parts)


def _resolve_location(
    out: pd.DataFrame,
    probs: _Problems,
    lat: str,
    lon: str,
    postcode: str,
    municipality: str,
    postcodes,
    municipalities,
    country,
    need: pd.Series | None = None,
    notes: list | None = None,
):
    """Fill ``lat``/``lon`` from coordinates, postcode or municipality; record problems.

    ``need``: rows that must end with a location (e.g. staff without a given one_way_km).
    A table not given is the one shipped for ``country`` (:func:`packaged_location_table`),
    said in ``notes``. Returns a Series saying where each point came from.
    """
    if lat not in out.columns:
        out[lat] = np.nan
    if lon not in out.columns:
        out[lon] = np.nan
    n = len(out)
    lat_given = out[lat].notna().to_numpy()
    lon_given = out[lon].notna().to_numpy()
    has_xy = lat_given & lon_given
    only_one = lat_given ^ lon_given
    probs.add(
        only_one & ~lat_given,
        lat,
        "blank while the longitude is given; expected both coordinates",
    )
    probs.add(
        only_one & ~lon_given,
        lon,
        "blank while the latitude is given; expected both coordinates",
    )
    if country is not None and has_xy.any():
        bounds = COUNTRY_BOUNDS.get(country.upper())
        if bounds is None:
            raise ValueError(
                f"country={country!r} has no bounds; use one of "
                f"{', '.join(COUNTRY_BOUNDS)} or country=None"
            )
        outside = has_xy & outside_bounds(out[lat], out[lon], bounds)
        swapped = outside & ~outside_bounds(out[lon], out[lat], bounds)
        probs.add(
            swapped,
            lat,
            "latitude and longitude look swapped (the point lies in "
            f"{country} if the two are exchanged); expected {lat} from {bounds[0]} to "
            f"{bounds[1]}",
            values=lambda: out[lat].astype(str) + " / " + out[lon].astype(str),
        )
        probs.add(
            outside & ~swapped,
            lat,
            f"the point lies far outside {country}; expected "
            f"{lat} from {bounds[0]} to {bounds[1]} and {lon} from {bounds[2]} to "
            f"{bounds[3]}",
            values=lambda: out[lat].astype(str) + " / " + out[lon].astype(str),
        )
    src = np.full(n, None, dtype=object)  # where each point came from (None: not placed)
    src[has_xy] = "coordinates"
    located = has_xy.copy()
    need_rows = None if need is None else need.to_numpy(dtype=bool)
    for code_col, table, kind, label in (
        (postcode, postcodes, "postcode", "postcode"),
        (municipality, municipalities, "municipality", "municipality"),
    ):
        if code_col not in out.columns:
            continue
        given = ~located & out[code_col].notna().to_numpy()
        if not given.any():
            continue
        packaged = table is None
        if table is None:
            table = packaged_location_table(country, kind)
        if table is None:
            probs.add(
                given if (need_rows is None) else (given & need_rows),
                code_col,
                f"cannot be placed on the map: no {label} table was given; pass "
                f"{'postcodes' if kind == 'postcode' else 'municipalities'}=<CSV with code "
                "and lat/lon columns>",
            )
            continue
        tab = cast(LocationTable, as_location_table(table, kind))  # table is given here
        hit = tab.lookup(out.loc[given, code_col])
        ok = hit["matched"]
        out.loc[hit.index[ok], lat] = hit.loc[ok, "lat"]
        out.loc[hit.index[ok], lon] = hit.loc[ok, "lon"]
        at = np.flatnonzero(given)  # the rows looked up, in the order of ``hit``
        ok_rows = ok.to_numpy(dtype=bool)
        src[at[ok_rows]] = label
        located[at[ok_rows]] = True
        if packaged and notes is not None and ok_rows.any():
            notes.append(
                Note(
                    "packaged_locations",
                    n=int(ok_rows.sum()),
                    what=Note.word("staff" if lat == "home_lat" else "sites"),
                    zone=Note.word(kind),
                    table=tab.source,
                )
            )
        bad = np.zeros(n, dtype=bool)
        bad[at[~ok_rows]] = True
        if need_rows is not None:
            bad &= need_rows
        probs.add(
            bad,
            code_col,
            f"{label} not found in the {label} table ({tab.source}); expected a code listed there",
        )
    return pd.Series(src, index=out.index, dtype="string")


# --------------------------------------------------------------------------------------------
# Staff
# --------------------------------------------------------------------------------------------
#: Sources of each employee's teleworkable share (``teleworkable_source``) chosen by
#: :func:`read_staffing`'s ``teleworkable`` option: ``occupation`` (the default: the file's
#: column where given, else from the occupation code and the site's type), ``column`` (the
#: file's column only: every employee needs a value) and ``all`` (the file's column where
#: given, else fully teleworkable: everybody may work from home, as before occupation codes
#: were read).
TELEWORKABLE_SOURCES: tuple[str, ...] = ("occupation", "column", "all")

#: Most weekly hours a working-time column may hold; a column whose values above 1 have a
#: median at or below it holds weekly hours, above it percentages. 48 h is the average
#: weekly maximum of the EU Working Time Directive (2003/88/EC, article 6). [h/week]
HOURS_MAX = 48.0

#: Fewest weekly hours that a column's typical (median) value may have for the column to be
#: read as weekly hours or percentages; below it (``2``, ``1.5``) the values are taken as
#: fractions of full time typed wrongly, and refused. [h/week]
HOURS_MIN = 8.0

#: Columns that give the working time, in the order one is chosen when a file has several.
WORKING_TIME_COLUMNS: tuple[str, ...] = ("fte", "fte_percent", "weekly_hours")


@dataclass
class StaffRead:
    """What the stages of :func:`read_staffing` hand on to each other (one read)."""

    raw: RawTable
    mapping: dict[str, str]
    frame: pd.DataFrame
    """The file's cells under canonical names (text)."""
    source_of: dict[str, str]
    """Canonical name -> the column as named in the file."""
    notes: list
    strict: bool
    out: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Parsed canonical columns, indexed by row number in the file."""
    probs: _Problems | None = None
    unparseable: dict[str, pd.Series] = field(default_factory=dict)
    skip: dict[str, pd.Series] = field(default_factory=dict)
    """Rows of a column whose problem is already told (the schema does not repeat it)."""
    sites: pd.DataFrame | None = None

    @property
    def has_km(self) -> bool:
        return "one_way_km" in self.frame.columns

    @property
    def has_xy(self) -> bool:
        return "home_lat" in self.frame.columns and "home_lon" in self.frame.columns

    @property
    def problems(self) -> _Problems:
        assert self.probs is not None, "parse_staff_values runs first"
        return self.probs


def read_staffing(
    source,
    sites=None,
    *,
    column_map: dict | None = None,
    strict: bool = True,
    sheet=None,
    sites_column_map: dict | None = None,
    sites_sheet=None,
    postcodes=None,
    municipalities=None,
    country: str | None = "DK",
    max_listed: int = 10,
    od=None,
    teleworkable: str = "occupation",
    norm_week_hours: float | None = None,
) -> Workforce:
    """Read, map and validate an employer's staffing data into a :class:`Workforce` (pandas).

    This is the pandas reader. :func:`remotecalc.read_staffing` (in
    :mod:`remotecalc.evaluation.reading`) takes the same arguments plus ``backend`` and chooses
    between it and the Dask reader (:func:`remotecalc.evaluation.distributed.read_staffing_dask`,
    which runs this function on every partition).

    It runs in stages, each a function of this module: :func:`read_staff_table` (the bytes),
    :func:`map_staff_columns` (the file's names onto the glossary), :func:`parse_staff_values`
    (text to numbers, modes, codes), :func:`derive_staff_defaults` (FTE from hours or
    percentages, absent columns, teleworkability), :func:`validate_staff_rows` (ranges,
    locations, sites) and :func:`build_workforce`.

    Parameters
    ----------
    source : str, pathlib.Path or pandas.DataFrame
        Staff table: CSV (``,`` or ``;``, decimal comma, UTF-8/BOM/cp1252), XLSX, Parquet or
        a DataFrame. One row per employee.
    sites : path, DataFrame, optional
        Sites table (see :func:`read_sites`), or an already read sites DataFrame. Without it,
        every employee needs a given ``one_way_km`` and site ids are not checked.
    column_map : dict, optional
        ``{column in the file: canonical name}``; known aliases (English and Danish, e.g.
        ``medarbejdernr``, ``postnr``, ``transportmiddel``, ``beskæftigelsesgrad``,
        ``STYRK/DISCO-kode``, ``Ugentlig arbejdstid``) are mapped without it.
    strict : bool, default True
        ``True``: any problem raises :class:`StaffingError` naming file, row, column, value
        and what was expected. ``False``: rows with problems are excluded into
        ``Workforce.excluded`` with their reasons.
    sheet : str or int, optional
        Excel sheet of the staff table.
    postcodes, municipalities : path, DataFrame or LocationTable, optional
        Lookup tables placing ``home_postcode`` / ``home_municipality_code`` (and sites'
        codes) on the map; ranges such as ``1000-1499`` match codes inside them. Default:
        the tables shipped for ``country`` (Denmark: DAGI postcodes and municipalities).
    country : str or None, default "DK"
        Coordinates far outside this country are errors (swapped latitude/longitude are
        recognised), and its shipped postcode and municipality tables are used when none
        is passed. ``None`` switches both off.
    max_listed : int
        How many problems an error message lists before counting the rest.
    od : path or DataFrame, optional
        An origin-destination table of routed distances (:func:`read_od`), applied with
        :meth:`Workforce.with_od` (read strictly, checked against the sites).
    teleworkable : {"occupation", "column", "all"}, default "occupation"
        Where each employee's teleworkable share comes from when the file does not give it
        (a value in the file always wins): ``"occupation"``: staff who are not desk-based
        (by their ``desk_based``, occupation code and site type,
        :func:`remotecalc.formulas.office.resolve_desk_based`) get 0 (no home days);
        desk-based staff get the JRC index of their ISCO-08/DISCO-08 code (Sostero et al.
        2020, shipped with remotecalc), or without one the site type's default (1.0 at an
        office). ``"column"``: the file's column only; a blank is a problem. ``"all"``:
        fully teleworkable (1.0), as if everybody could work from home. A note counts each.
    norm_week_hours : float, optional
        Full-time week for a column of weekly hours (FTE = hours / norm). [h/week] Default:
        ``staff.norm_week_hours`` of the packaged parameter set of ``country`` (37 in
        ``dk-2025``).

    Returns
    -------
    Workforce

    Notes
    -----
    Canonical staff columns are listed in :data:`remotecalc.inputs.vocab.STAFF_COLUMNS`. Columns
    that are not canonical (department, unit, ...) are kept for grouping; each is named in a
    note, with the closest canonical name. The working time comes from ``fte``,
    ``fte_percent`` or ``weekly_hours`` (the first a file has); its unit is recognised by
    its values (mostly at most 1: fractions; mostly above 1 with a median up to
    :data:`HOURS_MAX`: weekly hours; else percentages), in a note; values that do not fit the
    column's unit are problems of their rows. Absent ``fte`` and ``onsite_days_per_week``
    columns take 1.0 and 5.0, recorded in ``Workforce.notes``. ``desk_based`` (yes/no,
    ja/nej, 1/0; :func:`yes_no`) is read as given, blanks left missing: the engine decides
    them from the occupation code and the site's type, with a note.

    Examples
    --------
    >>> import pandas as pd, remotecalc as rc
    >>> staff = pd.DataFrame({"Medarbejdernr": ["1", "2"], "Arbejdssted": ["A", "A"],
    ...                       "Transportmiddel": ["cykel", "Bil (diesel)"],
    ...                       "afstand_km": ["3,5", "22"], "Ugentlig arbejdstid": ["37", "30"],
    ...                       "onsite_days_per_week": [5, 4]})
    >>> wf = rc.read_staffing(staff)
    >>> cols = ["employee_id", "mode", "one_way_km", "fte"]
    >>> print(wf.staff[cols].round(2).to_string(index=False))
    employee_id       mode  one_way_km  fte
              1    bicycle         3.5 1.00
              2 car_diesel        22.0 0.81
    """
    if teleworkable not in TELEWORKABLE_SOURCES:
        raise ValueError(
            f"teleworkable must be one of {', '.join(TELEWORKABLE_SOURCES)}, not {teleworkable!r}"
        )
    if type(source).__module__.startswith("dask"):
        raise TypeError(
            "a Dask DataFrame is read by remotecalc.read_staffing(..., "
            "backend='dask') (remotecalc.evaluation.reading), not by the pandas reader"
        )
    raw = read_staff_table(source, sheet, column_map, strict)
    read = map_staff_columns(raw, column_map, strict)
    if sites is not None:
        read.sites = (
            sites
            if isinstance(sites, pd.DataFrame)
            and "source_row" in sites.columns
            and "lat" in sites.columns
            else read_sites(
                sites,
                column_map=sites_column_map,
                sheet=sites_sheet,
                postcodes=postcodes,
                municipalities=municipalities,
                country=country,
                max_listed=max_listed,
            )
        )
        read.notes.extend(read.sites.attrs.get("notes", []))
    parse_staff_values(read)
    derive_staff_defaults(read, teleworkable, norm_week_hours, country)
    validate_staff_rows(read, postcodes, municipalities, country, max_listed)
    wf = build_workforce(read, country)
    if od is None:
        return wf
    if _is_read_od(od):
        return wf.with_od(od)
    return wf.with_od(
        read_od(
            od,
            sites=wf.sites,
            postcodes=postcodes,
            municipalities=municipalities,
            country=country,
        )
    )


def read_staff_table(source, sheet, column_map: dict | None, strict: bool) -> RawTable:
    """Stage 1 of :func:`read_staffing`: the staff table's cells as text, rows numbered.

    Raises
    ------
    StaffingError
        A file that cannot be read, or a header with no rows.
    """
    raw = read_table(
        source,
        sheet=sheet,
        what="staff",
        numeric_columns=_numeric_column_test(column_map, COLUMN_ALIASES, STAFF_NUMERIC),
        ragged="raise" if strict else "mark",
    )
    if len(raw.frame) == 0:
        raise StaffingError(
            f"{raw.file}: the staff table has a header but no rows "
            f"(columns: {', '.join(map(repr, raw.frame.columns))})."
        )
    return raw


def map_staff_columns(raw: RawTable, column_map: dict | None, strict: bool = True) -> StaffRead:
    """Stage 2: the file's column names onto the glossary; required columns checked.

    Raises
    ------
    StaffingError
        A required column missing (with the accepted names and a did-you-mean), no home
        location column, one coordinate without its partner, or a column map in conflict.
    """
    mapping = _map_columns(raw, COLUMN_ALIASES, column_map, tuple(COLUMN_ALIASES.values()))
    frame = _renamed(raw.frame, mapping)
    source_of = {v: k for k, v in mapping.items()}
    read = StaffRead(raw, mapping, frame, source_of, list(raw.extra.get("notes", [])), strict)
    for req in ("employee_id", "site_id", "mode"):
        if req not in frame.columns:
            raise StaffingError(_missing_column_text(raw, req, COLUMN_ALIASES, "staff"))
    if not (
        read.has_km
        or read.has_xy
        or "home_postcode" in frame.columns
        or "home_municipality_code" in frame.columns
    ):
        raise StaffingError(
            f"{raw.file}: no home location column; expected one of 'one_way_km', "
            "'home_lat' and 'home_lon', 'home_postcode' or 'home_municipality_code' (Danish "
            "names such as 'postnr', 'afstand_km' and 'kommunekode' are recognised). The "
            f"file's columns are: {', '.join(map(repr, raw.frame.columns))}."
        )
    if ("home_lat" in frame.columns) != ("home_lon" in frame.columns):
        present = "home_lat" if "home_lat" in frame.columns else "home_lon"
        raise StaffingError(
            f"{raw.file}: column '{source_of.get(present, present)}' is "
            "given without its partner; expected both home_lat and home_lon."
        )
    return read


def parse_staff_values(read: StaffRead) -> None:
    """Stage 3: ids, modes (synonyms), numbers (decimal marks), codes and yes/no as values.

    Fills ``read.out`` and records problems in ``read.probs``; nothing is defaulted here.
    """
    raw, frame = read.raw, read.frame
    probs = _Problems(raw.file, raw.frame, read.source_of, raw.extra.get("decimal"))
    read.probs = probs
    ragged_rows = raw.extra.get("ragged_rows", {})
    if ragged_rows:
        probs.add(
            raw.frame.index.isin(list(ragged_rows)),
            "(row)",
            pd.Series(ragged_rows).reindex(raw.frame.index),
        )
    cols: dict[str, pd.Series] = {}  # the canonical columns, built first, framed once
    employee_id = cols["employee_id"] = _as_text(frame["employee_id"])
    site_id = cols["site_id"] = _as_text(frame["site_id"])
    probs.add(employee_id.isna(), "employee_id", "blank; expected an employee id")
    probs.add(site_id.isna(), "site_id", "blank; expected a site id")
    # is_unique first, as for sites
    if (
        not employee_id.is_unique
        and (dup := employee_id.duplicated(keep="first") & employee_id.notna()).any()
    ):
        first_row = pd.Series(frame.index, index=frame.index).groupby(employee_id).transform("min")
        probs.add(
            dup,
            "employee_id",
            "duplicate employee_id; first seen in row " + first_row.astype("string"),
        )
    cols["mode"] = _parse_modes(read)
    for c in STAFF_NUMERIC:
        if c in frame.columns:
            cols[c], bad = _numbers(
                frame[c], raw.extra.get("decimal"), _numeric_cells(raw, read.source_of.get(c, c))
            )
            read.unparseable[c] = _flagged(bad, frame.index)
            if bad is not None:
                probs.add(read.unparseable[c], c, bad)
    for c in ("home_postcode", "home_municipality_code", "occupation_isco08"):
        if c in frame.columns:
            cols[c] = _as_text(frame[c])
    if "occupation_isco08" in cols:
        cols["occupation_isco08"], not_code = _occupation_codes(cols["occupation_isco08"])
        probs.add(
            not_code, "occupation_isco08", "expected an ISCO-08/DISCO-08 code of 1 to 6 digits"
        )
    if "desk_based" in frame.columns:
        cols["desk_based"], bad_yes_no = yes_no(frame["desk_based"])
        probs.add(
            bad_yes_no,
            "desk_based",
            "expected yes or no (true/false, ja/nej, 1/0); leave blank to take it from the "
            "occupation code and the site's type",
        )
    read.out = pd.DataFrame(cols, index=frame.index, copy=False)
    _flag_ambiguous_groups(read)
    read.skip = dict(read.unparseable)


def _occupation_codes(occ: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Occupation codes without a trailing ``.0`` and inner spaces, dots and dashes
    (``'2411.10'``, ``'5322 10'``), and where a given code is not 1 to 6 digits.

    These are pandas' ``.str.replace(r"\\.0$", "")``, ``.str.replace(r"[\\s.\\-]", "")``
    and ``.str.fullmatch(r"\\d{1,6}")``. On ASCII text without line breaks (every code
    file) they are run as Arrow's kernels directly, as pandas runs them there, with
    Python's ``\\s`` spelt out for Arrow (it also matches vertical tab and
    ``\\x1c``-``\\x1f``); other text goes through pandas (Python's ``re``).
    """
    cells = pa.array(occ.array) if _is_arrow_text(occ.dtype) else None
    if cells is None or not _plain_ascii(cells):
        occ = occ.str.replace(r"\.0$", "", regex=True)
        occ = occ.str.replace(r"[\s.\-]", "", regex=True)
        return occ, (occ.notna() & ~occ.str.fullmatch(r"\d{1,6}").fillna(False)).to_numpy()
    cells = pc.call_function(
        "replace_substring_regex", [cells], pc.ReplaceSubstringOptions(r"\.0$", "")
    )
    cells = pc.call_function(
        "replace_substring_regex",
        [cells],
        pc.ReplaceSubstringOptions(r"[\t\n\x0b\x0c\r\x1c-\x1f .\-]", ""),
    )
    digits = pc.call_function(
        "match_substring_regex", [cells], pc.MatchSubstringOptions(r"^(\d{1,6})$")
    )
    not_code = pc.call_function(
        "and",
        [
            pc.call_function("is_valid", [cells]),
            pc.call_function("invert", [digits.fill_null(False)]),
        ],
    )
    text = _text_array(cells, occ.dtype)
    return pd.Series(text, index=occ.index, name=occ.name), not_code.to_numpy(zero_copy_only=False)


def _plain_ascii(cells: pa.Array) -> bool:
    """Whether Arrow text cells are ASCII without line breaks (where Arrow's regular
    expressions and Python's agree on ``$``, ``\\d`` and an explicit whitespace class)."""
    ascii_ = (
        pc.call_function("all", [pc.call_function("string_is_ascii", [cells])]).as_py() is not False
    )
    return (
        ascii_
        and not pc.call_function(
            "any", [pc.call_function("match_substring", [cells], pc.MatchSubstringOptions("\n"))]
        ).as_py()
    )


def _parse_modes(read: StaffRead) -> pd.Series:
    """Mode words (Danish included) onto the canonical vocabulary, returned; the mapping in
    a note."""
    frame, probs = read.frame, read.problems
    mode_text = _as_text(frame["mode"])
    codes, uniques = pd.factorize(mode_text)  # few distinct labels: normalise those only
    canon_u = np.array([canonical_mode(u) for u in uniques] + [None], dtype=object)
    pos = np.where(codes >= 0, codes, len(uniques))  # each row's label (the last: blank)
    mode = _text_column(canon_u[pos], mode_text.index)
    known_u = np.array([c is not None for c in canon_u], dtype=bool)
    unknown = (codes >= 0) & ~known_u[pos]  # given, but no mode
    if unknown.any():
        keys = [normalise_label(u) for u in uniques]
        sugg = {}
        for u, k, c in zip(uniques, keys, canon_u[:-1], strict=True):
            if c is None:
                close = difflib.get_close_matches(k, list(MODE_SYNONYMS), n=1, cutoff=0.7)
                sugg[u] = (
                    f"unknown mode; did you mean '{MODE_SYNONYMS[close[0]]}'? "
                    if close
                    else "unknown mode; "
                )
        probs.add(
            unknown,
            "mode",
            mode_text.map(sugg).fillna("")
            + "expected one of "
            + ", ".join(MODES)
            + " (or a synonym such as bil, cykel, tog, samkørsel, knallert)",
        )
    probs.add(
        codes < 0,  # blank (factorize's code of a missing cell)
        "mode",
        "blank; expected a commute mode such as car, bicycle, train (bil, cykel, tog)",
    )
    n = np.bincount(codes[codes >= 0], minlength=len(uniques))
    words = [
        Note("mode_word", word=_cut(str(u), 30), mode=Note.mode(str(c)), n=int(k))
        for u, c, k in zip(uniques, canon_u[:-1], n, strict=True)
        if c is not None and str(u) != c
    ]
    if words:
        read.notes.append(Note("mode_words", words=words))
    return mode


def _flag_ambiguous_groups(read: StaffRead) -> None:
    """Cells such as ``1.234`` in a ``;`` file whose other cells of the column use '.' as the
    decimal mark: read as 1.234 (the column's mark) but could be 1,234; a note names them."""
    notes = ambiguous_decimal_notes(read.raw, read.out, read.source_of, STAFF_NUMERIC)
    read.notes.extend(notes)


def ambiguous_decimal_notes(
    raw: RawTable, values: pd.DataFrame, source_of: dict[str, str], columns
) -> list[str]:
    """Notes naming cells read with a decimal mark their own file does not use.

    A ``;``-separated file writes decimals with a comma; where a column's cells show a dot
    as its decimal mark (``55.68``), :func:`parse_numbers` follows the column, so a cell
    ``1.234`` or ``10.200`` is read as 1.234 and 10.2, although in the file's own
    convention it would be 1,234 and 10,200. Such cells (a dot followed by exactly three
    digits) are named, with their rows.
    """
    if raw.extra.get("decimal") != ",":
        return []
    out: list[str] = []
    for c in columns:
        src = source_of.get(c, c)
        if c not in values.columns or src not in raw.frame.columns:
            continue
        text = raw.frame[src]
        if pd.api.types.is_numeric_dtype(text):
            continue
        t = _as_text(text)
        grouped = t.str.fullmatch(r"[+-]?\d{1,3}\.\d{3}").fillna(False).astype(bool)
        # only cells read with '.' as the decimal mark (12.500 -> 12.5); a cell read in the
        # file's own convention (12.500 -> 12500) needs no note
        as_decimal = pd.to_numeric(t.where(grouped), errors="coerce")
        grouped &= values[c].notna() & np.isclose(values[c].astype(float), as_decimal)
        if not grouped.any():
            continue
        rows = list(values.index[grouped.to_numpy()])
        out.append(
            Note(
                "decimal_ambiguous",
                column=_cut(src),
                n=len(rows),
                rows=", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else ""),
                example=str(t[grouped].iloc[0]),
                value=float(values.loc[grouped, c].iloc[0]),
            )
        )
    return out


def derive_staff_defaults(
    read: StaffRead,
    teleworkable: str = "occupation",
    norm_week_hours: float | None = None,
    country: str | None = "DK",
) -> None:
    """Stage 4: FTE from the working-time column, absent columns, teleworkable shares.

    Every default applied is a note (counted).
    """
    _fte_from_working_time(read, norm_week_hours, country)
    out = read.out
    if "onsite_days_per_week" not in out.columns:
        out["onsite_days_per_week"] = STAFF_DEFAULTS["onsite_days_per_week"]
        read.notes.append(
            Note(
                "default_column",
                column=Note.field("onsite_days_per_week"),
                value=float(STAFF_DEFAULTS["onsite_days_per_week"]),
            )
        )
    # values that look like percentages get that hint instead of the plain range message
    if "teleworkable" in out.columns:
        share = out["teleworkable"].to_numpy(dtype=float)
        pct = (share >= 2) & (share <= 100)
        read.problems.add(
            pct,
            "teleworkable",
            "looks like a percentage; expected a share from 0 to 1 "
            "(divide by 100, e.g. teleworkable = 0.8 for 80 %)",
        )
        read.skip["teleworkable"] = (
            read.skip.get("teleworkable", pd.Series(False, index=out.index)) | pct
        )
    _teleworkable_defaults(read, teleworkable)


def norm_week(norm_week_hours: float | None, country: str | None) -> float:
    """The full-time week: as given, else ``staff.norm_week_hours`` of the country's set."""
    if norm_week_hours is not None:
        value = float(norm_week_hours)
    else:
        from remotecalc.inputs.parameters import load_parameters

        name = "uk-desnz-2025" if (country or "").upper() in ("GB", "UK") else "dk-2025"
        value = float(load_parameters(name)["staff.norm_week_hours"])
    if not 0 < value <= HOURS_MAX:
        raise ValueError(f"norm_week_hours must lie in (0, {HOURS_MAX:g}] h/week, not {value}")
    return value


def _fte_from_working_time(read: StaffRead, norm_week_hours: float | None, country) -> None:
    """``fte`` from the first working-time column: fractions, percentages or weekly hours."""
    out, probs = read.out, read.problems
    present = [c for c in WORKING_TIME_COLUMNS if c in out.columns]
    if not present:
        out["fte"] = STAFF_DEFAULTS["fte"]
        read.notes.append(
            Note("default_column", column=Note.field("fte"), value=float(STAFF_DEFAULTS["fte"]))
        )
        return
    col = present[0]
    name = read.source_of.get(col, col)
    values = out[col].astype(float)
    v = values.to_numpy()  # the cells, compared as an array (NaN: blank)
    given = ~np.isnan(v)
    over_one = values[v > 1]
    typical = float(over_one.median()) if len(over_one) else math.nan
    if len(over_one) * 2 <= int(given.sum()) or typical < HOURS_MIN:
        unit = "fraction"  # mostly fractions (or no plausible hours): those above 1 are errors
    else:
        unit = "hours" if typical <= HOURS_MAX else "percent"
    named = {"fte": "fraction", "fte_percent": "percent", "weekly_hours": "hours"}[col]
    small = given & (v > 0) & (v <= 1)
    fte = v.copy()
    n_capped = 0
    norm = math.nan
    if unit == "hours":
        norm = norm_week(norm_week_hours, country)
        probs.add(
            small,
            col,
            "a fraction of full time in a column of weekly hours; expected hours a week "
            f"(e.g. {norm:g})",
        )
        probs.add(
            given & (v > HOURS_MAX),
            col,
            f"above {HOURS_MAX:g}; expected weekly hours (the column's other values are hours)",
        )
        capped = given & (v > norm) & (v <= HOURS_MAX)
        n_capped = int(capped.sum())
        fte = np.where(capped, 1.0, v / norm)
        told = small | (given & (v > HOURS_MAX))
    elif unit == "percent":
        probs.add(
            small,
            col,
            "a fraction of full time in a column of percentages; expected a percentage "
            "(e.g. 100 for full time)",
        )
        probs.add(given & (v > 100), col, "above 100; expected a percentage of full time")
        fte = v / 100.0
        told = small | (given & (v > 100))
    else:
        above = given & (v > 1)
        probs.add(
            above,
            col,
            "above 1 in a column of fractions of full time; expected a share above 0 and at "
            "most 1 (e.g. 0.8); a column of percentages or weekly hours is read as such only "
            "when most of its values are",
        )
        told = above
    read.skip[col] = pd.Series(told, index=out.index)
    # the schema's range check is on 'fte'
    out["fte"] = fte
    if col != "fte":
        read.skip["fte"] = read.skip.get(col, pd.Series(False, index=out.index))
        read.source_of.setdefault("fte", name)
    else:
        read.skip["fte"] = read.skip.get("fte", pd.Series(False, index=out.index))
    if col in read.unparseable:
        read.skip["fte"] = read.skip["fte"] | read.unparseable[col]
    if unit != "fraction" or named != "fraction":
        read.notes.append(
            Note(
                "fte_from_column",
                column=_cut(name),
                unit=Note.word(f"fte_unit_{unit}"),
                by=Note.word("fte_by_name" if unit == named else "fte_by_values"),
                norm=Note("fte_norm", norm=norm) if unit == "hours" else "",
                n=int(given.sum()),
            )
        )
    if n_capped:
        read.notes.append(Note("fte_hours_capped", n=n_capped, norm=norm))
    others = [read.source_of.get(c, c) for c in present[1:]]
    if others:
        read.notes.append(Note("fte_columns_unused", column=_cut(name), others=others))


def _teleworkable_defaults(read: StaffRead, option: str) -> None:
    """Fill ``teleworkable`` where the file gives none (``option``: see
    :data:`TELEWORKABLE_SOURCES`) and record each employee's source, with a note."""
    out = read.out
    n = len(out)
    given = (
        out["teleworkable"].astype(float)
        if "teleworkable" in out.columns
        else pd.Series(np.nan, index=out.index)
    )
    has_column = "teleworkable" in out.columns
    missing = given.isna().to_numpy()
    if "teleworkable" in read.unparseable:
        missing = missing & ~read.unparseable["teleworkable"].to_numpy()
    source = np.where(missing, "", "column").astype(object)
    value = given.to_numpy(dtype=float).copy()
    if option == "column":
        if not has_column:
            raise StaffingError(
                f"{read.raw.file}: teleworkable='column' (--teleworkable column) needs a "
                "teleworkable column in the staff file; it has none. Its columns are: "
                f"{', '.join(map(repr, read.raw.frame.columns))}. Use 'occupation' to derive "
                "it from the occupation code and the site type."
            )
        read.problems.add(
            pd.Series(missing, index=out.index),
            "teleworkable",
            "blank; expected a teleworkable share from 0 to 1 (teleworkable='column': the "
            "file's values only)",
        )
    elif option == "all":
        value = np.where(missing, 1.0, value)
        source = np.where(missing, "all", source)
        if missing.any():
            read.notes.append(Note("teleworkable_all", n=int(missing.sum())))
    elif missing.any():
        value, source = _teleworkable_from_occupation(read, value, source, missing)
    out["teleworkable"] = value
    source = source.astype(object)
    source[source == ""] = None  # no source: not filled
    out["teleworkable_source"] = _text_column(source, out.index)
    if n and has_column and not missing.all():
        read.notes.append(Note("teleworkable_column", n=int((~missing).sum())))


def _teleworkable_from_occupation(
    read: StaffRead, value: np.ndarray, source: np.ndarray, missing: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Teleworkable shares of desk-based staff from the JRC index; 0 for frontline staff."""
    out, sites = read.out, read.sites
    occ_codes = out["occupation_isco08"] if "occupation_isco08" in out.columns else None
    given_desk = (
        out["desk_based"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        if "desk_based" in out.columns
        else None
    )
    by_occ = office.desk_based_from_occupation(occ_codes) if occ_codes is not None else None
    if sites is not None:
        site_code = positions(out["site_id"], sites["site_id"])
        has, default = office.site_type_desks(
            sites["site_type"] if "site_type" in sites.columns else None,
            sites["desks"].to_numpy(dtype=float) if "desks" in sites.columns else None,
            len(sites),
        )
    else:
        site_code = np.full(len(out), -1)
        has, default = np.ones(0, dtype=bool), np.full(0, np.nan)
    desk_based, _effect, _counts = office.resolve_desk_based(
        given_desk, by_occ, site_code, has, default
    )
    if occ_codes is not None:
        jrc = map_isco_to_jrc(occ_codes, packaged_jrc_index()).values.to_numpy(dtype=float)
        has_code = occ_codes.notna().to_numpy()
    else:
        jrc = np.full(len(out), np.nan)
        has_code = np.zeros(len(out), dtype=bool)
    decided_by_code = ~np.isnan(by_occ) if by_occ is not None else np.zeros(len(out), bool)
    given_d = ~np.isnan(given_desk) if given_desk is not None else np.zeros(len(out), bool)
    frontline = missing & ~desk_based
    by_index = missing & desk_based & ~np.isnan(jrc)
    rest = missing & desk_based & np.isnan(jrc)
    value = np.where(frontline, 0.0, np.where(by_index, jrc, np.where(rest, 1.0, value)))
    kind = np.select(
        [
            frontline & (given_d | decided_by_code),
            frontline,
            by_index,
            rest & has_code,
            rest,
        ],
        ["frontline", "site_type", "occupation", "code_not_in_index", "site_type"],
        default="",
    )
    source = np.where(missing, kind, source)
    no_code = missing & ~has_code
    read.notes.append(
        Note(
            "teleworkable_derived",
            n=int(missing.sum()),
            index=int(by_index.sum()),
            frontline=int((frontline & (given_d | decided_by_code)).sum()),
            no_code=int(no_code.sum()),
            no_code_frontline=int((no_code & frontline).sum()),
            no_code_office=int((no_code & ~frontline).sum()),
            unmatched=int((rest & has_code).sum()),
        )
    )
    return value, source


def validate_staff_rows(
    read: StaffRead, postcodes=None, municipalities=None, country: str | None = "DK", max_listed=10
) -> None:
    """Stage 5: ranges and allowed values (pandera), home locations, sites; strict raises.

    Raises
    ------
    StaffingError
        With ``strict``: every problem, rows as numbered in the file.
    """
    out, probs, frame = read.out, read.problems, read.frame
    # pandera: ranges, nullability, allowed values (mode problems were described above)
    _run_schema(_staff_range_schema(), out, probs, read.skip, _STAFF_RANGES)
    # location: a given one_way_km wins; else coordinates, postcode, municipality
    need = out["one_way_km"].isna() if read.has_km else pd.Series(True, index=out.index)
    loc_src = _resolve_location(
        out,
        probs,
        "home_lat",
        "home_lon",
        "home_postcode",
        "home_municipality_code",
        postcodes,
        municipalities,
        country,
        need=need,
        notes=read.notes,
    )
    need_rows = need.to_numpy(dtype=bool)
    no_loc = need_rows & loc_src.isna().to_numpy()
    for c in ("home_postcode", "home_municipality_code"):
        if c in out.columns:
            no_loc &= out[c].isna().to_numpy()
    if "home_lat" in frame.columns:
        no_loc &= ~(out["home_lat"].notna().to_numpy() ^ out["home_lon"].notna().to_numpy())
    for c in ("one_way_km", "home_lat", "home_lon"):
        if c in read.unparseable:
            # already reported as not a number
            no_loc &= ~read.unparseable[c].to_numpy(dtype=bool)
    probs.add(
        no_loc,
        "one_way_km"
        if read.has_km
        else (
            "home_lat"
            if read.has_xy
            else ("home_postcode" if "home_postcode" in out.columns else "home_municipality_code")
        ),
        "blank, and no other home location is given; expected a one-way distance in km "
        "or home coordinates, postcode or municipality code",
    )
    out["home_location_source"] = loc_src.where(need_rows, "one_way_km")
    _check_sites(read, need)
    problems = probs.frame()
    if len(problems) and read.strict:
        _raise(
            problems,
            read.raw.file,
            len(read.raw.frame),
            "staff",
            max_listed,
            personal=frozenset(
                read.source_of.get(c, c)
                for c in ("home_lat", "home_lon", "home_postcode", "home_municipality_code")
            ),
            header_row=read.raw.extra.get("header_row", 1),
        )


def _without_attrs(frame: pd.DataFrame) -> pd.DataFrame:
    """The same columns (not copied) without ``attrs``: pandas deep-copies a frame's attrs
    (a sites table's notes and provenance) into every column taken from it."""
    return pd.DataFrame(frame, copy=False)


def _check_sites(read: StaffRead, need: pd.Series) -> None:
    """Site ids against the sites table; without one, every distance must be given."""
    out, probs = read.out, read.problems
    if read.sites is not None:
        sites_df = read.sites
        sites_plain = _without_attrs(sites_df)
        known = pd.Index(sites_plain["site_id"])
        site_id = out["site_id"]
        in_known = site_id.isin(known).to_numpy()
        unknown_site = site_id.notna().to_numpy() & ~in_known
        if unknown_site.any():
            listed = ", ".join(_cut(k, 20) for k in map(str, known[:12])) + (
                " ..." if len(known) > 12 else ""
            )
            suggestion = {
                u: _site_suggestion(u, [str(k) for k in known])
                for u in out.loc[unknown_site, "site_id"].unique()
            }
            probs.add(
                unknown_site,
                "site_id",
                out["site_id"].map(suggestion).fillna("")
                + f"unknown site; expected one of the sites table's site_id values: {listed}",
            )
        located = sites_plain["site_id"][sites_plain["lat"].notna().to_numpy()]
        site_unlocated = need & in_known & ~site_id.isin(located).to_numpy()
        if site_unlocated.any():
            raise StaffingError(_unlocated_sites_text(sites_df, out, site_unlocated, read.raw.file))
        return
    read.sites = pd.DataFrame(
        {
            "site_id": pd.Series(out["site_id"].dropna().unique(), dtype="string"),
            "lat": np.nan,
            "lon": np.nan,
        }
    )
    read.notes.append(Note("no_sites_table"))
    probs.add(
        need,
        "one_way_km" if read.has_km else "site_id",
        "no one_way_km and no sites table to measure the distance to; expected a "
        "one-way distance or pass sites=...",
    )


@functools.cache
def _mode_dtype() -> pd.CategoricalDtype:
    """The categorical dtype of ``mode`` in a Workforce: :data:`MODES`, unordered (built
    once: its categories' lookup table is then built once too)."""
    return pd.CategoricalDtype(list(MODES))


@functools.cache
def _mode_values() -> pa.Array:
    """:data:`MODES` as Arrow text, the categories of :func:`_mode_dtype` in their order."""
    return pa.array(list(_mode_dtype().categories), type=pa.large_string())


def _as_modes(mode: pd.Series) -> pd.Series:
    """``mode.astype(_mode_dtype())``: each mode's category looked up by Arrow's ``index_in``
    (exact equality, as astype) and the categorical built from those codes, not from Python
    objects one by one. (The reader's modes are canonical or blank; any other text goes
    through astype, which warns of it.)"""
    if not _is_arrow_text(mode.dtype):
        return mode.astype(_mode_dtype())
    cells = pa.array(mode.array)
    codes = pc.call_function("index_in", [cells], pc.SetLookupOptions(value_set=_mode_values()))
    if codes.null_count != cells.null_count:  # a text that is no mode: astype (it warns)
        return mode.astype(_mode_dtype())
    categorical = pd.Categorical.from_codes(
        codes.fill_null(-1).to_numpy(zero_copy_only=False), dtype=_mode_dtype()
    )
    return pd.Series(categorical, index=mode.index, name=mode.name)


def build_workforce(read: StaffRead, country: str | None = "DK") -> Workforce:
    """Stage 6: the rows used, the rows excluded with their reasons, provenance, notes."""
    raw, out, frame, mapping, notes = read.raw, read.out, read.frame, read.mapping, read.notes
    assert read.sites is not None, "validate_staff_rows runs first"
    rows_read = len(raw.frame)
    problems = read.problems.frame()
    bad_rows = pd.Index(problems["row"].unique()) if len(problems) else pd.Index([])
    keep = ~out.index.isin(bad_rows)
    extra = [c for c in frame.columns if c not in out.columns]
    for c in extra:
        out[c] = _as_text(frame[c])
    note = _unused_columns_note(
        raw,
        [c for c in extra if c not in ("department", "unit")],
        COLUMN_ALIASES,
        set(mapping.values()),
        "staff",
        True,
    )
    if note:
        notes.append(note)
    staff = out.loc[keep].copy() if len(bad_rows) else out.copy()
    staff.insert(0, "source_row", staff.index.to_numpy())
    staff["mode"] = _as_modes(staff["mode"])
    staff = staff.reset_index(drop=True)
    if len(bad_rows):
        reasons = (
            problems.assign(
                text=(
                    ("column '" + problems["column"] + "': ").where(
                        problems["column"] != "(row)", ""
                    )
                    + problems["problem"].astype(str)
                )
            )
            .groupby("row")["text"]
            .agg("; ".join)
        )
        ex = raw.frame.loc[bad_rows].copy()
        ex.columns = [
            f"{c} (as read)" if c in ("source_row", "employee_id", "reason") else c
            for c in ex.columns
        ]
        ex.insert(0, "reason", reasons.reindex(bad_rows).to_numpy())
        ex.insert(0, "employee_id", out.loc[bad_rows, "employee_id"].to_numpy())
        ex.insert(0, "source_row", bad_rows.to_numpy())
        excluded = ex.reset_index(drop=True)
    else:
        excluded = pd.DataFrame(
            {
                "source_row": np.array([], dtype=int),
                "employee_id": pd.array([], dtype="string"),
                "reason": pd.array([], dtype="string"),
            }
        )
    assert len(staff) + len(excluded) == rows_read
    sites_df = read.sites
    provenance = {
        "file": raw.file,
        "sha256": raw.sha256,
        "format": raw.format,
        "encoding": raw.encoding,
        "separator": raw.separator,
        "rows_read": rows_read,
        "rows_used": len(staff),
        "rows_excluded": len(excluded),
        "blank_lines_skipped": raw.blank_lines_skipped,
        "column_map": mapping,
        "strict": read.strict,
        "country": country,
        "sites_file": sites_df.attrs.get("provenance", {}).get("file"),
        "sites_sha256": sites_df.attrs.get("provenance", {}).get("sha256"),
        "read_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
    }
    if raw.blank_lines_skipped:
        notes.append(Note("blank_lines", n=int(raw.blank_lines_skipped)))
    return Workforce(
        staff=staff,
        sites=sites_df.reset_index(drop=True),
        excluded=excluded,
        problems=problems,
        provenance=provenance,
        notes=notes,
    )


# --------------------------------------------------------------------------------------------
# Origin-destination tables (routed distances)
# --------------------------------------------------------------------------------------------
#: Column names of an origin-destination table (matched as column names are, see
#: :func:`remotecalc.inputs.vocab.normalise_column`), by canonical name. The origin column's name
#: says what the origin is: a postcode or a municipality code.
OD_ALIASES_RAW: dict[str, tuple[str, ...]] = {
    "origin_postcode": (
        "postcode",
        "postnr",
        "postnummer",
        "home_postcode",
        "fra_postnr",
        "bopael_postnr",
        "bopæl postnr",
        "origin_postcode",
    ),
    "origin_municipality": (
        "municipality_code",
        "kommunekode",
        "komkode",
        "home_municipality_code",
        "fra_kommune",
        "bopælskommune",
        "origin_municipality",
    ),
    "site_id": (
        "site",
        "site_id",
        "arbejdssted",
        "arbejdssted_id",
        "destination",
        "til",
        "worksite",
    ),
    "km": (
        "km",
        "distance_km",
        "one_way_km",
        "road_km",
        "afstand_km",
        "afstand",
        "vejafstand_km",
        "vejafstand",
        "distance",
    ),
    "minutes": (
        "minutes",
        "minutes_one_way",
        "travel_minutes",
        "commute_minutes_one_way",
        "minutter",
        "rejsetid",
        "rejsetid_min",
        "rejsetid_minutter",
    ),
    "mode": ("mode", "transportmiddel", "transport_mode", "transportform"),
}
OD_ALIASES: dict[str, str] = {
    normalise_column(a): canon for canon, als in OD_ALIASES_RAW.items() for a in (canon, *als)
}
#: Largest one-way distance and travel time an OD row may hold. [km], [min]
OD_MAX_KM = 500.0
OD_MAX_MINUTES = 600.0


def read_od(
    source,
    sites=None,
    *,
    column_map: dict | None = None,
    sheet=None,
    strict: bool = True,
    max_listed: int = 10,
    postcodes=None,
    municipalities=None,
    country: str | None = "DK",
) -> pd.DataFrame:
    """Read and validate an origin-destination table of routed commute distances.

    One row per origin zone (home postcode or municipality code), site and, optionally,
    mode, with the one-way network distance in km and, optionally, the travel time in
    minutes, e.g. from the employer's routing tool or Statistics Denmark's road distances.
    Danish headers are recognised (``postnr``/``kommunekode``, ``arbejdssted``,
    ``afstand_km``, ``rejsetid_min``, ``transportmiddel``); see :data:`OD_ALIASES_RAW`.

    Parameters
    ----------
    source : path or DataFrame
        CSV (``,`` or ``;``, decimal comma), XLSX, Parquet or a DataFrame.
    sites : DataFrame, optional
        The workforce's sites: every ``site_id`` of the table must be one of them.
    column_map : dict, optional
        ``{column in file: canonical name}`` (canonical: ``origin_postcode`` or
        ``origin_municipality``, ``site_id``, ``km``, ``minutes``, ``mode``).
    sheet : str or int, optional
        Excel sheet.
    strict : bool, default True
        ``True``: any problem raises :class:`~remotecalc.StaffingError` naming file, row (as
        numbered in the file), column, value and what was expected. ``False``: bad rows are
        left out, counted in ``attrs["provenance"]`` and listed in ``attrs["excluded"]``.
    max_listed : int
        How many problems an error message lists.
    postcodes, municipalities, country
        Tables placing the origin zones (default: those shipped for ``country``): with
        ``sites``, rows whose distance lies far below the straight line from the zone's point
        to the site (below :data:`OD_STRAIGHT_LINE_SHARE` of it) are named in a note.

    Returns
    -------
    pandas.DataFrame
        ``source_row, origin_kind, origin, site_id, mode`` (NA: every mode), ``km`` [km],
        ``minutes`` [min, NaN when not given]; ``attrs["provenance"]`` (rows read = used +
        excluded) and ``attrs["notes"]``.

    Raises
    ------
    StaffingError
        Missing columns; a km that is blank, not a number, not positive or above 500; a
        minutes value below 0 or above 600; an unknown mode or site; a repeated (origin,
        site, mode).

    Examples
    --------
    >>> import pandas as pd
    >>> od = read_od(pd.DataFrame({"postnr": ["8000"], "arbejdssted": ["A"],
    ...                            "afstand_km": ["12,4"], "rejsetid_min": ["18"]}))
    >>> od[["origin_kind", "origin", "site_id", "km", "minutes"]].to_dict("records")
    [{'origin_kind': 'postcode', 'origin': '8000', 'site_id': 'A', 'km': 12.4, 'minutes': 18.0}]
    """
    raw = read_table(
        source,
        sheet=sheet,
        what="origin-destination",
        numeric_columns=_numeric_column_test(column_map, OD_ALIASES, ("km", "minutes")),
    )
    rows_read = len(raw.frame)
    if rows_read == 0:
        raise StaffingError(f"{raw.file}: the origin-destination table has a header but no rows.")
    mapping = _map_columns(raw, OD_ALIASES, column_map, tuple(OD_ALIASES_RAW))
    frame = _renamed(raw.frame, mapping)
    source_of = {v: k for k, v in mapping.items()}
    origins = [c for c in ("origin_postcode", "origin_municipality") if c in frame.columns]
    if len(origins) != 1:
        found = ", ".join(repr(source_of[c]) for c in origins)
        raise StaffingError(
            f"{raw.file}: the origin-destination table needs exactly one origin column, a "
            "postcode (postnr, postcode) or a municipality code (kommunekode, "
            f"municipality_code); found {found or 'none'}. The file's columns are: "
            f"{', '.join(map(repr, raw.frame.columns))}."
        )
    for req in ("site_id", "km"):
        if req not in frame.columns:
            raise StaffingError(_missing_column_text(raw, req, OD_ALIASES, "origin-destination"))
    kind = origins[0].removeprefix("origin_")
    probs = _Problems(raw.file, raw.frame, source_of, raw.extra.get("decimal"))
    out = pd.DataFrame(index=frame.index)
    out["origin_kind"] = kind
    out["origin"] = od_origin_key(_as_text(frame[origins[0]]), kind)
    probs.add(out["origin"].isna(), origins[0], f"blank; expected a {kind} code")
    out["site_id"] = _as_text(frame["site_id"])
    probs.add(out["site_id"].isna(), "site_id", "blank; expected a site id")
    if "mode" in frame.columns:
        text = _as_text(frame["mode"])
        uniq = text.dropna().unique()
        canon = text.map({u: MODE_SYNONYMS.get(normalise_label(u)) for u in uniq})
        out["mode"] = canon.astype("string")
        probs.add(
            text.notna() & canon.isna(),
            "mode",
            "unknown mode; expected one of " + ", ".join(MODES) + " or blank for every mode",
        )
    else:
        out["mode"] = pd.Series(pd.NA, index=out.index, dtype="string")
    for c in ("km", "minutes"):
        if c not in frame.columns:
            out[c] = np.nan
            continue
        out[c], bad = _parse_numbers(
            frame[c], raw.extra.get("decimal"), _numeric_cells(raw, source_of.get(c, c))
        )
        probs.add(bad.notna(), c, bad)
        ok = bad.isna()
        if c == "km":
            probs.add(ok & out[c].isna(), c, "blank; expected a one-way distance in km")
            probs.add(
                ok & (out[c] < 0),
                c,
                "negative; expected a one-way distance from 0 to 500 km",
            )
            probs.add(
                ok & (out[c] == 0),
                c,
                "zero; expected a positive one-way distance (a zone routed to itself gives 0: "
                "leave the row out and the zone's internal distance is used)",
            )
            probs.add(ok & (out[c] > OD_MAX_KM), c, "above 500; expected a one-way distance in km")
        else:
            probs.add(
                ok & ((out[c] < 0) | (out[c] > OD_MAX_MINUTES)),
                c,
                "expected a one-way travel time from 0 to 600 minutes",
            )
    if sites is not None:
        known = pd.Index(sites["site_id"].astype(str))
        unknown = out["site_id"].notna() & ~out["site_id"].isin(known)
        if unknown.any():
            listed = ", ".join(_cut(k, 20) for k in known[:12]) + (
                " ..." if len(known) > 12 else ""
            )
            probs.add(
                unknown,
                "site_id",
                out["site_id"]
                .map(
                    {
                        u: _site_suggestion(str(u), list(known))
                        for u in out.loc[unknown, "site_id"].unique()
                    }
                )
                .fillna("")
                + f"unknown site; expected one of the sites table's site_id values: {listed}",
            )
    key = (
        out["origin"].fillna("")
        + "\x1f"
        + out["site_id"].fillna("")
        + "\x1f"
        + out["mode"].fillna("")
    )
    dup = key.duplicated(keep="first") & out["origin"].notna() & out["site_id"].notna()
    if dup.any():
        first = pd.Series(out.index, index=out.index).groupby(key).transform("min")
        probs.add(
            dup,
            origins[0],
            "repeated origin, site and mode; first given in row " + first.astype("string"),
        )
    problems = probs.frame()
    if len(problems) and strict:
        _raise(
            problems,
            raw.file,
            rows_read,
            "origin-destination",
            max_listed,
            lenient_hint=True,
            header_row=raw.extra.get("header_row", 1),
        )
    bad_rows = pd.Index(problems["row"].unique()) if len(problems) else pd.Index([])
    keep = ~out.index.isin(bad_rows)
    result = out.loc[keep].copy()
    result.insert(0, "source_row", result.index.to_numpy())
    result = result.reset_index(drop=True)
    notes = list(raw.extra.get("notes", []))
    table = {"postcode": postcodes, "municipality": municipalities}[kind]
    below = od_below_straight_line(result, sites, kind, table, country)
    if below.any():
        rows = result.loc[below, "source_row"].astype(str).tolist()
        notes.append(
            Note(
                "od_below_straight_line",
                file=raw.file,
                n=len(rows),
                rows=", ".join(rows[:10]) + (" …" if len(rows) > 10 else ""),
            )
        )
    if len(bad_rows):
        notes.append(Note("od_rows_excluded", file=raw.file, n=len(bad_rows)))
    result.attrs["provenance"] = {
        "file": raw.file,
        "sha256": raw.sha256,
        "format": raw.format,
        "rows_read": rows_read,
        "rows_used": len(result),
        "rows_excluded": len(bad_rows),
    }
    result.attrs["excluded"] = problems
    result.attrs["notes"] = notes
    assert len(result) + len(bad_rows) == rows_read
    return result


#: An OD row whose distance is below this share of the straight line from its origin zone's
#: point to the site is named in a note: a zone point is not every home's, but a road
#: distance under 70 % of the straight line (beyond :data:`OD_STRAIGHT_LINE_MIN_KM`) is more
#: likely miles, metres or swapped columns than geography. [share]
OD_STRAIGHT_LINE_SHARE = 0.7
#: Straight lines shorter than this are not checked (a zone's size dominates them). [km]
OD_STRAIGHT_LINE_MIN_KM = 5.0


def od_below_straight_line(
    od: pd.DataFrame, sites: pd.DataFrame | None, kind: str, table=None, country="DK"
) -> np.ndarray:
    """Rows of a read OD table whose km lie far below the straight line (see
    :data:`OD_STRAIGHT_LINE_SHARE`); all False without sites or a table to place zones."""
    flags = np.zeros(len(od), dtype=bool)
    if sites is None or "lat" not in sites.columns or not len(od):
        return flags
    tab = as_location_table(table, kind) if table is not None else None
    tab = tab or packaged_location_table(country, kind)
    if tab is None:
        return flags
    pts = tab.lookup(od["origin"])
    pos = positions(od["site_id"], sites["site_id"].astype(str))
    slat = np.where(pos >= 0, sites["lat"].to_numpy(dtype=float)[np.clip(pos, 0, None)], np.nan)
    slon = np.where(pos >= 0, sites["lon"].to_numpy(dtype=float)[np.clip(pos, 0, None)], np.nan)
    straight = np.asarray(
        haversine_km(pts["lat"].to_numpy(), pts["lon"].to_numpy(), slat, slon), dtype=float
    )
    km = od["km"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        flags = (straight >= OD_STRAIGHT_LINE_MIN_KM) & (km < OD_STRAIGHT_LINE_SHARE * straight)
    return np.nan_to_num(flags, nan=0).astype(bool)


def _is_read_od(od) -> bool:
    """Whether ``od`` is already :func:`read_od`'s result."""
    return isinstance(od, pd.DataFrame) and "origin_kind" in od.columns


#: Notes of the readers on defaults applied, which a report states first ("read this
#: first", :func:`remotecalc.outputs.report.caveats`) as ``validate`` prints them.
READ_FIRST_NOTES: tuple[str, ...] = (
    "teleworkable_derived",
    "teleworkable_all",
    "fte_from_column",
    "fte_hours_capped",
    "site_building_area",
    "site_defaults",
    "sites_same_point",
    "decimal_ambiguous",
    "dates_outside_window",
)


#: Notes of the staff reader whose integer values are counts of employees: the notes of the
#: partitions of one file (the Dask backend) add up to the note of the whole file.
ADDITIVE_NOTES: tuple[str, ...] = (
    "teleworkable_derived",
    "teleworkable_all",
    "teleworkable_column",
    "fte_from_column",
    "fte_hours_capped",
    "mode_words",
)


def merge_notes(parts: list[list]) -> list:
    """The notes of the parts of one staff file (read one by one) as those of the whole.

    Counting notes (:data:`ADDITIVE_NOTES`) are added up, the transport words per word and
    mode; other notes are kept once, in the order first seen; notes on skipped blank lines
    are left out (the caller counts the lines).

    Examples
    --------
    >>> a = [Note("teleworkable_all", n=2)]
    >>> merge_notes([a, [Note("teleworkable_all", n=3)]])[0].values
    {'n': 5}
    """
    out: list = []
    at: dict[str, int] = {}
    for notes in parts:
        for n in notes:
            kind = getattr(n, "kind", None)
            if kind == "blank_lines":
                continue
            if kind in ADDITIVE_NOTES:
                if kind in at:
                    out[at[kind]] = _add_notes(out[at[kind]], n)
                else:
                    at[kind] = len(out)
                    out.append(n)
            elif n not in out:
                out.append(n)
    return out


def _add_notes(a: Note, b: Note) -> Note:
    if a.kind == "mode_words":
        words: dict[tuple[str, str], int] = {}
        for w in [*a.values["words"], *b.values["words"]]:
            key = (w.values["word"], w.values["mode"])
            words[key] = words.get(key, 0) + int(w.values["n"])
        return Note(
            "mode_words",
            words=[Note("mode_word", word=w, mode=m, n=k) for (w, m), k in words.items()],
        )
    values = {
        k: (v + b.values[k] if isinstance(v, int) and not isinstance(v, bool) else v)
        for k, v in a.values.items()
    }
    return Note(a.kind, **values)
