"""The one vocabulary of remotecalc: canonical column names, units and travel modes.

Every reader translates an employer's columns onto these names; every model function uses
them. Units are part of the name where a quantity can come in competing units.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Canonical staff columns: name -> (dtype kind, unit, description)
STAFF_COLUMNS: dict[str, tuple[str, str, str]] = {
    "employee_id": ("str", "", "Employer's identifier of the employee (unique)."),
    "site_id": (
        "str",
        "",
        "Identifier of the employee's workplace; must exist in the sites table.",
    ),
    "home_lat": ("float", "deg", "Latitude of home, WGS84."),
    "home_lon": ("float", "deg", "Longitude of home, WGS84."),
    "home_postcode": ("str", "", "Postcode of home (resolved with a postcode table)."),
    "home_municipality_code": (
        "str",
        "",
        "Municipality code of home (e.g. Danish 4-digit '0101').",
    ),
    "one_way_km": ("float", "km", "Given one-way commute distance; always wins over geography."),
    "commute_minutes_one_way": (
        "float",
        "min",
        "Given one-way travel time (else from mode speed).",
    ),
    "mode": ("str", "", "Main commute mode, canonical vocabulary (see MODES)."),
    "fte": (
        "float",
        "FTE",
        "Full-time equivalent, in (0, 1]; a column of percentages or weekly hours is recognised "
        "by its values and converted (see weekly_hours, fte_percent).",
    ),
    "fte_percent": ("float", "%", "Working time as a percentage of full time (100 = full time)."),
    "weekly_hours": (
        "float",
        "h/week",
        "Contracted hours a week; FTE = hours / the norm week (staff.norm_week_hours).",
    ),
    "onsite_days_per_week": ("float", "days/week", "On-site days per full-time week today, 0-5."),
    "occupation_isco08": ("str", "", "ISCO-08 (or DISCO-08) occupation code."),
    "teleworkable": ("float", "share", "Share of the job that can be done from home, 0-1."),
    "desk_based": (
        "bool",
        "",
        "Works at a desk on site (true) or frontline (false); default from the occupation "
        "code and the site's type (remotecalc.formulas.office.resolve_desk_based).",
    ),
}

#: Canonical sites columns: name -> (dtype kind, unit, description)
SITE_COLUMNS: dict[str, tuple[str, str, str]] = {
    "site_id": ("str", "", "Identifier of the site (unique)."),
    "site_name": ("str", "", "Readable name of the site."),
    "site_type": ("str", "", "Kind of site (SITE_TYPES: office, school, care_home, ...)."),
    "lat": ("float", "deg", "Latitude of the site, WGS84."),
    "lon": ("float", "deg", "Longitude of the site, WGS84."),
    "postcode": ("str", "", "Postcode of the site."),
    "municipality_code": ("str", "", "Municipality code of the site."),
    "area_m2": (
        "float",
        "m2",
        "Office floor area in use (not the whole building; at a site whose type has no offices "
        "of its own it is ignored, see office_area_m2).",
    ),
    "office_area_m2": (
        "float",
        "m2",
        "Office area of a site whose type has no offices of its own (school, care home, "
        "daycare, depot, hospital); else its desks x area per desk.",
    ),
    "building_area_m2": ("float", "m2", "Whole building (kept for information, never charged)."),
    "address": ("str", "", "Street address; its 4-digit postcode places the site."),
    "desks": ("float", "desks", "Desks (workstations) provided today."),
    "rent_per_m2_per_year": ("float", "currency/m2/yr", "Rent; else the parameter set's."),
    "operating_cost_per_m2_per_year": ("float", "currency/m2/yr", "Operating cost on top of rent."),
    "electricity_kwh_per_m2_per_year": ("float", "kWh/m2/yr", "Metered electricity intensity."),
    "heat_kwh_per_m2_per_year": ("float", "kWh/m2/yr", "Metered heat intensity."),
    "space_can_be_released": ("bool", "", "Whether the lease lets space be given up."),
}

#: Canonical commute modes with a plain description.
MODES: dict[str, str] = {
    "car": "car, fuel not stated (average fossil car)",
    "car_petrol": "car, petrol",
    "car_diesel": "car, diesel",
    "car_hybrid": "car, hybrid (not plug-in)",
    "car_phev": "car, plug-in hybrid",
    "car_ev": "car, battery electric",
    "carpool": "car-pooling: a car shared by colleagues or neighbours (its own occupancy)",
    "motorbike": "motorbike",
    "moped": "moped (knallert, up to 45 km/h)",
    "bus": "bus",
    "train": "train (regional, intercity, S-train)",
    "metro": "metro",
    "tram": "tram or light rail",
    "ferry": "ferry, as a foot passenger",
    "bicycle": "bicycle",
    "ebike": "e-bike",
    "walk": "walking",
}

#: Modes driven as a private vehicle (emission factors per vehicle-km, divided by occupancy).
CAR_MODES = ("car", "car_petrol", "car_diesel", "car_hybrid", "car_phev", "car_ev", "carpool")

_MODE_SYNONYMS_RAW: dict[str, list[str]] = {
    "car": [
        "car",
        "bil",
        "auto",
        "automobile",
        "personbil",
        "privatbil",
        "egen bil",
        "car average",
        "kørsel i egen bil",
        "bil (ukendt)",
        "bil fossil",
    ],
    "carpool": [
        "samkørsel",
        "samkoersel",
        "samkørsel passager",
        "samkørsel chauffør",
        "samkørende",
        "carpool",
        "car pool",
        "car-pool",
        "car pooling",
        "car-pooling",
        "carpooling",
        "car share",
        "car sharing (commute)",
        "lift",
    ],
    "car_petrol": [
        "petrol",
        "petrol car",
        "gasoline",
        "benzin",
        "benzinbil",
        "bil benzin",
        "car petrol",
        "benzinbil",
    ],
    "car_diesel": ["diesel", "diesel car", "dieselbil", "bil diesel", "car diesel"],
    "car_hybrid": ["hybrid", "hybrid car", "hybridbil", "car hybrid", "hev", "bil hybrid"],
    "car_phev": [
        "phev",
        "plug-in hybrid",
        "plugin hybrid",
        "plug in hybrid",
        "plugin-hybrid",
        "pluginhybrid",
        "car phev",
        "plugin hybridbil",
        "plug in hybridbil",
        "bil plugin hybrid",
        "bil plug in hybrid",
    ],
    "car_ev": [
        "ev",
        "electric car",
        "elbil",
        "bev",
        "battery electric",
        "el-bil",
        "car electric",
        "car ev",
        "elektrisk bil",
        "bil el",
        "bil elbil",
    ],
    "motorbike": [
        "motorbike",
        "motorcycle",
        "motorcykel",
        "mc",
    ],
    "moped": [
        "moped",
        "knallert",
        "knallert 30",
        "knallert 45",
        "lille knallert",
        "stor knallert",
        "scooter",
        "scooter/knallert",
        "el-scooter",
        "elscooter",
        "el-knallert",
        "elknallert",
    ],
    "bus": ["bus", "coach", "rutebil", "regionalbus", "bybus", "busser"],
    "train": [
        "train",
        "rail",
        "tog",
        "s-tog",
        "stog",
        "s tog",
        "regionaltog",
        "intercity",
        "ic",
        "re",
        "lokaltog",
        "national rail",
        "jernbane",
    ],
    "metro": ["metro", "underground", "subway", "tube", "metroen"],
    "tram": ["tram", "light rail", "letbane", "sporvogn", "letbanen"],
    "ferry": ["ferry", "færge", "faerge", "færgen", "faergen", "ferry foot passenger", "båd"],
    "bicycle": [
        "bicycle",
        "bike",
        "cycle",
        "cykel",
        "cykling",
        "cycling",
        "ladcykel",
        "cargo bike",
        "push bike",
    ],
    "ebike": [
        "ebike",
        "e-bike",
        "elcykel",
        "el-cykel",
        "electric bike",
        "electric bicycle",
        "speed pedelec",
        "pedelec",
    ],
    "walk": ["walk", "walking", "foot", "on foot", "gang", "gå", "til fods", "gående", "går"],
}


def _key(text: str) -> str:
    """Normalise a label for matching: lower case, accents kept for æøå, spaces and _ unified."""
    t = unicodedata.normalize("NFC", str(text)).strip().lower()
    t = re.sub(r"[\s_]+", " ", t)
    return t


def _column_key(text: str) -> str:
    """Normalise a column name: as :func:`_key`, and ``.,-/()[]:`` and ``²`` unified too."""
    t = _key(text).replace("²", "2").replace("³", "3")
    t = re.sub(r"[.,\-/()\[\]:;#%]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


#: Synonym (normalised by :func:`normalise_label`, and also by :func:`normalise_column`, so
#: that ``Bil (diesel)`` and ``S-tog`` match as ``bil diesel`` and ``s tog``) -> canonical mode.
MODE_SYNONYMS: dict[str, str] = {}
for _canon, _syns in _MODE_SYNONYMS_RAW.items():
    for _s in [_canon, *_syns]:
        MODE_SYNONYMS[_key(_s)] = _canon
for _canon, _syns in _MODE_SYNONYMS_RAW.items():
    for _s in [_canon, *_syns]:
        MODE_SYNONYMS.setdefault(_column_key(_s), _canon)


def canonical_mode(label: str) -> str | None:
    """The canonical mode of a mode word as employees write it (None: not recognised).

    Case, spaces, underscores, hyphens and brackets do not matter.

    Examples
    --------
    >>> [canonical_mode(w) for w in ["Bil (diesel)", "Samkørsel", "Knallert", "S-tog", "Færge"]]
    ['car_diesel', 'carpool', 'moped', 'train', 'ferry']
    """
    return MODE_SYNONYMS.get(_key(label)) or MODE_SYNONYMS.get(_column_key(label))


#: Known column aliases (normalised) -> canonical column, incl. Danish HR-export names.
_COLUMN_ALIASES_RAW: dict[str, list[str]] = {
    "employee_id": [
        "employee_id",
        "employee",
        "employee id",
        "emp_id",
        "id",
        "person_id",
        "staff_id",
        "medarbejder_id",
        "medarbejderid",
        "medarbejdernr",
        "medarbejder nr",
        "medarbejdernummer",
        "løbenr",
        "lønnr",
        "loennr",
        "tjenestenummer",
    ],
    "site_id": [
        "site_id",
        "site",
        "workplace",
        "workplace_id",
        "office",
        "location_id",
        "arbejdssted",
        "arbejdssted_id",
        "arbejdsstedsid",
        "lokation",
        "lokalitet",
        "lokalitet_id",
        "lokalitetsid",
        "adresse_id",
        "tjenestested",
        "matrikel",
    ],
    "home_lat": ["home_lat", "home_latitude", "lat_home", "bopæl_lat", "bopael_lat"],
    "home_lon": ["home_lon", "home_lng", "home_longitude", "lon_home", "bopæl_lon", "bopael_lon"],
    "home_postcode": [
        "home_postcode",
        "postcode",
        "postal_code",
        "zip",
        "zipcode",
        "post code",
        "postnr",
        "postnummer",
        "bopæl_postnr",
        "bopael_postnr",
        "hjemme_postnr",
    ],
    "home_municipality_code": [
        "home_municipality_code",
        "municipality_code",
        "kommunekode",
        "bopælskommune",
        "bopaelskommune",
        "kommunenr",
        "bopæl_kommunekode",
    ],
    "one_way_km": [
        "one_way_km",
        "distance_km",
        "commute_km",
        "km_one_way",
        "afstand_km",
        "afstand",
        "km_en_vej",
        "km en vej",
        "transportafstand",
        "afstand km",
        "afstand til arbejde km",
        "km til arbejde en vej",
        "kilometer en vej",
    ],
    "commute_minutes_one_way": [
        "commute_minutes_one_way",
        "commute_minutes",
        "travel_time_min",
        "rejsetid_min",
        "rejsetid",
        "rejsetid min",
        "rejsetid minutter",
        "rejsetid en vej min",
    ],
    "mode": [
        "mode",
        "commute_mode",
        "transport_mode",
        "travel_mode",
        "transportmiddel",
        "transportform",
        "transport",
    ],
    "fte": [
        "fte",
        "fte_share",
        "wte",
        "årsværk",
        "aarsvaerk",
        "beskæftigelsesgrad",
        "ansættelsesbrøk",
        "tjenestebrøk",
        "beskaeftigelsesgrad",
        "stillingsbrøk",
        "stillingsbroek",
        "norm",
        "full time equivalent",
        "full-time equivalent",
        "fte fraction",
    ],
    "fte_percent": [
        "fte_percent",
        "fte pct",
        "fte percent",
        "arbejdstid",
        "arbejdstid pct",
        "arbejdstid procent",
        "beskæftigelsesgrad pct",
        "beskæftigelsesgrad procent",
        "beskaeftigelsesgrad pct",
        "percent of full time",
        "part-time percentage",
        "working time percent",
    ],
    "weekly_hours": [
        "weekly_hours",
        "ugentlig arbejdstid",
        "ugentlig arbejdstid timer",
        "ugentlige timer",
        "timer pr uge",
        "timer pr. uge",
        "timer om ugen",
        "timer per uge",
        "arbejdstimer pr uge",
        "arbejdstid timer",
        "normtid",
        "normtimer",
        "normtid timer",
        "weekly hours",
        "hours per week",
        "hours a week",
        "contracted hours",
        "contracted weekly hours",
        "working hours per week",
        "contract hours",
    ],
    "onsite_days_per_week": [
        "onsite_days_per_week",
        "office_days_per_week",
        "office_days",
        "onsite_days",
        "days_on_site",
        "fremmødedage",
        "fremmødedage pr uge",
        "fremmødedage om ugen",
        "fremmoededage pr uge",
        "dage på arbejdsstedet pr uge",
        "mødedage pr uge",
        "kontordage pr uge",
        "kontordage",
        "fremmoededage",
        "dage_på_arbejdsstedet",
        "dage_paa_arbejdsstedet",
        "mødedage",
    ],
    "occupation_isco08": [
        "occupation_isco08",
        "isco08",
        "isco",
        "isco_code",
        "disco",
        "disco08",
        "disco_08",
        "stillingskode",
        "disco-08",
        "disco kode",
        "disco 08 kode",
        "isco 08",
        "styrk/disco-kode",
        "styrk disco kode",
        "styrk kode",
        "styrk",
        "styrk-kode",
        "discokode",
        "disco08 kode",
        "disco-08 kode",
        "isco kode",
        "isco-08 kode",
        "stillingskode disco",
        "occupation code",
        "occupation_code",
        "isco08 code",
        "job code",
    ],
    "teleworkable": [
        "teleworkable",
        "teleworkability",
        "telework_share",
        "hjemmearbejde_muligt",
        "kan_hjemmearbejde",
        "hjemmearbejdsandel",
        "andel hjemmearbejde muligt",
    ],
    "department": ["department", "dept", "afdeling", "forvaltning", "direktørområde"],
    "unit": ["unit", "team", "enhed", "center", "sektion"],
    "desk_based": [
        "desk_based",
        "desk based",
        "desk-based",
        "desk worker",
        "office based",
        "has desk",
        "skrivebordsbaseret",
        "skrivebordsarbejde",
        "kontorbaseret",
        "kontorarbejde",
        "har skrivebord",
        "har arbejdsplads",
        "fast arbejdsplads",
        "kontorarbejdsplads",
    ],
}


COLUMN_ALIASES: dict[str, str] = {}
for _canon, _als in _COLUMN_ALIASES_RAW.items():
    for _a in [_canon, *_als]:
        COLUMN_ALIASES[_column_key(_a)] = _canon

_SITE_ALIASES_RAW: dict[str, list[str]] = {
    "site_id": [
        "site_id",
        "site",
        "id",
        "arbejdssted",
        "arbejdssted_id",
        "arbejdsstedsid",
        "lokation",
        "lokalitet",
        "lokalitet_id",
        "lokalitetsid",
        "tjenestested",
        "site id",
    ],
    "site_name": [
        "site_name",
        "name",
        "navn",
        "stednavn",
        "arbejdsstedsnavn",
        "lokationsnavn",
        "lokalitetsnavn",
    ],
    "site_type": [
        "site_type",
        "type",
        "kind",
        "bygningstype",
        "stedtype",
        "arbejdsstedstype",
        "institutionstype",
        "type af arbejdssted",
    ],
    "lat": ["lat", "latitude", "breddegrad", "site_lat", "bredde"],
    "lon": ["lon", "lng", "longitude", "længdegrad", "laengdegrad", "site_lon", "længde"],
    "postcode": ["postcode", "postal_code", "zip", "postnr", "postnummer"],
    "municipality_code": ["municipality_code", "kommunekode", "kommunenr"],
    "area_m2": [
        "area_m2",
        "area",
        "floor_area_m2",
        "areal",
        "areal_m2",
        "areal m2",
    ],
    "office_area_m2": [
        "office_area_m2",
        "kontorareal",
        "kontorareal m2",
        "areal til kontor",
        "administrationsareal",
        "office floor area",
    ],
    "building_area_m2": [
        "building_area_m2",
        "building area",
        "building area m2",
        "gross floor area",
        "gross floor area m2",
        "etageareal",
        "etageareal m2",
        "bruttoareal",
        "bruttoareal m2",
        "bygningsareal",
        "bygningsareal m2",
        "samlet areal",
    ],
    "address": [
        "address",
        "adresse",
        "vejadresse",
        "beliggenhed",
        "street address",
        "site address",
        "arbejdsstedets adresse",
    ],
    "desks": [
        "desks",
        "workstations",
        "arbejdspladser",
        "antal arbejdspladser",
        "skriveborde",
        "antal skriveborde",
        "pladser",
        "antal pladser",
    ],
    "rent_per_m2_per_year": [
        "rent_per_m2_per_year",
        "rent_dkk_per_m2",
        "rent_per_m2",
        "husleje_m2",
        "leje_pr_m2",
        "husleje_pr_m2",
        "husleje pr m2 pr år",
        "husleje kr pr m2",
        "leje pr m2 pr år",
    ],
    "operating_cost_per_m2_per_year": [
        "operating_cost_per_m2_per_year",
        "opex_per_m2",
        "driftsudgift_m2",
        "drift_pr_m2",
        "driftsudgift pr m2",
        "driftsudgifter pr m2",
        "driftsudgift pr m2 pr år",
    ],
    "electricity_kwh_per_m2_per_year": [
        "electricity_kwh_per_m2_per_year",
        "el_kwh_m2",
        "el kwh pr m2",
        "elforbrug kwh pr m2",
        "el kwh pr m2 pr år",
    ],
    "heat_kwh_per_m2_per_year": [
        "heat_kwh_per_m2_per_year",
        "varme_kwh_m2",
        "varme kwh pr m2",
        "varmeforbrug kwh pr m2",
        "varme kwh pr m2 pr år",
    ],
    "space_can_be_released": [
        "space_can_be_released",
        "releasable",
        "kan_opsiges",
        "kan afgives",
        "areal kan afgives",
        "kan opsiges",
        "kan frigives",
    ],
}

SITE_ALIASES: dict[str, str] = {}
for _canon, _als in _SITE_ALIASES_RAW.items():
    for _a in [_canon, *_als]:
        SITE_ALIASES[_column_key(_a)] = _canon


def normalise_label(text: str) -> str:
    """Public form of the matching key used for column names and modes."""
    return _key(text)


def normalise_column(text: str) -> str:
    """The matching key of a column name (the keys of :data:`COLUMN_ALIASES`).

    Case, spaces, underscores and punctuation (``.``, ``-``, ``/``, brackets) do not matter.
    Keys of text are remembered (:func:`_column_key_of_text`): the readers ask for the same
    header names on every read.

    Examples
    --------
    >>> normalise_column("Husleje pr. m²")
    'husleje pr m2'
    """
    if isinstance(text, str):
        return _column_key_of_text(text)
    return _column_key(text)


@functools.lru_cache(maxsize=4096)
def _column_key_of_text(text: str) -> str:
    """:func:`_column_key` of a text, remembered (a pure function of its argument)."""
    return _column_key(text)


#: Cell values read as yes / no in a yes-no column (``desk_based``), after
#: :func:`normalise_label`. English and Danish.
YES_WORDS: frozenset[str] = frozenset(
    {"true", "yes", "y", "1", "1.0", "ja", "j", "sand", "x", "desk", "desk-based", "skrivebord"}
)
NO_WORDS: frozenset[str] = frozenset(
    {"false", "no", "n", "0", "0.0", "nej", "falsk", "frontline", "frontpersonale"}
)

#: Canonical site types (what :mod:`remotecalc.formulas.office` knows about desks at each: see
#: ``office.SITE_TYPE_DESKS``) with English and Danish names that are recognised.
_SITE_TYPE_SYNONYMS_RAW: dict[str, list[str]] = {
    "office": ["office", "offices", "administration", "kontor", "kontorer", "forvaltning"],
    "town_hall": ["town hall", "city hall", "rådhus", "raadhus", "rådhuset", "raadhuset"],
    "job_centre": ["job centre", "job center", "jobcentre", "jobcenter", "jobcentret"],
    "citizen_service": ["citizen service", "citizens service", "borgerservice"],
    "school": [
        "school",
        "skole",
        "folkeskole",
        "specialskole",
        "privatskole",
        "ungdomsskole",
        "gymnasium",
    ],
    "daycare": [
        "daycare",
        "day care",
        "nursery",
        "kindergarten",
        "daginstitution",
        "dagtilbud",
        "børnehave",
        "boernehave",
        "vuggestue",
        "integreret institution",
        "dagpleje",
        "fritidshjem",
    ],
    "care_home": [
        "care home",
        "nursing home",
        "residential care",
        "plejecenter",
        "plejehjem",
        "ældrecenter",
        "aeldrecenter",
        "bosted",
        "botilbud",
    ],
    "home_care": ["home care", "hjemmepleje", "hjemmeplejen", "hjemmesygepleje"],
    "hospital": ["hospital", "sygehus", "hospice", "psykiatrisk center"],
    "health_centre": [
        "health centre",
        "health center",
        "clinic",
        "sundhedscenter",
        "sundhedshus",
        "tandpleje",
        "klinik",
    ],
    "depot": [
        "depot",
        "technical depot",
        "works depot",
        "materielgård",
        "materielgaard",
        "driftsgård",
        "driftsgaard",
        "vejdepot",
        "genbrugsplads",
        "genbrugsstation",
    ],
    "library": ["library", "bibliotek", "biblioteket", "hovedbibliotek", "filial"],
    "culture_leisure": [
        "culture",
        "leisure",
        "sports centre",
        "swimming pool",
        "museum",
        "kulturhus",
        "idrætshal",
        "idrætsanlæg",
        "svømmehal",
        "musikskole",
    ],
    "fire_station": ["fire station", "brandstation", "beredskab", "redningsstation"],
    "field": [
        "field",
        "outdoor",
        "mobile",
        "no fixed site",
        "udendørs",
        "udekørende",
        "vej og park",
        "ingen fast arbejdsplads",
    ],
}

#: Canonical site types, in the order above.
SITE_TYPES: tuple[str, ...] = tuple(_SITE_TYPE_SYNONYMS_RAW)

#: Site-type name (normalised by :func:`normalise_label`) -> canonical site type.
SITE_TYPE_SYNONYMS: dict[str, str] = {}
for _canon, _syns in _SITE_TYPE_SYNONYMS_RAW.items():
    for _s in [_canon, _canon.replace("_", " "), *_syns]:
        SITE_TYPE_SYNONYMS[_key(_s)] = _canon
