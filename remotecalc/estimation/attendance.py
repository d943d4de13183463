r"""Attendance from the employer's own logs: daily occupancy counts, a count model, desks.

An office's daily head count (from desk bookings, occupancy sensors or badge logs) is modelled
as a count with a log-linear mean,

.. math::
    \log \mu_d = \beta_0 + \beta_{\text{weekday}(d)} + \beta_{\text{month}(d)}
                 + \beta_h \, \text{holiday}_d + \beta_t \, t_d ,

(:data:`ATTENDANCE_FORMULA`; :math:`t_d` in years since the first day of the data; holidays
from the Danish calendar of the ``holidays`` package), fitted by statsmodels as a Poisson GLM
with the dispersion estimated from Pearson's :math:`\chi^2` (quasi-Poisson) or as a negative
binomial (NB2) regression. The fitted distribution of the peak weekday's attendance gives the
desks needed at a service level, with an interval for the uncertainty of the estimates; it can
be set beside the Binomial/Poisson-binomial desk model of :mod:`remotecalc.formulas.office`, which
assumes employees come independently of each other.

Only working weekdays (Monday to Friday) enter the model. A public holiday with nobody on site
is taken as a day the site was closed and left out (its effect would be :math:`-\infty`); if
no open holiday remains, the holiday term is dropped
(:data:`ATTENDANCE_FORMULA_NO_HOLIDAYS`). The formula actually used is
``results.model.formula``.

The logs are read by :mod:`remotecalc.inputs.attendance` (:func:`read_occupancy`,
:func:`read_badge_events`, :func:`daily_counts`, re-exported here).

References
----------
McCullagh, P., & Nelder, J. A. (1989). Generalized Linear Models, 2nd ed. Chapman & Hall,
§ 6.2 (Poisson log-linear models, over-dispersion and the Pearson estimate of dispersion).

Cameron, A. C., & Trivedi, P. K. (2013). Regression Analysis of Count Data, 2nd ed.
Cambridge University Press, § 3.3 (negative binomial NB2 regression).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

import holidays as holidays_package
import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.discrete.discrete_model import NegativeBinomial

from remotecalc._numeric import Numeric
from remotecalc.formulas import office
from remotecalc.inputs.attendance import daily_counts, read_badge_events, read_occupancy

__all__ = [
    "ATTENDANCE_FORMULA",
    "ATTENDANCE_FORMULA_NO_HOLIDAYS",
    "DAYS_PER_YEAR",
    "FAMILIES",
    "HOLIDAY_COUNTRY",
    "AttendanceDesks",
    "attendance_frame",
    "compare_desk_models",
    "daily_counts",
    "desks_from_attendance",
    "fit_attendance",
    "public_holidays",
    "read_badge_events",
    "read_occupancy",
]

#: Count model of daily attendance (statsmodels/patsy formula).
ATTENDANCE_FORMULA = "count ~ C(weekday) + C(month) + holiday + trend"

#: The same without the holiday term: used when the data hold no open holiday.
ATTENDANCE_FORMULA_NO_HOLIDAYS = "count ~ C(weekday) + C(month) + trend"

#: Country of the public-holiday calendar (``holidays`` package; Denmark).
HOLIDAY_COUNTRY = "DK"

#: Days per year of the ``trend`` covariate. [days/yr]
DAYS_PER_YEAR = 365.25

#: Weekday labels, Monday first (as :data:`remotecalc.formulas.office.WEEKDAYS`).
WEEKDAYS = office.WEEKDAYS

# ---------------------------------------------------------------------------------------
# The model frame
# ---------------------------------------------------------------------------------------


def public_holidays(
    dates: Any, categories: Sequence[str] = ("public",), country: str = HOLIDAY_COUNTRY
) -> np.ndarray:
    """Whether each date is a public holiday (the ``holidays`` package's calendar).

    Parameters
    ----------
    dates : array-like of datetime-like
    categories : sequence of str, default ("public",)
        Holiday categories of the ``holidays`` package. For Denmark ``"optional"`` adds days
        many employers give off: 1 May, Constitution Day (5 June), 24 and 31 December.
    country : str, default "DK"

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> public_holidays(pd.to_datetime(["2024-12-24", "2024-12-25", "2024-06-05"])).tolist()
    [False, True, False]
    >>> public_holidays(pd.to_datetime(["2024-12-24"]), ("public", "optional")).tolist()
    [True]
    """
    idx = pd.DatetimeIndex(pd.to_datetime(np.asarray(dates)))
    if len(idx) == 0:
        return np.zeros(0, dtype=bool)
    days = _holiday_dates(country, int(idx.year.min()), int(idx.year.max()), tuple(categories))
    return idx.normalize().isin(days)


@functools.lru_cache(maxsize=64)
def _holiday_dates(
    country: str, first_year: int, last_year: int, categories: tuple[str, ...]
) -> pd.DatetimeIndex:
    calendar = holidays_package.country_holidays(
        country, years=range(first_year, last_year + 1), categories=categories
    )
    return pd.DatetimeIndex(pd.to_datetime(sorted(calendar.keys())))


def _covariates(dates, origin, categories) -> pd.DataFrame:
    """weekday, month, holiday and trend of weekday dates (weekends removed)."""
    dates = pd.DatetimeIndex(pd.to_datetime(np.asarray(dates))).normalize()
    dates = dates[dates.day_of_week < 5]
    return pd.DataFrame(
        {
            "date": dates,
            "weekday": pd.Categorical(
                np.asarray(WEEKDAYS)[dates.day_of_week], categories=list(WEEKDAYS)
            ),
            "month": dates.month.to_numpy(),
            "holiday": public_holidays(dates, categories).astype(np.int64),
            "trend": (dates - origin).days.to_numpy() / DAYS_PER_YEAR,
        }
    )


def attendance_frame(
    daily: pd.DataFrame,
    *,
    site_id: str | None = None,
    holiday_categories: Sequence[str] = ("public",),
) -> pd.DataFrame:
    """The model frame of :data:`ATTENDANCE_FORMULA` for one site.

    Parameters
    ----------
    daily : pandas.DataFrame
        Daily counts with ``date`` and ``count`` (and ``site_id``), e.g. from
        :func:`read_occupancy` or :func:`read_badge_events`.
    site_id : str, optional
        The site to model; needed when ``daily`` holds several.
    holiday_categories : sequence of str, default ("public",)
        See :func:`public_holidays`.

    Returns
    -------
    pandas.DataFrame
        ``date``, ``count``, ``weekday`` (categorical ``mon``..``fri``, unused days removed),
        ``month`` (1–12), ``holiday`` (0/1) and ``trend`` (years since the first weekday in
        the data) [yr]. Weekends are left out, and so are holidays with a count of 0 (the site
        was closed). ``attrs['holiday_categories']`` records the calendar used.

    Examples
    --------
    >>> daily = pd.DataFrame({"date": pd.to_datetime(["2024-12-24", "2024-12-25",
    ...                                               "2024-12-27", "2024-12-28"]),
    ...                       "count": [40, 0, 35, 3]})
    >>> attendance_frame(daily)[["date", "weekday", "holiday", "trend"]]
            date weekday  holiday     trend
    0 2024-12-24     tue        0  0.000000
    1 2024-12-27     fri        0  0.008214
    """
    if "site_id" in daily.columns:
        sites = pd.unique(daily["site_id"].astype(str))
        if site_id is None and len(sites) > 1:
            raise ValueError(
                f"the daily counts hold {len(sites)} sites "
                f"({', '.join(sites[:10])}{', ...' if len(sites) > 10 else ''});"
                " pass site_id=... to model one of them"
            )
        if site_id is not None:
            if site_id not in sites:
                raise ValueError(
                    f"site_id '{site_id}' is not in the daily counts; sites: "
                    f"{', '.join(sites[:10])}"
                )
            daily = daily.loc[daily["site_id"].astype(str) == site_id]
    daily = daily.sort_values("date", kind="stable")
    dates = pd.DatetimeIndex(pd.to_datetime(daily["date"])).normalize()
    weekday = dates.day_of_week < 5
    if not weekday.any():
        raise ValueError("the daily counts hold no weekday (Monday-Friday)")
    origin = dates[weekday].min()
    frame = _covariates(dates[weekday], origin, holiday_categories)
    frame.insert(1, "count", daily["count"].to_numpy()[weekday].astype(np.int64))
    closed = (frame["holiday"] == 1) & (frame["count"] == 0)
    frame = frame.loc[~closed].reset_index(drop=True)
    frame["weekday"] = frame["weekday"].cat.remove_unused_categories()
    frame.attrs["holiday_categories"] = tuple(holiday_categories)
    return frame


# ---------------------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------------------


def _fit_quasi_poisson(formula, frame, maxiter):
    return smf.glm(formula, frame, family=sm.families.Poisson()).fit(scale="X2", maxiter=maxiter)


def _fit_negative_binomial(formula, frame, maxiter):
    model = smf.negativebinomial(formula, frame, loglike_method="nb2")
    return model.fit(method="bfgs", maxiter=maxiter, disp=0)


#: family -> fitting function (formula, frame, maxiter) -> statsmodels results.
FAMILIES = {"poisson": _fit_quasi_poisson, "negbin": _fit_negative_binomial}


def fit_attendance(
    daily: pd.DataFrame,
    family: str = "poisson",
    *,
    site_id: str | None = None,
    formula: str | None = None,
    holiday_categories: Sequence[str] = ("public",),
    maxiter: int = 100,
) -> Any:
    r"""Fit the count model of daily attendance at one site.

    Parameters
    ----------
    daily : pandas.DataFrame
        Daily counts (``date``, ``count``, optionally ``site_id``), see
        :func:`attendance_frame`.
    family : {'poisson', 'negbin'}, default 'poisson'
        ``'poisson'``: Poisson GLM with the dispersion :math:`\phi` estimated from Pearson's
        :math:`\chi^2` (quasi-Poisson, ``GLM.fit(scale="X2")``): the coefficients are the
        Poisson maximum-likelihood estimates and their standard errors are scaled by
        :math:`\sqrt{\phi}`, so they hold whether the counts are Poisson (:math:`\phi = 1`),
        bounded by the headcount as a Binomial is (:math:`\phi < 1`) or over-dispersed
        (:math:`\phi > 1`). ``'negbin'``: NB2 regression (``var = mu + alpha mu^2``) by
        maximum likelihood of the coefficients and :math:`\alpha` together (statsmodels'
        discrete ``NegativeBinomial``).
    site_id : str, optional
        Needed when ``daily`` holds several sites.
    formula : str, optional
        Default :data:`ATTENDANCE_FORMULA`, or :data:`ATTENDANCE_FORMULA_NO_HOLIDAYS` when
        the data hold no open holiday.
    holiday_categories : sequence of str, default ("public",)
        See :func:`public_holidays`.
    maxiter : int, default 100
        Iterations of the optimiser.

    Returns
    -------
    statsmodels results
        ``GLMResults`` (``'poisson'``) or ``NegativeBinomialResults`` (``'negbin'``), as
        statsmodels returns them: ``.summary()``, ``.params``, ``.conf_int()``,
        ``.predict(frame)``; ``.model.data.frame`` is the model frame.

    Notes
    -----
    Why the discrete ``NegativeBinomial`` for NB2 rather than a GLM with a fixed
    :math:`\alpha`: it estimates :math:`\alpha` with a standard error (shown in
    ``.summary()``, a direct check of over-dispersion) and lets the desk interval of
    :func:`desks_from_attendance` carry the uncertainty of :math:`\alpha`. Its coefficient
    estimates equal those of ``GLM(family=NegativeBinomial(alpha=alpha_hat))``; in NB2 the
    information matrix is block-diagonal between the coefficients and :math:`\alpha`, so the
    coefficients' standard errors agree asymptotically too.

    When the counts are under-dispersed (as Binomial counts are) the NB2 estimate of
    :math:`\alpha` runs to its boundary 0: use ``'poisson'``. In samples of a year or two the
    maximum-likelihood :math:`\hat\alpha` is biased down by roughly :math:`k/n` (k mean
    parameters, n days; about 5 % for two years of this formula), so its Wald interval covers
    somewhat less than nominal (about 0.89 for 95 % in the project's simulations); the
    coefficients' intervals are not affected (Lloyd-Smith 2007).

    The quasi-Poisson dispersion is one number for all days; with Binomial counts the true
    dispersion :math:`1 - \mu_d/H` is higher in months of low attendance, whose coefficients'
    intervals are then somewhat too narrow (about 0.91 coverage for a summer month at half
    the usual attendance).

    References
    ----------
    Lloyd-Smith, J. O. (2007). Maximum likelihood estimation of the negative binomial
    dispersion parameter for highly overdispersed data, with applications to infectious
    diseases. PLoS ONE 2(2), e180. https://doi.org/10.1371/journal.pone.0000180

    Examples
    --------
    >>> from remotecalc.estimation.synthetic import simulate_occupancy
    >>> daily, truth = simulate_occupancy("2024-01-01", "2024-12-31", 200,
    ...                                   [0.5, 0.6, 0.55, 0.5, 0.3], seed=1)
    >>> res = fit_attendance(daily)
    >>> res.model.formula
    'count ~ C(weekday) + C(month) + holiday + trend'
    >>> bool(res.scale < 1)   # Binomial counts are under-dispersed against Poisson
    True
    """
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {', '.join(map(repr, FAMILIES))}, not {family!r}")
    frame = attendance_frame(daily, site_id=site_id, holiday_categories=holiday_categories)
    if formula is None:
        formula = ATTENDANCE_FORMULA if frame["holiday"].any() else ATTENDANCE_FORMULA_NO_HOLIDAYS
    return FAMILIES[family](formula, frame, maxiter)


# ---------------------------------------------------------------------------------------
# Desks from the fitted model
# ---------------------------------------------------------------------------------------


class AttendanceDesks(NamedTuple):
    """Desks needed at one site according to a fitted attendance model."""

    desks: int
    """Service-level quantile of the fitted attendance distribution on the weekday, at the
    estimates (mixed over ``dates``). [desks]"""
    lower: int
    """Lower end of the interval of ``desks`` over the estimates' uncertainty. [desks]"""
    upper: int
    """Upper end of that interval. [desks]"""
    predictive_desks: int
    """Service-level quantile of the predictive distribution, which also averages over the
    estimates' uncertainty (a little above ``desks``). [desks]"""
    weekday: str
    """The weekday sized for (the peak unless chosen)."""
    service_level: float
    """Probability that everybody who comes on such a day finds a desk. [-]"""
    interval: float
    """Coverage of ``lower``..``upper``. [-]"""
    expected_attendance: float
    """Mean attendance on the weekday over ``dates``. [persons]"""
    expected_by_weekday: pd.Series
    """Mean attendance by weekday over ``dates`` (holidays left out). [persons]"""
    n_dates: int
    """Number of days of the weekday mixed over."""
    draws: np.ndarray
    """``desks`` for each draw of the estimates. [desks]"""


class _Draws(NamedTuple):
    kind: str  # 'dispersion' (quasi-Poisson phi) or 'negbin' (alpha)
    mu_hat: np.ndarray  # (D,) mean attendance at the estimates on the selected dates
    par_hat: float
    mu: np.ndarray  # (R, D) means for each draw
    par: np.ndarray  # (R, 1) phi or alpha for each draw
    weekday: str
    expected_by_weekday: pd.Series
    label: str


def _trend_origin(frame: pd.DataFrame) -> pd.Timestamp:
    first = frame.iloc[0]
    return pd.Timestamp(first["date"]) - pd.Timedelta(days=round(first["trend"] * DAYS_PER_YEAR))


def _design(results, frame: pd.DataFrame) -> np.ndarray:
    # statsmodels' own transformation of new data for predict() (patsy or formulaic), so the
    # design matrix is built exactly as results.predict(frame) builds it.
    exog, _ = results._transform_predict_exog(frame)
    return np.asarray(exog, dtype=float)


def _model_kind(results, weekday: str):
    """('dispersion'|'negbin', beta, cov_beta, par_hat, par_sampler, label) for one weekday."""
    model = results.model
    params = np.asarray(results.params, dtype=float)
    cov = np.asarray(results.cov_params(), dtype=float)
    if isinstance(model, NegativeBinomial):
        if model.loglike_method != "nb2":
            raise ValueError("only NB2 negative binomial models are supported")
        alpha, se = params[-1], float(np.sqrt(cov[-1, -1]))

        def sample(rng, n):  # log(alpha) is closer to normal than alpha
            return alpha * np.exp(rng.normal(0.0, se / alpha, n))

        return (
            "negbin",
            params[:-1],
            cov[:-1, :-1],
            alpha,
            sample,
            "attendance: negative binomial (NB2)",
        )
    if isinstance(model, sm.GLM) and isinstance(model.family, sm.families.NegativeBinomial):
        alpha = float(model.family.alpha)
        return (
            "negbin",
            params,
            cov,
            alpha,
            lambda rng, n: np.full(n, alpha),
            "attendance: negative binomial GLM (alpha fixed)",
        )
    if isinstance(model, sm.GLM) and isinstance(model.family, sm.families.Poisson):
        if model.scaletype is None or not isinstance(model.scaletype, str):
            phi = 1.0 if model.scaletype is None else float(model.scaletype)
            return (
                "dispersion",
                params,
                cov,
                phi,
                lambda rng, n: np.full(n, phi),
                "attendance: Poisson GLM",
            )
        phi, df = _weekday_dispersion(results, weekday)

        def sample(rng, n):  # Pearson X2 / df is approximately phi * chi2(df) / df
            return phi * rng.chisquare(df, n) / df

        return "dispersion", params, cov, phi, sample, "attendance: quasi-Poisson GLM"
    raise TypeError("results must come from fit_attendance (a Poisson GLM or an NB2 model)")


def _weekday_dispersion(results, weekday: str) -> tuple[float, float]:
    """Pearson dispersion of one weekday's days, and its degrees of freedom.

    phi_w = sum over the weekday's days of Pearson residuals squared / (n_w (1 - p / n)):
    the pooled estimate restricted to the days that decide the desks (with Binomial counts
    the dispersion 1 - mu / H is lowest on the peak day).
    """
    frame = results.model.data.frame
    resid = np.asarray(results.resid_pearson, dtype=float)
    on_day = (
        (frame["weekday"].astype(str) == weekday).to_numpy()
        if "weekday" in frame
        else np.ones(resid.size, dtype=bool)
    )
    if on_day.sum() < 2:
        return float(results.scale), float(results.df_resid)
    df = on_day.sum() * results.df_resid / results.nobs
    return float((resid[on_day] ** 2).sum() / df), float(df)


def _check_levels(frame_fit: pd.DataFrame, cov: pd.DataFrame) -> None:
    months = set(frame_fit["month"].unique())
    missing = sorted(set(cov["month"]) - months)
    if missing:
        raise ValueError(
            f"the model has no estimate for month(s) {missing}: the data cover "
            f"months {sorted(months)}. Pass dates= within those months."
        )
    days = set(frame_fit["weekday"].astype(str))
    missing = [d for d in WEEKDAYS if d in set(cov["weekday"].astype(str)) and d not in days]
    if missing:
        raise ValueError(f"the model has no estimate for weekday(s) {missing} (no data on them)")


def _draws(results, weekday, dates, n_sim, seed, include_holidays) -> _Draws:
    frame = results.model.data.frame
    origin = _trend_origin(frame)
    categories = frame.attrs.get("holiday_categories", ("public",))
    default_dates = dates is None
    if default_dates:  # the last 52 weeks of the data: today's pattern, no extrapolation
        last = pd.Timestamp(frame["date"].max())
        first = max(pd.Timestamp(frame["date"].min()), last - pd.Timedelta(days=363))
        dates = pd.bdate_range(first, last)
    elif isinstance(dates, (str, pd.Timestamp)) or np.ndim(dates) == 0:
        dates = [dates]
    cov = _covariates(dates, origin, categories)
    fitted_days = [str(d) for d in frame["weekday"].cat.categories]
    if default_dates:  # a site closed on some weekday needs no desks that day
        cov = cov.loc[cov["weekday"].astype(str).isin(fitted_days)]
    if not include_holidays:
        cov = cov.loc[cov["holiday"] == 0]
    if len(cov) == 0:
        raise ValueError("no working weekday among the dates")
    _check_levels(frame, cov)
    cov = cov.assign(weekday=cov["weekday"].cat.set_categories(fitted_days))
    X = _design(results, cov.reset_index(drop=True))
    beta = np.asarray(results.params, dtype=float)[: X.shape[1]]
    mu_hat_all = np.exp(X @ beta)
    by_day = pd.Series(mu_hat_all).groupby(cov["weekday"].astype(str).to_numpy()).mean()
    by_day = by_day.reindex([d for d in WEEKDAYS if d in by_day.index])
    if weekday is None:
        weekday = str(by_day.idxmax())  # ties: the earlier day (first maximum)
    weekday = str(weekday).lower()[:3]
    if weekday not in by_day.index:
        raise ValueError(
            f"weekday '{weekday}' is not among the dates' weekdays {list(by_day.index)}"
        )
    sel = (cov["weekday"].astype(str) == weekday).to_numpy()
    kind, beta, cov_beta, par_hat, sample, label = _model_kind(results, weekday)
    rng = np.random.default_rng(seed)
    beta_draws = rng.multivariate_normal(beta, cov_beta, size=n_sim, method="cholesky")
    mu = np.exp(beta_draws @ X[sel].T)
    return _Draws(
        kind, mu_hat_all[sel], par_hat, mu, sample(rng, n_sim)[:, None], weekday, by_day, label
    )


def _count_cdf(k, mu, kind: str, par):
    """P(N <= k) for counts with mean mu: NB2 (alpha) or dispersion-matched (phi).

    With dispersion phi (variance phi * mu): phi < 1 a Binomial(N, mu / N) with
    N = mu / (1 - phi) rounded; phi = 1 Poisson; phi > 1 a negative binomial of variance
    phi * mu (size mu / (phi - 1), probability 1 / phi).
    """
    k, mu, par = np.broadcast_arrays(
        np.asarray(k, float), np.asarray(mu, float), np.asarray(par, float)
    )
    if kind == "negbin":
        size = 1.0 / par
        return stats.nbinom.cdf(k, size, size / (size + mu))
    out = np.empty(k.shape)
    under, over = par < 1.0 - 1e-9, par > 1.0 + 1e-9
    flat = ~(under | over)
    out[flat] = stats.poisson.cdf(k[flat], mu[flat])
    if under.any():
        m, p = mu[under], par[under]
        trials = np.maximum(np.round(m / (1.0 - p)), np.ceil(m))
        out[under] = stats.binom.cdf(k[under], trials, m / trials)
    if over.any():
        m, p = mu[over], par[over]
        out[over] = stats.nbinom.cdf(k[over], m / (p - 1.0), 1.0 / p)
    return out


def _mixture_quantile(mu: np.ndarray, par: np.ndarray, kind: str, level: float) -> np.ndarray:
    """Per row r: min{k : mean_d P(N_rd <= k) >= level}, by bisection on the integers."""
    mu = np.atleast_2d(mu)
    par = np.broadcast_to(par, mu.shape)
    var = mu + par * mu**2 if kind == "negbin" else np.maximum(par, 1.0) * mu
    hi = np.ceil((mu + 12.0 * np.sqrt(var)).max(axis=1) + 10.0)
    for _ in range(60):  # make sure the upper bracket reaches the level
        short = _count_cdf(hi[:, None], mu, kind, par).mean(axis=1) < level
        if not short.any():
            break
        hi = np.where(short, 2.0 * hi, hi)
    lo = np.full(hi.shape, -1.0)  # P(N <= -1) = 0 < level
    while np.any(hi - lo > 1):
        mid = np.floor((lo + hi) / 2.0)
        ok = _count_cdf(mid[:, None], mu, kind, par).mean(axis=1) >= level
        hi, lo = np.where(ok, mid, hi), np.where(ok, lo, mid)
    return hi.astype(np.int64)


def desks_from_attendance(
    results: Any,
    weekday: str | None = None,
    service_level: float = 0.95,
    dates: Any = None,
    *,
    interval: float = 0.95,
    n_sim: int = 2000,
    seed: int | np.random.Generator | None = None,
    include_holidays: bool = False,
) -> AttendanceDesks:
    r"""Desks a site needs, from a fitted attendance model, with an interval.

    Parameters
    ----------
    results : statsmodels results
        From :func:`fit_attendance`.
    weekday : str, optional
        ``'mon'``..``'fri'``; default the peak weekday (highest mean attendance over
        ``dates``).
    service_level : float, default 0.95
        Probability that everybody who comes on such a day finds a desk. [-]
    dates : date-like or sequence of date-like, optional
        Days to size for; default every weekday of the last 52 weeks of the data (today's
        pattern). Future dates plan ahead with the trend extrapolated: with less than about
        two years of data the trend is poorly separated from the months, so check its
        standard error first. Their months must occur in the data.
    interval : float, default 0.95
        Coverage of the interval ``lower``..``upper``. [-]
    n_sim : int, default 2000
        Draws of the estimates.
    seed : int or numpy.random.Generator, optional
    include_holidays : bool, default False
        Size for holidays too (by default desks are sized for ordinary working days).

    Returns
    -------
    AttendanceDesks

    Notes
    -----
    Over the :math:`D` chosen days of the weekday with fitted means :math:`\mu_d`, the desks
    are the service-level quantile of attendance on a day drawn at random among them,

    .. math:: \text{desks} = \min\Big\{k : \tfrac1D \textstyle\sum_d F(k; \mu_d, \theta)
              \ge s\Big\},

    with :math:`F` the fitted count distribution: NB2 with :math:`\alpha` for
    ``'negbin'``; for the quasi-Poisson fit a distribution of mean :math:`\mu_d` and variance
    :math:`\phi_w\mu_d` (Binomial for :math:`\phi_w < 1`, Poisson for :math:`\phi_w = 1`,
    negative binomial for :math:`\phi_w > 1`), where :math:`\phi_w` is the Pearson dispersion
    of the weekday's own days, :math:`\sum_{d \in w} r_d^2 / (n_w (1 - p/n))`: with Binomial
    counts the dispersion :math:`1 - \mu/H` is lowest on the peak day, so the pooled
    ``results.scale`` would over-size. Uncertainty of the estimates: coefficients are drawn from
    their asymptotic normal distribution :math:`N(\hat\beta, \hat V)`, :math:`\log\alpha`
    from its normal approximation (delta method), :math:`\phi` as
    :math:`\hat\phi\,\chi^2_{df}/df`; ``lower``/``upper`` are percentiles of the desks over
    the draws, ``predictive_desks`` the quantile of the mixture over draws and days.

    Examples
    --------
    >>> from remotecalc.estimation.synthetic import simulate_occupancy
    >>> daily, _ = simulate_occupancy("2023-01-02", "2024-12-31", 200,
    ...                               [0.5, 0.6, 0.55, 0.5, 0.3], seed=3)
    >>> d = desks_from_attendance(fit_attendance(daily), n_sim=300, seed=1)
    >>> d.weekday, d.lower <= d.desks <= d.upper
    ('tue', True)
    """
    if not 0.0 < service_level < 1.0:
        raise ValueError("service_level must lie strictly between 0 and 1")
    dr = _draws(results, weekday, dates, n_sim, seed, include_holidays)
    return _desks(dr, service_level, interval)


def _desks(dr: _Draws, service_level: float, interval: float) -> AttendanceDesks:
    desks = int(
        _mixture_quantile(dr.mu_hat[None, :], np.array([[dr.par_hat]]), dr.kind, service_level)[0]
    )
    per_draw = _mixture_quantile(dr.mu, dr.par, dr.kind, service_level)
    predictive = int(
        _mixture_quantile(
            dr.mu.reshape(1, -1),
            np.broadcast_to(dr.par, dr.mu.shape).reshape(1, -1),
            dr.kind,
            service_level,
        )[0]
    )
    tail = (1.0 - interval) / 2.0
    lower, upper = np.quantile(per_draw, [tail, 1.0 - tail], method="inverted_cdf")
    return AttendanceDesks(
        desks=desks,
        lower=int(lower),
        upper=int(upper),
        predictive_desks=predictive,
        weekday=dr.weekday,
        service_level=service_level,
        interval=interval,
        expected_attendance=float(dr.mu_hat.mean()),
        expected_by_weekday=dr.expected_by_weekday,
        n_dates=int(dr.mu_hat.size),
        draws=per_draw,
    )


def compare_desk_models(
    results: Any,
    headcount: int,
    *,
    service_level: float = 0.95,
    weekday: str | None = None,
    dates: Any = None,
    onsite_probability: Numeric | None = None,
    interval: float = 0.95,
    n_sim: int = 2000,
    seed: int | np.random.Generator | None = None,
) -> pd.DataFrame:
    r"""Desks from the attendance model beside the Binomial (and Poisson-binomial) desk model.

    Parameters
    ----------
    results : statsmodels results
        From :func:`fit_attendance`.
    headcount : int
        Employees based at the site. [persons]
    service_level, weekday, dates, interval, n_sim, seed
        As :func:`desks_from_attendance`; the same draws serve both models.
    onsite_probability : array-like, optional
        Each employee's probability of being on site on the weekday (e.g. a column of
        :func:`remotecalc.formulas.office.weekday_onsite_probability`): adds the Poisson-binomial
        row of the core model.

    Returns
    -------
    pandas.DataFrame
        One row per model: ``model``, ``weekday``, ``expected_attendance`` [persons],
        ``sd_attendance`` [persons], ``desks``, ``lower``, ``upper`` [desks].

    Notes
    -----
    The Binomial row takes :math:`p = \bar\mu / H`, the attendance model's mean on the
    weekday over the chosen days divided by the headcount, and applies
    :func:`remotecalc.formulas.office.attendance_quantile`: employees coming independently, each
    with
    probability :math:`p`. Its interval uses the same coefficient draws. When the counts are
    Binomial the two agree (up to estimation error and the attendance model's constant
    dispersion across weekdays); when people come together (team days, weather, events) the
    counts are over-dispersed and the attendance model asks for more desks. The Binomial row
    also ignores day-to-day changes of the mean (months, trend) that the attendance model
    mixes over.

    Examples
    --------
    >>> from remotecalc.estimation.synthetic import simulate_occupancy
    >>> daily, _ = simulate_occupancy("2023-01-02", "2024-12-31", 200,
    ...                               [0.5, 0.6, 0.55, 0.5, 0.3], seed=3)
    >>> table = compare_desk_models(fit_attendance(daily), 200, n_sim=300, seed=1)
    >>> table["model"].tolist()
    ['attendance: quasi-Poisson GLM', 'binomial: p = mean attendance / headcount']
    """
    headcount = int(headcount)
    if not 0.0 < service_level < 1.0:
        raise ValueError("service_level must lie strictly between 0 and 1")
    dr = _draws(results, weekday, dates, n_sim, seed, False)
    res = _desks(dr, service_level, interval)
    tail = (1.0 - interval) / 2.0
    mu_hat = dr.mu_hat
    var_d = mu_hat + dr.par_hat * mu_hat**2 if dr.kind == "negbin" else dr.par_hat * mu_hat
    sd_model = float(np.sqrt(var_d.mean() + mu_hat.var()))
    p_hat = float(mu_hat.mean()) / headcount
    if p_hat > 1.0:
        raise ValueError(
            f"expected attendance {mu_hat.mean():.1f} exceeds the headcount {headcount}"
        )
    p_draws = np.clip(dr.mu.mean(axis=1) / headcount, 0.0, 1.0)
    binom_draws = stats.binom.ppf(service_level, headcount, p_draws)
    b_lo, b_hi = np.quantile(binom_draws, [tail, 1.0 - tail], method="inverted_cdf")
    rows: list[tuple[str, str, float, float, Any, float, float]] = [
        (dr.label, dr.weekday, float(mu_hat.mean()), sd_model, res.desks, res.lower, res.upper),
        (
            "binomial: p = mean attendance / headcount",
            dr.weekday,
            p_hat * headcount,
            float(np.sqrt(headcount * p_hat * (1.0 - p_hat))),
            office.attendance_quantile(np.full(headcount, p_hat), service_level),
            int(b_lo),
            int(b_hi),
        ),
    ]
    if onsite_probability is not None:
        p = np.asarray(onsite_probability, dtype=float).ravel()
        rows.append(
            (
                "poisson-binomial: per-employee on-site probabilities",
                dr.weekday,
                float(p.sum()),
                float(np.sqrt((p * (1.0 - p)).sum())),
                office.attendance_quantile(p, service_level),
                np.nan,
                np.nan,
            )
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "model",
            "weekday",
            "expected_attendance",
            "sd_attendance",
            "desks",
            "lower",
            "upper",
        ],
    )
    return out.astype({"desks": np.int64})
