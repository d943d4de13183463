"""Sweeps: many scenarios on one workforce, as one tidy long table.

The work that does not depend on the policy levers (reading, geocoding, distances, mode
factors, today's baseline and its desk demand, the grouping of employees by site) is done
once; each scenario then costs only its own on-site days, the per-employee results of that
state, its desk demand and the office table. A scenario without ``applies_to`` and
``wanted_days_column`` is evaluated on classes of employees with the same on-site days and
teleworkable share (:class:`remotecalc.model.engine.OnsiteClasses`): its cost then does not grow
with the number of employees. The numbers are those of :func:`remotecalc.assess` (same
model functions; sums taken in another order), only without building the per-employee table
that a sweep does not need.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from remotecalc.evaluation import backend
from remotecalc.evaluation.closing import (
    METRICS,
    SITE_METRICS,
    SUMMARY_COLUMNS,
    SiteInputs,
    summary_rows,
)
from remotecalc.evaluation.entry import prepare
from remotecalc.formulas import commute
from remotecalc.inputs.parameters import Parameters
from remotecalc.inputs.scenario import LEVERS, Scenario, lever_values, load_scenarios
from remotecalc.inputs.workforce import Workforce
from remotecalc.model import engine

__all__ = ["LEVERS", "Runner", "lever_values", "scenario_list", "show_progress", "sweep"]

#: Employee-scenarios above which ``progress=None`` shows a progress bar.
_PROGRESS_WORK = 2_000_000


def scenario_list(scenarios: Scenario | Iterable[Scenario] | str | Path) -> list[Scenario]:
    """A list of scenarios from a list, a single scenario or a TOML plan's path."""
    if isinstance(scenarios, (str, Path)):
        scenarios = load_scenarios(scenarios)
    elif isinstance(scenarios, Scenario):
        scenarios = [scenarios]
    scenarios = list(scenarios)
    if not scenarios:
        raise ValueError("no scenarios given")
    bad = [type(s).__name__ for s in scenarios if not isinstance(s, Scenario)]
    if bad:
        raise TypeError(f"scenarios must be remotecalc.Scenario objects, found {bad[0]}")
    names = [s.name for s in scenarios]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        raise ValueError(
            f"scenario names must be unique within a sweep; repeated: {', '.join(dups)}"
        )
    return scenarios


