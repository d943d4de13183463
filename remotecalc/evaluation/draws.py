"""Parameter draws and their evaluation on sums: the Monte Carlo and Sobol machinery.

Every uncertain parameter is drawn from the uncertainty its parameter set declares (once, in
the set's TOML: ``uniform``, ``triangular`` or ``normal``). Given the per-employee
quantities that do not depend on the parameters (on-site days, distances, modes, sites),
every total of the summary is the engine's metric function of building blocks made from a
few sums over employees (:func:`remotecalc.model.engine.blocks_from_presums`). Those sums are
taken once; each draw is then evaluated on them, vectorised over draws
(:class:`DrawEvaluator`), and finished by the one closing stage with a draws axis
(:func:`close_draws`). The sums add up over partitions, so the Dask backend evaluates them
where the data are.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from remotecalc import i18n
from remotecalc._numeric import FloatArray, FloatOrArray
from remotecalc.evaluation.assessment import Assessment
from remotecalc.evaluation.closing import (
    METRICS,
    SITE_METRICS,
    SiteInputs,
    display_values,
    summary_table,
    with_derived,
)
from remotecalc.formulas import commute
from remotecalc.i18n.notes import Note
from remotecalc.inputs.parameters import Parameters, allowed_range
from remotecalc.inputs.scenario import Scenario
from remotecalc.model import engine, metrics

__all__ = [
    "CHUNK_DRAWS",
    "HEADLINE_METRICS",
    "UPTAKE_GRID_POINTS",
    "DrawEvaluator",
    "MonteCarloResult",
    "ScenarioState",
    "close_draws",
    "complete_shares",
    "draw_inputs",
    "draw_uptake",
    "interpolate_desks",
    "mc_result",
    "parameter_label",
    "quantiles",
    "summary_labels",
    "uncertain_inputs",
    "unit_draws",
    "uptake_grid",
    "values_from_unit",
]

#: Display names of the registry's headline metrics (every summary metric is in the draws).
HEADLINE_METRICS: tuple[str, ...] = metrics.headline_names()

#: Uptake values at which desks are computed when uptake is uncertain (linear interpolation
#: between them).
UPTAKE_GRID_POINTS = 11

#: Draws evaluated at once (bounds the memory of the draws × sites arrays).
CHUNK_DRAWS = 20_000

_SHARE_PREFIX = "rebound.noncommute_mode_share."


def parameter_label(
    key: str, unit: str | None = None, lang: str = "en", shared_with: Sequence[str] = ()
) -> str:
    """A label a reader understands for a parameter key, with its unit in brackets: the
    report's label (:func:`remotecalc.i18n.parameter_label`, one table for every output).

    Examples
    --------
    >>> parameter_label("mode.car_ev.co2e_ttw_kg_per_km", "kg CO2e/vehicle-km")
    'Electric car: CO₂e factor (direct) [kg CO2e/vehicle-km]'
    >>> parameter_label("rebound.noncommute_mode_share.car", "share")
    'Rebound trips by car, share [share]'
    """
    text = i18n.parameter_label(key, lang, shared_with)
    return f"{text} [{unit}]" if unit else text


# ------------------------------------------------------------------------------------------
# The declared uncertainty: one table, used by Monte Carlo and by Sobol
# ------------------------------------------------------------------------------------------


def uncertain_inputs(
    params: Parameters, uptake: tuple[float, float] | None = None, work_trips: bool = True
) -> pd.DataFrame:
    """Every uncertain input: the set's declared uncertainties plus, optionally, uptake.

    Parameters
    ----------
    params : Parameters
        The parameter set; its :meth:`~remotecalc.inputs.parameters.Parameters.uncertain` table.
    uptake : (float, float), optional
        Range of the uptake of the remote days (uniform), e.g. ``(0.5, 1.0)``. [share]
    work_trips : bool, default True
        Whether the workforce has work trips; without them the ``work_travel.*`` parameters
        move nothing and are left out (the draws stay as they were before trips existed).

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
    # the relocation plan's parameters move nothing in an assessment (relocation_plan
    # draws them itself): leaving them out keeps Sobol designs and draws as they were
    left_out = ("relocation.",) if work_trips else ("relocation.", "work_travel.")
    keep = [not k.startswith(left_out) for k in table["key"].tolist()]
    table = table[np.array(keep, dtype=bool)].reset_index(drop=True)
    if uptake is not None:
        low, high = (float(x) for x in uptake)
        if not 0.0 <= low <= high <= 1.0:
            raise ValueError(
                f"uptake range must satisfy 0 <= low <= high <= 1, found ({low}, {high})"
            )
        row = pd.DataFrame(
            [
                {
                    "key": "uptake",
                    "unit": "share",
                    "status": "M",
                    "dist": "uniform",
                    "value": (low + high) / 2,
                    "low": low,
                    "mode": math.nan,
                    "high": high,
                    "sd": math.nan,
                }
            ]
        )
        table = pd.concat([table, row], ignore_index=True) if len(table) else row
    table = table.reset_index(drop=True)
    table["label"] = [
        parameter_label(k, u, shared_with=params.linked_to(k))
        for k, u in zip(table["key"].tolist(), table["unit"].tolist(), strict=True)
    ]
    return table


