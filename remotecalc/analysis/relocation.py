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

:func:`relocation_plan` goes further, as the audits of real moves measured them (issue 26):
each incumbent follows with a probability that falls with the added commute time
(:func:`follow_probability`, calibrated to the Danish and Norwegian relocations), the rest
are replaced by local hires, and a ledger over the years (:func:`ledger_lines`: recruitment,
training, lost production, severance, moving, double staffing and rent, empty space,
business travel, office, commuting, CO2e) is set beside the virtual alternative, where the
posts move but the people keep their homes and work hybrid. It returns a
:class:`RelocationPlan`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, cast

import numpy as np
import pandas as pd

from remotecalc.evaluation import disclosure
from remotecalc.evaluation.entry import DEFAULT_MIN_GROUP_SIZE, Assessment, assess, resolve_params
from remotecalc.formulas.costs import value_of_time_per_year
from remotecalc.i18n.notes import Note
from remotecalc.inputs.parameters import Parameters
from remotecalc.inputs.scenario import Scenario, Selection
from remotecalc.inputs.workforce import Workforce

__all__ = [
    "ALTERNATIVES",
    "DISTANCE_BANDS_KM",
    "FILLS",
    "LEDGER_LINES",
    "PERSPECTIVES",
    "PLAN_KEYS",
    "PLAN_OTHER_KEYS",
    "PlanInputs",
    "RelocationPlan",
    "RelocationResult",
    "assess_relocation",
    "discount_factors",
    "follow_probability",
    "ledger_lines",
    "mirror_reference",
    "one_way_minutes",
    "relocate",
    "relocation_plan",
    "space_follows",
]

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


def space_follows(
    before: Assessment, after: Assessment, moved: Workforce, params: Parameters
) -> Workforce:
    """``moved`` with each site's desks and area following its change in desk demand.

    A site whose desk demand (today's pattern) rises gets desks and area for it (area per
    desk × (1 + support space)); a site whose demand falls gives the space up if it may
    release space (``space_can_be_released``), else keeps it; a releasable site that the
    move leaves without employees is given up whole.
    """
    b = before.per_site.set_index("site_id")
    a = after.per_site.set_index("site_id")
    delta = a["desks_needed_baseline"] - b["desks_needed_baseline"]
    sites = moved.sites.set_index("site_id")
    releasable = (
        sites["space_can_be_released"].astype(bool)
        if "space_can_be_released" in sites.columns
        else pd.Series(True, index=sites.index)
    )
    delta = delta.where((delta > 0) | releasable, 0.0)
    per_desk = params["office.area_per_desk_m2"] * (1.0 + params["office.support_space_share"])
    sites["desks"] = b["desks_today"] + delta
    sites["area_m2"] = b["area_today_m2"] + delta * per_desk
    emptied = (a["employees"] == 0) & (b["employees"] > 0) & releasable
    sites.loc[emptied, ["desks", "area_m2"]] = 0.0  # a site left empty is given up whole
    columns = list(moved.sites.columns) + [
        c for c in ("desks", "area_m2") if c not in moved.sites.columns
    ]
    return replace(moved, sites=sites.reset_index()[columns])


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
        moved_wf = space_follows(before, after, moved_wf, p)
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


# ==========================================================================================
# The relocation plan: who follows, who is hired, a ledger over the years, and the virtual
# alternative (issue 26)
# ==========================================================================================

#: The parameters the plan reads, with their units (``{cur}``: the set's currency).
PLAN_KEYS: dict[str, str] = {
    "relocation.follow_floor_share": "share",
    "relocation.follow_midpoint_minutes": "min",
    "relocation.follow_scale_minutes": "min",
    "relocation.moves_home_above_minutes": "min",
    "relocation.wage_cost_per_fte_per_year": "{cur}/FTE/yr",
    "relocation.vacancy_months": "months",
    "relocation.recruitment_cost_per_hire": "{cur}/hire",
    "relocation.training_cost_per_hire": "{cur}/hire",
    "relocation.newcomer_output_loss_year1_share": "share",
    "relocation.output_loss_decay_per_year": "share/yr",
    "relocation.double_staffing_months_per_leaver": "months",
    "relocation.severance_months_per_leaver": "months",
    "relocation.moving_allowance_per_mover": "{cur}/mover",
    "relocation.setup_cost_per_post": "{cur}/post",
    "relocation.double_rent_months": "months",
    "relocation.empty_space_years": "yr",
    "relocation.business_travel_per_post_per_year": "{cur}/post/yr",
    "relocation.business_travel_transition_per_post": "{cur}/post",
    "relocation.business_travel_reference_km": "km",
    "relocation.virtual_business_travel_share": "share",
    "relocation.annual_turnover_share": "share/yr",
}

#: Other keys the plan's ledger reads (their declared uncertainty is drawn too).
PLAN_OTHER_KEYS: tuple[str, ...] = ("finance.discount_rate", "cost.value_of_time_per_hour")

