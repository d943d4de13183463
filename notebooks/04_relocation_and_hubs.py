# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
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
# 2. **A cloud of competencies.** Instead of one office, staff may work some days a week
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
from remotecalc.analysis import assess_relocation, choose_hubs, hub_candidates, relocate

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
# ## 2. Satellite hubs: a cloud of competencies
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
