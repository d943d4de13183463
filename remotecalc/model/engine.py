"""The model engine: every metric is one function of additive building blocks.

Each quantity of the model is written once, here, as a function of a few *building blocks*
(:class:`Blocks`): on-site and home days, passenger-km by mode, km of the commuting
deduction by band, hours from given travel times. The blocks are additive over employees,
so the same metric functions evaluate

- one employee per row (``assess``: blocks of shape ``(n_employees,)``, each employee's
  passenger-km in their own mode, factors gathered per employee),
- the sum over all employees (sweeps, Dask partitions added up: blocks of shape ``()`` with
  a mode axis), and
- many parameter draws at once (Monte Carlo, Sobol: blocks of shape ``(n_draws,)`` with a
  mode axis, parameter values of shape ``(n_draws,)``).

Parameter values come from a :class:`Values` (the set's own value, or a column of draws),
per-mode factors from :func:`mode_factors` (one formula for CO₂e per passenger-km, vehicle-km
per passenger-km and the rebound's weighted factors). Office metrics are one function of
desks, attendee-days and area per site (:func:`office_metrics`), with any leading axis.
Summary rows that combine metrics (net, present values) are one function too
(:func:`derived_metrics`).

Nothing here reads files or builds tables of results; :mod:`remotecalc.evaluation.entry` arranges
them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar, TypedDict, TypeVar, cast

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from remotecalc._numeric import (
    BoolArray,
    FloatArray,
    FloatOrArray,
    IntArray,
    ObjectArray,
    bin_sums,
    positions,
)
from remotecalc.errors import ScenarioError
from remotecalc.formulas import commute, costs, emissions, home, office, travel
from remotecalc.formulas.policy import onsite_days_under_policy
from remotecalc.i18n.notes import Note
from remotecalc.inputs.parameters import FARE_MODES, Parameters
from remotecalc.inputs.scenario import Scenario
from remotecalc.model import dkrules, metrics

__all__ = [
    "Blocks",
    "DeskCounts",
    "EmployeeInputs",
    "LinearBlocks",
    "ModeFactors",
    "Movers",
    "OnsiteClasses",
    "PreSums",
    "TripBlocks",
    "Values",
    "achieved_service_levels",
    "becomes_hybrid",
    "blocks_from_presums",
    "deduction_counts",
    "deduction_notes",
    "derived_metrics",
    "desk_arrays",
    "desk_inputs",
    "desk_notes",
    "desk_service_levels",
    "desks_from_counts",
    "employee_blocks",
    "employee_inputs",
    "employee_metrics",
    "gained_remote_days",
    "mode_factors",
    "mode_positions",
    "moved_blocks_from_presums",
    "moved_difference",
    "office_metrics",
    "one_off_cost",
    "presums",
    "scenario_movers",
    "scenario_onsite",
    "site_codes",
    "teleworkable_notes",
    "trip_blocks",
    "trip_changes",
    "wanted_remote_days",
    "work_travel_by_purpose",
    "work_travel_by_purpose_per_employee",
    "work_travel_metrics",
]

#: The values of a dict of metrics (:func:`_added` keeps their type).
_V = TypeVar("_V", FloatArray, FloatOrArray)

#: Key prefix of the rebound trips' mode shares.
SHARE_PREFIX = "rebound.noncommute_mode_share."


# ------------------------------------------------------------------------------------------
# Parameter values
# ------------------------------------------------------------------------------------------


class Values:
    """Parameter values for an evaluation: the set's own, or per-draw columns.

    Parameters
    ----------
    params : Parameters
        The parameter set; its value is used for every key not in ``draws``.
    draws : pandas.DataFrame, optional
        One row per draw, one column per varied key (shares already renormalised). Keys in
        it give arrays of shape ``(n_draws,)``; other keys give floats.

    Examples
    --------
    >>> from remotecalc import load_parameters
    >>> v = Values(load_parameters("dk-2025"))
    >>> v("workdays_per_year") > 200
    True
    """

    def __init__(self, params: Parameters, draws: pd.DataFrame | None = None) -> None:
        self.params = params
        self.draws = draws if draws is not None and len(draws.columns) else None
        self.n = None if self.draws is None else len(self.draws)

    def __call__(self, key: str) -> FloatOrArray:
        """The value of ``key``: a float, or an array over draws where it (or the root it is
        linked to, ``same_as``) was drawn."""
        if self.draws is not None:
            col = key if key in self.draws.columns else self.params.root(key)
            if col in self.draws.columns:
                return self.draws[col].to_numpy(dtype=float)
            link = self.params.formula_links().get(key)
            if link is not None:  # a computed key moves with its parts (formula link)
                fn, parts = link
                values = [self(q) for q in parts]
                if any(isinstance(x, np.ndarray) for x in values):
                    return np.asarray(fn(*values), dtype=float)
        return float(self.params[key])

    def site(self, key: str) -> FloatOrArray:
        """As :meth:`__call__`, shaped to broadcast against ``(..., sites)`` arrays."""
        value = self(key)
        return value[:, None] if isinstance(value, np.ndarray) else value

    def per_mode(self, field: str, modes: list[str]) -> FloatArray:
        """``mode.<m>.<field>`` for every mode: shape ``(M,)``, or ``(n_draws, M)``."""
        cols = [self(f"mode.{m}.{field}") for m in modes]
        if not any(isinstance(c, np.ndarray) for c in cols):
            return np.asarray(cols, dtype=float)
        n = cast(int, self.n)  # some column is an array of draws, so there are draws
        return np.column_stack([np.broadcast_to(c, (n,)) for c in cols])


@dataclass(frozen=True)
class ModeFactors:
    """Per-mode factors of a parameter set (or of many draws), from one set of formulas.

    Arrays are ``(M,)`` (one value per mode), ``(n_draws, M)``, or gathered per employee
    ``(n,)`` (:meth:`take`). The mix's rebound factors (``noncommute_*``) are scalars or
    ``(n_draws,)``; the blended ones (``rebound_*``) have a mode axis.
    """

    co2e_kg_per_pkm: FloatArray
    """Emission factor per passenger-km. [kg CO2e/pkm]"""
    vkm_per_pkm: FloatArray
    """Vehicle-km driven per passenger-km (0 for modes whose vehicles run anyway). [-]"""
    speed_km_per_h: FloatArray
    """Door-to-door speed. [km/h]"""
    cost_per_pkm: FloatArray
    """Running cost or fare. [currency/pkm]"""
    external_cost_per_vkm: FloatArray
    """External cost of driving. [currency/vehicle-km]"""
    external_cost_per_pkm: FloatArray
    """External cost per passenger-km: vehicle-km per passenger-km × cost per vehicle-km.
    [currency/pkm]"""
    circuity: FloatArray
    """Route km per great-circle km. [-]"""
    deduction_circuity: FloatArray
    """Route km per great-circle km of the commuting deduction's distance: the car's, for
    every mode (the law's normal route by car, whatever the mode used). [-]"""
    noncommute_co2e_kg_per_km: FloatOrArray
    """Rebound trips: mode-share weighted emission factor. [kg CO2e/km]"""
    noncommute_cost_per_km: FloatOrArray
    """Rebound trips: mode-share weighted running cost. [currency/km]"""
    noncommute_external_per_km: FloatOrArray
    """Rebound trips: mode-share weighted external cost. [currency/km]"""
    rebound_co2e_kg_per_km: FloatArray
    """Rebound trips of a commuter of each mode: own mode and fixed mix blended
    (:func:`remotecalc.formulas.home.rebound_per_km`). [kg CO2e/km]"""
    rebound_cost_per_km: FloatArray
    """The same for the running cost. [currency/km]"""
    rebound_external_per_km: FloatArray
    """The same for the external cost. [currency/km]"""

    #: Fields with a mode axis (gathered per employee by :meth:`take`).
    PER_MODE: ClassVar[tuple[str, ...]] = (
        "co2e_kg_per_pkm",
        "vkm_per_pkm",
        "speed_km_per_h",
        "cost_per_pkm",
        "external_cost_per_vkm",
        "external_cost_per_pkm",
        "circuity",
        "deduction_circuity",
        "rebound_co2e_kg_per_km",
        "rebound_cost_per_km",
        "rebound_external_per_km",
    )

    def take(self, pos: IntArray) -> ModeFactors:
        """The factors of each employee's mode (``pos``: mode positions, one per employee)."""
        return replace(self, **{k: getattr(self, k)[..., pos] for k in self.PER_MODE})


def mode_factors(v: Values) -> ModeFactors:
    """Per-mode factors from parameter values (the one place they are derived).

    Parameters
    ----------
    v : Values

    Returns
    -------
    ModeFactors
        Emission factor per passenger-km by
        :func:`remotecalc.formulas.emissions.co2e_kg_per_pkm` (the set's emission scope), vehicle-km
        per passenger-km by :func:`remotecalc.formulas.emissions.vehicle_km_per_year`, and the
        rebound trips' factors weighted by their mode shares.

    Examples
    --------
    >>> from remotecalc import load_parameters
    >>> p = load_parameters("dk-2025")
    >>> f = mode_factors(Values(p))
    >>> car = list(p.modes).index("car")
    >>> round(float(f.co2e_kg_per_pkm[car]), 4)  # (0.141 + 0.037086 WTT) kg/vehicle-km / 1.05
    0.1696
    """
    p = v.params
    modes = list(p.modes)
    per_vkm = np.array([p.factor_per_vehicle_km(m) for m in modes], dtype=bool)
    occupancy = v.per_mode("occupancy", modes)
    factor = emissions.co2e_kg_per_pkm(
        v.per_mode("co2e_ttw_kg_per_km", modes),
        v.per_mode("co2e_wtt_kg_per_km", modes),
        occupancy,
        per_vkm,
        p.emission_scope == "well_to_wheel",
    )
    vkm = emissions.vehicle_km_per_year(np.ones_like(occupancy), occupancy, per_vkm)
    cost = v.per_mode("cost_per_km", modes)
    ext = v.per_mode("external_cost_per_vkm", modes)
    share_modes = [k[len(SHARE_PREFIX) :] for k in p if k.startswith(SHARE_PREFIX)]
    pos = [modes.index(m) for m in share_modes]
    share = np.stack([np.asarray(v(SHARE_PREFIX + m), dtype=float) for m in share_modes], axis=-1)

    def weighted(per_mode: FloatArray) -> FloatOrArray:
        out = (share * per_mode[..., pos]).sum(axis=-1)
        return out if np.ndim(out) else float(out)

    def per_mode(value: FloatOrArray) -> FloatOrArray:  # a value over draws, against (n_draws, M)
        return value[..., None] if isinstance(value, np.ndarray) and value.ndim else value

    own_share = per_mode(v("rebound.noncommute_own_mode_share"))
    co2e, ext_pkm = np.asarray(factor, dtype=float), ext * vkm
    circuity = v.per_mode("circuity", modes)
    mix = {"co2e": weighted(co2e), "cost": weighted(cost), "external": weighted(ext_pkm)}
    return ModeFactors(
        co2e_kg_per_pkm=co2e,
        vkm_per_pkm=np.asarray(vkm),
        speed_km_per_h=v.per_mode("speed_km_per_h", modes),
        cost_per_pkm=cost,
        external_cost_per_vkm=ext,
        external_cost_per_pkm=ext_pkm,
        circuity=circuity,
        deduction_circuity=deduction_circuity(circuity, modes),
        noncommute_co2e_kg_per_km=mix["co2e"],
        noncommute_cost_per_km=mix["cost"],
        noncommute_external_per_km=mix["external"],
        rebound_co2e_kg_per_km=home.rebound_per_km(co2e, per_mode(mix["co2e"]), own_share),
        rebound_cost_per_km=home.rebound_per_km(cost, per_mode(mix["cost"]), own_share),
        rebound_external_per_km=home.rebound_per_km(ext_pkm, per_mode(mix["external"]), own_share),
    )


def deduction_circuity(circuity: FloatArray, modes: list[str]) -> FloatArray:
    """The commuting deduction's circuity for every mode: the car's (``circuity[..., car]``).

    Danish law measures the deduction on "den normale transportvej ved kørsel i bil",
    whatever the mode used (Den juridiske vejledning, "Normal transportvej"; SKM2005.540.LSR:
    a public-transport user gets the road distance, not the distance travelled). Without a
    ``car`` mode each mode keeps its own circuity.

    Examples
    --------
    >>> deduction_circuity(np.array([1.343, 1.3, 1.25]), ["car", "train", "bicycle"])
    array([1.343, 1.343, 1.343])
    """
    if "car" not in modes:
        return circuity
    car = circuity[..., modes.index("car")]
    return np.broadcast_to(np.asarray(car)[..., None], np.shape(circuity)).copy()


def fare_mode_mask(params: Parameters) -> BoolArray:
    """True for each mode of the set whose commute is paid in fares (a period pass or single
    fares, :func:`remotecalc.formulas.costs.public_transport_fare_per_year`): the
    :data:`remotecalc.inputs.parameters.FARE_MODES` when the set has the ``transit.*`` keys."""
    on = all(k in params for k in FARE_KEYS)
    return np.array([on and m in FARE_MODES for m in params.modes], dtype=bool)


#: Keys of the public-transport fares (all or none in a set).
FARE_KEYS = (
    "transit.fare_base_per_trip",
    "transit.fare_per_km",
    "transit.pass_price_in_single_fares",
)


# ------------------------------------------------------------------------------------------
# Building blocks and the metrics written on them
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Blocks:
    """The additive building blocks of one state (baseline or scenario), per year.

    With ``by_mode=False`` every field has one value per employee (``(n,)``) and the km
    fields are in the employee's own mode; with ``by_mode=True`` the km fields have a last
    axis of modes (``(..., M)``) and the leading axes are sums (``()``), draws or
    partitions. Blocks add (``+``), subtract and scale (``*`` by a number or an array over
    the leading axis); every metric is linear in them.
    """

    onsite_days: FloatOrArray
    """On-site (commuting) days. [days/yr]"""
    home_days: FloatOrArray
    """Home-working days. [days/yr]"""
    commute_pkm: FloatOrArray
    """Commute distance. [passenger-km/yr]"""
    untimed_pkm: FloatOrArray
    """Commute distance of employees without a given travel time. [passenger-km/yr]"""
    given_hours: FloatOrArray
    """Commute time of employees with a given travel time. [h/yr]"""
    home_day_km: FloatOrArray
    """Round-trip commute km not travelled on home days (rebound base). [km/yr]"""
    deduction_km: FloatOrArray
    """Round-trip km in the ordinary band of the commuting deduction. [km/yr]"""
    deduction_km_above: FloatOrArray
    """Round-trip km above the deduction's upper limit. [km/yr]"""
    mode_home_days: FloatOrArray
    """Home days again, with a mode axis when summed (per employee: ``home_days``): the base
    of trips per home day in the commuter's own mode. [days/yr]"""
    by_mode: bool = False
    deduction_km_outer: FloatOrArray = 0.0
    """Round-trip km above the threshold of residents of the outer areas, paid at their
    rate (:func:`remotecalc.formulas.costs.split_outer_area_km`; then 0 in the two bands above).
    [km/yr]"""
    deduction_bridge: FloatOrArray = 0.0
    """Bridge allowance of the deduction (Storebælt, Øresund). [currency/yr]"""
    fare_days: FloatOrArray = 0.0
    """Commuters paying fares: on-site days paid at single fares, at most the pass's price
    in days (:func:`remotecalc.formulas.costs.fare_days_per_year`; 0 for other modes; not
    linear in the on-site days). [days/yr]"""
    fare_day_km: FloatOrArray = 0.0
    """The same days times each commuter's one-way km. [days × km/yr]"""
    fare_pkm: FloatOrArray = 0.0
    """Commute km of commuters paying fares (priced by fares, not per km). [passenger-km/yr]"""

    _ADDITIVE = (
        "onsite_days",
        "home_days",
        "commute_pkm",
        "untimed_pkm",
        "given_hours",
        "home_day_km",
        "deduction_km",
        "deduction_km_above",
        "deduction_km_outer",
        "deduction_bridge",
        "mode_home_days",
        "fare_days",
        "fare_day_km",
        "fare_pkm",
    )

    def _map(self, fn: Callable[..., FloatOrArray], *others: Blocks) -> Blocks:
        return Blocks(
            **{k: fn(getattr(self, k), *(getattr(o, k) for o in others)) for k in self._ADDITIVE},
            by_mode=self.by_mode,
        )

    def __add__(self, other: Blocks) -> Blocks:
        return self._map(lambda a, b: a + b, other)

    def __sub__(self, other: Blocks) -> Blocks:
        return self._map(lambda a, b: a - b, other)

    def scale(self, factor: FloatOrArray) -> Blocks:
        """Every block times ``factor`` (a number, or an array over the leading axis)."""
        f = np.asarray(factor, dtype=float)

        def times(a: FloatOrArray) -> FloatOrArray:
            if np.ndim(a) == 0 and a == 0:  # a block these blocks have none of (no fares)
                return a  # stays 0: a factor over draws must not give it a draws axis alone
            return a * (f[..., None] if np.ndim(a) > f.ndim and f.ndim else f)

        return self._map(times)

    def total(self, mode_pos: IntArray, n_modes: int) -> Blocks:
        """The sum over employees of per-employee blocks, with a mode axis.

        ``mode_pos`` is each employee's mode position. NaN values (employees without a
        distance) are left out of the sums, as pandas sums do.
        """
        if self.by_mode:
            raise ValueError("these blocks are sums already")

        def total(x: FloatOrArray) -> float:
            a = np.asarray(x, dtype=float)  # per employee: the array itself
            s = float(a.sum())
            return float(np.nansum(a)) if math.isnan(s) else s

        def by_mode(a: FloatOrArray) -> FloatArray:
            return bin_sums(mode_pos, weights=np.nan_to_num(a), minlength=n_modes)

        return Blocks(
            total(self.onsite_days),
            total(self.home_days),
            by_mode(self.commute_pkm),
            by_mode(self.untimed_pkm),
            total(self.given_hours),
            by_mode(self.home_day_km),
            total(self.deduction_km),
            total(self.deduction_km_above),
            by_mode(self.mode_home_days),
            by_mode=True,
            deduction_km_outer=total(self.deduction_km_outer),
            deduction_bridge=total(self.deduction_bridge),
            fare_days=by_mode(np.broadcast_to(self.fare_days, np.shape(self.onsite_days))),
            fare_day_km=by_mode(np.broadcast_to(self.fare_day_km, np.shape(self.onsite_days))),
            fare_pkm=by_mode(np.broadcast_to(self.fare_pkm, np.shape(self.onsite_days))),
        )


def _mode_sum(per_mode: FloatOrArray, by_mode: bool) -> FloatOrArray:
    """Σ over the mode axis of blocks with one (per employee: the value itself)."""
    return per_mode.sum(axis=-1) if by_mode and isinstance(per_mode, np.ndarray) else per_mode


def _over_modes(value: FloatOrArray, by_mode: bool) -> FloatOrArray:
    """A value over draws ``(n,)`` shaped ``(n, 1)`` to broadcast against a mode axis."""
    return value[..., None] if by_mode and isinstance(value, np.ndarray) and value.ndim else value


def employee_metrics(
    b: Blocks,
    v: Values,
    f: ModeFactors,
    trips: TripBlocks | None = None,
    trip_factors: ModeFactors | None = None,
) -> dict[str, FloatOrArray]:
    """Every per-employee metric of one state, from its building blocks (the one formula).

    Parameters
    ----------
    b : Blocks
        Per employee (``f`` gathered per employee with :meth:`ModeFactors.take`), or summed
        with a mode axis (``f`` per mode).
    v : Values
        Parameter values (floats, or arrays over the draws of a leading axis).
    f : ModeFactors
    trips : TripBlocks, optional
        Work trips of the same employees (or their sums) in this state: the work-travel
        metrics are :func:`work_travel_metrics` of them (0 without trips).
    trip_factors : ModeFactors, optional
        Per-mode factors for the trips (default ``f``; per-employee callers pass the
        ungathered factors, as trips have their own modes).

    Returns
    -------
    dict
        Every ``employee`` metric of :data:`remotecalc.model.metrics.REGISTRY` -> values, shaped
        like the leading axes of ``b``, in the metrics' storage units (days/yr, km/yr,
        h/yr, kg CO2e/yr, currency/yr). Metrics a user registered with a formula are
        evaluated after the built-in ones.

    Notes
    -----
    With on-site days :math:`S`, home days :math:`H`, passenger-km :math:`P_m` by mode:
    commute CO₂e :math:`\\sum_m P_m f_m`; hours :math:`G + \\sum_m U_m / v_m` (:math:`G`:
    given travel times, :math:`U`: km without one); rebound km by mode
    :math:`R_m = s K_m + k H_m` (:math:`K`: commute km not travelled on home days,
    :math:`H_m`: home days by mode), priced per km by
    :func:`remotecalc.formulas.home.rebound_per_km`: :math:`o f_m + (1 - o) f_\\text{mix}` with
    :math:`o` = ``rebound.noncommute_own_mode_share`` (1 by default: the commuter's own mode;
    0: the fixed mix ``rebound.noncommute_mode_share.*`` for everybody); commuting deduction
    :math:`r D_1 + r_2 D_2` on the km in its bands. Every term is linear in the blocks, so
    the metric of a sum is the sum of the metrics. The long-run terms (third-place trips,
    movers' longer commutes) are in the blocks (:func:`employee_blocks`).

    Home energy is counted on every home day, whatever the mode. With the own-mode default
    a cyclist's or walker's commute and rebound trips emit nothing, so their net change is
    exactly their home energy (and ICT): the only term that can make it positive.
    """
    m = b.by_mode
    km = _mode_sum(b.commute_pkm, m)
    hours = b.given_hours + _mode_sum(b.untimed_pkm / f.speed_km_per_h, m)
    co2 = _mode_sum(emissions.commute_co2e_kg_per_year(b.commute_pkm, f.co2e_kg_per_pkm), m)
    # the home-day functions are linear in home days: evaluated for one day, then scaled
    elec, heat, season = (
        v("home.extra_electricity_kwh_per_day"),
        v("home.extra_heat_kwh_per_day"),
        v("home.heating_season_share"),
    )
    h = b.home_days
    energy_day = home.home_energy_kwh_per_year(1.0, elec, heat, season)
    home_co2 = h * home.home_energy_co2e_kg_per_year(
        1.0,
        elec,
        heat,
        season,
        v("energy.electricity_co2e_kg_per_kwh"),
        v("energy.heat_co2e_kg_per_kwh"),
        v("home.co2e_kg_per_fte_hour"),
        v("hours_per_workday"),
    )
    # HomeEnergy's fields are typed object (formulas layer): numbers here, per day
    energy_cost = h * (
        cast(FloatOrArray, energy_day.electricity_kwh) * v("energy.electricity_price_per_kwh")
        + cast(FloatOrArray, energy_day.heat_kwh) * v("energy.heat_price_per_kwh")
    )
    ict = h * home.ict_co2e_kg_per_year(1.0, v("ict.co2e_kg_per_workday"))
    # rebound trips by mode (per employee: in the employee's mode), priced by
    # home.rebound_per_km: the own mode's factor and the fixed mix's, blended
    nc_km_by_mode = home.rebound_km_per_year(
        b.home_day_km,
        b.mode_home_days,
        _over_modes(v("rebound.noncommute_share_of_avoided_km"), m),
        _over_modes(v("rebound.noncommute_km_per_home_day"), m),
    )
    nc_km = _mode_sum(nc_km_by_mode, m)

    def rebound(per_km: FloatOrArray) -> FloatOrArray:  # per km: f.rebound_* (home.rebound_per_km)
        return _mode_sum(nc_km_by_mode * per_km, m)

    nc_co2 = rebound(f.rebound_co2e_kg_per_km)
    # per-km running cost or fare, except the commute of fare modes: the cheaper of a pass
    # and single fares, 2 (a + b d) min(S, w* W) (costs.public_transport_fare_per_year)
    fares: FloatOrArray = 0.0
    if all(k in v.params for k in FARE_KEYS):
        base, per_km = v("transit.fare_base_per_trip"), v("transit.fare_per_km")
        fares = 2.0 * _mode_sum(
            b.fare_days * _over_modes(base, m) + b.fare_day_km * _over_modes(per_km, m), m
        )
    travel = (
        _mode_sum(costs.travel_cost_per_year(b.commute_pkm - b.fare_pkm, f.cost_per_pkm), m)
        + fares
        + rebound(f.rebound_cost_per_km)
    )
    deduction = costs.deduction_from_km(
        b.deduction_km,
        b.deduction_km_above,
        v("deduction.rate_per_km"),
        v("deduction.rate_above_upper_per_km"),
        b.deduction_km_outer,
        v(dkrules.OUTER_RATE_KEY) if dkrules.OUTER_RATE_KEY in v.params else 0.0,
        b.deduction_bridge,
    )
    tax = costs.fiscal_effect_per_year(deduction, v("deduction.marginal_tax_value"))
    external = _mode_sum(
        costs.external_cost_per_year(b.commute_pkm, f.external_cost_per_pkm), m
    ) + rebound(f.rebound_external_per_km)
    out = {
        "onsite_days": b.onsite_days,
        "home_days": h,
        "commute_km": km,
        "commute_hours": hours,
        "commute_co2e_kg": co2,
        "home_energy_co2e_kg": home_co2,
        "noncommute_km": nc_km,
        "noncommute_co2e_kg": nc_co2,
        "ict_co2e_kg": ict,
        "employee_co2e_kg": co2 + home_co2 + nc_co2 + ict,
        "travel_cost": travel,
        "home_energy_cost": energy_cost,
        "deduction_tax_value": tax,
        "employee_net_cost": travel + energy_cost - tax,
        "time_value": costs.value_of_time_per_year(hours, v("cost.value_of_time_per_hour")),
        "external_cost": external,
        "fiscal_cost": tax,
    }
    if trips is None:
        zero = np.zeros(np.shape(b.onsite_days))  # one array for every metric (never written)
        out.update(dict.fromkeys(WORK_TRAVEL_METRICS, zero if zero.ndim else 0.0))
    else:
        out.update(work_travel_metrics(trips, v, f if trip_factors is None else trip_factors))
    return _added(out, metrics.EMPLOYEE, b, v, f)


def _added(out: dict[str, _V], level: str, *args: Any) -> dict[str, _V]:
    """``out`` with the metrics a user registered at ``level`` (their formulas)."""
    for name, m in metrics.REGISTRY.items():
        if m.level == level and m.formula is not None:
            out[name] = m.formula(*args)
    return out


# ------------------------------------------------------------------------------------------
# Per-employee inputs and blocks
# ------------------------------------------------------------------------------------------


def mode_positions(staff: pd.DataFrame, modes: list[str] | pd.Index) -> IntArray:
    """Position of each employee's mode in ``modes`` (a parameter set's modes).

    Raises
    ------
    ScenarioError
        If an employee's mode has no factors in the set.
    """
    index = pd.Index(modes)
    mode = staff["mode"]
    if isinstance(mode.dtype, pd.CategoricalDtype):  # map the few categories, not every row
        cat_pos = index.get_indexer(mode.cat.categories.astype(str))
        codes = mode.cat.codes.to_numpy()
        pos = np.where(codes >= 0, cat_pos[codes], -1)
    else:
        pos = index.get_indexer(pd.Index(mode.astype(str)))
    if (pos < 0).any():
        bad = sorted(set(staff["mode"].astype(str)[pos < 0]))
        raise ScenarioError(f"the parameter set has no factors for mode(s) {bad}")
    return pos


def site_codes(staff: pd.DataFrame, sites: pd.DataFrame) -> IntArray:
    """Position of each employee's site in the sites table (-1: not in the table).

    Positions in the sites table, not in the staff, so that the codes of any subset of the
    staff (a partition of a Dask DataFrame) agree with those of the whole.
    """
    return positions(staff["site_id"], sites["site_id"])


def teleworkable_notes(n_missing: int) -> list[str]:
    """The note on employees without a teleworkable value (taken as fully teleworkable)."""
    if not n_missing:
        return []
    return [Note("teleworkable_missing", n=int(n_missing))]


@dataclass(frozen=True)
class EmployeeInputs:
    """Everything per employee that does not depend on the scenario (computed once)."""

    one_way_km: FloatArray
    """Route distance home to site: given, else great-circle × the mode's circuity. [km]"""
    great_circle_km: FloatArray
    """Great-circle distance (NaN where the distance is given). [km]"""
    given_km: FloatArray
    """Given one-way distance (NaN where it comes from geography). [km]"""
    fte: FloatArray
    """Full-time equivalent. [-]"""
    onsite_today: FloatArray
    """On-site days per full-time week today. [days/week]"""
    teleworkable: FloatArray
    """Teleworkable share (missing taken as 1). [share]"""
    minutes: FloatArray | None
    """Given one-way travel time, NaN where not given; None: no such column. [min]"""
    mode_pos: IntArray
    """Position of each employee's mode in the parameter set's modes."""
    site_code: IntArray
    """Position of each employee's site in the sites table (-1: not there)."""
    factors: ModeFactors
    """The parameter set's per-mode factors (per mode, not gathered)."""
    own: ModeFactors
    """The factors of each employee's own mode (gathered)."""
    n_teleworkable_missing: int = 0
    outer_area: BoolArray | None = None
    """True for residents of the deduction's outer areas (None: the rule is not in the set)."""
    bridge_per_day: FloatArray | None = None
    """Bridge allowance of the deduction per on-site day (None: none). [currency/day]"""
    n_deduction_area_unknown: int = 0
    """Employees the outer-area rule could not place (ordinary rates applied)."""
    desk_based: BoolArray | None = None
    """Desk-based (True) or frontline (False), given or defaulted
    (:func:`remotecalc.formulas.office.resolve_desk_based`); None: all desk-based."""
    desk_site_code: IntArray | None = None
    """``site_code`` where desks concern the employee (desk-based, at a site that has
    desks), else -1: desks, attendee-days and office costs count these only. None: as
    ``site_code``."""
    desk_defaults: IntArray | None = None
    """Defaults applied to ``desk_based`` (counts in the order of
    :data:`remotecalc.formulas.office.DESK_BASED_SOURCES`; they add up over partitions)."""
    deduction_one_way_km: FloatArray | None = None
    """The commuting deduction's distance: given, else great-circle × the *car's* circuity
    for every mode (:func:`deduction_circuity`); None: ``one_way_km``. [km]"""
    fare_cap: FloatArray | None = None
    """For commuters paying fares, the on-site share of the working days at which a period
    pass costs what single fares do (:func:`remotecalc.formulas.costs.pass_break_even_share`),
    else NaN; None: nobody pays fares (the set has no ``transit.*`` keys). [share]"""

    @property
    def deduction_km(self) -> FloatArray:
        """One-way distance of the commuting deduction. [km]"""
        return self.one_way_km if self.deduction_one_way_km is None else self.deduction_one_way_km

    @property
    def desk_code(self) -> IntArray:
        """Position of each employee's site for desks (-1: no desk effect)."""
        return self.site_code if self.desk_site_code is None else self.desk_site_code


def employee_inputs(
    staff: pd.DataFrame,
    sites: pd.DataFrame,
    great_circle_km: FloatArray,
    params: Parameters,
    site_code: IntArray | None = None,
) -> EmployeeInputs:
    """The scenario-independent per-employee inputs of the model.

    Parameters
    ----------
    staff, sites : pandas.DataFrame
        Validated staff and sites (a :class:`~remotecalc.Workforce`'s, or one partition).
    great_circle_km : array
        Great-circle distance home to site of every employee. [km]
    params : Parameters
    site_code : array, optional
        Position of each employee's site in ``sites`` (:func:`site_codes`, computed when
        not given).
    """
    v = Values(params)
    f = mode_factors(v)
    pos = mode_positions(staff, list(params.modes))
    n = len(staff)
    tele = (
        staff["teleworkable"].to_numpy(dtype=float)
        if "teleworkable" in staff.columns
        else np.full(n, np.nan)
    )
    missing = np.isnan(tele)
    if missing.any():
        tele = np.where(missing, 1.0, tele)
    given = (
        staff["one_way_km"].to_numpy(dtype=float)
        if "one_way_km" in staff.columns
        else np.full(n, np.nan)
    )
    gc = np.asarray(great_circle_km, dtype=float)
    own = f.take(pos)
    from remotecalc.inputs.geography import road_distance_km

    one_way = np.where(np.isnan(given), road_distance_km(gc, own.circuity), given)
    deduction_km = np.where(np.isnan(given), road_distance_km(gc, own.deduction_circuity), given)
    fare = fare_mode_mask(params)
    fare_cap = None
    if fare.any():
        cap = float(costs.pass_break_even_share(params["transit.pass_price_in_single_fares"]))
        fare_cap = np.where(fare[pos], cap, np.nan)
    minutes = (
        staff["commute_minutes_one_way"].to_numpy(dtype=float)
        if "commute_minutes_one_way" in staff.columns
        else None
    )
    code = site_codes(staff, sites) if site_code is None else site_code
    desk_based, desk_code, desk_defaults = desk_inputs(staff, sites, code)
    return EmployeeInputs(
        one_way_km=one_way,
        great_circle_km=np.where(np.isnan(given), gc, np.nan),
        given_km=given,
        fte=staff["fte"].to_numpy(dtype=float),
        onsite_today=staff["onsite_days_per_week"].to_numpy(dtype=float),
        teleworkable=tele,
        minutes=minutes,
        mode_pos=pos,
        site_code=code,
        factors=f,
        own=own,
        n_teleworkable_missing=int(missing.sum()),
        desk_based=desk_based,
        desk_site_code=desk_code,
        desk_defaults=desk_defaults,
        deduction_one_way_km=deduction_km,
        fare_cap=fare_cap,
        **_deduction_inputs(staff, sites, params, site_code),
    )


class _DeductionInputs(TypedDict, total=False):
    """The deduction fields of :class:`EmployeeInputs`, by name (see there)."""

    outer_area: BoolArray
    n_deduction_area_unknown: int
    bridge_per_day: FloatArray


def _deduction_inputs(
    staff: pd.DataFrame, sites: pd.DataFrame, params: Parameters, site_code: IntArray | None
) -> _DeductionInputs:
    """Outer-area flags and bridge allowances per employee, where the set has those rules."""
    out: _DeductionInputs = {}
    if dkrules.OUTER_RATE_KEY in params:
        out["outer_area"], out["n_deduction_area_unknown"] = dkrules.outer_area_mask(staff)
    if all(k in params for k in dkrules.BRIDGE_KEYS.values()):
        code = site_codes(staff, sites) if site_code is None else site_code
        out["bridge_per_day"] = dkrules.bridge_deduction_per_onsite_day(
            staff,
            sites,
            code,
            staff["mode"],
            {bv: float(params[k]) for bv, k in dkrules.BRIDGE_KEYS.items()},
        )
    return out


def deduction_counts(inp: EmployeeInputs) -> IntArray:
    """Employees the outer-area rule could not place, outer-area residents, bridge
    commuters, and 1 if the set has the rules: additive over partitions."""
    bridge = inp.bridge_per_day
    return np.array(
        [
            inp.n_deduction_area_unknown,
            0 if inp.outer_area is None else int(inp.outer_area.sum()),
            0 if bridge is None else int((bridge > 0).sum()),
            inp.outer_area is not None,
        ],
        dtype=int,
    )


def deduction_notes(inp: EmployeeInputs | IntArray) -> list[str]:
    """The notes on how the Danish deduction rules were applied to these employees (from
    their inputs, or from :func:`deduction_counts` summed over partitions)."""
    c = deduction_counts(inp) if isinstance(inp, EmployeeInputs) else np.asarray(inp)
    return dkrules.deduction_notes(int(c[0]), int(c[1]), int(c[2]), bool(c[3]))


@dataclass(frozen=True)
class Movers:
    """Employees who become hybrid under a scenario: in the long run they move farther away.

    A scenario's on-site days are an expected value over uptake (a share ``u`` of the
    eligible take the remote days up), so an employee who becomes hybrid when taking them up
    moves with probability ``u`` times the share who have moved home by the long-run view
    (:func:`moved_share`: the growth builds up over the years): ``weight``. The long-run lever
    ``longrun.hybrid_commute_growth_share`` applies to that share, at the on-site days of a
    taker (:func:`employee_blocks`).
    """

    weight: FloatArray
    """Expected share of each employee who moves: the uptake where the employee becomes
    hybrid by taking the scenario's remote days up (:func:`becomes_hybrid`), else 0. [share]"""
    onsite_per_week: FloatArray
    """On-site days per full-time week of a taker (the scenario at full uptake). [days/week]"""


#: Fewest home days a week (per full-time week) that make an employee hybrid.
HYBRID_MIN_HOME_DAYS = 1.0


def becomes_hybrid(onsite_today: FloatArray, onsite_taker: FloatArray) -> BoolArray:
    """True where an employee has under one home day a week today and at least one as a taker.

    Per full-time week: home days ``5 - onsite`` reach :data:`HYBRID_MIN_HOME_DAYS`.
    Employees hybrid today are not movers: their distance is observed and holds any move.

    Examples
    --------
    >>> becomes_hybrid(np.array([5.0, 5.0, 3.0, 4.5]), np.array([3.0, 4.5, 2.0, 4.0]))
    array([ True, False, False,  True])
    """
    limit = commute.DAYS_PER_WEEK - HYBRID_MIN_HOME_DAYS + 1e-9
    return (np.asarray(onsite_today) > limit) & (np.asarray(onsite_taker) <= limit)


def scenario_movers(
    staff: pd.DataFrame, scenario: Scenario, inp: EmployeeInputs, v: Values
) -> Movers | None:
    """The :class:`Movers` of a scenario, or None when the long-run growth is off (0).

    Takers' on-site days are the scenario's at full uptake (:func:`scenario_onsite`); the
    weight is the scenario's uptake for employees who :func:`becomes_hybrid` as takers.
    """
    g = v("longrun.hybrid_commute_growth_share")
    if np.ndim(g) == 0 and g == 0:
        return None
    full = scenario_onsite(staff, scenario, inp, uptake=1.0, check_selects=False)[0]
    share = float(np.mean(moved_share(v)))
    weight = np.where(becomes_hybrid(inp.onsite_today, full), float(scenario.uptake) * share, 0.0)
    return Movers(weight, full)


def moved_share(v: Values) -> FloatOrArray:
    """Share of the employees who become hybrid that have moved home by the long-run view:
    :func:`remotecalc.formulas.home.moved_share_after_years` of ``longrun.annual_move_share``
    and ``longrun.years_after_change`` (1, all at once, for a set without them)."""
    if "longrun.annual_move_share" not in v.params or "longrun.years_after_change" not in v.params:
        return 1.0
    share: FloatOrArray = home.moved_share_after_years(
        v("longrun.annual_move_share"), v("longrun.years_after_change")
    )
    return share


def desk_inputs(
    staff: pd.DataFrame, sites: pd.DataFrame, site_code: IntArray
) -> tuple[BoolArray, IntArray, IntArray]:
    """Who is desk-based, each employee's site for desks (-1: no desk effect), defaults.

    ``desk_based`` as given in the staff table, else from the occupation code and the
    site's type (:func:`remotecalc.formulas.office.resolve_desk_based`); a site has desks unless
    its ``desks`` is 0 or its type has none (:func:`remotecalc.formulas.office.site_type_desks`).
    Without any of these columns everybody is desk-based at a site with desks (one array
    operation: the model before desk-based staff were read).
    """
    n = len(staff)
    given = (
        staff["desk_based"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        if "desk_based" in staff.columns
        else None
    )
    occupation = (
        office.desk_based_from_occupation(staff["occupation_isco08"])
        if "occupation_isco08" in staff.columns
        else None
    )
    has_type = "site_type" in sites.columns
    desks = sites["desks"].to_numpy(dtype=float) if "desks" in sites.columns else None
    if given is None and occupation is None and not has_type and desks is None:
        counts = np.zeros(len(office.DESK_BASED_SOURCES), dtype=np.int64)
        counts[office.DESK_BASED_SOURCES.index("assumed_desk")] = n
        return np.ones(n, dtype=bool), site_code, counts
    has, default = office.site_type_desks(
        sites["site_type"] if has_type else None, desks, len(sites)
    )
    if given is None and occupation is None and has.all() and np.isnan(default).all():
        counts = np.zeros(len(office.DESK_BASED_SOURCES), dtype=np.int64)
        counts[office.DESK_BASED_SOURCES.index("assumed_desk")] = n
        return np.ones(n, dtype=bool), site_code, counts  # every site an office with desks
    desk_based, effect, counts = office.resolve_desk_based(
        given, occupation, site_code, has, default
    )
    return desk_based, site_code if effect.all() else np.where(effect, site_code, -1), counts


def desk_notes(counts: IntArray | None) -> list[str]:
    """The notes on defaults applied to ``desk_based`` (counts of :func:`desk_inputs`)."""
    if counts is None:
        return []
    c = dict(zip(office.DESK_BASED_SOURCES, (int(x) for x in counts), strict=True))
    notes: list[str] = []
    if c["occupation_desk"] + c["occupation_frontline"]:
        notes.append(
            Note(
                "desk_from_occupation",
                n=c["occupation_desk"] + c["occupation_frontline"],
                desk=c["occupation_desk"],
                frontline=c["occupation_frontline"],
            )
        )
    if c["site_type_desk"] + c["site_type_frontline"]:
        notes.append(
            Note(
                "desk_from_site_type",
                n=c["site_type_desk"] + c["site_type_frontline"],
                desk=c["site_type_desk"],
                frontline=c["site_type_frontline"],
            )
        )
    if c["assumed_desk"]:
        notes.append(Note("desk_assumed", n=c["assumed_desk"]))
    if c["desk_based_no_desks"]:
        notes.append(Note("desk_based_no_desks", n=c["desk_based_no_desks"]))
    return notes


def employee_blocks(
    inp: EmployeeInputs, onsite_per_week: FloatArray, v: Values, movers: Movers | None = None
) -> Blocks:
    """Per-employee building blocks of one state (``onsite_per_week``: days per full week).

    Parameters
    ----------
    inp : EmployeeInputs
    onsite_per_week : array
        Expected on-site days per full-time week of each employee. [days/week]
    v : Values
    movers : Movers, optional
        The scenario's employees who become hybrid (:func:`scenario_movers`); None for the
        baseline, and when the long-run growth is off.

    Notes
    -----
    Commute passenger-km :math:`2 d S` plus the trips to third places on remote days,
    :math:`2 \\varphi k H` (:func:`remotecalc.formulas.home.third_place_km_per_year`, in the
    employee's mode, without a given travel time, outside the commuting deduction). A mover
    (weight :math:`w`, on-site days :math:`o_t` as a taker) adds
    :math:`w\\,[B(d (1 + g), o_t) - B(d, o_t)]` to every block
    (:func:`remotecalc.formulas.home.moved_one_way_km`; a given travel time grows with the
    distance). Both long-run terms are 0 when their parameters are (the short-run sets).
    """
    wd = v("workdays_per_year")
    s = commute.onsite_days_per_year(inp.fte, onsite_per_week, wd)
    h = commute.home_days_per_year(inp.fte, onsite_per_week, wd)
    pkm = commute.annual_commute_km(inp.one_way_km, s)
    third = home.third_place_km_per_year(
        h, v("longrun.third_place_share_of_home_days"), v("longrun.third_place_one_way_km")
    )
    commute_pkm = pkm + third
    if inp.minutes is None:
        untimed, given_hours = commute_pkm, np.zeros(len(s))
    else:
        timed = ~np.isnan(inp.minutes)
        untimed = np.where(timed, 0.0, pkm) + third
        given_hours = np.where(timed, commute.annual_commute_trips(s) * inp.minutes / 60.0, 0.0)
    d1, d2 = costs.deduction_km_per_year(
        inp.deduction_km,
        s,
        v("deduction.threshold_km_round_trip"),
        v("deduction.upper_km_round_trip"),
    )
    outer = np.zeros(len(s), dtype=bool) if inp.outer_area is None else inp.outer_area
    d1, d2, d_outer = costs.split_outer_area_km(d1, d2, outer)
    bridge = costs.bridge_allowance_per_year(
        s, 0.0 if inp.bridge_per_day is None else inp.bridge_per_day
    )
    b = Blocks(
        onsite_days=s,
        home_days=h,
        commute_pkm=commute_pkm,
        untimed_pkm=untimed,
        given_hours=given_hours,
        home_day_km=2.0 * inp.one_way_km * h,
        deduction_km=d1,
        deduction_km_above=d2,
        deduction_km_outer=d_outer,
        deduction_bridge=(
            bridge
            if isinstance(bridge, np.ndarray) and bridge.shape == np.shape(s)
            else np.broadcast_to(bridge, np.shape(s)).astype(float)
        ),
        mode_home_days=h,
        **fare_blocks(inp, s, wd),
    )
    if movers is None or not movers.weight.any():
        return b
    w = movers.weight
    return b + moved_difference(inp, movers.onsite_per_week, v)._map(
        lambda a: np.where(w > 0, w * a, 0.0)
    )


class _FareBlocks(TypedDict, total=False):
    """The fare fields of :class:`Blocks`, by name (see there)."""

    fare_days: FloatArray
    fare_day_km: FloatArray
    fare_pkm: FloatArray


def fare_blocks(
    inp: EmployeeInputs, onsite_days: FloatArray, workdays: FloatOrArray
) -> _FareBlocks:
    """Per employee: the fare blocks of :class:`Blocks` (0 for modes not paid in fares).

    Fare days :math:`\\min(S, w^* W)` (:func:`remotecalc.formulas.costs.fare_days_per_year`),
    the same times the one-way km, and the commute km they replace in per-km pricing.
    """
    if inp.fare_cap is None:
        return {}
    fare = ~np.isnan(inp.fare_cap)
    days = np.where(
        fare, costs.fare_days_per_year(onsite_days, workdays, np.nan_to_num(inp.fare_cap)), 0.0
    )
    return {
        "fare_days": days,
        "fare_day_km": days * np.where(fare, inp.one_way_km, 0.0),
        "fare_pkm": np.where(fare, commute.annual_commute_km(inp.one_way_km, onsite_days), 0.0),
    }


def moved_difference(inp: EmployeeInputs, onsite_per_week: FloatArray, v: Values) -> Blocks:
    """Per employee: the blocks at the moved distance minus those at today's, same days.

    :math:`B(d (1 + g), o) - B(d, o)` with ``g = longrun.hybrid_commute_growth_share``
    (:func:`remotecalc.formulas.home.moved_one_way_km`); days and third-place trips cancel.
    """
    g = v("longrun.hybrid_commute_growth_share")
    moved = replace(
        inp,
        one_way_km=home.moved_one_way_km(inp.one_way_km, g),
        deduction_one_way_km=home.moved_one_way_km(inp.deduction_km, g),
        minutes=None if inp.minutes is None else inp.minutes * (1.0 + g),
    )
    return employee_blocks(moved, onsite_per_week, v) - employee_blocks(inp, onsite_per_week, v)


def _dot(a: FloatArray, b: FloatArray) -> float:
    """Σ a × b without BLAS (whose threads stall a 2-core machine that is busy elsewhere)."""
    return float(np.multiply(a, b).sum())


def _difference_nan_as_zero(a: FloatOrArray, b: FloatOrArray) -> FloatOrArray:
    """``a - b`` with NaN (employees without a distance) taken as 0, as sums leave them out."""
    d = np.subtract(a, b)
    if np.ndim(d):
        d[np.isnan(d)] = 0.0
        return d
    return 0.0 if math.isnan(d) else d


#: Blocks that are not affine in the on-site days (a pass caps the fares): sums evaluate them
#: per employee at the capped days (:meth:`LinearBlocks.fare_sums`).
NONLINEAR_ROWS: tuple[str, ...] = ("fare_days", "fare_day_km")

#: The blocks a sweep sums by mode in one pass (:attr:`LinearBlocks.sorted_slope`).
LINEAR_ROWS: tuple[str, ...] = tuple(k for k in Blocks._ADDITIVE if k not in NONLINEAR_ROWS)


@dataclass(frozen=True)
class FareTerms:
    """Commuters paying fares, as sums need them: fare days are
    :math:`\text{slope} \times \\min(o, o^*)` at on-site days ``o`` a week
    (:func:`remotecalc.formulas.costs.fare_days_per_year`), fare-day km those times ``km``."""

    slope: FloatArray
    """On-site days a year per on-site day a week (fte × W / 5). [days/yr per day/week]"""
    cap_week: FloatArray
    """On-site days a week at which the pass costs what single fares do (5 w* / fte)."""
    km: FloatArray
    """One-way km (NaN taken as 0). [km]"""

    @classmethod
    def of(cls, inp: EmployeeInputs, onsite_slope: FloatArray) -> FareTerms | None:
        """From the inputs and the slope of on-site days (None: nobody pays fares)."""
        if inp.fare_cap is None:
            return None
        fare = ~np.isnan(inp.fare_cap)
        fte = np.where(inp.fte > 0, inp.fte, 1.0)
        return cls(
            np.where(fare, onsite_slope, 0.0),
            np.where(fare, commute.DAYS_PER_WEEK * np.nan_to_num(inp.fare_cap) / fte, 0.0),
            np.where(fare, np.nan_to_num(inp.one_way_km), 0.0),
        )

    def take(self, order: IntArray) -> FareTerms:
        """The terms in another order of the employees."""
        return FareTerms(self.slope[order], self.cap_week[order], self.km[order])

    def days(self, onsite_per_week: FloatArray) -> FloatArray:
        """Fare days a year of each employee at these on-site days a week. [days/yr]"""
        return self.slope * np.minimum(onsite_per_week, self.cap_week)


@dataclass(frozen=True)
class LinearBlocks:
    """The blocks of a group of employees as an affine function of their on-site days.

    Every per-employee block is affine in the employee's on-site days per week ``o``
    (on-site days, km and deduction km grow with it; home days and the km not commuted on
    home days fall with it): :math:`B_i(o_i) = B_i(0) + o_i \\, \\Delta B_i`, with both
    terms computed by :func:`employee_blocks` itself. The sum over employees of any state is
    then a few dot products (:meth:`sums`), which is how sweeps evaluate a scenario on sums
    without building per-employee blocks. A test checks :meth:`sums` against
    ``employee_blocks(...).total(...)``.
    """

    zero: Blocks
    """Σ_i B_i(0), summed with a mode axis."""
    slope: Blocks
    """ΔB_i = B_i(1) - B_i(0) per employee (NaN taken as 0, as :meth:`Blocks.total` does)."""
    mode_pos: IntArray
    n_modes: int
    all_untimed: bool = False
    """True when nobody has a given travel time (untimed km = commute km)."""
    moved_zero: Blocks | None = None
    """Per employee, :func:`moved_difference` at 0 on-site days (None: long-run growth off)."""
    moved_slope: Blocks | None = None
    """Per employee, its change per on-site day (the difference is affine in them too)."""
    mode_order: IntArray | None = None
    """The employees sorted by mode (stable): the order of :attr:`sorted_slope`."""
    mode_bounds: IntArray | None = None
    """Where each mode's employees start and end in :attr:`mode_order` (``M + 1``)."""
    sorted_slope: FloatArray | None = None
    """The slopes of every block of :data:`LINEAR_ROWS`, one row each, employees in
    :attr:`mode_order`: a scenario's sums by mode are one pass over them (:meth:`sums`)."""
    fares: FareTerms | None = None
    """Commuters paying fares, employees in :attr:`mode_order` (None: nobody does)."""
    growth: float = 0.0
    """``longrun.hybrid_commute_growth_share`` (movers' fare-day km grow by it)."""

    @classmethod
    def of(cls, inp: EmployeeInputs, v: Values) -> LinearBlocks:
        """Build from the inputs of the employees and the parameter values."""
        n = len(inp.fte)
        b0 = employee_blocks(inp, np.zeros(n), v)
        b1 = employee_blocks(inp, np.ones(n), v)
        slope = b1._map(_difference_nan_as_zero, b0)
        all_untimed = inp.minutes is None or bool(np.isnan(inp.minutes).all())
        moved_zero = moved_slope = None
        if v("longrun.hybrid_commute_growth_share") != 0:
            m0 = moved_difference(inp, np.zeros(n), v)._map(np.nan_to_num)
            m1 = moved_difference(inp, np.ones(n), v)._map(np.nan_to_num)
            moved_zero, moved_slope = m0, m1 - m0
        n_modes = len(inp.factors.circuity)
        order = np.argsort(inp.mode_pos.astype(np.int16), kind="stable")  # a radix sort
        fares = FareTerms.of(inp, np.asarray(slope.onsite_days, dtype=float))
        rows = np.empty((len(LINEAR_ROWS), n))
        for r, k in enumerate(LINEAR_ROWS):
            values = np.broadcast_to(np.asarray(getattr(slope, k), dtype=float), (n,))
            np.take(values, order, out=rows[r])
        return cls(
            b0.total(inp.mode_pos, n_modes),
            slope,
            inp.mode_pos,
            n_modes,
            all_untimed,
            moved_zero,
            moved_slope,
            order,
            np.searchsorted(inp.mode_pos[order], np.arange(n_modes + 1)),
            rows,
            None if fares is None else fares.take(order),
            float(v("longrun.hybrid_commute_growth_share")),
        )

    def sums(self, onsite_per_week: FloatArray, movers: Movers | None = None) -> Blocks:
        """The summed blocks (with a mode axis) of the employees at these on-site days.

        With ``movers`` (:func:`scenario_movers`), the long-run growth of the movers'
        commutes is added: :math:`\\sum_i w_i (M_i(0) + o_{t,i} \\Delta M_i)`, exact, as
        :func:`moved_difference` is affine in the takers' on-site days :math:`o_t`.
        """
        out = self._sums(onsite_per_week)
        if movers is None or self.moved_zero is None or self.moved_slope is None:
            return out
        w, ot = movers.weight, movers.onsite_per_week
        moved = (self.moved_zero.scale(w) + self.moved_slope.scale(w * ot)).total(
            self.mode_pos, self.n_modes
        )
        if self.fares is not None and self.mode_order is not None:
            # fare-day km grow by g at the takers' capped fare days (not affine in them)
            o = self.mode_order
            ot_s = np.broadcast_to(np.asarray(ot, dtype=float), (len(o),))[o]
            per = self.growth * w[o] * self.fares.days(ot_s) * self.fares.km
            moved = replace(moved, fare_day_km=self._by_mode(per))
        return out + moved

    def _by_mode(self, sorted_values: FloatArray) -> FloatArray:
        """Σ by mode of values of the employees in :attr:`mode_order`."""
        b = cast(IntArray, self.mode_bounds)
        c: FloatArray = np.concatenate([[0.0], np.cumsum(sorted_values)])
        return c[b[1:]] - c[b[:-1]]

    def fare_sums(self, onsite_sorted: FloatArray) -> FloatArray:
        """Fare days and fare-day km by mode, ``(M, 2)``, at the on-site days a week of the
        employees in :attr:`mode_order` (zeros when nobody pays fares)."""
        out = np.zeros((self.n_modes, 2))
        if self.fares is not None:
            days = self.fares.days(onsite_sorted)
            out[:, 0] = self._by_mode(days)
            out[:, 1] = self._by_mode(days * self.fares.km)
        return out

    def _sums(self, onsite_per_week: FloatArray) -> Blocks:
        """Σ zero + slope × o of every block, by mode, in one pass over the employees
        (einsum over each mode's employees, no BLAS; about 1.5x faster at a million than a
        dot product and a bincount per block)."""
        if self.sorted_slope is None or self.mode_order is None or self.mode_bounds is None:
            raise ValueError("build LinearBlocks with LinearBlocks.of")
        n = self.sorted_slope.shape[1]
        o = np.broadcast_to(np.asarray(onsite_per_week, dtype=float), (n,))[self.mode_order]
        per_mode = np.zeros((self.n_modes, len(LINEAR_ROWS)))
        b = self.mode_bounds
        for m in np.flatnonzero(np.diff(b)):
            lo, hi = b[m], b[m + 1]
            per_mode[m] = np.einsum("kn,n->k", self.sorted_slope[:, lo:hi], o[lo:hi])
        return self.plus_slopes(per_mode, self.fare_sums(o))

    def plus_slopes(self, per_mode: FloatArray, fare: FloatArray | None = None) -> Blocks:
        """:attr:`zero` plus Σ slope × o by mode, given as ``(M, len(LINEAR_ROWS))``, and
        the fare blocks by mode ``(M, 2)`` (:meth:`fare_sums`; None: no fares)."""
        row = {k: r for r, k in enumerate(LINEAR_ROWS)}
        z = self.zero

        def total(k: str) -> float:
            return float(getattr(z, k) + per_mode[:, row[k]].sum())

        def by_mode(k: str) -> FloatArray:
            zero: FloatArray = getattr(z, k)  # a block by mode
            return zero + per_mode[:, row[k]]

        pkm = by_mode("commute_pkm")
        return Blocks(
            total("onsite_days"),
            total("home_days"),
            pkm,
            pkm if self.all_untimed else by_mode("untimed_pkm"),
            total("given_hours"),
            by_mode("home_day_km"),
            total("deduction_km"),
            total("deduction_km_above"),
            by_mode("mode_home_days"),
            by_mode=True,
            deduction_km_outer=total("deduction_km_outer"),
            deduction_bridge=total("deduction_bridge"),
            fare_days=np.zeros(self.n_modes) if fare is None else fare[:, 0],
            fare_day_km=np.zeros(self.n_modes) if fare is None else fare[:, 1],
            fare_pkm=by_mode("fare_pkm"),
        )


class _FareGroups(TypedDict, total=False):
    """The fare fields of :class:`OnsiteClasses`, by name (see there)."""

    fare_class: IntArray
    fare_mode: IntArray
    fare_cap_week: FloatArray
    fare_slope: FloatArray


@dataclass(frozen=True)
class OnsiteClasses:
    """Employees grouped by what their on-site days under a scenario depend on, for sweeps.

    Without ``applies_to`` and ``wanted_days_column`` a scenario's on-site days of an
    employee depend only on today's on-site days and the teleworkable share
    (:func:`remotecalc.formulas.policy.onsite_days_under_policy`), so they are evaluated once per
    distinct pair (a *class*, :meth:`onsite`), and everything a sweep sums is a sum over
    classes of per-class pre-sums (built once): the blocks' slopes by mode
    (:meth:`sums`), attendee-days per site (:meth:`attendee_days`), desk counts per
    (site, on-site share) (:meth:`desk_counts`) and the employees who gain remote days
    (:meth:`gaining`). The numbers are those of the per-employee evaluation (the same
    on-site days; sums in another order).
    """

    onsite_today: FloatArray
    """Today's on-site days of each class. [days/week]"""
    teleworkable: FloatArray
    """Teleworkable share of each class. [share]"""
    size: IntArray
    """Employees in each class. [persons]"""
    slopes: FloatArray
    """Σ slope of each block (:data:`LINEAR_ROWS`) by class and mode: ``(rows, J, M)``."""
    site_slope: FloatArray
    """Σ slope of on-site days a year by site (desk users) and class: ``(sites, J)``."""
    desk_site: IntArray
    """Site of each (site, class, fte) group of desk users."""
    desk_class: IntArray
    """Class of each group."""
    desk_fte: FloatArray
    """Full-time equivalent of each group. [-]"""
    desk_count: IntArray
    """Employees in each group. [persons]"""
    fare_class: IntArray | None = None
    """Commuters paying fares, grouped by (class, mode, pass cap): the class of each group."""
    fare_mode: IntArray | None = None
    """Mode position of each fare group."""
    fare_cap_week: FloatArray | None = None
    """On-site days a week at which the group's pass pays (:class:`FareTerms`)."""
    fare_slope: FloatArray | None = None
    """Σ fare-day slope of each group, and (second row) Σ slope × km: ``(2, G)``."""

    #: Most classes for which grouping pays (else sweeps evaluate every employee).
    MAX_SHARE: ClassVar[float] = 0.1

    @classmethod
    def of(cls, inp: EmployeeInputs, linear: LinearBlocks, n_sites: int) -> OnsiteClasses | None:
        """Group the employees (None when there are more classes than
        :attr:`MAX_SHARE` of the employees: then grouping does not pay)."""
        n = len(inp.fte)
        c_on, u_on = pd.factorize(inp.onsite_today, use_na_sentinel=False)
        c_te, u_te = pd.factorize(inp.teleworkable, use_na_sentinel=False)
        klass, pairs = pd.factorize(c_on.astype(np.int64) * len(u_te) + c_te)
        n_cls = len(pairs)
        if n == 0 or n_cls > cls.MAX_SHARE * n:
            return None
        m = linear.n_modes
        key = klass * m + linear.mode_pos
        rows = np.empty((len(LINEAR_ROWS), n_cls * m))
        for r, k in enumerate(LINEAR_ROWS):
            slope = np.broadcast_to(np.asarray(getattr(linear.slope, k), dtype=float), (n,))
            rows[r] = bin_sums(key, weights=slope, minlength=n_cls * m)
        ok = inp.desk_code >= 0
        site_slope = bin_sums(
            inp.desk_code[ok] * n_cls + klass[ok],
            weights=np.asarray(linear.slope.onsite_days, dtype=float)[ok],
            minlength=n_sites * n_cls,
        ).reshape(n_sites, n_cls)
        c_fte, u_fte = pd.factorize(inp.fte, use_na_sentinel=False)
        g = (inp.desk_code[ok].astype(np.int64) * n_cls + klass[ok]) * len(u_fte) + c_fte[ok]
        n_bins = n_sites * n_cls * len(u_fte)
        if n_bins <= 4 * len(g) + 1_000_000:  # counting beats sorting when bins are few
            count = np.bincount(g, minlength=n_bins)
            groups = np.flatnonzero(count)
            count = count[groups]
        else:
            groups, count = np.unique(g, return_counts=True)
        fare_groups: _FareGroups = {}
        terms = FareTerms.of(inp, np.asarray(linear.slope.onsite_days, dtype=float))
        if terms is not None and (terms.slope > 0).any():
            f_ok = terms.slope > 0
            c_cap, u_cap = pd.factorize(terms.cap_week[f_ok], use_na_sentinel=False)
            fkey = (klass[f_ok].astype(np.int64) * m + linear.mode_pos[f_ok]) * len(u_cap) + c_cap
            fg, f_inv = np.unique(fkey, return_inverse=True)
            fare_groups = {
                "fare_class": fg // (m * len(u_cap)),
                "fare_mode": (fg // len(u_cap)) % m,
                "fare_cap_week": np.asarray(u_cap, dtype=float)[fg % len(u_cap)],
                "fare_slope": np.stack(
                    [
                        bin_sums(f_inv, weights=terms.slope[f_ok], minlength=len(fg)),
                        bin_sums(f_inv, weights=(terms.slope * terms.km)[f_ok], minlength=len(fg)),
                    ]
                ),
            }
        return cls(
            onsite_today=np.asarray(u_on, dtype=float)[pairs // len(u_te)],
            teleworkable=np.asarray(u_te, dtype=float)[pairs % len(u_te)],
            size=np.bincount(klass, minlength=n_cls),
            slopes=rows.reshape(len(LINEAR_ROWS), n_cls, m),
            site_slope=site_slope,
            desk_site=groups // (n_cls * len(u_fte)),
            desk_class=(groups // len(u_fte)) % n_cls,
            desk_fte=np.asarray(u_fte, dtype=float)[groups % len(u_fte)],
            desk_count=count,
            **fare_groups,
        )

    @staticmethod
    def applies(scenario: Scenario) -> bool:
        """True when the scenario's on-site days depend on the classes alone."""
        return not scenario.applies_to and scenario.wanted_days_column is None

    def onsite(self, scenario: Scenario, inp: EmployeeInputs) -> FloatArray:
        """On-site days per week of each class under the scenario
        (:func:`scenario_onsite` of the classes)."""
        if not self.applies(scenario):
            raise ValueError("the scenario's on-site days depend on more than the classes")
        rep = replace(inp, onsite_today=self.onsite_today, teleworkable=self.teleworkable)
        staff = pd.DataFrame(index=pd.RangeIndex(len(self.size)))
        return scenario_onsite(staff, scenario, rep)[0]

    def sums(self, linear: LinearBlocks, onsite: FloatArray) -> Blocks:
        """The summed blocks at the classes' on-site days (``linear.sums`` of the
        employees' on-site days)."""
        fare = None
        if self.fare_class is not None and self.fare_slope is not None:
            capped = np.minimum(onsite[self.fare_class], cast(FloatArray, self.fare_cap_week))
            fare = np.stack(
                [
                    bin_sums(
                        cast(IntArray, self.fare_mode),
                        weights=capped * self.fare_slope[r],
                        minlength=linear.n_modes,
                    )
                    for r in (0, 1)
                ],
                axis=1,
            )
        return linear.plus_slopes(np.einsum("rjm,j->mr", self.slopes, onsite), fare)

    def attendee_days(self, onsite: FloatArray) -> FloatArray:
        """Attendee-days per site (desk users) at the classes' on-site days. [days/yr]"""
        days: FloatArray = np.einsum("sj,j->s", self.site_slope, onsite)
        return days

    def desk_counts(self, onsite: FloatArray) -> DeskCounts:
        """:meth:`DeskCounts.of_state` of the employees at the classes' on-site days."""
        p_week = np.clip(onsite[self.desk_class] * self.desk_fte, 0, 5)
        return DeskCounts.of(self.desk_site, p_week, self.desk_count)

    def gaining(self, onsite: FloatArray) -> int:
        """Employees who gain remote days (:func:`gained_remote_days`)."""
        return int(self.size[gained_remote_days(self.onsite_today, onsite)].sum())


def applies_mask(staff: pd.DataFrame, scenario: Scenario) -> BoolArray:
    """Whom a scenario applies to: one bool per staff row (every row without ``applies_to``),
    by the one rule of :meth:`remotecalc.inputs.scenario.Selection.mask`.

    Raises
    ------
    ScenarioError
        When ``applies_to`` names a column the staff data does not have.
    """
    return scenario.applies_to.mask(staff, owner=f"scenario '{scenario.name}': applies_to")


def scenario_onsite(
    staff: pd.DataFrame,
    scenario: Scenario,
    inp: EmployeeInputs,
    uptake: float | None = None,
    check_selects: bool = True,
) -> tuple[FloatArray, BoolArray]:
    """Expected on-site days per week of each employee under a scenario, and whom it applies to.

    ``uptake`` replaces the scenario's uptake when given (on-site days are linear in it).
    ``check_selects=False`` leaves the check that ``applies_to`` selects somebody to the
    caller (a partition may select nobody while the whole does not).
    """
    applies = applies_mask(staff, scenario)
    if check_selects and scenario.applies_to and not applies.any():
        raise_selects_nobody(scenario)
    wanted = wanted_remote_days(staff, scenario)
    onsite_s = onsite_days_under_policy(
        inp.onsite_today,
        inp.teleworkable,
        scenario.remote_days_per_week,
        scenario.uptake if uptake is None else uptake,
        applies if scenario.applies_to else True,
        remote_days_wanted=wanted,
    )
    out = np.asarray(onsite_s, dtype=float)
    if out.shape != (len(staff),) or np.shares_memory(out, inp.onsite_today):
        out = np.broadcast_to(out, (len(staff),)).copy()  # one value each, never an input
    return out, applies


#: Text a wanted-days cell may hold for "no answer" (as the staff readers read it).
_NO_ANSWER = ("", "nan", "na", "n/a", "none", "null", "-", "--")

#: How many bad cells an error about ``wanted_days_column`` lists (it counts them all).
_WANTED_LISTED = 10


def wanted_remote_days(staff: pd.DataFrame, scenario: Scenario) -> FloatArray | None:
    """The remote days a week each employee wants (``scenario.wanted_days_column``), or None.

    An empty cell (NaN, blank, ``n/a``) means no answer and leaves the employee uncapped.
    Every other cell must be a number from 0 to 5 [days/week] (a decimal comma is read as a
    point); text or a number out of range is an error naming the column, the row (``source_row``, as
    numbered in the file, where the staff has it) and the value: nothing is coerced.

    Raises
    ------
    ScenarioError
        If the column is missing, or holds values that are not 0-5 days a week.

    Examples
    --------
    >>> sc = Scenario(name="x", remote_days_per_week=3, wanted_days_column="w")
    >>> wanted_remote_days(pd.DataFrame({"w": [2, None, "1,5"]}), sc)
    array([2. , nan, 1.5])
    """
    col = scenario.wanted_days_column
    if col is None:
        return None
    if col not in staff.columns:
        raise ScenarioError(
            f"scenario '{scenario.name}': wanted_days_column '{col}' is not a staff column"
        )
    raw = staff[col]
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        numeric = raw.to_numpy(dtype=float, na_value=np.nan)
        empty = np.isnan(numeric)
        not_number = np.zeros(len(raw), dtype=bool)
    else:  # text, booleans or a mix: parse, and say which cells are not numbers
        text = raw.astype("string").str.strip()
        empty = raw.isna().to_numpy() | text.fillna("").str.lower().isin(_NO_ANSWER).to_numpy()
        numeric = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )
        is_bool = raw.map(lambda x: isinstance(x, (bool, np.bool_))).to_numpy(dtype=bool)
        not_number = ~empty & (np.isnan(numeric) | is_bool)
    out_of_range = ~empty & ~not_number & ~((numeric >= 0) & (numeric <= 5))
    bad = not_number | out_of_range
    if bad.any():
        rows = (
            staff["source_row"].to_numpy()
            if "source_row" in staff.columns
            else staff.index.to_numpy()
        )
        where = np.flatnonzero(bad)
        listed = "; ".join(
            f"row {rows[i]}: {_cell_text(raw.iloc[i])} "
            + ("(not a number)" if not_number[i] else "(outside 0-5)")
            for i in where[:_WANTED_LISTED]
        )
        more = f"; and {len(where) - _WANTED_LISTED} more" if len(where) > _WANTED_LISTED else ""
        raise ScenarioError(
            f"scenario '{scenario.name}': wanted_days_column '{col}' must hold remote days a "
            f"week from 0 to 5 (empty: no answer, no cap); {len(where)} value(s) are not: "
            f"{listed}{more}"
        )
    return np.where(empty, np.nan, numeric)


def _cell_text(x: Any) -> str:
    """A cell as an error shows it: text quoted, a number plain (``-3``, ``inf``)."""
    if isinstance(x, (bool, np.bool_, str)):
        return repr(x if isinstance(x, str) else bool(x))
    try:
        return f"{float(x):g}"
    except (TypeError, ValueError):
        return repr(x)


def raise_selects_nobody(scenario: Scenario) -> None:
    """Raise the error of a scenario whose ``applies_to`` selects nobody."""
    raise ScenarioError(
        f"scenario '{scenario.name}': applies_to {dict(scenario.applies_to)} selects nobody"
    )


def gained_remote_days(onsite_baseline: FloatArray, onsite_scenario: FloatArray) -> BoolArray:
    """True for employees who gain remote days under the scenario."""
    return onsite_scenario < onsite_baseline - 1e-9


def one_off_cost(n_gaining: FloatOrArray, uptake: FloatOrArray, v: Values) -> FloatOrArray:
    """One-off home-office kit: employees who gain remote days × uptake × kit cost.

    Expected value over uptake, like every other result. [currency]
    """
    return n_gaining * uptake * v("cost.home_office_equipment_per_employee")


# ------------------------------------------------------------------------------------------
# Blocks of sums over employees for many draws (Monte Carlo, Sobol)
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreSums:
    """Sums over employees of a weight ``w`` (days per working day) that give the blocks of
    any parameter draw (:func:`blocks_from_presums`).

    Per mode (arrays of length M): ``g`` = Σ w × great-circle km of employees whose distance
    comes from geography (scaled by the drawn circuity), ``k`` = Σ w × given km;
    ``g_untimed``/``k_untimed`` the same over employees without a given travel time;
    ``given_hours`` = Σ w × given one-way hours; ``total`` = Σ w; ``site`` = Σ w per site;
    ``p0``/``p1``: cumulative sums of w and w × distance in distance order within each
    distance group (the commuting deduction is piecewise linear in distance);
    ``by_mode`` = Σ w per mode; ``bridge`` = Σ w × bridge allowance per on-site day.
    """

    total: float
    g: FloatArray
    k: FloatArray
    g_untimed: FloatArray
    k_untimed: FloatArray
    given_hours: float
    site: FloatArray
    p0: FloatArray
    p1: FloatArray
    by_mode: FloatArray
    bridge: float = 0.0
    fare_lin: FloatArray | float = 0.0
    """Commuters paying fares, with ``w`` read as a reduction of today's on-site weights
    :math:`w_0` (a scenario's at full uptake): Σ w over those whose fare days fall with every
    on-site day (:math:`w_0 \\le w^*`), by mode, ``(3, M)``: Σ w, Σ w × great-circle km
    (geography-based distances), Σ w × given km."""
    fare_t: FloatArray | float = 0.0
    """The others (pass holders today, :math:`w_0 > w^*`): the uptake at which each drops
    the pass, :math:`t = (w_0 - w^*) / w`, sorted within modes (fixed, not additive)."""
    fare_bounds: IntArray | float = 0.0
    """Where each mode's employees start and end in :attr:`fare_t` (fixed, not additive)."""
    fare_cum: FloatArray | float = 0.0
    """Cumulative sums in :attr:`fare_t` order, ``(6, K + 1)``: w, w t, w × great-circle
    km, the same × t, w × given km, the same × t. At uptake u the fall of their fare days
    is :math:`\\sum_{t < u} w (u - t)`."""
    fare_state_by_mode: FloatArray | float = 0.0
    """Σ :math:`\\min(w, w^*)` by mode: the capped weight of a state (movers at a taker's
    days)."""
    fare_state_g: FloatArray | float = 0.0
    fare_state_k: FloatArray | float = 0.0


@dataclass(frozen=True)
class DistanceOrder:
    """Employees in distance order within groups, for the deduction's bands (built once).

    Group ``m < M``: geography-based distances of mode ``m`` (scaled by its circuity);
    group ``M``: every given distance (scale 1). Residents of the deduction's outer areas
    form the same groups again, shifted by ``M + 1``.
    """

    order: IntArray
    dist_sorted: FloatArray
    bounds: IntArray
    bin: IntArray
    bin_untimed: IntArray
    given_hours_one_way: FloatArray
    dist: FloatArray
    n_modes: int
    n_sites: int
    site_code: IntArray
    bridge_per_day: FloatArray | None = None
    fare_cap: FloatArray | None = None
    """:attr:`EmployeeInputs.fare_cap` (NaN: not paying fares)."""
    onsite_today_w: FloatArray | None = None
    """Today's on-site weight (fte × on-site days / 5) of each employee."""

    @classmethod
    def of(cls, inp: EmployeeInputs, n_modes: int, n_sites: int) -> DistanceOrder:
        geo = np.isnan(inp.given_km)
        dist = np.where(geo, inp.great_circle_km, inp.given_km)
        if not np.isfinite(dist).all():
            raise ValueError(
                f"{int((~np.isfinite(dist)).sum())} employee(s) have no commute "
                "distance; Monte Carlo and sensitivity need one for all"
            )
        binned = inp.mode_pos + n_modes * (~geo)
        minutes = inp.minutes if inp.minutes is not None else np.full(len(dist), np.nan)
        timed = ~np.isnan(minutes)
        group = np.where(geo, inp.mode_pos, n_modes)
        if inp.outer_area is not None:
            group = group + (n_modes + 1) * inp.outer_area
        # by group, then by distance within it: a quicksort by distance, then a stable (radix)
        # sort of the few group numbers (about 8x faster than np.lexsort at a million). The
        # order of equal distances is arbitrary but fixed; the sums at every band limit
        # cover the same employees (searchsorted takes all ties).
        by_dist = np.argsort(dist)
        order = by_dist[np.argsort(group.astype(np.int16)[by_dist], kind="stable")]
        return cls(
            order=order,
            dist_sorted=dist[order],
            bounds=np.searchsorted(group[order], np.arange(2 * (n_modes + 1) + 1)),
            bin=binned,
            bin_untimed=np.where(timed, 2 * n_modes, binned),
            given_hours_one_way=np.where(timed, minutes / 60.0, 0.0),
            dist=dist,
            n_modes=n_modes,
            n_sites=n_sites,
            site_code=inp.desk_code,  # pre-sums per site are attendee-days (desk users)
            bridge_per_day=inp.bridge_per_day,
            fare_cap=inp.fare_cap,
            onsite_today_w=inp.fte * inp.onsite_today / commute.DAYS_PER_WEEK,
        )


def presums(order: DistanceOrder, w: FloatArray) -> PreSums:
    """:class:`PreSums` of the weights ``w`` (one per employee, days per working day)."""
    m = order.n_modes
    wd = w * order.dist
    gk = bin_sums(order.bin, weights=wd, minlength=2 * m)
    wk = bin_sums(order.bin, weights=w, minlength=2 * m)
    gk_u = bin_sums(order.bin_untimed, weights=wd, minlength=2 * m + 1)
    ws = w[order.order]
    ok = order.site_code >= 0
    return PreSums(
        total=float(w.sum()),
        g=gk[:m],
        k=gk[m:],
        g_untimed=gk_u[:m],
        k_untimed=gk_u[m : 2 * m],
        given_hours=_dot(w, order.given_hours_one_way),
        site=bin_sums(order.site_code[ok], weights=w[ok], minlength=order.n_sites),
        p0=np.concatenate([[0.0], np.cumsum(ws)]),
        p1=np.concatenate([[0.0], np.cumsum(ws * order.dist_sorted)]),
        bridge=0.0 if order.bridge_per_day is None else _dot(w, order.bridge_per_day),
        by_mode=wk[:m] + wk[m:],
        **_fare_presums(order, w),
    )


class _FarePreSums(TypedDict, total=False):
    """The fare fields of :class:`PreSums`, by name (see there)."""

    fare_lin: FloatArray
    fare_t: FloatArray
    fare_bounds: IntArray
    fare_cum: FloatArray
    fare_state_by_mode: FloatArray
    fare_state_g: FloatArray
    fare_state_k: FloatArray


def _fare_presums(order: DistanceOrder, w: FloatArray) -> _FarePreSums:
    """The fare fields of :class:`PreSums` (none when nobody pays fares)."""
    if order.fare_cap is None or order.onsite_today_w is None:
        return {}
    m = order.n_modes
    fare = ~np.isnan(order.fare_cap)
    cap = np.nan_to_num(order.fare_cap)
    w0 = order.onsite_today_w
    geo = order.bin < m
    mode = order.bin % m
    gc, given = np.where(geo, order.dist, 0.0), np.where(geo, 0.0, order.dist)
    out: _FarePreSums = {}
    # a state's capped weight (movers at a taker's days)
    state = np.where(fare, np.minimum(w, cap), 0.0)
    out["fare_state_by_mode"] = bin_sums(mode, weights=state, minlength=m)
    out["fare_state_g"] = bin_sums(mode, weights=state * gc, minlength=m)
    out["fare_state_k"] = bin_sums(mode, weights=state * given, minlength=m)
    # a reduction: linear below the cap, a kink at t = (w0 - cap) / w for pass holders
    lin = fare & (w0 <= cap)
    out["fare_lin"] = np.stack(
        [bin_sums(mode[lin], weights=(w * x)[lin], minlength=m) for x in (1.0, gc, given)]
        if lin.any()
        else [np.zeros(m)] * 3
    )
    kink = fare & (w0 > cap) & (w > 0)
    idx = np.flatnonzero(kink)
    t = (w0[idx] - cap[idx]) / w[idx]
    srt = np.lexsort((t, mode[idx]))
    idx, t = idx[srt], t[srt]
    wk = w[idx]
    cols = [wk, wk * t, wk * gc[idx], wk * gc[idx] * t, wk * given[idx], wk * given[idx] * t]
    out["fare_t"] = t
    out["fare_bounds"] = np.searchsorted(mode[idx], np.arange(m + 1))
    out["fare_cum"] = np.concatenate([np.zeros((6, 1)), np.cumsum(cols, axis=1)], axis=1)
    return out


def _fare_fall(s: PreSums, u: FloatArray, n_modes: int) -> FloatArray:
    """Fall of fare days (and of fare-day km, great-circle and given) per unit of uptake,
    ``(3, n, M)``, of a reduction's pre-sums at uptake ``u`` (one per draw): exact, as
    :math:`(\\sum_\\text{lin} w u + \\sum_{t < u} w (u - t)) / u`."""
    lin = np.asarray(s.fare_lin, dtype=float)
    out = np.broadcast_to(lin[:, None, :], (3, len(u), n_modes)).copy()
    t = np.asarray(s.fare_t, dtype=float)
    if not np.size(t):
        return out
    b = np.asarray(s.fare_bounds)
    cum = np.asarray(s.fare_cum, dtype=float)
    safe = np.where(u > 0, u, 1.0)
    for mode in np.flatnonzero(np.diff(b)):
        lo, hi = b[mode], b[mode + 1]
        i = lo + np.searchsorted(t[lo:hi], u, side="left")
        for r in range(3):
            w_sum = cum[2 * r, i] - cum[2 * r, lo]
            wt_sum = cum[2 * r + 1, i] - cum[2 * r + 1, lo]
            out[r, :, mode] += np.where(u > 0, w_sum - wt_sum / safe, 0.0)
    return out


def _deduction_km_from_sums(
    order: DistanceOrder,
    s: PreSums,
    circuity: FloatArray,
    a: FloatOrArray,
    b: FloatOrArray,
    n: int,
    given_scale: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Σ w × (round-trip km in the ordinary band, km above the upper limit, km of residents
    of the outer areas above the threshold) per draw.

    ``circuity`` scales the great-circle distances of each mode's group, ``given_scale``
    (default 1) the given distances.
    """
    a = np.broadcast_to(np.asarray(a, dtype=float), (n,))
    b = np.broadcast_to(np.asarray(b, dtype=float), (n,))
    circuity = np.broadcast_to(circuity, (n, order.n_modes))
    km_rate, km_above, km_outer = np.zeros(n), np.zeros(n), np.zeros(n)
    for g in range(len(order.bounds) - 1):
        lo, hi = order.bounds[g], order.bounds[g + 1]
        if hi == lo:
            continue
        base = g % (order.n_modes + 1)
        if base < order.n_modes:
            sc = circuity[:, base]
        else:
            sc = np.ones(n) if given_scale is None else given_scale
        dist = order.dist_sorted[lo:hi]
        # the round trip 2 d sc crosses a at d = a / (2 sc) and b at d = b / (2 sc)
        ia = lo + np.searchsorted(dist, a / (2.0 * sc), side="right")
        ib = lo + np.searchsorted(dist, b / (2.0 * sc), side="right")
        mid_w, mid_wd = s.p0[ib] - s.p0[ia], s.p1[ib] - s.p1[ia]
        top_w, top_wd = s.p0[hi] - s.p0[ib], s.p1[hi] - s.p1[ib]
        k1 = 2.0 * sc * mid_wd - a * mid_w + (b - a) * top_w
        k2 = 2.0 * sc * top_wd - b * top_w
        if g > order.n_modes:  # residents of the outer areas: both bands at their rate
            km_outer += k1 + k2
        else:
            km_rate += k1
            km_above += k2
    return km_rate, km_above, km_outer


def blocks_from_presums(
    order: DistanceOrder,
    onsite: PreSums,
    home_w: PreSums,
    v: Values,
    f: ModeFactors,
    n: int,
    scale: FloatOrArray = 1.0,
    fare_state: bool = False,
    uptake: FloatOrArray | None = None,
) -> Blocks:
    """The blocks (summed, with a mode axis, over ``n`` draws) of on-site weights ``onsite``
    and home weights ``home_w``: the same blocks as :func:`employee_blocks` summed.

    ``scale`` (a number or one per draw) multiplies every commute distance and given travel
    time: ``1 + g`` gives the blocks of movers (:func:`moved_blocks_from_presums`).

    Fares (a pass caps them, so they are not linear in the weights): by default ``onsite``
    is read as a *reduction* of today's on-site weights (a scenario's, at full uptake) and
    the fare blocks are its change per unit of uptake at ``uptake`` (one per draw; default
    1), so that the caller's scaling by the uptake gives the exact change; with
    ``fare_state`` it is read as a state's weights (movers at a taker's days).
    """

    def col(x: FloatOrArray) -> FloatArray:
        return np.broadcast_to(np.asarray(x, dtype=float), (n,))[:, None]

    wd = np.broadcast_to(np.asarray(v("workdays_per_year"), dtype=float), (n,))
    sc = col(scale)
    c = np.broadcast_to(f.circuity, (n, order.n_modes)) * sc
    two_w = 2.0 * wd[:, None]
    d1, d2, d_outer = _deduction_km_from_sums(
        order,
        onsite,
        np.broadcast_to(f.deduction_circuity, (n, order.n_modes)) * sc,
        v("deduction.threshold_km_round_trip"),
        v("deduction.upper_km_round_trip"),
        n,
        given_scale=sc[:, 0],
    )
    home_days_by_mode = wd[:, None] * home_w.by_mode
    third = home.third_place_km_per_year(
        home_days_by_mode,
        col(v("longrun.third_place_share_of_home_days")),
        col(v("longrun.third_place_one_way_km")),
    )
    fare: dict[str, FloatArray] = {}
    if order.fare_cap is not None:
        mask = _fare_modes(order)
        if fare_state:
            days, g_km, k_km = onsite.fare_state_by_mode, onsite.fare_state_g, onsite.fare_state_k
        else:
            u = np.broadcast_to(np.asarray(1.0 if uptake is None else uptake, dtype=float), (n,))
            days, g_km, k_km = _fare_fall(onsite, u, order.n_modes)
        fare = {
            "fare_days": wd[:, None] * days,
            "fare_day_km": wd[:, None] * (c * g_km + sc * k_km),
            "fare_pkm": two_w * (c * onsite.g + sc * onsite.k) * mask,
        }
    return Blocks(
        onsite_days=wd * onsite.total,
        home_days=wd * home_w.total,
        commute_pkm=two_w * (c * onsite.g + sc * onsite.k) + third,
        untimed_pkm=two_w * (c * onsite.g_untimed + sc * onsite.k_untimed) + third,
        given_hours=2.0 * wd * sc[:, 0] * onsite.given_hours,
        home_day_km=two_w * (c * home_w.g + sc * home_w.k),
        deduction_km=wd * d1,
        deduction_km_above=wd * d2,
        mode_home_days=home_days_by_mode,
        by_mode=True,
        deduction_km_outer=wd * d_outer,
        deduction_bridge=wd * onsite.bridge,
        **fare,
    )


def _fare_modes(order: DistanceOrder) -> BoolArray:
    """True for the mode positions whose employees pay fares."""
    out = np.zeros(order.n_modes, dtype=bool)
    if order.fare_cap is not None:
        paying = ~np.isnan(order.fare_cap)
        out[np.unique(order.bin[paying] % order.n_modes)] = True
    return out


def moved_blocks_from_presums(
    order: DistanceOrder, onsite: PreSums, home_w: PreSums, v: Values, f: ModeFactors, n: int
) -> Blocks:
    """What moving adds to the blocks of movers of weights ``onsite``/``home_w``, per draw.

    The sums of :func:`moved_difference`: the blocks at distances × (1 + g) minus those at
    today's (g = ``longrun.hybrid_commute_growth_share``, a number or one per draw), times
    the share who have moved by the long-run view (:func:`moved_share`). Exact for the
    commuting deduction too: its bands are found at the scaled distances.
    """
    g = v("longrun.hybrid_commute_growth_share")
    moved = blocks_from_presums(
        order, onsite, home_w, v, f, n, scale=1.0 + np.asarray(g, dtype=float), fare_state=True
    ) - blocks_from_presums(order, onsite, home_w, v, f, n, fare_state=True)
    return moved.scale(np.broadcast_to(np.asarray(moved_share(v), dtype=float), (n,)))


def negate(s: PreSums) -> PreSums:
    """The pre-sums of ``-w`` (the order of the fare kinks kept: home weights never use
    them)."""
    fixed = ("fare_t", "fare_bounds")
    return PreSums(
        *(getattr(s, fl.name) if fl.name in fixed else -getattr(s, fl.name) for fl in fields(s))
    )


# ------------------------------------------------------------------------------------------
# Offices: one function for any leading axis (sites; draws × sites)
# ------------------------------------------------------------------------------------------


#: Site columns that override a parameter, and the parameter they override.
SITE_VALUE_KEYS: dict[str, str] = {
    "rent_per_m2_per_year": "office.rent_per_m2_per_year",
    "operating_cost_per_m2_per_year": "office.operating_cost_per_m2_per_year",
    "electricity_kwh_per_m2_per_year": "office.electricity_kwh_per_m2_per_year",
    "heat_kwh_per_m2_per_year": "office.heat_kwh_per_m2_per_year",
}


def site_own_values(sites: pd.DataFrame) -> dict[str, FloatArray]:
    """The sites' own values of :data:`SITE_VALUE_KEYS` (NaN: use the parameter)."""
    return {
        c: (
            np.asarray(sites[c].astype(float).to_numpy(), dtype=float)
            if c in sites.columns
            else np.full(len(sites), np.nan)
        )
        for c in SITE_VALUE_KEYS
    }


def office_metrics(
    desks: FloatArray,
    attendee_days: FloatArray,
    area_today: FloatArray,
    releasable: FloatArray,
    release_share: float,
    own: Mapping[str, FloatArray],
    v: Values,
    area_needed_today: FloatArray | None = None,
    attendee_days_today: FloatArray | None = None,
) -> dict[str, FloatArray]:
    """Per-site office area, cost and CO₂e of one state (the one formula).

    Parameters
    ----------
    desks : array (..., sites)
        Desks needed. [desks]
    attendee_days : array (..., sites)
        Person-days on site a year. [days/yr]
    area_today : array (..., sites)
        Office area held today. [m2]
    releasable : array (sites,)
        1 where the site's space can be given up, else 0.
    release_share : float
        Share of the freed space given up (0 for the baseline). [share]
    own : dict
        The sites' own rent, operating cost and energy per m² (:func:`site_own_values`).
    v : Values
    area_needed_today : array (..., sites), optional
        Area today's own attendance needs; space given up is measured against it (or
        today's area, if smaller), so surplus space that exists already is not credited.
    attendee_days_today : array (..., sites), optional
        Today's person-days on site (default ``attendee_days``: this is today's state). The
        per-m² electricity is a whole-building figure; today's occupancy-driven part is
        taken out of it (:func:`remotecalc.formulas.office.area_bound_electricity_kwh_per_m2`) so
        plug loads are counted once, per attendee-day.

    Returns
    -------
    dict
        ``area_needed_m2``, ``area_m2``, ``area_released_m2``, ``seat_cost``,
        ``occupancy_cost``, ``office_cost`` [currency/yr], ``office_co2e_kg`` [kg CO2e/yr].
    """
    needed = office.office_area_m2(
        desks, v.site("office.area_per_desk_m2"), v.site("office.support_space_share")
    )
    reference = (
        area_today if area_needed_today is None else np.minimum(area_today, area_needed_today)
    )
    released = office.area_released_m2(reference, needed, release_share * releasable)
    area = area_today - released

    def site(col: str) -> FloatOrArray:
        return np.where(np.isnan(own[col]), v.site(SITE_VALUE_KEYS[col]), own[col])

    today_days = attendee_days if attendee_days_today is None else attendee_days_today
    operating = office.area_bound_operating_cost_per_m2(
        site("operating_cost_per_m2_per_year"),
        in_area_cost_per_attendee_day(v),
        today_days,
        area_today,
    )
    seat = office.seat_related_cost_per_year(area, site("rent_per_m2_per_year"), operating)
    occupancy = office.occupancy_cost_per_year(
        attendee_days, v.site("office.occupancy_cost_per_attendee_day")
    )
    grid = v.site("energy.electricity_co2e_kg_per_kwh")
    occupancy_kwh = v.site("office.occupancy_electricity_kwh_per_attendee_day")
    area_bound_kwh = office.area_bound_electricity_kwh_per_m2(
        site("electricity_kwh_per_m2_per_year"),
        occupancy_kwh,
        attendee_days if attendee_days_today is None else attendee_days_today,
        area_today,
    )
    co2 = (
        office.seat_related_energy_kwh_per_year(area, area_bound_kwh) * grid
        + office.seat_related_energy_kwh_per_year(area, site("heat_kwh_per_m2_per_year"))
        * v.site("energy.heat_co2e_kg_per_kwh")
        + office.embodied_co2e_kg_per_year(
            area + released * (1.0 - embodied_credit(v)),
            v.site("office.embodied_co2e_kg_per_m2_per_year"),
        )
        + office.occupancy_electricity_kwh_per_year(attendee_days, occupancy_kwh) * grid
    )
    out = {
        "area_needed_m2": needed,
        "area_m2": area,
        "area_released_m2": np.broadcast_to(released, np.shape(area)),
        "seat_cost": seat,
        "occupancy_cost": occupancy,
        "office_cost": seat + occupancy,
        "office_co2e_kg": co2,
    }
    return _added(out, metrics.SITE, out)


def in_area_cost_per_attendee_day(v: Values) -> FloatOrArray:
    """The attendance-driven office costs that a per-m² operating cost also holds (demand
    cleaning, plug-load electricity), per attendee-day; 0 where the attendee-day cost is not
    computed from these parts (a set without them, or a user's override: it is then taken to
    hold nothing of the per-m² cost). [currency/day]"""
    keys = (
        "office.cleaning_cost_per_attendee_day",
        "office.occupancy_electricity_kwh_per_attendee_day",
        "office.electricity_price_per_kwh",
    )
    if "office.occupancy_cost_per_attendee_day" not in v.params.formula_links():
        return 0.0  # a user's own attendee-day cost: nothing known of what it holds
    return v.site(keys[0]) + v.site(keys[1]) * v.site(keys[2])


def embodied_credit(v: Values) -> FloatOrArray:
    """Share of the embodied CO₂e of space given up that is credited as avoided
    (``office.embodied_credit_for_released_space``; 1 for a set without the option, as
    before it existed). Above 0 it is the consequential view: the space avoids building."""
    key = "office.embodied_credit_for_released_space"
    return v.site(key) if key in v.params else 1.0


def area_today_m2(desks_today: FloatOrArray, area_given: FloatOrArray, v: Values) -> FloatArray:
    """Today's office area: the site's own, else what its desks need."""
    return np.where(
        np.isnan(area_given),
        office.office_area_m2(
            desks_today, v.site("office.area_per_desk_m2"), v.site("office.support_space_share")
        ),
        area_given,
    )


# ------------------------------------------------------------------------------------------
# Derived rows of the summary
# ------------------------------------------------------------------------------------------


def derived_metrics(
    totals: Mapping[str, FloatOrArray],
    one_off: FloatOrArray,
    discount_rate: FloatOrArray,
    horizon_years: FloatOrArray,
) -> dict[str, FloatOrArray]:
    """Summary rows that combine metrics (the one formula for net and present values).

    Parameters
    ----------
    totals : dict
        Totals of the per-employee and site metrics of one state (or their change).
    one_off : numeric
        One-off home-office kit of that state (0 for the baseline). [currency]
    discount_rate, horizon_years : numeric

    Returns
    -------
    dict
        ``net_co2e_kg`` [kg CO2e/yr], ``net_cost`` [currency/yr],
        ``npv_employee_net_cost``, ``npv_office_cost`` (includes the one-off) and
        ``one_off_home_office_cost`` [currency].
    """
    out = {
        "net_co2e_kg": totals["employee_co2e_kg"]
        + totals["office_co2e_kg"]
        + totals.get("work_travel_co2e_kg", 0.0)
        + totals.get("virtual_meeting_co2e_kg", 0.0),
        "net_cost": totals["employee_net_cost"]
        + totals["office_cost"]
        + totals.get("work_travel_reimbursement_cost", 0.0),
        "npv_employee_net_cost": costs.npv(
            totals["employee_net_cost"], discount_rate, horizon_years
        ),
        "npv_office_cost": costs.npv(
            totals["office_cost"], discount_rate, horizon_years, one_off=one_off
        ),
        "one_off_home_office_cost": one_off,
    }
    return _added(out, metrics.DERIVED, {**totals, **out})


# ------------------------------------------------------------------------------------------
# Desk demand from counts of (site, on-site share)
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeskCounts:
    """How many employees of each site have each distinct on-site share of the week.

    Desk demand depends on the employees only through these counts (attendance is a sum of
    independent Bernoulli days), so they are all a partition of the staff must hand on for
    the desks of the whole to be computed; counts of partitions add up (:meth:`merge`).
    Sorted by site, then share.
    """

    site: IntArray
    """Site position in the sites table. [-]"""
    p_week: FloatArray
    """Expected on-site days per calendar week (on-site days × fte, 0-5). [days/week]"""
    count: IntArray
    """Employees with that site and share. [persons]"""

    @classmethod
    def of(
        cls, site_code: IntArray, p_week: FloatArray, weight: FloatArray | IntArray | None = None
    ) -> DeskCounts:
        """Counts of the (site, share) pairs of some employees (site -1 is left out);
        ``weight``: employees each row stands for (default 1)."""
        if not (site_code >= 0).any():
            return cls.empty()
        # one key per (site, share) for everybody, site -1 included (its keys dropped
        # below): no copies of the employees' arrays; shares hashed (few distinct values)
        inv, uniq = pd.factorize(p_week, use_na_sentinel=False)
        width = max(len(uniq), 1)
        key = (site_code + 1).astype(np.int64, copy=False) * width + inv
        n_bins = int(key.max()) + 1
        if weight is not None:
            keys, inverse = np.unique(key, return_inverse=True)
            count = bin_sums(inverse, weights=weight).astype(np.int64)
            keep = (keys >= width) & (count > 0)
            keys, count = keys[keep], count[keep]
        elif n_bins <= 4 * len(key) + 1_000_000:  # counting beats sorting when bins are few
            count = np.bincount(key, minlength=n_bins)
            count[:width] = 0  # site -1: not in the sites table, or no desk effect
            keys = np.flatnonzero(count)
            count = count[keys]
        else:
            keys, count = np.unique(key, return_counts=True)
            keep = keys >= width
            keys, count = keys[keep], count[keep]
        site, share = keys // width - 1, uniq[keys % width]
        order = np.lexsort((share, site))  # by site, then share (a few thousand pairs)
        return cls(site[order], share[order], count[order])

    @classmethod
    def empty(cls) -> DeskCounts:
        """No employees."""
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=np.int64))

    @classmethod
    def of_state(
        cls, site_code: IntArray, fte: FloatArray, onsite_per_week: FloatArray
    ) -> DeskCounts:
        """Counts of one state: the chance of being on site carries the part-time share."""
        return cls.of(site_code, np.clip(onsite_per_week * fte, 0, 5))

    @classmethod
    def merge(cls, parts: list[DeskCounts]) -> DeskCounts:
        """The counts of the union of disjoint groups of employees."""
        parts = list(parts)
        frame = pd.DataFrame(
            {
                "site": np.concatenate([c.site for c in parts]),
                "p": np.concatenate([c.p_week for c in parts]),
                "n": np.concatenate([c.count for c in parts]),
            }
        )
        g = frame.groupby(["site", "p"], sort=True)["n"].sum()
        return cls(
            g.index.get_level_values(0).to_numpy(dtype=np.int64),
            g.index.get_level_values(1).to_numpy(dtype=float),
            g.to_numpy(),
        )


def desk_arrays(
    counts: DeskCounts,
    employees: IntArray,
    service_level: float,
    desk_ratio: float | None,
    profile: Sequence[float] | None,
    peak_label: bool = True,
    cache: office.DistributionCache | None = None,
) -> tuple[FloatArray, ObjectArray]:
    """Desks needed per site (and the peak weekday) from :class:`DeskCounts`.

    ``employees`` per site, in the order of the sites table. Desks come from
    :func:`remotecalc.formulas.office.weekday_desks_grouped` (each distinct weekday once, exact
    distribution up to 3,000 people); with ``peak_label=False`` the peak weekday is not
    named (``"-"``); the desks are the same. A fixed ``desk_ratio`` gives
    ``ceil(ratio × employees)``. ``cache`` remembers distributions for later calls (a sweep
    over service levels asks for the same ones).
    """
    n_sites = len(employees)
    bounds = np.searchsorted(counts.site, np.arange(n_sites + 1))
    desks = np.zeros(n_sites)
    peak = np.full(n_sites, np.nan, dtype=object)
    if desk_ratio is None and len(counts.p_week):  # every group's weekdays at once
        probs = np.atleast_2d(office.weekday_onsite_probability(counts.p_week, profile))
    for j in np.flatnonzero(employees > 0):  # one iteration per site, vectorised within
        if desk_ratio is not None:
            desks[j], peak[j] = math.ceil(desk_ratio * employees[j] - 1e-9), "-"
            continue
        lo, hi = bounds[j], bounds[j + 1]
        if peak_label:
            desks[j], peak[j] = office.peak_desks_grouped(
                probs[lo:hi], counts.count[lo:hi], service_level, cache=cache
            )
        else:
            desks[j] = office.weekday_desks_grouped(
                probs[lo:hi], counts.count[lo:hi], service_level, cache=cache
            ).max()
            peak[j] = "-"
    return desks, peak


def desk_service_levels(
    counts: DeskCounts,
    desks: FloatArray,
    profile: Sequence[float] | None,
    cache: office.DistributionCache | None = None,
) -> FloatArray:
    """The service level that ``desks`` achieve at each site (NaN: nobody needs a desk).

    The chance that everybody who comes on the worst weekday finds a desk
    (:func:`remotecalc.formulas.office.service_level_achieved_grouped`), for the desk users of
    ``counts``. With desks from the service level it is at least that level; with a desk
    ratio below the demand it says how often people find no desk.
    """
    n_sites = len(desks)
    out = np.full(n_sites, np.nan)
    if not len(counts.p_week):
        return out
    bounds = np.searchsorted(counts.site, np.arange(n_sites + 1))
    probs = np.atleast_2d(office.weekday_onsite_probability(counts.p_week, profile))
    for j in np.flatnonzero(np.diff(bounds) > 0):  # one iteration per site with desk users
        lo, hi = bounds[j], bounds[j + 1]
        out[j] = office.service_level_achieved_grouped(
            probs[lo:hi], counts.count[lo:hi], desks[j], cache=cache
        )
    return out


def achieved_service_levels(
    counts: DeskCounts,
    desk_employees: IntArray,
    desks: FloatArray,
    service_level: float,
    desk_ratio: float | None,
    profile: Sequence[float] | None,
    peak_label: bool = True,
    cache: office.DistributionCache | None = None,
) -> FloatArray:
    """Per site: the service level the desks achieve (see :func:`desks_from_counts`)."""
    if not peak_label:
        return np.full(len(desks), np.nan)
    if desk_ratio is None:  # desks chosen to meet the service level (no work per site)
        return np.where(np.asarray(desk_employees) > 0, float(service_level), np.nan)
    return desk_service_levels(counts, desks, profile, cache)


def desks_from_counts(
    counts: DeskCounts,
    site_ids: pd.Series,
    employees: IntArray,
    attendee_days: FloatArray,
    service_level: float,
    desk_ratio: float | None,
    profile: Sequence[float] | None,
    peak_label: bool = True,
    cache: office.DistributionCache | None = None,
    desk_employees: IntArray | None = None,
) -> pd.DataFrame:
    """Per-site desk demand and attendee-days for one state (:func:`desk_arrays` as a table).

    ``employees``: everybody based at each site; ``desk_employees``: those desks concern
    (desk-based, at a site with desks; default ``employees``), the base of a desk ratio.
    ``attendee_days`` are those of the desk users. ``service_level_achieved``: with a desk
    ratio, the service level its desks achieve (from ``counts``; :func:`desk_service_levels`);
    with desks from the service level, that level (met or exceeded: desks are whole); NaN
    where nobody needs a desk, and with ``peak_label=False`` (sweeps) or empty counts.

    Returns
    -------
    pandas.DataFrame
        Index ``site_id``; ``employees``, ``desk_employees``, ``desks_needed``,
        ``peak_weekday``, ``attendee_days``, ``service_level_achieved``
        (:func:`desk_service_levels`).
    """
    users = np.asarray(employees if desk_employees is None else desk_employees)
    desks, peak = desk_arrays(counts, users, service_level, desk_ratio, profile, peak_label, cache)
    return pd.DataFrame(
        {
            "employees": np.asarray(employees, dtype=int),
            "desk_employees": users.astype(int),
            "desks_needed": desks,
            "peak_weekday": peak,
            "attendee_days": np.asarray(attendee_days, dtype=float),
            "service_level_achieved": achieved_service_levels(
                counts, users, desks, service_level, desk_ratio, profile, peak_label, cache
            ),
        },
        index=pd.Index(site_ids, name="site_id"),
    )


# ------------------------------------------------------------------------------------------
# Work travel replaced by virtual meetings (remotecalc.formulas.travel)
# ------------------------------------------------------------------------------------------

#: The per-employee metrics of work travel (:func:`work_travel_metrics`).
WORK_TRAVEL_METRICS: tuple[str, ...] = (
    "work_trips",
    "work_travel_km",
    "work_travel_hours",
    "work_travel_co2e_kg",
    "virtual_meeting_co2e_kg",
    "work_travel_reimbursement_cost",
    "work_travel_time_value",
    "screen_visits",
    "home_visit_km",
    "home_visit_hours",
    "home_visit_co2e_kg",
    "home_visit_time_cost",
)


@dataclass(frozen=True)
class TripBlocks:
    """The additive building blocks of work trips, per year.

    Km are kept by *cell*: the (purpose, mode) pairs that occur in the records
    (``cell_purpose``, ``cell_mode``), so memory grows with the pairs present, not with
    purposes × modes. Per employee (:func:`trip_blocks`): a leading axis of the employees
    with trips (their staff positions in ``rows``), one claimant each; summed
    (:meth:`total`): no leading axis, every employee a claimant of the mileage band.
    """

    cell_purpose: IntArray
    """Purpose of each cell: position in :data:`remotecalc.formulas.travel.PURPOSES`. (K,)"""
    cell_mode: IntArray
    """Mode of each cell: position in the parameter set's modes. (K,)"""
    given_km: FloatArray
    """Km given in the records, by cell: (..., K). [km/yr]"""
    great_circle_km: FloatArray
    """Great-circle km between the places of trips without km (× circuity), by cell:
    (..., K). [km/yr]"""
    trips: FloatArray
    """Trips by purpose: (..., C). [trips/yr]"""
    claim_given_km: FloatArray
    """Reimbursed km given, per claimant and purpose: (..., claimants, C). [km/yr]"""
    claim_great_circle_km: FloatArray
    """Reimbursed great-circle km (× the car's circuity), per claimant and purpose. [km/yr]"""
    car_pos: int
    """Position of mode ``car`` (its circuity for reimbursed trips between places)."""
    virtual_meeting_share: float = 0.0
    """The state's share of replaceable trips held online (0: today). [share]"""
    screen_visit_share: float = 0.0
    """The state's share of the home-care visits that need no hands made by screen (0:
    today). [share]"""
    rows: IntArray | None = None
    """Staff positions of the employees of a per-employee block (None: summed)."""
    n_rows: int = 0
    """Employees in the staff (length of the per-employee metrics)."""
    kept: TripBlocks | None = None
    """Trips of the employees a scenario's ``applies_to`` leaves out (:meth:`select`): never
    moved online, whatever the share (None: the share concerns every employee here)."""

    def with_share(self, share: float, screen: float = 0.0) -> TripBlocks:
        """The same trips in a state with another virtual-meeting share and screen-visit
        share."""
        return replace(self, virtual_meeting_share=float(share), screen_visit_share=float(screen))

    def levers(self) -> FloatArray:
        """The state's lever of every purpose: the virtual-meeting share, the screen-visit
        share for home-care visits, 0 for goods. (C,) [share]"""
        return np.array(
            [
                self.screen_visit_share
                if p == travel.SCREEN_VISIT_PURPOSE
                else (0.0 if p in travel.NEVER_REPLACEABLE else self.virtual_meeting_share)
                for p in travel.PURPOSES
            ]
        )

    def select(self, applies: BoolArray) -> TripBlocks:
        """Per employee: the share moves online only the trips of the employees where
        ``applies`` (one bool per staff row) holds; the others' trips go to :attr:`kept`."""
        if self.rows is None:
            raise ValueError("select needs per-employee trip blocks (before total())")
        mine = np.asarray(applies, dtype=bool)[self.rows]
        if mine.all():
            return self
        return replace(self._rows(mine), kept=self._rows(~mine).with_share(0.0))

    def _rows(self, mask: BoolArray) -> TripBlocks:
        assert self.rows is not None
        return replace(
            self,
            given_km=self.given_km[mask],
            great_circle_km=self.great_circle_km[mask],
            trips=self.trips[mask],
            claim_given_km=self.claim_given_km[mask],
            claim_great_circle_km=self.claim_great_circle_km[mask],
            rows=self.rows[mask],
            kept=None,
        )

    def total(self) -> TripBlocks:
        """The sum over employees (each employee stays a claimant of the mileage band)."""
        if self.rows is None:
            return self
        return replace(
            self,
            given_km=self.given_km.sum(axis=0),
            great_circle_km=self.great_circle_km.sum(axis=0),
            trips=self.trips.sum(axis=0),
            claim_given_km=self.claim_given_km[:, 0, :],
            claim_great_circle_km=self.claim_great_circle_km[:, 0, :],
            rows=None,
            kept=None if self.kept is None else self.kept.total(),
        )


def trip_blocks(
    employee_pos: IntArray,
    purpose: ArrayLike,
    mode_pos: IntArray,
    given_km: FloatArray,
    great_circle_km: FloatArray,
    reimbursed: BoolArray,
    period_years: float,
    n_modes: int,
    n_rows: int,
    car_pos: int,
) -> TripBlocks:
    """Per-employee trip blocks of trip records (one row per trip), per year.

    Parameters
    ----------
    employee_pos : array of int
        Each trip's employee: position in the staff.
    purpose : array of str
        Each trip's purpose (:data:`remotecalc.formulas.travel.PURPOSES`).
    mode_pos : array of int
        Each trip's mode: position in the parameter set's modes.
    given_km, great_circle_km : array of float
        Km given (NaN where not) and great-circle km between the places (NaN where km are
        given). [km]
    reimbursed : array of bool
        Trips paid per km (own car).
    period_years : float
        Length of the period the records cover. [yr]
    n_modes, n_rows, car_pos : int
        Modes of the set, employees in the staff, position of mode ``car``.
    """
    n_p = len(travel.PURPOSES)
    pur = pd.Index(travel.PURPOSES).get_indexer(pd.Index(np.asarray(purpose)))
    if (pur < 0).any():
        raise ValueError(f"unknown purpose(s) {sorted(set(np.asarray(purpose)[pur < 0]))}")
    rows, emp = np.unique(np.asarray(employee_pos, dtype=np.int64), return_inverse=True)
    n_e = len(rows)
    given = np.nan_to_num(np.asarray(given_km, dtype=float)) / period_years
    gc = np.nan_to_num(np.asarray(great_circle_km, dtype=float)) / period_years
    paid = np.asarray(reimbursed, dtype=bool)
    pair = pur * n_modes + np.asarray(mode_pos, dtype=np.int64)
    cells, cell = np.unique(pair, return_inverse=True)
    n_c = len(cells)

    def by_cell(w: FloatArray) -> FloatArray:
        return bin_sums(emp * n_c + cell, weights=w, minlength=n_e * n_c).reshape(n_e, n_c)

    def by_purpose(w: FloatArray) -> FloatArray:
        return bin_sums(emp * n_p + pur, weights=w, minlength=n_e * n_p).reshape(n_e, n_p)

    return TripBlocks(
        cell_purpose=cells // n_modes,
        cell_mode=cells % n_modes,
        given_km=by_cell(given),
        great_circle_km=by_cell(gc),
        trips=by_purpose(np.full(len(emp), 1.0 / period_years)),
        claim_given_km=by_purpose(given * paid)[:, None, :],
        claim_great_circle_km=by_purpose(gc * paid)[:, None, :],
        car_pos=car_pos,
        rows=rows,
        n_rows=n_rows,
    )


def _replaceable_shares(v: Values) -> FloatArray:
    """Replaceable share of every purpose, (C,) or (n_draws, C): by a virtual meeting, or for
    home-care visits by a screen visit (the visits that need no hands); 0 for goods."""
    cols = [
        v(travel.SCREEN_VISIT_ELIGIBLE_KEY)
        if p == travel.SCREEN_VISIT_PURPOSE
        else (0.0 if p in travel.NEVER_REPLACEABLE else v(travel.replaceable_key(p)))
        for p in travel.PURPOSES
    ]
    return np.stack(np.broadcast_arrays(*[np.asarray(c, dtype=float) for c in cols]), axis=-1)


def _over_claimants(x: FloatOrArray) -> FloatOrArray:
    """A value per draw (n,) shaped to broadcast over claimants (n, 1); floats unchanged."""
    return x[..., None] if isinstance(x, np.ndarray) and x.ndim else x


def _km_after(
    t: TripBlocks, v: Values, f: ModeFactors
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Km by cell still travelled in ``t``'s state, the replaceable shares and the kept
    shares: (..., K), (..., C), (..., C)."""
    rho = _replaceable_shares(v)
    s = t.levers()
    km = t.given_km + t.great_circle_km * np.asarray(f.circuity)[..., t.cell_mode]
    after = travel.remaining_km(km, rho[..., t.cell_purpose], s[t.cell_purpose])
    return after, rho, travel.kept_share(rho, s)


def work_travel_metrics(t: TripBlocks, v: Values, f: ModeFactors) -> dict[str, FloatOrArray]:
    """Work-travel metrics of one state (the one formula; per employee, on sums, per draw).

    Parameters
    ----------
    t : TripBlocks
        Per employee (metrics scattered onto the staff, 0 for employees without trips) or
        summed; its ``virtual_meeting_share`` is the state's.
    v : Values
    f : ModeFactors
        Per mode (not gathered), ``(M,)`` or ``(n_draws, M)``.

    Returns
    -------
    dict
        :data:`WORK_TRAVEL_METRICS`: trips still made [trips/yr], km [km/yr], hours
        [h/yr], CO₂e of the trips and of the video calls that replace some [kg CO2e/yr],
        the employer's mileage allowance and the value of the travel time [currency/yr];
        and of home care: visits made by screen [visits/yr], the km, hours and CO₂e of
        the visits still driven (parts of the totals above) and the care staff's driving
        time at the home-care hourly price [currency/yr].

    Notes
    -----
    With km :math:`K_{cm}` by purpose *c* and mode *m* (the cells present), replaceable
    share :math:`r_c` (for home visits the share that needs no hands, 0 for goods) and
    the state's lever :math:`v_c` (the virtual-meeting share; for home visits the
    screen-visit share): km :math:`\\sum_{cm} K_{cm}(1 - v_c r_c)`; CO₂e with the mode's
    factor per passenger-km; hours at the mode's speed; allowance per claimant *k*
    :func:`remotecalc.formulas.travel.reimbursement_per_year` of
    :math:`\\sum_c R_{kc}(1 - v r_c)`; video calls :math:`\\sum_c n_c v r_c` × hours ×
    CO₂e per hour. Linear in the blocks except the allowance's band, which is applied
    per claimant.
    """
    if t.kept is not None:  # employees outside applies_to: their trips at share 0
        mine = work_travel_metrics(replace(t, kept=None), v, f)
        rest = work_travel_metrics(t.kept.with_share(0.0), v, f)
        return {k: mine[k] + rest[k] for k in mine}
    after, rho, kept = _km_after(t, v, f)
    km_before = t.given_km + t.great_circle_km * np.asarray(f.circuity)[..., t.cell_mode]
    s = t.levers()
    km = after.sum(axis=-1)
    cell_co2 = after * np.asarray(f.co2e_kg_per_pkm)[..., t.cell_mode]
    cell_hours = after / np.asarray(f.speed_km_per_h)[..., t.cell_mode]
    co2, hours = cell_co2.sum(axis=-1), cell_hours.sum(axis=-1)
    care = t.cell_purpose == travel.PURPOSES.index(travel.SCREEN_VISIT_PURPOSE)
    care_hours = cell_hours[..., care].sum(axis=-1)
    circ_car = np.asarray(f.circuity)[..., t.car_pos]
    kept_col = np.asarray(kept)[..., :, None]
    claim_after = (
        np.matmul(t.claim_given_km, kept_col)[..., 0]
        + np.asarray(circ_car)[..., None] * np.matmul(t.claim_great_circle_km, kept_col)[..., 0]
    )
    pay = travel.reimbursement_per_year(
        claim_after,
        _over_claimants(v("work_travel.mileage_rate_per_km")),
        _over_claimants(v("work_travel.mileage_rate_above_band_per_km")),
        _over_claimants(v("work_travel.mileage_band_km_per_year")),
    ).sum(axis=-1)
    moved_by_purpose = travel.trips_moved_online(t.trips, rho, s)
    care_pos = travel.PURPOSES.index(travel.SCREEN_VISIT_PURPOSE)
    moved = moved_by_purpose.sum(axis=-1) - moved_by_purpose[..., care_pos]
    # a home-care claim is often a day's or a week's round: screen visits are counted from
    # the km they remove, at the km driven per visit
    care_km = after[..., care].sum(axis=-1)
    screen = travel.screen_visits(
        (km_before[..., care].sum(axis=-1) - care_km), v("work_travel.home_visit_km_per_visit")
    )
    per_hour = v("work_travel.video_call_co2e_kg_per_hour")
    out = {
        "work_trips": t.trips.sum(axis=-1) - moved_by_purpose.sum(axis=-1),
        "work_travel_km": km,
        "work_travel_hours": hours,
        "work_travel_co2e_kg": co2,
        # the video calls of virtual meetings and of screen visits
        "virtual_meeting_co2e_kg": travel.video_call_co2e_kg(
            moved, v("work_travel.virtual_meeting_hours_per_trip"), per_hour
        )
        + travel.video_call_co2e_kg(screen, v("work_travel.screen_visit_hours"), per_hour),
        "work_travel_reimbursement_cost": pay,
        "work_travel_time_value": costs.value_of_time_per_year(
            hours, v("cost.value_of_time_per_hour")
        ),
        "screen_visits": screen,
        "home_visit_km": care_km,
        "home_visit_hours": care_hours,
        "home_visit_co2e_kg": cell_co2[..., care].sum(axis=-1),
        "home_visit_time_cost": costs.value_of_time_per_year(
            care_hours, v("work_travel.home_care_hour_cost")
        ),
    }
    if t.rows is None:
        return out
    scattered: dict[str, FloatOrArray] = {}
    for k, x in out.items():
        full = np.zeros(t.n_rows)
        full[t.rows] = np.broadcast_to(np.asarray(x, dtype=float), (len(t.rows),))
        scattered[k] = full
    return scattered


def trip_changes(
    t: TripBlocks | None, share: float, v: Values, n: int, screen: float = 0.0
) -> dict[str, FloatArray]:
    """Change (scenario − today) of the work-travel metrics per draw, from summed blocks
    (zeros without trips): :func:`work_travel_metrics` of both states (``share``: the
    virtual-meeting share, ``screen``: the screen-visit share)."""
    if t is None:
        return {k: np.zeros(n) for k in WORK_TRAVEL_METRICS}
    f = mode_factors(v)
    base = work_travel_metrics(t.total().with_share(0.0), v, f)
    scen = work_travel_metrics(t.total().with_share(share, screen), v, f)
    return {
        k: np.broadcast_to(np.asarray(scen[k] - base[k], dtype=float), (n,)).copy()
        for k in WORK_TRAVEL_METRICS
    }


def work_travel_by_purpose(
    t: TripBlocks,
    share: float,
    v: Values,
    screen: float = 0.0,
    applies: BoolArray | None = None,
) -> pd.DataFrame:
    """Km and CO₂e by purpose, today and in a state with virtual-meeting share ``share``
    and screen-visit share ``screen`` (both for the employees ``applies`` selects; every
    trip of the others stays).

    Parameters
    ----------
    t : TripBlocks
        Per employee (:func:`trip_blocks`).
    share : float
        Virtual-meeting share of the scenario. [share]
    v : Values
    applies : array of bool, optional
        Whom the scenario applies to (one per staff row; None: everybody): only their
        trips are moved online.

    Returns
    -------
    pandas.DataFrame
        Index ``purpose`` (:data:`remotecalc.formulas.travel.PURPOSES`); columns ``travellers``
        (employees with such trips) [persons], ``trips_baseline`` [trips/yr],
        ``km_baseline``, ``km_scenario`` [km/yr], ``co2e_kg_baseline``,
        ``co2e_kg_scenario`` [kg CO2e/yr]. A group output: pass it through
        :func:`remotecalc.evaluation.disclosure.pool_purposes` before showing it.
    """
    f = mode_factors(v)
    travellers = (t.trips > 0).sum(axis=0) if t.rows is not None else np.full(len(t.trips), -1)
    cols: dict[str, FloatArray | IntArray] = {
        "travellers": travellers,
        "trips_baseline": t.total().trips,
    }
    n_p, total = len(travel.PURPOSES), t.total()
    factor = np.asarray(f.co2e_kg_per_pkm)[t.cell_mode]
    chosen = total if applies is None else t.select(applies).total()
    for state, s, sv in (("baseline", 0.0, 0.0), ("scenario", share, screen)):
        after = _km_after(replace(chosen, kept=None).with_share(s, sv), v, f)[0]
        if chosen.kept is not None:  # outside applies_to: every trip stays
            after = after + _km_after(chosen.kept.with_share(0.0), v, f)[0]
        cols[f"km_{state}"] = bin_sums(t.cell_purpose, weights=after, minlength=n_p)
        cols[f"co2e_kg_{state}"] = bin_sums(t.cell_purpose, weights=after * factor, minlength=n_p)
    return pd.DataFrame(cols, index=pd.Index(travel.PURPOSES, name="purpose"))


def work_travel_by_purpose_per_employee(
    t: TripBlocks,
    share: float,
    v: Values,
    screen: float = 0.0,
    applies: BoolArray | None = None,
) -> dict[str, FloatArray]:
    """Each employee's contribution to :func:`work_travel_by_purpose`: the same quantities
    per staff row and purpose, so that the table's cells can be published with the
    cell-key method (:func:`remotecalc.evaluation.disclosure.publish_groups`).

    Summed over the staff, every column equals :func:`work_travel_by_purpose`'s (the km
    still travelled are linear in the km of each employee).

    Parameters
    ----------
    t : TripBlocks
        Per employee (:func:`trip_blocks`; not summed).
    share, v, screen, applies
        As in :func:`work_travel_by_purpose`.

    Returns
    -------
    dict of str to array
        ``trips_baseline`` [trips/yr], ``km_baseline``, ``km_scenario`` [km/yr],
        ``co2e_kg_baseline``, ``co2e_kg_scenario`` [kg CO2e/yr], each
        ``(n_rows, len(PURPOSES))`` (0 for employees without trips).
    """
    if t.rows is None:
        raise ValueError("work_travel_by_purpose_per_employee needs per-employee trip blocks")
    f = mode_factors(v)
    n_p = len(travel.PURPOSES)
    onehot = np.zeros((len(t.cell_purpose), n_p))
    onehot[np.arange(len(t.cell_purpose)), t.cell_purpose] = 1.0
    factor = np.asarray(f.co2e_kg_per_pkm)[t.cell_mode]
    mine = (
        np.ones(len(t.rows), dtype=bool)
        if applies is None
        else np.asarray(applies, dtype=bool)[t.rows]
    )
    per_row: dict[str, FloatArray] = {"trips_baseline": np.asarray(t.trips, dtype=float)}
    today = _km_after(t.with_share(0.0), v, f)[0]
    for state, s, sv in (("baseline", 0.0, 0.0), ("scenario", share, screen)):
        after = _km_after(t.with_share(s, sv), v, f)[0]
        after = np.where(mine[:, None], after, today)  # outside applies_to every trip stays
        per_row[f"km_{state}"] = after @ onehot
        per_row[f"co2e_kg_{state}"] = (after * factor) @ onehot
    out: dict[str, FloatArray] = {}
    for name, x in per_row.items():
        full = np.zeros((t.n_rows, n_p))
        full[t.rows] = x
        out[name] = full
    return out
