"""Synthetic evidence with known true parameters: occupancy counts, badge logs, a staff survey.

The generators let examples and tests run without private data, and let tests check that the
estimators of :mod:`remotecalc.estimation` recover what was put in. Each returns
``(data, truth)``; ``truth["params"]`` is named as statsmodels names the estimates of the
matching model (:data:`~remotecalc.estimation.attendance.ATTENDANCE_FORMULA`,
:data:`~remotecalc.estimation.uptake.UPTAKE_FORMULA`), so a test can line them up by name.
Everything is illustrative: no value is an estimate for a real organisation.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from remotecalc.inputs.workforce import Workforce

if TYPE_CHECKING:
    from remotecalc.inputs.parameters import Parameters

# scipy, remotecalc.formulas.office and .attendance (statsmodels, holidays) are imported by the
# generators that use them: the survey generators need neither.

#: Weekday names, Monday to Friday (as :data:`remotecalc.formulas.office.WEEKDAYS`).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")

__all__ = [
    "DEFAULT_ROLE_EFFECTS",
    "DEFAULT_UPTAKE_COEFFICIENTS",
    "DEFAULT_UPTAKE_CUTPOINTS",
    "ROLE_BY_ISCO_MAJOR",
    "simulate_badge_events",
    "simulate_occupancy",
    "simulate_staff_covariates",
    "simulate_survey",
]

#: Role by ISCO-08 major group (first digit of the occupation code).
ROLE_BY_ISCO_MAJOR = {
    "1": "manager",
    "2": "professional",
    "3": "associate professional",
    "4": "clerical",
    "5": "service and care",
    "6": "manual",
    "7": "manual",
    "8": "manual",
    "9": "manual",
    "0": "manual",
}

#: Illustrative slopes of the latent desire for home days (ordered logit): per minute of
#: one-way commute [1/min], per unit of teleworkability [1/share], for caring duties [-].
DEFAULT_UPTAKE_COEFFICIENTS = {"commute_minutes_one_way": 0.03, "teleworkable": 3.5, "caring": 0.6}
#: Illustrative role effects on the latent scale (only differences between roles matter).
DEFAULT_ROLE_EFFECTS = {
    "manager": -0.5,
    "professional": 0.3,
    "associate professional": 0.0,
    "clerical": -0.2,
    "service and care": -0.3,
    "manual": -0.5,
}
#: Illustrative cut points between 0|1|2|3|4|5 desired home days on the latent scale.
DEFAULT_UPTAKE_CUTPOINTS = (0.8, 2.0, 3.0, 4.2, 5.5)


def _weekday_values(values, what: str) -> np.ndarray:
    if isinstance(values, Mapping):
        missing = [d for d in WEEKDAYS if d not in values]
        if missing:
            raise ValueError(f"{what} lacks weekday(s) {missing}")
        return np.array([float(values[d]) for d in WEEKDAYS])
    arr = np.asarray(values, dtype=float).ravel()
    if arr.size != len(WEEKDAYS):
        raise ValueError(f"{what} needs 5 values, Monday to Friday")
    return arr


def _month_values(month_effects) -> np.ndarray:
    """Log effects of months 1..12 as an array indexed by month (index 0 unused)."""
    out = np.zeros(13)
    if month_effects is None:
        return out
    if isinstance(month_effects, Mapping):
        for m, v in month_effects.items():
            out[int(m)] = float(v)
        return out
    arr = np.asarray(month_effects, dtype=float).ravel()
    if arr.size != 12:
        raise ValueError("month_effects needs 12 values (January to December) or a mapping")
    out[1:] = arr
    return out


def simulate_occupancy(
    start: str | date,
    end: str | date,
    site_headcount: int,
    weekday_effects: Sequence[float] | Mapping[str, float],
    month_effects: Sequence[float] | Mapping[int, float] | None = None,
    holiday_effect: float = float(np.log(0.3)),
    trend: float = 0.0,
    dispersion: float | None = None,
    seed: int | np.random.Generator | None = None,
    site_id: str = "SITE",
    holiday_categories: Sequence[str] = ("public",),
) -> tuple[pd.DataFrame, dict[str, Any]]:
    r"""Daily occupancy counts of one site with a known log-linear mean.

    Parameters
    ----------
    start, end : date-like
        First and last day; only weekdays (Monday–Friday) are generated.
    site_headcount : int
        Employees based at the site, :math:`H`. [persons]
    weekday_effects : sequence of 5 floats or mapping ``'mon'``..``'fri'``
        Probability that an employee is on site on each weekday in January, at the start,
        on a day that is not a holiday. [share]
    month_effects : sequence of 12 floats or mapping month -> float, optional
        Log multipliers of the months (January to December); default none. [-]
    holiday_effect : float, default log(0.3)
        Log multiplier on public holidays. [-]
    trend : float, default 0
        Log change of attendance per year. [1/yr]
    dispersion : float or None, default None
        Distribution of the counts around the mean: ``None`` Binomial(:math:`H`,
        :math:`\mu_d/H`) (independent employees, the desk model of
        :mod:`remotecalc.formulas.office`); ``0`` Poisson; :math:`\alpha > 0` negative binomial NB2,
        variance :math:`\mu + \alpha\mu^2` (over-dispersed: people come together). NB and
        Poisson counts are not capped at the headcount.
    seed : int or numpy.random.Generator, optional
    site_id : str, default "SITE"
    holiday_categories : sequence of str, default ("public",)
        Calendar of the holidays (Danish, ``holidays`` package).

    Returns
    -------
    daily : pandas.DataFrame
        ``date``, ``site_id``, ``count``. [persons/day]
    truth : dict
        ``params`` (pandas.Series named as the estimates of
        :data:`~remotecalc.estimation.attendance.ATTENDANCE_FORMULA`, plus ``alpha`` for NB),
        ``mean_count`` (Series of :math:`\mu_d` by date) [persons], ``distribution``,
        ``headcount``.

    Notes
    -----
    .. math:: \mu_d = H \, p_{w(d)} \exp(m_{\text{month}(d)} + h\,\text{holiday}_d
              + \tau t_d), \qquad t_d = (d - d_0) / 365.25

    with :math:`d_0` the first generated day. In the model's parametrisation the intercept is
    :math:`\log(H p_{w_0}) + m_{m_0}` for the first weekday :math:`w_0` and month :math:`m_0`
    present (the reference levels), the weekday and month terms are differences from them.

    Examples
    --------
    >>> daily, truth = simulate_occupancy("2024-01-01", "2024-03-31", 100,
    ...                                   [0.5, 0.6, 0.55, 0.5, 0.3], seed=1)
    >>> len(daily), round(float(truth["params"]["C(weekday)[T.tue]"]), 4)
    (65, 0.1823)
    """
    from remotecalc.estimation.attendance import DAYS_PER_YEAR, public_holidays

    rng = np.random.default_rng(seed)
    p_weekday = _weekday_values(weekday_effects, "weekday_effects")
    months = _month_values(month_effects)
    dates = pd.bdate_range(start, end)
    if len(dates) == 0:
        raise ValueError("no weekday between start and end")
    weekday = dates.day_of_week.to_numpy()
    month = dates.month.to_numpy()
    holiday = public_holidays(dates, holiday_categories).astype(float)
    t = (dates - dates[0]).days.to_numpy() / DAYS_PER_YEAR
    share = p_weekday[weekday] * np.exp(months[month] + holiday_effect * holiday + trend * t)
    mu = site_headcount * share
    if dispersion is None:
        if share.max() > 1.0:
            raise ValueError(
                f"Binomial counts need a share on site <= 1; the effects give "
                f"{share.max():.3f} on {dates[share.argmax()].date()}"
            )
        count, distribution = rng.binomial(site_headcount, share), "binomial"
    elif dispersion == 0:
        count, distribution = rng.poisson(mu), "poisson"
    elif dispersion > 0:
        size = 1.0 / dispersion
        count, distribution = rng.negative_binomial(size, size / (size + mu)), "negbin"
    else:
        raise ValueError("dispersion must be None, 0 or positive")
    daily = pd.DataFrame({"date": dates, "site_id": site_id, "count": count.astype(np.int64)})

    w0 = int(weekday.min())
    m0 = int(month.min())
    params = {"Intercept": float(np.log(site_headcount * p_weekday[w0]) + months[m0])}
    params |= {
        f"C(weekday)[T.{WEEKDAYS[w]}]": float(np.log(p_weekday[w] / p_weekday[w0]))
        for w in sorted(set(weekday))
        if w != w0
    }
    params |= {
        f"C(month)[T.{m}]": float(months[m] - months[m0]) for m in sorted(set(month)) if m != m0
    }
    if holiday.any():
        params["holiday"] = float(holiday_effect)
    params["trend"] = float(trend)
    if distribution == "negbin":
        params["alpha"] = float(cast(float, dispersion))  # negbin: dispersion > 0
    truth = {
        "params": pd.Series(params),
        "mean_count": pd.Series(mu, index=dates),
        "distribution": distribution,
        "headcount": int(site_headcount),
    }
    return daily, truth


def simulate_badge_events(
    workforce: Workforce,
    start: str | date,
    end: str | date,
    *,
    weekday_profile: Sequence[float] | None = None,
    month_effects: Sequence[float] | Mapping[int, float] | None = None,
    holiday_attendance: float = 0.1,
    day_effect_sd: float = 0.0,
    seed: int | np.random.Generator | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    r"""Badge events of a workforce's employees: who entered which site when.

    Parameters
    ----------
    workforce : Workforce
        Employees with ``site_id``, ``onsite_days_per_week`` and ``fte``.
    start, end : date-like
        Period; events only on weekdays.
    weekday_profile : sequence of 5 floats or mapping, optional
        Relative attendance Monday..Friday (as
        :func:`remotecalc.formulas.office.weekday_onsite_probability`).
    month_effects : sequence of 12 floats or mapping, optional
        Log multipliers of the months. [-]
    holiday_attendance : float, default 0.1
        Multiplier of the on-site probability on public holidays. [-]
    day_effect_sd : float, default 0
        Standard deviation of a shared log-normal shock per site and day (mean one) that
        multiplies everybody's probability: team days, weather, events. 0 gives independent
        employees (Poisson-binomial daily counts); above 0 the counts are over-dispersed. [-]
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    events : pandas.DataFrame
        ``employee_id``, ``timestamp`` (local time, datetime64), ``site_id``: one to three
        events per visit (entry, lunch, leaving).
    truth : dict
        ``onsite_probability`` (DataFrame employees x weekdays) [share], ``daily`` (per site
        and day: ``expected_count`` without the shock and ``count``, the distinct visitors)
        [persons].

    Notes
    -----
    Employee :math:`i` is on site on day :math:`d` with probability
    :math:`\min(1, p_{i,w(d)} \, e^{m_{\text{month}(d)}} \, h_d \, s_{\text{site},d})`,
    independently given the shock :math:`s`, where :math:`p_{i,w}` spreads her on-site days
    (``onsite_days_per_week`` x ``fte``) over the weekdays by the profile.

    Examples
    --------
    >>> from remotecalc.datasets import demo_workforce
    >>> events, truth = simulate_badge_events(demo_workforce(100, seed=1), "2024-03-04",
    ...                                       "2024-03-08", seed=2)
    >>> sorted(events.columns), bool((truth["daily"]["count"] > 0).all())
    (['employee_id', 'site_id', 'timestamp'], True)
    """
    from remotecalc.estimation.attendance import public_holidays
    from remotecalc.formulas import office

    rng = np.random.default_rng(seed)
    staff = workforce.staff
    days_per_week = np.clip(
        staff["onsite_days_per_week"].to_numpy(float) * staff["fte"].to_numpy(float), 0.0, 5.0
    )
    p_week = np.atleast_2d(office.weekday_onsite_probability(days_per_week, weekday_profile))
    months = _month_values(month_effects)
    dates = pd.bdate_range(start, end)
    holiday = public_holidays(dates)
    day_factor = np.exp(months[dates.month.to_numpy()]) * np.where(holiday, holiday_attendance, 1.0)
    site_codes, sites = pd.factorize(staff["site_id"].astype(str), sort=True)
    shock = np.exp(
        day_effect_sd * rng.standard_normal((len(sites), len(dates))) - day_effect_sd**2 / 2.0
    )
    base = p_week[:, dates.day_of_week.to_numpy()] * day_factor[None, :]  # (n, D)
    prob = np.minimum(1.0, base * shock[site_codes])
    present = rng.random(prob.shape) < prob
    emp_idx, day_idx = np.nonzero(present)

    # one to three events per visit: entry 07:00-09:30, lunch, leaving after 6-8 hours
    n_events = rng.integers(1, 4, size=emp_idx.size)
    visit = np.repeat(np.arange(emp_idx.size), n_events)
    order = np.arange(visit.size) - np.repeat(np.cumsum(n_events) - n_events, n_events)
    entry_min = rng.uniform(7 * 60, 9.5 * 60, size=emp_idx.size)
    offset_min = np.select(
        [order == 0, order == 1],
        [0.0, rng.uniform(200, 260, visit.size)],
        rng.uniform(360, 480, visit.size),
    )
    minutes = entry_min[visit] + offset_min
    timestamp = dates.to_numpy()[day_idx[visit]] + (minutes * 60.0).astype("timedelta64[s]")
    employee_ids = staff["employee_id"].astype(str).to_numpy()
    events = pd.DataFrame(
        {
            "employee_id": employee_ids[emp_idx[visit]],
            "timestamp": timestamp.astype("datetime64[ns]"),
            "site_id": np.asarray(sites)[site_codes[emp_idx[visit]]],
        }
    )
    events = events.sort_values(["timestamp", "employee_id"], kind="stable", ignore_index=True)

    expected = np.stack(
        [
            np.bincount(site_codes, weights=base[:, d].clip(max=1.0), minlength=len(sites))
            for d in range(len(dates))
        ],
        1,
    )
    counts = np.stack(
        [
            np.bincount(site_codes, weights=present[:, d], minlength=len(sites))
            for d in range(len(dates))
        ],
        1,
    )
    daily = pd.DataFrame(
        {
            "date": np.tile(dates.to_numpy(), len(sites)),
            "site_id": np.repeat(np.asarray(sites), len(dates)),
            "expected_count": expected.ravel(),
            "count": counts.ravel().astype(np.int64),
        }
    )
    onsite = pd.DataFrame(
        p_week, index=pd.Index(employee_ids, name="employee_id"), columns=list(WEEKDAYS)
    )
    return events, {"onsite_probability": onsite, "daily": daily}


def simulate_staff_covariates(
    workforce: Workforce,
    *,
    caring_share: float = 0.3,
    params: str | Parameters = "dk-2025",
    seed: int | np.random.Generator | None = None,
) -> Workforce:
    """Add the staff columns the uptake model uses, as a synthetic HR register would hold them.

    Parameters
    ----------
    workforce : Workforce
    caring_share : float, default 0.3
        Share of employees with caring responsibilities (children under 12 at home or a
        relative in need of care), drawn at random. [share]
    params : str or Parameters, default "dk-2025"
        Parameter set whose mode speeds and circuity give the commute time.
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    Workforce
        A copy with ``commute_minutes_one_way`` (great-circle distance x circuity / speed of
        the mode, unless present) [min], ``role`` (from the ISCO-08 major group,
        :data:`ROLE_BY_ISCO_MAJOR`, unless present) and ``caring`` (0/1, unless present).

    Examples
    --------
    >>> from remotecalc.datasets import demo_workforce
    >>> wf = simulate_staff_covariates(demo_workforce(50, seed=1), seed=2)
    >>> {"commute_minutes_one_way", "role", "caring"} <= set(wf.staff.columns)
    True
    """
    from remotecalc.inputs.parameters import Parameters, load_parameters

    rng = np.random.default_rng(seed)
    staff = workforce.staff
    new = {}
    if "commute_minutes_one_way" not in staff.columns:
        p = params if isinstance(params, Parameters) else load_parameters(params)
        modes = p.mode_table()
        pos = modes.index.get_indexer(pd.Index(staff["mode"].astype(str)))
        km = workforce.great_circle_km().to_numpy() * modes["circuity"].to_numpy(float)[pos]
        if "one_way_km" in staff.columns:
            given = staff["one_way_km"].to_numpy(float)
            km = np.where(np.isnan(given), km, given)
        new["commute_minutes_one_way"] = np.round(
            60.0 * km / modes["speed_km_per_h"].to_numpy(float)[pos], 1
        )
    if "role" not in staff.columns:
        major = staff["occupation_isco08"].astype(str).str[:1]
        new["role"] = major.map(ROLE_BY_ISCO_MAJOR).fillna("manual").to_numpy(dtype=object)
    if "caring" not in staff.columns:
        new["caring"] = (rng.random(len(staff)) < caring_share).astype(np.int64)
    return dataclasses.replace(workforce, staff=staff.assign(**new))


def simulate_survey(
    workforce: Workforce,
    coefficients: Mapping | None = None,
    cutpoints: Sequence[float] | None = None,
    *,
    role_effects: Mapping | None = None,
    response_rate: float = 0.5,
    response_log_odds_per_day: float = 0.0,
    seed: int | np.random.Generator | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    r"""A staff survey of desired home days (0–5) drawn from a known ordered logit.

    Parameters
    ----------
    workforce : Workforce
        The staff surveyed. Columns ``commute_minutes_one_way``, ``role`` and ``caring`` are
        used when present, else drawn by :func:`simulate_staff_covariates` (call it first to
        predict for the whole staff with the same covariates).
    coefficients : mapping, optional
        Slopes of ``commute_minutes_one_way`` [1/min], ``teleworkable`` [1/share] and
        ``caring`` [-]; default :data:`DEFAULT_UPTAKE_COEFFICIENTS`.
    cutpoints : sequence of 5 increasing floats, optional
        Cut points of the latent scale between 0|1|...|5 days; default
        :data:`DEFAULT_UPTAKE_CUTPOINTS`.
    role_effects : mapping, optional
        Latent-scale effect of each role; default :data:`DEFAULT_ROLE_EFFECTS`.
    response_rate : float, default 0.5
        Probability of answering; with ``response_log_odds_per_day`` it is the probability
        of those who want 0 home days. [share]
    response_log_odds_per_day : float, default 0
        Informative non-response: the log-odds of answering change by this much per desired
        home day, :math:`\text{logit}\,\pi_i = \text{logit}(r) + \gamma y_i`. With
        :math:`\gamma = 0` everybody answers with probability :math:`r`. The survey's
        ``weight`` is :math:`1/\pi_i`, the inverse of the (known) response probability.
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    survey : pandas.DataFrame
        One row per respondent: ``employee_id``, ``home_days_wanted`` (0–5)
        [days/week], ``commute_minutes_one_way`` [min], ``teleworkable`` [share], ``role``,
        ``caring`` and ``weight`` (inverse response probability) [-].
    truth : dict
        ``params`` (pandas.Series named and parametrised as the estimates of
        :data:`~remotecalc.estimation.uptake.UPTAKE_FORMULA` by ``OrderedModel``: slopes,
        role differences from the first role in alphabetical order, the first cut point and
        the logs of the increments between cut points), ``cutpoints`` (on the scale of the
        reference role), ``population`` (every employee: ``employee_id``,
        ``home_days_wanted``, ``response_probability``, ``responded``).

    Notes
    -----
    .. math:: y_i^* = x_i'\beta + \varepsilon_i, \quad \varepsilon_i \sim \text{Logistic},
              \qquad y_i = \#\{j : c_j < y_i^*\}

    Examples
    --------
    >>> from remotecalc.datasets import demo_workforce
    >>> survey, truth = simulate_survey(demo_workforce(200, seed=1), seed=2)
    >>> bool(survey["home_days_wanted"].between(0, 5).all()), truth["params"].index[-1]
    (True, '4/5')
    """
    from scipy import special

    rng = np.random.default_rng(seed)
    coefficients = dict(DEFAULT_UPTAKE_COEFFICIENTS if coefficients is None else coefficients)
    cuts = np.asarray(DEFAULT_UPTAKE_CUTPOINTS if cutpoints is None else cutpoints, float)
    role_effects = dict(DEFAULT_ROLE_EFFECTS if role_effects is None else role_effects)
    if cuts.size != 5 or np.any(np.diff(cuts) <= 0):
        raise ValueError("cutpoints needs 5 increasing values (between 0|1|2|3|4|5 days)")
    needed = ("commute_minutes_one_way", "role", "caring")
    if any(c not in workforce.staff.columns for c in needed):
        workforce = simulate_staff_covariates(workforce, seed=rng)
    staff = workforce.staff
    roles = staff["role"].astype(str)
    unknown = sorted(set(roles) - set(role_effects))
    if unknown:
        raise ValueError(f"role_effects lacks role(s) {unknown}")
    slope_names = ("commute_minutes_one_way", "teleworkable", "caring")
    x = np.column_stack([staff[c].to_numpy(float) for c in slope_names])
    beta = np.array([coefficients[c] for c in slope_names])
    xb = x @ beta + roles.map(role_effects).to_numpy(float)
    latent = xb + rng.logistic(size=len(staff))
    wanted = (latent[:, None] > cuts[None, :]).sum(axis=1)
    logit_r = special.logit(response_rate)
    p_respond = special.expit(logit_r + response_log_odds_per_day * wanted)
    responded = rng.random(len(staff)) < p_respond

    survey = (
        pd.DataFrame(
            {
                "employee_id": staff["employee_id"].astype(str).to_numpy(),
                "home_days_wanted": wanted.astype(np.int64),
                "commute_minutes_one_way": staff["commute_minutes_one_way"].to_numpy(float),
                "teleworkable": staff["teleworkable"].to_numpy(float),
                "role": roles.to_numpy(dtype=object),
                "caring": staff["caring"].to_numpy(np.int64),
                "weight": 1.0 / p_respond,
            }
        )
        .loc[responded]
        .reset_index(drop=True)
    )

    present = sorted(set(survey["role"]))
    reference = present[0] if present else min(set(roles))
    ref = role_effects[reference]
    params = {f"C(role)[T.{r}]": role_effects[r] - ref for r in present if r != reference}
    params |= {c: float(coefficients[c]) for c in slope_names}
    shifted = cuts - ref
    levels = sorted(set(survey["home_days_wanted"]))
    # thresholds between observed levels only (statsmodels drops levels nobody chose)
    kept = shifted[np.asarray(levels[:-1], dtype=int)]
    names = [f"{a}/{b}" for a, b in itertools.pairwise(levels)]
    theta = np.concatenate([kept[:1], np.log(np.diff(kept))])
    params |= dict(zip(names, theta.tolist(), strict=True))
    population = pd.DataFrame(
        {
            "employee_id": staff["employee_id"].astype(str).to_numpy(),
            "home_days_wanted": wanted,
            "response_probability": p_respond,
            "responded": responded,
        }
    )
    return survey, {"params": pd.Series(params), "cutpoints": shifted, "population": population}
