"""Danish commuting-deduction rules as data: rates by year, outer areas, bridge allowances.

The numbers live in ``remotecalc/data/rules/dk_deduction.toml``, each with unit, year, source
and status. This module reads them and decides, per employee and without a Python loop,

* whether the employee lives in an outer municipality or on one of the small islands of
  ligningsloven § 9 C, stk. 3 (from ``home_municipality_code``, a small island's own
  ``home_postcode``, or a true ``deduction_outer_area`` column), and
* how much bridge allowance (Storebælt, Øresund) an on-site day earns, from which side of the
  Great Belt (or of the Øresund) home and site lie and the employee's vehicle.

The deduction itself is one formula in :mod:`remotecalc.formulas.costs`; the engine feeds it the
employee's km in each band (:func:`remotecalc.formulas.costs.deduction_km_per_year`) and the bridge
allowance per on-site day computed here.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from remotecalc._numeric import BoolArray, FloatArray, IntArray
from remotecalc.i18n.notes import Note

__all__ = [
    "BRIDGE_KEYS",
    "OUTER_RATE_KEY",
    "SIDE_BORNHOLM",
    "SIDE_EAST",
    "SIDE_SWEDEN",
    "SIDE_UNKNOWN",
    "SIDE_WEST",
    "bridge_deduction_per_onsite_day",
    "deduction_notes",
    "deduction_overrides",
    "outer_area_mask",
    "rule_table",
    "rules",
    "side_of_storebaelt",
]

#: Parameter key of the outer-area rate (every round-trip km above the threshold).
OUTER_RATE_KEY = "deduction.outer_area_rate_per_km"
#: Parameter keys of the bridge allowances, by (bridge, vehicle).
BRIDGE_KEYS: dict[tuple[str, str], str] = {
    ("storebaelt", "car"): "deduction.bridge.storebaelt_car_per_passage",
    ("storebaelt", "public"): "deduction.bridge.storebaelt_public_per_passage",
    ("oresund", "car"): "deduction.bridge.oresund_car_per_passage",
    ("oresund", "public"): "deduction.bridge.oresund_public_per_passage",
}

SIDE_UNKNOWN, SIDE_EAST, SIDE_WEST, SIDE_SWEDEN, SIDE_BORNHOLM = -1, 0, 1, 2, 3
_TRUE = ("true", "1", "yes", "y", "ja", "j", "x")


@functools.cache
def rules() -> dict[str, Any]:
    """The parsed rules file (``remotecalc/data/rules/dk_deduction.toml``), read once."""
    path = resources.files("remotecalc.data").joinpath("rules", "dk_deduction.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def rule_table() -> pd.DataFrame:
    """Every number of the rules with its unit, year, source, status and note.

    Examples
    --------
    >>> t = rule_table()
    >>> float(t.loc[t.key == "rates.2025.rate_above_upper_per_km", "value"].iloc[0])
    1.12
    """
    r = rules()
    rows = []
    for group in ("rates", "bridges"):
        for year, entries in r[group].items():
            for name, e in entries.items():
                rows.append({"key": f"{group}.{year}.{name}", **e})
    rows.append({"key": "outer_area.supplement_share", **r["outer_area"]["supplement_share"]})
    return pd.DataFrame(rows, columns=["key", "value", "unit", "year", "source", "status", "note"])


def deduction_overrides(year: int) -> dict[str, dict[str, Any]]:
    """Overrides that put a parameter set on the deduction rules of ``year``.

    Returns
    -------
    dict
        Key -> ``{"value", "year", "note"}`` for
        :meth:`remotecalc.inputs.parameters.Parameters.with_overrides`.

    Raises
    ------
    KeyError
        If the rules file has no rates for ``year``.

    Examples
    --------
    >>> deduction_overrides(2026)["deduction.rate_per_km"]["value"]
    2.28
    """
    r = rules()
    key = str(year)
    if key not in r["rates"]:
        raise KeyError(f"no Danish deduction rates for {year}; known: {', '.join(r['rates'])}")
    out = {}
    for name, e in r["rates"][key].items():
        out[f"deduction.{name}"] = e
    for (bridge, vehicle), pkey in BRIDGE_KEYS.items():
        out[pkey] = r["bridges"][key][f"{bridge}_{vehicle}_per_passage"]
    return {
        k: {
            "value": float(e["value"]),
            "year": int(e["year"]),
            "note": f"{e['status']}: {e['source']}. {e['note']}",
        }
        for k, e in out.items()
    }


class _Codes:
    """A column of codes as its distinct values (few) and each row's position among them.

    Membership and missingness are decided once per distinct value and spread to the rows
    by position: the same answers as ``Series.isin`` / ``Series.notna`` on the column.
    """

    def __init__(self, position: IntArray, distinct: tuple[str | None, ...]) -> None:
        self.position = position  # -1: missing
        self.distinct = distinct  # None: missing

    @classmethod
    def of(cls, codes: pd.Series, pad: bool) -> _Codes:
        """The codes as text (``astype("string")``), zero-padded as
        :func:`remotecalc.inputs.geography.pad_municipality_codes` does when ``pad``."""
        position, uniques = pd.factorize(codes.astype("string"))
        distinct = tuple(str(u) for u in uniques)
        return cls(position, _padded(distinct) if pad else distinct)

    def _per_row(self, of_distinct: list[bool]) -> BoolArray:
        # the last entry is what a missing row (position -1) gets
        values: BoolArray = np.array([*of_distinct, False], dtype=bool)[self.position]
        return values

    def isin(self, values: Sequence[str]) -> BoolArray:
        """True where the row's code is one of ``values`` (False where missing)."""
        wanted = set(values)
        return self._per_row([d is not None and d in wanted for d in self.distinct])

    def notna(self) -> BoolArray:
        """True where the row has a code."""
        return self._per_row([d is not None for d in self.distinct])