#: Lines of the ledger: key -> (perspective, kind, source). Money lines are in the set's
#: currency per year (positive = a cost to the one who bears it, negative = a saving);
#: ``*_co2e_t`` lines in t CO2e per year.
LEDGER_LINES: dict[str, tuple[str, str, str]] = {
    "recruitment": (
        "employer",
        "one_off",
        "leavers x relocation.recruitment_cost_per_hire (turnover-cost split: "
        "dagens-erhvervsnyt.dk, R2; Azets 2022, R)",
    ),
    "training": (
        "employer",
        "one_off",
        "leavers x relocation.training_cost_per_hire (assumption, M)",
    ),
    "severance": (
        "employer",
        "one_off",
        "leavers x relocation.severance_months_per_leaver / 12 x wage cost "
        "(funktionærloven § 2a, R2; average months M)",
    ),
    "double_staffing": (
        "employer",
        "one_off",
        "leavers x relocation.double_staffing_months_per_leaver / 12 x wage cost "
        "(Landbrugsstyrelsen's ledger 2016-19, R)",
    ),
    "vacancy_wages": (
        "employer",
        "one_off",
        "- leavers x relocation.vacancy_months / 12 x wage cost: wages not paid while "
        "posts are empty (M)",
    ),
    "moving_allowance": (
        "employer",
        "one_off",
        "followers who move home x relocation.moving_allowance_per_mover "
        "(flyttegodtgørelse rules, PAV 22, R; amount M)",
    ),
    "setup": (
        "employer",
        "one_off",
        "posts x relocation.setup_cost_per_post (Landbrugsstyrelsen: 27.0 mio. DKK "
        "for 392 posts, R)",
    ),
    "double_rent": (
        "employer",
        "one_off",
        "destination's added office cost x relocation.double_rent_months / 12 (M)",
    ),
    "empty_space": (
        "employer",
        "running",
        "origin's office saving not realised while empty, relocation.empty_space_years "
        "(Rigsrevisionen 18/2017: 8,638 m² empty, R2; M)",
    ),
    "office_running": (
        "employer",
        "running",
        "office cost after - before, both ends, office space following desk demand "
        "(remotecalc office model; site rents)",
    ),
    "business_travel": (
        "employer",
        "running",
        "posts x relocation.business_travel_per_post_per_year, plus "
        "relocation.business_travel_transition_per_post over years 1-2 "
        "(Landbrugsstyrelsen, R; RiR 2023:1, R)",
    ),
    "lost_production": (
        "production",
        "running",
        "leavers x wage cost x (vacancy months / 12 + year-1 newcomer loss), then x decay "
        "per year (IfG via CSW, R2; Riksrevisionen 2009:30 via RiR 2023:1, R)",
    ),
    "commute_cost": (
        "employees",
        "running",
        "employees' commuting cost after - before (remotecalc commuting model)",
    ),
    "commute_time_value": (
        "employees",
        "running",
        "commuting hours after - before x cost.value_of_time_per_hour",
    ),
    "external_cost": (
        "society",
        "running",
        "external costs of commuting after - before (remotecalc commuting model)",
    ),
    "commute_co2e_t": (
        "climate",
        "running",
        "commuting CO2e after - before (remotecalc commuting model)",
    ),
    "office_co2e_t": (
        "climate",
        "running",
        "office CO2e after - before (remotecalc office model)",
    ),
}

#: Perspectives in the order of the ledger's totals.
PERSPECTIVES: tuple[str, ...] = ("employer", "production", "employees", "society", "climate")

#: Alternatives a plan compares.
ALTERNATIVES: tuple[str, ...] = ("physical", "virtual")

_QUANTILES = (0.05, 0.95)


def follow_probability(
    added_minutes: Any,
    floor_share: Any,
    midpoint_minutes: Any,
    scale_minutes: Any,
) -> Any:
    r"""Probability that an employee follows a relocated job (moves home or commutes).

    Parameters
    ----------
    added_minutes : numeric
        Added one-way commute time: the model's minutes to the new site minus those to
        today's site; a shorter commute counts as 0. [min]
    floor_share : numeric
        Share who follow however far the job goes, ``f``. [share]
    midpoint_minutes : numeric
        Added time at which the logistic part is halfway down, ``t50``. [min]
    scale_minutes : numeric
        Width of the fall, ``s`` (from 73 % to 27 % of the logistic part's height
        over ``2 s``). [min]

    Returns
    -------
    numeric
        Probability of following. [share]

    Notes
    -----
    A logistic with a floor, scaled so that no added time means no one leaves:

    .. math::
        P(t) = f + (1 - f)\,\frac{L(t)}{L(0)}, \qquad
        L(t) = \frac{1}{1 + e^{(t - t_{50})/s}}, \qquad t = \max(0, \Delta t)

    ``P(0) = 1`` (a move that adds no commute loses no one beyond ordinary turnover, which
    happens anyway) and ``P(∞) = f``. Evaluated in logs (``logaddexp``), so long added
    times do not overflow. Calibrated to the Danish and Norwegian relocations (the
    parameter notes of ``relocation.follow_*``).

    Examples
    --------
    >>> round(float(follow_probability(0.0, 0.08, 360.0, 60.0)), 6)
    1.0
    >>> round(float(follow_probability(1e6, 0.08, 360.0, 60.0)), 6)
    0.08
    >>> round(float(follow_probability(360.0, 0.0, 360.0, 60.0)), 4)  # L(t50)/L(0) = 0.5 x (1+e^-6)
    0.5012
    """
    t = np.maximum(np.asarray(added_minutes, dtype=float), 0.0)
    f = np.asarray(floor_share, dtype=float)
    t50 = np.asarray(midpoint_minutes, dtype=float)
    s = np.asarray(scale_minutes, dtype=float)
    ratio = np.exp(np.logaddexp(0.0, -t50 / s) - np.logaddexp(0.0, (t - t50) / s))
    return f + (1.0 - f) * ratio


def discount_factors(discount_rate: Any, horizon_years: int) -> np.ndarray:
    r"""Present value of 1 paid at the end of each year 1..T: ``(1 + r)^-t``.

    Their sum is :func:`remotecalc.formulas.costs.annuity_factor` (the convention of
    :func:`remotecalc.formulas.costs.npv`). Shape ``(T,)``, or ``(n_draws, T)`` for a rate
    per draw.

    Examples
    --------
    >>> discount_factors(0.0, 3).tolist()
    [1.0, 1.0, 1.0]
    >>> discount_factors(0.1, 2).round(6).tolist()
    [0.909091, 0.826446]
    """
    r = np.asarray(discount_rate, dtype=float)
    t = np.arange(1, int(horizon_years) + 1, dtype=float)
    return np.power(1.0 + r[..., None], -t)


def one_way_minutes(workforce: Workforce, params: Parameters) -> np.ndarray:
    """The model's one-way commute time of every employee: given, else distance / speed.

    The commute-time formula of the model
    (:func:`remotecalc.formulas.commute.annual_commute_hours`) for one trip (half a day
    on site), in minutes. [min]
    """
    from remotecalc.formulas.commute import annual_commute_hours
    from remotecalc.model import engine

    inp = engine.employee_inputs(
        workforce.staff, workforce.sites, workforce.great_circle_km().to_numpy(), params
    )
    return 60.0 * np.asarray(
        annual_commute_hours(inp.one_way_km, 0.5, inp.own.speed_km_per_h, inp.minutes),
        dtype=float,
    )


