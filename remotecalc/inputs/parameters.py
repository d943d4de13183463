"""Parameter sets: every number the model uses, with its unit, year, source and status.

A parameter set is a TOML file with a ``[meta]`` table and one table per parameter, named by
its flat dotted key (``[mode.car.occupancy]``). Each parameter table holds ``value``, ``unit``,
``year`` (or a ``note`` saying why there is none), ``source``, ``status`` and optionally an
``uncertainty`` declaration and a ``note``. Two sets ship with the package (``dk-2025``,
``uk-desnz-2025``); a user's own set loads from its path. Every set is validated once, when
it is loaded or overridden, against :data:`REQUIRED`.

Status tags (see ``shared/reference/parameters.md``):

- ``R``: read in the primary source named.
- ``R2``: read on a secondary site quoting the primary.
- ``C``: computed from read values; the note states the method.
- ``M``: recalled or assumed, not read; a visible assumption with a wide uncertainty range.
- ``user``: set by :meth:`Parameters.with_overrides`.

Uncertainty is declared once per parameter and drives both Monte Carlo draws and Sobol
bounds: ``{dist = "uniform", low, high}``, ``{dist = "triangular", low, mode, high}`` or
``{dist = "normal", sd}`` (centred on ``value``).

Linked parameters (one physical quantity under several keys): a table holding
``same_as = "<root key>"`` (and optionally a ``note``, nothing else) declares its key the same
quantity as the root, e.g. the road circuity of a petrol car is the road circuity of any car::

    [mode.car_petrol.circuity]
    same_as = "mode.car.circuity"
    note = "Road circuity does not depend on the fuel."

A linked key reads the root's value, unit, year, source and status; it has no uncertainty of
its own, so :meth:`Parameters.uncertain` lists only the root and a Monte Carlo or Sobol draw
gives the linked key the root's drawn value (``engine.Values``); overriding the root moves
every key linked to it, while overriding a linked key detaches it (it becomes the user's own
value). :meth:`Parameters.describe` shows a linked row's uncertainty as ``"same as <root>"``.
A link to a key the set lacks, a link to a linked key (chains and cycles) and a link that
also gives a value (or unit, source, status, year, uncertainty) are errors naming the file and
the key.

Examples
--------
>>> from remotecalc.inputs.parameters import load_parameters
>>> params = load_parameters("dk-2025")
>>> params["mode.car.occupancy"]
1.05
>>> params.currency, params.emission_scope
('DKK', 'well_to_wheel')
>>> params.with_overrides({"mode.car.occupancy": 1.2})["mode.car.occupancy"]
1.2
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, cast

import pandas as pd

from remotecalc.errors import ParameterError
from remotecalc.formulas import costs, emissions, office
from remotecalc.i18n import check_lang, parameter_label, short_number, t
from remotecalc.inputs.vocab import CAR_MODES, MODES

#: Status tags a parameter may carry.
STATUSES: tuple[str, ...] = ("R", "R2", "C", "M", "user")

#: Emission scopes a set may declare in ``meta.emission_scope``. With ``well_to_wheel`` the
#: well-to-tank factor is added to the tank-to-wheel factor; with ``tank_to_wheel`` it is not.
EMISSION_SCOPES: tuple[str, ...] = ("well_to_wheel", "tank_to_wheel")

#: Modes whose emission factors are per vehicle-km (divided by occupancy per passenger).
VEHICLE_KM_MODES: tuple[str, ...] = (*CAR_MODES, "motorbike")

#: Modes of the extra non-commute travel (rebound) that every set must give a share for.
NONCOMMUTE_MODES: tuple[str, ...] = ("car", "bicycle", "walk", "bus")

#: Fields of the ``[meta]`` table every set must have.
META_REQUIRED: tuple[str, ...] = (
    "name",
    "description",
    "country",
    "currency",
    "year",
    "emission_scope",
    "emission_scope_note",
)

#: Name of the packaged set loaded by default.
DEFAULT_SET = "dk-2025"

_VKM = "kg CO2e/vehicle-km"
_PKM = "kg CO2e/passenger-km"


def _mode_units(mode: str) -> dict[str, str]:
    """Return the required keys and unit templates of one travel mode."""
    factor_unit = _VKM if mode in VEHICLE_KM_MODES else _PKM
    return {
        # direct (tank-to-wheel) and upstream (well-to-tank) emission factors
        f"mode.{mode}.co2e_ttw_kg_per_km": factor_unit,
        f"mode.{mode}.co2e_wtt_kg_per_km": factor_unit,
        # persons per vehicle; 1 where the factor is already per passenger-km
        f"mode.{mode}.occupancy": "persons/vehicle",
        # network distance over great-circle distance
        f"mode.{mode}.circuity": "ratio",
        # door-to-door speed
        f"mode.{mode}.speed_km_per_h": "km/h",
        # employee's marginal running cost or fare
        f"mode.{mode}.cost_per_km": "{cur}/passenger-km",
        # society's marginal external cost (congestion, accidents, noise, air)
        f"mode.{mode}.external_cost_per_vkm": "{cur}/vehicle-km",
    }


#: Every key a parameter set must define, with its unit. ``{cur}`` stands for the set's
#: currency code (``meta.currency``), so "{cur}/km" must be written "DKK/km" in a Danish set.
#: This dict is the single source of truth for names and units; the model reads values by
#: these keys.
REQUIRED: dict[str, str] = {
    # working time
    "workdays_per_year": "days/yr",
    "hours_per_workday": "h/day",
    # travel modes: 7 keys for each mode in vocab.MODES
    **{key: unit for mode in MODES for key, unit in _mode_units(mode).items()},
    # home energy on a home-working day: either the energy route (extra kWh x carbon factor) or
    # a per-FTE-hour factor (UK DESNZ homeworking); never both non-zero within one set
    "home.extra_electricity_kwh_per_day": "kWh/day",
    "home.extra_heat_kwh_per_day": "kWh/day",  # on a heating-season day
    "home.heating_season_share": "share",  # share of home days in the heating season
    "home.co2e_kg_per_fte_hour": "kg CO2e/FTE-hour",
    "energy.electricity_co2e_kg_per_kwh": "kg CO2e/kWh",
    "energy.heat_co2e_kg_per_kwh": "kg CO2e/kWh",
    "energy.electricity_price_per_kwh": "{cur}/kWh",
    "energy.heat_price_per_kwh": "{cur}/kWh",
    "ict.co2e_kg_per_workday": "kg CO2e/day",
    # rebound: extra non-commute travel, as a share of avoided km or km per home day
    "rebound.noncommute_share_of_avoided_km": "share",
    "rebound.noncommute_km_per_home_day": "km/day",
    **{f"rebound.noncommute_mode_share.{mode}": "share" for mode in NONCOMMUTE_MODES},
    # share of the rebound trips' km in the commuter's own mode (1: own mode; 0: the mix above)
    "rebound.noncommute_own_mode_share": "share",
    # long run (0 in a short-run set; the packaged variant 'long-run' turns them on)
    "longrun.hybrid_commute_growth_share": "share",  # longer one-way km of new hybrid workers
    "longrun.third_place_share_of_home_days": "share",  # remote days spent at a third place
    "longrun.third_place_one_way_km": "km",  # one-way trip to the third place
    # office: seat-related part (per m2) and occupancy part (per attendee-day)
    "office.area_per_desk_m2": "m2/desk",
    "office.support_space_share": "share",  # share of desk area added for meeting/support space
    "office.rent_per_m2_per_year": "{cur}/m2/yr",
    "office.operating_cost_per_m2_per_year": "{cur}/m2/yr",
    "office.electricity_kwh_per_m2_per_year": "kWh/m2/yr",
    "office.heat_kwh_per_m2_per_year": "kWh/m2/yr",
    "office.embodied_co2e_kg_per_m2_per_year": "kg CO2e/m2/yr",
    "office.occupancy_electricity_kwh_per_attendee_day": "kWh/attendee-day",
    "office.occupancy_cost_per_attendee_day": "{cur}/attendee-day",
    # costs and finance
    "cost.value_of_time_per_hour": "{cur}/h",
    "cost.home_office_equipment_per_employee": "{cur}/employee",  # one-off
    "finance.discount_rate": "share/yr",
    "finance.horizon_years": "yr",
    # commuting tax deduction (Danish befordringsfradrag; zero rates where there is none)
    "deduction.threshold_km_round_trip": "km/day",
    "deduction.upper_km_round_trip": "km/day",
    "deduction.rate_per_km": "{cur}/km",
    "deduction.rate_above_upper_per_km": "{cur}/km",
    "deduction.marginal_tax_value": "share",
}

#: Keys a set may define (with this unit), checked like required ones when present: the
#: Danish deduction's outer-area rate and bridge allowances (remotecalc.model.dkrules).
OPTIONAL: dict[str, str] = {
    "deduction.outer_area_rate_per_km": "{cur}/km",
    "deduction.bridge.storebaelt_car_per_passage": "{cur}/passage",
    "deduction.bridge.storebaelt_public_per_passage": "{cur}/passage",
    "deduction.bridge.oresund_car_per_passage": "{cur}/passage",
    "deduction.bridge.oresund_public_per_passage": "{cur}/passage",
    # work travel replaced by virtual meetings (remotecalc.formulas.travel)
    **{
        f"work_travel.replaceable_share.{p}": "share"
        for p in ("meeting", "training", "course", "inspection", "other")
    },
    "work_travel.virtual_meeting_hours_per_trip": "h/trip",
    "work_travel.video_call_co2e_kg_per_hour": "kg CO2e/h",
    "work_travel.mileage_rate_per_km": "{cur}/km",
    "work_travel.mileage_rate_above_band_per_km": "{cur}/km",
    "work_travel.mileage_band_km_per_year": "km/yr",
    # parts of a car's marginal running cost (formula link of mode.<car>.cost_per_km)
    **{
        key.format(m=m): unit
        for m in CAR_MODES
        for key, unit in (
            ("mode.{m}.fuel_l_per_vkm", "l/vehicle-km"),
            ("mode.{m}.fuel_price_per_l", "{cur}/l"),
            ("mode.{m}.electricity_kwh_per_vkm", "kWh/vehicle-km"),
            ("mode.{m}.tyres_cost_per_vkm", "{cur}/vehicle-km"),
            ("mode.{m}.maintenance_cost_per_vkm", "{cur}/vehicle-km"),
            ("mode.{m}.depreciation_cost_per_vkm", "{cur}/vehicle-km"),
        )
    },
    # public-transport commute fares: single-fare line and period pass
    "transit.fare_base_per_trip": "{cur}/trip",
    "transit.fare_per_km": "{cur}/km",
    "transit.pass_price_in_single_fares": "trips",
    # parts of the attendance-driven office cost (formula link of
    # office.occupancy_cost_per_attendee_day)
    "office.cleaning_cost_per_attendee_day": "{cur}/attendee-day",
    "office.consumables_cost_per_attendee_day": "{cur}/attendee-day",
    "office.canteen_subsidy_per_attendee_day": "{cur}/attendee-day",
    "office.electricity_price_per_kwh": "{cur}/kWh",
    # parts of the operating cost per m2 (documentation of its sum; cleaning and energy are
    # also partly attendance-driven, see remotecalc.formulas.office)
    "office.cleaning_cost_per_m2_per_year": "{cur}/m2/yr",
    "office.energy_cost_per_m2_per_year": "{cur}/m2/yr",
    "office.other_operations_cost_per_m2_per_year": "{cur}/m2/yr",
    "office.maintenance_cost_per_m2_per_year": "{cur}/m2/yr",
    # embodied CO2e of space given up: 0 (off) or 1 (consequential: it avoids new building)
    "office.embodied_credit_for_released_space": "share",
    # long run: movers build up over the years
    "longrun.annual_move_share": "share/yr",
    "longrun.years_after_change": "yr",
    # screen visits in home care (remotecalc.formulas.travel, Scenario.screen_visit_share)
    "work_travel.screen_visit_eligible_share": "share",
    "work_travel.screen_visit_hours": "h/visit",
    "work_travel.home_visit_km_per_visit": "km/visit",
    "work_travel.home_care_hour_cost": "{cur}/h",
}

#: Modes whose commute is paid in fares (cheaper of a period pass and single fares) when the
#: set has the ``transit.*`` keys; their ``cost_per_km`` then prices only other trips.
FARE_MODES: tuple[str, ...] = ("bus", "train", "metro", "tram")

#: Keys of a set computed from other keys of it (formula links): ``{key: (formula, parts)}``
#: with the parts in the formula's argument order. A key is computed where the set has every
#: part and the key is not a user's override; its stated value must match (checked on
#: load), it declares no uncertainty of its own, and draws vary it through its parts.
FORMULA_LINKS: dict[str, tuple[Any, tuple[str, ...]]] = {
    **{
        f"mode.{m}.cost_per_km": (
            costs.running_cost_per_km,
            (
                f"mode.{m}.fuel_l_per_vkm",
                f"mode.{m}.fuel_price_per_l",
                f"mode.{m}.electricity_kwh_per_vkm",
                "energy.electricity_price_per_kwh",
                f"mode.{m}.tyres_cost_per_vkm",
                f"mode.{m}.maintenance_cost_per_vkm",
                f"mode.{m}.depreciation_cost_per_vkm",
            ),
        )
        for m in CAR_MODES
    },
    "office.occupancy_cost_per_attendee_day": (
        office.attendance_cost_per_attendee_day,
        (
            "office.cleaning_cost_per_attendee_day",
            "office.consumables_cost_per_attendee_day",
            "office.canteen_subsidy_per_attendee_day",
            "office.occupancy_electricity_kwh_per_attendee_day",
            "office.electricity_price_per_kwh",
        ),
    ),
    "office.operating_cost_per_m2_per_year": (
        office.operating_cost_per_m2,
        (
            "office.cleaning_cost_per_m2_per_year",
            "office.energy_cost_per_m2_per_year",
            "office.other_operations_cost_per_m2_per_year",
            "office.maintenance_cost_per_m2_per_year",
        ),
    ),
}

#: Largest difference between a computed key's stated value and its parts' result.
_FORMULA_TOL = 0.0051

#: Units whose values are shares, checked to lie in [0, 1].
SHARE_UNITS: tuple[str, ...] = ("share", "share/yr")

#: Required keys that must be strictly positive (all other required keys must be >= 0).
POSITIVE_KEYS: frozenset[str] = frozenset(
    [
        "work_travel.home_visit_km_per_visit",
        "workdays_per_year",
        "hours_per_workday",
        "office.area_per_desk_m2",
        "finance.horizon_years",
    ]
    + [f"mode.{m}.occupancy" for m in MODES]
    + [f"mode.{m}.speed_km_per_h" for m in MODES]
)

_ENTRY_FIELDS = ("value", "unit", "year", "source", "status", "uncertainty", "note")
_LINK_FIELDS = ("same_as", "note")  # the only fields of a linked table
_ENTRY_REQUIRED_FIELDS = ("value", "unit", "source", "status")
_DIST_FIELDS = {
    "uniform": ("low", "high"),
    "triangular": ("low", "mode", "high"),
    "normal": ("sd",),
}
_OVERRIDE_FIELDS = ("value", "unit", "year", "uncertainty", "note")
_SHARE_SUM_TOL = 1e-9


@dataclass(frozen=True)
class Parameter:
    """One sourced number of a parameter set.

    Parameters
    ----------
    key : str
        Flat dotted key, e.g. ``"mode.car.occupancy"``.
    value : float
        The value used by the model, in ``unit``.
    unit : str
        Unit, with the set's currency code in money units (``"DKK/km"``).
    year : int or None
        Year the value refers to; None only with a note saying why.
    source : str
        Where the value comes from.
    status : str
        One of :data:`STATUSES`.
    uncertainty : dict or None
        ``{"dist": "uniform", "low": .., "high": ..}``, ``{"dist": "triangular", "low": ..,
        "mode": .., "high": ..}`` or ``{"dist": "normal", "sd": ..}``; None if fixed.
    note : str, default ""
        Method, caveats and alternatives.
    same_as : str or None, default None
        Key of the root parameter this one is the same quantity as (a linked key); its value,
        unit, year, source and status are the root's and it has no uncertainty of its own.
    """

    key: str
    value: float
    unit: str
    year: int | None
    source: str
    status: str
    uncertainty: dict | None
    note: str = ""
    same_as: str | None = None


def _own_copy(p: Parameter) -> Parameter:
    """``p`` with its own uncertainty dict: ``dataclasses.replace(p, uncertainty=...)``,
    built directly for a :class:`Parameter` itself (``replace`` inspects the fields on every
    call; a set copies some 300 entries each time it is built, e.g. by ``with_overrides``)."""
    unc = None if p.uncertainty is None else dict(p.uncertainty)
    if type(p) is not Parameter:  # a subclass: replace keeps its class and fields
        return replace(p, uncertainty=unc)
    return Parameter(p.key, p.value, p.unit, p.year, p.source, p.status, unc, p.note, p.same_as)


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _expected_unit(key: str, currency: str) -> str | None:
    template = REQUIRED.get(key, OPTIONAL.get(key))
    return None if template is None else template.format(cur=currency)


#: Physical bounds tighter than the sign, as (lowest, highest, lowest excluded), with why.
KEY_RANGES: dict[str, tuple[float, float, bool]] = {
    # a common year has 52 weeks and a day: at most 52 × 5 + 1 = 261 weekdays
    "workdays_per_year": (0.0, 261.0, True),
    # a day has 24 hours
    "hours_per_workday": (0.0, 24.0, True),
    # as Scenario.horizon_years: an appraisal beyond a century is not one
    "finance.horizon_years": (0.0, 100.0, True),
}


def allowed_range(key: str, unit: str) -> tuple[float, float, bool]:
    """(lowest, highest, lowest excluded) allowed for a key's value and its uncertainty bounds.

    Shares lie in [0, 1]; a circuity (network over great-circle distance) is >= 1; an
    occupancy (persons per vehicle, the driver included) is >= 1; the keys of
    :data:`KEY_RANGES` have their own bounds; the other keys of :data:`POSITIVE_KEYS` are
    > 0 and every other required key >= 0.

    Examples
    --------
    >>> allowed_range("mode.car.occupancy", "persons/vehicle")
    (1.0, inf, False)
    >>> allowed_range("hours_per_workday", "h/day")
    (0.0, 24.0, True)
    """
    if unit in SHARE_UNITS:
        return 0.0, 1.0, False
    if key.startswith("mode.") and key.endswith((".circuity", ".occupancy")):
        return 1.0, math.inf, False
    if key in KEY_RANGES:
        return KEY_RANGES[key]
    if key in POSITIVE_KEYS:
        return 0.0, math.inf, True
    if key in REQUIRED or key in OPTIONAL:
        return 0.0, math.inf, False
    return -math.inf, math.inf, False  # a user's extra key: only finiteness is checked


def _range_text(lo: float, hi: float, open_lo: bool) -> str:
    left = "(" if open_lo else "["
    if hi == math.inf:
        return f"> {lo:g}" if open_lo else f">= {lo:g}"
    return f"{left}{lo:g}, {hi:g}]"


def _in_range(x: float, lo: float, hi: float, open_lo: bool) -> bool:
    return (x > lo if open_lo else x >= lo) and x <= hi


def _uncertainty_problems(p: Parameter) -> list[str]:
    """Problems with one parameter's uncertainty declaration."""
    u = p.uncertainty
    if u is None:
        return []
    if not isinstance(u, Mapping):
        return [
            (f'{p.key}: uncertainty must be a table like {{dist = "uniform", low = .., high = ..}}')
        ]
    dist = u.get("dist")
    if dist not in _DIST_FIELDS:
        return [f"{p.key}: uncertainty dist {dist!r} is not one of {', '.join(_DIST_FIELDS)}"]
    need = _DIST_FIELDS[dist]
    found = set(u) - {"dist"}
    if found != set(need):
        return [
            (
                f"{p.key}: a {dist} uncertainty needs exactly {', '.join(need)}; "
                f"found {', '.join(sorted(found)) or 'nothing'}"
            )
        ]
    bad = [f for f in need if not _is_number(u[f]) or not math.isfinite(u[f])]
    if bad:
        return [f"{p.key}: uncertainty {', '.join(bad)} must be finite numbers"]
    if dist == "normal":
        return [] if u["sd"] > 0 else [f"{p.key}: normal uncertainty needs sd > 0, found {u['sd']}"]
    low, high = u["low"], u["high"]
    mode = u.get("mode", p.value)
    problems = []
    if not low <= p.value <= high:
        problems.append(
            f"{p.key}: uncertainty must satisfy low <= value <= high; "
            f"found low={low}, value={p.value}, high={high}"
        )
    if not low <= mode <= high:
        problems.append(
            f"{p.key}: triangular uncertainty must satisfy low <= mode <= high; "
            f"found low={low}, mode={mode}, high={high}"
        )
    lo, hi, open_lo = allowed_range(p.key, p.unit)
    if not (_in_range(low, lo, hi, open_lo) and _in_range(high, lo, hi, open_lo)):
        problems.append(
            f"{p.key}: uncertainty bounds {low}..{high} leave the allowed range "
            f"{_range_text(lo, hi, open_lo)}"
        )
    return problems


