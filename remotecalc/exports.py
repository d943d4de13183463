"""Writing tables to spreadsheets and CSV: every XLSX and CSV the package writes goes here.

Text from user files (department, site, unit and scenario names, excluded rows) must never
become a live formula when the file is opened in Excel or LibreOffice (OWASP, "CSV
Injection"). The rule, for every cell that holds **text**:

- a text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is *dangerous*;
- in a **CSV** (:func:`write_csv`) it is written with a leading single quote (``'=A1``), as
  OWASP recommends: a spreadsheet shows it as text, a reader sees the quote;
- in an **XLSX** (:func:`write_xlsx`) it is written unchanged as a string cell (never a
  formula cell), which Excel does not evaluate: the workbook keeps the text exactly;
- numbers stay numbers: a numeric cell ``-5`` is written as the number -5, only text cells
  are touched (a text ``"-5 dage"`` is neutralised).

Column names and index labels are text too (a table by department has the department names
as its index; a headline table has one column per scenario) and follow the same rule.

File names built from user text go through :func:`file_stems`: one safe, short, unique stem
per name (scenarios ``"2 days"`` and ``"2_days"`` get different workbooks).

pandas is imported inside the functions: the command line imports this module and
``remotecalc --help`` stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DANGEROUS_PREFIXES",
    "MAX_STEM_LENGTH",
    "check_output_file",
    "check_output_folder",
    "file_stems",
    "is_dangerous",
    "neutralise",
    "safe_frame",
    "sheet_names",
    "write_csv",
    "write_xlsx",
]

#: First characters that make a spreadsheet read a text cell as a formula (OWASP).
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Longest file-name stem built from user text (characters); most file systems allow 255
#: bytes for a whole name, and a UTF-8 character can take 4 bytes.
MAX_STEM_LENGTH = 60

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def is_dangerous(value: Any) -> bool:
    """Whether ``value`` is text that a spreadsheet could run as a formula.

    Examples
    --------
    >>> is_dangerous("=1+1"), is_dangerous("-5 dage"), is_dangerous(-5), is_dangerous("Team")
    (True, True, False, False)
    """
    return isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES)


def neutralise(value: Any) -> Any:
    """``value`` with a single quote in front if it is dangerous text; anything else as is.

    Examples
    --------
    >>> neutralise("=HYPERLINK(1)"), neutralise(-5), neutralise("Roskilde")
    ("'=HYPERLINK(1)", -5, 'Roskilde')
    """
    return "'" + value if is_dangerous(value) else value


def _safe_index(idx: pd.Index) -> pd.Index:
    import pandas as pd

    if isinstance(idx, pd.MultiIndex):
        if not any(is_dangerous(v) for t in idx for v in t):
            return idx
        return pd.MultiIndex.from_tuples(
            [tuple(neutralise(v) for v in t) for t in idx], names=idx.names
        )
    if idx.dtype.kind in "biufcmM" or not any(is_dangerous(v) for v in idx):
        return idx
    return pd.Index([neutralise(v) for v in idx], name=idx.name)


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` in which every dangerous text cell, column name and index label has
    a single quote in front (see the module's rule); numeric columns are untouched.

    Parameters
    ----------
    df : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        ``df`` itself when nothing is dangerous, else a neutralised copy.
    """
    import pandas as pd

    out = df
    for j in range(df.shape[1]):
        s = df.iloc[:, j]
        if s.dtype.kind in "biufcmM":  # numbers, booleans, dates: never text
            continue
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object)
        mask = s.map(is_dangerous, na_action="ignore").fillna(False).astype(bool)
        if mask.any():
            if out is df:
                out = df.copy()
            fixed = s.to_numpy(dtype=object, copy=True)
            hit = mask.to_numpy()
            fixed[hit] = ["'" + v for v in fixed[hit]]
            out.isetitem(j, fixed)
    columns, index = _safe_index(df.columns), _safe_index(df.index)
    if columns is not df.columns or index is not df.index:
        if out is df:
            out = df.copy()
        out.columns, out.index = columns, index
    return out


