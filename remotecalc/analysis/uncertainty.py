"""Monte Carlo ranges: how sure are the numbers?

Every uncertain parameter is drawn from the uncertainty its parameter set declares (once, in
the set's TOML: ``uniform``, ``triangular`` or ``normal``); the same declarations drive the
Sobol analysis of :mod:`remotecalc.analysis.sensitivity`. Behavioural uncertainty (the share
who take the remote days up) can be added as a uniform range.

Speed: a full :func:`remotecalc.assess` of a million employees takes about a second, so
thousands of them are out of reach. But given the per-employee quantities that do not depend
on the parameters (on-site days, great-circle or given distances, modes, sites), every total
of the summary is a short formula in a few sums over employees. Those sums are taken once;
each draw is then evaluated on them, vectorised over draws (:class:`_FastModel`). Nothing is
approximated except desks under uncertain uptake (see :func:`monte_carlo`); the tests check
the fast path against full assessments at random draws.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from .. import commute, costs, home, model, office
from ..model import METRICS, SITE_METRICS, Assessment, assess
from ..parameters import Parameters, _allowed_range
from ..scenario import Scenario
from ..workforce import Workforce
from .sweep import _Runner, _scenarios, _show_progress, lever_values

__all__ = [
    "HEADLINE_METRICS",
    "MonteCarloResult",
    "draw_inputs",
    "monte_carlo",
    "parameter_label",
    "sweep_uncertainty",
    "uncertain_inputs",
]

#: Metrics a report shows first (all summary metrics are in the draws).
HEADLINE_METRICS: tuple[str, ...] = (
    "net_co2e_t", "commute_co2e_kg", "home_energy_co2e_kg", "noncommute_co2e_kg",
    "office_co2e_kg", "net_cost", "employee_net_cost", "office_cost", "commute_hours",
)

#: Uptake values at which desks are computed when uptake is uncertain (linear interpolation
#: between them).
UPTAKE_GRID_POINTS = 11

#: Draws evaluated at once (bounds the memory of the draws × sites arrays).
_CHUNK = 20_000

_SHARE_PREFIX = "rebound.noncommute_mode_share."

_MODE_NAMES = {
    "car": "Car (fuel not given)", "car_petrol": "Petrol car", "car_diesel": "Diesel car",
    "car_hybrid": "Hybrid car", "car_phev": "Plug-in hybrid", "car_ev": "Electric car",
    "motorbike": "Motorbike", "bus": "Bus", "train": "Train", "metro": "Metro", "tram": "Tram",
    "bicycle": "Bicycle", "ebike": "E-bike", "walk": "Walking",
}
_MODE_FIELDS = {
    "co2e_ttw_kg_per_km": "CO2e factor (direct)", "co2e_wtt_kg_per_km": "CO2e factor (upstream)",
    "occupancy": "occupancy", "circuity": "circuity", "speed_km_per_h": "speed",
    "cost_per_km": "running cost or fare", "external_cost_per_vkm": "external cost",
}
_LABELS = {
    "uptake": "Uptake of the remote days (behaviour)",
    "workdays_per_year": "Working days a year",
    "hours_per_workday": "Hours in a working day",
    "home.extra_electricity_kwh_per_day": "Extra home electricity per home day",
    "home.extra_heat_kwh_per_day": "Extra home heat per home day",
    "home.heating_season_share": "Home days in the heating season",
    "home.co2e_kg_per_fte_hour": "Homeworking CO2e per hour",
    "energy.electricity_co2e_kg_per_kwh": "Grid electricity CO2e",
    "energy.heat_co2e_kg_per_kwh": "Heat CO2e",
    "energy.electricity_price_per_kwh": "Electricity price",
    "energy.heat_price_per_kwh": "Heat price",
    "ict.co2e_kg_per_workday": "Extra ICT CO2e per home day",
    "rebound.noncommute_share_of_avoided_km": "Rebound trips, share of avoided km",
    "rebound.noncommute_km_per_home_day": "Rebound trips, km per home day",
    "office.area_per_desk_m2": "Office area per desk",
    "office.support_space_share": "Support space share",
    "office.rent_per_m2_per_year": "Office rent",
    "office.operating_cost_per_m2_per_year": "Office operating cost",
    "office.electricity_kwh_per_m2_per_year": "Office electricity (area-bound)",
    "office.heat_kwh_per_m2_per_year": "Office heat (area-bound)",
    "office.embodied_co2e_kg_per_m2_per_year": "Embodied CO2e of office space",
    "office.occupancy_electricity_kwh_per_attendee_day": "Office electricity per attendee-day",
    "office.occupancy_cost_per_attendee_day": "Office cost per attendee-day",
    "cost.value_of_time_per_hour": "Value of commuting time",
    "cost.home_office_equipment_per_employee": "Home-office kit per employee",
    "finance.discount_rate": "Discount rate",
    "finance.horizon_years": "Appraisal horizon",
    "deduction.threshold_km_round_trip": "Commuting deduction threshold",
    "deduction.upper_km_round_trip": "Commuting deduction upper limit",
    "deduction.rate_per_km": "Commuting deduction rate",
    "deduction.rate_above_upper_per_km": "Commuting deduction rate above the limit",
    "deduction.marginal_tax_value": "Tax value of the commuting deduction",
}


def parameter_label(key: str, unit: str | None = None) -> str:
    """A label a reader understands for a parameter key, with its unit in brackets.

    Examples
    --------
    >>> parameter_label("mode.car_ev.co2e_ttw_kg_per_km", "kg CO2e/vehicle-km")
    'Electric car: CO2e factor (direct) [kg CO2e/vehicle-km]'
    >>> parameter_label("rebound.noncommute_mode_share.car", "share")
    'Rebound trips by car, share [share]'
    """
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "mode" and parts[2] in _MODE_FIELDS:
        text = f"{_MODE_NAMES.get(parts[1], parts[1])}: {_MODE_FIELDS[parts[2]]}"
    elif key.startswith(_SHARE_PREFIX):
        text = f"Rebound trips by {key[len(_SHARE_PREFIX):]}, share"
    else:
        text = _LABELS.get(key, key)
    return f"{text} [{unit}]" if unit else text


# ------------------------------------------------------------------------------------------
# The declared uncertainty: one table, used by Monte Carlo and by Sobol
# ------------------------------------------------------------------------------------------

def uncertain_inputs(params: Parameters, uptake: tuple[float, float] | None = None
                     ) -> pd.DataFrame:
    """Every uncertain input: the set's declared uncertainties plus, optionally, uptake.

    Parameters
    ----------
    params : Parameters
        The parameter set; its :meth:`~remotecalc.parameters.Parameters.uncertain` table.
    uptake : (float, float), optional
        Range of the uptake of the remote days (uniform), e.g. ``(0.5, 1.0)``. [share]

    Returns
    -------
    pandas.DataFrame
        Columns ``key, unit, status, dist, value, low, mode, high, sd, label``.

    Examples
    --------
    >>> from remotecalc import load_parameters
    >>> t = uncertain_inputs(load_parameters("dk-2025"), uptake=(0.5, 1.0))
    >>> row = t.iloc[-1]
    >>> row["key"], row["dist"], float(row["low"]), float(row["high"])
    ('uptake', 'uniform', 0.5, 1.0)
    """
    table = params.uncertain()
    if uptake is not None:
        low, high = (float(x) for x in uptake)
        if not 0.0 <= low <= high <= 1.0:
            raise ValueError(f"uptake range must satisfy 0 <= low <= high <= 1, found "
                             f"({low}, {high})")
        row = pd.DataFrame([{"key": "uptake", "unit": "share", "status": "M",
                             "dist": "uniform", "value": (low + high) / 2, "low": low,
                             "mode": math.nan, "high": high, "sd": math.nan}])
        table = pd.concat([table, row], ignore_index=True) if len(table) else row
    table = table.reset_index(drop=True)
    table["label"] = [parameter_label(k, u) for k, u in zip(table["key"], table["unit"])]
    return table


def _bounds(key: str, unit: str) -> tuple[float, float]:
    """Where a normal distribution of a parameter is truncated: its allowed range."""
    if key == "uptake":
        return 0.0, 1.0
    lo, hi, _ = _allowed_range(key, unit)
    return lo, hi


def values_from_unit(inputs: pd.DataFrame, unit_values: np.ndarray) -> pd.DataFrame:
    """Turn points of the unit hypercube into parameter values (inverse CDFs).

    Parameters
    ----------
    inputs : pandas.DataFrame
        The uncertainty table (:func:`uncertain_inputs` or the same columns).
    unit_values : array of shape (n, len(inputs))
        Values in [0, 1], one column per input, e.g. uniform random numbers or a Sobol'
        sequence.

    Returns
    -------
    pandas.DataFrame
        One column per input key. ``uniform(low, high)``: ``low + u (high - low)``;
        ``triangular(low, mode, high)``: its inverse CDF; ``normal(sd)``: centred on the
        value and truncated to the parameter's allowed range (a share to [0, 1], a positive
        quantity to > 0).

    Examples
    --------
    >>> t = pd.DataFrame({"key": ["a", "b"], "unit": ["", ""], "dist": ["uniform", "triangular"],
    ...                   "value": [1.0, 1.0], "low": [0.0, 0.0], "mode": [np.nan, 1.0],
    ...                   "high": [2.0, 2.0], "sd": [np.nan, np.nan]})
    >>> values_from_unit(t, np.array([[0.25, 0.5]])).round(6).to_dict("records")
    [{'a': 0.5, 'b': 1.0}]
    """
    u = np.clip(np.asarray(unit_values, dtype=float), 1e-12, 1.0 - 1e-12)
    if u.ndim != 2 or u.shape[1] != len(inputs):
        raise ValueError(f"unit_values must have shape (n, {len(inputs)})")
    out = {}
    for j, row in enumerate(inputs.itertuples(index=False)):
        col = u[:, j]
        if row.dist == "uniform":
            out[row.key] = row.low + col * (row.high - row.low)
        elif row.dist == "triangular":
            width = row.high - row.low
            out[row.key] = np.full_like(col, row.low) if width == 0 else stats.triang.ppf(
                col, (row.mode - row.low) / width, loc=row.low, scale=width)
        elif row.dist == "normal":
            lo, hi = _bounds(row.key, getattr(row, "unit", ""))
            a, b = (lo - row.value) / row.sd, (hi - row.value) / row.sd
            out[row.key] = stats.truncnorm.ppf(col, a, b, loc=row.value, scale=row.sd)
        else:
            raise ValueError(f"{row.key}: unknown distribution {row.dist!r}")
    return pd.DataFrame(out, columns=list(inputs["key"]), index=pd.RangeIndex(len(u)))


def _complete(values: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """Renormalise the non-commute mode shares of every draw to sum to 1.

    When any share varies, all shares are written (the fixed ones rescaled too).
    """
    keys = [k for k in params if k.startswith(_SHARE_PREFIX)]
    if not any(k in values.columns for k in keys):
        return values
    tab = np.column_stack([values[k].to_numpy(dtype=float) if k in values.columns
                           else np.full(len(values), params[k]) for k in keys])
    total = tab.sum(axis=1, keepdims=True)
    tab = np.divide(tab, total, out=np.full_like(tab, 1.0 / len(keys)), where=total > 0)
    out = values.copy()
    for i, k in enumerate(keys):
        out[k] = tab[:, i]
    return out


def draw_inputs(params: Parameters, n_draws: int, seed=None,
                uptake: tuple[float, float] | None = None) -> pd.DataFrame:
    """Random draws of every uncertain input (shares renormalised), reproducible by seed.

    Parameters
    ----------
    params : Parameters
    n_draws : int
    seed : int, numpy.random.Generator or None
        Passed to :func:`numpy.random.default_rng`.
    uptake : (float, float), optional
        Range of uptake (uniform).

    Returns
    -------
    pandas.DataFrame
        One row per draw, one column per uncertain input key.

    Examples
    --------
    >>> from remotecalc import load_parameters
    >>> p = load_parameters("dk-2025")
    >>> a, b = draw_inputs(p, 5, seed=1), draw_inputs(p, 5, seed=1)
    >>> a.equals(b), a.shape[0]
    (True, 5)
    """
    inputs = uncertain_inputs(params, uptake)
    return _complete(values_from_unit(inputs, _unit_draws(params, inputs, n_draws, seed)),
                     params)


def _unit_draws(params: Parameters, inputs: pd.DataFrame, n_draws: int, seed) -> np.ndarray:
    """Uniform random numbers for the inputs, one stream position per key of the set.

    A column is drawn for every key of the set (in file order) and for uptake, and the
    inputs take theirs: pinning one parameter (an override without uncertainty) leaves every
    other input's draws unchanged (common random numbers).
    """
    keys = [*params.keys(), "uptake"]
    pos = {k: i for i, k in enumerate(keys)}
    missing = [k for k in inputs["key"] if k not in pos]
    if missing:
        raise ValueError(f"inputs not in the parameter set: {missing}")
    u = np.random.default_rng(seed).random((int(n_draws), len(keys)))
    return u[:, [pos[k] for k in inputs["key"]]]


# ------------------------------------------------------------------------------------------
# The fast path: summary changes for many parameter values at once
# ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Sums:
    """Sums over employees of one weight vector ``w`` (on-site or home days per working day).

    Per mode ``m`` (arrays of length M): ``g`` = Σ w × great-circle km over employees whose
    distance comes from geography (scaled by the mode's circuity later), ``k`` = Σ w × given
    km; ``g_nomin``/``k_nomin`` the same over employees without a given travel time;
    ``min_hours`` = Σ w × given one-way hours; ``total`` = Σ w; ``site`` = Σ w per site;
    ``p0``/``p1``: cumulative sums of w and w × distance in distance order within each
    distance group (for the commuting deduction, piecewise linear in distance).
    """

    total: float
    g: np.ndarray
    k: np.ndarray
    g_nomin: np.ndarray | None = None
    k_nomin: np.ndarray | None = None
    min_hours: float = 0.0
    site: np.ndarray | None = None
    p0: np.ndarray | None = None
    p1: np.ndarray | None = None

    def __neg__(self) -> _Sums:
        return _Sums(**{f: (None if v is None else -v) for f, v in self.__dict__.items()})


@dataclass
class _State:
    """A scenario's on-site days as ``x_b - u × alpha`` (per working day), and its desks."""

    scenario: Scenario
    alpha: _Sums
    alpha_days_sorted: np.ndarray
    desks_grid: np.ndarray
    desks: np.ndarray  # (grid points, sites)


class _Values:
    """Parameter values of many draws: drawn columns where given, else the set's value."""

    def __init__(self, params: Parameters, values: pd.DataFrame, n: int):
        self.params, self.values, self.n = params, values, n

    def __call__(self, key: str) -> np.ndarray:
        if key in self.values.columns:
            return self.values[key].to_numpy(dtype=float)
        return np.full(self.n, float(self.params[key]))

    def modes(self, fld: str, modes: list[str]) -> np.ndarray:
        return np.column_stack([self(f"mode.{m}.{fld}") for m in modes])


def _uptake(v: _Values, values: pd.DataFrame, scenario: Scenario, n: int) -> np.ndarray:
    return v("uptake") if "uptake" in values.columns else np.full(n, scenario.uptake)


class _SiteModel:
    """The site-level part of the fast path: offices from desks and attendee-days per draw.

    Needs only the sites table and the parameter set, so that sums over employees computed
    elsewhere (on the partitions of a Dask DataFrame) can be finished here.
    """

    def __init__(self, sites: pd.DataFrame, params: Parameters):
        self.params = params
        self.n_sites = len(sites)
        s = sites.set_index("site_id")

        def col(name):
            return s[name].astype(float).to_numpy() if name in s.columns \
                else np.full(self.n_sites, np.nan)

        self.desks_given, self.area_given = col("desks"), col("area_m2")
        self.releasable = s["space_can_be_released"].astype(bool).to_numpy(dtype=float) \
            if "space_can_be_released" in s.columns else np.ones(self.n_sites)
        self.site_values = {k: col(k) for k in (
            "rent_per_m2_per_year", "operating_cost_per_m2_per_year",
            "electricity_kwh_per_m2_per_year", "heat_kwh_per_m2_per_year")}

    def _offices(self, desks_b, desks_s, att_b, att_s, release: float, v: _Values) -> dict:
        """(baseline, scenario) totals of :data:`SITE_METRICS`; arrays are (draws, sites)."""
        apd = v("office.area_per_desk_m2")[:, None]
        sss = v("office.support_space_share")[:, None]
        desks_today = np.where(np.isnan(self.desks_given), desks_b, self.desks_given)
        area_today = np.where(np.isnan(self.area_given),
                              office.office_area_m2(desks_today, apd, sss), self.area_given)
        needed_b = office.office_area_m2(desks_b, apd, sss)
        needed_s = office.office_area_m2(desks_s, apd, sss)
        released = office.area_released_m2(np.minimum(area_today, needed_b), needed_s,
                                           release * self.releasable)
        released = np.broadcast_to(released, area_today.shape)

        def site(name, key):
            own = self.site_values[name]
            return np.where(np.isnan(own), v(key)[:, None], own)

        rent_opex = site("rent_per_m2_per_year", "office.rent_per_m2_per_year") + site(
            "operating_cost_per_m2_per_year", "office.operating_cost_per_m2_per_year")
        el = site("electricity_kwh_per_m2_per_year", "office.electricity_kwh_per_m2_per_year")
        heat = site("heat_kwh_per_m2_per_year", "office.heat_kwh_per_m2_per_year")
        grid, heat_f = v("energy.electricity_co2e_kg_per_kwh")[:, None], \
            v("energy.heat_co2e_kg_per_kwh")[:, None]
        embodied = v("office.embodied_co2e_kg_per_m2_per_year")[:, None]
        occ_el = v("office.occupancy_electricity_kwh_per_attendee_day")[:, None]
        occ_cost = v("office.occupancy_cost_per_attendee_day")[:, None]
        out = {}
        for state, desks, area, gone, att in (
                ("b", desks_b, area_today, np.zeros_like(area_today), att_b),
                ("s", desks_s, area_today - released, released, att_s)):
            seat = office.seat_related_cost_per_year(area, rent_opex, 0.0)
            occupancy = office.occupancy_cost_per_year(att, occ_cost)
            co2 = (office.seat_related_energy_kwh_per_year(area, el) * grid
                   + office.seat_related_energy_kwh_per_year(area, heat) * heat_f
                   + office.embodied_co2e_kg_per_year(area, embodied)
                   + office.occupancy_electricity_kwh_per_year(att, occ_el) * grid)
            out[state] = {
                "desks_needed": np.broadcast_to(desks, area.shape).sum(axis=1),
                "area_m2": area.sum(axis=1), "area_released_m2": gone.sum(axis=1),
                "attendee_days": att.sum(axis=1), "seat_cost": seat.sum(axis=1),
                "occupancy_cost": occupancy.sum(axis=1),
                "office_cost": (seat + occupancy).sum(axis=1), "office_co2e_kg": co2.sum(axis=1),
            }
        return out

    def finish(self, sc: Scenario, emp: dict, x_b_site: np.ndarray, alpha_site: np.ndarray,
               desks_b: np.ndarray, desks_s: np.ndarray, v: _Values, u: np.ndarray
               ) -> pd.DataFrame:
        """Change of every summary metric per draw, in summary units.

        ``emp`` from :meth:`_FastModel.employee_changes` (summed over employees);
        ``x_b_site``/``alpha_site``: per site, today's on-site days per working day and their
        reduction at full uptake; ``desks_b`` per site, ``desks_s`` per draw and site.
        """
        n = len(u)
        out = {m: emp[m] for m in METRICS}
        wd = v("workdays_per_year")[:, None]
        att_b = wd * x_b_site
        att_s = att_b - u[:, None] * wd * alpha_site
        offices = self._offices(desks_b, desks_s, att_b, att_s, sc.release_space, v)
        for m in SITE_METRICS:
            out[m] = offices["s"][m] - offices["b"][m]
        one_off = emp["gained"] * v("cost.home_office_equipment_per_employee")
        rate = np.full(n, sc.discount_rate) if sc.discount_rate is not None \
            else v("finance.discount_rate")
        horizon = np.full(n, sc.horizon_years) if sc.horizon_years is not None \
            else v("finance.horizon_years")
        annuity = costs.annuity_factor(rate, horizon)
        for m in list(out):
            if (METRICS.get(m) or SITE_METRICS.get(m))[0].startswith("kg CO2e"):
                out[m] = out[m] / 1000.0
        out["net_co2e_t"] = out["employee_co2e_kg"] + out["office_co2e_kg"]
        out["net_cost"] = out["employee_net_cost"] + out["office_cost"]
        out["npv_employee_net_cost"] = annuity * out["employee_net_cost"]
        out["npv_office_cost"] = annuity * out["office_cost"] + one_off
        out["one_off_home_office_cost"] = one_off
        return pd.DataFrame({k: np.broadcast_to(np.asarray(x, dtype=float), (n,))
                             for k, x in out.items()})


class _FastModel:
    """Summary changes of one workforce for many parameter draws, vectorised over draws.

    Built once per workforce and parameter set (from a :class:`~.sweep._Runner`); a
    scenario's state (:meth:`state`) once per scenario; then :meth:`changes` evaluates any
    number of draws. Every total is the model's formula applied to sums over employees:
    it is linear in the per-employee on-site and home days, and the distances enter through
    per-mode sums (scaled by circuity) and, for the piecewise-linear commuting deduction,
    through cumulative sums in distance order (exact for any circuity and thresholds).
    """

    def __init__(self, runner: _Runner):
        self.runner = runner
        wf, p, inp = runner.workforce, runner.params, runner.prepared.inputs
        staff = wf.staff
        modes = p.mode_table()
        self.modes = list(modes.index)
        self.n_modes = m_count = len(self.modes)
        self.per_vkm = modes["per_vehicle_km"].to_numpy(dtype=bool)
        self.wtw = p.emission_scope == "well_to_wheel"
        share = p.noncommute_mode_share()
        self.nc_modes = list(share.index)
        self.nc_pos = np.array([self.modes.index(m) for m in self.nc_modes])
        if not np.isfinite(inp.one_way_km).all():
            raise ValueError(f"{int((~np.isfinite(inp.one_way_km)).sum())} employee(s) have no "
                             "commute distance; Monte Carlo and sensitivity need one for all")
        code = model._mode_pos(staff, modes)
        given = staff["one_way_km"].to_numpy(dtype=float) if "one_way_km" in staff.columns \
            else np.full(len(staff), np.nan)
        geo = np.isnan(given)
        self.dist = np.where(geo, wf.great_circle_km().to_numpy(dtype=float), given)
        # bins: geography-based distance of mode m -> m; given distance of mode m -> M + m
        self.bin = code + m_count * (~geo)
        minutes = inp.minutes if inp.minutes is not None else np.full(len(staff), np.nan)
        has_min = ~np.isnan(minutes)
        self.bin_nomin = np.where(has_min, 2 * m_count, self.bin)
        self.min_hours = np.where(has_min, minutes / 60.0, 0.0)
        # deduction groups: geography-based distance of mode m (scaled by its circuity) -> m;
        # every given distance -> M (scale 1); sorted by distance within a group
        group = np.where(geo, code, m_count)
        self.order = np.lexsort((self.dist, group))
        self.dist_sorted = self.dist[self.order]
        self.group_bounds = np.searchsorted(group[self.order], np.arange(m_count + 2))
        self.site_model = _SiteModel(wf.sites, p)
        self.site_code = model._site_codes(wf)
        self.n_sites = len(wf.sites)
        # baseline on-site and home days per working day: S = W x, H = W y
        x_b = inp.fte * (inp.onsite_today / commute.DAYS_PER_WEEK)
        self.x_b = self._sums(x_b)
        self.y_b = self._sums(inp.fte - x_b, light=True)

    # -- sums ------------------------------------------------------------------------------
    def _sums(self, w: np.ndarray, light: bool = False) -> _Sums:
        m = self.n_modes
        wd = w * self.dist
        gk = np.bincount(self.bin, weights=wd, minlength=2 * m)
        if light:
            return _Sums(total=float(w.sum()), g=gk[:m], k=gk[m:])
        gk_n = np.bincount(self.bin_nomin, weights=wd, minlength=2 * m + 1)
        ws = w[self.order]
        return _Sums(total=float(w.sum()), g=gk[:m], k=gk[m:], g_nomin=gk_n[:m],
                     k_nomin=gk_n[m:2 * m], min_hours=float(w @ self.min_hours),
                     site=np.bincount(self.site_code, weights=w, minlength=self.n_sites),
                     p0=np.concatenate([[0.0], np.cumsum(ws)]),
                     p1=np.concatenate([[0.0], np.cumsum(ws * self.dist_sorted)]))

    def state(self, scenario: Scenario, uptake: tuple[float, float] | None = None) -> _State:
        """A scenario's on-site days (linear in uptake) and its desk demand.

        Desks depend on uptake (through each employee's chance of being on site); with an
        uptake range they are computed at :data:`UPTAKE_GRID_POINTS` values across it (and
        at the scenario's own uptake) and interpolated linearly between.
        """
        r, inp = self.runner, self.runner.prepared.inputs
        alpha_days = inp.onsite_today - r.onsite(scenario, uptake=1.0)
        alpha = self._sums(inp.fte * (alpha_days / commute.DAYS_PER_WEEK))
        grid = [scenario.uptake]
        if uptake is not None and scenario.desk_ratio is None:
            grid += list(np.linspace(uptake[0], uptake[1], UPTAKE_GRID_POINTS))
        grid = np.unique(np.asarray(grid, dtype=float))
        desks = np.array([r.scenario_desks(scenario, r.onsite(scenario, uptake=u)
                                           )["desks_needed"].to_numpy(dtype=float)
                          for u in grid])
        return _State(scenario, alpha, np.sort(alpha_days), grid, desks)

    # -- evaluation ------------------------------------------------------------------------
    def _deduction_km(self, s: _Sums, scale: np.ndarray, a: np.ndarray, b: np.ndarray):
        """Σ w × (km at the rate, km above the upper limit) of the round trip, per draw.

        ``scale`` is (draws, M): the circuity of each mode; given distances are not scaled.
        """
        km_rate = np.zeros(len(a))
        km_above = np.zeros(len(a))
        for g in range(self.n_modes + 1):
            lo, hi = self.group_bounds[g], self.group_bounds[g + 1]
            if hi == lo:
                continue
            sc = scale[:, g] if g < self.n_modes else np.ones(len(a))
            dist = self.dist_sorted[lo:hi]
            # round trip 2 d sc crosses a at d = a / (2 sc) and b at d = b / (2 sc)
            ia = lo + np.searchsorted(dist, a / (2.0 * sc), side="right")
            ib = lo + np.searchsorted(dist, b / (2.0 * sc), side="right")
            mid_w, mid_wd = s.p0[ib] - s.p0[ia], s.p1[ib] - s.p1[ia]
            top_w, top_wd = s.p0[hi] - s.p0[ib], s.p1[hi] - s.p1[ib]
            km_rate += 2.0 * sc * mid_wd - a * mid_w + (b - a) * top_w
            km_above += 2.0 * sc * top_wd - b * top_w
        return km_rate, km_above

    def _employee_totals(self, sx: _Sums, sy: _Sums, v: _Values, c, f, vkm, nc) -> dict:
        """Totals of :data:`METRICS` for on-site weights ``sx`` and home weights ``sy``."""
        wd = v("workdays_per_year")
        speed, cost, ext = (v.modes(k, self.modes) for k in
                            ("speed_km_per_h", "cost_per_km", "external_cost_per_vkm"))
        km_m = 2.0 * wd[:, None] * (c * sx.g + sx.k)
        km = km_m.sum(axis=1)
        hours = 2.0 * wd * (sx.min_hours + ((c * sx.g_nomin + sx.k_nomin) / speed).sum(axis=1))
        s_days, h_days = wd * sx.total, wd * sy.total
        co2 = (f * km_m).sum(axis=1)
        nc_km = wd * (2.0 * v("rebound.noncommute_share_of_avoided_km")
                      * (c * sy.g + sy.k).sum(axis=1)
                      + v("rebound.noncommute_km_per_home_day") * sy.total)
        nc_factor, nc_cost, nc_ext = nc
        args = (v("home.extra_electricity_kwh_per_day"), v("home.extra_heat_kwh_per_day"),
                v("home.heating_season_share"))
        home_co2 = home.home_energy_co2e_kg_per_year(
            h_days, *args, v("energy.electricity_co2e_kg_per_kwh"),
            v("energy.heat_co2e_kg_per_kwh"), v("home.co2e_kg_per_fte_hour"),
            v("hours_per_workday"))
        energy = home.home_energy_kwh_per_year(h_days, *args)
        nc_co2 = nc_km * nc_factor
        ict = home.ict_co2e_kg_per_year(h_days, v("ict.co2e_kg_per_workday"))
        travel = (cost * km_m).sum(axis=1) + nc_km * nc_cost
        energy_cost = (energy.electricity_kwh * v("energy.electricity_price_per_kwh")
                       + energy.heat_kwh * v("energy.heat_price_per_kwh"))
        a, b = v("deduction.threshold_km_round_trip"), v("deduction.upper_km_round_trip")
        km_rate, km_above = self._deduction_km(sx, c, a, b)
        deduction = wd * (v("deduction.rate_per_km") * km_rate
                          + v("deduction.rate_above_upper_per_km") * km_above)
        tax = costs.fiscal_effect_per_year(deduction, v("deduction.marginal_tax_value"))
        return {
            "onsite_days": s_days, "home_days": h_days, "commute_km": km,
            "commute_hours": hours, "commute_co2e_kg": co2, "home_energy_co2e_kg": home_co2,
            "noncommute_km": nc_km, "noncommute_co2e_kg": nc_co2, "ict_co2e_kg": ict,
            "employee_co2e_kg": co2 + home_co2 + nc_co2 + ict,
            "travel_cost": travel, "home_energy_cost": energy_cost,
            "deduction_tax_value": tax, "employee_net_cost": travel + energy_cost - tax,
            "time_value": costs.value_of_time_per_year(hours, v("cost.value_of_time_per_hour")),
            "external_cost": (ext * vkm * km_m).sum(axis=1) + nc_km * nc_ext,
            "fiscal_cost": tax,
        }

    def changes(self, st: _State, values: pd.DataFrame, n: int | None = None) -> pd.DataFrame:
        """Change (scenario − baseline) of every summary metric, in summary units, per draw.

        Parameters
        ----------
        st : _State
            From :meth:`state`.
        values : pandas.DataFrame
            One row per draw, columns for the parameters that differ from the set (shares
            already renormalised); an ``uptake`` column overrides the scenario's uptake.
        n : int, optional
            Number of draws when ``values`` has no columns.
        """
        n = len(values) if n is None else n
        parts = [self._changes(st, values.iloc[i:i + _CHUNK], min(_CHUNK, n - i))
                 for i in range(0, n, _CHUNK)]
        return pd.concat(parts, ignore_index=True)

    def _changes(self, st: _State, values: pd.DataFrame, n: int) -> pd.DataFrame:
        sc = st.scenario
        v = _Values(self.runner.params, values.reset_index(drop=True), n)
        u = _uptake(v, values, sc, n)
        emp = self.employee_changes(st.alpha, st.alpha_days_sorted, v, u)
        desks_b = self.runner.baseline_desks(sc.service_level)["desks_needed"].to_numpy(float)
        return self.site_model.finish(sc, emp, self.x_b.site, st.alpha.site, desks_b,
                                      self._interp_desks(st, u), v, u)

    def employee_changes(self, alpha: _Sums, alpha_days_sorted: np.ndarray, v: _Values,
                         u: np.ndarray) -> dict:
        """Per draw: the change of every metric of :data:`METRICS` (sums over these
        employees, in the metric's own unit) and, as ``"gained"``, how many employees gain
        remote days (weighted by uptake). Both add up over disjoint groups of employees."""
        n = len(u)
        c = v.modes("circuity", self.modes)
        occ = v.modes("occupancy", self.modes)
        factor = v.modes("co2e_ttw_kg_per_km", self.modes)
        if self.wtw:
            factor = factor + v.modes("co2e_wtt_kg_per_km", self.modes)
        f = factor / np.where(self.per_vkm, occ, 1.0)
        vkm = np.where(self.per_vkm, 1.0 / occ, 0.0)
        share = np.column_stack([v(_SHARE_PREFIX + m) for m in self.nc_modes])
        ext = v.modes("external_cost_per_vkm", self.modes)
        nc = ((share * f[:, self.nc_pos]).sum(axis=1),
              (share * v.modes("cost_per_km", self.modes)[:, self.nc_pos]).sum(axis=1),
              (share * (ext * vkm)[:, self.nc_pos]).sum(axis=1))
        # employees: totals are linear in the weights, and x_s = x_b - u alpha
        per_alpha = self._employee_totals(alpha, -alpha, v, c, f, vkm, nc)
        out = {m: -u * per_alpha[m] for m in METRICS}
        # one-off kit: employees who gain remote days, weighted by uptake
        threshold = np.divide(1e-9, u, out=np.full(n, np.inf), where=u > 0)
        out["gained"] = (len(alpha_days_sorted)
                         - np.searchsorted(alpha_days_sorted, threshold, side="right")) * u
        return out

    @staticmethod
    def _interp_desks(st: _State, u: np.ndarray) -> np.ndarray:
        """Desks per site at each draw's uptake: exact on the grid, linear between."""
        grid, desks = st.desks_grid, st.desks
        if len(grid) == 1:
            return desks[0]
        pos = np.clip(np.searchsorted(grid, u, side="right") - 1, 0, len(grid) - 2)
        t = np.clip((u - grid[pos]) / (grid[pos + 1] - grid[pos]), 0.0, 1.0)[:, None]
        return desks[pos] * (1.0 - t) + desks[pos + 1] * t


def _labels(scenario: Scenario, params: Parameters) -> pd.DataFrame:
    """metric, label, unit and perspective of every summary row, in summary order."""
    zeros = {m: (0.0, 0.0) for m in [*METRICS, *SITE_METRICS]}
    return model._summary_table(zeros, 0.0, scenario, params)[
        ["metric", "label", "unit", "perspective"]]


def _quantiles(frame: pd.DataFrame) -> pd.DataFrame:
    q = frame.quantile([0.05, 0.5, 0.95])
    return pd.DataFrame({"mean": frame.mean(), "p05": q.loc[0.05], "p50": q.loc[0.5],
                         "p95": q.loc[0.95]})


# ------------------------------------------------------------------------------------------
# Monte Carlo of one scenario
# ------------------------------------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class MonteCarloResult:
    """Monte Carlo draws of one scenario and their summary.

    Attributes
    ----------
    draws : pandas.DataFrame
        One row per draw: the value of every uncertain input by key (``uptake`` too when it
        was varied; non-commute mode shares as used, renormalised), and the change
        (scenario − baseline) of every summary metric in summary units (t CO2e/yr,
        currency/yr, ...), in columns named by metric (``net_co2e_t``, ``commute_co2e_kg``
        [t], ``net_cost``, ...).
    central : Assessment
        The deterministic assessment at the set's values (and the scenario's uptake).
    inputs : pandas.DataFrame
        The uncertainty table drawn from (:func:`uncertain_inputs`).
    seed : int or None
        The seed used.
    notes : list of str
        Approximations made (e.g. desks interpolated over uptake).
    """

    draws: pd.DataFrame
    central: Assessment
    inputs: pd.DataFrame
    seed: object = None
    notes: list = field(default_factory=list)

    @property
    def scenario(self) -> Scenario:
        return self.central.scenario

    @property
    def n_draws(self) -> int:
        return len(self.draws)

    def summary(self, metrics: Iterable[str] | None = None) -> pd.DataFrame:
        """Central value and 5–95 % interval of each metric's change.

        Parameters
        ----------
        metrics : list of str, optional
            Default: every summary metric, in summary order.

        Returns
        -------
        pandas.DataFrame
            Columns ``metric, label, unit, central, mean, p05, p50, p95``; ``central`` is the
            deterministic :func:`remotecalc.assess` change at the set's values.
        """
        s = self.central.summary().set_index("metric")
        names = [m for m in s.index if m in self.draws.columns] if metrics is None \
            else list(metrics)
        q = _quantiles(self.draws[names])
        out = pd.DataFrame({"metric": names, "label": s.loc[names, "label"].to_numpy(),
                            "unit": s.loc[names, "unit"].to_numpy(),
                            "central": s.loc[names, "change"].to_numpy(dtype=float)})
        return pd.concat([out, q.loc[names].reset_index(drop=True)], axis=1)

    def __repr__(self) -> str:
        s = self.summary(["net_co2e_t", "net_cost"]).set_index("metric")
        lines = [f"<remotecalc.MonteCarloResult '{self.scenario.name}', {self.n_draws:,} draws, "
                 f"{len(self.inputs)} uncertain inputs>"]
        for m, r in s.iterrows():
            lines.append(f"  {r['label']}: {r['central']:+,.1f} {r['unit']} "
                         f"(5-95 %: {r['p05']:+,.1f} to {r['p95']:+,.1f})")
        return "\n".join(lines)


def _resolve(params) -> Parameters:
    return model._resolve_params(params)


def monte_carlo(workforce: Workforce, scenario: Scenario, params: Parameters | str | None = None,
                n_draws: int = 2000, seed=None, *,
                uptake: tuple[float, float] | None = None, sites=None) -> MonteCarloResult:
    """Monte Carlo ranges of a scenario's results from the declared parameter uncertainty.

    Parameters
    ----------
    workforce : Workforce
    scenario : Scenario
    params : Parameters or str, optional
        Default ``"dk-2025"``. Every parameter with an ``uncertainty`` declaration is drawn
        from it; pin one with ``params.with_overrides({key: value})`` (an override without
        an uncertainty is fixed).
    n_draws : int, default 2000
    seed : int, numpy.random.Generator or None
        Same seed, same numbers.
    uptake : (float, float), optional
        Behavioural uncertainty: uptake of the remote days drawn uniformly from this range
        (instead of the scenario's value). [share]
    sites : path or DataFrame, optional
        Only with a Dask DataFrame of staff as ``workforce``: its sites table.

    Returns
    -------
    MonteCarloResult
        ``.draws`` (inputs and metric changes per draw), ``.summary()`` (central, mean and
        5/50/95 % quantiles per metric) and ``.central`` (the deterministic Assessment).

    Notes
    -----
    Draws are uniform random numbers turned into values by each distribution's inverse CDF
    (:func:`values_from_unit`). The non-commute mode shares are renormalised to sum to 1 in
    every draw. Parameters without an uncertainty declaration (including those that are 0
    by construction, e.g. the well-to-tank factors of a tank-to-wheel set) stay fixed.

    With a :class:`~remotecalc.distributed.DaskWorkforce` every partition evaluates its
    employees' sums for all draws on Dask and the client finishes the offices
    (:func:`remotecalc.distributed.monte_carlo_dask`); the draws are the same.

    Every draw is evaluated exactly on sums over employees (see the module notes), with
    one approximation when ``uptake`` is given: desks needed are a step function of uptake
    and are computed at :data:`UPTAKE_GRID_POINTS` uptake values across the range and
    interpolated linearly between them (exact at those values).

    Examples
    --------
    >>> import remotecalc as rc
    >>> wf = rc.datasets.demo_workforce(300, seed=1)
    >>> mc = monte_carlo(wf, rc.Scenario(name="2 days", remote_days_per_week=2), n_draws=200,
    ...                  seed=1)
    >>> row = mc.summary(["net_co2e_t"]).iloc[0]
    >>> bool(row["p05"] <= row["central"] <= row["p95"])
    True
    """
    if not isinstance(scenario, Scenario):
        raise TypeError("scenario must be a remotecalc.Scenario")
    if int(n_draws) < 1:
        raise ValueError("n_draws must be at least 1")
    if model._is_dask(workforce) or model._is_dask(getattr(workforce, "staff", None)):
        from ..distributed import monte_carlo_dask

        return monte_carlo_dask(workforce, scenario, params, n_draws, seed, uptake=uptake,
                                sites=sites)
    p = _resolve(params)
    runner = _Runner(workforce, p, scenario.service_level)
    central = assess(workforce, scenario, p, prepared=runner.prepared)
    fast = _FastModel(runner)
    state = fast.state(scenario, uptake)
    inputs = uncertain_inputs(p, uptake)
    values = _complete(values_from_unit(inputs, _unit_draws(p, inputs, n_draws, seed)), p)
    return _mc_result(values, fast.changes(state, values), central, inputs, seed, uptake,
                      len(state.desks_grid))


def _mc_result(values: pd.DataFrame, changes: pd.DataFrame, central: Assessment,
               inputs: pd.DataFrame, seed, uptake, n_grid: int) -> MonteCarloResult:
    """The :class:`MonteCarloResult` of draws and their changes (pandas and Dask paths)."""
    notes = []
    if uptake is not None and central.scenario.desk_ratio is None:
        notes.append(f"desks interpolated linearly between {n_grid} uptake values from "
                     f"{uptake[0]:g} to {uptake[1]:g}")
    return MonteCarloResult(draws=pd.concat([values, changes], axis=1), central=central,
                            inputs=inputs, seed=seed, notes=notes)


def sweep_uncertainty(workforce: Workforce, scenarios: Iterable[Scenario] | str | Path,
                      params: Parameters | str | None = None, n_draws: int = 500, seed=None, *,
                      uptake: tuple[float, float] | None = None,
                      progress: bool | None = None) -> pd.DataFrame:
    """Monte Carlo bands for a sweep: every scenario with the same parameter draws.

    Parameters
    ----------
    workforce : Workforce
    scenarios : list of Scenario, str or pathlib.Path
        Scenarios or a TOML plan (see :func:`remotecalc.analysis.sweep`).
    params : Parameters or str, optional
    n_draws : int, default 500
    seed : int, numpy.random.Generator or None
    uptake : (float, float), optional
        Uptake drawn from this range in every scenario (instead of each one's value).
    progress : bool, optional
        Progress bar; default only for long runs.

    Returns
    -------
    pandas.DataFrame
        One row per scenario and metric: ``scenario_name``, the lever columns
        (:data:`~remotecalc.analysis.sweep.LEVERS`), ``metric, label, unit, central, mean,
        p05, p50, p95`` (changes in summary units; ``central`` is the deterministic change at
        the set's values).

    Notes
    -----
    Common random numbers: draw *i* uses the same parameter values in every scenario, so
    differences between scenarios are not blurred by sampling noise.

    Examples
    --------
    >>> import remotecalc as rc
    >>> wf = rc.datasets.demo_workforce(300, seed=1)
    >>> from remotecalc.scenario import scenario_grid
    >>> grid = scenario_grid(rc.Scenario(name="b"), remote_days_per_week=[1, 3])
    >>> bands = sweep_uncertainty(wf, grid, n_draws=100, seed=2)
    >>> net = bands[bands["metric"] == "net_co2e_t"]
    >>> bool((net["p05"] <= net["p95"]).all()), len(net)
    (True, 2)
    """
    from tqdm.auto import tqdm

    scenarios = _scenarios(scenarios)
    p = _resolve(params)
    runner = _Runner(workforce, p, scenarios[0].service_level)
    fast = _FastModel(runner)
    inputs = uncertain_inputs(p, uptake)
    values = _complete(values_from_unit(inputs, _unit_draws(p, inputs, n_draws, seed)), p)
    show = _show_progress(progress, len(scenarios), workforce.n_employees)
    parts = []
    for sc in tqdm(scenarios, desc="monte carlo", unit="scenario", disable=not show):
        state = fast.state(sc, uptake)
        q = _quantiles(fast.changes(state, values))
        central = fast.changes(state, pd.DataFrame(index=[0]), n=1).iloc[0]
        lab = _labels(sc, p)
        part = pd.DataFrame({"scenario_name": sc.name, **lever_values(sc),
                             "metric": lab["metric"].to_numpy(),
                             "label": lab["label"].to_numpy(), "unit": lab["unit"].to_numpy()})
        part["central"] = central.reindex(lab["metric"]).to_numpy()
        parts.append(pd.concat([part, q.reindex(lab["metric"]).reset_index(drop=True)], axis=1))
    return pd.concat(parts, ignore_index=True)