@functools.lru_cache(maxsize=256)
def _padded(distinct: tuple[str, ...]) -> tuple[str | None, ...]:
    """:func:`remotecalc.inputs.geography.pad_municipality_codes` of distinct codes (the
    same few codes recur call after call: sites, municipalities)."""
    from remotecalc.inputs.geography import pad_municipality_codes

    padded = pad_municipality_codes(pd.Series(distinct, dtype="string"))
    return tuple(None if v is pd.NA else str(v) for v in padded)


def _codes(staff: pd.DataFrame, column: str) -> _Codes | None:
    if column not in staff.columns:
        return None
    return _Codes.of(staff[column], pad=True)


def outer_area_mask(staff: pd.DataFrame) -> tuple[BoolArray, int]:
    """Which employees live in an outer municipality or on a listed small island.

    Parameters
    ----------
    staff : pandas.DataFrame
        Staff with any of ``home_municipality_code``, ``home_postcode`` and
        ``deduction_outer_area`` (true/false, ``ja``, ``1``, ...; for residents of small
        islands without a postcode of their own).

    Returns
    -------
    (numpy.ndarray, int)
        True for residents of the outer areas; the number of employees the rule could not
        place (no municipality code, no island postcode, no ``deduction_outer_area``): they
        get the ordinary rates.

    Examples
    --------
    >>> staff = pd.DataFrame({"home_municipality_code": ["400", "0101", None]})
    >>> outer_area_mask(staff)
    (array([ True, False, False]), 1)
    """
    n = len(staff)
    area = rules()["outer_area"]
    outer = np.zeros(n, dtype=bool)
    known = np.zeros(n, dtype=bool)
    codes = _codes(staff, "home_municipality_code")
    if codes is not None:
        outer |= codes.isin(area["municipalities"]["codes"])
        known |= codes.notna()
    if "home_postcode" in staff.columns:
        pc = staff["home_postcode"].astype("string").str.strip()
        outer |= pc.isin(list(area["small_islands"]["postcodes"])).fillna(False).to_numpy(bool)
    if "deduction_outer_area" in staff.columns:
        flag = staff["deduction_outer_area"].astype("string").str.strip().str.lower()
        outer |= flag.isin(_TRUE).fillna(False).to_numpy(bool)
        known |= flag.notna().to_numpy()
    return outer, int((~(known | outer)).sum())


def side_of_storebaelt(
    municipality_code: pd.Series | None, lat: FloatArray, lon: FloatArray
) -> IntArray:
    """Which side of the Great Belt (or of the Øresund) a point lies on.

    Parameters
    ----------
    municipality_code : pandas.Series or None
        Danish municipality codes (missing: placed by coordinates).
    lat, lon : array
        Coordinates. [deg]

    Returns
    -------
    numpy.ndarray of int
        :data:`SIDE_EAST` (Zealand and the islands bridged to it), :data:`SIDE_WEST` (Funen,
        Jutland), :data:`SIDE_SWEDEN`, :data:`SIDE_BORNHOLM` (no bridge) or
        :data:`SIDE_UNKNOWN` (no code and no coordinates: no bridge counted).

    Notes
    -----
    A municipality code wins: east are the codes of
    ``geography.east_of_storebaelt.codes`` in the rules file (regions Hovedstaden and
    Sjælland, without Bornholm and Christiansø), Bornholm is 0400/0411, every other code
    is west. Without one, coordinates decide with the longitudes and latitudes given there
    (a simplification near the coasts; give municipality codes where it matters).

    Examples
    --------
    >>> side_of_storebaelt(None, np.array([55.68, 55.40, 55.60]), np.array([12.57, 10.38, 13.00]))
    array([0, 1, 2])
    """
    codes = None if municipality_code is None else _Codes.of(municipality_code, pad=False)
    return _side(codes, lat, lon)


