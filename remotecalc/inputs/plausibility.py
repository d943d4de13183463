"""Plausibility checks: values that pass validation but are unlikely, reported as notes.

A value outside these ranges can be true (a weekly commuter, a site that is mostly
archive), so no row is excluded and nothing is changed: each check adds one note to the
assessment (``Assessment.notes``) with a count of employees or sites, never their rows or
values, and says what to check. Validation proper (impossible values) happens in the
readers, :class:`~remotecalc.Scenario` and :class:`~remotecalc.inputs.parameters.Parameters`.

The thresholds, with their reasoning:

- :data:`WALK_MAX_KM` 15 km one way: three hours' walk each way at 5 km/h; walking
  commutes in travel surveys are almost all under 5 km.
- :data:`CYCLE_MAX_KM` 40 km one way (bicycle and e-bike): about two hours each way at
  20 km/h, and over 1.5 h at an e-bike's 25 km/h assistance limit (EU pedelec rules).
- :data:`COMMUTE_MAX_KM` 250 km one way, any mode: about three hours each way by car or
  intercity train; beyond it a commute is weekly rather than daily, or the home location
  is wrong (an old address, a postcode in another country).
- :data:`AREA_PER_EMPLOYEE_M2` 5-60 m² of floor area per employee at a site. The Danish
  state's office standard (Bygningsstyrelsen) is 12 m² per employee in an activity-based
  office (Copenhagen, 2019) and its portfolio averages 29.6 m² per employee (the sources
  of ``office.area_per_desk_m2`` in the dk-2025 set). Under 5 m² (less than half the dense
  standard) there is no room for a workstation and its circulation: the area is too small
  or the site's headcount holds people of other sites. Over 60 m² (twice the state
  average) the area likely includes non-office space, or many of the site's staff are not
  in the data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from remotecalc.i18n.notes import Note

__all__ = [
    "AREA_PER_EMPLOYEE_M2",
    "COMMUTE_MAX_KM",
    "CYCLE_MAX_KM",
    "CYCLE_MODES",
    "WALK_MAX_KM",
    "commute_counts",
    "commute_notes",
    "notes",
    "site_area_notes",
    "workforce_notes",
]

#: Longest plausible walk to work, one way. [km]
WALK_MAX_KM = 15.0
#: Longest plausible cycle to work (bicycle or e-bike), one way. [km]
CYCLE_MAX_KM = 40.0
#: Longest plausible daily commute by any mode, one way. [km]
COMMUTE_MAX_KM = 250.0
#: Plausible floor area per employee at a site, (lowest, highest). [m²/employee]
AREA_PER_EMPLOYEE_M2 = (5.0, 60.0)
#: Modes checked against :data:`CYCLE_MAX_KM`.
CYCLE_MODES = ("bicycle", "ebike")

_KEPT = "kept in the results; check the data"


def commute_counts(one_way_km: np.ndarray, mode: np.ndarray | pd.Series) -> np.ndarray:
    """Employees past each commute threshold: walk, cycle, any mode (additive over parts).

    Parameters
    ----------
    one_way_km : array of float
        One-way commute distance of each employee (given or from geography). [km]
    mode : array or Series of str
        Each employee's commute mode (``vocab.MODES``).

    Returns
    -------
    numpy.ndarray of 3 ints
        Employees walking more than :data:`WALK_MAX_KM`, cycling (bicycle, e-bike) more
        than :data:`CYCLE_MAX_KM`, commuting more than :data:`COMMUTE_MAX_KM` one way. Counts
        of partitions add up to the counts of the whole (the Dask backend sums them).

    Examples
    --------
    >>> commute_counts(np.array([400.0, 3.0, 50.0]), np.array(["walk", "walk", "bicycle"]))
    array([1, 1, 1])
    """
    km = np.asarray(one_way_km, dtype=float)
    # compared in the column's own dtype (Arrow strings, categorical): no conversion of
    # every row to a Python string
    modes = pd.Series(mode).reset_index(drop=True)
    walking = modes.eq("walk").fillna(False).to_numpy(dtype=bool)
    cycling = modes.isin(CYCLE_MODES).fillna(False).to_numpy(dtype=bool)
    with np.errstate(invalid="ignore"):
        return np.array(
            [
                (walking & (km > WALK_MAX_KM)).sum(),
                (cycling & (km > CYCLE_MAX_KM)).sum(),
                (km > COMMUTE_MAX_KM).sum(),
            ],
            dtype=np.int64,
        )


def commute_notes(counts: np.ndarray) -> list[str]:
    """Notes on implausibly long commutes from :func:`commute_counts`: counts, never rows.

    Returns
    -------
    list of str
        One note per check that finds somebody; empty when all is plausible.

    Examples
    --------
    >>> for note in commute_notes(np.array([1, 0, 2])):
    ...     print(note[:46].strip())
    plausibility: 1 employee(s) walk more than 15
    plausibility: 2 employee(s) commute more than
    """
    walk, cycle, far = (int(c) for c in counts)
    notes: list[str] = []
    if walk:
        notes.append(Note("walk_far", n=walk, km=float(WALK_MAX_KM)))
    if cycle:
        notes.append(Note("cycle_far", n=cycle, km=float(CYCLE_MAX_KM)))
    if far:
        notes.append(Note("commute_far", n=far, km=float(COMMUTE_MAX_KM)))
    return notes


def site_area_notes(area_m2: np.ndarray, employees: np.ndarray) -> list[str]:
    """Notes on sites whose floor area per employee is outside :data:`AREA_PER_EMPLOYEE_M2`.

    Parameters
    ----------
    area_m2 : array of float
        Floor area of each site, NaN where not given (not checked). [m²]
    employees : array of int
        Employees in the data at each site (sites with none are not checked).

    Returns
    -------
    list of str
        Counts of sites below and above the range; empty when all is plausible.

    Examples
    --------
    >>> notes = site_area_notes(np.array([2000.0, 1200.0, np.nan]), np.array([60000, 10, 5]))
    >>> for note in notes:
    ...     print(note[:56])
    plausibility: 1 site(s) have less than 5 m² of floor are
    plausibility: 1 site(s) have more than 60 m² of floor ar
    """
    area = np.asarray(area_m2, dtype=float)
    n = np.asarray(employees, dtype=float)
    lo, hi = AREA_PER_EMPLOYEE_M2
    checked = ~np.isnan(area) & (n > 0)
    per = np.divide(area, n, out=np.full(area.shape, np.nan), where=checked)
    below = int((checked & (per < lo)).sum())
    above = int((checked & (per > hi)).sum())
    notes: list[str] = []
    if below:
        notes.append(Note("site_area_low", n=below, m2=float(lo)))
    if above:
        notes.append(Note("site_area_high", n=above, m2=float(hi)))
    return notes


def notes(counts: np.ndarray, sites: pd.DataFrame, employees: np.ndarray) -> list[str]:
    """Every plausibility note, from commute counts and employees per site.

    Parameters
    ----------
    counts : array of 3 ints
        :func:`commute_counts` of the whole workforce (summed over parts).
    sites : pandas.DataFrame
        The sites table (``area_m2`` when given).
    employees : array of int
        Employees in the data at each site, in the order of ``sites``.
    """
    out = commute_notes(counts)
    if "area_m2" in sites.columns and len(sites):
        out += site_area_notes(sites["area_m2"].to_numpy(dtype=float), employees)
    return out


def workforce_notes(
    staff: pd.DataFrame, sites: pd.DataFrame, one_way_km: np.ndarray, site_code: np.ndarray
) -> list[str]:
    """Every plausibility note on a workforce in memory (:func:`notes`).

    Parameters
    ----------
    staff, sites : pandas.DataFrame
        A workforce's validated staff (``mode``) and sites (``area_m2`` when given).
    one_way_km : array of float
        Each employee's one-way commute distance as the model uses it. [km]
    site_code : array of int
        Position of each employee's site in ``sites`` (-1: not there). The model passes
        the desk-based staff's sites (frontline staff: -1), so that the floor area per
        person counts the people who use the office (``EmployeeInputs.desk_code``).

    Examples
    --------
    >>> staff = pd.DataFrame({"mode": ["walk", "car"]})
    >>> sites = pd.DataFrame({"site_id": ["A"], "area_m2": [2000.0]})
    >>> found = workforce_notes(staff, sites, np.array([400.0, 5.0]), np.array([0, 0]))
    >>> for note in found:
    ...     print(note[:46].strip())
    plausibility: 1 employee(s) walk more than 15
    plausibility: 1 employee(s) commute more than
    plausibility: 1 site(s) have more than 60 m² o
    """
    mode = staff["mode"] if "mode" in staff.columns else pd.Series("", index=staff.index)
    code = np.asarray(site_code)
    employees = np.bincount(code[code >= 0], minlength=len(sites))
    return notes(commute_counts(one_way_km, mode), sites, employees)
