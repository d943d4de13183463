"""The policy report: self-contained HTML, the same as PDF, and an XLSX workbook of every table.

:func:`report` is built in three steps:

1. :func:`report_data` runs every analysis the report needs (each scenario's assessment,
   ranges with :mod:`remotecalc.analysis` when it is installed: Monte Carlo intervals, the
   remote-days sweep, the tornado; the desk curve; group, site and map tables through
   :mod:`remotecalc.evaluation.disclosure`) and returns a frozen :class:`ReportData`;
2. one function per section (:data:`SECTIONS`: :func:`summary_section`,
   :func:`co2e_section`, :func:`people_section`, :func:`office_section`,
   :func:`uncertainty_section`, :func:`map_section`, ...) turns that data into the section's
   text, tables and figures (drawn with :mod:`remotecalc.outputs.plotting`), without running any
   analysis;
3. :func:`report` calls them in order and writes, into one folder:

- ``report.html``: executive summary, headline table with 5–95 % ranges, figures (embedded
  as PNG data, so the file needs no network and no other file), method, assumptions with
  their sources and status, data accounting, privacy;
- ``report.pdf``: the same content, A4, rendered by WeasyPrint;
- ``report.xlsx``: every table of the report, units in the headers;
- ``figures/``: each figure as PNG (300 dpi) and SVG, ready to paste.

No group smaller than ``min_group_size`` employees appears anywhere (see
:mod:`remotecalc.evaluation.disclosure`); per-employee values are never written.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import importlib
import importlib.metadata
import math
import warnings
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from remotecalc.evaluation import disclosure
from remotecalc.evaluation.disclosure import DEFAULT_MIN_GROUP_SIZE
from remotecalc.evaluation.entry import assess, prepare, work_travel_table
from remotecalc.exports import check_output_folder, output_set, sheet_names, write_xlsx
from remotecalc.i18n import (
    PARAMETER_TOPICS,
    TEXTS,
    check_lang,
    column_label,
    describe_scenario,
    fmt_big,
    fmt_number,
    fmt_percent,
    note_text,
    parameter_label,
    parameter_topic,
    t,
    unit_label,
    weekday_names,
)
from remotecalc.inputs.parameters import Parameters, load_parameters, parameter_text
from remotecalc.inputs.readers import READ_FIRST_NOTES
from remotecalc.inputs.scenario import Scenario, load_scenarios
from remotecalc.model import metrics
from remotecalc.model.metrics import metric_label
from remotecalc.outputs import boundaries as boundary_data
from remotecalc.outputs import climate, plotting

if TYPE_CHECKING:
    from remotecalc.evaluation.assessment import Assessment
    from remotecalc.inputs.workforce import Workforce

__all__ = [
    "DEFAULT_SERVICE_LEVELS",
    "HEADLINE_METRICS",
    "SECTIONS",
    "Ranges",
    "ReportData",
    "ReportFiles",
    "Section",
    "SectionFigure",
    "assumptions_section",
    "climate_section",
    "co2e_section",
    "compute_ranges",
    "data_section",
    "desk_curve",
    "front_matter",
    "headline_table",
    "map_section",
    "method_section",
    "office_section",
    "people_section",
    "privacy_section",
    "report",
    "report_data",
    "scenarios_section",
    "summary_section",
    "uncertainty_section",
]

#: Metrics of the headline table: (summary name, scale from the summary's unit, unit
#: template), from the metrics registry (:func:`remotecalc.model.metrics.headline`).
HEADLINE_METRICS: tuple[tuple[str, float, str], ...] = tuple(
    (m.display_name, cast(float, m.headline_scale) / m.scale, m.headline_unit_template or m.unit)
    for m in metrics.headline()
)

#: Service levels of the desks-against-service-level curve. [share]
DEFAULT_SERVICE_LEVELS: tuple[float, ...] = (0.5, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99)


def _display_unit(template: str, currency: str, lang: str) -> str:
    return unit_label(template.format(cur=currency), lang)


# -- ranges ----------------------------------------------------------------------------------
@dataclass
class Ranges:
    """What :mod:`remotecalc.analysis` contributed to a report (or why it did not).

    Attributes
    ----------
    monte_carlo : dict
        Scenario name -> ``monte_carlo(...).summary()`` (metric, label, unit, central, mean,
        p05, p50, p95).
    sweep : pandas.DataFrame or None
        ``sweep_uncertainty(...)`` over remote days.
    tornado : pandas.DataFrame or None
        ``sensitivity(...).tornado`` for the main scenario.
    indices : pandas.DataFrame or None
        ``sensitivity(...).indices`` (Sobol S1/ST).
    n_draws : int
    reason : str
        Empty when ranges were computed; otherwise why not (for the reader).
    """

    monte_carlo: dict = field(default_factory=dict)
    sweep: pd.DataFrame | None = None
    tornado: pd.DataFrame | None = None
    indices: pd.DataFrame | None = None
    n_draws: int = 0
    reason: str = ""

    @property
    def computed(self) -> bool:
        return not self.reason


def _analysis_module():
    """``remotecalc.analysis`` if it can be imported now, else None."""
    try:
        return importlib.import_module("remotecalc.analysis")
    except ImportError:
        return None


def compute_ranges(
    workforce: Workforce,
    scenarios: Sequence[Scenario],
    params: Parameters | str | None,
    main: Scenario,
    *,
    n_draws: int = 300,
    seed: int | None = 0,
    remote_days: Sequence[float] = (0, 1, 2, 3, 4, 5),
    sensitivity_n_base: int = 64,
    lang: str = "en",
) -> Ranges:
    """Monte Carlo intervals, the remote-days sweep and the tornado, when analysis is there.

    Calls :func:`remotecalc.analysis.monte_carlo` for every scenario,
    :func:`~remotecalc.analysis.sweep_uncertainty` over ``remote_days`` (the main scenario's
    other levers, with and without giving up surplus space) and
    :func:`~remotecalc.analysis.sensitivity` for the main scenario. When the module (or one of
    the functions) is missing, returns a :class:`Ranges` whose ``reason`` says so; errors
    inside the analysis are not hidden.
    """
    mod = _analysis_module()
    needed = ("monte_carlo", "sweep_uncertainty", "sensitivity")
    if mod is None or not all(hasattr(mod, f) for f in needed):
        return Ranges(reason=t("why_no_analysis", lang))
    out = Ranges(n_draws=n_draws)
    for sc in scenarios:
        out.monte_carlo[sc.name] = mod.monte_carlo(
            workforce, sc, params, n_draws=n_draws, seed=seed
        ).summary()
    releases = sorted({float(main.release_space), 0.0 if main.release_space else 1.0})
    grid = [
        main.replace(name=f"{d:g} d, space {r:g}", remote_days_per_week=float(d), release_space=r)
        for r in releases
        for d in remote_days
    ]
    out.sweep = mod.sweep_uncertainty(workforce, grid, params, n_draws=n_draws, seed=seed)
    runs = [assess(workforce, s, params) for s in grid]  # published like every summary
    out.sweep = disclosure.publish_bands(
        out.sweep,
        pd.concat([r.summary() for r in runs], ignore_index=True),
        pd.concat([r.published().summary() for r in runs], ignore_index=True),
    )
    sens = mod.sensitivity(
        workforce,
        main,
        params,
        metrics=("net_co2e_t", "net_cost"),
        n_base=sensitivity_n_base,
        seed=seed,
    )
    out.tornado = getattr(sens, "tornado", None)
    out.indices = getattr(sens, "indices", None)
    return out


# -- tables ----------------------------------------------------------------------------------
def headline_table(
    assessments: Sequence[Assessment], ranges: Ranges | None = None, lang: str = "en"
) -> pd.DataFrame:
    """The headline numbers of each scenario, in display units, with 5–95 % ranges.

    Parameters
    ----------
    assessments : sequence of Assessment
    ranges : Ranges, optional
        Monte Carlo summaries by scenario name; ``p05``/``p95`` stay empty without them.
    lang : {"en", "da"}

    Returns
    -------
    pandas.DataFrame
        Tidy: scenario_name, metric, label, unit (display unit, e.g. "1,000 km/yr"),
        baseline, scenario, change, p05, p95 (all in the display unit; p05/p95 of the
        change).

    Examples
    --------
    >>> import remotecalc as rc
    >>> wf = rc.datasets.demo_workforce(200, seed=2)
    >>> res = rc.assess(wf, rc.Scenario(name="2 days", remote_days_per_week=2))
    >>> h = headline_table([res])
    >>> h.set_index("metric").loc["net_co2e_t", "unit"]
    't CO₂e/yr'
    """
    check_lang(lang)
    rows = []
    for res in assessments:
        s = res.summary().set_index("metric")
        mc = None if ranges is None else ranges.monte_carlo.get(res.scenario.name)
        for m_ in metrics.headline():
            metric, unit = m_.display_name, m_.headline_unit_template or m_.unit
            scale = cast(float, m_.headline_scale) / m_.scale
            if metric not in s.index:
                continue
            r = cast(pd.Series, s.loc[metric])  # one metric's row
            p05 = p95 = math.nan
            if mc is not None:
                m = mc[mc["metric"] == metric]
                if len(m):
                    central = float(m["central"].iloc[0])
                    change = float(r["change"])
                    if math.isclose(
                        central,
                        change,
                        rel_tol=1e-6,
                        abs_tol=1e-9 * max(1.0, abs(float(r["baseline"]))),
                    ):
                        p05, p95 = float(m["p05"].iloc[0]), float(m["p95"].iloc[0])
            rows.append(
                {
                    "scenario_name": res.scenario.name,
                    "metric": metric,
                    "label": m_.label(lang, short=True).replace("CO2e", "CO₂e"),
                    "unit": _display_unit(unit, res.currency, lang),
                    "baseline": float(r["baseline"]) * scale,
                    "scenario": float(r["scenario"]) * scale,
                    "change": float(r["change"]) * scale,
                    "p05": p05 * scale,
                    "p95": p95 * scale,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "scenario_name",
            "metric",
            "label",
            "unit",
            "baseline",
            "scenario",
            "change",
            "p05",
            "p95",
        ],
    )


def _office_sites(per_site: pd.DataFrame, sites: pd.DataFrame) -> list[str]:
    if "space_can_be_released" in sites.columns and sites["space_can_be_released"].any():
        return list(sites.loc[sites["space_can_be_released"].astype(bool), "site_id"])
    return list(per_site["site_id"])


def desk_curve(
    workforce: Workforce,
    scenarios: Sequence[Scenario],
    params: Parameters | str | None = None,
    service_levels: Sequence[float] = DEFAULT_SERVICE_LEVELS,
    sites: Sequence[str] | None = None,
    lang: str = "en",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> tuple[pd.DataFrame, float, str]:
    """Desks needed at a range of service levels, today and under each scenario.

    Parameters
    ----------
    workforce : Workforce
    scenarios : sequence of Scenario
    params : Parameters or str, optional
    service_levels : sequence of float
        [share]
    sites : sequence of str, optional
        Site ids to sum over; default the sites whose space can be given up
        (``space_can_be_released``), else all. Sites under ``min_group_size`` employees are
        left out unless their sum is large enough.
    lang : {"en", "da"}

    Returns
    -------
    curve : pandas.DataFrame
        scenario_name (today first), service_level [share], desks_needed [desks].
    desks_today : float
        Desks at those sites today. [desks]
    sites_label : str
        The site names, for the caption.
    """
    prepared = prepare(workforce, params)
    scenarios = list(scenarios)
    ps = workforce.sites
    ids = list(sites) if sites is not None else None
    rows = []
    site_ids, desks_today, label = None, math.nan, ""
    for sl in service_levels:
        for i, sc in enumerate(scenarios):
            res = assess(
                workforce, sc.replace(service_level=float(sl)), prepared.params, prepared=prepared
            )
            p = res.per_site
            if site_ids is None:
                wanted = ids if ids is not None else _office_sites(p, ps)
                sel = p[p["site_id"].isin(wanted)]
                small = disclosure.small_group_mask(sel["employees"], min_group_size)
                if sel.loc[small, "employees"].sum() < min_group_size:
                    sel = sel[~small.to_numpy()]
                site_ids = list(sel["site_id"])
                desks_today = float(sel["desks_today"].sum())
                names = sel["site_name"] if "site_name" in sel.columns else sel["site_id"]
                label = (
                    ", ".join(map(str, names))
                    if ids is not None or len(sel) < len(p)
                    else t("all_sites", lang)
                )
            q = p[p["site_id"].isin(site_ids)]
            if i == 0:
                rows.append((t("today", lang), float(sl), float(q["desks_needed_baseline"].sum())))
            rows.append((sc.name, float(sl), float(q["desks_needed_scenario"].sum())))
    return (
        pd.DataFrame(rows, columns=["scenario_name", "service_level", "desks_needed"]),
        desks_today,
        label,
    )


def _user_description(sc: Scenario) -> str:
    """The scenario's own description; "" for the one load_scenarios writes for a variant
    (its levers, which :func:`describe_scenario` says in words)."""
    d = sc.description or ""
    return "" if d.startswith("Variant of '") else d


def _scenario_table(scenarios, lang: str) -> pd.DataFrame:
    """One row per scenario: name, levers (shares as 0–1) and the scenario in words."""
    rows = []
    for sc in scenarios:
        applies = "; ".join(
            f"{column_label(k, lang)}: {', '.join(v)}" for k, v in sc.applies_to.items()
        ) or t("everyone", lang)
        rows.append(
            {
                t("scenario", lang): sc.name,
                t("wb_scenario_levers", lang): describe_scenario(sc, lang),
                t("lever_remote_days", lang): float(sc.remote_days_per_week),
                t("lever_uptake", lang): float(sc.uptake),
                t("lever_anchor", lang): weekday_names(sc.anchor_days, lang) or "–",
                t("lever_service", lang): float(sc.service_level),
                t("lever_desk_ratio", lang): (
                    float(sc.desk_ratio) if sc.desk_ratio is not None else math.nan
                ),
                t("lever_release", lang): float(sc.release_space),
                t("lever_applies", lang): applies,
                t("lever_description", lang): _user_description(sc),
            }
        )
    return pd.DataFrame(rows)


def _scenario_share_columns(lang: str) -> set[str]:
    return {t(k, lang) for k in ("lever_uptake", "lever_service", "lever_release")}


def _by_label(by: Sequence[str], lang: str) -> str:
    """``("department", "unit")`` -> "Department / unit" ("Afdeling / enhed")."""
    text = " / ".join(column_label(c, lang) for c in by)
    return text[:1].upper() + text[1:]


def _group_table(g: pd.DataFrame, by_label: str, currency: str, lang: str) -> pd.DataFrame:
    """Who gains by group; ``no_home_day_col`` as a share (0–1)."""
    return pd.DataFrame(
        {
            by_label: g["group"],
            t("employees_col", lang): g["employees"],
            t("hours_saved_col", lang): g["hours_saved"],
            t("money_saved_col", lang, cur=currency): g["money_saved"],
            t("co2e_saved_col", lang): g["co2e_saved_t"],
            t("no_home_day_col", lang): g["share_no_home_day"].astype(float),
        }
    )


def _site_table(pooled_sites: pd.DataFrame, currency: str, lang: str) -> pd.DataFrame:
    """The sites table from ``disclosure.pool_sites(per_site)`` (small sites pooled)."""
    s = pooled_sites
    frontline = (  # staff with no desk effect: shown when a site has any (NaN: withheld)
        {t("no_desk_effect_col", lang): s["no_desk_effect_employees"].astype(float)}
        if "no_desk_effect_employees" in s and (s["no_desk_effect_employees"] > 0).any()
        else {}
    )
    return pd.DataFrame(
        {
            t("site", lang): s["label"],
            t("employees_col", lang): s["employees"].astype(int),
            **frontline,
            t("desks_today_col", lang): s["desks_needed_baseline"].astype(float),
            t("desks_scenario_col", lang): s["desks_needed_scenario"].astype(float),
            t("area_released_col", lang): s["area_released_m2_scenario"].astype(float),
            t("office_cost_col", lang, unit=_display_unit("1,000 {cur}/yr", currency, lang)): s[
                "office_cost_change"
            ]
            / 1e3,
            t("office_co2e_col", lang): s["office_co2e_kg_change"] / 1e3,
        }
    )


# -- the data of a report --------------------------------------------------------------------
def _package_version() -> str:
    """remotecalc's installed version (read from the package metadata, not the package)."""
    try:
        return importlib.metadata.version("remotecalc")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return "unknown"


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, computed once by :func:`report_data`; no files, no figures.

    Section functions (:func:`summary_section`, :func:`people_section`, ...) turn it into the
    report's tables, figures and text; all group tables in it have passed
    :mod:`remotecalc.evaluation.disclosure`.

    Attributes
    ----------
    workforce : Workforce
    params : Parameters
    scenarios : tuple of Scenario
    main : Scenario
        The scenario of the single-scenario figures.
    results : tuple of Assessment
        One per scenario, in order.
    ranges : Ranges
        Monte Carlo, sweep and tornado (or why not).
    headline : pandas.DataFrame
        :func:`headline_table` of ``results`` with ``ranges``.
    group_summaries : tuple of (tuple of str, pandas.DataFrame)
        For each depth of ``group_by`` present in the staff data: the grouping columns and
        :func:`remotecalc.evaluation.disclosure.group_summary` of the main result.
    pooled_sites : pandas.DataFrame
        :func:`remotecalc.evaluation.disclosure.pool_sites` of the main result's ``per_site``.
    desk_curve : pandas.DataFrame
        :func:`desk_curve` (today and every scenario).
    desks_today : float
        Desks today at the sites of the curve. [desks]
    desk_sites_label : str
        Those sites, for the caption.
    areas : geopandas.GeoDataFrame or None
        :func:`remotecalc.outputs.boundaries.read_boundaries` of the boundaries, if given.
    municipalities : pandas.DataFrame or None
        :func:`remotecalc.outputs.boundaries.by_municipality` of the main result, if boundaries.
    lang : {"en", "da"}
    min_group_size : int
        [persons]
    n_draws : int
        Monte Carlo draws per scenario.
    organisation : str
        The employer's name for the text.
    boundary_source : str
        Attribution of the boundaries.
    version : str
        remotecalc's version.
    date : str
        Date of the report (ISO 8601).
    long_run : Assessment or None
        :func:`long_run_result` of the main scenario.
    """

    workforce: Any
    params: Parameters
    scenarios: tuple
    main: Scenario
    results: tuple
    ranges: Ranges
    headline: pd.DataFrame
    group_summaries: tuple
    pooled_sites: pd.DataFrame
    desk_curve: pd.DataFrame
    desks_today: float
    desk_sites_label: str
    areas: Any
    municipalities: pd.DataFrame | None
    lang: str
    min_group_size: int
    n_draws: int
    organisation: str
    boundary_source: str
    version: str
    date: str
    small: bool = False
    relocation: Any = None
    """A :class:`remotecalc.RelocationPlan` to report on (its own chapter), or None."""
    long_run: Any = None
    """The main scenario assessed with the packaged variant ``long-run`` (movers, third
    places), shown beside the short-run headline; None when the set is that variant already
    or has no long-run levers."""

    @property
    def main_result(self) -> Any:
        """The Assessment of :attr:`main`."""
        return self.results[self.scenarios.index(self.main)]

    @property
    def currency(self) -> str:
        """Currency of the parameter set."""
        return self.params.currency

    @property
    def pooled_total(self) -> int:
        """Groups, sites and areas withheld or pooled anywhere in the report."""
        n = sum(int(g["groups_pooled"].sum()) for _, g in self.group_summaries)
        n += int(self.pooled_sites["sites_pooled"].sum())
        if "desk_effects_withheld" in self.pooled_sites.columns:
            n += int(self.pooled_sites["desk_effects_withheld"].sum())
        if self.municipalities is not None:
            n += int(self.municipalities["withheld"].sum())
        return n

    def note(self, main_only: bool) -> str:
        """The note under a figure: parameter set (and scenario), remotecalc's version."""
        text = t("fig_note_pset", self.lang, pset=self.params.name)
        if main_only:
            text += "; " + t("fig_note_scenario", self.lang, name=self.main.name)
        return text + f". remotecalc {self.version}."


