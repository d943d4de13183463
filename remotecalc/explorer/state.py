"""The scenario explorer's evaluation layer (no web framework): levers in, aggregates out.

The explorer has two layers:

- :class:`ExplorerModel`, the evaluation layer (no web framework): given the levers (a
  :class:`~remotecalc.inputs.scenario.Scenario`) and the parameter choice (:class:`ParamChoice`: a
  set, the long-run variant, a few key parameters within their declared ranges) it returns the
  headline, the CO₂e waterfall, desks per site and against the service level, and gains by
  department. It computes nothing of its own: the headline is
  :meth:`remotecalc.analysis.sweep.Runner.summary` (the sweep's evaluation on sums, equal to
  :func:`remotecalc.assess`) laid out by :func:`remotecalc.outputs.report.headline_table` from the
  metrics registry; desks come from the same ``Runner``; gains by department are
  :func:`remotecalc.evaluation.disclosure.group_summary` of the engine's per-employee metrics; every
  group table passes :mod:`remotecalc.evaluation.disclosure`.
- :mod:`remotecalc.explorer.app`: the app (:func:`~remotecalc.explorer.app.explore`,
  :func:`~remotecalc.explorer.app.serve`), built with Panel (HoloViz), imported only when
  called, so ``import remotecalc`` stays light. Panel serves its own JavaScript and CSS from
  the local server (nothing is fetched from the internet), runs as a server
  (``remotecalc app``) and inside Jupyter from the same code.

Scenarios saved in the app are exported as a TOML plan (:func:`plan_toml`, the format
:func:`remotecalc.load_scenarios` reads) and, when the parameters differ from a packaged set,
a parameter file (:func:`parameters_toml`) that ``remotecalc report --params`` reads, so
``remotecalc report STAFF --sites SITES --scenario plan.toml --params ...`` reproduces the
numbers shown.
"""

from __future__ import annotations

import json
import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from remotecalc.evaluation import disclosure
from remotecalc.evaluation.assessment import discount_rate, horizon_years, per_employee_frame
from remotecalc.evaluation.disclosure import DEFAULT_MIN_GROUP_SIZE
from remotecalc.i18n import check_lang, fmt_number, fmt_percent, t
from remotecalc.inputs.parameters import Parameters, load_parameters
from remotecalc.inputs.scenario import WEEKDAYS, Scenario, Selection
from remotecalc.model import engine, metrics
from remotecalc.outputs import plotting

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from remotecalc.analysis.sweep import Runner
    from remotecalc.inputs.workforce import Workforce
    from remotecalc.outputs.report import Ranges

__all__ = [
    "KEY_PARAMETERS",
    "Evaluation",
    "ExplorerModel",
    "ParamChoice",
    "differencing_risks",
    "parameters_toml",
    "plan_toml",
    "text",
]

#: Parameters the explorer offers as sliders (within their declared uncertainty), where the
#: set has them with an uncertainty: the dk-2025 parameters with the largest Sobol' total
#: indices for the headline metrics (docs/parameter_ranking.md).
KEY_PARAMETERS: tuple[str, ...] = (
    "rebound.noncommute_share_of_avoided_km",
    "office.area_per_desk_m2",
    "office.occupancy_cost_per_attendee_day",
    "cost.value_of_time_per_hour",
    "office.embodied_co2e_kg_per_m2_per_year",
    "home.extra_heat_kwh_per_day",
)

#: Service levels of the desks-against-service-level curve. [share]
SERVICE_LEVELS: tuple[float, ...] = (0.5, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99)

#: Runners (prepared workforce + parameter set) kept at once; each holds per-employee arrays.
MAX_RUNNERS = 4

