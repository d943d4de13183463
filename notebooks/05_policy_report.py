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
# # 5. The policy report, for any staff file, plan and parameter set
#
# This notebook writes the full remotecalc policy report (HTML, PDF and an Excel workbook
# with every table, plus the figures as PNG and SVG) into `reports/<name>/`. It is meant to
# be run with [papermill](https://papermill.readthedocs.io), which replaces the values in
# the next cell, so the same notebook serves any organisation:
#
# ```bash
# papermill notebooks/05_policy_report.ipynb reports/plan.ipynb \
#     -p staff data/examples/staff.csv -p sites data/examples/sites.csv \
#     -p scenarios data/examples/scenarios.toml -p params dk-2025 -p name plan -p lang en
# ```
#
# Relative paths are taken from the project folder. Run as it is, the notebook reports on
# the demo organisation into `reports/demo_notebook/`.

# %% tags=["parameters"]
staff = "data/examples/staff.csv"          # staff file (CSV, XLSX or Parquet)
sites = "data/examples/sites.csv"          # sites file
scenarios = "data/examples/scenarios.toml"  # the plan: scenarios to compare
params = "dk-2025"                          # parameter set name (or a TOML file)
name = "demo_notebook"                      # the report goes to reports/<name>/
lang = "en"                                 # "en" or "da"
n_draws = 300                               # Monte Carlo draws for the 5-95 % ranges

# %%
from pathlib import Path

import pandas as pd
from IPython.display import Image, display

import remotecalc as rc

ROOT = Path.cwd() if (Path.cwd() / "pyproject.toml").exists() else Path.cwd().parent


def resolve(path):
    """A path as given, or relative to the project folder."""
    p = Path(path)
    return p if p.is_absolute() or p.exists() else ROOT / p


OUT = ROOT / "reports" / name
staff_path, sites_path, plan_path = resolve(staff), resolve(sites), resolve(scenarios)
param_set = rc.load_parameters(str(resolve(params)) if str(params).endswith(".toml")
                               else params)

# %% [markdown]
# ## The data
#
# The staff and site files are read and checked. Rows that cannot be used stop the report
# with a message naming the row and the problem: a report built on silently dropped rows
# would mislead.

# %%
wf = rc.read_staffing(staff_path, sites=sites_path)
print(wf.summary())

# %% [markdown]
# ## The plan
#
# Each scenario is a variant of the plan's base policy. The first one is the *main*
# scenario, for which the single-scenario figures (the CO₂e waterfall, who gains) are drawn.

# %%
plan = rc.load_scenarios(plan_path)
for s in plan:
    print("-", s.name)

# %% [markdown]
# ## The report
#
# `rc.report` assesses every scenario, computes 5–95 % ranges by Monte Carlo from the
# parameter set's declared uncertainties, runs the sensitivity analysis, draws the figures
# and writes the files. Groups of fewer than five employees never appear.

# %%
files = rc.report(wf, plan, param_set, out=OUT, lang=lang, n_draws=int(n_draws), seed=0)
files

# %%
for f in sorted(OUT.rglob("*")):
    if f.is_file() and f.parent == OUT:
        print(f.relative_to(ROOT), f"{f.stat().st_size / 1024:,.0f} kB")
print(len(list((OUT / "figures").glob("*.png"))), "figures in",
      (OUT / "figures").relative_to(ROOT))

# %% [markdown]
# The first two figures of the report, as the reader will see them: every scenario's change
# of net CO₂e and cost against today, and the main scenario's CO₂e step by step.

# %%
for png in sorted((OUT / "figures").glob("*.png"))[:2]:
    display(Image(filename=str(png), width=640))

# %% [markdown]
# ## The headline
#
# The same numbers as the report's headline table: each scenario's change against today,
# per year. Open `report.html` for the full story, the ranges, the method and every
# assumption with its source.

# %%
results = [rc.assess(wf, s, param_set) for s in plan]
headline = ["commute_km", "net_co2e_t", "employee_net_cost", "office_cost", "desks_needed",
            "area_released_m2"]
rows = {r.scenario.name: r.summary().set_index("metric").loc[headline, "change"]
        for r in results}
labels = results[0].summary().set_index("metric").loc[headline]
summary = pd.DataFrame(rows)
summary.index = [f"{labels.loc[m, 'label']} [{labels.loc[m, 'unit']}]" for m in headline]
summary.style.format("{:+,.0f}")