def report_data(
    workforce: Workforce,
    scenarios: Scenario | Sequence[Scenario] | str | Path,
    params: Parameters | str | None = None,
    *,
    lang: str = "en",
    organisation: str | None = None,
    main: str | int = 0,
    group_by: Sequence[str] = ("department", "unit"),
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    boundaries: str | Path | None = None,
    boundary_source: str = "",
    ranges: bool = True,
    n_draws: int = 300,
    sensitivity_n_base: int = 64,
    seed: int | None = 0,
    allow_small: bool = False,
    relocation: Any = None,
) -> ReportData:
    """Run every analysis a report needs: assessments, ranges, group and site tables, map data.

    Parameters are those of :func:`report` of the same names.

    Returns
    -------
    ReportData

    Raises
    ------
    TypeError
        For a Dask workforce, or scenarios that are not Scenarios.
    ValueError
        When the workforce or a scenario's ``applies_to`` selection is smaller than
        ``min_group_size`` (unless ``allow_small``), or ``main`` is not one of
        the scenarios.
    """
    if type(workforce).__name__ == "DaskWorkforce":
        raise TypeError(
            "the policy report needs the staff in memory (its figures show "
            "distributions over employees): pass workforce.to_pandas(), or use "
            "assess(...).summary(), .per_site and .by() on the Dask workforce"
        )
    check_lang(lang)
    disclosure.check_publishable(workforce.n_employees, min_group_size, allow_small)
    scenarios = _resolve_scenarios(scenarios)
    p = params if isinstance(params, Parameters) else load_parameters(params or "dk-2025")
    main_sc = (
        scenarios[main]
        if isinstance(main, int)
        else next((s for s in scenarios if s.name == main), None)
    )
    if main_sc is None:
        raise ValueError(f"main={main!r} is not one of the scenarios {[s.name for s in scenarios]}")

    prepared = prepare(workforce, p, main_sc.service_level)
    results = [
        assess(workforce, s, p, min_group_size=min_group_size, prepared=prepared) for s in scenarios
    ]
    res_main = results[scenarios.index(main_sc)]
    small = [why for r in results for why in disclosure.small_selections(r, min_group_size)]
    if small and not allow_small:
        raise ValueError(
            f"{'; '.join(small)}: fewer than the minimum group size {min_group_size}, so "
            "the report would describe identifiable people. Pass allow_small=True "
            "(CLI: --allow-small-groups) to write it anyway, without group tables"
        )
    exact_summaries = {r.scenario.name: r.summary() for r in results}
    results = [r.published() for r in results]  # every total a reader sees is published
    res_main = results[scenarios.index(main_sc)]
    rng = Ranges(reason=t("why_switched_off", lang))
    if ranges:
        rng = compute_ranges(
            workforce,
            scenarios,
            p,
            main_sc,
            n_draws=n_draws,
            seed=seed,
            sensitivity_n_base=sensitivity_n_base,
            lang=lang,
        )
        for r in results:  # Monte Carlo ranges around the published central values
            mc = rng.monte_carlo.get(r.scenario.name)
            if mc is None:  # ranges not computed (rng.reason says why)
                continue
            rng.monte_carlo[r.scenario.name] = disclosure.publish_bands(
                mc, exact_summaries[r.scenario.name], r.summary()
            )
        if rng.tornado is not None:
            rng.tornado = disclosure.publish_bands(
                rng.tornado, exact_summaries[main_sc.name], res_main.summary()
            )
    e = res_main.per_employee
    levels = [c for c in group_by if c in e.columns] if not small else []
    published = [levels[:depth] for depth in range(1, len(levels) + 1)]  # audited together
    groups = tuple(
        (tuple(by), disclosure.group_summary(e, by, min_group_size, lang, published=published))
        for by in published
    )
    curve, desks_today, sites_label = desk_curve(
        workforce, scenarios, p, lang=lang, min_group_size=min_group_size
    )
    areas = muni = None
    if boundaries is not None and not small:
        areas = boundary_data.read_boundaries(boundaries)
        muni = boundary_data.by_municipality(
            workforce, res_main, areas, min_group_size=min_group_size
        )
    return ReportData(
        long_run=long_run_result(workforce, main_sc, p, min_group_size, bool(small)),
        workforce=workforce,
        params=p,
        scenarios=tuple(scenarios),
        main=main_sc,
        results=tuple(results),
        ranges=rng,
        headline=headline_table(results, rng, lang),
        group_summaries=groups,
        pooled_sites=disclosure.pool_sites(res_main.published_sites(), min_group_size, lang).iloc[
            : 0 if small else None
        ],
        small=bool(small),
        relocation=relocation,
        desk_curve=curve,
        desks_today=desks_today,
        desk_sites_label=sites_label,
        areas=areas,
        municipalities=muni,
        lang=lang,
        min_group_size=min_group_size,
        n_draws=n_draws,
        organisation=(organisation or Path(str(workforce.provenance.get("file", ""))).name or "–"),
        boundary_source=boundary_source,
        version=_package_version(),
        date=_dt.date.today().isoformat(),
    )