def _bounds(key: str, unit: str) -> tuple[float, float]:
    """Where a normal distribution of a parameter is truncated: its allowed range."""
    if key == "uptake":
        return 0.0, 1.0
    lo, hi, _ = allowed_range(key, unit)
    return lo, hi


def values_from_unit(inputs: pd.DataFrame, unit_values: FloatArray) -> pd.DataFrame:
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
    from scipy import stats

    u = np.clip(np.asarray(unit_values, dtype=float), 1e-12, 1.0 - 1e-12)
    if u.ndim != 2 or u.shape[1] != len(inputs):
        raise ValueError(f"unit_values must have shape (n, {len(inputs)})")
    keys = inputs["key"].tolist()
    columns = {c: inputs[c].tolist() for c in inputs.columns}  # Python scalars, as rows give
    units = columns.get("unit", [""] * len(keys))
    out: dict[Any, Any] = {}
    # triangular inputs are evaluated together below (one scipy call: its inverse CDF is
    # elementwise, so each column gets exactly what a call of its own would give)
    tri_at: list[int] = []
    tri_c: list[float] = []
    tri_loc: list[float] = []
    tri_scale: list[float] = []
    for j, (key, dist) in enumerate(zip(keys, columns["dist"], strict=True)):
        col = u[:, j]
        if dist == "uniform":
            low, high = columns["low"][j], columns["high"][j]
            out[key] = low + col * (high - low)
        elif dist == "triangular":
            low, high = columns["low"][j], columns["high"][j]
            width = high - low
            if width == 0:
                out[key] = np.full_like(col, low)
            else:
                out[key] = None  # placeholder: keeps the order of first appearance
                tri_at.append(j)
                tri_c.append((columns["mode"][j] - low) / width)
                tri_loc.append(low)
                tri_scale.append(width)
        elif dist == "normal":
            value, sd = columns["value"][j], columns["sd"][j]
            lo, hi = _bounds(key, units[j])
            a, b = (lo - value) / sd, (hi - value) / sd
            out[key] = stats.truncnorm.ppf(col, a, b, loc=value, scale=sd)
        else:
            raise ValueError(f"{key}: unknown distribution {dist!r}")
    if tri_at:
        tri = stats.triang.ppf(
            u[:, tri_at], np.array(tri_c), loc=np.array(tri_loc), scale=np.array(tri_scale)
        )
        last = {key: j for j, key in enumerate(keys)}  # a key given twice: its last row
        for i, j in enumerate(tri_at):
            if last[keys[j]] == j:
                out[keys[j]] = tri[:, i]
    return pd.DataFrame(out, columns=keys, index=pd.RangeIndex(len(u)))


