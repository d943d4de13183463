"""The Dask backend: the same analyses on staff tables that outgrow one machine's memory.

A :class:`DaskWorkforce` holds the staff as a Dask DataFrame (partitioned Parquet, or any
Dask DataFrame) and the sites as a small pandas table. :func:`remotecalc.assess`,
:func:`remotecalc.analysis.sweep` and :func:`remotecalc.analysis.monte_carlo` accept it (or
a Dask DataFrame with ``sites=``) and run here: every partition is validated and assessed by
the pandas code of the package, and hands on only what the totals need (sums over its
employees per metric, per site, and the :class:`~remotecalc.model.engine.DeskCounts` that desk
demand depends on). These partial results add up exactly; the client finishes the site and
summary tables with the same functions as the pandas path (the closing stage,
:mod:`remotecalc.evaluation.closing`). The numbers therefore equal the
pandas path's to floating-point rounding of the sums.

Which machine does the work is Dask's choice: the threads of this process by default, or
the cluster of an active ``dask.distributed.Client`` (a ``LocalCluster`` or a remote
scheduler's address), with no change to the call. Workers need ``remotecalc`` installed in
the same version and read access to the Parquet files.
"""

from __future__ import annotations

import glob
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypedDict

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from remotecalc._numeric import FloatArray, IntArray, bin_sums
from remotecalc.errors import StaffingError
from remotecalc.evaluation.assessment import (
    DEFAULT_MIN_GROUP_SIZE,
    Assessment,
    per_employee_frame,
    resolve_params,
)
from remotecalc.evaluation.closing import (
    METRICS,
    SITE_METRICS,
    SiteInputs,
    site_table,
    summary_table,
)
from remotecalc.evaluation.disclosure import small_assessment_note
from remotecalc.evaluation.draws import (
    CHUNK_DRAWS,
    DrawEvaluator,
    close_draws,
    complete_shares,
    draw_uptake,
    interpolate_desks,
    mc_result,
    uncertain_inputs,
    unit_draws,
    uptake_grid,
    values_from_unit,
)
from remotecalc.i18n.notes import Note
from remotecalc.inputs import plausibility, readers
from remotecalc.inputs.parameters import Parameters
from remotecalc.inputs.scenario import Scenario, lever_values
from remotecalc.inputs.workforce import Workforce, distance_notes
from remotecalc.model import engine

if TYPE_CHECKING:
    from remotecalc.evaluation.draws import MonteCarloResult
    from remotecalc.inputs.geography import LocationTable

__all__ = [
    "DaskWorkforce",
    "assess_dask",
    "csv_to_parquet",
    "monte_carlo_dask",
    "parquet_pieces",
    "read_staffing_dask",
    "sweep_dask",
]

#: Rows per partition when reading Parquet (whole row groups are kept together).
DEFAULT_PARTITION_ROWS = 1_000_000

#: Partial results are added in a tree of this fan-in (the client never holds them all).
_FAN_IN = 8


def _collection(obj: object) -> bool:
    """True for a Dask collection (Dask's own test; the dispatch to this backend is
    :mod:`remotecalc.evaluation.backend`'s)."""
    return bool(_dask()[0].is_dask_collection(obj))


def _dask() -> tuple[Any, Any]:
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:  # pragma: no cover - dask is a dependency of the extra
        raise ImportError(
            "the Dask backend needs dask and distributed: pip install 'remotecalc[dask]'"
        ) from exc
    return dask, dd


# ------------------------------------------------------------------------------------------
# Reading: partitioned Parquet (or a Dask DataFrame), validated partition by partition
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    """One partition of a Parquet source: consecutive row groups of one file."""

    path: str
    row_groups: tuple[int, ...]
    first_row: int
    """Number of the piece's first row in its file (the file's first row is 1), or in the
    CSV it was converted from (:func:`csv_to_parquet`)."""
    rows: int
    label: str = ""
    """File named in messages: the Parquet file, or the CSV it was converted from."""


def _parquet_paths(source: Any) -> list[str]:
    if isinstance(source, (list, tuple)):
        paths = [str(p) for p in source]
    else:
        text = str(source)
        path = Path(text)
        if path.is_dir():
            paths = sorted(
                str(p)
                for p in path.rglob("*")
                if p.suffix.lower() in (".parquet", ".pq") and p.is_file()
            )
        elif any(ch in text for ch in "*?["):
            paths = sorted(glob.glob(text, recursive=True))
        else:
            paths = [text]
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        raise StaffingError(f"staff file not found: {missing[0]}")
    if not paths:
        raise StaffingError(f"no Parquet files (*.parquet, *.pq) found at {source}")
    bad = [p for p in paths if Path(p).suffix.lower() not in (".parquet", ".pq")]
    if bad:
        raise StaffingError(
            f"{Path(bad[0]).name}: the Dask backend reads Parquet files "
            "(*.parquet); convert CSV or Excel first, e.g. with "
            "pandas.read_csv(...).to_parquet(...)"
        )
    return paths