def long_run_result(
    workforce: Workforce, scenario: Scenario, params: Parameters, min_group_size: int, small: bool
) -> Any:
    """The scenario assessed with the packaged ``long-run`` variant of ``params`` (the
    short-run headline's long-run companion), or None: when the set holds a long-run lever
    already (a variant, or a user's own values), or when the selection is too small."""
    if (
        small
        or params.meta.get("variant")
        or any(params[k] != 0 for k in params if k.startswith("longrun.") and k in _LONG_RUN_LEVERS)
    ):
        return None
    return assess(
        workforce, scenario, params.with_variant("long-run"), min_group_size=min_group_size
    )


#: The long-run levers (0 in a short-run set).
_LONG_RUN_LEVERS = (
    "longrun.hybrid_commute_growth_share",
    "longrun.third_place_share_of_home_days",
    "longrun.third_place_one_way_km",
)


def _consequential(params: Parameters) -> bool:
    """True when space given up is credited with avoided embodied CO₂e (the option)."""
    key = "office.embodied_credit_for_released_space"
    return key in params and params[key] > 0


# -- sections --------------------------------------------------------------------------------
@dataclass(frozen=True)
class SectionFigure:
    """A figure of a report section, drawn only when the report is written.

    Attributes
    ----------
    id : str
        File name (without suffix) in ``figures/``.
    section : str
        The id of the section it belongs to (``summary``, ``co2e``, ``people``, ...).
    title : str
        Its title in the report.
    draw : callable
        Draws it; returns its Axes or Figure.
    """

    id: str
    section: str
    title: str
    draw: Callable[[], Any]


@dataclass(frozen=True)
class Sheet:
    """A workbook sheet a section adds to ``report.xlsx``.

    Attributes
    ----------
    name : str
        Sheet name (in the report's language; made valid for Excel).
    frame : pandas.DataFrame
        The table: numbers as numbers, units in the headers.
    what : str
        One line for the README sheet: what the sheet holds.
    percent : tuple of str
        Columns holding shares (0–1), shown in percent format.
    """

    name: str
    frame: pd.DataFrame
    what: str
    percent: tuple = ()


@dataclass(frozen=True)
class Section:
    """What a section function makes of :class:`ReportData`.

    A section with an ``id`` is a numbered chapter of the report (in the contents); it is
    rendered by ``templates/sections/<template>`` (default ``generic.html.j2``: the
    ``paragraphs`` and ``tables`` of its context, then its figures). A new section is a
    function appended to :data:`SECTIONS`; its :attr:`sheets` go into the workbook.

    Attributes
    ----------
    context : dict
        Variables of the HTML template (shared by all sections).
    figures : tuple of SectionFigure
    tables : dict
        Tables other parts of the report reuse (e.g. the workbook).
    id : str
        Anchor of the chapter; "" for a part that is not a chapter (or not shown).
    title : str
        Heading of the chapter.
    template : str
        Template file in ``templates/sections``.
    new_page : bool
        Start the chapter on a new page in the PDF.
    sheets : tuple of Sheet
        Workbook sheets of the section, in order.
    """

    context: dict
    figures: tuple = ()
    tables: dict = field(default_factory=dict)
    id: str = ""
    title: str = ""
    template: str = "generic.html.j2"
    new_page: bool = True
    sheets: tuple = ()


def _num(x, lang: str, d: int = 0, sign: bool = False) -> str:
    return fmt_number(x, lang, d, sign)


def _scope_text(p: Parameters, lang: str) -> str:
    key = f"scope_{p.emission_scope}"
    return t(key, lang) if key in TEXTS else p.emission_scope.replace("_", "-")


def front_matter(data: ReportData, title: str | None = None) -> Section:
    """Cover: title, organisation, date, staff, scenarios, parameter set."""
    lang, p = data.lang, data.params
    return Section(
        {
            "lang": lang,
            "t": lambda k, **kw: t(k, lang, **kw),
            "title": title or t("report_title", lang),
            "organisation": data.organisation,
            "date": data.date,
            "cover_staff": t(
                "cover_staff",
                lang,
                n=_num(data.workforce.n_employees, lang),
                sites=_num(len(data.workforce.sites), lang),
            ),
            "cover_scenarios": [(sc.name, describe_scenario(sc, lang)) for sc in data.scenarios],
            "pset": f"{p.name} ({_scope_text(p, lang)})",
            "subtitle": t(
                "report_subtitle",
                lang,
                org=data.organisation,
                n=_num(data.workforce.n_employees, lang),
                sites=len(data.workforce.sites),
                k=len(data.scenarios),
            ),
            "generated": t(
                "generated",
                lang,
                date=data.date,
                version=data.version,
                pset=p.name,
                scope=_scope_text(p, lang),
            ),
        }
    )


#: Share of staff above which a default or assumption is stated in the executive summary.
CAVEAT_SHARE: float = 0.05

#: Parameters named in the executive summary as driving the result (widest tornado swing).
CAVEAT_DRIVERS: int = 2


def _note_kinds(notes) -> dict[str, list]:
    out: dict[str, list] = {}
    for n in notes:
        kind = getattr(n, "kind", None)
        if kind is not None:
            out.setdefault(kind, []).append(n)
    return out


def _drivers(data: ReportData, metric: str = "net_co2e_t") -> pd.DataFrame:
    """The tornado's rows for ``metric``, widest swing first (empty without a tornado)."""
    torn = data.ranges.tornado
    if torn is None or not len(torn) or not (torn["metric"] == metric).any():
        return pd.DataFrame(columns=["parameter", "change_low", "change_high", "central", "swing"])
    d = torn[torn["metric"] == metric].copy()
    d["swing"] = (d["change_high"] - d["change_low"]).abs()
    return d.sort_values("swing", ascending=False, kind="stable")


def caveats(data: ReportData) -> list[str]:
    """The defaults and assumptions the executive summary states first, in the report's
    language: that totals and group rows carry the cell-key noise (how much, from the
    method), each default applied to more than :data:`CAVEAT_SHARE` of staff (missing
    on-site days, FTE or teleworkability; excluded rows), the parameters with the widest
    swing in the tornado (:data:`CAVEAT_DRIVERS`, flagged when assumed), and the emission
    scope.
    """
    lang, wf, res = data.lang, data.workforce, data.main_result
    n = max(int(wf.n_employees), 1)
    kinds = _note_kinds(dict.fromkeys([*res.notes, *wf.notes]))  # each note once
    # every total and group row is published with cell-key noise (docs/privacy.md): first
    out = [t("caveat_perturbed", lang, k1=int(data.min_group_size) - 1)]
    for note in kinds.get("default_column", []):
        col = note.values.get("column")
        if col == "onsite_days_per_week":
            out.append(t("caveat_onsite_default", lang))
        elif col == "fte":
            out.append(t("caveat_fte_default", lang))
        else:
            out.append(
                t(
                    "caveat_default_col",
                    lang,
                    col=column_label(str(col), lang),
                    value=_num(note.values.get("value", math.nan), lang, 1),
                )
            )
    for note in kinds.get("teleworkable_missing", []):
        k = int(note.values.get("n", 0))
        if k / n > CAVEAT_SHARE:
            out.append(
                t("caveat_teleworkable", lang, n=_num(k, lang), share=fmt_percent(k / n, lang))
            )
    for kind in READ_FIRST_NOTES:  # the readers' defaults (teleworkable, working time, sites)
        out += [
            _capitalised(note_text(note, lang))
            for note in kinds.get(kind, [])
            # a teleworkability default for a few employees stays in the notes only
            if kind not in TELEWORKABLE_DEFAULT_NOTES or _over_caveat_share(note, n)
        ]
    excluded = int(wf.provenance.get("rows_excluded", 0) or 0)
    read = int(wf.provenance.get("rows_read", 0) or 0)
    if read and excluded / read > CAVEAT_SHARE:
        out.append(
            t(
                "caveat_rows_excluded",
                lang,
                n=_num(excluded, lang),
                share=fmt_percent(excluded / read, lang),
            )
        )
    described = data.params.describe().set_index("key")
    r: Any  # itertuples rows: named fields of mixed types
    for r in _drivers(data).head(CAVEAT_DRIVERS).itertuples(index=False):
        key = str(r.parameter)
        row: Any = described.loc[key] if key in described.index else None
        value = (
            f"{_num_auto(float(row['value']), lang)} {unit_label(str(row['unit']), lang)}"
            if row is not None
            else "–"
        )
        status = str(row["status"]) if row is not None else "–"
        lo = float(r.central) + min(float(r.change_low), float(r.change_high))
        hi = float(r.central) + max(float(r.change_low), float(r.change_high))
        text = t(
            "caveat_driver",
            lang,
            label=parameter_label(key, lang, data.params.linked_to(key)),
            value=value.strip(),
            status=status,
            lo=_num(lo, lang, sign=True),
            hi=_num(hi, lang, sign=True),
        )
        if status == "M":
            text += " " + t("caveat_driver_assumed", lang)
        out.append(text)
    out.append(t("caveat_scope", lang, scope=_scope_text(data.params, lang)))
    if _consequential(data.params):
        out.append(
            t(
                "caveat_consequential",
                lang,
                share=fmt_percent(data.params["office.embodied_credit_for_released_space"], lang),
            )
        )
    return list(dict.fromkeys(out))  # a note read from the staff and the assessment: once


#: The readers' notes on teleworkability defaults: stated up front only for more than
#: :data:`CAVEAT_SHARE` of staff, like the other per-employee defaults.
TELEWORKABLE_DEFAULT_NOTES = ("teleworkable_derived", "teleworkable_all")


def _over_caveat_share(note: Any, n_employees: int) -> bool:
    """True if ``note`` (with a count ``n`` of employees) covers more than
    :data:`CAVEAT_SHARE` of ``n_employees``."""
    return int(note.values.get("n", 0)) / max(int(n_employees), 1) > CAVEAT_SHARE


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _num_auto(v: float, lang: str) -> str:
    """A parameter value with as many decimals as it needs (at most 4)."""
    if v == 0:
        return "0"
    dec = 0 if v == int(v) and abs(v) >= 1 else (2 if abs(v) >= 1 else 4)
    text = fmt_number(v, lang, dec)
    if dec and ("," in text or "." in text):
        sep = "," if lang == "da" else "."
        head, _, tail = text.rpartition(sep)
        tail = tail.rstrip("0")
        text = head + (sep + tail if tail else "")
    return text


