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
# # 3. Office space: from attendance logs to desks, rent and the anchor-day peak
#
# The largest money saving of hybrid work is not in travel but in offices, and only if space
# is actually given up. How much can go depends on the busiest day, not the average one.
# This notebook
#
# 1. turns attendance logs (badge swipes at the door) into the number of desks a site
#    needs,
# 2. shows the floor space and rent each policy could give up, and
# 3. shows why *anchor days* (everyone in on Tuesday and Thursday) can undo the saving.
#
# The demo organisation has no real badge logs, so we simulate them from its staff list:
# each employee comes in on as many days as their pattern says, spread over the week as
# offices usually are (busier mid-week, quieter on Friday). The logs are synthetic; the
# steps are those you would run on a real export.

# %%
import dataclasses
from pathlib import Path

# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import remotecalc as rc
from remotecalc import estimation as est
from remotecalc import plotting
from remotecalc.outputs.report import desk_curve

ROOT = Path.cwd() if (Path.cwd() / "pyproject.toml").exists() else Path.cwd().parent
FIGURES = ROOT / "reports" / "notebooks" / "03_office_space_and_attendance"  # saved figures
FIGURES.mkdir(parents=True, exist_ok=True)

wf = rc.read_staffing(ROOT / "data/examples/staff.csv", sites=ROOT / "data/examples/sites.csv")
params = rc.load_parameters("dk-2025")
SITE = "RAAD"   # the town hall, the largest office
headcount = int((wf.staff["site_id"] == SITE).sum())
print(f"{headcount} employees are based at the town hall ({SITE}).")

# %% [markdown]
# ## 1. Attendance logs → desks needed
#
# Suppose two home days a week have been in force for a year. We take each employee's
# on-site days under that policy from the model and simulate a year of badge swipes with a
# typical weekly rhythm. A small shared day-to-day shock (team days, weather, events) makes
# people come in together more often than pure chance would.

# %%
policy = rc.Scenario(name="2 days home", remote_days_per_week=2, uptake=0.8)
assessed = rc.assess(wf, policy, params)
onsite_after = assessed.per_employee.set_index("employee_id")["onsite_days_per_week_scenario"]
staff_after = wf.staff.assign(
    onsite_days_per_week=wf.staff["employee_id"].map(onsite_after).to_numpy())
wf_after = dataclasses.replace(wf, staff=staff_after)

WEEK = {"mon": 1.0, "tue": 1.15, "wed": 1.1, "thu": 1.1, "fri": 0.65}
events, truth = est.simulate_badge_events(wf_after, "2025-01-01", "2025-12-31",
                                          weekday_profile=WEEK, day_effect_sd=0.08, seed=7)
events.head()

# %% [markdown]
# A badge log has one line per swipe, several per visit. `daily_counts` reduces it to the
# number of distinct people on site per day, the quantity desks must serve.

# %%
daily = est.daily_counts(events)
town_hall = daily[daily["site_id"] == SITE]
(town_hall.groupby(town_hall["date"].dt.day_name())["count"].describe()[["mean", "max"]]
 .rename(columns={"mean": "People on site, mean", "max": "People on site, most"})
 .rename_axis(index="Weekday").style.format("{:,.0f}"))

# %% [markdown]
# We fit a count model to the town hall's days (weekday, month and Danish public holidays as
# explanations; a negative binomial, because the days are more variable than chance) and
# read off the desks needed: enough that on 95 % of ordinary days of the busiest weekday
# nobody goes without. The interval reflects that a year of data does not pin the model down
# exactly.

# %%
fit = est.fit_attendance(daily, "negbin", site_id=SITE)
desks = est.desks_from_attendance(fit, service_level=0.95, seed=1)
print(f"Desks needed at the town hall: {desks.desks} (95 % interval {desks.lower}-"
      f"{desks.upper}), set by {desks.weekday}; mean attendance that day "
      f"{desks.expected_attendance:.0f}.")
model_desks = assessed.per_site.set_index("site_id").loc[SITE, "desks_needed_scenario"]
print(f"The model's own estimate from the staff list: {model_desks:.0f}; "
      f"desks there today: {wf.sites.set_index('site_id').loc[SITE, 'desks']:.0f}.")

