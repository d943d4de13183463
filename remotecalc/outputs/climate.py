"""Climate account: GHG Protocol Scope 3 Category 7 (employee commuting) for a year.

Municipalities and companies report employee commuting, and optionally teleworking, as
Scope 3 Category 7 of their climate accounts (DK2020 climate plans, ESRS E1). This
module arranges what the one model computes into that inventory: annual emissions today
(baseline) and under a scenario, not only the change.

- **Employee commuting**, by mode: the GHG Protocol's *distance-based method* (each
  employee's distance and mode × the mode's factor per passenger-km). The numbers are the
  engine's: the sum of ``commute_co2e_kg`` of :attr:`remotecalc.Assessment.per_employee`
  (:func:`remotecalc.model.engine.employee_metrics`), grouped by mode. No formula is repeated.
- **Teleworking** (optional in Category 7), by two *average-data* routes side by side:
  the UK DESNZ homeworking method, FTE working hours at home × the DESNZ 2025 factor per
  FTE working hour (:func:`remotecalc.formulas.home.homeworking_co2e_kg_per_year`, the factor from
  the parameter set's ``account.homeworking_co2e_kg_per_fte_hour``), and remotecalc's own
  home-energy route (the engine's ``home_energy_co2e_kg``: extra kWh per home day × the
  set's energy factors, or the set's own per-hour factor).
- **Totals**: commuting plus teleworking, one total per teleworking route (never both).

The table is tidy: one row per item, mass in kg (``co2e_kg_*``), the method named as the
GHG Protocol's Technical Guidance for Calculating Scope 3 Emissions (2013), chapter 7, names
it, and the system boundary of the commute factors (well-to-wheel or tank-to-wheel, the
parameter set's ``emission_scope``). Non-commute trips caused by home working and ICT are
outside Category 7 and not in the account (they are in the assessment's net CO₂e).

Disclosure: the account is an organisation total; its by-mode rows pass
:mod:`remotecalc.evaluation.disclosure` (modes under the minimum group size are pooled into an
unnamed
row, with complementary suppression against departments, units and sites), and a workforce
or ``applies_to`` selection under the minimum group size is refused unless ``allow_small``.

References
----------
World Resources Institute & WBCSD (2013). Technical Guidance for Calculating Scope 3
Emissions, version 1.0, Category 7: Employee Commuting ("distance-based method",
"average-data method"; "Companies may include emissions from teleworking").

UK Department for Energy Security and Net Zero (2025). Greenhouse gas reporting: conversion
factors 2025, Homeworking (office equipment + heating), per FTE Working Hour.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from remotecalc.evaluation import backend, disclosure
from remotecalc.evaluation.disclosure import DEFAULT_MIN_GROUP_SIZE
from remotecalc.exports import write_csv, write_xlsx
from remotecalc.formulas import home
from remotecalc.i18n import (
    TEXTS,
    Note,
    check_lang,
    fmt_number,
    note_text,
    t,
    unit_label,
)
from remotecalc.inputs.scenario import Scenario
from remotecalc.model import engine

if TYPE_CHECKING:
    from pathlib import Path

    from remotecalc.evaluation.assessment import Assessment
    from remotecalc.inputs.parameters import Parameters
    from remotecalc.inputs.workforce import Workforce

__all__ = [
    "ACCOUNT_COLUMNS",
    "CATEGORY",
    "HOMEWORKING_KEY",
    "HOMEWORKING_UNIT",
    "METHOD_AVERAGE_DATA",
    "METHOD_DISTANCE_BASED",
    "TELEWORKING_METHODS",
    "account_from_assessment",
    "account_sheet",
    "account_table_for_report",
    "climate_account",
    "recommended_route",
    "report_parts",
    "reportable_figures",
    "write_account",
]

#: The Scope 3 category of every row.
CATEGORY = "Scope 3 Category 7: Employee commuting"
#: Work trips (mileage claims, travel records) are business travel, another category.
CATEGORY_BUSINESS_TRAVEL = "Scope 3 Category 6: Business travel"
#: GHG Protocol method names (Technical Guidance for Calculating Scope 3 Emissions, ch. 7).
METHOD_DISTANCE_BASED = "distance-based method"
METHOD_AVERAGE_DATA = "average-data method"
#: Parameter key of the DESNZ homeworking factor, and its unit.
HOMEWORKING_KEY = "account.homeworking_co2e_kg_per_fte_hour"
HOMEWORKING_UNIT = "kg CO2e/FTE-hour"
#: The teleworking routes: key -> what it is.
TELEWORKING_METHODS: dict[str, str] = {
    "desnz": "UK DESNZ homeworking: FTE working hours at home × kg CO2e per FTE working hour",
    "home_energy": "remotecalc home energy: the parameter set's home-energy route per home day",
}
#: Columns of the account, in order (``*_scenario`` and ``co2e_kg_change`` only with a scenario).
ACCOUNT_COLUMNS: tuple[str, ...] = (
    "scenario_name",
    "category",
    "component",
    "level",
    "mode",
    "teleworking_method",
    "method",
    "basis",
    "boundary",
    "employees",
    "activity_unit",
    "activity_baseline",
    "activity_scenario",
    "co2e_kg_baseline",
    "co2e_kg_scenario",
    "co2e_kg_change",
    "suppressed",
)
_SCENARIO_ONLY = ("scenario_name", "activity_scenario", "co2e_kg_scenario", "co2e_kg_change")
#: Text keys there are (to label a value only where a label exists).
_TEXT_KEYS = TEXTS
#: Name of the no-change scenario assessed when none is given.
_TODAY = "today"


def climate_account(
    workforce: Workforce,
    params: Parameters | str | None = None,
    scenario: Scenario | None = None,
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    allow_small: bool = False,
) -> pd.DataFrame:
    """Scope 3 Category 7 emissions of a workforce for a year, today and under a scenario.

    Parameters
    ----------
    workforce : Workforce
        Validated staff and sites (:func:`remotecalc.read_staffing`), in memory.
    params : Parameters or str, optional
        Parameter set or its name/path; default ``"dk-2025"``. Must hold
        ``account.homeworking_co2e_kg_per_fte_hour`` (both packaged sets do).
    scenario : Scenario, optional
        The scenario to account for beside today. Without one the table has today only
        (no ``*_scenario`` or ``co2e_kg_change`` columns).
    min_group_size : int, default 5
        Smallest group shown: modes with fewer employees are pooled. [persons]
    allow_small : bool, default False
        Account for fewer than ``min_group_size`` people (workforce or the scenario's
        ``applies_to`` selection) anyway; the table then has no by-mode rows.

    Returns
    -------
    pandas.DataFrame
        :data:`ACCOUNT_COLUMNS`, one row per item; see :func:`account_from_assessment`.

    Raises
    ------
    ValueError
        For a workforce or selection under ``min_group_size`` without ``allow_small``, or a
        parameter set without the homeworking factor.

    Examples
    --------
    >>> import remotecalc as rc
    >>> wf = rc.datasets.demo_workforce(200, seed=3)
    >>> acc = rc.climate_account(wf, scenario=rc.Scenario(name="2 days", remote_days_per_week=2))
    >>> total = acc[(acc["level"] == "total") & (acc["teleworking_method"] == "desnz")]
    >>> bool((total["co2e_kg_change"] < 0).all())
    True
    """
    from remotecalc.evaluation.entry import assess

    backend.require_pandas(
        workforce, "the climate account needs the staff in memory: pass workforce.to_pandas()"
    )
    disclosure.check_publishable(workforce.n_employees, min_group_size, allow_small)
    sc = scenario if scenario is not None else Scenario(name=_TODAY)
    res = assess(workforce, sc, params, min_group_size=min_group_size)
    return account_from_assessment(
        res, include_scenario=scenario is not None, allow_small=allow_small
    )


def recommended_route(p: Parameters) -> str:
    """The teleworking route whose Category 7 total a climate account should report.

    The parameter set's own home-energy route (extra kWh of a home day × the country's
    energy factors, BR18 for Denmark) where the set has one; the DESNZ per-hour factor
    describes UK homes, mostly gas-heated, and is the cross-check. A set whose home energy
    *is* a per-FTE-hour homeworking factor (``home.co2e_kg_per_fte_hour`` > 0, the
    uk-desnz-2025 set) reports the published DESNZ route.

    Examples
    --------
    >>> from remotecalc.inputs.parameters import load_parameters
    >>> recommended_route(load_parameters("dk-2025")), recommended_route(
    ...     load_parameters("uk-desnz-2025"))
    ('home_energy', 'desnz')
    """
    return "desnz" if float(p["home.co2e_kg_per_fte_hour"]) > 0 else "home_energy"


def _homeworking_factor(p: Parameters) -> float:
    """The DESNZ homeworking factor of a set, or an error saying how to add it."""
    if HOMEWORKING_KEY not in p:
        raise ValueError(
            f"parameter set '{p.name}' has no '{HOMEWORKING_KEY}' [{HOMEWORKING_UNIT}], "
            "which the climate account's DESNZ teleworking row needs: add it to the set's "
            "TOML (UK DESNZ 2025: 0.33378, ID 32_603_9999_12_1), as the packaged sets have it"
        )
    unit = p.entry(HOMEWORKING_KEY).unit
    if unit != HOMEWORKING_UNIT:
        raise ValueError(
            f"parameter set '{p.name}': {HOMEWORKING_KEY} has unit '{unit}'; "
            f"expected '{HOMEWORKING_UNIT}'"
        )
    return float(p[HOMEWORKING_KEY])


def _mode_rows(
    e: pd.DataFrame, k: int, small: bool, keys: np.ndarray, secret: bytes
) -> tuple[pd.DataFrame, int]:
    """Commute sums by mode, withheld modes pooled (disclosure); and how many were pooled.

    ``keys`` and ``secret``: :func:`remotecalc.evaluation.disclosure.record_keys` and
    :func:`~remotecalc.evaluation.disclosure.disclosure_secret` of ``e``.
    """
    cols = [
        "commute_co2e_kg_baseline",
        "commute_co2e_kg_scenario",
        "commute_km_baseline",
        "commute_km_scenario",
    ]
    g = e.groupby("mode", observed=True, sort=True)
    sums = g[cols].sum()
    sums.insert(0, "employees", g.size())
    sums.index = sums.index.astype(str)
    if small:  # a small output: no breakdown at all (allow_small)
        return sums.iloc[:0].assign(suppressed=False), 0
    group_cols = sorted(
        {"mode"} | {c for grp in disclosure.STANDARD_GROUPINGS for c in grp if c in e.columns}
    )
    mask = disclosure.withheld(e[group_cols], ("mode",), k)[("mode",)]
    withheld = mask.reindex(sums.index).fillna(False).astype(bool)
    pools = disclosure.pool_members(withheld, sums["employees"], None, k)
    # published rows (disclosure.publish_groups): baseline and change perturbed per cell
    label_of = {m: m for m in sums.index[~withheld.to_numpy()]}
    pooled = []
    for _parent, members in pools:
        label = t("ca_modes_pooled", "en", n=len(members))
        label_of.update({m: label for m in members})
        pooled.append(label)
    metrics_ = ("commute_co2e_kg", "commute_km")
    pub = disclosure.publish_groups(
        e[[f"{m}_{st}" for m in metrics_ for st in ("baseline", "change")]],
        e["mode"].astype(str).map(label_of).to_numpy(),
        k,
        keys=keys,
        secret=secret,
    )
    for m in metrics_:
        pub[f"{m}_scenario"] = pub[f"{m}_baseline"] + pub.pop(f"{m}_change")
    shown = list(sums.index[~withheld.to_numpy()])
    out = pub.reindex([*shown, *pooled])[["employees", *cols]]
    out["suppressed"] = [lab in pooled for lab in out.index]
    out["employees"] = out["employees"].astype(int)
    return out, int(withheld.sum())


def account_from_assessment(
    assessment: Assessment,
    *,
    include_scenario: bool = True,
    allow_small: bool = False,
    min_group_size: int | None = None,
) -> pd.DataFrame:
    """The Scope 3 Category 7 account of an assessment (its baseline and its scenario).

    Arranges the assessment's own per-employee results; computes no commute or home-energy
    figure anew. Only the DESNZ teleworking row is computed here, by
    :func:`remotecalc.formulas.home.homeworking_co2e_kg_per_year` on the assessment's home days.

    Parameters
    ----------
    assessment : Assessment
        From :func:`remotecalc.assess` (in memory).
    include_scenario : bool, default True
        Keep the scenario's columns (False: today only).
    allow_small : bool, default False
        See :func:`climate_account`.
    min_group_size : int, optional
        Default the assessment's.

    Returns
    -------
    pandas.DataFrame
        One row per item (:data:`ACCOUNT_COLUMNS`):

        - ``component`` "commuting", ``level`` "detail": one row per mode (``mode``), modes
          under the minimum group size pooled into one unnamed row (``suppressed`` True);
        - ``component`` "commuting", ``level`` "subtotal", ``mode`` "all": every mode;
        - ``component`` "teleworking", ``level`` "subtotal": one row per route
          (``teleworking_method`` "desnz" or "home_energy", :data:`TELEWORKING_METHODS`);
        - ``component`` "total", ``level`` "total": commuting + teleworking, one row per
          teleworking route. Add no two rows of different routes.

        ``method`` is the GHG Protocol's name, ``basis`` the factor used, ``boundary`` the
        commute factors' system boundary (the set's ``emission_scope``); ``activity_*`` in
        ``activity_unit`` (passenger-km, FTE working hours or home days per year);
        ``co2e_kg_baseline``, ``co2e_kg_scenario``, ``co2e_kg_change`` (scenario − today)
        [kg CO2e/yr]. ``DataFrame.attrs`` holds the parameter set, its emission scope and
        scope note, the homeworking factor, the number of modes pooled and the notes.

    Raises
    ------
    ValueError
        As :func:`climate_account`.
    """
    if assessment.is_lazy:
        raise TypeError("the climate account needs an assessment in memory (not Dask)")
    k = disclosure.check_min_group_size(
        assessment.min_group_size if min_group_size is None else min_group_size
    )
    small = disclosure.small_selections(assessment, k)
    if small and not allow_small:
        raise ValueError(
            f"{'; '.join(small)}: fewer than the minimum group size {k}, so the climate "
            "account would describe identifiable people. Pass allow_small=True "
            "(CLI: --allow-small-groups) to write it anyway, without the rows by mode"
        )
    p = assessment.parameters
    e = assessment.per_employee
    factor = _homeworking_factor(p)
    hours_per_day = engine.Values(p)("hours_per_workday")
    scope = p.emission_scope
    n = assessment.n_employees

    secret = disclosure.disclosure_secret(e)  # made once: hashing the staff columns costs
    keys = disclosure.record_keys(e, secret)
    by_mode, n_pooled = _mode_rows(e, k, bool(small), keys, secret)

    # the published totals' noise
    noise_b, noise_c, _ = disclosure.total_noise(e, k, keys=keys, secret=secret)

    def total(col: str) -> tuple[float, float]:
        """(today, scenario) sums of a per-employee metric of the assessment, published
        (:func:`remotecalc.evaluation.disclosure.total_noise`: the summary's noise)."""
        b, c = noise_b.get(col, 0.0), noise_c.get(col, 0.0)
        return float(e[f"{col}_baseline"].sum()) + b, float(e[f"{col}_scenario"].sum()) + b + c

    commuting: dict[str, Any] = {
        "component": "commuting",
        "method": METHOD_DISTANCE_BASED,
        "basis": f"passenger-km × kg CO2e per passenger-km of the mode ({p.name})",
        "boundary": scope,
        "activity_unit": "pkm/yr",
    }
    rows = [
        _item(
            **commuting,
            level="detail",
            mode=str(mode),
            employees=r["employees"],
            activity=(r["commute_km_baseline"], r["commute_km_scenario"]),
            co2e=(r["commute_co2e_kg_baseline"], r["commute_co2e_kg_scenario"]),
            suppressed=bool(r["suppressed"]),
        )
        for mode, r in by_mode.iterrows()
    ]
    commute = total("commute_co2e_kg")
    rows.append(
        _item(
            **commuting,
            level="subtotal",
            mode="all",
            employees=n,
            activity=total("commute_km"),
            co2e=commute,
        )
    )
    # teleworking: the DESNZ method on the assessment's home days, and the engine's own
    home_days = total("home_days")
    fte_hours = tuple(home.homeworking_fte_hours_per_year(h, hours_per_day) for h in home_days)
    own_route = (
        "extra kWh × energy factors"
        if p["home.co2e_kg_per_fte_hour"] == 0
        else "its per-FTE-hour homeworking factor"
    )
    routes: dict[str, dict[str, Any]] = {
        "desnz": {
            "basis": f"DESNZ 2025 homeworking factor {factor:g} {HOMEWORKING_UNIT} × FTE "
            f"working hours at home ({hours_per_day:g} h a home day)",
            "boundary": "as published by DESNZ (UK homes)",
            "activity_unit": "FTE-h/yr",
            "activity": fte_hours,
            "co2e": tuple(home.homeworking_co2e_kg_per_year(h, factor) for h in fte_hours),
        },
        "home_energy": {
            "basis": f"remotecalc home energy per home day ({p.name}: {own_route})",
            "boundary": f"energy factors of {p.name}",
            "activity_unit": "home days/yr",
            "activity": home_days,
            "co2e": total("home_energy_co2e_kg"),
        },
    }
    for key, route in routes.items():
        rows.append(
            _item(
                component="teleworking",
                level="subtotal",
                teleworking_method=key,
                method=METHOD_AVERAGE_DATA,
                employees=n,
                **route,
            )
        )
    for key, route in routes.items():
        rows.append(
            _item(
                component="total",
                level="total",
                teleworking_method=key,
                method=f"{METHOD_DISTANCE_BASED} (commuting) + {METHOD_AVERAGE_DATA} (teleworking)",
                basis=f"commuting + teleworking by {key}",
                boundary=scope,
                employees=n,
                activity_unit="",
                activity=(np.nan, np.nan),
                co2e=(commute[0] + route["co2e"][0], commute[1] + route["co2e"][1]),
            )
        )
    if "work_travel_co2e_kg_baseline" in e.columns and float(e["work_travel_km_baseline"].sum()):
        rows.append(  # business travel from the workforce's work trips: category 6, apart
            _item(
                category=CATEGORY_BUSINESS_TRAVEL,
                component="business_travel",
                level="subtotal",
                mode="all",
                method=METHOD_DISTANCE_BASED,
                basis=f"trip km × kg CO2e per passenger-km of the mode ({p.name}); trips held "
                "online under the scenario removed",
                boundary=scope,
                employees=int(
                    disclosure.publish_groups(
                        e[[]],
                        (e["work_travel_km_baseline"] > 0).map({True: "travellers", False: None}),
                        k,
                        keys=keys,
                        secret=secret,
                    )["employees"].sum()
                ),
                activity_unit="km/yr",
                activity=total("work_travel_km"),
                co2e=total("work_travel_co2e_kg"),
            )
        )
    out = pd.DataFrame(rows)
    out.insert(0, "scenario_name", assessment.scenario.name)
    out["co2e_kg_change"] = out["co2e_kg_scenario"] - out["co2e_kg_baseline"]
    out = out[list(ACCOUNT_COLUMNS)]
    if not include_scenario:
        out = out.drop(columns=list(_SCENARIO_ONLY))
    sources = e["distance_source"].astype(str) if "distance_source" in e.columns else None
    prov = assessment.workforce_provenance or {}
    out.attrs.update(
        {
            "reporting_year": int(p.meta.get("year", 0)) or None,
            "recommended_route": recommended_route(p),
            "employees": n,
            "rows_read": prov.get("rows_read"),
            "rows_excluded": prov.get("rows_excluded"),
            "distance_estimated": (
                None if sources is None else int((~sources.isin(["given", "od_table"])).sum())
            ),
            "defaults": list(assessment.notes),
            "parameter_set": p.name,
            "emission_scope": scope,
            "emission_scope_note": p.meta.get("emission_scope_note", ""),
            "homeworking_co2e_kg_per_fte_hour": factor,
            "homeworking_source": p.entry(HOMEWORKING_KEY).source,
            "modes_pooled": n_pooled,
            "min_group_size": k,
            "notes": _notes(p, n_pooled, bool(small)),
        }
    )
    return out


def _item(
    *,
    component: str,
    level: str,
    method: str,
    basis: str,
    boundary: str,
    employees: Any,
    activity_unit: str,
    activity: tuple,
    co2e: tuple,
    mode: str = "",
    teleworking_method: str = "",
    suppressed: bool = False,
    category: str = CATEGORY,
) -> dict[str, Any]:
    """One row of the account; ``activity`` and ``co2e`` are (today, scenario)."""
    return {
        "category": category,
        "component": component,
        "level": level,
        "mode": mode,
        "teleworking_method": teleworking_method,
        "method": method,
        "basis": basis,
        "boundary": boundary,
        "employees": int(employees),
        "activity_unit": activity_unit,
        "activity_baseline": float(activity[0]),
        "activity_scenario": float(activity[1]),
        "co2e_kg_baseline": float(co2e[0]),
        "co2e_kg_scenario": float(co2e[1]),
        "suppressed": suppressed,
    }


def _notes(p: Parameters, n_pooled: int, small: bool) -> list[str]:
    notes: list[str] = [
        Note("climate_category7"),
        Note("climate_factors", scope=p.emission_scope.replace("_", "-"), pset=p.name),
        Note("climate_two_routes"),
    ]
    if n_pooled:
        notes.append(Note("climate_modes_pooled", n=int(n_pooled)))
    if small:
        notes.append(Note("climate_small"))
    return notes


# -- presentation ----------------------------------------------------------------------------


def _item_label(r: pd.Series, lang: str) -> str:
    """A row's label for readers: the mode, the teleworking route or the total."""
    if r["component"] == "business_travel":
        return t("ca_business_travel", lang)
    if r["component"] == "commuting":
        if r["level"] == "subtotal":
            return t("ca_commuting_all", lang)
        if r["suppressed"]:
            return t("ca_modes_pooled", lang, n=re.sub(r"\D", "", str(r["mode"])))
        return t("ca_commuting_mode", lang, mode=t(f"ca_mode_{r['mode']}", lang))
    key = "ca_tele_" if r["component"] == "teleworking" else "ca_total_"
    return t(key + str(r["teleworking_method"]), lang)


def _method_label(method: str, lang: str) -> str:
    for en, key in (
        (METHOD_DISTANCE_BASED, "ca_distance_based"),
        (METHOD_AVERAGE_DATA, "ca_average_data"),
    ):
        method = method.replace(en, t(key, lang))
    return method.replace("(commuting)", t("ca_paren_commuting", lang)).replace(
        "(teleworking)", t("ca_paren_teleworking", lang)
    )


def _values(account: pd.DataFrame) -> pd.DataFrame:
    """The account's table without its ``attrs`` (the same data, not copied).

    pandas deep-copies ``attrs`` (notes and all) into every frame, column and row taken
    from a frame; reading an account's cells through this view costs none of that.
    """
    return pd.DataFrame(account, copy=False)


def account_table_for_report(account: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The account as readers see it: labelled rows, tonnes, the method named.

    Parameters
    ----------
    account : pandas.DataFrame
        From :func:`climate_account` or :func:`account_from_assessment`.
    lang : {"en", "da"}

    Returns
    -------
    pandas.DataFrame
        Columns: item, GHG Protocol method, today, (scenario, change) in t CO₂e/yr, with
        labels in ``lang``; rows in the account's order.
    """
    check_lang(lang)
    unit = unit_label("t CO2e/yr", lang)
    account = _values(account)
    out = pd.DataFrame(
        {
            t("ca_item", lang): [_item_label(r, lang) for _, r in account.iterrows()],
            t("ca_method", lang): [_method_label(m, lang) for m in account["method"]],
            f"{t('today', lang)} [{unit}]": account["co2e_kg_baseline"].to_numpy() / 1000.0,
        }
    )
    if "co2e_kg_scenario" in account.columns:
        out[f"{t('scenario', lang)} [{unit}]"] = account["co2e_kg_scenario"].to_numpy() / 1000.0
        out[f"{t('change', lang)} [{unit}]"] = account["co2e_kg_change"].to_numpy() / 1000.0
    return out


def _total(account: pd.DataFrame, route: str, col: str) -> float:
    """A Category 7 total of the account (commuting + the route's teleworking). [kg CO2e/yr]"""
    return float(account[col].iloc[_rows(account, level="total", teleworking_method=route)].iloc[0])


def _rows(account: pd.DataFrame, **equal: str) -> np.ndarray:
    """Positions of the account's rows whose columns equal the values given."""
    mask = np.ones(len(account), dtype=bool)
    for col, value in equal.items():
        mask &= account[col].to_numpy(dtype=object) == value
    return np.flatnonzero(mask)


def reportable_figures(
    accounts: pd.DataFrame | Sequence[pd.DataFrame],
    lang: str = "en",
    reporting_year: int | None = None,
) -> pd.DataFrame:
    """One Category 7 figure to report per state: today, then each scenario's accounts.

    Each row names the GHG Protocol category and methods, the reporting year, the
    teleworking route recommended (:func:`recommended_route`) and why, the other route's
    total as a cross-check, and the coverage: employees and passenger-km covered, staff
    rows left out, employees whose distance was estimated (no distance given).

    Parameters
    ----------
    accounts : DataFrame or sequence of DataFrame
        From :func:`climate_account` / :func:`account_from_assessment`, one per scenario.
    lang : {"en", "da"}
    reporting_year : int, optional
        Default: the parameter set's year.

    Returns
    -------
    pandas.DataFrame
        One row for today and one per scenario, columns labelled in ``lang``, figures in
        t CO₂e/yr.

    Examples
    --------
    >>> import remotecalc as rc
    >>> wf = rc.datasets.demo_workforce(200, seed=3)
    >>> accs = [rc.climate_account(wf, scenario=rc.Scenario(name=f"{d} days",
    ...         remote_days_per_week=d)) for d in (1, 2)]
    >>> fig = reportable_figures(accs, "en")
    >>> list(fig.iloc[:, 0])
    ['Today', '1 days', '2 days']
    """
    check_lang(lang)
    accounts = [accounts] if isinstance(accounts, pd.DataFrame) else list(accounts)
    unit = unit_label("t CO2e/yr", lang)
    rows = []
    for i, account in enumerate(accounts):
        a = account.attrs
        acc = _values(account)
        route = str(a.get("recommended_route", "home_energy"))
        other = "desnz" if route == "home_energy" else "home_energy"
        states = [("baseline", t("today", lang))] if i == 0 else []
        if "co2e_kg_scenario" in acc.columns:
            states.append(("scenario", str(acc["scenario_name"].iloc[0])))
        commuting = _rows(acc, component="commuting", level="subtotal")
        total_row = _rows(acc, level="total", teleworking_method=route)
        for state, name in states:
            figure = _total(acc, route, f"co2e_kg_{state}") / 1000.0
            check = _total(acc, other, f"co2e_kg_{state}") / 1000.0
            rows.append(
                {
                    t("scenario", lang): name,
                    t("ca_year", lang): reporting_year or a.get("reporting_year"),
                    t("ca_category", lang): t("ca_category7", lang),
                    f"{t('ca_figure', lang)} [{unit}]": figure,
                    t("ca_route", lang): t(f"ca_route_{route}", lang),
                    t("ca_method", lang): _method_label(
                        str(acc["method"].iloc[total_row].iloc[0]), lang
                    ),
                    f"{t('ca_check', lang, route=t(f'ca_route_{other}', lang))} [{unit}]": check,
                    f"{t('ca_check_diff', lang)} [%]": (
                        round(100 * (check - figure) / figure, 1) if figure else float("nan")
                    ),
                    t("ca_reason", lang): t(f"ca_reason_{route}", lang),
                    f"{t('ca_employees', lang)} [{unit_label('persons', lang)}]": a.get(
                        "employees"
                    ),
                    f"{t('ca_rows_excluded', lang)} [{unit_label('rows', lang)}]": a.get(
                        "rows_excluded"
                    ),
                    f"{t('ca_pkm', lang)} [{unit_label('pkm/yr', lang)}]": float(
                        acc[f"activity_{state}"].iloc[commuting].iloc[0]
                    ),
                    f"{t('ca_distance_estimated', lang)} [{unit_label('persons', lang)}]": a.get(
                        "distance_estimated"
                    ),
                    t("ca_pset", lang): f"{a.get('parameter_set', '')} "
                    f"({t('ca_scope_' + str(a.get('emission_scope', '')), lang)})",
                }
            )
    return pd.DataFrame(rows)


def _tidy_value(col: str, value: Any, lang: str) -> Any:
    """A categorical value of the tidy account in ``lang`` (English as stored)."""
    if lang == "en" or not isinstance(value, str) or not value:
        return value
    if col == "category":
        return t("ca_category7" if value == CATEGORY else "ca_category6", lang)
    if col in ("component", "level"):
        return t(f"ca_{col}_{value}", lang)
    if col == "mode":
        pooled = re.fullmatch(r"Other modes \((\d+) pooled\)", value)
        if pooled:
            return t("ca_modes_pooled", lang, n=pooled.group(1))
        return (
            t("ca_all_modes", lang)
            if value == "all"
            else (t(f"ca_mode_{value}", lang) if f"ca_mode_{value}" in _TEXT_KEYS else value)
        )
    if col == "teleworking_method":
        return t(f"ca_tele_{value}", lang)
    if col == "method":
        return _method_label(value, lang)
    if col == "boundary":
        return (
            t(f"ca_scope_{value}", lang)
            if f"ca_scope_{value}" in _TEXT_KEYS
            else (t("ca_boundary_other", lang))
        )
    if col == "activity_unit":
        return unit_label(value, lang)
    if col == "basis":
        for start, key in _BASIS_WORDS:
            if value.startswith(start):
                return t(key, lang)
    return value


#: The tidy account's ``basis`` for readers of other languages: by how the English starts.
_BASIS_WORDS = (
    ("passenger-km", "ca_basis_commuting"),
    ("DESNZ 2025 homeworking", "ca_basis_desnz"),
    ("remotecalc home energy", "ca_basis_home_energy"),
    ("commuting + teleworking", "ca_basis_total"),
    ("trip km", "ca_basis_business_travel"),
)


def account_sheet(account: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The account for a workbook or CSV: tonnes, units in the headers, one row per item.

    In English the columns keep their names (``co2e_t_baseline [t CO2e/yr]``...); in
    Danish headers and values are in Danish words (the scenario column first)."""
    check_lang(lang)
    out = _values(account).copy()
    for c in ("co2e_kg_baseline", "co2e_kg_scenario", "co2e_kg_change"):
        if c in out.columns:
            out[c] = out[c] / 1000.0
    if lang != "en":
        for c in out.columns:
            if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
                out[c] = [_tidy_value(c, v, lang) for v in out[c]]
        out["suppressed"] = out["suppressed"].map({True: t("yes", lang), False: t("no", lang)})
        out = out.rename(columns={c: t(f"ca_col_{c}", lang) for c in out.columns})
    else:
        out = out.rename(
            columns={
                "co2e_kg_baseline": "co2e_t_baseline [t CO2e/yr]",
                "co2e_kg_scenario": "co2e_t_scenario [t CO2e/yr]",
                "co2e_kg_change": "co2e_t_change [t CO2e/yr]",
                "activity_baseline": "activity_baseline [activity_unit]",
                "activity_scenario": "activity_scenario [activity_unit]",
                "employees": "employees [persons]",
            }
        )
    out.attrs = copy.deepcopy(account.attrs)  # as a copy of the account has them, once
    return out


def report_parts(
    results: Any, main: int, lang: str, small: bool = False
) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """What the report's climate-account section shows, from the report's assessments.

    Parameters
    ----------
    results : sequence of Assessment
        The report's assessments, one per scenario.
    main : int
        Position of the main scenario in ``results`` (the one the section's table shows).
    lang : {"en", "da"}
    small : bool
        The report is about fewer people than the minimum group size (``allow_small``).

    Returns
    -------
    context : dict
        ``intro`` and ``boundary`` texts for the template, ``reportable`` (the figure to
        report per scenario, :func:`reportable_figures`) and ``reportable_note``.
    table : pandas.DataFrame
        :func:`account_table_for_report` of the main scenario.
    sheet : pandas.DataFrame
        :func:`account_table_for_report` of every scenario, one after the other, with the
        scenario's name in the first column (the workbook's sheet, labels in ``lang``).
    """
    accounts = [account_from_assessment(r, allow_small=small) for r in results]
    a = accounts[main].attrs
    context: dict[str, Any] = {
        "intro": t("ca_intro", lang, name=results[main].scenario.name),
        "boundary": t(
            "ca_boundary",
            lang,
            pset=a["parameter_set"],
            scope=t(f"ca_scope_{a['emission_scope']}", lang),
            factor=fmt_number(a["homeworking_co2e_kg_per_fte_hour"], lang, 5),
        ),
    }
    sheet = pd.concat(
        [
            account_table_for_report(a, lang).assign(**{t("scenario", lang): r.scenario.name})
            for a, r in zip(accounts, results, strict=True)
        ],
        ignore_index=True,
    )
    sheet = sheet[[t("scenario", lang), *sheet.columns[:-1]]]
    reportable = reportable_figures(accounts, lang)
    context["reportable"] = reportable
    # the columns a printed page has room for: state, figure, cross-check, coverage
    context["reportable_short"] = reportable.iloc[:, [0, 3, 6, 7, 9, 11]]
    context["reportable_note"] = t("ca_reportable_note", lang)
    return context, account_table_for_report(accounts[main], lang), sheet


def account_notes(account: pd.DataFrame, lang: str = "en") -> list[str]:
    """The notes of an account in ``lang``: the parameter set and boundary, the DESNZ
    factor and its source, what Category 7 leaves out, and the defaults the assessment
    applied."""
    from remotecalc.inputs.parameters import parameter_text

    check_lang(lang)
    a = account.attrs
    scope = str(a.get("emission_scope", ""))
    return [
        t(
            "ca_note_pset",
            lang,
            pset=a.get("parameter_set", ""),
            scope=t(f"ca_scope_{scope}", lang) if f"ca_scope_{scope}" in _TEXT_KEYS else scope,
            note=parameter_text(str(a.get("emission_scope_note", "")), lang),
        ),
        t(
            "ca_note_desnz",
            lang,
            factor=fmt_number(float(a.get("homeworking_co2e_kg_per_fte_hour", 0.0)), lang, 5),
            unit=unit_label(HOMEWORKING_UNIT, lang),
            source=parameter_text(str(a.get("homeworking_source", "")), lang),
        ),
        *(note_text(n, lang) for n in a.get("notes", [])),
        *(t("ca_note_default", lang, note=note_text(n, lang)) for n in a.get("defaults", [])),
    ]


def write_account(
    account: pd.DataFrame | Sequence[pd.DataFrame], folder: str | Path, lang: str = "en"
) -> list[Path]:
    """Write an account as ``climate_account.csv`` (tidy, kg) and ``climate_account.xlsx``.

    Both through :mod:`remotecalc.exports` (no cell is ever a formula). The workbook holds,
    every sheet in ``lang``: the figure to report per scenario with its cross-check,
    reason and coverage (:func:`reportable_figures`), the account as readers see it with a
    scenario column (:func:`account_table_for_report`), the account in tonnes with units in
    the headers (:func:`account_sheet`) and the notes (boundary, homeworking factor and its
    source, what Category 7 leaves out, defaults applied).

    Parameters
    ----------
    account : DataFrame or sequence of DataFrame
        One account, or one per scenario (:func:`climate_account`).

    Returns
    -------
    list of pathlib.Path
        The CSV and the workbook.
    """
    from pathlib import Path

    check_lang(lang)
    folder = Path(folder)
    accounts = [account] if isinstance(account, pd.DataFrame) else list(account)
    whole = pd.concat(accounts, ignore_index=True)
    whole.attrs = dict(accounts[0].attrs)
    readers = []
    for acc in accounts:
        table = account_table_for_report(acc, lang)
        if "scenario_name" in acc.columns:
            table.insert(0, t("scenario", lang), acc["scenario_name"].to_numpy())
        readers.append(table)
    notes = list(dict.fromkeys(n for acc in accounts for n in account_notes(acc, lang)))
    csv = write_csv(whole, folder / "climate_account.csv")
    xlsx = folder / "climate_account.xlsx"
    write_xlsx(
        {
            t("ca_sheet_report", lang): reportable_figures(accounts, lang),
            t("ca_sheet", lang): pd.concat(readers, ignore_index=True),
            t("ca_sheet_tidy", lang): account_sheet(whole, lang),
            t("ca_sheet_notes", lang): pd.DataFrame({t("ca_sheet_notes", lang): notes}),
        },
        xlsx,
    )
    return [csv, xlsx]