def summary_section(data: ReportData) -> Section:
    """Executive summary: caveats first, the bullets, the headline table, the comparison."""
    lang, p, main_sc, rng, head = data.lang, data.params, data.main, data.ranges, data.headline
    res_main, scenarios, cur = data.main_result, data.scenarios, data.currency
    s = res_main.summary().set_index("metric")
    hm = head[head["scenario_name"] == main_sc.name].set_index("metric")

    def num(x, d=0, sign=False):
        return _num(x, lang, d, sign)

    rng_txt = ""
    if not math.isnan(cast(float, hm.loc["net_co2e_t", "p05"])):
        rng_txt = (
            f" ({num(hm.loc['net_co2e_t', 'p05'])} {t('to', lang)} "
            f"{num(hm.loc['net_co2e_t', 'p95'])})"
        )
    rebound = (
        s.loc["home_energy_co2e_t", "change"]
        + s.loc["noncommute_co2e_t", "change"]
        + s.loc["ict_co2e_t", "change"]
    )
    e = res_main.per_employee
    gains = e["onsite_days_per_week_scenario"] < e["onsite_days_per_week_baseline"] - 1e-9
    km_b = s.loc["commute_km", "baseline"]
    kinds = _note_kinds([*res_main.notes, *data.workforce.notes])
    no_gain = t("es_no_gain", lang, share=fmt_percent(1 - gains.mean(), lang))
    tele_defaults = [note for kind in TELEWORKABLE_DEFAULT_NOTES for note in kinds.get(kind, [])]
    if (
        "teleworkable_missing" in kinds
        or any(_over_caveat_share(note, data.workforce.n_employees) for note in tele_defaults)
        or any(
            n.values.get("column") == "onsite_days_per_week"
            for n in kinds.get("default_column", [])
        )
    ):
        no_gain += " " + t("es_no_gain_defaults", lang)
    bullets = [
        t(
            "es_org",
            lang,
            n=num(data.workforce.n_employees),
            sites=len(data.workforce.sites),
            k=len(scenarios),
            pset=p.name,
            main=main_sc.name,
        ),
        t(
            "es_commute",
            lang,
            name=main_sc.name,
            km=fmt_big(s.loc["commute_km", "change"], lang, sign=True),
            pct=fmt_percent(s.loc["commute_km", "change"] / km_b if km_b else 0.0, lang),
            hours=fmt_big(-s.loc["commute_hours", "change"], lang),
            cur=cur,
            money=fmt_big(-s.loc["employee_net_cost", "change"], lang),
        ),
        t(
            "es_co2e",
            lang,
            co2=num(s.loc["net_co2e_t", "change"], sign=True),
            range=rng_txt,
            rebound=num(rebound, sign=True),
        ),
        t(
            "es_office_release" if main_sc.release_space > 0 else "es_office_keep",
            lang,
            desks=num(s.loc["desks_needed", "scenario"]),
            desks_b=num(s.loc["desks_needed", "baseline"]),
            area=num(s.loc["area_released_m2", "scenario"]),
            cur=cur,
            office=fmt_big(s.loc["office_cost", "change"], lang, sign=True),
        ),
        no_gain,
    ]
    if len(data.results) > 1:
        co2 = head[head["metric"] == "net_co2e_t"]["change"]
        bullets.append(
            t("es_range_across", lang, lo=num(co2.min(), sign=True), hi=num(co2.max(), sign=True))
        )
    bullets.append(
        t("es_ranges", lang, n=num(data.n_draws))
        if rng.computed
        else t("headline_note_no_ranges", lang, why=rng.reason)
    )

    # headline as a wide table: one row per metric, one column per scenario
    def cell(r):
        d = plotting.display_decimals([r["change"]]) if abs(r["change"]) < 100 else 0
        rng_cell = (
            ""
            if math.isnan(r["p05"]) or r["p05"] == r["p95"]
            else f"{num(r['p05'], d)} {t('to', lang)} {num(r['p95'], d)}"
        )
        return num(r["change"], d, sign=True), rng_cell

    metrics_order = [
        m.display_name for m in metrics.headline() if m.display_name in set(head["metric"])
    ]
    # the long-run variant of the main scenario beside the short-run headline (no ranges)
    lr = None if data.long_run is None else data.long_run.summary().set_index("metric")["change"]
    lr_head = (
        None
        if data.long_run is None
        else headline_table([data.long_run], None, lang).set_index("metric")["change"]
    )
    headline_rows, long_run_rows = [], []
    for m in metrics_order:
        sub = head[head["metric"] == m].set_index("scenario_name")
        first = sub.iloc[0]
        cells = [cell(sub.loc[sc.name]) for sc in scenarios]
        if lr_head is not None:
            long_value = float(lr_head.get(m, math.nan))
            long_run_rows.append(
                {
                    "label": first["label"],
                    "unit": first["unit"],
                    "short": cell(sub.loc[main_sc.name])[0],
                    "long": cell({"change": long_value, "p05": math.nan, "p95": math.nan})[0],
                    "key": m in ("net_co2e_t", "net_cost"),
                }
            )
        label = first["label"]
        if m == "office_co2e_t" and _consequential(p):
            label = f"{label} ({t('consequential', lang)})"
        headline_rows.append(
            {
                "label": label,
                "unit": first["unit"],
                "today": num(first["baseline"], 0 if abs(first["baseline"]) >= 100 else 1),
                "cells": cells,
                "key": m in ("net_co2e_t", "net_cost"),
            }
        )
    if lr is not None:
        years = (
            data.params["longrun.years_after_change"]
            if "longrun.years_after_change" in (data.params)
            else math.nan
        )
        bullets.append(
            t(
                "es_long_run",
                lang,
                main=main_sc.name,
                co2=num(lr["net_co2e_t"], sign=True),
                co2_short=num(s.loc["net_co2e_t", "change"], sign=True),
                km=fmt_big(lr["commute_km"], lang, sign=True),
                km_short=fmt_big(s.loc["commute_km", "change"], lang, sign=True),
                years=num(years),
            )
        )

    def comparison():
        with plotting.style():
            fig, axs = plt.subplots(2, 1, figsize=(6.3, 1.6 + 0.75 * len(scenarios)))
            plotting.scenario_comparison(head, "net_co2e_t", axs[0], lang=lang, caption=False)
            plotting.scenario_comparison(head, "net_cost", axs[1], lang=lang, caption=False)
            plotting.add_figure_caption(
                fig,
                t("scenario_comparison_caption", lang)
                + (
                    " " + t("headline_note_no_ranges", lang, why=rng.reason)
                    if not rng.computed
                    else ""
                ),
                data.note(False),
            )
        return fig

    cav = caveats(data)
    return Section(
        {
            "caveats": cav,
            "caveats_intro": t("caveats_intro", lang, p=fmt_percent(CAVEAT_SHARE, lang)),
            "bullets": bullets,
            "scenarios": [sc.name for sc in scenarios],
            "headline_rows": headline_rows,
            "long_run_rows": long_run_rows,
            "long_run_title": t("long_run_title", lang, name=main_sc.name),
            "long_run_note": t("long_run_note", lang),
            "headline_note": (
                t("headline_note", lang, n=num(data.n_draws))
                if rng.computed
                else t("headline_note_no_ranges", lang, why=rng.reason)
            ),
        },
        (SectionFigure("01_scenarios", "summary", t("fig_scen_co2e", lang), comparison),),
        {"caveats": cav},
        id="summary",
        title=t("sec_summary", lang),
        template="summary.html.j2",
        new_page=True,
        sheets=(
            Sheet(
                t("sheet_caveats", lang),
                pd.DataFrame({t("sec_caveats", lang): cav}),
                t("readme_what_caveats", lang),
            ),
        ),
    )


def co2e_section(data: ReportData) -> Section:
    """CO₂e by component: a waterfall per scenario."""
    lang, note = data.lang, data.note(False)
    figs = tuple(
        SectionFigure(
            f"02_waterfall_{i + 1}",
            "co2e",
            t("fig_waterfall", lang, name=res.scenario.name),
            functools.partial(plotting.waterfall, res.summary(), lang=lang, note=note, title=False),
        )
        for i, res in enumerate(data.results)
    )
    # work trips (issue 15): km and CO₂e by purpose, purposes of few travellers pooled
    trips = None
    if getattr(data.workforce, "work_trips", None) is not None and not data.small:
        trips = work_travel_table(
            data.workforce,
            data.main,
            data.params,
            data.min_group_size,
            per_employee=data.main_result.per_employee,  # the same record keys as the tables
        )
    if trips is None:
        return Section({}, figs, id="co2e", title=t("sec_co2e", lang))
    figs += (
        SectionFigure(
            "02_work_travel",
            "co2e",
            t("wt_fig", lang),
            functools.partial(
                plotting.work_travel_by_purpose,
                trips,
                lang=lang,
                note=data.note(True),
                scenario=data.main.name,
            ),
        ),
    )
    headers = (
        "purpose",
        "travellers",
        "trips_baseline",
        "km_baseline",
        "km_scenario",
        "co2e_kg_baseline",
        "co2e_kg_scenario",
    )
    sheet = trips.reset_index() if trips.index.name else trips
    sheet = sheet.rename(columns={c: t(f"wt_{c}", lang) for c in headers})
    return Section(
        {"paragraphs": _screen_visit_text(data)},
        figs,
        {"work_travel": trips},
        id="co2e",
        title=t("sec_co2e", lang),
        sheets=(Sheet(t("wt_sheet", lang), sheet, t("wt_sheet_what", lang)),),
    )


def _screen_visit_text(data: ReportData) -> list[str]:
    """What screen visits in home care change in the main scenario (issue 27), in words;
    nothing when the scenario has none."""
    if not data.main.screen_visit_share:
        return []
    lang = data.lang
    s = data.main_result.summary().set_index("metric")["change"]
    return [
        t(
            "sv_report",
            lang,
            share=fmt_percent(data.main.screen_visit_share, lang),
            visits=_num(s["screen_visits"], lang),
            km=_num(s["home_visit_km"], lang, sign=True),
            hours=_num(s["home_visit_hours"], lang, sign=True),
            value=fmt_big(s["home_visit_time_cost"], lang, sign=True),
            cur=data.params.currency,
            co2e=_num(s["home_visit_co2e_t"], lang, 1, sign=True),
        )
    ]


def climate_section(data: ReportData) -> Section:
    """Climate account: GHG Protocol Scope 3 Category 7, today and under the main scenario."""
    lang = data.lang
    context, table, sheet = climate.report_parts(
        data.results, data.scenarios.index(data.main), lang, data.small
    )
    return Section(
        {
            "paragraphs": [context["intro"], context["boundary"], context["reportable_note"]],
            "tables": [
                (t("ca_title", lang), _html_table(table, lang, decimals=1)),
                (
                    t("ca_reportable_title", lang),
                    _html_table(context["reportable_short"], lang, decimals=1),
                ),
            ],
        },
        tables={"climate_account": sheet},
        id="climate",
        title=t("ca_title", lang),
        new_page=False,
        sheets=(
            Sheet(t("ca_sheet", lang), sheet, t("readme_what_climate", lang)),
            Sheet(
                t("ca_sheet_report", lang),
                context["reportable"],
                t("ca_reportable_note", lang),
            ),
        ),
    )


def people_section(data: ReportData) -> Section:
    """Who gains: distributions of time and money saved, gains and tables by group."""
    lang, cur, k, note = data.lang, data.currency, data.min_group_size, data.note(True)
    e = data.main_result.per_employee
    figs = [
        SectionFigure(
            "03_hours_saved",
            "people",
            t("fig_dist_hours", lang),
            functools.partial(
                plotting.savings_distribution,
                e,
                "commute_hours",
                currency=cur,
                lang=lang,
                min_group_size=k,
                note=note,
                scenario=data.main.name,
            ),
        ),
        SectionFigure(
            "04_money_saved",
            "people",
            t("fig_dist_money", lang),
            functools.partial(
                plotting.savings_distribution,
                e,
                "employee_net_cost",
                currency=cur,
                lang=lang,
                min_group_size=k,
                note=note,
                scenario=data.main.name,
            ),
        ),
    ]
    tables = []
    share_col = t("no_home_day_col", lang)
    for by, g in data.group_summaries:
        by_label = _by_label(by, lang)
        figs.append(
            SectionFigure(
                f"05_gains_{'_'.join(by)}",
                "people",
                t("fig_group", lang, by=by_label.lower() if lang == "da" else by_label),
                functools.partial(
                    plotting.gains_by_group,
                    e,
                    list(by),
                    currency=cur,
                    min_group_size=k,
                    lang=lang,
                    note=note,
                    scenario=data.main.name,
                ),
            )
        )
        tables.append((by_label, _group_table(g, by_label, cur, lang)))
    return Section(
        {
            "group_tables": [
                (
                    t("fig_group", lang, by=by.lower() if lang == "da" else by),
                    _html_table(tab, lang, percent={share_col}),
                )
                for by, tab in tables
            ]
        },
        tuple(figs),
        {"group_tables": tables},
        id="people",
        title=t("sec_people", lang),
        template="people.html.j2",
        sheets=tuple(
            Sheet(
                t("sheet_by", lang, by=by.replace(" / ", "-")),
                tab,
                t("readme_what_by", lang, k=k),
                (share_col,),
            )
            for by, tab in tables
        ),
    )