# %%
(est.compare_desk_models(fit, headcount=headcount, seed=1)
 .style.format({"expected_attendance": "{:,.1f}", "sd_attendance": "{:,.1f}"})
 .hide(axis="index"))

# %% [markdown]
# The first row is the estimate from the logs; the second takes the same mean attendance
# but assumes everyone decides independently, as the model does from a staff list. Because
# people cluster on the same days, the logs ask for more desks. They ask for more still than
# the model's estimate from the staff list, which spreads home days evenly over the week:
# in the logs Tuesday is busier than average and Friday much quieter. Measured attendance is
# worth having before a lease is cut.
#
# ## 2. Space and rent given up under each policy
#
# The plan in `data/examples/scenarios.toml` holds five policies. Floor space is only given
# up where the policy says so (`release_space`) and where the site allows it (schools and
# care homes do not). The table shows, per policy, the desks needed, the area given up and
# the change in yearly office cost (rent and operating cost fall with space given up;
# cleaning and consumables fall with attendance).

# %%
scenarios = rc.load_scenarios(ROOT / "data/examples/scenarios.toml")
results = [rc.assess(wf, s, params) for s in scenarios]
rows = []
for r in results:
    s = r.summary().set_index("metric")["change"]
    rows.append({"scenario": r.scenario.name, "desks needed, change": s["desks_needed"],
                 "area given up [m2]": s["area_released_m2"],
                 "rent and operating cost, change [DKK/yr]": s["seat_cost"],
                 "office cost, change [DKK/yr]": s["office_cost"]})
space = pd.DataFrame(rows).set_index("scenario")
space.style.format("{:+,.0f}")

# %% [markdown]
# Only the policies that give space up save rent. Three home days with a desk ratio of 0.6
# hands back thousands of square metres; two home days *without* giving space up leave the
# rent exactly where it is: fewer people in the same rooms.
#
# ## 3. The peak-day effect of anchor days
#
# Anchor days put the whole team in on the same days, which helps collaboration. But desks
# must serve the busiest day, and with anchor days the busiest day is as full as today.

# %%
two = next(r for r in results if r.scenario.name == "2 days home")
anchor = next(r for r in results if r.scenario.anchor_days)
sites = (two.per_site.set_index("site_id")[["site_name", "desks_today", "desks_needed_baseline",
                                            "desks_needed_scenario", "peak_weekday_scenario"]]
         .rename(columns={"desks_needed_scenario": "2 days, spread",
                          "peak_weekday_scenario": "peak day, spread"}))
a = anchor.per_site.set_index("site_id")
sites["2 days, anchors Tue+Thu"] = a["desks_needed_scenario"]
sites["peak day, anchors"] = a["peak_weekday_scenario"]
sites.loc[["RAAD", "JOBC"]].style.format(
    "{:,.0f}", subset=["desks_today", "desks_needed_baseline", "2 days, spread",
                       "2 days, anchors Tue+Thu"])

# %%
curve, desks_today, note = desk_curve(wf, [two.scenario, anchor.scenario], params)
ax = plotting.desks_vs_service_level(curve, desks_today=desks_today, note=note)
plotting.save(ax, FIGURES / "desks_vs_service_level", dpi=150, close=False)
plt.show()

# %%
with plotting.style():  # the report's look: fonts, colours, nice ticks
    fig, ax = plt.subplots(figsize=(6.3, 1.2 + 0.35 * len(space)))
    ax.barh(space.index, space["area given up [m2]"], color=plotting.OKABE_ITO["blue"])
    ax.invert_yaxis()
    ax.set_xlabel("Office area given up [m²]")
    ax.set_title("Floor space each policy gives up (demo organisation)")
    plotting.number_axis(ax.xaxis, "en")
    ax.grid(axis="y", visible=False)
plotting.save(fig, FIGURES / "area_given_up", dpi=150, close=False)
plt.show()

# %% [markdown]
# **What this means.** With two home days spread over the week, the town hall needs a good
# deal fewer desks than today. With the same two home days but everyone in on Tuesday and
# Thursday, Tuesday is fuller than any day today (everyone who comes in at all is there
# together), so more desks are needed than today: no space can be given up, whatever the
# scenario says about releasing it. An organisation
# that wants both anchor days and smaller offices has to stagger the anchors between
# departments, so that each weekday carries part of the staff.