def _entry_problems(p: Parameter, currency: str) -> list[str]:
    """Problems with one parameter on its own (unit, value, fields)."""
    problems = []
    if not _is_number(p.value) or not math.isfinite(p.value):
        return [f"{p.key}: value must be a finite number, found {p.value!r}"]
    if not isinstance(p.unit, str) or not p.unit.strip():
        problems.append(f"{p.key}: unit is missing")
    else:
        expected = _expected_unit(p.key, currency)
        if expected is not None and p.unit.strip() != expected:
            problems.append(f"{p.key}: unit {p.unit!r} found, expected {expected!r}")
    lo, hi, open_lo = allowed_range(p.key, p.unit)
    if not _in_range(p.value, lo, hi, open_lo):
        kind = "share" if p.unit in SHARE_UNITS else "allowed"
        problems.append(
            f"{p.key}: value {p.value} is outside the {kind} range {_range_text(lo, hi, open_lo)}"
        )
    if p.status not in STATUSES:
        problems.append(f"{p.key}: status {p.status!r} is not one of {', '.join(STATUSES)}")
    if not isinstance(p.source, str) or not p.source.strip():
        problems.append(f"{p.key}: source is missing")
    if p.year is not None and (not isinstance(p.year, int) or isinstance(p.year, bool)):
        problems.append(f"{p.key}: year must be an integer, found {p.year!r}")
    if p.year is None and not (isinstance(p.note, str) and p.note.strip()):
        problems.append(f"{p.key}: give a year, or a note saying why there is none")
    if not isinstance(p.note, str):
        problems.append(f"{p.key}: note must be text")
    return problems + _uncertainty_problems(p)


