"""The one closing stage of every evaluation: sites, then derived metrics, then the summary.

Every evaluation strategy ends the same way, whatever it summed its employees on:

- per employee (:func:`remotecalc.assess`), per class of employees with the same on-site
  days (:class:`remotecalc.analysis.sweep.Runner`, the sweep and the explorer), pre-sums
  with a draws axis (:mod:`remotecalc.evaluation.draws`, Monte Carlo and Sobol), or per Dask
  partition (:mod:`remotecalc.evaluation.distributed`).

Each hands this module desks needed and attendee-days per site for today and for the
scenario, and the totals of the per-employee metrics. Then:

1. **sites**: :class:`SiteInputs` reads the sites table once; :meth:`SiteInputs.states` gives
   the office metrics of both states (:func:`remotecalc.model.engine.office_metrics`, any
   leading axis: draws), from today's desks (:meth:`SiteInputs.desks_today`: the desks a
   site has, else today's demand) and today's area; :func:`site_table` lays them out as
   ``Assessment.per_site``.
2. **derived metrics**: :func:`with_derived` adds net CO₂e, net cost and present values
   (:func:`remotecalc.model.engine.derived_metrics`) at the scenario's appraisal terms
   (:func:`appraisal_terms`: the scenario's discount rate and horizon, else the parameter
   set's; one fallback).
3. **summary**: :func:`summary_rows` / :func:`summary_table` (both states, display units),
   or :func:`display_values` (changes per draw, display units).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from remotecalc._numeric import FloatArray, FloatOrArray, IntArray, ObjectArray, bin_sums
from remotecalc.formulas import office
from remotecalc.i18n import Note
from remotecalc.inputs.parameters import Parameters
from remotecalc.inputs.scenario import Scenario
from remotecalc.model import engine, metrics

__all__ = [
    "METRICS",
    "SITE_METRICS",
    "SUMMARY_COLUMNS",
    "SiteInputs",
    "appraisal_terms",
    "desk_site_notes",
    "discount_rate",
    "display_values",
    "horizon_years",
    "site_desks",
    "site_table",
    "summary_rows",
    "summary_table",
    "with_derived",
]

#: Per-employee metrics (a read-only view of :data:`remotecalc.model.metrics.REGISTRY`):
#: name -> (storage unit, perspective, label). ``{cur}`` = currency.
METRICS = metrics.LevelView(metrics.EMPLOYEE)

#: Per-site metrics (a view of the registry): name -> (storage unit, perspective, label).
SITE_METRICS = metrics.LevelView(metrics.SITE)

#: Columns of a summary table, in order.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "scenario_name",
    "metric",
    "label",
    "unit",
    "perspective",
    "baseline",
    "scenario",
    "change",
)

#: A column of the per-site table: a column of the sites table, or an array per site.
SiteColumn: TypeAlias = pd.Series | FloatOrArray | IntArray | ObjectArray


# ------------------------------------------------------------------------------------------
# 1. Sites
# ------------------------------------------------------------------------------------------


def site_desks(
    sites: pd.DataFrame,
    inp: engine.EmployeeInputs,
    onsite_per_week: FloatArray,
    onsite_days_year: FloatArray,
    service_level: float,
    desk_ratio: float | None,
    profile: Sequence[float] | None,
    peak_label: bool = True,
    cache: office.DistributionCache | None = None,
) -> pd.DataFrame:
    """Per-site desk demand and attendee-days of one state (one pass over the sites).

    Desks and attendee-days count the employees desks concern (``inp.desk_code``:
    desk-based staff at sites with desks); frontline staff count in ``employees`` only.

    Returns
    -------
    pandas.DataFrame
        Index ``site_id``; ``employees``, ``desk_employees``, ``desks_needed``,
        ``peak_weekday``, ``attendee_days``, ``service_level_achieved``.
    """
    code, desk = inp.site_code, inp.desk_code
    n_sites = len(sites)
    ok = code >= 0
    employees = np.bincount(code[ok], minlength=n_sites)
    users = ok if desk is code else desk >= 0  # the same array: desks concern everybody
    desk_employees = employees if desk is code else np.bincount(desk[users], minlength=n_sites)
    attendee = bin_sums(desk[users], weights=onsite_days_year[users], minlength=n_sites)
    counts = (
        engine.DeskCounts.of_state(desk, inp.fte, onsite_per_week)
        if desk_ratio is None or peak_label  # a ratio's achieved service level needs them
        else engine.DeskCounts.empty()
    )
    return engine.desks_from_counts(
        counts,
        sites["site_id"],
        employees,
        attendee,
        service_level,
        desk_ratio,
        profile,
        peak_label,
        cache,
        desk_employees=desk_employees,
    )


@dataclass(frozen=True)
class SiteInputs:
    """What the office metrics need of the sites table, read once (per-site arrays)."""

    sites: pd.DataFrame
    """The sites table, indexed by ``site_id``."""
    desks_given: FloatArray
    """Desks the site has today (NaN: not given). [desks]"""
    area_given: FloatArray
    """Office area today (NaN: not given). [m2]"""
    releasable: FloatArray
    """1 where space can be given up, else 0."""
    own: dict[str, FloatArray]
    """The sites' own rent, operating cost and energy per m² (NaN: the parameter's)."""

    @classmethod
    def of(cls, sites: pd.DataFrame) -> SiteInputs:
        """Read the per-site arrays of a sites table."""
        s = sites.set_index("site_id")

        def col(name: str) -> FloatArray:
            if name not in s.columns:
                return np.full(len(s), np.nan)
            return np.asarray(s[name].astype(float).to_numpy(), dtype=np.float64)

        releasable: FloatArray = (
            np.asarray(s["space_can_be_released"].astype(bool).to_numpy(dtype=float))
            if "space_can_be_released" in s.columns
            else np.ones(len(s))
        )
        return cls(s, col("desks"), col("area_m2"), releasable, engine.site_own_values(s))

    def desks_today(self, desks_needed_today: FloatArray) -> FloatArray:
        """Desks each site has today: the desks given, else today's demand. [desks]

        Examples
        --------
        >>> si = SiteInputs.of(pd.DataFrame({"site_id": ["A", "B"], "desks": [10, None]}))
        >>> si.desks_today(np.array([7.0, 8.0]))
        array([10.,  8.])
        """
        return np.where(np.isnan(self.desks_given), desks_needed_today, self.desks_given)

    def states(
        self,
        v: engine.Values,
        release_share: float,
        desks_b: FloatArray,
        att_b: FloatArray,
        desks_s: FloatArray,
        att_s: FloatArray,
    ) -> tuple[dict[str, FloatArray], dict[str, FloatArray], FloatArray, FloatArray]:
        """Office metrics of both states (any leading axis), and today's desks and area.

        Space given up is measured against the area today's own attendance needs (or today's
        area, if smaller): surplus space that exists already is not credited to a policy.
        """
        desks_today = self.desks_today(desks_b)
        area_today = engine.area_today_m2(desks_today, self.area_given, v)
        base = engine.office_metrics(desks_b, att_b, area_today, self.releasable, 0.0, self.own, v)
        scen = engine.office_metrics(
            desks_s,
            att_s,
            area_today,
            self.releasable,
            release_share,
            self.own,
            v,
            area_needed_today=base["area_needed_m2"],
            attendee_days_today=att_b,
        )
        base.update(desks_needed=desks_b, attendee_days=att_b)
        scen.update(desks_needed=desks_s, attendee_days=att_s)
        return base, scen, desks_today, area_today


def site_table(
    sites: pd.DataFrame | SiteInputs,
    p: Parameters,
    scenario: Scenario,
    desks_b: pd.DataFrame,
    desks_s: pd.DataFrame,
    notes: list[Any],
) -> pd.DataFrame:
    """Per-site table of both states (``Assessment.per_site``) from their desk demand.

    Appends its assumptions to ``notes``. Office area, cost and CO₂e come from
    :func:`remotecalc.model.engine.office_metrics` (:meth:`SiteInputs.states`).
    """
    si = sites if isinstance(sites, SiteInputs) else SiteInputs.of(sites)
    s = si.sites
    if np.isnan(si.area_given).any():
        notes.append(Note("site_area_missing", n=int(np.isnan(si.area_given).sum())))
    base, scen, desks_today, area_today = si.states(
        engine.Values(p),
        scenario.release_space,
        desks_b["desks_needed"].to_numpy(dtype=float),
        desks_b["attendee_days"].to_numpy(dtype=float),
        desks_s["desks_needed"].to_numpy(dtype=float),
        desks_s["attendee_days"].to_numpy(dtype=float),
    )
    cols: dict[str, SiteColumn] = {}
    for c in ("site_type", "site_name"):
        if c in s.columns:
            cols[c] = s[c]
    employees = desks_b["employees"].to_numpy()
    desk_users = desks_b["desk_employees"].to_numpy() if "desk_employees" in desks_b else employees
    cols.update(
        {
            "employees": employees,
            "desk_employees": desk_users,
            "no_desk_effect_employees": employees - desk_users,
            "desks_today": desks_today,
            "area_today_m2": area_today,
            "peak_weekday_scenario": desks_s["peak_weekday"].to_numpy(),
            "service_level_achieved": desks_s["service_level_achieved"].to_numpy(dtype=float)
            if "service_level_achieved" in desks_s
            else np.full(len(employees), np.nan),
        }
    )
    for m in SITE_METRICS:
        cols[f"{m}_baseline"] = base[m]
        cols[f"{m}_scenario"] = scen[m]
        cols[f"{m}_change"] = scen[m] - base[m]
    notes.extend(desk_site_notes(cols, scenario))
    if scenario.release_space == 0:
        notes.append(Note("no_space_released"))
    if s.index.name == "site_id" and s.index.is_unique:  # the table at once, site_id first
        return pd.DataFrame(
            {
                "site_id": s.index.array,
                **{k: v.array if isinstance(v, pd.Series) else v for k, v in cols.items()},
            }
        )
    # site_type and site_name first, as added
    return pd.DataFrame(cols, index=s.index).reset_index()


def desk_site_notes(cols: Mapping[str, SiteColumn], scenario: Scenario) -> list[Any]:
    """Notes on sites whose staff have no desk effect, and on a desk ratio below demand."""
    notes: list[Any] = []
    employees, users = np.asarray(cols["employees"]), np.asarray(cols["desk_employees"])
    none = int((employees - users).sum())
    if none:
        empty = int(((users == 0) & (employees > 0)).sum())
        notes.append(
            Note(
                "no_desk_effect_staff",
                n=none,
                empty=Note("no_desk_effect_empty_sites", n=empty) if empty else "",
            )
        )
    achieved = np.asarray(cols["service_level_achieved"], dtype=float)
    below = achieved < scenario.service_level - 1e-9
    if scenario.desk_ratio is not None and below.any():
        notes.append(
            Note(
                "desk_ratio_below_service",
                ratio=float(scenario.desk_ratio),
                level=float(scenario.service_level),
                n=int(below.sum()),
                lo=round(float(np.nanmin(achieved[below])), 2),
                hi=round(float(np.nanmax(achieved[below])), 2),
            )
        )
    return notes


# ------------------------------------------------------------------------------------------
# 2. Derived metrics
# ------------------------------------------------------------------------------------------


def appraisal_terms(
    scenario: Scenario, value: Callable[[str], FloatOrArray]
) -> tuple[FloatOrArray, FloatOrArray]:
    """The discount rate [share/yr] and horizon [yr] of an appraisal: the scenario's, else
    the parameter set's, read by ``value`` (``Parameters.__getitem__``, or an
    :class:`~remotecalc.model.engine.Values`, which gives one value per draw where drawn).

    Examples
    --------
    >>> from remotecalc import load_parameters
    >>> p = load_parameters("dk-2025")
    >>> sc = Scenario(name="x", horizon_years=10)
    >>> appraisal_terms(sc, p.__getitem__) == (p["finance.discount_rate"], 10.0)
    True
    """
    return (
        scenario.discount_rate
        if scenario.discount_rate is not None
        else value("finance.discount_rate"),
        scenario.horizon_years
        if scenario.horizon_years is not None
        else value("finance.horizon_years"),
    )


def discount_rate(scenario: Scenario, parameters: Parameters) -> float:
    """The scenario's discount rate, else the parameter set's (:func:`appraisal_terms`)."""
    return float(appraisal_terms(scenario, parameters.__getitem__)[0])


def horizon_years(scenario: Scenario, parameters: Parameters) -> float:
    """The scenario's appraisal horizon, else the parameter set's (:func:`appraisal_terms`)."""
    return float(appraisal_terms(scenario, parameters.__getitem__)[1])


def with_derived(
    totals: Mapping[str, FloatOrArray],
    one_off: FloatOrArray,
    scenario: Scenario,
    value: Callable[[str], FloatOrArray],
) -> dict[str, FloatOrArray]:
    """``totals`` (every employee and site metric of one state, or their change) plus the
    derived rows (:func:`remotecalc.model.engine.derived_metrics`) at the scenario's
    appraisal terms (:func:`appraisal_terms`, read by ``value``)."""
    rate, horizon = appraisal_terms(scenario, value)
    out = dict(totals)
    out.update(engine.derived_metrics(out, one_off, rate, horizon))
    return out


# ------------------------------------------------------------------------------------------
# 3. The summary
# ------------------------------------------------------------------------------------------


def display_values(values: Mapping[str, FloatOrArray]) -> dict[str, FloatOrArray]:
    """Every summary metric of ``values`` (storage units) in its display unit, by display
    name (:mod:`remotecalc.model.metrics`: e.g. ``net_co2e_kg`` -> ``net_co2e_t``)."""
    return {m.display_name: values[name] * m.scale for name, m in metrics.REGISTRY.items()}


def summary_rows(
    totals: Mapping[str, tuple[FloatOrArray, FloatOrArray]],
    one_off: float,
    scenario: Scenario,
    parameters: Parameters,
) -> list[tuple[Any, ...]]:
    """The rows of :func:`summary_table` (one tuple per metric, :data:`SUMMARY_COLUMNS`)."""
    value = parameters.__getitem__
    r, n = discount_rate(scenario, parameters), horizon_years(scenario, parameters)
    base = with_derived({m: totals[m][0] for m in totals}, 0.0, scenario, value)
    scen = with_derived({m: totals[m][1] for m in totals}, one_off, scenario, value)
    cur = parameters.currency
    rows = []
    for name, m in metrics.REGISTRY.items():
        b, s_ = float(base[name]) * m.scale, float(scen[name]) * m.scale
        rows.append(
            (
                scenario.name,
                m.display_name,
                m.summary_label(horizon=n, rate=r),
                m.display_unit(cur),
                m.perspective,
                b,
                s_,
                s_ - b,
            )
        )
    return rows


def summary_table(
    totals: Mapping[str, tuple[FloatOrArray, FloatOrArray]],
    one_off: float,
    scenario: Scenario,
    parameters: Parameters,
) -> pd.DataFrame:
    """The tidy table of :meth:`Assessment.summary` from the totals of both states.

    ``totals`` maps every ``employee`` and ``site`` metric of the registry to its
    (baseline, scenario) totals in the metric's storage unit; ``one_off`` is the one-off
    cost. Derived rows (net, present values) come from :func:`with_derived`. Every row is
    in the metric's display unit (:mod:`remotecalc.model.metrics`), under its display name,
    with the unit in ``unit``.
    """
    return pd.DataFrame(
        summary_rows(totals, one_off, scenario, parameters), columns=list(SUMMARY_COLUMNS)
    )
