"""Shared pieces of the command line (internal): option types, reading, failing.

:mod:`remotecalc.cli` assembles the app; :mod:`remotecalc.cli_analysis` and
:mod:`remotecalc.cli_report` define commands registered on it. All three import this module
and never each other's private names, so the command modules import no cycle.

Nothing here imports pandas, numpy or the model at import time: ``remotecalc --help`` stays
fast. Those are imported inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .exports import check_output_file, check_output_folder, file_stems

__all__ = [
    "BackendOpt",
    "ColumnMapOpt",
    "CountryOpt",
    "LenientOpt",
    "MunOpt",
    "PostOpt",
    "SchedulerOpt",
    "SheetOpt",
    "SitesOpt",
    "StaffArg",
    "WorkTripsOpt",
    "attach_work_trips",
    "dask_client",
    "fail",
    "load_column_map",
    "no_rows_left",
    "output_file",
    "output_folder",
    "read_workforce",
    "safe_name",
    "scenarios_from",
]

StaffArg = Annotated[Path, typer.Argument(help="Staff file: CSV (; or ,), XLSX or Parquet.")]
SitesOpt = Annotated[Path | None, typer.Option("--sites", help="Sites file.")]
PostOpt = Annotated[
    Path | None,
    typer.Option(
        "--postcodes", help="Postcode table (code, lat/lon columns) to place home postcodes."
    ),
]
MunOpt = Annotated[
    Path | None,
    typer.Option(
        "--municipalities", help="Municipality table (code, lat/lon) to place municipality codes."
    ),
]
CountryOpt = Annotated[
    str,
    typer.Option(
        "--country", help="Country whose bounds coordinates must fall in ('none' to switch off)."
    ),
]
ColumnMapOpt = Annotated[
    Path | None,
    typer.Option(
        "--column-map",
        help='TOML file: column in the staff file = canonical name (e.g. "Km til arbejde" = '
        '"one_way_km"); a [sites] table does the same for the sites file.',
    ),
]
WorkTripsOpt = Annotated[
    Path | None,
    typer.Option(
        "--work-trips",
        help="Mileage claims or travel records (CSV/XLSX/Parquet: Medarbejdernr, Dato, Km or "
        "Fra/Til, Formål, Transportmiddel): work travel and virtual meetings are counted.",
    ),
]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="Excel sheet of the staff table.")]
LenientOpt = Annotated[
    bool, typer.Option("--lenient", help="Exclude rows with problems (listed) instead of stopping.")
]
BackendOpt = Annotated[
    str,
    typer.Option(
        "--backend",
        help="pandas (one machine, in memory) or dask (partitioned Parquet: a file, "
        "a folder of *.parquet or a glob; partition by partition).",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="With --backend dask: address of a dask.distributed scheduler "
        "(e.g. tcp://10.0.0.5:8786); default: this machine's threads.",
    ),
]


def read_workforce(
    staff: Path,
    sites: Path | None,
    postcodes: Path | None,
    municipalities: Path | None,
    country: str,
    sheet: str | None,
    lenient: bool,
    backend: str = "pandas",
    column_map: Path | None = None,
):
    """Read the staff (and sites) as the command line's options give them.

    Parameters
    ----------
    staff, sites, postcodes, municipalities : Path or None
        Files named on the command line (see :func:`remotecalc.read_staffing`).
    country : str
        Country whose bounds coordinates must fall in; ``'none'`` (any case) switches the
        check off.
    sheet : str or None
        Excel sheet of the staff table.
    lenient : bool
        Exclude rows with problems instead of raising :class:`~remotecalc.StaffingError`.
    backend : {'pandas', 'dask'}, default 'pandas'
    column_map : Path or None
        ``--column-map`` TOML file (see :func:`load_column_map`).

    Returns
    -------
    Workforce or DaskWorkforce
    """
    from .reading import read_staffing

    staff_map, sites_map = load_column_map(column_map) if column_map else (None, None)
    return read_staffing(
        staff,
        sites=sites,
        postcodes=postcodes,
        municipalities=municipalities,
        country=None if country.lower() == "none" else country,
        sheet=sheet,
        strict=not lenient,
        backend=backend,
        column_map=staff_map,
        sites_column_map=sites_map,
    )


def attach_work_trips(wf: Any, path: Path | None, lenient: bool) -> Any:
    """The workforce with the trips of ``--work-trips`` attached (unchanged without).

    Trips are read against the workforce (unknown employees are problems); ``--lenient``
    excludes rows with problems, with a line saying how many.
    """
    if path is None:
        return wf
    from .engine import is_dask
    from .readers_trips import read_work_trips

    if is_dask(getattr(wf, "staff", None)):
        raise ValueError("--work-trips needs the staff in memory (--backend pandas)")
    trips = read_work_trips(path, strict=not lenient, workforce=wf)
    if trips.provenance["rows_excluded"]:
        typer.echo(
            f"note: {trips.provenance['rows_excluded']:,} work-trip row(s) excluded "
            f"({path.name}); {trips.n_trips:,} trips used"
        )
    return wf.with_work_trips(trips)


def load_column_map(path: Path) -> tuple[dict[str, str] | None, dict[str, str] | None]:
    """The staff and sites column maps of a ``--column-map`` TOML file.

    Top-level keys map the staff file's columns, keys of a ``[sites]`` table the sites
    file's: ``"input name" = "canonical name"`` (see :mod:`remotecalc.vocab`).

    Parameters
    ----------
    path : Path
        The TOML file.

    Returns
    -------
    (dict or None, dict or None)
        Staff map and sites map (None when empty).

    Raises
    ------
    StaffingError
        The file is missing, not TOML, or maps onto a name that is not canonical.
    """
    import tomllib

    from .errors import StaffingError
    from .vocab import SITE_COLUMNS, STAFF_COLUMNS

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise StaffingError(f"column map file not found: {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StaffingError(f"{Path(path).name}: not a TOML file ({exc})") from exc
    sites = data.pop("sites", {})
    if not isinstance(sites, dict):
        raise StaffingError(f"{Path(path).name}: 'sites' must be a table ([sites])")
    extra = {"department", "unit"}
    for table, known, where in ((data, STAFF_COLUMNS, ""), (sites, SITE_COLUMNS, "[sites] ")):
        for k, v in table.items():
            if not isinstance(v, str) or (v not in known and v not in extra):
                raise StaffingError(
                    f"{Path(path).name}: {where}'{k}' = {v!r}: expected a canonical column "
                    f"name, one of {', '.join(known)}"
                )
    return (data or None), (sites or None)


def scenarios_from(scenario: Path | None, remote_days: float | None) -> list:
    """The scenarios of ``--scenario FILE`` or ``--remote-days N`` (one of them is needed).

    Parameters
    ----------
    scenario : Path or None
        Scenario TOML (see :func:`remotecalc.load_scenarios`).
    remote_days : float or None
        Remote days a week granted, when no file is given.

    Returns
    -------
    list of Scenario

    Raises
    ------
    typer.BadParameter
        When neither is given.
    """
    from .scenario import Scenario, load_scenarios

    if scenario is not None:
        return load_scenarios(scenario)
    if remote_days is not None:
        return [Scenario(name=f"{remote_days:g} remote days", remote_days_per_week=remote_days)]
    raise typer.BadParameter("give --scenario FILE or --remote-days N")


def dask_client(backend: str, scheduler: str | None):
    """A dask.distributed Client for ``--scheduler`` (None: Dask's threads, or pandas).

    Parameters
    ----------
    backend : str
        The ``--backend`` option; a scheduler needs ``'dask'``.
    scheduler : str or None
        Address of the scheduler, e.g. ``tcp://10.0.0.5:8786``.

    Returns
    -------
    distributed.Client or None
    """
    if scheduler is None:
        return None
    if backend != "dask":
        raise typer.BadParameter("--scheduler needs --backend dask")
    from distributed import Client

    return Client(scheduler, timeout=60)


def fail(err: Exception) -> NoReturn:
    """Print ``err`` in red on stderr and leave with exit code 1.

    Parameters
    ----------
    err : Exception
        The error whose message a user reads.
    """
    typer.secho(str(err), fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def safe_name(name: str) -> str:
    """``name`` with every character that is not a letter or digit replaced by ``_``, cut to
    :data:`remotecalc.exports.MAX_STEM_LENGTH` characters.

    For several names, use :func:`remotecalc.exports.file_stems`, which also makes them
    distinct.

    Parameters
    ----------
    name : str
        A scenario name.

    Returns
    -------
    str
        Usable in a file name.

    Examples
    --------
    >>> safe_name("2 days, anchor Tue+Thu")
    '2_days__anchor_Tue_Thu'
    """
    return file_stems([name])[0]


def output_folder(path: Path | None, option: str = "--out") -> Path | None:
    """``path`` if it can be a folder to write into; else a clear message and exit code 1.

    Parameters
    ----------
    path : Path or None
        The folder named on the command line (None: no output asked for).
    option : str
        The option's name, for the message.

    Returns
    -------
    Path or None
    """
    return _checked(path, option, check_output_folder)


def output_file(path: Path | None, option: str) -> Path | None:
    """``path`` if it can be a file to write; else a clear message and exit code 1.

    Parameters
    ----------
    path : Path or None
        The file named on the command line (None: no output asked for).
    option : str
        The option's name, for the message.

    Returns
    -------
    Path or None
    """
    return _checked(path, option, check_output_file)


def _checked(path: Path | None, option: str, check: Callable[[Path, str], Path]) -> Path | None:
    """``path`` after ``check`` (None passes); a failed check ends the command with code 1."""
    if path is not None:
        try:
            check(path, option)
        except OSError as err:
            fail(err)
    return path


def no_rows_left(wf, lenient: bool) -> None:
    """Leave with exit code 1 and a clear message when no staff row is usable.

    Parameters
    ----------
    wf : Workforce or DaskWorkforce
        As read.
    lenient : bool
        Whether rows with problems were excluded (``--lenient``).
    """
    p = wf.provenance
    if p.get("rows_used") == 0:
        read, excluded = p.get("rows_read", 0), p.get("rows_excluded", 0)
        why = (
            (
                "--lenient excluded every row, each for a problem"
                if lenient
                else "every row has a problem"
            )
            if excluded
            else "the file has no data rows"
        )
        fail(
            RuntimeError(
                f"{p.get('file')}: no usable staff row is left ({read:,} read, "
                f"{excluded:,} excluded): {why}. Run `remotecalc validate` to list the problems."
            )
        )
