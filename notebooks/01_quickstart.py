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
# # 1. Quickstart: what would two home days a week be worth?
#
# This notebook takes the demo organisation (a synthetic Roskilde Kommune: 2,000 employees
# at 9 sites) from its two input files to one answer: what changes if staff whose jobs allow
# it may work from home two days a week.
#
# The steps are the ones you would take with your own data: read the staff and site lists,
# check that every row could be used, choose a set of assumptions, describe the policy, and
# compare it with today.

# %%
from pathlib import Path

# %matplotlib inline
import matplotlib.pyplot as plt

import remotecalc as rc
from remotecalc import plotting

ROOT = Path.cwd() if (Path.cwd() / "pyproject.toml").exists() else Path.cwd().parent
FIGURES = ROOT / "reports" / "notebooks" / "01_quickstart"  # figures are also saved here
FIGURES.mkdir(parents=True, exist_ok=True)

# %% [markdown]
# ## Read and check the data
#
# `read_staffing` reads the staff file (one row per employee: workplace, how they travel,
# how many days a week they come in today, where they live) and the site file (address,
# floor area, desks, rent). Every row is checked. The summary below says how many rows were
# read and how many could be used; a row that cannot be used would be named here, with the
# reason, rather than silently dropped.

# %%
wf = rc.read_staffing(ROOT / "data/examples/staff.csv", sites=ROOT / "data/examples/sites.csv")
print(wf.summary())
wf.accounting().style.format({"rows": "{:,.0f}"}).hide(axis="index")

# %% [markdown]
# All 2,000 rows are usable. The sites are a town hall, a job centre, a library, schools,
# care homes and a depot, which matters: a teacher or a care worker cannot work from home,
# however generous the policy.

# %%
(wf.sites[["site_id", "site_name", "site_type", "area_m2", "desks"]]
 .style.format({"area_m2": "{:,.0f}", "desks": "{:,.0f}"}).hide(axis="index"))

# %% [markdown]
# ## Assumptions
#
# The model needs many numbers that are not in the staff file: emissions per kilometre by
# mode, the value of travel time, rent, home energy use on a home day, and so on. They come
# from a packaged parameter set, `dk-2025`, where every value carries its unit, year and
# source. The first few rows:

# %%
params = rc.load_parameters("dk-2025")
(params.describe().head(8)[["key", "value", "unit", "year", "status", "source"]]
 .style.format({"value": "{:,.4g}"}).hide(axis="index"))

# %% [markdown]
# ## One scenario
#
# The policy: up to two home days a week, used by 80 % of those entitled to them (not
# everyone takes what is offered), desks provided so that on 95 % of days everyone who comes
# in finds one. Nobody is granted more home days than their job allows (the `teleworkable`
# share in the staff file) and nobody comes in more than today.

# %%
scenario = rc.Scenario(name="2 days home", remote_days_per_week=2, uptake=0.8,
                       service_level=0.95)
result = rc.assess(wf, scenario, params)
result

# %% [markdown]
# ## The headline table
#
# Each row is a yearly total for the whole organisation: today (`baseline`), under the
# policy (`scenario`) and the difference (`change`, negative = less). CO₂e is in tonnes.
# Two lines are worth reading together: the commute CO₂e saved, and the *rebound* (more
# home heating and electricity, and some of the saved trips made anyway for other reasons).
# The net CO₂e line is what remains after the rebound.

# %%
headline = ["commute_km", "commute_hours", "commute_co2e_t", "home_energy_co2e_t",
            "noncommute_co2e_t", "net_co2e_t", "employee_net_cost", "desks_needed",
            "office_cost"]
summary = result.summary().set_index("metric")
table = summary.loc[headline, ["label", "unit", "baseline", "scenario", "change"]]
table.style.format({"baseline": "{:,.0f}", "scenario": "{:,.0f}", "change": "{:+,.0f}"})

# %%
net = summary.loc["net_co2e_t"]
commute = summary.loc["commute_co2e_t"]
print(f"Commute CO2e falls by {-commute['change']:,.0f} t a year; after the rebound the net "
      f"saving is {-net['change']:,.0f} t ({-net['change'] / net['baseline']:.1%} of today's "
      f"{net['baseline']:,.0f} t).")
print(f"Desks needed fall by {-summary.loc['desks_needed', 'change']:,.0f}, but office cost "
      f"only falls by {-summary.loc['office_cost', 'change']:,.0f} DKK a year: rent is paid "
      "on space, and this scenario gives none up.")

# %% [markdown]
# **What this means.** Two home days save a modest share (the print-out above gives it) of the travel and
# office CO₂e, and the employees who can use them save time and money. The employer saves
# little until it actually hands back floor space: fewer desks are *needed*, but the rent
# is the same as long as the lease is. Notebook 3 looks at that.
#
# ## One figure: from today's CO₂e to the scenario's
#
# The waterfall starts at today's net CO₂e, takes off the commute saved, adds back the
# rebound, and ends at the scenario's net CO₂e.

# %%
ax = plotting.waterfall(result.summary())
plotting.save(ax, FIGURES / "waterfall_net_co2e", dpi=150, close=False)
plt.show()

# %% [markdown]
# ## Who gains?
#
# Averages hide that most of the gain goes to the people whose jobs can be done from home.
# The table below gives the mean commuting hours saved per employee by department (groups
# under five people are never shown).

# %%
by_dept = result.by("department")
(by_dept[["employees", "commute_hours_change_per_employee",
          "employee_net_cost_change_per_employee"]]
 .rename(columns={"employees": "Employees",
                  "commute_hours_change_per_employee": "Commute time, change [h/yr per person]",
                  "employee_net_cost_change_per_employee":
                      "Employee's money cost, change [DKK/yr per person]"})
 .style.format("{:,.0f}", subset=["Employees"])
 .format("{:+,.1f}", subset=["Commute time, change [h/yr per person]"])
 .format("{:+,.0f}", subset=["Employee's money cost, change [DKK/yr per person]"]))

# %% [markdown]
# Departments of office work (citizen services, the job centre, finance and HR) gain
# many hours per person; schools and care homes gain almost nothing, because their work is
# done on site. A remote-work policy is, in effect, a benefit for some staff and not others;
# that is worth saying out loud when the policy is decided.
