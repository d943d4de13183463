"""``read_staffing`` with a choice of backend: pandas (in memory) or Dask (partitioned).

It sits above both readers: :mod:`remotecalc.inputs.readers` (pandas, the boundary where
data are validated) knows nothing of Dask, and :mod:`remotecalc.evaluation.distributed`
builds on the pandas reader, running it on every partition. The choice is made by
:mod:`remotecalc.evaluation.backend` (the one dispatch module). Importing this module
imports neither Dask nor the model; the Dask backend is imported when it is chosen.
"""

from __future__ import annotations

from typing import Any

from remotecalc.evaluation import backend as backends
from remotecalc.inputs import readers
from remotecalc.inputs.workforce import Workforce

__all__ = ["BACKENDS", "read_staffing"]

#: The backends :func:`read_staffing` knows.
BACKENDS = ("pandas", "dask")


def read_staffing(
    source: Any,
    sites: Any = None,
    *,
    column_map: dict[str, str] | None = None,
    strict: bool = True,
    sheet: Any = None,
    sites_column_map: dict[str, str] | None = None,
    sites_sheet: Any = None,
    postcodes: Any = None,
    municipalities: Any = None,
    country: str | None = "DK",
    max_listed: int = 10,
    backend: str = "pandas",
    partition_rows: int = 1_000_000,
    od: Any = None,
    teleworkable: str = "occupation",
    norm_week_hours: float | None = None,
) -> Workforce:
    """Read, map and validate an employer's staffing data into a :class:`Workforce`.

    Parameters
    ----------
    source : str, pathlib.Path, pandas.DataFrame or dask.dataframe.DataFrame
        Staff table: CSV (``,`` or ``;``, decimal comma, UTF-8/BOM/cp1252), XLSX, Parquet or
        a DataFrame. One row per employee.
    sites : path, DataFrame, optional
        Sites table (see :func:`remotecalc.read_sites`), or an already read sites DataFrame.
        Without it, every employee needs a given ``one_way_km`` and site ids are not checked.
    column_map : dict, optional
        ``{column in the file: canonical name}``; known aliases (English and Danish, e.g.
        ``medarbejdernr``, ``postnr``, ``transportmiddel``, ``beskæftigelsesgrad``) are mapped
        without it.
    strict : bool, default True
        ``True``: any problem raises :class:`~remotecalc.StaffingError` naming file, row,
        column, value and what was expected. ``False``: rows with problems are excluded into
        ``Workforce.excluded`` with their reasons.
    sheet : str or int, optional
        Excel sheet of the staff table.
    sites_column_map, sites_sheet
        ``column_map`` and ``sheet`` of the sites table.
    postcodes, municipalities : path, DataFrame or LocationTable, optional
        Lookup tables placing ``home_postcode`` / ``home_municipality_code`` (and sites'
        codes) on the map; ranges such as ``1000-1499`` match codes inside them.
    country : str or None, default "DK"
        Coordinates far outside this country are errors (swapped latitude/longitude are
        recognised). ``None`` switches the check off.
    max_listed : int
        How many problems an error message lists before counting the rest.
    backend : {"pandas", "dask"}, default "pandas"
        ``"pandas"``: :func:`remotecalc.inputs.readers.read_staffing`. ``"dask"`` reads partitioned
        Parquet (a file, a directory of ``*.parquet``, a glob or a list) or a Dask DataFrame
        into a :class:`~remotecalc.evaluation.distributed.DaskWorkforce`, validated partition by
        partition (see :func:`remotecalc.evaluation.distributed.read_staffing_dask`); a Dask
        DataFrame
        as ``source`` chooses it by itself.
    partition_rows : int, default 1,000,000
        Dask backend: rows per partition (whole Parquet row groups).
    od : path or DataFrame, optional
        Origin-destination table of routed distances (home postcode or municipality → site,
        km and minutes; :func:`remotecalc.inputs.readers.read_od`), applied by
        :meth:`Workforce.with_od`. Pandas backend only.
    teleworkable : {"occupation", "column", "all"}, default "occupation"
        Where a teleworkable share comes from when the file gives none (a value in the file
        always wins): by default 0 for staff who are not desk-based and the JRC index of the
        occupation code (shipped) for desk-based staff; see
        :func:`remotecalc.inputs.readers.read_staffing`. ``"column"`` and ``"all"``: pandas
        backend only.
    norm_week_hours : float, optional
        Full-time week for a column of weekly hours (default: the country's parameter set,
        37 h in ``dk-2025``). Pandas backend only.

    Returns
    -------
    Workforce
        Or a :class:`~remotecalc.evaluation.distributed.DaskWorkforce` with ``backend="dask"``.

    Notes
    -----
    Canonical staff columns are listed in :data:`remotecalc.inputs.vocab.STAFF_COLUMNS`. Columns
    that are not canonical (department, unit, ...) are kept for grouping. Absent ``fte`` and
    ``onsite_days_per_week`` columns take 1.0 and 5.0, recorded in ``Workforce.notes``.

    Examples
    --------
    >>> import pandas as pd, remotecalc as rc
    >>> staff = pd.DataFrame({"Medarbejdernr": ["1", "2"], "Arbejdssted": ["A", "A"],
    ...                       "Transportmiddel": ["cykel", "bil"], "afstand_km": ["3,5", "22"],
    ...                       "fte": [1, 0.8], "onsite_days_per_week": [5, 4]})
    >>> rc.read_staffing(staff).n_employees
    2
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be 'pandas' or 'dask', not {backend!r}")
    options = {
        "column_map": column_map,
        "strict": strict,
        "sites_column_map": sites_column_map,
        "sites_sheet": sites_sheet,
        "postcodes": postcodes,
        "municipalities": municipalities,
        "country": country,
        "max_listed": max_listed,
    }
    if backend == "dask" or backends.is_dask(source):
        if teleworkable != "occupation" or norm_week_hours is not None:
            raise ValueError(
                "teleworkable= and norm_week_hours= need the pandas backend (each partition "
                "is read with the defaults)"
            )
        if od is not None:
            raise ValueError(
                "od= (routed distances) needs the pandas backend; read with backend='pandas' "
                "or give the staff file a one_way_km column"
            )

        return backends.read_staffing(source, sites, partition_rows=partition_rows, **options)
    return readers.read_staffing(
        source,
        sites,
        sheet=sheet,
        od=od,
        teleworkable=teleworkable,
        norm_week_hours=norm_week_hours,
        **options,
    )
