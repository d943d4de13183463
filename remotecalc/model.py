"""Orchestration: ``assess(workforce, scenario, params)`` -> :class:`Assessment`.

Baseline (today) and scenario run through the same functions with different on-site days
and office space; every change is scenario − baseline, never a separate formula. This module
only calls the model functions in order (commute, emissions, home/rebound, office, costs)
and arranges their results.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import commute, costs, emissions, home, office
from ._numeric import positions
from .errors import ScenarioError
from .parameters import Parameters, load_parameters
from .policy import onsite_days_under_policy
from .scenario import Scenario
from .workforce import Workforce

__all__ = ["assess", "prepare", "Assessment", "Prepared", "METRICS", "SITE_METRICS",
           "DEFAULT_MIN_GROUP_SIZE"]

#: Reports and ``by()`` never show a group smaller than this.
DEFAULT_MIN_GROUP_SIZE = 5

#: Per-employee metrics: name -> (unit template, perspective, label). ``{cur}`` = currency.
METRICS: dict[str, tuple[str, str, str]] = {
    "onsite_days": ("days/yr", "employee", "On-site days"),
    "home_days": ("days/yr", "employee", "Home-working days"),
    "commute_km": ("km/yr", "employee", "Commute distance"),
    "commute_hours": ("h/yr", "employee", "Commute time"),
    "commute_co2e_kg": ("kg CO2e/yr", "climate", "Commute CO2e"),
    "home_energy_co2e_kg": ("kg CO2e/yr", "climate", "Home energy CO2e (rebound)"),
    "noncommute_km": ("km/yr", "employee", "Extra non-commute travel (rebound)"),
    "noncommute_co2e_kg": ("kg CO2e/yr", "climate", "Non-commute travel CO2e (rebound)"),
    "ict_co2e_kg": ("kg CO2e/yr", "climate", "Extra ICT CO2e of home days"),
    "employee_co2e_kg": ("kg CO2e/yr", "climate", "Travel and home CO2e"),
    "travel_cost": ("{cur}/yr", "employee", "Travel cost (running cost, fares)"),
    "home_energy_cost": ("{cur}/yr", "employee", "Home energy cost"),
    "deduction_tax_value": ("{cur}/yr", "employee", "Tax value of commuting deduction"),
    "employee_net_cost": ("{cur}/yr", "employee", "Net money cost to the employee"),
    "time_value": ("{cur}/yr", "employee", "Value of commuting time"),
    "external_cost": ("{cur}/yr", "society", "External costs of car travel (commute and "
                                             "rebound trips)"),
    "fiscal_cost": ("{cur}/yr", "state", "State revenue forgone (commuting deduction)"),
}

#: Per-site metrics: name -> (unit template, perspective, label).
SITE_METRICS: dict[str, tuple[str, str, str]] = {
    "desks_needed": ("desks", "employer", "Desks needed at the service level"),
    "area_m2": ("m2", "employer", "Office area held"),
    "area_released_m2": ("m2", "employer", "Office area given up"),
    "attendee_days": ("days/yr", "employer", "Attendee-days"),
    "seat_cost": ("{cur}/yr", "employer", "Rent and operating cost"),
    "occupancy_cost": ("{cur}/yr", "employer", "Occupancy cost (cleaning, consumables)"),
    "office_cost": ("{cur}/yr", "employer", "Office cost"),
    "office_co2e_kg": ("kg CO2e/yr", "climate", "Office CO2e (energy and embodied)"),
}


def _is_dask(frame) -> bool:
    """True for a Dask DataFrame or Series (without importing Dask)."""
    return type(frame).__module__.startswith("dask")


def _resolve_params(params) -> Parameters:
    if params is None:
        return load_parameters("dk-2025")
    if isinstance(params, Parameters):
        return params
    return load_parameters(params)


def _one_way_km(workforce: Workforce, modes: pd.DataFrame) -> np.ndarray:
    """Given one-way km where present, else great-circle × circuity of the mode."""
    staff = workforce.staff
    circuity = modes["circuity"].to_numpy()[_mode_pos(staff, modes)]
    from .geography import road_distance_km

    road = road_distance_km(workforce.great_circle_km().to_numpy(), circuity)
    if "one_way_km" in staff.columns:
        given = staff["one_way_km"].to_numpy(dtype=float)
        return np.where(np.isnan(given), road, given)
    return road


def _mode_pos(staff: pd.DataFrame, modes: pd.DataFrame) -> np.ndarray:
    mode = staff["mode"]
    if isinstance(mode.dtype, pd.CategoricalDtype):  # map the few categories, not every row
        cat_pos = modes.index.get_indexer(mode.cat.categories.astype(str))
        codes = mode.cat.codes.to_numpy()
        pos = np.where(codes >= 0, cat_pos[codes], -1)
    else:
        pos = modes.index.get_indexer(mode.astype(str))
    if (pos < 0).any():
        bad = sorted(set(staff["mode"].astype(str)[pos < 0]))
        raise ScenarioError(f"the parameter set has no factors for mode(s) {bad}")
    return pos


@dataclass(frozen=True)
class _Inputs:
    """Everything per employee that does not depend on the scenario (computed once)."""

    one_way_km: np.ndarray
    fte: np.ndarray
    onsite_today: np.ndarray
    teleworkable: np.ndarray
    minutes: np.ndarray | None
    co2e_kg_per_pkm: np.ndarray
    vkm_per_pkm: np.ndarray
    speed: np.ndarray
    cost_per_km: np.ndarray
    external_per_vkm: np.ndarray
    noncommute_factor: float
    noncommute_cost_per_km: float
    noncommute_external_per_km: float


def _teleworkable_notes(n_missing: int) -> list[str]:
    if not n_missing:
        return []
    return [f"{n_missing:,} employee(s) without a teleworkable value: taken as fully "
            "teleworkable (1.0), so the policy's remote days are not capped for them"]


def _prepare(workforce: Workforce, params: Parameters) -> tuple[_Inputs, list[str]]:
    staff = workforce.staff
    modes = params.mode_table()
    pos = _mode_pos(staff, modes)
    tele = staff["teleworkable"].to_numpy(dtype=float) if "teleworkable" in staff.columns \
        else np.full(len(staff), np.nan)
    missing = np.isnan(tele)
    notes = _teleworkable_notes(int(missing.sum()))
    if missing.any():
        tele = np.where(missing, 1.0, tele)
    per_v = modes["per_vehicle_km"].to_numpy(dtype=bool)[pos]
    occ = modes["occupancy"].to_numpy(dtype=float)[pos]
    share = params.noncommute_mode_share()
    nc_modes = modes.reindex(share.index)
    minutes = staff["commute_minutes_one_way"].to_numpy(dtype=float) \
        if "commute_minutes_one_way" in staff.columns else None
    return _Inputs(
        one_way_km=_one_way_km(workforce, modes),
        fte=staff["fte"].to_numpy(dtype=float),
        onsite_today=staff["onsite_days_per_week"].to_numpy(dtype=float),
        teleworkable=tele,
        minutes=minutes,
        co2e_kg_per_pkm=modes["co2e_kg_per_pkm"].to_numpy(dtype=float)[pos],
        vkm_per_pkm=emissions.vehicle_km_per_year(1.0, occ, per_v),
        speed=modes["speed_km_per_h"].to_numpy(dtype=float)[pos],
        cost_per_km=modes["cost_per_km"].to_numpy(dtype=float)[pos],
        external_per_vkm=modes["external_cost_per_vkm"].to_numpy(dtype=float)[pos],
        noncommute_factor=float((share * nc_modes["co2e_kg_per_pkm"]).sum()),
        noncommute_cost_per_km=float((share * nc_modes["cost_per_km"]).sum()),
        noncommute_external_per_km=float((share * nc_modes["external_cost_per_vkm"]
                                          * emissions.vehicle_km_per_year(
                                              1.0, nc_modes["occupancy"],
                                              nc_modes["per_vehicle_km"])).sum()),
    ), notes


@dataclass(frozen=True)
class Prepared:
    """Work that does not depend on the scenario, done once per workforce and parameter set.

    Build it with :func:`prepare`; pass it to :func:`assess` (``prepared=``) to assess many
    scenarios without recomputing geography, distances and mode factors, and without
    recomputing the baseline.
    """

    workforce: Workforce
    params: Parameters
    inputs: _Inputs
    notes: tuple
    baseline: dict
    """Per-employee baseline results (``_employee_state`` of today's on-site days)."""
    baseline_desks: pd.DataFrame
    """Per-site desk demand today, at the service level it was computed for."""
    baseline_service_level: float
    site_code: np.ndarray | None = None
    """Position of each employee's site in ``workforce.sites`` (-1: not there)."""


def prepare(workforce: Workforce, params=None, service_level: float = 0.95) -> Prepared:
    """Do the scenario-independent work of :func:`assess` once.

    Parameters
    ----------
    workforce : Workforce
    params : Parameters or str, optional
        Default ``"dk-2025"``.
    service_level : float, default 0.95
        Service level of today's desk demand (recomputed by ``assess`` when a scenario asks
        for another).

    Returns
    -------
    Prepared
    """
    if _is_dask(getattr(workforce, "staff", None)):
        raise TypeError("this analysis needs the staff in memory: pass workforce.to_pandas() "
                        "(assess, sweep and monte_carlo run on Dask as they are)")
    p = _resolve_params(params)
    inp, notes = _prepare(workforce, p)
    base = _employee_state(inp, inp.onsite_today, p)
    code = _site_codes(workforce)
    desks_b = _site_desks(workforce, inp.onsite_today, base["onsite_days"], service_level,
                          None, None, site_code=code)
    return Prepared(workforce, p, inp, tuple(notes), base, desks_b, service_level, code)


def _employee_state(inp: _Inputs, onsite_per_week: np.ndarray, p: Parameters,
                    rebound: bool = True) -> dict[str, np.ndarray]:
    """Annual per-employee results for one state (baseline or scenario)."""
    wd = p["workdays_per_year"]
    s = commute.onsite_days_per_year(inp.fte, onsite_per_week, wd)
    h = commute.home_days_per_year(inp.fte, onsite_per_week, wd)
    km = commute.annual_commute_km(inp.one_way_km, s)
    hours = commute.annual_commute_hours(inp.one_way_km, s, inp.speed, inp.minutes)
    co2 = emissions.commute_co2e_kg_per_year(km, inp.co2e_kg_per_pkm)
    energy = home.home_energy_kwh_per_year(h, p["home.extra_electricity_kwh_per_day"],
                                           p["home.extra_heat_kwh_per_day"],
                                           p["home.heating_season_share"])
    home_co2 = home.home_energy_co2e_kg_per_year(
        h, p["home.extra_electricity_kwh_per_day"], p["home.extra_heat_kwh_per_day"],
        p["home.heating_season_share"], p["energy.electricity_co2e_kg_per_kwh"],
        p["energy.heat_co2e_kg_per_kwh"], p["home.co2e_kg_per_fte_hour"],
        p["hours_per_workday"])
    nc_km = home.noncommute_km_per_year(inp.one_way_km, h,
                                        p["rebound.noncommute_share_of_avoided_km"],
                                        p["rebound.noncommute_km_per_home_day"])
    nc_co2 = nc_km * inp.noncommute_factor
    ict = home.ict_co2e_kg_per_year(h, p["ict.co2e_kg_per_workday"])  # extra ICT of a home day
    travel_cost = (costs.travel_cost_per_year(km, inp.cost_per_km)
                   + costs.travel_cost_per_year(nc_km, inp.noncommute_cost_per_km))
    energy_cost = (energy.electricity_kwh * p["energy.electricity_price_per_kwh"]
                   + energy.heat_kwh * p["energy.heat_price_per_kwh"])
    deduction = costs.commuting_deduction_per_year(
        inp.one_way_km, s, p["deduction.threshold_km_round_trip"],
        p["deduction.upper_km_round_trip"], rate_per_km=p["deduction.rate_per_km"],
        rate_above_upper_per_km=p["deduction.rate_above_upper_per_km"])
    tax_value = costs.fiscal_effect_per_year(deduction, p["deduction.marginal_tax_value"])
    out = {
        "onsite_days": s, "home_days": h, "commute_km": km, "commute_hours": hours,
        "commute_co2e_kg": co2, "home_energy_co2e_kg": home_co2, "noncommute_km": nc_km,
        "noncommute_co2e_kg": nc_co2, "ict_co2e_kg": ict,
        "employee_co2e_kg": co2 + home_co2 + nc_co2 + ict,
        "travel_cost": travel_cost, "home_energy_cost": energy_cost,
        "deduction_tax_value": tax_value,
        "employee_net_cost": travel_cost + energy_cost - tax_value,
        "time_value": costs.value_of_time_per_year(hours, p["cost.value_of_time_per_hour"]),
        "external_cost": costs.external_cost_per_year(km * inp.vkm_per_pkm, inp.external_per_vkm)
        + costs.external_cost_per_year(nc_km, inp.noncommute_external_per_km),
        "fiscal_cost": tax_value,
    }
    n = len(inp.fte)
    return {k: (np.asarray(v, dtype=float) if np.shape(v) == (n,)
                else np.full(n, float(np.asarray(v).ravel()[0]) if np.size(v) else 0.0))
            for k, v in out.items()}


def _scenario_onsite(workforce: Workforce, scenario: Scenario, inp: _Inputs,
                     uptake: float | None = None, check_selects: bool = True
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Expected on-site days per week of each employee under a scenario, and whom it applies to.

    ``uptake`` replaces the scenario's uptake when given (on-site days are linear in it, which
    ``remotecalc.analysis`` uses for uptake uncertainty). ``check_selects=False`` leaves the
    check that ``applies_to`` selects somebody to the caller (a partition may select nobody
    while the whole does not).
    """
    staff = workforce.staff
    applies = np.ones(len(staff), dtype=bool)
    for col, values in scenario.applies_to.items():
        if col not in staff.columns:
            raise ScenarioError(f"scenario '{scenario.name}': applies_to names column '{col}', "
                                f"which the staff data does not have")
        applies &= staff[col].astype(str).isin(values).to_numpy()
    if check_selects and scenario.applies_to and not applies.any():
        _selects_nobody(scenario)
    wanted = None
    if scenario.wanted_days_column is not None:
        if scenario.wanted_days_column not in staff.columns:
            raise ScenarioError(f"scenario '{scenario.name}': wanted_days_column "
                                f"'{scenario.wanted_days_column}' is not a staff column")
        wanted = pd.to_numeric(staff[scenario.wanted_days_column], errors="coerce"
                               ).to_numpy(dtype=float)
    onsite_s = onsite_days_under_policy(inp.onsite_today, inp.teleworkable,
                                        scenario.remote_days_per_week,
                                        scenario.uptake if uptake is None else uptake,
                                        applies if scenario.applies_to else True,
                                        remote_days_wanted=wanted)
    return np.asarray(onsite_s, dtype=float) * np.ones(len(staff)), applies


def _selects_nobody(scenario: Scenario):
    raise ScenarioError(f"scenario '{scenario.name}': applies_to "
                        f"{dict(scenario.applies_to)} selects nobody")


def _site_codes(workforce: Workforce) -> np.ndarray:
    """Position of each employee's site in ``workforce.sites`` (-1: not in the table).

    Positions in the sites table, not in the staff, so that the codes of any subset of the
    staff (a partition of a Dask DataFrame) agree with those of the whole.
    """
    return positions(workforce.staff["site_id"], workforce.sites["site_id"])


@dataclass(frozen=True)
class DeskCounts:
    """How many employees of each site have each distinct on-site share of the week.

    Desk demand depends on the employees only through these counts (attendance is a sum of
    independent Bernoulli days), so they are all a partition of the staff must hand on for
    the desks of the whole to be computed; counts of partitions add up (:meth:`merge`).
    Sorted by site, then share.
    """

    site: np.ndarray
    """Site position in the sites table. [-]"""
    p_week: np.ndarray
    """Expected on-site days per calendar week (on-site days × fte, 0-5). [days/week]"""
    count: np.ndarray
    """Employees with that site and share. [persons]"""

    @classmethod
    def of(cls, site_code: np.ndarray, p_week: np.ndarray) -> DeskCounts:
        """Counts of the (site, share) pairs of some employees (site -1 is left out)."""
        ok = site_code >= 0
        site_code, p_week = site_code[ok], p_week[ok]
        inv, uniq = pd.factorize(p_week, use_na_sentinel=False)  # hashing: few distinct values
        rank = np.empty(len(uniq), dtype=np.int64)
        rank[np.argsort(uniq, kind="stable")] = np.arange(len(uniq))
        width = max(len(uniq), 1)
        key = site_code.astype(np.int64) * width + rank[inv]
        if len(key) == 0:
            return cls(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=np.int64))
        n_bins = int(key.max()) + 1
        if n_bins <= 4 * len(key) + 1_000_000:  # counting beats sorting when bins are few
            count = np.bincount(key, minlength=n_bins)
            keys = np.flatnonzero(count)
            count = count[keys]
        else:
            keys, count = np.unique(key, return_counts=True)
        return cls(keys // width, np.sort(uniq)[keys % width], count)

    @classmethod
    def merge(cls, parts) -> DeskCounts:
        """The counts of the union of disjoint groups of employees."""
        parts = list(parts)
        frame = pd.DataFrame({"site": np.concatenate([c.site for c in parts]),
                              "p": np.concatenate([c.p_week for c in parts]),
                              "n": np.concatenate([c.count for c in parts])})
        g = frame.groupby(["site", "p"], sort=True)["n"].sum()
        return cls(g.index.get_level_values(0).to_numpy(dtype=np.int64),
                   g.index.get_level_values(1).to_numpy(dtype=float), g.to_numpy())


def _desk_counts(workforce: Workforce, onsite_per_week: np.ndarray,
                 site_code: np.ndarray | None = None) -> DeskCounts:
    # the chance of being on site on a weekday carries the part-time share
    p_week = np.clip(onsite_per_week * workforce.staff["fte"].to_numpy(dtype=float), 0, 5)
    return DeskCounts.of(_site_codes(workforce) if site_code is None else site_code, p_week)


def _desks_from_counts(counts: DeskCounts, sites: pd.DataFrame, employees: np.ndarray,
                       attendee_days: np.ndarray, service_level: float,
                       desk_ratio: float | None, profile, peak_label: bool = True
                       ) -> pd.DataFrame:
    """Per-site desk demand and attendee-days for one state, from its :class:`DeskCounts`.

    ``employees`` and ``attendee_days`` are per site of ``sites`` (in its order). Desks come
    from :func:`remotecalc.office.desks_needed_grouped` (each distinct weekday once, exact
    Binomial convolution up to 3,000 people); with ``peak_label=False`` the peak weekday is
    not named (``"-"``); the desks are the same.
    """
    n_sites = len(sites)
    bounds = np.searchsorted(counts.site, np.arange(n_sites + 1))
    desks = np.zeros(n_sites)
    peak = np.full(n_sites, np.nan, dtype=object)
    for j in np.flatnonzero(employees > 0):  # one iteration per site, vectorised within
        if desk_ratio is not None:
            desks[j], peak[j] = math.ceil(desk_ratio * employees[j] - 1e-9), "-"
            continue
        lo, hi = bounds[j], bounds[j + 1]
        probs_u = np.atleast_2d(office.weekday_onsite_probability(counts.p_week[lo:hi], profile))
        if peak_label:
            dd = office.desks_needed_grouped(probs_u, counts.count[lo:hi], service_level)
            desks[j], peak[j] = dd.desks, dd.peak_weekday
        else:
            desks[j] = office._grouped_weekday_desks(probs_u, counts.count[lo:hi],
                                                     service_level).max()
            peak[j] = "-"
    return pd.DataFrame({"employees": np.asarray(employees, dtype=int), "desks_needed": desks,
                         "peak_weekday": peak, "attendee_days": np.asarray(attendee_days,
                                                                           dtype=float)},
                        index=pd.Index(sites["site_id"], name="site_id"))


def _site_desks(workforce: Workforce, onsite_per_week: np.ndarray,
                onsite_days_year: np.ndarray, service_level: float, desk_ratio: float | None,
                profile, site_code: np.ndarray | None = None, peak_label: bool = True
                ) -> pd.DataFrame:
    """Per-site desk demand and attendee-days for one state (one pass over the sites)."""
    code = _site_codes(workforce) if site_code is None else site_code
    ok = code >= 0
    n_sites = len(workforce.sites)
    employees = np.bincount(code[ok], minlength=n_sites)
    attendee = np.bincount(code[ok], weights=onsite_days_year[ok], minlength=n_sites)
    counts = _desk_counts(workforce, onsite_per_week, code) if desk_ratio is None \
        else DeskCounts.of(np.zeros(0, dtype=np.int64), np.zeros(0))
    return _desks_from_counts(counts, workforce.sites, employees, attendee, service_level,
                              desk_ratio, profile, peak_label)


def _site_state(workforce: Workforce, desks: pd.DataFrame, p: Parameters, release_share: float,
                area_today: pd.Series, area_needed_today: pd.Series | None = None
                ) -> pd.DataFrame:
    """Per-site office area, cost and CO2e for one state, from its desk demand.

    Space given up is measured against the area today's own attendance needs (or today's
    area, if smaller): surplus space that exists already is not credited to a policy.
    """
    sites = workforce.sites
    out = desks.copy()
    needed_area = office.office_area_m2(out["desks_needed"], p["office.area_per_desk_m2"],
                                        p["office.support_space_share"])
    s = sites.set_index("site_id")
    releasable = s["space_can_be_released"].astype(bool) if "space_can_be_released" in s \
        else pd.Series(True, index=s.index)
    share = release_share * releasable.astype(float)
    reference = area_today if area_needed_today is None else np.minimum(area_today,
                                                                         area_needed_today)
    released = office.area_released_m2(reference, needed_area, share)
    area = area_today - released
    rent = _site_value(s, "rent_per_m2_per_year", p["office.rent_per_m2_per_year"])
    opex = _site_value(s, "operating_cost_per_m2_per_year",
                       p["office.operating_cost_per_m2_per_year"])
    el = _site_value(s, "electricity_kwh_per_m2_per_year",
                     p["office.electricity_kwh_per_m2_per_year"])
    heat = _site_value(s, "heat_kwh_per_m2_per_year", p["office.heat_kwh_per_m2_per_year"])
    seat_cost = office.seat_related_cost_per_year(area, rent, opex)
    occ_el = office.occupancy_electricity_kwh_per_year(
        out["attendee_days"], p["office.occupancy_electricity_kwh_per_attendee_day"])
    occ_cost = office.occupancy_cost_per_year(out["attendee_days"],
                                              p["office.occupancy_cost_per_attendee_day"])
    grid = p["energy.electricity_co2e_kg_per_kwh"]
    co2 = (office.seat_related_energy_kwh_per_year(area, el) * grid
           + office.seat_related_energy_kwh_per_year(area, heat) * p["energy.heat_co2e_kg_per_kwh"]
           + office.embodied_co2e_kg_per_year(area, p["office.embodied_co2e_kg_per_m2_per_year"])
           + occ_el * grid)
    out["area_needed_m2"] = needed_area
    out["area_m2"] = area
    out["area_released_m2"] = released
    out["seat_cost"] = seat_cost
    out["occupancy_cost"] = occ_cost
    out["office_cost"] = seat_cost + occ_cost
    out["office_co2e_kg"] = co2
    return out


def _site_value(s: pd.DataFrame, col: str, default: float) -> pd.Series:
    if col in s.columns:
        return s[col].astype(float).fillna(default)
    return pd.Series(default, index=s.index, dtype=float)


def _summary_table(totals: dict, one_off: float, scenario: Scenario,
                   parameters: Parameters) -> pd.DataFrame:
    """The tidy table of :meth:`Assessment.summary` from the totals of both states.

    ``totals`` maps every metric of :data:`METRICS` and :data:`SITE_METRICS` to its
    (baseline, scenario) totals in the metric's own unit; ``one_off`` is the one-off cost.
    """
    def _unit(template: str) -> str:
        return template.format(cur=parameters.currency)

    rows = []
    for m, (unit, persp, label) in METRICS.items():
        b, s = totals[m]
        unit = _unit(unit)
        if unit.startswith("kg CO2e"):
            b, s, unit = b / 1000.0, s / 1000.0, unit.replace("kg", "t", 1)
        rows.append((m, label, unit, persp, b, s))
    for m, (unit, persp, label) in SITE_METRICS.items():
        b, s = totals[m]
        unit = _unit(unit)
        if unit.startswith("kg CO2e"):
            b, s, unit = b / 1000.0, s / 1000.0, unit.replace("kg", "t", 1)
        rows.append((m, label, unit, persp, b, s))
    tab = pd.DataFrame(rows, columns=["metric", "label", "unit", "perspective", "baseline",
                                      "scenario"])
    tab = tab.set_index("metric")
    net_co2 = tab.loc["employee_co2e_kg", ["baseline", "scenario"]] \
        + tab.loc["office_co2e_kg", ["baseline", "scenario"]]
    tab.loc["net_co2e_t"] = ["Net CO2e (travel, home and office)", "t CO2e/yr", "climate",
                             net_co2["baseline"], net_co2["scenario"]]
    net_cost = tab.loc["employee_net_cost", ["baseline", "scenario"]] \
        + tab.loc["office_cost", ["baseline", "scenario"]]
    tab.loc["net_cost"] = ["Net money cost (employees' travel and home energy + employer's "
                           "offices)", _unit("{cur}/yr"), "employee+employer",
                           net_cost["baseline"], net_cost["scenario"]]
    # one-off and present values
    r, n = _discount_rate(scenario, parameters), _horizon_years(scenario, parameters)
    from .costs import npv
    cur = parameters.currency
    for key, label, persp in (("employee_net_cost", "employee money", "employee"),
                              ("office_cost", "employer office cost", "employer")):
        b, s = tab.loc[key, "baseline"], tab.loc[key, "scenario"]
        extra = one_off if persp == "employer" else 0.0
        tab.loc[f"npv_{key}"] = [f"Present value of {label} over {n:g} yr at {r:.1%}",
                                 cur, persp, float(npv(b, r, n)),
                                 float(npv(s, r, n, one_off=extra))]
    tab.loc["one_off_home_office_cost"] = ["One-off home-office equipment", cur, "employer",
                                           0.0, one_off]
    tab["change"] = tab["scenario"] - tab["baseline"]
    tab.insert(0, "scenario_name", scenario.name)
    return tab.reset_index()


def _one_off_cost(onsite_baseline: np.ndarray, onsite_scenario: np.ndarray, scenario: Scenario,
                  parameters: Parameters) -> float:
    """One-off home-office kit: employees who gain remote days, weighted by uptake. [currency]"""
    gained = onsite_scenario < onsite_baseline - 1e-9
    uptake_weighted = gained.sum() * scenario.uptake
    return float(uptake_weighted * parameters["cost.home_office_equipment_per_employee"])


def _discount_rate(scenario: Scenario, parameters: Parameters) -> float:
    return scenario.discount_rate if scenario.discount_rate is not None \
        else parameters["finance.discount_rate"]


def _horizon_years(scenario: Scenario, parameters: Parameters) -> float:
    return scenario.horizon_years if scenario.horizon_years is not None \
        else parameters["finance.horizon_years"]


@dataclass(frozen=True, repr=False)
class Assessment:
    """What a scenario changes against today's baseline: per employee, per site and in total.

    Attributes
    ----------
    per_employee : pandas.DataFrame
        One row per employee: ids, organisational columns, ``one_way_km`` [km],
        ``onsite_days_per_week_baseline/_scenario`` [days/week], and for every metric in
        :data:`METRICS` the columns ``<metric>_baseline``, ``<metric>_scenario`` and
        ``<metric>_change`` (annual values, units in ``METRICS``).
    per_site : pandas.DataFrame
        One row per site: employees, desks today, and for every metric in
        :data:`SITE_METRICS` the baseline, scenario and change columns.
    scenario : Scenario
        The scenario assessed.
    parameters : Parameters
        The parameter set used (with any overrides).
    workforce_provenance : dict
        Where the staff data came from and its row accounting.
    notes : list of str
        Assumptions made on the way (e.g. employees without a teleworkable value).
    min_group_size : int
        Groups smaller than this are suppressed by :meth:`by` and in reports.
    totals : dict or None
        (baseline, scenario) totals of every metric in :data:`METRICS`, when they were summed
        while assessing (the Dask path, whose ``per_employee`` is a lazy Dask DataFrame);
        None: :meth:`summary` sums ``per_employee``.
    """

    per_employee: pd.DataFrame
    per_site: pd.DataFrame
    scenario: Scenario
    parameters: Parameters
    workforce_provenance: dict
    notes: list = field(default_factory=list)
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    totals: dict | None = None
    one_off: float | None = None
    employees: int | None = None

    @property
    def n_employees(self) -> int:
        """Number of employees assessed."""
        return len(self.per_employee) if self.employees is None else int(self.employees)

    @property
    def is_lazy(self) -> bool:
        """True when ``per_employee`` is a Dask DataFrame (computed when used or written)."""
        return _is_dask(self.per_employee)

    @property
    def currency(self) -> str:
        return self.parameters.currency

    def _unit(self, template: str) -> str:
        return template.format(cur=self.currency)

    def summary(self) -> pd.DataFrame:
        """Headline totals, tidy: metric, unit, perspective, baseline, scenario, change.

        CO₂e is reported in tonnes; money in the parameter set's currency per year, plus net
        present values over the horizon at the discount rate.
        """
        e, site = self.per_employee, self.per_site
        totals = dict(self.totals) if self.totals is not None else {
            m: (e[f"{m}_baseline"].sum(), e[f"{m}_scenario"].sum()) for m in METRICS}
        totals.update({m: (site[f"{m}_baseline"].sum(), site[f"{m}_scenario"].sum())
                       for m in SITE_METRICS})
        return _summary_table(totals, self.one_off_cost(), self.scenario, self.parameters)

    @property
    def discount_rate(self) -> float:
        return _discount_rate(self.scenario, self.parameters)

    @property
    def horizon_years(self) -> float:
        return _horizon_years(self.scenario, self.parameters)

    def one_off_cost(self) -> float:
        """One-off home-office equipment for employees who gain remote days. [currency]

        Expected value over uptake, like every other result: each eligible employee who
        gains remote days takes them up with probability ``uptake``.
        """
        if self.one_off is not None:
            return float(self.one_off)
        e = self.per_employee
        return _one_off_cost(e["onsite_days_per_week_baseline"].to_numpy(),
                             e["onsite_days_per_week_scenario"].to_numpy(), self.scenario,
                             self.parameters)

    def by(self, column: str, metrics=None, min_group_size: int | None = None) -> pd.DataFrame:
        """Totals of the change per group, suppressing groups smaller than the minimum size.

        Parameters
        ----------
        column : str
            A column of ``per_employee`` (department, unit, site_id, mode, ...).
        metrics : list of str, optional
            Metrics from :data:`METRICS` (default: all).
        min_group_size : int, optional
            Default the assessment's (5). Suppressed groups keep their row with
            ``suppressed = True`` and no numbers, so no small group can be identified.

        Returns
        -------
        pandas.DataFrame
            Index the groups; ``employees`` and ``<metric>_change`` sums, plus the mean
            change per employee for time and money (``_change_per_employee``).
        """
        k = self.min_group_size if min_group_size is None else min_group_size
        e = self.per_employee
        if column not in e.columns:
            raise KeyError(f"no column '{column}' in per_employee; available: "
                           f"{', '.join(c for c in e.columns if not c.endswith(('_baseline', '_scenario', '_change')))}")
        metrics = list(METRICS) if metrics is None else list(metrics)
        cols = [f"{m}_change" for m in metrics]
        if _is_dask(e):  # sums per group on the cluster; only the group totals come back
            import dask

            g = e[[column, *cols]].groupby(column, observed=True)
            sums, size = dask.compute(g[cols].sum(), g.size())
            out = sums.sort_index()
            out.insert(0, "employees", size.reindex(out.index))
        else:
            g = e.groupby(column, observed=True, sort=True)
            out = g[cols].sum()
            out.insert(0, "employees", g.size())
        for m in ("commute_hours", "employee_net_cost"):
            if m in metrics:
                out[f"{m}_change_per_employee"] = out[f"{m}_change"] / out["employees"]
        small = out["employees"] < k
        out.loc[small, out.columns] = np.nan
        out["suppressed"] = small
        return out

    def to_excel(self, path, include_employees: bool = False) -> Path:
        """Write summary, sites, assumptions, scenario and data accounting to an XLSX file.

        Per-employee rows are personal data and are only written with
        ``include_employees=True``. Units are in the headers. A site with fewer employees
        than ``min_group_size`` (but some) is a small group: its row keeps its name and
        ``suppressed = True`` but no numbers, as in :meth:`by`.
        """
        if include_employees and (self.is_lazy or self.n_employees > 1_048_575):
            raise ValueError(f"{self.n_employees:,} employees do not fit on an Excel sheet "
                             "(1,048,576 rows); write them with to_parquet() instead")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        summ = self.summary()
        site_cols = {c: f"{c} [{self._unit(SITE_METRICS.get(c.rsplit('_', 1)[0], ('', '', ''))[0])}]"
                     if c.rsplit("_", 1)[0] in SITE_METRICS else c for c in self.per_site.columns}
        sites = self.per_site.copy()
        small = (sites["employees"] > 0) & (sites["employees"] < self.min_group_size)
        for c in sites.columns.drop(["site_id", "site_name", "site_type"], errors="ignore"):
            sites[c] = sites[c].where(~small)
        sites["suppressed"] = small
        sites = sites.rename(columns=site_cols)
        prov = self.workforce_provenance
        accounting = pd.DataFrame({"item": ["file", "sha256", "rows read", "rows used",
                                            "rows excluded"],
                                   "value": [prov.get("file"), prov.get("sha256"),
                                             prov.get("rows_read"), prov.get("rows_used"),
                                             prov.get("rows_excluded")]})
        scen = pd.DataFrame({"lever": list(self.scenario.model_dump().keys()),
                             "value": [str(v) for v in self.scenario.model_dump().values()]})
        with pd.ExcelWriter(path, engine="openpyxl") as xw:
            summ.to_excel(xw, sheet_name="Summary", index=False)
            sites.to_excel(xw, sheet_name="Sites")
            self.parameters.describe().to_excel(xw, sheet_name="Assumptions", index=False)
            scen.to_excel(xw, sheet_name="Scenario", index=False)
            accounting.to_excel(xw, sheet_name="Data accounting", index=False)
            pd.DataFrame({"note": self.notes or ["(none)"]}).to_excel(xw, sheet_name="Notes",
                                                                      index=False)
            if include_employees:
                self.per_employee.to_excel(xw, sheet_name="Employees", index=False)
        return path

    def to_parquet(self, path) -> Path:
        """Write the per-employee results (personal data) to Parquet.

        A pandas result is written to one file; a Dask result (``is_lazy``) to a directory
        with one file per partition, computed partition by partition on the workers (the
        results never have to fit in one machine's memory). Read it back with
        ``pandas.read_parquet`` or ``dask.dataframe.read_parquet``.

        Returns
        -------
        pathlib.Path
        """
        path = Path(path)
        if self.is_lazy:
            import warnings

            with warnings.catch_warnings():  # Dask's own use of a pandas deprecation
                warnings.filterwarnings("ignore", message="The inplace keyword")
                self.per_employee.to_parquet(str(path), write_index=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.per_employee.to_parquet(path)
        return path

    def __repr__(self) -> str:
        s = self.summary().set_index("metric")
        def line(m):
            r = s.loc[m]
            return f"  {r['label']}: {r['baseline']:,.1f} -> {r['scenario']:,.1f} {r['unit']} " \
                   f"(change {r['change']:+,.1f})"
        return "\n".join([f"<remotecalc.Assessment '{self.scenario.name}', "
                          f"{self.n_employees:,} employees, set "
                          f"{self.parameters.name}>"] + [line(m) for m in
                                                          ("commute_km", "net_co2e_t",
                                                           "office_cost")])


def assess(workforce: Workforce, scenario: Scenario, params=None, *,
           min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
           prepared: Prepared | None = None, sites=None) -> Assessment:
    """Assess a remote-work scenario against today's baseline.

    Parameters
    ----------
    workforce : Workforce
        Validated staff and sites (:func:`remotecalc.read_staffing`).
    scenario : Scenario
        The policy levers.
    params : Parameters or str, optional
        Parameter set or its name/path; default ``"dk-2025"``.
    min_group_size : int, default 5
        Smallest group :meth:`Assessment.by` and reports show.
    prepared : Prepared, optional
        From :func:`prepare` for the same workforce and parameters: skips the work that
        does not depend on the scenario (used by sweeps).
    sites : path or DataFrame, optional
        Only with a Dask DataFrame of staff as ``workforce``: its sites table.

    Returns
    -------
    Assessment
        With a :class:`~remotecalc.distributed.DaskWorkforce` (or a Dask DataFrame) the
        work runs on Dask, partition by partition (on the cluster of an active
        ``dask.distributed.Client``); ``per_employee`` is then a lazy Dask DataFrame and the
        totals are computed (:func:`remotecalc.distributed.assess_dask`).

    Notes
    -----
    Per employee *i*: working days :math:`D_i = W f_i`, on-site days
    :math:`S_i = D_i o_i / 5`, home days :math:`H_i = D_i - S_i`; commute
    :math:`2 d_i S_i` km; CO₂e = pkm × factor; rebound = home energy per home day +
    non-commute travel per home day; office per site from the peak weekday's desk demand.
    The scenario changes only :math:`o_i` (and the office area when ``release_space`` > 0);
    the change is scenario − baseline.

    Examples
    --------
    >>> import remotecalc as rc
    >>> wf = rc.datasets.demo_workforce(200, seed=3)
    >>> res = rc.assess(wf, rc.Scenario(name="none"))
    >>> float(res.summary().set_index("metric").loc["commute_km", "change"])
    0.0
    """
    if not isinstance(scenario, Scenario):
        raise TypeError("scenario must be a remotecalc.Scenario")
    if _is_dask(workforce) or _is_dask(getattr(workforce, "staff", None)):
        if prepared is not None:
            raise ValueError("prepared= is for pandas workforces; the Dask backend prepares "
                             "each partition where it is")
        from .distributed import assess_dask

        return assess_dask(workforce, scenario, params, min_group_size=min_group_size,
                           sites=sites)
    if sites is not None:
        raise TypeError("sites= is only for a Dask DataFrame of staff; a Workforce has its "
                        "sites (read_staffing(..., sites=...))")
    if prepared is None:
        prepared = prepare(workforce, params, scenario.service_level)
    elif prepared.workforce is not workforce or (
            isinstance(params, Parameters) and params is not prepared.params) or (
            isinstance(params, (str, Path)) and str(params) != prepared.params.name):
        raise ValueError("prepared= was built for another workforce or parameter set")
    p = prepared.params
    inp, notes = prepared.inputs, list(prepared.notes)
    staff = workforce.staff
    onsite_b = inp.onsite_today
    onsite_s, applies = _scenario_onsite(workforce, scenario, inp)
    base = prepared.baseline
    scen = _employee_state(inp, onsite_s, p)

    per_emp = _per_employee_frame(staff, inp, onsite_s, applies, base, scen)
    desks_b = prepared.baseline_desks
    if scenario.service_level != prepared.baseline_service_level:
        desks_b = _site_desks(workforce, onsite_b, base["onsite_days"], scenario.service_level,
                              None, None, site_code=prepared.site_code)
    desks_s = _site_desks(workforce, onsite_s, scen["onsite_days"], scenario.service_level,
                          scenario.desk_ratio, scenario.profile(),
                          site_code=prepared.site_code)
    per_site = _per_site(workforce, p, scenario, desks_b, desks_s, notes)
    return Assessment(per_employee=per_emp, per_site=per_site, scenario=scenario,
                      parameters=p, workforce_provenance=dict(workforce.provenance),
                      notes=notes + list(workforce.notes), min_group_size=min_group_size)


def _per_employee_frame(staff: pd.DataFrame, inp: _Inputs, onsite_s: np.ndarray,
                        applies: np.ndarray, base: dict, scen: dict) -> pd.DataFrame:
    """``Assessment.per_employee``: organisational columns, distance, and every metric in
    both states and their change."""
    keep = [c for c in staff.columns if c not in ("home_lat", "home_lon", "source_row",
                                                  "home_location_source")]
    per_emp = staff[keep].copy()
    per_emp["one_way_km"] = inp.one_way_km
    per_emp["onsite_days_per_week_baseline"] = inp.onsite_today
    per_emp["onsite_days_per_week_scenario"] = onsite_s
    per_emp["policy_applies"] = applies
    # one float block for all metric columns (no per-column copies at a million rows)
    names = [f"{m}_{state}" for m in METRICS for state in ("baseline", "scenario", "change")]
    block = np.empty((len(names), len(staff)))
    for i, m in enumerate(METRICS):
        block[3 * i], block[3 * i + 1] = base[m], scen[m]
        np.subtract(scen[m], base[m], out=block[3 * i + 2])
    return pd.concat([per_emp, pd.DataFrame(block.T, columns=names, index=per_emp.index,
                                            copy=False)], axis=1)


def _per_site(workforce: Workforce, p: Parameters, scenario: Scenario, desks_b: pd.DataFrame,
              desks_s: pd.DataFrame, notes: list) -> pd.DataFrame:
    """Per-site table of both states (``Assessment.per_site``) from their desk demand.

    Appends its assumptions to ``notes``.
    """
    # offices: today's area is the site's own, else what its desks (or today's demand) need
    sites = workforce.sites.set_index("site_id")
    desks_today = sites["desks"].astype(float) if "desks" in sites.columns \
        else pd.Series(np.nan, index=sites.index)
    desks_today = desks_today.fillna(desks_b["desks_needed"])
    area_today = sites["area_m2"].astype(float) if "area_m2" in sites.columns \
        else pd.Series(np.nan, index=sites.index)
    area_from_desks = office.office_area_m2(desks_today, p["office.area_per_desk_m2"],
                                            p["office.support_space_share"])
    if area_today.isna().any():
        notes.append(f"{int(area_today.isna().sum())} site(s) without area_m2: area taken as "
                     "desks × area per desk × (1 + support space)")
    area_today = area_today.fillna(area_from_desks)
    base_sites = _site_state(workforce, desks_b, p, 0.0, area_today)
    scen_sites = _site_state(workforce, desks_s, p, scenario.release_space, area_today,
                             base_sites["area_needed_m2"])
    per_site = pd.DataFrame({"employees": base_sites["employees"], "desks_today": desks_today,
                             "area_today_m2": area_today})
    for c in ("site_name", "site_type"):
        if c in sites.columns:
            per_site.insert(0, c, sites[c])
    per_site["peak_weekday_scenario"] = scen_sites["peak_weekday"]
    for m in SITE_METRICS:
        per_site[f"{m}_baseline"] = base_sites[m]
        per_site[f"{m}_scenario"] = scen_sites[m]
        per_site[f"{m}_change"] = scen_sites[m] - base_sites[m]
    if scenario.release_space == 0:
        notes.append("no office space is given up (release_space = 0): only the occupancy part "
                     "of office cost and CO2e changes")
    return per_site.reset_index()