def office_section(data: ReportData) -> Section:
    """Office: desks against the service level, desks by site, the sites table."""
    lang, cur, k = data.lang, data.currency, data.min_group_size
    site_table = _site_table(data.pooled_sites, cur, lang)
    figs = (
        SectionFigure(
            "06_desks_service_level",
            "office",
            t("fig_desks", lang),
            functools.partial(
                plotting.desks_vs_service_level,
                data.desk_curve,
                desks_today=data.desks_today,
                chosen=data.main.service_level,
                sites=data.desk_sites_label,
                lang=lang,
                note=data.note(False),
            ),
        ),
        SectionFigure(
            "07_sites",
            "office",
            t("fig_sites", lang),
            functools.partial(
                plotting.site_comparison,
                data.main_result.per_site,
                "desks_needed",
                currency=cur,
                min_group_size=k,
                lang=lang,
                note=data.note(True),
                scenario=data.main.name,
            ),
        ),
    )
    shown = figs[:1] if data.small else figs  # fewer than min_group_size people: no sites
    curve = data.desk_curve.rename(
        columns={
            "scenario_name": t("scenario", lang),
            "service_level": t("wb_service_level", lang),
            "desks_needed": t("wb_desks_needed", lang),
        }
    )
    withheld = int(data.pooled_sites.get("desk_effects_withheld", pd.Series(dtype=bool)).sum())
    title = t("fig_sites", lang).rstrip(".") + (
        ". " + t("sites_desk_withheld", lang, k=k, n=withheld, mark="'–'") if withheld else ""
    )
    return Section(
        {"site_table": _html_table(site_table, lang), "site_table_title": title},
        shown,
        {"site_table": site_table},
        id="office",
        title=t("sec_office", lang),
        template="office.html.j2",
        sheets=(
            Sheet(
                t("sheet_sites", lang),
                site_table,
                t("readme_what_sites", lang, k=k)
                + (
                    " "
                    + t(
                        "sites_desk_withheld",
                        lang,
                        k=k,
                        n=withheld,
                        mark=t("withheld_mark_sheet", lang),
                    )
                    if withheld
                    else ""
                ),
            ),
            Sheet(
                t("sheet_desks", lang),
                curve,
                t("readme_what_desks", lang),
                (t("wb_service_level", lang),),
            ),
        ),
    )


def _translated_tornado(torn: pd.DataFrame, params: Parameters, lang: str) -> pd.DataFrame:
    """The tornado frame with each parameter's label (and unit) in ``lang``."""
    units = dict(zip(params.describe()["key"], params.describe()["unit"], strict=True))
    units.setdefault("uptake", "share")
    labels = [
        f"{parameter_label(k, lang, params.linked_to(k))} [{unit_label(units[k], lang)}]"
        if units.get(k)
        else parameter_label(k, lang, params.linked_to(k))
        for k in torn["parameter"]
    ]
    return torn.assign(label=labels)


def uncertainty_section(data: ReportData) -> Section:
    """Uncertainty: remote days against net CO₂e and cost with bands, tornados."""
    lang, rng, note = data.lang, data.ranges, data.note(True)
    figs = []
    if rng.computed and rng.sweep is not None:
        for m in ("net_co2e_t", "net_cost"):
            if (rng.sweep["metric"] == m).any():
                figs.append(
                    SectionFigure(
                        f"08_remote_days_{m}",
                        "uncertainty",
                        t("fig_bands", lang, label=metric_label(m, lang, short=True)),
                        functools.partial(
                            plotting.remote_days_bands,
                            rng.sweep,
                            m,
                            n_draws=data.n_draws,
                            lang=lang,
                            note=note,
                        ),
                    )
                )
    if rng.computed and rng.tornado is not None:
        summ = data.main_result.summary().set_index("metric")
        torn = _translated_tornado(rng.tornado, data.params, lang)
        for m in ("net_co2e_t", "net_cost"):
            if (torn["metric"] == m).any():
                unit = str(summ.loc[m, "unit"]) if m in summ.index else ""
                figs.append(
                    SectionFigure(
                        f"09_tornado_{m}",
                        "uncertainty",
                        t("fig_tornado", lang, label=metric_label(m, lang, short=True)),
                        functools.partial(
                            plotting.tornado,
                            torn,
                            m,
                            unit=unit_label(unit, lang) if unit else None,
                            label=metric_label(m, lang, short=True),
                            lang=lang,
                            note=note,
                            scenario=data.main.name,
                        ),
                    )
                )
    return Section(
        {
            "ranges_computed": rng.computed,
            "ranges_missing": t("ranges_missing_fig", lang, why=rng.reason),
        },
        tuple(figs),
        id="uncertainty",
        title=t("sec_uncertainty", lang),
        template="uncertainty.html.j2",
        sheets=_range_sheets(data),
    )


def map_section(data: ReportData) -> Section:
    """The map by home municipality (only with boundaries)."""
    lang = data.lang
    if data.municipalities is None:
        return Section({"has_map": False})
    fig = SectionFigure(
        "10_map_municipality",
        "map",
        t("fig_map", lang),
        functools.partial(
            plotting.municipality_map,
            data.municipalities,
            data.areas,
            label=t("co2e_saved_total", lang),
            min_group_size=data.min_group_size,
            boundary_source=data.boundary_source,
            lang=lang,
            note=data.note(True),
        ),
    )
    muni = data.municipalities
    withheld = muni["withheld"].astype(bool)
    table = pd.DataFrame(
        {
            t("wb_code", lang): muni["code"].where(~withheld),
            t("wb_name", lang): muni["name"].where(~withheld),
            t("employees_col", lang): muni["employees"].where(~withheld),
            t("wb_commute_co2e_saved", lang): muni["value"].where(~withheld),
            t("wb_withheld", lang): withheld,
        }
    )
    return Section(
        {"has_map": True},
        (fig,),
        id="map",
        title=t("sec_map", lang),
        sheets=(Sheet(t("sheet_muni", lang), table, t("readme_what_muni", lang)),),
    )


def scenarios_section(data: ReportData) -> Section:
    """The scenarios: each in words (the levers in the workbook)."""
    lang = data.lang
    full = _scenario_table(data.scenarios, lang)
    words = full[[t("scenario", lang), t("wb_scenario_levers", lang)]]
    if full[t("lever_description", lang)].astype(bool).any():
        words = full[
            [t("scenario", lang), t("wb_scenario_levers", lang), t("lever_description", lang)]
        ]
    return Section(
        {"scenario_table": _html_table(words, lang)},
        id="scenarios",
        title=t("sec_scenarios", lang),
        template="scenarios.html.j2",
        # follows the uncertainty figures on their page: a last figure is never left alone
        # on a page two-thirds empty
        new_page=False,
        sheets=(
            Sheet(
                t("sheet_scenarios", lang),
                full,
                t("readme_what_scenarios", lang),
                tuple(_scenario_share_columns(lang)),
            ),
        ),
    )


def method_section(data: ReportData) -> Section:
    """The method paragraphs."""
    return Section(
        {"method": [*TEXTS["method"][data.lang], *TEXTS["method_costs"][data.lang]]},
        id="method",
        title=t("sec_method", data.lang),
        template="method.html.j2",
        new_page=False,
    )


def assumption_groups(data: ReportData, drivers: int = 8) -> list[dict]:
    """The assumptions appendix: the parameters that drive the result first (widest swing
    of net CO₂e or net cost in the tornado), then every parameter grouped by topic.

    Returns
    -------
    list of dict
        ``title`` and ``rows`` (label, key, value, unit, year, status, source,
        uncertainty, note; formatted for the report's language).
    """
    lang = data.lang
    d = data.params.describe(lang)  # sources, notes and ranges for readers, in words
    order = []
    for m in ("net_co2e_t", "net_cost"):
        order += [str(k) for k in _drivers(data, m)["parameter"]]
    top = [k for k in dict.fromkeys(order) if k in set(d["key"])][:drivers]
    groups = []
    if top:
        sub = d.set_index("key").loc[top].reset_index()
        groups.append(_assumption_group(t("topic_drivers", lang), sub, lang, data.params))
    topics = d["key"].map(parameter_topic)
    for topic in [tp for tp, _ in PARAMETER_TOPICS] + ["topic_other"]:
        if topic == "topic_mode":
            sub = d[(topics == topic).to_numpy()]
            # the cars' running-cost parts (issue 24) get a matrix of their own: one page wide
            part = sub["key"].str.split(".").str[2].isin(RUNNING_COST_FIELDS).to_numpy()
            for title, rows in (
                (t(topic, lang), sub[~part]),
                (t("topic_running_cost", lang), sub[part]),
            ):
                if len(rows):
                    groups.append({"title": title, **_mode_matrix(rows, lang)})
            continue
        sub = d[(topics == topic).to_numpy() & ~d["key"].isin(top).to_numpy()]
        if len(sub):
            groups.append(_assumption_group(t(topic, lang), sub, lang, data.params))
    return groups


#: Per-mode fields of a car's running cost (its parts, see the formula links of the parameters).
RUNNING_COST_FIELDS = (
    "fuel_l_per_vkm",
    "fuel_price_per_l",
    "electricity_kwh_per_vkm",
    "tyres_cost_per_vkm",
    "maintenance_cost_per_vkm",
    "depreciation_cost_per_vkm",
)


def _mode_matrix(d: pd.DataFrame, lang: str) -> dict:
    """The per-mode parameters as one table (mode × field, value and status) and their
    sources, for the assumptions appendix (notes and ranges are in the workbook)."""
    parts = d["key"].str.split(".", expand=True)
    d = d.assign(mode=parts[1], field=parts[2])
    fields = list(dict.fromkeys(d["field"]))
    modes = list(dict.fromkeys(d["mode"]))
    cell: dict[tuple[str, str], Any] = {
        (str(r.mode), str(r.field)): r for r in d.itertuples(index=False)
    }
    columns = [t("mode_col", lang)]
    units = {}
    for f in fields:
        units[f] = str(d.loc[d["field"] == f, "unit"].mode().iloc[0])  # the most common
        unit = unit_label(units[f], lang)
        columns.append(f"{parameter_label(f'mode.x.{f}', lang).split(': ', 1)[1]} [{unit}]")
    rows = []
    for m in modes:
        label = parameter_label(f"mode.{m}.{fields[0]}", lang).split(": ", 1)[0]
        cells = []
        for f in fields:
            r = cell.get((m, f))
            if r is None:
                cells.append(("–", "", ""))
                continue
            other = unit_label(str(r.unit), lang) if str(r.unit) != units[f] else ""
            cells.append((_num_auto(float(r.value), lang), str(r.status), other))
        rows.append((label, cells))
    sources = d.groupby("source", sort=False)["status"].agg(lambda s: "/".join(sorted(set(s))))
    return {
        "matrix": {"columns": columns, "rows": rows},
        "sources": [(src, st) for src, st in sources.items()],
        "matrix_note": t("mode_matrix_note", lang, sheet=t("sheet_assumptions", lang)),
    }


