"""Disclosure control: no group output shows a group small enough to identify a person.

This is the one disclosure-control module of remotecalc. Every table, figure or map that
shows results by group (department, unit, site, home municipality) passes through it before
it reaches a reader; presentation code (:mod:`remotecalc.outputs.plotting`,
:mod:`remotecalc.outputs.report`) only draws or formats what it returns.

The rules (method)
------------------
Following statistical agencies' practice for linked tables (sdcTable, tau-ARGUS):

*Primary suppression*: a group with 1 to ``min_group_size - 1`` members is withheld;
``min_group_size`` must be at least 3 (:func:`check_min_group_size`).

*Complementary suppression*: the smallest shown groups of the same parent (and then of the
whole table, for the published grand total) are withheld with it until the withheld groups
hold at least ``min_group_size`` members; so at least two groups are withheld
(:func:`small_group_mask`). Empty groups hold no personal data and are never withheld.

*Linked tables and audit*: the groupings that outputs of one assessment may publish together
(:data:`STANDARD_GROUPINGS`: departments, units within departments, units, sites) are
protected jointly by :func:`protect`: everything they publish (shown groups, pooled rows, the
grand total) is written as linear equations over the atoms of their cross-classification; a
small group is derivable exactly when its indicator is in the span of the published rows
(then "total minus these plus those" gives its value). While a small group (a primary cell,
an atom, or the difference of two nested published rows) is derivable, the smallest shown
group taking part in the derivation is withheld too. Suppressed sets are thus shared: every
output (:meth:`Assessment.by`, the Sites sheet, the report's tables and figures,
:func:`remotecalc.estimation.teleworkable_share_by`) withholds the same groups, whichever
combination a reader collects. Sites are decided from employees per site alone
(:func:`site_mask`); a grouping that is not standard (``by("mode")``, home municipalities) is
audited against the standard ones and only its own groups are withheld.

*Presentation*: withheld groups never carry their name: they are pooled into "Other (n
groups pooled)" rows (a pool per parent only when it holds two or more groups and at least
``min_group_size`` people) or shown without values and names (municipalities).

*Small outputs*: a report, workbook or CLI output about fewer than ``min_group_size`` people
(workforce or ``applies_to`` selection) is refused unless the user passes ``allow_small``
(:func:`check_publishable`, :func:`small_selections`).

*Restriction on selections*: an ``applies_to`` selection that differs from a neighbouring
selection by fewer than ``min_group_size`` people is refused by every output, with one
message that names no count (:func:`selection_withheld`, :func:`refused_selection`).

*Cell-key perturbation* (as ABS TableBuilder and the UK 2021 census tables): every published
group value and total carries noise drawn from the keys of the people in it
(:func:`record_keys`, :func:`magnitude_noise`, :func:`count_noise`), through one function,
:func:`publish_groups` (and :func:`publish_totals` / :func:`publish_summary` for the total of
everyone). The same people's same quantity gets the same noise in every output; a cell with
fewer than ``min_group_size`` contributors is withheld. The threat model, the guarantee and
the cost in accuracy are in docs/privacy.md. Only the analyst holding the staff file sees
exact group values (``exact=True``, ``Assessment.summary()``).

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
>>> from remotecalc.evaluation import disclosure
>>> disclosure.small_group_mask(pd.Series({"a": 3, "b": 40, "c": 8})).tolist()
[True, False, True]
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import pandas as pd

from remotecalc.i18n import Note, check_lang, t
from remotecalc.inputs.scenario import Selection


class AssessmentLike(Protocol):
    """What :func:`small_selections` reads of an assessment (``Assessment`` has it); a
    protocol, so that this module does not depend on the results object that uses it."""

    @property
    def n_employees(self) -> int: ...
    @property
    def per_employee(self) -> Any: ...
    @property
    def scenario(self) -> Any: ...


__all__ = [
    "COUNT_NOISE",
    "DEFAULT_MIN_GROUP_SIZE",
    "NOISE_SHARE",
    "SECRET_ENV",
    "SITE_ADDITIVE_COLUMNS",
    "SITE_ATTRIBUTE_COLUMNS",
    "SMALLEST_MIN_GROUP_SIZE",
    "STANDARD_GROUPINGS",
    "check_min_group_size",
    "check_publishable",
    "count_noise",
    "desk_group_masks",
    "disclosure_secret",
    "gains_home_days",
    "group_summary",
    "magnitude_noise",
    "pool_members",
    "pool_purposes",
    "pool_sites",
    "protect",
    "publish_bands",
    "publish_groups",
    "publish_purposes",
    "publish_rows",
    "publish_sites",
    "publish_summary",
    "publish_totals",
    "published_counts",
    "purpose",
    "record_keys",
    "refused_selection",
    "savings",
    "selection_withheld",
    "site_mask",
    "small_group_mask",
    "small_selections",
    "small_sweep_selections",
    "top_contributions",
    "total_noise",
    "withheld",
    "withhold_desk_groups",
]

#: Smallest group shown in any group output, by default. [persons]
DEFAULT_MIN_GROUP_SIZE: int = 5

#: Columns of ``Assessment.per_site`` summed when sites are pooled (besides every numeric
#: ``*_baseline``, ``*_scenario`` and ``*_change`` column).
SITE_ADDITIVE_COLUMNS: tuple[str, ...] = (
    "employees",
    "desks_today",
    "area_today_m2",
    "desk_employees",
    "no_desk_effect_employees",
)


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

    def complete(sel: np.ndarray) -> None:
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


#: The groupings every group output is protected against together (those present in the
#: data): departments, units within departments, units, sites. A grouping an output asks for
#: that is not one of these is protected jointly with them (see :func:`withheld`).
STANDARD_GROUPINGS: tuple[tuple[str, ...], ...] = (
    ("department",),
    ("department", "unit"),
    ("unit",),
    ("site_id",),
)

#: The smallest ``min_group_size`` accepted. [persons]
SMALLEST_MIN_GROUP_SIZE: int = 3

_SEP = " / "


def check_min_group_size(min_group_size: Any) -> int:
    """``min_group_size`` as an int, or a ValueError when it is not a whole number >= 3.

    Examples
    --------
    >>> check_min_group_size(5)
    5
    >>> check_min_group_size(1)
    Traceback (most recent call last):
    ...
    ValueError: min_group_size must be a whole number of at least 3 (got 1): ...
    """
    ok = isinstance(min_group_size, (int, np.integer)) and not isinstance(min_group_size, bool)
    if not ok or min_group_size < SMALLEST_MIN_GROUP_SIZE:
        raise ValueError(
            f"min_group_size must be a whole number of at least {SMALLEST_MIN_GROUP_SIZE} "
            f"(got {min_group_size!r}): groups of one or two people identify them"
        )
    return int(min_group_size)


def check_publishable(
    n_employees: int,
    min_group_size: int,
    allow_small: bool = False,
    what: str = "the workforce",
) -> None:
    """Refuse an output about fewer than ``min_group_size`` people unless ``allow_small``.

    Raises
    ------
    ValueError
        Naming the size and the minimum, and the flag that overrides the refusal.
    """
    k = check_min_group_size(min_group_size)
    if 0 < n_employees < k and not allow_small:
        raise ValueError(
            f"{what} has {n_employees} employee(s), fewer than the minimum group size {k}: "
            "its totals would describe identifiable people. Pass allow_small=True "
            "(CLI: --allow-small-groups) to write it anyway, without group tables"
        )


def small_assessment_note(n_employees: int, n_selected: int, min_group_size: Any) -> Note | None:
    """The note an assessment of fewer than ``min_group_size`` people carries (or ``None``).

    Parameters
    ----------
    n_employees : int
        Employees assessed.
    n_selected : int
        Employees the scenario applies to (``n_employees`` without ``applies_to``).
    min_group_size : int

    Examples
    --------
    >>> small_assessment_note(100, 100, 5) is None
    True
    >>> small_assessment_note(100, 2, 5)[:40]
    'only 2 employee(s) assessed (workforce o'
    """
    k = check_min_group_size(min_group_size)
    n = min(n_employees, n_selected)
    if not 0 < n < k:
        return None
    return Note("few_assessed", n=int(n), k=int(k))


def refused_selection(name: str, min_group_size: int = DEFAULT_MIN_GROUP_SIZE) -> str:
    """The one message a selection under the minimum size (or one that differs from another
    selection by fewer people) is refused with, everywhere: it names no count.

    Examples
    --------
    >>> print(refused_selection("x"))  # doctest: +NORMALIZE_WHITESPACE
    scenario 'x': its applies_to selection is withheld (fewer than 5 employees,
    or fewer than 5 apart from another selection)
    """
    k = check_min_group_size(min_group_size)
    return (
        f"scenario '{name}': its applies_to selection is withheld (fewer than {k} employees, "
        f"or fewer than {k} apart from another selection)"
    )


def small_selections(assessment: AssessmentLike, min_group_size: int) -> list[str]:
    """Why an assessment is about fewer than ``min_group_size`` people (empty: it is not).

    Checks the workforce and the scenario's ``applies_to`` selection.
    """
    k = check_min_group_size(min_group_size)
    out = []
    n = assessment.n_employees
    if 0 < n < k:
        out.append(f"the workforce has {n} employee(s)")
    e = assessment.per_employee
    applies_to = assessment.scenario.applies_to
    if applies_to:
        cols = [c for c in applies_to if c in e.columns]
        staff = e[cols]
        staff = staff.compute() if hasattr(staff, "compute") else staff
        if selection_withheld(staff, applies_to, k):
            out.append(refused_selection(assessment.scenario.name, k))
    return out


def selection_withheld(
    staff: pd.DataFrame, applies_to: Any, min_group_size: int = DEFAULT_MIN_GROUP_SIZE
) -> bool:
    """Whether an ``applies_to`` selection is refused (restriction on the selections offered).

    Refused when it selects 1 to ``min_group_size - 1`` people, or leaves that few out; or
    when one of the values it names holds that few of the selected (a department at a
    site where it has two people); or when dropping one of its conditions adds that few
    (department A at sites S1 and S2, against department A at S1). Such selections differ
    from another selection by a small group, so their totals would give it by difference;
    the check is the same for reports, workbooks, sweeps, the climate account, ``by()`` and
    the explorer, and its message names no count (:func:`refused_selection`).

    Examples
    --------
    >>> staff = pd.DataFrame({"department": ["A"] * 16 + ["B"] * 12,
    ...                       "site_id": ["S1"] * 14 + ["S2"] * 14})
    >>> selection_withheld(staff, {"department": ["A"]})
    False
    >>> selection_withheld(staff, {"department": ["A"], "site_id": ["S1", "S2"]})
    True
    """
    k = check_min_group_size(min_group_size)
    selection = Selection.of(applies_to)
    selection.mask(staff)  # the one rule: an unknown column is an error, as everywhere
    conds = {c: list(selection[c]) for c in selection}
    if not conds:
        return False
    cols = {c: staff[c].astype(str).to_numpy() for c in conds}

    def mask(skip: str | None = None, only: tuple[str, str] | None = None) -> np.ndarray:
        m = np.ones(len(staff), dtype=bool)
        for c, vals in conds.items():
            if c == skip:
                continue
            m &= np.isin(cols[c], [only[1]] if only is not None and only[0] == c else vals)
        return m

    def small(n: int) -> bool:
        return 0 < n < k

    sel = mask()
    n_sel, n = int(sel.sum()), len(staff)
    if small(n_sel) or small(n - n_sel):
        return True
    for c, vals in conds.items():
        if small(int(mask(skip=c).sum()) - n_sel):
            return True
        if len(vals) > 1 and any(small(int(mask(only=(c, v)).sum())) for v in vals):
            return True
    return False


def small_sweep_selections(
    staff: pd.DataFrame, scenarios: Sequence[Any], min_group_size: int = DEFAULT_MIN_GROUP_SIZE
) -> list[str]:
    """Why a sweep of these scenarios would describe fewer than ``min_group_size`` people.

    Checks the workforce and every scenario's ``applies_to`` selection (as
    :func:`small_selections` does for one assessment), before anything is computed.

    Examples
    --------
    >>> from remotecalc import Scenario
    >>> staff = pd.DataFrame({"department": ["A"] * 3 + ["B"] * 9})
    >>> plan = [Scenario(name="a", applies_to={"department": ["A"]})]
    >>> found = small_sweep_selections(staff, plan)
    >>> found == [refused_selection("a")]
    True
    """
    k = check_min_group_size(min_group_size)
    out = []
    n = len(staff)
    if 0 < n < k:
        out.append(f"the workforce has {n} employee(s)")
    for sc in scenarios:
        if sc.applies_to and selection_withheld(staff, sc.applies_to, k):
            out.append(refused_selection(sc.name, k))
    return out


def _keys(frame: pd.DataFrame, cols: Sequence[str]) -> pd.Series:
    """One label per row: the values of ``cols`` as text, joined by " / " (NaN: "nan")."""
    parts = [frame[c].astype(str) for c in cols]
    key = parts[0]
    for p in parts[1:]:
        key = key + _SEP + p
    return key


def _joined(frame: pd.DataFrame, cols: Sequence[str]) -> np.ndarray:
    """``frame[cols].astype(str).agg(" / ".join, axis=1).to_numpy()``: the same labels,
    joined column by column instead of row by row (a missing value fails as it did)."""
    parts = frame[list(cols)].astype(str)
    if len(parts) == 0 or bool(parts.isna().to_numpy().any()):
        out: np.ndarray = parts.agg(_SEP.join, axis=1).to_numpy()
        return out
    return _keys(parts, cols).to_numpy()


def pool_members(
    mask: pd.Series, counts: pd.Series, parent: pd.Series | None, min_group_size: int
) -> list[tuple[str | None, list[Any]]]:
    """The pooled rows a grouping shows for its withheld groups: (parent or None, groups).

    Within a hierarchy, the withheld groups of a parent form one pool when they hold at least
    ``min_group_size`` members; the rest (and all withheld groups of a flat grouping) form one
    pool when it is that large. Groups in no pool are not shown at all.
    """
    withheld = list(mask.index[mask.to_numpy()])
    if not withheld:
        return []
    # one look-up of the withheld groups' counts and parents, then positions (not labels)
    found = counts[withheld]
    fast = len(found) == len(withheld) and found.to_numpy().dtype.kind in "fiu"
    members = found.to_numpy() if fast else None

    def total(pos: list[int]) -> Any:
        # the sum pandas gives (missing values count 0), in the same order
        return np.nansum(members[pos]) if members is not None else found.iloc[pos].sum()

    pools: list[tuple[str | None, list[Any]]] = []
    rest = list(range(len(withheld)))
    if parent is not None:
        of = parent[withheld].tolist()
        by_parent: dict[Any, list[int]] = {}
        for i, p in enumerate(of):
            by_parent.setdefault(p, []).append(i)
        rest = []
        for p in sorted(by_parent):
            pos = by_parent[p]
            if len(pos) >= 2 and total(pos) >= min_group_size:
                pools.append((p, [withheld[i] for i in pos]))
            else:
                rest.extend(pos)
    if rest and total(rest) >= min_group_size:
        pools.append((None, [withheld[i] for i in rest]))
    return pools


#: The last results of :func:`protect`, keyed by everything they depend on (the atoms and
#: their sizes, the groupings, fixed masks, pooling and the minimum size): one assessment's
#: outputs ask for the same protection many times (by(), group tables, climate, sites).
_PROTECT_CACHE: OrderedDict[tuple[Any, ...], dict[tuple[str, ...], pd.Series]] = OrderedDict()
_PROTECT_CACHE_SIZE = 32
_PROTECT_LOCK = threading.Lock()


def protect(
    frame: pd.DataFrame,
    groupings: Sequence[Sequence[str]],
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    *,
    fixed: dict[tuple[str, ...], pd.Series] | None = None,
    pooled: dict[tuple[str, ...], Any] | None = None,
    weight: str | None = None,
) -> dict[tuple[str, ...], pd.Series]:
    """Which groups of each grouping to withhold, so that no output derives a small group.

    Primary and complementary suppression per grouping (:func:`small_group_mask`, within
    parents for a hierarchy), then an audit of everything the groupings publish together
    (shown groups, pooled rows, the grand total) as linear equations over the *atoms* (the
    cross-classification of all grouping columns). A group is derivable when its indicator
    over atoms lies in the span of the published rows' indicators (then and only then some
    linear combination of published values, "total minus these plus those", equals its
    value for every data set). While a small group (primary-suppressed group, or atom, or
    the difference of two nested published rows) is derivable, the smallest shown group that
    takes part in the derivation, in a grouping that is not ``fixed``, is withheld too.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per person with the grouping columns (or per atom, with ``weight``).
    groupings : sequence of sequence of str
        Each a grouping: one column, or a hierarchy (parent columns first).
    min_group_size : int
    fixed : dict, optional
        Grouping -> mask decided elsewhere (kept as is; e.g. sites, decided from
        ``per_site`` alone so that every site output agrees).
    pooled : dict, optional
        Grouping -> whether it publishes pooled rows for withheld groups (default True).
    weight : str, optional
        Column of persons per row.

    Returns
    -------
    dict
        Grouping (tuple of columns) -> boolean Series indexed by group label (values joined
        by " / "), True for groups to withhold.
    """
    k = check_min_group_size(min_group_size)
    tables: list[tuple[str, ...]] = [tuple(g) for g in groupings]
    fixed = {tuple(g): m for g, m in (fixed or {}).items()}
    pooled = {tuple(g): v for g, v in (pooled or {}).items()}
    cols = sorted({c for g in tables for c in g})
    n = frame[weight].to_numpy(dtype=float) if weight else np.ones(len(frame))
    f = frame[cols].astype(str).assign(_n=n)
    atoms = f.groupby(cols, sort=True)["_n"].sum()
    atoms = atoms[atoms > 0]
    adf = atoms.index.to_frame(index=False)
    size = atoms.to_numpy(dtype=float)

    cache_key = (
        k,
        tuple(tables),
        tuple(atoms.index.tolist()),
        size.tobytes(),
        tuple(
            (g, m.name, str(m.dtype), tuple(m.index.tolist()), tuple(m.tolist()))
            for g, m in fixed.items()
            if g in tables
        ),
        tuple(bool(pooled.get(g, True)) for g in tables),
    )
    with _PROTECT_LOCK:
        hit = _PROTECT_CACHE.get(cache_key)
        if hit is not None:
            _PROTECT_CACHE.move_to_end(cache_key)
    if hit is None:
        # per grouping: each atom's group label, the groups' sizes and parents; fixed masks
        info = {}
        start: dict[tuple[str, ...], pd.Series] = {}
        for g in tables:
            key = _keys(adf, g)
            counts = pd.Series(size, index=key.to_numpy()).groupby(level=0, sort=True).sum()
            parent = None
            if len(g) > 1:
                par = pd.Series(_keys(adf, g[:-1]).to_numpy(), index=key.to_numpy())
                parent = par[~par.index.duplicated()].reindex(counts.index)
            info[g] = (key.to_numpy(), counts, parent)
            if g in fixed:
                start[g] = fixed[g].reindex(counts.index, fill_value=False).astype(bool)
        hit = _protect_atoms(tables, info, size, start, pooled, k)
        with _PROTECT_LOCK:
            _PROTECT_CACHE[cache_key] = hit
            while len(_PROTECT_CACHE) > _PROTECT_CACHE_SIZE:
                _PROTECT_CACHE.popitem(last=False)
    return {g: m.copy() for g, m in hit.items()}


def _protect_atoms(
    tables: list[tuple[str, ...]],
    info: dict[tuple[str, ...], tuple[np.ndarray, pd.Series, pd.Series | None]],
    size: np.ndarray,
    start: dict[tuple[str, ...], pd.Series],
    pooled: dict[tuple[str, ...], Any],
    k: int,
) -> dict[tuple[str, ...], pd.Series]:
    """:func:`protect` on the atoms (``info``: per grouping, each atom's group label, the
    groups' sizes and parents; ``start``: the fixed masks)."""
    n_atoms = len(size)
    # per grouping, positions not labels: group of each atom, indicator rows, parents
    labels: dict[tuple[str, ...], list[str]] = {}
    rows_of: dict[tuple[str, ...], np.ndarray] = {}
    cnt: dict[tuple[str, ...], np.ndarray] = {}
    parents: dict[tuple[str, ...], list[Any] | None] = {}
    masks: dict[tuple[str, ...], np.ndarray] = {}
    for g in tables:
        key, counts, parent = info[g]
        labels[g] = counts.index.tolist()
        code = counts.index.get_indexer(pd.Index(key))
        ind = np.zeros((len(counts), n_atoms))
        ind[code, np.arange(n_atoms)] = 1.0
        rows_of[g] = ind  # row i: the indicator over atoms of group i (as np.isin gives it)
        cnt[g] = counts.to_numpy()
        parents[g] = None if parent is None else parent.tolist()
        masks[g] = (
            start[g].to_numpy(dtype=bool).copy()
            if g in start
            else small_group_mask(counts, k, parent).to_numpy(dtype=bool).copy()
        )

    targets = []
    for g in tables:
        for i in np.flatnonzero((cnt[g] > 0) & (cnt[g] < k)):
            targets.append(rows_of[g][i])
    for i in np.flatnonzero(size < k):
        one = np.zeros(n_atoms)
        one[i] = 1.0
        targets.append(one)
    x = np.array(targets).reshape(len(targets), n_atoms)
    repairable = [g for g in tables if g not in start]

    def pools(g: tuple[str, ...]) -> list[list[int]]:
        """:func:`pool_members` of grouping g, as positions."""
        withheld = np.flatnonzero(masks[g]).tolist()
        out: list[list[int]] = []
        par = parents[g]
        if par is not None:
            by_parent: dict[Any, list[int]] = {}
            for i in withheld:
                by_parent.setdefault(par[i], []).append(i)
            rest: list[int] = []
            for p in sorted(by_parent):
                sub = by_parent[p]
                if len(sub) >= 2 and cnt[g][sub].sum() >= k:
                    out.append(sub)
                else:
                    rest.extend(sub)
            withheld = rest
        if withheld and cnt[g][withheld].sum() >= k:
            out.append(withheld)
        return out

    for _ in range(sum(len(cnt[g]) for g in tables) + 1):
        blocks = [np.ones((1, n_atoms))]
        owner: list[tuple[tuple[str, ...], str] | None] = [None]
        where: dict[tuple[tuple[str, ...], str], int] = {}
        row: dict[tuple[tuple[str, ...], str], int] = {}
        for g in tables:
            shown = np.flatnonzero(~masks[g] & (cnt[g] > 0))
            blocks.append(rows_of[g][shown])
            for gi in shown.tolist():
                where[(g, labels[g][gi])] = gi
                row[(g, labels[g][gi])] = len(owner)
                owner.append((g, labels[g][gi]))
            if pooled.get(g, True):
                for sub in pools(g):
                    blocks.append(rows_of[g][sub].sum(axis=0, keepdims=True))
                    owner.append(None)
        a = np.concatenate(blocks)
        found = _derivation(a, x, size, k)
        if found is None:
            break
        culprit, target = found
        owned = [(i, o) for i in culprit if (o := owner[i]) is not None]
        cand: list[tuple[float, str, tuple[tuple[str, ...], str]]] = [
            (float(size @ a[i]), str(o[1]), o) for i, o in owned if o[0] in repairable
        ]
        if not cand:  # the derivation uses only pools, totals, fixed groupings
            cand = [
                (float(cnt[g][i]), str(labels[g][i]), (g, labels[g][i]))
                for g in repairable
                for i in np.flatnonzero(~masks[g] & (cnt[g] > 0)).tolist()
            ]
        if not cand:
            break
        cand.sort()
        choice = cand[0][2]
        if target is not None:  # the smallest whose withholding breaks it
            tried = [own for _size, _lab, own in cand[:20]]
            first = _first_unspanned(a, target, [row.get(own) for own in tried])
            if first is not None:
                choice = tried[first]
        g, lab = choice
        masks[g][where[choice] if choice in where else labels[g].index(lab)] = True
    return {
        g: start[g] if g in start else pd.Series(masks[g], index=info[g][1].index) for g in tables
    }


def _in_span(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Whether each row of ``x`` is a linear combination of the rows of ``a``."""
    _, s, vt = np.linalg.svd(a, full_matrices=False)
    basis = vt[s > s.max() * max(a.shape) * 1e-12]
    resid = x - (x @ basis.T) @ basis
    out: np.ndarray = np.abs(resid).max(axis=-1) < 1e-8
    return out


def _first_unspanned(a: np.ndarray, target: np.ndarray, rows: list[int | None]) -> int | None:
    """The first of ``rows`` (rows of ``a``) without which ``target``, a combination of the
    rows of ``a``, is no longer one: what ``not _in_span(np.delete(a, r, 0), target)``
    decides for each ``r`` in turn (None: no row is; a row None is not in ``a``).

    One SVD of ``a`` instead of one per row. Row r is redundant (a combination of the
    others, so leaving it out changes no span) when the unit vector e_r has a component
    outside the column space of ``a``: ``1 - |U[r]|^2 > 0``. Otherwise ``z_r = pinv(a) e_r``
    is orthogonal to every other row and has ``a[r] @ z_r = 1``, so target's residual
    against the other rows is ``(target @ z_r) z_r / |z_r|^2``, which :func:`_in_span`
    compares (largest absolute element) with 1e-8. Where a quantity is within two orders of
    magnitude of its threshold, or ``a`` has a singular value near the rank cut-off, the
    row is decided by :func:`_in_span` itself, so the answer is the same.
    """
    if all(r is None for r in rows):
        return None
    m = len(a)

    def exact(r: int) -> bool:
        keep = [i for i in range(m) if i != r]
        return not bool(_in_span(a[keep], target))

    u, s, vt = np.linalg.svd(a, full_matrices=False)
    cut = s.max() * max(a.shape) * 1e-12
    live = s > cut
    clean = not bool(np.any((s > cut * 1e-4) & (s < cut * 1e4)))
    ul, sl, vl = u[:, live], s[live], vt[live]
    outside = 1.0 - (ul**2).sum(axis=1)  # |e_r's part off the column space|^2, per row
    z = vl.T @ (ul / sl).T  # column r: pinv(a) e_r
    c = target @ z
    with np.errstate(divide="ignore", invalid="ignore"):  # z_r = 0 only for a zero row
        resid = np.abs(c) * np.abs(z).max(axis=0, initial=0.0) / (z**2).sum(axis=0)
    for j, r in enumerate(rows):
        if r is None:
            continue
        if clean and outside[r] > 1e-6:
            continue  # redundant: target stays in the span
        if clean and outside[r] < 1e-9 and resid[r] > 1e-6:
            return j
        if clean and outside[r] < 1e-9 and resid[r] < 1e-10:
            continue
        if exact(r):
            return j
    return None


def _derivation(
    a: np.ndarray, x: np.ndarray, size: np.ndarray, k: int
) -> tuple[list[int], np.ndarray | None] | None:
    """(published rows that derive a small group, the group) or None when none can be."""
    if len(x):
        hit = np.flatnonzero(_in_span(a, x))
        if len(hit):
            coef = np.linalg.lstsq(a.T, x[hit[0]], rcond=None)[0]
            return list(np.flatnonzero(np.abs(coef) > 1e-9)), x[hit[0]]
    # the difference of two nested published rows that holds fewer than k people
    inter = a @ a.T
    inside = np.isclose(inter, a.sum(axis=1)[None, :])  # [p, q]: row q inside row p
    persons = a @ size
    diff = persons[:, None] - persons[None, :]
    bad = np.argwhere(inside & (diff > 1e-9) & (diff < k - 1e-9))
    if len(bad):
        p, q = bad[0]
        return [int(p), int(q)], None
    return None


def withheld(
    frame: pd.DataFrame,
    by: Sequence[str],
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    *,
    site_counts: pd.Series | None = None,
    extra: Sequence[Sequence[str]] = (),
    weight: str | None = None,
) -> dict[tuple[str, ...], pd.Series]:
    """Withheld groups of ``by`` (and of ``extra``), protected with the standard groupings.

    The standard groupings (:data:`STANDARD_GROUPINGS` present in ``frame``) are protected
    together first, sites decided by :func:`site_mask` alone; a grouping that is not
    standard (``by`` or ``extra``) is then protected against all of them, withholding only
    its own groups. So every output of an assessment suppresses the same department, unit
    and site groups, whichever of them it shows.

    Returns
    -------
    dict
        Grouping -> mask (see :func:`protect`); holds ``tuple(by)``.
    """
    k = check_min_group_size(min_group_size)
    cols = set(frame.columns)
    std = [g for g in STANDARD_GROUPINGS if set(g) <= cols]
    fixed: dict[tuple[str, ...], pd.Series] = {}
    if ("site_id",) in std:
        counts = (
            site_counts
            if site_counts is not None
            else pd.Series(
                frame[weight].to_numpy(dtype=float) if weight else 1.0,
                index=frame["site_id"].astype(str).to_numpy(),
            )
            .groupby(level=0)
            .sum()
        )
        fixed[("site_id",)] = site_mask(counts, k)
    masks = protect(frame, std, k, fixed=fixed, weight=weight) if std else {}
    others = [tuple(g) for g in [tuple(by), *extra] if tuple(g) not in std]
    if others:
        masks = protect(frame, [*std, *others], k, fixed=masks, weight=weight)
    return masks


def site_mask(employees: pd.Series, min_group_size: int = DEFAULT_MIN_GROUP_SIZE) -> pd.Series:
    """Which sites to withhold, from employees per site (index: site id) alone.

    Sorted by site id first, so that every output of the same sites decides alike.
    """
    e = employees.copy()
    e.index = e.index.astype(str)
    e = e.groupby(level=0, sort=True).sum()
    return small_group_mask(e, min_group_size)


def savings(per_employee: pd.DataFrame, metric: str) -> pd.Series:
    """What each employee saves under the scenario: minus the change of ``metric``.

    The per-employee quantity that group outputs (:func:`group_summary`,
    :func:`remotecalc.outputs.boundaries.by_municipality`) add up; it is never shown per employee.

    Parameters
    ----------
    per_employee : pandas.DataFrame
        ``Assessment.per_employee`` (needs ``<metric>_change``).
    metric : str
        A metric of :data:`remotecalc.evaluation.entry.METRICS` (``commute_hours``,
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
    published: Sequence[Sequence[str]] = (),
    exact: bool = False,
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
    published : sequence of sequence of str, optional
        Every grouping published beside this one (a report's tables by department, then by
        department and unit, ...), ``by`` among them: the withheld groups are decided for
        all of them together (:func:`withheld`), so that no table, subtracted from another,
        gives a withheld group. Pass the same list for each of the tables.
    exact : bool, default False
        Exact totals (the analyst's own view); by default every row is published through
        :func:`publish_groups` (cell-key noise on values and counts).

    Returns
    -------
    pandas.DataFrame
        One row per shown group or pool: ``group`` (label; levels joined with " / "),
        ``employees`` [persons], ``groups_pooled`` (0 for a real group), ``hours_saved``
        [h/yr, mean per employee], ``money_saved`` [currency/yr, mean per employee],
        ``co2e_saved_t`` [t CO2e/yr, total of the group's travel and home CO2e],
        ``share_no_home_day`` [share of employees whose on-site days do not fall].
        No row names or describes a group under ``min_group_size``; values and counts carry
        the cells' noise (:func:`publish_groups`) unless ``exact``.

    Examples
    --------
    >>> e = pd.DataFrame({"dept": ["A"] * 3 + ["B"] * 6 + ["C"] * 7,
    ...                   "commute_hours_change": -1.0, "employee_net_cost_change": -10.0,
    ...                   "employee_co2e_kg_change": -5.0, "home_days_change": 1.0})
    >>> g = group_summary(e, "dept", exact=True)
    >>> g["group"].tolist(), g["employees"].tolist()
    (['C', 'Other (2 groups pooled)'], [7, 9])
    """
    check_lang(lang)
    by = [by] if isinstance(by, str) else list(by)
    e = per_employee
    missing = [c for c in by if c not in e.columns]
    if missing:
        raise KeyError(f"no column(s) {missing} in per_employee")
    key = _joined(e, by) if len(by) > 1 else e[by[0]].astype(str).to_numpy()
    frame = pd.DataFrame(
        {
            "key": key,
            "parent": _joined(e, by[:-1]) if len(by) > 1 else "",
            # the changes (published with the noise every output gives them), then savings
            "commute_hours_change": (
                e["commute_hours_change"].to_numpy(float) if "commute_hours_change" in e else 0.0
            ),
            "employee_net_cost_change": (
                e["employee_net_cost_change"].to_numpy(float)
                if "employee_net_cost_change" in e
                else 0.0
            ),
            "employee_co2e_kg_change": (
                e["employee_co2e_kg_change"].to_numpy(float)
                if "employee_co2e_kg_change" in e
                else 0.0
            ),
            "no_gain": (~gains_home_days(e)).to_numpy(dtype=float),
        }
    )
    g = frame.groupby("key", sort=True)
    table = pd.DataFrame({"parent": g["parent"].first(), "employees": g.size()})
    k = check_min_group_size(min_group_size)
    together = [list(g) for g in published]
    if together and by not in together:
        raise ValueError(f"published={together} must hold by={by}")
    masks = withheld(e, together[0], k, extra=together[1:]) if together else withheld(e, by, k)
    mask = masks[tuple(by)].reindex(table.index, fill_value=False)
    # the label each employee is published under: the group, a pool's label, or none
    shown_labels = list(table.index[~mask.to_numpy()])
    label_of = {lab: lab for lab in shown_labels}
    pool_sizes = {}
    parent = table["parent"] if len(by) > 1 else None
    for par, members in pool_members(mask, table["employees"], parent, k):
        label = (
            t("other_groups", lang, n=len(members))
            if par is None
            else t("other_in_parent", lang, parent=par, n=len(members))
        )
        label_of.update({m: label for m in members})
        pool_sizes[label] = len(members)
    labels = frame["key"].map(label_of)
    secret = disclosure_secret(e)
    changes = ["commute_hours_change", "employee_net_cost_change", "employee_co2e_kg_change"]
    pub = publish_groups(
        frame[[*changes, "no_gain"]],
        labels.to_numpy(),
        k,
        keys=record_keys(e, secret),
        secret=secret,
        exact=exact,
    )
    pub["hours"] = -pub["commute_hours_change"]
    pub["money"] = -pub["employee_net_cost_change"]
    pub["co2e"] = -pub["employee_co2e_kg_change"] / 1000.0
    pub = pub.reindex([*shown_labels, *pool_sizes])
    n = pub["employees"].astype(float)
    result = pd.DataFrame(
        {
            "group": list(pub.index),
            "employees": pub["employees"].astype(int).to_numpy(),
            "groups_pooled": [pool_sizes.get(lab, 0) for lab in pub.index],
            "hours_saved": (pub["hours"] / n).to_numpy(),
            "money_saved": (pub["money"] / n).to_numpy(),
            "co2e_saved_t": pub["co2e"].to_numpy(),
            "share_no_home_day": (pub["no_gain"] / n).clip(0.0, 1.0).to_numpy(),
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
    k = check_min_group_size(min_group_size)
    ids = s["site_id"].astype(str)
    by_id = site_mask(pd.Series(s["employees"].to_numpy(), index=ids.to_numpy()), k)
    mask = ids.map(by_id).fillna(False).to_numpy(dtype=bool)
    if not mask.any():
        return withhold_desk_groups(s.reset_index(drop=True), k)
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
    return withhold_desk_groups(pd.concat([s[~mask], pd.DataFrame([pool])], ignore_index=True), k)


def publish_sites(
    per_site: pd.DataFrame,
    per_employee: pd.DataFrame,
    parameters: Any,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    *,
    keys: np.ndarray | None = None,
    secret: bytes | None = None,
) -> pd.DataFrame:
    """``Assessment.per_site`` with the values that are sums over people published.

    A site's attendee-days (person-days on site of the staff whose attendance drives its
    desks) are a sum over people, and so are the office costs and CO₂e that follow them
    (per attendee-day). Unprotected, a site's change under a scenario that reaches two of
    its people is those two people's change, and the same site under two scenarios differs
    by a small group. They are published like every other sum (:func:`publish_groups`, one
    cell per site, keyed on its people): the change of the attendee-days gets cell-key
    noise (a change with 1 to k-1 contributors is withheld: NaN), today's stay exact (the
    same in every scenario; see the code), the scenario is today's plus the change, and the
    occupancy cost and the occupancy electricity's CO₂e
    are recomputed from the published attendee-days (the engine's per-attendee-day
    figures); the rest of the office cost and CO₂e (area, seats) is not a sum over people
    and stays. Desks, area and the peak weekday are quantiles and attributes: unchanged
    here (small sites are pooled and small desk groups withheld by :func:`pool_sites`).

    Parameters
    ----------
    per_site, per_employee : pandas.DataFrame
        ``Assessment.per_site`` and ``Assessment.per_employee`` of the same assessment.
    parameters : Parameters
        Its parameter set (``office.occupancy_cost_per_attendee_day``,
        ``office.occupancy_electricity_kwh_per_attendee_day``,
        ``energy.electricity_co2e_kg_per_kwh``).
    min_group_size : int
    keys, secret : optional
        :func:`record_keys` and :func:`disclosure_secret` of ``per_employee``.

    Returns
    -------
    pandas.DataFrame
        The same rows and columns, attendance-driven values published. Where the
        per-employee days do not add up to the site table's attendee-days (a table from
        elsewhere), those values are withheld instead.
    """
    att = ("attendee_days_baseline", "attendee_days_scenario", "attendee_days_change")
    if not set(att) <= set(per_site.columns) or "site_id" not in per_employee.columns:
        return per_site
    k = check_min_group_size(min_group_size)
    e = per_employee
    secret = disclosure_secret(e) if secret is None else secret
    keys = record_keys(e, secret) if keys is None else keys
    drives = next((c for c in ("desk_effect", "desk_based") if c in e.columns), None)
    on = e[drives].astype(bool).to_numpy() if drives else np.ones(len(e), dtype=bool)
    labels = e["site_id"].astype(str).to_numpy(dtype=object).copy()
    labels[~on] = None  # staff whose attendance drives no desks: in no site cell
    days = e[["onsite_days_baseline", "onsite_days_change"]].astype(float)
    ids = per_site["site_id"].astype(str)
    exact = publish_groups(days, labels, k, keys=keys, secret=secret, exact=True)
    pub = publish_groups(days, labels, k, keys=keys, secret=secret)

    def at(frame: pd.DataFrame, col: str) -> np.ndarray:
        return np.asarray(frame[col].reindex(ids.to_numpy()).fillna(0.0), dtype=float)

    s = per_site.copy()
    a_b = s["attendee_days_baseline"].to_numpy(dtype=float)
    a_c = s["attendee_days_change"].to_numpy(dtype=float)
    adds_up = np.allclose(at(exact, "onsite_days_baseline"), a_b, rtol=1e-9, atol=1e-6)
    adds_up &= np.allclose(at(exact, "onsite_days_change"), a_c, rtol=1e-9, atol=1e-6)
    nan = np.full(len(s), np.nan)
    # today's attendee-days stay exact: today is the same in every scenario and selection
    # (nothing to difference it against but the fixed partition of sites, whose small sites
    # are pooled), and the seat cost, which holds today's attendance-driven cleaning and
    # plug loads, would give it back anyway
    p_b = a_b if adds_up else nan
    # a withheld change (NaN) stays withheld; a site with no such staff publishes 0
    p_c = (
        np.asarray(pub["onsite_days_change"].reindex(ids.to_numpy()), dtype=float)
        if adds_up
        else nan
    )
    p_c = np.where(ids.isin(pub.index).to_numpy(), p_c, 0.0) if adds_up else p_c
    cost_per_day = float(parameters["office.occupancy_cost_per_attendee_day"])
    co2_per_day = float(parameters["office.occupancy_electricity_kwh_per_attendee_day"]) * float(
        parameters["energy.electricity_co2e_kg_per_kwh"]
    )
    published = {"baseline": p_b, "scenario": p_b + p_c}
    for st, a_new in published.items():
        a_old = s[f"attendee_days_{st}"].to_numpy(dtype=float)
        s[f"attendee_days_{st}"] = a_new
        if f"occupancy_cost_{st}" in s.columns:
            occ_old = s[f"occupancy_cost_{st}"].to_numpy(dtype=float)
            occ_new = a_new * cost_per_day
            s[f"occupancy_cost_{st}"] = occ_new
            if f"office_cost_{st}" in s.columns:
                s[f"office_cost_{st}"] = s[f"office_cost_{st}"].to_numpy(float) - occ_old + occ_new
        if f"office_co2e_kg_{st}" in s.columns:
            s[f"office_co2e_kg_{st}"] = (
                s[f"office_co2e_kg_{st}"].to_numpy(float) + (a_new - a_old) * co2_per_day
            )
    for m in ("attendee_days", "occupancy_cost", "office_cost", "office_co2e_kg"):
        if f"{m}_change" in s.columns:
            s[f"{m}_change"] = s[f"{m}_scenario"] - s[f"{m}_baseline"]
    return s


#: Columns of ``Assessment.per_site`` that describe a site, not its staff: never withheld.
SITE_ATTRIBUTE_COLUMNS: tuple[str, ...] = (
    "site_id",
    "site_name",
    "site_type",
    "label",
    "employees",
    "desks_today",
    "area_today_m2",
    "sites_pooled",
    "desk_effects_withheld",
)


def desk_group_masks(
    sites: pd.DataFrame, min_group_size: int = DEFAULT_MIN_GROUP_SIZE
) -> tuple[np.ndarray, np.ndarray]:
    """Which rows' desk counts, and which rows' desk results, to withhold
    (:func:`withhold_desk_groups`).

    Returns
    -------
    counts, desk : numpy.ndarray of bool
        ``counts``: the desk-based or the frontline part is small (or a complement);
        ``desk``: the desk-based part is (the rows whose desk results are withheld).
    """
    k = check_min_group_size(min_group_size)
    desk = pd.Series(sites["desk_employees"].to_numpy(dtype=float))
    front = (
        pd.Series(sites["no_desk_effect_employees"].to_numpy(dtype=float))
        if "no_desk_effect_employees" in sites.columns
        else pd.Series(sites["employees"].to_numpy(dtype=float)) - desk
    )
    desk_small = small_group_mask(desk, k).to_numpy(dtype=bool)
    return desk_small | small_group_mask(front, k).to_numpy(dtype=bool), desk_small


def withhold_desk_groups(
    sites: pd.DataFrame, min_group_size: int = DEFAULT_MIN_GROUP_SIZE
) -> pd.DataFrame:
    """Withhold a site's desk results where its desk-based or frontline staff are too few.

    A site's staff split into those desks concern (``desk_employees``) and frontline staff
    (``no_desk_effect_employees``); each part is a group. Where either part of a shown row
    has 1 to ``min_group_size - 1`` people (or is withheld as a complement, by
    :func:`small_group_mask` over the rows, so that the total minus the rows shown does not
    give it back), both counts are withheld (either gives the other from ``employees``).
    Where the desk-based part is withheld, every result computed from their attendance
    (desks needed, area, attendee-days, office cost and CO₂e, peak weekday, service level)
    is withheld too. Withheld cells are NaN; ``desk_effects_withheld`` marks those rows.
    Site attributes (``employees``, desks and area today) stay.

    Parameters
    ----------
    sites : pandas.DataFrame
        Per-site rows (after :func:`pool_sites` pooled small sites).
    min_group_size : int, default :data:`DEFAULT_MIN_GROUP_SIZE`
        Smallest group shown. [persons]

    Returns
    -------
    pandas.DataFrame
        The same rows; a copy with the cells withheld and a bool column
        ``desk_effects_withheld`` (only when ``desk_employees`` is a column).

    Examples
    --------
    >>> s = pd.DataFrame({"site_id": ["A", "B"], "employees": [40, 30],
    ...                   "desk_employees": [38, 30], "no_desk_effect_employees": [2, 0],
    ...                   "desks_needed_scenario": [25.0, 20.0]})
    >>> withhold_desk_groups(s)[["desk_employees", "desks_needed_scenario",
    ...                          "desk_effects_withheld"]]
       desk_employees  desks_needed_scenario  desk_effects_withheld
    0             NaN                   25.0                   True
    1            30.0                   20.0                  False
    """
    if "desk_employees" not in sites.columns:
        return sites
    s = sites.copy()
    counts, desk_small = desk_group_masks(s, min_group_size)
    for c in ("desk_employees", "no_desk_effect_employees"):
        if c in s.columns:
            s[c] = s[c].astype(float).where(~counts)
    derived = [
        c
        for c in s.columns
        if c not in SITE_ATTRIBUTE_COLUMNS
        and c not in ("desk_employees", "no_desk_effect_employees")
    ]
    for c in derived:
        s[c] = (
            s[c].where(~desk_small)
            if pd.api.types.is_numeric_dtype(s[c])
            else s[c].where(~desk_small, None)
        )
    s["desk_effects_withheld"] = counts
    return s


def pool_purposes(
    table: pd.DataFrame,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    *,
    selection: bool = False,
) -> pd.DataFrame:
    """Work travel by purpose, with purposes of too few travellers pooled.

    Purposes are not a partition of the staff (one person travels for several), so each
    purpose is a group of its travellers: a purpose with fewer than ``min_group_size``
    travellers is withheld, with complements so that the total minus the shown purposes
    does not reveal it (:func:`small_group_mask`); withheld purposes are added up in one
    unnamed row (``purpose`` NA, ``withheld`` True).

    The pooled row shows no scenario values (``*_scenario`` NaN): with its today's values
    and the published replaceable share of each purpose, they would give each pooled
    purpose back (two equations, two purposes; issue 25). Under a scenario with an
    ``applies_to`` selection (``selection=True``) no row shows scenario values: a purpose's
    change is then the change of its *selected* travellers, who may be fewer than
    ``min_group_size`` (one traveller of a department), and the tables of two selections
    differ by a small group. These values are not built from per-employee contributions,
    so the cell-key method cannot perturb them (docs/privacy.md, "Limits").

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`remotecalc.model.engine.work_travel_by_purpose` (index ``purpose``, a
        ``travellers`` column and additive value columns).
    min_group_size : int

    Returns
    -------
    pandas.DataFrame
        Columns ``purpose``, ``withheld``, ``purposes_pooled`` and those of ``table``;
        purposes without travellers are left out.

    Examples
    --------
    >>> t = pd.DataFrame({"travellers": [40, 2, 9, 0], "km_baseline": [1e4, 50.0, 800.0, 0.0]},
    ...                  index=pd.Index(["meeting", "course", "inspection", "other"],
    ...                                 name="purpose"))
    >>> p = pool_purposes(t, 5)
    >>> p["purpose"].tolist(), p["km_baseline"].tolist()
    (['meeting', <NA>], [10000.0, 850.0])
    """
    k = check_min_group_size(min_group_size)
    t = table[table["travellers"] > 0]
    mask = small_group_mask(t["travellers"], k)
    shown = t[~mask].reset_index()
    shown.insert(1, "withheld", False)
    shown.insert(2, "purposes_pooled", 0)
    shown["purpose"] = shown["purpose"].astype("string")
    scenario_cols = [c for c in t.columns if str(c).endswith("_scenario")]
    if selection:
        shown[scenario_cols] = np.nan
    if mask.any():
        pooled = t[mask].sum(numeric_only=True).to_frame().T
        pooled[scenario_cols] = np.nan
        pooled.insert(0, "purpose", pd.Series([pd.NA], dtype="string"))
        pooled.insert(1, "withheld", True)
        pooled.insert(2, "purposes_pooled", int(mask.sum()))
        shown = pd.concat([shown, pooled], ignore_index=True)
    return shown.astype({"travellers": int, "purposes_pooled": int, "withheld": bool})


# ------------------------------------------------------------------------------------------
# Cell-key perturbation: what every published group value and total goes through
# ------------------------------------------------------------------------------------------

#: Magnitude noise, as shares of the cell's scale ``T`` (the largest absolute total any
#: group of fewer than ``min_group_size`` of its contributors can have,
#: :func:`top_contributions`): a published value is the exact one plus ``u × T``, ``u``
#: uniform between these two shares (docs/privacy.md). What bounds differencing is the
#: highest density of the noise, ``1 / ((hi - lo) × T)``: a difference of two cells isolating
#: a small group G lands within 10 % of G with probability at most
#: ``0.2 |G| / ((hi - lo) × T) <= 5 %``, and the mean of two independent derivations within
#: 10 % with probability at most 10 %. For that density the uniform centred on zero has the
#: smallest mean error (``T`` here; the former ``± U[0.5, 2.5] × T`` had ``1.5 T``). [-]
NOISE_SHARE: tuple[float, float] = (-2.0, 2.0)

#: How many of a cell's largest absolute contributions of each sign the noise is scaled to
#: (None: all but one of the minimum group size, so that the scale bounds every small
#: group's total).
TOP_CONTRIBUTORS: int | None = None

#: Count noise: a published count is the exact one plus one of these (and never under
#: ``min_group_size`` for a shown cell). [persons]
COUNT_NOISE: tuple[int, ...] = (-2, -1, 0, 1, 2)

#: Environment variable holding an organisation's own secret: with it, every release of the
#: same staff gets the same record keys (otherwise the secret is derived from the staff data).
SECRET_ENV: str = "REMOTECALC_DISCLOSURE_SECRET"

#: Columns of a per-employee frame that are results (not the staff file): left out of the
#: secret, so that every scenario and parameter set of the same staff shares the record keys.
_RESULT_SUFFIXES = ("_baseline", "_scenario", "_change")
_RESULT_COLUMNS = ("policy_applies", "desk_effect", "desk_based", "distance_source")
_KEY_BITS = 32
_KEY_MOD = 1 << _KEY_BITS


def disclosure_secret(per_employee: pd.DataFrame) -> bytes:
    """The secret the record keys are derived from (16 bytes; never output).

    The environment variable :data:`SECRET_ENV` when set (an organisation keeps one secret
    for all its releases), else a SHA-256 digest of the staff columns of ``per_employee``
    (every column that is not a result: ids, organisation, distances, today's on-site days),
    which readers of the outputs do not hold. The same staff file gives the same secret in
    every scenario, parameter set and run (bit-identical reruns).
    """
    import hashlib
    import os

    env = os.environ.get(SECRET_ENV, "")
    if env:
        return hashlib.sha256(env.encode("utf-8")).digest()[:16]
    cols = [
        c
        for c in per_employee.columns
        if not str(c).endswith(_RESULT_SUFFIXES) and c not in _RESULT_COLUMNS
    ]
    h = hashlib.sha256(f"remotecalc-cell-key|{len(per_employee)}|{cols}".encode())
    if cols:
        if per_employee.columns.is_unique and per_employee.columns.nlevels == 1:
            row_hashes = _staff_row_hashes(per_employee, cols)
        else:  # repeated or multi-level column names: the frame-wide route, as always
            frame = per_employee[cols]
            frame = frame.astype(
                {c: (float if pd.api.types.is_numeric_dtype(frame[c]) else str) for c in cols}
            )
            row_hashes = pd.util.hash_pandas_object(frame, index=False).to_numpy()
        h.update(row_hashes.tobytes())
    return h.digest()[:16]


def _staff_row_hashes(per_employee: pd.DataFrame, cols: list[Any]) -> np.ndarray:
    """``pandas.util.hash_pandas_object(frame, index=False)`` of ``per_employee[cols]`` with
    numeric columns as float and the others as ``str``, column by column: the same uint64
    per row, without building the converted frame (its ``astype`` and the frame-wide hash
    cost ~10 ms on 500 staff, called several times per assessment).

    A column already of the target dtype is hashed as it is (``astype`` would copy it);
    an Arrow-backed string column is hashed as it is too when ``str`` is Arrow-backed:
    its hash reads only the Arrow data (missing values hash alike whatever their
    ``na_value``). The per-column hashes are combined as pandas combines a frame's
    (CPython's tuple hash, ``pandas.core.util.hashing.combine_hash_arrays``);
    tests/test_t22out_pinned.py checks the digest against the frame-wide route.
    """
    hashes: list[np.ndarray] = []
    for c in cols:
        col = per_employee[c]
        if pd.api.types.is_numeric_dtype(col.dtype):
            if col.dtype != np.float64:
                col = col.astype(float)
            hashes.append(pd.util.hash_array(col.to_numpy()))
        else:
            if not (col.dtype == _STR_DTYPE or _same_arrow_strings(col.dtype)):
                col = col.astype(str)
            hashes.append(pd.util.hash_array(col.array))
    # CPython's tuple hash over the columns, as pandas combines a frame's column hashes
    n_items = len(hashes)
    mult = np.uint64(1000003)
    out = np.zeros_like(hashes[0]) + np.uint64(0x345678)
    for i, a in enumerate(hashes):
        inverse_i = n_items - i
        out ^= a
        out *= mult
        mult += np.uint64(82520 + inverse_i + inverse_i)
    out += np.uint64(97531)
    return out


#: The dtype ``astype(str)`` gives (pandas 3: the default string dtype).
_STR_DTYPE = pd.Series([], dtype=object).astype(str).dtype


def _same_arrow_strings(dtype: Any) -> bool:
    """Whether a column of ``dtype`` hashes as its ``astype(str)`` does without converting:
    both Arrow-backed strings (their hash reads only the Arrow data and maps a missing value
    to the same number whatever the ``na_value``)."""
    return (
        isinstance(dtype, pd.StringDtype)
        and dtype.storage == "pyarrow"
        and isinstance(_STR_DTYPE, pd.StringDtype)
        and _STR_DTYPE.storage == "pyarrow"
    )


def record_keys(per_employee: pd.DataFrame, secret: bytes | None = None) -> np.ndarray:
    """Each employee's record key: a fixed pseudo-random whole number in [0, 2**32).

    Derived from the secret (:func:`disclosure_secret`) and the employee's id (column
    ``employee_id``, else the row's index label) by a keyed hash (SipHash), so the same
    person has the same key in every output of the same staff; keys are never output.

    Returns
    -------
    numpy.ndarray of int64
    """
    secret = disclosure_secret(per_employee) if secret is None else secret
    ids = (
        per_employee["employee_id"].astype(str)
        if "employee_id" in per_employee.columns
        else pd.Series(per_employee.index.astype(str))
    )
    # hash_pandas_object(ids, index=False) is hash_array of its values (without the Series)
    hashed = pd.util.hash_array(ids.array, hash_key=secret.hex()[:16]).astype(np.uint64, copy=False)
    return (hashed >> np.uint64(64 - _KEY_BITS)).astype(np.int64)


def _cell_sums(keys: np.ndarray, codes: np.ndarray, n_cells: int) -> np.ndarray:
    """Sum of the record keys per cell, mod 2**32 (the cell keys), exact in int64."""
    out = np.zeros(n_cells, dtype=np.int64)
    ok = codes >= 0
    np.add.at(out, codes[ok], keys[ok])
    return out % _KEY_MOD


def _uniforms(secret: bytes, cell_keys: np.ndarray, sizes: np.ndarray, purpose: str) -> np.ndarray:
    """A uniform number in [0, 1) per cell from its key, size and what is perturbed.

    A keyed hash (BLAKE2b) of (purpose, cell key, contributors): the same set of people
    and the same quantity give the same number in every output; different sets give
    independent ones. One hash per cell (cells are few), never per employee.
    """
    import hashlib

    out = np.empty(len(cell_keys))
    for i, (c, n) in enumerate(zip(cell_keys.tolist(), sizes.tolist(), strict=True)):
        d = hashlib.blake2b(f"{purpose}|{c}|{n}".encode(), key=secret, digest_size=8).digest()
        out[i] = int.from_bytes(d, "big") / 2.0**64
    return out


def top_contributions(
    values: np.ndarray, codes: np.ndarray, n_cells: int, n_top: int
) -> np.ndarray:
    """Per cell, the largest absolute total a group of at most ``n_top`` of its members can
    have: the larger of the sum of its ``n_top`` largest positive contributions and the
    sum of its ``n_top`` largest negative ones (in size).

    A group's total is its positive part plus its negative part, each no larger in size than
    these, so no group of at most ``n_top`` members of the cell has a total larger in size:
    it is the noise scale that protects every group under the minimum size.

    Examples
    --------
    >>> top_contributions(np.array([5.0, 3.0, 1.0, -4.0]), np.zeros(4, dtype=int), 1, 2)
    array([8.])
    """
    x = np.asarray(values, dtype=float)
    out = np.zeros(n_cells)
    for sign in (1.0, -1.0):
        a = sign * x
        ok = (codes >= 0) & (a > 0)
        c, a = codes[ok], a[ok]
        order = np.lexsort((-a, c))
        c, a = c[order], a[order]
        start = np.r_[0, np.flatnonzero(np.diff(c)) + 1] if len(c) else np.zeros(0, dtype=int)
        rank = np.arange(len(c)) - np.repeat(start, np.diff(np.r_[start, len(c)]))
        top = rank < n_top
        out = np.maximum(out, np.bincount(c[top], weights=a[top], minlength=n_cells))
    return out


def magnitude_noise(
    values: np.ndarray,
    codes: np.ndarray,
    n_cells: int,
    keys: np.ndarray,
    secret: bytes,
    purpose: str,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> np.ndarray:
    """The noise added to each cell's total of ``values`` (cell-key method, magnitudes).

    A cell's contributors are its members with a non-zero value; its key is the sum of their
    record keys mod 2**32. The noise is ``u × T``: ``T`` the largest absolute total a group
    of fewer than ``min_group_size`` contributors can have (:func:`top_contributions`),
    ``u`` uniform between the shares :data:`NOISE_SHARE` (-2 and 2), drawn from the cell key
    (:func:`_uniforms`), so the same contributors and quantity always get the same noise.

    Guarantee: the noise's density is at most ``1 / (4 T)`` and noise of cells with
    different contributors is independent, so a published cell, a difference of two cells
    or the mean of two derivations lands within 10 % of the value of a group of fewer than
    ``min_group_size`` contributors with probability at most 5 %, 5 % and 10 %
    (docs/privacy.md).

    Parameters
    ----------
    values : numpy.ndarray
        Per-employee contributions (any unit).
    codes : numpy.ndarray of int
        Cell of each employee (0 .. n_cells-1; -1: in no cell).
    n_cells : int
    keys : numpy.ndarray
        :func:`record_keys`.
    secret : bytes
        :func:`disclosure_secret`.
    purpose : str
        What is perturbed (a metric and state): different quantities get independent noise.
    min_group_size : int

    Returns
    -------
    numpy.ndarray
        Noise per cell, in the unit of ``values``.
    """
    k = check_min_group_size(min_group_size)
    x = np.asarray(values, dtype=float)
    live = np.where((codes >= 0) & (x != 0) & np.isfinite(x), codes, -1)
    ck = _cell_sums(keys, live, n_cells)
    size = np.bincount(live[live >= 0], minlength=n_cells)
    u = _uniforms(secret, ck, size, purpose)
    lo, hi = NOISE_SHARE
    n_top = k - 1 if TOP_CONTRIBUTORS is None else TOP_CONTRIBUTORS
    scale = top_contributions(np.nan_to_num(x), live, n_cells, n_top)
    noise: np.ndarray = (lo + (hi - lo) * u) * scale
    return noise


def _whole_noise(
    x: np.ndarray, keys: np.ndarray, secret: bytes, purposes: Sequence[str], min_group_size: int
) -> np.ndarray:
    """The noise of the total of everyone of each column of ``x`` (one cell of all rows):
    ``magnitude_noise(x[:, j], 0, 1, keys, secret, purposes[j], k)[0]`` for every ``j``, the
    same numbers (the same sums in the same order) for a table at once."""
    k = check_min_group_size(min_group_size)
    n, n_cols = x.shape
    live = (x != 0) & np.isfinite(x)
    cell_keys = (keys[:, None] * live).sum(axis=0) % _KEY_MOD  # int64: exact
    size = live.sum(axis=0)
    u = np.array(
        [
            _uniforms(secret, cell_keys[j : j + 1], size[j : j + 1], purposes[j])[0]
            for j in range(n_cols)
        ]
    ).reshape(n_cols)
    n_top = k - 1 if TOP_CONTRIBUTORS is None else TOP_CONTRIBUTORS
    scale = np.zeros(n_cols)
    for sign in (1.0, -1.0):
        a = np.where(live, sign * np.where(live, x, 0.0), 0.0)
        a = np.where(a > 0, a, 0.0)  # the zeros added below change no sum
        if 0 < n_top < n:
            a = -np.partition(-a, n_top - 1, axis=0)[:n_top]
        a = -np.sort(-a, axis=0)[: max(n_top, 0)]  # largest first, as top_contributions adds
        total = np.zeros(n_cols)
        for row in a:
            total = total + row
        scale = np.maximum(scale, total)
    lo, hi = NOISE_SHARE
    noise: np.ndarray = (lo + (hi - lo) * u) * scale
    return noise


def count_noise(
    codes: np.ndarray, n_cells: int, keys: np.ndarray, secret: bytes, purpose: str = "count"
) -> np.ndarray:
    """The integer added to each cell's count (cell-key method, counts): one of
    :data:`COUNT_NOISE`, drawn from the key of the cell's members."""
    ck = _cell_sums(keys, codes, n_cells)
    size = np.bincount(codes[codes >= 0], minlength=n_cells)
    u = _uniforms(secret, ck, size, purpose)
    choices = np.asarray(COUNT_NOISE)
    drawn: np.ndarray = choices[np.minimum((u * len(choices)).astype(int), len(choices) - 1)]
    return drawn


def published_counts(
    counts: np.ndarray, noise: np.ndarray, min_group_size: int = DEFAULT_MIN_GROUP_SIZE
) -> np.ndarray:
    """Counts as published: exact plus noise, a shown cell never under ``min_group_size``
    and an empty one 0."""
    c = np.asarray(counts, dtype=np.int64)
    floor = np.where(c >= min_group_size, min_group_size, 1)
    return np.where(c > 0, np.maximum(c + noise, floor), 0)


def publish_groups(
    values: pd.DataFrame,
    labels: pd.Series | np.ndarray | None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    *,
    keys: np.ndarray,
    secret: bytes,
    exact: bool = False,
) -> pd.DataFrame:
    """Published group totals: the one function every group output and total goes through.

    Each group (a cell: the employees with that label; ``None`` labels: one cell, the
    total) gets the sum of each column of ``values`` plus its cell-key noise
    (:func:`magnitude_noise`), and its count plus count noise (:func:`count_noise`,
    :func:`published_counts`). A value to which 1 to ``min_group_size - 1`` people
    contribute (non-zero), such as a department row under a scenario that applies to two of
    its members, is withheld (NaN). Rows with a missing label are in no cell (withheld groups
    that are shown nowhere). Which groups are withheld is decided before (suppression); this
    function perturbs what is shown, so that no combination of shown cells (totals and
    groups, across selections and scenarios) gives a small group's values back.

    Parameters
    ----------
    values : pandas.DataFrame
        One row per employee, numeric columns to total.
    labels : pandas.Series, numpy.ndarray or None
        The published group of each employee (NaN/None: none); None: one cell of everyone.
    min_group_size : int
    keys, secret : numpy.ndarray, bytes
        :func:`record_keys` and :func:`disclosure_secret` of the same per-employee frame.
    exact : bool, default False
        Exact totals and counts (the analyst's own view; never written or shown).

    Returns
    -------
    pandas.DataFrame
        Index the group labels (sorted; ``"total"`` without labels), ``employees`` and the
        columns of ``values``.

    Examples
    --------
    >>> e = pd.DataFrame({"employee_id": range(12), "x": 1.0})
    >>> keys, secret = record_keys(e), disclosure_secret(e)
    >>> publish_groups(e[["x"]], None, keys=keys, secret=secret, exact=True)
           employees     x
    total         12  12.0
    """
    k = check_min_group_size(min_group_size)
    n = len(values)
    if labels is None:
        codes, cats = np.zeros(n, dtype=np.int64), pd.Index(["total"])
    else:
        lab = pd.Series(np.asarray(labels, dtype=object))
        codes_, cats = pd.factorize(lab, sort=True)
        codes = np.asarray(codes_, dtype=np.int64)
    m = len(cats)
    counts = np.bincount(codes[codes >= 0], minlength=m)
    out: dict[Any, Any] = {  # the frame is built once at the end (not a column at a time)
        "employees": (
            counts if exact else published_counts(counts, count_noise(codes, m, keys, secret), k)
        )
    }
    for col in values.columns:
        x = values[col].to_numpy(dtype=float)
        ok = codes >= 0
        total = np.bincount(codes[ok], weights=np.nan_to_num(x[ok]), minlength=m)
        if not exact:
            total = total + magnitude_noise(x, codes, m, keys, secret, purpose(col), k)
            # a cell with 1 to k-1 contributors (a group of people under the minimum size
            # in a bigger row, e.g. the selected few of a department) is withheld
            live = ok & (np.nan_to_num(x) != 0)
            few = np.bincount(codes[live], minlength=m)
            total = np.where((few > 0) & (few < k), np.nan, total)
        out[col] = total
    return pd.DataFrame(out, index=cats)


def purpose(column: str) -> str:
    """What a column's noise is keyed on besides the cell: its metric and state
    (``commute_km_change`` -> ``"commute_km|change"``), the same in every output, so that
    the same people's same quantity is published with the same noise wherever it appears
    (a reader comparing outputs learns nothing from their differences).

    Examples
    --------
    >>> purpose("commute_km_change"), purpose("travellers")
    ('commute_km|change', 'travellers')
    """
    for state in ("baseline", "scenario", "change"):
        if column.endswith(f"_{state}"):
            return f"{column[: -len(state) - 1]}|{state}"
    return column


def total_noise(
    per_employee: pd.DataFrame,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    *,
    keys: np.ndarray | None = None,
    secret: bytes | None = None,
) -> tuple[dict[str, float], dict[str, float], float]:
    """The noise of the published totals of everyone (the summary's cells).

    Returns
    -------
    baseline, change : dict
        Per-employee metric -> noise of its baseline total and of its change total, in the
        metric's storage unit (:func:`magnitude_noise`; contributors: the employees with a
        non-zero value). Site metrics: 0.
    one_off_ratio : float
        Published / exact number of employees who gain home days (the one-off kit's count
        cell, :func:`count_noise`).
    """
    from remotecalc.model import metrics

    k = check_min_group_size(min_group_size)
    e = per_employee
    secret = disclosure_secret(e) if secret is None else secret
    keys = record_keys(e, secret) if keys is None else keys
    nb: dict[str, float] = {}
    nc: dict[str, float] = {}
    cells: list[tuple[str, dict[str, float], str]] = []
    for name, m in metrics.REGISTRY.items():
        if m.level == metrics.DERIVED:
            continue
        nb[name] = nc[name] = 0.0
        if m.level == metrics.EMPLOYEE and f"{name}_change" in e.columns:
            cells += [(name, out, f"{name}_{st}") for st, out in (("baseline", nb), ("change", nc))]
    if cells:
        x = e[[col for _, _, col in cells]].to_numpy(dtype=float)
        noise = _whole_noise(x, keys, secret, [purpose(col) for _, _, col in cells], k)
        for (name, out, _col), v in zip(cells, noise.tolist(), strict=True):
            out[name] = v
    ratio = 1.0
    if {"onsite_days_per_week_scenario", "home_days_change"} & set(e.columns):
        gain = gains_home_days(e).to_numpy(dtype=bool)
        n_gain = int(gain.sum())
        if n_gain:
            delta = int(count_noise(np.where(gain, 0, -1), 1, keys, secret)[0])
            ratio = max(n_gain + delta, k if n_gain >= k else 1) / n_gain
    return nb, nc, ratio


def publish_totals(
    totals: dict[str, Any], one_off: float, per_employee: pd.DataFrame, min_group_size: int
) -> tuple[dict[str, Any], float]:
    """(baseline, scenario) totals per metric and the one-off cost, as published.

    The totals an :class:`~remotecalc.evaluation.assessment.Assessment` sums (storage units)
    with the noise of :func:`total_noise` added: baseline plus its noise, scenario plus the
    baseline's and the change's noise. Everything computed from them (net rows, present
    values, the report's headline and figures) is then published too.
    """
    nb, nc, ratio = total_noise(per_employee, min_group_size)
    out = {
        m: (float(b) + nb.get(m, 0.0), float(s_) + nb.get(m, 0.0) + nc.get(m, 0.0))
        for m, (b, s_) in totals.items()
    }
    return out, float(one_off) * ratio


def publish_summary(
    summary: pd.DataFrame,
    per_employee: pd.DataFrame,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    *,
    discount_rate: float,
    horizon_years: float,
    keys: np.ndarray | None = None,
    secret: bytes | None = None,
) -> pd.DataFrame:
    """A summary table (``Assessment.summary()``'s rows) as published: totals perturbed.

    The total of everyone is a cell too: each per-employee metric's baseline and change
    get their cell-key noise (:func:`magnitude_noise`; contributors: the employees with a
    non-zero value, so a scenario whose ``applies_to`` selects some people is a cell of
    those people); the scenario value is baseline plus change. Rows that combine metrics
    (net, present values) are recomputed from the perturbed ones by the engine's one formula
    (:func:`remotecalc.model.engine.derived_metrics`, linear in the totals); the one-off
    cost follows the perturbed count of employees who gain home days. Site metrics (office)
    are left as they are (sites under the minimum size are pooled, see docs/privacy.md).

    Parameters
    ----------
    summary : pandas.DataFrame
        :data:`~remotecalc.evaluation.assessment.SUMMARY_COLUMNS` rows of one scenario
        (other columns are kept).
    per_employee : pandas.DataFrame
        The same assessment's ``per_employee`` (``<metric>_baseline`` and ``_change``).
    min_group_size : int
    discount_rate, horizon_years : float
        The scenario's (for the present values).

    Returns
    -------
    pandas.DataFrame
        A copy of ``summary`` with ``baseline``, ``scenario`` and ``change`` published.
    """
    from remotecalc.model import engine, metrics

    nb, nc, ratio = total_noise(per_employee, min_group_size, keys=keys, secret=secret)
    by_name = {m.display_name: m for m in metrics.REGISTRY.values()}
    s = summary.copy()
    rows = [by_name.get(v, metrics.REGISTRY.get(v)) for v in s["metric"].tolist()]
    one_off_delta = 0.0
    one_off = [
        pos
        for pos, mm in enumerate(rows)
        if mm is not None and mm.name == "one_off_home_office_cost"
    ]
    if one_off:
        scale = metrics.REGISTRY["one_off_home_office_cost"].scale
        one_off_delta = float(s["scenario"].iloc[one_off[0]]) / scale * (ratio - 1.0)
    ns = {name: nb[name] + nc[name] for name in nb}
    db = engine.derived_metrics(nb, 0.0, discount_rate, horizon_years)
    ds = engine.derived_metrics(ns, one_off_delta, discount_rate, horizon_years)
    shift_b = {**nb, **{n: float(v) for n, v in db.items()}}
    shift_s = {**ns, **{n: float(v) for n, v in ds.items()}}
    moved = [(pos, m) for pos, m in enumerate(rows) if m is not None and m.name in shift_b]
    value_cols = ("baseline", "scenario", "change")
    if not moved:
        return s
    if not (
        s.index.is_unique
        and s.columns.is_unique
        and all(s.dtypes.get(c) == np.float64 for c in value_cols)
    ):
        # labels repeated or values not float: setting cell by cell, as it always was
        for pos, m in moved:
            i = s.index[pos]
            b = float(s.at[i, "baseline"]) + m.scale * shift_b[m.name]  # type: ignore[arg-type]
            sc = float(s.at[i, "scenario"]) + m.scale * shift_s[m.name]  # type: ignore[arg-type]
            s.at[i, "baseline"], s.at[i, "scenario"], s.at[i, "change"] = b, sc, sc - b
        return s
    # the same float arithmetic per row, the three columns written once each
    base = s["baseline"].to_numpy(dtype=np.float64, copy=True)
    scen = s["scenario"].to_numpy(dtype=np.float64, copy=True)
    change = s["change"].to_numpy(dtype=np.float64, copy=True)
    for pos, m in moved:
        b = float(base[pos]) + m.scale * shift_b[m.name]
        sc = float(scen[pos]) + m.scale * shift_s[m.name]
        base[pos], scen[pos], change[pos] = b, sc, sc - b
    s["baseline"], s["scenario"], s["change"] = base, scen, change
    return s


def publish_bands(
    bands: pd.DataFrame, exact: pd.DataFrame, published: pd.DataFrame
) -> pd.DataFrame:
    """Monte Carlo bands (``central``, ``mean`` and quantile columns) moved by the noise of
    the published change of the same scenario and metric, so that the bands of two
    scenarios differ by no more than their published summaries do.

    Parameters
    ----------
    bands : pandas.DataFrame
        Rows with ``scenario_name`` (optional) and ``metric``; ``central``, ``mean``,
        ``p05``, ``p50``, ``p95`` (those present are moved).
    exact, published : pandas.DataFrame
        The same scenarios' summary rows, exact and as published (:func:`publish_summary`).
    """
    on = [c for c in ("scenario_name", "metric") if c in bands.columns and c in exact.columns]
    shift = (published.set_index(on)["change"] - exact.set_index(on)["change"]).rename("_shift")
    out = bands.join(shift, on=on)
    d = out.pop("_shift").fillna(0.0)
    for c in ("central", "mean", "p05", "p50", "p95"):
        if c in out.columns:
            out[c] = out[c] + d
    return out


def publish_rows(table: pd.DataFrame, exact: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Summary-like rows (a sweep's) moved onto the published values of the same scenarios.

    ``table`` has ``scenario_name``, ``metric`` and ``baseline``, ``scenario``, ``change``
    computed some other way (the sweep's sums); each is moved by published minus exact of
    the same scenario and metric (:func:`publish_summary`), so a sweep publishes what the
    scenario's report publishes.
    """
    on = ["scenario_name", "metric"]
    cols = ["baseline", "scenario", "change"]
    shift = published.set_index(on)[cols] - exact.set_index(on)[cols]
    d = table[on].join(shift, on=on)[cols].fillna(0.0)
    out = table.copy()
    out[cols] = out[cols].to_numpy(dtype=float) + d.to_numpy(dtype=float)
    return out


def publish_purposes(
    table: pd.DataFrame,
    per_employee: Mapping[str, np.ndarray],
    purposes: Sequence[str],
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    *,
    keys: np.ndarray,
    secret: bytes,
) -> pd.DataFrame:
    """Work travel by purpose (:func:`pool_purposes`' table) as published: cell-key noise.

    Each shown purpose is a cell of its travellers; the pooled row a cell of the travellers
    of the pooled purposes. From each employee's contributions by purpose
    (:func:`remotecalc.model.engine.work_travel_by_purpose_per_employee`), each row's
    baseline and change of km, CO₂e and trips are published by :func:`publish_groups`
    (keyed on the quantity and the purpose, so the same purpose's same travellers get the
    same noise in every run); the scenario value is the published baseline plus the
    published change, and is left out (NaN) where :func:`pool_purposes` left it out. A
    purpose's travellers are a published count (:func:`count_noise`); the pooled row's
    (a sum over its purposes) is published like a magnitude.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`pool_purposes` of :func:`remotecalc.model.engine.work_travel_by_purpose`.
    per_employee : mapping of str to numpy.ndarray
        ``trips_baseline``, ``km_baseline``, ``km_scenario``, ``co2e_kg_baseline``,
        ``co2e_kg_scenario``: ``(n_employees, len(purposes))`` each.
    purposes : sequence of str
        The purposes of the columns (:data:`remotecalc.formulas.travel.PURPOSES`).
    min_group_size : int
    keys, secret : numpy.ndarray, bytes
        :func:`record_keys` and :func:`disclosure_secret` of the staff (one row each, in the
        order of ``per_employee``'s rows).

    Returns
    -------
    pandas.DataFrame
        ``table`` with ``travellers``, ``trips_baseline``, ``km_*`` and ``co2e_kg_*``
        published.
    """
    k = check_min_group_size(min_group_size)
    names = list(purposes)
    trips = np.asarray(per_employee["trips_baseline"], dtype=float)
    travels = trips > 0
    shown = {str(p) for p in table["purpose"].dropna()}
    pooled = [i for i, p in enumerate(names) if p not in shown and bool(travels[:, i].any())]
    out = table.copy()
    out["travellers"] = out["travellers"].astype(float)
    no_scenario = {
        q: out[f"{q}_scenario"].isna() for q in ("km", "co2e_kg") if f"{q}_scenario" in out
    }
    for row in out.index:
        withheld_row = bool(out.at[row, "withheld"])
        if withheld_row:
            cols, key = pooled, "pooled:" + "+".join(names[i] for i in pooled)
        else:
            key = str(out.at[row, "purpose"])
            cols = [names.index(key)]
        frame = pd.DataFrame({f"work_travel_trips_{key}_baseline": trips[:, cols].sum(axis=1)})
        for q in ("km", "co2e_kg"):
            if f"{q}_baseline" not in out.columns:
                continue
            b = np.asarray(per_employee[f"{q}_baseline"], dtype=float)[:, cols].sum(axis=1)
            s = np.asarray(per_employee[f"{q}_scenario"], dtype=float)[:, cols].sum(axis=1)
            frame[f"work_travel_{q}_{key}_baseline"] = b
            frame[f"work_travel_{q}_{key}_change"] = s - b
        if withheld_row:
            frame[f"work_travel_travellers_{key}"] = travels[:, cols].sum(axis=1).astype(float)
            pub = publish_groups(frame, None, k, keys=keys, secret=secret).iloc[0]
            out.at[row, "travellers"] = max(round(float(pub[f"work_travel_travellers_{key}"])), k)
        else:
            labels = np.full(len(travels), None, dtype=object)
            labels[travels[:, cols[0]]] = "travellers"
            cnt = publish_groups(frame.iloc[:, :0], labels, k, keys=keys, secret=secret)
            out.at[row, "travellers"] = float(cnt["employees"].iloc[0])
            pub = publish_groups(frame, None, k, keys=keys, secret=secret).iloc[0]
        out.at[row, "trips_baseline"] = float(pub[f"work_travel_trips_{key}_baseline"])
        for q in ("km", "co2e_kg"):
            if f"{q}_baseline" not in out.columns:
                continue
            base = float(pub[f"work_travel_{q}_{key}_baseline"])
            change = float(pub[f"work_travel_{q}_{key}_change"])
            out.at[row, f"{q}_baseline"] = base
            if not no_scenario[q][row]:
                out.at[row, f"{q}_scenario"] = base + change
    return out.astype({"travellers": int})
