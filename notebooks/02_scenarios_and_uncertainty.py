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
# # 2. Many scenarios, and how sure we can be
#
# Notebook 1 assessed one policy with one set of assumptions. A decision needs more: how
# the answer changes with the number of home days and with the way desks are provided, how
# wide the range of plausible results is, and which assumptions that range depends on.
#
# Everything here runs on the demo organisation (2,000 employees, 9 sites). The number of
# random draws is kept small so that the notebook runs in seconds; for a real report use a
# few thousand draws (the ranges then move a little, the story does not).

# %%
from pathlib import Path

# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import remotecalc as rc
from remotecalc import plotting
from remotecalc.analysis import monte_carlo, sensitivity, sweep, sweep_uncertainty

ROOT = Path.cwd() if (Path.cwd() / "pyproject.toml").exists() else Path.cwd().parent
FIGURES = ROOT / "reports" / "notebooks" / "02_scenarios_and_uncertainty"  # saved figures
FIGURES.mkdir(parents=True, exist_ok=True)
N_DRAWS = 200      # Monte Carlo draws (use 2,000 or more for a report)
N_BASE = 1024      # Sobol' base sample (a power of two): N × (inputs + 2) model runs

wf = rc.read_staffing(ROOT / "data/examples/staff.csv", sites=ROOT / "data/examples/sites.csv")
params = rc.load_parameters("dk-2025")

# %% [markdown]
# ## A sweep of remote days and desk policies
#
# Two levers are varied together: home days granted a week (0 to 5) and the *service level*
# of the desks, i.e. the share of days on which everyone who comes in finds a desk (90 %,
# 95 %, 99 %). In every scenario 80 % of those entitled take the home days up and office
# space that is no longer needed is given up (`release_space=1`), so the office side of the
# account is included.

# %%
base = rc.Scenario(name="base", uptake=0.8, release_space=1.0)
grid = rc.scenario_grid(base, remote_days_per_week=[0, 1, 2, 3, 4, 5],
                        service_level=[0.9, 0.95, 0.99])
table = sweep(wf, grid, params)
shown = {"net_co2e_t": "Net CO₂e [t/yr]", "desks_needed": "Desks needed",
         "net_cost": "Net cost [1,000 DKK/yr]"}
wide = (table[table["metric"].isin(list(shown))]
        .pivot_table(index=["remote_days_per_week", "service_level"], columns="metric",
                     values="change")[list(shown)])
wide["net_cost"] /= 1000
wide = wide.rename(columns=shown)
wide.index = pd.MultiIndex.from_arrays(
    [wide.index.get_level_values(0).astype(int),
     [f"{v:.0%}" for v in wide.index.get_level_values(1)]],
    names=["Home days a week", "Service level"])
wide.style.format("{:+,.0f}").set_caption("Change against today, per scenario")

# %% [markdown]
# Reading the table: each additional home day saves CO₂e and money, but with diminishing
# returns, because the staff who can take a third or fourth day are fewer (many jobs allow
# one or two at most). The service level hardly touches CO₂e; it decides how many desks
# must be kept. Here a 99 % service level keeps only some 15–25 more desks than 90 %, small
# beside the hundreds of desks the home days free; but every desk kept is rent not saved.
#
# A second kind of desk policy is a fixed *desk ratio* (desks per employee on site, e.g.
# 0.6) instead of a service level. It is simpler to communicate but ignores which weekday
# is busiest, so it can promise too few desks (a low ratio) or more than are needed (a ratio
# of 1 keeps a desk for every employee who still comes in at all):

# %%
ratios = rc.scenario_grid(rc.Scenario(name="ratio", uptake=0.8, release_space=1.0,
                                      remote_days_per_week=2),
                          desk_ratio=[0.5, 0.6, 0.8, 1.0])
by_ratio = sweep(wf, ratios, params)
ratio_cols = {"desks_needed": "Desks needed", "area_released_m2": "Area given up [m²]",
              "office_cost": "Office cost [DKK/yr]"}
(by_ratio[by_ratio["metric"].isin(list(ratio_cols))]
 .pivot_table(index="desk_ratio", columns="metric", values="change")[list(ratio_cols)]
 .rename(columns=ratio_cols).rename_axis(index="Desks per employee on site")
 .style.format("{:+,.0f}").format_index("{:.1f}"))

# %% [markdown]
# ## Monte Carlo ranges
#
# Every assumption in the parameter set has a declared uncertainty (for example, the CO₂e of
# a petrol car per km, or how much extra driving people do on home days). Drawing all of them
# at once, many times, gives a range of results. We also let the uptake of home days vary
# between 50 % and 100 %, because nobody knows in advance how many will use them.
#
# For two home days, 95 % service level:

# %%
two_days = next(s for s in grid if s.remote_days_per_week == 2 and s.service_level == 0.95)
mc = monte_carlo(wf, two_days, params, n_draws=N_DRAWS, seed=1, uptake=(0.5, 1.0))
(mc.summary(["net_co2e_t", "commute_co2e_t", "net_cost", "desks_needed"])
 [["label", "unit", "central", "p05", "p50", "p95"]]
 .style.format("{:+,.0f}", subset=["central", "p05", "p50", "p95"]).hide(axis="index"))

