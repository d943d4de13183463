"""Results of an assessment: :class:`Assessment` and the tables it is made of.

The per-employee frame, the per-site table (offices from
:func:`remotecalc.model.engine.office_metrics`) and the tidy summary (derived rows from
:func:`remotecalc.model.engine.derived_metrics`) are built here, for the pandas path
(:func:`remotecalc.assess`), sweeps and the Dask backend alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from remotecalc.evaluation import disclosure
from remotecalc.evaluation.disclosure import DEFAULT_MIN_GROUP_SIZE, check_min_group_size
from remotecalc.exports import write_xlsx
from remotecalc.formulas import office
from remotecalc.i18n import Note, t
from remotecalc.inputs.parameters import Parameters, load_parameters
from remotecalc.inputs.scenario import Scenario
from remotecalc.inputs.workforce import DISTANCE_SOURCES
from remotecalc.model import engine, metrics

__all__ = [
    "DEFAULT_MIN_GROUP_SIZE",
    "METRICS",
    "SITE_METRICS",
    "SUMMARY_COLUMNS",
    "Assessment",
    "SiteInputs",
    "desk_site_notes",
    "discount_rate",
    "horizon_years",
    "per_employee_frame",
    "resolve_params",
    "site_desks",
    "site_table",
    "summary_rows",
    "summary_table",
]


#: Per-employee metrics (a read-only view of :data:`remotecalc.model.metrics.REGISTRY`):
#: name -> (storage unit, perspective, label). ``{cur}`` = currency.
METRICS = metrics.LevelView(metrics.EMPLOYEE)

#: Per-site metrics (a view of the registry): name -> (storage unit, perspective, label).
SITE_METRICS = metrics.LevelView(metrics.SITE)


def resolve_params(params: Parameters | str | Path | None) -> Parameters:
    """A :class:`Parameters` from one, a set's name or path, or None (``"dk-2025"``)."""
    if params is None:
        return load_parameters("dk-2025")
    if isinstance(params, Parameters):
        return params
    return load_parameters(params)


def site_desks(
    sites: pd.DataFrame,
    inp: engine.EmployeeInputs,
    onsite_per_week: np.ndarray,
    onsite_days_year: np.ndarray,
    service_level: float,
    desk_ratio: float | None,
    profile: Any,
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
    attendee = np.bincount(desk[users], weights=onsite_days_year[users], minlength=n_sites)
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
    desks_given: np.ndarray
    """Desks the site has today (NaN: not given). [desks]"""
    area_given: np.ndarray
    """Office area today (NaN: not given). [m2]"""
    releasable: np.ndarray
    """1 where space can be given up, else 0."""
    own: dict
    """The sites' own rent, operating cost and energy per m² (NaN: the parameter's)."""

    @classmethod
    def of(cls, sites: pd.DataFrame) -> SiteInputs:
        """Read the per-site arrays of a sites table."""
        s = sites.set_index("site_id")

        def col(name: str) -> np.ndarray:
            return (
                s[name].astype(float).to_numpy() if name in s.columns else np.full(len(s), np.nan)
            )

        releasable = (
            s["space_can_be_released"].astype(bool).to_numpy(dtype=float)
            if "space_can_be_released" in s.columns
            else np.ones(len(s))
        )
        return cls(s, col("desks"), col("area_m2"), releasable, engine.site_own_values(s))

    def states(
        self,
        v: engine.Values,
        release_share: float,
        desks_b: np.ndarray,
        att_b: np.ndarray,
        desks_s: np.ndarray,
        att_s: np.ndarray,
    ) -> tuple[dict, dict, np.ndarray, np.ndarray]:
        """Office metrics of both states (any leading axis), and today's desks and area.

        Space given up is measured against the area today's own attendance needs (or today's
        area, if smaller): surplus space that exists already is not credited to a policy.
        """
        desks_today = np.where(np.isnan(self.desks_given), desks_b, self.desks_given)
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
    notes: list[str],
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
    cols: dict = {}
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
    names = [c for c in ("site_type", "site_name") if c in s.columns]
    per_site = pd.DataFrame(cols, index=s.index)[[*names, *[c for c in cols if c not in names]]]
    notes.extend(desk_site_notes(cols, scenario))
    if scenario.release_space == 0:
        notes.append(Note("no_space_released"))
    return per_site.reset_index()


def desk_site_notes(cols: dict, scenario: Scenario) -> list[str]:
    """Notes on sites whose staff have no desk effect, and on a desk ratio below demand."""
    notes: list[str] = []
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


def summary_rows(
    totals: dict, one_off: float, scenario: Scenario, parameters: Parameters
) -> list[tuple]:
    """The rows of :func:`summary_table` (one tuple per metric, :data:`SUMMARY_COLUMNS`)."""
    r, n = discount_rate(scenario, parameters), horizon_years(scenario, parameters)
    base = {m: totals[m][0] for m in totals}
    scen = {m: totals[m][1] for m in totals}
    base.update(engine.derived_metrics(base, 0.0, r, n))
    scen.update(engine.derived_metrics(scen, one_off, r, n))
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
    totals: dict, one_off: float, scenario: Scenario, parameters: Parameters
) -> pd.DataFrame:
    """The tidy table of :meth:`Assessment.summary` from the totals of both states.

    ``totals`` maps every ``employee`` and ``site`` metric of the registry to its
    (baseline, scenario) totals in the metric's storage unit; ``one_off`` is the one-off
    cost. Derived rows (net, present values) come from
    :func:`remotecalc.model.engine.derived_metrics`. Every row is in the metric's display unit
    (:mod:`remotecalc.model.metrics`), under its display name, with the unit in ``unit``.
    """
    return pd.DataFrame(
        summary_rows(totals, one_off, scenario, parameters), columns=list(SUMMARY_COLUMNS)
    )