class Runner:
    """Scenario-independent work for one workforce and parameter set, done once.

    Holds :func:`remotecalc.prepare`'s result, the baseline's totals (the engine's metrics
    of the summed baseline blocks) and its desk demand (per service level, computed when
    first asked for). :meth:`summary` evaluates a scenario on sums: its per-employee
    building blocks are summed by mode and the engine's metric functions evaluated once.
    """

    def __init__(
        self,
        workforce: Workforce,
        params: Parameters | str | None = None,
        service_level: float = 0.95,
    ) -> None:
        self.prepared = prepare(workforce, params, service_level)
        self.workforce = workforce
        self.params = self.prepared.params
        self.values = engine.Values(self.params)
        self.n_modes = len(self.params.modes)
        inp = self.prepared.inputs
        trips = self.prepared.trips
        self.trip_sums = None if trips is None else trips.total()
        self.sites = SiteInputs.of(workforce.sites)
        ok = inp.desk_code >= 0  # desks and attendee-days: the employees desks concern
        self._ok, self._code = ok, inp.desk_code[ok]
        self.employees = np.bincount(self._code, minlength=len(workforce.sites))
        self.baseline_attendee_days = self.attendee_days(self.prepared.baseline["onsite_days"])
        self._desks_b = {service_level: self.prepared.baseline_desks}

    def trips_for(self, scenario: Scenario) -> engine.TripBlocks | None:
        """The summed work trips in ``scenario``'s state: its virtual-meeting share moves
        online only the trips of the employees its ``applies_to`` selects."""
        if self.trip_sums is None:
            return None
        share, screen = scenario.virtual_meeting_share, scenario.screen_visit_share
        if not scenario.applies_to or share == screen == 0 or self.prepared.trips is None:
            return self.trip_sums.with_share(share, screen)
        applies = engine.applies_mask(self.workforce.staff, scenario)
        return self.prepared.trips.select(applies).total().with_share(share, screen)

    @functools.cached_property
    def linear(self) -> engine.LinearBlocks:
        """Every block as an affine function of the on-site days (a scenario's sums are dot
        products): built on first use (:meth:`summary`; Monte Carlo does not need it)."""
        return engine.LinearBlocks.of(self.prepared.inputs, self.values)

    @functools.cached_property
    def baseline_totals(self) -> dict:
        """The engine's metrics of today's summed blocks (built on first use)."""
        inp = self.prepared.inputs
        return engine.employee_metrics(
            self.linear.sums(inp.onsite_today), self.values, inp.factors, self.trip_sums
        )

    @functools.cached_property
    def classes(self) -> engine.OnsiteClasses | None:
        """The employees grouped by what a scenario's on-site days depend on (None when
        grouping does not pay): scenarios without ``applies_to`` and ``wanted_days_column``
        are then evaluated on per-class sums, whatever the number of employees."""
        return engine.OnsiteClasses.of(self.prepared.inputs, self.linear, len(self.employees))

    @functools.cached_property
    def class_baseline_totals(self) -> dict:
        """:attr:`baseline_totals` summed over the classes, as the scenarios evaluated on
        them are (so that a scenario that changes nothing changes nothing, exactly)."""
        inp, c = self.prepared.inputs, self.classes
        if c is None:
            return self.baseline_totals
        return engine.employee_metrics(
            c.sums(self.linear, c.onsite_today), self.values, inp.factors, self.trip_sums
        )

    @functools.cached_property
    def class_baseline_attendee_days(self) -> np.ndarray:
        """Today's attendee-days per site summed over the classes (as
        :attr:`class_baseline_totals`)."""
        c = self.classes
        if c is None:
            return self.baseline_attendee_days
        return c.attendee_days(c.onsite_today)

    @property
    def inputs(self) -> engine.EmployeeInputs:
        """The per-employee inputs (:func:`remotecalc.model.engine.employee_inputs`)."""
        return self.prepared.inputs

    def attendee_days(self, onsite_days_year: np.ndarray) -> np.ndarray:
        """Attendee-days per site of per-employee on-site days a year."""
        return np.bincount(
            self._code, weights=onsite_days_year[self._ok], minlength=len(self.employees)
        )

    def baseline_desks(self, service_level: float) -> pd.DataFrame:
        """Today's desk demand per site at a service level (kept for the next call).

        At another service level than the prepared one only the desks change: they come
        from today's desk counts (taken once) by :func:`remotecalc.model.engine.desk_arrays`, as
        ``site_desks(..., peak_label=False)`` would give them."""
        if service_level not in self._desks_b:
            base = self.prepared.baseline_desks
            desks, peak = engine.desk_arrays(
                self.baseline_counts,
                base["desk_employees"].to_numpy(),
                service_level,
                None,
                None,
                peak_label=False,
                cache=self.prepared.cache,
            )
            self._desks_b[service_level] = base.assign(
                desks_needed=desks, peak_weekday=peak, service_level_achieved=np.nan
            )
        return self._desks_b[service_level]

    @functools.cached_property
    def baseline_counts(self) -> engine.DeskCounts:
        """Today's desk counts (:class:`remotecalc.model.engine.DeskCounts`)."""
        inp = self.prepared.inputs
        return engine.DeskCounts.of_state(inp.desk_code, inp.fte, inp.onsite_today)

    def onsite(self, scenario: Scenario, uptake: float | None = None) -> np.ndarray:
        """On-site days per week of each employee under the scenario (uptake overridable)."""
        return engine.scenario_onsite(
            self.workforce.staff, scenario, self.prepared.inputs, uptake=uptake
        )[0]

    def desks(self, scenario: Scenario, onsite_s: np.ndarray) -> np.ndarray:
        """Desks needed per site in the scenario, for given on-site days per week."""
        inp = self.prepared.inputs
        counts = (
            engine.DeskCounts.of_state(inp.desk_code, inp.fte, onsite_s)
            if scenario.desk_ratio is None
            else engine.DeskCounts.empty()
        )
        return self._desks_from_counts(scenario, counts)

    def _desks_from_counts(self, scenario: Scenario, counts: engine.DeskCounts) -> np.ndarray:
        return engine.desk_arrays(
            counts,
            self.employees,
            scenario.service_level,
            scenario.desk_ratio,
            scenario.profile(),
            peak_label=False,
            cache=self.prepared.cache,
        )[0]

    def scenario_desks(
        self, scenario: Scenario, onsite_s: np.ndarray, onsite_days_year: np.ndarray | None = None
    ) -> pd.DataFrame:
        """Desk demand per site in the scenario (a table like ``site_desks``)."""
        inp = self.prepared.inputs
        if onsite_days_year is None:
            onsite_days_year = commute.onsite_days_per_year(
                inp.fte, onsite_s, self.params["workdays_per_year"]
            )
        return pd.DataFrame(
            {
                "employees": self.employees,
                "desks_needed": self.desks(scenario, onsite_s),
                "peak_weekday": "-",
                "attendee_days": self.attendee_days(onsite_days_year),
            },
            index=pd.Index(self.workforce.sites["site_id"], name="site_id"),
        )

    def summary(self, scenario: Scenario) -> pd.DataFrame:
        """``assess(workforce, scenario, params).summary()``, without the per-employee and
        per-site tables: the engine's functions on sums."""
        return pd.DataFrame(self.summary_rows(scenario), columns=list(SUMMARY_COLUMNS))

    def summary_rows(self, scenario: Scenario) -> list[tuple]:
        """The rows of :meth:`summary`
        (:data:`remotecalc.evaluation.assessment.SUMMARY_COLUMNS`)."""
        p, inp, v = self.params, self.prepared.inputs, self.values
        movers = engine.scenario_movers(self.workforce.staff, scenario, inp, v)
        trips = self.trips_for(scenario)
        classes = (
            self.classes if movers is None and engine.OnsiteClasses.applies(scenario) else None
        )
        if classes is not None:  # on per-class sums: the same numbers, summed in another order
            onsite_c = classes.onsite(scenario, inp)
            sums = classes.sums(self.linear, onsite_c)
            ratio = scenario.desk_ratio is not None  # a ratio needs no distribution
            desks_s = self._desks_from_counts(
                scenario, engine.DeskCounts.empty() if ratio else classes.desk_counts(onsite_c)
            )
            attendee_s = classes.attendee_days(onsite_c)
            gained = classes.gaining(onsite_c)
        else:
            onsite_s = self.onsite(scenario)
            sums = self.linear.sums(onsite_s, movers)
            desks_s = self.desks(scenario, onsite_s)
            attendee_s = self.attendee_days(self.linear.slope.onsite_days * onsite_s)
            gained = int(engine.gained_remote_days(inp.onsite_today, onsite_s).sum())
        scen = engine.employee_metrics(sums, v, inp.factors, trips)
        desks_b = self.baseline_desks(scenario.service_level)["desks_needed"].to_numpy(float)
        base_site, scen_site, _, _ = self.sites.states(
            v,
            scenario.release_space,
            desks_b,
            self.class_baseline_attendee_days
            if classes is not None
            else self.baseline_attendee_days,
            desks_s,
            attendee_s,
        )
        base = self.class_baseline_totals if classes is not None else self.baseline_totals
        totals = {m: (base[m], scen[m]) for m in METRICS}
        totals.update(
            {m: (float(base_site[m].sum()), float(scen_site[m].sum())) for m in SITE_METRICS}
        )
        one_off = float(engine.one_off_cost(gained, scenario.uptake, v))
        return summary_rows(totals, one_off, scenario, p)


