"""Results of an assessment: :class:`Assessment` and its per-employee frame.

The per-site table and the tidy summary come from the one closing stage
(:mod:`remotecalc.evaluation.closing`: sites, then derived metrics, then the summary), for
the pandas path (:func:`remotecalc.assess`), sweeps and the Dask backend alike; its names
are re-exported here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from remotecalc._numeric import BoolArray, FloatArray, FloatOrArray, ObjectArray
from remotecalc.evaluation import disclosure
from remotecalc.evaluation.closing import (
    METRICS,
    SITE_METRICS,
    SUMMARY_COLUMNS,
    SiteInputs,
    desk_site_notes,
    discount_rate,
    horizon_years,
    site_desks,
    site_table,
    summary_rows,
    summary_table,
)
from remotecalc.evaluation.disclosure import DEFAULT_MIN_GROUP_SIZE, check_min_group_size
from remotecalc.exports import write_xlsx
from remotecalc.i18n import t
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


def resolve_params(params: Parameters | str | Path | None) -> Parameters:
    """A :class:`Parameters` from one, a set's name or path, or None (``"dk-2025"``)."""
    if params is None:
        return load_parameters("dk-2025")
    if isinstance(params, Parameters):
        return params
    return load_parameters(params)


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
    is_published : bool
        True for :meth:`published`'s result: its totals carry the disclosure noise.
    """

    per_employee: pd.DataFrame
    per_site: pd.DataFrame
    scenario: Scenario
    parameters: Parameters
    workforce_provenance: dict[str, Any]
    notes: list[Any] = field(default_factory=list)
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE
    totals: dict[str, tuple[float, float]] | None = None
    one_off: float | None = None
    employees: int | None = None
    is_published: bool = False

    def __post_init__(self) -> None:
        check_min_group_size(self.min_group_size)

    @property
    def n_employees(self) -> int:
        """Number of employees assessed."""
        return len(self.per_employee) if self.employees is None else int(self.employees)

    @property
    def is_lazy(self) -> bool:
        """True when ``per_employee`` is a Dask DataFrame (computed when used or written)."""
        return not isinstance(self.per_employee, pd.DataFrame)  # a Dask DataFrame

    @property
    def currency(self) -> str:
        return self.parameters.currency

    def _unit(self, template: str) -> str:
        return template.format(cur=self.currency)

    def summary(self, publish: bool = False) -> pd.DataFrame:
        """Headline totals, tidy: metric, unit, perspective, baseline, scenario, change.

        CO₂e is reported in tonnes; money in the parameter set's currency per year, plus net
        present values over the horizon at the discount rate.

        Parameters
        ----------
        publish : bool, default False
            The totals as every written or shown output publishes them
            (:func:`remotecalc.evaluation.disclosure.publish_summary`: cell-key noise, so
            that totals of scenarios that select different people do not give a small
            group's values by difference). Default: exact, for the analyst holding the
            staff file (docs/privacy.md).
        """
        if publish:
            return self.published().summary()
        e, site = self.per_employee, self.per_site
        totals = dict(self.totals) if self.totals is not None else _state_totals(e, METRICS)
        totals.update(_state_totals(site, SITE_METRICS))
        return summary_table(totals, self.one_off_cost(), self.scenario, self.parameters)

    def published_sites(self) -> pd.DataFrame:
        """``per_site`` with its sums over people published
        (:func:`remotecalc.evaluation.disclosure.publish_sites`): what a workbook or report
        shows per site (then pooled by :func:`~remotecalc.evaluation.disclosure.pool_sites`).
        """
        e: Any = self.per_employee
        if self.is_lazy:  # the published cells need the per-employee values
            e = e[[c for c in e.columns if not c.endswith("_scenario")]].compute()
        return disclosure.publish_sites(self.per_site, e, self.parameters, self.min_group_size)

    def published(self) -> Assessment:
        """This assessment as every written or shown output publishes it.

        Its totals (and so :meth:`summary`, the net rows and present values, and everything
        a report draws from them) carry the cell-key noise of
        :func:`remotecalc.evaluation.disclosure.publish_totals`; ``per_employee`` stays the
        exact per-employee table (group outputs publish it through
        :mod:`~remotecalc.evaluation.disclosure` themselves). Calling it again on the result
        adds nothing (the noise is added once).
        """
        if self.is_published:
            return self
        e: Any = self.per_employee
        if self.is_lazy:  # the published cells need the per-employee values
            e = e[[c for c in e.columns if not c.endswith("_scenario")]].compute()
        totals = dict(self.totals) if self.totals is not None else _state_totals(e, METRICS)
        totals, one_off = disclosure.publish_totals(
            totals, self.one_off_cost(), e, self.min_group_size
        )
        return dataclasses.replace(self, totals=totals, one_off=one_off, is_published=True)

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
        self,
        column: str,
        metrics: Iterable[str] | None = None,
        min_group_size: int | None = None,
        exact: bool = False,
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
        exact : bool, default False
            Exact totals of every group, none withheld: the analyst's own view (never to be
            written or shown). By default the table is published: small groups withheld,
            and every row's counts and sums carry the cell-key noise of
            :func:`remotecalc.evaluation.disclosure.publish_groups`.

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
        e: Any = self.per_employee
        if column not in e.columns:
            suffixes = ("_baseline", "_scenario", "_change")
            available = ", ".join(c for c in e.columns if not c.endswith(suffixes))
            raise KeyError(f"no column '{column}' in per_employee; available: {available}")
        if not exact:  # a selection that differs from another by a few people: refused
            refused = disclosure.small_selections(self, k)
            if refused:
                raise ValueError(
                    f"{'; '.join(refused)}: its group totals would describe identifiable "
                    "people; by(..., exact=True) gives the analyst's own exact view"
                )
        # the names summary() shows (commute_co2e_t) and the storage names (commute_co2e_kg)
        names = list(METRICS) if metrics is None else list(metrics)
        wanted = {n.removesuffix("_change"): _per_employee_metric(n) for n in names}
        metrics = list(dict.fromkeys(m.name for m in wanted.values()))
        cols = [f"{m}_change" for m in metrics]
        group_cols = sorted(
            {column} | {c for g in disclosure.STANDARD_GROUPINGS for c in g if c in e.columns}
        )
        lazy = self.is_lazy
        if lazy and not exact:  # the published cells need per-employee values
            staff_cols = [c for c in e.columns if not c.endswith(("_baseline", "_scenario"))]
            e = e[[c for c in staff_cols if not c.endswith("_change") or c in cols]].compute()
            lazy = False
        if lazy:  # exact sums per group on the cluster; only the totals come back
            g = e[[column, *cols]].groupby(column, observed=True, dropna=False)
            sums, size = g[cols].sum(), g.size()
            out = sums.compute().sort_index()
            out.insert(0, "employees", size.compute().reindex(out.index))
            rows = [out.assign(suppressed=False)]
        elif exact:
            g = e.groupby(column, observed=True, sort=True, dropna=False)
            out = g[cols].sum()
            out.insert(0, "employees", g.size())
            rows = [out.assign(suppressed=False)]
        else:
            # as text, a missing value its own group ("<NA>", "nan"), as the exact table has it
            col = e[column].astype(object)
            labels = pd.Series(col.where(col.notna(), "<NA>").astype(str).to_numpy(), index=e.index)
            counts = labels.value_counts(dropna=False).sort_index()
            mask = disclosure.withheld(e[group_cols], (column,), k)[(column,)]
            mask = mask.reindex(counts.index, fill_value=False).astype(bool)
            shown_labels = list(counts.index[~mask.to_numpy()])
            label_of = {lab: lab for lab in shown_labels}
            pool_labels = []
            for _parent, members in disclosure.pool_members(mask, counts, None, k):
                label = t("other_groups", "en", n=len(members))
                label_of.update({m: label for m in members})
                pool_labels.append(label)
            secret = disclosure.disclosure_secret(e)
            pub = disclosure.publish_groups(
                e[cols],
                labels.map(label_of).to_numpy(),
                k,
                keys=disclosure.record_keys(e, secret),
                secret=secret,
            )
            first = dict(zip(labels.to_numpy(), col.to_numpy(), strict=True))  # own values
            shown = pub.reindex(shown_labels)
            shown.index = pd.Index([first[lab] for lab in shown_labels])
            rows = [shown.assign(suppressed=False)]
            for label in pool_labels:
                rows.append(pub.loc[[label]].assign(suppressed=True))
        table: pd.DataFrame = pd.concat(rows) if len(rows) > 1 else rows[0]
        table.index.name = column
        table["employees"] = table["employees"].astype(int)
        for m in ("commute_hours", "employee_net_cost"):
            if m in metrics:
                table[f"{m}_change_per_employee"] = table[f"{m}_change"] / table["employees"]
        for name, metric in wanted.items():  # a display name asked for: its column, its unit
            if name != metric.name:
                table[f"{name}_change"] = table[f"{metric.name}_change"] * metric.scale
        table = table.drop(columns=[f"{m}_change" for m in metrics if m not in wanted])
        table["suppressed"] = table.pop("suppressed").astype(bool)
        return table

    def to_excel(
        self, path: str | Path, include_employees: bool = False, allow_small: bool = False
    ) -> Path:
        """Write summary, sites, assumptions, scenario and data accounting to an XLSX file.

        Its first sheet, "Read this first", says that the totals are published with
        cell-key noise (as the report's workbook does) and how the Sites sheet is protected.

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
        summ = self.published().summary()
        site_cols = {
            c: f"{c} [{self._unit(SITE_METRICS.get(c.rsplit('_', 1)[0], ('', '', ''))[0])}]"
            if c.rsplit("_", 1)[0] in SITE_METRICS
            else c
            for c in self.per_site.columns
        }
        sites = disclosure.pool_sites(self.published_sites(), self.min_group_size)
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
        # where the reader looks first: the values are published, not exact (docs/privacy.md)
        first = [t("caveat_perturbed", "en", k1=int(self.min_group_size) - 1)]
        if not small_sel:
            first.append(t("xlsx_sites_suppressed", "en", k=int(self.min_group_size)))
        if include_employees:
            first.append(t("xlsx_employees_exact", "en"))
        sheets = {
            t("xlsx_read_first_sheet", "en"): pd.DataFrame({t("xlsx_read_first_col", "en"): first}),
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

        def line(m: str) -> str:
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


def _state_totals(frame: Any, names: Iterable[str]) -> dict[str, tuple[Any, Any]]:
    """``{m: (frame[m_baseline].sum(), frame[m_scenario].sum())}`` for each metric ``m``."""
    if not isinstance(frame, pd.DataFrame):  # a Dask DataFrame: its own sums
        return {m: (frame[f"{m}_baseline"].sum(), frame[f"{m}_scenario"].sum()) for m in names}
    return {m: (_total(frame[f"{m}_baseline"]), _total(frame[f"{m}_scenario"])) for m in names}


def _total(column: pd.Series) -> Any:
    """``column.sum()``: a float64 column summed as pandas sums it (missing values skipped,
    the same numpy sum of the same array), without pandas' reduction machinery."""
    if column.dtype != np.float64:
        return column.sum()
    values = column.to_numpy()
    missing = np.isnan(values)
    if missing.any():
        values = np.where(missing, 0.0, values)
    return values.sum()


def per_employee_frame(
    staff: pd.DataFrame,
    inp: engine.EmployeeInputs,
    onsite_s: FloatArray,
    applies: BoolArray,
    base: Mapping[str, FloatOrArray],
    scen: Mapping[str, FloatOrArray],
    distance_source: ExtensionArray | ObjectArray | None = None,
) -> pd.DataFrame:
    """``Assessment.per_employee``: organisational columns, distance (and, when given,
    where it came from: ``Workforce.distance_source()``), and every metric in both states
    and their change."""
    keep = [
        c
        for c in staff.columns
        if c not in ("home_lat", "home_lon", "source_row", "home_location_source")
    ]
    added: dict[str, Any] = {"one_way_km": inp.one_way_km}
    if distance_source is not None:
        added["distance_source"] = pd.Categorical(  # one byte each (a million rows)
            distance_source, categories=list(DISTANCE_SOURCES)
        )
    added["onsite_days_per_week_baseline"] = inp.onsite_today
    added["onsite_days_per_week_scenario"] = onsite_s
    added["policy_applies"] = applies
    # the metric arrays become columns as they are (no copy into one block): only the
    # changes are new arrays
    cols: dict[str, FloatOrArray | BoolArray] = {}
    if inp.desk_based is not None:  # frontline staff: no desk effect (commuting as everyone)
        cols["desk_based"] = inp.desk_based  # replaces one given (blanks): the resolved
        cols["desk_effect"] = inp.desk_code >= 0
    for m in METRICS:
        cols[f"{m}_baseline"] = base[m]
        cols[f"{m}_scenario"] = scen[m]
        cols[f"{m}_change"] = scen[m] - base[m]
    if not (set(added) & set(keep)) and not (set(added) & set(cols)):
        # the usual case: every added column is new, and the table is built in one step
        if inp.desk_based is not None:
            keep = [c for c in keep if c != "desk_based"]
        return pd.concat(
            [staff[keep], pd.DataFrame({**added, **cols}, index=staff.index, copy=False)], axis=1
        )
    per_emp = staff[keep]  # a staff column of that name (one_way_km given) is replaced
    for name, values in added.items():
        per_emp[name] = values
    if inp.desk_based is not None and "desk_based" in per_emp.columns:
        per_emp = per_emp.drop(columns="desk_based")
    return pd.concat([per_emp, pd.DataFrame(cols, index=per_emp.index, copy=False)], axis=1)