def mirror_reference(workforce: Workforce, rows: np.ndarray, to_site: str) -> pd.DataFrame:
    """A destination labour pool that lives around ``to_site`` as today's staff live around
    their sites: each selected employee's home is moved with their site, keeping its
    distance and bearing (km offsets), and keeps its mode.

    The default pool of new hires for a destination where nobody works today.
    """
    from remotecalc.inputs.geography import haversine_km

    staff = workforce.staff.iloc[rows]
    sites = workforce.sites.set_index(workforce.sites["site_id"].astype(str))
    ids = pd.Index(staff["site_id"].astype(str))
    s_lat = sites["lat"].reindex(ids).to_numpy(dtype=float)
    s_lon = sites["lon"].reindex(ids).to_numpy(dtype=float)
    lat = staff["home_lat"].to_numpy(dtype=float)
    lon = staff["home_lon"].to_numpy(dtype=float)
    if np.isnan(lat).any() or np.isnan(s_lat).any():
        raise ValueError(
            f"no staff at '{to_site}' today and not every moved employee has home and site "
            "coordinates to mirror: pass reference=DataFrame(home_lat, home_lon, mode), the "
            "labour pool new hires are drawn from"
        )
    d_lat, d_lon = (float(cast(float, sites.at[to_site, c])) for c in ("lat", "lon"))
    km = 6371.0088 * np.pi / 180.0
    north = (lat - s_lat) * km
    east = (lon - s_lon) * km * np.cos(np.radians(s_lat))
    out = pd.DataFrame(
        {
            "home_lat": d_lat + north / km,
            "home_lon": d_lon + east / (km * np.cos(np.radians(d_lat))),
            "mode": staff["mode"].astype(str).to_numpy(),
        }
    )
    # a home in the site's own zone keeps its internal distance (never 0 km)
    gc = np.asarray(haversine_km(out["home_lat"], out["home_lon"], d_lat, d_lon), dtype=float)
    out.attrs["great_circle_km"] = gc
    return out


def _check_plan_params(p: Parameters) -> None:
    from remotecalc.errors import ParameterError

    missing = [k for k in PLAN_KEYS if k not in p]
    if missing:
        raise ParameterError(
            f"parameter set '{p.name}' lacks the relocation parameter(s) {missing}: add them "
            "(a '# ==== Relocation ====' block as in the packaged dk-2025 set) or use a "
            "packaged set"
        )
    bad = []
    for k, unit in PLAN_KEYS.items():
        want = unit.format(cur=p.currency)
        got = p.entry(k).unit
        if got != want:
            bad.append(f"{k}: unit '{got}', expected '{want}'")
        if not p[k] >= 0:
            bad.append(f"{k}: value {p[k]} is negative")
    for k in ("relocation.follow_midpoint_minutes", "relocation.follow_scale_minutes"):
        if k in p and not p[k] > 0:
            bad.append(f"{k}: value {p[k]} must be > 0")
    if bad:
        raise ParameterError(f"parameter set '{p.name}': " + "; ".join(bad))


@dataclass(frozen=True)
class PlanInputs:
    """Everything the ledger needs that does not depend on the drawn parameters.

    Per moved position (arrays of length ``n``): today's and the new one-way minutes, and
    the change of every commuting quantity (scenario state, after - before) when the
    incumbent follows (``inc``), when a local hire fills the post (``hire``) and, in the
    virtual alternative, when the incumbent stays at today's site working hybrid
    (``keep``). Per state: the organisation's office cost and CO2e change, and the parts
    of the office change at the destination and at the origin sites.
    """

    n: int
    minutes_before: np.ndarray
    minutes_after: np.ndarray
    delta: dict[str, dict[str, np.ndarray]]
    office_cost: dict[str, float]
    office_co2e_t: dict[str, float]
    destination_office_cost: float
    origin_office_saving: float
    travel_distance_km: float = math.inf
    """Mean great-circle distance from the moved positions' sites to the destination. [km]"""

    @property
    def added_minutes(self) -> np.ndarray:
        """Added one-way time, 0 where the new commute is shorter. [min]"""
        return np.maximum(self.minutes_after - self.minutes_before, 0.0)


#: Commuting quantities carried per employee: assessment column -> ledger line.
_COMMUTE_COLUMNS: dict[str, str] = {
    "travel_cost": "commute_cost",
    "commute_hours": "commute_hours",
    "external_cost": "external_cost",
    "commute_co2e_kg": "commute_co2e_kg",
    "commute_km": "commute_km",
}


def _value(values: dict[str, Any], key: str) -> np.ndarray:
    """A parameter's value(s) as a column ``(D, 1)``."""
    return np.asarray(values[key], dtype=float).reshape(-1, 1)


def _travel_scale(inputs: PlanInputs, values: dict[str, Any]) -> np.ndarray:
    """Business travel per post relative to the source move's: distance / reference, at most 1
    (a move across town needs little; no extrapolation beyond the source's distance)."""
    ref = _value(values, "relocation.business_travel_reference_km")
    return np.minimum(1.0, inputs.travel_distance_km / np.maximum(ref, 1e-9))


def _mean_distance_km(workforce: Workforce, rows: np.ndarray, to_site: str) -> float:
    """Mean great-circle distance from the sites of ``rows`` to ``to_site`` (unknown: inf,
    so business travel is not scaled down). [km]"""
    from remotecalc.inputs.geography import haversine_km

    sites = workforce.sites.set_index(workforce.sites["site_id"].astype(str))
    ids = pd.Index(workforce.staff["site_id"].astype(str).to_numpy()[rows])
    lat, lon = (sites[c].astype(float).reindex(ids).to_numpy() for c in ("lat", "lon"))
    d_lat, d_lon = (float(cast(float, sites.at[to_site, c])) for c in ("lat", "lon"))
    d = np.asarray(haversine_km(lat, lon, d_lat, d_lon), dtype=float)
    return float(d.mean()) if len(d) and np.isfinite(d).all() else math.inf