def parquet_pieces(
    source: str | Path | Sequence[str | Path], partition_rows: int = DEFAULT_PARTITION_ROWS
) -> list[_Piece]:
    """Split Parquet files into partitions of whole row groups, about ``partition_rows`` each.

    Parameters
    ----------
    source : str, pathlib.Path or list
        A Parquet file, a directory (every ``*.parquet`` below it, in name order), a glob
        pattern or a list of files.
    partition_rows : int
        Consecutive row groups of a file are put together until they hold at least this
        many rows. A row group is never split: write large files with row groups of at most
        this size (``pyarrow.parquet.write_table(..., row_group_size=...)``).
    """
    import pyarrow.parquet as pq

    pieces = []
    for path in _parquet_paths(source):
        try:
            meta = pq.ParquetFile(path).metadata
        except Exception as exc:  # not Parquet, or damaged
            raise StaffingError(
                f"{Path(path).name}: could not be opened as a Parquet file ({exc})"
            ) from exc
        kv = meta.metadata or {}
        label = kv.get(_META_SOURCE, b"").decode() or Path(path).name  # converted from a CSV?
        first = int(kv.get(_META_FIRST_ROW, b"1"))
        groups, rows = [], 0
        for g in range(meta.num_row_groups):
            groups.append(g)
            rows += meta.row_group(g).num_rows
            if rows >= partition_rows:
                pieces.append(_Piece(path, tuple(groups), first, rows, label))
                first += rows
                groups, rows = [], 0
        if groups or meta.num_row_groups == 0:
            pieces.append(_Piece(path, tuple(groups), first, rows, label))
    return pieces


_META_SOURCE = b"remotecalc.source"
_META_FIRST_ROW = b"remotecalc.first_row"


def csv_to_parquet(
    source: str | Path, folder: str | Path, rows_per_file: int = DEFAULT_PARTITION_ROWS
) -> list[Path]:
    """Convert a staff CSV larger than memory into Parquet files for ``backend="dask"``.

    The CSV is read in chunks of ``rows_per_file`` rows (separator and encoding detected as
    :func:`remotecalc.read_table` does: ``,`` or ``;``, UTF-8, UTF-8 with BOM or cp1252) and
    every cell is kept as text, so ids and postcodes keep their leading zeros and decimal
    commas are parsed later, by the validation. Each file records the CSV's name and the
    CSV row number of its first row: problems found when reading the files are reported
    with the CSV's row numbers (the header is row 1), as if the CSV itself had been read.

    Parameters
    ----------
    source : str or pathlib.Path
        The CSV file.
    folder : str or pathlib.Path
        Where ``part-00000.parquet``, ``part-00001.parquet``, ... are written (created; it
        must not hold Parquet files already).
    rows_per_file : int, default 1,000,000

    Returns
    -------
    list of pathlib.Path
        The files written, in order.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path, folder = Path(source), Path(folder)
    if not path.is_file():
        raise StaffingError(f"staff file not found: {path}")
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.glob("*.parquet")):
        raise StaffingError(f"{folder} already holds Parquet files; choose an empty folder")
    with open(path, "rb") as fh:
        head = fh.read(65536)
    encoding = readers.detect_encoding(head, path)
    first_line = next(
        (ln for ln in head.decode(encoding, errors="replace").splitlines() if ln.strip()), ""
    )
    sep = readers.detect_separator(first_line)
    written, first_row = [], 2  # the header is row 1
    # a with block: an interrupted conversion (a full disk, Ctrl-C) closes the reader too
    with pd.read_csv(
        path,
        sep=sep,
        encoding=encoding,
        dtype=str,
        skip_blank_lines=False,
        skipinitialspace=True,
        chunksize=rows_per_file,
    ) as chunks:
        for i, chunk in enumerate(chunks):
            table = pa.Table.from_pandas(chunk, preserve_index=False)
            table = table.replace_schema_metadata(
                {
                    **(table.schema.metadata or {}),
                    _META_SOURCE: path.name.encode(),
                    _META_FIRST_ROW: str(first_row).encode(),
                }
            )
            out = folder / f"part-{i:05d}.parquet"
            pq.write_table(table, out)
            written.append(out)
            first_row += len(chunk)
    return written


def _load_piece(piece: _Piece) -> pd.DataFrame:
    import pyarrow.parquet as pq

    f = pq.ParquetFile(piece.path)
    # pyarrow has no type information: its tables' to_pandas() gives DataFrames
    frame: pd.DataFrame = (
        f.schema_arrow.empty_table().to_pandas()
        if not piece.row_groups
        else f.read_row_groups(list(piece.row_groups)).to_pandas()
    )
    return frame


def _validate(
    frame: pd.DataFrame,
    label: str,
    first_row: int,
    sites: pd.DataFrame | None,
    options: dict[str, Any],
) -> Workforce:
    """The pandas reader on one partition, rows numbered as in its file."""
    raw = readers.raw_table(frame, label, "parquet", "", first_row)
    return readers.read_staffing(raw, sites, strict=False, **options)


def _id_hashes(ids: pd.Series) -> NDArray[np.uint64]:
    return pd.util.hash_array(ids.astype(str).to_numpy(dtype=object))


def _check_piece(
    frame: pd.DataFrame,
    label: str,
    first_row: int,
    sites: pd.DataFrame | None,
    options: dict[str, Any],
    sha: bool,
    path: str | None,
) -> dict[str, Any]:
    """What the client needs to know of one partition: accounting, problems, id hashes."""
    wf = _validate(frame, label, first_row, sites, options)
    problems = wf.problems.assign(file=label)
    excluded = wf.excluded.copy()
    excluded.insert(0, "file", label)
    return {
        "rows_read": wf.provenance["rows_read"],
        "rows_used": len(wf.staff),
        "blank": wf.provenance["blank_lines_skipped"],
        "problems": problems,
        "excluded": excluded,
        "notes": list(wf.notes),
        "hashes": _id_hashes(wf.staff["employee_id"]),
        "sha256": readers.file_sha256(Path(path)) if sha and path else None,
        "meta": wf.staff.iloc[:0],
        "column_map": wf.provenance["column_map"],
    }


def _rows_with_hashes(
    frame: pd.DataFrame,
    label: str,
    first_row: int,
    sites: pd.DataFrame | None,
    options: dict[str, Any],
    hashes: Any,
) -> pd.DataFrame:
    wf = _validate(frame, label, first_row, sites, options)
    hit = np.isin(_id_hashes(wf.staff["employee_id"]), hashes)
    out = wf.staff.loc[hit, ["source_row", "employee_id"]].copy()
    out.insert(0, "file", label)
    return out


def _union_meta(metas: list[pd.DataFrame]) -> tuple[pd.DataFrame, dict[str, int]]:
    """One empty frame with every column of the partitions' validated staff.

    Files of one folder may differ in optional columns (one has ``unit``, another not). A
    column missing somewhere is kept, blank (NA) in the partitions without it; its dtype
    becomes one that holds NA (``object`` unless it is float or string already).

    Parameters
    ----------
    metas : list of pandas.DataFrame
        The empty validated staff of each partition, in order.

    Returns
    -------
    meta : pandas.DataFrame
        Empty; the columns in order of first appearance.
    partial : dict of str to int
        Each column missing in some partitions: in how many.
    """
    columns: dict[str, Any] = {}
    for m in metas:
        for c in m.columns:
            columns.setdefault(c, m[c].dtype)
    partial = {c: sum(c not in m.columns for m in metas) for c in columns}
    partial = {c: n for c, n in partial.items() if n}
    meta = pd.DataFrame({c: pd.Series(dtype=d) for c, d in columns.items()})
    for c in partial:
        d = meta[c].dtype
        if not (d.kind in "fO" or isinstance(d, pd.StringDtype)):
            meta[c] = meta[c].astype(object)
    return meta, partial


def _valid_staff(
    frame: pd.DataFrame,
    label: str,
    first_row: int,
    sites: pd.DataFrame | None,
    options: dict[str, Any],
    drop_rows: Any,
    offset: int,
    meta: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The validated staff of one partition, indexed by position in the whole staff, with
    the columns of ``meta`` (those it lacks blank)."""
    staff = _validate(frame, label, first_row, sites, options).staff
    if len(drop_rows):
        staff = staff[~staff["source_row"].isin(drop_rows)]
    staff.index = pd.RangeIndex(offset, offset + len(staff))
    if meta is not None and list(staff.columns) != list(meta.columns):
        staff = staff.reindex(columns=meta.columns)
        for c in meta.columns:
            if staff[c].dtype != meta[c].dtype:
                try:
                    staff[c] = staff[c].astype(meta[c].dtype)
                except (TypeError, ValueError):  # left as read: Dask reports the mismatch
                    pass
    return staff