def _meta_problems(meta: Mapping[str, Any]) -> list[str]:
    problems = []
    missing = [f for f in META_REQUIRED if f not in meta]
    if missing:
        problems.append(f"[meta] is missing: {', '.join(missing)}")
    cur = meta.get("currency")
    if "currency" in meta and not (
        isinstance(cur, str) and len(cur) == 3 and cur.isalpha() and cur.isupper()
    ):
        problems.append(f"meta.currency must be a three-letter code such as 'DKK', found {cur!r}")
    scope = meta.get("emission_scope")
    if "emission_scope" in meta and scope not in EMISSION_SCOPES:
        problems.append(f"meta.emission_scope {scope!r} is not one of {', '.join(EMISSION_SCOPES)}")
    return problems


def _set_problems(
    meta: Mapping[str, Any], entries: Mapping[str, Parameter], present: Any = None
) -> list[str]:
    """Every problem with a whole set: meta, missing keys, entries and cross-checks.

    ``present`` holds the keys found in the file (some may have failed to parse); it defaults
    to the keys of ``entries``.
    """
    problems = _meta_problems(meta)
    currency = meta.get("currency", "")
    present = entries if present is None else present
    missing = [k for k in REQUIRED if k not in present]
    if missing:
        problems.append(f"missing required keys ({len(missing)}): {', '.join(missing)}")
    for p in entries.values():
        problems += _entry_problems(p, currency)
    if problems or any(k not in entries for k in REQUIRED):
        return problems  # cross-checks need every key present and sound

    for m in MODES:
        key = f"mode.{m}.occupancy"
        if entries[f"mode.{m}.co2e_ttw_kg_per_km"].unit == _PKM and entries[key].value != 1:
            problems.append(
                f"{key}: must be 1 because the mode's emission factor is already per "
                f"passenger-km; found {entries[key].value}"
            )
    shares = {
        k: p.value for k, p in entries.items() if k.startswith("rebound.noncommute_mode_share.")
    }
    for k in shares:
        if k.rsplit(".", 1)[1] not in MODES:
            problems.append(f"{k}: '{k.rsplit('.', 1)[1]}' is not a mode of vocab.MODES")
    total = math.fsum(shares.values())
    if abs(total - 1.0) > _SHARE_SUM_TOL:
        listed = ", ".join(f"{k.rsplit('.', 1)[1]}={v:g}" for k, v in shares.items())
        problems.append(
            f"rebound.noncommute_mode_share.*: shares must sum to 1, found {total:.12g} ({listed})"
        )
    per_hour = entries["home.co2e_kg_per_fte_hour"].value
    energy = [
        k
        for k in ("home.extra_electricity_kwh_per_day", "home.extra_heat_kwh_per_day")
        if entries[k].value > 0
    ]
    if per_hour > 0 and energy:
        problems.append(
            f"home.co2e_kg_per_fte_hour ({per_hour}) and {', '.join(energy)} are "
            "non-zero together: use either the per-hour homeworking factor or the "
            "energy route and set the other to 0"
        )
    lo_km = entries["deduction.threshold_km_round_trip"].value
    hi_km = entries["deduction.upper_km_round_trip"].value
    if hi_km < lo_km:
        problems.append(
            f"deduction.upper_km_round_trip ({hi_km}) is below "
            f"deduction.threshold_km_round_trip ({lo_km})"
        )
    return problems