# the runner of a forked worker process (set by the pool's initializer, in the worker only)
_WORKER: dict = {}


def _init_worker(runner: Runner, scenarios: list[Scenario]) -> None:
    _WORKER["runner"], _WORKER["scenarios"] = runner, scenarios


def _worker_summary(i: int) -> list[tuple]:
    return _WORKER["runner"].summary_rows(_WORKER["scenarios"][i])


def show_progress(progress: bool | None, n_items: int, n_employees: int) -> bool:
    if progress is None:
        return n_items > 1 and n_items * n_employees >= _PROGRESS_WORK
    return bool(progress)


def _summaries(
    runner: Runner, scenarios: Sequence[Scenario], progress, n_jobs: int
) -> list[list[tuple]]:
    show = show_progress(progress, len(scenarios), runner.workforce.n_employees)
    n_jobs = min(int(n_jobs), len(scenarios), os.cpu_count() or 1) if n_jobs else 1
    import multiprocessing as mp

    if n_jobs <= 1 or "fork" not in mp.get_all_start_methods():
        return [
            runner.summary_rows(s)
            for s in tqdm(scenarios, desc="sweep", unit="scenario", disable=not show)
        ]
    from concurrent.futures import ProcessPoolExecutor

    runner.baseline_totals  # noqa: B018 -- built once here, not in every worker
    runner.class_baseline_totals  # noqa: B018

    # forked workers inherit the runner through the initializer's arguments (not pickled)
    with ProcessPoolExecutor(
        n_jobs,
        mp_context=mp.get_context("fork"),
        initializer=_init_worker,
        initargs=(runner, list(scenarios)),
    ) as pool:
        return list(
            tqdm(
                pool.map(_worker_summary, range(len(scenarios))),
                total=len(scenarios),
                desc="sweep",
                unit="scenario",
                disable=not show,
            )
        )


