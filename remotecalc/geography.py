"""Geography: place homes and sites on the map and measure commute distances.

Homes and sites are located from coordinates, or from a postcode or municipality lookup table
that the user passes (remotecalc ships none: the Danish tables in ``shared/data/dk`` are an
example). Distances are great-circle distances multiplied by a circuity factor per mode (a
sourced parameter); a given ``one_way_km`` always wins over geography.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ._numeric import Numeric

#: Mean Earth radius [km] (IUGG mean radius R1 = 6371.0088 km; Moritz 2000, Geodetic
#: Reference System 1980, Journal of Geodesy 74, 128-133).
EARTH_RADIUS_KM = 6371.0088

#: Rough bounding boxes [lat_min, lat_max, lon_min, lon_max] (deg, WGS84) of countries, with a
#: margin of about 0.3 deg. Used only to catch coordinates far outside the expected country
#: (typing errors, swapped columns), never for any distance.
COUNTRY_BOUNDS: dict[str, tuple[float, float, float, float]] = {
    "DK": (54.3, 58.0, 7.7, 15.5),  # incl. Bornholm and Christiansø; Faroes/Greenland excluded
    "SE": (55.0, 69.4, 10.7, 24.5),
    "NO": (57.7, 71.5, 4.3, 31.5),
    "DE": (47.0, 55.4, 5.6, 15.4),
    "NL": (50.5, 53.8, 3.1, 7.5),
    "GB": (49.6, 61.0, -8.9, 2.1),
    "UK": (49.6, 61.0, -8.9, 2.1),
    "FR": (41.0, 51.4, -5.5, 9.9),
    "FI": (59.5, 70.4, 19.8, 31.9),
}


def haversine_km(lat1: Numeric, lon1: Numeric, lat2: Numeric, lon2: Numeric) -> Numeric:
    """Great-circle distance between two points on a spherical Earth.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : numeric
        Latitudes and longitudes of the two points. [deg, WGS84]

    Returns
    -------
    numeric
        Great-circle distance. [km]

    Notes
    -----
    :math:`d = 2R \\arcsin\\sqrt{\\sin^2(\\Delta\\phi/2)
    + \\cos\\phi_1\\cos\\phi_2\\sin^2(\\Delta\\lambda/2)}`
    with :math:`R` = ``EARTH_RADIUS_KM``. The spherical model errs by at most about 0.5 %
    against the ellipsoid, far below the circuity uncertainty.

    Examples
    --------
    >>> round(float(haversine_km(55.6761, 12.5683, 56.1629, 10.2039)), 1)  # Copenhagen-Aarhus
    156.9
    """
    phi1 = np.radians(lat1)
    phi2 = np.radians(lat2)
    dphi = phi2 - phi1
    dlmb = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2.0) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2.0) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def road_distance_km(great_circle_km: Numeric, circuity: Numeric) -> Numeric:
    """Road or track distance from a great-circle distance and a circuity factor.

    Parameters
    ----------
    great_circle_km : numeric
        Great-circle distance. [km]
    circuity : numeric
        Ratio of network distance to great-circle distance for the mode. [-]

    Returns
    -------
    numeric
        Network distance. [km]

    Notes
    -----
    :math:`d_{road} = d_{gc} \\times c`. Circuity of road networks is typically 1.2-1.4
    (Ballou, Rahardja & Sakai 2002, Transportation Research Part A 36(9) 843-848).

    Examples
    --------
    >>> road_distance_km(10.0, 1.3)
    13.0
    """
    return great_circle_km * circuity


def outside_bounds(
    lat: Numeric, lon: Numeric, bounds: tuple[float, float, float, float]
) -> np.ndarray:
    """Boolean mask of points outside a bounding box ``(lat_min, lat_max, lon_min, lon_max)``."""
    lat_min, lat_max, lon_min, lon_max = bounds
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    return ~((lat >= lat_min) & (lat <= lat_max) & (lon >= lon_min) & (lon <= lon_max))


def _norm_code(codes: pd.Series) -> pd.Series:
    """Normalise postcodes/municipality codes: strip, upper case, drop inner spaces and '.0'."""
    s = codes.astype("string").str.strip().str.upper().str.replace(r"\s+", "", regex=True)
    return s.str.replace(r"\.0$", "", regex=True)


_CODE_COLUMNS = (
    "postcode",
    "postnr",
    "postnummer",
    "post_code",
    "zip",
    "code",
    "kommunekode",
    "municipality_code",
    "komkode",
    "kode",
)
_LAT_COLUMNS = ("inside_lat", "lat", "latitude", "centroid_lat", "y")
_LON_COLUMNS = ("inside_lon", "lon", "lng", "longitude", "centroid_lon", "x")
_NAME_COLUMNS = ("name", "navn", "postbynavn", "komnavn")


def _pick(columns, candidates, what, source):
    lower = {c.lower(): c for c in columns}
    for cand in candidates:
        if cand in lower:
            return lower[cand]
    raise ValueError(
        f"{source}: no {what} column found; expected one of {', '.join(candidates)} "
        f"(found: {', '.join(map(str, columns))}). Pass the column name explicitly."
    )


@dataclass(frozen=True)
class LocationTable:
    """A lookup table from postcodes or municipality codes to a representative point.

    Numeric codes may be given as ranges (``"1000-1499"``, as in central Copenhagen): a staff
    postcode ``1050`` then matches that range. Non-numeric codes (e.g. UK postcodes) match
    exactly after removing spaces and upper-casing.

    Use :meth:`from_csv` or :meth:`from_frame`; the point used is ``inside_lat/inside_lon``
    when the table has it (a point guaranteed inside the area), else the centroid.
    """

    kind: str
    codes: pd.DataFrame  # columns: lo, hi (float or NaN), key (str), lat, lon, name
    source: str = "<table>"
    columns_used: dict = field(default_factory=dict)

    @classmethod
    def from_frame(
        cls,
        table: pd.DataFrame,
        kind: str = "postcode",
        code_column: str | None = None,
        lat_column: str | None = None,
        lon_column: str | None = None,
        source: str = "<DataFrame>",
    ) -> LocationTable:
        """Build a table from a DataFrame, detecting code/lat/lon columns when not named."""
        code_col = code_column or _pick(table.columns, _CODE_COLUMNS, "code", source)
        lat_col = lat_column or _pick(table.columns, _LAT_COLUMNS, "latitude", source)
        lon_col = lon_column or _pick(table.columns, _LON_COLUMNS, "longitude", source)
        try:
            name_col = _pick(table.columns, _NAME_COLUMNS, "name", source)
        except ValueError:
            name_col = None
        key = _norm_code(table[code_col])
        parts = key.str.extract(r"^(\d+)(?:-(\d+))?$")
        lo = pd.to_numeric(parts[0], errors="coerce")
        hi = pd.to_numeric(parts[1], errors="coerce").fillna(lo)
        frame = pd.DataFrame(
            {
                "key": key.to_numpy(dtype=object),
                "lo": lo.to_numpy(dtype=float),
                "hi": hi.to_numpy(dtype=float),
                "lat": pd.to_numeric(table[lat_col], errors="coerce").to_numpy(dtype=float),
                "lon": pd.to_numeric(table[lon_col], errors="coerce").to_numpy(dtype=float),
                "name": (
                    table[name_col].astype(str).to_numpy(dtype=object)
                    if name_col
                    else np.full(len(table), "", dtype=object)
                ),
                "width": key.str.len().to_numpy(dtype=float),
            }
        )
        frame = frame.sort_values("lo", kind="stable").reset_index(drop=True)
        used = {"code": code_col, "lat": lat_col, "lon": lon_col}
        return cls(kind=kind, codes=frame, source=source, columns_used=used)

    @classmethod
    def from_csv(
        cls, path: str | Path, kind: str = "postcode", **kwargs: str | None
    ) -> LocationTable:
        """Read a lookup table from a CSV file (codes are read as text, keeping leading zeros)."""
        path = Path(path)
        table = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
        return cls.from_frame(table, kind=kind, source=path.name, **kwargs)

    def lookup(self, codes: Sequence[str] | np.ndarray | pd.Series) -> pd.DataFrame:
        """Resolve codes to points, vectorised.

        Parameters
        ----------
        codes : array-like of str
            Postcodes or municipality codes as written in the staff file.

        Returns
        -------
        pandas.DataFrame
            Columns ``lat``, ``lon`` [deg] and ``matched`` (bool), aligned with ``codes``.
            Blank codes are unmatched.
        """
        codes = pd.Series(codes)
        key = _norm_code(codes)
        num = pd.to_numeric(
            key.where(key.str.fullmatch(r"\d+").fillna(False)), errors="coerce"
        ).to_numpy(dtype=float)
        tab = self.codes
        lat = np.full(len(codes), np.nan)
        lon = np.full(len(codes), np.nan)
        # numeric codes and ranges: the last range starting at or below the code, if it covers it
        numeric = tab[tab["lo"].notna()]
        if len(numeric):
            starts = numeric["lo"].to_numpy()
            pos = np.searchsorted(starts, np.nan_to_num(num, nan=-1.0), side="right") - 1
            ok = (pos >= 0) & ~np.isnan(num)
            pos_c = np.clip(pos, 0, len(numeric) - 1)
            covered = ok & (num <= numeric["hi"].to_numpy()[pos_c])
            lat = np.where(covered, numeric["lat"].to_numpy()[pos_c], lat)
            lon = np.where(covered, numeric["lon"].to_numpy()[pos_c], lon)
        # exact text codes (non-numeric codes, e.g. UK postcodes)
        text = tab[tab["lo"].isna()]
        if len(text):
            m = pd.Series(text["lat"].to_numpy(), index=text["key"].to_numpy())
            n = pd.Series(text["lon"].to_numpy(), index=text["key"].to_numpy())
            m = m[~m.index.duplicated()]
            n = n[~n.index.duplicated()]
            unresolved = np.isnan(lat)
            lat = np.where(unresolved, key.map(m).to_numpy(dtype=float, na_value=np.nan), lat)
            lon = np.where(unresolved, key.map(n).to_numpy(dtype=float, na_value=np.nan), lon)
        matched = ~np.isnan(lat)
        return pd.DataFrame({"lat": lat, "lon": lon, "matched": matched}, index=codes.index)


def as_location_table(
    table: LocationTable | pd.DataFrame | str | Path | None, kind: str
) -> LocationTable | None:
    """Accept a LocationTable, a DataFrame or a CSV path (or None)."""
    if table is None or isinstance(table, LocationTable):
        return table
    if isinstance(table, pd.DataFrame):
        return LocationTable.from_frame(table, kind=kind)
    return LocationTable.from_csv(table, kind=kind)


def pad_municipality_codes(codes: pd.Series, width: int = 4) -> pd.Series:
    """Zero-pad purely numeric codes to ``width`` digits ('101' -> '0101'); others unchanged."""
    key = _norm_code(codes)
    isnum = key.str.fullmatch(r"\d+").fillna(False)
    return key.where(~isnum, key.str.zfill(width))
