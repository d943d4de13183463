"""Disclosure control: no group output shows a group small enough to identify a person.

This is the one disclosure-control module of remotecalc. Every table, figure or map that
shows results by group (department, unit, site, home municipality) passes through it before
it reaches a reader; presentation code (:mod:`remotecalc.plotting`,
:mod:`remotecalc.report`) only draws or formats what it returns.

The rules
---------
*Primary suppression*: a group with 1 to ``min_group_size - 1`` members is withheld.

*Complementary suppression*: so that a withheld group cannot be recovered as "parent total
minus the shown groups", the smallest shown groups of the same parent are withheld with it
until the withheld groups of that parent hold at least ``min_group_size`` members (or none
are left); the same is done across all groups for the grand total. Empty groups (0 members)
hold no personal data and are never withheld.

Withheld groups are either pooled into "Other (n groups pooled)" rows that are themselves at
least ``min_group_size`` large (:func:`group_summary`, :func:`pool_sites`) or shown without
values (:func:`remotecalc.boundaries.by_municipality`).

Public API
----------
:data:`DEFAULT_MIN_GROUP_SIZE`
    The default smallest group shown. [persons]
:func:`small_group_mask`
    Which groups to withhold (primary and complementary suppression).
:func:`group_summary`
    Per-group gains of an assessment, small groups pooled within their parent.
:func:`pool_sites`
    ``Assessment.per_site`` with small sites pooled into one row.
:func:`savings`, :func:`gains_home_days`
    The per-employee quantities that group outputs aggregate.

Examples
--------
>>> import pandas as pd
>>> from remotecalc import disclosure
>>> disclosure.small_group_mask(pd.Series({"a": 3, "b": 40, "c": 8})).tolist()
[True, False, True]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .i18n import check_lang, t

__all__ = [
    "DEFAULT_MIN_GROUP_SIZE",
    "SITE_ADDITIVE_COLUMNS",
    "gains_home_days",
    "group_summary",
    "pool_sites",
    "savings",
    "small_group_mask",
]

#: Smallest group shown in any group output, by default. [persons]
DEFAULT_MIN_GROUP_SIZE: int = 5

#: Columns of ``Assessment.per_site`` summed when sites are pooled (besides every numeric
#: ``*_baseline``, ``*_scenario`` and ``*_change`` column).
SITE_ADDITIVE_COLUMNS: tuple[str, ...] = ("employees", "desks_today", "area_today_m2")


def small_group_mask(
    counts: pd.Series, min_group_size: int = DEFAULT_MIN_GROUP_SIZE, parent: pd.Series | None = None
) -> pd.Series:
    """Which groups to withhold: those under the minimum size, and their complements.

    A group with 1 to ``min_group_size - 1`` members is withheld (primary suppression).
    Then, so that a withheld group cannot be recovered as "parent total minus the shown
    groups", the smallest shown groups of the same parent are withheld with it until the
    withheld groups of that parent hold at least ``min_group_size`` members (or none are
    left); the same is done across all groups for the grand total. Empty groups (0) are
    never withheld.

    Parameters
    ----------
    counts : pandas.Series
        Members per group. [persons]
    min_group_size : int, default :data:`DEFAULT_MIN_GROUP_SIZE`
        Smallest group that may be shown. [persons]
    parent : pandas.Series, optional
        The parent group of each group (same index), e.g. the department of each unit.

    Returns
    -------
    pandas.Series of bool
        True for groups to withhold (pool).

    Examples
    --------
    >>> c = pd.Series({"a": 3, "b": 40, "c": 8, "d": 20})
    >>> small_group_mask(c).tolist()      # 'a' is small; 'c' is withheld with it
    [True, False, True, False]
    >>> small_group_mask(pd.Series({"a": 3, "b": 9}), parent=pd.Series({"a": "X", "b": "Y"})
    ...                  ).tolist()
    [True, True]
    """
    counts = counts.astype(float)
    mask = (counts > 0) & (counts < min_group_size)

    def complete(sel: np.ndarray):
        pooled = counts[sel & mask].sum()
        while 0 < pooled < min_group_size:
            free = counts[sel & ~mask & (counts > 0)]
            if free.empty:
                return
            j = free.sort_values(kind="stable").index[0]
            mask.loc[j] = True
            pooled += counts[j]

    if parent is not None:
        for p in pd.unique(parent):
            complete((parent == p).to_numpy())
    complete(np.ones(len(counts), dtype=bool))
    return mask


def savings(per_employee: pd.DataFrame, metric: str) -> pd.Series:
    """What each employee saves under the scenario: minus the change of ``metric``.

    The per-employee quantity that group outputs (:func:`group_summary`,
    :func:`remotecalc.boundaries.by_municipality`) add up; it is never shown per employee.

    Parameters
    ----------
    per_employee : pandas.DataFrame
        ``Assessment.per_employee`` (needs ``<metric>_change``).
    metric : str
        A metric of :data:`remotecalc.model.METRICS` (``commute_hours``,
        ``employee_net_cost``, ``employee_co2e_kg``, ...).

    Returns
    -------
    pandas.Series
        Saving per employee in the metric's unit (positive = saved).

    Examples
    --------
    >>> savings(pd.DataFrame({"commute_hours_change": [-12.0, 3.0]}), "commute_hours").tolist()
    [12.0, -3.0]
    """
    return -per_employee[f"{metric}_change"].astype(float)


def gains_home_days(per_employee: pd.DataFrame) -> pd.Series:
    """Whether the scenario gives each employee more home days than today.

    Parameters
    ----------
    per_employee : pandas.DataFrame
        ``Assessment.per_employee`` (``onsite_days_per_week_baseline`` and ``_scenario``, or
        ``home_days_change``).

    Returns
    -------
    pandas.Series of bool
        True where the on-site days per week fall (or, without them, the home days rise).

    Examples
    --------
    >>> e = pd.DataFrame({"onsite_days_per_week_baseline": [5.0, 3.0],
    ...                   "onsite_days_per_week_scenario": [3.0, 3.0]})
    >>> gains_home_days(e).tolist()
    [True, False]
    """
    e = per_employee
    if {"onsite_days_per_week_scenario", "onsite_days_per_week_baseline"} <= set(e.columns):
        return e["onsite_days_per_week_scenario"] < e["onsite_days_per_week_baseline"] - 1e-9
    return e["home_days_change"] > 1e-9


def group_summary(
    per_employee: pd.DataFrame,
    by: str | Sequence[str],
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    lang: str = "en",
) -> pd.DataFrame:
    """Per-group gains, with small groups pooled so that none can be identified.

    Parameters
    ----------
    per_employee : pandas.DataFrame
        ``Assessment.per_employee``.
    by : str or sequence of str
        Grouping column, or a hierarchy (``["department", "unit"]``: units within
        departments; a small unit is pooled with other units of its own department).
    min_group_size : int, default :data:`DEFAULT_MIN_GROUP_SIZE`
        Smallest group shown. [persons]
    lang : {"en", "da"}
        Language of the labels of pooled rows.

    Returns
    -------
    pandas.DataFrame
        One row per shown group or pool: ``group`` (label; levels joined with " / "),
        ``employees`` [persons], ``groups_pooled`` (0 for a real group), ``hours_saved``
        [h/yr, mean per employee], ``money_saved`` [currency/yr, mean per employee],
        ``co2e_saved_t`` [t CO2e/yr, total of the group's travel and home CO2e],
        ``share_no_home_day`` [share of employees whose on-site days do not fall].
        No row names or describes a group under ``min_group_size``.

    Examples
    --------
    >>> e = pd.DataFrame({"dept": ["A"] * 3 + ["B"] * 6 + ["C"] * 7,
    ...                   "commute_hours_change": -1.0, "employee_net_cost_change": -10.0,
    ...                   "employee_co2e_kg_change": -5.0, "home_days_change": 1.0})
    >>> g = group_summary(e, "dept")
    >>> g["group"].tolist(), g["employees"].tolist()
    (['C', 'Other (2 groups pooled)'], [7, 9])
    """
    check_lang(lang)
    by = [by] if isinstance(by, str) else list(by)
    e = per_employee
    missing = [c for c in by if c not in e.columns]
    if missing:
        raise KeyError(f"no column(s) {missing} in per_employee")
    key = e[by].astype(str).agg(" / ".join, axis=1) if len(by) > 1 else e[by[0]].astype(str)
    frame = pd.DataFrame(
        {
            "key": key.to_numpy(),
            "parent": (
                e[by[:-1]].astype(str).agg(" / ".join, axis=1).to_numpy() if len(by) > 1 else ""
            ),
            "hours": savings(e, "commute_hours").to_numpy() if "commute_hours_change" in e else 0.0,
            "money": (
                savings(e, "employee_net_cost").to_numpy()
                if "employee_net_cost_change" in e
                else 0.0
            ),
            "co2e": (
                savings(e, "employee_co2e_kg").to_numpy() / 1000.0
                if "employee_co2e_kg_change" in e
                else 0.0
            ),
            "no_gain": (~gains_home_days(e)).to_numpy(dtype=float),
        }
    )
    g = frame.groupby("key", sort=True)
    table = pd.DataFrame(
        {
            "parent": g["parent"].first(),
            "employees": g.size(),
            "hours": g["hours"].sum(),
            "money": g["money"].sum(),
            "co2e": g["co2e"].sum(),
            "no_gain": g["no_gain"].sum(),
        }
    )
    mask = small_group_mask(
        table["employees"], min_group_size, table["parent"] if len(by) > 1 else None
    )
    shown = table[~mask].copy()
    shown["label"], shown["groups_pooled"] = shown.index, 0
    pools = []
    withheld = table[mask]
    if len(by) > 1:
        # a pool per parent when it is big enough on its own; the rest into one pool
        rest = []
        for parent, sub in withheld.groupby("parent", sort=True):
            if sub["employees"].sum() >= min_group_size:
                pools.append((t("other_in_parent", lang, parent=parent, n=len(sub)), sub))
            else:
                rest.append(sub)
        withheld = pd.concat(rest) if rest else withheld.iloc[:0]
    if len(withheld) and withheld["employees"].sum() >= min_group_size:
        pools.append((t("other_groups", lang, n=len(withheld)), withheld))
    rows = [shown]
    for label, sub in pools:
        s = sub[["employees", "hours", "money", "co2e", "no_gain"]].sum()
        rows.append(
            pd.DataFrame({**s.to_dict(), "label": label, "groups_pooled": len(sub)}, index=[label])
        )
    out = pd.concat(rows)
    n = out["employees"].astype(float)
    result = pd.DataFrame(
        {
            "group": out["label"].to_numpy(),
            "employees": out["employees"].astype(int).to_numpy(),
            "groups_pooled": out["groups_pooled"].astype(int).to_numpy(),
            "hours_saved": (out["hours"] / n).to_numpy(),
            "money_saved": (out["money"] / n).to_numpy(),
            "co2e_saved_t": out["co2e"].to_numpy(),
            "share_no_home_day": (out["no_gain"] / n).to_numpy(),
        }
    )
    return result


def pool_sites(
    per_site: pd.DataFrame, min_group_size: int = DEFAULT_MIN_GROUP_SIZE, lang: str = "en"
) -> pd.DataFrame:
    """``Assessment.per_site`` with sites under the minimum size pooled into one row.

    Sites with no employees are kept (they hold no personal data). Additive columns
    (employees, desks, areas, costs, CO2e, attendee-days) are summed in the pool; others
    (peak weekday) are left empty. Which sites are pooled is decided by
    :func:`small_group_mask` on the employees per site.

    Parameters
    ----------
    per_site : pandas.DataFrame
        ``Assessment.per_site`` (``site_id``, ``employees``, optionally ``site_name``).
    min_group_size : int, default :data:`DEFAULT_MIN_GROUP_SIZE`
        Smallest site shown on its own. [persons]
    lang : {"en", "da"}
        Language of the pooled row's label.

    Returns
    -------
    pandas.DataFrame
        Same columns, plus ``label`` (site name or id) and ``sites_pooled`` (0 for a real
        site, else the number of sites in the pool).

    Examples
    --------
    >>> s = pd.DataFrame({"site_id": ["A", "B", "C"], "employees": [40, 3, 6]})
    >>> pool_sites(s)[["label", "employees", "sites_pooled"]]
                        label  employees  sites_pooled
    0                       A         40             0
    1  Other sites (2 pooled)          9             2
    """
    s = per_site.copy()
    name = s["site_name"] if "site_name" in s.columns else s["site_id"]
    s["label"] = name.astype(str)
    s["sites_pooled"] = 0
    mask = small_group_mask(s["employees"], min_group_size).to_numpy()
    if not mask.any():
        return s.reset_index(drop=True)
    sub = s[mask]
    num = [
        c
        for c in s.columns
        if c in SITE_ADDITIVE_COLUMNS or c.endswith(("_baseline", "_scenario", "_change"))
    ]
    num = [c for c in num if pd.api.types.is_numeric_dtype(s[c])]
    pool: dict[str, Any] = {c: sub[c].sum() for c in num}
    label = t("other_sites", lang, n=int(mask.sum()))
    pool.update({"site_id": label, "label": label, "sites_pooled": int(mask.sum())})
    if "site_name" in s.columns:
        pool["site_name"] = label
    return pd.concat([s[~mask], pd.DataFrame([pool])], ignore_index=True)