class DaskWorkforce(Workforce):
    """A :class:`~remotecalc.Workforce` whose staff is a Dask DataFrame.

    Build it with ``remotecalc.read_staffing(source, sites=..., backend="dask")``. The staff
    partitions were validated once when reading (problems, exclusions and row accounting
    are complete here); ``staff`` validates each partition again when it is computed, so
    the data never have to fit in one machine's memory. ``staff`` is indexed 0..n-1 in the
    order of the files and their rows (known divisions).
    """

    staff: Any  # a dask.dataframe.DataFrame (a pandas DataFrame in the base class)

    @property
    def n_employees(self) -> int:
        return int(self.provenance["rows_used"])

    @property
    def npartitions(self) -> int:
        n: int = self.staff.npartitions
        return n

    def to_pandas(self) -> Workforce:
        """The same workforce in memory (computes every partition): for the policy report
        and the other analyses that take a pandas :class:`~remotecalc.Workforce`."""
        staff = self.staff.compute()
        return Workforce(
            staff=staff.reset_index(drop=True),
            sites=self.sites,
            excluded=self.excluded,
            problems=self.problems,
            provenance=dict(self.provenance),
            notes=list(self.notes),
        )

    def great_circle_km(self) -> NoReturn:
        raise TypeError(
            "great_circle_km() is per employee; on a DaskWorkforce use "
            "remotecalc.assess(...).per_employee['one_way_km']"
        )

    def __repr__(self) -> str:
        return (
            f"<remotecalc.DaskWorkforce: {self.n_employees:,} employees in "
            f"{self.npartitions} partitions, {len(self.sites)} sites>\n" + self.summary()
        )


def _tree(items: list[Any], combine: Callable[[list[Any]], Any]) -> Any:
    """Reduce delayed items pairwise-by-groups in a tree (``_FAN_IN`` at a time)."""
    dask, _ = _dask()
    while len(items) > 1:
        items = [
            dask.delayed(combine)(items[i : i + _FAN_IN]) for i in range(0, len(items), _FAN_IN)
        ]
    return items[0]


def _source_label(source: Any, n_files: int) -> str:
    if _collection(source):
        return "<Dask DataFrame>"
    if isinstance(source, (list, tuple)):
        return f"{n_files} Parquet file(s)"
    return str(source)