def _resolve_links(entries: Mapping[str, Parameter]) -> tuple[dict[str, Parameter], list[str]]:
    """Give every linked key (``same_as``) its root's value, unit, year, source and status.

    Returns the entries with linked keys re-derived from their roots (a linked key whose
    link is broken is left out) and the problems: a link to a key the set lacks, a link to a
    linked key (a chain, or a cycle), a link to itself.
    """
    out: dict[str, Parameter] = {}
    problems = []
    for key, p in entries.items():
        if p.same_as is None:
            out[key] = p
            continue
        root = entries.get(p.same_as)
        if p.same_as == key:
            problems.append(f"{key}: same_as names the key itself; link to another key")
        elif root is None:
            problems.append(
                f"{key}: same_as {p.same_as!r} is not a key of the set."
                + _close(p.same_as, list(entries))
            )
        elif root.same_as is not None:
            problems.append(
                f"{key}: same_as {p.same_as!r}, which is itself linked (same_as "
                f"{root.same_as!r}); link every key to one root directly (no chains or cycles)"
            )
        else:
            out[key] = replace(
                root,
                key=key,
                uncertainty=None,
                note=p.note or f"Same quantity as {root.key}; see its note.",
                same_as=root.key,
            )
    return out, problems


def _linked_keys(entries: Mapping[str, Parameter]) -> dict[str, tuple[str, ...]]:
    """Root key -> the keys linked to it (``same_as``), in file order."""
    out: dict[str, list[str]] = {}
    for k, p in entries.items():
        if p.same_as is not None:
            out.setdefault(p.same_as, []).append(k)
    return {k: tuple(v) for k, v in out.items()}


def _formula_links(entries: Mapping[str, Parameter]) -> dict[str, tuple[Any, tuple[str, ...]]]:
    """The :data:`FORMULA_LINKS` that apply to a set's entries."""
    return {
        k: link
        for k, link in FORMULA_LINKS.items()
        if k in entries and entries[k].status != "user" and all(q in entries for q in link[1])
    }


def _apply_formula_links(
    entries: Mapping[str, Parameter], check: bool = False
) -> tuple[dict[str, Parameter], list[str]]:
    """Entries with every computed key (:data:`FORMULA_LINKS`) set from its parts.

    With ``check``, a stated value that differs from its parts' result, and an uncertainty
    declared on a computed key, are problems (a file's values must agree with their parts).
    """
    out = dict(entries)
    problems = []
    for key, (fn, parts) in _formula_links(entries).items():
        value = float(fn(*(entries[q].value for q in parts)))
        p = entries[key]
        if check and not (abs(p.value - value) <= _FORMULA_TOL):
            problems.append(
                f"{key}: value {p.value:g}, but it is computed from {', '.join(parts)}, "
                f"which give {value:.4g}; write {value:.4g} or change a part"
            )
        if check and p.uncertainty is not None:
            problems.append(
                f"{key}: is computed from its parts ({', '.join(parts)}) and varies with "
                "them; remove its own uncertainty"
            )
        out[key] = replace(p, value=value, uncertainty=None)
    return out, problems


def _raise(origin: str, problems: list[str]) -> None:
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        raise ParameterError(f"Parameter set {origin}: {len(problems)} problem(s):\n{lines}")


def _close(key: str, keys: list[str]) -> str:
    near = difflib.get_close_matches(key, keys, n=3, cutoff=0.6)
    near += [k for k in keys if key and key in k and k not in near][: 3 - len(near)]
    return f" Did you mean: {', '.join(near)}?" if near else ""


@functools.cache
def danish_catalogue() -> dict[str, str]:
    """The Danish text of every English source, note, description and scope note of the
    packaged sets and variants (``data/parameters/translations/da.toml``), keyed by the
    English text: a changed English text has no Danish until it is translated there."""
    f = _packaged_dir().joinpath("translations").joinpath("da.toml")
    with f.open("rb") as fh:
        entries = tomllib.load(fh).get("text", [])
    return {str(e["en"]): str(e["da"]) for e in entries}


_OVERRIDE_NOTE = re.compile(r"User override; was (\S+) \(([^:]+): (.*)\)\.", re.S)
_LINK_NOTE = re.compile(r"Same quantity as (\S+); see its note\.")


def parameter_text(text: str, lang: str = "en") -> str:
    """A parameter set's text (source, note, description) in ``lang``.

    Danish comes from :func:`danish_catalogue`; the texts the package writes itself
    (an override's source and note, a linked key's note) are rendered in either language
    with the parameter's name, never its key. A text with no translation (a user's own
    set) is returned as it is.

    Examples
    --------
    >>> parameter_text("Skatterådets satser", "en")
    'Skatterådets satser'
    >>> parameter_text("Assumption (remotecalc developers); no source read", "da")
    'Antagelse (remotecalcs udviklere); ingen kilde læst'
    >>> parameter_text("Same quantity as mode.car.circuity; see its note.", "da")
    'Samme størrelse som Bil (drivmiddel ikke oplyst): omvejsfaktor; se dens note.'
    """
    check_lang(lang)
    if text == "override":
        return t("param_override_source", lang)
    m = _OVERRIDE_NOTE.fullmatch(text)
    if m:
        value, status, source = m.groups()
        num = short_number(float(value), lang) if _is_number_text(value) else value
        return t(
            "param_override_note",
            lang,
            value=num,
            status=status,
            source=parameter_text(source, lang),
        )
    m = _LINK_NOTE.fullmatch(text)
    if m:
        return t("param_link_note", lang, label=parameter_label(m.group(1), lang))
    if lang == "da":
        return danish_catalogue().get(text, text)
    return text


