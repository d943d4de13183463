"""Working days, on-site days and the commute they cause, per employee and year.

All functions are pure and vectorised: they take scalars, NumPy arrays or pandas Series and
return the same kind (a Series keeps its index). Baseline and scenario use the same functions
with different on-site days; the change is scenario minus baseline.

The model, per employee *i* and year (see ``DESIGN.md``, "The model")::

    D_i = workdays_per_year × fte_i                      working days
    S_i = D_i × onsite_days_per_week_i / 5               on-site days
    H_i = D_i − S_i                                      home days
    commute_km_i = 2 × one_way_km_i × S_i                passenger-km
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from remotecalc._numeric import Numeric
from remotecalc._numeric import like as _like

#: Working days in a full-time week; on-site days are counted out of these. [days/week]
DAYS_PER_WEEK = 5.0

__all__ = [
    "DAYS_PER_WEEK",
    "annual_commute_hours",
    "annual_commute_km",
    "annual_commute_trips",
    "home_days_per_year",
    "onsite_days_per_year",
    "working_days_per_year",
]


def _float_array(x):
    """``x`` as a float ndarray, with missing values (None, NaN, pd.NA) as NaN."""
    if isinstance(x, pd.Series):
        return x.to_numpy(dtype=float, na_value=np.nan)
    return np.asarray(x, dtype=float)


def working_days_per_year(fte: Numeric, workdays_per_year: Numeric) -> Numeric:
    r"""Working days per year of an employee.

    Parameters
    ----------
    fte : numeric
        Full-time equivalent of the employee, in (0, 1]. [FTE]
    workdays_per_year : numeric
        Working days of a full-time employee after holidays and days off. [days/yr]

    Returns
    -------
    numeric
        Working days per year, ``D``. [days/yr]

    Notes
    -----
    .. math:: D = \text{workdays\_per\_year} \times \text{fte}

    A part-timer is modelled as working fewer (full) days, so every later quantity that is
    "per day" (commute trips, home-energy days) scales with ``fte``.

    Examples
    --------
    >>> round(working_days_per_year(0.8, 216), 6)
    172.8
    """
    return workdays_per_year * fte


def onsite_days_per_year(
    fte: Numeric, onsite_days_per_week: Numeric, workdays_per_year: Numeric
) -> Numeric:
    r"""On-site (commuting) days per year.

    Parameters
    ----------
    fte : numeric
        Full-time equivalent of the employee. [FTE]
    onsite_days_per_week : numeric
        Days on site per full-time week, 0 to 5. [days/week]
    workdays_per_year : numeric
        Working days of a full-time employee per year. [days/yr]

    Returns
    -------
    numeric
        On-site days per year, ``S``. [days/yr]

    Notes
    -----
    .. math:: S = D \times \frac{\text{onsite\_days\_per\_week}}{5},
              \qquad D = \text{workdays\_per\_year} \times \text{fte}

    Computed as ``D × (onsite / 5)`` so that five on-site days give exactly ``S = D`` and
    hence exactly zero home days.

    Examples
    --------
    20 km, 3 days a week, 0.8 FTE and 216 working days (the hand example of the tests):

    >>> round(onsite_days_per_year(0.8, 3, 216), 6)
    103.68
    """
    return working_days_per_year(fte, workdays_per_year) * (onsite_days_per_week / DAYS_PER_WEEK)


def home_days_per_year(
    fte: Numeric, onsite_days_per_week: Numeric, workdays_per_year: Numeric
) -> Numeric:
    """Home-working days per year.

    Parameters
    ----------
    fte : numeric
        Full-time equivalent of the employee. [FTE]
    onsite_days_per_week : numeric
        Days on site per full-time week, 0 to 5. [days/week]
    workdays_per_year : numeric
        Working days of a full-time employee per year. [days/yr]

    Returns
    -------
    numeric
        Home days per year, ``H``. [days/yr]

    Notes
    -----
    .. math:: H = D - S

    Examples
    --------
    >>> round(home_days_per_year(0.8, 3, 216), 6)
    69.12
    >>> home_days_per_year(1.0, 5, 216)
    0.0
    """
    working = working_days_per_year(fte, workdays_per_year)
    return working - onsite_days_per_year(fte, onsite_days_per_week, workdays_per_year)


def annual_commute_km(one_way_km: Numeric, onsite_days_per_year: Numeric) -> Numeric:
    r"""Commute distance per year, as passenger-km.

    Parameters
    ----------
    one_way_km : numeric
        One-way commute distance home to site. [km]
    onsite_days_per_year : numeric
        On-site days per year, ``S``. [days/yr]

    Returns
    -------
    numeric
        Commute distance per year (one return trip per on-site day). [passenger-km/yr]

    Notes
    -----
    .. math:: \text{km} = 2 \times \text{one\_way\_km} \times S

    Examples
    --------
    >>> round(annual_commute_km(20.0, 103.68), 6)
    4147.2
    """
    return 2.0 * one_way_km * onsite_days_per_year


def annual_commute_trips(onsite_days_per_year: Numeric) -> Numeric:
    r"""One-way commute trips per year.

    Parameters
    ----------
    onsite_days_per_year : numeric
        On-site days per year, ``S``. [days/yr]

    Returns
    -------
    numeric
        One-way trips per year. [trips/yr]

    Notes
    -----
    .. math:: \text{trips} = 2 \times S

    Examples
    --------
    >>> annual_commute_trips(100.0)
    200.0
    """
    return 2.0 * onsite_days_per_year


def annual_commute_hours(
    one_way_km: Numeric,
    onsite_days_per_year: Numeric,
    speed_km_per_h: Numeric,
    minutes_one_way: Numeric | None = None,
) -> Numeric:
    r"""Time spent commuting per year.

    Parameters
    ----------
    one_way_km : numeric
        One-way commute distance. [km]
    onsite_days_per_year : numeric
        On-site days per year, ``S``. [days/yr]
    speed_km_per_h : numeric
        Door-to-door speed of the employee's mode, used where no travel time is given. [km/h]
    minutes_one_way : numeric or None, default None
        Given one-way travel time. Where it is given (not NaN) it wins over distance / speed;
        ``None`` means no travel times at all. [min]

    Returns
    -------
    numeric
        Commute time per year. [h/yr]

    Notes
    -----
    .. math::
        \text{hours} = 2 S \times
        \begin{cases}
        \text{minutes\_one\_way} / 60 & \text{if given} \\
        \text{one\_way\_km} / \text{speed\_km\_per\_h} & \text{otherwise}
        \end{cases}

    When several inputs are Series they should share one index; the choice between given time
    and distance / speed is made by position.

    Examples
    --------
    20 km at 40 km/h is half an hour each way; 100 on-site days give 100 hours:

    >>> annual_commute_hours(20.0, 100.0, 40.0)
    100.0
    >>> import numpy as np
    >>> annual_commute_hours(np.array([20.0, 20.0]), 100.0, 40.0,
    ...                      minutes_one_way=np.array([15.0, np.nan]))
    array([ 50., 100.])
    """
    hours_one_way = one_way_km / speed_km_per_h
    if minutes_one_way is not None:
        minutes = _float_array(minutes_one_way)
        hours_one_way = _like(
            np.where(np.isnan(minutes), hours_one_way, minutes / 60.0),
            one_way_km,
            speed_km_per_h,
            minutes_one_way,
            onsite_days_per_year,
        )
    return annual_commute_trips(onsite_days_per_year) * hours_one_way
