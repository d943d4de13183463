"""Relocation: move positions from their site to another one, and what it changes.

The public sector's big move, relocating jobs out of the capital, changes commuting only
through an assumption about who fills the moved positions. Two are offered, and a result
always says which one was used:

- ``fill="incumbents"``: today's employees move with their jobs and keep their homes. Their
  commute becomes home → new site. Their mode is redrawn from the mode mix of today's staff
  who live at a similar distance from their site (``modes="by_distance"``, default: nobody
  walks 40 km) or kept (``modes="keep"``).
- ``fill="local_hires"``: the positions are filled by new hires who live like the local
  workforce around the new site: each moved position takes the home (and mode, and any
  given distance or travel time) of a person drawn at random from a reference population,
  by default today's staff of the new site.

The job itself (FTE, on-site days today, teleworkability, department, ...) moves unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from remotecalc.evaluation import disclosure
from remotecalc.evaluation.entry import DEFAULT_MIN_GROUP_SIZE, Assessment, assess, resolve_params
from remotecalc.i18n.notes import Note
from remotecalc.inputs.parameters import Parameters
from remotecalc.inputs.scenario import Scenario, Selection
from remotecalc.inputs.workforce import Workforce

__all__ = ["DISTANCE_BANDS_KM", "FILLS", "RelocationResult", "assess_relocation", "relocate"]

#: Who fills the moved positions.
FILLS: tuple[str, ...] = ("incumbents", "local_hires")

#: Great-circle distance bands [km] within which a mover's new mode is drawn from today's
#: staff (``modes="by_distance"``).
DISTANCE_BANDS_KM: tuple[float, ...] = (0.0, 2.0, 5.0, 10.0, 20.0, 40.0, 80.0, np.inf)


def _selected(staff: pd.DataFrame, selection: dict) -> np.ndarray:
    if not selection:
        raise ValueError(
            "selection is empty: give {column: [values]}, e.g. "
            "{'unit': ['Jobcenter']} or {'site_id': ['RAAD']}"
        )
    return Selection.of(selection).mask(staff, owner="selection")


def _mode_by_distance(
    staff: pd.DataFrame, gc_km: np.ndarray, new_gc_km: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Draw a mode for each new distance from today's mode mix in its distance band."""
    edges = np.asarray(DISTANCE_BANDS_KM)
    ok = np.isfinite(gc_km)
    band_ref = np.searchsorted(edges, gc_km[ok], side="right") - 1
    modes_ref = staff["mode"].astype(str).to_numpy()[ok]
    band_new = np.searchsorted(edges, new_gc_km, side="right") - 1
    filled = np.unique(band_ref)
    if len(filled) == 0:
        raise ValueError(
            "no employee with home coordinates to learn the mode mix from; use modes='keep'"
        )
    out = np.empty(len(new_gc_km), dtype=object)
    for b in np.unique(band_new):
        use = filled[np.argmin(np.abs(filled - b))]  # nearest band with staff
        pool = modes_ref[band_ref == use]
        idx = np.flatnonzero(band_new == b)
        out[idx] = pool[rng.integers(0, len(pool), len(idx))]
    return out


