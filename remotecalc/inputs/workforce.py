"""The validated staffing data that every analysis starts from."""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from remotecalc._numeric import positions
from remotecalc.i18n.notes import Note
from remotecalc.inputs.geography import (
    ROUTED_DISTANCE_SOURCES,
    ZONE_KINDS,
    ZoneAreas,
    apply_od,
    haversine_km,
    zone_internal_distance_km,
)

#: Where each employee's commute distance comes from (``Workforce.distance_source()``):
#: a one-way distance given in the staff file; an origin-destination table (routed
#: distances, :meth:`Workforce.with_od`); the shortest road route on an OpenStreetMap
#: extract (:func:`remotecalc.road_distances`); the mean internal distance of the postcode
#: or municipality that holds both home and site (× circuity); the great-circle distance
#: × the mode's circuity.
DISTANCE_SOURCES: tuple[str, ...] = (
    "given",
    "od_table",
    "osm_road",
    "zone_internal",
    "great_circle×circuity",
)


class DerivedCache:
    """Results derived from one workforce, kept for later analyses of it: a bounded cache.

    A :class:`Workforce` is immutable once read, so what is computed from it alone (and
    from the parameter values used, which are part of the key) stays true for it. Each
    workforce owns one (:attr:`Workforce.derived`); :func:`remotecalc.prepare` keeps its
    scenario-independent work there (per-employee inputs, today's baseline and its desks),
    keyed by the parameter values and the metrics registry it used. At most ``maxsize``
    entries are kept, the least recently used leaving first; on a miss with the cache full,
    the oldest entry leaves *before* the new one is computed, so no more than ``maxsize``
    results are held at once (an entry of a million employees holds some 0.4 GB).

    Examples
    --------
    >>> c = DerivedCache(maxsize=1)
    >>> c.get("a", lambda: 1), c.get("a", lambda: 2), c.get("b", lambda: 3), len(c)
    (1, 1, 3, 1)
    """

    def __init__(self, maxsize: int = 1) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = int(maxsize)
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()  # the explorer runs analyses in a worker thread

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The value kept under ``key``, else ``compute()`` (then kept)."""
        with self._lock:
            if key in self._items:
                self.hits += 1
                self._items.move_to_end(key)
                return self._items[key]
            self.misses += 1
            while len(self._items) >= self.maxsize:
                self._items.popitem(last=False)
        value = compute()  # outside the lock: two threads may both compute, one is kept
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __repr__(self) -> str:
        return (
            f"<DerivedCache: {len(self)} of {self.maxsize} entries, "
            f"{self.hits} hits, {self.misses} misses>"
        )


@dataclass(frozen=True, repr=False)
class Workforce:
    """Staff and sites that passed validation, the rows that did not, and where they came from.

    Build it with :func:`remotecalc.read_staffing` (or
    :func:`remotecalc.datasets.demo_workforce`), not by hand.

    Attributes
    ----------
    staff : pandas.DataFrame
        One row per employee used, in canonical columns (see ``remotecalc.inputs.vocab``) plus the
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
    zone_areas : ZoneAreas, optional
        Areas of postcode and municipality zones, for employees who live in their site's
        zone (:func:`~remotecalc.inputs.geography.zone_internal_distance_km`). ``None``: the
        Danish table packaged with remotecalc (:meth:`ZoneAreas.packaged`). Set it with
        :meth:`with_zone_areas`.
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
    zone_areas: ZoneAreas | None = None
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
        """Straight-line distance home to site per employee, computed once per workforce:
        the great-circle distance, or, where home and site lie in the same postcode or
        municipality zone, the zone's mean internal distance
        (:func:`~remotecalc.inputs.geography.zone_internal_distance_km`); NaN where either point is
        unknown. The engine multiplies it by the mode's circuity. [km]"""
        return pd.Series(self._geometry[1], index=self.staff.index, name="great_circle_km")

    def home_zone_internal_km(self) -> pd.Series:
        """Mean internal distance of each employee's home zone, for homes placed at a zone's
        point (``home_location_source`` ``postcode`` or ``municipality``); 0 for homes with
        their own coordinates. [km]

        A home known only by its zone lies somewhere in the zone, not at its point, so a
        distance from it to any place is at least about the zone's mean internal distance
        (:func:`~remotecalc.inputs.geography.zone_internal_distance_km`, the same formula as a
        commute within the site's zone). Hubs and relocation use it as a floor on the
        great-circle distance from such a home to a hub or a new site, so that a home in the
        hub's own postcode is not 0 km away. A zone without a known area takes the median
        area of its kind.
        """
        return pd.Series(self._home_zone_km, index=self.staff.index, name="home_zone_internal_km")

    @functools.cached_property
    def _home_zones(self) -> dict[str, tuple[np.ndarray, pd.DataFrame]]:
        # per zone kind: who is placed at that kind of zone's point, and each employee's zone
        # and its area (ZoneAreas.lookup), looked up once for the geometry and the floor
        staff = self.staff
        if "home_location_source" not in staff.columns:
            return {}
        loc = staff["home_location_source"].astype("string").fillna("").to_numpy(dtype=object)
        out = {}
        for kind, (home_col, _site_col) in ZONE_KINDS.items():
            placed = loc == kind
            if placed.any() and home_col in staff.columns:
                out[kind] = (placed, self._zone_areas().lookup(kind, staff[home_col]))
        return out

    @functools.cached_property
    def _home_zone_km(self) -> np.ndarray:
        out = np.zeros(len(self.staff))
        for kind, (placed, home) in self._home_zones.items():
            area = home["area_km2"].to_numpy(dtype=float)
            area = np.where(np.isnan(area), self._zone_areas().median_km2(kind), area)
            out = np.where(placed, zone_internal_distance_km(area), out)
        out.setflags(write=False)
        return out

    def distance_source(self) -> pd.Series:
        """Where each employee's commute distance comes from: one of
        :data:`DISTANCE_SOURCES` (``given``, ``od_table``, ``osm_road``, ``zone_internal``,
        ``great_circle×circuity``)."""
        return pd.Series(
            pd.Categorical.from_codes(self._geometry[2], categories=pd.Index(DISTANCE_SOURCES)),
            index=self.staff.index,
            name="distance_source",
        )

    def distance_accounting(self) -> pd.DataFrame:
        """Employees by distance source; the rows add up to the rows used.

        Returns
        -------
        pandas.DataFrame
            Columns ``source`` (every one of :data:`DISTANCE_SOURCES`) and ``rows``.
        """
        counts = np.bincount(self._geometry[2], minlength=len(DISTANCE_SOURCES))
        return pd.DataFrame(
            {
                "source": list(DISTANCE_SOURCES),
                "rows": [int(c) for c in counts],
            }
        )

    def distance_counts(self) -> np.ndarray:
        """Employees per distance source (in the order of :data:`DISTANCE_SOURCES`), then
        those whose zone had no known area: additive over the partitions of a Dask
        workforce (:func:`distance_notes`)."""
        rows = np.bincount(self._geometry[2], minlength=len(DISTANCE_SOURCES)).astype(np.int64)
        return np.append(rows, np.int64(self._geometry[3]))  # the rows of distance_accounting

    def distance_notes(self) -> list[str]:
        """Notes on how the commute distances were obtained (counts by source, the zone
        distance used for people who live in their site's zone, unknown zone areas)."""
        counts = self.distance_counts()
        areas = self._zone_areas() if counts[-1] else None
        return distance_notes(counts, areas)

    @functools.cached_property
    def derived(self) -> DerivedCache:
        """What analyses computed from this workforce alone (and the parameter values,
        part of each key): :func:`remotecalc.prepare`'s scenario-independent work, so that
        a second ``assess``, ``sweep`` or ``monte_carlo`` of the same workforce and
        parameters does not redo it. Bounded (:class:`DerivedCache`, one entry); not
        pickled; ``wf.derived.clear()`` frees it. A changed workforce (``with_od``,
        ``with_work_trips``, ...) is a new object with an empty cache."""
        return DerivedCache(maxsize=1)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("derived", None)  # a cache, not data (and large): rebuilt when needed
        return state

    def _zone_areas(self) -> ZoneAreas:
        if self.zone_areas is not None:
            return self.zone_areas
        return _packaged_zone_areas()

    @functools.cached_property
    def _geometry(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        staff = self.staff
        pos = positions(staff["site_id"], self.sites["site_id"])
        slat = np.where(pos >= 0, self.sites["lat"].to_numpy(dtype=float)[pos], np.nan)
        slon = np.where(pos >= 0, self.sites["lon"].to_numpy(dtype=float)[pos], np.nan)
        d = haversine_km(
            staff["home_lat"].to_numpy(dtype=float),
            staff["home_lon"].to_numpy(dtype=float),
            slat,
            slon,
        )
        n = len(staff)
        given = (
            staff["one_way_km"].notna().to_numpy()
            if "one_way_km" in staff.columns
            else np.zeros(n, dtype=bool)
        )
        code = {s: np.int8(i) for i, s in enumerate(DISTANCE_SOURCES)}  # one byte each
        src = np.where(given, code["given"], code["great_circle×circuity"]).astype(np.int8)
        if "distance_source" in staff.columns:
            for routed in ROUTED_DISTANCE_SOURCES:  # a routed table's km is also in one_way_km
                hit = (staff["distance_source"] == routed).fillna(False).to_numpy(dtype=bool)
                src = np.where(hit, code[routed], src).astype(np.int8)
        n_fallback = 0
        for kind, (placed_at_zone, home) in self._home_zones.items():
            placed = placed_at_zone & ~given
            site_col = ZONE_KINDS[kind][1]
            same = placed & (d == 0.0)  # the zone's point to itself
            if site_col in self.sites.columns:
                site = self._zone_areas().lookup(kind, self.sites[site_col])
                site_zone = np.where(
                    pos >= 0, site["zone"].to_numpy(dtype=object)[np.clip(pos, 0, None)], None
                )
                home_zone = home["zone"].to_numpy(dtype=object)
                same |= placed & pd.notna(home_zone) & (home_zone == site_zone)
            if not same.any():
                continue
            n_fallback += int((same & np.isnan(home["area_km2"].to_numpy(dtype=float))).sum())
            d = np.where(same, self._home_zone_km, d)
            src = np.where(same, code["zone_internal"], src).astype(np.int8)
        for a in (pos, d, src):
            a.setflags(write=False)
        return pos, d, src, n_fallback

    def with_zone_areas(
        self, areas: ZoneAreas | pd.DataFrame | str | Path, kind: str | None = None
    ) -> Workforce:
        """The same workforce with other zone areas (for the zone-internal distance).

        Parameters
        ----------
        areas : ZoneAreas, DataFrame or path
            A :class:`~remotecalc.inputs.geography.ZoneAreas`, or a table (CSV path or DataFrame)
            with a code column and ``area_km2`` (or ``area_km2_approx``, as in
            ``shared/data/dk/municipalities.csv``) and a ``kind`` column
            (``postcode``/``municipality``) or the ``kind`` argument.
        kind : {"postcode", "municipality"}, optional
            The kind of every zone of a table without a ``kind`` column.
        """
        if isinstance(areas, ZoneAreas):
            table = areas
        elif isinstance(areas, pd.DataFrame):
            table = ZoneAreas.from_frame(areas, kind=kind)
        else:
            frame = pd.read_csv(areas, dtype=str, encoding="utf-8-sig")
            table = ZoneAreas.from_frame(frame, kind=kind, source=Path(areas).name)
        return dataclasses.replace(self, zone_areas=table)

    def with_od(self, od: pd.DataFrame) -> Workforce:
        """The same workforce with routed distances from an origin-destination table.

        Employees without a given ``one_way_km`` whose home zone (postcode or municipality
        code, as the table's origin column says; or the employee id, in the table of
        :func:`remotecalc.road_distances`), site and mode match a row of the table
        take its ``km`` (and its ``minutes`` where they have no travel time of their own);
        their distance source becomes ``od_table`` (``osm_road`` for road distances). A row
        with a mode applies to that mode; a row without one gives its km to every mode and
        its minutes (taken as a driving time) only to car drivers; a row with the employee's
        mode wins. The table's distances are network distances: no circuity is applied to
        them. Others keep their distance (given, zone-internal or great-circle × circuity).

        Parameters
        ----------
        od : pandas.DataFrame
            :func:`remotecalc.read_od`'s result (read a file with
            ``rc.read_od(path, sites=workforce.sites)``, or pass ``od=path`` to
            :func:`remotecalc.read_staffing`).

        Returns
        -------
        Workforce
            With ``one_way_km``, ``commute_minutes_one_way`` and ``distance_source``
            filled for the matched employees, and a note counting them.
        """
        if not (isinstance(od, pd.DataFrame) and "origin_kind" in od.columns):
            raise TypeError(
                "with_od takes the table read by remotecalc.read_od(path, sites=wf.sites); "
                f"got {type(od).__name__}"
            )
        staff, notes = apply_od(self.staff, od)
        return dataclasses.replace(self, staff=staff, notes=[*self.notes, *notes])

    def summary(self, lang: str = "en") -> str:
        """A few lines a person can read: source, row accounting, sites, notes (in ``lang``,
        English or Danish)."""
        from remotecalc.i18n import fmt_number, note_text, t
        from remotecalc.i18n.phrases import phrase_text

        p = self.provenance

        def num(x: float) -> str:
            return fmt_number(x, lang)

        lines = [
            t("wf_summary_from", lang, file=p["file"], format=p["format"], sha=p["sha256"][:12]),
            t(
                "wf_summary_rows",
                lang,
                read=num(p["rows_read"]),
                used=num(p["rows_used"]),
                bad=num(p["rows_excluded"]),
            ),
            t("wf_summary_sites", lang, n=len(self.sites))
            + (
                t("wf_summary_sites_from", lang, file=p["sites_file"])
                if p.get("sites_file")
                else ""
            ),
        ]
        if p["rows_excluded"]:
            top = self.exclusion_reasons().head(5)
            for col, prob, n in zip(top["column"], top["problem"], top["rows"], strict=True):
                lines.append(
                    t(
                        "wf_summary_excluded",
                        lang,
                        n=num(n),
                        col=col,
                        problem=phrase_text(str(prob), lang),
                    )
                )
        lines += [f"  {t('cli_note', lang)}: {note_text(n, lang)}" for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<remotecalc.Workforce: {self.n_employees:,} employees, {len(self.sites)} sites>\n"
            + self.summary()
        )


@functools.cache
def _packaged_zone_areas() -> ZoneAreas:
    return ZoneAreas.packaged()


def distance_notes(counts: np.ndarray, areas: ZoneAreas | None = None) -> list[str]:
    """The notes of :meth:`Workforce.distance_notes` from :meth:`Workforce.distance_counts`
    (summed over partitions on the Dask backend). ``areas``: the zone-area table, named in
    the note on unknown zone areas."""
    counts = np.asarray(counts, dtype=np.int64)
    rows = dict(zip(DISTANCE_SOURCES, (int(c) for c in counts[:-1]), strict=True))
    n = sum(rows.values())
    if not n:
        return []
    parts = [Note("distance_source_count", source=Note.word(s), n=r) for s, r in rows.items() if r]
    notes: list[str] = [Note("distance_sources", parts=parts, n=n)]
    n_zone = rows.get("zone_internal", 0)
    if n_zone:
        # the text writes MEAN_DISC_DISTANCE_PER_RADIUS = 128/(45π) as 0.9054
        notes.append(Note("zone_internal", n=n_zone))
    n_fallback = int(counts[-1])
    if n_fallback:
        where = Note("zone_area_where", source=str(areas.source)) if areas is not None else ""
        medians = (
            Note(
                "zone_area_medians",
                medians=[
                    Note(
                        "zone_area_median",
                        zone=Note.word(k),
                        km2=round(float(areas.median_km2(k))),
                    )
                    for k in ZONE_KINDS
                ],
            )
            if areas is not None
            else ""
        )
        notes.append(Note("zone_area_unknown", n=n_fallback, where=where, medians=medians))
    return notes