# the app's own words (metric labels come from the registry, figure texts from i18n)
_TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "Scenario explorer", "da": "Scenarieudforsker"},
    "levers": {"en": "Levers", "da": "Virkemidler"},
    "remote_days": {"en": "Remote days a week", "da": "Hjemmearbejdsdage om ugen"},
    "uptake": {"en": "Uptake (share who take them)", "da": "Tilslutning (andel der tager dem)"},
    "anchor_days": {"en": "Anchor days (everyone in)", "da": "Ankerdage (alle møder ind)"},
    "desk_rule": {"en": "Desks provided by", "da": "Arbejdspladser efter"},
    "by_service_level": {"en": "service level", "da": "serviceniveau"},
    "by_desk_ratio": {"en": "desk ratio", "da": "arbejdspladsnøgle"},
    "service_level": {"en": "Service level", "da": "Serviceniveau"},
    "desk_ratio": {"en": "Desks per employee", "da": "Arbejdspladser pr. medarbejder"},
    "release_space": {"en": "Surplus space given up", "da": "Overskydende areal afgivet"},
    "virtual_meeting_share": {
        "en": "Replaceable work trips held online",
        "da": "Erstattelige tjenesteture holdt online",
    },
    "departments": {"en": "Applies to departments", "da": "Gælder for afdelinger"},
    "sites": {"en": "Applies to sites", "da": "Gælder for arbejdssteder"},
    "all": {"en": "(empty: everyone)", "da": "(tom: alle)"},
    "parameters": {"en": "Parameters", "da": "Parametre"},
    "param_set": {"en": "Parameter set", "da": "Parametersæt"},
    "long_run": {
        "en": "Long-run effects (moving home, third places)",
        "da": "Langsigtede virkninger (flytning, tredjesteder)",
    },
    "long_run_short": {"en": "long run", "da": "langsigtet"},
    "key_params": {
        "en": "Key parameters (declared range)",
        "da": "Centrale parametre (angivet interval)",
    },
    "headline": {"en": "Headline", "da": "Hovedtal"},
    "metric": {"en": "Metric", "da": "Mål"},
    "perspective": {"en": "For whom", "da": "For hvem"},
    "unit": {"en": "Unit", "da": "Enhed"},
    "today": {"en": "Today", "da": "I dag"},
    "scenario": {"en": "Scenario", "da": "Scenarie"},
    "change": {"en": "Change", "da": "Ændring"},
    "range": {"en": "5–95 % range", "da": "5–95 %-interval"},
    "co2e": {"en": "CO₂e", "da": "CO₂e"},
    "desks": {"en": "Desks", "da": "Arbejdspladser"},
    "gains": {"en": "Who gains", "da": "Hvem vinder"},
    "map": {"en": "Map", "da": "Kort"},
    "compare": {"en": "Scenarios", "da": "Scenarier"},
    "site": {"en": "Site", "da": "Arbejdssted"},
    "employees": {"en": "Employees", "da": "Medarbejdere"},
    "desks_today": {"en": "Desks today", "da": "Arbejdspladser i dag"},
    "needed_today": {"en": "Needed today", "da": "Behov i dag"},
    "needed_scenario": {"en": "Needed in scenario", "da": "Behov i scenariet"},
    "draws": {"en": "Draws", "da": "Træk"},
    "ranges_button": {"en": "Monte Carlo ranges", "da": "Monte Carlo-intervaller"},
    "ranges_running": {
        "en": "Drawing {n} parameter sets ...",
        "da": "Trækker {n} parametersæt ...",
    },
    "ranges_done": {
        "en": "Ranges from {n} draws of the declared parameter uncertainty (seed {seed}).",
        "da": "Intervaller fra {n} træk af den angivne parameterusikkerhed (seed {seed}).",
    },
    "ranges_stale": {
        "en": "Levers changed: press the button for new ranges.",
        "da": "Håndtag ændret: tryk på knappen for nye intervaller.",
    },
    "scenario_name": {"en": "Scenario name", "da": "Scenariets navn"},
    "save": {"en": "Save scenario", "da": "Gem scenarie"},
    "export_plan": {"en": "Export plan (TOML)", "da": "Eksportér plan (TOML)"},
    "export_report": {"en": "Write report", "da": "Skriv rapport"},
    "saved": {"en": "Saved scenarios", "da": "Gemte scenarier"},
    "nothing_saved": {
        "en": "No scenario saved yet: set the levers, name them and press Save.",
        "da": "Intet scenarie gemt endnu: indstil håndtagene, giv dem et navn og tryk Gem.",
    },
    "written": {"en": "Written: {path}", "da": "Skrevet: {path}"},
    "reproduce": {"en": "Reproduce with: {cmd}", "da": "Genskab med: {cmd}"},
    "report_running": {"en": "Writing the report ...", "da": "Skriver rapporten ..."},
    "withheld": {
        "en": "Not shown: {why}. No total about fewer than {k} people reaches the browser.",
        "da": "Ikke vist: {why}. Ingen total om færre end {k} personer vises.",
    },
    "language": {"en": "Language", "da": "Sprog"},
    "no_map": {
        "en": "The map needs geopandas and a boundary file (remotecalc app --boundaries).",
        "da": "Kortet kræver geopandas og en fil med grænser (remotecalc app --boundaries).",
    },
    "show_map": {"en": "Draw map", "da": "Tegn kort"},
    "employees_n": {"en": "{n} employees", "da": "{n} medarbejdere"},
    "p_employee": {"en": "employees", "da": "medarbejdere"},
    "p_employer": {"en": "employer", "da": "arbejdsgiver"},
    "p_state": {"en": "state", "da": "staten"},
    "p_society": {"en": "society", "da": "samfundet"},
    "p_climate": {"en": "climate", "da": "klima"},
    "p_all": {"en": "all", "da": "alle"},
}