def assumptions_section(data: ReportData) -> Section:
    """Every parameter used, with a label, unit, year, status and source, by topic."""
    lang, p = data.lang, data.params
    assumptions = p.describe(lang)  # sources, notes and ranges for readers, in words
    table = pd.DataFrame(
        {
            t("topic_col", lang): [t(parameter_topic(k), lang) for k in assumptions["key"]],
            t("param_label_col", lang): [
                parameter_label(k, lang, p.linked_to(k)) for k in assumptions["key"]
            ],
            t("param_key_col", lang): assumptions["key"],
            t("wb_value_unit", lang): assumptions["value"].astype(float),
            t("unit", lang): [unit_label(str(u), lang) for u in assumptions["unit"]],
            t("year", lang): assumptions["year"],
            t("status", lang): assumptions["status"],
            t("source", lang): assumptions["source"],
            t("uncertainty_col", lang): assumptions["uncertainty"],
            t("note_col", lang): assumptions["note"],
        }
    )
    return Section(
        {
            "assumptions_intro": t("assumptions_intro_short", lang, pset=p.name),
            # the set's own scope note, in the report's language (packaged sets' catalogue)
            "assumptions_scope": t(
                "caveat_scope",
                lang,
                scope=parameter_text(
                    str(p.meta.get("emission_scope_note", "")) or _scope_text(p, lang), lang
                ).rstrip("."),
            ),
            "assumption_groups": assumption_groups(data),
        },
        tables={"assumptions": assumptions},
        id="assumptions",
        title=t("sec_assumptions", lang),
        template="assumptions.html.j2",
        sheets=(Sheet(t("sheet_assumptions", lang), table, t("readme_what_assumptions", lang)),),
    )


def _file_name(value: Any, lang: str) -> str:
    text = str(value) if value is not None else "–"
    return t("accounting_file_frame", lang) if text in ("<DataFrame>", "") else text


def data_section(data: ReportData) -> Section:
    """Data accounting: the files read, rows used and excluded (by reason), notes."""
    lang, wf = data.lang, data.workforce
    prov = wf.provenance
    accounting = [
        (t("file", lang), _file_name(prov.get("file"), lang)),
        ("SHA-256", str(prov.get("sha256", "–"))),
        (t("sites_file", lang), _file_name(prov.get("sites_file"), lang)),
        (t("rows_read", lang), prov.get("rows_read", math.nan)),
        (t("rows_used", lang), prov.get("rows_used", math.nan)),
        (t("rows_excluded", lang), prov.get("rows_excluded", math.nan)),
    ]
    reasons = wf.exclusion_reasons()
    raw_notes = list(dict.fromkeys(list(data.main_result.notes)))
    notes = [note_text(n, lang) for n in raw_notes]
    english = lang != "en" and any(not hasattr(n, "kind") for n in raw_notes)
    shown = [(k, v if isinstance(v, str) else _num(v, lang)) for k, v in accounting]
    acc_frame = pd.DataFrame(
        {
            t("item", lang): [k for k, _ in accounting],
            t("value", lang): [v if isinstance(v, str) else int(v) for k, v in accounting],
        }
    )
    sheets = [Sheet(t("sheet_accounting", lang), acc_frame, t("readme_what_accounting", lang))]
    if len(reasons):
        sheets.append(
            Sheet(
                t("sheet_excluded", lang),
                pd.DataFrame(
                    {
                        t("column", lang): reasons["column"],
                        t("problem", lang): reasons["problem"],
                        t("wb_rows", lang): reasons["rows"].astype(int),
                    }
                ),
                t("readme_what_excluded", lang),
            )
        )
    sheets.append(
        Sheet(
            t("sheet_notes", lang),
            pd.DataFrame({t("notes", lang): notes or [t("wb_none", lang)]}),
            t("readme_what_notes", lang),
        )
    )
    return Section(
        {
            "accounting_intro": t("accounting_intro", lang),
            "accounting": shown,
            "reasons": [(r.column, r.problem, _num(r.rows, lang)) for r in reasons.itertuples()],
            "notes": notes,
            "notes_in_english": t("notes_in_english", lang) if english else "",
        },
        tables={"accounting": accounting, "reasons": reasons, "notes": notes},
        id="data",
        title=t("sec_data", lang),
        template="data.html.j2",
        sheets=tuple(sheets),
    )


def privacy_section(data: ReportData) -> Section:
    """What was withheld to protect privacy."""
    return Section(
        {
            "privacy": t(
                "privacy_text",
                data.lang,
                k=data.min_group_size,
                n=_num(data.pooled_total, data.lang),
            )
            + " "
            + t(
                "privacy_perturbed",
                data.lang,
                k=data.min_group_size,
                k1=int(data.min_group_size) - 1,
            )
        },
        id="privacy",
        title=t("sec_privacy", data.lang),
        template="privacy.html.j2",
        new_page=False,
    )


def _relocation_ledger_table(plan: Any, alternative: str, lang: str) -> pd.DataFrame:
    """One alternative's ledger for the reader: line, kind, years, present value, range."""
    led = plan.ledger_for(alternative)
    years = [c for c in led.columns if c.startswith("year_")]
    cur = plan.currency
    out = pd.DataFrame(
        {
            t("reloc_col_line", lang): [t(f"reloc_line_{k}", lang) for k in led["line"]],
            t("reloc_col_kind", lang): [t(f"reloc_kind_{k}", lang) for k in led["kind"]],
            t("reloc_col_unit", lang): [unit_label(str(u), lang) for u in led["unit"]],
        }
    )
    for c in years:
        out[t("reloc_col_year", lang, n=c.split("_")[1])] = led[c].to_numpy(dtype=float)
    co2e = (led["unit"] != cur).to_numpy()
    out[t("reloc_col_pv", lang)] = np.where(co2e, led["total"], led["present_value"])
    out[t("reloc_col_low", lang)] = led["low"].to_numpy(dtype=float)
    out[t("reloc_col_high", lang)] = led["high"].to_numpy(dtype=float)
    return out


def relocation_section(data: ReportData) -> Section:
    """A relocation plan (:func:`remotecalc.relocation_plan`), when one is given: who
    follows, the ledger year by year, the physical move against the virtual alternative.

    Not shown without a plan; numbers withheld when fewer positions move than the minimum
    group size (the ledger would describe identifiable people)."""
    plan, lang = data.relocation, data.lang
    if plan is None:
        return Section({})
    k = data.min_group_size
    title = t("sec_relocation", lang)
    if plan.moved < k:
        return Section(
            {
                "reloc_paragraphs": [t("reloc_withheld", lang, n=plan.moved, k=k)],
                "reloc_tables": [],
            },
            id="relocation",
            title=title,
            template="relocation.html.j2",
        )
    cmp_ = plan.compare(lang)
    compare = pd.DataFrame(
        {
            t("reloc_col_item", lang): cmp_["label"],
            t("reloc_col_unit", lang): [unit_label(str(u), lang) for u in cmp_["unit"]],
            t("reloc_alt_physical", lang): cmp_["physical"].to_numpy(dtype=float),
            t("reloc_col_low", lang) + " (1)": cmp_["physical_low"].to_numpy(dtype=float),
            t("reloc_col_high", lang) + " (1)": cmp_["physical_high"].to_numpy(dtype=float),
            t("reloc_alt_virtual", lang): cmp_["virtual"].to_numpy(dtype=float),
            t("reloc_col_low", lang) + " (2)": cmp_["virtual_low"].to_numpy(dtype=float),
            t("reloc_col_high", lang) + " (2)": cmp_["virtual_high"].to_numpy(dtype=float),
        }
    )
    physical = _relocation_ledger_table(plan, "physical", lang)
    virtual = _relocation_ledger_table(plan, "virtual", lang)
    lo, hi = plan.follow_range
    paragraphs = [
        t(
            "reloc_intro",
            lang,
            n=_num(plan.moved, lang),
            site=plan.to_site,
            f=_num(plan.followers, lang),
            share=fmt_percent(plan.follow_share, lang),
            lo=_num(lo, lang) if math.isfinite(lo) else "–",
            hi=_num(hi, lang) if math.isfinite(hi) else "–",
            years=plan.horizon_years,
            r=fmt_percent(plan.discount_rate, lang, 1),
            draws=_num(plan.n_draws, lang),
        ),
        t("reloc_calibration", lang),
        t(
            "reloc_virtual",
            lang,
            d=_num(
                plan.virtual_onsite_days_per_week,
                lang,
                0 if float(plan.virtual_onsite_days_per_week).is_integer() else 1,
            ),
        ),
        *[note_text(n, lang) for n in plan.notes[:2]],
    ]
    ledger_sheet = pd.concat(
        [
            _relocation_ledger_table(plan, alt, lang).assign(
                **{
                    t("reloc_col_alternative", lang): t(f"reloc_alt_{alt}", lang),
                    t("reloc_col_source", lang): plan.ledger_for(alt)["source"].to_numpy(),
                }
            )
            for alt in ("physical", "virtual")
        ],
        ignore_index=True,
    )
    return Section(
        {
            "reloc_paragraphs": paragraphs,
            "reloc_tables": [
                (t("reloc_tab_compare", lang), _html_table(compare, lang, decimals=0)),
                (t("reloc_tab_physical", lang), _html_table(physical, lang, decimals=0)),
                (t("reloc_tab_virtual", lang), _html_table(virtual, lang, decimals=0)),
            ],
        },
        tables={"relocation_compare": compare, "relocation_ledger": ledger_sheet},
        id="relocation",
        title=title,
        template="relocation.html.j2",
        sheets=(
            Sheet(t("sheet_relocation_compare", lang), compare, t("readme_what_reloc_cmp", lang)),
            Sheet(t("sheet_relocation", lang), ledger_sheet, t("readme_what_reloc", lang)),
        ),
    )


#: The section functions of the report, in the order of the report. Append a function
#: ``(ReportData) -> Section`` to add a chapter (it gets a number, an entry in the contents,
#: its figures and its workbook sheets).
SECTIONS: list[Callable[[ReportData], Section]] = [
    summary_section,
    co2e_section,
    climate_section,
    people_section,
    office_section,
    uncertainty_section,
    relocation_section,
    map_section,
    scenarios_section,
    method_section,
    assumptions_section,
    data_section,
    privacy_section,
]


# -- output ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReportFiles:
    """Where :func:`report` wrote its output.

    Attributes
    ----------
    out : pathlib.Path
        The folder.
    html, pdf, xlsx : pathlib.Path or None
        The report files (None for a format not asked for).
    figures : tuple of pathlib.Path
        The figure files (PNG and SVG).
    ranges_computed : bool
        Whether 5–95 % ranges, the sweep and the tornado were computed.
    """

    out: Path
    html: Path | None
    pdf: Path | None
    xlsx: Path | None
    figures: tuple
    ranges_computed: bool
    skipped: tuple = ()
    """Outputs asked for but not written, each with why (a PDF without WeasyPrint's system
    libraries)."""

    def __str__(self) -> str:
        return str(self.html or self.pdf or self.xlsx or self.out)


@dataclass
class _Figure:
    id: str
    section: str
    title: str
    alt: str
    files: list
    png: Path
    number: int = 0
    data_uri: str = ""


def _resolve_scenarios(scenarios: Scenario | Sequence[Scenario] | str | Path) -> list[Scenario]:
    if isinstance(scenarios, Scenario):
        return [scenarios]
    if isinstance(scenarios, (str, Path)):
        return load_scenarios(scenarios)
    scenarios = list(scenarios)
    if not scenarios or not all(isinstance(s, Scenario) for s in scenarios):
        raise TypeError("scenarios must be a Scenario, a list of them or a TOML path")
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must be unique; found {names}")
    return scenarios


def _caption_text(fig) -> str:
    """The caption drawn on a figure (by plotting.add_caption / add_figure_caption)."""
    texts = [txt for ax in fig.axes for txt in ax.texts]
    if getattr(fig, "_supxlabel", None) is not None:
        texts.append(fig._supxlabel)
    for txt in texts:
        if txt.get_gid() == "caption":
            return " ".join(txt.get_text().split())
    return ""


def _write_figures(specs, fig_dir: Path, figure_formats: Sequence[str], dpi: int) -> list[_Figure]:
    """Draw, save (PNG always) and close each figure; number them; embed the PNGs."""
    figures = []
    formats = tuple(dict.fromkeys(("png", *figure_formats)))
    for spec in specs:
        drawn = spec.draw()
        fig = drawn if hasattr(drawn, "savefig") else drawn.figure
        alt = _caption_text(fig)
        files = plotting.save(fig, fig_dir / spec.id, formats=formats, dpi=dpi)
        figures.append(
            _Figure(
                spec.id,
                spec.section,
                spec.title,
                alt,
                files,
                next(f for f in files if f.suffix == ".png"),
            )
        )
    for i, f in enumerate(figures, start=1):
        f.number = i
        f.data_uri = "data:image/png;base64," + base64.b64encode(f.png.read_bytes()).decode()
    return figures