def relocate(
    workforce: Workforce,
    selection: dict,
    to_site: str,
    share: float = 1.0,
    fill: str = "incumbents",
    seed: int | np.random.Generator | None = None,
    *,
    modes: str = "by_distance",
    reference: pd.DataFrame | None = None,
) -> Workforce:
    """Move a share of the selected positions to another site.

    Parameters
    ----------
    workforce : Workforce
    selection : dict
        Which positions: ``{column: [values]}``, all conditions holding, e.g.
        ``{"unit": ["Jobcenter"]}``, ``{"occupation_isco08": ["2422"], "site_id": ["RAAD"]}``.
        Positions already at ``to_site`` stay.
    to_site : str
        Site id of the destination; it must be in the workforce's sites table (add a new
        site there first).
    share : float, default 1.0
        Share of the selected positions that move, 0-1; which ones is drawn at random
        (``round(share × n)`` positions). [share]
    fill : {"incumbents", "local_hires"}, default "incumbents"
        Who fills the moved positions (see the module notes).
    seed : int, numpy.random.Generator or None
        For the choice of positions, the redrawn modes and the local hires.
    modes : {"by_distance", "keep"}, default "by_distance"
        Incumbents only: redraw each mover's mode from today's staff in the same
        great-circle distance band (:data:`DISTANCE_BANDS_KM`), or keep it.
    reference : pandas.DataFrame, optional
        Local hires only: the population new hires are drawn from, with columns
        ``home_lat, home_lon, mode`` (optionally ``one_way_km`` and
        ``commute_minutes_one_way`` to the new site). Default: today's staff of ``to_site``.

    Returns
    -------
    Workforce
        A new workforce (the input is unchanged): moved rows have the new ``site_id``,
        ``relocated = True`` and ``relocated_from`` (old site); a note says what was assumed.

    Raises
    ------
    ValueError
        Unknown site or column, a selection that moves nobody, incumbents without home
        coordinates (their new distance cannot be computed), no local workforce to draw from.

    Examples
    --------
    >>> from remotecalc.datasets import demo_workforce
    >>> wf = demo_workforce(300, seed=1)
    >>> moved = relocate(wf, {"site_id": ["JOBC"]}, to_site="RAAD", seed=1)
    >>> int(moved.staff["relocated"].sum()), int((moved.staff["site_id"] == "JOBC").sum())
    (18, 0)
    """
    if fill not in FILLS:
        raise ValueError(f"fill must be one of {FILLS}, not {fill!r}")
    if modes not in ("by_distance", "keep"):
        raise ValueError(f"modes must be 'by_distance' or 'keep', not {modes!r}")
    if not 0.0 <= float(share) <= 1.0:
        raise ValueError(f"share must lie in [0, 1], found {share}")
    sites = workforce.sites
    site_ids = sites["site_id"].astype(str).tolist()
    if to_site not in site_ids:
        raise ValueError(
            f"to_site '{to_site}' is not a site of the workforce; sites: {', '.join(site_ids)}"
        )
    staff = workforce.staff
    rng = np.random.default_rng(seed)
    sel = _selected(staff, selection) & (staff["site_id"].astype(str) != to_site).to_numpy()
    candidates = np.flatnonzero(sel)
    n_move = round(float(share) * len(candidates))
    if n_move == 0:
        raise ValueError(
            f"selection {selection} moves nobody to '{to_site}' "
            f"({len(candidates)} position(s) selected outside it, share {share})"
        )
    movers = (
        candidates
        if n_move == len(candidates)
        else np.sort(rng.choice(candidates, n_move, replace=False))
    )
    new = staff.copy()
    new["relocated"] = False
    new["relocated_from"] = pd.Series(pd.NA, index=new.index, dtype=staff["site_id"].dtype)

    def pos(col: str) -> int:
        return int(new.columns.get_indexer(pd.Index([col]))[0])

    rows = np.asarray(movers)
    new.iloc[rows, pos("relocated_from")] = staff["site_id"].iloc[movers].to_numpy()
    new.iloc[rows, pos("relocated")] = True
    new.iloc[rows, pos("site_id")] = to_site
    site_row = sites.loc[sites["site_id"].astype(str) == to_site].iloc[0]
    for col in ("one_way_km", "commute_minutes_one_way"):
        if col in new.columns:  # distances and times were to the old site
            new.iloc[rows, pos(col)] = np.nan
    if fill == "incumbents":
        lat = staff["home_lat"].to_numpy(dtype=float)[movers]
        lon = staff["home_lon"].to_numpy(dtype=float)[movers]
        if np.isnan(lat).any() or np.isnan(lon).any():
            raise ValueError(
                f"{int(np.isnan(lat).sum())} incumbent(s) to move have no home "
                "coordinates (only a given distance to today's site), so their "
                "new commute cannot be computed; use fill='local_hires' or give "
                "homes"
            )
        if modes == "by_distance":
            from remotecalc.inputs.geography import haversine_km

            new_gc = np.maximum(  # a zone-placed home is not 0 km from a site in its zone
                haversine_km(lat, lon, float(site_row["lat"]), float(site_row["lon"])),
                workforce.home_zone_internal_km().to_numpy()[movers],
            )
            drawn = _mode_by_distance(staff, workforce.great_circle_km().to_numpy(), new_gc, rng)
            new["mode"] = new["mode"].astype(object)
            new.iloc[rows, pos("mode")] = drawn
            new["mode"] = (
                new["mode"].astype(staff["mode"].dtype)
                if set(drawn) <= set(staff["mode"].astype(str))
                else new["mode"].astype(str)
            )
        how = Note(
            "relocation_incumbents_redrawn"
            if modes == "by_distance"
            else "relocation_incumbents_kept"
        )
    else:
        ref = (
            staff[(staff["site_id"].astype(str) == to_site).to_numpy()]
            if reference is None
            else reference
        )
        need = {"home_lat", "home_lon", "mode"} - set(ref.columns)
        if need:
            raise ValueError(f"reference lacks column(s) {sorted(need)}")
        if len(ref) == 0:
            raise ValueError(
                f"no staff at '{to_site}' today to take as the local workforce; "
                "pass reference=DataFrame(home_lat, home_lon, mode)"
            )
        pick = ref.iloc[rng.integers(0, len(ref), n_move)]
        new["mode"] = new["mode"].astype(object)
        cols = ["home_lat", "home_lon", "mode"] + [
            c
            for c in ("one_way_km", "commute_minutes_one_way", "home_location_source")
            if c in ref.columns and c in new.columns
        ]
        for c in cols:
            new.iloc[rows, pos(c)] = pick[c].to_numpy()
        new["mode"] = (
            new["mode"].astype(staff["mode"].dtype)
            if set(new["mode"].astype(str)) <= set(staff["mode"].astype(str))
            else new["mode"].astype(str)
        )
        how = Note(
            "relocation_local_hires",
            site=str(to_site),
            reference=Note(
                "relocation_reference_today" if reference is None else "relocation_reference_given"
            ),
            n=len(ref),
        )
    note = Note(
        "relocation",
        n=int(n_move),
        total=len(candidates),
        selection=str(selection),
        site=str(to_site),
        how=how,
    )
    prov = dict(workforce.provenance)
    prov["relocation"] = {
        "selection": selection,
        "to_site": to_site,
        "share": share,
        "fill": fill,
        "modes": modes,
        "moved": n_move,
        "assumption": how,
    }
    return replace(workforce, staff=new, provenance=prov, notes=list(workforce.notes) + [note])