def _is_number_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def uncertainty_words(u: Mapping[str, Any] | None, lang: str = "en") -> str:
    """An uncertainty declaration in words, for readers.

    Examples
    --------
    >>> u = {"dist": "triangular", "low": 200.0, "mode": 216.0, "high": 223.0}
    >>> uncertainty_words(u, "da")
    'trekantsfordeling fra 200 til 223, typisk 216'
    >>> uncertainty_words({"dist": "uniform", "low": 1.0, "high": 1.2}, "en")
    'uniform from 1 to 1.2'
    """
    check_lang(lang)
    if not u:
        return ""
    num = {k: short_number(float(v), lang) for k, v in u.items() if k != "dist"}
    return t(f"unc_{u.get('dist')}", lang, **num)


def _uncertainty_text(u: Mapping[str, Any] | None) -> str:
    if not u:
        return ""
    args = ", ".join(f"{f}={u[f]:g}" for f in _DIST_FIELDS.get(str(u.get("dist")), ()) if f in u)
    return f"{u.get('dist')}({args})"


class Parameters:
    """An immutable, validated parameter set.

    Build one with :func:`load_parameters`; change values with :meth:`with_overrides`, which
    returns a new object. Values are read by key: ``params["mode.car.occupancy"]``.

    Parameters
    ----------
    name : str
        Name of the set, e.g. ``"dk-2025"``.
    meta : mapping
        The ``[meta]`` table (:data:`META_REQUIRED` fields).
    entries : mapping of str to Parameter
        Every parameter by key; must cover :data:`REQUIRED`.
    origin : str, optional
        Where the set came from, used in error messages.

    Raises
    ------
    ParameterError
        If anything in the set is missing, in the wrong unit or out of range; the message lists
        every problem.
    """

    __slots__ = ("_entries", "_formulas", "_linked", "_meta", "_name", "_origin")
    # declared for type checkers; set once in __init__ (or __setstate__) via object.__setattr__
    _entries: dict[str, Parameter]
    _formulas: dict[str, tuple[Any, tuple[str, ...]]]
    _linked: dict[str, tuple[str, ...]]  # root key -> its linked keys (linked_to), file order
    _meta: dict[str, Any]
    _name: str
    _origin: str

    def __init__(
        self,
        name: str,
        meta: Mapping[str, Any],
        entries: Mapping[str, Parameter],
        origin: str | None = None,
    ):
        origin = origin or f"'{name}'"
        entries = dict(entries)
        wrong = [k for k, p in entries.items() if not isinstance(p, Parameter) or p.key != k]
        _raise(origin, [f"{k}: expected a Parameter with key {k!r}" for k in wrong])
        entries, link_problems = _resolve_links(entries)  # linked keys follow their roots
        _raise(origin, link_problems)
        entries = _apply_formula_links(entries)[0]  # computed keys follow their parts
        _raise(origin, _set_problems(meta, entries))
        entries = {k: _own_copy(p) for k, p in entries.items()}  # later changes cannot leak in
        object.__setattr__(self, "_name", str(name))
        object.__setattr__(self, "_meta", dict(meta))
        object.__setattr__(self, "_entries", entries)
        object.__setattr__(self, "_formulas", _formula_links(entries))
        object.__setattr__(self, "_linked", _linked_keys(entries))
        object.__setattr__(self, "_origin", origin)

    def __setattr__(self, attr: str, value: Any) -> None:
        raise AttributeError("Parameters is immutable; use with_overrides() for a changed copy")

    def __getstate__(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}

    def __setstate__(self, state: dict) -> None:  # pickling (process pools, Dask workers)
        for k, v in state.items():
            object.__setattr__(self, k, v)
        if "_linked" not in state:  # pickled before the table was kept
            object.__setattr__(self, "_linked", _linked_keys(self._entries))

    def __dask_tokenize__(self):
        """A deterministic token (Dask names tasks by their inputs): the set's full content."""
        return (
            "remotecalc.Parameters",
            self._name,
            repr(sorted(self._meta.items())),
            repr(sorted(self._entries.items())),
        )

    def __repr__(self) -> str:
        return (
            f"Parameters({self._name!r}, {len(self._entries)} entries, "
            f"currency={self.currency}, emission_scope={self.emission_scope})"
        )

    # -- mapping-like access ---------------------------------------------------------------
    @property
    def name(self) -> str:
        """Name of the set."""
        return self._name

    @property
    def meta(self) -> dict:
        """A copy of the ``[meta]`` table."""
        return dict(self._meta)

    @property
    def currency(self) -> str:
        """Currency code of all money values, e.g. ``"DKK"``."""
        return self._meta["currency"]

    @property
    def emission_scope(self) -> str:
        """``"well_to_wheel"`` (WTT added to TTW) or ``"tank_to_wheel"`` (TTW only)."""
        return self._meta["emission_scope"]

    def __getitem__(self, key: str) -> float:
        """Value of ``key``; ParameterError (with close keys suggested) if there is none."""
        p = self._entries.get(key)  # the value alone: no copy of the record (entry) needed
        return self.entry(key).value if p is None else p.value

    def get(self, key: str, default: float | None = None) -> float | None:
        """Value of ``key``, or ``default`` if the set has no such key."""
        p = self._entries.get(key)
        return default if p is None else p.value

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[str]:
        """Every key, in file order."""
        return list(self._entries)

    def links(self) -> dict[str, str]:
        """Every linked key (``same_as``) and its root, in file order.

        Examples
        --------
        >>> load_parameters("dk-2025").links()["mode.car_petrol.circuity"]
        'mode.car.circuity'
        """
        return {k: p.same_as for k, p in self._entries.items() if p.same_as is not None}

    def formula_links(self) -> dict[str, tuple[Any, tuple[str, ...]]]:
        """Every key computed from other keys of the set, with its formula and parts.

        A computed key (:data:`FORMULA_LINKS`) is not drawn itself; Monte Carlo and Sobol
        vary its parts, and the engine recomputes it from them in every draw
        (``remotecalc.model.engine.Values``).

        Examples
        --------
        >>> p = load_parameters("dk-2025")
        >>> p.formula_links()["mode.car_ev.cost_per_km"][1][2:4]
        ('mode.car_ev.electricity_kwh_per_vkm', 'energy.electricity_price_per_kwh')
        """
        return dict(self._formulas)

    def linked_to(self, key: str) -> tuple[str, ...]:
        """The keys linked to ``key`` (``same_as = key``), in file order; () if none.

        Examples
        --------
        >>> load_parameters("dk-2025").linked_to("mode.car.circuity")[:2]
        ('mode.car_petrol.circuity', 'mode.car_diesel.circuity')
        """
        return self._linked.get(key, ())

    def root(self, key: str) -> str:
        """The key whose value ``key`` takes: its root if it is linked, else ``key`` itself.

        Keys the set does not have (``"uptake"``) are returned unchanged.

        Examples
        --------
        >>> p = load_parameters("dk-2025")
        >>> p.root("mode.car_ev.speed_km_per_h"), p.root("mode.bus.circuity")
        ('mode.car.speed_km_per_h', 'mode.bus.circuity')
        """
        p = self._entries.get(key)
        return key if p is None or p.same_as is None else p.same_as

    def entry(self, key: str) -> Parameter:
        """Return the full record of one parameter (value, unit, year, source, status, ...).

        Raises
        ------
        ParameterError
            If the set has no such key; the message suggests close keys.
        """
        p = self._entries.get(key)
        if p is None:
            raise ParameterError(
                f"Parameter set '{self._name}' has no key {key!r}."
                + _close(key, list(self._entries))
            )
        return replace(p, uncertainty=None if p.uncertainty is None else dict(p.uncertainty))

    # -- changes ---------------------------------------------------------------------------
    def with_overrides(self, overrides: Mapping[str, Any]) -> Parameters:
        """Return a new set with some values replaced; this one is left unchanged.

        Parameters
        ----------
        overrides : mapping
            Key to either a number (the new value) or a table of fields among ``value``,
            ``unit``, ``year``, ``uncertainty`` and ``note``. Overridden entries get status
            ``"user"`` and source ``"override"``. Their uncertainty is the one given in the
            table, else None: a value fixed by the user is not varied by Monte Carlo.
            Overriding a root moves every key linked to it (``same_as``); overriding a linked
            key detaches it from its root.

        Returns
        -------
        remotecalc.inputs.parameters.Parameters
            The changed copy, validated like a loaded set.

        Raises
        ------
        ParameterError
            For an unknown key, a malformed override, or a value that breaks validation
            (NaN, negative, share outside 0-1, mode shares not summing to 1, ...).

        Examples
        --------
        >>> p = load_parameters("dk-2025")
        >>> q = p.with_overrides({"office.rent_per_m2_per_year": {"value": 2400, "year": 2025}})
        >>> q["office.rent_per_m2_per_year"], q.entry("office.rent_per_m2_per_year").status
        (2400.0, 'user')
        >>> p["office.rent_per_m2_per_year"]
        1650.0
        """
        origin = f"'{self._name}' with overrides"
        entries = dict(self._entries)
        problems = []
        for key, override in overrides.items():
            old = self._entries.get(key)
            if old is None:
                problems.append(f"{key}: not a key of '{self._name}'." + _close(key, list(entries)))
                continue
            if isinstance(override, Mapping):
                extra = sorted(set(override) - set(_OVERRIDE_FIELDS))
                if extra:
                    problems.append(
                        f"{key}: cannot override {', '.join(extra)}; allowed "
                        f"fields are {', '.join(_OVERRIDE_FIELDS)}"
                    )
                    continue
                fields = dict(override)
            else:
                fields = {"value": override}
            raw = {
                "value": fields.get("value", old.value),
                "unit": fields.get("unit", old.unit),
                "year": fields.get("year"),
                "source": "override",
                "status": "user",
                "note": fields.get(
                    "note",
                    f"User override; was {old.value:g} ({old.status}: {old.source})."
                    + (
                        f" No longer linked to {old.same_as} (same_as)."
                        if old.same_as is not None
                        else ""
                    ),
                ),
            }
            if fields.get("uncertainty") is not None:
                raw["uncertainty"] = fields["uncertainty"]
            p, parse_problems = _parse_entry(key, raw)
            problems += parse_problems
            if p is not None:
                entries[key] = p
        _raise(origin, problems)
        return Parameters(self._name, self._meta, entries, origin=origin)

    def with_variant(self, variant: str | Path) -> Parameters:
        """Return a new set with the entries of a variant file in place of its own.

        A variant is a TOML file of complete, sourced parameter tables (``value``, ``unit``,
        ``year``, ``source``, ``status``, ``uncertainty``, ``note``) for keys the set already
        has, and a ``[meta]`` table with its ``name`` and ``description``. Unlike
        :meth:`with_overrides`, its entries keep their own source and status. The packaged
        variants are listed by :func:`list_parameter_variants`; ``"long-run"`` turns on the
        long-run levers (``longrun.*``: longer commutes of employees who become hybrid,
        remote days at third places) with their sourced values and uncertainty.

        Parameters
        ----------
        variant : str or pathlib.Path
            Name of a packaged variant, or the path of a user's own variant file.

        Returns
        -------
        remotecalc.inputs.parameters.Parameters
            The changed copy (same name; ``meta["variant"]`` names the variant), validated
            like a loaded set.

        Raises
        ------
        ParameterError
            Unknown variant, a key the set does not have, a unit other than the set's, or a
            value that breaks validation.

        Examples
        --------
        >>> p = load_parameters("dk-2025")
        >>> p["longrun.hybrid_commute_growth_share"]
        0.0
        >>> q = p.with_variant("long-run")
        >>> q["longrun.hybrid_commute_growth_share"], q.meta["variant"]
        (0.15, 'long-run')
        """
        name, text, origin = _variant_text(variant)
        doc = _load_toml(text, f"Parameter variant {origin}")
        meta = doc.pop("meta", {})
        problems: list[str] = []
        raw: dict[str, dict] = {}
        _flatten(doc, "", raw, problems)
        entries = dict(self._entries)
        for key, table in raw.items():
            if key not in entries:
                problems.append(f"{key}: not a key of '{self._name}'." + _close(key, list(entries)))
                continue
            p, entry_problems = _parse_entry(key, table)
            problems += entry_problems
            if p is not None:
                if p.same_as is None:  # a linked entry is checked once resolved
                    problems += _entry_problems(p, self.currency)
                entries[key] = p
        _raise(f"'{self._name}', variant {origin}", problems)
        vname = str(meta.get("name", name)) if isinstance(meta, Mapping) else name
        return Parameters(
            self._name,
            {**self._meta, "variant": vname},
            entries,
            origin=f"'{self._name}' with variant {origin}",
        )

    # -- tables ----------------------------------------------------------------------------
    def describe(self, lang: str | None = None) -> pd.DataFrame:
        """Every parameter as a tidy table, one row per key.

        Parameters
        ----------
        lang : {"en", "da"}, optional
            Write source, note and uncertainty for readers in this language (the
            uncertainty in words, "trekantsfordeling fra 200 til 223, typisk 216"; a linked
            key's by its root's name). Default: as stored, the uncertainty as code-like text.

        Returns
        -------
        pandas.DataFrame
            Columns ``key, value, unit, year, source, status, uncertainty, note``; the
            uncertainty as text such as ``"uniform(low=1, high=1.2)"``, or ``"same as <root>"``
            for a linked key (which is varied with its root). ``attrs`` names the
            set, its currency and its emission boundary (``emission_scope`` and
            ``emission_scope_note``), so a table of values never travels without them.

        Examples
        --------
        >>> d = load_parameters("dk-2025").describe()
        >>> d.attrs["emission_scope"]
        'well_to_wheel'
        """
        rows = [
            {
                "key": p.key,
                "value": p.value,
                "unit": p.unit,
                "year": p.year,
                "source": p.source,
                "status": p.status,
                "uncertainty": (
                    f"same as {p.same_as}" if p.same_as else _uncertainty_text(p.uncertainty)
                ),
                "note": p.note,
            }
            for p in self._entries.values()
        ]
        if lang is not None:
            for row, p in zip(rows, self._entries.values(), strict=True):
                row["source"] = parameter_text(p.source, lang)
                row["note"] = parameter_text(p.note, lang)
                row["uncertainty"] = (
                    t("unc_linked", lang, label=parameter_label(p.same_as, lang))
                    if p.same_as
                    else uncertainty_words(p.uncertainty, lang)
                )
        df = pd.DataFrame(
            rows,
            columns=["key", "value", "unit", "year", "source", "status", "uncertainty", "note"],
        )
        df["year"] = df["year"].astype("Int64")
        df.attrs = {
            "set": self._name,
            "currency": self.currency,
            "emission_scope": self.emission_scope,
            "emission_scope_note": str(self._meta.get("emission_scope_note", "")),
        }
        return df

    @property
    def modes(self) -> tuple[str, ...]:
        """The travel modes the set has factors for (``vocab.MODES``), in order."""
        return tuple(MODES)

    def factor_per_vehicle_km(self, mode: str) -> bool:
        """True where the mode's emission factors are per vehicle-km (cars), else per
        passenger-km (from the unit of ``mode.<mode>.co2e_ttw_kg_per_km``)."""
        return "vehicle-km" in self._entries[f"mode.{mode}.co2e_ttw_kg_per_km"].unit

    def mode_table(self) -> pd.DataFrame:
        """Per-mode parameters side by side, with the emission factor per passenger-km.

        Returns
        -------
        pandas.DataFrame
            Index ``mode`` (every mode of ``vocab.MODES``); columns ``co2e_ttw_kg_per_km``,
            ``co2e_wtt_kg_per_km`` [kg CO2e per vehicle-km or passenger-km],
            ``per_vehicle_km`` (bool, from the unit), ``occupancy`` [persons/vehicle],
            ``circuity`` [-], ``speed_km_per_h`` [km/h], ``cost_per_km`` [currency per
            passenger-km], ``external_cost_per_vkm`` [currency per vehicle-km] and
            ``co2e_kg_per_pkm`` [kg CO2e/passenger-km].

        Notes
        -----
        ``co2e_kg_per_pkm = (ttw + wtt) / occupancy`` for per-vehicle-km factors under a
        well-to-wheel scope, ``ttw / occupancy`` under a tank-to-wheel scope; for factors
        already per passenger-km the occupancy is 1.

        Examples
        --------
        >>> t = load_parameters("dk-2025").mode_table()
        >>> round(float(t.loc["car", "co2e_kg_per_pkm"]), 4)  # (0.141 + 0.037086) / 1.05
        0.1696
        """
        wtw = self.emission_scope == "well_to_wheel"
        rows = []
        for m in MODES:
            ttw = self._entries[f"mode.{m}.co2e_ttw_kg_per_km"]
            wtt = self._entries[f"mode.{m}.co2e_wtt_kg_per_km"]
            per_vkm = "vehicle-km" in ttw.unit
            occupancy = self[f"mode.{m}.occupancy"]
            rows.append(
                {
                    "mode": m,
                    "co2e_ttw_kg_per_km": ttw.value,
                    "co2e_wtt_kg_per_km": wtt.value,
                    "per_vehicle_km": per_vkm,
                    "occupancy": occupancy,
                    "circuity": self[f"mode.{m}.circuity"],
                    "speed_km_per_h": self[f"mode.{m}.speed_km_per_h"],
                    "cost_per_km": self[f"mode.{m}.cost_per_km"],
                    "external_cost_per_vkm": self[f"mode.{m}.external_cost_per_vkm"],
                    "co2e_kg_per_pkm": float(
                        emissions.co2e_kg_per_pkm(ttw.value, wtt.value, occupancy, per_vkm, wtw)
                    ),
                }
            )
        return pd.DataFrame(rows).set_index("mode")

    def mode_boundaries(self) -> pd.DataFrame:
        """The emission boundary each mode's factors actually cover, against the set's.

        Returns
        -------
        pandas.DataFrame
            Index ``mode``; columns ``co2e_ttw_kg_per_km``, ``co2e_wtt_kg_per_km`` (as in
            the set), ``boundary`` and ``consistent`` (bool).

        Notes
        -----
        A mode with a direct factor and a non-zero well-to-tank factor covers
        ``"well_to_wheel"``; one with a direct factor and a zero well-to-tank factor only
        ``"tank_to_wheel"``; one with neither (walking, cycling) is ``"zero"``, which fits
        any boundary. A well-to-tank factor without a direct one is ``"wtt_only"``, never
        consistent. Under a ``well_to_wheel`` set every emitting mode must be
        ``"well_to_wheel"``; under a ``tank_to_wheel`` set the well-to-tank factors are not
        counted, so every emitting mode is on the set's boundary.

        Examples
        --------
        >>> b = load_parameters("dk-2025").mode_boundaries()
        >>> bool(b["consistent"].all()), b.loc["car", "boundary"], b.loc["walk", "boundary"]
        (True, 'well_to_wheel', 'zero')
        """
        rows = []
        for m in MODES:
            ttw = self._entries[f"mode.{m}.co2e_ttw_kg_per_km"].value
            wtt = self._entries[f"mode.{m}.co2e_wtt_kg_per_km"].value
            if ttw > 0:
                boundary = "well_to_wheel" if wtt > 0 else "tank_to_wheel"
            else:
                boundary = "wtt_only" if wtt > 0 else "zero"
            if boundary == "zero":
                consistent = True
            elif boundary == "wtt_only":
                consistent = False
            else:
                consistent = self.emission_scope == "tank_to_wheel" or boundary == "well_to_wheel"
            rows.append(
                {
                    "mode": m,
                    "co2e_ttw_kg_per_km": ttw,
                    "co2e_wtt_kg_per_km": wtt,
                    "boundary": boundary,
                    "consistent": consistent,
                }
            )
        return pd.DataFrame(rows).set_index("mode")

    def noncommute_mode_share(self) -> pd.Series:
        """Mode split of extra non-commute travel (rebound); sums to 1.

        Returns
        -------
        pandas.Series
            Share by mode [-], index ``mode``.
        """
        prefix = "rebound.noncommute_mode_share."
        shares = {
            k[len(prefix) :]: p.value for k, p in self._entries.items() if k.startswith(prefix)
        }
        s = pd.Series(shares, name="share", dtype=float)
        s.index.name = "mode"
        return s

    def uncertain(self) -> pd.DataFrame:
        """Every parameter with a declared uncertainty, for Monte Carlo and Sobol analyses.

        Returns
        -------
        pandas.DataFrame
            One row per uncertain parameter; columns ``key, unit, status, dist, value, low,
            mode, high, sd`` (NaN where a distribution has no such number; a normal
            distribution is centred on ``value``). A linked key (``same_as``) is not listed:
            it is varied with its root.
        """
        rows = []
        for p in self._entries.values():
            if p.uncertainty is None:
                continue
            u = p.uncertainty
            rows.append(
                {
                    "key": p.key,
                    "unit": p.unit,
                    "status": p.status,
                    "dist": u["dist"],
                    "value": p.value,
                    **{
                        f: float(u[f]) if f in u else math.nan
                        for f in ("low", "mode", "high", "sd")
                    },
                }
            )
        return pd.DataFrame(
            rows, columns=["key", "unit", "status", "dist", "value", "low", "mode", "high", "sd"]
        )