def read_staffing_dask(
    source: Any,
    sites: Any = None,
    *,
    strict: bool = True,
    partition_rows: int = DEFAULT_PARTITION_ROWS,
    column_map: dict[str, str] | None = None,
    sites_column_map: dict[str, str] | None = None,
    sites_sheet: str | int | None = None,
    postcodes: str | Path | pd.DataFrame | LocationTable | None = None,
    municipalities: str | Path | pd.DataFrame | LocationTable | None = None,
    country: str | None = "DK",
    max_listed: int = 10,
) -> DaskWorkforce:
    """Read and validate partitioned staff data with Dask (``read_staffing(backend="dask")``).

    Parameters
    ----------
    source : str, pathlib.Path, list or dask.dataframe.DataFrame
        Parquet: a file, a directory of ``*.parquet`` files, a glob pattern or a list of
        files; or a Dask DataFrame. Rows are numbered from 1 within each file (files from
        :func:`csv_to_parquet`: as in the CSV; a Dask DataFrame: from 1 over the whole
        frame, in partition order).
    sites : path or DataFrame, optional
        The sites table (read on the client, sent to the workers).
    strict : bool, default True
        Any problem raises :class:`~remotecalc.StaffingError` naming file, row, column,
        value and what was expected; ``False`` excludes the rows (``excluded`` has a
        ``file`` column).
    partition_rows : int
        Rows per partition when reading Parquet (see :func:`parquet_pieces`).
    column_map, sites_column_map, sites_sheet, postcodes, municipalities, country, max_listed
        As for :func:`remotecalc.read_staffing`.

    Returns
    -------
    DaskWorkforce

    Notes
    -----
    One pass over the data validates every partition with the pandas reader and returns
    its problems, row accounting and the 64-bit hashes of its employee ids; ids repeated
    across partitions are then confirmed on the ids themselves (a second pass, only if a
    hash repeats). Within a partition, duplicates are found as in the pandas reader.
    """
    dask, dd = _dask()
    options = {
        "column_map": column_map,
        "postcodes": postcodes,
        "municipalities": municipalities,
        "country": country,
    }
    sites_df = None
    if sites is not None:  # read once, here, as the pandas reader does
        if (
            isinstance(sites, pd.DataFrame)
            and "source_row" in sites.columns
            and "lat" in sites.columns
        ):
            sites_df = sites  # already read
        else:
            sites_df = readers.read_sites(
                sites,
                column_map=sites_column_map,
                sheet=sites_sheet,
                postcodes=postcodes,
                municipalities=municipalities,
                country=country,
                max_listed=max_listed,
            )
    sites_key = dask.delayed(sites_df, pure=True) if sites_df is not None else None

    if _collection(source):
        if not isinstance(source, dd.DataFrame):
            raise TypeError("a Dask DataFrame of staff is expected, not a Dask Series")
        frames = source.to_delayed()
        lengths = dask.compute(*[dask.delayed(len)(f) for f in frames])
        firsts = np.concatenate([[1], 1 + np.cumsum(lengths)[:-1]]).astype(int).tolist()
        labels = ["<Dask DataFrame>"] * len(frames)
        paths: list[str | None] = [None] * len(frames)
        n_files = 1
    else:
        pieces = parquet_pieces(source, partition_rows)
        frames = [dask.delayed(_load_piece, pure=True)(p) for p in pieces]
        firsts = [p.first_row for p in pieces]
        labels = [p.label for p in pieces]
        paths = [p.path for p in pieces]
        n_files = len(set(paths))
    label_all = _source_label(source, n_files)
    sha_first = [
        path is not None and (i == 0 or paths[i - 1] != path)  # once per file
        for i, path in enumerate(paths)
    ]
    checks = dask.compute(
        *[
            dask.delayed(_check_piece)(f, lab, first, sites_key, options, sha, path)
            for f, lab, first, sha, path in zip(
                frames, labels, firsts, sha_first, paths, strict=True
            )
        ]
    )

    rows_read = sum(c["rows_read"] for c in checks)
    problems = pd.concat([c["problems"] for c in checks], ignore_index=True)
    excluded = pd.concat([c["excluded"] for c in checks], ignore_index=True)
    drops = [np.zeros(0, dtype=int) for _ in checks]

    # employee ids repeated across partitions: hashes first, then the ids themselves
    hashes = np.concatenate([c["hashes"] for c in checks]) if checks else np.zeros(0)
    repeated = pd.Series(hashes).duplicated(keep=False).to_numpy()
    if repeated.any():
        wanted = np.unique(hashes[repeated])
        found = dask.compute(
            *[
                dask.delayed(_rows_with_hashes)(f, lab, first, sites_key, options, wanted)
                for f, lab, first in zip(frames, labels, firsts, strict=True)
            ]
        )
        rows = pd.concat([r.assign(piece=i) for i, r in enumerate(found)], ignore_index=True)
        rows = rows.sort_values(["piece", "source_row"], kind="stable")
        later = rows["employee_id"].duplicated(keep="first")
        firsts_seen = rows.drop_duplicates("employee_id").set_index("employee_id")
        dup_rows = rows[later]
        if len(dup_rows):
            seen = firsts_seen.loc[dup_rows["employee_id"]]
            dup_problems = pd.DataFrame(
                {
                    "file": dup_rows["file"].to_numpy(),
                    "row": dup_rows["source_row"].to_numpy(),
                    "column": "employee_id",
                    "value": dup_rows["employee_id"].astype(str).to_numpy(),
                    "problem": [
                        "duplicate employee_id; first seen in " + f + " row " + str(r)
                        for f, r in zip(seen["file"], seen["source_row"], strict=True)
                    ],
                }
            )
            problems = pd.concat([problems, dup_problems], ignore_index=True)
            for i, grp in dup_rows.groupby("piece"):
                drops[int(i)] = grp["source_row"].to_numpy()
            excluded = pd.concat(
                [
                    excluded,
                    pd.DataFrame(
                        {
                            "file": dup_rows["file"].to_numpy(),
                            "source_row": dup_rows["source_row"].to_numpy(),
                            "employee_id": dup_rows["employee_id"].to_numpy(),
                            "reason": "column 'employee_id': " + dup_problems["problem"],
                        }
                    ),
                ],
                ignore_index=True,
            )

    if len(problems) and strict:
        _raise(problems, label_all, rows_read, max_listed)

    used = [c["rows_used"] - len(d) for c, d in zip(checks, drops, strict=True)]
    offsets = np.concatenate([[0], np.cumsum(used)]).astype(int).tolist()
    meta, partial = _union_meta([c["meta"] for c in checks])
    parts = [
        dask.delayed(_valid_staff)(f, lab, first, sites_key, options, d, off, meta)
        # offsets has one entry more than there are pieces (the running total at the end)
        for f, lab, first, d, off in zip(frames, labels, firsts, drops, offsets, strict=False)
    ]
    divisions = None
    if all(u > 0 for u in used):
        divisions = tuple(offsets[:-1]) + (offsets[-1] - 1,)
    staff = dd.from_delayed(parts, meta=meta, divisions=divisions, verify_meta=False)

    n_used = int(sum(used))
    if n_used + len(excluded) != rows_read:  # the accounting is an invariant, not a hope
        raise AssertionError(
            f"row accounting broken: read {rows_read}, used {n_used}, excluded {len(excluded)}"
        )
    notes = readers.merge_notes([c["notes"] for c in checks])
    for col, n_without in partial.items():
        notes.append(
            Note("column_missing_in_parts", column=col, n=int(n_without), total=len(checks))
        )
    blank = sum(c["blank"] for c in checks)
    if blank:
        notes.append(Note("blank_lines", n=int(blank)))
    sha = {
        Path(str(path)).name: c["sha256"]
        for path, c in zip(paths, checks, strict=True)
        if c["sha256"]
    }
    provenance = {
        "file": label_all,
        "sha256": _sha256_of_files(sha),
        "files": sha,
        "format": "dask" if _collection(source) else "parquet",
        "encoding": "",
        "separator": "",
        "rows_read": rows_read,
        "rows_used": n_used,
        "rows_excluded": len(excluded),
        "blank_lines_skipped": blank,
        "column_map": checks[0]["column_map"],
        "strict": strict,
        "country": country,
        "partitions": len(parts),
        "backend": "dask",
        "sites_file": (
            sites_df.attrs.get("provenance", {}).get("file") if sites_df is not None else None
        ),
        "sites_sha256": (
            sites_df.attrs.get("provenance", {}).get("sha256") if sites_df is not None else None
        ),
        "read_at": pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds"),
    }
    site_table = sites_df.reset_index(drop=True) if sites_df is not None else _sites_from_ids(staff)
    return DaskWorkforce(
        staff=staff,
        sites=site_table,
        excluded=excluded,
        problems=problems.sort_values(["file", "row"], kind="stable").reset_index(drop=True)
        if len(problems)
        else problems,
        provenance=provenance,
        notes=notes,
    )


