# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 4. Moving work: relocating a unit, and a cloud of satellite hubs
#
# Remote work is one way to shorten commutes; moving the work is another. This notebook
# looks at two such decisions on the demo organisation:
#
# 1. **Relocating a unit out of Copenhagen.** Danish governments have repeatedly moved
#    public jobs out of the capital. The demo organisation is a municipality in Roskilde and
#    has no Copenhagen office, so we give it a hypothetical one: we imagine its finance and
#    HR department (148 people) sitting in central Copenhagen, and ask what moving it to the
#    town hall in Roskilde would do, first if the staff move with their jobs, then if the
#    jobs are filled by people who live like today's town-hall staff.
# 2. **Who follows the job, and what the move costs.** The audits of real moves found that
#    most staff do not follow a job far out of the capital. A relocation plan estimates who
#    follows, who must be hired, a ledger of costs year by year, and the virtual
#    alternative: the posts move, the people stay and work hybrid.
# 3. **A cloud of competencies.** Instead of one office, staff may work some days a week
#    at the nearest of a few satellite hubs. Which two or three towns serve the
#    organisation best, and who gains?
#
# In both cases the interesting question is not only the total but the distribution: who
# commutes less, and who more.

# %%
import dataclasses
from pathlib import Path

# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import remotecalc as rc
from remotecalc import plotting
from remotecalc.analysis import (
    assess_relocation,
    choose_hubs,
    follow_probability,
    hub_candidates,
    relocate,
    relocation_plan,
)
from remotecalc.datasets.agency import agency_workforce

ROOT = Path.cwd() if (Path.cwd() / "pyproject.toml").exists() else Path.cwd().parent
FIGURES = ROOT / "reports" / "notebooks" / "04_relocation_and_hubs"  # saved figures
FIGURES.mkdir(parents=True, exist_ok=True)

wf = rc.read_staffing(ROOT / "data/examples/staff.csv", sites=ROOT / "data/examples/sites.csv")
params = rc.load_parameters("dk-2025")
policy = rc.Scenario(name="2 days home", remote_days_per_week=2, uptake=0.8)

# %% [markdown]
# ## 1. Relocation out of Copenhagen
#
# First the starting point: a hypothetical office in central Copenhagen (Copenhagen rents,
# room for 150), to which we move the finance and HR department. The same people keep their
# homes; their transport mode is redrawn from colleagues who live at a similar distance from
# their new workplace (someone with a 30 km trip rarely cycles).

# %%
raad = wf.sites[wf.sites["site_id"] == "RAAD"]
kbh = raad.assign(site_id="KBH", site_name="Copenhagen office (hypothetical)",
                  site_type="office", lat=55.6761, lon=12.5683, postcode=1550,
                  municipality_code="0101", area_m2=3500.0, desks=150.0,
                  rent_per_m2_per_year=2400.0)
wf_with_kbh = dataclasses.replace(wf, sites=pd.concat([wf.sites, kbh], ignore_index=True))
unit = {"department": ["Økonomi og HR"]}
wf_cph = relocate(wf_with_kbh, unit, "KBH", seed=1)
print(wf_cph.notes[-1])

# %% [markdown]
# Now the decision: move the department from Copenhagen to the town hall in Roskilde, with
# two home days a week in force before and after. Two assumptions about who fills the jobs
# bracket the truth:
#
# * **incumbents**: the same people keep their jobs and their homes and commute to Roskilde;
# * **local hires**: in the long run the jobs are filled by people who live like the
#   town hall's current staff.

# %%
moves = {fill: assess_relocation(wf_cph, unit, to_site="RAAD", fill=fill, seed=1,
                                 scenario=policy, params=params)
         for fill in ("incumbents", "local_hires")}
metrics = ["commute_km", "commute_hours", "net_co2e_t", "employee_net_cost", "office_cost"]
comparison = pd.concat(
    {fill: m.comparison.set_index("metric").loc[metrics, "change"] for fill, m in moves.items()},
    axis=1)
comparison.insert(0, "unit", moves["incumbents"].comparison.set_index("metric")
                  .loc[metrics, "unit"])
comparison.index = moves["incumbents"].comparison.set_index("metric").loc[metrics, "label"]
comparison.style.format("{:+,.0f}", subset=["incumbents", "local_hires"])

# %% [markdown]
# Both columns point the same way here, and by similar amounts: the demo organisation's
# staff mostly live west of Copenhagen, around Roskilde, so a Roskilde workplace is nearer
# for most of them, and the town hall's current staff (the model for local hires) live
# nearby too. Office costs fall in both cases, because Roskilde rents are lower and the
# Copenhagen lease is given up. For an organisation whose staff live in the capital the
# incumbents column would look very different; that is why both are shown.
#
# ### Who commutes less, and who more (incumbents)

