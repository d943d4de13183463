"""The validated staffing data that every analysis starts from."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ._numeric import positions
from .geography import haversine_km


@dataclass(frozen=True, repr=False)
class Workforce:
    """Staff and sites that passed validation, the rows that did not, and where they came from.

    Build it with :func:`remotecalc.read_staffing` (or
    :func:`remotecalc.datasets.demo_workforce`), not by hand.

    Attributes
    ----------
    staff : pandas.DataFrame
        One row per employee used, in canonical columns (see ``remotecalc.vocab``) plus the
        employer's organisational columns, ``source_row`` (the row as numbered in the file)
        and ``home_location_source`` (``one_way_km``, ``coordinates``, ``postcode`` or
        ``municipality``). ``home_lat``/``home_lon`` hold the resolved home point. [deg]
    sites : pandas.DataFrame
        One row per site, indexed by nothing special; ``lat``/``lon`` resolved. [deg]
    excluded : pandas.DataFrame
        Rows left out (lenient mode only): ``source_row``, ``employee_id``, ``reason`` and the
        row's values as read.
    problems : pandas.DataFrame
        Every problem found: ``file, row, column, value, problem``.
    provenance : dict
        File name, SHA-256 of its bytes, format, encoding, separator, rows read/used/excluded,
        blank lines skipped, column mapping used, time of reading.
    notes : list of str
        Things the reader assumed or noticed that do not exclude rows (e.g. a column that
        was absent and took its documented default).
    work_trips : WorkTrips, optional
        The employees' work trips (:func:`remotecalc.read_work_trips`), attached with
        :meth:`with_work_trips`; every analysis of the workforce then counts them.
    """

    staff: pd.DataFrame
    sites: pd.DataFrame
    excluded: pd.DataFrame
    problems: pd.DataFrame
    provenance: dict
    notes: list = field(default_factory=list)
    work_trips: Any = None

    def with_work_trips(self, trips: Any) -> Workforce:
        """The same workforce with its work trips attached (a new object; ``None`` removes
        them). Assessments, sweeps, Monte Carlo and reports of it count the trips.

        Raises
        ------
        TypeError
            For a Dask workforce (its backend does not count trips): use ``to_pandas()``.
        """
        if trips is not None and type(self.staff).__module__.startswith("dask"):
            raise TypeError(
                "work trips are assessed with the staff in memory: pass workforce.to_pandas()"
            )
        return dataclasses.replace(self, work_trips=trips)

    @property
    def n_employees(self) -> int:
        """Number of employees used."""
        return len(self.staff)

    def accounting(self) -> pd.DataFrame:
        """Row accounting: rows read = rows used + rows excluded.

        Returns
        -------
        pandas.DataFrame
            Columns ``item`` and ``rows``.
        """
        p = self.provenance
        return pd.DataFrame(
            {
                "item": ["rows read", "rows used", "rows excluded"],
                "rows": [p["rows_read"], p["rows_used"], p["rows_excluded"]],
            }
        )

    def exclusion_reasons(self) -> pd.DataFrame:
        """Count of excluded rows by problem (a row with two problems counts under each)."""
        if self.problems.empty:
            return pd.DataFrame({"column": [], "problem": [], "rows": []})
        kinds = self.problems.assign(problem=self.problems["problem"].str.split(";").str[0])
        return (
            kinds.groupby(["column", "problem"], sort=True)["row"]
            .nunique()
            .rename("rows")
            .reset_index()
            .sort_values("rows", ascending=False, kind="stable")
        )

    def site_positions(self) -> np.ndarray:
        """Position of each employee's site in ``sites`` (-1: not there), computed once.

        The workforce is immutable once read, so its geometry (this and
        :meth:`great_circle_km`) is kept with it for every later assessment.
        """
        return self._geometry[0]

    def great_circle_km(self) -> pd.Series:
        """Great-circle distance home to site per employee (NaN where either is unknown),
        computed once per workforce. [km]"""
        return pd.Series(self._geometry[1], index=self.staff.index, name="great_circle_km")

    @functools.cached_property
    def _geometry(self) -> tuple[np.ndarray, np.ndarray]:
        pos = positions(self.staff["site_id"], self.sites["site_id"])
        slat = np.where(pos >= 0, self.sites["lat"].to_numpy(dtype=float)[pos], np.nan)
        slon = np.where(pos >= 0, self.sites["lon"].to_numpy(dtype=float)[pos], np.nan)
        d = haversine_km(
            self.staff["home_lat"].to_numpy(dtype=float),
            self.staff["home_lon"].to_numpy(dtype=float),
            slat,
            slon,
        )
        pos.setflags(write=False)
        d.setflags(write=False)
        return pos, d

    def summary(self) -> str:
        """A few lines a person can read: source, row accounting, sites, notes."""
        p = self.provenance
        lines = [
            f"Workforce from {p['file']} ({p['format']}, sha256 {p['sha256'][:12]}…)",
            f"  rows read {p['rows_read']:,} = used {p['rows_used']:,} + excluded "
            f"{p['rows_excluded']:,}",
            f"  sites: {len(self.sites)}"
            + (f" from {p.get('sites_file')}" if p.get("sites_file") else ""),
        ]
        if p["rows_excluded"]:
            top = self.exclusion_reasons().head(5)
            for col, prob, n in zip(top["column"], top["problem"], top["rows"], strict=True):
                lines.append(f"  excluded: {n:,} rows: column '{col}': {prob}")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<remotecalc.Workforce: {self.n_employees:,} employees, {len(self.sites)} sites>\n"
            + self.summary()
        )
