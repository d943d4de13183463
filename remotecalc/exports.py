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

**Outputs that never lie after a failure.** A command writes its set of files (a report's
HTML, PDF, workbook and figures; a sweep's tables; ...) through :func:`output_set`: into a
staging folder beside the target, moved into place only when every file is written. A run
that fails or is interrupted while writing leaves the previous complete set untouched (and
no staging folder, or one that the next run removes); a read-only folder, a full disk or a
name a workbook cannot hold ends in an :class:`OutputError` (an ``OSError``) that says
what happened and that the previous files are as they were. Single files
(:func:`write_csv`, :func:`write_xlsx`) are written to a temporary name and renamed, so no
half-written file ever carries the real name.

pandas is imported inside the functions: the command line imports this module and
``remotecalc --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import io
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DANGEROUS_PREFIXES",
    "MANIFEST",
    "MAX_STEM_LENGTH",
    "OutputError",
    "OutputSet",
    "check_names",
    "check_output_file",
    "check_output_folder",
    "control_character",
    "file_stems",
    "is_dangerous",
    "neutralise",
    "output_error",
    "output_set",
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


class OutputError(OSError):
    """Output that could not be written (a read-only folder, a full disk, a text a workbook
    cannot hold). The message names the file or folder, what went wrong and what is left on
    disk (the previous complete set of outputs, untouched).

    (An ``OSError``, not a :class:`remotecalc.errors.RemotecalcError`: this module sits at
    the bottom of the package beside ``errors`` and imports nothing of it.)
    """


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
    safe = safe_frame(df)
    if "quoting" not in kwargs and _has_carriage_return(safe):
        # the csv module quotes a field with a line feed, not one with a lone CR, which
        # readers take for the end of a row: quote every text field instead
        kwargs["quoting"] = csv.QUOTE_NONNUMERIC
    with _replacing(path) as part:
        safe.to_csv(part, index=index, **kwargs)
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
    for name, (_, df) in zip(names, items, strict=True):
        _check_workbook_text(df, path, name)
    # built in memory, then written under a temporary name and renamed: a failure part-way
    # leaves neither a half workbook nor a masked error (pandas saves on close)
    buffer = io.BytesIO()
    xw = pd.ExcelWriter(buffer, engine="openpyxl")
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
    xw.close()
    with _replacing(path) as part:
        part.write_bytes(buffer.getvalue())
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
    """``path`` as a folder to write into; a clear error if it names an existing file or
    cannot be written to.

    Called before any work starts (the command line checks its ``--out`` when it reads its
    options), so that a read-only folder ends a run at once rather than after its
    computation; :func:`output_set` checks again when it writes.

    Raises
    ------
    NotADirectoryError
        When ``path`` (or a parent of it) is an existing file.
    OutputError
        When ``path`` exists and may not be written to, or does not exist and its nearest
        existing parent may not be written to (so it cannot be created).
    """
    path = Path(path)
    for p in (path, *path.parents):
        if p.exists() and not p.is_dir():
            raise NotADirectoryError(
                f"{option}: {p} is an existing file, not a folder; give a folder to write into"
            )
    nearest = next((p for p in (path, *path.parents) if p.exists()), None)
    if nearest is not None and not os.access(nearest, os.W_OK):
        err = PermissionError(errno.EACCES, "Permission denied", str(nearest))
        raise output_error(err, path, option)
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


# --- text a workbook cannot hold -------------------------------------------------------

#: Control characters an XLSX cannot store (XML 1.0 forbids them); tab, line feed and
#: carriage return are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def control_character(text: Any) -> str | None:
    """The first control character in ``text`` that a workbook cannot hold, as ``U+0007``;
    None when there is none (or ``text`` is not text).

    Examples
    --------
    >>> control_character("2 days\x07"), control_character("2 days\t(tab is fine)")
    ('U+0007', None)
    """
    if not isinstance(text, str):
        return None
    found = _CONTROL.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def check_names(names: Iterable[Any], what: str = "scenario name") -> None:
    """Refuse names with control characters before any work is done (a workbook, the
    report's tables and file names cannot hold them).

    Raises
    ------
    ValueError
        Naming the name (as Python writes it, so the character is visible), the character
        and what to do.
    """
    for name in names:
        char = control_character(name)
        if char is not None:
            raise ValueError(
                f"the {what} {name!r} holds the control character {char}, which a workbook "
                f"cannot store; remove it from the {what} (letters, digits, spaces and "
                "punctuation are fine)"
            )


def _check_workbook_text(df: pd.DataFrame, path: Path, sheet: str) -> None:
    """A clear error (file, sheet, column, text) for text that a workbook cannot hold."""
    if _text_is_clean(df):  # the common case, without a pandas call per column
        return

    def first_bad(values: Iterable[Any]) -> Any:
        return next((v for v in values if control_character(v) is not None), None)

    where: list[tuple[str, Any]] = [("the column names", first_bad(map(str, df.columns)))]
    where.append(("the row labels", first_bad(df.index.astype(str))))
    for j in range(df.shape[1]):
        col = df.iloc[:, j]
        if col.dtype.kind == "O" or str(col.dtype) in ("string", "category"):
            where.append((f"column '{df.columns[j]}'", first_bad(col.astype(object))))
    for place, bad in where:
        if bad is not None:
            raise OutputError(
                f"{path.name}, sheet '{sheet}', {place}: the text {bad!r} holds the control "
                f"character {control_character(bad)}, which a workbook cannot store; remove "
                "it from the input (a scenario, department, site or unit name); nothing was "
                f"written to {path}"
            )


def _text_is_clean(df: pd.DataFrame) -> bool:
    """True when :func:`_check_workbook_text` finds nothing: no text in the column names,
    the row labels (a ``RangeIndex`` has none) or a text column holds a control character.
    False when something might (the full check then names it): one regular-expression
    search over the texts of all the columns it reads, instead of one per value."""
    import pandas as pd

    if not isinstance(df.index, pd.RangeIndex):
        return False
    texts = list(map(str, df.columns))
    for j, dtype in enumerate(df.dtypes.tolist()):  # by position (repeated names too)
        if dtype.kind == "O" or str(dtype) in ("string", "category"):
            texts += [v for v in df.iloc[:, j].tolist() if isinstance(v, str)]
    return _CONTROL.search("".join(texts)) is None


# --- writing a file, and a set of files, so that a failure leaves no mix -------------------


def output_error(err: OSError, where: str | Path, option: str = "output") -> OutputError:
    """``err`` (from writing under ``where``) as a message a user can act on.

    Read-only folders, full disks and other failures are named as such; the message says
    that the previous files are as they were (:func:`output_set` guarantees it).

    Examples
    --------
    >>> import errno
    >>> err = output_error(OSError(errno.ENOSPC, "No space left on device"), "out", "--out")
    >>> print(str(err)[:59])
    --out: could not write into out: the disk is full (no space
    """
    if isinstance(err, OutputError):
        return err
    code = err.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        what, fix = "the disk is full (no space left on device)", "free some space or choose "
        fix += "another folder"
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        what = "the folder is read-only (permission denied)"
        fix = "choose a folder you may write to"
    elif code == errno.ENAMETOOLONG:
        what, fix = "a file name is too long for the file system", "choose a shorter path"
    else:
        what = err.strerror or str(err) or type(err).__name__
        fix = "check the folder and try again"
    return OutputError(
        f"{option}: could not write into {where}: {what}; the files already in {where} are "
        f"as they were (nothing of this run was put there); {fix}"
    )


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary name beside ``path``; when the block ends without an error, the
    file is renamed to ``path`` (atomic), else removed. The folder is created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.stem}.{os.getpid()}.partial{path.suffix}")
    try:
        yield part
        os.replace(part, path)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise


#: Name of the file, in an output folder, that lists the files of the set written last (so
#: that the next run replaces exactly them and leaves any other file alone).
MANIFEST = ".remotecalc-output.json"
#: Marker file of a staging folder (a folder a killed run left is removed by the next run).
_STAGING_MARK = ".remotecalc-staging"


@dataclass(frozen=True)
class OutputSet:
    """A set of output files being written: into :attr:`staging`, moved to :attr:`folder`
    when complete (see :func:`output_set`)."""

    folder: Path
    """Where the set ends up."""
    staging: Path
    """Where the files are written meanwhile (beside :attr:`folder`, same file system)."""

    def final(self, path: str | Path) -> Path:
        """Where ``path`` (in :attr:`staging`) will be once the set is in place."""
        return self.folder / Path(path).relative_to(self.staging)


def _files(folder: Path) -> set[str]:
    """Files under ``folder`` (relative, with ``/``), without the manifest and marker."""
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if not p.is_dir() and p.name not in (MANIFEST, _STAGING_MARK)
    }


def _manifest(folder: Path) -> set[str] | None:
    try:
        return set(json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def previous_set(folder: str | Path) -> set[str]:
    """The files of the set last written into ``folder`` through :func:`output_set` (as
    listed in its :data:`MANIFEST`, relative with ``/``); empty when there is none.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with output_set(target) as s:
    ...     _ = (s.staging / "a.txt").write_text("new")
    >>> previous_set(target), previous_set(target / "nowhere")
    ({'a.txt'}, set())
    """
    return _manifest(Path(folder)) or set()


def _remove_stale_staging(folder: Path) -> None:
    """Remove staging folders an earlier, killed run left beside or in ``folder``."""
    for parent, prefix in (
        (folder.parent, f".{folder.name}.remotecalc-"),
        (folder, ".remotecalc-"),
    ):
        if not parent.is_dir():
            continue
        with contextlib.suppress(OSError):
            for p in parent.iterdir():
                if p.name.startswith(prefix) and (p / _STAGING_MARK).exists():
                    shutil.rmtree(p, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False
    where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


def _commit(folder: Path, staging: Path, beside: bool) -> None:
    """Put the finished set in ``staging`` in place at ``folder``."""
    new = _files(staging)
    (staging / MANIFEST).write_text(
        json.dumps({"files": sorted(new)}, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    (staging / _STAGING_MARK).unlink(missing_ok=True)
    if beside and not folder.exists():
        os.chmod(staging, 0o777 & ~_umask())
        os.rename(staging, folder)
        return
    old = _manifest(folder) if folder.is_dir() else None
    ours = folder.is_dir() and _files(folder) <= (old or set()) and _movable(folder)
    if beside and ours:  # the folder holds only the previous set: swap the folders
        os.chmod(staging, stat.S_IMODE(folder.stat().st_mode))
        if not _exchange(staging, folder):
            retired = staging.with_name(staging.name + "-old")
            os.rename(folder, retired)
            os.rename(staging, folder)
            staging = retired
        shutil.rmtree(staging, ignore_errors=True)
        return
    # a folder with other files too: replace the set's files one by one (each rename is
    # atomic; all were written before the first one), remove the previous set's others
    for rel in sorted(new):
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)
    for rel in sorted((old or set()) - new):
        with contextlib.suppress(OSError):
            (folder / rel).unlink()
    os.replace(staging / MANIFEST, folder / MANIFEST)
    shutil.rmtree(staging, ignore_errors=True)


def _movable(folder: Path) -> bool:
    """Whether ``folder`` may be swapped as a whole: not a link, not a mount point, not the
    working folder of this process (or a parent of it)."""
    if folder.is_symlink() or os.path.ismount(folder):
        return False
    here, there = Path.cwd().resolve(), folder.resolve()
    return there != here and there not in here.parents


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def output_set(folder: str | Path, option: str = "--out") -> Iterator[OutputSet]:
    """Write a set of output files so that a failure never leaves a mix of two runs.

    Yields an :class:`OutputSet`: write every file under its :attr:`~OutputSet.staging`
    folder (a hidden folder beside ``folder``). When the block ends normally, the set is put
    in place: a folder that holds nothing but the previous set written this way (listed in
    its :data:`MANIFEST`) is swapped for the new one in one step; in a folder that holds
    other files too, the set's files replace the previous set's one by one (after all were
    written), and the previous set's files this run did not write are removed. When the
    block raises (or is interrupted), the staging folder is removed and ``folder`` is as it
    was.

    Parameters
    ----------
    folder : str or Path
        The output folder (created with its parents).
    option : str, default "--out"
        The option or argument that named it, for messages.

    Raises
    ------
    OutputError
        A read-only folder, a full disk or any other failure to write, with a message that
        names the folder and says the previous files are untouched.
    NotADirectoryError
        When ``folder`` (or a parent) is an existing file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with output_set(target) as s:
    ...     _ = (s.staging / "a.txt").write_text("new")
    >>> sorted(p.name for p in target.iterdir())
    ['.remotecalc-output.json', 'a.txt']
    """
    folder = check_output_folder(folder, option)  # a folder not to be written to: refused
    try:
        _remove_stale_staging(folder)
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            staging = Path(
                tempfile.mkdtemp(prefix=f".{folder.name}.remotecalc-", dir=folder.parent)
            )
            beside = True
        except PermissionError:
            if not folder.is_dir():  # nowhere to write
                raise
            staging = Path(tempfile.mkdtemp(prefix=".remotecalc-", dir=folder))
            beside = False
        (staging / _STAGING_MARK).touch()
    except OSError as err:
        raise output_error(err, folder, option) from err
    try:
        yield OutputSet(folder, staging)
        _commit(folder, staging, beside)
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, OSError) and not isinstance(err, OutputError):
            raise output_error(err, folder, option) from err
        raise