@dataclass(frozen=True, repr=False)
class RelocationResult:
    """What moving positions changes, under one scenario, before against after.

    Attributes
    ----------
    comparison : pandas.DataFrame
        ``metric, label, unit, before, after, change``: the summary's scenario column
        (the policy state; today's pattern without a scenario) of the organisation before
        and after the move.
    sites : pandas.DataFrame
        Per site: ``site_id, affected, employees_before/_after, desks_today_before/_after,
        desks_needed_before/_after, area_m2_before/_after,
        commute_km_before/_after, commute_co2e_t_before/_after, office_cost_before/_after,
        desk_shortfall_before/_after, suppressed, desk_effects_withheld``. Desks needed are
        those of the scenario
        state at its service level; a shortfall is desks needed beyond the desks held (today's
        desks, or after the move those the space rule gives). Sites with fewer employees
        than the minimum group size show no numbers; sites where fewer than it work at
        desks (before or after) show no desk, area or office-cost numbers
        (:func:`remotecalc.evaluation.disclosure.desk_group_masks`).
    before, after : Assessment
    workforce_after : Workforce
    moved : int
    assumption : str
        Who fills the positions and how office space follows.
    """

    comparison: pd.DataFrame
    sites: pd.DataFrame
    before: Assessment
    after: Assessment
    workforce_after: Workforce
    moved: int
    assumption: str
    notes: list = field(default_factory=list)

    def __repr__(self) -> str:
        c = self.comparison.set_index("metric")
        rows = [
            f"<remotecalc.RelocationResult: {self.moved:,} position(s) moved; {self.assumption}>"
        ]
        for m in ("commute_km", "commute_hours", "net_co2e_t", "net_cost"):
            r = c.loc[m]
            rows.append(f"  {r['label']}: {r['before']:,.0f} -> {r['after']:,.0f} {r['unit']}")
        return "\n".join(rows)