# -- loading --------------------------------------------------------------------------------
#: Deepest nesting of a parameter key (``a.b.c.d.e.f``): the packaged sets use at most 5
#: levels; deeper tables are refused with a message, not a RecursionError.
MAX_KEY_DEPTH = 12

#: Deepest nesting of arrays read from a parameter file (an honest file has one or two levels;
#: 64 leaves room for any).
MAX_VALUE_DEPTH = 64


def _load_toml(text: str, what: str) -> dict[str, Any]:
    """A TOML document, or ParameterError for invalid or absurdly nested text."""
    too_deep = ParameterError(
        f"{what}: nested too deeply to read (arrays or tables inside each other "
        f"thousands of levels deep); expected parameter tables such as [mode.car.occupancy] "
        f"with at most {MAX_KEY_DEPTH} levels"
    )
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(f"{what}: not valid TOML: {exc}") from None
    except RecursionError:
        raise too_deep from None
    # the parser's own limit is the interpreter's recursion limit, which a host program may
    # have raised: measure the depth (without recursion) and refuse the same way
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_VALUE_DEPTH:
            raise too_deep
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list):
            # arrays count (tables are checked by their dotted keys: MAX_KEY_DEPTH)
            step = 1 if isinstance(value, list) else 0
            stack.extend((c, depth + step) for c in children if isinstance(c, dict | list))
    return doc


