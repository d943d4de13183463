"""Office: weekday attendance, desks needed at a service level, area, and its costs.

The office is split as in Tao et al. (2023, extended data Table S3): a **seat-related** part
(rent, operating cost, most heating and electricity, embodied carbon, all per m²) that falls
only when space is actually given up, and an **occupancy** part (some electricity, cleaning,
consumables) that scales with attendee-days.

Desks needed at a site are the service-level quantile of the attendance on the peak weekday,
never the mean. Attendance on one weekday is a sum of independent Bernoulli variables, one
per employee with her own probability of being on site that day: a Poisson-binomial
distribution (a Binomial when all employees are alike).

Only desk-based staff at sites that have desks need desks (:func:`resolve_desk_based`:
the staff's own ``desk_based``, else their ISCO-08 occupation, :data:`ISCO_DESK_BASED`, else
the site's type, :data:`SITE_TYPE_DESKS`); the service level that a given number of desks
achieves is :func:`service_level_achieved_grouped`.

Functions are pure and vectorised where the input is per employee (scalars, arrays or
Series in, the same kind out); the desk functions take all employees of one site and return
one number per site.

References
----------
Tao, Y., Yang, L., Jaffe, S., Amini, F., Bergen, P., Hecht, B., & You, F. (2023). Climate
mitigation potentials of teleworking are sensitive to changes in lifestyle and workplace
rather than ICT usage. PNAS 120(39), e2304099120. https://doi.org/10.1073/pnas.2304099120
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import special, stats

from remotecalc._numeric import Numeric

__all__ = [
    "DESK_BASED_SOURCES",
    "EXACT_MAX_N",
    "ISCO_DESK_BASED",
    "SITE_TYPE_DESKS",
    "WEEKDAYS",
    "DeskDemand",
    "DistributionCache",
    "area_bound_electricity_kwh_per_m2",
    "area_bound_operating_cost_per_m2",
    "area_released_m2",
    "attendance_cdf_grouped",
    "attendance_cost_per_attendee_day",
    "attendance_quantile",
    "attendance_quantile_grouped",
    "desk_based_from_occupation",
    "desks_needed",
    "desks_needed_grouped",
    "embodied_co2e_kg_per_year",
    "occupancy_cost_per_year",
    "occupancy_electricity_kwh_per_year",
    "office_area_m2",
    "operating_cost_per_m2",
    "peak_desks_grouped",
    "resolve_desk_based",
    "seat_related_cost_per_year",
    "seat_related_energy_kwh_per_year",
    "service_level_achieved_grouped",
    "site_type_desks",
    "weekday_desks_grouped",
    "weekday_onsite_probability",
]

#: Labels of the working weekdays, Monday to Friday.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")

#: Largest number of uncertain employees (0 < p < 1) for which :func:`attendance_quantile`
#: computes the exact Poisson-binomial distribution by default; above it, the refined
#: normal approximation.
EXACT_MAX_N = 3000

# Slack on the service level in the exact computation: the dynamic programme's rounding
# error is of order n × machine epsilon (< 1e-12 for n <= 3000), far below this.
_CDF_TOLERANCE = 1e-10


# ---------------------------------------------------------------------------------------
# Weekday attendance
# ---------------------------------------------------------------------------------------


def _profile_weights(weekday_profile, n_days):
    """The profile as a float array of ``n_days`` weights, Monday first."""
    if weekday_profile is None:
        return np.ones(n_days)
    if isinstance(weekday_profile, Mapping):
        weekday_profile = pd.Series(weekday_profile)
    if isinstance(weekday_profile, pd.Series) and set(weekday_profile.index) == set(WEEKDAYS):
        weekday_profile = weekday_profile.reindex(list(WEEKDAYS))
    return np.asarray(weekday_profile, dtype=float).ravel()


def weekday_onsite_probability(
    onsite_days_per_week: Numeric, weekday_profile: Sequence[float] | None = None
) -> np.ndarray | pd.DataFrame:
    r"""Probability that each employee is on site on each weekday.

    Parameters
    ----------
    onsite_days_per_week : numeric
        On-site days per week of each employee, 0 to 5. [days/week]
    weekday_profile : array-like of 5 floats, pandas.Series or dict, optional
        Relative attendance weights Monday to Friday (a Series or dict may be labelled
        ``'mon'`` ... ``'fri'``). Only their ratios matter. ``None`` means a flat week. [-]

    Returns
    -------
    numpy.ndarray or pandas.DataFrame
        Probabilities in [0, 1] with one row per employee and one column per weekday, each
        row summing to the employee's on-site days: shape ``(5,)`` for a scalar, ``(n, 5)``
        for an array, a DataFrame with the Series' index and columns :data:`WEEKDAYS` for a
        Series. [-]

    Notes
    -----
    With weights :math:`w_d` the probability is the capped proportional share

    .. math:: p_{id} = \min(1, \lambda_i w_d), \qquad \sum_d p_{id} = n_i ,

    i.e. :math:`p_{id} = \frac{n_i}{5} \frac{w_d}{\bar w}` while that stays below 1; the
    excess above 1 on a capped day is moved to the other days in proportion to their
    weights (water filling). The level :math:`\lambda_i` is found by a fixed-point
    iteration over the set of capped days, which can only grow and so settles within five
    steps. Five on-site days give all ones, zero days all zeros. Days with weight 0 get
    attendance only once every positive-weight day is full.

    An observed US pattern (Kastle barometer) has the Tuesday peak at about 1.17–1.19 × the
    weekly mean and Friday at about 0.63 ×.

    Examples
    --------
    >>> weekday_onsite_probability(2.5)
    array([0.5, 0.5, 0.5, 0.5, 0.5])
    >>> p = weekday_onsite_probability([3.0, 5.0], [1.0, 2.0, 1.0, 1.0, 1.0])
    >>> p.round(4)
    array([[0.5, 1. , 0.5, 0.5, 0.5],
           [1. , 1. , 1. , 1. , 1. ]])
    """
    is_series = isinstance(onsite_days_per_week, pd.Series)
    days = np.asarray(onsite_days_per_week, dtype=float)
    is_scalar = days.ndim == 0
    days = np.atleast_1d(days).reshape(-1, 1)
    weights = _profile_weights(weekday_profile, len(WEEKDAYS))[None, :]
    n_days = weights.shape[1]

    capped = np.zeros((days.shape[0], n_days), dtype=bool)
    for _ in range(n_days + 1):
        remaining = days - capped.sum(axis=1, keepdims=True)
        free_weights = np.where(capped, 0.0, weights)
        free_weight_sum = free_weights.sum(axis=1, keepdims=True)
        n_free = (~capped).sum(axis=1, keepdims=True)
        has_weight = free_weight_sum > 0.0
        share = np.where(
            has_weight,
            free_weights / np.where(has_weight, free_weight_sum, 1.0),
            np.where(capped, 0.0, 1.0 / np.maximum(n_free, 1)),
        )
        probability = np.where(capped, 1.0, remaining * share)
        now_capped = probability >= 1.0
        if np.array_equal(now_capped, capped):
            break
        capped = now_capped
    probability = np.clip(probability, 0.0, 1.0)

    if is_series:
        return pd.DataFrame(probability, index=onsite_days_per_week.index, columns=list(WEEKDAYS))
    if is_scalar:
        return probability[0]
    return probability


# ---------------------------------------------------------------------------------------
# Desk demand
# ---------------------------------------------------------------------------------------


def _poisson_binomial_pmf(p):
    """Exact pmf of a sum of independent Bernoulli(p_i), by dynamic programming.

    One pass per employee, vectorised over the count k: O(n²) operations, O(n) memory.
    """
    pmf = np.zeros(p.size + 1)
    pmf[0] = 1.0
    for i, p_i in enumerate(p):
        # right-hand side is evaluated before assignment, so it uses the previous pmf
        pmf[1 : i + 2] = pmf[1 : i + 2] * (1.0 - p_i) + pmf[0 : i + 1] * p_i
        pmf[0] *= 1.0 - p_i
    return pmf


def _refined_normal_cdf(k, p, counts=None):
    """Refined normal approximation to P(X <= k) for X ~ Poisson-binomial(p) (Volkova 1996).

    ``counts``: employees sharing each probability (default one each).
    """
    w = np.ones_like(p) if counts is None else counts
    mean = (w * p).sum()
    variance = (w * p * (1.0 - p)).sum()
    sd = np.sqrt(variance)
    skewness = (w * p * (1.0 - p) * (1.0 - 2.0 * p)).sum() / sd**3
    x = (k + 0.5 - mean) / sd
    cdf = special.ndtr(x) + skewness * (1.0 - x**2) * np.exp(-0.5 * x**2) / (
        6.0 * np.sqrt(2.0 * np.pi)
    )
    return np.clip(cdf, 0.0, 1.0)


def attendance_quantile(
    p: Numeric, service_level: float, method: str = "auto", exact_max_n: int = EXACT_MAX_N
) -> int:
    r"""Smallest attendance that is not exceeded with the given probability.

    Parameters
    ----------
    p : array-like
        Probability of each employee being on site on the day, 0 to 1. [-]
    service_level : float
        Probability that everybody who comes finds a desk, e.g. 0.95. [-]
    method : {'auto', 'exact', 'normal'}, default 'auto'
        ``'exact'``: Binomial quantile when all uncertain ``p`` are equal, else the exact
        Poisson-binomial distribution by dynamic programming at any size. ``'normal'``: the
        refined normal approximation. ``'auto'``: exact up to ``exact_max_n`` uncertain
        employees, the approximation above.
    exact_max_n : int, default :data:`EXACT_MAX_N`
        Size limit of ``'auto'`` for the dynamic programme. [employees]

    Returns
    -------
    int
        :math:`\min\{k : P(X \le k) \ge s\}`, the desks that meet the service level. [desks]

    Notes
    -----
    :math:`X = \sum_i B_i` with independent :math:`B_i \sim \text{Bernoulli}(p_i)`.
    Employees with :math:`p_i = 1` add one desk each and those with :math:`p_i = 0` none;
    only the :math:`n` others enter the distribution.

    * Equal :math:`p`: :math:`X - \#\{p_i = 1\} \sim \text{Binomial}(n, p)`, quantile by
      ``scipy.stats.binom.ppf``.
    * Exact: the pmf is built one employee at a time,
      :math:`f_i(k) = (1 - p_i) f_{i-1}(k) + p_i f_{i-1}(k - 1)`; the service level is met
      to within 1e-10 (rounding of the recursion is of order :math:`n\epsilon`). This is
      :func:`attendance_quantile_grouped` with one employee per probability; with a
      :class:`DistributionCache` there, asking again at another service level is cheap.
    * Refined normal approximation (Volkova 1996; Hong 2013), with
      :math:`\mu = \sum p_i`, :math:`\sigma^2 = \sum p_i(1-p_i)`,
      :math:`\gamma = \sigma^{-3} \sum p_i (1-p_i)(1-2p_i)`:

      .. math::
          P(X \le k) \approx G\!\left(\frac{k + 0.5 - \mu}{\sigma}\right), \quad
          G(x) = \Phi(x) + \frac{\gamma (1 - x^2) \varphi(x)}{6}

      (continuity and skewness corrected). Its accuracy depends on :math:`\sigma`, not
      on :math:`n`: the CDF error shrinks like :math:`1/\sigma^2`. Checked against the
      exact programme at n = 3000 with random :math:`p` (uniform on (0, 1), (0.4, 0.6),
      (0.6, 0.95), (0.05, 0.3), (0.001, 0.05), (0.001, 0.01), (0.0001, 0.005)), the largest
      absolute CDF error was at most about :math:`0.025/\sigma^2`: 1e-5 to 3e-5 for
      :math:`\sigma \ge 15`, 3e-4 at :math:`\sigma \approx 9`, 3e-3 at
      :math:`\sigma \approx 3`. At service levels 0.5 to 0.999 the desks agreed except once
      by one desk (:math:`\sigma \approx 4`, level 0.999); a difference arises only where the
      service level lies within that error of a step of the CDF. The test suite asserts the
      one-desk bound at n = 3000.

    A service level of 1 gives every employee who may come a desk.

    References
    ----------
    Volkova, A. Yu. (1996). A refinement of the central limit theorem for sums of
    independent random indicators. Theory of Probability and its Applications 40(4),
    791–794.

    Hong, Y. (2013). On computing the distribution function for the Poisson binomial
    distribution. Computational Statistics & Data Analysis 59, 41–51.

    Examples
    --------
    100 people who each come with probability 0.6, 95 % service level:

    >>> attendance_quantile([0.6] * 100, 0.95)
    68
    >>> attendance_quantile([0.2, 0.5, 0.9, 1.0, 0.0], 0.9)
    3
    """
    p = np.asarray(p, dtype=float).ravel()
    return attendance_quantile_grouped(
        p, np.ones(p.size, dtype=np.int64), service_level, method, exact_max_n
    )


class DistributionCache:
    """A bounded memory of desk-demand distributions (CDFs), owned by whoever passes it.

    Scenarios that differ only in their service level ask for the same attendance
    distribution; a caller that evaluates many of them (a sweep, a Monte Carlo run) creates
    one cache and passes it as ``cache=`` to :func:`attendance_quantile_grouped`, so each
    distribution is computed once. Nothing is remembered between calls that pass no cache:
    the module holds no state.

    Parameters
    ----------
    maxsize : int, default 512
        Distributions kept; when full, the least recently used one is dropped.

    Examples
    --------
    >>> cache = DistributionCache(maxsize=8)
    >>> attendance_quantile_grouped([0.3, 0.6], [40, 60], 0.9, cache=cache)
    54
    >>> attendance_quantile_grouped([0.3, 0.6], [40, 60], 0.5, cache=cache)  # remembered
    48
    >>> len(cache), cache.hits, cache.misses
    (1, 1, 1)
    """

    def __init__(self, maxsize: int = 512) -> None:
        if maxsize < 1:
            raise ValueError(f"maxsize must be at least 1, not {maxsize}")
        self.maxsize = int(maxsize)
        self.hits = 0
        self.misses = 0
        self._cdfs: dict[bytes, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._cdfs)

    def __repr__(self) -> str:
        return (
            f"DistributionCache(maxsize={self.maxsize}; {len(self)} held, "
            f"{self.hits} hits, {self.misses} misses)"
        )

    def clear(self) -> None:
        """Forget every distribution (and the hit counts)."""
        self._cdfs.clear()
        self.hits = self.misses = 0

    def cdf(self, p: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """The CDF of a sum of Binomial(counts_k, p_k): remembered, or computed and kept.

        Parameters
        ----------
        p : numpy.ndarray
            Distinct probabilities, strictly between 0 and 1. [-]
        counts : numpy.ndarray of int64
            Employees with each probability. [persons]

        Returns
        -------
        numpy.ndarray
            :math:`P(X \\le k)` for :math:`k = 0..\\sum counts` (read only: shared by
            later calls).
        """
        key = hashlib.blake2b(p.tobytes() + b"|" + counts.tobytes(), digest_size=16).digest()
        cdf = self._cdfs.pop(key, None)
        if cdf is None:
            self.misses += 1
            cdf = _grouped_cdf(p, counts)
            cdf.flags.writeable = False
            if len(self._cdfs) >= self.maxsize:
                self._cdfs.pop(next(iter(self._cdfs)))  # the least recently used
        else:
            self.hits += 1
        self._cdfs[key] = cdf  # (re)inserted last: the most recently used
        return cdf


def _grouped_cdf(p: np.ndarray, counts: np.ndarray) -> np.ndarray:
    r"""Exact CDF of a sum of Binomial(counts_k, p_k) (see :class:`DistributionCache`).

    The probability generating function of the sum, :math:`\prod_k (1 - p_k + p_k z)^{n_k}`,
    is evaluated at the :math:`M`-th roots of unity and inverted by a real FFT, which gives
    the distribution *wrapped* modulo :math:`M`. :math:`M` covers the window
    :math:`\mu \pm t` outside which Bernstein's inequality bounds the mass by
    :math:`e^{-41.5} < 10^{-18}` on each side, so the wrapped values inside the window are
    the probabilities themselves to that accuracy (and exactly so when the window is the
    whole range). Cost :math:`O(K M)` for :math:`K` distinct probabilities, instead of the
    :math:`O(n^2)` of a convolution of all :math:`n` employees. Agreement with the
    per-employee programme is tested to 1e-12.
    """
    n = int(counts.sum())
    mean = float((counts * p).sum())
    var = float((counts * p * (1.0 - p)).sum())
    t = (27.7 + np.sqrt(767.0 + 332.0 * var)) / 2.0  # Bernstein: P(|X - mean| >= t) < 1e-18
    lo = max(0, int(np.floor(mean - t)))
    hi = min(n, int(np.ceil(mean + t)))
    size = hi - lo + 1  # the window [lo, hi]; M = size >= its width: no wrap inside it
    # log(1 - p + p e^{-i theta}) in real arithmetic: half the log of its squared modulus,
    # and its argument
    theta = 2.0 * np.pi * np.arange(size // 2 + 1) / size
    cos, sin = np.cos(theta), np.sin(theta)
    with np.errstate(divide="ignore"):  # p = 1/2 at theta = pi: a zero of the PGF
        log_mod = np.log(1.0 - 2.0 * (p * (1.0 - p))[:, None] * (1.0 - cos)[None, :])
    arg = np.arctan2(-p[:, None] * sin[None, :], (1.0 - p)[:, None] + p[:, None] * cos[None, :])
    n_k = counts.astype(float)
    # sums over the groups without BLAS (its threads stall when the other core is busy)
    log_pgf = 0.5 * (n_k[:, None] * log_mod).sum(axis=0) + 1j * (n_k[:, None] * arg).sum(axis=0)
    wrapped = np.fft.irfft(np.exp(log_pgf), n=size)
    window = np.clip(wrapped[np.arange(lo, hi + 1) % size], 0.0, None)
    cdf = np.ones(n + 1)
    cdf[:lo] = 0.0
    cdf[lo : hi + 1] = np.minimum(np.maximum.accumulate(np.cumsum(window)), 1.0)
    return cdf


def attendance_quantile_grouped(
    p: Numeric,
    counts: Numeric,
    service_level: float,
    method: str = "auto",
    exact_max_n: int = EXACT_MAX_N,
    *,
    cache: DistributionCache | None = None,
) -> int:
    r""":func:`attendance_quantile` of employees given as distinct probabilities and counts.

    The same as ``attendance_quantile(np.repeat(p, counts), ...)``, without building the
    long vector: employees who share a probability form a Binomial, and the exact
    distribution is the convolution of those Binomials; the normal approximation takes its
    moments from the counts.

    Parameters
    ----------
    p : array-like
        Distinct probabilities of being on site on the day, 0 to 1. [-]
    counts : array-like of int
        Employees with each probability. [persons]
    service_level, method, exact_max_n
        As for :func:`attendance_quantile`.
    cache : DistributionCache, optional
        Where exact distributions are remembered across calls (a caller evaluating many
        service levels or scenarios owns one); without it nothing is remembered.

    Returns
    -------
    int
        Desks that meet the service level. [desks]

    Notes
    -----
    Exact: :math:`f = \mathrm{Bin}(n_1, p_1) * \dots * \mathrm{Bin}(n_K, p_K)` (``*`` is
    convolution), :math:`O(K n^2)` in compiled code instead of :math:`n` Python-level steps
    of the dynamic programme; the two agree to rounding (about 1e-16), far inside the
    1e-10 tolerance of the quantile search.

    Examples
    --------
    >>> attendance_quantile_grouped([0.6], [100], 0.95)
    68
    >>> attendance_quantile_grouped([0.2, 0.5, 0.9, 1.0, 0.0], [1, 1, 1, 1, 1], 0.9)
    3
    """
    if method not in ("auto", "exact", "normal"):
        raise ValueError(f"method must be 'auto', 'exact' or 'normal', not {method!r}")
    p = np.asarray(p, dtype=float).ravel()
    counts = np.asarray(counts, dtype=np.int64).ravel()
    certain = int(counts[p >= 1.0].sum())
    keep = (p > 0.0) & (p < 1.0) & (counts > 0)
    p, counts = p[keep], counts[keep]
    n = int(counts.sum())
    if n == 0 or service_level <= 0.0:
        return certain
    if service_level >= 1.0:
        return certain + n
    if method != "normal" and np.all(p == p[0]):
        return certain + int(stats.binom.ppf(service_level, n, p[0]))
    if method == "exact" or (method == "auto" and n <= exact_max_n):
        cdf = _grouped_cdf(p, counts) if cache is None else cache.cdf(p, counts)
        k = int(np.searchsorted(cdf, service_level - _CDF_TOLERANCE, side="left"))
        return certain + min(k, n)
    # the quantile lies within a few standard deviations of the mean: evaluate only there
    mean, sd = (counts * p).sum(), np.sqrt((counts * p * (1.0 - p)).sum())
    lo = int(max(0.0, np.floor(mean - 12.0 * sd - 1.0)))
    hi = int(min(float(n), np.ceil(mean + 12.0 * sd + 1.0)))
    ks = np.arange(lo, hi + 1)
    cdf = _refined_normal_cdf(ks, p, counts)
    reached = cdf >= service_level
    if not reached.any():
        return certain + n
    return certain + int(ks[np.argmax(reached)])


def weekday_desks_grouped(
    probability: np.ndarray,
    counts: np.ndarray,
    service_level: float,
    method: str = "auto",
    cache: DistributionCache | None = None,
) -> np.ndarray:
    """Desks of each weekday for grouped employees (equal weekday columns computed once).

    Parameters
    ----------
    probability : array (K, days)
        Each group's chance of being on site on each weekday. [-]
    counts : array (K,)
        Employees in each group. [persons]
    service_level : float
    method : {"auto", "exact", "normal"}
    cache : DistributionCache, optional
        Remembers distributions for the next call (see :class:`DistributionCache`).

    Returns
    -------
    numpy.ndarray
        Desks needed on each weekday. [desks]

    Examples
    --------
    >>> weekday_desks_grouped(np.full((1, 5), 0.6), np.array([100]), 0.95).tolist()
    [68, 68, 68, 68, 68]
    """
    n_days = probability.shape[1]
    if (probability == probability[:, :1]).all():  # a flat week: one distinct day
        return np.full(
            n_days,
            attendance_quantile_grouped(
                probability[:, 0], counts, service_level, method, cache=cache
            ),
        )
    distinct, day_of = _distinct_days(probability)
    desks = np.array(
        [
            attendance_quantile_grouped(distinct[:, d], counts, service_level, method, cache=cache)
            for d in range(distinct.shape[1])
        ],
        dtype=int,
    )
    return desks[np.ravel(day_of)]


def _distinct_days(probability: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(probability, axis=1, return_inverse=True)`` for the few weekday columns:
    the distinct columns (in the same lexicographic order) and each day's position among
    them, by comparing the columns pairwise instead of sorting them as records."""
    if np.isnan(probability).any():  # NaN compares unequal: np.unique's own rules
        distinct, day_of = np.unique(probability, axis=1, return_inverse=True)
        return distinct, np.ravel(day_of)
    n_days = probability.shape[1]
    equal = (probability[:, :, None] == probability[:, None, :]).all(axis=0)  # (days, days)
    first = equal.argmax(axis=0)  # the first day equal to each day
    firsts = np.flatnonzero(first == np.arange(n_days))
    columns = probability[:, firsts]
    order = np.lexsort(columns[::-1]) if columns.shape[0] else np.arange(len(firsts))
    rank = np.empty(len(firsts), dtype=np.intp)
    rank[order] = np.arange(len(firsts))
    day_of = rank[np.searchsorted(firsts, first)]
    return columns[:, order], day_of


