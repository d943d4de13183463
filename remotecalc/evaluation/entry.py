"""Orchestration: ``assess(workforce, scenario, params)`` -> :class:`Assessment`.

Baseline (today) and scenario run through the same engine functions
(:mod:`remotecalc.model.engine`) with different on-site days and office space; every change is
scenario − baseline, never a separate formula. This module only calls them in order; the
per-site table and the summary come from the one closing stage
(:mod:`remotecalc.evaluation.closing`). A Dask workforce is sent, by
:mod:`remotecalc.evaluation.backend`, to :mod:`remotecalc.evaluation.distributed`, which
evaluates the same functions on partitions.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from remotecalc._numeric import IntArray, positions
from remotecalc.errors import ScenarioError
from remotecalc.evaluation import backend
from remotecalc.evaluation.assessment import (
    DEFAULT_MIN_GROUP_SIZE,
    METRICS,
    SITE_METRICS,
    Assessment,
    per_employee_frame,
    resolve_params,
    site_desks,
    site_table,
)
from remotecalc.evaluation.disclosure import (
    disclosure_secret,
    pool_purposes,
    publish_purposes,
    record_keys,
    small_assessment_note,
)
from remotecalc.formulas import office, travel
from remotecalc.inputs import plausibility
from remotecalc.inputs.parameters import Parameters
from remotecalc.inputs.scenario import Scenario
from remotecalc.inputs.workforce import Workforce
from remotecalc.model import engine, metrics

#: Parameter keys work trips need (the [work_travel] section of a set).
WORK_TRAVEL_KEYS: tuple[str, ...] = (
    *(travel.replaceable_key(p) for p in travel.PURPOSES if p not in travel.NEVER_REPLACEABLE),
    "work_travel.virtual_meeting_hours_per_trip",
    "work_travel.video_call_co2e_kg_per_hour",
    "work_travel.mileage_rate_per_km",
    "work_travel.mileage_rate_above_band_per_km",
    "work_travel.mileage_band_km_per_year",
)

__all__ = [
    "DEFAULT_MIN_GROUP_SIZE",
    "METRICS",
    "SITE_METRICS",
    "Assessment",
    "Prepared",
    "assess",
    "prepare",
    "prepare_key",
    "resolve_params",
    "work_travel_table",
    "work_trip_blocks",
    "workforce_inputs",
]


def workforce_inputs(
    workforce: Workforce, params: Parameters
) -> tuple[engine.EmployeeInputs, list[str]]:
    """The scenario-independent per-employee inputs of a workforce, and notes on defaults."""
    inp = engine.employee_inputs(
        workforce.staff,
        workforce.sites,
        workforce.great_circle_km().to_numpy(dtype=float),
        params,
        site_code=workforce.site_positions(),
    )
    return inp, (
        engine.teleworkable_notes(inp.n_teleworkable_missing)
        + engine.deduction_notes(inp)
        + engine.desk_notes(inp.desk_defaults)
    )


@dataclass(frozen=True)
class Prepared:
    """Work that does not depend on the scenario, done once per workforce and parameter set.

    Build it with :func:`prepare`; pass it to :func:`assess` (``prepared=``) to assess many
    scenarios without recomputing geography, distances and mode factors, and without
    recomputing the baseline.
    """

    workforce: Workforce
    params: Parameters
    inputs: engine.EmployeeInputs
    notes: tuple[Any, ...]
    baseline: dict[str, Any]
    """Today's per-employee metrics (:func:`remotecalc.model.engine.employee_metrics`):
    arrays over the employees; a metric a user registered holds what its formula returns."""
    """Per-employee baseline metrics (:func:`remotecalc.model.engine.employee_metrics`)."""
    baseline_blocks: engine.Blocks
    """Per-employee building blocks of the baseline."""
    baseline_desks: pd.DataFrame
    """Per-site desk demand today, at the service level it was computed for."""
    baseline_service_level: float
    cache: office.DistributionCache = field(default_factory=office.DistributionCache)
    """Desk-demand distributions computed so far (bounded), for later scenarios."""
    trips: engine.TripBlocks | None = None
    """Per-employee blocks of the workforce's work trips (None: no trips attached)."""

    @property
    def site_code(self) -> IntArray:
        """Position of each employee's site in ``workforce.sites`` (-1: not there)."""
        return self.inputs.site_code