def _flatten(
    tree: Mapping[str, Any], prefix: str, out: dict[str, dict], problems: list[str]
) -> None:
    """Collect parameter tables (those holding a ``value``) under flat dotted keys.

    Iterative, and a table nested deeper than :data:`MAX_KEY_DEPTH` is a problem (named by
    its first levels), so a hostile file cannot exhaust the stack.
    """
    # depth first, in the file's order (as a recursion would), without using the call stack
    stack: list[tuple[Any, str, int]] = [(iter(tree.items()), prefix, 1)]
    while stack:
        items, pre, depth = stack[-1]
        step = next(items, None)
        if step is None:
            stack.pop()
            continue
        name, item = step
        key = f"{pre}.{name}" if pre else name
        if isinstance(item, Mapping) and ("value" in item or "same_as" in item):
            out[key] = dict(item)
        elif isinstance(item, Mapping):
            if depth >= MAX_KEY_DEPTH:
                shown = key if len(key) <= 80 else key[:79] + "…"
                problems.append(
                    f"{shown}: nested more than {MAX_KEY_DEPTH} levels deep; expected a "
                    "parameter table such as [mode.car.occupancy] with value, unit, "
                    "source and status"
                )
                continue
            stack.append((iter(item.items()), key, depth + 1))
        else:
            problems.append(
                f"{key}: expected a table with value, unit, source and status; found {_short(item)}"
            )


def _short(item: Any) -> str:
    text = repr(item)
    return text if len(text) <= 80 else text[:79] + "…"