def text(key: str, lang: str = "en", **values: Any) -> str:
    """A text of the explorer in ``lang`` (``{placeholders}`` filled from ``values``).

    Examples
    --------
    >>> text("remote_days", "da")
    'Hjemmearbejdsdage om ugen'
    """
    check_lang(lang)
    s = _TEXT[key][lang]
    return s.format(**values) if values else s


# -- parameter choice ------------------------------------------------------------------------
@dataclass(frozen=True)
class ParamChoice:
    """Which parameters the explorer evaluates with.

    Attributes
    ----------
    name : str
        Packaged set name or a TOML path (:func:`remotecalc.load_parameters`).
    long_run : bool
        Apply the ``long-run`` variant (:meth:`Parameters.with_variant`).
    overrides : tuple of (key, value)
        Values set by the user (each within the key's declared uncertainty range in the app);
        an overridden value is fixed (Monte Carlo does not vary it).
    """

    name: str = "dk-2025"
    long_run: bool = False
    overrides: tuple[tuple[str, float], ...] = ()

    def build(self) -> Parameters:
        """The parameter set this choice names."""
        p = load_parameters(self.name)
        if self.long_run:
            p = p.with_variant("long-run")
        if self.overrides:
            p = p.with_overrides(dict(self.overrides))
        return p

    @property
    def is_packaged(self) -> bool:
        """True when the choice is a named set as it is (no variant, no override)."""
        return not self.long_run and not self.overrides


def key_parameter_table(params: Parameters, keys: Sequence[str] = KEY_PARAMETERS) -> pd.DataFrame:
    """The key parameters of a set that have a declared range: key, unit, value, low, high.

    The range is the uncertainty's ``low``..``high`` (uniform, triangular) or value ± 2 sd
    (normal, cut at 0). Keys the set lacks, or without an uncertainty, are left out.

    Examples
    --------
    >>> tab = key_parameter_table(load_parameters("dk-2025"))
    >>> bool((tab["low"] <= tab["value"]).all() and (tab["value"] <= tab["high"]).all())
    True
    """
    u = {str(r["key"]): r for r in params.uncertain().to_dict("records")}
    rows = []
    for k in keys:
        if k not in u:
            continue
        r = u[k]
        lo, hi = float(r["low"]), float(r["high"])
        if r["dist"] == "normal":
            lo, hi = (
                max(0.0, float(r["value"]) - 2 * float(r["sd"])),
                float(r["value"]) + 2 * float(r["sd"]),
            )
        rows.append(
            {"key": k, "unit": r["unit"], "value": float(r["value"]), "low": lo, "high": hi}
        )
    return pd.DataFrame(rows, columns=["key", "unit", "value", "low", "high"])


# -- evaluation ------------------------------------------------------------------------------
@dataclass
class Evaluation:
    """One evaluation of the levers: what the explorer shows, all aggregates.

    It quacks like an :class:`~remotecalc.evaluation.assessment.Assessment` where
    :func:`remotecalc.outputs.report.headline_table` needs it (``summary()``, ``scenario``,
    ``currency``).
    """

    scenario: Scenario
    choice: ParamChoice
    currency: str
    summary_frame: pd.DataFrame
    """``assess(...).summary()``, from :meth:`Runner.summary` (display units)."""
    n_selected: int
    """Employees the scenario applies to, as published (cell-key count noise; 0 when the
    selection is withheld). [persons]"""
    withheld_reason: str = ""
    """Why nothing is shown (a selection under the minimum group size); '' when shown."""

    def summary(self) -> pd.DataFrame:
        return self.summary_frame

    @property
    def shown(self) -> bool:
        return not self.withheld_reason


