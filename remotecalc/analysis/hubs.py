"""Satellite hubs: where to open k local offices so that people commute least.

On a hub day an employee works at a workplace other than home: the nearer of their own site
and the nearest open hub (a "cloud of competencies": the job stays, the desk moves closer to
home). Choosing the best k hubs among candidate places (sites, towns) to minimise the total
commute on those days is a k-median facility-location problem in which every employee's own
site is always open:

.. math::

    \\min_{S \\subseteq H, |S| = k} \\sum_i w_i \\min\\Big(d_{i0}, \\min_{h \\in S} d_{ih}\\Big)

with :math:`w_i` the employee's annual round trips on hub days, :math:`d_{i0}` today's
one-way distance and :math:`d_{ih}` the distance home → hub (great circle × the circuity of
the employee's mode; for a home known only by its postcode or municipality, the great circle
is at least the zone's mean internal distance, as for a commute within the site's zone).
Equivalently, maximise the savings :math:`w_i (d_{i0} - d_{ih})^+`.

- ``method="exact"``: the integer programme (strong formulation, assignment variables bounded
  by the opening variables) solved by HiGHS through :func:`scipy.optimize.milp`.
- ``method="heuristic"``: greedy opening (largest saving first) followed by best-improvement
  swaps (Teitz & Bart 1968) until no swap of an open and a closed hub improves.
- ``method="auto"``: exact while the number of (employee group, hub) pairs with a saving is
  at most ``exact_max_pairs``, else heuristic.

Employees with the same home point, distance and circuity are one demand group (weights
added), which keeps the programme small when homes are postcode or town points.

References
----------
Teitz, M. B. & Bart, P. (1968). Heuristic methods for estimating the generalized vertex
median of a weighted graph. Operations Research 16(5), 955–961.
Daskin, M. S. (2013). Network and Discrete Location, 2nd ed., Wiley, ch. 6 (the p-median
problem and its strong formulation).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from remotecalc.evaluation.entry import prepare, resolve_params
from remotecalc.formulas import commute
from remotecalc.i18n.notes import Note
from remotecalc.inputs.geography import haversine_km
from remotecalc.inputs.parameters import Parameters
from remotecalc.inputs.workforce import Workforce
from remotecalc.model import engine

__all__ = ["HubResult", "choose_hubs", "hub_candidates", "hub_objective"]

#: ``method="auto"`` solves exactly up to this many (demand group, hub) pairs with a saving.
EXACT_MAX_PAIRS = 200_000


@dataclass(frozen=True, repr=False)
class HubResult:
    """The hubs chosen, who uses which, and what it saves.

    Attributes
    ----------
    chosen : list of str
        Ids of the k hubs opened, in candidate order.
    assignment : pandas.DataFrame
        Per employee (personal data): ``employee_id, site_id, hub_id`` (None where the own
        site stays nearer, or the employee has no hub days or no home point),
        ``hub_days_per_week`` [days/week, FTE-weighted as on-site days], ``one_way_km_site``,
        ``one_way_km_hub`` [km], ``km_saved`` [km/yr].
    hubs : pandas.DataFrame
        Per chosen hub: ``hub_id, name, employees, hub_days_per_year, desks_needed,
        km_saved`` (desks at the service level on the peak weekday, as for sites).
    objective_km : float
        Commute on hub days with the chosen hubs (each employee at the nearer of own site and
        hub). [km/yr]
    baseline_km : float
        The same days' commute without hubs. [km/yr]
    method : str
        ``"exact"`` or ``"heuristic"``.
    optimal : bool
        True when the solver proved optimality (exact method).
    notes : list of str
    """

    chosen: list
    assignment: pd.DataFrame
    hubs: pd.DataFrame
    objective_km: float
    baseline_km: float
    method: str
    optimal: bool
    notes: list = field(default_factory=list)

    @property
    def km_saved(self) -> float:
        """Commute avoided on hub days by the chosen hubs. [km/yr]"""
        return self.baseline_km - self.objective_km

    def __repr__(self) -> str:
        return (
            f"<remotecalc.HubResult: {len(self.chosen)} hub(s) {self.chosen} ({self.method}"
            f"{', optimal' if self.optimal else ''}); hub-day commute "
            f"{self.baseline_km:,.0f} -> {self.objective_km:,.0f} km/yr>"
        )


def hub_candidates(
    workforce: Workforce | None = None, towns: pd.DataFrame | None = None, min_population: int = 0
) -> pd.DataFrame:
    """Candidate hub places from the workforce's sites and/or a towns table.

    Parameters
    ----------
    workforce : Workforce, optional
        Its sites become candidates ``site:<site_id>``.
    towns : pandas.DataFrame, optional
        Columns ``name, lat, lon`` (and ``population``), e.g.
        :func:`remotecalc.datasets.load_towns`; candidates ``town:<name>``.
    min_population : int, default 0
        Towns smaller than this are left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``hub_id, name, lat, lon``.

    Examples
    --------
    >>> from remotecalc.datasets import load_towns
    >>> c = hub_candidates(towns=load_towns(), min_population=100_000)
    >>> c["hub_id"].tolist()
    ['town:Copenhagen', 'town:Århus', 'town:Odense', 'town:Aalborg']
    """
    parts = []
    if workforce is not None:
        s = workforce.sites
        name = s["site_name"] if "site_name" in s.columns else s["site_id"]
        parts.append(
            pd.DataFrame(
                {
                    "hub_id": "site:" + s["site_id"].astype(str),
                    "name": name.astype(str),
                    "lat": s["lat"].astype(float),
                    "lon": s["lon"].astype(float),
                }
            )
        )
    if towns is not None:
        t = towns
        if "population" in t.columns:
            t = t[t["population"] >= min_population]
        parts.append(
            pd.DataFrame(
                {
                    "hub_id": "town:" + t["name"].astype(str),
                    "name": t["name"].astype(str),
                    "lat": t["lat"].astype(float),
                    "lon": t["lon"].astype(float),
                }
            )
        )
    if not parts:
        raise ValueError("give a workforce (its sites) and/or a towns table")
    out = pd.concat(parts, ignore_index=True)
    return out.drop_duplicates("hub_id").reset_index(drop=True)


def _check_candidates(candidates: pd.DataFrame) -> pd.DataFrame:
    need = {"hub_id", "lat", "lon"} - set(candidates.columns)
    if need:
        raise ValueError(f"candidates need columns hub_id, lat, lon; missing {sorted(need)}")
    c = candidates.reset_index(drop=True).copy()
    c["hub_id"] = c["hub_id"].astype(str)
    dup = c["hub_id"][c["hub_id"].duplicated()].tolist()
    if dup:
        raise ValueError(f"hub_id must be unique; repeated: {dup[:5]}")
    lat, lon = pd.to_numeric(c["lat"], errors="coerce"), pd.to_numeric(c["lon"], errors="coerce")
    bad = c["hub_id"][lat.isna() | lon.isna() | (lat.abs() > 90) | (lon.abs() > 180)].tolist()
    if bad:
        raise ValueError(f"candidates without valid coordinates: {bad[:5]}")
    c["lat"], c["lon"] = lat.astype(float), lon.astype(float)
    if "name" not in c.columns:
        c["name"] = c["hub_id"]
    return c


def hub_objective(savings: np.ndarray, chosen: Iterable[int]) -> float:
    """Total saving of a set of open hubs: Σ_g max over the open hubs of ``savings[g, h]``.

    Parameters
    ----------
    savings : array of shape (groups, hubs)
        Weighted saving of each demand group at each hub, ≥ 0. [km/yr]
    chosen : sequence of int
        Column indices of the open hubs.

    Examples
    --------
    >>> s = np.array([[3.0, 0.0], [1.0, 2.0]])
    >>> hub_objective(s, [0]), hub_objective(s, [0, 1])
    (4.0, 5.0)
    """
    chosen = list(chosen)
    if not chosen:
        return 0.0
    return float(savings[:, chosen].max(axis=1).sum())


def _solve_exact(savings: np.ndarray, k: int, time_limit: float) -> tuple[list[int], bool]:
    """Strong k-median formulation with a fallback, by HiGHS (scipy.optimize.milp)."""
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    n_groups, n_hubs = savings.shape
    g_idx, h_idx = np.nonzero(savings > 0)
    n_pairs = len(g_idx)
    # variables: y (n_hubs, binary) then x (n_pairs, continuous in [0, 1])
    c = np.concatenate([np.zeros(n_hubs), -savings[g_idx, h_idx]])
    rows_pair = np.arange(n_pairs)
    link = sparse.csr_matrix(  # x_p - y_h <= 0
        (
            np.concatenate([np.ones(n_pairs), -np.ones(n_pairs)]),
            (np.concatenate([rows_pair, rows_pair]), np.concatenate([n_hubs + rows_pair, h_idx])),
        ),
        shape=(n_pairs, n_hubs + n_pairs),
    )
    one = sparse.csr_matrix(  # each group at most one hub
        (np.ones(n_pairs), (g_idx, n_hubs + rows_pair)), shape=(n_groups, n_hubs + n_pairs)
    )
    count = sparse.csr_matrix(np.concatenate([np.ones(n_hubs), np.zeros(n_pairs)])[None, :])
    constraints = [
        LinearConstraint(link, -np.inf, 0.0),
        LinearConstraint(one, -np.inf, 1.0),
        LinearConstraint(count, k, k),
    ]
    integrality = np.concatenate([np.ones(n_hubs), np.zeros(n_pairs)])
    res = milp(
        c,
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(np.zeros(n_hubs + n_pairs), np.ones(n_hubs + n_pairs)),
        options={"time_limit": float(time_limit), "mip_rel_gap": 0.0},
    )
    if res.x is None:
        raise RuntimeError(f"the hub programme found no solution: {res.message}")
    chosen = sorted(int(h) for h in np.argsort(-res.x[:n_hubs])[:k])
    return chosen, bool(res.status == 0)


def _solve_heuristic(savings: np.ndarray, k: int, max_passes: int = 200) -> list[int]:
    """Greedy opening, then best-improvement swaps until none improves."""
    n_groups, n_hubs = savings.shape
    best = np.zeros(n_groups)
    chosen: list[int] = []
    for _ in range(k):  # one pass per hub opened, vectorised over candidates
        gain = np.maximum(savings - best[:, None], 0.0).sum(axis=0)
        gain[chosen] = -np.inf
        h = int(np.argmax(gain))
        chosen.append(h)
        best = np.maximum(best, savings[:, h])
    current = hub_objective(savings, chosen)
    for _ in range(max_passes):
        sub = savings[:, chosen]
        order = np.argsort(-sub, axis=1)
        first = sub[np.arange(n_groups), order[:, 0]]
        second = sub[np.arange(n_groups), order[:, 1]] if k > 1 else np.zeros(n_groups)
        best_gain, best_swap = 0.0, None
        closed = np.setdiff1d(np.arange(n_hubs), chosen)
        if len(closed) == 0:
            break
        for j in range(len(chosen)):  # one pass per open hub, vectorised over the closed
            base = np.where(order[:, 0] == j, second, first)
            totals = np.maximum(base[:, None], savings[:, closed]).sum(axis=0)
            i = int(np.argmax(totals))
            gain = totals[i] - current
            if gain > best_gain + 1e-9 * max(1.0, abs(current)):
                best_gain, best_swap = gain, (j, int(closed[i]))
        if best_swap is None:
            break
        chosen[best_swap[0]] = best_swap[1]
        current = hub_objective(savings, chosen)
    return sorted(chosen)


def choose_hubs(
    workforce: Workforce,
    candidates: pd.DataFrame,
    k: int,
    hub_days_per_week: float,
    params: Parameters | str | None = None,
    method: str = "auto",
    service_level: float = 0.95,
    *,
    exact_max_pairs: int = EXACT_MAX_PAIRS,
    time_limit: float = 60.0,
    weekday_profile: Sequence[float] | None = None,
) -> HubResult:
    """Choose the best k satellite hubs among candidates, to minimise commuting.

    Parameters
    ----------
    workforce : Workforce
    candidates : pandas.DataFrame
        Columns ``hub_id, lat, lon`` (and ``name``), e.g. from :func:`hub_candidates`.
    k : int
        Number of hubs to open, 1 ≤ k ≤ number of candidates.
    hub_days_per_week : float
        Days a week a full-time employee may work at a hub instead of their own site. Each
        employee's hub days are capped by ``5 × teleworkable`` (work away from the own site
        is remote work) and by today's on-site days (only commuting days can move).
        [days/week]
    params : Parameters or str, optional
        For working days and each mode's circuity; default ``"dk-2025"``.
    method : {"auto", "exact", "heuristic"}, default "auto"
    service_level : float, default 0.95
        Desks per hub: this quantile of the peak weekday's attendance.
    exact_max_pairs : int, default :data:`EXACT_MAX_PAIRS`
        Size limit of ``"auto"`` for the exact programme.
    time_limit : float, default 60
        Seconds the exact solver may use (the best solution found is returned, with
        ``optimal = False``, if it stops early). [s]
    weekday_profile : 5 weights, optional
        Attendance pattern at the hubs (default flat).

    Returns
    -------
    HubResult

    Notes
    -----
    Employee *i* has :math:`w_i = 2 W f_i h_i / 5` round trips a year on hub days (working
    days *W*, FTE *f*, hub days *h*); each goes to the nearer of their own site (today's
    one-way distance, as the model computes it) and the nearest open hub (great circle ×
    circuity of their mode; for a home placed at its postcode's or municipality's point,
    at least the zone's mean internal distance,
    :meth:`~remotecalc.inputs.workforce.Workforce.home_zone_internal_km`, so that a hub in the
    home's own zone is not 0 km away). Employees without a home point are not assigned.

    Examples
    --------
    >>> from remotecalc.datasets import demo_workforce, load_towns
    >>> wf = demo_workforce(300, seed=1)
    >>> towns = hub_candidates(towns=load_towns(), min_population=20_000)
    >>> res = choose_hubs(wf, towns, k=2, hub_days_per_week=2)
    >>> len(res.chosen), res.method, res.optimal, bool(res.km_saved > 0)
    (2, 'exact', True, True)
    """
    if method not in ("auto", "exact", "heuristic"):
        raise ValueError(f"method must be 'auto', 'exact' or 'heuristic', not {method!r}")
    cand = _check_candidates(candidates)
    k = int(k)
    if not 1 <= k <= len(cand):
        raise ValueError(
            f"k must be between 1 and the number of candidates ({len(cand)}), found {k}"
        )
    if not 0.0 <= float(hub_days_per_week) <= 5.0:
        raise ValueError(f"hub_days_per_week must lie in [0, 5], found {hub_days_per_week}")
    p = resolve_params(params)
    prepared = prepare(workforce, p)
    inp, staff = prepared.inputs, workforce.staff
    circuity = inp.own.circuity
    lat = staff["home_lat"].to_numpy(dtype=float)
    lon = staff["home_lon"].to_numpy(dtype=float)
    d0 = inp.one_way_km
    hub_days = np.minimum(
        np.minimum(float(hub_days_per_week), 5.0 * inp.teleworkable), inp.onsite_today
    )
    hub_days_year = commute.onsite_days_per_year(inp.fte, hub_days, p["workdays_per_year"])
    weight = 2.0 * hub_days_year  # round trips a year
    usable = (weight > 0) & np.isfinite(lat) & np.isfinite(lon) & np.isfinite(d0)
    notes = []
    no_home = int(((weight > 0) & ~(np.isfinite(lat) & np.isfinite(lon))).sum())
    if no_home:
        notes.append(Note("hubs_no_home", n=no_home))
    # a home placed at its zone's point is at least the zone's mean internal distance
    # from any hub (as a commute within the site's zone), not 0 km in the hub's own zone
    floor = workforce.home_zone_internal_km().to_numpy()
    # demand groups: identical home point, zone floor, distance to own site and circuity
    key = pd.DataFrame(
        {
            "lat": lat[usable],
            "lon": lon[usable],
            "floor": floor[usable],
            "d0": d0[usable],
            "c": circuity[usable],
        }
    )
    group, uniq = pd.factorize(pd.MultiIndex.from_frame(key))
    g = pd.DataFrame(list(uniq), columns=key.columns) if len(uniq) else key
    w_g = np.bincount(group, weights=weight[usable], minlength=len(g))
    dist_gh = (
        np.maximum(
            haversine_km(
                g["lat"].to_numpy()[:, None],
                g["lon"].to_numpy()[:, None],
                cand["lat"].to_numpy()[None, :],
                cand["lon"].to_numpy()[None, :],
            ),
            g["floor"].to_numpy()[:, None],
        )
        * g["c"].to_numpy()[:, None]
    )
    saving = w_g[:, None] * np.maximum(g["d0"].to_numpy()[:, None] - dist_gh, 0.0)
    n_pairs = int((saving > 0).sum())
    if method == "auto":
        method = "exact" if n_pairs <= exact_max_pairs else "heuristic"
    if method == "exact":
        chosen_idx, optimal = _solve_exact(saving, k, time_limit)
        if not optimal:
            notes.append(Note("hubs_not_optimal"))
    else:
        chosen_idx, optimal = _solve_heuristic(saving, k), False
    baseline_km = float(w_g @ g["d0"].to_numpy()) if len(g) else 0.0
    objective_km = baseline_km - hub_objective(saving, chosen_idx)
    # per employee: the best open hub, if it beats the own site
    sub = saving[:, chosen_idx]
    best = np.argmax(sub, axis=1) if len(g) else np.zeros(0, dtype=int)
    best_saving = sub[np.arange(len(g)), best] if len(g) else np.zeros(0)
    hub_ids = cand["hub_id"].to_numpy(dtype=object)[chosen_idx]
    emp_hub = np.full(len(staff), None, dtype=object)
    emp_km_hub = np.full(len(staff), np.nan)
    emp_saved = np.zeros(len(staff))
    idx = np.flatnonzero(usable)
    uses = best_saving[group] > 0
    emp_hub[idx[uses]] = hub_ids[best[group[uses]]]
    emp_km_hub[idx] = dist_gh[group, np.asarray(chosen_idx)[best[group]]]
    emp_saved[idx] = np.where(uses, weight[idx] * np.maximum(d0[idx] - emp_km_hub[idx], 0.0), 0.0)
    assignment = pd.DataFrame(
        {
            "employee_id": staff["employee_id"].to_numpy()
            if "employee_id" in staff.columns
            else staff.index.to_numpy(),
            "site_id": staff["site_id"].to_numpy(),
            "hub_id": pd.Series(emp_hub, dtype=object),
            "hub_days_per_week": hub_days,
            "one_way_km_site": d0,
            "one_way_km_hub": emp_km_hub,
            "km_saved": emp_saved,
        }
    )
    # desks per hub: the engine's desk demand of the hub's users on their hub days
    hub_code = pd.Index(hub_ids).get_indexer(pd.Index(emp_hub))  # -1: no hub
    users = hub_code >= 0
    employees = np.bincount(hub_code[users], minlength=len(hub_ids))
    at = range(len(hub_ids))  # one pass per hub
    desks, _ = engine.desk_arrays(
        engine.DeskCounts.of_state(hub_code, inp.fte, hub_days),
        employees,
        service_level,
        None,
        weekday_profile,
        peak_label=False,
    )
    hubs = pd.DataFrame(
        {
            "hub_id": hub_ids,
            "name": cand["name"].to_numpy()[chosen_idx],
            "employees": employees,
            "hub_days_per_year": [float(hub_days_year[hub_code == j].sum()) for j in at],
            "desks_needed": desks.astype(int),
            "km_saved": [float(emp_saved[hub_code == j].sum()) for j in at],
        }
    )
    return HubResult(
        chosen=list(hub_ids),
        assignment=assignment,
        hubs=hubs,
        objective_km=objective_km,
        baseline_km=baseline_km,
        method=method,
        optimal=optimal,
        notes=notes,
    )