def prepare(
    workforce: Workforce, params: Parameters | str | None = None, service_level: float = 0.95
) -> Prepared:
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
        Kept by the workforce (:attr:`Workforce.derived`, bounded) for later calls with
        equal parameter values; with another ``service_level`` only today's desks are
        recomputed.
    """
    backend.require_pandas(
        workforce,
        "this analysis needs the staff in memory: pass workforce.to_pandas() "
        "(assess, sweep and monte_carlo run on Dask as they are)",
    )
    p = resolve_params(params)
    kept = getattr(workforce, "derived", None)  # a Workforce keeps it; a stand-in does not
    prepared = (
        _prepare(workforce, p, service_level)
        if kept is None
        else kept.get(("prepare", prepare_key(p)), lambda: _prepare(workforce, p, service_level))
    )
    if prepared.params is not p:  # equal values, another object: the caller's
        prepared = replace(prepared, params=p)
    if prepared.baseline_service_level != service_level:
        inp = prepared.inputs
        prepared = replace(
            prepared,
            baseline_desks=site_desks(
                workforce.sites,
                inp,
                inp.onsite_today,
                prepared.baseline["onsite_days"],
                service_level,
                None,
                None,
                cache=prepared.cache,
            ),
            baseline_service_level=service_level,
        )
    return prepared


def prepare_key(params: Parameters) -> Hashable:
    """What :func:`prepare`'s work depends on besides the workforce: every parameter value
    (and the set's name and meta), and the per-employee metrics of the registry with their
    formulas (a metric registered later is computed for the baseline too)."""
    return (
        params.name,
        repr(sorted(params.meta.items())),
        tuple((k, params.get(k)) for k in params),
        tuple(
            (m.name, m.formula) for m in metrics.REGISTRY.values() if m.level == metrics.EMPLOYEE
        ),
    )


def _prepare(workforce: Workforce, p: Parameters, service_level: float) -> Prepared:
    """:func:`prepare` without the workforce's cache."""
    inp, notes = workforce_inputs(workforce, p)
    notes += workforce.distance_notes()
    notes += plausibility.workforce_notes(  # area per person: desk-based staff at the site
        workforce.staff, workforce.sites, inp.one_way_km, inp.desk_code
    )
    v = engine.Values(p)
    trips = work_trip_blocks(workforce, p)
    blocks = engine.employee_blocks(inp, inp.onsite_today, v)
    base = engine.employee_metrics(blocks, v, inp.own, trips, inp.factors)
    cache = office.DistributionCache()
    desks_b = site_desks(
        workforce.sites,
        inp,
        inp.onsite_today,
        np.asarray(base["onsite_days"], dtype=float),
        service_level,
        None,
        None,
        cache=cache,
    )
    if trips is not None:
        wt = workforce.work_trips
        pv = wt.provenance
        notes.append(
            f"work trips: {wt.n_trips:,} trips by {wt.trips['employee_id'].nunique():,} "
            f"employees from {pv['file']}, {pv['period_start']} to {pv['period_end']}, "
            "counted per year; the shares of trips that could be video calls are assumptions"
        )
        claim = trips.claim_given_km + trips.claim_great_circle_km * float(
            v.per_mode("circuity", list(p.modes))[trips.car_pos]
        )
        over = int((claim.sum(axis=(-2, -1)) > v("work_travel.mileage_band_km_per_year")).sum())
        if over:
            notes.append(
                f"{over:,} employee(s) claim more than the mileage band a year (paid at the "
                "lower rate above it, per employee)"
            )
        notes += list(wt.notes)
    return Prepared(
        workforce, p, inp, tuple(notes), base, blocks, desks_b, service_level, cache, trips
    )


def work_trip_blocks(workforce: Workforce, params: Parameters) -> engine.TripBlocks | None:
    """Per-employee trip blocks of the workforce's work trips (None without trips).

    Raises
    ------
    ScenarioError
        If a trip's employee is not in the staff, its mode has no factors in the parameter
        set, or the set lacks the ``work_travel.*`` keys.
    """
    wt = getattr(workforce, "work_trips", None)
    if wt is None:
        return None
    missing = [k for k in WORK_TRAVEL_KEYS if k not in params]
    if missing:
        raise ScenarioError(
            f"parameter set {params.name!r} has no {', '.join(missing)}: work trips need the "
            "[work_travel] section (see the packaged dk-2025 set)"
        )
    t = wt.trips
    emp = positions(t["employee_id"].astype(str), workforce.staff["employee_id"].astype(str))
    if (emp < 0).any():
        first = int(np.flatnonzero(emp < 0)[0])
        raise ScenarioError(
            f"{int((emp < 0).sum()):,} work trip(s) by employees not in the staff (first: "
            f"row {t['source_row'].iloc[first]}, employee '{t['employee_id'].iloc[first]}'); "
            "read the trips with workforce= to check them, or strict=False to leave them out"
        )
    modes = list(params.modes)
    mode = pd.Index(modes).get_indexer(pd.Index(t["mode"].astype(str)))
    if (mode < 0).any():
        bad = sorted(set(t["mode"].astype(str)[mode < 0]))
        raise ScenarioError(f"the parameter set has no factors for trip mode(s) {bad}")
    return engine.trip_blocks(
        emp,
        t["purpose"].to_numpy(),
        mode,
        t["km"].to_numpy(dtype=float),
        t["great_circle_km"].to_numpy(dtype=float),
        t["reimbursed"].to_numpy(dtype=bool),
        wt.period_years,
        len(modes),
        len(workforce.staff),
        modes.index("car"),
    )


def assess(
    workforce: Workforce,
    scenario: Scenario,
    params: Parameters | str | None = None,
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    prepared: Prepared | None = None,
    sites: Any = None,
    work_trips: Any = None,
) -> Assessment:
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
    work_trips : WorkTrips, optional
        The employees' work trips (:func:`remotecalc.read_work_trips`): the work-travel
        metrics (km, hours, CO₂e, mileage allowance, video calls) then count them, and the
        scenario's ``virtual_meeting_share`` moves replaceable trips online. Same as
        ``assess(workforce.with_work_trips(work_trips), ...)``.

    Returns
    -------
    Assessment
        With a :class:`~remotecalc.evaluation.distributed.DaskWorkforce` (or a Dask DataFrame) the
        work runs on Dask, partition by partition (on the cluster of an active
        ``dask.distributed.Client``); ``per_employee`` is then a lazy Dask DataFrame and the
        totals are computed (:func:`remotecalc.evaluation.distributed.assess_dask`).

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
    on_dask = backend.uses_dask(workforce)
    if work_trips is not None:
        if on_dask:
            raise TypeError(
                "work trips are assessed with the staff in memory: pass workforce.to_pandas()"
            )
        if prepared is not None:
            raise ValueError("pass work_trips to prepare's workforce (with_work_trips), not here")
        workforce = workforce.with_work_trips(work_trips)
    if on_dask:
        if prepared is not None:
            raise ValueError(
                "prepared= is for pandas workforces; the Dask backend prepares "
                "each partition where it is"
            )
        return backend.assess(
            workforce, scenario, params, min_group_size=min_group_size, sites=sites
        )
    if sites is not None:
        raise TypeError(
            "sites= is only for a Dask DataFrame of staff; a Workforce has its "
            "sites (read_staffing(..., sites=...))"
        )
    if prepared is None:
        prepared = prepare(workforce, params, scenario.service_level)
    elif (
        prepared.workforce is not workforce
        or (isinstance(params, Parameters) and params is not prepared.params)
        or (isinstance(params, (str, Path)) and str(params) != prepared.params.name)
    ):
        raise ValueError("prepared= was built for another workforce or parameter set")
    p = prepared.params
    inp, notes = prepared.inputs, list(prepared.notes)
    v = engine.Values(p)
    onsite_s, applies = engine.scenario_onsite(workforce.staff, scenario, inp)
    base = prepared.baseline
    movers = engine.scenario_movers(workforce.staff, scenario, inp, v)  # long run; None if off
    trips = (
        None
        if prepared.trips is None
        else prepared.trips.with_share(scenario.virtual_meeting_share, scenario.screen_visit_share)
    )
    if trips is not None and scenario.applies_to:  # online only for those it applies to
        trips = trips.select(applies)
    scen = engine.employee_metrics(
        engine.employee_blocks(inp, onsite_s, v, movers), v, inp.own, trips, inp.factors
    )
    per_emp = per_employee_frame(
        workforce.staff,
        inp,
        onsite_s,
        applies,
        base,
        scen,
        distance_source=workforce.distance_source().array,
    )
    desks_b = prepared.baseline_desks
    if scenario.service_level != prepared.baseline_service_level:
        desks_b = site_desks(
            workforce.sites,
            inp,
            inp.onsite_today,
            np.asarray(base["onsite_days"], dtype=float),
            scenario.service_level,
            None,
            None,
            cache=prepared.cache,
        )
    desks_s = site_desks(
        workforce.sites,
        inp,
        onsite_s,
        np.asarray(scen["onsite_days"], dtype=float),
        scenario.service_level,
        scenario.desk_ratio,
        scenario.profile(),
        cache=prepared.cache,
    )
    per_site = site_table(workforce.sites, p, scenario, desks_b, desks_s, notes)
    n_sel = int(np.sum(applies)) if scenario.applies_to else len(per_emp)
    small = small_assessment_note(len(per_emp), n_sel, min_group_size)
    if small:
        notes.append(small)
    return Assessment(
        per_employee=per_emp,
        per_site=per_site,
        scenario=scenario,
        parameters=p,
        workforce_provenance=dict(workforce.provenance),
        notes=notes + list(workforce.notes),
        min_group_size=min_group_size,
    )


def work_travel_table(
    workforce: Workforce,
    scenario: Scenario,
    params: Parameters | str | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    *,
    exact: bool = False,
    per_employee: pd.DataFrame | None = None,
) -> pd.DataFrame | None:
    """Work travel by purpose, today and in the scenario, safe to publish (None without
    trips).

    :func:`remotecalc.model.engine.work_travel_by_purpose` of the workforce's trips at the
    scenario's ``virtual_meeting_share``, through
    :func:`remotecalc.evaluation.disclosure.pool_purposes` (purposes of few travellers
    pooled) and :func:`remotecalc.evaluation.disclosure.publish_purposes` (cell-key noise on
    every value and count, from each employee's contributions by purpose).

    Parameters
    ----------
    exact : bool, default False
        The exact table (the analyst's own view; never written or shown).
    per_employee : pandas.DataFrame, optional
        The assessment's ``per_employee`` of the same staff (its record keys and secret, so
        the same people get the same noise as in the assessment's outputs); default: the
        workforce's staff.

    Returns
    -------
    pandas.DataFrame or None
        ``purpose``, ``withheld``, ``purposes_pooled``, ``travellers`` [persons],
        ``trips_baseline`` [trips/yr], ``km_baseline``, ``km_scenario`` [km/yr],
        ``co2e_kg_baseline``, ``co2e_kg_scenario`` [kg CO2e/yr].
    """
    p = resolve_params(params)
    blocks = work_trip_blocks(workforce, p)
    if blocks is None:
        return None
    applies = engine.applies_mask(workforce.staff, scenario) if scenario.applies_to else None
    values = engine.Values(p)
    args = (scenario.virtual_meeting_share, values, scenario.screen_visit_share, applies)
    table = engine.work_travel_by_purpose(blocks, *args)
    pooled = pool_purposes(table, min_group_size, selection=bool(scenario.applies_to))
    if exact:
        return pooled
    staff = workforce.staff if per_employee is None else per_employee
    secret = disclosure_secret(staff)
    return publish_purposes(
        pooled,
        engine.work_travel_by_purpose_per_employee(blocks, *args),
        travel.PURPOSES,
        min_group_size,
        keys=record_keys(staff, secret),
        secret=secret,
    )
