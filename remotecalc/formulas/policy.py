"""Policy: how a scenario's levers change each employee's on-site days."""

from __future__ import annotations

import numpy as np

from remotecalc._numeric import BoolLike, Numeric

__all__ = ["onsite_days_under_policy"]


def onsite_days_under_policy(
    onsite_days_per_week: Numeric,
    teleworkable: Numeric,
    remote_days_granted: Numeric,
    uptake: Numeric,
    applies: BoolLike = True,
    remote_days_wanted: Numeric | None = None,
) -> Numeric:
    """Expected on-site days per week of each employee under a remote-work policy.

    Parameters
    ----------
    onsite_days_per_week : numeric
        On-site days today, per full-time week. [days/week]
    teleworkable : numeric
        Share of the job that can be done from home, 0-1; it caps the remote days at
        ``5 × teleworkable``. [share]
    remote_days_granted : float
        Remote days a week the policy grants. [days/week]
    uptake : float
        Share of eligible employees who take the days up. [share]
    applies : bool or array of bool, default True
        Whether the policy applies to the employee (others keep today's pattern).
    remote_days_wanted : numeric, optional
        Remote days each employee wants (e.g. the expected home days predicted from a staff
        survey); it caps the days taken like teleworkability does. NaN means no cap.
        [days/week]

    Returns
    -------
    numeric
        Expected on-site days per week under the policy. [days/week]

    Notes
    -----
    With today's on-site days :math:`o`, cap :math:`c = 5\\,t` and granted days :math:`g`,
    the target is :math:`o^* = 5 - \\min(g, c)`; nobody comes in more than today:

    .. math:: o' = o - u \\, \\max(0, o - o^*)

    The expected value over uptake is exact for every linear result (km, CO₂e, cost); for
    desks it is the per-day on-site probability, which is all a Poisson-binomial needs.

    Examples
    --------
    >>> float(onsite_days_under_policy(5, 0.6, 2, 1.0))  # cap 3 days, grant 2 -> 3 on site
    3.0
    >>> float(onsite_days_under_policy(5, 0.2, 2, 0.5))  # cap 1 day, half take it -> 4.5
    4.5
    >>> float(onsite_days_under_policy(3, 1.0, 1, 1.0))  # already home 2 days: unchanged
    3.0
    >>> float(onsite_days_under_policy(5, 1.0, 3, 1.0, remote_days_wanted=1.5))
    3.5
    """
    taken = np.minimum(remote_days_granted, 5.0 * teleworkable)
    if remote_days_wanted is not None:
        taken = np.fmin(taken, remote_days_wanted)  # fmin: NaN (no answer) leaves no cap
    target = 5.0 - taken
    new = onsite_days_per_week - uptake * np.maximum(0.0, onsite_days_per_week - target)
    if applies is True:
        return new
    return np.where(applies, new, onsite_days_per_week)