def peak_desks_grouped(
    probability: np.ndarray,
    counts: np.ndarray,
    service_level: float,
    method: str = "auto",
    cache: DistributionCache | None = None,
) -> tuple[int, str]:
    """The desks and peak weekday of :func:`desks_needed_grouped`, without its tables.

    Parameters
    ----------
    probability : array (K, days)
        Each group's chance of being on site on each weekday. [-]
    counts : array (K,) of int
        Employees in each group. [persons]
    service_level, method, cache
        As for :func:`weekday_desks_grouped`.

    Returns
    -------
    (int, str)
        Desks needed on the peak weekday [desks], and that weekday's label.

    Examples
    --------
    >>> p = weekday_onsite_probability(np.array([3.0]), [1.0, 1.2, 1.0, 1.0, 0.8])
    >>> peak_desks_grouped(p, np.array([100]), 0.95)
    (79, 'tue')
    """
    desks, expected, labels = _weekday_desks_expected(
        probability, counts, service_level, method, cache
    )
    peak = _peak_day(desks, expected)
    return int(desks[peak]), labels[peak]


def _weekday_desks_expected(
    probability: np.ndarray,
    counts: np.ndarray,
    service_level: float,
    method: str,
    cache: DistributionCache | None,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Desks and expected attendance of each weekday, and the weekdays' labels."""
    n_days = probability.shape[1]
    labels = list(WEEKDAYS) if n_days == len(WEEKDAYS) else [str(d) for d in range(n_days)]
    desks = weekday_desks_grouped(probability, counts, service_level, method, cache=cache)
    expected = (counts[:, None] * probability).sum(axis=0)  # equal days: equal sums
    return desks, expected, labels


def _peak_day(desks: np.ndarray, expected: np.ndarray) -> int:
    """The day of most desks; ties: higher expected attendance, then the earlier day."""
    order = np.lexsort((np.arange(len(desks)), -expected, -desks))
    return int(order[0])


def desks_needed_grouped(
    onsite_probability_by_weekday: Numeric,
    counts: Numeric,
    service_level: float,
    method: str = "auto",
    cache: DistributionCache | None = None,
) -> DeskDemand:
    """:func:`desks_needed` of employees given as distinct weekday profiles and counts.

    The same as ``desks_needed(np.repeat(probability, counts, axis=0), ...)``: each row of
    ``onsite_probability_by_weekday`` is shared by ``counts`` employees. Weekdays with equal
    columns are evaluated once; ``cache`` as for :func:`weekday_desks_grouped`.

    Examples
    --------
    >>> p = weekday_onsite_probability(np.array([3.0]), [1.0, 1.2, 1.0, 1.0, 0.8])
    >>> result = desks_needed_grouped(p, [100], 0.95)
    >>> result.desks, result.peak_weekday
    (79, 'tue')
    """
    probability = np.atleast_2d(np.asarray(onsite_probability_by_weekday, dtype=float))
    counts = np.asarray(counts, dtype=np.int64).ravel()
    desks, expected, labels = _weekday_desks_expected(
        probability, counts, service_level, method, cache
    )
    peak = _peak_day(desks, expected)
    return DeskDemand(
        int(desks[peak]),
        labels[peak],
        pd.Series(expected, index=labels),
        pd.Series(desks, index=labels),
    )


class DeskDemand(NamedTuple):
    """Desks needed at one site, and on which weekday."""

    desks: int
    """Desks needed: the largest weekday quantile. [desks]"""
    peak_weekday: str
    """Label of the weekday that decides the desks (ties: higher expected attendance,
    then the earlier day)."""
    expected_attendance_by_weekday: pd.Series
    """Mean attendance on each weekday, Σ p. [persons]"""
    desks_by_weekday: pd.Series
    """Service-level quantile of each weekday's attendance. [desks]"""


def desks_needed(
    onsite_probability_by_weekday: Numeric | pd.DataFrame,
    service_level: float,
    method: str = "auto",
) -> DeskDemand:
    r"""Desks a site needs so that its peak weekday meets the service level.

    Parameters
    ----------
    onsite_probability_by_weekday : array-like or pandas.DataFrame
        Probability of each employee (rows) being on site on each weekday (columns), e.g.
        from :func:`weekday_onsite_probability`. One row of 5 is one employee. [-]
    service_level : float
        Probability that everybody who comes on a day finds a desk. [-]
    method : {'auto', 'exact', 'normal'}, default 'auto'
        Passed to :func:`attendance_quantile`.

    Returns
    -------
    DeskDemand
        ``(desks, peak_weekday, expected_attendance_by_weekday, desks_by_weekday)``; the
        weekday labels are the DataFrame's columns, else :data:`WEEKDAYS`.

    Notes
    -----
    .. math::
        \text{desks} = \max_d \; Q_s\!\left(\sum_i B_{id}\right), \qquad
        B_{id} \sim \text{Bernoulli}(p_{id})

    where :math:`Q_s` is the service-level quantile (:func:`attendance_quantile`). The peak
    weekday decides, never the mean over the week: spreading the same weekly days unevenly
    over the week raises the desks needed. Attendance of different employees is taken as
    independent; team days, which make people come together, raise the real peak.

    References
    ----------
    Tao et al. (2023). PNAS 120(39), e2304099120 (office as seat-related and occupancy
    parts).

    Examples
    --------
    >>> import numpy as np
    >>> p = weekday_onsite_probability(np.full(100, 3.0), [1.0, 1.2, 1.0, 1.0, 0.8])
    >>> result = desks_needed(p, 0.95)
    >>> result.desks, result.peak_weekday
    (79, 'tue')
    >>> desks_needed(weekday_onsite_probability(np.full(100, 3.0)), 0.95).desks
    68
    """
    if isinstance(onsite_probability_by_weekday, pd.DataFrame):
        labels = [str(c) for c in onsite_probability_by_weekday.columns]
    else:
        labels = None
    probability = np.asarray(onsite_probability_by_weekday, dtype=float)
    if probability.ndim == 1:
        probability = probability.reshape(1, -1)
    n_days = probability.shape[1]
    if labels is None:
        labels = list(WEEKDAYS) if n_days == len(WEEKDAYS) else [str(d) for d in range(n_days)]

    desks = np.array(
        [attendance_quantile(probability[:, d], service_level, method) for d in range(n_days)],
        dtype=int,
    )
    expected = probability.sum(axis=0)
    # most desks first, then highest expected attendance, then the earliest day
    order = np.lexsort((np.arange(n_days), -expected, -desks))
    peak = int(order[0])
    return DeskDemand(
        desks=int(desks[peak]),
        peak_weekday=labels[peak],
        expected_attendance_by_weekday=pd.Series(expected, index=labels),
        desks_by_weekday=pd.Series(desks, index=labels),
    )


# ---------------------------------------------------------------------------------------
# Area, energy, cost and embodied carbon
# ---------------------------------------------------------------------------------------


def office_area_m2(
    desks: Numeric, area_per_desk_m2: Numeric, support_space_share: Numeric
) -> Numeric:
    r"""Office floor area for a number of desks.

    Parameters
    ----------
    desks : numeric
        Desks provided. [desks]
    area_per_desk_m2 : numeric
        Net area per desk (workstation zone). [m²/desk]
    support_space_share : numeric
        Support space (meeting rooms, kitchens, circulation) as a share of the desk area. [-]

    Returns
    -------
    numeric
        Floor area. [m²]

    Notes
    -----
    .. math:: A = \text{desks} \times a_\text{desk} \times (1 + s_\text{support})

    Examples
    --------
    >>> round(office_area_m2(70, 8.0, 0.5), 6)
    840.0
    """
    return desks * area_per_desk_m2 * (1.0 + support_space_share)


def seat_related_cost_per_year(
    area_m2: Numeric, rent_per_m2_per_year: Numeric, operating_cost_per_m2_per_year: Numeric
) -> Numeric:
    r"""Seat-related (area-bound) office cost per year: rent plus operating cost.

    Parameters
    ----------
    area_m2 : numeric
        Floor area held. [m²]
    rent_per_m2_per_year : numeric
        Rent. [currency/m²/yr]
    operating_cost_per_m2_per_year : numeric
        Operating cost on top of rent (service, maintenance, insurance). [currency/m²/yr]

    Returns
    -------
    numeric
        Cost per year, in the parameter set's currency. [currency/yr]

    Notes
    -----
    .. math:: C = A \, (r + o)

    It falls only with area actually given up (:func:`area_released_m2`), not with desks
    freed.

    References
    ----------
    Tao et al. (2023). PNAS 120(39), e2304099120, extended data Table S3.

    Examples
    --------
    >>> round(seat_related_cost_per_year(840.0, 1800.0, 350.0), 6)
    1806000.0
    """
    return area_m2 * (rent_per_m2_per_year + operating_cost_per_m2_per_year)


def seat_related_energy_kwh_per_year(area_m2: Numeric, kwh_per_m2_per_year: Numeric) -> Numeric:
    r"""Area-bound office energy per year (heating, ventilation, base-load electricity).

    Parameters
    ----------
    area_m2 : numeric
        Floor area held. [m²]
    kwh_per_m2_per_year : numeric
        Energy intensity of the area-bound part. [kWh/m²/yr]

    Returns
    -------
    numeric
        Energy per year. [kWh/yr]

    Notes
    -----
    .. math:: E = A \, e_{m^2}

    References
    ----------
    Tao et al. (2023). PNAS 120(39), e2304099120, extended data Table S3.

    Examples
    --------
    >>> round(seat_related_energy_kwh_per_year(840.0, 90.0), 6)
    75600.0
    """
    return area_m2 * kwh_per_m2_per_year


def area_bound_electricity_kwh_per_m2(
    whole_building_kwh_per_m2_per_year: Numeric,
    kwh_per_attendee_day: Numeric,
    attendee_days_today: Numeric,
    area_today_m2: Numeric,
) -> Numeric:
    r"""The area-bound part of a whole-building electricity intensity (plug loads taken out).

    A metered or benchmark intensity per m² covers all the building's electricity, the
    occupancy-driven part (desk equipment, kitchens, lighting in use) included. That part is
    counted per attendee-day (:func:`occupancy_electricity_kwh_per_year`); subtracting it at
    today's attendance leaves the part that stays with the area, so plug loads are counted
    once and today's total equals the whole-building figure.

    Parameters
    ----------
    whole_building_kwh_per_m2_per_year : numeric
        Whole-building electricity intensity. [kWh/m²/yr]
    kwh_per_attendee_day : numeric
        Occupancy-driven electricity per person per day on site. [kWh/attendee-day]
    attendee_days_today : numeric
        Person-days on site per year today. [attendee-days/yr]
    area_today_m2 : numeric
        Floor area held today. [m²]

    Returns
    -------
    numeric
        Area-bound electricity intensity, never below 0. [kWh/m²/yr]

    Notes
    -----
    .. math:: e_\text{area} = \max\left(e_\text{whole} - \frac{N_0 \, e_\text{day}}{A_0},
              0\right)

    so that :math:`A_0 e_\text{area} + N_0 e_\text{day} = A_0 e_\text{whole}` today
    (while the subtraction does not exceed the whole). With no area the whole intensity is
    returned.

    Examples
    --------
    >>> round(area_bound_electricity_kwh_per_m2(45.0, 0.5, 20000.0, 2000.0), 6)  # 45 - 5
    40.0
    """
    return _area_bound_per_m2(
        whole_building_kwh_per_m2_per_year, kwh_per_attendee_day, attendee_days_today, area_today_m2
    )


def occupancy_electricity_kwh_per_year(
    attendee_days_per_year: Numeric, kwh_per_attendee_day: Numeric
) -> Numeric:
    r"""Occupancy-bound office electricity per year (plug loads, lighting in use, kitchens).

    Parameters
    ----------
    attendee_days_per_year : numeric
        Person-days on site per year (sum of on-site days). [attendee-days/yr]
    kwh_per_attendee_day : numeric
        Electricity per person per day on site. [kWh/attendee-day]

    Returns
    -------
    numeric
        Electricity per year. [kWh/yr]

    Notes
    -----
    .. math:: E = N_\text{attendee-days} \, e_\text{day}

    References
    ----------
    Tao et al. (2023). PNAS 120(39), e2304099120, extended data Table S3.

    Examples
    --------
    >>> round(occupancy_electricity_kwh_per_year(10000.0, 0.5), 6)
    5000.0
    """
    return attendee_days_per_year * kwh_per_attendee_day


def occupancy_cost_per_year(
    attendee_days_per_year: Numeric, cost_per_attendee_day: Numeric
) -> Numeric:
    r"""Occupancy-bound office cost per year (cleaning, consumables, canteen subsidy).

    Parameters
    ----------
    attendee_days_per_year : numeric
        Person-days on site per year. [attendee-days/yr]
    cost_per_attendee_day : numeric
        Cost per person per day on site. [currency/attendee-day]

    Returns
    -------
    numeric
        Cost per year. [currency/yr]

    Notes
    -----
    .. math:: C = N_\text{attendee-days} \, c_\text{day}

    Examples
    --------
    >>> round(occupancy_cost_per_year(10000.0, 25.0), 6)
    250000.0
    """
    return attendee_days_per_year * cost_per_attendee_day


def attendance_cost_per_attendee_day(
    cleaning: Numeric,
    consumables: Numeric,
    canteen_subsidy: Numeric,
    plug_load_kwh: Numeric,
    electricity_price_per_kwh: Numeric,
) -> Numeric:
    r"""Office cost that follows attendance, per person per day on site.

    Parameters
    ----------
    cleaning : numeric
        Demand-based cleaning (kitchens, toilets, desks used). [currency/attendee-day]
    consumables : numeric
        Coffee, fruit, paper, toilet supplies. [currency/attendee-day]
    canteen_subsidy : numeric
        The employer's subsidy of the meals eaten, per attendee-day. [currency/attendee-day]
    plug_load_kwh : numeric
        Electricity of a desk-day (laptop, screen, kitchen use). [kWh/attendee-day]
    electricity_price_per_kwh : numeric
        The employer's price of electricity. [currency/kWh]

    Returns
    -------
    numeric
        Cost per attendee-day. [currency/attendee-day]

    Notes
    -----
    .. math:: c_\text{day} = c_\text{clean} + c_\text{cons} + c_\text{canteen}
              + e_\text{plug} p_e

    Two of the parts, cleaning and plug-load electricity, are also inside a building's
    operating cost per m²; the engine takes today's amount of them out of that
    (:func:`area_bound_operating_cost_per_m2`) so each is counted once.

    Examples
    --------
    >>> round(attendance_cost_per_attendee_day(2.0, 3.0, 2.0, 0.45, 1.6), 2)
    7.72
    """
    return cleaning + consumables + canteen_subsidy + plug_load_kwh * electricity_price_per_kwh


def operating_cost_per_m2(
    cleaning: Numeric, energy: Numeric, other_operations: Numeric, maintenance: Numeric
) -> Numeric:
    r"""A building's operating cost per m² on top of rent, from its parts.

    Parameters
    ----------
    cleaning, energy, other_operations, maintenance : numeric
        Cleaning, energy, other operation (staff, services, insurance, fees) and
        maintenance per m². [currency/m²/yr]

    Returns
    -------
    numeric
        Operating cost. [currency/m²/yr]

    Notes
    -----
    .. math:: o = o_\text{clean} + o_\text{energy} + o_\text{other} + o_\text{maint}

    As Statistics Norway's municipal property accounts split it (cleaning and energy inside
    the operating activities, maintenance a line of its own).

    Examples
    --------
    >>> round(operating_cost_per_m2(116.62, 92.49, 264.61, 81.11), 2)
    554.83
    """
    return cleaning + energy + other_operations + maintenance


def area_bound_operating_cost_per_m2(
    whole_operating_cost_per_m2: Numeric,
    in_area_cost_per_attendee_day: Numeric,
    attendee_days_today: Numeric,
    area_today_m2: Numeric,
) -> Numeric:
    r"""The part of a building's operating cost per m² that stays with the area.

    Parameters
    ----------
    whole_operating_cost_per_m2 : numeric
        Operating cost per m² as published (cleaning, energy, maintenance). [currency/m²/yr]
    in_area_cost_per_attendee_day : numeric
        The attendance-driven parts that the published figure also holds (demand-based
        cleaning, plug-load electricity). [currency/attendee-day]
    attendee_days_today : numeric
        Person-days on site per year today. [attendee-days/yr]
    area_today_m2 : numeric
        Floor area held today. [m²]

    Returns
    -------
    numeric
        Area-bound operating cost, never below 0. [currency/m²/yr]

    Notes
    -----
    .. math:: o_\text{area} = \max\left(o_\text{whole} - \frac{N_0 c_\text{in}}{A_0}, 0\right)

    so that today :math:`A_0 o_\text{area} + N_0 c_\text{in} = A_0 o_\text{whole}`: no
    part is counted twice, and attendance changes move only the attendance-driven parts.

    Examples
    --------
    >>> round(area_bound_operating_cost_per_m2(555.0, 2.7, 20000.0, 2000.0), 6)  # 555 - 27
    528.0
    """
    return _area_bound_per_m2(
        whole_operating_cost_per_m2,
        in_area_cost_per_attendee_day,
        attendee_days_today,
        area_today_m2,
    )


def embodied_co2e_kg_per_year(area_m2: Numeric, co2e_kg_per_m2_per_year: Numeric) -> Numeric:
    r"""Embodied (construction and refurbishment) emissions of the area held, per year.

    Parameters
    ----------
    area_m2 : numeric
        Floor area held. [m²]
    co2e_kg_per_m2_per_year : numeric
        Embodied emissions spread over the building's life. [kg CO2e/m²/yr]

    Returns
    -------
    numeric
        Embodied emissions per year. [kg CO2e/yr]

    Notes
    -----
    .. math:: E = A \, f_{m^2}

    References
    ----------
    Tao et al. (2023). PNAS 120(39), e2304099120, extended data Table S3.

    Examples
    --------
    >>> round(embodied_co2e_kg_per_year(840.0, 8.0), 6)
    6720.0
    """
    return area_m2 * co2e_kg_per_m2_per_year


def area_released_m2(
    area_today_m2: Numeric, area_needed_m2: Numeric, release_share: Numeric
) -> Numeric:
    r"""Floor area actually given up.

    Parameters
    ----------
    area_today_m2 : numeric
        Area held today. [m²]
    area_needed_m2 : numeric
        Area needed in the scenario, e.g. from :func:`office_area_m2`. [m²]
    release_share : numeric
        Share of the surplus that is given up (lease terms, divisibility): 0 keeps all
        space, 1 gives up the whole surplus. [-]

    Returns
    -------
    numeric
        Area given up; never negative (a shortfall is not "negative release"). [m²]

    Notes
    -----
    .. math:: A_\text{released} = s \times \max(0, A_\text{today} - A_\text{needed})

    The seat-related cost, energy and embodied carbon fall only with this area.

    Examples
    --------
    >>> area_released_m2(1000.0, 700.0, 0.5)
    150.0
    >>> area_released_m2(1000.0, 1200.0, 1.0)
    0.0
    """
    surplus_m2 = np.maximum(area_today_m2 - area_needed_m2, 0.0)
    if np.ndim(surplus_m2) == 0 and not isinstance(surplus_m2, pd.Series):
        surplus_m2 = float(surplus_m2)
    return release_share * surplus_m2


# ---------------------------------------------------------------------------------------
# Desk-based and frontline staff
# ---------------------------------------------------------------------------------------

#: What each canonical site type (:data:`remotecalc.inputs.vocab.SITE_TYPES`) implies for desks:
#: ``(has_desks, staff_desk_based)``. ``has_desks``: whether a site of the type has desks
#: at all when the sites table gives no ``desks`` (a given count wins: 0 means none).
#: ``staff_desk_based``: the default for staff whose ``desk_based`` is not given and whose
#: occupation code does not decide it (none given, or a profession that works at a desk in
#: an office and hands-on at a frontline site, see :data:`ISCO_DESK_BASED`). Office-type
#: sites (offices, town halls, job centres, citizen service) hold desk work; schools,
#: daycare, care homes, home care, hospitals, health centres, depots, libraries, culture
#: and leisure sites and fire stations are frontline workplaces with a small office for
#: their managers and clerks; ``field`` staff (roads and parks, mobile teams) have no
#: fixed desk. A type that is not recognised is treated as an office (the model's
#: behaviour before site types were read). Status M (an assumption of remotecalc, checked
#: against the Danish municipal sites of the demo, not a published classification).
SITE_TYPE_DESKS: dict[str, tuple[bool, bool]] = {
    "office": (True, True),
    "town_hall": (True, True),
    "job_centre": (True, True),
    "citizen_service": (True, True),
    "school": (True, False),
    "daycare": (True, False),
    "care_home": (True, False),
    "home_care": (True, False),
    "hospital": (True, False),
    "health_centre": (True, False),
    "depot": (True, False),
    "library": (True, False),
    "culture_leisure": (True, False),
    "fire_station": (True, False),
    "field": (False, False),
}

#: Desk-based (1.0), frontline (0.0) or decided by the site (0.5) by ISCO-08 code prefix;
#: the longest matching prefix wins (a DISCO-08 code of 5-6 digits starts with its ISCO-08
#: unit group). Major groups (ILO, ISCO-08 structure): 1 managers, 2 professionals, 3
#: technicians and associate professionals, 4 clerical support workers work at desks;
#: 5 service and sales (51 personal service, 52 sales, 53 personal care workers, 54
#: protective services), 6 skilled agricultural, 7 craft and trades, 8 plant and machine
#: operators and drivers (83), 9 elementary occupations (91 cleaners and helpers) and 0
#: armed forces are frontline. Within 2 and 3, the health (22, 32) and teaching (23)
#: professions and associate professions, 313 process control technicians, 315 ship and
#: aircraft controllers and technicians, 342 sports and fitness workers and 3434 chefs
#: work hands-on; 2351 education methods specialists work at desks; 4412 mail carriers
#: and sorting clerks are frontline. Health (22, 32) and teaching (23) staff are decided
#: by the site (0.5): a nurse doing needs assessment at the town hall sits at a desk, one
#: at a care home does not (:data:`SITE_TYPE_DESKS`; frontline where the site type is not
#: known). The same split shows in teleworkability indices (Sostero et al. 2020, JRC
#: technical teleworkability: low for care, teaching, manual work and driving), which
#: are a share of the job, not a workplace, and are not used here.
ISCO_DESK_BASED: dict[str, float] = {
    "0": 0.0,
    "1": 1.0,
    "2": 1.0,
    "22": 0.5,
    "23": 0.5,
    "2351": 1.0,
    "3": 1.0,
    "313": 0.0,
    "315": 0.0,
    "32": 0.5,
    "342": 0.0,
    "3434": 0.0,
    "4": 1.0,
    "4412": 0.0,
    "5": 0.0,
    "6": 0.0,
    "7": 0.0,
    "8": 0.0,
    "9": 0.0,
}

#: Sources of each employee's ``desk_based`` counted by :func:`resolve_desk_based`, in the
#: order of its counts.
DESK_BASED_SOURCES: tuple[str, ...] = (
    "occupation_desk",
    "occupation_frontline",
    "site_type_desk",
    "site_type_frontline",
    "assumed_desk",
    "desk_based_no_desks",
)


def desk_based_from_occupation(occupation: pd.Series | np.ndarray) -> np.ndarray:
    """Desk-based (1), frontline (0) or by site (0.5) from ISCO-08/DISCO-08 codes.

    Parameters
    ----------
    occupation : pandas.Series or array of str
        Occupation codes (digits; missing values allowed).

    Returns
    -------
    numpy.ndarray of float
        1.0, 0.0, 0.5 (decided by the site's type) or NaN (no code, or no prefix of
        :data:`ISCO_DESK_BASED` matches). [-]

    Notes
    -----
    Each distinct code is looked up once (longest prefix of :data:`ISCO_DESK_BASED`); a
    workforce has a few hundred distinct codes at most.

    Examples
    --------
    >>> desk_based_from_occupation(np.array(["2411", "5322", "2221", "91121", None]))
    array([1. , 0. , 0.5, 0. , nan])
    """
    codes, uniq = pd.factorize(pd.Series(occupation, dtype="string"))
    lookup = np.full(len(uniq) + 1, np.nan)  # the last entry: missing codes
    for i, code in enumerate(uniq):
        text = str(code).strip()
        for k in range(len(text), 0, -1):
            if text[:k] in ISCO_DESK_BASED:
                lookup[i] = ISCO_DESK_BASED[text[:k]]
                break
    return lookup[np.where(codes >= 0, codes, len(uniq))]


def site_type_desks(
    site_type: pd.Series | np.ndarray | None, desks: np.ndarray | None, n_sites: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per site: whether it has desks, and the desk-based default of its staff.

    Parameters
    ----------
    site_type : array of str, optional
        Canonical site types (:data:`remotecalc.inputs.vocab.SITE_TYPES`); others and missing
        values are taken as an office.
    desks : array of float, optional
        Desks given per site (NaN: not given); a given count decides ``has_desks``
        (``desks > 0``). [desks]
    n_sites : int

    Returns
    -------
    has_desks : numpy.ndarray of bool
    staff_default : numpy.ndarray of float
        1.0 desk-based, 0.0 frontline, NaN where the type is not known. [-]

    Examples
    --------
    >>> site_type_desks(np.array(["care_home", "field", None]), np.array([26.0, np.nan, 0.0]), 3)
    (array([ True, False, False]), array([ 0.,  0., nan]))
    """
    has = np.ones(n_sites, dtype=bool)
    default = np.full(n_sites, np.nan)
    if site_type is not None:
        types = pd.Series(site_type, dtype="string").fillna("").to_numpy(dtype=object)
        for name, (with_desks, staff) in SITE_TYPE_DESKS.items():
            here = types == name
            has[here] = with_desks
            default[here] = float(staff)
    if desks is not None:
        given = ~np.isnan(desks)
        has = np.where(given, desks > 0, has)
    return has, default


def resolve_desk_based(
    given: np.ndarray | None,
    by_occupation: np.ndarray | None,
    site_code: np.ndarray,
    site_has_desks: np.ndarray,
    site_default: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each employee's ``desk_based`` and whether desks concern her (vectorised).

    Parameters
    ----------
    given : array of float or None
        The staff's own ``desk_based`` (1, 0; NaN: not given; None: no such column).
    by_occupation : array of float or None
        :func:`desk_based_from_occupation` of the occupation codes (NaN: none; None: no
        occupation column).
    site_code : array of int
        Position of each employee's site in the sites table (-1: not there).
    site_has_desks, site_default : arrays per site
        From :func:`site_type_desks`.

    Returns
    -------
    desk_based : numpy.ndarray of bool
        Given, else from the occupation code (where the code leaves it to the site: the
        site type's default, frontline if the type is unknown), else the site type's
        default, else desk-based (an office, as before site types were read).
    desk_effect : numpy.ndarray of bool
        Desk-based at a site that has desks: only these employees need desks, area and
        attendee-day office costs. Frontline staff keep every commuting effect.
    counts : numpy.ndarray of int
        Defaults applied, in the order of :data:`DESK_BASED_SOURCES` (the last: desk-based
        employees at sites without desks). They add up over partitions.

    Examples
    --------
    >>> db, eff, n = resolve_desk_based(
    ...     np.array([np.nan, np.nan, np.nan, 0.0]), np.array([1.0, 0.5, np.nan, np.nan]),
    ...     np.array([0, 0, 0, 1]), np.array([True, True]), np.array([0.0, 1.0]))
    >>> db.tolist(), eff.tolist(), n.tolist()
    ([True, False, False, False], [True, False, False, False], [1, 1, 0, 1, 0, 0])
    """
    n_sites = len(site_default)
    pos = np.where(site_code >= 0, site_code, n_sites)  # the last slot: not in the table
    # Decided once per combination of (site, given, occupation level) and gathered: the
    # combinations are few, the employees many.
    levels = np.array([np.nan, 0.0, 0.5, 1.0])
    key = pos * 16
    if given is not None:
        key = key + 4 * _level_index(given)
    if by_occupation is not None:
        key = key + _level_index(by_occupation)
    combo = np.arange((n_sites + 1) * 16)
    site = combo // 16
    site_def = np.append(np.asarray(site_default, dtype=float), np.nan)[site]
    has = np.append(np.asarray(site_has_desks, dtype=bool), False)[site]
    g, o = levels[(combo // 4) % 4], levels[combo % 4]
    open_ = np.isnan(g)
    occ = open_ & ~np.isnan(o)
    occ_value = np.where(o == 0.5, np.where(np.isnan(site_def), 0.0, site_def), o)
    by_site = open_ & ~occ & ~np.isnan(site_def)
    assumed = open_ & ~occ & ~by_site
    value = np.where(open_, np.where(occ, occ_value, np.where(by_site, site_def, 1.0)), g)
    desk_based = value >= 0.5
    effect = desk_based & has
    n = np.bincount(key, minlength=len(combo))
    counts = np.array(
        [
            n[occ & desk_based].sum(),
            n[occ & ~desk_based].sum(),
            n[by_site & desk_based].sum(),
            n[by_site & ~desk_based].sum(),
            n[assumed].sum(),
            n[desk_based & ~has & (site < n_sites)].sum(),
        ],
        dtype=np.int64,
    )
    return desk_based[key], effect[key], counts


def _level_index(x: np.ndarray) -> np.ndarray:
    """0 for NaN, 1, 2, 3 for 0, 0.5, 1 (the positions in ``resolve_desk_based``'s levels)."""
    y = 2.0 * np.asarray(x, dtype=float)
    y += 1.0
    np.nan_to_num(y, copy=False, nan=0.0)
    return y.astype(np.intp)


def attendance_cdf_grouped(
    p: Numeric,
    counts: Numeric,
    desks: float,
    exact_max_n: int = EXACT_MAX_N,
    *,
    cache: DistributionCache | None = None,
) -> float:
    r"""Chance that the attendance of grouped employees fits in ``desks``: :math:`P(X \le D)`.

    The service level that ``desks`` achieve on one day: the inverse of
    :func:`attendance_quantile_grouped`, by the same distribution (exact up to
    ``exact_max_n`` uncertain employees, through ``cache`` when given; the refined normal
    approximation above).

    Parameters
    ----------
    p : array-like
        Distinct probabilities of being on site on the day, 0 to 1. [-]
    counts : array-like of int
        Employees with each probability. [persons]
    desks : float
        Desks available. [desks]

    Returns
    -------
    float
        :math:`P(X \le D)`, 0 to 1. [-]

    Examples
    --------
    >>> round(attendance_cdf_grouped([0.5], [2], 1), 6)  # 0, 1 or 2 present: 1/4+1/2
    0.75
    >>> desks = attendance_quantile_grouped([0.6], [100], 0.95)
    >>> attendance_cdf_grouped([0.6], [100], desks) >= 0.95 > attendance_cdf_grouped(
    ...     [0.6], [100], desks - 1)
    True
    """
    p = np.asarray(p, dtype=float).ravel()
    counts = np.asarray(counts, dtype=np.int64).ravel()
    certain = int(counts[p >= 1.0].sum())
    keep = (p > 0.0) & (p < 1.0) & (counts > 0)
    p, counts = p[keep], counts[keep]
    k = int(np.floor(desks + 1e-9)) - certain
    n = int(counts.sum())
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    if np.all(p == p[0]):
        return float(stats.binom.cdf(k, n, p[0]))
    if n <= exact_max_n:
        cdf = _grouped_cdf(p, counts) if cache is None else cache.cdf(p, counts)
        return float(min(cdf[k], 1.0))
    return float(_refined_normal_cdf(k, p, counts))


def service_level_achieved_grouped(
    probability: np.ndarray,
    counts: np.ndarray,
    desks: float,
    cache: DistributionCache | None = None,
) -> float:
    """The service level ``desks`` achieve at a site: the lowest over its weekdays.

    Parameters
    ----------
    probability : array (K, days)
        Each group's chance of being on site on each weekday. [-]
    counts : array (K,)
        Employees in each group. [persons]
    desks : float
        Desks available. [desks]

    Returns
    -------
    float
        :math:`\\min_d P(X_d \\le D)`, where :math:`X_d` is the attendance on weekday
        :math:`d`: the chance that everybody who comes finds a desk on the worst day. [-]

    Examples
    --------
    >>> round(service_level_achieved_grouped(np.full((1, 5), 0.6), np.array([100]), 60), 3)
    0.538
    """
    probability = np.atleast_2d(np.asarray(probability, dtype=float))
    if probability.size == 0:
        return 1.0
    flat = bool((probability == probability[:, :1]).all())  # a flat week: one distinct day
    days = (
        [0]
        if flat
        else [
            d
            for d in range(probability.shape[1])
            if not any(np.array_equal(probability[:, d], probability[:, e]) for e in range(d))
        ]
    )
    return min(attendance_cdf_grouped(probability[:, d], counts, desks, cache=cache) for d in days)


def _area_bound_per_m2(
    whole_per_m2: Numeric,
    per_attendee_day: Numeric,
    attendee_days_today: Numeric,
    area_today_m2: Numeric,
) -> Numeric:
    r"""A whole-building per-m² figure less today's attendance-driven part of it, per m²:
    :math:`\max(w - N_0 a / A_0, 0)` (:math:`w` where there is no area). The one formula of
    :func:`area_bound_electricity_kwh_per_m2` and :func:`area_bound_operating_cost_per_m2`."""
    area = np.asarray(area_today_m2, dtype=float)
    safe = np.where(area > 0, area, 1.0)
    per_m2 = np.asarray(attendee_days_today, dtype=float) * per_attendee_day / safe
    out = np.where(area > 0, np.maximum(whole_per_m2 - per_m2, 0.0), whole_per_m2)
    return float(out) if np.ndim(out) == 0 else out