def write_csv(df: pd.DataFrame, path: str | Path, index: bool = False, **kwargs: Any) -> Path:
    """Write ``df`` to a CSV with dangerous text neutralised (:func:`safe_frame`).

    Parameters
    ----------
    df : pandas.DataFrame
    path : str or Path
        The file (its folder is created).
    index : bool, default False
        Write the index as the first column(s).
    **kwargs
        Passed on to :meth:`pandas.DataFrame.to_csv`.

    Returns
    -------
    pathlib.Path
    """
    import csv

    path = Path(path)
    check_output_file(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    safe = safe_frame(df)
    if "quoting" not in kwargs and _has_carriage_return(safe):
        # the csv module quotes a field with a line feed, not one with a lone CR, which
        # readers take for the end of a row: quote every text field instead
        kwargs["quoting"] = csv.QUOTE_NONNUMERIC
    safe.to_csv(path, index=index, **kwargs)
    return path


def _has_carriage_return(df: pd.DataFrame) -> bool:
    def has(values) -> bool:
        return any(isinstance(v, str) and "\r" in v for v in values)

    return (
        has(df.columns)
        or has(df.index)
        or any(has(df.iloc[:, j]) for j in range(df.shape[1]) if df.iloc[:, j].dtype.kind == "O")
    )


def sheet_names(names: Iterable[str]) -> list[str]:
    """Valid, distinct Excel sheet names (no ``[]:*?/\\``, at most 31 characters), in order.

    Examples
    --------
    >>> sheet_names(["By Department / Unit", "by department / unit"])
    ['By Department _ Unit', 'by department _ unit (2)']
    """
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        base = _BAD_SHEET_CHARS.sub("_", str(name)).strip("'") or "Sheet"
        cand, k = base[:31], 2
        while cand.casefold() in seen:
            suffix = f" ({k})"
            cand, k = base[: 31 - len(suffix)] + suffix, k + 1
        seen.add(cand.casefold())
        out.append(cand)
    return out


def write_xlsx(
    sheets: Mapping[str, pd.DataFrame] | Sequence[tuple[str, pd.DataFrame]],
    path: str | Path,
    index: bool | Collection[str] = False,
    style: Callable[[Any, pd.DataFrame], None] | None = None,
) -> Path:
    """Write tables to one XLSX workbook in which no cell is a formula.

    Every cell is written by pandas (openpyxl); a text that openpyxl would store as a
    formula (it starts with ``=``) is stored as a string cell instead, so Excel shows it as
    text and never evaluates it. Other dangerous prefixes (``+ - @``, tab, CR) are already
    plain strings in an XLSX. Numbers stay numbers.

    Parameters
    ----------
    sheets : mapping or sequence of (name, DataFrame)
        Sheets in order. Names are made valid for Excel (no ``[]:*?/\\``, at most 31
        characters, distinct).
    path : str or Path
        The workbook (its folder is created).
    index : bool or collection of str, default False
        Write the index: for every sheet (``True``) or for the sheets named.
    style : callable(worksheet, DataFrame), optional
        Called for every sheet after it is written (widths, number formats, fonts).

    Returns
    -------
    pathlib.Path
    """
    import pandas as pd

    path = Path(path)
    check_output_file(path)
    items = list(sheets.items()) if isinstance(sheets, Mapping) else list(sheets)
    names = sheet_names(n for n, _ in items)
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, (given, df) in zip(names, items, strict=True):
            with_index = index if isinstance(index, bool) else given in index
            df.to_excel(xw, sheet_name=name, index=with_index)
            ws = xw.sheets[name]
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":  # text from a table: never a live formula
                        cell.data_type = "s"
            if style is not None:
                style(ws, df)
    return path


def file_stems(names: Iterable[str], max_length: int = MAX_STEM_LENGTH) -> list[str]:
    """One safe, distinct file-name stem per name, in order.

    Every character that is not a letter or digit becomes ``_``; a stem is cut to
    ``max_length`` characters; a stem already taken (compared without case, as on Windows
    and macOS) gets a suffix ``_2``, ``_3``, ...

    Examples
    --------
    >>> file_stems(["2 days", "2_days", "=cmd|' /C calc'!A0"])
    ['2_days', '2_days_2', '_cmd____C_calc__A0']
    """
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        base = "".join(ch if ch.isalnum() else "_" for ch in str(name))[:max_length] or "_"
        cand, k = base, 2
        while cand.casefold() in seen:
            suffix = f"_{k}"
            cand, k = base[: max_length - len(suffix)] + suffix, k + 1
        seen.add(cand.casefold())
        out.append(cand)
    return out


def check_output_folder(path: str | Path, option: str = "--out") -> Path:
    """``path`` as a folder to write into; a clear error if it names an existing file.

    Raises
    ------
    NotADirectoryError
        When ``path`` (or a parent of it) is an existing file.
    """
    path = Path(path)
    for p in (path, *path.parents):
        if p.exists() and not p.is_dir():
            raise NotADirectoryError(
                f"{option}: {p} is an existing file, not a folder; give a folder to write into"
            )
    return path


def check_output_file(path: str | Path, option: str = "output") -> Path:
    """``path`` as a file to write; a clear error if it is an existing folder.

    Raises
    ------
    IsADirectoryError
        When ``path`` is an existing folder.
    NotADirectoryError
        When a parent of ``path`` is an existing file.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(f"{option}: {path} is a folder; give a file name")
    check_output_folder(path.parent, option)
    return path