def ledger_lines(
    inputs: PlanInputs, values: dict[str, Any], horizon_years: int, alternative: str
) -> dict[str, np.ndarray]:
    """The ledger of one alternative: every line per draw and year.

    Parameters
    ----------
    inputs : PlanInputs
    values : dict
        Parameter values by key (:data:`PLAN_KEYS` and :data:`PLAN_OTHER_KEYS`): floats,
        or arrays of shape ``(D,)`` (one per draw).
    horizon_years : int
        Years 1..T after the move. [yr]
    alternative : {"physical", "virtual"}

    Returns
    -------
    dict
        Line key (:data:`LEDGER_LINES`) -> array ``(D, T)`` [currency/yr or t CO2e/yr], plus
        ``followers``, ``leavers``, ``movers_home`` and ``staff_at_destination`` ``(D, T)``
        [posts]: what the lines are built on.

    Notes
    -----
    Physical move, with ``p_i`` the follow probability of position ``i``
    (:func:`follow_probability`), ``h_i`` = 1 when the new one-way time exceeds
    ``relocation.moves_home_above_minutes`` (a follower then moves home near the new site
    and commutes like a local hire), ``F = Σ p_i`` followers, ``L = N - F`` leavers replaced
    by local hires, ``M = Σ p_i h_i`` followers who move home, ``w`` the wage cost:
    recruitment ``L c_r``, training ``L c_t``, severance ``L m_s w / 12``, double staffing
    ``L m_d w / 12``, wages saved while vacant ``-L m_v w / 12``, moving ``M c_m``, set-up
    ``N c_s``, double rent ``ΔO_dest m_r / 12`` (all in year 1); lost production
    ``L w (m_v / 12 + λ_1) δ^{t-1}``; empty space ``S_origin min(1, max(0, E - (t - 1)))``;
    office ``ΔO``; business travel ``N k (b + b_1 / 2 [t ≤ 2])`` with
    ``k = min(1, d / d_ref)`` (``d``: mean great-circle distance of the move); commuting
    quantity ``X``:
    ``Σ_i p_i (1 - h_i) ΔX^{inc}_i + (1 - p_i (1 - h_i)) ΔX^{hire}_i``, time valued at the
    value of time.
    Virtual alternative, ``τ`` the annual turnover, ``k_t = (1 - τ)^{t - 1/2}`` the share of
    today's staff still in post in year ``t`` (the rest replaced by local hires at the
    destination, as ordinary turnover would anyway): commuting and office
    ``k_t ΔX^{keep} + (1 - k_t) ΔX^{hire}``, set-up ``N c_s (1 - τ)^{t-1} τ``, business
    travel ``N k b v`` (``v``: the share of the move's business travel left when meetings are
    online); no recruitment, training, severance, double staffing, moving, double rent,
    empty space or lost production beyond ordinary turnover.
    """
    n, horizon = inputs.n, int(horizon_years)
    years = np.arange(1, horizon + 1, dtype=float)[None, :]
    first = (years == 1).astype(float)
    shapes = [np.asarray(v, dtype=float).size for v in values.values()]
    draws = max(shapes) if shapes else 1
    zero = np.zeros((draws, horizon))

    def year1(x: np.ndarray) -> np.ndarray:
        return np.broadcast_to(x.reshape(-1, 1), (draws, 1)) * first + zero

    def running(x: Any) -> np.ndarray:
        return np.broadcast_to(np.asarray(x, dtype=float), (draws, horizon)) + zero

    wage = _value(values, "relocation.wage_cost_per_fte_per_year")
    vot = _value(values, "cost.value_of_time_per_hour")
    out: dict[str, np.ndarray] = {k: zero.copy() for k in LEDGER_LINES}
    d = inputs.delta
    if alternative == "physical":
        p = follow_probability(
            inputs.added_minutes[None, :],
            _value(values, "relocation.follow_floor_share"),
            _value(values, "relocation.follow_midpoint_minutes"),
            _value(values, "relocation.follow_scale_minutes"),
        )
        home = (inputs.added_minutes[None, :] > 0.0) & (
            inputs.minutes_after[None, :] > _value(values, "relocation.moves_home_above_minutes")
        )
        w_inc = p * ~home  # followers who keep their home and commute
        followers = p.sum(axis=1)
        leavers = n - followers
        movers = (p * home).sum(axis=1)

        def commute(col: str) -> np.ndarray:
            x = (w_inc * d["inc"][col][None, :] + (1.0 - w_inc) * d["hire"][col][None, :]).sum(
                axis=1
            )
            return running(x[:, None])

        def v(key: str) -> np.ndarray:
            return _value(values, key)[:, 0]

        out["recruitment"] = year1(leavers * v("relocation.recruitment_cost_per_hire"))
        out["training"] = year1(leavers * v("relocation.training_cost_per_hire"))
        out["severance"] = year1(
            leavers * v("relocation.severance_months_per_leaver") / 12.0 * wage[:, 0]
        )
        out["double_staffing"] = year1(
            leavers * v("relocation.double_staffing_months_per_leaver") / 12.0 * wage[:, 0]
        )
        vacancy = np.minimum(v("relocation.vacancy_months"), 12.0) / 12.0
        out["vacancy_wages"] = year1(-leavers * vacancy * wage[:, 0])
        out["moving_allowance"] = year1(movers * v("relocation.moving_allowance_per_mover"))
        out["setup"] = year1(np.full(draws, n) * v("relocation.setup_cost_per_post"))
        out["double_rent"] = year1(
            np.full(draws, inputs.destination_office_cost)
            * v("relocation.double_rent_months")
            / 12.0
        )
        empty = _value(values, "relocation.empty_space_years")
        out["empty_space"] = inputs.origin_office_saving * np.clip(empty - (years - 1.0), 0, 1)
        out["office_running"] = running(inputs.office_cost["inc"])
        scale = _travel_scale(inputs, values)
        travel = _value(values, "relocation.business_travel_per_post_per_year")
        transition = _value(values, "relocation.business_travel_transition_per_post")
        out["business_travel"] = n * scale * (travel + transition / 2.0 * (years <= 2))
        loss1 = _value(values, "relocation.newcomer_output_loss_year1_share")
        decay = _value(values, "relocation.output_loss_decay_per_year")
        out["lost_production"] = (
            leavers[:, None] * wage * (vacancy[:, None] * first + loss1 * decay ** (years - 1.0))
        )
        out["commute_cost"] = commute("travel_cost")
        out["commute_time_value"] = value_of_time_per_year(commute("commute_hours"), vot)
        out["external_cost"] = commute("external_cost")
        out["commute_co2e_t"] = commute("commute_co2e_kg") / 1000.0
        out["office_co2e_t"] = running(inputs.office_co2e_t["inc"])
        out["followers"] = running(followers[:, None])
        out["leavers"] = running(leavers[:, None])
        out["movers_home"] = running(movers[:, None])
        out["staff_at_destination"] = running(float(n))
        out["commute_km"] = commute("commute_km")
        return {k: np.broadcast_to(x, (draws, horizon)).copy() for k, x in out.items()}
    if alternative != "virtual":
        raise ValueError(f"alternative must be one of {ALTERNATIVES}, not {alternative!r}")
    tau = _value(values, "relocation.annual_turnover_share")
    kept = (1.0 - tau) ** (years - 0.5)

    def mix(keep: Any, hire: Any) -> np.ndarray:
        return kept * keep + (1.0 - kept) * hire

    def total(state: str, col: str) -> float:
        return float(d[state][col].sum())

    out["office_running"] = mix(inputs.office_cost["keep"], inputs.office_cost["inc"])
    out["office_co2e_t"] = mix(inputs.office_co2e_t["keep"], inputs.office_co2e_t["inc"])
    out["setup"] = (
        n * _value(values, "relocation.setup_cost_per_post") * ((1.0 - tau) ** (years - 1.0) * tau)
    )
    out["business_travel"] = (
        n
        * _travel_scale(inputs, values)
        * _value(values, "relocation.business_travel_per_post_per_year")
        * _value(values, "relocation.virtual_business_travel_share")
        + zero
    )
    out["commute_cost"] = mix(total("keep", "travel_cost"), total("hire", "travel_cost"))
    out["commute_time_value"] = value_of_time_per_year(
        mix(total("keep", "commute_hours"), total("hire", "commute_hours")), vot
    )
    out["external_cost"] = mix(total("keep", "external_cost"), total("hire", "external_cost"))
    out["commute_co2e_t"] = (
        mix(total("keep", "commute_co2e_kg"), total("hire", "commute_co2e_kg")) / 1000.0
    )
    out["followers"] = running(float(n)) * kept
    out["leavers"] = zero.copy()
    out["movers_home"] = zero.copy()
    out["staff_at_destination"] = n * (1.0 - kept)
    out["commute_km"] = mix(total("keep", "commute_km"), total("hire", "commute_km"))
    return {k: np.broadcast_to(x, (draws, horizon)).copy() for k, x in out.items()}