def _side(codes: _Codes | None, lat: FloatArray, lon: FloatArray) -> IntArray:
    """:func:`side_of_storebaelt` of codes already read (:class:`_Codes`)."""
    g = rules()["geography"]["east_of_storebaelt"]
    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    side = np.where((lon >= g["min_lon"]) & (lat <= g["max_lat"]), SIDE_EAST, SIDE_WEST)
    sweden = (
        (lon >= g["sweden_min_lon"]) & (lat >= g["sweden_min_lat"]) & (lat <= g["sweden_max_lat"])
    )
    side = np.where(sweden, SIDE_SWEDEN, side)
    side = np.where(lon >= g["bornholm_min_lon"], SIDE_BORNHOLM, side)
    side = np.where(np.isnan(lat) | np.isnan(lon), SIDE_UNKNOWN, side)
    if codes is not None:
        has = codes.notna()
        east = codes.isin(g["codes"])
        bornholm = codes.isin(["0400", "0411"])
        by_code = np.where(east, SIDE_EAST, np.where(bornholm, SIDE_BORNHOLM, SIDE_WEST))
        side = np.where(has, by_code, side)
    result: IntArray = side.astype(int)
    return result


def bridge_deduction_per_onsite_day(
    staff: pd.DataFrame,
    sites: pd.DataFrame,
    site_code: IntArray,
    mode_names: Sequence[str] | NDArray[np.object_] | NDArray[np.str_] | pd.Series,
    amounts: dict[tuple[str, str], float],
) -> FloatArray:
    """Bridge allowance each employee earns per on-site day (two passages a day).

    Parameters
    ----------
    staff : pandas.DataFrame
        Staff with ``home_lat``/``home_lon`` and optionally ``home_municipality_code``.
    sites : pandas.DataFrame
        Sites with ``lat``/``lon`` and optionally ``municipality_code``.
    site_code : array
        Position of each employee's site in ``sites`` (-1: not there, no allowance).
    mode_names : sequence of str
        Each employee's mode.
    amounts : dict
        Allowance per passage by ``(bridge, vehicle)`` (:data:`BRIDGE_KEYS`). [currency]

    Returns
    -------
    numpy.ndarray
        Allowance per on-site day: 2 × (Storebælt amount if home and site lie on different
        sides of the Great Belt + Øresund amount if home is in Sweden), by the vehicle of the
        mode (car and motorcycle, or public transport; 0 for cycling and walking).
        [currency/day]
    """
    n = len(staff)
    if n == 0:
        return np.zeros(0)
    veh = rules()["vehicle_of_mode"]
    mode = (
        mode_names.reset_index(drop=True)
        if isinstance(mode_names, pd.Series)
        else pd.Series(np.asarray(mode_names, dtype=object))
    )
    # the vehicle of each employee's mode: 0 none (cycling, walking), 1 car, 2 public
    if isinstance(mode.dtype, pd.CategoricalDtype):  # looked up by its few categories
        cars, publics = set(veh["car"]), set(veh["public"])
        of_cat = [
            1 if c in cars else 2 if c in publics else 0 for c in mode.cat.categories.astype(str)
        ]
        vehicle = np.array([*of_cat, 0], dtype=np.int8)[mode.cat.codes.to_numpy()]  # -1: none
    else:
        car, public = mode.isin(veh["car"]).to_numpy(), mode.isin(veh["public"]).to_numpy()
        vehicle = np.where(car, 1, np.where(public, 2, 0)).astype(np.int8)
    home = _side(
        _codes(staff, "home_municipality_code"),
        staff["home_lat"].to_numpy(dtype=float, na_value=np.nan)
        if "home_lat" in staff.columns
        else np.full(n, np.nan),
        staff["home_lon"].to_numpy(dtype=float, na_value=np.nan)
        if "home_lon" in staff.columns
        else np.full(n, np.nan),
    )
    site_side_all = _side(
        _codes(sites, "municipality_code"),
        sites["lat"].to_numpy(dtype=float, na_value=np.nan),
        sites["lon"].to_numpy(dtype=float, na_value=np.nan),
    )
    ok = site_code >= 0
    site = np.where(ok, site_side_all[np.where(ok, site_code, 0)], -1)
    # a home in Sweden commutes over the Øresund bridge onto the east side
    home_dk = np.where(home == SIDE_SWEDEN, SIDE_EAST, home)
    home_danish = (home_dk == SIDE_EAST) | (home_dk == SIDE_WEST)
    site_danish = (site == SIDE_EAST) | (site == SIDE_WEST)
    storebaelt = ok & home_danish & site_danish & (home_dk != site)
    oresund = ok & (home == SIDE_SWEDEN) & site_danish

    def per_passage(bridge: str) -> FloatArray:
        by_vehicle = np.array([0.0, amounts[(bridge, "car")], amounts[(bridge, "public")]])
        per_employee: FloatArray = by_vehicle[vehicle]
        return per_employee

    allowance: FloatArray = 2.0 * (
        storebaelt * per_passage("storebaelt") + oresund * per_passage("oresund")
    )
    return allowance


def deduction_notes(n_unknown: int, n_outer: int, n_bridge: int, active: bool) -> list[str]:
    """Notes on how the Danish deduction rules were applied (empty when they were not)."""
    if not active:
        return []
    notes: list[str] = []
    if n_unknown:
        notes.append(Note("deduction_unknown_home", n=int(n_unknown)))
    if n_outer:
        notes.append(Note("deduction_outer", n=int(n_outer)))
    if n_bridge:
        notes.append(Note("deduction_bridge", n=int(n_bridge)))
    return notes