def discount_rate(scenario: Scenario, parameters: Parameters) -> float:
    """The scenario's discount rate, else the parameter set's."""
    return (
        scenario.discount_rate
        if scenario.discount_rate is not None
        else parameters["finance.discount_rate"]
    )


def horizon_years(scenario: Scenario, parameters: Parameters) -> float:
    """The scenario's appraisal horizon, else the parameter set's."""
    return (
        scenario.horizon_years
        if scenario.horizon_years is not None
        else parameters["finance.horizon_years"]
    )


def _per_employee_metric(name: str) -> metrics.Metric:
    """The per-employee metric called ``name`` in summaries or in storage (a trailing
    ``_change`` allowed); a KeyError names the metrics ``by()`` can total."""
    name = name.removesuffix("_change")
    try:
        m = metrics.get(name)
    except KeyError:
        m = None
    if m is None or m.name not in METRICS:
        known = ", ".join(
            f"{x.display_name} (stored as {x.name})" if x.display_name != x.name else x.name
            for x in (metrics.get(k) for k in METRICS)
        )
        raise KeyError(f"no per-employee metric {name!r}; by() totals: {known}")
    return m


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

    def __post_init__(self) -> None:
        check_min_group_size(self.min_group_size)

    @property
    def n_employees(self) -> int:
        """Number of employees assessed."""
        return len(self.per_employee) if self.employees is None else int(self.employees)

    @property
    def is_lazy(self) -> bool:
        """True when ``per_employee`` is a Dask DataFrame (computed when used or written)."""
        return engine.is_dask(self.per_employee)

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
        totals = (
            dict(self.totals)
            if self.totals is not None
            else {m: (e[f"{m}_baseline"].sum(), e[f"{m}_scenario"].sum()) for m in METRICS}
        )
        totals.update(
            {m: (site[f"{m}_baseline"].sum(), site[f"{m}_scenario"].sum()) for m in SITE_METRICS}
        )
        return summary_table(totals, self.one_off_cost(), self.scenario, self.parameters)

    @property
    def discount_rate(self) -> float:
        return discount_rate(self.scenario, self.parameters)

    @property
    def horizon_years(self) -> float:
        return horizon_years(self.scenario, self.parameters)

    def one_off_cost(self) -> float:
        """One-off home-office equipment for employees who gain remote days. [currency]

        Expected value over uptake, like every other result: each eligible employee who
        gains remote days takes them up with probability ``uptake``.
        """
        if self.one_off is not None:
            return float(self.one_off)
        e = self.per_employee
        gained = engine.gained_remote_days(
            e["onsite_days_per_week_baseline"].to_numpy(),
            e["onsite_days_per_week_scenario"].to_numpy(),
        )
        return float(
            engine.one_off_cost(
                int(gained.sum()), self.scenario.uptake, engine.Values(self.parameters)
            )
        )

    def by(
        self, column: str, metrics: Iterable[str] | None = None, min_group_size: int | None = None
    ) -> pd.DataFrame:
        """Totals of the change per group, small groups pooled into one unnamed row.

        Disclosure control (:mod:`remotecalc.evaluation.disclosure`): groups under the minimum size
        and
        their complements are withheld, decided together with the departments, units and
        sites of the same assessment (:func:`remotecalc.evaluation.disclosure.withheld`), so that no
        withheld group can be derived from this table, other ``by()`` tables and the
        summary's totals.

        Parameters
        ----------
        column : str
            A column of ``per_employee`` (department, unit, site_id, mode, ...).
        metrics : list of str, optional
            Metrics from :data:`METRICS` (default: all), by the name :meth:`summary` shows
            (``commute_co2e_t``: a column ``commute_co2e_t_change`` in tonnes) or the storage
            name (``commute_co2e_kg``); a trailing ``_change`` is allowed.
        min_group_size : int, optional
            Default the assessment's (5); at least 3.

        Returns
        -------
        pandas.DataFrame
            Index the shown groups, then (when any group is withheld) one row labelled
            "Other (n groups pooled)" with ``suppressed = True`` that holds the withheld
            groups together, never their names; ``employees`` and ``<metric>_change`` sums,
            plus the mean change per employee for time and money
            (``_change_per_employee``).
        """
        k = check_min_group_size(self.min_group_size if min_group_size is None else min_group_size)
        e = self.per_employee
        if column not in e.columns:
            suffixes = ("_baseline", "_scenario", "_change")
            available = ", ".join(c for c in e.columns if not c.endswith(suffixes))
            raise KeyError(f"no column '{column}' in per_employee; available: {available}")
        # the names summary() shows (commute_co2e_t) and the storage names (commute_co2e_kg)
        names = list(METRICS) if metrics is None else list(metrics)
        wanted = {n.removesuffix("_change"): _per_employee_metric(n) for n in names}
        metrics = list(dict.fromkeys(m.name for m in wanted.values()))
        cols = [f"{m}_change" for m in metrics]
        group_cols = sorted(
            {column} | {c for g in disclosure.STANDARD_GROUPINGS for c in g if c in e.columns}
        )
        if engine.is_dask(e):  # sums per group on the cluster; only the group totals come back
            import dask

            g = e[[column, *cols]].groupby(column, observed=True, dropna=False)
            cross = e[group_cols].astype(str).groupby(group_cols, observed=True).size()
            sums, size, cross = dask.compute(g[cols].sum(), g.size(), cross)
            out = sums.sort_index()
            out.insert(0, "employees", size.reindex(out.index))
            atoms = cross.rename("n").reset_index()
            mask = disclosure.withheld(atoms, (column,), k, weight="n")[(column,)]
        else:
            g = e.groupby(column, observed=True, sort=True, dropna=False)
            out = g[cols].sum()
            out.insert(0, "employees", g.size())
            mask = disclosure.withheld(e[group_cols], (column,), k)[(column,)]
        small = pd.Series(out.index.astype(str), index=out.index).map(mask).fillna(False)
        small = small.astype(bool)
        shown = out[~small.to_numpy()]
        pools = disclosure.pool_members(
            pd.Series(small.to_numpy(), index=out.index.astype(str)),
            pd.Series(out["employees"].to_numpy(), index=out.index.astype(str)),
            None,
            k,
        )
        rows = [shown.assign(suppressed=False)]
        for _parent, members in pools:
            sub = out[out.index.astype(str).isin(members)]
            label = t("other_groups", "en", n=len(sub))
            rows.append(sub.sum().to_frame(label).T.assign(suppressed=True))
        out = pd.concat(rows) if len(rows) > 1 else rows[0]
        out.index.name = column
        out["employees"] = out["employees"].astype(int)
        for m in ("commute_hours", "employee_net_cost"):
            if m in metrics:
                out[f"{m}_change_per_employee"] = out[f"{m}_change"] / out["employees"]
        for name, metric in wanted.items():  # a display name asked for: its column, its unit
            if name != metric.name:
                out[f"{name}_change"] = out[f"{metric.name}_change"] * metric.scale
        out = out.drop(columns=[f"{m}_change" for m in metrics if m not in wanted])
        out["suppressed"] = out.pop("suppressed").astype(bool)
        return out

    def to_excel(
        self, path: str | Path, include_employees: bool = False, allow_small: bool = False
    ) -> Path:
        """Write summary, sites, assumptions, scenario and data accounting to an XLSX file.

        Per-employee rows are personal data and are only written with
        ``include_employees=True``. Units are in the headers. Sites under
        ``min_group_size`` employees and their complements are pooled into one unnamed row
        with ``suppressed = True`` (:func:`remotecalc.evaluation.disclosure.pool_sites`). An
        assessment
        of fewer than ``min_group_size`` people (workforce or ``applies_to`` selection) is
        refused (ValueError) unless ``allow_small=True``; then the Sites sheet is left out.
        """
        small_sel = disclosure.small_selections(self, self.min_group_size)
        if small_sel and not allow_small:
            raise ValueError(
                f"{'; '.join(small_sel)}: fewer than the minimum group size "
                f"{self.min_group_size}, so the workbook would describe identifiable people. "
                "Pass allow_small=True to write it anyway (without the Sites sheet)"
            )
        if include_employees and (self.is_lazy or self.n_employees > 1_048_575):
            raise ValueError(
                f"{self.n_employees:,} employees do not fit on an Excel sheet "
                "(1,048,576 rows); write them with to_parquet() instead"
            )
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        summ = self.summary()
        site_cols = {
            c: f"{c} [{self._unit(SITE_METRICS.get(c.rsplit('_', 1)[0], ('', '', ''))[0])}]"
            if c.rsplit("_", 1)[0] in SITE_METRICS
            else c
            for c in self.per_site.columns
        }
        sites = disclosure.pool_sites(self.per_site, self.min_group_size)
        sites["suppressed"] = sites.pop("sites_pooled") > 0
        sites = sites.drop(columns="label")
        sites = sites.rename(columns=site_cols)
        prov = self.workforce_provenance
        accounting = pd.DataFrame(
            {
                "item": ["file", "sha256", "rows read", "rows used", "rows excluded"],
                "value": [
                    prov.get("file"),
                    prov.get("sha256"),
                    prov.get("rows_read"),
                    prov.get("rows_used"),
                    prov.get("rows_excluded"),
                ],
            }
        )
        scen = pd.DataFrame(
            {
                "lever": list(self.scenario.model_dump().keys()),
                "value": [str(v) for v in self.scenario.model_dump().values()],
            }
        )
        sheets = {
            "Summary": summ,
            "Sites": sites,
            "Assumptions": self.parameters.describe(),
            "Scenario": scen,
            "Data accounting": accounting,
            "Notes": pd.DataFrame({"note": self.notes or ["(none)"]}),
        }
        if small_sel:  # a small selection: no site table (allow_small=True)
            del sheets["Sites"]
        if include_employees:
            sheets["Employees"] = self.per_employee
        write_xlsx(sheets, path, index=("Sites",))
        return path

    def to_parquet(self, path: str | Path) -> Path:
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
            return (
                f"  {r['label']}: {r['baseline']:,.1f} -> {r['scenario']:,.1f} {r['unit']} "
                f"(change {r['change']:+,.1f})"
            )

        return "\n".join(
            [
                f"<remotecalc.Assessment '{self.scenario.name}', "
                f"{self.n_employees:,} employees, set "
                f"{self.parameters.name}>"
            ]
            + [line(m) for m in ("commute_km", "net_co2e_t", "office_cost")]
        )