def _per_employee_delta(
    after: Assessment, before: Assessment, rows: np.ndarray
) -> dict[str, np.ndarray]:
    a, b = after.per_employee, before.per_employee
    return {
        col: a[f"{col}_scenario"].to_numpy(dtype=float)[rows]
        - b[f"{col}_scenario"].to_numpy(dtype=float)[rows]
        for col in _COMMUTE_COLUMNS
    }


def _summary_value(res: Assessment, metric: str) -> float:
    s = res.summary().set_index("metric")
    return float(cast(float, s.at[metric, "scenario"]))


def _site_value(res: Assessment, sites: list[str], column: str) -> float:
    ps = res.per_site.set_index(res.per_site["site_id"].astype(str))
    return float(ps[column].reindex(sites).fillna(0.0).sum())


def _hybrid_at_home(staff: pd.DataFrame, rows: np.ndarray, days: float) -> pd.DataFrame:
    """Staff with the moved rows on at most ``days`` on-site days a week, where their
    teleworkable share allows (a job that is 40 % teleworkable keeps 3 of 5 days)."""
    out = staff.copy()
    today = out["onsite_days_per_week"].to_numpy(dtype=float)
    tele = (
        out["teleworkable"].to_numpy(dtype=float)
        if "teleworkable" in out.columns
        else np.ones(len(out))
    )
    tele = np.where(np.isnan(tele), 1.0, tele)
    floor = 5.0 * (1.0 - tele)
    new = today.copy()
    new[rows] = np.minimum(today[rows], np.maximum(days, floor[rows]))
    out["onsite_days_per_week"] = new
    return out


