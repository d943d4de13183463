"""A synthetic state agency in central Copenhagen, for relocation examples and validations.

The demo municipality (:func:`remotecalc.datasets.demo_workforce`) places its staff around
Roskilde; an agency moved out of the capital, the case the Danish and Norwegian audits of
relocated jobs describe, needs a workforce living around a capital. This generator places
the homes of a desk-based agency by the same kind of gravity model over real Danish towns
(``towns_dk.csv``: GeoNames, CC BY 4.0): a home town is drawn with a probability that grows
with the town's population and falls with its road distance from the office (with a thin
tail of long commutes), then scattered a few km around the town centre. Modes follow the
distance (Copenhagen's high cycling share at short distances; train and car further out).

``centre`` moves the whole geometry elsewhere while keeping every home's distance and
bearing from the office (km offsets re-projected): an agency in Oslo with a Copenhagen-like
commuting pattern, for the Norwegian relocations of 2003-2007.

Everything here is **illustrative**: no real agency, head count or person is in it.
"""

from __future__ import annotations

import operator

import numpy as np
import pandas as pd

from remotecalc.inputs.geography import haversine_km, load_towns
from remotecalc.inputs.readers import read_sites, read_staffing
from remotecalc.inputs.workforce import Workforce

__all__ = ["COPENHAGEN_CENTRE", "agency_tables", "agency_workforce"]

#: Slotsholmen, central Copenhagen (the ministries' quarter). [deg]
COPENHAGEN_CENTRE: tuple[float, float] = (55.6761, 12.5800)

_KM_PER_DEG = 6371.0088 * np.pi / 180.0
#: Road over great-circle distance used to calibrate home choice (as the demo).
_CIRCUITY = 1.3
#: Gravity model: population exponent, decay length [km road], tail weight, tail decay [km].
_GRAVITY = (0.85, 14.0, 0.05, 60.0)
_MAX_ROAD_KM = 130.0
#: Mode probabilities by one-way road distance [km] (knots, linear between); car takes the
#: rest (fuel split below).
_KNOTS_KM = np.array([0.0, 2.0, 5.0, 10.0, 20.0, 40.0, 80.0])
_MODE_PROBS: dict[str, list[float]] = {
    "walk": [0.40, 0.12, 0.01, 0.00, 0.00, 0.00, 0.00],
    "bicycle": [0.55, 0.62, 0.50, 0.30, 0.06, 0.00, 0.00],
    "ebike": [0.00, 0.03, 0.06, 0.08, 0.05, 0.00, 0.00],
    "metro": [0.03, 0.08, 0.12, 0.08, 0.02, 0.00, 0.00],
    "bus": [0.02, 0.05, 0.06, 0.05, 0.03, 0.02, 0.01],
    "train": [0.00, 0.02, 0.08, 0.22, 0.40, 0.45, 0.40],
}
_CAR_SPLIT = {"car_petrol": 0.45, "car_diesel": 0.2, "car_ev": 0.25, "car_hybrid": 0.1}