def _parse_entry(key: str, raw: Mapping[str, Any]) -> tuple[Parameter | None, list[str]]:
    """Turn one raw TOML table into a Parameter, reporting field and type problems.

    A linked table (``same_as``) becomes a placeholder Parameter carrying ``same_as`` and its
    note; :func:`_resolve_links` fills in the root's value.
    """
    problems = []
    if "same_as" in raw:
        own = sorted(set(raw) - set(_LINK_FIELDS))
        if own:
            problems.append(
                f"{key}: a linked key (same_as {raw['same_as']!r}) takes the root's value, "
                f"unit, year, source, status and uncertainty; remove its own {', '.join(own)}"
            )
        if not isinstance(raw["same_as"], str) or not raw["same_as"].strip():
            problems.append(f"{key}: same_as must be the key of another parameter")
        if not isinstance(raw.get("note", ""), str):
            problems.append(f"{key}: note must be text, found {raw['note']!r}")
        if problems:
            return None, problems
        return Parameter(
            key=key,
            value=math.nan,
            unit="",
            year=None,
            source="",
            status="",
            uncertainty=None,
            note=raw.get("note", ""),
            same_as=raw["same_as"].strip(),
        ), []
    unknown = sorted(set(raw) - set(_ENTRY_FIELDS))
    if unknown:
        problems.append(
            f"{key}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(_ENTRY_FIELDS)}"
        )
    missing = [f for f in _ENTRY_REQUIRED_FIELDS if f not in raw]
    if missing:
        problems.append(f"{key}: missing field(s) {', '.join(missing)}")
    value = raw.get("value")
    if "value" in raw and not _is_number(value):
        problems.append(f"{key}: value must be a number, found {value!r}")
    for f in ("unit", "source", "status", "note"):
        if f in raw and not isinstance(raw[f], str):
            problems.append(f"{key}: {f} must be text, found {raw[f]!r}")
    unc = raw.get("uncertainty")
    if unc is not None and not isinstance(unc, Mapping):
        problems.append(f"{key}: uncertainty must be a table, found {unc!r}")
    if problems:
        return None, problems
    return Parameter(
        key=key,
        value=float(cast(float, value)),  # checked to be a number above
        unit=raw["unit"].strip(),
        year=raw.get("year"),
        source=raw["source"],
        status=raw["status"],
        uncertainty=None if unc is None else dict(unc),
        note=raw.get("note", ""),
    ), []


@functools.lru_cache(maxsize=16)
def _parsed(text: str, origin: str, fallback_name: str) -> Parameters:
    """:func:`_parse`, kept for the same text: reading and validating a set (TOML parsing in
    pure Python) is tens of milliseconds, and the packaged sets are loaded by every call
    that is given a set's name. Never handed out: :func:`load_parameters` returns a copy."""
    return _parse(text, origin, fallback_name)


def _copy(params: Parameters) -> Parameters:
    """Another :class:`Parameters` object with the same content (its own dicts; the
    frozen records are shared: nothing hands them out uncopied, see ``entry``)."""
    new = object.__new__(Parameters)
    new.__setstate__(
        {k: dict(v) if isinstance(v, dict) else v for k, v in params.__getstate__().items()}
    )
    return new


def _parse(text: str, origin: str, fallback_name: str) -> Parameters:
    doc = _load_toml(text, f"Parameter set {origin}")
    problems: list[str] = []
    meta = doc.pop("meta", None)
    if not isinstance(meta, Mapping):
        problems.append("the [meta] table is missing")
        meta = {}
    raw_entries: dict[str, dict] = {}
    _flatten(doc, "", raw_entries, problems)
    entries = {}
    for key, raw in raw_entries.items():
        p, entry_problems = _parse_entry(key, raw)
        problems += entry_problems
        if p is not None:
            entries[key] = p
    entries, link_problems = _resolve_links(entries)
    problems += link_problems
    entries, formula_problems = _apply_formula_links(entries, check=True)
    problems += formula_problems
    # report parse problems together with everything else that is wrong, in one error
    _raise(origin, problems + _set_problems(meta, entries, present=raw_entries))
    return Parameters(str(meta.get("name", fallback_name)), meta, entries, origin=origin)


def _packaged_dir():
    return resources.files("remotecalc.data").joinpath("parameters")


def _packaged_sets() -> dict[str, Any]:
    return {
        f.name[: -len(".toml")]: f for f in _packaged_dir().iterdir() if f.name.endswith(".toml")
    }


def _looks_like_path(x: str | Path) -> bool:
    s = str(x)
    return isinstance(x, Path) or s.endswith(".toml") or "/" in s or "\\" in s


def load_parameters(name_or_path: str | Path = DEFAULT_SET) -> Parameters:
    """Load and validate a parameter set.

    Parameters
    ----------
    name_or_path : str or pathlib.Path, default "dk-2025"
        Name of a packaged set (see :func:`list_parameter_sets`) or the path of a user's own
        TOML file in the same format.

    Returns
    -------
    remotecalc.inputs.parameters.Parameters
        The validated set.

    Raises
    ------
    ParameterError
        Unknown set name, unreadable file, invalid TOML, or a set that fails validation
        (missing keys, wrong units, values out of range, ...); the message names the file and
        every problem.

    Examples
    --------
    >>> params = load_parameters("uk-desnz-2025")
    >>> params["home.co2e_kg_per_fte_hour"], params.currency
    (0.33378, 'GBP')
    """
    if _looks_like_path(name_or_path):
        path = Path(name_or_path)
        if not path.is_file():
            raise ParameterError(f"Parameter file not found: {path}")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ParameterError(f"Parameter file {path} cannot be read: {exc}") from None
        return _copy(_parsed(text, f"file {path}", path.stem))
    sets = _packaged_sets()
    name = str(name_or_path)
    if name not in sets:
        raise ParameterError(
            f"No packaged parameter set named {name!r}; available: "
            f"{', '.join(sorted(sets))}.{_close(name, list(sets))} "
            "A file path must end in .toml."
        )
    return _copy(_parsed(sets[name].read_text(encoding="utf-8"), f"'{name}' (packaged)", name))


def _variants_dir():
    return _packaged_dir().joinpath("variants")


def list_parameter_variants() -> list[str]:
    """Names of the packaged parameter variants (:meth:`Parameters.with_variant`).

    Examples
    --------
    >>> "long-run" in list_parameter_variants()
    True
    """
    return sorted(
        f.name[: -len(".toml")] for f in _variants_dir().iterdir() if f.name.endswith(".toml")
    )


def _variant_text(variant: str | Path) -> tuple[str, str, str]:
    """(name, TOML text, origin for messages) of a packaged variant or a variant file."""
    if _looks_like_path(variant):
        path = Path(variant)
        try:
            return path.stem, path.read_text(encoding="utf-8-sig"), f"file {path}"
        except (OSError, UnicodeDecodeError) as exc:
            raise ParameterError(f"Parameter variant file {path} cannot be read: {exc}") from None
    name = str(variant)
    known = list_parameter_variants()
    if name not in known:
        raise ParameterError(
            f"No packaged parameter variant named {name!r}; available: {', '.join(known)}."
            + _close(name, known)
        )
    text = _variants_dir().joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return name, text, f"'{name}' (packaged)"


def list_parameter_sets() -> pd.DataFrame:
    """List the packaged parameter sets.

    Returns
    -------
    pandas.DataFrame
        One row per set; columns ``name, description, country, currency, year,
        emission_scope``.

    Examples
    --------
    >>> "dk-2025" in set(list_parameter_sets()["name"])
    True
    """
    cols = ["name", "description", "country", "currency", "year", "emission_scope"]
    rows = []
    for name, f in sorted(_packaged_sets().items()):
        meta = _meta_of(f.read_text(encoding="utf-8"))
        rows.append({"name": name, **{c: meta.get(c) for c in cols[1:]}})
    return pd.DataFrame(rows, columns=cols)


@functools.lru_cache(maxsize=16)
def _meta_of(text: str) -> dict[str, Any]:
    """The ``[meta]`` table of a parameter file's text, parsed once per process per text
    (the whole file is parsed to reach it: about 0.1 s; the explorer lists the sets on
    every start). Callers read it and do not change it."""
    meta: dict[str, Any] = tomllib.loads(text).get("meta", {})
    return meta