def _sha256_of_files(sha: dict[str, str]) -> str:
    """SHA-256 of the one file, or of the sorted ``name:sha256;`` list of several."""
    if not sha:
        return "(not a file)"
    if len(sha) == 1:
        return next(iter(sha.values()))
    return hashlib.sha256("".join(f"{k}:{v};" for k, v in sorted(sha.items())).encode()).hexdigest()


def _sites_from_ids(staff: Any) -> pd.DataFrame:
    ids = staff["site_id"].dropna().unique().compute()
    return pd.DataFrame(
        {"site_id": pd.Series(sorted(ids), dtype="string"), "lat": np.nan, "lon": np.nan}
    )


def _raise(problems: pd.DataFrame, label: str, rows_read: int, max_listed: int) -> NoReturn:
    n_rows = problems[["file", "row"]].drop_duplicates().shape[0]
    lines = [
        (
            f"{label}: {len(problems):,} problem(s) in {n_rows:,} of {rows_read:,} staff "
            "row(s); nothing was read. Rows are numbered as in each file (Parquet: from 1; a "
            "converted CSV: as in the CSV, the header is row 1)."
        )
    ]
    head = problems.head(max_listed)
    for f, text in zip(head["file"], readers.format_problems(head), strict=True):
        lines.append(f"  - {f}, {text}")
    if len(problems) > max_listed:
        lines.append(
            f"  ... and {len(problems) - max_listed:,} more problem(s) "
            "(see StaffingError.problems)."
        )
    lines.append(
        "Fix the files, map columns with column_map=..., or pass strict=False to "
        "exclude these rows (they are then listed in Workforce.excluded)."
    )
    raise StaffingError("\n".join(lines), problems=problems)