def report(
    workforce: Workforce,
    scenarios: Scenario | Sequence[Scenario] | str | Path,
    params: Parameters | str | None = None,
    out: str | Path = "reports/report",
    *,
    lang: str = "en",
    formats: Sequence[str] = ("html", "pdf", "xlsx"),
    title: str | None = None,
    organisation: str | None = None,
    main: str | int = 0,
    group_by: Sequence[str] = ("department", "unit"),
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    boundaries: str | Path | None = None,
    boundary_source: str = "",
    ranges: bool = True,
    n_draws: int = 300,
    sensitivity_n_base: int = 64,
    seed: int | None = 0,
    figure_formats: Sequence[str] = ("png", "svg"),
    dpi: int = 300,
    allow_small: bool = False,
    relocation: Any = None,
) -> ReportFiles:
    """Write the policy report of one or more scenarios: HTML, PDF and XLSX.

    Runs the analyses once (:func:`report_data`), turns them into sections
    (:data:`SECTIONS`: :func:`summary_section`, :func:`co2e_section`, ...), draws and saves
    the sections' figures and writes the files.

    Parameters
    ----------
    workforce : Workforce
        Validated staff and sites (:func:`remotecalc.read_staffing`).
    scenarios : Scenario, sequence of Scenario, or str/Path of a scenario TOML
    params : Parameters or str, optional
        Default ``"dk-2025"``.
    out : str or Path, default "reports/report"
        Folder to write into (created).
    lang : {"en", "da"}
        Language of texts, labels and number format.
    formats : sequence of {"html", "pdf", "xlsx"}
    title, organisation : str, optional
        Report title (default "Remote and hybrid work: what it is worth") and the
        employer's name (default the staff file's name).
    main : str or int, default 0
        The scenario the single-scenario figures are drawn for (name or position).
    group_by : sequence of str, default ("department", "unit")
        Organisational columns, outermost first: "who gains" is shown by the first, and by
        the hierarchy of all of them (units within departments). Missing columns are
        skipped.
    min_group_size : int, default 5
        No group smaller than this appears anywhere. [persons]
    boundaries : str or Path, optional
        Boundary file (e.g. the municipalities GeoJSON) for a map by home municipality;
        needs geopandas (``pip install 'remotecalc[geo]'``).
    boundary_source : str
        Attribution of the boundaries for the map caption.
    ranges : bool, default True
        Compute 5–95 % ranges, the remote-days sweep and the tornado with
        :mod:`remotecalc.analysis` when it is installed (the report says when not).
    n_draws : int, default 300
        Monte Carlo draws per scenario and sweep point.
    sensitivity_n_base : int, default 64
        Base sample size of the sensitivity analysis.
    seed : int or None, default 0
        Seed of all random draws.
    figure_formats : sequence of str, default ("png", "svg")
        Formats of the figure files in ``out/figures`` (PNG is always written where the HTML
        or PDF is asked for: they embed it). ``formats=("xlsx",)`` with
        ``figure_formats=()`` draws no figure: the workbook alone, sooner.
    dpi : int, default 300
        Resolution of the PNG figures (embedded in the HTML and PDF). [dots/inch]
    allow_small : bool, default False
        Write a report about fewer than ``min_group_size`` people (workforce or an
        ``applies_to`` selection) anyway; it then holds no group table, site table or map.
    relocation : RelocationPlan, optional
        A :func:`remotecalc.relocation_plan` to add as a chapter (physical move against the
        virtual alternative, the ledger year by year) with its workbook sheets.

    Returns
    -------
    ReportFiles
        Paths of what was written.

    Raises
    ------
    ValueError
        When the workforce or a scenario's ``applies_to`` selection is smaller than
        ``min_group_size`` and ``allow_small`` is False (the message names both sizes).
    """
    formats = tuple(formats)
    bad = set(formats) - {"html", "pdf", "xlsx"}
    if bad:
        raise ValueError(f"unknown format(s) {sorted(bad)}; use html, pdf, xlsx")
    check_output_folder(out, "out")
    data = report_data(
        workforce,
        scenarios,
        params,
        lang=lang,
        organisation=organisation,
        main=main,
        group_by=group_by,
        min_group_size=min_group_size,
        boundaries=boundaries,
        boundary_source=boundary_source,
        ranges=ranges,
        n_draws=n_draws,
        sensitivity_n_base=sensitivity_n_base,
        seed=seed,
        allow_small=allow_small,
        relocation=relocation,
    )
    out = Path(out)
    # every file goes to a staging folder first; the set is put in place when complete, so a
    # failed or interrupted run leaves the previous report whole (exports.output_set)
    with output_set(out, "out") as files_set:
        stage = files_set.staging
        sections = [front_matter(data, title)] + [section(data) for section in SECTIONS]
        # the HTML and the PDF embed the figures as PNG; a workbook alone needs none, so
        # formats=("xlsx",) with figure_formats=() draws nothing
        paged = bool({"html", "pdf"} & set(formats))
        figures = (
            _write_figures(
                [f for s in sections for f in s.figures], stage / "figures", figure_formats, dpi
            )
            if paged or tuple(figure_formats)
            else []
        )
        ctx: dict[str, Any] = {"figures": figures}
        for s in sections:
            ctx.update(s.context)
        chapters = [s for s in sections if s.id]
        ctx["chapters"] = [
            {
                "id": s.id,
                "title": s.title,
                "number": i,
                "template": s.template,
                "new_page": s.new_page,
                "context": s.context,
            }
            for i, s in enumerate(chapters, start=1)
        ]
        html = _render("report.html.j2", ctx) if paged else ""
        paths: dict[str, Path | None] = {"html": None, "pdf": None, "xlsx": None}
        if "html" in formats:
            paths["html"] = html_path = stage / "report.html"
            html_path.write_text(html, encoding="utf-8")
        skipped: list[str] = []
        if "pdf" in formats:
            why = pdf_unavailable()
            if why is None:
                paths["pdf"] = _write_pdf(html, stage / "report.pdf", stage)
            else:  # HTML and XLSX are still written; the PDF is named as skipped, with why
                skipped.append(f"PDF not written: {why}")
                warnings.warn(skipped[-1], RuntimeWarning, stacklevel=2)
        if "xlsx" in formats:
            paths["xlsx"] = write_workbook(
                stage / "report.xlsx", data, [sh for s in sections for sh in s.sheets]
            )
    for f in figures:
        f.files = [files_set.final(x) for x in f.files]
        f.png = files_set.final(f.png)
    paths = {k: None if v is None else files_set.final(v) for k, v in paths.items()}
    return ReportFiles(
        out=out,
        html=paths["html"],
        pdf=paths["pdf"],
        xlsx=paths["xlsx"],
        figures=tuple(f for fig in figures for f in fig.files),
        ranges_computed=data.ranges.computed,
        skipped=tuple(skipped),
    )


#: A group of parameters is kept on one page when it has at most this many rows and this
#: much text in its source and note cells (a longer group would not fit). [rows, characters]
KEEP_GROUP_ROWS, KEEP_GROUP_CHARS = 6, 1_800


def _assumption_group(title: str, d: pd.DataFrame, lang: str, params: Parameters) -> dict:
    """One topic's table of parameters: title, rows, and whether to keep it on one page."""
    rows = _assumption_rows(d, lang, params)
    text = sum(len(r["source"]) + len(r["note"]) for r in rows)
    return {
        "title": title,
        "rows": rows,
        "keep": len(rows) <= KEEP_GROUP_ROWS and text <= KEEP_GROUP_CHARS,
    }


def _assumption_rows(d: pd.DataFrame, lang: str, params: Parameters) -> list[dict]:
    rows = []
    r: Any  # itertuples rows: named fields of mixed types (the stubs give plain tuples)
    for r in d.itertuples(index=False):
        rows.append(
            {
                "label": parameter_label(str(r.key), lang, params.linked_to(str(r.key))),
                "key": r.key,
                "value": _num_auto(float(r.value), lang),
                "unit": unit_label(str(r.unit), lang),
                "year": "" if pd.isna(r.year) else str(int(r.year)),
                "status": r.status,
                "source": r.source,
                "uncertainty": r.uncertainty or "",
                "note": _short_note(r.note or "", lang),
            }
        )
    return rows


#: Longest parameter note printed in the report's assumptions tables; longer notes (the
#: sources' computations, what was sought) end at a sentence or word and point to the
#: workbook's Assumptions sheet, which has them whole. A table row taller than a page
#: cannot be printed without splitting it. [characters]
NOTE_MAX_CHARS = 600


def _short_note(note: str, lang: str) -> str:
    """The note, or its first ``NOTE_MAX_CHARS`` characters cut at a sentence (else a word)
    with a pointer to the workbook sheet that has it whole.

    Examples
    --------
    >>> _short_note("Short.", "en")
    'Short.'
    >>> text = _short_note("First sentence. " + "word " * 200, "en")
    >>> text.startswith("First sentence. word"), text.endswith("sheet 'Assumptions'.)")
    (True, True)
    """
    if len(note) <= NOTE_MAX_CHARS:
        return note
    head = note[:NOTE_MAX_CHARS]
    cut = head.rfind(". ")
    head = head[: cut + 1] if cut >= NOTE_MAX_CHARS // 2 else head[: head.rfind(" ")] + " …"
    return f"{head} {t('note_in_workbook', lang, sheet=t('sheet_assumptions', lang))}"


def _column_decimals(col: pd.Series) -> int:
    """One number of decimals per column: 0 for whole numbers and big values, else 1."""
    v = pd.to_numeric(col, errors="coerce").dropna().astype(float)
    if v.empty or np.allclose(v, np.round(v)) or v.abs().median() >= 100:
        return 0
    return 1


def _html_table(
    df: pd.DataFrame, lang: str, decimals: int | None = None, percent: Collection[str] = ()
) -> dict:
    """Header and formatted cells of a table for the template (numbers right-aligned).

    Columns named in ``percent`` hold shares (0–1) and are written as percentages.
    """
    cols = list(df.columns)
    dec = [decimals if decimals is not None else _column_decimals(df[c]) for c in cols]
    pct = [c in percent for c in cols]
    rows = []
    for rec in df.itertuples(index=False):
        cells = []
        for v, d, is_pct in zip(rec, dec, pct, strict=True):
            if isinstance(v, (int, np.integer, float, np.floating)) and not isinstance(v, bool):
                text = fmt_percent(float(v), lang) if is_pct else fmt_number(float(v), lang, d)
                cells.append((text, True))
            else:
                cells.append(("" if v is None else str(v), False))
        rows.append(cells)
    numeric = [
        pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]) for c in cols
    ]
    return {"columns": cols, "rows": rows, "numeric": numeric}


def _render(template: str, ctx: dict) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("remotecalc", "data/templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template(template).render(**ctx)


def _weasy_html(html: str, base: Path):
    import logging
    import warnings

    with warnings.catch_warnings():  # its notice that a system library (HarfBuzz-Subset) is absent
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
        from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html, base_url=str(base.resolve()))


def pdf_unavailable() -> str | None:
    """Why a PDF cannot be written here (None: it can).

    WeasyPrint needs the Pango text-layout library of the operating system; without it,
    importing WeasyPrint fails with an ``OSError`` (or it is not installed at all).

    Returns
    -------
    str or None
        What is missing and how to install it.
    """
    try:
        _weasy_html("<p></p>", Path("."))
    except ImportError:
        return "WeasyPrint is not installed (pip install weasyprint)"
    except OSError as exc:
        return (
            f"WeasyPrint cannot load a system library ({str(exc).splitlines()[0][:120]}); "
            "install Pango (Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; "
            "macOS: brew install pango)"
        )
    return None


def _write_pdf(html: str, path: Path, base: Path) -> Path:
    _weasy_html(html, base).write_pdf(path)
    return path


def pdf_layout(html: str, base: str | Path = ".") -> Any:
    """The laid-out pages of the report's PDF (WeasyPrint's ``Document``), for checks
    such as every box staying within the page's width.

    Parameters
    ----------
    html : str
        The report's HTML (``report.html``).
    base : str or Path
        Folder relative paths are resolved against.
    """
    return _weasy_html(html, Path(base)).render()