def sweep(
    workforce: Workforce,
    scenarios: Iterable[Scenario] | str | Path,
    params: Parameters | str | None = None,
    *,
    progress: bool | None = None,
    n_jobs: int = 1,
    sites: Any = None,
) -> pd.DataFrame:
    """Assess many scenarios on one workforce; one tidy long table.

    Parameters
    ----------
    workforce : Workforce
        Validated staff and sites.
    scenarios : list of Scenario, Scenario, str or pathlib.Path
        The scenarios, or the path of a TOML plan (:func:`remotecalc.load_scenarios`; a
        ``[grid]`` table there, or :func:`remotecalc.scenario_grid`, builds a grid). Names
        must be unique.
    params : Parameters or str, optional
        Parameter set or its name; default ``"dk-2025"``.
    progress : bool, optional
        Show a progress bar (tqdm). Default: only for long runs (scenarios × employees of
        2 million or more).
    n_jobs : int, default 1
        Worker processes (forked; where the platform cannot fork, scenarios run one after
        the other). Each worker shares the prepared workforce, so memory grows little.
    sites : path or DataFrame, optional
        Only with a Dask DataFrame of staff as ``workforce``: its sites table.

    Returns
    -------
    pandas.DataFrame
        The rows of ``assess(workforce, s, params).summary()`` for every scenario ``s``, in
        order (columns ``scenario_name, metric, label, unit, perspective, baseline, scenario,
        change``), plus one column per lever in :data:`LEVERS`
        (``remote_days_per_week, uptake, service_level, desk_ratio, release_space``; NaN
        where not set).

    Notes
    -----
    With a :class:`~remotecalc.evaluation.distributed.DaskWorkforce` (or a Dask DataFrame and
    ``sites=``) all scenarios are summed in one pass over the partitions on Dask
    (``n_jobs`` and ``progress`` do not apply; the Dask scheduler decides).

    Geography, distances, mode factors, the baseline's per-employee results and its desk
    demand do not depend on the levers; they are computed once (:func:`remotecalc.prepare`).
    Per scenario only on-site days, the scenario's per-employee results, its desk demand
    and the office table are computed, by the same model functions as
    :func:`remotecalc.assess`, so the numbers agree with it (to rounding of the sums).

    Examples
    --------
    >>> import remotecalc as rc
    >>> wf = rc.datasets.demo_workforce(300, seed=1)
    >>> from remotecalc.inputs.scenario import scenario_grid
    >>> grid = scenario_grid(rc.Scenario(name="base"), remote_days_per_week=[0, 2])
    >>> table = sweep(wf, grid)
    >>> net = table[table["metric"] == "net_co2e_t"]
    >>> net[["scenario_name", "remote_days_per_week"]].to_numpy().tolist()
    [['0 days', 0.0], ['2 days', 2.0]]
    >>> bool(net["change"].iloc[1] < 0)
    True
    """
    scenarios = scenario_list(scenarios)
    if backend.uses_dask(workforce):  # one pass over the partitions for all scenarios
        return backend.sweep(workforce, scenarios, params, sites=sites)
    runner = Runner(workforce, params, scenarios[0].service_level)
    parts = _summaries(runner, scenarios, progress, n_jobs)
    table = pd.DataFrame([row for part in parts for row in part], columns=list(SUMMARY_COLUMNS))
    levers = pd.DataFrame([lever_values(s) for s in scenarios])  # one row per scenario
    repeat = np.repeat(np.arange(len(scenarios)), [len(part) for part in parts])
    for k in levers.columns:
        table[k] = levers[k].to_numpy()[repeat]
    return table