def complete_shares(values: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """Renormalise the non-commute mode shares of every draw to sum to 1.

    When any share varies, all shares are written (the fixed ones rescaled too).
    """
    keys = [k for k in params if k.startswith(_SHARE_PREFIX)]
    if not any(k in values.columns for k in keys):
        return values
    tab = np.column_stack(
        [
            values[k].to_numpy(dtype=float)
            if k in values.columns
            else np.full(len(values), params[k])
            for k in keys
        ]
    )
    total = tab.sum(axis=1, keepdims=True)
    tab = np.divide(tab, total, out=np.full_like(tab, 1.0 / len(keys)), where=total > 0)
    out = values.copy()
    for i, k in enumerate(keys):
        out[k] = tab[:, i]
    return out


def draw_inputs(
    params: Parameters,
    n_draws: int,
    seed: int | np.random.Generator | None = None,
    uptake: tuple[float, float] | None = None,
) -> pd.DataFrame:
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
    return complete_shares(
        values_from_unit(inputs, unit_draws(params, inputs, n_draws, seed)), params
    )


def unit_draws(
    params: Parameters, inputs: pd.DataFrame, n_draws: int, seed: int | np.random.Generator | None
) -> FloatArray:
    """Uniform random numbers for the inputs, one stream position per key of the set.

    A column is drawn for every key of the set (in file order) and for uptake, and the
    inputs take theirs: pinning one parameter (an override without uncertainty) leaves every
    other input's draws unchanged (common random numbers).
    """
    wanted = set(inputs["key"])
    # the relocation plan's keys take a stream position only when drawn (relocation_plan):
    # an assessment's draws stay what they were before the set had them
    keys = [
        *(k for k in params.keys() if not k.startswith("relocation.") or k in wanted),
        "uptake",
    ]
    pos = {k: i for i, k in enumerate(keys)}
    missing = [k for k in inputs["key"] if k not in pos]
    if missing:
        raise ValueError(f"inputs not in the parameter set: {missing}")
    u = np.random.default_rng(seed).random((int(n_draws), len(keys)))
    return u[:, [pos[k] for k in inputs["key"]]]


# ------------------------------------------------------------------------------------------
# The fast path: summary changes for many parameter values at once, on sums
# ------------------------------------------------------------------------------------------


@dataclass
class ScenarioState:
    """A scenario's on-site days as ``x_b - u × alpha`` (per working day), and its desks."""

    scenario: Scenario
    alpha: engine.PreSums
    """Pre-sums of the reduction of on-site days per working day at full uptake."""
    alpha_days_sorted: FloatArray
    """Each employee's reduction of on-site days per week at full uptake, sorted."""
    desks_grid: FloatArray
    """Uptake values at which the desks were computed."""
    desks: FloatArray
    """Desks per site at each grid value: (grid points, sites)."""
    movers: tuple[engine.PreSums, engine.PreSums] | None = None
    """Pre-sums (on-site, home weights) of the employees who become hybrid as takers
    (:meth:`DrawEvaluator.movers`); None when nobody does."""


def draw_uptake(v: engine.Values, scenario: Scenario, n: int) -> FloatArray:
    """Uptake of every draw: the drawn ``uptake`` column, else the scenario's."""
    u = v("uptake") if v.draws is not None and "uptake" in v.draws.columns else scenario.uptake
    return np.broadcast_to(np.asarray(u, dtype=float), (n,))


def interpolate_desks(grid: FloatArray, desks: FloatArray, u: FloatArray) -> FloatArray:
    """Desks per site at each draw's uptake: exact on the grid, linear between."""
    if len(grid) == 1:
        only: FloatArray = desks[0]
        return only
    pos = np.clip(np.searchsorted(grid, u, side="right") - 1, 0, len(grid) - 2)
    t = np.clip((u - grid[pos]) / (grid[pos + 1] - grid[pos]), 0.0, 1.0)[:, None]
    return desks[pos] * (1.0 - t) + desks[pos + 1] * t


def close_draws(
    sites: SiteInputs,
    sc: Scenario,
    emp: Mapping[str, FloatArray],
    x_b_site: FloatArray,
    alpha_site: FloatArray,
    desks_b: FloatArray,
    desks_s: FloatArray,
    v: engine.Values,
    u: FloatArray,
) -> pd.DataFrame:
    """Change of every summary metric per draw, in summary units: the closing stage
    (:mod:`remotecalc.evaluation.closing`: sites, then derived metrics) with a draws axis.

    ``emp`` from :meth:`DrawEvaluator.employee_changes` (summed over employees);
    ``x_b_site``/``alpha_site``: per site, today's on-site days per working day and their
    reduction at full uptake; ``desks_b`` per site, ``desks_s`` per draw and site; ``u`` the
    uptake of each draw. Needs only the sites and the parameter values, so that sums over
    employees computed elsewhere (on the partitions of a Dask DataFrame) are finished here.
    """
    n = len(u)
    out: dict[str, FloatOrArray] = {m: emp[m] for m in METRICS}
    wd = v.site("workdays_per_year")
    att_b = wd * x_b_site
    att_s = att_b - u[:, None] * wd * alpha_site
    base, scen, _, _ = sites.states(v, sc.release_space, desks_b, att_b, desks_s, att_s)
    shape = (n, len(sites.releasable))
    for m in SITE_METRICS:
        out[m] = (np.broadcast_to(scen[m], shape) - np.broadcast_to(base[m], shape)).sum(-1)
    one_off = engine.one_off_cost(emp["gaining"], u, v)
    shown = display_values(with_derived(out, one_off, sc, v))
    return pd.DataFrame(
        {k: np.broadcast_to(np.asarray(x, dtype=float), (n,)) for k, x in shown.items()}
    )


class DrawEvaluator:
    """Employee sums of one workforce for many parameter draws, vectorised over draws.

    Built once per workforce (or partition) and parameter set. Every total is the engine's
    metric function (:func:`remotecalc.model.engine.employee_metrics`) of blocks built from sums
    over employees (:func:`remotecalc.model.engine.blocks_from_presums`): totals are linear in
    the per-employee on-site and home days, distances enter through per-mode sums (scaled
    by the drawn circuity) and, for the piecewise-linear commuting deduction, through
    cumulative sums in distance order (exact for any circuity and thresholds).

    Parameters
    ----------
    staff : pandas.DataFrame
        The employees (a workforce's staff, or one partition).
    inputs : EmployeeInputs
        Their inputs (:func:`remotecalc.model.engine.employee_inputs`).
    params : Parameters
    n_sites : int
        Rows of the sites table.
    """

    def __init__(
        self, staff: pd.DataFrame, inputs: engine.EmployeeInputs, params: Parameters, n_sites: int
    ) -> None:
        self.staff, self.inputs, self.params = staff, inputs, params
        self.order = engine.DistanceOrder.of(inputs, len(params.modes), n_sites)
        self.x_b = engine.presums(
            self.order, inputs.fte * (inputs.onsite_today / commute.DAYS_PER_WEEK)
        )

    def onsite(self, scenario: Scenario, uptake: float | None = None) -> FloatArray:
        """On-site days per week under the scenario (no check that it selects somebody)."""
        return engine.scenario_onsite(
            self.staff, scenario, self.inputs, uptake=uptake, check_selects=False
        )[0]

    def alpha(self, scenario: Scenario) -> tuple[engine.PreSums, FloatArray]:
        """Pre-sums of the reduction of on-site days at full uptake, and the reductions."""
        inp = self.inputs
        alpha_days = inp.onsite_today - self.onsite(scenario, uptake=1.0)
        return (
            engine.presums(self.order, inp.fte * (alpha_days / commute.DAYS_PER_WEEK)),
            np.sort(alpha_days),
        )

    def movers(self, scenario: Scenario) -> tuple[engine.PreSums, engine.PreSums] | None:
        """Pre-sums of the employees who become hybrid when they take the scenario's remote
        days up (:func:`remotecalc.model.engine.becomes_hybrid`), at a taker's on-site days: on-site
        and home days per working day. None when nobody does."""
        inp = self.inputs
        full = self.onsite(scenario, uptake=1.0)
        newly = engine.becomes_hybrid(inp.onsite_today, full)
        if not newly.any():
            return None
        week = commute.DAYS_PER_WEEK
        return (
            engine.presums(self.order, np.where(newly, inp.fte * full / week, 0.0)),
            engine.presums(self.order, np.where(newly, inp.fte * (week - full) / week, 0.0)),
        )

    def employee_changes(
        self,
        alpha: engine.PreSums,
        alpha_days_sorted: FloatArray,
        v: engine.Values,
        u: FloatArray,
        movers: tuple[engine.PreSums, engine.PreSums] | None = None,
    ) -> dict[str, FloatArray]:
        """Per draw: the change of every metric of :data:`METRICS` (sums over these
        employees, in the metric's own unit) and, as ``"gaining"``, how many employees gain
        remote days at the draw's uptake. Both add up over disjoint groups of employees.

        ``movers`` (:meth:`movers`) adds the long-run growth of the commutes of employees
        who become hybrid, in the share ``u`` of them who take the days up."""
        n = len(u)
        f = engine.mode_factors(v)
        # on-site weights x_s = x_b - u alpha, home weights y_s = y_b + u alpha
        per_alpha = engine.blocks_from_presums(
            self.order, alpha, engine.negate(alpha), v, f, n, uptake=u
        )
        change = per_alpha.scale(-u)
        g = v("longrun.hybrid_commute_growth_share")
        if movers is not None and (np.ndim(g) or g != 0):
            moved = engine.moved_blocks_from_presums(self.order, *movers, v, f, n)
            change = change + moved.scale(u)
        out = engine.employee_metrics(change, v, f)
        threshold = np.divide(1e-9, u, out=np.full(n, np.inf), where=u > 0)
        out["gaining"] = len(alpha_days_sorted) - np.searchsorted(
            alpha_days_sorted, threshold, side="right"
        )
        return {k: np.broadcast_to(np.asarray(x, dtype=float), (n,)) for k, x in out.items()}


def uptake_grid(scenario: Scenario, uptake: tuple[float, float] | None) -> FloatArray:
    """Uptake values at which desks are computed: the scenario's, and a grid over a range."""
    grid = [scenario.uptake]
    if uptake is not None and scenario.desk_ratio is None:
        grid += list(np.linspace(uptake[0], uptake[1], UPTAKE_GRID_POINTS))
    return np.unique(np.asarray(grid, dtype=float))


def summary_labels(scenario: Scenario, params: Parameters) -> pd.DataFrame:
    """metric, label, unit and perspective of every summary row, in summary order."""
    zeros = {m: (0.0, 0.0) for m in [*METRICS, *SITE_METRICS]}
    return summary_table(zeros, 0.0, scenario, params)[["metric", "label", "unit", "perspective"]]


def quantiles(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean and 5/50/95 % quantiles of each column."""
    q = frame.quantile([0.05, 0.5, 0.95])
    return pd.DataFrame(
        {"mean": frame.mean(), "p05": q.loc[0.05], "p50": q.loc[0.5], "p95": q.loc[0.95]}
    )


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
        currency/yr, ...), in columns named by metric (``net_co2e_t``, ``commute_co2e_t``
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
    notes: list[Any] = field(default_factory=list)

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
            By the name :meth:`remotecalc.Assessment.summary` shows or the storage name
            (``commute_co2e_kg`` is shown as ``commute_co2e_t``). Default: every summary
            metric, in summary order.

        Returns
        -------
        pandas.DataFrame
            Columns ``metric, label, unit, central, mean, p05, p50, p95``; ``central`` is the
            deterministic :func:`remotecalc.assess` change at the set's values.
        """
        s = self.central.summary().set_index("metric")
        names = (
            [m for m in s.index if m in self.draws.columns]
            if metrics is None
            else [_display_name(m) for m in metrics]
        )
        missing = [m for m in names if m not in self.draws.columns]
        if missing:
            raise KeyError(
                f"no drawn metric {', '.join(map(repr, missing))}; "
                f"metrics: {', '.join(m for m in s.index if m in self.draws.columns)}"
            )
        q = quantiles(self.draws[names])
        out = pd.DataFrame(
            {
                "metric": names,
                "label": s.loc[names, "label"].to_numpy(),
                "unit": s.loc[names, "unit"].to_numpy(),
                "central": s.loc[names, "change"].to_numpy(dtype=float),
            }
        )
        return pd.concat([out, q.loc[names].reset_index(drop=True)], axis=1)

    def __repr__(self) -> str:
        s = self.summary(["net_co2e_t", "net_cost"]).set_index("metric")
        lines = [
            f"<remotecalc.MonteCarloResult '{self.scenario.name}', {self.n_draws:,} draws, "
            f"{len(self.inputs)} uncertain inputs>"
        ]
        for _, r in s.iterrows():
            lines.append(
                f"  {r['label']}: {r['central']:+,.1f} {r['unit']} "
                f"(5-95 %: {r['p05']:+,.1f} to {r['p95']:+,.1f})"
            )
        return "\n".join(lines)


def _display_name(name: str) -> str:
    """The summary name of a metric given by either name (unknown names pass unchanged)."""
    try:
        return metrics.get(name.removesuffix("_change")).display_name
    except KeyError:
        return name


def mc_result(
    values: pd.DataFrame,
    changes: pd.DataFrame,
    central: Assessment,
    inputs: pd.DataFrame,
    seed: int | np.random.Generator | None,
    uptake: tuple[float, float] | None,
    n_grid: int,
) -> MonteCarloResult:
    """The :class:`MonteCarloResult` of draws and their changes (pandas and Dask paths)."""
    notes = []
    if uptake is not None and central.scenario.desk_ratio is None:
        notes.append(
            Note(
                "mc_desks_interpolated",
                n=int(n_grid),
                lo=float(uptake[0]),
                hi=float(uptake[1]),
            )
        )
    return MonteCarloResult(
        draws=pd.concat([values, changes], axis=1),
        central=central,
        inputs=inputs,
        seed=seed,
        notes=notes,
    )
