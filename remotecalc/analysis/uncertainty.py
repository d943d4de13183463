"""Monte Carlo ranges: how sure are the numbers?

Every uncertain parameter is drawn from the uncertainty its parameter set declares; the same
declarations drive the Sobol analysis of :mod:`remotecalc.analysis.sensitivity`. Behavioural
uncertainty (the share who take the remote days up) can be added as a uniform range.

Speed: a full :func:`remotecalc.assess` per draw is out of reach for thousands of draws.
Every draw is instead evaluated on sums over employees by the engine's own metric
functions (:mod:`remotecalc.evaluation.draws`); nothing is approximated except desks under uncertain
uptake (see :func:`monte_carlo`); the tests check the fast path against full assessments at
random draws.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from remotecalc.analysis.sweep import Runner, scenario_list, show_progress
from remotecalc.evaluation import backend
from remotecalc.evaluation.draws import (
    CHUNK_DRAWS,
    HEADLINE_METRICS,
    UPTAKE_GRID_POINTS,
    DrawEvaluator,
    MonteCarloResult,
    ScenarioState,
    close_draws,
    complete_shares,
    draw_inputs,
    draw_uptake,
    interpolate_desks,
    mc_result,
    parameter_label,
    quantiles,
    summary_labels,
    uncertain_inputs,
    unit_draws,
    uptake_grid,
    values_from_unit,
)
from remotecalc.evaluation.entry import assess, resolve_params
from remotecalc.inputs.parameters import Parameters
from remotecalc.inputs.scenario import Scenario, lever_values
from remotecalc.inputs.workforce import Workforce
from remotecalc.model import engine

__all__ = [
    "HEADLINE_METRICS",
    "FastModel",
    "MonteCarloResult",
    "draw_inputs",
    "monte_carlo",
    "parameter_label",
    "sweep_uncertainty",
    "uncertain_inputs",
]

#: The long-run growth of new hybrid workers' commutes (the movers' parameter).
GROWTH_KEY = "longrun.hybrid_commute_growth_share"

UPTAKE_GRID_POINTS = UPTAKE_GRID_POINTS
"""Uptake values at which desks are computed when uptake is uncertain."""


class FastModel:
    """Summary changes of one in-memory workforce for many parameter draws.

    Built once per workforce and parameter set (from a :class:`~.sweep.Runner`); a
    scenario's state (:meth:`state`) once per scenario; then :meth:`changes` evaluates any
    number of draws: employee sums by :class:`DrawEvaluator`, then the closing
    stage with a draws axis (:func:`~remotecalc.evaluation.draws.close_draws`).
    """

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        wf = runner.workforce
        self.draws = DrawEvaluator(wf.staff, runner.inputs, runner.params, len(wf.sites))
        # the movers' pre-sums matter only where the long-run growth can be other than 0
        growth = runner.params.entry(GROWTH_KEY)
        self.growth_fixed_at_zero = growth.value == 0 and growth.uncertainty is None

    def state(self, scenario: Scenario, uptake: tuple[float, float] | None = None) -> ScenarioState:
        """A scenario's on-site days (linear in uptake) and its desk demand.

        Desks depend on uptake (through each employee's chance of being on site); with an
        uptake range they are computed at :data:`UPTAKE_GRID_POINTS` values across it (and
        at the scenario's own uptake) and interpolated linearly between.
        """
        r = self.runner
        alpha, alpha_sorted = self.draws.alpha(scenario)
        grid = uptake_grid(scenario, uptake)
        desks = np.array(
            [
                r.scenario_desks(scenario, r.onsite(scenario, uptake=u))["desks_needed"].to_numpy(
                    dtype=float
                )
                for u in grid
            ]
        )
        movers = None if self.growth_fixed_at_zero else self.draws.movers(scenario)
        return ScenarioState(scenario, alpha, alpha_sorted, grid, desks, movers=movers)

    def changes(
        self, st: ScenarioState, values: pd.DataFrame, n: int | None = None
    ) -> pd.DataFrame:
        """Change (scenario − baseline) of every summary metric, in summary units, per draw.

        Parameters
        ----------
        st : ScenarioState
            From :meth:`state`.
        values : pandas.DataFrame
            One row per draw, columns for the parameters that differ from the set (shares
            already renormalised); an ``uptake`` column overrides the scenario's uptake.
        n : int, optional
            Number of draws when ``values`` has no columns.
        """
        n = len(values) if n is None else n
        parts = [
            self._changes(st, values.iloc[i : i + CHUNK_DRAWS], min(CHUNK_DRAWS, n - i))
            for i in range(0, n, CHUNK_DRAWS)
        ]
        return pd.concat(parts, ignore_index=True)

    def _changes(self, st: ScenarioState, values: pd.DataFrame, n: int) -> pd.DataFrame:
        sc = st.scenario
        v = engine.Values(self.runner.params, values.reset_index(drop=True))
        u = draw_uptake(v, sc, n)
        if st.movers is None and self.growth_fixed_at_zero and np.any(v(GROWTH_KEY) != 0):
            st.movers = self.draws.movers(sc)  # values that set the growth all the same
        emp = self.draws.employee_changes(st.alpha, st.alpha_days_sorted, v, u, st.movers)
        emp.update(
            engine.trip_changes(
                self.runner.trips_for(sc), sc.virtual_meeting_share, v, n, sc.screen_visit_share
            )
        )
        desks_b = self.runner.baseline_desks(sc.service_level)["desks_needed"].to_numpy(float)
        return close_draws(
            self.runner.sites,
            sc,
            emp,
            self.draws.x_b.site,
            st.alpha.site,
            desks_b,
            interpolate_desks(st.desks_grid, st.desks, u),
            v,
            u,
        )


def runner_inputs(runner: Runner, uptake: tuple[float, float] | None = None) -> pd.DataFrame:
    """The uncertain inputs of a runner's workforce: the ``work_travel.*`` parameters only
    when it has work trips (they move nothing otherwise, and the draws stay as before)."""
    return uncertain_inputs(runner.params, uptake, work_trips=runner.trip_sums is not None)


def monte_carlo(
    workforce: Workforce,
    scenario: Scenario,
    params: Parameters | str | None = None,
    n_draws: int = 2000,
    seed: int | np.random.Generator | None = None,
    *,
    uptake: tuple[float, float] | None = None,
    sites: Any = None,
) -> MonteCarloResult:
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

    With a :class:`~remotecalc.evaluation.distributed.DaskWorkforce` every partition evaluates its
    employees' sums for all draws on Dask and the client finishes the offices
    (:func:`remotecalc.evaluation.distributed.monte_carlo_dask`); the draws are the same.

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
    if backend.uses_dask(workforce):
        return backend.monte_carlo(
            workforce, scenario, params, n_draws, seed, uptake=uptake, sites=sites
        )
    p = resolve_params(params)
    runner = Runner(workforce, p, scenario.service_level)
    central = assess(workforce, scenario, p, prepared=runner.prepared)
    fast = FastModel(runner)
    state = fast.state(scenario, uptake)
    inputs = runner_inputs(runner, uptake)
    values = complete_shares(values_from_unit(inputs, unit_draws(p, inputs, n_draws, seed)), p)
    return mc_result(
        values, fast.changes(state, values), central, inputs, seed, uptake, len(state.desks_grid)
    )


def sweep_uncertainty(
    workforce: Workforce,
    scenarios: Iterable[Scenario] | str | Path,
    params: Parameters | str | None = None,
    n_draws: int = 500,
    seed: int | np.random.Generator | None = None,
    *,
    uptake: tuple[float, float] | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
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
    >>> from remotecalc.inputs.scenario import scenario_grid
    >>> grid = scenario_grid(rc.Scenario(name="b"), remote_days_per_week=[1, 3])
    >>> bands = sweep_uncertainty(wf, grid, n_draws=100, seed=2)
    >>> net = bands[bands["metric"] == "net_co2e_t"]
    >>> bool((net["p05"] <= net["p95"]).all()), len(net)
    (True, 2)
    """
    from tqdm.auto import tqdm

    scenarios = scenario_list(scenarios)
    p = resolve_params(params)
    runner = Runner(workforce, p, scenarios[0].service_level)
    fast = FastModel(runner)
    inputs = runner_inputs(runner, uptake)
    values = complete_shares(values_from_unit(inputs, unit_draws(p, inputs, n_draws, seed)), p)
    show = show_progress(progress, len(scenarios), workforce.n_employees)
    parts = []
    for sc in tqdm(scenarios, desc="monte carlo", unit="scenario", disable=not show):
        state = fast.state(sc, uptake)
        q = quantiles(fast.changes(state, values))
        central = fast.changes(state, pd.DataFrame(index=[0]), n=1).iloc[0]
        lab = summary_labels(sc, p)
        part = pd.DataFrame(
            {
                "scenario_name": sc.name,
                **lever_values(sc),
                "metric": lab["metric"].to_numpy(),
                "label": lab["label"].to_numpy(),
                "unit": lab["unit"].to_numpy(),
            }
        )
        part["central"] = central.reindex(lab["metric"]).to_numpy()
        parts.append(pd.concat([part, q.reindex(lab["metric"]).reset_index(drop=True)], axis=1))
    return pd.concat(parts, ignore_index=True)