def as_dask_workforce(workforce: Any, sites: Any = None) -> DaskWorkforce:
    """A :class:`DaskWorkforce` from one, or from a Dask DataFrame of staff and ``sites``."""
    if isinstance(workforce, DaskWorkforce):
        if sites is not None:
            raise TypeError(
                "sites= is only for a Dask DataFrame of staff; a DaskWorkforce "
                "has its sites (read_staffing(..., sites=...))"
            )
        return workforce
    if _collection(workforce):
        return read_staffing_dask(workforce, sites)
    raise TypeError(f"expected a DaskWorkforce or a Dask DataFrame, not {type(workforce).__name__}")


# ------------------------------------------------------------------------------------------
# Partial results of partitions, and their sum
# ------------------------------------------------------------------------------------------


def _add(items: list[Any]) -> Any:
    """Sum of partial results: dicts by key, lists by position, DeskCounts merged."""
    first = items[0]
    if isinstance(first, dict):
        return {k: _add([it[k] for it in items]) for k in first}
    if isinstance(first, list):
        return [_add([it[i] for it in items]) for i in range(len(first))]
    if isinstance(first, engine.DeskCounts):
        return engine.DeskCounts.merge(items)
    if isinstance(first, engine.Blocks):
        total = first
        for it in items[1:]:
            total = total + it
        return total
    if first is None:
        return None
    total = items[0]
    for it in items[1:]:
        total = total + it
    return total


def _part_workforce(staff: pd.DataFrame, sites: pd.DataFrame) -> Workforce:
    """One partition as a :class:`Workforce` (its geometry: distances and their sources)."""
    return Workforce(
        staff=staff, sites=sites, excluded=pd.DataFrame(), problems=pd.DataFrame(), provenance={}
    )


def _part_inputs(
    staff: pd.DataFrame, sites: pd.DataFrame, p: Parameters, wf: Workforce | None = None
) -> engine.EmployeeInputs:
    """The engine's per-employee inputs of one partition."""
    wf = _part_workforce(staff, sites) if wf is None else wf
    return engine.employee_inputs(staff, sites, wf.great_circle_km().to_numpy(dtype=float), p)


class _StateSums(TypedDict, total=False):
    """Sums of one state over a partition's employees (they add up over partitions)."""

    blocks: engine.Blocks
    """Building blocks summed with a mode axis (:meth:`engine.Blocks.total`)."""
    att: FloatArray
    """Attendee-days per site (desk users). [days/yr]"""
    counts: engine.DeskCounts
    gained: int
    """Employees who gain remote days (scenarios only)."""
    applies: int
    """Employees the scenario applies to (scenarios only)."""


class _SummarySums(TypedDict):
    """What :func:`_finish` needs of the employees: one partition's, or their sum."""

    n: int
    tele_missing: int
    deduction_counts: IntArray
    distance_counts: IntArray
    desk_defaults: IntArray | None
    employees: IntArray
    desk_employees: IntArray
    plausibility: IntArray
    base: _StateSums
    scenarios: list[_StateSums]


class _DrawSums(TypedDict):
    """One partition's (or the sum's) per-draw sums for Monte Carlo (:func:`_mc_part`)."""

    emp: dict[str, FloatArray]
    x_b_site: FloatArray
    alpha_site: FloatArray
    counts: list[engine.DeskCounts] | None
    employees: IntArray


def _summary_part(
    staff: pd.DataFrame, sites: pd.DataFrame, p: Parameters, scenarios: list[Scenario]
) -> _SummarySums:
    """Sums over one partition's employees: building blocks (summed by mode), attendee-days
    and desk counts per site, for the baseline and every scenario."""
    part = _part_workforce(staff, sites)
    inp = _part_inputs(staff, sites, p, part)
    v = engine.Values(p)
    code, desk = inp.site_code, inp.desk_code
    ok, users = code >= 0, desk >= 0
    n_sites, n_modes = len(sites), len(p.modes)

    def state(
        onsite: FloatArray, desk_ratio: float | None, movers: engine.Movers | None = None
    ) -> _StateSums:
        b = engine.employee_blocks(inp, onsite, v, movers)
        return {
            "blocks": b.total(inp.mode_pos, n_modes),
            "att": bin_sums(
                desk[users],
                weights=np.asarray(b.onsite_days, dtype=float)[users],
                minlength=n_sites,
            ),
            "counts": engine.DeskCounts.of_state(desk, inp.fte, onsite),
        }

    out: _SummarySums = {
        "n": len(staff),
        "tele_missing": inp.n_teleworkable_missing,
        "deduction_counts": engine.deduction_counts(inp),
        "distance_counts": part.distance_counts(),
        "desk_defaults": inp.desk_defaults,
        "employees": np.bincount(code[ok], minlength=n_sites),
        "desk_employees": np.bincount(desk[users], minlength=n_sites),
        "plausibility": plausibility.commute_counts(inp.one_way_km, staff["mode"]),
        "base": state(inp.onsite_today, None),
        "scenarios": [],
    }
    for sc in scenarios:
        onsite_s, applies = engine.scenario_onsite(staff, sc, inp, check_selects=False)
        st = state(onsite_s, sc.desk_ratio, engine.scenario_movers(staff, sc, inp, v))
        st["gained"] = int(engine.gained_remote_days(inp.onsite_today, onsite_s).sum())
        st["applies"] = int(applies.sum())
        out["scenarios"].append(st)
    return out