# -- workbook --------------------------------------------------------------------------------
def _headline_sheets(data: ReportData) -> tuple[Sheet, ...]:
    """Headline (wide and long) and the full summary of every scenario."""
    lang, head = data.lang, data.headline
    rows = []
    for name, sub in head.groupby("scenario_name", sort=False):
        row: dict[str, Any] = {t("scenario", lang): name}
        for r in sub.itertuples(index=False):
            row[f"{r.label}, {t('change', lang).lower()} [{r.unit}]"] = r.change
            row[f"{r.label}, 5 % [{r.unit}]"] = r.p05
            row[f"{r.label}, 95 % [{r.unit}]"] = r.p95
        rows.append(row)
    wide = pd.DataFrame(rows)
    long = pd.DataFrame(
        {
            t("scenario", lang): head["scenario_name"],
            t("wb_metric_key", lang): head["metric"],
            t("wb_metric", lang): head["label"],
            t("unit", lang): head["unit"],
            t("wb_today", lang): head["baseline"],
            t("wb_scenario", lang): head["scenario"],
            t("wb_change", lang): head["change"],
            t("wb_change_p05", lang): head["p05"],
            t("wb_change_p95", lang): head["p95"],
        }
    )
    summ = pd.concat([r.summary() for r in data.results], ignore_index=True)
    full = pd.DataFrame(
        {
            t("scenario", lang): summ["scenario_name"],
            t("wb_metric_key", lang): summ["metric"],
            t("wb_metric", lang): [
                metric_label(m, lang, english=str(lab))
                for m, lab in zip(summ["metric"], summ["label"], strict=True)
            ],
            t("unit", lang): [unit_label(str(u), lang) for u in summ["unit"]],
            t("wb_perspective", lang): [_perspective(str(v), lang) for v in summ["perspective"]],
            t("wb_today", lang): summ["baseline"].astype(float),
            t("wb_scenario", lang): summ["scenario"].astype(float),
            t("wb_change", lang): summ["change"].astype(float),
        }
    )
    return (
        Sheet(t("sheet_headline", lang), wide, t("readme_what_headline", lang)),
        Sheet(t("sheet_headline_long", lang), long, t("readme_what_headline_long", lang)),
        Sheet(t("sheet_summary", lang), full, t("readme_what_summary", lang)),
    )


def _perspective(value: str, lang: str) -> str:
    return "+".join(
        t(f"perspective_{p}", lang) if f"perspective_{p}" in TEXTS else p for p in value.split("+")
    )


def outer_merged(parts: Sequence[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    """``parts[0].merge(parts[1], on=keys, how="outer").merge(parts[2], ...)``, made at once.

    When every part has the same keys, each once and none missing, and no other column
    name repeats, the merges only sort the rows by the keys (an outer merge sorts its keys)
    and put the parts side by side; that is done directly (a merge per metric costs ~25 ms
    on the sweep's few rows). Otherwise the merges are done one by one.
    """
    values = [c for part in parts for c in part.columns if c not in keys]
    if len(parts) == 1 or len(set(values)) != len(values):
        return _merged_one_by_one(parts, keys)
    first = [parts[0][k].to_numpy() for k in keys]
    rows = list(zip(*(a.tolist() for a in first), strict=True))
    if (
        parts[0][keys].isna().to_numpy().any()
        or len(set(rows)) != len(rows)
        or any(not part[keys].dtypes.equals(parts[0][keys].dtypes) for part in parts[1:])
    ):
        return _merged_one_by_one(parts, keys)
    same_order = all(
        all(np.array_equal(part[k].to_numpy(), a) for k, a in zip(keys, first, strict=True))
        for part in parts[1:]
    )
    if same_order:  # the usual case (groups of one table): one sort for all
        side = pd.concat(
            [parts[0].reset_index(drop=True)]
            + [
                part[[c for c in part.columns if c not in keys]].reset_index(drop=True)
                for part in parts[1:]
            ],
            axis=1,
        )
        return side.iloc[np.lexsort(first[::-1])].reset_index(drop=True)
    key_rows = [list(zip(*(part[k].tolist() for k in keys), strict=True)) for part in parts[1:]]
    if not all(len(r) == len(rows) and set(r) == set(rows) for r in key_rows):
        return _merged_one_by_one(parts, keys)
    ordered = []
    for i, part in enumerate(parts):
        order = np.lexsort([part[k].to_numpy() for k in reversed(keys)])
        cols = list(part.columns) if i == 0 else [c for c in part.columns if c not in keys]
        ordered.append(part[cols].iloc[order].reset_index(drop=True))
    return pd.concat(ordered, axis=1)


def _merged_one_by_one(parts: Sequence[pd.DataFrame], keys: list[str]) -> pd.DataFrame:
    """Successive outer merges of ``parts`` on ``keys`` (:func:`outer_merged`'s general case)."""
    wide = parts[0]
    for part in parts[1:]:
        wide = wide.merge(part, on=keys, how="outer")
    return wide


def _range_sheets(data: ReportData) -> tuple[Sheet, ...]:
    """Monte Carlo, remote-days sweep, tornado and Sobol sheets (when computed)."""
    lang, rng = data.lang, data.ranges
    if not rng.computed:
        return ()
    out = []
    summ = data.main_result.summary()
    units = dict(zip(summ["metric"], summ["unit"], strict=True))

    def label(m: str) -> str:
        return metric_label(m, lang)

    if rng.monte_carlo:
        mc = pd.concat(
            [m.assign(scenario_name=n) for n, m in rng.monte_carlo.items()], ignore_index=True
        )
        frame = pd.DataFrame(
            {
                t("scenario", lang): mc["scenario_name"],
                t("wb_metric_key", lang): mc["metric"],
                t("wb_metric", lang): [label(m) for m in mc["metric"]],
                t("unit", lang): [unit_label(str(u), lang) for u in mc["unit"]],
                t("wb_central", lang): mc["central"].astype(float),
                t("wb_mean", lang): mc["mean"].astype(float),
                t("wb_change_p05", lang): mc["p05"].astype(float),
                t("wb_change_p50", lang): mc["p50"].astype(float),
                t("wb_change_p95", lang): mc["p95"].astype(float),
            }
        )
        out.append(Sheet(t("sheet_mc", lang), frame, t("readme_what_mc", lang)))
    if rng.sweep is not None and len(rng.sweep):
        sw = rng.sweep
        levers = {
            "remote_days_per_week": (t("wb_remote_days", lang), False),
            "release_space": (t("wb_release", lang), True),
        }
        parts = []
        for (metric, unit), sub in sw.groupby(["metric", "unit"], sort=False):
            u, name = unit_label(str(unit), lang), label(str(metric))
            cols = {
                "central": f"{name}, {t('wb_central', lang).lower()} [{u}]",
                "p05": f"{name}, 5 % [{u}]",
                "p95": f"{name}, 95 % [{u}]",
            }
            parts.append(sub[[*levers, *cols]].rename(columns=cols))
        wide = outer_merged(parts, list(levers)) if parts else None
        if wide is not None:
            wide = wide.rename(columns={k: v for k, (v, _) in levers.items()})
            out.append(
                Sheet(
                    t("sheet_sweep", lang),
                    wide,
                    t("readme_what_sweep", lang),
                    (t("wb_release", lang),),
                )
            )
    if rng.tornado is not None and len(rng.tornado):
        torn = rng.tornado
        frame = pd.DataFrame(
            {
                t("wb_metric", lang): [label(m) for m in torn["metric"]],
                t("unit", lang): [unit_label(str(units.get(m, "")), lang) for m in torn["metric"]],
                t("param_label_col", lang): [
                    parameter_label(str(k), lang, data.params.linked_to(str(k)))
                    for k in torn["parameter"]
                ],
                t("param_key_col", lang): torn["parameter"],
                t("wb_low", lang): torn["low"].astype(float),
                t("wb_high", lang): torn["high"].astype(float),
                t("wb_change_low", lang): torn["change_low"].astype(float),
                t("wb_change_high", lang): torn["change_high"].astype(float),
                t("wb_central_value", lang): torn["central"].astype(float),
            }
        )
        out.append(Sheet(t("sheet_tornado", lang), frame, t("readme_what_tornado", lang)))
    if rng.indices is not None and len(rng.indices):
        ind = rng.indices
        frame = pd.DataFrame(
            {
                t("wb_metric", lang): [label(m) for m in ind["metric"]],
                t("param_label_col", lang): [
                    parameter_label(str(k), lang, data.params.linked_to(str(k)))
                    for k in ind["parameter"]
                ],
                t("param_key_col", lang): ind["parameter"],
            }
        )
        for c, key in (("S1", "sobol_s1"), ("ST", "sobol_st")):
            if c in ind.columns:
                frame[t(key, lang)] = ind[c].astype(float)
                if f"{c}_conf" in ind.columns:
                    frame[t("sobol_conf", lang, col=c)] = ind[f"{c}_conf"].astype(float)
        out.append(Sheet(t("sheet_sobol", lang), frame, t("readme_what_sobol", lang)))
    return tuple(out)


def _number_format(col: pd.Series) -> str:
    """An Excel number format for a numeric column: decimals by the size of its values."""
    v = pd.to_numeric(col, errors="coerce").dropna().astype(float)
    if v.empty or np.allclose(v, np.round(v)):
        return "#,##0"
    med = float(v.abs().median())
    if med >= 100:
        return "#,##0"
    if med >= 1:
        return "#,##0.0"
    return "0.000"


def write_workbook(path: str | Path, data: ReportData, sheets: Sequence[Sheet]) -> Path:
    """The report's workbook: a README sheet, then every section's sheets.

    Numbers are stored as numbers with a number format; shares (0–1) are shown in percent
    format; units are in the headers; texts are in the report's language.

    Parameters
    ----------
    path : str or Path
    data : ReportData
    sheets : sequence of Sheet
        The sections' sheets, in order (:attr:`Section.sheets`).

    Returns
    -------
    pathlib.Path
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang, p = data.lang, data.params
    core = _headline_sheets(data)
    ordered = list(sheets[:1]) + list(core) + list(sheets[1:])
    readme_sheet = t("sheet_readme", lang)
    names = [readme_sheet] + [s.name for s in ordered]
    valid = dict(zip(names, sheet_names(names), strict=True))
    intro = [
        t("report_title", lang),
        f"{data.organisation}: {t('cover_staff', lang, n=_num(data.workforce.n_employees, lang), sites=_num(len(data.workforce.sites), lang))}",  # noqa: E501
        t("readme_made", lang, date=data.date, version=data.version, pset=p.name),
        t("caveat_scope", lang, scope=_scope_text(p, lang)),
        t("readme_units", lang),
        "",
    ]
    readme = pd.DataFrame(
        {
            t("readme_sheet_col", lang): [""] * len(intro)
            + [valid[readme_sheet]]
            + [valid[s.name] for s in ordered],
            t("readme_what_col", lang): intro
            + [t("readme_what_readme", lang)]
            + [s.what for s in ordered],
        }
    )
    percent_by_title = {valid[s.name]: s.percent for s in ordered}

    def style(ws, df: pd.DataFrame) -> None:
        header_row = 1
        ws.freeze_panes = "A2"
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DCE6F1")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        percent = percent_by_title.get(ws.title, ())
        for j, col in enumerate(df.columns, start=1):
            letter = get_column_letter(j)
            texts = [str(v) for v in df[col].head(200)]
            width = min(70, max(10, max((len(v) for v in texts), default=0) + 2))
            width = max(width, min(len(str(col)), 36) + 2)
            ws.column_dimensions[letter].width = width
            s = df[col]
            if pd.api.types.is_bool_dtype(s):
                continue
            if not pd.api.types.is_numeric_dtype(s):  # a mixed column: format its numbers
                for row in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    for c in row:
                        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                            c.number_format = "#,##0"
                continue
            fmt = "0.0%" if col in percent else _number_format(s)
            for row in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                for c in row:
                    c.number_format = fmt

    frames = [(readme_sheet, readme)] + [(s.name, s.frame) for s in ordered]
    write_xlsx(frames, path, style=style)
    return Path(path)