def per_employee_frame(
    staff: pd.DataFrame,
    inp: engine.EmployeeInputs,
    onsite_s: np.ndarray,
    applies: np.ndarray,
    base: dict,
    scen: dict,
    distance_source: np.ndarray | None = None,
) -> pd.DataFrame:
    """``Assessment.per_employee``: organisational columns, distance (and, when given,
    where it came from: ``Workforce.distance_source()``), and every metric in both states
    and their change."""
    keep = [
        c
        for c in staff.columns
        if c not in ("home_lat", "home_lon", "source_row", "home_location_source")
    ]
    per_emp = staff[keep]
    per_emp["one_way_km"] = inp.one_way_km
    if distance_source is not None:
        per_emp["distance_source"] = pd.Categorical(  # one byte each (a million rows)
            distance_source, categories=list(DISTANCE_SOURCES)
        )
    per_emp["onsite_days_per_week_baseline"] = inp.onsite_today
    per_emp["onsite_days_per_week_scenario"] = onsite_s
    per_emp["policy_applies"] = applies
    # the metric arrays become columns as they are (no copy into one block): only the
    # changes are new arrays
    cols: dict[str, np.ndarray] = {}
    if inp.desk_based is not None:  # frontline staff: no desk effect (commuting as everyone)
        if "desk_based" in per_emp.columns:  # as given (blanks): replaced by the resolved
            per_emp = per_emp.drop(columns="desk_based")
        cols["desk_based"] = inp.desk_based
        cols["desk_effect"] = inp.desk_code >= 0
    for m in METRICS:
        cols[f"{m}_baseline"] = base[m]
        cols[f"{m}_scenario"] = scen[m]
        cols[f"{m}_change"] = scen[m] - base[m]
    return pd.concat([per_emp, pd.DataFrame(cols, index=per_emp.index, copy=False)], axis=1)