def _partials(workforce: DaskWorkforce, func: Callable[..., Any], *args: Any) -> Any:
    """``func(partition, sites, *args)`` on every partition, summed in a tree, computed."""
    dask, _ = _dask()
    sites = dask.delayed(workforce.sites, pure=True)
    lazy_args = [dask.delayed(a, pure=True) for a in args]
    parts = [dask.delayed(func)(part, sites, *lazy_args) for part in workforce.staff.to_delayed()]
    return dask.compute(_tree(parts, _add))[0]


def _finish(
    workforce: DaskWorkforce,
    p: Parameters,
    sc: Scenario,
    total: _SummarySums,
    i: int,
    peak_label: bool,
) -> tuple[pd.DataFrame, dict[str, tuple[float, float]], float, list[Any]]:
    """Per-site table, metric totals, one-off cost and notes of scenario ``i``."""
    st = total["scenarios"][i]
    if sc.applies_to and st["applies"] == 0:
        engine.raise_selects_nobody(sc)
    notes = engine.teleworkable_notes(total["tele_missing"])
    notes += engine.deduction_notes(total["deduction_counts"])
    notes += engine.desk_notes(total["desk_defaults"])
    notes += distance_notes(total["distance_counts"])
    employees, desk_employees = total["employees"], total["desk_employees"]
    notes += plausibility.notes(total["plausibility"], workforce.sites, desk_employees)
    ids = workforce.sites["site_id"]
    desks_b = engine.desks_from_counts(
        total["base"]["counts"],
        ids,
        employees,
        total["base"]["att"],
        sc.service_level,
        None,
        None,
        peak_label,
        desk_employees=desk_employees,
    )
    desks_s = engine.desks_from_counts(
        st["counts"] or engine.DeskCounts.empty(),
        ids,
        employees,
        st["att"],
        sc.service_level,
        sc.desk_ratio,
        sc.profile(),
        peak_label,
        desk_employees=desk_employees,
    )
    per_site = site_table(workforce.sites, p, sc, desks_b, desks_s, notes)
    v = engine.Values(p)
    f = engine.mode_factors(v)
    base = engine.employee_metrics(total["base"]["blocks"], v, f)
    scen = engine.employee_metrics(st["blocks"], v, f)
    totals = {m: (float(base[m]), float(scen[m])) for m in METRICS}
    one_off = float(engine.one_off_cost(st["gained"], sc.uptake, v))
    return per_site, totals, one_off, notes


def _per_employee_part(
    staff: pd.DataFrame, sites: pd.DataFrame, p: Parameters, scenario: Scenario
) -> pd.DataFrame:
    part = _part_workforce(staff, sites)
    inp = _part_inputs(staff, sites, p, part)
    v = engine.Values(p)
    onsite_s, applies = engine.scenario_onsite(staff, scenario, inp, check_selects=False)
    base = engine.employee_metrics(engine.employee_blocks(inp, inp.onsite_today, v), v, inp.own)
    movers = engine.scenario_movers(staff, scenario, inp, v)
    scen = engine.employee_metrics(engine.employee_blocks(inp, onsite_s, v, movers), v, inp.own)
    return per_employee_frame(
        staff,
        inp,
        onsite_s,
        applies,
        base,
        scen,
        distance_source=part.distance_source().array,
    )


def assess_dask(
    workforce: Any,
    scenario: Scenario,
    params: Parameters | str | None = None,
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    sites: Any = None,
) -> Assessment:
    """:func:`remotecalc.assess` on a :class:`DaskWorkforce` (or a Dask DataFrame + sites).

    One pass over the partitions sums what the summary and the site table need; the
    result's ``per_employee`` is a lazy Dask DataFrame (computed when used, written
    partition by partition by :meth:`~remotecalc.Assessment.to_parquet`).
    """
    if not isinstance(scenario, Scenario):
        raise TypeError("scenario must be a remotecalc.Scenario")
    wf = as_dask_workforce(workforce, sites)
    p = resolve_params(params)
    total: _SummarySums = _partials(wf, _summary_part, p, [scenario])
    per_site, totals, one_off, notes = _finish(wf, p, scenario, total, 0, peak_label=True)
    n_sel = total["scenarios"][0]["applies"] if scenario.applies_to else total["n"]
    small = small_assessment_note(total["n"], n_sel, min_group_size)
    if small:
        notes.append(small)
    meta = _per_employee_part(wf.staff._meta, wf.sites, p, scenario)
    per_emp = wf.staff.map_partitions(
        _per_employee_part, wf.sites, p, scenario, meta=meta, align_dataframes=False
    )
    return Assessment(
        per_employee=per_emp,
        per_site=per_site,
        scenario=scenario,
        parameters=p,
        workforce_provenance=dict(wf.provenance),
        notes=notes + list(wf.notes),
        min_group_size=min_group_size,
        totals=totals,
        one_off=one_off,
        employees=total["n"],
    )