@dataclass(frozen=True, repr=False)
class RelocationPlan:
    """A relocation of positions as the audits of real moves measured it, with the virtual
    alternative beside it.

    Attributes
    ----------
    ledger : pandas.DataFrame
        The physical move, one row per line (:data:`LEDGER_LINES`): ``line, label,
        perspective, kind, unit, source``, ``year_1 .. year_T``, ``total``,
        ``present_value`` (money lines; NaN for t CO2e) and ``low``/``high``: the 5 % and
        95 % Monte Carlo quantiles of the present value (of the total for t CO2e). Positive
        = a cost (or more CO2e), negative = a saving.
    virtual_ledger : pandas.DataFrame
        The same for the virtual alternative.
    ranges : pandas.DataFrame
        Long table ``alternative, line, year, central, low, high``: every line's range in
        every year.
    people : pandas.DataFrame
        Per moved position (personal data, for the analyst only): ``employee_id,
        from_site, minutes_before, minutes_after, added_minutes, follow_probability,
        moves_home``.
    sites : pandas.DataFrame
        Office area and desks at the origin sites and the destination: ``end, state,
        area_m2, desks``.
    moved : int
        Positions moved.
    followers, leavers, movers_home : float
        Expected numbers (sums of probabilities) in the physical move.
    horizon_years : int
    discount_rate : float
    n_draws : int
    to_site : str
    notes : list
    """

    ledger: pd.DataFrame
    virtual_ledger: pd.DataFrame
    ranges: pd.DataFrame
    people: pd.DataFrame
    sites: pd.DataFrame
    moved: int
    followers: float
    leavers: float
    movers_home: float
    horizon_years: int
    discount_rate: float
    n_draws: int
    to_site: str
    currency: str
    follow_range: tuple[float, float] = (math.nan, math.nan)
    virtual_onsite_days_per_week: float = 2.0
    notes: list = field(default_factory=list)

    @property
    def follow_share(self) -> float:
        """Expected share of today's staff who follow the job (0 if nobody moves)."""
        return self.followers / self.moved if self.moved else 0.0

    def ledger_for(self, alternative: str) -> pd.DataFrame:
        """The ledger of ``"physical"`` or ``"virtual"``."""
        if alternative not in ALTERNATIVES:
            raise ValueError(f"alternative must be one of {ALTERNATIVES}, not {alternative!r}")
        return self.ledger if alternative == "physical" else self.virtual_ledger

    def totals(self, alternative: str = "physical") -> pd.DataFrame:
        """Present value (t CO2e: total) per perspective, with its range."""
        led = self.ledger_for(alternative)
        rows = []
        for persp in PERSPECTIVES:
            sub = led[led["perspective"] == persp]
            rows.append(
                {
                    "perspective": persp,
                    "unit": sub["unit"].iloc[0],
                    "value": float(sub["total" if persp == "climate" else "present_value"].sum()),
                }
            )
        return pd.DataFrame(rows)

    def compare(self, lang: str = "en") -> pd.DataFrame:
        """Physical move and virtual alternative side by side.

        Rows: staff kept, leavers replaced, followers who move home, staff at the
        destination in the last year, present value per perspective (t CO2e: total over
        the horizon) with its 5-95 % range, commuting km and CO2e per year in the last
        year, office area at the origin sites and at the destination.
        """
        from remotecalc.i18n import t

        r = self.ranges.set_index(["alternative", "line", "year"])
        last = self.horizon_years
        rows = []

        def add(key: str, unit: str, phys: float, virt: float, lo=None, hi=None) -> None:
            rows.append(
                {
                    "item": key,
                    "label": t(f"reloc_cmp_{key}", lang),
                    "unit": unit,
                    "physical": phys,
                    "physical_low": lo[0] if lo else math.nan,
                    "physical_high": hi[0] if hi else math.nan,
                    "virtual": virt,
                    "virtual_low": lo[1] if lo else math.nan,
                    "virtual_high": hi[1] if hi else math.nan,
                }
            )

        def at(alt: str, line: str, col: str = "central") -> float:
            return float(cast(float, r.at[(alt, line, last), col]))

        add("staff_kept", "persons", self.followers, float(self.moved))
        add("leavers", "persons", self.leavers, 0.0)
        add("movers_home", "persons", self.movers_home, 0.0)
        add(
            "staff_at_destination",
            "persons",
            at("physical", "staff_at_destination"),
            at("virtual", "staff_at_destination"),
        )
        for persp in PERSPECTIVES:
            col = "total" if persp == "climate" else "present_value"
            vals, lows, highs = [], [], []
            for alt in ALTERNATIVES:
                led = self.ledger_for(alt)
                sub = led[led["perspective"] == persp]
                vals.append(float(sub[col].sum()))
                tot = self._perspective_range(alt, persp)
                lows.append(tot[0])
                highs.append(tot[1])
            unit = "t CO2e" if persp == "climate" else self.currency
            add(f"total_{persp}", unit, vals[0], vals[1], lows, highs)
        add(
            "commute_km",
            "km/yr",
            at("physical", "commute_km"),
            at("virtual", "commute_km"),
            [at("physical", "commute_km", "low"), at("virtual", "commute_km", "low")],
            [at("physical", "commute_km", "high"), at("virtual", "commute_km", "high")],
        )
        add(
            "commute_co2e_t",
            "t CO2e/yr",
            at("physical", "commute_co2e_t"),
            at("virtual", "commute_co2e_t"),
            [at("physical", "commute_co2e_t", "low"), at("virtual", "commute_co2e_t", "low")],
            [at("physical", "commute_co2e_t", "high"), at("virtual", "commute_co2e_t", "high")],
        )
        s = self.sites.set_index(["end", "state"])
        for end in ("origin", "destination"):
            add(
                f"area_{end}",
                "m2",
                float(cast(float, s.at[(end, "physical"), "area_m2"])),
                float(cast(float, s.at[(end, "virtual"), "area_m2"])),
            )
        return pd.DataFrame(rows)

    def _perspective_range(self, alternative: str, perspective: str) -> tuple[float, float]:
        led = self.ledger_for(alternative)
        rng = led.attrs.get("perspective_ranges", {})
        return rng.get(perspective, (math.nan, math.nan))

    def __repr__(self) -> str:
        tot = {a: self.totals(a).set_index("perspective")["value"] for a in ALTERNATIVES}
        return "\n".join(
            [
                f"<remotecalc.RelocationPlan: {self.moved:,} position(s) to '{self.to_site}'; "
                f"{self.horizon_years} years at {self.discount_rate:.1%}>",
                f"  physical: {self.followers:,.0f} follow ({self.follow_share:.0%}), "
                f"{self.leavers:,.0f} replaced; employer PV "
                f"{tot['physical']['employer']:,.0f} {self.currency}, lost production "
                f"{tot['physical']['production']:,.0f} {self.currency}",
                f"  virtual:  {self.moved:,} kept; employer PV "
                f"{tot['virtual']['employer']:,.0f} {self.currency}",
            ]
        )


