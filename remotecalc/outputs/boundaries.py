"""Area boundaries (municipalities) and results by the area employees live in.

The reader/geography end of the municipality map: :func:`read_boundaries` reads a boundary
file into one row per area, :func:`home_area_codes` places each employee's home in an area
(by the staff data's ``home_municipality_code`` or by a spatial join of the home point) and
:func:`by_municipality` adds up an assessment's savings by area, with small areas withheld by
:mod:`remotecalc.evaluation.disclosure`. :func:`remotecalc.outputs.plotting.municipality_map` then
only draws
the two tables.

Needs geopandas (``pip install 'remotecalc[geo]'``); it is imported on first use.

Examples
--------
>>> import remotecalc as rc
>>> from remotecalc.outputs.boundaries import by_municipality, read_boundaries
>>> areas = read_boundaries("kommuner.geojson")                       # doctest: +SKIP
>>> wf = rc.datasets.demo_workforce(400, seed=5)                      # doctest: +SKIP
>>> res = rc.assess(wf, rc.Scenario(name="2", remote_days_per_week=2))  # doctest: +SKIP
>>> values = by_municipality(wf, res, areas)                          # doctest: +SKIP
>>> rc.plotting.municipality_map(values, areas)                       # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from remotecalc.evaluation.disclosure import (
    DEFAULT_MIN_GROUP_SIZE,
    STANDARD_GROUPINGS,
    disclosure_secret,
    publish_groups,
    record_keys,
)
from remotecalc.evaluation.disclosure import withheld as protected

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

    from remotecalc.evaluation.assessment import Assessment
    from remotecalc.inputs.workforce import Workforce

__all__ = [
    "CODE_COLUMN_CANDIDATES",
    "NAME_COLUMN_CANDIDATES",
    "by_municipality",
    "home_area_codes",
    "read_boundaries",
    "require_geopandas",
]

#: Column names tried, in order, for the area code of a boundary file.
CODE_COLUMN_CANDIDATES: tuple[str, ...] = (
    "KOMKODE",
    "kommunekode",
    "municipality_code",
    "code",
    "KODE",
    "id",
)

#: Column names tried, in order, for the area name of a boundary file.
NAME_COLUMN_CANDIDATES: tuple[str, ...] = ("KOMNAVN", "navn", "name", "NAME", "municipality")


def require_geopandas() -> ModuleType:
    """The ``geopandas`` module, or an ImportError that says how to install it.

    Returns
    -------
    module
        ``geopandas``.

    Raises
    ------
    ImportError
        When geopandas is not installed (``pip install 'remotecalc[geo]'``).
    """
    try:
        import geopandas
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the municipality map needs geopandas: pip install 'remotecalc[geo]'"
        ) from err
    return geopandas


def read_boundaries(
    boundaries: str | Path | GeoDataFrame,
    code_column: str | None = None,
    name_column: str | None = None,
) -> GeoDataFrame:
    """Read a boundary file (GeoJSON, GeoPackage, shapefile) into one row per area.

    Multi-part areas (islands) are dissolved into one row per code; Z coordinates are
    dropped.

    Parameters
    ----------
    boundaries : str, Path or geopandas.GeoDataFrame
        The file, or its contents already read (a frame in the form this function returns
        is passed through unchanged).
    code_column, name_column : str, optional
        Columns with the area code and name; guessed from common names
        (:data:`CODE_COLUMN_CANDIDATES`, :data:`NAME_COLUMN_CANDIDATES`) when not given.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``code``, ``name``, ``geometry`` (CRS of the file; WGS84 assumed if none).

    Raises
    ------
    KeyError
        When ``code_column`` is not a column of the file.
    """
    gpd = require_geopandas()
    gdf = boundaries if isinstance(boundaries, gpd.GeoDataFrame) else gpd.read_file(boundaries)
    cols = [c for c in gdf.columns if c != gdf.geometry.name]
    passed_read = boundaries is gdf  # a variable: `is` in the condition would narrow gdf
    if (
        passed_read
        and code_column is None
        and name_column is None
        and cols == ["code", "name"]
        and gdf.crs is not None
        and gdf["code"].is_unique
        and not gdf.geometry.has_z.any()
    ):
        return gdf  # already read by this function
    if code_column is None:
        code_column = next(
            (c for c in CODE_COLUMN_CANDIDATES if c in cols), cols[0] if cols else None
        )
    if name_column is None:
        name_column = next((c for c in NAME_COLUMN_CANDIDATES if c in cols), code_column)
    if code_column not in gdf.columns:
        raise KeyError(f"boundary file has no column {code_column!r}; columns: {cols}")
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    out = gpd.GeoDataFrame(
        {"code": gdf[code_column].astype(str), "name": gdf[name_column].astype(str)},
        geometry=gdf.geometry.force_2d(),
        crs=gdf.crs,
    )
    return out.dissolve(by="code", as_index=False, aggfunc="first")


def home_area_codes(staff: pd.DataFrame, areas: GeoDataFrame) -> np.ndarray:
    """The code of the area each employee lives in.

    Taken from ``home_municipality_code`` when the staff data has it, else from a spatial
    join of the home point (``home_lat``/``home_lon``, WGS84) with the areas.

    Parameters
    ----------
    staff : pandas.DataFrame
        ``Workforce.staff`` (rows in the order of ``Assessment.per_employee``).
    areas : geopandas.GeoDataFrame
        From :func:`read_boundaries`.

    Returns
    -------
    numpy.ndarray
        One code (str) per row of ``staff``; missing where a home lies in no area.
    """
    if "home_municipality_code" in staff.columns and staff["home_municipality_code"].notna().any():
        return staff["home_municipality_code"].astype(str).to_numpy()
    gpd = require_geopandas()
    pts = gpd.GeoDataFrame(
        geometry=gpd.points_from_xy(staff["home_lon"], staff["home_lat"]), crs="EPSG:4326"
    ).to_crs(areas.crs)
    joined = gpd.sjoin(pts, areas[["code", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    return joined["code"].reindex(range(len(staff))).to_numpy()


def by_municipality(
    workforce: Workforce,
    assessment: Assessment,
    boundaries: str | Path | GeoDataFrame,
    metric: str = "commute_co2e_kg",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    code_column: str | None = None,
    name_column: str | None = None,
    exact: bool = False,
) -> pd.DataFrame:
    """Totals of a metric's saving by the municipality employees live in, small ones withheld.

    Homes are placed by :func:`home_area_codes`; areas with fewer than ``min_group_size``
    employees (and their complements) are withheld by
    :func:`remotecalc.evaluation.disclosure.withheld`, jointly with the departments, units and
    sites of the same workforce (so a report that shows both derives no withheld area). The
    shown areas are published like every other group output
    (:func:`remotecalc.evaluation.disclosure.publish_groups`): each value and count carries
    the cell-key noise of the people in the area, the same noise the same people's same
    quantity has in every other output, so that no combination of areas, departments,
    sites and totals gives a small group's value back (docs/privacy.md).

    Parameters
    ----------
    workforce : Workforce
    assessment : Assessment
        For the same workforce (rows align with ``workforce.staff``).
    boundaries : str, Path or geopandas.GeoDataFrame
        A boundary file or :func:`read_boundaries`' result.
    metric : str, default "commute_co2e_kg"
        A per-employee metric; the value is the total saving (minus the change), with
        kg CO2e turned into t. Use ``"employees"`` for head counts.
    min_group_size : int, default :data:`remotecalc.evaluation.disclosure.DEFAULT_MIN_GROUP_SIZE`
        Smallest area shown. [persons]
    code_column, name_column : str, optional
        As in :func:`read_boundaries`.
    exact : bool, default False
        Exact values and counts of the shown areas (the analyst's own view; never to be
        written or shown).

    Returns
    -------
    pandas.DataFrame
        ``code, name, employees, value, withheld``, one row per area; withheld rows have no
        value (and no employee count). [persons], [t CO2e/yr or the metric's unit]
    """
    areas = read_boundaries(boundaries, code_column, name_column)
    code = home_area_codes(workforce.staff, areas)
    e = assessment.per_employee
    table = pd.DataFrame(index=pd.Index(areas["code"]))
    counts = pd.Series(code).dropna().value_counts()
    table["employees"] = counts.reindex(table.index).fillna(0).astype(int)
    staff = workforce.staff
    cols = [c for g in STANDARD_GROUPINGS for c in g if c in staff.columns]
    people = staff[sorted(set(cols))].reset_index(drop=True).assign(home_area=code)
    mask = protected(people, ("home_area",), min_group_size)[("home_area",)]
    withheld = pd.Series(table.index.astype(str), index=table.index).map(mask).fillna(False)
    withheld = withheld.astype(bool) & (table["employees"] > 0)
    # the published cells: each shown area's people (withheld areas and homes not placed
    # are in no cell); the change is published, as in every output, then turned into savings
    hidden = set(table.index[withheld.to_numpy()].astype(str))
    labels = pd.Series(code, dtype=object).map(
        lambda c: (
            None
            if c is None or (isinstance(c, float) and np.isnan(c)) or str(c) in hidden
            else str(c)
        )
    )
    change = f"{metric}_change"
    values = (
        pd.DataFrame(index=range(len(e)))
        if metric == "employees"
        else pd.DataFrame({change: e[change].to_numpy(dtype=float)})
    )
    secret = disclosure_secret(e)
    pub = publish_groups(
        values,
        labels.to_numpy(),
        min_group_size,
        keys=record_keys(e, secret),
        secret=secret,
        exact=exact,
    )
    pub.index = pub.index.astype(str)
    shown = table.index.astype(str)
    if metric == "employees":
        value = pub["employees"].reindex(shown).to_numpy(dtype=float)
    else:
        value = -pub[change].reindex(shown).to_numpy(dtype=float)
        if metric.endswith("co2e_kg"):
            value = value / 1000.0
    published_n = pub["employees"].reindex(shown).to_numpy(dtype=float)
    has_people = (table["employees"] > 0).to_numpy()
    table["value"] = np.where(has_people, value, np.nan)
    table["employees"] = np.where(has_people, published_n, 0.0)
    table.loc[withheld.to_numpy(), "value"] = np.nan
    table["employees"] = table["employees"].where(~withheld.to_numpy())
    table["withheld"] = withheld.to_numpy()
    out = table.reset_index().rename(columns={"index": "code"})
    out.insert(1, "name", areas.set_index("code").loc[out["code"], "name"].to_numpy())
    return out