def agency_tables(
    n_employees: int = 300,
    seed: int | None = 0,
    *,
    centre: tuple[float, float] | None = None,
    site_id: str = "HQ",
    site_name: str = "Styrelsen, København",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Staff and sites tables of a synthetic desk-based agency in central Copenhagen.

    Parameters
    ----------
    n_employees : int, default 300
        Head count. [persons]
    seed : int or None, default 0
        Seed for ``numpy.random.default_rng``; the same seed gives the same tables.
    centre : (float, float), optional
        Put the office here instead of central Copenhagen (:data:`COPENHAGEN_CENTRE`);
        every home keeps its distance and bearing from the office. [deg]
    site_id, site_name : str
        The office's id and name.

    Returns
    -------
    staff : pandas.DataFrame
        ``employee_id, site_id, home_lat, home_lon, mode, fte, onsite_days_per_week,
        teleworkable, occupation_isco08``.
    sites : pandas.DataFrame
        One row: the office (``area_m2`` 20 m² per employee, ``desks`` one per employee).

    Examples
    --------
    >>> staff, sites = agency_tables(50, seed=1)
    >>> len(staff), sites["site_id"].tolist()
    (50, ['HQ'])
    """
    n = operator.index(n_employees)
    if n < 1:
        raise ValueError(f"n_employees must be at least 1, got {n_employees!r}")
    rng = np.random.default_rng(seed)
    c_lat, c_lon = COPENHAGEN_CENTRE
    towns = load_towns()
    t_lat, t_lon = towns["lat"].to_numpy(float), towns["lon"].to_numpy(float)
    pop = towns["population"].to_numpy(float)
    road = _CIRCUITY * np.asarray(haversine_km(c_lat, c_lon, t_lat, t_lon), dtype=float)
    alpha, decay, tail_w, tail_decay = _GRAVITY
    w = pop**alpha * (np.exp(-road / decay) + tail_w * np.exp(-road / tail_decay))
    w[road > _MAX_ROAD_KM] = 0.0
    town = rng.choice(len(towns), size=n, p=w / w.sum())
    sigma = np.minimum(0.5 + 0.5 * np.sqrt(pop[town] / 1e4), 4.0)
    east = (t_lon[town] - c_lon) * _KM_PER_DEG * np.cos(np.radians(c_lat))
    east = east + rng.normal(0.0, sigma)
    north = (t_lat[town] - c_lat) * _KM_PER_DEG + rng.normal(0.0, sigma)
    o_lat, o_lon = centre if centre is not None else COPENHAGEN_CENTRE
    home_lat = np.round(o_lat + north / _KM_PER_DEG, 6)
    home_lon = np.round(o_lon + east / (_KM_PER_DEG * np.cos(np.radians(o_lat))), 6)
    km = _CIRCUITY * np.hypot(east, north)
    modes = [*_MODE_PROBS, "car"]
    probs = np.column_stack([np.interp(km, _KNOTS_KM, _MODE_PROBS[m]) for m in modes[:-1]])
    probs = np.column_stack([probs, np.clip(1.0 - probs.sum(axis=1), 0.0, None)])
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    pick = np.minimum((rng.random(n)[:, None] >= cum).sum(axis=1), len(modes) - 1)
    mode = np.array(modes, dtype=object)[pick]
    fuels = np.array(list(_CAR_SPLIT), dtype=object)
    fuel = fuels[rng.choice(len(fuels), size=n, p=list(_CAR_SPLIT.values()))]
    mode = np.where(mode == "car", fuel, mode)
    isco = rng.choice(
        ["2422", "2411", "2423", "3343", "1213"], size=n, p=[0.5, 0.2, 0.12, 0.12, 0.06]
    )
    staff = pd.DataFrame(
        {
            "employee_id": [f"A{i:05d}" for i in range(1, n + 1)],
            "site_id": site_id,
            "home_lat": home_lat,
            "home_lon": home_lon,
            "mode": mode.astype(str),
            "fte": rng.choice([1.0, 0.95, 0.8], size=n, p=[0.9, 0.05, 0.05]),
            "onsite_days_per_week": rng.choice([5.0, 4.0, 3.0], size=n, p=[0.5, 0.35, 0.15]),
            "teleworkable": 0.9,
            "occupation_isco08": isco,
        }
    )
    sites = pd.DataFrame(
        {
            "site_id": [site_id],
            "site_name": [site_name],
            "site_type": ["office"],
            "lat": [o_lat],
            "lon": [o_lon],
            "area_m2": [20.0 * n],
            "desks": [float(n)],
            "space_can_be_released": [True],
        }
    )
    return staff, sites


def agency_workforce(
    n_employees: int = 300,
    seed: int | None = 0,
    *,
    centre: tuple[float, float] | None = None,
    destinations: pd.DataFrame | None = None,
    country: str | None = "DK",
) -> Workforce:
    """The synthetic agency (:func:`agency_tables`) as a validated Workforce.

    Parameters
    ----------
    n_employees, seed, centre
        As in :func:`agency_tables`.
    destinations : pandas.DataFrame, optional
        Extra sites (``site_id, site_name, lat, lon`` and any site columns), e.g. the towns
        the agency could move to; they have no staff today.
    country : str or None, default "DK"
        Country whose bounds the coordinates are checked against
        (:func:`remotecalc.read_staffing`); ``"NO"`` or None for an agency in Oslo.

    Returns
    -------
    Workforce

    Examples
    --------
    >>> import pandas as pd
    >>> dest = pd.DataFrame({"site_id": ["VIB"], "site_name": ["Viborg"],
    ...                      "lat": [56.4532], "lon": [9.402]})
    >>> wf = agency_workforce(40, seed=1, destinations=dest)
    >>> wf.n_employees, sorted(wf.sites["site_id"])
    (40, ['HQ', 'VIB'])
    """
    staff, sites = agency_tables(n_employees, seed, centre=centre)
    if destinations is not None:
        extra = destinations.copy()
        for col, default in (
            ("site_type", "office"),
            ("area_m2", np.nan),  # a new office: desks and area follow its staff
            ("desks", np.nan),
            ("space_can_be_released", True),
        ):
            if col not in extra.columns:
                extra[col] = default
        sites = pd.concat([sites, extra], ignore_index=True)
    return read_staffing(staff, sites=read_sites(sites, country=country), country=country)
