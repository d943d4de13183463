"""Teleworkability from occupation codes: ISCO-08/DISCO-08 to the JRC index, SOC to Dingel–Neiman.

Two published indices say how far an occupation can be done from home:

* the JRC technical teleworkability index of Sostero et al. (2020), on ISCO-08 minor groups
  (3 digits), from 0 (cannot be done at home) to 1 (fully teleworkable);
* the work-at-home classification of Dingel & Neiman (2020), on US O*NET-SOC occupations
  (0 or 1) and, averaged with employment weights, on SOC 6-digit occupations (0 to 1).

An employer's register holds finer codes: ISCO-08 unit groups (4 digits) or the Danish DISCO-08
(6 digits; its first 4 digits are the ISCO-08 unit group). Both are reduced to their 3-digit
minor group, which is where the JRC index lives. Codes that cannot be resolved are **reported,
never silently dropped**: every mapping returns the values (NaN where unresolved) *and* a
report with one row per distinct code, its status and how many employees carry it.

The JRC index ships with remotecalc (:func:`packaged_jrc_index`; the staff reader uses it by
default); the Dingel–Neiman tables (GPL-3.0) do not: pass your copy by path. Reading and mapping
live in :mod:`remotecalc.inputs.occupations` (re-exported here).

References
----------
Sostero, M., Milasi, S., Hurley, J., Fernández-Macías, E., & Bisello, M. (2020).
Teleworkability and the COVID-19 crisis: a new digital divide? JRC Working Papers on Labour,
Education and Technology 2020/05, European Commission, JRC121193. Data:
https://github.com/m-sostero/telework-occupations

Dingel, J. I., & Neiman, B. (2020). How many jobs can be done at home? Journal of Public
Economics 189, 104235. https://doi.org/10.1016/j.jpubeco.2020.104235. Data (GPL-3.0):
https://github.com/jdingel/DingelNeiman-workathome
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from remotecalc.evaluation.disclosure import (
    STANDARD_GROUPINGS,
    check_min_group_size,
    disclosure_secret,
    publish_groups,
    record_keys,
    withheld,
)
from remotecalc.i18n import Note, t
from remotecalc.inputs.occupations import (
    JRC_VALUE_COLUMN,
    MATCHED_STATUSES,
    CodeMatch,
    load_dingel_neiman,
    load_jrc_index,
    map_isco_to_jrc,
    map_soc_to_dingel_neiman,
    packaged_jrc_index,
)
from remotecalc.inputs.workforce import Workforce

__all__ = [
    "JRC_VALUE_COLUMN",
    "MATCHED_STATUSES",
    "CodeMatch",
    "add_teleworkability",
    "load_dingel_neiman",
    "load_jrc_index",
    "map_isco_to_jrc",
    "map_soc_to_dingel_neiman",
    "packaged_jrc_index",
    "teleworkable_share_by",
]

#: Table level -> (mapping function, default staff column, label for notes and provenance).
_MAPPERS = {
    "isco08": (map_isco_to_jrc, "occupation_isco08", "JRC index (Sostero et al. 2020)"),
    "onetsoc": (map_soc_to_dingel_neiman, "occupation_soc", "Dingel & Neiman (2020)"),
    "soc": (map_soc_to_dingel_neiman, "occupation_soc", "Dingel & Neiman (2020)"),
}


def add_teleworkability(
    workforce: Workforce, table: pd.DataFrame, *, column: str | None = None, overwrite: bool = False
) -> tuple[Workforce, pd.DataFrame]:
    """A new Workforce whose ``teleworkable`` column is filled from occupation codes.

    Parameters
    ----------
    workforce : Workforce
    table : pandas.DataFrame
        From :func:`load_jrc_index` (ISCO-08/DISCO-08 codes) or :func:`load_dingel_neiman`
        (SOC/O*NET codes); its index name says which.
    column : str, optional
        Staff column with the codes; default ``occupation_isco08`` for the JRC index,
        ``occupation_soc`` for Dingel–Neiman.
    overwrite : bool, default False
        ``False``: keep every ``teleworkable`` value the staff data already has and fill only
        the missing ones. ``True``: replace existing values wherever the code resolves
        (employees whose code does not resolve keep their own value).

    Returns
    -------
    workforce : Workforce
        A copy (``dataclasses.replace``) with ``teleworkable`` [share] and
        ``teleworkable_source`` (``"given"``, the index's name, or missing) and a note.
    report : pandas.DataFrame
        The match report of :func:`map_isco_to_jrc` / :func:`map_soc_to_dingel_neiman`.

    Examples
    --------
    >>> from remotecalc.datasets import demo_workforce
    >>> wf = demo_workforce(50, seed=1)
    >>> table = pd.DataFrame({"teleworkable": 0.5},
    ...                      index=pd.Index(sorted({c[:3] for c in
    ...                                     wf.staff["occupation_isco08"]}), name="isco08"))
    >>> wf2, report = add_teleworkability(wf, table, overwrite=True)
    >>> float(wf2.staff["teleworkable"].mean()), report["status"].unique().tolist()
    (0.5, ['reduced_from_4_digit'])
    """
    level = table.index.name
    if level not in _MAPPERS:
        raise ValueError(
            "table must come from load_jrc_index or load_dingel_neiman (index "
            f"named 'isco08', 'onetsoc' or 'soc'; got {level!r})"
        )
    mapper, default_column, label = _MAPPERS[level]
    column = column or default_column
    staff = workforce.staff
    if column not in staff.columns:
        raise ValueError(
            f"no staff column '{column}' with occupation codes; pass column=... "
            f"(staff columns: {', '.join(map(str, staff.columns))})"
        )
    values, report = mapper(staff[column], table)
    given = (
        staff["teleworkable"].astype(float)
        if "teleworkable" in staff.columns
        else pd.Series(np.nan, index=staff.index)
    )
    mapped = values.notna()
    use_mapped = mapped & (given.isna() | overwrite)
    new = given.where(~use_mapped, values)
    source = pd.Series(pd.NA, index=staff.index, dtype="string")
    source = source.mask(given.notna(), "given").mask(use_mapped, label)
    unresolved = report.loc[~report["status"].isin(MATCHED_STATUSES)]
    note = Note(
        "teleworkable_mapped",
        n=int(use_mapped.sum()),
        source=label,
        column=str(column),
        overwrite=Note("teleworkable_overwrite") if overwrite else "",
        n_codes=len(unresolved),
        n_unresolved=int(unresolved["employees"].sum()),
    )
    new_staff = staff.assign(
        teleworkable=new.to_numpy(dtype=float), teleworkable_source=source.to_numpy()
    )
    return dataclasses.replace(workforce, staff=new_staff, notes=[*workforce.notes, note]), report


def teleworkable_share_by(
    workforce: Workforce | pd.DataFrame,
    column: str,
    threshold: float = 0.5,
    min_group_size: int = 5,
    *,
    exact: bool = False,
) -> pd.DataFrame:
    """Share of staff in teleworkable jobs per group (unit, department, site...), as published.

    Parameters
    ----------
    workforce : Workforce or pandas.DataFrame
        The staff (a DataFrame with ``teleworkable`` and ``column`` also works).
    column : str
        Grouping column, e.g. ``"unit"``.
    threshold : float, default 0.5
        An employee counts as teleworkable when ``teleworkable >= threshold``. [share]
    min_group_size : int, default 5
        Groups with fewer employees, and their complements, are withheld
        (:func:`remotecalc.evaluation.disclosure.withheld`, jointly with departments, units and
        sites)
        and pooled into one unnamed row with ``suppressed = True`` (as ``Assessment.by``).
    exact : bool, default False
        Exact counts and means (the analyst's own view; never published). By default every
        shown row is a published cell (:func:`remotecalc.evaluation.disclosure.publish_groups`,
        the cell-key method): ``employees`` carries count noise; ``known``,
        ``teleworkable_employees`` and the total of the index carry magnitude noise (at most
        twice the largest total of ``min_group_size - 1`` people in the row, so at most
        ``2 (k - 1)`` employees or index points; withheld, NaN, when 1 to ``k - 1`` people
        contribute); the share and the mean are published values divided by the published
        ``known``, clipped to [0, 1]. docs/privacy.md.

    Returns
    -------
    pandas.DataFrame
        Index the groups; ``employees``, ``known`` (with a teleworkable value),
        ``teleworkable_employees``, ``teleworkable_share`` (of ``known``) [share],
        ``mean_teleworkable`` [share] and ``suppressed``.

    Examples
    --------
    >>> staff = pd.DataFrame({"unit": ["A"] * 6 + ["B"] * 2 + ["C"] * 5,
    ...                       "teleworkable": [1, 1, 0.8, 0.2, 0, None, 1, 1] + [0] * 5})
    >>> out = teleworkable_share_by(staff, "unit", exact=True)
    >>> out.index.tolist(), out["employees"].tolist(), out["suppressed"].tolist()
    (['A', 'Other (2 groups pooled)'], [6.0, 7.0], [False, True])
    """
    staff = workforce.staff if isinstance(workforce, Workforce) else workforce
    if column not in staff.columns:
        raise KeyError(f"no column '{column}' in the staff data")
    tele = (
        staff["teleworkable"].astype(float)
        if "teleworkable" in staff.columns
        else pd.Series(np.nan, index=staff.index)
    )
    frame = pd.DataFrame(
        {
            "group": staff[column].to_numpy(),
            "known": tele.notna().to_numpy(),
            "yes": (tele >= threshold).to_numpy(),
            "value": tele.to_numpy(),
        }
    )
    k = check_min_group_size(min_group_size)
    cols = sorted({column} | {c for g in STANDARD_GROUPINGS for c in g if c in staff.columns})
    mask = withheld(staff[cols], (column,), k)[(column,)]
    frame["group"] = frame["group"].astype(str)
    frame["withheld"] = frame["group"].map(mask).fillna(False).astype(bool)
    frame.loc[frame["withheld"], "group"] = t("other_groups", "en", n=int(mask.sum()))

    # the label each employee is published under (a pool under k people: none)
    pooled = frame["withheld"].to_numpy()
    labels = frame["group"].to_numpy(dtype=object)
    if 0 < pooled.sum() < k:
        labels[pooled] = None
    secret = disclosure_secret(staff)
    cells = publish_groups(
        pd.DataFrame(
            {
                "teleworkable_known": frame["known"].to_numpy(dtype=float),
                "teleworkable_employees": frame["yes"].to_numpy(dtype=float),
                "teleworkable_total": np.nan_to_num(frame["value"].to_numpy(dtype=float)),
            }
        ),
        labels,
        k,
        keys=record_keys(staff, secret),
        secret=secret,
        exact=exact,
    )
    known = cells["teleworkable_known"]
    per_known = known.where(known > 0)
    share = cells["teleworkable_employees"] / per_known
    mean = cells["teleworkable_total"] / per_known
    out = pd.DataFrame(
        {
            "employees": cells["employees"],
            "known": known,
            "teleworkable_employees": cells["teleworkable_employees"],
            "teleworkable_share": share if exact else share.clip(0.0, 1.0),
            "mean_teleworkable": mean if exact else mean.clip(0.0, 1.0),
        }
    ).astype(float)
    flags = frame.groupby("group", sort=True)["withheld"].any().astype(bool)
    out = out.reindex([*flags.index[~flags], *flags.index[flags].intersection(out.index)])
    flags = flags.reindex(out.index)
    out.index.name = column
    out["suppressed"] = flags
    return out