class ExplorerModel:
    """The explorer's evaluation layer: levers in, aggregates out, through the one engine.

    Parameters
    ----------
    workforce : Workforce
    params : Parameters, str or ParamChoice, optional
        Default ``"dk-2025"``. A :class:`Parameters` object is used as it is (its name is
        what an exported plan names).
    min_group_size : int, default 5
        No group (department, site) smaller than this is shown; no total about fewer people
        is shown.

    Examples
    --------
    >>> import remotecalc as rc
    >>> wf = rc.datasets.demo_workforce(300, seed=1)
    >>> m = ExplorerModel(wf)
    >>> ev = m.evaluate(rc.Scenario(name="2 days", remote_days_per_week=2))
    >>> h = m.headline(ev).set_index("metric")
    >>> bool(h.loc["net_co2e_t", "change"] < 0)
    True
    """

    def __init__(
        self,
        workforce: Workforce,
        params: Parameters | str | ParamChoice | None = None,
        *,
        min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    ) -> None:
        self.workforce = workforce
        self.min_group_size = disclosure.check_min_group_size(min_group_size)
        self._given: Parameters | None = None
        if isinstance(params, ParamChoice):
            self.default_choice = params
        elif isinstance(params, Parameters):
            self._given = params
            self.default_choice = ParamChoice(name=params.name)
        else:
            self.default_choice = ParamChoice(name=str(params or "dk-2025"))
        self._runners: OrderedDict[ParamChoice, Runner] = OrderedDict()
        # (choice, the secret's environment variable) -> (secret, record keys): what the
        # noise of every published cell is keyed on (see _record_keys)
        self._keys: OrderedDict[tuple[ParamChoice, str], tuple[bytes, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def has_work_trips(self) -> bool:
        """Whether the workforce has work trips attached (the virtual-meeting lever applies)."""
        return getattr(self.workforce, "work_trips", None) is not None

    # -- the prepared workforce per parameter choice --
    def params(self, choice: ParamChoice | None = None) -> Parameters:
        """The parameter set of a choice (the given object for the default choice)."""
        return self.runner(choice).params

    def runner(self, choice: ParamChoice | None = None) -> Runner:
        """The sweep's :class:`~remotecalc.analysis.sweep.Runner` for a parameter choice
        (built once, the last :data:`MAX_RUNNERS` kept)."""
        from remotecalc.analysis.sweep import Runner

        choice = choice or self.default_choice
        with self._lock:
            if choice in self._runners:
                self._runners.move_to_end(choice)
                return self._runners[choice]
        if self._given is not None and choice == self.default_choice:
            p = self._given
        elif self._given is not None and choice.name == self._given.name:
            p = self._given
            if choice.long_run:
                p = p.with_variant("long-run")
            if choice.overrides:
                p = p.with_overrides(dict(choice.overrides))
        else:
            p = choice.build()
        r = Runner(self.workforce, p)
        with self._lock:
            self._runners[choice] = r
            while len(self._runners) > MAX_RUNNERS:
                self._runners.popitem(last=False)
        return r

    # -- lists for the widgets --
    def departments(self) -> list[str]:
        """Departments a policy can be applied to: those with at least ``min_group_size``
        employees (a smaller one cannot be shown on its own)."""
        return self._groups("department")

    def site_ids(self) -> list[str]:
        """Sites a policy can be applied to (at least ``min_group_size`` employees)."""
        return self._groups("site_id")

    def _groups(self, col: str) -> list[str]:
        staff = self.workforce.staff
        if col not in staff.columns:
            return []
        n = staff[col].astype(str).value_counts()
        return sorted(n[n >= self.min_group_size].index)

    def key_parameters(self, choice: ParamChoice | None = None) -> pd.DataFrame:
        """:func:`key_parameter_table` of the choice's set *without* its overrides."""
        choice = choice or self.default_choice
        return key_parameter_table(self.runner(ParamChoice(choice.name, choice.long_run)).params)

    # -- one lever change --
    def evaluate(self, scenario: Scenario, choice: ParamChoice | None = None) -> Evaluation:
        """The summary of a scenario (the numbers of ``assess(...).summary()``).

        A scenario whose ``applies_to`` selects fewer than ``min_group_size`` employees, or
        whose result differs from another the app can show by fewer than that many
        (:func:`differencing_risks`), is not evaluated: its :class:`Evaluation` is empty and
        says why.
        """
        choice = choice or self.default_choice
        r = self.runner(choice)
        staff = self.workforce.staff
        small = disclosure.small_sweep_selections(staff, [scenario], self.min_group_size)
        small += differencing_risks(staff, scenario, self.min_group_size)
        if small:  # one message for every withheld selection, and no count of it
            empty = pd.DataFrame(columns=r.summary(Scenario(name="-")).columns)
            reason = disclosure.refused_selection(scenario.name, self.min_group_size)
            return Evaluation(scenario, choice, r.params.currency, empty, 0, reason)
        # what the app shows is published (docs/privacy.md): the summary's totals and the
        # selection's count carry the cell-key noise of remotecalc.evaluation.disclosure
        e = self.per_employee(scenario, choice)
        secret, keys = self._record_keys(e, choice)
        summary = disclosure.publish_summary(
            r.summary(scenario),
            e,
            self.min_group_size,
            discount_rate=discount_rate(scenario, r.params),
            horizon_years=horizon_years(scenario, r.params),
            keys=keys,
            secret=secret,
        )
        selected = pd.Series(_mask(staff, scenario.applies_to)).map({True: "selected", False: None})
        n_sel = int(
            disclosure.publish_groups(
                e[[]], selected, self.min_group_size, keys=keys.copy(), secret=secret
            )["employees"].sum()
        )
        return Evaluation(scenario, choice, r.params.currency, summary, n_sel)

    def _record_keys(
        self, per_employee: pd.DataFrame, choice: ParamChoice
    ) -> tuple[bytes, np.ndarray]:
        """The disclosure secret and record keys of :meth:`per_employee` frames of a choice
        (:func:`~remotecalc.evaluation.disclosure.disclosure_secret`,
        :func:`~remotecalc.evaluation.disclosure.record_keys`), worked out once per choice.

        They depend only on the frame's staff columns (the staff file as read, and the
        runner's distances: the same for every scenario of a choice; the scenario's results
        are left out by design, so that every scenario shares the record keys) and on the
        environment variable :data:`~remotecalc.evaluation.disclosure.SECRET_ENV`, read on
        every call and part of the key. Keys are handed out as a copy.
        """
        import os

        key = (choice, os.environ.get(disclosure.SECRET_ENV, ""))
        with self._lock:
            hit = self._keys.get(key)
            if hit is not None:
                self._keys.move_to_end(key)
        if hit is None:
            secret = disclosure.disclosure_secret(per_employee)
            hit = (secret, disclosure.record_keys(per_employee, secret))
            with self._lock:
                self._keys[key] = hit
                while len(self._keys) > 2 * MAX_RUNNERS:
                    self._keys.popitem(last=False)
        return hit[0], hit[1].copy()

    def headline(
        self, evaluation: Evaluation, lang: str = "en", ranges: Ranges | None = None
    ) -> pd.DataFrame:
        """The headline table (:func:`remotecalc.outputs.report.headline_table`) plus a
        ``perspective``
        column; its rows are the registry's headline metrics, so new metrics appear."""
        from remotecalc.outputs.report import headline_table

        if not evaluation.shown:
            return pd.DataFrame(
                columns=["scenario_name", "metric", "label", "unit", "baseline", "scenario"]
                + ["change", "p05", "p95", "perspective"]
            )
        h = headline_table([evaluation], ranges, lang)  # type: ignore[list-item]
        h["perspective"] = [metrics.get(m).perspective for m in h["metric"]]
        return h

    def waterfall_figure(self, evaluation: Evaluation, lang: str = "en") -> Figure:
        """The CO₂e waterfall of :func:`remotecalc.outputs.plotting.waterfall`."""
        fig = _figure(6.4, 3.6)
        if evaluation.shown:
            plotting.waterfall(
                evaluation.summary(), fig.add_subplot(), lang=lang, caption=False, title=False
            )
        return fig

    def site_desks(
        self, scenario: Scenario, choice: ParamChoice | None = None, lang: str = "en"
    ) -> pd.DataFrame:
        """Desks per site today and in the scenario, small sites pooled
        (:func:`remotecalc.evaluation.disclosure.pool_sites`).

        Columns: ``label``, ``employees``, ``desks_today`` (provided), ``desks_needed_baseline``
        and ``desks_needed_scenario`` (at the scenario's service level or desk ratio; NaN
        where fewer than the minimum group size work at desks there,
        :func:`remotecalc.evaluation.disclosure.withhold_desk_groups`), ``sites_pooled``.
        """
        r = self.runner(choice)
        sites = self.workforce.sites
        base = r.baseline_desks(scenario.service_level)["desks_needed"].to_numpy(float)
        scen = r.desks(scenario, r.onsite(scenario))
        table = pd.DataFrame(
            {
                "site_id": sites["site_id"].astype(str).to_numpy(),
                "employees": _site_employees(r),
                "desk_employees": _site_desk_employees(r),
                "desks_today": _desks_today(r, base),
                "desks_needed_baseline": base,
                "desks_needed_scenario": scen,
            }
        )
        if "site_name" in sites.columns:
            table["site_name"] = sites["site_name"].astype(str).to_numpy()
        out = disclosure.pool_sites(table, self.min_group_size, lang)
        return out[
            [
                "label",
                "employees",
                "desks_today",
                "desks_needed_baseline",
                "desks_needed_scenario",
                "sites_pooled",
            ]
        ]

    def desk_curve(
        self,
        scenario: Scenario,
        choice: ParamChoice | None = None,
        service_levels: Sequence[float] = SERVICE_LEVELS,
        lang: str = "en",
    ) -> tuple[pd.DataFrame, float]:
        """Desks needed against the service level (summed over the sites shown), today and in
        the scenario; the table :func:`remotecalc.outputs.plotting.desks_vs_service_level` draws,
        and
        the desks provided at those sites today."""
        r = self.runner(choice)
        shown = ~disclosure.site_mask(
            pd.Series(_site_employees(r), index=self.workforce.sites["site_id"].astype(str)),
            self.min_group_size,
        ).to_numpy(dtype=bool)
        onsite_s = r.onsite(scenario)
        rows = []
        for sl in service_levels:
            s = scenario.replace(service_level=float(sl), desk_ratio=None)
            base = r.baseline_desks(float(sl))["desks_needed"].to_numpy(float)
            rows.append((t("today", lang), float(sl), float(base[shown].sum())))
            rows.append((scenario.name, float(sl), float(r.desks(s, onsite_s)[shown].sum())))
        base = r.baseline_desks(scenario.service_level)["desks_needed"].to_numpy(float)
        desks_today = float(_desks_today(r, base)[shown].sum())
        return pd.DataFrame(rows, columns=["scenario_name", "service_level", "desks_needed"]), (
            desks_today
        )

    def desk_figure(
        self, scenario: Scenario, choice: ParamChoice | None = None, lang: str = "en"
    ) -> Figure:
        """:func:`remotecalc.outputs.plotting.desks_vs_service_level` of :meth:`desk_curve`."""
        curve, today = self.desk_curve(scenario, choice, lang=lang)
        fig = _figure(6.4, 3.6)
        plotting.desks_vs_service_level(
            curve,
            fig.add_subplot(),
            desks_today=None if math.isnan(today) else today,
            chosen=None if scenario.desk_ratio is not None else scenario.service_level,
            lang=lang,
            caption=False,
        )
        return fig

    def per_employee(self, scenario: Scenario, choice: ParamChoice | None = None) -> pd.DataFrame:
        """``assess(...).per_employee`` (the engine's per-employee metrics, as ``assess`` builds
        them). Never shown: only :meth:`gains` (disclosure-controlled) reaches the app."""
        r = self.runner(choice)
        inp, v = r.inputs, r.values
        onsite_s, applies = engine.scenario_onsite(self.workforce.staff, scenario, inp)
        movers = engine.scenario_movers(self.workforce.staff, scenario, inp, v)
        trips = (  # as assess: work trips at the scenario's virtual-meeting share
            None
            if r.prepared.trips is None
            else r.prepared.trips.with_share(scenario.virtual_meeting_share)
        )
        scen = engine.employee_metrics(
            engine.employee_blocks(inp, onsite_s, v, movers), v, inp.own, trips, inp.factors
        )
        return per_employee_frame(
            self.workforce.staff, inp, onsite_s, applies, r.prepared.baseline, scen
        )

    def gains(
        self,
        scenario: Scenario,
        choice: ParamChoice | None = None,
        by: str = "department",
        lang: str = "en",
    ) -> pd.DataFrame:
        """Gains by group (:func:`remotecalc.evaluation.disclosure.group_summary`: small groups
        pooled)."""
        if by not in self.workforce.staff.columns:
            return pd.DataFrame()
        return disclosure.group_summary(
            self.per_employee(scenario, choice), by, self.min_group_size, lang
        )

    def gains_figure(
        self,
        scenario: Scenario,
        choice: ParamChoice | None = None,
        by: str = "department",
        lang: str = "en",
    ) -> Figure | None:
        """:func:`remotecalc.outputs.plotting.gains_by_group` (None without the grouping column)."""
        if by not in self.workforce.staff.columns:
            return None
        e = self.per_employee(scenario, choice)
        fig = _figure(6.4, 0.8 + 0.3 * max(3, e[by].nunique()))
        plotting.gains_by_group(
            e,
            by,
            fig.add_subplot(),
            currency=self.params(choice).currency,
            min_group_size=self.min_group_size,
            lang=lang,
            caption=False,
        )
        return fig

    def ranges(
        self,
        scenario: Scenario,
        choice: ParamChoice | None = None,
        n_draws: int = 300,
        seed: int = 0,
    ) -> Ranges:
        """Monte Carlo ranges of the scenario (:func:`remotecalc.monte_carlo`), for
        :meth:`headline`."""
        from remotecalc.analysis import monte_carlo
        from remotecalc.outputs.report import Ranges

        mc = monte_carlo(self.workforce, scenario, self.params(choice), n_draws=n_draws, seed=seed)
        return Ranges(monte_carlo={scenario.name: mc.summary()}, n_draws=n_draws)


def _site_employees(r: Runner) -> np.ndarray:
    # every employee of a site (as assess's per_site): what disclosure decides sites by
    code = r.inputs.site_code
    return np.bincount(code[code >= 0], minlength=len(r.workforce.sites))


def _site_desk_employees(r: Runner) -> np.ndarray:
    # those desks concern (as assess's per_site): a site's desk results are withheld when
    # they are too few (disclosure.withhold_desk_groups)
    desk = r.inputs.desk_code
    return np.bincount(desk[desk >= 0], minlength=len(r.workforce.sites))


def _desks_today(r: Runner, desks_needed_today: np.ndarray) -> np.ndarray:
    return r.sites.desks_today(desks_needed_today)  # as the per-site table of assess


def _mask(staff: pd.DataFrame, applies_to: Mapping[str, Sequence[str]]) -> np.ndarray:
    return Selection.of(applies_to).mask(staff)


def differencing_risks(
    staff: pd.DataFrame, scenario: Scenario, min_group_size: int = DEFAULT_MIN_GROUP_SIZE
) -> list[str]:
    """Why a selection's totals would reveal a small group by difference ([] : they would not).

    In the explorer one can show the same levers for everyone and for the selection, and for
    the selection with one of its conditions dropped (a department at all its sites, and at
    one site). If two such selections differ by 1 to ``min_group_size - 1`` employees, the
    difference of their totals describes those people. Departments and sites offered in the
    app all have at least ``min_group_size`` employees; this checks their combinations.

    Examples
    --------
    >>> staff = pd.DataFrame({"department": ["A"] * 8 + ["B"] * 9,
    ...                       "site_id": ["S"] * 6 + ["T"] * 2 + ["S"] * 9})
    >>> sc = Scenario(name="x", applies_to={"department": ["A"], "site_id": ["S"]})
    >>> differencing_risks(staff, sc)
    ["scenario 'x': without its site_id condition it selects 2 more employee(s)"]
    """
    k = disclosure.check_min_group_size(min_group_size)
    if not scenario.applies_to:
        return []
    out = []
    n, sel = len(staff), int(_mask(staff, scenario.applies_to).sum())
    if 0 < n - sel < k:
        out.append(f"scenario '{scenario.name}': everyone but {n - sel} employee(s) selected")
    if len(scenario.applies_to) > 1:
        for col in scenario.applies_to:
            rest = {c: v for c, v in scenario.applies_to.items() if c != col}
            more = int(_mask(staff, rest).sum()) - sel
            if 0 < more < k:
                out.append(
                    f"scenario '{scenario.name}': without its {col} condition it selects "
                    f"{more} more employee(s)"
                )
    return out


def _selected(staff: pd.DataFrame, scenario: Scenario) -> int:
    return int(_mask(staff, scenario.applies_to).sum())


def _figure(width: float, height: float) -> Figure:
    # a Figure not registered with pyplot: nothing to close, safe in a server thread
    from matplotlib.figure import Figure

    with plotting.style():
        return Figure(figsize=(width, height), layout="constrained")


# -- TOML export -----------------------------------------------------------------------------
def _toml_value(x: Any) -> str:
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError(f"TOML cannot hold {x}")
        return repr(x)
    if isinstance(x, str):
        # a JSON string is a TOML basic string, once DEL is escaped too
        return json.dumps(x, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(x, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in x) + "]"
    if isinstance(x, Mapping):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in x.items()) + " }"
    raise TypeError(f"cannot write {type(x).__name__} to TOML")


def _toml_key(k: str) -> str:
    bare = k and all(c.isascii() and (c.isalnum() or c in "_-") for c in k)
    return k if bare else _toml_value(str(k))


def plan_toml(scenarios: Sequence[Scenario], header: str = "") -> str:
    """A TOML plan of scenarios, one ``[[scenario]]`` table each, as
    :func:`remotecalc.load_scenarios` reads it (every lever written, so nothing depends on
    defaults).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from remotecalc.inputs.scenario import load_scenarios
    >>> s = [Scenario(name='2 "days"', remote_days_per_week=2, anchor_days=("tue",)),
    ...      Scenario(name="B", applies_to={"department": ["Jobcenter"]}, desk_ratio=0.7)]
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "plan.toml"
    >>> _ = path.write_text(plan_toml(s), encoding="utf-8")
    >>> load_scenarios(path) == s
    True
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()] if header else []
    for sc in scenarios:
        lines += ["", "[[scenario]]"]
        for k, v in sc.model_dump(exclude={"kind"}).items():
            if v is None or (k == "applies_to" and not v):
                continue
            if k == "applies_to":
                v = {col: list(vals) for col, vals in v.items()}
            lines.append(f"{k} = {_toml_value(v)}")
    return "\n".join(lines).lstrip("\n") + "\n"


def parameters_toml(params: Parameters) -> str:
    """A parameter set as a TOML file :func:`remotecalc.load_parameters` reads back to the
    same values (every entry with its unit, year, source, status, uncertainty and note).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = load_parameters("dk-2025").with_overrides({"office.area_per_desk_m2": 12.0})
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "params.toml"
    >>> _ = path.write_text(parameters_toml(p), encoding="utf-8")
    >>> q = load_parameters(path)
    >>> q["office.area_per_desk_m2"], all(q[k] == p[k] for k in p.keys())
    (12.0, True)
    """
    meta = dict(params.meta)
    meta["name"] = params.name
    lines = ["[meta]"] + [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in meta.items()]
    for key in params.keys():
        e = params.entry(key)
        lines += ["", "[" + ".".join(_toml_key(part) for part in key.split(".")) + "]"]
        if e.same_as is not None:  # a linked key stays linked to its root
            lines.append(f"same_as = {_toml_value(e.same_as)}")
            lines.append(f"note = {_toml_value(e.note)}")
            continue
        lines.append(f"value = {_toml_value(float(e.value))}")
        lines.append(f"unit = {_toml_value(e.unit)}")
        if e.year is not None:
            lines.append(f"year = {_toml_value(e.year)}")
        lines.append(f"source = {_toml_value(e.source)}")
        lines.append(f"status = {_toml_value(e.status)}")
        if e.uncertainty is not None:
            lines.append(f"uncertainty = {_toml_value(dict(e.uncertainty))}")
        if e.note:
            lines.append(f"note = {_toml_value(e.note)}")
    return "\n".join(lines) + "\n"


@dataclass
class ExportedPlan:
    """What :func:`export_plan` wrote."""

    plan: Path
    params: Path | None
    command: str
    params_arg: str = field(default="dk-2025")


def export_plan(
    scenarios: Sequence[Scenario],
    params: Parameters,
    choice: ParamChoice,
    out: str | Path,
    staff: str = "STAFF",
    sites: str = "SITES",
) -> ExportedPlan:
    """Write ``plan.toml`` (and ``parameters.toml`` when the parameters are not a packaged set
    as it is) into ``out``; return the paths and the ``remotecalc report`` command line.

    The files are written as one set (:func:`remotecalc.exports.output_set`): an interrupted
    or failed export leaves the previous plan and parameters as they were, never a new plan
    beside old parameters; a ``parameters.toml`` of a previous export that this one does not
    need is removed with it."""
    from remotecalc.exports import output_set

    out = Path(out)
    params_arg = choice.name
    params_path = None
    if not choice.is_packaged:
        params_path = out / "parameters.toml"
        params_arg = str(params_path)
    plan = out / "plan.toml"
    cmd = f"remotecalc report {staff} --sites {sites} --scenario {plan} --params {params_arg}"
    header = (
        "A remote-work plan saved in the remotecalc scenario explorer.\n"
        f"Parameters: {params.name}"
        + (" (long-run variant)" if choice.long_run else "")
        + "".join(f"; {k} = {v:g}" for k, v in choice.overrides)
        + f"\nReproduce: {cmd}"
    )
    with output_set(out, "out") as written:
        if params_path is not None:
            (written.staging / "parameters.toml").write_text(
                parameters_toml(params), encoding="utf-8"
            )
        (written.staging / "plan.toml").write_text(plan_toml(scenarios, header), encoding="utf-8")
    return ExportedPlan(plan, params_path, cmd, params_arg)


def weekday_options(lang: str = "en") -> dict[str, str]:
    """Label -> weekday key for the anchor-day widget."""
    names = {
        "en": ("Mon", "Tue", "Wed", "Thu", "Fri"),
        "da": ("man", "tir", "ons", "tor", "fre"),
    }[check_lang(lang)]
    return dict(zip(names, WEEKDAYS, strict=True))


def format_cell(x: float, lang: str, decimals: int) -> str:
    """A headline number as the app shows it (the report's number format)."""
    return (
        ""
        if x is None or (isinstance(x, float) and math.isnan(x))
        else fmt_number(x, lang, decimals)
    )


def format_share(x: float, lang: str) -> str:
    return fmt_percent(x, lang)


def map_figure(
    model: ExplorerModel,
    scenario: Scenario,
    boundaries: str | Path,
    choice: ParamChoice | None = None,
    lang: str = "en",
) -> Figure:
    """CO₂e saved by home municipality (:func:`remotecalc.outputs.boundaries.by_municipality`, small
    areas withheld, drawn by :func:`remotecalc.outputs.plotting.municipality_map`). Needs
    geopandas."""
    from remotecalc.evaluation.entry import assess
    from remotecalc.outputs import boundaries as boundary_data

    res = assess(
        model.workforce, scenario, model.params(choice), min_group_size=model.min_group_size
    )
    areas = boundary_data.read_boundaries(boundaries)
    values = boundary_data.by_municipality(
        model.workforce, res, areas, min_group_size=model.min_group_size
    )
    fig = _figure(6.4, 5.0)
    plotting.municipality_map(
        values,
        areas,
        fig.add_subplot(),
        label=t("co2e_saved_total", lang),
        min_group_size=model.min_group_size,
        lang=lang,
        caption=False,
    )
    return fig