def _site_table(res: Assessment, suffix: str) -> pd.DataFrame:
    e = res.per_employee
    by = e.groupby("site_id", observed=True)
    s = res.per_site.set_index("site_id")
    return pd.DataFrame(
        {
            f"employees_{suffix}": s["employees"],
            f"desks_today_{suffix}": s["desks_today"],
            f"desks_needed_{suffix}": s["desks_needed_scenario"],
            f"area_m2_{suffix}": s["area_m2_scenario"],
            f"commute_km_{suffix}": by["commute_km_scenario"].sum().reindex(s.index).fillna(0.0),
            f"commute_co2e_t_{suffix}": by["commute_co2e_kg_scenario"]
            .sum()
            .reindex(s.index)
            .fillna(0.0)
            / 1000.0,
            f"office_cost_{suffix}": s["office_cost_scenario"],
        }
    )


def assess_relocation(
    workforce: Workforce,
    selection: dict,
    to_site: str,
    share: float = 1.0,
    fill: str = "incumbents",
    seed: int | np.random.Generator | None = None,
    *,
    scenario: Scenario | None = None,
    params: Parameters | str | None = None,
    modes: str = "by_distance",
    reference: pd.DataFrame | None = None,
    space: str = "follows",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> RelocationResult:
    """Assess a relocation: commuting, CO2e, costs and desks before and after the move.

    Parameters
    ----------
    workforce, selection, to_site, share, fill, seed, modes, reference
        As in :func:`relocate`.
    scenario : Scenario, optional
        Remote-work policy in force before and after (default: today's pattern).
    params : Parameters or str, optional
        Default ``"dk-2025"``.
    space : {"follows", "fixed"}, default "follows"
        ``"follows"``: office space follows the change in desk demand at today's attendance:
        a site whose desk demand rises gets desks and area for it (area per desk × (1 +
        support space)); a site whose demand falls gives the space up if it may release
        space. ``"fixed"``: leases stay as they are; see ``desk_shortfall_after``.
    min_group_size : int, default 5

    Returns
    -------
    RelocationResult

    Examples
    --------
    >>> from remotecalc.datasets import demo_workforce
    >>> wf = demo_workforce(300, seed=1)
    >>> res = assess_relocation(wf, {"site_id": ["JOBC"]}, "RAAD", seed=1)
    >>> s = res.sites.set_index("site_id")
    >>> int(s.loc["JOBC", "employees_after"]), int(s.loc["RAAD", "employees_after"])
    (0, 81)
    """
    if space not in ("follows", "fixed"):
        raise ValueError(f"space must be 'follows' or 'fixed', not {space!r}")
    p = resolve_params(params)
    scenario = scenario or Scenario(name="today")
    moved_wf = relocate(
        workforce, selection, to_site, share, fill, seed, modes=modes, reference=reference
    )
    before = assess(workforce, scenario, p, min_group_size=min_group_size)
    after = assess(moved_wf, scenario, p, min_group_size=min_group_size)
    if space == "follows":
        b = before.per_site.set_index("site_id")
        a = after.per_site.set_index("site_id")
        delta = a["desks_needed_baseline"] - b["desks_needed_baseline"]
        sites = moved_wf.sites.set_index("site_id")
        releasable = (
            sites["space_can_be_released"].astype(bool)
            if "space_can_be_released" in sites.columns
            else pd.Series(True, index=sites.index)
        )
        delta = delta.where((delta > 0) | releasable, 0.0)
        per_desk = p["office.area_per_desk_m2"] * (1.0 + p["office.support_space_share"])
        sites["desks"] = b["desks_today"] + delta
        sites["area_m2"] = b["area_today_m2"] + delta * per_desk
        columns = list(moved_wf.sites.columns) + [
            c for c in ("desks", "area_m2") if c not in moved_wf.sites.columns
        ]
        moved_wf = replace(moved_wf, sites=sites.reset_index()[columns])
        after = assess(moved_wf, scenario, p, min_group_size=min_group_size)
        how_space = "office space follows the change in desk demand"
    else:
        how_space = "office space unchanged (leases fixed)"
    cb = before.summary().set_index("metric")
    ca = after.summary().set_index("metric")
    comparison = pd.DataFrame(
        {
            "metric": cb.index,
            "label": cb["label"].to_numpy(),
            "unit": cb["unit"].to_numpy(),
            "before": cb["scenario"].to_numpy(dtype=float),
            "after": ca["scenario"].reindex(cb.index).to_numpy(dtype=float),
        }
    )
    comparison["change"] = comparison["after"] - comparison["before"]
    sites = pd.concat([_site_table(before, "before"), _site_table(after, "after")], axis=1)
    for state in ("before", "after"):
        sites[f"desk_shortfall_{state}"] = np.maximum(
            sites[f"desks_needed_{state}"] - sites[f"desks_today_{state}"], 0.0
        )
    sites.insert(0, "affected", sites["employees_before"] != sites["employees_after"])
    # the disclosure module's rule in both states (a small site and its complements), so
    # that no withheld site follows from the published totals minus the shown sites
    small = disclosure.small_group_mask(
        sites["employees_before"], min_group_size
    ) | disclosure.small_group_mask(sites["employees_after"], min_group_size)
    num = sites.columns.drop("affected")
    sites[num] = sites[num].astype(float).where(~small, np.nan, axis=0)
    sites["suppressed"] = small
    # desk results of too few desk-based staff at a shown site, in either state
    desk_small = np.zeros(len(sites), dtype=bool)
    for res in (before, after):
        ps = res.per_site
        held = disclosure.desk_group_masks(ps, min_group_size)[1]
        desk_small |= (
            pd.Series(held, index=ps["site_id"])
            .reindex(sites.index, fill_value=False)
            .to_numpy(dtype=bool)
        )
    desk_cols = [
        c
        for c in sites.columns
        if c.startswith(("desks_needed_", "desk_shortfall_", "area_m2_", "office_cost_"))
    ]
    sites.loc[desk_small, desk_cols] = np.nan
    sites["desk_effects_withheld"] = desk_small & ~small
    moved = int(moved_wf.staff["relocated"].sum())
    assumption = f"{moved_wf.provenance['relocation']['assumption']}; {how_space}"
    return RelocationResult(
        comparison=comparison,
        sites=_unlabel(sites.reset_index()),
        before=before,
        after=after,
        workforce_after=moved_wf,
        moved=moved,
        assumption=assumption,
        notes=list(after.notes),
    )


def _unlabel(sites: pd.DataFrame) -> pd.DataFrame:
    """Withheld sites carry no name: their id and name columns are blanked."""
    out = sites.copy()
    for c in ("site_id", "site_name"):
        if c in out.columns:
            out[c] = out[c].astype(object).where(~out["suppressed"].astype(bool), None)
    return out