def _ledger_frame(
    lines: dict[str, np.ndarray],
    draws: dict[str, np.ndarray] | None,
    factors: np.ndarray,
    factors_draws: np.ndarray | None,
    currency: str,
    lang: str = "en",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The central ledger (with PV ranges) and the long table of yearly ranges."""
    from remotecalc.i18n import t

    horizon = factors.shape[-1]
    rows, ranges = [], []
    pranges: dict[str, tuple[np.ndarray, list[float]]] = {}
    for key, (persp, kind, source) in LEDGER_LINES.items():
        x = lines[key][0]
        co2e = key.endswith("_co2e_t")
        total = float(x.sum())
        pv = math.nan if co2e else float((x * factors).sum())
        if draws is not None and factors_draws is not None:
            xd = draws[key]
            stat = xd.sum(axis=1) if co2e else (xd * factors_draws).sum(axis=1)
            lo, hi = (float(q) for q in np.quantile(stat, _QUANTILES))
            acc = pranges.setdefault(persp, (np.zeros(len(stat)), []))
            pranges[persp] = (acc[0] + stat, acc[1])
            ylo, yhi = np.quantile(xd, _QUANTILES, axis=0)
        else:
            lo = hi = math.nan
            ylo = yhi = np.full(horizon, math.nan)
        rows.append(
            {
                "line": key,
                "label": t(f"reloc_line_{key}", lang),
                "perspective": persp,
                "kind": kind,
                "unit": "t CO2e" if co2e else currency,
                "source": source,
                **{f"year_{i + 1}": float(x[i]) for i in range(horizon)},
                "total": total,
                "present_value": pv,
                "low": lo,
                "high": hi,
            }
        )
    for key in (
        *LEDGER_LINES,
        "followers",
        "leavers",
        "movers_home",
        "staff_at_destination",
        "commute_km",
    ):
        x = lines[key][0]
        if draws is not None:
            ylo, yhi = np.quantile(draws[key], _QUANTILES, axis=0)
        else:
            ylo = yhi = np.full(horizon, math.nan)
        for i in range(horizon):
            ranges.append(
                {
                    "line": key,
                    "year": i + 1,
                    "central": float(x[i]),
                    "low": float(ylo[i]),
                    "high": float(yhi[i]),
                }
            )
    frame = pd.DataFrame(rows)
    frame.attrs["perspective_ranges"] = {
        p: tuple(float(q) for q in np.quantile(v[0], _QUANTILES)) for p, v in pranges.items()
    }
    return frame, pd.DataFrame(ranges)


def relocation_plan(
    workforce: Workforce,
    selection: dict,
    to_site: str,
    *,
    scenario: Scenario | None = None,
    params: Parameters | str | None = None,
    horizon_years: int = 5,
    virtual_onsite_days_per_week: float = 2.0,
    n_draws: int = 1000,
    seed: int | np.random.Generator | None = 0,
    modes: str = "by_distance",
    reference: pd.DataFrame | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> RelocationPlan:
    """Plan a relocation: who follows, who is hired, what it costs year by year, and the
    virtual alternative.

    Parameters
    ----------
    workforce : Workforce
    selection : dict
        Which positions (as :func:`relocate`); positions already at ``to_site`` stay.
    to_site : str
        Destination site id (add it to the sites table first).
    scenario : Scenario, optional
        Remote-work policy in force before and after (default: today's pattern).
    params : Parameters or str, optional
        Default ``"dk-2025"``; must hold the ``relocation.*`` parameters (:data:`PLAN_KEYS`).
    horizon_years : int, default 5
        Years of the ledger, 1 = the year of the move. [yr]
    virtual_onsite_days_per_week : float, default 2.0
        Virtual alternative: on-site days a week of today's staff at their present site
        (now a hub), where their teleworkable share allows. [days/week]
    n_draws : int, default 1000
        Monte Carlo draws of the declared uncertainty of :data:`PLAN_KEYS` and
        :data:`PLAN_OTHER_KEYS` (0: no ranges).
    seed : int, numpy.random.Generator or None, default 0
        For the new modes of followers, the local hires and the draws.
    modes : {"by_distance", "keep"}
        Followers' modes to the new site (:func:`relocate`).
    reference : pandas.DataFrame, optional
        The destination's labour pool (``home_lat, home_lon, mode``). Default: today's staff
        at ``to_site``; where nobody works there today, the moved staff's homes mirrored
        around it (:func:`mirror_reference`).
    min_group_size : int, default 5

    Returns
    -------
    RelocationPlan

    Notes
    -----
    The physical move: each position's incumbent follows with the probability
    :func:`follow_probability` of the added one-way commute time (the model's minutes by
    the mode the follower would use, :func:`one_way_minutes`); the others are replaced by
    local hires (:func:`relocate` with ``fill="local_hires"``). Office space follows desk
    demand at both ends (:func:`space_follows`). Expected values (sums of probabilities)
    are used, not one random draw of who follows, so results are smooth in the parameters.
    The ledger's formulas are in :func:`ledger_lines`. Ranges: the declared uncertainty of
    the plan's parameters, of the discount rate and of the value of time; the commuting
    model's own factors stay at their values (their uncertainty: :func:`monte_carlo`).

    Examples
    --------
    >>> import pandas as pd
    >>> from remotecalc.datasets.agency import agency_workforce
    >>> dest = pd.DataFrame({"site_id": ["VIB"], "site_name": ["Viborg"],
    ...                      "lat": [56.4532], "lon": [9.4020]})
    >>> wf = agency_workforce(60, seed=1, destinations=dest)
    >>> plan = relocation_plan(wf, {"site_id": ["HQ"]}, "VIB", n_draws=0)
    >>> plan.moved, 0.1 < plan.follow_share < 0.3
    (60, True)
    """
    if int(horizon_years) < 1:
        raise ValueError(f"horizon_years must be at least 1, found {horizon_years}")
    if not 0.0 <= float(virtual_onsite_days_per_week) <= 5.0:
        raise ValueError(
            f"virtual_onsite_days_per_week must lie in [0, 5], found {virtual_onsite_days_per_week}"
        )
    if int(n_draws) < 0:
        raise ValueError(f"n_draws must be >= 0, found {n_draws}")
    horizon = int(horizon_years)
    p = resolve_params(params)
    _check_plan_params(p)
    scenario = scenario or Scenario(name="today")
    staff, sites = workforce.staff, workforce.sites
    site_ids = sites["site_id"].astype(str).tolist()
    if to_site not in site_ids:
        raise ValueError(
            f"to_site '{to_site}' is not a site of the workforce; sites: {', '.join(site_ids)}"
        )
    rng = np.random.default_rng(seed)
    mode_seed, hire_seed, draw_seed = (int(x) for x in rng.integers(0, 2**31, 3))
    sel = _selected(staff, selection)
    rows = np.flatnonzero(sel & (staff["site_id"].astype(str) != to_site).to_numpy())
    before = assess(workforce, scenario, p, min_group_size=min_group_size)
    origins = sorted(set(staff["site_id"].astype(str).to_numpy()[rows]))
    n = len(rows)
    if n == 0:  # nothing moves (the selection is already at to_site): nothing changes
        inputs = PlanInputs(
            n=0,
            minutes_before=np.zeros(0),
            minutes_after=np.zeros(0),
            delta={s: {c: np.zeros(0) for c in _COMMUTE_COLUMNS} for s in ("inc", "hire", "keep")},
            office_cost={"inc": 0.0, "keep": 0.0},
            office_co2e_t={"inc": 0.0, "keep": 0.0},
            destination_office_cost=0.0,
            origin_office_saving=0.0,
            travel_distance_km=0.0,
        )
        area = {
            (end, state): (0.0, 0.0)
            for end in ("origin", "destination")
            for state in ("before", "physical", "virtual")
        }
        for state in ("before", "physical", "virtual"):
            area[("destination", state)] = (
                _site_value(before, [to_site], "area_m2_scenario"),
                _site_value(before, [to_site], "desks_today"),
            )
        people_cols = {
            "employee_id": staff["employee_id"].iloc[rows].to_numpy(),
            "from_site": staff["site_id"].astype(str).iloc[rows].to_numpy(),
        }
        return _finish_plan(
            inputs,
            p,
            horizon,
            n_draws,
            draw_seed,
            rows,
            people_cols,
            area,
            to_site,
            virtual_onsite_days_per_week,
            [Note("relocation_plan_nobody", site=str(to_site))],
            before,
            before,
            before,
        )
    notes: list = []
    to_has_staff = bool((staff["site_id"].astype(str) == to_site).any())
    ref = reference
    if ref is None and not to_has_staff:
        ref = mirror_reference(workforce, rows, to_site)
        notes.append(Note("relocation_plan_mirror", site=str(to_site), n=n))
    inc_wf = relocate(workforce, selection, to_site, 1.0, "incumbents", mode_seed, modes=modes)
    hire_wf = relocate(workforce, selection, to_site, 1.0, "local_hires", hire_seed, reference=ref)
    inc_raw = assess(inc_wf, scenario, p, min_group_size=min_group_size)
    inc_wf = space_follows(before, inc_raw, inc_wf, p)
    hire_wf = replace(hire_wf, sites=inc_wf.sites)
    inc = assess(inc_wf, scenario, p, min_group_size=min_group_size)
    hire = assess(hire_wf, scenario, p, min_group_size=min_group_size)
    keep_wf = replace(
        workforce,
        staff=_hybrid_at_home(staff, rows, float(virtual_onsite_days_per_week)),
    )
    keep_raw = assess(keep_wf, scenario, p, min_group_size=min_group_size)
    keep_wf = space_follows(before, keep_raw, keep_wf, p)
    keep = assess(keep_wf, scenario, p, min_group_size=min_group_size)
    minutes_before = one_way_minutes(workforce, p)[rows]
    minutes_after = one_way_minutes(inc_wf, p)[rows]
    office_before = _summary_value(before, "office_cost")
    co2e_before = _summary_value(before, "office_co2e_t")
    dest_cost = _site_value(inc, [to_site], "office_cost_scenario") - _site_value(
        before, [to_site], "office_cost_scenario"
    )
    origin_saving = _site_value(before, origins, "office_cost_scenario") - _site_value(
        inc, origins, "office_cost_scenario"
    )
    inputs = PlanInputs(
        n=n,
        minutes_before=minutes_before,
        minutes_after=minutes_after,
        delta={
            "inc": _per_employee_delta(inc, before, rows),
            "hire": _per_employee_delta(hire, before, rows),
            "keep": _per_employee_delta(keep, before, rows),
        },
        office_cost={
            "inc": _summary_value(inc, "office_cost") - office_before,
            "keep": _summary_value(keep, "office_cost") - office_before,
        },
        office_co2e_t={
            "inc": _summary_value(inc, "office_co2e_t") - co2e_before,
            "keep": _summary_value(keep, "office_co2e_t") - co2e_before,
        },
        destination_office_cost=max(dest_cost, 0.0),
        origin_office_saving=max(origin_saving, 0.0),
        travel_distance_km=_mean_distance_km(workforce, rows, to_site),
    )
    area_col = "area_m2_scenario"
    area = {}
    for state, res in (("before", before), ("physical", inc), ("virtual", keep)):
        area[("origin", state)] = (
            _site_value(res, origins, area_col),
            _site_value(res, origins, "desks_today"),
        )
        area[("destination", state)] = (
            _site_value(res, [to_site], area_col),
            _site_value(res, [to_site], "desks_today"),
        )
    people_cols = {
        "employee_id": staff["employee_id"].iloc[rows].to_numpy(),
        "from_site": staff["site_id"].astype(str).iloc[rows].to_numpy(),
    }
    notes.append(Note("relocation_plan", n=n, site=str(to_site), years=horizon))
    return _finish_plan(
        inputs,
        p,
        horizon,
        n_draws,
        draw_seed,
        rows,
        people_cols,
        area,
        to_site,
        virtual_onsite_days_per_week,
        notes,
        inc,
        hire,
        keep,
    )


def _finish_plan(
    inputs: PlanInputs,
    p: Parameters,
    horizon: int,
    n_draws: int,
    draw_seed: int,
    rows: np.ndarray,
    people_cols: dict,
    area: dict,
    to_site: str,
    virtual_days: float,
    notes: list,
    inc: Assessment,
    hire: Assessment,
    keep: Assessment,
) -> RelocationPlan:
    from remotecalc.evaluation.draws import unit_draws, values_from_unit

    keys = [*PLAN_KEYS, *PLAN_OTHER_KEYS]
    central = {k: float(p[k]) for k in keys}
    draws_values = None
    if n_draws:
        declared = p.uncertain()
        declared = declared[declared["key"].isin(keys)].reset_index(drop=True)
        table = values_from_unit(declared, unit_draws(p, declared, int(n_draws), draw_seed))
        draws_values = {
            k: table[k].to_numpy(dtype=float) if k in table.columns else np.full(n_draws, p[k])
            for k in keys
        }
    rate = central["finance.discount_rate"]
    factors = discount_factors(rate, horizon)
    factors_draws = (
        discount_factors(draws_values["finance.discount_rate"], horizon)
        if draws_values is not None
        else None
    )
    frames, ranges = {}, []
    for alt in ALTERNATIVES:
        lines = ledger_lines(inputs, central, horizon, alt)
        dl = ledger_lines(inputs, draws_values, horizon, alt) if draws_values else None
        frames[alt], r = _ledger_frame(lines, dl, factors, factors_draws, p.currency)
        r.insert(0, "alternative", alt)
        ranges.append(r)
        if alt == "physical":
            phys = lines
            fr: tuple[float, float] = (math.nan, math.nan)
            if dl is not None:
                q = np.quantile(dl["followers"][:, 0], _QUANTILES)
                fr = (float(q[0]), float(q[1]))
    prob = follow_probability(
        inputs.added_minutes,
        central["relocation.follow_floor_share"],
        central["relocation.follow_midpoint_minutes"],
        central["relocation.follow_scale_minutes"],
    )
    people = pd.DataFrame(
        {
            **people_cols,
            "minutes_before": inputs.minutes_before,
            "minutes_after": inputs.minutes_after,
            "added_minutes": inputs.added_minutes,
            "follow_probability": prob,
            "moves_home": (inputs.added_minutes > 0.0)
            & (inputs.minutes_after > central["relocation.moves_home_above_minutes"]),
        }
    )
    # the virtual alternative in the last year: today's staff still in post at their site
    # (hub), the rest hired at the destination (the office mix of the ledger)
    kept = (1.0 - central["relocation.annual_turnover_share"]) ** (horizon - 0.5)
    for end in ("origin", "destination"):
        area[(end, "virtual")] = tuple(
            kept * v + (1.0 - kept) * w
            for v, w in zip(area[(end, "virtual")], area[(end, "physical")], strict=True)
        )
    sites = pd.DataFrame(
        [
            {"end": end, "state": state, "area_m2": a, "desks": d}
            for (end, state), (a, d) in area.items()
        ]
    )
    followers = float(phys["followers"][0, 0])
    return RelocationPlan(
        ledger=frames["physical"],
        virtual_ledger=frames["virtual"],
        ranges=pd.concat(ranges, ignore_index=True),
        people=people,
        sites=sites,
        moved=int(inputs.n),
        followers=followers,
        leavers=float(inputs.n - followers),
        movers_home=float(phys["movers_home"][0, 0]),
        horizon_years=horizon,
        discount_rate=rate,
        n_draws=int(n_draws),
        to_site=str(to_site),
        currency=p.currency,
        follow_range=fr,
        virtual_onsite_days_per_week=float(virtual_days),
        notes=notes + list(inc.notes),
    )