# %%
inc = moves["incumbents"]
before = inc.before.per_employee.set_index("employee_id")
after = inc.after.per_employee.set_index("employee_id")
movers = inc.workforce_after.staff.query("relocated")["employee_id"]
change = (after.loc[movers, "commute_hours_scenario"]
          - before.loc[movers, "commute_hours_scenario"])
who = pd.cut(change, [-np.inf, -20, 20, np.inf],
             labels=["commutes less (>20 h/yr saved)", "about the same (±20 h/yr)",
                     "commutes more (>20 h/yr extra)"])
(who.value_counts().sort_index().rename("Employees").to_frame()
 .rename_axis(index="Movers who").style.format("{:,.0f}"))

# %%
with plotting.style():  # the report's look: fonts, colours, nice ticks
    fig, ax = plt.subplots()
    ax.hist(change, bins=30, color=plotting.OKABE_ITO["blue"], edgecolor="white", lw=0.5)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("Change in commuting time per mover [h/yr]")
    ax.set_ylabel("Employees [persons]")
    ax.set_title("Moving finance and HR from Copenhagen to Roskilde (same staff)")
    plotting.number_axis(ax.xaxis, "en")
    plotting.number_axis(ax.yaxis, "en", integer=True)
plotting.save(fig, FIGURES / "relocation_commute_change", dpi=150, close=False)
plt.show()

# %% [markdown]
# The histogram is the point of this section: a relocation is not one number. Most movers
# win many hours a year, but a third of them, those living in and around Copenhagen, lose
# as many. Those who lose are also the ones most likely to leave, which is how
# "incumbents" slowly turns into "local hires".
#
# ## 2. Who follows, who is hired, what it costs: a relocation plan
#
# The demo municipality lives around Roskilde. For a move out of the capital we take a
# synthetic state agency of 300 in central Copenhagen (`rc.datasets.agency`: homes placed
# by a gravity model over real Danish towns, Copenhagen's cycling at short distances) and
# move it to Viborg, about 290 km by road (the model's road distance).
#
# Each employee follows the job (moves home or commutes) with a probability that falls
# with the *added* one-way commute time, by the mode they would use and the model's speeds:
# a logistic with a floor, calibrated to the Danish Bedre Balance moves (14–28 % of moved
# posts held by staff who followed) and the Norwegian agencies moved in 2003–2007 (about
# 80 % left). The parameter notes (`relocation.follow_*`) say how the curve compares with
# each institution: for a single long move it is on the high side.

# %%
viborg = pd.DataFrame({"site_id": ["VIB"], "site_name": ["Viborg"], "site_type": ["office"],
                       "lat": [56.4532], "lon": [9.4020], "rent_per_m2_per_year": [800.0]})
agency = agency_workforce(300, seed=1, destinations=viborg)
plan = relocation_plan(agency, {"site_id": ["HQ"]}, "VIB", params=params, n_draws=500, seed=1)
plan

# %%
minutes = np.linspace(0, 600, 301)
curve = follow_probability(minutes, params["relocation.follow_floor_share"],
                           params["relocation.follow_midpoint_minutes"],
                           params["relocation.follow_scale_minutes"])
with plotting.style():
    fig, ax = plt.subplots()
    ax.plot(minutes, curve, color=plotting.OKABE_ITO["blue"], label="Follow probability")
    ax.hist(plan.people["added_minutes"], bins=30, weights=np.full(plan.moved, 1 / plan.moved),
            color=plotting.OKABE_ITO["orange"], alpha=0.5, label="Staff by added time (share)")
    ax.set_xlabel("Added one-way commute [model minutes]")
    ax.set_ylabel("Probability; share of staff")
    ax.set_title(f"Moving to Viborg: {plan.follow_share:.0%} expected to follow")
    ax.legend(frameon=False)
    plotting.number_axis(ax.xaxis, "en")
plotting.save(fig, FIGURES / "relocation_follow_probability", dpi=150, close=False)
plt.show()

# %% [markdown]
# ### Physical move against the virtual alternative
#
# In the virtual alternative the posts belong to Viborg, but today's staff keep their homes
# and work at most two days a week at the Copenhagen office (now a hub), meetings online;
# as staff leave in the ordinary way, their posts are filled in Viborg. Present values over
# five years; positive amounts are costs; 5–95 % ranges from the parameters' declared
# uncertainty.

# %%
(plan.compare()[["label", "unit", "physical", "physical_low", "physical_high",
                 "virtual", "virtual_low", "virtual_high"]]
 .style.format("{:,.0f}", subset=["physical", "physical_low", "physical_high",
                                   "virtual", "virtual_low", "virtual_high"], na_rep="–")
 .hide(axis="index"))

# %% [markdown]
# The physical move's ledger, year by year (each line's source is in `plan.ledger["source"]`):

