"""Shared pieces of the command line (internal): option types, reading, failing.

:mod:`remotecalc.cli.main` assembles the app; :mod:`remotecalc.cli.analysis` and
:mod:`remotecalc.cli.report` define commands registered on it. All three import this module
and never each other's private names, so the command modules import no cycle.

Nothing here imports pandas, numpy or the model at import time: ``remotecalc --help`` stays
fast. Those are imported inside the functions that need them.
"""

from __future__ import annotations

import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from remotecalc.exports import check_output_file, check_output_folder, file_stems

__all__ = [
    "BackendOpt",
    "ColumnMapOpt",
    "CountryOpt",
    "LangOpt",
    "LenientOpt",
    "MinGroupSizeOpt",
    "MunOpt",
    "OdOpt",
    "OsmOpt",
    "PostOpt",
    "SchedulerOpt",
    "SheetOpt",
    "SitesOpt",
    "StaffArg",
    "TeleworkableOpt",
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
    "stage",
    "text_table",
]

#: Widest line the command line prints (tables are wrapped and split to fit).
MAX_WIDTH = 100

LangOpt = Annotated[
    str, typer.Option("--lang", help="Language of what the command prints and writes: en or da.")
]

StaffArg = Annotated[
    Path,
    typer.Argument(metavar="STAFF", help="Staff file: CSV (; or ,), XLSX or Parquet."),
]
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
OdOpt = Annotated[
    Path | None,
    typer.Option(
        "--od",
        help="Origin-destination table of routed distances: home postcode or municipality "
        "code, site, km (and minutes, mode); used instead of great-circle x circuity where "
        "it matches.",
    ),
]
OsmOpt = Annotated[
    Path | None,
    typer.Option(
        "--osm",
        help="OpenStreetMap extract (FILE.osm.pbf, e.g. Geofabrik's denmark-latest.osm.pbf; "
        "data (c) OpenStreetMap contributors, ODbL): each home is routed to its site on the "
        "car network (needs pip install 'remotecalc[roads]'); after --od, it replaces "
        "the table's distances where both apply.",
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
TeleworkableOpt = Annotated[
    str,
    typer.Option(
        "--teleworkable",
        help="Where a teleworkable share comes from when the staff file gives none (a value "
        "in the file always wins): occupation (default: the occupation code's JRC index for "
        "desk-based staff, 0 home days for frontline staff, the site type's default without "
        "a code), column (the file's column only; a blank is a problem) or all (everybody "
        "fully teleworkable).",
    ),
]
MinGroupSizeOpt = Annotated[
    int, typer.Option("--min-group-size", help="No group smaller than this is shown.")
]
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
    od: Path | None = None,
    work_trips: Path | None = None,
    osm: Path | None = None,
    teleworkable: str = "occupation",
    params: str | None = None,
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
    od : Path or None
        ``--od`` origin-destination table (see :func:`remotecalc.inputs.readers.read_od`).
    work_trips : Path or None
        ``--work-trips`` file, read against the staff and attached
        (:func:`attach_work_trips`; a lenient read that leaves no staff row stops first).
    osm : Path or None
        ``--osm`` OpenStreetMap extract: road distances for every home with coordinates
        (:func:`remotecalc.road_distances`; ``--lenient`` keeps the geographic distance of
        homes outside the extract instead of stopping). Pandas backend only.
    teleworkable : {'occupation', 'column', 'all'}
        ``--teleworkable`` (see :func:`remotecalc.read_staffing`).
    params : str or None
        ``--params``: a column of weekly hours is read on its ``staff.norm_week_hours``.

    Returns
    -------
    Workforce or DaskWorkforce
    """
    from remotecalc.evaluation.reading import read_staffing
    from remotecalc.inputs.readers import TELEWORKABLE_SOURCES

    if teleworkable not in TELEWORKABLE_SOURCES:
        raise typer.BadParameter(
            f"expected one of {', '.join(TELEWORKABLE_SOURCES)}; found {teleworkable!r}",
            param_hint="--teleworkable",
        )
    norm = None
    if params is not None and backend == "pandas":  # Dask partitions read the country's
        from remotecalc.inputs.parameters import load_parameters

        p = load_parameters(params)
        norm = float(p["staff.norm_week_hours"]) if "staff.norm_week_hours" in p else None
    staff_map, sites_map = load_column_map(column_map) if column_map else (None, None)
    wf = read_staffing(
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
        od=od,
        teleworkable=teleworkable,
        norm_week_hours=norm,
    )
    if osm is not None:
        from remotecalc.evaluation.backend import is_dask
        from remotecalc.inputs.roads import road_distances

        if is_dask(getattr(wf, "staff", None)):
            raise ValueError("--osm needs the staff in memory (--backend pandas)")
        no_rows_left(wf, lenient)
        try:
            wf = wf.with_od(road_distances(osm, wf, strict=not lenient))
        except ImportError as err:  # pyosmium is an optional extra
            raise ValueError(str(err)) from err
    if work_trips is None:
        return wf
    no_rows_left(wf, lenient)
    return attach_work_trips(wf, work_trips, lenient)


def attach_work_trips(wf: Any, path: Path | None, lenient: bool) -> Any:
    """The workforce with the trips of ``--work-trips`` attached (unchanged without).

    Trips are read against the workforce (unknown employees are problems); ``--lenient``
    excludes rows with problems, with a line saying how many.
    """
    if path is None:
        return wf
    from remotecalc.evaluation import backend
    from remotecalc.inputs.trips import read_work_trips

    backend.require_pandas(
        wf, "--work-trips needs the staff in memory (--backend pandas)", ValueError
    )
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
    file's: ``"input name" = "canonical name"`` (see :mod:`remotecalc.inputs.vocab`).

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

    from remotecalc.errors import StaffingError
    from remotecalc.inputs.vocab import SITE_COLUMNS, STAFF_COLUMNS

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


def scenarios_from(scenario: Path | None, remote_days: float | None, lang: str = "en") -> list:
    """The scenarios of ``--scenario FILE`` or ``--remote-days N`` (one of them is needed).

    The scenario of ``--remote-days N`` is named in the output's language ("2 remote days",
    "2 hjemmedage"): its name heads the tables, figures and workbook sheets.

    Parameters
    ----------
    scenario : Path or None
        Scenario TOML (see :func:`remotecalc.load_scenarios`).
    remote_days : float or None
        Remote days a week granted, when no file is given.
    lang : {"en", "da"}
        Language of the output (names the ``--remote-days`` scenario).

    Returns
    -------
    list of Scenario

    Raises
    ------
    typer.BadParameter
        When neither is given.
    """
    from remotecalc.exports import check_names
    from remotecalc.inputs.scenario import Scenario, load_scenarios

    if scenario is not None:
        scenarios = load_scenarios(scenario)
        check_names(s.name for s in scenarios)  # before the work, not when writing
        return scenarios
    if remote_days is not None:
        from remotecalc.i18n import fmt_number, t

        d = fmt_number(remote_days, lang, 0 if float(remote_days).is_integer() else 1)
        name = t("default_scenario_name", lang, d=d)
        return [Scenario(name=name, remote_days_per_week=remote_days)]
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


def fail(err: Exception, lang: str = "en") -> NoReturn:
    """Print ``err`` in red on stderr and leave with exit code 1.

    Parameters
    ----------
    err : Exception
        The error whose message a user reads.
    lang : {"en", "da"}
        Its language: the known phrases of problems and errors are translated
        (:func:`remotecalc.i18n.phrases.phrase_text`); names and values stay as they are.
    """
    from remotecalc.i18n.phrases import phrase_text

    text = str(err)
    text = phrase_text(text, lang) if lang in ("en", "da") else text
    typer.secho(text, fg=typer.colors.RED, err=True)
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


def _number(v: float, decimals: int, lang: str) -> str:
    if lang == "en":
        return f"{v:,.{decimals}f}"
    from remotecalc.i18n import fmt_number

    return fmt_number(v, lang, decimals)


def text_table(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    decimals: int = 1,
    width: int = MAX_WIDTH,
    lang: str = "en",
) -> str:
    """A table of numbers as plain text no wider than ``width`` characters.

    Column headers (scenario names) are wrapped over several lines; when the columns do
    not fit side by side they are split into blocks, each repeating the row labels; row
    labels longer than leaves room for one column are wrapped.

    Parameters
    ----------
    rows : sequence of str
        Row labels (metric, unit).
    columns : sequence of str
        Column headers (scenario names).
    values : sequence of sequences of float
        ``values[i][j]``: row *i*, column *j* (NaN is shown as ``–``).
    decimals : int, default 1
    width : int, default :data:`MAX_WIDTH`
    lang : {"en", "da"}
        How numbers are written (Danish ``−1.234,5``).

    Returns
    -------
    str

    Examples
    --------
    >>> print(text_table(["Net CO2e [t/yr]"], ["2 days home, space given up"], [[-1234.5]]))
                     2 days home,
                      space given
                               up
    Net CO2e [t/yr]      -1,234.5
    """
    cells = [
        ["–" if v != v else _number(v, decimals, lang) for v in row]  # v != v: NaN
        for row in values
    ]
    gap = 2
    col_w = []
    for j, name in enumerate(columns):
        longest_value = max((len(r[j]) for r in cells), default=1)
        longest_word = max((len(w) for w in str(name).split()), default=1)
        col_w.append(min(max(longest_value, longest_word, 12), 16))
    label_w = max((len(r) for r in rows), default=0)
    label_w = min(label_w, width - gap - max(col_w, default=8))
    labels = [textwrap.wrap(r, label_w) or [""] for r in rows]
    # blocks of columns that fit beside the row labels
    blocks: list[list[int]] = [[]]
    used = label_w
    for j, w in enumerate(col_w):
        if blocks[-1] and used + gap + w > width:
            blocks.append([])
            used = label_w
        blocks[-1].append(j)
        used += gap + w
    out: list[str] = []
    for block in blocks:
        heads = [textwrap.wrap(str(columns[j]), col_w[j]) or [""] for j in block]
        depth = max(len(h) for h in heads)
        for k in range(depth):
            line = " " * label_w
            for j, h in zip(block, heads, strict=True):
                piece = h[k - (depth - len(h))] if k >= depth - len(h) else ""
                line += " " * gap + piece.rjust(col_w[j])
            out.append(line.rstrip())
        for i, lab in enumerate(labels):
            for k, piece in enumerate(lab):
                line = piece.ljust(label_w)
                if k == len(lab) - 1:
                    line += "".join(" " * gap + cells[i][j].rjust(col_w[j]) for j in block)
                out.append(line.rstrip())
        out.append("")
    return "\n".join(out).rstrip("\n")


@contextmanager
def stage(message: str, every_s: float = 5.0, lang: str = "en") -> Iterator[None]:
    """Tell the user on stderr that a long step runs, and when it is done.

    Prints ``message...`` when the step starts and ``message: done in N s`` when it ends;
    on a terminal, also a line every ``every_s`` seconds while it runs (the step gives no
    finer progress). stdout stays free for the results.

    Parameters
    ----------
    message : str
        What runs, e.g. "Monte Carlo ranges (300 draws)".
    every_s : float, default 5
        Seconds between the lines that say it still runs (terminal only).
    lang : {"en", "da"}
        Language of the lines added to ``message``.
    """
    from remotecalc.i18n import t

    typer.echo(f"{message}...", err=True)
    start = time.monotonic()
    done = threading.Event()

    def tick() -> None:
        while not done.wait(every_s):
            typer.echo(t("cli_still_running", lang, s=f"{time.monotonic() - start:.0f}"), err=True)

    ticker = None
    if sys.stderr.isatty():
        ticker = threading.Thread(target=tick, daemon=True)
        ticker.start()
    try:
        yield
    finally:
        done.set()
        if ticker is not None:
            ticker.join()
    typer.echo(
        f"{message}: " + t("cli_done_in", lang, s=f"{time.monotonic() - start:.0f}"), err=True
    )