# %% [markdown]
# The central value is the calculation with every assumption at its best estimate; the 5 %
# and 95 % columns bound the middle 90 % of the draws. The saving is clearly below zero in
# every draw (remote work saves CO₂e here), but its size is uncertain by tens of per cent.
#
# The same draws are used for every point of the sweep (common random numbers), so the
# bands below can be compared across scenarios without sampling noise getting in the way.

# %%
bands = sweep_uncertainty(wf, grid, params, n_draws=N_DRAWS, seed=1)
at_95 = bands[bands["service_level"] == 0.95]  # the service level hardly moves these lines
for metric in ("net_co2e_t", "net_cost"):
    ax = plotting.remote_days_bands(
        at_95, metric, n_draws=N_DRAWS,
        note="Uptake 80 %, desks for a 95 % service level, space no longer needed given up.")
    plotting.save(ax, FIGURES / f"remote_days_bands_{metric}", dpi=150, close=False)
plt.show()

# %% [markdown]
# ## Which assumptions matter?
#
# A range is more useful when we know what drives it. The Sobol' analysis splits the
# variance of the result between the uncertain assumptions: the *total index* ST is the
# share of the variance that would disappear if that assumption were known exactly
# (including its interactions with others). The tornado shows the same question more
# plainly: each assumption moved to its low and high value, all others held.

# %%
sens = sensitivity(wf, two_days, params, n_base=N_BASE, seed=1, top=6)
ci = sens.indices.assign(
    S1_low=lambda d: d["S1"] - d["S1_conf"], S1_high=lambda d: d["S1"] + d["S1_conf"],
    ST_low=lambda d: d["ST"] - d["ST_conf"], ST_high=lambda d: d["ST"] + d["ST_conf"])
(ci[["metric", "label", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"]]
 .style.format("{:.2f}", subset=["S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"])
 .hide(axis="index")
 .set_caption(f"Sobol' indices with 95 % confidence intervals (bootstrap), N = {N_BASE:,}"))

# %% [markdown]
# With N = 1,024 base samples (about 92,000 model runs), the 95 % confidence intervals of
# the leading indices are about ±0.05 wide: narrow enough to rank the top two or three
# assumptions with confidence. Indices below about 0.05 cannot be told apart from zero, and
# for them S1 may come out a little above ST, or below zero; that is sampling noise inside
# the intervals, not a property of the model (S1 ≤ ST holds in theory). With a small sample
# (N = 64) the intervals are ±0.2 or wider and the ranking itself is not to be trusted.

# %%
for metric, unit in (("net_co2e_t", None), ("net_cost", f"{params.currency}/yr")):
    ax = plotting.tornado(sens.tornado, metric, top=6, unit=unit, scenario=two_days.name)
    plotting.save(ax, FIGURES / f"tornado_{metric}", dpi=150, close=False)
plt.show()

# %%
top_net = sens.indices[sens.indices["metric"] == "net_co2e_t"].iloc[0]
print(f"For net CO2e the most important assumption is '{top_net['label']}' "
      f"(total Sobol' index {top_net['ST']:.2f}).")

# %% [markdown]
# **What this means.** For CO₂e, the uncertainty is dominated by the *rebound*: how many of
# the avoided commuting kilometres people drive anyway for other purposes on home days. That
# is a behavioural number, poorly known, and the one to state clearly in any decision paper
# (or to measure with a travel survey). Car emission factors come next. For money, the
# office side matters most: the running cost of each day someone is in the office (cleaning,
# consumables), then the floor space per desk and the rebound driving. The service level and
# the number of home days are decisions, not uncertainties; the sweep shows their effect.

# %% [markdown]
# ## Work travel: meetings held online
#
# Commuting is not the only travel remote work changes. Public employers pay mileage
# allowances (kørselsgodtgørelse) for trips made in working time, and those records say what
# each trip was for. `rc.read_work_trips` reads such an export (here the demo organisation's
# synthetic claims for 2025: home-care rounds, meetings between sites, courses, inspections,
# goods); the scenario lever `virtual_meeting_share` holds that share of the *replaceable*
# trips online. Home-care visits and goods transport are never replaceable.

# %%
trips = rc.read_work_trips(rc.datasets.demo_work_trips(2000, seed=0), workforce=wf)
print(trips)
trips.trips.groupby("purpose").agg(trips=("km", "size"), travellers=("employee_id", "nunique"))

# %%
online = two_days.replace(name="2 days + half of meetings online", virtual_meeting_share=0.5)
with_trips = rc.assess(wf, online, params, work_trips=trips).summary().set_index("metric")
rows = ["work_travel_km", "work_travel_co2e_t", "virtual_meeting_co2e_t",
        "work_travel_reimbursement_cost", "net_co2e_t", "net_cost"]
with_trips.loc[rows, ["unit", "baseline", "scenario", "change"]].round(1)

# %%
from remotecalc.evaluation.entry import work_travel_table

table = work_travel_table(wf.with_work_trips(trips), online, params)
ax = plotting.work_travel_by_purpose(table, note=f"Parameter set {params.name}.")
plotting.save(ax.figure, FIGURES / "work_travel", formats=("png",), dpi=150, close=False)
plt.show()

# %% [markdown]
# **What this means.** In this organisation most work-travel kilometres are home-care
# rounds, which no video call replaces; meetings between sites are short. Holding half of the
# replaceable trips online saves a few tonnes of CO₂e and some mileage allowance: small next
# to commuting, and the replaceable shares are assumptions (status M in the parameter set)
# that a Monte Carlo run draws across their ranges.