# %%
years = [f"year_{t}" for t in range(1, plan.horizon_years + 1)]
(plan.ledger[["label", "kind", *years, "present_value", "low", "high"]]
 .style.format("{:,.0f}", subset=[*years, "present_value", "low", "high"], na_rep="–")
 .hide(axis="index"))

# %%
tot = pd.concat({alt: plan.totals(alt).set_index("perspective")["value"]
                 for alt in ("physical", "virtual")}, axis=1).drop(index="climate") / 1e6
with plotting.style():
    fig, ax = plt.subplots()
    y = np.arange(len(tot))
    ax.barh(y + 0.2, tot["physical"], height=0.4, color=plotting.OKABE_ITO["vermillion"],
            label="Physical move")
    ax.barh(y - 0.2, tot["virtual"], height=0.4, color=plotting.OKABE_ITO["green"],
            label="Virtual alternative")
    ax.set_yticks(y, tot.index)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("Present value over five years [million DKK]")
    ax.set_title("Relocating 300 posts to Viborg")
    ax.legend(frameon=False)
    plotting.number_axis(ax.xaxis, "en")
plotting.save(fig, FIGURES / "relocation_physical_vs_virtual", dpi=150, close=False)
plt.show()

# %% [markdown]
# Most of the physical move's cost is people: recruiting, training and the lost production
# while new hires learn the work (valued at wage cost; Riksrevisionen found such losses for
# 4–5 years). The virtual alternative keeps the staff, avoids those costs and cuts commuting
# on the extra home days; its office saving is smaller, since the Copenhagen office stays
# as a hub. What it cannot give is the jobs' physical presence in Viborg from day one.
#
# ## 3. Satellite hubs: a cloud of competencies
#
# Now keep every job where it is, but let staff work two days a week at a satellite hub
# instead of their own site, if their job can be done away from it. Candidates are Danish
# towns of 10,000 or more inhabitants (GeoNames); the optimiser picks the three that save
# the most commuting on hub days, each employee using the nearer of their own site and the
# nearest hub.

# %%
candidates = hub_candidates(towns=rc.datasets.load_towns(), min_population=10_000)
hubs = choose_hubs(wf, candidates, k=3, hub_days_per_week=2, params=params)
hubs

# %%
(hubs.hubs[["name", "employees", "hub_days_per_year", "desks_needed", "km_saved"]]
 .style.format({"employees": "{:,.0f}", "hub_days_per_year": "{:,.0f}",
                "desks_needed": "{:,.0f}", "km_saved": "{:,.0f}"}).hide(axis="index"))

# %%
print(f"Commuting on hub days falls from {hubs.baseline_km:,.0f} to "
      f"{hubs.objective_km:,.0f} km a year ({hubs.km_saved / hubs.baseline_km:.0%} less).")

# %% [markdown]
# ### Who gains from the hubs
#
# A hub is only used by someone for whom it is nearer than their own site, so nobody
# commutes more; but the gain is very unevenly spread. Office departments (finance and HR,
# citizen services, the job centre) gain most per head; care staff, whose work is done in
# the care homes, gain least.

# %%
use = hubs.assignment.merge(wf.staff[["employee_id", "department"]], on="employee_id")
use["uses_hub"] = use["hub_id"].notna()
by_dept = use.groupby("department").agg(employees=("employee_id", "size"),
                                        share_using_a_hub=("uses_hub", "mean"),
                                        km_saved_per_employee=("km_saved", "mean"))
by_dept = by_dept[by_dept["employees"] >= 5]     # no group under five people is shown
by_dept.style.format({"employees": "{:,.0f}", "share_using_a_hub": "{:.0%}",
                      "km_saved_per_employee": "{:,.0f}"})

# %%
saved_km = by_dept["km_saved_per_employee"].sort_values()
with plotting.style():
    fig, ax = plt.subplots(figsize=(6.3, 1.2 + 0.3 * len(saved_km)))
    ax.barh(saved_km.index, saved_km, color=plotting.OKABE_ITO["green"])
    ax.set_xlabel("Commuting saved per employee [km/yr]")
    ax.set_title(f"Three hubs ({', '.join(hubs.hubs['name'])}), two hub days a week")
    plotting.number_axis(ax.xaxis, "en")
    ax.grid(axis="y", visible=False)
plotting.save(fig, FIGURES / "hubs_km_saved_by_department", dpi=150, close=False)
plt.show()

# %% [markdown]
# **What this means.** Moving a department out of the capital mostly moves commuting from
# one group of people to another while its staff stay, and saves office rent; the climate
# gain comes only as the jobs pass to people who live nearby. Hubs do the opposite: they
# leave the jobs where they are and cut the longest commutes, at the price of desks in the
# hub towns (the `desks_needed` column). Both tools serve office workers first; most staff
# at schools, care homes and depots are outside either.