def sweep_dask(
    workforce: Any,
    scenarios: list[Scenario],
    params: Parameters | str | None = None,
    *,
    sites: Any = None,
) -> pd.DataFrame:
    """The summaries of many scenarios in one pass over the partitions (see ``sweep``)."""
    wf = as_dask_workforce(workforce, sites)
    p = resolve_params(params)
    total: _SummarySums = _partials(wf, _summary_part, p, list(scenarios))
    parts = []
    for i, sc in enumerate(scenarios):
        per_site, totals, one_off, _ = _finish(wf, p, sc, total, i, peak_label=False)
        totals.update(
            {
                m: (per_site[f"{m}_baseline"].sum(), per_site[f"{m}_scenario"].sum())
                for m in SITE_METRICS
            }
        )
        part = summary_table(totals, one_off, sc, p)
        for k, val in lever_values(sc).items():
            part[k] = val
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


# ------------------------------------------------------------------------------------------
# Monte Carlo
# ------------------------------------------------------------------------------------------


def _mc_part(
    staff: pd.DataFrame,
    sites: pd.DataFrame,
    p: Parameters,
    scenario: Scenario,
    values: pd.DataFrame,
    grid: FloatArray,
) -> _DrawSums:
    """One partition's per-draw sums (``DrawEvaluator.employee_changes``) and desk counts."""
    inp = _part_inputs(staff, sites, p)
    ev = DrawEvaluator(staff, inp, p, len(sites))
    alpha, alpha_sorted = ev.alpha(scenario)
    movers = ev.movers(scenario)
    n = len(values) if len(values.columns) else 1
    chunks = []
    for i in range(0, n, CHUNK_DRAWS):
        vals = values.iloc[i : i + CHUNK_DRAWS]
        k = min(CHUNK_DRAWS, n - i)
        v = engine.Values(p, vals.reset_index(drop=True))
        chunks.append(
            ev.employee_changes(alpha, alpha_sorted, v, draw_uptake(v, scenario, k), movers)
        )
    emp = {key: np.concatenate([c[key] for c in chunks]) for key in chunks[0]}
    desk = inp.desk_code  # desks count the employees they concern
    counts = (
        [engine.DeskCounts.of_state(desk, inp.fte, ev.onsite(scenario, uptake=u)) for u in grid]
        if scenario.desk_ratio is None
        else None
    )
    return {
        "emp": emp,
        "x_b_site": ev.x_b.site,
        "alpha_site": alpha.site,
        "counts": counts,
        "employees": np.bincount(desk[desk >= 0], minlength=len(sites)),
    }


def monte_carlo_dask(
    workforce: Any,
    scenario: Scenario,
    params: Parameters | str | None = None,
    n_draws: int = 2000,
    seed: int | np.random.Generator | None = None,
    *,
    uptake: tuple[float, float] | None = None,
    sites: Any = None,
) -> MonteCarloResult:
    """:func:`remotecalc.analysis.monte_carlo` on a :class:`DaskWorkforce`.

    The draws are made on the client (same seed, same draws as the pandas path); every
    partition evaluates its employees' part of all draws (sums that add up), and the
    client finishes the offices per draw.
    """
    if not isinstance(scenario, Scenario):
        raise TypeError("scenario must be a remotecalc.Scenario")
    if int(n_draws) < 1:
        raise ValueError("n_draws must be at least 1")
    wf = as_dask_workforce(workforce, sites)
    p = resolve_params(params)
    central = assess_dask(wf, scenario, p)
    inputs = uncertain_inputs(p, uptake, work_trips=False)  # a Dask workforce has no trips
    values = complete_shares(values_from_unit(inputs, unit_draws(p, inputs, n_draws, seed)), p)
    grid = uptake_grid(scenario, uptake)
    total: _DrawSums = _partials(wf, _mc_part, p, scenario, values, grid)
    employees = total["employees"]
    ids = wf.sites["site_id"]
    no_att = np.zeros(len(wf.sites))
    counts = total["counts"]  # None with a desk ratio (_mc_part counts without one)
    if counts is not None:
        desks = np.array(
            [
                engine.desks_from_counts(
                    c,
                    ids,
                    employees,
                    no_att,
                    scenario.service_level,
                    None,
                    scenario.profile(),
                    peak_label=False,
                )["desks_needed"].to_numpy(dtype=float)
                for c in counts
            ]
        )
    else:
        desks = np.array(
            [
                engine.desks_from_counts(
                    engine.DeskCounts.empty(),
                    ids,
                    employees,
                    no_att,
                    scenario.service_level,
                    scenario.desk_ratio,
                    None,
                )["desks_needed"].to_numpy(dtype=float)
            ]
            * len(grid)
        )
    desks_b = central.per_site["desks_needed_baseline"].to_numpy(dtype=float)
    site_inputs = SiteInputs.of(wf.sites)
    parts = []
    for i in range(0, n_draws, CHUNK_DRAWS):
        vals = values.iloc[i : i + CHUNK_DRAWS]
        k = min(CHUNK_DRAWS, n_draws - i)
        v = engine.Values(p, vals.reset_index(drop=True))
        u = draw_uptake(v, scenario, k)
        emp = {key: arr[i : i + k] for key, arr in total["emp"].items()}
        parts.append(
            close_draws(
                site_inputs,
                scenario,
                emp,
                total["x_b_site"],
                total["alpha_site"],
                desks_b,
                interpolate_desks(grid, desks, u),
                v,
                u,
            )
        )
    return mc_result(
        values, pd.concat(parts, ignore_index=True), central, inputs, seed, uptake, len(grid)
    )
